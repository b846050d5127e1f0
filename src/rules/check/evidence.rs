//! `evidence_paths`: every evidence path is relative, stays inside the pack root (symlinks
//! included), and names a regular file. Nothing outside the pack root is opened.

use crate::model::Pack;
use crate::model::issue::Issue;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Why a path is not acceptable, as a message variant. `symlinked_dirs` remembers, for the
/// pack's directories already looked at, whether they are symlinks (most evidence paths share
/// a directory, so each is looked at once per pack).
fn problem(
    pack_root: &Path,
    text: &str,
    symlinked_dirs: &mut HashMap<PathBuf, bool>,
) -> Option<&'static str> {
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
    let symlinked =
        meta.file_type().is_symlink() || has_symlink_parent(pack_root, relative, symlinked_dirs);
    if symlinked {
        let (Ok(real), Ok(root)) = (full.canonicalize(), pack_root.canonicalize()) else {
            return Some("missing");
        };
        if !real.starts_with(&root) {
            return Some("escapes");
        }
        // Through a symlink: what it points at decides.
        return match std::fs::metadata(&full) {
            Ok(m) if m.is_file() => None,
            Ok(_) => Some("not_file"),
            Err(_) => Some("missing"),
        };
    }
    // No symlink on the way: the entry itself is what it points at.
    if meta.is_file() {
        None
    } else {
        Some("not_file")
    }
}

fn has_symlink_parent(
    root: &Path,
    relative: &Path,
    symlinked_dirs: &mut HashMap<PathBuf, bool>,
) -> bool {
    let mut dir = root.to_path_buf();
    let parts: Vec<_> = relative.components().collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        dir.push(part);
        let symlink = match symlinked_dirs.get(&dir) {
            Some(known) => *known,
            None => {
                let symlink =
                    std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink());
                symlinked_dirs.insert(dir.clone(), symlink);
                symlink
            }
        };
        if symlink {
            return true;
        }
    }
    false
}

pub fn evidence_paths(pack: &Pack, out: &mut Vec<Issue>) {
    let mut symlinked_dirs = HashMap::new();
    for e in &pack.validation.evidence {
        if let Some(variant) = problem(&pack.root, &e.value, &mut symlinked_dirs) {
            out.push(
                Issue::new("", e.file, e.span, e.path.clone())
                    .variant(variant)
                    .arg("path", e.value.clone()),
            );
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn paths_are_judged_by_what_they_name_through_symlinks_too() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (root, outside) = (tmp.path().join("pack"), tmp.path().join("outside"));
        for dir in [root.join("evidence/sub"), outside.clone()] {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(root.join("evidence/a.pdf"), "%PDF").expect("write");
        std::fs::write(outside.join("b.pdf"), "%PDF").expect("write");
        symlink(root.join("evidence/a.pdf"), root.join("evidence/link.pdf")).expect("link");
        symlink(outside.join("b.pdf"), root.join("evidence/out.pdf")).expect("link");
        symlink(&outside, root.join("shared")).expect("link");
        symlink(root.join("evidence"), root.join("docs")).expect("link");
        symlink(root.join("nothing.pdf"), root.join("dangling.pdf")).expect("link");
        let mut dirs = HashMap::new();
        let cases = [
            ("evidence/a.pdf", None),
            ("evidence/missing.pdf", Some("missing")),
            ("evidence/sub", Some("not_file")),
            ("evidence/link.pdf", None),
            ("evidence/out.pdf", Some("escapes")),
            ("shared/b.pdf", Some("escapes")),
            ("docs/a.pdf", None),
            ("docs/sub", Some("not_file")),
            ("dangling.pdf", Some("missing")),
            ("../outside/b.pdf", Some("escapes")),
        ];
        for (path, want) in cases {
            assert_eq!(problem(&root, path, &mut dirs), want, "{path}");
        }
        // Asked again, from the remembered directories: the same answers.
        for (path, want) in cases {
            assert_eq!(problem(&root, path, &mut dirs), want, "{path} (again)");
        }
    }
}
