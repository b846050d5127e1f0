//! What the run's configuration changed from the built-in defaults, for every output: the rules
//! that do not run (and what switched each off), severities and parameters changed, and (once
//! the packs are checked) the waivers that accepted findings.

use super::{CheckOptions, rule_enabled};
use crate::config::Level;
use crate::config::applied::{Applied, Excluded, Setting, WaiverUse};
use crate::finding::Finding;
use crate::model::entities::Collection;
use crate::rules::catalog::Catalog;
use crate::rules::spec::Check;
use std::collections::BTreeMap;

fn setting(
    rule: &str,
    value: String,
    by: &str,
    file: Option<&str>,
    line: Option<usize>,
) -> Setting {
    Setting {
        rule: rule.to_owned(),
        checklist: Vec::new(),
        every_item: false,
        value,
        by: by.to_owned(),
        file: file.map(str::to_owned),
        line,
    }
}

/// Why a rule that does not run is off: the first flag or setting that excludes it.
fn why_off(rule: &str, options: &CheckOptions, file: Option<&str>) -> Setting {
    let policy = &options.policy;
    let origins = &policy.origins;
    if options.ignore.iter().any(|s| s == rule) {
        return setting(rule, "off".into(), "--ignore", None, None);
    }
    if !options.select.is_empty() {
        return setting(rule, "off".into(), "--select", None, None);
    }
    if let Some(line) = origins.ignore.get(rule) {
        return setting(rule, "off".into(), "ignore", file, Some(*line));
    }
    if policy.levels.get(rule) == Some(&Level::Off) {
        let line = origins.levels.get(rule).copied();
        return setting(rule, "off".into(), "rules", file, line);
    }
    setting(rule, "off".into(), "select", file, origins.select)
}

/// The configuration as it applies before any pack is checked.
pub fn describe(options: &CheckOptions, catalog: &Catalog) -> Applied {
    let policy = &options.policy;
    let file = policy.source.as_ref().map(|s| s.display.clone());
    let file = file.as_deref();
    let mut applied = Applied {
        file: file.map(str::to_owned),
        isolated: options.isolated,
        not_applied: options.not_applied.clone(),
        ..Applied::default()
    };
    for rule in catalog.rules() {
        let id = rule.id.as_str();
        if !rule_enabled(id, options) {
            applied.rules_off.push(why_off(id, options, file));
            continue;
        }
        if let Some(Level::On(severity)) = policy.levels.get(id)
            && *severity != rule.severity
        {
            let line = policy.origins.levels.get(id).copied();
            let value = severity.as_str().to_owned();
            applied
                .severities_changed
                .push(setting(id, value, "rules", file, line));
        }
        if let Some(params) = policy.settings.params.get(id) {
            let value = params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let line = policy.origins.params.get(id).copied();
            applied
                .params_changed
                .push(setting(id, value, "rules", file, line));
        }
        for (i, globs, levels) in &policy.origins.overrides {
            for (r, level, line) in levels.iter().filter(|(r, _, _)| r == id) {
                let value = format!("{} for {}", level.as_str(), globs.join(", "));
                let by = format!("overrides[{i}]");
                let s = setting(r, value, &by, file, Some(*line));
                match level {
                    Level::Off => applied.rules_off.push(s),
                    Level::On(_) => applied.severities_changed.push(s),
                }
            }
        }
    }
    if let Some(file) = file {
        applied.excluded = policy
            .origins
            .exclude
            .iter()
            .map(|(glob, line)| Excluded {
                glob: glob.clone(),
                file: file.to_owned(),
                line: *line,
            })
            .collect();
    }
    for s in applied
        .rules_off
        .iter_mut()
        .chain(&mut applied.severities_changed)
        .chain(&mut applied.params_changed)
    {
        if let Some(rule) = catalog.get(&s.rule) {
            s.checklist.clone_from(&rule.checklist);
            s.every_item = reads_answers(&rule.check);
        }
    }
    applied
}

/// Whether a check runs over checklist records or their entries, and so bears on every item's
/// answer (e.g. that a completion date is not before the first consultation).
fn reads_answers(check: &Check) -> bool {
    check.subject().is_some_and(|select| {
        matches!(
            select.collection,
            Collection::ChecklistItems | Collection::Checklists
        )
    })
}

/// Counts the waivers that accepted findings, keyed on their place in the configuration, with
/// the checklist items of those findings.
#[derive(Debug, Default)]
pub struct WaiverTally(BTreeMap<WaiverKey, (usize, Vec<String>)>);

/// A waiver's file and line, and the rule and pack of the findings it accepted.
type WaiverKey = (String, usize, String, String);

impl WaiverTally {
    pub fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            if let Some(w) = &f.waived {
                let key = (
                    w.location.file.clone(),
                    w.location.line,
                    f.rule.clone(),
                    f.pack.clone(),
                );
                let (count, items) = self.0.entry(key).or_default();
                *count += 1;
                for item in &f.checklist {
                    if !items.contains(item) {
                        items.push(item.clone());
                    }
                }
            }
        }
    }

    pub fn into_uses(self) -> Vec<WaiverUse> {
        self.0
            .into_iter()
            .map(
                |((file, line, rule, pack), (findings, checklist))| WaiverUse {
                    rule,
                    checklist,
                    pack,
                    file,
                    line,
                    findings,
                },
            )
            .collect()
    }
}
