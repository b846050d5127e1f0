//! Finding the configuration file: the user's own, the nearest `kakunin.yaml` at or above the
//! working directory, looking no further up than the repository root (the first directory that
//! holds `.git`); and the ones that came with the inputs, which are named but never applied.

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

/// The user's own configuration: the nearest at or above the working directory, up to the
/// repository root. Only this one (or `--config`) is ever applied; the inputs have no say.
pub fn for_user(cwd: &Path) -> Option<PathBuf> {
    nearest(&absolute(cwd, cwd))
}

/// Configuration files that belong to the inputs, not to the user: for each input, those in its
/// directory and in each directory above it up to (not including) the working directory or one
/// of its ancestors, stopping at a repository root. An input outside the working directory's
/// tree thus has every configuration at or above it counted here, below the shared ancestor.
/// (Those deeper inside an input directory are met by discovery.) Sorted, without duplicates.
pub fn inside_inputs(inputs: &[PathBuf], cwd: &Path) -> Vec<PathBuf> {
    let cwd = absolute(cwd, cwd);
    let mut found = Vec::new();
    for input in inputs {
        for dir in start_of(input, &cwd).ancestors() {
            if cwd.starts_with(dir) {
                break;
            }
            found.extend(
                FILE_NAMES
                    .iter()
                    .map(|n| dir.join(n))
                    .filter(|p| p.is_file()),
            );
            if dir.join(".git").exists() {
                break;
            }
        }
    }
    found.sort();
    found.dedup();
    found
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

    #[test]
    fn configuration_at_or_above_an_input_below_the_working_directory_is_the_inputs() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        std::fs::create_dir_all(root.join("repo/.git")).ok();
        std::fs::create_dir_all(root.join("repo/in/v/p/sub")).ok();
        std::fs::create_dir_all(root.join("elsewhere/pack")).ok();
        for f in [
            "repo/kakunin.yaml",
            "repo/in/kakunin.yml",
            "repo/in/v/p/kakunin.yaml",
            "elsewhere/kakunin.yaml",
            "elsewhere/pack/kakunin.yml",
        ] {
            std::fs::write(root.join(f), "").ok();
        }
        let cwd = root.join("repo");
        assert_eq!(for_user(&cwd), Some(root.join("repo/kakunin.yaml")));
        let inputs = [PathBuf::from("in/v/p/sub"), root.join("elsewhere/pack")];
        assert_eq!(
            inside_inputs(&inputs, &cwd),
            vec![
                root.join("elsewhere/kakunin.yaml"),
                root.join("elsewhere/pack/kakunin.yml"),
                root.join("repo/in/kakunin.yml"),
                root.join("repo/in/v/p/kakunin.yaml"),
            ]
        );
        // The working directory's own configuration is the user's, even when it is an input.
        assert!(inside_inputs(&[PathBuf::from(".")], &cwd).is_empty());
        let pack = root.join("repo/in/v/p");
        assert!(inside_inputs(&[PathBuf::from("sub")], &pack).is_empty());
    }
}
