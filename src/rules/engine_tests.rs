//! The rule engine, one check kind at a time: each kind run over small packs for the cases a
//! vendor's pack can present — a side absent, a reference hop that resolves or does not, lists,
//! empty collections — with the finding's variant, place and arguments asserted.

use super::{RuleSettings, evaluate};
use crate::model::issue::{Arg, Issue};
use crate::model::load::{LoadOptions, PackFile, load_pack};
use crate::rules::catalog::Catalog;
use jiff::civil::date;

const PACK: &str = "apiVersion: kakunin/v1\nkind: ContractPack\nid: p\ntitle: t\ninstitution: clinic\neffective: {start: 2026-04-01, end: 2031-03-31}\n";

const PARTIES: &str = "kind: Parties\nparties:\n  - {id: clinic, kind: healthcare_provider, name: 診療所}\n  - {id: prime, kind: vendor, name: P, vendor_role: prime, engaged_by: clinic}\n  - {id: sub, kind: vendor, name: S, vendor_role: subcontractor, engaged_by: prime}\n";

/// One finding reduced to what the tests look at.
#[derive(Debug, PartialEq)]
struct Seen {
    variant: Option<String>,
    /// `file:path` of the place reported.
    at: String,
    args: Vec<(String, String)>,
    related: Vec<String>,
    /// Byte offsets of the related locations, in the order of `related`.
    related_at: Vec<usize>,
}

fn seen(issue: Issue) -> Seen {
    let args = issue
        .args
        .into_iter()
        .map(|(k, v)| match v {
            Arg::Plain(s) => (k, s),
            Arg::Word { en, .. } => (k, en.to_owned()),
            Arg::Told { en, .. } => (k, en),
        })
        .collect();
    Seen {
        variant: issue.variant,
        at: format!("{}:{}", issue.file, issue.path),
        args,
        related_at: issue
            .related
            .iter()
            .map(|(_, span, _)| span.offset)
            .collect(),
        related: issue
            .related
            .into_iter()
            .map(|(f, _, l)| format!("{f}:{l}"))
            .collect(),
    }
}

impl Seen {
    fn arg(&self, name: &str) -> &str {
        self.args
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// A catalog of one rule `t` with this check (YAML, indented under `check:`) and extra texts.
fn catalog_of(check: &str, texts: &str) -> Catalog {
    let text = format!(
        "id: t\ntitle: {{en: t, ja: t}}\nseverity: error\nrationale: {{en: r, ja: r}}\nmessage: {{en: m, ja: m}}\nhelp: {{en: h, ja: h}}\n{texts}check:\n{check}\nexamples: {{pass: '', fail: ''}}\n"
    );
    Catalog::from_sources([("t.yaml".to_owned(), "t".to_owned(), text.as_str())])
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

/// Runs a rule `t` with this check (YAML, indented under `check:`) and these extra texts over a
/// pack of `pack.yaml` (file 0) and `docs` (file 1, documents separated by `---`). The pack must
/// load without problems, so that what is seen is the engine's doing.
fn run(check: &str, texts: &str, docs: &str) -> Vec<Seen> {
    run_loading(check, texts, docs, &[])
}

/// As [`run`], for a pack whose loading reports exactly the problems `loaded` (rule ids).
fn run_loading(check: &str, texts: &str, docs: &str, loaded: &[&str]) -> Vec<Seen> {
    run_as(
        check,
        texts,
        docs,
        loaded,
        &RuleSettings::default(),
        &|_| true,
    )
}

/// As [`run_loading`], with these parameter settings and rule switches.
fn run_as(
    check: &str,
    texts: &str,
    docs: &str,
    loaded: &[&str],
    settings: &RuleSettings,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Seen> {
    let catalog = catalog_of(check, texts);
    let dir = tempfile::tempdir().expect("tempdir");
    let body: Vec<String> = docs
        .split("---\n")
        .map(|d| format!("apiVersion: kakunin/v1\n{d}"))
        .collect();
    std::fs::write(dir.path().join("pack.yaml"), PACK).expect("write");
    std::fs::write(dir.path().join("docs.yaml"), body.join("---\n")).expect("write");
    let files = ["pack.yaml", "docs.yaml"].map(|name| PackFile {
        path: dir.path().join(name),
        display: name.to_owned(),
    });
    let pack = load_pack(dir.path(), "p", files.into(), &LoadOptions::default());
    let structure: Vec<String> = pack
        .validation
        .issues
        .iter()
        .map(|i| format!("{} {} {:?}", i.rule, i.path, i.args))
        .collect();
    let rules: Vec<&str> = pack
        .validation
        .issues
        .iter()
        .map(|i| i.rule.as_str())
        .collect();
    assert_eq!(rules, loaded, "the pack's loading: {structure:?}");
    let today = date(2026, 11, 21);
    evaluate(&catalog, &pack, today, settings, enabled)
        .into_iter()
        .inspect(|i| assert_eq!(i.rule, "t", "{i:?}"))
        .map(seen)
        .collect()
}

const CONTRACT: &str = "kind: Contract\nid: msa\ntitle: 基本契約\ntype: master_service_agreement\nclauses:\n  confidentiality: {ref: 第3条}\nparties: [clinic, prime]\nterm: {start: 2026-04-01, end: 2031-03-31}\nsigned_on: 2026-03-01\n";

fn sla(provider: &str, contract: &str) -> String {
    format!(
        "kind: ServiceLevelAgreement\nid: sla-{provider}\nprovider: {provider}\ncustomer: clinic\ncontract: {contract}\nagreed_on: 2026-03-01\nservice_levels: {{availability: 99.5}}\n"
    )
}

// ---- required ----

const REQUIRED_HOP: &str = "  kind: required\n  for_each: {in: slas}\n  expect:\n    - {field: contract->parties, contains: $self.provider}\n";
const HOP_TEXTS: &str = "variants:\n  not_contained: {en: \"{entity} {field} {expected} {actual}\", ja: x}\nlabels:\n  defined: {en: d, ja: d}\n";

#[test]
fn required_reports_an_absent_field_at_the_entity() {
    let check = "  kind: required\n  for_each: {in: parties, where: {kind: vendor}}\n  expect:\n    - {field: engaged_by}\n";
    let docs = PARTIES.replace(", engaged_by: prime}", "}");
    let got = run(check, "", &docs);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant, None);
    assert_eq!(got[0].arg("field"), "engaged_by");
    assert_eq!(got[0].arg("entity"), "sub");
    assert!(got[0].at.starts_with("1:parties[2]"), "{got:#?}");
}

#[test]
fn required_follows_a_hop_and_shows_where_the_list_is_defined() {
    let fine = format!("{PARTIES}---\n{CONTRACT}---\n{}", sla("prime", "msa"));
    assert_eq!(run(REQUIRED_HOP, HOP_TEXTS, &fine), Vec::new());

    let wrong = format!("{PARTIES}---\n{CONTRACT}---\n{}", sla("sub", "msa"));
    let got = run(REQUIRED_HOP, HOP_TEXTS, &wrong);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("not_contained"));
    assert_eq!(got[0].arg("expected"), "sub");
    assert_eq!(got[0].arg("actual"), "clinic, prime");
    assert_eq!(
        got[0].related,
        ["1:defined"],
        "the contract's parties are shown"
    );
}

#[test]
fn required_with_a_hop_to_an_absent_list_reports_the_list_as_missing() {
    let contract = CONTRACT.replace("parties: [clinic, prime]\n", "parties: []\n");
    let docs = format!("{PARTIES}---\n{contract}---\n{}", sla("prime", "msa"));
    // The loader names the empty list; the rule still does not count it as holding anyone.
    let got = run_loading(REQUIRED_HOP, HOP_TEXTS, &docs, &["placeholder-value"]);
    assert_eq!(
        got.len(),
        1,
        "an empty parties list contains nobody: {got:#?}"
    );
}

#[test]
fn a_hop_through_a_reference_that_names_nothing_is_left_to_the_loaders_finding() {
    let docs = format!("{PARTIES}---\n{CONTRACT}---\n{}", sla("prime", "msa-typo"));
    let got = run_loading(REQUIRED_HOP, HOP_TEXTS, &docs, &["unresolved-reference"]);
    assert_eq!(got, Vec::new());
}

#[test]
fn required_over_an_empty_collection_finds_nothing() {
    assert_eq!(run(REQUIRED_HOP, HOP_TEXTS, PARTIES), Vec::new());
}

// ---- count ----

const COUNT: &str =
    "  kind: count\n  of: {in: parties, where: {vendor_role: prime}}\n  min: 1\n  max: 1\n";
const COUNT_TEXTS: &str = "variants:\n  too_many: {en: \"{entity} {count} {max}\", ja: x}\n  too_few: {en: \"{count} {min}\", ja: x}\nlabels:\n  first: {en: f, ja: f}\n";

#[test]
fn count_reports_too_few_at_the_pack_and_each_extra_one_with_the_first() {
    assert_eq!(run(COUNT, COUNT_TEXTS, PARTIES), Vec::new());

    let none = PARTIES.replace("vendor_role: prime", "vendor_role: direct");
    let got = run(COUNT, COUNT_TEXTS, &none);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("too_few"));
    assert_eq!((got[0].arg("count"), got[0].arg("min")), ("0", "1"));
    assert!(
        got[0].at.starts_with("0:"),
        "reported in pack.yaml: {got:#?}"
    );

    let two = PARTIES.replace("vendor_role: subcontractor", "vendor_role: prime");
    let got = run(COUNT, COUNT_TEXTS, &two);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("too_many"));
    assert_eq!(got[0].arg("entity"), "sub");
    assert_eq!(got[0].related, ["1:first"]);
}

#[test]
fn a_when_condition_that_does_not_hold_skips_the_rule() {
    let check = "  kind: count\n  when:\n    - count: {in: parties, where: {kind: vendor}}\n      min: 3\n  of: {in: slas}\n  min: 1\n";
    let texts = "variants:\n  too_few: {en: \"{count}\", ja: x}\n";
    assert_eq!(
        run(check, texts, PARTIES),
        Vec::new(),
        "two vendors: not applied"
    );
    let three = format!(
        "{PARTIES}  - {{id: third, kind: vendor, name: T, vendor_role: direct, engaged_by: clinic}}\n"
    );
    assert_eq!(run(check, texts, &three).len(), 1, "three vendors: applied");
}

// ---- selection ----

#[test]
fn a_condition_on_an_absent_field_does_not_select_but_not_does() {
    let check = |cond: &str| {
        format!(
            "  kind: required\n  for_each: {{in: parties, where: {{{cond}}}}}\n  expect:\n    - {{field: contacts}}\n"
        )
    };
    let picked = |cond: &str| -> Vec<String> {
        run(&check(cond), "", PARTIES)
            .into_iter()
            .map(|s| s.arg("entity").to_owned())
            .collect()
    };
    assert_eq!(picked("vendor_role: prime"), ["prime"]);
    assert_eq!(
        picked("vendor_role: [prime, subcontractor]"),
        ["prime", "sub"]
    );
    // The institution has no vendor_role: `not` selects it, a value never does.
    assert_eq!(picked("vendor_role: {not: [prime]}"), ["clinic", "sub"]);
    assert_eq!(picked("vendor_role: {present: false}"), ["clinic"]);
    assert_eq!(picked("engaged_by: $pack.institution"), ["prime"]);
    assert_eq!(picked("engaged_by->vendor_role: prime"), ["sub"]);
}

#[test]
fn any_selects_entities_meeting_one_of_the_alternatives() {
    let check = "  kind: required\n  for_each:\n    in: parties\n    where: {kind: vendor}\n    any:\n      - {vendor_role: prime}\n      - {engaged_by: prime}\n  expect:\n    - {field: contacts}\n";
    let got: Vec<String> = run(check, "", PARTIES)
        .iter()
        .map(|s| s.arg("entity").to_owned())
        .collect();
    assert_eq!(got, ["prime", "sub"]);
}

// ---- exists ----

#[test]
fn exists_needs_a_counterpart_for_each_entity_and_shows_its_near_misses() {
    let check = "  kind: exists\n  for_each: {in: parties, where: {kind: vendor, vendor_role: prime}}\n  find: {in: slas, where: {provider: $outer.id, contract->parties: {contains: $outer.id}}}\n";
    let texts = "labels:\n  near_miss: {en: n, ja: n}\n";
    let without = format!("{PARTIES}---\n{CONTRACT}");
    let got = run(check, texts, &without);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].arg("entity"), "prime");
    assert_eq!(
        got[0].related,
        Vec::<String>::new(),
        "no SLA at all: nothing is close"
    );
    let with = format!("{without}---\n{}", sla("prime", "msa"));
    assert_eq!(run(check, texts, &with), Vec::new());
    // An SLA whose contract lacks the vendor is no counterpart, but the closest one: shown at
    // the SLA's `contract`, where the hop that fails starts.
    let other = CONTRACT.replace("[clinic, prime]", "[clinic, sub]");
    let unbound = format!("{PARTIES}---\n{other}---\n{}", sla("prime", "msa"));
    let got = run(check, texts, &unbound);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].related, ["1:near_miss"]);
    // An SLA failing both conditions is not close.
    let far = format!("{PARTIES}---\n{other}---\n{}", sla("sub", "msa"));
    assert_eq!(run(check, texts, &far)[0].related, Vec::<String>::new());
}

#[test]
fn a_find_of_one_condition_shows_no_near_miss_and_needs_no_label() {
    let check = "  kind: exists\n  for_each: {in: parties, where: {kind: vendor}}\n  find: {in: slas, where: {provider: $outer.id}}\n";
    let got = run(
        check,
        "",
        &format!("{PARTIES}---\n{CONTRACT}---\n{}", sla("prime", "msa")),
    );
    let unmatched: Vec<&str> = got.iter().map(|s| s.arg("entity")).collect();
    assert_eq!(unmatched, ["sub"]);
    assert!(got.iter().all(|s| s.related.is_empty()), "{got:#?}");
}

// ---- covers ----

#[test]
fn covers_names_each_missing_value_and_an_absent_list_misses_them_all() {
    let check = "  kind: covers\n  for_each: {in: contracts}\n  field: parties\n  values: {in: parties, where: {kind: vendor}, value: id}\n";
    let texts = "labels:\n  defined: {en: d, ja: d}\n";
    let missing: Vec<String> = run(check, texts, &format!("{PARTIES}---\n{CONTRACT}"))
        .iter()
        .map(|s| s.arg("missing").to_owned())
        .collect();
    assert_eq!(missing, ["sub"]);
    let all = CONTRACT.replace("[clinic, prime]", "[clinic, prime, sub]");
    assert_eq!(
        run(check, texts, &format!("{PARTIES}---\n{all}")),
        Vec::new()
    );
}

// ---- compare ----

const TERM_END: &str = "  kind: compare\n  for_each: {in: contracts}\n  comparisons:\n    - {left: term.end, op: \">=\", right: $today}\n";

#[test]
fn compare_reports_a_comparison_that_fails_and_skips_an_absent_side() {
    let fine = format!("{PARTIES}---\n{CONTRACT}");
    assert_eq!(run(TERM_END, "", &fine), Vec::new());
    let ended = CONTRACT.replace("end: 2031-03-31", "end: 2026-03-31");
    let got = run(TERM_END, "", &format!("{PARTIES}---\n{ended}"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        (got[0].arg("left"), got[0].arg("right")),
        ("2026-03-31", "2026-11-21")
    );
    // No end: nothing to compare; the loader reports the field the format requires.
    let open = CONTRACT.replace(", end: 2031-03-31", "");
    let docs = format!("{PARTIES}---\n{open}");
    assert_eq!(
        run_loading(TERM_END, "", &docs, &["missing-field"]),
        Vec::new()
    );
}

#[test]
fn compare_adds_a_duration_to_a_date() {
    let check = "  kind: compare\n  for_each: {in: contracts}\n  comparisons:\n    - {left: {date: signed_on, plus: P6M}, op: \">=\", right: $today}\n";
    let got = run(check, "", &format!("{PARTIES}---\n{CONTRACT}"));
    assert_eq!(
        got.len(),
        1,
        "signed 2026-03-01 + P6M is before today: {got:#?}"
    );
    assert_eq!(got[0].arg("left"), "2026-09-01");
    let recent = CONTRACT.replace("signed_on: 2026-03-01", "signed_on: 2026-10-01");
    assert_eq!(
        run(check, "", &format!("{PARTIES}---\n{recent}")),
        Vec::new()
    );
}

#[test]
fn an_only_where_guard_exempts_an_entity_only_when_it_is_computed_and_fails() {
    let check = "  kind: compare\n  for_each: {in: contracts}\n  only_where:\n    - {left: signed_on, op: \"<\", right: 2026-01-01}\n  comparisons:\n    - {left: term.end, op: \">=\", right: $today}\n";
    let ended = CONTRACT.replace("end: 2031-03-31", "end: 2026-03-31");
    // Signed after the guard's date: exempt.
    assert_eq!(
        run(check, "", &format!("{PARTIES}---\n{ended}")),
        Vec::new()
    );
    let old = ended.replace("signed_on: 2026-03-01", "signed_on: 2025-03-01");
    assert_eq!(run(check, "", &format!("{PARTIES}---\n{old}")).len(), 1);
}

// ---- exactly_one ----

#[test]
fn exactly_one_refuses_none_and_several() {
    let check =
        "  kind: exactly_one\n  for_each: {in: components}\n  fields: [responsibility.operation]\n";
    let texts = "variants:\n  none: {en: \"{entity} {field}\", ja: x}\n  many: {en: \"{entity} {field} {count}\", ja: x}\n";
    let systems = |op: &str| {
        format!(
            "{PARTIES}---\nkind: Systems\ncomponents:\n  - {{id: emr, name: EMR, supplier: prime, responsibility: {{operation: {op}}}}}\n"
        )
    };
    assert_eq!(run(check, texts, &systems("prime")), Vec::new());
    let got = run(check, texts, &systems("[prime, sub]"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("many"));
    let got = run_loading(check, texts, &systems("[]"), &["placeholder-value"]);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("none"));
}

// ---- conflicts ----

#[test]
fn conflicts_reports_the_fact_that_contradicts_a_declaration() {
    let check = "  kind: conflicts\n  for_each: {in: parties, where: {kind: vendor}}\n  at: engaged_by\n  facts:\n    - in: parties\n      where: {id: $outer.engaged_by, kind: healthcare_provider}\n      outer: {vendor_role: subcontractor}\n";
    let texts = "labels:\n  fact: {en: f, ja: f}\n";
    assert_eq!(run(check, texts, PARTIES), Vec::new());
    let direct = PARTIES.replace("engaged_by: prime}", "engaged_by: clinic}");
    let got = run(check, texts, &direct);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].arg("entity"), "sub");
    assert!(got[0].at.ends_with("engaged_by"), "{got:#?}");
    assert_eq!(got[0].related, ["1:fact"]);
}

// ---- the engine around the kinds ----

#[test]
fn a_rule_switched_off_does_not_run() {
    let none = PARTIES.replace("vendor_role: prime", "vendor_role: direct");
    assert_eq!(run(COUNT, COUNT_TEXTS, &none).len(), 1);
    let off = run_as(
        COUNT,
        COUNT_TEXTS,
        &none,
        &[],
        &RuleSettings::default(),
        &|id| id != "t",
    );
    assert_eq!(off, Vec::new());
}

const AVAILABILITY: &str = "  kind: compare\n  for_each: {in: slas}\n  comparisons:\n    - {left: service_levels.availability, op: \">=\", right: $param.min_availability}\n";
const AVAILABILITY_TEXTS: &str = "params: {min_availability: \"99.5\"}\n";

fn sla_at(availability: &str) -> String {
    format!("{PARTIES}---\n{CONTRACT}---\n{}", sla("prime", "msa")).replace(
        "availability: 99.5",
        &format!("availability: {availability}"),
    )
}

#[test]
fn numbers_compare_as_numbers_against_a_parameter_and_its_override() {
    assert_eq!(
        run(AVAILABILITY, AVAILABILITY_TEXTS, &sla_at("99.9")),
        Vec::new()
    );
    assert_eq!(
        run(AVAILABILITY, AVAILABILITY_TEXTS, &sla_at("99.5")),
        Vec::new()
    );
    let got = run(AVAILABILITY, AVAILABILITY_TEXTS, &sla_at("99"));
    assert_eq!(got.len(), 1, "an integer is a number too: {got:#?}");
    assert_eq!(
        run(AVAILABILITY, AVAILABILITY_TEXTS, &sla_at("98.25")).len(),
        1
    );

    let mut settings = RuleSettings::default();
    settings.params.insert(
        "t".into(),
        [("min_availability".into(), "99.95".into())].into(),
    );
    let got = run_as(
        AVAILABILITY,
        AVAILABILITY_TEXTS,
        &sla_at("99.9"),
        &[],
        &settings,
        &|_| true,
    );
    assert_eq!(got.len(), 1, "the configured minimum applies: {got:#?}");
}

#[test]
fn an_integer_parameter_on_the_left_compares_as_a_number() {
    let check = "  kind: compare\n  for_each: {in: slas}\n  comparisons:\n    - {left: $param.min_generations, op: \"<=\", right: service_levels.backup_generations}\n";
    let texts = "params: {min_generations: \"3\"}\n";
    let with = |n: &str| {
        sla_at("99.5").replace(
            "{availability: 99.5}",
            &format!("{{availability: 99.5, backup_generations: {n}}}"),
        )
    };
    assert_eq!(run(check, texts, &with("3")), Vec::new());
    assert_eq!(run(check, texts, &with("7")), Vec::new());
    assert_eq!(run(check, texts, &with("2")).len(), 1);
}

#[test]
fn a_parameter_reads_the_override_then_the_default() {
    let catalog = catalog_of(AVAILABILITY, AVAILABILITY_TEXTS);
    let mut settings = RuleSettings::default();
    let read = |s: &RuleSettings, rule: &str, name: &str| super::param(&catalog, s, rule, name);
    assert_eq!(
        read(&settings, "t", "min_availability").as_deref(),
        Some("99.5")
    );
    assert_eq!(read(&settings, "t", "other"), None);
    assert_eq!(read(&settings, "u", "min_availability"), None);
    settings.params.insert(
        "t".into(),
        [("min_availability".into(), "99.9".into())].into(),
    );
    assert_eq!(
        read(&settings, "t", "min_availability").as_deref(),
        Some("99.9")
    );
}

#[test]
fn a_when_with_a_maximum_holds_up_to_it() {
    let check = "  kind: count\n  when:\n    - count: {in: parties, where: {kind: vendor}}\n      max: 2\n  of: {in: slas}\n  min: 1\n";
    let texts = "variants:\n  too_few: {en: \"{count}\", ja: x}\n";
    assert_eq!(run(check, texts, PARTIES).len(), 1, "two vendors: applied");
    let three = format!(
        "{PARTIES}  - {{id: third, kind: vendor, name: T, vendor_role: direct, engaged_by: clinic}}\n"
    );
    assert_eq!(
        run(check, texts, &three),
        Vec::new(),
        "three vendors: not applied"
    );
}

#[test]
fn versions_are_two_or_more_dotted_numbers() {
    use crate::rules::select::parse_version;
    assert_eq!(parse_version("6.0"), Some(vec![6, 0]));
    assert_eq!(parse_version("2024.06.1"), Some(vec![2024, 6, 1]));
    assert_eq!(
        parse_version(&format!("{}.1", "9".repeat(18))).map(|v| v.len()),
        Some(2)
    );
    for bad in [
        "6",
        "6.",
        ".0",
        "6..0",
        "6.a",
        "v6.0",
        "6.0 ",
        &format!("{}.1", "9".repeat(19)),
    ] {
        assert_eq!(parse_version(bad), None, "{bad:?}");
    }
}

#[test]
fn pack_baseline_references_fall_back_to_the_formats_defaults() {
    let mhlw = "  kind: compare\n  for_each: {in: contracts}\n  comparisons:\n    - {left: clauses.guideline_compliance.mhlw_guideline_version, op: \">=\", right: $pack.baseline.mhlw_guideline}\n";
    let versioned = |v: &str| {
        let c = CONTRACT.replace(
            "  confidentiality: {ref: 第3条}\n",
            &format!("  confidentiality: {{ref: 第3条}}\n  guideline_compliance: {{ref: 第4条, mhlw_guideline_version: \"{v}\"}}\n"),
        );
        format!("{PARTIES}---\n{c}")
    };
    // The pack names no baseline: the default 6.0 applies.
    assert_eq!(run(mhlw, "", &versioned("6.0")), Vec::new());
    let got = run(mhlw, "", &versioned("5.2"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].arg("right"), "6.0");

    let provider = "  kind: compare\n  for_each: {in: parties, where: {kind: vendor}}\n  comparisons:\n    - {left: provider_guideline_conformance.guideline_version, op: \">=\", right: $pack.baseline.provider_guideline}\n";
    let conformed = |v: &str| {
        PARTIES.replace(
            "vendor_role: prime, engaged_by: clinic}",
            &format!("vendor_role: prime, engaged_by: clinic, provider_guideline_conformance: {{guideline_version: \"{v}\"}}}}"),
        )
    };
    assert_eq!(
        run(provider, "", &conformed("2.0")),
        Vec::new(),
        "the default of this key, 2.0"
    );
    assert_eq!(run(provider, "", &conformed("1.1")).len(), 1);
}

#[test]
fn contains_on_a_single_value_is_equality() {
    let check = "  kind: required\n  for_each: {in: parties, where: {engaged_by: {contains: prime}}}\n  expect:\n    - {field: contacts}\n";
    let picked: Vec<String> = run(check, "", PARTIES)
        .iter()
        .map(|s| s.arg("entity").to_owned())
        .collect();
    assert_eq!(picked, ["sub"]);
}

#[test]
fn required_reports_an_absent_parent_once_and_checks_equals() {
    let check = "  kind: required\n  for_each: {in: contracts}\n  expect:\n    - {field: clauses.personal_information.ref}\n    - {field: clauses.personal_information.incident_handling, equals: true}\n    - {field: type, equals: master_service_agreement}\n";
    let texts = "variants:\n  mismatch: {en: \"{entity} {field} {expected} {actual}\", ja: x}\n";
    let got = run(check, texts, &format!("{PARTIES}---\n{CONTRACT}"));
    assert_eq!(got.len(), 1, "one finding for the absent clause: {got:#?}");
    assert_eq!(got[0].arg("field"), "clauses.personal_information");
    let clause = CONTRACT.replace(
        "  confidentiality: {ref: 第3条}\n",
        "  confidentiality: {ref: 第3条}\n  personal_information: {ref: 第5条, incident_handling: true}\n",
    );
    assert_eq!(
        run(check, texts, &format!("{PARTIES}---\n{clause}")),
        Vec::new()
    );
    let maintenance = clause.replace("type: master_service_agreement", "type: maintenance");
    let got = run(check, texts, &format!("{PARTIES}---\n{maintenance}"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("mismatch"));
    assert_eq!(got[0].arg("actual"), "maintenance");
}

// ---- compare against another entity (`against`, `$other.`) ----

const AGAINST: &str = "  kind: compare\n  for_each: {in: slas, where: {contract->type: subcontract}}\n  against: {in: slas, where: {contract: $outer.contract->upstream, provider: $outer.customer}}\n  comparisons:\n    - {left: service_levels.availability, op: \">=\", right: $other.service_levels.availability}\n";
const AGAINST_TEXTS: &str = "labels:\n  other: {en: o, ja: o}\n";

fn back_to_back(sub_availability: &str, upstream: &str) -> String {
    let subcontract = format!(
        "kind: Contract\nid: sub-contract\ntitle: 再委託契約\ntype: subcontract\nupstream: {upstream}\nclauses:\n  confidentiality: {{ref: 第3条}}\nparties: [prime, sub]\nterm: {{start: 2026-04-01, end: 2031-03-31}}\nsigned_on: 2026-03-01\n"
    );
    let prime_sla = sla("prime", "msa").replace("99.5", "99.9");
    let sub_sla = format!(
        "kind: ServiceLevelAgreement\nid: sla-sub\nprovider: sub\ncustomer: prime\ncontract: sub-contract\nagreed_on: 2026-03-01\nservice_levels: {{availability: {sub_availability}}}\n"
    );
    format!("{PARTIES}---\n{CONTRACT}---\n{subcontract}---\n{prime_sla}---\n{sub_sla}")
}

#[test]
fn compare_against_reports_each_weaker_level_with_the_other_entity_related() {
    let texts = AGAINST_TEXTS;
    let got = run(AGAINST, texts, &back_to_back("99.5", "msa"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].arg("entity"), "sla-sub");
    assert_eq!(got[0].arg("other"), "sla-prime");
    assert_eq!((got[0].arg("left"), got[0].arg("right")), ("99.5", "99.9"));
    assert!(
        got[0].at.ends_with("service_levels.availability"),
        "{got:#?}"
    );
    assert_eq!(got[0].related, ["1:other"], "the promised level is shown");
    // … at the prime's value itself (docs.yaml as `run` writes it).
    let written: Vec<String> = back_to_back("99.5", "msa")
        .split("---\n")
        .map(|d| format!("apiVersion: kakunin/v1\n{d}"))
        .collect();
    let written = written.join("---\n");
    let promised = written.find("99.9").expect("the prime's level");
    assert_eq!(got[0].related_at, [promised], "{got:#?}");
    // As strong or stronger: nothing.
    assert_eq!(
        run(AGAINST, texts, &back_to_back("99.9", "msa")),
        Vec::new()
    );
    assert_eq!(
        run(AGAINST, texts, &back_to_back("99.99", "msa")),
        Vec::new()
    );
}

#[test]
fn compare_against_with_no_match_compares_nothing() {
    // The subcontract serves no contract the prime's SLA belongs to: nothing to compare with.
    let docs = back_to_back("90", "sub-contract");
    assert_eq!(run(AGAINST, AGAINST_TEXTS, &docs), Vec::new());
}

#[test]
fn times_of_day_are_ordered() {
    let check = "  kind: compare\n  for_each: {in: slas}\n  comparisons:\n    - {left: provider->incident_contact.hours.to, op: \">=\", right: service_levels.service_schedule.to}\n";
    let texts = "labels:\n  defined: {en: d, ja: d}\n";
    let party = |to: &str| {
        PARTIES.replace(
            "vendor_role: prime, engaged_by: clinic}",
            &format!("vendor_role: prime, engaged_by: clinic, incident_contact: {{name: 窓口, hours: {{days: everyday, from: \"00:00\", to: \"{to}\"}}}}}}"),
        )
    };
    let sla_with = |to: &str| {
        sla("prime", "msa").replace(
            "{availability: 99.5}",
            &format!("{{service_schedule: {{days: weekdays, from: \"09:00\", to: \"{to}\"}}}}"),
        )
    };
    let docs = |contact: &str, service: &str| {
        format!(
            "{}---\n{CONTRACT}---\n{}",
            party(contact),
            sla_with(service)
        )
    };
    let got = run(check, texts, &docs("17:30", "18:00"));
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        (got[0].arg("left"), got[0].arg("right")),
        ("17:30", "18:00")
    );
    assert!(got[0].at.ends_with(":provider"), "at the hop: {got:#?}");
    assert_eq!(
        got[0].related,
        ["1:defined"],
        "the contact's hours are shown"
    );
    assert_eq!(run(check, texts, &docs("24:00", "18:00")), Vec::new());
    assert_eq!(run(check, texts, &docs("18:00", "18:00")), Vec::new());
}

#[test]
fn required_one_of_refuses_any_other_value() {
    let check = "  kind: required\n  for_each: {in: parties, where: {kind: vendor}}\n  expect:\n    - {field: handles_medical_info, one_of: [none, encrypted_only]}\n";
    let texts = "variants:\n  mismatch: {en: \"{entity} {field} {expected} {actual}\", ja: x}\n";
    let docs = PARTIES
        .replace(
            "vendor_role: prime,",
            "vendor_role: prime, handles_medical_info: full,",
        )
        .replace(
            "vendor_role: subcontractor,",
            "vendor_role: subcontractor, handles_medical_info: encrypted_only,",
        );
    let got = run(check, texts, &docs);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("mismatch"));
    assert_eq!(got[0].arg("entity"), "prime");
    assert_eq!(got[0].arg("expected"), "none | encrypted_only");
    assert_eq!(got[0].arg("actual"), "full");
}

#[test]
fn required_through_a_hop_to_an_absent_field_shows_where_it_goes() {
    let check = "  kind: required\n  for_each: {in: slas}\n  expect:\n    - {field: provider->incident_contact}\n";
    let texts = "labels:\n  defined: {en: d, ja: d}\n";
    let docs = format!("{PARTIES}---\n{CONTRACT}---\n{}", sla("prime", "msa"));
    let got = run(check, texts, &docs);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        got[0].at, "1:provider",
        "reported at the reference: {got:#?}"
    );
    assert_eq!(got[0].related, ["1:defined"], "and at the party: {got:#?}");
}

#[test]
fn exists_with_fix_at_stands_where_the_fix_goes_and_shows_the_entity_checked() {
    let check = "  kind: exists\n  for_each: {in: parties, where: {vendor_role: subcontractor}}\n  find: {in: contracts, where: {parties: {contains: $outer.engaged_by}, clauses.confidentiality.binds: {contains: $outer.id}}}\n  fix_at: {in: contracts, where: {parties: {contains: $outer.engaged_by}}, at: clauses.confidentiality.binds}\n";
    let texts = "labels:\n  near_miss: {en: n, ja: n}\n  checked: {en: c, ja: c}\n";
    let docs = format!("{PARTIES}---\n{CONTRACT}");
    let got = run(check, texts, &docs);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].arg("entity"), "sub");
    // `binds` is absent from the contract: the finding stands at its clause, the last key present.
    assert_eq!(got[0].at, "1:clauses.confidentiality.binds", "{got:#?}");
    // The near miss is the same place: shown once, as the finding; the vendor is related.
    assert_eq!(got[0].related, ["1:checked"], "{got:#?}");
    // No contract of the engaging vendor: the finding stays at the vendor.
    let got = run(check, texts, PARTIES);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].at.starts_with("1:parties[2]"), "{got:#?}");
    assert!(got[0].related.iter().all(|r| r != "1:checked"), "{got:#?}");
}

#[test]
fn exists_with_not_counted_names_what_looks_like_a_counterpart_and_takes_its_variant() {
    let check = "  kind: exists\n  for_each: {in: parties, where: {vendor_role: subcontractor}}\n  find: {in: contracts, where: {type: {not: [subcontract]}, parties: {contains: clinic}, clauses.confidentiality.binds: {contains: $outer.id}}}\n  not_counted: {in: contracts, where: {clauses.confidentiality.binds: {contains: $outer.id}}, at: clauses.confidentiality.binds, variant: elsewhere}\n";
    let texts = "variants:\n  elsewhere: {en: \"{entity}\", ja: x}\nlabels:\n  near_miss: {en: n, ja: n}\n  not_counted: {en: c, ja: c}\n";
    let subcontract = "kind: Contract\nid: sub-1\ntitle: 再委託契約\ntype: subcontract\nupstream: msa\nclauses:\n  confidentiality: {ref: 第3条, binds: [sub]}\nparties: [prime, sub]\nterm: {start: 2026-04-01, end: 2031-03-31}\nsigned_on: 2026-03-01\n";
    // Only the subcontract binds the vendor: the variant, with the subcontract's clause related.
    let docs = format!("{PARTIES}---\n{CONTRACT}---\n{subcontract}");
    let got = run(check, texts, &docs);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant.as_deref(), Some("elsewhere"), "{got:#?}");
    let shown = got[0].related.iter().position(|r| r == "1:not_counted");
    // The harness heads each of the three documents with `apiVersion: kakunin/v1`.
    let heads = 3 * "apiVersion: kakunin/v1\n".len();
    let binds = heads + docs.find("[sub]").expect("the subcontract's binds");
    assert_eq!(shown.map(|i| got[0].related_at[i]), Some(binds), "{got:#?}");
    // Nothing binds it: the rule's own message, nothing passed over.
    let unbound = subcontract.replace("binds: [sub]", "binds: [prime]");
    let got = run(
        check,
        texts,
        &format!("{PARTIES}---\n{CONTRACT}---\n{unbound}"),
    );
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].variant, None, "{got:#?}");
    assert!(
        got[0].related.iter().all(|r| !r.ends_with("not_counted")),
        "{got:#?}"
    );
    // A counterpart that counts: no finding, whatever else names the vendor.
    let counted = CONTRACT.replace("{ref: 第3条}", "{ref: 第3条, binds: [sub]}");
    let got = run(
        check,
        texts,
        &format!("{PARTIES}---\n{counted}---\n{subcontract}"),
    );
    assert_eq!(got, Vec::new());
}

#[test]
fn durations_compare_as_lengths_texts_by_equality_and_a_text_is_below_any_version() {
    // Durations: PT90M is longer than PT1H, P1D equals PT24H.
    let check = "  kind: compare\n  for_each: {in: slas}\n  comparisons:\n    - {left: service_levels.incident_notification, op: \"<=\", right: PT1H}\n";
    let at = |d: &str| {
        let doc = sla("prime", "msa").replace(
            "{availability: 99.5}",
            &format!("{{incident_notification: {d}}}"),
        );
        run(check, "", &format!("{PARTIES}---\n{CONTRACT}---\n{doc}"))
    };
    assert_eq!(at("PT90M").len(), 1);
    assert_eq!(at("PT60M"), Vec::new());
    assert_eq!(at("PT1H"), Vec::new());
    // Texts: equal or not; a version field holding a text is below every version.
    let texts = "  kind: compare\n  for_each: {in: contracts}\n  comparisons:\n    - {left: clauses.guideline_compliance.mhlw_guideline_version, op: \">=\", right: $pack.baseline.mhlw_guideline}\n";
    let with = |v: &str| {
        let contract = CONTRACT.replace(
            "clauses:\n",
            &format!("clauses:\n  guideline_compliance: {{ref: 第2条, mhlw_guideline_version: \"{v}\"}}\n"),
        );
        run(texts, "", &format!("{PARTIES}---\n{contract}"))
    };
    assert_eq!(with("6.0"), Vec::new());
    assert_eq!(with("6.1"), Vec::new());
    assert_eq!(with("5.2").len(), 1);
    assert_eq!(with("最新版").len(), 1, "a text is no version at least 6.0");
    let equal = "  kind: compare\n  for_each: {in: parties, where: {kind: vendor}}\n  comparisons:\n    - {left: engaged_by, op: \"==\", right: $pack.institution}\n";
    let got = run(equal, "", PARTIES);
    assert_eq!(got.len(), 1, "only the subcontractor differs: {got:#?}");
    assert_eq!(got[0].arg("left"), "prime");
}
