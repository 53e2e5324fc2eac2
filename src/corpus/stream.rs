//! Reading a corpus of any size in bounded batches, on every core.
//!
//! [`read_corpus`](super::read_corpus) hands back every document at once;
//! a build instead goes through three steps, none of which holds the
//! corpus:
//!
//! 1. [`list_corpus`]: walk the inputs (paths only) and order the files by
//!    id, which is the order documents are numbered in the index. A file
//!    whose id another file already has waits behind it: it is read only
//!    if the earlier one cannot be, as in `read_corpus`.
//! 2. [`Listing::parse`]: read, parse and clean the files a batch at a
//!    time on all cores (rules 1–4 of [`clean`](super::clean)), count the
//!    short lines of every body for rule 5, and stage each document on disk
//!    in id order.
//! 3. [`StagedCorpus::next_batch`]: read the staged documents back a batch at a
//!    time, without the lines rule 5 found repeated across the corpus.
//!
//! Rule 5 needs every document counted before any body is final, hence
//! two passes; staging the parsed documents spares parsing twice. The
//! documents, their order and the warnings (in the order `read_corpus`
//! gives them) are the same either way.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::clean::{line_keys, LineCounts, LineKey, RepeatedLines};
use super::walk::{find_files, FoundFile};
use super::{read_document, Document, SourceKind, StageError, Warning};

/// Files read and parsed together: at most this many…
const BATCH_FILES: usize = 1024;
/// …and at most about this many bytes of source text (one file more
/// when a single file is larger).
const BATCH_BYTES: u64 = 16 << 20;

/// Where a warning sorts: input, then walking before reading, then the
/// file's place in the walk. Warnings come out in the order `read_corpus`
/// always gave them, whatever order the batches were read in.
type Order = (u32, u8, u32);

/// A file found under an input, with its place in the walk.
#[derive(Debug)]
struct Listed {
    file: FoundFile,
    order: Order,
}

/// Every supported file under the inputs, by id, not yet opened.
#[derive(Debug)]
pub struct Listing {
    /// Sorted by id, then walk order: files sharing an id stand together.
    files: Vec<Listed>,
    warnings: Vec<(Order, Warning)>,
}

/// List the files under `inputs` (files or folders) without reading them:
/// see [`read_corpus`](super::read_corpus) for which files are taken.
pub fn list_corpus(inputs: &[PathBuf]) -> Listing {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let i = i as u32;
        let mut found_warnings = Vec::new();
        let found = find_files(input, &mut found_warnings);
        warnings.extend(
            found_warnings
                .into_iter()
                .enumerate()
                .map(|(n, w)| ((i, 0, n as u32), w)),
        );
        files.extend(found.into_iter().enumerate().map(|(n, file)| Listed {
            file,
            order: (i, 1, n as u32),
        }));
    }
    files.sort_unstable_by(|a, b| (a.file.id(), a.order).cmp(&(b.file.id(), b.order)));
    files.shrink_to_fit();
    Listing { files, warnings }
}

/// One id's outcome: its document (staged bytes and rule-5 line keys) if
/// one of its files could be read, and the warnings of the others.
struct GroupRead {
    doc: Option<(Vec<u8>, Vec<LineKey>)>,
    warnings: Vec<(Order, Warning)>,
}

/// Read the files of one id in walk order: the first that reads is the
/// document; those before it failed (each with its reason), those after
/// it are duplicates and are not opened.
fn read_group(group: &[Listed]) -> (Option<Document>, Vec<(Order, Warning)>) {
    let mut warnings = Vec::new();
    for (n, listed) in group.iter().enumerate() {
        match read_document(&listed.file) {
            Ok(doc) => {
                for dup in &group[n + 1..] {
                    warnings.push((
                        dup.order,
                        Warning::new(
                            &*dup.file.path,
                            format!(
                                "duplicate id `{}`: another file already has it",
                                dup.file.id()
                            ),
                        ),
                    ));
                }
                return (Some(doc), warnings);
            }
            Err(reason) => warnings.push((listed.order, Warning::new(&*listed.file.path, reason))),
        }
    }
    (None, warnings)
}

/// The files of one id (slices of the sorted listing).
fn groups(files: &[Listed]) -> impl Iterator<Item = &[Listed]> {
    files.chunk_by(|a, b| a.file.id() == b.file.id())
}

fn sorted_warnings(mut warnings: Vec<(Order, Warning)>) -> Vec<Warning> {
    warnings.sort_by_key(|(order, _)| *order);
    warnings.into_iter().map(|(_, w)| w).collect()
}

impl Listing {
    /// Files listed (an id's duplicates included).
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// Every document in memory, as [`read_corpus`](super::read_corpus)
    /// returns them (on this thread: its stack is the one deeply nested
    /// HTML has always been parsed on).
    pub(super) fn read_all(self) -> (Vec<Document>, Vec<Warning>) {
        let mut warnings = self.warnings;
        let mut docs = Vec::new();
        for (doc, w) in groups(&self.files).map(read_group) {
            warnings.extend(w);
            docs.extend(doc);
        }
        super::clean::remove_repeated_lines(&mut docs);
        (docs, sorted_warnings(warnings))
    }

    /// Read, parse and clean every listed file, a batch at a time on all
    /// cores (rayon's current pool), staging the documents in `stage` (a
    /// file, created) in id order. `progress` is told how many files each
    /// batch took.
    pub fn parse(
        self,
        stage: &Path,
        mut progress: impl FnMut(u64),
    ) -> Result<StagedCorpus, StageError> {
        let file = File::create(stage).map_err(StageError::writing(stage))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let mut counts = LineCounts::default();
        let mut warnings = self.warnings;
        let mut docs = 0;
        let mut batch: Vec<&[Listed]> = Vec::new();
        let (mut batch_files, mut batch_bytes) = (0, 0);
        let mut groups = groups(&self.files).peekable();
        while let Some(group) = groups.next() {
            batch.push(group);
            batch_files += group.len();
            batch_bytes += group.iter().map(|l| l.file.size).sum::<u64>();
            if batch_files < BATCH_FILES && batch_bytes < BATCH_BYTES && groups.peek().is_some() {
                continue;
            }
            let read: Vec<GroupRead> = batch
                .par_iter()
                .map(|g| {
                    let (doc, warnings) = read_group(g);
                    let doc = doc.map(|d| {
                        let keys = line_keys(&d.body);
                        let mut bytes = Vec::new();
                        encode(&d, &mut bytes);
                        (bytes, keys)
                    });
                    GroupRead { doc, warnings }
                })
                .collect();
            for r in read {
                warnings.extend(r.warnings);
                if let Some((bytes, keys)) = r.doc {
                    counts.add(&keys);
                    out.write_all(&(bytes.len() as u32).to_le_bytes())
                        .and_then(|()| out.write_all(&bytes))
                        .map_err(StageError::writing(stage))?;
                    docs += 1;
                }
            }
            progress(batch_files as u64);
            batch.clear();
            (batch_files, batch_bytes) = (0, 0);
        }
        out.into_inner()
            .map_err(|e| e.into_error())
            .map_err(StageError::writing(stage))?;
        let reader = File::open(stage).map_err(StageError::reading(stage))?;
        Ok(StagedCorpus {
            path: stage.to_path_buf(),
            reader: BufReader::with_capacity(1 << 20, reader),
            docs,
            left: docs,
            repeated: counts.repeated(),
            warnings: sorted_warnings(warnings),
        })
    }
}

/// The parsed corpus, staged on disk: read it back with [`StagedCorpus::next_batch`].
#[derive(Debug)]
pub struct StagedCorpus {
    path: PathBuf,
    reader: BufReader<File>,
    docs: usize,
    left: usize,
    repeated: RepeatedLines,
    warnings: Vec<Warning>,
}

impl StagedCorpus {
    /// Documents in the corpus.
    pub fn len(&self) -> usize {
        self.docs
    }

    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// The files that were skipped, and why, in walk order.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The next documents in id order, final (rule 5 applied): at most
    /// `max_docs`, and no more after `max_bytes` of text. Empty at the end.
    pub fn next_batch(
        &mut self,
        max_docs: usize,
        max_bytes: usize,
    ) -> Result<Vec<Document>, StageError> {
        let mut docs = Vec::new();
        let mut bytes = 0;
        let mut buf = Vec::new();
        while self.left > 0 && docs.len() < max_docs.max(1) && bytes < max_bytes {
            let mut len = [0u8; 4];
            self.reader
                .read_exact(&mut len)
                .map_err(StageError::reading(&self.path))?;
            buf.resize(u32::from_le_bytes(len) as usize, 0);
            self.reader
                .read_exact(&mut buf)
                .map_err(StageError::reading(&self.path))?;
            let doc = decode(&buf).ok_or_else(|| StageError {
                path: self.path.clone(),
                writing: false,
                error: io::Error::new(io::ErrorKind::InvalidData, "damaged staged document"),
            })?;
            bytes += buf.len();
            docs.push(doc);
            self.left -= 1;
        }
        docs.par_iter_mut()
            .for_each(|d| self.repeated.strip(&mut d.body));
        Ok(docs)
    }
}

impl Drop for StagedCorpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

// A staged document: its fields, each string as u32 LE length + UTF-8.

fn put(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: &Option<String>) {
    match s {
        Some(s) => {
            out.push(1);
            put(out, s);
        }
        None => out.push(0),
    }
}

fn encode(d: &Document, out: &mut Vec<u8>) {
    put(out, &d.id);
    put(out, &d.rel_path);
    out.push(match d.kind {
        SourceKind::Text => 0,
        SourceKind::Markdown => 1,
        SourceKind::Html => 2,
    });
    put(out, &d.title);
    put(out, &d.body);
    put_opt(out, &d.date);
    put_opt(out, &d.source);
    out.extend_from_slice(&(d.keywords.len() as u32).to_le_bytes());
    for k in &d.keywords {
        put(out, k);
    }
    out.extend_from_slice(&(d.filters.len() as u32).to_le_bytes());
    for (name, value) in &d.filters {
        put(out, name);
        put(out, value);
    }
}

struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.bytes(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.bytes(n)?.to_vec()).ok()
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            _ => self.string().map(Some),
        }
    }
}

fn decode(bytes: &[u8]) -> Option<Document> {
    let mut c = Cursor(bytes);
    let id = c.string()?;
    let rel_path = c.string()?;
    let kind = match c.u8()? {
        0 => SourceKind::Text,
        1 => SourceKind::Markdown,
        _ => SourceKind::Html,
    };
    let title = c.string()?;
    let body = c.string()?;
    let date = c.opt()?;
    let source = c.opt()?;
    let keywords = (0..c.u32()?)
        .map(|_| c.string())
        .collect::<Option<Vec<_>>>()?;
    let filters = (0..c.u32()?)
        .map(|_| Some((c.string()?, c.string()?)))
        .collect::<Option<Vec<_>>>()?;
    Some(Document {
        id,
        rel_path,
        kind,
        title,
        body,
        date,
        source,
        keywords,
        filters,
    })
}
