//! The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit: `pre-commit try-repo`
//! builds kakunin from a commit of this working tree (`language: rust`: `cargo install`) and
//! runs both hooks in a temporary repository holding a broken pack, then the fixed pack. A YAML
//! file outside any pack is passed along, as pre-commit does, and must not fail the `kakunin`
//! hook.
//!
//! The first build is a release build (several minutes on two cores); `CARGO_TARGET_DIR` points
//! at `target/pre-commit-hook` so that the second `try-repo` and later runs reuse it.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Instant;
use support::source::{git, source_repository};
use support::{root, tool, write};

/// The compliant single-vendor example, and the edit that breaks it (its institution names
/// nobody).
const INSTITUTION: &str = "institution: himawari-clinic";
const BROKEN: &str = "institution: nobody";

/// Runs pre-commit with `args` in `packs`, the hooks built into the shared target directory.
fn pre_commit_in(
    pre_commit: &Path,
    args: &[&std::ffi::OsStr],
    packs: &Path,
    home: &Path,
) -> (i32, String) {
    let started = Instant::now();
    let out = Command::new(pre_commit)
        .args(args)
        .args(["--color", "never"])
        .current_dir(packs)
        .env("PRE_COMMIT_HOME", home)
        .env("CARGO_TARGET_DIR", root().join("target/pre-commit-hook"))
        .env("SOURCE_DATE_EPOCH", "1795219200") // 2026-11-21
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("pre-commit runs");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    eprintln!(
        "pre-commit {:?} took {:.0?}",
        args.first(),
        started.elapsed()
    );
    (out.status.code().unwrap_or(-1), text)
}

/// Runs `pre-commit try-repo HOOK_REPO --files FILES…` (both hooks) in `packs`.
fn try_repo(pre_commit: &Path, hook_repo: &Path, packs: &Path, home: &Path) -> (i32, String) {
    let args: Vec<&std::ffi::OsStr> = vec![
        "try-repo".as_ref(),
        hook_repo.as_os_str(),
        "--verbose".as_ref(),
        "--files".as_ref(),
        "packs/clinic/pack.yaml".as_ref(),
        "ci/settings.yaml".as_ref(),
    ];
    pre_commit_in(pre_commit, &args, packs, home)
}

#[test]
fn hooks_fail_on_a_broken_pack_and_pass_once_it_is_fixed() {
    let (Some(pre_commit), Some(git_bin)) = (tool("pre-commit"), tool("git")) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let hook_repo = source_repository(&git_bin, dir.path());
    let packs = dir.path().join("packs-repo");
    let pack = packs.join("packs/clinic");
    support::copy_example("single-vendor", &pack, &[(INSTITUTION, BROKEN)]);
    write(&packs, "ci/settings.yaml", "not: a pack\n");
    git(&git_bin, &packs, &["init", "-q"]);
    git(&git_bin, &packs, &["add", "-A"]);
    let home = dir.path().join("pre-commit-home");

    let (code, text) = try_repo(&pre_commit, &hook_repo, &packs, &home);
    assert_eq!(code, 1, "{text}");
    let broken_line = "packs/clinic/pack.yaml:9:14: error[unresolved-reference]";
    assert!(text.contains(broken_line), "{text}");
    assert_both_hooks_end_with(&text, "Failed");
    assert!(
        !text.contains("ci/settings.yaml"),
        "a file outside packs is not reported: {text}"
    );

    support::copy_example("single-vendor", &pack, &[]);
    git(&git_bin, &packs, &["add", "-A"]);
    let (code, text) = try_repo(&pre_commit, &hook_repo, &packs, &home);
    assert_eq!(code, 0, "{text}");
    assert_both_hooks_end_with(&text, "Passed");
}

#[test]
fn hook_manifest_and_example_config_are_valid_for_pre_commit() {
    let Some(pre_commit) = tool("pre-commit") else {
        return;
    };
    let validate = |command: &str, file: &Path| {
        let args = [std::ffi::OsStr::new(command), file.as_os_str()];
        support::run_tool(&pre_commit, &args, root())
    };
    let (code, text) = validate("validate-manifest", &root().join(".pre-commit-hooks.yaml"));
    assert_eq!(code, 0, "{text}");
    let example = root().join("docs/examples/pre-commit-config.yaml");
    let (code, text) = validate("validate-config", &example);
    assert_eq!(code, 0, "{text}");
    // pre-commit does reject a broken manifest.
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "hooks.yaml",
        "- id: kakunin\n  entry: kakunin\n  language: rusty\n",
    );
    assert_ne!(
        validate("validate-manifest", &dir.path().join("hooks.yaml")).0,
        0
    );
}

/// Both hooks' status lines in pre-commit's output end with `word` (`Passed`, `Failed`).
fn assert_both_hooks_end_with(text: &str, word: &str) {
    for hook in [
        "kakunin (contract packs of the changed files)",
        "kakunin (all contract packs)",
    ] {
        let status = text
            .lines()
            .find(|l| l.starts_with(hook))
            .unwrap_or_default();
        assert!(status.ends_with(word), "{hook}: {text}");
    }
}

/// `pre-commit run --all-files` in `packs`, with the hooks built as `try_repo` builds them.
fn run_all(pre_commit: &Path, packs: &Path, home: &Path) -> (i32, String) {
    let args: Vec<&std::ffi::OsStr> = vec!["run".as_ref(), "--all-files".as_ref()];
    pre_commit_in(pre_commit, &args, packs, home)
}

#[test]
fn the_documented_config_runs_as_written_against_a_release_tag() {
    let (Some(pre_commit), Some(git_bin)) = (tool("pre-commit"), tool("git")) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let hook_repo = source_repository(&git_bin, dir.path());
    // Tagged as docs/releasing.md tags a release: `v` and the version of Cargo.toml.
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    git(&git_bin, &hook_repo, &["tag", "-a", &tag, "-m", "release"]);
    let documented = std::fs::read_to_string(root().join("docs/examples/pre-commit-config.yaml"))
        .expect("the documented config");
    assert!(
        documented.contains(&format!("rev: {tag} ")),
        "the snippet pins the version being released ({tag}): {documented}"
    );
    // Only the repository's address, a placeholder in the docs, is put in.
    let placeholder = "https://example.invalid/OWNER/kakunin";
    assert!(documented.contains(placeholder), "{documented}");
    let config = documented.replace(placeholder, &hook_repo.to_string_lossy());

    let packs = dir.path().join("packs-repo");
    let pack = packs.join("packs/clinic");
    support::copy_example("single-vendor", &pack, &[(INSTITUTION, BROKEN)]);
    write(&packs, ".pre-commit-config.yaml", &config);
    git(&git_bin, &packs, &["init", "-q"]);
    git(&git_bin, &packs, &["add", "-A"]);
    let home = dir.path().join("pre-commit-home");
    let (code, text) = run_all(&pre_commit, &packs, &home);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("packs/clinic/pack.yaml:9:14: error[unresolved-reference]"),
        "{text}"
    );
    assert!(
        text.contains("ID が `nobody`"),
        "in Japanese, as the snippet's `--lang ja` asks: {text}"
    );

    support::copy_example("single-vendor", &pack, &[]);
    git(&git_bin, &packs, &["add", "-A"]);
    let (code, text) = run_all(&pre_commit, &packs, &home);
    assert_eq!(code, 0, "{text}");
}
