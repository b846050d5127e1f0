//! Helpers shared by the integration tests: running `kakunin report`, and files written on the fly.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

pub const TODAY: &str = "2026-11-21";

pub fn kakunin() -> Command {
    let mut cmd = Command::cargo_bin("kakunin").expect("binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// Runs `kakunin report --today TODAY ARGS…`; returns the exit code, stdout and stderr.
pub fn report(args: &[&str]) -> (i32, String, String) {
    let out = kakunin()
        .args(["report", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The findings of `kakunin check --format json` on `paths`, as (rule, "file:line:col").
pub fn json_findings(paths: &[&str]) -> Vec<(String, String)> {
    let out = kakunin()
        .args(["check", "--format", "json", "--today", TODAY])
        .args(paths)
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                format!(
                    "{}:{}:{}",
                    f["file"].as_str().unwrap_or_default(),
                    f["line"],
                    f["column"]
                ),
            )
        })
        .collect()
}

pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// Copies an example pack to `to`, replacing text in its files as given.
pub fn copy_example(example: &str, to: &Path, replace: &[(&str, &str)]) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(example);
    copy_dir(&from, to, replace);
}

fn copy_dir(from: &Path, to: &Path, replace: &[(&str, &str)]) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target, replace);
        } else if entry.path().extension().is_some_and(|e| e == "yaml") {
            let mut text = std::fs::read_to_string(entry.path()).expect("read");
            for (a, b) in replace {
                text = text.replace(a, b);
            }
            std::fs::write(target, text).expect("write");
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A small pack whose every text field tries to break out of the report.
pub const HOSTILE_PACK: &str = r#"apiVersion: kakunin/v1
kind: ContractPack
id: hostile-pack
title: "<script>alert('t')</script></style><b>bold</b>"
institution: clinic
effective: {start: 2026-04-01, end: 2029-03-31}
---
apiVersion: kakunin/v1
kind: Parties
parties:
  - {id: clinic, kind: healthcare_provider, name: "\"><img src=x onerror=alert(1)>"}
---
apiVersion: kakunin/v1
kind: ChecklistRecord
id: rec-hostile
edition: "2024-06"
vendor: clinic
first_consultation: 2026-01-01
items:
  "<i>P9</i>":
    initial: "yes"
  P2-A6:
    initial: "yes"
    evidence: "[click](javascript:alert(1)) <a href='javascript:alert(2)'>x</a> https://evil.example"
    note: "</td></tr></table><iframe src=x></iframe> | pipe ` tick *star* &amp;"
"#;
