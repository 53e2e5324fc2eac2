//! The document store: what a result shows (id, url, title, date, source) and
//! the text its excerpt is cut from.
//!
//! ```text
//! count | (count + 1) × u32 LE record offsets (from the end of the table)
//! records: id | url | title | date | source | body   (length-prefixed UTF-8; "" = none)
//! ```

use super::varint::{write_str, write_varint, Reader};
use super::FormatError;

/// The paragraphs of a stored body (blank-line separated, empty ones
/// skipped), each with its byte offset in the body. Article pages number
/// them `p1`, `p2`, … and search links to the one holding the best passage,
/// so both must split alike: this is the one rule.
pub fn paragraphs(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in body.split("\n\n") {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let lead = part.len() - part.trim_start().len();
            out.push((at + lead, trimmed));
        }
        at += part.len() + 2;
    }
    out
}

/// One stored document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocRecord {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub body: String,
    /// (facet, value) pairs this document can be filtered by. Written to
    /// the filters file, not the store: `DocStore::get` leaves it empty.
    pub filters: Vec<(String, String)>,
}

/// Append `d`'s stored record (every field but `filters`) to `out`.
pub fn encode_record(d: &DocRecord, out: &mut Vec<u8>) {
    for s in [
        d.id.as_str(),
        &d.url,
        &d.title,
        d.date.as_deref().unwrap_or(""),
        d.source.as_deref().unwrap_or(""),
        &d.body,
    ] {
        write_str(out, s);
    }
}

#[derive(Debug, Default)]
pub struct DocStoreWriter {
    offsets: Vec<u32>,
    records: Vec<u8>,
}

impl DocStoreWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: &DocRecord) {
        self.offsets.push(self.records.len() as u32);
        encode_record(d, &mut self.records);
    }

    /// Add a record encoded by [`encode_record`].
    pub fn push_encoded(&mut self, record: &[u8]) {
        self.offsets.push(self.records.len() as u32);
        self.records.extend_from_slice(record);
    }

    /// Documents pushed so far, and their stored bytes.
    pub fn len(&self) -> usize {
        self.offsets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    pub fn record_bytes(&self) -> usize {
        self.records.len()
    }

    /// The store cut into stores of `per_piece` documents each (the last
    /// may hold fewer; an empty store is one empty piece).
    pub fn into_pieces(self, per_piece: usize) -> Vec<Vec<u8>> {
        let per_piece = per_piece.max(1);
        let mut ends = self.offsets.clone();
        ends.push(self.records.len() as u32);
        let mut out = Vec::new();
        let mut first = 0;
        loop {
            let last = (first + per_piece).min(self.offsets.len());
            let mut piece = DocStoreWriter::new();
            let base = ends[first];
            piece
                .offsets
                .extend(ends[first..last].iter().map(|e| e - base));
            piece
                .records
                .extend_from_slice(&self.records[base as usize..ends[last] as usize]);
            out.push(piece.into_bytes());
            first = last;
            if first >= self.offsets.len() {
                return out;
            }
        }
    }

    pub fn into_bytes(mut self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.records.len() + 4 * self.offsets.len() + 8);
        write_varint(&mut out, self.offsets.len() as u64);
        self.offsets.push(self.records.len() as u32);
        for o in &self.offsets {
            out.extend_from_slice(&o.to_le_bytes());
        }
        out.extend_from_slice(&self.records);
        out
    }
}

/// Read access to a document store held in memory.
#[derive(Debug, Clone)]
pub struct DocStore {
    bytes: Vec<u8>,
    count: u32,
    table: usize,
    records: usize,
}

impl DocStore {
    pub fn new(bytes: Vec<u8>) -> Result<Self, FormatError> {
        let mut r = Reader::new(&bytes);
        let count = r.u32()?;
        let table = r.pos();
        let records = (count as usize + 1)
            .checked_mul(4)
            .and_then(|n| n.checked_add(table))
            .filter(|&n| n <= bytes.len())
            .ok_or(FormatError::Truncated("document table"))?;
        Ok(DocStore {
            bytes,
            count,
            table,
            records,
        })
    }

    pub fn len(&self) -> u32 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn offset(&self, i: u32) -> usize {
        let at = self.table + 4 * i as usize;
        let b = &self.bytes[at..at + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
    }

    pub fn get(&self, doc: u32) -> Result<DocRecord, FormatError> {
        if doc >= self.count {
            return Err(FormatError::Corrupt("doc id out of range"));
        }
        let (start, end) = (self.offset(doc), self.offset(doc + 1));
        let recs = &self.bytes[self.records..];
        if start > end || end > recs.len() {
            return Err(FormatError::Corrupt("record offsets"));
        }
        let mut r = Reader::new(&recs[start..end]);
        let mut next = || r.str().map(str::to_string);
        let id = next()?;
        let url = next()?;
        let title = next()?;
        let date = Some(next()?).filter(|s| !s.is_empty());
        let source = Some(next()?).filter(|s| !s.is_empty());
        let body = next()?;
        Ok(DocRecord {
            id,
            url,
            title,
            date,
            source,
            body,
            filters: Vec::new(),
        })
    }
}
