//! The `kakunin` binary: parse arguments, run, write the report, map the outcome to an exit code.

use clap::{CommandFactory, Parser};
use kakunin::app::{self, CheckOptions, exit};
use kakunin::baseline::{self, Baseline};
use kakunin::cli::{
    CheckArgs, Cli, ColorArg, Command, ConfigArgs, FailOn, LangArg, ListFormat, ReportArgs,
    SchemaKind,
};
use kakunin::config::Failure;
use kakunin::config::setup::{self, Prepared, Request};
use kakunin::finding::Severity;
use kakunin::i18n::Lang;
use kakunin::report;
use kakunin::rules::catalog::Catalog;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "kakunin: internal error: {info}\nplease report this with the input that caused it"
        );
        std::process::exit(i32::from(exit::INTERNAL));
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::CLEAN
            });
        }
    };
    let catalog = match Catalog::builtin() {
        Ok(c) => c,
        Err(errors) => {
            for e in errors {
                let _ = writeln!(std::io::stderr(), "kakunin: rule catalog: {e}");
            }
            return ExitCode::from(exit::USAGE);
        }
    };
    ExitCode::from(run(cli.command, catalog))
}

fn flag_lang(arg: Option<LangArg>) -> Option<Lang> {
    arg.map(|l| match l {
        LangArg::En => Lang::En,
        LangArg::Ja => Lang::Ja,
    })
}

fn lang(arg: Option<LangArg>) -> Lang {
    flag_lang(arg).unwrap_or_else(Lang::from_env)
}

fn en_ja(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::Ja => ja.to_owned(),
    }
}

fn run(command: Command, catalog: Catalog) -> u8 {
    match command {
        Command::Check(args) => run_check(args, catalog),
        Command::Report(args) => run_report(args, &catalog),
        Command::Rules(args) => {
            let lang = lang(args.lang);
            let Some(prepared) = prepare(&args.config, vec![".".into()], catalog, lang) else {
                return exit::USAGE;
            };
            let policy = &prepared.policy;
            let text = match args.format {
                ListFormat::Json => report::catalog::rules_json(&prepared.catalog, policy, lang),
                ListFormat::Human => report::catalog::rules_table(&prepared.catalog, policy, lang),
            };
            write_stdout(&text)
        }
        Command::Explain(args) => {
            let lang = lang(args.lang);
            let Some(prepared) = prepare(&args.config, vec![".".into()], catalog, lang) else {
                return exit::USAGE;
            };
            match prepared.catalog.get(&args.rule) {
                Some(rule) => write_stdout(&report::catalog::explain(rule, lang)),
                None => {
                    let ids = prepared.catalog.rules().iter().map(|r| r.id.as_str());
                    let hint = kakunin::model::issue::suggest(&args.rule, ids);
                    let rule = &args.rule;
                    usage(&match (lang, hint) {
                        (Lang::En, Some(s)) => {
                            format!("unknown rule `{rule}` (did you mean `{s}`?)")
                        }
                        (Lang::En, None) => format!("unknown rule `{rule}`"),
                        (Lang::Ja, Some(s)) => format!(
                            "ルール `{rule}` はありません（`{s}` の誤りではありませんか？）"
                        ),
                        (Lang::Ja, None) => format!("ルール `{rule}` はありません"),
                    })
                }
            }
        }
        Command::Init(args) => {
            let lang = lang(args.lang);
            let today = match app::resolve_today(args.today.as_deref()) {
                Ok(d) => d,
                Err(e) => return usage(&e.0),
            };
            match kakunin::init::scaffold(&args.dir, args.multi_vendor, today) {
                Ok(files) => {
                    let mut text = en_ja(
                        lang,
                        "created a contract pack; fill in the TODO values, then run `kakunin check`:\n",
                        "契約パックを作成しました。TODO の値を記入してから `kakunin check` を実行してください:\n",
                    );
                    for f in files {
                        text.push_str(&format!("  {}\n", f.display()));
                    }
                    write_stdout(&text)
                }
                Err(e) => usage(&e.message(lang)),
            }
        }
        Command::Schema(args) => {
            let schema = match args.kind {
                SchemaKind::Pack => kakunin::model::json_schema::pack_schema(),
                SchemaKind::Config => kakunin::config::schema::config_schema(&catalog),
            };
            write_stdout(&kakunin::model::json_schema::to_text(&schema))
        }
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "kakunin", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => write_stdout(&String::from_utf8_lossy(&out)),
                Err(e) => usage(&format!("cannot render the man page: {e}")),
            }
        }
    }
}

/// Finds and reads the configuration; on failure prints every problem and returns `None`.
fn prepare(
    args: &ConfigArgs,
    inputs: Vec<PathBuf>,
    catalog: Catalog,
    lang: Lang,
) -> Option<Prepared> {
    let request = Request {
        inputs,
        cwd: app::current_dir(),
        explicit: args.config.clone(),
        no_config: args.no_config,
        isolated: args.isolated,
    };
    match setup::prepare(&request, catalog) {
        Ok(prepared) => {
            if args.isolated && !prepared.ignored.is_empty() {
                let names = prepared.ignored.join(", ");
                note(&en_ja(
                    lang,
                    &format!(
                        "--isolated: ignoring the configuration found at or above the inputs: {names}"
                    ),
                    &format!(
                        "--isolated: 入力の位置または上位にある設定ファイルを無視します: {names}"
                    ),
                ));
            }
            Some(prepared)
        }
        Err(failure) => {
            report_failure(&failure, lang);
            None
        }
    }
}

fn report_failure(failure: &Failure, lang: Lang) {
    let style = report::human::Style {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
        lang,
    };
    let findings = failure.findings(lang);
    let text = report::human::render_pack(&findings, &failure.sources, style);
    let n = findings.len();
    let _ = write!(std::io::stderr(), "{text}");
    note(&en_ja(
        lang,
        &format!(
            "the configuration has {n} problem{}; nothing was checked",
            if n == 1 { "" } else { "s" }
        ),
        &format!("設定に {n} 件の問題があるため、チェックを行いませんでした"),
    ));
}

fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "kakunin: {message}");
}

fn write_stdout(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit::CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::CLEAN,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "kakunin: cannot write output: {e}");
            exit::INTERNAL
        }
    }
}

fn usage(message: &str) -> u8 {
    note(message);
    exit::USAGE
}

fn run_check(args: CheckArgs, catalog: Catalog) -> u8 {
    let today = match app::resolve_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => return usage(&e.0),
    };
    let outputs = match app::pair_outputs(&args.format, &args.output) {
        Ok(o) => o,
        Err(e) => return usage(&e.0),
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
    let early_lang = lang(args.lang);
    let Some(prepared) = prepare(&args.config, paths.clone(), catalog, early_lang) else {
        return exit::USAGE;
    };
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
    options.policy = policy;
    if args.show_config {
        if let Err(e) = app::validate_selection(&options, &catalog) {
            return usage(&e.0);
        }
        let text = report::config::effective(&options, &catalog, prepared.config.as_deref());
        return write_stdout(&text);
    }
    if let Some(path) = &args.baseline {
        match Baseline::read(path) {
            Ok(b) => options.baseline = Some(Arc::new(b)),
            Err(e) => {
                return usage(&en_ja(
                    run_lang,
                    &format!("cannot read baseline {}: {e}", path.display()),
                    &format!("ベースライン {} を読み込めません: {e}", path.display()),
                ));
            }
        }
    }
    let run = match app::check(&options, &catalog) {
        Ok(run) => run,
        Err(e) => return usage(&e.0),
    };
    if run.summary.packs == 0 {
        note(&en_ja(
            run_lang,
            "no contract packs found (a pack is a directory with a pack.yaml)",
            "契約パックが見つかりません（パックは pack.yaml を含むディレクトリです）",
        ));
    }
    if !options.quiet && !run.unused_configs.is_empty() {
        let names = run.unused_configs.join(", ");
        note(&en_ja(
            run_lang,
            &format!(
                "configuration files inside the inputs were not applied (a run uses the kakunin.yaml at or above its inputs, or --config): {names}"
            ),
            &format!(
                "入力の中にある設定ファイルは適用していません（適用されるのは入力の位置または上位の kakunin.yaml、または --config の指定のみ）: {names}"
            ),
        ));
    }
    let ctx = report::Context {
        catalog: &catalog,
        lang: options.lang,
        quiet: options.quiet,
    };
    for output in &options.outputs {
        let written = match &output.path {
            Some(path) => std::fs::File::create(path)
                .and_then(|file| {
                    let mut out = std::io::BufWriter::new(file);
                    report::write(output.format, &run, &ctx, &mut out)?;
                    out.flush()
                })
                .map_err(|e| format!("cannot write {}: {e}", path.display())),
            None => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                match report::write(output.format, &run, &ctx, &mut out).and_then(|()| out.flush())
                {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(e) => Err(format!("cannot write to standard output: {e}")),
                }
            }
        };
        if let Err(e) = written {
            note(&e);
            return exit::INTERNAL;
        }
    }
    if let Some(path) = &args.write_baseline {
        let entries: Vec<baseline::Entry> = run
            .packs
            .iter()
            .flat_map(|p| {
                p.findings
                    .iter()
                    .filter(|f| f.counts())
                    .map(|f| baseline::entry(f, &p.root))
            })
            .collect();
        let n = entries.len();
        if let Err(e) = std::fs::write(path, Baseline::new(entries).to_json()) {
            note(&format!("cannot write {}: {e}", path.display()));
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
    run.exit_code
}

/// `kakunin report`: exit 0 once the report is written, whatever it shows; 2 for usage errors;
/// 3 when no pack is found, or (report still written) an input could not be read or is in no
/// pack; 4 when the report cannot be written.
fn run_report(args: ReportArgs, catalog: &Catalog) -> u8 {
    let today = match app::resolve_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => return usage(&e.0),
    };
    let form = match kakunin::form::Form::builtin() {
        Ok(form) => form,
        Err(e) => return usage(&e),
    };
    let lang = args.lang.map_or(Lang::Ja, |l| lang(Some(l)));
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths
    };
    let mut options = CheckOptions::new(paths, app::current_dir(), today, lang);
    options.outputs = Vec::new();
    options.summaries = true;
    let run = match app::check(&options, catalog) {
        Ok(run) => run,
        Err(e) => return usage(&e.0),
    };
    if run.summary.packs == 0 {
        let _ = writeln!(
            std::io::stderr(),
            "kakunin: {}",
            match lang {
                Lang::En => "no contract packs found (a pack is a directory with a pack.yaml)",
                Lang::Ja =>
                    "契約パックが見つかりません（パックは pack.yaml のあるディレクトリです）",
            }
        );
        return exit::NO_INPUT;
    }
    let text = report::checklist::render(args.format, &run, &form, lang);
    let written = match &args.output {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => exit::CLEAN,
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "kakunin: cannot write {}: {e}",
                    path.display()
                );
                exit::INTERNAL
            }
        },
        None => write_stdout(&text),
    };
    if written == exit::CLEAN && !run.loose.is_empty() {
        let count = run.loose.len();
        let _ = writeln!(
            std::io::stderr(),
            "kakunin: {}",
            match lang {
                Lang::En => format!(
                    "{count} input(s) could not be read or are in no pack; the report lists them"
                ),
                Lang::Ja => format!(
                    "読めない入力、またはどのパックにも属さない入力が {count} 件あります（レポートに記載）"
                ),
            }
        );
        return exit::NO_INPUT;
    }
    written
}
