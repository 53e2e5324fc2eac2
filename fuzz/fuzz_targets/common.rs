//! The demo index (corpus/), built once per fuzzing process.

use std::path::PathBuf;
use std::sync::OnceLock;

use fahras::corpus::read_corpus;
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
