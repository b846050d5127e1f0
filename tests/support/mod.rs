//! Shared by the integration tests: running kakunin (`check`, `report`), writing and copying
//! packs, and finding the real consumer tools that `.ci/run` installs (`.ci/node`, `.ci/venv`).
//! A missing tool fails the test when `CI=true` and skips it with a notice otherwise.
#![allow(dead_code)]

pub mod act;
pub mod reports;
pub mod source;
pub mod yaml_json;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const TODAY: &str = "2026-11-21";

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `kakunin` in the repository root, with no language or date from the environment.
pub fn kakunin() -> Command {
    let mut cmd = Command::cargo_bin("kakunin").expect("binary");
    cmd.current_dir(root())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs `kakunin check --today TODAY ARGS…` in `dir`; returns (exit code, stdout).
pub fn check_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = kakunin()
        .current_dir(dir)
        .args(["check", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    (out.status.code().unwrap_or(-1), stdout)
}

pub fn check(args: &[&str]) -> (i32, String) {
    check_in(root(), args)
}

pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (_, text) = check_in(dir, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("json: {e}: {text}"))
}

/// `kakunin check --no-config --format json --lang LANG DIR`: (exit code, its findings).
pub fn pack_findings(dir: &Path, lang: &str) -> (i32, Vec<serde_json::Value>) {
    let out = kakunin()
        .args(["check", "--no-config", "--format", "json", "--today", TODAY])
        .args(["--lang", lang])
        .arg(dir)
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found = value["findings"].as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), found)
}

pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// A copy of the compliant `examples/single-vendor` at `dir/rel`, its pack id set to `id`: a pack
/// with no finding, to which a test adds the one it is about.
pub fn compliant_pack(dir: &Path, rel: &str, id: &str) {
    let pack_id = format!("id: {id}");
    copy_example(
        "single-vendor",
        &dir.join(rel),
        &[("id: himawari-emr-ris-2026", pack_id.as_str())],
    );
}

/// Text that tries to break out of every output syntax: workflow-command injection, XML and
/// CDATA ends, HTML, Markdown table pipes, quotes, CR/LF, NUL and an ANSI escape.
pub const HOSTILE: &str = "clinic%0A::error file=x::forged\n::warning::two\r\n]]><x a='1'>|c|\"q\"&amp;\u{0}\u{1b}[31m ##[error]legacy";

/// A pack whose institution reference holds [`HOSTILE`] (it reaches the messages of
/// `unresolved-reference`), plus a file whose name holds `,`, `:`, `%` and a space.
pub fn hostile_pack(dir: &Path) {
    let escaped = yaml_quoted(HOSTILE);
    write(
        dir,
        "p/pack.yaml",
        &format!(
            "apiVersion: kakunin/v1\nkind: ContractPack\nid: tmp-pack\ntitle: テスト\ninstitution: {escaped}\neffective: {{start: 2026-04-01, end: 2029-03-31}}\n---\napiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {{id: clinic, kind: healthcare_provider, name: 診療所}}\n"
        ),
    );
    write(
        dir,
        "p/odd,name:x%0A y.yaml",
        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {id: other, kind: vendor}\n",
    );
}

/// A pack in `dir` whose parties are each engaged by one of `texts`, so that each reaches the
/// message of an `unresolved-reference` finding.
pub fn reference_pack(dir: &Path, texts: &[&str]) {
    write(
        dir,
        "pack.yaml",
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: text-pack\ntitle: t\ninstitution: clinic\neffective: {start: 2026-04-01, end: 2029-03-31}\n",
    );
    let mut parties = String::from(
        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {id: clinic, kind: healthcare_provider, name: 診療所}\n",
    );
    for (i, text) in texts.iter().enumerate() {
        let text = yaml_quoted(text);
        parties.push_str(&format!(
            "  - {{id: p{i}, kind: healthcare_provider, name: n, engaged_by: {text}}}\n"
        ));
    }
    write(dir, "parties.yaml", &parties);
}

/// `text` as a YAML double-quoted scalar (quotes, backslashes and control characters escaped).
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}' => out.push_str("\\0"),
            '\u{1b}' => out.push_str("\\e"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text as a renderer that keeps line breaks shows it: CRLF and lone CR become LF, other
/// control characters `\u{…}`.
pub fn visible_lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(visible)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text as a GitHub annotation shows it: line breaks kept, other control characters `\u{…}`.
pub fn visible_in_annotation(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\r' | '\n' => c.to_string(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Text with its control characters shown as `\u{…}`, as line-oriented formats show them.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A consumer tool: `.ci/node/node_modules/.bin/NAME`, `.ci/venv/bin/NAME`, or NAME on PATH.
/// `None` (after a notice) when it is missing outside CI; a panic when it is missing in CI.
pub fn tool(name: &str) -> Option<PathBuf> {
    let candidates = [
        root().join(".ci/node/node_modules/.bin").join(name),
        root().join(".ci/venv/bin").join(name),
    ];
    let found = candidates.into_iter().find(|p| p.is_file()).or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        missing(name);
    }
    found
}

/// A file that `.ci/run` installs under `.ci/` (`PATH` is not searched): a tool's script or the
/// runtime it needs. `None` (after a notice) when it is missing outside CI; a panic in CI.
pub fn ci_file(path: &str) -> Option<PathBuf> {
    let file = root().join(".ci").join(path);
    if file.is_file() {
        Some(file)
    } else {
        missing(&format!(".ci/{path}"));
        None
    }
}

/// The Python of `.ci/venv`, which has the consumer libraries (junitparser, cmarkgfm).
pub fn venv_python() -> Option<PathBuf> {
    let python = root().join(".ci/venv/bin/python");
    if python.is_file() {
        Some(python)
    } else {
        missing(".ci/venv/bin/python");
        None
    }
}

fn missing(name: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{name} is missing; .ci/run installs it (tests never skip in CI)");
    }
    eprintln!("notice: {name} is not installed; skipping (run .ci/run to install it)");
}

/// Runs a tool; returns (exit code, stdout + stderr).
pub fn run_tool(program: &Path, args: &[&std::ffi::OsStr], dir: &Path) -> (i32, String) {
    let out = std::process::Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// A finished run as (exit code, stdout, stderr).
pub fn outcome(out: std::process::Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `kakunin report --today TODAY ARGS…`; returns the exit code, stdout and stderr.
pub fn report(args: &[&str]) -> (i32, String, String) {
    outcome(
        kakunin()
            .args(["report", "--today", TODAY])
            .args(args)
            .output()
            .expect("runs"),
    )
}

/// The stdout of `kakunin explain ARGS…` run in `dir`, which must succeed.
pub fn explain(dir: &Path, args: &[&str]) -> String {
    let out = kakunin()
        .current_dir(dir)
        .arg("explain")
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
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

/// A copy of an example in a fresh directory with each `(file, from, to)` edit applied once
/// (`from` must be there).
pub fn edited_example(example: &str, edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example(example, dir.path(), &[]);
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).expect("write");
    }
    dir
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
