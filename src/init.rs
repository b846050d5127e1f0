//! `kakunin init`: a new contract pack (single- or multi-vendor) that passes `check`, with
//! dates counted from the given day and every value that must be replaced marked `TODO`.

use crate::i18n::Lang;
use jiff::ToSpan;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

const SINGLE_VENDOR: &[(&str, &str)] = &[
    (
        "checklist/vendor.yaml",
        include_str!("../templates/init/single/checklist/vendor.yaml"),
    ),
    (
        "contracts/msa.yaml",
        include_str!("../templates/init/single/contracts/msa.yaml"),
    ),
    (
        "evidence/vendor-conformance-disclosure.txt",
        include_str!("../templates/init/single/evidence/vendor-conformance-disclosure.txt"),
    ),
    (
        "pack.yaml",
        include_str!("../templates/init/single/pack.yaml"),
    ),
    (
        "parties.yaml",
        include_str!("../templates/init/single/parties.yaml"),
    ),
    (
        "risk.yaml",
        include_str!("../templates/init/single/risk.yaml"),
    ),
    (
        "sla.yaml",
        include_str!("../templates/init/single/sla.yaml"),
    ),
    (
        "systems.yaml",
        include_str!("../templates/init/single/systems.yaml"),
    ),
];

const MULTI_VENDOR: &[(&str, &str)] = &[
    (
        "checklist/prime.yaml",
        include_str!("../templates/init/multi/checklist/prime.yaml"),
    ),
    (
        "contracts/msa.yaml",
        include_str!("../templates/init/multi/contracts/msa.yaml"),
    ),
    (
        "contracts/subcontract.yaml",
        include_str!("../templates/init/multi/contracts/subcontract.yaml"),
    ),
    (
        "evidence/prime-conformance-disclosure.txt",
        include_str!("../templates/init/multi/evidence/prime-conformance-disclosure.txt"),
    ),
    (
        "evidence/subcontractor-conformance-disclosure.txt",
        include_str!("../templates/init/multi/evidence/subcontractor-conformance-disclosure.txt"),
    ),
    (
        "pack.yaml",
        include_str!("../templates/init/multi/pack.yaml"),
    ),
    (
        "parties.yaml",
        include_str!("../templates/init/multi/parties.yaml"),
    ),
    (
        "risk.yaml",
        include_str!("../templates/init/multi/risk.yaml"),
    ),
    ("sla.yaml", include_str!("../templates/init/multi/sla.yaml")),
    (
        "systems.yaml",
        include_str!("../templates/init/multi/systems.yaml"),
    ),
];

/// Why a pack could not be created.
#[derive(Debug)]
pub struct InitError {
    pub en: String,
    pub ja: String,
}

impl InitError {
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.clone(),
            Lang::Ja => self.ja.clone(),
        }
    }
}

/// The pack id: the directory's name when it is a valid id, else `contract-pack`.
fn pack_id(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_lowercase()))
        .unwrap_or_default();
    if crate::model::values::is_id(&name) {
        name
    } else {
        "contract-pack".to_owned()
    }
}

fn fill(template: &str, vars: &[(&str, String)]) -> String {
    vars.iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value)
        })
}

/// Writes a new pack into `dir` (created if missing); refuses to overwrite anything.
/// Returns the files written.
pub fn scaffold(dir: &Path, multi_vendor: bool, today: Date) -> Result<Vec<PathBuf>, InitError> {
    let files = if multi_vendor {
        MULTI_VENDOR
    } else {
        SINGLE_VENDOR
    };
    // `pack.yaml` is a template too: each name once, in the order written.
    let mut existing: Vec<String> = Vec::new();
    for name in ["pack.yaml", "pack.yml"]
        .iter()
        .chain(files.iter().map(|(name, _)| name))
        .filter(|name| dir.join(name).exists())
    {
        let shown = dir.join(name).display().to_string();
        if !existing.contains(&shown) {
            existing.push(shown);
        }
    }
    if !existing.is_empty() {
        let list = existing.join(", ");
        return Err(InitError {
            en: format!("init writes into an empty place only; these exist already: {list}"),
            ja: format!(
                "init は既存のファイルを上書きしません。次のファイルが既にあります: {list}"
            ),
        });
    }
    let io = |e: std::io::Error, path: &Path| InitError {
        en: format!("cannot write {}: {e}", path.display()),
        ja: format!("{} を書き込めません: {e}", path.display()),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
    let end = today
        .checked_add(5.years())
        .and_then(|d| d.checked_sub(1.day()))
        .unwrap_or(today);
    let next_review = today
        .checked_add(1.year())
        .and_then(|d| d.checked_sub(1.day()))
        .unwrap_or(today);
    let vars = [
        ("pack_id", pack_id(dir)),
        ("today", today.to_string()),
        ("end", end.to_string()),
        ("next_review", next_review.to_string()),
    ];
    let mut written = Vec::new();
    for (name, template) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(e, parent))?;
        }
        std::fs::write(&path, fill(template, &vars)).map_err(|e| io(e, &path))?;
        written.push(path);
    }
    Ok(written)
}
