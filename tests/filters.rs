//! Filters, facet counts, date order and `source:` on the demo corpus and
//! on small made-up sites: what a reader gets when they narrow a search.

mod common;

use std::fs;

use common::{build_index, demo, short};
use fahras::format::Index;
use fahras::search::{search, SearchOptions, SearchResults, Sort};

fn run(index: &Index, q: &str, filters: &[(&str, &[&str])], sort: Sort) -> SearchResults {
    let opts = SearchOptions {
        limit: 50,
        filters: filters
            .iter()
            .map(|(n, v)| (n.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect(),
        sort,
        facets: true,
    };
    search(index, q, &opts).expect("search")
}

fn ids(res: &SearchResults) -> Vec<String> {
    res.results.iter().map(|h| h.id.clone()).collect()
}

fn count(res: &SearchResults, facet: &str, value: &str) -> Option<usize> {
    res.facets
        .iter()
        .find(|f| f.name == facet)?
        .values
        .iter()
        .find(|v| v.value == value)
        .map(|v| v.count)
}

#[test]
fn a_filter_narrows_the_results_and_counts_stay_disjunctive() {
    let d = demo();
    // Lavrov: 000 (2022), 001 (no date), 003 (2024).
    let all = run(&d.index, "لافروف", &[], Sort::Relevance);
    assert_eq!(all.total, 3);
    assert_eq!(count(&all, "year", "2022"), Some(1));
    assert_eq!(count(&all, "year", "2024"), Some(1));
    assert_eq!(
        count(&all, "year", "2021"),
        None,
        "2021's article is not about Lavrov"
    );

    let y = run(&d.index, "لافروف", &[("year", &["2024"])], Sort::Relevance);
    assert_eq!(short(&ids(&y)), ["003"]);
    // The year facet ignores its own selection: 2022 still shows its count.
    assert_eq!(count(&y, "year", "2022"), Some(1));
    assert!(y
        .facets
        .iter()
        .any(|f| f.values.iter().any(|v| v.selected && v.value == "2024")));
    // Another facet is counted within the selection.
    assert_eq!(count(&y, "source", "بوابة الوفد"), Some(1));
    assert_eq!(count(&y, "source", "وكالة ايسنا للأنباء"), None);

    // Two values of one facet: either; two facets: both.
    let either = run(
        &d.index,
        "لافروف",
        &[("year", &["2022", "2024"])],
        Sort::Relevance,
    );
    assert_eq!(either.total, 2);
    let both = run(
        &d.index,
        "لافروف",
        &[("year", &["2022", "2024"]), ("source", &["بوابة الوفد"])],
        Sort::Relevance,
    );
    assert_eq!(short(&ids(&both)), ["003"]);
    // An unknown facet or value matches nothing, never an error.
    assert_eq!(
        run(&d.index, "لافروف", &[("year", &["1999"])], Sort::Relevance).total,
        0
    );
    assert_eq!(
        run(&d.index, "لافروف", &[("colour", &["red"])], Sort::Relevance).total,
        0
    );
}

#[test]
fn filters_without_words_list_every_matching_document() {
    let d = demo();
    let res = run(&d.index, "", &[("lang", &["ar"])], Sort::Newest);
    assert_eq!(res.total, 5);
    // Newest first, undated last.
    assert_eq!(short(&ids(&res))[..3], ["003", "000", "002"]);
    assert_eq!(res.results[3].date, None);
    let oldest = run(&d.index, "", &[("lang", &["ar"])], Sort::Oldest);
    assert_eq!(short(&ids(&oldest))[..3], ["002", "000", "003"]);
    // No words and no filters: nothing, as before.
    assert_eq!(run(&d.index, "", &[], Sort::Relevance).total, 0);
}

#[test]
fn sorting_by_date_keeps_the_same_documents() {
    let d = demo();
    let rel = run(&d.index, "روسيا", &[], Sort::Relevance);
    let new = run(&d.index, "روسيا", &[], Sort::Newest);
    let mut a = ids(&rel);
    let mut b = ids(&new);
    assert_eq!(b.len(), a.len());
    let dates: Vec<_> = new.results.iter().map(|h| h.date.clone()).collect();
    let dated: Vec<_> = dates.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Undated results come after every dated one.
    let first_none = dates
        .iter()
        .position(Option::is_none)
        .unwrap_or(dates.len());
    assert!(dates[first_none..].iter().all(Option::is_none));
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn source_in_the_query_keeps_that_outlet() {
    let d = demo();
    let res = run(&d.index, "لافروف source:الوفد", &[], Sort::Relevance);
    assert_eq!(short(&ids(&res)), ["003"]);
    assert_eq!(res.results[0].source.as_deref(), Some("بوابة الوفد"));
    // Arabic field name, and clitics fold as in words.
    let ar = run(&d.index, "لافروف مصدر:وكالة", &[], Sort::Relevance);
    assert_eq!(short(&ids(&ar)), ["001"]);
    // Only a source: words-free query lists that outlet's articles.
    let only = run(&d.index, "source:تسنيم", &[], Sort::Relevance);
    assert_eq!(short(&ids(&only)), ["004"]);
}

#[test]
fn sites_declare_their_own_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("a.md"),
        "---\ntitle: مقال أول\nfilter_author: أحمد\ntags: [اقتصاد, نفط]\n---\nنص عن النفط\n",
    )
    .unwrap();
    fs::write(
        dir.join("b.html"),
        "<html><head><title>مقال ثان</title></head><body><main>\
         <p>كتبه <span data-fahras-filter=\"author\">سارة</span></p>\
         <p data-fahras-filter=\"section:رياضة\">نص عن النفط والرياضة</p></main></body></html>",
    )
    .unwrap();
    let index = build_index(&[dir], &tmp.path().join("index"));
    let res = run(&index, "النفط", &[], Sort::Relevance);
    assert_eq!(res.total, 2);
    assert_eq!(count(&res, "author", "أحمد"), Some(1));
    assert_eq!(count(&res, "author", "سارة"), Some(1));
    assert_eq!(count(&res, "section", "رياضة"), Some(1));
    assert_eq!(count(&res, "tag", "نفط"), Some(1));
    let sara = run(&index, "النفط", &[("author", &["سارة"])], Sort::Relevance);
    assert_eq!(ids(&sara), ["b"]);
}

#[test]
fn hostile_filters_are_cheap_and_harmless() {
    let d = demo();
    let many: Vec<String> = (0..10_000).map(|i| format!("v{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let names: Vec<String> = (0..1_000).map(|i| format!("f{i}")).collect();
    let filters: Vec<(&str, &[&str])> = names.iter().map(|n| (n.as_str(), &many[..])).collect();
    let res = run(&d.index, "لافروف", &filters, Sort::Newest);
    assert_eq!(res.total, 0);
    let res = run(
        &d.index,
        "لافروف",
        &[("year", &["<script>", ""])],
        Sort::Oldest,
    );
    assert_eq!(res.total, 0);
}

/// A deterministic newsroom of `n` Markdown articles: four outlets, five
/// years, three sections (a site-declared filter); every tenth article is
/// about the Shanghai Cooperation Organisation.
fn newsroom(dir: &std::path::Path, n: usize) -> Vec<(String, String, String, bool)> {
    const SOURCES: [&str; 4] = [
        "وكالة سبوتنيك",
        "بوابة الوفد",
        "وكالة تسنيم للأنباء",
        "RT Arabic",
    ];
    const SECTIONS: [&str; 3] = ["سياسة", "اقتصاد", "رياضة"];
    fs::create_dir_all(dir).unwrap();
    let mut meta = Vec::new();
    for i in 0..n {
        // Strides chosen so that every tenth article still spreads over all
        // outlets, years and sections.
        let source = SOURCES[(i / 10) % 4];
        let date = format!("{}-{:02}-{:02}", 2020 + (i / 3) % 5, i % 12 + 1, i % 28 + 1);
        let section = SECTIONS[(i / 7) % 3];
        let sco = i % 10 == 0;
        let topic = if sco {
            "اجتمع وزراء منظمة شنغهاي للتعاون في العاصمة"
        } else {
            "ناقش المسؤولون أسعار الطاقة والتجارة في المنطقة"
        };
        fs::write(
            dir.join(format!("n{i:04}.md")),
            format!(
                "---\ntitle: خبر رقم {i}\ndate: {date}\nsource: {source}\nfilter_section: {section}\n---\n{topic}. وقال المتحدث إن الاجتماع رقم {i} كان مثمرا.\n"
            ),
        )
        .unwrap();
        meta.push((source.to_string(), date, section.to_string(), sco));
    }
    meta
}

#[test]
fn a_thousand_articles_filter_count_and_sort_as_the_data_says() {
    let tmp = tempfile::tempdir().unwrap();
    let meta = newsroom(&tmp.path().join("news"), 1200);
    let index = build_index(&[tmp.path().join("news")], &tmp.path().join("index"));
    assert_eq!(index.doc_count(), 1200);

    let sco: Vec<_> = meta.iter().filter(|m| m.3).collect();
    let res = run(&index, "شنغهاي", &[], Sort::Newest);
    assert_eq!(res.total, sco.len());
    // Facet counts are what the articles say.
    for source in [
        "وكالة سبوتنيك",
        "بوابة الوفد",
        "وكالة تسنيم للأنباء",
        "RT Arabic",
    ] {
        let want = sco.iter().filter(|m| m.0 == source).count();
        assert_eq!(count(&res, "source", source).unwrap_or(0), want, "{source}");
    }
    for section in ["سياسة", "اقتصاد", "رياضة"] {
        let want = sco.iter().filter(|m| m.2 == section).count();
        assert_eq!(
            count(&res, "section", section).unwrap_or(0),
            want,
            "{section}"
        );
    }
    // Newest first, across all of them.
    let newest = sco.iter().map(|m| m.1.clone()).max().unwrap();
    assert_eq!(res.results[0].date.as_deref(), Some(newest.as_str()));
    let dates: Vec<_> = res
        .results
        .iter()
        .map(|h| h.date.clone().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    // A year and an outlet (those of one article): exactly the articles
    // that have both.
    let (outlet, year) = (sco[5].0.clone(), sco[5].1[..4].to_string());
    let picked = run(
        &index,
        "شنغهاي",
        &[("year", &[year.as_str()]), ("source", &[outlet.as_str()])],
        Sort::Oldest,
    );
    let want = sco
        .iter()
        .filter(|m| m.1.starts_with(&year) && m.0 == outlet)
        .count();
    assert!(want > 0);
    assert_eq!(picked.total, want);
    assert!(picked
        .results
        .iter()
        .all(|h| h.source.as_deref() == Some(outlet.as_str())));
    // The year's counts ignore the year filter but keep the outlet one.
    for y in ["2020", "2021", "2022", "2023", "2024"] {
        let want_y = sco
            .iter()
            .filter(|m| m.1.starts_with(y) && m.0 == outlet)
            .count();
        assert_eq!(count(&picked, "year", y).unwrap_or(0), want_y, "{y}");
    }
    // source: in the query does what the source filter does.
    let word = outlet.split(' ').next_back().unwrap();
    let q = run(
        &index,
        &format!("شنغهاي source:{word}"),
        &[("year", &[year.as_str()])],
        Sort::Oldest,
    );
    assert_eq!(q.total, want);
}
