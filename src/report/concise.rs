//! Concise output: one line per finding, `file:line:col: severity[rule] message`, the shape that
//! editors' problem matchers, grep and pre-commit logs expect.

use super::escape::one_line;
use crate::finding::Finding;

/// One line per finding; nothing else (a clean run prints nothing).
pub fn render<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&line(f));
        out.push('\n');
    }
    out
}

/// The line of one finding. Pack text cannot break it: control characters are shown escaped.
pub fn line(f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}{}",
        one_line(&f.location.file),
        f.location.line,
        f.location.column,
        f.severity.as_str(),
        f.rule,
        one_line(&f.message),
        if f.waived.is_some() { " [waived]" } else { "" }
    )
}
