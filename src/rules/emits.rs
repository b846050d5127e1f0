//! What each check kind can report: in which situations it uses the rule's main message or a
//! variant, which `{placeholders}` it fills there, and which related-location labels it shows.
//! A rule whose texts need a variant, a placeholder or a label the kind never gives is refused
//! at load, so no finding ever shows an unfilled `{name}` or a text meant for another case.

use super::catalog::Rule;
use super::spec::{Check, Term};
use crate::i18n::{Text, named_placeholders};
use crate::model::code::Code;
use crate::model::issue::suggest;

/// One kind of finding a check can report.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    /// The message variant (the main message when `None`).
    pub variant: Option<String>,
    /// The placeholders filled.
    pub args: &'static [&'static str],
    /// The related-location labels shown.
    pub labels: &'static [&'static str],
    /// When it happens, for messages.
    pub when: &'static str,
}

fn one(
    variant: Option<&str>,
    args: &'static [&'static str],
    labels: &'static [&'static str],
    when: &'static str,
) -> Situation {
    Situation {
        variant: variant.map(str::to_owned),
        args,
        labels,
        when,
    }
}

const FOUND: &[&str] = &["expected", "field", "entity", "actual"];
const COMPARED: &[&str] = &["left", "right", "entity", "today"];
const COMPARED_AGAINST: &[&str] = &["left", "right", "entity", "today", "other"];

/// The labels an `exists` finding shows: near misses, the entity checked (with `fix_at`), and
/// what does not count (with `not_counted`, in its variant).
fn exists_labels(near: bool, checked: bool, not_counted: bool) -> &'static [&'static str] {
    match (near, checked, not_counted) {
        (true, true, true) => &["near_miss", "checked", "not_counted"],
        (true, true, false) => &["near_miss", "checked"],
        (true, false, true) => &["near_miss", "not_counted"],
        (true, false, false) => &["near_miss"],
        (false, true, true) => &["checked", "not_counted"],
        (false, true, false) => &["checked"],
        (false, false, true) => &["not_counted"],
        (false, false, false) => &[],
    }
}

/// The situations of a check; `None` for the kinds whose texts are fixed by kakunin: the
/// loader's `structure` codes (checked against `Code` instead) and the checklist answers.
pub fn situations(check: &Check) -> Option<Vec<Situation>> {
    Some(match check {
        Check::Structure | Check::Answers { .. } => return None,
        Check::Required { expect, .. } => {
            // The field's definition is shown only when it is reached through a `->` hop.
            let hop: &'static [&'static str] = if expect.iter().any(|e| e.field.contains("->")) {
                &["defined"]
            } else {
                &[]
            };
            let mut all = vec![one(None, &["field", "entity"], hop, "a field is absent")];
            for v in expect.iter().filter_map(|e| e.variant.as_deref()) {
                all.push(one(Some(v), &["field", "entity"], hop, "a field is absent"));
            }
            if expect
                .iter()
                .any(|e| e.equals.is_some() || e.one_of.is_some())
            {
                all.push(one(
                    Some("mismatch"),
                    FOUND,
                    hop,
                    "a value differs from `equals`",
                ));
            }
            if expect.iter().any(|e| e.contains.is_some()) {
                all.push(one(
                    Some("not_contained"),
                    FOUND,
                    hop,
                    "a list lacks `contains`",
                ));
            }
            all
        }
        Check::Exists {
            find,
            fix_at,
            not_counted,
            ..
        } => {
            // Near misses are shown when `find` has two conditions or more; the entity checked
            // when the finding stands where its fix goes.
            let conditions = find.conditions.len() + usize::from(!find.any.is_empty());
            let (near, checked) = (conditions >= 2, fix_at.is_some());
            let mut all = vec![one(
                None,
                &["entity"],
                exists_labels(near, checked, false),
                "no counterpart is found",
            )];
            if let Some(n) = not_counted {
                all.push(one(
                    Some(&n.variant),
                    &["entity"],
                    exists_labels(near, checked, true),
                    "only what `not_counted` selects is found",
                ));
            }
            all
        }
        Check::Covers { .. } => vec![one(
            None,
            &["missing", "field", "entity"],
            &["defined"],
            "a value is not listed",
        )],
        Check::Count { min, max, .. } => {
            let mut all = Vec::new();
            if max.is_some() {
                all.push(one(
                    Some("too_many"),
                    &["count", "max", "entity"],
                    &["first"],
                    "more than `max`",
                ));
            }
            if min.is_some() {
                all.push(one(
                    Some("too_few"),
                    &["count", "min"],
                    &[],
                    "fewer than `min`",
                ));
            }
            all
        }
        Check::Compare {
            comparisons,
            against,
            ..
        } => comparisons
            .iter()
            .map(|c| {
                // A side reached through a `->` hop is shown where it is defined.
                let hop = [&c.left, &c.right]
                    .iter()
                    .flat_map(|side| side.terms())
                    .any(|t| matches!(t, Term::Field(p) if p.contains("->")));
                let labels: &'static [&'static str] = match (against.is_some(), hop) {
                    (false, false) => &[],
                    (false, true) => &["defined"],
                    (true, false) => &["other"],
                    (true, true) => &["other", "defined"],
                };
                let (args, what) = match against {
                    None => (COMPARED, "a comparison does not hold"),
                    Some(_) => (
                        COMPARED_AGAINST,
                        "a comparison with the matched entity does not hold",
                    ),
                };
                one(c.variant.as_deref(), args, labels, what)
            })
            .collect(),
        Check::ExactlyOne { .. } => vec![
            one(
                Some("none"),
                &["field", "entity"],
                &[],
                "a field names nobody",
            ),
            one(
                Some("many"),
                &["count", "names", "field", "entity"],
                &[],
                "a field names several",
            ),
        ],
        Check::Conflicts { facts, .. } => facts
            .iter()
            .map(|f| {
                one(
                    f.variant.as_deref(),
                    &["entity", "fact"],
                    &["fact"],
                    "a fact contradicts the declaration",
                )
            })
            .collect(),
        Check::EvidencePaths => ["backslash", "escapes", "not_file", "missing", "empty_file"]
            .iter()
            .map(|v| one(Some(v), &["path"], &[], "an evidence path is unusable"))
            .collect(),
    })
}

/// Every problem of the rule's texts against what its check fills: (top-level key, message).
pub fn problems(rule: &Rule) -> Vec<(&'static str, Text)> {
    if matches!(rule.check, Check::Structure) {
        return structure_problems(rule);
    }
    let Some(situations) = situations(&rule.check) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in &situations {
        let (key, name, text) = match &s.variant {
            None => ("message", "message".to_owned(), &rule.message),
            Some(v) => match rule.variants.get(v) {
                Some(text) => ("variants", format!("variants.{v}"), text),
                None => {
                    out.push((
                        "variants",
                        Text::new(
                            format!("the check reports variant `{v}` (when {}), which `variants` does not define", s.when),
                            format!("このチェックは{}ときに変種 `{v}` を報告しますが、`variants` に定義がありません", when_ja(s.when)),
                        ),
                    ));
                    continue;
                }
            },
        };
        unfilled(text, &name, s, key, &mut out);
        match s.variant.as_ref().and_then(|v| rule.variant_help.get(v)) {
            Some(help) => unfilled(help, "variant_help", s, "variant_help", &mut out),
            None => unfilled(&rule.help, "help", s, "help", &mut out),
        }
        for label in s.labels {
            match rule.labels.get(*label) {
                Some(text) => unfilled(text, &format!("labels.{label}"), s, "labels", &mut out),
                None => out.push((
                    "labels",
                    Text::new(
                        format!("the check shows a related location labelled `{label}` (when {}), which `labels` does not define", s.when),
                        format!("このチェックは{}ときにラベル `{label}` の関連箇所を示しますが、`labels` に定義がありません", when_ja(s.when)),
                    ),
                )),
            }
        }
    }
    for name in rule.variant_help.keys() {
        if !situations
            .iter()
            .any(|s| s.variant.as_deref() == Some(name))
        {
            out.push((
                "variant_help",
                Text::new(
                    format!("`variant_help.{name}`: the check never reports variant `{name}`"),
                    format!("`variant_help.{name}`: このチェックが変種 `{name}` を報告することはありません"),
                ),
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A `structure` rule holds the texts of one of kakunin's own codes: it must be one, and define
/// exactly the variants and labels that code emits, using only the placeholders it fills.
fn structure_problems(rule: &Rule) -> Vec<(&'static str, Text)> {
    let Some(code) = Code::from_id(&rule.id) else {
        let known = Code::ALL.map(Code::id);
        let suggestion = suggest(&rule.id, known);
        let hint_en = suggestion
            .as_ref()
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        let hint_ja = suggestion
            .as_ref()
            .map(|h| format!("（`{h}` の誤りではありませんか？）"))
            .unwrap_or_default();
        let id = &rule.id;
        return vec![(
            "check",
            Text::new(
                format!(
                    "kind `structure` holds the texts of a finding kakunin raises itself, and `{id}` is none of them{hint_en}; a rule of your own needs a check kind such as `required` or `compare`"
                ),
                format!(
                    "kind `structure` は kakunin 自身が出す指摘の文言を持つものですが、`{id}` はそのどれでもありません{hint_ja}。独自のルールには `required` や `compare` などのチェック種別を使ってください"
                ),
            ),
        )];
    };
    let mut out = Vec::new();
    let id = &rule.id;
    let declared = |names: &[&str],
                    defined: Vec<&String>,
                    key: &'static str,
                    what: (&str, &str)| {
        let mut out = Vec::new();
        let (what_en, what_ja) = what;
        for name in names {
            if !defined.iter().any(|d| d.as_str() == *name) {
                out.push((
                    key,
                    Text::new(
                        format!("`{id}` reports {what_en} `{name}`, which `{key}` does not define"),
                        format!(
                            "`{id}` は{what_ja} `{name}` を報告しますが、`{key}` に定義がありません"
                        ),
                    ),
                ));
            }
        }
        for name in defined {
            if !names.contains(&name.as_str()) {
                out.push((
                    key,
                    Text::new(
                        format!("`{id}` never reports {what_en} `{name}`: remove it from `{key}`"),
                        format!("`{id}` が{what_ja} `{name}` を報告することはありません。`{key}` から削除してください"),
                    ),
                ));
            }
        }
        out
    };
    out.extend(declared(
        code.variants(),
        rule.variants.keys().collect(),
        "variants",
        ("variant", "変種"),
    ));
    out.extend(declared(
        code.labels(),
        rule.labels.keys().collect(),
        "labels",
        ("a related location labelled", "関連箇所のラベル"),
    ));
    let all = one(None, code.args(), &[], "it reports this finding");
    unfilled(&rule.message, "message", &all, "message", &mut out);
    unfilled(&rule.help, "help", &all, "help", &mut out);
    for (name, text) in &rule.variants {
        unfilled(
            text,
            &format!("variants.{name}"),
            &all,
            "variants",
            &mut out,
        );
    }
    for (name, text) in &rule.labels {
        unfilled(text, &format!("labels.{name}"), &all, "labels", &mut out);
    }
    for (name, text) in &rule.variant_help {
        if !code.variants().contains(&name.as_str()) {
            out.push((
                "variant_help",
                Text::new(
                    format!("`variant_help.{name}`: `{id}` never reports variant `{name}`"),
                    format!(
                        "`variant_help.{name}`: `{id}` が変種 `{name}` を報告することはありません"
                    ),
                ),
            ));
        }
        unfilled(
            text,
            &format!("variant_help.{name}"),
            &all,
            "variant_help",
            &mut out,
        );
    }
    out.sort();
    out
}

fn unfilled(
    text: &Text,
    name: &str,
    s: &Situation,
    key: &'static str,
    out: &mut Vec<(&'static str, Text)>,
) {
    for (lang, t) in [("en", &text.en), ("ja", &text.ja)] {
        for p in named_placeholders(t) {
            if s.args.contains(&p) {
                continue;
            }
            let suggestion = suggest(p, s.args.iter().copied());
            let hint_en = suggestion
                .as_ref()
                .map(|h| format!("did you mean `{{{h}}}`? "))
                .unwrap_or_default();
            let hint_ja = suggestion
                .as_ref()
                .map(|h| format!("`{{{h}}}` の誤りではありませんか？"))
                .unwrap_or_default();
            let fills = s
                .args
                .iter()
                .map(|a| format!("`{{{a}}}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push((
                key,
                Text::new(
                    format!(
                        "`{name}.{lang}` uses `{{{p}}}`, which the check does not fill when {}: {hint_en}it fills {fills}",
                        s.when
                    ),
                    format!(
                        "`{name}.{lang}` は `{{{p}}}` を使っていますが、このチェックは{}ときにそれを埋めません。{hint_ja}埋めるのは {fills} です",
                        when_ja(s.when)
                    ),
                ),
            ));
        }
    }
}

/// A situation's "when" in Japanese (the situations are kakunin's own, listed here).
fn when_ja(when: &str) -> &'static str {
    match when {
        "a field is absent" => "フィールドがない",
        "a value differs from `equals`" => "値が `equals` と異なる",
        "a list lacks `contains`" => "リストに `contains` の値がない",
        "no counterpart is found" => "対応するものが見つからない",
        "only what `not_counted` selects is found" => "`not_counted` で選んだものだけが見つかった",
        "a value is not listed" => "値がリストにない",
        "more than `max`" => "`max` より多い",
        "fewer than `min`" => "`min` より少ない",
        "a comparison does not hold" => "比較が成り立たない",
        "a comparison with the matched entity does not hold" => {
            "照合した相手との比較が成り立たない"
        }
        "a field names nobody" => "フィールドが誰も指していない",
        "a field names several" => "フィールドが複数を指している",
        "a fact contradicts the declaration" => "事実が申告と矛盾する",
        "an evidence path is unusable" => "根拠資料のパスが使えない",
        "it reports this finding" => "この指摘を報告する",
        _ => "報告する",
    }
}

#[cfg(test)]
#[path = "emits_tests.rs"]
mod tests;
