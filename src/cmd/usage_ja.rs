//! Command-line mistakes told in Japanese: clap writes its errors in English, so under
//! `--lang ja` or a Japanese locale the common kinds are told again from clap's own context.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use kakunin::i18n::Lang;

/// The language a run asked for before its arguments could be parsed: `--lang` as given on
/// the command line (`--lang ja`, `--lang=ja`), else the locale.
pub fn lang_of_args(args: &[String]) -> Lang {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = match arg.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if arg == "--lang" => iter.next().map(String::as_str),
            None => None,
        };
        match value {
            Some("ja") => return Lang::Ja,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// The error in Japanese, when its kind is one kakunin tells; `None` leaves clap's text.
pub fn render(error: &Error, args: &[String]) -> Option<String> {
    let text = |kind| error.get(kind).map(value_text);
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let valid = text(ContextKind::ValidValue)
        .filter(|v| !v.is_empty())
        .map(|v| format!("\n  使える値: {v}"))
        .unwrap_or_default();
    let tip = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| error.get(kind))
    .map(|s| format!("（{} の誤りではありませんか？）", quoted_list(s)))
    .unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("{arg} に値がありません{valid}")
        }
        ErrorKind::InvalidValue => format!("{arg} に `{value}` は使えません{tip}{valid}"),
        ErrorKind::UnknownArgument => format!("不明な引数 `{arg}` です{tip}"),
        ErrorKind::InvalidSubcommand => {
            let name = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("不明なコマンド `{name}` です{tip}")
        }
        ErrorKind::MissingRequiredArgument => format!("必須の引数がありません: {arg}"),
        ErrorKind::MissingSubcommand => {
            "コマンドを指定してください（check, report, explain, rules, init, schema）".into()
        }
        ErrorKind::ArgumentConflict => {
            let with = text(ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} と {with} は同時に指定できません")
        }
        ErrorKind::TooManyValues => {
            format!("{arg} の指定が多すぎます")
        }
        ErrorKind::ValueValidation => format!("{arg} に `{value}` は使えません"),
        _ => return None,
    };
    let command = args
        .get(1)
        .filter(|a| COMMANDS.contains(&a.as_str()))
        .map(|c| format!("kakunin {c} --help"))
        .unwrap_or_else(|| "kakunin --help".into());
    Some(format!(
        "エラー: {message}\n\n使い方は `{command}` で見られます。\n"
    ))
}

/// The commands whose own help a mistake points to.
const COMMANDS: &[&str] = &[
    "check",
    "report",
    "rules",
    "explain",
    "init",
    "schema",
    "completions",
    "man",
];

/// Suggested names, each in backquotes: "`a`" or "`a` または `b`".
fn quoted_list(value: &ContextValue) -> String {
    let names: Vec<String> = match value {
        ContextValue::Strings(list) => list.clone(),
        ContextValue::StyledStrs(list) => list.iter().map(ToString::to_string).collect(),
        other => vec![value_text(other)],
    };
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" または ")
}

fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
