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

use fst::MapBuilder;

use crate::analysis::tokenize;
use crate::format::{
    encode_len, stems, DocRecord, DocStoreWriter, FileEntry, FileKind, FiltersWriter,
    PostingsWriter, Root, Stats,
};

/// One document as the indexer takes it.
pub type IndexDoc = DocRecord;

/// The finished files of an index, root first, ready to be written.
#[derive(Debug)]
pub struct BuiltIndex {
    pub root: Vec<u8>,
    pub files: Vec<(FileEntry, Vec<u8>)>,
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
        let mut postings = PostingsWriter::new();
        let mut words = MapBuilder::memory();
        let mut by_stem: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        let word_count = self.words.len();
        for (word, (stem, list)) in self.words {
            let at = postings.write_list(
                list.docs
                    .iter()
                    .map(|(d, t, b)| (*d, t.as_slice(), b.as_slice())),
            );
            // Keys arrive sorted from the BTreeMap, so insertion cannot fail.
            words.insert(word.as_bytes(), at).expect("sorted keys");
            by_stem.entry(stem).or_default().push(at);
        }
        let mut groups = Vec::new();
        let mut stem_map = MapBuilder::memory();
        let stem_count = by_stem.len();
        for (stem, offsets) in &by_stem {
            stem_map
                .insert(stem.as_bytes(), stems::encode(offsets, &mut groups))
                .expect("sorted keys");
        }
        let parts = [
            (FileKind::Words, words.into_inner().expect("in-memory fst")),
            (
                FileKind::Stems,
                stem_map.into_inner().expect("in-memory fst"),
            ),
            (FileKind::Groups, groups),
            (FileKind::Postings, postings.into_bytes()),
            (FileKind::Docs, self.store.into_bytes()),
            (FileKind::Filters, self.filters.into_bytes()),
        ];
        let files: Vec<(FileEntry, Vec<u8>)> = parts
            .into_iter()
            .map(|(kind, bytes)| (FileEntry::for_bytes(kind, &bytes), bytes))
            .collect();
        let lang = corpus_lang(self.letters, self.arabic_letters).to_string();
        let root = Root {
            lang: lang.clone(),
            stats: self.stats,
            files: files.iter().map(|(e, _)| e.clone()).collect(),
            norms: self.norms,
        };
        BuiltIndex {
            root: root.to_bytes(),
            files,
            stats: self.stats,
            lang,
            word_count,
            stem_count,
        }
    }
}
