//! `answers`: each checklist record answers every item of its edition's form, and names an
//! edition kakunin knows (the forms of `checklist/items-*.yaml`, see `form.rs`).

use crate::form::Form;
use crate::model::entities::{Entity, Lookup};
use crate::model::issue::Issue;
use crate::rules::select::Ctx;
use crate::rules::spec::Select;
use crate::yaml::Node;

/// The answers the form allows in its 初回確認 column.
const ANSWERS: [&str; 3] = ["yes", "no", "na"];

/// Whether a text says nothing: blank, or a placeholder left from a template.
fn placeholder(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '.' || c == '…');
    let upper = t.to_uppercase();
    t.is_empty()
        || [
            "TODO",
            "TBD",
            "FIXME",
            "XXX",
            "N/A",
            "-",
            "?",
            "未定",
            "未記入",
            "要確認",
        ]
        .contains(&upper.as_str())
        || upper.starts_with("TODO")
        || upper.starts_with("TBD")
}

pub fn answers(ctx: &Ctx, for_each: &Select, out: &mut Vec<Issue>) {
    for record in ctx.select(for_each, None) {
        let at = |field: &str| match ctx.index.lookup(record, field) {
            Lookup::Found { at, .. } | Lookup::Missing { at, .. } => (at.file, at.span, at.path),
            Lookup::Broken => (record.file, record.anchor, record.path.clone()),
        };
        let edition = ctx
            .index
            .value(record, "edition")
            .and_then(Node::scalar_text);
        let Some(edition) = edition.filter(|e| !placeholder(e)) else {
            let (file, span, path) = at("edition");
            out.push(
                Issue::of_check(file, span, path)
                    .variant("no_edition")
                    .arg("entity", record.label()),
            );
            continue;
        };
        let Some(form) = Form::edition(&edition) else {
            let (file, span, path) = at("edition");
            let known: Vec<&str> = Form::editions()
                .iter()
                .map(|f| f.edition.as_str())
                .collect();
            out.push(
                Issue::of_check(file, span, path)
                    .variant("unknown_edition")
                    .arg("entity", record.label())
                    .arg("edition", edition.clone())
                    .arg("known", known.join(", ")),
            );
            continue;
        };
        missing_items(ctx, record, form, out);
    }
}

/// One issue per item of the form the record leaves unanswered, at `items`, citing the item.
fn missing_items(ctx: &Ctx, record: &Entity, form: &Form, out: &mut Vec<Issue>) {
    let items = match ctx.index.lookup(record, "items") {
        Lookup::Found { node, at, .. } => Some((node, at)),
        Lookup::Missing { at, .. } => {
            let (file, span, path) = (at.file, at.span, at.path);
            for item in &form.items {
                out.push(
                    Issue::of_check(file, span, path.clone())
                        .arg("entity", record.label())
                        .arg("item", item.id.clone())
                        .arg("edition", form.edition.clone())
                        .cite(item.id.clone()),
                );
            }
            None
        }
        Lookup::Broken => None,
    };
    let Some((node, at)) = items else { return };
    for item in &form.items {
        let entry = node.get(&item.id);
        let answer = entry
            .and_then(|e| e.get("initial"))
            .and_then(Node::scalar_text);
        let variant = match (entry, answer) {
            (None, _) => None,
            (Some(_), Some(a)) if ANSWERS.contains(&a.as_str()) => {
                let evidence = entry
                    .and_then(|e| e.get("evidence"))
                    .and_then(Node::scalar_text);
                match evidence {
                    Some(text) if placeholder(&text) => Some("placeholder_evidence"),
                    _ => continue,
                }
            }
            (Some(_), _) => Some("no_answer"),
        };
        let (file, span, path) = match (entry, variant) {
            (Some(e), Some("placeholder_evidence")) => (
                at.file,
                e.get("evidence").map_or(e.span, |n| n.span),
                format!("{}.{}.evidence", at.path, item.id),
            ),
            (Some(e), _) => (
                at.file,
                e.get("initial").map_or(e.span, |n| n.span),
                format!("{}.{}.initial", at.path, item.id),
            ),
            (None, _) => (at.file, at.span, at.path.clone()),
        };
        let mut issue = Issue::of_check(file, span, path)
            .arg("entity", record.label())
            .arg("item", item.id.clone())
            .arg("edition", form.edition.clone())
            .cite(item.id.clone());
        if let Some(v) = variant {
            issue = issue.variant(v);
        }
        out.push(issue);
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn placeholders_are_blank_or_template_words() {
        for p in ["", "  ", "TODO", "todo: fill in", "TBD", "-", "未定", "…"] {
            assert!(placeholder(p), "{p:?}");
        }
        for real in ["基本契約書 第11条", "SLA 別紙2", "minutes 2026-03-02"] {
            assert!(!placeholder(real), "{real:?}");
        }
    }
}
