//! Rendering the catalog itself: `kakunin rules` (table or JSON) and `kakunin explain`.

use crate::i18n::Lang;
use crate::rules::catalog::{Catalog, Rule};
use serde::Serialize;

#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    severity: &'a str,
    checklist: &'a [String],
    title: &'a str,
    guidelines: &'a [String],
}

/// `kakunin rules --format json`.
pub fn rules_json(catalog: &Catalog, lang: Lang) -> String {
    let rules: Vec<RuleOut> = catalog
        .rules()
        .iter()
        .map(|r| RuleOut {
            id: &r.id,
            severity: r.severity.as_str(),
            checklist: &r.checklist,
            title: r.title.get(lang),
            guidelines: &r.guidelines,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

/// `kakunin rules`: one line per rule.
pub fn rules_table(catalog: &Catalog, lang: Lang) -> String {
    let width = catalog
        .rules()
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for r in catalog.rules() {
        let items = if r.checklist.is_empty() {
            "-".to_owned()
        } else {
            r.checklist.join(",")
        };
        out.push_str(&format!(
            "{:width$}  {:7}  {:14}  {}\n",
            r.id,
            r.severity.as_str(),
            items,
            r.title.get(lang)
        ));
    }
    out
}

/// `kakunin explain RULE`.
pub fn explain(rule: &Rule, lang: Lang) -> String {
    let (h_items, h_refs, h_why, h_fix, h_fail, h_pass, h_waive) = match lang {
        Lang::En => (
            "Checklist items",
            "Guideline references",
            "Why",
            "How to fix",
            "Failing example",
            "Passing example",
            "How to waive",
        ),
        Lang::Ja => (
            "確認表の項目",
            "ガイドライン参照",
            "理由",
            "修正方法",
            "違反する例",
            "適合する例",
            "例外の扱い",
        ),
    };
    let none = if lang == Lang::Ja { "なし" } else { "none" };
    let list = |v: &[String]| {
        if v.is_empty() {
            none.to_owned()
        } else {
            v.join(", ")
        }
    };
    let waive = match lang {
        Lang::En => format!(
            "Add `--ignore {}` to skip the rule for a run. Waivers with a reason, an approver and an expiry date belong in the checking side's configuration, never in a pack a vendor sends.",
            rule.id
        ),
        Lang::Ja => format!(
            "一時的に除外するには `--ignore {}` を指定します。理由・承認者・期限を伴う例外（ウェイバー）は、受け取る側の設定ファイルに記載し、事業者が送るパックには含めません。",
            rule.id
        ),
    };
    format!(
        "{id} — {title}\nseverity: {sev}\n\n{h_items}: {items}\n{h_refs}: {refs}\n\n## {h_why}\n{why}\n\n## {h_fix}\n{fix}\n\n## {h_fail}\n```yaml\n{fail}```\n\n## {h_pass}\n```yaml\n{pass}```\n\n## {h_waive}\n{waive}\n",
        id = rule.id,
        title = rule.title.get(lang),
        sev = rule.severity.as_str(),
        items = list(&rule.checklist),
        refs = list(&rule.guidelines),
        why = rule.rationale.get(lang).trim_end(),
        fix = rule.help.get(lang).trim_end(),
        fail = rule.examples.fail,
        pass = rule.examples.pass,
    )
}
