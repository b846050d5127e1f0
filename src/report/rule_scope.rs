//! The "When it applies" and "What it reads" sections of a rule's page and of `kakunin explain`,
//! derived from the rule's `check:` alone (so a new rule, built-in or a user's, gets them for
//! free): the collection it runs over, each `where` condition and `when:` pack condition in
//! words, what it checks, the fields it reads, the references it follows (`->`), the values it
//! takes from elsewhere (`$pack.…`, `$param.…`, `$today`), and what an absent value does.

use crate::i18n::Lang;
use crate::model::entities::Collection;
use crate::model::schema::{BASELINE_DEFAULTS, KINDS, Obj, Ty};
use crate::rules::catalog::Rule;
use crate::rules::spec::{Check, Cond, Operand, Scalar, Select, When};
use std::collections::BTreeSet;

/// English or Japanese, picked by the run's language.
fn tr(lang: Lang, en: &str, ja: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::Ja => ja.to_owned(),
    }
}

/// "each …" and the plural noun of a collection.
fn collection(c: Collection, lang: Lang) -> (&'static str, &'static str) {
    match (lang, c) {
        (Lang::En, Collection::Pack) => (
            "the pack itself (its ContractPack document)",
            "the ContractPack document",
        ),
        (Lang::En, Collection::Parties) => (
            "each party (an entry of `parties` in a Parties document)",
            "parties",
        ),
        (Lang::En, Collection::Components) => (
            "each system component (an entry of `components` in a Systems document)",
            "system components",
        ),
        (Lang::En, Collection::Contracts) => ("each Contract document", "Contract documents"),
        (Lang::En, Collection::Slas) => (
            "each ServiceLevelAgreement document",
            "ServiceLevelAgreement documents",
        ),
        (Lang::En, Collection::Risks) => {
            ("each RiskManagement document", "RiskManagement documents")
        }
        (Lang::En, Collection::Checklists) => {
            ("each ChecklistRecord document", "ChecklistRecord documents")
        }
        (Lang::En, Collection::ChecklistItems) => (
            "each checklist item (an entry of `items` in a ChecklistRecord)",
            "checklist items",
        ),
        (Lang::Ja, Collection::Pack) => ("パック自体（ContractPack 文書）", "ContractPack 文書"),
        (Lang::Ja, Collection::Parties) => {
            ("各当事者（Parties 文書の `parties` の各項目）", "当事者")
        }
        (Lang::Ja, Collection::Components) => (
            "各システム構成要素（Systems 文書の `components` の各項目）",
            "システム構成要素",
        ),
        (Lang::Ja, Collection::Contracts) => ("各 Contract 文書", "Contract 文書"),
        (Lang::Ja, Collection::Slas) => (
            "各 ServiceLevelAgreement 文書",
            "ServiceLevelAgreement 文書",
        ),
        (Lang::Ja, Collection::Risks) => ("各 RiskManagement 文書", "RiskManagement 文書"),
        (Lang::Ja, Collection::Checklists) => ("各 ChecklistRecord 文書", "ChecklistRecord 文書"),
        (Lang::Ja, Collection::ChecklistItems) => (
            "各確認表項目（ChecklistRecord の `items` の各項目）",
            "確認表項目",
        ),
    }
}

/// A value written in a rule, in words: `$…` references named, literals in backticks.
fn value(text: &str, rule: &Rule, lang: Lang) -> String {
    let field = |prefix: &str| text.strip_prefix(prefix).map(|p| format!("`{p}`"));
    if text == "$today" {
        return tr(
            lang,
            "the date of the run (`--today`)",
            "実行日（`--today`）",
        );
    }
    if let Some(name) = text.strip_prefix("$param.") {
        let default = rule.params.get(name).map(String::as_str).unwrap_or("?");
        return match lang {
            Lang::En => format!("the parameter `{name}` (default `{default}`)"),
            Lang::Ja => format!("パラメータ `{name}`（既定値 `{default}`）"),
        };
    }
    if let Some(key) = text.strip_prefix("$pack.baseline.")
        && let Some((_, default)) = BASELINE_DEFAULTS.iter().find(|(k, _)| *k == key)
    {
        return match lang {
            Lang::En => {
                format!("the pack's `baseline.{key}` (else the format's default `{default}`)")
            }
            Lang::Ja => format!("パックの `baseline.{key}`（無ければ書式の既定値 `{default}`）"),
        };
    }
    let phrases = [
        ("$pack.", "the pack's", "パックの"),
        ("$parent.", "its checklist record's", "所属する確認表記録の"),
        ("$outer.", "the checked entity's", "検査対象の"),
        ("$self.", "its own", "自身の"),
        ("$other.", "the compared entity's", "比較相手の"),
    ];
    for (prefix, en, ja) in phrases {
        if let Some(f) = field(prefix) {
            return match lang {
                Lang::En => format!("{en} {f}"),
                Lang::Ja => format!("{ja} {f}"),
            };
        }
    }
    format!("`{text}`")
}

fn scalar(s: &Scalar, rule: &Rule, lang: Lang) -> String {
    value(&s.text(), rule, lang)
}

fn scalars(list: &[Scalar], rule: &Rule, lang: Lang) -> String {
    let sep = if lang == Lang::Ja { "、" } else { ", " };
    list.iter()
        .map(|s| scalar(s, rule, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// One `where` condition in words.
fn condition(field: &str, cond: &Cond, rule: &Rule, lang: Lang) -> String {
    let f = format!("`{field}`");
    let mut parts = Vec::new();
    match cond {
        Cond::Is(s) => parts.push(match lang {
            Lang::En => format!("{f} is {}", scalar(s, rule, lang)),
            Lang::Ja => format!("{f} が {}", scalar(s, rule, lang)),
        }),
        Cond::AnyOf(list) => parts.push(match lang {
            Lang::En => format!("{f} is one of {}", scalars(list, rule, lang)),
            Lang::Ja => format!("{f} が {} のいずれか", scalars(list, rule, lang)),
        }),
        Cond::Op(op) => {
            match op.present {
                Some(true) => {
                    parts.push(tr(lang, &format!("{f} is present"), &format!("{f} がある")))
                }
                Some(false) => {
                    parts.push(tr(lang, &format!("{f} is absent"), &format!("{f} がない")))
                }
                None => {}
            }
            if let Some(list) = &op.not {
                parts.push(match lang {
                    Lang::En => format!("{f} is absent or none of {}", scalars(list, rule, lang)),
                    Lang::Ja => format!(
                        "{f} がないか、{} のいずれでもない",
                        scalars(list, rule, lang)
                    ),
                });
            }
            if let Some(all) = &op.contains {
                let list = scalars(all.values(), rule, lang);
                parts.push(match (lang, all.values().len()) {
                    (Lang::En, 1) => format!("{f} contains {list}"),
                    (Lang::En, _) => format!("{f} contains each of {list}"),
                    (Lang::Ja, 1) => format!("{f} に {list} が含まれる"),
                    (Lang::Ja, _) => format!("{f} に {list} のすべてが含まれる"),
                });
            }
        }
    }
    parts.join(&and(lang))
}

fn and(lang: Lang) -> String {
    tr(lang, " and ", "、かつ ")
}

/// A selection in words: "each party whose `kind` is `vendor`".
fn selection(select: &Select, rule: &Rule, lang: Lang, plural: bool) -> String {
    let (each, many) = collection(select.collection, lang);
    let noun = if plural { many } else { each };
    let mut conds: Vec<String> = select
        .conditions
        .iter()
        .map(|(field, cond)| condition(field, cond, rule, lang))
        .collect();
    if !select.any.is_empty() {
        let alternatives: Vec<String> = select
            .any
            .iter()
            .map(|set| {
                set.iter()
                    .map(|(field, cond)| condition(field, cond, rule, lang))
                    .collect::<Vec<_>>()
                    .join(&and(lang))
            })
            .collect();
        conds.push(match lang {
            Lang::En => format!("(either {})", alternatives.join(" or ")),
            Lang::Ja => format!("（{} のいずれか）", alternatives.join("、または ")),
        });
    }
    if conds.is_empty() {
        return noun.to_owned();
    }
    match lang {
        Lang::En => format!("{noun} whose {}", conds.join(&and(lang))),
        Lang::Ja => format!("条件「{}」を満たす{noun}", conds.join(&and(lang))),
    }
}

fn bounds(min: Option<usize>, max: Option<usize>, lang: Lang) -> String {
    match (lang, min, max) {
        (Lang::En, Some(a), Some(b)) => format!("at least {a} and at most {b}"),
        (Lang::En, Some(a), None) => format!("at least {a}"),
        (Lang::En, None, Some(b)) => format!("at most {b}"),
        (Lang::Ja, Some(a), Some(b)) => format!("{a} 以上 {b} 以下"),
        (Lang::Ja, Some(a), None) => format!("{a} 以上"),
        (Lang::Ja, None, Some(b)) => format!("{b} 以下"),
        (_, None, None) => String::new(),
    }
}

fn when_line(w: &When, rule: &Rule, lang: Lang) -> String {
    let counted = selection(&w.count, rule, lang, true);
    let range = bounds(w.min, w.max, lang);
    match lang {
        Lang::En => format!("the number of {counted} is {range}"),
        Lang::Ja => format!("{counted}の数が {range}"),
    }
}

/// Every evidence-path field of the format, as `Kind: path`.
fn evidence_fields() -> Vec<String> {
    fn walk(obj: &Obj, prefix: &str, out: &mut Vec<String>) {
        for f in obj.fields {
            let path = if prefix.is_empty() {
                f.name.to_owned()
            } else {
                format!("{prefix}.{}", f.name)
            };
            ty(&f.ty, &path, out);
        }
    }
    fn ty(t: &Ty, path: &str, out: &mut Vec<String>) {
        match t {
            Ty::Path => out.push(path.to_owned()),
            Ty::Obj(obj) => walk(obj, path, out),
            Ty::List(inner) => ty(inner, &format!("{path}[]"), out),
            Ty::ItemMap(inner) => ty(inner, &format!("{path}.<item>"), out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for kind in KINDS {
        let mut paths = Vec::new();
        walk(kind.body(), "", &mut paths);
        out.extend(paths.into_iter().map(|p| format!("{}: `{p}`", kind.name())));
    }
    out
}

mod reads;

/// The two sections, each headed `## `, ready to go between "Why" and "How to fix".
pub fn sections(rule: &Rule, lang: Lang) -> String {
    let mut applies: Vec<String> = Vec::new();
    let (h_applies, h_reads) = match lang {
        Lang::En => ("When it applies", "What it reads"),
        Lang::Ja => ("適用範囲", "参照する項目"),
    };
    let subject = rule.check.subject();
    match (&rule.check, subject) {
        (Check::Structure, _) => applies.push(tr(
            lang,
            "Every path, file and document of every pack, as it is found and read (discovery, parsing, the format); in every pack.",
            "すべてのパックのすべてのパス・ファイル・文書（探索・構文解析・書式の検証の時点）。すべてのパックに適用します。",
        )),
        (Check::EvidencePaths, _) => {
            let fields = evidence_fields().join(", ");
            applies.push(match lang {
                Lang::En => format!("Every evidence path the pack names, in every pack: {fields}."),
                Lang::Ja => format!("すべてのパックで、パックが記載する証跡ファイルのパスすべて: {fields}。"),
            });
        }
        (Check::Count { of, .. }, _) => applies.push(match lang {
            Lang::En => format!("It counts {} in the pack.", selection(of, rule, lang, true)),
            Lang::Ja => format!("パック内の{}を数えます。", selection(of, rule, lang, true)),
        }),
        (_, Some(select)) => applies.push(match lang {
            Lang::En => format!("It checks {}.", selection(select, rule, lang, false)),
            Lang::Ja => format!("{}を検査します。", selection(select, rule, lang, false)),
        }),
        _ => {}
    }
    if let Some(check) = reads::checks_that(rule, lang) {
        applies.push(check);
    }
    let when = rule.check.when();
    if !when.is_empty() {
        let lines: Vec<String> = when.iter().map(|w| when_line(w, rule, lang)).collect();
        applies.push(match lang {
            Lang::En => format!(
                "Only in a pack where {}; in other packs it does not run.",
                lines.join(&and(lang))
            ),
            Lang::Ja => format!(
                "{} のパックにのみ適用します（それ以外のパックでは実行しません）。",
                lines.join(&and(lang))
            ),
        });
    } else if !matches!(rule.check, Check::Structure | Check::EvidencePaths) {
        applies.push(tr(lang, "In every pack.", "すべてのパックに適用します。"));
    }
    if reads::has_conditions(&rule.check) {
        applies.push(tr(
            lang,
            "A condition on a field that is absent does not hold, so the entity is not selected — except `absent or none of` and `is absent`, which hold for it.",
            "条件の項目が無い場合、その条件は成り立たず、その対象は選ばれません（「ないか、… のいずれでもない」と「がない」は、項目が無い場合に成り立ちます）。",
        ));
    }
    let mut out = format!("## {h_applies}\n");
    for line in &applies {
        out.push_str(&format!("- {line}\n"));
    }
    out.push_str(&format!("\n## {h_reads}\n"));
    for line in reads::reads(rule, lang) {
        out.push_str(&format!("- {line}\n"));
    }
    out.push('\n');
    out
}

/// The fields of `select`'s conditions, and the `$…` values they compare with.
fn condition_fields(select: &Select, fields: &mut BTreeSet<String>, refs: &mut BTreeSet<String>) {
    let sets = std::iter::once(&select.conditions).chain(&select.any);
    for (field, cond) in sets.flatten() {
        fields.insert(field.to_string());
        let mut note = |s: &Scalar| {
            if let Scalar::Ref(r) = s {
                refs.insert(r.to_string());
            }
        };
        match cond {
            Cond::Is(s) => note(s),
            Cond::AnyOf(list) => list.iter().for_each(&mut note),
            Cond::Op(op) => {
                op.not.iter().flatten().for_each(&mut note);
                op.contains.iter().flat_map(|c| c.values()).for_each(note);
            }
        }
    }
}

fn operand_texts(o: &Operand) -> Vec<String> {
    o.terms().iter().map(|t| t.to_string()).collect()
}
