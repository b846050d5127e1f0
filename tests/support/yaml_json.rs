//! YAML documents as JSON values, for the tests that validate them with a JSON Schema.

use kakunin::yaml::{Node, ParseLimits, Value, parse_stream};
use serde_json::{Map, Value as Json};

/// One parsed YAML node as JSON (keys as their text).
pub fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|e| (e.key.scalar_text().unwrap_or_default(), to_json(&e.value)))
                .collect::<Map<_, _>>(),
        ),
    }
}

/// Every document of a YAML stream as JSON.
pub fn documents(text: &str) -> Vec<Json> {
    parse_stream(text, ParseLimits::default())
        .expect("YAML parses")
        .iter()
        .map(to_json)
        .collect()
}
