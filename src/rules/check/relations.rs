//! `exists`, `covers` and `count`: relations between entities of a pack.

use crate::model::entities::Lookup;
use crate::model::issue::Issue;
use crate::model::values::is_blank;
use crate::rules::finder::Finder;
use crate::rules::select::Ctx;
use crate::rules::spec::{Select, Values};
use crate::yaml::Node;
use std::collections::HashSet;

pub fn exists(ctx: &Ctx, for_each: &Select, find: &Select, at: Option<&str>, out: &mut Vec<Issue>) {
    let finder = Finder::new(ctx, find);
    for entity in ctx.select(for_each, None) {
        if finder.any(ctx, entity) {
            continue;
        }
        let site = at.and_then(|field| ctx.index.lookup(entity, field).site().cloned());
        let (file, span, path) = site
            .map_or((entity.file, entity.anchor, entity.path.clone()), |s| {
                (s.file, s.span, s.path)
            });
        out.push(Issue::of_check(file, span, path).arg("entity", entity.label()));
    }
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
