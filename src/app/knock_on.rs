//! Knock-on findings folded under their cause: a reference that names nothing, in a pack one of
//! whose files could not be read, most likely names what that file defines; a field found
//! missing where a misspelt key stands (`servce_levels`) is most likely that key. Each says so,
//! and points at its cause.

use crate::finding::{Finding, Related};
use crate::i18n::Lang;
use crate::model::Pack;
use crate::model::code::Code;
use crate::model::issue::{Arg, Issue};

/// A key the loader did not know and took for a misspelling: the file it is in, its field path
/// (`parties[1].incident_contat`) and the key it most likely meant (`incident_contact`).
pub struct Misspelt {
    pub file: String,
    pub path: String,
    pub meant: String,
}

/// The misspelt keys among a pack's issues (unknown keys with a did-you-mean).
pub fn misspelt<'i>(issues: impl IntoIterator<Item = &'i Issue>, pack: &Pack) -> Vec<Misspelt> {
    issues
        .into_iter()
        .filter(|i| i.rule == Code::UnknownKey.id())
        .filter_map(|i| {
            let meant = i.args.iter().find_map(|(name, value)| match value {
                Arg::Plain(text) if name == "suggestion" => Some(text.clone()),
                _ => None,
            })?;
            Some(Misspelt {
                file: pack.files.get(i.file)?.display.clone(),
                path: i.path.clone(),
                meant,
            })
        })
        .collect()
}

/// Adds to every finding about the field a misspelt key most likely meant, in the same file
/// (`service_levels` missing, its metrics unset), the key: in the message ("…, likely because
/// `servce_levels` on line 10 is a misspelling of `service_levels`") and as a related location.
pub fn fold_misspelt(findings: &mut [Finding], misspelt: &[Misspelt], lang: Lang) {
    for m in misspelt {
        let Some(cause) = findings
            .iter()
            .find(|f| {
                f.rule == Code::UnknownKey.id()
                    && f.location.file == m.file
                    && f.location.path == m.path
            })
            .map(|f| f.location.clone())
        else {
            continue;
        };
        let parent = m.path.rfind('.').map_or("", |dot| &m.path[..dot]);
        let meant = if parent.is_empty() {
            m.meant.clone()
        } else {
            format!("{parent}.{}", m.meant)
        };
        let key = m.path.rsplit('.').next().unwrap_or(&m.path);
        let (because, label) = match lang {
            Lang::En => (
                format!(
                    ", likely because `{key}` on line {} is a misspelling of `{}`",
                    cause.line, m.meant
                ),
                "the misspelt key",
            ),
            Lang::Ja => (
                format!(
                    "（{} 行目の `{key}` が `{}` の書き誤りであるためと考えられます）",
                    cause.line, m.meant
                ),
                "書き誤りと思われるキー",
            ),
        };
        let about_meant = |path: &str| {
            path == meant
                || path
                    .strip_prefix(meant.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        };
        for f in findings.iter_mut().filter(|f| {
            f.rule != Code::UnknownKey.id()
                && f.location.file == m.file
                && about_meant(&f.location.path)
        }) {
            f.message.push_str(&because);
            f.related.push(Related {
                location: cause.clone(),
                label: label.to_owned(),
            });
        }
    }
}

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
