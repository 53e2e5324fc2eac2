//! Writing a built index into a folder, all or nothing.
//!
//! Files go to a temporary sibling folder first, which then replaces the
//! target folder's index files: an interrupted or failed build leaves the
//! previous index as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::BuiltIndex;
use crate::format::{FileKind, ROOT_FILE};

#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// Write `built` into `out` (created if missing). Files of an older index in
/// `out` are replaced; other files there (pages, the site) are left alone.
/// Returns the (name, size) of every index file written, root first.
///
/// On an error (disk full, a rename refused) the previous root is still in
/// place with its pieces, and the staging folder is removed; new pieces
/// already moved are unreferenced and go with the next successful build.
pub fn write_index(built: &BuiltIndex, out: &Path) -> Result<Vec<(String, u64)>, WriteError> {
    fs::create_dir_all(out).map_err(at(out))?;
    let staging = out.join(".fahras-staging");
    let result = write_staged(built, out, &staging);
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_staged(
    built: &BuiltIndex,
    out: &Path,
    staging: &Path,
) -> Result<Vec<(String, u64)>, WriteError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(at(staging))?;
    }
    fs::create_dir(staging).map_err(at(staging))?;
    let mut written = Vec::new();
    for (entry, bytes) in &built.files {
        let p = staging.join(&entry.name);
        fs::write(&p, bytes).map_err(at(&p))?;
        written.push((entry.name.clone(), bytes.len() as u64));
    }
    let p = staging.join(ROOT_FILE);
    fs::write(&p, &built.root).map_err(at(&p))?;
    written.insert(0, (ROOT_FILE.to_string(), built.root.len() as u64));

    // Hashed pieces first, the root last: until the root moves, readers see
    // the old index; afterwards, the new one is complete.
    let old = stale_pieces(out, built)?;
    for (name, _) in written.iter().skip(1) {
        let (from, to) = (staging.join(name), out.join(name));
        fs::rename(&from, &to).map_err(at(&to))?;
    }
    let to = out.join(ROOT_FILE);
    fs::rename(staging.join(ROOT_FILE), &to).map_err(at(&to))?;
    for p in old {
        let _ = fs::remove_file(p);
    }
    fs::remove_dir(staging).map_err(at(staging))?;
    Ok(written)
}

/// Index pieces of earlier builds in `out` that the new root does not name.
fn stale_pieces(out: &Path, built: &BuiltIndex) -> Result<Vec<PathBuf>, WriteError> {
    let mut old = Vec::new();
    for e in fs::read_dir(out).map_err(at(out))? {
        let e = e.map_err(at(out))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = FileKind::ALL.iter().any(|k| {
            let (stem, ext) = k.stem_and_ext();
            name.strip_prefix(stem)
                .is_some_and(|r| r.starts_with('.') && r.ends_with(ext))
        });
        if ours && !built.files.iter().any(|(f, _)| f.name == name) {
            old.push(e.path());
        }
    }
    Ok(old)
}
