//! `kakunin report`: the filled-in checklist (確認表) per pack with a summary matrix across
//! packs, as one self-contained HTML page or as Markdown. Pack text is untrusted: it reaches the
//! output only through [`escape`].

mod checks;
pub mod configuration;
pub mod escape;
pub mod html;
mod html_pack;
pub mod markdown;
mod markdown_pack;
pub mod view;
pub mod words;
pub mod xlsx;

use crate::app::Run;
use crate::form::Form;
use crate::i18n::Lang;
use crate::model::summary::{Expiry, PackSummary, PartyRef};
use view::Status;
use words::{Words, term};

/// The formats of `kakunin report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
    /// An Excel workbook: a summary sheet, then a sheet per checklist record.
    Xlsx,
}

/// Renders the report of a run whose packs were summarized (`CheckOptions::summaries`), as
/// the bytes of the file.
pub fn render(
    format: ReportFormat,
    run: &Run,
    form: &Form,
    lang: Lang,
) -> std::io::Result<Vec<u8>> {
    let report = view::build(run, form);
    Ok(match format {
        ReportFormat::Html => html::render(&report, lang).into_bytes(),
        ReportFormat::Markdown => markdown::render(&report, lang).into_bytes(),
        ReportFormat::Xlsx => xlsx::render(&report, lang).map_err(std::io::Error::other)?,
    })
}

// Text helpers shared by the renderers; their results are plain text, escaped by the caller.

/// A value as written in the pack, or a dash when it is absent or empty.
fn or_dash(text: Option<&str>) -> &str {
    match text {
        Some(t) if !t.is_empty() => t,
        _ => "—",
    }
}

/// A party as "name (id)", or "id (not among the parties)".
fn party(p: &PartyRef, w: &Words) -> String {
    match &p.name {
        Some(name) => format!("{name}{}{}{}", w.lparen, p.id, w.rparen),
        None => format!("{}{}{}{}", p.id, w.lparen, w.not_a_party, w.rparen),
    }
}

/// The name of the party an id names, else the id.
fn name_of(summary: &PackSummary, id: &str) -> String {
    summary
        .parties
        .iter()
        .filter(|p| p.id == id)
        .find_map(|p| p.name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// A coded value (role, contract type…) in words when kakunin knows it, else as written.
fn coded(value: Option<&str>, lang: Lang) -> String {
    match value {
        Some(v) => term(lang, v).unwrap_or(v).to_owned(),
        None => "—".to_owned(),
    }
}

/// An answer of the first check in words.
fn initial(value: Option<&str>, w: &Words) -> String {
    match value {
        Some("yes") => w.yes.to_owned(),
        Some("no") => w.no.to_owned(),
        Some("na") => w.na.to_owned(),
        other => or_dash(other).to_owned(),
    }
}

fn span(start: Option<&str>, end: Option<&str>) -> String {
    format!("{} – {}", or_dash(start), or_dash(end))
}

/// Overdue reviews and ended or ending contracts, one (label, detail) per line.
fn attention_lines(summary: &PackSummary, w: &Words) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    for review in summary.overdue_reviews() {
        let due = review.due.map(|d| d.to_string()).unwrap_or_default();
        let detail = format!("{}{}{} {due}{}", review.id, w.lparen, w.due, w.rparen);
        lines.push((w.overdue_review, detail));
    }
    for contract in summary.expiring_contracts() {
        let label = match contract.expiry {
            Some(Expiry::Expired) => w.expired,
            _ => w.expiring,
        };
        let end = contract.term.end.as_deref().unwrap_or_default();
        lines.push((
            label,
            format!("{}{}{end}{}", contract.id, w.lparen, w.rparen),
        ));
    }
    lines
}

/// The label and the explanation of a status.
fn status_words(status: Status, w: &Words) -> [&'static str; 2] {
    match status {
        Status::Agreed => w.agreed,
        Status::Open => w.open,
        Status::Contradicted => w.contradicted,
        Status::NotAnswered => w.not_answered,
        Status::NotApplicable => w.not_applicable,
        Status::NotChecked => w.not_checked,
        Status::Waived => w.waived,
    }
}
