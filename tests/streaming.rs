//! The streaming build (issue 4): whatever the memory budget and the
//! number of threads, `fahras::indexer::build` writes byte-identical files,
//! and the same index as the in-memory builder over `read_corpus`. Tiny
//! budgets force hundreds of spilled runs (and the merge of runs in
//! groups); the generated corpus has duplicates, bad files, every source
//! kind, facets and lines repeated across documents (rule 5 of `clean`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use fahras::corpus::read_corpus;
use fahras::format::Index;
use fahras::indexer::{
    build, record_for, write_index, BuildOptions, BuildReport, IndexBuilder, NoProgress,
    STAGING_DIR,
};
use fahras::search::{search, SearchOptions};

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in fs::read_dir(dir).unwrap().map(|e| e.unwrap()) {
            if e.file_type().unwrap().is_dir() {
                walk(base, &e.path(), out);
            } else {
                let rel = e.path().strip_prefix(base).unwrap().display().to_string();
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// The index files only: the root and the piece folders.
fn index_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("pages/") && name != "highlight.js")
        .collect()
}

fn streamed(inputs: &[PathBuf], out: &Path, budget: usize, threads: usize) -> BuildReport {
    let options = BuildOptions {
        memory_budget: budget,
        threads,
        ..BuildOptions::default()
    };
    let report = build(inputs, out, &options, &mut NoProgress).expect("build");
    assert!(
        !out.join(STAGING_DIR).exists(),
        "temporary files left behind"
    );
    report
}

/// The index as the in-memory builder writes it (what `fahras build` did
/// before it streamed).
fn in_memory(inputs: &[PathBuf], out: &Path) {
    let (docs, _) = read_corpus(inputs);
    let mut b = IndexBuilder::new();
    for d in &docs {
        b.add(&record_for(d, ""));
    }
    write_index(&b.finish(), out).unwrap();
}

/// Build `inputs` with a tiny budget on one thread, a huge one on four,
/// and in memory; every file must match. Returns the tiny build's report.
fn same_everywhere(inputs: &[PathBuf], tiny: usize) -> BuildReport {
    let tmp = tempfile::tempdir().unwrap();
    let (small, big, memory) = (
        tmp.path().join("small"),
        tmp.path().join("big"),
        tmp.path().join("memory"),
    );
    let report = streamed(inputs, &small, tiny, 1);
    let big_report = streamed(inputs, &big, usize::MAX, 4);
    assert_eq!(big_report.index.runs, 0);
    in_memory(inputs, &memory);

    let (a, b) = (files(&small), files(&big));
    assert!(a.len() > 5);
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between budgets and thread counts");
    }
    let m = index_files(&memory);
    let a = index_files(&small);
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        m.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&m) {
        assert!(x == y, "{name} differs from the in-memory builder");
    }
    report
}

#[test]
fn demo_corpus_is_the_same_streamed_or_not() {
    let report = same_everywhere(&[common::demo_corpus()], 1024);
    assert_eq!(report.index.stats.doc_count, 5);
    assert_eq!(report.pages, 5);
    assert!(report.index.runs >= 5, "{} runs", report.index.runs);
}

/// A deterministic corpus of `n` documents: Arabic and English, .txt, .md
/// and .html, with dates, sources, tags, filters, a shared footer line,
/// duplicate ids and unreadable files.
fn generate(dir: &Path, n: usize) {
    let arabic = [
        "روسيا",
        "والصين",
        "التعاون",
        "العسكري",
        "وزير",
        "الخارجية",
        "لافروف",
        "بلافروف",
        "آسيا",
        "الوسطى",
        "اجتماع",
        "موسكو",
        "بكين",
        "الاقتصادية",
        "للطاقة",
        "النفط",
        "فالغاز",
        "المفاوضات",
        "كازاخستان",
        "الأوراسي",
        "قالَ",
        "حَدَّثَنَا",
        "العربية-الروسية",
        "٢٠٢٤",
    ];
    let english = [
        "trade", "energy", "Moscow", "talks", "Covid-19", "summit", "oil", "gas", "Beijing",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let text = |next: &mut dyn FnMut(usize) -> usize, words: usize, en: bool| {
        let mut s = String::new();
        for i in 0..words {
            let w = if en {
                english[next(english.len())]
            } else {
                arabic[next(arabic.len())]
            };
            s.push_str(w);
            // A word of its own now and then: the vocabulary keeps growing.
            if next(20) == 0 {
                s.push_str(&format!(" كلمة{}", next(5000)));
            }
            s.push_str(if i % 17 == 16 { ".\n\n" } else { " " });
        }
        s
    };
    for i in 0..n {
        let folder = format!("section{}", i % 7);
        let en = i % 11 == 0;
        let words = 20 + next(150);
        let body = text(&mut next, words, en);
        let words = 3 + next(5);
        let title = text(&mut next, words, en);
        let title = title.trim();
        let year = 2015 + next(10);
        let (rel, content) = match i % 5 {
            0..=2 => (
                format!("{folder}/doc{i:05}.txt"),
                format!(
                    "{title}\nالخميس، 05 مايو {year}\n\n{body}\n\nالمصدر: وكالة {}\n\nتابعونا على مواقع التواصل\n",
                    next(4)
                ),
            ),
            3 => (
                format!("{folder}/doc{i:05}.md"),
                format!(
                    "---\ntitle: {title}\ndate: {year}-0{}-1{}\ntags: [أخبار, {}]\nfilter_author: كاتب{}\n---\n\n{body}\n",
                    1 + next(9),
                    next(10),
                    arabic[next(arabic.len())],
                    next(6)
                ),
            ),
            _ => (
                format!("{folder}/doc{i:05}.html"),
                format!(
                    "<html><head><title>{title}</title></head><body><nav>القائمة</nav><main><p>{}</p><span data-fahras-filter=\"section:{folder}\"></span></main><footer>حقوق</footer></body></html>",
                    body.replace("\n\n", "</p><p>")
                ),
            ),
        };
        let path = dir.join(&rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
    }
    // Same id as a .txt above (the .md comes first in the walk and wins),
    // and files that are skipped with a warning.
    fs::write(dir.join("section0/doc00000.md"), "# مكرر\n\nنص مكرر\n").unwrap();
    fs::write(dir.join("section1/bad.txt"), b"\xff\xfe bad").unwrap();
    fs::write(dir.join("section2/empty.md"), "").unwrap();
}

#[test]
fn generated_corpus_is_the_same_whatever_the_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    generate(&corpus, 2500);
    // Budget of 4 kB: every few documents spill a run, so there are more
    // runs than one merge takes at once.
    let report = same_everywhere(std::slice::from_ref(&corpus), 4 << 10);
    assert_eq!(report.index.stats.doc_count, 2500);
    assert_eq!(report.skipped, 3);
    assert!(report.index.runs > 100, "{} runs", report.index.runs);

    // The index answers as expected (rule 5 removed the footer line).
    let out = tmp.path().join("check");
    streamed(&[corpus], &out, 64 << 10, 0);
    let index = Index::open(&out).unwrap();
    let hits = search(&index, "لافروف", &SearchOptions::default()).unwrap();
    assert!(hits.total > 100, "{}", hits.total);
    let footer = search(&index, "تابعونا", &SearchOptions::default()).unwrap();
    assert_eq!(footer.total, 0, "the repeated footer line was indexed");
    let md = search(&index, "مكرر", &SearchOptions::default()).unwrap();
    assert_eq!(md.results[0].id, "section0/doc00000");
}

/// `fahras build … 2>log`: with stderr not a terminal, no progress bar is
/// drawn; only the warnings are there, and the temporary folder is gone.
#[test]
fn cli_with_redirected_stderr_writes_only_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    generate(&corpus, 300);
    let out = tmp.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_fahras"))
        .arg("build")
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .args(["--memory-mb", "1", "--jobs", "2"])
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{stderr}");
    assert!(
        stdout.contains("Indexed 300 documents (3 skipped)"),
        "{stdout}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr:?}");
    for l in lines {
        assert!(l.starts_with("fahras: warning: skipped "), "{l:?}");
    }
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    assert!(!out.join(STAGING_DIR).exists());
    // The CLI wrote what the library writes.
    let lib = tmp.path().join("lib");
    streamed(&[corpus], &lib, usize::MAX, 0);
    assert_eq!(files(&out), files(&lib));
}
