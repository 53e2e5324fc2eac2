//! Ranking: documents are ordered by how much of the query they cover
//! (each clause weighs its idf, less when matched only through a stem-mate
//! or a near-miss), then by BM25F over title and body. Documents with every
//! clause come first; others only fill a short first page, or stand in
//! when nothing has every clause. Excluded documents are dropped; documents
//! with the query words in their title, or close together in the body,
//! move up.

use std::collections::{HashMap, HashSet};

use super::expand::{Expanded, CORE, SAME_WORD};
use crate::format::{decode_len, FormatError, Index, Posting, WordRef};

const K1: f32 = 1.2;
const B_BODY: f32 = 0.75;
const B_TITLE: f32 = 0.5;
/// A word in the title counts as this many in the body.
const TITLE_WEIGHT: f32 = 3.0;
/// Score multiplier when every query word is in the title (scaled by the share that is).
const TITLE_BONUS: f32 = 0.6;
/// Score multiplier for query words standing next to each other (less when further apart).
const PROXIMITY_BONUS: f32 = 0.6;
/// Fewer full matches than this and the best partial matches follow them.
const FILL_UP_TO: usize = 10;
/// Positions kept per term and document for proximity; beyond this, the first ones.
const MAX_POSITIONS: usize = 256;

/// A query part after expansion, ready to be matched.
#[derive(Debug, Clone)]
pub enum Unit {
    Term(Expanded),
    /// Words with their offsets from the first.
    Phrase(Vec<(u32, Expanded)>),
}

/// A unit and where it must match.
#[derive(Debug, Clone)]
pub struct Scoped {
    pub unit: Unit,
    pub title_only: bool,
}

/// One matching document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub doc: u32,
    pub score: f32,
    /// Bit i set when clause i matched.
    pub matched: u32,
    /// Matched clauses found only through a completion or a typo: fewer
    /// come first, whatever BM25 says, so a long article with the exact
    /// word is never buried under short ones with a near-miss.
    pub fuzzy: u32,
    /// Sum of the idf of the clauses matched, less for weaker matches (see `rank`).
    pub coverage: f32,
}

/// What one clause found in one document.
#[derive(Default, Debug, Clone)]
struct Found {
    score: f32,
    /// Best match quality among the words that matched (see `expand`).
    quality: f32,
    in_title: bool,
    body_positions: Vec<u32>,
}

/// Where one word (or phrase) stands in one document.
#[derive(Default, Clone)]
struct Hits {
    /// Term frequency in (title, body).
    tf: [u32; 2],
    /// Positions, when asked for (phrases, proximity between clauses).
    title: Vec<u32>,
    body: Vec<u32>,
    quality: f32,
    /// The document's quantised (title, body) lengths.
    norms: [u8; 2],
}

pub fn rank(
    index: &Index,
    clauses: &[Vec<Scoped>],
    excluded: &[Scoped],
) -> Result<Vec<Ranked>, FormatError> {
    let n = clauses.len();
    let mut matches: HashMap<u32, Vec<Option<Found>>> = HashMap::new();
    // How much each clause says: the idf of the documents it matches.
    let mut weight = vec![0.0f32; n];
    for (i, clause) in clauses.iter().enumerate() {
        let mut best: HashMap<u32, Found> = HashMap::new();
        for alt in clause {
            for (doc, f) in unit_found(index, alt, n > 1)? {
                let b = best.entry(doc).or_default();
                if f.score > b.score {
                    *b = f;
                }
            }
        }
        weight[i] = idf(index, best.len());
        for (doc, f) in best {
            matches.entry(doc).or_insert_with(|| vec![None; n])[i] = Some(f);
        }
    }
    let mut out = HashSet::new();
    for u in excluded {
        out.extend(unit_found(index, u, false)?.into_keys());
    }

    let all = if n == 0 { 0 } else { (1u32 << n) - 1 };
    let mut ranked: Vec<Ranked> = matches
        .into_iter()
        .filter(|(doc, _)| !out.contains(doc))
        .map(|(doc, found)| {
            let mut matched = 0;
            let mut score = 0.0;
            let mut in_title = 0;
            let mut fuzzy = 0;
            let mut coverage = 0.0;
            for (i, f) in found.iter().enumerate() {
                if let Some(f) = f {
                    matched |= 1 << i;
                    coverage += weight[i] * coverage_factor(f.quality);
                    score += f.score;
                    in_title += usize::from(f.in_title);
                    fuzzy += u32::from(f.quality < CORE);
                }
            }
            score *= 1.0 + TITLE_BONUS * in_title as f32 / n as f32;
            score *= 1.0 + PROXIMITY_BONUS * proximity(&found);
            Ranked {
                doc,
                score,
                matched,
                fuzzy,
                coverage,
            }
        })
        .collect();
    // Documents with every clause come first. When they do not fill a first
    // page, partial matches covering at least half the query's weight follow
    // them: the rare word of the question (عكاظ in سوق عكاظ) brings its
    // documents, a common one alone (سوق) does not. Documents are ordered by
    // the weight of the clauses they have (less for a stem-only match, half
    // for a completion or typo: `coverage_factor`), so the rare word
    // outranks common ones and the real word a near-miss; then by BM25F.
    let full = ranked.iter().filter(|r| r.matched == all).count();
    let total: f32 = weight.iter().sum();
    if full >= FILL_UP_TO {
        ranked.retain(|r| r.matched == all);
    } else if full > 0 {
        ranked.retain(|r| 2.0 * r.coverage >= total);
    }
    super::order::sort_by(&mut ranked, |a, b| {
        b.coverage
            .total_cmp(&a.coverage)
            .then(a.fuzzy.cmp(&b.fuzzy))
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    });
    Ok(ranked)
}

/// How much of its weight a clause brings, by how it matched: the word
/// itself in any clitic form counts fully, a word sharing only its stem
/// (غيلان for الغيلة) less, a completion or typo half.
fn coverage_factor(quality: f32) -> f32 {
    if quality >= SAME_WORD {
        1.0
    } else if quality >= CORE {
        0.8
    } else {
        0.5
    }
}

/// Documents a unit matches, each with its score.
/// Positions are kept only when `positions` (proximity needs them): a
/// single common word is scored from its frequencies alone.
fn unit_found(
    index: &Index,
    s: &Scoped,
    positions: bool,
) -> Result<HashMap<u32, Found>, FormatError> {
    let classes: Vec<HashMap<u32, Hits>> = match &s.unit {
        // The exact word with its stem-mates form one class; every
        // completion or typo word is a class of its own, with its own
        // document frequency, so a rare misspelling cannot borrow a common
        // word's weight.
        Unit::Term(e) => {
            let core: Vec<(WordRef, f32)> = e
                .postings
                .iter()
                .copied()
                .filter(|&(_, q)| q >= CORE)
                .collect();
            let others = e.postings.iter().copied().filter(|&(_, q)| q < CORE);
            std::iter::once(core)
                .chain(others.map(|p| vec![p]))
                .map(|class| hits(index, &class, positions))
                .collect::<Result<_, _>>()?
        }
        Unit::Phrase(words) => vec![phrase_hits(index, words)?],
    };
    let mut found: HashMap<u32, Found> = HashMap::new();
    // A completion or typo word is never weighed above the word itself:
    // a rare near-miss (إله for الكلالة) must not outrank the real thing.
    let mut idf_cap = f32::INFINITY;
    for (k, mut class) in classes.into_iter().enumerate() {
        if s.title_only {
            class.retain(|_, h| h.tf[0] > 0);
            class.values_mut().for_each(|h| {
                h.body.clear();
                h.tf[1] = 0;
            });
        }
        let idf = idf(index, class.len()).min(idf_cap);
        if k == 0 && !class.is_empty() {
            idf_cap = idf;
        }
        for (doc, h) in score_class(index, &class, idf) {
            let f = found.entry(doc).or_default();
            f.score = f.score.max(h.0);
            f.quality = f.quality.max(class[&doc].quality);
            f.in_title |= h.1;
            if f.body_positions.len() < MAX_POSITIONS {
                f.body_positions
                    .extend(class[&doc].body.iter().take(MAX_POSITIONS));
            }
        }
    }
    // Sorted once here, so proximity can merge them per document pair.
    for f in found.values_mut() {
        super::order::sort_by(&mut f.body_positions, u32::cmp);
    }
    Ok(found)
}

/// Where the words of `postings` (list, quality) stand, per document.
/// Lists not fetched yet count as empty (the caller fetches and reruns).
fn hits(
    index: &Index,
    postings: &[(WordRef, f32)],
    positions: bool,
) -> Result<HashMap<u32, Hits>, FormatError> {
    let mut out: HashMap<u32, Hits> = HashMap::new();
    let mut p = Posting::default();
    for &(word, quality) in postings {
        let Some(list) = index.postings(word)? else {
            continue;
        };
        let mut list = list.reader()?;
        while list.next_into(&mut p)? {
            let h = out.entry(p.doc).or_default();
            h.norms = p.norms;
            h.tf[0] += p.title_positions.len() as u32;
            h.tf[1] += p.body_positions.len() as u32;
            if positions {
                h.title.extend_from_slice(&p.title_positions);
                h.body.extend_from_slice(&p.body_positions);
            }
            h.quality = h.quality.max(quality);
        }
    }
    Ok(out)
}

/// Documents where the phrase's words stand in order at their offsets; the
/// hits are the phrase's start positions.
fn phrase_hits(
    index: &Index,
    words: &[(u32, Expanded)],
) -> Result<HashMap<u32, Hits>, FormatError> {
    let mut per_word = Vec::with_capacity(words.len());
    for (_, e) in words {
        per_word.push(hits(index, &e.postings, true)?);
    }
    let Some((first, rest)) = per_word.split_first() else {
        return Ok(HashMap::new());
    };
    let mut out = HashMap::new();
    for (doc, h0) in first {
        let others: Option<Vec<&Hits>> = rest.iter().map(|m| m.get(doc)).collect();
        let Some(others) = others else { continue };
        let starts = |field: fn(&Hits) -> &Vec<u32>| -> Vec<u32> {
            field(h0)
                .iter()
                .copied()
                .filter(|&p| {
                    words[1..].iter().zip(&others).all(|((off, _), h)| {
                        p.checked_add(*off).is_some_and(|at| field(h).contains(&at))
                    })
                })
                .collect()
        };
        let (title, body) = (starts(|h| &h.title), starts(|h| &h.body));
        let h = Hits {
            tf: [title.len() as u32, body.len() as u32],
            title,
            body,
            quality: 1.0,
            norms: h0.norms,
        };
        if !h.title.is_empty() || !h.body.is_empty() {
            out.insert(*doc, h);
        }
    }
    Ok(out)
}

/// Inverse document frequency of a word found in `df` documents.
fn idf(index: &Index, df: usize) -> f32 {
    let (n, df) = (index.stats().doc_count as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25F of one class of hits: per document (score, in title).
fn score_class(index: &Index, class: &HashMap<u32, Hits>, idf: f32) -> Vec<(u32, (f32, bool))> {
    let stats = index.stats();
    let (avg_t, avg_b) = (
        stats.avg_title_len().max(1.0),
        stats.avg_body_len().max(1.0),
    );
    class
        .iter()
        .map(|(&doc, h)| {
            let [lt, lb] = h.norms;
            let title_norm = 1.0 - B_TITLE + B_TITLE * decode_len(lt) / avg_t;
            let body_norm = 1.0 - B_BODY + B_BODY * decode_len(lb) / avg_b;
            let t = TITLE_WEIGHT * h.tf[0] as f32 / title_norm + h.tf[1] as f32 / body_norm;
            (
                doc,
                (h.quality * idf * t * (K1 + 1.0) / (K1 + t), h.tf[0] > 0),
            )
        })
        .collect()
}

/// 0..=1: how close consecutive clauses stand in the body (1 = adjacent).
fn proximity(found: &[Option<Found>]) -> f32 {
    let present: Vec<&Vec<u32>> = found.iter().flatten().map(|f| &f.body_positions).collect();
    if present.len() < 2 {
        return 0.0;
    }
    let mut sum = 0.0;
    for pair in present.windows(2) {
        if let Some(d) = min_distance(pair[0], pair[1]) {
            sum += 1.0 / d.max(1) as f32;
        }
    }
    sum / (present.len() - 1) as f32
}

/// Smallest gap between a position in `a` and one in `b` (both sorted).
fn min_distance(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j, mut best) = (0, 0, None::<u32>);
    while i < a.len() && j < b.len() {
        let d = a[i].abs_diff(b[j]);
        best = Some(best.map_or(d, |x| x.min(d)));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}
