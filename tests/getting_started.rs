//! `docs/getting-started.md`, run as written: every command of its `sh` blocks, in order, in a
//! fresh directory with the installed kakunin on the PATH, ending with the exit code its
//! `# exit N` comment gives (none: 0). The install runs in a copy of this checkout.

mod support;

use support::source::UserShell;

/// The commands of the guide, with the exit code each should end with.
fn commands() -> Vec<(String, i32)> {
    let guide =
        std::fs::read_to_string(support::root().join("docs/getting-started.md")).expect("guide");
    let mut out = Vec::new();
    for block in guide.split("```sh\n").skip(1) {
        let body = block.split("```").next().unwrap_or_default();
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let (command, comment) = line.split_once('#').unwrap_or((line, ""));
            let code = comment
                .trim()
                .strip_prefix("exit ")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            out.push((command.trim().to_owned(), code));
        }
    }
    out
}

#[test]
fn every_command_of_the_guide_runs_as_written() {
    let Some(git_bin) = support::tool("git") else {
        return;
    };
    let commands = commands();
    assert!(commands.len() >= 6, "{commands:#?}");
    assert_eq!(commands[0].0, "cargo install --locked --path .");
    let shell = UserShell::new(&git_bin);
    for (i, (command, want)) in commands.iter().enumerate() {
        let cwd = if i == 0 { &shell.checkout } else { &shell.work };
        let (code, text) = shell.run(command, cwd);
        assert_eq!(code, *want, "`{command}`: {text}");
    }
    let report =
        std::fs::read_to_string(shell.work.join("確認表.html")).expect("the report is filed");
    assert!(report.contains("<html"));
}
