//! JUnit XML for CI test reports (GitLab, Jenkins, Azure): a testsuite per pack and a testcase per
//! rule that ran, so passing rules show too. A rule with findings at or above `--fail-on` is a
//! failed testcase carrying every message; findings below it are kept in `system-out`.
//! Every pack-supplied text goes through `escape::xml_text`/`xml_attr`.

use super::Context;
use super::escape::{one_line, xml_attr, xml_text};
use crate::app::Run;
use crate::finding::Finding;
use crate::i18n::Lang;
use std::fmt::Write as _;

/// The name of the testsuite that holds findings about inputs outside any pack.
const INPUTS_SUITE: &str = "inputs";

struct Suite<'a> {
    name: &'a str,
    root: Option<&'a str>,
    /// (rule id, its findings), one per testcase.
    cases: Vec<(&'a str, Vec<&'a Finding>)>,
}

fn suite<'a>(
    name: &'a str,
    root: Option<&'a str>,
    rules: &'a [String],
    findings: &'a [Finding],
) -> Suite<'a> {
    let mut cases: Vec<(&str, Vec<&Finding>)> = rules
        .iter()
        .map(|rule| {
            let hits = findings.iter().filter(|f| &f.rule == rule).collect();
            (rule.as_str(), hits)
        })
        .collect();
    // A finding of a rule that is not in the list (an internal one) still gets its testcase.
    for f in findings {
        if !cases.iter().any(|(rule, _)| *rule == f.rule) {
            cases.push((
                &f.rule,
                findings.iter().filter(|g| g.rule == f.rule).collect(),
            ));
        }
    }
    Suite { name, root, cases }
}

fn failing(hits: &[&Finding], ctx: &Context) -> bool {
    hits.iter().any(|f| f.counts() && f.severity >= ctx.fail_on)
}

/// The whole XML document.
pub fn render(run: &Run, ctx: &Context) -> String {
    let mut suites: Vec<Suite> = run
        .packs
        .iter()
        .map(|p| suite(&p.id, Some(&p.root), &run.rules, &p.findings))
        .collect();
    if !run.loose.is_empty() {
        suites.push(suite(INPUTS_SUITE, None, &[], &run.loose));
    }
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites
        .iter()
        .flat_map(|s| &s.cases)
        .filter(|(_, hits)| failing(hits, ctx))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"kakunin\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">"
    );
    for s in &suites {
        write_suite(s, ctx, &mut out);
    }
    out.push_str("</testsuites>\n");
    out
}

fn write_suite(s: &Suite, ctx: &Context, out: &mut String) {
    let failures = s.cases.iter().filter(|(_, h)| failing(h, ctx)).count();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">",
        xml_attr(s.name),
        s.cases.len()
    );
    if let Some(root) = s.root {
        let _ = writeln!(
            out,
            "    <properties>\n      <property name=\"root\" value=\"{}\"/>\n    </properties>",
            xml_attr(root)
        );
    }
    for (rule, hits) in &s.cases {
        let head = format!(
            "    <testcase name=\"{}\" classname=\"{}\"",
            xml_attr(rule),
            xml_attr(s.name)
        );
        let file = hits
            .first()
            .map(|f| format!(" file=\"{}\"", xml_attr(&f.location.file)))
            .unwrap_or_default();
        if hits.is_empty() {
            let _ = writeln!(out, "{head} time=\"0\"/>");
            continue;
        }
        let _ = writeln!(out, "{head}{file} time=\"0\">");
        let body: String = hits.iter().map(|f| details(f, ctx.lang)).collect();
        if failing(hits, ctx) {
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml_attr(&failure_message(hits, ctx.lang)),
                hits.iter()
                    .map(|f| f.severity)
                    .max()
                    .map_or("error", |s| s.as_str()),
                xml_text(&body)
            );
        } else {
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml_text(&body));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
}

/// The `message` attribute: the first finding, and how many more there are.
fn failure_message(hits: &[&Finding], lang: Lang) -> String {
    let first = hits
        .first()
        .map(|f| one_line(&f.message))
        .unwrap_or_default();
    match (hits.len(), lang) {
        (0 | 1, _) => first,
        (n, Lang::En) => format!("{first} (and {} more)", n - 1),
        (n, Lang::Ja) => format!("{first}（ほか {} 件）", n - 1),
    }
}

/// The text of one finding inside a failure or `system-out`.
fn details(f: &Finding, lang: Lang) -> String {
    let (field, help) = match lang {
        Lang::En => ("field", "help"),
        Lang::Ja => ("項目", "対処"),
    };
    let mut text = format!(
        "{}:{}:{}: {}: {}{}\n",
        f.location.file,
        f.location.line,
        f.location.column,
        f.severity.as_str(),
        f.message,
        if f.waived.is_some() { " [waived]" } else { "" }
    );
    if !f.location.path.is_empty() {
        let _ = writeln!(text, "  {field}: {}", f.location.path);
    }
    if !f.help.is_empty() {
        let _ = writeln!(text, "  {help}: {}", f.help);
    }
    text
}
