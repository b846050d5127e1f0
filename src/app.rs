//! What `check` takes and gives: its options, each pack's outcome, the run, exit codes, and the
//! flags resolved into options. The stages themselves are in `app::stages`; rendering is `report`'s
//! job.

use crate::baseline::{self, Baseline};
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
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

/// A usage error: the message to show, exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

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
            let hint = crate::model::issue::suggest(id, ids)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(UsageError(format!(
                "unknown rule `{id}`{hint}; `kakunin rules` lists them"
            )));
        }
    }
    Ok(())
}

/// `--today`, else `SOURCE_DATE_EPOCH`, else the current local date.
pub fn resolve_today(flag: Option<&str>) -> Result<Date, UsageError> {
    if let Some(text) = flag {
        return crate::model::values::parse_date(text)
            .ok_or_else(|| UsageError(format!("--today: `{text}` is not a date YYYY-MM-DD")));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            UsageError(format!(
                "SOURCE_DATE_EPOCH: `{epoch}` is not a number of seconds"
            ))
        })?;
        let ts = jiff::Timestamp::from_second(seconds)
            .map_err(|e| UsageError(format!("SOURCE_DATE_EPOCH: {e}")))?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Zoned::now().date())
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
        return Err(UsageError(format!(
            "{} --output given for {} --format; give one --format per --output",
            paths.len(),
            formats.len()
        )));
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
        return Err(UsageError(
            "only one --format can go to standard output; give the others an --output FILE".into(),
        ));
    }
    Ok(outputs)
}
