//! The `$…` references and comparison terms of a rule, parsed once when the rule loads: a
//! misspelt reference (`$todya`) is an error at load, never a field path nobody has.

use crate::model::values;
use serde::Deserialize;
use std::fmt;

/// A `$…` reference: the run's date, a parameter, or a field of the pack, the checklist record
/// an item belongs to, the entity a `find`/fact is matched against, or the entity itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Today,
    Param(String),
    Pack(String),
    Parent(String),
    Outer(String),
    This(String),
    /// In a `compare` with `against`: the entity the checked one is compared with.
    Other(String),
}

/// The reference forms, as written, for messages and suggestions.
const FORMS: &[&str] = &[
    "$today", "$param", "$pack", "$parent", "$outer", "$self", "$other",
];

impl Reference {
    /// Parses a text that starts with `$`.
    pub fn parse(text: &str) -> Result<Reference, String> {
        if text == "$today" {
            return Ok(Reference::Today);
        }
        let (head, rest) = text.split_once('.').unwrap_or((text, ""));
        let make: Option<fn(String) -> Reference> = match head {
            "$param" => Some(Reference::Param),
            "$pack" => Some(Reference::Pack),
            "$parent" => Some(Reference::Parent),
            "$outer" => Some(Reference::Outer),
            "$self" => Some(Reference::This),
            "$other" => Some(Reference::Other),
            _ => None,
        };
        match make {
            Some(_) if rest.is_empty() || rest.split('.').any(str::is_empty) => Err(format!(
                "`{text}` names no field: write `{head}.FIELD` (a dotted field path)"
            )),
            Some(make) => Ok(make(rest.to_owned())),
            None => {
                let hint = crate::model::issue::suggest(head, FORMS.iter().copied())
                    .map(|s| {
                        let fixed = if s == "$today" || rest.is_empty() {
                            s.to_owned()
                        } else {
                            format!("{s}.{rest}")
                        };
                        format!("; did you mean `{fixed}`?")
                    })
                    .unwrap_or_default();
                Err(format!(
                    "`{text}` is not a reference{hint} (references are `$today`, `$param.NAME`, `$pack.FIELD`, `$parent.FIELD`, `$outer.FIELD`, `$self.FIELD` and `$other.FIELD`)"
                ))
            }
        }
    }

    /// The field path a reference names (none for `$today`; the name for `$param.`).
    pub fn path(&self) -> Option<&str> {
        match self {
            Reference::Today => None,
            Reference::Param(p)
            | Reference::Pack(p)
            | Reference::Parent(p)
            | Reference::Outer(p)
            | Reference::This(p)
            | Reference::Other(p) => Some(p),
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reference::Today => f.write_str("$today"),
            Reference::Param(p) => write!(f, "$param.{p}"),
            Reference::Pack(p) => write!(f, "$pack.{p}"),
            Reference::Parent(p) => write!(f, "$parent.{p}"),
            Reference::Outer(p) => write!(f, "$outer.{p}"),
            Reference::This(p) => write!(f, "$self.{p}"),
            Reference::Other(p) => write!(f, "$other.{p}"),
        }
    }
}

/// A field path of a rule (`term.end`, `supplier->vendor_role`), checked for its form when the
/// rule loads (and against the format's schema by the rule validation): dotted names, with
/// `->` following a reference to the entity it names. It reads as the text written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct FieldPath(String);

impl TryFrom<String> for FieldPath {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if text.starts_with('$') {
            return Err(format!(
                "`{text}` is a reference, and a field path is expected here: name a field of the entity (like `term.end`); references go in values and comparisons"
            ));
        }
        let name =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !text.split("->").all(|hop| hop.split('.').all(name)) {
            return Err(format!(
                "`{text}` is not a field path (dotted field names like `term.end`, with `->` to follow a reference, like `supplier->vendor_role`)"
            ));
        }
        Ok(FieldPath(text))
    }
}

impl std::ops::Deref for FieldPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One term of a comparison: a reference, a literal date or duration, or a field path of the
/// entity being checked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Term {
    Ref(Reference),
    /// A literal date (`2026-04-01`), time of day (`09:00`) or duration (`PT0S`), as written.
    Literal(String),
    Field(FieldPath),
}

impl TryFrom<String> for Term {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if text.starts_with('$') {
            return Reference::parse(&text).map(Term::Ref);
        }
        if values::parse_date(&text).is_some()
            || values::parse_duration(&text).is_some()
            || values::parse_time(&text).is_some()
        {
            return Ok(Term::Literal(text));
        }
        FieldPath::try_from(text).map(Term::Field)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Ref(r) => r.fmt(f),
            Term::Literal(t) => f.write_str(t),
            Term::Field(p) => p.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Reference, Term};

    #[test]
    fn known_forms_parse() {
        assert_eq!(Reference::parse("$today"), Ok(Reference::Today));
        assert_eq!(
            Reference::parse("$pack.effective.end"),
            Ok(Reference::Pack("effective.end".into()))
        );
        assert_eq!(
            Reference::parse("$self.id"),
            Ok(Reference::This("id".into()))
        );
        assert_eq!(
            Reference::parse("$parent.first_consultation").map(|r| r.to_string()),
            Ok("$parent.first_consultation".into())
        );
    }

    #[test]
    fn misspelt_forms_are_refused_with_a_suggestion() {
        let err = Reference::parse("$todya").unwrap_err();
        assert!(err.contains("did you mean `$today`?"), "{err}");
        let err = Reference::parse("$pak.institution").unwrap_err();
        assert!(err.contains("did you mean `$pack.institution`?"), "{err}");
        let err = Reference::parse("$whatever.x").unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
        for empty in ["$pack", "$pack.", "$outer.a..b", "$param"] {
            assert!(
                Reference::parse(empty)
                    .unwrap_err()
                    .contains("names no field")
            );
        }
    }

    #[test]
    fn terms_are_references_literals_or_paths() {
        assert_eq!(
            Term::try_from("PT0S".to_owned()),
            Ok(Term::Literal("PT0S".into()))
        );
        assert_eq!(
            Term::try_from("2026-04-01".to_owned()),
            Ok(Term::Literal("2026-04-01".into()))
        );
        assert_eq!(
            Term::try_from("$today".to_owned()),
            Ok(Term::Ref(Reference::Today))
        );
        let hop = Term::try_from("supplier->vendor_role".to_owned());
        assert!(
            matches!(&hop, Ok(Term::Field(p)) if &**p == "supplier->vendor_role"),
            "{hop:?}"
        );
        for bad in ["", "a..b", "a->", ".x", "$todya"] {
            assert!(Term::try_from(bad.to_owned()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_field_path_is_dotted_names_with_hops_and_never_a_reference() {
        use super::FieldPath;
        for good in [
            "id",
            "term.end",
            "contract->parties",
            "a->b->c.d",
            "clauses.x_1",
        ] {
            assert!(FieldPath::try_from(good.to_owned()).is_ok(), "{good:?}");
        }
        for bad in ["", "a..b", "a->", "->a", ".x", "a b", "a.{b}", "a>b", "a-b"] {
            let got = FieldPath::try_from(bad.to_owned());
            assert!(got.is_err(), "{bad:?}");
        }
        let reference = FieldPath::try_from("$self.provider".to_owned());
        let err = reference.expect_err("a reference is no path");
        assert!(
            err.contains("is a reference, and a field path is expected here"),
            "{err}"
        );
    }
}
