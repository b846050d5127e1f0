//! `kakunin report`: the filled-in checklist (確認表) for people.

use super::{cannot_write, flag_lang, lang, prepare, usage, write_stdout};
use kakunin::app::{self, CheckOptions, exit};
use kakunin::cli::ReportArgs;
use kakunin::i18n::Lang;
use kakunin::report;
use kakunin::rules::catalog::Catalog;
use std::io::{IsTerminal, Write};

/// `kakunin report`: exit 0 once the report is written, whatever it shows; 2 for usage errors;
/// 3 when no pack is found, or (report still written) an input could not be read or is in no
/// pack; 4 when the report cannot be written.
///
/// The report is written in Japanese, the form's language, unless `--lang` (or the
/// configuration's `lang`) asks otherwise; what kakunin says on the terminal follows `--lang`,
/// else the configuration, else the locale, as `check` does.
pub fn run(args: ReportArgs, catalog: Catalog) -> u8 {
    let say = lang(args.lang);
    let today = match app::resolve_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => return usage(e.message(say)),
    };
    let form = match kakunin::form::Form::builtin() {
        Ok(form) => form,
        Err(e) => return usage(&e),
    };
    // A workbook is bytes, and a self-contained HTML page no reading, for a terminal: say
    // where to put it instead.
    if args.output.is_none()
        && args.format == report::checklist::ReportFormat::Xlsx
        && std::io::stdout().is_terminal()
    {
        return usage(&super::en_ja(
            say,
            "the xlsx report is not written to a terminal: give a file with -o (kakunin report --format xlsx -o 確認表.xlsx), or redirect standard output",
            "xlsx のレポートは端末には出力しません: -o でファイルを指定する（kakunin report --format xlsx -o 確認表.xlsx）か、標準出力をリダイレクトしてください",
        ));
    }
    if args.output.is_none()
        && args.format == report::checklist::ReportFormat::Html
        && std::io::stdout().is_terminal()
    {
        return usage(&super::en_ja(
            say,
            "the HTML report is not written to a terminal: give a file with -o (kakunin report -o 確認表.html), redirect standard output, or use --format markdown",
            "HTML のレポートは端末には出力しません: -o でファイルを指定する（kakunin report -o 確認表.html）か、標準出力をリダイレクトするか、--format markdown を使ってください",
        ));
    }
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths
    };
    // The same configuration as `kakunin check`: rules, severities, waivers and input limits.
    let Some(prepared) = prepare(&args.config, paths.clone(), catalog, say) else {
        return exit::USAGE;
    };
    let not_applied = super::not_applied(&prepared);
    let catalog = prepared.catalog;
    let say = flag_lang(args.lang)
        .or(prepared.policy.lang)
        .unwrap_or_else(Lang::from_env);
    let lang = flag_lang(args.lang)
        .or(prepared.policy.lang)
        .unwrap_or(Lang::Ja);
    let mut options = CheckOptions::new(paths, app::current_dir(), today, lang);
    options.outputs = Vec::new();
    options.summaries = true;
    options.policy = prepared.policy;
    options.isolated = args.config.isolated;
    options.not_applied = not_applied;
    let run = match app::check(&options, &catalog) {
        Ok(run) => run,
        Err(e) => return usage(e.message(say)),
    };
    super::note_deeper_configs(&run, &options.not_applied, say);
    if run.summary.packs == 0 {
        let _ = writeln!(
            std::io::stderr(),
            "kakunin: {}",
            match say {
                Lang::En => "no contract packs found (a pack is a directory with a pack.yaml)",
                Lang::Ja =>
                    "契約パックが見つかりません（パックは pack.yaml のあるディレクトリです）",
            }
        );
        return exit::NO_INPUT;
    }
    let text = match report::checklist::render(args.format, &run, &form, lang) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "kakunin: {e}");
            return exit::INTERNAL;
        }
    };
    let written = match &args.output {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => exit::CLEAN,
            Err(e) => {
                let message = cannot_write(Some(&path.display().to_string()), &e, say);
                let _ = writeln!(std::io::stderr(), "kakunin: {message}");
                exit::INTERNAL
            }
        },
        None => write_stdout(&text, say),
    };
    // Paths that could not be read, or inputs in no pack (not warnings such as links).
    let unread = run
        .loose
        .iter()
        .filter(|f| f.rule == "file-unreadable")
        .count();
    if written == exit::CLEAN && unread > 0 {
        let count = unread;
        let _ = writeln!(
            std::io::stderr(),
            "kakunin: {}",
            match say {
                Lang::En => format!(
                    "{count} input(s) could not be read or are in no pack; the report lists them"
                ),
                Lang::Ja => format!(
                    "読めない入力、またはどのパックにも属さない入力が {count} 件あります（レポートに記載）"
                ),
            }
        );
        return exit::NO_INPUT;
    }
    written
}
