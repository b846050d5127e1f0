//! One walk of a directory, yielding its packs as soon as each is complete. The walk is depth
//! first with every directory's entries sorted, so packs come in the order of their roots' paths
//! and a pack is complete when the walk leaves its root. A directory is a pack root when the walk
//! meets its `pack.yaml`/`pack.yml` as a regular file; until then a directory holding one is a
//! candidate, and a candidate whose pack file the walk skips (ignored, excluded) gives its files
//! to the pack around it.

use super::{
    Discovery, Skip, WalkProblem, display_path, is_config_file, is_pack_file_name, is_yaml,
};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

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

/// Walks `dir`, handing each pack found (its root and YAML files) to `emit` in root order.
/// `forced`: `dir` is a pack whether or not the walk meets its pack file. Problems met and
/// configuration files go to `out`.
pub(super) fn walk(dir: &Path, forced: bool, skip: Skip, out: &mut Discovery, emit: Emit) {
    let cwd = skip.cwd;
    let (exclude, base) = (skip.exclude.cloned(), cwd.to_path_buf());
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            e.depth() == 0 || !exclude.as_ref().is_some_and(|g| g.matches(e.path(), &base))
        })
        .build();
    let mut open: Vec<Open> = Vec::new();
    let mut order = InOrder::default();
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
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
}
