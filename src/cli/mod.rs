//! Command-line arguments and the subcommands.

mod build;
mod cost;
mod eval;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use fahras::indexer::DEFAULT_MEMORY_BUDGET;

/// Fahras: client-side search for static sites, Arabic first.
#[derive(Debug, Parser)]
#[command(name = "fahras", version, about)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compile .txt, .md and .html files into a search index.
    Build(BuildArgs),
    /// Search an index from the terminal (same results as the browser).
    Search(SearchArgs),
    /// Measure relevance against judged query sets (recall, MRR, nDCG at 10).
    Eval(eval::EvalArgs),
    /// Measure what a first query downloads from an empty cache (pieces, bytes, gzip).
    Cost(cost::CostArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Files or folders to index (searched recursively).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Folder to write the index into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Prefix of every result URL. Empty: URLs are relative to the index folder.
    #[arg(long, default_value = "")]
    base_url: String,
    /// The search page, relative to the index folder; article pages link back to it.
    #[arg(long, default_value = "../index.html")]
    search_page: String,
    /// Fail (exit code 2) when any file had to be skipped.
    #[arg(long)]
    strict: bool,
    /// Memory for postings, in MiB: past it, sorted runs are spilled to a
    /// temporary folder inside --out and merged at the end (same output
    /// whatever the value).
    #[arg(long, value_name = "N", default_value_t = (DEFAULT_MEMORY_BUDGET >> 20) as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    memory_mb: u64,
    /// Worker threads (0: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    jobs: usize,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The index folder written by `fahras build --out`.
    #[arg(long)]
    index: PathBuf,
    /// Most results to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print JSON: {"query", "total", "results": [{"id","url","title","score","excerpt","date","source"}]}
    /// (and "facets" with --facets).
    #[arg(long)]
    json: bool,
    /// Keep documents whose facet has this value, e.g. `source=RT`, `year=2022`,
    /// `tag=…`, `lang=ar`. Repeat a name for any of several values.
    #[arg(long = "filter", value_name = "NAME=VALUE", value_parser = parse_filter)]
    filters: Vec<(String, String)>,
    /// Result order.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Count facet values among the results.
    #[arg(long)]
    facets: bool,
    /// The query (several words may be given unquoted; may be empty with --filter).
    #[arg(allow_hyphen_values = true)]
    query: Vec<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

fn parse_filter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((n, v)) if !n.trim().is_empty() && !v.trim().is_empty() => {
            Ok((n.trim().to_string(), v.trim().to_string()))
        }
        _ => Err(format!("`{s}`: expected NAME=VALUE, e.g. source=RT")),
    }
}

pub type Error = Box<dyn std::error::Error>;

/// Size of `bytes` gzipped at the best level, as the build summary and
/// `fahras cost` report it (what a server compressing ahead would send).
fn gzip_len(bytes: &[u8]) -> std::io::Result<u64> {
    use std::io::Write;
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes)?;
    Ok(z.finish()?.len() as u64)
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    match args.command {
        Command::Build(a) => build::run(a),
        Command::Search(a) => search::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Cost(a) => cost::run(a),
    }
}
