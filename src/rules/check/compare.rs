//! `compare`: ordering of dates, durations and numbers, and equality of texts.

use crate::model::code::Code;
use crate::model::entities::Entity;
use crate::model::issue::Issue;
use crate::model::values::compare_durations;
use crate::rules::select::{Ctx, Resolved, Side, Val};
use crate::rules::spec::{Comparison, Op, Reference, Select, Term};
use crate::yaml::Span;
use std::cmp::Ordering;

fn order(left: &Resolved, right: &Resolved, ctx: &Ctx) -> Option<Ordering> {
    match (&left.val, &right.val) {
        (Val::Date(a), Val::Date(b)) => Some(a.cmp(b)),
        (Val::Time(a), Val::Time(b)) => Some(a.cmp(b)),
        (Val::Duration(a), Val::Duration(b)) => compare_durations(*a, *b, ctx.today),
        (Val::Num(a), Val::Num(b)) => a.partial_cmp(b),
        // A parameter is text (`"99.5"`): against a number, it is read as one.
        (Val::Num(a), Val::Version(_) | Val::Text(_)) => a.partial_cmp(&number(&right.text)?),
        (Val::Version(_) | Val::Text(_), Val::Num(b)) => number(&left.text)?.partial_cmp(b),
        (Val::Version(a), Val::Version(b)) => Some(version_order(a, b)),
        // A text where a version is expected is never at least (nor equal to) that version.
        (Val::Text(_), Val::Version(_)) => Some(Ordering::Less),
        (Val::Text(a), Val::Text(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// Whether a comparison is of texts, which only `==` and `!=` make (a text against a version
/// or a number is read as one of those).
fn textual(left: &Val, right: &Val) -> bool {
    matches!(left, Val::Text(_)) && !matches!(right, Val::Version(_) | Val::Num(_))
}

/// A text that is a finite number, as one.
fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Versions part by part, missing parts as zero (`2` == `2.0` < `2.1` < `10.0`).
fn version_order(a: &[u64], b: &[u64]) -> Ordering {
    (0..a.len().max(b.len()))
        .map(|i| {
            let part = |v: &[u64]| v.get(i).copied().unwrap_or(0);
            part(a).cmp(&part(b))
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
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

/// Whether a guard comparison lets the entity through: it holds, or it cannot be computed (an
/// absent or unusable side never exempts an entity from the rule).
fn guard_holds(ctx: &Ctx, c: &Comparison, entity: &Entity) -> bool {
    match (
        ctx.operand(&c.left, entity, None),
        ctx.operand(&c.right, entity, None),
    ) {
        (Side::Value(l), Side::Value(r)) => {
            let texts = textual(&l.val, &r.val);
            order(&l, &r, ctx)
                .and_then(|ord| holds(c.op, ord, texts))
                .unwrap_or(true)
        }
        _ => true,
    }
}

fn unusable(
    ctx: &Ctx,
    entity: &Entity,
    why: &str,
    text: String,
    at: Option<(usize, Span, String)>,
) -> Issue {
    let (file, span, path) = at.unwrap_or((entity.file, entity.anchor, entity.path.clone()));
    // Comparisons that cannot be made are findings of the engine's own rule, for every `compare`
    // rule, so that no rule has to define the texts.
    Issue::new(Code::ComparisonOperand, file, span, path)
        .variant(why)
        .arg("value", text)
        .arg("entity", entity.label())
        .arg("today", ctx.today.to_string())
}

pub fn compare<'a>(
    ctx: &Ctx<'_, 'a>,
    for_each: &Select,
    only_where: &[Comparison],
    against: Option<&Select>,
    comparisons: &[Comparison],
    out: &mut Vec<Issue>,
) {
    for entity in ctx.select(for_each, None) {
        if !only_where.iter().all(|c| guard_holds(ctx, c, entity)) {
            continue;
        }
        // One finding per unusable value, however many of the rule's comparisons read it.
        let mut reported: Vec<(usize, Span)> = Vec::new();
        match against {
            None => compare_one(ctx, entity, None, comparisons, &mut reported, out),
            Some(against) => {
                for other in ctx.select(against, Some(entity)) {
                    compare_one(ctx, entity, Some(other), comparisons, &mut reported, out);
                }
            }
        }
    }
}

/// Where a comparison's `$other.…` term stands in the other entity, for the related location.
fn other_site(ctx: &Ctx, c: &Comparison, other: &Entity) -> Option<(usize, Span)> {
    [&c.left, &c.right]
        .into_iter()
        .flat_map(|side| side.terms())
        .find_map(|term| match term {
            Term::Ref(Reference::Other(path)) => ctx
                .index
                .lookup(other, path)
                .site()
                .map(|s| (s.file, s.span)),
            _ => None,
        })
        .or(Some((other.file, other.anchor)))
}

fn compare_one<'a>(
    ctx: &Ctx<'_, 'a>,
    entity: &Entity<'a>,
    other: Option<&Entity<'a>>,
    comparisons: &[Comparison],
    reported: &mut Vec<(usize, Span)>,
    out: &mut Vec<Issue>,
) {
    let mut report = |issue: Issue, out: &mut Vec<Issue>| {
        if !reported.contains(&(issue.file, issue.span)) {
            reported.push((issue.file, issue.span));
            out.push(issue);
        }
    };
    for c in comparisons {
        let (left, right) = match (
            ctx.operand(&c.left, entity, other),
            ctx.operand(&c.right, entity, other),
        ) {
            (Side::Unusable { why, text, at }, _) | (_, Side::Unusable { why, text, at }) => {
                report(unusable(ctx, entity, why, text, at), out);
                continue;
            }
            (Side::Value(l), Side::Value(r)) => (l, r),
            _ => continue,
        };
        let texts = textual(&left.val, &right.val);
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
        let mut issue = Issue::of_check(file, span, path)
            .arg("left", left.text.clone())
            .arg("right", right.text.clone())
            .arg("entity", entity.label())
            .arg("today", ctx.today.to_string());
        for (file, span) in [&left, &right].iter().filter_map(|side| side.far) {
            issue = issue.related(file, span, "defined");
        }
        if let Some(other) = other {
            issue = issue.arg("other", other.label());
            if let Some((file, span)) = other_site(ctx, c, other) {
                issue = issue.related(file, span, "other");
            }
        }
        if let Some(v) = &c.variant {
            issue = issue.variant(v.clone());
        }
        out.push(issue);
    }
}

#[cfg(test)]
mod tests {
    use super::version_order;
    use crate::rules::select::parse_version;
    use std::cmp::Ordering;

    fn cmp(a: &str, b: &str) -> Ordering {
        version_order(&parse_version(a).expect(a), &parse_version(b).expect(b))
    }

    #[test]
    fn dotted_versions_compare_numerically() {
        assert_eq!(cmp("2.0", "2.1"), Ordering::Less);
        assert_eq!(cmp("2.1", "10.0"), Ordering::Less);
        assert_eq!(cmp("10.0", "9.9"), Ordering::Greater);
        assert_eq!(cmp("6.0", "6.0.0"), Ordering::Equal);
        assert_eq!(cmp("5.2", "6.0"), Ordering::Less);
        assert_eq!(cmp("1.10", "1.9"), Ordering::Greater);
    }

    #[test]
    fn only_dotted_digits_are_versions() {
        for text in [
            "2",
            "2.",
            ".2",
            "2.0a",
            "2024-06",
            "v2.0",
            "",
            "1..2",
            "99999999999999999999.1",
        ] {
            assert_eq!(parse_version(text), None, "{text:?}");
        }
        assert_eq!(parse_version("2.0"), Some(vec![2, 0]));
    }
}
