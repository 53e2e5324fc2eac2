//! An index as a searcher sees it: the root, and whichever pieces have been
//! supplied so far. Each piece is checked (size, checksum, structure) when
//! it is added. Asking for a piece that is not there answers "not found"
//! and notes the piece as missing; the caller fetches what is missing and
//! asks again (see `search::search_step`). Natively, [`Index::open`] adds
//! every piece up front, so nothing is ever missing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use fst::Automaton;

use super::{
    piece, DictPiece, DocRecord, DocStore, FileKind, Filters, FormatError, PieceSet,
    PostingsReader, Root, Stats, WordRef,
};

/// One piece: its kind and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PieceId {
    pub kind: FileKind,
    pub n: u32,
}

#[derive(Debug)]
enum Piece {
    Dict(DictPiece),
    Postings(Vec<u8>),
    Docs(DocStore),
    Filters(Filters),
}

/// A dictionary entry's words and the words it links to.
pub type Linked = (Vec<WordRef>, Vec<WordRef>);

#[derive(Debug)]
pub struct Index {
    root: Root,
    // Shared by the searches of one page (or the threads of a test).
    pieces: Mutex<HashMap<PieceId, Arc<Piece>>>,
    /// Sorted, no duplicates.
    missing: Mutex<Vec<PieceId>>,
}

/// A postings list held with the piece it lives in.
pub struct PostingsList {
    piece: Arc<Piece>,
    offset: u32,
    doc_count: u32,
}

impl PostingsList {
    pub fn reader(&self) -> Result<PostingsReader<'_>, FormatError> {
        match &*self.piece {
            Piece::Postings(b) => PostingsReader::open(b, u64::from(self.offset), self.doc_count),
            _ => Err(FormatError::Corrupt("postings piece")),
        }
    }
}

/// Facets and dates, held with their piece.
pub struct FiltersRef(Arc<Piece>);

impl std::ops::Deref for FiltersRef {
    type Target = Filters;
    fn deref(&self) -> &Filters {
        match &*self.0 {
            Piece::Filters(f) => f,
            _ => unreachable!("FiltersRef only wraps a filters piece"),
        }
    }
}

impl Index {
    /// An index with no pieces yet: they are added as queries need them.
    pub fn new(root: Root) -> Index {
        Index {
            root,
            pieces: Mutex::default(),
            missing: Mutex::default(),
        }
    }

    /// Read an index folder from disk, every piece checked (native tools and tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open(dir: &std::path::Path) -> Result<Index, OpenError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| OpenError::Io {
                path,
                error: e.to_string(),
            })
        };
        let index = Index::new(Root::parse(&read(super::ROOT_FILE)?)?);
        for id in index.all_pieces() {
            let bytes = read(&index.path(id))?;
            index.add_piece(id, &bytes)?;
        }
        Ok(index)
    }

    /// Every piece the root names.
    pub fn all_pieces(&self) -> Vec<PieceId> {
        self.root
            .sets
            .iter()
            .flat_map(|s| (0..s.count).map(|n| PieceId { kind: s.kind, n }))
            .collect()
    }

    fn set(&self, kind: FileKind) -> &PieceSet {
        self.root
            .set(kind)
            .expect("Root::parse checks that every kind is there")
    }

    /// Where piece `id` lives, relative to the index folder.
    pub fn path(&self, id: PieceId) -> String {
        self.set(id.kind).path(id.n)
    }

    /// Check and keep the bytes of piece `id` (a second copy is ignored).
    pub fn add_piece(&self, id: PieceId, bytes: &[u8]) -> Result<(), FormatError> {
        let set = self.set(id.kind);
        if id.n >= set.count {
            return Err(FormatError::Corrupt("piece number"));
        }
        if lock(&self.pieces).contains_key(&id) {
            return Ok(());
        }
        let name = set.path(id.n);
        let body = &bytes[..piece::unseal(bytes, id.n, set.hash, &name)?];
        let piece = match id.kind {
            FileKind::Words | FileKind::Stems => Piece::Dict(DictPiece::parse(body)?),
            FileKind::Postings => Piece::Postings(body.to_vec()),
            FileKind::Docs => {
                let store = DocStore::new(body.to_vec())?;
                if store.len() != self.docs_in_piece(id.n) {
                    return Err(FormatError::Corrupt("documents in piece"));
                }
                Piece::Docs(store)
            }
            FileKind::Filters => Piece::Filters(Filters::parse(body, self.doc_count())?),
        };
        lock(&self.missing).retain(|m| *m != id);
        lock(&self.pieces).insert(id, Arc::new(piece));
        Ok(())
    }

    /// Pieces asked for but not supplied since the last call, in order.
    pub fn take_missing(&self) -> Vec<PieceId> {
        std::mem::take(&mut *lock(&self.missing))
    }

    pub fn has_missing(&self) -> bool {
        !lock(&self.missing).is_empty()
    }

    /// Is piece `id` held?
    pub fn holds(&self, id: PieceId) -> bool {
        lock(&self.pieces).contains_key(&id)
    }

    /// Is the dictionary piece where `key` would be held (or is there
    /// none)? Asks for nothing.
    pub fn holds_key(&self, dict: FileKind, key: &str) -> bool {
        self.set(dict)
            .piece_for(key.as_bytes())
            .map_or(true, |n| self.holds(PieceId { kind: dict, n }))
    }

    /// How many pieces are held.
    pub fn pieces_held(&self) -> usize {
        lock(&self.pieces).len()
    }

    fn piece(&self, id: PieceId) -> Option<Arc<Piece>> {
        let got = lock(&self.pieces).get(&id).cloned();
        if got.is_none() {
            let mut missing = lock(&self.missing);
            if let Err(at) = missing.binary_search(&id) {
                missing.insert(at, id);
            }
        }
        got
    }

    pub fn stats(&self) -> &Stats {
        &self.root.stats
    }

    pub fn root(&self) -> &Root {
        &self.root
    }

    pub fn doc_count(&self) -> u32 {
        self.root.stats.doc_count
    }

    fn docs_in_piece(&self, n: u32) -> u32 {
        let k = self.root.docs_per_piece;
        self.doc_count().saturating_sub(n.saturating_mul(k)).min(k)
    }

    /// The words the dictionary key `key` names (one for a surface word,
    /// those sharing it for a stem); `None` when absent or not yet fetched.
    pub fn lookup(&self, dict: FileKind, key: &str) -> Result<Option<Vec<WordRef>>, FormatError> {
        Ok(self.lookup_linked(dict, key)?.map(|(words, _)| words))
    }

    /// [`Index::lookup`], with the words the entry links to (for a stem:
    /// those of its forms with a lone clitic letter before it).
    pub fn lookup_linked(&self, dict: FileKind, key: &str) -> Result<Option<Linked>, FormatError> {
        let Some(n) = self.set(dict).piece_for(key.as_bytes()) else {
            return Ok(None);
        };
        let Some(p) = self.piece(PieceId { kind: dict, n }) else {
            return Ok(None);
        };
        let Piece::Dict(d) = &*p else {
            return Err(FormatError::Corrupt("dictionary piece"));
        };
        match d.map().get(key) {
            Some(v) => Ok(Some(self.decode(dict, d, v)?)),
            None => Ok(None),
        }
    }

    /// How many pieces of `dict` may hold keys from `from` (inclusive) up
    /// to `to` (exclusive, none = the end): what a scan of that range fetches.
    pub fn pieces_between(&self, dict: FileKind, from: &[u8], to: Option<&[u8]>) -> u32 {
        let set = self.set(dict);
        let first = set.piece_for(from).unwrap_or(0);
        let end = to.map_or(set.count, |t| {
            set.ranges.partition_point(|r| r.first.as_slice() < t) as u32
        });
        end.saturating_sub(first)
    }

    /// Keys of `dict` from `from` (inclusive) up to `to` (exclusive, none =
    /// the end) that `aut` accepts, with the words each names, in key order.
    /// Scans at most about `max_keys` keys: only the pieces holding that
    /// many keys after `from` are looked at (and fetched).
    pub fn scan<A: Automaton>(
        &self,
        dict: FileKind,
        aut: A,
        from: &[u8],
        to: Option<&[u8]>,
        max_keys: usize,
    ) -> Result<Vec<(String, Vec<WordRef>)>, FormatError> {
        let set = self.set(dict);
        let first = set.piece_for(from).unwrap_or(0);
        let mut out = Vec::new();
        let mut after_first = 0usize;
        for n in first..set.count {
            let range = &set.ranges[n as usize];
            if n > first {
                if to.is_some_and(|t| range.first.as_slice() >= t) || after_first >= max_keys {
                    break;
                }
                after_first += range.keys as usize;
            }
            let Some(p) = self.piece(PieceId { kind: dict, n }) else {
                continue;
            };
            let Piece::Dict(d) = &*p else {
                return Err(FormatError::Corrupt("dictionary piece"));
            };
            let mut b = d.map().search(&aut).ge(from);
            if let Some(t) = to {
                b = b.lt(t);
            }
            let mut stream = fst::IntoStreamer::into_stream(b);
            while let Some((k, v)) = fst::Streamer::next(&mut stream) {
                let (words, _) = self.decode(dict, d, v)?;
                out.push((String::from_utf8_lossy(k).into_owned(), words));
            }
        }
        Ok(out)
    }

    fn decode(&self, dict: FileKind, d: &DictPiece, value: u64) -> Result<Linked, FormatError> {
        let (mut packed, mut linked) = (Vec::new(), Vec::new());
        d.decode(value, &mut packed, &mut linked)?;
        let bits = self.root.offset_bits;
        let unpack = |v: Vec<u64>| {
            v.into_iter()
                .map(|v| match dict {
                    FileKind::Stems => WordRef::unpack_tagged(v, bits),
                    _ => WordRef::unpack(v, bits),
                })
                .collect::<Result<Vec<_>, _>>()
        };
        Ok((unpack(packed)?, unpack(linked)?))
    }

    /// The postings list of `word`; `None` until its piece is fetched.
    pub fn postings(&self, word: WordRef) -> Result<Option<PostingsList>, FormatError> {
        if word.piece >= self.set(FileKind::Postings).count {
            return Err(FormatError::Corrupt("postings piece number"));
        }
        Ok(self
            .piece(PieceId {
                kind: FileKind::Postings,
                n: word.piece,
            })
            .map(|piece| PostingsList {
                piece,
                offset: word.offset,
                doc_count: self.doc_count(),
            }))
    }

    /// Document `doc`; `None` until its piece is fetched.
    pub fn doc(&self, doc: u32) -> Result<Option<DocRecord>, FormatError> {
        if doc >= self.doc_count() {
            return Err(FormatError::Corrupt("doc id out of range"));
        }
        let k = self.root.docs_per_piece;
        let Some(p) = self.piece(PieceId {
            kind: FileKind::Docs,
            n: doc / k,
        }) else {
            return Ok(None);
        };
        match &*p {
            Piece::Docs(store) => store.get(doc % k).map(Some),
            _ => Err(FormatError::Corrupt("document piece")),
        }
    }

    /// Facets and dates, for filtering, counting and sorting; `None` until fetched.
    pub fn filters(&self) -> Option<FiltersRef> {
        self.piece(PieceId {
            kind: FileKind::Filters,
            n: 0,
        })
        .map(FiltersRef)
    }
}

/// A poisoned lock only means another thread panicked mid-search; the
/// maps it guards are still whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Why an index folder could not be opened from disk.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub enum OpenError {
    Io {
        path: std::path::PathBuf,
        error: String,
    },
    Format(FormatError),
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            OpenError::Format(e) => e.fmt(f),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::error::Error for OpenError {}

#[cfg(not(target_arch = "wasm32"))]
impl From<FormatError> for OpenError {
    fn from(e: FormatError) -> Self {
        OpenError::Format(e)
    }
}
