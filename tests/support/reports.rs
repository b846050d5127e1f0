//! Checks of report files, shared by the tests that make them in different ways (kakunin run
//! directly, or by a CI system): GitLab Code Quality as GitLab reads it, and JUnit XML as expat
//! and junitparser read it (`tests/tools/junit_summary.py`).

use super::{root, run_tool};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// A Code Quality report meets what GitLab requires of each issue (its schema: description,
/// fingerprint, severity and location with path and lines.begin; one issue kept per
/// fingerprint; known severities), and holds one issue per finding of kakunin's JSON output.
pub fn assert_code_quality(issues: &[Value], findings: &[Value]) {
    assert_eq!(issues.len(), findings.len(), "one issue per finding");
    let mut prints = BTreeSet::new();
    for (issue, f) in issues.iter().zip(findings) {
        for key in ["description", "fingerprint", "severity", "check_name"] {
            assert!(issue[key].is_string(), "{key} in {issue:#}");
        }
        assert!(issue["location"]["path"].is_string(), "{issue:#}");
        assert!(issue["location"]["lines"]["begin"].is_u64(), "{issue:#}");
        let severity = issue["severity"].as_str().unwrap_or_default();
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity));
        assert!(prints.insert(issue["fingerprint"].to_string()), "unique");
        assert_eq!(issue["description"], f["message"]);
        assert_eq!(issue["location"]["path"], f["file"]);
        assert_eq!(issue["location"]["lines"]["begin"], f["line"]);
    }
}

/// What a JUnit reader sees in `file` (expat first, then junitparser), as JSON; panics when
/// either rejects it.
pub fn read_junit(python: &Path, file: &Path) -> Value {
    let script = root().join("tests/tools/junit_summary.py");
    let (code, text) = run_tool(python, &[script.as_os_str(), file.as_os_str()], root());
    assert_eq!(code, 0, "{}: {text}", file.display());
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("summary json: {e}: {text}"))
}

/// A JUnit report, as read by [`read_junit`], matches kakunin's JSON output for the same run:
/// a testcase per rule that ran in every pack's suite, each error finding's message in a
/// failure of its rule's testcase, and the failure counts adding up.
pub fn assert_junit(read: &Value, report: &Value) {
    let findings = report["findings"].as_array().expect("findings");
    let rules = report["summary"]["rules"].as_u64().unwrap_or(0);
    let packs = report["summary"]["packs"].as_u64().unwrap_or(0);
    let suites = read["suites"].as_array().expect("suites");
    assert!(suites.len() as u64 >= packs);
    for suite in suites.iter().filter(|s| s["name"] != "inputs") {
        // Every rule that ran is a testcase, passes included.
        assert_eq!(suite["tests"].as_u64(), Some(rules), "{suite:#}");
    }
    for f in findings.iter().filter(|f| f["severity"] == "error") {
        let message = f["message"].as_str().unwrap_or_default();
        let shown = message.replace('\0', "\\u{0}").replace('\u{1b}', "\\u{1b}");
        let found = suites
            .iter()
            .flat_map(|s| s["cases"].as_array().into_iter().flatten())
            .any(|c| {
                c["name"] == f["rule"]
                    && c["failures"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|x| x["text"].as_str().is_some_and(|t| t.contains(&shown)))
            });
        assert!(found, "{message:?} not in {read:#}");
    }
    let failing: u64 = suites
        .iter()
        .map(|s| s["failures"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(read["failures"].as_u64(), Some(failing));
}
