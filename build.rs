//! Embeds the built-in rule catalog (`rules/*.yaml`) into the binary, in file-name order, with
//! a compiled form of each rule: its YAML converted to JSON here, at build time, so that a run
//! reads the catalog with a JSON parser instead of parsing YAML at every start. A rule whose
//! YAML does not convert gets no compiled form; the catalog then reads the YAML and reports it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    // Read at run time, not with `env!`: a build script compiled for one copy of the source may
    // be run again for another that shares its target directory (`cargo install` of several
    // checkouts), and must read the rules of the copy being built.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into());
    let dir = Path::new(&manifest_dir).join("rules");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// Built-in rules: (file stem, YAML text).\npub static BUILTIN_RULES: &[(&str, &str)] = &[\n",
    );
    let mut compiled = String::from(
        "/// The built-in rules as JSON, in the order of `BUILTIN_RULES` (empty: no compiled form).\npub static BUILTIN_RULES_JSON: &[&str] = &[\n",
    );
    for name in &names {
        let stem = name.trim_end_matches(".yaml");
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({stem:?}, include_str!({:?})),",
            path.display().to_string()
        );
        let json = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_saphyr::from_str::<serde_json::Value>(&text).ok())
            .and_then(|value| serde_json::to_string(&value).ok())
            .unwrap_or_default();
        let json_path = Path::new(&out_dir).join(format!("rule-{stem}.json"));
        if let Err(e) = std::fs::write(&json_path, json) {
            panic!("cannot write {}: {e}", json_path.display());
        }
        let _ = writeln!(
            compiled,
            "    include_str!({:?}),",
            json_path.display().to_string()
        );
    }
    code.push_str("];\n");
    compiled.push_str("];\n");
    code.push_str(&compiled);
    let out = Path::new(&out_dir).join("builtin_rules.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
