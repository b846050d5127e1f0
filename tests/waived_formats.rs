//! A waived finding stays visible in every machine format, marked as accepted, and never fails
//! anything: SARIF suppressions, JUnit without a failure, GitHub notice, GitLab info, markers in
//! concise and Markdown.

use assert_cmd::Command;

/// Runs the broken example with a configuration that waives its one `sla-present` finding.
fn render(format: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("kakunin.yaml");
    std::fs::write(
        &config,
        "waivers:\n  - rule: sla-present\n    pack: shiokaze-his-2026\n    reason: SLA annex under renegotiation\n    approved_by: 情報システム委員会\n    expires: 2027-03-31\n",
    )
    .expect("write config");
    let out = Command::cargo_bin("kakunin")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args([
            "check",
            "examples/broken",
            "--today",
            "2026-11-21",
            "--select",
            "sla-present",
            "--format",
            format,
            "--config",
        ])
        .arg(&config)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

#[test]
fn waived_finding_exits_0_in_every_format() {
    for format in [
        "human", "concise", "json", "jsonl", "sarif", "junit", "github", "gitlab", "markdown",
        "csv",
    ] {
        let (code, text) = render(format);
        assert_eq!(code, 0, "{format}: a waived finding must not fail the run");
        assert!(
            text.contains("sla-present"),
            "{format}: the waived finding must stay visible: {text}"
        );
    }
}

#[test]
fn sarif_carries_an_accepted_external_suppression() {
    let (_, text) = render("sarif");
    let sarif: serde_json::Value = serde_json::from_str(&text).expect("sarif json");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "sla-present");
    assert_eq!(result["suppressions"][0]["kind"], "external");
    assert_eq!(result["suppressions"][0]["status"], "accepted");
    assert!(
        result["suppressions"][0]["justification"]
            .as_str()
            .is_some_and(|j| j.contains("renegotiation"))
    );
}

#[test]
fn other_formats_mark_it_and_do_not_fail_on_it() {
    assert!(render("concise").1.contains("[waived]"));
    let junit = render("junit").1;
    assert!(!junit.contains("<failure"), "{junit}");
    assert!(junit.contains("[waived]"));
    let github = render("github").1;
    assert!(
        github.starts_with("::notice ") && github.contains("(waived)"),
        "{github}"
    );
    let gitlab: serde_json::Value = serde_json::from_str(&render("gitlab").1).expect("gitlab json");
    assert_eq!(gitlab[0]["severity"], "info");
    assert!(
        gitlab[0]["description"]
            .as_str()
            .is_some_and(|d| d.starts_with("[waived]"))
    );
    assert!(render("markdown").1.contains("(waived)"));
    let json: serde_json::Value = serde_json::from_str(&render("json").1).expect("json");
    assert_eq!(
        json["findings"][0]["waived"]["approved_by"],
        "情報システム委員会"
    );
}
