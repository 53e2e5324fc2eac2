//! Searching an index whose pieces arrive on demand, as the browser does:
//! the same answers as with every piece at hand, in a few rounds of
//! fetches, touching only part of the index.

mod common;

use std::fs;

use fahras::format::{FileKind, Index, Root, ROOT_FILE};
use fahras::search::{search, search_step, SearchOptions, Sort, Step};

/// Run `q` on `lazy`, adding the pieces each step asks for from `dir`.
/// Returns the results and how many rounds of fetches it took.
fn run_lazily(
    lazy: &Index,
    dir: &std::path::Path,
    q: &str,
    opts: &SearchOptions,
) -> (fahras::search::SearchResults, usize) {
    for round in 0..8 {
        match search_step(lazy, q, opts).unwrap() {
            Step::Done(r) => return (r, round),
            Step::Need(ids) => {
                assert!(!ids.is_empty());
                for id in ids {
                    let bytes = fs::read(dir.join(lazy.path(id))).unwrap();
                    lazy.add_piece(id, &bytes).unwrap();
                }
            }
        }
    }
    panic!("{q}: no answer after 8 rounds");
}

#[test]
fn on_demand_pieces_give_the_same_answers_in_few_rounds() {
    let dir = tempfile::tempdir().unwrap();
    common::build_index(&[common::demo_corpus()], dir.path());
    let eager = Index::open(dir.path()).unwrap();
    let total = eager.all_pieces().len();
    let queries = [
        "لافروف",
        "شنغهاي",
        "وبشنغهاي",
        "كازخستان",
        "الأمن الجماعي",
        "\"منظمة شانغهاي\"",
        "كازاخ",
        "SCO",
        "روسيا -الصين",
        "لا شيء هنا بتاتا",
    ];
    let docs_pieces = eager
        .all_pieces()
        .into_iter()
        .filter(|id| id.kind == FileKind::Docs)
        .count();
    assert!(docs_pieces > 1);
    for q in queries {
        // A fresh page each time: nothing fetched yet.
        let root = Root::parse(&fs::read(dir.path().join(ROOT_FILE)).unwrap()).unwrap();
        let lazy = Index::new(root);
        let opts = SearchOptions::default();
        let (got, rounds) = run_lazily(&lazy, dir.path(), q, &opts);
        let want = search(&eager, q, &opts).unwrap();
        assert_eq!(got, want, "{q}");
        // The words' dictionary pieces; for rare words, their near-misses
        // and forms with two clitics (which wait for the first, one or two
        // rounds); postings; documents.
        assert!(rounds <= 6, "{q}: {rounds} rounds");
        // Only the documents shown were fetched, and no filters.
        let held = |kind| {
            lazy.all_pieces()
                .into_iter()
                .filter(|id| id.kind == kind && lazy.holds(*id))
                .count()
        };
        assert!(held(FileKind::Docs) <= got.results.len(), "{q}");
        assert_eq!(held(FileKind::Filters), 0, "{q}");
        assert!(lazy.pieces_held() < total, "{q}");
        // Asked again, everything is at hand.
        assert!(matches!(
            search_step(&lazy, q, &opts).unwrap(),
            Step::Done(_)
        ));
    }
}

#[test]
fn filters_and_sorting_fetch_the_filters_piece() {
    let dir = tempfile::tempdir().unwrap();
    common::build_index(&[common::demo_corpus()], dir.path());
    let eager = Index::open(dir.path()).unwrap();
    let root = Root::parse(&fs::read(dir.path().join(ROOT_FILE)).unwrap()).unwrap();
    let lazy = Index::new(root);
    let opts = SearchOptions {
        sort: Sort::Newest,
        facets: true,
        ..Default::default()
    };
    for q in ["روسيا", ""] {
        let (got, _) = run_lazily(&lazy, dir.path(), q, &opts);
        assert_eq!(got, search(&eager, q, &opts).unwrap(), "{q}");
        assert!(!got.facets.is_empty(), "{q}");
    }
}

#[test]
fn an_unfinished_word_names_its_likely_completion() {
    let dir = tempfile::tempdir().unwrap();
    let index = common::build_index(&[common::demo_corpus()], dir.path());
    let opts = SearchOptions::default();
    let r = search(&index, "روسيا وكازا", &opts).unwrap();
    assert_eq!(r.likely_next.as_deref(), Some("روسيا وكازاخستان "));
    // A finished word (a space after it) has nothing to guess.
    let r = search(&index, "كازاخستان ", &opts).unwrap();
    assert_eq!(r.likely_next, None);
}

#[test]
fn a_kept_ranking_gives_the_same_answer() {
    use fahras::search::search_step_with;
    let dir = tempfile::tempdir().unwrap();
    let eager = common::build_index(&[common::demo_corpus()], dir.path());
    let opts = SearchOptions {
        facets: true,
        ..Default::default()
    };
    for q in ["روسيا", "الأمن الجماعي", "كازا"] {
        let root = Root::parse(&fs::read(dir.path().join(ROOT_FILE)).unwrap()).unwrap();
        let lazy = Index::new(root);
        let mut kept = None;
        let got = loop {
            match search_step_with(&lazy, q, &opts, &mut kept).unwrap() {
                Step::Done(r) => break r,
                Step::Need(ids) => {
                    for id in ids {
                        let bytes = fs::read(dir.path().join(lazy.path(id))).unwrap();
                        lazy.add_piece(id, &bytes).unwrap();
                    }
                }
            }
        };
        assert!(kept.is_some(), "{q}");
        assert_eq!(got, search(&eager, q, &opts).unwrap(), "{q}");
    }
}

#[test]
fn a_word_finds_its_clitic_forms_through_one_stem_range() {
    // كازاخستان: article 002 has it only as وكازاخستان. The forms with
    // clitics before it are named by the stem's own entry, so a first
    // query fetches its range of the stem dictionary (and the one where
    // it would be read as ك + ازاخستان), not one per clitic.
    let dir = tempfile::tempdir().unwrap();
    let eager = common::build_index(&[common::demo_corpus()], dir.path());
    let root = Root::parse(&fs::read(dir.path().join(ROOT_FILE)).unwrap()).unwrap();
    let lazy = Index::new(root);
    let opts = SearchOptions::default();
    let (got, rounds) = run_lazily(&lazy, dir.path(), "كازاخستان", &opts);
    assert_eq!(got, search(&eager, "كازاخستان", &opts).unwrap());
    assert!(
        got.results.iter().any(|h| h.id.starts_with("002_")),
        "the article with وكازاخستان only: {:?}",
        got.results.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    let stems_held = lazy
        .all_pieces()
        .into_iter()
        .filter(|id| id.kind == FileKind::Stems && lazy.holds(*id))
        .count();
    assert!(
        eager
            .all_pieces()
            .iter()
            .filter(|id| id.kind == FileKind::Stems)
            .count()
            > 5
    );
    assert!(
        stems_held <= 2,
        "{stems_held} stem dictionary pieces fetched"
    );
    assert_eq!(rounds, 3, "dictionaries, postings, documents");
}

#[test]
fn a_common_word_leaves_its_stem_mates_unfetched() {
    // عمرة (umrah) and عمر (Umar) share a stem. With the word itself in
    // over a thousand documents, Umar's documents could only follow all of
    // them: a query for العمرة neither lists them nor fetches their postings.
    let corpus = tempfile::tempdir().unwrap();
    for i in 0..1100 {
        let text = format!("خبر {i}\nأدى الحاج العمرة في اليوم {i} من الشهر.\n");
        fs::write(corpus.path().join(format!("u{i:04}.txt")), text).unwrap();
    }
    for i in 0..300 {
        let text = format!("رواية {i}\nقال عمر بن الخطاب قولا {i} في المسجد.\n");
        fs::write(corpus.path().join(format!("w{i:04}.txt")), text).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let eager = common::build_index(&[corpus.path().to_path_buf()], dir.path());
    let opts = SearchOptions::default();
    // Umar is found first when asked for (his three hundred documents
    // fill the first pages; the stem brings the umrah ones after them).
    let r = search(&eager, "عمر ", &opts).unwrap();
    assert!(r.results.iter().all(|h| h.id.starts_with('w')));
    let root = Root::parse(&fs::read(dir.path().join(ROOT_FILE)).unwrap()).unwrap();
    let lazy = Index::new(root);
    let (got, _) = run_lazily(&lazy, dir.path(), "العمرة", &opts);
    assert_eq!(got.total, 1100, "only the documents with the word itself");
    assert!(got.results.iter().all(|h| h.id.starts_with('u')));
    // Umar's postings were not fetched: a fresh index fetching only what
    // «عمر» needs holds no piece the first one holds.
    let umar = Index::new(Root::parse(&fs::read(dir.path().join(ROOT_FILE)).unwrap()).unwrap());
    run_lazily(&umar, dir.path(), "عمر ", &opts);
    let postings_of = |ix: &Index| -> Vec<_> {
        ix.all_pieces()
            .into_iter()
            .filter(|id| id.kind == FileKind::Postings && ix.holds(*id))
            .collect()
    };
    let umar_only: Vec<_> = postings_of(&umar)
        .into_iter()
        .filter(|id| !postings_of(&lazy).contains(id))
        .collect();
    assert!(
        !umar_only.is_empty(),
        "Umar's postings lie in pieces of their own"
    );
}

/// A corpus folder: `words` spread `per_doc` to a document, so that they
/// fill many dictionary pieces, and `docs` (file name, text) besides.
fn crowded_corpus(words: &[String], per_doc: usize, docs: &[(&str, &str)]) -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    for (i, chunk) in words.chunks(per_doc).enumerate() {
        let text = format!("نص {i}\n{}\n", chunk.join(" "));
        fs::write(corpus.path().join(format!("f{i:04}.txt")), text).unwrap();
    }
    for (name, text) in docs {
        fs::write(corpus.path().join(name), text).unwrap();
    }
    corpus
}

/// An index over the one in `dir` with nothing fetched yet, as a new page has.
fn fresh(dir: &std::path::Path) -> Index {
    Index::new(Root::parse(&fs::read(dir.join(ROOT_FILE)).unwrap()).unwrap())
}

/// How many pieces of these kinds `ix` holds.
fn held(ix: &Index, kinds: &[FileKind]) -> usize {
    ix.all_pieces()
        .into_iter()
        .filter(|id| kinds.contains(&id.kind) && ix.holds(*id))
        .count()
}

const DICT: [FileKind; 2] = [FileKind::Words, FileKind::Stems];

/// Every word `head` + three letters of `letters` + `tail` (the first
/// `second` of them in the second and third places).
fn combos(head: &str, letters: &str, second: usize, tail: &str) -> Vec<String> {
    let l: Vec<char> = letters.chars().collect();
    let mut out = Vec::new();
    for a in &l {
        for b in &l[..second] {
            for c in &l[..second] {
                out.push(format!("{head}{a}{b}{c}{tail}"));
            }
        }
    }
    out
}

const LETTERS: &str = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";

#[test]
fn a_rare_word_the_index_has_searches_few_pieces_for_near_misses() {
    // Eight thousand words begin with فا, filling many dictionary pieces.
    // فانحدرت is in two documents: its near-misses are looked for only
    // near it, while a misspelling the index lacks (فاتحدرت) still
    // searches the whole range and finds it.
    let words = combos("فا", "بتثجحخدذرزسشصضطظعغقم", 20, "ر");
    let news = "خبر\nفانحدرت السيول من الجبل.\n";
    let corpus = crowded_corpus(&words, 20, &[("s0.txt", news), ("s1.txt", news)]);
    let dir = tempfile::tempdir().unwrap();
    common::build_index(&[corpus.path().to_path_buf()], dir.path());
    let opts = SearchOptions::default();
    let known = fresh(dir.path());
    let (got, _) = run_lazily(&known, dir.path(), "فانحدرت", &opts);
    assert_eq!(got.total, 2);
    let misspelt = fresh(dir.path());
    let (got, _) = run_lazily(&misspelt, dir.path(), "فاتحدرت", &opts);
    assert!(
        got.results.iter().any(|h| h.id.starts_with('s')),
        "the near-miss is found"
    );
    let (wide, narrow) = (held(&misspelt, &DICT), held(&known, &DICT));
    assert!(wide > 10, "the range under فا spans many pieces ({wide})");
    assert!(
        narrow <= 8,
        "a word the index has fetched {narrow} dictionary pieces"
    );
}

#[test]
fn an_unfinished_word_completes_its_clitic_forms_without_an_extra_round() {
    // أموا is being typed: its completions with clitic letters before it
    // (بأموالهم, وأموالكم) lie in other pieces than the word's own. They
    // are looked up as soon as the word's own piece tells it is not a word
    // as typed, in the same round as its stem's clitic forms.
    let words = combos("", LETTERS, 12, "ر");
    let docs = [
        ("a.txt", "خبر\nجاهدوا بأموالهم\n"),
        ("b.txt", "خبر\nلا تأكلوا وأموالكم\n"),
    ];
    let corpus = crowded_corpus(&words, 40, &docs);
    let dir = tempfile::tempdir().unwrap();
    let eager = common::build_index(&[corpus.path().to_path_buf()], dir.path());
    let opts = SearchOptions::default();
    let want = search(&eager, "أموا", &opts).unwrap();
    assert_eq!(want.total, 2, "{want:?}");
    let (got, rounds) = run_lazily(&fresh(dir.path()), dir.path(), "أموا", &opts);
    assert_eq!(got, want);
    // Dictionary: the word's own pieces, then its clitic forms; postings;
    // documents.
    assert!(rounds <= 4, "{rounds} rounds");
}

#[test]
fn an_unfinished_word_with_common_completions_skips_two_clitic_forms() {
    // أموا completes to أموال, in many documents: its forms with two
    // clitics (وبأموا, فكأموا…), each in a dictionary range of its own,
    // are not looked up; those with one (بأموالهم) still are.
    let mut words = combos("", LETTERS, 12, "ر");
    // Many words under و and ف: their clitic forms spread over pieces of
    // their own.
    words.extend(combos("و", LETTERS, 12, ""));
    words.extend(combos("ف", LETTERS, 12, ""));
    let common: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("m{i:02}.txt"),
                format!("خبر {i}\nجمعوا أموالا {i}\n"),
            )
        })
        .collect();
    let mut docs: Vec<(&str, &str)> = common
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    docs.push(("a.txt", "خبر\nجاهدوا بأموالهم\n"));
    let corpus = crowded_corpus(&words, 40, &docs);
    let dir = tempfile::tempdir().unwrap();
    let eager = common::build_index(&[corpus.path().to_path_buf()], dir.path());
    let opts = SearchOptions::default();
    let lazy = fresh(dir.path());
    let (got, _) = run_lazily(&lazy, dir.path(), "أموا", &opts);
    assert_eq!(got, search(&eager, "أموا", &opts).unwrap());
    assert!(got.results.iter().any(|h| h.id == "a"), "بأموالهم is found");
    let n = held(&lazy, &DICT);
    assert!(n <= 12, "{n} dictionary pieces");
}

#[test]
fn a_word_typed_one_letter_past_the_article_completes_from_few_pieces() {
    // Thousands of words begin with الج; while only الج is typed, a few
    // frequent completions from the first pieces are enough. Their letters
    // vary (a small congruential sequence), so that the dictionary cannot
    // fold them into a few pieces.
    let letters: Vec<char> = LETTERS.chars().collect();
    let mut x: u32 = 7;
    let words: Vec<String> = (0..6000)
        .map(|_| {
            let mut w = String::from("الج");
            for _ in 0..5 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                w.push(letters[(x >> 16) as usize % letters.len()]);
            }
            w
        })
        .collect();
    let corpus = crowded_corpus(&words, 25, &[]);
    let dir = tempfile::tempdir().unwrap();
    common::build_index(&[corpus.path().to_path_buf()], dir.path());
    let lazy = fresh(dir.path());
    let (got, _) = run_lazily(&lazy, dir.path(), "الج", &SearchOptions::default());
    assert!(!got.results.is_empty());
    let n = held(&lazy, &[FileKind::Words]);
    assert!(n <= 8, "{n} words pieces");
}
