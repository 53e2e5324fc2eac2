//! Turning query text into a [`Query`], through the same analyzer as the
//! documents.
//!
//! Syntax (read leniently: a malformed query is never an error):
//! - words: all required when some document has them all;
//! - `"…"`, `“…”`, `«…»`: a phrase, its words adjacent and in order;
//! - `-word`, `-"…"`: exclude documents that match;
//! - `a OR b`, `a أو b`: either;
//! - `title:word`, `title:"…"`: only in the title;
//! - `source:word`, `source:"…"` (or `مصدر:`): only documents whose source
//!   has those words (a filter, not a scored term).

use crate::analysis::{strip_prefixes, tokenize};
use std::ops::Range;

/// Longest query read; the rest is ignored so hostile input stays cheap.
pub const MAX_QUERY_CHARS: usize = 256;
/// Most distinct terms a query may have (phrase words included).
pub const MAX_TERMS: usize = 12;

/// One word of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// Normalised surface word.
    pub word: String,
    /// Its stem.
    pub term: String,
    /// The word without clitic prefixes, for prefix matching.
    pub bare: String,
    /// The visitor may still be typing this word: match it as a prefix too.
    pub prefix: bool,
    /// Also match words a typo away (not inside phrases).
    pub fuzzy: bool,
}

/// What one clause alternative asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Term(QueryTerm),
    /// Words with their offsets from the first (stopwords keep their place).
    Phrase(Vec<(u32, QueryTerm)>),
}

/// A unit and where it must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scoped {
    pub unit: Unit,
    pub title_only: bool,
}

/// A parsed query: clauses that are all wanted (each one or more
/// alternatives), and units whose documents are excluded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Vec<Scoped>>,
    pub excluded: Vec<Scoped>,
    /// Texts of `source:` parts: each names documents by their source.
    pub sources: Vec<String>,
    /// For each clause that is one plain word, where the query has it
    /// (byte range): what a message can name, or leave out of the query.
    pub spans: Vec<Option<Range<usize>>>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// One piece of query text before analysis.
#[derive(Debug)]
struct Item<'a> {
    text: &'a str,
    phrase: bool,
    negated: bool,
    title_only: bool,
    source: bool,
    /// Joined to the previous item by OR.
    or: bool,
}

const OPEN_QUOTES: [char; 4] = ['"', '“', '«', '„'];
const CLOSE_QUOTES: [char; 4] = ['"', '”', '»', '“'];

/// Split query text into words, phrases and operators.
fn items(q: &str) -> Vec<Item<'_>> {
    let mut out: Vec<Item> = Vec::new();
    let mut pending_or = false;
    let mut rest = q;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let mut negated = false;
        let mut title_only = false;
        let mut source = false;
        if let Some(r) = rest.strip_prefix('-') {
            negated = true;
            rest = r;
        }
        if let Some(r) = strip_field(rest, &["title:"]) {
            title_only = true;
            rest = r;
        } else if let Some(r) = strip_field(rest, &["source:", "مصدر:", "المصدر:"]) {
            source = true;
            rest = r;
        }
        let (text, phrase, next) = match rest.chars().next() {
            Some(c) if OPEN_QUOTES.contains(&c) => {
                let body = &rest[c.len_utf8()..];
                // An unbalanced quote runs to the end of the query.
                match body.find(|c| CLOSE_QUOTES.contains(&c)) {
                    Some(end) => {
                        let close = body[end..].chars().next().map_or(1, char::len_utf8);
                        (&body[..end], true, &body[end + close..])
                    }
                    None => (body, true, ""),
                }
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], false, &rest[end..])
            }
        };
        rest = next;
        if !phrase
            && !negated
            && !title_only
            && !source
            && (text == "OR" || text == "أو" || text == "او")
        {
            pending_or = !out.is_empty();
            continue;
        }
        out.push(Item {
            text,
            phrase,
            negated,
            title_only,
            source,
            or: pending_or,
        });
        pending_or = false;
    }
    out
}

/// `rest` without a leading field name (ASCII case-insensitive), when it
/// has one and something follows it.
fn strip_field<'a>(rest: &'a str, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| {
        let head = rest.get(..n.len())?;
        (head.eq_ignore_ascii_case(n) && rest.len() > n.len()).then(|| &rest[n.len()..])
    })
}

fn query_term(t: &crate::analysis::Token, prefix: bool, fuzzy: bool) -> QueryTerm {
    QueryTerm {
        bare: strip_prefixes(&t.word).to_string(),
        word: t.word.clone(),
        term: t.term.clone(),
        prefix,
        fuzzy,
    }
}

/// Parse `query` (see the module doc). Stopwords are dropped outside
/// phrases unless nothing else is left; the last word is a prefix when the
/// text does not end in a space or punctuation.
pub fn parse_query(query: &str) -> Query {
    let q = match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &query[..cut],
        None => query,
    };
    let items = items(q);
    let open_end = q.chars().last().is_some_and(char::is_alphanumeric);
    // Each item is analysed once; stopwords count only among plain words.
    let analysed: Vec<_> = items.iter().map(|i| tokenize(i.text)).collect();
    let all_stop = items
        .iter()
        .zip(&analysed)
        .filter(|(i, _)| !i.phrase && !i.negated && !i.source)
        .all(|(_, tokens)| tokens.iter().all(|t| t.stop));

    let mut query = Query::default();
    let mut terms = 0;
    let last_item = items.len().saturating_sub(1);
    for (n, (item, tokens)) in items.iter().zip(&analysed).enumerate() {
        if item.source {
            if !item.negated && !tokens.is_empty() {
                query.sources.push(item.text.to_string());
            }
            continue;
        }
        // Where the item starts in the query (it is a slice of it).
        let offset = item.text.as_ptr() as usize - q.as_ptr() as usize;
        let mut units = Vec::new();
        if item.phrase {
            let first = tokens.first().map_or(0, |t| t.position);
            let words: Vec<(u32, QueryTerm)> = tokens
                .iter()
                .take(MAX_TERMS)
                .map(|t| (t.position - first, query_term(t, false, false)))
                .collect();
            match words.len() {
                0 => {}
                1 => units.extend(words.into_iter().map(|(_, t)| (Unit::Term(t), None))),
                _ => units.push((Unit::Phrase(words), None)),
            }
        } else {
            let last_tok = tokens.len().saturating_sub(1);
            for (k, t) in tokens.iter().enumerate() {
                let prefix = open_end && n == last_item && k == last_tok && !item.negated;
                if t.stop && !all_stop && !prefix && !item.negated {
                    continue;
                }
                let span = (!item.title_only).then(|| offset + t.start..offset + t.end);
                units.push((Unit::Term(query_term(t, prefix, !item.negated)), span));
            }
        }
        for (unit, span) in units {
            let cost = match &unit {
                Unit::Term(_) => 1,
                Unit::Phrase(w) => w.len(),
            };
            if terms + cost > MAX_TERMS {
                break;
            }
            let scoped = Scoped {
                unit,
                title_only: item.title_only,
            };
            if item.negated {
                query.excluded.push(scoped);
                terms += cost;
                continue;
            }
            if query.clauses.iter().flatten().any(|s| s == &scoped) {
                continue;
            }
            terms += cost;
            match query.clauses.last_mut() {
                Some(clause) if item.or => {
                    clause.push(scoped);
                    // Alternatives are not one plain word.
                    if let Some(span) = query.spans.last_mut() {
                        *span = None;
                    }
                }
                _ => {
                    query.clauses.push(vec![scoped]);
                    query.spans.push(span);
                }
            }
        }
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(u: &Scoped) -> Vec<String> {
        match &u.unit {
            Unit::Term(t) => vec![t.word.clone()],
            Unit::Phrase(w) => w.iter().map(|(_, t)| t.word.clone()).collect(),
        }
    }

    #[test]
    fn operators_are_read() {
        let q = parse_query("«الأمن الأوراسي» -أوكرانيا لافروف OR بوتين title:الصين");
        assert_eq!(q.clauses.len(), 3);
        assert_eq!(words(&q.clauses[0][0]), ["الامن", "الاوراسي"]);
        assert_eq!(q.clauses[1].len(), 2);
        assert!(q.clauses[2][0].title_only);
        assert_eq!(words(&q.excluded[0]), ["اوكرانيا"]);
    }

    #[test]
    fn malformed_queries_are_read_leniently() {
        assert_eq!(parse_query("\"الأمن الأوراسي").clauses.len(), 1);
        assert!(parse_query("-").is_empty());
        assert!(parse_query("OR").is_empty());
        assert!(parse_query("\"\"").is_empty());
        assert_eq!(parse_query("لافروف OR").clauses.len(), 1);
        assert_eq!(parse_query("title:").clauses.len(), 1);
    }

    #[test]
    fn last_word_is_a_prefix_only_while_typing() {
        let last = |q: &str| match &parse_query(q).clauses.last().unwrap()[0].unit {
            Unit::Term(t) => t.prefix,
            Unit::Phrase(_) => false,
        };
        assert!(last("كازاخ"));
        assert!(!last("كازاخ "));
        assert!(!last("كازاخ."));
    }
}
