//! Field paths of rules resolved against the format's schema: which fields each collection has,
//! where a `->` hop leads, and what kind of value a path ends at.

use crate::i18n::Text;
use crate::model::entities::Collection;
use crate::model::issue::suggest;
use crate::model::schema::{COMPONENT, ITEM, Kind, Obj, PARTY, Target, Ty};

/// What kind of value a path gives, as comparisons see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Date,
    /// A time of day (`09:00`).
    Time,
    Duration,
    Number,
    /// A dotted version (`6.0`); the texts a version field may hold (`2024-06`) compare with it.
    Version,
    /// A parameter written as a number (`"99.5"`, `"3"`): a number or a version, as the other
    /// side of the comparison reads it.
    Numeric,
    Text,
    Bool,
    /// A list or a mapping: not one value.
    Many,
    /// Not known at load (a free-form mapping); checked when the pack is read.
    Unknown,
}

impl Class {
    pub fn noun(self) -> &'static str {
        self.nouns().0
    }

    /// The class as words for a message: (English, Japanese).
    pub fn nouns(self) -> (&'static str, &'static str) {
        match self {
            Class::Date => ("a date", "日付"),
            Class::Time => ("a time of day", "時刻"),
            Class::Duration => ("a duration", "期間"),
            Class::Number => ("a number", "数値"),
            Class::Version => ("a version", "版"),
            Class::Numeric => ("a number or a version", "数値または版"),
            Class::Text => ("a text", "文字列"),
            Class::Bool => ("a boolean", "真偽値"),
            Class::Many => ("a list or mapping", "リストまたはマッピング"),
            Class::Unknown => ("a value", "値"),
        }
    }

    pub fn of(ty: &Ty) -> Class {
        match ty {
            Ty::Date => Class::Date,
            Ty::Duration => Class::Duration,
            Ty::Time => Class::Time,
            Ty::Percent | Ty::Int => Class::Number,
            Ty::Version => Class::Version,
            Ty::Bool => Class::Bool,
            Ty::Str
            | Ty::Id
            | Ty::Ref(_)
            | Ty::RefOrList(_)
            | Ty::PartyOrJoint
            | Ty::Enum(_)
            | Ty::Path
            | Ty::Country
            | Ty::FreeText => Class::Text,
            Ty::Obj(_) | Ty::List(_) | Ty::RefList(_) | Ty::ItemMap(_) => Class::Many,
            Ty::Any => Class::Unknown,
        }
    }
}

/// The fields an entity of a collection has.
pub fn fields_of(collection: Collection) -> &'static Obj {
    match collection {
        Collection::Pack => Kind::ContractPack.body(),
        Collection::Parties => &PARTY,
        Collection::Components => &COMPONENT,
        Collection::Contracts => Kind::Contract.body(),
        Collection::Slas => Kind::ServiceLevelAgreement.body(),
        Collection::Risks => Kind::RiskManagement.body(),
        Collection::Checklists => Kind::ChecklistRecord.body(),
        Collection::ChecklistItems => &ITEM,
    }
}

static ANY: Ty = Ty::Any;

fn target_fields(target: Target) -> Vec<&'static Obj> {
    match target {
        Target::Party => vec![&PARTY],
        Target::Component => vec![&COMPONENT],
        Target::Contract => vec![Kind::Contract.body()],
        Target::Any => vec![&PARTY, &COMPONENT, Kind::Contract.body()],
    }
}

/// Resolves a dotted path (`term.end`, `supplier->vendor_role`) on an entity with `fields`:
/// the type it ends at, or why no entity can have it. `owner` names the entity in messages.
pub fn resolve(fields: &'static Obj, path: &str, owner: &Text) -> Result<&'static Ty, Text> {
    let (here, rest) = match path.split_once("->") {
        Some((here, rest)) => (here, Some(rest)),
        None => (path, None),
    };
    let mut ty: &'static Ty = &ANY;
    let mut obj = Some(fields);
    let mut walked = String::new();
    for segment in here.split('.') {
        let place = if walked.is_empty() {
            owner.clone()
        } else {
            Text::new(
                format!("`{walked}` of {}", owner.en),
                format!("{}の `{walked}`", owner.ja),
            )
        };
        ty = match (obj, ty) {
            (Some(o), _) => match o.fields.iter().find(|f| f.name == segment) {
                Some(field) => &field.ty,
                None if o.open && suggest(segment, o.fields.iter().map(|f| f.name)).is_none() => {
                    &ANY
                }
                None => return Err(no_field(o, segment, &place)),
            },
            (None, Ty::ItemMap(inner)) if crate::model::values::is_item_id(segment) => inner,
            (None, Ty::Any) => &ANY,
            (None, other) => {
                let (en, ja) = Class::of(other).nouns();
                return Err(Text::new(
                    format!(
                        "{} is {en}, not a mapping: it has no field `{segment}`",
                        place.en
                    ),
                    format!(
                        "{}は{ja}でありマッピングではないため、フィールド `{segment}` はありません",
                        place.ja
                    ),
                ));
            }
        };
        obj = match ty {
            Ty::Obj(o) => Some(o),
            _ => None,
        };
        walked = if walked.is_empty() {
            segment.to_owned()
        } else {
            format!("{walked}.{segment}")
        };
    }
    let Some(rest) = rest else { return Ok(ty) };
    let target = match ty {
        Ty::Ref(t) | Ty::RefOrList(t) => *t,
        Ty::PartyOrJoint => Target::Party,
        Ty::Any => return Ok(&ANY),
        Ty::RefList(_) => {
            return Err(Text::new(
                format!(
                    "`{here}` of {} is a list of references; `->` follows a single reference",
                    owner.en
                ),
                format!(
                    "{}の `{here}` は参照のリストです。`->` でたどれるのは単一の参照だけです",
                    owner.ja
                ),
            ));
        }
        _ => {
            return Err(Text::new(
                format!(
                    "`{here}` of {} is not a reference, so `->` cannot follow it",
                    owner.en
                ),
                format!(
                    "{}の `{here}` は参照ではないため、`->` でたどれません",
                    owner.ja
                ),
            ));
        }
    };
    let owner = Text::new(
        format!("the {} `{here}` names", target.noun()),
        format!("`{here}` が指す{}", target.noun_ja()),
    );
    let candidates = target_fields(target);
    let mut first_error = None;
    for obj in candidates {
        match resolve(obj, rest, &owner) {
            Ok(ty) => return Ok(ty),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| Text::new(String::new(), String::new())))
}

fn no_field(obj: &Obj, segment: &str, place: &Text) -> Text {
    let names: Vec<&str> = obj.fields.iter().map(|f| f.name).collect();
    let suggestion = suggest(segment, names.iter().copied());
    let hint_en = suggestion
        .as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    let hint_ja = suggestion
        .as_ref()
        .map(|s| format!("（`{s}` の誤りではありませんか？）"))
        .unwrap_or_default();
    let all = names.join(", ");
    Text::new(
        format!(
            "{} has no field `{segment}`{hint_en} (its fields: {all})",
            place.en
        ),
        format!(
            "{}にフィールド `{segment}` はありません{hint_ja}（フィールド: {all}）",
            place.ja
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::{Class, Text, fields_of, resolve};
    use crate::model::entities::Collection;

    fn class(c: Collection, path: &str) -> Result<Class, String> {
        resolve(fields_of(c), path, &Text::new("x", "x"))
            .map(Class::of)
            .map_err(|e| e.en)
    }

    #[test]
    fn known_paths_resolve_to_their_type() {
        assert_eq!(class(Collection::Risks, "last_review"), Ok(Class::Date));
        assert_eq!(
            class(Collection::Risks, "review_cadence"),
            Ok(Class::Duration)
        );
        assert_eq!(class(Collection::Contracts, "term.end"), Ok(Class::Date));
        assert_eq!(
            class(Collection::Slas, "service_levels.availability"),
            Ok(Class::Number)
        );
        assert_eq!(
            class(Collection::Pack, "baseline.mhlw_guideline"),
            Ok(Class::Version)
        );
        assert_eq!(
            class(Collection::Components, "supplier->vendor_role"),
            Ok(Class::Text)
        );
        assert_eq!(
            class(Collection::Slas, "contract->parties"),
            Ok(Class::Many)
        );
        assert_eq!(
            class(Collection::Checklists, "items.P2-A6.initial"),
            Ok(Class::Text)
        );
        // service_levels is open: a key the format does not list is read when the pack has it.
        assert_eq!(
            class(Collection::Slas, "service_levels.onsite_arrival"),
            Ok(Class::Unknown)
        );
        assert_eq!(
            class(Collection::Slas, "service_levels.service_schedule.from"),
            Ok(Class::Time)
        );
    }

    #[test]
    fn misspelt_fields_are_refused_with_a_suggestion() {
        let err = class(Collection::Risks, "last_reveiw").unwrap_err();
        assert!(
            err.contains("has no field `last_reveiw`; did you mean `last_review`?"),
            "{err}"
        );
        let err = class(Collection::Contracts, "term.ned").unwrap_err();
        assert!(
            err.contains("`term` of x has no field `ned`; did you mean `end`?"),
            "{err}"
        );
        // A near miss of a known key is refused even below an open mapping.
        let err = class(Collection::Slas, "service_levels.availabilty").unwrap_err();
        assert!(err.contains("did you mean `availability`?"), "{err}");
        let err = class(Collection::Components, "supplier->vendor_rol").unwrap_err();
        assert!(
            err.contains("the party `supplier` names has no field"),
            "{err}"
        );
    }

    #[test]
    fn hops_and_descents_need_the_right_shape() {
        let err = class(Collection::Contracts, "parties->kind").unwrap_err();
        assert!(err.contains("list of references"), "{err}");
        let err = class(Collection::Contracts, "title->kind").unwrap_err();
        assert!(err.contains("not a reference"), "{err}");
        let err = class(Collection::Risks, "last_review.year").unwrap_err();
        assert!(err.contains("is a date, not a mapping"), "{err}");
        assert!(class(Collection::Checklists, "items.not-an-item.initial").is_err());
    }
}
