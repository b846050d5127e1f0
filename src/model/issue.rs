//! Problems found while loading a pack, before they are turned into findings with rule texts.

use super::code::Code;
use crate::yaml::Span;

/// A message argument: plain text, or a word that differs by language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Word {
        en: &'static str,
        ja: &'static str,
    },
    /// A text computed in both languages (a system's reason, a parser's message).
    Told {
        en: String,
        ja: String,
    },
}

/// One problem, tied to a rule id of the catalog (and optionally a message variant of that rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub rule: String,
    pub variant: Option<String>,
    /// Index of the file in the pack.
    pub file: usize,
    pub span: Span,
    pub path: String,
    pub args: Vec<(String, Arg)>,
    /// Other places that explain the problem: (file, span, label name in the rule's `labels`).
    pub related: Vec<(usize, Span, String)>,
    /// Checklist items the finding cites besides its rule's (e.g. the item left unanswered).
    pub checklist: Vec<String>,
}

impl Issue {
    /// A problem kakunin's loader raises itself, under its typed code.
    pub fn new(code: Code, file: usize, span: Span, path: impl Into<String>) -> Self {
        Issue::with_rule(code.id().to_owned(), file, span, path.into())
    }

    /// A problem a rule's check found; the engine fills in the id of the rule that ran.
    pub fn of_check(file: usize, span: Span, path: impl Into<String>) -> Self {
        Issue::with_rule(String::new(), file, span, path.into())
    }

    fn with_rule(rule: String, file: usize, span: Span, path: String) -> Self {
        Issue {
            rule,
            variant: None,
            file,
            span,
            path,
            args: Vec::new(),
            related: Vec::new(),
            checklist: Vec::new(),
        }
    }

    pub fn variant(mut self, variant: impl Into<String>) -> Self {
        let variant = variant.into();
        debug_assert!(
            self.code()
                .is_none_or(|c| c.variants().contains(&variant.as_str())),
            "`{}` declares no variant `{variant}`",
            self.rule
        );
        self.variant = Some(variant);
        self
    }

    /// The loader's code of this problem; `None` for a problem a rule's check found.
    pub fn code(&self) -> Option<Code> {
        Code::from_id(&self.rule)
    }

    pub fn arg(mut self, name: &str, value: impl Into<String>) -> Self {
        self.args.push((name.to_owned(), Arg::Plain(value.into())));
        self
    }

    /// An argument told in both languages; the finding shows the one of the run.
    pub fn told(mut self, name: &str, en: impl Into<String>, ja: impl Into<String>) -> Self {
        let (en, ja) = (en.into(), ja.into());
        self.args.push((name.to_owned(), Arg::Told { en, ja }));
        self
    }

    pub fn word(mut self, name: &str, en: &'static str, ja: &'static str) -> Self {
        self.args.push((name.to_owned(), Arg::Word { en, ja }));
        self
    }

    pub fn cite(mut self, item: impl Into<String>) -> Self {
        self.checklist.push(item.into());
        self
    }

    /// Cites the checklist item the field at issue serves, when it serves one.
    pub fn cite_item(self, item: Option<&str>) -> Self {
        match item {
            Some(item) => self.cite(item),
            None => self,
        }
    }

    pub fn related(mut self, file: usize, span: Span, label: &str) -> Self {
        debug_assert!(
            self.code().is_none_or(|c| c.labels().contains(&label)),
            "`{}` declares no label `{label}`",
            self.rule
        );
        self.related.push((file, span, label.to_owned()));
        self
    }
}

/// Names longer than this (in characters) get no suggestion: a typo of a key or an id is short,
/// and the edit distance of long strings is quadratic in their length.
const MAX_SUGGEST_CHARS: usize = 64;

/// The closest candidate to a misspelt name, if one is close enough to be a likely typo.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let chars = wrong.chars().count();
    if chars > MAX_SUGGEST_CHARS {
        return None;
    }
    let limit = (chars / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != wrong && c.len().abs_diff(wrong.len()) <= 4 * limit)
        .filter(|c| c.chars().count().abs_diff(chars) <= limit)
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["survives_termination", "staff_nda", "binds"];
        assert_eq!(
            suggest("survives_terminaton", keys),
            Some("survives_termination")
        );
        assert_eq!(suggest("bind", keys), Some("binds"));
        assert_eq!(suggest("completely_else", keys), None);
        let long = "x".repeat(10_000);
        assert_eq!(suggest(&long, [long.as_str(), "y"]), None);
    }
}
