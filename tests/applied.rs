//! Every output states the configuration a run applied, and the checklist report never shows ○
//! for an item whose check was switched off (□ not checked) or whose problems were waived
//! (◇ waived), naming the configuration line that did it. Through the binary.

mod support;

use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;
use support::{TODAY, copy_example, write};

/// The single-vendor example without its SLA, in a project of its own: `sla-present` (P2-A6)
/// reports the missing SLA unless the project's configuration stops it.
fn project_without_sla() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git");
    copy_example("single-vendor", &dir.path().join("pack"), &[]);
    std::fs::remove_file(dir.path().join("pack/sla.yaml")).expect("rm sla");
    dir
}

const WAIVER: &str = "waivers:\n  - rule: sla-present\n    pack: himawari-emr-ris-2026\n    reason: SLA annex in signature, ticket 88\n    approved_by: 情報システム委員会\n    expires: 2099-12-31\n";

fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = support::kakunin()
        .current_dir(cwd)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The status cell of item `id` in the record table of the HTML report: (class, text).
fn html_status(html: &str, id: &str) -> (String, String) {
    let page = Html::parse_document(html);
    let rows = Selector::parse("table.items tbody tr").expect("selector");
    let cells = Selector::parse("td").expect("selector");
    for row in page.select(&rows) {
        let tds: Vec<_> = row.select(&cells).collect();
        if tds
            .first()
            .map(|c| c.text().collect::<String>().trim().to_owned())
            == Some(id.into())
        {
            let last = tds.last().expect("status cell");
            let class = last.value().attr("class").unwrap_or_default().to_owned();
            return (class, last.text().collect::<String>());
        }
    }
    panic!("no row {id}")
}

#[test]
fn a_switched_off_check_shows_not_checked_with_its_line_never_agreed() {
    let dir = project_without_sla();
    let args = ["report", "pack", "--lang", "en"];
    // Control: the check runs and contradicts the answer.
    let (code, html, _) = run(dir.path(), &args);
    assert_eq!(code, 0);
    let (class, _) = html_status(&html, "P2-A6");
    assert_eq!(class, "st st-contradicted");
    // Switched off in the configuration: not checked, with the line that did it.
    write(dir.path(), "kakunin.yaml", "rules:\n  sla-present: off\n");
    let (_, html, _) = run(dir.path(), &args);
    let (class, text) = html_status(&html, "P2-A6");
    assert_eq!(class, "st st-unchecked", "{text}");
    assert!(
        text.contains("not checked") && text.contains("sla-present kakunin.yaml:2"),
        "{text}"
    );
    // So is the pack's cell in the summary matrix.
    let page = Html::parse_document(&html);
    let heads = Selector::parse("table.matrix thead th.item").expect("selector");
    let column = page
        .select(&heads)
        .position(|th| th.value().attr("title") == Some("P2-A6"))
        .expect("P2-A6 column");
    let cells = Selector::parse("table.matrix tbody tr td").expect("selector");
    let cell = page.select(&cells).nth(column).expect("cell");
    assert!(
        cell.value().classes().any(|c| c == "st-unchecked"),
        "{}",
        cell.html()
    );
    // The configuration section names the file and the setting.
    let section = Selector::parse("section.configuration").expect("selector");
    let section: String = page
        .select(&section)
        .next()
        .expect("configuration section")
        .text()
        .collect();
    assert!(section.contains("Configuration applied"), "{section}");
    assert!(
        section.contains("rule switched off") && section.contains("kakunin.yaml:2"),
        "{section}"
    );
    // By `ignore`, by `select` and in a file named by `--config`, too; the Markdown report in Japanese says the same.
    // Control: with no configuration at all the check runs and the item is contradicted.
    write(dir.path(), "policy.yaml", "rules:\n  sla-present: off\n");
    for (config, flags, place) in [
        (
            "ignore: [sla-present]\n",
            &[][..],
            Some("sla-present kakunin.yaml:1"),
        ),
        (
            "select: [vendor-fields]\n",
            &[][..],
            Some("sla-present kakunin.yaml:1"),
        ),
        (
            "",
            &["--config", "policy.yaml"][..],
            Some("sla-present policy.yaml:2"),
        ),
        ("rules:\n  sla-present: off\n", &["--no-config"][..], None),
    ] {
        write(dir.path(), "kakunin.yaml", config);
        let mut args = vec!["report", "pack", "--format", "markdown", "--lang", "ja"];
        args.extend(flags);
        let (_, md, _) = run(dir.path(), &args);
        // Markdown escapes punctuation; read the text as it renders.
        let md = md.replace('\\', "");
        let row = md
            .lines()
            .find(|l| l.starts_with("| P2-A6 |"))
            .expect("row");
        assert!(md.contains("## 適用した設定"), "{md}");
        match place {
            None => {
                assert!(row.contains("× 矛盾"), "{row}");
                assert!(md.contains("なし（既定値）"), "{md}");
            }
            Some(place) => {
                assert!(row.contains("□ 未検査") && row.contains(place), "{row}");
                assert!(!row.contains("○"), "{row}");
            }
        }
    }
}

#[test]
fn a_waived_problem_shows_waived_with_the_waiver_line() {
    let dir = project_without_sla();
    write(dir.path(), "kakunin.yaml", WAIVER);
    let (code, html, stderr) = run(dir.path(), &["report", "pack", "--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    let (class, text) = html_status(&html, "P2-A6");
    assert_eq!(class, "st st-waived", "{text}");
    assert!(text.contains("sla-present kakunin.yaml:2"), "{text}");
    // The configuration section lists the waiver with its items, pack and line.
    let page = Html::parse_document(&html);
    let rows = Selector::parse("section.configuration table.settings tbody tr").expect("selector");
    let rows: Vec<String> = page
        .select(&rows)
        .map(|r| r.text().collect::<Vec<_>>().join("|"))
        .collect();
    assert_eq!(
        rows,
        ["waiver|sla-present|P2-A6|himawari-emr-ris-2026 · 1 finding|kakunin.yaml:2"]
    );
    // An expired waiver no longer holds: the item is contradicted again.
    write(
        dir.path(),
        "kakunin.yaml",
        &WAIVER.replace("2099-12-31", "2026-01-31"),
    );
    let (_, html, _) = run(dir.path(), &["report", "pack", "--lang", "en"]);
    assert_eq!(html_status(&html, "P2-A6").0, "st st-contradicted");
}

const EVERYTHING: &str = "ignore: [vendor-fields]\nrules:\n  checklist-open-item: warning\n  risk-review-cadence:\n    params: {max_review_cadence: P2Y}\noverrides:\n  - paths: [\"pack/contracts/**\"]\n    rules: {evidence-path: off}\n";

#[test]
fn check_states_the_configuration_in_the_summary_line_json_and_sarif() {
    let dir = project_without_sla();
    let config = format!("{EVERYTHING}{WAIVER}exclude: [\"pack/archive/**\"]\n");
    write(dir.path(), "kakunin.yaml", &config);
    let (_, human, _) = run(dir.path(), &["check", "pack"]);
    assert!(
        human.contains(
            "configuration: kakunin.yaml (2 rules off, 1 severity changed, 1 parameter changed, 1 path excluded, 1 waiver used)"
        ),
        "{human}"
    );
    let (_, human, _) = run(dir.path(), &["check", "pack", "--lang", "ja"]);
    assert!(
        human.contains("設定: kakunin.yaml（無効にしたルール 2 件"),
        "{human}"
    );
    // So does the Markdown findings report (pull-request comments, the GitHub job summary).
    let (_, md, _) = run(dir.path(), &["check", "pack", "--format", "markdown"]);
    let md = md.replace('\\', "");
    assert!(
        md.contains("configuration: kakunin.yaml (2 rules off, 1 severity changed"),
        "{md}"
    );
    // JUnit: a property of each pack's suite.
    let (_, xml, _) = run(dir.path(), &["check", "pack", "--format", "junit"]);
    assert!(
        xml.contains("<property name=\"configuration\" value=\"configuration: kakunin.yaml (2 rules off, 1 severity changed, 1 parameter changed, 1 path excluded, 1 waiver used)\"/>"),
        "{xml}"
    );
    assert!(!xml.contains("kakunin:configuration"), "{xml}");
    // Without a configuration the line says so.
    let (_, human, _) = run(dir.path(), &["check", "pack", "--no-config"]);
    assert!(human.contains("configuration: none (built-in defaults) (1 file not applied)"));

    let (_, text, _) = run(dir.path(), &["check", "pack", "--format", "json"]);
    let value: Value = serde_json::from_str(&text).expect("json");
    let c = &value["configuration"];
    assert_eq!(c["file"], "kakunin.yaml");
    let off: Vec<(&str, &str, u64)> = c["rules_off"]
        .as_array()
        .expect("rules_off")
        .iter()
        .map(|s| {
            let by = s["by"].as_str().unwrap_or_default();
            let rule = s["rule"].as_str().unwrap_or_default();
            (rule, by, s["line"].as_u64().unwrap_or_default())
        })
        .collect();
    assert!(off.contains(&("vendor-fields", "ignore", 1)), "{off:?}");
    assert!(
        off.contains(&("evidence-path", "overrides[0]", 8)),
        "{off:?}"
    );
    assert_eq!(c["severities_changed"][0]["line"], 3);
    assert_eq!(c["params_changed"][0]["value"], "max_review_cadence=P2Y");
    assert_eq!(c["waivers_used"][0]["line"], 10);
    assert_eq!(c["excluded"][0]["glob"], "pack/archive/**");
    assert_eq!(c["excluded"][0]["line"], 15);
    // The report's configuration section lists it too.
    let (_, md, _) = run(
        dir.path(),
        &["report", "pack", "--format", "markdown", "--lang", "en"],
    );
    let md = md.replace('\\', "");
    assert!(
        md.contains("| path excluded (not checked) |   |   | pack/archive/** | kakunin.yaml:15 |"),
        "{md}"
    );
    assert_eq!(c["waivers_used"][0]["findings"], 1);
    assert_eq!(
        c["waivers_used"][0]["checklist"],
        serde_json::json!(["P2-A6"])
    );
    // A flag that switches a rule off is named as the flag.
    let (_, text, _) = run(
        dir.path(),
        &[
            "check",
            "pack",
            "--format",
            "json",
            "--ignore",
            "sla-core-metrics",
        ],
    );
    let flagged: Value = serde_json::from_str(&text).expect("json");
    assert!(
        flagged["configuration"]["rules_off"]
            .as_array()
            .expect("rules_off")
            .iter()
            .any(|s| s["rule"] == "sla-core-metrics"
                && s["by"] == "--ignore"
                && s["file"].is_null())
    );

    // The published schema describes it, and rejects a configuration it does not describe.
    let schema = std::fs::read_to_string(support::root().join("schemas/check-output.schema.json"))
        .expect("schema");
    let schema: Value = serde_json::from_str(&schema).expect("json");
    let validator = jsonschema::draft202012::new(&schema).expect("compiles");
    for v in [&value, &flagged] {
        let errors: Vec<String> = validator.iter_errors(v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let mut forged = value.clone();
    forged["configuration"]["rules_off"][0]["by"] = Value::from("the vendor");
    assert!(!validator.is_valid(&forged));
    let mut missing = value.clone();
    missing["configuration"]
        .as_object_mut()
        .map(|o| o.remove("waivers_used"));
    assert!(!validator.is_valid(&missing));

    let (_, text, _) = run(dir.path(), &["check", "pack", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&text).expect("sarif");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["properties"]["configuration"], value["configuration"]);
    assert_eq!(
        run0["invocations"][0]["properties"]["configuration"]["waivers_used"][0]["rule"],
        "sla-present"
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
}

/// The status text of item `id` in the English Markdown report, as it renders.
fn md_status(cwd: &Path, id: &str) -> String {
    let (code, md, stderr) = run(
        cwd,
        &["report", "pack", "--format", "markdown", "--lang", "en"],
    );
    assert_eq!(code, 0, "{stderr}");
    let md = md.replace('\\', "");
    let row = md
        .lines()
        .find(|l| l.starts_with(&format!("| {id} |")))
        .unwrap_or_else(|| panic!("no row {id}: {md}"));
    row.trim_end_matches(" |")
        .rsplit(" | ")
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_rule_over_every_answer_switched_off_leaves_every_answer_unchecked() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git");
    copy_example("single-vendor", &dir.path().join("pack"), &[]);
    // Control: every check runs; P2-A1 is agreed.
    assert!(md_status(dir.path(), "P2-A1").starts_with("○ agreed"));
    // `checklist-completion-date` checks the entries of every record: with it off, no
    // answer is vouched for, whatever item its own rule names.
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  checklist-completion-date: off\n",
    );
    let status = md_status(dir.path(), "P2-A1");
    assert_eq!(
        status,
        "□ not checked (checklist-completion-date kakunin.yaml:2)"
    );
    // A rule of another item switched off leaves P2-A1 agreed.
    write(dir.path(), "kakunin.yaml", "rules:\n  sla-present: off\n");
    assert!(md_status(dir.path(), "P2-A1").starts_with("○ agreed"));
    assert!(md_status(dir.path(), "P2-A6").starts_with("□ not checked"));
}

#[test]
fn a_problem_lowered_to_info_still_contradicts_the_answer() {
    let dir = project_without_sla();
    write(dir.path(), "kakunin.yaml", "rules:\n  sla-present: info\n");
    assert_eq!(md_status(dir.path(), "P2-A6"), "× contradicted");
    // Control: with the SLA back, nothing contradicts it.
    copy_example("single-vendor", &dir.path().join("pack"), &[]);
    assert!(md_status(dir.path(), "P2-A6").starts_with("○ agreed"));
}

#[test]
fn an_item_judged_with_changed_parameters_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git");
    copy_example("single-vendor", &dir.path().join("pack"), &[]);
    // Control: built-in parameters, nothing beside the status.
    assert_eq!(md_status(dir.path(), "P2-A4"), "○ agreed");
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  risk-review-cadence:\n    params: {max_review_cadence: P5Y}\n",
    );
    assert_eq!(
        md_status(dir.path(), "P2-A4"),
        "○ agreed (risk-review-cadence max_review_cadence=P5Y kakunin.yaml:3)"
    );
    assert_eq!(md_status(dir.path(), "P2-A1"), "○ agreed");
}
