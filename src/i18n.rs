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

impl Lang {
    /// One of two texts, the one in this language.
    pub fn pick<'a>(self, en: &'a str, ja: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }
}

/// Why a file operation failed, in the run's language. The system's own text is English
/// whatever the locale, so the common reasons are told here; any other is the system's text
/// (marked as such in Japanese).
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let known = match error.kind() {
        K::NotFound => Some((
            "no such file or directory",
            "ファイルまたはディレクトリがありません",
        )),
        K::PermissionDenied => Some(("permission denied", "アクセスが許可されていません")),
        K::AlreadyExists => Some(("it already exists", "既に存在します")),
        K::IsADirectory => Some(("it is a directory", "ディレクトリです")),
        K::NotADirectory => Some((
            "a part of the path is not a directory",
            "パスの途中がディレクトリではありません",
        )),
        K::StorageFull => Some(("no space left on the device", "ディスクの空きがありません")),
        K::ReadOnlyFilesystem => Some((
            "the file system is read-only",
            "読み取り専用のファイルシステムです",
        )),
        K::InvalidData => Some(("the data is not valid", "データが不正です")),
        K::InvalidFilename => Some((
            "the file name is too long or not valid",
            "ファイル名が長すぎるか不正です",
        )),
        K::UnexpectedEof => Some(("the data ended early", "データが途中で終わっています")),
        _ => None,
    };
    match (known, lang) {
        (Some((en, ja)), _) => lang.pick(en, ja).to_owned(),
        (None, Lang::En) => error.to_string(),
        (None, Lang::Ja) => format!("入出力エラー（システムの表示: {error}）"),
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ja: ja.into(),
        }
    }

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
    fn io_reasons_are_in_the_run_language() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_reason(&missing, Lang::En), "no such file or directory");
        assert_eq!(
            io_reason(&missing, Lang::Ja),
            "ファイルまたはディレクトリがありません"
        );
        let other = std::io::Error::other("device wedged");
        assert_eq!(io_reason(&other, Lang::En), "device wedged");
        assert!(io_reason(&other, Lang::Ja).starts_with("入出力エラー"));
    }

    #[test]
    fn placeholders_lists_names() {
        assert_eq!(placeholders("a {x} b {y}"), vec!["x", "y"]);
    }
}
