//! kakunin's own source as the CI systems under test take it: this working tree committed as a
//! git repository of its own (what pre-commit, the GitHub Action and the GitLab job install
//! from), git itself, and the environment their `cargo install` runs with.

use super::root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `TODAY` as `SOURCE_DATE_EPOCH` (seconds at its midnight, UTC), for kakunin run by a CI system.
pub const TODAY_EPOCH: &str = "1795219200";

/// Runs git in `dir` with a fixed identity, no signing and `main` as the first branch; panics
/// with git's message when it fails.
pub fn git(git: &Path, dir: &Path, args: &[&str]) {
    let out = Command::new(git)
        .args([
            "-c",
            "user.name=kakunin tests",
            "-c",
            "user.email=tests@kakunin.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Makes `dir` a git repository with everything in it committed.
pub fn commit_all(git_bin: &Path, dir: &Path) {
    if !dir.join(".git").exists() {
        git(git_bin, dir, &["init", "-q"]);
    }
    git(git_bin, dir, &["add", "-A"]);
    git(
        git_bin,
        dir,
        &["commit", "-q", "--allow-empty", "-m", "state"],
    );
}

fn copy_file(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

/// A git repository at `dir/kakunin` holding every file a commit of this working tree would
/// hold (tracked, or new and not ignored), committed, so what a CI system installs from it is
/// exactly this state.
pub fn source_repository(git_bin: &Path, dir: &Path) -> PathBuf {
    let repo = dir.join("kakunin");
    let listed = Command::new(git_bin)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root())
        .output()
        .expect("git ls-files");
    assert!(listed.status.success(), "git ls-files failed");
    for name in listed.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if root().join(&name).is_file() {
            copy_file(&root().join(&name), &repo.join(&name));
        }
    }
    commit_all(git_bin, &repo);
    repo
}

/// The environment for a `cargo install` of kakunin that a CI system under test runs: the
/// release profile without optimisation or LTO (the same code, built in seconds rather than
/// minutes), into `target/ci-install`, which the tests share and keep between runs.
pub fn cargo_install_env() -> Vec<(&'static str, String)> {
    let target = root().join("target/ci-install");
    vec![
        ("CARGO_TARGET_DIR", target.to_string_lossy().into_owned()),
        ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0".into()),
        ("CARGO_PROFILE_RELEASE_LTO", "false".into()),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256".into()),
        ("CARGO_PROFILE_RELEASE_INCREMENTAL", "true".into()),
    ]
}

/// `CARGO_HOME` and `RUSTUP_HOME` as they are now, for a CI system run with another `HOME`
/// whose `cargo` must still find the toolchain and the crates already downloaded.
pub fn toolchain_env() -> Vec<(&'static str, PathBuf)> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let dir = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(default))
    };
    vec![
        ("CARGO_HOME", dir("CARGO_HOME", ".cargo")),
        ("RUSTUP_HOME", dir("RUSTUP_HOME", ".rustup")),
    ]
}

/// A shell as a new user has it after `cargo install --locked --path .`: a copy of this checkout
/// (where the install runs), a working directory, and `kakunin` installed into a root of its own
/// that comes first on the PATH.
pub struct UserShell {
    _dir: tempfile::TempDir,
    pub checkout: PathBuf,
    pub work: PathBuf,
    pub install_root: PathBuf,
    path: std::ffi::OsString,
}

impl UserShell {
    pub fn new(git_bin: &Path) -> UserShell {
        let dir = tempfile::tempdir().expect("tempdir");
        let checkout = source_repository(git_bin, dir.path());
        let install_root = dir.path().join("install-root");
        let work = dir.path().join("work");
        std::fs::create_dir_all(&work).expect("mkdir");
        let path = std::env::join_paths(std::iter::once(install_root.join("bin")).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .expect("PATH");
        UserShell {
            _dir: dir,
            checkout,
            work,
            install_root,
            path,
        }
    }

    /// Runs `command` with `sh -c` in `cwd`: (exit code, stdout and stderr).
    pub fn run(&self, command: &str, cwd: &Path) -> (i32, String) {
        let out = Command::new("sh")
            .args(["-c", command])
            .current_dir(cwd)
            .env("PATH", &self.path)
            .env("CARGO_INSTALL_ROOT", &self.install_root)
            .envs(cargo_install_env())
            .envs(toolchain_env())
            .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
            .env_remove("LANG")
            .output()
            .expect("sh runs");
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }
}
