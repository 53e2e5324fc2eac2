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
use fahras::format::FileKind;
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
    write_index(&built, &a.out)?;
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
    // Sizes per piece kind; gzip per piece, as a browser fetches them.
    let (mut raw, mut gz) = (built.root.len() as u64, gzip_len(&built.root)?);
    println!(
        "  {:<10} {:>7} {:>12} {:>11} {:>12}",
        "piece", "files", "bytes", "gzip", "largest"
    );
    println!(
        "  {:<10} {:>7} {raw:>12} {gz:>11} {raw:>12}",
        "index.fhr", 1
    );
    for kind in FileKind::ALL {
        let (stem, _) = kind.stem_and_ext();
        let pieces: Vec<&Vec<u8>> = built
            .files
            .iter()
            .filter(|(name, _)| name.split('/').next() == Some(stem))
            .map(|(_, b)| b)
            .collect();
        let (mut r, mut z, mut max) = (0u64, 0u64, 0u64);
        for b in &pieces {
            r += b.len() as u64;
            z += gzip_len(b)?;
            max = max.max(b.len() as u64);
        }
        println!("  {stem:<10} {:>7} {r:>12} {z:>11} {max:>12}", pieces.len());
        raw += r;
        gz += z;
    }
    println!(
        "  {:<10} {:>7} {raw:>12} {gz:>11}",
        "total",
        built.files.len() + 1
    );
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
