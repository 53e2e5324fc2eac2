//! From a corpus [`Document`] to what the index stores about it, including
//! where a result links to.

use crate::corpus::{Document, SourceKind};
use crate::format::DocRecord;

/// Folder (inside the index folder) for the readable pages of .txt/.md sources.
pub const PAGES_DIR: &str = "pages";

/// Where the readable page of a .txt/.md document goes, relative to the
/// index folder; `None` for HTML sources, which are their own page.
pub fn page_path(doc: &Document) -> Option<String> {
    match doc.kind {
        SourceKind::Html => None,
        SourceKind::Text | SourceKind::Markdown => Some(format!("{PAGES_DIR}/{}.html", doc.id)),
    }
}

/// The stored record of `doc`; its URL is `base_url` followed by the page
/// path (or the HTML source's own path).
pub fn record_for(doc: &Document, base_url: &str) -> DocRecord {
    let path = page_path(doc).unwrap_or_else(|| doc.rel_path.clone());
    DocRecord {
        id: doc.id.clone(),
        url: format!("{base_url}{}", encode_path(&path)),
        title: doc.title.clone(),
        date: doc.date.clone(),
        source: doc.source.clone(),
        body: doc.body.clone(),
        filters: filters_for(doc),
    }
}

/// The facets a document can be filtered and counted by: `source`, `year`
/// and `month` of its date, each keyword as a `tag`, its script as `lang`
/// (`ar` or `en`... see [`crate::analysis::is_arabic_text`]), and whatever
/// the source declares itself (front matter `filter_NAME:`, HTML
/// `data-fahras-filter`).
pub fn filters_for(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |name: &str, value: &str| {
        let value = value.trim();
        if !value.is_empty() {
            out.push((name.to_string(), value.to_string()));
        }
    };
    if let Some(s) = &doc.source {
        add("source", s);
    }
    if let Some(d) = &doc.date {
        add("year", d.get(..4).unwrap_or(""));
        add("month", d.get(..7).filter(|m| m.len() == 7).unwrap_or(""));
    }
    for k in &doc.keywords {
        add("tag", k);
    }
    let text = format!("{} {}", doc.title, doc.body);
    add(
        "lang",
        if crate::analysis::is_arabic_text(&text) {
            "ar"
        } else {
            "en"
        },
    );
    for (name, value) in &doc.filters {
        add(name, value);
    }
    out.sort();
    out.dedup();
    out
}

/// Percent-encode a relative path for use in a URL: `#`, `?`, `%`, spaces
/// and a leading `scheme:` (e.g. a file named `javascript:x.html`) would
/// otherwise change what the link means. Non-ASCII letters stay readable.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' | '.' | '~' | '/' => out.push(c),
            c if !c.is_ascii() && !c.is_control() && !c.is_whitespace() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_path;

    #[test]
    fn paths_cannot_turn_into_other_urls() {
        assert_eq!(
            encode_path("javascript:alert(1).html"),
            "javascript%3Aalert%281%29.html"
        );
        assert_eq!(encode_path("a b/c#d?e.html"), "a%20b/c%23d%3Fe.html");
        assert_eq!(encode_path("أخبار/مقال.html"), "أخبار/مقال.html");
    }
}
