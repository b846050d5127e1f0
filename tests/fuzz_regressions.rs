//! Replays what the fuzz targets run on (`fuzz/fuzz_targets/`): their seeds (`fuzz/seeds/`) and
//! every input a fuzzer ever failed on (`tests/fuzz-regressions/<target>/`), through the same
//! code — the YAML loader, the pack model, and the whole check with every output format.

use clap::ValueEnum;
use kakunin::app::{CheckOptions, Output, check};
use kakunin::i18n::Lang;
use kakunin::model::load::{LoadOptions, PackFile, load_pack};
use kakunin::report::{self, Format};
use kakunin::rules::catalog::Catalog;
use kakunin::source::SourceFile;
use kakunin::yaml::{ParseLimits, parse_stream};
use std::path::{Path, PathBuf};

/// The file names a fuzz input's chunks are written to (as in `fuzz/fuzz_targets/common.rs`).
const NAMES: &[&str] = &[
    "parties.yaml",
    "systems.yaml",
    "contracts/msa.yaml",
    "sla.yaml",
    "risk.yaml",
    "checklist/vendor.yaml",
    "extra.yml",
];

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

/// Writes an input as a pack: chunks split at NUL bytes, the first is `pack.yaml`.
fn write_pack(root: &Path, data: &[u8]) -> Vec<PackFile> {
    std::fs::create_dir_all(root.join("contracts")).expect("mkdir");
    std::fs::create_dir_all(root.join("checklist")).expect("mkdir");
    let mut files = Vec::new();
    for (i, chunk) in data.split(|&b| b == 0).take(NAMES.len() + 1).enumerate() {
        let name = if i == 0 { "pack.yaml" } else { NAMES[i - 1] };
        let path = root.join(name);
        std::fs::write(&path, chunk).expect("write");
        files.push(PackFile {
            display: format!("pack/{name}"),
            path,
        });
    }
    files
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
        let files = write_pack(&root, &bytes);
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
        write_pack(&root, &bytes);
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
            let text = report::render(*format, &run, &ctx);
            assert!(
                *format == Format::Json || !text.chars().any(kakunin::report::terminal::is_unsafe),
                "{}: {format:?}",
                path.display()
            );
        }
    }
}
