//! The configuration a run applied, as every output states it: the file (or none), the files
//! found but not applied, the rules switched off, the severities and parameters changed and the
//! waivers used, each with the line of the configuration (or the flag) that did it.

use super::{Config, Level};
use serde::Serialize;
use std::collections::BTreeMap;

/// One override's rule levels: the rule, its level, and the line it is written on.
pub type OverrideLevels = Vec<(String, Level, usize)>;

/// Where in the configuration file each rule setting was written (1-based lines).
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// The first entry of `select:`, when it names rules.
    pub select: Option<usize>,
    pub ignore: BTreeMap<String, usize>,
    pub levels: BTreeMap<String, usize>,
    pub params: BTreeMap<String, usize>,
    /// Per override: its index, globs, and each rule's level with its line.
    pub overrides: Vec<(usize, Vec<String>, OverrideLevels)>,
    /// Each `exclude:` glob, with its line.
    pub exclude: Vec<(String, usize)>,
}

impl Origins {
    /// The lines of every rule setting of a configuration file.
    pub fn of(config: &Config) -> Origins {
        let line = |offset: usize| config.source.as_ref().map_or(0, |s| s.line_col(offset).0);
        let mut o = Origins {
            select: config.select.first().map(|n| line(n.span.offset)),
            ..Origins::default()
        };
        for n in &config.ignore {
            o.ignore.insert(n.text.clone(), line(n.span.offset));
        }
        for r in &config.rules {
            if let Some((_, span)) = r.level {
                o.levels.insert(r.id.text.clone(), line(span.offset));
            }
            if let Some((name, _)) = r.params.first() {
                o.params.insert(r.id.text.clone(), line(name.span.offset));
            }
        }
        for n in &config.exclude {
            o.exclude.push((n.text.clone(), line(n.span.offset)));
        }
        for (i, ov) in config.overrides.iter().enumerate() {
            let rules = ov
                .rules
                .iter()
                .filter_map(|r| {
                    r.level
                        .map(|(level, span)| (r.id.text.clone(), level, line(span.offset)))
                })
                .collect();
            let globs = ov.paths.iter().map(|p| p.text.clone()).collect();
            o.overrides.push((i, globs, rules));
        }
        o
    }
}

/// One rule setting that made the run differ from the built-in defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    pub rule: String,
    /// The checklist items the rule checks.
    pub checklist: Vec<String>,
    /// The rule checks the answer to every item of a checklist record (it runs over
    /// `checklist_items`), whatever its own items.
    #[serde(skip)]
    pub every_item: bool,
    /// `off`, the new severity, `NAME=VALUE` for parameters, or `off for GLOB` (overrides).
    pub value: String,
    /// What did it: `select`, `ignore`, `rules`, `overrides[N]` (the file), `--select`, `--ignore`.
    pub by: String,
    /// The configuration file, when the file did it (null for a flag).
    pub file: Option<String>,
    /// The line in that file.
    pub line: Option<usize>,
}

impl Setting {
    /// `file:line` (or the flag) that did it.
    pub fn place(&self) -> String {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            _ => self.by.clone(),
        }
    }
}

/// A glob of `exclude:`: the paths it matches were left out of discovery, so nothing checked them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    pub glob: String,
    pub file: String,
    pub line: usize,
}

/// A waiver that accepted findings in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverUse {
    pub rule: String,
    /// The checklist items of the findings it accepted.
    pub checklist: Vec<String>,
    pub pack: String,
    pub file: String,
    pub line: usize,
    /// How many findings it accepted.
    pub findings: usize,
}

/// The configuration a run applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// The configuration file applied, or null for the built-in defaults.
    pub file: Option<String>,
    /// `--isolated`: the user's own configuration and the inputs' were not looked at.
    pub isolated: bool,
    /// Configuration files found (with the inputs, inside them, or the user's under
    /// `--isolated`/`--no-config`) and not applied.
    pub not_applied: Vec<String>,
    pub rules_off: Vec<Setting>,
    pub severities_changed: Vec<Setting>,
    pub params_changed: Vec<Setting>,
    /// Paths left out of discovery (`exclude:`).
    pub excluded: Vec<Excluded>,
    pub waivers_used: Vec<WaiverUse>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Applied {
    /// Whether a rule was switched off (for every file or for some paths), and by what.
    pub fn off(&self, rule: &str) -> Option<&Setting> {
        self.rules_off.iter().find(|s| s.rule == rule)
    }

    /// The waiver used for a finding of `rule` in `pack`, if any.
    pub fn waiver(&self, rule: &str, pack: &str) -> Option<&WaiverUse> {
        self.waivers_used
            .iter()
            .find(|w| w.rule == rule && w.pack == pack)
    }

    /// One short line: "configuration: kakunin.yaml (2 rules off, 1 severity changed, …)".
    pub fn line_en(&self) -> String {
        let mut parts = Vec::new();
        let counts = [
            (self.rules_off.len(), "rule off", "rules off"),
            (
                self.severities_changed.len(),
                "severity changed",
                "severities changed",
            ),
            (
                self.params_changed.len(),
                "parameter changed",
                "parameters changed",
            ),
            (self.excluded.len(), "path excluded", "paths excluded"),
            (self.waivers_used.len(), "waiver used", "waivers used"),
            (
                self.not_applied.len(),
                "file not applied",
                "files not applied",
            ),
        ];
        for (n, one, many) in counts {
            if n > 0 {
                parts.push(plural(n, one, many));
            }
        }
        let file = self.file.as_deref().unwrap_or("none (built-in defaults)");
        let isolated = if self.isolated { " --isolated" } else { "" };
        if parts.is_empty() {
            format!("configuration: {file}{isolated}")
        } else {
            format!("configuration: {file}{isolated} ({})", parts.join(", "))
        }
    }

    /// The same line in Japanese.
    pub fn line_ja(&self) -> String {
        let mut parts = Vec::new();
        let counts = [
            (self.rules_off.len(), "無効にしたルール"),
            (self.severities_changed.len(), "重大度の変更"),
            (self.params_changed.len(), "パラメータの変更"),
            (self.excluded.len(), "除外したパス"),
            (self.waivers_used.len(), "適用したウェイバー"),
            (self.not_applied.len(), "適用しなかった設定ファイル"),
        ];
        for (n, what) in counts {
            if n > 0 {
                parts.push(format!("{what} {n} 件"));
            }
        }
        let file = self.file.as_deref().unwrap_or("なし（既定値）");
        let isolated = if self.isolated { " --isolated" } else { "" };
        if parts.is_empty() {
            format!("設定: {file}{isolated}")
        } else {
            format!("設定: {file}{isolated}（{}）", parts.join("、"))
        }
    }
}
