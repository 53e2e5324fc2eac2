//! Site furniture (share buttons, comment forms, "read also" blocks,
//! markup leftovers, repeated footers) stays out of document bodies, hence
//! out of the index, the excerpts and the article pages.

use std::fs;
use std::path::{Path, PathBuf};

use fahras::analysis::normalize_word;
use fahras::corpus::{read_corpus, render_page, Document};
use fahras::format::{FileKind, Index};
use fahras::indexer::{record_for, write_index, IndexBuilder};
use fahras::search::{search, SearchOptions};
use fst::automaton::AlwaysMatch;

/// The furniture lines found in the demo corpus (issue 3).
const DEMO_FURNITURE: &[&str] = &[
    "مشاركة",
    "اضف تعليقاً واقرأ تعليقات القراء",
    "لا توجد تعليقات على الخبر",
    "اضف تعليق",
    "أضف تعليق",
    "تم أضافة تعليقك سوف يظهر بعد المراجعة",
    "الرجوع الى أعلى الصفحة",
    "زر الذهاب إلى الأعلى",
    "اترك تعليقاً",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "نهاية الرسالة",
    "إعلان آراك 2",
    "#",
    "مقال رئيس التحرير",
    ".",
    "إقرأ أيضاً:",
    // The sidebar block at the end of 002 (editor's column and its author).
    "وكلاء الخراب",
    "محــــــــمد أمين",
];

fn demo_corpus() -> Vec<Document> {
    let (docs, warnings) = read_corpus(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(docs.len(), 5);
    docs
}

fn doc<'a>(docs: &'a [Document], prefix: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no document {prefix}"))
}

fn paragraphs(d: &Document) -> Vec<&str> {
    d.body.split("\n\n").collect()
}

/// Words normalised, punctuation-only words dropped.
fn norm(line: &str) -> String {
    line.split_whitespace()
        .map(normalize_word)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write `files` (relative path, text) into a fresh folder and read it.
fn corpus_of(files: &[(String, String)]) -> (tempfile::TempDir, Vec<Document>) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        fs::write(dir.path().join(rel), text).unwrap();
    }
    let (docs, warnings) = read_corpus(&[dir.path().to_path_buf()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(docs.len(), files.len());
    (dir, docs)
}

fn build_index(docs: &[Document], out: &Path) -> Index {
    let mut b = IndexBuilder::new();
    for d in docs {
        b.add(&record_for(d, ""));
    }
    write_index(&b.finish(), out).expect("index written");
    Index::open(out).expect("index opens")
}

const FOOTER: &str = "جميع الحقوق محفوظة لموقع الخبر";

/// Six short news items; `with_footer[i]` adds the footer line to item i.
fn six_docs(with_footer: &[bool]) -> Vec<(String, String)> {
    let topics = [
        "زار وزير الخارجية القاهرة لبحث العلاقات الثنائية والتعاون الاقتصادي بين البلدين.",
        "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار خفض الإنتاج.",
        "افتتح المعرض الدولي للكتاب أبوابه أمام الزوار بمشاركة مئات دور النشر.",
        "فاز المنتخب الوطني في مباراته الودية استعداداً للبطولة القارية.",
        "أعلنت وزارة الصحة عن حملة تطعيم جديدة في المدارس الحكومية.",
        "شهدت العاصمة أمطاراً غزيرة أدت إلى إغلاق عدد من الطرق الرئيسية.",
    ];
    topics
        .iter()
        .zip(with_footer)
        .enumerate()
        .map(|(i, (text, footer))| {
            let mut t = format!("الخبر رقم {i} من الموقع\n\n{text}\n\nوأضاف المصدر أن التفاصيل ستعلن لاحقاً في بيان رسمي رقم {i}.\n");
            if *footer {
                t.push_str(&format!("\n{FOOTER}\n"));
            }
            (format!("{i}.txt"), t)
        })
        .collect()
}

// ------------------------------------------------------------ demo corpus

#[test]
fn demo_bodies_have_no_furniture_lines() {
    let furniture: Vec<String> = DEMO_FURNITURE.iter().map(|f| norm(f)).collect();
    for d in &demo_corpus() {
        for p in paragraphs(d) {
            assert!(
                !furniture.contains(&norm(p)),
                "{}: furniture paragraph {p:?}",
                d.id
            );
            assert!(!norm(p).is_empty(), "{}: no words in {p:?}", d.id);
            assert!(
                !p.starts_with(['=', '<', '"', '”']),
                "{}: markup in {p:?}",
                d.id
            );
        }
        // Lines too specific to occur inside real sentences: not even as a part.
        for f in DEMO_FURNITURE
            .iter()
            .filter(|f| f.split_whitespace().count() >= 2)
        {
            assert!(!d.body.contains(f), "{}: contains {f:?}", d.id);
        }
        assert!(!d.body.contains("text-align"), "{}", d.id);
        assert!(
            !d.body.contains("تعليق"),
            "{}: a comment prompt is left",
            d.id
        );
    }
}

#[test]
fn demo_read_also_article_is_cut_from_003() {
    let docs = demo_corpus();
    let d3 = doc(&docs, "003");
    for gone in [
        "إقرأ أيضاً",
        "باكستان والهند تتفقان على عودة قواتهما",
        "الثورة نت",
        "آزاد كشمير",
        "قناة جيو نيوز الباكستانية",
        "بعد أيام من التصعيد المتبادل على الحدود",
    ] {
        assert!(!d3.body.contains(gone), "003 still has {gone:?}");
    }
    // Its own last paragraph, and its metadata found below the article, stay.
    assert_eq!(
        paragraphs(d3).last().copied(),
        Some("وكان وزير الخارجية الروسي سيرجي لافروف قد وصل إلى بكين، أمس الاثنين، في زيارة رسمية تستغرق يومين.")
    );
    assert_eq!(d3.source.as_deref(), Some("بوابة الوفد"));
    assert_eq!(d3.keywords.len(), 1);
}

#[test]
fn demo_real_content_stays() {
    let docs = demo_corpus();
    let expect = [
        ("000", "الخميس، 05 مايو 2022 12:35 م"),
        ("000", "أكد وزير الخارجية الروسي سيرجي لافروف، أن بلاده تقوم بتعزيز التعاون الأمني"),
        ("000", "من بينهم أكثر من 1400 طفل."),
        ("001", "لقاح كورونا"),
        ("001", "مفاوضات الأفغان"),
        ("001", "من المهم أن يجري الجانبان محادثات لدفع عملية التفاوض بين الأفغان."),
        ("002", "ولم تذكر الوزارة مزيدا من التفاصيل بشأن المحادثات."),
        ("002", "مؤكداً أن لدى روسيا قاعدتين عسكريتين في طاجيكستان وقرغيزستان“."),
        ("003", "أعلن وزير الخارجية الروسي سيرجي لافروف، أن موسكو وبكين اتفقتا على بدء حوار بشأن الأمن الأوراسي."),
        ("003", "معربا عن امتنان بلاده للصين على موقفها الموضوعي والمتوازن"),
        ("004", "وقال: “لا توجد طريقة أخرى للتعامل مع القضايا الإقليمية”."),
        ("004", "بالإضافة إلى بعض المشاكل في الساحة الدولية سيتم مناقشتها."),
    ];
    for (id, text) in expect {
        assert!(doc(&docs, id).body.contains(text), "{id} lost {text:?}");
    }
    // 004: the markup leftover is stripped, its subheading stays whole.
    let d4 = doc(&docs, "004");
    assert!(paragraphs(d4).contains(&"أهمية تعزيز الاتجاهات الموحدة في منطقة آسيا الوسطى"));
    // Whole paragraphs: every demo body keeps most of its text.
    let kept: Vec<usize> = docs.iter().map(|d| paragraphs(d).len()).collect();
    assert_eq!(kept, [12, 18, 11, 14, 18]);
}

#[test]
fn demo_pages_have_no_furniture() {
    for d in &demo_corpus() {
        let html = render_page(d, "../index.html", "../highlight.js");
        for f in [
            "تعليق",
            "أعلى الصفحة",
            "زر الذهاب",
            "إعلان آراك",
            "إقرأ أيضاً",
            "=”",
        ] {
            assert!(!html.contains(f), "{}: page shows {f:?}", d.id);
        }
    }
}

#[test]
fn demo_index_does_not_answer_furniture_queries() {
    let docs = demo_corpus();
    let dir = tempfile::tempdir().unwrap();
    let index = build_index(&docs, dir.path());
    let opts = SearchOptions {
        limit: 10,
        ..Default::default()
    };
    // No demo article is about comments: تعليق occurs only in comment forms
    // (يتعلق / المتعلقة in 003 and 004 are another word). No form of it is
    // in the dictionary...
    let words = index
        .scan(FileKind::Words, AlwaysMatch, b"", None, usize::MAX)
        .unwrap();
    assert!(words.len() > 1000);
    for (w, _) in words {
        assert!(!w.contains("تعليق"), "indexed word {w}");
    }
    // ...so the pages that only had a comment form are not found. (Search
    // also matches words one edit away, التعليم in 002 and تعميق in 004:
    // those two may be returned, for real content.)
    for q in ["تعليق", "تعليقات", "اضف تعليق"] {
        let r = search(&index, q, &opts).unwrap();
        for h in &r.results {
            assert!(!["000", "001", "003"].contains(&&h.id[..3]), "{q}: {h:?}");
            assert!(!h.excerpt.contains("تعليق"), "{q}: {h:?}");
        }
    }
    // Words only in 003's unrelated "read also" article.
    for q in ["نيودلهي", "باهالغام"] {
        let r = search(&index, q, &opts).unwrap();
        assert_eq!(r.total, 0, "{q}: {:?}", r.results);
    }
    // Real content is still found.
    let r = search(&index, "كشمير", &opts).unwrap();
    let ids: Vec<&str> = r.results.iter().map(|h| &h.id[..3]).collect();
    assert_eq!(ids, ["001"], "كشمير is in 001 only once 003's tail is gone");
}

// ------------------------------------------------------------ line rules

#[test]
fn furniture_lines_match_in_spelling_variants() {
    let content =
        "أكد وزير الخارجية أن المحادثات بين البلدين كانت بناءة ومثمرة وتناولت ملفات عديدة.";
    let text = format!(
        "عنوان الخبر الرئيسي\n\
         مُشارَكة\n\
         مشاركه\n\
         أضف تعليقا\n\
         إضف تعليقاً واقرا تعليقات القرّاء:\n\
         الرجوع إلى اعلى الصفحه.\n\
         زر الذهاب الى الاعلى\n\
         لن يتم نشر عنوان بريدك الالكتروني، الحقول المطلوبة مشار إليها *\n\
         نهاية الرسالة.\n\
         * * *\n\
         |\n\
         {content}\n{content}\n{content}\n{content}\n"
    );
    let (_dir, docs) = corpus_of(&[("a.txt".into(), text)]);
    assert_eq!(docs[0].title, "عنوان الخبر الرئيسي");
    assert_eq!(paragraphs(&docs[0]), [content; 4]);
}

#[test]
fn end_markers_cut_only_near_the_end() {
    let p = |i: usize| {
        format!(
            "الفقرة رقم {i} من الخبر الأصلي عن زيارة الوزير إلى العاصمة ومحادثاته مع نظيره هناك."
        )
    };
    // A related link between early paragraphs, and a comment link under the
    // headline: only those lines go.
    let text = format!(
        "عنوان الخبر\nأضف تعليق\n{}\nاقرأ أيضاً: الرئيس يستقبل وفداً من رجال الأعمال\n{}\n{}\n{}\n\
         أخبار ذات صلة\nخبر آخر لا علاقة له بالموضوع\nخبر ثالث عن الطقس\n",
        p(1),
        p(2),
        p(3),
        p(4)
    );
    let (_dir, docs) = corpus_of(&[("a.txt".into(), text)]);
    assert_eq!(paragraphs(&docs[0]), [p(1), p(2), p(3), p(4)]);

    // A comment prompt late in the body ends it: the sidebar after it goes.
    let text = format!(
        "عنوان الخبر\n{}\n{}\nاترك تعليقاً\nوكلاء الخراب\nمحمد أمين\n",
        p(1),
        p(2)
    );
    let (_dir, docs) = corpus_of(&[("a.txt".into(), text)]);
    assert_eq!(paragraphs(&docs[0]), [p(1), p(2)]);

    // A long paragraph that merely uses the words stays.
    let long = "وقال إنه سيترك تعليقاً مفصلاً على القرار في مؤتمر صحفي يعقده غداً في مقر الوزارة أمام الصحفيين والمراسلين.";
    let text = format!("عنوان الخبر\n{}\n{long}\n", p(1));
    let (_dir, docs) = corpus_of(&[("a.txt".into(), text)]);
    assert_eq!(paragraphs(&docs[0]), [p(1).as_str(), long]);
}

#[test]
fn markup_leftovers_are_stripped_from_line_starts() {
    let text = "عنوان الخبر\n\
                =”text-align:justify”>أهمية تعزيز التعاون\n\
                style=\"text-align: justify;\">فقرة ثانية\n\
                <p dir=\"rtl\">فقرة ثالثة\n\
                \">فقرة رابعة\n\
                النسبة > 5 في المائة\n\
                if a = \"b\" > c then\n";
    let (_dir, docs) = corpus_of(&[("a.txt".into(), text.into())]);
    assert_eq!(
        paragraphs(&docs[0]),
        [
            "أهمية تعزيز التعاون",
            "فقرة ثانية",
            "فقرة ثالثة",
            "فقرة رابعة",
            "النسبة > 5 في المائة",
            "if a = \"b\" > c then",
        ]
    );
}

#[test]
fn title_is_never_removed() {
    // Titles that are furniture lines, or a read-also heading, stay titles;
    // the body under a read-also title is not cut.
    let body = "نص الخبر الكامل عن الاجتماع الوزاري الذي عقد في العاصمة أمس بحضور عدد من المسؤولين.";
    let files = [
        ("a.txt".to_string(), format!("أضف تعليق\n{body}\n")),
        ("b.txt".to_string(), format!("نهاية الرسالة\n{body}\n")),
        (
            "c.txt".to_string(),
            format!("اقرأ أيضاً: الوزير يجتمع بنظيره\n{body}\n"),
        ),
    ];
    let (_dir, docs) = corpus_of(&files);
    let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "أضف تعليق",
            "نهاية الرسالة",
            "اقرأ أيضاً: الوزير يجتمع بنظيره"
        ]
    );
    for d in &docs {
        assert_eq!(d.body, body);
    }
}

// ------------------------------------------------------------ corpus-wide repeats

#[test]
fn footer_repeated_in_every_document_is_removed() {
    let (_dir, docs) = corpus_of(&six_docs(&[true; 6]));
    for d in &docs {
        assert!(!d.body.contains(FOOTER), "{}: footer kept", d.id);
        assert_eq!(
            paragraphs(d).len(),
            2,
            "{}: own text lost: {:?}",
            d.id,
            d.body
        );
        assert!(d.title.starts_with("الخبر رقم"));
    }
}

#[test]
fn line_in_few_documents_stays() {
    // In 1 of 6, and in 2 of 6 (below the minimum of 3): kept.
    for n in [1, 2] {
        let with: Vec<bool> = (0..6).map(|i| i < n).collect();
        let (_dir, docs) = corpus_of(&six_docs(&with));
        for (d, has) in docs.iter().zip(&with) {
            assert_eq!(d.body.contains(FOOTER), *has, "{n} of 6, {}", d.id);
        }
    }
    // In 3 of 6: removed.
    let with: Vec<bool> = (0..6).map(|i| i < 3).collect();
    let (_dir, docs) = corpus_of(&six_docs(&with));
    assert!(docs.iter().all(|d| !d.body.contains(FOOTER)));
}

#[test]
fn repeat_threshold_is_a_fifth_of_a_large_corpus() {
    // 20 documents: the line must be in 4 (20%); in 3 it stays.
    let make = |n: usize| -> Vec<(String, String)> {
        (0..20)
            .map(|i| {
                let mut t =
                    format!("خبر رقم {i}\nنص الخبر رقم {i} عن موضوع مختلف تماماً في كل مرة.\n");
                if i < n {
                    t.push_str(FOOTER);
                }
                (format!("{i:02}.txt"), t)
            })
            .collect()
    };
    let (_dir, docs) = corpus_of(&make(3));
    assert_eq!(docs.iter().filter(|d| d.body.contains(FOOTER)).count(), 3);
    let (_dir, docs) = corpus_of(&make(4));
    assert_eq!(docs.iter().filter(|d| d.body.contains(FOOTER)).count(), 0);
}

#[test]
fn repeats_need_three_documents_and_short_lines() {
    // Two documents sharing a line: nothing is removed.
    let files: Vec<(String, String)> = six_docs(&[true; 6]).into_iter().take(2).collect();
    let (_dir, docs) = corpus_of(&files);
    assert!(docs.iter().all(|d| d.body.contains(FOOTER)));

    // A long paragraph shared by all (a quoted statement) is content.
    let long = "وقال البيان المشترك إن الطرفين اتفقا على مواصلة المشاورات في الأسابيع المقبلة من أجل التوصل إلى حل شامل ودائم.";
    let files: Vec<(String, String)> = (0..6)
        .map(|i| {
            (
                format!("{i}.txt"),
                format!("خبر {i} عن البيان\n{long}\nتفاصيل خاصة بالخبر رقم {i}.\n"),
            )
        })
        .collect();
    let (_dir, docs) = corpus_of(&files);
    assert!(docs.iter().all(|d| d.body.contains(long)));

    // A repeated line that is also a document's title stays that title.
    let mut files = six_docs(&[true; 6]);
    files.push((
        "title.txt".into(),
        format!("{FOOTER}\nنص قصير عن حقوق النشر في المواقع الإخبارية.\n"),
    ));
    let (_dir, docs) = corpus_of(&files);
    let d = docs.iter().find(|d| d.id == "title").unwrap();
    assert_eq!(d.title, FOOTER);
    assert!(docs.iter().all(|d| !d.body.contains(FOOTER)));
}
