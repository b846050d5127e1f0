//! The `kakunin` binary: parse arguments, dispatch to a command, map the outcome to an exit code.

mod cmd;

use clap::Parser;
use kakunin::app::exit;
use kakunin::cli::Cli;
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
    ExitCode::from(cmd::run(cli.command, catalog))
}
