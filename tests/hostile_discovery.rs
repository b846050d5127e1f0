//! What a received pack cannot do to the set of files read or the rules run: ignore files
//! inside or above it do not drop its documents, hidden files and any case of `.yaml` are read,
//! what is not read (a `.git` directory) is named in a finding, and rule files it ships are
//! documents, never rules. Outside packs, ignore files and hidden directories still keep build
//! output and caches from being taken for packs.

mod support;

use std::path::Path;
use support::{copy_example, json, write};

/// A document that trips `unknown-key` wherever it is read.
const DEFECT: &str = "apiVersion: kakunin/v1\nkind: Parties\nparties: []\nsurprise: 1\n";

/// (rule, file) of every finding of `kakunin check --format json` in `dir`.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let value = json(dir, args);
    value["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or_default().to_owned(),
                        f["file"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn unknown_key_files(found: &[(String, String)]) -> Vec<&str> {
    found
        .iter()
        .filter(|(rule, _)| rule == "unknown-key")
        .map(|(_, file)| file.as_str())
        .collect()
}

#[test]
fn ignore_files_inside_or_above_a_pack_do_not_drop_its_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("single-vendor", &dir.path().join("p"), &[]);
    write(dir.path(), "p/dropped.yaml", DEFECT);
    write(dir.path(), "p/sub/deep.yaml", DEFECT);
    write(dir.path(), "p/above.yaml", DEFECT);
    write(dir.path(), "p/.gitignore", "dropped.yaml\n");
    write(dir.path(), "p/sub/.ignore", "*\n");
    write(dir.path(), ".gitignore", "p/above.yaml\n");
    let expected = ["p/above.yaml", "p/dropped.yaml", "p/sub/deep.yaml"];
    for input in [".", "p", "p/pack.yaml"] {
        let found = findings(dir.path(), &[input]);
        assert_eq!(
            unknown_key_files(&found),
            expected,
            "input {input}: {found:?}"
        );
    }
}

#[test]
fn hidden_files_and_upper_case_extensions_are_read_and_vcs_directories_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("single-vendor", &dir.path().join("p"), &[]);
    write(dir.path(), "p/.evil.yaml", DEFECT);
    write(dir.path(), "p/.hidden/x.yaml", DEFECT);
    write(dir.path(), "p/LOUD.YAML", DEFECT);
    write(dir.path(), "p/mixed.Yml", DEFECT);
    write(dir.path(), "p/.git/x.yaml", DEFECT);
    let found = findings(dir.path(), &["."]);
    assert_eq!(
        unknown_key_files(&found),
        [
            "p/.evil.yaml",
            "p/.hidden/x.yaml",
            "p/LOUD.YAML",
            "p/mixed.Yml"
        ],
        "{found:?}"
    );
    assert!(
        found.contains(&("input-path".to_owned(), "p/.git".to_owned())),
        "the .git directory is named: {found:?}"
    );
}

#[test]
fn a_clean_pack_with_ignore_files_and_evidence_has_no_finding() {
    // The control: ignore files, hidden non-YAML files and PDF evidence are no findings, and
    // ignore files outside packs still keep build output from being taken for a pack.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("single-vendor", &dir.path().join("p"), &[]);
    write(dir.path(), "p/.gitignore", "*.tmp\n");
    write(dir.path(), "p/.editorconfig", "root = true\n");
    write(dir.path(), ".gitignore", "build/\n");
    write(dir.path(), "build/pack.yaml", "not: [valid\n");
    write(dir.path(), ".cache/pack.yaml", "not: [valid\n");
    let value = json(dir.path(), &["."]);
    assert_eq!(value["summary"]["packs"], 1, "{value:#}");
    assert_eq!(value["summary"]["findings"], 0, "{value:#}");
}

/// A rule file in the format of `rules/`, with id `id`, that fires on every risk review of the
/// examples (a cadence over one day).
fn rule_file(id: &str) -> String {
    std::fs::read_to_string(support::root().join("rules/risk-review-cadence.yaml"))
        .expect("rule")
        .replace("id: risk-review-cadence", &format!("id: {id}"))
        .replace("max_review_cadence: P1Y", "max_review_cadence: P1D")
}

#[test]
fn rule_files_in_a_pack_are_documents_and_never_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git dir");
    copy_example("single-vendor", &dir.path().join("p"), &[]);
    // The user's own rule directory, beside the pack.
    write(dir.path(), "kakunin.yaml", "rule_dirs: [policy]\n");
    write(
        dir.path(),
        "policy/hospital-rule.yaml",
        &rule_file("hospital-rule"),
    );
    let control = json(dir.path(), &["."]);
    // The pack ships a rule directory and a configuration that names it.
    write(dir.path(), "p/kakunin.yaml", "rule_dirs: [policy]\n");
    write(
        dir.path(),
        "p/policy/pack-rule.yaml",
        &rule_file("pack-rule"),
    );
    let value = json(dir.path(), &["."]);
    assert_eq!(
        value["summary"]["rules"], control["summary"]["rules"],
        "{value:#}"
    );
    let found = findings(dir.path(), &["."]);
    let rules: Vec<&str> = found.iter().map(|(rule, _)| rule.as_str()).collect();
    assert!(
        rules.contains(&"hospital-rule"),
        "the user's rule runs: {found:?}"
    );
    assert!(
        !rules.contains(&"pack-rule"),
        "the pack's rule does not: {found:?}"
    );
    assert!(
        found.contains(&(
            "not-kakunin-document".to_owned(),
            "p/policy/pack-rule.yaml".to_owned()
        )),
        "the pack's rule file is one of its documents: {found:?}"
    );
    assert!(
        !found.iter().any(|(_, file)| file.starts_with("policy/")),
        "the user's rule directory is not read as documents: {found:?}"
    );
}

#[test]
fn a_pack_given_directly_is_checked_whatever_ignore_files_above_it_say() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("single-vendor", &dir.path().join("p"), &[]);
    write(dir.path(), "p/extra.yaml", DEFECT);
    write(dir.path(), ".gitignore", "p/\n");
    for input in ["p", "p/", "p/extra.yaml"] {
        let found = findings(dir.path(), &[input]);
        assert_eq!(unknown_key_files(&found), ["p/extra.yaml"], "input {input}");
    }
}
