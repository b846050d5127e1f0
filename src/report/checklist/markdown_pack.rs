//! One pack's section of the Markdown report: header, one checklist table per record, and the
//! findings grouped under their checklist item.

use super::markdown::{head, md, row, status_text};
use super::view::{PackView, RecordView, Report};
use super::words::{Words, term};
use super::{attention_lines, coded, initial, name_of, or_dash, party, span};
use crate::finding::{Finding, Severity};
use crate::form::part_of;
use crate::i18n::Lang;
use crate::model::summary::{Expiry, PackSummary};

pub(super) fn render(out: &mut String, pack: &PackView, report: &Report, w: &Words, lang: Lang) {
    let s = pack.summary;
    out.push_str(&format!(
        "---\n\n## {}: {}\n\n",
        md(w.pack),
        md(pack.name())
    ));
    for (label, detail) in attention_lines(s, w) {
        out.push_str(&format!("> **{}**: {}  \n", md(label), md(&detail)));
    }
    if s.needs_attention() {
        out.push('\n');
    }
    let institution = s.institution.as_ref().map(|p| party(p, w));
    let prime = s.prime_vendor.as_ref().map(|p| party(p, w));
    let facts = [
        (w.pack, pack.outcome.id.clone()),
        (w.institution, or_dash(institution.as_deref()).to_owned()),
        (w.prime_vendor, or_dash(prime.as_deref()).to_owned()),
        (
            w.effective,
            span(s.effective.start.as_deref(), s.effective.end.as_deref()),
        ),
        (w.pack_status, coded(s.status.as_deref(), lang)),
        (w.checked_on, report.today.to_string()),
        (w.location, pack.outcome.root.clone()),
    ];
    for (label, value) in facts {
        out.push_str(&format!("- **{}**: {}\n", md(label), md(&value)));
    }
    out.push('\n');
    tables(out, s, w, lang);
    if pack.records.is_empty() {
        out.push_str(&format!("**{}**\n\n", md(w.no_records)));
    }
    for record in &pack.records {
        record_table(out, record, report, w, lang);
    }
    out.push_str(&format!("### {}\n\n", md(w.findings)));
    if pack.outcome.findings.is_empty() {
        out.push_str(&format!("{}\n\n", md(w.no_findings)));
    }
    for group in &pack.by_item {
        let title = group.item.map_or(w.unknown_item, |i| i.title.get(lang));
        out.push_str(&format!("#### {} {}\n\n", md(group.id), md(title)));
        findings_list(out, group.findings.iter().copied(), w);
    }
    if !pack.unattached.is_empty() {
        out.push_str(&format!("#### {}\n\n", md(w.unattached)));
        findings_list(out, pack.unattached.iter().copied(), w);
    }
}

/// Vendors, contracts and reviews.
fn tables(out: &mut String, s: &PackSummary, w: &Words, lang: Lang) {
    if !s.vendors.is_empty() {
        out.push_str(&format!("### {}\n\n", md(w.vendors)));
        head(out, &[w.vendor, w.role, w.engaged_by, w.medical_info], &[]);
        for v in &s.vendors {
            let engaged = v.engaged_by.as_deref().map(|id| name_of(s, id));
            row(
                out,
                &[
                    md(&party(&v.party, w)),
                    md(&coded(v.role.as_deref(), lang)),
                    md(or_dash(engaged.as_deref())),
                    md(&coded(v.handles_medical_info.as_deref(), lang)),
                ],
            );
        }
        out.push('\n');
    }
    if !s.contracts.is_empty() {
        out.push_str(&format!("### {}\n\n", md(w.contracts)));
        let labels = [w.id, w.title, w.contract_type, w.signed_on, w.term];
        head(out, &labels, &[]);
        for c in &s.contracts {
            let mut term_text = md(&span(c.term.start.as_deref(), c.term.end.as_deref()));
            match c.expiry {
                Some(Expiry::Expired) => term_text.push_str(&format!(" **{}**", md(w.expired))),
                Some(Expiry::Expiring) => term_text.push_str(&format!(" **{}**", md(w.expiring))),
                None => {}
            }
            row(
                out,
                &[
                    md(or_dash(Some(&c.id))),
                    md(or_dash(c.title.as_deref())),
                    md(&coded(c.kind.as_deref(), lang)),
                    md(or_dash(c.signed_on.as_deref())),
                    term_text,
                ],
            );
        }
        out.push('\n');
    }
    if !s.reviews.is_empty() {
        out.push_str(&format!("### {}\n\n", md(w.reviews)));
        let labels = [
            w.id,
            w.owner,
            w.cadence,
            w.last_review,
            w.next_review,
            w.due,
        ];
        head(out, &labels, &[]);
        for r in &s.reviews {
            let owner = r.owner.as_deref().map(|o| match term(lang, o) {
                Some(word) => word.to_owned(),
                None => name_of(s, o),
            });
            let mut due = md(or_dash(r.due.map(|d| d.to_string()).as_deref()));
            if r.overdue {
                due.push_str(&format!(" **{}**", md(w.overdue_review)));
            }
            row(
                out,
                &[
                    md(or_dash(Some(&r.id))),
                    md(or_dash(owner.as_deref())),
                    md(or_dash(r.cadence.as_deref())),
                    md(or_dash(r.last_review.as_deref())),
                    md(or_dash(r.next_review.as_deref())),
                    due,
                ],
            );
        }
        out.push('\n');
    }
}

fn record_table(out: &mut String, view: &RecordView, report: &Report, w: &Words, lang: Lang) {
    let r = view.record;
    let vendor = r.vendor.as_ref().map(|p| party(p, w));
    out.push_str(&format!(
        "### {} — {}\n\n",
        md(w.checklist_for),
        md(or_dash(vendor.as_deref()))
    ));
    out.push_str(&format!(
        "{} {} · {} {} · {} {} · {}\n\n",
        md(w.record),
        md(or_dash(Some(&r.id))),
        md(w.edition),
        md(or_dash(r.edition.as_deref())),
        md(w.first_consultation),
        md(or_dash(r.first_consultation.as_deref())),
        md(&r.file)
    ));
    let labels = [
        w.col_no,
        w.col_item,
        w.col_content,
        w.col_initial,
        w.col_completed,
        w.col_evidence,
        w.col_status,
    ];
    head(out, &labels, &[]);
    let mut part = None;
    for item_row in &view.rows {
        let this_part = part_of(item_row.id);
        if part != Some(this_part) {
            part = Some(this_part);
            if let Some(p) = report.form.part(item_row.id) {
                let mut cells = vec![format!("**{}**", md(p.title.get(lang)))];
                cells.resize(labels.len(), String::new());
                row(out, &cells);
            }
        }
        let answer = item_row.answer;
        let title = item_row.item.map_or_else(
            || format!("*{}*", md(w.unknown_item)),
            |i| md(i.title.get(lang)),
        );
        let summary = item_row.item.map(|i| md(i.summary.get(lang)));
        let mut evidence = md(answer
            .and_then(|a| a.evidence.as_deref())
            .unwrap_or_default());
        if let Some(note) = answer.and_then(|a| a.note.as_deref()) {
            if !evidence.is_empty() {
                evidence.push_str(" / ");
            }
            evidence.push_str(&format!("{}: {}", md(w.note), md(note)));
        }
        row(
            out,
            &[
                md(item_row.id),
                title,
                summary.unwrap_or_default(),
                md(&initial(answer.and_then(|a| a.initial.as_deref()), w)),
                md(or_dash(answer.and_then(|a| a.completed_on.as_deref()))),
                evidence,
                status_because(item_row, w),
            ],
        );
    }
    out.push('\n');
}

/// The status, and for one the configuration decided, the rule and line that did it.
fn status_because(row: &super::view::Row, w: &Words) -> String {
    let mut text = status_text(row.status, w);
    for because in &row.because {
        text.push_str(&format!("{}{}{}", w.lparen, md(because), w.rparen));
    }
    text
}

/// A list of findings: severity, message, rule, where, and the fix. Every line starts with
/// fixed text.
pub(super) fn findings_list<'a>(
    out: &mut String,
    findings: impl Iterator<Item = &'a Finding>,
    w: &Words,
) {
    for f in findings {
        let label = match f.severity {
            Severity::Error => w.severity[0],
            Severity::Warning => w.severity[1],
            Severity::Info => w.severity[2],
        };
        let l = &f.location;
        out.push_str(&format!(
            "- **{}** {} \\[{}\\]  \n  → {}\\:{}\\:{}  \n",
            md(label),
            md(&f.message),
            md(&f.rule),
            md(&l.file),
            l.line,
            l.column
        ));
        for related in &f.related {
            let r = &related.location;
            out.push_str(&format!(
                "  → {}\\:{}\\:{}\\: {}  \n",
                md(&r.file),
                r.line,
                r.column,
                md(&related.label)
            ));
        }
        if !f.help.is_empty() {
            out.push_str(&format!("  **{}**: {}\n", md(w.fix), md(f.help.trim_end())));
        }
    }
    out.push('\n');
}
