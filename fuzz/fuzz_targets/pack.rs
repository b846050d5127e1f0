//! The pack model: any files load into documents and issues (schema validation, ids,
//! references) — never a panic, and every issue points into a file of the pack.
#![no_main]

#[path = "common.rs"]
mod common;

use kakunin::model::load::{LoadOptions, load_pack};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = common::write_pack(data);
    let count = files.len();
    let pack = load_pack(common::pack_dir(), "pack", files, &LoadOptions::default());
    for issue in &pack.validation.issues {
        assert!(issue.file < count.max(1), "issue in a file the pack does not have");
    }
    let _ = kakunin::model::summary::summarize(&pack, "2026-11-21".parse().expect("date"));
});
