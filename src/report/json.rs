//! JSON output (`schema_version` 1): the format other tools and the tests build on, and JSON Lines
//! (one finding per line). Both are described by `schemas/check-output.schema.json`.

use super::Summary;
use crate::baseline::Entry;
use crate::finding::{Finding, Waived};
use serde::Serialize;

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

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    findings: Vec<FindingOut<'a>>,
    summary: SummaryOut,
    /// Baseline entries no finding matches any more (fixed since the baseline was written).
    stale_baseline: &'a [Entry],
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

/// The whole JSON document for a run.
pub fn render<'a>(
    findings: impl Iterator<Item = &'a Finding>,
    summary: &Summary,
    stale_baseline: &'a [Entry],
) -> String {
    let mut text = serde_json::to_string_pretty(&document(findings, summary, stale_baseline))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Writes the whole JSON document for a run to `out` (the same bytes as [`render`]).
pub fn write<'a>(
    findings: impl Iterator<Item = &'a Finding>,
    summary: &Summary,
    stale_baseline: &'a [Entry],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let doc = document(findings, summary, stale_baseline);
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

fn document<'a>(
    findings: impl Iterator<Item = &'a Finding>,
    summary: &Summary,
    stale_baseline: &'a [Entry],
) -> Document<'a> {
    Document {
        schema_version: 1,
        tool: Tool {
            name: "kakunin",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings: findings.map(finding_out).collect(),
        summary: SummaryOut {
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
        },
        stale_baseline,
    }
}

/// JSON Lines: each finding as one compact JSON object on its own line (no summary).
pub fn render_lines<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let mut text = String::new();
    for finding in findings {
        match serde_json::to_string(&finding_out(finding)) {
            Ok(line) => text.push_str(&line),
            Err(e) => text.push_str(&serde_json::json!({ "error": e.to_string() }).to_string()),
        }
        text.push('\n');
    }
    text
}
