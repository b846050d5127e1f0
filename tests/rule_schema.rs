//! The JSON Schema of rule files (`kakunin schema rule`), checked with a real validator: it is
//! a valid draft-07 schema, every built-in rule file validates against it, and rule files with
//! the mistakes it describes (a misspelt field, an unknown check kind, a text without `ja`) do not.

mod support;

use kakunin::rules::rule_schema::rule_schema;
use serde_json::Value as Json;
use support::yaml_json::documents;

fn rule_json(text: &str) -> Json {
    documents(text).into_iter().next().expect("one document")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&rule_schema()).expect("schema compiles")
}

fn errors(doc: &Json) -> Vec<String> {
    validator()
        .iter_errors(doc)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn the_rule_schema_is_valid_draft_7() {
    jsonschema::meta::validate(&rule_schema()).expect("a valid schema");
}

#[test]
fn every_built_in_rule_validates() {
    let dir = support::root().join("rules");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() > 50, "only {} rule files", paths.len());
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read");
        for e in errors(&rule_json(&text)) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn sla_present() -> String {
    std::fs::read_to_string(support::root().join("rules/sla-present.yaml")).expect("read")
}

#[test]
fn mistakes_in_a_rule_file_are_rejected() {
    let good = sla_present();
    assert!(errors(&rule_json(&good)).is_empty(), "control");
    for (what, bad) in [
        (
            "a misspelt selection key",
            good.replace("    where:\n      provider:", "    wher:\n      provider:"),
        ),
        (
            "an unknown check kind",
            good.replace("kind: exists", "kind: exist"),
        ),
        (
            "a misspelt check field",
            good.replace("  find:\n", "  finds:\n"),
        ),
        ("an unknown collection", good.replace("in: slas", "in: sla")),
        (
            "a text without ja",
            good.replace("  ja: プライム事業者・", "  jp: プライム事業者・"),
        ),
        (
            "an unknown top-level key",
            format!("{good}\nexample: {{}}\n"),
        ),
        (
            "a bad severity",
            good.replace("severity: error", "severity: fatal"),
        ),
    ] {
        assert_ne!(bad, good, "{what}: the edit applies");
        assert!(!errors(&rule_json(&bad)).is_empty(), "{what} is accepted");
    }
}

#[test]
fn kakunin_schema_rule_prints_the_committed_schema() {
    let out = support::kakunin()
        .args(["schema", "rule"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let committed = std::fs::read_to_string(support::root().join("schemas/rule.schema.json"))
        .expect("committed");
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed);
}
