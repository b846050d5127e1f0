//! The `kakunin` binary: parse arguments, run, write the report, map the outcome to an exit code.

use clap::Parser;
use kakunin::app::{self, CheckOptions, exit};
use kakunin::cli::{CheckArgs, Cli, ColorArg, Command, FailOn, LangArg, ListFormat};
use kakunin::finding::Severity;
use kakunin::i18n::Lang;
use kakunin::report;
use kakunin::rules::catalog::Catalog;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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
    ExitCode::from(run(cli.command, &catalog))
}

fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ja) => Lang::Ja,
        None => Lang::from_env(),
    }
}

fn run(command: Command, catalog: &Catalog) -> u8 {
    match command {
        Command::Check(args) => run_check(args, catalog),
        Command::Rules(args) => {
            let text = match args.format {
                ListFormat::Json => report::catalog::rules_json(catalog, lang(args.lang)),
                ListFormat::Human => report::catalog::rules_table(catalog, lang(args.lang)),
            };
            write_stdout(&text)
        }
        Command::Explain(args) => match catalog.get(&args.rule) {
            Some(rule) => write_stdout(&report::catalog::explain(rule, lang(args.lang))),
            None => {
                let hint = kakunin::model::issue::suggest(
                    &args.rule,
                    catalog.rules().iter().map(|r| r.id.as_str()),
                )
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
                let _ = writeln!(
                    std::io::stderr(),
                    "kakunin: unknown rule `{}`{hint}",
                    args.rule
                );
                exit::USAGE
            }
        },
    }
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
    let _ = writeln!(std::io::stderr(), "kakunin: {message}");
    exit::USAGE
}

fn run_check(args: CheckArgs, catalog: &Catalog) -> u8 {
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
    let mut options = CheckOptions::new(paths, app::current_dir(), today, lang(args.lang));
    options.outputs = outputs;
    options.style.color = color;
    options.fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    options.exit_zero = args.exit_zero;
    options.select = args.select;
    options.ignore = args.ignore;
    options.quiet = args.quiet;
    options.skip_outside_packs = args.skip_outside_packs;
    let run = match app::check(&options, catalog) {
        Ok(run) => run,
        Err(e) => return usage(&e.0),
    };
    if run.exit_code == exit::NO_INPUT {
        let _ = writeln!(
            std::io::stderr(),
            "kakunin: no contract packs found (a pack is a directory with a pack.yaml)"
        );
    }
    let ctx = report::Context {
        catalog,
        lang: options.lang,
        quiet: options.quiet,
        cwd: &options.cwd,
        fail_on: options.fail_on,
    };
    for output in &options.outputs {
        let text = report::render(output.format, &run, &ctx);
        let written = match &output.path {
            Some(path) => std::fs::write(path, &text)
                .map_err(|e| format!("cannot write {}: {e}", path.display())),
            None => match write_stdout(&text) {
                exit::CLEAN => Ok(()),
                _ => Err("cannot write to standard output".to_owned()),
            },
        };
        if let Err(e) = written {
            let _ = writeln!(std::io::stderr(), "kakunin: {e}");
            return exit::INTERNAL;
        }
    }
    let formats: Vec<report::Format> = options.outputs.iter().map(|o| o.format).collect();
    if let Some(summary) = report::job_summary(&formats, &run, &ctx)
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(summary.as_bytes()));
        if let Err(e) = appended {
            let _ = writeln!(
                std::io::stderr(),
                "kakunin: cannot append the job summary to GITHUB_STEP_SUMMARY ({}): {e}",
                std::path::Path::new(&path).display()
            );
            return exit::INTERNAL;
        }
    }
    run.exit_code
}
