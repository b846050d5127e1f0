//! The "When it applies" / 「適用範囲」 and "What it reads" / 「参照する項目」 sections of
//! `kakunin explain` and the rule pages: derived from each rule's check, so they name its
//! collection, its conditions, its pack conditions and the references it follows — for a
//! user's own rule too.

mod support;

use support::{explain, write};

/// The text between a `## ` heading and the next one.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("## {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading} in {text}"));
    let body = &text[start + heading.len() + 4..];
    &body[..body.find("\n## ").unwrap_or(body.len())]
}

#[test]
fn a_rule_says_what_it_runs_over_under_which_conditions_and_what_it_reads() {
    let root = support::root();
    let text = explain(root, &["prime-scope-present"]);
    let applies = section(&text, "When it applies");
    for part in [
        "each Contract document whose `parties` contains the pack's `prime_vendor` and `type` is absent or none of `subcontract`",
        "It checks that `prime_scope` is present",
        "Only in a pack where the number of parties whose `kind` is `vendor` is at least 2",
    ] {
        assert!(applies.contains(part), "{part:?} in {applies}");
    }
    let reads = section(&text, "What it reads");
    assert!(
        reads.contains("Fields of Contract documents: `parties`, `prime_scope`, `type`"),
        "{reads}"
    );
    assert!(
        reads.contains("Values from elsewhere: the pack's `prime_vendor`"),
        "{reads}"
    );
    let text = explain(root, &["prime-scope-components"]);
    let reads = section(&text, "What it reads");
    assert!(
        reads.contains("References it follows: `supplier->vendor_role`"),
        "{reads}"
    );
    assert!(
        reads.contains("Absent values: An entity whose list is absent is not checked"),
        "{reads}"
    );
    let ja = explain(root, &["prime-scope-present", "--lang", "ja"]);
    assert!(
        section(&ja, "適用範囲").contains("条件「`kind` が `vendor`」を満たす当事者の数が 2 以上"),
        "{ja}"
    );
    assert!(
        section(&ja, "参照する項目").contains("ほかから取る値: パックの `prime_vendor`"),
        "{ja}"
    );
}

#[test]
fn a_comparison_rule_says_that_an_absent_side_is_skipped_and_names_its_parameter() {
    let text = explain(support::root(), &["risk-review-cadence"]);
    let applies = section(&text, "When it applies");
    assert!(
        applies.contains("It checks each RiskManagement document."),
        "{applies}"
    );
    assert!(
        applies.contains("`review_cadence` <= the parameter `max_review_cadence` (default `P1Y`)"),
        "{applies}"
    );
    assert!(
        section(&text, "What it reads").contains("whose side is absent"),
        "{text}"
    );
}

#[test]
fn a_users_own_rule_gets_the_sections_from_its_own_check() {
    // The same check as a built-in rule, with another condition: the sections follow the rule
    // file, not a text written for the built-in one.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git dir");
    let own = std::fs::read_to_string(support::root().join("rules/risk-review-cadence.yaml"))
        .expect("rule")
        .replace("id: risk-review-cadence", "id: joint-review-cadence")
        .replace(
            "  for_each:\n    in: risks\n",
            "  for_each:\n    in: risks\n    where: {owner: joint}\n",
        );
    assert!(
        own.contains("where: {owner: joint}"),
        "the rule's selection was rewritten"
    );
    write(dir.path(), "policy/joint-review-cadence.yaml", &own);
    write(dir.path(), "kakunin.yaml", "rule_dirs: [policy]\n");
    let text = explain(dir.path(), &["joint-review-cadence"]);
    let applies = section(&text, "When it applies");
    assert!(
        applies.contains("each RiskManagement document whose `owner` is `joint`"),
        "{applies}"
    );
    let builtin = explain(dir.path(), &["risk-review-cadence"]);
    assert!(
        !section(&builtin, "When it applies").contains("`owner`"),
        "{builtin}"
    );
}

#[test]
fn every_rule_page_has_both_sections_in_both_languages() {
    let dir = support::root().join("docs/rules");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).expect("docs/rules").flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("page");
        for heading in [
            "### When it applies",
            "### What it reads",
            "### 適用範囲",
            "### 参照する項目",
        ] {
            assert!(text.contains(heading), "{heading} in {}", path.display());
        }
        pages += 1;
    }
    assert!(pages > 40, "{pages} pages");
}
