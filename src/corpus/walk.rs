//! Finding the source files under the inputs and giving each its id.
//!
//! Folders are walked recursively in file-name order (deterministic), without
//! following symlinks, skipping hidden files and folders (names starting with
//! `.`) and `node_modules`. Only `.txt`, `.md`, `.markdown`, `.html` and
//! `.htm` files are taken; other files in a folder are ignored silently. A
//! file named directly as an input with another extension is a warning, and
//! so is a named pipe, socket or device with a document's extension (never
//! opened: reading a pipe could wait forever).

use std::path::Path;

use walkdir::{DirEntry, WalkDir};

use super::{SourceKind, Warning};

const NOT_REGULAR: &str =
    "not a regular file (a named pipe, socket or device); only regular files are read";

/// A supported file, with its id and relative path. A build lists every
/// file before reading any, so this is kept small.
#[derive(Debug, Clone)]
pub(super) struct FoundFile {
    pub path: Box<Path>,
    /// Relative to the input folder, `/` separators, with extension.
    pub rel_path: Box<str>,
    /// Length of the id: `rel_path` without its extension.
    id_len: u32,
    pub kind: SourceKind,
    /// Size in bytes when listed (to keep read batches small), 0 if unknown.
    pub size: u64,
}

impl FoundFile {
    /// The document id: `rel_path` without its extension.
    pub fn id(&self) -> &str {
        &self.rel_path[..self.id_len as usize]
    }
}

/// Every supported file under `input` (a file or a folder), in a
/// deterministic order. Problems (missing input, unreadable folder) are
/// pushed to `warnings`.
pub(super) fn find_files(input: &Path, warnings: &mut Vec<Warning>) -> Vec<FoundFile> {
    let meta = match std::fs::metadata(input) {
        Ok(m) => m,
        Err(e) => {
            warnings.push(Warning::new(input, format!("cannot read input: {e}")));
            return Vec::new();
        }
    };
    if !meta.is_file() && !meta.is_dir() {
        warnings.push(Warning::new(input, NOT_REGULAR));
        return Vec::new();
    }
    if meta.is_file() {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return match found_file(input, &name) {
            Some(f) => vec![FoundFile {
                size: meta.len(),
                ..f
            }],
            None => {
                warnings.push(Warning::new(
                    input,
                    "unsupported file type (expected .txt, .md, .markdown, .html or .htm)",
                ));
                Vec::new()
            }
        };
    }

    let mut files = Vec::new();
    let walker = WalkDir::new(input)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped_name(e));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(input).to_path_buf();
                warnings.push(Warning::new(path, format!("cannot read: {e}")));
                continue;
            }
        };
        // Symlinks are not followed: a link shows up here as neither file nor dir.
        let kind = entry.file_type();
        if kind.is_dir() || kind.is_symlink() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(input) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match found_file(entry.path(), &rel) {
            Some(f) if kind.is_file() => files.push(FoundFile {
                size: entry.metadata().map_or(0, |m| m.len()),
                ..f
            }),
            Some(_) => warnings.push(Warning::new(entry.path(), NOT_REGULAR)),
            None => {}
        }
    }
    files
}

/// Hidden entries and `node_modules` are not walked into.
fn is_skipped_name(entry: &DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || name == "node_modules"
}

/// `Some` when `rel` has a supported extension.
fn found_file(path: &Path, rel: &str) -> Option<FoundFile> {
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let dot = file_name.rfind('.').filter(|&i| i > 0)?;
    let kind = SourceKind::from_extension(&file_name[dot + 1..])?;
    let id_len = rel.len() - (file_name.len() - dot);
    Some(FoundFile {
        path: path.into(),
        rel_path: rel.into(),
        id_len: id_len as u32,
        kind,
        size: 0,
    })
}
