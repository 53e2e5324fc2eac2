//! From a query term to the dictionary words it matches, through the fsts:
//! the exact word, the same word with other clitics, every word sharing its
//! stem, the forms the stemmer cannot relate alone (lone clitic letters, ة
//! written ت, -stan countries) where the vocabulary has them, words within
//! one or two edits (typos, transliteration variants), and, while the
//! visitor is still typing, words that start with it. Each comes with a
//! quality that ranking uses.

use std::collections::BTreeSet;

use std::sync::OnceLock;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};
use levenshtein_automata::LevenshteinAutomatonBuilder;

use super::QueryTerm;
use crate::analysis::{
    clitic_remainders, is_arabic_text, is_stopword, stem, ARTICLE_PREFIXES, CLITIC_PREFIXES,
};
use crate::format::{FormatError, Index};

/// Match quality, multiplied into a term's score: an exact word beats a
/// stem match beats a completion of an unfinished word.
pub const EXACT: f32 = 1.0;
/// The same word with other clitics before it (الطاعون, فالطاعون, طاعون).
pub const SAME_WORD: f32 = 0.9;
pub const SAME_STEM: f32 = 0.8;
/// The word with clitic letters on or off (لافروف ~ بلافروف), where the
/// index has that form.
pub const CLITIC: f32 = 0.7;
pub const COMPLETION: f32 = 0.6;
pub const STEM_COMPLETION: f32 = 0.5;
/// A lone clitic reading of a word the index already has as typed
/// (كتاب read as ك + تاب): possible, but a weak guess.
pub const CLITIC_GUESS: f32 = 0.45;
pub const TYPO: f32 = 0.35;
/// Matches at least this good are the query word itself; weaker ones
/// (completions, guesses, typos) rank after them.
pub const CORE: f32 = CLITIC;

/// Most completions of an unfinished word kept (the most frequent win).
pub const MAX_COMPLETIONS: usize = 40;
/// Most dictionary keys looked at while collecting completions.
const MAX_SCANNED: usize = 4096;
/// Shortest unfinished word (in characters) that is completed.
const MIN_PREFIX_CHARS: usize = 2;
/// Words this long (in characters) tolerate one edit; `TWO_EDITS_CHARS` two.
const ONE_EDIT_CHARS: usize = 4;
const TWO_EDITS_CHARS: usize = 8;
/// Stems this long (in characters) are also matched with a typo.
const STEM_TYPO_CHARS: usize = 6;

/// A query term with the postings it reaches.
#[derive(Debug, Clone)]
pub struct Expanded {
    /// (postings offset, quality), one per dictionary word, best quality kept.
    pub postings: Vec<(u64, f32)>,
    /// Surface words and stems matched, so excerpts mark exactly what matched.
    pub words: BTreeSet<String>,
    pub stems: BTreeSet<String>,
}

impl Expanded {
    /// Does a document word (normalised `word`, stem `term`) match this query term?
    pub fn matches(&self, word: &str, term: &str) -> bool {
        self.words.contains(word) || self.stems.contains(term)
    }

    fn add(&mut self, offset: u64, quality: f32) {
        match self.postings.iter_mut().find(|(o, _)| *o == offset) {
            Some((_, q)) => *q = q.max(quality),
            None => self.postings.push((offset, quality)),
        }
    }

    /// Add every word of the stem dictionary entry `value` (the stem `key`).
    fn add_stem(
        &mut self,
        index: &Index,
        key: String,
        value: u64,
        quality: f32,
    ) -> Result<(), FormatError> {
        let mut offsets = Vec::new();
        index.stem_words(value, &mut offsets)?;
        for o in offsets {
            self.add(o, quality);
        }
        self.stems.insert(key);
        Ok(())
    }
}

pub fn expand(index: &Index, t: &QueryTerm) -> Result<Expanded, FormatError> {
    let mut e = Expanded {
        postings: Vec::new(),
        words: BTreeSet::new(),
        stems: BTreeSet::new(),
    };
    if let Some(o) = index.words().get(&t.word) {
        e.add(o, EXACT);
    }
    e.words.insert(t.word.clone());
    // The word without its article and clitics, and with each of them.
    let bare = std::iter::once(t.bare.clone())
        .chain(ARTICLE_PREFIXES.iter().map(|p| format!("{p}{}", t.bare)))
        .filter(|w| *w != t.word && !is_stopword(w));
    if t.bare.chars().count() >= 2 && is_arabic_text(&t.bare) {
        for w in bare.collect::<Vec<_>>() {
            if let Some(o) = index.words().get(&w) {
                e.add(o, SAME_WORD);
                e.words.insert(w);
            }
        }
    }
    match index.stems().get(&t.term) {
        Some(v) => e.add_stem(index, t.term.clone(), v, SAME_STEM)?,
        None => {
            e.stems.insert(t.term.clone());
        }
    }
    clitic_forms(index, t, &mut e)?;

    if !t.fuzzy {
        return Ok(e);
    }
    for (word, o) in near(index, Dict::Words, &t.word, &t.bare)? {
        e.add(o, TYPO);
        e.words.insert(word);
    }
    // A typo in the word's stem reaches every clitic form of the right word
    // (كازاخستن → the stem of وكازاخستان). A shorter stem is one edit from
    // too many others (بيتكو → بيتك), so there only a long vowel or hamza
    // seat inside the stem may differ: ضفادع ~ ضفدع, مسيول ~ مسوول.
    let n = t.term.chars().count();
    if n > ONE_EDIT_CHARS {
        for (stem, v) in near(index, Dict::Stems, &t.term, &t.term)? {
            if n < STEM_TYPO_CHARS && !inner_vowel_edit(&t.term, &stem) {
                continue;
            }
            e.add_stem(index, stem, v, TYPO)?;
        }
    }

    if t.prefix && t.word.chars().count() >= MIN_PREFIX_CHARS {
        for (word, o) in completions(index, Dict::Words, &t.word)? {
            e.add(o, COMPLETION);
            e.words.insert(word);
        }
        // "والصي" should complete to the stem of "الصين": complete the word
        // without its clitics against the stems too.
        if t.bare != t.word && t.bare.chars().count() >= 3 {
            for (stem, v) in completions(index, Dict::Stems, &t.bare)? {
                e.add_stem(index, stem, v, STEM_COMPLETION)?;
            }
        }
        // "كازاخ" should complete to "لكازاخستان" too, and "لكازاخ" to
        // "كازاخستان": the same clitic readings as for whole words.
        if t.bare == t.word && t.word.chars().count() >= 3 {
            let forward = CLITIC_PREFIXES.iter().map(|p| format!("{p}{}", t.word));
            let backward = clitic_remainders(&t.word).into_iter().map(str::to_string);
            for key in forward.chain(backward).collect::<Vec<_>>() {
                for (word, o) in completions(index, Dict::Words, &key)? {
                    e.add(o, STEM_COMPLETION);
                    e.words.insert(word);
                }
            }
        }
    }
    Ok(e)
}

/// The stemmer leaves lone clitic letters on (see `analysis::stem`); here
/// the vocabulary decides. Forward: the word with و ف ب ك ل before it
/// (لافروف → بلافروف, للافروف). Backward: a typed word read as clitics +
/// a word (لكازاخستان → كازاخستان), as good as the word itself when the
/// index does not have the typed form, a weak guess when it does.
fn clitic_forms(index: &Index, t: &QueryTerm, e: &mut Expanded) -> Result<(), FormatError> {
    let typed_is_known = e.postings.iter().any(|&(_, q)| q == EXACT);
    // A word with the article takes its clitics before it, inside the stem.
    let bare_word = t.bare == t.word;
    let forward = CLITIC_PREFIXES
        .iter()
        .filter(|_| bare_word)
        .map(|p| (with_clitic(p, &t.word, &t.term), CLITIC))
        .chain(ta_marbuta_forms(&t.word, &t.term).map(|k| (k, CLITIC)))
        .chain(country_or_demonym(&t.bare).map(|k| (k, CLITIC)));
    let backward_quality = if typed_is_known { CLITIC_GUESS } else { CLITIC };
    let backward = clitic_remainders(&t.word)
        .into_iter()
        .map(|r| (stem(r), backward_quality));
    for (key, quality) in forward.chain(backward).collect::<Vec<_>>() {
        if key == t.term || e.stems.contains(&key) {
            continue;
        }
        if let Some(v) = index.stems().get(&key) {
            e.add_stem(index, key, v, quality)?;
        }
    }
    Ok(())
}

/// The stem of `word` with the lone clitic `p` before it: `p` + its stem,
/// so that suffix rules see the word alone (ب + كرة is not بكر). Only ل
/// before ل merges (ل + لافروف is written للافروف, read like ل + ال).
fn with_clitic(p: &str, word: &str, term: &str) -> String {
    if p.ends_with('ل') && word.starts_with('ل') {
        stem(&format!("{p}{word}"))
    } else {
        format!("{p}{term}")
    }
}

/// ة is written ت before a suffix (هرة → هرتها, الكلالة → كلالته), and
/// the stemmer cannot undo that without knowing the word: بيت and وقت end
/// in a real ت. So both readings are looked up in the vocabulary: a stem
/// ending in ت read with ة, and a word ending in ة read with ت.
fn ta_marbuta_forms(word: &str, term: &str) -> impl Iterator<Item = String> {
    let as_ta = term.strip_suffix('ت').map(|r| stem(&format!("{r}ه")));
    let with_ta = word.strip_suffix('ه').map(|r| stem(&format!("{r}ت")));
    as_ta.into_iter().chain(with_ta)
}

/// Do `a` and `b` differ by one long vowel or hamza seat (ا و ي), added,
/// dropped or swapped for another, neither first nor last?
fn inner_vowel_edit(a: &str, b: &str) -> bool {
    const VOWELS: [char; 3] = ['ا', 'و', 'ي'];
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let inner = |i: usize| i > 0 && i + 1 < long.len() && VOWELS.contains(&long[i]);
    if short.len() == long.len() {
        let diff: Vec<usize> = (0..long.len()).filter(|&i| a[i] != b[i]).collect();
        return diff.len() == 1 && inner(diff[0]) && VOWELS.contains(&short[diff[0]]);
    }
    short.len() + 1 == long.len()
        && (0..long.len())
            .any(|i| inner(i) && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// News names a -stan country and its people in turn (أفغانستان, الأفغاني,
/// الأفغان): each finds the other's stem, where the vocabulary has it.
fn country_or_demonym(bare: &str) -> Option<String> {
    const STAN: &str = "ستان";
    match bare.strip_suffix(STAN) {
        Some(people) if people.chars().count() >= 3 => Some(stem(people)),
        Some(_) => None,
        None => {
            // The nisba ending (افغاني, افغانيه, افغانيون) comes off.
            let people = ["يون", "يين", "يه", "ي"]
                .iter()
                .find_map(|s| bare.strip_suffix(s))
                .unwrap_or(bare);
            (people.chars().count() >= 3 && is_arabic_text(people))
                .then(|| stem(&format!("{people}{STAN}")))
        }
    }
}

/// Keys of `dict` within one edit of `key` (two for long words); none for short
/// words and numbers, where one edit makes another word. Length is counted
/// without clitics (`bare`): الروسي is not a typo of الاوراسي.
fn near(
    index: &Index,
    dict: Dict,
    key: &str,
    bare: &str,
) -> Result<Vec<(String, u64)>, FormatError> {
    let n = bare.chars().count();
    if n < ONE_EDIT_CHARS || key.chars().any(|c| c.is_ascii_digit()) {
        return Ok(Vec::new());
    }
    // Builders are the costly part (tables per distance): make each once.
    // Transpositions count as one edit.
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let builder = if n >= TWO_EDITS_CHARS {
        TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true))
    } else {
        ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true))
    };
    collect(index, dict, &builder.build_dfa(key), key)
}

/// Keys of `map` starting with `prefix` (the most frequent few when many).
fn completions(index: &Index, dict: Dict, prefix: &str) -> Result<Vec<(String, u64)>, FormatError> {
    collect(index, dict, Str::new(prefix).starts_with(), prefix)
}

/// Keys of `map` accepted by `aut`, except `skip` itself; the most frequent
/// `MAX_COMPLETIONS` when there are more.
fn collect<A: Automaton>(
    index: &Index,
    dict: Dict,
    aut: A,
    skip: &str,
) -> Result<Vec<(String, u64)>, FormatError> {
    let mut stream = dict.map(index).search(aut).into_stream();
    let mut found = Vec::new();
    while let Some((k, v)) = stream.next() {
        if found.len() == MAX_SCANNED {
            break;
        }
        // A near-miss or completion that is a stopword (بكين → بين,
        // الكما → كما) would match nearly every document.
        let k = String::from_utf8_lossy(k);
        if k != skip && !is_stopword(&k) {
            found.push((k.into_owned(), v));
        }
    }
    if found.len() > MAX_COMPLETIONS {
        // Rank by document frequency of the key's first postings list.
        let mut ranked = Vec::with_capacity(found.len());
        for (k, v) in found {
            ranked.push((
                index.postings(dict.first_postings(index, v)?)?.doc_freq(),
                k,
                v,
            ));
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        found = ranked
            .into_iter()
            .take(MAX_COMPLETIONS)
            .map(|(_, k, v)| (k, v))
            .collect();
    }
    Ok(found)
}

/// Which dictionary a key is looked up in.
#[derive(Debug, Clone, Copy)]
enum Dict {
    Words,
    Stems,
}

impl Dict {
    fn map(self, index: &Index) -> &fst::Map<Vec<u8>> {
        match self {
            Dict::Words => index.words(),
            Dict::Stems => index.stems(),
        }
    }

    /// Postings offset of the (first) word behind a key's value.
    fn first_postings(self, index: &Index, value: u64) -> Result<u64, FormatError> {
        match self {
            Dict::Words => Ok(value),
            Dict::Stems => {
                let mut offsets = Vec::new();
                index.stem_words(value, &mut offsets)?;
                offsets
                    .first()
                    .copied()
                    .ok_or(FormatError::Corrupt("empty stem group"))
            }
        }
    }
}
