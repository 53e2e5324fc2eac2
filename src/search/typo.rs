//! Which near-misses are typos a writer of Arabic makes.
//!
//! A Levenshtein automaton counts every one-letter change alike, but
//! writers do not: they drop, double and swap letters, write a hamza on
//! another seat, spell a foreign sound with another letter, or hit the key
//! next to the right one. Any other letter swapped for any other mostly
//! makes another word (فيسبوك is one change from فيسبوا, "and they
//! insulted"), so here such a swap costs two edits.

/// Letters that stand for the same foreign sound in different countries'
/// transliterations (g: غ ج ق; k/q: ك ق; t: ت ط; s: س ص; z: ز ذ; d: د ض).
pub(crate) const TRANSLIT_PARTNERS: [(char, char); 8] = [
    ('غ', 'ج'),
    ('غ', 'ق'),
    ('ج', 'ق'),
    ('ك', 'ق'),
    ('ت', 'ط'),
    ('س', 'ص'),
    ('ز', 'ذ'),
    ('د', 'ض'),
];

/// Letters written for one another by sound: long vowels and hamza
/// (after normalisation: ا و ي ء), and the pairs colloquial speech merges
/// (ث with ت and س, ذ and ظ with ز and د, ض with ظ and د).
const SOUND_GROUPS: [&[char]; 5] = [
    &['ا', 'و', 'ي', 'ء'],
    &['ث', 'ت', 'س'],
    &['ذ', 'ز', 'د', 'ظ'],
    &['ض', 'ظ', 'د'],
    &['ص', 'س'],
];

/// The letter rows of the common Arabic keyboard, left to right: a key's
/// neighbours in its row are the likeliest slips of a finger.
const KEY_ROWS: [&[char]; 3] = [
    &['ض', 'ص', 'ث', 'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'د'],
    &['ش', 'س', 'ي', 'ب', 'ل', 'ا', 'ت', 'ن', 'م', 'ك', 'ط'],
    &['ء', 'ؤ', 'ر', 'ى', 'ة', 'و', 'ز', 'ظ'],
];

/// Could a writer type `b` for `a` (or `a` for `b`) by mistake?
fn confusable(a: char, b: char) -> bool {
    let arabic = |c: char| ('\u{0621}'..='\u{064A}').contains(&c);
    if !arabic(a) || !arabic(b) {
        // Latin and other scripts: every swap counts as one edit.
        return true;
    }
    let pair = |x: char, y: char| (x, y) == (a, b) || (y, x) == (a, b);
    TRANSLIT_PARTNERS.iter().any(|&(x, y)| pair(x, y))
        || SOUND_GROUPS
            .iter()
            .any(|g| g.contains(&a) && g.contains(&b))
        || KEY_ROWS
            .iter()
            .any(|row| row.windows(2).any(|w| pair(w[0], w[1])))
}

/// Is `found` within `edits` typos of `typed`? Dropped, added and doubled
/// letters and two swapped neighbours cost one edit each, a confusable
/// letter for another one, any other letter for another two.
pub(crate) fn within(typed: &str, found: &str, edits: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), found.chars().collect());
    if a.len().abs_diff(b.len()) > edits {
        return false;
    }
    // Optimal string alignment distance with weighted substitutions, row
    // by row (three rows: transpositions look two back).
    let w = b.len() + 1;
    let mut rows = vec![vec![0usize; w]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, back) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        for j in 1..w {
            let swap = if a[i - 1] == b[j - 1] {
                0
            } else if confusable(a[i - 1], b[j - 1]) {
                1
            } else {
                2
            };
            let mut d = (rows[prev][j - 1] + swap)
                .min(rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[back][j - 2] + 1);
            }
            rows[cur][j] = d;
        }
    }
    rows[a.len() % 3][b.len()] <= edits
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn typos_writers_make_are_one_edit() {
        assert!(within("التلبنه", "التلبينه", 1)); // a dropped letter
        assert!(within("هرقلل", "هرقل", 1)); // a doubled one
        assert!(within("زيلينكسي", "زيلينسكي", 1)); // two swapped
        assert!(within("سيرغي", "سيرجي", 1)); // a transliteration's letter
        assert!(within("ييجوج", "ياجوج", 1)); // a hamza seat (يئجوج, normalised)
        assert!(within("مدرسو", "مدرسي", 1)); // a long vowel
        assert!(within("كتال", "كتاب", 1)); // the key next to it
        assert!(within("gogle", "google", 1));
        assert!(within("serch", "search", 1));
    }

    #[test]
    fn other_letter_swaps_are_two() {
        assert!(!within("فيسبوك", "فيسبوا", 1));
        assert!(!within("كتاب", "كتاج", 1));
        assert!(within("فيسبوك", "فيسبوا", 2));
        assert!(!within("كتاب", "كتابين", 1));
    }
}
