//! Relevance floors: index the demo corpus, score the judged queries in
//! tests/relevance/demo.tsv with `fahras eval`, and fail when ranking gets
//! worse than it is today. Raise the floors when ranking improves.
//!
//! The hadith set (34k documents, fetched on demand) is checked by
//! bench/relevance/check_hadith.sh instead.

use std::path::Path;
use std::process::Command;

/// (metric, floor), a little below what the engine reached when set.
const FLOORS: &[(&str, f64)] = &[
    ("recall@10", 0.98),
    ("mrr@10", 0.98),
    ("ndcg@10", 0.97),
    ("none_correct", 0.95),
];

fn fahras(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_fahras"))
        .args(args)
        .output()
        .expect("run fahras");
    assert!(
        out.status.success(),
        "fahras {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn demo_set_stays_above_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let index = tmp.path().join("index");
    let index = index.to_str().expect("utf-8 path");
    let corpus = root.join("corpus");
    fahras(&["build", corpus.to_str().unwrap(), "--out", index]);

    let qrels = root.join("tests/relevance/demo.tsv");
    let json = fahras(&[
        "eval",
        qrels.to_str().unwrap(),
        "--index",
        index,
        "--json",
        "--verbose",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("eval JSON");
    assert!(
        v["overall"]["queries"].as_u64().unwrap_or(0) >= 80,
        "demo set too small"
    );
    let mut low = Vec::new();
    for (metric, floor) in FLOORS {
        let got = v["overall"][metric].as_f64().unwrap_or(0.0);
        if got < *floor {
            low.push(format!("{metric} {got:.3} < floor {floor:.2}"));
        }
    }
    assert!(
        low.is_empty(),
        "demo relevance below floors: {}\nfailing queries:\n{}",
        low.join(", "),
        serde_json::to_string_pretty(&v["failing"]).unwrap_or_default()
    );
}
