//! A rule's texts against what its check fills: each missing variant, unfilled placeholder and
//! missing label refused, and the built-in rules all sound.

use crate::rules::catalog::Rule;

/// The problems of a rule's texts, in English (each is told in Japanese too:
/// `every_problem_is_told_in_japanese_too`).
fn problems(rule: &Rule) -> Vec<(&'static str, String)> {
    super::problems(rule)
        .into_iter()
        .map(|(key, text)| (key, text.en))
        .collect()
}

#[test]
fn every_problem_is_told_in_japanese_too() {
    let extra = BOTH.replace("{entity} is a second", "{entty} is a second");
    let got = super::problems(&rule(COUNT, "{nope}", &extra));
    assert!(!got.is_empty());
    for (_, text) in got {
        assert!(text.ja.contains("埋めません"), "{text:?}");
        assert!(!text.ja.contains(" when "), "{text:?}");
    }
}

#[test]
fn every_situation_says_when_in_japanese() {
    let catalog = crate::rules::catalog::Catalog::builtin().expect("built-in rules");
    for rule in catalog.rules() {
        for s in super::situations(&rule.check).unwrap_or_default() {
            assert_ne!(
                super::when_ja(s.when),
                "報告する",
                "{}: {}",
                rule.id,
                s.when
            );
        }
    }
}

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

/// A structure rule with this id, variants and labels (YAML mappings of name to text).
fn structure(id: &str, message: &str, extra: &str) -> Rule {
    let mut r = rule("  kind: structure\n", message, extra);
    r.id = id.to_owned();
    r
}

#[test]
fn a_structure_rule_must_be_one_of_the_loaders_codes() {
    let got = problems(&structure(
        "duplicate-kye",
        "m",
        "labels:\n  first: {en: f, ja: f}\n",
    ));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, "check");
    assert!(
        got[0]
            .1
            .contains("`duplicate-kye` is none of them (did you mean `duplicate-key`?)"),
        "{}",
        got[0].1
    );
}

#[test]
fn a_structure_rule_defines_exactly_the_variants_and_labels_its_code_emits() {
    let sound = "variants:\n  no_pack: {en: \"{rule} {pack}\", ja: \"{rule}\"}\n  no_pack_suggestion: {en: \"{suggestion}\", ja: \"{suggestion}\"}\n";
    assert_eq!(
        problems(&structure("waiver-unused", "{rule}", sound)),
        Vec::new()
    );

    let missing = problems(&structure("waiver-unused", "{rule}", ""));
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(
        missing
            .iter()
            .any(|(_, m)| m.contains("reports variant `no_pack`, which `variants` does not define")),
        "{missing:#?}"
    );

    let extra = format!("{sound}  nopack: {{en: x, ja: x}}\nlabels:\n  first: {{en: f, ja: f}}\n");
    let got = problems(&structure("waiver-unused", "{rule}", &extra));
    let texts: Vec<&str> = got.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(texts.len(), 2, "{got:#?}");
    assert!(
        texts
            .iter()
            .any(|m| m.contains("never reports a related location labelled `first`"))
    );
    assert!(
        texts
            .iter()
            .any(|m| m.contains("never reports variant `nopack`"))
    );
}

#[test]
fn a_structure_rule_uses_only_the_placeholders_its_code_fills() {
    let sound = "variants:\n  no_pack: {en: \"{rule} {pakc}\", ja: \"{rule}\"}\n  no_pack_suggestion: {en: \"{suggestion}\", ja: \"{suggestion}\"}\n";
    let got = problems(&structure("waiver-unused", "{rule}", sound));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].1.contains("`variants.no_pack.en` uses `{pakc}`"),
        "{}",
        got[0].1
    );
    assert!(got[0].1.contains("did you mean `{pack}`?"), "{}", got[0].1);
}

/// Every code of the loader has its rule file, and that file defines what the code emits.
#[test]
fn every_loader_code_has_its_structure_rule() {
    use crate::model::code::Code;
    use crate::rules::spec::Check;
    let catalog = crate::rules::catalog::Catalog::builtin().unwrap_or_else(|e| panic!("{e:?}"));
    for code in Code::ALL {
        let rule = catalog
            .get(code.id())
            .unwrap_or_else(|| panic!("no rules/{}.yaml", code.id()));
        assert!(matches!(rule.check, Check::Structure), "{}", code.id());
        let variants: Vec<&str> = rule.variants.keys().map(String::as_str).collect();
        let mut declared = code.variants().to_vec();
        declared.sort_unstable();
        assert_eq!(variants, declared, "{}", code.id());
    }
    let structure = catalog
        .rules()
        .iter()
        .filter(|r| matches!(r.check, Check::Structure));
    for rule in structure {
        assert!(
            Code::from_id(&rule.id).is_some(),
            "{} is no loader code",
            rule.id
        );
    }
}

#[test]
fn an_exists_with_two_conditions_needs_its_near_miss_label() {
    let check = "  kind: exists\n  for_each: {in: parties}\n  find: {in: slas, where: {provider: $outer.id, customer: $pack.institution}}\n";
    let got = problems(&rule(check, "{entity}", ""));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("labelled `near_miss`"), "{}", got[0].1);
    let labelled = "labels:\n  near_miss: {en: n, ja: n}\n";
    assert_eq!(problems(&rule(check, "{entity}", labelled)), Vec::new());
}

/// The problems of a rule with this check and extra YAML, as `(key, message)` texts.
fn problems_of(check: &str, extra: &str) -> Vec<(&'static str, String)> {
    problems(&rule(check, "{entity}", extra))
}

#[test]
fn one_of_needs_the_mismatch_variant() {
    let check = "  kind: required\n  for_each: {in: components}\n  expect:\n    - {field: remote_access.method, one_of: [vpn]}\n";
    let got = problems_of(check, "");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("variant `mismatch`"), "{got:#?}");
    let fine = "variants:\n  mismatch: {en: \"{entity} {expected} {actual}\", ja: x}\n";
    assert_eq!(problems_of(check, fine), Vec::new());
}

#[test]
fn an_expect_variant_must_be_defined_and_fit_the_absent_field() {
    let check = "  kind: required\n  for_each: {in: components}\n  expect:\n    - {field: communication.path, variant: no_path}\n";
    let got = problems_of(check, "");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("variant `no_path`"), "{got:#?}");
    // Absent, the field has no value: `{actual}` cannot be filled.
    let wrong = "variants:\n  no_path: {en: \"{entity} {actual}\", ja: x}\n";
    let got = problems_of(check, wrong);
    assert!(
        got.iter().any(|(_, m)| m.contains("`{actual}`")),
        "{got:#?}"
    );
    let fine = "variants:\n  no_path: {en: \"{entity} {field}\", ja: x}\n";
    assert_eq!(problems_of(check, fine), Vec::new());
}

#[test]
fn compare_against_needs_the_other_label_and_may_name_the_other() {
    let check = "  kind: compare\n  for_each: {in: slas}\n  against: {in: slas, where: {provider: $outer.customer}}\n  comparisons:\n    - {left: service_levels.availability, op: \">=\", right: $other.service_levels.availability}\n";
    let got = problems_of(check, "");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("`other`"), "{got:#?}");
    let fine = "labels:\n  other: {en: o, ja: o}\n";
    assert_eq!(problems(&rule(check, "{entity} {other}", fine)), Vec::new());
    // Without `against` there is no other entity to name.
    let plain = "  kind: compare\n  for_each: {in: slas}\n  comparisons:\n    - {left: agreed_on, op: \"<=\", right: $today}\n";
    let got = problems(&rule(plain, "{entity} {other}", ""));
    assert!(got.iter().any(|(_, m)| m.contains("`{other}`")), "{got:#?}");
}

#[test]
fn a_hop_in_a_comparison_needs_the_defined_label() {
    let check = "  kind: compare\n  for_each: {in: slas}\n  comparisons:\n    - {left: provider->incident_contact.hours.to, op: \">=\", right: service_levels.service_schedule.to}\n";
    let got = problems_of(check, "");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("`defined`"), "{got:#?}");
}

#[test]
fn fix_at_needs_the_checked_label() {
    let check = "  kind: exists\n  for_each: {in: parties}\n  find: {in: contracts, where: {parties: {contains: $outer.id}}}\n  fix_at: {in: contracts, where: {parties: {contains: $outer.engaged_by}}, at: clauses.confidentiality.binds}\n";
    let got = problems_of(check, "");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].1.contains("`checked`"), "{got:#?}");
}

#[test]
fn not_counted_needs_its_label_and_its_variant() {
    let check = "  kind: exists\n  for_each: {in: parties}\n  find: {in: contracts, where: {parties: {contains: $outer.id}}}\n  not_counted: {in: contracts, where: {clauses.confidentiality.binds: {contains: $outer.id}}, at: clauses.confidentiality.binds, variant: elsewhere}\n";
    let got = problems_of(check, "");
    assert!(
        got.iter().any(|(_, m)| m.contains("variant `elsewhere`")),
        "{got:#?}"
    );
    assert!(
        got.iter().any(|(_, m)| m.contains("`not_counted`")),
        "{got:#?}"
    );
    let texts = "variants:\n  elsewhere: {en: \"{entity}\", ja: x}\nlabels:\n  not_counted: {en: c, ja: c}\n";
    assert_eq!(problems_of(check, texts), Vec::new());
}

#[test]
fn variant_help_must_name_a_variant_the_check_reports_and_fit_it() {
    let check = "  kind: required\n  for_each: {in: components}\n  expect:\n    - {field: communication.path, variant: no_path}\n";
    let texts = "variants:\n  no_path: {en: \"{entity} {field}\", ja: x}\n";
    let fine = format!("{texts}variant_help:\n  no_path: {{en: \"add {{field}}\", ja: x}}\n");
    assert_eq!(problems_of(check, &fine), Vec::new());
    let stray = format!("{texts}variant_help:\n  no_pth: {{en: x, ja: x}}\n");
    let got = problems_of(check, &stray);
    assert!(
        got.iter()
            .any(|(_, m)| m.contains("never reports variant `no_pth`")),
        "{got:#?}"
    );
    let unfilled = format!("{texts}variant_help:\n  no_path: {{en: \"{{actual}}\", ja: x}}\n");
    let got = problems_of(check, &unfilled);
    assert!(
        got.iter().any(|(_, m)| m.contains("`{actual}`")),
        "{got:#?}"
    );
}
