//! The data-driven rule harness: every rule has `tests/fixtures/<rule-id>/{pass,fail}/`.
//!
//! `pass/` is a pack on which the rule reports nothing. `fail/` is a pack on which it reports;
//! `fail/expected.txt` lists, one per line, exactly where (`file:line:column`, relative to
//! `fail/`): the rule's findings must be that set, no more and no fewer.
//! Every fixture is checked as of 2026-11-21. A fixture directory may hold a `kakunin.yaml`
//! (rules about the configuration itself, such as waivers): it is found and applied as `check`
//! would find and apply it.

use kakunin::app::{self, CheckOptions};
use kakunin::config::setup::{self, Request};
use kakunin::finding::Finding;
use kakunin::i18n::Lang;
use kakunin::rules::catalog::Catalog;
use std::path::{Path, PathBuf};

fn findings(dir: &Path, catalog: &Catalog, lang: Lang) -> Vec<Finding> {
    let request = Request {
        inputs: vec![dir.to_path_buf()],
        cwd: dir.to_path_buf(),
        ..Request::default()
    };
    let prepared = setup::prepare(&request, catalog.clone())
        .unwrap_or_else(|f| panic!("{}: configuration: {:?}", dir.display(), f.problems));
    let mut options = CheckOptions::new(
        vec![dir.to_path_buf()],
        dir.to_path_buf(),
        "2026-11-21".parse().expect("date"),
        lang,
    );
    options.outputs.clear();
    options.policy = prepared.policy;
    app::check(&options, &prepared.catalog)
        .expect("check runs")
        .findings()
        .cloned()
        .collect()
}

/// Whether a text still holds a `{name}` placeholder that no argument filled.
fn has_placeholder(text: &str) -> bool {
    text.split('{').skip(1).any(|rest| {
        rest.split_once('}').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
    })
}

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    let catalog = Catalog::builtin().expect("catalog");
    let missing: Vec<String> = catalog
        .rules()
        .iter()
        .filter(|r| {
            !(fixtures_root().join(&r.id).join("pass").is_dir()
                && fixtures_root().join(&r.id).join("fail").is_dir())
        })
        .map(|r| r.id.clone())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without pass/ and fail/ fixtures: {missing:?}"
    );
}

#[test]
fn fixtures_behave_as_expected() {
    let catalog = Catalog::builtin().expect("catalog");
    let mut failures = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_root())
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dirs.sort();
    for dir in dirs {
        let rule = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if catalog.get(&rule).is_none() {
            failures.push(format!(
                "{rule}: fixture for a rule that is not in the catalog"
            ));
            continue;
        }
        let pass = dir.join("pass");
        if pass.is_dir() {
            let hits: Vec<String> = findings(&pass, &catalog, Lang::En)
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| {
                    format!(
                        "{}:{}:{} {}",
                        f.location.file, f.location.line, f.location.column, f.message
                    )
                })
                .collect();
            if !hits.is_empty() {
                failures.push(format!("{rule}/pass: unexpected findings {hits:#?}"));
            }
        }
        let fail = dir.join("fail");
        if fail.is_dir() {
            for lang in [Lang::En, Lang::Ja] {
                let all = findings(&fail, &catalog, lang);
                let mut got: Vec<String> = all
                    .iter()
                    .filter(|f| f.rule == rule)
                    .map(|f| {
                        format!(
                            "{}:{}:{}",
                            f.location.file, f.location.line, f.location.column
                        )
                    })
                    .collect();
                got.sort();
                if got.is_empty() {
                    failures.push(format!("{rule}/fail ({lang:?}): the rule reported nothing"));
                    continue;
                }
                for f in all.iter().filter(|f| f.rule == rule) {
                    if has_placeholder(&f.message) || has_placeholder(&f.help) {
                        failures.push(format!(
                            "{rule}/fail ({lang:?}): unfilled placeholder in {:?} / {:?}",
                            f.message, f.help
                        ));
                    }
                }
                if let Ok(text) = std::fs::read_to_string(fail.join("expected.txt")) {
                    let mut want: Vec<String> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_owned)
                        .collect();
                    want.sort();
                    if got != want {
                        failures.push(format!(
                            "{rule}/fail ({lang:?}): expected {want:?}, got {got:?}"
                        ));
                    }
                } else {
                    failures.push(format!("{rule}/fail: expected.txt is missing"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
