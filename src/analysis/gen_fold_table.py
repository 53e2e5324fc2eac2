#!/usr/bin/env python3
"""Generate src/analysis/fold_table.rs: the character folds normalize_word needs.

Run from the repository root:  python3 src/analysis/gen_fold_table.py
The output is deterministic for a given Python (its `unicodedata` version is
written into the file header). Python's Unicode version may lag the one the
Rust standard library uses for `to_lowercase`/`is_alphanumeric`; for the
blocks covered here the decompositions have been stable for many versions.

What is generated
-----------------
1. FOLD_KEYS / FOLD_VALS / FOLD_STR: for every char in the covered blocks
   (see BLOCKS) whose NFKD decomposition, lowercased char by char, differs
   from the char itself: the folded replacement, with the chars that
   normalize_word drops anyway (combining marks in DROPPED, spaces) taken
   out. Keys are sorted u16 (all in the BMP), looked up by binary search;
   FOLD_VALS[i] is `byte_offset << 4 | byte_len` into FOLD_STR (values
   share bytes: each value is looked up in the string built so far before
   being appended). An empty value means "drop the char".
   Uppercase letters get no entry when lowercasing them first and then
   folding gives the same result (É -> é -> e), roughly halving the Latin
   part; normalize_word looks a char up, and on a miss lowercases it and
   looks each lowercase char up.
   Long phrase ligatures (U+FDFA ﷺ, U+FDFB ﷻ) fold to nothing: their NFKD
   expansions are several words ("صلى الله عليه وسلم") that would end up
   glued into one meaningless index key; like ﷽ (a symbol) they are
   honorifics, not searchable content. Single-word ligatures keep their
   NFKD expansion (ﷲ -> الله, ﷴ -> محمد). The transliteration marks
   ʻ ʼ ʾ ʿ (U+02BB, 02BC, 02BE, 02BF) fold to nothing too. A few Latin letters with a
   stroke or ligature get an extra fold NFKD does not give (EXTRA).
2. MARK_RANGES: General_Category=Mark (Mn, Mc, Me) as `start << 11 | (len - 1)`
   sorted ranges, replacing unicode-normalization's is_combining_mark.
"""

import sys
import unicodedata

# Blocks folded through the table (inclusive). Everything else is passed
# through lowercased only (see normalize.rs for what that leaves out).
BLOCKS = [
    (0x00A0, 0x04FF),  # Latin-1 Supplement, Latin Extended-A/B, IPA, Greek, Cyrillic
    (0x0600, 0x06FF),  # Arabic (only U+0675-0678 reach the table; rest is the fast path)
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2070, 0x209F),  # superscript and subscript digits and letters
    (0xFB00, 0xFB4F),  # Alphabetic Presentation Forms (ﬁ ﬂ ﬀ ..., Hebrew)
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
    (0xFF01, 0xFF5E),  # fullwidth ASCII
]

# Folded to nothing: the phrase ligatures (see above), and the modifier
# letters used for ayn and hamza in transliterated Arabic (ʿAbd, Qurʾān,
# Hawaiʻi), which searchers type as plain letters or an ASCII apostrophe
# (itself a separator).
DROP = {0xFDFA, 0xFDFB, 0x02BB, 0x02BC, 0x02BE, 0x02BF}

# Letters NFKD leaves alone (a stroke or a ligature is not a combining mark)
# but that searchers type without it: Lucene's ASCII folding does the same.
# Uppercase forms reach these through lowercasing (Ø -> ø -> o).
EXTRA = {
    0x00E6: "ae",  # æ
    0x00F8: "o",  # ø
    0x0111: "d",  # đ
    0x0127: "h",  # ħ
    0x0142: "l",  # ł
    0x0153: "oe",  # œ
    0x0167: "t",  # ŧ
}

# Must mirror is_dropped_mark() in normalize.rs.
DROPPED = [
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
    (0x0640, 0x0640), (0x06D6, 0x06DC), (0x06DF, 0x06E8), (0x06EA, 0x06ED),
    (0x08D3, 0x08E1), (0x08E3, 0x08FF),
]


def dropped(ch):
    cp = ord(ch)
    return any(a <= cp <= b for a, b in DROPPED) or unicodedata.category(ch) == "Zs"


def is_fast(ch):
    """Mirror of is_fast() in normalize.rs: chars never looked up."""
    cp = ord(ch)
    return cp < 0x80 or (0x0600 <= cp <= 0x06FF and not 0x0675 <= cp <= 0x0678)


def lower(s):
    # Char by char, like Rust's char::to_lowercase (no final-sigma context).
    return "".join(ch.lower() for ch in s)


def strip(s):
    return "".join(ch for ch in s if not dropped(ch) and ord(ch) not in DROP)


def target(ch):
    """What the old NFKD + lowercase pipeline fed to fold(), minus dropped chars."""
    if ord(ch) in DROP:
        return ""
    folded = lower(unicodedata.normalize("NFKD", ch))
    return strip("".join(EXTRA.get(ord(y), y) for y in folded))


def build_fold():
    cps = [cp for a, b in BLOCKS for cp in range(a, b + 1)]
    table = {}
    # Pass 1: chars that are their own lowercase.
    for cp in cps:
        ch = chr(cp)
        if is_fast(ch) or dropped(ch) or lower(ch) != ch:
            continue
        t = target(ch)
        if t != strip(ch) or cp in DROP:
            table[cp] = t
    # Pass 2: the others, only when lowercase-then-lookup gets it wrong.
    for cp in cps:
        ch = chr(cp)
        if is_fast(ch) or dropped(ch) or lower(ch) == ch:
            continue
        t = target(ch)
        via_lower = strip("".join(table.get(ord(y), y) for y in lower(ch)))
        if t != via_lower:
            table[cp] = t
    return table


def pack(table):
    keys = sorted(table)
    assert all(k < 0x10000 for k in keys)
    # Longest values first, so shorter ones can reuse their bytes.
    blob = b""
    where = {}
    for v in sorted(set(table.values()), key=lambda v: (-len(v.encode()), v)):
        b = v.encode()
        i = blob.find(b)
        if i < 0:
            i = len(blob)
            blob += b
        where[v] = (i, len(b))
    vals = []
    for k in keys:
        off, n = where[table[k]]
        assert n < 16 and off < 4096, (hex(k), off, n)
        vals.append(off << 4 | n)
    return keys, vals, blob.decode()


def mark_ranges():
    ranges = []
    start = prev = None
    for cp in range(0x110000):
        if unicodedata.category(chr(cp)).startswith("M"):
            if prev is not None and cp == prev + 1:
                prev = cp
                continue
            if start is not None:
                ranges.append((start, prev))
            start = prev = cp
    ranges.append((start, prev))
    out = []
    for a, b in ranges:
        assert b - a < 2048
        out.append(a << 11 | (b - a))
    return out


def rust_str(s, width=16):
    """Chunks of \\u{..}-escaped string literals (no raw bidi text in the source)."""
    chunks = []
    for i in range(0, len(s), width):
        part = "".join(
            ch if 0x20 <= ord(ch) < 0x7F and ch not in '"\\' else "\\u{%04X}" % ord(ch)
            for ch in s[i : i + width]
        )
        chunks.append('    "%s",' % part)
    return "\n".join(chunks)


def rust_array(name, ty, items, fmt, per_line):
    lines = ["pub(super) static %s: [%s; %d] = [" % (name, ty, len(items))]
    for i in range(0, len(items), per_line):
        lines.append("    " + " ".join(fmt % x + "," for x in items[i : i + per_line]))
    lines.append("];")
    return "\n".join(lines)


def main():
    table = build_fold()
    keys, vals, blob = pack(table)
    marks = mark_ranges()
    out = [
        "// @generated by src/analysis/gen_fold_table.py from Python %s unicodedata %s."
        % (".".join(map(str, sys.version_info[:2])), unicodedata.unidata_version),
        "// Do not edit; change the script and rerun it. See normalize.rs for how it is used.",
        "",
        "/// Chars with a fold, sorted (binary search).",
        rust_array("FOLD_KEYS", "u16", keys, "0x%04X", 10),
        "",
        "/// `byte_offset << 4 | byte_len` of each key's fold in [`FOLD_STR`].",
        rust_array("FOLD_VALS", "u16", vals, "0x%04X", 10),
        "",
        "/// All folds, overlapping where they can.",
        "pub(super) static FOLD_STR: &str = concat!(",
        rust_str(blob),
        ");",
        "",
        "/// General_Category=Mark as sorted `start << 11 | (len - 1)` ranges.",
        rust_array("MARK_RANGES", "u32", marks, "0x%08X", 6),
        "",
    ]
    with open("src/analysis/fold_table.rs", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))
    print(
        "fold_table.rs: %d folds, %d bytes of fold text, %d mark ranges"
        % (len(keys), len(blob.encode()), len(marks)),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
