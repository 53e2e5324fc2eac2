//! Index writing: turns analysed documents into the files described in
//! [`crate::format`]. Native only.
//!
//! Deterministic by construction: documents are numbered in the order given
//! (the corpus reader sorts them by id), and every map here is ordered.

mod docs;
mod write;

pub use docs::{page_path, record_for, PAGES_DIR};
pub use write::{write_index, WriteError};

use std::collections::BTreeMap;

use crate::analysis::{strip_prefixes, tokenize};
use crate::format::{
    encode_len, piece, DictWriter, DocRecord, DocStoreWriter, FileKind, FiltersWriter, KeyRange,
    PieceSet, PostingsWriter, Root, Stats, WordRef,
};

/// One document as the indexer takes it.
pub type IndexDoc = DocRecord;

/// The finished files of an index, ready to be written.
#[derive(Debug)]
pub struct BuiltIndex {
    pub root: Vec<u8>,
    /// Every piece: path relative to the index folder, bytes.
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: Stats,
    /// The corpus language recorded in the root (see [`corpus_lang`]).
    pub lang: String,
    /// Distinct surface words and stems in the dictionaries.
    pub word_count: usize,
    pub stem_count: usize,
}

#[derive(Default)]
struct WordPostings {
    /// (doc, title positions, body positions), docs ascending.
    docs: Vec<(u32, Vec<u32>, Vec<u32>)>,
}

impl WordPostings {
    fn entry(&mut self, doc: u32) -> &mut (u32, Vec<u32>, Vec<u32>) {
        if self.docs.last().map(|d| d.0) != Some(doc) {
            self.docs.push((doc, Vec::new(), Vec::new()));
        }
        self.docs.last_mut().expect("just pushed")
    }
}

/// Collects documents, then writes the index files.
#[derive(Default)]
pub struct IndexBuilder {
    words: BTreeMap<String, (String, WordPostings)>,
    store: DocStoreWriter,
    filters: FiltersWriter,
    norms: Vec<[u8; 2]>,
    stats: Stats,
    /// Letters seen in titles and bodies, and how many of them are Arabic script.
    letters: u64,
    arabic_letters: u64,
}

/// Arabic script, with its supplements and presentation forms (also Persian, Urdu…).
fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The language tag the root records for the widget: `ar` when at least
/// half of the letters are Arabic script, `en` when there are other
/// letters, empty for a corpus without letters.
pub fn corpus_lang(letters: u64, arabic_letters: u64) -> &'static str {
    if letters == 0 {
        ""
    } else if arabic_letters * 2 >= letters {
        "ar"
    } else {
        "en"
    }
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add the next document (its number is the count of those added before).
    pub fn add(&mut self, doc: &IndexDoc) {
        let n = self.stats.doc_count;
        for c in doc.title.chars().chain(doc.body.chars()) {
            if c.is_alphabetic() {
                self.letters += 1;
                self.arabic_letters += u64::from(is_arabic_script(c));
            }
        }
        let mut lens = [0u32; 2];
        for (field, text) in [doc.title.as_str(), doc.body.as_str()]
            .into_iter()
            .enumerate()
        {
            for t in tokenize(text) {
                lens[field] = lens[field].max(t.position + 1);
                let (_, postings) = self
                    .words
                    .entry(t.word)
                    .or_insert_with(|| (t.term, WordPostings::default()));
                let e = postings.entry(n);
                if field == 0 { &mut e.1 } else { &mut e.2 }.push(t.position);
            }
        }
        self.norms.push([encode_len(lens[0]), encode_len(lens[1])]);
        self.stats.total_title_len += u64::from(lens[0]);
        self.stats.total_body_len += u64::from(lens[1]);
        self.stats.doc_count += 1;
        self.store.push(doc);
        self.filters.push(doc.date.as_deref(), &doc.filters);
    }

    pub fn finish(self) -> BuiltIndex {
        let IndexBuilder {
            words: all_words,
            store,
            filters,
            norms,
            stats,
            letters,
            arabic_letters,
        } = self;
        let word_count = all_words.len();

        // Postings, in stem order so that the forms of one word (and its
        // clitic variants) share a piece: one query word, one fetch.
        let mut order: Vec<(&String, &(String, WordPostings))> = all_words.iter().collect();
        order.sort_by(|(wa, (sa, _)), (wb, (sb, _))| {
            (clitic_free(sa), sa, wa).cmp(&(clitic_free(sb), sb, wb))
        });
        let mut postings = Pieces::new(FileKind::Postings);
        let mut writer = PostingsWriter::new();
        let mut refs: BTreeMap<&str, WordRef> = BTreeMap::new();
        for (word, (_, list)) in order {
            if writer.len() >= POSTINGS_PIECE_BYTES {
                postings.push(std::mem::take(&mut writer).into_bytes());
            }
            let at = writer.write_list(
                list.docs
                    .iter()
                    .map(|(d, t, b)| (*d, t.as_slice(), b.as_slice())),
                |d| norms[d as usize],
            );
            let piece = postings.len() as u32;
            refs.insert(word, WordRef::new(piece, at as u32, list.docs.len() as u32));
        }
        postings.push(writer.into_bytes());

        let offset_bits = piece::bits_for(postings.largest() as u64);
        let mut words = DictPieces::new(FileKind::Words);
        for (word, r) in &refs {
            words.insert(word.as_bytes(), &[r.pack(offset_bits)]);
        }
        let mut by_stem: BTreeMap<&str, Vec<WordRef>> = BTreeMap::new();
        for (word, (stem, _)) in &all_words {
            let tag = piece::tag(strip_prefixes(word));
            by_stem
                .entry(stem)
                .or_default()
                .push(refs[word.as_str()].with_tag(tag));
        }
        let stem_count = by_stem.len();
        let mut stems = DictPieces::new(FileKind::Stems);
        for (stem, list) in by_stem {
            let mut packed: Vec<u64> = list.iter().map(|r| r.pack_tagged(offset_bits)).collect();
            packed.sort_unstable();
            stems.insert(stem.as_bytes(), &packed);
        }

        // Documents: about DOCS_PIECE_BYTES a piece, so a result list
        // fetches little beyond the documents it shows.
        let avg = store.record_bytes() / store.len().max(1);
        let per_piece = (DOCS_PIECE_BYTES / avg.max(1)).clamp(1, MAX_DOCS_PER_PIECE);
        let mut docs = Pieces::new(FileKind::Docs);
        for p in store.into_pieces(per_piece) {
            docs.push(p);
        }
        let mut filter_set = Pieces::new(FileKind::Filters);
        filter_set.push(filters.into_bytes());

        let (words, word_ranges) = words.finish();
        let (stems, stem_ranges) = stems.finish();
        let mut files = Vec::new();
        let mut sets = Vec::new();
        for (pieces, ranges) in [
            (words, word_ranges),
            (stems, stem_ranges),
            (postings, Vec::new()),
            (docs, Vec::new()),
            (filter_set, Vec::new()),
        ] {
            let (set, sealed) = pieces.finish(ranges);
            for (n, bytes) in sealed.into_iter().enumerate() {
                files.push((set.path(n as u32), bytes));
            }
            sets.push(set);
        }
        let lang = corpus_lang(letters, arabic_letters).to_string();
        let root = Root {
            lang: lang.clone(),
            stats,
            docs_per_piece: per_piece as u32,
            offset_bits,
            sets,
        };
        BuiltIndex {
            root: root.to_bytes(),
            files,
            stats,
            lang,
            word_count,
            stem_count,
        }
    }
}

/// Postings pieces end after the first list that reaches this size (a
/// longer list is a piece of its own). Smaller pieces waste fewer bytes per
/// query word; larger ones mean fewer files. Sizes chosen with `fahras
/// cost` on the hadith set (see README, "The index files").
pub const POSTINGS_PIECE_BYTES: usize = 2 * 1024;
/// Dictionary pieces are cut at about this size.
pub const DICT_PIECE_BYTES: usize = 1024;
/// Document-store pieces hold about this many bytes of documents.
pub const DOCS_PIECE_BYTES: usize = 4 * 1024;
const MAX_DOCS_PER_PIECE: usize = 256;

/// A stem without one or two leading lone clitic letters (و ف ب ك ل), when
/// enough is left: sorts وكتاب next to كتاب.
fn clitic_free(stem: &str) -> &str {
    let mut s = stem;
    for _ in 0..2 {
        match s.chars().next() {
            Some(c @ ('و' | 'ف' | 'ب' | 'ك' | 'ل')) if s.chars().count() > 4 => {
                s = &s[c.len_utf8()..];
            }
            _ => break,
        }
    }
    s
}

/// The pieces of one set, as they are made; sealed once all are there.
struct Pieces {
    kind: FileKind,
    bodies: Vec<Vec<u8>>,
}

impl Pieces {
    fn new(kind: FileKind) -> Self {
        Pieces {
            kind,
            bodies: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.bodies.len()
    }

    /// Size of the largest piece.
    fn largest(&self) -> usize {
        self.bodies.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn push(&mut self, body: Vec<u8>) {
        self.bodies.push(body);
    }

    /// The set's root entry, and the sealed pieces.
    fn finish(self, ranges: Vec<KeyRange>) -> (PieceSet, Vec<Vec<u8>>) {
        let hash = piece::set_hash(self.kind, &self.bodies);
        let set = PieceSet {
            kind: self.kind,
            hash,
            count: self.bodies.len() as u32,
            ranges,
        };
        let sealed = self
            .bodies
            .into_iter()
            .enumerate()
            .map(|(n, b)| piece::seal(b, n as u32, hash))
            .collect();
        (set, sealed)
    }
}

/// A dictionary cut into key ranges of about `DICT_PIECE_BYTES`.
struct DictPieces {
    pieces: Pieces,
    ranges: Vec<KeyRange>,
    current: DictWriter,
}

impl DictPieces {
    fn new(kind: FileKind) -> Self {
        DictPieces {
            pieces: Pieces::new(kind),
            ranges: Vec::new(),
            current: DictWriter::new(),
        }
    }

    fn insert(&mut self, key: &[u8], words: &[u64]) {
        if self.current.approx_len() >= DICT_PIECE_BYTES {
            self.cut();
        }
        if self.current.keys() == 0 {
            self.ranges.push(KeyRange {
                first: key.to_vec(),
                keys: 0,
            });
        }
        self.current.insert(key, words);
    }

    fn cut(&mut self) {
        let done = std::mem::take(&mut self.current);
        if let Some(r) = self.ranges.last_mut() {
            r.keys = done.keys();
        }
        self.pieces.push(done.into_bytes());
    }

    fn finish(mut self) -> (Pieces, Vec<KeyRange>) {
        if self.current.keys() > 0 || self.ranges.is_empty() {
            if self.ranges.is_empty() {
                // An empty corpus still has one (empty) piece.
                self.ranges.push(KeyRange {
                    first: Vec::new(),
                    keys: 0,
                });
            }
            self.cut();
        }
        (self.pieces, self.ranges)
    }
}
