//! The report as one self-contained HTML page: inline CSS, no script, no external resource (a
//! Content-Security-Policy forbids them too), the summary first and one print page per pack.
//! Markup is written through [`Html`], which only takes `'static` markup and escapes all text.

use super::html_pack;
use super::view::{PackView, Report, Status};
use super::words::{Words, words};
use super::{attention_lines, escape, status_words};
use crate::finding::Severity;
use crate::i18n::Lang;

const STYLE: &str = include_str!("report.css");

/// An HTML writer: fixed markup goes in as `&'static str` (so no runtime text can be taken
/// for markup), everything else goes through [`escape::html`].
pub(super) struct Html {
    out: String,
}

impl Html {
    fn new() -> Self {
        Html {
            out: String::with_capacity(64 * 1024),
        }
    }

    /// Fixed markup written by kakunin itself.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape::html(text));
        self
    }

    /// An opening tag with a fixed class (none when empty).
    pub fn open(&mut self, tag: &'static str, class: &'static str) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        if !class.is_empty() {
            self.out.push_str(" class=\"");
            self.out.push_str(class);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// An opening tag with a fixed class and a `title` attribute (escaped).
    pub fn open_titled(
        &mut self,
        tag: &'static str,
        class: &'static str,
        title: &str,
    ) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(" class=\"");
        self.out.push_str(class);
        self.out.push_str("\" title=\"");
        self.out.push_str(&escape::html(title));
        self.out.push_str("\">");
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// `<tag class>text</tag>`.
    pub fn el(&mut self, tag: &'static str, class: &'static str, text: &str) -> &mut Self {
        self.open(tag, class).text(text).close(tag)
    }

    /// A number, as text.
    pub fn num(&mut self, n: usize) -> &mut Self {
        self.out.push_str(&n.to_string());
        self
    }

    /// A status cell or badge: symbol and, unless `short`, its label; the label is its title.
    pub fn status(&mut self, tag: &'static str, status: Status, w: &Words, short: bool) {
        let [label, _] = status_words(status, w);
        self.open_titled(tag, status.class(), label)
            .text(status.symbol());
        if !short {
            self.raw(" ").text(label);
        }
        self.close(tag);
    }
}

/// Renders the whole report.
pub fn render(report: &Report, lang: Lang) -> String {
    let w = words(lang);
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n<html lang=\"")
        .raw(w.lang_attr)
        .raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .raw("<meta name=\"generator\" content=\"kakunin\">\n<title>")
        .text(&format!("{} — {}", w.doc_title, report.today))
        .raw("</title>\n<style>\n")
        .raw(STYLE)
        .raw("</style>\n</head>\n<body>\n");
    header(&mut h, report, w, lang);
    summary(&mut h, report, w);
    configuration(&mut h, report, lang);
    for pack in &report.packs {
        html_pack::render(&mut h, pack, report, w, lang);
    }
    if !report.loose.is_empty() {
        h.open("section", "pack loose")
            .el("h2", "", w.loose)
            .raw("\n");
        html_pack::findings_list(&mut h, report.loose.iter(), w);
        h.close("section").raw("\n");
    }
    h.raw("</body>\n</html>\n");
    h.out
}

/// The configuration the run applied, and each setting that changed it, with its line.
fn configuration(h: &mut Html, report: &Report, lang: Lang) {
    let c = super::configuration::section(report, lang);
    h.open("section", "configuration")
        .el("h2", "", c.title)
        .raw("\n")
        .open("table", "facts")
        .open("tbody", "");
    for (label, value) in &c.facts {
        h.open("tr", "")
            .el("th", "", label)
            .el("td", "", value)
            .close("tr");
    }
    h.close("tbody").close("table").raw("\n");
    if c.rows.is_empty() {
        h.el("p", "muted", c.no_changes);
    } else {
        h.open("table", "settings").open("thead", "").open("tr", "");
        for label in c.head {
            h.el("th", "", label);
        }
        h.close("tr").close("thead").open("tbody", "");
        for row in &c.rows {
            h.open("tr", "");
            for cell in row {
                h.el("td", "", cell);
            }
            h.close("tr");
        }
        h.close("tbody").close("table");
    }
    h.close("section").raw("\n");
}

fn header(h: &mut Html, report: &Report, w: &Words, lang: Lang) {
    h.open("header", "doc-head")
        .el("h1", "", w.doc_title)
        .el("p", "form-title", report.form.title.get(lang))
        .open("p", "meta")
        .text(&format!(
            "{}: {} · {}: {} · kakunin {}",
            w.checked_on,
            report.today,
            w.packs,
            report.packs.len(),
            env!("CARGO_PKG_VERSION")
        ))
        .close("p")
        .close("header")
        .raw("\n");
}

fn summary(h: &mut Html, report: &Report, w: &Words) {
    h.open("section", "summary")
        .el("h2", "", w.summary)
        .raw("\n");
    h.open("table", "counts").open("thead", "").open("tr", "");
    h.el("th", "", w.pack).el("th", "", w.attention);
    for status in Status::ALL {
        h.status("th", status, w, false);
    }
    h.el("th", "num", w.errors)
        .el("th", "num", w.warnings)
        .el("th", "num", w.infos);
    h.close("tr").close("thead").raw("\n").open("tbody", "");
    for pack in &report.packs {
        h.open("tr", "");
        pack_name_cell(h, pack);
        h.open("td", "attention");
        attention(h, pack, w);
        h.close("td");
        for status in Status::ALL {
            h.open("td", "num").num(pack.count(status)).close("td");
        }
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            h.open("td", "num")
                .num(pack.count_severity(severity))
                .close("td");
        }
        h.close("tr").raw("\n");
    }
    h.close("tbody").close("table").raw("\n");

    h.el("h3", "", w.by_item).raw("\n");
    h.open("table", "matrix").open("thead", "").open("tr", "");
    h.el("th", "packname", w.pack);
    for item in &report.columns {
        h.open_titled("th", "item", item);
        for (i, part) in item.split('-').enumerate() {
            if i > 0 {
                h.raw("-<wbr>");
            }
            h.text(part);
        }
        h.close("th");
    }
    h.close("tr").close("thead").raw("\n").open("tbody", "");
    for pack in &report.packs {
        h.open("tr", "");
        pack_name_cell(h, pack);
        for cell in &pack.cells {
            h.status("td", *cell, w, true);
        }
        h.close("tr").raw("\n");
    }
    h.close("tbody").close("table").raw("\n");

    h.el("h3", "", w.legend).open("ul", "legend");
    for status in Status::ALL {
        let [_, explanation] = status_words(status, w);
        h.open("li", "");
        h.status("span", status, w, false);
        h.text(explanation).close("li");
    }
    h.close("ul").el("p", "muted", w.legend_note);
    h.close("section").raw("\n");
}

/// The pack's name, linked to its section by number.
fn pack_name_cell(h: &mut Html, pack: &PackView) {
    h.raw("<th class=\"packname\" scope=\"row\"><a href=\"#pack-")
        .num(pack.number)
        .raw("\">")
        .text(pack.name())
        .raw("</a>")
        .el("div", "muted", &pack.outcome.id)
        .close("th");
}

/// Overdue reviews and ended or ending contracts, one line each.
pub(super) fn attention(h: &mut Html, pack: &PackView, w: &Words) {
    let lines = attention_lines(pack.summary, w);
    for (label, detail) in &lines {
        h.open("div", "")
            .el("strong", "", label)
            .text(&format!(": {detail}"))
            .close("div");
    }
    if lines.is_empty() {
        h.text(w.none);
    }
}
