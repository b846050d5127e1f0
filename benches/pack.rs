//! Criterion benches of the per-pack stages, on generated packs (`benches/corpus/`): loading a
//! pack (read, parse, validate, resolve ids), evaluating the rule engine on a loaded pack, and
//! the whole check of one pack as `app::check` runs it. Also the cost of the built-in catalog,
//! which every process pays once.
//!
//! `cargo bench --bench pack`; `cargo bench --bench pack -- --quick` for a fast pass.

#[path = "corpus/mod.rs"]
mod corpus;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kakunin::app::{self, CheckOptions};
use kakunin::discover::{self, PackInput};
use kakunin::i18n::Lang;
use kakunin::model::load::{self, LoadOptions, PackFile};
use kakunin::rules::catalog::Catalog;
use kakunin::rules::engine::{self, RuleSettings};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const SEED: u64 = 5;

/// Writes the pack with `index` (or with every defect that applies) and finds it.
fn write_pack(dir: &Path, index: usize, broken: bool) -> PackInput {
    let pack = if broken {
        corpus::generate_pack_with(SEED, index, corpus::Defect::ALL)
    } else {
        corpus::generate_pack(SEED, index)
    };
    pack.write(dir).expect("write pack");
    let root = dir.join(&pack.dir);
    let mut found = discover::discover(std::slice::from_ref(&root), dir);
    found.packs.pop().expect("the pack is found")
}

fn files(input: &PackInput) -> Vec<PackFile> {
    input
        .files
        .iter()
        .map(|f| PackFile {
            path: f.path.clone(),
            display: f.display.clone(),
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let catalog = Catalog::builtin().expect("catalog");
    let today = jiff::civil::date(2026, 11, 21);
    // Pack 3 is a multi-vendor pack of 9 files; the broken one carries every defect.
    let packs = [
        ("multi-vendor", write_pack(tmp.path(), 3, false)),
        ("broken", write_pack(tmp.path(), 3_000_000, true)),
    ];
    c.bench_function("catalog/builtin", |b| b.iter(Catalog::builtin));
    for (name, input) in &packs {
        let options = LoadOptions::default();
        c.bench_function(&format!("load_pack/{name}"), |b| {
            b.iter_batched(
                || files(input),
                |files| load::load_pack(&input.root, &input.root_display, files, &options),
                BatchSize::SmallInput,
            )
        });
        let pack = load::load_pack(&input.root, &input.root_display, files(input), &options);
        let settings = RuleSettings::default();
        c.bench_function(&format!("evaluate/{name}"), |b| {
            b.iter(|| engine::evaluate(&catalog, black_box(&pack), today, &settings, &|_| true))
        });
        let check = CheckOptions::new(
            vec![PathBuf::from(&input.root)],
            tmp.path().to_path_buf(),
            today,
            Lang::Ja,
        );
        c.bench_function(&format!("check/{name}"), |b| {
            b.iter(|| app::check(&check, &catalog).expect("check"))
        });
    }
}

criterion_group!(pack, benches);
criterion_main!(pack);
