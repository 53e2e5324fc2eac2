//! `fahras build`: run [`fahras::indexer::build`] with a progress bar on
//! the terminal, then print a summary of what was written.

use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use rayon::prelude::*;

use super::{gzip_len, BuildArgs, Error};
use fahras::corpus::Warning;
use fahras::format::{FileKind, Root, ROOT_FILE};
use fahras::indexer::{build, BuildOptions, Phase, Progress, PAGES_DIR};

pub fn run(a: BuildArgs) -> Result<ExitCode, Error> {
    let started = Instant::now();
    // The summary's gzip sizes are computed on the same number of threads.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(a.jobs)
        .build_global();
    let options = BuildOptions {
        base_url: a.base_url.clone(),
        search_page: a.search_page.clone(),
        memory_budget: usize::try_from(a.memory_mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX),
        threads: a.jobs,
    };
    let report = build(&a.inputs, &a.out, &options, &mut Bar::default())?;
    let index = &report.index;
    println!(
        "Indexed {} documents ({} skipped) in {:.2}s: {} words, {} stems, language {}.",
        index.stats.doc_count,
        report.skipped,
        started.elapsed().as_secs_f64(),
        index.word_count,
        index.stem_count,
        if index.lang.is_empty() {
            "unknown"
        } else {
            &index.lang
        }
    );
    if index.runs > 0 {
        println!(
            "  postings went through {} sorted runs on disk (--memory-mb {})",
            index.runs, a.memory_mb
        );
    }
    print_sizes(&a.out)?;
    if report.pages > 0 {
        println!(
            "  + {} article pages in {}/",
            report.pages,
            a.out.join(PAGES_DIR).display()
        );
    }
    if a.strict && report.skipped > 0 {
        eprintln!(
            "fahras: {} file(s) skipped and --strict given",
            report.skipped
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Sizes per piece kind, read back from `out`; gzip per piece, as a
/// browser fetches them.
fn print_sizes(out: &Path) -> Result<(), Error> {
    let root_bytes = fs::read(out.join(ROOT_FILE))?;
    let root = Root::parse(&root_bytes)?;
    let (mut raw, mut gz) = (root_bytes.len() as u64, gzip_len(&root_bytes)?);
    println!(
        "  {:<10} {:>7} {:>12} {:>11} {:>12}",
        "piece", "files", "bytes", "gzip", "largest"
    );
    println!(
        "  {:<10} {:>7} {raw:>12} {gz:>11} {raw:>12}",
        "index.fhr", 1
    );
    let mut files = 1;
    for kind in FileKind::ALL {
        let (stem, _) = kind.stem_and_ext();
        let Some(set) = root.sets.iter().find(|s| s.kind == kind) else {
            continue;
        };
        let sizes = (0..set.count)
            .into_par_iter()
            .map(|n| {
                let bytes = fs::read(out.join(set.path(n)))?;
                Ok((bytes.len() as u64, gzip_len(&bytes)?))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        let r: u64 = sizes.iter().map(|s| s.0).sum();
        let z: u64 = sizes.iter().map(|s| s.1).sum();
        let max = sizes.iter().map(|s| s.0).max().unwrap_or(0);
        println!("  {stem:<10} {:>7} {r:>12} {z:>11} {max:>12}", set.count);
        raw += r;
        gz += z;
        files += set.count as usize;
    }
    println!("  {:<10} {files:>7} {raw:>12} {gz:>11}", "total");
    Ok(())
}

/// The build's progress on stderr: a bar per phase with its rate and ETA.
/// indicatif draws nothing when stderr is not a terminal (or TERM=dumb),
/// so `fahras build … 2>log` writes only the warnings there.
#[derive(Default)]
struct Bar {
    bar: Option<ProgressBar>,
}

impl Drop for Bar {
    /// A build that fails midway: clear the bar, so the error that follows
    /// starts on a clean line.
    fn drop(&mut self) {
        self.finish();
    }
}

impl Progress for Bar {
    fn start(&mut self, phase: Phase, total: u64) {
        let (prefix, template) = match phase {
            Phase::Reading => (
                "reading",
                "{prefix:>8} {wide_bar} {human_pos}/{human_len} files, {rate}/s, ETA {eta}",
            ),
            Phase::Indexing => (
                "indexing",
                "{prefix:>8} {wide_bar} {human_pos}/{human_len} docs, {rate}/s, ETA {eta}",
            ),
            Phase::Merging => (
                "merging",
                "{prefix:>8} {spinner} {wide_bar} {binary_bytes}/{binary_total_bytes}, ETA {eta}",
            ),
        };
        let style = ProgressStyle::with_template(template)
            .expect("valid template")
            // A whole number: `{per_sec}` shows four decimals.
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", s.per_sec());
            });
        let bar = ProgressBar::new(total).with_style(style);
        bar.set_prefix(prefix);
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
    }

    fn advance(&mut self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }

    fn skipped(&mut self, warnings: &[Warning]) {
        self.finish();
        for w in warnings {
            eprintln!(
                "fahras: warning: skipped {}: {}",
                w.path.display(),
                w.reason
            );
        }
    }
}
