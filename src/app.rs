//! What `check` takes and gives: its options, each pack's outcome, the run, exit codes, and the
//! flags resolved into options. The stages themselves are in `app::stages`; rendering is `report`'s
//! job.

use crate::baseline::{self, Baseline};
use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Text};
use crate::model::summary::PackSummary;
use crate::policy::Policy;
use crate::report::{Format, Summary, human};
use crate::rules::catalog::Catalog;

pub mod configuration;
mod knock_on;
mod pipeline;
mod scratch;
mod stages;
pub mod verify;

use jiff::civil::Date;
pub use stages::{check, check_each, enabled_rules, sort_findings};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Exit codes, the same for every output format.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NO_INPUT: u8 = 3;
    pub const INTERNAL: u8 = 4;
}

/// One requested output: a format, written to a file or (without one) to standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
}

/// Everything `check` needs, resolved from flags and environment.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub cwd: PathBuf,
    pub outputs: Vec<Output>,
    pub style: human::Style,
    pub lang: Lang,
    pub today: Date,
    pub fail_on: Severity,
    pub exit_zero: bool,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub quiet: bool,
    /// File inputs outside any pack are skipped, not reported (pre-commit passes every file).
    pub skip_outside_packs: bool,
    /// Also summarize each pack (parties, terms, checklist records) for `kakunin report`.
    pub summaries: bool,
    /// What the configuration decides (built-in defaults without one).
    pub policy: Policy,
    /// `--baseline`: findings it records are not reported.
    pub baseline: Option<Arc<Baseline>>,
    /// `--isolated` was given.
    pub isolated: bool,
    /// Configuration files found before the run and not applied (the inputs' own, or the
    /// user's under `--isolated`/`--no-config`).
    pub not_applied: Vec<String>,
}

impl CheckOptions {
    /// Options with defaults for everything but the paths, the date and the language.
    pub fn new(paths: Vec<PathBuf>, cwd: PathBuf, today: Date, lang: Lang) -> Self {
        CheckOptions {
            paths,
            cwd,
            outputs: vec![Output {
                format: Format::Human,
                path: None,
            }],
            style: human::Style {
                color: false,
                width: 100,
                lang,
            },
            lang,
            today,
            fail_on: Severity::Error,
            exit_zero: false,
            select: Vec::new(),
            ignore: Vec::new(),
            quiet: false,
            skip_outside_packs: false,
            summaries: false,
            policy: Policy::default(),
            baseline: None,
            isolated: false,
            not_applied: Vec::new(),
        }
    }

    fn wants_human(&self) -> bool {
        self.outputs.iter().any(|o| o.format == Format::Human)
    }
}

/// The checked result of one pack.
#[derive(Debug)]
pub struct PackOutcome {
    /// The pack's id (its directory when it has none).
    pub id: String,
    /// The pack root as displayed.
    pub root: String,
    pub files: usize,
    pub findings: Vec<Finding>,
    /// Human output of the findings, rendered while the sources were loaded.
    pub human: Option<String>,
    /// What a report shows of the pack, when [`CheckOptions::summaries`] asked for it.
    pub summary: Option<PackSummary>,
    /// Indexes of the policy's waivers that matched a finding of this pack.
    pub waivers_used: Vec<usize>,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
    /// Baseline entries of this pack that no finding matched any more.
    pub stale: Vec<baseline::Entry>,
}

/// What a run produced.
#[derive(Debug)]
pub struct Run {
    pub packs: Vec<PackOutcome>,
    /// Findings about inputs that are not in a pack (unreadable paths, missing inputs) and
    /// about the configuration's waivers (expired, unused).
    pub loose: Vec<Finding>,
    pub loose_human: Option<String>,
    /// Ids of the rules that ran.
    pub rules: Vec<String>,
    pub summary: Summary,
    pub today: Date,
    pub exit_code: u8,
    /// Baseline entries whose findings are gone, when a baseline was given.
    pub stale: Vec<baseline::Entry>,
    /// Configuration files found below the inputs that this run did not apply.
    pub unused_configs: Vec<String>,
    /// The configuration the run applied (its file, what it changed, waivers used).
    pub configuration: crate::config::applied::Applied,
}

impl Run {
    /// Every finding, packs in order, then the loose ones.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.packs
            .iter()
            .flat_map(|p| p.findings.iter())
            .chain(self.loose.iter())
    }
}

/// A usage error: the message to show in either language, exit code 2.
#[derive(Debug)]
pub struct UsageError(pub Text);

impl UsageError {
    pub fn new(en: String, ja: String) -> UsageError {
        UsageError(Text { en, ja })
    }

    /// The message in the run's language.
    pub fn message(&self, lang: Lang) -> &str {
        self.0.get(lang)
    }
}

/// Whether a rule runs: `--select` (when given) replaces the configuration's choice of rules;
/// `--ignore` removes rules from whichever choice holds.
pub fn rule_enabled(rule: &str, options: &CheckOptions) -> bool {
    let chosen = if options.select.is_empty() {
        options.policy.enables(rule)
    } else {
        options.select.iter().any(|s| s == rule)
    };
    chosen && !options.ignore.iter().any(|s| s == rule)
}

pub fn validate_selection(options: &CheckOptions, catalog: &Catalog) -> Result<(), UsageError> {
    for id in options.select.iter().chain(&options.ignore) {
        if catalog.get(id).is_none() {
            let ids = catalog.rules().iter().map(|r| r.id.as_str());
            let suggestion = crate::model::issue::suggest(id, ids);
            let hint_en = suggestion
                .as_ref()
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            let hint_ja = suggestion
                .as_ref()
                .map(|s| format!("（`{s}` の誤りではありませんか？）"))
                .unwrap_or_default();
            return Err(UsageError::new(
                format!("unknown rule `{id}`{hint_en}; `kakunin rules` lists them"),
                format!(
                    "ルール `{id}` はありません{hint_ja}。ルールの一覧は `kakunin rules` で見られます"
                ),
            ));
        }
    }
    Ok(())
}

/// `--today`, else `SOURCE_DATE_EPOCH`, else the current local date.
pub fn resolve_today(flag: Option<&str>) -> Result<Date, UsageError> {
    if let Some(text) = flag {
        return crate::model::values::parse_date(text).ok_or_else(|| not_a_date(text));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            UsageError::new(
                format!("SOURCE_DATE_EPOCH: `{epoch}` is not a number of seconds"),
                format!("SOURCE_DATE_EPOCH: `{epoch}` は秒数ではありません"),
            )
        })?;
        let ts = jiff::Timestamp::from_second(seconds).map_err(|_| {
            UsageError::new(
                format!("SOURCE_DATE_EPOCH: `{epoch}` is out of the range of dates"),
                format!("SOURCE_DATE_EPOCH: `{epoch}` は扱える日付の範囲外です"),
            )
        })?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Zoned::now().date())
}

/// `--today` with a text that is no date: a day past the month's end is named as such.
fn not_a_date(text: &str) -> UsageError {
    match crate::model::values::day_past_month_end(text) {
        Some((year, month, days)) => UsageError::new(
            format!("--today: `{text}`: no such date (month {month} of {year} has {days} days)"),
            format!(
                "--today: `{text}` という日はありません（{year}年{month}月は{days}日までです）"
            ),
        ),
        None => UsageError::new(
            format!("--today: `{text}` is not a date YYYY-MM-DD (e.g. 2026-04-01)"),
            format!("--today: `{text}` は YYYY-MM-DD 形式の日付ではありません（例: 2026-04-01）"),
        ),
    }
}

/// The working directory, for display paths.
pub fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| Path::new(".").to_path_buf())
}

/// Pairs `--format` and `--output` flags by position: format *i* goes to output *i*; formats
/// past the last output go to standard output, and at most one may.
pub fn pair_outputs(formats: &[Format], paths: &[PathBuf]) -> Result<Vec<Output>, UsageError> {
    let formats: Vec<Format> = if formats.is_empty() {
        vec![Format::Human]
    } else {
        formats.to_vec()
    };
    if paths.len() > formats.len() {
        let (outputs, formats) = (paths.len(), formats.len());
        return Err(UsageError::new(
            format!(
                "{outputs} --output given for {formats} --format; give one --format per --output"
            ),
            format!(
                "--output が {outputs} 個に対して --format が {formats} 個です。--output ごとに --format を 1 つ指定してください"
            ),
        ));
    }
    let outputs: Vec<Output> = formats
        .iter()
        .enumerate()
        .map(|(i, format)| Output {
            format: *format,
            path: paths.get(i).cloned(),
        })
        .collect();
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        return Err(UsageError::new(
            "only one --format can go to standard output; give the others an --output FILE".into(),
            "標準出力に書けるのは 1 つの --format だけです。ほかの形式には --output FILE を指定してください".into(),
        ));
    }
    Ok(outputs)
}
