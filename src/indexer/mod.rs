//! Index writing: turns analysed documents into the files described in
//! [`crate::format`]. Native only.
//!
//! Deterministic by construction: documents are numbered in the order given
//! (the corpus reader sorts them by id), and every map here is ordered.
//! The output does not depend on the memory budget or the number of
//! threads either: see `runs` for why spilling changes no byte.
//!
//! ```text
//! build     corpus folder → index folder: reads, analyses on all cores,
//!           writes pages, feeds the builder (what `fahras build` runs)
//! analyse   one document → its words, encoded postings entries, record
//! runs      postings in memory, spilled as sorted runs, merged back
//! store     the document store, held or staged until it can be cut
//! docs      what a document's record and URL are
//! write     the staging folder, and the all-or-nothing move into place
//! ```

mod analyse;
mod build;
mod docs;
mod runs;
mod store;
mod write;

pub use analyse::{analyse, AnalysedDoc};
pub use build::{
    build, BuildOptions, BuildReport, NoProgress, Phase, Progress, DEFAULT_MEMORY_BUDGET,
    HIGHLIGHT_SCRIPT,
};
pub use docs::{page_path, record_for, PAGES_DIR};
pub use write::{write_index, Staging, WriteError, STAGING_DIR};

use crate::analysis::{clitic_form, strip_prefixes, CLITIC_PREFIXES};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::format::{
    content_hash, piece, DictWriter, DocRecord, FileKind, FiltersWriter, KeyRange, PieceSet,
    PostingsWriter, Root, Stats, WordRef,
};
use runs::Postings;
use store::DocSpool;

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

/// What an index written by [`IndexBuilder::finish_into`] holds.
#[derive(Debug, Clone)]
pub struct Finished {
    pub stats: Stats,
    /// The corpus language recorded in the root (see [`corpus_lang`]).
    pub lang: String,
    /// Distinct surface words and stems in the dictionaries.
    pub word_count: usize,
    pub stem_count: usize,
    /// Sorted runs the postings were spilled to (0: all fit the budget).
    pub runs: usize,
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// An input named on the command line does not exist.
    MissingInput(PathBuf),
    /// No file under the inputs gave a document.
    NoDocuments,
    /// A file of the build (a piece, a page, a temporary file) could not
    /// be written or read back.
    Io {
        path: PathBuf,
        writing: bool,
        error: io::Error,
    },
    /// The staged corpus could not be written or read back.
    Stage(crate::corpus::StageError),
    /// The index could not be put in place.
    Write(WriteError),
    /// The worker threads could not be started.
    Threads(String),
}

impl BuildError {
    fn writing(path: &Path) -> impl FnOnce(io::Error) -> BuildError + '_ {
        move |error| BuildError::Io {
            path: path.to_path_buf(),
            writing: true,
            error,
        }
    }

    fn reading(path: &Path) -> impl FnOnce(io::Error) -> BuildError + '_ {
        move |error| BuildError::Io {
            path: path.to_path_buf(),
            writing: false,
            error,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::MissingInput(p) => write!(f, "input {} does not exist", p.display()),
            BuildError::NoDocuments => {
                write!(f, "no documents found (looked for .txt, .md, .html)")
            }
            BuildError::Io {
                path,
                writing,
                error,
            } => {
                let verb = if *writing { "write" } else { "read back" };
                write!(f, "cannot {verb} {}: {error}", path.display())
            }
            BuildError::Stage(e) => e.fmt(f),
            BuildError::Write(e) => e.fmt(f),
            BuildError::Threads(e) => write!(f, "cannot start worker threads: {e}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { error, .. } => Some(error),
            BuildError::Stage(e) => Some(e),
            BuildError::Write(e) => Some(e),
            _ => None,
        }
    }
}

impl From<WriteError> for BuildError {
    fn from(e: WriteError) -> Self {
        BuildError::Write(e)
    }
}

impl From<crate::corpus::StageError> for BuildError {
    fn from(e: crate::corpus::StageError) -> Self {
        BuildError::Stage(e)
    }
}

/// Collects documents, then writes the index files.
///
/// [`IndexBuilder::new`] holds everything in memory;
/// [`IndexBuilder::spilling`] keeps the postings under a memory budget
/// (spilling sorted runs to disk past it) and stages the document store in
/// a file. Both give the same bytes.
pub struct IndexBuilder {
    postings: Postings,
    store: DocSpool,
    filters: FiltersWriter,
    stats: Stats,
    /// Letters seen in titles and bodies, and how many of them are Arabic script.
    letters: u64,
    arabic_letters: u64,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        Self::new()
    }
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
    /// A builder that holds everything in memory.
    pub fn new() -> Self {
        IndexBuilder {
            postings: Postings::new(None, usize::MAX),
            store: DocSpool::memory(),
            filters: FiltersWriter::new(),
            stats: Stats::default(),
            letters: 0,
            arabic_letters: 0,
        }
    }

    /// A builder that holds at most about `budget` bytes of postings,
    /// writing sorted runs into `temp_dir` past that, and stages the
    /// document store there. The caller removes `temp_dir` afterwards
    /// ([`Staging`] does).
    pub fn spilling(temp_dir: &Path, budget: usize) -> Result<Self, BuildError> {
        Ok(IndexBuilder {
            postings: Postings::new(Some(temp_dir.to_path_buf()), budget),
            store: DocSpool::file(temp_dir.join("docs.spool"))?,
            ..Self::new()
        })
    }

    /// Add the next document (its number is the count of those added before).
    ///
    /// # Panics
    /// On a spilling builder, when a run cannot be written; use
    /// [`IndexBuilder::add_analysed`] there.
    pub fn add(&mut self, doc: &IndexDoc) {
        if let Err(e) = self.add_analysed(analyse(doc)) {
            panic!("{e}");
        }
    }

    /// Add the next document, analysed beforehand (on any thread) by
    /// [`analyse`].
    pub fn add_analysed(&mut self, doc: AnalysedDoc) -> Result<(), BuildError> {
        let n = self.stats.doc_count;
        self.letters += doc.letters;
        self.arabic_letters += doc.arabic_letters;
        let mut start = 0;
        for (word, stem, end) in &doc.words {
            self.postings.add(n, word, stem, &doc.entries[start..*end]);
            start = *end;
        }
        self.stats.total_title_len += u64::from(doc.lens[0]);
        self.stats.total_body_len += u64::from(doc.lens[1]);
        self.stats.doc_count += 1;
        self.store.push(&doc.record)?;
        self.filters.push(doc.date.as_deref(), &doc.filters);
        self.postings.check_budget()
    }

    /// Documents added so far.
    pub fn len(&self) -> u32 {
        self.stats.doc_count
    }

    pub fn is_empty(&self) -> bool {
        self.stats.doc_count == 0
    }

    /// Sorted runs written so far.
    pub fn runs(&self) -> usize {
        self.postings.runs()
    }

    /// The index, in memory.
    ///
    /// # Panics
    /// On a spilling builder, when a temporary file cannot be read back;
    /// [`IndexBuilder::try_finish`] returns that error instead.
    pub fn finish(self) -> BuiltIndex {
        self.try_finish().unwrap_or_else(|e| panic!("{e}"))
    }

    /// The index, in memory.
    pub fn try_finish(self) -> Result<BuiltIndex, BuildError> {
        let mut sink = MemorySink::default();
        let done = self.assemble(&mut sink, &mut NoProgress)?;
        let mut files = Vec::new();
        for set in &done.sets {
            for (kind, n, bytes) in &mut sink.pieces {
                if *kind == set.kind {
                    files.push((set.path(*n), std::mem::take(bytes)));
                }
            }
        }
        Ok(BuiltIndex {
            root: done.root,
            files,
            stats: done.finished.stats,
            lang: done.finished.lang,
            word_count: done.finished.word_count,
            stem_count: done.finished.stem_count,
        })
    }

    /// Write the index through `staging` (pieces as they are made, then
    /// all moved into place at once); `progress` hears of the merge.
    pub fn finish_into(
        self,
        staging: Staging,
        progress: &mut dyn Progress,
    ) -> Result<Finished, BuildError> {
        let done = self.assemble(&mut StagingSink(&staging), progress)?;
        for set in &done.sets {
            staging.rename(&pending_folder(set.kind), &set.folder())?;
        }
        staging.commit(&done.root)?;
        Ok(done.finished)
    }

    fn assemble(
        self,
        sink: &mut dyn PieceSink,
        progress: &mut dyn Progress,
    ) -> Result<Assembled, BuildError> {
        let IndexBuilder {
            postings: all_postings,
            store,
            filters,
            stats,
            letters,
            arabic_letters,
        } = self;
        let runs = all_postings.runs();

        // Postings, in stem order so that the forms of one word (and its
        // clitic variants) share a piece: one query word, one fetch.
        let mut merge = all_postings.into_merge()?;
        progress.start(Phase::Merging, merge.total);
        let mut postings = Pieces::new(FileKind::Postings);
        let mut writer = PostingsWriter::new();
        let mut vocab: Vec<VocabEntry> = Vec::new();
        let mut told = 0;
        while let Some(e) = merge.next()? {
            if writer.len() >= POSTINGS_PIECE_BYTES {
                postings.push(std::mem::take(&mut writer).into_bytes(), sink)?;
                progress.advance(merge.done - told);
                told = merge.done;
            }
            let at = writer.write_encoded(e.count, &e.bytes);
            let piece = postings.len() as u32;
            vocab.push((e.word, e.stem, WordRef::new(piece, at as u32, e.count)));
        }
        postings.push(writer.into_bytes(), sink)?;
        progress.advance(merge.done - told);
        drop(merge);
        progress.finish();

        let offset_bits = piece::bits_for(postings.largest() as u64);
        vocab.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let word_count = vocab.len();
        let mut words = DictPieces::new(FileKind::Words);
        for (word, _, r) in &vocab {
            words.insert(word.as_bytes(), &[r.pack(offset_bits)], &[], sink)?;
        }
        let (words, word_ranges) = words.finish(sink)?;
        vocab.sort_by(|a, b| a.1.cmp(&b.1));
        let mut stem_count = 0;
        let mut stems = DictPieces::new(FileKind::Stems);
        // Each word with the tag of its form without the article (see
        // `WordRef::tag`).
        let tagged = |(word, _, r): &VocabEntry| {
            r.with_tag(piece::tag(strip_prefixes(word)))
                .pack_tagged(offset_bits)
        };
        let groups: Vec<&[VocabEntry]> = vocab.chunk_by(|a, b| a.1 == b.1).collect();
        let group_of = |stem: &str| {
            groups
                .binary_search_by(|g| (*g[0].1).cmp(stem))
                .ok()
                .map(|i| groups[i])
        };
        let (mut packed, mut linked) = (Vec::new(), Vec::new());
        for group in &groups {
            packed.clear();
            packed.extend(group.iter().map(tagged));
            packed.sort_unstable();
            // The stem's forms with clitic letters before it, which search
            // would otherwise look up in as many other key ranges.
            linked.clear();
            for p in CLITIC_PREFIXES {
                if let Some(g) = clitic_form(p, &group[0].1).and_then(|k| group_of(&k)) {
                    linked.extend(g.iter().map(tagged));
                }
            }
            linked.sort_unstable();
            stems.insert(group[0].1.as_bytes(), &packed, &linked, sink)?;
            stem_count += 1;
        }
        let (stems, stem_ranges) = stems.finish(sink)?;
        drop(vocab);

        // Documents: about DOCS_PIECE_BYTES a piece, so a result list
        // fetches little beyond the documents it shows.
        let avg = store.record_bytes() / store.len().max(1);
        let per_piece = (DOCS_PIECE_BYTES / avg.max(1)).clamp(1, MAX_DOCS_PER_PIECE);
        let mut docs = Pieces::new(FileKind::Docs);
        store.pieces(per_piece, |p| docs.push(p, sink))?;
        let mut filter_set = Pieces::new(FileKind::Filters);
        filter_set.push(filters.into_bytes(), sink)?;

        let sets = vec![
            words.seal(word_ranges, sink)?,
            stems.seal(stem_ranges, sink)?,
            postings.seal(Vec::new(), sink)?,
            docs.seal(Vec::new(), sink)?,
            filter_set.seal(Vec::new(), sink)?,
        ];
        let lang = corpus_lang(letters, arabic_letters).to_string();
        let root = Root {
            lang: lang.clone(),
            stats,
            docs_per_piece: per_piece as u32,
            offset_bits,
            sets: sets.clone(),
        };
        Ok(Assembled {
            root: root.to_bytes(),
            sets,
            finished: Finished {
                stats,
                lang,
                word_count,
                stem_count,
                runs,
            },
        })
    }
}

/// An index made, before it is put anywhere.
struct Assembled {
    root: Vec<u8>,
    sets: Vec<PieceSet>,
    finished: Finished,
}

/// Where pieces go as they are made; their seals (which depend on the
/// whole set) follow at the end.
trait PieceSink {
    fn put(&mut self, kind: FileKind, n: u32, body: Vec<u8>) -> Result<(), BuildError>;
    /// Append the check to piece `n` of `kind`.
    fn seal(&mut self, kind: FileKind, n: u32, check: [u8; 8]) -> Result<(), BuildError>;
}

#[derive(Default)]
struct MemorySink {
    pieces: Vec<(FileKind, u32, Vec<u8>)>,
    at: std::collections::HashMap<(FileKind, u32), usize>,
}

impl PieceSink for MemorySink {
    fn put(&mut self, kind: FileKind, n: u32, body: Vec<u8>) -> Result<(), BuildError> {
        self.at.insert((kind, n), self.pieces.len());
        self.pieces.push((kind, n, body));
        Ok(())
    }

    fn seal(&mut self, kind: FileKind, n: u32, check: [u8; 8]) -> Result<(), BuildError> {
        let i = self.at[&(kind, n)];
        self.pieces[i].2.extend_from_slice(&check);
        Ok(())
    }
}

/// Writes pieces into the staging folder, each kind in a pending folder
/// that becomes the set's folder once its hash is known.
struct StagingSink<'a>(&'a Staging);

fn pending_folder(kind: FileKind) -> String {
    format!("{}/.pending", kind.stem_and_ext().0)
}

fn pending_name(kind: FileKind, n: u32) -> String {
    format!("{}/{n}.{}", pending_folder(kind), kind.stem_and_ext().1)
}

impl PieceSink for StagingSink<'_> {
    fn put(&mut self, kind: FileKind, n: u32, body: Vec<u8>) -> Result<(), BuildError> {
        Ok(self.0.write(&pending_name(kind, n), &body)?)
    }

    fn seal(&mut self, kind: FileKind, n: u32, check: [u8; 8]) -> Result<(), BuildError> {
        Ok(self.0.append(&pending_name(kind, n), &check)?)
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
/// three letters are left: sorts وكتاب and وسمع next to كتاب and سمع, so
/// a word's clitic forms (which its stem entry names) share its postings
/// piece. (Leaving four letters instead cost the hadith bench queries 5%
/// more postings bytes.)
fn clitic_free(stem: &str) -> &str {
    let mut s = stem;
    for _ in 0..2 {
        match s.chars().next() {
            Some(c @ ('و' | 'ف' | 'ب' | 'ك' | 'ل')) if s.chars().count() > 3 => {
                s = &s[c.len_utf8()..];
            }
            _ => break,
        }
    }
    s
}

/// The pieces of one set, handed to a sink as they are made and sealed
/// once all are there (the seal mixes in the set hash, which covers every
/// piece); what is kept is what the sealing and the root entry need.
struct Pieces {
    kind: FileKind,
    /// Hash of every piece's body, in order.
    bodies: Vec<u64>,
    /// Body size of the largest piece.
    largest: usize,
}

impl Pieces {
    fn new(kind: FileKind) -> Self {
        Pieces {
            kind,
            bodies: Vec::new(),
            largest: 0,
        }
    }

    fn len(&self) -> usize {
        self.bodies.len()
    }

    fn largest(&self) -> usize {
        self.largest
    }

    fn push(&mut self, body: Vec<u8>, sink: &mut dyn PieceSink) -> Result<(), BuildError> {
        self.largest = self.largest.max(body.len());
        self.bodies.push(content_hash(&body));
        sink.put(self.kind, self.bodies.len() as u32 - 1, body)
    }

    /// Seal every piece in the sink; the set's root entry.
    fn seal(
        &self,
        ranges: Vec<KeyRange>,
        sink: &mut dyn PieceSink,
    ) -> Result<PieceSet, BuildError> {
        let hash = piece::set_hash(self.kind, &self.bodies);
        for (n, body) in self.bodies.iter().enumerate() {
            let n = n as u32;
            sink.seal(self.kind, n, piece::check(*body, n, hash))?;
        }
        Ok(PieceSet {
            kind: self.kind,
            hash,
            count: self.len() as u32,
            ranges,
        })
    }
}

/// A word of the vocabulary: (word, stem, its postings list).
type VocabEntry = (Box<str>, Box<str>, WordRef);

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

    fn insert(
        &mut self,
        key: &[u8],
        words: &[u64],
        linked: &[u64],
        sink: &mut dyn PieceSink,
    ) -> Result<(), BuildError> {
        if self.current.approx_len() >= DICT_PIECE_BYTES {
            self.cut(sink)?;
        }
        if self.current.keys() == 0 {
            self.ranges.push(KeyRange {
                first: key.to_vec(),
                keys: 0,
            });
        }
        self.current.insert(key, words, linked);
        Ok(())
    }

    fn cut(&mut self, sink: &mut dyn PieceSink) -> Result<(), BuildError> {
        let done = std::mem::take(&mut self.current);
        if let Some(r) = self.ranges.last_mut() {
            r.keys = done.keys();
        }
        self.pieces.push(done.into_bytes(), sink)
    }

    fn finish(mut self, sink: &mut dyn PieceSink) -> Result<(Pieces, Vec<KeyRange>), BuildError> {
        if self.current.keys() > 0 || self.ranges.is_empty() {
            if self.ranges.is_empty() {
                // An empty corpus still has one (empty) piece.
                self.ranges.push(KeyRange {
                    first: Vec::new(),
                    keys: 0,
                });
            }
            self.cut(sink)?;
        }
        Ok((self.pieces, self.ranges))
    }
}
