//! What every piece file shares: a trailing checksum, and the packed
//! reference to one word's postings list that dictionary values hold.
//!
//! ```text
//! piece:  body | check u64 LE  (FNV-1a of the body, mixed with the piece
//!                               number and the set hash)
//! word:   piece (23 bits) | offset in that piece (32 bits) | df (8 bits)
//! ```
//!
//! The piece number inside the check catches a piece served under another
//! piece's name; the set hash (over the kind and every piece's body, also
//! the folder name) a piece of another kind or build copied into place.

use super::{content_hash, decode_len, encode_len, FileKind, FormatError};

/// The hash of a piece set: its kind and the hash ([`content_hash`]) of
/// every piece's body, in order.
pub fn set_hash(kind: FileKind, body_hashes: &[u64]) -> u64 {
    let mut b = vec![kind as u8];
    for h in body_hashes {
        b.extend_from_slice(&h.to_le_bytes());
    }
    content_hash(&b)
}

/// The check that ends piece `n` of the set `set`, from its body's hash.
pub fn check(body_hash: u64, n: u32, set: u64) -> [u8; 8] {
    (body_hash ^ u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ set.rotate_left(17))
        .to_le_bytes()
}

/// Append the check to `body`, making it piece `n`'s file in the set `set`.
pub fn seal(mut body: Vec<u8>, n: u32, set: u64) -> Vec<u8> {
    let h = check(content_hash(&body), n, set);
    body.extend_from_slice(&h);
    body
}

/// The body length of piece `n` of the set `set`, if its check holds.
pub fn unseal(bytes: &[u8], n: u32, set: u64, name: &str) -> Result<usize, FormatError> {
    let body = bytes
        .len()
        .checked_sub(8)
        .ok_or_else(|| FormatError::Mismatch {
            file: name.to_string(),
        })?;
    let mut h = [0u8; 8];
    h.copy_from_slice(&bytes[body..]);
    if h != check(content_hash(&bytes[..body]), n, set) {
        return Err(FormatError::Mismatch {
            file: name.to_string(),
        });
    }
    Ok(body)
}

/// Where one word's postings list is, and (roughly) how many documents it
/// names. In a dictionary it is packed into one number as small as the
/// index allows (fst values cost bytes by magnitude):
/// `(piece << offset_bits | offset) << 8 | df byte`, where `offset_bits`
/// (in the root) is just wide enough for the largest postings piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WordRef {
    pub piece: u32,
    pub offset: u32,
    df: u8,
    /// In the stem dictionary: [`tag`] of the word without its article,
    /// so that a search can tell the query word's own forms among its
    /// stem-mates without a lookup per form. 0 in the word dictionary.
    pub tag: u8,
}

impl WordRef {
    pub fn new(piece: u32, offset: u32, doc_freq: u32) -> WordRef {
        WordRef {
            piece,
            offset,
            df: encode_len(doc_freq),
            tag: 0,
        }
    }

    pub fn with_tag(self, tag: u8) -> WordRef {
        WordRef { tag, ..self }
    }

    /// As the word dictionary holds it.
    pub fn pack(self, offset_bits: u8) -> u64 {
        ((u64::from(self.piece) << offset_bits) | u64::from(self.offset)) << 8 | u64::from(self.df)
    }

    /// As the stem dictionary holds it: with the tag in the low byte.
    pub fn pack_tagged(self, offset_bits: u8) -> u64 {
        self.pack(offset_bits) << 8 | u64::from(self.tag)
    }

    pub fn unpack_tagged(v: u64, offset_bits: u8) -> Result<WordRef, FormatError> {
        Ok(WordRef::unpack(v >> 8, offset_bits)?.with_tag(v as u8))
    }

    pub fn unpack(v: u64, offset_bits: u8) -> Result<WordRef, FormatError> {
        let at = v >> 8;
        let piece = u32::try_from(at >> offset_bits.min(63))
            .map_err(|_| FormatError::Corrupt("word reference"))?;
        let offset = u32::try_from(at & ((1u64 << offset_bits.min(63)) - 1))
            .map_err(|_| FormatError::Corrupt("word reference"))?;
        Ok(WordRef {
            piece,
            offset,
            df: v as u8,
            tag: 0,
        })
    }

    /// Documents the word occurs in, within 5% (for ranking completions
    /// without fetching their postings).
    pub fn doc_freq(self) -> f32 {
        decode_len(self.df)
    }
}

/// A one-byte digest of a word (the stem dictionary's word tags).
pub fn tag(word: &str) -> u8 {
    (content_hash(word.as_bytes()) >> 56) as u8
}

/// Bits needed for offsets below `max`.
pub fn bits_for(max: u64) -> u8 {
    (64 - max.leading_zeros()) as u8
}
