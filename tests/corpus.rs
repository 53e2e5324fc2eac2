//! Integration tests for `fahras::corpus`: the demo corpus, the date parser,
//! HTML / Markdown / text reading, bad files, walking, and page rendering.

use std::fs;
use std::path::{Path, PathBuf};

use fahras::corpus::*;

fn demo_corpus() -> (Vec<Document>, Vec<Warning>) {
    read_corpus(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")])
}

fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

fn doc<'a>(docs: &'a [Document], id: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

fn paragraphs(d: &Document) -> Vec<&str> {
    d.body.split("\n\n").collect()
}

// ------------------------------------------------------------ demo corpus

#[test]
fn demo_corpus_ids_titles_dates_sources() {
    let (docs, warnings) = demo_corpus();
    assert!(warnings.is_empty(), "{warnings:?}");
    let expected: [(&str, &str, Option<&str>, Option<&str>); 5] = [
        (
            "000_d0036755e13d4217",
            "لافروف: نعمل على تعزيز التعاون الأمنى والعسكرى مع بلدان آسيا الوسطى",
            Some("2022-05-05"),
            None,
        ),
        (
            "001_e69d5b712425b879",
            "لافروف: المناورات المشتركة لمكافحة الإرهاب مستمرة مع باكستان",
            None,
            Some("وكالة ايسنا للأنباء"),
        ),
        (
            "002_a83956a0184b8b8b",
            "وزيرا الدفاع الروسي والأمريكي يبحثان \"الاستقرار الاستراتيجي\"",
            Some("2021-08-11"),
            None,
        ),
        (
            "003_5598f450e5c5e9f0",
            "لافروف: روسيا والصين تتفقان على بدء حوار حول الأمن الأوراسي",
            Some("2024-04-09"),
            Some("بوابة الوفد"),
        ),
        (
            "004_7041dd07729f8eff",
            "وشدد بوتين على أهمية السلام والاستقرار والأمن في منطقة أوراسيا",
            None,
            Some("وكالة تسنيم للأنباء"),
        ),
    ];
    assert_eq!(docs.len(), 5);
    for (d, (id, title, date, source)) in docs.iter().zip(expected) {
        assert_eq!(d.id, id);
        assert_eq!(d.rel_path, format!("{id}.txt"));
        assert_eq!(d.kind, SourceKind::Text);
        assert_eq!(d.title, title, "title of {id}");
        assert_eq!(d.date.as_deref(), date, "date of {id}");
        assert_eq!(d.source.as_deref(), source, "source of {id}");
    }
}

#[test]
fn demo_corpus_bodies() {
    let (docs, _) = demo_corpus();
    for d in &docs {
        assert!(!d.body.is_empty(), "{}", d.id);
        assert_eq!(d.body.trim(), d.body, "{}: untrimmed body", d.id);
        assert!(!d.body.contains("\n\n\n"), "{}", d.id);
        for p in paragraphs(d) {
            assert!(!p.is_empty(), "{}: empty paragraph", d.id);
            assert!(!p.contains('\n') && !p.contains("  "), "{}: {p:?}", d.id);
        }
        // A repeated title glued to a caption (002) may stay; a bare repeat may not.
        assert_ne!(paragraphs(d)[0], d.title, "{}: title repeated", d.id);
    }

    // The "عربي" label is neither the title nor in the body.
    let d1 = doc(&docs, "001_e69d5b712425b879");
    assert!(d1.body.starts_with("وبحسب وكالة أنباء الطلبة الروسية"));
    assert!(!d1.body.contains("المصدر"));

    // The date line stays in the body; source and keywords lines do not.
    let d3 = doc(&docs, "003_5598f450e5c5e9f0");
    assert_eq!(paragraphs(d3)[0], "تاريخ النشر: 9th, April 2024 GMT");
    assert!(!d3.body.contains("المصدر: بوابة الوفد"));
    assert!(!d3.body.contains("كلمات دلالية"));
    assert_eq!(
        d3.keywords,
        ["لافروف الأمن الأوراسي الصين سيرجي لافروف وزير الخارجية الصيني"]
    );

    let d4 = doc(&docs, "004_7041dd07729f8eff");
    assert!(!d4.body.contains("مصدر |"));
    assert!(d4.body.contains("الخميس/ 9 نوفمبر"));

    let d0 = doc(&docs, "000_d0036755e13d4217");
    assert_eq!(paragraphs(d0)[0], "الخميس، 05 مايو 2022 12:35 م");
}

// ------------------------------------------------------------ dates

#[test]
fn date_parser_table() {
    let cases: &[(&str, &str)] = &[
        // The demo corpus's forms.
        ("الخميس، 05 مايو 2022 12:35 م", "2022-05-05"),
        ("عرب وعالم11-8-2021 | 19:22", "2021-08-11"),
        ("تاريخ النشر: 9th, April 2024 GMT", "2024-04-09"),
        // ISO and numeric.
        ("2024-04-09", "2024-04-09"),
        ("2024-04-09T10:30:00+03:00", "2024-04-09"),
        ("2024/4/9", "2024-04-09"),
        ("2024-04", "2024-04"),
        ("9/4/2024", "2024-04-09"),
        ("09.04.2024", "2024-04-09"),
        ("12/25/2024", "2024-12-25"),
        // Arabic-Indic and Persian digits.
        ("٩/٤/٢٠٢٤", "2024-04-09"),
        ("الثلاثاء ٠٩ أبريل ٢٠٢٤", "2024-04-09"),
        ("۱۵ نوفمبر ۲۰۲۳", "2023-11-15"),
        // Egyptian month names and spelling variants.
        ("1 يناير 2024", "2024-01-01"),
        ("29 فبراير 2024", "2024-02-29"),
        ("3 مارس 2020", "2020-03-03"),
        ("9 ابريل 2024", "2024-04-09"),
        ("9 إبريل 2024", "2024-04-09"),
        ("30 يونيه 2013", "2013-06-30"),
        ("23 يوليه 1952", "1952-07-23"),
        ("15 أغسطس 2021", "2021-08-15"),
        ("11 سبتمبر 2001", "2001-09-11"),
        ("6 أكتوبر 1973", "1973-10-06"),
        ("31 ديسمبر 2023", "2023-12-31"),
        // Levantine month names, including the two-word ones.
        ("15 كانون الثاني 2023", "2023-01-15"),
        ("1 شباط 2022", "2022-02-01"),
        ("8 آذار 2021", "2021-03-08"),
        ("9 نيسان 2024", "2024-04-09"),
        ("3 أيار 2022", "2022-05-03"),
        ("5 حزيران 1967", "1967-06-05"),
        ("14 تموز 1958", "1958-07-14"),
        ("4 آب 2020", "2020-08-04"),
        ("1 أيلول 2019", "2019-09-01"),
        ("6 تشرين الأول 1973", "1973-10-06"),
        ("22 تشرين الثاني 1943", "1943-11-22"),
        ("25 كانون الأول 2022", "2022-12-25"),
        ("٣ أيار/مايو ٢٠٢٢", "2022-05-03"),
        ("نيسان 2024", "2024-04"),
        // Maghrebi and English names.
        ("5 جويلية 1962", "1962-07-05"),
        ("April 9, 2024", "2024-04-09"),
        ("9 Apr 2024", "2024-04-09"),
        ("Published on 1st March 2023", "2023-03-01"),
        ("December 2023", "2023-12"),
    ];
    for (input, want) in cases {
        assert_eq!(parse_date(input).as_deref(), Some(*want), "{input}");
    }
}

#[test]
fn date_parser_rejects() {
    let cases = [
        // Impossible dates.
        "31 فبراير 2024",
        "29 فبراير 2023",
        "30/02/2024",
        "32-1-2024",
        "2024-13-01",
        "2024-00-10",
        "0 مايو 2022",
        "31 نيسان 2024",
        "2023-02-29",
        "13/13/2024",
        // Out-of-range years.
        "1 يناير 1200",
        // Day and month without a year: the year is never guessed.
        "الخميس/ 9 نوفمبر",
        "9 November",
        // No date at all, or numbers that are not dates.
        "",
        "لا يوجد تاريخ هنا",
        "19:22",
        "30.5 مليار دولار",
        "بين عامي 2010 و 2021",
    ];
    for input in cases {
        assert_eq!(parse_date(input), None, "{input}");
    }
}

#[test]
fn dates_in_running_text_are_not_publication_dates() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "عنوان الخبر هنا\nقال الوزير في مؤتمر صحفي إن الاجتماع الذي عقد في 18 مارس 2021 كان مثمرا وبناء للغاية وإن الجانبين اتفقا على مواصلة الحوار.\n",
    );
    let (docs, _) = read_corpus(&[dir.path().to_path_buf()]);
    assert_eq!(docs[0].date, None);
}

// ------------------------------------------------------- source, keywords

#[test]
fn source_and_keyword_lines() {
    assert_eq!(
        parse_source_line("المصدر: بوابة الوفد").as_deref(),
        Some("بوابة الوفد")
    );
    assert_eq!(
        parse_source_line("المصدر : وكالة ايسنا للأنباء.").as_deref(),
        Some("وكالة ايسنا للأنباء")
    );
    assert_eq!(
        parse_source_line("مصدر | وكالة تسنيم للأنباء |").as_deref(),
        Some("وكالة تسنيم للأنباء")
    );
    assert_eq!(
        parse_source_line("Source: Reuters").as_deref(),
        Some("Reuters")
    );
    // Sentences that start with "مصدر" are not source lines.
    assert_eq!(parse_source_line("مصدر مطلع: الاجتماع تأجل"), None);
    assert_eq!(parse_source_line("مصدرها غير معروف"), None);
    assert_eq!(parse_source_line("المصدر:"), None);

    assert_eq!(
        parse_keywords_line("كلمات دلالية: روسيا، الصين، الأمن الأوراسي"),
        Some(vec!["روسيا".into(), "الصين".into(), "الأمن الأوراسي".into()])
    );
    assert_eq!(
        parse_keywords_line("Keywords: a, b ,c"),
        Some(vec!["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(parse_keywords_line("كلمات كثيرة في جملة"), None);
}

// ------------------------------------------------------------ HTML

const HTML_PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar"><head>
<meta charset="utf-8">
<title>عنوان الصفحة</title>
<meta property="article:published_time" content="2024-04-09T08:00:00Z">
<style>body { color: red }</style>
<script>var secret = "SCRIPT_TEXT";</script>
</head><body>
<header><a href="/">HEADER_TEXT</a></header>
<nav><ul><li>NAV_TEXT</li></ul></nav>
<main>
  <h1>العنوان الرئيسي</h1>
  <p>الفقرة   الأولى
     من النص.</p>
  <div>فقرة ثانية<br>سطر ثالث</div>
  <script>SCRIPT_IN_MAIN</script>
  <aside>ASIDE_TEXT</aside>
  <p hidden>HIDDEN_TEXT</p>
  <span aria-hidden="true">ARIA_HIDDEN_TEXT</span>
  <form><button>FORM_TEXT</button></form>
  <ul><li>عنصر <b>أول</b></li><li>عنصر ثان</li></ul>
</main>
<footer>FOOTER_TEXT</footer>
</body></html>"#;

#[test]
fn html_main_text_only() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "news/page.html", HTML_PAGE);
    let (docs, warnings) = read_corpus(&[dir.path().to_path_buf()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = &docs[0];
    assert_eq!(d.id, "news/page");
    assert_eq!(d.rel_path, "news/page.html");
    assert_eq!(d.kind, SourceKind::Html);
    assert_eq!(d.title, "عنوان الصفحة");
    assert_eq!(d.date.as_deref(), Some("2024-04-09"));
    assert_eq!(
        paragraphs(d),
        [
            "العنوان الرئيسي",
            "الفقرة الأولى من النص.",
            "فقرة ثانية",
            "سطر ثالث",
            "عنصر أول",
            "عنصر ثان"
        ]
    );
    for junk in [
        "SCRIPT", "HEADER", "NAV", "ASIDE", "HIDDEN", "FORM", "FOOTER", "color",
    ] {
        assert!(!d.body.contains(junk), "{junk} leaked into {:?}", d.body);
    }
}

#[test]
fn html_fallbacks_article_h1_time() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.htm",
        "<html><body><nav>NAV</nav><h1>Heading title</h1>\
         <article><p>Article text.</p><time datetime=\"2023-11-15\">yesterday</time></article>\
         <p>Outside the article.</p></body></html>",
    );
    write(
        dir.path(),
        "b.html",
        "<html><body><p>المصدر: وكالة الأنباء</p><p>نص في الجسم.</p></body></html>",
    );
    let (docs, warnings) = read_corpus(&[dir.path().to_path_buf()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let a = doc(&docs, "a");
    assert_eq!(a.title, "Heading title");
    assert_eq!(a.date.as_deref(), Some("2023-11-15"));
    assert_eq!(paragraphs(a), ["Article text.", "yesterday"]);
    let b = doc(&docs, "b");
    assert_eq!(b.body, "نص في الجسم.");
    assert_eq!(b.source.as_deref(), Some("وكالة الأنباء"));
    // No <title> and no <h1>: the file name.
    assert_eq!(b.title, "b");
}

// ------------------------------------------------------------ Markdown

#[test]
fn markdown_front_matter_and_stripping() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "posts/first.md",
        "---\n\
         title: \"مقال: عن البحث\"\n\
         date: 2024-04-09\n\
         source: 'مدونة فهرس'\n\
         tags: [بحث, عربي]\n\
         layout: post\n\
         ---\n\
         # عنوان داخلي\n\
         \n\
         نص **غامق** و*مائل* مع [رابط](https://example.com/a_(b)) و`كود`.\n\
         سطر ثان من الفقرة نفسها.\n\
         \n\
         ![صورة](img.png)\n\
         \n\
         - عنصر أول\n\
         - عنصر ثان\n\
         \n\
         > اقتباس مهم\n\
         \n\
         ```rust\n\
         let x = a_b * 2;\n\
         ```\n\
         \n\
         [ref]: https://example.com\n\
         snake_case stays, 2 * 3 stays.\n",
    );
    let (docs, warnings) = read_corpus(&[dir.path().to_path_buf()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = &docs[0];
    assert_eq!(d.id, "posts/first");
    assert_eq!(d.kind, SourceKind::Markdown);
    assert_eq!(d.title, "مقال: عن البحث");
    assert_eq!(d.date.as_deref(), Some("2024-04-09"));
    assert_eq!(d.source.as_deref(), Some("مدونة فهرس"));
    assert_eq!(d.keywords, ["بحث", "عربي"]);
    assert_eq!(
        paragraphs(d),
        [
            "عنوان داخلي",
            "نص غامق ومائل مع رابط وكود. سطر ثان من الفقرة نفسها.",
            "عنصر أول",
            "عنصر ثان",
            "اقتباس مهم",
            "let x = a_b * 2;",
            "snake_case stays, 2 * 3 stays.",
        ]
    );
}

#[test]
fn markdown_title_from_heading_or_first_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "h.markdown",
        "Intro line before.\n\n# The _Title_\n\nBody text.\n",
    );
    write(dir.path(), "plain.md", "First line\nsecond line\n\nmore\n");
    let (docs, _) = read_corpus(&[dir.path().to_path_buf()]);
    let h = doc(&docs, "h");
    assert_eq!(h.title, "The Title");
    assert_eq!(paragraphs(h), ["Intro line before.", "Body text."]);
    let p = doc(&docs, "plain");
    assert_eq!(p.title, "First line");
    assert_eq!(paragraphs(p), ["second line", "more"]);
}

// ------------------------------------------------------------ text

#[test]
fn text_title_and_label_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "label.txt",
        "\n\nعربي\n\nعنوان الخبر الحقيقي\nنص الخبر.\n",
    );
    write(dir.path(), "oneword.txt", "Title\nx\n");
    write(
        dir.path(),
        "crlf.txt",
        "\u{FEFF}Title line\r\n\r\n  Body   line\r\n",
    );
    let (docs, warnings) = read_corpus(&[dir.path().to_path_buf()]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let l = doc(&docs, "label");
    assert_eq!(l.title, "عنوان الخبر الحقيقي");
    assert_eq!(l.body, "نص الخبر.");
    // A single word followed by a shorter line is the title.
    assert_eq!(doc(&docs, "oneword").title, "Title");
    let c = doc(&docs, "crlf");
    assert_eq!(c.title, "Title line");
    assert_eq!(c.body, "Body line");
}

// ------------------------------------------------------- bad files, walking

#[test]
fn bad_files_become_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(dir.path(), "binary.txt", b"abc\0\x01\x02def");
    let empty = write(dir.path(), "empty.md", b"");
    let blank = write(dir.path(), "blank.txt", b" \n\t\n");
    let latin1 = write(dir.path(), "latin1.txt", b"caf\xe9 au lait\n");
    let scripts = write(
        dir.path(),
        "scripts.html",
        "<html><body><script>x()</script><nav>menu</nav></body></html>",
    );
    write(dir.path(), "good.txt", "عنوان\nنص جيد.\n");
    let (docs, warnings) = read_corpus(&[dir.path().to_path_buf()]);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "good");
    let reason = |p: &Path| {
        warnings
            .iter()
            .find(|w| w.path == p)
            .unwrap_or_else(|| panic!("no warning for {}: {warnings:?}", p.display()))
            .reason
            .clone()
    };
    assert!(reason(&binary).contains("binary"));
    assert!(reason(&empty).contains("empty"));
    assert!(reason(&blank).contains("empty"));
    assert!(reason(&latin1).contains("UTF-8"));
    assert!(reason(&scripts).contains("no text"));
    assert_eq!(warnings.len(), 5);
}

#[test]
fn walking_ids_filters_duplicates_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b/z.txt", "Z title\nz body\n");
    write(root, "a.md", "# A\n\nfrom md\n");
    let dup = write(root, "a.txt", "A txt\nfrom txt\n");
    write(root, "b/c/deep.HTML", "<title>Deep</title><p>deep body</p>");
    write(root, "notes.pdf", "ignored");
    write(root, "image.png", "ignored");
    write(root, ".hidden/secret.txt", "Secret\nhidden\n");
    write(root, ".dotfile.txt", "Dot\nhidden\n");
    write(root, "node_modules/pkg/readme.md", "# Pkg\n\nno\n");
    let other = tempfile::tempdir().unwrap();
    let single = write(other.path(), "single-input.txt", "Single\nfile input\n");

    let (docs, warnings) = read_corpus(&[root.to_path_buf(), single.clone()]);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b/c/deep", "b/z", "single-input"]);
    assert_eq!(doc(&docs, "a").kind, SourceKind::Markdown);
    assert_eq!(doc(&docs, "a").body, "from md");
    assert_eq!(doc(&docs, "b/c/deep").rel_path, "b/c/deep.HTML");
    assert_eq!(doc(&docs, "single-input").rel_path, "single-input.txt");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, dup);
    assert!(warnings[0].reason.contains("duplicate"));

    // A missing input and an unsupported single file are warnings too.
    let missing = root.join("missing");
    let pdf = root.join("notes.pdf");
    let (docs, warnings) = read_corpus(&[missing.clone(), pdf.clone()]);
    assert!(docs.is_empty());
    let paths: Vec<&Path> = warnings.iter().map(|w| w.path.as_path()).collect();
    assert_eq!(paths, [missing.as_path(), pdf.as_path()]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "x.txt", "Outside\ntext\n");
    write(dir.path(), "in.txt", "Inside\ntext\n");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("x.txt"), dir.path().join("x.txt")).unwrap();
    let (docs, _) = read_corpus(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["in"]);
}

// ------------------------------------------------------------ render_page

fn sample(title: &str, body: &str) -> Document {
    Document {
        id: "x".into(),
        rel_path: "x.txt".into(),
        kind: SourceKind::Text,
        title: title.into(),
        body: body.into(),
        date: Some("2022-05-05".into()),
        source: Some("وكالة <أنباء> \"س\"".into()),
        keywords: vec!["k<1>".into()],
        filters: Vec::new(),
    }
}

#[test]
fn render_page_escapes_everything() {
    let d = sample(
        "عنوان <script>alert(1)</script>",
        "فقرة <script>alert(1)</script> & 'x'\n\nفقرة \"ثانية\"",
    );
    let html = render_page(&d, "../../index.html?q=\"x\"&a=<b>", "../highlight.js");
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("alert(1)</script>"));
    assert!(html.contains("عنوان &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html
        .contains("<p id=\"p1\">فقرة &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;</p>"));
    assert!(html.contains("<p id=\"p2\">فقرة &quot;ثانية&quot;</p>"));
    assert!(html.contains("وكالة &lt;أنباء&gt; &quot;س&quot;"));
    assert!(html.contains("k&lt;1&gt;"));
    assert!(html.contains("href=\"../../index.html?q=&quot;x&quot;&amp;a=&lt;b&gt;\""));
    assert_eq!(
        escape_html("<a href='x'>&\"</a>"),
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
    );
}

#[test]
fn render_page_structure_and_direction() {
    let ar = render_page(
        &sample("عنوان", "نص عربي.\n\nفقرة ثانية."),
        "../index.html",
        "../highlight.js",
    );
    assert!(ar.starts_with("<!DOCTYPE html>"));
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.contains("<meta charset=\"utf-8\">"));
    assert!(ar.contains("name=\"viewport\""));
    assert!(ar.contains("<title>عنوان</title>"));
    assert!(ar.contains("<article>") && ar.contains("<h1>عنوان</h1>"));
    assert!(ar.contains("<time datetime=\"2022-05-05\">"));
    assert!(ar.contains("href=\"../index.html\""));
    assert!(ar.contains("<p id=\"p2\">فقرة ثانية.</p>"));
    assert!(!ar.contains("id=\"p3\""));
    assert!(ar.contains("prefers-color-scheme: dark"));
    assert!(ar.trim_end().ends_with("</html>"));

    let mut en = sample("Title", "English text.");
    en.date = None;
    en.source = None;
    en.keywords.clear();
    let en = render_page(&en, "../index.html", "../highlight.js");
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(!en.contains("<time"));
}

#[test]
fn render_demo_documents() {
    let (docs, _) = demo_corpus();
    for d in &docs {
        let html = render_page(d, "../../index.html", "../highlight.js");
        assert!(html.contains("dir=\"rtl\""), "{}", d.id);
        let n = d.body.split("\n\n").count();
        assert!(html.contains(&format!("id=\"p{n}\"")), "{}", d.id);
        if let Some(date) = &d.date {
            assert!(html.contains(&format!("<time datetime=\"{date}\">")));
        }
    }
}
