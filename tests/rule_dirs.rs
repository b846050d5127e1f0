//! The directories named in `rule_dirs:` hold rules and their fixtures, never pack documents: a
//! failing fixture pack kept beside its rule is not checked as one of the project's packs, and
//! the exclusion is stated with the configuration applied.

mod support;

use support::{compliant_pack, kakunin, root, write};

/// A project with a rule `my-risk` in `policy/`, a failing fixture pack beside it, and a
/// configuration whose `rule_dirs:` is `rule_dirs`.
fn project(rule_dirs: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        std::fs::read_to_string(root().join("rules/risk-review-overdue.yaml")).expect("read");
    write(
        dir.path(),
        "policy/my-risk.yaml",
        &text.replace("id: risk-review-overdue", "id: my-risk"),
    );
    write(
        dir.path(),
        "policy/fixtures/my-risk/fail/pack.yaml",
        "kind: ContractPack\nid: fixture-pack\n",
    );
    write(dir.path(), "kakunin.yaml", rule_dirs);
    compliant_pack(dir.path(), "packs/ris", "minato-ris");
    dir
}

fn check(dir: &std::path::Path) -> (i32, serde_json::Value) {
    let out = kakunin()
        .current_dir(dir)
        .args(["check", "--format", "json", "--today", support::TODAY, "."])
        .output()
        .expect("runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), value)
}

fn files_with_findings(value: &serde_json::Value) -> Vec<String> {
    let findings = value["findings"].as_array().cloned().unwrap_or_default();
    findings
        .iter()
        .filter_map(|f| f["file"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_fixture_pack_in_a_rule_directory_is_not_checked() {
    let control = project("exclude: []\n");
    let (code, value) = check(control.path());
    assert_eq!(code, 1, "{value:#}");
    let files = files_with_findings(&value);
    assert!(
        files
            .iter()
            .any(|f| f.contains("policy/fixtures/my-risk/fail")),
        "without rule_dirs the fixture is a pack: {value:#}"
    );

    let dir = project("rule_dirs: [policy]\n");
    let (code, value) = check(dir.path());
    let files = files_with_findings(&value);
    assert!(
        files.iter().all(|f| !f.contains("policy/")),
        "a rule directory was read as packs: {files:?}"
    );
    assert_eq!(code, 0, "{value:#}");
    assert_eq!(value["summary"]["packs"], 1, "{value:#}");
}

#[test]
fn a_rule_directory_written_with_dots_is_still_left_out() {
    let dir = project("rule_dirs: [./policy/../policy/]\n");
    let (_, value) = check(dir.path());
    let files = files_with_findings(&value);
    assert!(files.iter().all(|f| !f.contains("policy/")), "{files:?}");
}

#[test]
fn the_exclusion_is_stated_with_the_configuration_applied() {
    let dir = project("rule_dirs: [policy]\n");
    let (_, value) = check(dir.path());
    assert_eq!(
        value["configuration"]["excluded"],
        serde_json::json!([{"glob": "policy/**", "file": "kakunin.yaml", "line": 1}]),
        "{value:#}"
    );
    let plain = project("exclude: []\n");
    let (_, value) = check(plain.path());
    assert_eq!(
        value["configuration"]["excluded"],
        serde_json::json!([]),
        "{value:#}"
    );
}
