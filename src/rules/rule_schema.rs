//! The JSON Schema (draft-07) of rule files (`kakunin schema rule`), written after the shapes
//! of `catalog::Rule` and `spec::Check`, for editor completion; every built-in rule validates
//! against it (tests/rule_schema.rs).

use crate::model::entities::Collection;
use crate::model::json_schema::{DATE_PATTERN, ID_PATTERN};
use serde_json::{Map, Value, json};

const OPS: &[&str] = &["<", "<=", "==", "!=", ">=", ">"];

fn text(description: &str) -> Value {
    json!({
        "description": description,
        "type": "object",
        "properties": {
            "en": {"type": "string", "minLength": 1},
            "ja": {"type": "string", "minLength": 1},
        },
        "required": ["en", "ja"],
        "additionalProperties": false,
    })
}

fn texts(description: &str) -> Value {
    json!({
        "description": description,
        "type": "object",
        "additionalProperties": text("a text in English and Japanese"),
    })
}

fn scalar() -> Value {
    json!({"type": ["string", "number", "boolean"]})
}

fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string", "minLength": 1}})
}

/// A condition on a field: a value, one of several values, or `{not, contains, present}`.
fn condition() -> Value {
    json!({"oneOf": [
        scalar(),
        {"type": "array", "items": scalar()},
        {
            "type": "object",
            "properties": {
                "not": {"type": "array", "items": scalar()},
                "contains": {"oneOf": [scalar(), {"type": "array", "items": scalar()}]},
                "present": {"type": "boolean"},
            },
            "additionalProperties": false,
        },
    ]})
}

fn conditions() -> Value {
    json!({
        "description": "field path → condition; all must hold",
        "type": "object",
        "additionalProperties": condition(),
    })
}

/// The properties of a selection, with `extra` ones (a fact's, `values`' own).
fn selection_with(extra: &[(&str, Value)], required: &[&str]) -> Value {
    let mut properties = Map::new();
    let collections: Vec<&str> = Collection::ALL.iter().map(|c| c.name()).collect();
    properties.insert("in".into(), json!({"enum": collections}));
    properties.insert("where".into(), conditions());
    properties.insert(
        "any".into(),
        json!({"type": "array", "items": conditions()}),
    );
    for (name, schema) in extra {
        properties.insert((*name).into(), schema.clone());
    }
    let mut required: Vec<&str> = required.to_vec();
    required.insert(0, "in");
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn selection() -> Value {
    selection_with(&[], &[])
}

fn when() -> Value {
    json!({
        "description": "the rule applies to a pack only when every count is within bounds",
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "count": selection(),
                "min": {"type": "integer", "minimum": 0},
                "max": {"type": "integer", "minimum": 0},
            },
            "required": ["count"],
            "additionalProperties": false,
        },
    })
}

fn operand() -> Value {
    json!({"oneOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {
                "date": {"type": "string", "minLength": 1},
                "plus": {"type": "string", "minLength": 1},
            },
            "required": ["date", "plus"],
            "additionalProperties": false,
        },
    ]})
}

fn comparisons() -> Value {
    json!({
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "left": operand(),
                "op": {"enum": OPS},
                "right": operand(),
                "variant": {"type": "string"},
            },
            "required": ["left", "op", "right"],
            "additionalProperties": false,
        },
    })
}

/// One check kind: `kind` and its fields (`required` among them).
fn kind(name: &str, fields: Vec<(&str, Value)>, required: &[&str]) -> Value {
    let mut properties = Map::new();
    properties.insert("kind".into(), json!({"const": name}));
    let has_when = !matches!(name, "structure" | "evidence_paths");
    if has_when {
        properties.insert("when".into(), when());
    }
    for (field, schema) in fields {
        properties.insert(field.into(), schema);
    }
    let mut required: Vec<&str> = required.to_vec();
    required.insert(0, "kind");
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn check() -> Value {
    let expect = json!({
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "field": {"type": "string", "minLength": 1},
                "equals": scalar(),
                "contains": scalar(),
                "one_of": {"type": "array", "items": scalar(), "minItems": 1},
                "variant": {"type": "string"},
            },
            "required": ["field"],
            "additionalProperties": false,
        },
    });
    let fact = selection_with(
        &[
            ("outer", conditions()),
            ("variant", json!({"type": "string"})),
            ("at", json!({"type": "string"})),
        ],
        &[],
    );
    let values = selection_with(&[("value", json!({"type": "string"}))], &["value"]);
    let field = || json!({"type": "string", "minLength": 1});
    let count = || json!({"type": "integer", "minimum": 0});
    json!({
        "description": "what to check: a kind and its fields (rules/README.md)",
        "oneOf": [
            kind("structure", vec![], &[]),
            kind("required", vec![("for_each", selection()), ("expect", expect)], &["for_each", "expect"]),
            kind("exists", vec![("for_each", selection()), ("find", selection()), ("at", field()), ("fix_at", selection_with(&[("at", field())], &["at"])), ("not_counted", selection_with(&[("at", field()), ("variant", field())], &["at", "variant"]))], &["for_each", "find"]),
            kind("covers", vec![("for_each", selection()), ("field", field()), ("values", values)], &["for_each", "field", "values"]),
            kind("compare", vec![("for_each", selection()), ("only_where", comparisons()), ("against", selection()), ("comparisons", comparisons())], &["for_each", "comparisons"]),
            kind("exactly_one", vec![("for_each", selection()), ("fields", strings())], &["for_each", "fields"]),
            kind("count", vec![("of", selection()), ("min", count()), ("max", count())], &["of"]),
            kind("answers", vec![("for_each", selection())], &["for_each"]),
            kind("conflicts", vec![("for_each", selection()), ("facts", json!({"type": "array", "items": fact})), ("at", field())], &["for_each", "facts"]),
            kind("evidence_paths", vec![], &[]),
        ],
    })
}

/// The schema of one rule file.
pub fn rule_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "kakunin rule file (rules/<id>.yaml, or a file of a rule_dirs: directory)",
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN, "description": "the rule id, equal to the file stem"},
            "title": text("one line"),
            "severity": {"enum": ["error", "warning", "info"]},
            "checklist": {
                "description": "checklist items, e.g. P2-A6",
                "type": "array",
                "items": {"type": "string", "pattern": "^P[12]-[A-Z0-9]+(-[A-Z0-9]+)*$"},
            },
            "guidelines": strings(),
            "rationale": text("why the rule exists"),
            "message": text("the finding's message; {name} placeholders are filled by the check"),
            "variants": texts("alternative messages a check picks"),
            "labels": texts("labels of related locations"),
            "help": text("how to fix"),
            "variant_help": texts("how to fix, for a variant that needs its own help"),
            "params": {
                "description": "parameter → default value, read as $param.NAME",
                "type": "object",
                "additionalProperties": {"type": ["string", "number"]},
            },
            "check": check(),
            "examples": {
                "type": "object",
                "properties": {
                    "pass": {"type": "string", "description": "pack documents on which the rule reports nothing"},
                    "fail": {"type": "string", "description": "pack documents on which the rule reports"},
                    "today": {"type": "string", "pattern": DATE_PATTERN, "description": "the date the examples are written for"},
                },
                "required": ["pass", "fail"],
                "additionalProperties": false,
            },
        },
        "required": ["id", "title", "severity", "rationale", "message", "help", "check", "examples"],
        "additionalProperties": false,
    })
}
