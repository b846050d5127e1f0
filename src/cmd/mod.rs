//! The binary's commands: each turns parsed arguments into a run of the library and writes the
//! result. With `main.rs`, the only code that writes to the terminal.

mod catalog;
mod check;
mod checklist_report;
mod outputs;
pub mod usage_ja;
mod verify;

use kakunin::app::{self, exit};
use kakunin::cli::{Command, ConfigArgs, LangArg};
use kakunin::config::Failure;
use kakunin::config::setup::{self, Prepared, Request};
use kakunin::i18n::{Lang, io_reason};
use kakunin::rules::catalog::Catalog;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Runs one command; returns its exit code.
pub fn run(command: Command, catalog: Catalog) -> u8 {
    match command {
        Command::Check(args) => check::run(args, catalog),
        Command::Report(args) => checklist_report::run(args, catalog),
        Command::Rules(args) => match args.action {
            Some(kakunin::cli::RulesAction::Verify(verify)) => verify::run(verify, catalog),
            None => catalog::rules(args, catalog),
        },
        Command::Explain(args) => catalog::explain(args, catalog),
        Command::Init(args) => catalog::init(args),
        Command::Schema(args) => catalog::schema(args, &catalog),
        Command::Completions(args) => catalog::completions(args),
        Command::Man => catalog::man(),
    }
}

pub(crate) fn flag_lang(arg: Option<LangArg>) -> Option<Lang> {
    arg.map(|l| match l {
        LangArg::En => Lang::En,
        LangArg::Ja => Lang::Ja,
    })
}

pub(crate) fn lang(arg: Option<LangArg>) -> Lang {
    flag_lang(arg).unwrap_or_else(Lang::from_env)
}

pub(crate) fn en_ja(lang: Lang, en: &str, ja: &str) -> String {
    lang.pick(en, ja).to_owned()
}

/// Finds and reads the configuration; on failure prints every problem and returns `None`.
pub(crate) fn prepare(
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
                let names = kakunin::report::terminal::one_line(&prepared.ignored.join(", "));
                note(&en_ja(
                    lang,
                    &format!(
                        "--isolated: ignoring the configuration of the working directory: {names}"
                    ),
                    &format!("--isolated: 作業ディレクトリの設定ファイルを無視します: {names}"),
                ));
            }
            if !prepared.from_inputs.is_empty() {
                let names = kakunin::report::terminal::one_line(&prepared.from_inputs.join(", "));
                note(&en_ja(
                    lang,
                    &format!(
                        "configuration files that came with the inputs were not applied (a run uses the kakunin.yaml at or above the working directory, or --config): {names}"
                    ),
                    &format!(
                        "入力に含まれる設定ファイルは適用していません（適用されるのは作業ディレクトリの位置または上位の kakunin.yaml、または --config の指定のみ）: {names}"
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

/// Names the configuration files discovery met inside the inputs (never applied); those named
/// before the run (at or above an input, in `named`) are not named twice. Even with --quiet: a
/// configuration that was not applied is never silent.
pub(crate) fn note_deeper_configs(run: &app::Run, named: &[String], lang: Lang) {
    let deeper: Vec<&str> = run
        .unused_configs
        .iter()
        .filter(|c| !named.contains(c))
        .map(String::as_str)
        .collect();
    if deeper.is_empty() {
        return;
    }
    let names = kakunin::report::terminal::one_line(&deeper.join(", "));
    note(&en_ja(
        lang,
        &format!(
            "configuration files inside the inputs were not applied (a run uses the kakunin.yaml at or above the working directory, or --config): {names}"
        ),
        &format!(
            "入力の中にある設定ファイルは適用していません（適用されるのは作業ディレクトリの位置または上位の kakunin.yaml、または --config の指定のみ）: {names}"
        ),
    ));
}

/// The configuration files `prepare` found and did not apply.
pub(crate) fn not_applied(prepared: &Prepared) -> Vec<String> {
    let mut all: Vec<String> = prepared
        .ignored
        .iter()
        .chain(&prepared.from_inputs)
        .cloned()
        .collect();
    all.sort();
    all.dedup();
    all
}

/// Writes every problem of a configuration or rule-file failure to stderr, each at its line
/// and column; returns how many there are.
pub(crate) fn show_failure(failure: &Failure, lang: Lang) -> usize {
    let style = kakunin::report::human::Style {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
        lang,
    };
    let findings = failure.findings(lang);
    let text = kakunin::report::human::render_pack(&findings, &failure.sources, style);
    let _ = write!(std::io::stderr(), "{text}");
    findings.len()
}

pub(crate) fn report_failure(failure: &Failure, lang: Lang) {
    let n = show_failure(failure, lang);
    note(&en_ja(
        lang,
        &format!(
            "the configuration has {n} problem{}; nothing was checked",
            if n == 1 { "" } else { "s" }
        ),
        &format!("設定に {n} 件の問題があるため、チェックを行いませんでした"),
    ));
}

pub(crate) fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "kakunin: {message}");
}

pub(crate) fn write_stdout(text: impl AsRef<[u8]>, lang: Lang) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_ref()).and_then(|()| out.flush()) {
        Ok(()) => exit::CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::CLEAN,
        Err(e) => {
            note(&cannot_write(None, &e, lang));
            exit::INTERNAL
        }
    }
}

pub(crate) fn usage(message: &str) -> u8 {
    note(message);
    exit::USAGE
}

/// "cannot write" for a file (`Some(path)`) or standard output, in the run's language.
pub(crate) fn cannot_write(path: Option<&str>, e: &std::io::Error, lang: Lang) -> String {
    match path {
        Some(path) => en_ja(
            lang,
            &format!("cannot write {path}: {}", io_reason(e, Lang::En)),
            &format!("{path} に書き込めません: {}", io_reason(e, Lang::Ja)),
        ),
        None => en_ja(
            lang,
            &format!(
                "cannot write to standard output: {}",
                io_reason(e, Lang::En)
            ),
            &format!("標準出力に書き込めません: {}", io_reason(e, Lang::Ja)),
        ),
    }
}
