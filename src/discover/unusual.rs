//! What the walk meets besides directories and regular files — symbolic links (never followed),
//! FIFOs, sockets and devices (never opened) — and file names that cannot be shown as they are.
//! Each becomes a finding, so nothing in a pack is passed over silently.

use super::{WalkProblem, display_path};
use crate::confine::{Resolved, resolve_inside};
use crate::model::code::Code;
use std::fs::FileType;
use std::path::Path;

fn problem(path: &Path, cwd: &Path, rule: Code, variant: &'static str) -> WalkProblem {
    WalkProblem {
        path: display_path(path, cwd),
        rule,
        variant,
        detail: Default::default(),
    }
}

/// A link or a special file met below `tree` (the directory being walked), if it is worth a
/// finding: links that name a YAML file, lead to a directory, or lead nowhere or outside the
/// tree; special files of any name. A link to a regular non-YAML file inside the tree (evidence
/// kept once and linked) is left to the `evidence-path` rule.
pub fn entry(
    tree: &Path,
    path: &Path,
    kind: Option<FileType>,
    yaml_name: bool,
    cwd: &Path,
) -> Option<WalkProblem> {
    let Some(kind) = kind else {
        return Some(problem(path, cwd, Code::InputPath, "special"));
    };
    if !kind.is_symlink() {
        // A FIFO, socket or device: never opened. A YAML name means a pack file is missing.
        return Some(if yaml_name {
            problem(path, cwd, Code::FileUnreadable, "not_file")
        } else {
            problem(path, cwd, Code::InputPath, "special")
        });
    }
    let relative = path.strip_prefix(tree).unwrap_or(path);
    let variant = match resolve_inside(tree, relative) {
        Resolved::Outside => "symlink_outside",
        Resolved::Missing => "symlink_broken",
        Resolved::Loop => "symlink_loop",
        Resolved::Inside(target) => {
            let is_dir = std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir());
            if !is_dir && !yaml_name {
                return None;
            }
            let mut found = problem(path, cwd, Code::InputPath, "symlink");
            let target = display_path(&target, cwd);
            found.detail = (target.clone(), target);
            return Some(found);
        }
    };
    Some(problem(path, cwd, Code::InputPath, variant))
}

/// A file name that is not valid UTF-8, or holds control or bidirectional-override characters.
pub fn name(path: &Path, cwd: &Path) -> Option<WalkProblem> {
    let name = path.file_name()?;
    let unusual = match name.to_str() {
        None => true,
        Some(text) => text.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        }),
    };
    unusual.then(|| problem(path, cwd, Code::InputPath, "name"))
}
