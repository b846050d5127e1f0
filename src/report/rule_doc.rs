//! The rule reference pages `docs/rules/<id>.md`, generated from the rule files (English, then
//! Japanese), and their index. A test keeps the committed pages equal to what this produces.

use super::catalog::explain;
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::rules::catalog::{Catalog, Rule};

/// The notice at the top of every generated page.
const GENERATED: &str = "<!-- Generated from the rule files by `KAKUNIN_BLESS=1 cargo test --test generated`; do not edit. -->";

/// `kakunin explain` turned into Markdown: the title as a heading, the facts as a list, and
/// each section one level down.
fn section(rule: &Rule, lang: Lang, example: Option<&Finding>) -> String {
    let text = explain(rule, lang, example);
    let mut out = String::new();
    let mut in_body = false;
    let mut in_code = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if i == 0 {
            out.push_str(&format!("## {}\n", rule.title.get(lang).trim()));
        } else if !in_code && line.starts_with("## ") {
            in_body = true;
            out.push_str(&format!("#{line}\n"));
        } else if !in_body && !line.is_empty() {
            out.push_str(&format!("- {line}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The page of one rule; `examples` are its first finding on its failing example, in English
/// and in Japanese (`app::verify::example_finding`), which fill in its help.
pub fn rule_page(rule: &Rule, examples: [Option<&Finding>; 2]) -> String {
    format!(
        "{GENERATED}\n\n# `{id}`\n\n[English](#english) · [日本語](#日本語)\n\n<a id=\"english\"></a>\n\n{en}\n<a id=\"日本語\"></a>\n\n{ja}",
        id = rule.id,
        en = section(rule, Lang::En, examples[0]),
        ja = section(rule, Lang::Ja, examples[1]),
    )
}

/// `docs/rules/README.md`: every rule with its severity, checklist items and title.
pub fn index_page(catalog: &Catalog) -> String {
    let mut out = format!(
        "{GENERATED}\n\n# Rules / ルール一覧\n\n| rule | severity | checklist | title | タイトル |\n|---|---|---|---|---|\n"
    );
    for rule in catalog.rules() {
        out.push_str(&format!(
            "| [`{id}`]({id}.md) | {sev} | {items} | {en} | {ja} |\n",
            id = rule.id,
            sev = rule.severity.as_str(),
            items = rule.checklist.join(", "),
            en = rule.title.en.trim(),
            ja = rule.title.ja.trim(),
        ));
    }
    out
}
