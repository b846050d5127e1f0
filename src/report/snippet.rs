//! The source snippets of human output: a pack file lent to miette through its escaped copy
//! ([`SafeText`]), so no character from the pack acts on the terminal, with spans moved into the
//! copy's offsets. miette reads a window of a few lines around each span (found with the
//! file's line table), never the whole file, and lines too long to show leave a finding without
//! a snippet.

use super::terminal::{SafeText, one_line};
use crate::source::SourceFile;
use crate::yaml::Span;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Longest line (in bytes) a snippet shows; a finding on or next to a longer one has none.
const MAX_LINE_BYTES: usize = 1_000;
/// A span over more lines than this is marked on its first line only.
const MAX_SPAN_LINES: usize = 20;
/// Lines of context miette asks for around a span (see `human::handler`).
const CONTEXT_LINES: usize = 1;

/// A source file with its escaped copy, ready to lend to miette.
pub struct Snippet<'a> {
    pub file: &'a SourceFile,
    pub safe: SafeText<'a>,
    /// The file name, escaped.
    pub name: String,
}

impl<'a> Snippet<'a> {
    pub fn new(file: &'a SourceFile) -> Snippet<'a> {
        Snippet {
            file,
            safe: SafeText::new(&file.text),
            name: one_line(&file.display),
        }
    }

    /// The span to mark for `span` (in the original): shortened to its first line when it
    /// covers many, and moved into the copy. `None` when a line around it is too long to show.
    pub fn label_span(&self, span: Span) -> Option<(usize, usize)> {
        let span = self.file.clamp(span);
        let (first, _) = self.file.line_col(span.offset);
        let (mut last, _) = self.file.line_col(span.offset + span.len);
        let mut end = span.offset + span.len;
        if last > first + MAX_SPAN_LINES {
            last = first;
            end = self.line_end(first).max(span.offset);
        }
        let from = first.saturating_sub(CONTEXT_LINES).max(1);
        let to = (last + CONTEXT_LINES).min(self.file.line_count());
        let too_long = (from..=to)
            .any(|l| self.file.line_start(l + 1) - self.file.line_start(l) > MAX_LINE_BYTES);
        if too_long {
            return None;
        }
        let start = self.safe.to_safe(span.offset);
        Some((start, self.safe.to_safe(end) - start))
    }

    /// The offset where a line's text ends (before its line break).
    fn line_end(&self, line: usize) -> usize {
        let start = self.file.line_start(line);
        let next = self.file.line_start(line + 1);
        let text = &self.file.text[start..next];
        start + text.trim_end_matches(['\n', '\r']).len()
    }
}

/// 0-based column, in characters, of a byte offset (a BOM is not a column).
fn char_column(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let Some(before) = text.get(..offset) else {
        return 0;
    };
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    before[line_start..]
        .chars()
        .filter(|&c| c != '\u{feff}')
        .count()
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let safe: &str = &self.safe.text;
        let start = span.offset().min(safe.len());
        let end = (start + span.len()).min(safe.len());
        let original_start = self.safe.to_original(start);
        let (first, _) = self.file.line_col(original_start);
        let (last, _) = self.file.line_col(self.safe.to_original(end));
        // A window of whole lines around the span: miette's own reader finds the context in it.
        let window_line = first.saturating_sub(before).max(1);
        let window_start = self.safe.to_safe(self.file.line_start(window_line));
        let window_end = self
            .safe
            .to_safe(self.file.line_start(last + after + 2))
            .min(safe.len());
        let window = safe
            .get(window_start..window_end)
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((start - window_start).into(), end - start);
        let inner = window.read_span(&local, before, after)?;
        let data_start = inner.span().offset() + window_start;
        // miette counts the header's column in bytes; users and editors count characters.
        let column = if before == 0 && after == 0 {
            char_column(&self.file.text, original_start)
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(data_start.into(), inner.span().len()),
            inner.line() + window_line - 1,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::{Finding, Location, Severity};
    use crate::i18n::Lang;
    use crate::report::human::{Style, render_pack};
    use crate::source::SourceFile;
    use crate::yaml::Span;

    fn render(text: &str, at: &str, file: &str) -> String {
        let source = SourceFile::new(file.into(), file.into(), text.into());
        let offset = text.find(at).unwrap_or(0);
        let finding = Finding {
            rule: "r".into(),
            severity: Severity::Error,
            checklist: Vec::new(),
            message: "m".into(),
            help: String::new(),
            pack: "p".into(),
            location: Location::in_source(&source, Span::new(offset, at.len()), "c".into()),
            related: Vec::new(),
            fingerprint: String::new(),
            waived: None,
        };
        let style = Style {
            color: false,
            width: 100,
            lang: Lang::En,
        };
        render_pack(&[finding], &[source], style)
    }

    #[test]
    fn escapes_keep_spans_lines_and_columns() {
        let out = render(
            "a: 1\r\nb: \u{1b}[2J\u{202e}\rc: 名x\n",
            "x",
            "f\u{1b}.yaml",
        );
        assert!(
            !out.chars().any(crate::report::terminal::is_unsafe),
            "{out}"
        );
        assert!(out.contains("[f\\u{1b}.yaml:3:5]"), "{out}");
        assert!(out.contains("2 │ b: \\u{1b}[2J\\u{202e}"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let code = lines
            .iter()
            .position(|l| l.contains("3 │ c: 名x"))
            .expect("line 3");
        // The mark is under `x`, after `c: ` and the double-width 名.
        let prefix = &lines[code][..lines[code].rfind('x').expect("x")];
        let width: usize = prefix.chars().map(|c| if c == '名' { 2 } else { 1 }).sum();
        let mark = lines[code + 1];
        let before = &mark[..mark.find('┬').expect("mark")];
        assert_eq!(before.chars().count(), width, "{out}");
    }

    #[test]
    fn a_long_line_gives_a_location_instead_of_a_snippet() {
        let text = format!("a: 1\nb: {}x\n", "y".repeat(5_000));
        let out = render(&text, "x", "f.yaml");
        assert!(out.contains("f.yaml:2:5004: m"), "{out}");
        assert!(!out.contains("yyyyyyyyyy"), "{out}");
    }
}
