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

/// [`index_of`] for (id, body) pairs, every title the same.
fn index_of_bodies(docs: &[(String, String)]) -> (tempfile::TempDir, Index) {
    let docs: Vec<(&str, &str, &str)> = docs
        .iter()
        .map(|(id, body)| (id.as_str(), "خبر", body.as_str()))
        .collect();
    index_of(&docs)
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

#[test]
fn the_exact_word_in_a_long_article_beats_a_near_miss_in_a_short_one() {
    // البراق and البراف are one letter apart; the long article has the
    // word itself and must not be buried under the short typo match.
    let long = format!("{} البراق {}", filler(300), filler(300));
    let (_d, index) = index_of(&[("short", "خبر", "حدثنا مطر البراف"), ("long", "خبر", &long)]);
    assert_eq!(order(&index, "البراق"), ["long", "short"]);
}

#[test]
fn a_lone_clitic_letter_is_not_stripped_from_a_word() {
    // ب in البراق and و in الوراق are letters of the words, not clitics.
    let (_d, index) = index_of(&[
        ("a", "خبر", "ركب البراق ليلا"),
        ("b", "خبر", "جاء الوراق"),
        ("c", "خبر", "كلمات عن بلافروف ولافروف"),
        ("d", "خبر", "قال لافروف"),
    ]);
    assert_eq!(order(&index, "البراق")[0], "a");
    assert_eq!(order(&index, "الوراق")[0], "b");
    // ...while the clitic forms of a word the index knows are found.
    let mut lavrov = order(&index, "لافروف");
    lavrov.sort();
    assert_eq!(lavrov, ["c", "d"]);
    assert_eq!(order(&index, "بلافروف")[0], "c");
}

#[test]
fn a_short_page_of_full_matches_is_filled_with_the_best_partial_ones() {
    // Only one document has every word; another shares the two rare words
    // the question is about, many more share only its common words.
    let mut docs = vec![
        ("all".to_string(), "امر بقتل الوزغ في اول ضربه".to_string()),
        ("two".to_string(), "امر بقتل الوزغ وسماه فويسقا".to_string()),
    ];
    for i in 0..8 {
        docs.push((
            format!("common{i}"),
            format!("ضربه في اول يوم {}", filler(i)),
        ));
    }
    let (_d, index) = index_of_bodies(&docs);
    let got = order(&index, "قتل الوزغ في أول ضربة");
    assert_eq!(got[..2], ["all", "two"], "{got:?}");
    // Two words: the one with both first, then the one with the rare word;
    // never the documents with only the common one.
    assert_eq!(order(&index, "الوزغ ضربة"), ["all", "two"]);
    assert_eq!(order(&index, "ضربة الوزغ"), ["all", "two"]);
}

#[test]
fn one_rare_word_outweighs_several_common_ones() {
    // The question is about the plague; documents with its three common
    // words but not the plague come after every plague document.
    let mut docs = vec![
        ("all".to_string(), "الطاعون شهاده لكل مسلم".to_string()),
        ("rare".to_string(), format!("فر من الطاعون {}", filler(3))),
    ];
    for i in 0..8 {
        docs.push((
            format!("common{i}"),
            format!("شهاده لكل مسلم {}", filler(i)),
        ));
    }
    for i in 0..20 {
        docs.push((format!("other{i}"), filler(i + 2)));
    }
    let (_d, index) = index_of_bodies(&docs);
    let got = order(&index, "الطاعون شهادة لكل مسلم");
    assert_eq!(got[..2], ["all", "rare"], "{got:?}");
}

#[test]
fn near_misses_alone_are_no_answer_to_a_question_nothing_matches() {
    let mut docs = vec![
        ("a".to_string(), "قال محمود قريشي".to_string()),
        ("b".to_string(), "التعاون الأمني".to_string()),
        ("c".to_string(), "صحيفة روسيسكايا الحكومية".to_string()),
    ];
    for i in 0..10 {
        docs.push((
            format!("equal{i}"),
            format!("على قدم المساواة {}", filler(i)),
        ));
    }
    for i in 0..20 {
        docs.push((format!("other{i}"), filler(i + 2)));
    }
    let (_d, index) = index_of_bodies(&docs);
    // Each word is only a near-miss (محمود, أمني), each in another document.
    assert!(order(&index, "محمد أمين").is_empty());
    // A rare word found as typed still brings its document when the other
    // word is nowhere ...
    assert_eq!(order(&index, "روسيسكايا غازيتا"), ["c"]);
    // ... a common one does not: football is not "on an equal footing".
    assert!(order(&index, "كرة القدم").is_empty());
}

#[test]
fn a_name_spelt_with_another_first_letter_or_vowel_is_found() {
    let (_d, index) = index_of(&[
        ("gazeta", "خبر", "صحيفة روسيسكايا جازيتا الحكومية"),
        ("ukraine", "خبر", "تطورات الأزمة الأوكرانية"),
        ("tajik", "خبر", "زار طاجيكستان امس"),
    ]);
    // Near-misses keep the first letter as typed; these differ right there.
    assert_eq!(order(&index, "غازيتا"), ["gazeta"]);
    assert_eq!(order(&index, "الأكرانية"), ["ukraine"]);
    assert_eq!(order(&index, "تاجيكستان"), ["tajik"]);
}

#[test]
fn a_typo_is_a_slip_writers_make_not_any_other_letter() {
    let (_d, index) = index_of(&[
        ("insult", "خبر", "فيسبوا الدهر"),
        ("book", "خبر", "قرأ الكتاب كله"),
    ]);
    // ك for ا is no slip of the finger or the ear: فيسبوك is not فيسبوا.
    assert!(order(&index, "فيسبوك").is_empty());
    // The key next to ب is: الكتال finds الكتاب.
    assert_eq!(order(&index, "الكتال"), ["book"]);
}

#[test]
fn ta_marbuta_written_as_ta_before_a_suffix_is_the_same_word() {
    // هرة + ها is written هرتها; كلالة + ه is كلالته.
    let (_d, index) = index_of(&[
        ("cat", "خبر", "دخلت امراة النار في هرة حبستها"),
        ("her-cat", "خبر", "ربطت هرتها فلم تطعمها"),
        ("kalala", "خبر", "ورث كلالته من بعده"),
        ("house", "خبر", "رجعت الى بيتها"),
    ]);
    let mut cat = order(&index, "هرتها");
    cat.sort();
    assert_eq!(cat, ["cat", "her-cat"]);
    let mut cat = order(&index, "الهرة");
    cat.sort();
    assert_eq!(cat, ["cat", "her-cat"]);
    assert_eq!(order(&index, "الكلالة"), ["kalala"]);
    // A real ت stays: بيت is not بيه.
    assert_eq!(order(&index, "بيتها"), ["house"]);
}

#[test]
fn short_stems_forgive_only_an_inner_long_vowel_or_hamza_seat() {
    let (_d, index) = index_of(&[
        ("frog", "خبر", "نهى عن قتل الضفدع"),
        ("official", "خبر", "قال المسؤولون ذلك"),
        ("house", "خبر", "هذا بيتك يا اخي"),
    ]);
    // A dropped ا (broken plural) and the other hamza seat still find it.
    assert_eq!(order(&index, "الضفادع"), ["frog"]);
    assert_eq!(order(&index, "المسئولين"), ["official"]);
    // A word that is not there does not turn into one that is.
    assert!(order(&index, "بيتكوين").is_empty());
}

#[test]
fn the_same_word_with_other_clitics_beats_a_word_sharing_only_its_stem() {
    // الطاعون (plague) and الطاعة (obedience) share the stem طاع.
    let long = format!("{} وقع الطاعون بالشام {}", filler(200), filler(200));
    let (_d, index) = index_of(&[
        ("obedience", "خبر", "السمع والطاعة"),
        ("plague", "خبر", &long),
    ]);
    assert_eq!(order(&index, "فالطاعون"), ["plague", "obedience"]);
    assert_eq!(order(&index, "الطاعون")[0], "plague");
}

#[test]
fn a_stan_country_and_its_people_find_each_other() {
    let (_d, index) = index_of(&[
        ("country", "خبر", "زار الوزير أفغانستان امس"),
        ("people", "خبر", "التقى وفدا أفغانيا والزعماء الأفغان"),
        ("other", "خبر", "زار الوزير باكستان امس"),
    ]);
    let mut got = order(&index, "افغانستان");
    got.sort();
    assert_eq!(got, ["country", "people"]);
    assert_eq!(order(&index, "الأفغاني")[..2].len(), 2);
    assert!(order(&index, "الأفغاني").contains(&"country".to_string()));
}

#[test]
fn a_misspelt_word_finds_the_word_meant_with_any_clitics() {
    let (_d, index) = index_of(&[
        ("bare", "خبر", "امر بقتل الوزغ"),
        ("and", "خبر", "وسماه فويسقا والوزغ كذلك"),
        ("with", "خبر", "بدأ بالوزغ في اول ضربه"),
        ("other", "خبر", "كان يحب التلبيه"),
    ]);
    // الوززغ (a doubled letter) is الوزغ: والوزغ and بالوزغ are it too.
    let mut got = order(&index, "الوززغ");
    got.sort();
    assert_eq!(got, ["and", "bare", "with"]);
}

#[test]
fn a_question_of_near_misses_only_is_answered_where_they_stand_together() {
    let (_d, index) = index_of(&[
        (
            "apart",
            "خبر",
            &format!("قال محمود قريشي {} التعاون الأمني", filler(12)),
        ),
        ("security", "خبر", "تعاون أمني وثيق"),
        ("together", "خبر", "خروج يأجوج ومأجوج من كل حدب"),
    ]);
    // محمد and أمين are nowhere; محمود and الأمني (أمني with the article),
    // far apart, are no answer.
    assert!(order(&index, "محمد أمين").is_empty());
    // Both words misspelt (the other hamza seat), standing together as typed.
    assert_eq!(order(&index, "يئجوج ومئجوج"), ["together"]);
}

#[test]
fn a_noun_with_the_accusative_alef_is_the_same_noun() {
    let (_d, index) = index_of(&[
        ("story", "خبر", "كان جريج رجلا عابدا فاتخذ صومعة"),
        ("the", "خبر", "قال العابد ذلك"),
        ("other", "خبر", "عبد الله بن عمر"),
    ]);
    // عابدا is عابد in the accusative (tanween written with an alef); the
    // word is finished (a space after it), so no completion brings it.
    let mut got = order(&index, "العابد ");
    got.sort();
    assert_eq!(got, ["story", "the"]);
    assert_eq!(order(&index, "جريج العابد "), ["story"]);
}
