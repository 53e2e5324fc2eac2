//! Why a file was skipped ([`SkipReason`]: each becomes the text of a
//! [`Warning`](super::Warning), none of them stops the build), and the one
//! error that does stop a streamed read ([`StageError`]).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The reason a single file could not be turned into a document.
#[derive(Debug)]
pub enum SkipReason {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The file contains NUL bytes: almost certainly not text.
    Binary,
    /// The bytes are not valid UTF-8 (`offset` of the first bad byte).
    InvalidUtf8 { offset: usize },
    /// The file is empty or holds only whitespace.
    Empty,
    /// The file is larger than [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES):
    /// its text would go to every visitor's browser in the document store.
    TooLarge { bytes: u64, max: u64 },
    /// The file parsed, but no title or body text was left (e.g. an HTML
    /// page made only of scripts and navigation).
    NoText,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Io(e) => write!(f, "could not read the file: {e}"),
            SkipReason::Binary => write!(f, "binary file (contains NUL bytes), not text"),
            SkipReason::InvalidUtf8 { offset } => write!(
                f,
                "not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8"
            ),
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::TooLarge { bytes, max } => write!(
                f,
                "file too large ({bytes} bytes, the limit is {max}); split it into smaller documents"
            ),
            SkipReason::NoText => write!(f, "no text found in the file"),
        }
    }
}

impl std::error::Error for SkipReason {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SkipReason::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for SkipReason {
    fn from(e: std::io::Error) -> Self {
        SkipReason::Io(e)
    }
}

/// A staged file of a streamed read (see [`list_corpus`](super::list_corpus))
/// could not be written or read back: the build cannot go on.
#[derive(Debug)]
pub struct StageError {
    pub path: PathBuf,
    /// Writing (else reading back).
    pub writing: bool,
    pub error: io::Error,
}

impl StageError {
    pub(super) fn writing(path: &Path) -> impl FnOnce(io::Error) -> StageError + '_ {
        move |error| StageError {
            path: path.to_path_buf(),
            writing: true,
            error,
        }
    }

    pub(super) fn reading(path: &Path) -> impl FnOnce(io::Error) -> StageError + '_ {
        move |error| StageError {
            path: path.to_path_buf(),
            writing: false,
            error,
        }
    }
}

impl fmt::Display for StageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.writing { "write" } else { "read back" };
        write!(f, "cannot {verb} {}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for StageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}
