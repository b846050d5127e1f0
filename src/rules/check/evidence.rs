//! `evidence_paths`: every evidence path is relative, stays inside the pack root (symlinks
//! included), and names a regular file. Nothing outside the pack root is opened.

use crate::model::Pack;
use crate::model::issue::Issue;
use std::path::{Component, Path};

/// Why a path is not acceptable, as a message variant.
fn problem(pack_root: &Path, text: &str) -> Option<&'static str> {
    let windows_drive =
        text.len() >= 2 && text.as_bytes()[1] == b':' && text.as_bytes()[0].is_ascii_alphabetic();
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
    let full = pack_root.join(relative);
    let Ok(meta) = std::fs::symlink_metadata(&full) else {
        return Some("missing");
    };
    if meta.file_type().is_symlink() || has_symlink_parent(pack_root, relative) {
        let (Ok(real), Ok(root)) = (full.canonicalize(), pack_root.canonicalize()) else {
            return Some("missing");
        };
        if !real.starts_with(&root) {
            return Some("escapes");
        }
    }
    match std::fs::metadata(&full) {
        Ok(m) if m.is_file() => None,
        Ok(_) => Some("not_file"),
        Err(_) => Some("missing"),
    }
}

fn has_symlink_parent(root: &Path, relative: &Path) -> bool {
    let mut dir = root.to_path_buf();
    let parts: Vec<_> = relative.components().collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        dir.push(part);
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return true;
        }
    }
    false
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
