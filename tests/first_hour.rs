//! What a new user meets in the first hour, through the binary: help that fits the value they
//! wrote (a Japanese answer, a day that does not exist).

mod support;

use serde_json::Value;
use support::{TODAY, kakunin};

fn findings(dir: &std::path::Path, lang: &str) -> Vec<Value> {
    support::pack_findings(dir, lang).1
}

fn edited(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    support::edited_example("single-vendor", edits)
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

/// The commands of README's "Install and first run", as written (comments dropped).
fn readme_first_run() -> Vec<String> {
    let readme = std::fs::read_to_string(support::root().join("README.md")).expect("README");
    let section = readme
        .split("## Install and first run")
        .nth(1)
        .expect("the section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("its code block");
    block
        .lines()
        .map(|l| l.split("  #").next().unwrap_or_default().trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn readmes_install_and_first_run_work_as_written() {
    let Some(git_bin) = support::tool("git") else {
        return;
    };
    let commands = readme_first_run();
    assert_eq!(commands.len(), 4, "{commands:#?}");
    assert_eq!(commands[0], "cargo install --locked --path .");
    let shell = support::source::UserShell::new(&git_bin);
    let (checkout, work) = (&shell.checkout, &shell.work);
    let run = |command: &str, cwd: &std::path::Path| shell.run(command, cwd);
    // The install runs in the checkout, the rest where the reviewer works.
    let (code, text) = run(&commands[0], checkout);
    assert_eq!(code, 0, "{text}");
    assert!(
        shell.install_root.join("bin/kakunin").is_file(),
        "installed on the PATH"
    );
    let (code, text) = run(&commands[1], work);
    assert_eq!(code, 0, "init: {text}");
    let (code, text) = run(&commands[2], work);
    assert_eq!(code, 1, "a draft is not compliant: {text}");
    assert!(text.contains("placeholder-value"), "{text}");
    let (code, text) = run(&commands[3], work);
    assert_eq!(code, 0, "report: {text}");
    let report = std::fs::read_to_string(work.join("確認表.html")).expect("the report is filed");
    assert!(report.contains("<html"), "{report}");
}

#[test]
fn a_reference_that_names_nothing_is_told_in_japanese_without_english_nouns() {
    let dir = edited(&[
        (
            "pack.yaml",
            "institution: himawari-clinic",
            "institution: himawari",
        ),
        (
            "systems.yaml",
            "supplier: shirakaba-medical",
            "supplier: shirakaba",
        ),
    ]);
    let found = findings(dir.path(), "ja");
    let messages: Vec<&str> = found
        .iter()
        .filter(|f| f["rule"] == "unresolved-reference")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{found:#?}");
    for m in &messages {
        assert!(m.contains("当事者"), "{m}");
        for english in ["party", "component", "contract", "entity"] {
            assert!(!m.contains(english), "{m}");
        }
    }
}

/// `check` of the single-vendor example beside a `kakunin.yaml` with `config`, as a hospital
/// runs it on one pack (`pack/` of a directory holding the configuration).
fn with_config(config: &str, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("single-vendor", &dir.path().join("pack"), &[]);
    std::fs::write(dir.path().join("kakunin.yaml"), config).expect("write");
    let out = kakunin()
        .current_dir(dir.path())
        .args([
            "check", "--format", "concise", "--today", TODAY, "--lang", "en",
        ])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_mistake_of_a_waiver_is_reported_in_one_pass() {
    let config = "waivers:\n  - rule: sla-core-metrcs\n    pack: himawari-emr-ris-2026\n    reason: 協議中\n    expires: 2027-03-31\n";
    let (code, _, err) = with_config(config, &["pack"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`approved_by` is required"), "{err}");
    assert!(
        err.contains("unknown rule `sla-core-metrcs` (did you mean `sla-core-metrics`?)"),
        "{err}"
    );
    assert!(err.contains("2 problems"), "{err}");
}

#[test]
fn a_waiver_for_a_misspelt_pack_is_told_even_when_one_pack_is_checked() {
    let config = "waivers:\n  - rule: sla-core-metrics\n    pack: himawari-emr-ris-2062\n    reason: 協議中\n    approved_by: 医療情報委員会\n    expires: 2027-03-31\n";
    for args in [&["pack"][..], &[][..]] {
        let (code, out, err) = with_config(config, args);
        assert_eq!(code, 0, "a warning: {out}{err}");
        assert!(
            out.contains("warning[waiver-unused]")
                && out.contains("did you mean `himawari-emr-ris-2026`?"),
            "{args:?}: {out}{err}"
        );
    }
    // A pack id nothing like the packs checked may be another pack's: left alone on one pack.
    let other = config.replace("himawari-emr-ris-2062", "sakuradai-his-2026");
    let (_, out, _) = with_config(&other, &["pack"]);
    assert!(!out.contains("waiver-unused"), "{out}");
}

#[test]
fn a_file_that_cannot_be_read_comes_first_and_its_knock_ons_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_example("multi-vendor", dir.path(), &[]);
    // parties.yaml saved by a Japanese Windows editor: its heading 「当事者一覧」 in Shift_JIS.
    let utf8 = std::fs::read_to_string(dir.path().join("parties.yaml")).expect("read");
    let mut bytes = b"# ".to_vec();
    bytes.extend([
        0x93, 0x96, 0x8E, 0x96, 0x8E, 0xD2, 0x88, 0xEA, 0x97, 0x97, b'\n',
    ]);
    bytes.extend(utf8.as_bytes());
    std::fs::write(dir.path().join("parties.yaml"), &bytes).expect("write");
    for lang in ["en", "ja"] {
        let found = findings(dir.path(), lang);
        assert_eq!(
            found[0]["rule"], "file-unreadable",
            "the cause first: {found:#?}"
        );
        let knock_ons: Vec<&Value> = found
            .iter()
            .filter(|f| f["rule"] == "unresolved-reference")
            .collect();
        assert!(knock_ons.len() > 10, "{found:#?}");
        let because = if lang == "en" {
            "likely because parties.yaml could not be read"
        } else {
            "parties.yaml を読めなかったためと考えられます"
        };
        for f in &knock_ons {
            assert!(
                f["message"].as_str().is_some_and(|m| m.contains(because)),
                "{f:#?}"
            );
            let related = f["related"].as_array().cloned().unwrap_or_default();
            assert!(
                related.iter().any(|r| r["file"]
                    .as_str()
                    .is_some_and(|p| p.ends_with("parties.yaml"))),
                "{f:#?}"
            );
        }
        // Every cause before every rule finding.
        let first_rule = found
            .iter()
            .position(|f| {
                !["file-unreadable", "unresolved-reference"]
                    .contains(&f["rule"].as_str().unwrap_or(""))
            })
            .unwrap_or(found.len());
        assert!(
            found[first_rule..]
                .iter()
                .all(|f| f["rule"] != "unresolved-reference"),
            "{found:#?}"
        );
    }
}

#[test]
fn a_misspelt_section_comes_before_what_it_leaves_missing() {
    let dir = edited(&[("sla.yaml", "service_levels:", "servce_levels:")]);
    let found = findings(dir.path(), "en");
    let rules: Vec<&str> = found.iter().filter_map(|f| f["rule"].as_str()).collect();
    let unknown = rules
        .iter()
        .position(|r| *r == "unknown-key")
        .expect("unknown-key");
    let missing = rules
        .iter()
        .position(|r| *r == "missing-field")
        .expect("missing-field");
    assert_eq!(unknown, 0, "{rules:?}");
    assert!(unknown < missing, "{rules:?}");
    // Each knock-on names its cause, and points at it.
    let cause_line = found[unknown]["line"].clone();
    for knock_on in found.iter().filter(|f| f["rule"] != "unknown-key") {
        let message = knock_on["message"].as_str().unwrap_or_default();
        assert!(
            message.ends_with(
                "likely because `servce_levels` on line 10 is a misspelling of `service_levels`"
            ),
            "{message}"
        );
        let related = knock_on["related"].as_array().cloned().unwrap_or_default();
        assert!(
            related
                .iter()
                .any(|r| r["label"] == "the misspelt key" && r["line"] == cause_line),
            "{knock_on:#}"
        );
    }
    assert!(
        found.iter().any(|f| f["rule"] == "sla-core-metrics"),
        "{rules:?}"
    );
    // The same words in every format, and in Japanese.
    for format in ["concise", "sarif", "github", "junit", "markdown"] {
        let out = kakunin()
            .args(["check", "--no-config", "--lang", "en", "--today", TODAY])
            .args(["--format", format])
            .arg(dir.path())
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        // Markdown escapes the backquotes and underscores; the words stay.
        assert!(text.contains("is a misspelling of"), "{format}: {text}");
    }
    let japanese = findings(dir.path(), "ja");
    let missing_ja = japanese
        .iter()
        .find(|f| f["rule"] == "missing-field")
        .and_then(|f| f["message"].as_str())
        .unwrap_or_default();
    assert!(
        missing_ja.contains("10 行目の `servce_levels` が `service_levels` の書き誤り"),
        "{missing_ja}"
    );
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("service_levels")),
        "did you mean: {:#?}",
        found[0]
    );
}

#[test]
fn the_help_fits_the_mistake() {
    let record = "checklist/shirakaba-2026.yaml";
    let dir = edited(&[
        (record, "initial: \"yes\"", "initial: はい"),
        ("sla.yaml", "agreed_on: 2026-03-16", "agreed_on: 2026-02-30"),
        (
            "sla.yaml",
            "incident_notification: PT30M",
            "incident_notification: 30分",
        ),
    ]);
    let found = findings(dir.path(), "en");
    let help_of = |needle: &str| {
        found
            .iter()
            .find(|f| {
                f["rule"] == "invalid-value"
                    && f["message"].as_str().is_some_and(|m| m.contains(needle))
            })
            .and_then(|f| f["help"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(help_of("はい").contains("Write `yes`"), "{found:#?}");
    assert!(
        help_of("2026-02-30").contains("ends on day 28"),
        "{found:#?}"
    );
    let duration = help_of("30分");
    assert!(duration.contains("PT30M thirty minutes"), "{duration}");
    assert!(
        !duration.contains("ids are"),
        "no help for other types: {duration}"
    );
    // An input that does not exist is told to check the path, not to re-save as UTF-8.
    let out = kakunin()
        .args(["check", "--no-config", "--lang", "en", "no-such-dir"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Check the path"), "{text}");
    assert!(!text.contains("UTF-8"), "{text}");
}
