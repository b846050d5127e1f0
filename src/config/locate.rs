//! Finding the configuration file: the nearest `kakunin.yaml` at or above each input, looking no
//! further up than the repository root (the first directory that holds `.git`).

use super::FILE_NAMES;
use std::path::{Component, Path, PathBuf};

/// A path made absolute against `cwd` and cleaned of `.` and `..` without touching the disk.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The configuration file in `dir`, if it has one.
pub fn in_dir(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

/// The nearest configuration at or above `start` (a directory), up to the repository root.
pub fn nearest(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        if let Some(found) = in_dir(dir) {
            return Some(found);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Where the search starts for an input: the input itself for a directory, else its directory.
fn start_of(input: &Path, cwd: &Path) -> PathBuf {
    let abs = absolute(input, cwd);
    if abs.is_dir() {
        abs
    } else {
        abs.parent().map_or(abs.clone(), Path::to_path_buf)
    }
}

/// The configuration the inputs share. `Err` lists the different files when they disagree.
pub fn for_inputs(inputs: &[PathBuf], cwd: &Path) -> Result<Option<PathBuf>, Vec<PathBuf>> {
    let mut found: Vec<Option<PathBuf>> = inputs
        .iter()
        .map(|input| nearest(&start_of(input, cwd)))
        .collect();
    found.sort();
    found.dedup();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop().flatten()),
        _ => Err(found.into_iter().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_is_lexical() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            absolute(Path::new("./a/../b/./c"), cwd),
            PathBuf::from("/work/repo/b/c")
        );
        assert_eq!(absolute(Path::new("/x/y"), cwd), PathBuf::from("/x/y"));
    }

    #[test]
    fn nearest_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::create_dir_all(root.join("repo/.git")).ok();
        std::fs::create_dir_all(root.join("repo/packs/a")).ok();
        std::fs::write(root.join("kakunin.yaml"), "").ok();
        assert_eq!(nearest(&root.join("repo/packs/a")), None);
        std::fs::write(root.join("repo/kakunin.yaml"), "").ok();
        assert_eq!(
            nearest(&root.join("repo/packs/a")),
            Some(root.join("repo/kakunin.yaml"))
        );
    }
}
