//! Search over a loaded [`Index`]: the same code answers the CLI and the
//! browser, so both give the same results for the same query.
//!
//! query (parse the text into terms) → expand (terms to dictionary words
//! through the fst: exact, other clitic forms, stem, prefix, typo) → score
//! (coverage of the query, then BM25F over title and body) → excerpt (best
//! passage, `<mark>`ed).

mod excerpt;
mod expand;
mod query;
mod score;

pub use excerpt::escape_html;
pub use query::{parse_query, Query, QueryTerm, MAX_QUERY_CHARS, MAX_TERMS};

use serde::Serialize;

use crate::format::{FormatError, Index};

/// How many results to return.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10 }
    }
}

/// Results of one query, in the JSON shape shared by `fahras search --json`
/// and the browser's `engine.search()`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResults {
    pub query: String,
    /// All matching documents, of which `results` are the first `limit`.
    pub total: usize,
    pub results: Vec<Hit>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub url: String,
    /// Plain text: escape before putting it in a page.
    pub title: String,
    pub score: f64,
    /// HTML: escaped text with matched words wrapped in `<mark>`.
    pub excerpt: String,
    pub date: Option<String>,
}

/// Run `query` against `index`.
pub fn search(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResults, FormatError> {
    let parsed = parse_query(query);
    let expand_unit = |s: &query::Scoped| -> Result<score::Scoped, FormatError> {
        let unit = match &s.unit {
            query::Unit::Term(t) => score::Unit::Term(expand::expand(index, t)?),
            query::Unit::Phrase(words) => score::Unit::Phrase(
                words
                    .iter()
                    .map(|(off, t)| Ok((*off, expand::expand(index, t)?)))
                    .collect::<Result<_, FormatError>>()?,
            ),
        };
        Ok(score::Scoped {
            unit,
            title_only: s.title_only,
        })
    };
    let clauses = parsed
        .clauses
        .iter()
        .map(|c| c.iter().map(expand_unit).collect::<Result<Vec<_>, _>>())
        .collect::<Result<Vec<_>, _>>()?;
    let excluded = parsed
        .excluded
        .iter()
        .map(expand_unit)
        .collect::<Result<Vec<_>, _>>()?;
    let ranked = score::rank(index, &clauses, &excluded)?;
    // Excerpts mark every wanted word, phrase words included.
    let expanded: Vec<expand::Expanded> = clauses
        .iter()
        .flatten()
        .flat_map(|s| match &s.unit {
            score::Unit::Term(e) => vec![e.clone()],
            score::Unit::Phrase(w) => w.iter().map(|(_, e)| e.clone()).collect(),
        })
        .collect();
    let mut results = Vec::with_capacity(opts.limit.min(ranked.len()));
    for r in ranked.iter().take(opts.limit) {
        let doc = index.doc(r.doc)?;
        let excerpt = excerpt::excerpt(&doc.body, &expanded);
        results.push(Hit {
            id: doc.id,
            url: doc.url,
            title: doc.title,
            score: (f64::from(r.score) * 1000.0).round() / 1000.0,
            excerpt,
            date: doc.date,
        });
    }
    Ok(SearchResults {
        query: query.to_string(),
        total: ranked.len(),
        results,
    })
}
