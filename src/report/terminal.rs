//! Pack text made safe for a terminal. Control characters (ANSI escape sequences, carriage
//! returns, backspaces, C1 controls) and bidirectional overrides are shown as `\u{…}` instead of
//! acting on the screen — in messages, labels, file names, and the source lines of snippets.
//!
//! A snippet's source is escaped as a whole copy, [`SafeText`], that keeps a map between byte
//! offsets in the original and in the copy, so every span still marks the same characters.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is. Line feeds and tabs may.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// Escapes the characters that would act on a terminal (line feeds and tabs are kept).
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`terminal_safe`], with line feeds escaped too: text that must stay on one line.
pub fn one_line(text: &str) -> String {
    terminal_safe(text).replace('\n', "\\u{a}")
}

/// One escaped character: where it is in the original and in the copy.
#[derive(Debug, Clone, Copy)]
struct Escape {
    /// Offset in the original.
    at: usize,
    /// Length in the original.
    len: usize,
    /// Offset of its escape in the copy.
    safe_at: usize,
    /// How many bytes longer the copy is, up to and including this escape.
    extra_after: usize,
}

/// An escaped copy of a source text with the offset map between the two.
#[derive(Debug)]
pub struct SafeText<'a> {
    pub text: Cow<'a, str>,
    /// The escaped characters in order.
    escapes: Vec<Escape>,
}

impl<'a> SafeText<'a> {
    /// The copy of `original`: unsafe characters escaped, a lone carriage return turned into a
    /// line feed (the parser and [`crate::source::SourceFile`] count it as a line end too).
    pub fn new(original: &'a str) -> SafeText<'a> {
        let bytes = original.as_bytes();
        let needs = original
            .char_indices()
            .any(|(i, c)| is_unsafe(c) && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n')));
        if !needs {
            return SafeText {
                text: Cow::Borrowed(original),
                escapes: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len() + 64);
        let mut escapes = Vec::new();
        let mut extra = 0;
        for (i, c) in original.char_indices() {
            if c == '\r' {
                let crlf = bytes.get(i + 1) == Some(&b'\n');
                text.push(if crlf { '\r' } else { '\n' });
            } else if is_unsafe(c) {
                let shown = escaped(c);
                let safe_at = i + extra;
                extra += shown.len() - c.len_utf8();
                escapes.push(Escape {
                    at: i,
                    len: c.len_utf8(),
                    safe_at,
                    extra_after: extra,
                });
                text.push_str(&shown);
            } else {
                text.push(c);
            }
        }
        SafeText {
            text: Cow::Owned(text),
            escapes,
        }
    }

    /// The offset in the copy of an offset (a character boundary) in the original.
    pub fn to_safe(&self, offset: usize) -> usize {
        match self.escapes.partition_point(|e| e.at < offset) {
            0 => offset,
            n => offset + self.escapes[n - 1].extra_after,
        }
    }

    /// The offset in the original of an offset in the copy (inside an escape: its start).
    pub fn to_original(&self, safe: usize) -> usize {
        match self.escapes.partition_point(|e| e.safe_at <= safe) {
            0 => safe,
            n => {
                let e = self.escapes[n - 1];
                if safe < e.at + e.len + e.extra_after {
                    e.at
                } else {
                    safe - e.extra_after
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_escapes_control_and_bidi_characters() {
        assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("x\ry"), "x\\u{d}y");
        assert_eq!(terminal_safe("\u{202e}abc"), "\\u{202e}abc");
        assert_eq!(terminal_safe("病院\tok"), "病院\tok");
        assert_eq!(one_line("a\nb"), "a\\u{a}b");
    }

    #[test]
    fn safe_text_maps_offsets_both_ways() {
        let original = "a: \u{1b}[2J名前\u{202e}x\r\ny: 1\rz";
        let safe = SafeText::new(original);
        assert_eq!(safe.text, "a: \\u{1b}[2J名前\\u{202e}x\r\ny: 1\nz");
        for (offset, c) in original.char_indices() {
            let there = safe.to_safe(offset);
            assert_eq!(safe.to_original(there), offset, "offset {offset}");
            let shown = match c {
                '\r' if original[offset..].starts_with("\r\n") => "\r".to_owned(),
                '\r' => "\n".to_owned(),
                c if is_unsafe(c) => escaped(c),
                c => c.to_string(),
            };
            assert!(
                safe.text[there..].starts_with(&shown),
                "character at {offset}"
            );
        }
        assert_eq!(safe.to_safe(original.len()), safe.text.len());
        // Inside an escape, the original offset is the escaped character's.
        assert_eq!(safe.to_original(5), 3);
    }

    #[test]
    fn clean_text_is_borrowed() {
        let safe = SafeText::new("a: 1\r\nb: 2\n");
        assert!(matches!(safe.text, Cow::Borrowed(_)));
        assert_eq!(safe.to_safe(4), 4);
    }
}
