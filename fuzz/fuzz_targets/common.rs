//! The demo index (corpus/), built once per fuzzing process.

use std::path::PathBuf;
use std::sync::OnceLock;

use fahras::corpus::read_corpus;
use fahras::format::{Index, PieceId, Root};
use fahras::indexer::{record_for, BuiltIndex, IndexBuilder};

pub fn demo() -> &'static BuiltIndex {
    static BUILT: OnceLock<BuiltIndex> = OnceLock::new();
    BUILT.get_or_init(|| {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let (docs, _) = read_corpus(&[corpus]);
        let mut b = IndexBuilder::new();
        for d in &docs {
            b.add(&record_for(d, ""));
        }
        b.finish()
    })
}

/// Every piece of the demo index, in the root's order, with its sealed bytes.
#[allow(dead_code)]
pub fn demo_pieces() -> &'static [(PieceId, Vec<u8>)] {
    static PIECES: OnceLock<Vec<(PieceId, Vec<u8>)>> = OnceLock::new();
    PIECES.get_or_init(|| {
        let built = demo();
        let index = Index::new(Root::parse(&built.root).expect("demo root"));
        index
            .all_pieces()
            .into_iter()
            .map(|id| {
                let path = index.path(id);
                let bytes = built
                    .files
                    .iter()
                    .find(|(p, _)| *p == path)
                    .expect("every piece is built")
                    .1
                    .clone();
                (id, bytes)
            })
            .collect()
    })
}

/// The demo index with every piece added (as `Index::open` gives it).
#[allow(dead_code)]
pub fn demo_index() -> Index {
    let index = Index::new(Root::parse(&demo().root).expect("demo root"));
    for (id, bytes) in demo_pieces() {
        index.add_piece(*id, bytes).expect("demo piece");
    }
    index
}
