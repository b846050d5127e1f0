//! One walk of a directory, yielding its packs as soon as each is complete. The walk is depth
//! first with every directory's entries sorted, so packs come in the order of their roots' paths
//! and a pack is complete when the walk leaves its root. A directory is a pack root when the walk
//! meets its `pack.yaml`/`pack.yml` as a regular file; until then a directory holding one is a
//! candidate, and a candidate whose pack file the walk skips (ignored, excluded) gives its files
//! to the pack around it.

use super::{
    Discovery, Skip, WalkProblem, display_path, is_config_file, is_pack_file_name, is_yaml,
};
use crate::model::code::Code;
use crate::policy::PathGlobs;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A directory that is, or may be, a pack root, while the walk is inside it.
struct Open {
    root: PathBuf,
    files: Vec<PathBuf>,
    /// The walk met the pack file (or the caller said the directory is a pack).
    confirmed: bool,
    /// Its place in the order packs are handed on.
    slot: usize,
}

/// A complete pack: its root and its YAML files.
type Found = (PathBuf, Vec<PathBuf>);

/// Where a directory that was a candidate ends up: `None` while the walk is inside it, then a
/// pack, or nothing when it turned out not to be one.
type Slot = Option<Option<Found>>;

/// Packs in root order: each slot is filled when its pack is complete, emptied when the
/// candidate turned out not to be a pack; the front is handed on as soon as it is settled.
#[derive(Default)]
struct InOrder {
    first: usize,
    slots: VecDeque<Slot>,
}

impl InOrder {
    fn reserve(&mut self) -> usize {
        self.slots.push_back(None);
        self.first + self.slots.len() - 1
    }

    fn settle(&mut self, slot: usize, pack: Option<Found>, emit: Emit) {
        if let Some(entry) = self.slots.get_mut(slot - self.first) {
            *entry = Some(pack);
        }
        while let Some(Some(_)) = self.slots.front() {
            if let Some(Some(Some((root, files)))) = self.slots.pop_front() {
                emit(root, files);
            }
            self.first += 1;
        }
    }
}

type Emit<'e> = &'e mut dyn FnMut(PathBuf, Vec<PathBuf>);

fn has_pack_file(dir: &Path) -> bool {
    ["pack.yaml", "pack.yml"].iter().any(|name| {
        std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.file_type().is_file())
    })
}

/// Closes the innermost open directory: a confirmed pack is settled; a candidate's files go to
/// the directory around it.
fn close(open: &mut Vec<Open>, order: &mut InOrder, emit: Emit) {
    let Some(done) = open.pop() else {
        return;
    };
    if done.confirmed {
        order.settle(done.slot, Some((done.root, done.files)), emit);
    } else {
        if let Some(outer) = open.last_mut() {
            outer.files.extend(done.files);
        }
        order.settle(done.slot, None, emit);
    }
}

/// Whether `dir` is a pack root: it holds a pack file that is a regular file and that the
/// configuration's `exclude` does not leave out.
fn is_pack_root(dir: &Path, exclude: Option<&PathGlobs>, cwd: &Path) -> bool {
    ["pack.yaml", "pack.yml"].iter().any(|name| {
        let file = dir.join(name);
        std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_file())
            && !exclude.is_some_and(|g| g.matches(&file, cwd))
    })
}

/// A version-control directory: its contents are the tool's, not documents of the pack.
fn is_vcs_dir(e: &ignore::DirEntry) -> bool {
    e.file_type().is_some_and(|t| t.is_dir())
        && e.file_name()
            .to_str()
            .is_some_and(|n| VCS_DIRS.contains(&n))
}

const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn"];

/// How many entries of a VCS directory are looked at for YAML files before it is named anyway.
const VCS_SCAN_LIMIT: usize = 20_000;

/// Whether a VCS directory holds a YAML file (which the pack walk does not read), looked for
/// without following links; a directory too large or unreadable to look through counts as
/// holding one, so nothing is skipped unnamed.
fn holds_yaml(dir: &Path) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    let mut seen = 0usize;
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            return true;
        };
        for entry in entries {
            seen += 1;
            let Ok(entry) = entry else { return true };
            if seen > VCS_SCAN_LIMIT {
                return true;
            }
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) if super::is_yaml(&entry.path()) => return true,
                Ok(_) => {}
                Err(_) => return true,
            }
        }
    }
    false
}

/// Walks `dir`, handing each pack found (its root and YAML files) to `emit` in root order.
/// `forced`: `dir` is a pack whether or not the walk meets its pack file. Problems met and
/// configuration files go to `out`.
///
/// Outside packs the walk only looks for pack roots, and honours `.gitignore`/`.ignore` and
/// skips hidden directories (build output, caches). Once inside a pack root every file is the
/// pack's: ignore files do not apply and hidden files are read (see [`walk_pack`]).
pub(super) fn walk(dir: &Path, forced: bool, skip: Skip, out: &mut Discovery, emit: Emit) {
    let cwd = skip.cwd;
    if forced || super::enclosing_root(dir).is_some() {
        walk_pack(dir, forced, skip, out, emit);
        return;
    }
    let (exclude, base) = (skip.exclude.cloned(), cwd.to_path_buf());
    // The last directory asked about, and whether it is a pack root: entries come directory
    // by directory, so this asks once per directory.
    let last: Mutex<Option<(PathBuf, bool)>> = Mutex::new(None);
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if exclude.as_ref().is_some_and(|g| g.matches(e.path(), &base)) {
                return false;
            }
            // The entries of a pack root are walked by the pack's own walk.
            let Some(parent) = e.path().parent() else {
                return true;
            };
            let Ok(mut last) = last.lock() else {
                return true;
            };
            match &*last {
                Some((dir, is_pack)) if dir == parent => !is_pack,
                _ => {
                    let is_pack = is_pack_root(parent, exclude.as_ref(), &base);
                    *last = Some((parent.to_path_buf(), is_pack));
                    !is_pack
                }
            }
        })
        .build();
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                out.problems.push(walk_error(&err, dir, cwd));
                continue;
            }
        };
        let path = e.path();
        let kind = e.file_type();
        let is_file = kind.is_some_and(|t| t.is_file());
        let is_dir = kind.is_some_and(|t| t.is_dir());
        if let Some(problem) = super::unusual::name(path, cwd) {
            out.problems.push(problem);
        }
        if is_dir {
            if e.depth() > 0 && is_pack_root(path, skip.exclude, cwd) {
                walk_pack(path, false, skip, out, emit);
            }
        } else if is_file && is_config_file(path) {
            if !out.configs.iter().any(|c| c == path) {
                out.configs.push(path.to_path_buf());
            }
        } else if !is_file {
            out.problems
                .extend(super::unusual::entry(dir, path, kind, is_yaml(path), cwd));
        }
    }
}

fn walk_error(err: &ignore::Error, dir: &Path, cwd: &Path) -> WalkProblem {
    let path = match err {
        ignore::Error::WithPath { path, .. } => display_path(path, cwd),
        _ => display_path(dir, cwd),
    };
    WalkProblem {
        path,
        rule: Code::FileUnreadable,
        variant: "io",
        detail: match err.io_error() {
            Some(io) => (
                crate::i18n::io_reason(io, crate::i18n::Lang::En),
                crate::i18n::io_reason(io, crate::i18n::Lang::Ja),
            ),
            None => (err.to_string(), format!("（システムの表示: {err}）")),
        },
    }
}

/// Walks `dir`, a pack root or a directory inside one. Every file is the pack's: no ignore
/// file applies and hidden files and directories are read; only the configuration's
/// `exclude` leaves paths out. Version-control directories (`.git`) are not read, and each is
/// reported.
fn walk_pack(dir: &Path, forced: bool, skip: Skip, out: &mut Discovery, emit: Emit) {
    let cwd = skip.cwd;
    let (exclude, base) = (skip.exclude.cloned(), cwd.to_path_buf());
    let vcs: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
    let vcs_seen = Arc::clone(&vcs);
    let walker = ignore::WalkBuilder::new(dir)
        // No hidden-file skipping and no ignore files of any kind (`.ignore`, `.gitignore` here
        // or above, global, `info/exclude`): inside a pack every file is the pack's.
        .standard_filters(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if exclude.as_ref().is_some_and(|g| g.matches(e.path(), &base)) {
                return false;
            }
            if is_vcs_dir(e) {
                if let Ok(mut seen) = vcs_seen.lock() {
                    seen.push(e.path().to_path_buf());
                }
                return false;
            }
            true
        })
        .build();
    let mut open: Vec<Open> = Vec::new();
    let mut order = InOrder::default();
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                out.problems.push(walk_error(&err, dir, cwd));
                continue;
            }
        };
        let path = e.path();
        while open.last().is_some_and(|o| !path.starts_with(&o.root)) {
            close(&mut open, &mut order, emit);
        }
        let kind = e.file_type();
        let is_file = kind.is_some_and(|t| t.is_file());
        let is_dir = kind.is_some_and(|t| t.is_dir());
        if let Some(problem) = super::unusual::name(path, cwd) {
            out.problems.push(problem);
        }
        if is_dir {
            let is_forced = forced && e.depth() == 0;
            if is_forced || has_pack_file(path) {
                let slot = order.reserve();
                open.push(Open {
                    root: path.to_path_buf(),
                    files: Vec::new(),
                    confirmed: is_forced,
                    slot,
                });
            }
        } else if is_file && is_config_file(path) {
            if !out.configs.iter().any(|c| c == path) {
                out.configs.push(path.to_path_buf());
            }
        } else if is_file && is_yaml(path) {
            if let Some(top) = open.last_mut() {
                let name = path.file_name().and_then(|n| n.to_str());
                if name.is_some_and(is_pack_file_name) && path.parent() == Some(top.root.as_path())
                {
                    top.confirmed = true;
                }
                top.files.push(path.to_path_buf());
            }
        } else if !is_file {
            let yaml_name = is_yaml(path);
            out.problems
                .extend(super::unusual::entry(dir, path, kind, yaml_name, cwd));
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut order, emit);
    }
    if let Ok(seen) = vcs.lock() {
        // Only a VCS directory that holds what would otherwise be read is named: a pack kept
        // in its own repository (`.git` beside pack.yaml) is the common case, not a finding.
        for path in seen.iter().filter(|p| holds_yaml(p)) {
            out.problems.push(WalkProblem {
                path: display_path(path, cwd),
                rule: Code::InputPath,
                variant: "vcs_dir",
                detail: Default::default(),
            });
        }
    }
}
