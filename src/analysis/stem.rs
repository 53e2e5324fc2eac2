//! Light stemming, in the spirit of Larkey's light10 and Lucene's
//! ArabicStemmer: strip clitic prefixes and a few frequent suffixes, never
//! look for roots.
//!
//! Prefix rule: repeatedly strip the article `ال` (if at least 2 letters
//! remain) or one clitic letter `و ف ب ك ل` (if at least 3 letters remain).
//! The loop is greedy and unlimited on purpose: it analyses what is left
//! after a clitic exactly as it would analyse the bare word, so `X`, `لX`,
//! `وX`, `بالX`, `وللX`... always agree (e.g. كازاخستان and لكازاخستان both
//! lose their ك). A "one conjunction + one preposition" limit would stem
//! the bare word and the prefixed word differently whenever the word itself
//! starts with one of those letters. The price is over-stemming of words
//! whose first radical is و ف ب ك ل (كتاب → تاب), shared by index and
//! query alike.
//!
//! `لل` needs no rule of its own: it is `ل` + `ل`, or `ل` + `ال` with the
//! alef elided; stripping `ل` twice covers both, and for a 4-letter `للXY`
//! it keeps the reading `ل` + `لXY` (للغة → لغه, as for اللغة).

/// Clitic letters stripped one at a time: conjunctions و ف, prepositions ب ك ل.
const CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];
/// Suffixes, longest first (input is normalised: ة is ه, ية is يه).
/// Light10's list plus the attached pronouns هم هما كم كن هن نا (their
/// houses, our land), which hadith and news text use constantly.
const SUFFIXES: [&str; 15] = [
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ان", "ات", "ون", "ين", "يه", "ه", "ي",
];
/// Minimum letters left after stripping a clitic letter or a suffix.
const MIN_STEM: usize = 3;
/// Minimum letters left after stripping the article.
const MIN_AFTER_ARTICLE: usize = 2;

/// Stem of a normalised word. Arabic: prefixes (see module doc) then up to
/// two suffix passes. Latin (ASCII letters only): a tiny English plural
/// rule. Anything containing a digit, or mixing scripts, is returned as is.
pub fn stem(word: &str) -> String {
    if is_arabic_word(word) {
        let w = strip_prefixes(word);
        if w == ALLAH {
            return w.to_string();
        }
        return strip_suffixes(w).to_string();
    }
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return stem_english(word);
    }
    word.to_string()
}

/// The normalised word without its Arabic clitic prefixes (same rules as
/// [`stem`], no suffix stripping). Non-Arabic words are returned as is.
pub fn strip_prefixes(word: &str) -> &str {
    if !is_arabic_word(word) {
        return word;
    }
    let mut w = word;
    loop {
        // الله / لله / والله / بالله...: the article and the ل are part of
        // the name; without this الله would stem to له (a stopword).
        if w == ALLAH || w == "لله" {
            return ALLAH;
        }
        if let Some(rest) = w.strip_prefix("ال") {
            if rest.chars().count() >= MIN_AFTER_ARTICLE {
                w = rest;
                continue;
            }
        }
        let mut cs = w.chars();
        if let Some(c) = cs.next() {
            if CLITICS.contains(&c) && cs.as_str().chars().count() >= MIN_STEM {
                w = cs.as_str();
                continue;
            }
        }
        return w;
    }
}

const ALLAH: &str = "الله";

fn strip_suffixes(mut w: &str) -> &str {
    for _pass in 0..2 {
        let len = w.chars().count();
        let Some(rest) = SUFFIXES.iter().find_map(|s| {
            w.strip_suffix(s)
                .filter(|_| len - s.chars().count() >= MIN_STEM)
        }) else {
            break;
        };
        w = rest;
    }
    w
}

/// Only Arabic letters (U+0620–064A, U+066E–06D3, U+06D5...): the stemmer's
/// rules make no sense for anything else.
fn is_arabic_word(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| ('\u{0620}'..='\u{06FF}').contains(&c) && c.is_alphabetic())
}

/// English plurals: -ies → -y, -sses/-xes/-ches/-shes → drop -es, other -s
/// dropped unless after s, u or i (class, status, analysis). Words under 4
/// letters are left alone.
fn stem_english(w: &str) -> String {
    let n = w.len(); // ASCII only
    if n >= 5 && w.ends_with("ies") && !w.ends_with("eies") && !w.ends_with("aies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n >= 5
        && ["sses", "xes", "ches", "shes"]
            .iter()
            .any(|s| w.ends_with(s))
    {
        return w[..n - 2].to_string();
    }
    if n >= 4 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|s| w.ends_with(s)) {
        return w[..n - 1].to_string();
    }
    w.to_string()
}
