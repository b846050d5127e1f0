//! Renderers: findings in, text out. The only modules that know about output formats.

pub mod catalog;
pub mod checklist;
pub mod config;
pub mod human;
pub mod json;
pub mod rule_doc;
mod snippet;
pub mod terminal;

pub use terminal::terminal_safe;

use crate::app::Run;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::rules::catalog::Catalog;

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
    match format {
        Format::Human => {
            let mut text: String = run
                .packs
                .iter()
                .filter_map(|p| p.human.as_deref())
                .collect();
            text.push_str(run.loose_human.as_deref().unwrap_or_default());
            text.push_str(&human::render_stale(&run.stale, ctx.lang));
            if !ctx.quiet {
                text.push_str(&human::render_summary(&run.summary, ctx.lang));
            }
            text
        }
        Format::Json => json::render(run.findings(), &run.summary, &run.stale),
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
