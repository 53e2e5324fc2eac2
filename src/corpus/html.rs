//! HTML (`.html`, `.htm`) sources, parsed with `scraper` (html5ever, a real
//! HTML parser).
//!
//! - Title: `<title>`, else the first `<h1>`.
//! - Body: the text of `<main>`, else `<article>`, else `<body>`, skipping
//!   `script`, `style`, `noscript`, `template`, `nav`, `header`, `footer`,
//!   `aside`, `form` (and embedded `svg`, `iframe`, `canvas`, `object`),
//!   and elements with `hidden` or `aria-hidden="true"`. Block elements
//!   (p, div, li, headings, br, tr, section, article, blockquote, …) end a
//!   paragraph.
//! - Date: `<meta property="article:published_time">` (or a few common
//!   equivalents), else the first `<time datetime>`; failing both, the text
//!   is searched like any other document.
//!
//! The file must be UTF-8 (other encodings are reported, not guessed).

use scraper::{ElementRef, Html, Node, Selector};

use super::metadata::{parse_date, split_keywords};
use super::Parsed;

/// Elements whose content is never document text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
    "iframe", "canvas", "object", "embed", "head", "title",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "body",
];

/// Parse an HTML file.
pub(super) fn parse(text: &str) -> Parsed {
    let doc = Html::parse_document(text);

    let title = first_text(&doc, "title")
        .or_else(|| first_text(&doc, "h1"))
        .unwrap_or_default();

    let root = ["main", "article", "body"]
        .iter()
        .find_map(|name| doc.select(&selector(name)).next());
    let mut paragraphs = Vec::new();
    if let Some(root) = root {
        let mut current = String::new();
        collect_text(root, &mut current, &mut paragraphs);
        end_paragraph(&mut current, &mut paragraphs);
    }

    Parsed {
        title,
        paragraphs,
        date: meta_date(&doc),
        source: meta_content(&doc, &["meta[name=\"source\"]"]),
        keywords: meta_content(&doc, &["meta[name=\"keywords\"]"])
            .map(|k| split_keywords(&k))
            .unwrap_or_default(),
        filters: declared_filters(&doc),
    }
}

/// Filters the page declares, in Pagefind's style but with our attribute:
/// `data-fahras-filter="author"` takes the element's text as the value,
/// `data-fahras-filter="author:Ahmad"` (or `content`) states it.
fn declared_filters(doc: &Html) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in doc.select(&selector("[data-fahras-filter]")) {
        let Some(attr) = e.value().attr("data-fahras-filter") else {
            continue;
        };
        let (name, value) = match attr.split_once(':') {
            Some((n, v)) => (n.trim(), v.trim().to_string()),
            None => {
                let text = e.value().attr("content").map(str::to_string);
                let text = text.unwrap_or_else(|| e.text().collect::<String>());
                (attr.trim(), super::clean::collapse_whitespace(&text))
            }
        };
        if !name.is_empty() && !value.is_empty() {
            out.push((name.to_string(), value));
        }
    }
    out
}

/// A selector from a constant string (all of ours are valid).
fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

/// Whitespace-collapsed text of the first element matching `sel`, if any.
fn first_text(doc: &Html, sel: &str) -> Option<String> {
    doc.select(&selector(sel))
        .map(|e| super::clean::collapse_whitespace(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// The first non-empty `content` among the meta selectors.
fn meta_content(doc: &Html, sels: &[&str]) -> Option<String> {
    sels.iter().find_map(|s| {
        doc.select(&selector(s))
            .filter_map(|e| e.value().attr("content"))
            .map(str::trim)
            .find(|c| !c.is_empty())
            .map(str::to_string)
    })
}

/// Publication date from `<meta>` or `<time datetime>`.
fn meta_date(doc: &Html) -> Option<String> {
    let metas = [
        "meta[property=\"article:published_time\"]",
        "meta[name=\"article:published_time\"]",
        "meta[itemprop=\"datePublished\"]",
        "meta[name=\"date\"]",
        "meta[name=\"pubdate\"]",
        "meta[name=\"DC.date\"]",
    ];
    for sel in metas {
        for e in doc.select(&selector(sel)) {
            if let Some(d) = e.value().attr("content").and_then(parse_date) {
                return Some(d);
            }
        }
    }
    doc.select(&selector("time[datetime]"))
        .filter_map(|e| e.value().attr("datetime"))
        .find_map(parse_date)
}

fn is_hidden(e: &ElementRef) -> bool {
    let v = e.value();
    v.attr("hidden").is_some()
        || v.attr("aria-hidden")
            .is_some_and(|a| a.trim().eq_ignore_ascii_case("true"))
}

/// Append the text under `el` to `current`, ending paragraphs at blocks.
fn collect_text(el: ElementRef, current: &mut String, paragraphs: &mut Vec<String>) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = e.name();
                if SKIPPED.contains(&name) || is_hidden(&child_el) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    end_paragraph(current, paragraphs);
                } else if matches!(name, "td" | "th") {
                    current.push(' ');
                }
                collect_text(child_el, current, paragraphs);
                if block {
                    end_paragraph(current, paragraphs);
                }
            }
            _ => {}
        }
    }
}

fn end_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    if !current.trim().is_empty() {
        paragraphs.push(std::mem::take(current));
    } else {
        current.clear();
    }
}
