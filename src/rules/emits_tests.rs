//! A rule's texts against what its check fills: each missing variant, unfilled placeholder and
//! missing label refused, and the built-in rules all sound.

use super::problems;
use crate::rules::catalog::Rule;

/// A rule with this check, main message and extra top-level YAML (variants, labels, help).
fn rule(check: &str, message: &str, extra: &str) -> Rule {
    let text = format!(
        "id: r\ntitle: {{en: t, ja: t}}\nseverity: error\nrationale: {{en: r, ja: r}}\nmessage: {{en: \"{message}\", ja: \"{message}\"}}\nhelp: {{en: h, ja: h}}\n{extra}check:\n{check}\nexamples: {{pass: '', fail: ''}}\n"
    );
    crate::yaml::from_str(&text).unwrap_or_else(|e| panic!("{}\n{text}", e.message))
}

const COUNT: &str =
    "  kind: count\n  of: {in: parties, where: {vendor_role: prime}}\n  max: 1\n  min: 1\n";
const BOTH: &str = "variants:\n  too_many: {en: \"{entity} is a second prime ({count})\", ja: \"{entity} {count}\"}\n  too_few: {en: \"no prime ({count} < {min})\", ja: \"{min}\"}\nlabels:\n  first: {en: first, ja: 最初}\n";

#[test]
fn a_sound_rule_has_no_problem() {
    assert_eq!(problems(&rule(COUNT, "m", BOTH)), Vec::new());
}

#[test]
fn a_count_with_min_needs_a_too_few_variant() {
    let extra = BOTH.replace(
        "  too_few: {en: \"no prime ({count} < {min})\", ja: \"{min}\"}\n",
        "",
    );
    let got = problems(&rule(COUNT, "m", &extra));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, "variants");
    assert!(
        got[0]
            .1
            .contains("variant `too_few` (when fewer than `min`)"),
        "{}",
        got[0].1
    );
}

#[test]
fn a_placeholder_the_situation_does_not_fill_is_refused() {
    let extra = BOTH.replace("no prime ({count} < {min})", "no prime {entity}");
    let got = problems(&rule(COUNT, "m", &extra));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].1.contains("`variants.too_few.en` uses `{entity}`"),
        "{}",
        got[0].1
    );
    let misspelt = BOTH.replace("{entity} is a second", "{entty} is a second");
    let got = problems(&rule(COUNT, "m", &misspelt));
    assert!(got[0].1.contains("did you mean `{entity}`?"), "{got:#?}");
}

#[test]
fn help_must_fit_every_situation() {
    let extra = BOTH
        .replace("labels:", "help_unused: x\nlabels:")
        .replace("help_unused: x\n", "");
    let mut r = rule(COUNT, "m", &extra);
    r.help.ja = "{max} を見直す".into();
    let got = problems(&r);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].1.contains("`help.ja` uses `{max}`") && got[0].1.contains("fewer than `min`"),
        "{}",
        got[0].1
    );
}

#[test]
fn a_label_the_check_shows_must_exist() {
    let got = problems(&rule(
        COUNT,
        "m",
        &BOTH.replace("labels:\n  first: {en: first, ja: 最初}\n", ""),
    ));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("labelled `first`"), "{}", got[0].1);
}

#[test]
fn required_main_message_fills_only_field_and_entity() {
    let check = "  kind: required\n  for_each: {in: slas}\n  expect: [{field: customer, contains: $pack.institution}]\n";
    let variants = "variants:\n  not_contained: {en: \"{field} {actual} {expected}\", ja: \"{expected}\"}\nlabels:\n  defined: {en: d, ja: d}\n";
    assert_eq!(
        problems(&rule(check, "{entity} lacks {field}", variants)),
        Vec::new()
    );
    let got = problems(&rule(check, "{entity} lacks {expected}", variants));
    assert!(
        got.iter()
            .any(|(_, m)| m.contains("`message.en` uses `{expected}`")
                && m.contains("when a field is absent")),
        "{got:#?}"
    );
    let got = problems(&rule(check, "{entity}", ""));
    assert!(
        got.iter()
            .any(|(_, m)| m.contains("variant `not_contained`")),
        "{got:#?}"
    );
}

#[test]
fn every_built_in_rule_fits_its_check() {
    for (stem, text) in crate::rules::catalog::BUILTIN_RULES {
        let rule: Rule =
            crate::yaml::from_str(text).unwrap_or_else(|e| panic!("{stem}: {}", e.message));
        assert_eq!(problems(&rule), Vec::new(), "{stem}");
    }
}
