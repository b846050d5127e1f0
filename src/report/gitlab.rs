//! GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of Code Climate
//! issues. GitLab requires `description`, `fingerprint`, `severity` and `location` (with
//! `path` and `lines.begin`), keeps one issue per fingerprint, and knows the severities
//! `info`, `minor`, `major`, `critical` and `blocker`.

use super::fingerprint;
use super::stream::JsonArray;
use crate::app::Run;
use crate::finding::{Finding, Severity};
use serde::Serialize;
use std::io::{self, Write};

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

fn issue(f: &Finding, fingerprint: String) -> Issue<'_> {
    Issue {
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
    }
}

/// The report written pack by pack. Fingerprints are unique in the report and never depend on
/// line numbers.
#[derive(Default)]
pub struct Stream {
    issues: JsonArray,
    prints: fingerprint::Unique,
}

impl super::stream::FindingStream for Stream {
    fn finding(&mut self, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
        let print = self.prints.next(finding);
        self.issues.item(&issue(finding, print), out)
    }

    fn close(&mut self, _run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.issues.close(out)?;
        out.write_all(b"\n")
    }
}
