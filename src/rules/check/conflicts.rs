//! `conflicts`: a declaration the facts of the pack contradict (a relabelled role, a party kind,
//! a data-handling level), reported at the declaration with the fact as a related location.

use crate::model::issue::Issue;
use crate::rules::finder::Finder;
use crate::rules::select::Ctx;
use crate::rules::spec::{Fact, Select};

pub fn conflicts(
    ctx: &Ctx,
    for_each: &Select,
    facts: &[Fact],
    at: Option<&str>,
    out: &mut Vec<Issue>,
) {
    let prepared: Vec<(Select, &Fact)> = facts.iter().map(|f| (f.select(), f)).collect();
    let finders: Vec<(Finder, &Fact)> = prepared
        .iter()
        .map(|(select, fact)| (Finder::new(ctx, select), *fact))
        .collect();
    for entity in ctx.select(for_each, None) {
        for (finder, fact) in &finders {
            if !fact
                .outer
                .iter()
                .all(|(field, cond)| ctx.holds(entity, field, cond, None))
            {
                continue;
            }
            // The first contradicting fact of each kind: enough to show the declaration is wrong,
            // and the number of findings stays bounded by entities × facts.
            let Some(found) = finder.first(ctx, entity) else {
                continue;
            };
            let site = ctx.index.site_of(entity, at);
            let fact_span = fact
                .at
                .as_deref()
                .and_then(|field| ctx.index.lookup(found, field).site().cloned())
                .filter(|s| s.file == found.file)
                .map_or(found.anchor, |s| s.span);
            let mut issue = Issue::of_check(site.file, site.span, site.path)
                .arg("entity", entity.label())
                .arg("fact", found.label())
                .related(found.file, fact_span, "fact");
            if let Some(v) = &fact.variant {
                issue = issue.variant(v.clone());
            }
            out.push(issue);
        }
    }
}
