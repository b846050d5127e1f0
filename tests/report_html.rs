//! `kakunin report --format html`: the structure of the page, read back with a real HTML parser.

mod support;

use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeSet, HashMap};
use support::{HOSTILE_PACK, TODAY, copy_example, json_findings, report, write};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

fn examples_page() -> Html {
    let (code, html, stderr) = report(&["examples"]);
    assert_eq!(code, 0, "{stderr}");
    Html::parse_document(&html)
}

/// The summary matrix as pack id → item id → status class (`st-open`, …).
fn matrix(page: &Html) -> HashMap<String, HashMap<String, String>> {
    let columns: Vec<String> = page
        .select(&sel("table.matrix thead th.item"))
        .map(|th| th.value().attr("title").unwrap_or_default().to_owned())
        .collect();
    let mut out = HashMap::new();
    for row in page.select(&sel("table.matrix tbody tr")) {
        let pack = row
            .select(&sel("th div.muted"))
            .next()
            .map(text)
            .expect("pack id");
        let cells: Vec<String> = row
            .select(&sel("td"))
            .map(|td| {
                td.value()
                    .classes()
                    .find(|c| c.starts_with("st-"))
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(cells.len(), columns.len(), "one cell per item for {pack}");
        out.insert(pack, columns.iter().cloned().zip(cells).collect());
    }
    out
}

#[test]
fn the_page_is_self_contained_with_a_summary_and_one_section_per_pack() {
    let page = examples_page();
    assert_eq!(page.select(&sel("html[lang=ja]")).count(), 1);
    for tag in ["script", "link", "img", "iframe", "object", "embed", "base"] {
        assert_eq!(page.select(&sel(tag)).count(), 0, "<{tag}> in the page");
    }
    for e in page.select(&sel("*")) {
        assert!(
            e.value().attr("src").is_none(),
            "src attribute on {:?}",
            e.value()
        );
        if let Some(href) = e.value().attr("href") {
            assert!(href.starts_with('#'), "external link {href}");
        }
    }
    let style = page.select(&sel("style")).map(text).collect::<String>();
    assert!(style.contains("@page { size: A4;"), "print page size");
    assert!(
        style.contains("thead { display: table-header-group; }"),
        "repeated headers"
    );
    assert!(style.contains("break-before: page"), "a page per pack");
    assert!(
        style.contains("\"Noto Sans CJK JP\""),
        "Japanese system fonts"
    );
    assert!(!style.contains("url("), "no resource in the stylesheet");

    let sections: Vec<ElementRef> = page.select(&sel("section.pack")).collect();
    assert_eq!(sections.len(), 3);
    let ids: Vec<&str> = sections
        .iter()
        .filter_map(|s| s.value().attr("id"))
        .collect();
    assert_eq!(ids, ["pack-1", "pack-2", "pack-3"]);
    let first = sections[0]
        .select(&sel("h2"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(
        first.starts_with("しおかぜ中央病院"),
        "the pack with an overdue review comes first: {first}"
    );
    let alert = sections[0]
        .select(&sel("div.alerts"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(
        alert.contains("リスク見直しの期限切れ") && alert.contains("2026-09-10"),
        "{alert}"
    );
    for section in &sections[1..] {
        assert_eq!(section.select(&sel("div.alerts")).count(), 0);
    }
    assert!(text(page.select(&sel("header p.meta")).next().expect("meta")).contains(TODAY));
}

#[test]
fn the_matrix_marks_each_item_by_answer_and_findings() {
    let page = examples_page();
    let m = matrix(&page);
    let broken = &m["shiokaze-his-2026"];
    assert_eq!(broken["P2-A4"], "st-open", "answered no, never completed");
    assert_eq!(
        broken["P2-A7"], "st-contradicted",
        "yes, but the confidentiality clause fails"
    );
    assert_eq!(
        broken["P2-A6"], "st-contradicted",
        "completed before the first consultation"
    );
    assert_eq!(broken["P1-1-1"], "st-agreed");
    assert_eq!(
        broken["P2-A10"], "st-agreed",
        "an item kakunin does not know still shows"
    );
    assert_eq!(m["himawari-emr-ris-2026"]["P2-A2"], "st-na");
    assert!(m["sakuradai-his-2026"].values().all(|c| c == "st-agreed"));
    let columns: Vec<String> = page
        .select(&sel("table.matrix thead th.item"))
        .map(|th| th.value().attr("title").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(columns.first().map(String::as_str), Some("P1-1-1"));
    assert_eq!(columns.last().map(String::as_str), Some("P2-A11"));
    let pos = |id: &str| columns.iter().position(|c| c == id).expect(id);
    assert!(pos("P1-B3-2") < pos("P2-A1") && pos("P2-A8") < pos("P2-A9"));
    assert!(pos("P2-A9") < pos("P2-A10") && pos("P2-A10") < pos("P2-A11"));

    // The counts table agrees with the matrix.
    for row in page.select(&sel("table.counts tbody tr")) {
        let pack = row
            .select(&sel("th div.muted"))
            .next()
            .map(text)
            .expect("id");
        let numbers: Vec<usize> = row
            .select(&sel("td.num"))
            .map(|td| text(td).parse().expect("number"))
            .collect();
        let order = [
            "st-contradicted",
            "st-open",
            "st-unanswered",
            "st-unchecked",
            "st-waived",
            "st-agreed",
            "st-na",
        ];
        for (i, class) in order.iter().enumerate() {
            let cells = m[&pack].values().filter(|c| c == class).count();
            assert_eq!(numbers[i], cells, "{pack} {class}");
        }
    }
    let every = page
        .select(&sel("table.matrix td"))
        .all(|td| !text(td).is_empty());
    assert!(every, "every cell carries a symbol, not only a colour");
}

#[test]
fn each_record_is_a_table_in_the_forms_columns_and_order() {
    let page = examples_page();
    let multi = page
        .select(&sel("section.pack"))
        .find(|s| text(s.select(&sel("p.pack-id")).next().expect("id")).contains("sakuradai"))
        .expect("multi-vendor pack");
    let records: Vec<ElementRef> = multi.select(&sel("div.record")).collect();
    assert_eq!(records.len(), 2, "one table per vendor record");
    for record in &records {
        let head: Vec<String> = record
            .select(&sel("table.items thead th"))
            .map(text)
            .collect();
        assert_eq!(
            head,
            [
                "項番",
                "項目",
                "内容",
                "初回確認",
                "完了日",
                "根拠・備考",
                "状態"
            ]
        );
        let parts: Vec<String> = record.select(&sel("tr.part")).map(text).collect();
        assert_eq!(parts.len(), 2);
        assert!(parts[0].starts_with("Part 1") && parts[1].starts_with("Part 2"));
    }
    let aoba = records
        .iter()
        .find(|r| text(r.select(&sel("h3")).next().expect("h3")).contains("青葉ラボシステム"))
        .expect("aoba record");
    let rows: Vec<Vec<String>> = aoba
        .select(&sel("table.items tbody tr:not(.part)"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.first(), Some(&"P1-1-1"));
    let a1 = rows.iter().find(|r| r[0] == "P2-A1").expect("P2-A1");
    assert_eq!(a1[1], "「提供事業者における安全管理ガイドライン」の確認");
    assert_eq!((a1[3].as_str(), a1[4].as_str()), ("いいえ", "2026-01-30"));
    assert!(a1[5].contains("サービス仕様適合開示書") && a1[5].contains("備考"));
    assert!(a1[6].contains("合意済み"));
    let a9 = rows.iter().find(|r| r[0] == "P2-A9").expect("P2-A9");
    assert_eq!(a9[3], "該当なし");
}

#[test]
fn every_finding_appears_under_its_item_with_its_location_and_fix() {
    let page = examples_page();
    let broken = page
        .select(&sel("section#pack-1"))
        .next()
        .expect("broken pack");
    let mut group = String::new();
    let mut shown: BTreeSet<(String, String)> = BTreeSet::new();
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for child in broken.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "h4" => group = text(child),
            "ul" => {
                for li in child.select(&sel("li.finding")) {
                    let rule = text(li.select(&sel("span.rule")).next().expect("rule"));
                    let rule = rule.trim_matches(['[', ']']).to_owned();
                    let at = text(li.select(&sel("div.where")).next().expect("where"));
                    let fix = li
                        .select(&sel("div.fix"))
                        .next()
                        .map(text)
                        .unwrap_or_default();
                    assert!(fix.starts_with("対応: ") && fix.len() > 20, "{rule}: {fix}");
                    groups.entry(group.clone()).or_default().push(rule.clone());
                    shown.insert((rule, at));
                }
            }
            _ => {}
        }
    }
    let expected: BTreeSet<(String, String)> =
        json_findings(&["examples/broken"]).into_iter().collect();
    assert_eq!(
        shown, expected,
        "the report shows exactly the findings of `check`"
    );
    let under = |prefix: &str, rule: &str| {
        groups
            .iter()
            .any(|(g, rules)| g.starts_with(prefix) && rules.iter().any(|r| r == rule))
    };
    assert!(
        under("P2-A4", "checklist-open-item"),
        "located in the record's P2-A4 entry"
    );
    assert!(under("P2-A6", "sla-present"));
    assert!(
        under("P2-A7", "confidentiality-binds-vendors")
            && under("P2-A8", "confidentiality-binds-vendors")
    );
    assert!(under("確認表の項目に対応しない指摘", "evidence-path"));
    let link = broken
        .select(&sel("table.items td.st-open div.to-findings a"))
        .next()
        .expect("an open item links to its findings");
    let target = link
        .value()
        .attr("href")
        .unwrap_or_default()
        .trim_start_matches('#');
    let heading = page
        .select(&sel(&format!("h4#{target}")))
        .next()
        .expect("anchor");
    assert!(text(heading).starts_with("P2-A4"));
}

#[test]
fn packs_with_ending_contracts_come_first() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example("single-vendor", &dir.path().join("a-fine"), &[]);
    copy_example(
        "single-vendor",
        &dir.path().join("b-ending"),
        &[
            ("id: himawari-emr-ris-2026", "id: himawari-b"),
            (
                "  end: 2031-03-31\ndocument: evidence/msa",
                "  end: 2027-02-28\ndocument: evidence/msa",
            ),
        ],
    );
    let root = dir.path().to_string_lossy().into_owned();
    let (code, html, stderr) = report(&[&root]);
    assert_eq!(code, 0, "{stderr}");
    let page = Html::parse_document(&html);
    let first = page
        .select(&sel("table.counts tbody tr"))
        .next()
        .expect("row");
    let t = text(first);
    assert!(
        t.contains("himawari-b") && t.contains("契約期間の終了が近い") && t.contains("2027-02-28"),
        "{t}"
    );
    let second = page
        .select(&sel("table.counts tbody tr"))
        .nth(1)
        .expect("row");
    assert!(text(second).contains("なし"));
}

#[test]
fn hostile_pack_text_is_shown_as_text_never_as_markup() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "pack.yaml", HOSTILE_PACK);
    let root = dir.path().to_string_lossy().into_owned();
    let (code, html, stderr) = report(&[&root]);
    assert_eq!(code, 0, "{stderr}");
    let page = Html::parse_document(&html);
    for tag in ["script", "img", "iframe", "b", "i"] {
        assert_eq!(page.select(&sel(tag)).count(), 0, "<{tag}> from pack text");
    }
    for e in page.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value}");
            assert!(!value.contains("javascript:"), "{name}={value}");
        }
    }
    assert_eq!(
        page.select(&sel("style")).count(),
        1,
        "`</style>` did not end the stylesheet"
    );
    let title = text(page.select(&sel("section.pack h2")).next().expect("h2"));
    assert_eq!(title, "<script>alert('t')</script></style><b>bold</b>");
    let rows: Vec<ElementRef> = page
        .select(&sel("table.items tbody tr:not(.part)"))
        .collect();
    assert!(
        rows.iter().all(|r| r.select(&sel("td")).count() == 7),
        "the note did not close the table"
    );
    let all = text(page.root_element());
    for literal in [
        "<i>P9</i>",
        "\"><img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "</td></tr></table><iframe",
    ] {
        assert!(all.contains(literal), "shown as text: {literal}");
    }
}
