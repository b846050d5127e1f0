//! Service levels, contacts, remote maintenance and exit terms as real contracts write them —
//! cloud terms with best-effort targets and zero-notice maintenance, weekday-only help desks
//! behind 24x7 services, subcontractors bound to less than the prime promises — each checked
//! through the binary against the compliant examples, one break at a time.

mod support;

use serde_json::Value;
use std::path::Path;
use support::{TODAY, kakunin};

/// A copy of an example with each `(file, from, to)` edit applied (`from` must be there).
fn edited(example: &str, edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    support::edited_example(example, edits)
}

fn run(dir: &Path, format: &str) -> (i32, String) {
    let out = kakunin()
        .args(["check", "--no-config", "--today", TODAY, "--format", format])
        .arg(dir)
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    (out.status.code().unwrap_or(-1), text)
}

fn findings(dir: &Path) -> Vec<Value> {
    let (_, text) = run(dir, "json");
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    value["findings"].as_array().cloned().unwrap_or_default()
}

/// The rules of the findings, sorted, with the file and line of each.
fn seen(found: &[Value]) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = found
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default();
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                format!("{name}:{}", f["line"]),
            )
        })
        .collect();
    all.sort();
    all
}

fn rules(found: &[Value]) -> Vec<String> {
    seen(found).into_iter().map(|(r, _)| r).collect()
}

#[test]
fn the_compliant_examples_use_the_new_fields_and_are_clean() {
    for example in ["single-vendor", "multi-vendor"] {
        let dir = edited(example, &[]);
        assert_eq!(
            rules(&findings(dir.path())),
            Vec::<String>::new(),
            "{example}"
        );
    }
}

#[test]
fn cloud_terms_with_best_effort_targets_and_no_maintenance_notice_are_warned() {
    let sla = "sla.yaml";
    let dir = edited(
        "single-vendor",
        &[
            (sla, "commitment: guaranteed", "commitment: best_effort"),
            (
                sla,
                "planned_maintenance_notice: P14D",
                "planned_maintenance_notice: PT0S",
            ),
        ],
    );
    let found = findings(dir.path());
    assert_eq!(
        rules(&found),
        ["planned-maintenance-notice-minimum", "sla-best-effort"],
        "{found:#?}"
    );
    assert!(
        found.iter().all(|f| f["severity"] == "warning"),
        "{found:#?}"
    );
    // A warning does not fail the default gate; `--fail-on warning` does.
    let (code, _) = run(dir.path(), "json");
    assert_eq!(code, 0);
}

#[test]
fn a_weekday_help_desk_behind_a_24x7_service_is_found_at_both_files() {
    let dir = edited(
        "single-vendor",
        &[(
            "parties.yaml",
            "hours: {days: everyday, from: \"00:00\", to: \"24:00\"}",
            "hours: {days: weekdays, from: \"09:00\", to: \"18:00\"}",
        )],
    );
    let found = findings(dir.path());
    assert_eq!(
        rules(&found),
        [
            "incident-contact-days",
            "incident-contact-hours",
            "incident-contact-hours"
        ],
        "{found:#?}"
    );
    for f in &found {
        assert!(
            f["file"].as_str().is_some_and(|p| p.ends_with("sla.yaml")),
            "the finding stands in the SLA: {f:#?}"
        );
        let related = f["related"].as_array().cloned().unwrap_or_default();
        assert!(
            related.iter().any(|r| r["file"]
                .as_str()
                .is_some_and(|p| p.ends_with("parties.yaml"))),
            "the contact's hours are a related location: {f:#?}"
        );
    }
    // Told in Japanese too, with the hours.
    let out = kakunin()
        .args(["check", "--no-config", "--today", TODAY, "--lang", "ja"])
        .args(["--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("提供事業者の障害連絡先の受付は 18:00 までです"),
        "{text}"
    );
}

#[test]
fn a_time_that_is_not_hh_mm_is_an_error_not_a_pass() {
    let dir = edited(
        "single-vendor",
        &[(
            "parties.yaml",
            "hours: {days: everyday, from: \"00:00\", to: \"24:00\"}",
            "hours: {days: everyday, from: \"0:00\", to: 24時}",
        )],
    );
    let found = findings(dir.path());
    let invalid: Vec<&Value> = found
        .iter()
        .filter(|f| f["rule"] == "invalid-value")
        .collect();
    assert_eq!(invalid.len(), 2, "{found:#?}");
    assert!(invalid.iter().all(|f| f["severity"] == "error"));
    let (code, _) = run(dir.path(), "json");
    assert_eq!(code, 1, "the gate fails");
}

#[test]
fn a_subcontractor_bound_to_less_than_the_prime_promises_is_found_with_both_slas() {
    let dir = edited(
        "multi-vendor",
        &[
            ("sla.yaml", "availability: 99.95", "availability: 99.5"),
            (
                "sla.yaml",
                "recovery_time_objective: PT2H",
                "recovery_time_objective: P1D",
            ),
        ],
    );
    let found = findings(dir.path());
    assert_eq!(
        rules(&found),
        ["back-to-back-sla", "back-to-back-sla"],
        "{found:#?}"
    );
    let text = std::fs::read_to_string(dir.path().join("sla.yaml")).expect("read");
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.trim() == needle)
            .map(|i| i + 1)
            .expect(needle)
    };
    let promised = [
        line_of("availability: 99.9"),
        line_of("recovery_time_objective: PT3H"),
    ];
    for f in &found {
        let related = f["related"].as_array().cloned().unwrap_or_default();
        assert_eq!(related.len(), 1, "{f:#?}");
        let line = related[0]["line"].as_u64().unwrap_or_default() as usize;
        assert!(
            promised.contains(&line),
            "related at the prime's level: {f:#?}"
        );
        assert!(
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("sla-hokuto-2026")),
            "{f:#?}"
        );
    }
    // SARIF carries the prime's SLA as a related location.
    let (_, sarif) = run(dir.path(), "sarif");
    let sarif: Value = serde_json::from_str(&sarif).expect("sarif");
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let b2b: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "back-to-back-sla")
        .collect();
    assert_eq!(b2b.len(), 2);
    assert!(
        b2b.iter().all(|r| r["relatedLocations"]
            .as_array()
            .is_some_and(|l| l.len() == 1)),
        "{b2b:#?}"
    );
}

#[test]
fn a_vendor_sla_under_a_subcontract_never_passes_as_the_institutions() {
    // The subcontractor's SLA relabelled as addressed to the hospital: the hospital signed no
    // subcontract, so it binds nobody it could enforce against.
    let dir = edited(
        "multi-vendor",
        &[(
            "sla.yaml",
            "customer: hokuto-medical",
            "customer: sakuradai-hospital",
        )],
    );
    let found = findings(dir.path());
    let errors: Vec<&Value> = found.iter().filter(|f| f["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    assert_eq!(errors[0]["rule"], "subcontract-sla-parties");
    // Addressed to the hospital, it is also held to what the hospital's SLAs must show.
    assert_eq!(
        rules(&found),
        ["service-credits-defined", "subcontract-sla-parties"],
        "{found:#?}"
    );
}

#[test]
fn remote_maintenance_without_terms_and_exit_without_certificate_are_warned() {
    let dir = edited(
        "single-vendor",
        &[
            ("systems.yaml", "method: vpn", "method: cloud_console"),
            (
                "systems.yaml",
                "session_logging: true",
                "session_logging: false",
            ),
            (
                "contracts/msa-shirakaba-2026.yaml",
                "deletion_certificate: true",
                "deletion_certificate: false",
            ),
            (
                "contracts/msa-shirakaba-2026.yaml",
                "flow_down: true",
                "flow_down: false",
            ),
        ],
    );
    let found = findings(dir.path());
    assert_eq!(
        rules(&found),
        [
            "data-exit-terms",
            "remote-access-path",
            "remote-maintenance-terms"
        ],
        "a single vendor with no subcontractor has nothing to pass down: {found:#?}"
    );
}

#[test]
fn a_misspelt_new_field_is_an_unknown_key_with_its_correction_not_a_silent_pass() {
    // `comitment: best_effort` must not hide the best-effort level behind a key nobody reads.
    let dir = edited(
        "single-vendor",
        &[
            (
                "sla.yaml",
                "commitment: guaranteed",
                "comitment: best_effort",
            ),
            ("systems.yaml", "remote_access:", "remote_acess:"),
        ],
    );
    let found = findings(dir.path());
    let unknown: Vec<&Value> = found
        .iter()
        .filter(|f| f["rule"] == "unknown-key")
        .collect();
    assert_eq!(unknown.len(), 2, "{found:#?}");
    for (f, want) in unknown.iter().zip(["`commitment`", "`remote_access`"]) {
        let text = format!("{} {}", f["message"], f["help"]);
        assert!(text.contains(want), "did you mean {want}: {f:#?}");
    }
    let rules = rules(&found);
    // The key nobody reads leaves the SLA without a stated commitment, and the component's
    // remote maintenance without terms: both are reported, besides the typos.
    assert!(rules.contains(&"sla-terms-stated".to_owned()), "{rules:?}");
    assert!(
        rules.contains(&"remote-maintenance-terms".to_owned()),
        "{rules:?}"
    );
}

#[test]
fn saas_terms_under_a_foreign_law_or_silent_on_it_are_warned() {
    let contract = "contracts/msa-shirakaba-2026.yaml";
    // The same contract accepted as the provider's standard terms of use.
    let silent = edited(
        "single-vendor",
        &[(
            contract,
            "type: master_service_agreement",
            "type: service_terms",
        )],
    );
    assert_eq!(
        rules(&findings(silent.path())),
        ["governing-law-domestic"],
        "terms of use must state their law"
    );
    let foreign = edited(
        "single-vendor",
        &[(contract, "signed_on:", "governing_law: US\nsigned_on:")],
    );
    let found = findings(foreign.path());
    assert_eq!(rules(&found), ["governing-law-domestic"], "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`US`")),
        "{found:#?}"
    );
    let domestic = edited(
        "single-vendor",
        &[(contract, "signed_on:", "governing_law: JP\nsigned_on:")],
    );
    assert_eq!(rules(&findings(domestic.path())), Vec::<String>::new());
}
