//! Loading a pack: read its files, parse their documents, validate them against the schema,
//! and resolve ids and references. Every problem becomes an [`Issue`]; nothing stops the load.

use super::issue::{Issue, suggest};
use super::read::read_text;
use super::schema::{API_VERSION, KINDS, Kind, Target};
use super::validate::{Validation, Validator};
use super::{Doc, Pack};
use crate::limits::Limit;
use crate::model::code::Code;
use crate::source::SourceFile;
use crate::yaml::{self, Node, ParseLimits, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Limits applied to a pack and each of its files (see [`crate::limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
    pub parse: ParseLimits,
    /// Bytes of all the pack's YAML files together.
    pub max_pack_bytes: u64,
    /// Findings reported per file (applied when the pack is checked).
    pub max_findings_per_file: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 8 * 1024 * 1024,
            parse: ParseLimits::default(),
            max_pack_bytes: 32 * 1024 * 1024,
            max_findings_per_file: 1_000,
        }
    }
}

/// A file to load: where it is and how to show its path.
pub struct PackFile {
    pub path: PathBuf,
    pub display: String,
}

/// Loads the pack rooted at `root` from `files` (its YAML files, `pack.yaml` first).
pub fn load_pack(
    root: &Path,
    root_display: &str,
    files: Vec<PackFile>,
    options: &LoadOptions,
) -> Pack {
    let mut pack = Pack {
        root: root.to_path_buf(),
        id: root_display.to_owned(),
        files: Vec::with_capacity(files.len()),
        docs: Vec::new(),
        validation: Validation::default(),
    };
    let mut pack_bytes_left = options.max_pack_bytes;
    for file in files {
        let index = pack.files.len();
        let (mut text, mut problem) = read_text(&file.path, options.max_file_bytes);
        match pack_bytes_left.checked_sub(text.len() as u64) {
            Some(left) => pack_bytes_left = left,
            None => {
                let limit = Limit::PackBytes;
                pack_bytes_left = 0;
                text = String::new();
                problem = Some(
                    Issue::new(Code::InputLimit, 0, Span::default(), "")
                        .variant(limit.variant())
                        .arg("limit", options.max_pack_bytes.to_string())
                        .arg("key", limit.key()),
                );
            }
        }
        pack.files
            .push(SourceFile::new(file.display, file.path, text));
        if let Some(issue) = problem {
            pack.validation.issues.push(issue.at_file(index));
            continue;
        }
        load_documents(&mut pack, index, options.parse);
    }
    check_pack_document(&mut pack);
    resolve_ids(&mut pack);
    pack
}

trait AtFile {
    fn at_file(self, file: usize) -> Self;
}

impl AtFile for Issue {
    fn at_file(mut self, file: usize) -> Self {
        self.file = file;
        self
    }
}

fn is_pack_file(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("pack.yaml" | "pack.yml")
    )
}

fn load_documents(pack: &mut Pack, file: usize, limits: ParseLimits) {
    let source = &pack.files[file];
    let mut nodes = match yaml::parse_stream(&source.text, limits) {
        Ok(nodes) => nodes,
        Err(error) => {
            let offset = error
                .byte_offset
                .unwrap_or_else(|| source.offset_of(error.line, error.column));
            let span = Span::new(offset, 1);
            let issue = match error.limit {
                Some(limit) => Issue::new(Code::InputLimit, file, span, "")
                    .variant(limit.variant())
                    .arg("limit", limit.get_parse(&limits).to_string())
                    .arg("key", limit.key())
                    .arg("detail", error.message),
                None => Issue::new(Code::YamlSyntax, file, span, "").told(
                    "detail",
                    error.message.clone(),
                    crate::yaml_words::message_ja(&error.message),
                ),
            };
            pack.validation.issues.push(issue);
            return;
        }
    };
    let max_chars = limits.max_string_length;
    for span in crate::limits::cap_strings(&mut nodes, max_chars) {
        let limit = Limit::StringLength;
        pack.validation.issues.push(
            Issue::new(Code::InputLimit, file, Span::new(span.offset, 0), "")
                .variant(limit.variant())
                .arg("limit", max_chars.to_string())
                .arg("key", limit.key()),
        );
    }
    if nodes.is_empty() {
        pack.validation
            .issues
            .push(Issue::new(Code::NotKakuninDocument, file, Span::default(), "").variant("empty"));
    }
    for node in nodes {
        if let Some(kind) = document_kind(pack, file, &node) {
            let source = &pack.files[file];
            let mut validator = Validator {
                out: &mut pack.validation,
                file,
                text: &source.text,
                item: None,
            };
            let anchor = node.entry("kind").map_or(node.span, |e| e.key.span);
            validator.object(&node, kind.body(), "", anchor, &["apiVersion", "kind"]);
            pack.docs.push(Doc { file, kind, node });
        }
    }
}

/// Checks `apiVersion` and `kind`; returns the kind when the document is a kakunin document.
fn document_kind(pack: &mut Pack, file: usize, node: &Node) -> Option<Kind> {
    let issues = &mut pack.validation.issues;
    if node.as_map().is_none() {
        issues
            .push(Issue::new(Code::NotKakuninDocument, file, node.span, "").variant("not_mapping"));
        return None;
    }
    match node.entry("apiVersion") {
        None => {
            issues.push(Issue::new(Code::NotKakuninDocument, file, node.span, ""));
            return None;
        }
        Some(entry) if entry.value.as_str() != Some(API_VERSION) => {
            let value = entry.value.scalar_text().unwrap_or_default();
            let issue = Issue::new(
                Code::NotKakuninDocument,
                file,
                entry.value.span,
                "apiVersion",
            )
            .variant("api_version")
            .arg("value", value);
            issues.push(issue);
            return None;
        }
        Some(_) => {}
    }
    let Some(entry) = node.entry("kind") else {
        issues.push(Issue::new(Code::MissingField, file, node.span, "kind").arg("field", "kind"));
        return None;
    };
    let name = entry.value.as_str().unwrap_or_default();
    let Some(kind) = Kind::parse(name) else {
        let mut issue = Issue::new(Code::NotKakuninDocument, file, entry.value.span, "kind")
            .variant("unknown_kind")
            .arg("value", entry.value.scalar_text().unwrap_or_default())
            .arg(
                "kinds",
                KINDS
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        if let Some(best) = suggest(name, KINDS.iter().map(|k| k.name())) {
            issue = issue
                .variant("unknown_kind_suggestion")
                .arg("suggestion", best);
        }
        issues.push(issue);
        return None;
    };
    if kind == Kind::ContractPack && !is_pack_file(&pack.files[file].path) {
        issues.push(
            Issue::new(Code::PackStructure, file, entry.value.span, "kind").variant("misplaced"),
        );
        return None;
    }
    Some(kind)
}

/// Exactly one ContractPack, in `pack.yaml`; its id names the pack.
fn check_pack_document(pack: &mut Pack) {
    let packs: Vec<(usize, Span, Option<String>)> = pack
        .docs
        .iter()
        .filter(|d| d.kind == Kind::ContractPack)
        .map(|d| {
            (
                d.file,
                d.node.entry("kind").map_or(d.node.span, |e| e.value.span),
                d.node.get("id").and_then(|n| n.as_str().map(str::to_owned)),
            )
        })
        .collect();
    match packs.first() {
        None => {
            let file = pack
                .files
                .iter()
                .position(|f| is_pack_file(&f.path))
                .unwrap_or(0);
            pack.validation.issues.push(
                Issue::new(Code::PackStructure, file, Span::default(), "").variant("missing"),
            );
        }
        Some((first_file, first_span, id)) => {
            if let Some(id) = id {
                pack.id = id.clone();
            }
            for (file, span, _) in &packs[1..] {
                let issue = Issue::new(Code::PackStructure, *file, *span, "kind")
                    .variant("second")
                    .related(*first_file, *first_span, "first");
                pack.validation.issues.push(issue);
            }
        }
    }
}

/// The ids a document defines, with what they name and where.
fn defined_ids(doc: &Doc) -> Vec<(&str, Target, Span)> {
    fn own(node: &Node, target: Target) -> Option<(&str, Target, Span)> {
        node.get("id")
            .and_then(|n| n.as_str().map(|s| (s, target, n.span)))
    }
    let listed = |list: &str, target| -> Vec<(&str, Target, Span)> {
        doc.node
            .get(list)
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|item| own(item, target))
            .collect()
    };
    match doc.kind {
        Kind::Parties => listed("parties", Target::Party),
        Kind::Systems => listed("components", Target::Component),
        Kind::Contract => own(&doc.node, Target::Contract).into_iter().collect(),
        _ => own(&doc.node, Target::Any).into_iter().collect(),
    }
}

/// How many id comparisons "did you mean" may make in one pack.
const SUGGESTION_BUDGET: usize = 1_000_000;

fn resolve_ids(pack: &mut Pack) {
    let mut defined: HashMap<String, (Target, usize, Span)> = HashMap::new();
    let mut issues = Vec::new();
    for doc in &pack.docs {
        for (id, target, span) in defined_ids(doc) {
            match defined.get(id) {
                Some((_, first_file, first_span)) => issues.push(
                    Issue::new(Code::DuplicateId, doc.file, span, "id")
                        .arg("id", id)
                        .related(*first_file, *first_span, "first"),
                ),
                None => {
                    defined.insert(id.to_owned(), (target, doc.file, span));
                }
            }
        }
    }
    let mut comparisons = SUGGESTION_BUDGET;
    for r in &pack.validation.refs {
        match defined.get(&r.id) {
            Some((target, file, span)) if r.target != Target::Any && *target != r.target => {
                let issue = Issue::new(Code::UnresolvedReference, r.file, r.span, r.path.clone())
                    .variant("wrong_target")
                    .arg("id", r.id.clone())
                    .word("expected", r.target.noun(), r.target.noun_ja())
                    .word("actual", target.noun(), target.noun_ja())
                    .related(*file, *span, "defined");
                issues.push(issue.cite_item(r.item));
            }
            Some(_) => {}
            None => {
                let mut issue =
                    Issue::new(Code::UnresolvedReference, r.file, r.span, r.path.clone())
                        .arg("id", r.id.clone())
                        .word("expected", r.target.noun(), r.target.noun_ja());
                // Each suggestion compares against every id: a budget keeps a pack of many
                // broken references linear (the first ones still get their suggestion).
                if let Some(left) = comparisons.checked_sub(defined.len()) {
                    comparisons = left;
                    let candidates = defined
                        .iter()
                        .filter(|(_, (t, _, _))| *t == r.target || r.target == Target::Any);
                    if let Some(best) = suggest(&r.id, candidates.map(|(id, _)| id.as_str())) {
                        issue = issue.variant("suggestion").arg("suggestion", best);
                    }
                }
                issues.push(issue.cite_item(r.item));
            }
        }
    }
    pack.validation.issues.extend(issues);
}
