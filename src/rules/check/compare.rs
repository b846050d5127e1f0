//! `compare`: ordering of dates, durations and numbers, and equality of texts.

use crate::model::issue::Issue;
use crate::model::values::compare_durations;
use crate::rules::select::{Ctx, Resolved, Val};
use crate::rules::spec::{Comparison, Op, Select};
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

pub fn compare(ctx: &Ctx, for_each: &Select, comparisons: &[Comparison], out: &mut Vec<Issue>) {
    for entity in ctx.select(for_each, None) {
        for c in comparisons {
            let (Some(left), Some(right)) =
                (ctx.operand(&c.left, entity), ctx.operand(&c.right, entity))
            else {
                continue;
            };
            let texts = matches!(left.val, Val::Text(_));
            let Some(ord) = order(&left, &right, ctx) else {
                continue;
            };
            if holds(c.op, ord, texts) != Some(false) {
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
