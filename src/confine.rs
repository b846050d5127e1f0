//! Resolving a path inside a root without touching anything outside it. Symbolic links are
//! followed one step at a time, and each step is checked against the root before the file system
//! is asked about it: a link that leads out is reported as such, never looked at beyond the root.
//! Packs are untrusted; this is how evidence paths and links met while walking are judged.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// How many links one resolution may follow before it is called a loop (as Linux does).
const MAX_LINKS: usize = 40;

/// Where a path inside a root leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An existing path inside the root with no link left in it.
    Inside(PathBuf),
    /// The path, or a link on the way, leads outside the root.
    Outside,
    /// Some part of the path does not exist (a broken link, or a missing file).
    Missing,
    /// Links lead to each other without end.
    Loop,
}

/// Resolves `relative` (relative to `root`) inside `root`. Only paths inside `root` are ever
/// examined (with `lstat` and `readlink`; nothing is opened). An absolute link target counts as
/// inside when it lies below `root` as written or below `root`'s real path.
pub fn resolve_inside(root: &Path, relative: &Path) -> Resolved {
    let mut inside: Vec<OsString> = Vec::new();
    let mut pending: VecDeque<OsString> = VecDeque::new();
    for part in relative.components() {
        match part {
            Component::Normal(name) => pending.push_back(name.to_owned()),
            Component::ParentDir => pending.push_back("..".into()),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return Resolved::Outside,
        }
    }
    let mut links = 0;
    while let Some(part) = pending.pop_front() {
        if part == ".." {
            if inside.pop().is_none() {
                return Resolved::Outside;
            }
            continue;
        }
        let candidate: PathBuf = root
            .iter()
            .chain(inside.iter().map(|p| p.as_os_str()))
            .collect();
        let candidate = candidate.join(&part);
        let Ok(meta) = std::fs::symlink_metadata(&candidate) else {
            return Resolved::Missing;
        };
        if !meta.file_type().is_symlink() {
            inside.push(part);
            continue;
        }
        links += 1;
        if links > MAX_LINKS {
            return Resolved::Loop;
        }
        let Ok(target) = std::fs::read_link(&candidate) else {
            return Resolved::Missing;
        };
        let rest = if target.is_absolute() {
            let below = target
                .strip_prefix(root)
                .ok()
                .map(Path::to_path_buf)
                .or_else(|| {
                    let real_root = root.canonicalize().ok()?;
                    target.strip_prefix(real_root).ok().map(Path::to_path_buf)
                });
            match below {
                Some(rest) => {
                    inside.clear();
                    rest
                }
                None => return Resolved::Outside,
            }
        } else {
            target
        };
        let mut front: Vec<OsString> = Vec::new();
        for step in rest.components() {
            match step {
                Component::Normal(name) => front.push(name.to_owned()),
                Component::ParentDir => front.push("..".into()),
                Component::CurDir => {}
                Component::RootDir | Component::Prefix(_) => return Resolved::Outside,
            }
        }
        for step in front.into_iter().rev() {
            pending.push_front(step);
        }
    }
    Resolved::Inside(
        root.iter()
            .chain(inside.iter().map(|p| p.as_os_str()))
            .collect(),
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("evidence/sub")).ok();
        std::fs::write(root.join("evidence/a.pdf"), "a").ok();
        std::fs::write(dir.path().join("secret.txt"), "s").ok();
        dir
    }

    #[test]
    fn plain_and_linked_paths_inside_resolve() {
        let dir = tree();
        let root = dir.path().join("root");
        symlink("../a.pdf", root.join("evidence/sub/link.pdf")).ok();
        symlink(root.join("evidence"), root.join("abs")).ok();
        assert_eq!(
            resolve_inside(&root, Path::new("evidence/a.pdf")),
            Resolved::Inside(root.join("evidence/a.pdf"))
        );
        assert_eq!(
            resolve_inside(&root, Path::new("evidence/sub/link.pdf")),
            Resolved::Inside(root.join("evidence/a.pdf"))
        );
        assert_eq!(
            resolve_inside(&root, Path::new("abs/a.pdf")),
            Resolved::Inside(root.join("evidence/a.pdf"))
        );
    }

    #[test]
    fn links_out_broken_links_and_loops_are_told_apart() {
        let dir = tree();
        let root = dir.path().join("root");
        symlink("../../secret.txt", root.join("evidence/out.pdf")).ok();
        symlink(
            dir.path().join("secret.txt"),
            root.join("evidence/abs-out.pdf"),
        )
        .ok();
        symlink("nowhere.pdf", root.join("evidence/broken.pdf")).ok();
        symlink("loop-b", root.join("loop-a")).ok();
        symlink("loop-a", root.join("loop-b")).ok();
        let at = |p: &str| resolve_inside(&root, Path::new(p));
        assert_eq!(at("evidence/out.pdf"), Resolved::Outside);
        assert_eq!(at("evidence/abs-out.pdf"), Resolved::Outside);
        assert_eq!(at("../secret.txt"), Resolved::Outside);
        assert_eq!(at("/etc/passwd"), Resolved::Outside);
        assert_eq!(at("evidence/broken.pdf"), Resolved::Missing);
        assert_eq!(at("loop-a"), Resolved::Loop);
        // `..` that stays inside is fine.
        assert_eq!(
            at("evidence/sub/../a.pdf"),
            Resolved::Inside(root.join("evidence/a.pdf"))
        );
    }
}
