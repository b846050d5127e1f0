//! Agreements the pack records as not reached, and editions older than the baseline, through
//! the binary: each gaming edit of a compliant example is a finding, the example itself is not.

mod support;

use serde_json::Value;
use support::{copy_example, json};

fn rules_of(value: &Value) -> Vec<String> {
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_compliant_example_records_every_agreement() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_example("single-vendor", dir.path(), &[]);
    let value = json(dir.path(), &["."]);
    assert_eq!(rules_of(&value), Vec::<String>::new(), "{value:#}");
}

#[test]
fn agreements_stated_as_not_reached_are_findings() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "alternatives_agreed: true",
            "alternatives_agreed: false",
            "business-continuity-agreed",
        ),
        (
            "prior_consent: true",
            "prior_consent: false",
            "subcontracting-prior-consent",
        ),
        (
            "guideline_version: \"2.0\"",
            "guideline_version: \"1.1\"",
            "provider-guideline-version",
        ),
        (
            "guideline_version: \"2.0\"",
            "guideline_version: \"latest\"",
            "provider-guideline-version",
        ),
        (
            "mhlw_guideline: \"6.0\" ",
            "mhlw_guideline: \"5.2\" ",
            "baseline-editions",
        ),
        (
            "edition: \"2024-06\"",
            "edition: \"2024-6\"",
            "checklist-edition-baseline",
        ),
    ];
    for (from, to, rule) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_example("single-vendor", dir.path(), &[(from, to)]);
        let value = json(dir.path(), &["."]);
        let rules = rules_of(&value);
        assert!(rules.iter().any(|r| r == rule), "{to}: {value:#}");
        assert_eq!(
            value["summary"]["errors"].as_u64().map(|n| n > 0),
            Some(true)
        );
    }
}

#[test]
fn a_later_edition_than_the_baseline_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    // "10.0" sorts before "2.0" as text; as a version it is later.
    copy_example(
        "single-vendor",
        dir.path(),
        &[("guideline_version: \"2.0\"", "guideline_version: \"10.0\"")],
    );
    let value = json(dir.path(), &["."]);
    assert!(
        !rules_of(&value)
            .iter()
            .any(|r| r == "provider-guideline-version"),
        "{value:#}"
    );
}
