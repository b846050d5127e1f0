//! A structural finding about a field that serves a checklist item cites that item, as the
//! rules about the item do: the 確認表 shows a missing `review_cadence` under P2-A4, not only
//! as a schema error of no item.

mod support;

use support::{compliant_pack, json};

/// The checklist items of each finding of `rule` after `edit` changes `file` of a compliant pack.
fn cited(file: &str, edit: impl Fn(String) -> String, rule: &str) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().expect("tempdir");
    compliant_pack(dir.path(), "p", "trace-pack");
    let path = dir.path().join("p").join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing in {file}");
    std::fs::write(&path, edited).expect("write");
    let value = json(dir.path(), &["p"]);
    let findings = value["findings"].as_array().cloned().unwrap_or_default();
    let items: Vec<Vec<String>> = findings
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            let list = f["checklist"].as_array().cloned().unwrap_or_default();
            list.iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect()
        })
        .collect();
    assert!(!items.is_empty(), "no {rule} finding: {value:#}");
    items
}

fn drop_line(starting: &'static str) -> impl Fn(String) -> String {
    move |t: String| {
        t.lines()
            .filter(|l| !l.trim_start().starts_with(starting))
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

#[test]
fn a_missing_risk_field_cites_p2_a4() {
    assert_eq!(
        cited("risk.yaml", drop_line("review_cadence:"), "missing-field"),
        [["P2-A4"]]
    );
}

#[test]
fn a_missing_sla_field_and_an_sla_reference_to_nothing_cite_p2_a6() {
    assert_eq!(
        cited("sla.yaml", drop_line("agreed_on:"), "missing-field"),
        [["P2-A6"]]
    );
    let typo = |t: String| t.replace("contract: msa-shirakaba-2026", "contract: msa-shirakaba");
    assert_eq!(cited("sla.yaml", typo, "unresolved-reference"), [["P2-A6"]]);
}

#[test]
fn a_wrong_value_inside_a_clause_cites_the_clauses_item() {
    let quoted = |t: String| t.replace("staff_nda: true", "staff_nda: \"yes\"");
    let items = cited("contracts/msa-shirakaba-2026.yaml", quoted, "wrong-type");
    assert_eq!(items, [["P2-A7"]]);
}

#[test]
fn a_field_that_serves_no_item_cites_none() {
    assert_eq!(
        cited("pack.yaml", drop_line("title:"), "missing-field"),
        [Vec::<String>::new()]
    );
}
