//! Knock-on findings folded under their cause: a reference that names nothing, in a pack one of
//! whose files could not be read, most likely names what that file defines — say so, and point
//! at the file.

use crate::finding::{Finding, Related};
use crate::i18n::Lang;

/// The loader's findings after which a file's documents are lost as a whole.
const LOST: &[&str] = &["file-unreadable", "yaml-syntax", "not-kakunin-document"];

/// Files shown per knock-on finding.
const SHOWN: usize = 3;

/// Adds to every `unresolved-reference` of the pack the files that could not be read: in the
/// message ("…, likely because parties.yaml could not be read") and as related locations.
pub fn fold(findings: &mut [Finding], lang: Lang) {
    let mut lost: Vec<_> = Vec::new();
    for f in findings.iter().filter(|f| LOST.contains(&f.rule.as_str())) {
        if !lost
            .iter()
            .any(|l: &crate::finding::Location| l.file == f.location.file)
        {
            lost.push(f.location.clone());
        }
    }
    if lost.is_empty() {
        return;
    }
    let names: Vec<String> = lost
        .iter()
        .take(SHOWN)
        .map(|l| {
            std::path::Path::new(&l.file)
                .file_name()
                .map_or_else(|| l.file.clone(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let (because, label) = match lang {
        Lang::En => (
            format!(", likely because {} could not be read", names.join(", ")),
            "could not be read",
        ),
        Lang::Ja => (
            format!("（{} を読めなかったためと考えられます）", names.join("、")),
            "読めなかったファイル",
        ),
    };
    for f in findings
        .iter_mut()
        .filter(|f| f.rule == "unresolved-reference")
    {
        f.message.push_str(&because);
        for l in lost.iter().take(SHOWN) {
            f.related.push(Related {
                location: l.clone(),
                label: label.to_owned(),
            });
        }
    }
}
