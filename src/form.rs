//! The 確認表 form itself: its parts and items in the form's order, with bilingual titles and
//! short summaries, read from the embedded item catalogue `checklist/items-2024-06.yaml`.

use crate::i18n::Text;
use crate::model::values::is_item_id;
use serde::Deserialize;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The item catalogue of the June 2024 edition, compiled into the binary.
const ITEMS_2024_06: &str = include_str!("../checklist/items-2024-06.yaml");

/// One part of the form (`P1`, `P2`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: String,
    pub title: Text,
}

/// One item (row) of the form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: Text,
    /// A short paraphrase of what the item asks the parties to agree.
    pub summary: Text,
    /// Why no rule checks the item from a contract pack (only for items no rule cites).
    #[serde(default)]
    pub unchecked: Option<Text>,
}

/// The form: an edition, its title, its parts and the items known in full, in the form's order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub edition: String,
    pub title: Text,
    pub parts: Vec<Part>,
    pub items: Vec<Item>,
}

impl Form {
    /// The built-in catalogue, validated.
    pub fn builtin() -> Result<Form, String> {
        Form::parse(ITEMS_2024_06)
    }

    /// Parses and validates a catalogue: item ids well-formed and unique, each in a listed part.
    pub fn parse(text: &str) -> Result<Form, String> {
        let form: Form =
            serde_saphyr::from_str(text).map_err(|e| format!("checklist items: {e}"))?;
        let mut seen = HashSet::new();
        for item in &form.items {
            if !is_item_id(&item.id) {
                return Err(format!("checklist items: `{}` is not an item id", item.id));
            }
            if !seen.insert(item.id.as_str()) {
                return Err(format!("checklist items: `{}` is listed twice", item.id));
            }
            if !form.parts.iter().any(|p| p.id == part_of(&item.id)) {
                return Err(format!(
                    "checklist items: `{}` belongs to no listed part",
                    item.id
                ));
            }
        }
        Ok(form)
    }

    /// Every built-in edition's form (empty only if a compiled-in catalogue were broken, which
    /// the tests rule out; then every edition is unknown and every record a finding).
    pub fn editions() -> &'static [Form] {
        static FORMS: OnceLock<Vec<Form>> = OnceLock::new();
        FORMS.get_or_init(|| Form::builtin().into_iter().collect())
    }

    /// The built-in form of an edition (`"2024-06"`), if kakunin knows it.
    pub fn edition(edition: &str) -> Option<&'static Form> {
        Form::editions().iter().find(|f| f.edition == edition)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn part(&self, id: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == part_of(id))
    }

    /// Every catalogue item, plus the `extra` ids the catalogue does not know, in the form's
    /// order: catalogue items keep their listed order, and an unknown id goes right after the
    /// last catalogue item that sorts before it (ids compared part by part, numbers as numbers).
    pub fn ordered<'a>(&'a self, extra: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        let mut keyed: Vec<(usize, bool, &str)> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (2 * i + 1, false, item.id.as_str()))
            .collect();
        let mut unknown: Vec<&str> = extra
            .into_iter()
            .filter(|id| self.item(id).is_none())
            .collect();
        unknown.sort_by(|a, b| compare_ids(a, b));
        unknown.dedup();
        for id in unknown {
            let after = self
                .items
                .iter()
                .rposition(|item| compare_ids(&item.id, id) == Ordering::Less);
            let slot = after.map_or(0, |i| 2 * i + 2);
            keyed.push((slot, true, id));
        }
        keyed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(compare_ids(a.2, b.2)));
        keyed.into_iter().map(|(_, _, id)| id).collect()
    }
}

/// The part an item id belongs to: the text before the first `-` (`P2` for `P2-A6`).
pub fn part_of(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

/// Orders item ids part by part, a segment's letters as text and its digits as a number
/// (`P2-A9` < `P2-A10`); text that is not an item id sorts after every id.
pub fn compare_ids(a: &str, b: &str) -> Ordering {
    match (is_item_id(a), is_item_id(b)) {
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
        (true, true) => {
            let key = |id: &str| -> Vec<(String, u32)> {
                id.split('-')
                    .map(|segment| {
                        let digits = segment.trim_start_matches(|c: char| !c.is_ascii_digit());
                        let letters = &segment[..segment.len() - digits.len()];
                        (letters.to_owned(), digits.parse().unwrap_or(0))
                    })
                    .collect()
            };
            key(a).cmp(&key(b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_parses_and_keeps_the_forms_order() {
        let form = Form::builtin().unwrap();
        assert_eq!(form.edition, "2024-06");
        let ids: Vec<&str> = form.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"P1-1-1"));
        assert_eq!(ids.last(), Some(&"P2-A11"));
        assert!(form.items.iter().all(|i| !i.title.ja.is_empty()
            && !i.title.en.is_empty()
            && !i.summary.ja.is_empty()
            && !i.summary.en.is_empty()));
    }

    #[test]
    fn unknown_ids_fall_into_place_between_known_ones() {
        let form = Form::builtin().unwrap();
        let order = form.ordered(["P2-A10", "P2-A9", "P2-A6", "P2-A12", "x-bad"]);
        let pos = |id: &str| order.iter().position(|o| *o == id).unwrap();
        assert!(pos("P2-A8") < pos("P2-A9"));
        assert!(pos("P2-A9") < pos("P2-A10"));
        assert!(pos("P2-A10") < pos("P2-A11"));
        assert!(pos("P2-A11") < pos("P2-A12"));
        assert_eq!(order.last(), Some(&"x-bad"));
        assert_eq!(order.iter().filter(|o| **o == "P2-A6").count(), 1);
    }

    #[test]
    fn ids_compare_numbers_as_numbers() {
        assert_eq!(compare_ids("P2-A9", "P2-A10"), Ordering::Less);
        assert_eq!(compare_ids("P1-B3-2", "P2-A1"), Ordering::Less);
        assert_eq!(compare_ids("P2-A1", "nonsense"), Ordering::Less);
    }

    #[test]
    fn a_catalogue_with_a_duplicate_or_a_bad_id_is_refused() {
        let head =
            "edition: x\ntitle: {en: a, ja: b}\nparts: [{id: P2, title: {en: a, ja: b}}]\nitems:\n";
        let item = |id: &str| {
            format!("  - {{id: {id}, title: {{en: a, ja: b}}, summary: {{en: a, ja: b}}}}\n")
        };
        assert!(Form::parse(&format!("{head}{}", item("P2-A1"))).is_ok());
        let twice = format!("{head}{}{}", item("P2-A1"), item("P2-A1"));
        assert!(Form::parse(&twice).unwrap_err().contains("twice"));
        assert!(Form::parse(&format!("{head}{}", item("Q1"))).is_err());
        assert!(Form::parse(&format!("{head}{}", item("P1-1-1"))).is_err());
    }
}
