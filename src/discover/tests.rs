//! Discovery: which packs the inputs select, with which files, in which order.

use super::*;

fn tree(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for file in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, "id: x\n").expect("write");
    }
    dir
}

/// (root, files), relative to the tree, in the order they were handed on.
fn found(dir: &Path, inputs: &[&str]) -> Vec<(String, Vec<String>)> {
    let inputs: Vec<PathBuf> = inputs.iter().map(|i| dir.join(i)).collect();
    let mut packs = Vec::new();
    discover_each(&inputs, dir, None, &mut |p| {
        let files = p.files.iter().map(|f| f.display.clone()).collect();
        packs.push((p.root_display, files));
    });
    packs
}

fn pack(root: &str, files: &[&str]) -> (String, Vec<String>) {
    (root.into(), files.iter().map(|f| f.to_string()).collect())
}

const NESTED: &[&str] = &[
    "b/pack.yaml",
    "b/c.yaml",
    "a/z.yaml",
    "a/pack.yaml",
    "a/inner/y.yaml",
    "a/inner/pack.yml",
    "a/evidence/x.yaml",
    "loose.yaml",
];

#[test]
fn packs_come_in_root_order_each_with_its_own_files() {
    let dir = tree(NESTED);
    assert_eq!(
        found(dir.path(), &["."]),
        vec![
            pack("a", &["a/pack.yaml", "a/evidence/x.yaml", "a/z.yaml"]),
            pack("a/inner", &["a/inner/pack.yml", "a/inner/y.yaml"]),
            pack("b", &["b/pack.yaml", "b/c.yaml"]),
        ]
    );
}

#[test]
fn overlapping_inputs_give_each_pack_once_in_root_order() {
    let dir = tree(NESTED);
    let all = found(dir.path(), &["."]);
    assert_eq!(found(dir.path(), &["b", ".", "a/inner"]), all);
}

#[test]
fn a_directory_or_file_inside_a_pack_selects_that_pack_only() {
    let dir = tree(NESTED);
    let a = pack("a", &["a/pack.yaml", "a/evidence/x.yaml", "a/z.yaml"]);
    assert_eq!(found(dir.path(), &["a/evidence"]), vec![a.clone()]);
    assert_eq!(found(dir.path(), &["a/z.yaml"]), vec![a.clone()]);
    let b = pack("b", &["b/pack.yaml", "b/c.yaml"]);
    assert_eq!(found(dir.path(), &["b/c.yaml", "a/z.yaml"]), vec![a, b]);
}

fn found_excluding(dir: &Path, inputs: &[&str], globs: &[&str]) -> Vec<(String, Vec<String>)> {
    let inputs: Vec<PathBuf> = inputs.iter().map(|i| dir.join(i)).collect();
    let mut builder = globset::GlobSetBuilder::new();
    for g in globs {
        builder.add(globset::Glob::new(g).expect("glob"));
    }
    let exclude = PathGlobs {
        base: dir.to_path_buf(),
        set: builder.build().expect("globset"),
        patterns: globs.iter().map(|g| g.to_string()).collect(),
    };
    let mut packs = Vec::new();
    discover_each(&inputs, dir, Some(&exclude), &mut |p| {
        let files = p.files.iter().map(|f| f.display.clone()).collect();
        packs.push((p.root_display, files));
    });
    packs
}

#[test]
fn a_skipped_pack_file_leaves_its_files_to_the_pack_around_it() {
    let dir = tree(&["a/pack.yaml", "a/sub/pack.yaml", "a/sub/w.yaml"]);
    assert_eq!(
        found_excluding(dir.path(), &["."], &["a/sub/pack.yaml"]),
        vec![pack("a", &["a/pack.yaml", "a/sub/w.yaml"])]
    );
}

#[test]
fn a_pack_given_directly_is_checked_even_when_its_pack_file_is_excluded() {
    let dir = tree(&["a/pack.yaml", "a/b.yaml"]);
    assert_eq!(
        found_excluding(dir.path(), &["a"], &["a/pack.yaml"]),
        vec![pack("a", &["a/b.yaml"])]
    );
}

#[test]
fn ignore_files_do_not_apply_inside_a_pack() {
    let dir = tree(&["a/pack.yaml", "a/b.yaml", "a/sub/c.yaml", "d/pack.yaml"]);
    std::fs::write(dir.path().join(".gitignore"), "b.yaml\n").expect("write");
    std::fs::write(dir.path().join("a/.ignore"), "sub/\n").expect("write");
    std::fs::write(dir.path().join("a/sub/.gitignore"), "*\n").expect("write");
    let a = pack("a", &["a/pack.yaml", "a/b.yaml", "a/sub/c.yaml"]);
    let d = pack("d", &["d/pack.yaml"]);
    assert_eq!(found(dir.path(), &["."]), vec![a.clone(), d]);
    assert_eq!(found(dir.path(), &["a"]), vec![a.clone()]);
    assert_eq!(found(dir.path(), &["a/b.yaml"]), vec![a]);
}

#[test]
fn ignore_files_and_hidden_directories_still_apply_to_finding_packs() {
    let dir = tree(&["build/pack.yaml", ".cache/pack.yaml", "live/pack.yaml"]);
    std::fs::write(dir.path().join(".gitignore"), "build/\n").expect("write");
    assert_eq!(
        found(dir.path(), &["."]),
        vec![pack("live", &["live/pack.yaml"])]
    );
}

#[test]
fn hidden_files_and_any_case_of_yaml_are_read_inside_a_pack() {
    let dir = tree(&[
        "a/pack.yaml",
        "a/.evil.yaml",
        "a/.hidden/x.yaml",
        "a/UPPER.YAML",
        "a/mixed.Yml",
        "a/evidence/sla.pdf",
    ]);
    assert_eq!(
        found(dir.path(), &["."]),
        vec![pack(
            "a",
            &[
                "a/pack.yaml",
                "a/.evil.yaml",
                "a/.hidden/x.yaml",
                "a/UPPER.YAML",
                "a/mixed.Yml"
            ]
        )]
    );
}

#[test]
fn a_version_control_directory_in_a_pack_is_not_read_and_is_named() {
    let dir = tree(&["a/pack.yaml", "a/.git/config.yaml", "a/.git/objects/x.yaml"]);
    let mut packs = Vec::new();
    let out = discover_each(&[dir.path().to_path_buf()], dir.path(), None, &mut |p| {
        packs.push(p.files.len())
    });
    assert_eq!(packs, [1]);
    let named: Vec<_> = out
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.variant))
        .collect();
    assert_eq!(named, [("a/.git", "vcs_dir")]);
}

#[test]
fn a_version_control_directory_without_yaml_is_not_named() {
    let dir = tree(&["a/pack.yaml", "a/.git/HEAD", "a/.git/objects/ab/cdef"]);
    let out = discover_each(&[dir.path().to_path_buf()], dir.path(), None, &mut |_| {});
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn each_pack_is_handed_on_while_the_walk_goes_on() {
    // A file written into `c` while `a` is handed on is among `c`'s files only if the walk has
    // not listed `c` yet: packs are handed on as the walk goes, not after it. (`a` is complete
    // when the walk meets `b`, whose entries it reads right then.)
    let dir = tree(&["a/pack.yaml", "b/pack.yaml", "c/pack.yaml"]);
    let root = dir.path().to_path_buf();
    let mut roots = Vec::new();
    let mut c_files = Vec::new();
    discover_each(std::slice::from_ref(&root), &root, None, &mut |p| {
        if p.root_display == "a" {
            std::fs::write(root.join("c/late.yaml"), "id: x\n").expect("write");
        }
        if p.root_display == "c" {
            c_files = p.files.iter().map(|f| f.display.clone()).collect();
        }
        roots.push(p.root_display);
    });
    assert_eq!(roots, ["a", "b", "c"]);
    assert_eq!(c_files, ["c/pack.yaml", "c/late.yaml"]);
}
