//! `required` and `exactly_one`: fields that must be there, with the right value or count.

use crate::model::entities::{Entity, Lookup};
use crate::model::issue::Issue;
use crate::model::values::is_blank;
use crate::rules::select::Ctx;
use crate::rules::spec::FieldPath;
use crate::rules::spec::{Expect, Select};
use crate::yaml::{Node, Value};

/// A field path as shown in messages: relative to the entity (`clauses.confidentiality`).
fn relative(entity: &Entity, path: &str) -> String {
    path.strip_prefix(&format!("{}.", entity.path))
        .unwrap_or(path)
        .to_owned()
}

fn listed(node: &Node) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter(|n| !is_blank(n))
            .filter_map(Node::scalar_text)
            .collect(),
        _ => node.scalar_text().into_iter().collect(),
    }
}

pub fn required(ctx: &Ctx, for_each: &Select, expect: &[Expect], out: &mut Vec<Issue>) {
    for entity in ctx.select(for_each, None) {
        let mut reported: Vec<String> = Vec::new();
        for e in expect {
            let lookup = ctx.index.lookup(entity, &e.field);
            let Some(site) = lookup.site().cloned() else {
                continue;
            };
            match lookup {
                Lookup::Missing { at, via } => {
                    // One finding per absent field, not one per expectation below it.
                    if reported
                        .iter()
                        .any(|r| at.path == *r || at.path.starts_with(&format!("{r}.")))
                    {
                        continue;
                    }
                    let field = if via.is_some() {
                        e.field.to_string()
                    } else {
                        relative(entity, &at.path)
                    };
                    let mut issue = Issue::of_check(site.file, site.span, site.path)
                        .arg("field", field)
                        .arg("entity", entity.label());
                    if let Some(v) = &e.variant {
                        issue = issue.variant(v.clone());
                    }
                    // Reached through a reference: the entity it names is where the field goes.
                    if via.is_some() {
                        issue = issue.related(at.file, at.span, "defined");
                    }
                    out.push(issue);
                    reported.push(at.path);
                }
                Lookup::Found { node, at, via } => {
                    let field = if via.is_some() {
                        e.field.to_string()
                    } else {
                        relative(entity, &at.path)
                    };
                    let actual = node
                        .scalar_text()
                        .unwrap_or_else(|| listed(node).join(", "));
                    let mut issue = None;
                    if let Some(wanted) = &e.equals
                        && node.scalar_text() != Some(wanted.text())
                    {
                        issue = Some(
                            Issue::of_check(site.file, site.span, site.path.clone())
                                .variant("mismatch")
                                .arg("expected", wanted.text()),
                        );
                    }
                    if let Some(allowed) = &e.one_of
                        && !allowed.iter().any(|a| node.scalar_text() == Some(a.text()))
                    {
                        let texts: Vec<String> = allowed.iter().map(|a| a.text()).collect();
                        issue = Some(
                            Issue::of_check(site.file, site.span, site.path.clone())
                                .variant("mismatch")
                                .arg("expected", texts.join(" | ")),
                        );
                    }
                    if let Some(wanted) = &e.contains
                        && let Some(value) = ctx.scalar(wanted, entity, None)
                        && !listed(node).contains(&value)
                    {
                        issue = Some(
                            Issue::of_check(site.file, site.span, site.path.clone())
                                .variant("not_contained")
                                .arg("expected", value),
                        );
                    }
                    let Some(mut issue) = issue else { continue };
                    if via.is_some() {
                        issue = issue.related(at.file, at.span, "defined");
                    }
                    out.push(
                        issue
                            .arg("field", field)
                            .arg("entity", entity.label())
                            .arg("actual", actual),
                    );
                }
                Lookup::Broken => {}
            }
        }
    }
}

pub fn exactly_one(ctx: &Ctx, for_each: &Select, fields: &[FieldPath], out: &mut Vec<Issue>) {
    for entity in ctx.select(for_each, None) {
        for field in fields {
            let lookup = ctx.index.lookup(entity, field);
            let Some(site) = lookup.site().cloned() else {
                continue;
            };
            let issue = match lookup {
                Lookup::Missing { .. } => {
                    Issue::of_check(site.file, site.span, site.path).variant("none")
                }
                Lookup::Found { node, .. } => match &node.value {
                    Value::Seq(all) => {
                        // Blank items (`""`, `TODO`) name nobody and are not counted.
                        let items: Vec<_> = all.iter().filter(|n| !is_blank(n)).collect();
                        match items.len() {
                            1 => continue,
                            0 => Issue::of_check(site.file, site.span, site.path).variant("none"),
                            n => Issue::of_check(site.file, site.span, site.path)
                                .variant("many")
                                .arg("count", n.to_string())
                                .arg(
                                    "names",
                                    items
                                        .iter()
                                        .filter_map(|n| n.scalar_text())
                                        .collect::<Vec<_>>()
                                        .join(", "),
                                ),
                        }
                    }
                    _ => continue,
                },
                Lookup::Broken => continue,
            };
            out.push(
                issue
                    .arg("field", field.to_string())
                    .arg("entity", entity.label()),
            );
        }
    }
}
