//! Shared by the integration tests: the demo corpus built into a temporary index.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fahras::corpus::read_corpus;
use fahras::format::Index;
use fahras::indexer::{record_for, write_index, IndexBuilder};
use fahras::search::{search, SearchOptions};

pub fn demo_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Build an index of `inputs` into `out` with the library, as `fahras build` does.
pub fn build_index(inputs: &[PathBuf], out: &Path) -> Index {
    let (docs, warnings) = read_corpus(inputs);
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    let mut b = IndexBuilder::new();
    for d in &docs {
        b.add(&record_for(d, ""));
    }
    write_index(&b.finish(), out).expect("index written");
    Index::open(out).expect("index opens")
}

/// The demo corpus index, in a temporary folder that lives as long as the value.
pub struct Demo {
    pub dir: tempfile::TempDir,
    pub index: Index,
}

pub fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(&[demo_corpus()], dir.path());
    Demo { dir, index }
}

/// Result ids for `q`, best first.
pub fn ids(index: &Index, q: &str) -> Vec<String> {
    search(
        index,
        q,
        &SearchOptions {
            limit: 20,
            ..Default::default()
        },
    )
    .unwrap()
    .results
    .into_iter()
    .map(|h| h.id)
    .collect()
}

/// Short demo ids: "000" for "000_d0036755e13d4217".
pub fn short(ids: &[String]) -> Vec<&str> {
    ids.iter().map(|i| &i[..3]).collect()
}
