//! `compare`: ordering of dates, durations and numbers, and equality of texts.

use crate::model::entities::Entity;
use crate::model::issue::Issue;
use crate::model::values::compare_durations;
use crate::rules::select::{Ctx, Resolved, Side, Val};
use crate::rules::spec::{Comparison, Op, Select};
use crate::yaml::Span;
use std::cmp::Ordering;

fn order(left: &Resolved, right: &Resolved, ctx: &Ctx) -> Option<Ordering> {
    match (&left.val, &right.val) {
        (Val::Date(a), Val::Date(b)) => Some(a.cmp(b)),
        (Val::Duration(a), Val::Duration(b)) => compare_durations(*a, *b, ctx.today),
        (Val::Num(a), Val::Num(b)) => a.partial_cmp(b),
        (Val::Text(a), Val::Text(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

fn holds(op: Op, ord: Ordering, texts: bool) -> Option<bool> {
    Some(match op {
        Op::Eq => ord == Ordering::Equal,
        Op::Ne => ord != Ordering::Equal,
        _ if texts => return None,
        Op::Lt => ord == Ordering::Less,
        Op::Le => ord != Ordering::Greater,
        Op::Ge => ord != Ordering::Less,
        Op::Gt => ord == Ordering::Greater,
    })
}

/// The rule whose findings are comparisons that cannot be made; the engine emits them for every
/// `compare` rule, so that no rule has to define the texts.
pub const OPERAND_RULE: &str = "comparison-operand";

fn unusable(
    ctx: &Ctx,
    entity: &Entity,
    why: &str,
    text: String,
    at: Option<(usize, Span, String)>,
) -> Issue {
    let (file, span, path) = at.unwrap_or((entity.file, entity.anchor, entity.path.clone()));
    Issue::new(OPERAND_RULE, file, span, path)
        .variant(why)
        .arg("value", text)
        .arg("entity", entity.label())
        .arg("today", ctx.today.to_string())
}

pub fn compare(ctx: &Ctx, for_each: &Select, comparisons: &[Comparison], out: &mut Vec<Issue>) {
    for entity in ctx.select(for_each, None) {
        // One finding per unusable value, however many of the rule's comparisons read it.
        let mut reported: Vec<(usize, Span)> = Vec::new();
        let mut report = |issue: Issue, out: &mut Vec<Issue>| {
            if !reported.contains(&(issue.file, issue.span)) {
                reported.push((issue.file, issue.span));
                out.push(issue);
            }
        };
        for c in comparisons {
            let (left, right) = match (ctx.operand(&c.left, entity), ctx.operand(&c.right, entity))
            {
                (Side::Unusable { why, text, at }, _) | (_, Side::Unusable { why, text, at }) => {
                    report(unusable(ctx, entity, why, text, at), out);
                    continue;
                }
                (Side::Value(l), Side::Value(r)) => (l, r),
                _ => continue,
            };
            let texts = matches!(left.val, Val::Text(_));
            let Some(ord) = order(&left, &right, ctx) else {
                // Present on both sides but not comparable: two durations too long to be laid
                // on the calendar (`P8000Y`), or a text against a date. Not a pass either way.
                let why = match (&left.val, &right.val) {
                    (Val::Duration(_), Val::Duration(_)) => "overflow",
                    _ => "type",
                };
                let (text, at) = if why == "type" && !matches!(left.val, Val::Text(_)) {
                    (
                        right.text.clone(),
                        right.at.clone().or_else(|| left.at.clone()),
                    )
                } else {
                    (
                        left.text.clone(),
                        left.at.clone().or_else(|| right.at.clone()),
                    )
                };
                report(unusable(ctx, entity, why, text, at), out);
                continue;
            };
            let Some(result) = holds(c.op, ord, texts) else {
                let issue = unusable(ctx, entity, "type", left.text.clone(), left.at.clone());
                report(issue, out);
                continue;
            };
            if result {
                continue;
            }
            let (file, span, path) = left.at.clone().or_else(|| right.at.clone()).unwrap_or((
                entity.file,
                entity.anchor,
                entity.path.clone(),
            ));
            let mut issue = Issue::new("", file, span, path)
                .arg("left", left.text.clone())
                .arg("right", right.text.clone())
                .arg("entity", entity.label())
                .arg("today", ctx.today.to_string());
            if let Some(v) = &c.variant {
                issue = issue.variant(v.clone());
            }
            out.push(issue);
        }
    }
}
