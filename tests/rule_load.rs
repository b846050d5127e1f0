//! A user's rule file is checked when it loads: a misspelt `$` reference, field path, condition
//! value or an incomparable comparison is refused with exit 2 at the rule file's line:col, with
//! a did-you-mean, instead of a rule that loads and never fires.

mod support;

use std::path::Path;
use support::{kakunin, root, write};

/// The built-in `risk-review-overdue` as the user's rule `my-risk`, edited.
fn project(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        std::fs::read_to_string(root().join("rules/risk-review-overdue.yaml")).expect("read");
    let text = text.replace("id: risk-review-overdue", "id: my-risk");
    write(dir.path(), "policy/my-risk.yaml", &edit(text));
    write(dir.path(), "kakunin.yaml", "rule_dirs: [policy]\n");
    dir
}

/// `kakunin check --today 2030-01-01 examples/single-vendor` in `dir` (its last risk review is
/// long overdue then): (exit code, stdout + stderr).
fn check(dir: &Path) -> (i32, String) {
    let out = kakunin()
        .current_dir(dir)
        .args(["check", "--format", "json", "--today", "2030-01-01"])
        .arg(root().join("examples/single-vendor"))
        .output()
        .expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn refused(edit: impl Fn(String) -> String, at: &str, says: &str) {
    let dir = project(edit);
    let (code, text) = check(dir.path());
    assert_eq!(code, 2, "{text}");
    assert!(text.contains(at), "no {at:?} in:\n{text}");
    assert!(text.contains(says), "no {says:?} in:\n{text}");
    let verify = kakunin()
        .current_dir(dir.path())
        .args(["rules", "verify", "policy"])
        .output()
        .expect("runs");
    assert_eq!(verify.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&verify.stderr).contains(says));
}

#[test]
fn the_unedited_copy_loads_and_fires_on_an_overdue_pack() {
    let dir = project(|t| t);
    let (code, text) = check(dir.path());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("\"rule\": \"my-risk\""), "{text}");
}

#[test]
fn a_misspelt_reference_is_refused_at_its_place() {
    refused(
        |t| t.replacen("right: $today", "right: $todya", 1),
        "my-risk.yaml:38:14",
        "`$todya` is not a reference; did you mean `$today`?",
    );
}

#[test]
fn a_misspelt_field_is_refused_at_its_place() {
    refused(
        |t| t.replace("{date: last_review,", "{date: last_reveiw,"),
        "my-risk.yaml:36:20",
        "has no field `last_reveiw`; did you mean `last_review`?",
    );
}

#[test]
fn a_condition_value_no_entity_can_have_is_refused() {
    refused(
        |t| {
            t.replace(
                "    in: risks\n",
                "    in: risks\n    where: {process: {contains: analyse}}\n",
            )
        },
        "my-risk.yaml:",
        "`process` is never `analyse`: did you mean `analysis`?",
    );
}

#[test]
fn a_comparison_of_a_date_with_a_duration_is_refused() {
    refused(
        |t| t.replacen("right: $today", "right: review_cadence", 1),
        "my-risk.yaml:36:20",
        "`last_review + review_cadence` and `review_cadence` cannot be compared",
    );
}

#[test]
fn a_reference_where_a_field_path_belongs_is_refused_at_its_place() {
    refused(
        |t| {
            t.replace(
                "    in: risks\n",
                "    in: risks\n    where: {$self.owner: {present: true}}\n",
            )
        },
        "my-risk.yaml:35:13",
        "`$self.owner` is a reference, and a field path is expected here",
    );
}
