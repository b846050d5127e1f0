//! Scratch directories of one run under the system's temporary directory (the packs that
//! `rules verify` makes of examples), removed when the run ends.

use std::path::PathBuf;

/// A directory of this run's own under the system's temporary directory, removed at the end.
pub(crate) struct Scratch {
    root: PathBuf,
    next: std::cell::Cell<usize>,
}

impl Scratch {
    pub(crate) fn new() -> Result<Scratch, String> {
        let base = std::env::temp_dir();
        for attempt in 0..100u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let root = base.join(format!(
                "kakunin-verify-{}-{nanos}-{attempt}",
                std::process::id()
            ));
            match std::fs::create_dir(&root) {
                Ok(()) => {
                    return Ok(Scratch {
                        root,
                        next: std::cell::Cell::new(0),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("cannot create {}: {e}", root.display())),
            }
        }
        Err(format!("cannot create a directory in {}", base.display()))
    }

    /// A new, empty pack directory.
    pub(crate) fn fresh(&self) -> Result<PathBuf, String> {
        let n = self.next.get();
        self.next.set(n + 1);
        let dir = self.root.join(format!("case-{n}"));
        std::fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
