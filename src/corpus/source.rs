//! Reading one file's bytes as text: rejects binary files, invalid UTF-8
//! and empty files with a [`SkipReason`], strips a UTF-8 byte-order mark.

use std::path::Path;

use super::SkipReason;

/// Largest source file read (10 MiB). A document's whole text goes into
/// the document store that every visitor downloads, and indexing one huge
/// file holds many times its size in memory: a bigger file is skipped with
/// a warning instead.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The file's text, or why it cannot be used.
pub(super) fn read_text(path: &Path) -> Result<String, SkipReason> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // Read at most one byte past the limit: the size in the metadata may be
    // wrong (a growing file, a special file), the bytes read are not.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        return Err(SkipReason::TooLarge {
            bytes: size.max(bytes.len() as u64),
            max: MAX_FILE_BYTES,
        });
    }
    decode(bytes)
}

/// Bytes to text, with the same checks as [`read_text`].
pub(super) fn decode(bytes: Vec<u8>) -> Result<String, SkipReason> {
    if bytes.contains(&0) {
        return Err(SkipReason::Binary);
    }
    let text = String::from_utf8(bytes).map_err(|e| SkipReason::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(text)
}
