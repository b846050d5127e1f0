//! Fingerprints for SARIF `partialFingerprints` and GitLab Code Quality: each finding's stable
//! `Finding::fingerprint` (what it is about, never where it sits or its language; baselines use
//! the same key), made unique within a run, as GitLab keeps one finding per fingerprint.

use crate::finding::Finding;
use std::collections::HashMap;

/// The fingerprint of one finding, without regard to others in the run.
pub fn of(finding: &Finding) -> String {
    finding.fingerprint.clone()
}

/// Makes fingerprints unique within a run, finding after finding: the second finding with the
/// same fingerprint gets `-2`, the third `-3`, in the run's stable finding order.
#[derive(Default)]
pub struct Unique {
    seen: HashMap<String, usize>,
}

impl Unique {
    /// The fingerprint of the next finding in run order.
    pub fn next(&mut self, finding: &Finding) -> String {
        let base = of(finding);
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        }
    }
}

/// Fingerprints of all findings, in order, made unique (see [`Unique`]).
pub fn unique<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<String> {
    let mut prints = Unique::default();
    findings.map(|f| prints.next(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Severity};
    use crate::yaml::Span;

    fn finding(line: usize) -> Finding {
        Finding {
            rule: "sla-present".into(),
            severity: Severity::Error,
            checklist: vec!["P2-A6".into()],
            message: "no SLA".into(),
            help: String::new(),
            pack: "p".into(),
            location: Location {
                file: "p/parties.yaml".into(),
                span: Span {
                    offset: line * 10,
                    len: 3,
                },
                line,
                column: 3,
                path: "parties[1]".into(),
            },
            related: Vec::new(),
            fingerprint: "0123456789abcdef".into(),
            waived: None,
        }
    }

    #[test]
    fn duplicates_are_numbered() {
        let list = [finding(1), finding(2), finding(3)];
        let prints = unique(list.iter());
        assert_eq!(prints[0], "0123456789abcdef");
        assert_eq!(prints[1], format!("{}-2", prints[0]));
        assert_eq!(prints[2], format!("{}-3", prints[0]));
    }
}
