//! The root file: the only file a loader fetches before the first query.
//!
//! ```text
//! MAGIC (8 bytes) | version u16 LE
//! lang: length (1 byte, ≤ 16) + ASCII language tag
//! doc_count | total title tokens | total body tokens             (varints)
//! docs_per_piece | offset_bits u8 (see `piece::WordRef`)
//! set_count | per piece set: kind u8 | set hash u64 LE | piece_count
//!             | dictionaries only, per piece: first key | key count
//!               (first key front-coded: bytes shared with the previous
//!               piece's first key | the rest, length-prefixed)
//! hash u64 LE of everything above
//! ```
//!
//! The root stays small whatever the corpus size: it grows with the number
//! of dictionary pieces (a few dozen to a few hundred), never with the
//! number of documents. `lang` comes early so that the widget can read it
//! from the root alone (through the wasm module's `rootLang`) to choose its
//! language on a page that does not state one.

use super::varint::{write_str, write_varint, Reader};
use super::{content_hash, FormatError, MAGIC, VERSION};

/// Which role a piece set plays in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// Surface-word dictionary pieces (`fst::Map`s over key ranges).
    Words = 1,
    /// Stem dictionary pieces, each with its stem groups.
    Stems = 2,
    /// Postings lists, cut between lists.
    Postings = 4,
    /// Document store, `docs_per_piece` documents a piece.
    Docs = 5,
    /// Facets and dates: one piece, fetched only to filter, count or sort.
    Filters = 6,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Words,
        FileKind::Stems,
        FileKind::Postings,
        FileKind::Docs,
        FileKind::Filters,
    ];

    fn from_u8(b: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|k| *k as u8 == b)
    }

    /// Folder name and extension of this kind's pieces.
    pub fn stem_and_ext(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Words => ("words", "fst"),
            FileKind::Stems => ("stems", "fst"),
            FileKind::Postings => ("postings", "bin"),
            FileKind::Docs => ("docs", "bin"),
            FileKind::Filters => ("filters", "bin"),
        }
    }

    /// Dictionaries record their key ranges in the root.
    pub fn is_dictionary(self) -> bool {
        matches!(self, FileKind::Words | FileKind::Stems)
    }
}

/// Where a dictionary piece starts, and how many keys it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRange {
    /// The piece's smallest key; the piece ends where the next one starts.
    pub first: Vec<u8>,
    pub keys: u32,
}

/// All pieces of one kind. They live in `<kind>/<set hash>/<n>.<ext>`: the
/// set hash covers every piece's bytes, so a redeploy that changes any of
/// them writes a new folder and never mixes pieces of two builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceSet {
    pub kind: FileKind,
    pub hash: u64,
    pub count: u32,
    /// Dictionaries only: one per piece, ascending.
    pub ranges: Vec<KeyRange>,
}

impl PieceSet {
    /// Path of piece `n`, relative to the index folder.
    pub fn path(&self, n: u32) -> String {
        let (stem, ext) = self.kind.stem_and_ext();
        format!("{stem}/{:012x}/{n}.{ext}", self.hash >> 16)
    }

    /// Folder holding the pieces, relative to the index folder.
    pub fn folder(&self) -> String {
        let (stem, _) = self.kind.stem_and_ext();
        format!("{stem}/{:012x}", self.hash >> 16)
    }

    /// The dictionary piece whose range holds `key`.
    pub fn piece_for(&self, key: &[u8]) -> Option<u32> {
        let after = self.ranges.partition_point(|r| r.first.as_slice() <= key);
        after.checked_sub(1).map(|i| i as u32)
    }
}

/// Corpus-wide numbers BM25 needs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    pub doc_count: u32,
    pub total_title_len: u64,
    pub total_body_len: u64,
}

impl Stats {
    pub fn avg_title_len(&self) -> f32 {
        (self.total_title_len as f64 / f64::from(self.doc_count.max(1))) as f32
    }
    pub fn avg_body_len(&self) -> f32 {
        (self.total_body_len as f64 / f64::from(self.doc_count.max(1))) as f32
    }
}

/// Longest language tag a root may hold.
pub const MAX_LANG_LEN: usize = 16;
/// Most pieces a set may have (dictionary values hold 23 bits of piece number).
pub const MAX_PIECES: u32 = 1 << 23;

/// The parsed root file.
#[derive(Debug, Clone, PartialEq)]
pub struct Root {
    /// Main language of the corpus as a BCP 47 tag (`ar`, `en`), or empty
    /// when unknown: the widget's words and direction follow it when the
    /// page does not say. ASCII letters, digits and `-`, at most
    /// [`MAX_LANG_LEN`] bytes.
    pub lang: String,
    pub stats: Stats,
    /// Documents per document-store piece (the last piece may hold fewer).
    pub docs_per_piece: u32,
    /// Width of postings offsets in packed word references.
    pub offset_bits: u8,
    pub sets: Vec<PieceSet>,
}

impl Root {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        // An invalid tag is written as "unknown" rather than as a root
        // that `parse` would reject.
        write_str(
            &mut out,
            if valid_lang(&self.lang) {
                &self.lang
            } else {
                ""
            },
        );
        write_varint(&mut out, u64::from(self.stats.doc_count));
        write_varint(&mut out, self.stats.total_title_len);
        write_varint(&mut out, self.stats.total_body_len);
        write_varint(&mut out, u64::from(self.docs_per_piece));
        out.push(self.offset_bits);
        write_varint(&mut out, self.sets.len() as u64);
        for s in &self.sets {
            out.push(s.kind as u8);
            out.extend_from_slice(&s.hash.to_le_bytes());
            write_varint(&mut out, u64::from(s.count));
            if s.kind.is_dictionary() {
                let mut prev: &[u8] = &[];
                for r in &s.ranges {
                    let shared = prev
                        .iter()
                        .zip(&r.first)
                        .take_while(|(a, b)| a == b)
                        .count();
                    write_varint(&mut out, shared as u64);
                    write_varint(&mut out, (r.first.len() - shared) as u64);
                    out.extend_from_slice(&r.first[shared..]);
                    write_varint(&mut out, u64::from(r.keys));
                    prev = &r.first;
                }
            }
        }
        let h = content_hash(&out);
        out.extend_from_slice(&h.to_le_bytes());
        out
    }

    pub fn parse(bytes: &[u8]) -> Result<Root, FormatError> {
        if bytes.len() < MAGIC.len() + 2 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(FormatError::NotAnIndex);
        }
        let version = u16::from_le_bytes([bytes[8], bytes[9]]);
        if version != VERSION {
            return Err(FormatError::Version {
                found: version,
                expected: VERSION,
            });
        }
        let body_len = bytes
            .len()
            .checked_sub(8)
            .ok_or(FormatError::Truncated("root"))?;
        let (body, tail) = bytes.split_at(body_len);
        let mut h = [0u8; 8];
        h.copy_from_slice(tail);
        if content_hash(body) != u64::from_le_bytes(h) {
            return Err(FormatError::Corrupt(
                "index.fhr checksum: the root file is truncated or damaged",
            ));
        }
        let mut r = Reader::at(body, MAGIC.len() + 2)?;
        let lang = r.str()?;
        if !valid_lang(lang) {
            return Err(FormatError::Corrupt("language tag"));
        }
        let lang = lang.to_string();
        let stats = Stats {
            doc_count: r.u32()?,
            total_title_len: r.varint()?,
            total_body_len: r.varint()?,
        };
        let docs_per_piece = r.u32()?;
        if docs_per_piece == 0 {
            return Err(FormatError::Corrupt("documents per piece"));
        }
        let offset_bits = r.u8()?;
        if offset_bits > 32 {
            return Err(FormatError::Corrupt("offset width"));
        }
        let set_count = r.u32()?;
        if set_count as usize > FileKind::ALL.len() {
            return Err(FormatError::Corrupt("piece set count"));
        }
        let mut sets: Vec<PieceSet> = Vec::with_capacity(set_count as usize);
        for _ in 0..set_count {
            let kind = FileKind::from_u8(r.u8()?).ok_or(FormatError::Corrupt("piece kind"))?;
            if sets.iter().any(|s| s.kind == kind) {
                return Err(FormatError::Corrupt("piece kind listed twice"));
            }
            let hash = u64::from_le_bytes(r.fixed::<8>()?);
            let count = r.u32()?;
            // Every piece holds at least one byte of root or more of its own.
            if count == 0 || count >= MAX_PIECES {
                return Err(FormatError::Corrupt("piece count"));
            }
            let mut ranges = Vec::new();
            if kind.is_dictionary() {
                if count as usize > r.remaining_len() {
                    return Err(FormatError::Corrupt("piece count"));
                }
                for _ in 0..count {
                    let shared = r.u32()? as usize;
                    let prev = ranges.last().map_or(&[][..], |p: &KeyRange| &p.first[..]);
                    if shared > prev.len() {
                        return Err(FormatError::Corrupt("dictionary range key"));
                    }
                    let n = r.u32()? as usize;
                    let mut first = prev[..shared].to_vec();
                    first.extend_from_slice(r.take(n)?);
                    let keys = r.u32()?;
                    if ranges.last().is_some_and(|p: &KeyRange| p.first >= first) {
                        return Err(FormatError::Corrupt("dictionary ranges out of order"));
                    }
                    ranges.push(KeyRange { first, keys });
                }
            }
            sets.push(PieceSet {
                kind,
                hash,
                count,
                ranges,
            });
        }
        if !r.is_empty() {
            return Err(FormatError::Corrupt("trailing root bytes"));
        }
        let root = Root {
            lang,
            stats,
            docs_per_piece,
            offset_bits,
            sets,
        };
        for kind in FileKind::ALL {
            root.set(kind)?;
        }
        let docs = root.set(FileKind::Docs)?;
        if u64::from(docs.count)
            != u64::from(stats.doc_count)
                .div_ceil(u64::from(docs_per_piece))
                .max(1)
        {
            return Err(FormatError::Corrupt("document piece count"));
        }
        Ok(root)
    }

    pub fn set(&self, kind: FileKind) -> Result<&PieceSet, FormatError> {
        self.sets
            .iter()
            .find(|s| s.kind == kind)
            .ok_or_else(|| FormatError::Missing {
                file: kind.stem_and_ext().0.to_string(),
            })
    }
}

/// A short ASCII tag: letters, digits and `-`, at most [`MAX_LANG_LEN`] bytes.
pub fn valid_lang(tag: &str) -> bool {
    tag.len() <= MAX_LANG_LEN && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
