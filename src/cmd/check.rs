//! `kakunin check`: the main job.

use super::outputs::Outputs;
use super::{cannot_write, en_ja, flag_lang, lang, note, prepare, usage, write_stdout};
use kakunin::app::{self, CheckOptions, exit};
use kakunin::baseline::{self, Baseline};
use kakunin::cli::{CheckArgs, ColorArg, FailOn};
use kakunin::finding::Severity;
use kakunin::i18n::Lang;
use kakunin::report;
use kakunin::rules::catalog::Catalog;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

pub fn run(args: CheckArgs, catalog: Catalog) -> u8 {
    // Before the configuration is read, the run speaks the language of --lang or the locale.
    let early_lang = lang(args.lang);
    let today = match app::resolve_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => return usage(e.message(early_lang)),
    };
    let outputs = match app::pair_outputs(&args.format, &args.output) {
        Ok(o) => o,
        Err(e) => return usage(e.message(early_lang)),
    };
    let human_to_terminal =
        outputs.iter().any(|o| o.path.is_none()) && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            human_to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths
    };
    let Some(prepared) = prepare(&args.config, paths.clone(), catalog, early_lang) else {
        return exit::USAGE;
    };
    let not_applied = super::not_applied(&prepared);
    let catalog = prepared.catalog;
    let policy = prepared.policy;

    let run_lang = flag_lang(args.lang)
        .or(policy.lang)
        .unwrap_or_else(Lang::from_env);
    let mut options = CheckOptions::new(paths, app::current_dir(), today, run_lang);
    options.outputs = outputs;
    options.style.color = color;
    options.fail_on = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => policy.fail_on.unwrap_or(Severity::Error),
    };
    options.exit_zero = args.exit_zero;
    options.select = args.select;
    options.ignore = args.ignore;
    options.quiet = args.quiet;
    options.skip_outside_packs = args.skip_outside_packs;
    options.policy = policy;
    options.isolated = args.config.isolated;
    options.not_applied = not_applied;
    if args.show_config {
        if let Err(e) = app::validate_selection(&options, &catalog) {
            return usage(e.message(run_lang));
        }
        let text = report::config::effective(&options, &catalog, prepared.config.as_deref());
        return write_stdout(&text, run_lang);
    }
    if let Some(path) = &args.baseline {
        match Baseline::read(path) {
            Ok(b) => options.baseline = Some(Arc::new(b)),
            Err(e) => {
                return usage(&en_ja(
                    run_lang,
                    &format!(
                        "cannot read baseline {}: {}",
                        path.display(),
                        e.reason(Lang::En)
                    ),
                    &format!(
                        "ベースライン {} を読み込めません: {}",
                        path.display(),
                        e.reason(Lang::Ja)
                    ),
                ));
            }
        }
    }
    if let Err(e) = app::validate_selection(&options, &catalog) {
        return usage(e.message(run_lang));
    }
    let ctx = report::Context {
        catalog: &catalog,
        lang: options.lang,
        quiet: options.quiet,
        cwd: &options.cwd,
        fail_on: options.fail_on,
        pipeline: azure_pipeline(&options.outputs, run_lang),
    };
    let formats: Vec<report::Format> = options.outputs.iter().map(|o| o.format).collect();
    let summary_path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty());
    let wants_summary = summary_path.is_some() && report::wants_job_summary(&formats);
    let rules = app::enabled_rules(&options, &catalog);
    let mut outputs = match Outputs::open(&options.outputs, &rules, &ctx, wants_summary) {
        Ok(outputs) => outputs,
        Err(e) => {
            note(&e);
            return exit::INTERNAL;
        }
    };
    // Packs are written as they are checked, then dropped: memory does not grow with the run.
    let mut baseline_entries = args.write_baseline.is_some().then(Vec::new);
    let checked = app::check_each(&options, &catalog, &mut |pack| {
        if let Some(entries) = &mut baseline_entries {
            entries.extend(
                pack.findings
                    .iter()
                    .filter(|f| f.counts())
                    .map(|f| baseline::entry(f, &pack.root)),
            );
        }
        outputs.pack(&pack);
    });
    let run = match checked {
        Ok(run) => run,
        Err(e) => return usage(e.message(run_lang)),
    };
    if run.exit_code == exit::NO_INPUT {
        note(&en_ja(
            run_lang,
            "no contract packs found (a pack is a directory with a pack.yaml)",
            "契約パックが見つかりません（パックは pack.yaml を含むディレクトリです）",
        ));
    }
    super::note_deeper_configs(&run, &options.not_applied, run_lang);
    let job_summary = match outputs.finish(&run) {
        Ok(summary) => summary,
        Err(e) => {
            note(&e);
            return exit::INTERNAL;
        }
    };
    if let (Some(path), Some(entries)) = (&args.write_baseline, baseline_entries) {
        let n = entries.len();
        if let Err(e) = std::fs::write(path, Baseline::new(entries).to_json()) {
            note(&cannot_write(
                Some(&path.display().to_string()),
                &e,
                run_lang,
            ));
            return exit::INTERNAL;
        }
        note(&en_ja(
            run_lang,
            &format!("recorded {n} findings in the baseline {}", path.display()),
            &format!(
                "{n} 件の指摘をベースライン {} に記録しました",
                path.display()
            ),
        ));
    }
    if let (Some(summary), Some(path)) = (job_summary, summary_path) {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(&summary));
        if let Err(e) = appended {
            note(&en_ja(
                run_lang,
                &format!(
                    "cannot append the job summary to GITHUB_STEP_SUMMARY ({}): {e}",
                    std::path::Path::new(&path).display()
                ),
                &format!(
                    "ジョブサマリーを GITHUB_STEP_SUMMARY（{}）に追記できません: {e}",
                    std::path::Path::new(&path).display()
                ),
            ));
            return exit::INTERNAL;
        }
    }
    run.exit_code
}

/// The Azure Pipelines build this run is part of, when a SARIF log is written; a job whose
/// identity is incomplete is said on standard error (Advanced Security would drop its upload).
fn azure_pipeline(outputs: &[app::Output], lang: Lang) -> Option<report::azure::AzurePipeline> {
    use report::azure::{AzurePipeline, Detected};
    if !outputs.iter().any(|o| o.format == report::Format::Sarif) {
        return None;
    }
    match AzurePipeline::detect(|name| std::env::var(name).ok()) {
        Detected::No => None,
        Detected::Pipeline(pipeline) => Some(pipeline),
        Detected::Incomplete(missing) => {
            let missing = missing.join(", ");
            note(&super::en_ja(
                lang,
                &format!(
                    "Azure Pipelines job without a complete build identity ({missing} missing or malformed): the SARIF log is written without it, and Advanced Security for Azure DevOps will not ingest it"
                ),
                &format!(
                    "Azure Pipelines のジョブですがビルドの識別情報が不完全です（{missing} が無いか不正）: SARIF はそれを含まずに書き出します。Advanced Security for Azure DevOps には取り込まれません"
                ),
            ));
            None
        }
    }
}
