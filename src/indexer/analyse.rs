//! One document's share of the index, worked out on any thread: its words
//! (tokenised and stemmed) with their encoded postings entries, its field
//! lengths, its stored record and its filters. [`IndexBuilder`] then only
//! has to number it and file the pieces away, in document order.
//!
//! [`IndexBuilder`]: super::IndexBuilder

use std::sync::LazyLock;

use crate::analysis::tokenize;
use crate::format::{encode_entry, encode_len, encode_record};

use super::{is_arabic_script, IndexDoc};

/// `c.is_alphabetic()`, with the Arabic block looked up in a table: fully
/// vowelled text is about half combining marks, each of which costs the
/// standard library a slow search.
fn is_letter(c: char) -> bool {
    static ARABIC: LazyLock<[bool; 256]> = LazyLock::new(|| {
        let mut t = [false; 256];
        for (i, v) in t.iter_mut().enumerate() {
            *v = char::from_u32(0x600 + i as u32).is_some_and(char::is_alphabetic);
        }
        t
    });
    match c as u32 {
        0..=0x7f => c.is_ascii_alphabetic(),
        n @ 0x600..=0x6ff => ARABIC[(n - 0x600) as usize],
        _ => c.is_alphabetic(),
    }
}

/// A document, analysed: everything the index needs from it.
#[derive(Debug)]
pub struct AnalysedDoc {
    /// Per distinct word: (word, stem, end of its entry in `entries`).
    pub(super) words: Vec<(String, String, usize)>,
    /// Every word's postings entry (see [`encode_entry`]), one after another.
    pub(super) entries: Vec<u8>,
    /// Title and body lengths in words.
    pub(super) lens: [u32; 2],
    pub(super) letters: u64,
    pub(super) arabic_letters: u64,
    /// The document-store record.
    pub(super) record: Vec<u8>,
    pub(super) date: Option<String>,
    pub(super) filters: Vec<(String, String)>,
}

/// Analyse `doc` (pure: the same document always gives the same result).
pub fn analyse(doc: &IndexDoc) -> AnalysedDoc {
    let (mut letters, mut arabic_letters) = (0, 0);
    for c in doc.title.chars().chain(doc.body.chars()) {
        if is_letter(c) {
            letters += 1;
            arabic_letters += u64::from(is_arabic_script(c));
        }
    }
    // Every token with its field (0 title, 1 body), grouped by word; the
    // sort is stable, so a word's title positions come before its body
    // positions, each ascending.
    let mut lens = [0u32; 2];
    let mut tokens = Vec::new();
    for (field, text) in [doc.title.as_str(), doc.body.as_str()]
        .into_iter()
        .enumerate()
    {
        for t in tokenize(text) {
            lens[field] = lens[field].max(t.position + 1);
            tokens.push((t.word, t.term, field, t.position));
        }
    }
    tokens.sort_by(|a, b| a.0.cmp(&b.0));
    let norms = [encode_len(lens[0]), encode_len(lens[1])];

    let mut words = Vec::new();
    let mut entries = Vec::new();
    let (mut title, mut body) = (Vec::new(), Vec::new());
    let mut tokens = tokens.into_iter().peekable();
    while let Some((word, stem, field, position)) = tokens.next() {
        title.clear();
        body.clear();
        if field == 0 { &mut title } else { &mut body }.push(position);
        while let Some((_, _, field, position)) = tokens.next_if(|t| t.0 == word) {
            if field == 0 { &mut title } else { &mut body }.push(position);
        }
        encode_entry(&mut entries, &title, &body, norms);
        words.push((word, stem, entries.len()));
    }

    let mut record = Vec::new();
    encode_record(doc, &mut record);
    AnalysedDoc {
        words,
        entries,
        lens,
        letters,
        arabic_letters,
        record,
        date: doc.date.clone(),
        filters: doc.filters.clone(),
    }
}
