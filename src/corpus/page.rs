//! Rendering a document as a readable, self-contained HTML5 page (for
//! `.txt`/`.md` sources, which have no page of their own): right-to-left
//! Arabic typography, light and dark themes, paragraphs with ids (`p1`,
//! `p2`, …) for deep links, a link back to the search page. Everything taken
//! from the document is HTML-escaped.

use std::fmt::Write;

use super::Document;
use crate::analysis::is_arabic_text;
use crate::format::paragraphs;
pub use crate::html::escape_html;

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1f1f1f; --bg: #fdfcf8; --muted: #6b6b6b; --link: #0b5cad; --rule: #e4e1d8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e6e1; --bg: #17181a; --muted: #a0a0a0; --link: #7ab7ff; --rule: #33363a; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font-size: 1.125rem; line-height: 1.7;
  font-family: "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; }
html[lang="ar"] body { font-family: "Noto Naskh Arabic", "Geeza Pro", "Segoe UI", "Traditional Arabic", "Amiri", serif;
  line-height: 1.9; font-size: 1.2rem; }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
nav { font-size: 0.95rem; margin-bottom: 1.5rem; }
a { color: var(--link); }
h1 { font-size: 1.7rem; line-height: 1.4; margin: 0 0 0.5rem; }
.meta { color: var(--muted); font-size: 0.95rem; margin: 0 0 1.5rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
.meta span + span::before { content: " · "; }
p { margin: 0 0 1.1rem; text-align: start; overflow-wrap: anywhere; }
mark { background: #ffe58a; color: inherit; }
@media (prefers-color-scheme: dark) { mark { background: #6b5612; } }
:target { scroll-margin-top: 2rem; }
.keywords { color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--rule); padding-top: 1rem; margin-top: 2rem; }
"#;

const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2022-05-05" → "5 مايو 2022" / "5 May 2022"; "2022-05" → "مايو 2022".
/// Anything else is shown as it is.
fn display_date(iso: &str, arabic: bool) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = parts
        .get(1)
        .and_then(|m| m.parse::<usize>().ok())
        .filter(|m| (1..=12).contains(m));
    let names = if arabic { &AR_MONTHS } else { &EN_MONTHS };
    match (parts.as_slice(), month) {
        ([y, _, d], Some(m)) => match d.parse::<u32>() {
            Ok(d) => format!("{d} {} {y}", names[m - 1]),
            Err(_) => iso.to_string(),
        },
        ([y, _], Some(m)) => format!("{} {y}", names[m - 1]),
        _ => iso.to_string(),
    }
}

/// A readable HTML page for a `.txt`/`.md` document (RTL when Arabic),
/// everything escaped. `search_href` links back to the search page.
pub fn render_page(doc: &Document, search_href: &str, highlight_href: &str) -> String {
    let arabic = is_arabic_text(&doc.body) || (doc.body.is_empty() && is_arabic_text(&doc.title));
    let (lang, dir) = if arabic { ("ar", "rtl") } else { ("en", "ltr") };
    let (back, source_label, keywords_label) = if arabic {
        ("العودة إلى البحث", "المصدر", "كلمات دلالية")
    } else {
        ("Back to search", "Source", "Keywords")
    };
    let title = escape_html(&doc.title);

    let mut h = String::with_capacity(doc.body.len() * 2 + 4096);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n\
         <script src=\"{script}\" defer></script>\n</head>\n<body>\n<main>\n\
         <nav><a href=\"{href}\">{back}</a></nav>\n<article>\n<h1>{title}</h1>\n",
        href = escape_html(search_href),
        script = escape_html(highlight_href),
    );

    let mut meta = Vec::new();
    if let Some(date) = &doc.date {
        meta.push(format!(
            "<span><time datetime=\"{}\">{}</time></span>",
            escape_html(date),
            escape_html(&display_date(date, arabic))
        ));
    }
    if let Some(source) = &doc.source {
        meta.push(format!(
            "<span>{source_label}: {}</span>",
            escape_html(source)
        ));
    }
    if !meta.is_empty() {
        let _ = writeln!(h, "<p class=\"meta\">{}</p>", meta.join(""));
    }

    for (i, (_, p)) in paragraphs(&doc.body).into_iter().enumerate() {
        let _ = writeln!(h, "<p id=\"p{}\">{}</p>", i + 1, escape_html(p));
    }

    if !doc.keywords.is_empty() {
        let words: Vec<String> = doc.keywords.iter().map(|k| escape_html(k)).collect();
        let sep = if arabic { "، " } else { ", " };
        let _ = writeln!(
            h,
            "<p class=\"keywords\">{keywords_label}: {}</p>",
            words.join(sep)
        );
    }

    let _ = write!(
        h,
        "</article>\n<nav><a href=\"{}\">{back}</a></nav>\n</main>\n</body>\n</html>\n",
        escape_html(search_href)
    );
    h
}
