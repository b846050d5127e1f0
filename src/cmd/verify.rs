//! `kakunin rules verify [DIR…]`: loads the rules (the built-in catalog, or those of each
//! directory), runs each on its examples and fixtures, and exits 1 when one of them fails.

use super::{en_ja, lang, note, usage, write_stdout};
use kakunin::app::{self, exit, verify};
use kakunin::cli::{ListFormat, VerifyArgs};
use kakunin::rules::catalog::Catalog;

pub fn run(args: VerifyArgs, builtin: Catalog) -> u8 {
    let lang = lang(args.lang);
    let today = match args.today.as_deref().map(|d| app::resolve_today(Some(d))) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => return usage(e.message(lang)),
        None => None,
    };
    let fallback = match app::resolve_today(None) {
        Ok(d) => d,
        Err(e) => return usage(e.message(lang)),
    };
    let cwd = app::current_dir();
    let (catalog, rules) = if args.dirs.is_empty() {
        // The built-in rules with every load-time check made, whatever the build.
        let builtin = match Catalog::builtin_checked() {
            Ok(checked) => checked,
            Err(errors) => {
                for e in &errors {
                    let (file, message) = (&e.file, e.message_in(lang));
                    note(&en_ja(
                        lang,
                        &format!("rule catalog: {file}: {message}"),
                        &format!("ルールカタログ: {file}: {message}"),
                    ));
                }
                return exit::USAGE;
            }
        };
        let ids = builtin.rules().iter().map(|r| r.id.clone()).collect();
        (builtin, ids)
    } else {
        if let Some(dir) = args.dirs.iter().find(|d| !d.is_dir()) {
            let shown = dir.display();
            return usage(&en_ja(
                lang,
                &format!("rule directory `{shown}` does not exist or is not a directory"),
                &format!("ルールディレクトリ `{shown}` がないか、ディレクトリではありません"),
            ));
        }
        let before: Vec<String> = builtin.rules().iter().map(|r| r.id.clone()).collect();
        let catalog = match kakunin::config::setup::with_rule_dirs(&args.dirs, builtin, &cwd) {
            Ok(c) => c,
            Err(failure) => return refused(&failure, lang),
        };
        let ids: Vec<String> = catalog
            .rules()
            .iter()
            .map(|r| r.id.clone())
            .filter(|id| !before.contains(id))
            .collect();
        if ids.is_empty() {
            return usage(&en_ja(
                lang,
                "the rule directories hold no rule files (*.yaml)",
                "ルールディレクトリにルールファイル（*.yaml）がありません",
            ));
        }
        (catalog, ids)
    };
    let request = verify::Verify {
        rules,
        dirs: args.dirs.iter().map(|d| cwd.join(d)).collect(),
        today,
        fallback,
        lang,
    };
    let verdicts = match verify::verify(&catalog, &request) {
        Ok(v) => v,
        Err(e) => {
            note(&e);
            return exit::INTERNAL;
        }
    };
    let text = match args.format {
        ListFormat::Human => kakunin::report::verify::human(&verdicts, lang),
        ListFormat::Json => kakunin::report::verify::json(&verdicts, lang),
    };
    let code = write_stdout(&text, lang);
    if code != exit::CLEAN {
        return code;
    }
    if verdicts.iter().any(|v| v.status == verify::Status::Fail) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Rule files that do not load: every problem at its line and column, exit 2.
fn refused(failure: &kakunin::config::Failure, lang: kakunin::i18n::Lang) -> u8 {
    let n = super::show_failure(failure, lang);
    note(&en_ja(
        lang,
        &format!(
            "the rule files have {n} problem{}; nothing was verified",
            if n == 1 { "" } else { "s" }
        ),
        &format!("ルールファイルに {n} 件の問題があるため、検証を行いませんでした"),
    ));
    exit::USAGE
}
