//! The report of `kakunin rules verify`: one line per rule (PASS, FAIL with the reason, SKIP),
//! a summary line, or the same as JSON.

use crate::app::verify::{Case, Expect, Status, Verdict};
use crate::i18n::Lang;
use crate::report::terminal::one_line;
use serde::Serialize;

/// How many rules passed, failed and were skipped.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Totals {
    pub rules: usize,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

pub fn totals(verdicts: &[Verdict]) -> Totals {
    let count = |s: Status| verdicts.iter().filter(|v| v.status == s).count();
    Totals {
        rules: verdicts.len(),
        passed: count(Status::Pass),
        failed: count(Status::Fail),
        skipped: count(Status::Skip),
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "PASS",
        Status::Fail => "FAIL",
        Status::Skip => "SKIP",
    }
}

/// Why a case failed, in the run's language.
fn reason(rule: &str, case: &Case, lang: Lang) -> Option<String> {
    if case.ok() {
        return None;
    }
    let name = &case.name;
    if let Some(why) = &case.not_runnable {
        return Some(match lang {
            Lang::En => format!("{name} cannot be run: {why}"),
            Lang::Ja => format!("{name} を実行できません: {why}"),
        });
    }
    Some(match (case.expect, case.findings.first(), lang) {
        (Expect::Fail, _, Lang::En) => {
            format!("{name} gave no finding of {rule} (a failing example must give at least one)")
        }
        (Expect::Fail, _, Lang::Ja) => format!(
            "{name} で {rule} の指摘がありません（不合格の例は1件以上の指摘を出す必要があります）"
        ),
        (Expect::Pass, first, lang) => {
            let n = case.findings.len();
            let first = first.map(|f| one_line(&f.message)).unwrap_or_default();
            match lang {
                Lang::En => format!(
                    "{name} gave {n} finding{} of {rule} (a passing example must give none): {first}",
                    if n == 1 { "" } else { "s" }
                ),
                Lang::Ja => format!(
                    "{name} で {rule} の指摘が {n} 件あります（合格の例は指摘を出してはいけません）: {first}"
                ),
            }
        }
    })
}

fn line_reason(verdict: &Verdict, lang: Lang) -> String {
    if verdict.stray {
        return match lang {
            Lang::En => format!(
                "fixtures/{}/ is for no rule of the directories verified",
                verdict.rule
            ),
            Lang::Ja => format!(
                "fixtures/{}/ に対応するルールが、検証したディレクトリにありません",
                verdict.rule
            ),
        };
    }
    if verdict.status == Status::Skip {
        let why = verdict
            .cases
            .iter()
            .find_map(|c| c.not_runnable.as_deref())
            .unwrap_or_default();
        return match lang {
            Lang::En => format!(
                "a rule of kakunin's loader whose examples show files, not packs ({why}); its fixtures in kakunin's test suite prove it"
            ),
            Lang::Ja => format!(
                "kakunin の読み込み処理のルールで、例がパックではなくファイルを示しています（{why}）。kakunin のテストのフィクスチャで確認しています"
            ),
        };
    }
    let reasons: Vec<String> = verdict
        .cases
        .iter()
        .filter_map(|c| reason(&verdict.rule, c, lang))
        .collect();
    if reasons.is_empty() {
        let n = verdict.cases.len();
        return match lang {
            Lang::En => format!("{n} cases"),
            Lang::Ja => format!("{n} 件"),
        };
    }
    reasons.join("; ")
}

/// One line per rule and the totals.
pub fn human(verdicts: &[Verdict], lang: Lang) -> String {
    let width = verdicts.iter().map(|v| v.rule.len()).max().unwrap_or(0);
    let mut out = String::new();
    for v in verdicts {
        out.push_str(&format!(
            "{}  {:width$}  {}\n",
            status_word(v.status),
            one_line(&v.rule),
            one_line(&line_reason(v, lang)),
        ));
    }
    let t = totals(verdicts);
    out.push_str(&match lang {
        Lang::En => format!(
            "{} rule{}: {} passed, {} failed, {} skipped\n",
            t.rules,
            if t.rules == 1 { "" } else { "s" },
            t.passed,
            t.failed,
            t.skipped
        ),
        Lang::Ja => format!(
            "ルール {} 件: 合格 {} 件、不合格 {} 件、対象外 {} 件\n",
            t.rules, t.passed, t.failed, t.skipped
        ),
    });
    out
}

#[derive(Serialize)]
struct CaseOut<'a> {
    case: &'a str,
    expect: &'static str,
    findings: usize,
    /// The rule's messages on the case, in the run's language.
    messages: Vec<&'a str>,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
struct RuleOut<'a> {
    rule: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    cases: Vec<CaseOut<'a>>,
}

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    rules: Vec<RuleOut<'a>>,
    summary: Totals,
}

/// The same as JSON: every rule with its cases and the totals.
pub fn json(verdicts: &[Verdict], lang: Lang) -> String {
    let rules = verdicts
        .iter()
        .map(|v| RuleOut {
            rule: &v.rule,
            status: match v.status {
                Status::Pass => "pass",
                Status::Fail => "fail",
                Status::Skip => "skip",
            },
            reason: (v.status != Status::Pass).then(|| line_reason(v, lang)),
            cases: v
                .cases
                .iter()
                .map(|c| CaseOut {
                    case: &c.name,
                    expect: match c.expect {
                        Expect::Fail => "fail",
                        Expect::Pass => "pass",
                    },
                    findings: c.findings.len(),
                    messages: c.findings.iter().map(|f| f.message.as_str()).collect(),
                    ok: c.ok(),
                    reason: reason(&v.rule, c, lang),
                })
                .collect(),
        })
        .collect();
    let report = Report {
        schema_version: 1,
        rules,
        summary: totals(verdicts),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
