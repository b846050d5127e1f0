//! One pack's section of the HTML report: its header (parties, terms, reviews), one checklist
//! table per record, and its findings grouped under their checklist item.

use super::html::{Html, attention};
use super::view::{PackView, RecordView, Report};
use super::words::{Words, findings_count, term};
use super::{coded, initial, name_of, or_dash, party, span, status_words};
use crate::finding::{Finding, Severity};
use crate::form::part_of;
use crate::i18n::Lang;
use crate::model::summary::{Expiry, PackSummary};

/// Anchors of findings groups are `findings-PACK-GROUP`: numbers only, never pack text.
const FINDINGS_ANCHOR: &str = "findings-";

pub(super) fn render(h: &mut Html, pack: &PackView, report: &Report, w: &Words, lang: Lang) {
    let s = pack.summary;
    h.raw("<section class=\"pack\" id=\"pack-")
        .num(pack.number)
        .raw("\">\n");
    h.el(
        "p",
        "pack-id",
        &format!("{} {} · {}", w.pack, pack.outcome.id, pack.outcome.root),
    )
    .el("h2", "", pack.name())
    .raw("\n");
    if s.needs_attention() {
        h.open("div", "alerts");
        attention(h, pack, w);
        h.close("div").raw("\n");
    }
    h.open("table", "facts").open("tbody", "");
    let fact = |h: &mut Html, label: &str, value: &str| {
        h.open("tr", "")
            .el("th", "", label)
            .el("td", "", value)
            .close("tr");
    };
    let institution = s.institution.as_ref().map(|p| party(p, w));
    fact(h, w.institution, or_dash(institution.as_deref()));
    let prime = s.prime_vendor.as_ref().map(|p| party(p, w));
    fact(h, w.prime_vendor, or_dash(prime.as_deref()));
    let effective = span(s.effective.start.as_deref(), s.effective.end.as_deref());
    fact(h, w.effective, &effective);
    fact(h, w.pack_status, &coded(s.status.as_deref(), lang));
    fact(h, w.checked_on, &report.today.to_string());
    fact(h, w.location, &pack.outcome.root);
    h.close("tbody").close("table").raw("\n");
    vendors(h, s, w, lang);
    contracts(h, s, w, lang);
    reviews(h, s, w, lang);
    if pack.records.is_empty() {
        h.el("p", "alerts", w.no_records);
    }
    for record in &pack.records {
        record_table(h, record, pack, report, w, lang);
    }
    h.el("h3", "", w.findings).raw("\n");
    if pack.outcome.findings.is_empty() {
        h.el("p", "", w.no_findings);
    }
    for (k, group) in pack.by_item.iter().enumerate() {
        let title = group.item.map_or(w.unknown_item, |i| i.title.get(lang));
        h.raw("<h4 id=\"")
            .raw(FINDINGS_ANCHOR)
            .num(pack.number)
            .raw("-")
            .num(k + 1)
            .raw("\">")
            .text(&format!("{} {title}", group.id))
            .close("h4");
        findings_list(h, group.findings.iter().copied(), w);
    }
    if !pack.unattached.is_empty() {
        h.el("h4", "", w.unattached);
        findings_list(h, pack.unattached.iter().copied(), w);
    }
    h.close("section").raw("\n");
}

fn table_head(h: &mut Html, class: &'static str, columns: &[&str]) {
    h.open("table", class).open("thead", "").open("tr", "");
    for c in columns {
        h.el("th", "", c);
    }
    h.close("tr").close("thead").open("tbody", "");
}

fn vendors(h: &mut Html, s: &PackSummary, w: &Words, lang: Lang) {
    if s.vendors.is_empty() {
        return;
    }
    h.el("h3", "", w.vendors);
    table_head(h, "", &[w.vendor, w.role, w.engaged_by, w.medical_info]);
    for v in &s.vendors {
        let engaged = v.engaged_by.as_deref().map(|id| name_of(s, id));
        h.open("tr", "")
            .el("td", "", &party(&v.party, w))
            .el("td", "nowrap", &coded(v.role.as_deref(), lang))
            .el("td", "", or_dash(engaged.as_deref()))
            .el("td", "", &coded(v.handles_medical_info.as_deref(), lang))
            .close("tr");
    }
    h.close("tbody").close("table").raw("\n");
}

fn contracts(h: &mut Html, s: &PackSummary, w: &Words, lang: Lang) {
    if s.contracts.is_empty() {
        return;
    }
    h.el("h3", "", w.contracts);
    table_head(
        h,
        "",
        &[w.id, w.title, w.contract_type, w.signed_on, w.term],
    );
    for c in &s.contracts {
        h.open("tr", "")
            .el("td", "nowrap", or_dash(Some(&c.id)))
            .el("td", "", or_dash(c.title.as_deref()))
            .el("td", "", &coded(c.kind.as_deref(), lang))
            .el("td", "date", or_dash(c.signed_on.as_deref()))
            .open("td", "date")
            .text(&span(c.term.start.as_deref(), c.term.end.as_deref()));
        match c.expiry {
            Some(Expiry::Expired) => h.raw("<br>").el("strong", "", w.expired),
            Some(Expiry::Expiring) => h.raw("<br>").el("strong", "", w.expiring),
            None => h,
        };
        h.close("td").close("tr");
    }
    h.close("tbody").close("table").raw("\n");
}

fn reviews(h: &mut Html, s: &PackSummary, w: &Words, lang: Lang) {
    if s.reviews.is_empty() {
        return;
    }
    h.el("h3", "", w.reviews);
    let head = [
        w.id,
        w.owner,
        w.cadence,
        w.last_review,
        w.next_review,
        w.due,
    ];
    table_head(h, "", &head);
    for r in &s.reviews {
        let owner = r.owner.as_deref().map(|o| match term(lang, o) {
            Some(word) => word.to_owned(),
            None => name_of(s, o),
        });
        let due = r.due.map(|d| d.to_string());
        h.open("tr", "")
            .el("td", "nowrap", or_dash(Some(&r.id)))
            .el("td", "", or_dash(owner.as_deref()))
            .el("td", "nowrap", or_dash(r.cadence.as_deref()))
            .el("td", "date", or_dash(r.last_review.as_deref()))
            .el("td", "date", or_dash(r.next_review.as_deref()))
            .open("td", "date")
            .text(or_dash(due.as_deref()));
        if r.overdue {
            h.raw("<br>").el("strong", "", w.overdue_review);
        }
        h.close("td").close("tr");
    }
    h.close("tbody").close("table").raw("\n");
}

fn record_table(
    h: &mut Html,
    view: &RecordView,
    pack: &PackView,
    report: &Report,
    w: &Words,
    lang: Lang,
) {
    let r = view.record;
    let vendor = r.vendor.as_ref().map(|p| party(p, w));
    h.open("div", "record");
    h.el(
        "h3",
        "",
        &format!("{} — {}", w.checklist_for, or_dash(vendor.as_deref())),
    );
    h.el(
        "p",
        "muted",
        &format!(
            "{} {} · {} {} · {} {} · {}",
            w.record,
            or_dash(Some(&r.id)),
            w.edition,
            or_dash(r.edition.as_deref()),
            w.first_consultation,
            or_dash(r.first_consultation.as_deref()),
            r.file
        ),
    );
    table_head(
        h,
        "items",
        &[
            w.col_no,
            w.col_item,
            w.col_content,
            w.col_initial,
            w.col_completed,
            w.col_evidence,
            w.col_status,
        ],
    );
    let mut part = None;
    for row in &view.rows {
        let this_part = part_of(row.id);
        if part != Some(this_part) {
            part = Some(this_part);
            if let Some(p) = report.form.part(row.id) {
                h.raw("<tr class=\"part\"><th colspan=\"7\">")
                    .text(p.title.get(lang))
                    .raw("</th></tr>");
            }
        }
        h.open("tr", "").el("td", "id", row.id).open("td", "title");
        match row.item {
            Some(item) => h.text(item.title.get(lang)),
            None => h.el("div", "unknown", w.unknown_item),
        };
        h.close("td");
        let summary = row.item.map(|i| i.summary.get(lang)).unwrap_or_default();
        h.el("td", "summary", summary);
        let answer = row.answer;
        h.el(
            "td",
            "answer",
            &initial(answer.and_then(|a| a.initial.as_deref()), w),
        );
        let completed = answer.and_then(|a| a.completed_on.as_deref());
        h.el("td", "date", or_dash(completed));
        h.open("td", "evidence pre");
        if let Some(evidence) = answer.and_then(|a| a.evidence.as_deref()) {
            h.text(evidence);
        }
        if let Some(note) = answer.and_then(|a| a.note.as_deref()) {
            h.open("div", "muted")
                .text(&format!("{}: {note}", w.note))
                .close("div");
        }
        h.close("td");
        h.open("td", row.status.class()).text(&format!(
            "{} {}",
            row.status.symbol(),
            status_words(row.status, w)[0]
        ));
        for because in &row.because {
            h.open("div", "because").text(because).close("div");
        }
        let group = pack.by_item.iter().position(|g| g.id == row.id);
        if let Some(k) = group {
            let count = pack.by_item[k].findings.len();
            h.raw("<div class=\"to-findings\"><a href=\"#")
                .raw(FINDINGS_ANCHOR)
                .num(pack.number)
                .raw("-")
                .num(k + 1)
                .raw("\">")
                .text(&findings_count(lang, count))
                .raw("</a></div>");
        }
        h.close("td").raw("</tr>\n");
    }
    h.close("tbody").close("table").close("div").raw("\n");
}

/// A list of findings: severity, message, rule, where, and the fix.
pub(super) fn findings_list<'a>(
    h: &mut Html,
    findings: impl Iterator<Item = &'a Finding>,
    w: &Words,
) {
    h.open("ul", "findings");
    for f in findings {
        let (class, label) = match f.severity {
            Severity::Error => ("finding sev-error", w.severity[0]),
            Severity::Warning => ("finding sev-warning", w.severity[1]),
            Severity::Info => ("finding sev-info", w.severity[2]),
        };
        let l = &f.location;
        h.open("li", class)
            .el("span", "sev", label)
            .text(&f.message)
            .raw(" ")
            .el("span", "rule", &format!("[{}]", f.rule))
            .el(
                "div",
                "where",
                &format!("{}:{}:{}", l.file, l.line, l.column),
            );
        for related in &f.related {
            let r = &related.location;
            let text = format!("{}:{}:{}: {}", r.file, r.line, r.column, related.label);
            h.el("div", "where", &text);
        }
        if !f.help.is_empty() {
            h.open("div", "fix pre")
                .el("span", "fix-label", &format!("{}: ", w.fix))
                .text(f.help.trim_end())
                .close("div");
        }
        h.close("li").raw("\n");
    }
    h.close("ul").raw("\n");
}
