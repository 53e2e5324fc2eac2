//! Queries that reach every reader of an index: exact words, stems,
//! completions (words and stems), several terms, and excerpts of the
//! results, with the options that reach the filters piece too. Shared by
//! tests/corrupt_index.rs and the fuzz target fuzz/fuzz_targets/index_reader.rs.

#![allow(dead_code)]

use fahras::search::{SearchOptions, Sort};

pub const PROBES: &[&str] = &[
    "روسيا",
    "الصين",
    "لافروف",
    "وال",
    "التعا",
    "آسيا الوسطى",
    "a",
    "ب",
];

/// A phrase reaches the position matching the probes do not.
pub const PHRASE: &str = "\"آسيا الوسطى\"";

pub fn plain() -> SearchOptions {
    SearchOptions {
        limit: 50,
        ..Default::default()
    }
}

/// Facets, a filter and a date order reach the filters piece too.
pub fn filtered() -> SearchOptions {
    SearchOptions {
        limit: 50,
        filters: vec![("year".into(), vec!["2022".into()])],
        sort: Sort::Newest,
        facets: true,
    }
}
