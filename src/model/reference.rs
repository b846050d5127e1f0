//! The format reference (`docs/format.md`), generated from the schema tables so it cannot drift.

use super::schema::{API_VERSION, BASELINE_DEFAULTS, CONTRACT_TYPE_MEANINGS, KINDS, Obj, Ty};
use super::validate::type_words;
use std::fmt::Write as _;

fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::Enum(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(" "),
        Ty::Ref(t) => format!("{} id", t.noun()),
        Ty::RefList(t) => format!("list of {} ids", t.noun()),
        Ty::RefOrList(t) => format!("{} id (exactly one)", t.noun()),
        Ty::PartyOrJoint => "party id or `joint`".to_owned(),
        Ty::List(item) => format!("list of {}", type_text(item)),
        Ty::ItemMap(_) => "map of checklist item id → item".to_owned(),
        other => type_words(other)
            .0
            .trim_start_matches("a ")
            .trim_start_matches("an ")
            .to_owned(),
    }
}

/// A mapping still to be described: its path, its fields, and the checklist item it inherits.
type Nested = (String, &'static Obj, Option<&'static str>);

fn table(
    out: &mut String,
    title: &str,
    at: &str,
    (obj, inherited): (&Obj, Option<&'static str>),
    nested: &mut Vec<Nested>,
) {
    let item = obj.item.or(inherited);
    let _ = writeln!(out, "{title}\n");
    if let Some(item) = item {
        let _ = writeln!(
            out,
            "These fields serve checklist item `{item}`: a missing field or a wrong value here cites it.\n"
        );
    }
    out.push_str("| field | type | required |\n|---|---|---|\n");
    for field in obj.fields {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            field.name,
            type_text(&field.ty),
            if field.required { "yes" } else { "no" }
        );
        let inner = match &field.ty {
            Ty::Obj(o) => Some(*o),
            Ty::List(item) | Ty::ItemMap(item) => match item {
                Ty::Obj(o) => Some(*o),
                _ => None,
            },
            _ => None,
        };
        if let Some(o) = inner {
            let path = if at.is_empty() {
                field.name.to_owned()
            } else {
                format!("{at}.{}", field.name)
            };
            nested.push((path, o, item));
        }
    }
    if obj.open {
        out.push_str(
            "\nOther keys are allowed here; a key one typo away from a listed field is reported.\n",
        );
    }
    out.push('\n');
}

/// The whole reference document.
pub fn markdown() -> String {
    let mut out = format!(
        "# The kakunin/v1 format\n\n<!-- Generated from src/model/schema.rs by `cargo test` (KAKUNIN_BLESS=1 rewrites it). Do not edit. -->\n\n\
         Every document starts with `apiVersion: {API_VERSION}` and a `kind:`. Ids match `^[a-z0-9][a-z0-9-]{{0,62}}$` and are unique \
         across a pack. Dates are `YYYY-MM-DD`; durations are ISO-8601 (`PT1H`, `P30D`, `P6M`, `P1Y`). YAML 1.2: `yes`/`no`/`on`/`off` \
         are strings. Fields marked *no* may still be required by a rule (for example the clause details, which the rules check \
         with their checklist item); `kakunin explain RULE` says which.\n\n"
    );
    for kind in KINDS {
        let mut nested = Vec::new();
        table(
            &mut out,
            &format!("## `{}`", kind.name()),
            "",
            (kind.body(), None),
            &mut nested,
        );
        nested.reverse();
        while let Some((path, obj, item)) = nested.pop() {
            let before = nested.len();
            table(
                &mut out,
                &format!("### `{}`: `{path}`", kind.name()),
                &path,
                (obj, item),
                &mut nested,
            );
            nested[before..].reverse();
        }
    }
    out.push_str(
        "## Contract types\n\nEvery type but `subcontract` is a contract between the institution and a vendor; \
         the clause rules read each of them alike, except a `confidentiality_agreement`: only its confidentiality clause is read, and it is no contract to work under (`vendor-contract-present`, `sla-present`).\n\n| `type` | meaning |\n|---|---|\n",
    );
    for (name, meaning) in CONTRACT_TYPE_MEANINGS {
        let _ = writeln!(out, "| `{name}` | {meaning} |");
    }
    out.push('\n');
    out.push_str("## Baseline defaults\n\n| key | default |\n|---|---|\n");
    for (key, value) in BASELINE_DEFAULTS {
        let _ = writeln!(out, "| `{key}` | `\"{value}\"` |");
    }
    checklist_items(&mut out);
    out
}

/// The items of each edition of the checklist form, which a `ChecklistRecord` must answer.
fn checklist_items(out: &mut String) {
    out.push_str(
        "\n## Checklist items by edition\n\nA `ChecklistRecord` names its `edition`; it must be one of these, and its `items` must \
         answer every item of that edition (`checklist-items-answered`). Other item ids may be added. \
         `kakunin explain ITEM` explains an item and lists the rules that check it.\n",
    );
    for form in crate::form::Form::editions() {
        let _ = writeln!(
            out,
            "\n### Edition `\"{}\"` — {}\n\n| item | title | 項目 |\n|---|---|---|",
            form.edition, form.title.ja
        );
        for item in &form.items {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                item.id, item.title.en, item.title.ja
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CONTRACT_TYPE_MEANINGS;
    use crate::model::schema::CONTRACT_TYPES;

    #[test]
    fn every_contract_type_has_its_meaning() {
        let named: Vec<&str> = CONTRACT_TYPE_MEANINGS.iter().map(|(n, _)| *n).collect();
        assert_eq!(named, CONTRACT_TYPES);
    }

    #[test]
    fn docs_format_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
        let generated = super::markdown();
        if std::env::var_os("KAKUNIN_BLESS").is_some() {
            std::fs::write(&path, &generated)
                .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/format.md is stale: run `KAKUNIN_BLESS=1 cargo test --lib docs_format`"
        );
    }
}
