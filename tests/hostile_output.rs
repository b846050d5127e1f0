//! Output integrity: a pack whose keys, values, ids, comments and file names carry hostile
//! strings — quotes, `]]>`, `::error`, `%0A`, line breaks, carriage returns, bidi overrides,
//! NULs, ANSI escapes, a fake summary line — is checked in EVERY output format of `check` and of
//! `report`, through the real binary, and each output is checked for well-formedness with a
//! checker for its format.
//!
//! The formats are enumerated from `report::Format` and `ReportFormat`, so a format added later
//! is covered at once: the test fails until a checker for it is added to `checker()`.

use clap::ValueEnum;
use kakunin::report::Format;
use kakunin::report::checklist::ReportFormat;
use std::path::Path;
use std::process::Command;

/// Checks one output text; the error says what is wrong.
type Checker = fn(&str) -> Result<(), String>;

/// The hostile strings, as they are once parsed (YAML double-quoted escapes decoded).
const HOSTILE: &[&str] = &[
    "q\"uo'te",
    "cdata]]>end",
    "::error file=x.yaml,line=1::forged",
    "line%0Abreak%0D",
    "new\nline",
    "car\rriage",
    "rtl\u{202e}lrt",
    "nul\u{0}byte",
    "ansi\u{1b}[2J\u{1b}[31mred",
    "\n0 errors, 0 warnings, 0 info in 0 of 1 pack (0 files, 0 rules)",
];

/// The same strings written as YAML double-quoted scalars.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{0}' => out.push_str("\\0"),
            '\u{1b}' => out.push_str("\\e"),
            c if c.is_control() || c == '\u{202e}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A pack where every hostile string lands in a message, a field path, or a file name.
fn write_pack(dir: &Path) {
    let pack = dir.join("pack");
    std::fs::create_dir_all(pack.join("evidence")).expect("mkdir");
    let mut parties = String::from(
        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {id: clinic, kind: healthcare_provider, name: みなと診療所}\n",
    );
    for (i, s) in HOSTILE.iter().enumerate() {
        let q = yaml_quoted(s);
        parties.push_str(&format!(
            "  - id: v{i}\n    kind: {q}\n    name: {q}\n    engaged_by: {q}\n    {q}: 1\n"
        ));
    }
    std::fs::write(
        pack.join("pack.yaml"),
        format!(
            "apiVersion: kakunin/v1\nkind: ContractPack\nid: {}\ntitle: t\ninstitution: clinic\neffective: {{start: 2026-04-01, end: 2029-03-31}}\n",
            yaml_quoted(HOSTILE[8])
        ),
    )
    .expect("write");
    std::fs::write(pack.join("parties.yaml"), parties).expect("write");
    // Raw control characters are not YAML, even in a comment: a syntax error whose snippet
    // shows the line.
    std::fs::write(
        pack.join("comment.yaml"),
        "apiVersion: kakunin/v1 # \u{1b}[2J\u{1b}[H0 errors\u{202e}\r\nkind: Parties\n",
    )
    .expect("write");
    let name = "evil\u{1b}[2J\u{202e}::error::x%0A\"]]>.yaml";
    std::fs::write(pack.join(name), "apiVersion: kakunin/v1\nkind: Nope\n").expect("write");
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kakunin"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    let code = out.status.code().unwrap_or(-1);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("internal error"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

fn raw_unsafe(text: &str, also_allowed: &[char]) -> Option<char> {
    text.chars()
        .find(|&c| kakunin::report::terminal::is_unsafe(c) && !also_allowed.contains(&c))
}

/// Human output: nothing acts on the terminal, and the only summary line is the real one.
fn check_human(text: &str) -> Result<(), String> {
    if let Some(c) = raw_unsafe(text, &[]) {
        return Err(format!("raw U+{:04X}", c as u32));
    }
    let summaries: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" errors, ") || l.contains(" error, "))
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    if summaries.len() != 1 || summaries[0].starts_with("0 errors") {
        return Err(format!(
            "summary lines at the start of a line: {summaries:?}"
        ));
    }
    Ok(())
}

/// JSON: parses, has no raw control character, and carries every hostile string unchanged.
fn check_json(text: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
        return Err(format!("raw U+{:04X} in the JSON text", c as u32));
    }
    let strings: Vec<String> = value["findings"]
        .as_array()
        .ok_or("no findings")?
        .iter()
        .flat_map(|f| {
            ["message", "path", "file", "pack"]
                .map(|k| f[k].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    for s in HOSTILE {
        if !strings.iter().any(|m| m.contains(s)) {
            return Err(format!(
                "{s:?} does not round-trip through the JSON findings"
            ));
        }
    }
    let file = "evil\u{1b}[2J\u{202e}::error::x%0A\"]]>.yaml";
    if !strings.iter().any(|m| m.ends_with(file)) {
        return Err("the hostile file name does not round-trip".into());
    }
    Ok(())
}

/// No line may start a GitHub workflow command except the `github` format's own.
fn no_forged_command(text: &str) -> Result<(), String> {
    match text
        .lines()
        .find(|l| l.trim_start().starts_with("::") || l.contains("##["))
    {
        Some(line) => Err(format!("a line reads as a workflow command: {line:?}")),
        None => Ok(()),
    }
}

/// Concise: one well-shaped line per finding, nothing that acts on a terminal or a CI log.
fn check_concise(text: &str) -> Result<(), String> {
    if let Some(c) = raw_unsafe(text, &[]) {
        return Err(format!("raw U+{:04X}", c as u32));
    }
    no_forged_command(text)?;
    for line in text.lines() {
        let shaped = line.split_once(": ").is_some_and(|(place, rest)| {
            let mut parts = place.rsplitn(3, ':');
            let numbers = parts.next().is_some_and(|c| c.parse::<u32>().is_ok())
                && parts.next().is_some_and(|l| l.parse::<u32>().is_ok());
            numbers
                && ["error[", "warning[", "info["]
                    .iter()
                    .any(|s| rest.starts_with(s))
        });
        if !shaped {
            return Err(format!(
                "not a `file:line:col: severity[rule] message` line: {line:?}"
            ));
        }
    }
    Ok(())
}

/// JSON Lines: each line a JSON finding; together they carry every hostile string.
fn check_jsonl(text: &str) -> Result<(), String> {
    let mut findings = Vec::new();
    for line in text.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{e}: {line:?}"))?;
        if value["rule"].as_str().is_none() {
            return Err(format!("a line without a rule: {line}"));
        }
        findings.push(value);
    }
    let document = serde_json::json!({ "findings": findings });
    check_json(&document.to_string())
}

/// SARIF: valid JSON, SARIF 2.1.0, every result with a message, and the hostile strings intact.
fn check_sarif(text: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value["version"] != "2.1.0" {
        return Err("not SARIF 2.1.0".into());
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
        return Err(format!("raw U+{:04X} in the SARIF text", c as u32));
    }
    let messages: Vec<&str> = value["runs"][0]["results"]
        .as_array()
        .ok_or("no results")?
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap_or_default())
        .collect();
    for s in HOSTILE.iter().filter(|s| !s.starts_with('\n')) {
        if !messages.iter().any(|m| m.contains(s)) {
            return Err(format!(
                "{s:?} does not round-trip through the SARIF messages"
            ));
        }
    }
    Ok(())
}

/// JUnit: well-formed XML by a strict parser, with testsuites and testcases.
fn check_junit(text: &str) -> Result<(), String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    if doc.root_element().tag_name().name() != "testsuites" {
        return Err("the root is not <testsuites>".into());
    }
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    if cases == 0 || failures == 0 {
        return Err(format!("{cases} testcases, {failures} failures"));
    }
    Ok(())
}

/// GitHub: every line one workflow command of kakunin's, properties and data escaped.
fn check_github(text: &str) -> Result<(), String> {
    if text.contains('\r') {
        return Err("a raw carriage return".into());
    }
    for line in text.lines() {
        let ok = ["::error file=", "::warning file=", "::notice file="]
            .iter()
            .any(|p| line.starts_with(p));
        if !ok {
            return Err(format!("not one of kakunin's annotations: {line:?}"));
        }
        // After the command's own `::`, the data has no further `::` at a line start and no
        // raw `%0A` that the runner would decode into a new command.
        let data = line.splitn(3, "::").nth(2).unwrap_or_default();
        if data.contains("\n") || line.matches("::").count() < 2 {
            return Err(format!("badly framed command: {line:?}"));
        }
    }
    Ok(())
}

/// GitLab Code Quality: a JSON array of issues with fingerprints and known severities.
fn check_gitlab(text: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let issues = value.as_array().ok_or("not an array")?;
    let mut prints = std::collections::HashSet::new();
    for issue in issues {
        let print = issue["fingerprint"].as_str().ok_or("no fingerprint")?;
        if !prints.insert(print.to_owned()) {
            return Err(format!("fingerprint {print} twice"));
        }
        if !["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap_or(""))
        {
            return Err(format!("severity {}", issue["severity"]));
        }
    }
    if issues.is_empty() {
        Err("no issues".into())
    } else {
        Ok(())
    }
}

/// Markdown: no raw control characters, no line that reads as a command, and every table row has
/// the header's number of cells (pack text cannot add a `|` or break a row).
fn check_findings_markdown(text: &str) -> Result<(), String> {
    if let Some(c) = raw_unsafe(text, &[]) {
        return Err(format!("raw U+{:04X}", c as u32));
    }
    no_forged_command(text)?;
    let cells = |line: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in line.chars() {
            if c == '|' && !escaped {
                n += 1;
            }
            escaped = c == '\\' && !escaped;
        }
        n
    };
    let mut width = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            width = None;
            continue;
        }
        match width {
            None => width = Some(cells(line)),
            Some(w) if cells(line) != w => {
                return Err(format!(
                    "a row with {} cells, not {w}: {line:?}",
                    cells(line)
                ));
            }
            Some(_) => {}
        }
    }
    // Rendered, the only links are kakunin's own rule pages, and pack text made no markup.
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES),
    );
    let page = scraper::Html::parse_fragment(&html);
    let any =
        scraper::Selector::parse("script, img, iframe, style, a").map_err(|e| e.to_string())?;
    for element in page.select(&any) {
        let href = element.value().attr("href").unwrap_or_default();
        if element.value().name() != "a" || !href.starts_with("https://docs.rs/crate/kakunin/") {
            return Err(format!(
                "markup from the pack: <{} href={href:?}>",
                element.value().name()
            ));
        }
    }
    Ok(())
}

/// The checker for an output format of `check`, by its command-line name.
fn checker(name: &str) -> Option<Checker> {
    match name {
        "human" => Some(check_human),
        "json" => Some(check_json),
        "jsonl" => Some(check_jsonl),
        "concise" => Some(check_concise),
        "sarif" => Some(check_sarif),
        "junit" => Some(check_junit),
        "github" => Some(check_github),
        "gitlab" => Some(check_gitlab),
        "markdown" => Some(check_findings_markdown),
        "csv" => Some(check_csv),
        _ => None,
    }
}

#[test]
fn every_check_format_stays_well_formed_with_hostile_strings() {
    let dir = tempfile::tempdir().expect("tmp");
    write_pack(dir.path());
    let mut failures = Vec::new();
    for format in Format::value_variants() {
        let name = format
            .to_possible_value()
            .expect("named")
            .get_name()
            .to_owned();
        let Some(check) = checker(&name) else {
            failures.push(format!(
                "format `{name}` has no well-formedness checker: add one to `checker()` in tests/hostile_output.rs"
            ));
            continue;
        };
        let (code, text) = run(
            dir.path(),
            &["check", "pack", "--today", "2026-11-21", "--format", &name],
        );
        if code != 1 {
            failures.push(format!("{name}: exit {code}"));
        }
        if let Err(e) = check(&text) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// HTML report: no raw control or bidi character, and pack text never becomes markup.
fn check_html(text: &str) -> Result<(), String> {
    if let Some(c) = raw_unsafe(text, &[]) {
        return Err(format!("raw U+{:04X}", c as u32));
    }
    let page = scraper::Html::parse_document(text);
    // The page's own links are to its sections (`#pack-1`); nothing else links anywhere.
    for css in ["script", "img", "iframe", "a:not([href^='#'])"] {
        let selector = scraper::Selector::parse(css).map_err(|e| format!("{e:?}"))?;
        if page.select(&selector).next().is_some() {
            return Err(format!("an element `{css}` in the page"));
        }
    }
    if !text.contains("cdata]]&gt;end") {
        return Err("`]]>` not escaped".into());
    }
    Ok(())
}

/// Markdown report: no raw control or bidi character, and, rendered, no HTML or link from it.
fn check_markdown(text: &str) -> Result<(), String> {
    if let Some(c) = raw_unsafe(text, &[]) {
        return Err(format!("raw U+{:04X}", c as u32));
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES),
    );
    check_html(&html).map_err(|e| format!("rendered: {e}"))
}

fn report_checker(name: &str) -> Option<Checker> {
    match name {
        "html" => Some(check_html),
        "markdown" => Some(check_markdown),
        "xlsx" => Some(check_xlsx),
        _ => None,
    }
}

/// CSV: a byte order mark, CRLF record ends and no other raw control or bidi character (line
/// breaks inside quoted cells are LF), every text cell quoted, and none starting like a formula.
fn check_csv(text: &str) -> Result<(), String> {
    let body = text.strip_prefix('\u{feff}').ok_or("no byte order mark")?;
    if let Some(c) = raw_unsafe(&body.replace("\r\n", "\n"), &[]) {
        return Err(format!("raw U+{:04X}", c as u32));
    }
    let (mut quoted, mut at_start, mut chars) = (false, true, body.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') if at_start => {
                if chars.peek().is_some_and(|c| "=+-@\t\r".contains(*c)) {
                    return Err(format!("a cell starts with {:?}", chars.peek()));
                }
                quoted = true;
            }
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, '\r') => return Err("a raw CR inside a cell".into()),
            (false, ',' | '\r' | '\n') => {}
            (false, c) if c.is_ascii_digit() => {}
            (false, c) => return Err(format!("{c:?} outside quotes")),
            _ => {}
        }
        at_start = !quoted && matches!(c, ',' | '\n');
    }
    if quoted {
        return Err("an unclosed quote".into());
    }
    Ok(())
}

/// The workbook at this path, read by openpyxl: every cell a string or a number (no formula,
/// no link), no raw control or bidi character, and the hostile strings there as text.
fn check_xlsx(path: &str) -> Result<(), String> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/venv/bin/python");
    if !python.is_file() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            return Err(".ci/venv/bin/python is missing; .ci/run installs it".into());
        }
        eprintln!("notice: .ci/venv is not installed; the xlsx report is not read back");
        return Ok(());
    }
    let script = "import json, sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps([[c.value, c.data_type, bool(c.hyperlink)] for ws in wb.worksheets for row in ws.iter_rows() for c in row]))";
    let out = Command::new(&python)
        .args(["-c", script, path])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "openpyxl: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let cells: Vec<(Option<serde_json::Value>, String, bool)> =
        serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let mut all = String::new();
    for (value, kind, link) in &cells {
        if kind != "s" && kind != "n" || *link {
            return Err(format!("cell {value:?} is {kind}, link {link}"));
        }
        if let Some(text) = value.as_ref().and_then(|v| v.as_str()) {
            if let Some(c) = raw_unsafe(text, &[]) {
                return Err(format!("raw {c:?} in a cell"));
            }
            all.push_str(text);
            all.push('\n');
        }
    }
    // The pack id (an ANSI escape) is on the summary sheet, shown, not acted on.
    let shown = "ansi\\u{1b}[2J\\u{1b}[31mred";
    if !all.contains(shown) {
        return Err(format!("{shown:?} is not in the workbook as text:\n{all}"));
    }
    Ok(())
}

#[test]
fn every_report_format_stays_well_formed_with_hostile_strings() {
    let dir = tempfile::tempdir().expect("tmp");
    write_pack(dir.path());
    let mut failures = Vec::new();
    for format in ReportFormat::value_variants() {
        let name = format
            .to_possible_value()
            .expect("named")
            .get_name()
            .to_owned();
        let Some(check) = report_checker(&name) else {
            failures.push(format!(
                "report format `{name}` has no well-formedness checker: add one to `report_checker()` in tests/hostile_output.rs"
            ));
            continue;
        };
        // The workbook is bytes: it is written to a file, and the checker reads that file.
        let workbook = dir.path().join("report.xlsx");
        let mut args = vec!["report", "pack", "--today", "2026-11-21", "--format", &name];
        if name == "xlsx" {
            args.extend(["-o", workbook.to_str().expect("utf-8")]);
        }
        let (code, mut text) = run(dir.path(), &args);
        if name == "xlsx" {
            text = workbook.display().to_string();
        }
        if code != 0 {
            failures.push(format!("{name}: exit {code}"));
        }
        if let Err(e) = check(&text) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
