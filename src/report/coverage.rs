//! `docs/coverage.md`: every item of each edition of the checklist form with the rules that
//! check it (from the rules' `checklist:`), the reason for each item no rule checks from a
//! contract pack, and the rules by the guideline sections they rest on.

use crate::form::Form;
use crate::rules::catalog::Catalog;
use crate::rules::spec::Check;
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn link(id: &str) -> String {
    format!("[`{id}`](rules/{id}.md)")
}

/// The ids of the rules that cite `item`, in id order.
pub fn rules_citing<'c>(catalog: &'c Catalog, item: &str) -> Vec<&'c str> {
    catalog
        .rules()
        .iter()
        .filter(|r| r.checklist.iter().any(|c| c == item))
        .map(|r| r.id.as_str())
        .collect()
}

/// The whole page.
pub fn coverage_page(catalog: &Catalog, forms: &[Form]) -> String {
    let mut out = String::from(
        "# Checklist coverage\n\n<!-- Generated from rules/ and checklist/ by `cargo test` (KAKUNIN_BLESS=1 rewrites it). Do not edit. -->\n\n\
         Which rules check each item of the role-sharing checklist (確認表), taken from each rule's \
         `checklist:`; for an item no rule checks, why it cannot be checked from a contract pack. \
         A structural finding (a missing field, a wrong value) also cites the item its field serves \
         ([format reference](format.md)). `kakunin explain ITEM` shows the same for one item.\n",
    );
    for form in forms {
        let _ = writeln!(
            out,
            "\n## Edition `\"{}\"` — {}\n\n| item | 項目 | rules | not checked because |\n|---|---|---|---|",
            form.edition, form.title.ja
        );
        for item in &form.items {
            let rules = rules_citing(catalog, &item.id);
            let listed = if rules.is_empty() {
                "—".to_owned()
            } else {
                rules.iter().map(|r| link(r)).collect::<Vec<_>>().join(" ")
            };
            let why = item.unchecked.as_ref().map_or("", |t| t.en.as_str());
            let _ = writeln!(
                out,
                "| `{}` | {} | {listed} | {} |",
                item.id,
                item.title.ja,
                why.replace('|', "\\|")
            );
        }
    }
    let mut by_guideline: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut uncited = Vec::new();
    for rule in catalog.rules() {
        for g in &rule.guidelines {
            by_guideline
                .entry(g.as_str())
                .or_default()
                .push(rule.id.as_str());
        }
        if rule.checklist.is_empty() && !matches!(rule.check, Check::Structure) {
            uncited.push(rule.id.as_str());
        }
    }
    out.push_str(
        "\n## Rules by the guideline section they rest on\n\n| section | rules |\n|---|---|\n",
    );
    for (section, rules) in &by_guideline {
        let listed: Vec<String> = rules.iter().map(|r| link(r)).collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            section.replace('|', "\\|"),
            listed.join(" ")
        );
    }
    if !uncited.is_empty() {
        out.push_str(
            "\n## Rules that cite no checklist item\n\nThey check the form itself or the pack's own consistency:\n\n",
        );
        for id in uncited {
            let _ = writeln!(out, "- {}", link(id));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rules_citing;
    use crate::form::Form;
    use crate::rules::catalog::Catalog;

    /// An item either has rules or says why it has none: a new rule citing an item makes its
    /// reason stale, and an item losing its last rule needs one.
    #[test]
    fn every_item_has_rules_or_a_reason_and_never_both() {
        let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e:?}"));
        for form in Form::editions() {
            for item in &form.items {
                let rules = rules_citing(&catalog, &item.id);
                assert_eq!(
                    rules.is_empty(),
                    item.unchecked.is_some(),
                    "{} {}: rules {rules:?}, reason {:?}",
                    form.edition,
                    item.id,
                    item.unchecked
                );
            }
        }
    }
}
