//! Queries that reach every reader of an index: exact words, stems,
//! completions (words and stems), several terms, and excerpts of the
//! results. Shared by tests/corrupt_index.rs and the fuzz target
//! fuzz/fuzz_targets/index_reader.rs.

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
