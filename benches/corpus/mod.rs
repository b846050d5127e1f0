//! A deterministic corpus of contract packs for benchmarks: packs shaped like `examples/`
//! (single- and multi-vendor, 6–9 YAML files each, Japanese text, evidence files), about 5% of
//! them with defects. Every pack depends only on the seed and its index, so the first 1,000
//! packs of a 10,000-pack corpus are the 1,000-pack corpus, byte for byte.
//!
//! A development tool: used by `benches/tools/gen_corpus.rs`, the criterion benches and the
//! tests, never by the `kakunin` binary.

#![allow(dead_code)]

mod names;
mod plan;
mod text;

pub use plan::{Defect, Plan};

use std::io;
use std::path::Path;

/// One generated pack: its directory (relative to the corpus root), its files (relative to the
/// pack directory) and the defects it was given (none for a compliant pack).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPack {
    pub dir: String,
    pub files: Vec<(String, Vec<u8>)>,
    pub defects: Vec<Defect>,
}

impl GeneratedPack {
    /// The YAML files (the pack files kakunin reads), leaving out the evidence documents.
    pub fn yaml_files(&self) -> impl Iterator<Item = &(String, Vec<u8>)> {
        self.files
            .iter()
            .filter(|(name, _)| name.ends_with(".yaml"))
    }

    /// Writes the pack below `root`.
    pub fn write(&self, root: &Path) -> io::Result<()> {
        let dir = root.join(&self.dir);
        for (name, bytes) in &self.files {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
        }
        Ok(())
    }
}

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `count` distinct indexes into a list of `len` items, in the order drawn.
    pub fn distinct(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..len).collect();
        for i in 0..count.min(len) {
            let j = i + self.below(len - i);
            order.swap(i, j);
        }
        order.truncate(count.min(len));
        order
    }
}

/// The pack with this index in the corpus of this seed: violating with a probability of 5%.
pub fn generate_pack(seed: u64, index: usize) -> GeneratedPack {
    let mut rng = pack_rng(seed, index);
    let violating = rng.chance(5);
    let plan = Plan::draw(&mut rng, index);
    let defects = if violating {
        plan.draw_defects(&mut rng)
    } else {
        Vec::new()
    };
    plan.with_defects(defects).render(&mut rng)
}

/// The pack with this index, given exactly these defects (for tests of each defect).
pub fn generate_pack_with(seed: u64, index: usize, defects: &[Defect]) -> GeneratedPack {
    let mut rng = pack_rng(seed, index);
    let _violating = rng.chance(5);
    let plan = Plan::draw(&mut rng, index);
    let defects = defects
        .iter()
        .copied()
        .filter(|d| d.applies(&plan))
        .collect();
    plan.with_defects(defects).render(&mut rng)
}

fn pack_rng(seed: u64, index: usize) -> Rng {
    let mut mix = Rng::new(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    Rng::new(mix.next_u64())
}

/// What writing a corpus produced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CorpusSummary {
    pub packs: usize,
    pub violating: usize,
    pub yaml_files: usize,
    pub yaml_bytes: usize,
    pub defects: usize,
}

/// Writes packs `0..count` of the corpus of `seed` below `root`.
pub fn write_corpus(root: &Path, seed: u64, count: usize) -> io::Result<CorpusSummary> {
    let mut summary = CorpusSummary::default();
    for index in 0..count {
        let pack = generate_pack(seed, index);
        pack.write(root)?;
        summary.packs += 1;
        summary.violating += usize::from(!pack.defects.is_empty());
        summary.defects += pack.defects.len();
        for (_, bytes) in pack.yaml_files() {
            summary.yaml_files += 1;
            summary.yaml_bytes += bytes.len();
        }
    }
    Ok(summary)
}
