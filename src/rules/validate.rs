//! A rule's check checked against the format before it runs: every field path exists on the
//! collection it reads, every `$…` reference is usable where it is written, every value a
//! condition names can occur, and both sides of a comparison can be compared.

use super::paths::{Class, fields_of, resolve};
use super::spec::{Check, Comparison, Cond, Op, Reference, Scalar, Select, Term};
use crate::i18n::Text;
use crate::model::entities::Collection;
use crate::model::issue::suggest;
use crate::model::schema::{Kind, Ty};
use crate::rules::spec::FieldPath;
use std::collections::BTreeMap;

/// Bilingual words where `Text` names a class of value.
type Words = Text;

/// One problem: the text in the rule file it is about (to point at it) and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub text: String,
    pub message: Text,
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
            find,
            at,
            fix_at,
            not_counted,
            ..
        } => {
            c.select(find, Some(subject.collection));
            at.iter().for_each(|a| {
                c.path(own, a);
            });
            if let Some(fix) = fix_at {
                let theirs = c.select(&fix.select, Some(subject.collection));
                c.path(theirs, &fix.at);
            }
            if let Some(passed_over) = not_counted {
                let theirs = c.select(&passed_over.select, Some(subject.collection));
                c.path(theirs, &passed_over.at);
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
    fn problem(&mut self, text: impl Into<String>, message: Text) {
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
        let owner = entity_of(scope.collection);
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
                    let suggestion = suggest(text, allowed.iter().copied());
                    let hint_en = suggestion
                        .as_ref()
                        .map(|h| format!("did you mean `{h}`? "))
                        .unwrap_or_default();
                    let hint_ja = suggestion
                        .as_ref()
                        .map(|h| format!("`{h}` の誤りではありませんか？"))
                        .unwrap_or_default();
                    let values = allowed.join(", ");
                    self.problem(
                        text.clone(),
                        Text::new(
                            format!("`{field}` is never `{text}`: {hint_en}its values are {values}"),
                            format!(
                                "`{field}` が `{text}` になることはありません。{hint_ja}値は {values} のいずれかです"
                            ),
                        ),
                    );
                } else if matches!(ty, Ty::Bool) {
                    self.problem(
                        text.clone(),
                        Text::new(
                            format!("`{field}` is a boolean: write true or false, not `{text}`"),
                            format!(
                                "`{field}` は真偽値です。`{text}` ではなく true か false と書いてください"
                            ),
                        ),
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
                        let suggestion = suggest(name, self.params.keys().map(String::as_str));
                        let hint_en = suggestion
                            .as_ref()
                            .map(|h| format!("; did you mean `$param.{h}`?"))
                            .unwrap_or_default();
                        let hint_ja = suggestion
                            .as_ref()
                            .map(|h| format!("（`$param.{h}` の誤りではありませんか？）"))
                            .unwrap_or_default();
                        self.problem(
                            text,
                            Text::new(
                                format!(
                                    "`$param.{name}` is used but `params` has no `{name}`{hint_en}"
                                ),
                                format!(
                                    "`$param.{name}` を使っていますが、`params` に `{name}` がありません{hint_ja}"
                                ),
                            ),
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
                    let over = scope.collection.name();
                    self.problem(
                        text.clone(),
                        Text::new(
                            format!(
                                "`{text}`: `$parent.` names the checklist record of a checklist item, and this selection is over `{over}`"
                            ),
                            format!(
                                "`{text}`: `$parent.` は確認表の項目が属する確認表の記録を指しますが、この選択の対象は `{over}` です"
                            ),
                        ),
                    );
                    None
                }),
            Reference::Other(_) => scope.other.or_else(|| {
                self.problem(
                    text.clone(),
                    Text::new(
                        format!(
                            "`{text}`: `$other.` names the entity a `compare` is made against (its `against` selection), and there is none here"
                        ),
                        format!(
                            "`{text}`: `$other.` は `compare` の比較相手（`against` で選んだもの）を指しますが、ここにはありません"
                        ),
                    ),
                );
                None
            }),
            Reference::Outer(_) => scope.outer.or_else(|| {
                self.problem(
                    text.clone(),
                    Text::new(
                        format!(
                            "`{text}`: `$outer.` names the entity a `find` or a fact is matched against, and there is none here"
                        ),
                        format!(
                            "`{text}`: `$outer.` は `find` や fact の照合元を指しますが、ここにはありません"
                        ),
                    ),
                );
                None
            }),
        };
        let (Some(base), Some(path)) = (base, r.path()) else {
            return Class::Unknown;
        };
        let owner = match r {
            Reference::Pack(_) => {
                let kind = Kind::ContractPack.name();
                Text::new(
                    format!("the pack (`{kind}`)"),
                    format!("パック（`{kind}`）"),
                )
            }
            _ => entity_of(base),
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
                        let (en, ja) = class.nouns();
                        self.problem(
                            term.to_string(),
                            Text::new(
                                format!(
                                    "`{term}` is {en}; `{{date, plus}}` adds a duration (`plus`) to a date (`date`)"
                                ),
                                format!(
                                    "`{term}` は{ja}です。`{{date, plus}}` は日付（`date`）に期間（`plus`）を足します"
                                ),
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
                Text::new(
                    format!("`{l}` and `{r}` cannot be compared: {}", why.en),
                    format!("`{l}` と `{r}` は比較できません: {}", why.ja),
                ),
            );
        }
    }
}

/// "An entity of `contracts`", in both languages.
fn entity_of(collection: Collection) -> Text {
    let name = collection.name();
    Text::new(format!("an entity of `{name}`"), format!("`{name}` の要素"))
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
fn incomparable(left: Class, right: Class, op: Op) -> Option<Words> {
    use Class::*;
    let ordering = !matches!(op, Op::Eq | Op::Ne);
    match (left, right) {
        (Unknown, _) | (_, Unknown) => None,
        (Many, _) | (_, Many) => Some(Words::new(
            "a list or mapping is not one value",
            "リストやマッピングは一つの値ではありません",
        )),
        (Text | Bool, Text | Bool) if ordering => Some(Words::new(
            "texts are only compared with `==` or `!=`",
            "文字列は `==` か `!=` でしか比較できません",
        )),
        (a, b) if a == b => None,
        (Numeric, Number | Version) | (Number | Version, Numeric) => None,
        (Text, Version) | (Version, Text) | (Text, Bool) | (Bool, Text) => None,
        (a, b) => {
            let ((a_en, a_ja), (b_en, b_ja)) = (a.nouns(), b.nouns());
            Some(Words::new(
                format!("one is {a_en}, the other {b_en}"),
                format!("一方は{a_ja}、もう一方は{b_ja}です"),
            ))
        }
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
