#!/usr/bin/env python3
"""Judging helper: find the documents a query should find, by grepping the
normalised text (never by running an engine), then read them.

Normalisation follows the spec: strip tashkeel (U+064B-U+065F, U+0670) and
tatweel, unify أإآٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي, lowercase Latin.

    judge.py [--demo] find PATTERN [PATTERN ...]   docs matching every regex
    judge.py [--demo] show ID [PATTERN]            a document (or its matching lines)
    judge.py [--demo] df WORD                      how many docs contain the word

PATTERNs are Python regexes over the normalised text; `~word` is shorthand
for the word with any clitic prefix (و ف ب ك ل ال لل and combinations) and
any suffix (ات ون ين ها هم نا ...), as a whole token.
Corpus: --demo reads corpus/*.txt; --demo=DIR reads DIR/*.txt or the article pages
DIR/*.html written by `fahras build` (the text as published, after the corpus
cleaner dropped "read also" blocks, comment forms and footers); otherwise the hadith docs.jsonl beside
the folder printed by bench/corpora/hadith.py ($FAHRAS_CACHE or ~/.cache/fahras).
"""
import html
import json
import os
import re
import sys
from pathlib import Path

TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640]")
TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
PREFIX = "(?:و|ف)?(?:ب|ك|ل|س)?(?:ال|ل)?"
SUFFIX = "(?:ه|ها|هم|هما|هن|ك|كم|كما|ي|نا|ات|ون|ين|ان|تين|تان|وا|ته|تها|تهم|تم|هن|ا)?"
WORD = r"\w"


def norm(s: str) -> str:
    s = TASHKEEL.sub("", s).translate(TABLE)
    return s.lower()


def expand(p: str) -> str:
    if p.startswith("~"):
        w = norm(p[1:])
        return f"(?<!{WORD}){PREFIX}{w}{SUFFIX}(?!{WORD})"
    return norm(p)


def load(demo):
    docs = {}
    if demo:
        root = Path(demo) if isinstance(demo, str) else Path(__file__).resolve().parents[2] / "corpus"
        for f in sorted(root.glob("*.txt")):
            docs[f.stem] = f.read_text(encoding="utf-8")
        for f in sorted(root.glob("*.html")):
            # A page written by `fahras build`: the <article>, as published.
            m = re.search(r"<article>(.*?)</article>", f.read_text(encoding="utf-8"), re.S)
            docs[f.stem] = html.unescape(re.sub(r"<[^>]+>", " ", m.group(1) if m else ""))
        return docs
    cache = Path(os.environ.get("FAHRAS_CACHE", Path.home() / ".cache" / "fahras")) / "hadith"
    with open(cache / "docs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[d["id"]] = f"{d.get('chapter_ar') or ''}\n{d['arabic']}"
    return docs


def main():
    args = sys.argv[1:]
    demo = False
    if args and args[0].startswith("--demo"):
        demo, args = (args[0][7:] or True), args[1:]
    if not args:
        sys.exit(__doc__)
    docs = {i: norm(t) for i, t in load(demo).items()}
    cmd, rest = args[0], args[1:]
    if cmd in ("find", "ids"):
        pats = [re.compile(expand(p)) for p in rest]
        hits = [i for i, t in docs.items() if all(p.search(t) for p in pats)]
        if cmd == "ids":
            print(" ".join(hits))
            return
        for i in hits:
            t = docs[i].replace("\n", " ")
            m = pats[0].search(t)
            a = max(0, m.start() - 70)
            print(f"{i}\t…{t[a:m.end() + 70]}…")
        print(f"# {len(hits)} docs", file=sys.stderr)
    elif cmd == "show":
        t = load(demo)[rest[0]]
        if len(rest) > 1:
            p = re.compile(expand(rest[1]))
            t = "\n".join(l for l in t.splitlines() if p.search(norm(l)))
        print(t)
    elif cmd == "df":
        for w in rest:
            p = re.compile(expand(w))
            print(w, sum(1 for t in docs.values() if p.search(t)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
