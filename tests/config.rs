//! `kakunin.yaml` end to end: discovery, rule settings, overrides, exclusion, rule directories,
//! spanned errors (exit 2), `--show-config`, and flags taking precedence over the file.

mod support;

use assert_cmd::Command;
use std::path::Path;
use support::{TODAY, write};

/// `kakunin` run in `dir`, with no language or date from the environment.
fn kakunin(dir: &Path) -> Command {
    let mut cmd = support::kakunin();
    cmd.current_dir(dir);
    cmd
}

/// With a compliant pack (`support::compliant_pack`): one risk-review-cadence finding (P18M >
/// P1Y) at risk.yaml:5.
const RISK: &str = "apiVersion: kakunin/v1\nkind: RiskManagement\nid: risk-hikari\nowner: joint\nreview_cadence: P18M\nlast_review: 2026-06-10\nprocess: [identification, analysis, evaluation, treatment, communication]\n";

/// A repository (with `.git`) holding the pack under `packs/hikari`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git dir");
    support::compliant_pack(dir.path(), "packs/hikari", "hikari-clinic-emr");
    write(dir.path(), "packs/hikari/risk.yaml", RISK);
    dir
}

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = kakunin(dir)
        .args(["check", "--format", "json", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), value, stderr)
}

fn rules(value: &serde_json::Value) -> Vec<String> {
    value["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["rule"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_configuration_above_the_inputs_applies_up_to_the_repository_root() {
    let dir = repo();
    let (code, value, _) = json(dir.path(), &["packs/hikari"]);
    assert_eq!(
        (code, rules(&value)),
        (1, vec!["risk-review-cadence".into()])
    );
    // A parameter raised in the repository's configuration, found from a pack two levels down.
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  risk-review-cadence:\n    params: {max_review_cadence: P2Y}\n",
    );
    let (code, value, _) = json(&dir.path().join("packs"), &["hikari"]);
    assert_eq!((code, rules(&value)), (0, Vec::<String>::new()));
    // Severity override: the finding stays, as a warning, and no longer fails the run.
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  risk-review-cadence: warning\n",
    );
    let (code, value, _) = json(dir.path(), &["packs/hikari"]);
    assert_eq!(code, 0);
    assert_eq!(value["findings"][0]["severity"], "warning");
    // fail_on from the file, then the flag wins over the file.
    write(
        dir.path(),
        "kakunin.yaml",
        "fail_on: warning\nrules:\n  risk-review-cadence: warning\n",
    );
    assert_eq!(json(dir.path(), &["packs/hikari"]).0, 1);
    assert_eq!(
        json(dir.path(), &["packs/hikari", "--fail-on", "error"]).0,
        0
    );
    // A configuration above the repository root is not looked at.
    let outer = tempfile::tempdir().expect("tempdir");
    write(
        outer.path(),
        "kakunin.yaml",
        "rules:\n  risk-review-cadence: off\n",
    );
    let inner = outer.path().join("repo");
    std::fs::create_dir_all(inner.join(".git")).expect("git");
    support::compliant_pack(&inner, "p", "hikari-clinic-emr");
    write(&inner, "p/risk.yaml", RISK);
    assert_eq!(json(&inner, &["p"]).0, 1);
    // --no-config ignores the file.
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  risk-review-cadence: off\n",
    );
    assert_eq!(json(dir.path(), &["packs/hikari"]).0, 0);
    assert_eq!(json(dir.path(), &["packs/hikari", "--no-config"]).0, 1);
}

#[test]
fn select_and_ignore_in_the_file_and_on_the_command_line() {
    let dir = repo();
    write(
        dir.path(),
        "packs/hikari/extra.yaml",
        "apiVersion: kakunin/v1\nkind: Systems\ncomponets: []\n",
    );
    write(
        dir.path(),
        "kakunin.yaml",
        "ignore: [unknown-key, missing-field]\nrules:\n  risk-review-cadence: off\n",
    );
    let (_, value, _) = json(dir.path(), &[]);
    assert!(rules(&value).is_empty(), "{value:#}");
    // --select replaces the file's choice, even a rule the file turned off.
    let (_, value, _) = json(dir.path(), &["--select", "risk-review-cadence,unknown-key"]);
    let mut got = rules(&value);
    got.sort();
    assert_eq!(got, ["risk-review-cadence", "unknown-key"]);
    // --ignore removes from whichever choice holds.
    let (_, value, _) = json(
        dir.path(),
        &[
            "--select",
            "risk-review-cadence,unknown-key",
            "--ignore",
            "unknown-key",
        ],
    );
    assert_eq!(rules(&value), ["risk-review-cadence"]);
    write(dir.path(), "kakunin.yaml", "select: [unknown-key]\n");
    let (_, value, _) = json(dir.path(), &[]);
    assert_eq!(rules(&value), ["unknown-key"]);
}

#[test]
fn overrides_by_path_and_excluded_paths() {
    let dir = repo();
    support::compliant_pack(dir.path(), "legacy/old", "old-pack");
    write(dir.path(), "legacy/old/risk.yaml", RISK);
    write(dir.path(), "archive/pack.yaml", "not: [valid\n");
    write(
        dir.path(),
        "kakunin.yaml",
        "exclude: ['archive/**']\noverrides:\n  - paths: ['legacy/**']\n    rules: {risk-review-cadence: info}\n  - paths: ['*/risk.yaml']\n    rules: {risk-review-cadence: off}\n",
    );
    let (code, value, _) = json(dir.path(), &[]);
    assert_eq!(code, 1, "{value:#}");
    assert_eq!(value["summary"]["packs"], 2, "archive/ is excluded");
    let findings = value["findings"].as_array().expect("findings");
    let severities: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // `*` does not cross `/`, so `*/risk.yaml` matches neither pack's risk.yaml.
    assert_eq!(
        severities,
        [
            ("legacy/old/risk.yaml", "info"),
            ("packs/hikari/risk.yaml", "error")
        ]
    );
    write(
        dir.path(),
        "kakunin.yaml",
        "exclude: ['archive/**']\noverrides:\n  - paths: ['packs/*/risk.yaml']\n    rules: {risk-review-cadence: off}\n",
    );
    let (_, value, _) = json(dir.path(), &[]);
    let files: Vec<&str> = value["findings"]
        .as_array()
        .expect("f")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert_eq!(files, ["legacy/old/risk.yaml"]);
}

#[test]
fn configuration_errors_are_all_reported_with_their_place_and_exit_2() {
    let dir = repo();
    write(
        dir.path(),
        "kakunin.yaml",
        "lang: fr\nfail-on: error\nrules:\n  risk-review-cadense: off\n  risk-review-cadence:\n    params: {max_review_cadence: 1 year, max: P1Y}\nexclude: ['[']\nwaivers:\n  - rule: sla-present\n    pack: hikari-clinic-emr\n",
    );
    let out = kakunin(dir.path())
        .args(["check", "--today", TODAY, "--color", "never"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "kakunin.yaml:1:7",
        "`fr` is not allowed here",
        "kakunin.yaml:2:1",
        "did you mean `fail_on`",
        "kakunin.yaml:4:3",
        "did you mean `risk-review-cadence`",
        "`1 year` is not an ISO-8601 duration",
        "has no parameter `max`",
        "is not a valid glob",
        "`reason` is required",
        "`approved_by` is required",
        "`expires` is required",
        "the configuration has 9 problems",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    let out = kakunin(dir.path())
        .args(["check", "--lang", "ja", "--color", "never"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("必須です"));
    // An explicit --config that does not exist, and a broken YAML file.
    kakunin(dir.path())
        .args(["check", "--config", "nope.yaml"])
        .assert()
        .code(2);
    write(dir.path(), "kakunin.yaml", "rules: [\n");
    let out = kakunin(dir.path())
        .args(["check", "--color", "never"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid YAML"));
}

#[test]
fn rule_directories_add_the_hospitals_own_rules() {
    let dir = repo();
    let own_rule = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/risk-review-cadence.yaml"),
    )
    .expect("rule")
    .replace("id: risk-review-cadence", "id: hospital-review-half-year")
    .replace("max_review_cadence: P1Y", "max_review_cadence: P6M");
    write(
        dir.path(),
        "policy/hospital-review-half-year.yaml",
        &own_rule,
    );
    write(
        dir.path(),
        "kakunin.yaml",
        "rule_dirs: [policy]\nrules:\n  risk-review-cadence: off\n",
    );
    let (code, value, _) = json(dir.path(), &[]);
    assert_eq!(
        (code, rules(&value)),
        (1, vec!["hospital-review-half-year".to_owned()])
    );
    let out = kakunin(dir.path())
        .args(["explain", "hospital-review-half-year"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("max_review_cadence"));
    // A broken rule file is reported at its place, with the other problems.
    write(
        dir.path(),
        "policy/broken.yaml",
        "id: broken\ntitle: {en: a, ja: b}\nseverty: error\n",
    );
    write(dir.path(), "kakunin.yaml", "rule_dirs: [policy, missing]\n");
    let out = kakunin(dir.path())
        .args(["check", "--color", "never"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("policy/broken.yaml:3:1"), "{err}");
    assert!(
        err.contains("cannot read rule directory `missing`"),
        "{err}"
    );
}

#[test]
fn show_config_prints_a_configuration_that_gives_the_same_run() {
    let dir = repo();
    write(
        dir.path(),
        "kakunin.yaml",
        "lang: ja\nrules:\n  risk-review-cadence: {severity: warning, params: {max_review_cadence: P16M}}\n  checklist-open-item: off\nwaivers:\n  - {rule: unknown-key, pack: hikari-clinic-emr, reason: 移行中, approved_by: 委員会, expires: 2027-03-31}\nlimits:\n  max_depth: 20\n",
    );
    let out = kakunin(dir.path())
        .args(["check", "--show-config", "--ignore", "duplicate-id"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    for line in [
        "lang: ja",
        "checklist-open-item: \"off\"",
        "duplicate-id: \"off\"",
        "max_review_cadence: P16M",
        "severity: warning",
        "approved_by: 委員会",
        "max_depth: 20",
        "max_file_bytes: 8388608",
    ] {
        assert!(shown.contains(line), "{line:?} in:\n{shown}");
    }
    write(dir.path(), "effective.yaml", &shown);
    let from_file = json(dir.path(), &["--ignore", "duplicate-id"]);
    let from_shown = json(dir.path(), &["--config", "effective.yaml"]);
    assert_eq!(from_file.0, from_shown.0);
    assert_eq!(rules(&from_file.1), rules(&from_shown.1));
    assert_eq!(from_file.1["findings"][0]["severity"], "warning");
}
