//! Rendering the catalog itself: `kakunin rules` (table or JSON) and `kakunin explain`.

use crate::config::Level;
use crate::form::{Form, Item};
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::rules::catalog::{Catalog, Rule};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    /// The severity the configuration gives the rule, or `off`.
    severity: &'a str,
    default_severity: &'a str,
    checklist: &'a [String],
    title: &'a str,
    guidelines: &'a [String],
    /// Parameters with their values after the configuration.
    params: BTreeMap<String, String>,
}

/// The rule's level under the configuration: `off` or a severity.
fn level(rule: &Rule, policy: &Policy) -> &'static str {
    if !policy.enables(&rule.id) {
        return "off";
    }
    match policy.levels.get(&rule.id) {
        Some(Level::On(s)) => s.as_str(),
        _ => rule.severity.as_str(),
    }
}

fn params(rule: &Rule, policy: &Policy) -> BTreeMap<String, String> {
    let mut params = rule.params.clone();
    if let Some(set) = policy.settings.params.get(&rule.id) {
        params.extend(set.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    params
}

/// `kakunin rules --format json`.
pub fn rules_json(catalog: &Catalog, policy: &Policy, lang: Lang) -> String {
    let rules: Vec<RuleOut> = catalog
        .rules()
        .iter()
        .map(|r| RuleOut {
            id: &r.id,
            severity: level(r, policy),
            default_severity: r.severity.as_str(),
            checklist: &r.checklist,
            title: r.title.get(lang),
            guidelines: &r.guidelines,
            params: params(r, policy),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

/// `kakunin rules`: one line per rule (the severity after the configuration, or `off`).
pub fn rules_table(catalog: &Catalog, policy: &Policy, lang: Lang) -> String {
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
            level(r, policy),
            items,
            r.title.get(lang)
        ));
    }
    out
}

/// `kakunin explain ITEM`: a checklist item of the form, and the rules that cite it.
pub fn explain_item(form: &Form, item: &Item, catalog: &Catalog, lang: Lang) -> String {
    let (h_form, h_asks, h_rules, h_part, none) = match lang {
        Lang::En => (
            "Checklist",
            "What it asks",
            "Rules that check it",
            "Part",
            "none: no rule checks this item yet; it is reported only when a record leaves it unanswered (`checklist-items-answered`)",
        ),
        Lang::Ja => (
            "確認表",
            "内容",
            "この項目を確認するルール",
            "部",
            "なし（この項目を確認するルールはまだありません。記録に回答が無い場合のみ `checklist-items-answered` が指摘します）",
        ),
    };
    let rules: Vec<String> = catalog
        .rules()
        .iter()
        .filter(|r| r.checklist.iter().any(|c| c == &item.id))
        .map(|r| {
            format!(
                "- `{}` ({}): {}",
                r.id,
                r.severity.as_str(),
                r.title.get(lang)
            )
        })
        .collect();
    let rules = if rules.is_empty() {
        match &item.unchecked {
            Some(why) => format!("- {none}\n\n{}", why.get(lang).trim_end()),
            None => format!("- {none}"),
        }
    } else {
        rules.join("\n")
    };
    let part = form.part(&item.id).map_or(String::new(), |p| {
        format!("{h_part}: {}\n", p.title.get(lang))
    });
    format!(
        "{id} — {title}\n{h_form}: {form_title} ({edition})\n{part}\n## {h_asks}\n{summary}\n\n## {h_rules}\n{rules}\n",
        id = item.id,
        title = item.title.get(lang),
        form_title = form.title.get(lang),
        edition = form.edition,
        summary = item.summary.get(lang).trim_end(),
    )
}

/// Readable stand-ins for the placeholders a check fills, for texts shown without a finding.
fn stand_in(name: &str, lang: Lang) -> String {
    let (en, ja) = match name {
        "entity" => ("id", "ID"),
        "field" => ("field", "フィールド"),
        "left" => ("value", "値"),
        "right" => ("limit", "基準値"),
        "today" => ("today", "本日"),
        "count" => ("count", "件数"),
        "max" => ("maximum", "上限"),
        "min" => ("minimum", "下限"),
        "missing" => ("missing value", "不足している値"),
        "expected" => ("expected value", "期待される値"),
        "actual" => ("value found", "実際の値"),
        "names" => ("names", "名前"),
        "item" => ("item", "項目"),
        "edition" => ("edition", "版"),
        "known" => ("known editions", "対応している版"),
        "fact" => ("fact", "事実"),
        "path" => ("path", "パス"),
        "approved_by" => ("approver", "承認者"),
        "rule" => ("rule", "ルール"),
        other => (other, other),
    };
    format!("«{}»", if lang == Lang::Ja { ja } else { en })
}

/// A rule text with every `{name}` placeholder left replaced by a readable stand-in.
pub fn with_stand_ins(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        match close.map(|c| &after[..c]) {
            Some(name)
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push_str(&stand_in(name, lang));
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `kakunin explain RULE`. The help is shown as the rule's failing example fills it in
/// (`example`: the rule's first finding on it), placeholders it leaves with stand-ins.
pub fn explain(rule: &Rule, lang: Lang, example: Option<&crate::finding::Finding>) -> String {
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
    let h_fail = match (&rule.examples.today, lang) {
        (Some(day), Lang::En) => format!("{h_fail} (as of {day})"),
        (Some(day), Lang::Ja) => format!("{h_fail}（{day} 時点）"),
        (None, _) => h_fail.to_owned(),
    };
    let list = |v: &[String]| {
        if v.is_empty() {
            none.to_owned()
        } else {
            v.join(", ")
        }
    };
    let waive = match lang {
        Lang::En => format!(
            "A waiver accepts this rule's findings in one pack for a stated reason until a date; the findings stay in every report but no longer fail the run. Write it in the checking side's kakunin.yaml, never in a pack a vendor sends (`check --isolated` ignores configuration inside the inputs):\n```yaml\nwaivers:\n  - rule: {id}\n    pack: PACK-ID            # the pack's `id`\n    path: FIELD.PATH         # optional: only findings at or below this field\n    reason: why the exception is acceptable, and the ticket that tracks it\n    approved_by: who approved it\n    expires: YYYY-MM-DD      # an expired waiver is an error\n```\nTo stop the rule altogether: `rules: {{{id}: off}}` in kakunin.yaml, or `--ignore {id}` for one run.",
            id = rule.id
        ),
        Lang::Ja => format!(
            "ウェイバー（例外承認）は、理由を示したうえで期限まで、1 つのパックにおけるこのルールの指摘を受け入れます。指摘はすべての出力に残りますが、終了コードには数えません。事業者が送るパックではなく、確認する側の kakunin.yaml に記載します（`check --isolated` は入力内の設定を無視します）:\n```yaml\nwaivers:\n  - rule: {id}\n    pack: PACK-ID            # パックの `id`\n    path: FIELD.PATH         # 任意: このフィールド以下の指摘に限る\n    reason: 例外を認める理由と管理番号\n    approved_by: 承認者\n    expires: YYYY-MM-DD      # 期限切れのウェイバーはエラー\n```\nルール自体を止めるには kakunin.yaml に `rules: {{{id}: off}}`、1 回だけなら `--ignore {id}` を指定します。",
            id = rule.id
        ),
    };
    let params_section = if rule.params.is_empty() {
        String::new()
    } else {
        let (head, note) = match lang {
            Lang::En => ("Parameters", "Set them in kakunin.yaml:"),
            Lang::Ja => ("パラメータ", "kakunin.yaml で変更できます:"),
        };
        let mut text = format!("## {head}\n");
        for (name, value) in &rule.params {
            text.push_str(&format!("- `{name}`: `{value}`\n"));
        }
        text.push_str(&format!(
            "\n{note}\n```yaml\nrules:\n  {}:\n    params:\n",
            rule.id
        ));
        for (name, value) in &rule.params {
            text.push_str(&format!("      {name}: {value}\n"));
        }
        text.push_str("```\n\n");
        text
    };
    format!(
        "{id} — {title}\nseverity: {sev}\n\n{h_items}: {items}\n{h_refs}: {refs}\n\n## {h_why}\n{why}\n\n{scope}## {h_fix}\n{fix}\n\n## {h_fail}\n```yaml\n{fail}```\n\n## {h_pass}\n```yaml\n{pass}```\n\n{params_section}## {h_waive}\n{waive}\n",
        id = rule.id,
        title = rule.title.get(lang),
        sev = rule.severity.as_str(),
        items = list(&rule.checklist),
        refs = list(&rule.guidelines),
        why = rule.rationale.get(lang).trim_end(),
        fix = with_stand_ins(
            example
                .map_or(rule.help.get(lang), |f| f.help.as_str())
                .trim_end(),
            lang
        ),
        fail = rule.examples.fail,
        pass = rule.examples.pass,
        scope = super::rule_scope::sections(rule, lang),
    )
}
