//! The configuration file `kakunin.yaml`: where it is found, what it may say, and the problems
//! in it, each with its place in the file and a message in English and Japanese.
//!
//! Reading happens in two stages: [`parse`] checks the file's shape on its own (it also names the
//! extra rule directories), then [`resolve`] checks it against the rule catalog and yields the
//! [`Policy`](crate::policy::Policy) a run applies.

pub mod applied;
mod limits;
pub mod locate;
pub mod parse;
mod reader;
pub mod resolve;
pub mod schema;
pub mod setup;

use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::source::SourceFile;
use crate::yaml::Span;
use jiff::civil::Date;
use std::path::PathBuf;

/// The file names a configuration may have, in order of preference.
pub const FILE_NAMES: &[&str] = &["kakunin.yaml", "kakunin.yml"];

/// A string written in the configuration, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub text: String,
    pub span: Span,
}

/// What a rule is set to: off, or on with a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "off" => Some(Level::Off),
            other => Severity::parse(other).map(Level::On),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        }
    }
}

/// The settings of one rule: `rules: {ID: LEVEL}` or `rules: {ID: {severity, params}}`.
#[derive(Debug, Clone)]
pub struct RuleEntry {
    pub id: Named,
    pub level: Option<(Level, Span)>,
    /// Parameter name and value, each with its place.
    pub params: Vec<(Named, Named)>,
}

/// Settings for the files that match some globs (relative to the configuration's directory).
#[derive(Debug, Clone)]
pub struct OverrideEntry {
    pub paths: Vec<Named>,
    pub rules: Vec<RuleEntry>,
}

/// A compliance exception: a finding of `rule` in `pack` (at `path`, if given) is accepted
/// until `expires`, for a stated reason, by a named approver.
#[derive(Debug, Clone)]
pub struct WaiverEntry {
    /// The waiver's list item (where findings about the waiver point).
    pub span: Span,
    /// Its field path (`waivers[2]`).
    pub at: String,
    pub rule: Named,
    pub pack: Named,
    pub path: Option<Named>,
    pub reason: String,
    pub approved_by: String,
    pub expires: Date,
    pub expires_span: Span,
}

/// A configuration file as written: every setting with its place.
#[derive(Debug, Default)]
pub struct Config {
    /// The file (absent for the built-in defaults).
    pub source: Option<SourceFile>,
    /// The directory that globs and rule directories are relative to.
    pub dir: PathBuf,
    pub lang: Option<Lang>,
    pub fail_on: Option<Severity>,
    pub select: Vec<Named>,
    pub ignore: Vec<Named>,
    pub exclude: Vec<Named>,
    pub rule_dirs: Vec<Named>,
    pub rules: Vec<RuleEntry>,
    pub overrides: Vec<OverrideEntry>,
    pub waivers: Vec<WaiverEntry>,
    /// The `rule` of each waiver that has other problems, with the path of that field: still
    /// checked against the catalog, so that one pass reports every mistake of a waiver.
    pub incomplete_waiver_rules: Vec<(String, Named)>,
    /// `limits:`: each limit the file sets, with its value.
    pub limits: Vec<(crate::limits::Limit, u64)>,
}

/// One problem with the configuration or a rule file it names.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Index into [`Failure::sources`]; `None` when there is no file to point into.
    pub file: Option<usize>,
    pub span: Span,
    pub path: String,
    pub en: String,
    pub ja: String,
}

impl Problem {
    pub fn at(span: Span, path: impl Into<String>, en: String, ja: String) -> Problem {
        Problem {
            file: Some(0),
            span,
            path: path.into(),
            en,
            ja,
        }
    }
}

/// Why a run cannot start: configuration or rule-file problems (exit 2), all of them at once.
#[derive(Debug, Default)]
pub struct Failure {
    /// The files the problems point into (the configuration first).
    pub sources: Vec<SourceFile>,
    pub problems: Vec<Problem>,
    /// A path to name when a problem has no file (e.g. a `--config` that does not exist).
    pub subject: String,
}

impl Failure {
    /// The problems as findings (rule `config`), for the human renderer.
    pub fn findings(&self, lang: Lang) -> Vec<Finding> {
        let mut problems: Vec<&Problem> = self.problems.iter().collect();
        problems.sort_by_key(|p| (p.file, p.span.offset));
        problems
            .into_iter()
            .map(|p| {
                let location = match p.file.and_then(|i| self.sources.get(i)) {
                    Some(source) => Location::in_source(source, p.span, p.path.clone()),
                    None => Location::whole(self.subject.clone()),
                };
                let message = match lang {
                    Lang::En => p.en.clone(),
                    Lang::Ja => p.ja.clone(),
                };
                Finding {
                    rule: "config".into(),
                    severity: Severity::Error,
                    checklist: Vec::new(),
                    message,
                    help: String::new(),
                    pack: String::new(),
                    location,
                    related: Vec::new(),
                    fingerprint: String::new(),
                    waived: None,
                }
            })
            .collect()
    }
}

/// "did you mean" in both languages, or empty texts.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> (String, String) {
    match crate::model::issue::suggest(wrong, candidates) {
        Some(s) => (
            format!(" (did you mean `{s}`?)"),
            format!("（`{s}` の誤りではありませんか？）"),
        ),
        None => (String::new(), String::new()),
    }
}
