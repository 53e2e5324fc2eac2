//! Plain-text (`.txt`) sources, typically scraped news articles: the title
//! is the first non-empty line, every further non-empty line is a paragraph.
//!
//! Scraped pages sometimes start with a one-word section or language label
//! ("عربي"); when the first line is such a label and a longer line follows,
//! the label is dropped and the next line is the title.

use super::Parsed;

/// Longest first line (in characters) still taken for a section label.
const MAX_LABEL_CHARS: usize = 15;

/// Parse a `.txt` file.
pub(super) fn parse(text: &str) -> Parsed {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return Parsed::default();
    };
    let mut rest: Vec<&str> = lines.collect();
    let title = match rest.first() {
        Some(next) if is_label(first, next) => rest.remove(0),
        _ => first,
    };
    Parsed {
        title: title.to_string(),
        paragraphs: rest.into_iter().map(str::to_string).collect(),
        ..Parsed::default()
    }
}

/// A single short word followed by a longer line: a section label, not a title.
fn is_label(first: &str, next: &str) -> bool {
    let chars = first.chars().count();
    !first.contains(char::is_whitespace)
        && chars <= MAX_LABEL_CHARS
        && next.contains(char::is_whitespace)
        && next.chars().count() > chars
}
