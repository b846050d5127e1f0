//! The report as an Excel workbook: a summary sheet (packs × checklist items, the statuses and
//! symbols of the HTML report), then one sheet per ChecklistRecord in the form's columns, the
//! item's findings beside it. Pack text only ever becomes a string cell, through
//! [`escape::xlsx_text`], never a formula, a number or a link.

use super::view::{PackView, RecordView, Report, Row};
use super::words::{Words, words};
use super::{attention_lines, initial, or_dash, party, status_words};
use crate::finding::{Finding, Severity};
use crate::form::part_of;
use crate::i18n::Lang;
use crate::report::escape::xlsx_text;
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Excel's paper size code for A4.
const A4: u8 = 9;

/// The cell formats of the workbook.
struct Styles {
    title: Format,
    header: Format,
    text: Format,
    part: Format,
}

impl Styles {
    fn new() -> Self {
        let text = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: text
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7)),
            part: text
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            text,
        }
    }
}

/// Renders the report as the bytes of an xlsx file.
pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let w = words(lang);
    let styles = Styles::new();
    let mut book = Workbook::new();
    let mut names = SheetNames::default();
    summary(book.add_worksheet(), report, w, lang, &styles, &mut names)?;
    for pack in &report.packs {
        for record in &pack.records {
            let sheet = book.add_worksheet();
            record_sheet(sheet, pack, record, report, w, lang, &styles, &mut names)?;
        }
    }
    book.save_to_buffer()
}

/// Writes a text cell; the text is made safe for a cell first.
fn put(sheet: &mut Worksheet, row: u32, col: u16, text: &str, f: &Format) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, xlsx_text(text), f)?;
    Ok(())
}

fn header_row(
    sheet: &mut Worksheet,
    row: u32,
    labels: &[&str],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (col, label) in (0u16..).zip(labels) {
        put(sheet, row, col, label, &s.header)?;
    }
    Ok(())
}

fn print_setup(sheet: &mut Worksheet, header: u32) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header, header)?;
    sheet.set_freeze_panes(header + 1, 0)?;
    Ok(())
}

fn summary(
    sheet: &mut Worksheet,
    report: &Report,
    w: &Words,
    lang: Lang,
    s: &Styles,
    names: &mut SheetNames,
) -> Result<(), XlsxError> {
    sheet.set_name(names.take(w.summary))?;
    put(sheet, 0, 0, w.doc_title, &s.title)?;
    put(sheet, 1, 0, report.form.title.get(lang), &Format::new())?;
    let stamp = format!(
        "{}: {} · kakunin {}",
        w.checked_on,
        report.today,
        env!("CARGO_PKG_VERSION")
    );
    put(sheet, 2, 0, &stamp, &Format::new())?;
    let header = 4;
    let mut labels = vec![w.pack, w.id, w.attention];
    labels.extend(report.columns.iter().copied());
    labels.extend([w.errors, w.warnings, w.infos]);
    header_row(sheet, header, &labels, s)?;
    let mut row = header;
    for pack in &report.packs {
        row += 1;
        put(sheet, row, 0, pack.name(), &s.text)?;
        put(sheet, row, 1, &pack.outcome.id, &s.text)?;
        let attention: Vec<String> = attention_lines(pack.summary, w)
            .iter()
            .map(|(label, detail)| format!("{label}: {detail}"))
            .collect();
        let attention = if attention.is_empty() {
            w.none.to_owned()
        } else {
            attention.join("\n")
        };
        put(sheet, row, 2, &attention, &s.text)?;
        let mut col = 3u16;
        for status in &pack.cells {
            put(sheet, row, col, status.symbol(), &s.text)?;
            col += 1;
        }
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            sheet.write_number_with_format(
                row,
                col,
                pack.count_severity(severity) as f64,
                &s.text,
            )?;
            col += 1;
        }
    }
    row += 2;
    put(sheet, row, 0, w.legend, &s.header)?;
    for status in super::view::Status::ALL {
        row += 1;
        let [label, explanation] = status_words(status, w);
        put(
            sheet,
            row,
            0,
            &format!("{} {label}", status.symbol()),
            &s.text,
        )?;
        put(sheet, row, 1, explanation, &s.text)?;
    }
    if !report.loose.is_empty() {
        row += 2;
        put(sheet, row, 0, w.loose, &s.header)?;
        for f in report.loose {
            row += 1;
            put(sheet, row, 0, &finding_text(f, w), &s.text)?;
        }
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_width(2, 36)?;
    print_setup(sheet, header)
}

/// The columns of a record's sheet, in the form's order, then kakunin's.
fn record_labels(w: &Words) -> [&'static str; 8] {
    [
        w.col_no,
        w.col_item,
        w.col_content,
        w.col_initial,
        w.col_completed,
        w.col_evidence,
        w.col_status,
        w.findings,
    ]
}

#[allow(clippy::too_many_arguments)]
fn record_sheet(
    sheet: &mut Worksheet,
    pack: &PackView,
    view: &RecordView,
    report: &Report,
    w: &Words,
    lang: Lang,
    s: &Styles,
    names: &mut SheetNames,
) -> Result<(), XlsxError> {
    let r = view.record;
    sheet.set_name(names.take(&format!("{} {}", pack.number, r.id)))?;
    let vendor = r.vendor.as_ref().map(|p| party(p, w));
    let title = format!("{} — {}", w.checklist_for, or_dash(vendor.as_deref()));
    put(sheet, 0, 0, &title, &s.title)?;
    let facts = format!(
        "{}: {} · {}: {} · {}: {} · {}",
        w.pack,
        pack.name(),
        w.record,
        r.id,
        w.edition,
        or_dash(r.edition.as_deref()),
        r.file
    );
    put(sheet, 1, 0, &facts, &Format::new())?;
    let header = 3;
    header_row(sheet, header, &record_labels(w), s)?;
    let mut row = header;
    let mut part = None;
    let mut answer_rows = Vec::new();
    for item_row in &view.rows {
        let this_part = part_of(item_row.id);
        if part != Some(this_part) {
            part = Some(this_part);
            if let Some(p) = report.form.part(item_row.id) {
                row += 1;
                put(sheet, row, 0, p.title.get(lang), &s.part)?;
                for col in 1..8 {
                    put(sheet, row, col, "", &s.part)?;
                }
            }
        }
        row += 1;
        answer_rows.push(row);
        item_cells(sheet, row, item_row, pack, w, lang, s)?;
    }
    // The first check is answered from a list, as on the form.
    if let (Some(first), Some(last)) = (answer_rows.first(), answer_rows.last()) {
        let list = DataValidation::new().allow_list_strings(&[w.yes, w.no, w.na])?;
        sheet.add_data_validation(*first, 3, *last, 3, &list)?;
    }
    for (col, width) in [
        (0, 8),
        (1, 28),
        (2, 48),
        (3, 10),
        (4, 12),
        (5, 36),
        (6, 16),
        (7, 60),
    ] {
        sheet.set_column_width(col, width)?;
    }
    print_setup(sheet, header)
}

fn item_cells(
    sheet: &mut Worksheet,
    row: u32,
    item_row: &Row,
    pack: &PackView,
    w: &Words,
    lang: Lang,
    s: &Styles,
) -> Result<(), XlsxError> {
    let answer = item_row.answer;
    let title = item_row.item.map_or(w.unknown_item, |i| i.title.get(lang));
    let content = item_row.item.map_or("", |i| i.summary.get(lang));
    let mut evidence = answer.and_then(|a| a.evidence.clone()).unwrap_or_default();
    if let Some(note) = answer.and_then(|a| a.note.as_deref()) {
        if !evidence.is_empty() {
            evidence.push('\n');
        }
        evidence.push_str(&format!("{}: {note}", w.note));
    }
    let [status, _] = status_words(item_row.status, w);
    let mut status = format!("{} {status}", item_row.status.symbol());
    for because in &item_row.because {
        status.push_str(&format!("{}{because}{}", w.lparen, w.rparen));
    }
    let findings: Vec<String> = pack
        .by_item
        .iter()
        .filter(|g| g.id == item_row.id)
        .flat_map(|g| g.findings.iter().map(|f| finding_text(f, w)))
        .collect();
    let cells = [
        item_row.id.to_owned(),
        title.to_owned(),
        content.to_owned(),
        initial(answer.and_then(|a| a.initial.as_deref()), w),
        or_dash(answer.and_then(|a| a.completed_on.as_deref())).to_owned(),
        evidence,
        status,
        findings.join("\n"),
    ];
    for (col, text) in (0u16..).zip(&cells) {
        put(sheet, row, col, text, &s.text)?;
    }
    Ok(())
}

/// A finding in one cell: severity, message, rule, and where (`file:line:col`).
fn finding_text(f: &Finding, w: &Words) -> String {
    let label = match f.severity {
        Severity::Error => w.severity[0],
        Severity::Warning => w.severity[1],
        Severity::Info => w.severity[2],
    };
    let l = &f.location;
    format!(
        "{label} {} [{}] {}:{}:{}",
        f.message, f.rule, l.file, l.line, l.column
    )
}

/// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, not starting
/// or ending with `'`, not `History`, and unique without regard to case.
#[derive(Default)]
struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    fn take(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim_matches('\'').trim();
        let base = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
            "sheet".to_owned()
        } else {
            clean.to_owned()
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = 31 - suffix.chars().count();
            let head: String = base.chars().take(room).collect();
            let name = format!("{}{suffix}", head.trim_end_matches('\''));
            let lower = name.to_lowercase();
            if !self.taken.contains(&lower) {
                self.taken.push(lower);
                return name;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SheetNames;

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        let mut names = SheetNames::default();
        assert_eq!(names.take("1 rec[a]:b*?/\\"), "1 rec_a__b____");
        let long = "あ".repeat(40);
        let first = names.take(&long);
        assert_eq!(first.chars().count(), 31);
        let second = names.take(&long);
        assert!(
            second.ends_with(" (2)") && second.chars().count() == 31,
            "{second}"
        );
        assert_eq!(names.take("History"), "sheet");
        assert_eq!(names.take("'quoted'"), "quoted");
        assert_eq!(names.take("SHEET"), "SHEET (2)");
    }
}
