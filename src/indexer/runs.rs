//! Postings while an index is built: collected in memory up to a budget,
//! spilled to disk as sorted runs past it, and merged back in postings
//! order at the end.
//!
//! A word's entries are kept encoded, as [`encode_entry`] writes them, each
//! after its doc delta (from the word's previous document, or from 0 for a
//! run's first): one growing byte buffer per word, no per-document
//! allocation, and memory that is simply counted. Documents come in id
//! order, so every run covers a later range of documents than the one
//! before it; merging joins a word's pieces in run order, rewriting only
//! the first delta of each. The bytes of a merged list are those the
//! whole list would have had in memory: output does not depend on the
//! budget.
//!
//! [`encode_entry`]: crate::format::encode_entry

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::{clitic_free, BuildError};
use crate::format::{read_varint, write_varint};

/// One word's postings (or a run's share of them).
#[derive(Debug)]
pub(super) struct Entry {
    pub word: Box<str>,
    pub stem: Box<str>,
    /// Documents in `bytes`.
    pub count: u32,
    /// The last of them.
    pub last: u32,
    /// The encoded entries; the first delta counts from 0.
    pub bytes: Vec<u8>,
}

impl Entry {
    /// Append `next`, whose documents all come after this one's.
    fn join(&mut self, next: Entry) {
        let mut at = 0;
        let first = read_varint(&next.bytes, &mut at).expect("entries start with a doc") as u32;
        write_varint(&mut self.bytes, u64::from(first - self.last));
        self.bytes.extend_from_slice(&next.bytes[at..]);
        self.count += next.count;
        self.last = next.last;
    }
}

/// Postings order: by stem with its lone clitic letters set aside, so the
/// forms of one word (and its clitic variants) share a postings piece.
fn postings_order(a: &Entry, b: &Entry) -> Ordering {
    (clitic_free(&a.stem), &a.stem, &a.word).cmp(&(clitic_free(&b.stem), &b.stem, &b.word))
}

/// What a word costs in memory besides its bytes: the map slot, the
/// boxed strings' and the buffer's headers and allocations.
const ENTRY_OVERHEAD: usize = 96;

/// Runs merged at once; more are merged in groups first (each open run
/// holds a read buffer and a file descriptor).
const MAX_FAN_IN: usize = 64;
const RUN_BUFFER: usize = 64 << 10;

/// A word's postings in memory (the word is the map's key).
#[derive(Debug)]
struct Held {
    stem: Box<str>,
    count: u32,
    last: u32,
    bytes: Vec<u8>,
}

/// Every word's postings of the documents added so far.
#[derive(Debug)]
pub(super) struct Postings {
    words: HashMap<Box<str>, Held>,
    /// Bytes held by `words`, roughly.
    held: usize,
    budget: usize,
    /// Where runs go; `None`: never spill.
    dir: Option<PathBuf>,
    runs: Vec<Run>,
    made: usize,
}

/// A sorted run on disk.
#[derive(Debug)]
struct Run {
    path: PathBuf,
    /// Postings bytes in it (for progress).
    bytes: u64,
}

impl Postings {
    /// Postings that spill to `dir` past `budget` bytes (`None`: all in memory).
    pub fn new(dir: Option<PathBuf>, budget: usize) -> Self {
        Postings {
            words: HashMap::new(),
            held: 0,
            budget,
            dir,
            runs: Vec::new(),
            made: 0,
        }
    }

    /// Add document `doc`'s entry for `word`; documents come in ascending order.
    pub fn add(&mut self, doc: u32, word: &str, stem: &str, entry: &[u8]) {
        if let Some(e) = self.words.get_mut(word) {
            let before = e.bytes.capacity();
            write_varint(&mut e.bytes, u64::from(doc - e.last));
            e.bytes.extend_from_slice(entry);
            e.count += 1;
            e.last = doc;
            self.held += e.bytes.capacity() - before;
            return;
        }
        let mut bytes = Vec::with_capacity(entry.len() + 5);
        write_varint(&mut bytes, u64::from(doc));
        bytes.extend_from_slice(entry);
        self.held += ENTRY_OVERHEAD + word.len() + stem.len() + bytes.capacity();
        self.words.insert(
            word.into(),
            Held {
                stem: stem.into(),
                count: 1,
                last: doc,
                bytes,
            },
        );
    }

    /// Spill to disk if over budget.
    pub fn check_budget(&mut self) -> Result<(), BuildError> {
        if self.dir.is_some() && self.held > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Runs written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// The words held in memory, in postings order (emptying the map).
    fn take_sorted(&mut self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = std::mem::take(&mut self.words)
            .into_iter()
            .map(|(word, h)| Entry {
                word,
                stem: h.stem,
                count: h.count,
                last: h.last,
                bytes: h.bytes,
            })
            .collect();
        entries.sort_unstable_by(postings_order);
        self.held = 0;
        entries
    }

    fn new_run_path(&mut self) -> PathBuf {
        self.made += 1;
        let dir = self.dir.as_ref().expect("spilling needs a folder");
        dir.join(format!("postings-{:05}.run", self.made))
    }

    /// Write the words held in memory as a sorted run, and forget them.
    fn spill(&mut self) -> Result<(), BuildError> {
        let entries = self.take_sorted();
        let path = self.new_run_path();
        let mut w = RunWriter::create(&path)?;
        for e in &entries {
            w.write(e)?;
        }
        let bytes = w.finish()?;
        self.runs.push(Run { path, bytes });
        Ok(())
    }

    /// Every word's complete postings, in postings order: runs (merged a
    /// group at a time first when there are many) and what is still in
    /// memory.
    pub fn into_merge(mut self) -> Result<Merge, BuildError> {
        while self.runs.len() + 1 > MAX_FAN_IN {
            let group: Vec<Run> = self.runs.drain(..MAX_FAN_IN).collect();
            let path = self.new_run_path();
            let mut w = RunWriter::create(&path)?;
            let mut merge = Merge::new(
                group
                    .iter()
                    .map(|r| RunReader::open(&r.path).map(Source::File))
                    .collect::<Result<_, _>>()?,
                0,
            )?;
            while let Some(e) = merge.next()? {
                w.write(&e)?;
            }
            let bytes = w.finish()?;
            for r in &group {
                let _ = std::fs::remove_file(&r.path);
            }
            self.runs.insert(0, Run { path, bytes });
        }
        let memory = self.take_sorted();
        let total = self.runs.iter().map(|r| r.bytes).sum::<u64>()
            + memory.iter().map(|e| e.bytes.len() as u64).sum::<u64>();
        let mut sources = Vec::new();
        for r in &self.runs {
            sources.push(Source::File(RunReader::open(&r.path)?));
        }
        sources.push(Source::Memory(memory.into_iter()));
        Merge::new(sources, total)
    }
}

/// Where a merge reads entries from.
enum Source {
    Memory(std::vec::IntoIter<Entry>),
    File(RunReader),
}

impl Source {
    fn next(&mut self) -> Result<Option<Entry>, BuildError> {
        match self {
            Source::Memory(it) => Ok(it.next()),
            Source::File(r) => r.next(),
        }
    }
}

/// A source's next entry, ordered for the heap: postings order, then
/// source (earlier documents first).
struct Head {
    entry: Entry,
    source: usize,
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        postings_order(&self.entry, &other.entry).then(self.source.cmp(&other.source))
    }
}

/// A k-way merge of sorted runs: each word once, its postings complete.
pub(super) struct Merge {
    sources: Vec<Source>,
    heap: BinaryHeap<Reverse<Head>>,
    /// Postings bytes in all sources, and merged so far.
    pub total: u64,
    pub done: u64,
}

impl Merge {
    fn new(mut sources: Vec<Source>, total: u64) -> Result<Merge, BuildError> {
        let mut heap = BinaryHeap::new();
        for (source, s) in sources.iter_mut().enumerate() {
            if let Some(entry) = s.next()? {
                heap.push(Reverse(Head { entry, source }));
            }
        }
        Ok(Merge {
            sources,
            heap,
            total,
            done: 0,
        })
    }

    fn pop(&mut self) -> Result<Option<Entry>, BuildError> {
        let Some(Reverse(Head { entry, source })) = self.heap.pop() else {
            return Ok(None);
        };
        if let Some(next) = self.sources[source].next()? {
            heap_push(&mut self.heap, next, source);
        }
        self.done += entry.bytes.len() as u64;
        Ok(Some(entry))
    }

    /// The next word in postings order, with all its documents.
    pub fn next(&mut self) -> Result<Option<Entry>, BuildError> {
        let Some(mut entry) = self.pop()? else {
            return Ok(None);
        };
        while self
            .heap
            .peek()
            .is_some_and(|Reverse(h)| h.entry.word == entry.word)
        {
            let more = self.pop()?.expect("peeked");
            entry.join(more);
        }
        Ok(Some(entry))
    }
}

fn heap_push(heap: &mut BinaryHeap<Reverse<Head>>, entry: Entry, source: usize) {
    heap.push(Reverse(Head { entry, source }));
}

/// A run on disk: per word, in postings order:
/// `word | stem | count | last | bytes`, strings and `bytes` with a varint
/// length, numbers varints.
struct RunWriter {
    path: PathBuf,
    out: BufWriter<File>,
    buf: Vec<u8>,
    bytes: u64,
}

impl RunWriter {
    fn create(path: &Path) -> Result<RunWriter, BuildError> {
        let file = File::create(path).map_err(BuildError::writing(path))?;
        Ok(RunWriter {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(RUN_BUFFER, file),
            buf: Vec::new(),
            bytes: 0,
        })
    }

    fn write(&mut self, e: &Entry) -> Result<(), BuildError> {
        self.buf.clear();
        for s in [&e.word, &e.stem] {
            write_varint(&mut self.buf, s.len() as u64);
            self.buf.extend_from_slice(s.as_bytes());
        }
        write_varint(&mut self.buf, u64::from(e.count));
        write_varint(&mut self.buf, u64::from(e.last));
        write_varint(&mut self.buf, e.bytes.len() as u64);
        self.bytes += e.bytes.len() as u64;
        self.out
            .write_all(&self.buf)
            .and_then(|()| self.out.write_all(&e.bytes))
            .map_err(BuildError::writing(&self.path))
    }

    /// Flush; the postings bytes written.
    fn finish(self) -> Result<u64, BuildError> {
        let path = self.path;
        self.out
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(BuildError::writing(&path))?;
        Ok(self.bytes)
    }
}

struct RunReader {
    path: PathBuf,
    input: BufReader<File>,
}

impl RunReader {
    fn open(path: &Path) -> Result<RunReader, BuildError> {
        let file = File::open(path).map_err(BuildError::reading(path))?;
        Ok(RunReader {
            path: path.to_path_buf(),
            input: BufReader::with_capacity(RUN_BUFFER, file),
        })
    }

    /// A varint, or `None` at the end of the file (only before a record).
    fn varint(&mut self, first: bool) -> io::Result<Option<u64>> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let mut b = [0u8];
            if self.input.read(&mut b)? == 0 {
                if first && shift == 0 {
                    return Ok(None);
                }
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            if shift > 63 {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "bad varint"));
            }
            v |= u64::from(b[0] & 0x7f) << shift;
            if b[0] & 0x80 == 0 {
                return Ok(Some(v));
            }
            shift += 7;
        }
    }

    fn number(&mut self) -> io::Result<u64> {
        self.varint(false)?
            .ok_or_else(|| io::ErrorKind::UnexpectedEof.into())
    }

    fn bytes(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let mut v = vec![0; n as usize];
        self.input.read_exact(&mut v)?;
        Ok(v)
    }

    fn string(&mut self, n: u64) -> io::Result<Box<str>> {
        String::from_utf8(self.bytes(n)?)
            .map(String::into_boxed_str)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    fn read(&mut self) -> io::Result<Option<Entry>> {
        let Some(n) = self.varint(true)? else {
            return Ok(None);
        };
        let word = self.string(n)?;
        let n = self.number()?;
        let stem = self.string(n)?;
        let count = self.number()? as u32;
        let last = self.number()? as u32;
        let n = self.number()?;
        let bytes = self.bytes(n)?;
        Ok(Some(Entry {
            word,
            stem,
            count,
            last,
            bytes,
        }))
    }

    fn next(&mut self) -> Result<Option<Entry>, BuildError> {
        let read = self.read();
        read.map_err(BuildError::reading(&self.path))
    }
}
