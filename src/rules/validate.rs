//! A rule's check checked against the format before it runs: every field path exists on the
//! collection it reads, every `$…` reference is usable where it is written, every value a
//! condition names can occur, and both sides of a comparison can be compared.

use super::paths::{Class, fields_of, resolve};
use super::spec::{Check, Comparison, Cond, Op, Reference, Scalar, Select, Term};
use crate::model::entities::Collection;
use crate::model::issue::suggest;
use crate::model::schema::{Kind, Ty};
use crate::rules::spec::FieldPath;
use std::collections::BTreeMap;

/// One problem: the text in the rule file it is about (to point at it) and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub text: String,
    pub message: String,
}

/// Where a path or reference is read: the collection of the entity, and the entity `$outer.`
/// names there, if any.
#[derive(Clone, Copy)]
struct Scope {
    collection: Collection,
    outer: Option<Collection>,
    /// The collection `$other.` names (a `compare` with `against`).
    other: Option<Collection>,
}

struct Checker<'r> {
    params: &'r BTreeMap<String, String>,
    problems: Vec<Problem>,
}

/// Every problem of the check's paths, references, condition values and comparisons.
pub fn check(check: &Check, params: &BTreeMap<String, String>) -> Vec<Problem> {
    let mut c = Checker {
        params,
        problems: Vec::new(),
    };
    for w in check.when() {
        c.select(&w.count, None);
    }
    let Some(subject) = check.subject() else {
        return c.problems;
    };
    let own = c.select(subject, None);
    match check {
        Check::Required { expect, .. } => {
            for e in expect {
                if let Some(ty) = c.path(own, &e.field) {
                    let values = e
                        .equals
                        .iter()
                        .chain(e.one_of.iter().flatten())
                        .map(|s| (s, false));
                    for (s, contained) in values.chain(e.contains.iter().map(|s| (s, true))) {
                        c.value(own, &e.field, ty, s, contained);
                    }
                }
            }
        }
        Check::Exists {
            find, at, fix_at, ..
        } => {
            c.select(find, Some(subject.collection));
            at.iter().for_each(|a| {
                c.path(own, a);
            });
            if let Some(fix) = fix_at {
                let theirs = c.select(&fix.select, Some(subject.collection));
                c.path(theirs, &fix.at);
            }
        }
        Check::Covers { field, values, .. } => {
            c.path(own, field);
            let theirs = c.select(&values.select, None);
            c.path(theirs, &values.value);
        }
        Check::Compare {
            only_where,
            against,
            comparisons,
            ..
        } => {
            let compared = Scope {
                other: against
                    .as_ref()
                    .map(|a| c.select(a, Some(subject.collection)).collection),
                ..own
            };
            for cmp in comparisons {
                c.comparison(compared, cmp);
            }
            for cmp in only_where {
                c.comparison(own, cmp);
            }
        }
        Check::ExactlyOne { fields, .. } => fields.iter().for_each(|f| {
            c.path(own, f);
        }),
        Check::Conflicts { facts, at, .. } => {
            at.iter().for_each(|a| {
                c.path(own, a);
            });
            for fact in facts {
                let theirs = c.select(&fact.select(), Some(subject.collection));
                c.conditions(own, &fact.outer);
                fact.at.iter().for_each(|a| {
                    c.path(theirs, a);
                });
            }
        }
        Check::Count { .. } | Check::Answers { .. } => {}
        Check::Structure | Check::EvidencePaths => {}
    }
    c.problems
}

impl Checker<'_> {
    fn problem(&mut self, text: impl Into<String>, message: String) {
        self.problems.push(Problem {
            text: text.into(),
            message,
        });
    }

    fn select(&mut self, select: &Select, outer: Option<Collection>) -> Scope {
        let scope = Scope {
            collection: select.collection,
            outer,
            other: None,
        };
        self.conditions(scope, &select.conditions);
        for alt in &select.any {
            self.conditions(scope, alt);
        }
        scope
    }

    fn conditions(&mut self, scope: Scope, conds: &BTreeMap<FieldPath, Cond>) {
        for (field, cond) in conds {
            let Some(ty) = self.path(scope, field) else {
                continue;
            };
            let values: Vec<(&Scalar, bool)> = match cond {
                Cond::Is(s) => vec![(s, false)],
                Cond::AnyOf(list) => list.iter().map(|s| (s, false)).collect(),
                Cond::Op(op) => op
                    .not
                    .iter()
                    .flatten()
                    .map(|s| (s, false))
                    .chain(
                        op.contains
                            .iter()
                            .flat_map(|c| c.values())
                            .map(|s| (s, true)),
                    )
                    .collect(),
            };
            for (s, contained) in values {
                self.value(scope, field, ty, s, contained);
            }
        }
    }

    /// A field path of the entity; its type, or `None` after reporting why it has none.
    fn path(&mut self, scope: Scope, path: &str) -> Option<&'static Ty> {
        let owner = format!("an entity of `{}`", scope.collection.name());
        match resolve(fields_of(scope.collection), path, &owner) {
            Ok(ty) => Some(ty),
            Err(message) => {
                self.problem(path, message);
                None
            }
        }
    }

    /// A value a condition or `expect` compares `field` (of type `ty`) with. `contained`: the
    /// value is looked for inside a list field.
    fn value(&mut self, scope: Scope, field: &str, ty: &Ty, s: &Scalar, contained: bool) {
        let ty = match (contained, ty) {
            (true, Ty::List(inner)) => *inner,
            _ => ty,
        };
        match s {
            Scalar::Ref(r) => {
                self.reference(scope, r);
            }
            Scalar::Str(text) => {
                if let Ty::Enum(allowed) = ty
                    && !allowed.contains(&text.as_str())
                {
                    let hint = suggest(text, allowed.iter().copied())
                        .map(|h| format!("did you mean `{h}`? "))
                        .unwrap_or_default();
                    self.problem(
                        text.clone(),
                        format!(
                            "`{field}` is never `{text}`: {hint}its values are {}",
                            allowed.join(", ")
                        ),
                    );
                } else if matches!(ty, Ty::Bool) {
                    self.problem(
                        text.clone(),
                        format!("`{field}` is a boolean: write true or false, not `{text}`"),
                    );
                }
            }
            Scalar::Bool(_) | Scalar::Int(_) | Scalar::Num(_) => {}
        }
    }

    /// A reference where it is written: the class of value it gives.
    fn reference(&mut self, scope: Scope, r: &Reference) -> Class {
        let text = r.to_string();
        let base = match r {
            Reference::Today => return Class::Date,
            Reference::Param(name) => {
                return match self.params.get(name) {
                    Some(default) => param_class(default),
                    None => {
                        let hint = suggest(name, self.params.keys().map(String::as_str))
                            .map(|h| format!("; did you mean `$param.{h}`?"))
                            .unwrap_or_default();
                        self.problem(
                            text,
                            format!("`$param.{name}` is used but `params` has no `{name}`{hint}"),
                        );
                        Class::Unknown
                    }
                };
            }
            Reference::Pack(_) => Some(Collection::Pack),
            Reference::This(_) => Some(scope.collection),
            Reference::Parent(_) => (scope.collection == Collection::ChecklistItems)
                .then_some(Collection::Checklists)
                .or_else(|| {
                    self.problem(
                        text.clone(),
                        format!(
                            "`{text}`: `$parent.` names the checklist record of a checklist item, and this selection is over `{}`",
                            scope.collection.name()
                        ),
                    );
                    None
                }),
            Reference::Other(_) => scope.other.or_else(|| {
                self.problem(
                    text.clone(),
                    format!(
                        "`{text}`: `$other.` names the entity a `compare` is made against (its `against` selection), and there is none here"
                    ),
                );
                None
            }),
            Reference::Outer(_) => scope.outer.or_else(|| {
                self.problem(
                    text.clone(),
                    format!(
                        "`{text}`: `$outer.` names the entity a `find` or a fact is matched against, and there is none here"
                    ),
                );
                None
            }),
        };
        let (Some(base), Some(path)) = (base, r.path()) else {
            return Class::Unknown;
        };
        let owner = match r {
            Reference::Pack(_) => format!("the pack (`{}`)", Kind::ContractPack.name()),
            _ => format!("an entity of `{}`", base.name()),
        };
        match resolve(fields_of(base), path, &owner) {
            Ok(ty) => Class::of(ty),
            Err(message) => {
                self.problem(text, message);
                Class::Unknown
            }
        }
    }

    fn term(&mut self, scope: Scope, term: &Term) -> Class {
        match term {
            Term::Literal(text) => param_class(text),
            Term::Ref(r) => self.reference(scope, r),
            Term::Field(path) => self.path(scope, path).map_or(Class::Unknown, Class::of),
        }
    }

    fn side(&mut self, scope: Scope, operand: &super::spec::Operand) -> (Class, String) {
        use super::spec::Operand;
        match operand {
            Operand::Value(t) => (self.term(scope, t), t.to_string()),
            Operand::Plus { date, plus } => {
                let (d, p) = (self.term(scope, date), self.term(scope, plus));
                for (class, want, term) in [(d, Class::Date, date), (p, Class::Duration, plus)] {
                    if !matches!(class, Class::Unknown) && class != want {
                        self.problem(
                            term.to_string(),
                            format!(
                                "`{term}` is {}; `{{date, plus}}` adds a duration (`plus`) to a date (`date`)",
                                class.noun()
                            ),
                        );
                    }
                }
                (Class::Date, format!("{date} + {plus}"))
            }
        }
    }

    fn comparison(&mut self, scope: Scope, c: &Comparison) {
        let (left, l) = self.side(scope, &c.left);
        let (right, r) = self.side(scope, &c.right);
        if let Some(why) = incomparable(left, right, c.op) {
            self.problem(
                first_text(&c.left),
                format!("`{l}` and `{r}` cannot be compared: {why}"),
            );
        }
    }
}

fn first_text(o: &super::spec::Operand) -> String {
    o.terms().first().map(|t| t.to_string()).unwrap_or_default()
}

/// The class of a text written in the rule (a parameter's default, a literal).
fn param_class(text: &str) -> Class {
    use crate::model::values::{parse_date, parse_duration, parse_time};
    if parse_date(text).is_some() {
        Class::Date
    } else if parse_time(text).is_some() {
        Class::Time
    } else if parse_duration(text).is_some() {
        Class::Duration
    } else if text.parse::<f64>().is_ok_and(f64::is_finite) {
        Class::Numeric
    } else if super::select::parse_version(text).is_some() {
        Class::Version
    } else {
        Class::Text
    }
}

/// Why two classes of value cannot be compared with `op`, if they cannot.
fn incomparable(left: Class, right: Class, op: Op) -> Option<String> {
    use Class::*;
    let ordering = !matches!(op, Op::Eq | Op::Ne);
    match (left, right) {
        (Unknown, _) | (_, Unknown) => None,
        (Many, _) | (_, Many) => Some("a list or mapping is not one value".into()),
        (Text | Bool, Text | Bool) if ordering => {
            Some("texts are only compared with `==` or `!=`".into())
        }
        (a, b) if a == b => None,
        (Numeric, Number | Version) | (Number | Version, Numeric) => None,
        (Text, Version) | (Version, Text) | (Text, Bool) | (Bool, Text) => None,
        (a, b) => Some(format!("one is {}, the other {}", a.noun(), b.noun())),
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
