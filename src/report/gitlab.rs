//! GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of Code Climate
//! issues. GitLab requires `description`, `fingerprint`, `severity` and `location` (with
//! `path` and `lines.begin`), keeps one issue per fingerprint, and knows the severities
//! `info`, `minor`, `major`, `critical` and `blocker`.

use super::fingerprint;
use super::stream::JsonArray;
use crate::app::{PackOutcome, Run};
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

impl Stream {
    fn findings(&mut self, findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
        for f in findings {
            let print = self.prints.next(f);
            self.issues.item(&issue(f, print), out)?;
        }
        Ok(())
    }
}

impl super::stream::Stream for Stream {
    fn pack(&mut self, pack: &PackOutcome, out: &mut dyn Write) -> io::Result<()> {
        self.findings(&pack.findings, out)
    }

    fn finish(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.findings(&run.loose, out)?;
        self.issues.close(out)?;
        out.write_all(b"\n")
    }
}
