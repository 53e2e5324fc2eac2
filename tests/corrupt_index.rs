//! Damaged, stale and forged index files (issue 7): every one is an `Err`
//! whose message names the problem, never a panic and never a wrong answer.
//!
//! The first half goes through `Index::open` / `Index::assemble`, where the
//! root's sizes and FNV hashes catch damage. The second half goes below
//! the hash check, as a forger (or a hash collision) would: each reader
//! (`Root::parse`, `DocStore`, `PostingsReader`, `stems::decode`, the fst
//! dictionaries) is fed mutated bytes whose hashes were recomputed, and must
//! return `Ok` or `Err`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fahras::corpus::read_corpus;
use fahras::format::{
    content_hash, stems, DocRecord, DocStore, FileKind, FormatError, Index, Posting,
    PostingsReader, Root, MAGIC, ROOT_FILE, VERSION,
};
use fahras::indexer::{record_for, write_index, BuiltIndex, IndexBuilder};
use fahras::search::{search, SearchOptions};
use proptest::prelude::*;

// ------------------------------------------------------------------ setup

fn demo_docs() -> Vec<DocRecord> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (docs, warnings) = read_corpus(&[corpus]);
    assert!(warnings.is_empty(), "{warnings:?}");
    docs.iter().map(|d| record_for(d, "")).collect()
}

fn build(docs: &[DocRecord]) -> BuiltIndex {
    let mut b = IndexBuilder::new();
    for d in docs {
        b.add(d);
    }
    b.finish()
}

/// The demo index, built once.
fn built() -> &'static BuiltIndex {
    static BUILT: OnceLock<BuiltIndex> = OnceLock::new();
    BUILT.get_or_init(|| build(&demo_docs()))
}

/// Another build: the demo corpus without its first document.
fn other_built() -> &'static BuiltIndex {
    static BUILT: OnceLock<BuiltIndex> = OnceLock::new();
    BUILT.get_or_init(|| build(&demo_docs()[1..]))
}

/// The demo index written into a fresh temp folder.
fn written() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_index(built(), dir.path()).unwrap();
    Index::open(dir.path()).expect("a fresh index opens");
    dir
}

fn file_name(kind: FileKind) -> String {
    built()
        .files
        .iter()
        .find(|(e, _)| e.kind == kind)
        .unwrap()
        .0
        .name
        .clone()
}

fn file_bytes(b: &BuiltIndex, kind: FileKind) -> Vec<u8> {
    b.files
        .iter()
        .find(|(e, _)| e.kind == kind)
        .unwrap()
        .1
        .clone()
}

fn open_err(dir: &Path) -> String {
    match Index::open(dir) {
        Ok(_) => panic!("a damaged index in {} opened", dir.display()),
        Err(e) => e.to_string(),
    }
}

/// `Root::parse` error message for `bytes`.
fn parse_err(bytes: &[u8]) -> String {
    match Root::parse(bytes) {
        Ok(_) => panic!("damaged root parsed"),
        Err(e) => e.to_string(),
    }
}

fn assert_names(msg: &str, needles: &[&str]) {
    for n in needles {
        assert!(msg.contains(n), "message {msg:?} should mention {n:?}");
    }
}

/// Assemble from a root and per-kind bytes.
fn assemble(root: &[u8], files: &[(FileKind, Vec<u8>)]) -> Result<Index, FormatError> {
    let root = Root::parse(root)?;
    Index::assemble(root, |k| {
        files.iter().find(|(f, _)| *f == k).map(|(_, b)| b.clone())
    })
}

fn all_files(b: &BuiltIndex) -> Vec<(FileKind, Vec<u8>)> {
    b.files
        .iter()
        .map(|(e, bytes)| (e.kind, bytes.clone()))
        .collect()
}

/// Replace the trailing hash of a root body after editing it.
fn rehash_root(bytes: &mut Vec<u8>) {
    let n = bytes.len() - 8;
    let h = content_hash(&bytes[..n]);
    bytes[n..].copy_from_slice(&h.to_le_bytes());
}

// ------------------------------------------------------ root: via the hash

#[test]
fn truncated_root_is_rejected() {
    let root = &built().root;
    for n in [
        0,
        1,
        7,
        8,
        9,
        10,
        11,
        17,
        18,
        19,
        root.len() / 2,
        root.len() - 1,
    ] {
        let msg = parse_err(&root[..n]);
        if n < MAGIC.len() + 2 {
            assert_names(&msg, &["not a Fahras index"]);
        } else {
            assert_names(&msg, &["index.fhr", "truncated or damaged"]);
        }
    }
    // Through the folder loader too.
    let dir = written();
    let path = dir.path().join(ROOT_FILE);
    fs::write(&path, &root[..root.len() - 3]).unwrap();
    assert_names(
        &open_err(dir.path()),
        &["index.fhr", "truncated or damaged"],
    );
    fs::write(&path, b"").unwrap();
    assert_names(&open_err(dir.path()), &["not a Fahras index"]);
}

#[test]
fn every_bit_flip_of_the_root_is_rejected() {
    let root = &built().root;
    for at in 0..root.len() {
        for bit in 0..8 {
            let mut b = root.clone();
            b[at] ^= 1 << bit;
            let msg = parse_err(&b);
            if at < MAGIC.len() {
                assert_names(&msg, &["not a Fahras index"]);
            } else if at < MAGIC.len() + 2 {
                assert_names(&msg, &["version", "rebuild the index"]);
            } else {
                assert_names(&msg, &["index.fhr", "truncated or damaged"]);
            }
        }
    }
}

#[test]
fn wrong_version_and_magic_are_named() {
    let mut b = built().root.clone();
    b[8..10].copy_from_slice(&(VERSION + 1).to_le_bytes());
    rehash_root(&mut b);
    let msg = parse_err(&b);
    assert_names(
        &msg,
        &[
            &format!("version {}", VERSION + 1),
            &format!("reads version {VERSION}"),
            "rebuild",
        ],
    );

    let mut b = built().root.clone();
    b[..8].copy_from_slice(b"PK\x03\x04\0\0\0\0");
    rehash_root(&mut b);
    assert_names(&parse_err(&b), &["not a Fahras index", "magic"]);

    // An HTML error page served in place of the root (a CDN 404 page).
    assert_names(
        &parse_err(b"<!DOCTYPE html><html><body>404 Not Found</body></html>"),
        &["not a Fahras index"],
    );
}

#[test]
fn a_forged_language_tag_is_rejected() {
    // The tag reaches pages (the widget's lang): only a short ASCII tag parses.
    assert_eq!(Root::parse(&built().root).unwrap().lang, "ar");
    assert_eq!(built().root[10], 2, "the tag's length sits at byte 10");
    for forged in [&b"a<"[..], b"a\"", b"\xd8\xa7\xd8\xa7"] {
        let mut b = built().root.clone();
        b[11..13].copy_from_slice(forged.get(..2).unwrap());
        rehash_root(&mut b);
        assert_names(&parse_err(&b), &["language tag"]);
    }
    // A length past the 16-byte limit (the rest of the root is still there).
    let mut b = built().root.clone();
    b[10] = 17;
    rehash_root(&mut b);
    assert!(Root::parse(&b).is_err());
}

// -------------------------------------------- other files: via the hashes

#[test]
fn truncated_or_flipped_files_are_named() {
    for kind in FileKind::ALL {
        let name = file_name(kind);
        let good = file_bytes(built(), kind);
        let mut damaged: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("truncated by one", good[..good.len() - 1].to_vec()),
            ("half", good[..good.len() / 2].to_vec()),
            ("one byte more", [good.as_slice(), b"\n"].concat()),
        ];
        for at in [0, good.len() / 3, good.len() / 2, good.len() - 1] {
            let mut b = good.clone();
            b[at] ^= 0x10;
            damaged.push(("bit flip", b));
        }
        for (what, bytes) in damaged {
            let dir = written();
            fs::write(dir.path().join(&name), &bytes).unwrap();
            let msg = open_err(dir.path());
            assert_names(&msg, &[&name, "does not match the root"]);
            let _ = what;
        }
    }
}

#[test]
fn missing_files_are_named() {
    for kind in FileKind::ALL {
        let name = file_name(kind);
        let dir = written();
        fs::remove_file(dir.path().join(&name)).unwrap();
        assert_names(&open_err(dir.path()), &["cannot read", &name]);

        // In the browser the loader gets nothing for the file.
        let files: Vec<_> = all_files(built())
            .into_iter()
            .filter(|(k, _)| *k != kind)
            .collect();
        let e = assemble(&built().root, &files).unwrap_err().to_string();
        assert_names(&e, &[&name, "missing"]);
    }
    let dir = written();
    fs::remove_file(dir.path().join(ROOT_FILE)).unwrap();
    assert_names(&open_err(dir.path()), &["cannot read", ROOT_FILE]);
}

#[test]
fn files_from_another_build_are_rejected() {
    // Root of this build, one file of another build (stale CDN cache).
    for kind in FileKind::ALL {
        let mut files = all_files(built());
        for f in files.iter_mut().filter(|(k, _)| *k == kind) {
            f.1 = file_bytes(other_built(), kind);
        }
        let e = assemble(&built().root, &files).unwrap_err().to_string();
        assert_names(&e, &[&file_name(kind), "stale cache or mixed builds"]);
    }
    // A root of another build over this build's files: it names files that
    // are not there.
    let dir = written();
    fs::write(dir.path().join(ROOT_FILE), &other_built().root).unwrap();
    assert_names(&open_err(dir.path()), &["cannot read"]);
    // Both builds' files side by side, the other's root: that one opens,
    // with its own document count.
    write_index(other_built(), dir.path()).unwrap();
    let i = Index::open(dir.path()).unwrap();
    assert_eq!(i.doc_count(), other_built().stats.doc_count);
}

#[test]
fn file_name_in_root_cannot_escape_the_folder() {
    // A forged root naming ../something is refused before anything is read.
    let root = Root::parse(&built().root).unwrap();
    for evil in ["../../etc/passwd", "a/b.bin", "..", ""] {
        let mut r = root.clone();
        r.files[0].name = evil.to_string();
        let msg = parse_err(&r.to_bytes());
        assert_names(&msg, &["file name"]);
    }
}

// ------------------------------------------------- below the hash checks

/// A root whose entries match `files` (recomputed sizes and hashes), as a
/// forger would write it.
fn forge_root(files: &[(FileKind, Vec<u8>)]) -> Vec<u8> {
    let mut root = Root::parse(&built().root).unwrap();
    for e in root.files.iter_mut() {
        let bytes = &files.iter().find(|(k, _)| *k == e.kind).unwrap().1;
        e.len = bytes.len() as u64;
        e.hash = content_hash(bytes);
    }
    root.to_bytes()
}

#[path = "common/probes.rs"]
mod probes;
use probes::PROBES;

/// Assemble forged files and search them: anything but a panic is fine.
fn exercise(files: &[(FileKind, Vec<u8>)]) {
    let root = forge_root(files);
    if let Ok(index) = assemble(&root, files) {
        for q in PROBES {
            let _ = search(
                &index,
                q,
                &SearchOptions {
                    limit: 50,
                    ..Default::default()
                },
            );
        }
    }
}

/// Regression (found by `forged_files_never_panic`): a dictionary with one
/// bit flipped behind a re-hashed root made fst lookups panic. The fst's own
/// CRC-32C is now verified on load.
#[test]
fn forged_dictionary_is_rejected_by_its_checksum() {
    for kind in [FileKind::Words, FileKind::Stems] {
        for at in [0usize, 1, 2, 3] {
            let mut files = all_files(built());
            let b = &mut files.iter_mut().find(|(k, _)| *k == kind).unwrap().1;
            let at = b.len() / 4 * at + 1;
            b[at] ^= 1;
            let e = assemble(&forge_root(&files), &files)
                .unwrap_err()
                .to_string();
            assert_names(&e, &["term dictionary"]);
        }
    }
}

fn cases() -> u32 {
    std::env::var("FAHRAS_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000)
}

/// A mutation of `len` bytes: (position, xor mask) pairs, plus a cut.
fn mutation() -> impl Strategy<Value = (Vec<(usize, u8)>, Option<usize>)> {
    (
        proptest::collection::vec((any::<usize>(), 1u8..=255), 1..8),
        proptest::option::weighted(0.2, any::<usize>()),
    )
}

fn mutate(bytes: &[u8], (flips, cut): &(Vec<(usize, u8)>, Option<usize>), from: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    if b.len() > from {
        for &(at, mask) in flips {
            let at = from + at % (b.len() - from);
            b[at] ^= mask;
        }
    }
    if let Some(c) = cut {
        b.truncate(c % (b.len() + 1));
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Root bodies changed behind the magic and version, hash recomputed.
    #[test]
    fn forged_roots_never_panic(m in mutation()) {
        let mut b = mutate(&built().root, &m, MAGIC.len() + 2);
        if b.len() >= MAGIC.len() + 2 + 8 {
            rehash_root(&mut b);
        }
        if let Ok(root) = Root::parse(&b) {
            let files = all_files(built());
            if let Ok(index) = Index::assemble(root, |k| {
                files.iter().find(|(f, _)| *f == k).map(|(_, b)| b.clone())
            }) {
                for q in PROBES {
                    let _ = search(&index, q, &SearchOptions { limit: 50, ..Default::default() });
                }
            }
        }
    }

    /// One file mutated, the root forged to match it, then searched.
    #[test]
    fn forged_files_never_panic(kind in 0usize..5, m in mutation()) {
        let mut files = all_files(built());
        files[kind].1 = mutate(&files[kind].1, &m, 0);
        exercise(&files);
    }

    /// The document store alone.
    #[test]
    fn docstore_never_panics(m in mutation(), extra in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut b = mutate(&file_bytes(built(), FileKind::Docs), &m, 0);
        b.extend(extra);
        if let Ok(store) = DocStore::new(b) {
            for i in (0..store.len().min(64)).chain([store.len(), u32::MAX]) {
                let _ = store.get(i);
            }
        }
    }

    /// Arbitrary bytes as a document store.
    #[test]
    fn docstore_on_garbage(b in proptest::collection::vec(any::<u8>(), 0..256), i in any::<u32>()) {
        if let Ok(store) = DocStore::new(b) {
            let _ = store.get(i);
            let _ = store.get(0);
        }
    }

    /// Postings lists at any offset, with any doc count.
    #[test]
    fn postings_never_panic(
        m in mutation(),
        offset in any::<u64>(),
        doc_count in prop_oneof![Just(5u32), any::<u32>()],
    ) {
        let b = mutate(&file_bytes(built(), FileKind::Postings), &m, 0);
        let offset = if offset % 2 == 0 { offset % (b.len() as u64 + 2) } else { offset };
        if let Ok(mut r) = PostingsReader::open(&b, offset, doc_count) {
            let mut p = Posting::default();
            // Each posting takes at least two bytes: the loop is bounded.
            for _ in 0..=b.len() {
                match r.next_into(&mut p) {
                    Ok(true) => prop_assert!(p.doc < doc_count),
                    _ => break,
                }
            }
        }
    }

    /// Stem values pointing anywhere into mutated or garbage groups.
    #[test]
    fn stem_groups_never_panic(
        m in mutation(),
        garbage in proptest::collection::vec(any::<u8>(), 0..64),
        value in any::<u64>(),
    ) {
        let groups = mutate(&file_bytes(built(), FileKind::Groups), &m, 0);
        let small = (value % (2 * groups.len() as u64 + 4)) & !1;
        for v in [value, small, value | 1] {
            let mut out = Vec::new();
            let _ = stems::decode(v, &groups, &mut out);
            prop_assert!(out.len() <= groups.len() + 1);
            out.clear();
            let _ = stems::decode(v, &garbage, &mut out);
        }
    }

    /// The fst library on garbage and on mutated dictionaries.
    #[test]
    fn fst_on_garbage(
        garbage in proptest::collection::vec(any::<u8>(), 0..200),
        m in mutation(),
        which in 0usize..2,
    ) {
        let kind = [FileKind::Words, FileKind::Stems][which];
        for bytes in [garbage, mutate(&file_bytes(built(), kind), &m, 0)] {
            // Opening never panics; lookups are only safe on a dictionary
            // whose checksum holds (see `dictionary` in src/format/index.rs).
            let Ok(map) = fst::Map::new(bytes) else { continue };
            if map.as_fst().verify().is_ok() {
                use fst::{IntoStreamer, Streamer, Automaton};
                for q in ["روسيا", "ال", "a", ""] {
                    let _ = map.get(q);
                    let aut = fst::automaton::Str::new(q).starts_with();
                    let mut s = map.search(aut).into_stream();
                    let mut n = 0;
                    while s.next().is_some() && n < 10_000 {
                        n += 1;
                    }
                }
            }
        }
    }
}
