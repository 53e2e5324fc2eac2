//! Which demo article is found for which query, and what its result shows.

mod common;

use common::{demo, ids, short};
use fahras::search::{search, SearchOptions};

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort();
    v
}

#[test]
fn lavrov_finds_the_three_lavrov_articles() {
    let d = demo();
    let r = ids(&d.index, "لافروف");
    assert_eq!(sorted(short(&r)), ["000", "001", "003"]);
}

#[test]
fn clitic_query_finds_the_bare_word() {
    let d = demo();
    // والصين = "and China": the articles mentioning China (الصين), not others.
    assert_eq!(sorted(short(&ids(&d.index, "والصين"))), ["001", "003"]);
    assert_eq!(sorted(short(&ids(&d.index, "بالصين"))), ["001", "003"]);
}

#[test]
fn shanghai_finds_the_sco_articles() {
    let d = demo();
    let r = ids(&d.index, "شنغهاي");
    for want in ["000", "003", "004"] {
        assert!(short(&r).contains(&want), "{want} missing from {r:?}");
    }
}

#[test]
fn unfinished_word_completes_as_you_type() {
    let d = demo();
    // Kazakhstan is in 000, 002 (only as وكازاخستان) and 004.
    assert_eq!(
        sorted(short(&ids(&d.index, "كازاخ"))),
        ["000", "002", "004"]
    );
    // Finished with a space, a word is no longer a prefix: لاف completes to
    // لافروف while typed, but nothing is called just لاف.
    assert_eq!(sorted(short(&ids(&d.index, "لاف"))), ["000", "001", "003"]);
    assert!(ids(&d.index, "لاف ").is_empty());
}

#[test]
fn spelling_drift_and_diacritics_find_the_same() {
    let d = demo();
    let same = [
        ("لافروف", "لافْرُوف"),
        ("لافروف", "لافــروف"),
        ("الأمن", "الامن"),
        ("روسي", "روسى"),
        ("الأوراسي", "الاوراسى"),
        ("منظمة", "منظمه"),
        ("آسيا", "اسيا"),
    ];
    for (a, b) in same {
        let ra = ids(&d.index, a);
        assert!(!ra.is_empty(), "{a} finds nothing");
        assert_eq!(ra, ids(&d.index, b), "{a} vs {b}");
    }
}

#[test]
fn digits_and_latin_words_are_searchable() {
    let d = demo();
    // 30.5 billion dollars: article 000. Arabic-Indic digits find it too.
    assert_eq!(short(&ids(&d.index, "30.5")), ["000"]);
    assert_eq!(short(&ids(&d.index, "٣٠٫٥")), ["000"]);
    // Covid-19 and News International: article 001.
    assert_eq!(short(&ids(&d.index, "Covid-19")), ["001"]);
    assert_eq!(short(&ids(&d.index, "covid")), ["001"]);
    assert_eq!(short(&ids(&d.index, "news international")), ["001"]);
}

#[test]
fn all_words_required_when_possible_else_best_partial() {
    let d = demo();
    // Only 003 speaks of Lavrov and Beijing (بكين) together.
    assert_eq!(short(&ids(&d.index, "لافروف بكين")), ["003"]);
    // While the last word is still being typed and matches nothing yet,
    // the articles of the words before it stay.
    let r = ids(&d.index, "لافروف زززززز");
    assert_eq!(sorted(short(&r)), ["000", "001", "003"]);
    // A finished word found nowhere is not ignored: nothing is the answer,
    // and the results say which word is missing and what to search instead.
    for q in ["لافروف زززززز ", "زززززز لافروف", "كرة القدم"] {
        assert!(ids(&d.index, q).is_empty(), "{q}");
    }
    let r = search(&d.index, "زززززز   لافروف", &SearchOptions::default()).unwrap();
    assert_eq!(r.missing, ["زززززز"]);
    assert_eq!(r.retry.as_deref(), Some("لافروف"));
    let r = search(&d.index, "كرة القدم", &SearchOptions::default()).unwrap();
    assert_eq!(r.missing, ["كرة"]);
    assert_eq!(r.retry.as_deref(), Some("القدم"));
    // A near-miss is not missing (غازيتا is spelt جازيتا there); with
    // results there is nothing to retry.
    let r = search(&d.index, "روسيسكايا غازيتا", &SearchOptions::default()).unwrap();
    assert_eq!(
        short(&r.results.iter().map(|h| h.id.clone()).collect::<Vec<_>>()),
        ["000"]
    );
    assert!(r.missing.is_empty() && r.retry.is_none());
    // Every word missing: nothing to retry.
    let r = search(&d.index, "زززززز xyzzy", &SearchOptions::default()).unwrap();
    assert_eq!(r.missing, ["زززززز"]);
    assert!(r.retry.is_none());
}

#[test]
fn nothing_matches_nothing() {
    let d = demo();
    assert!(ids(&d.index, "زززززز").is_empty());
    assert!(ids(&d.index, "").is_empty());
    assert!(ids(&d.index, "   ،،، !!").is_empty());
}

#[test]
fn title_match_ranks_first() {
    let d = demo();
    // 003's title is about the Eurasian security dialogue.
    assert_eq!(short(&ids(&d.index, "الأمن الأوراسي"))[0], "003");
    // 002's title: the Russian and American defence ministers.
    assert_eq!(short(&ids(&d.index, "وزيرا الدفاع"))[0], "002");
}

#[test]
fn results_carry_title_url_date_and_marked_excerpt() {
    let d = demo();
    let res = search(
        &d.index,
        "لافروف",
        &SearchOptions {
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(res.total, 3);
    let first = res
        .results
        .iter()
        .find(|h| h.id.starts_with("000"))
        .unwrap();
    assert!(first.title.starts_with("لافروف: نعمل على تعزيز التعاون"));
    assert_eq!(first.url, "pages/000_d0036755e13d4217.html");
    assert_eq!(first.date.as_deref(), Some("2022-05-05"));
    for h in &res.results {
        assert!(h.excerpt.contains("<mark>لافروف</mark>"), "{}", h.excerpt);
    }
}

#[test]
fn excerpts_mark_whole_words_and_escape_the_rest() {
    let d = demo();
    let res = search(
        &d.index,
        "والصين",
        &SearchOptions {
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    for h in &res.results {
        // The whole word with its clitic is marked, so letters keep joining.
        assert!(
            h.excerpt.contains("<mark>والصين</mark>") || h.excerpt.contains("<mark>الصين</mark>"),
            "{}",
            h.excerpt
        );
        let without_marks = h.excerpt.replace("<mark>", "").replace("</mark>", "");
        assert!(
            !without_marks.contains('<') && !without_marks.contains('>'),
            "{}",
            h.excerpt
        );
    }
    // Quotes in the text come out escaped.
    let res = search(
        &d.index,
        "روسيسكايا",
        &SearchOptions {
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        res.results[0].excerpt.contains("&quot;"),
        "{}",
        res.results[0].excerpt
    );
}

#[test]
fn limit_caps_results_but_not_total() {
    let d = demo();
    let res = search(
        &d.index,
        "روسيا",
        &SearchOptions {
            limit: 2,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(res.results.len(), 2);
    assert!(res.total >= 4, "total {}", res.total);
}

#[test]
fn typos_and_transliterations_find_the_article_but_rank_below_exact() {
    let d = demo();
    // شانغهاي (001's spelling) also finds the شنغهاي articles, 001 first.
    let r = ids(&d.index, "شانغهاي ");
    assert_eq!(short(&r)[0], "001");
    assert_eq!(sorted(short(&r)), ["000", "001", "003", "004"]);
    // سيرغي (002) and سيرجي (000, 001, 003) are one name.
    let r = ids(&d.index, "سيرجي ");
    assert_eq!(sorted(short(&r)[..3].to_vec()), ["000", "001", "003"]);
    assert!(short(&r).contains(&"002"), "{r:?}");
    // A dropped letter, a doubled letter.
    assert_eq!(
        sorted(short(&ids(&d.index, "كازاخستن "))),
        ["000", "002", "004"]
    );
    assert_eq!(
        sorted(short(&ids(&d.index, "لافرروف "))),
        ["000", "001", "003"]
    );
    // No typo tolerance for short words or numbers.
    assert!(ids(&d.index, "30.6").is_empty());
}

#[test]
fn words_close_together_outrank_scattered_ones() {
    let d = demo();
    // "الأمن الجماعي" (collective security) stands together in 000 and 002.
    let all = ids(&d.index, "الامن الجماعي");
    assert_eq!(sorted(short(&all)[..2].to_vec()), ["000", "002"]);
}

#[test]
fn phrases_match_adjacent_words_after_analysis() {
    let d = demo();
    // The Eurasian security phrase stands only in 003; «للأمن الأوراسي» is the same phrase.
    assert_eq!(short(&ids(&d.index, "\"الأمن الأوراسي\"")), ["003"]);
    assert_eq!(short(&ids(&d.index, "«للأمن الأوراسي»")), ["003"]);
    assert_eq!(short(&ids(&d.index, "“الامن الاوراسى”")), ["003"]);
    // Both words are in 004 too, but not side by side.
    assert!(short(&ids(&d.index, "الأمن الأوراسي")).contains(&"004"));
    // Order matters inside a phrase.
    assert!(ids(&d.index, "\"الأوراسي الأمن\"").is_empty());
}

#[test]
fn exclusion_or_and_title_scope() {
    let d = demo();
    // Lavrov, but not the Beijing visit (003).
    assert_eq!(sorted(short(&ids(&d.index, "لافروف -بكين"))), ["000", "001"]);
    // Beijing (003) or Kashmir (001, and 003's appended article).
    assert_eq!(
        sorted(short(&ids(&d.index, "بكين OR كشمير"))),
        ["001", "003"]
    );
    assert_eq!(
        sorted(short(&ids(&d.index, "بكين أو باكستان"))),
        ["001", "003"]
    );
    // China in the title: only 003's headline names it.
    assert_eq!(short(&ids(&d.index, "title:الصين")), ["003"]);
}

#[test]
fn malformed_queries_still_search() {
    let d = demo();
    assert_eq!(short(&ids(&d.index, "\"الأمن الأوراسي")), ["003"]);
    assert_eq!(
        sorted(short(&ids(&d.index, "لافروف -"))),
        ["000", "001", "003"]
    );
    assert_eq!(
        sorted(short(&ids(&d.index, "OR لافروف OR"))),
        ["000", "001", "003"]
    );
}

#[test]
fn results_carry_the_words_and_paragraph_to_highlight_on_the_article() {
    let d = demo();
    let opts = SearchOptions {
        limit: 10,
        ..Default::default()
    };
    // والصين: the article spells the matches as it likes (الصين, والصين …).
    let res = search(&d.index, "والصين", &opts).unwrap();
    assert!(!res.results.is_empty());
    for h in &res.results {
        assert!(!h.marks.is_empty(), "{}: no marks", h.id);
        assert!(
            h.marks.iter().all(|m| m.contains("صين")),
            "{}: {:?}",
            h.id,
            h.marks
        );
        // The anchor names the paragraph of the excerpt, numbered as the
        // article page numbers them.
        let doc = (0..d.index.doc_count())
            .map(|i| d.index.doc(i).unwrap().unwrap())
            .find(|r| r.id == h.id)
            .unwrap();
        let n: usize = h.anchor.as_deref().unwrap()[1..].parse().unwrap();
        let (_, para) = fahras::format::paragraphs(&doc.body)[n - 1];
        let first_marked = h
            .excerpt
            .split("<mark>")
            .nth(1)
            .unwrap()
            .split("</mark>")
            .next()
            .unwrap();
        assert!(
            para.contains(first_marked),
            "{}: p{n} lacks {first_marked}",
            h.id
        );
    }
}
