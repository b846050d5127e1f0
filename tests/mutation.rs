//! Property: any single-field mutation of a valid pack (the bundled compliant examples) — a
//! value replaced by another of any type or by hostile text, a key renamed, an entry removed —
//! yields findings or a clean pass, never a panic, and the same output on every run.

use clap::ValueEnum;
use kakunin::app::{self, CheckOptions, Output};
use kakunin::i18n::Lang;
use kakunin::report::{self, Format};
use kakunin::rules::catalog::Catalog;
use kakunin::yaml::{Node, ParseLimits, Value, parse_stream};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One file of an example pack: its path inside the pack, its text, and the byte spans of its
/// scalars (keys and values) with whether each is a key.
struct ExampleFile {
    path: PathBuf,
    text: String,
    scalars: Vec<(usize, usize, bool)>,
}

fn scalars(node: &Node, is_key: bool, out: &mut Vec<(usize, usize, bool)>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| scalars(n, false, out)),
        Value::Map(entries) => {
            for e in entries {
                scalars(&e.key, true, out);
                scalars(&e.value, false, out);
            }
        }
        _ if node.span.len > 0 => out.push((node.span.offset, node.span.len, is_key)),
        _ => {}
    }
}

fn example_root(example: usize) -> PathBuf {
    let name = ["single-vendor", "multi-vendor"][example];
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Copies an example pack (evidence files included) to `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn read_example(root: PathBuf) -> Vec<ExampleFile> {
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("example dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).expect("example file");
                let mut spans = Vec::new();
                for doc in parse_stream(&text, ParseLimits::default()).expect("example parses") {
                    scalars(&doc, false, &mut spans);
                }
                let relative = path.strip_prefix(&root).expect("inside").to_path_buf();
                files.push(ExampleFile {
                    path: relative,
                    text,
                    scalars: spans,
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn examples() -> &'static [Vec<ExampleFile>] {
    static EXAMPLES: OnceLock<Vec<Vec<ExampleFile>>> = OnceLock::new();
    EXAMPLES.get_or_init(|| vec![read_example(example_root(0)), read_example(example_root(1))])
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("catalog"))
}

/// What replaces one scalar.
#[derive(Debug, Clone)]
enum Mutation {
    /// New text, written as it is (a YAML fragment: any type).
    Raw(String),
    /// A string, written double-quoted (any characters, escaped as JSON, which YAML reads).
    Quoted(String),
    /// The scalar removed (an empty value, or an empty key).
    Remove,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let raw = prop_oneof![
        Just("null"),
        Just("~"),
        Just("true"),
        Just("no"),
        Just("0"),
        Just("-1"),
        Just("1e309"),
        Just("9223372036854775808"),
        Just(".nan"),
        Just("2026-02-30"),
        Just("P-1Y"),
        Just("[]"),
        Just("{}"),
        Just("[[[[[[[[x]]]]]]]]"),
        Just("{a: {b: {c: [1, {d: e}]}}}"),
        Just("*undefined"),
        Just("!!python/object:os.system x"),
        Just("&a x"),
        Just("|\n  block"),
        Just("\"unterminated"),
        Just("x: y: z"),
        Just("- item"),
    ]
    .prop_map(|s| Mutation::Raw(s.to_owned()));
    prop_oneof![
        4 => raw,
        4 => any::<String>().prop_map(Mutation::Quoted),
        2 => "[a-z_-]{0,12}".prop_map(Mutation::Raw),
        1 => "\\PC{0,40}".prop_map(Mutation::Quoted),
        1 => Just(Mutation::Remove),
    ]
}

fn mutated_text(file: &ExampleFile, which: usize, m: &Mutation) -> String {
    let (offset, len, _) = file.scalars[which % file.scalars.len()];
    let replacement = match m {
        Mutation::Raw(s) => s.clone(),
        Mutation::Quoted(s) => serde_json::to_string(s).expect("json string"),
        Mutation::Remove => String::new(),
    };
    let mut text = file.text.clone();
    text.replace_range(offset..offset + len, &replacement);
    text
}

/// Every output format of `check`, rendered.
fn outputs(dir: &Path, lang: Lang) -> Vec<String> {
    let mut options = CheckOptions::new(
        vec![dir.join("pack")],
        dir.to_path_buf(),
        "2026-11-21".parse().expect("date"),
        lang,
    );
    options.outputs = Format::value_variants()
        .iter()
        .map(|f| Output {
            format: *f,
            path: None,
        })
        .collect();
    let run = app::check(&options, catalog()).expect("check runs");
    let ctx = report::Context::new(catalog(), lang, dir);
    Format::value_variants()
        .iter()
        .map(|f| report::render(*f, &run, &ctx))
        .collect()
}

/// Where the JSON output sits among [`outputs`].
fn json_index() -> usize {
    Format::value_variants()
        .iter()
        .position(|f| *f == Format::Json)
        .expect("json is a format")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_single_field_mutation_is_checked_without_panic_and_deterministically(
        example in 0..2usize,
        file in any::<prop::sample::Index>(),
        which in any::<usize>(),
        m in mutation(),
        ja in any::<bool>(),
    ) {
        let files = &examples()[example];
        let target = file.index(files.len());
        let tmp = tempfile::tempdir().expect("tmp");
        copy_dir(&example_root(example), &tmp.path().join("pack"));
        let f = &files[target];
        std::fs::write(tmp.path().join("pack").join(&f.path), mutated_text(f, which, &m))
            .expect("write");
        let lang = if ja { Lang::Ja } else { Lang::En };
        let first = outputs(tmp.path(), lang);
        let second = outputs(tmp.path(), lang);
        prop_assert_eq!(&first, &second, "output differs between two runs");
        let json: serde_json::Value = serde_json::from_str(&first[json_index()]).expect("JSON parses");
        prop_assert!(json["findings"].is_array());
    }
}

#[test]
fn the_unmutated_examples_pass_cleanly() {
    for (example, files) in examples().iter().enumerate() {
        let tmp = tempfile::tempdir().expect("tmp");
        copy_dir(&example_root(example), &tmp.path().join("pack"));
        assert!(!files.is_empty());
        let json: serde_json::Value =
            serde_json::from_str(&outputs(tmp.path(), Lang::En)[json_index()]).expect("JSON");
        assert_eq!(json["summary"]["findings"], 0, "example {example}: {json}");
    }
}
