//! Character-level normalisation of one word.
//!
//! The same function runs over documents (native) and queries (wasm), so
//! every choice here is about making spelling variants meet, never about
//! producing pretty text: the result is an index key.

use super::fold_table::{FOLD_KEYS, FOLD_STR, FOLD_VALS, MARK_RANGES};

/// No normalised word is longer than this many chars (hostile input stays bounded).
pub(crate) const MAX_WORD_CHARS: usize = 64;

/// Normalise one word:
///
/// * Compatibility folding, from our own table (`fold_table.rs`, generated
///   by `gen_fold_table.py` from NFKD): Arabic presentation forms
///   (U+FB50–FDFF, U+FE70–FEFF, e.g. `ﻻ` → `لا`, `ﷲ` → `الله`; the phrase
///   ligatures `ﷺ` `ﷻ` fold to nothing), Latin ligatures (`ﬁ` → `fi`),
///   full-width ASCII, super/subscript digits, and Latin, Greek and Cyrillic
///   letters with diacritics (`é` → `e`, `ά` → `α`; the marks come off as
///   NFKD + mark stripping would take them off). Beyond NFKD: `æ ø œ đ ħ ł
///   ŧ` → `ae o oe d h l t`, and the transliteration marks `ʻ ʼ ʾ ʿ` are
///   dropped (`ʿAbd` → `abd`). Chars outside the covered blocks (see
///   `BLOCKS` in the script) are only lowercased: e.g. `①`, `ℌ`, math and
///   Arabic-math alphanumerics, CJK compatibility ideographs and half-width
///   kana are kept as they are, and already-decomposed input is not
///   recomposed (no NFC). The table and the mark ranges come from Python's
///   `unicodedata` (version in the file header), which may lag Rust's.
///   Fast path: a word made only of ASCII and basic-Arabic-block
///   chars (U+0600–06FF, minus the four compatibility letters U+0675–0678)
///   skips the table, and the explicit folds below give the same result as
///   the table would.
/// * Lowercase; `ß` → `ss`, final `ς` → `σ`.
/// * Drop Latin combining diacritics (é → e, ü → u), Arabic tashkeel
///   (U+064B–065F), superscript alef (U+0670), Quranic annotation marks and
///   tatweel (U+0640). Other scripts' marks (Devanagari vowel signs, kana
///   voicing) are kept: dropping them would merge distinct words.
/// * Drop everything that is not a letter, digit or kept mark: zero-width
///   chars (U+200B–200F, U+FEFF), bidi controls (U+202A–202E, U+2066–2069),
///   the Arabic letter mark, hyphens, thousands separators (`1,400` →
///   `1400`), so `Covid-19` → `covid19`.
/// * Hamza seats: `أ إ آ ٱ` → `ا`, `ؤ` → `و`, `ئ` → `ي`. Writers are
///   inconsistent with them. A lone hamza `ء` is kept: it is a letter of its
///   own (شيء, سماء, جزء), not a seat, and dropping it would merge e.g.
///   سماء with سما.
/// * `ى` → `ي` (alef maqsura is very often written as yeh and vice versa;
///   the cost is that على and the name علي meet), `ة` → `ه` (taa marbuta is
///   often written as heh). Persian/Urdu variants that turn up in Arabic
///   text typed on other keyboards: `ی` → `ي`, `ک` → `ك`, `ۀ`/`ە` → `ه`.
/// * Digits: Arabic-Indic `٠–٩` and Extended Arabic-Indic `۰–۹` → `0–9`; the
///   Arabic decimal separator `٫` → `.`. A `.` survives only between two
///   digits (`30.5`), elsewhere it is dropped.
/// * At most [`MAX_WORD_CHARS`] chars are produced.
pub fn normalize_word(word: &str) -> String {
    let mut out = Out {
        s: String::with_capacity(word.len()),
        n: 0,
    };
    if word.chars().all(is_fast) {
        fold(word.chars(), &mut out);
        return out.s;
    }
    let mut expanded = String::with_capacity(word.len());
    for c in word.chars() {
        if is_fast(c) {
            expanded.push(c);
        } else if let Some(f) = fold_char(c) {
            expanded.push_str(f);
        } else {
            // `É` has no entry of its own: `é` has.
            for l in c.to_lowercase() {
                match fold_char(l) {
                    Some(f) => expanded.push_str(f),
                    None => expanded.push(l),
                }
            }
        }
    }
    fold(expanded.chars(), &mut out);
    out.s
}

/// The table fold of `c` (already lowercased, marks and spaces removed; may
/// be empty), `None` when `c` folds to itself.
fn fold_char(c: char) -> Option<&'static str> {
    let key = u16::try_from(u32::from(c)).ok()?;
    let i = FOLD_KEYS.binary_search(&key).ok()?;
    let v = usize::from(FOLD_VALS[i]);
    let start = v >> 4;
    FOLD_STR.get(start..start + (v & 0xF))
}

/// General_Category=Mark (Mn, Mc, Me).
pub(crate) fn is_combining_mark(c: char) -> bool {
    let c = u32::from(c);
    // Last range starting at or before `c`.
    let i = MARK_RANGES.partition_point(|&r| r >> 11 <= c);
    i > 0 && c - (MARK_RANGES[i - 1] >> 11) <= (MARK_RANGES[i - 1] & 0x7FF)
}

/// Chars that need no Unicode decomposition before [`fold`].
fn is_fast(c: char) -> bool {
    c.is_ascii()
        || (('\u{0600}'..='\u{06FF}').contains(&c) && !('\u{0675}'..='\u{0678}').contains(&c))
}

struct Out {
    s: String,
    /// Chars pushed so far.
    n: usize,
}

impl Out {
    fn push(&mut self, c: char) {
        if self.n < MAX_WORD_CHARS {
            self.s.push(c);
            self.n += 1;
        }
    }
}

/// ASCII or Arabic-Indic digit (before normalisation).
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Marks that are dropped (see [`normalize_word`]); tatweel included.
pub(crate) fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' // Latin combining diacritics
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{0610}'..='\u{061A}' // Arabic honorific / Quranic marks
        | '\u{064B}'..='\u{065F}' // tashkeel, hamza/madda above and below
        | '\u{0670}'              // superscript alef
        | '\u{0640}'              // tatweel
        | '\u{06D6}'..='\u{06DC}' // Quranic annotation
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}')
}

fn fold(chars: impl Iterator<Item = char>, out: &mut Out) {
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        if out.n >= MAX_WORD_CHARS {
            break;
        }
        let c = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            // Hamza / madda / wasla seats on alef.
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => 'ا',
            '\u{0624}' => 'و',
            // ئ, ى, Farsi yeh.
            '\u{0626}' | '\u{0649}' | '\u{06CC}' => 'ي',
            // ة, ۀ, ە.
            '\u{0629}' | '\u{06C0}' | '\u{06D5}' => 'ه',
            '\u{06A9}' => 'ك',
            // Canonical decompositions of two Urdu letters, so the fast path
            // agrees with NFKD.
            '\u{06C2}' => '\u{06C1}',
            '\u{06D3}' => '\u{06D2}',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '.' | '\u{066B}' => {
                let after_digit = out.s.ends_with(|d: char| d.is_ascii_digit());
                if after_digit && chars.peek().is_some_and(|&d| is_digit(d)) {
                    '.'
                } else {
                    continue;
                }
            }
            'ß' => {
                out.push('s');
                's'
            }
            'ς' => 'σ',
            // Plain Arabic letters, kept as they are (ahead of the Unicode
            // property lookup below, which is slow for them).
            '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => c,
            c if is_dropped_mark(c) => continue,
            c if c.is_alphanumeric() || is_combining_mark(c) => c,
            _ => continue,
        };
        out.push(c);
    }
}

/// Arabic-script char (letters, marks, digits, presentation forms).
pub(crate) fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
        && c != '\u{FEFF}'
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{FF21}'..='\u{FF5A}')
}

/// True when the text has Arabic letters and at least as many of them as
/// Latin letters (only the first 2000 chars are looked at). Used to set
/// `dir="rtl"`.
pub fn is_arabic_text(text: &str) -> bool {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(2000).filter(|c| c.is_alphabetic()) {
        if is_arabic_script(c) {
            arabic += 1;
        } else if is_latin(c) {
            latin += 1;
        }
    }
    arabic > 0 && arabic >= latin
}
