//! The report as Markdown (GitHub-flavoured tables) for wikis and pull-request comments: the
//! same content as the HTML page. Pack text goes through [`escape::markdown`] and never starts
//! a line, so no Markdown or HTML in a pack takes effect.

use super::markdown_pack;
use super::view::{PackView, Report, Status};
use super::words::{Words, words};
use super::{attention_lines, escape, status_words};
use crate::finding::Severity;
use crate::i18n::Lang;

/// Escaped pack text.
pub(super) fn md(text: &str) -> String {
    escape::markdown(text)
}

/// A table row from already-escaped cells.
pub(super) fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(if cell.is_empty() { " " } else { cell });
        out.push_str(" |");
    }
    out.push('\n');
}

/// A table header row from fixed labels, with its delimiter row.
pub(super) fn head(out: &mut String, labels: &[&str], numeric: &[bool]) {
    let cells: Vec<String> = labels.iter().map(|l| md(l)).collect();
    row(out, &cells);
    out.push('|');
    for i in 0..labels.len() {
        out.push_str(if numeric.get(i) == Some(&true) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
}

/// A status as symbol and label, e.g. `× 矛盾`.
pub(super) fn status_text(status: Status, w: &Words) -> String {
    format!("{} {}", status.symbol(), status_words(status, w)[0])
}

/// Renders the whole report.
pub fn render(report: &Report, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::with_capacity(32 * 1024);
    out.push_str(&format!("# {}\n\n", md(w.doc_title)));
    out.push_str(&format!("{}\n\n", md(report.form.title.get(lang))));
    out.push_str(&format!(
        "{}: {} · {}: {} · kakunin {}\n\n",
        md(w.checked_on),
        report.today,
        md(w.packs),
        report.packs.len(),
        env!("CARGO_PKG_VERSION")
    ));
    summary(&mut out, report, w);
    configuration(&mut out, report, lang);
    for pack in &report.packs {
        markdown_pack::render(&mut out, pack, report, w, lang);
    }
    if !report.loose.is_empty() {
        out.push_str(&format!("## {}\n\n", md(w.loose)));
        markdown_pack::findings_list(&mut out, report.loose.iter(), w);
    }
    out
}

/// The configuration the run applied, and each setting that changed it, with its line.
fn configuration(out: &mut String, report: &Report, lang: Lang) {
    let c = super::configuration::section(report, lang);
    out.push_str(&format!("## {}\n\n", md(c.title)));
    for (label, value) in &c.facts {
        out.push_str(&format!("- {}: {}\n", md(label), md(value)));
    }
    out.push('\n');
    if c.rows.is_empty() {
        out.push_str(&format!("{}\n\n", md(c.no_changes)));
        return;
    }
    head(out, &c.head, &[]);
    for cells in &c.rows {
        let cells: Vec<String> = cells.iter().map(|c| md(c)).collect();
        row(out, &cells);
    }
    out.push('\n');
}

fn pack_name(pack: &PackView) -> String {
    format!("{} · {}", md(pack.name()), md(&pack.outcome.id))
}

fn summary(out: &mut String, report: &Report, w: &Words) {
    out.push_str(&format!("## {}\n\n", md(w.summary)));
    let mut labels: Vec<String> = vec![w.pack.to_owned(), w.attention.to_owned()];
    labels.extend(Status::ALL.iter().map(|s| status_text(*s, w)));
    labels.extend([w.errors, w.warnings, w.infos].map(str::to_owned));
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let numeric: Vec<bool> = (0..labels.len()).map(|i| i >= 2).collect();
    head(out, &label_refs, &numeric);
    for pack in &report.packs {
        let lines = attention_lines(pack.summary, w);
        let attention = if lines.is_empty() {
            md(w.none)
        } else {
            lines
                .iter()
                .map(|(label, detail)| format!("**{}**: {}", md(label), md(detail)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut cells = vec![pack_name(pack), attention];
        cells.extend(Status::ALL.iter().map(|s| pack.count(*s).to_string()));
        cells.extend(
            [Severity::Error, Severity::Warning, Severity::Info]
                .map(|s| pack.count_severity(s).to_string()),
        );
        row(out, &cells);
    }
    out.push('\n');

    out.push_str(&format!("### {}\n\n", md(w.by_item)));
    let mut labels: Vec<&str> = vec![w.pack];
    labels.extend(report.columns.iter().copied());
    head(out, &labels, &[]);
    for pack in &report.packs {
        let mut cells = vec![pack_name(pack)];
        cells.extend(pack.cells.iter().map(|c| c.symbol().to_owned()));
        row(out, &cells);
    }
    out.push('\n');

    out.push_str(&format!("{}:\n\n", md(w.legend)));
    for status in Status::ALL {
        let [label, explanation] = status_words(status, w);
        out.push_str(&format!(
            "- {} **{}**: {}\n",
            status.symbol(),
            md(label),
            md(explanation)
        ));
    }
    out.push('\n');
}
