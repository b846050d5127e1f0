//! Tests of the pack summary on a small pack loaded from disk.

use super::*;
use crate::model::load::{LoadOptions, PackFile, load_pack};

const PACK: &str = r#"apiVersion: kakunin/v1
kind: ContractPack
id: t
title: テスト診療所
institution: clinic
prime_vendor: ghost
effective: {start: 2026-04-01, end: 2031-03-31}
---
apiVersion: kakunin/v1
kind: Parties
parties:
  - {id: clinic, kind: healthcare_provider, name: テスト診療所}
  - {id: v1, kind: vendor, name: ベンダー, vendor_role: prime, engaged_by: clinic, handles_medical_info: none}
---
apiVersion: kakunin/v1
kind: Contract
id: c-ending
title: 保守
type: maintenance
parties: [clinic, v1]
signed_on: 2025-01-10
term: {start: 2025-02-01, end: 2027-05-21}
clauses: {}
---
apiVersion: kakunin/v1
kind: Contract
id: c-ended
title: 旧契約
type: other
parties: [clinic, v1]
signed_on: 2020-01-10
term: {start: 2020-02-01, end: 2026-11-20}
clauses: {}
---
apiVersion: kakunin/v1
kind: RiskManagement
id: r
owner: joint
review_cadence: P6M
last_review: 2026-05-01
next_review: 2026-12-01
process: [identification]
---
apiVersion: kakunin/v1
kind: ChecklistRecord
id: rec
edition: "2024-06"
vendor: v1
first_consultation: 2026-01-10
items:
  P2-A6: {initial: "no", completed_on: 2026-02-01, evidence: SLA, note: 別紙}
  P2-A4: {initial: "no"}
"#;

fn summary(today: &str) -> PackSummary {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.yaml");
    std::fs::write(&path, PACK).unwrap();
    let files = vec![PackFile {
        path,
        display: "t/pack.yaml".into(),
    }];
    let pack = load_pack(dir.path(), "t", files, &LoadOptions::default());
    summarize(
        &pack,
        parse_date(today).unwrap(),
        jiff::Span::new().months(6),
    )
}

#[test]
fn header_parties_and_records_are_read_as_written() {
    let s = summary("2026-06-01");
    assert_eq!(s.title.as_deref(), Some("テスト診療所"));
    let institution = s.institution.clone().unwrap();
    assert_eq!(institution.name.as_deref(), Some("テスト診療所"));
    assert_eq!(
        s.prime_vendor.clone().unwrap().name,
        None,
        "an unresolved id has no name"
    );
    assert_eq!(s.vendors.len(), 1);
    assert_eq!(s.vendors[0].role.as_deref(), Some("prime"));
    let record = &s.records[0];
    assert_eq!(record.file, "t/pack.yaml");
    assert!(
        record.offset > 0,
        "the record's document starts after the others"
    );
    assert_eq!(
        record.vendor.clone().unwrap().name.as_deref(),
        Some("ベンダー")
    );
    let a6 = record.answer("P2-A6").unwrap();
    assert_eq!(
        (
            a6.initial.as_deref(),
            a6.completed_on.as_deref(),
            a6.note.as_deref()
        ),
        (Some("no"), Some("2026-02-01"), Some("別紙"))
    );
    assert_eq!(record.answer("P2-A4").unwrap().completed_on, None);
}

#[test]
fn reviews_fall_due_at_the_earlier_of_next_review_and_the_cadence() {
    let s = summary("2026-10-31");
    let review = &s.reviews[0];
    assert_eq!(review.due, parse_date("2026-11-01"), "last_review + P6M");
    assert!(!review.overdue);
    assert!(summary("2026-11-02").reviews[0].overdue);
}

#[test]
fn contracts_ending_within_six_months_or_ended_need_attention() {
    let s = summary("2026-11-21");
    let expiry: Vec<(&str, Option<Expiry>)> = s
        .contracts
        .iter()
        .map(|c| (c.id.as_str(), c.expiry))
        .collect();
    assert_eq!(
        expiry,
        [
            ("c-ending", Some(Expiry::Expiring)),
            ("c-ended", Some(Expiry::Expired))
        ]
    );
    assert!(s.needs_attention());
    let early = summary("2026-05-01");
    assert_eq!(
        early.contracts[0].expiry, None,
        "more than six months ahead is not yet expiring"
    );
    assert_eq!(early.contracts[1].expiry, None);
    assert!(!early.needs_attention());
}
