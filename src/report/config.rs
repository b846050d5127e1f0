//! `kakunin check --show-config`: the effective configuration (built-in defaults, then the
//! configuration file, then flags), written as a `kakunin.yaml` that would give the same run.

use crate::app::{CheckOptions, rule_enabled};
use crate::config::Level;
use crate::i18n::Lang;
use crate::rules::catalog::Catalog;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
#[serde(untagged)]
enum RuleOut {
    Level(&'static str),
    Full {
        severity: &'static str,
        params: BTreeMap<String, String>,
    },
}

#[derive(Serialize)]
struct OverrideOut<'a> {
    paths: &'a [String],
    rules: BTreeMap<&'a str, &'static str>,
}

#[derive(Serialize)]
struct WaiverOut<'a> {
    rule: &'a str,
    pack: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    reason: &'a str,
    approved_by: &'a str,
    expires: String,
}

#[derive(Serialize)]
struct Effective<'a> {
    lang: &'static str,
    fail_on: &'static str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    exclude: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rule_dirs: &'a [String],
    rules: BTreeMap<&'a str, RuleOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    overrides: Vec<OverrideOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    waivers: Vec<WaiverOut<'a>>,
    limits: BTreeMap<&'static str, u64>,
}

/// The effective configuration as YAML, headed by a comment naming its sources.
pub fn effective(options: &CheckOptions, catalog: &Catalog, source: Option<&str>) -> String {
    let policy = &options.policy;
    let rules = catalog
        .rules()
        .iter()
        .map(|rule| {
            let severity = if rule_enabled(&rule.id, options) {
                match policy.levels.get(&rule.id) {
                    Some(Level::On(s)) => s.as_str(),
                    _ => rule.severity.as_str(),
                }
            } else {
                "off"
            };
            let mut params = rule.params.clone();
            if let Some(set) = policy.settings.params.get(&rule.id) {
                params.extend(set.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            let out = if params.is_empty() {
                RuleOut::Level(severity)
            } else {
                RuleOut::Full { severity, params }
            };
            (rule.id.as_str(), out)
        })
        .collect();
    let doc = Effective {
        lang: match options.lang {
            Lang::En => "en",
            Lang::Ja => "ja",
        },
        fail_on: options.fail_on.as_str(),
        exclude: policy
            .exclude
            .as_ref()
            .map_or(&[][..], |g| g.patterns.as_slice()),
        rule_dirs: &policy.rule_dirs,
        rules,
        overrides: policy
            .overrides
            .iter()
            .map(|o| OverrideOut {
                paths: &o.globs.patterns,
                rules: o
                    .levels
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
            })
            .collect(),
        waivers: policy
            .waivers
            .iter()
            .map(|w| WaiverOut {
                rule: &w.rule,
                pack: &w.pack,
                path: w.path.as_deref(),
                reason: &w.reason,
                approved_by: &w.approved_by,
                expires: w.expires.to_string(),
            })
            .collect(),
        limits: crate::limits::Limit::ALL
            .iter()
            .map(|l| (l.key(), l.get(&policy.limits)))
            .collect(),
    };
    let origin = source.unwrap_or(match options.lang {
        Lang::En => "built-in defaults",
        Lang::Ja => "組み込みの既定値",
    });
    let mut header = match options.lang {
        Lang::En => {
            format!("# kakunin: effective configuration ({origin}, then command-line flags)\n")
        }
        Lang::Ja => {
            format!("# kakunin: 有効な設定（{origin}、その後にコマンドラインの指定を適用）\n")
        }
    };
    if !options.not_applied.is_empty() {
        // Names that came with the inputs: on one escaped line, so none can end the comment.
        let names = super::terminal::one_line(&options.not_applied.join(", "));
        header.push_str(&match options.lang {
            Lang::En => format!("# not applied: {names}\n"),
            Lang::Ja => format!("# 適用していない設定ファイル: {names}\n"),
        });
    }
    match crate::yaml::to_string(&doc) {
        Ok(body) => format!("{header}{body}"),
        Err(e) => format!("{header}# cannot write the configuration as YAML: {e}\n"),
    }
}
