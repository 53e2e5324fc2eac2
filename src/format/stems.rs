//! Stem dictionary values: a stem maps to the postings of every surface word
//! that shares it. Most stems have one word; then the fst value holds that
//! word's postings offset directly (low bit 1). Otherwise the value (low bit
//! 0) points into the groups file at `count | first offset | deltas…`.

use super::varint::{write_varint, Reader};
use super::FormatError;

/// Encode the stem's words (their postings offsets, ascending) as an fst value,
/// appending to `groups` when there is more than one.
pub fn encode(offsets: &[u64], groups: &mut Vec<u8>) -> u64 {
    if let [single] = offsets {
        return single << 1 | 1;
    }
    let at = groups.len() as u64;
    write_varint(groups, offsets.len() as u64);
    let mut prev = 0;
    for &o in offsets {
        write_varint(groups, o - prev);
        prev = o;
    }
    at << 1
}

/// Decode an fst value into postings offsets (appended to `out`).
pub fn decode(value: u64, groups: &[u8], out: &mut Vec<u64>) -> Result<(), FormatError> {
    if value & 1 == 1 {
        out.push(value >> 1);
        return Ok(());
    }
    let at = usize::try_from(value >> 1).map_err(|_| FormatError::Corrupt("group offset"))?;
    let mut r = Reader::at(groups, at)?;
    let n = r.varint()?;
    if n > r.remaining_len() as u64 {
        return Err(FormatError::Corrupt("group size"));
    }
    let mut o = 0u64;
    for _ in 0..n {
        o = o
            .checked_add(r.varint()?)
            .ok_or(FormatError::Corrupt("group offset"))?;
        out.push(o);
    }
    Ok(())
}
