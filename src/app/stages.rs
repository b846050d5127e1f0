//! The stages of `check`: discovery on a thread of its own → load and check each pack in
//! parallel (applying the policy and the baseline, then rendering human output while its sources
//! are at hand) → each outcome handed on in order → waiver review → totals → exit code.

use super::validate_selection;
use super::{CheckOptions, PackOutcome, Run, UsageError, exit, pipeline, rule_enabled};
use crate::baseline;
use crate::discover::{self, Discovery};
use crate::finding::{Finding, Location, Severity};
use crate::model::Pack;
use crate::model::code::Code;
use crate::model::issue::Issue;
use crate::model::load;
use crate::model::summary;
use crate::report::{Summary, human};
use crate::rules::catalog::Catalog;
use crate::rules::engine;
use crate::waiver;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Runs `kakunin check`, keeping every pack's outcome in the returned run.
pub fn check(options: &CheckOptions, catalog: &Catalog) -> Result<Run, UsageError> {
    let mut packs = Vec::new();
    let mut run = check_each(options, catalog, &mut |pack| packs.push(pack))?;
    run.packs = packs;
    Ok(run)
}

/// Runs `kakunin check`, handing each pack's outcome to `each` in order as soon as it and the
/// packs before it are checked. The returned run has every total, but no packs.
pub fn check_each(
    options: &CheckOptions,
    catalog: &Catalog,
    each: &mut dyn FnMut(PackOutcome),
) -> Result<Run, UsageError> {
    validate_selection(options, catalog)?;
    let limits = options.policy.limits;
    let rules = enabled_rules(options, catalog);
    let mut totals = Totals::new(options.policy.source.is_some());
    let mut configuration = super::configuration::describe(options, catalog);
    totals.summary.rules = rules.len();
    // Discovery walks on a thread of its own and hands packs on as it completes them; a few wait
    // in the channel, so the walk stays just ahead of the checking.
    let (found, packs) = std::sync::mpsc::sync_channel::<discover::PackInput>(PACKS_AHEAD);
    let mut discovery = std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            discover::discover_each(
                &options.paths,
                &options.cwd,
                options.policy.exclude.as_ref(),
                // The receiver only goes away when checking panicked.
                &mut |pack| drop(found.send(pack)),
            )
        });
        pipeline::in_order(
            packs.into_iter(),
            |input| {
                let pack = load::load_pack(&input.root, &input.root_display, input.files, &limits);
                check_pack(&pack, &input.root_display, catalog, options)
            },
            &mut |outcome| {
                totals.add(&outcome, options.fail_on);
                each(outcome);
            },
        );
        walker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    // Every input was a file outside any pack, and the caller asked to skip those: nothing to do.
    let only_skipped = options.skip_outside_packs
        && discovery.missing_inputs.is_empty()
        && discovery.outside_packs.len() == options.paths.len();
    if options.skip_outside_packs {
        discovery.outside_packs.clear();
    }
    let problems = discovery_problems(&discovery);
    let applied = options.policy.source.as_ref().map(|s| s.path.clone());
    let unused_configs: Vec<String> = discovery
        .configs
        .iter()
        .filter(|c| applied.as_ref() != Some(&crate::config::locate::absolute(c, &options.cwd)))
        .map(|c| discover::display_path(c, &options.cwd))
        .collect();
    configuration
        .not_applied
        .extend(unused_configs.iter().cloned());
    configuration.not_applied.sort();
    configuration.not_applied.dedup();
    configuration.waivers_used = std::mem::take(&mut totals.tally).into_uses();
    let mut loose = walk_problems(&problems, catalog, options);
    loose.extend(review_waivers(&totals, catalog, options));
    let config_source: Vec<&crate::source::SourceFile> =
        options.policy.source.iter().map(|s| s.as_ref()).collect();
    let loose_human = options
        .wants_human()
        .then(|| human::render_loose(&loose, &config_source, options.style));
    let mut summary = totals.summary.clone();
    summary.count(&loose);
    let failing = totals.failing
        || loose
            .iter()
            .any(|f| f.counts() && f.severity >= options.fail_on);
    let exit_code = if summary.packs == 0 && !only_skipped {
        exit::NO_INPUT
    } else if failing && !options.exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    };
    Ok(Run {
        packs: Vec::new(),
        loose,
        loose_human,
        rules,
        summary,
        today: options.today,
        exit_code,
        stale: totals.stale,
        unused_configs,
        configuration,
    })
}

/// How many discovered packs may wait for a checking thread.
const PACKS_AHEAD: usize = 64;

/// The ids of the rules that run, in catalog order.
pub fn enabled_rules(options: &CheckOptions, catalog: &Catalog) -> Vec<String> {
    catalog
        .rules()
        .iter()
        .filter(|r| rule_enabled(&r.id, options))
        .map(|r| r.id.clone())
        .collect()
}

/// What a run keeps of each pack once it is handed on.
struct Totals {
    summary: Summary,
    /// Whether a finding fails the run.
    failing: bool,
    stale: Vec<baseline::Entry>,
    /// For the waiver review, when there are waivers: which were used, and which packs ran.
    waivers: Option<(BTreeSet<usize>, BTreeSet<String>)>,
    /// The waivers that accepted findings.
    tally: super::configuration::WaiverTally,
}

impl Totals {
    fn new(has_waivers: bool) -> Self {
        Totals {
            summary: Summary::default(),
            failing: false,
            stale: Vec::new(),
            waivers: has_waivers.then(Default::default),
            tally: Default::default(),
        }
    }

    fn add(&mut self, pack: &PackOutcome, fail_on: Severity) {
        let s = &mut self.summary;
        s.packs += 1;
        s.files += pack.files;
        s.packs_with_findings += usize::from(pack.findings.iter().any(Finding::counts));
        s.count(&pack.findings);
        s.baselined += pack.baselined;
        self.tally.add(&pack.findings);
        self.stale.extend(pack.stale.iter().cloned());
        self.failing |= pack
            .findings
            .iter()
            .any(|f| f.counts() && f.severity >= fail_on);
        if let Some((used, checked)) = &mut self.waivers {
            used.extend(pack.waivers_used.iter().copied());
            checked.insert(pack.id.clone());
        }
    }
}

/// Findings about the policy's waivers: expired ones, and ones that matched nothing.
fn review_waivers(totals: &Totals, catalog: &Catalog, options: &CheckOptions) -> Vec<Finding> {
    let (Some(source), Some((used, checked))) = (&options.policy.source, &totals.waivers) else {
        return Vec::new();
    };
    let config_dir = source.path.parent().unwrap_or(Path::new(""));
    let whole_scope = options
        .paths
        .iter()
        .any(|input| config_dir.starts_with(crate::config::locate::absolute(input, &options.cwd)));
    let ran = |rule: &str| rule_enabled(rule, options);
    let review = waiver::Review {
        used,
        packs: checked,
        whole_scope,
        ran: &ran,
        today: options.today,
        lang: options.lang,
    };
    waiver::review(&options.policy.waivers, source, catalog, &review)
        .into_iter()
        .filter(|f| rule_enabled(&f.rule, options))
        .collect()
}

/// Inputs and paths that could not be read or were not followed, as walk problems.
fn discovery_problems(d: &Discovery) -> Vec<discover::WalkProblem> {
    let about = |path: &String, variant| discover::WalkProblem {
        path: path.clone(),
        rule: Code::FileUnreadable,
        variant,
        detail: Default::default(),
    };
    let mut out: Vec<discover::WalkProblem> = Vec::new();
    out.extend(d.missing_inputs.iter().map(|p| about(p, "input_missing")));
    out.extend(d.outside_packs.iter().map(|p| about(p, "outside_pack")));
    out.extend(d.problems.iter().cloned());
    out
}

fn walk_problems(
    problems: &[discover::WalkProblem],
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
        .map(|p| {
            let issue = Issue::new(p.rule, 0, Default::default(), "")
                .variant(p.variant)
                .told("detail", p.detail.0.clone(), p.detail.1.clone())
                .arg("path", p.path.clone());
            let mut finding = catalog.finding(&issue, &empty, options.lang);
            finding.location = Location::whole(p.path.clone());
            finding.pack = p.path.clone();
            finding
        })
        .filter(|f| rule_enabled(&f.rule, options))
        .collect()
}

/// Checks one loaded pack, and renders it for human output if that is wanted.
fn check_pack(pack: &Pack, root: &str, catalog: &Catalog, options: &CheckOptions) -> PackOutcome {
    let enabled = |rule: &str| rule_enabled(rule, options);
    let mut issues: Vec<&Issue> = pack
        .validation
        .issues
        .iter()
        .filter(|i| enabled(&i.rule))
        .collect();
    let settings = &options.policy.settings;
    let evaluated = engine::evaluate(catalog, pack, options.today, settings, &enabled);
    issues.extend(evaluated.iter());
    let misspelt = super::knock_on::misspelt(issues.iter().copied(), pack);
    let max = options.policy.limits.max_findings_per_file;
    let over_limit = crate::limits::cap_findings(&mut issues, max);
    let mut findings: Vec<Finding> = issues
        .into_iter()
        .chain(over_limit.iter().filter(|i| enabled(&i.rule)))
        .map(|i| catalog.finding(i, pack, options.lang))
        .collect();
    let waivers_used = options
        .policy
        .apply(&mut findings, &options.cwd, options.today);
    let (baselined, stale) = match &options.baseline {
        Some(b) => b.filter(&pack.id, &mut findings, &enabled),
        None => (0, Vec::new()),
    };
    super::knock_on::fold(&mut findings, options.lang);
    super::knock_on::fold_misspelt(&mut findings, &misspelt, options.lang);
    sort_findings(&mut findings);
    let human = options
        .wants_human()
        .then(|| human::render_pack(&findings, &pack.files, options.style));
    PackOutcome {
        id: pack.id.clone(),
        root: root.to_owned(),
        files: pack.files.len(),
        findings,
        human,
        summary: options
            .summaries
            .then(|| summary::summarize(pack, options.today, expiry_window(catalog, options))),
        waivers_used,
        baselined,
        stale,
    }
}

/// The window in which the report counts a contract as expiring: the one `check` applies.
fn expiry_window(catalog: &Catalog, options: &CheckOptions) -> jiff::Span {
    let settings = &options.policy.settings;
    engine::param(
        catalog,
        settings,
        summary::EXPIRY_RULE,
        summary::EXPIRY_PARAM,
    )
    .and_then(|v| crate::model::values::parse_duration(&v))
    .unwrap_or_else(|| jiff::Span::new().months(6))
}

/// Causes first — what cannot be read, then unknown keys, then values and references, then the
/// rules (`model::code::cause_stage`) — and within each, file order, position, rule: stable
/// whatever the thread scheduling.
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
    // Then by stage, keeping that order within each: the stage is looked up once per finding,
    // not once per comparison.
    findings.sort_by_cached_key(|f| crate::model::code::cause_stage(&f.rule));
}
