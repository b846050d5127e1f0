//! Scalar formats of v1: ids, dates, ISO-8601 durations, checklist item ids, country codes.

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

/// An ISO-8601 duration (`PT1H`, `P30D`, `P6M`, `P1Y`); the friendly `1 year` forms are refused.
pub fn parse_duration(text: &str) -> Option<Span> {
    let upper = text.as_bytes().first().copied();
    if upper != Some(b'P') || text.len() < 3 || text.contains(['-', ' ', ',']) {
        return None;
    }
    let span: Span = text.parse().ok()?;
    span.is_positive().then_some(span)
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
pub fn is_country(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(
            parse_duration("P0D").is_none(),
            "a zero cadence is no cadence"
        );
        assert!(parse_duration("-P1D").is_none());
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
