//! Replays what the fuzz targets run on (`fuzz/fuzz_targets/`): their seeds (`fuzz/seeds/`) and
//! every input a fuzzer ever failed on (`tests/fuzz-regressions/<target>/`), through the same
//! code — the YAML loader, the pack model, and the whole check with every output format.

use clap::ValueEnum;
use kakunin::app::{CheckOptions, Output, check};
use kakunin::i18n::Lang;
use kakunin::model::load::{LoadOptions, load_pack};
use kakunin::report::{self, Format};
use kakunin::rules::catalog::Catalog;
use kakunin::source::SourceFile;
use kakunin::yaml::{ParseLimits, parse_stream};
use std::path::{Path, PathBuf};

/// The fuzz targets' own code that turns an input into a pack on disk.
#[allow(dead_code)]
#[path = "../fuzz/fuzz_targets/common.rs"]
mod fuzz_common;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/fuzz-regressions").join(target),
    ] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                out.push((entry.path(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn yaml_inputs_parse_or_fail_with_a_position() {
    let inputs = inputs("yaml");
    assert!(!inputs.is_empty(), "no seeds found");
    for (path, bytes) in inputs {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let source = SourceFile::new("f.yaml".into(), path.clone(), text);
        if let Err(e) = parse_stream(&source.text, ParseLimits::default()) {
            let _ = source.line_col(e.byte_offset.unwrap_or(0));
        }
    }
}

#[test]
fn pack_inputs_load() {
    for (path, bytes) in inputs("pack") {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path().join("pack");
        let files = fuzz_common::write_pack_in(&root, &bytes);
        let count = files.len();
        let pack = load_pack(&root, "pack", files, &LoadOptions::default());
        assert!(
            pack.validation.issues.iter().all(|i| i.file < count),
            "{}",
            path.display()
        );
    }
}

#[test]
fn rules_inputs_check_and_render_in_every_format() {
    let catalog = Catalog::builtin().expect("catalog");
    for (path, bytes) in inputs("rules") {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path().join("pack");
        fuzz_common::write_pack_in(&root, &bytes);
        let mut options = CheckOptions::new(
            vec![root.clone()],
            tmp.path().to_path_buf(),
            "2026-11-21".parse().expect("date"),
            Lang::Ja,
        );
        options.outputs = Format::value_variants()
            .iter()
            .map(|f| Output {
                format: *f,
                path: None,
            })
            .collect();
        let run = check(&options, &catalog).expect("check runs");
        let ctx = report::Context::new(&catalog, Lang::Ja, std::path::Path::new("."));
        for format in Format::value_variants() {
            let mut text = report::render(*format, &run, &ctx);
            if *format == Format::Csv {
                // CSV's records end with CRLF, by its definition; nothing else may be a control.
                text = text.replace("\r\n", "\n");
            }
            assert!(
                *format == Format::Json || !text.chars().any(kakunin::report::terminal::is_unsafe),
                "{}: {format:?}",
                path.display()
            );
        }
    }
}
