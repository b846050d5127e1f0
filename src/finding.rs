//! Findings: the values that checking produces and every renderer consumes.

use crate::source::SourceFile;
use crate::yaml::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Where a finding points: a file, a byte span resolved to 1-based line/column, and the field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Relative to the working directory, `/`-separated.
    pub file: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// Field path inside the document, e.g. `clauses.confidentiality.binds` (empty for the whole file).
    pub path: String,
}

impl Location {
    /// A location in a source file, with its span clamped and resolved to line and column.
    pub fn in_source(source: &SourceFile, span: Span, path: String) -> Location {
        let span = source.clamp(span);
        let (line, column) = source.line_col(span.offset);
        Location {
            file: source.display.clone(),
            span,
            line,
            column,
            path,
        }
    }

    /// A location for a whole path that has no readable text (unreadable file, directory).
    pub fn whole(file: String) -> Location {
        Location {
            file,
            span: Span::default(),
            line: 1,
            column: 1,
            path: String::new(),
        }
    }
}

/// A related location with its own label (e.g. "first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub location: Location,
    pub label: String,
}

/// One problem found in a pack, with its message already in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub checklist: Vec<String>,
    pub message: String,
    pub help: String,
    /// The pack's id, or its directory when the pack has no readable id.
    pub pack: String,
    pub location: Location,
    pub related: Vec<Related>,
    /// What sets this finding apart from others of its rule at the same field path, whatever the
    /// language and position: the message variant and arguments (words in English). Fingerprints
    /// are built from it.
    pub identity: String,
}
