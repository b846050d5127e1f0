//! The generic half of reading configuration YAML: mappings with known keys (unknown ones
//! reported with "did you mean"), strings, lists and words, each problem with its place.

use super::{Named, Problem, did_you_mean};
use crate::yaml::{Entry, Node, Span, Value};

/// Collects problems while reading.
pub(super) struct Reader {
    pub problems: Vec<Problem>,
}

/// A field path one key further down.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl Reader {
    pub(super) fn problem(&mut self, span: Span, path: &str, en: String, ja: String) {
        self.problems.push(Problem::at(span, path, en, ja));
    }

    /// The entries of a mapping whose keys must be among `known` (others are reported).
    pub(super) fn mapping<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        known: &[&str],
    ) -> Vec<&'n Entry> {
        let Some(entries) = node.as_map() else {
            self.expected(node, path, "a mapping", "マッピング");
            return Vec::new();
        };
        let mut seen: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                self.expected(&entry.key, path, "a string key", "文字列のキー");
                continue;
            };
            if seen.contains(&key) {
                self.problem(
                    entry.key.span,
                    &join(path, key),
                    format!("key `{key}` appears more than once"),
                    format!("キー `{key}` が重複しています"),
                );
                continue;
            }
            seen.push(key);
            if known.contains(&key) {
                out.push(entry);
            } else {
                let (en, ja) = did_you_mean(key, known.iter().copied());
                self.problem(
                    entry.key.span,
                    &join(path, key),
                    format!("unknown key `{key}`{en}; allowed: {}", known.join(", ")),
                    format!(
                        "不明なキー `{key}` です{ja}。使えるキー: {}",
                        known.join(", ")
                    ),
                );
            }
        }
        out
    }

    pub(super) fn expected(&mut self, node: &Node, path: &str, en: &str, ja: &str) {
        let (found_en, found_ja) = node.value.type_words();
        self.problem(
            node.span,
            path,
            format!("expected {en}, found {found_en}"),
            format!("{ja}が必要です（{found_ja}が書かれています）"),
        );
    }

    pub(super) fn string(&mut self, node: &Node, path: &str) -> Option<Named> {
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => Some(Named {
                text: s.clone(),
                span: node.span,
            }),
            Value::Str(_) => {
                self.problem(
                    node.span,
                    path,
                    "this must not be empty".into(),
                    "空にはできません".into(),
                );
                None
            }
            _ => {
                self.expected(node, path, "a string", "文字列");
                None
            }
        }
    }

    /// A scalar as text (numbers are allowed: rule parameters like `99.5`).
    pub(super) fn scalar(&mut self, node: &Node, path: &str) -> Option<Named> {
        match &node.value {
            Value::Str(_) => self.string(node, path),
            Value::Int(_) | Value::Float(_) => node.scalar_text().map(|text| Named {
                text,
                span: node.span,
            }),
            _ => {
                self.expected(node, path, "a string or a number", "文字列または数値");
                None
            }
        }
    }

    pub(super) fn strings(&mut self, node: &Node, path: &str) -> Vec<Named> {
        let Some(items) = node.as_seq() else {
            self.expected(node, path, "a list of strings", "文字列のリスト");
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.string(item, &format!("{path}[{i}]")))
            .collect()
    }

    pub(super) fn word<T>(
        &mut self,
        node: &Node,
        path: &str,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let named = self.string(node, path)?;
        let value = parse(&named.text);
        if value.is_none() {
            let (en, ja) = did_you_mean(&named.text, allowed.iter().copied());
            self.problem(
                node.span,
                path,
                format!(
                    "`{}` is not allowed here{en}; use one of: {}",
                    named.text,
                    allowed.join(", ")
                ),
                format!(
                    "`{}` は使えません{ja}。次のいずれかにしてください: {}",
                    named.text,
                    allowed.join(", ")
                ),
            );
        }
        value
    }

    /// Reports each of `keys` that `fields` lacks, at the mapping.
    pub(super) fn require(&mut self, node: &Node, path: &str, fields: &[&Entry], keys: &[&str]) {
        for key in keys {
            if !fields.iter().any(|e| e.key.as_str() == Some(key)) {
                self.problem(
                    node.span,
                    &join(path, key),
                    format!("`{key}` is required here"),
                    format!("`{key}` は必須です"),
                );
            }
        }
    }
}
