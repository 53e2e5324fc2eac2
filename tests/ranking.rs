//! Ranking rules a reader notices, on small made-up corpora where each rule
//! alone decides the order.

use fahras::format::{DocRecord, Index};
use fahras::indexer::{write_index, IndexBuilder};
use fahras::search::{search, SearchOptions};

fn index_of(docs: &[(&str, &str, &str)]) -> (tempfile::TempDir, Index) {
    let mut b = IndexBuilder::new();
    for (id, title, body) in docs {
        b.add(&DocRecord {
            id: id.to_string(),
            url: format!("{id}.html"),
            title: title.to_string(),
            body: body.to_string(),
            ..Default::default()
        });
    }
    let dir = tempfile::tempdir().unwrap();
    write_index(&b.finish(), dir.path()).unwrap();
    let index = Index::open(dir.path()).unwrap();
    (dir, index)
}

fn order(index: &Index, q: &str) -> Vec<String> {
    search(index, q, &SearchOptions::default())
        .unwrap()
        .results
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn filler(n: usize) -> String {
    (0..n)
        .map(|i| format!("كلمه{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn words_standing_together_beat_more_frequent_scattered_ones() {
    let (_d, index) = index_of(&[
        (
            "scattered",
            "خبر",
            &format!("الأمن {f} الجماعي {f} الأمن {f} الجماعي", f = filler(27)),
        ),
        ("together", "خبر", &format!("الأمن الجماعي {}", filler(82))),
        ("other", "خبر", &filler(50)),
    ]);
    assert_eq!(order(&index, "الأمن الجماعي"), ["together", "scattered"]);
}

#[test]
fn a_title_match_beats_more_body_matches() {
    let (_d, index) = index_of(&[
        (
            "body",
            "أخبار اليوم",
            &format!("الميناء الميناء الميناء الميناء الميناء {}", filler(30)),
        ),
        ("title", "الميناء", &format!("الميناء {}", filler(34))),
        ("other", "أخبار", &filler(20)),
    ]);
    assert_eq!(order(&index, "الميناء"), ["title", "body"]);
}

#[test]
fn exact_word_beats_stem_beats_typo() {
    let (_d, index) = index_of(&[
        ("typo", "خبر", &format!("المفاوضت {}", filler(10))),
        ("stem", "خبر", &format!("والمفاوضات {}", filler(10))),
        ("exact", "خبر", &format!("المفاوضات {}", filler(10))),
        ("other", "خبر", &filler(10)),
    ]);
    assert_eq!(order(&index, "المفاوضات "), ["exact", "stem", "typo"]);
}
