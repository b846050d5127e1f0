//! Escaping of pack-supplied text, one function per target syntax, so that no renderer escapes
//! on its own: XML (JUnit), Markdown table cells, GitHub workflow commands, single-line text.
//!
//! Packs are untrusted: a contract field may hold newlines, `%0A::error::…`, `]]>`, `|`, HTML or
//! control characters. Each function keeps such text inert in its syntax.

use std::fmt::Write as _;

/// A control or invisible-direction character, shown as `\u{…}` instead of acting.
fn visible(c: char, out: &mut String) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Text on one line: newlines, tabs, other control and bidi characters become `\u{…}`.
/// For line-oriented formats (concise, JSON Lines consumers that grep).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi(c) {
            visible(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for a spreadsheet cell: CRLF and lone CR become LF (a line break in the cell), other
/// control and bidi characters `\u{…}`.
fn cell_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            _ if c.is_control() || is_bidi(c) => visible(c, &mut out),
            _ => out.push(c),
        }
    }
    out
}

/// A quoted CSV field: the text as [`cell_lines`] shows it, quotes doubled; text that starts
/// like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so Excel
/// and LibreOffice show it as text.
pub fn csv_cell(text: &str) -> String {
    let inert = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        "'"
    } else {
        ""
    };
    format!("\"{inert}{}\"", cell_lines(text).replace('"', "\"\""))
}

/// The longest text an Excel cell holds.
pub const XLSX_CELL_MAX: usize = 32_767;

/// Text for a spreadsheet cell (written as a string, never a formula): as [`cell_lines`] shows
/// it, and cut, ending with `…`, when it is longer than a cell holds.
pub fn xlsx_text(text: &str) -> String {
    let mut out = cell_lines(text);
    // Excel counts UTF-16 code units.
    if out.encode_utf16().count() > XLSX_CELL_MAX {
        let mut units = 0;
        let cut: String = out
            .chars()
            .take_while(|c| {
                units += c.len_utf16();
                units < XLSX_CELL_MAX
            })
            .collect();
        out = cut + "…";
    }
    out
}

/// Whether XML 1.0 allows this character at all (§2.2 Char), even as a character reference.
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn xml_common(c: char, out: &mut String) -> bool {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        _ if !xml_allowed(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) => {
            visible(c, out);
        }
        _ => return false,
    }
    true
}

/// Character data of an XML element. Characters XML 1.0 forbids (NUL, most C0 controls, U+FFFE)
/// are shown as `\u{…}`; `]]>` cannot occur because `>` is always escaped.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !xml_common(c, &mut out) {
            // A lone CR would be read back as LF (XML end-of-line handling).
            if c == '\r' {
                out.push_str("&#13;");
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// An XML attribute value in double quotes. Tabs and line breaks are character references, so
/// that attribute-value normalisation does not turn them into spaces.
pub fn xml_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !xml_common(c, &mut out) {
            match c {
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                '\t' => out.push_str("&#9;"),
                '\n' => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// A cell of a GitHub-flavoured Markdown table: `|` cannot end the cell, a line break cannot end
/// the row (it becomes `<br>`), HTML is shown as text, and Markdown punctuation that could start
/// a link, an image, emphasis or code is backslash-escaped.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '#' | '~' | '@' => {
                out.push('\\');
                out.push(c);
            }
            _ if c.is_control() || is_bidi(c) => visible(c, &mut out),
            _ => out.push(c),
        }
    }
    out
}

/// The message part of a GitHub workflow command (after `::`): `%`, CR and LF are
/// percent-encoded as the runner expects, so the command stays on one line. Other control
/// characters are shown as `\u{…}`.
pub fn workflow_data(text: &str) -> String {
    workflow(text, false)
}

/// A property value of a GitHub workflow command (`file=…,title=…`): as [`workflow_data`], and
/// `:` and `,` are percent-encoded too, so a value cannot end the property list or add one.
pub fn workflow_property(text: &str) -> String {
    workflow(text, true)
}

fn workflow(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ if c.is_control() || is_bidi(c) => visible(c, &mut out),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_never_breaks_a_line() {
        assert_eq!(
            one_line("a\nb\r\tc\u{1b}[0m"),
            "a\\u{a}b\\u{d}\\u{9}c\\u{1b}[0m"
        );
        assert_eq!(one_line("病院 ok"), "病院 ok");
    }

    #[test]
    fn xml_text_escapes_markup_and_forbidden_characters() {
        assert_eq!(xml_text("a<b>&]]>\"'"), "a&lt;b&gt;&amp;]]&gt;\"'");
        assert_eq!(xml_text("x\0y\u{1}z\u{fffe}"), "x\\u{0}y\\u{1}z\\u{fffe}");
        assert_eq!(xml_text("l1\nl2\tt\r"), "l1\nl2\tt&#13;");
    }

    #[test]
    fn xml_attr_keeps_quotes_and_whitespace() {
        assert_eq!(
            xml_attr("\"x\" 'y'\n\t\r"),
            "&quot;x&quot; &apos;y&apos;&#10;&#9;&#13;"
        );
    }

    #[test]
    fn markdown_cell_stays_in_its_cell() {
        assert_eq!(markdown_cell("a|b"), "a\\|b");
        assert_eq!(markdown_cell("l1\r\nl2\nl3"), "l1<br>l2<br>l3");
        assert_eq!(
            markdown_cell("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(markdown_cell("[a](b) `c`"), "\\[a\\](b) \\`c\\`");
    }

    #[test]
    fn workflow_values_cannot_start_a_command() {
        assert_eq!(workflow_data("50%\n::error::x"), "50%25%0A::error::x");
        assert_eq!(workflow_property("a,b:c%0A"), "a%2Cb%3Ac%250A");
        assert_eq!(workflow_data("a\0b"), "a\\u{0}b");
    }
}
