//! Index bytes from the network: every reader must return `Ok` or `Err`,
//! never panic. The first byte picks a mode:
//!
//! * 0: raw root bytes (through the root's checksum, as a CDN would serve them);
//! * 1: a root body behind the real magic and version, its checksum
//!   recomputed (below the root's check), with the demo's pieces;
//! * 2: raw bytes as one demo piece (chosen by the next byte), through its seal;
//! * 3..: one demo piece (piece = (byte - 3) % number of pieces, in the
//!   root's order: words, stems, postings, docs, filters) replaced by the
//!   input, sealed with its number so that it passes the check (below the
//!   seal), with the demo's root and other pieces. In a dictionary piece
//!   the input replaces the stem groups after the fst only: a forged fst
//!   can make the fst crate panic, a known limit (SECURITY.md) that would
//!   otherwise be all this target finds.
//!
//! Seeds: a mode byte 3 + i followed by the body of the demo's piece i
//! (its file without the last 8 bytes, the seal; for a dictionary, the
//! bytes after the fst), or 0 followed by an `index.fhr`.
//!
//! Whatever parses is searched with queries that reach every reader: from
//! an index holding every piece it accepts (as `Index::open` builds it),
//! and step by step from the root alone, adding pieces as the search asks
//! for them (as the browser does).
#![no_main]

use fahras::format::piece::seal;
use fahras::format::{content_hash, read_varint, Index, PieceId, Root, MAGIC, VERSION};
use fahras::search::{search, search_step, Step};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[path = "../../tests/common/probes.rs"]
mod probes;
use probes::{filtered, plain, PHRASE, PROBES};



fn exercise(root: Root, pieces: &[(PieceId, Vec<u8>)]) {
    // Every piece at hand; a piece its checks refuse stays missing.
    let index = Index::new(root.clone());
    for (id, bytes) in pieces {
        let _ = index.add_piece(*id, bytes);
    }
    for q in PROBES.iter().copied().chain([PHRASE]) {
        let _ = search(&index, q, &plain());
    }
    // Every document, newest first, with facets.
    let _ = search(&index, "", &filtered());

    // From the root alone, adding what each step asks for. A refused piece
    // is asked for again: the rounds are bounded as in the browser.
    let lazy = Index::new(root);
    for _ in 0..8 {
        match search_step(&lazy, PROBES[0], &filtered()) {
            Ok(Step::Need(ids)) => {
                for id in ids {
                    if let Some((_, bytes)) = pieces.iter().find(|(p, _)| *p == id) {
                        let _ = lazy.add_piece(id, bytes);
                    }
                }
            }
            Ok(Step::Done(_)) | Err(_) => break,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let built = common::demo();
    let mut pieces = common::demo_pieces().to_vec();
    match mode {
        0 => {
            if let Ok(root) = Root::parse(rest) {
                exercise(root, &pieces);
            }
        }
        1 => {
            let mut b = MAGIC.to_vec();
            b.extend_from_slice(&VERSION.to_le_bytes());
            b.extend_from_slice(rest);
            let h = content_hash(&b);
            b.extend_from_slice(&h.to_le_bytes());
            if let Ok(root) = Root::parse(&b) {
                exercise(root, &pieces);
            }
        }
        2 => {
            let Some((&which, rest)) = rest.split_first() else {
                return;
            };
            let i = usize::from(which) % pieces.len();
            pieces[i].1 = rest.to_vec();
            exercise(Root::parse(&built.root).expect("demo root"), &pieces);
        }
        m => {
            let i = usize::from(m - 3) % pieces.len();
            let (id, sealed) = &pieces[i];
            let body = if id.kind.is_dictionary() {
                // The fst length and the fst kept, the groups forged.
                let old = &sealed[..sealed.len() - 8];
                let mut pos = 0;
                let Ok(len) = read_varint(old, &mut pos) else {
                    return;
                };
                [&old[..pos + len as usize], rest].concat()
            } else {
                rest.to_vec()
            };
            let root = Root::parse(&built.root).expect("demo root");
            let set = root.set(id.kind).expect("every kind").hash;
            pieces[i].1 = seal(body, id.n, set);
            exercise(root, &pieces);
        }
    }
});
