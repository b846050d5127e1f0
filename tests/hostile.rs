//! The hostile corpus: one case per kind of untrusted input the threat model names (limits,
//! encodings, YAML features, the file system, evidence paths). Each case is written into a
//! fresh temporary directory at test time — the large ones generated, not committed — and
//! checked by the real `kakunin` binary with a time limit. Every case must:
//!
//! - finish within its time limit, exit 0 or 1 (never 4, never a signal), with no internal error;
//! - report its expected findings at their place, and still report a known finding in a sibling
//!   file of the same pack (nothing else is lost);
//! - give JSON that parses and human output with no raw control character;
//! - stay within the memory bound (peak RSS of the child processes, from `getrusage`).
//!
//! The cases themselves are in `tests/hostile/cases.rs`.

#[path = "hostile/cases.rs"]
mod cases;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The most memory any one run of a case may take (peak resident set size).
const MAX_RSS_MIB: i64 = 768;

/// A finding a case must produce: rule, and `file:line:column` relative to the case directory;
/// a trailing `*` matches any rest (`file:line:*`, or the start of a long path).
pub struct Expect {
    pub rule: &'static str,
    pub at: String,
}

pub fn expect(rule: &'static str, at: impl Into<String>) -> Expect {
    Expect {
        rule,
        at: at.into(),
    }
}

/// What a case does.
pub struct Case {
    pub name: &'static str,
    /// Writes the case's files below the directory (the pack is `pack/`).
    pub build: fn(&Path) -> Setup,
    pub expect: fn() -> Vec<Expect>,
    /// Seconds the run may take (in the unoptimised test build).
    pub seconds: u64,
}

/// Anything a case needs besides its files.
#[derive(Default)]
pub struct Setup {
    /// Run as an unprivileged user (permission cases, when the tests run as root).
    pub unprivileged: bool,
    /// Why the case could not be set up here (it is then reported as skipped, not passed).
    pub skip: Option<String>,
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kakunin"))
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Peak RSS in MiB of the largest child process waited for so far.
fn children_peak_rss_mib() -> i64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss / 1024
    }
}

/// Runs kakunin in `dir` with a time limit; kills it if it runs over. `as_nobody` names the
/// copy of the binary an unprivileged user runs (as root, through `setpriv`).
fn run(dir: &Path, args: &[&str], as_nobody: Option<&Path>, limit: Duration) -> Outcome {
    let mut command = match as_nobody {
        Some(copy) => {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(copy);
            c
        }
        None => Command::new(binary()),
    };
    command
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().expect("kakunin starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout.read_to_end(&mut text);
        text
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    Outcome {
        code: status.and_then(|s| s.code()),
        stdout,
        stderr,
        elapsed,
    }
}

/// Characters human output must never carry raw.
fn unsafe_char(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| kakunin::report::terminal::is_unsafe(c))
}

fn check_case(case: &Case) -> Result<String, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = tmp.path();
    cases::sibling(dir);
    let setup = (case.build)(dir);
    if let Some(why) = setup.skip {
        return Ok(format!("skipped: {why}"));
    }
    let as_nobody = (setup.unprivileged && is_root()).then(|| cases::open_up(dir));
    let as_nobody = as_nobody.as_deref();
    let limit = Duration::from_secs(case.seconds);
    let args = ["check", "pack", "--today", "2026-11-21", "--isolated"];
    let json_run = run(
        dir,
        &[&args[..], &["--format", "json"]].concat(),
        as_nobody,
        limit,
    );
    let human_run = run(dir, &args, as_nobody, limit);
    let mut problems = Vec::new();
    for (format, outcome) in [("json", &json_run), ("human", &human_run)] {
        match outcome.code {
            None => problems.push(format!(
                "{format}: killed after {:?} (time limit {limit:?}), or ended by a signal",
                outcome.elapsed
            )),
            Some(0 | 1) => {}
            Some(code) => problems.push(format!(
                "{format}: exit {code}; stderr: {}",
                outcome.stderr.chars().take(2000).collect::<String>()
            )),
        }
        if outcome.stderr.contains("internal error") {
            problems.push(format!("{format}: {}", outcome.stderr));
        }
    }
    if let Some(c) = unsafe_char(&human_run.stdout) {
        problems.push(format!(
            "human output holds the raw character U+{:04X}",
            c as u32
        ));
    }
    let value: serde_json::Value = match serde_json::from_str(&json_run.stdout) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("JSON does not parse: {e}"));
            serde_json::Value::Null
        }
    };
    let found: Vec<(String, String)> = value["findings"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default();
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                format!("{file}:{}:{}", f["line"], f["column"]),
            )
        })
        .collect();
    let mut wanted = (case.expect)();
    wanted.push(cases::sibling_finding());
    for want in &wanted {
        let place = |at: &str| match want.at.strip_suffix('*') {
            Some(prefix) => at.starts_with(prefix),
            None => at == want.at,
        };
        let hit = found
            .iter()
            .any(|(rule, at)| rule == want.rule && place(at));
        if !hit {
            problems.push(format!("missing {} at {}", want.rule, want.at));
        }
    }
    let rss = children_peak_rss_mib();
    if rss > MAX_RSS_MIB {
        problems.push(format!("peak RSS {rss} MiB > {MAX_RSS_MIB} MiB"));
    }
    if problems.is_empty() {
        Ok(format!(
            "ok in {:?} + {:?}, peak RSS so far {rss} MiB",
            json_run.elapsed, human_run.elapsed
        ))
    } else {
        problems.push(format!("findings: {found:?}"));
        Err(problems.join("\n  "))
    }
}

#[test]
fn every_hostile_case_is_reported_in_bounded_time_and_memory() {
    let mut failures = Vec::new();
    for case in cases::all() {
        match check_case(&case) {
            Ok(note) => eprintln!("{}: {note}", case.name),
            Err(problem) => failures.push(format!("{}:\n  {problem}", case.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
