//! Reading one pack file: never through a link, never anything but a regular file, within the
//! size limit, and only as UTF-8 text; every refusal is an issue to report.

use super::issue::Issue;
use crate::i18n::{Lang, io_reason};
use crate::limits::Limit;
use crate::model::code::Code;
use crate::yaml::Span;
use std::io::Read;
use std::path::Path;

/// Reads a file as UTF-8 text; on failure returns empty text and the issue to report.
pub(super) fn read_text(path: &Path, max_bytes: u64) -> (String, Option<Issue>) {
    let unreadable = |variant: &str, detail: String| {
        (
            String::new(),
            Some(
                Issue::new(Code::FileUnreadable, 0, Span::default(), "")
                    .variant(variant)
                    .arg("detail", detail),
            ),
        )
    };
    let unreadable_io = |e: &std::io::Error| {
        let told = Issue::new(Code::FileUnreadable, 0, Span::default(), "")
            .variant("io")
            .told("detail", io_reason(e, Lang::En), io_reason(e, Lang::Ja));
        (String::new(), Some(told))
    };
    // Never follow a link nor open anything but a regular file: a FIFO would block forever.
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) => return unreadable_io(&e),
    };
    if !meta.is_file() {
        return unreadable("not_file", String::new());
    }
    if meta.len() > max_bytes {
        return too_large(meta.len().to_string(), max_bytes);
    }
    let file = match open_regular(path) {
        Ok(Some(file)) => file,
        Ok(None) => return unreadable("not_file", String::new()),
        Err(e) => return unreadable_io(&e),
    };
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    if let Err(e) = file.take(max_bytes + 1).read_to_end(&mut bytes) {
        return unreadable_io(&e);
    }
    if bytes.len() as u64 > max_bytes {
        return too_large(format!("> {max_bytes}"), max_bytes);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return unreadable("utf16", String::new());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return unreadable("binary", at.to_string());
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let issue = Issue::new(Code::FileUnreadable, 0, Span::new(at, 1), "")
                .variant("utf8")
                .arg("detail", at.to_string());
            (text, Some(issue))
        }
    }
}

/// Opens a file for reading only if it is (still) a regular file: without waiting on a FIFO
/// swapped in since it was looked at (non-blocking open), and checked again once open.
fn open_regular(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    Ok(file.metadata()?.is_file().then_some(file))
}

/// A file over `limits.max_file_bytes`: reported, not read.
fn too_large(size: String, max_bytes: u64) -> (String, Option<Issue>) {
    let issue = Issue::new(Code::InputLimit, 0, Span::default(), "")
        .variant(Limit::FileBytes.variant())
        .arg("size", size)
        .arg("limit", max_bytes.to_string())
        .arg("key", Limit::FileBytes.key());
    (String::new(), Some(issue))
}
