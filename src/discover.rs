//! Finding packs: walk the inputs, find pack roots (`pack.yaml`/`pack.yml`), and give each pack
//! its YAML files (`.yaml`/`.yml` in any case), sorted. Looking for packs honours `.gitignore`
//! and skips hidden directories; inside a pack root the pack decides nothing: no ignore file
//! applies, hidden files are read, and only the configuration's `exclude` leaves paths out.
//! Configuration files (`kakunin.yaml`) are never pack documents.
//! Symbolic links are never followed, and files that are not regular files never opened: each is
//! reported (see [`unusual`]).

mod packs;
#[cfg(test)]
mod tests;
mod unusual;

use crate::model::code::Code;
use crate::model::load::PackFile;
use crate::policy::PathGlobs;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A pack to load: its root and its files, `pack.yaml` first.
pub struct PackInput {
    pub root: PathBuf,
    pub root_display: String,
    pub files: Vec<PackFile>,
}

/// A path that could not be walked or read, or that the walk did not follow, with the reason:
/// a finding of `rule` with message `variant`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub path: String,
    pub rule: Code,
    pub variant: &'static str,
    /// The reason in English and in Japanese (empty when the variant says it all).
    pub detail: (String, String),
}

#[derive(Default)]
pub struct Discovery {
    pub packs: Vec<PackInput>,
    pub problems: Vec<WalkProblem>,
    /// Inputs that do not exist.
    pub missing_inputs: Vec<String>,
    /// File inputs that are not inside any pack.
    pub outside_packs: Vec<String>,
    /// Configuration files met below the inputs (they are not pack documents).
    pub configs: Vec<PathBuf>,
}

/// What the walk leaves out besides hidden and git-ignored paths.
#[derive(Clone, Copy)]
struct Skip<'a> {
    exclude: Option<&'a PathGlobs>,
    cwd: &'a Path,
}

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::config::FILE_NAMES.contains(&n))
}

/// A path as users see it: relative to the working directory where possible, `/`-separated.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path);
    let text = shown.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("./").unwrap_or(&text).to_owned();
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

fn is_pack_file_name(name: &str) -> bool {
    name == "pack.yaml" || name == "pack.yml"
}

/// A YAML file name: `.yaml` or `.yml` in any case (`.YAML`, `.Yml`).
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The nearest directory at or above `dir` holding a pack file.
fn enclosing_root(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        if ["pack.yaml", "pack.yml"]
            .iter()
            .any(|n| d.join(n).is_file())
        {
            return Some(d.to_path_buf());
        }
        current = d.parent().filter(|p| !p.as_os_str().is_empty());
    }
    None
}

/// Finds the packs that `inputs` select.
pub fn discover(inputs: &[PathBuf], cwd: &Path) -> Discovery {
    discover_excluding(inputs, cwd, None)
}

/// Finds the packs that `inputs` select, leaving out paths that match `exclude`.
pub fn discover_excluding(
    inputs: &[PathBuf],
    cwd: &Path,
    exclude: Option<&PathGlobs>,
) -> Discovery {
    let mut packs = Vec::new();
    let mut out = discover_each(inputs, cwd, exclude, &mut |pack| packs.push(pack));
    out.packs = packs;
    out
}

/// Finds the packs that `inputs` select, leaving out paths that match `exclude`, and hands each
/// to `each` in root order as soon as the walk is done with it. The discovery returned has no
/// packs.
pub fn discover_each(
    inputs: &[PathBuf],
    cwd: &Path,
    exclude: Option<&PathGlobs>,
    each: &mut dyn FnMut(PackInput),
) -> Discovery {
    let skip = Skip { exclude, cwd };
    let mut out = Discovery::default();
    let mut walk_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let mut selected_roots: BTreeSet<PathBuf> = BTreeSet::new();
    for input in inputs {
        let meta = std::fs::metadata(input);
        match meta {
            Err(_) => out.missing_inputs.push(display_path(input, cwd)),
            Ok(m) if m.is_dir() => {
                walk_dirs.insert(input.clone());
            }
            Ok(_) => match enclosing_root(input.parent().unwrap_or(Path::new("."))) {
                Some(root) => {
                    selected_roots.insert(root.clone());
                    walk_dirs.insert(root);
                }
                None => out.outside_packs.push(display_path(input, cwd)),
            },
        }
    }
    // A pack is handed on from a directory input, or from a file input inside it; a file input
    // selects only its own pack, not the packs below it.
    let chosen = |root: &Path, selected: &BTreeSet<PathBuf>| {
        selected.contains(root)
            || walk_dirs
                .iter()
                .any(|d| root.starts_with(d) && !selected.contains(d))
    };
    let make = |root: PathBuf, files: Vec<PathBuf>| pack_input(root, files, cwd);
    if streamable(&walk_dirs) {
        // No input is inside another or inside a pack: the walks meet each pack once, and in
        // root order.
        for dir in &walk_dirs {
            let mut found = false;
            packs::walk(dir, false, skip, &mut out, &mut |root, files| {
                found = true;
                if chosen(&root, &selected_roots) {
                    each(make(root, files));
                }
            });
            // The input is a pack whose pack file the walk skipped: it is still the pack chosen.
            // The walk met no pack file below it either, so this walk yields that pack alone.
            if !found && enclosing_root(dir).as_ref() == Some(dir) {
                packs::walk(dir, true, skip, &mut out, &mut |root, files| {
                    each(make(root, files));
                });
            }
        }
    } else {
        // Inputs overlap: every pack is gathered first, then handed on once, in root order.
        let mut found: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        for dir in &walk_dirs {
            packs::walk(dir, false, skip, &mut out, &mut |root, files| {
                found.entry(root).or_insert(files);
            });
        }
        // A directory inside a pack (with no pack below it) selects the pack it is in.
        for dir in &walk_dirs {
            if !found.keys().any(|r| r.starts_with(dir))
                && let Some(root) = enclosing_root(dir)
            {
                packs::walk(&root, true, skip, &mut out, &mut |root, files| {
                    found.entry(root).or_insert(files);
                });
                selected_roots.insert(root);
            }
        }
        for (root, files) in found {
            if chosen(&root, &selected_roots) {
                each(make(root, files));
            }
        }
    }
    sort_problems(&mut out.problems);
    out.configs.sort();
    out.configs.dedup();
    out
}

/// Whether the walks of `dirs` can hand packs on as they go: no directory is inside another,
/// and none is inside a pack.
fn streamable(dirs: &BTreeSet<PathBuf>) -> bool {
    let mut previous: Option<&PathBuf> = None;
    for dir in dirs {
        // Sorted paths put a directory right before what is inside it.
        if previous.is_some_and(|p| dir.starts_with(p)) {
            return false;
        }
        if dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .and_then(enclosing_root)
            .is_some()
        {
            return false;
        }
        previous = Some(dir);
    }
    true
}

fn pack_input(root: PathBuf, mut files: Vec<PathBuf>, cwd: &Path) -> PackInput {
    let is_root_pack_file =
        |p: &Path| p.parent() == Some(root.as_path()) && is_pack_file_name_path(p);
    files.sort_by(|a, b| (!is_root_pack_file(a), a).cmp(&(!is_root_pack_file(b), b)));
    PackInput {
        root_display: display_path(&root, cwd),
        files: files
            .into_iter()
            .map(|p| PackFile {
                display: display_path(&p, cwd),
                path: p,
            })
            .collect(),
        root,
    }
}

/// Problems in path order, whatever order the directories were read in, each once (a pack met
/// from two inputs is walked twice).
fn sort_problems(problems: &mut Vec<WalkProblem>) {
    problems.sort_by(|a, b| (&a.path, a.variant).cmp(&(&b.path, b.variant)));
    problems.dedup();
}

fn is_pack_file_name_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_pack_file_name)
}
