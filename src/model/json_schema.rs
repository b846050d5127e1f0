//! The JSON Schema (draft-07) of kakunin/v1 documents, generated from the schema tables in
//! `schema.rs` — the same tables the validator walks — so the two cannot drift apart.
//!
//! Editors (yaml-language-server) use it for completion and validation. kakunin's own checks go
//! further (references, rules); the schema covers the shape of each document.

use super::schema::{API_VERSION, KINDS, Obj, Ty};
use serde_json::{Map, Value, json};

pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,62}$";
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const DURATION_PATTERN: &str =
    "^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.,][0-9]+)?S)?)?$";
const ITEM_PATTERN: &str = "^P[12](-([A-Z][0-9]{1,3}|[0-9]{1,3}))+$";

fn ty(ty: &Ty) -> Value {
    match ty {
        Ty::Str | Ty::Path | Ty::Version => json!({"type": "string"}),
        Ty::Id | Ty::Ref(_) => json!({"type": "string", "pattern": ID_PATTERN}),
        Ty::RefList(_) => {
            json!({"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}})
        }
        Ty::RefOrList(_) => json!({"oneOf": [
            {"type": "string", "pattern": ID_PATTERN},
            {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}
        ]}),
        Ty::PartyOrJoint => json!({"type": "string", "pattern": ID_PATTERN}),
        Ty::Date => json!({"type": "string", "pattern": DATE_PATTERN}),
        Ty::Time => json!({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"}),
        Ty::Duration => json!({"type": "string", "pattern": DURATION_PATTERN, "minLength": 3}),
        Ty::Percent => json!({"type": "number", "minimum": 0, "maximum": 100}),
        Ty::Int => json!({"type": "integer", "minimum": 0}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Enum(words) => json!({"type": "string", "enum": words}),
        Ty::Country => json!({"type": "string", "pattern": "^[A-Z]{2}$"}),
        Ty::FreeText => json!({"type": ["string", "number"]}),
        Ty::Obj(obj) => object(obj, &[]),
        Ty::List(item) => json!({"type": "array", "items": self::ty(item)}),
        Ty::ItemMap(item) => json!({
            "type": "object",
            "propertyNames": {"pattern": ITEM_PATTERN},
            "additionalProperties": self::ty(item)
        }),
        Ty::Any => json!({}),
    }
}

/// A mapping with its fields; `extra` are properties every document has (`apiVersion`, `kind`).
fn object(obj: &Obj, extra: &[(&str, Value)]) -> Value {
    let mut properties = Map::new();
    for (name, schema) in extra {
        properties.insert((*name).to_owned(), schema.clone());
    }
    let mut required: Vec<&str> = extra.iter().map(|(n, _)| *n).collect();
    for field in obj.fields {
        properties.insert(field.name.to_owned(), ty(&field.ty));
        if field.required {
            required.push(field.name);
        }
    }
    let mut out = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": obj.open,
    });
    if !required.is_empty() {
        out["required"] = json!(required);
    }
    out
}

/// The schema of one kakunin/v1 document of any kind (a file may hold several, one per `---`).
pub fn pack_schema() -> Value {
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
    let branches: Vec<Value> = KINDS
        .iter()
        .map(|kind| {
            let head = [
                ("apiVersion", json!({"const": API_VERSION})),
                ("kind", json!({"const": kind.name()})),
            ];
            json!({
                "if": {"properties": {"kind": {"const": kind.name()}}, "required": ["kind"]},
                "then": object(kind.body(), &head),
            })
        })
        .collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "kakunin/v1 contract-pack document",
        "description": "One document of a kakunin contract pack (ContractPack, Parties, Systems, Contract, ServiceLevelAgreement, RiskManagement, ChecklistRecord).",
        "type": "object",
        "required": ["apiVersion", "kind"],
        "properties": {
            "apiVersion": {"const": API_VERSION},
            "kind": {"enum": kinds},
        },
        "allOf": branches,
    })
}

/// A schema as the text of a `.json` file.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
