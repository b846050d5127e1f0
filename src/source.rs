//! Source files as read from disk: their display path, text, and byte-offset ↔ line/column mapping.

use crate::yaml::Span;
use std::path::PathBuf;

/// One file of a pack, read into memory.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown to users: relative to the working directory, `/`-separated.
    pub display: String,
    /// Path on disk.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(display: String, path: PathBuf, text: String) -> Self {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            // A line ends at LF, at CRLF (counted once, at the LF) and at a lone CR.
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push(i + 1);
            }
        }
        SourceFile {
            display,
            path,
            text,
            line_starts,
        }
    }

    /// Clamps a span into the text and snaps both ends to character boundaries.
    pub fn clamp(&self, span: Span) -> Span {
        let start = self.snap(span.offset.min(self.text.len()));
        let end = self
            .snap(span.offset.saturating_add(span.len).min(self.text.len()))
            .max(start);
        Span::new(start, end - start)
    }

    fn snap(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.snap(offset.min(self.text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self.text[start..offset]
            .chars()
            .filter(|&c| c != '\u{feff}')
            .count()
            + 1;
        (line + 1, column)
    }

    /// Byte offset where a 1-based line starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Number of lines (a last line without a line end counts).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset of a 1-based line and character column (clamped into the text).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = rest.split(['\n', '\r']).next().unwrap_or("");
        let skip = line_text.chars().take_while(|&c| c == '\u{feff}').count();
        line_text
            .char_indices()
            .nth(column.saturating_sub(1) + skip)
            .map_or(start + line_text.len(), |(i, _)| start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("f.yaml".into(), PathBuf::from("f.yaml"), text.into())
    }

    #[test]
    fn line_col_counts_characters_and_all_line_endings() {
        let f = file("a: 1\r\nb: 病院\rc: x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        let c = f.text.find('c').unwrap_or(0);
        assert_eq!(f.line_col(c), (3, 1));
        let x = f.text.find('x').unwrap_or(0);
        assert_eq!(f.line_col(x), (3, 4));
        let byo = f.text.find('院').unwrap_or(0);
        assert_eq!(f.line_col(byo), (2, 5));
    }

    #[test]
    fn bom_does_not_count_as_a_column() {
        let f = file("\u{feff}key: v");
        assert_eq!(f.line_col(3), (1, 1));
        assert_eq!(f.offset_of(1, 1), 3);
    }

    #[test]
    fn clamp_snaps_inside_multibyte_characters_and_past_the_end() {
        let f = file("名前");
        assert_eq!(f.clamp(Span::new(1, 2)), Span::new(0, 3));
        assert_eq!(f.clamp(Span::new(100, 5)), Span::new(6, 0));
    }

    #[test]
    fn offset_of_round_trips_with_line_col() {
        let f = file("a: 1\nname: 東京\n");
        let off = f.offset_of(2, 7);
        assert_eq!(&f.text[off..off + 3], "東");
        assert_eq!(f.line_col(off), (2, 7));
    }
}
