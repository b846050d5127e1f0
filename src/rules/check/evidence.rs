//! `evidence_paths`: every evidence path is relative, stays inside the pack root (symlinks
//! included), and names a regular file. Nothing is opened, and nothing outside the pack root is
//! even looked at: links are resolved step by step inside the root ([`crate::confine`]).

use crate::confine::{Resolved, resolve_inside};
use crate::model::Pack;
use crate::model::issue::Issue;
use std::path::{Component, Path};

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
    let relative = Path::new(text);
    if relative
        .components()
        .any(|c| matches!(c, Component::ParentDir))
    {
        return Some("escapes");
    }
    match resolve_inside(pack_root, relative) {
        Resolved::Outside => Some("escapes"),
        Resolved::Missing | Resolved::Loop => Some("missing"),
        Resolved::Inside(real) => match std::fs::symlink_metadata(real) {
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
                Issue::new("", e.file, e.span, e.path.clone())
                    .variant(variant)
                    .arg("path", e.value.clone()),
            );
        }
    }
}
