//! Checklist records through the binary: every item of the record's edition answered (no
//! placeholder evidence, a known edition), and `kakunin explain ITEM` for the form's items.

mod support;

use serde_json::Value;
use support::{copy_example, json, kakunin};

/// The findings of one rule: (field path, checklist items, message).
fn of(value: &Value, rule: &str) -> Vec<(String, Vec<String>, String)> {
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            let items = f["checklist"]
                .as_array()
                .expect("checklist")
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect();
            (
                f["path"].as_str().unwrap_or("").to_owned(),
                items,
                f["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

const RULE: &str = "checklist-items-answered";

#[test]
fn a_complete_record_passes_and_each_missing_item_is_its_own_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("single-vendor", &dir.path().join("ok"), &[]);
    let ok = json(dir.path(), &["ok"]);
    assert_eq!(ok["summary"]["errors"], 0, "{ok:#}");
    assert!(of(&ok, RULE).is_empty());

    // Two items dropped from the record: one finding each, at `items`, citing the item.
    copy_example(
        "single-vendor",
        &dir.path().join("gap"),
        &[
            ("  P2-A7:\n", "  X-P2-A7:\n"),
            ("  P1-B3-1:\n", "  X-P1-B3-1:\n"),
        ],
    );
    let gap = json(dir.path(), &["gap"]);
    let found = of(&gap, RULE);
    assert_eq!(found.len(), 2, "{gap:#}");
    for (path, _, _) in &found {
        assert_eq!(path, "items");
    }
    let cited: Vec<&Vec<String>> = found.iter().map(|(_, items, _)| items).collect();
    assert!(cited.contains(&&vec!["P2-A7".to_owned()]), "{cited:?}");
    assert!(cited.contains(&&vec!["P1-B3-1".to_owned()]), "{cited:?}");
}

#[test]
fn placeholder_evidence_and_unknown_or_blank_editions_are_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example(
        "single-vendor",
        &dir.path().join("todo"),
        &[("evidence: 基本契約書 第9条", "evidence: TODO")],
    );
    let todo = json(dir.path(), &["todo"]);
    let found = of(&todo, RULE);
    assert_eq!(found.len(), 1, "{todo:#}");
    assert_eq!(found[0].0, "items.P2-A5.evidence");

    for (name, edition) in [
        ("old", "\"2019-01\""),
        ("blank", "\"\""),
        ("todo-ed", "TODO"),
    ] {
        copy_example(
            "single-vendor",
            &dir.path().join(name),
            &[("edition: \"2024-06\"", &format!("edition: {edition}"))],
        );
        let value = json(dir.path(), &[name]);
        let found = of(&value, RULE);
        assert_eq!(found.len(), 1, "{name}: {value:#}");
        assert_eq!(found[0].0, "edition", "{name}");
    }
}

#[test]
fn explain_knows_the_checklist_items_and_suggests_rules_and_items() {
    let out = kakunin().args(["explain", "P2-A6"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("P2-A6 — "), "{text}");
    assert!(
        text.contains("`sla-present`") && text.contains("`sla-core-metrics`"),
        "{text}"
    );
    assert!(!text.contains("`confidentiality-clause`"), "{text}");

    let ja = kakunin()
        .args(["explain", "P2-A6", "--lang", "ja"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&ja.stdout).contains("サービス・レベル合意書"));

    for (wrong, hint) in [("P2-A66", "P2-A6"), ("sla-presnt", "sla-present")] {
        let out = kakunin().args(["explain", wrong]).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{wrong}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("did you mean `{hint}`")),
            "{wrong}: {err}"
        );
    }
}
