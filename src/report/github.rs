//! GitHub Actions output: one workflow command per finding (`::error file=…,line=…,col=…,
//! title=…::message`), which the runner turns into annotations on the pull request. The job
//! summary that goes with it is the Markdown report (see `report::job_summary`).
//!
//! Every value comes through `escape::workflow_property`/`workflow_data`, so a contract field
//! cannot end the command early, add a property, or start a command of its own.

use super::escape::{workflow_data, workflow_property};
use crate::finding::{Finding, Severity};

/// The workflow command for a severity: `notice` is GitHub's name for info.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One command per finding, each on its own line.
pub fn render<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&annotation(f));
        out.push('\n');
    }
    out
}

/// The workflow command of one finding. The message carries the help on the lines after it.
pub fn annotation(f: &Finding) -> String {
    let mut title = if f.checklist.is_empty() {
        format!("kakunin {}", f.rule)
    } else {
        format!("kakunin {} [{}]", f.rule, f.checklist.join(", "))
    };
    // A waived finding stays visible, as a notice: it does not fail anything.
    let severity = if f.waived.is_some() {
        title.push_str(" (waived)");
        Severity::Info
    } else {
        f.severity
    };
    let mut message = f.message.clone();
    if !f.help.is_empty() {
        message.push_str("\n\n");
        message.push_str(&f.help);
    }
    format!(
        "::{} file={},line={},col={},title={}::{}",
        command(severity),
        workflow_property(&f.location.file),
        f.location.line,
        f.location.column,
        workflow_property(&title),
        workflow_data(&message)
    )
}
