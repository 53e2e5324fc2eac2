#!/usr/bin/env bash
# Relevance floors on the hadith set: fetch the corpus (cached), index it,
# score tests/relevance/hadith.tsv, fail when a metric drops below its floor.
#   bench/relevance/check_hadith.sh            uses target/release/fahras (builds it if missing)
#   FAHRAS_BIN=path bench/relevance/check_hadith.sh
# Floors sit a little below what the engine reached when they were set;
# raise them when ranking improves.
set -euo pipefail
cd "$(dirname "$0")/../.."

FLOOR_RECALL=0.95
FLOOR_MRR=0.95
FLOOR_NDCG=0.95
FLOOR_NONE=0.7

BIN=${FAHRAS_BIN:-target/release/fahras}
[ -x "$BIN" ] || cargo build --release --locked --bin fahras
TXT=$(python3 bench/corpora/hadith.py | tail -n 1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" build "$TXT" --out "$WORK/index" >/dev/null
"$BIN" eval tests/relevance/hadith.tsv --index "$WORK/index"
"$BIN" eval tests/relevance/hadith.tsv --index "$WORK/index" --json >"$WORK/eval.json"
python3 - "$WORK/eval.json" "$FLOOR_RECALL" "$FLOOR_MRR" "$FLOOR_NDCG" "$FLOOR_NONE" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["overall"]
floors = dict(zip(["recall@10", "mrr@10", "ndcg@10", "none_correct"], map(float, sys.argv[2:])))
low = [f"{m} {o[m]:.3f} < {f:.2f}" for m, f in floors.items() if (o[m] or 0) < f]
if low:
    sys.exit("hadith relevance below floors: " + ", ".join(low))
print("hadith relevance above floors: " + ", ".join(f"{m} {o[m]:.3f} (floor {f:.2f})" for m, f in floors.items()))
PY
