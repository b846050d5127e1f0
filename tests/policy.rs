//! Waivers, baselines, isolated mode, and the commands around them (`init`, `rules`, `explain`,
//! `schema`, completions, man page), end to end through the binary.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use support::{TODAY, write};

/// `kakunin` run in `dir`, with no language or date from the environment.
fn kakunin(dir: &Path) -> Command {
    let mut cmd = support::kakunin();
    cmd.current_dir(dir);
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = kakunin(dir)
        .args(["check", "--format", "json", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        value,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn findings(value: &Value) -> &Vec<Value> {
    value["findings"].as_array().expect("findings")
}

/// A repository holding a copy of the broken example (pack id `shiokaze-his-2026`).
fn broken_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken"),
        &dir.path().join("broken"),
    );
    dir
}

const WAIVER: &str = "  - rule: {rule}\n    pack: shiokaze-his-2026\n    reason: 契約更新まで暫定的に認める（チケット 1423）\n    approved_by: 情報システム委員会\n    expires: {expires}\n";

fn waiver(rule: &str, expires: &str) -> String {
    WAIVER.replace("{rule}", rule).replace("{expires}", expires)
}

#[test]
fn waived_findings_stay_visible_but_do_not_fail_the_run() {
    let dir = broken_repo();
    let (_, before, _) = json(dir.path(), &["--select", "sla-present"]);
    let n = findings(&before).len();
    assert!(n >= 1);
    write(
        dir.path(),
        "kakunin.yaml",
        &format!("waivers:\n{}", waiver("sla-present", "2027-03-31")),
    );
    let (code, value, _) = json(dir.path(), &["--select", "sla-present"]);
    assert_eq!(code, 0, "{value:#}");
    assert_eq!(
        findings(&value).len(),
        n,
        "waived findings are still reported"
    );
    let w = &findings(&value)[0]["waived"];
    assert_eq!(w["approved_by"], "情報システム委員会");
    assert_eq!(w["expires"], "2027-03-31");
    assert_eq!(
        (w["file"].as_str(), w["line"].as_u64()),
        (Some("kakunin.yaml"), Some(2))
    );
    assert_eq!(value["summary"]["waived"], n);
    assert_eq!(value["summary"]["errors"], 0);
    let out = kakunin(dir.path())
        .args([
            "check",
            "--today",
            TODAY,
            "--select",
            "sla-present",
            "--color",
            "never",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[waived]") && text.contains("waived until 2027-03-31 by 情報システム委員会"),
        "{text}"
    );
}

#[test]
fn an_expired_waiver_is_an_error_at_the_waiver_and_its_findings_count_again() {
    let dir = broken_repo();
    write(
        dir.path(),
        "kakunin.yaml",
        &format!("waivers:\n{}", waiver("sla-present", "2026-11-20")),
    );
    let (code, value, _) = json(dir.path(), &["--select", "sla-present,waiver-expired"]);
    assert_eq!(code, 1);
    let expired: Vec<&Value> = findings(&value)
        .iter()
        .filter(|f| f["rule"] == "waiver-expired")
        .collect();
    assert_eq!(expired.len(), 1, "{value:#}");
    assert_eq!(expired[0]["file"], "kakunin.yaml");
    assert_eq!(expired[0]["line"], 6);
    assert_eq!(expired[0]["severity"], "error");
    assert!(findings(&value).iter().all(|f| f["waived"].is_null()));
    // The last day of a waiver still holds.
    kakunin(dir.path())
        .args([
            "check",
            "--select",
            "sla-present,waiver-expired",
            "--today",
            "2026-11-20",
        ])
        .assert()
        .code(0);
}

#[test]
fn an_unused_waiver_is_a_warning_at_the_waiver() {
    let dir = broken_repo();
    write(
        dir.path(),
        "kakunin.yaml",
        &format!(
            "waivers:\n{}{}",
            waiver("sla-present", "2027-03-31"),
            waiver("duplicate-key", "2027-03-31")
        ),
    );
    let (code, value, _) = json(dir.path(), &[]);
    assert_eq!(code, 1, "the broken example has other errors");
    let unused: Vec<&Value> = findings(&value)
        .iter()
        .filter(|f| f["rule"] == "waiver-unused")
        .collect();
    assert_eq!(unused.len(), 1, "{:#?}", unused);
    assert_eq!(
        (unused[0]["line"].as_u64(), unused[0]["severity"].as_str()),
        (Some(7), Some("warning"))
    );
    assert!(
        unused[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("duplicate-key")
    );
    // A waiver of a rule that did not run cannot be judged.
    let (_, value, _) = json(dir.path(), &["--ignore", "duplicate-key"]);
    assert!(
        findings(&value)
            .iter()
            .all(|f| f["rule"] != "waiver-unused")
    );
}

#[test]
fn a_baseline_survives_edits_that_move_lines_and_reports_only_new_and_fixed_findings() {
    let dir = broken_repo();
    let baseline = dir.path().join("kakunin-baseline.json");
    let out = kakunin(dir.path())
        .args([
            "check",
            "--today",
            TODAY,
            "--format",
            "json",
            "--write-baseline",
        ])
        .arg(&baseline)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the run still reports what it found"
    );
    let recorded: Value =
        serde_json::from_slice(&std::fs::read(&baseline).expect("written")).expect("json");
    let entries = recorded["findings"].as_array().expect("entries").len();
    assert!(entries > 20);
    assert!(
        !recorded.to_string().contains("\"line\""),
        "no line numbers in a baseline"
    );
    // Unrelated edits: a comment block on top of every file moves every line down.
    for file in [
        "sla.yaml",
        "risk.yaml",
        "parties.yaml",
        "contracts/msa-kaiyo-2026.yaml",
    ] {
        let path = dir.path().join("broken").join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(
            &path,
            format!("# 改訂履歴\n# 2026-11: 体裁を修正\n\n{text}"),
        )
        .expect("write");
    }
    let (code, value, _) = json(dir.path(), &["--baseline", "kakunin-baseline.json"]);
    assert_eq!(code, 0, "{:#}", value["findings"]);
    assert!(findings(&value).is_empty());
    assert_eq!(value["summary"]["baselined"], entries);
    assert_eq!(value["stale_baseline"].as_array().map(Vec::len), Some(0));
    // A new problem is reported; a fixed one shows as a stale entry.
    let msa = dir.path().join("broken/contracts/msa-kaiyo-2026.yaml");
    let text = std::fs::read_to_string(&msa).expect("read");
    let fixed = text.replace("survives_terminaton", "survives_termination");
    assert_ne!(text, fixed, "the broken example's misspelt key");
    std::fs::write(&msa, fixed).expect("write");
    write(
        dir.path(),
        "broken/extra.yaml",
        "apiVersion: kakunin/v1\nkind: Systems\ncomponents: []\nnote: x\n",
    );
    let (code, value, _) = json(dir.path(), &["--baseline", "kakunin-baseline.json"]);
    assert_eq!(code, 1);
    let new: Vec<(&str, &str)> = findings(&value)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or(""),
                f["file"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        new,
        // Causes first: the key nobody reads, then the empty list.
        [
            ("unknown-key", "broken/extra.yaml"),
            ("placeholder-value", "broken/extra.yaml")
        ],
        "{:#}",
        value["findings"]
    );
    let stale: Vec<(&str, &str)> = value["stale_baseline"]
        .as_array()
        .expect("stale")
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap_or(""),
                e["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        stale,
        [
            (
                "confidentiality-clause",
                "clauses.confidentiality.survives_termination"
            ),
            ("unknown-key", "clauses.confidentiality.survives_terminaton")
        ]
    );
    let out = kakunin(dir.path())
        .args([
            "check",
            "--today",
            TODAY,
            "--color",
            "never",
            "--baseline",
            "kakunin-baseline.json",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("no longer match a finding") && text.contains("in the baseline, not shown"),
        "{text}"
    );
    // A baseline that is not one is a usage error.
    write(dir.path(), "bad.json", "{\"findings\": 3}");
    kakunin(dir.path())
        .args(["check", "--baseline", "bad.json"])
        .assert()
        .code(2);
}

/// What a vendor might ship inside its pack to make every check pass.
const MALICIOUS: &str = "select: [yaml-syntax]\nrules:\n  sla-present: off\nwaivers:\n  - {rule: sla-present, pack: shiokaze-his-2026, reason: trust us, approved_by: vendor, expires: 2099-12-31}\n";

#[test]
fn isolated_mode_ignores_every_configuration_but_the_explicit_one() {
    let dir = broken_repo();
    write(dir.path(), "broken/kakunin.yaml", MALICIOUS);
    // The pack's own configuration is never applied, with or without --isolated.
    for flags in [&["broken"][..], &["broken", "--isolated"][..]] {
        let (code, value, stderr) = json(dir.path(), flags);
        assert_eq!(code, 1);
        assert!(
            findings(&value)
                .iter()
                .any(|f| f["rule"] == "sla-present" && f["waived"].is_null())
        );
        assert!(stderr.contains("broken/kakunin.yaml"), "{stderr}");
    }
    // The working directory's configuration is the user's own; --isolated ignores it too, and
    // the hospital's own --config applies.
    std::fs::remove_file(dir.path().join("broken/kakunin.yaml")).expect("rm");
    write(dir.path(), "kakunin.yaml", MALICIOUS);
    let (_, _, stderr) = json(dir.path(), &["broken", "--isolated"]);
    assert!(
        stderr.contains("--isolated: ignoring") && stderr.contains("kakunin.yaml"),
        "{stderr}"
    );
    assert_eq!(json(dir.path(), &["broken"]).0, 0);
    assert_eq!(json(dir.path(), &["broken", "--isolated"]).0, 1);
    let hospital = tempfile::tempdir().expect("tempdir");
    write(
        hospital.path(),
        "hospital.yaml",
        "select: [sla-present]\nrules: {sla-present: warning}\n",
    );
    let config = hospital.path().join("hospital.yaml");
    let (code, value, _) = json(
        dir.path(),
        &[
            "broken",
            "--isolated",
            "--config",
            config.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0);
    assert!(!findings(&value).is_empty());
    assert!(
        findings(&value)
            .iter()
            .all(|f| f["rule"] == "sla-present" && f["severity"] == "warning")
    );
}

#[test]
fn init_scaffolds_packs_whose_only_findings_are_the_answers_left_to_fill() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, flags) in [
        ("clinic-emr", &[][..]),
        ("hospital-his", &["--multi-vendor"][..]),
    ] {
        kakunin(dir.path())
            .args(["init", name, "--today", TODAY])
            .args(flags)
            .assert()
            .code(0);
        // The scaffold is a draft: it fails on the values left to fill in (the `TODO`
        // placeholders and the checklist answers). tests/placeholders.rs checks that every
        // finding is at such a value and that the filled-in pack passes.
        let (code, value, _) = json(dir.path(), &[name, "--fail-on", "info"]);
        let found = findings(&value);
        assert_eq!(code, 1, "{name}: {value:#}");
        assert!(!found.is_empty(), "{name}: {value:#}");
        for rule in ["placeholder-value", "checklist-items-answered"] {
            assert!(found.iter().any(|f| f["rule"] == rule), "{name}: {value:#}");
        }
        let pack = std::fs::read_to_string(dir.path().join(name).join("pack.yaml")).expect("pack");
        assert!(pack.contains(&format!("id: {name}")), "{pack}");
    }
    // Nothing is overwritten.
    let out = kakunin(dir.path())
        .args(["init", "clinic-emr", "--lang", "ja"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("上書きしません"));
}

#[test]
fn rules_and_explain_follow_the_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  sla-present: off\n  risk-review-cadence: {severity: warning, params: {max_review_cadence: P6M}}\n",
    );
    let out = kakunin(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: Value = serde_json::from_slice(&out.stdout).expect("json");
    let find = |id: &str| {
        rules
            .as_array()
            .and_then(|r| r.iter().find(|x| x["id"] == id).cloned())
            .expect(id)
    };
    assert_eq!(find("sla-present")["severity"], "off");
    assert_eq!(find("sla-present")["default_severity"], "error");
    assert_eq!(
        find("risk-review-cadence")["params"]["max_review_cadence"],
        "P6M"
    );
    let out = kakunin(dir.path()).args(["rules"]).output().expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("sla-present ") && l.contains(" off ")),
        "{table}"
    );
    let out = kakunin(dir.path())
        .args(["explain", "risk-review-cadence", "--lang", "ja"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "## パラメータ",
        "max_review_cadence",
        "## 例外の扱い",
        "waivers:",
        "approved_by:",
        "## 違反する例",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
}

#[test]
fn schema_completions_and_man_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    for kind in ["pack", "config"] {
        let out = kakunin(dir.path())
            .args(["schema", kind])
            .output()
            .expect("runs");
        let schema: Value = serde_json::from_slice(&out.stdout).expect("json schema");
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let committed = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("schemas/kakunin-{kind}.schema.json")),
        )
        .expect("committed schema");
        assert_eq!(
            out.stdout, committed,
            "`kakunin schema {kind}` prints the committed schema"
        );
    }
    let out = kakunin(dir.path())
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(
        script.contains("_kakunin()") && script.contains("--isolated"),
        "{script}"
    );
    let out = kakunin(dir.path()).args(["man"]).output().expect("runs");
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(
        man.starts_with(".ie") || man.contains(".TH kakunin"),
        "{man}"
    );
}
