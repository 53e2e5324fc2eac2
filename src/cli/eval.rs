//! `fahras eval`: measure relevance against judged query sets.
//!
//! A judged set ("qrels") is a UTF-8 text file, one query a line:
//!
//! ```text
//! # comment
//! category<TAB>query<TAB>id id:2 id ...
//! ```
//!
//! The third field lists every relevant document id (grade 1 unless written
//! `id:grade`); it is empty for queries that must find nothing. The query
//! field is taken verbatim (a query without a trailing space has its last
//! word completed, as in the browser's search-as-you-type).
//!
//! Metrics, all at a cut-off of 10 results: recall@10 (capped: relevant found
//! in the top 10 over min(relevant, 10), so 1.0 is reachable), MRR@10 and nDCG@10
//! (gain 2^grade − 1), averaged over the queries that have relevant
//! documents; queries with none are scored apart as "none correct": the
//! share that returned zero results.
//!
//! The ranked lists come from an index (`--index DIR`) or from a run file
//! written by another engine (`--run FILE`, JSON lines
//! `{"query": .., "ids": [..], "total": n}`), so peers are scored by the
//! same code.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Value};

use super::Error;
use fahras::format::Index;
use fahras::search::{search, SearchOptions};

/// Results looked at per query.
pub const K: usize = 10;

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Judged query sets (TSV: category, query, relevant ids).
    #[arg(required = true)]
    qrels: Vec<PathBuf>,
    /// The index folder written by `fahras build --out`.
    #[arg(long, required_unless_present = "run", conflicts_with = "run")]
    index: Option<PathBuf>,
    /// Score another engine's results instead: JSON lines {"query","ids","total"}.
    #[arg(long)]
    run: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// List every failing query with what was returned.
    #[arg(long, short)]
    verbose: bool,
}

/// One judged query.
#[derive(Debug, Clone)]
pub struct Judged {
    pub line: usize,
    pub category: String,
    pub query: String,
    /// (doc id, grade > 0), in file order.
    pub relevant: Vec<(String, u32)>,
}

/// Parse a judged set; errors name the file and line.
pub fn parse_qrels(path: &Path) -> Result<Vec<Judged>, Error> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let category = fields.next().unwrap_or("").trim().to_string();
        let query = fields
            .next()
            .ok_or_else(|| {
                format!(
                    "{}:{}: expected category<TAB>query<TAB>ids",
                    path.display(),
                    i + 1
                )
            })?
            .to_string();
        if category.is_empty() || query.trim().is_empty() {
            return Err(format!("{}:{}: empty category or query", path.display(), i + 1).into());
        }
        let mut relevant: Vec<(String, u32)> = Vec::new();
        for tok in fields.next().unwrap_or("").split_whitespace() {
            let (id, grade) = match tok.rsplit_once(':') {
                Some((id, g)) => (
                    id,
                    g.parse::<u32>().map_err(|_| {
                        format!("{}:{}: bad grade in {tok:?}", path.display(), i + 1)
                    })?,
                ),
                None => (tok, 1),
            };
            if grade == 0 || relevant.iter().any(|(r, _)| r == id) {
                continue;
            }
            relevant.push((id.to_string(), grade));
        }
        out.push(Judged {
            line: i + 1,
            category,
            query,
            relevant,
        });
    }
    Ok(out)
}

/// What an engine returned for one query.
#[derive(Debug, Clone, Default)]
pub struct Returned {
    /// Ranked ids, at least the first K.
    pub ids: Vec<String>,
    /// All matches (may exceed `ids.len()`).
    pub total: usize,
    /// Titles, for the failure list (may be empty).
    pub titles: Vec<String>,
}

/// Scores of one query with relevant documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub recall: f64,
    pub rr: f64,
    pub ndcg: f64,
}

pub fn score(relevant: &[(String, u32)], ranked: &[String]) -> Scores {
    let grades: HashMap<&str, u32> = relevant.iter().map(|(d, g)| (d.as_str(), *g)).collect();
    let top = &ranked[..ranked.len().min(K)];
    let mut found = 0usize;
    let mut rr = 0.0;
    let mut dcg = 0.0;
    let mut seen: Vec<&str> = Vec::new();
    for (i, id) in top.iter().enumerate() {
        if seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        if let Some(&g) = grades.get(id.as_str()) {
            found += 1;
            if rr == 0.0 {
                rr = 1.0 / (i as f64 + 1.0);
            }
            dcg += gain(g) / (i as f64 + 2.0).log2();
        }
    }
    let mut ideal: Vec<u32> = relevant.iter().map(|(_, g)| *g).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(K)
        .enumerate()
        .map(|(i, &g)| gain(g) / (i as f64 + 2.0).log2())
        .sum();
    Scores {
        recall: found as f64 / relevant.len().min(K) as f64,
        rr,
        ndcg: if idcg > 0.0 { dcg / idcg } else { 0.0 },
    }
}

fn gain(grade: u32) -> f64 {
    2f64.powi(grade.min(20) as i32) - 1.0
}

/// Sums for one group of queries (a whole set, or one category).
#[derive(Debug, Clone, Default)]
struct Tally {
    judged: usize,
    recall: f64,
    rr: f64,
    ndcg: f64,
    none: usize,
    none_ok: usize,
}

impl Tally {
    fn to_json(&self) -> Value {
        let avg = |s: f64| {
            if self.judged == 0 {
                Value::Null
            } else {
                json!(round4(s / self.judged as f64))
            }
        };
        json!({
            "queries": self.judged,
            "recall@10": avg(self.recall),
            "mrr@10": avg(self.rr),
            "ndcg@10": avg(self.ndcg),
            "none_queries": self.none,
            "none_correct": if self.none == 0 { Value::Null } else { json!(round4(self.none_ok as f64 / self.none as f64)) },
        })
    }

    fn row(&self, name: &str) -> String {
        let f = |s: f64| {
            if self.judged == 0 {
                "     -".to_string()
            } else {
                format!("{:6.3}", s / self.judged as f64)
            }
        };
        let none = if self.none == 0 {
            "          -".to_string()
        } else {
            format!(
                "{:>5.3} ({}/{})",
                self.none_ok as f64 / self.none as f64,
                self.none_ok,
                self.none
            )
        };
        format!(
            "  {:<14} {:>4}  {}  {}  {}   {}",
            name,
            self.judged + self.none,
            f(self.recall),
            f(self.rr),
            f(self.ndcg),
            none
        )
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Where ranked lists come from.
enum Source {
    Index(Box<Index>),
    Run(HashMap<String, Returned>),
}

impl Source {
    fn get(&self, query: &str) -> Result<Returned, Error> {
        match self {
            Source::Index(index) => {
                let res = search(
                    index,
                    query,
                    &SearchOptions {
                        limit: K,
                        ..SearchOptions::default()
                    },
                )?;
                Ok(Returned {
                    ids: res.results.iter().map(|h| h.id.clone()).collect(),
                    titles: res.results.iter().map(|h| h.title.clone()).collect(),
                    total: res.total,
                })
            }
            Source::Run(map) => map
                .get(query)
                .cloned()
                .ok_or_else(|| format!("run file has no results for query {query:?}").into()),
        }
    }
}

fn read_run(path: &Path) -> Result<HashMap<String, Returned>, Error> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let query = v["query"]
            .as_str()
            .ok_or_else(|| format!("{}:{}: no \"query\"", path.display(), i + 1))?
            .to_string();
        let ids: Vec<String> = v["ids"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let total = v["total"].as_u64().map_or(ids.len(), |t| t as usize);
        map.insert(
            query,
            Returned {
                ids,
                total,
                titles: Vec::new(),
            },
        );
    }
    Ok(map)
}

pub fn run(a: EvalArgs) -> Result<ExitCode, Error> {
    let source = match (&a.index, &a.run) {
        (Some(dir), _) => Source::Index(Box::new(Index::open(dir)?)),
        (None, Some(run)) => Source::Run(read_run(run)?),
        (None, None) => return Err("give --index DIR or --run FILE".into()),
    };
    let mut sets_json = Vec::new();
    for path in &a.qrels {
        let judged = parse_qrels(path)?;
        let mut total = Tally::default();
        let mut cats: BTreeMap<String, Tally> = BTreeMap::new();
        let mut failures = Vec::new();
        for j in &judged {
            let got = source.get(&j.query)?;
            let cat = cats.entry(j.category.clone()).or_default();
            let failed;
            let mut sc = None;
            if j.relevant.is_empty() {
                let ok = got.total == 0;
                for t in [&mut total, &mut *cat] {
                    t.none += 1;
                    t.none_ok += usize::from(ok);
                }
                failed = !ok;
            } else {
                let s = score(&j.relevant, &got.ids);
                for t in [&mut total, &mut *cat] {
                    t.judged += 1;
                    t.recall += s.recall;
                    t.rr += s.rr;
                    t.ndcg += s.ndcg;
                }
                // Failing: a relevant document missing from the top 10, or
                // the first result not relevant.
                failed = s.recall < 1.0 || s.rr < 1.0;
                sc = Some(s);
            }
            if failed {
                failures.push((j, got, sc));
            }
        }
        let set = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if a.json {
            let cat_json: serde_json::Map<String, Value> =
                cats.iter().map(|(k, t)| (k.clone(), t.to_json())).collect();
            let fail_json: Vec<Value> = failures
                .iter()
                .map(|(j, got, sc)| {
                    json!({
                        "line": j.line,
                        "category": j.category,
                        "query": j.query,
                        "relevant": j.relevant.iter().map(|(d, _)| d.clone()).collect::<Vec<_>>(),
                        "returned": got.ids.iter().take(K).cloned().collect::<Vec<_>>(),
                        "total": got.total,
                        "recall@10": sc.map(|s| round4(s.recall)),
                        "rr@10": sc.map(|s| round4(s.rr)),
                    })
                })
                .collect();
            let mut v = json!({
                "set": set,
                "file": path.display().to_string(),
                "overall": total.to_json(),
                "categories": cat_json,
                "failures": fail_json.len(),
            });
            if a.verbose {
                v["failing"] = Value::Array(fail_json);
            }
            sets_json.push(v);
            continue;
        }
        println!("{set} ({}): {} queries", path.display(), judged.len());
        println!(
            "  {:<14} {:>4}  {:>6}  {:>6}  {:>6}   none correct",
            "category", "n", "R@10", "MRR@10", "nDCG"
        );
        for (name, t) in &cats {
            println!("{}", t.row(name));
        }
        println!("{}", total.row("ALL"));
        println!(
            "  {} failing quer{}",
            failures.len(),
            if failures.len() == 1 { "y" } else { "ies" }
        );
        if a.verbose {
            for (j, got, sc) in &failures {
                println!();
                let rel: Vec<&str> = j.relevant.iter().map(|(d, _)| d.as_str()).collect();
                match sc {
                    Some(s) => println!(
                        "  [{}] {:?} (line {}): recall {:.2}, rr {:.2}, {} result(s)",
                        j.category, j.query, j.line, s.recall, s.rr, got.total
                    ),
                    None => println!(
                        "  [{}] {:?} (line {}): should find nothing, found {}",
                        j.category, j.query, j.line, got.total
                    ),
                }
                for (i, id) in got.ids.iter().take(K).enumerate() {
                    let mark = if rel.contains(&id.as_str()) { '+' } else { '-' };
                    let title = got.titles.get(i).map(String::as_str).unwrap_or("");
                    println!("      {mark} {:>2}. {id}  {title}", i + 1);
                }
                let top: Vec<&str> = got.ids.iter().take(K).map(String::as_str).collect();
                let missing: Vec<&str> = rel.iter().copied().filter(|d| !top.contains(d)).collect();
                if !missing.is_empty() {
                    println!("      missing: {}", missing.join(" "));
                }
            }
        }
        println!();
    }
    if a.json {
        let out = if sets_json.len() == 1 {
            sets_json.pop().unwrap_or(Value::Null)
        } else {
            Value::Array(sets_json)
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(ids: &[&str]) -> Vec<(String, u32)> {
        ids.iter().map(|d| (d.to_string(), 1)).collect()
    }
    fn ranked(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn perfect_and_partial() {
        let s = score(&rel(&["a", "b"]), &ranked(&["a", "b", "c"]));
        assert_eq!((s.recall, s.rr), (1.0, 1.0));
        assert!((s.ndcg - 1.0).abs() < 1e-9);
        let s = score(&rel(&["a", "b"]), &ranked(&["c", "a"]));
        assert_eq!((s.recall, s.rr), (0.5, 0.5));
        let ideal = 1.0 + 1.0 / 3f64.log2();
        assert!((s.ndcg - (1.0 / 3f64.log2()) / ideal).abs() < 1e-9);
    }

    #[test]
    fn nothing_found_and_cutoff() {
        let s = score(&rel(&["z"]), &ranked(&["a", "b"]));
        assert_eq!((s.recall, s.rr, s.ndcg), (0.0, 0.0, 0.0));
        let many: Vec<String> = (0..20).map(|i| format!("d{i}")).collect();
        let s = score(&rel(&["d15"]), &many);
        assert_eq!(s.recall, 0.0);
    }
}
