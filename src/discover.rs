//! Finding packs: walk the inputs (honouring .gitignore, skipping hidden directories and the
//! configuration's `exclude` globs), find pack roots (`pack.yaml`/`pack.yml`), and give each pack
//! its YAML files, sorted. Configuration files (`kakunin.yaml`) are never pack documents.

use crate::model::load::PackFile;
use crate::policy::PathGlobs;
use ignore::{WalkBuilder, WalkState};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A pack to load: its root and its files, `pack.yaml` first.
pub struct PackInput {
    pub root: PathBuf,
    pub root_display: String,
    pub files: Vec<PackFile>,
}

/// A path that could not be walked or read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    pub path: String,
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

/// What one walk found, gathered from the walker's threads.
#[derive(Default)]
struct Found {
    yaml: Vec<PathBuf>,
    configs: Vec<PathBuf>,
    problems: Vec<WalkProblem>,
}

impl Found {
    fn add(&mut self, entry: Result<ignore::DirEntry, ignore::Error>, dir: &Path, cwd: &Path) {
        match entry {
            Ok(e) => {
                let is_file = e.file_type().is_some_and(|t| t.is_file());
                if is_file && is_config_file(e.path()) {
                    self.configs.push(e.into_path());
                } else if is_file && is_yaml(e.path()) {
                    self.yaml.push(e.into_path());
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => display_path(path, cwd),
                    _ => display_path(dir, cwd),
                };
                self.problems.push(WalkProblem {
                    path,
                    detail: err.to_string(),
                });
            }
        }
    }
}

/// Walks `dir`: a pack root on this thread (one pack is small, and the pre-commit case wants
/// no thread start-up), any other directory on several threads (the walk of a repository is a
/// large share of the work). Results are sorted, so the order paths are met in does not show.
fn walk(dir: &Path, yaml: &mut BTreeSet<PathBuf>, out: &mut Discovery, skip: Skip) {
    let cwd = skip.cwd;
    let (exclude, base) = (skip.exclude.cloned(), cwd.to_path_buf());
    let mut builder = WalkBuilder::new(dir);
    builder
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |e| {
            e.depth() == 0 || !exclude.as_ref().is_some_and(|g| g.matches(e.path(), &base))
        });
    let mut found = Found::default();
    if ["pack.yaml", "pack.yml"]
        .iter()
        .any(|n| dir.join(n).is_file())
    {
        for entry in builder.build() {
            found.add(entry, dir, cwd);
        }
    } else {
        let shared = Mutex::new(found);
        builder.build_parallel().run(|| {
            let shared = &shared;
            Box::new(move |entry| {
                let mut found = shared.lock().unwrap_or_else(|e| e.into_inner());
                found.add(entry, dir, cwd);
                WalkState::Continue
            })
        });
        found = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    }
    yaml.extend(found.yaml);
    found.configs.sort();
    for config in found.configs {
        if !out.configs.contains(&config) {
            out.configs.push(config);
        }
    }
    found
        .problems
        .sort_by(|a, b| (&a.path, &a.detail).cmp(&(&b.path, &b.detail)));
    out.problems.extend(found.problems);
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
    out
}

fn is_pack_file_name_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_pack_file_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(root: &Path, name: &str) {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, "a: 1\n").expect("write");
    }

    /// (pack root as displayed, its files as displayed) for each pack found.
    fn found(cwd: &Path, inputs: &[&str]) -> Vec<(String, Vec<String>)> {
        let inputs: Vec<PathBuf> = inputs.iter().map(|i| cwd.join(i)).collect();
        discover(&inputs, cwd)
            .packs
            .iter()
            .map(|p| {
                let files = p.files.iter().map(|f| f.display.clone()).collect();
                (p.root_display.clone(), files)
            })
            .collect()
    }

    #[test]
    fn files_go_to_the_nearest_pack_pack_file_first_then_by_path() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        for name in [
            "repo/a/pack.yaml",
            "repo/a/b.yaml",
            "repo/a/contracts/x.yml",
            "repo/a/inner/pack.yml",
            "repo/a/inner/deep/y.yaml",
            "repo/a/notes.txt",
            "repo/a/.hidden/z.yaml",
            "repo/a/skipped/w.yaml",
            "repo/a/kakunin.yaml",
            "repo/c/pack.yaml",
            "repo/loose.yaml",
        ] {
            touch(root, name);
        }
        std::fs::write(root.join("repo/.gitignore"), "skipped/\n").expect("write");
        let packs = found(root, &["repo"]);
        let expected = vec![
            (
                "repo/a".to_owned(),
                vec![
                    "repo/a/pack.yaml",
                    "repo/a/b.yaml",
                    "repo/a/contracts/x.yml",
                ],
            ),
            (
                "repo/a/inner".to_owned(),
                vec!["repo/a/inner/pack.yml", "repo/a/inner/deep/y.yaml"],
            ),
            ("repo/c".to_owned(), vec!["repo/c/pack.yaml"]),
        ];
        let expected: Vec<(String, Vec<String>)> = expected
            .into_iter()
            .map(|(r, f)| (r, f.into_iter().map(str::to_owned).collect()))
            .collect();
        assert_eq!(packs, expected);
        let configs = discover(&[root.join("repo")], root).configs;
        assert_eq!(configs, vec![root.join("repo/a/kakunin.yaml")]);
    }

    #[test]
    fn a_file_or_a_directory_inside_a_pack_selects_that_pack_only() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        for name in [
            "a/pack.yaml",
            "a/contracts/x.yaml",
            "b/pack.yaml",
            "b/y.yaml",
        ] {
            touch(root, name);
        }
        let a = || {
            vec![(
                "a".to_owned(),
                vec!["a/pack.yaml".to_owned(), "a/contracts/x.yaml".to_owned()],
            )]
        };
        assert_eq!(found(root, &["a/contracts/x.yaml"]), a());
        assert_eq!(found(root, &["a/contracts"]), a());
        assert_eq!(found(root, &["a"]), a());
        assert_eq!(found(root, &["."]).len(), 2);
    }
}
