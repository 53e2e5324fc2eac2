//! Index bytes from the network: every reader must return `Ok` or `Err`,
//! never panic. The first byte picks a mode:
//!
//! * 0: raw root bytes (through the hash checks, as a CDN would serve them);
//! * 1: a root body behind the real magic and version, its hash recomputed
//!   (below the root's hash check), assembled with the demo files;
//! * 2..: one demo file (kind = byte % number of files) replaced by the input, the root
//!   forged to match its size and hash (below the file hash checks).
//!
//! Whatever assembles is searched with queries that reach every reader.
#![no_main]

use fahras::format::{content_hash, FileKind, Index, Root, MAGIC, VERSION};
use fahras::search::{search, SearchOptions, Sort};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[path = "../../tests/common/probes.rs"]
mod probes;
use probes::PROBES;

fn exercise(root: Root, files: &[(FileKind, Vec<u8>)]) {
    let Ok(index) = Index::assemble(root, |k| {
        files.iter().find(|(f, _)| *f == k).map(|(_, b)| b.clone())
    }) else {
        return;
    };
    for q in PROBES {
        // Facets, a filter and a date order reach the filters file too.
        let _ = search(
            &index,
            q,
            &SearchOptions {
                limit: 50,
                filters: vec![("year".into(), vec!["2022".into()])],
                sort: Sort::Newest,
                facets: true,
            },
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let built = common::demo();
    let mut files: Vec<(FileKind, Vec<u8>)> = built
        .files
        .iter()
        .map(|(e, b)| (e.kind, b.clone()))
        .collect();
    match mode {
        0 => {
            if let Ok(root) = Root::parse(rest) {
                exercise(root, &files);
            }
        }
        1 => {
            let mut b = MAGIC.to_vec();
            b.extend_from_slice(&VERSION.to_le_bytes());
            b.extend_from_slice(rest);
            let h = content_hash(&b);
            b.extend_from_slice(&h.to_le_bytes());
            if let Ok(root) = Root::parse(&b) {
                exercise(root, &files);
            }
        }
        m => {
            let i = usize::from(m) % files.len();
            files[i].1 = rest.to_vec();
            let mut root = Root::parse(&built.root).expect("demo root");
            for e in root.files.iter_mut() {
                let bytes = &files.iter().find(|(k, _)| *k == e.kind).unwrap().1;
                e.len = bytes.len() as u64;
                e.hash = content_hash(bytes);
            }
            exercise(root, &files);
        }
    }
});
