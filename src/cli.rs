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
    /// Write the filled-in checklist (確認表) of each pack, with a summary across packs, for people.
    Report(ReportArgs),
    /// Create a contract pack that passes `check`, to fill in.
    Init(InitArgs),
    /// Print the JSON Schema of pack documents, of the configuration file, or of rule files.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Where the configuration comes from (shared by the commands that read it).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the working directory's kakunin.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use no configuration file: built-in defaults only.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Read no kakunin.yaml, not even the working directory's (those that come with the inputs
    /// never apply); only built-in defaults and an explicit --config apply.
    #[arg(long)]
    pub isolated: bool,
}

pub use crate::report::Format;
pub use crate::report::checklist::ReportFormat;

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
    /// Lowest severity that makes the exit code 1 [default: error, or the configuration's].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
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
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print the effective configuration (defaults, then the file, then flags) and exit.
    #[arg(long)]
    pub show_config: bool,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Skip file arguments that are not inside any pack instead of reporting them (for hooks
    /// that pass every changed file); when no file argument is in a pack, nothing is checked and
    /// the exit code is 0.
    #[arg(long)]
    pub skip_outside_packs: bool,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// What `kakunin rules` does besides listing the catalog.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Prove rules by their examples and fixtures: each `examples.fail` (and each
    /// `fixtures/<id>/fail/` beside the rule files) must give a finding of its rule, each
    /// `examples.pass` (and `fixtures/<id>/pass/`) none. Default: the built-in catalog.
    Verify(VerifyArgs),
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Rule directories (as in `rule_dirs:`) whose rules to verify. Default: the built-in rules.
    pub dirs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The date the examples are checked on (YYYY-MM-DD). Default: the rule's `examples.today`,
    /// else SOURCE_DATE_EPOCH, else today.
    #[arg(long)]
    pub today: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. sla-present.
    pub rule: String,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The directory to create the pack in (created if missing; must hold no pack yet).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// A pack with a prime vendor and a subcontractor instead of a single vendor.
    #[arg(long)]
    pub multi_vendor: bool,
    /// The date the pack's dates start from (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else today.
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Which JSON Schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Documents of a contract pack (`apiVersion: kakunin/v1`).
    Pack,
    /// The configuration file `kakunin.yaml`.
    Config,
    /// Rule files (`rules/*.yaml`, and those of `rule_dirs:`).
    Rule,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Paths to report on; a file selects its whole pack. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// `html`: one self-contained page to open, print and file; `markdown`: for wikis and PRs;
    /// `xlsx`: an Excel workbook, a sheet per checklist record (needs -o or a redirect).
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write the report to this file. Default: standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Language of the report. Default: Japanese.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The date that date rules check against (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else today.
    #[arg(long)]
    pub today: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}
