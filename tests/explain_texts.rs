//! `kakunin explain` and the rule pages show no raw `{name}` placeholder: the help is shown as
//! the rule's failing example fills it in, and what that leaves gets a readable stand-in («id»).

mod support;

use support::{explain, root, write};

/// The `{name}` placeholders a text still holds (YAML flow mappings like `{a: 1}` are not).
fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for rest in text.split('{').skip(1) {
        if let Some((name, _)) = rest.split_once('}')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            found.push(format!("{{{name}}}"));
        }
    }
    found
}

#[test]
fn the_detector_finds_a_placeholder() {
    assert_eq!(
        placeholders("vendor `{entity}` has {count}"),
        ["{entity}", "{count}"]
    );
    assert!(placeholders("service_levels: {availability: 99.5}, clauses: {}").is_empty());
}

#[test]
fn no_explain_output_holds_a_placeholder() {
    let catalog = kakunin::rules::catalog::Catalog::builtin().expect("catalog");
    let mut failures = Vec::new();
    for rule in catalog.rules() {
        for lang in ["en", "ja"] {
            let text = explain(root(), &[&rule.id, "--lang", lang, "--no-config"]);
            let found = placeholders(&text);
            if !found.is_empty() {
                failures.push(format!("{} ({lang}): {found:?}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_rule_page_holds_a_placeholder() {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(root().join("docs/rules"))
        .expect("docs/rules")
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let found = placeholders(&text);
        if !found.is_empty() {
            failures.push(format!("{}: {found:?}", entry.path().display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_help_is_filled_from_the_failing_example() {
    let text = explain(root(), &["sla-present", "--no-config"]);
    assert!(text.contains("with `provider: hikari`"), "{text}");
    let ja = explain(root(), &["sla-present", "--lang", "ja", "--no-config"]);
    assert!(ja.contains("`provider: hikari` とし"), "{ja}");
}

#[test]
fn a_user_rule_whose_example_does_not_fire_gets_stand_ins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(root().join("rules/sla-present.yaml")).expect("read");
    // The failing example's party is no vendor now: no finding fills `{entity}`.
    let text = text.replace("id: sla-present", "id: my-sla-present").replace(
        "kind: vendor, name: ひかりシステム, vendor_role: prime, engaged_by: clinic, handles_medical_info: full",
        "kind: healthcare_provider, name: ひかりシステム",
    );
    write(dir.path(), "policy/my-sla-present.yaml", &text);
    write(dir.path(), "kakunin.yaml", "rule_dirs: [policy]\n");
    let out = explain(dir.path(), &["my-sla-present"]);
    assert!(placeholders(&out).is_empty(), "{out}");
    assert!(out.contains("«id»"), "{out}");
}

/// An item no rule checks says why, in the language asked for.
#[test]
fn an_unchecked_item_gives_its_reason() {
    let en = explain(root(), &["--lang", "en", "P1-B3-2"]);
    assert!(en.contains("a contract pack has no record of them"), "{en}");
    let ja = explain(root(), &["--lang", "ja", "P1-B3-2"]);
    assert!(ja.contains("契約パックには記録されません"), "{ja}");
    let checked = explain(root(), &["--lang", "en", "P2-A6"]);
    assert!(!checked.contains("no rule checks this item"), "{checked}");
}
