//! The rule catalog: rule files (built-in `rules/*.yaml`, or a user's directory) parsed and
//! validated, and the texts that turn an [`Issue`] into a [`Finding`].

use super::spec::Check;
use crate::finding::{Finding, Location, Related, Severity};
use crate::i18n::{Lang, Text, fill, named_placeholders};
use crate::model::Pack;
use crate::model::issue::{Arg, Issue};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A passing and a failing example, in pack YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    pub pass: String,
    pub fail: String,
    /// The date the examples are written for (`YYYY-MM-DD`): `kakunin rules verify` checks
    /// them as of that day.
    #[serde(default)]
    pub today: Option<String>,
}

/// One rule as written in its YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title: Text,
    pub severity: Severity,
    #[serde(default)]
    pub checklist: Vec<String>,
    #[serde(default)]
    pub guidelines: Vec<String>,
    pub rationale: Text,
    pub message: Text,
    /// Alternative messages a check can pick (e.g. `suggestion`, `mismatch`).
    #[serde(default)]
    pub variants: BTreeMap<String, Text>,
    /// Labels of related locations (e.g. `first`: "first defined here").
    #[serde(default)]
    pub labels: BTreeMap<String, Text>,
    pub help: Text,
    /// Help for one variant, when it needs its own (a date that does not exist, a Japanese
    /// answer); the others use `help`.
    #[serde(default)]
    pub variant_help: BTreeMap<String, Text>,
    /// Parameters the check reads as `$param.NAME`; configuration may override them.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    pub check: Check,
    pub examples: Examples,
}

/// A problem with a rule file.
#[derive(Debug, Clone)]
pub struct CatalogError {
    pub file: String,
    pub message: String,
    /// The message in Japanese.
    pub message_ja: String,
    /// Byte offset of the problem in the rule file, when it is known.
    pub offset: Option<usize>,
}

impl CatalogError {
    fn new(file: String, offset: Option<usize>, message: Text) -> CatalogError {
        CatalogError {
            file,
            message: message.en,
            message_ja: message.ja,
            offset,
        }
    }

    /// The message in the run's language.
    pub fn message_in(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_ja)
    }
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// The rules of a run, in id order.
#[derive(Debug, Clone)]
pub struct Catalog {
    rules: Vec<Rule>,
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// The built-in catalog: its compiled form (JSON made at build time), or, if a rule has
    /// none or it does not validate, the rule files themselves, with every error they hold.
    pub fn builtin() -> Result<Catalog, Vec<CatalogError>> {
        if let Some(catalog) = Catalog::compiled() {
            return Ok(catalog);
        }
        Catalog::from_yaml_sources()
    }

    /// The built-in catalog with every load-time check made, as for a user's rule files:
    /// what `kakunin rules verify` runs on.
    pub fn builtin_checked() -> Result<Catalog, Vec<CatalogError>> {
        Catalog::from_yaml_sources()
    }

    /// The built-in catalog read from its compiled form. The load-time checks of paths,
    /// references and texts run in debug builds (the test suite, where every built-in rule must
    /// pass them) and in `kakunin rules verify`; a release binary trusts the rules it embeds
    /// and that its tests proved, instead of proving them again at every start.
    fn compiled() -> Option<Catalog> {
        let mut rules = Vec::with_capacity(BUILTIN_RULES_JSON.len());
        for ((stem, _), json) in BUILTIN_RULES.iter().zip(BUILTIN_RULES_JSON) {
            let rule: Rule = serde_json::from_str(json).ok()?;
            validate_rule(&rule, stem).ok()?;
            if cfg!(debug_assertions)
                && (!super::validate::check(&rule.check, &rule.params).is_empty()
                    || !super::emits::problems(&rule).is_empty())
            {
                return None;
            }
            rules.push(rule);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let by_id: HashMap<String, usize> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        (by_id.len() == rules.len() && rules.len() == BUILTIN_RULES.len())
            .then_some(Catalog { rules, by_id })
    }

    /// The built-in catalog parsed from the rule files' YAML.
    fn from_yaml_sources() -> Result<Catalog, Vec<CatalogError>> {
        Catalog::from_sources(
            BUILTIN_RULES
                .iter()
                .map(|(stem, text)| (format!("rules/{stem}.yaml"), (*stem).to_owned(), *text)),
        )
    }

    /// Parses and validates rule files given as (display name, file stem, text); reports every error.
    pub fn from_sources<'t>(
        sources: impl IntoIterator<Item = (String, String, &'t str)>,
    ) -> Result<Catalog, Vec<CatalogError>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (file, stem, text) in sources {
            match crate::yaml::from_str::<Rule>(text) {
                Ok(rule) => match validate_rule(&rule, &stem) {
                    Ok(()) => {
                        let problems = super::validate::check(&rule.check, &rule.params);
                        let texts = super::emits::problems(&rule);
                        for (key, message) in &texts {
                            errors.push(CatalogError::new(
                                file.clone(),
                                key_offset(text, key),
                                message.clone(),
                            ));
                        }
                        if problems.is_empty() && texts.is_empty() {
                            rules.push(rule);
                        }
                        for p in problems {
                            let offset = locate(text, "check", &p.text)
                                .or_else(|| key_offset(text, "check"));
                            errors.push(CatalogError::new(file.clone(), offset, p.message));
                        }
                    }
                    Err((key, message)) => {
                        errors.push(CatalogError::new(file, key_offset(text, key), message))
                    }
                },
                Err(e) => {
                    // A bad value inside `check:` is reported at the check (its kind is read
                    // first); the value the message quotes is found to point at it.
                    let quoted = e.message.split('`').nth(1).unwrap_or_default();
                    let exact = (!quoted.is_empty())
                        .then(|| locate(text, "check", quoted))
                        .flatten();
                    let offset = exact.or(e.byte_offset).or_else(|| {
                        (e.line > 0).then(|| {
                            let source =
                                SourceFile::new(String::new(), Default::default(), text.into());
                            source.offset_of(e.line, e.column)
                        })
                    });
                    let ja = crate::yaml_words::typed_message_ja(&e.message);
                    errors.push(CatalogError::new(file, offset, Text::new(e.message, ja)))
                }
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let mut by_id = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            if by_id.insert(rule.id.clone(), i).is_some() {
                errors.push(CatalogError::new(
                    rule.id.clone(),
                    None,
                    Text::new("rule id defined twice", "ルール ID が二度定義されています"),
                ));
            }
        }
        if errors.is_empty() {
            Ok(Catalog { rules, by_id })
        } else {
            Err(errors)
        }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    /// Adds rules (e.g. a user's directory); an id already present is an error.
    pub fn extend(&mut self, other: Catalog) -> Result<(), Vec<CatalogError>> {
        let clashes: Vec<CatalogError> = other
            .rules
            .iter()
            .filter(|r| self.by_id.contains_key(&r.id))
            .map(|r| {
                CatalogError::new(
                    r.id.clone(),
                    None,
                    Text::new(
                        format!("a rule with the id `{}` already exists", r.id),
                        format!("ID が `{}` のルールは既にあります", r.id),
                    ),
                )
            })
            .collect();
        if !clashes.is_empty() {
            return Err(clashes);
        }
        self.rules.extend(other.rules);
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        self.by_id = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        Ok(())
    }

    /// Turns an issue into a finding in the run's language. Unknown rules become internal findings.
    pub fn finding(&self, issue: &Issue, pack: &Pack, lang: Lang) -> Finding {
        let args: Vec<(&str, String)> = issue
            .args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Plain(s) => s.clone(),
                    Arg::Word { en, ja } => lang.pick(en, ja).to_owned(),
                    Arg::Told { en, ja } => lang.pick(en, ja).to_owned(),
                };
                (k.as_str(), value)
            })
            .collect();
        let location = |file: usize, span, path: String| match pack.files.get(file) {
            Some(source) => Location::in_source(source, span, path),
            None => Location::whole(pack.id.clone()),
        };
        let fingerprint = issue_fingerprint(issue, pack);
        let Some(rule) = self.get(&issue.rule) else {
            return Finding {
                rule: issue.rule.clone(),
                severity: Severity::Error,
                checklist: Vec::new(),
                message: format!("internal: no rule `{}` in the catalog", issue.rule),
                help: String::new(),
                pack: pack.id.clone(),
                location: location(issue.file, issue.span, issue.path.clone()),
                related: Vec::new(),
                fingerprint,
                waived: None,
            };
        };
        // Load-time checks make a missing variant or label impossible for the rule engine's
        // kinds; should one still occur, the finding says so instead of showing another text.
        let template = match &issue.variant {
            None => rule.message.get(lang).to_owned(),
            Some(v) => match rule.variants.get(v) {
                Some(text) => text.get(lang).to_owned(),
                None => format!(
                    "internal: rule `{}` has no message variant `{v}` ({})",
                    rule.id,
                    rule.message.get(lang).trim()
                ),
            },
        };
        let related = issue
            .related
            .iter()
            .map(|(file, span, label)| Related {
                location: location(*file, *span, String::new()),
                label: rule.labels.get(label).map_or_else(
                    || format!("internal: rule `{}` has no label `{label}`", rule.id),
                    |t| fill(t.get(lang), &args),
                ),
            })
            .collect();
        // Load-time checks prove every placeholder is filled; debug builds (the test suite)
        // hold each finding made to that.
        let help = issue
            .variant
            .as_ref()
            .and_then(|v| rule.variant_help.get(v))
            .unwrap_or(&rule.help)
            .get(lang);
        let texts = [template.as_str(), help];
        for text in texts.into_iter().filter(|_| cfg!(debug_assertions)) {
            let unfilled: Vec<&str> = named_placeholders(text)
                .into_iter()
                .filter(|p| !args.iter().any(|(k, _)| k == p))
                .collect();
            debug_assert!(
                unfilled.is_empty(),
                "rule `{}` variant {:?}: {unfilled:?} not filled",
                rule.id,
                issue.variant
            );
        }
        Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            checklist: cited(&rule.checklist, &issue.checklist),
            message: fill(template.trim(), &args),
            help: fill(help.trim(), &args),
            pack: pack.id.clone(),
            location: location(issue.file, issue.span, issue.path.clone()),
            related,
            fingerprint,
            waived: None,
        }
    }
}

/// The rule's checklist items, then the items the issue cites that the rule does not.
fn cited(rule: &[String], issue: &[String]) -> Vec<String> {
    let mut items = rule.to_vec();
    for item in issue {
        if !items.contains(item) {
            items.push(item.clone());
        }
    }
    items
}

/// The finding's stable key: rule, pack, file relative to the pack root, field path, variant
/// and message arguments (in English; `today` left out, as it changes every day).
fn issue_fingerprint(issue: &Issue, pack: &Pack) -> String {
    let file = pack.files.get(issue.file).map_or(String::new(), |f| {
        f.path
            .strip_prefix(&pack.root)
            .unwrap_or(&f.path)
            .to_string_lossy()
            .replace('\\', "/")
    });
    let args = issue
        .args
        .iter()
        .filter(|(name, _)| name != "today")
        .flat_map(|(name, value)| {
            let value = match value {
                Arg::Plain(s) => s.as_str(),
                Arg::Word { en, .. } => en,
                Arg::Told { en, .. } => en.as_str(),
            };
            [name.as_str(), value]
        });
    crate::finding::fingerprint(
        [
            issue.rule.as_str(),
            pack.id.as_str(),
            file.as_str(),
            issue.path.as_str(),
            issue.variant.as_deref().unwrap_or_default(),
        ]
        .into_iter()
        .chain(args),
    )
}

/// The byte offset of a top-level key of a rule file, to point an error at it.
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let docs = crate::yaml::parse_stream(text, Default::default()).ok()?;
    docs.first()?.entry(key).map(|e| e.key.span.offset)
}

/// The byte offset of the first key or scalar under the top-level key `near` whose text is
/// `needle`: the value a problem is about.
fn locate(text: &str, near: &str, needle: &str) -> Option<usize> {
    fn find(node: &crate::yaml::Node, needle: &str) -> Option<usize> {
        if let Some(entries) = node.as_map() {
            return entries.iter().find_map(|e| {
                (e.key.scalar_text().as_deref() == Some(needle))
                    .then_some(e.key.span.offset)
                    .or_else(|| find(&e.value, needle))
            });
        }
        if let Some(items) = node.as_seq() {
            return items.iter().find_map(|i| find(i, needle));
        }
        (node.scalar_text().as_deref() == Some(needle)).then_some(node.span.offset)
    }
    let docs = crate::yaml::parse_stream(text, Default::default()).ok()?;
    find(docs.first()?.get(near)?, needle)
}

/// Checks a parsed rule; an error names the top-level key it is about.
fn validate_rule(rule: &Rule, stem: &str) -> Result<(), (&'static str, Text)> {
    let id = &rule.id;
    if *id != stem {
        return Err((
            "id",
            Text::new(
                format!("rule id `{id}` does not match its file name `{stem}`"),
                format!("ルール ID `{id}` がファイル名 `{stem}` と一致しません"),
            ),
        ));
    }
    if !crate::model::values::is_id(id) {
        return Err((
            "id",
            Text::new(
                format!("rule id `{id}` must match ^[a-z0-9][a-z0-9-]{{0,62}}$"),
                format!("ルール ID `{id}` は ^[a-z0-9][a-z0-9-]{{0,62}}$ に合う必要があります"),
            ),
        ));
    }
    for item in &rule.checklist {
        if !crate::model::values::is_item_id(item) {
            return Err((
                "checklist",
                Text::new(
                    format!("`{item}` is not a checklist item id (like P2-A6 or P1-B3-1)"),
                    format!("`{item}` は確認表の項目 ID（P2-A6、P1-B3-1 など）ではありません"),
                ),
            ));
        }
    }
    let texts = [&rule.title, &rule.rationale, &rule.message, &rule.help];
    if texts
        .into_iter()
        .chain(rule.variants.values())
        .any(|t| t.en.trim().is_empty() || t.ja.trim().is_empty())
    {
        return Err((
            "id",
            Text::new(
                "every text needs both `en` and `ja`",
                "すべての文言に `en` と `ja` の両方が必要です",
            ),
        ));
    }
    if let Some(day) = &rule.examples.today
        && day.parse::<jiff::civil::Date>().is_err()
    {
        return Err((
            "examples",
            Text::new(
                format!("`examples.today` `{day}` is not a date (YYYY-MM-DD)"),
                format!("`examples.today` の `{day}` は日付（YYYY-MM-DD）ではありません"),
            ),
        ));
    }
    rule.check.validate(rule).map_err(|m| ("check", m))
}

#[cfg(test)]
#[path = "catalog_tests.rs"]
mod tests;
