//! JSON output (`schema_version` 1): the format other tools and the tests build on, and JSON Lines
//! (one finding per line). Both are described by `schemas/check-output.schema.json`.

use super::Summary;
use super::stream::JsonArray;
use crate::app::Run;
use crate::baseline::Entry;
use crate::finding::{Finding, Waived};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    offset: usize,
    length: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct WaivedOut<'a> {
    reason: &'a str,
    approved_by: &'a str,
    expires: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
}

fn waived_out(w: &Waived) -> WaivedOut<'_> {
    WaivedOut {
        reason: &w.reason,
        approved_by: &w.approved_by,
        expires: &w.expires,
        file: &w.location.file,
        line: w.location.line,
        column: w.location.column,
    }
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: &'a str,
    checklist: &'a [String],
    message: &'a str,
    help: &'a str,
    pack: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    path: &'a str,
    offset: usize,
    length: usize,
    related: Vec<RelatedOut<'a>>,
    fingerprint: &'a str,
    /// The waiver that accepts the finding, or null.
    waived: Option<WaivedOut<'a>>,
}

#[derive(Serialize)]
struct SummaryOut {
    packs: usize,
    packs_with_findings: usize,
    files: usize,
    rules: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    waived: usize,
    baselined: usize,
}

/// What opens the document, before the findings.
#[derive(Serialize)]
struct Head {
    schema_version: u32,
    tool: Tool,
}

/// What closes the document, after the findings.
#[derive(Serialize)]
struct Tail<'a> {
    summary: SummaryOut,
    /// Baseline entries no finding matches any more (fixed since the baseline was written).
    stale_baseline: &'a [Entry],
    /// The configuration the run applied.
    configuration: &'a crate::config::applied::Applied,
}

fn finding_out(f: &Finding) -> FindingOut<'_> {
    FindingOut {
        rule: &f.rule,
        severity: f.severity.as_str(),
        checklist: &f.checklist,
        message: &f.message,
        help: &f.help,
        pack: &f.pack,
        file: &f.location.file,
        line: f.location.line,
        column: f.location.column,
        path: &f.location.path,
        offset: f.location.span.offset,
        length: f.location.span.len,
        related: f
            .related
            .iter()
            .map(|r| RelatedOut {
                file: &r.location.file,
                line: r.location.line,
                column: r.location.column,
                offset: r.location.span.offset,
                length: r.location.span.len,
                label: &r.label,
            })
            .collect(),
        fingerprint: &f.fingerprint,
        waived: f.waived.as_ref().map(waived_out),
    }
}

/// The JSON document written pack by pack: `{"schema_version", "tool", "findings": [...],
/// "summary", "stale_baseline", "configuration"}`, laid out as `serde_json`'s pretty printer lays it out whole.
pub struct Stream {
    findings: JsonArray,
}

impl Stream {
    pub fn start(out: &mut dyn Write) -> io::Result<Self> {
        let head = Head {
            schema_version: 1,
            tool: Tool {
                name: "kakunin",
                version: env!("CARGO_PKG_VERSION"),
            },
        };
        let text = serde_json::to_string_pretty(&head).map_err(io::Error::other)?;
        // The object without its closing brace, continued by the findings.
        out.write_all(text.trim_end_matches('}').trim_end().as_bytes())?;
        out.write_all(b",\n  \"findings\": ")?;
        Ok(Stream {
            findings: JsonArray::new(2),
        })
    }
}

impl super::stream::FindingStream for Stream {
    fn finding(&mut self, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
        self.findings.item(&finding_out(finding), out)
    }

    fn close(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.findings.close(out)?;
        let tail = Tail {
            summary: summary_out(&run.summary),
            stale_baseline: &run.stale,
            configuration: &run.configuration,
        };
        let text = serde_json::to_string_pretty(&tail).map_err(io::Error::other)?;
        // The tail's members continue the document: its opening brace is the document's.
        out.write_all(b",")?;
        out.write_all(text.trim_start_matches('{').as_bytes())?;
        out.write_all(b"\n")
    }
}

fn summary_out(summary: &Summary) -> SummaryOut {
    SummaryOut {
        packs: summary.packs,
        packs_with_findings: summary.packs_with_findings,
        files: summary.files,
        rules: summary.rules,
        findings: summary.findings(),
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
        waived: summary.waived,
        baselined: summary.baselined,
    }
}

/// JSON Lines: one finding as one compact JSON object (no summary).
pub fn line(finding: &Finding) -> String {
    serde_json::to_string(&finding_out(finding))
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}
