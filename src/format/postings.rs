//! Postings: for one word, the documents it occurs in, how often (title and
//! body apart, for BM25F) and where (for phrases and proximity).
//!
//! ```text
//! doc_freq
//! per document, ascending:
//!   doc_delta | (body_tf << 1 | has_title) | [title_tf | title length byte]
//!   body length byte | title positions (deltas) | body positions (deltas)
//! ```
//!
//! Field lengths (quantised, see `norms`) travel with the postings, so
//! that ranking needs nothing else per document: an index of any size
//! holds no per-document table a query would have to fetch whole.

use super::varint::{write_varint, Reader};
use super::FormatError;

/// Appends postings lists to one buffer; each list starts at the offset it returns.
#[derive(Debug, Default)]
pub struct PostingsWriter {
    buf: Vec<u8>,
}

impl PostingsWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Write one word's list: `(doc, title positions, body positions)` with
    /// docs ascending and positions ascending; `norms(doc)` gives the doc's
    /// quantised (title, body) lengths. Returns the list's offset.
    pub fn write_list<'a>(
        &mut self,
        entries: impl ExactSizeIterator<Item = (u32, &'a [u32], &'a [u32])>,
        norms: impl Fn(u32) -> [u8; 2],
    ) -> u64 {
        let at = self.buf.len() as u64;
        write_varint(&mut self.buf, entries.len() as u64);
        let mut prev = 0u32;
        for (i, (doc, title, body)) in entries.enumerate() {
            let delta = if i == 0 { doc } else { doc - prev };
            prev = doc;
            write_varint(&mut self.buf, u64::from(delta));
            encode_entry(&mut self.buf, title, body, norms(doc));
        }
        at
    }

    /// Write a list whose entries were encoded beforehand: `count` entries,
    /// each a doc delta (varint; the first from 0) followed by
    /// [`encode_entry`]. The bytes are then exactly what [`write_list`]
    /// writes for the same postings. Returns the list's offset.
    ///
    /// [`write_list`]: PostingsWriter::write_list
    pub fn write_encoded(&mut self, count: u32, entries: &[u8]) -> u64 {
        let at = self.buf.len() as u64;
        write_varint(&mut self.buf, u64::from(count));
        self.buf.extend_from_slice(entries);
        at
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// One document's entry of a postings list after its doc delta: term
/// frequencies, field lengths and positions. The indexer encodes entries
/// as documents are analysed (on many threads) and joins them into lists
/// later (see [`PostingsWriter::write_encoded`]).
pub fn encode_entry(out: &mut Vec<u8>, title: &[u32], body: &[u32], norms: [u8; 2]) {
    let has_title = u64::from(!title.is_empty());
    write_varint(out, (body.len() as u64) << 1 | has_title);
    let [title_norm, body_norm] = norms;
    if !title.is_empty() {
        write_varint(out, title.len() as u64);
        out.push(title_norm);
    }
    out.push(body_norm);
    for positions in [title, body] {
        let mut p = 0;
        for &pos in positions {
            write_varint(out, u64::from(pos - p));
            p = pos;
        }
    }
}

/// One document of a postings list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Posting {
    pub doc: u32,
    /// Quantised (title, body) lengths of the document.
    pub norms: [u8; 2],
    pub title_positions: Vec<u32>,
    pub body_positions: Vec<u32>,
}

/// A posting without its positions: document, term frequencies in
/// (title, body), quantised (title, body) lengths.
pub type Counts = (u32, [u32; 2], [u8; 2]);

/// A posting up to its positions (frequencies as read, unchecked width).
type Head = (u32, [u64; 2], [u8; 2]);

/// Iterates one postings list, checking every read.
#[derive(Debug, Clone)]
pub struct PostingsReader<'a> {
    r: Reader<'a>,
    remaining: u32,
    doc: u32,
    first: bool,
    doc_count: u32,
}

impl<'a> PostingsReader<'a> {
    /// Open the list at `offset`; `doc_count` bounds the doc ids it may name.
    pub fn open(bytes: &'a [u8], offset: u64, doc_count: u32) -> Result<Self, FormatError> {
        let offset = usize::try_from(offset).map_err(|_| FormatError::Corrupt("offset"))?;
        let mut r = Reader::at(bytes, offset)?;
        let remaining = r.u32()?;
        if remaining > doc_count {
            return Err(FormatError::Corrupt("doc frequency"));
        }
        Ok(PostingsReader {
            r,
            remaining,
            doc: 0,
            first: true,
            doc_count,
        })
    }

    /// How many documents the list holds.
    pub fn doc_freq(&self) -> u32 {
        self.remaining
    }

    /// Read the next posting into `out` (reusing its buffers).
    pub fn next_into(&mut self, out: &mut Posting) -> Result<bool, FormatError> {
        Ok(self.next_if(out, |_| true)?.is_some())
    }

    /// Read the next posting into `out`, its positions only when `want`
    /// says so for its document (else they are stepped over and left
    /// empty). `None` at the end of the list; else whether they were read.
    pub fn next_if(
        &mut self,
        out: &mut Posting,
        want: impl FnOnce(u32) -> bool,
    ) -> Result<Option<bool>, FormatError> {
        let Some((doc, [title_tf, body_tf], norms)) = self.head()? else {
            return Ok(None);
        };
        out.doc = doc;
        out.norms = norms;
        if !want(doc) {
            out.title_positions.clear();
            out.body_positions.clear();
            self.r.skip_varints((title_tf + body_tf) as usize)?;
            return Ok(Some(false));
        }
        read_positions(&mut self.r, title_tf as usize, &mut out.title_positions)?;
        read_positions(&mut self.r, body_tf as usize, &mut out.body_positions)?;
        Ok(Some(true))
    }

    /// The next posting's document, term frequencies in (title, body) and
    /// quantised field lengths, its positions stepped over (ranking needs
    /// positions only for the few documents that may make the first page).
    pub fn next_counts(&mut self) -> Result<Option<Counts>, FormatError> {
        let Some((doc, [title_tf, body_tf], norms)) = self.head()? else {
            return Ok(None);
        };
        self.r.skip_varints((title_tf + body_tf) as usize)?;
        Ok(Some((doc, [title_tf as u32, body_tf as u32], norms)))
    }

    /// The next posting up to its positions.
    fn head(&mut self) -> Result<Option<Head>, FormatError> {
        if self.remaining == 0 {
            return Ok(None);
        }
        self.remaining -= 1;
        let delta = self.r.u32()?;
        self.doc = if self.first {
            delta
        } else {
            self.doc
                .checked_add(delta)
                .ok_or(FormatError::Corrupt("doc id"))?
        };
        if !self.first && delta == 0 {
            return Err(FormatError::Corrupt("doc ids not ascending"));
        }
        self.first = false;
        if self.doc >= self.doc_count {
            return Err(FormatError::Corrupt("doc id out of range"));
        }
        let packed = self.r.varint()?;
        let body_tf = packed >> 1;
        let (title_tf, title_norm) = if packed & 1 == 1 {
            (self.r.varint()?, self.r.u8()?)
        } else {
            (0, 0)
        };
        let body_norm = self.r.u8()?;
        // A position takes at least one byte: a count above the bytes left is corrupt.
        let left = (self.r.remaining_len()) as u64;
        if body_tf.saturating_add(title_tf) > left {
            return Err(FormatError::Corrupt("term frequency"));
        }
        Ok(Some((
            self.doc,
            [title_tf, body_tf],
            [title_norm, body_norm],
        )))
    }
}

fn read_positions(r: &mut Reader<'_>, n: usize, out: &mut Vec<u32>) -> Result<(), FormatError> {
    out.clear();
    let mut p = 0u32;
    for _ in 0..n {
        p = p
            .checked_add(r.u32()?)
            .ok_or(FormatError::Corrupt("position"))?;
        out.push(p);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let mut w = PostingsWriter::new();
        let a: Vec<(u32, Vec<u32>, Vec<u32>)> = vec![
            (0, vec![], vec![3, 9]),
            (5, vec![0], vec![]),
            (6, vec![1, 2], vec![200]),
        ];
        let at = w.write_list(
            a.iter().map(|(d, t, b)| (*d, t.as_slice(), b.as_slice())),
            |d| [d as u8, 7],
        );
        let bytes = w.into_bytes();
        let mut r = PostingsReader::open(&bytes, at, 10).unwrap();
        assert_eq!(r.doc_freq(), 3);
        let mut p = Posting::default();
        for (d, t, b) in &a {
            assert!(r.next_into(&mut p).unwrap());
            assert_eq!((&p.doc, &p.title_positions, &p.body_positions), (d, t, b));
            let title_norm = if t.is_empty() { 0 } else { *d as u8 };
            assert_eq!(p.norms, [title_norm, 7]);
        }
        assert!(!r.next_into(&mut p).unwrap());
        // Counts alone, and positions for chosen documents only, read the
        // same list the same way.
        let mut r = PostingsReader::open(&bytes, at, 10).unwrap();
        let counts: Vec<_> = std::iter::from_fn(|| r.next_counts().unwrap()).collect();
        assert_eq!(
            counts,
            vec![
                (0, [0, 2], [0, 7]),
                (5, [1, 0], [5, 7]),
                (6, [2, 1], [6, 7])
            ]
        );
        let mut r = PostingsReader::open(&bytes, at, 10).unwrap();
        let mut read = Vec::new();
        while let Some(got) = r.next_if(&mut p, |d| d != 5).unwrap() {
            read.push((p.doc, got, p.body_positions.clone()));
        }
        assert_eq!(
            read,
            vec![
                (0, true, vec![3, 9]),
                (5, false, vec![]),
                (6, true, vec![200])
            ]
        );
        // Doc ids beyond the corpus are rejected, not trusted.
        let mut r = PostingsReader::open(&bytes, at, 6).unwrap();
        let mut res = Ok(true);
        while let Ok(true) = res {
            res = r.next_into(&mut p);
        }
        assert!(res.is_err());
    }
}
