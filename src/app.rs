//! The `check` pipeline, one function per stage: options → catalog → discovery → load and
//! check each pack in parallel → render → exit code.

use crate::discover::{self, Discovery};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::model::Pack;
use crate::model::issue::Issue;
use crate::model::load::{self, LoadOptions};
use crate::report::{self, Summary, human};
use crate::rules::catalog::Catalog;
use crate::rules::engine::{self, RuleSettings};
use jiff::civil::Date;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Exit codes, the same for every output format.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NO_INPUT: u8 = 3;
    pub const INTERNAL: u8 = 4;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human { color: bool, width: usize },
    Json,
}

/// Everything `check` needs, resolved from flags and environment.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub cwd: PathBuf,
    pub format: OutputFormat,
    pub lang: Lang,
    pub today: Date,
    pub fail_on: Severity,
    pub exit_zero: bool,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub quiet: bool,
    pub load: LoadOptions,
    pub settings: RuleSettings,
}

/// What a run produced: the rendered report and the exit code.
#[derive(Debug)]
pub struct Outcome {
    pub report: String,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub exit_code: u8,
}

/// The checked result of one pack, rendered for human output while its sources are at hand.
struct PackResult {
    findings: Vec<Finding>,
    files: usize,
    human: String,
}

/// A usage error: the message to show, exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

/// Runs `kakunin check`.
pub fn check(options: &CheckOptions, catalog: &Catalog) -> Result<Outcome, UsageError> {
    validate_selection(options, catalog)?;
    let discovery = discover::discover(&options.paths, &options.cwd);
    let problems = discovery_problems(&discovery);
    let results: Vec<PackResult> = discovery
        .packs
        .into_par_iter()
        .map(|input| {
            let pack =
                load::load_pack(&input.root, &input.root_display, input.files, &options.load);
            check_pack(&pack, catalog, options)
        })
        .collect();
    let mut walk_findings = walk_problems(&problems, catalog, options);
    let mut summary = Summary {
        packs: results.len(),
        rules: enabled_rules(catalog, options),
        ..Summary::default()
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut human_text = String::new();
    for result in results {
        summary.files += result.files;
        summary.packs_with_findings += usize::from(!result.findings.is_empty());
        human_text.push_str(&result.human);
        findings.extend(result.findings);
    }
    if let OutputFormat::Human { color, width } = options.format {
        human_text.push_str(&human::render_pack(
            &walk_findings,
            &[],
            human::Style {
                color,
                width,
                lang: options.lang,
            },
        ));
    }
    findings.append(&mut walk_findings);
    summary.count(&findings);
    let report = match options.format {
        OutputFormat::Json => report::json::render(findings.iter(), &summary),
        OutputFormat::Human { .. } => {
            let mut text = human_text;
            if !options.quiet {
                text.push_str(&human::render_summary(&summary, options.lang));
            }
            text
        }
    };
    let failing = findings.iter().any(|f| f.severity >= options.fail_on);
    let exit_code = if summary.packs == 0 {
        exit::NO_INPUT
    } else if failing && !options.exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    };
    Ok(Outcome {
        report,
        findings,
        summary,
        exit_code,
    })
}

/// Inputs and paths that could not be read, as (path, variant, detail).
fn discovery_problems(d: &Discovery) -> Vec<(String, &'static str, String)> {
    let mut out: Vec<(String, &'static str, String)> = Vec::new();
    out.extend(
        d.missing_inputs
            .iter()
            .map(|p| (p.clone(), "input_missing", String::new())),
    );
    out.extend(
        d.outside_packs
            .iter()
            .map(|p| (p.clone(), "outside_pack", String::new())),
    );
    out.extend(
        d.problems
            .iter()
            .map(|p| (p.path.clone(), "io", p.detail.clone())),
    );
    out
}

fn walk_problems(
    problems: &[(String, &'static str, String)],
    catalog: &Catalog,
    options: &CheckOptions,
) -> Vec<Finding> {
    let empty = Pack {
        root: PathBuf::new(),
        id: String::new(),
        files: Vec::new(),
        docs: Vec::new(),
        validation: Default::default(),
    };
    problems
        .iter()
        .map(|(path, variant, detail)| {
            let issue = Issue::new("file-unreadable", 0, Default::default(), "")
                .variant(*variant)
                .arg("detail", detail.clone());
            let mut finding = catalog.finding(&issue, &empty, options.lang);
            finding.location = Location::whole(path.clone());
            finding.pack = path.clone();
            finding
        })
        .filter(|f| rule_enabled(&f.rule, options))
        .collect()
}

fn rule_enabled(rule: &str, options: &CheckOptions) -> bool {
    (options.select.is_empty() || options.select.iter().any(|s| s == rule))
        && !options.ignore.iter().any(|s| s == rule)
}

fn enabled_rules(catalog: &Catalog, options: &CheckOptions) -> usize {
    catalog
        .rules()
        .iter()
        .filter(|r| rule_enabled(&r.id, options))
        .count()
}

fn validate_selection(options: &CheckOptions, catalog: &Catalog) -> Result<(), UsageError> {
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

/// Loads nothing more: checks one loaded pack and renders it if the output is human.
fn check_pack(pack: &Pack, catalog: &Catalog, options: &CheckOptions) -> PackResult {
    let enabled = |rule: &str| rule_enabled(rule, options);
    let mut issues: Vec<&Issue> = pack
        .validation
        .issues
        .iter()
        .filter(|i| enabled(&i.rule))
        .collect();
    let evaluated = engine::evaluate(catalog, pack, options.today, &options.settings, &enabled);
    issues.extend(evaluated.iter());
    let mut findings: Vec<Finding> = issues
        .into_iter()
        .map(|i| catalog.finding(i, pack, options.lang))
        .collect();
    sort_findings(&mut findings);
    let human = match options.format {
        OutputFormat::Human { color, width } => human::render_pack(
            &findings,
            &pack.files,
            human::Style {
                color,
                width,
                lang: options.lang,
            },
        ),
        OutputFormat::Json => String::new(),
    };
    PackResult {
        findings,
        files: pack.files.len(),
        human,
    }
}

/// Findings in file order, then position, then rule: stable whatever the thread scheduling.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (
            &a.location.file,
            a.location.span.offset,
            &a.rule,
            &a.location.path,
            &a.message,
        )
            .cmp(&(
                &b.location.file,
                b.location.span.offset,
                &b.rule,
                &b.location.path,
                &b.message,
            ))
    });
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
