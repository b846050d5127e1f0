//! Each format read by the real tool that consumes it (installed by `.ci/run`):
//! SARIF by Microsoft's SARIF validator (SARIF rules, and the ingestion rules of GitHub code
//! scanning and of GitHub Advanced Security for Azure DevOps),
//! JUnit XML by expat and junitparser, Markdown by cmark-gfm (GitHub's renderer), and the
//! GitHub Action and workflows by action-validator. Each test also shows that the tool does
//! reject a broken input, so a pass means something.

mod support;

use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use support::{HOSTILE, check_in, hostile_pack, json, reports, root, run_tool, tool, venv_python};

/// The inputs every format is tried on: the examples (both languages), a hostile pack, and
/// findings about inputs outside packs.
fn cases(hostile: &Path) -> Vec<(&Path, Vec<&'static str>)> {
    vec![
        (root(), vec!["examples"]),
        (root(), vec!["examples/broken", "--lang", "ja"]),
        (root(), vec!["examples/single-vendor"]),
        (
            root(),
            vec!["examples/broken", "no/such/input.yaml", "Cargo.toml"],
        ),
        (hostile, vec!["."]),
    ]
}

/// (errors, warnings) the SARIF validator reports for a file, under one rule kind.
fn sarif_problems(validator: &Path, file: &Path, kind: &str) -> (Vec<String>, Vec<String>) {
    let log = file.with_extension(format!("{kind}.validation.sarif"));
    let args: Vec<&OsStr> = vec![
        OsStr::new("validate"),
        file.as_os_str(),
        OsStr::new("--rule-kind"),
        OsStr::new(kind),
        OsStr::new("--output"),
        log.as_os_str(),
        OsStr::new("--log"),
        OsStr::new("ForceOverwrite"),
    ];
    let (_, text) = run_tool(validator, &args, root());
    let log: Value = serde_json::from_slice(&std::fs::read(&log).unwrap_or_default())
        .unwrap_or_else(|e| panic!("no validation log ({e}):\n{text}"));
    let run = &log["runs"][0];
    assert_eq!(
        run["invocations"][0]["executionSuccessful"], true,
        "validator failed:\n{text}"
    );
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for result in run["results"].as_array().into_iter().flatten() {
        let line = format!("{} {}", result["ruleId"], result["message"]);
        match result["level"].as_str().unwrap_or("warning") {
            "error" => errors.push(line),
            "warning" => warnings.push(line),
            _ => {}
        }
    }
    (errors, warnings)
}

#[test]
fn sarif_passes_the_official_validator_and_github_rules() {
    let Some(validator) = tool("sarif-multitool") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = dir.path().join("hostile");
    hostile_pack(&hostile);
    for (i, (cwd, args)) in cases(&hostile).into_iter().enumerate() {
        let file = dir.path().join(format!("report-{i}.sarif"));
        let mut all = args.clone();
        all.extend(["--format", "sarif", "--output"]);
        all.push(file.to_str().expect("utf-8 temp path"));
        check_in(cwd, &all);
        for kind in ["Sarif", "Gh"] {
            let (errors, warnings) = sarif_problems(&validator, &file, kind);
            assert!(
                errors.is_empty() && warnings.is_empty(),
                "{args:?} {kind}: {errors:#?} {warnings:#?}"
            );
        }
        let sarif: Value =
            serde_json::from_slice(&std::fs::read(&file).expect("sarif")).expect("json");
        let expected = json(cwd, &args)["findings"].as_array().map_or(0, Vec::len);
        assert_eq!(
            sarif["runs"][0]["results"].as_array().map(Vec::len),
            Some(expected)
        );
    }
    // The validator does catch what GitHub rejects: a result without a location, a string message.
    let file = dir.path().join("report-0.sarif");
    let mut sarif: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("sarif")).expect("json");
    sarif["runs"][0]["results"][0]["message"] = Value::from("plain string");
    sarif["runs"][0]["results"][1]
        .as_object_mut()
        .map(|r| r.remove("locations"));
    let broken = dir.path().join("broken.sarif");
    std::fs::write(&broken, sarif.to_string()).expect("write");
    assert!(!sarif_problems(&validator, &broken, "Sarif").0.is_empty());
    assert!(!sarif_problems(&validator, &broken, "Gh").0.is_empty());
}

/// The predefined variables of an Azure Pipelines job.
const AZURE_JOB: [(&str, &str); 9] = [
    ("TF_BUILD", "True"),
    ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/clinic-it/"),
    (
        "SYSTEM_TEAMPROJECTID",
        "6f1c2d3e-0000-4000-8000-000000000001",
    ),
    ("SYSTEM_DEFINITIONID", "12"),
    ("BUILD_DEFINITIONNAME", "contract packs"),
    ("SYSTEM_PHASEID", "3a3a3a3a-1111-4222-8333-444444444444"),
    ("SYSTEM_PHASENAME", "Job"),
    ("BUILD_SOURCEBRANCH", "refs/heads/main"),
    ("BUILD_BUILDID", "345"),
];

/// Runs `kakunin check examples --format sarif` with these variables; (SARIF, stderr).
fn sarif_with_env(file: &Path, vars: &[(&str, &str)]) -> (Value, String) {
    let out = assert_cmd::Command::cargo_bin("kakunin")
        .expect("binary")
        .current_dir(root())
        .args([
            "check",
            "--today",
            support::TODAY,
            "examples",
            "--format",
            "sarif",
            "-o",
        ])
        .arg(file)
        .envs(vars.iter().copied())
        .output()
        .expect("runs");
    let sarif = serde_json::from_slice(&std::fs::read(file).expect("sarif")).expect("json");
    (sarif, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn sarif_in_azure_pipelines_passes_the_advanced_security_rules() {
    let Some(validator) = tool("sarif-multitool") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("ado.sarif");
    let (sarif, _) = sarif_with_env(&file, &AZURE_JOB);
    for kind in ["Sarif", "Gh", "Ado"] {
        let (errors, warnings) = sarif_problems(&validator, &file, kind);
        assert!(
            errors.is_empty() && warnings.is_empty(),
            "{kind}: {errors:#?} {warnings:#?}"
        );
    }
    // The identity is the one the multitool itself derives from the same variables.
    let header = dir.path().join("header.json");
    std::fs::write(
        &header,
        r#"{"tool":{"driver":{"name":"kakunin","fullName":"kakunin"}}}"#,
    )
    .expect("write");
    let stamped = dir.path().join("stamped.sarif");
    for args in [
        vec![
            "emit-run",
            "-i",
            header.to_str().expect("utf-8"),
            stamped.to_str().expect("utf-8"),
        ],
        vec![
            "emit-finalize",
            "--no-repo",
            stamped.to_str().expect("utf-8"),
        ],
    ] {
        let out = std::process::Command::new(&validator)
            .args(&args)
            .envs(AZURE_JOB)
            .output()
            .expect("multitool runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let reference: Value =
        serde_json::from_slice(&std::fs::read(&stamped).expect("stamped")).expect("json");
    assert_eq!(
        sarif["runs"][0]["automationDetails"],
        reference["runs"][0]["automationDetails"]
    );

    // The validator does reject a run without the automation details or the tool's full name.
    let mut broken = sarif.clone();
    broken["runs"][0]
        .as_object_mut()
        .map(|r| r.remove("automationDetails"));
    broken["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .map(|d| d.remove("fullName"));
    let broken_file = dir.path().join("broken-ado.sarif");
    std::fs::write(&broken_file, broken.to_string()).expect("write");
    let (errors, _) = sarif_problems(&validator, &broken_file, "Ado");
    for rule in ["GHAzDO1014", "GHAzDO1018"] {
        assert!(
            errors.iter().any(|e| e.contains(rule)),
            "{rule}: {errors:#?}"
        );
    }

    // Outside a pipeline there is no build to name: the run has GitHub's category only.
    let (outside, stderr) = sarif_with_env(&file, &[("TF_BUILD", "")]);
    assert_eq!(outside["runs"][0]["automationDetails"]["id"], "kakunin/");
    assert!(stderr.is_empty(), "{stderr}");
    // A job with a partial identity is said, naming what is missing, and none is written.
    let mut partial = AZURE_JOB.to_vec();
    partial.retain(|(k, _)| *k != "SYSTEM_PHASEID");
    let (sarif, stderr) = sarif_with_env(&file, &partial);
    assert_eq!(sarif["runs"][0]["automationDetails"]["id"], "kakunin/");
    assert!(stderr.contains("SYSTEM_PHASEID"), "{stderr}");
}

#[test]
fn junit_is_read_back_by_junit_readers() {
    let Some(python) = venv_python() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = dir.path().join("hostile");
    hostile_pack(&hostile);
    for (i, (cwd, args)) in cases(&hostile).into_iter().enumerate() {
        let file = dir.path().join(format!("report-{i}.xml"));
        let mut all = args.clone();
        all.extend([
            "--format",
            "junit",
            "--output",
            file.to_str().expect("utf-8"),
        ]);
        check_in(cwd, &all);
        reports::assert_junit(&reports::read_junit(&python, &file), &json(cwd, &args));
    }
    // The readers do reject what is not XML.
    let bad = dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        format!("<testsuites><testsuite name=\"{HOSTILE}\"/></testsuites>"),
    )
    .expect("write");
    let script = root().join("tests/tools/junit_summary.py");
    let (code, _) = run_tool(&python, &[script.as_os_str(), bad.as_os_str()], root());
    assert_ne!(code, 0);
}

#[test]
fn markdown_renders_one_row_per_finding_with_the_text_intact() {
    let Some(python) = venv_python() else {
        return;
    };
    let script = root().join("tests/tools/markdown_tables.py");
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = dir.path().join("hostile");
    hostile_pack(&hostile);
    for (i, (cwd, args)) in cases(&hostile).into_iter().enumerate() {
        let file = dir.path().join(format!("report-{i}.md"));
        let mut all = args.clone();
        all.extend([
            "--format",
            "markdown",
            "--output",
            file.to_str().expect("utf-8"),
        ]);
        check_in(cwd, &all);
        let (code, text) = run_tool(&python, &[script.as_os_str(), file.as_os_str()], root());
        assert_eq!(code, 0, "{text}");
        let read: Value = serde_json::from_str(&text).expect("json");
        let rows: Vec<&Value> = read["tables"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|t| t.as_array().into_iter().flatten())
            .collect();
        let report = json(cwd, &args);
        let findings = report["findings"].as_array().expect("findings");
        assert_eq!(rows.len(), findings.len(), "{text}");
        for (row, f) in rows.iter().zip(findings) {
            let cells = row.as_array().expect("cells");
            assert_eq!(cells.len(), 5, "{row}");
            assert_eq!(cells[1], f["rule"]);
            let message = f["message"].as_str().unwrap_or_default();
            assert_eq!(
                cells[4],
                Value::from(support::visible_lines(message)),
                "{row}"
            );
        }
        let tags: Vec<&str> = read["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for tag in &tags {
            assert!(
                [
                    "a", "br", "h2", "h3", "p", "strong", "table", "tbody", "td", "th", "thead",
                    "tr"
                ]
                .contains(tag),
                "pack text became markup: <{tag}>"
            );
        }
    }
}

#[test]
fn action_and_workflows_pass_action_validator() {
    let Some(validator) = tool("action-validator") else {
        return;
    };
    let mut files = vec![root().join("action.yml")];
    for dir in [".github/workflows", "docs/examples"] {
        for entry in std::fs::read_dir(root().join(dir)).expect("dir").flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yml") && !path.ends_with("gitlab-ci.yml") {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 3, "{files:?}");
    for file in &files {
        let (code, text) = run_tool(&validator, &[file.as_os_str()], root());
        assert_eq!(code, 0, "{}: {text}", file.display());
    }
    // It does reject a broken workflow.
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n",
    )
    .expect("write");
    assert_ne!(run_tool(&validator, &[bad.as_os_str()], root()).0, 0);
}

#[test]
fn gitlab_ci_example_matches_the_gitlab_ci_schema() {
    let Some(checker) = tool("check-jsonschema") else {
        return;
    };
    let example = root().join("docs/examples/gitlab-ci.yml");
    let args = [
        OsStr::new("--builtin-schema"),
        OsStr::new("vendor.gitlab-ci"),
        example.as_os_str(),
    ];
    let (code, text) = run_tool(&checker, &args, root());
    assert_eq!(code, 0, "{text}");
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.yml");
    std::fs::write(&bad, "kakunin:\n  script: 1\n  artifactz: {}\n").expect("write");
    let args = [
        OsStr::new("--builtin-schema"),
        OsStr::new("vendor.gitlab-ci"),
        bad.as_os_str(),
    ];
    assert_ne!(run_tool(&checker, &args, root()).0, 0);
}

/// A pack whose id, institution, a file name and a party hold text that spreadsheets read as
/// formulas; they reach the CSV's first cells (pack, file) and its messages.
fn formula_pack(dir: &Path) {
    support::write(
        dir,
        "pack.yaml",
        "apiVersion: kakunin/v1\nkind: ContractPack\nid: \"=1+2\"\ntitle: t\ninstitution: \"@SUM(1,2)\"\neffective: {start: 2026-04-01, end: 2029-03-31}\n",
    );
    support::write(
        dir,
        "=cmd|calc.yaml",
        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {id: \"-3+4\", kind: vendor, name: \"=HYPERLINK(\\\"http://x\\\")\"}\n",
    );
}

/// Reads a CSV file as Python's csv module does (UTF-8 with BOM); the rows.
fn python_csv(python: &Path, file: &Path) -> Vec<Vec<String>> {
    let script = "import csv, json, sys\nwith open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n    print(json.dumps(list(csv.reader(f, strict=True))))";
    let (code, text) = run_tool(
        python,
        &[OsStr::new("-c"), OsStr::new(script), file.as_os_str()],
        root(),
    );
    assert_eq!(code, 0, "{text}");
    serde_json::from_str(&text).expect("rows")
}

/// Opens a file in headless LibreOffice Calc and saves it as xlsx; (value, openpyxl data type) of
/// every cell, row by row.
fn through_libreoffice(
    python: &Path,
    soffice: &Path,
    file: &Path,
    filter: &str,
) -> Vec<Vec<(Value, String)>> {
    let dir = file.parent().expect("dir");
    let profile = dir.join("lo-profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx"])
        .arg(format!("--infilter={filter}"))
        .arg("--outdir")
        .arg(dir.join("lo"))
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xlsx = dir
        .join("lo")
        .join(file.with_extension("xlsx").file_name().expect("name"));
    let script = "import json, sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nprint(json.dumps([[(c.value, c.data_type) for c in row] for row in ws.iter_rows()]))";
    let (code, text) = run_tool(
        python,
        &[OsStr::new("-c"), OsStr::new(script), xlsx.as_os_str()],
        root(),
    );
    assert_eq!(code, 0, "{text}");
    serde_json::from_str(&text).expect("cells")
}

#[test]
fn csv_is_read_back_by_python_and_libreoffice_without_formulas() {
    let (Some(python), Some(soffice)) = (venv_python(), tool("soffice")) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = dir.path().join("hostile");
    hostile_pack(&hostile);
    let formulas = dir.path().join("formulas");
    formula_pack(&formulas);
    let mut cases = cases(&hostile);
    cases.push((formulas.as_path(), vec!["."]));
    for (i, (cwd, args)) in cases.into_iter().enumerate() {
        let file = dir.path().join(format!("findings-{i}.csv"));
        let mut all = args.clone();
        all.extend(["--format", "csv", "--output", file.to_str().expect("utf-8")]);
        check_in(cwd, &all);
        let bytes = std::fs::read(&file).expect("csv");
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{args:?}: no BOM");
        let rows = python_csv(&python, &file);
        let findings = json(cwd, &args)["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(rows.len(), findings.len() + 1, "{args:?}");
        let header = if args.contains(&"ja") {
            ["パック", "ファイル", "行"]
        } else {
            ["pack", "file", "line"]
        };
        assert_eq!(rows[0][..3], header);
        // Every record ends with CRLF: as many as there are rows, outside quoted line breaks.
        assert!(bytes.ends_with(b"\r\n"));
        for (row, finding) in rows[1..].iter().zip(&findings) {
            let inert = |text: &str| {
                let shown = support::visible_lines(text);
                if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{shown}")
                } else {
                    shown
                }
            };
            assert_eq!(row[1], inert(finding["file"].as_str().unwrap_or_default()));
            assert_eq!(row[2], finding["line"].to_string());
            assert_eq!(row[5], finding["rule"].as_str().unwrap_or_default());
            assert_eq!(
                row[7],
                inert(finding["message"].as_str().unwrap_or_default())
            );
            assert_eq!(row[11], finding["fingerprint"].as_str().unwrap_or_default());
            assert!(
                row.iter()
                    .all(|c| !c.chars().any(|c| c.is_control() && c != '\n')),
                "{row:?}"
            );
        }
        // LibreOffice reads every cell as a string or a number, never a formula.
        let cells = through_libreoffice(&python, &soffice, &file, "CSV:44,34,76,1");
        assert_eq!(cells.len(), rows.len(), "{args:?}");
        for (row, csv_row) in cells.iter().zip(&rows) {
            for ((value, kind), text) in row.iter().zip(csv_row) {
                assert!(kind == "s" || kind == "n", "{value} is {kind}");
                if kind == "s" {
                    assert_eq!(value.as_str(), Some(text.as_str()));
                }
            }
        }
        if cwd == formulas.as_path() {
            assert_eq!(cells[1][0].0, "'=1+2");
        }
    }
    // The control: without the leading `'`, LibreOffice does make `=1+2` a formula.
    let bare = dir.path().join("bare.csv");
    std::fs::write(&bare, "\u{feff}\"a\"\r\n\"=1+2\"\r\n").expect("write");
    let cells = through_libreoffice(&python, &soffice, &bare, "CSV:44,34,76,1");
    assert_eq!(cells[1][0].1, "f");
}
