//! Human output: compiler-style diagnostics through miette, a source snippet per finding.

use super::snippet::Snippet;
use super::terminal::one_line;
use super::{Summary, terminal_safe};
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::source::SourceFile;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use std::collections::HashMap;
use std::fmt;

/// How human output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

struct Report<'a> {
    finding: &'a Finding,
    message: String,
    code: String,
    help: Option<String>,
    source: Option<&'a Snippet<'a>>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1)
}

/// Renders the findings of one pack; `sources` are the pack's files (looked up by display path).
pub fn render_pack(findings: &[Finding], sources: &[SourceFile], style: Style) -> String {
    render(
        findings,
        |file| sources.iter().find(|s| s.display == file),
        style,
    )
}

/// Renders findings that are not in a pack; `sources` are the files they may point into (the
/// configuration file for waiver findings).
pub fn render_loose(findings: &[Finding], sources: &[&SourceFile], style: Style) -> String {
    render(
        findings,
        |file| sources.iter().copied().find(|s| s.display == file),
        style,
    )
}

/// How a waived finding is marked, and the waiver it is under.
fn waived_note(finding: &Finding, lang: Lang) -> Option<(String, String)> {
    let w = finding.waived.as_ref()?;
    let at = format!(
        "{}:{}:{}",
        w.location.file, w.location.line, w.location.column
    );
    Some(match lang {
        Lang::En => (
            "[waived] ".to_owned(),
            format!(
                "\nwaived until {} by {}: {} ({at})",
                w.expires, w.approved_by, w.reason
            ),
        ),
        Lang::Ja => (
            "［例外承認済み］".to_owned(),
            format!(
                "\n例外として承認済み（期限 {}、承認者 {}）: {}（{at}）",
                w.expires, w.approved_by, w.reason
            ),
        ),
    })
}

fn render<'s>(
    findings: &[Finding],
    source_of: impl Fn(&str) -> Option<&'s SourceFile>,
    style: Style,
) -> String {
    let handler = handler(style);
    let mut out = String::new();
    let mut snippets: HashMap<&str, Snippet> = HashMap::new();
    for finding in findings {
        if let Some(file) = source_of(&finding.location.file) {
            snippets
                .entry(file.display.as_str())
                .or_insert_with(|| Snippet::new(file));
        }
    }
    for finding in findings {
        let location = &finding.location;
        let mut snippet = snippets.get(location.file.as_str());
        let mut help = terminal_safe(&finding.help);
        let mut labels = Vec::new();
        if let Some(s) = snippet {
            match s.label_span(location.span) {
                Some(span) => labels.push(LabeledSpan::new_primary_with_span(
                    Some(one_line(&short_label(finding, style.lang))),
                    span,
                )),
                // A line too long to show: the finding is shown without its snippet.
                None => snippet = None,
            }
        }
        for related in &finding.related {
            let same_file = related.location.file == location.file;
            let span = snippet
                .filter(|_| same_file)
                .and_then(|s| s.label_span(related.location.span));
            match span {
                Some(span) => labels.push(LabeledSpan::new_with_span(
                    Some(one_line(&related.label)),
                    span,
                )),
                None => {
                    let l = &related.location;
                    help.push_str(&format!(
                        "\n{}:{}:{}: {}",
                        one_line(&l.file),
                        l.line,
                        l.column,
                        one_line(&related.label)
                    ));
                }
            }
        }
        if !finding.checklist.is_empty() {
            let items = one_line(&finding.checklist.join(", "));
            help.push_str(&match style.lang {
                Lang::En => format!("\nchecklist: {items}"),
                Lang::Ja => format!("\n確認表: {items}"),
            });
        }
        let (mark, note) = waived_note(finding, style.lang).unwrap_or_default();
        help.push_str(&terminal_safe(&note));
        let where_ = match (snippet, source_of(&location.file)) {
            (Some(_), _) => String::new(),
            (None, Some(_)) => format!(
                "{}:{}:{}: ",
                one_line(&location.file),
                location.line,
                location.column
            ),
            (None, None) => format!("{}: ", one_line(&location.file)),
        };
        let report = Report {
            finding,
            message: format!("{where_}{mark}{}", one_line(&finding.message)),
            code: one_line(&finding.rule),
            help: (!help.is_empty()).then_some(help),
            source: snippet,
            labels,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}:{}:{}: {}\n",
                one_line(&location.file),
                location.line,
                location.column,
                report.message
            ));
        }
        out.push('\n');
    }
    out
}

/// The label under the span: the field path, which locates the problem in the document.
fn short_label(finding: &Finding, lang: Lang) -> String {
    if finding.location.path.is_empty() {
        finding.severity.word(lang).to_owned()
    } else {
        finding.location.path.clone()
    }
}

/// Baseline entries whose findings are gone: the baseline should be written anew.
pub fn render_stale(stale: &[crate::baseline::Entry], lang: Lang) -> String {
    if stale.is_empty() {
        return String::new();
    }
    let mut out = match lang {
        Lang::En => format!(
            "{} baseline entr{} no longer match a finding (fixed?); write the baseline again with --write-baseline:\n",
            stale.len(),
            if stale.len() == 1 { "y" } else { "ies" }
        ),
        Lang::Ja => format!(
            "ベースラインの {} 件の記録に該当する指摘がなくなりました（修正済み？）。--write-baseline でベースラインを書き直してください:\n",
            stale.len()
        ),
    };
    for e in stale {
        let path = if e.path.is_empty() {
            String::new()
        } else {
            format!(" {}", e.path)
        };
        out.push_str(&format!(
            "  {} {} {}{}\n",
            one_line(&e.rule),
            one_line(&e.pack),
            one_line(&e.file),
            one_line(&path)
        ));
    }
    out.push('\n');
    out
}

/// The closing summary line.
pub fn render_summary(summary: &Summary, lang: Lang) -> String {
    format!("{}\n", summary.line(lang))
}

/// The line stating the configuration the run applied (file names escaped: they may come from
/// the inputs).
pub fn render_configuration(config: &crate::config::applied::Applied, lang: Lang) -> String {
    let line = match lang {
        Lang::En => config.line_en(),
        Lang::Ja => config.line_ja(),
    };
    format!("{}\n", super::terminal::one_line(&line))
}

/// Human output written pack by pack: each pack's text was rendered while its sources were
/// loaded; the findings outside packs, stale baseline entries and the summary line close it.
pub struct Stream<'a> {
    pub ctx: &'a super::Context<'a>,
}

impl super::stream::Stream for Stream<'_> {
    fn pack(
        &mut self,
        pack: &crate::app::PackOutcome,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(pack.human.as_deref().unwrap_or_default().as_bytes())
    }

    fn finish(
        &mut self,
        run: &crate::app::Run,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(run.loose_human.as_deref().unwrap_or_default().as_bytes())?;
        out.write_all(render_stale(&run.stale, self.ctx.lang).as_bytes())?;
        if !self.ctx.quiet {
            out.write_all(render_summary(&run.summary, self.ctx.lang).as_bytes())?;
            out.write_all(render_configuration(&run.configuration, self.ctx.lang).as_bytes())?;
        }
        Ok(())
    }
}
