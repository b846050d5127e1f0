//! The GitHub Action (`action.yml`) and the `github` format, run by a real Actions runner,
//! nektos/act (see `support/act.rs`): the documented workflow as it is, hostile pack text, and
//! the step's outcome under `fail-on`. What the runner parsed is read from act's JSON log and
//! compared with kakunin's JSON output for the same packs.
//!
//! act reads two things differently from GitHub's runner, and there the tests do not take its
//! word: it splits a command at the *last* `::` of the line (the runner at the first, so a
//! message holding `::` comes back cut), and it undoes `%25` in an order that changes from run
//! to run (so a literal `%0A` in pack text may come back as a line break). Pack text of that
//! kind (the `INJECTION` texts) is checked for what act does get right — one command per
//! finding, each line exactly as kakunin printed it, and no command of its own — and its round
//! trip with the runner's rules in `tests/annotations.rs`. All other text must round-trip.
//!
//! act also stops reading a step's output as soon as the step exits non-zero (its host executor
//! does not wait for what is still in the step's terminal), so the last lines of a failing step
//! may be missing from its log. Steps whose every line is checked therefore pass
//! `--exit-zero` (the same output; the step succeeds); failing steps are checked by their result
//! and outputs, and their annotations as far as act read them.

mod support;

use serde_json::Value;
use std::path::Path;
use support::act::{Annotation, Setup, annotation_for, annotation_read};
use support::{TODAY, check_in, json, kakunin, root, tool, write};

fn text_of<'a>(f: &'a Value, key: &str) -> &'a str {
    f[key].as_str().unwrap_or_default()
}

fn findings(repo: &Path, args: &[&str]) -> Vec<Value> {
    let report = json(repo, args);
    report["findings"].as_array().cloned().unwrap_or_default()
}

/// The job summary kakunin writes for these arguments, run directly.
fn summary_of(repo: &Path, scratch: &Path, args: &[&str]) -> String {
    let file = scratch.join("expected-summary.md");
    let out = kakunin()
        .current_dir(repo)
        .env("GITHUB_STEP_SUMMARY", &file)
        .args(["check", "--today", TODAY, "--format", "github"])
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.code().is_some());
    std::fs::read_to_string(&file).expect("summary written")
}

fn tools() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    match (tool("act"), tool("git")) {
        (Some(act), Some(git)) => Some((act, git)),
        _ => None,
    }
}

/// The documented workflow's check step with `--exit-zero` added, so that the step succeeds and
/// act reads all of its output.
const REPORT_ONLY_WORKFLOW: &str = r#"on: push
jobs:
  report-only:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: report-only
        uses: OWNER/kakunin@REF
        with:
          paths: .
          args: --lang ja --exit-zero
"#;

#[test]
fn documented_workflow_annotates_summarises_and_uploads_sarif() {
    let Some((act, git)) = tools() else {
        return;
    };
    let setup = Setup::new(&git);
    support::copy_example("broken", &setup.repo.join("packs/broken"), &[]);
    let workflow = root().join("docs/examples/github-code-scanning.yml");
    let workflow = std::fs::read_to_string(workflow).expect("example workflow");
    write(&setup.repo, ".github/workflows/kakunin.yml", &workflow);
    write(
        &setup.repo,
        ".github/workflows/report-only.yml",
        REPORT_ONLY_WORKFLOW,
    );
    let run = setup.run(&act, &git);

    // The example checks `.` with `--lang ja`, fails on errors, and uploads SARIF.
    let expected_findings = findings(&setup.repo, &[".", "--lang", "ja"]);
    assert!(expected_findings.len() > 10);
    let wanted: Vec<Annotation> = expected_findings.iter().map(annotation_for).collect();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.job_failed());
    assert_eq!(run.result(&["kakunin"]), Some("failure"));
    assert_eq!(
        run.output(&["kakunin"], "exit-code"),
        Some("1"),
        "{}",
        run.show(&["kakunin", "check"])
    );
    let check = ["kakunin", "check"];
    let annotations: Vec<Annotation> = run
        .commands(&check)
        .into_iter()
        .map(annotation_read)
        .collect();
    assert!(!annotations.is_empty(), "{}", run.show(&check));
    assert!(wanted.starts_with(&annotations), "{}", run.show(&check));

    let summary = summary_of(&setup.repo, &setup.scratch(), &[".", "--lang", "ja"]);
    for f in &expected_findings {
        let at = format!("{}:{}:{}", text_of(f, "file"), f["line"], f["column"]);
        assert!(summary.contains(&at), "{at} in {summary}");
    }
    assert_eq!(run.summary(&check), Some(summary.as_str()));

    // The upload step ran although the check failed, and got this run's SARIF.
    let sarif = std::fs::read(setup.out.join("uploaded.sarif")).expect("SARIF uploaded");
    let sarif: Value = serde_json::from_slice(&sarif).expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), expected_findings.len());
    for (result, f) in results.iter().zip(&expected_findings) {
        assert_eq!(result["ruleId"], f["rule"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], f["line"]);
    }
    let category = std::fs::read_to_string(setup.out.join("category")).expect("category");
    assert_eq!(category, "kakunin");

    // Every finding is exactly one annotation, with its place, title and message.
    let step = ["report-only", "check"];
    assert_eq!(run.result(&["report-only"]), Some("success"));
    let annotations: Vec<Annotation> = run
        .commands(&step)
        .into_iter()
        .map(annotation_read)
        .collect();
    assert_eq!(annotations, wanted, "{}", run.show(&step));
}

/// Pack text that act reads as GitHub's runner does: `%`, line breaks, `,`, `:`, `=`, `;`,
/// legacy `##[command]`s after a line break, control characters.
const FAITHFUL: &[&str] = &[
    "100% sure, 50%25 off; a:b=c",
    "one\ntwo\r\nthree\rfour",
    "x\n##[set-output name=exit-code;]0\n##[add-path]/evil\n##[error]legacy",
    "tab\there nul\u{0} esc\u{1b}[31m",
    "quote \" apostrophe ' backtick ` pipe | hash # ]]> <x>",
];

/// A file name with `,`, `:`, `%`, a space, `[`, `;` and `#`.
const FAITHFUL_FILE: &str = "odd, name: 100% [x];#.yaml";

/// Pack text that tries to start commands of its own after a line break.
const INJECTION: &[&str] = &[
    "a\n::set-env name=KAKUNIN_FORGED::y",
    "b\n::add-path::/evil",
    "c\n::stop-commands::tok\n::error::after stop",
    "d\n::set-output name=exit-code::0",
    "e%0A::error file=forged.yaml,line=1::forged",
];

const HOSTILE_WORKFLOW: &str = r#"on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: faithful
        uses: OWNER/kakunin@REF
        with:
          paths: faithful
          args: --exit-zero
      - id: injection
        uses: OWNER/kakunin@REF
        with:
          paths: injection
          args: --exit-zero
      - id: junit
        uses: OWNER/kakunin@REF
        with:
          paths: injection
          format: junit
          args: --exit-zero
      - id: human
        uses: OWNER/kakunin@REF
        with:
          paths: injection
          format: human
          args: --exit-zero
      # The control: the same JUnit output printed without the action's guard.
      - id: unguarded
        run: kakunin check --format junit injection || true
"#;

#[test]
fn hostile_pack_text_never_becomes_a_runner_command() {
    let Some((act, git)) = tools() else {
        return;
    };
    let setup = Setup::new(&git);
    let repo = &setup.repo;
    support::reference_pack(&repo.join("faithful"), FAITHFUL);
    write(
        &repo.join("faithful"),
        FAITHFUL_FILE,
        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {id: other, kind: vendor}\n",
    );
    support::hostile_pack(&repo.join("injection"));
    support::reference_pack(&repo.join("injection/q"), INJECTION);
    write(repo, ".github/workflows/hostile.yml", HOSTILE_WORKFLOW);
    let run = setup.run(&act, &git);

    // Text act reads faithfully: every finding is exactly one annotation, text intact.
    let faithful = findings(repo, &["faithful"]);
    for text in FAITHFUL {
        let reached = faithful
            .iter()
            .any(|f| f["message"].as_str().is_some_and(|m| m.contains(text)));
        assert!(reached, "{text:?} reaches a message");
    }
    assert!(
        faithful
            .iter()
            .any(|f| f["file"] == format!("faithful/{FAITHFUL_FILE}"))
    );
    let step = ["faithful", "check"];
    let annotations: Vec<Annotation> = run
        .commands(&step)
        .into_iter()
        .map(annotation_read)
        .collect();
    let wanted: Vec<Annotation> = faithful.iter().map(annotation_for).collect();
    assert_eq!(annotations, wanted, "{}", run.show(&step));

    // Injection attempts: each finding one command of its kind, each line as kakunin printed it.
    let injection = findings(repo, &["injection"]);
    assert!(injection.len() > INJECTION.len());
    let (_, printed) = check_in(repo, &["injection", "--format", "github"]);
    let step = ["injection", "check"];
    let commands = run.commands(&step);
    let raw: Vec<&str> = commands.iter().filter_map(|e| e["raw"].as_str()).collect();
    let lines: Vec<String> = printed.lines().map(|l| format!("{l}\n")).collect();
    assert_eq!(raw, lines, "{}", run.show(&step));
    for (event, f) in commands.iter().zip(&injection) {
        assert_eq!(
            event["command"].as_str(),
            Some(annotation_for(f).0.as_str())
        );
    }
    assert_eq!(run.output(&["injection"], "exit-code"), Some("0"));

    // Other formats run between `::stop-commands::TOKEN` and `::TOKEN::`: act ignores the
    // command lines the JUnit report holds, and nothing from the human one is a command.
    for (format, ignored_at_least) in [("junit", INJECTION.len()), ("human", 0)] {
        let step = [format, "check"];
        let commands = run.commands(&step);
        let names: Vec<&str> = commands
            .iter()
            .filter_map(|e| e["command"].as_str())
            .collect();
        let token = commands
            .first()
            .and_then(|e| e["arg"].as_str())
            .unwrap_or("?");
        assert_eq!(names.first(), Some(&"stop-commands"), "{}", run.show(&step));
        assert!(token.starts_with("kakunin-"), "{token}");
        assert_eq!(names.last(), Some(&token), "{}", run.show(&step));
        let inner = &names[1..names.len() - 1];
        assert!(inner.iter().all(|n| *n == "ignored"), "{names:?}");
        assert!(inner.len() >= ignored_at_least, "{}", run.show(&step));
        assert_eq!(run.output(&[format], "exit-code"), Some("0"));
    }

    // Without the guard, act does take commands from that output: the guard is what holds.
    let unguarded: Vec<&str> = run
        .commands(&["unguarded"])
        .iter()
        .filter_map(|e| e["command"].as_str())
        .collect();
    assert!(unguarded.contains(&"set-env"), "{unguarded:?}");
    assert!(unguarded.contains(&"add-path"), "{unguarded:?}");

    // Nowhere else did act read a command from a step's output.
    for (step, event) in run.all_commands() {
        let allowed = [
            r#"["faithful","check"]"#,
            r#"["injection","check"]"#,
            r#"["junit","check"]"#,
            r#"["human","check"]"#,
            r#"["unguarded"]"#,
        ];
        assert!(allowed.contains(&step.as_str()), "{step}: {event}");
    }
}

const FAIL_ON_WORKFLOW: &str = r#"on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: warnings
        continue-on-error: true
        uses: OWNER/kakunin@REF
        with:
          paths: warnings
      - id: warnings-fail
        continue-on-error: true
        uses: OWNER/kakunin@REF
        with:
          paths: warnings
          fail-on: warning
      - id: clean
        continue-on-error: true
        uses: OWNER/kakunin@REF
        with:
          paths: clean
          sarif-file: clean.sarif
      - id: report-only
        continue-on-error: true
        uses: OWNER/kakunin@REF
        with:
          paths: broken
          args: --exit-zero
      - run: cp clean.sarif "$KAKUNIN_TEST_OUT/clean.sarif"
"#;

#[test]
fn fail_on_decides_the_step_outcome_and_exit_code() {
    let Some((act, git)) = tools() else {
        return;
    };
    let setup = Setup::new(&git);
    let repo = &setup.repo;
    // The single-vendor example is clean; without `communication` in its risk process it has
    // one warning and no error.
    support::copy_example("single-vendor", &repo.join("clean"), &[]);
    support::copy_example(
        "single-vendor",
        &repo.join("warnings"),
        &[("  - communication\n", "")],
    );
    support::copy_example("broken", &repo.join("broken"), &[]);
    write(repo, ".github/workflows/fail-on.yml", FAIL_ON_WORKFLOW);
    let run = setup.run(&act, &git);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let warnings = findings(repo, &["warnings"]);
    assert!(!warnings.is_empty());
    assert!(warnings.iter().all(|f| f["severity"] == "warning"));
    for (step, paths, result, code) in [
        ("warnings", "warnings", "success", "0"),
        ("warnings-fail", "warnings", "failure", "1"),
        ("clean", "clean", "success", "0"),
        ("report-only", "broken", "success", "0"),
    ] {
        assert_eq!(run.result(&[step]), Some(result), "{}", run.show(&[step]));
        assert_eq!(run.output(&[step], "exit-code"), Some(code), "{step}");
        let annotations: Vec<Annotation> = run
            .commands(&[step, "check"])
            .into_iter()
            .map(annotation_read)
            .collect();
        let wanted: Vec<Annotation> = findings(repo, &[paths])
            .iter()
            .map(annotation_for)
            .collect();
        if result == "success" {
            assert_eq!(annotations, wanted, "{step}");
        } else {
            assert!(wanted.starts_with(&annotations), "{step}");
        }
    }
    let sarif = std::fs::read(setup.out.join("clean.sarif")).expect("SARIF written");
    let sarif: Value = serde_json::from_slice(&sarif).expect("SARIF is JSON");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(0)
    );
    assert!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
}
