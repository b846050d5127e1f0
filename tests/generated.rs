//! Everything generated and committed stays equal to what the code generates: the rule pages in
//! `docs/rules/`, the checklist coverage `docs/coverage.md` and the JSON Schemas in `schemas/`. Run `KAKUNIN_BLESS=1 cargo test --test
//! generated` to write them anew after changing a rule or the format.

use kakunin::app::verify::example_finding;
use kakunin::config::schema::config_schema;
use kakunin::i18n::Lang;
use kakunin::model::json_schema::{pack_schema, to_text};
use kakunin::report::coverage::coverage_page;
use kakunin::report::rule_doc::{index_page, rule_page};
use kakunin::rules::catalog::Catalog;
use kakunin::rules::rule_schema::rule_schema;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every generated file: its path in the repository and its content.
fn generated() -> Vec<(PathBuf, String)> {
    let catalog = Catalog::builtin().expect("catalog");
    let mut files: Vec<(PathBuf, String)> = catalog
        .rules()
        .iter()
        .map(|r| {
            let day = "2026-11-21".parse().expect("date");
            let [en, ja] = [Lang::En, Lang::Ja].map(|lang| example_finding(&catalog, r, day, lang));
            (
                PathBuf::from(format!("docs/rules/{}.md", r.id)),
                rule_page(r, [en.as_ref(), ja.as_ref()]),
            )
        })
        .collect();
    files.push(("docs/rules/README.md".into(), index_page(&catalog)));
    files.push((
        "docs/coverage.md".into(),
        coverage_page(&catalog, kakunin::form::Form::editions()),
    ));
    files.push((
        "schemas/kakunin-pack.schema.json".into(),
        to_text(&pack_schema()),
    ));
    files.push((
        "schemas/kakunin-config.schema.json".into(),
        to_text(&config_schema(&catalog)),
    ));
    files.push(("schemas/rule.schema.json".into(), to_text(&rule_schema())));
    files
}

#[test]
fn generated_files_are_up_to_date() {
    let bless = std::env::var_os("KAKUNIN_BLESS").is_some();
    let files = generated();
    let mut stale = Vec::new();
    for (path, want) in &files {
        let full = root().join(path);
        let have = std::fs::read_to_string(&full).unwrap_or_default();
        if have != *want {
            if bless {
                std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
                std::fs::write(&full, want).expect("write");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    // A page for a rule that no longer exists is stale too.
    let pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs/rules"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    for page in pages {
        let rel = page.strip_prefix(root()).expect("inside").to_path_buf();
        if !files.iter().any(|(p, _)| *p == rel) {
            if bless {
                std::fs::remove_file(&page).expect("remove");
            } else {
                stale.push(format!("{} (no such rule)", rel.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale; run `KAKUNIN_BLESS=1 cargo test --test generated`:\n{}",
        stale.join("\n")
    );
}
