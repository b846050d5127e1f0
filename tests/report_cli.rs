//! `kakunin report` on the command line: language, exit codes, output file, determinism.

mod support;

use scraper::{ElementRef, Html, Selector};
use support::{copy_example, report, write};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

#[test]
fn english_report_and_exit_codes() {
    let (code, html, _) = report(&["examples/single-vendor", "--lang", "en"]);
    assert_eq!(code, 0);
    let page = Html::parse_document(&html);
    assert_eq!(page.select(&sel("html[lang=en]")).count(), 1);
    assert_eq!(
        text(page.select(&sel("h1")).next().expect("h1")),
        "Checklist report"
    );
    let head: Vec<String> = page
        .select(&sel("table.items thead th"))
        .map(text)
        .collect();
    assert_eq!(
        head,
        [
            "No.",
            "Item",
            "Content",
            "First check",
            "Completed on",
            "Evidence and notes",
            "Status"
        ]
    );

    let (code, _, _) = report(&["examples/broken"]);
    assert_eq!(code, 0, "a report is written whatever it shows");
    let (code, _, stderr) = report(&["no/such/dir"]);
    assert_eq!(code, 3, "{stderr}");
    let (code, html, stderr) = report(&["examples/single-vendor", "no/such/dir"]);
    assert_eq!(code, 3, "a missing input is not silently dropped: {stderr}");
    let page = Html::parse_document(&html);
    let loose = page
        .select(&sel("section.loose"))
        .next()
        .expect("loose section");
    assert!(text(loose).contains("no/such/dir"));
    assert_eq!(page.select(&sel("section.pack:not(.loose)")).count(), 1);
    let (code, _, _) = report(&["examples", "--today", "2026-13-01"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = report(&["examples", "--output", "no/such/dir/report.html"]);
    assert_eq!(code, 4, "{stderr}");

    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("report.html");
    let out_arg = out.to_string_lossy().into_owned();
    let (code, stdout, _) = report(&["examples", "--output", &out_arg]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (_, again, _) = report(&["examples"]);
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        again,
        "deterministic output"
    );
}

#[test]
fn the_report_follows_the_users_configuration_unless_isolated() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example("broken", &dir.path().join("broken"), &[]);
    write(
        dir.path(),
        "kakunin.yaml",
        "rules:\n  prime-scope-subcontractors: off\n",
    );
    let pack = dir.path().join("broken");
    let pack = pack.to_str().expect("utf-8");
    // Run in `cwd`: the configuration at or above it is the user's.
    let run = |cwd: &std::path::Path, extra: &[&str]| {
        let out = support::kakunin()
            .current_dir(cwd)
            .args(["report", "--today", support::TODAY, pack])
            .args(["--format", "markdown", "--lang", "en"])
            .args(extra)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // A finding of the rule (the configuration section names the rule either way).
        (text.contains("\\[prime-scope-subcontractors\\]"), stderr)
    };
    assert!(
        !run(dir.path(), &[]).0,
        "the rule the user's configuration turns off is not reported"
    );
    assert!(run(dir.path(), &["--no-config"]).0);
    assert!(run(dir.path(), &["--isolated"]).0);
    // Run from elsewhere, the same file came with the input: named, and not applied.
    let elsewhere = tempfile::tempdir().expect("tmp");
    let (shown, stderr) = run(elsewhere.path(), &[]);
    assert!(
        shown,
        "a configuration above a received input is not applied"
    );
    assert!(
        stderr.contains("were not applied") && stderr.contains("kakunin.yaml"),
        "{stderr}"
    );
    let (code, _, stderr) = report(&[pack, "--config", "no/such/kakunin.yaml"]);
    assert_eq!(code, 2, "{stderr}");
}

/// Runs kakunin under a pseudo-terminal (`script` of util-linux), as a user at a shell does.
fn in_terminal(args: &str) -> Option<(i32, String)> {
    let script = support::tool("script")?;
    let bin = env!("CARGO_BIN_EXE_kakunin");
    let command = format!("{bin} {args}");
    let out = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(support::root())
        .output()
        .expect("script runs");
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    ))
}

#[test]
fn an_html_report_is_not_poured_into_a_terminal() {
    let Some((code, text)) = in_terminal("report examples/single-vendor --lang en") else {
        assert!(std::env::var_os("CI").is_none(), "script is missing in CI");
        return;
    };
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("-o"), "{text}");
    assert!(!text.contains("<html"), "{text}");
    // Markdown is text a terminal shows; a file given with -o is written as asked.
    let (code, text) =
        in_terminal("report examples/single-vendor --format markdown --lang en").expect("script");
    assert_eq!(code, 0, "{text}");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("report.html");
    let (code, _) = in_terminal(&format!(
        "report examples/single-vendor --lang en -o {}",
        file.display()
    ))
    .expect("script");
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&file).is_ok_and(|t| t.contains("<html")));
}
