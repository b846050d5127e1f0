//! Renderers: findings in, text out. The only modules that know about output formats.

pub mod azure;
pub mod catalog;
pub mod checklist;
pub mod concise;
pub mod config;
pub mod coverage;
pub mod csv;
pub mod escape;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rule_doc;
pub mod rule_scope;
pub mod sarif;
mod snippet;
pub mod stream;
pub mod terminal;
pub mod verify;

pub use terminal::terminal_safe;

use crate::app::Run;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::rules::catalog::Catalog;
use std::io::{self, Write};
use std::path::Path;

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// One line per finding: `file:line:col: severity[rule] message`.
    Concise,
    /// One JSON document (schemas/check-output.schema.json).
    Json,
    /// JSON Lines: one finding per line.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML: a testsuite per pack, a testcase per rule.
    Junit,
    /// GitHub Actions workflow commands (annotations), plus a job summary.
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// A Markdown findings table, for pull-request comments.
    Markdown,
    /// CSV for spreadsheets: a row per finding (UTF-8 with BOM, CRLF, formulas made inert).
    Csv,
}

/// What every renderer may need besides the run itself.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub lang: Lang,
    /// Leave out the summary line of human output.
    pub quiet: bool,
    /// The directory that finding paths are relative to (SARIF's `%SRCROOT%`).
    pub cwd: &'a Path,
    /// Findings at or above this severity fail the run (JUnit marks only those as failures).
    pub fail_on: Severity,
    /// The Azure Pipelines build the run is part of, for SARIF's `automationDetails`.
    pub pipeline: Option<azure::AzurePipeline>,
}

impl<'a> Context<'a> {
    /// A context with the defaults of `check`: summary shown, failing on errors.
    pub fn new(catalog: &'a Catalog, lang: Lang, cwd: &'a Path) -> Self {
        Context {
            catalog,
            lang,
            quiet: false,
            cwd,
            fail_on: Severity::Error,
            pipeline: None,
        }
    }
}

/// Where the documentation of a rule lives: its page in the source of the kakunin release that
/// produced the report, so the page always matches the rule that ran.
pub fn rule_docs_url(rule: &str) -> String {
    format!(
        "https://docs.rs/crate/kakunin/{}/source/docs/rules/{rule}.md",
        env!("CARGO_PKG_VERSION")
    )
}

/// Renders a run in one format.
pub fn render(format: Format, run: &Run, ctx: &Context) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(format, run, ctx, &mut bytes);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes a run in one format to `out` piece by piece: the same bytes as [`render`], and as
/// streaming the run pack by pack (see [`stream`]).
pub fn write(format: Format, run: &Run, ctx: &Context, out: &mut dyn Write) -> io::Result<()> {
    stream::write_run(format, run, ctx, out)
}

/// Whether the formats call for a Markdown job summary (to `$GITHUB_STEP_SUMMARY`): they do when
/// one of them is `github`.
pub fn wants_job_summary(formats: &[Format]) -> bool {
    formats.contains(&Format::Github)
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
