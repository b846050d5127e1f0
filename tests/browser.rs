//! The HTML report end to end in a real browser: headless Chromium (driven over the DevTools
//! protocol) loads the report of the examples from a file:// URL, prints it to PDF and takes a
//! screenshot. The page must make no request but itself and log no error, and the PDF (read with
//! poppler's pdfinfo/pdftotext) must start every pack on a page of its own.
//!
//! Needs `chromium` and `poppler-utils` (installed by `.ci/run`). Without them the tests say so
//! and pass locally, but fail under `CI=true`: CI never skips them.

mod cdp;
mod support;

use cdp::{Browser, find_chromium};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{TODAY, kakunin};

const PACKS: [(&str, &str); 3] = [
    ("shiokaze-his-2026", "examples/broken"),
    ("sakuradai-his-2026", "examples/multi-vendor"),
    ("himawari-emr-ris-2026", "examples/single-vendor"),
];
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1700;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn has(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

/// Chromium, when it and poppler are installed; in CI their absence is a failure.
fn browser_tools() -> Option<PathBuf> {
    let chromium = find_chromium();
    let poppler = has("pdfinfo") && has("pdftotext");
    match chromium {
        Some(path) if poppler => Some(path),
        _ if in_ci() => panic!(
            "CI needs chromium and poppler-utils for the browser test (found chromium: {chromium:?}, poppler: {poppler}); .ci/run installs them"
        ),
        _ => {
            eprintln!("browser test skipped: chromium or poppler-utils not installed");
            None
        }
    }
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("canonical path");
    format!("file://{}", path.display())
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo: {info}"))
}

/// The text of each page, in order.
fn pdf_text_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_report_loads_offline_prints_a_page_per_pack_and_screenshots() {
    let Some(chromium) = browser_tools() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let html = dir.path().join("report.html");
    let out = kakunin()
        .args(["report", "examples", "--today", TODAY, "--output"])
        .arg(&html)
        .output()
        .expect("kakunin report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = file_url(&html);

    let mut browser = Browser::start(&chromium).expect("headless chromium");
    browser
        .call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": false}),
            true,
        )
        .expect("viewport");
    browser.load(&url).expect("the report loads");
    let pdf = browser
        .data(
            "Page.printToPDF",
            json!({"printBackground": true, "preferCSSPageSize": true}),
        )
        .expect("print to PDF");
    let png = browser
        .data("Page.captureScreenshot", json!({"format": "png"}))
        .expect("screenshot");
    browser
        .settle(std::time::Duration::from_millis(300))
        .expect("settle");
    let page = &browser.page;
    assert_eq!(page.requests, [url], "the page requested only itself");
    assert!(page.failed.is_empty(), "failed loads: {:?}", page.failed);
    assert!(
        page.console.is_empty(),
        "console output: {:?}",
        page.console
    );
    assert!(page.errors().is_empty(), "errors: {:?}", page.errors());
    assert!(page.exceptions.is_empty(), "{:?}", page.exceptions);

    let keep = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (pdf_path, png_path) = (
        keep.join("report-examples.pdf"),
        keep.join("report-examples.png"),
    );
    std::fs::write(&pdf_path, &pdf).expect("write pdf");
    std::fs::write(&png_path, &png).expect("write png");
    eprintln!("kept {} and {}", pdf_path.display(), png_path.display());

    assert!(pdf.starts_with(b"%PDF-"));
    let pages = pdf_pages(&pdf_path);
    assert!(
        pages > PACKS.len(),
        "{pages} pages for a summary and {} packs",
        PACKS.len()
    );
    let texts = pdf_text_pages(&pdf_path);
    for (id, root) in PACKS {
        let starts: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.lines()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|first| first.contains(id) && first.contains(root))
            })
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(
            starts.len(),
            1,
            "pack {id} starts one page of its own: {starts:?}"
        );
    }
    let summary = texts.first().cloned().unwrap_or_default();
    assert!(
        PACKS.iter().all(|(id, _)| summary.contains(id)),
        "the first page is the summary"
    );

    assert_eq!(png_size(&png), (WIDTH, HEIGHT));
    assert!(
        png.len() > 50_000,
        "a screenshot of a rendered page, not a blank one"
    );
}

/// The checks above must be able to fail: a page that fetches a missing image and logs an
/// error to the console is caught by the same harness.
#[test]
fn the_harness_sees_requests_and_console_errors() {
    let Some(chromium) = browser_tools() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let html = dir.path().join("noisy.html");
    std::fs::write(
        &html,
        "<!DOCTYPE html><title>noisy</title><img src=\"missing.png\"><script>console.error('boom')</script>",
    )
    .expect("write");
    let url = file_url(&html);
    let mut browser = Browser::start(&chromium).expect("headless chromium");
    browser.load(&url).expect("loads");
    let page = &browser.page;
    assert!(
        page.requests.iter().any(|r| r.ends_with("missing.png")),
        "{:?}",
        page.requests
    );
    assert!(
        page.errors().iter().any(|e| e.contains("boom")),
        "{:?} {:?}",
        page.console,
        page.log
    );
}
