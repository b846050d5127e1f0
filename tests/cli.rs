//! The command line end to end: exit codes, formats, language, colour, path selection.

mod support;

use std::path::Path;
use support::{TODAY, kakunin, write};

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = kakunin()
        .args(["check", "--format", "json", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("json: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), value)
}

const MINIMAL_PACK: &str = "apiVersion: kakunin/v1\nkind: ContractPack\nid: tmp-pack\ntitle: テスト\ninstitution: clinic\neffective: {start: 2026-04-01, end: 2029-03-31}\n---\napiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {id: clinic, kind: healthcare_provider, name: 診療所}\n";

#[test]
fn compliant_examples_exit_0_with_no_findings() {
    let (code, value) = json(&["examples/single-vendor", "examples/multi-vendor"]);
    assert_eq!(
        value["findings"].as_array().map(Vec::len),
        Some(0),
        "{:#}",
        value["findings"]
    );
    assert_eq!(code, 0);
    assert_eq!(value["summary"]["packs"], 2);
}

#[test]
fn broken_example_exits_1_and_reports_every_headline_rule() {
    let (code, value) = json(&["examples/broken"]);
    assert_eq!(code, 1);
    let rules: Vec<&str> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    for rule in [
        "sla-present",
        "sla-core-metrics",
        "confidentiality-clause",
        "confidentiality-binds-vendors",
        "prime-vendor-named",
        "prime-scope-subcontractors",
        "prime-scope-components",
        "component-accountability",
        "risk-review-cadence",
        "risk-review-overdue",
        "provider-guideline-conformance",
        "guideline-compliance-version",
        "sla-contract",
        "pack-period-in-term",
        "vendor-fields",
        "subcontract-upstream",
        "risk-next-review",
        "change-notification-clause",
        "personal-information-clause",
        "checklist-open-item",
        "checklist-completion-date",
        "evidence-path",
        "contract-term",
        "unknown-key",
        "unresolved-reference",
        "invalid-value",
    ] {
        assert!(
            rules.contains(&rule),
            "broken example should trip {rule}; got {rules:?}"
        );
    }
}

#[test]
fn json_findings_carry_the_documented_fields() {
    let (_, value) = json(&["examples/broken"]);
    assert_eq!(value["schema_version"], 1);
    let findings = value["findings"].as_array().expect("findings");
    let typo = findings
        .iter()
        .find(|f| f["rule"] == "unknown-key")
        .expect("unknown-key finding");
    for key in [
        "rule",
        "severity",
        "checklist",
        "message",
        "help",
        "pack",
        "file",
        "line",
        "column",
        "path",
        "offset",
        "length",
    ] {
        assert!(typo.get(key).is_some(), "missing {key} in {typo:#}");
    }
    let file = typo["file"].as_str().expect("file");
    assert!(
        file.starts_with("examples/broken/") && !file.contains('\\'),
        "{file}"
    );
    assert_eq!(typo["pack"], "shiokaze-his-2026");
    // The span points at the misspelt key itself, by byte offset, in a file full of Japanese.
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).expect("read");
    let (offset, length) = (
        typo["offset"].as_u64().unwrap_or(0) as usize,
        typo["length"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[offset..offset + length], "survives_terminaton");
    let line = typo["line"].as_u64().unwrap_or(0) as usize;
    assert!(
        text.lines()
            .nth(line - 1)
            .is_some_and(|l| l.contains("survives_terminaton"))
    );
    assert!(
        typo["message"]
            .as_str()
            .is_some_and(|m| m.contains("survives_termination")),
        "did-you-mean: {typo:#}"
    );
    let sla = findings
        .iter()
        .find(|f| f["rule"] == "sla-present")
        .expect("sla-present");
    assert_eq!(sla["checklist"], serde_json::json!(["P2-A6"]));
}

#[test]
fn japanese_messages_with_lang_flag_and_from_lang_env() {
    let out = kakunin()
        .args([
            "check",
            "examples/broken",
            "--today",
            TODAY,
            "--lang",
            "ja",
            "--color",
            "never",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("SLA（ServiceLevelAgreement）がありません"),
        "{text}"
    );
    assert!(text.contains("確認表: P2-A6"));
    let out = kakunin()
        .env("LANG", "ja_JP.UTF-8")
        .args(["check", "examples/broken", "--today", TODAY])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("エラー"));
    let out = kakunin()
        .env("LANG", "en_US.UTF-8")
        .args(["check", "examples/broken", "--today", TODAY])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains(" errors, "));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = kakunin()
        .args(["check", "examples/broken", "--today", TODAY])
        .output()
        .expect("runs");
    assert!(
        !plain.stdout.contains(&0x1b),
        "piped output must have no escape codes"
    );
    let forced = kakunin()
        .args([
            "check",
            "examples/broken",
            "--today",
            TODAY,
            "--color",
            "always",
        ])
        .output()
        .expect("runs");
    assert!(forced.stdout.contains(&0x1b));
    let no_color = kakunin()
        .env("NO_COLOR", "1")
        .args([
            "check",
            "examples/broken",
            "--today",
            TODAY,
            "--color",
            "auto",
        ])
        .output()
        .expect("runs");
    assert!(!no_color.stdout.contains(&0x1b));
}

#[test]
fn usage_errors_exit_2() {
    kakunin().args(["check", "--no-such-flag"]).assert().code(2);
    kakunin()
        .args(["check", "examples", "--today", "2026-13-01"])
        .assert()
        .code(2);
    let out = kakunin()
        .args(["check", "examples", "--select", "sla-presnet"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `sla-present`"));
    kakunin().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn no_packs_or_missing_inputs_exit_3() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "notes/readme.yaml", "a: 1\n");
    let out = kakunin()
        .args(["check", "--today", TODAY])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no contract packs found"));
    kakunin()
        .args(["check", "no/such/dir", "--today", TODAY])
        .assert()
        .code(3);
}

#[test]
fn output_that_cannot_be_written_exits_4() {
    let out = kakunin()
        .args([
            "check",
            "examples/single-vendor",
            "--today",
            TODAY,
            "--output",
            "no/such/dir/report.json",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
    for command in ["check", "report"] {
        let out = kakunin()
            .args([
                command,
                "examples/single-vendor",
                "--today",
                TODAY,
                "--lang",
                "ja",
            ])
            .args(["--output", "no/such/dir/report"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(4), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("に書き込めません"), "{command}: {stderr}");
    }
}

#[test]
fn a_destination_that_fails_while_written_exits_4_and_the_others_are_complete() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let concise = dir.path().join("report.txt");
    let concise_arg = concise.to_str().expect("utf-8");
    let out = kakunin()
        .args(["check", "examples", "--today", TODAY, "--format", "json"])
        .args([
            "--output",
            "/dev/full",
            "--format",
            "concise",
            "--output",
            concise_arg,
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write /dev/full"));
    let alone = kakunin()
        .args(["check", "examples", "--today", TODAY, "--format", "concise"])
        .output()
        .expect("runs");
    assert!(!alone.stdout.is_empty());
    assert_eq!(std::fs::read(&concise).expect("written"), alone.stdout);
}

#[test]
fn exit_code_follows_fail_on_and_exit_zero_not_the_format() {
    let code = |args: &[&str]| support::check(args).0;
    for format in ["human", "json"] {
        assert_eq!(code(&["examples/broken", "--format", format]), 1);
        let exit_zero = ["examples/broken", "--format", format, "--exit-zero"];
        assert_eq!(code(&exit_zero), 0);
    }
    // pack-period-in-term is a warning: alone it fails only with --fail-on warning.
    let warning_only = ["examples/broken", "--select", "pack-period-in-term"];
    assert_eq!(code(&warning_only), 0);
    assert_eq!(
        code(&[&warning_only[..], &["--fail-on", "warning"]].concat()),
        1
    );
}

#[test]
fn a_file_selects_its_whole_pack_and_only_that_pack() {
    let (_, value) = json(&["examples/broken/sla.yaml"]);
    assert_eq!(value["summary"]["packs"], 1);
    let files: Vec<&str> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("risk.yaml")),
        "cross-file rules need the whole pack: {files:?}"
    );
}

#[test]
fn one_broken_file_does_not_hide_other_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a/pack.yaml", MINIMAL_PACK);
    write(
        dir.path(),
        "a/broken.yaml",
        "apiVersion: kakunin/v1\nkind: Parties\nparties: [\n",
    );
    write(
        dir.path(),
        "a/typo.yaml",
        "apiVersion: kakunin/v1\nkind: Systems\ncomponets: []\n",
    );
    write(
        dir.path(),
        "b/pack.yaml",
        &MINIMAL_PACK
            .replace("tmp-pack", "other-pack")
            .replace("institution: clinic", "institution: clinik"),
    );
    let out = kakunin()
        .args(["check", "--format", "json", "--today", TODAY])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(String, String)> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_owned(),
                f["rule"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for (file, rule) in [
        ("a/broken.yaml", "yaml-syntax"),
        ("a/typo.yaml", "unknown-key"),
        ("b/pack.yaml", "unresolved-reference"),
    ] {
        assert!(
            found.iter().any(|(f, r)| f == file && r == rule),
            "{file} {rule} in {found:?}"
        );
    }
}

#[test]
fn hidden_and_gitignored_directories_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "live/pack.yaml", MINIMAL_PACK);
    write(dir.path(), ".cache/pack.yaml", "not: [valid\n");
    write(dir.path(), "build/pack.yaml", "not: [valid\n");
    write(dir.path(), ".gitignore", "build/\n");
    let out = kakunin()
        .args(["check", "--format", "json", "--today", TODAY])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(value["summary"]["packs"], 1, "{value:#}");
}

#[test]
fn output_is_deterministic() {
    let run = || {
        kakunin()
            .args(["check", "examples", "--today", TODAY, "--format", "json"])
            .output()
            .expect("runs")
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn today_comes_from_source_date_epoch_when_not_given() {
    // 2030-01-01: every review in the compliant examples is overdue by then.
    let out = kakunin()
        .env("SOURCE_DATE_EPOCH", "1893456000")
        .args([
            "check",
            "examples/single-vendor",
            "--format",
            "json",
            "--select",
            "risk-review-overdue",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn rules_and_explain_describe_the_catalog() {
    let out = kakunin()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(rules.as_array().is_some_and(|r| {
        r.iter()
            .any(|r| r["id"] == "sla-present" && r["checklist"][0] == "P2-A6")
    }));
    let out = kakunin()
        .args(["explain", "sla-present", "--lang", "ja"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("確認表の項目: P2-A6") && text.contains("修正方法"),
        "{text}"
    );
}

#[test]
fn several_formats_in_one_run_each_to_its_own_destination() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json_path = dir.path().join("report.json");
    let out = kakunin()
        .args([
            "check",
            "examples/broken",
            "--today",
            TODAY,
            "--color",
            "never",
            "--format",
            "json",
            "--output",
        ])
        .arg(&json_path)
        .args(["--format", "human"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).expect("json written")).expect("json");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("sla-present") && stdout.contains(" errors, "),
        "human on stdout: {stdout}"
    );
    assert_eq!(
        report["summary"]["errors"]
            .as_u64()
            .map(|n| stdout.contains(&format!("{n} errors"))),
        Some(true)
    );
    // Two formats cannot share standard output; more outputs than formats is an error too.
    kakunin()
        .args(["check", "examples", "--format", "json", "--format", "human"])
        .assert()
        .code(2);
    kakunin()
        .args(["check", "examples", "--output", "a", "--output", "b"])
        .assert()
        .code(2);
}
