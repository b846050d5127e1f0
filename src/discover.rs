//! Finding packs: walk the inputs (honouring .gitignore, skipping hidden directories and the
//! configuration's `exclude` globs), find pack roots (`pack.yaml`/`pack.yml`), and give each pack
//! its YAML files, sorted. Configuration files (`kakunin.yaml`) are never pack documents.
//! Symbolic links are never followed, and files that are not regular files never opened: each is
//! reported (see [`unusual`]).

mod unusual;

use crate::model::load::PackFile;
use crate::policy::PathGlobs;
use ignore::WalkBuilder;
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
    pub rule: &'static str,
    pub variant: &'static str,
    pub detail: String,
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

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
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

fn walk(dir: &Path, yaml: &mut BTreeSet<PathBuf>, out: &mut Discovery, skip: Skip) {
    let cwd = skip.cwd;
    let (exclude, base) = (skip.exclude.cloned(), cwd.to_path_buf());
    let walker = WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |e| {
            e.depth() == 0 || !exclude.as_ref().is_some_and(|g| g.matches(e.path(), &base))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let kind = e.file_type();
                let is_file = kind.is_some_and(|t| t.is_file());
                if let Some(problem) = unusual::name(e.path(), cwd) {
                    out.problems.push(problem);
                }
                if is_file && is_config_file(e.path()) {
                    if !out.configs.iter().any(|c| c == e.path()) {
                        out.configs.push(e.path().to_path_buf());
                    }
                } else if is_file && is_yaml(e.path()) {
                    yaml.insert(e.path().to_path_buf());
                } else if !is_file && !kind.is_some_and(|t| t.is_dir()) {
                    let yaml_name = is_yaml(e.path());
                    out.problems
                        .extend(unusual::entry(dir, e.path(), kind, yaml_name, cwd));
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => display_path(path, cwd),
                    _ => display_path(dir, cwd),
                };
                out.problems.push(WalkProblem {
                    path,
                    rule: "file-unreadable",
                    variant: "io",
                    detail: err.to_string(),
                });
            }
        }
    }
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
    let mut yaml = BTreeSet::new();
    for dir in &walk_dirs {
        walk(dir, &mut yaml, &mut out, skip);
    }
    let mut roots: BTreeSet<PathBuf> = yaml
        .iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_pack_file_name)
        })
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    // A directory inside a pack (with no pack below it) selects the pack it is in.
    for dir in &walk_dirs {
        if !roots.iter().any(|r| r.starts_with(dir))
            && let Some(root) = enclosing_root(dir)
        {
            walk(&root, &mut yaml, &mut out, skip);
            roots.insert(root.clone());
            selected_roots.insert(root);
        }
    }
    let mut files: BTreeMap<PathBuf, Vec<PathBuf>> =
        roots.iter().map(|r| (r.clone(), Vec::new())).collect();
    for file in yaml {
        let owner = file.ancestors().skip(1).find(|a| roots.contains(*a));
        if let Some(root) = owner
            && let Some(list) = files.get_mut(root)
        {
            list.push(file);
        }
    }
    for (root, mut list) in files {
        // A file input selects only its own pack, not every pack beside it.
        let from_dir = walk_dirs
            .iter()
            .any(|d| root.starts_with(d) && !selected_roots.contains(d));
        if !from_dir && !selected_roots.contains(&root) {
            continue;
        }
        let is_root_pack_file =
            |p: &Path| p.parent() == Some(root.as_path()) && is_pack_file_name_path(p);
        list.sort_by_key(|p| (!is_root_pack_file(p), p.clone()));
        out.packs.push(PackInput {
            root_display: display_path(&root, cwd),
            files: list
                .into_iter()
                .map(|p| PackFile {
                    display: display_path(&p, cwd),
                    path: p,
                })
                .collect(),
            root,
        });
    }
    sort_problems(&mut out.problems);
    out
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
