//! `required` and `exactly_one`: fields that must be there, with the right value or count.

use crate::model::entities::Lookup;
use crate::model::issue::Issue;
use crate::rules::select::Ctx;
use crate::rules::spec::{Expect, Select};
use crate::yaml::Value;

pub fn required(ctx: &Ctx, for_each: &Select, expect: &[Expect], out: &mut Vec<Issue>) {
    for entity in ctx.select(for_each, None) {
        let mut reported: Vec<String> = Vec::new();
        for e in expect {
            match ctx.index.lookup(entity, &e.field) {
                Lookup::Missing { path, anchor } => {
                    // One finding per absent field, not one per expectation below it.
                    if reported.iter().any(|r| path == *r || path.starts_with(&format!("{r}."))) {
                        continue;
                    }
                    let field = path.strip_prefix(&format!("{}.", entity.path)).unwrap_or(&path).to_owned();
                    out.push(
                        Issue::new("", entity.file, anchor, path.clone())
                            .arg("field", field)
                            .arg("entity", entity.label()),
                    );
                    reported.push(path);
                }
                Lookup::Found { node, path, .. } => {
                    let Some(wanted) = &e.equals else { continue };
                    let actual = node.scalar_text().unwrap_or_else(|| node.value.type_name().to_owned());
                    if node.scalar_text() != Some(wanted.text()) {
                        let field = path.strip_prefix(&format!("{}.", entity.path)).unwrap_or(&path).to_owned();
                        out.push(
                            Issue::new("", entity.file, node.span, path)
                                .variant("mismatch")
                                .arg("field", field)
                                .arg("entity", entity.label())
                                .arg("expected", wanted.text())
                                .arg("actual", actual),
                        );
                    }
                }
                Lookup::Broken => {}
            }
        }
    }
}

pub fn exactly_one(ctx: &Ctx, for_each: &Select, fields: &[String], out: &mut Vec<Issue>) {
    for entity in ctx.select(for_each, None) {
        for field in fields {
            let issue = match ctx.index.lookup(entity, field) {
                Lookup::Missing { path, anchor } => Issue::new("", entity.file, anchor, path).variant("none"),
                Lookup::Found { node, path, .. } => match &node.value {
                    Value::Seq(items) if items.len() == 1 => continue,
                    Value::Seq(items) if items.is_empty() => Issue::new("", entity.file, node.span, path).variant("none"),
                    Value::Seq(items) => Issue::new("", entity.file, node.span, path)
                        .variant("many")
                        .arg("count", items.len().to_string())
                        .arg("names", items.iter().filter_map(|i| i.scalar_text()).collect::<Vec<_>>().join(", ")),
                    _ => continue,
                },
                Lookup::Broken => continue,
            };
            out.push(issue.arg("field", field.clone()).arg("entity", entity.label()));
        }
    }
}
