//! One language per run: each failing command, run under an English and a Japanese locale (and
//! with `--lang`), says everything in that language and nothing in the other — usage mistakes
//! clap finds, dates, paths that do not exist, configuration and rule-file problems, files that
//! are not YAML, and what the system says when a file cannot be read or written.

mod support;

use std::path::Path;
use support::kakunin;

/// A pack whose files hold ASCII only, so that any Japanese in an English run is kakunin's.
const ASCII_PACK: &[(&str, &str)] = &[
    (
        "pack.yaml",
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: ascii-pack\ntitle: ASCII pack\ninstitution: clinic\neffective: {start: 2026-04-01, end: 2031-03-31}\n",
    ),
    ("parties.yaml", "a: 1\n\tb: 2\n"),
    ("sla.yaml", "a: \"unclosed\n"),
    ("systems.yaml", "a: [1, 2\n"),
];

/// Everything a run printed, on both streams.
fn said(cwd: &Path, locale: &str, args: &[&str]) -> String {
    let out = kakunin()
        .current_dir(cwd)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        !out.status.success(),
        "{args:?} under {locale} should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The text with what is quoted or named left out: `code`, <VALUE>, paths, flags and the
/// names every language writes the same (YAML, JSON, kakunin, ids).
fn prose(text: &str) -> String {
    // The source lines a finding shows are the pack's text, in whatever language it is written.
    let text: String = text
        .lines()
        .filter(|line| {
            let shown = line.trim_start();
            let numbered = shown
                .split_once(" │")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
            !numbered && !shown.starts_with(['·', '╭', '╰'])
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '`' => quoted = !quoted,
            _ if quoted => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace()
        .map(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let named = word.is_ascii()
                && (word.contains('/')
                    || word.contains('.')
                    || word.starts_with('-')
                    || word.starts_with('<')
                    || word.contains('_')
                    || word.contains('=')
                    || bare.chars().any(|c| c.is_ascii_digit())
                    || NAMES.contains(&bare)
                    || bare.chars().all(|c| c.is_ascii_uppercase()));
            if named { "·" } else { word }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words any message may carry in either language: names of formats, tools and commands.
const NAMES: &[&str] = &[
    "kakunin", "check", "report", "rules", "explain", "init", "schema", "verify", "help", "human",
    "concise", "json", "jsonl", "sarif", "junit", "github", "gitlab", "markdown", "csv", "html",
    "en", "ja", "pack", "config", "rule", "error", "warning", "info", "kind",
];

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// English prose: two or more words of Latin letters in a row.
fn english_phrase(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let latin = |w: &str| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            bare.len() >= 2 && bare.chars().all(|c| c.is_ascii_alphabetic())
        };
        // `a, b, c` is a list of names, not a phrase.
        let listed = pair[0].ends_with(',');
        (latin(pair[0]) && latin(pair[1]) && !listed).then(|| pair.join(" "))
    })
}

/// The failing commands, run in [`workspace`].
fn failing_commands() -> Vec<Vec<&'static str>> {
    let commands: &[&[&str]] = &[
        &["check", "no-such-dir"],
        &["check", "--today", "2026-13-01", "pack"],
        &["check", "--today", "2026-02-30", "pack"],
        &["check", "--formt", "json", "pack"],
        &["check", "--format", "nope", "pack"],
        &["check", "--format", "json", "--format", "sarif", "pack"],
        &["check", "--no-config", "--select", "sla-presnt", "pack"],
        &["check", "--no-config", "pack"],
        &[
            "check",
            "--no-config",
            "--baseline",
            "no-such-baseline.json",
            "pack",
        ],
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--output",
            "no-such-dir/out.json",
            "pack",
        ],
        &["check", "--config", "no-such-config.yaml", "pack"],
        &["check", "pack"],
        &["chek", "pack"],
        &["explain"],
        &["explain", "no-such-rule"],
        &["explain", "P2-6A"],
        &["report", "no-such-dir", "-o", "out.html"],
        &["report", "--today", "bad", "pack", "-o", "out.html"],
        &["report", "pack", "-o", "no-such-dir/out.html"],
        &["init", "pack"],
        &["rules", "verify", "no-such-dir"],
        &["rules", "verify", "rule-dir"],
    ];
    commands.iter().map(|c| c.to_vec()).collect()
}

/// A working directory with the ASCII pack (`pack/`), a broken configuration beside it and a
/// directory of broken rule files (`rule-dir/`).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).expect("mkdir");
    for (name, text) in ASCII_PACK {
        std::fs::write(pack.join(name), text).expect("write");
    }
    std::fs::write(
        dir.path().join("kakunin.yaml"),
        "fail_on: warnin\nseverites: {}\nlimits:\n  max_file_bytes: lots\nwaivers:\n  - {rule: sla-present, pack: nope, reason: x}\n",
    )
    .expect("write");
    let rules = dir.path().join("rule-dir");
    std::fs::create_dir(&rules).expect("mkdir");
    std::fs::write(
        rules.join("local-rule.yaml"),
        "id: local-rule\nseverity: eror\ntitle: {en: x, ja: y}\n",
    )
    .expect("write");
    // A rule file that reads, with a misspelt path, an enum value that does not exist and a
    // placeholder its check does not fill.
    std::fs::write(
        rules.join("path-rule.yaml"),
        "id: path-rule\nseverity: error\ntitle: {en: x, ja: y}\nrationale: {en: x, ja: y}\nmessage: {en: \"{entity} {nope}\", ja: \"{entity}\"}\nhelp: {en: x, ja: y}\ncheck:\n  kind: required\n  for_each: {in: contracts, where: {type: master_agreement}}\n  expect:\n    - field: clauses.confidentialty.binds\nexamples: {fail: x, pass: y}\n",
    )
    .expect("write");
    dir
}

#[test]
fn every_failing_command_speaks_english_only_under_an_english_locale() {
    let dir = workspace();
    for args in failing_commands() {
        let text = said(dir.path(), "en_US.UTF-8", &args);
        let kept = prose(&text);
        assert!(
            !kept.chars().any(is_japanese),
            "{args:?} printed Japanese under en_US:\n{text}"
        );
        assert!(
            english_phrase(&kept).is_some(),
            "{args:?} said nothing in English under en_US:\n{text}"
        );
    }
}

#[test]
fn every_failing_command_speaks_japanese_only_under_a_japanese_locale() {
    let dir = workspace();
    for args in failing_commands() {
        let text = said(dir.path(), "ja_JP.UTF-8", &args);
        let kept = prose(&text);
        assert!(
            kept.chars().any(is_japanese),
            "{args:?} printed no Japanese under ja_JP:\n{text}"
        );
        if let Some(phrase) = english_phrase(&kept) {
            panic!("{args:?} printed English ({phrase:?}) under ja_JP:\n{text}");
        }
    }
}

#[test]
fn the_lang_flag_wins_over_the_locale_before_and_after_the_arguments_are_read() {
    let dir = workspace();
    for args in [
        vec!["check", "--lang", "ja", "--formt", "json", "pack"],
        vec!["check", "--lang=ja", "--today", "2026-13-01", "pack"],
        vec!["report", "--lang", "ja", "--today", "bad", "pack"],
    ] {
        let kept = prose(&said(dir.path(), "en_US.UTF-8", &args));
        assert!(kept.chars().any(is_japanese), "{args:?}: {kept}");
        assert_eq!(english_phrase(&kept), None, "{args:?}: {kept}");
    }
    for args in [
        vec!["check", "--lang", "en", "--formt", "json", "pack"],
        vec!["report", "--lang", "en", "--today", "bad", "pack"],
        vec!["check", "--lang", "en", "--no-config", "pack"],
    ] {
        let text = said(dir.path(), "ja_JP.UTF-8", &args);
        let kept = prose(&text);
        assert!(!kept.chars().any(is_japanese), "{args:?}: {text}");
        assert!(english_phrase(&kept).is_some(), "{args:?}: {text}");
    }
}

#[test]
fn the_report_speaks_the_locale_though_it_is_written_in_japanese() {
    // The report itself is the form's language; what kakunin says about the run is the user's.
    let dir = workspace();
    let args = ["report", "--no-config", "no-such-dir", "-o", "out.html"];
    let text = said(dir.path(), "en_US.UTF-8", &args);
    assert!(text.contains("no contract packs found"), "{text}");
    let text = said(dir.path(), "ja_JP.UTF-8", &args);
    assert!(text.contains("契約パックが見つかりません"), "{text}");
}
