//! What a new user meets in the first hour, through the binary: help that fits the value they
//! wrote (a Japanese answer, a day that does not exist).

mod support;

use serde_json::Value;
use support::{TODAY, kakunin};

fn findings(dir: &std::path::Path, lang: &str) -> Vec<Value> {
    let out = kakunin()
        .args(["check", "--no-config", "--format", "json", "--today", TODAY])
        .args(["--lang", lang])
        .arg(dir)
        .output()
        .expect("runs");
    let value: Value = serde_json::from_slice(&out.stdout).expect("json");
    value["findings"].as_array().cloned().unwrap_or_default()
}

fn edited(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("single-vendor", dir.path(), &[]);
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).expect("write");
    }
    dir
}

fn invalid(found: &[Value]) -> Vec<String> {
    found
        .iter()
        .filter(|f| f["rule"] == "invalid-value")
        .map(|f| f["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_japanese_answer_is_told_its_word() {
    let record = "checklist/shirakaba-2026.yaml";
    let dir = edited(&[
        (record, "initial: \"yes\"", "initial: はい"),
        (record, "initial: \"no\"", "initial: いいえ"),
    ]);
    let en = invalid(&findings(dir.path(), "en"));
    assert_eq!(en.len(), 2, "{en:#?}");
    assert!(
        en[0].contains("`はい`") && en[0].contains("did you mean `yes`?"),
        "{en:#?}"
    );
    assert!(en[1].contains("did you mean `no`?"), "{en:#?}");
    let ja = invalid(&findings(dir.path(), "ja"));
    assert!(ja[0].contains("`yes` の誤りではありませんか"), "{ja:#?}");
}

#[test]
fn a_day_that_does_not_exist_is_told_the_months_length() {
    let dir = edited(&[("sla.yaml", "agreed_on: 2026-03-16", "agreed_on: 2026-02-30")]);
    let en = invalid(&findings(dir.path(), "en"));
    assert_eq!(en, ["`2026-02-30` is no date: month 2 of 2026 has 28 days"]);
    let ja = invalid(&findings(dir.path(), "ja"));
    assert_eq!(
        ja,
        ["`2026-02-30` という日付はありません: 2026 年 2 月は 28 日までです"]
    );
    // A text that is no date at all keeps the format's message.
    let dir = edited(&[("sla.yaml", "agreed_on: 2026-03-16", "agreed_on: 2026/03/16")]);
    let en = invalid(&findings(dir.path(), "en"));
    assert_eq!(en, ["`2026/03/16` is not a date YYYY-MM-DD"]);
}
