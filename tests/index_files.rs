//! The index on disk: a round trip keeps every stored field, builds are
//! byte-identical, and the CLI prints what it wrote.

mod common;

use std::fs;
use std::process::Command;

use fahras::format::{DocRecord, Index};
use fahras::indexer::{write_index, IndexBuilder};
use fahras::search::{search, SearchOptions};

#[test]
fn stored_documents_round_trip() {
    let docs = [
        DocRecord {
            id: "a/one".into(),
            url: "https://example.org/a/one.html".into(),
            title: "عنوان <b>أول</b>".into(),
            date: Some("2024-04-09".into()),
            source: Some("وكالة".into()),
            body: "نص المقالة الأولى عن التعاون.\n\nفقرة ثانية.".into(),
            filters: Vec::new(),
        },
        DocRecord {
            id: "b".into(),
            url: "b.html".into(),
            title: "Second".into(),
            ..Default::default()
        },
    ];
    let mut b = IndexBuilder::new();
    for d in &docs {
        b.add(d);
    }
    let dir = tempfile::tempdir().unwrap();
    write_index(&b.finish(), dir.path()).unwrap();
    let index = Index::open(dir.path()).unwrap();
    assert_eq!(index.doc_count(), 2);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(&index.doc(i as u32).unwrap().unwrap(), d);
    }
    let r = search(&index, "التعاون", &SearchOptions::default()).unwrap();
    assert_eq!(r.results[0].id, "a/one");
}

#[test]
fn the_root_records_the_corpus_language() {
    let lang = |docs: &[(&str, &str)]| {
        let mut b = IndexBuilder::new();
        for (i, (title, body)) in docs.iter().enumerate() {
            b.add(&DocRecord {
                id: format!("d{i}"),
                title: title.to_string(),
                body: body.to_string(),
                ..Default::default()
            });
        }
        let built = b.finish();
        let root = fahras::format::Root::parse(&built.root).unwrap();
        assert_eq!(root.lang, built.lang);
        root.lang
    };
    // Mostly Arabic, with Latin names and numbers inside: ar.
    assert_eq!(
        lang(&[(
            "لافروف في SCO",
            "التقى وزير الخارجية الروسي Sergey Lavrov نظراءه في 2024."
        )]),
        "ar"
    );
    // Mostly Latin script (English, French…), with an Arabic word: en.
    assert_eq!(
        lang(&[
            (
                "Gardening notes",
                "Tomatoes need sun; the word حديقة means garden."
            ),
            ("Notes de jardin", "Les tomates aiment le soleil."),
        ]),
        "en"
    );
    // No letters at all: unknown.
    assert_eq!(lang(&[("2024", "1 2 3 — 4")]), "");
    // The demo corpus, through the CLI: Arabic.
    let dir = tempfile::tempdir().unwrap();
    assert!(build_cli(dir.path()).contains("language ar."));
}

fn build_cli(out: &std::path::Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_fahras"))
        .args([
            "build",
            common::demo_corpus().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn listing(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn same_input_gives_byte_identical_output() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_cli(a.path());
    build_cli(b.path());
    let (la, lb) = (listing(a.path()), listing(b.path()));
    assert!(la.len() > 5);
    assert_eq!(la, lb);
}

#[test]
fn rebuild_replaces_old_pieces_and_summary_names_files() {
    let dir = tempfile::tempdir().unwrap();
    let summary = build_cli(dir.path());
    assert!(summary.contains("Indexed 5 documents"), "{summary}");
    assert!(
        summary.contains("index.fhr") && summary.contains("gzip"),
        "{summary}"
    );
    // Stale pieces of earlier builds (and of the one-file format before
    // version 3) disappear on rebuild; the current ones stay.
    fs::write(dir.path().join("postings.000000000000.bin"), b"old").unwrap();
    fs::create_dir_all(dir.path().join("postings/000000000000")).unwrap();
    fs::write(dir.path().join("postings/000000000000/0.bin"), b"old").unwrap();
    build_cli(dir.path());
    assert!(!dir.path().join("postings.000000000000.bin").exists());
    assert!(!dir.path().join("postings/000000000000").exists());
    assert_eq!(
        fs::read_dir(dir.path().join("postings")).unwrap().count(),
        1
    );
    Index::open(dir.path()).unwrap();
    // Article pages were written and link back to the search page.
    let page = fs::read_to_string(dir.path().join("pages/000_d0036755e13d4217.html")).unwrap();
    assert!(page.contains("dir=\"rtl\"") && page.contains("../../index.html"));
}

/// `fahras search --json` on `dir` with extra `args`, parsed.
fn search_json(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_fahras"))
        .args(["search", "--index", dir.to_str().unwrap(), "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn cli_search_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    build_cli(dir.path());
    let v = search_json(dir.path(), &["--limit", "2", "لافروف"]);
    assert_eq!(v["query"], "لافروف");
    assert_eq!(v["total"], 3);
    let r = v["results"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    for k in ["id", "url", "title", "score", "excerpt", "date"] {
        assert!(r[0].get(k).is_some(), "missing {k}");
    }
    // A document without a date says null, not nothing.
    let v = search_json(dir.path(), &["باكستان"]);
    assert!(v["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["date"].is_null()));
}
