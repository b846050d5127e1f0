//! Evidence is evidence: an evidence path must name a document in the pack. An empty file is no
//! document; a path is judged after `.` and `..` are worked out, so a detour that stays inside
//! the pack is fine and one that leaves it escapes, even when a file is there.

mod support;

use support::{copy_example, json, write};

const SLA: &str = "document: evidence/sla-shirakaba-2026.pdf";

/// (variant message, file) of every `evidence-path` finding for the single-vendor example with
/// its SLA document path replaced by `document`.
fn evidence_findings(document: &str, prepare: &dyn Fn(&std::path::Path)) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("p");
    copy_example("single-vendor", &pack, &[(SLA, document)]);
    prepare(dir.path());
    let value = json(dir.path(), &["--lang", "en", "."]);
    value["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|f| f["rule"] == "evidence-path")
                .map(|f| format!("{} {}", f["file"], f["message"]))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_empty_evidence_file_is_reported() {
    let found = evidence_findings(SLA, &|dir| {
        write(dir, "p/evidence/sla-shirakaba-2026.pdf", "");
    });
    assert_eq!(
        found,
        [
            "\"p/sla.yaml\" \"evidence file `evidence/sla-shirakaba-2026.pdf` is empty (0 bytes); it holds no document\""
        ],
    );
}

#[test]
fn a_detour_inside_the_pack_is_not_an_escape() {
    let found = evidence_findings(
        "document: ./evidence/../evidence/./sla-shirakaba-2026.pdf",
        &|_| {},
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_detour_that_leaves_the_pack_escapes_even_when_a_file_is_there() {
    let found = evidence_findings(
        "document: evidence/../../p/evidence/sla-shirakaba-2026.pdf",
        &|_| {},
    );
    assert_eq!(
        found,
        [
            "\"p/sla.yaml\" \"evidence path `evidence/../../p/evidence/sla-shirakaba-2026.pdf` leads outside the pack root\""
        ],
    );
    let found = evidence_findings("document: evidence/../../outside.pdf", &|dir| {
        write(dir, "outside.pdf", "%PDF-1.4 outside the pack\n");
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("leads outside the pack root"),
        "{found:?}"
    );
}
