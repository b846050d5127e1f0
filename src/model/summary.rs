//! What a report shows of a pack besides its findings — parties, contract terms, risk reviews and
//! the filled-in checklist records — read from the loaded documents once, while the pack is at
//! hand. Values are taken as they are; a field of the wrong shape is simply absent here (the
//! validator reports it).

use super::schema::Kind;
use super::values::{add, parse_date, parse_duration};
use super::{Doc, Pack};
use crate::yaml::Node;
use jiff::civil::Date;
use std::collections::HashMap;

/// The rule whose `expiry_window` parameter says how far ahead of the check date a contract's end
/// counts as "expiring": the report reads the window `check` applies, overrides included.
pub const EXPIRY_RULE: &str = "contract-term-ending";
/// The parameter of [`EXPIRY_RULE`] that holds the window.
pub const EXPIRY_PARAM: &str = "expiry_window";

/// A party named by id, with its name when the id resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyRef {
    pub id: String,
    pub name: Option<String>,
}

/// A vendor of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    pub party: PartyRef,
    pub role: Option<String>,
    pub engaged_by: Option<String>,
    pub handles_medical_info: Option<String>,
}

/// A start and an end date, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// Where a contract's end stands relative to the check date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// The term ended before the check date.
    Expired,
    /// The term ends within the expiry window of the check date ([`EXPIRY_RULE`]).
    Expiring,
}

/// A contract and its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub id: String,
    pub title: Option<String>,
    pub kind: Option<String>,
    pub parties: Vec<String>,
    pub signed_on: Option<String>,
    pub term: Term,
    pub expiry: Option<Expiry>,
}

/// A risk-management arrangement and when its next review is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: String,
    pub owner: Option<String>,
    pub cadence: Option<String>,
    pub last_review: Option<String>,
    pub next_review: Option<String>,
    /// The earlier of `next_review` and `last_review + review_cadence`.
    pub due: Option<Date>,
    /// `due` lies before the check date.
    pub overdue: bool,
}

/// One item of a checklist record, as answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: String,
    /// `yes`, `no` or `na` (anything else is kept as written).
    pub initial: Option<String>,
    pub completed_on: Option<String>,
    pub evidence: Option<String>,
    pub note: Option<String>,
}

/// One ChecklistRecord: the form as filled in with one vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub vendor: Option<PartyRef>,
    pub edition: Option<String>,
    pub first_consultation: Option<String>,
    /// The file the record is in, as displayed (the same path findings carry).
    pub file: String,
    /// Byte offset of the record's document in that file, to tell records in one file apart.
    pub offset: usize,
    pub items: Vec<Answer>,
}

impl Record {
    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.items.iter().find(|a| a.id == item)
    }
}

/// Everything a report shows of a pack besides its findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackSummary {
    pub title: Option<String>,
    pub status: Option<String>,
    pub institution: Option<PartyRef>,
    pub prime_vendor: Option<PartyRef>,
    /// Every party with an id, in the order written.
    pub parties: Vec<PartyRef>,
    pub vendors: Vec<Vendor>,
    pub effective: Term,
    pub contracts: Vec<Contract>,
    pub reviews: Vec<Review>,
    pub records: Vec<Record>,
}

impl PackSummary {
    pub fn overdue_reviews(&self) -> impl Iterator<Item = &Review> {
        self.reviews.iter().filter(|r| r.overdue)
    }

    pub fn expiring_contracts(&self) -> impl Iterator<Item = &Contract> {
        self.contracts.iter().filter(|c| c.expiry.is_some())
    }

    /// An overdue review or an expired or expiring contract: the pack needs attention first.
    pub fn needs_attention(&self) -> bool {
        self.overdue_reviews().next().is_some() || self.expiring_contracts().next().is_some()
    }
}

fn text(node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(Node::scalar_text)
}

fn texts(node: &Node, key: &str) -> Vec<String> {
    node.get(key)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::scalar_text)
        .collect()
}

fn term(node: Option<&Node>) -> Term {
    Term {
        start: node.and_then(|n| text(n, "start")),
        end: node.and_then(|n| text(n, "end")),
    }
}

fn date(text: Option<&String>) -> Option<Date> {
    text.and_then(|t| parse_date(t))
}

/// Summarizes a loaded pack for a report checked on `today`; a contract ending within `window`
/// of it is expiring.
pub fn summarize(pack: &Pack, today: Date, window: jiff::Span) -> PackSummary {
    let docs = |kind: Kind| pack.docs.iter().filter(move |d| d.kind == kind);
    let parties: Vec<&Node> = docs(Kind::Parties)
        .flat_map(|d| {
            d.node
                .get("parties")
                .and_then(Node::as_seq)
                .unwrap_or_default()
        })
        .collect();
    let names: HashMap<String, String> = parties
        .iter()
        .filter_map(|p| Some((text(p, "id")?, text(p, "name")?)))
        .collect();
    let party = |id: String| PartyRef {
        name: names.get(&id).cloned(),
        id,
    };
    let mut summary = PackSummary::default();
    if let Some(doc) = pack.contract_pack() {
        let node = &doc.node;
        summary.title = text(node, "title");
        summary.status = text(node, "status");
        summary.institution = text(node, "institution").map(party);
        summary.prime_vendor = text(node, "prime_vendor").map(party);
        summary.effective = term(node.get("effective"));
    }
    summary.parties = parties
        .iter()
        .filter_map(|p| text(p, "id"))
        .map(party)
        .collect();
    summary.vendors = parties
        .iter()
        .filter(|p| text(p, "kind").as_deref() == Some("vendor"))
        .filter_map(|p| {
            Some(Vendor {
                party: party(text(p, "id")?),
                role: text(p, "vendor_role"),
                engaged_by: text(p, "engaged_by"),
                handles_medical_info: text(p, "handles_medical_info"),
            })
        })
        .collect();
    summary.contracts = docs(Kind::Contract)
        .map(|d| contract(&d.node, today, window))
        .collect();
    summary.reviews = docs(Kind::RiskManagement)
        .map(|d| review(&d.node, today))
        .collect();
    summary.records = docs(Kind::ChecklistRecord)
        .map(|d| record(pack, d, &party))
        .collect();
    summary
}

fn contract(node: &Node, today: Date, window: jiff::Span) -> Contract {
    let term = term(node.get("term"));
    // A window past the calendar's end: every contract ends within it.
    let horizon = add(today, window).unwrap_or(Date::MAX);
    let expiry = date(term.end.as_ref()).and_then(|end| {
        if end < today {
            Some(Expiry::Expired)
        } else if end <= horizon {
            Some(Expiry::Expiring)
        } else {
            None
        }
    });
    Contract {
        id: text(node, "id").unwrap_or_default(),
        title: text(node, "title"),
        kind: text(node, "type"),
        parties: texts(node, "parties"),
        signed_on: text(node, "signed_on"),
        term,
        expiry,
    }
}

fn review(node: &Node, today: Date) -> Review {
    let cadence = text(node, "review_cadence");
    let last_review = text(node, "last_review");
    let next_review = text(node, "next_review");
    let by_cadence = date(last_review.as_ref())
        .zip(cadence.as_deref().and_then(parse_duration))
        .and_then(|(last, span)| add(last, span));
    let due = match (by_cadence, date(next_review.as_ref())) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Review {
        id: text(node, "id").unwrap_or_default(),
        owner: text(node, "owner"),
        cadence,
        last_review,
        next_review,
        due,
        overdue: due.is_some_and(|d| d < today),
    }
}

fn record(pack: &Pack, doc: &Doc, party: &impl Fn(String) -> PartyRef) -> Record {
    let node = &doc.node;
    let items = node
        .get("items")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            let id = entry.key.scalar_text()?;
            let value = &entry.value;
            Some(Answer {
                id,
                initial: text(value, "initial"),
                completed_on: text(value, "completed_on"),
                evidence: text(value, "evidence"),
                note: text(value, "note"),
            })
        })
        .collect();
    Record {
        id: text(node, "id").unwrap_or_default(),
        vendor: text(node, "vendor").map(party),
        edition: text(node, "edition"),
        first_consultation: text(node, "first_consultation"),
        file: pack
            .files
            .get(doc.file)
            .map(|f| f.display.clone())
            .unwrap_or_default(),
        offset: node.span.offset,
        items,
    }
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
