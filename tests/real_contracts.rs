//! Packs shaped like real ones: a hospital's maintenance-only contract, a SaaS terms of use, a
//! cloud SLA, a contract or SLA the institution did not sign, an empty pack, an ended term — each
//! checked through the binary against a compliant control.

mod support;

use std::path::Path;
use support::{TODAY, kakunin, write};

/// A copy of `examples/single-vendor` in a fresh directory.
fn single_vendor() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("single-vendor", dir.path(), &[]);
    dir
}

const CONTRACT: &str = "contracts/msa-shirakaba-2026.yaml";

/// Rewrites a file of the pack, replacing `from` (which must be there) by `to`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// `check --format json ARGS…` in `dir` as of `today`.
fn json_at(dir: &Path, today: &str, args: &[&str]) -> serde_json::Value {
    let out = kakunin()
        .current_dir(dir)
        .args(["check", "--format", "json", "--today", today])
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("json: {e}"))
}

/// (rule, severity) of every finding of `check --format json --no-config` on the pack.
fn findings_at(dir: &Path, today: &str, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["--no-config"];
    all.extend_from_slice(args);
    json_at(dir, today, &all)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                f["severity"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    findings_at(dir, TODAY, args)
}

fn rules_of(found: &[(String, String)]) -> Vec<&str> {
    let mut rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

fn errors(found: &[(String, String)]) -> Vec<&str> {
    found
        .iter()
        .filter(|(_, s)| s == "error")
        .map(|(r, _)| r.as_str())
        .collect()
}

#[test]
fn the_control_pack_is_clean() {
    let dir = single_vendor();
    assert_eq!(findings(dir.path(), &["."]), Vec::new());
}

#[test]
fn a_maintenance_only_contract_is_checked_like_a_master_contract() {
    let dir = single_vendor();
    edit(
        dir.path(),
        CONTRACT,
        "type: master_service_agreement",
        "type: maintenance",
    );
    assert_eq!(
        findings(dir.path(), &["."]),
        Vec::new(),
        "compliant maintenance"
    );
    // Relabelling the contract must not silence the clause rules.
    edit(
        dir.path(),
        CONTRACT,
        "    binds: [shirakaba-medical]\n    staff_nda: true",
        "    binds: [shirakaba-medical]\n    staff_nda: false",
    );
    edit(dir.path(), CONTRACT, "notice_period: P30D", "ref2: x");
    let found = findings(dir.path(), &["."]);
    for rule in ["confidentiality-clause", "change-notification-clause"] {
        assert!(errors(&found).contains(&rule), "{rule}: {found:?}");
    }
}

#[test]
fn saas_terms_of_use_need_every_clause() {
    let dir = single_vendor();
    edit(
        dir.path(),
        CONTRACT,
        "type: master_service_agreement",
        "type: service_terms\ngoverning_law: JP",
    );
    assert_eq!(findings(dir.path(), &["."]), Vec::new(), "compliant terms");
    // Terms of use that say nothing about the guideline, confidentiality or incidents.
    let text = std::fs::read_to_string(dir.path().join(CONTRACT)).expect("read");
    let head = text.split("clauses:").next().unwrap_or_default();
    write(
        dir.path(),
        CONTRACT,
        &format!("{head}clauses:\n  termination: {{ref: 第20条}}\n"),
    );
    let found = findings(dir.path(), &["."]);
    for rule in [
        "guideline-compliance-clause",
        "change-notification-clause",
        "confidentiality-clause",
        "personal-information-clause",
        "confidentiality-own-contract",
    ] {
        assert!(errors(&found).contains(&rule), "{rule}: {found:?}");
    }
}

#[test]
fn a_cloud_sla_with_best_effort_targets_does_not_pass() {
    let dir = single_vendor();
    edit(
        dir.path(),
        CONTRACT,
        "type: master_service_agreement",
        "type: cloud_service",
    );
    edit(
        dir.path(),
        "sla.yaml",
        "availability: 99.5",
        "availability: ベストエフォート",
    );
    let found = findings(dir.path(), &["."]);
    assert!(!errors(&found).is_empty(), "best effort: {found:?}");
    // A zero notice window is a value, not a missing one: it is read, never silently skipped.
    let dir = single_vendor();
    edit(
        dir.path(),
        CONTRACT,
        "type: master_service_agreement",
        "type: cloud_service",
    );
    edit(
        dir.path(),
        CONTRACT,
        "notice_period: P30D",
        "notice_period: PT0S",
    );
    let found = findings(dir.path(), &["."]);
    assert!(
        found.iter().all(|(r, _)| r != "change-notification-clause"),
        "{found:?}"
    );
}

#[test]
fn a_contract_that_leaves_the_institution_out_credits_nothing() {
    let dir = single_vendor();
    edit(
        dir.path(),
        CONTRACT,
        "parties: [himawari-clinic, shirakaba-medical]",
        "parties: [shirakaba-medical]",
    );
    let found = findings(dir.path(), &["."]);
    for rule in [
        "vendor-contract-present",
        "sla-present",
        "sla-contract",
        "confidentiality-own-contract",
    ] {
        assert!(errors(&found).contains(&rule), "{rule}: {found:?}");
    }
}

#[test]
fn a_vendor_named_in_another_vendors_contract_is_not_bound_by_its_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("multi-vendor", dir.path(), &[]);
    assert_eq!(findings(dir.path(), &["."]), Vec::new(), "the control");
    // The direct vendor's own maintenance contract binds nobody; the prime's master contract
    // lists it instead.
    edit(
        dir.path(),
        "contracts/mnt-aoba-2026.yaml",
        "binds: [aoba-labsystems]",
        "binds: [hokuto-medical]",
    );
    edit(
        dir.path(),
        "contracts/msa-hokuto-2026.yaml",
        "binds: [hokuto-medical,",
        "binds: [hokuto-medical, aoba-labsystems,",
    );
    let found = findings(dir.path(), &["."]);
    assert_eq!(
        errors(&found),
        ["confidentiality-own-contract"],
        "{found:?}"
    );
}

#[test]
fn an_sla_whose_customer_is_not_the_institution_does_not_count() {
    let dir = single_vendor();
    edit(
        dir.path(),
        "sla.yaml",
        "customer: himawari-clinic",
        "customer: shirakaba-medical",
    );
    let found = findings(dir.path(), &["."]);
    for rule in ["sla-present", "sla-contract"] {
        assert!(errors(&found).contains(&rule), "{rule}: {found:?}");
    }
}

#[test]
fn a_pack_with_nothing_in_it_is_not_compliant() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "pack.yaml",
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: empty\ntitle: 空のパック\ninstitution: clinic\n\
         effective: {start: 2026-04-01, end: 2031-03-31}\n---\napiVersion: kakunin/v1\nkind: Parties\n\
         parties:\n  - {id: clinic, kind: healthcare_provider, name: 診療所}\n",
    );
    let found = findings(dir.path(), &["."]);
    assert_eq!(
        rules_of(&found),
        vec![
            "component-present",
            "risk-management-present",
            "vendor-present"
        ],
        "{found:?}"
    );
    let (code, _) = support::check_in(dir.path(), &["--no-config", "."]);
    assert_eq!(code, 1);
}

#[test]
fn a_pack_without_risk_management_is_reported() {
    let dir = single_vendor();
    std::fs::remove_file(dir.path().join("risk.yaml")).expect("rm");
    assert_eq!(
        rules_of(&findings(dir.path(), &["."])),
        vec!["risk-management-present"]
    );
}

#[test]
fn an_ended_term_is_an_error_unless_the_pack_is_terminated() {
    let dir = single_vendor();
    let found = findings_at(dir.path(), "2031-04-01", &["."]);
    assert!(errors(&found).contains(&"contract-term-ended"), "{found:?}");
    assert!(errors(&found).contains(&"pack-period-ended"), "{found:?}");
    // An ended term is not also "ending soon": one finding per end.
    assert!(
        found.iter().all(|(r, _)| !r.ends_with("-ending")),
        "{found:?}"
    );
    let found = findings_at(dir.path(), "2031-01-15", &["."]);
    for rule in ["contract-term-ending", "pack-period-ending"] {
        assert!(
            found.contains(&(rule.into(), "warning".into())),
            "{found:?}"
        );
    }
    assert!(
        found.iter().all(|(r, _)| !r.ends_with("-ended")),
        "{found:?}"
    );
    edit(
        dir.path(),
        "pack.yaml",
        "status: active",
        "status: terminated",
    );
    let found = findings_at(dir.path(), "2031-04-01", &["."]);
    assert!(
        found
            .iter()
            .all(|(r, _)| !r.ends_with("-ended") && !r.ends_with("-ending")),
        "{found:?}"
    );
}

/// Whether `kakunin report` lists the pack's contract as ended or ending soon.
fn report_flags(dir: &Path, today: &str, config: &[&str]) -> bool {
    let out = kakunin()
        .current_dir(dir)
        .args([
            "report", ".", "--format", "markdown", "--lang", "en", "--today", today,
        ])
        .args(config)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    text.contains("contract term ended") || text.contains("contract term ends soon")
}

fn check_flags(dir: &Path, today: &str, config: &[&str]) -> bool {
    let mut args = vec!["."];
    args.extend_from_slice(config);
    json_at(dir, today, &args)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| {
            matches!(
                f["rule"].as_str(),
                Some("contract-term-ended" | "contract-term-ending")
            )
        })
}

#[test]
fn the_report_flags_exactly_the_contracts_check_reports() {
    let dir = single_vendor();
    write(
        dir.path(),
        "policy/kakunin.yaml",
        "rules:\n  contract-term-ending:\n    params: {expiry_window: P1Y}\n",
    );
    let policy = dir.path().join("policy/kakunin.yaml");
    let policy = policy.to_str().expect("utf-8 path");
    // The contract ends 2031-03-31: dates around the six-month and the one-year window.
    let dates = [
        TODAY,
        "2030-03-30",
        "2030-04-01",
        "2030-09-30",
        "2030-10-01",
        "2031-03-31",
        "2031-04-01",
    ];
    let mut flagged = Vec::new();
    for config in [vec!["--no-config"], vec!["--config", policy]] {
        for today in dates {
            let report = report_flags(dir.path(), today, &config);
            let check = check_flags(dir.path(), today, &config);
            assert_eq!(report, check, "{today} {config:?}");
            flagged.push(report);
        }
    }
    // The dates do tell the windows apart: not all flagged, not none, and P1Y flags more.
    assert_eq!(
        flagged,
        [
            false, false, false, false, true, true, true, // P6M
            false, false, true, true, true, true, true, // P1Y
        ]
    );
}

#[test]
fn a_missing_subcontract_and_a_pack_not_yet_started_are_warnings() {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("multi-vendor", dir.path(), &[]);
    std::fs::remove_file(dir.path().join("contracts/sub-hokuto-mirai-2026.yaml")).expect("rm");
    edit(
        dir.path(),
        "pack.yaml",
        "start: 2026-04-01",
        "start: 2027-04-01",
    );
    let found = findings(dir.path(), &["."]);
    for rule in ["subcontract-present", "pack-period-started"] {
        assert!(
            found.contains(&(rule.into(), "warning".into())),
            "{rule}: {found:?}"
        );
    }
    // A pack prepared ahead of its period, marked draft, does not claim to be in force.
    edit(dir.path(), "pack.yaml", "status: active", "status: draft");
    let found = findings(dir.path(), &["."]);
    assert!(
        !found.iter().any(|(r, _)| r == "pack-period-started"),
        "{found:?}"
    );
}
