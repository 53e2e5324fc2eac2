//! Metadata found in the text itself: the publication date, the source
//! (agency) line and the keywords line. Used for every source kind, after
//! any explicit metadata (front matter, `<meta>`) has been taken.
//!
//! # Dates
//!
//! [`parse_date`] finds the first valid date in a line and returns it as ISO
//! `YYYY-MM-DD` (or `YYYY-MM` when only a month and year are given). It
//! understands, in Western or Arabic-Indic digits:
//!
//! - ISO `2024-04-09` (also `2024/04/09`, and a trailing `T10:00:00Z`);
//! - numeric day-month-year `9/4/2024`, `11-8-2021`, `09.04.2024` (Arab
//!   order; `12/25/2024`, impossible as day-month, is read month-day);
//! - day month year with Egyptian month names (يناير … ديسمبر, with the
//!   spelling variants ابريل/أبريل, يونيه, يوليه), Levantine ones (كانون
//!   الثاني, شباط, آذار, نيسان, أيار, حزيران, تموز, آب, أيلول, تشرين الأول,
//!   تشرين الثاني, كانون الأول), Maghrebi ones (جانفي, فيفري, أفريل, ماي,
//!   جوان, جويلية, أوت) or English ones (full or abbreviated), e.g.
//!   "الخميس، 05 مايو 2022 12:35 م", "9th, April 2024", "3 أيار/مايو 2022";
//! - English month day year, "April 9, 2024";
//! - month year alone, "نيسان 2024" → `2024-04`.
//!
//! A day and month without a year ("الخميس/ 9 نوفمبر") gives no date: the
//! year is never guessed. Impossible dates (31 February, month 13, day 0)
//! and years outside 1800–2200 are rejected.
//!
//! In running text only *date lines* are looked at: among the first
//! [`DATE_SCAN_PARAGRAPHS`] paragraphs, those of at most
//! [`MAX_DATELINE_WORDS`] words or starting with a label such as
//! "تاريخ النشر". A date quoted inside a long paragraph ("في 18 مارس 2021")
//! is an event, not the publication date.
//!
//! # Source and keywords lines
//!
//! "المصدر: بوابة الوفد", "المصدر : وكالة ايسنا للأنباء.", "مصدر | وكالة
//! تسنيم للأنباء |" and "Source: Reuters" give the source, punctuation and
//! pipes trimmed. "كلمات دلالية: …" (also الكلمات المفتاحية, الوسوم,
//! Keywords, Tags) gives keywords. Both lines are taken out of the body; the
//! date line stays in.

/// How many leading paragraphs are searched for a date line.
pub const DATE_SCAN_PARAGRAPHS: usize = 10;
/// A paragraph with more words than this is running text, not a date line.
pub const MAX_DATELINE_WORDS: usize = 12;
/// A source line with a longer value than this (in words) is a sentence.
const MAX_SOURCE_WORDS: usize = 10;

const MIN_YEAR: u32 = 1800;
const MAX_YEAR: u32 = 2200;

/// What [`extract`] found, and the paragraphs left for the body.
pub(super) struct Found {
    pub paragraphs: Vec<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub keywords: Vec<String>,
}

/// Take the source and keywords lines out of `paragraphs` (already
/// whitespace-collapsed) and find the date line.
pub(super) fn extract(paragraphs: Vec<String>) -> Found {
    let mut source = None;
    let mut keywords: Vec<String> = Vec::new();
    let mut kept = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if let Some(s) = parse_source_line(&p) {
            source.get_or_insert(s);
        } else if let Some(k) = parse_keywords_line(&p) {
            for word in k {
                if !keywords.contains(&word) {
                    keywords.push(word);
                }
            }
        } else {
            kept.push(p);
        }
    }
    let date = find_date(&kept);
    Found {
        paragraphs: kept,
        date,
        source,
        keywords,
    }
}

/// The date from the first date line among the leading paragraphs.
pub(super) fn find_date<S: AsRef<str>>(paragraphs: &[S]) -> Option<String> {
    paragraphs
        .iter()
        .take(DATE_SCAN_PARAGRAPHS)
        .map(AsRef::as_ref)
        .filter(|p| is_dateline(p))
        .find_map(parse_date)
}

/// Short enough to be a date line, or labelled as one.
fn is_dateline(p: &str) -> bool {
    if p.split_whitespace().count() <= MAX_DATELINE_WORDS {
        return true;
    }
    let lower = p.trim_start().to_lowercase();
    [
        "تاريخ النشر",
        "نشر في",
        "نشر بتاريخ",
        "بتاريخ",
        "published",
        "date:",
        "posted",
    ]
    .iter()
    .any(|label| lower.starts_with(label))
}

// ---------------------------------------------------------------- dates

/// The first valid date in `s`, as `YYYY-MM-DD` or `YYYY-MM`. See the
/// module documentation for the forms understood.
pub fn parse_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().map(ascii_digit).collect();

    // A bare year-month, as front matter may give it.
    let trimmed: String = chars.iter().collect::<String>().trim().to_string();
    if let Some((y, m)) = trimmed.split_once('-') {
        if y.len() == 4 && m.len() == 2 && is_digits(y) && is_digits(m) {
            let (y, m) = (y.parse().ok()?, m.parse().ok()?);
            return valid_month(y, m).then(|| format!("{y:04}-{m:02}"));
        }
    }

    let numeric = numeric_date(&chars);
    let textual = textual_date(&chars);
    match (numeric, textual) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|(_, d)| d),
    }
}

/// Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits to ASCII.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn valid_month(y: u32, m: u32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y) && (1..=12).contains(&m)
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    if !valid_month(y, m) {
        return false;
    }
    let days = match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&d)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A maximal run of ASCII digits: `[start, end)` in chars, and its value
/// (`None` when too long to be part of a date).
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    value: Option<u32>,
}

impl Run {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

fn digit_runs(chars: &[char]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let value = if i - start <= 4 {
                chars[start..i].iter().collect::<String>().parse().ok()
            } else {
                None
            };
            runs.push(Run {
                start,
                end: i,
                value,
            });
        } else {
            i += 1;
        }
    }
    runs
}

/// `Y-M-D`, `D-M-Y` (and `M/D/Y` when day-month is impossible), separators
/// `-`, `/` or `.`, the same one twice. Returns the start and the date.
fn numeric_date(chars: &[char]) -> Option<(usize, String)> {
    let runs = digit_runs(chars);
    for w in runs.windows(3) {
        let (a, b, c) = (w[0], w[1], w[2]);
        let (Some(av), Some(bv), Some(cv)) = (a.value, b.value, c.value) else {
            continue;
        };
        // Exactly one separator char between the runs, the same one.
        if b.start != a.end + 1 || c.start != b.end + 1 {
            continue;
        }
        let sep = chars[a.end];
        if !matches!(sep, '-' | '/' | '.') || chars[b.end] != sep {
            continue;
        }
        let found = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
            ymd(av, bv, cv)
        } else if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
            ymd(cv, bv, av).or_else(|| {
                if sep == '/' && bv > 12 {
                    ymd(cv, av, bv)
                } else {
                    None
                }
            })
        } else {
            None
        };
        if let Some(d) = found {
            return Some((a.start, d));
        }
    }
    None
}

/// A token of a line for textual dates.
#[derive(Debug)]
enum Tok {
    /// A number and how many digits it had.
    Num(u32, usize),
    /// A word, normalised (see [`normalize_word`]).
    Word(String),
}

/// Tokens with their start position and whether they follow the previous
/// token closely (only spaces and `, ، / - .` between them).
fn tokens(chars: &[char]) -> Vec<(usize, bool, Tok)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut close = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let n = i - start;
            let v = if n <= 4 {
                chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0)
            } else {
                0
            };
            out.push((start, close, Tok::Num(v, n)));
            close = true;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() && !chars[i].is_ascii_digit() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push((start, close, Tok::Word(normalize_word(&word))));
            close = true;
        } else {
            if !(c.is_whitespace() || matches!(c, ',' | '،' | '/' | '-' | '.')) {
                close = false;
            }
            i += 1;
        }
    }
    out
}

/// Lower-case, without Arabic diacritics or tatweel, alef/ya/ta-marbuta
/// variants unified: the form month names are looked up in.
fn normalize_word(w: &str) -> String {
    w.chars()
        .filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' => 'ه',
            'ک' => 'ك',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// One-word month names, normalised.
const MONTHS: &[(&str, u32)] = &[
    // Egyptian / Gulf (transliterated Latin names).
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Levantine / Iraqi (the two-word ones are in `month_at`).
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    // Maghrebi (French names).
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
    // English.
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The month starting at token `i`, and how many tokens it takes. Also
/// swallows a directly following alternative name ("أيار/مايو").
fn month_at(toks: &[(usize, bool, Tok)], i: usize) -> Option<(u32, usize)> {
    let (m, n) = single_month_at(toks, i)?;
    match single_month_at(toks, i + n) {
        Some((m2, n2)) if m2 == m && toks[i + n].1 => Some((m, n + n2)),
        _ => Some((m, n)),
    }
}

fn single_month_at(toks: &[(usize, bool, Tok)], i: usize) -> Option<(u32, usize)> {
    let Some((_, _, Tok::Word(w))) = toks.get(i) else {
        return None;
    };
    if w == "كانون" || w == "تشرين" {
        let Some((_, true, Tok::Word(next))) = toks.get(i + 1) else {
            return None;
        };
        let second = match next.as_str() {
            "الثاني" | "ثاني" => true,
            "الاول" | "اول" => false,
            _ => return None,
        };
        let m = match (w.as_str(), second) {
            ("كانون", true) => 1,
            ("كانون", false) => 12,
            ("تشرين", false) => 10,
            _ => 11,
        };
        return Some((m, 2));
    }
    MONTHS
        .iter()
        .find(|(name, _)| name == w)
        .map(|&(_, m)| (m, 1))
}

/// A number of at most two digits (a day) at token `i`, followed closely,
/// with an English ordinal suffix skipped. Returns the day and tokens taken.
fn day_at(toks: &[(usize, bool, Tok)], i: usize) -> Option<(u32, usize)> {
    let Some((_, _, Tok::Num(d, n))) = toks.get(i) else {
        return None;
    };
    if *n > 2 {
        return None;
    }
    match toks.get(i + 1) {
        Some((_, _, Tok::Word(w))) if matches!(w.as_str(), "st" | "nd" | "rd" | "th") => {
            Some((*d, 2))
        }
        _ => Some((*d, 1)),
    }
}

/// A four-digit year at token `i`, following the previous token closely.
fn year_at(toks: &[(usize, bool, Tok)], i: usize) -> Option<u32> {
    match toks.get(i) {
        Some((_, true, Tok::Num(y, 4))) => Some(*y),
        _ => None,
    }
}

/// Day month year, month day year, or month year. Returns the start and the date.
fn textual_date(chars: &[char]) -> Option<(usize, String)> {
    let toks = tokens(chars);
    for i in 0..toks.len() {
        let start = toks[i].0;
        // Day month year.
        if let Some((d, dn)) = day_at(&toks, i) {
            if let Some((m, mn)) = month_at(&toks, i + dn).filter(|_| toks[i + dn].1) {
                if let Some(y) = year_at(&toks, i + dn + mn) {
                    if let Some(date) = ymd(y, m, d) {
                        return Some((start, date));
                    }
                }
            }
            continue;
        }
        // Month day year, or month year.
        if let Some((m, mn)) = month_at(&toks, i) {
            if let Some((d, dn)) = day_at(&toks, i + mn).filter(|_| toks[i + mn].1) {
                if let Some(y) = year_at(&toks, i + mn + dn) {
                    if let Some(date) = ymd(y, m, d) {
                        return Some((start, date));
                    }
                }
            } else if let Some(y) = year_at(&toks, i + mn) {
                let preceded_by_day = i > 0 && matches!(toks[i - 1].2, Tok::Num(_, 1 | 2));
                if !preceded_by_day && valid_month(y, m) {
                    return Some((start, format!("{y:04}-{m:02}")));
                }
            }
        }
    }
    None
}

// ------------------------------------------------- source and keywords

/// Characters trimmed from around a source or keywords value.
fn is_trim_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '|' | ':' | '：' | '.' | '،' | ',' | '؛' | ';' | '-' | '–' | '—' | '*' | '•'
        )
}

/// The value after one of `labels` and a `:` or `|` separator.
fn labelled_value<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '•'));
    for label in labels {
        let Some(head) = line.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = line[label.len()..].trim_start();
        if rest.starts_with([':', '|', '：']) {
            return Some(rest.trim_matches(is_trim_char));
        }
    }
    None
}

/// "المصدر: بوابة الوفد" → "بوابة الوفد". `None` for anything else,
/// including a long sentence that merely starts with "مصدر".
pub fn parse_source_line(line: &str) -> Option<String> {
    let value = labelled_value(line, &["المصدر", "مصدر", "المصادر", "source"])?;
    let words = value.split_whitespace().count();
    (words > 0 && words <= MAX_SOURCE_WORDS).then(|| value.to_string())
}

/// "كلمات دلالية: …" → the keywords (split on `,` `،` `;` `؛` `|`; without any separator the whole value is one keyword).
pub fn parse_keywords_line(line: &str) -> Option<Vec<String>> {
    let value = labelled_value(
        line,
        &[
            "كلمات دلالية",
            "الكلمات الدلالية",
            "كلمات مفتاحية",
            "الكلمات المفتاحية",
            "الوسوم",
            "وسوم",
            "keywords",
            "tags",
        ],
    )?;
    let k = split_keywords(value);
    (!k.is_empty()).then_some(k)
}

/// Split on explicit separators (`,` `،` `;` `؛` `|`); without any, the
/// whole value is one keyword (scraped Arabic keyword lines run their
/// phrases together with plain spaces, which cannot be split reliably).
pub(super) fn split_keywords(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in value.split([',', '،', ';', '؛', '|']) {
        let k = super::clean::collapse_whitespace(part.trim_matches(is_trim_char));
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}
