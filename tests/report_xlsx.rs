//! `kakunin report --format xlsx`: the workbook read back by openpyxl (sheets, values, types,
//! freeze panes, print setup, the answer list) and printed by headless LibreOffice to a PDF
//! whose text pdftotext reads. Pack text stays text: no formula, no number, no link from a pack.

mod support;

use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use support::{report, root, run_tool, tool, venv_python, write};

/// What openpyxl sees in a workbook, as JSON: per sheet its name, cells (value and type),
/// freeze panes, print titles, paper size, orientation and data validations.
const READ: &str = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    out.append({
        "name": ws.title,
        "cells": [[[c.value, c.data_type, bool(c.hyperlink)] for c in row] for row in ws.iter_rows()],
        "freeze": ws.freeze_panes,
        "titles": ws.print_title_rows,
        "paper": ws.page_setup.paperSize,
        "orientation": ws.page_setup.orientation,
        "lists": [[dv.type, dv.formula1, str(dv.sqref)] for dv in ws.data_validations.dataValidation],
    })
print(json.dumps(out))
"#;

fn read_back(python: &Path, file: &Path) -> Vec<Value> {
    let (code, text) = run_tool(
        python,
        &[OsStr::new("-c"), OsStr::new(READ), file.as_os_str()],
        root(),
    );
    assert_eq!(code, 0, "{text}");
    serde_json::from_str(&text).expect("json")
}

fn xlsx_of(dir: &Path, args: &[&str]) -> std::path::PathBuf {
    let file = dir.join("確認表.xlsx");
    let mut all = vec!["--format", "xlsx", "-o", file.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    let (code, _, stderr) = report(&all);
    assert_eq!(code, 0, "{stderr}");
    file
}

/// The text of a cell (an empty string for an empty one).
fn text(cell: &Value) -> &str {
    cell[0].as_str().unwrap_or("")
}

/// The row whose first cell is `first`.
fn row_starting<'a>(sheet: &'a Value, first: &str) -> &'a [Value] {
    sheet["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|row| text(&row[0]) == first)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("no row starting with {first}"))
}

#[test]
fn workbook_has_a_summary_and_a_sheet_per_record_in_the_forms_columns() {
    let Some(python) = venv_python() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = xlsx_of(dir.path(), &["examples"]);
    let sheets = read_back(&python, &file);
    // As many record sheets as the Markdown report has checklist tables (one per record).
    let (_, markdown, _) = report(&["examples", "--format", "markdown"]);
    let records = markdown.matches("\n### 確認表 — ").count();
    assert!(records >= 3, "{records}");
    assert_eq!(sheets.len(), records + 1);
    assert_eq!(sheets[0]["name"], "概要");
    for sheet in &sheets {
        for row in sheet["cells"].as_array().into_iter().flatten() {
            for cell in row.as_array().into_iter().flatten() {
                assert!(
                    cell[1] == "s" || cell[1] == "n",
                    "{}: {cell}",
                    sheet["name"]
                );
                assert_eq!(cell[2], false, "{}: a link {cell}", sheet["name"]);
            }
        }
        assert_eq!(sheet["paper"], 9, "A4");
        assert_eq!(sheet["orientation"], "landscape");
    }
    // The summary matrix: the same symbols per pack and item as the Markdown report's.
    let summary = &sheets[0];
    let header = row_starting(summary, "パック");
    assert_eq!(text(&header[3]), "P1-1-1");
    let by_item = markdown
        .split("### 項目別の状況")
        .nth(1)
        .expect("matrix in markdown");
    let rows: Vec<&str> = by_item
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    assert_eq!(rows.len(), 3, "{by_item}");
    for line in rows {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let id = cells[0].rsplit(" · ").next().expect("pack id");
        let row = summary["cells"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| text(&r[1]) == id)
            .unwrap_or_else(|| panic!("pack {id} not in the summary"));
        let symbols: Vec<&str> = (3..3 + cells.len() - 1).map(|i| text(&row[i])).collect();
        assert_eq!(symbols, cells[1..], "{id}");
    }
    // A record sheet: the form's columns, frozen under the header, repeated when printed, and
    // the first check answered from a list.
    let record = &sheets[1];
    let header = row_starting(record, "項番");
    let labels: Vec<&str> = header.iter().map(text).collect();
    assert_eq!(
        labels,
        [
            "項番",
            "項目",
            "内容",
            "初回確認",
            "完了日",
            "根拠・備考",
            "状態",
            "指摘事項"
        ]
    );
    assert_eq!(record["freeze"], "A5");
    assert_eq!(record["titles"], "$4:$4");
    let lists = &record["lists"][0];
    assert_eq!(lists[0], "list");
    assert_eq!(lists[1], "\"はい,いいえ,該当なし\"");
    assert!(
        lists[2].as_str().is_some_and(|r| r.starts_with("D")),
        "{lists}"
    );
    let p1 = row_starting(record, "P1-1-1");
    assert_eq!(text(&p1[3]), "はい");
    // The first record is the only one of its pack, whose P1-1-1 the matrix shows agreed.
    assert_eq!(text(&p1[6]), "○ 合意済み");
}

#[test]
fn findings_sit_beside_their_item_with_file_and_line() {
    let Some(python) = venv_python() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = xlsx_of(dir.path(), &["examples/broken", "--lang", "en"]);
    let sheets = read_back(&python, &file);
    assert_eq!(sheets[0]["name"], "Summary");
    let record = &sheets[1];
    let findings = support::json_findings(&["examples/broken"]);
    // Every P2-A6 finding of the pack is in the P2-A6 row, with its file:line:column.
    let row = row_starting(record, "P2-A6");
    let cell = text(&row[7]);
    let json = support::json(root(), &["examples/broken"]);
    let mut seen = 0;
    for f in json["findings"].as_array().into_iter().flatten() {
        if f["checklist"]
            .as_array()
            .is_some_and(|c| c.iter().any(|i| i == "P2-A6"))
        {
            let at = format!(
                "{}:{}:{}",
                f["file"].as_str().unwrap_or(""),
                f["line"],
                f["column"]
            );
            assert!(cell.contains(&at), "{at} not in {cell}");
            seen += 1;
        }
    }
    assert!(seen > 0 && !findings.is_empty());
    assert!(text(&row[6]).starts_with('×'), "{}", text(&row[6]));
}

#[test]
fn pack_text_never_becomes_a_formula_and_long_text_fits_a_cell() {
    let Some(python) = venv_python() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("pack");
    let long = "長".repeat(40_000);
    write(
        &pack,
        "pack.yaml",
        &format!(
            "apiVersion: kakunin/v1\nkind: ContractPack\nid: formula-pack\ntitle: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\"\ninstitution: clinic\neffective: {{start: 2026-04-01, end: 2029-03-31}}\n---\napiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {{id: clinic, kind: healthcare_provider, name: \"@SUM(1,2)\"}}\n---\napiVersion: kakunin/v1\nkind: ChecklistRecord\nid: \"rec/[1]:*?\"\nedition: \"2024-06\"\nvendor: clinic\nfirst_consultation: 2026-01-01\nitems:\n  P2-A6:\n    initial: \"yes\"\n    evidence: \"=1+2\"\n    note: \"-3+4\\u0007\\u202e\"\n  P2-A7:\n    initial: \"yes\"\n    evidence: \"{long}\"\n"
        ),
    );
    let file = xlsx_of(dir.path(), &[pack.to_str().expect("utf-8")]);
    let sheets = read_back(&python, &file);
    assert_eq!(
        sheets.len(),
        2,
        "{:?}",
        sheets.iter().map(|s| &s["name"]).collect::<Vec<_>>()
    );
    let name = sheets[1]["name"].as_str().expect("name");
    assert!(
        !name.contains(['/', '[', ']', ':', '*', '?']) && name.chars().count() <= 31,
        "{name}"
    );
    for sheet in &sheets {
        for row in sheet["cells"].as_array().into_iter().flatten() {
            for cell in row.as_array().into_iter().flatten() {
                assert!(cell[1] == "s" || cell[1] == "n", "{cell}");
                assert_eq!(cell[2], false, "{cell}");
                let t = text(cell);
                assert!(
                    t.encode_utf16().count() <= 32_767,
                    "{} units",
                    t.encode_utf16().count()
                );
                assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
            }
        }
    }
    let title = row_starting(&sheets[0], "=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(title[0][1], "s");
    let a6 = row_starting(&sheets[1], "P2-A6");
    assert!(text(&a6[5]).starts_with("=1+2"), "{}", text(&a6[5]));
    assert!(
        text(&a6[5]).contains("-3+4\\u{7}\\u{202e}"),
        "{}",
        text(&a6[5])
    );
    let a7 = row_starting(&sheets[1], "P2-A7");
    assert!(text(&a7[5]).ends_with('…'));
}

#[test]
fn libreoffice_prints_the_workbook_on_a4_with_its_text() {
    let (Some(soffice), Some(pdftotext)) = (tool("soffice"), tool("pdftotext")) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = xlsx_of(dir.path(), &["examples"]);
    let out = std::process::Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("pdf"))
        .arg(&file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("pdf/確認表.pdf");
    let (code, text) = run_tool(&pdftotext, &[pdf.as_os_str(), OsStr::new("-")], root());
    assert_eq!(code, 0, "{text}");
    for expected in [
        "確認表 記入結果",
        "凡例",
        "項番",
        "初回確認",
        "人的安全管理対策",
        "P2-A6",
    ] {
        assert!(
            text.contains(expected),
            "{expected} not in the PDF:\n{text}"
        );
    }
    let info = tool("pdfinfo").expect("pdfinfo beside pdftotext");
    let (_, info) = run_tool(&info, &[pdf.as_os_str()], root());
    assert!(info.contains("(A4)"), "{info}");
}
