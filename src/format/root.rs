//! The root file: the only file a loader fetches first.
//!
//! ```text
//! MAGIC (8 bytes) | version u16 LE
//! lang: length (1 byte, ≤ 16) + ASCII language tag                (since version 2)
//! doc_count | total title tokens | total body tokens            (varints)
//! file_count | per file: kind u8, name, byte length, hash u64 LE
//! norms: doc_count × (title length u8, body length u8)          (see norms)
//! hash u64 LE of everything above
//! ```
//!
//! `lang` comes early so that the widget can read it from the root alone
//! (through the wasm module's `rootLang`) to choose its language on a page
//! that does not state one, before the other files arrive.

use super::varint::{write_str, write_varint, Reader};
use super::{content_hash, FormatError, MAGIC, VERSION};

/// Which role a file plays in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Words = 1,
    Stems = 2,
    Groups = 3,
    Postings = 4,
    Docs = 5,
    Filters = 6,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Words,
        FileKind::Stems,
        FileKind::Groups,
        FileKind::Postings,
        FileKind::Docs,
        FileKind::Filters,
    ];

    fn from_u8(b: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|k| *k as u8 == b)
    }

    /// Base name and extension; the content hash goes between them.
    pub fn stem_and_ext(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Words => ("words", "fst"),
            FileKind::Stems => ("stems", "fst"),
            FileKind::Groups => ("groups", "bin"),
            FileKind::Postings => ("postings", "bin"),
            FileKind::Docs => ("docs", "bin"),
            FileKind::Filters => ("filters", "bin"),
        }
    }
}

/// One file of the index as the root records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub kind: FileKind,
    pub name: String,
    pub len: u64,
    pub hash: u64,
}

impl FileEntry {
    /// Describe `bytes` as the file of `kind`, named by its content hash.
    pub fn for_bytes(kind: FileKind, bytes: &[u8]) -> Self {
        let hash = content_hash(bytes);
        let (stem, ext) = kind.stem_and_ext();
        FileEntry {
            kind,
            name: format!("{stem}.{:012x}.{ext}", hash >> 16),
            len: bytes.len() as u64,
            hash,
        }
    }

    /// Check that `bytes` are this file's.
    pub fn verify(&self, bytes: &[u8]) -> Result<(), FormatError> {
        if bytes.len() as u64 != self.len || content_hash(bytes) != self.hash {
            return Err(FormatError::Mismatch {
                file: self.name.clone(),
            });
        }
        Ok(())
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

/// The parsed root file.
#[derive(Debug, Clone, PartialEq)]
pub struct Root {
    /// Main language of the corpus as a BCP 47 tag (`ar`, `en`), or empty
    /// when unknown: the widget's words and direction follow it when the
    /// page does not say. ASCII letters, digits and `-`, at most
    /// [`MAX_LANG_LEN`] bytes.
    pub lang: String,
    pub stats: Stats,
    pub files: Vec<FileEntry>,
    /// Per document: quantised (title length, body length).
    pub norms: Vec<[u8; 2]>,
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
        write_varint(&mut out, self.files.len() as u64);
        for f in &self.files {
            out.push(f.kind as u8);
            write_str(&mut out, &f.name);
            write_varint(&mut out, f.len);
            out.extend_from_slice(&f.hash.to_le_bytes());
        }
        for n in &self.norms {
            out.extend_from_slice(n);
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
        let file_count = r.u32()?;
        if file_count > 64 {
            return Err(FormatError::Corrupt("file count"));
        }
        let mut files = Vec::with_capacity(file_count as usize);
        for _ in 0..file_count {
            let kind = FileKind::from_u8(r.u8()?).ok_or(FormatError::Corrupt("file kind"))?;
            let name = r.str()?.to_string();
            if name.is_empty() || name.contains('/') || name.contains("..") {
                return Err(FormatError::Corrupt("file name"));
            }
            let len = r.varint()?;
            let hash = u64::from_le_bytes(r.fixed::<8>()?);
            files.push(FileEntry {
                kind,
                name,
                len,
                hash,
            });
        }
        let norm_len = (stats.doc_count as usize)
            .checked_mul(2)
            .ok_or(FormatError::Corrupt("document count"))?;
        let norm_bytes = r.take(norm_len)?;
        let norms = norm_bytes.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
        if !r.is_empty() {
            return Err(FormatError::Corrupt("trailing root bytes"));
        }
        Ok(Root {
            lang,
            stats,
            files,
            norms,
        })
    }

    pub fn file(&self, kind: FileKind) -> Result<&FileEntry, FormatError> {
        self.files
            .iter()
            .find(|f| f.kind == kind)
            .ok_or_else(|| FormatError::Missing {
                file: kind.stem_and_ext().0.to_string(),
            })
    }
}

/// A short ASCII tag: letters, digits and `-`, at most [`MAX_LANG_LEN`] bytes.
pub fn valid_lang(tag: &str) -> bool {
    tag.len() <= MAX_LANG_LEN && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
