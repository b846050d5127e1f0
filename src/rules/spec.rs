//! What a rule's `check:` can say: the check kinds, selections of entities, conditions on
//! fields, and operands. Parsed from rule YAML; evaluated by `check/`.

use super::catalog::Rule;
use crate::i18n::Text;
use crate::model::entities::Collection;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A scalar written in a rule: compared by its text (`true`, `6.0`, `prime`), or a reference
/// (`$pack.institution`) resolved for each entity.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(try_from = "RawScalar")]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
    Ref(Reference),
}

/// A scalar as YAML gives it, before `$…` texts are parsed into references.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawScalar {
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
}

impl TryFrom<RawScalar> for Scalar {
    type Error = String;
    fn try_from(raw: RawScalar) -> Result<Self, String> {
        Ok(match raw {
            RawScalar::Bool(b) => Scalar::Bool(b),
            RawScalar::Int(i) => Scalar::Int(i),
            RawScalar::Num(n) => Scalar::Num(n),
            RawScalar::Str(s) if s.starts_with('$') => Scalar::Ref(Reference::parse(&s)?),
            RawScalar::Str(s) => Scalar::Str(s),
        })
    }
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Num(n) => n.to_string(),
            Scalar::Str(s) => s.clone(),
            Scalar::Ref(r) => r.to_string(),
        }
    }
}

pub use super::reference::{FieldPath, Reference, Term};

/// A condition on one field of an entity.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Cond {
    /// `{not: x}`, `{contains: x}`, `{present: bool}`.
    Op(CondOp),
    /// The field's value is one of these.
    AnyOf(Vec<Scalar>),
    /// The field's value is this.
    Is(Scalar),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CondOp {
    /// The field is absent or none of these.
    #[serde(default)]
    pub not: Option<Vec<Scalar>>,
    /// The field (a list or a single value) contains this value, or each of a list of values.
    #[serde(default)]
    pub contains: Option<OneOrAll>,
    /// The field is present (true) or absent (false).
    #[serde(default)]
    pub present: Option<bool>,
}

/// One value, or a list of values that must all hold.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrAll {
    All(Vec<Scalar>),
    One(Scalar),
}

impl OneOrAll {
    pub fn values(&self) -> &[Scalar] {
        match self {
            OneOrAll::All(list) => list,
            OneOrAll::One(one) => std::slice::from_ref(one),
        }
    }
}

/// A selection of entities: a collection and conditions on their fields (all must hold).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Select {
    #[serde(rename = "in")]
    pub collection: Collection,
    #[serde(default, rename = "where")]
    pub conditions: BTreeMap<FieldPath, Cond>,
    /// Alternatives: when given, at least one of these sets of conditions must hold too.
    #[serde(default)]
    pub any: Vec<BTreeMap<FieldPath, Cond>>,
}

/// A fact that contradicts a declaration (`conflicts`): a selection (`$outer.…` is the declaring
/// entity), the message variant it picks, and the field of the fact the related location shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    #[serde(rename = "in")]
    pub collection: Collection,
    #[serde(default, rename = "where")]
    pub conditions: BTreeMap<FieldPath, Cond>,
    #[serde(default)]
    pub any: Vec<BTreeMap<FieldPath, Cond>>,
    /// Conditions on the declaring entity for this fact to count (e.g. its `vendor_role`).
    #[serde(default)]
    pub outer: BTreeMap<FieldPath, Cond>,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub at: Option<FieldPath>,
}

impl Fact {
    pub fn select(&self) -> Select {
        Select {
            collection: self.collection,
            conditions: self.conditions.clone(),
            any: self.any.clone(),
        }
    }
}

/// A rule applies to a pack only when these hold.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub count: Select,
    #[serde(default)]
    pub min: Option<usize>,
    #[serde(default)]
    pub max: Option<usize>,
}

/// A field that must be present (with `equals`, have this value; with `contains`, be a list that
/// holds this value — `$self.…` names a field of the entity being checked).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub field: FieldPath,
    #[serde(default)]
    pub equals: Option<Scalar>,
    #[serde(default)]
    pub contains: Option<Scalar>,
    /// The value must be one of these (variant `mismatch`, `{expected}` lists them).
    #[serde(default)]
    pub one_of: Option<Vec<Scalar>>,
    /// The message variant when the field is absent (the rule's message when not given).
    #[serde(default)]
    pub variant: Option<String>,
}

/// One side of a comparison: a field path, `$today`, `$pack.…`, `$parent.…`, `$param.…`, a
/// literal date or duration, or a date plus a duration.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawOperand")]
pub enum Operand {
    Plus { date: Term, plus: Term },
    Value(Term),
}

/// An operand as YAML gives it, before its texts are parsed into terms (parsed after, so that a
/// bad term is reported as itself, not as "no variant matched").
#[derive(Deserialize)]
#[serde(untagged)]
enum RawOperand {
    Plus { date: String, plus: String },
    Value(String),
}

impl TryFrom<RawOperand> for Operand {
    type Error = String;
    fn try_from(raw: RawOperand) -> Result<Self, String> {
        Ok(match raw {
            RawOperand::Plus { date, plus } => Operand::Plus {
                date: Term::try_from(date)?,
                plus: Term::try_from(plus)?,
            },
            RawOperand::Value(v) => Operand::Value(Term::try_from(v)?),
        })
    }
}

impl Operand {
    /// The terms of the operand, in the order written.
    pub fn terms(&self) -> Vec<&Term> {
        match self {
            Operand::Plus { date, plus } => vec![date, plus],
            Operand::Value(t) => vec![t],
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum Op {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub left: Operand,
    pub op: Op,
    pub right: Operand,
    /// The message variant for this comparison (the rule's message when absent).
    #[serde(default)]
    pub variant: Option<String>,
}

/// Where the expected values of a `covers` check come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    #[serde(flatten)]
    pub select: Select,
    /// The field of each selected entity that gives the value (usually `id`).
    pub value: FieldPath,
}

/// Where the fix of an `exists` finding goes: the field `at` of the first entity of the
/// selection (`$outer.…` is the entity checked), e.g. the `binds` list of the contract that
/// should name a vendor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixAt {
    #[serde(flatten)]
    pub select: Select,
    pub at: FieldPath,
}

/// Entities that look like the counterpart an `exists` check wants but do not count (a
/// confidentiality clause in a subcontract the institution did not sign): when no counterpart
/// is found and some of these are, the finding takes message `variant` and shows each, at its
/// field `at`, as the related location `not_counted`, so the reader learns why it was passed over.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotCounted {
    #[serde(flatten)]
    pub select: Select,
    pub at: FieldPath,
    pub variant: String,
}

/// The check kinds.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// Reported while loading the pack (syntax, schema, references).
    Structure,
    /// Each selected entity has these fields (with these values).
    Required {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
        expect: Vec<Expect>,
    },
    /// Each selected entity has a counterpart matching `find` (`$outer.…` names the entity).
    /// Reported at the entity's field `at` when given (else at the entity's id).
    Exists {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
        find: Select,
        #[serde(default)]
        at: Option<FieldPath>,
        /// Where the finding stands when an entity matches it (the entity checked is then a
        /// related location `checked`).
        #[serde(default)]
        fix_at: Option<FixAt>,
        /// What looks like a counterpart but does not count, told when nothing else is found.
        #[serde(default)]
        not_counted: Option<NotCounted>,
    },
    /// The list at `field` of each selected entity includes every value of `values`.
    Covers {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
        field: FieldPath,
        values: Values,
    },
    /// Each comparison holds for each selected entity (skipped when a side is absent).
    Compare {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
        /// Comparisons that must all hold for an entity before `comparisons` are made for it
        /// (e.g. "not already ended" for a rule about ending soon). One that cannot be computed
        /// does not exempt the entity.
        #[serde(default)]
        only_where: Vec<Comparison>,
        /// Compare each entity with every entity of this selection (`$outer.…` in it is the
        /// entity checked; `$other.…` in the comparisons is the one matched). None matched: no
        /// comparison.
        #[serde(default)]
        against: Option<Select>,
        comparisons: Vec<Comparison>,
    },
    /// Each field names exactly one value (not none, not a list of several).
    ExactlyOne {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
        fields: Vec<FieldPath>,
    },
    /// The number of selected entities is within bounds.
    Count {
        of: Select,
        #[serde(default)]
        when: Vec<When>,
        #[serde(default)]
        min: Option<usize>,
        #[serde(default)]
        max: Option<usize>,
    },
    /// Each selected checklist record names a known edition and answers every item of its form.
    Answers {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
    },
    /// Each selected entity whose declaration a fact contradicts: one issue per kind of fact that
    /// matches, at the entity's field `at` (else its id), the fact as related location `fact`.
    Conflicts {
        for_each: Select,
        #[serde(default)]
        when: Vec<When>,
        facts: Vec<Fact>,
        #[serde(default)]
        at: Option<FieldPath>,
    },
    /// Evidence paths exist and stay inside the pack root.
    EvidencePaths,
}

impl Check {
    /// The rule-level conditions of the check.
    pub fn when(&self) -> &[When] {
        match self {
            Check::Required { when, .. }
            | Check::Exists { when, .. }
            | Check::Covers { when, .. }
            | Check::Compare { when, .. }
            | Check::ExactlyOne { when, .. }
            | Check::Count { when, .. }
            | Check::Answers { when, .. }
            | Check::Conflicts { when, .. } => when,
            Check::Structure | Check::EvidencePaths => &[],
        }
    }

    /// The selection the check runs over, entity by entity (none for the loader's checks).
    pub fn subject(&self) -> Option<&Select> {
        match self {
            Check::Required { for_each, .. }
            | Check::Exists { for_each, .. }
            | Check::Covers { for_each, .. }
            | Check::Compare { for_each, .. }
            | Check::ExactlyOne { for_each, .. }
            | Check::Answers { for_each, .. }
            | Check::Conflicts { for_each, .. } => Some(for_each),
            Check::Count { of, .. } => Some(of),
            Check::Structure | Check::EvidencePaths => None,
        }
    }

    /// Checks that the parameters and message variants the check uses exist in the rule.
    pub fn validate(&self, rule: &Rule) -> Result<(), Text> {
        if let Check::Conflicts { facts, .. } = self {
            if facts.is_empty() {
                return Err(Text::new("`facts` is empty", "`facts` が空です"));
            }
            for v in facts.iter().filter_map(|f| f.variant.as_ref()) {
                if !rule.variants.contains_key(v) {
                    return Err(Text::new(
                        format!("a fact names variant `{v}`, which the rule does not define"),
                        format!("fact が変種 `{v}` を指定していますが、ルールに定義がありません"),
                    ));
                }
            }
        }
        let mut operands: Vec<&Term> = Vec::new();
        if let Check::Compare {
            comparisons,
            only_where,
            ..
        } = self
        {
            for c in comparisons.iter().chain(only_where) {
                if let Some(v) = &c.variant
                    && !rule.variants.contains_key(v)
                {
                    return Err(Text::new(
                        format!("comparison names variant `{v}`, which the rule does not define"),
                        format!("比較が変種 `{v}` を指定していますが、ルールに定義がありません"),
                    ));
                }
                for side in [&c.left, &c.right] {
                    operands.extend(side.terms());
                }
            }
        }
        for name in operands.iter().filter_map(|o| match o {
            Term::Ref(Reference::Param(name)) => Some(name),
            _ => None,
        }) {
            if !rule.params.contains_key(name) {
                return Err(Text::new(
                    format!("`$param.{name}` is used but `params` has no `{name}`"),
                    format!("`$param.{name}` を使っていますが、`params` に `{name}` がありません"),
                ));
            }
        }
        match self {
            Check::Count {
                min: None,
                max: None,
                ..
            } => Err(Text::new(
                "a count check needs `min` or `max`",
                "count のチェックには `min` か `max` が必要です",
            )),
            Check::Required { expect, .. } if expect.is_empty() => {
                Err(Text::new("`expect` is empty", "`expect` が空です"))
            }
            Check::ExactlyOne { fields, .. } if fields.is_empty() => {
                Err(Text::new("`fields` is empty", "`fields` が空です"))
            }
            _ => Ok(()),
        }
    }
}
