//! Scalar formats of v1: ids, dates, ISO-8601 durations, checklist item ids, country codes,
//! and the one definition of a blank or placeholder value that never counts as filled in.

use jiff::civil::Date;
use jiff::{Span, SpanRelativeTo};
use std::cmp::Ordering;

/// `^[a-z0-9][a-z0-9-]{0,62}$`
pub fn is_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checklist item ids: `P1-1-1`, `P2-A6`, `P1-B3-1`.
pub fn is_item_id(text: &str) -> bool {
    let mut parts = text.split('-');
    if !matches!(parts.next(), Some("P1" | "P2")) {
        return false;
    }
    let mut count = 0;
    for part in parts {
        count += 1;
        let mut chars = part.chars();
        let rest = match chars.next() {
            Some(c) if c.is_ascii_uppercase() => chars.as_str(),
            Some(c) if c.is_ascii_digit() => part,
            _ => return false,
        };
        if rest.is_empty() || rest.len() > 3 || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    count > 0
}

/// A calendar date written exactly `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    text.parse::<Date>().ok()
}

/// For a text shaped `YYYY-MM-DD` with a real month whose day is past the month's end
/// (`2026-02-30`): the year, the month and the days that month has.
pub fn day_past_month_end(text: &str) -> Option<(i16, i8, i8)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i16 = text.get(0..4)?.parse().ok()?;
    let month: i8 = text.get(5..7)?.parse().ok()?;
    let day: i8 = text.get(8..10)?.parse().ok()?;
    let first = Date::new(year, month, 1).ok()?;
    let days = first.days_in_month();
    (day > days).then_some((year, month, days))
}

/// The form's answer a Japanese word means (`はい` → `yes`), for the help of a wrong answer.
pub fn answer_word(text: &str) -> Option<&'static str> {
    match text.trim() {
        "はい" | "有" | "あり" | "済" | "○" | "〇" => Some("yes"),
        "いいえ" | "無" | "なし" | "未" | "×" => Some("no"),
        "該当なし" | "対象外" | "非該当" | "－" | "ー" => Some("na"),
        _ => None,
    }
}

/// An ISO-8601 duration (`PT1H`, `P30D`, `P6M`, `P1Y`); the friendly `1 year` forms are refused.
pub fn parse_duration(text: &str) -> Option<Span> {
    let upper = text.as_bytes().first().copied();
    if upper != Some(b'P') || text.len() < 3 || text.contains(['-', ' ', ',']) {
        return None;
    }
    let span: Span = text.parse().ok()?;
    (!span.is_negative()).then_some(span)
}

/// Fillers that stand for "not written yet" (compared after folding, see [`is_placeholder`]).
const FILLERS: &[&str] = &[
    "todo",
    "tbd",
    "tbc",
    "tba",
    "fixme",
    "xxx",
    "xx",
    "?",
    "??",
    "???",
    "-",
    "--",
    "---",
    "_",
    "__",
    "___",
    "…",
    "n/a",
    "tk",
    "placeholder",
    "未定",
    "未記入",
    "未記載",
    "未入力",
    "要確認",
    "調整中",
    "確認中",
    "検討中",
    "記入中",
    "追記予定",
    "記入予定",
    "〇〇",
    "○○",
    "◯◯",
    "●●",
    "××",
    "ー",
    "―",
];

/// Folds full-width ASCII (`ＴＯＤＯ`, `？`) and the ideographic space to their ASCII forms and
/// lower-cases, so that a filler typed on a Japanese keyboard is the same filler.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a clause reference is only a template: `第◯条`, `第○条`, `第〇条`, `第__条`,
/// `第 条`, `第?条` — a 第…条 whose number is not written.
fn unnumbered_article(folded: &str) -> bool {
    let Some(inner) = folded
        .strip_prefix('第')
        .and_then(|rest| rest.strip_suffix('条'))
    else {
        return false;
    };
    inner.chars().all(|c| {
        matches!(
            c,
            '◯' | '○' | '〇' | '●' | '_' | '?' | '×' | 'x' | '*' | '＊'
        ) || c.is_whitespace()
    })
}

/// Whether a text is blank or a placeholder that stands for a value not yet written: empty or
/// whitespace only; a filler such as `TODO`, `TBD`, `FIXME`, `XXX`, `N/A`, `?`, `-`, `未定`,
/// `未記入`, `要確認`, `調整中` (case-insensitive, full-width forms included, surrounding
/// punctuation ignored); any text starting with `TODO`, `TBD` or `FIXME`; or an article number
/// left as a template (`第◯条`, `第__条`). Such a value is treated as absent by every rule.
pub fn is_placeholder(text: &str) -> bool {
    let folded = fold(text);
    let trimmed = folded.trim();
    if trimmed.is_empty() {
        return true;
    }
    let bare = trimmed.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | ')'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '「'
                    | '」'
                    | '【'
                    | '】'
                    | '（'
                    | '）'
                    | '"'
                    | '\''
                    | '.'
                    | '。'
            )
    });
    if bare.is_empty() || FILLERS.contains(&bare) || unnumbered_article(bare) {
        return true;
    }
    ["todo", "tbd", "fixme"].iter().any(|p| {
        bare.strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

/// Whether a YAML value is blank: null, a blank or placeholder string, an empty list or
/// mapping, or a list whose every item is blank. A blank value never satisfies a rule.
pub fn is_blank(node: &crate::yaml::Node) -> bool {
    use crate::yaml::Value;
    match &node.value {
        Value::Null => true,
        Value::Str(s) => is_placeholder(s),
        Value::Seq(items) => items.iter().all(is_blank),
        Value::Map(entries) => entries.is_empty(),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => false,
    }
}

/// Adds a duration to a date (calendar arithmetic: `P1M` after 01-31 is the end of February).
pub fn add(date: Date, span: Span) -> Option<Date> {
    date.checked_add(span).ok()
}

/// Compares two durations as calendar lengths from a reference date.
pub fn compare_durations(a: Span, b: Span, relative_to: Date) -> Option<Ordering> {
    a.compare((b, SpanRelativeTo::from(relative_to))).ok()
}

/// ISO-3166 alpha-2 shape: two upper-case ASCII letters.
/// A time of day `HH:MM` (`00:00`..`24:00`) as minutes since midnight.
pub fn parse_time(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

pub fn is_country(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_past_the_months_end_is_told_with_the_months_length() {
        assert_eq!(day_past_month_end("2026-02-30"), Some((2026, 2, 28)));
        assert_eq!(day_past_month_end("2028-02-30"), Some((2028, 2, 29)));
        assert_eq!(day_past_month_end("2026-04-31"), Some((2026, 4, 30)));
        for other in [
            "2026-02-28",
            "2026-13-01",
            "2026-00-10",
            "2026/02/30",
            "26-02-30",
            "2026-02-3x",
        ] {
            assert_eq!(day_past_month_end(other), None, "{other:?}");
        }
    }

    #[test]
    fn japanese_answers_map_to_the_forms_words() {
        assert_eq!(answer_word("はい"), Some("yes"));
        assert_eq!(answer_word(" いいえ "), Some("no"));
        assert_eq!(answer_word("該当なし"), Some("na"));
        assert_eq!(answer_word("たぶん"), None);
    }

    #[test]
    fn times_of_day_are_hh_mm_up_to_midnight() {
        assert_eq!(parse_time("00:00"), Some(0));
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("24:00"), Some(1440));
        for bad in [
            "9:00", "24:01", "25:00", "12:60", "12:5", "1200", "12:00:00", "", "ab:cd", "+1:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ids() {
        assert!(is_id("minato-clinic"));
        assert!(is_id("0abc"));
        assert!(!is_id("-abc"));
        assert!(!is_id("Minato"));
        assert!(!is_id(&"a".repeat(64)));
        assert!(is_id(&"a".repeat(63)));
    }

    #[test]
    fn item_ids() {
        for ok in ["P2-A6", "P1-B3-1", "P1-1-1", "P2-A11"] {
            assert!(is_item_id(ok), "{ok}");
        }
        for bad in ["P3-A1", "P2", "P2-", "p2-a6", "P2-AA1", "P2-A6-"] {
            assert!(!is_item_id(bad), "{bad}");
        }
    }

    #[test]
    fn dates_must_be_exact() {
        assert!(parse_date("2026-04-01").is_some());
        assert!(parse_date("2026-4-1").is_none());
        assert!(parse_date("2026/04/01").is_none());
        assert!(parse_date("2026-02-30").is_none());
    }

    #[test]
    fn durations_are_iso_8601() {
        assert!(parse_duration("P1Y").is_some());
        assert!(parse_duration("PT1H").is_some());
        assert!(parse_duration("P30D").is_some());
        assert!(parse_duration("1 year").is_none());
        for zero in ["P0D", "PT0S", "PT0H", "P0Y"] {
            assert!(parse_duration(zero).is_some(), "{zero} is a valid duration");
        }
        assert!(parse_duration("-P1D").is_none());
        assert!(parse_duration("P").is_none());
    }

    #[test]
    fn placeholders_and_blanks() {
        for blank in [
            "",
            " ",
            "\t\n",
            "\u{3000}",
            "TODO",
            "todo",
            "ＴＯＤＯ",
            "TODO: 第◯条",
            "TODO 記入",
            "todo(vendor)",
            "TBD",
            "tbc",
            "FIXME",
            "XXX",
            "xx",
            "?",
            "？",
            "-",
            "N/A",
            "n/a",
            "Ｎ／Ａ",
            "未定",
            "未記入",
            "要確認",
            "調整中",
            "第◯条",
            "第○条",
            "第〇条",
            "第__条",
            "第 条",
            "（未定）",
            "[TBD]",
            "<TODO>",
            "...",
        ] {
            assert!(is_placeholder(blank), "{blank:?} is a placeholder");
        }
        for filled in [
            "第12条",
            "第3条第2項",
            "Article 7",
            "TODOS los datos",
            "todoist export",
            "24/7",
            "平日 9:00-18:00",
            "x-ray",
            "none",
            "na",
            "該当なし",
            "none of the above applies",
            "NA-1",
            "6.0",
            "yes",
            "Tokyo",
            "不明点は別紙",
            "2026-04-01",
        ] {
            assert!(!is_placeholder(filled), "{filled:?} is a real value");
        }
    }

    #[test]
    fn month_arithmetic_and_duration_order() {
        let d = parse_date("2026-01-31").unwrap_or_default();
        assert_eq!(
            add(d, parse_duration("P1M").unwrap_or_default()),
            parse_date("2026-02-28")
        );
        let (y, m18) = (
            parse_duration("P1Y").unwrap_or_default(),
            parse_duration("P18M").unwrap_or_default(),
        );
        assert_eq!(compare_durations(m18, y, d), Some(Ordering::Greater));
        let m12 = parse_duration("P12M").unwrap_or_default();
        assert_eq!(compare_durations(m12, y, d), Some(Ordering::Equal));
    }
}
