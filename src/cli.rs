//! Command-line definitions (clap derive) and nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kakunin",
    version,
    about = "Check contract packs of medical information systems against the 2024 role-sharing checklist (確認表)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check contract packs (repository roots, pack directories, or files inside packs).
    Check(CheckArgs),
    /// List the rule catalog.
    Rules(RulesArgs),
    /// Explain a rule: rationale, checklist item, guideline references, examples, how to fix.
    Explain(ExplainArgs),
}

pub use crate::report::Format;

/// Formats of the catalog listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ja,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Paths to check; a file selects its whole pack. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format; repeatable, each paired by position with an --output.
    #[arg(long, value_enum)]
    pub format: Vec<Format>,
    /// Write the report of the --format in the same position to this file (repeatable).
    #[arg(long, short)]
    pub output: Vec<PathBuf>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Exit 0 even when findings are reported (report-only jobs).
    #[arg(long)]
    pub exit_zero: bool,
    /// The date that date rules check against (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else today.
    #[arg(long)]
    pub today: Option<String>,
    /// Language of messages. Default: from LANG.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Only these rules (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules (repeatable, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Colour in human output. `auto`: only on a terminal, and never when NO_COLOR is set.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Print only the findings, not the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip file arguments that are not inside any pack instead of reporting them (for hooks
    /// that pass every changed file); when no file argument is in a pack, nothing is checked and
    /// the exit code is 0.
    #[arg(long)]
    pub skip_outside_packs: bool,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. sla-present.
    pub rule: String,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}
