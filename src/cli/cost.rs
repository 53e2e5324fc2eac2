//! `fahras cost`: what a visitor's first query downloads. Each query runs
//! on a fresh copy of the index holding only its root, the way a browser
//! with an empty cache starts; the pieces the search asks for are read
//! from the folder and counted (files, bytes, gzip bytes, rounds of
//! fetches). Used to choose piece sizes and in the benchmark.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::{gzip_len, Error};
use fahras::format::{FileKind, Index, PieceId, Root, ROOT_FILE};
use fahras::search::{search_step, SearchOptions, Step};

#[derive(Debug, clap::Args)]
pub struct CostArgs {
    /// The index folder written by `fahras build --out`.
    #[arg(long)]
    index: PathBuf,
    /// Queries, one a line; in a tab-separated file (judged sets) the second
    /// column. Lines starting with # are skipped.
    queries: PathBuf,
    /// Results shown per query (their documents are fetched).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print one line per query too.
    #[arg(long)]
    verbose: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// List every piece each query fetched, by round.
    #[arg(long)]
    pieces: bool,
}

/// One query's first-time cost.
struct Cost {
    query: String,
    pieces: usize,
    bytes: u64,
    gzip: u64,
    rounds: usize,
    /// Gzip bytes per kind of piece, in `FileKind::ALL` order.
    by_kind: [u64; 5],
}

pub fn run(a: CostArgs) -> Result<ExitCode, Error> {
    let root_bytes = fs::read(a.index.join(ROOT_FILE))
        .map_err(|e| format!("cannot read {}: {e}", a.index.join(ROOT_FILE).display()))?;
    Root::parse(&root_bytes).map_err(|e| format!("{}: {e}", a.index.display()))?;
    let root_gzip = gzip_len(&root_bytes)?;
    let queries = read_queries(&a.queries)?;
    let opts = SearchOptions {
        limit: a.limit,
        ..Default::default()
    };
    // Piece path -> (bytes, gzip bytes), read once.
    let mut sizes: HashMap<String, (Vec<u8>, u64)> = HashMap::new();
    let mut costs = Vec::new();
    for q in &queries {
        let index = Index::new(Root::parse(&root_bytes)?);
        let mut c = Cost {
            query: q.clone(),
            pieces: 0,
            bytes: root_bytes.len() as u64,
            gzip: root_gzip,
            rounds: 0,
            by_kind: [0; 5],
        };
        loop {
            match search_step(&index, q, &opts)? {
                Step::Done(_) => break,
                Step::Need(ids) => {
                    c.rounds += 1;
                    for id in ids {
                        let (bytes, gz) = piece(&a.index, &index, id, &mut sizes)?;
                        if a.pieces {
                            println!("{q}\tround {}\t{}\t{gz}", c.rounds, index.path(id));
                        }
                        index.add_piece(id, bytes)?;
                        c.pieces += 1;
                        c.bytes += bytes.len() as u64;
                        c.gzip += gz;
                        let k = FileKind::ALL
                            .iter()
                            .position(|k| *k == id.kind)
                            .unwrap_or(0);
                        c.by_kind[k] += gz;
                    }
                }
            }
            if c.rounds > 8 {
                return Err(format!("«{q}»: more than 8 rounds of fetches").into());
            }
        }
        costs.push(c);
    }
    print_report(&a, &costs)?;
    Ok(ExitCode::SUCCESS)
}

fn piece<'a>(
    dir: &Path,
    index: &Index,
    id: PieceId,
    sizes: &'a mut HashMap<String, (Vec<u8>, u64)>,
) -> Result<(&'a [u8], u64), Error> {
    let path = index.path(id);
    if !sizes.contains_key(&path) {
        let bytes = fs::read(dir.join(&path)).map_err(|e| format!("cannot read {path}: {e}"))?;
        let gz = gzip_len(&bytes)?;
        sizes.insert(path.clone(), (bytes, gz));
    }
    let (b, gz) = &sizes[&path];
    Ok((b, *gz))
}

fn read_queries(path: &Path) -> Result<Vec<String>, Error> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let q = match line.split('\t').nth(1) {
            Some(q) => q,
            None => line,
        };
        if !out.iter().any(|o| o == q) {
            out.push(q.to_string());
        }
    }
    Ok(out)
}

/// (mean, median, 95th percentile, max) of `v`.
fn summary(mut v: Vec<f64>) -> [f64; 4] {
    if v.is_empty() {
        return [0.0; 4];
    }
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    [
        v.iter().sum::<f64>() / v.len() as f64,
        at(0.5),
        at(0.95),
        at(1.0),
    ]
}

fn print_report(a: &CostArgs, costs: &[Cost]) -> Result<(), Error> {
    let col = |f: &dyn Fn(&Cost) -> f64| summary(costs.iter().map(f).collect());
    let gzip = col(&|c| c.gzip as f64);
    let bytes = col(&|c| c.bytes as f64);
    let pieces = col(&|c| c.pieces as f64);
    let rounds = col(&|c| c.rounds as f64);
    if a.json {
        let s = |v: [f64; 4]| json!({"mean": v[0], "p50": v[1], "p95": v[2], "max": v[3]});
        let out = json!({
            "queries": costs.len(),
            "gzip": s(gzip), "bytes": s(bytes), "pieces": s(pieces), "rounds": s(rounds),
            "per_query": costs.iter().map(|c| json!({
                "query": c.query, "pieces": c.pieces, "bytes": c.bytes, "gzip": c.gzip, "rounds": c.rounds,
            })).collect::<Vec<_>>(),
        });
        println!("{out}");
        return Ok(());
    }
    if a.verbose {
        for c in costs {
            println!(
                "{:>9} gzip {:>9} bytes {:>4} pieces {} rounds  {}",
                c.gzip, c.bytes, c.pieces, c.rounds, c.query
            );
        }
    }
    println!(
        "First query from an empty cache, index files only ({} queries, top {}):",
        costs.len(),
        a.limit
    );
    println!(
        "  {:<8} {:>10} {:>10} {:>10} {:>10}",
        "", "mean", "p50", "p95", "max"
    );
    for (name, v) in [
        ("gzip", gzip),
        ("bytes", bytes),
        ("pieces", pieces),
        ("rounds", rounds),
    ] {
        println!(
            "  {name:<8} {:>10.0} {:>10.0} {:>10.0} {:>10.0}",
            v[0], v[1], v[2], v[3]
        );
    }
    let kinds: Vec<String> = FileKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let mean = costs.iter().map(|c| c.by_kind[i]).sum::<u64>() / costs.len().max(1) as u64;
            format!("{} {mean}", k.stem_and_ext().0)
        })
        .collect();
    println!("  mean gzip by kind: {}", kinds.join(", "));
    Ok(())
}
