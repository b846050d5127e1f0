//! Confidentiality agreements (NDA, 秘密保持契約), through the binary: the recipe of
//! docs/real-contracts.md works as written, an NDA the institution did not sign is named and
//! passed over, and the type cannot stand in for a contract to work under.

mod support;

use serde_json::Value;

const MSA: &str = "contracts/msa-hokuto-2026.yaml";
const ALL_BOUND: &str = "binds: [hokuto-medical, mirai-imaging, seiwa-network, asunaro-cloud]";
const MIRAI_LEFT_OUT: &str = "binds: [hokuto-medical, seiwa-network, asunaro-cloud]";

fn check(dir: &std::path::Path, lang: &str) -> (i32, Vec<Value>) {
    support::pack_findings(dir, lang)
}

fn of_rule<'f>(found: &'f [Value], rule: &str) -> Vec<&'f Value> {
    found.iter().filter(|f| f["rule"] == rule).collect()
}

/// The NDA block of docs/real-contracts.md, as a reader would copy it.
fn documented_nda() -> String {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/real-contracts.md"),
    )
    .expect("docs");
    let start = doc
        .find("```yaml\napiVersion: kakunin/v1\nkind: Contract\nid: nda-")
        .expect("the NDA example");
    let body = &doc[start + "```yaml\n".len()..];
    body[..body.find("```").expect("closed")].to_owned()
}

#[test]
fn the_documented_nda_with_a_subcontractor_meets_the_checklist_as_written() {
    let dir = support::edited_example("multi-vendor", &[(MSA, ALL_BOUND, MIRAI_LEFT_OUT)]);
    let (code, found) = check(dir.path(), "en");
    assert_eq!(
        code, 1,
        "the subcontractor is bound by nothing yet: {found:#?}"
    );
    std::fs::write(
        dir.path().join("contracts/nda-mirai.yaml"),
        documented_nda(),
    )
    .expect("write");
    let (code, found) = check(dir.path(), "en");
    assert_eq!(code, 0, "{found:#?}");
    assert!(
        found.is_empty(),
        "an NDA is asked for no other clause: {found:#?}"
    );
}

#[test]
fn an_nda_the_institution_did_not_sign_is_named_and_passed_over() {
    // The example's subcontract with mirai-imaging binds it to the prime only.
    let dir = support::edited_example("multi-vendor", &[(MSA, ALL_BOUND, MIRAI_LEFT_OUT)]);
    let (_, found) = check(dir.path(), "en");
    let told = of_rule(&found, "confidentiality-binds-vendors");
    assert_eq!(told.len(), 1, "{found:#?}");
    let message = told[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("only by a contract the institution did not sign"),
        "{message}"
    );
    let related = told[0]["related"].as_array().cloned().unwrap_or_default();
    let passed_over: Vec<&Value> = related
        .iter()
        .filter(|r| {
            r["label"]
                .as_str()
                .is_some_and(|l| l.contains("does not count"))
        })
        .collect();
    assert_eq!(passed_over.len(), 1, "{related:#?}");
    assert!(
        passed_over[0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("contracts/sub-hokuto-mirai-2026.yaml")),
        "{passed_over:#?}"
    );
    let (_, found) = check(dir.path(), "ja");
    let told = of_rule(&found, "confidentiality-binds-vendors");
    let message = told[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("医療機関が当事者でない契約"), "{message}");

    // With no clause naming the vendor anywhere, the rule's own message stands.
    let dir = support::edited_example(
        "multi-vendor",
        &[
            (MSA, ALL_BOUND, MIRAI_LEFT_OUT),
            (
                "contracts/sub-hokuto-mirai-2026.yaml",
                "binds: [mirai-imaging]",
                "binds: [hokuto-medical]",
            ),
        ],
    );
    let (_, found) = check(dir.path(), "en");
    let told = of_rule(&found, "confidentiality-binds-vendors");
    assert_eq!(told.len(), 1, "{found:#?}");
    let message = told[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("no contract the institution signed"),
        "{message}"
    );
    assert!(!message.contains("only by"), "{message}");
}

#[test]
fn a_contract_relabelled_as_an_nda_is_no_contract_to_work_under() {
    let dir = support::edited_example(
        "multi-vendor",
        &[(
            MSA,
            "type: master_service_agreement",
            "type: confidentiality_agreement",
        )],
    );
    let (code, found) = check(dir.path(), "en");
    assert_eq!(code, 1, "{found:#?}");
    for rule in ["vendor-contract-present", "sla-present"] {
        assert_eq!(of_rule(&found, rule).len(), 1, "{rule}: {found:#?}");
    }
    let dir = support::edited_example(
        "multi-vendor",
        &[(
            "contracts/mnt-aoba-2026.yaml",
            "type: maintenance",
            "type: confidentiality_agreement",
        )],
    );
    let (code, found) = check(dir.path(), "en");
    assert_eq!(code, 1, "{found:#?}");
    assert_eq!(
        of_rule(&found, "vendor-contract-present").len(),
        1,
        "{found:#?}"
    );
}

#[test]
fn an_nda_without_its_confidentiality_clause_is_told() {
    let nda = documented_nda();
    let without = nda
        .lines()
        .filter(|l| !l.trim_start().starts_with("confidentiality:"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("clauses:\n", "clauses: {}\n");
    let dir = support::edited_example("multi-vendor", &[]);
    std::fs::write(dir.path().join("contracts/nda-mirai.yaml"), without).expect("write");
    let (code, found) = check(dir.path(), "en");
    assert_eq!(code, 1, "{found:#?}");
    assert_eq!(
        of_rule(&found, "confidentiality-clause").len(),
        1,
        "{found:#?}"
    );
}
