//! Dictionary pieces: a key range of one dictionary (surface words or
//! stems) as an `fst::Map`, followed by the stem groups its values point to.
//!
//! ```text
//! fst length | fst bytes | groups: per group:
//!   count << 1 | linked? | word refs (ascending, deltas)
//!   [linked count | linked word refs (ascending, deltas)]
//! ```
//!
//! A word's value is its packed [`super::WordRef`]. A stem's value names
//! every surface word sharing it: most stems have one, held directly (`ref << 1 | 1`);
//! otherwise the value (`offset << 1`) points at a group in the same piece.
//! A group may also name linked words: those of the stem's forms with a
//! lone clitic letter before it (كتاب: وكتاب, بكتاب), so that a query word
//! finds them in its own entry instead of in five other key ranges.

use fst::Map;

use super::varint::{write_varint, Reader};
use super::FormatError;

/// Builds one dictionary piece; keys must come in ascending order.
pub struct DictWriter {
    map: fst::MapBuilder<Vec<u8>>,
    groups: Vec<u8>,
    keys: u32,
}

impl Default for DictWriter {
    fn default() -> Self {
        DictWriter {
            map: fst::MapBuilder::memory(),
            groups: Vec::new(),
            keys: 0,
        }
    }
}

impl DictWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add `key` naming `words` and `linked` words (packed word references,
    /// each ascending). Keys must ascend.
    pub fn insert(&mut self, key: &[u8], words: &[u64], linked: &[u64]) {
        let value = match (words, linked) {
            ([one], []) => one << 1 | 1,
            _ => {
                let at = self.groups.len() as u64;
                let head = (words.len() as u64) << 1 | u64::from(!linked.is_empty());
                write_varint(&mut self.groups, head);
                write_deltas(&mut self.groups, words);
                if !linked.is_empty() {
                    write_varint(&mut self.groups, linked.len() as u64);
                    write_deltas(&mut self.groups, linked);
                }
                at << 1
            }
        };
        self.map.insert(key, value).expect("keys ascend");
        self.keys += 1;
    }

    pub fn keys(&self) -> u32 {
        self.keys
    }

    /// Bytes so far, roughly (to cut pieces by size).
    pub fn approx_len(&self) -> usize {
        self.map.bytes_written() as usize + self.groups.len()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        let fst = self.map.into_inner().expect("in-memory fst");
        let mut out = Vec::with_capacity(fst.len() + self.groups.len() + 4);
        write_varint(&mut out, fst.len() as u64);
        out.extend_from_slice(&fst);
        out.extend_from_slice(&self.groups);
        out
    }
}

fn write_deltas(out: &mut Vec<u8>, refs: &[u64]) {
    let mut prev = 0;
    for &w in refs {
        write_varint(out, w - prev);
        prev = w;
    }
}

/// A dictionary piece, read and checked.
#[derive(Debug)]
pub struct DictPiece {
    map: Map<Vec<u8>>,
    groups: Vec<u8>,
}

impl DictPiece {
    pub fn parse(body: &[u8]) -> Result<DictPiece, FormatError> {
        let mut r = Reader::new(body);
        let n = usize::try_from(r.varint()?).map_err(|_| FormatError::Corrupt("fst length"))?;
        let fst = r.take(n)?.to_vec();
        let groups = body[r.pos()..].to_vec();
        // Damage is caught by the piece's own check before this point, so
        // the fst's CRC-32C is not verified again: its tables alone would
        // add 8 kB to the wasm. (Neither check stops a forger who recomputes
        // them; see SECURITY.md.)
        let map = Map::new(fst)?;
        Ok(DictPiece { map, groups })
    }

    pub fn map(&self) -> &Map<Vec<u8>> {
        &self.map
    }

    /// The packed word references a value names, appended to `out`, and
    /// its linked ones to `linked`.
    pub fn decode(
        &self,
        value: u64,
        out: &mut Vec<u64>,
        linked: &mut Vec<u64>,
    ) -> Result<(), FormatError> {
        if value & 1 == 1 {
            out.push(value >> 1);
            return Ok(());
        }
        let at = usize::try_from(value >> 1).map_err(|_| FormatError::Corrupt("group offset"))?;
        let mut r = Reader::at(&self.groups, at)?;
        let head = r.varint()?;
        read_deltas(&mut r, head >> 1, out)?;
        if head & 1 == 1 {
            let n = r.varint()?;
            read_deltas(&mut r, n, linked)?;
        }
        Ok(())
    }
}

fn read_deltas(r: &mut Reader, n: u64, out: &mut Vec<u64>) -> Result<(), FormatError> {
    // Each entry takes a byte at least: a count above the bytes left is corrupt.
    if n > r.remaining_len() as u64 {
        return Err(FormatError::Corrupt("group size"));
    }
    let mut v = 0u64;
    for _ in 0..n {
        v = v
            .checked_add(r.varint()?)
            .ok_or(FormatError::Corrupt("group entry"))?;
        out.push(v);
    }
    Ok(())
}
