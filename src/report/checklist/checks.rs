//! What the checks for one checklist item of one record found, given the configuration the run
//! applied: an unwaived problem, a problem the configuration waived or lowered to `info`, or a
//! rule for the item switched off — and the configuration line (or flag) behind each.

use super::view::located_item;
use crate::config::applied::{Applied, Setting};
use crate::finding::{Finding, Severity};
use crate::model::summary::Record;

/// What the checks for one item of one record found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checks {
    /// A problem no waiver accepts.
    pub problem: bool,
    /// A problem a waiver accepts.
    pub waived: bool,
    /// A rule for the item did not run.
    pub off: bool,
    /// Where the configuration switched the item's rules off, or waived its problems
    /// (`rule file:line`, or `rule --flag`).
    pub places: Vec<String>,
    /// Parameters the configuration changed on a rule for the item (`rule NAME=VALUE
    /// file:line`): the check ran, but not as built in.
    pub adjusted: Vec<String>,
}

impl From<bool> for Checks {
    fn from(problem: bool) -> Checks {
        Checks {
            problem,
            ..Checks::default()
        }
    }
}

/// A rule the configuration switched off (or changed), with the checklist items it checks and
/// what did it.
#[derive(Debug, Clone)]
pub struct OffRule {
    pub rule: String,
    pub items: Vec<String>,
    /// The rule checks every item's answer (it runs over the entries of checklist records).
    pub every_item: bool,
    /// `file:line`, or the flag.
    pub place: String,
}

/// What the configuration decided that bears on the items: rules switched off (everywhere or
/// for some paths: either way the report cannot vouch for the item), and rules whose severity
/// it changed (a finding it lowered to `info` still contradicts the answer).
#[derive(Debug, Clone, Default)]
pub struct Decided {
    pub off: Vec<OffRule>,
    pub changed: Vec<String>,
    /// Rules whose parameters it changed (`place` holds `NAME=VALUE file:line`).
    pub params: Vec<OffRule>,
}

impl Decided {
    pub fn of(applied: &Applied) -> Decided {
        let of = |s: &Setting, place: String| OffRule {
            rule: s.rule.clone(),
            items: s.checklist.clone(),
            every_item: s.every_item,
            place,
        };
        let off = applied.rules_off.iter().map(|s| of(s, s.place())).collect();
        let params = applied
            .params_changed
            .iter()
            .map(|s| of(s, format!("{} {}", s.value, s.place())))
            .collect();
        let changed = applied
            .severities_changed
            .iter()
            .map(|s| s.rule.clone())
            .collect();
        Decided {
            off,
            changed,
            params,
        }
    }

    /// Whether `finding` is a problem for the item it belongs to: a warning or an error, or a
    /// finding the configuration lowered below warning.
    fn counts(&self, finding: &Finding) -> bool {
        finding.severity >= Severity::Warning || self.changed.contains(&finding.rule)
    }

    /// What the checks for `item` found that bears on record `record`: a problem of a rule for
    /// the item anywhere in the pack, or one inside the record's own entry for it — unwaived or
    /// waived — and whether a rule for the item was switched off.
    pub fn checks(
        &self,
        findings: &[Finding],
        records: &[Record],
        record: usize,
        item: &str,
    ) -> Checks {
        let mut checks = Checks::default();
        let bears_on = |o: &&OffRule| o.every_item || o.items.iter().any(|i| i == item);
        for o in self.off.iter().filter(bears_on) {
            checks.off = true;
            checks.places.push(format!("{} {}", o.rule, o.place));
        }
        for o in self.params.iter().filter(bears_on) {
            checks.adjusted.push(format!("{} {}", o.rule, o.place));
        }
        let bears = |f: &&Finding| {
            self.counts(f)
                && (f.checklist.iter().any(|c| c == item)
                    || located_item(f, records) == Some((record, item)))
        };
        for f in findings.iter().filter(bears) {
            match &f.waived {
                None => checks.problem = true,
                Some(w) => {
                    checks.waived = true;
                    let place = format!("{} {}:{}", f.rule, w.location.file, w.location.line);
                    if !checks.off && !checks.places.contains(&place) {
                        checks.places.push(place);
                    }
                }
            }
        }
        checks
    }
}
