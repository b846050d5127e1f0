//! Declarations checked against the facts of the pack, through the binary: a role, a party kind
//! or a data-handling level that the pack's own components, contracts and engagements
//! contradict is a finding at the declaration, with the fact as a related location.

mod support;

use serde_json::Value;
use support::{copy_example, json};

/// (rule, field path, number of related locations) of every finding.
fn findings_of(value: &Value) -> Vec<(String, String, usize)> {
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_owned(),
                f["path"].as_str().unwrap_or("").to_owned(),
                f["related"].as_array().map_or(0, Vec::len),
            )
        })
        .collect()
}

fn check(replace: &[(&str, &str)]) -> Vec<(String, String, usize)> {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("multi-vendor", dir.path(), replace);
    findings_of(&json(dir.path(), &["."]))
}

fn has(found: &[(String, String, usize)], rule: &str, path: &str) -> bool {
    found
        .iter()
        .any(|(r, p, related)| r == rule && p == path && *related >= 1)
}

#[test]
fn the_compliant_example_declares_what_it_does() {
    assert_eq!(check(&[]), Vec::new());
}

#[test]
fn a_remote_maintainer_declaring_no_medical_data_is_a_finding() {
    // mirai-imaging maintains the remotely maintained PACS.
    let found = check(&[(
        "handles_medical_info: full          # 画像データ",
        "handles_medical_info: none          # 画像データ",
    )]);
    assert!(
        has(
            &found,
            "medical-info-declaration",
            "parties[2].handles_medical_info"
        ),
        "{found:?}"
    );
}

#[test]
fn a_subcontractor_relabelled_healthcare_provider_is_a_finding() {
    let found = check(&[(
        "  - id: mirai-imaging\n    kind: vendor",
        "  - id: mirai-imaging\n    kind: healthcare_provider",
    )]);
    assert!(
        has(&found, "healthcare-provider-role", "parties[2].kind"),
        "{found:?}"
    );
}

#[test]
fn roles_contradicting_who_engaged_the_vendor_are_findings() {
    // The direct vendor relabelled subcontractor: still engaged by the hospital, so it still
    // needs its SLA and checklist record, and the label is a finding.
    let found = check(&[(
        "    vendor_role: direct\n    engaged_by: sakuradai-hospital",
        "    vendor_role: subcontractor\n    engaged_by: sakuradai-hospital",
    )]);
    assert!(
        has(&found, "vendor-role-engagement", "parties[5].engaged_by"),
        "{found:?}"
    );
    assert!(!found.iter().any(|(r, ..)| r == "sla-present"), "{found:?}");

    // A subcontractor promoted to direct while engaged by the prime.
    let found = check(&[(
        "    vendor_role: subcontractor\n    engaged_by: hokuto-medical\n    handles_medical_info: full",
        "    vendor_role: direct\n    engaged_by: hokuto-medical\n    handles_medical_info: full",
    )]);
    assert!(
        has(&found, "vendor-role-engagement", "parties[2].engaged_by"),
        "{found:?}"
    );
}

#[test]
fn a_pack_whose_vendors_are_all_subcontractors_is_a_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example(
        "single-vendor",
        dir.path(),
        &[("vendor_role: prime", "vendor_role: subcontractor")],
    );
    let found = findings_of(&json(dir.path(), &["."]));
    let rules: Vec<&str> = found.iter().map(|(r, ..)| r.as_str()).collect();
    assert!(rules.contains(&"vendor-engaged-directly"), "{rules:?}");
    assert!(!rules.contains(&"sla-present"), "{rules:?}");

    // Still engaged by the clinic: the SLA and checklist rules select it by that fact, so
    // relabelling it does not let it drop its SLA and its checklist record.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example(
        "single-vendor",
        dir.path(),
        &[
            ("vendor_role: prime", "vendor_role: subcontractor"),
            ("provider: shirakaba-medical", "provider: shirakaba-other"),
            ("vendor: shirakaba-medical", "vendor: shirakaba-other"),
        ],
    );
    let relabelled = findings_of(&json(dir.path(), &["."]));
    let rules: Vec<&str> = relabelled.iter().map(|(r, ..)| r.as_str()).collect();
    assert!(rules.contains(&"sla-present"), "{rules:?}");
    assert!(rules.contains(&"checklist-record-per-vendor"), "{rules:?}");
}
