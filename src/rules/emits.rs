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
        Check::Exists { find, fix_at, .. } => {
            // Near misses are shown when `find` has two conditions or more; the entity checked
            // when the finding stands where its fix goes.
            let conditions = find.conditions.len() + usize::from(!find.any.is_empty());
            let labels: &'static [&'static str] = match (conditions >= 2, fix_at.is_some()) {
                (true, true) => &["near_miss", "checked"],
                (true, false) => &["near_miss"],
                (false, true) => &["checked"],
                (false, false) => &[],
            };
            vec![one(None, &["entity"], labels, "no counterpart is found")]
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
pub fn problems(rule: &Rule) -> Vec<(&'static str, String)> {
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
                        format!("the check reports variant `{v}` (when {}), which `variants` does not define", s.when),
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
                    format!("the check shows a related location labelled `{label}` (when {}), which `labels` does not define", s.when),
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
                format!("`variant_help.{name}`: the check never reports variant `{name}`"),
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A `structure` rule holds the texts of one of kakunin's own codes: it must be one, and define
/// exactly the variants and labels that code emits, using only the placeholders it fills.
fn structure_problems(rule: &Rule) -> Vec<(&'static str, String)> {
    let Some(code) = Code::from_id(&rule.id) else {
        let known = Code::ALL.map(Code::id);
        let hint = suggest(&rule.id, known)
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        return vec![(
            "check",
            format!(
                "kind `structure` holds the texts of a finding kakunin raises itself, and `{}` is none of them{hint}; a rule of your own needs a check kind such as `required` or `compare`",
                rule.id
            ),
        )];
    };
    let mut out = Vec::new();
    let declared = |names: &[&str], defined: Vec<&String>, key: &'static str, what: &str| {
        let mut out = Vec::new();
        for name in names {
            if !defined.iter().any(|d| d.as_str() == *name) {
                out.push((
                    key,
                    format!(
                        "`{}` reports {what} `{name}`, which `{key}` does not define",
                        rule.id
                    ),
                ));
            }
        }
        for name in defined {
            if !names.contains(&name.as_str()) {
                out.push((
                    key,
                    format!(
                        "`{}` never reports {what} `{name}`: remove it from `{key}`",
                        rule.id
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
        "variant",
    ));
    out.extend(declared(
        code.labels(),
        rule.labels.keys().collect(),
        "labels",
        "a related location labelled",
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
                format!(
                    "`variant_help.{name}`: `{}` never reports variant `{name}`",
                    rule.id
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
    out: &mut Vec<(&'static str, String)>,
) {
    for (lang, t) in [("en", &text.en), ("ja", &text.ja)] {
        for p in named_placeholders(t) {
            if s.args.contains(&p) {
                continue;
            }
            let hint = suggest(p, s.args.iter().copied())
                .map(|h| format!("did you mean `{{{h}}}`? "))
                .unwrap_or_default();
            out.push((
                key,
                format!(
                    "`{name}.{lang}` uses `{{{p}}}`, which the check does not fill when {}: {hint}it fills {}",
                    s.when,
                    s.args.iter().map(|a| format!("`{{{a}}}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
#[path = "emits_tests.rs"]
mod tests;
