//! `kakunin rules verify`: proves each rule by running it, on its `examples` (each completed
//! into a pack) and on the fixture packs beside its rule file, and says which rule fails why.
//!
//! An example is a stream of pack documents, `apiVersion` optional; one without a ContractPack
//! is checked in a pack whose ContractPack is [`EXAMPLE_PACK`]; a first line `# NAME.yaml` names
//! the file the example is written to (else `pack.yaml` when it holds the ContractPack, else
//! `example.yaml`). Evidence files that a passing
//! example names are created (one line each), so that it stands for a complete pack.
//! Fixtures follow the layout of kakunin's own: `<rule-dir>/fixtures/<rule-id>/{pass,fail}/`.

use super::CheckOptions;
use super::scratch::Scratch;
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::model::schema::{Kind, Obj, Ty};
use crate::rules::catalog::{Catalog, Rule};
use crate::rules::spec::Check;
use crate::yaml::{Node, Value};
use jiff::civil::Date;
use std::path::{Component, Path, PathBuf};

/// The ContractPack an example without one is checked in.
pub const EXAMPLE_PACK: &str = "apiVersion: kakunin/v1
kind: ContractPack
id: example-pack
title: example
institution: minato-clinic
effective: {start: 2026-04-01, end: 2031-03-31}
";

/// What a case must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// At least one finding of the rule.
    Fail,
    /// No finding of the rule.
    Pass,
}

/// One example or fixture run.
#[derive(Debug, Clone)]
pub struct Case {
    /// `examples.fail`, `examples.pass`, or the fixture directory as displayed.
    pub name: String,
    pub expect: Expect,
    /// The rule's findings on it (None when it could not be run).
    pub findings: Vec<Finding>,
    /// Why it could not be run: a document without `kind:`, or YAML that does not parse.
    pub not_runnable: Option<String>,
}

impl Case {
    pub fn ok(&self) -> bool {
        self.not_runnable.is_none()
            && match self.expect {
                Expect::Fail => !self.findings.is_empty(),
                Expect::Pass => self.findings.is_empty(),
            }
    }
}

/// How a rule came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    /// A loader rule (`structure`) whose examples show files rather than documents: proven by
    /// kakunin's own fixtures, not here.
    Skip,
}

#[derive(Debug, Clone)]
pub struct Verdict {
    pub rule: String,
    pub status: Status,
    pub cases: Vec<Case>,
    /// Fixture directories for a rule that is not among those verified.
    pub stray: bool,
}

/// What to verify and on which day.
#[derive(Debug, Clone)]
pub struct Verify {
    /// The rules to verify, by id.
    pub rules: Vec<String>,
    /// The rule directories, whose `fixtures/` are run too.
    pub dirs: Vec<PathBuf>,
    /// `--today`: overrides every rule's `examples.today`.
    pub today: Option<Date>,
    /// The day for rules without `examples.today`.
    pub fallback: Date,
    pub lang: Lang,
}

/// Runs every case of every rule; an error is a file that could not be written or read.
pub fn verify(catalog: &Catalog, request: &Verify) -> Result<Vec<Verdict>, String> {
    let scratch = Scratch::new()?;
    let mut verdicts = Vec::new();
    for id in &request.rules {
        let Some(rule) = catalog.get(id) else {
            continue;
        };
        let today = request
            .today
            .unwrap_or_else(|| example_day(rule, request.fallback));
        let mut cases = Vec::new();
        for expect in [Expect::Fail, Expect::Pass] {
            cases.push(example(
                catalog,
                rule,
                expect,
                today,
                request.lang,
                &scratch,
            )?);
        }
        for dir in &request.dirs {
            for (sub, expect) in [("fail", Expect::Fail), ("pass", Expect::Pass)] {
                let path = dir.join("fixtures").join(id).join(sub);
                if path.is_dir() {
                    let findings = run(catalog, rule, &path, today, request.lang)?;
                    cases.push(Case {
                        name: path.display().to_string(),
                        expect,
                        findings,
                        not_runnable: None,
                    });
                }
            }
        }
        let structure = matches!(rule.check, Check::Structure);
        let status = if structure && cases.iter().any(|c| c.not_runnable.is_some()) {
            Status::Skip
        } else if cases.iter().all(Case::ok) {
            Status::Pass
        } else {
            Status::Fail
        };
        verdicts.push(Verdict {
            rule: id.clone(),
            status,
            cases,
            stray: false,
        });
    }
    for dir in &request.dirs {
        verdicts.extend(stray_fixtures(dir, &request.rules));
    }
    Ok(verdicts)
}

/// The rule's first finding on its failing example, on the example's day (`examples.today`,
/// else `fallback`): the texts `explain` shows with the example, filled in as a run fills them.
pub fn example_finding(
    catalog: &Catalog,
    rule: &Rule,
    fallback: Date,
    lang: Lang,
) -> Option<Finding> {
    let scratch = Scratch::new().ok()?;
    let today = example_day(rule, fallback);
    let case = example(catalog, rule, Expect::Fail, today, lang, &scratch).ok()?;
    case.findings.into_iter().next()
}

/// The day a rule's examples are written for: `examples.today`, else `fallback`.
fn example_day(rule: &Rule, fallback: Date) -> Date {
    rule.examples
        .today
        .as_deref()
        .and_then(|d| d.parse().ok())
        .unwrap_or(fallback)
}

/// Fixture directories under `dir/fixtures/` named for no rule being verified (a typo in the
/// directory name would otherwise leave the rule unproven without a word).
fn stray_fixtures(dir: &Path, rules: &[String]) -> Vec<Verdict> {
    let Ok(entries) = std::fs::read_dir(dir.join("fixtures")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !rules.contains(n))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|rule| Verdict {
            rule,
            status: Status::Fail,
            cases: Vec::new(),
            stray: true,
        })
        .collect()
}

/// Runs the rule's failing or passing example, completed into a pack.
fn example(
    catalog: &Catalog,
    rule: &Rule,
    expect: Expect,
    today: Date,
    lang: Lang,
    scratch: &Scratch,
) -> Result<Case, String> {
    let (name, text) = match expect {
        Expect::Fail => ("examples.fail", &rule.examples.fail),
        Expect::Pass => ("examples.pass", &rule.examples.pass),
    };
    let case = |findings, not_runnable| Case {
        name: name.to_owned(),
        expect,
        findings,
        not_runnable,
    };
    let docs = match documents(text) {
        Ok(docs) => docs,
        Err(why) => return Ok(case(Vec::new(), Some(why))),
    };
    if docs.is_empty() && matches!(rule.check, Check::Structure) {
        return Ok(case(
            Vec::new(),
            Some("the example holds no document".into()),
        ));
    }
    let dir = scratch.fresh()?;
    let has_pack = docs.iter().any(|d| d.kind == Some(Kind::ContractPack));
    // `# pack.yaml` (or another name) on the example's first line: the file it stands for.
    let named = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix('#'))
        .map(str::trim)
        .filter(|n| {
            n.ends_with(".yaml")
                && n.len() > 5
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && *n != "kakunin.yaml"
        });
    let mut body = String::new();
    for (i, doc) in docs.iter().map(|d| &d.text).enumerate() {
        if i > 0 {
            body.push_str("---\n");
        }
        if !doc.lines().any(|l| l.starts_with("apiVersion:")) {
            body.push_str("apiVersion: kakunin/v1\n");
        }
        body.push_str(doc);
        if !doc.ends_with('\n') {
            body.push('\n');
        }
    }
    if let Some(name) = named {
        write(&dir.join(name), &body)?;
        if name != "pack.yaml" && !has_pack {
            write(&dir.join("pack.yaml"), EXAMPLE_PACK)?;
        }
    } else if has_pack {
        write(&dir.join("pack.yaml"), &body)?;
    } else {
        write(&dir.join("pack.yaml"), EXAMPLE_PACK)?;
        write(&dir.join("example.yaml"), &body)?;
    }
    if expect == Expect::Pass {
        for path in evidence_paths(&docs) {
            let file = dir.join(&path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            write(&file, "evidence\n")?;
        }
    }
    let findings = run(catalog, rule, &dir, today, lang)?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(case(findings, None))
}

/// One document of an example: its kind, its text as written, and its parsed tree.
struct ExampleDoc {
    kind: Option<Kind>,
    text: String,
    node: Node,
}

/// The documents of an example; an example that is not a stream of pack documents (a
/// fragment, a comment about a file) cannot be run.
fn documents(text: &str) -> Result<Vec<ExampleDoc>, String> {
    let nodes = crate::yaml::parse_stream(text, Default::default())
        .map_err(|e| format!("the example is not YAML: {}", e.message))?;
    let mut texts: Vec<String> = vec![String::new()];
    for line in text.lines() {
        if line.trim_end() == "---" {
            texts.push(String::new());
        } else if let Some(last) = texts.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
    }
    texts.retain(|t| {
        t.lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    });
    if texts.len() != nodes.len() {
        return Err("the example's documents could not be told apart".into());
    }
    nodes
        .into_iter()
        .zip(texts)
        .enumerate()
        .map(
            |(i, (node, text))| match node.get("kind").and_then(Node::as_str).map(Kind::parse) {
                Some(kind) => Ok(ExampleDoc { kind, text, node }),
                None => Err(format!("document {} of the example has no `kind:`", i + 1)),
            },
        )
        .collect()
}

/// The evidence paths (fields of type path in the format) of an example's documents that stay
/// inside the pack.
fn evidence_paths(docs: &[ExampleDoc]) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for doc in docs {
        if let Some(kind) = doc.kind {
            collect_paths(&doc.node, kind.body(), &mut paths);
        }
    }
    paths.retain(|p: &PathBuf| {
        !p.as_os_str().is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
    });
    paths
}

fn collect_paths(node: &Node, obj: &Obj, out: &mut Vec<PathBuf>) {
    let Some(entries) = node.as_map() else {
        return;
    };
    for entry in entries {
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        if let Some(field) = obj.fields.iter().find(|f| f.name == key) {
            collect_typed(&entry.value, &field.ty, out);
        }
    }
}

fn collect_typed(node: &Node, ty: &Ty, out: &mut Vec<PathBuf>) {
    match ty {
        Ty::Path => {
            if let Some(text) = node.as_str() {
                out.push(PathBuf::from(text));
            }
        }
        Ty::Obj(obj) => collect_paths(node, obj, out),
        Ty::List(inner) | Ty::ItemMap(inner) => match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| collect_typed(n, inner, out)),
            Value::Map(entries) => entries
                .iter()
                .for_each(|e| collect_typed(&e.value, inner, out)),
            _ => {}
        },
        _ => {}
    }
}

/// The rule's findings on a pack directory, as `check` finds them (no configuration).
fn run(
    catalog: &Catalog,
    rule: &Rule,
    dir: &Path,
    today: Date,
    lang: Lang,
) -> Result<Vec<Finding>, String> {
    let mut options = CheckOptions::new(vec![dir.to_path_buf()], dir.to_path_buf(), today, lang);
    options.outputs.clear();
    let run = super::check(&options, catalog).map_err(|e| e.message(lang).to_owned())?;
    Ok(run
        .findings()
        .filter(|f| f.rule == rule.id)
        .cloned()
        .collect())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
