//! Markdown output: a findings table per pack, for pull-request comments and the GitHub job
//! summary. Every pack-supplied text goes through `escape::markdown_cell`, so it stays inside its
//! cell and renders as text, never as markup.

use super::escape::markdown_cell;
use super::{Context, rule_docs_url};
use crate::app::{PackOutcome, Run};
use crate::finding::Finding;
use crate::i18n::Lang;
use std::io::{self, Write};

struct Words {
    heading: &'static str,
    columns: [&'static str; 5],
    clean: &'static str,
    packs_clean: &'static str,
    inputs: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            heading: "kakunin check",
            columns: ["Severity", "Rule", "Checklist", "Location", "Message"],
            clean: "No findings.",
            packs_clean: "Packs without findings",
            inputs: "Inputs outside packs",
        },
        Lang::Ja => Words {
            heading: "kakunin 検査結果",
            columns: ["重大度", "ルール", "確認表", "場所", "内容"],
            clean: "指摘はありません。",
            packs_clean: "指摘のないパック",
            inputs: "パック外の入力",
        },
    }
}

/// The report written pack by pack. The summary line comes first, so the text is kept until the
/// end: a heading, the summary line, a table per pack that has findings, the findings outside
/// packs, and the packs without findings.
pub struct Stream<'a> {
    ctx: &'a Context<'a>,
    tables: String,
    clean: Vec<String>,
}

impl<'a> Stream<'a> {
    pub fn new(ctx: &'a Context<'a>) -> Self {
        Stream {
            ctx,
            tables: String::new(),
            clean: Vec::new(),
        }
    }
}

impl super::stream::Stream for Stream<'_> {
    fn pack(&mut self, pack: &PackOutcome, _out: &mut dyn Write) -> io::Result<()> {
        if pack.findings.is_empty() {
            self.clean.push(markdown_cell(&pack.id));
        } else {
            self.tables.push_str(&pack_heading(pack));
            table(&pack.findings, self.ctx.lang, &mut self.tables);
        }
        Ok(())
    }

    fn finish(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.ctx.lang;
        let w = words(lang);
        let configuration = match lang {
            Lang::En => run.configuration.line_en(),
            Lang::Ja => run.configuration.line_ja(),
        };
        let mut text = format!(
            "## {}\n\n**{}**\n\n{}\n\n",
            w.heading,
            markdown_cell(&run.summary.line(lang)),
            markdown_cell(&configuration)
        );
        if run.summary.findings() == 0 {
            text.push_str(w.clean);
            text.push_str("\n\n");
        }
        out.write_all(text.as_bytes())?;
        out.write_all(self.tables.as_bytes())?;
        let mut text = String::new();
        if !run.loose.is_empty() {
            text.push_str(&format!("### {}\n\n", w.inputs));
            table(&run.loose, lang, &mut text);
        }
        if !self.clean.is_empty() && run.summary.findings() > 0 {
            text.push_str(&format!("{}: {}\n\n", w.packs_clean, self.clean.join(", ")));
        }
        out.write_all(text.as_bytes())
    }
}

fn pack_heading(pack: &PackOutcome) -> String {
    format!(
        "### {} ({})\n\n",
        markdown_cell(&pack.id),
        markdown_cell(&pack.root)
    )
}

fn table(findings: &[Finding], lang: Lang, out: &mut String) {
    let w = words(lang);
    out.push_str(&format!("| {} |\n", w.columns.join(" | ")));
    out.push_str("|---|---|---|---|---|\n");
    for f in findings {
        let location = format!(
            "{}:{}:{}",
            f.location.file, f.location.line, f.location.column
        );
        out.push_str(&format!(
            "| {} | [{}]({}) | {} | {} | {} |\n",
            match (&f.waived, lang) {
                (None, _) => f.severity.word(lang).to_owned(),
                (Some(_), Lang::En) => format!("{} (waived)", f.severity.word(lang)),
                (Some(_), Lang::Ja) => format!("{}（例外承認済み）", f.severity.word(lang)),
            },
            markdown_cell(&f.rule),
            rule_docs_url(&f.rule),
            markdown_cell(&f.checklist.join(", ")),
            markdown_cell(&location),
            markdown_cell(&f.message),
        ));
    }
    out.push('\n');
}
