//! The report's "configuration applied" section, whatever the format: the configuration file (or
//! none), the files found and not applied, and one row per setting that changed the run (rule
//! switched off, severity or parameter changed, waiver used) with the line that did it. The
//! HTML and Markdown renderers only lay it out; every text here is plain and escaped by them.

use super::view::Report;
use crate::config::applied::Applied;
use crate::i18n::Lang;

/// The section's content.
pub struct Section {
    pub title: &'static str,
    /// Label and value: the file, isolation, the files not applied.
    pub facts: Vec<(&'static str, String)>,
    pub head: [&'static str; 5],
    /// What, rule, checklist items, value, where (`file:line` or the flag).
    pub rows: Vec<[String; 5]>,
    /// Said when no setting changed the run.
    pub no_changes: &'static str,
}

struct Texts {
    title: &'static str,
    file: &'static str,
    defaults: &'static str,
    isolated: &'static str,
    isolated_yes: &'static str,
    not_applied: &'static str,
    none: &'static str,
    head: [&'static str; 5],
    off: &'static str,
    severity: &'static str,
    params: &'static str,
    waiver: &'static str,
    excluded: &'static str,
    /// One finding, several findings.
    findings: [&'static str; 2],
    no_changes: &'static str,
}

const JA: Texts = Texts {
    title: "適用した設定",
    file: "設定ファイル",
    defaults: "なし（既定値）",
    isolated: "--isolated",
    isolated_yes: "指定あり（--config 以外の設定ファイルは読んでいません）",
    not_applied: "適用しなかった設定ファイル",
    none: "なし",
    head: ["種類", "ルール", "確認表の項目", "設定", "設定した箇所"],
    off: "ルールを無効化",
    severity: "重大度の変更",
    params: "パラメータの変更",
    waiver: "ウェイバー（免除）",
    excluded: "除外したパス（検査していない）",
    findings: ["件の指摘", "件の指摘"],
    no_changes: "既定のルール・重大度・パラメータのまま実行しました。ウェイバーはありません。",
};

const EN: Texts = Texts {
    title: "Configuration applied",
    file: "Configuration file",
    defaults: "none (built-in defaults)",
    isolated: "--isolated",
    isolated_yes: "yes (no configuration file read but --config)",
    not_applied: "Configuration files not applied",
    none: "none",
    head: ["Kind", "Rule", "Checklist items", "Setting", "Set at"],
    off: "rule switched off",
    severity: "severity changed",
    params: "parameter changed",
    waiver: "waiver",
    excluded: "path excluded (not checked)",
    findings: ["finding", "findings"],
    no_changes: "The built-in rules, severities and parameters applied; no waiver was used.",
};

/// The section of a report.
pub fn section(report: &Report, lang: Lang) -> Section {
    build(report.configuration, lang)
}

fn build(c: &Applied, lang: Lang) -> Section {
    let t = match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    };
    let mut facts = vec![(t.file, c.file.clone().unwrap_or_else(|| t.defaults.into()))];
    if c.isolated {
        facts.push((t.isolated, t.isolated_yes.into()));
    }
    let not_applied = if c.not_applied.is_empty() {
        t.none.to_owned()
    } else {
        c.not_applied.join(", ")
    };
    facts.push((t.not_applied, not_applied));
    let mut rows = Vec::new();
    for (kind, list) in [
        (t.off, &c.rules_off),
        (t.severity, &c.severities_changed),
        (t.params, &c.params_changed),
    ] {
        for s in list {
            rows.push([
                kind.to_owned(),
                s.rule.clone(),
                s.checklist.join(", "),
                s.value.clone(),
                s.place(),
            ]);
        }
    }
    for e in &c.excluded {
        rows.push([
            t.excluded.to_owned(),
            String::new(),
            String::new(),
            e.glob.clone(),
            format!("{}:{}", e.file, e.line),
        ]);
    }
    for w in &c.waivers_used {
        rows.push([
            t.waiver.to_owned(),
            w.rule.clone(),
            w.checklist.join(", "),
            format!(
                "{} · {} {}",
                w.pack,
                w.findings,
                t.findings[usize::from(w.findings != 1)]
            ),
            format!("{}:{}", w.file, w.line),
        ]);
    }
    Section {
        title: t.title,
        facts,
        head: t.head,
        rows,
        no_changes: t.no_changes,
    }
}
