//! Human output: snapshots of the examples, and snippets that stay right with Japanese text,
//! CRLF, a BOM, a lone CR, no final newline, and spans at the end of a file.

use assert_cmd::Command;
use std::path::Path;

fn human(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("kakunin")
        .expect("binary")
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .args(["check", "--today", "2026-11-21", "--color", "never"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn broken_example_in_english() {
    insta::assert_snapshot!(human(root(), &["examples/broken", "--lang", "en"]));
}

#[test]
fn broken_example_in_japanese() {
    insta::assert_snapshot!(human(root(), &["examples/broken", "--lang", "ja"]));
}

const PACK: &str = "apiVersion: kakunin/v1\nkind: ContractPack\nid: enc-pack\ntitle: 文字コード試験\ninstitution: clinic\neffective: {start: 2026-04-01, end: 2029-03-31}\n";

/// Writes a pack whose parties.yaml holds `body` (with the given line ending) and an unknown key
/// on its last line; returns the human output.
fn check_parties(body: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pack.yaml"), PACK).expect("write");
    std::fs::write(dir.path().join("parties.yaml"), body).expect("write");
    human(dir.path(), &["--select", "unknown-key"])
}

#[test]
fn crlf_file_points_at_the_right_line_and_column() {
    let out = check_parties(
        "apiVersion: kakunin/v1\r\nkind: Parties\r\nparties:\r\n  - {id: clinic, kind: healthcare_provider, name: 病院, nmae: x}\r\n",
    );
    assert!(out.contains("parties.yaml:4:55"), "{out}");
    assert!(
        out.contains("unknown key `nmae`; did you mean `name`?"),
        "{out}"
    );
}

#[test]
fn bom_and_no_final_newline() {
    let out =
        check_parties("\u{feff}apiVersion: kakunin/v1\nkind: Parties\nparties: []\nextra_key: 1");
    assert!(out.contains("parties.yaml:4:1"), "{out}");
    assert!(
        out.contains("extra_key: 1"),
        "snippet shows the line: {out}"
    );
}

#[test]
fn lone_carriage_returns_do_not_break_rendering() {
    let out = check_parties("apiVersion: kakunin/v1\rkind: Parties\rparties: []\rbogus: 1\r");
    assert!(out.contains("unknown key `bogus`"), "{out}");
}

#[test]
fn span_at_end_of_file_and_empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("pack.yaml"), PACK).expect("write");
    std::fs::write(
        dir.path().join("cut.yaml"),
        "apiVersion: kakunin/v1\nkind: Parties\nparties: [",
    )
    .expect("write");
    std::fs::write(dir.path().join("empty.yaml"), "").expect("write");
    let out = human(dir.path(), &[]);
    assert!(out.contains("cut.yaml"), "{out}");
    assert!(
        out.contains("empty.yaml") && out.contains("holds no document"),
        "{out}"
    );
}

#[test]
fn pack_content_cannot_drive_the_terminal() {
    let out = check_parties(
        "apiVersion: kakunin/v1\nkind: Parties\nparties: []\n\"evil\\e[2J\\rkey\": 1\n",
    );
    assert!(
        !out.contains('\u{1b}'),
        "escape sequence from the pack reached the terminal: {out:?}"
    );
    assert!(out.contains("\\u{1b}"), "{out}");
}
