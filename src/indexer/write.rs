//! Writing an index into a folder, all or nothing.
//!
//! Everything a build writes goes to a staging folder inside the output
//! folder first ([`Staging`]): the pieces as they are made, and the
//! build's temporary files (sorted runs of postings, staged documents).
//! Each piece set's folder (named by the set's hash) then moves into
//! place, the root last. An interrupted or failed build leaves the
//! previous index as it was, and a set that did not change keeps its
//! folder (and browsers their cache). The staging folder is removed on
//! success and on failure; one left by a killed build is removed by the
//! next.

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

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

pub(super) fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// Name of the staging folder inside the output folder.
pub const STAGING_DIR: &str = ".fahras-staging";
/// Inside the staging folder: the build's temporary files.
const TEMP_DIR: &str = "tmp";

/// A build's staging folder; removed when dropped unless committed.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
}

impl Staging {
    /// Create `out` if missing and a fresh staging folder inside it (an
    /// older one, left by a killed build, is removed first).
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        fs::create_dir_all(out).map_err(at(out))?;
        let dir = out.join(STAGING_DIR);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(at(&dir))?;
        }
        fs::create_dir(&dir).map_err(at(&dir))?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
        };
        let tmp = staging.temp_dir();
        fs::create_dir(&tmp).map_err(at(&tmp))?;
        Ok(staging)
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Where temporary files go (gone after the build, whatever happens).
    pub fn temp_dir(&self) -> PathBuf {
        self.dir.join(TEMP_DIR)
    }

    /// Write `bytes` at `name` (a path relative to the index folder).
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let p = self.dir.join(name);
        if let Some(dir) = p.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        fs::write(&p, bytes).map_err(at(&p))
    }

    /// Append `bytes` to the staged file `name` (relative).
    pub fn append(&self, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
        use std::io::Write;
        let p = self.dir.join(name);
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(&p)
            .map_err(at(&p))?;
        f.write_all(bytes).map_err(at(&p))
    }

    /// Move a staged folder or file from `from` to `to` (both relative).
    pub fn rename(&self, from: &str, to: &str) -> Result<(), WriteError> {
        let to = self.dir.join(to);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        fs::rename(self.dir.join(from), &to).map_err(at(&to))
    }

    /// Stage `root`, move every piece folder it names into the output
    /// folder, then the root: until the root moves, readers see the old
    /// index; afterwards, the new one, complete. Pieces of older indexes
    /// are then removed; other files in the output folder (pages, the
    /// site) are left alone.
    pub fn commit(self, root: &[u8]) -> Result<(), WriteError> {
        let out = self.out.clone();
        let (out, staging) = (&out, &self.dir);
        let p = staging.join(ROOT_FILE);
        fs::write(&p, root).map_err(at(&p))?;
        let root = Root::parse(root).expect("the indexer writes a valid root");
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
        drop(self); // removes the staging folder
        remove_stale(out, &keep);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Write `built` into `out` (created if missing). Pieces of an older index
/// in `out` are removed once the new root is in place; other files there
/// (pages, the site) are left alone.
pub fn write_index(built: &BuiltIndex, out: &Path) -> Result<(), WriteError> {
    let staging = Staging::create(out)?;
    for (name, bytes) in &built.files {
        staging.write(name, bytes)?;
    }
    staging.commit(&built.root)
}

/// Remove piece folders of earlier builds that the new root does not name,
/// and the single-file pieces of format versions before 3.
fn remove_stale(out: &Path, keep: &BTreeSet<PathBuf>) {
    for kind in FileKind::ALL {
        if let Ok(dirs) = fs::read_dir(out.join(kind.stem_and_ext().0)) {
            for d in dirs.flatten() {
                if !keep.contains(&d.path()) {
                    let _ = fs::remove_dir_all(d.path());
                }
            }
        }
    }
    // Before version 3, `<kind>.<hash>.<ext>` files (and `groups.<hash>.bin`).
    let Ok(files) = fs::read_dir(out) else {
        return;
    };
    for f in files.flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        let is_old = FileKind::ALL
            .iter()
            .map(|k| k.stem_and_ext())
            .chain([("groups", "bin")])
            .any(|(stem, ext)| {
                name.strip_prefix(stem)
                    .and_then(|r| r.strip_prefix('.'))
                    .is_some_and(|r| r.ends_with(ext) || r.ends_with("bin"))
            });
        if is_old && f.path().is_file() {
            let _ = fs::remove_file(f.path());
        }
    }
}
