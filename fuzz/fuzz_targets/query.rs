//! Any string as a query on the demo index: `search` must return `Ok`, and
//! its excerpts may hold no markup but `<mark>`.
#![no_main]

use std::sync::OnceLock;

use fahras::format::Index;
use fahras::search::{search, SearchOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(common::demo_index)
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let res = search(index(), &q, &SearchOptions {
            limit: 20,
            facets: true,
            ..Default::default()
        }).expect("search on a sound index");
    assert!(res.results.len() <= res.total);
    for h in &res.results {
        let rest = h.excerpt.replace("<mark>", "").replace("</mark>", "");
        assert!(!rest.contains(['<', '>', '"']), "markup in {:?}", h.excerpt);
    }
});
