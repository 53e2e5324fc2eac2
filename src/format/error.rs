//! Errors found while reading index bytes.

use std::fmt;

/// Why index bytes could not be read. Every reader returns this instead of
/// panicking: index files come from a network and may be damaged or stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The root does not start with the Fahras magic bytes.
    NotAnIndex,
    /// Written by another format version than this reader understands.
    Version { found: u16, expected: u16 },
    /// Bytes ended before a value was complete.
    Truncated(&'static str),
    /// A value is out of range or inconsistent.
    Corrupt(&'static str),
    /// A file's size or hash differs from what the root records.
    Mismatch { file: String },
    /// A file the root lists was not supplied.
    Missing { file: String },
    /// The fst library rejected a dictionary.
    Fst(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::NotAnIndex => write!(f, "not a Fahras index (bad magic bytes)"),
            FormatError::Version { found, expected } => write!(
                f,
                "index format version {found}, but this Fahras reads version {expected}: rebuild the index"
            ),
            FormatError::Truncated(what) => write!(f, "index data truncated ({what})"),
            FormatError::Corrupt(what) => write!(f, "index data corrupt ({what})"),
            FormatError::Mismatch { file } => write!(
                f,
                "index file {file} does not match the root (stale cache or mixed builds?)"
            ),
            FormatError::Missing { file } => write!(f, "index file {file} is missing"),
            FormatError::Fst(e) => write!(f, "term dictionary unreadable: {e}"),
        }
    }
}

impl std::error::Error for FormatError {}

impl From<fst::Error> for FormatError {
    fn from(e: fst::Error) -> Self {
        FormatError::Fst(e.to_string())
    }
}
