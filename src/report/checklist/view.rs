//! The report's content, whatever the format: each pack's checklist rows with a status derived
//! from the answers and the findings, the findings grouped under their item, the summary matrix,
//! and the order packs are shown in. The HTML and Markdown renderers only lay this out.

use super::checks::{Checks, Decided};
use crate::app::{PackOutcome, Run};
use crate::finding::{Finding, Severity};
use crate::form::{Form, Item};
use crate::model::summary::{Answer, PackSummary, Record, Term};
use jiff::civil::Date;

/// The status of one checklist item for one record (or, in the matrix, for a whole pack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Answered yes, or no and later completed, and no check for the item reports a problem.
    Agreed,
    /// Answered no, with no completion date.
    Open,
    /// Answered yes, completed or n/a, while a check for the item reports a problem.
    Contradicted,
    /// Not filled in (or filled in with something that is not yes/no/n/a).
    NotAnswered,
    /// Answered n/a, and no check for the item reports a problem.
    NotApplicable,
    /// Answered yes, completed or n/a, but a check for the item was switched off by the
    /// configuration (or a flag): nothing confirms the answer.
    NotChecked,
    /// Answered yes, completed or n/a, and every problem a check reports for it is waived.
    Waived,
}

impl Status {
    /// The statuses, worst first: the order of legends and counts.
    pub const ALL: [Status; 7] = [
        Status::Contradicted,
        Status::Open,
        Status::NotAnswered,
        Status::NotChecked,
        Status::Waived,
        Status::Agreed,
        Status::NotApplicable,
    ];

    /// The status of an answer, given whether a check for its item reports a problem.
    pub fn of(answer: Option<&Answer>, problem: bool) -> Status {
        Status::checked(answer, Checks::from(problem))
    }

    /// The status of an answer, given what the checks for its item found (or could not).
    pub fn checked(answer: Option<&Answer>, checks: Checks) -> Status {
        let Some(answer) = answer else {
            return Status::NotAnswered;
        };
        let settled = |ok| {
            if checks.problem {
                Status::Contradicted
            } else if checks.off {
                Status::NotChecked
            } else if checks.waived {
                Status::Waived
            } else {
                ok
            }
        };
        match answer.initial.as_deref() {
            Some("yes") => settled(Status::Agreed),
            Some("na") => settled(Status::NotApplicable),
            Some("no") if answer.completed_on.is_some() => settled(Status::Agreed),
            Some("no") => Status::Open,
            _ => Status::NotAnswered,
        }
    }

    /// The worse of two statuses, for a pack with several records.
    pub fn worst(self, other: Status) -> Status {
        let rank = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
        if rank(other) < rank(self) {
            other
        } else {
            self
        }
    }

    /// A symbol that tells the statuses apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Agreed => "○",
            Status::Open => "△",
            Status::Contradicted => "×",
            Status::NotAnswered => "？",
            Status::NotApplicable => "－",
            Status::NotChecked => "□",
            Status::Waived => "◇",
        }
    }

    /// The CSS class of the status (fixed text, never from a pack).
    pub fn class(self) -> &'static str {
        match self {
            Status::Agreed => "st st-agreed",
            Status::Open => "st st-open",
            Status::Contradicted => "st st-contradicted",
            Status::NotAnswered => "st st-unanswered",
            Status::NotApplicable => "st st-na",
            Status::NotChecked => "st st-unchecked",
            Status::Waived => "st st-waived",
        }
    }
}

/// One row of a record's table.
pub struct Row<'a> {
    pub id: &'a str,
    pub item: Option<&'a Item>,
    pub answer: Option<&'a Answer>,
    pub status: Status,
    /// For a status the configuration decided (not checked, waived): the rule and the
    /// configuration line (or flag) that did it, e.g. `sla-present kakunin.yaml:3`; and, for
    /// any status, each parameter it changed on a rule for the item.
    pub because: Vec<String>,
}

/// A checklist record with its rows in the form's order.
pub struct RecordView<'a> {
    pub record: &'a Record,
    pub rows: Vec<Row<'a>>,
}

/// The findings attributed to one checklist item.
pub struct ItemFindings<'a> {
    pub id: &'a str,
    pub item: Option<&'a Item>,
    pub findings: Vec<&'a Finding>,
}

/// One pack as the report shows it.
pub struct PackView<'a> {
    /// 1-based position in the report (anchors are built from it, never from pack text).
    pub number: usize,
    pub outcome: &'a PackOutcome,
    pub summary: &'a PackSummary,
    pub records: Vec<RecordView<'a>>,
    /// One status per column of the report's matrix.
    pub cells: Vec<Status>,
    pub by_item: Vec<ItemFindings<'a>>,
    pub unattached: Vec<&'a Finding>,
}

impl PackView<'_> {
    /// How many matrix cells have this status.
    pub fn count(&self, status: Status) -> usize {
        self.cells.iter().filter(|s| **s == status).count()
    }

    pub fn count_severity(&self, severity: Severity) -> usize {
        let findings = &self.outcome.findings;
        findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The pack's title, else its id.
    pub fn name(&self) -> &str {
        self.summary.title.as_deref().unwrap_or(&self.outcome.id)
    }
}

/// The whole report.
pub struct Report<'a> {
    pub form: &'a Form,
    /// The matrix columns: every item of the form and every other item a pack names.
    pub columns: Vec<&'a str>,
    /// Packs needing attention (overdue review, ending contract) first, then in run order.
    pub packs: Vec<PackView<'a>>,
    pub loose: &'a [Finding],
    pub today: Date,
    /// The configuration the run applied.
    pub configuration: &'a crate::config::applied::Applied,
    /// What it decided that bears on the items (rules off, severities changed).
    pub decided: Decided,
}

static EMPTY: PackSummary = PackSummary {
    title: None,
    status: None,
    institution: None,
    prime_vendor: None,
    parties: Vec::new(),
    vendors: Vec::new(),
    effective: Term {
        start: None,
        end: None,
    },
    contracts: Vec::new(),
    reviews: Vec::new(),
    records: Vec::new(),
};

/// The record (index) and item a finding points into, when it is located in a record's `items`.
pub(super) fn located_item<'a>(
    finding: &'a Finding,
    records: &[Record],
) -> Option<(usize, &'a str)> {
    let rest = finding.location.path.strip_prefix("items.")?;
    let item = rest.split('.').next().filter(|s| !s.is_empty())?;
    let (index, _) = records
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.file == finding.location.file && r.offset <= finding.location.span.offset
        })
        .max_by_key(|(_, r)| r.offset)?;
    Some((index, item))
}

/// The items a finding belongs to: its rule's checklist items, and the item it is located in.
fn items_of<'a>(finding: &'a Finding, records: &[Record]) -> Vec<&'a str> {
    let mut items: Vec<&str> = finding.checklist.iter().map(String::as_str).collect();
    if let Some((_, item)) = located_item(finding, records)
        && !items.contains(&item)
    {
        items.push(item);
    }
    items
}

/// Builds the report's content from a run whose packs were summarized.
pub fn build<'a>(run: &'a Run, form: &'a Form) -> Report<'a> {
    let summary_of = |p: &'a PackOutcome| p.summary.as_ref().unwrap_or(&EMPTY);
    let mut named: Vec<&str> = Vec::new();
    for pack in &run.packs {
        let records = &summary_of(pack).records;
        for record in records {
            named.extend(record.items.iter().map(|a| a.id.as_str()));
        }
        for finding in &pack.findings {
            named.extend(items_of(finding, records));
        }
    }
    let columns = form.ordered(named);
    let decided = Decided::of(&run.configuration);
    let mut packs: Vec<PackView> = run
        .packs
        .iter()
        .map(|outcome| pack_view(outcome, summary_of(outcome), form, &columns, &decided))
        .collect();
    packs.sort_by_key(|p| !p.summary.needs_attention());
    for (i, pack) in packs.iter_mut().enumerate() {
        pack.number = i + 1;
    }
    Report {
        form,
        columns,
        packs,
        loose: &run.loose,
        today: run.today,
        configuration: &run.configuration,
        decided,
    }
}

fn pack_view<'a>(
    outcome: &'a PackOutcome,
    summary: &'a PackSummary,
    form: &'a Form,
    columns: &[&'a str],
    decided: &Decided,
) -> PackView<'a> {
    let findings = &outcome.findings;
    let records_data = &summary.records;
    let judged = |record: usize, item: &str| {
        let answer = records_data[record].answer(item);
        let checks = decided.checks(findings, records_data, record, item);
        let status = Status::checked(answer, checks.clone());
        let mut because = if matches!(status, Status::NotChecked | Status::Waived) {
            checks.places
        } else {
            Vec::new()
        };
        because.extend(checks.adjusted);
        (status, because)
    };
    let status = |record: usize, item: &str| judged(record, item).0;
    let records = records_data
        .iter()
        .enumerate()
        .map(|(r, record)| RecordView {
            record,
            rows: form
                .ordered(record.items.iter().map(|a| a.id.as_str()))
                .into_iter()
                .map(|id| {
                    let (status, because) = judged(r, id);
                    Row {
                        id,
                        item: form.item(id),
                        answer: record.answer(id),
                        status,
                        because,
                    }
                })
                .collect(),
        })
        .collect();
    let cells = columns
        .iter()
        .map(|item| {
            (0..records_data.len())
                .map(|r| status(r, item))
                .reduce(Status::worst)
                .unwrap_or(Status::NotAnswered)
        })
        .collect();
    let attributed: Vec<(&Finding, Vec<&str>)> = findings
        .iter()
        .map(|f| (f, items_of(f, records_data)))
        .collect();
    let by_item = form
        .ordered(
            attributed
                .iter()
                .flat_map(|(_, items)| items.iter().copied()),
        )
        .into_iter()
        .map(|id| ItemFindings {
            id,
            item: form.item(id),
            findings: attributed
                .iter()
                .filter(|(_, items)| items.contains(&id))
                .map(|(f, _)| *f)
                .collect(),
        })
        .filter(|group| !group.findings.is_empty())
        .collect();
    let unattached = attributed
        .iter()
        .filter(|(_, items)| items.is_empty())
        .map(|(f, _)| *f)
        .collect();
    PackView {
        number: 0,
        outcome,
        summary,
        records,
        cells,
        by_item,
        unattached,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(initial: &str, completed: Option<&str>) -> Answer {
        Answer {
            id: "P2-A6".into(),
            initial: Some(initial.into()),
            completed_on: completed.map(str::to_owned),
            evidence: None,
            note: None,
        }
    }

    #[test]
    fn status_follows_the_answer_unless_a_check_contradicts_it() {
        let yes = answer("yes", None);
        let open = answer("no", None);
        let done = answer("no", Some("2026-03-01"));
        let na = answer("na", None);
        let odd = answer("maybe", None);
        assert_eq!(Status::of(Some(&yes), false), Status::Agreed);
        assert_eq!(Status::of(Some(&yes), true), Status::Contradicted);
        assert_eq!(Status::of(Some(&done), false), Status::Agreed);
        assert_eq!(Status::of(Some(&done), true), Status::Contradicted);
        assert_eq!(Status::of(Some(&open), false), Status::Open);
        assert_eq!(Status::of(Some(&open), true), Status::Open);
        assert_eq!(Status::of(Some(&na), false), Status::NotApplicable);
        assert_eq!(Status::of(Some(&na), true), Status::Contradicted);
        assert_eq!(Status::of(Some(&odd), false), Status::NotAnswered);
        assert_eq!(Status::of(None, true), Status::NotAnswered);
    }

    #[test]
    fn a_pack_shows_the_worst_status_of_its_records() {
        assert_eq!(Status::Agreed.worst(Status::Open), Status::Open);
        assert_eq!(
            Status::Contradicted.worst(Status::Open),
            Status::Contradicted
        );
        assert_eq!(Status::NotApplicable.worst(Status::Agreed), Status::Agreed);
        assert_eq!(
            Status::Agreed.worst(Status::NotAnswered),
            Status::NotAnswered
        );
        let symbols: std::collections::HashSet<&str> =
            Status::ALL.iter().map(|s| s.symbol()).collect();
        assert_eq!(
            symbols.len(),
            Status::ALL.len(),
            "each status has its own symbol"
        );
    }
}
