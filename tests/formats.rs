//! The machine formats against the JSON report: concise and JSON Lines carry the same findings,
//! the JSON Schema in `schemas/` accepts every report (and rejects a wrong one), exit codes never
//! depend on the format, and `--skip-outside-packs` behaves as pre-commit needs.

mod support;

use serde_json::Value;
use support::{check, check_in, hostile_pack, json, root, write};

const FORMATS: [&str; 10] = [
    "human", "concise", "json", "jsonl", "sarif", "junit", "github", "gitlab", "markdown", "csv",
];

#[test]
fn exit_codes_are_the_same_in_every_format() {
    for format in FORMATS {
        let broken = ["examples/broken", "--format", format];
        assert_eq!(check(&broken).0, 1, "{format}");
        let exit_zero = ["examples/broken", "--format", format, "--exit-zero"];
        assert_eq!(check(&exit_zero).0, 0, "{format}");
        let clean = ["examples/single-vendor", "--format", format];
        assert_eq!(check(&clean).0, 0, "{format}");
        assert_eq!(check(&["no/such/dir", "--format", format]).0, 3, "{format}");
    }
}

fn findings(value: &Value) -> &Vec<Value> {
    value["findings"].as_array().expect("findings")
}

#[test]
fn concise_has_one_line_per_finding_with_the_json_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_pack(dir.path());
    write(dir.path(), "q/pack.yaml", "apiVersion: kakunin/v1\n");
    for (dir, input) in [(root(), "examples/broken"), (dir.path(), ".")] {
        let report = json(dir, &[input]);
        let (_, concise) = check_in(dir, &[input, "--format", "concise"]);
        let lines: Vec<&str> = concise.lines().collect();
        assert_eq!(lines.len(), findings(&report).len(), "{concise}");
        for (line, f) in lines.iter().zip(findings(&report)) {
            let expected_head = format!(
                "{}:{}:{}: {}[{}] ",
                support::visible(f["file"].as_str().unwrap_or("")),
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap_or(""),
                f["rule"].as_str().unwrap_or("")
            );
            let expected = format!(
                "{expected_head}{}",
                support::visible(f["message"].as_str().unwrap_or(""))
            );
            assert_eq!(line, &expected);
            assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }
    let (_, concise) = check_in(dir.path(), &["p", "--format", "concise"]);
    assert!(
        concise.contains(&support::visible(support::HOSTILE)),
        "{concise}"
    );
}

#[test]
fn jsonl_lines_are_the_json_findings() {
    let report = json(root(), &["examples"]);
    let (code, jsonl) = check(&["examples", "--format", "jsonl"]);
    assert_eq!(code, 1);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(&lines, findings(&report));
    let (_, clean) = check(&["examples/single-vendor", "--format", "jsonl"]);
    assert_eq!(clean, "");
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas/check-output.schema.json"))
        .expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft202012::meta::validate(&schema).expect("a valid 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn json_and_jsonl_output_match_the_published_schema() {
    let validator = schema();
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_pack(dir.path());
    let reports = [
        json(root(), &["examples"]),
        json(root(), &["examples/single-vendor"]),
        json(root(), &["examples/broken", "--lang", "ja"]),
        json(
            root(),
            &["examples/broken", "no/such/file.yaml", "README.md"],
        ),
        json(dir.path(), &["."]),
    ];
    for report in &reports {
        let problems = errors(&validator, report);
        assert!(problems.is_empty(), "{problems:#?}");
    }
    let finding_schema = {
        let text = std::fs::read_to_string(root().join("schemas/check-output.schema.json"))
            .expect("schema file");
        let mut schema: Value = serde_json::from_str(&text).expect("json");
        schema["$ref"] = Value::from("#/$defs/finding");
        for key in ["type", "required", "properties", "additionalProperties"] {
            schema.as_object_mut().map(|o| o.remove(key));
        }
        jsonschema::draft202012::new(&schema).expect("finding schema compiles")
    };
    let (_, jsonl) = check(&["examples/broken", "--format", "jsonl"]);
    for line in jsonl.lines() {
        let value: Value = serde_json::from_str(line).expect("json line");
        let problems = errors(&finding_schema, &value);
        assert!(problems.is_empty(), "{problems:#?}");
    }
    // The schema is strict: a field it does not describe, or a wrong type, is rejected.
    let mut extra = reports[0].clone();
    extra["findings"][0]["surprise"] = Value::from(1);
    assert!(!errors(&validator, &extra).is_empty());
    let mut wrong = reports[0].clone();
    wrong["findings"][0]["line"] = Value::from(0);
    assert!(!errors(&validator, &wrong).is_empty());
}

#[test]
fn files_outside_packs_are_skipped_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "pack/pack.yaml",
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: tmp-pack\ntitle: t\ninstitution: nobody\neffective: {start: 2026-04-01, end: 2029-03-31}\n",
    );
    write(dir.path(), ".pre-commit-config.yaml", "repos: []\n");
    write(dir.path(), "notes.md", "notes\n");
    let outside = [".pre-commit-config.yaml", "notes.md"];
    // Without the flag, a file outside any pack is a finding, and no pack means exit 3.
    let (code, text) = check_in(dir.path(), &[outside[0], "--format", "concise"]);
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("file-unreadable"), "{text}");
    // With it, such files are ignored: only outside files → nothing to check, exit 0.
    let mut args = outside.to_vec();
    args.extend(["--skip-outside-packs", "--format", "concise"]);
    let (code, text) = check_in(dir.path(), &args);
    assert_eq!((code, text.as_str()), (0, ""));
    // A file in a pack still selects its pack, and its findings still fail the run.
    args.insert(0, "pack/pack.yaml");
    let (code, text) = check_in(dir.path(), &args);
    assert_eq!(code, 1, "{text}");
    assert!(!text.contains("file-unreadable"), "{text}");
    assert!(text.contains("pack/pack.yaml:"), "{text}");
    // A missing input is still an error: the flag is about files that exist.
    let (code, _) = check_in(dir.path(), &["gone.yaml", "--skip-outside-packs"]);
    assert_eq!(code, 3);
}

/// `kakunin check` writes each format pack by pack while packs are checked; the library can also
/// collect a whole run and render it. Both must give the same bytes, in every format.
#[test]
fn streamed_outputs_equal_the_collected_run_rendered() {
    use clap::ValueEnum;
    use kakunin::app::{self, CheckOptions};
    use kakunin::i18n::Lang;
    use kakunin::report::{self, Format};
    use kakunin::rules::catalog::Catalog;
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e:?}"));
    for input in ["examples", "tests/fixtures"] {
        for (lang, flag) in [(Lang::En, "en"), (Lang::Ja, "ja")] {
            let today = support::TODAY.parse().expect("date");
            let options = CheckOptions::new(vec![input.into()], root().to_path_buf(), today, lang);
            let run = app::check(&options, &catalog).expect("check runs");
            assert!(run.summary.findings() > 0, "{input}: something to render");
            let ctx = report::Context::new(&catalog, lang, root());
            for format in Format::value_variants() {
                let name = format.to_possible_value().expect("named");
                let streamed = check(&[
                    input,
                    "--no-config",
                    "--lang",
                    flag,
                    "--format",
                    name.get_name(),
                ])
                .1;
                let collected = report::render(*format, &run, &ctx);
                assert!(
                    streamed == collected,
                    "{input} {flag} {}: the streamed output differs",
                    name.get_name()
                );
            }
        }
    }
}
