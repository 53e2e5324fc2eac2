//! `fahras build`: read the corpus, write article pages for plain-text
//! sources, build and write the index, print a summary.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;
use indicatif::{ProgressBar, ProgressStyle};

use super::{BuildArgs, Error};
use fahras::corpus::{read_corpus, render_page, Document};
use fahras::indexer::{page_path, record_for, write_index, IndexBuilder, PAGES_DIR};

pub fn run(a: BuildArgs) -> Result<ExitCode, Error> {
    let started = Instant::now();
    for input in &a.inputs {
        if !input.exists() {
            return Err(format!("input {} does not exist", input.display()).into());
        }
    }
    let (docs, warnings) = read_corpus(&a.inputs);
    for w in &warnings {
        eprintln!(
            "fahras: warning: skipped {}: {}",
            w.path.display(),
            w.reason
        );
    }
    if docs.is_empty() {
        return Err("no documents found (looked for .txt, .md, .html)".into());
    }

    let bar = ProgressBar::new(docs.len() as u64).with_style(
        ProgressStyle::with_template("{prefix} {wide_bar} {pos}/{len} docs, {per_sec}, ETA {eta}")
            .expect("valid template"),
    );
    bar.set_prefix("indexing");
    let mut builder = IndexBuilder::new();
    let mut pages = Vec::new();
    for d in &docs {
        if let Some(page) = page_path(d) {
            pages.push((page, d));
        }
        builder.add(&record_for(d, &a.base_url));
        bar.inc(1);
    }
    bar.finish_and_clear();
    let built = builder.finish();
    let written = write_index(&built, &a.out)?;
    for (page, d) in &pages {
        write_page(&a.out, page, d, &a.search_page)?;
    }
    if !pages.is_empty() {
        let path = a.out.join(HIGHLIGHT_SCRIPT);
        fs::write(&path, HIGHLIGHT_JS)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    println!(
        "Indexed {} documents ({} skipped) in {:.2}s: {} words, {} stems, language {}.",
        docs.len(),
        warnings.len(),
        started.elapsed().as_secs_f64(),
        built.word_count,
        built.stem_count,
        if built.lang.is_empty() {
            "unknown"
        } else {
            &built.lang
        }
    );
    let (mut raw, mut gz) = (0, 0);
    // The bytes are still in memory: no need to read back what was written.
    let bytes = std::iter::once(&built.root).chain(built.files.iter().map(|(_, b)| b));
    for ((name, size), b) in written.iter().zip(bytes) {
        let z = gzip_len(b)?;
        println!("  {name:<32} {size:>10} bytes  {z:>9} gzip");
        raw += size;
        gz += z;
    }
    println!("  {:<32} {raw:>10} bytes  {gz:>9} gzip", "total");
    if !pages.is_empty() {
        println!(
            "  + {} article pages in {}/",
            pages.len(),
            a.out.join(PAGES_DIR).display()
        );
    }
    if a.strict && !warnings.is_empty() {
        eprintln!(
            "fahras: {} file(s) skipped and --strict given",
            warnings.len()
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// The script article pages load to mark the words a search found (see
/// src/corpus/highlight.js); written next to the index files.
const HIGHLIGHT_SCRIPT: &str = "highlight.js";
const HIGHLIGHT_JS: &str = include_str!("../corpus/highlight.js");

fn write_page(out: &Path, page: &str, d: &Document, search_page: &str) -> Result<(), Error> {
    let path = out.join(page);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    // The page sits `depth` folders below the index folder.
    let depth = page.matches('/').count();
    let up = "../".repeat(depth);
    let back = format!("{up}{search_page}");
    let script = format!("{up}{HIGHLIGHT_SCRIPT}");
    fs::write(&path, render_page(d, &back, &script))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> std::io::Result<u64> {
    let mut z = GzEncoder::new(Vec::new(), Compression::best());
    z.write_all(bytes)?;
    Ok(z.finish()?.len() as u64)
}
