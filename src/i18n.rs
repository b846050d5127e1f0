//! Languages and bilingual text: every user-facing message exists in English and Japanese.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The language from `LANG`/`LC_ALL`/`LC_MESSAGES` (`ja_JP.UTF-8` → Japanese).
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var)
                && !value.is_empty()
            {
                return if value.starts_with("ja") {
                    Lang::Ja
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// Fills `{name}` placeholders from `args`; unknown placeholders are left as they are.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Placeholders used in a template, for catalog validation.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// The placeholders of a template that kakunin fills: `{name}` with a lower-case ASCII name.
/// Other braces (`{ref: 第10条}` in a help text is YAML shown to the reader) are text.
pub fn named_placeholders(template: &str) -> Vec<&str> {
    placeholders(template)
        .into_iter()
        .filter(|p| {
            p.starts_with(|c: char| c.is_ascii_lowercase())
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_and_keeps_unknown_placeholders() {
        let args = [("vendor", "ひかり".to_string())];
        assert_eq!(
            fill("{vendor} has no SLA {x}", &args),
            "ひかり has no SLA {x}"
        );
        assert_eq!(fill("unclosed {brace", &args), "unclosed {brace");
    }

    #[test]
    fn placeholders_lists_names() {
        assert_eq!(placeholders("a {x} b {y}"), vec!["x", "y"]);
    }
}
