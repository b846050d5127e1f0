//! Writing a format while packs are checked: each format's opening, then every pack in order as
//! it is done, then the closing with what is known only at the end (findings outside packs, the
//! totals). A pack's text goes to its destination and the pack is dropped, so memory does not
//! grow with the number of packs. JUnit and Markdown put totals before the packs, so they keep
//! their own text until the end.

use super::{Context, Format, gitlab, human, json, junit, markdown, sarif};
use crate::app::{PackOutcome, Run};
use crate::finding::Finding;
use serde::Serialize;
use std::io::{self, Write};

/// One format being written.
pub trait Stream {
    /// The findings of one pack, packs in order.
    fn pack(&mut self, pack: &PackOutcome, out: &mut dyn Write) -> io::Result<()>;
    /// The end: `run`'s findings outside packs, its totals and anything else it holds but its
    /// packs (which went through [`Stream::pack`]).
    fn finish(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

/// Starts writing `format`: its opening goes to `out` now. `rules` are the ids of the rules that
/// run.
pub fn start<'a>(
    format: Format,
    rules: &[String],
    ctx: &'a Context<'a>,
    out: &mut dyn Write,
) -> io::Result<Box<dyn Stream + 'a>> {
    Ok(match format {
        Format::Human => Box::new(human::Stream { ctx }),
        Format::Json => Box::new(EachFinding(json::Stream::start(out)?)),
        Format::Jsonl => Box::new(EachFinding(Lines(json::line))),
        Format::Concise => Box::new(EachFinding(Lines(super::concise::line))),
        Format::Github => Box::new(EachFinding(Lines(super::github::annotation))),
        Format::Gitlab => Box::new(EachFinding(gitlab::Stream::default())),
        Format::Sarif => Box::new(EachFinding(sarif::Stream::start(rules, ctx, out)?)),
        Format::Junit => Box::new(junit::Stream::new(rules, ctx)),
        Format::Markdown => Box::new(markdown::Stream::new(ctx)),
        Format::Csv => Box::new(EachFinding(super::csv::Stream::start(ctx, out)?)),
    })
}

/// A format written finding by finding (packs' findings, then those outside packs), with an
/// end of its own.
pub(super) trait FindingStream {
    fn finding(&mut self, finding: &Finding, out: &mut dyn Write) -> io::Result<()>;
    /// After the last finding.
    fn close(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

/// A [`FindingStream`] as a [`Stream`].
struct EachFinding<T>(T);

impl<T: FindingStream> Stream for EachFinding<T> {
    fn pack(&mut self, pack: &PackOutcome, out: &mut dyn Write) -> io::Result<()> {
        pack.findings
            .iter()
            .try_for_each(|f| self.0.finding(f, out))
    }
    fn finish(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        run.loose.iter().try_for_each(|f| self.0.finding(f, out))?;
        self.0.close(run, out)
    }
}

/// Formats of one line per finding and nothing else.
struct Lines(fn(&Finding) -> String);

impl FindingStream for Lines {
    fn finding(&mut self, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
        out.write_all((self.0)(finding).as_bytes())?;
        out.write_all(b"\n")
    }
    fn close(&mut self, _run: &Run, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// A pretty-printed JSON array written one item at a time, laid out as `serde_json`'s pretty
/// printer lays out a whole array whose opening line is indented by `indent` spaces.
#[derive(Default)]
pub(super) struct JsonArray {
    indent: usize,
    items: usize,
}

impl JsonArray {
    pub(super) fn new(indent: usize) -> Self {
        JsonArray { indent, items: 0 }
    }

    pub(super) fn item(&mut self, value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        // JSON text has no raw line breaks inside strings: every line break is layout.
        let pad = " ".repeat(self.indent + 2);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(pad.as_bytes())?;
            out.write_all(line.as_bytes())?;
        }
        self.items += 1;
        Ok(())
    }

    pub(super) fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.items == 0 {
            out.write_all(b"[]")
        } else {
            out.write_all(b"\n")?;
            out.write_all(" ".repeat(self.indent).as_bytes())?;
            out.write_all(b"]")
        }
    }
}

/// Writes a whole run in one format: the same bytes as streaming it pack by pack.
pub fn write_run(format: Format, run: &Run, ctx: &Context, out: &mut dyn Write) -> io::Result<()> {
    let mut stream = start(format, &run.rules, ctx, out)?;
    for pack in &run.packs {
        stream.pack(pack, out)?;
    }
    stream.finish(run, out)
}

/// The pretty-printed text of a JSON object split around the value of one of its keys, which
/// must be an empty array: (the text up to and including `"key": `, the text after `[]`).
pub(super) fn split_at_empty_array(text: &str, key: &str) -> Option<(String, String)> {
    let marker = format!("\"{key}\": []");
    let at = text.find(&marker)?;
    let open = at + marker.len() - 2;
    Some((text[..open].to_owned(), text[open + 2..].to_owned()))
}

/// The spaces that start the line holding byte `at` of `text`.
pub(super) fn indent_of_line(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..].bytes().take_while(|b| *b == b' ').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_written_item_by_item_match_the_pretty_printer() {
        let values = [
            serde_json::json!({ "a": 1, "b": ["x", "y"] }),
            serde_json::json!({ "c": "line\nbreak" }),
        ];
        for count in 0..=values.len() {
            let whole = serde_json::json!({ "outer": { "list": &values[..count] } });
            let expected = serde_json::to_string_pretty(&whole).expect("json");
            let mut out = Vec::new();
            out.extend_from_slice(b"{\n  \"outer\": {\n    \"list\": ");
            let mut array = JsonArray::new(4);
            for v in &values[..count] {
                array.item(v, &mut out).expect("write");
            }
            array.close(&mut out).expect("write");
            out.extend_from_slice(b"\n  }\n}");
            assert_eq!(String::from_utf8(out).expect("utf-8"), expected);
        }
    }

    #[test]
    fn a_document_splits_around_its_empty_array() {
        let text = "{\n  \"a\": {\n    \"results\": []\n  }\n}";
        let (head, tail) = split_at_empty_array(text, "results").expect("found");
        assert_eq!(head, "{\n  \"a\": {\n    \"results\": ");
        assert_eq!(tail, "\n  }\n}");
        assert_eq!(indent_of_line(text, head.len()), 4);
        assert!(split_at_empty_array(text, "missing").is_none());
    }
}
