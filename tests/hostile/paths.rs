//! The hostile cases about the file system (permissions, links, special files, deep trees,
//! odd names) and about evidence paths that lead out of the pack.

use super::{mkfifo, symlink, text, write};
use crate::{Case, Setup, expect};

pub fn file_system() -> Vec<Case> {
    vec![
        Case {
            name: "an unreadable file (permission denied)",
            build: |d| {
                use std::os::unix::fs::PermissionsExt;
                text(d, "pack/locked.yaml", "apiVersion: kakunin/v1\n");
                let path = d.join("pack/locked.yaml");
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
                    .expect("chmod");
                Setup {
                    unprivileged: true,
                    skip: unprivileged_skip(),
                }
            },
            expect: || vec![expect("file-unreadable", "pack/locked.yaml:1:1")],
            seconds: 20,
        },
        Case {
            name: "an unreadable directory (permission denied)",
            build: |d| {
                use std::os::unix::fs::PermissionsExt;
                text(d, "pack/locked-dir/a.yaml", "apiVersion: kakunin/v1\n");
                let path = d.join("pack/locked-dir");
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000))
                    .expect("chmod");
                Setup {
                    unprivileged: true,
                    skip: unprivileged_skip(),
                }
            },
            expect: || vec![expect("file-unreadable", "pack/locked-dir*")],
            seconds: 20,
        },
        Case {
            name: "a broken symbolic link",
            build: |d| {
                symlink("gone.yaml", d, "pack/broken.yaml");
                Setup::default()
            },
            expect: || vec![expect("input-path", "pack/broken.yaml:1:1")],
            seconds: 20,
        },
        Case {
            name: "a loop of symbolic links",
            build: |d| {
                symlink("loop-b", d, "pack/loop-a");
                symlink("loop-a", d, "pack/loop-b");
                symlink("self.yaml", d, "pack/self.yaml");
                Setup::default()
            },
            expect: || {
                vec![
                    expect("input-path", "pack/loop-a:1:1"),
                    expect("input-path", "pack/self.yaml:1:1"),
                ]
            },
            seconds: 20,
        },
        Case {
            name: "symbolic links out of the checked tree are not followed",
            build: |d| {
                text(
                    d,
                    "outside/parties.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties: []\nleaked: true\n",
                );
                symlink("../outside/parties.yaml", d, "pack/parties.yaml");
                symlink("../outside", d, "pack/shared");
                symlink("/etc", d, "pack/etc");
                Setup::default()
            },
            expect: || {
                vec![
                    expect("input-path", "pack/parties.yaml:1:1"),
                    expect("input-path", "pack/shared:1:1"),
                    expect("input-path", "pack/etc:1:1"),
                ]
            },
            seconds: 20,
        },
        Case {
            name: "a FIFO named like a pack file is never opened (no hang)",
            build: |d| {
                std::fs::create_dir_all(d.join("pack")).expect("mkdir");
                match mkfifo(&d.join("pack/pipe.yaml")) {
                    Ok(()) => Setup::default(),
                    Err(e) => Setup {
                        skip: Some(format!("cannot make a FIFO: {e}")),
                        ..Setup::default()
                    },
                }
            },
            expect: || vec![expect("file-unreadable", "pack/pipe.yaml:1:1")],
            seconds: 20,
        },
        Case {
            name: "a socket and a device file are never opened",
            build: |d| {
                std::fs::create_dir_all(d.join("pack")).expect("mkdir");
                let listener = std::os::unix::net::UnixListener::bind(d.join("pack/socket.yaml"));
                std::mem::forget(listener);
                // A character device (a copy of /dev/null) needs the right to make one; where
                // that is missing, a FIFO stands in for it.
                let device = d.join("pack/device.yaml");
                let made = std::process::Command::new("mknod")
                    .arg(&device)
                    .args(["c", "1", "3"])
                    .status()
                    .is_ok_and(|s| s.success());
                if !made {
                    eprintln!("note: mknod is not permitted here; a FIFO stands in for the device");
                    if let Err(e) = mkfifo(&device) {
                        return Setup {
                            skip: Some(e),
                            ..Setup::default()
                        };
                    }
                }
                Setup::default()
            },
            expect: || {
                vec![
                    expect("file-unreadable", "pack/socket.yaml:1:1"),
                    expect("file-unreadable", "pack/device.yaml:1:1"),
                ]
            },
            seconds: 20,
        },
        Case {
            name: "a very deep directory tree (past the longest path the system allows)",
            build: |d| {
                let name = "d".repeat(200);
                let script = format!(
                    "cd pack && for i in $(seq 30); do mkdir {name} && cd {name} || exit 1; done; echo 'a: 1' > deep.yaml"
                );
                std::fs::create_dir_all(d.join("pack")).expect("mkdir");
                let ok = std::process::Command::new("bash")
                    .arg("-c")
                    .arg(script)
                    .current_dir(d)
                    .status()
                    .is_ok_and(|s| s.success());
                if ok {
                    Setup::default()
                } else {
                    Setup {
                        skip: Some("cannot build the deep tree".into()),
                        ..Setup::default()
                    }
                }
            },
            expect: || vec![expect("file-unreadable", "pack/dddd*")],
            seconds: 30,
        },
        Case {
            name: "a file name that is not UTF-8, and one with an escape sequence",
            build: |d| {
                use std::os::unix::ffi::OsStrExt;
                let name = std::ffi::OsStr::from_bytes(b"caf\xe9.yaml");
                write(d, "pack/x", b"");
                std::fs::rename(d.join("pack/x"), d.join("pack").join(name)).expect("rename");
                text(
                    d,
                    "pack/evil\u{1b}[2J\u{202e}.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties: []\n",
                )
            },
            expect: || {
                vec![
                    expect("input-path", "pack/caf\u{FFFD}.yaml:1:1"),
                    expect("input-path", "pack/evil\u{1b}[2J\u{202e}.yaml:1:1"),
                ]
            },
            seconds: 20,
        },
    ]
}

/// Why an unprivileged run cannot be made here, if it cannot.
fn unprivileged_skip() -> Option<String> {
    if !crate::is_root() {
        return None;
    }
    let works = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success());
    (!works).then(|| "running as root without setpriv: permissions cannot be denied".into())
}

fn contract(id: &str, document: &str) -> String {
    format!(
        "---\napiVersion: kakunin/v1\nkind: Contract\nid: {id}\ntitle: t\ntype: master_service_agreement\nparties: [clinic]\nsigned_on: 2026-03-16\nterm: {{start: 2026-04-01, end: 2031-03-31}}\ndocument: '{document}'\n"
    )
}

pub fn evidence() -> Vec<Case> {
    vec![Case {
        name: "evidence paths: absolute, .., drive, UNC, backslash, link out of the pack",
        build: |d| {
            text(d, "secret.pdf", "outside the pack");
            text(d, "pack/evidence/ok.pdf", "inside");
            symlink("../../secret.pdf", d, "pack/evidence/link-out.pdf");
            let docs = [
                contract("c-absolute", "/etc/passwd"),
                contract("c-dotdot", "../secret.pdf"),
                contract("c-drive", "C:\\Users\\jimu\\contract.pdf"),
                contract("c-drive-slash", "C:/Users/jimu/contract.pdf"),
                contract("c-unc", "\\\\fileserver\\share\\contract.pdf"),
                contract("c-link", "evidence/link-out.pdf"),
                contract("c-ok", "evidence/ok.pdf"),
            ];
            text(d, "pack/contracts.yaml", &docs.concat())
        },
        expect: || {
            (0..6)
                .map(|i| {
                    expect(
                        "evidence-path",
                        format!("pack/contracts.yaml:{}:*", 10 + 10 * i),
                    )
                })
                .collect()
        },
        seconds: 20,
    }]
}
