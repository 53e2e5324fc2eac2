#!/usr/bin/env python3
"""Turn a judging worksheet into a qrels TSV.

Worksheet lines: category<TAB>query<TAB>PATTERN;PATTERN|PATTERN...[<TAB>extra ids]
where the relevant set is every doc matching all patterns of any `|`-alternative
(see judge.py for the pattern syntax), plus extra ids (minus those written -id);
`-` means none.
A leading `=` in the patterns field lists ids literally instead.
Prints the qrels on stdout and each query's count on stderr, to read them.
"""
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from judge import expand, load, norm  # noqa: E402


def main():
    demo = next((a[7:] or True for a in sys.argv[1:] if a.startswith("--demo")), False)
    src = [a for a in sys.argv[1:] if not a.startswith("--demo")][0]
    docs = load(demo)
    normed = {i: norm(t) for i, t in docs.items()}
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            print(line)
            continue
        cat, query, pats, *extra = line.split("\t")
        ids = []
        if pats.startswith("="):
            ids = pats[1:].split()
        elif pats != "-":
            for alt in pats.split("|"):
                ps = [re.compile(expand(p)) for p in alt.split(";")]
                ids += [i for i, t in normed.items() if all(p.search(t) for p in ps) and i not in ids]
        for e in (extra[0].split() if extra else []):
            if e.startswith("-"):
                ids = [i for i in ids if i.split(":")[0] != e[1:]]
            elif e not in ids:
                ids.append(e)
        print(f"{cat}\t{query}\t{' '.join(ids)}")
        print(f"{len(ids):5d}  {cat:10s} {query}", file=sys.stderr)


if __name__ == "__main__":
    main()
