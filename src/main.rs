//! The `kakunin` binary: parse arguments, dispatch to a command, map the outcome to an exit code.

mod cmd;

use clap::Parser;
use kakunin::app::exit;
use kakunin::cli::Cli;
use kakunin::i18n::Lang;
use kakunin::rules::catalog::Catalog;
use std::io::Write;
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
            let args: Vec<String> = std::env::args().collect();
            let japanese = (e.use_stderr() && cmd::usage_ja::lang_of_args(&args) == Lang::Ja)
                .then(|| cmd::usage_ja::render(&e, &args))
                .flatten();
            match japanese {
                Some(text) => {
                    let _ = write!(std::io::stderr(), "{text}");
                }
                None => {
                    let _ = e.print();
                }
            }
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
            // Only a build whose rule files are broken gets here (the tests rule it out).
            let lang = Lang::from_env();
            let label = lang.pick("rule catalog", "ルールカタログ");
            for e in errors {
                let (file, message) = (&e.file, e.message_in(lang));
                let _ = writeln!(std::io::stderr(), "kakunin: {label}: {file}: {message}");
            }
            return ExitCode::from(exit::USAGE);
        }
    };
    ExitCode::from(cmd::run(cli.command, catalog))
}
