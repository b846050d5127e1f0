//! The rule engine and the renderers: any pack goes through `check` (every rule, the policy,
//! findings with their texts) and renders in every output format and both report formats —
//! never a panic, the JSON parses, and human output carries no control character from the pack.
#![no_main]

#[path = "common.rs"]
mod common;

use clap::ValueEnum;
use kakunin::app::{CheckOptions, Output, check};
use kakunin::i18n::Lang;
use kakunin::report::{self, Format};
use kakunin::rules::catalog::Catalog;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("built-in catalog"))
}

fuzz_target!(|data: &[u8]| {
    common::write_pack(data);
    let root = common::pack_dir();
    let cwd = root.parent().expect("pack dir has a parent").to_path_buf();
    let lang = if data.len() % 2 == 0 { Lang::En } else { Lang::Ja };
    let mut options = CheckOptions::new(
        vec![root.clone()],
        cwd,
        "2026-11-21".parse().expect("date"),
        lang,
    );
    options.outputs = Format::value_variants()
        .iter()
        .map(|f| Output { format: *f, path: None })
        .collect();
    options.summaries = true;
    let run = check(&options, catalog()).expect("no usage error");
    let ctx = report::Context::new(catalog(), lang, std::path::Path::new("."));
    for format in Format::value_variants() {
        let text = report::render(*format, &run, &ctx);
        let name = format.to_possible_value().map(|v| v.get_name().to_owned());
        match name.as_deref() {
            Some("json") => {
                let value: serde_json::Value =
                    serde_json::from_str(&text).expect("JSON output parses");
                assert_eq!(
                    value["findings"].as_array().map(Vec::len),
                    Some(run.findings().count())
                );
            }
            Some("human") => {
                if let Some(c) = text.chars().find(|&c| kakunin::report::terminal::is_unsafe(c)) {
                    panic!("human output holds the raw character U+{:04X}", c as u32);
                }
            }
            // Other formats: rendering without a panic is what is checked here; their
            // well-formedness is checked by tests/hostile_output.rs.
            _ => {}
        }
    }
    for format in [report::checklist::ReportFormat::Html, report::checklist::ReportFormat::Markdown, report::checklist::ReportFormat::Xlsx] {
        let _ = report::checklist::render(format, &run, &kakunin::form::Form::builtin().expect("form"), lang);
    }
});
