//! Ranking: documents are ordered by how much of the query they cover
//! (each clause weighs its idf squared, less when matched only through a
//! stem-mate or a near-miss), then by BM25F over title and body. Documents with every
//! clause come first; others only fill a short first page, or stand in
//! when nothing has every clause. Excluded documents are dropped; documents
//! with the query words in their title, or close together in the body,
//! move up.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
/// Words of a question made only of near-misses must stand at most this
/// far apart (in words) to answer it.
const GUESSES_WITHIN: u32 = 3;
/// Share of the query's weight a partial match must hold to follow them.
const PARTIAL_SHARE: f32 = 1.0 / 3.0;
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
    /// A word the visitor is still typing: while it matches nothing, it
    /// weighs nothing, so the results of the words before it stay.
    pub unfinished: bool,
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
    /// Sum of the weights (idf squared) of the clauses matched, less for
    /// weaker matches (see `rank`).
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

/// A map keyed by document number. Documents are numbered by us, so a
/// multiplicative hash is safe, and several times faster than the default
/// one on the tens of thousands of documents a common word brings.
type DocMap<V> = HashMap<u32, V, BuildHasherDefault<DocHasher>>;

#[derive(Default)]
struct DocHasher(u64);

impl Hasher for DocHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b) ^ (self.0 as u32).rotate_left(8));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// Which documents' positions to read from the postings.
#[derive(Clone, Copy)]
enum Positions<'a> {
    /// Every document's (phrases need them to match at all).
    All,
    /// Only these documents', and only these documents are returned.
    Only(&'a DocSet),
}

/// A set of documents as a bitmap over the index.
struct DocSet(Vec<u64>);

impl DocSet {
    fn new(docs: u32) -> Self {
        DocSet(vec![0; (docs as usize).div_ceil(64)])
    }
    fn insert(&mut self, d: u32) {
        if let Some(w) = self.0.get_mut(d as usize / 64) {
            *w |= 1 << (d % 64);
        }
    }
    fn contains(&self, d: u32) -> bool {
        self.0
            .get(d as usize / 64)
            .is_some_and(|w| w & (1 << (d % 64)) != 0)
    }
}

/// The documents matching `clauses` (and none of `excluded`), best first.
/// Proximity needs positions, the costly part of the postings: it is
/// worked out only for the documents that could still reach the first
/// `want` places among those `allowed` (it can raise a score by at most
/// `PROXIMITY_BONUS`); the others keep their order without it.
pub fn rank(
    index: &Index,
    clauses: &[Vec<Scoped>],
    excluded: &[Scoped],
    want: usize,
    allowed: &dyn Fn(u32) -> bool,
) -> Result<Vec<Ranked>, FormatError> {
    let n = clauses.len();
    // How much each clause says: the idf of the documents it matches, squared.
    let mut weight = vec![0.0f32; n];
    // (clause, what it found), every clause's list sorted by document:
    // put together and sorted again (stably), each document's clauses
    // stand together in query order.
    let mut per_clause: Vec<(u8, Scored)> = Vec::new();
    for (i, clause) in clauses.iter().enumerate() {
        let found = clause_scores(index, clause)?;
        let typing = clause.iter().all(|s| s.unfinished);
        weight[i] = if found.is_empty() && typing {
            0.0
        } else {
            idf(index, found.len()).powi(2)
        };
        per_clause.extend(found.into_iter().map(|f| (i as u8, f)));
    }
    sort_by_doc(&mut per_clause);
    let mut out = DocSet::new(index.doc_count());
    for u in excluded {
        for f in unit_scores(index, u)? {
            out.insert(f.doc);
        }
    }
    // Per document: its clauses, and how many of them are in its title.
    let mut ranked: Vec<(Ranked, u32)> = Vec::new();
    for &(i, f) in &per_clause {
        if ranked.last().map_or(true, |(r, _)| r.doc != f.doc) {
            let r = Ranked {
                doc: f.doc,
                score: 0.0,
                matched: 0,
                fuzzy: 0,
                coverage: 0.0,
            };
            ranked.push((r, 0));
        }
        let (r, in_title) = ranked.last_mut().expect("pushed above");
        r.matched |= 1 << i;
        r.coverage += weight[usize::from(i)] * coverage_factor(f.quality);
        r.score += f.score;
        r.fuzzy += u32::from(f.quality < CORE);
        *in_title += u32::from(f.in_title);
    }
    drop(per_clause);
    let mut ranked: Vec<Ranked> = ranked
        .into_iter()
        .filter(|(r, _)| !out.contains(r.doc))
        .map(|(mut r, in_title)| {
            r.score *= 1.0 + TITLE_BONUS * in_title as f32 / n as f32;
            r
        })
        .collect();
    let all = if n == 0 { 0 } else { (1u32 << n) - 1 };
    // Documents with every clause come first. When they do not fill a first
    // page (or there are none), partial matches follow them if they hold a
    // third of the query's weight, or all its clauses but one (of three or
    // more): the rare word of the question (عكاظ in سوق عكاظ, الطاعون in
    // الطاعون شهادة لكل مسلم) brings its documents, a common one alone (سوق)
    // does not. A clause weighs its idf squared, so one rare word outweighs
    // several common ones together. Documents are ordered by the weight of the
    // clauses they have (less for a stem-only match, half for a completion or
    // typo: `coverage_factor`), so the rare word outranks common ones and the
    // real word a near-miss; then by BM25F. A word found nowhere weighs the
    // most (it is the rarest), so a common word alone is no answer to a
    // question about something the site does not have (قدم, foot, for كرة
    // القدم). When nothing has every clause, a document found only through
    // near-misses (محمود and أمني for محمد أمين) is no answer either.
    let full = ranked.iter().filter(|r| r.matched == all).count();
    let total: f32 = weight.iter().sum();
    let enough = |r: &Ranked| {
        r.coverage >= PARTIAL_SHARE * total || (n >= 3 && r.matched.count_ones() as usize + 1 >= n)
    };
    // A question every word of which is only a near-miss wherever it is
    // found (محمد أمين: محمود, الأمني) is answered only where the guesses
    // stand together as its words do (يئجوج ومئجوج: يأجوج ومأجوج).
    if n > 1 && full > 0 && ranked.iter().all(|r| r.fuzzy == r.matched.count_ones()) {
        ranked.retain(|r| r.matched == all);
        keep_standing_together(index, clauses, &mut ranked)?;
    } else if full >= FILL_UP_TO {
        ranked.retain(|r| r.matched == all);
    } else if full > 0 {
        ranked.retain(|r| r.matched == all || enough(r));
    } else if n > 1 {
        ranked.retain(|r| r.fuzzy < r.matched.count_ones() && enough(r));
    }
    let order = |a: &Ranked, b: &Ranked| {
        b.coverage
            .total_cmp(&a.coverage)
            .then(a.fuzzy.cmp(&b.fuzzy))
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    };
    if want == 0 {
        // Nothing is shown (a count, facets, a fetch ahead): no order needed.
        return Ok(ranked);
    }
    // Only the first `want` allowed places are put in order (and given
    // their proximity bonus): a document whose score, raised by the most
    // proximity can give, stays below the `want`-th allowed document's
    // present one cannot get there. The rest follow in no set order.
    let bonus = if n > 1 { PROXIMITY_BONUS } else { 0.0 };
    let bar = nth_allowed(&ranked, want, allowed, order);
    let reaches = |r: &Ranked| {
        allowed(r.doc)
            && bar.map_or(true, |bar| {
                match bar
                    .coverage
                    .total_cmp(&r.coverage)
                    .then(r.fuzzy.cmp(&bar.fuzzy))
                {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Equal => r.score * (1.0 + bonus) >= bar.score,
                    std::cmp::Ordering::Greater => false,
                }
            })
    };
    let (mut head, tail): (Vec<Ranked>, Vec<Ranked>) = ranked.into_iter().partition(reaches);
    if n > 1 {
        add_proximity(index, clauses, &mut head)?;
    }
    super::order::sort_by(&mut head, order);
    head.extend(tail);
    Ok(head)
}

/// What a unit found in one document, frequencies only (the first pass).
#[derive(Debug, Clone, Copy)]
struct Scored {
    doc: u32,
    score: f32,
    /// Best match quality among the words that matched (see `expand`).
    quality: f32,
    in_title: bool,
}

/// One document's counts in a class of words.
#[derive(Debug, Clone, Copy)]
struct Counts {
    doc: u32,
    tf: [u32; 2],
    norms: [u8; 2],
    quality: f32,
}

/// What one clause (alternatives: the best per document) found, sorted by
/// document.
fn clause_scores(index: &Index, clause: &[Scoped]) -> Result<Vec<Scored>, FormatError> {
    if let [one] = clause {
        return unit_scores(index, one);
    }
    let mut all = Vec::new();
    for alt in clause {
        all.extend(unit_scores(index, alt)?);
    }
    sort_by_doc(&mut all);
    // The first alternative with the highest score wins.
    Ok(coalesce(all, |b, f| {
        if f.score > b.score {
            *b = f;
        }
    }))
}

/// A term's words, grouped for scoring: the exact word with its
/// stem-mates form one class; every completion or typo word is a class of
/// its own, with its own document frequency, so a rare misspelling cannot
/// borrow a common word's weight.
fn word_classes(e: &Expanded) -> Vec<Vec<(WordRef, f32)>> {
    let core: Vec<(WordRef, f32)> = e
        .postings
        .iter()
        .copied()
        .filter(|&(_, q)| q >= CORE)
        .collect();
    let others = e.postings.iter().copied().filter(|&(_, q)| q < CORE);
    std::iter::once(core)
        .chain(others.map(|p| vec![p]))
        .collect()
}

/// Documents a unit matches, each with its score, sorted by document.
/// Postings come sorted by document, so lists are merged, not hashed.
fn unit_scores(index: &Index, s: &Scoped) -> Result<Vec<Scored>, FormatError> {
    let classes: Vec<Vec<Counts>> = match &s.unit {
        Unit::Term(e) => word_classes(e)
            .iter()
            .map(|class| counts(index, class))
            .collect::<Result<_, _>>()?,
        Unit::Phrase(words) => {
            let mut c: Vec<Counts> = phrase_hits(index, words, Positions::All)?
                .into_iter()
                .map(|(doc, h)| Counts {
                    doc,
                    tf: h.tf,
                    norms: h.norms,
                    quality: h.quality,
                })
                .collect();
            sort_by_doc(&mut c);
            vec![c]
        }
    };
    let several = classes.len() > 1;
    let mut found = Vec::new();
    // A completion or typo word is never weighed above the word itself:
    // a rare near-miss (إله for الكلالة) must not outrank the real thing.
    let mut idf_cap = f32::INFINITY;
    for (k, mut class) in classes.into_iter().enumerate() {
        if s.title_only {
            class.retain(|c| c.tf[0] > 0);
            class.iter_mut().for_each(|c| c.tf[1] = 0);
        }
        let idf = idf(index, class.len()).min(idf_cap);
        if k == 0 && !class.is_empty() {
            idf_cap = idf;
        }
        found.extend(class.iter().map(|c| Scored {
            doc: c.doc,
            score: bm25(index, c.tf, c.norms, c.quality, idf),
            quality: c.quality,
            in_title: c.tf[0] > 0,
        }));
    }
    if several {
        sort_by_doc(&mut found);
        found = coalesce(found, |b, f| {
            b.score = b.score.max(f.score);
            b.quality = b.quality.max(f.quality);
            b.in_title |= f.in_title;
        });
    }
    Ok(found)
}

/// Term frequencies per document of the words of `postings` (list,
/// quality), summed over the words, sorted by document. Lists not fetched
/// yet count as empty (the caller fetches and reruns).
fn counts(index: &Index, postings: &[(WordRef, f32)]) -> Result<Vec<Counts>, FormatError> {
    let expected: f32 = postings.iter().map(|(w, _)| w.doc_freq()).sum();
    let mut out = Vec::with_capacity((expected as usize).min(index.doc_count() as usize));
    let mut lists = 0;
    for &(word, quality) in postings {
        let Some(list) = index.postings(word)? else {
            continue;
        };
        lists += 1;
        let mut list = list.reader()?;
        while let Some((doc, tf, norms)) = list.next_counts()? {
            out.push(Counts {
                doc,
                tf,
                norms,
                quality,
            });
        }
    }
    if lists > 1 {
        sort_by_doc(&mut out);
        out = coalesce(out, |b, c| {
            b.tf[0] += c.tf[0];
            b.tf[1] += c.tf[1];
            b.norms = c.norms;
            b.quality = b.quality.max(c.quality);
        });
    }
    Ok(out)
}

/// Items sorted by document with each document's run folded into its
/// first item by `fold`.
fn coalesce<T: Copy + HasDoc>(items: Vec<T>, fold: impl Fn(&mut T, T)) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for x in items {
        match out.last_mut() {
            Some(last) if last.doc() == x.doc() => fold(last, x),
            _ => out.push(x),
        }
    }
    out
}

/// What the merges sort and fold by: the document an item is about.
trait HasDoc {
    fn doc(&self) -> u32;
}

/// A clause's number with what it found.
impl<T: HasDoc> HasDoc for (u8, T) {
    fn doc(&self) -> u32 {
        self.1.doc()
    }
}

impl HasDoc for Scored {
    fn doc(&self) -> u32 {
        self.doc
    }
}

impl HasDoc for Counts {
    fn doc(&self) -> u32 {
        self.doc
    }
}

/// Sort by document, stably (a least-significant-digit radix sort: the
/// lists are long, their keys small, and most often sorted already).
fn sort_by_doc<T: Copy + HasDoc>(v: &mut Vec<T>) {
    let key = |x: &T| x.doc();
    if v.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut buf = v.clone();
    for shift in [0u32, 8, 16, 24] {
        let mut at = [0usize; 257];
        for x in v.iter() {
            at[((key(x) >> shift) & 0xff) as usize + 1] += 1;
        }
        if at.contains(&v.len()) {
            continue;
        }
        for i in 0..256 {
            at[i + 1] += at[i];
        }
        for x in v.iter() {
            let b = ((key(x) >> shift) & 0xff) as usize;
            buf[at[b]] = *x;
            at[b] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

/// The `want`-th of the `allowed` documents by `order` (`None`: there are
/// not that many, or `want` is 0).
fn nth_allowed(
    ranked: &[Ranked],
    want: usize,
    allowed: &dyn Fn(u32) -> bool,
    order: impl Fn(&Ranked, &Ranked) -> std::cmp::Ordering,
) -> Option<Ranked> {
    if want == 0 || want > ranked.len() {
        return None;
    }
    // The best `want` so far, in order: a short list, as pages are short.
    let mut best: Vec<Ranked> = Vec::with_capacity(want + 1);
    for r in ranked.iter().filter(|r| allowed(r.doc)) {
        if best.len() == want && best.last().is_some_and(|w| order(r, w).is_ge()) {
            continue;
        }
        let at = best.partition_point(|b| order(b, r).is_lt());
        best.insert(at, *r);
        best.truncate(want);
    }
    best.get(want - 1).copied()
}

/// Multiply in each document's proximity bonus.
fn add_proximity(
    index: &Index,
    clauses: &[Vec<Scoped>],
    ranked: &mut [Ranked],
) -> Result<(), FormatError> {
    if ranked.is_empty() {
        return Ok(());
    }
    let per_clause = body_positions(index, clauses, ranked)?;
    for r in ranked.iter_mut() {
        r.score *= 1.0 + PROXIMITY_BONUS * proximity(&present_in(&per_clause, r.doc));
    }
    Ok(())
}

/// Keep the documents in which each clause's words stand within
/// `GUESSES_WITHIN` words of the next clause's.
fn keep_standing_together(
    index: &Index,
    clauses: &[Vec<Scoped>],
    ranked: &mut Vec<Ranked>,
) -> Result<(), FormatError> {
    let per_clause = body_positions(index, clauses, ranked)?;
    ranked.retain(|r| {
        let present = present_in(&per_clause, r.doc);
        present.len() == clauses.len()
            && present
                .windows(2)
                .all(|p| min_distance(p[0], p[1]).is_some_and(|d| d <= GUESSES_WITHIN))
    });
    Ok(())
}

/// What each clause found in the `ranked` documents, with body positions.
fn body_positions(
    index: &Index,
    clauses: &[Vec<Scoped>],
    ranked: &[Ranked],
) -> Result<Vec<DocMap<Found>>, FormatError> {
    let mut chosen = DocSet::new(index.doc_count());
    for r in ranked {
        chosen.insert(r.doc);
    }
    clauses
        .iter()
        .map(|c| clause_found(index, c, Positions::Only(&chosen)))
        .collect()
}

/// The sorted body positions of each clause `doc` has, in query order.
fn present_in(per_clause: &[DocMap<Found>], doc: u32) -> Vec<&[u32]> {
    per_clause
        .iter()
        .filter_map(|m| m.get(&doc))
        .map(|f| f.body_positions.as_slice())
        .collect()
}

/// What one clause (alternatives: the best per document) found.
fn clause_found(
    index: &Index,
    clause: &[Scoped],
    positions: Positions,
) -> Result<DocMap<Found>, FormatError> {
    if let [one] = clause {
        return unit_found(index, one, positions);
    }
    let mut best: DocMap<Found> = DocMap::default();
    for alt in clause {
        for (doc, f) in unit_found(index, alt, positions)? {
            let b = best.entry(doc).or_default();
            if f.score > b.score {
                *b = f;
            }
        }
    }
    Ok(best)
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

/// Documents a unit matches, each with its score (and body positions,
/// as `positions` asks).
fn unit_found(
    index: &Index,
    s: &Scoped,
    positions: Positions,
) -> Result<DocMap<Found>, FormatError> {
    let classes: Vec<DocMap<Hits>> = match &s.unit {
        Unit::Term(e) => word_classes(e)
            .iter()
            .map(|class| hits(index, class, positions))
            .collect::<Result<_, _>>()?,
        Unit::Phrase(words) => vec![phrase_hits(index, words, positions)?],
    };
    let mut found: DocMap<Found> = DocMap::with_capacity_and_hasher(
        classes.iter().map(|c| c.len()).max().unwrap_or(0),
        Default::default(),
    );
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
        // (With `Positions::Only` the idf counts only those documents: only
        // the positions are used then, and which alternative had them.)
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
        if f.body_positions.len() > 1 {
            super::order::sort_by(&mut f.body_positions, u32::cmp);
        }
    }
    Ok(found)
}
/// Where the words of `postings` (list, quality) stand, per document.
/// Lists not fetched yet count as empty (the caller fetches and reruns).
fn hits(
    index: &Index,
    postings: &[(WordRef, f32)],
    positions: Positions,
) -> Result<DocMap<Hits>, FormatError> {
    // Sized up front from the dictionary's document counts: growing a
    // table of tens of thousands of documents step by step costs more than
    // filling it.
    let expected: f32 = postings.iter().map(|(w, _)| w.doc_freq()).sum();
    let cap = match positions {
        Positions::Only(_) => 0,
        _ => (expected as usize).min(index.doc_count() as usize),
    };
    let mut out: DocMap<Hits> = DocMap::with_capacity_and_hasher(cap, Default::default());
    let mut p = Posting::default();
    for &(word, quality) in postings {
        let Some(list) = index.postings(word)? else {
            continue;
        };
        let mut list = list.reader()?;
        let wanted = |d: u32| match positions {
            Positions::All => true,
            Positions::Only(set) => set.contains(d),
        };
        while let Some(read) = list.next_if(&mut p, wanted)? {
            if !read {
                continue;
            }
            let h = out.entry(p.doc).or_default();
            h.norms = p.norms;
            h.tf[0] += p.title_positions.len() as u32;
            h.tf[1] += p.body_positions.len() as u32;
            h.title.extend_from_slice(&p.title_positions);
            h.body.extend_from_slice(&p.body_positions);
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
    positions: Positions,
) -> Result<DocMap<Hits>, FormatError> {
    let mut per_word = Vec::with_capacity(words.len());
    for (_, e) in words {
        per_word.push(hits(index, &e.postings, positions)?);
    }
    let Some((first, rest)) = per_word.split_first() else {
        return Ok(DocMap::default());
    };
    let mut out = DocMap::default();
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
fn score_class(index: &Index, class: &DocMap<Hits>, idf: f32) -> Vec<(u32, (f32, bool))> {
    class
        .iter()
        .map(|(&doc, h)| {
            let score = bm25(index, h.tf, h.norms, h.quality, idf);
            (doc, (score, h.tf[0] > 0))
        })
        .collect()
}

/// BM25F of a word class in one document: term frequencies in (title,
/// body), the document's quantised field lengths, match quality, idf.
fn bm25(index: &Index, tf: [u32; 2], norms: [u8; 2], quality: f32, idf: f32) -> f32 {
    let stats = index.stats();
    let (avg_t, avg_b) = (
        stats.avg_title_len().max(1.0),
        stats.avg_body_len().max(1.0),
    );
    let [lt, lb] = norms;
    let title_norm = 1.0 - B_TITLE + B_TITLE * decode_len(lt) / avg_t;
    let body_norm = 1.0 - B_BODY + B_BODY * decode_len(lb) / avg_b;
    let t = TITLE_WEIGHT * tf[0] as f32 / title_norm + tf[1] as f32 / body_norm;
    quality * idf * t * (K1 + 1.0) / (K1 + t)
}

/// 0..=1: how close consecutive clauses stand in the body (1 = adjacent),
/// given each matched clause's sorted body positions in query order.
fn proximity(present: &[&[u32]]) -> f32 {
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

#[cfg(test)]
mod tests {
    use super::{sort_by_doc, HasDoc};

    /// (document, place in the input).
    impl HasDoc for (u32, u32) {
        fn doc(&self) -> u32 {
            self.0
        }
    }

    #[test]
    fn sorts_by_document_stably() {
        for n in [0u32, 1, 2, 5, 300, 70_000] {
            // Keys spread over all four bytes, each with several items.
            let mut v: Vec<(u32, u32)> = (0..n)
                .map(|i| {
                    (
                        ((i.wrapping_mul(2_654_435_761) >> 3) % (n / 3 + 1))
                            .wrapping_mul(16_843_009),
                        i,
                    )
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|&(k, _)| k);
            sort_by_doc(&mut v);
            assert_eq!(v, want, "{n} items");
        }
    }
}
