//! The cases of the hostile corpus, one per item of the threat model, each with the finding it
//! must produce. Files are written (large ones generated) into the case's directory, under
//! `pack/`; the harness is `tests/hostile.rs`. The file-system and evidence-path cases are in
//! `paths.rs`.

#[path = "paths.rs"]
mod paths;

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

pub(super) fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

pub(super) fn text(dir: &Path, name: &str, content: &str) -> Setup {
    write(dir, name, content.as_bytes());
    Setup::default()
}

/// Lets an unprivileged user into the case directory (the permission cases run as one), and
/// gives it a copy of the binary there (the build directory may be closed to it).
pub fn open_up(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let binary = dir.join("kakunin-copy");
    std::fs::copy(super::binary(), &binary).expect("copy the binary");
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
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
    binary
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

pub(super) fn symlink(target: &str, dir: &Path, name: &str) {
    std::os::unix::fs::symlink(target, dir.join(name)).expect("symlink");
}

pub(super) fn mkfifo(path: &Path) -> Result<(), String> {
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
    all.extend(paths::file_system());
    all.extend(paths::evidence());
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
            name: "a pack larger than max_pack_bytes (five files of 7 MiB)",
            build: |d| {
                let body = "# padding line\n".repeat(7 * 1024 * 1024 / 15);
                for i in 1..=5 {
                    text(d, &format!("pack/zz-{i}.yaml"), &body);
                }
                Setup::default()
            },
            expect: || vec![expect("input-limit", "pack/zz-5.yaml:1:1")],
            seconds: 60,
        },
        Case {
            name: "a file with more findings than max_findings_per_file",
            build: |d| {
                let mut t = String::from("apiVersion: kakunin/v1\nkind: Parties\nparties: []\n");
                for i in 0..5_000 {
                    let _ = writeln!(t, "unknown_{i}: x");
                }
                text(d, "pack/noisy.yaml", &t)
            },
            expect: || {
                vec![
                    expect("input-limit", "pack/noisy.yaml:1:1"),
                    expect("unknown-key", "pack/noisy.yaml:4:1"),
                ]
            },
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
