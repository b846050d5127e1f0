//! Reading `kakunin.yaml` into a [`Config`]: every key known, every value of the right shape,
//! every problem reported with its place (unknown keys with "did you mean").

use super::reader::{Reader, join};
use super::{Config, Level, Named, OverrideEntry, Problem, RuleEntry, WaiverEntry};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::source::SourceFile;
use crate::yaml::{self, Node, ParseLimits, Span, Value};
use std::path::Path;

/// The top-level keys of a configuration.
pub const TOP_KEYS: &[&str] = &[
    "lang",
    "fail_on",
    "select",
    "ignore",
    "exclude",
    "rule_dirs",
    "rules",
    "overrides",
    "waivers",
    "limits",
];
const RULE_KEYS: &[&str] = &["severity", "params"];
const OVERRIDE_KEYS: &[&str] = &["paths", "rules"];
const WAIVER_KEYS: &[&str] = &["rule", "pack", "path", "reason", "approved_by", "expires"];
/// The words a rule's level can be.
pub const LEVELS: &[&str] = &["off", "error", "warning", "info"];

/// The parts of a configuration.
impl Reader {
    fn level(&mut self, node: &Node, path: &str) -> Option<(Level, Span)> {
        self.word(node, path, LEVELS, Level::parse)
            .map(|l| (l, node.span))
    }

    /// `rules:` (or an override's `rules:`): rule id → level, or {severity, params}.
    fn rules(&mut self, node: &Node, path: &str, allow_params: bool) -> Vec<RuleEntry> {
        let Some(entries) = node.as_map() else {
            self.expected(
                node,
                path,
                "a mapping of rule ids",
                "ルール ID のマッピング",
            );
            return Vec::new();
        };
        let mut out: Vec<RuleEntry> = Vec::new();
        for entry in entries {
            let Some(id) = self.string(&entry.key, path) else {
                continue;
            };
            let here = join(path, &id.text);
            if out.iter().any(|r| r.id.text == id.text) {
                self.problem(
                    id.span,
                    &here,
                    format!("rule `{}` is set more than once", id.text),
                    format!("ルール `{}` が重複して設定されています", id.text),
                );
                continue;
            }
            let mut rule = RuleEntry {
                id,
                level: None,
                params: Vec::new(),
            };
            let keys: &[&str] = if allow_params {
                RULE_KEYS
            } else {
                &RULE_KEYS[..1]
            };
            match &entry.value.value {
                Value::Str(_) => rule.level = self.level(&entry.value, &here),
                Value::Map(_) => {
                    for e in self.mapping(&entry.value, &here, keys) {
                        let key = e.key.as_str().unwrap_or_default();
                        let at = join(&here, key);
                        match key {
                            "severity" => rule.level = self.level(&e.value, &at),
                            _ => rule.params = self.params(&e.value, &at),
                        }
                    }
                }
                _ => self.expected(
                    &entry.value,
                    &here,
                    "`off`, a severity, or a mapping with `severity`/`params`",
                    "`off`、重大度、または `severity`/`params` を持つマッピング",
                ),
            }
            out.push(rule);
        }
        out
    }

    fn params(&mut self, node: &Node, path: &str) -> Vec<(Named, Named)> {
        let Some(entries) = node.as_map() else {
            self.expected(
                node,
                path,
                "a mapping of parameters",
                "パラメータのマッピング",
            );
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|e| {
                let name = self.string(&e.key, path)?;
                let value = self.scalar(&e.value, &join(path, &name.text))?;
                Some((name, value))
            })
            .collect()
    }

    fn overrides(&mut self, node: &Node, path: &str) -> Vec<OverrideEntry> {
        let Some(items) = node.as_seq() else {
            self.expected(node, path, "a list of overrides", "オーバーライドのリスト");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let here = format!("{path}[{i}]");
            let mut entry = OverrideEntry {
                paths: Vec::new(),
                rules: Vec::new(),
            };
            let fields = self.mapping(item, &here, OVERRIDE_KEYS);
            for e in &fields {
                let key = e.key.as_str().unwrap_or_default();
                match key {
                    "paths" => entry.paths = self.strings(&e.value, &join(&here, key)),
                    _ => entry.rules = self.rules(&e.value, &join(&here, key), false),
                }
            }
            if item.as_map().is_some() {
                self.require(item, &here, &fields, &["paths", "rules"]);
            }
            out.push(entry);
        }
        out
    }

    /// The complete waivers, and the `rule` of each incomplete one (with its path).
    fn waivers(&mut self, node: &Node, path: &str) -> (Vec<WaiverEntry>, Vec<(String, Named)>) {
        let Some(items) = node.as_seq() else {
            self.expected(
                node,
                path,
                "a list of waivers",
                "ウェイバー（例外）のリスト",
            );
            return (Vec::new(), Vec::new());
        };
        let mut complete = Vec::new();
        let mut incomplete = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            match self.waiver(item, &at) {
                Ok(w) => complete.push(w),
                Err(Some(rule)) => incomplete.push((join(&at, "rule"), rule)),
                Err(None) => {}
            }
        }
        (complete, incomplete)
    }

    /// A complete waiver, or (after reporting what is wrong) the `rule` it names, if any.
    fn waiver(&mut self, item: &Node, path: &str) -> Result<WaiverEntry, Option<Named>> {
        let fields = self.mapping(item, path, WAIVER_KEYS);
        item.as_map().ok_or(None)?;
        let before = self.problems.len();
        self.require(
            item,
            path,
            &fields,
            &["rule", "pack", "reason", "approved_by", "expires"],
        );
        let field = |name: &str| fields.iter().find(|e| e.key.as_str() == Some(name));
        let mut text = |name: &str| {
            let e = field(name)?;
            self.string(&e.value, &join(path, name))
        };
        let rule = text("rule");
        let pack = text("pack");
        let waiver_path = text("path");
        let reason = text("reason");
        let approved_by = text("approved_by");
        let expires = field("expires").and_then(|e| {
            let at = join(path, "expires");
            let named = self.string(&e.value, &at)?;
            let date = crate::model::values::parse_date(&named.text);
            if date.is_none() {
                self.problem(
                    e.value.span,
                    &at,
                    format!("`{}` is not a date YYYY-MM-DD", named.text),
                    format!("`{}` は YYYY-MM-DD 形式の日付ではありません", named.text),
                );
            }
            date.map(|d| (d, e.value.span))
        });
        let complete = (pack, reason, approved_by, expires);
        let (Some(pack), Some(reason), Some(approved_by), Some(expires), Some(rule_named)) =
            (complete.0, complete.1, complete.2, complete.3, rule.clone())
        else {
            return Err(rule);
        };
        if self.problems.len() > before {
            return Err(rule);
        }
        Ok(WaiverEntry {
            span: item.span,
            at: path.to_owned(),
            rule: rule_named,
            pack,
            path: waiver_path,
            reason: reason.text,
            approved_by: approved_by.text,
            expires: expires.0,
            expires_span: expires.1,
        })
    }
}

/// Reads a configuration from its text. `dir` is the directory its relative paths start from.
/// Returns what could be read and every problem; the caller fails when there are problems.
pub fn parse(source: SourceFile, dir: &Path) -> (Config, Vec<Problem>) {
    let mut config = Config {
        dir: dir.to_path_buf(),
        ..Config::default()
    };
    let mut reader = Reader {
        problems: Vec::new(),
    };
    let docs = match yaml::parse_stream(&source.text, ParseLimits::default()) {
        Ok(docs) => docs,
        Err(e) => {
            let offset = e
                .byte_offset
                .unwrap_or_else(|| source.offset_of(e.line, e.column));
            let problem = Problem::at(
                Span::new(offset, 1),
                "",
                format!("invalid YAML: {}", e.message),
                format!("YAML として読めません: {}", e.message),
            );
            config.source = Some(source);
            return (config, vec![problem]);
        }
    };
    if docs.len() > 1 {
        reader.problem(
            docs[1].span,
            "",
            "a configuration holds one YAML document".into(),
            "設定ファイルには YAML 文書を 1 つだけ記述します".into(),
        );
    }
    if let Some(root) = docs.first().filter(|d| !d.is_null()) {
        for entry in reader.mapping(root, "", TOP_KEYS) {
            let key = entry.key.as_str().unwrap_or_default();
            let value = &entry.value;
            match key {
                "lang" => {
                    config.lang = reader.word(value, key, &["en", "ja"], |t| match t {
                        "en" => Some(Lang::En),
                        "ja" => Some(Lang::Ja),
                        _ => None,
                    })
                }
                "fail_on" => {
                    config.fail_on =
                        reader.word(value, key, &["error", "warning", "info"], Severity::parse)
                }
                "select" => config.select = reader.strings(value, key),
                "ignore" => config.ignore = reader.strings(value, key),
                "exclude" => config.exclude = reader.strings(value, key),
                "rule_dirs" => config.rule_dirs = reader.strings(value, key),
                "rules" => config.rules = reader.rules(value, key, true),
                "overrides" => config.overrides = reader.overrides(value, key),
                "limits" => config.limits = reader.limits(value, key),
                _ => {
                    (config.waivers, config.incomplete_waiver_rules) = reader.waivers(value, key);
                }
            }
        }
    }
    config.source = Some(source);
    (config, reader.problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(text: &str) -> Result<Config, Vec<Problem>> {
        let source = SourceFile::new(
            "kakunin.yaml".into(),
            PathBuf::from("kakunin.yaml"),
            text.into(),
        );
        let (config, problems) = parse(source, Path::new("."));
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    #[test]
    fn a_full_configuration_reads() {
        let config = read(
            "lang: ja\nfail_on: warning\nselect: [a]\nignore: [b]\nexclude: ['old/**']\nrule_dirs: [policy]\nrules:\n  x: off\n  y: {severity: info, params: {max: P6M, min: 99.5}}\noverrides:\n  - paths: ['legacy/**']\n    rules: {z: warning}\nwaivers:\n  - {rule: r, pack: p, reason: why, approved_by: 委員会, expires: 2027-03-31}\n",
        )
        .unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(config.lang, Some(Lang::Ja));
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert_eq!(config.rules.len(), 2);
        assert_eq!(config.rules[1].params[1].1.text, "99.5");
        assert_eq!(
            config.overrides[0].rules[0].level.map(|l| l.0),
            Some(Level::On(Severity::Warning))
        );
        assert_eq!(config.waivers[0].approved_by, "委員会");
    }

    #[test]
    fn every_problem_is_reported_at_once_with_suggestions() {
        let problems = read(
            "lang: fr\nfail-on: error\nrules:\n  x: {severty: off}\nwaivers:\n  - {rule: r, pack: p, expires: 2027-02-30}\n",
        )
        .err()
        .unwrap_or_default();
        let messages: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("`fr`")), "{messages:#?}");
        assert!(
            messages
                .iter()
                .any(|m| m.contains("did you mean `fail_on`")),
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("did you mean `severity`")),
            "{messages:#?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`reason` is required")),
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`approved_by` is required")),
            "{messages:#?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("not a date")),
            "{messages:#?}"
        );
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = read("# nothing yet\n").unwrap_or_else(|p| panic!("{p:?}"));
        assert!(config.rules.is_empty() && config.lang.is_none());
    }
}
