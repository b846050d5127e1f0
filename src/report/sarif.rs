//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers, following GitHub's ingestion
//! rules: every result has a location; artifact URIs are relative, `/`-separated and
//! percent-encoded against `%SRCROOT%` (declared in `originalUriBaseIds`); `tool.driver.rules`
//! describes every rule that ran, with `helpUri`; messages are objects; `partialFingerprints`
//! never contain line numbers. Columns count Unicode code points, as kakunin's do.

use super::stream::{JsonArray, indent_of_line, split_at_empty_array};
use super::{Context, fingerprint, rule_docs_url};
use crate::app::Run;
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::rules::catalog::Rule;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// The key of kakunin's fingerprint in `partialFingerprints`, versioned with its recipe.
const FINGERPRINT_KEY: &str = "kakuninFinding/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a path for a URI: everything but unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// An `artifactLocation`: relative to `%SRCROOT%`, or a `file:` URI for an absolute path.
fn artifact(file: &str) -> Value {
    if file.starts_with('/') {
        json!({ "uri": format!("file://{}", encode_path(file)) })
    } else if let Some((drive, rest)) = file.split_once(":/").filter(|(d, _)| {
        cfg!(windows) && d.len() == 1 && d.bytes().all(|b| b.is_ascii_alphabetic())
    }) {
        // A Windows path such as `C:/packs/pack.yaml`.
        json!({ "uri": format!("file:///{drive}:/{}", encode_path(rest)) })
    } else {
        json!({ "uri": encode_path(file), "uriBaseId": SRCROOT })
    }
}

fn physical(location: &Location) -> Value {
    json!({
        "artifactLocation": artifact(&location.file),
        "region": { "startLine": location.line, "startColumn": location.column },
    })
}

/// The absolute `file:` URI of the working directory, ending in `/`, if it is absolute.
fn srcroot_uri(cwd: &Path) -> Option<String> {
    let text = cwd.to_str()?.replace('\\', "/");
    if !text.starts_with('/') {
        return None;
    }
    let trimmed = text.trim_end_matches('/');
    Some(format!("file://{}/", encode_path(trimmed)))
}

/// A rule's friendly name, as SARIF suggests: `sla-present` → `SlaPresent`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

fn rule_descriptor(rule: &Rule, lang: Lang) -> Value {
    let help = rule.help.get(lang).trim();
    let mut tags = vec!["compliance".to_owned()];
    tags.extend(rule.checklist.iter().cloned());
    json!({
        "id": rule.id,
        "name": pascal_case(&rule.id),
        "shortDescription": { "text": rule.title.get(lang).trim() },
        "fullDescription": { "text": rule.rationale.get(lang).trim() },
        "help": { "text": help, "markdown": help },
        "helpUri": rule_docs_url(&rule.id),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": tags,
            "checklist": rule.checklist,
            "guidelines": rule.guidelines,
            "precision": "very-high",
            "problem.severity": match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
        },
    })
}

fn result(f: &Finding, index: Option<usize>, fingerprint: String) -> Value {
    let mut location = json!({ "physicalLocation": physical(&f.location) });
    if !f.location.path.is_empty() {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": f.location.path }]);
    }
    let mut value = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [location],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
        "properties": {
            "pack": f.pack,
            "path": f.location.path,
            "checklist": f.checklist,
            "help": f.help,
        },
    });
    if let Some(index) = index {
        value["ruleIndex"] = json!(index);
    }
    if let Some(w) = &f.waived {
        // A waiver is an exception accepted outside the pack: SARIF's external suppression.
        value["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!("{} (approved by {}, until {})", w.reason, w.approved_by, w.expires),
        }]);
    }
    if !f.related.is_empty() {
        value["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i + 1,
                    "message": { "text": r.label },
                    "physicalLocation": physical(&r.location),
                })
            })
            .collect();
    }
    value
}

/// The SARIF log written pack by pack: one run, its results streamed into `runs[0].results`,
/// laid out as `serde_json`'s pretty printer lays out the whole log.
pub struct Stream {
    /// Rule ids and their index in `tool.driver.rules`.
    index: HashMap<String, usize>,
    prints: fingerprint::Unique,
    results: JsonArray,
    /// What follows the results in the log.
    tail: String,
}

impl Stream {
    pub fn start(rules: &[String], ctx: &Context, out: &mut dyn Write) -> io::Result<Self> {
        let rules: Vec<&Rule> = rules.iter().filter_map(|id| ctx.catalog.get(id)).collect();
        let index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let srcroot = match srcroot_uri(ctx.cwd) {
            Some(uri) => json!({ "uri": uri }),
            None => json!({ "description": { "text": "the directory kakunin ran in" } }),
        };
        // The run's category for code-scanning services: one analysis per tool, so a later
        // upload replaces this one's results; in Azure Pipelines, the build that produced it.
        let automation = match &ctx.pipeline {
            Some(pipeline) => pipeline.automation_details(),
            None => json!({ "id": "kakunin/" }),
        };
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "kakunin",
                    "fullName": concat!("kakunin ", env!("CARGO_PKG_VERSION"), " (contract-pack checker for the 2024 role-sharing checklist)"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://docs.rs/crate/kakunin/latest",
                    "rules": rules.iter().map(|r| rule_descriptor(r, ctx.lang)).collect::<Vec<_>>(),
                }},
                "automationDetails": automation,
                "originalUriBaseIds": { SRCROOT: srcroot },
                "columnKind": "unicodeCodePoints",
                "language": match ctx.lang { Lang::En => "en-US", Lang::Ja => "ja-JP" },
                "results": [],
            }],
        });
        let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
        // Every other key is quoted inside a JSON string as `\"`, so the marker is the results'.
        let (head, tail) = split_at_empty_array(&text, "results")
            .ok_or_else(|| io::Error::other("the SARIF results array is missing"))?;
        out.write_all(head.as_bytes())?;
        Ok(Stream {
            index,
            prints: fingerprint::Unique::default(),
            results: JsonArray::new(indent_of_line(&text, head.len())),
            tail,
        })
    }
}

impl super::stream::FindingStream for Stream {
    fn finding(&mut self, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
        let print = self.prints.next(finding);
        let index = self.index.get(finding.rule.as_str()).copied();
        self.results.item(&result(finding, index, print), out)
    }

    fn close(&mut self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.results.close(out)?;
        // Known only at the end (waivers used, files met in the walk): written after the results.
        let config = &run.configuration;
        let notes: Vec<Value> = config
            .not_applied
            .iter()
            .map(|file| {
                json!({
                    "level": "note",
                    "descriptor": { "id": "configuration-not-applied" },
                    "message": { "text": format!("configuration file not applied (it came with the inputs, or the run was isolated): {file}") },
                })
            })
            .collect();
        let invocation = json!({
            "executionSuccessful": run.exit_code < crate::app::exit::USAGE,
            "exitCode": run.exit_code,
            "toolConfigurationNotifications": notes,
            "properties": { "configuration": config },
        });
        let extra = [
            ("invocations", json!([invocation])),
            ("properties", json!({ "configuration": config })),
        ];
        for (key, value) in extra {
            let text = serde_json::to_string(&value).map_err(io::Error::other)?;
            write!(out, ",\n      \"{key}\": {text}")?;
        }
        out.write_all(self.tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_percent_encoded_uris() {
        assert_eq!(
            encode_path("a b/病院.yaml"),
            "a%20b/%E7%97%85%E9%99%A2.yaml"
        );
        assert_eq!(
            artifact("packs/x#1.yaml"),
            json!({ "uri": "packs/x%231.yaml", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact("/tmp/p.yaml"),
            json!({ "uri": "file:///tmp/p.yaml" })
        );
        assert_eq!(
            srcroot_uri(Path::new("/work/my repo/")).as_deref(),
            Some("file:///work/my%20repo/")
        );
        assert_eq!(srcroot_uri(Path::new("relative")), None);
        assert_eq!(pascal_case("sla-present"), "SlaPresent");
    }
}
