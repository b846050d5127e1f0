//! GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of Code Climate
//! issues. GitLab requires `description`, `fingerprint`, `severity` and `location` (with
//! `path` and `lines.begin`), keeps one issue per fingerprint, and knows the severities
//! `info`, `minor`, `major`, `critical` and `blocker`.

use super::fingerprint;
use crate::finding::{Finding, Severity};
use serde::Serialize;

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Content<'a> {
    body: &'a str,
}

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    engine_name: &'static str,
    check_name: &'a str,
    description: String,
    content: Content<'a>,
    categories: [&'static str; 1],
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

/// Code Quality severity: an error blocks like a major issue; warnings are minor.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The whole report. Fingerprints are unique in the report and never depend on line numbers.
pub fn render<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let findings: Vec<&Finding> = findings.collect();
    let prints = fingerprint::unique(findings.iter().copied());
    let issues: Vec<Issue> = findings
        .into_iter()
        .zip(prints)
        .map(|(f, fingerprint)| Issue {
            kind: "issue",
            engine_name: "kakunin",
            check_name: &f.rule,
            description: if f.waived.is_some() {
                format!("[waived] {}", f.message)
            } else {
                f.message.clone()
            },
            content: Content { body: &f.help },
            categories: ["Bug Risk"],
            fingerprint,
            severity: if f.waived.is_some() {
                "info"
            } else {
                severity(f.severity)
            },
            location: Location {
                path: &f.location.file,
                lines: Lines {
                    begin: f.location.line,
                },
            },
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    text.push('\n');
    text
}
