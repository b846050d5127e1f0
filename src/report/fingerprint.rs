//! Fingerprints of findings that survive edits: built from what a finding is about (rule, pack,
//! file, field path, message variant and arguments), never from where it sits (line, column,
//! offset) nor from the language of its message. SARIF `partialFingerprints` and GitLab Code
//! Quality `fingerprint` use them; GitLab keeps one finding per fingerprint, so they are unique
//! within a run.

use crate::finding::Finding;
use std::collections::HashMap;

/// 64-bit FNV-1a (Fowler–Noll–Vo): small, fast, stable across platforms and releases.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.into_iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// FNV-1a over several parts, each closed by 0xff, a byte that never occurs in UTF-8, so that
/// ("ab", "c") and ("a", "bc") differ.
fn hash_parts(parts: &[&str]) -> u64 {
    fnv1a(
        parts
            .iter()
            .flat_map(|p| p.bytes().chain(std::iter::once(0xff))),
    )
}

/// The fingerprint of one finding, without regard to others in the run.
pub fn of(finding: &Finding) -> String {
    let hash = hash_parts(&[
        "kakunin/v1",
        &finding.rule,
        &finding.pack,
        &finding.location.file,
        &finding.location.path,
        &finding.identity,
    ]);
    format!("{hash:016x}")
}

/// Fingerprints of all findings, in order, made unique: the second finding with the same
/// fingerprint gets `-2`, the third `-3`, in the run's stable finding order.
pub fn unique<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .map(|f| {
            let base = of(f);
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            if *count == 1 {
                base
            } else {
                format!("{base}-{count}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Location, Severity};
    use crate::yaml::Span;

    fn finding(line: usize, message: &str) -> Finding {
        Finding {
            rule: "sla-present".into(),
            severity: Severity::Error,
            checklist: vec!["P2-A6".into()],
            message: message.into(),
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
            identity: "vendor=v".into(),
        }
    }

    #[test]
    fn fnv1a_matches_the_reference_test_vectors() {
        assert_eq!(fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
        assert_ne!(hash_parts(&["ab", "c"]), hash_parts(&["a", "bc"]));
    }

    #[test]
    fn line_moves_and_language_do_not_change_the_fingerprint() {
        assert_eq!(
            of(&finding(3, "no SLA")),
            of(&finding(40, "SLA がありません"))
        );
        let mut other = finding(3, "no SLA");
        other.identity = "vendor=w".into();
        assert_ne!(of(&finding(3, "no SLA")), of(&other));
    }

    #[test]
    fn duplicates_are_numbered() {
        let list = [finding(1, "a"), finding(2, "a"), finding(3, "a")];
        let prints = unique(list.iter());
        assert_eq!(prints[1], format!("{}-2", prints[0]));
        assert_eq!(prints[2], format!("{}-3", prints[0]));
    }
}
