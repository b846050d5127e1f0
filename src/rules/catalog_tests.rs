//! The rule catalog: the compiled form against the rule files, and rule validation.

use super::*;

/// The compiled form (JSON made by the build script) is used, and reads as the YAML does.
#[test]
fn compiled_catalog_equals_the_rule_files() {
    let compiled = Catalog::compiled().expect("every built-in rule has a compiled form");
    let yaml = Catalog::from_yaml_sources().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(compiled.rules().len(), yaml.rules().len());
    for (a, b) in compiled.rules().iter().zip(yaml.rules()) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "rule {}", a.id);
    }
}

#[test]
fn builtin_catalog_loads() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(catalog.rules().len() >= 30);
    assert!(catalog.get("sla-present").is_some());
}

/// Folded YAML (`>`) turns each line break into a space, which Japanese text must not have.
#[test]
fn japanese_texts_have_no_stray_spaces_between_japanese_characters() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e:?}"));
    let mut bad = Vec::new();
    for rule in catalog.rules() {
        let texts = [&rule.title, &rule.rationale, &rule.message, &rule.help];
        for text in texts
            .into_iter()
            .chain(rule.variants.values())
            .chain(rule.labels.values())
        {
            let chars: Vec<char> = text.ja.chars().collect();
            if chars
                .windows(3)
                .any(|w| !w[0].is_ascii() && w[1] == ' ' && !w[2].is_ascii())
            {
                bad.push(format!("{}: {:?}", rule.id, text.ja));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn rule_files_are_validated() {
    let text = "id: other\ntitle: {en: a, ja: b}\nseverity: error\nrationale: {en: a, ja: b}\nmessage: {en: a, ja: b}\nhelp: {en: a, ja: b}\ncheck: {kind: structure}\nexamples: {pass: a, fail: b}\n";
    let err =
        Catalog::from_sources([("x.yaml".to_owned(), "mismatch".to_owned(), text)]).unwrap_err();
    assert!(
        err[0].message.contains("does not match its file name"),
        "{err:?}"
    );
    let typo = text.replace("severity", "severty");
    assert!(
        Catalog::from_sources([("x.yaml".to_owned(), "other".to_owned(), typo.as_str())]).is_err()
    );
    let missing_param = text.replace(
        "check: {kind: structure}",
        "check: {kind: compare, for_each: {in: risks}, comparisons: [{left: review_cadence, op: '<=', right: $param.max}]}",
    );
    let err = Catalog::from_sources([(
        "x.yaml".to_owned(),
        "other".to_owned(),
        missing_param.as_str(),
    )])
    .unwrap_err();
    assert!(err[0].message.contains("$param.max"), "{err:?}");
}
