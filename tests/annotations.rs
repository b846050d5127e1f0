//! GitHub workflow commands and GitLab Code Quality: what their consumers parse.
//!
//! GitHub: each line is read back with the parsing rules of the Actions runner
//! (`ActionCommand.TryParseV2`: `::name k=v,k=v::data`, properties split on `,` then `=`,
//! `%0D %0A %3A %2C %25` decoded in properties, `%0D %0A %25` in data), so a hostile contract
//! field must come back as the same text and never as a command of its own.
//! GitLab: the requirements GitLab applies to each Code Quality issue (its schema: description,
//! fingerprint, severity and location with path and lines.begin; one issue kept per
//! fingerprint; known severities), and fingerprints that survive lines moving.

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use support::{HOSTILE, check_in, hostile_pack, json, kakunin, reports, root};

/// A workflow command as the runner reads it: (command, properties, data).
fn parse_command(line: &str) -> Option<(String, BTreeMap<String, String>, String)> {
    let message = line.trim_start();
    let rest = message.strip_prefix("::")?;
    let end = rest.find("::")?;
    let info = &rest[..end];
    let (name, props) = info.split_once(' ').unwrap_or((info, ""));
    let unescape_property = |v: &str| {
        v.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let properties = props
        .trim()
        .split(',')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), unescape_property(v)))
        .collect();
    let data = rest[end + 2..]
        .replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%25", "%");
    Some((name.to_owned(), properties, data))
}

#[test]
fn workflow_commands_carry_every_finding_and_cannot_be_forged() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_pack(dir.path());
    let report = json(dir.path(), &["."]);
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["message"].as_str().is_some_and(|m| m.contains(HOSTILE))),
        "the hostile text must reach a message: {report:#}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f["file"] == "p/odd,name:x%0A y.yaml"),
        "a finding in the oddly named file: {report:#}"
    );
    let (code, text) = check_in(dir.path(), &[".", "--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len(), "one line per finding:\n{text}");
    for (line, f) in lines.iter().zip(findings) {
        let (name, props, data) = parse_command(line).unwrap_or_else(|| panic!("{line}"));
        let expected_name = match f["severity"].as_str() {
            Some("warning") => "warning",
            Some("info") => "notice",
            _ => "error",
        };
        assert_eq!(name, expected_name);
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        assert_eq!(keys, ["col", "file", "line", "title"], "{line}");
        assert_eq!(props["file"], f["file"].as_str().unwrap_or_default());
        assert_eq!(props["line"], f["line"].to_string());
        assert_eq!(props["col"], f["column"].to_string());
        assert!(props["title"].contains(f["rule"].as_str().unwrap_or("?")));
        let message = f["message"].as_str().unwrap_or_default();
        let help = f["help"].as_str().unwrap_or_default();
        let expected = support::visible_in_annotation(&format!("{message}\n\n{help}"));
        assert_eq!(data, expected, "{line}");
    }
    // The pack's literal `%0A` stays literal, its real line breaks are encoded, and no line is
    // the forged command.
    assert!(
        text.contains("clinic%250A::error file=x::forged%0A::warning::two%0D%0A]]>"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("::error file=x")));
}

#[test]
fn job_summary_is_appended_only_with_github_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    let out = kakunin()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "examples/broken", "--today", support::TODAY])
        .args(["--format", "github"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        text.starts_with("earlier step\n## kakunin check\n"),
        "{text}"
    );
    assert!(text.contains("| Severity | Rule |"), "{text}");
    let out = kakunin()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "examples/broken", "--today", support::TODAY])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&summary).expect("summary"), text);
}

fn gitlab(dir: &std::path::Path, input: &str) -> Vec<Value> {
    let (_, text) = check_in(dir, &[input, "--format", "gitlab"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn gitlab_code_quality_meets_gitlab_requirements() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_pack(dir.path());
    for (dir, input) in [(root(), "examples"), (dir.path(), ".")] {
        let issues = gitlab(dir, input);
        let report = json(dir, &[input]);
        reports::assert_code_quality(&issues, report["findings"].as_array().expect("findings"));
    }
}

/// Fingerprints by rule and file, for comparing two runs.
fn prints(dir: &std::path::Path, format: &str) -> BTreeSet<String> {
    let (_, text) = check_in(dir, &["pack", "--format", format]);
    let value: Value = serde_json::from_str(&text).expect("json");
    match format {
        "gitlab" => value
            .as_array()
            .expect("array")
            .iter()
            .map(|i| i["fingerprint"].to_string())
            .collect(),
        _ => value["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["partialFingerprints"].to_string())
            .collect(),
    }
}

#[test]
fn fingerprints_survive_moved_lines_and_another_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = |shift: bool| {
        let source = root().join("examples/broken");
        for entry in walk(&source) {
            let rel = entry.strip_prefix(&source).expect("inside");
            let target = dir.path().join("pack").join(rel);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            let text = std::fs::read(&entry).expect("read");
            let text = if shift && entry.extension().is_some_and(|e| e == "yaml") {
                [b"# moved down\n# by two lines\n".as_slice(), &text].concat()
            } else {
                text
            };
            std::fs::write(target, text).expect("write");
        }
    };
    copy(false);
    let before = (prints(dir.path(), "gitlab"), prints(dir.path(), "sarif"));
    let lines_before = check_in(dir.path(), &["pack", "--format", "concise"]).1;
    std::fs::remove_dir_all(dir.path().join("pack")).expect("rm");
    copy(true);
    let after = (prints(dir.path(), "gitlab"), prints(dir.path(), "sarif"));
    let lines_after = check_in(dir.path(), &["pack", "--format", "concise"]).1;
    assert_ne!(lines_before, lines_after, "the lines did move");
    assert_eq!(before, after);
    assert!(before.0.len() > 10);
    let ja = check_in(dir.path(), &["pack", "--format", "gitlab", "--lang", "ja"]).1;
    let ja: Vec<Value> = serde_json::from_str(&ja).expect("json");
    let ja: BTreeSet<String> = ja.iter().map(|i| i["fingerprint"].to_string()).collect();
    assert_eq!(ja, after.0);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
