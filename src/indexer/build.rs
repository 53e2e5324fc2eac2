//! A whole build, from the input folders to the index folder: what
//! `fahras build` runs. Memory stays bounded whatever the corpus size, and
//! the work that can be shared out runs on every core:
//!
//! ```text
//! list      the input files, paths only, sorted by id          (corpus)
//! read      read, parse, clean: batches on all cores; parsed
//!           documents staged on disk, short lines counted      (corpus)
//! index     staged documents back in batches: repeated lines
//!           out, article page written, words analysed on all
//!           cores; then numbered and added in id order         (analyse)
//!           postings past the budget spilled as sorted runs    (runs)
//! merge     runs merged into postings pieces; dictionaries,
//!           docs and filters pieces; all moved into place      (write)
//! ```
//!
//! Everything temporary lives in the staging folder inside the output
//! folder (see [`Staging`]) and goes with it, whether the build succeeds
//! or fails.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{analyse, page_path, record_for, BuildError, Finished, IndexBuilder, Staging};
use crate::corpus::{list_corpus, render_page, Document, Warning};

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Prefix of every result URL.
    pub base_url: String,
    /// The search page, relative to the index folder; article pages link back to it.
    pub search_page: String,
    /// Bytes of postings held in memory; past it a sorted run goes to disk.
    pub memory_budget: usize,
    /// Worker threads; 0: one per core.
    pub threads: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            base_url: String::new(),
            search_page: "../index.html".into(),
            memory_budget: DEFAULT_MEMORY_BUDGET,
            threads: 0,
        }
    }
}

/// The default postings budget: 256 MiB.
pub const DEFAULT_MEMORY_BUDGET: usize = 256 << 20;

/// Documents indexed per batch: at most this many…
const BATCH_DOCS: usize = 1024;
/// …and no more after this many bytes of staged text.
const BATCH_BYTES: usize = 16 << 20;

/// Stack of each worker thread. Parsing deeply nested HTML (thousands of
/// unclosed tags) recurses deeply in html5ever: the 2 MiB threads get by
/// default overflow where the main thread's 8 MiB did not. Address space
/// only; untouched pages cost no memory.
const WORKER_STACK: usize = 32 << 20;

/// The stages a build reports, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and parsing files (counted in files).
    Reading,
    /// Analysing and adding documents (counted in documents).
    Indexing,
    /// Merging the postings and writing the pieces (counted in postings bytes).
    Merging,
}

/// Hears how a build is going (a progress bar, a log). Every method does
/// nothing unless overridden.
pub trait Progress: Send {
    /// `phase` begins; `total` is its length in its unit.
    fn start(&mut self, _phase: Phase, _total: u64) {}
    /// `n` more units of the current phase are done.
    fn advance(&mut self, _n: u64) {}
    /// The current phase is over.
    fn finish(&mut self) {}
    /// The files that were skipped, and why: told once, after reading.
    fn skipped(&mut self, _warnings: &[Warning]) {}
}

/// Progress that nobody hears.
pub struct NoProgress;

impl Progress for NoProgress {}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub index: Finished,
    /// Files skipped (each was told to [`Progress::skipped`]).
    pub skipped: usize,
    /// Article pages written, under [`PAGES_DIR`](super::PAGES_DIR).
    pub pages: usize,
}

/// The script article pages load to mark the words a search found (see
/// src/corpus/highlight.js); written next to the index files.
pub const HIGHLIGHT_SCRIPT: &str = "highlight.js";
const HIGHLIGHT_JS: &str = include_str!("../corpus/highlight.js");

/// Index every document under `inputs` into `out`, with article pages for
/// the .txt/.md sources. A file that cannot be read is skipped (see
/// [`Progress::skipped`]); an input that does not exist, a corpus without
/// documents, or a file of the build that cannot be written stops it, and
/// the previous index in `out` stays as it was.
pub fn build(
    inputs: &[PathBuf],
    out: &Path,
    options: &BuildOptions,
    progress: &mut dyn Progress,
) -> Result<BuildReport, BuildError> {
    for input in inputs {
        if !input.exists() {
            return Err(BuildError::MissingInput(input.clone()));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| BuildError::Threads(e.to_string()))?;
    pool.install(|| build_here(inputs, out, options, progress))
}

fn build_here(
    inputs: &[PathBuf],
    out: &Path,
    options: &BuildOptions,
    progress: &mut dyn Progress,
) -> Result<BuildReport, BuildError> {
    let listing = list_corpus(inputs);
    let out_existed = out.exists();
    let staging = Staging::create(out)?;
    let temp = staging.temp_dir();

    progress.start(Phase::Reading, listing.files() as u64);
    let mut corpus = listing.parse(&temp.join("documents.stage"), |n| progress.advance(n))?;
    progress.finish();
    progress.skipped(corpus.warnings());
    let skipped = corpus.warnings().len();
    if corpus.is_empty() {
        drop((corpus, staging));
        if !out_existed {
            let _ = fs::remove_dir(out); // only if empty: nothing else was there
        }
        return Err(BuildError::NoDocuments);
    }

    let mut builder = IndexBuilder::spilling(&temp, options.memory_budget)?;
    progress.start(Phase::Indexing, corpus.len() as u64);
    let mut pages = 0;
    loop {
        let batch = corpus.next_batch(BATCH_DOCS, BATCH_BYTES)?;
        if batch.is_empty() {
            break;
        }
        let analysed: Vec<_> = batch
            .par_iter()
            .map(|d| {
                let page = write_page(out, d, &options.search_page)?;
                Ok((page, analyse(&record_for(d, &options.base_url))))
            })
            .collect::<Result<_, BuildError>>()?;
        for (page, a) in analysed {
            pages += usize::from(page);
            builder.add_analysed(a)?;
        }
        progress.advance(batch.len() as u64);
    }
    progress.finish();
    drop(corpus);

    let index = builder.finish_into(staging, progress)?;
    if pages > 0 {
        let path = out.join(HIGHLIGHT_SCRIPT);
        fs::write(&path, HIGHLIGHT_JS).map_err(BuildError::writing(&path))?;
    }
    Ok(BuildReport {
        index,
        skipped,
        pages,
    })
}

/// Write `d`'s article page, if it gets one (.txt and .md sources).
fn write_page(out: &Path, d: &Document, search_page: &str) -> Result<bool, BuildError> {
    let Some(page) = page_path(d) else {
        return Ok(false);
    };
    let path = out.join(&page);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(BuildError::writing(dir))?;
    }
    // The page sits `depth` folders below the index folder.
    let up = "../".repeat(page.matches('/').count());
    let back = format!("{up}{search_page}");
    let script = format!("{up}{HIGHLIGHT_SCRIPT}");
    fs::write(&path, render_page(d, &back, &script)).map_err(BuildError::writing(&path))?;
    Ok(true)
}
