//! Through the binary: a blank or placeholder value never satisfies a rule, a date recording
//! something done cannot lie after today, a comparison that cannot be computed is a finding, a
//! zero duration is valid where zero is meaningful, and `kakunin init` writes a draft that fails
//! until it is filled in. Each gaming edit is made to a copy of the compliant single-vendor
//! example, whose unedited copy is the passing control.

mod support;

use serde_json::Value;
use std::path::Path;
use support::TODAY;

/// `kakunin check` of `dir` as JSON: (exit code, findings).
fn check(dir: &Path) -> (i32, Vec<Value>) {
    let out = support::kakunin()
        .args(["check", "--no-config", "--format", "json", "--today", TODAY])
        .arg(dir)
        .output()
        .expect("runs");
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let findings = value["findings"].as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), findings)
}

/// The single-vendor example copied into a fresh directory, with `from` replaced by `to` in
/// `file` (the edit must apply).
fn edited(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("single-vendor", dir.path(), &[]);
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    dir
}

fn has(findings: &[Value], rule: &str, path: &str) -> bool {
    findings
        .iter()
        .any(|f| f["rule"] == rule && f["path"].as_str().is_some_and(|p| p.ends_with(path)))
}

#[test]
fn the_unedited_example_is_clean() {
    let dir = edited("sla.yaml", "", "");
    let (code, findings) = check(dir.path());
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?}");
}

/// An edit to one file of the example (file, text, replacement) and the (rule, field) findings
/// it must produce.
type Edit<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

#[test]
fn blank_and_placeholder_values_do_not_count_as_written() {
    let confidentiality = "ref: 第11条   # 秘密保持";
    let cases: &[Edit] = &[
        (
            "contracts/msa-shirakaba-2026.yaml",
            confidentiality,
            "ref: \"\"",
            &[
                ("placeholder-value", "clauses.confidentiality.ref"),
                ("confidentiality-clause", "clauses.confidentiality.ref"),
            ],
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            confidentiality,
            "ref: \" \"",
            &[("confidentiality-clause", "clauses.confidentiality.ref")],
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            confidentiality,
            "ref: \"TODO: 第◯条\"",
            &[
                ("placeholder-value", "clauses.confidentiality.ref"),
                ("confidentiality-clause", "clauses.confidentiality.ref"),
            ],
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            confidentiality,
            "ref: 第〇条",
            &[("confidentiality-clause", "clauses.confidentiality.ref")],
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            confidentiality,
            "ref: ＴＢＤ",
            &[("confidentiality-clause", "clauses.confidentiality.ref")],
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            "binds: [shirakaba-medical]",
            "binds: []",
            &[
                ("placeholder-value", "clauses.confidentiality.binds"),
                ("confidentiality-own-contract", ""),
            ],
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            "binds: [shirakaba-medical]",
            "binds: [\"\"]",
            &[("confidentiality-own-contract", "")],
        ),
        (
            "sla.yaml",
            "service_hours: \"24x7\"",
            "service_hours: \"\"",
            &[("placeholder-value", "service_levels.service_hours")],
        ),
        (
            "sla.yaml",
            "helpdesk_hours: 平日 8:30-18:00 / 土曜 8:30-12:30",
            "helpdesk_hours: 未定",
            &[("placeholder-value", "service_levels.helpdesk_hours")],
        ),
        (
            "checklist/shirakaba-2026.yaml",
            "evidence: 年次セキュリティ研修計画書",
            "evidence: \"-\"",
            &[("placeholder-value", "items.P1-B3-2.evidence")],
        ),
        (
            "checklist/shirakaba-2026.yaml",
            "note: 院内職員向け研修を事業者が年1回実施することで合意",
            "note: \"\"",
            &[("placeholder-value", "items.P1-B3-2.note")],
        ),
        (
            "risk.yaml",
            "process:\n  - identification\n  - analysis\n  - evaluation\n  - treatment\n  - communication",
            "process: []",
            &[("placeholder-value", "process")],
        ),
    ];
    for (file, from, to, expected) in cases {
        let dir = edited(file, from, to);
        let (code, findings) = check(dir.path());
        assert_eq!(code, 1, "{file}: `{to}` passed: {findings:#?}");
        for (rule, path) in *expected {
            assert!(
                has(&findings, rule, path),
                "{file}: `{to}` has no {rule} at {path}: {findings:#?}"
            );
        }
    }
}

#[test]
fn values_that_resemble_fillers_are_values() {
    for (file, from, to) in [
        (
            "contracts/msa-shirakaba-2026.yaml",
            "ref: 第11条   # 秘密保持",
            "ref: 第11条第2項",
        ),
        (
            "checklist/shirakaba-2026.yaml",
            "note: 院内職員向け研修を事業者が年1回実施することで合意",
            "note: 該当なし（研修は院内で実施）",
        ),
        ("sla.yaml", "service_hours: \"24x7\"", "service_hours: 24/7"),
    ] {
        let dir = edited(file, from, to);
        let (code, findings) = check(dir.path());
        assert_eq!((code, findings.len()), (0, 0), "{to}: {findings:#?}");
    }
}

#[test]
fn done_dates_cannot_lie_after_today() {
    let cases = [
        (
            "checklist/shirakaba-2026.yaml",
            "completed_on: 2026-03-02",
            "future-checklist-completion",
            "items.P1-B3-2.completed_on",
        ),
        (
            "checklist/shirakaba-2026.yaml",
            "first_consultation: 2026-01-14",
            "future-first-consultation",
            "first_consultation",
        ),
        (
            "risk.yaml",
            "last_review: 2026-09-30",
            "future-risk-review",
            "last_review",
        ),
        (
            "contracts/msa-shirakaba-2026.yaml",
            "signed_on: 2026-03-16",
            "future-contract-signing",
            "signed_on",
        ),
        (
            "sla.yaml",
            "agreed_on: 2026-03-16",
            "future-sla-agreement",
            "agreed_on",
        ),
    ];
    for (file, from, rule, path) in cases {
        let key = from.split(':').next().unwrap_or_default();
        // Today itself is done by today: the control.
        let dir = edited(file, from, &format!("{key}: {TODAY}"));
        let (_, findings) = check(dir.path());
        assert!(!findings.iter().any(|f| f["rule"] == rule), "{findings:#?}");
        let dir = edited(file, from, &format!("{key}: 2026-11-22"));
        let (code, findings) = check(dir.path());
        assert_eq!(code, 1, "{file}: {key} tomorrow passed");
        assert!(has(&findings, rule, path), "{findings:#?}");
    }
}

#[test]
fn a_comparison_that_cannot_be_computed_is_a_finding() {
    let dir = edited("risk.yaml", "review_cadence: P1Y", "review_cadence: P8000Y");
    let (code, findings) = check(dir.path());
    assert_eq!(code, 1);
    let overflow: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "comparison-operand")
        .collect();
    for rule in [
        "risk-review-overdue",
        "risk-next-review",
        "risk-review-cadence",
    ] {
        assert!(
            overflow
                .iter()
                .any(|f| f["message"].as_str().is_some_and(|m| m.contains(rule))),
            "no comparison-operand for {rule}: {findings:#?}"
        );
    }
    // The same run in Japanese has the same findings, in Japanese.
    let out = support::kakunin()
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--lang",
            "ja",
        ])
        .args(["--today", TODAY])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("暦の範囲を超えます"));
}

#[test]
fn zero_durations_are_valid_but_a_zero_review_cadence_is_not_a_cadence() {
    // A zero-notice maintenance window is a valid duration, and a warning of its own rule.
    let dir = edited(
        "sla.yaml",
        "planned_maintenance_notice: P14D",
        "planned_maintenance_notice: PT0S",
    );
    let (code, findings) = check(dir.path());
    let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert_eq!(
        (code, rules),
        (0, vec!["planned-maintenance-notice-minimum"]),
        "PT0S: {findings:#?}"
    );
    for (from, to) in [
        (
            "recovery_point_objective: P1D",
            "recovery_point_objective: PT0H",
        ),
        ("incident_notification: PT30M", "incident_notification: P0D"),
    ] {
        let dir = edited("sla.yaml", from, to);
        let (code, findings) = check(dir.path());
        assert_eq!((code, findings.len()), (0, 0), "{to}: {findings:#?}");
    }
    let dir = edited(
        "contracts/msa-shirakaba-2026.yaml",
        "notice_period: P30D",
        "notice_period: P0D",
    );
    assert_eq!(check(dir.path()).0, 0);
    let dir = edited("risk.yaml", "review_cadence: P1Y", "review_cadence: PT0S");
    let (code, findings) = check(dir.path());
    assert_eq!(code, 1);
    assert!(has(&findings, "risk-review-cadence", "review_cadence"));
    assert!(!findings.iter().any(|f| f["rule"] == "invalid-value"));
}

/// Fills in what `init` leaves open, the way a user would.
fn fill_in(dir: &Path) {
    for entry in walk(dir) {
        let text = std::fs::read_to_string(&entry).expect("read");
        let filled = text
            .replace("\"TODO: 第◯条\"", "第5条")
            .replace("\"TODO: ", "\"")
            .replace("\n  # P", "\n  P")
            .replace("\n  {}\n", "\n");
        std::fs::write(&entry, filled).expect("write");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            files.push(path);
        }
    }
    files
}

#[test]
fn init_writes_a_draft_that_fails_until_filled_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, flags) in [
        ("clinic-emr", &[][..]),
        ("hospital-his", &["--multi-vendor"][..]),
    ] {
        support::kakunin()
            .current_dir(dir.path())
            .args(["init", name, "--today", TODAY])
            .args(flags)
            .assert()
            .code(0);
        let pack = dir.path().join(name);
        let text = std::fs::read_to_string(pack.join("pack.yaml")).expect("pack");
        assert!(text.contains("status: draft"), "{text}");
        let (code, findings) = check(&pack);
        assert_eq!(code, 1, "{name}: an unfilled scaffold passed");
        // Every finding is about a value left open: at a placeholder, or the empty checklist.
        let placeholders: Vec<_> = findings
            .iter()
            .filter(|f| f["rule"] == "placeholder-value")
            .map(|f| (f["file"].clone(), f["line"].clone()))
            .collect();
        assert!(placeholders.len() > 10, "{findings:#?}");
        for f in &findings {
            assert!(
                placeholders.contains(&(f["file"].clone(), f["line"].clone())),
                "{name}: a finding not about a placeholder: {f:#}"
            );
        }
        fill_in(&pack);
        let (code, findings) = check(&pack);
        assert_eq!((code, findings.len()), (0, 0), "{name}: {findings:#?}");
    }
}

#[test]
fn init_over_an_existing_pack_refuses_and_names_each_file_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let init = || {
        support::kakunin()
            .current_dir(dir.path())
            .args(["init", "clinic-emr", "--today", TODAY])
            .output()
            .expect("runs")
    };
    assert_eq!(init().status.code(), Some(0));
    let again = init();
    assert_eq!(again.status.code(), Some(2), "a second init writes nothing");
    let text = String::from_utf8_lossy(&again.stderr);
    let named = text.matches("pack.yaml").count();
    assert_eq!(named, 1, "pack.yaml named once: {text}");
    assert!(text.contains("sla.yaml"), "{text}");
}
