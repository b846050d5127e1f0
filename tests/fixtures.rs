//! The data-driven rule harness: every rule has `tests/fixtures/<rule-id>/{pass,fail}/`.
//!
//! `pass/` is a pack on which the rule reports nothing. `fail/` is a pack on which it reports;
//! `fail/expected.txt` lists, one per line, exactly where (`file:line:column`, relative to
//! `fail/`): the rule's findings must be that set, no more and no fewer.
//! `fail/expected.diag` is the golden of the whole diagnostic of those findings, in English and
//! Japanese: rule, severity, location, checklist items, message, help, and related locations with
//! their labels. `KAKUNIN_BLESS=1 cargo test --test fixtures` writes it; without the variable a
//! difference, or a missing golden, fails with a line diff.
//! Every fixture is checked as of 2026-11-21. A fixture directory may hold a `kakunin.yaml`
//! (rules about the configuration itself, such as waivers): it is found and applied as `check`
//! would find and apply it.

use kakunin::app::{self, CheckOptions};
use kakunin::config::setup::{self, Request};
use kakunin::finding::{Finding, Location};
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

/// A text with its continuation lines indented under `indent`, so a golden stays one block a
/// finding.
fn indented(text: &str, indent: &str) -> String {
    text.lines()
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

fn at(location: &Location) -> String {
    let mut text = format!("{}:{}:{}", location.file, location.line, location.column);
    if !location.path.is_empty() {
        text.push_str(&format!(" ({})", location.path));
    }
    text
}

/// The golden text of a rule's findings: the English and Japanese runs paired finding by
/// finding (both sorted by location and fingerprint, which do not depend on the language).
fn diagnostic(en: &[&Finding], ja: &[&Finding]) -> Result<String, String> {
    if en.len() != ja.len() {
        return Err(format!(
            "{} findings in English, {} in Japanese",
            en.len(),
            ja.len()
        ));
    }
    let mut out = String::new();
    for (e, j) in en.iter().zip(ja) {
        if (at(&e.location), &e.fingerprint) != (at(&j.location), &j.fingerprint) {
            return Err(format!(
                "the English finding at {} has no Japanese twin (got {})",
                at(&e.location),
                at(&j.location)
            ));
        }
        out.push_str(&format!(
            "{} {} at {}\n",
            e.severity.as_str(),
            e.rule,
            at(&e.location)
        ));
        let checklist = if e.checklist.is_empty() {
            "(none)".to_owned()
        } else {
            e.checklist.join(", ")
        };
        out.push_str(&format!("  checklist: {checklist}\n"));
        for (key, text) in [
            ("message.en", &e.message),
            ("message.ja", &j.message),
            ("help.en", &e.help),
            ("help.ja", &j.help),
        ] {
            out.push_str(&format!("  {key}: {}\n", indented(text, "    ")));
        }
        if e.related.len() != j.related.len() {
            return Err(format!(
                "{}: related locations differ between languages",
                at(&e.location)
            ));
        }
        for (re, rj) in e.related.iter().zip(&j.related) {
            out.push_str(&format!("  related: {}\n", at(&re.location)));
            out.push_str(&format!(
                "    label.en: {}\n",
                indented(&re.label, "      ")
            ));
            out.push_str(&format!(
                "    label.ja: {}\n",
                indented(&rj.label, "      ")
            ));
        }
        if let Some(waived) = &e.waived {
            out.push_str(&format!(
                "  waived: until {} by {} at {}\n",
                waived.expires,
                waived.approved_by,
                at(&waived.location)
            ));
        }
        out.push('\n');
    }
    Ok(out)
}

/// A readable line diff of a golden against the text of this run: the common head and tail are
/// left out, the lines between are shown as `-` (golden) and `+` (now).
fn line_diff(want: &str, got: &str) -> String {
    let want: Vec<&str> = want.lines().collect();
    let got: Vec<&str> = got.lines().collect();
    let head = want.iter().zip(&got).take_while(|(a, b)| a == b).count();
    let tail = want[head..]
        .iter()
        .rev()
        .zip(got[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = format!("@@ line {} @@\n", head + 1);
    for line in &want[head..want.len() - tail] {
        out.push_str(&format!("-{line}\n"));
    }
    for line in &got[head..got.len() - tail] {
        out.push_str(&format!("+{line}\n"));
    }
    out
}

/// Compares a fixture's golden with this run's text, or writes it under `KAKUNIN_BLESS`.
fn golden(path: &Path, got: &str) -> Result<(), String> {
    if std::env::var_os("KAKUNIN_BLESS").is_some() {
        return std::fs::write(path, got).map_err(|e| format!("{}: {e}", path.display()));
    }
    match std::fs::read_to_string(path) {
        Ok(want) if want == got => Ok(()),
        Ok(want) => Err(format!(
            "{} differs (KAKUNIN_BLESS=1 cargo test --test fixtures writes it):\n{}",
            path.display(),
            line_diff(&want, got)
        )),
        Err(_) => Err(format!(
            "{} is missing (KAKUNIN_BLESS=1 cargo test --test fixtures writes it)",
            path.display()
        )),
    }
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
            let runs = [Lang::En, Lang::Ja].map(|lang| {
                let mut own: Vec<Finding> = findings(&fail, &catalog, lang)
                    .into_iter()
                    .filter(|f| f.rule == rule)
                    .collect();
                own.sort_by(|a, b| {
                    (
                        &a.location.file,
                        a.location.line,
                        a.location.column,
                        &a.fingerprint,
                    )
                        .cmp(&(
                            &b.location.file,
                            b.location.line,
                            b.location.column,
                            &b.fingerprint,
                        ))
                });
                own
            });
            for (lang, own) in [Lang::En, Lang::Ja].iter().zip(&runs) {
                check_fail(&rule, &fail, *lang, own, &mut failures);
            }
            let [en, ja] = &runs;
            let en: Vec<&Finding> = en.iter().collect();
            let ja: Vec<&Finding> = ja.iter().collect();
            if let Err(problem) =
                diagnostic(&en, &ja).and_then(|text| golden(&fail.join("expected.diag"), &text))
            {
                failures.push(format!("{rule}/fail: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The guarantees of `fail/` in one language: the rule reports, at exactly the locations of
/// `expected.txt`, with no placeholder left unfilled.
fn check_fail(rule: &str, fail: &Path, lang: Lang, own: &[Finding], failures: &mut Vec<String>) {
    let mut got: Vec<String> = own
        .iter()
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
        return;
    }
    for f in own {
        let labels = f.related.iter().map(|r| r.label.as_str());
        if [f.message.as_str(), f.help.as_str()]
            .into_iter()
            .chain(labels)
            .any(has_placeholder)
        {
            failures.push(format!(
                "{rule}/fail ({lang:?}): unfilled placeholder in {:?} / {:?} / {:?}",
                f.message, f.help, f.related
            ));
        }
    }
    match std::fs::read_to_string(fail.join("expected.txt")) {
        Ok(text) => {
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
        }
        Err(_) => failures.push(format!("{rule}/fail: expected.txt is missing")),
    }
}
