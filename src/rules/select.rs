//! Selecting entities and resolving values for rules: conditions, `$today`, `$pack.…`,
//! `$parent.…`, `$outer.…`, `$param.…`, and comparison operands.

use super::spec::{Cond, Operand, Reference, Scalar, Select, Term, When};
use crate::model::entities::{Entity, Index, Lookup};
use crate::model::schema::BASELINE_DEFAULTS;
use crate::model::values;
use crate::rules::spec::FieldPath;
use crate::yaml::{Node, Span, Value};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// What a check evaluates against: the pack's entities, the rule's parameters, the date.
pub struct Ctx<'i, 'a> {
    pub index: &'i Index<'a>,
    pub params: &'i BTreeMap<String, String>,
    pub today: Date,
}

/// A resolved scalar value.
#[derive(Debug, Clone)]
pub enum Val {
    Date(Date),
    /// A time of day, as minutes since midnight.
    Time(u16),
    Duration(jiff::Span),
    Num(f64),
    /// A dotted numeric version (`"2.0"`, `"10.1.3"`), ordered part by part as numbers.
    Version(Vec<u64>),
    Text(String),
}

/// The parts of a dotted numeric version (`"2.0"` → `[2, 0]`): at least two parts, each digits.
pub fn parse_version(text: &str) -> Option<Vec<u64>> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 18 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// An operand's value, its text as written, and where it came from when it is a field.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub val: Val,
    pub text: String,
    pub at: Option<(usize, Span, String)>,
    /// Where the value itself stands when it was reached through a `->` hop (`at` is then the
    /// reference field in the entity's own document).
    pub far: Option<(usize, Span)>,
}

fn classify(text: &str) -> Val {
    if let Some(d) = values::parse_date(text) {
        Val::Date(d)
    } else if let Some(s) = values::parse_duration(text) {
        Val::Duration(s)
    } else if let Some(t) = values::parse_time(text) {
        Val::Time(t)
    } else if let Some(v) = parse_version(text) {
        Val::Version(v)
    } else {
        Val::Text(text.to_owned())
    }
}

fn from_node(node: &Node) -> Option<Val> {
    match &node.value {
        Value::Int(i) => Some(Val::Num(*i as f64)),
        Value::Float(f) => Some(Val::Num(*f)),
        Value::Str(s) => Some(classify(s)),
        Value::Bool(b) => Some(Val::Text(b.to_string())),
        _ => None,
    }
}

impl<'a> Ctx<'_, 'a> {
    /// The entities of a selection (`outer` is the entity `$outer.…` refers to).
    pub fn select(&self, select: &Select, outer: Option<&Entity<'a>>) -> Vec<&Entity<'a>> {
        self.index
            .all(select.collection)
            .iter()
            .filter(|e| self.matches(e, select, outer))
            .collect()
    }

    /// Whether an entity meets a selection's conditions (`where`, and one of `any` if given).
    pub fn matches(
        &self,
        entity: &Entity<'a>,
        select: &Select,
        outer: Option<&Entity<'a>>,
    ) -> bool {
        let all = |conds: &BTreeMap<FieldPath, Cond>| {
            conds
                .iter()
                .all(|(field, cond)| self.holds(entity, field, cond, outer))
        };
        all(&select.conditions) && (select.any.is_empty() || select.any.iter().any(all))
    }

    /// Whether every `when` holds for the pack.
    pub fn applies(&self, when: &[When]) -> bool {
        when.iter().all(|w| {
            let n = self.select(&w.count, None).len();
            w.min.is_none_or(|min| n >= min) && w.max.is_none_or(|max| n <= max)
        })
    }

    /// Whether one condition holds for an entity.
    pub fn holds(
        &self,
        entity: &Entity<'a>,
        field: &str,
        cond: &Cond,
        outer: Option<&Entity<'a>>,
    ) -> bool {
        let node = self.index.value(entity, field);
        let text = node.and_then(Node::scalar_text);
        let wanted = |s: &Scalar| self.scalar(s, entity, outer);
        match cond {
            Cond::Is(s) => text.is_some() && text == wanted(s),
            Cond::AnyOf(list) => text.is_some_and(|t| {
                list.iter()
                    .any(|s| wanted(s).as_deref() == Some(t.as_str()))
            }),
            Cond::Op(op) => {
                let present_ok = op.present.is_none_or(|p| p == node.is_some());
                let not_ok = op.not.as_ref().is_none_or(|list| {
                    text.as_ref().is_none_or(|t| {
                        !list
                            .iter()
                            .any(|s| wanted(s).as_deref() == Some(t.as_str()))
                    })
                });
                // Every value must be there; a value that resolves to nothing is not there.
                let contains_ok = op.contains.as_ref().is_none_or(|all| {
                    all.values().iter().all(|s| {
                        let Some(w) = wanted(s) else { return false };
                        match node.map(|n| &n.value) {
                            Some(Value::Seq(items)) => items.iter().any(|i| {
                                !values::is_blank(i)
                                    && i.scalar_text().as_deref() == Some(w.as_str())
                            }),
                            _ => text.as_deref() == Some(w.as_str()),
                        }
                    })
                });
                present_ok && not_ok && contains_ok
            }
        }
    }

    /// The text a rule scalar stands for (`$…` references resolved).
    pub fn scalar(
        &self,
        s: &Scalar,
        entity: &Entity<'a>,
        outer: Option<&Entity<'a>>,
    ) -> Option<String> {
        match s {
            Scalar::Ref(reference) => self.reference(reference, entity, outer).map(|r| r.text),
            other => Some(other.text()),
        }
    }

    /// Resolves `$today`, `$param.x`, `$pack.x`, `$parent.x`, `$outer.x`, `$self.x`.
    fn reference(
        &self,
        reference: &Reference,
        entity: &Entity<'a>,
        outer: Option<&Entity<'a>>,
    ) -> Option<Resolved> {
        let (base, path) = match reference {
            Reference::Today => {
                return Some(Resolved {
                    val: Val::Date(self.today),
                    text: self.today.to_string(),
                    at: None,
                    far: None,
                });
            }
            Reference::Param(name) => {
                let value = self.params.get(name)?;
                return Some(Resolved {
                    val: classify(value),
                    text: value.clone(),
                    at: None,
                    far: None,
                });
            }
            Reference::Pack(p) => (self.index.pack_entity(), p.as_str()),
            Reference::Parent(p) => (
                entity.parent.and_then(|i| {
                    self.index
                        .all(crate::model::entities::Collection::Checklists)
                        .get(i)
                }),
                p.as_str(),
            ),
            // `$other.` is resolved where `$outer.` is: the second entity of the comparison.
            Reference::Outer(p) | Reference::Other(p) => (outer, p.as_str()),
            Reference::This(p) => (Some(entity), p.as_str()),
        };
        let base = base?;
        let found = self.index.value(base, path);
        let default = || {
            let key = path.strip_prefix("baseline.")?;
            BASELINE_DEFAULTS
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v)
        };
        match found {
            Some(node) => Some(Resolved {
                val: from_node(node)?,
                text: node.scalar_text()?,
                at: None,
                far: None,
            }),
            None if matches!(reference, Reference::Pack(_)) => default().map(|v| Resolved {
                val: classify(v),
                text: v.to_owned(),
                at: None,
                far: None,
            }),
            None => None,
        }
    }

    /// A field of the entity as an operand, with its location.
    fn field(&self, entity: &Entity<'a>, path: &str) -> Option<Resolved> {
        match self.index.lookup(entity, path) {
            Lookup::Found { node, at, via } => {
                let far = via.as_ref().map(|_| (at.file, at.span));
                let site = via.unwrap_or(at);
                Some(Resolved {
                    val: from_node(node)?,
                    text: node.scalar_text()?,
                    at: Some((site.file, site.span, site.path)),
                    far,
                })
            }
            _ => None,
        }
    }

    /// A term: a `$` reference, a literal date or duration, or a field of the entity.
    fn value_of(
        &self,
        term: &Term,
        entity: &Entity<'a>,
        other: Option<&Entity<'a>>,
    ) -> Option<Resolved> {
        match term {
            Term::Literal(text) => Some(Resolved {
                val: classify(text),
                text: text.clone(),
                at: None,
                far: None,
            }),
            Term::Ref(reference) => self.reference(reference, entity, other),
            Term::Field(path) => self.field(entity, path),
        }
    }

    /// Resolves a comparison operand: its value, [`Side::Absent`] when a side is absent (presence
    /// is another rule's job), or [`Side::Unusable`] when it is there but cannot be computed.
    /// `other` is the entity `$other.…` names (in a `compare` with `against`).
    pub fn operand(
        &self,
        operand: &Operand,
        entity: &Entity<'a>,
        other: Option<&Entity<'a>>,
    ) -> Side {
        match operand {
            Operand::Value(term) => self
                .value_of(term, entity, other)
                .map_or(Side::Absent, Side::Value),
            Operand::Plus { date, plus } => {
                let (Some(base), Some(by)) = (
                    self.value_of(date, entity, other),
                    self.value_of(plus, entity, other),
                ) else {
                    return Side::Absent;
                };
                let text = format!("{} + {}", base.text, by.text);
                let (Val::Date(d), Val::Duration(s)) = (&base.val, &by.val) else {
                    return Side::Unusable {
                        why: "type",
                        text,
                        at: base.at,
                    };
                };
                match values::add(*d, *s) {
                    Some(sum) => Side::Value(Resolved {
                        val: Val::Date(sum),
                        text: sum.to_string(),
                        at: base.at,
                        far: None,
                    }),
                    None => Side::Unusable {
                        why: "overflow",
                        text,
                        at: base.at,
                    },
                }
            }
        }
    }
}

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Side {
    Value(Resolved),
    Absent,
    /// Present but not computable: `why` is `overflow` (a date plus a duration past the
    /// calendar) or `type` (not a date, duration or number where one is needed).
    Unusable {
        why: &'static str,
        text: String,
        at: Option<(usize, Span, String)>,
    },
}
