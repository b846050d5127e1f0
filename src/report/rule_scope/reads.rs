//! What a rule checks, which fields it reads (per collection), the references it follows and
//! the values it takes from elsewhere, and what an absent value does — per check kind, as the
//! check kinds in `rules/check/` evaluate them.

use super::{and, collection, condition_fields, operand_texts, selection, tr, value};
use crate::i18n::Lang;
use crate::rules::catalog::Rule;
use crate::rules::spec::{Check, Op, Operand, Select};
use std::collections::BTreeSet;

/// Whether any selection of the check has a `where` condition.
pub(super) fn has_conditions(check: &Check) -> bool {
    let mut all: Vec<&Select> = check.subject().into_iter().collect();
    match check {
        Check::Exists { find, .. } => all.push(find),
        Check::Covers { values, .. } => all.push(&values.select),
        _ => {}
    }
    all.extend(check.when().iter().map(|w| &w.count));
    let facts = match check {
        Check::Conflicts { facts, .. } => facts.as_slice(),
        _ => &[],
    };
    all.iter()
        .any(|s| !s.conditions.is_empty() || !s.any.is_empty())
        || facts
            .iter()
            .any(|f| !f.conditions.is_empty() || !f.any.is_empty())
}

fn op(o: Op) -> &'static str {
    match o {
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::Ge => ">=",
        Op::Gt => ">",
    }
}

fn side(o: &Operand, rule: &Rule, lang: Lang) -> String {
    let one = |t: &str| {
        if t.starts_with('$') {
            value(t, rule, lang)
        } else {
            format!("`{t}`")
        }
    };
    match o {
        Operand::Value(v) => one(&v.to_string()),
        Operand::Plus { date, plus } => {
            format!("{} + {}", one(&date.to_string()), one(&plus.to_string()))
        }
    }
}

/// "It checks that …": what must hold for each selected entity.
pub(super) fn checks_that(rule: &Rule, lang: Lang) -> Option<String> {
    let sep = if lang == Lang::Ja { "、" } else { ", " };
    let that: Vec<String> = match &rule.check {
        Check::Required { expect, .. } => expect
            .iter()
            .map(|e| {
                let mut text = tr(
                    lang,
                    &format!("`{}` is present", e.field),
                    &format!("`{}` がある", e.field),
                );
                if let Some(v) = &e.equals {
                    text.push_str(&tr(lang, " and is ", "（値は "));
                    text.push_str(&super::scalar(v, rule, lang));
                    text.push_str(&tr(lang, "", "）"));
                }
                if let Some(list) = &e.one_of {
                    let words: Vec<String> =
                        list.iter().map(|v| super::scalar(v, rule, lang)).collect();
                    text.push_str(&tr(lang, " and is one of ", "（値は次のいずれか: "));
                    text.push_str(&words.join(if lang == Lang::Ja { "、" } else { ", " }));
                    text.push_str(&tr(lang, "", "）"));
                }
                if let Some(v) = &e.contains {
                    text.push_str(&tr(lang, " and contains ", "（次を含む: "));
                    text.push_str(&super::scalar(v, rule, lang));
                    text.push_str(&tr(lang, "", "）"));
                }
                text
            })
            .collect(),
        Check::ExactlyOne { fields, .. } => fields
            .iter()
            .map(|f| {
                tr(
                    lang,
                    &format!("`{f}` names exactly one value"),
                    &format!("`{f}` がちょうど 1 つの値を指す"),
                )
            })
            .collect(),
        Check::Exists { find, .. } => vec![match lang {
            Lang::En => format!(
                "there is at least one of the {}",
                selection(find, rule, lang, true)
            ),
            Lang::Ja => format!("{}が少なくとも 1 つある", selection(find, rule, lang, true)),
        }],
        Check::Covers { field, values, .. } => vec![match lang {
            Lang::En => format!(
                "`{field}` lists the `{}` of every one of the {}",
                values.value,
                selection(&values.select, rule, lang, true)
            ),
            Lang::Ja => format!(
                "`{field}` に、{}すべての `{}` が挙げられている",
                selection(&values.select, rule, lang, true),
                values.value
            ),
        }],
        Check::Compare {
            comparisons,
            only_where,
            against,
            ..
        } => {
            let text = |c: &crate::rules::spec::Comparison| {
                format!(
                    "{} {} {}",
                    side(&c.left, rule, lang),
                    op(c.op),
                    side(&c.right, rule, lang)
                )
            };
            let mut that: Vec<String> = comparisons.iter().map(text).collect();
            if !only_where.is_empty() {
                let guards: Vec<String> = only_where.iter().map(text).collect();
                let last = that.pop().unwrap_or_default();
                that.push(match lang {
                    Lang::En => format!("{last} (only where {})", guards.join(&and(lang))),
                    Lang::Ja => format!("{last}（{} の場合のみ）", guards.join(sep)),
                });
            }
            if let Some(against) = against {
                let last = that.pop().unwrap_or_default();
                that.push(match lang {
                    Lang::En => format!(
                        "{last}, against each of the {} (the compared entity)",
                        selection(against, rule, lang, true)
                    ),
                    Lang::Ja => format!(
                        "{last}（比較相手: {}のそれぞれ）",
                        selection(against, rule, lang, true)
                    ),
                });
            }
            that
        }
        Check::Answers { .. } => vec![tr(
            lang,
            "the record names an edition kakunin has a form for, and answers every item of that form (`initial` is `yes`, `no` or `na`) with no placeholder as evidence",
            "記録が kakunin に様式のある版を示し、その様式のすべての項目に回答している（`initial` が `yes`・`no`・`na`）こと、証跡が仮置きでない",
        )],
        Check::Conflicts { facts, .. } => facts
            .iter()
            .map(|f| {
                let fact = Select {
                    collection: f.collection,
                    conditions: f.conditions.clone(),
                    any: f.any.clone(),
                };
                match lang {
                    Lang::En => format!(
                        "there is none of the {}",
                        selection(&fact, rule, lang, true)
                    ),
                    Lang::Ja => format!("{}が無い", selection(&fact, rule, lang, true)),
                }
            })
            .collect(),
        Check::Count { min, max, .. } => vec![match lang {
            Lang::En => format!("their number is {}", super::bounds(*min, *max, lang)),
            Lang::Ja => format!("その数が {}", super::bounds(*min, *max, lang)),
        }],
        Check::Structure | Check::EvidencePaths => return None,
    };
    Some(match lang {
        Lang::En => format!("It checks that {}.", that.join(&and(lang))),
        Lang::Ja => format!("{}ことを確認します。", that.join(sep)),
    })
}

/// What an absent (or unusable) value does, per check kind.
fn absent(check: &Check, lang: Lang) -> String {
    let (en, ja) = match check {
        Check::Structure => (
            "Nothing is passed over silently: what cannot be read is itself the finding.",
            "黙って飛ばすものはありません。読めないもの自体を指摘します。",
        ),
        Check::EvidencePaths => (
            "A field left out names no path and is not checked here; a path that is empty, absolute, uses backslashes, leaves the pack root (after `.` and `..` are worked out), names nothing, names a directory, or names an empty file is a finding.",
            "項目を省略した場合はパスが無いため、ここでは検査しません。空・絶対パス・円記号を含む・（`.` と `..` を解決したうえで）パックのルートの外に出る・存在しない・フォルダを指す・空のファイルを指すパスは指摘します。",
        ),
        Check::Required { .. } => (
            "An expected field that is absent is a finding, at the last key present; a value other than the expected one is a finding. A field reached through a reference that names nothing is left to `unresolved-reference`.",
            "期待する項目が無い場合は、存在する最後のキーの位置で指摘します。期待と異なる値も指摘します。名前の解決できない参照の先の項目は `unresolved-reference` に任せます。",
        ),
        Check::ExactlyOne { .. } => (
            "A field that is absent or an empty list is a finding (none); a list of several is a finding (many); one value passes. A reference that names nothing is left to `unresolved-reference`.",
            "項目が無い、または空のリストの場合は指摘します（none）。複数の値のリストも指摘します（many）。値が 1 つなら適合です。名前の解決できない参照は `unresolved-reference` に任せます。",
        ),
        Check::Exists { .. } => (
            "Each checked entity with no match is a finding.",
            "一致するものが無い検査対象ごとに指摘します。",
        ),
        Check::Covers { .. } => (
            "An entity whose list is absent is not checked here (its presence is another rule's job); each expected value missing from a list is a finding. A selected entity without the value field adds no expected value.",
            "リストの項目が無い対象はここでは検査しません（有無は別のルールが確認します）。リストに無い期待値ごとに指摘します。値の項目が無い対象は期待値を加えません。",
        ),
        Check::Compare { .. } => (
            "A comparison whose side is absent (or blank, or a placeholder) is skipped: presence is another rule's job. A side that is there but cannot be used — a date plus a duration past the calendar, a value of the wrong kind — is never a pass: `comparison-operand` reports it.",
            "比較の一方の値が無い（空欄・仮置きを含む）場合、その比較は行いません（値の有無は別のルールが確認します）。値はあるが使えない場合（暦を超える日付＋期間、種類の違う値など）は適合とせず、`comparison-operand` が指摘します。",
        ),
        Check::Answers { .. } => (
            "A record with no items, an item left out of `items`, a blank or placeholder answer or evidence: each is a finding naming the item.",
            "`items` が無い記録、`items` に無い項目、空欄や仮置きの回答・証跡は、それぞれ項目を示して指摘します。",
        ),
        Check::Conflicts { .. } => (
            "A declaration that is absent contradicts nothing here (its presence is another rule's job); each matching fact is a finding at the declaration, with the fact as a related location.",
            "宣言が無い場合はここでは矛盾を判断しません（有無は別のルールが確認します）。一致する事実ごとに、宣言の位置で指摘し、事実の位置を関連箇所として示します。",
        ),
        Check::Count { .. } => (
            "Every selected entity counts; fewer than the minimum is a finding at the pack, more than the maximum a finding at each one past it.",
            "選ばれた対象をすべて数えます。最小数に満たない場合はパックで、最大数を超える場合は超えた対象ごとに指摘します。",
        ),
    };
    let head = tr(lang, "Absent values: ", "値が無い場合: ");
    format!("{head}{}", tr(lang, en, ja))
}

/// A field path in words when it follows references: `a->b` reads `b` of what `a` names.
fn follows(path: &str, lang: Lang) -> Option<String> {
    let steps: Vec<&str> = path.split("->").collect();
    if steps.len() < 2 {
        return None;
    }
    let hops: Vec<String> = steps[..steps.len() - 1]
        .iter()
        .map(|s| format!("`{s}`"))
        .collect();
    let last = steps[steps.len() - 1];
    Some(match lang {
        Lang::En => format!(
            "`{path}`: follows the id in {} to the entity it names and reads `{last}` there",
            hops.join(", then ")
        ),
        Lang::Ja => format!(
            "`{path}`: {} の id が指す相手をたどり、その `{last}` を読みます",
            hops.join(" → ")
        ),
    })
}

/// The lines of "What it reads".
pub(super) fn reads(rule: &Rule, lang: Lang) -> Vec<String> {
    let check = &rule.check;
    let mut lines = Vec::new();
    let mut refs: BTreeSet<String> = BTreeSet::new();
    let mut paths: BTreeSet<String> = BTreeSet::new();
    let mut group = |select: &Select, extra: Vec<String>, lines: &mut Vec<String>| {
        let mut fields = BTreeSet::new();
        condition_fields(select, &mut fields, &mut refs);
        for f in extra {
            if f.starts_with('$') {
                refs.insert(f);
            } else {
                fields.insert(f);
            }
        }
        if fields.is_empty() {
            return;
        }
        paths.extend(fields.iter().cloned());
        let sep = if lang == Lang::Ja { "、" } else { ", " };
        let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        let (_, many) = collection(select.collection, lang);
        lines.push(match lang {
            Lang::En => format!("Fields of {many}: {}", list.join(sep)),
            Lang::Ja => format!("{many}の項目: {}", list.join(sep)),
        });
    };
    match check {
        Check::Required { for_each, expect, .. } => {
            group(for_each, expect.iter().map(|e| e.field.to_string()).collect(), &mut lines);
            for e in expect {
                if let Some(crate::rules::spec::Scalar::Ref(r)) = &e.contains {
                    group(for_each, vec![r.to_string()], &mut lines);
                }
            }
        }
        Check::ExactlyOne { for_each, fields, .. } => group(for_each, fields.iter().map(ToString::to_string).collect(), &mut lines),
        Check::Exists {
            for_each,
            find,
            fix_at,
            ..
        } => {
            group(for_each, Vec::new(), &mut lines);
            group(find, Vec::new(), &mut lines);
            if let Some(fix) = fix_at {
                group(&fix.select, vec![fix.at.to_string()], &mut lines);
            }
        }
        Check::Covers { for_each, field, values, .. } => {
            group(for_each, vec![field.to_string()], &mut lines);
            group(&values.select, vec![values.value.to_string()], &mut lines);
        }
        Check::Compare {
            for_each,
            comparisons,
            only_where,
            against,
            ..
        } => {
            let sides: Vec<String> = comparisons
                .iter()
                .chain(only_where)
                .flat_map(|c| operand_texts(&c.left).into_iter().chain(operand_texts(&c.right)))
                .collect();
            let (theirs, own): (Vec<String>, Vec<String>) =
                sides.into_iter().partition(|s| s.starts_with("$other."));
            group(for_each, own, &mut lines);
            if let Some(against) = against {
                let fields = theirs
                    .iter()
                    .filter_map(|s| s.strip_prefix("$other."))
                    .map(str::to_owned)
                    .collect();
                group(against, fields, &mut lines);
            }
        }
        Check::Count { of, .. } => group(of, Vec::new(), &mut lines),
        Check::Answers { for_each, .. } => group(
            for_each,
            vec!["edition".into(), "items".into()],
            &mut lines,
        ),
        Check::Conflicts { for_each, facts, at, .. } => {
            group(for_each, at.iter().map(ToString::to_string).collect(), &mut lines);
            for f in facts {
                let fact = Select {
                    collection: f.collection,
                    conditions: f.conditions.clone(),
                    any: f.any.clone(),
                };
                group(&fact, f.at.iter().map(ToString::to_string).collect(), &mut lines);
            }
        }
        Check::Structure => lines.push(tr(
            lang,
            "Every file the pack holds, as it is found and read.",
            "パックのすべてのファイル（見つけて読み込む時点）。",
        )),
        Check::EvidencePaths => lines.push(tr(
            lang,
            "The evidence-path fields above, and the files they name inside the pack root (their kind and size; nothing is opened, and links are resolved step by step without leaving the root).",
            "上記の証跡ファイルのパスの項目と、パックのルート内でそれが指すファイル（種類と大きさ。ファイルは開かず、リンクはルートの外に出ないよう 1 段ずつ解決します）。",
        )),
    }
    for w in check.when() {
        group(&w.count, Vec::new(), &mut lines);
    }
    let followed: Vec<String> = paths.iter().filter_map(|p| follows(p, lang)).collect();
    if !followed.is_empty() {
        let sep = if lang == Lang::Ja { "。" } else { "; " };
        lines.push(format!(
            "{}{}",
            tr(lang, "References it follows: ", "たどる参照: "),
            followed.join(sep)
        ));
    }
    if !refs.is_empty() {
        let sep = if lang == Lang::Ja { "、" } else { "; " };
        let list: Vec<String> = refs.iter().map(|r| value(r, rule, lang)).collect();
        lines.push(match lang {
            Lang::En => format!("Values from elsewhere: {}", list.join(sep)),
            Lang::Ja => format!("ほかから取る値: {}", list.join(sep)),
        });
    }
    lines.push(absent(check, lang));
    lines
}
