#!/usr/bin/env node
// The ~300k-document benchmark corpus: a deterministic expansion of the
// hadith corpus (bench/corpora/hadith.py) used by bench/perf/run.mjs to see
// how the engines scale ten times past the real collection.
//
//   node bench/corpora/expand.mjs [--docs 300000] [--seed 20240401]
//
// Prints the txt folder on its last line (like hadith.py). The output goes to
// $FAHRAS_CACHE (default ~/.cache/fahras)/bench/expand-v<VERSION>-<docs>-<seed>/txt
// and is reused while the stamp file there matches; it is derived from AGPL
// data and is never committed.
//
// How a document is made (bump VERSION whenever any of this changes):
//  1. Read every hadith .txt (title line, blank line, body) in sorted path order.
//  2. Cut each body into "pieces": runs of consecutive clauses (split after
//     "،", ",", ".", "؟", "?", "!", ":", ";") joined until a run reaches
//     120 characters; a hadith shorter than that is one piece.
//  3. A PRNG (mulberry32, seeded with --seed) drives everything below.
//     For document i: draw a real hadith and take its body length as the
//     target length (so lengths follow the real distribution); then append
//     pieces, each from a freshly drawn hadith (never the previous one), until
//     half the target is reached and at least two pieces are in (the last
//     piece overshoots: documents end up ~15% longer than hadiths on
//     average). Consecutive pieces are joined by a space, or (one time in
//     four) start a new paragraph.
//  4. The title combines a third hadith's book/chapter title (without its
//     number) with the first six words of the document's first piece and the
//     document's number: "<chapter> — <words> (مركب i)".
//  5. File: <out>/<floor(i/1000) as 3 digits>/<i as 6 digits>.txt, title on
//     the first line, blank line, body.
// Every word is real hadith text, document frequencies scale roughly with the
// document count, and no document repeats a hadith verbatim.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const VERSION = 1;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** mulberry32: a tiny, well-known 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every .txt file under dir, in sorted path order (deterministic). */
export function* walkTxt(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walkTxt(p);
    else if (e.name.endsWith('.txt')) yield p;
  }
}

function pieces(body) {
  const clauses = body.split(/(?<=[،,.؟?!:;])\s+/u).filter((c) => c.trim());
  const out = [];
  let cur = '';
  for (const c of clauses) {
    cur = cur ? cur + ' ' + c : c;
    if (cur.length >= 120) {
      out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function hadithDir() {
  const out = execFileSync('python3', [path.join(ROOT, 'bench/corpora/hadith.py')], { encoding: 'utf8' }).trim().split('\n');
  return out[out.length - 1];
}

export function expand({ docs = 300000, seed = 20240401, log = () => {} } = {}) {
  const cache = process.env.FAHRAS_CACHE || path.join(os.homedir(), '.cache', 'fahras');
  const base = path.join(cache, 'bench', `expand-v${VERSION}-${docs}-${seed}`);
  const txt = path.join(base, 'txt');
  const stamp = path.join(base, 'done');
  const want = JSON.stringify({ version: VERSION, docs, seed });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return txt;

  const src = hadithDir();
  const hadiths = [];
  for (const p of walkTxt(src)) {
    const text = fs.readFileSync(p, 'utf8');
    const nl = text.indexOf('\n');
    const title = text.slice(0, nl).trim();
    const body = text.slice(nl + 1).trim().replace(/\s+/g, ' ');
    if (!body) continue;
    hadiths.push({ chapter: title.replace(/\s*\(\d+\)\s*$/, ''), len: body.length, pieces: pieces(body) });
  }
  log(`expand: ${hadiths.length} hadiths from ${src}`);

  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(txt, { recursive: true });
  const rnd = mulberry32(seed);
  const pick = (n) => Math.floor(rnd() * n);
  for (let i = 0; i < docs; i++) {
    const target = hadiths[pick(hadiths.length)].len;
    let body = '';
    let first = '';
    let last = -1;
    let n = 0;
    while (n < 2 || body.length < 0.5 * target) {
      let h = pick(hadiths.length);
      if (h === last) h = (h + 1) % hadiths.length;
      last = h;
      const ps = hadiths[h].pieces;
      const piece = ps[pick(ps.length)];
      if (!first) first = piece;
      body = body ? body + (rnd() < 0.25 ? '\n\n' : ' ') + piece : piece;
      n++;
    }
    const chapter = hadiths[pick(hadiths.length)].chapter;
    const words = first.split(/\s+/).slice(0, 6).join(' ');
    const title = `${chapter} — ${words} (مركب ${i + 1})`;
    const dir = path.join(txt, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}.txt`), `${title}\n\n${body}\n`);
    if ((i + 1) % 50000 === 0) log(`expand: ${i + 1} documents`);
  }
  fs.writeFileSync(stamp, want);
  return txt;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const out = expand({ docs: opt('--docs', 300000), seed: opt('--seed', 20240401), log: (m) => console.error(m) });
  console.log(out);
}
