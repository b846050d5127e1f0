//! Evaluates the catalog's rules against one loaded pack, producing issues.

use super::catalog::Catalog;
use super::check;
use super::select::Ctx;
use super::spec::Check;
use crate::model::Pack;
use crate::model::entities::Index;
use crate::model::issue::Issue;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// Which rules run and with what parameters.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    /// Parameter overrides by rule id.
    pub params: BTreeMap<String, BTreeMap<String, String>>,
}

/// The value of a rule's parameter as a run applies it: the configuration's override, else the
/// rule's default.
pub fn param(catalog: &Catalog, settings: &RuleSettings, rule: &str, name: &str) -> Option<String> {
    settings
        .params
        .get(rule)
        .and_then(|p| p.get(name))
        .cloned()
        .or_else(|| {
            catalog
                .rules()
                .iter()
                .find(|r| r.id == rule)
                .and_then(|r| r.params.get(name).cloned())
        })
}

/// Runs every non-structural rule for which `enabled` holds; returns the issues in rule order.
pub fn evaluate(
    catalog: &Catalog,
    pack: &Pack,
    today: Date,
    settings: &RuleSettings,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Issue> {
    let index = Index::new(pack);
    let mut issues = Vec::new();
    for rule in catalog.rules() {
        if matches!(rule.check, Check::Structure) || !enabled(&rule.id) {
            continue;
        }
        let mut params = rule.params.clone();
        if let Some(overrides) = settings.params.get(&rule.id) {
            params.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let ctx = Ctx {
            index: &index,
            params: &params,
            today,
        };
        if !ctx.applies(rule.check.when()) {
            continue;
        }
        let before = issues.len();
        check::run(&ctx, &rule.check, pack, &mut issues);
        let produced = issues.split_off(before);
        for mut issue in produced {
            if issue.rule.is_empty() {
                issue.rule.clone_from(&rule.id);
            } else if enabled(&issue.rule) {
                // An issue of the engine's own rules (a comparison that cannot be made) names
                // the rule whose check it is, and obeys its own switch.
                issue = issue.arg("rule", rule.id.clone());
            } else {
                continue;
            }
            issues.push(issue);
        }
    }
    issues
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
