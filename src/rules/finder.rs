//! A selection prepared for many `$outer` entities (the `find` of an `exists` check): when one of
//! its conditions is an equality with `$outer.…`, the candidates are grouped by that field once,
//! so that each outer entity looks up its matches instead of scanning every candidate. A pack with
//! many vendors and many SLAs stays linear instead of quadratic.

use super::select::Ctx;
use super::spec::{Cond, Reference, Scalar, Select};
use crate::model::entities::Entity;
use crate::yaml::Node;
use std::collections::HashMap;

pub struct Finder<'s, 'a> {
    select: &'s Select,
    /// The `$outer.…` equality the candidates are grouped by: its field and its reference.
    key: Option<(&'s str, &'s Scalar)>,
    groups: HashMap<String, Vec<&'s Entity<'a>>>,
}

impl<'s, 'a> Finder<'s, 'a> {
    pub fn new(ctx: &'s Ctx<'s, 'a>, select: &'s Select) -> Finder<'s, 'a> {
        let key = select
            .conditions
            .iter()
            .find_map(|(field, cond)| match cond {
                Cond::Is(s @ Scalar::Ref(Reference::Outer(_))) => Some((&**field, s)),
                _ => None,
            });
        let mut groups: HashMap<String, Vec<&Entity<'a>>> = HashMap::new();
        if let Some((field, _)) = key {
            for candidate in ctx.index.all(select.collection) {
                if let Some(text) = ctx
                    .index
                    .value(candidate, field)
                    .and_then(Node::scalar_text)
                {
                    groups.entry(text).or_default().push(candidate);
                }
            }
        }
        Finder {
            select,
            key,
            groups,
        }
    }

    /// Whether any entity of the selection holds for `outer` (the same answer as
    /// `!ctx.select(select, Some(outer)).is_empty()`).
    pub fn any(&self, ctx: &Ctx<'s, 'a>, outer: &Entity<'a>) -> bool {
        self.first(ctx, outer).is_some()
    }

    /// Every entity of the selection that holds for `outer`, in collection order, found lazily:
    /// with a key, among the candidates grouped under the value `outer` gives it; else among all.
    pub fn all<'f>(
        &'f self,
        ctx: &'f Ctx<'s, 'a>,
        outer: &'f Entity<'a>,
    ) -> impl Iterator<Item = &'s Entity<'a>> + 'f {
        let index: &'s crate::model::entities::Index<'a> = ctx.index;
        let unkeyed = self
            .key
            .is_none()
            .then(|| index.all(self.select.collection).iter());
        let keyed = self.key.and_then(|(_, reference)| {
            let wanted = ctx.scalar(reference, outer, Some(outer))?;
            Some(self.groups.get(&wanted)?.iter().copied())
        });
        unkeyed
            .into_iter()
            .flatten()
            .chain(keyed.into_iter().flatten())
            .filter(move |c| ctx.matches(c, self.select, Some(outer)))
    }

    /// The first entity of the selection that holds for `outer`, in collection order.
    pub fn first(&self, ctx: &Ctx<'s, 'a>, outer: &Entity<'a>) -> Option<&'s Entity<'a>> {
        self.all(ctx, outer).next()
    }
}
