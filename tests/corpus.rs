//! The benchmark corpus generator (`benches/corpus/`): deterministic bytes, packs of the
//! promised shape, and packs that `kakunin check` judges as intended (each defect reported by
//! its rule, compliant packs clean). Also: two runs over many packs on several threads give
//! byte-identical JSON and human output.

#[path = "../benches/corpus/mod.rs"]
mod corpus;
mod support;

use assert_cmd::Command;
use corpus::{Defect, GeneratedPack, generate_pack, generate_pack_with, write_corpus};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use support::TODAY;

const SEED: u64 = 5;

/// `kakunin` run in `dir`, with no language or date from the environment.
fn kakunin(dir: &Path) -> Command {
    let mut cmd = support::kakunin();
    cmd.current_dir(dir);
    cmd
}

/// Every file below `dir` with its bytes, by path relative to `dir`.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("below root");
                let bytes = std::fs::read(&path).expect("read");
                out.insert(rel.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn the_generator_writes_the_same_bytes_for_the_same_seed() {
    for index in [0, 1, 17, 999] {
        assert_eq!(generate_pack(SEED, index), generate_pack(SEED, index));
        assert_ne!(generate_pack(SEED, index), generate_pack(SEED + 1, index));
    }
    let (a, b) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let summary = write_corpus(a.path(), SEED, 30).expect("write");
    assert_eq!(write_corpus(b.path(), SEED, 30).expect("write"), summary);
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert!(ta.len() > 30 * 6, "{} files", ta.len());
    assert_eq!(ta, tb);
}

#[test]
fn generated_packs_have_the_shape_of_the_examples() {
    let packs: Vec<GeneratedPack> = (0..2000).map(|i| generate_pack(SEED, i)).collect();
    let mut sizes = BTreeSet::new();
    for pack in &packs {
        let yaml = pack.yaml_files().count();
        assert!((6..=9).contains(&yaml), "{}: {yaml} YAML files", pack.dir);
        sizes.insert(yaml);
        assert!(pack.files.iter().any(|(name, _)| name == "pack.yaml"));
        let text = String::from_utf8(pack.files[0].1.clone()).expect("UTF-8");
        assert!(text.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)));
    }
    assert_eq!(sizes.len(), 4, "every size from 6 to 9 occurs: {sizes:?}");
    let dirs: BTreeSet<&str> = packs.iter().map(|p| p.dir.as_str()).collect();
    assert_eq!(dirs.len(), packs.len(), "pack directories are distinct");
    let violating = packs.iter().filter(|p| !p.defects.is_empty()).count();
    assert!(
        (60..=140).contains(&violating),
        "{violating} of 2000 violate"
    );
    let multi = packs
        .iter()
        .filter(|p| {
            p.yaml_files()
                .any(|(n, _)| n.contains("sub-") || n.contains("mnt-"))
        })
        .count();
    assert!(
        (600..=1400).contains(&multi),
        "{multi} of 2000 are multi-vendor"
    );
}

/// A pack given exactly `defect` (the first index, from one of the defect's own, whose pack can
/// carry it).
fn pack_with(defect: Defect) -> GeneratedPack {
    let base = 1_000_000 + 1_000 * defect as usize;
    (base..base + 200)
        .map(|i| generate_pack_with(SEED, i, &[defect]))
        .find(|p| p.defects == [defect])
        .unwrap_or_else(|| panic!("no pack can carry {defect:?}"))
}

#[test]
fn generated_packs_fail_exactly_when_they_carry_defects() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut packs: Vec<GeneratedPack> = (0..80).map(|i| generate_pack(SEED, i)).collect();
    packs.extend(Defect::ALL.iter().map(|d| pack_with(*d)));
    for pack in &packs {
        pack.write(dir.path()).expect("write");
    }
    let out = kakunin(dir.path())
        .args(["check", ".", "--format", "json", "--today", TODAY])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut rules_by_dir: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for finding in value["findings"].as_array().expect("findings") {
        let file = finding["file"].as_str().expect("file");
        let pack = packs
            .iter()
            .find(|p| file.starts_with(&format!("{}/", p.dir)))
            .unwrap_or_else(|| panic!("finding outside every pack: {finding:#}"));
        let rule = finding["rule"].as_str().expect("rule");
        rules_by_dir.entry(&pack.dir).or_default().insert(rule);
    }
    let mut violating = 0;
    for pack in &packs {
        let found = rules_by_dir
            .get(pack.dir.as_str())
            .cloned()
            .unwrap_or_default();
        let expected: BTreeSet<&str> = pack.defects.iter().map(|d| d.rule()).collect();
        assert!(
            found.is_superset(&expected),
            "{}: defects {:?} want {expected:?}, found {found:?}",
            pack.dir,
            pack.defects
        );
        assert_eq!(
            found.is_empty(),
            expected.is_empty(),
            "{}: {found:?}",
            pack.dir
        );
        violating += usize::from(!expected.is_empty());
    }
    assert_eq!(value["summary"]["packs"], packs.len());
    assert_eq!(value["summary"]["packs_with_findings"], violating);
    let clean = packs
        .iter()
        .find(|p| p.defects.is_empty())
        .expect("a clean pack");
    kakunin(dir.path())
        .args(["check", &clean.dir, "--today", TODAY])
        .assert()
        .code(0);
}

/// Output must not depend on thread scheduling: many packs, several threads, two runs.
#[test]
fn two_runs_over_many_packs_on_several_threads_are_byte_identical() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut packs: Vec<GeneratedPack> = (0..150).map(|i| generate_pack(SEED, i)).collect();
    packs.extend([Defect::DuplicateKey, Defect::EvidenceMissing].map(pack_with));
    for pack in &packs {
        pack.write(dir.path()).expect("write");
    }
    let run = |threads: &str| {
        let (json, human) = (dir.path().join("out.json"), dir.path().join("out.txt"));
        kakunin(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "customers", "--today", TODAY, "--lang", "ja"])
            .args(["--format", "json", "--output", "out.json"])
            .args(["--format", "human", "--output", "out.txt"])
            .assert()
            .code(1);
        let read = |p: &Path| std::fs::read(p).expect("output");
        (read(&json), read(&human))
    };
    let first = run("8");
    assert!(first.0.len() > 10_000 && first.1.len() > 10_000);
    assert_eq!(first, run("8"), "two runs on 8 threads differ");
    assert_eq!(first, run("3"), "3 threads differ from 8");
}
