//! From a query term to the dictionary words it matches, through the fsts:
//! the exact word, the same word with other clitics, every word sharing its
//! stem, the forms the stemmer cannot relate alone (lone clitic letters, ة
//! written ت, -stan countries) where the vocabulary has them, words within
//! one or two edits (typos, transliteration variants), and, while the
//! visitor is still typing, words that start with it. Each comes with a
//! quality that ranking uses.

use std::sync::OnceLock;

use fst::automaton::{Automaton, Str};
use levenshtein_automata::LevenshteinAutomatonBuilder;

use super::{typo, QueryTerm};
use crate::analysis::{
    clitic_form, clitic_remainders, is_arabic_text, is_stopword, stem, strip_prefixes,
    ARTICLE_PREFIXES, CLITIC_PREFIXES, LONE_CLITICS,
};
use crate::format::{piece, FileKind, FormatError, Index, WordRef};

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

/// Documents in which a word's own forms (with or without article and
/// clitics) are found beyond which its other stem-mates are not looked at.
const OWN_FORMS_ENOUGH: f32 = 1000.0;
/// Most completions of an unfinished word kept (the most frequent win).
/// Each is a postings list of its own, mostly in a piece of its own: 40
/// cost the hadith prefix queries 65 pieces at p95, 12 cost 38, and the
/// judged prefix queries found the same documents with 8.
pub const MAX_COMPLETIONS: usize = 12;
/// Most dictionary keys looked at while collecting completions.
const MAX_SCANNED: usize = 1024;
/// The same for a word typed as far as one letter after its clitics.
const SHORT_SCANNED: usize = 256;
const SHORT_COMPLETIONS: usize = 6;
/// Shortest unfinished word (in characters) that is completed.
const MIN_PREFIX_CHARS: usize = 2;
/// Words this long (in characters) tolerate one edit; `TWO_EDITS_CHARS` two.
const ONE_EDIT_CHARS: usize = 4;
const TWO_EDITS_CHARS: usize = 8;
/// Words found in this many documents are not looked up with two clitics.
const COMBO_BELOW_DOCS: f32 = 20.0;
/// Words found (with their stem-mates) in this many documents get no
/// near-miss matches.
const TYPO_BELOW_DOCS: f32 = 5.0;
/// Most dictionary pieces searched for near-misses of a word the index
/// has: each is a request (see `near`).
const NEAR_PIECES_OF_KNOWN: u32 = 3;
/// Stems this long (in characters) are also matched with a typo.
const STEM_TYPO_CHARS: usize = 6;
/// The long vowels, which are also the hamza seats after normalisation:
/// the letters writers most often drop, add or swap.
const LONG_VOWELS: [char; 3] = ['ا', 'و', 'ي'];

/// A query term with the postings it reaches.
#[derive(Debug, Clone)]
pub struct Expanded {
    /// (postings list, quality), one per dictionary word, best quality kept.
    pub postings: Vec<(WordRef, f32)>,
    /// Surface words and stems matched, so excerpts mark exactly what matched.
    pub words: TextSet,
    pub stems: TextSet,
    /// For a word still being typed: its most frequent completion, the
    /// likely next query word (what a browser may fetch ahead).
    pub likely: Option<(String, f32)>,
}

/// A small sorted set of words (a `BTreeSet` would add its own code to
/// the wasm for a handful of entries).
#[derive(Debug, Clone, Default)]
pub struct TextSet(Vec<String>);

impl TextSet {
    pub fn insert(&mut self, s: String) {
        if let Err(at) = self.0.binary_search(&s) {
            self.0.insert(at, s);
        }
    }

    pub fn contains(&self, s: &str) -> bool {
        self.0.binary_search_by(|x| x.as_str().cmp(s)).is_ok()
    }
}

impl Expanded {
    /// Does a document word (normalised `word`, stem `term`) match this query term?
    pub fn matches(&self, word: &str, term: &str) -> bool {
        self.words.contains(word) || self.stems.contains(term)
    }

    fn add(&mut self, word: WordRef, quality: f32) {
        // The same list reached through either dictionary is one word.
        let word = word.with_tag(0);
        match self.postings.iter_mut().find(|(o, _)| *o == word) {
            Some((_, q)) => *q = q.max(quality),
            None => self.postings.push((word, quality)),
        }
    }

    /// About how many documents the word itself reaches (its own forms and
    /// stem-mates, not completions or near-misses): how well the index
    /// knows it.
    fn known_docs(&self) -> f32 {
        self.docs_at_least(CORE)
    }

    /// About how many documents the words found at `quality` or better are in.
    fn docs_at_least(&self, quality: f32) -> f32 {
        self.postings
            .iter()
            .filter(|&&(_, q)| q >= quality)
            .map(|(w, _)| w.doc_freq())
            .sum()
    }

    /// Add every word sharing the stem `key`.
    fn add_stem(&mut self, key: String, words: &[WordRef], quality: f32) {
        for &w in words {
            self.add(w, quality);
        }
        self.stems.insert(key);
    }
}

pub fn expand(index: &Index, t: &QueryTerm) -> Result<Expanded, FormatError> {
    let mut e = Expanded {
        postings: Vec::new(),
        words: TextSet::default(),
        stems: TextSet::default(),
        likely: None,
    };
    for o in index.lookup(FileKind::Words, &t.word)?.unwrap_or_default() {
        e.add(o, EXACT);
    }
    e.words.insert(t.word.clone());
    // The word's stem-mates; among them, its own forms with or without an
    // article (الطاعون, فالطاعون, طاعون: the same word without its
    // article, told by the tag the stem dictionary keeps for each word).
    let same_word = t.bare.chars().count() >= 2 && is_arabic_text(&t.bare);
    let bare_tag = piece::tag(&t.bare);
    // Its stem entry also names the words of its forms with clitic
    // letters before it (وكتاب, بكتاب, وبكتاب for كتاب): for a word typed
    // without the article, they are its clitic forms, found here rather
    // than looked up one by one.
    let bare_word = t.bare == t.word;
    let mut own_known = e.known_docs();
    // Until the stem's entry is at hand, it is not known which of its
    // clitic forms the index has: they wait for it (no extra round: the
    // postings are fetched in the next one anyway).
    let entry_at_hand = index.holds_key(FileKind::Stems, &t.term);
    if let Some((words, linked)) = index.lookup_linked(FileKind::Stems, &t.term)? {
        for &w in &words {
            let own_form = same_word && w.tag == bare_tag;
            e.add(w, if own_form { SAME_WORD } else { SAME_STEM });
        }
        // A word the index knows well in its own forms leaves out the
        // other words of its stem: they rank after every document with the
        // word itself, so they cannot reach the first pages, and for a
        // common stem their postings are the largest part of the query's
        // download (بالعمرة shares the stem of عمر, whose list alone is
        // 211 kB on the 300k bench corpus).
        if e.docs_at_least(SAME_WORD) >= OWN_FORMS_ENOUGH {
            e.postings.retain(|p| p.1 != SAME_STEM);
        }
        // (Measured before them: how well the index knows the word itself
        // decides below whether its two-clitic forms are looked up.)
        own_known = e.known_docs();
        if bare_word {
            for &w in &linked {
                e.add(w, CLITIC);
            }
            for key in CLITIC_PREFIXES
                .iter()
                .filter_map(|p| clitic_form(p, &t.term))
            {
                e.stems.insert(key);
            }
        }
    }
    e.stems.insert(t.term.clone());
    let completing = t.prefix && t.word.chars().count() >= MIN_PREFIX_CHARS;
    let mut completed_docs = 0.0;
    if completing {
        // A word of which only clitics, the article and a letter are typed
        // (وال, الج) begins a tenth of the dictionary: a few of its most
        // frequent completions, from fewer pieces, until it says more.
        let after_article = ARTICLE_PREFIXES
            .iter()
            .find_map(|p| t.word.strip_prefix(p))
            .unwrap_or(&t.bare);
        let (scanned, keep) = if after_article.chars().count() <= 1 {
            (SHORT_SCANNED, SHORT_COMPLETIONS)
        } else {
            (MAX_SCANNED, MAX_COMPLETIONS)
        };
        for (word, found) in completions_within(index, FileKind::Words, &t.word, scanned, keep)? {
            let df = found.iter().map(|w| w.doc_freq()).fold(0.0f32, f32::max);
            if e.likely.as_ref().map_or(true, |(_, best)| df > *best) {
                e.likely = Some((word.clone(), df));
            }
            completed_docs += df;
            for o in found {
                e.add(o, COMPLETION);
            }
            e.words.insert(word);
        }
    }
    // Forms with two clitics are for a word known little, completions
    // included: أموا, which completes to أموال, needs no وبأموا.
    clitic_forms(index, t, &mut e, own_known + completed_docs, entry_at_hand)?;

    if completing {
        // "والصي" should complete to the stem of "الصين": complete the word
        // without its clitics against the stems too.
        if t.bare != t.word && t.bare.chars().count() >= 3 {
            for (stem, words) in completions(index, FileKind::Stems, &t.bare)? {
                e.add_stem(stem, &words, STEM_COMPLETION);
            }
        }
        // "كازاخ" should complete to "لكازاخستان" too, and "لكازاخ" to
        // "كازاخستان": the same clitic readings as for whole words. Not for
        // a word the index has as typed: its clitic forms were looked up
        // already, and each reading is another range of the dictionary
        // (so they wait, too, until the word's own piece tells; not for
        // the other pieces of the round, which would cost one more).
        let typed_is_known = e.postings.iter().any(|&(_, q)| q == EXACT);
        if t.bare == t.word
            && t.word.chars().count() >= 3
            && !typed_is_known
            && index.holds_key(FileKind::Words, &t.word)
        {
            let forward =
                clitics_before(own_known + completed_docs, true).map(|p| format!("{p}{}", t.word));
            let backward = clitic_remainders(&t.word).into_iter().map(str::to_string);
            for key in forward.chain(backward).collect::<Vec<_>>() {
                for (word, found) in completions(index, FileKind::Words, &key)? {
                    for o in found {
                        e.add(o, STEM_COMPLETION);
                    }
                    e.words.insert(word);
                }
            }
        }
    }

    // Near-misses only for a word the index barely knows as typed: a word
    // found in many documents is not a typo, and the search for its
    // neighbours (which fetches a whole range of the dictionary) is saved.
    let known = e.known_docs();
    // Until the dictionary pieces of the word itself are at hand, it is not
    // known whether near-misses are wanted: they are not fetched yet.
    // A word being typed that the index can complete is taken as unfinished,
    // not misspelt.
    let completed = e.postings.iter().any(|&(_, q)| q == COMPLETION);
    if !t.fuzzy || known >= TYPO_BELOW_DOCS || completed || index.has_missing() {
        return Ok(e);
    }
    // Documents with the word itself, as typed or with other clitics.
    let itself = e.docs_at_least(SAME_WORD);
    let mut near_words = Vec::new();
    for (word, found) in near(index, FileKind::Words, &t.word, &t.bare, itself)? {
        for o in found {
            e.add(o, TYPO);
        }
        if itself == 0.0 {
            near_words.push(word.clone());
        }
        e.words.insert(word);
    }
    // For a word the index does not have, the near-miss is the word meant:
    // so is the same word with other clitics (الوززغ → الوزغ → بالوزغ,
    // والوزغ), told by its tag in its stem's entry. Not its stem-mates:
    // التلبينة (a dish) shares its stem with التلبية (a prayer).
    for word in near_words {
        let bare_tag = piece::tag(strip_prefixes(&word));
        if let Some(words) = index.lookup(FileKind::Stems, &stem(&word))? {
            for w in words.into_iter().filter(|w| w.tag == bare_tag) {
                e.add(w, TYPO);
            }
        }
    }
    // A typo in the word's stem reaches every clitic form of the right word
    // (كازاخستن → the stem of وكازاخستان). A shorter stem is one edit from
    // too many others (بيتكو → بيتك), so there only a long vowel or hamza
    // seat inside the stem may differ: ضفادع ~ ضفدع, مسيول ~ مسوول.
    let n = t.term.chars().count();
    if n > ONE_EDIT_CHARS {
        for (stem, words) in near(index, FileKind::Stems, &t.term, &t.term, itself)? {
            if n < STEM_TYPO_CHARS && !inner_vowel_edit(&t.term, &stem) {
                continue;
            }
            e.add_stem(stem, &words, TYPO);
        }
        // The same with a lone clitic before it (قيرغيزستان → وقرغيزستان):
        // near-misses keep the first letter, so clitic forms are looked up
        // under each clitic.
        if t.bare == t.word {
            for p in LONE_CLITICS {
                let key = format!("{p}{}", t.term);
                for (stem, words) in near(index, FileKind::Stems, &key, &t.term, itself)? {
                    if n < STEM_TYPO_CHARS && !inner_vowel_edit(&key, &stem) {
                        continue;
                    }
                    e.add_stem(stem, &words, TYPO);
                }
            }
        }
    }
    // Near-misses keep the first letter as typed; a word the index does not
    // have at all may differ right there: a transliteration's other letter
    // (غازيتا, جازيتا) or a long vowel after it (الأكرانية, الأوكرانية).
    if itself == 0.0 {
        for key in first_letter_variants(&t.bare) {
            add_stem_if_known(index, t, &mut e, key, TYPO)?;
        }
    }

    Ok(e)
}

/// Stems of `bare` (a word without clitics, at least `ONE_EDIT_CHARS`
/// long) with one edit at its start, where `near` does not look: the
/// first letter swapped for a transliteration partner, a long vowel put
/// in after it, or the long vowel after it taken out.
fn first_letter_variants(bare: &str) -> Vec<String> {
    let chars: Vec<char> = bare.chars().collect();
    if chars.len() < ONE_EDIT_CHARS || !is_arabic_text(bare) {
        return Vec::new();
    }
    let (first, rest) = (chars[0], &chars[1..]);
    let word = |head: &[char], tail: &[char]| -> String {
        stem(&head.iter().chain(tail).collect::<String>())
    };
    let mut out = Vec::new();
    for &(a, b) in &typo::TRANSLIT_PARTNERS {
        let other = if first == a {
            b
        } else if first == b {
            a
        } else {
            continue;
        };
        out.push(word(&[other], rest));
    }
    for v in LONG_VOWELS {
        if rest[0] != v {
            out.push(word(&[first, v], rest));
        }
    }
    if LONG_VOWELS.contains(&rest[0]) && chars.len() > ONE_EDIT_CHARS {
        out.push(word(&[first], &rest[1..]));
    }
    out
}

/// The stemmer leaves lone clitic letters on (see `analysis::stem`); here
/// the vocabulary decides. Forward: the word with و ف ب ك ل before it
/// (لافروف → بلافروف, للافروف). Backward: a typed word read as clitics +
/// a word (لكازاخستان → كازاخستان), as good as the word itself when the
/// index does not have the typed form, a weak guess when it does.
fn clitic_forms(
    index: &Index,
    t: &QueryTerm,
    e: &mut Expanded,
    known: f32,
    entry_at_hand: bool,
) -> Result<(), FormatError> {
    let typed_is_known = e.postings.iter().any(|&(_, q)| q == EXACT);
    // A word with the article takes its clitics before it, inside the stem.
    let bare_word = t.bare == t.word;
    // Where the stem's entry does not name them, forms with two clitics
    // wait until the word's own pieces are at hand. (Those the entry names
    // are in `e.stems` by now, and skipped below.)
    let forward = clitics_before(known, !index.has_missing())
        .filter(|_| bare_word && entry_at_hand)
        .map(|p| (with_clitic(p, &t.word, &t.term), CLITIC))
        .chain(ta_marbuta_forms(&t.word, &t.term).map(|k| (k, CLITIC)))
        .chain(country_or_demonym(&t.bare).map(|k| (k, CLITIC)))
        .chain(tanween_form(&t.term).map(|k| (k, CLITIC)));
    let backward_quality = if typed_is_known { CLITIC_GUESS } else { CLITIC };
    let backward = clitic_remainders(&t.word)
        .into_iter()
        .map(|r| (stem(r), backward_quality));
    for (key, quality) in forward.chain(backward).collect::<Vec<_>>() {
        add_stem_if_known(index, t, e, key, quality)?;
    }
    Ok(())
}

/// Add the words of the stem `key` at `quality`, where the vocabulary has
/// it and it is not the term's own stem or one already added.
fn add_stem_if_known(
    index: &Index,
    t: &QueryTerm,
    e: &mut Expanded,
    key: String,
    quality: f32,
) -> Result<(), FormatError> {
    if key == t.term || e.stems.contains(&key) {
        return Ok(());
    }
    if let Some(words) = index.lookup(FileKind::Stems, &key)? {
        e.add_stem(key, &words, quality);
    }
    Ok(())
}

/// The clitics (`CLITIC_PREFIXES`) looked up before a word the index
/// knows from `known` documents. Two clitics (وب, فل…) are rarer than one:
/// only for a word known little, and only when `two_allowed` (each is
/// another range of the dictionary to fetch).
fn clitics_before(known: f32, two_allowed: bool) -> impl Iterator<Item = &'static str> {
    let two = two_allowed && known < COMBO_BELOW_DOCS;
    CLITIC_PREFIXES
        .iter()
        .copied()
        .filter(move |p| two || p.chars().count() == 1)
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

/// A noun in the accusative is written with an alef (عابد, عابدا; رجل,
/// رجلا) that the stemmer leaves on, since a final ا is as often part of
/// the word (القصواء typed القصوا, دعا): the form with it is looked up
/// where the vocabulary has it.
fn tanween_form(term: &str) -> Option<String> {
    (term.chars().count() >= 3
        && is_arabic_text(term)
        && !term.ends_with(['ا', 'ء', 'ي', 'و', 'ه']))
    .then(|| format!("{term}ا"))
}

/// Do `a` and `b` differ by one long vowel or hamza seat (ا و ي), added,
/// dropped or swapped for another, neither first nor last?
fn inner_vowel_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let inner = |i: usize| i > 0 && i + 1 < long.len() && LONG_VOWELS.contains(&long[i]);
    if short.len() == long.len() {
        let diff: Vec<usize> = (0..long.len()).filter(|&i| a[i] != b[i]).collect();
        return diff.len() == 1 && inner(diff[0]) && LONG_VOWELS.contains(&short[diff[0]]);
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

/// Keys of `dict` within one edit of `key` (two for long words), as
/// `typo::within` counts them; none for short words and numbers, where one
/// edit makes another word. Length is counted without clitics (`bare`):
/// الروسي is not a typo of الاوراسي. The clitics and the first letter after
/// them are taken as typed (two letters after ا and the clitic letters,
/// which begin too many words), so that only the dictionary pieces under
/// that prefix are searched (and fetched).
fn near(
    index: &Index,
    dict: FileKind,
    key: &str,
    bare: &str,
    itself: f32,
) -> Result<Vec<(String, Vec<WordRef>)>, FormatError> {
    let n = bare.chars().count();
    if n < ONE_EDIT_CHARS || key.chars().any(|c| c.is_ascii_digit()) {
        return Ok(Vec::new());
    }
    // Builders are the costly part (tables per distance): make each once.
    // Transpositions count as one edit.
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let (builder, edits) = if n >= TWO_EDITS_CHARS {
        (
            TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
            2,
        )
    } else {
        (
            ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
            1,
        )
    };
    let clitics = key.len().saturating_sub(bare.len());
    let first = bare.chars().next().map_or(0, |c| {
        if matches!(c, 'ا' | 'و' | 'ف' | 'ب' | 'ك' | 'ل') {
            2
        } else {
            1
        }
    });
    let fixed_len = |letters: usize| {
        clitics
            + bare
                .char_indices()
                .nth(letters)
                .map_or(bare.len(), |(i, _)| i)
    };
    let mut letters = first;
    let mut fixed = key.get(..fixed_len(letters)).unwrap_or(key);
    // A word the index has (a few times) is seldom a typo: its near-misses
    // are looked for under a longer prefix when the short one spans many
    // pieces (فانحدرت: 56 pieces under فا, 3 under فان).
    if itself > 0.0 {
        while letters + 2 < n
            && index.pieces_between(
                dict,
                fixed.as_bytes(),
                successor(fixed.as_bytes()).as_deref(),
            ) > NEAR_PIECES_OF_KNOWN
        {
            letters += 1;
            fixed = key.get(..fixed_len(letters)).unwrap_or(key);
        }
    }
    let dfa = builder.build_dfa(key);
    let aut = (&dfa).intersection(Str::new(fixed).starts_with());
    let mut found = collect(index, dict, aut, fixed, usize::MAX, MAX_COMPLETIONS, key)?;
    found.retain(|(k, _)| typo::within(key, k, edits));
    Ok(found)
}

/// Keys of `dict` starting with `prefix` (the most frequent few when many).
fn completions(
    index: &Index,
    dict: FileKind,
    prefix: &str,
) -> Result<Vec<(String, Vec<WordRef>)>, FormatError> {
    completions_within(index, dict, prefix, MAX_SCANNED, MAX_COMPLETIONS)
}

/// [`completions`], looking at about `scanned` keys and keeping `keep`.
fn completions_within(
    index: &Index,
    dict: FileKind,
    prefix: &str,
    scanned: usize,
    keep: usize,
) -> Result<Vec<(String, Vec<WordRef>)>, FormatError> {
    collect(
        index,
        dict,
        Str::new(prefix).starts_with(),
        prefix,
        scanned,
        keep,
        prefix,
    )
}

/// Keys of `dict` starting with `prefix` that `aut` accepts, except `skip`
/// itself; the most frequent `keep` when there are more. At most about
/// `max_keys` keys are looked at.
fn collect<A: Automaton>(
    index: &Index,
    dict: FileKind,
    aut: A,
    prefix: &str,
    max_keys: usize,
    keep: usize,
    skip: &str,
) -> Result<Vec<(String, Vec<WordRef>)>, FormatError> {
    let end = successor(prefix.as_bytes());
    let mut found = index.scan(dict, aut, prefix.as_bytes(), end.as_deref(), max_keys)?;
    // A near-miss or completion that is a stopword (بكين → بين,
    // الكما → كما) would match nearly every document.
    found.retain(|(k, _)| k != skip && !is_stopword(k));
    found.truncate(MAX_SCANNED);
    if found.len() > keep {
        // The most frequent words first (document frequency as the
        // dictionary records it, so no postings need fetching).
        let df = |words: &[WordRef]| words.iter().map(|w| w.doc_freq()).fold(0.0f32, f32::max);
        super::order::sort_by(&mut found, |a, b| {
            df(&b.1).total_cmp(&df(&a.1)).then_with(|| a.0.cmp(&b.0))
        });
        found.truncate(keep);
    }
    Ok(found)
}

/// The smallest byte string above every string starting with `prefix`
/// (`None`: there is none, the range runs to the end).
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut s = prefix.to_vec();
    while let Some(last) = s.pop() {
        if last < 0xff {
            s.push(last + 1);
            return Some(s);
        }
    }
    None
}
