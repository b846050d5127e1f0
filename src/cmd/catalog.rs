//! Commands about the rules and the format: `rules`, `explain`, `init`, `schema`, `completions`, `man`.

use super::{en_ja, lang, prepare, usage, write_stdout};
use clap::CommandFactory;
use kakunin::app::{self, exit};
use kakunin::cli::{
    Cli, CompletionsArgs, ExplainArgs, InitArgs, ListFormat, RulesArgs, SchemaArgs, SchemaKind,
};
use kakunin::i18n::Lang;
use kakunin::report;
use kakunin::rules::catalog::Catalog;

pub fn rules(args: RulesArgs, catalog: Catalog) -> u8 {
    let lang = lang(args.lang);
    let Some(prepared) = prepare(&args.config, vec![".".into()], catalog, lang) else {
        return exit::USAGE;
    };
    let policy = &prepared.policy;
    let text = match args.format {
        ListFormat::Json => report::catalog::rules_json(&prepared.catalog, policy, lang),
        ListFormat::Human => report::catalog::rules_table(&prepared.catalog, policy, lang),
    };
    write_stdout(&text, lang)
}

pub fn explain(args: ExplainArgs, catalog: Catalog) -> u8 {
    let lang = lang(args.lang);
    let Some(prepared) = prepare(&args.config, vec![".".into()], catalog, lang) else {
        return exit::USAGE;
    };
    if let Some(rule) = prepared.catalog.get(&args.rule) {
        let fallback = app::resolve_today(None).unwrap_or_else(|_| jiff::Zoned::now().date());
        let example =
            kakunin::app::verify::example_finding(&prepared.catalog, rule, fallback, lang);
        return write_stdout(report::catalog::explain(rule, lang, example.as_ref()), lang);
    }
    let forms = kakunin::form::Form::editions();
    if let Some((form, item)) = forms
        .iter()
        .find_map(|f| f.item(&args.rule).map(|i| (f, i)))
    {
        return write_stdout(
            report::catalog::explain_item(form, item, &prepared.catalog, lang),
            lang,
        );
    }
    let ids = prepared.catalog.rules().iter().map(|r| r.id.as_str());
    let items: Vec<&str> = forms
        .iter()
        .flat_map(|f| f.items.iter().map(|i| i.id.as_str()))
        .collect();
    let hint = kakunin::model::issue::suggest(&args.rule, ids.chain(items.iter().copied()));
    let rule = &args.rule;
    let listed = items.join(", ");
    usage(&match (lang, hint) {
        (Lang::En, Some(s)) => {
            format!("unknown rule or checklist item `{rule}` (did you mean `{s}`?)")
        }
        (Lang::En, None) => format!(
            "unknown rule or checklist item `{rule}`: `kakunin rules` lists the rules; the checklist items are {listed}"
        ),
        (Lang::Ja, Some(s)) => format!(
            "ルールまたは確認表の項目 `{rule}` はありません（`{s}` の誤りではありませんか？）"
        ),
        (Lang::Ja, None) => format!(
            "ルールまたは確認表の項目 `{rule}` はありません。ルールの一覧は `kakunin rules` で見られます。確認表の項目は {listed} です"
        ),
    })
}

pub fn init(args: InitArgs) -> u8 {
    let lang = lang(args.lang);
    let today = match app::resolve_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => return usage(e.message(lang)),
    };
    match kakunin::init::scaffold(&args.dir, args.multi_vendor, today) {
        Ok(files) => {
            let mut text = en_ja(
                lang,
                "created a contract pack; fill in the TODO values, then run `kakunin check`:\n",
                "契約パックを作成しました。TODO の値を記入してから `kakunin check` を実行してください:\n",
            );
            for f in files {
                text.push_str(&format!("  {}\n", f.display()));
            }
            write_stdout(&text, lang)
        }
        Err(e) => usage(&e.message(lang)),
    }
}

pub fn schema(args: SchemaArgs, catalog: &Catalog) -> u8 {
    let schema = match args.kind {
        SchemaKind::Pack => kakunin::model::json_schema::pack_schema(),
        SchemaKind::Config => kakunin::config::schema::config_schema(catalog),
        SchemaKind::Rule => kakunin::rules::rule_schema::rule_schema(),
    };
    write_stdout(
        kakunin::model::json_schema::to_text(&schema),
        Lang::from_env(),
    )
}

pub fn completions(args: CompletionsArgs) -> u8 {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "kakunin", &mut out);
    write_stdout(String::from_utf8_lossy(&out).as_bytes(), Lang::from_env())
}

pub fn man() -> u8 {
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => write_stdout(String::from_utf8_lossy(&out).as_bytes(), Lang::from_env()),
        Err(e) => usage(&en_ja(
            Lang::from_env(),
            &format!("cannot render the man page: {e}"),
            &format!(
                "man ページを作成できません: {}",
                kakunin::i18n::io_reason(&e, Lang::Ja)
            ),
        )),
    }
}
