//! JUnit XML for CI test reports (GitLab, Jenkins, Azure): a testsuite per pack and a testcase per
//! rule that ran, so passing rules show too. A rule with findings at or above `--fail-on` is a
//! failed testcase carrying every message; findings below it are kept in `system-out`.
//! Every pack-supplied text goes through `escape::xml_text`/`xml_attr`.

use super::Context;
use super::escape::{one_line, xml_attr, xml_text};
use crate::app::{PackOutcome, Run};
use crate::finding::Finding;
use crate::i18n::Lang;
use std::fmt::Write as _;
use std::io::{self, Write};

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

/// Where a suite's `configuration` property goes until the run's configuration is known (its
/// waivers used are counted at the end). Escaped text never holds a raw `<`, so only this does.
const CONFIGURATION: &str = "<kakunin:configuration/>";

/// The XML document written pack by pack. `<testsuites>` carries the totals, so the suites' text
/// is kept until the end.
pub struct Stream<'a> {
    rules: Vec<String>,
    ctx: &'a Context<'a>,
    suites: String,
    tests: usize,
    failures: usize,
}

impl<'a> Stream<'a> {
    pub fn new(rules: &[String], ctx: &'a Context<'a>) -> Self {
        Stream {
            rules: rules.to_vec(),
            ctx,
            suites: String::new(),
            tests: 0,
            failures: 0,
        }
    }

    fn add(&mut self, s: &Suite) {
        self.tests += s.cases.len();
        self.failures += s
            .cases
            .iter()
            .filter(|(_, hits)| failing(hits, self.ctx))
            .count();
        write_suite(s, self.ctx, &mut self.suites);
    }
}

impl super::stream::Stream for Stream<'_> {
    fn pack(&mut self, pack: &PackOutcome, _out: &mut dyn Write) -> io::Result<()> {
        let rules = std::mem::take(&mut self.rules);
        self.add(&suite(&pack.id, Some(&pack.root), &rules, &pack.findings));
        self.rules = rules;
        Ok(())
    }

    fn finish(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        if !run.loose.is_empty() {
            self.add(&suite(INPUTS_SUITE, None, &[], &run.loose));
        }
        let (tests, failures) = (self.tests, self.failures);
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        writeln!(
            out,
            "<testsuites name=\"kakunin\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">"
        )?;
        let configuration = match self.ctx.lang {
            Lang::En => run.configuration.line_en(),
            Lang::Ja => run.configuration.line_ja(),
        };
        let suites = self
            .suites
            .replace(CONFIGURATION, &xml_attr(&configuration));
        out.write_all(suites.as_bytes())?;
        out.write_all(b"</testsuites>\n")
    }
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
            "    <properties>\n      <property name=\"root\" value=\"{}\"/>\n      <property name=\"configuration\" value=\"{CONFIGURATION}\"/>\n    </properties>",
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
