//! `exists`, `covers` and `count`: relations between entities of a pack.

use crate::model::entities::{Entity, Lookup, Site};
use crate::model::issue::Issue;
use crate::model::values::is_blank;
use crate::rules::finder::Finder;
use crate::rules::select::Ctx;
use crate::rules::spec::{FixAt, NotCounted, Select, Values};
use crate::yaml::Node;
use std::collections::HashSet;

/// Where an `exists` finding stands and what it shows besides the entity.
pub struct Aside<'r> {
    /// The entity's field the finding stands at (its id when absent).
    pub at: Option<&'r str>,
    /// Where the fix goes, when the pack has it.
    pub fix_at: Option<&'r FixAt>,
    /// What looks like a counterpart but does not count.
    pub not_counted: Option<&'r NotCounted>,
}

pub fn exists(ctx: &Ctx, for_each: &Select, find: &Select, aside: Aside, out: &mut Vec<Issue>) {
    let finder = Finder::new(ctx, find);
    let fixer = aside.fix_at.map(|f| (Finder::new(ctx, &f.select), &f.at));
    let passed_over = aside.not_counted.map(|n| (Finder::new(ctx, &n.select), n));
    let mut budget = NEAR_MISS_BUDGET;
    for entity in ctx.select(for_each, None) {
        if finder.any(ctx, entity) {
            continue;
        }
        let own = ctx.index.site_of(entity, aside.at);
        // Where the fix goes, when the rule names it and the pack has it: the finding stands
        // there, and the entity checked is shown beside it.
        let fix = fixer.as_ref().and_then(|(finder, at)| {
            let target = finder.first(ctx, entity)?;
            ctx.index.lookup(target, at).site().cloned()
        });
        let at = fix.clone().unwrap_or_else(|| own.clone());
        let mut issue = Issue::of_check(at.file, at.span, at.path).arg("entity", entity.label());
        if fix.is_some() {
            issue = issue.related(own.file, own.span, CHECKED);
        }
        if let Some((finder, spec)) = &passed_over {
            let shown: Vec<Site> = finder
                .all(ctx, entity)
                .take(NEAR_MISSES_SHOWN)
                .map(|e| ctx.index.site_of(e, Some(&spec.at)))
                .collect();
            if !shown.is_empty() {
                issue = issue.variant(spec.variant.clone());
            }
            for site in shown {
                issue = issue.related(site.file, site.span, NOT_COUNTED);
            }
        }
        for miss in near_misses(ctx, find, entity, &mut budget) {
            if fix
                .as_ref()
                .is_some_and(|f| f.file == miss.file && f.span == miss.span)
            {
                continue;
            }
            issue = issue.related(miss.file, miss.span, NEAR_MISS);
        }
        out.push(issue);
    }
}

/// The label of a related location that looks like a counterpart but does not count.
pub const NOT_COUNTED: &str = "not_counted";

/// The label of the related location that shows the entity checked, when the finding stands
/// where its fix goes (`fix_at`).
pub const CHECKED: &str = "checked";

/// The label of a related location that shows a near miss of an `exists` check.
pub const NEAR_MISS: &str = "near_miss";

/// Near misses shown per finding: the closest candidates are the likely fix, a long list is not.
const NEAR_MISSES_SHOWN: usize = 3;

/// Conditions evaluated for near misses over one rule's findings: a pack with thousands of
/// entities lacking a counterpart stays linear (the first findings still show theirs).
const NEAR_MISS_BUDGET: usize = 200_000;

/// The candidates of `find` that fail exactly one of its conditions for `outer` (the `any`
/// alternatives count as one), each at the field of that condition: where the fix most likely
/// goes. None when `find` has a single condition (every candidate would be a near miss).
fn near_misses(ctx: &Ctx, find: &Select, outer: &Entity, budget: &mut usize) -> Vec<Site> {
    let conditions = find.conditions.len() + usize::from(!find.any.is_empty());
    if conditions < 2 {
        return Vec::new();
    }
    let mut found = Vec::new();
    for candidate in ctx.index.all(find.collection) {
        let Some(left) = budget.checked_sub(conditions) else {
            break;
        };
        *budget = left;
        let mut failing = find
            .conditions
            .iter()
            .filter(|(field, cond)| !ctx.holds(candidate, field, cond, Some(outer)))
            .map(|(field, _)| Some(&**field));
        let first = failing.next();
        let any_fails = !find.any.is_empty()
            && !find.any.iter().any(|alt| {
                alt.iter()
                    .all(|(field, cond)| ctx.holds(candidate, field, cond, Some(outer)))
            });
        let only = match (first, failing.next(), any_fails) {
            (Some(field), None, false) => field,
            (None, _, true) => None,
            _ => continue,
        };
        found.push(ctx.index.site_of(candidate, only));
        if found.len() == NEAR_MISSES_SHOWN {
            break;
        }
    }
    found
}

pub fn covers(ctx: &Ctx, for_each: &Select, field: &str, values: &Values, out: &mut Vec<Issue>) {
    let expected: Vec<_> = ctx
        .select(&values.select, None)
        .into_iter()
        .filter_map(|e| {
            ctx.index
                .value(e, &values.value)
                .and_then(Node::scalar_text)
                .map(|v| (v, e))
        })
        .collect();
    for entity in ctx.select(for_each, None) {
        // A list that is absent or blank (`[]`, `[""]`) lists nothing: every value is missing.
        let (listed, at): (HashSet<String>, _) = match ctx.index.lookup(entity, field) {
            Lookup::Found { node, at, .. } => (
                // A set: a hostile pack may list and expect many values; the check stays linear.
                node.as_seq()
                    .unwrap_or_default()
                    .iter()
                    .filter(|n| !is_blank(n))
                    .filter_map(Node::scalar_text)
                    .collect(),
                at,
            ),
            Lookup::Missing { at, via } => (HashSet::new(), via.unwrap_or(at)),
            Lookup::Broken => continue,
        };
        for (value, source) in &expected {
            if !listed.contains(value) {
                out.push(
                    Issue::of_check(at.file, at.span, at.path.clone())
                        .arg("missing", value.clone())
                        .arg("field", field)
                        .arg("entity", entity.label())
                        .related(source.file, source.anchor, "defined"),
                );
            }
        }
    }
}

pub fn count(ctx: &Ctx, of: &Select, min: Option<usize>, max: Option<usize>, out: &mut Vec<Issue>) {
    let selected = ctx.select(of, None);
    let n = selected.len();
    if let Some(max) = max
        && n > max
    {
        let first = selected[0];
        for extra in &selected[max..] {
            out.push(
                Issue::of_check(extra.file, extra.anchor, extra.path.clone())
                    .variant("too_many")
                    .arg("count", n.to_string())
                    .arg("max", max.to_string())
                    .arg("entity", extra.label())
                    .related(first.file, first.anchor, "first"),
            );
        }
    }
    if let Some(min) = min
        && n < min
        && let Some(pack) = ctx.index.pack_entity()
    {
        out.push(
            Issue::of_check(pack.file, pack.anchor, "")
                .variant("too_few")
                .arg("count", n.to_string())
                .arg("min", min.to_string()),
        );
    }
}
