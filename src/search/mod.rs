//! Search over a loaded [`Index`]: the same code answers the CLI and the
//! browser, so both give the same results for the same query.
//!
//! query (parse the text into terms) → expand (terms to dictionary words
//! through the fst: exact, other clitic forms, stem, prefix, typo) → score
//! (coverage of the query, then BM25F over title and body) → excerpt (best
//! passage, `<mark>`ed).

mod excerpt;
mod expand;
mod filter;
mod order;
mod query;
mod score;
mod typo;

pub use crate::html::escape_html;
pub use filter::{FacetCounts, Sort, ValueCount, MAX_FACET_VALUES, MAX_SELECTED};
pub use query::{parse_query, Query, QueryTerm, MAX_QUERY_CHARS, MAX_TERMS};

use serde::Serialize;
use std::ops::Range;

use crate::format::{Filters, FormatError, Index, PieceId};

/// What to return, and how.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    /// (facet, values): keep documents with any of the values, for every
    /// facet named. With no query words, every such document is listed.
    pub filters: Vec<(String, Vec<String>)>,
    pub sort: Sort,
    /// Count facet values among the results.
    pub facets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            filters: Vec::new(),
            sort: Sort::Relevance,
            facets: false,
        }
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
    /// Per facet, how many of the results (ignoring that facet's own
    /// selection) have each value; only when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<FacetCounts>,
    /// Words of the query (as typed) that no document has in any form, not
    /// even a near-miss: what a page can tell the visitor is not there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// When nothing was found and other words are left: the query without
    /// the missing ones, for a page to offer ("search for … instead").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<String>,
    /// The query with its unfinished last word completed to the most
    /// frequent word it can become: where the next keystrokes likely lead,
    /// for a browser to fetch ahead. Not part of the JSON.
    #[serde(skip)]
    pub likely_next: Option<String>,
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
    /// Plain text, like the title.
    pub source: Option<String>,
    /// The matched words as this document spells them, for highlighting on
    /// its page (`fahras.js` puts them in the result's `link`).
    pub marks: Vec<String>,
    /// `p<n>`: the paragraph of the best passage on the generated article page.
    pub anchor: Option<String>,
}

/// Where a search stands after one step over a partly fetched index.
#[derive(Debug)]
pub enum Step {
    Done(SearchResults),
    /// These pieces must be added (`Index::add_piece`) before the search
    /// can go further; then run the step again.
    Need(Vec<PieceId>),
}

/// Run `query` against an index whose pieces may not all be there yet.
/// The search goes as far as the pieces allow and stops at the first stage
/// that lacks some: the dictionary pieces its words fall in (then, for
/// words the index barely knows, their near-misses and rarer forms), the
/// postings they name, the documents it shows. A caller fetching pieces on
/// demand runs the step, adds what it names, and repeats: three to five
/// rounds for a new query, none for one whose pieces are cached.
pub fn search_step(index: &Index, query: &str, opts: &SearchOptions) -> Result<Step, FormatError> {
    search_step_with(index, query, opts, &mut None)
}

/// A query ranked, waiting only for the documents it shows.
#[derive(Debug, Clone)]
pub struct Ranked {
    ranked: Vec<(u32, f32)>,
    facets: Vec<FacetCounts>,
    expanded: Vec<expand::Expanded>,
    /// Where the query has the words found nowhere.
    missing: Vec<Range<usize>>,
    /// Some other word of the query is found somewhere.
    others_found: bool,
}

/// [`search_step`], keeping the ranking in `kept` once it is complete, so
/// that the round that fetches the documents does not rank again. `kept`
/// must start as `None` for each new query (and options).
pub fn search_step_with(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
    kept: &mut Option<Ranked>,
) -> Result<Step, FormatError> {
    let _ = index.take_missing();
    if kept.is_none() {
        match rank_query(index, query, opts)? {
            Ok(r) => *kept = Some(r),
            Err(need) => return Ok(Step::Need(need)),
        }
    }
    let Some(r) = kept.as_ref() else {
        unreachable!("set above")
    };
    show(index, query, opts, r)
}

/// Expand, rank, filter and sort; the pieces still missing, if any.
fn rank_query(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
) -> Result<Result<Ranked, Vec<PieceId>>, FormatError> {
    let parsed = parse_query(query);
    let wants_filters = !opts.filters.is_empty()
        || !parsed.sources.is_empty()
        || opts.facets
        || opts.sort != Sort::Relevance;
    let filters_piece = if wants_filters { index.filters() } else { None };
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
            unfinished: matches!(&s.unit, query::Unit::Term(t) if t.prefix),
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
    if index.has_missing() {
        return Ok(Err(index.take_missing()));
    }
    let no_filters = Filters::default();
    let filters: &Filters = filters_piece.as_deref().unwrap_or(&no_filters);
    let selection =
        filter::Selection::new(filters, index.doc_count(), &opts.filters, &parsed.sources);
    // (document, score), best first: the query's matches or, for a query of
    // filters only (or only a sort order), every document.
    let ranked: Vec<(u32, f32)> = if !parsed.is_empty() {
        // Sorted by date, every document's relevance decides ties.
        let want = if opts.sort == Sort::Relevance {
            opts.limit
        } else {
            usize::MAX
        };
        score::rank(index, &clauses, &excluded, want, &|d| selection.allows(d))?
            .into_iter()
            .map(|r| (r.doc, r.score))
            .collect()
    } else if !selection.is_empty() || (opts.sort != Sort::Relevance && query.trim().is_empty()) {
        (0..index.doc_count()).map(|d| (d, 0.0)).collect()
    } else {
        Vec::new()
    };
    if index.has_missing() {
        return Ok(Err(index.take_missing()));
    }
    let facets = if opts.facets {
        let matched: Vec<u32> = ranked.iter().map(|r| r.0).collect();
        selection.facet_counts(filters, index.doc_count(), &matched)
    } else {
        Vec::new()
    };
    let mut ranked: Vec<(u32, f32)> = ranked
        .into_iter()
        .filter(|(d, _)| selection.allows(*d))
        .collect();
    filter::sort_by_date(filters, &mut ranked, |r| r.0, opts.sort);
    // Excerpts mark every wanted word, phrase words included.
    let expanded: Vec<expand::Expanded> = clauses
        .iter()
        .flatten()
        .flat_map(|s| match &s.unit {
            score::Unit::Term(e) => vec![e.clone()],
            score::Unit::Phrase(w) => w.iter().map(|(_, e)| e.clone()).collect(),
        })
        .collect();
    let others_found = expanded.iter().any(|e| !e.postings.is_empty());
    Ok(Ok(Ranked {
        ranked,
        facets,
        expanded,
        missing: missing_words(&clauses, &parsed.spans),
        others_found,
    }))
}

/// Where the query has its plain words that matched nothing at all (a
/// word still being typed is not missing yet).
fn missing_words(
    clauses: &[Vec<score::Scoped>],
    spans: &[Option<Range<usize>>],
) -> Vec<Range<usize>> {
    clauses
        .iter()
        .zip(spans)
        .filter_map(|(clause, span)| match clause.as_slice() {
            [score::Scoped {
                unit: score::Unit::Term(e),
                unfinished: false,
                ..
            }] if e.postings.is_empty() => span.clone(),
            _ => None,
        })
        .collect()
}

/// `query` without the words at `cut`, spaces tidied; `None` if nothing
/// would be left.
fn without(query: &str, cut: &[Range<usize>]) -> Option<String> {
    let mut kept = String::with_capacity(query.len());
    let mut gap = false;
    for (i, c) in query.char_indices() {
        if c.is_whitespace() || cut.iter().any(|r| r.contains(&i)) {
            gap = true;
            continue;
        }
        if gap && !kept.is_empty() {
            kept.push(' ');
        }
        gap = false;
        kept.push(c);
    }
    (!kept.is_empty()).then_some(kept)
}

/// The first `opts.limit` ranked documents with their excerpts, or the
/// document pieces still missing.
fn show(index: &Index, query: &str, opts: &SearchOptions, r: &Ranked) -> Result<Step, FormatError> {
    let Ranked {
        ranked,
        facets,
        expanded,
        missing,
        others_found,
    } = r;
    let mut results = Vec::with_capacity(opts.limit.min(ranked.len()));
    for &(d, score) in ranked.iter().take(opts.limit) {
        // Documents not fetched yet are skipped here; all of them are then
        // asked for at once.
        let Some(doc) = index.doc(d)? else {
            continue;
        };
        let ex = excerpt::excerpt(&doc.body, expanded);
        results.push(Hit {
            id: doc.id,
            url: doc.url,
            title: doc.title,
            score: (f64::from(score) * 1000.0).round() / 1000.0,
            excerpt: ex.html,
            date: doc.date,
            source: doc.source,
            marks: ex.marks,
            anchor: ex.anchor,
        });
    }
    if index.has_missing() {
        return Ok(Step::Need(index.take_missing()));
    }
    Ok(Step::Done(SearchResults {
        query: query.to_string(),
        total: ranked.len(),
        results,
        facets: facets.clone(),
        missing: missing
            .iter()
            .filter_map(|r| query.get(r.clone()))
            .map(str::to_string)
            .collect(),
        retry: if ranked.is_empty() && !missing.is_empty() && *others_found {
            without(query, missing)
        } else {
            None
        },
        likely_next: likely_next(query, expanded),
    }))
}

/// `query` with its last word replaced by the likely completion, if the
/// last word is being typed and has one.
fn likely_next(query: &str, expanded: &[expand::Expanded]) -> Option<String> {
    let (word, _) = expanded.iter().rev().find_map(|e| e.likely.clone())?;
    let head = query.trim_end_matches(|c: char| !c.is_whitespace());
    Some(format!("{head}{word} "))
}

/// Run `query` against `index`, which must hold every piece the query
/// needs (as [`Index::open`] gives it).
pub fn search(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResults, FormatError> {
    match search_step(index, query, opts)? {
        Step::Done(r) => Ok(r),
        Step::Need(ids) => Err(FormatError::Missing {
            file: ids.first().map(|&id| index.path(id)).unwrap_or_default(),
        }),
    }
}
