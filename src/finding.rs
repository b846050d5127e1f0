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

    /// The severity as a word of the run's language (`error`, `エラー`).
    pub fn word(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (_, Lang::En) => self.as_str(),
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Warning, Lang::Ja) => "警告",
            (Severity::Info, Lang::Ja) => "情報",
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

/// The waiver that accepts a finding: a compliance exception written in the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    pub reason: String,
    pub approved_by: String,
    /// `YYYY-MM-DD`: the last day the waiver holds.
    pub expires: String,
    /// Where the waiver is written in the configuration file.
    pub location: Location,
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
    /// A stable key of the finding that does not depend on line numbers or language: a hash of
    /// the rule, the pack, the file relative to the pack root, the field path and the message
    /// arguments. Baselines match on it; it suits SARIF/GitLab fingerprints too.
    pub fingerprint: String,
    /// Set when a waiver in the configuration accepts the finding; it then does not count
    /// towards the exit code but is still reported.
    pub waived: Option<Waived>,
}

impl Finding {
    /// Whether the finding counts towards the exit code and the totals.
    pub fn counts(&self) -> bool {
        self.waived.is_none()
    }
}

/// 64-bit FNV-1a (Fowler–Noll–Vo): small, fast, and stable across platforms and releases.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// FNV-1a of the parts (each followed by a 0x1f separator), as 16 hex digits: stable across
/// platforms, runs and versions of Rust, unlike the standard library's hasher.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let hash = fnv1a(
        parts
            .into_iter()
            .flat_map(|p| p.bytes().chain(std::iter::once(0x1f))),
    );
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, fnv1a};

    #[test]
    fn fnv1a_matches_the_reference_test_vectors() {
        assert_eq!(fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprint_is_stable_and_separates_parts() {
        assert_eq!(fingerprint(["a", "b"]), fingerprint(["a", "b"]));
        assert_ne!(fingerprint(["ab", ""]), fingerprint(["a", "b"]));
        // A fixed value: the hash must never change between versions, or baselines break.
        assert_eq!(fingerprint([""]), "af63d24c8601db8e");
    }
}
