//! Nothing outside the pack is ever looked at: `kakunin check` runs under `strace` on a pack
//! whose evidence paths and symbolic links point out of it (`..`, an absolute path, a link to a
//! file and a link to a directory beside the pack), and no file system call of the run may name
//! anything out there — not even a `stat`. The trace must also show the pack's own files being
//! read, so the test fails if tracing saw nothing.
//!
//! Needs `strace` (Debian package `strace`; `.ci/run` installs it). Without it the test says so
//! and passes, except under `CI=true`, where it fails.

use std::path::Path;
use std::process::Command;

fn strace_works() -> bool {
    Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// The first quoted argument of a traced call: the path it names.
fn path_argument(line: &str) -> Option<&str> {
    let args = &line[line.find('(')? + 1..];
    let start = args.find('"')? + 1;
    let end = start + args[start..].find('"')?;
    Some(&args[start..end])
}

#[test]
fn no_file_system_call_names_anything_outside_the_pack() {
    if !strace_works() {
        let message = "strace is not installed or cannot trace here";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
        eprintln!("skipped: {message}");
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let secret = dir.join("SECRET-outside.pdf");
    write(&secret, "not part of the pack");
    write(
        &dir.join("outside-dir/parties.yaml"),
        "apiVersion: kakunin/v1\nkind: Parties\nparties: []\n",
    );
    let pack = dir.join("pack");
    write(
        &pack.join("pack.yaml"),
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: p\ntitle: t\ninstitution: c\neffective: {start: 2026-04-01, end: 2029-03-31}\n",
    );
    std::fs::create_dir_all(pack.join("evidence")).expect("mkdir");
    let link = |target: &str, name: &str| {
        std::os::unix::fs::symlink(target, pack.join(name)).expect("symlink");
    };
    link("../../SECRET-outside.pdf", "evidence/signed.pdf");
    link("../outside-dir/parties.yaml", "parties.yaml");
    link("../outside-dir", "shared");
    let contract = |id: &str, document: &str| {
        format!(
            "---\napiVersion: kakunin/v1\nkind: Contract\nid: {id}\ntitle: t\ntype: master_service_agreement\nparties: [c]\nsigned_on: 2026-03-16\nterm: {{start: 2026-04-01, end: 2031-03-31}}\ndocument: '{document}'\n"
        )
    };
    let contracts = [
        contract("c-link", "evidence/signed.pdf"),
        contract("c-dotdot", "../SECRET-outside.pdf"),
        contract("c-absolute", &secret.to_string_lossy()),
        contract("c-shared", "shared/parties.yaml"),
    ]
    .concat();
    write(&pack.join("contracts.yaml"), &contracts);
    let log = dir.join("trace.log");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=file,readlink,readlinkat", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_kakunin"))
        .args([
            "check",
            "pack",
            "--isolated",
            "--today",
            "2026-11-21",
            "--format",
            "json",
        ])
        .current_dir(dir)
        .output()
        .expect("strace runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        rules.iter().filter(|r| **r == "evidence-path").count(),
        4,
        "each outside evidence path is a finding: {rules:?}"
    );
    assert!(rules.contains(&"input-path"), "{rules:?}");
    let trace = std::fs::read_to_string(&log).expect("trace");
    let paths: Vec<&str> = trace
        .lines()
        .filter(|l| !l.contains("execve("))
        .filter_map(path_argument)
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("pack/contracts.yaml")),
        "the trace does not show the pack being read: {paths:?}"
    );
    let outside: Vec<&&str> = paths
        .iter()
        .filter(|p| p.contains("SECRET-outside") || p.contains("outside-dir"))
        .collect();
    assert!(
        outside.is_empty(),
        "file system calls named paths outside the pack: {outside:?}"
    );
}
