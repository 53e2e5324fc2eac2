//! Excerpts: the passage of a document where the query words stand closest,
//! HTML-escaped, with each matched word wrapped in `<mark>`. Whole original
//! words are marked (clitics and tashkeel included) so Arabic letters keep
//! joining across the mark.

use super::expand::Expanded;
use crate::analysis::tokenize;

/// Words in an excerpt.
const WINDOW: usize = 30;

/// Escape text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

fn push_escaped(out: &mut String, s: &str) {
    let mut last_space = false;
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Newlines and runs of spaces read as one space in an excerpt.
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            c => out.push(c),
        }
        last_space = false;
    }
}

/// The best passage of `body` for `terms`, as safe HTML.
pub fn excerpt(body: &str, terms: &[Expanded]) -> String {
    let tokens = tokenize(body);
    if tokens.is_empty() {
        return escape_html(body.chars().take(200).collect::<String>().trim());
    }
    // For each token, which query term (if any) it matches.
    let hits: Vec<Option<usize>> = tokens
        .iter()
        .map(|t| terms.iter().position(|e| e.matches(&t.word, &t.term)))
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
    out.trim().to_string()
}
