//! `kakunin report --format markdown`: rendered by a real CommonMark/GFM parser (pulldown-cmark)
//! and read back as HTML, the same tables and findings as the HTML page, with pack text inert.

mod support;

use pulldown_cmark::{Options, Parser, html};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use support::{HOSTILE_PACK, json_findings, report, write};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector")
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_owned()
}

/// Renders Markdown as GitHub does (tables, strikethrough, task lists) and parses the result.
fn rendered(markdown: &str) -> Html {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    Html::parse_fragment(&out)
}

fn markdown_of(args: &[&str]) -> String {
    let mut all = vec!["--format", "markdown"];
    all.extend_from_slice(args);
    let (code, text, stderr) = report(&all);
    assert_eq!(code, 0, "{stderr}");
    text
}

#[test]
fn markdown_has_the_summary_tables_and_one_checklist_table_per_record() {
    let page = rendered(&markdown_of(&["examples"]));
    let tables: Vec<ElementRef> = page.select(&sel("table")).collect();
    let counts = tables[0];
    let rows: Vec<String> = counts.select(&sel("tbody tr")).map(text).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains("shiokaze-his-2026") && rows[0].contains("リスク見直しの期限切れ"));
    let matrix = tables[1];
    let columns = matrix.select(&sel("thead th")).count();
    assert_eq!(columns, 1 + 14, "pack + 12 catalogue items + P2-A9, P2-A10");
    for row in matrix.select(&sel("tbody tr")) {
        let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
        assert_eq!(cells.len(), columns);
        assert!(
            cells[1..]
                .iter()
                .all(|c| ["○", "△", "×", "？", "－"].contains(&c.as_str()))
        );
    }
    let broken: Vec<String> = matrix
        .select(&sel("tbody tr"))
        .next()
        .expect("row")
        .select(&sel("td"))
        .map(text)
        .collect();
    let header: Vec<String> = matrix.select(&sel("thead th")).map(text).collect();
    let at = |id: &str| &broken[header.iter().position(|h| h == id).expect(id)];
    assert_eq!((at("P2-A4").as_str(), at("P2-A7").as_str()), ("△", "×"));

    let records: Vec<ElementRef> = tables
        .iter()
        .copied()
        .filter(|t| t.select(&sel("thead th")).next().map(text).as_deref() == Some("項番"))
        .collect();
    assert_eq!(
        records.len(),
        4,
        "broken 1 + multi-vendor 2 + single-vendor 1"
    );
    for table in &records {
        assert_eq!(table.select(&sel("thead th")).count(), 7);
        for row in table.select(&sel("tbody tr")) {
            assert_eq!(row.select(&sel("td")).count(), 7, "{}", text(row));
        }
    }
}

#[test]
fn markdown_lists_every_finding_with_its_location() {
    let page = rendered(&markdown_of(&["examples/broken"]));
    let items: Vec<String> = page.select(&sel("li")).map(text).collect();
    let expected: BTreeSet<(String, String)> =
        json_findings(&["examples/broken"]).into_iter().collect();
    for (rule, at) in &expected {
        assert!(
            items
                .iter()
                .any(|li| li.contains(&format!("[{rule}]")) && li.contains(at.as_str())),
            "{rule} at {at} missing"
        );
    }
    let headings: Vec<String> = page.select(&sel("h4")).map(text).collect();
    assert!(
        headings
            .iter()
            .any(|h| h.starts_with("P2-A4 継続的なリスクマネジメント"))
    );
}

#[test]
fn hostile_pack_text_stays_text_in_markdown() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "pack.yaml", HOSTILE_PACK);
    let root = dir.path().to_string_lossy().into_owned();
    let markdown = markdown_of(&[&root]);
    let page = rendered(&markdown);
    for tag in ["script", "img", "iframe", "a", "b", "i", "code", "del"] {
        assert_eq!(
            page.select(&sel(tag)).count(),
            0,
            "<{tag}> from pack text:\n{markdown}"
        );
    }
    assert!(
        page.select(&sel("em")).all(|e| !text(e).contains("star")),
        "*star* became emphasis"
    );
    let all = text(page.root_element());
    for literal in [
        "<script>alert('t')</script></style><b>bold</b>",
        "[click](javascript:alert(1))",
        "</td></tr></table><iframe src=x></iframe> | pipe ` tick *star* &amp;",
        "https://evil.example",
        "<i>P9</i>",
    ] {
        assert!(all.contains(literal), "shown as text: {literal}\n{all}");
    }
    let record = page
        .select(&sel("table"))
        .find(|t| t.select(&sel("thead th")).next().map(text).as_deref() == Some("項番"))
        .expect("record table");
    for row in record.select(&sel("tbody tr")) {
        assert_eq!(
            row.select(&sel("td")).count(),
            7,
            "a `|` in a note split a cell: {}",
            text(row)
        );
    }
}
