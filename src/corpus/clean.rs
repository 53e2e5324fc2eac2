//! Paragraph clean-up shared by every source kind: whitespace collapsing,
//! dropping empty paragraphs, and site-furniture removal.
//!
//! # Site furniture
//!
//! Scraped news pages carry lines that are not content: share buttons,
//! comment forms, "back to top" links, related-article blocks, footers.
//! Left in, they would be indexed (a search for تعليق, "comment", would
//! find every page with a comment form) and shown in excerpts and article
//! pages. The rules, applied to body paragraphs only — the title is never
//! touched:
//!
//! 1. **Markup artefacts** at the start of a line, left where a scraper cut
//!    inside a tag (`=”text-align:justify”>`, `style="…">`, `<p dir="rtl">`),
//!    are stripped; the rest of the line stays.
//! 2. **Empty of words**: a short line with no letter or digit ("#", ".",
//!    "*", "|") is dropped.
//! 3. **Known furniture lines** ([`FURNITURE`]: "مشاركة", "الرجوع الى أعلى
//!    الصفحة", "نهاية الرسالة", …) are dropped wherever they are.
//! 4. **End markers**: a "read also" heading ([`READ_ALSO`], "إقرأ أيضاً:",
//!    "أخبار ذات صلة", …; also with the linked title on the same line) or a
//!    comment prompt ([`COMMENT_PROMPTS`], "أضف تعليق", "اترك تعليقاً", …)
//!    in the second half of the body (by characters) ends the article:
//!    what follows is another article, the comments or the footer, and is
//!    cut. Earlier in the body only the marker line itself is dropped (a
//!    page may put its comment link under the headline, a related link
//!    between paragraphs).
//! 5. **Corpus-wide repeats** ([`remove_repeated_lines`]): a line of at most
//!    [`MAX_FURNITURE_WORDS`] words found verbatim (after whitespace
//!    collapsing) in at least max(3, 20%) of the documents is a site's
//!    template (a footer, a newsletter box), not content. Needs at least 3
//!    documents.
//!
//! Rules 3 and 4 compare the *normalised* line: every word through
//! [`normalize_word`], so hamza seats (أ/ا), ى/ي, ة/ه, tashkeel, tatweel and
//! punctuation ("تعليقاً" / "تعليقا", a trailing ":" or ".") do not matter.
//!
//! Runs after the source and keywords lines were taken out (they often sit
//! below an end marker, e.g. "المصدر" after "نهاية الرسالة").

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::Document;
use crate::analysis::normalize_word;

/// Only lines of at most this many words can be furniture (rules 2, 3, 5);
/// longer ones are running text.
const MAX_FURNITURE_WORDS: usize = 12;

/// Lines that are furniture wherever they appear. An entry ending in " …"
/// matches any short line beginning with it. Written as pages show them;
/// matched normalised, so one spelling covers its variants.
const FURNITURE: &[&str] = &[
    // Share and print buttons.
    "مشاركة",
    "شارك",
    "شارك الخبر",
    "مشاركة الخبر",
    "طباعة",
    // Comment-form leftovers (the prompts themselves are end markers).
    "تم أضافة تعليقك سوف يظهر بعد المراجعة",
    "لن يتم نشر عنوان بريدك الإلكتروني …",
    // Navigation.
    "الرجوع الى أعلى الصفحة",
    "العودة إلى أعلى الصفحة",
    "العودة إلى الأعلى",
    "زر الذهاب إلى الأعلى",
    "back to top",
    // Agency end-of-dispatch mark (IRNA, ISNA, …).
    "نهاية الرسالة",
    // Sidebar headings and ad slots.
    "مقال رئيس التحرير",
    "إعلان",
    "advertisement",
];

/// "Read also" / related-article headings (end markers, rule 4). A line
/// beginning with one is a heading or a link line.
const READ_ALSO: &[&str] = &[
    "اقرأ أيضاً",
    "اقرأ كذلك",
    "اقرأ المزيد",
    "شاهد أيضاً",
    "قد يهمك أيضاً",
    "أخبار ذات صلة",
    "أخبار متعلقة",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "مقالات ذات صلة",
    "read also",
    "related articles",
    "related news",
];

/// Comment prompts (end markers, rule 4), matched as whole lines.
const COMMENT_PROMPTS: &[&str] = &[
    "أضف تعليق",
    "أضف تعليقاً",
    "اضف تعليقاً واقرأ تعليقات القراء",
    "اترك تعليقاً",
    "اترك رداً",
    "التعليقات",
    "لا توجد تعليقات",
    "لا توجد تعليقات على الخبر",
    "leave a comment",
    "leave a reply",
];

/// Whitespace runs (including newlines and no-break spaces) become one
/// space; leading and trailing whitespace is removed.
pub(super) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Collapse whitespace in every paragraph and drop the empty ones.
pub(super) fn normalize_paragraphs(paragraphs: Vec<String>) -> Vec<String> {
    paragraphs
        .iter()
        .map(|p| collapse_whitespace(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The normalised patterns: whole lines, and beginnings (" …" entries and
/// the read-also headings).
struct Patterns {
    furniture: HashSet<String>,
    furniture_starts: Vec<String>,
    read_also: Vec<String>,
    comment: HashSet<String>,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let mut furniture = HashSet::new();
    let mut furniture_starts = Vec::new();
    for f in FURNITURE {
        match f.strip_suffix(" …") {
            Some(start) => furniture_starts.push(normalize_line(start)),
            None => {
                furniture.insert(normalize_line(f));
            }
        }
    }
    Patterns {
        furniture,
        furniture_starts,
        read_also: READ_ALSO.iter().map(|s| normalize_line(s)).collect(),
        comment: COMMENT_PROMPTS.iter().map(|s| normalize_line(s)).collect(),
    }
});

/// Every word normalised, the empty ones (punctuation) dropped. Only the
/// first `MAX_FURNITURE_WORDS + 1` words are looked at: enough for every
/// pattern, and a long paragraph costs no more than a short one.
fn normalize_line(line: &str) -> String {
    let words: Vec<String> = line
        .split_whitespace()
        .take(MAX_FURNITURE_WORDS + 1)
        .map(normalize_word)
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// `line` is `start`, or `start` followed by more words.
fn begins_with(line: &str, start: &str) -> bool {
    line.strip_prefix(start)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Rules 1–4 for one document's paragraphs (whitespace already collapsed).
pub(super) fn remove_furniture(paragraphs: Vec<String>) -> Vec<String> {
    let pats = &*PATTERNS;
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| match strip_markup(&p) {
            stripped if stripped.len() == p.len() => p,
            stripped => stripped.to_string(),
        })
        .filter(|p| !p.is_empty())
        .collect();
    let total: usize = paragraphs.iter().map(|p| p.chars().count()).sum();

    let mut kept = Vec::with_capacity(paragraphs.len());
    let mut before = 0; // chars of the paragraphs before this one
    for p in paragraphs {
        let at = before;
        before += p.chars().count();
        let short = p.split_whitespace().count() <= MAX_FURNITURE_WORDS;
        let norm = normalize_line(&p);
        let end_marker = pats.read_also.iter().any(|m| begins_with(&norm, m))
            || (short && pats.comment.contains(&norm));
        if end_marker {
            if 2 * at >= total {
                break;
            }
            continue;
        }
        let furniture = short
            && (norm.is_empty()
                || pats.furniture.contains(&norm)
                || pats.furniture_starts.iter().any(|s| begins_with(&norm, s)));
        if !furniture {
            kept.push(p);
        }
    }
    kept
}

/// Longest leftover tag or attribute tail (in bytes) stripped by rule 1.
const MAX_MARKUP_BYTES: usize = 200;

/// Rule 1: `line` without leftover markup at its start.
fn strip_markup(line: &str) -> &str {
    let mut s = line.trim_start();
    while let Some(rest) = after_markup(s) {
        s = rest.trim_start();
    }
    s
}

/// What follows a leftover tag (`<p dir="rtl">`) or attribute tail
/// (`=”text-align:justify”>`, `">`) at the start of `s`. Such a head has
/// no Arabic (only ASCII and typographic quotes), and either is a tag or
/// is `name="value"` with the name maybe missing (or is only quotes).
fn after_markup(s: &str) -> Option<&str> {
    let end = s.find('>')?;
    let head = &s[..end];
    if end > MAX_MARKUP_BYTES || !head.chars().all(|c| c.is_ascii() || is_quote(c)) {
        return None;
    }
    let mut chars = head.chars();
    let is_tag = chars.next() == Some('<')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
        && !head[1..].contains('<');
    let head = head.trim_end();
    // `name="value"`: a bare attribute name (maybe cut away) before the `=`,
    // so that text such as `if a = "b" > c` is left alone.
    let attr_name = head.split('=').next().unwrap_or_default();
    let is_attr_tail = !head.contains('<')
        && head.ends_with(is_quote)
        && (head.chars().all(is_quote)
            || (head.contains('=')
                && attr_name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')));
    (is_tag || is_attr_tail).then(|| &s[end + 1..])
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '″')
}

/// A line's identity for rule 5: 128 bits of two keyed SipHashes. The
/// counts of a corpus of any size fit in memory this way (24 bytes a
/// distinct line, whatever its length); two different lines share a key
/// with odds near 2^-128, so this decides exactly as comparing the text.
pub(super) type LineKey = (u64, u64);

fn line_key(line: &str) -> LineKey {
    use std::hash::{DefaultHasher, Hash, Hasher};
    // `DefaultHasher::new()` has fixed keys: the same key in every run.
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        salt.hash(&mut h);
        line.hash(&mut h);
        h.finish()
    };
    (half(0), half(1))
}

/// The paragraphs of a body that rule 5 looks at: the short ones.
fn short_lines(body: &str) -> impl Iterator<Item = &str> {
    body.split("\n\n")
        .filter(|p| p.split_whitespace().count() <= MAX_FURNITURE_WORDS)
}

/// Rule 5, first half: the distinct short lines of one document's body
/// (sorted keys; computed on any thread).
pub(super) fn line_keys(body: &str) -> Vec<LineKey> {
    let mut keys: Vec<LineKey> = short_lines(body).map(line_key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Rule 5, counting: in how many documents each short line appears. Fed
/// one document at a time, so the corpus never has to be held.
#[derive(Debug, Default)]
pub(super) struct LineCounts {
    counts: HashMap<LineKey, u32>,
    docs: usize,
}

impl LineCounts {
    /// Count one document, given its [`line_keys`].
    pub(super) fn add(&mut self, keys: &[LineKey]) {
        self.docs += 1;
        for &k in keys {
            *self.counts.entry(k).or_default() += 1;
        }
    }

    /// The lines found in at least max(3, 20%) of the documents counted
    /// (none with fewer than 3 documents).
    pub(super) fn repeated(&self) -> RepeatedLines {
        const MIN_DOCS: usize = 3;
        if self.docs < MIN_DOCS {
            return RepeatedLines::default();
        }
        let threshold = MIN_DOCS.max(self.docs.div_ceil(5));
        RepeatedLines(
            self.counts
                .iter()
                .filter(|&(_, &n)| n as usize >= threshold)
                .map(|(&k, _)| k)
                .collect(),
        )
    }
}

/// Rule 5, removing: the corpus-wide repeated lines found by [`LineCounts`].
#[derive(Debug, Default)]
pub(super) struct RepeatedLines(HashSet<LineKey>);

impl RepeatedLines {
    /// Drop the repeated lines from `body`. Titles are not looked at.
    pub(super) fn strip(&self, body: &mut String) {
        if self.0.is_empty() {
            return;
        }
        let is_repeated = |p: &str| {
            p.split_whitespace().count() <= MAX_FURNITURE_WORDS && self.0.contains(&line_key(p))
        };
        if !body.split("\n\n").any(is_repeated) {
            return;
        }
        let kept: Vec<&str> = body.split("\n\n").filter(|p| !is_repeated(p)).collect();
        *body = kept.join("\n\n");
    }
}

/// Rule 5, over a whole corpus held in memory: drop from every body the
/// short paragraphs that appear in at least max(3, 20%) of the documents.
/// Does nothing with fewer than 3 documents. Titles are not looked at.
pub(super) fn remove_repeated_lines(docs: &mut [Document]) {
    let mut counts = LineCounts::default();
    for d in docs.iter() {
        counts.add(&line_keys(&d.body));
    }
    let repeated = counts.repeated();
    for d in docs.iter_mut() {
        repeated.strip(&mut d.body);
    }
}
