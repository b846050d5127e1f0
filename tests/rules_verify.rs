//! `kakunin rules verify [DIR…]`: every built-in rule is proven by its examples; a user's rule
//! whose failing example does not fire, whose passing example fires, or whose fixture does not
//! behave fails with exit 1 and its name; a rule file that does not load is refused (exit 2).

mod support;

use std::path::Path;
use support::{kakunin, root, write};

/// Runs `kakunin rules verify ARGS…` in `dir`: (exit code, stdout, stderr).
fn verify_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    support::outcome(
        kakunin()
            .current_dir(dir)
            .args(["rules", "verify"])
            .args(args)
            .output()
            .expect("runs"),
    )
}

/// The built-in `vendor-fields` rule as a user's rule `my-vendor-fields`, edited.
fn user_rule(dir: &Path, edit: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(root().join("rules/vendor-fields.yaml")).expect("read");
    let text = text.replace("id: vendor-fields", "id: my-vendor-fields");
    write(dir, "policy/my-vendor-fields.yaml", &edit(text));
}

const FAIL_EXAMPLE_TAIL: &str =
    "        handles_medical_info: full\n        # engaged_by（再委託元）が無い\n";
const ENGAGED: &str = "        handles_medical_info: full\n        engaged_by: hikari-ris\n";

#[test]
fn every_built_in_rule_passes_its_examples() {
    let (code, out, err) = verify_in(root(), &["--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let rules = report["rules"].as_array().expect("rules");
    let catalog = kakunin::rules::catalog::Catalog::builtin().expect("catalog");
    assert_eq!(rules.len(), catalog.rules().len());
    for r in rules {
        let id = r["rule"].as_str().expect("id");
        let rule = catalog.get(id).expect("a rule of the catalog");
        let structure = matches!(rule.check, kakunin::rules::spec::Check::Structure);
        match r["status"].as_str() {
            Some("pass") => {
                let cases = r["cases"].as_array().expect("cases");
                assert_eq!(cases.len(), 2, "{id}: both examples ran");
                assert!(
                    cases[0]["findings"].as_u64() > Some(0),
                    "{id}: the failing example fires"
                );
            }
            // Only the loader's rules may skip, and only because an example shows a file.
            Some("skip") => assert!(structure, "{id} skipped: {r}"),
            other => panic!("{id}: {other:?} {r}"),
        }
    }
    // The loader's rules about files, encodings, links, YAML syntax and the configuration:
    // their examples cannot be pack documents.
    let skipped: Vec<&str> = rules
        .iter()
        .filter(|r| r["status"] == "skip")
        .filter_map(|r| r["rule"].as_str())
        .collect();
    let files = [
        "file-unreadable",
        "input-limit",
        "input-path",
        "waiver-expired",
        "waiver-unused",
        "yaml-syntax",
    ];
    assert_eq!(skipped, files);
    assert_eq!(report["summary"]["failed"], 0);
    assert_eq!(
        report["summary"]["passed"].as_u64(),
        Some((catalog.rules().len() - files.len()) as u64)
    );
}

#[test]
fn the_human_report_has_one_line_per_rule_and_a_summary() {
    let (code, out, _) = verify_in(root(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("PASS  sla-present ")),
        "{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with("FAIL")), "{out}");
    let last = out.lines().last().expect("summary");
    assert!(last.contains("passed, 0 failed"), "{last}");
    let (_, ja, _) = verify_in(root(), &["--lang", "ja"]);
    assert!(
        ja.lines().last().expect("summary").contains("不合格 0 件"),
        "{ja}"
    );
}

#[test]
fn a_user_rule_with_working_examples_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    user_rule(dir.path(), |t| t);
    let (code, out, err) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("PASS  my-vendor-fields"), "{out}");
    assert!(out.contains("1 rule: 1 passed, 0 failed"), "{out}");
}

#[test]
fn a_failing_example_that_does_not_fire_fails_the_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The failing example now sets `engaged_by`: it shows nothing the rule reports.
    user_rule(dir.path(), |t| t.replacen(FAIL_EXAMPLE_TAIL, ENGAGED, 1));
    let (code, out, err) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("FAIL  my-vendor-fields  examples.fail gave no finding of my-vendor-fields"),
        "{out}"
    );
    let (_, ja, _) = verify_in(dir.path(), &["policy", "--lang", "ja"]);
    assert!(
        ja.contains("examples.fail で my-vendor-fields の指摘がありません"),
        "{ja}"
    );
}

#[test]
fn a_passing_example_that_fires_fails_the_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    user_rule(dir.path(), |t| {
        t.replace("        engaged_by: hikari-ris\n", "")
    });
    let (code, out, _) = verify_in(dir.path(), &["policy", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let rule = &report["rules"][0];
    assert_eq!(rule["rule"], "my-vendor-fields");
    assert_eq!(rule["status"], "fail");
    assert_eq!(rule["cases"][1]["case"], "examples.pass");
    assert_eq!(rule["cases"][1]["ok"], false);
    assert!(
        rule["cases"][1]["messages"][0]
            .as_str()
            .is_some_and(|m| m.contains("nami-imaging")),
        "{rule}"
    );
}

#[test]
fn an_example_that_is_not_a_pack_document_fails_a_user_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    user_rule(dir.path(), |t| {
        t.replacen("  fail: |\n    kind: Parties\n", "  fail: |\n", 1)
    });
    let (code, out, _) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("examples.fail cannot be run: document 1 of the example has no `kind:`"),
        "{out}"
    );
}

const FIXTURE_OK: &str = "apiVersion: kakunin/v1
kind: ContractPack
id: fixture
title: fixture
institution: minato-clinic
effective: {start: 2026-04-01, end: 2031-03-31}
---
apiVersion: kakunin/v1
kind: Parties
parties:
  - {id: minato-clinic, kind: healthcare_provider, name: みなと診療所}
  - {id: hikari-ris, kind: vendor, name: ひかり, vendor_role: prime, engaged_by: minato-clinic, handles_medical_info: full}
";

#[test]
fn fixtures_beside_the_rules_are_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    user_rule(dir.path(), |t| t);
    write(
        dir.path(),
        "policy/fixtures/my-vendor-fields/pass/pack.yaml",
        FIXTURE_OK,
    );
    let broken = FIXTURE_OK.replace(", engaged_by: minato-clinic", "");
    write(
        dir.path(),
        "policy/fixtures/my-vendor-fields/fail/pack.yaml",
        &broken,
    );
    let (code, out, _) = verify_in(dir.path(), &["policy", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        report["rules"][0]["cases"].as_array().map(Vec::len),
        Some(4),
        "{out}"
    );

    // A failing fixture that does not fail: the rule fails, naming the fixture.
    write(
        dir.path(),
        "policy/fixtures/my-vendor-fields/fail/pack.yaml",
        FIXTURE_OK,
    );
    let (code, out, _) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("fixtures/my-vendor-fields/fail gave no finding of my-vendor-fields"),
        "{out}"
    );
}

#[test]
fn fixtures_for_no_rule_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    user_rule(dir.path(), |t| t);
    write(
        dir.path(),
        "policy/fixtures/my-vendor-field/pass/pack.yaml",
        FIXTURE_OK,
    );
    let (code, out, _) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL  my-vendor-field "), "{out}");
    assert!(
        out.contains("fixtures/my-vendor-field/ is for no rule"),
        "{out}"
    );
}

#[test]
fn a_rule_file_that_does_not_load_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    user_rule(dir.path(), |t| {
        t.replace("severity: error", "severity: fatal")
    });
    let (code, out, err) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("policy/my-vendor-fields.yaml:5:"), "{err}");
    assert!(err.contains("nothing was verified"), "{err}");
}

#[test]
fn a_missing_directory_or_one_without_rules_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = verify_in(dir.path(), &["no-such-dir"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`no-such-dir` does not exist"), "{err}");
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let (code, _, err) = verify_in(dir.path(), &["empty"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("hold no rule files"), "{err}");
}

#[test]
fn examples_are_checked_on_their_own_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        std::fs::read_to_string(root().join("rules/risk-review-overdue.yaml")).expect("read");
    let text = text.replace("id: risk-review-overdue", "id: my-overdue");
    write(dir.path(), "policy/my-overdue.yaml", &text);
    let (code, out, _) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 0, "{out}");
    // Checked ten years on, the passing example's next review is overdue too.
    let (code, out, _) = verify_in(dir.path(), &["policy", "--today", "2036-11-21"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("examples.pass gave 2 findings of my-overdue"),
        "{out}"
    );
    // A day that is not a date is refused with the rule file.
    write(
        dir.path(),
        "policy/my-overdue.yaml",
        &text.replace("today: \"2026-11-21\"", "today: \"2026-13-01\""),
    );
    let (code, _, err) = verify_in(dir.path(), &["policy"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`examples.today` `2026-13-01` is not a date"),
        "{err}"
    );
    assert!(err.contains("policy/my-overdue.yaml:"), "{err}");
}
