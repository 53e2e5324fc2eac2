//! Light stemming, in the spirit of Larkey's light10 and Lucene's
//! ArabicStemmer: strip the article with its clitics and a few frequent
//! suffixes, never look for roots (one derivation aside: `masdar_verb`).
//!
//! Prefix rule: only prefixes that end in the article are stripped
//! (ال, وال, بال, كال, فال, لل, and و/ف before بال كال لل), once. A lone
//! clitic letter (و ف ب ك ل) is left on: without a dictionary it cannot be
//! told from a first radical (براق, كتاب, وراق, لافروف), and stripping it
//! anyway merged البراق with الوراق and الكلالة with إله. Search looks up
//! the clitic forms against the index vocabulary instead (`search::expand`):
//! لافروف finds بلافروف there, where it is known to be a word.
//!
//! `لل` is ل + the article with its alef elided: للصين → صين. When the word
//! itself starts with ل (لغة → للغة), three letters must remain after `لل`,
//! otherwise only one ل comes off (للغة → لغه, as for اللغة).

/// Prefixes ending in the article, longest first; each needs
/// `MIN_AFTER_ARTICLE` letters left, those with a clitic letter before the
/// article `MIN_STEM` (بالغ stays بالغ, not غ).
pub const ARTICLE_PREFIXES: [&str; 12] = [
    "وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];
/// Clitic letters that may stand before a word without the article: a
/// conjunction (و ف), a preposition (ب ك ل), or one of each, in that order.
pub const CLITIC_PREFIXES: [&str; 11] =
    ["و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"];
/// The clitic letters that stand alone before a word (a conjunction or a
/// preposition): the one-letter entries of `CLITIC_PREFIXES`.
pub const LONE_CLITICS: [&str; 5] = ["و", "ف", "ب", "ك", "ل"];

/// The stem of the word formed by the clitics `p` (one of
/// `CLITIC_PREFIXES`) before a word of stem `term`, when it is `p` +
/// `term` (the word's suffixes stay what they were); `None` for ل before
/// ل, which merges into the article's spelling (ل + لافروف is للافروف,
/// stemmed like ل + ال).
pub fn clitic_form(p: &str, term: &str) -> Option<String> {
    (!(p.ends_with('ل') && term.starts_with('ل'))).then(|| format!("{p}{term}"))
}

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
        // Same rule as for suffixes: the unfinished الكمأ (الكما) is not كما.
        if w != word && is_stopword(w) {
            return word.to_string();
        }
        let s = strip_suffixes(w);
        // An adjective made from the masdar (الاجتماعية, social) means
        // something else than the verb (اجتمع, met): it keeps its stem.
        let nisba = w[s.len()..].starts_with('ي');
        return (!nisba)
            .then(|| masdar_verb(s))
            .flatten()
            .unwrap_or_else(|| s.to_string());
    }
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return stem_english(word);
    }
    word.to_string()
}

/// The normalised word without its article and the clitics before it
/// (same rule as [`stem`], no suffix stripping). Other words are returned
/// as is.
pub fn strip_prefixes(word: &str) -> &str {
    if !is_arabic_word(word) {
        return word;
    }
    // الله / لله / والله / بالله...: the article and the ل are part of the
    // name; without this الله would stem to له (a stopword).
    if [
        ALLAH,
        "لله",
        "والله",
        "فالله",
        "بالله",
        "ولله",
        "فلله",
        "تالله",
    ]
    .contains(&word)
    {
        return ALLAH;
    }
    for p in ARTICLE_PREFIXES {
        let Some(rest) = word.strip_prefix(p) else {
            continue;
        };
        let left = rest.chars().count();
        if p.ends_with("لل") {
            // ل + article: ل + لXY keeps its own ل when fewer than three letters follow.
            if left >= MIN_STEM {
                return rest;
            }
            let one = &word[p.len() - 'ل'.len_utf8()..];
            if one.chars().count() > MIN_AFTER_ARTICLE {
                return one;
            }
            continue;
        }
        let need = if p == "ال" {
            MIN_AFTER_ARTICLE
        } else {
            MIN_STEM
        };
        if left >= need {
            return rest;
        }
    }
    word
}

/// Readings of `word` as lone clitic letters + a word of at least
/// `MIN_STEM` letters: the possible words, longest first. None when the word
/// carries the article (its clitics are part of the stem then) or is not
/// Arabic. Which reading is right only the vocabulary can tell.
pub fn clitic_remainders(word: &str) -> Vec<&str> {
    if !is_arabic_word(word) || strip_prefixes(word) != word {
        return Vec::new();
    }
    CLITIC_PREFIXES
        .iter()
        .filter_map(|p| word.strip_prefix(p))
        .filter(|rest| rest.chars().count() >= MIN_STEM)
        .collect()
}

use super::is_stopword;

const ALLAH: &str = "الله";

fn strip_suffixes(mut w: &str) -> &str {
    for _pass in 0..2 {
        let len = w.chars().count();
        let Some(rest) = SUFFIXES.iter().find_map(|s| {
            // A stem that is a stopword would match it everywhere
            // (الكمأة → كماه → كما, "as").
            w.strip_suffix(s)
                .filter(|r| len - s.chars().count() >= MIN_STEM && !is_stopword(r))
        }) else {
            break;
        };
        w = rest;
    }
    w
}

/// The past-tense verb of a masdar of forms VII, VIII and X (انفعال,
/// افتعال, استفعال), the one derivation where verb and noun share every
/// letter but one alef: انشقاق → انشق (a doubled last radical is written
/// once), اجتماع → اجتمع, استغفار → استغفر. Without it انشقاق القمر misses
/// every text that says انشق القمر. Only these shapes: form IV (إفعال)
/// looks like the broken plural أفعال (أقلام, أموال), and a weak last
/// radical (انتهاء, انتهى) changes the verb's spelling.
fn masdar_verb(w: &str) -> Option<String> {
    let c: Vec<char> = w.chars().collect();
    let weak = |x: char| matches!(x, 'ا' | 'و' | 'ي' | 'ء');
    let (head, radicals) = match c.as_slice() {
        // انفعال, or افتعال with its ت (or ط د after some first radicals).
        ['ا', c1, c2, c3, 'ا', c5] if *c1 == 'ن' || matches!(c2, 'ت' | 'ط' | 'د') => {
            (&c[..3], [*c3, *c5])
        }
        ['ا', 'س', 'ت', _, c4, 'ا', c6] => (&c[..4], [*c4, *c6]),
        _ => return None,
    };
    if head[1..].iter().chain(&radicals).any(|&x| weak(x)) {
        return None;
    }
    let mut verb: String = head.iter().collect();
    verb.push(radicals[0]);
    if radicals[1] != radicals[0] {
        verb.push(radicals[1]);
    }
    Some(verb)
}

/// Only Arabic letters (U+0620–064A, U+066E–06D3, U+06D5...): the stemmer's
/// rules make no sense for anything else.
fn is_arabic_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| {
            // Plain letters first: the Unicode lookup is slow for them.
            matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
                || (('\u{0620}'..='\u{06FF}').contains(&c) && c.is_alphabetic())
        })
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
