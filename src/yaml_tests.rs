//! The YAML layer: spans, duplicate keys, booleans, tags and limits.

use super::*;

fn parse(text: &str) -> Vec<Node> {
    parse_stream(text, ParseLimits::default()).expect("test YAML parses")
}

#[test]
fn spans_are_byte_offsets_with_bom_crlf_and_japanese() {
    let text = "\u{feff}name: みなと診療所\r\nok: yes\r\n";
    let docs = parse(text);
    let name = docs[0].get("name").expect("name");
    assert_eq!(
        &text[name.span.offset..name.span.offset + name.span.len],
        "みなと診療所"
    );
    let ok = docs[0].get("ok").expect("ok");
    assert_eq!(
        ok.value,
        Value::Str("yes".into()),
        "YAML 1.2: yes is a string"
    );
}

#[test]
fn duplicate_keys_are_kept_for_the_model_to_report() {
    let docs = parse("a: 1\nb: 2\na: 3\n");
    assert_eq!(docs[0].as_map().map(|m| m.len()), Some(3));
}

#[test]
fn custom_tags_are_errors_with_a_position() {
    let err = parse_stream("a: !!python/object:os.system x\n", ParseLimits::default()).unwrap_err();
    assert!(err.message.contains("tag"), "{}", err.message);
    assert_eq!(err.line, 1);
}

#[test]
fn several_documents_in_one_stream() {
    let docs = parse("a: 1\n---\n- x\n");
    assert_eq!(docs.len(), 2);
    assert!(docs[1].as_seq().is_some());
}

#[test]
fn syntax_error_has_line_and_column() {
    let err = parse_stream("a: 1\nb: [1, 2\n", ParseLimits::default()).unwrap_err();
    assert_eq!((err.line, err.column), (2, 4));
}
