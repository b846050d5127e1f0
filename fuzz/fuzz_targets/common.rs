//! Shared by the fuzz targets: a fuzz input becomes a pack on disk. The input is split at NUL
//! bytes; the first chunk is `pack.yaml`, the others are the pack's other files.

use kakunin::model::load::PackFile;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// File names the chunks after the first are written to, in order.
const NAMES: &[&str] = &[
    "parties.yaml",
    "systems.yaml",
    "contracts/msa.yaml",
    "sla.yaml",
    "risk.yaml",
    "checklist/vendor.yaml",
    "extra.yml",
];

/// The pack directory of this process (under /dev/shm when there is one: no disk writes).
pub fn pack_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        base.join(format!("kakunin-fuzz-{}", std::process::id()))
            .join("pack")
    })
}

/// Writes the input as a pack (replacing the previous one); returns its files, `pack.yaml` first.
pub fn write_pack(data: &[u8]) -> Vec<PackFile> {
    let root = pack_dir();
    let _ = std::fs::remove_dir_all(root);
    write_pack_in(root, data)
}

/// Writes the input as a pack in `root`; returns its files, `pack.yaml` first. Also used by
/// `tests/fuzz_regressions.rs`, which replays the fuzzers' inputs.
pub fn write_pack_in(root: &Path, data: &[u8]) -> Vec<PackFile> {
    std::fs::create_dir_all(root.join("contracts")).expect("pack dir");
    std::fs::create_dir_all(root.join("checklist")).expect("pack dir");
    let mut files = Vec::new();
    for (i, chunk) in data.split(|&b| b == 0).take(NAMES.len() + 1).enumerate() {
        let name = if i == 0 { "pack.yaml" } else { NAMES[i - 1] };
        let path = root.join(name);
        std::fs::write(&path, chunk).expect("write pack file");
        files.push(PackFile {
            display: format!("pack/{name}"),
            path,
        });
    }
    files
}
