//! Checking a [`Config`] against the rule catalog and turning it into a [`Policy`]: rule ids
//! exist, parameters exist and have the kind of their default, globs compile.

use super::{Config, Named, Problem, RuleEntry, did_you_mean};
use crate::config::locate::absolute;
use crate::model::values;
use crate::policy::{PathGlobs, PathOverride, Policy};
use crate::rules::catalog::Catalog;
use crate::waiver::Waiver;
use globset::{GlobBuilder, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The kinds a rule parameter can have, taken from its default value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamKind {
    Duration,
    Date,
    Number,
    Text,
}

impl ParamKind {
    fn of(text: &str) -> ParamKind {
        if values::parse_duration(text).is_some() {
            ParamKind::Duration
        } else if values::parse_date(text).is_some() {
            ParamKind::Date
        } else if text.parse::<f64>().is_ok_and(f64::is_finite) {
            ParamKind::Number
        } else {
            ParamKind::Text
        }
    }

    fn words(self) -> (&'static str, &'static str) {
        match self {
            ParamKind::Duration => (
                "an ISO-8601 duration such as P1Y",
                "P1Y のような ISO-8601 期間",
            ),
            ParamKind::Date => ("a date YYYY-MM-DD", "YYYY-MM-DD 形式の日付"),
            ParamKind::Number => ("a number", "数値"),
            ParamKind::Text => ("text", "文字列"),
        }
    }
}

struct Resolver<'a> {
    catalog: &'a Catalog,
    problems: Vec<Problem>,
}

impl Resolver<'_> {
    /// Whether a rule id exists; reports it (with a suggestion) when it does not.
    fn rule(&mut self, id: &Named, path: &str) -> bool {
        if self.catalog.get(&id.text).is_some() {
            return true;
        }
        let ids = self.catalog.rules().iter().map(|r| r.id.as_str());
        let (en, ja) = did_you_mean(&id.text, ids);
        self.problems.push(Problem::at(
            id.span,
            path,
            format!("unknown rule `{}`{en}; `kakunin rules` lists them", id.text),
            format!(
                "ルール `{}` はありません{ja}。`kakunin rules` で一覧を確認できます",
                id.text
            ),
        ));
        false
    }

    fn rule_ids(&mut self, list: &[Named], path: &str) -> Vec<String> {
        list.iter()
            .enumerate()
            .filter(|(i, id)| self.rule(id, &format!("{path}[{i}]")))
            .map(|(_, id)| id.text.clone())
            .collect()
    }

    fn globs(&mut self, patterns: &[Named], base: &Path, path: &str) -> Option<PathGlobs> {
        let mut builder = GlobSetBuilder::new();
        let mut ok = true;
        for (i, pattern) in patterns.iter().enumerate() {
            match GlobBuilder::new(&pattern.text)
                .literal_separator(true)
                .build()
            {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(e) => {
                    ok = false;
                    self.problems.push(Problem::at(
                        pattern.span,
                        format!("{path}[{i}]"),
                        format!("`{}` is not a valid glob: {}", pattern.text, e.kind()),
                        format!(
                            "`{}` は正しいグロブではありません: {}",
                            pattern.text,
                            e.kind()
                        ),
                    ));
                }
            }
        }
        let set = builder.build().ok().filter(|_| ok)?;
        Some(PathGlobs {
            base: base.to_path_buf(),
            set,
            patterns: patterns.iter().map(|p| p.text.clone()).collect(),
        })
    }

    fn params(&mut self, rule: &RuleEntry, path: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(defaults) = self.catalog.get(&rule.id.text).map(|r| r.params.clone()) else {
            return out;
        };
        for (name, value) in &rule.params {
            let here = format!("{path}.params.{}", name.text);
            let Some(default) = defaults.get(&name.text) else {
                let (en, ja) = if defaults.is_empty() {
                    (
                        format!("rule `{}` has no parameters", rule.id.text),
                        format!("ルール `{}` にはパラメータがありません", rule.id.text),
                    )
                } else {
                    let names: Vec<&str> = defaults.keys().map(String::as_str).collect();
                    let (hint_en, hint_ja) = did_you_mean(&name.text, names.iter().copied());
                    (
                        format!(
                            "rule `{}` has no parameter `{}`{hint_en}; it has: {}",
                            rule.id.text,
                            name.text,
                            names.join(", ")
                        ),
                        format!(
                            "ルール `{}` にパラメータ `{}` はありません{hint_ja}。使えるパラメータ: {}",
                            rule.id.text,
                            name.text,
                            names.join(", ")
                        ),
                    )
                };
                self.problems.push(Problem::at(name.span, here, en, ja));
                continue;
            };
            let kind = ParamKind::of(default);
            if kind != ParamKind::Text && ParamKind::of(&value.text) != kind {
                let (en, ja) = kind.words();
                self.problems.push(Problem::at(
                    value.span,
                    here,
                    format!(
                        "`{}` is not {en}, which parameter `{}` takes (default `{default}`)",
                        value.text, name.text
                    ),
                    format!(
                        "`{}` は「{ja}」ではありません。パラメータ `{}` には「{ja}」を指定します（既定値 `{default}`）",
                        value.text, name.text
                    ),
                ));
                continue;
            }
            out.insert(name.text.clone(), value.text.clone());
        }
        out
    }
}

/// The globs that keep each rule directory below the configuration's directory out of
/// discovery: its rule files and fixtures are not pack documents. Each glob carries the span
/// of its `rule_dirs:` entry; a directory outside the configuration's is not walked for packs
/// unless named on the command line, and then its files are read as the user asked.
fn rule_dir_globs(config: &Config, base: &Path, cwd: &Path) -> Vec<Named> {
    let mut out = Vec::new();
    for dir in &config.rule_dirs {
        let abs = absolute(&base.join(&dir.text), cwd);
        let Ok(rel) = abs.strip_prefix(base) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() {
            continue;
        }
        let escaped = globset::escape(&rel);
        for text in [escaped.clone(), format!("{escaped}/**")] {
            out.push(Named {
                text,
                span: dir.span,
            });
        }
    }
    out
}

/// Checks the configuration against the catalog and builds the run's policy.
pub fn resolve(config: &Config, catalog: &Catalog, cwd: &Path) -> Result<Policy, Vec<Problem>> {
    let mut r = Resolver {
        catalog,
        problems: Vec::new(),
    };
    let base = absolute(&config.dir, cwd);
    let mut policy = Policy {
        lang: config.lang,
        fail_on: config.fail_on,
        select: r.rule_ids(&config.select, "select"),
        ignore: r.rule_ids(&config.ignore, "ignore"),
        rule_dirs: config.rule_dirs.iter().map(|d| d.text.clone()).collect(),
        ..Policy::default()
    };
    for (limit, value) in &config.limits {
        limit.set(&mut policy.limits, *value);
    }
    for rule in &config.rules {
        let path = format!("rules.{}", rule.id.text);
        if !r.rule(&rule.id, &path) {
            continue;
        }
        if let Some((level, _)) = rule.level {
            policy.levels.insert(rule.id.text.clone(), level);
        }
        let params = r.params(rule, &path);
        if !params.is_empty() {
            policy.settings.params.insert(rule.id.text.clone(), params);
        }
    }
    let rule_dirs = rule_dir_globs(config, &base, cwd);
    if !config.exclude.is_empty() || !rule_dirs.is_empty() {
        let mut all = config.exclude.clone();
        all.extend(rule_dirs.iter().cloned());
        policy.exclude = r.globs(&all, &base, "exclude");
    }
    for (i, o) in config.overrides.iter().enumerate() {
        let path = format!("overrides[{i}]");
        let globs = r.globs(&o.paths, &base, &format!("{path}.paths"));
        let mut levels = BTreeMap::new();
        for rule in &o.rules {
            if r.rule(&rule.id, &format!("{path}.rules.{}", rule.id.text))
                && let Some((level, _)) = rule.level
            {
                levels.insert(rule.id.text.clone(), level);
            }
        }
        if let Some(globs) = globs {
            policy.overrides.push(PathOverride { globs, levels });
        }
    }
    for (path, rule) in &config.incomplete_waiver_rules {
        r.rule(rule, path);
    }
    for w in &config.waivers {
        if !r.rule(&w.rule, &format!("{}.rule", w.at)) {
            continue;
        }
        policy.waivers.push(Waiver {
            rule: w.rule.text.clone(),
            pack: w.pack.text.clone(),
            path: w.path.as_ref().map(|p| p.text.clone()),
            reason: w.reason.clone(),
            approved_by: w.approved_by.clone(),
            expires: w.expires,
            span: w.rule.span,
            expires_span: w.expires_span,
        });
    }
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    policy.origins = super::applied::Origins::of(config);
    let line = |offset: usize| config.source.as_ref().map_or(0, |s| s.line_col(offset).0);
    let shown = rule_dirs.iter().filter(|g| g.text.ends_with("/**"));
    policy
        .origins
        .exclude
        .extend(shown.map(|g| (g.text.clone(), line(g.span.offset))));
    policy.source = config.source.as_ref().map(|s| {
        Arc::new(crate::source::SourceFile::new(
            s.display.clone(),
            s.path.clone(),
            s.text.clone(),
        ))
    });
    Ok(policy)
}
