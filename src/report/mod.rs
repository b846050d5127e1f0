//! Renderers: findings in, text out. The only modules that know about output formats.

pub mod catalog;
pub mod checklist;
pub mod config;
pub mod human;
pub mod json;
pub mod rule_doc;

use crate::app::Run;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::rules::catalog::Catalog;
use std::io::{self, Write};

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// What every renderer may need besides the run itself.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub lang: Lang,
    /// Leave out the summary line of human output.
    pub quiet: bool,
}

/// Renders a run in one format.
pub fn render(format: Format, run: &Run, ctx: &Context) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(format, run, ctx, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes a run in one format to `out` piece by piece, so that the text of a whole run (tens of
/// megabytes for thousands of packs) is never held in memory at once. The same bytes as
/// [`render`].
pub fn write(format: Format, run: &Run, ctx: &Context, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => {
            for text in run.packs.iter().filter_map(|p| p.human.as_deref()) {
                out.write_all(text.as_bytes())?;
            }
            out.write_all(run.loose_human.as_deref().unwrap_or_default().as_bytes())?;
            out.write_all(human::render_stale(&run.stale, ctx.lang).as_bytes())?;
            if !ctx.quiet {
                out.write_all(human::render_summary(&run.summary, ctx.lang).as_bytes())?;
            }
            Ok(())
        }
        Format::Json => json::write(run.findings(), &run.summary, &run.stale, out),
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub packs: usize,
    pub packs_with_findings: usize,
    pub files: usize,
    pub rules: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings accepted by a waiver (reported, not counted above).
    pub waived: usize,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
}

impl Summary {
    /// Counts findings by severity; waived ones are counted apart.
    pub fn count(&mut self, findings: &[Finding]) {
        for f in findings {
            if !f.counts() {
                self.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The closing line of human output.
    pub fn line(&self, lang: Lang) -> String {
        let mut line = self.totals(lang);
        if self.waived > 0 {
            line.push_str(&match lang {
                Lang::En => format!("; {} waived", self.waived),
                Lang::Ja => format!("。例外承認済み {} 件", self.waived),
            });
        }
        if self.baselined > 0 {
            line.push_str(&match lang {
                Lang::En => format!("; {} in the baseline, not shown", self.baselined),
                Lang::Ja => format!("。ベースライン記録済みで非表示 {} 件", self.baselined),
            });
        }
        line
    }

    fn totals(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{} error{}, {} warning{}, {} info in {} of {} pack{} ({} files, {} rules)",
                self.errors,
                plural(self.errors),
                self.warnings,
                plural(self.warnings),
                self.infos,
                self.packs_with_findings,
                self.packs,
                plural(self.packs),
                self.files,
                self.rules
            ),
            Lang::Ja => format!(
                "エラー {} 件、警告 {} 件、情報 {} 件（{} パック中 {} パック、{} ファイル、{} ルール）",
                self.errors,
                self.warnings,
                self.infos,
                self.packs,
                self.packs_with_findings,
                self.files,
                self.rules
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Makes pack-supplied text safe for a terminal: control characters (ANSI escapes, carriage
/// returns, bidi overrides) are shown as `\u{…}` instead of acting on the screen.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        if (c.is_control() && c != '\n' && c != '\t') || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
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
    }
}
