//! Excerpts: the passage of a document where the query words stand closest,
//! HTML-escaped, with each matched word wrapped in `<mark>`. Whole original
//! words are marked (clitics and tashkeel included) so Arabic letters keep
//! joining across the mark.

use super::expand::Expanded;
use std::collections::HashMap;

use crate::analysis::{stem, tokenize_unstemmed};
use crate::format::paragraphs;
use crate::html;

/// Words in an excerpt.
const WINDOW: usize = 30;
/// Most distinct matched words reported for highlighting on the article.
const MAX_MARKS: usize = 16;

/// An excerpt and what the article page needs to show the same match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt {
    /// Safe HTML: escaped text with `<mark>` around matched words.
    pub html: String,
    /// The matched words as the document spells them, first seen first.
    pub marks: Vec<String>,
    /// `p<n>`: the paragraph of the best passage (see [`paragraphs`]).
    pub anchor: Option<String>,
}

/// Escaped with whitespace folded, as an excerpt reads.
fn push_escaped(out: &mut String, s: &str) {
    html::push_escaped(out, s, true);
}

/// The best passage of `body` for `terms`, as safe HTML, with the words
/// and the paragraph a landing page highlights.
pub fn excerpt(body: &str, terms: &[Expanded]) -> Excerpt {
    let tokens = tokenize_unstemmed(body);
    if tokens.is_empty() {
        return Excerpt {
            html: {
                let mut out = String::new();
                push_escaped(&mut out, body.chars().take(200).collect::<String>().trim());
                out
            },
            ..Excerpt::default()
        };
    }
    // For each token, which query term (if any) it matches; a text
    // repeats its words, so each distinct word is stemmed and looked up once.
    let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
    let hits: Vec<Option<usize>> = tokens
        .iter()
        .map(|t| {
            *seen.entry(t.word.as_str()).or_insert_with(|| {
                let term = stem(&t.word);
                terms.iter().position(|e| e.matches(&t.word, &term))
            })
        })
        .collect();

    // Slide a window; prefer more distinct terms, then more hits, then earlier.
    let mut best = (0usize, 0usize, 0usize);
    let w = WINDOW.min(tokens.len());
    for start in 0..=tokens.len() - w {
        if hits[start].is_none() && start != 0 {
            continue;
        }
        let mut seen = 0u64;
        let mut count = 0;
        for h in hits[start..start + w].iter().flatten() {
            seen |= 1 << (h % 64);
            count += 1;
        }
        let key = (seen.count_ones() as usize, count);
        if key > (best.0, best.1) {
            best = (key.0, key.1, start);
        }
    }
    let mut marks: Vec<String> = Vec::new();
    for (t, _) in tokens.iter().zip(&hits).filter(|(_, h)| h.is_some()) {
        let w = &body[t.start..t.end];
        if marks.len() < MAX_MARKS && !marks.iter().any(|m| m == w) {
            marks.push(w.to_string());
        }
    }
    let anchor = hits[best.2].map(|_| {
        let at = tokens[best.2].start;
        let n = paragraphs(body)
            .iter()
            .take_while(|(start, _)| *start <= at)
            .count();
        format!("p{}", n.max(1))
    });
    // Start a few words before the first hit so it reads in context.
    let mut start = best.2.saturating_sub(4);
    let end = (start + w).min(tokens.len());
    if end - start < w {
        start = end.saturating_sub(w);
    }

    let from = tokens[start].start;
    let to = tokens[start..end]
        .iter()
        .map(|t| t.end)
        .max()
        .unwrap_or(from);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for (t, h) in tokens[start..end].iter().zip(&hits[start..end]) {
        // Tokens split from one hyphenated word overlap: mark each span once.
        if h.is_some() && t.start >= at {
            push_escaped(&mut out, &body[at..t.start]);
            out.push_str("<mark>");
            push_escaped(&mut out, &body[t.start..t.end]);
            out.push_str("</mark>");
            at = t.end;
        }
    }
    push_escaped(&mut out, &body[at..to]);
    if to < body.trim_end().len() {
        out.push('…');
    }
    Excerpt {
        html: out.trim().to_string(),
        marks,
        anchor,
    }
}
