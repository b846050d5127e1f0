//! A pack received from a vendor cannot configure its own check: a `kakunin.yaml` at, inside or
//! above an input (below the working directory's project) is named and never applied, in every
//! output; the user's own configuration (at or above the working directory) is. Through the binary.

mod support;

use serde_json::Value;
use std::path::Path;
use support::{TODAY, copy_example, write};

/// What a vendor might ship with its pack to make every check pass.
const MALICIOUS: &str = "select: [yaml-syntax]\nrules:\n  sla-present: off\nwaivers:\n  - {rule: sla-present, pack: shiokaze-his-2026, reason: trust us, approved_by: vendor, expires: 2099-12-31}\n";

/// `kakunin check --format json` in `cwd`: exit code, document, standard error.
fn json(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = support::kakunin()
        .current_dir(cwd)
        .args(["check", "--format", "json", "--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), value, stderr)
}

fn has(value: &Value, rule: &str) -> bool {
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["rule"] == rule && f["waived"].is_null())
}

fn not_applied(value: &Value) -> Vec<String> {
    value["configuration"]["not_applied"]
        .as_array()
        .expect("not_applied")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// A hospital's repository with a received broken pack at `received/vendor/pack`.
fn hospital() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git");
    copy_example("broken", &dir.path().join("received/vendor/pack"), &[]);
    dir
}

#[test]
fn a_vendors_configuration_inside_the_received_pack_is_named_and_not_applied() {
    let dir = hospital();
    write(dir.path(), "received/vendor/pack/kakunin.yaml", MALICIOUS);
    // The pack as a directory, as a file inside it, and its parent directory as the input.
    for input in [
        "received/vendor/pack",
        "received/vendor/pack/parties.yaml",
        "received",
    ] {
        let (code, value, stderr) = json(dir.path(), &[input]);
        assert_eq!(code, 1, "{input}: {stderr}");
        assert!(has(&value, "sla-present"), "{input}: the checks still run");
        assert_eq!(value["configuration"]["file"], Value::Null, "{input}");
        assert_eq!(
            not_applied(&value),
            ["received/vendor/pack/kakunin.yaml"],
            "{input}"
        );
        assert!(
            stderr.contains("not applied") && stderr.contains("received/vendor/pack/kakunin.yaml"),
            "{input}: {stderr}"
        );
    }
    // Named even with --quiet, in human output too.
    for input in ["received", "received/vendor/pack"] {
        let out = support::kakunin()
            .current_dir(dir.path())
            .args(["check", "--quiet", "--today", TODAY, input])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("not applied") && stderr.contains("received/vendor/pack/kakunin.yaml"),
            "{input}: {stderr}"
        );
    }
    // The same in Japanese, named once.
    let (_, _, stderr) = json(dir.path(), &["received/vendor/pack", "--lang", "ja"]);
    assert_eq!(stderr.matches("kakunin.yaml").count(), 2, "{stderr}");
    assert!(stderr.contains("適用していません"), "{stderr}");
    // `report` does not apply it either, given the pack or a directory above it, and names it
    // on standard error and in its configuration section.
    for input in ["received/vendor/pack", "received"] {
        let out = support::kakunin()
            .current_dir(dir.path())
            .args(["report", "--today", TODAY, "--format", "markdown"])
            .args(["--lang", "en", input])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout).replace('\\', "");
        assert!(text.contains("[sla-present]"), "{input}: {text}");
        assert!(
            text.contains("Configuration files not applied: received/vendor/pack/kakunin.yaml"),
            "{input}: {text}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("not applied") && stderr.contains("received/vendor/pack/kakunin.yaml"),
            "{input}: {stderr}"
        );
    }
}

#[test]
fn a_configuration_between_the_working_directory_and_the_input_is_the_inputs() {
    let dir = hospital();
    // A `kakunin.yml` shipped in the vendor's directory, above its pack.
    write(dir.path(), "received/vendor/kakunin.yml", MALICIOUS);
    // The hospital's own configuration, at the working directory, applies.
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  vendor-fields: warning\n",
    );
    let (code, value, stderr) = json(dir.path(), &["received/vendor/pack"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(has(&value, "sla-present"));
    assert_eq!(value["configuration"]["file"], "kakunin.yaml");
    assert_eq!(not_applied(&value), ["received/vendor/kakunin.yml"]);
    assert_eq!(
        value["configuration"]["severities_changed"][0]["rule"],
        "vendor-fields"
    );
    // Run from a subdirectory of the project, the project's configuration is still the user's.
    std::fs::create_dir_all(dir.path().join("notes")).expect("mkdir");
    let (_, value, _) = json(&dir.path().join("notes"), &["../received/vendor/pack"]);
    let file = value["configuration"]["file"].as_str().expect("file");
    assert!(
        file.ends_with("kakunin.yaml") && !file.contains("received"),
        "{file}"
    );
    assert!(has(&value, "sla-present"));
}

#[test]
fn an_input_outside_the_working_directory_brings_no_configuration() {
    let received = tempfile::tempdir().expect("tempdir");
    copy_example("broken", &received.path().join("pack"), &[]);
    write(received.path(), "kakunin.yaml", MALICIOUS);
    write(received.path(), "pack/kakunin.yml", MALICIOUS);
    let project = tempfile::tempdir().expect("tempdir");
    write(project.path(), "kakunin.yaml", "ignore: [vendor-fields]\n");
    let input = received.path().join("pack");
    let input = input.to_str().expect("utf-8");
    let (code, value, stderr) = json(project.path(), &[input]);
    assert_eq!(code, 1, "{stderr}");
    assert!(has(&value, "sla-present"));
    assert!(!has(&value, "vendor-fields"), "the user's own file applies");
    assert_eq!(value["configuration"]["file"], "kakunin.yaml");
    assert_eq!(not_applied(&value).len(), 2, "{value:#}");
    // SARIF carries the files not applied as notifications of the invocation, and the whole
    // configuration as run properties.
    let out = support::kakunin()
        .current_dir(project.path())
        .args(["check", "--format", "sarif", "--today", TODAY, input])
        .output()
        .expect("runs");
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let run = &sarif["runs"][0];
    let notes = run["invocations"][0]["toolConfigurationNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|n| {
        n["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("kakunin.y"))
    }));
    assert_eq!(run["properties"]["configuration"]["file"], "kakunin.yaml");
    assert_eq!(
        run["properties"]["configuration"]["rules_off"][0]["rule"],
        "vendor-fields"
    );
}

#[test]
fn a_vendors_own_run_in_its_pack_still_uses_its_configuration() {
    let dir = hospital();
    let pack = dir.path().join("received/vendor/pack");
    write(&pack, "kakunin.yaml", MALICIOUS);
    for input in [".", "./parties.yaml"] {
        let (code, value, stderr) = json(&pack, &[input]);
        assert_eq!(code, 0, "{input}: {stderr}");
        assert!(!has(&value, "sla-present"), "{input}");
        assert_eq!(value["configuration"]["file"], "kakunin.yaml");
        assert!(not_applied(&value).is_empty(), "{input}");
        assert!(!stderr.contains("not applied"), "{stderr}");
    }
    // --isolated leaves it out even there, and says so.
    let (code, value, stderr) = json(&pack, &[".", "--isolated"]);
    assert_eq!(code, 1);
    assert!(has(&value, "sla-present"));
    assert_eq!(value["configuration"]["isolated"], true);
    assert_eq!(not_applied(&value), ["kakunin.yaml"]);
    assert!(stderr.contains("--isolated: ignoring"), "{stderr}");
}

/// (A newline in a file name: not on Windows.)
#[cfg(unix)]
#[test]
fn show_config_names_a_configuration_not_applied_on_one_comment_line() {
    let dir = hospital();
    // A directory name that tries to end the comment and add a setting.
    let evil = "received/x\nrules:\n  sla-present: off\n#";
    copy_example("broken", &dir.path().join(evil).join("pack"), &[]);
    write(dir.path(), &format!("{evil}/pack/kakunin.yaml"), MALICIOUS);
    let out = support::kakunin()
        .current_dir(dir.path())
        .args(["check", "--show-config", "--lang", "en"])
        .arg(format!("{evil}/pack"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let comments: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(comments.len(), 2, "{text}");
    assert!(
        comments[1].starts_with("# not applied: received/x")
            && comments[1].ends_with("kakunin.yaml"),
        "{text}"
    );
    assert!(text.contains("\n  sla-present: error\n"), "{text}");
    assert!(
        !text.lines().any(|l| l.trim() == "sla-present: off"),
        "{text}"
    );
    // Control: no configuration with the inputs, no such line.
    let out = support::kakunin()
        .current_dir(dir.path())
        .args(["check", "--show-config", "received/vendor/pack"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("not applied"));
}
