//! The one place kakunin touches the YAML parser: a spanned tree of nodes built with serde-saphyr.
//!
//! YAML 1.2 semantics (`yes`/`no` stay strings), custom tags rejected, byte spans on every node.
//! Duplicate keys are passed through so the model can report each of them and keep checking.

use crate::limits::Limit;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};
use std::fmt;

/// A byte range in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

impl Span {
    pub fn new(offset: usize, len: usize) -> Self {
        Span { offset, len }
    }
}

/// A YAML node with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// A mapping entry: the key node and the value node.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

impl Value {
    /// A short English name of the YAML type, for messages.
    /// What the value is, as words for a message: (English, Japanese).
    pub fn type_words(&self) -> (&'static str, &'static str) {
        match self {
            Value::Null => ("nothing", "値なし"),
            Value::Bool(_) => ("a boolean", "真偽値"),
            Value::Int(_) | Value::Float(_) => ("a number", "数値"),
            Value::Str(_) => ("a string", "文字列"),
            Value::Seq(_) => ("a list", "リスト"),
            Value::Map(_) => ("a mapping", "マッピング"),
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
        }
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The entry with this key, if the node is a mapping (first one when keys repeat).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key.as_str() == Some(key))
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The value as display text, for messages and comparisons of scalars.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// A YAML syntax (or tag, or budget) error with the position the parser gave.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    /// 1-based line and column (in characters) as the parser reported them, if any.
    pub line: usize,
    pub column: usize,
    pub byte_offset: Option<usize>,
    /// The limit the file went past, when that is why parsing stopped.
    pub limit: Option<Limit>,
}

/// Limits on what one file may make the parser do (see [`crate::limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseLimits {
    pub max_documents: usize,
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_alias_expansions: usize,
    /// Characters of one string; longer strings are cut by [`crate::limits::cap_strings`].
    pub max_string_length: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_documents: 1_000,
            max_depth: 64,
            max_nodes: 1_000_000,
            max_alias_expansions: 10_000,
            max_string_length: 65_536,
        }
    }
}

/// Parses every document of a YAML stream into spanned nodes.
pub fn parse_stream(text: &str, limits: ParseLimits) -> Result<Vec<Node>, ParseError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        reject_unsupported_tags: true,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_documents: limits.max_documents,
            max_depth: limits.max_depth,
            // The scanner counts `[`/`{` up to 1,024 characters ahead of the events the depth
            // limit sees: leave it room, so that deep flow nesting is reported as depth.
            flow_nesting_limit: limits.max_depth.saturating_add(2_048),
            max_nodes: limits.max_nodes,
            // Every node is at most two events (start and end), every document two more, and
            // every replayed alias event one: the node limit trips first, with its own message.
            max_events: limits
                .max_nodes
                .saturating_mul(2)
                .saturating_add(limits.max_documents.saturating_mul(2))
                .saturating_add(limits.max_alias_expansions)
                .saturating_add(16),
            max_total_scalar_bytes: 64 * 1024 * 1024,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits.max_alias_expansions,
            max_alias_expansions_per_anchor: limits.max_alias_expansions,
        },
    };
    let docs: Vec<Spanned<RawValue>> =
        serde_saphyr::from_multiple_with_options(text, options).map_err(|e| to_parse_error(&e))?;
    Ok(docs.into_iter().map(into_node).collect())
}

/// Deserializes one YAML document straight into a type (rule files), with the error's position.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    serde_saphyr::from_str::<T>(text).map_err(|e| to_parse_error(&e))
}

/// Writes a value as YAML (used to show the effective configuration).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|e| e.to_string())
}

/// The limit behind a parser error, if a limit is why it stopped.
fn limit_of(error: &serde_saphyr::Error) -> Option<Limit> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut error = error;
    while let E::AliasError { error: inner, .. } | E::WithSnippet { error: inner, .. } = error {
        error = inner;
    }
    match error {
        E::Budget { breach, .. } => Some(match breach {
            B::Documents { .. } => Limit::Documents,
            B::Depth { .. } => Limit::Depth,
            B::Nodes { .. } | B::Events { .. } => Limit::Nodes,
            B::ScalarBytes { .. } => Limit::StringLength,
            _ => Limit::AliasExpansions,
        }),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Some(Limit::AliasExpansions),
        E::ExternalMessage { msg, .. } if msg == "recursion limit exceeded" => Some(Limit::Depth),
        _ => None,
    }
}

fn to_parse_error(error: &serde_saphyr::Error) -> ParseError {
    let inner = error.without_snippet();
    let mut message = inner.to_string();
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let (line, column, byte_offset) = match inner.location() {
        Some(loc) => {
            let byte = loc
                .span()
                .byte_offset()
                .filter(|&b| b < u64::from(u32::MAX));
            (
                loc.line() as usize,
                loc.column() as usize,
                byte.map(|b| b as usize),
            )
        }
        None => (0, 0, None),
    };
    ParseError {
        message,
        line,
        column,
        byte_offset,
        limit: limit_of(inner),
    }
}

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let span = spanned.referenced.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(o), Some(l)) if o < u64::from(u32::MAX) => Span::new(o as usize, l as usize),
        _ => Span::default(),
    }
}

fn into_node(raw: Spanned<RawValue>) -> Node {
    let span = span_of(&raw);
    let value = match raw.value {
        RawValue::Null => Value::Null,
        RawValue::Bool(b) => Value::Bool(b),
        RawValue::Int(i) => Value::Int(i),
        RawValue::Float(f) => Value::Float(f),
        RawValue::Str(s) => Value::Str(s),
        RawValue::Seq(items) => Value::Seq(items.into_iter().map(into_node).collect()),
        RawValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| Entry {
                    key: into_node(k),
                    value: into_node(v),
                })
                .collect(),
        ),
    };
    Node { value, span }
}

/// What serde-saphyr hands us: a value tree whose every node carries its location.
enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<RawValue>, Spanned<RawValue>)>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(u)
            .map(RawValue::Int)
            .unwrap_or(RawValue::Float(u as f64)))
    }
    fn visit_i128<E>(self, i: i128) -> Result<RawValue, E> {
        Ok(i64::try_from(i)
            .map(RawValue::Int)
            .unwrap_or(RawValue::Float(i as f64)))
    }
    fn visit_u128<E>(self, u: u128) -> Result<RawValue, E> {
        Ok(i64::try_from(u)
            .map(RawValue::Int)
            .unwrap_or(RawValue::Float(u as f64)))
    }
    fn visit_f64<E>(self, f: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(s))
    }
    fn visit_bytes<E>(self, b: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(b).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(RawValue::Map(entries))
    }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
