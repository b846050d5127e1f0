//! CSV findings, for spreadsheets: one row per finding under a header row, UTF-8 with a byte
//! order mark and CRLF line ends (as Excel opens a file without an import dialog), every cell
//! quoted, and pack text that a spreadsheet would read as a formula made inert.

use super::Context;
use super::escape::csv_cell as cell;
use super::stream::FindingStream;
use crate::app::Run;
use crate::finding::Finding;
use crate::i18n::Lang;
use std::io::{self, Write};

/// The columns, in order: (English header, Japanese header).
const COLUMNS: [(&str, &str); 12] = [
    ("pack", "パック"),
    ("file", "ファイル"),
    ("line", "行"),
    ("column", "列"),
    ("severity", "重要度"),
    ("rule", "ルール"),
    ("checklist", "確認表の項目"),
    ("message", "内容"),
    ("field", "フィールド"),
    ("related", "関連箇所"),
    ("waived", "免除"),
    ("fingerprint", "フィンガープリント"),
];

/// The CSV stream: the header row at the start, then a row per finding.
pub struct Stream {
    lang: Lang,
}

impl Stream {
    pub fn start(ctx: &Context, out: &mut dyn Write) -> io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let header: Vec<String> = COLUMNS
            .iter()
            .map(|(en, ja)| cell(ctx.lang.pick(en, ja)))
            .collect();
        write_row(&header, out)?;
        Ok(Stream { lang: ctx.lang })
    }
}

fn write_row(cells: &[String], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(cells.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

impl FindingStream for Stream {
    fn finding(&mut self, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
        let related: Vec<String> = f
            .related
            .iter()
            .map(|r| {
                format!(
                    "{}:{}:{} {}",
                    r.location.file, r.location.line, r.location.column, r.label
                )
            })
            .collect();
        let waived = match &f.waived {
            Some(w) => format!("{} ({}, {})", w.reason, w.approved_by, w.expires),
            None => String::new(),
        };
        let cells = [
            cell(&f.pack),
            cell(&f.location.file),
            f.location.line.to_string(),
            f.location.column.to_string(),
            cell(f.severity.word(self.lang)),
            cell(&f.rule),
            cell(&f.checklist.join(" ")),
            cell(&f.message),
            cell(&f.location.path),
            cell(&related.join("\n")),
            cell(&waived),
            cell(&f.fingerprint),
        ];
        write_row(&cells, out)
    }

    fn close(&mut self, _run: &Run, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_starts_become_text_and_quotes_double() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(cell(start).starts_with("\"'"), "{start:?}");
        }
        assert_eq!(cell("plain, text"), "\"plain, text\"");
        assert_eq!(cell(""), "\"\"");
        assert_eq!(cell("a\nb\u{0}\u{202e}"), "\"a\nb\\u{0}\\u{202e}\"");
        assert_eq!(cell("a\r\nb\rc"), "\"a\nb\nc\"");
    }
}
