#!/usr/bin/env python3
"""Write the hadith corpus as Markdown with two site-declared filters.

For measuring what filters and facets cost on a large index: every document
of bench/corpora/hadith.py becomes a .md file with its title and
`filter_collection:` (one of six) and `filter_book:` (its chapter, about
300 in all) in front matter, the same text below. Same ids as the .txt
corpus. Cached next to it, never committed (AGPL data).

    python3 bench/corpora/hadith_facets.py      # prints the folder
    target/release/fahras build "$(python3 bench/corpora/hadith_facets.py | tail -n 1)" --out /tmp/h
"""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    txt = Path(subprocess.run([sys.executable, str(HERE / "hadith.py")], check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1])
    root = txt.parent
    out = root / "md-facets"
    stamp = root / "md-facets.done"
    if stamp.exists():
        print(out)
        return
    with open(root / "docs.jsonl", encoding="utf-8") as meta:
        for line in meta:
            d = json.loads(line)
            src = txt / f"{d['id']}.txt"
            title, _, body = src.read_text(encoding="utf-8").partition("\n")
            dest = out / f"{d['id']}.md"
            dest.parent.mkdir(parents=True, exist_ok=True)
            book = (d.get("chapter_ar") or "").replace("\n", " ").strip()
            title = title.replace('"', "'")
            dest.write_text(
                f'---\ntitle: "{title}"\nfilter_collection: {d["collection"]}\n'
                f"filter_book: {book}\n---\n{body.strip()}\n",
                encoding="utf-8",
            )
    stamp.write_text("ok")
    print(out)


if __name__ == "__main__":
    main()
