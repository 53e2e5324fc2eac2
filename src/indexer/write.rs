//! Writing a built index into a folder, all or nothing.
//!
//! Pieces go to a temporary sibling folder first; each piece set's folder
//! (named by the set's hash) then moves into place, the root last. An
//! interrupted or failed build leaves the previous index as it was, and a
//! set that did not change keeps its folder (and browsers their cache).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::BuiltIndex;
use crate::format::{FileKind, Root, ROOT_FILE};

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

/// Write `built` into `out` (created if missing). Pieces of an older index
/// in `out` are removed once the new root is in place; other files there
/// (pages, the site) are left alone.
pub fn write_index(built: &BuiltIndex, out: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(out).map_err(at(out))?;
    let staging = out.join(".fahras-staging");
    let result = write_staged(built, out, &staging);
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_staged(built: &BuiltIndex, out: &Path, staging: &Path) -> Result<(), WriteError> {
    if staging.exists() {
        fs::remove_dir_all(staging).map_err(at(staging))?;
    }
    fs::create_dir(staging).map_err(at(staging))?;
    for (name, bytes) in &built.files {
        let p = staging.join(name);
        if let Some(dir) = p.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        fs::write(&p, bytes).map_err(at(&p))?;
    }
    let p = staging.join(ROOT_FILE);
    fs::write(&p, &built.root).map_err(at(&p))?;

    // Piece folders first, the root last: until the root moves, readers see
    // the old index; afterwards, the new one is complete.
    let root = Root::parse(&built.root).expect("the indexer writes a valid root");
    let mut keep = BTreeSet::new();
    for set in &root.sets {
        let folder = set.folder();
        let to = out.join(&folder);
        keep.insert(to.clone());
        if to.is_dir() {
            continue; // same hash, same pieces
        }
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        fs::rename(staging.join(&folder), &to).map_err(at(&to))?;
    }
    let to = out.join(ROOT_FILE);
    fs::rename(staging.join(ROOT_FILE), &to).map_err(at(&to))?;
    let _ = fs::remove_dir_all(staging);
    remove_stale(out, &keep);
    Ok(())
}

/// Remove piece folders of earlier builds that the new root does not name,
/// and the single-file pieces of format versions before 3.
fn remove_stale(out: &Path, keep: &BTreeSet<PathBuf>) {
    for kind in FileKind::ALL {
        let (stem, ext) = kind.stem_and_ext();
        if let Ok(dirs) = fs::read_dir(out.join(stem)) {
            for d in dirs.flatten() {
                if !keep.contains(&d.path()) {
                    let _ = fs::remove_dir_all(d.path());
                }
            }
        }
        for old in ["groups", stem] {
            if let Ok(files) = fs::read_dir(out) {
                for f in files.flatten() {
                    let name = f.file_name().to_string_lossy().into_owned();
                    let is_old = name
                        .strip_prefix(old)
                        .and_then(|r| r.strip_prefix('.'))
                        .is_some_and(|r| r.ends_with(ext) || r.ends_with("bin"));
                    if is_old && f.path().is_file() {
                        let _ = fs::remove_file(f.path());
                    }
                }
            }
        }
    }
}
