//! The check kinds: each turns a rule's `check:` into issues for one pack.

mod answers;
mod compare;
mod conflicts;

mod evidence;
mod presence;
mod relations;

use super::select::Ctx;
use super::spec::Check;
use crate::model::Pack;
use crate::model::issue::Issue;

/// Runs one check; issues are pushed with an empty rule id that the engine fills in.
pub fn run(ctx: &Ctx, check: &Check, pack: &Pack, out: &mut Vec<Issue>) {
    match check {
        Check::Structure => {}
        Check::Required {
            for_each, expect, ..
        } => presence::required(ctx, for_each, expect, out),
        Check::ExactlyOne {
            for_each, fields, ..
        } => presence::exactly_one(ctx, for_each, fields, out),
        Check::Exists {
            for_each,
            find,
            at,
            fix_at,
            not_counted,
            ..
        } => relations::exists(
            ctx,
            for_each,
            find,
            relations::Aside {
                at: at.as_deref(),
                fix_at: fix_at.as_ref(),
                not_counted: not_counted.as_ref(),
            },
            out,
        ),
        Check::Covers {
            for_each,
            field,
            values,
            ..
        } => relations::covers(ctx, for_each, field, values, out),
        Check::Count { of, min, max, .. } => relations::count(ctx, of, *min, *max, out),
        Check::Compare {
            for_each,
            only_where,
            against,
            comparisons,
            ..
        } => compare::compare(
            ctx,
            for_each,
            only_where,
            against.as_ref(),
            comparisons,
            out,
        ),
        Check::Answers { for_each, .. } => answers::answers(ctx, for_each, out),
        Check::Conflicts {
            for_each,
            facts,
            at,
            ..
        } => conflicts::conflicts(ctx, for_each, facts, at.as_deref(), out),
        Check::EvidencePaths => evidence::evidence_paths(pack, out),
    }
}
