//! The JSON Schema (draft-07) of `kakunin.yaml`, built from the same lists the reader checks
//! against (top-level keys, levels) and from the rule catalog (rule ids and their parameters).

use super::parse::{LEVELS, TOP_KEYS};
use crate::limits::Limit;
use crate::model::json_schema::{DATE_PATTERN, ID_PATTERN};
use crate::rules::catalog::Catalog;
use serde_json::{Map, Value, json};

fn strings() -> Value {
    json!({"type": "array", "items": {"type": "string", "minLength": 1}})
}

fn rule_ids() -> Value {
    json!({"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}})
}

/// A rule's setting: a level, or `{severity, params}` with the rule's own parameters.
fn rule_setting(params: Option<&Map<String, Value>>) -> Value {
    let level = json!({"enum": LEVELS});
    let mut full = json!({
        "type": "object",
        "properties": {"severity": level},
        "additionalProperties": false,
    });
    if let Some(params) = params {
        full["properties"]["params"] = json!({
            "type": "object",
            "properties": params,
            "additionalProperties": false,
        });
    }
    json!({"oneOf": [level, full]})
}

/// `limits:`: each limit a whole number from 1 to its ceiling.
fn limits() -> Value {
    let properties: Map<String, Value> = Limit::ALL
        .iter()
        .map(|l| {
            let schema = json!({
                "type": "integer",
                "minimum": 1,
                "maximum": l.ceiling(),
                "default": l.default_value(),
                "description": l.unit().0,
            });
            (l.key().to_owned(), schema)
        })
        .collect();
    json!({"type": "object", "properties": properties, "additionalProperties": false})
}

/// The schema of the configuration file for a catalog (built-in rules plus any user rules).
pub fn config_schema(catalog: &Catalog) -> Value {
    let mut rules = Map::new();
    for rule in catalog.rules() {
        let params: Map<String, Value> = rule
            .params
            .iter()
            .map(|(name, default)| {
                let schema = json!({
                    "type": ["string", "number"],
                    "description": format!("default: {default}"),
                });
                (name.clone(), schema)
            })
            .collect();
        let title = rule.title.en.trim().to_owned();
        let mut setting = rule_setting((!params.is_empty()).then_some(&params));
        setting["description"] = json!(title);
        rules.insert(rule.id.clone(), setting);
    }
    let override_rules = json!({
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {"oneOf": [
            {"enum": LEVELS},
            {"type": "object", "properties": {"severity": {"enum": LEVELS}}, "additionalProperties": false}
        ]},
    });
    let waiver = json!({
        "type": "object",
        "required": ["rule", "pack", "reason", "approved_by", "expires"],
        "properties": {
            "rule": {"type": "string", "pattern": ID_PATTERN},
            "pack": {"type": "string", "minLength": 1},
            "path": {"type": "string", "minLength": 1, "description": "only findings at or below this field path"},
            "reason": {"type": "string", "minLength": 1},
            "approved_by": {"type": "string", "minLength": 1},
            "expires": {"type": "string", "pattern": DATE_PATTERN},
        },
        "additionalProperties": false,
    });
    let properties = json!({
        "lang": {"enum": ["en", "ja"]},
        "fail_on": {"enum": ["error", "warning", "info"]},
        "select": rule_ids(),
        "ignore": rule_ids(),
        "exclude": strings(),
        "rule_dirs": strings(),
        "rules": {
            "type": "object",
            "properties": rules,
            "propertyNames": {"pattern": ID_PATTERN},
            // Rules from a configured rule directory: their parameters are not known here.
            "additionalProperties": {"oneOf": [
                {"enum": LEVELS},
                {"type": "object", "properties": {"severity": {"enum": LEVELS}, "params": {"type": "object"}}, "additionalProperties": false}
            ]},
        },
        "overrides": {"type": "array", "items": {
            "type": "object",
            "required": ["paths", "rules"],
            "properties": {"paths": strings(), "rules": override_rules},
            "additionalProperties": false,
        }},
        "waivers": {"type": "array", "items": waiver},
        "limits": limits(),
    });
    debug_assert_eq!(
        properties.as_object().map(|o| o.len()),
        Some(TOP_KEYS.len())
    );
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "kakunin configuration (kakunin.yaml)",
        "type": ["object", "null"],
        "properties": properties,
        "additionalProperties": false,
    })
}
