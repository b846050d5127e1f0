//! The parse floor: reads every YAML file below DIR and parses each with serde-saphyr (the
//! parser kakunin uses) into a generic value, single-threaded, doing nothing else.
//! `parse-floor DIR` parses into a plain value tree; `parse-floor --spanned DIR` parses with
//! kakunin's own spanned loader (`kakunin::yaml::parse_stream`) instead, for comparison.

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Any YAML value, without spans.
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// Nodes in the tree, and a checksum over its scalars (so that nothing is left unread).
    fn fold(&self, acc: &mut (usize, u64)) {
        acc.0 += 1;
        let mix = |acc: &mut (usize, u64), x: u64| acc.1 = acc.1.rotate_left(5) ^ x;
        match self {
            Value::Null => {}
            Value::Bool(b) => mix(acc, u64::from(*b)),
            Value::Int(i) => mix(acc, *i as u64),
            Value::Float(f) => mix(acc, f.to_bits()),
            Value::Str(s) => mix(acc, s.len() as u64),
            Value::Seq(items) => items.iter().for_each(|v| v.fold(acc)),
            Value::Map(entries) => entries.iter().for_each(|(k, v)| {
                k.fold(acc);
                v.fold(acc);
            }),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(i64::try_from(u).map_or(Value::Float(u as f64), Value::Int))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Value::Map(entries))
    }
}

/// Every `.yaml`/`.yml` file below `dir`, sorted.
fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            yaml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let spanned = args.first().is_some_and(|a| a == "--spanned");
    if spanned {
        args.remove(0);
    }
    let Some(dir) = args.first() else {
        eprintln!("usage: parse-floor [--spanned] DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = yaml_files(Path::new(dir), &mut files) {
        eprintln!("parse-floor: {dir}: {e}");
        return ExitCode::FAILURE;
    }
    files.sort();
    let (mut documents, mut errors, mut bytes) = (0usize, 0usize, 0usize);
    let mut tree = (0usize, 0u64);
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("parse-floor: {}: {e}", path.display());
                errors += 1;
                continue;
            }
        };
        bytes += text.len();
        if spanned {
            match kakunin::yaml::parse_stream(&text, Default::default()) {
                Ok(docs) => documents += docs.len(),
                Err(_) => errors += 1,
            }
        } else {
            let options = serde_saphyr::options! {
                strict_booleans: true,
                duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
            };
            match serde_saphyr::from_multiple_with_options::<Value>(&text, options) {
                Ok(docs) => {
                    documents += docs.len();
                    docs.iter().for_each(|d| d.fold(&mut tree));
                }
                Err(_) => errors += 1,
            }
        }
    }
    println!(
        "{} files, {bytes} bytes, {documents} documents, {} nodes (checksum {:x}), {errors} unparsable",
        files.len(),
        tree.0,
        tree.1
    );
    ExitCode::SUCCESS
}
