//! Baselines: the findings a repository already had when it adopted kakunin, recorded so that
//! later runs report only new ones. Entries are keyed on the finding's fingerprint (rule, pack,
//! file within the pack, field path, message arguments), never on line numbers, so edits
//! elsewhere in a file do not bring old findings back. Entries no finding matches are stale.

use crate::finding::Finding;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding. Only `fingerprint` is matched; the rest is for people reading diffs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub pack: String,
    /// The file relative to the pack root, `/`-separated.
    pub file: String,
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub kakunin_baseline: u32,
    pub findings: Vec<Entry>,
}

/// The file of a finding relative to its pack root (`root` as displayed).
fn pack_relative<'a>(file: &'a str, root: &str) -> &'a str {
    if root == "." {
        return file;
    }
    file.strip_prefix(root)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(file)
}

/// The entry that records a finding of the pack rooted at `root`.
pub fn entry(finding: &Finding, root: &str) -> Entry {
    Entry {
        fingerprint: finding.fingerprint.clone(),
        rule: finding.rule.clone(),
        pack: finding.pack.clone(),
        file: pack_relative(&finding.location.file, root).to_owned(),
        path: finding.location.path.clone(),
        message: finding.message.clone(),
    }
}

impl Baseline {
    /// A baseline of these entries, sorted so that the file diffs well.
    pub fn new(mut findings: Vec<Entry>) -> Baseline {
        findings.sort_by(|a, b| {
            (&a.pack, &a.file, &a.path, &a.rule, &a.fingerprint).cmp(&(
                &b.pack,
                &b.file,
                &b.path,
                &b.rule,
                &b.fingerprint,
            ))
        });
        Baseline {
            kakunin_baseline: VERSION,
            findings,
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, ReadError> {
        let text = std::fs::read_to_string(path).map_err(ReadError::Io)?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(ReadError::Json)?;
        if baseline.kakunin_baseline != VERSION {
            return Err(ReadError::Version(baseline.kakunin_baseline));
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON, one entry per finding.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Removes from `findings` (of pack `pack`) those the baseline records; waived findings
    /// stay. Returns how many were removed and the pack's entries that matched nothing for a
    /// rule that ran (`ran`): findings that have been fixed.
    pub fn filter(
        &self,
        pack: &str,
        findings: &mut Vec<Finding>,
        ran: &dyn Fn(&str) -> bool,
    ) -> (usize, Vec<Entry>) {
        let mut open: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in self.findings.iter().filter(|e| e.pack == pack) {
            open.entry(e.fingerprint.as_str()).or_default().push(e);
        }
        let before = findings.len();
        findings.retain(|f| {
            if f.waived.is_some() {
                return true;
            }
            let matched = open
                .get_mut(f.fingerprint.as_str())
                .and_then(|list| list.pop());
            matched.is_none()
        });
        let mut stale: Vec<Entry> = open
            .into_values()
            .flatten()
            .filter(|e| ran(&e.rule))
            .cloned()
            .collect();
        stale.sort_by(|a, b| (&a.file, &a.path, &a.rule).cmp(&(&b.file, &b.path, &b.rule)));
        (before - findings.len(), stale)
    }
}

/// Why a baseline file could not be used.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Json(serde_json::Error),
    Version(u32),
}

impl ReadError {
    /// The reason in the run's language.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            ReadError::Io(e) => crate::i18n::io_reason(e, lang),
            ReadError::Json(e) => {
                let (line, column) = (e.line(), e.column());
                match lang {
                    Lang::En => {
                        format!("not a baseline file (JSON) at line {line}, column {column}")
                    }
                    Lang::Ja => format!(
                        "ベースラインのファイル（JSON）として読めません（{line} 行 {column} 列）"
                    ),
                }
            }
            ReadError::Version(found) => match lang {
                Lang::En => {
                    format!("baseline format {found} is not supported (expected {VERSION})")
                }
                Lang::Ja => {
                    format!("ベースラインの形式 {found} には対応していません（対応は {VERSION}）")
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_relative_paths() {
        assert_eq!(
            pack_relative("examples/broken/sla.yaml", "examples/broken"),
            "sla.yaml"
        );
        assert_eq!(pack_relative("sla.yaml", "."), "sla.yaml");
        assert_eq!(
            pack_relative("other/sla.yaml", "examples"),
            "other/sla.yaml"
        );
    }
}
