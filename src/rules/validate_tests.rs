//! Each check of a rule's paths, references, condition values and comparisons, refusing a
//! broken rule with its reason, and a control that loads.

use super::{Problem, check};
use crate::rules::spec::Check;
use std::collections::BTreeMap;

fn problems(yaml: &str, params: &[(&str, &str)]) -> Vec<Problem> {
    let check_kind: Check = crate::yaml::from_str(yaml).expect("check parses");
    let params: BTreeMap<String, String> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    check(&check_kind, &params)
}

fn one(yaml: &str, params: &[(&str, &str)], text: &str, needle: &str) {
    let got = problems(yaml, params);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].text, text, "{got:#?}");
    assert!(got[0].message.en.contains(needle), "{}", got[0].message.en);
    assert!(
        !got[0].message.ja.is_empty() && got[0].message.ja != got[0].message.en,
        "told in Japanese too: {:?}",
        got[0].message
    );
}

const RISK: &str = "kind: compare\nfor_each: {in: risks}\ncomparisons:\n  - left: {date: last_review, plus: review_cadence}\n    op: '>='\n    right: $today\n";

#[test]
fn a_sound_check_has_no_problem() {
    assert_eq!(problems(RISK, &[]), Vec::new());
    let exists = "kind: exists\nfor_each: {in: parties, where: {kind: vendor}}\nfind: {in: contracts, where: {parties: {contains: [$outer.id, $pack.institution]}}}\nat: engaged_by\n";
    assert_eq!(problems(exists, &[]), Vec::new());
}

#[test]
fn a_misspelt_operand_field_is_refused() {
    one(
        &RISK.replace("last_review,", "last_reveiw,"),
        &[],
        "last_reveiw",
        "did you mean `last_review`?",
    );
}

#[test]
fn condition_fields_and_values_are_checked() {
    one(
        "kind: count\nof: {in: parties, where: {knd: vendor}}\nmin: 1\n",
        &[],
        "knd",
        "did you mean `kind`?",
    );
    one(
        "kind: count\nof: {in: parties, where: {kind: vendr}}\nmin: 1\n",
        &[],
        "vendr",
        "did you mean `vendor`?",
    );
    one(
        "kind: count\nof: {in: parties, any: [{vendor_role: [prime, sub]}]}\nmin: 1\n",
        &[],
        "sub",
        "its values are prime, subcontractor, direct",
    );
    one(
        "kind: count\nof: {in: risks, where: {process: {contains: analyse}}}\nmin: 1\n",
        &[],
        "analyse",
        "did you mean `analysis`?",
    );
    one(
        "kind: count\nof: {in: components, where: {remote_maintenance: 'yes'}}\nmin: 1\n",
        &[],
        "yes",
        "is a boolean",
    );
    one(
        "kind: count\nof: {in: parties}\nwhen: [{count: {in: pack, where: {status: {not: [actve]}}}, min: 1}]\nmin: 1\n",
        &[],
        "actve",
        "did you mean `active`?",
    );
}

#[test]
fn expect_find_at_fields_and_values_paths_are_checked() {
    one(
        "kind: required\nfor_each: {in: contracts}\nexpect: [{field: clauses.confidentiality.staf_nda}]\n",
        &[],
        "clauses.confidentiality.staf_nda",
        "did you mean `staff_nda`?",
    );
    one(
        "kind: exists\nfor_each: {in: parties}\nfind: {in: contracts, where: {partys: {contains: $outer.id}}}\n",
        &[],
        "partys",
        "did you mean `parties`?",
    );
    one(
        "kind: exists\nfor_each: {in: parties}\nfind: {in: contracts}\nat: engagd_by\n",
        &[],
        "engagd_by",
        "did you mean `engaged_by`?",
    );
    one(
        "kind: exactly_one\nfor_each: {in: components}\nfields: [responsibility.biuld]\n",
        &[],
        "responsibility.biuld",
        "did you mean `build`?",
    );
    one(
        "kind: covers\nfor_each: {in: contracts}\nfield: prime_scope.components\nvalues: {in: components, value: idd}\n",
        &[],
        "idd",
        "did you mean `id`?",
    );
}

#[test]
fn references_must_be_usable_where_they_are_written() {
    one(
        "kind: count\nof: {in: parties, where: {id: $outer.id}}\nmin: 1\n",
        &[],
        "$outer.id",
        "there is none here",
    );
    one(
        "kind: compare\nfor_each: {in: contracts}\ncomparisons: [{left: signed_on, op: '>=', right: $parent.first_consultation}]\n",
        &[],
        "$parent.first_consultation",
        "checklist record",
    );
    one(
        "kind: compare\nfor_each: {in: contracts}\ncomparisons: [{left: term.end, op: '>=', right: $pack.efective.end}]\n",
        &[],
        "$pack.efective.end",
        "did you mean `effective`?",
    );
    one(
        "kind: compare\nfor_each: {in: contracts}\ncomparisons: [{left: term.end, op: '>=', right: $param.windw}]\n",
        &[("window", "P6M")],
        "$param.windw",
        "did you mean `$param.window`?",
    );
    let ok = "kind: compare\nfor_each: {in: checklist_items}\ncomparisons: [{left: completed_on, op: '>=', right: $parent.first_consultation}]\n";
    assert_eq!(problems(ok, &[]), Vec::new());
}

#[test]
fn incomparable_sides_are_refused() {
    one(
        "kind: compare\nfor_each: {in: slas}\ncomparisons: [{left: service_levels.availability, op: '>=', right: $today}]\n",
        &[],
        "service_levels.availability",
        "one is a number, the other a date",
    );
    one(
        "kind: compare\nfor_each: {in: risks}\ncomparisons: [{left: review_cadence, op: '<=', right: last_review}]\n",
        &[],
        "review_cadence",
        "one is a duration, the other a date",
    );
    one(
        "kind: compare\nfor_each: {in: parties}\ncomparisons: [{left: name, op: '<', right: kind}]\n",
        &[],
        "name",
        "only compared with `==` or `!=`",
    );
    one(
        "kind: compare\nfor_each: {in: contracts}\ncomparisons: [{left: parties, op: '==', right: $pack.institution}]\n",
        &[],
        "parties",
        "not one value",
    );
    let swapped = problems(
        "kind: compare\nfor_each: {in: risks}\ncomparisons: [{left: {date: review_cadence, plus: last_review}, op: '>=', right: $today}]\n",
        &[],
    );
    let texts: Vec<&str> = swapped.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["review_cadence", "last_review"], "{swapped:#?}");
    assert!(
        swapped
            .iter()
            .all(|p| p.message.en.contains("adds a duration"))
    );
    let ok = "kind: compare\nfor_each: {in: checklists}\ncomparisons: [{left: edition, op: '>=', right: $pack.baseline.checklist}]\n";
    assert_eq!(problems(ok, &[]), Vec::new());
}

/// A parameter written as a number compares with a number or a version, never with a date.
#[test]
fn a_numeric_parameter_compares_with_numbers_and_versions_only() {
    let against = |field: &str| {
        format!(
            "kind: compare\nfor_each: {{in: slas}}\ncomparisons:\n  - {{left: {field}, op: '>=', right: $param.min}}\n"
        )
    };
    let availability = against("service_levels.availability");
    assert_eq!(problems(&availability, &[("min", "99.5")]), Vec::new());
    assert_eq!(problems(&availability, &[("min", "3")]), Vec::new());
    let generations = against("service_levels.backup_generations");
    assert_eq!(problems(&generations, &[("min", "3")]), Vec::new());
    let dated = against("agreed_on");
    one(
        &dated,
        &[("min", "99.5")],
        "agreed_on",
        "one is a date, the other a number or a version",
    );
}

#[test]
fn a_misspelt_pack_field_names_the_pack() {
    let check = RISK.replace("right: $today", "right: $pack.efective.end");
    one(
        &check,
        &[],
        "$pack.efective.end",
        "the pack (`ContractPack`)",
    );
}

#[test]
fn texts_compare_for_equality_only() {
    let texts = |op: &str| {
        format!(
            "kind: compare\nfor_each: {{in: slas}}\ncomparisons:\n  - {{left: provider, op: '{op}', right: customer}}\n"
        )
    };
    assert_eq!(problems(&texts("=="), &[]), Vec::new());
    assert_eq!(problems(&texts("!="), &[]), Vec::new());
    one(
        &texts(">="),
        &[],
        "provider",
        "texts are only compared with `==` or `!=`",
    );
}

#[test]
fn other_references_need_an_against_selection_and_name_its_fields() {
    one(
        "kind: compare\nfor_each: {in: slas}\ncomparisons: [{left: service_levels.availability, op: '>=', right: $other.service_levels.availability}]\n",
        &[],
        "$other.service_levels.availability",
        "its `against` selection",
    );
    one(
        "kind: compare\nfor_each: {in: slas}\nagainst: {in: slas, where: {provider: $outer.customer}}\ncomparisons: [{left: service_levels.availability, op: '>=', right: $other.service_levels.availabilty}]\n",
        &[],
        "$other.service_levels.availabilty",
        "did you mean `availability`?",
    );
    // `$other.` reads the collection of `against`, not the checked one.
    one(
        "kind: compare\nfor_each: {in: slas}\nagainst: {in: contracts, where: {id: $outer.contract}}\ncomparisons: [{left: agreed_on, op: '>=', right: $other.agreed_on}]\n",
        &[],
        "$other.agreed_on",
        "agreed_on",
    );
    let ok = "kind: compare\nfor_each: {in: slas}\nagainst: {in: contracts, where: {id: $outer.contract}}\ncomparisons: [{left: agreed_on, op: '>=', right: $other.signed_on}]\n";
    assert_eq!(problems(ok, &[]), Vec::new());
}

#[test]
fn one_of_values_are_checked_against_the_field() {
    one(
        "kind: required\nfor_each: {in: components}\nexpect: [{field: remote_access.method, one_of: [vpn, dedicatd_line]}]\n",
        &[],
        "dedicatd_line",
        "did you mean `dedicated_line`?",
    );
}

#[test]
fn times_of_day_compare_with_times_only() {
    one(
        "kind: compare\nfor_each: {in: slas}\ncomparisons: [{left: service_levels.service_schedule.from, op: '<=', right: agreed_on}]\n",
        &[],
        "service_levels.service_schedule.from",
        "a time of day",
    );
    let ok = "kind: compare\nfor_each: {in: slas}\ncomparisons: [{left: service_levels.service_schedule.from, op: '<=', right: '09:00'}]\n";
    assert_eq!(problems(ok, &[]), Vec::new());
}

#[test]
fn fix_at_paths_are_checked_on_its_collection() {
    one(
        "kind: exists\nfor_each: {in: parties}\nfind: {in: contracts, where: {parties: {contains: $outer.id}}}\nfix_at: {in: contracts, where: {parties: {contains: $outer.engaged_by}}, at: clauses.confidentiality.bind}\n",
        &[],
        "clauses.confidentiality.bind",
        "did you mean `binds`?",
    );
    let ok = "kind: exists\nfor_each: {in: parties}\nfind: {in: contracts, where: {parties: {contains: $outer.id}}}\nfix_at: {in: contracts, where: {parties: {contains: $outer.engaged_by}}, at: clauses.confidentiality.binds}\n";
    assert_eq!(problems(ok, &[]), Vec::new());
}

#[test]
fn not_counted_paths_are_checked_on_its_collection() {
    one(
        "kind: exists\nfor_each: {in: parties}\nfind: {in: contracts, where: {parties: {contains: $outer.id}}}\nnot_counted: {in: contracts, where: {clauses.confidentiality.binds: {contains: $outer.id}}, at: clauses.confidentiality.bind, variant: v}\n",
        &[],
        "clauses.confidentiality.bind",
        "did you mean `binds`?",
    );
}
