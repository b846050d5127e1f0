//! `evidence_paths`: every evidence path is relative, stays inside the pack root (symlinks
//! included), and names a regular file that is not empty. The path is normalised lexically
//! first (`./evidence/../evidence/a.pdf` is `evidence/a.pdf`); a `..` that leaves the root
//! escapes. Nothing is opened, and nothing outside the pack root is even looked at: links are
//! resolved step by step inside the root ([`crate::confine`]).

use crate::confine::{Resolved, resolve_inside};
use crate::model::Pack;
use crate::model::issue::Issue;
use std::path::{Component, Path, PathBuf};

/// `relative` with `.` dropped and each `..` taking away the name before it, or `None` when a
/// `..` would leave the root (or the path is not relative).
fn normalise(relative: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for part in relative.components() {
        match part {
            Component::Normal(name) => parts.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Why a path is not acceptable, as a message variant.
fn problem(pack_root: &Path, text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let windows_drive = bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic();
    if text.trim().is_empty() {
        return Some("empty");
    }
    if text.starts_with('/') || text.starts_with('\\') || windows_drive {
        return Some("absolute");
    }
    if text.contains('\\') {
        return Some("backslash");
    }
    let Some(relative) = normalise(Path::new(text)) else {
        return Some("escapes");
    };
    if relative.as_os_str().is_empty() {
        // `.` or `evidence/..`: the pack root itself.
        return Some("not_file");
    }
    match resolve_inside(pack_root, &relative) {
        Resolved::Outside => Some("escapes"),
        Resolved::Missing | Resolved::Loop => Some("missing"),
        Resolved::Inside(real) => match std::fs::symlink_metadata(real) {
            Ok(m) if m.is_file() && m.len() == 0 => Some("empty_file"),
            Ok(m) if m.is_file() => None,
            Ok(_) => Some("not_file"),
            Err(_) => Some("missing"),
        },
    }
}

pub fn evidence_paths(pack: &Pack, out: &mut Vec<Issue>) {
    for e in &pack.validation.evidence {
        if let Some(variant) = problem(&pack.root, &e.value) {
            out.push(
                Issue::of_check(e.file, e.span, e.path.clone())
                    .variant(variant)
                    .arg("path", e.value.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_lexically_and_may_not_leave_the_root() {
        let at = |p: &str| normalise(Path::new(p)).map(|n| n.to_string_lossy().into_owned());
        assert_eq!(
            at("./evidence/../evidence/sla.pdf").as_deref(),
            Some("evidence/sla.pdf")
        );
        assert_eq!(
            at("evidence/./a/../b.pdf").as_deref(),
            Some("evidence/b.pdf")
        );
        assert_eq!(at("evidence/../../x.pdf"), None);
        assert_eq!(at("../pack/evidence/a.pdf"), None);
        assert_eq!(at("evidence/.."), Some(String::new()));
    }
}
