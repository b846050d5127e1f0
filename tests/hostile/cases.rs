//! The cases of the hostile corpus, one per item of the threat model, each with the finding it
//! must produce. Files are written (large ones generated) into the case's directory, under
//! `pack/`; the harness is `tests/hostile.rs`.

use super::{Case, Expect, Setup, expect};
use std::fmt::Write as _;
use std::path::Path;

const PACK: &str = "apiVersion: kakunin/v1\nkind: ContractPack\nid: hostile\ntitle: 受領パック\n\
institution: clinic\neffective: {start: 2026-04-01, end: 2029-03-31}\n";

/// A file beside every case's hostile file, with one known finding: it must still be reported.
const SIBLING: &str = "apiVersion: kakunin/v1\nkind: Parties\nparties:\n\
  - {id: clinic, kind: healthcare_provider, name: みなと診療所, colour: blue}\n";

pub fn sibling(dir: &Path) {
    write(dir, "pack/pack.yaml", PACK.as_bytes());
    write(dir, "pack/sibling.yaml", SIBLING.as_bytes());
}

pub fn sibling_finding() -> Expect {
    expect("unknown-key", "pack/sibling.yaml:4:*")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

fn text(dir: &Path, name: &str, content: &str) -> Setup {
    write(dir, name, content.as_bytes());
    Setup::default()
}

/// Lets an unprivileged user into the case directory (the permission cases run as one).
pub fn open_up(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut path = dir.to_path_buf();
    loop {
        if let Ok(meta) = std::fs::metadata(&path) {
            let mut perms = meta.permissions();
            perms.set_mode(perms.mode() | 0o055);
            let _ = std::fs::set_permissions(&path, perms);
        }
        if !path.pop() || path.as_os_str().is_empty() || path == Path::new("/") {
            break;
        }
    }
    for entry in walk(dir) {
        if entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("locked"))
        {
            continue;
        }
        if let Ok(meta) = std::fs::symlink_metadata(&entry) {
            if meta.file_type().is_symlink() {
                continue;
            }
            let mut perms = meta.permissions();
            perms.set_mode(perms.mode() | 0o044 | if meta.is_dir() { 0o011 } else { 0 });
            let _ = std::fs::set_permissions(&entry, perms);
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}

fn symlink(target: &str, dir: &Path, name: &str) {
    std::os::unix::fs::symlink(target, dir.join(name)).expect("symlink");
}

fn mkfifo(path: &Path) -> Result<(), String> {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "mkfifo failed".into())
}

/// Every case.
pub fn all() -> Vec<Case> {
    let mut all = limits();
    all.extend(encodings());
    all.extend(yaml_features());
    all.extend(file_system());
    all.extend(evidence());
    all
}

fn limits() -> Vec<Case> {
    vec![
        Case {
            name: "file larger than max_file_bytes (9 MiB)",
            build: |d| {
                text(
                    d,
                    "pack/big.yaml",
                    &"# padding line\n".repeat(9 * 1024 * 1024 / 15),
                )
            },
            expect: || vec![expect("input-limit", "pack/big.yaml:1:1")],
            seconds: 30,
        },
        Case {
            name: "more documents than max_documents",
            build: |d| text(d, "pack/docs.yaml", &"---\na: 1\n".repeat(1_500)),
            expect: || vec![expect("input-limit", "pack/docs.yaml:2001:1")],
            seconds: 30,
        },
        Case {
            name: "nesting deeper than max_depth",
            build: |d| {
                text(
                    d,
                    "pack/deep.yaml",
                    &format!("a: {}x{}\n", "[".repeat(100_000), "]".repeat(100_000)),
                )
            },
            expect: || vec![expect("input-limit", "pack/deep.yaml:1:67")],
            seconds: 30,
        },
        Case {
            name: "alias expansion (billion laughs)",
            build: |d| {
                let mut t = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (prev, cur) in ('a'..='i').zip('b'..='j') {
                    let refs = vec![format!("*{prev}"); 9].join(", ");
                    let _ = writeln!(t, "{cur}: &{cur} [{refs}]");
                }
                text(d, "pack/laughs.yaml", &t)
            },
            expect: || vec![expect("input-limit", "pack/laughs.yaml:*")],
            seconds: 30,
        },
        Case {
            name: "more nodes than max_nodes",
            build: |d| {
                text(
                    d,
                    "pack/nodes.yaml",
                    &format!("a: [{}]\n", "1,".repeat(1_100_000)),
                )
            },
            expect: || vec![expect("input-limit", "pack/nodes.yaml:1:*")],
            seconds: 60,
        },
        Case {
            name: "string longer than max_string_length",
            build: |d| {
                text(
                    d,
                    "pack/long.yaml",
                    &format!(
                        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - id: clinic2\n    name: {}\n",
                        "長".repeat(70_000)
                    ),
                )
            },
            expect: || vec![expect("input-limit", "pack/long.yaml:5:11")],
            seconds: 30,
        },
        Case {
            name: "a 10,000-character line",
            build: |d| {
                text(
                    d,
                    "pack/wide.yaml",
                    &format!(
                        "apiVersion: kakunin/v1\nkind: Parties\nparties:\n  - {{id: p, kind: vendr, name: {}}}\n",
                        "x".repeat(10_000)
                    ),
                )
            },
            expect: || vec![expect("invalid-value", "pack/wide.yaml:4:19")],
            seconds: 30,
        },
    ]
}

fn encodings() -> Vec<Case> {
    vec![
        Case {
            name: "invalid UTF-8",
            build: |d| {
                write(
                    d,
                    "pack/latin1.yaml",
                    b"apiVersion: kakunin/v1\nname: caf\xe9\n",
                );
                Setup::default()
            },
            expect: || vec![expect("file-unreadable", "pack/latin1.yaml:2:10")],
            seconds: 20,
        },
        Case {
            name: "UTF-16 (both byte orders)",
            build: |d| {
                let le: Vec<u8> = [0xFF, 0xFE]
                    .into_iter()
                    .chain("a: 1\n".encode_utf16().flat_map(u16::to_le_bytes))
                    .collect();
                let be: Vec<u8> = [0xFE, 0xFF]
                    .into_iter()
                    .chain("a: 1\n".encode_utf16().flat_map(u16::to_be_bytes))
                    .collect();
                write(d, "pack/utf16le.yaml", &le);
                write(d, "pack/utf16be.yaml", &be);
                Setup::default()
            },
            expect: || {
                vec![
                    expect("file-unreadable", "pack/utf16le.yaml:1:1"),
                    expect("file-unreadable", "pack/utf16be.yaml:1:1"),
                ]
            },
            seconds: 20,
        },
        Case {
            name: "NUL bytes (a binary file)",
            build: |d| {
                write(d, "pack/binary.yaml", b"\x7fELF\x02\x01\x01\x00\x00\x00");
                Setup::default()
            },
            expect: || vec![expect("file-unreadable", "pack/binary.yaml:1:1")],
            seconds: 20,
        },
        Case {
            name: "an empty file",
            build: |d| text(d, "pack/empty.yaml", ""),
            expect: || vec![expect("not-kakunin-document", "pack/empty.yaml:1:1")],
            seconds: 20,
        },
        Case {
            name: "a UTF-8 byte order mark (columns do not count it)",
            build: |d| {
                text(
                    d,
                    "pack/bom.yaml",
                    "\u{feff}apiVersion: kakunin/v1\nkind: Parties\nparties: []\ncolour: x\n",
                )
            },
            expect: || vec![expect("unknown-key", "pack/bom.yaml:4:1")],
            seconds: 20,
        },
        Case {
            name: "CRLF line ends",
            build: |d| {
                text(
                    d,
                    "pack/crlf.yaml",
                    "apiVersion: kakunin/v1\r\nkind: Parties\r\nparties: []\r\n  \r\ncolour: x\r\n",
                )
            },
            expect: || vec![expect("unknown-key", "pack/crlf.yaml:5:1")],
            seconds: 20,
        },
        Case {
            name: "lone CR line ends",
            build: |d| {
                text(
                    d,
                    "pack/cr.yaml",
                    "apiVersion: kakunin/v1\rkind: Parties\rparties: []\rcolour: x\r",
                )
            },
            expect: || vec![expect("unknown-key", "pack/cr.yaml:4:1")],
            seconds: 20,
        },
        Case {
            name: "a tab used for indentation",
            build: |d| {
                text(
                    d,
                    "pack/tabs.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties:\n\t- {id: a}\n",
                )
            },
            expect: || vec![expect("yaml-syntax", "pack/tabs.yaml:4:*")],
            seconds: 20,
        },
        Case {
            name: "no newline at the end of the file",
            build: |d| {
                text(
                    d,
                    "pack/noeol.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties: []\ncolour: x",
                )
            },
            expect: || vec![expect("unknown-key", "pack/noeol.yaml:4:1")],
            seconds: 20,
        },
    ]
}

fn yaml_features() -> Vec<Case> {
    vec![
        Case {
            name: "tags (!!python/object and custom ones) are rejected, never interpreted",
            build: |d| {
                text(
                    d,
                    "pack/python.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties: !!python/object/apply:os.system [\"touch pwned\"]\n",
                );
                text(
                    d,
                    "pack/custom.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties: !vendor-list [a]\n",
                )
            },
            expect: || {
                vec![
                    expect("yaml-syntax", "pack/python.yaml:3:*"),
                    expect("yaml-syntax", "pack/custom.yaml:3:*"),
                ]
            },
            seconds: 20,
        },
        Case {
            name: "merge keys are expanded within the file",
            build: |d| {
                text(
                    d,
                    "pack/merge.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nbase: &vendor {kind: vendor, handles_medical_info: none}\nparties:\n  - <<: *vendor\n    id: merged\n    name: n\n    colour: x\n",
                )
            },
            expect: || {
                vec![
                    expect("unknown-key", "pack/merge.yaml:3:1"),
                    expect("unknown-key", "pack/merge.yaml:8:5"),
                ]
            },
            seconds: 20,
        },
        Case {
            name: "an alias to an anchor of another document",
            build: |d| {
                text(
                    d,
                    "pack/anchors.yaml",
                    "apiVersion: kakunin/v1\nkind: Parties\nparties: &p []\n---\napiVersion: kakunin/v1\nkind: Parties\nparties: *p\n",
                )
            },
            expect: || vec![expect("yaml-syntax", "pack/anchors.yaml:7:*")],
            seconds: 20,
        },
    ]
}

fn file_system() -> Vec<Case> {
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
    if !super::is_root() {
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

fn evidence() -> Vec<Case> {
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
