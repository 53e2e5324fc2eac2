//! Splitting text into tokens with their byte spans in the original text.
//!
//! A word is a maximal run of letters and digits together with the marks,
//! tatweel and zero-width joiners inside it. Inside a run:
//! * `.` `,` `٫` `٬` between two digits stay (`30.5`, `1,400`, `٢٠٢١٫٥`);
//! * the run is split where Arabic letters (tatweel included) meet other
//!   letters or digits, so `لـCovid` → `لـ` + `Covid`, `الـ30` → `الـ` + `30`.
//!
//! Words joined by a hyphen with nothing around it (`Covid-19`,
//! `العربية-الروسية`) are a compound: each part is a token with its own
//! consecutive position, and the joined form (`covid19`) is one more token
//! at the first part's position, placed right after the first part, with
//! the span of the whole compound.

use super::normalize::{is_arabic_script, is_combining_mark, is_digit, is_dropped_mark};

/// One word of a text, as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalised surface form (see [`normalize_word`](super::normalize_word)), unstemmed.
    pub word: String,
    /// The stem of `word` (see [`stem`](super::stem)); what recall is built on.
    pub term: String,
    /// Byte range of the whole original word (clitics included) in the input.
    pub start: usize,
    pub end: usize,
    /// Word position in the input, counting from 0; tokens split from one
    /// hyphenated word get consecutive positions, and the joined form of a
    /// hyphenated word shares the position of its first part. Positions are
    /// non-decreasing in the returned order.
    pub position: u32,
    /// True for stopwords (still returned, so phrases and positions stay exact).
    pub stop: bool,
}

/// Script class of a char inside a word, for splitting mixed runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Arabic letters and tatweel.
    Arabic,
    /// Any other letter or digit (Arabic-Indic digits included).
    Other,
    /// Marks and joiners: belong to whatever they follow.
    Neutral,
}

/// Class of a char that may be part of a word, `None` for separators.
fn class(c: char) -> Option<Class> {
    // The Arabic block, read from a table: most chars of an Arabic text
    // are there, and the Unicode property lookups are slow for them (a
    // diacritised text has a mark for nearly every letter).
    static ARABIC: std::sync::OnceLock<[Option<Class>; 256]> = std::sync::OnceLock::new();
    match u32::from(c).checked_sub(0x0600) {
        Some(i) if i < 256 => ARABIC.get_or_init(|| {
            let mut t = [None; 256];
            for (i, slot) in t.iter_mut().enumerate() {
                if let Some(c) = char::from_u32(0x0600 + i as u32) {
                    *slot = class_of(c);
                }
            }
            t
        })[i as usize],
        _ => class_of(c),
    }
}

fn class_of(c: char) -> Option<Class> {
    if c.is_alphanumeric() {
        if is_arabic_script(c) && !is_digit(c) {
            Some(Class::Arabic)
        } else {
            Some(Class::Other)
        }
    } else if c == '\u{0640}' {
        Some(Class::Arabic)
    } else if is_combining_mark(c)
        || is_dropped_mark(c)
        || matches!(
            c,
            '\u{200C}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
    {
        Some(Class::Neutral)
    } else {
        None
    }
}

fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Tokenise `text`. See the module documentation for the rules; each
/// token's `word` is [`normalize_word`](super::normalize_word) of its span
/// (at most 64 chars), `term` its [`stem`](super::stem), `stop` from
/// [`is_stopword`](super::is_stopword). Runs that normalise to nothing
/// (a lone combining mark) produce no token and take no position.
pub fn tokenize(text: &str) -> Vec<Token> {
    split(text, true)
}

/// [`tokenize`] without stems: `term` is left empty and `stop` false, for
/// a caller that stems only the distinct words it needs (excerpts, which
/// read whole documents to find a few words).
pub fn tokenize_unstemmed(text: &str) -> Vec<Token> {
    split(text, false)
}

fn split(text: &str, stem: bool) -> Vec<Token> {
    let mut em = Emitter {
        text,
        out: Vec::new(),
        position: 0,
        group: None,
        stem,
    };
    // Current run: start byte and class of its last non-neutral char.
    let mut run: Option<(usize, Class)> = None;
    let mut prev: char = ' ';
    // The next run is linked to the previous piece by a hyphen.
    let mut link = false;
    let mut last_piece_end = usize::MAX;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if let Some(cls) = class(c) {
            match run {
                None => run = Some((i, cls)),
                Some((start, rc)) => {
                    if cls != Class::Neutral && rc != Class::Neutral && cls != rc {
                        em.piece(start, i, link);
                        link = false;
                        run = Some((i, cls));
                    } else if cls != Class::Neutral {
                        run = Some((start, cls));
                    }
                }
            }
        } else if run.is_some()
            && is_number_separator(c)
            && is_digit(prev)
            && next.is_some_and(is_digit)
        {
            // Stays inside the number.
        } else {
            if let Some((start, _)) = run.take() {
                em.piece(start, i, link);
                last_piece_end = i;
            }
            link = is_hyphen(c) && last_piece_end == i && next.and_then(class).is_some();
        }
        prev = c;
    }
    if let Some((start, _)) = run {
        em.piece(start, text.len(), link);
    }
    em.finish_group();
    em.out
}

struct Emitter<'a> {
    text: &'a str,
    out: Vec<Token>,
    position: u32,
    /// Index in `out` of the first part of the current hyphen group.
    group: Option<usize>,
    /// Stem each token (else `term` stays empty).
    stem: bool,
}

impl Emitter<'_> {
    fn piece(&mut self, start: usize, end: usize, linked: bool) {
        let Some(raw) = self.text.get(start..end) else {
            return;
        };
        if !linked {
            self.finish_group();
        }
        let word = super::normalize_word(raw);
        if word.is_empty() {
            return;
        }
        if self.group.is_none() {
            self.group = Some(self.out.len());
        }
        self.out
            .push(token(word, start, end, self.position, self.stem));
        self.position = self.position.saturating_add(1);
    }

    /// Insert the joined form of the current hyphen group, if it has at
    /// least two parts.
    fn finish_group(&mut self) {
        let Some(first) = self.group.take() else {
            return;
        };
        let parts = self.out.get(first..).unwrap_or(&[]);
        if parts.len() < 2 {
            return;
        }
        let mut word = String::new();
        for (n, c) in parts.iter().flat_map(|t| t.word.chars()).enumerate() {
            if n == super::normalize::MAX_WORD_CHARS {
                break;
            }
            word.push(c);
        }
        let (start, position) = (parts[0].start, parts[0].position);
        let end = parts[parts.len() - 1].end;
        self.out
            .insert(first + 1, token(word, start, end, position, self.stem));
    }
}

fn token(word: String, start: usize, end: usize, position: u32, stem: bool) -> Token {
    let (term, stop) = if stem {
        (super::stem(&word), super::is_stopword(&word))
    } else {
        (String::new(), false)
    };
    Token {
        word,
        term,
        start,
        end,
        position,
        stop,
    }
}
