//! The JSON Schemas, checked with a real JSON Schema validator (the `jsonschema` crate): they
//! are valid draft-07 schemas, every document of the compliant examples and of `kakunin init`
//! passes, and documents with the mistakes the schema describes are rejected.

mod support;

use kakunin::config::schema::config_schema;
use kakunin::model::json_schema::pack_schema;
use kakunin::rules::catalog::Catalog;
use serde_json::Value as Json;
use std::path::Path;
use support::yaml_json::documents;

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn errors(validator: &jsonschema::Validator, doc: &Json) -> Vec<String> {
    validator.iter_errors(doc).map(|e| e.to_string()).collect()
}

#[test]
fn schemas_are_valid_draft_7() {
    let catalog = Catalog::builtin().expect("catalog");
    for schema in [pack_schema(), config_schema(&catalog)] {
        jsonschema::meta::validate(&schema).expect("a valid schema");
    }
}

#[test]
fn compliant_examples_and_init_scaffolds_pass_the_pack_schema() {
    let validator = jsonschema::draft7::new(&pack_schema()).expect("schema compiles");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("examples/single-vendor"), &mut files);
    yaml_files(&root.join("examples/multi-vendor"), &mut files);
    let scaffold = tempfile::tempdir().expect("tempdir");
    let today = "2026-11-21".parse().expect("date");
    kakunin::init::scaffold(&scaffold.path().join("one"), false, today).expect("init");
    kakunin::init::scaffold(&scaffold.path().join("multi"), true, today).expect("init");
    yaml_files(scaffold.path(), &mut files);
    assert!(files.len() > 25, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for doc in documents(&text) {
            let errs = errors(&validator, &doc);
            assert!(errs.is_empty(), "{}: {errs:#?}", file.display());
        }
    }
}

#[test]
fn the_pack_schema_rejects_what_the_format_forbids() {
    let validator = jsonschema::draft7::new(&pack_schema()).expect("schema compiles");
    let good = "apiVersion: kakunin/v1\nkind: RiskManagement\nid: risk-a\nowner: joint\nreview_cadence: P1Y\nlast_review: 2026-06-10\nprocess: [identification]\n";
    assert!(errors(&validator, &documents(good)[0]).is_empty());
    for bad in [
        good.replace("review_cadence: P1Y", "review_cadence: 1 year"),
        good.replace("last_review: 2026-06-10", "last_review: 2026/06/10"),
        good.replace("process: [identification]", "process: [guessing]"),
        good.replace("id: risk-a", "id: Risk_A"),
        good.replace("owner: joint\n", "owner: joint\nowners: joint\n"),
        good.replace("last_review: 2026-06-10\n", ""),
        good.replace("kind: RiskManagement", "kind: RiskManagment"),
        good.replace("kakunin/v1", "kakunin/v2"),
    ] {
        assert!(
            !errors(&validator, &documents(&bad)[0]).is_empty(),
            "accepted:\n{bad}"
        );
    }
    let broken = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken/contracts/msa-kaiyo-2026.yaml"),
    )
    .expect("read");
    assert!(
        documents(&broken)
            .iter()
            .any(|d| !errors(&validator, d).is_empty()),
        "the misspelt key of the broken example is rejected"
    );
}

#[test]
fn the_config_schema_accepts_what_the_reader_accepts_and_rejects_what_it_rejects() {
    let catalog = Catalog::builtin().expect("catalog");
    let validator = jsonschema::draft7::new(&config_schema(&catalog)).expect("schema compiles");
    let good = "lang: ja\nfail_on: warning\nselect: [sla-present]\nignore: [pack-period-in-term]\nexclude: ['archive/**']\nrule_dirs: [policy]\nrules:\n  risk-review-cadence: {severity: warning, params: {max_review_cadence: P6M}}\n  checklist-open-item: off\n  hospital-own-rule: {params: {anything: 1}}\noverrides:\n  - paths: ['legacy/**']\n    rules: {sla-core-metrics: warning}\nwaivers:\n  - {rule: sla-core-metrics, pack: minato-clinic-ris, path: service_levels, reason: ticket 1423, approved_by: 委員会, expires: 2027-03-31}\nlimits: {max_depth: 32, max_file_bytes: 1048576}\n";
    assert_eq!(
        errors(&validator, &documents(good)[0]),
        Vec::<String>::new()
    );
    for fixture in [
        "waiver-expired/fail",
        "waiver-unused/fail",
        "waiver-unused/pass",
        "input-limit/fail",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture)
            .join("kakunin.yaml");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            errors(&validator, &documents(&text)[0]).is_empty(),
            "{fixture}"
        );
    }
    for bad in [
        good.replace("fail_on", "fail-on"),
        good.replace("lang: ja", "lang: fr"),
        good.replace("checklist-open-item: off", "checklist-open-item: disabled"),
        good.replace("max_review_cadence", "max_cadence"),
        good.replace(" approved_by: 委員会,", ""),
        good.replace("expires: 2027-03-31", "expires: next year"),
        good.replace("paths: ['legacy/**']\n    ", ""),
        good.replace("max_depth: 32", "max_depth: 1000"),
        good.replace("max_depth: 32", "max_depth: 0"),
        good.replace("max_depth", "max_dept"),
    ] {
        assert!(
            !errors(&validator, &documents(&bad)[0]).is_empty(),
            "accepted:\n{bad}"
        );
    }
}
