//! Writes the benchmark corpus: `gen-corpus DIR COUNT [SEED]` writes packs `0..COUNT` of the
//! corpus of SEED (default 5) below DIR, which must not exist or be empty. The same arguments
//! always write the same bytes.

#[path = "../corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1).and_then(|c| c.parse().ok())) else {
        eprintln!("usage: gen-corpus DIR COUNT [SEED]");
        return ExitCode::from(2);
    };
    let seed: u64 = match args.get(2).map(|s| s.parse()) {
        None => 5,
        Some(Ok(seed)) => seed,
        Some(Err(e)) => {
            eprintln!("gen-corpus: SEED: {e}");
            return ExitCode::from(2);
        }
    };
    let root = PathBuf::from(dir);
    if std::fs::read_dir(&root).is_ok_and(|mut entries| entries.next().is_some()) {
        eprintln!("gen-corpus: {} is not empty", root.display());
        return ExitCode::from(2);
    }
    match corpus::write_corpus(&root, seed, count) {
        Ok(s) => {
            println!(
                "{} packs ({} with defects, {} defects), {} YAML files, {} bytes of YAML, seed {seed}",
                s.packs, s.violating, s.defects, s.yaml_files, s.yaml_bytes
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
