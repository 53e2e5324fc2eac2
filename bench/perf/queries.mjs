#!/usr/bin/env node
// Generates the fixed query lists of the performance benchmark from each
// corpus, deterministically, into bench/perf/queries/<corpus>.tsv (committed).
//
//   node bench/perf/queries.mjs [--corpora demo,hadith,300k]
//
// A "word" is a run of letters/digits after removing tashkeel, tatweel and
// direction marks, written as a person types it (no diacritics), of at least
// three letters and no digits. Document frequency (df) = documents containing the word.
// With N documents, the bands are (N < 100 in brackets, the demo corpus):
//   high    2% N <= df <= 30% N             [df >= 3]
//   mid     0.1% N <= df < 1% N             [df = 2]
//   low     2 <= df <= max(2, 0.02% N)      [df = 1]
//   two     two adjacent words (each df >= 2, or >= 1 for N < 100) from a
//           drawn document, so at least one document has both
//   prefix  the first 3 or 4 letters of a high/mid word of 6+ letters, as
//           typed before the word is finished
//   cold    one more mid word: the first query on a fresh page
// Words are drawn with mulberry32 seeded by SEED from the df-sorted vocabulary;
// no query repeats. Each line: category <TAB> query <TAB> df (of the word; for
// "two" the smaller df; for "prefix" the word it was cut from).
// Bump VERSION when the rules change; regenerating with the same corpus and
// version gives the same file.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../corpora/expand.mjs';
import { CORPORA, ROOT, corpusDir, readDocs } from './corpora.mjs';

export const VERSION = 1;
const SEED = 4;
export const COUNTS = { cold: 1, high: 10, mid: 15, low: 15, two: 15, prefix: 10 };
export const QUERY_DIR = path.join(ROOT, 'bench/perf/queries');

const MARKS = /[\p{M}\u0640\u200b-\u200f\u061c\u202a-\u202e]/gu;
export function words(text) {
  return text.replace(MARKS, '').split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length >= 3 && /^\p{L}+$/u.test(w));
}

export function generate(name, log = () => {}) {
  const dir = corpusDir(name, log);
  const df = new Map();
  const docs = [];
  let n = 0;
  for (const d of readDocs(dir)) {
    const ws = words(d.title + '\n' + d.text);
    for (const w of new Set(ws)) df.set(w, (df.get(w) || 0) + 1);
    // Keep a few documents' word sequences for two-word queries (reservoir-free:
    // every 97th document, enough and deterministic).
    if (n % 97 === 0) docs.push(ws);
    n++;
  }
  const small = n < 100;
  const band = {
    high: small ? (f) => f >= 3 : (f) => f >= Math.ceil(0.02 * n) && f <= 0.3 * n,
    mid: small ? (f) => f === 2 : (f) => f >= Math.ceil(0.001 * n) && f < 0.01 * n,
    low: small ? (f) => f === 1 : (f) => f >= 2 && f <= Math.max(2, Math.ceil(0.0002 * n)),
  };
  const vocab = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rnd = mulberry32(SEED);
  const used = new Set();
  const out = [];
  const drawFrom = (list, k, cat, show = (w) => w) => {
    const pool = list.filter(([w]) => !used.has(w));
    for (let i = 0; i < k && pool.length; i++) {
      const [w, f] = pool.splice(Math.floor(rnd() * pool.length), 1)[0];
      used.add(w);
      const q = show(w);
      if (used.has('q:' + q)) { i--; continue; }
      used.add('q:' + q);
      out.push([cat, q, f]);
    }
  };
  const inBand = (b) => vocab.filter(([, f]) => band[b](f));
  drawFrom(inBand('mid'), COUNTS.cold, 'cold');
  for (const b of ['high', 'mid', 'low']) drawFrom(inBand(b), COUNTS[b], b);
  // two-word queries
  const minDf = small ? 1 : 2;
  for (let tries = 0, got = 0; got < COUNTS.two && tries < 10000; tries++) {
    const ws = docs[Math.floor(rnd() * docs.length)];
    if (ws.length < 2) continue;
    const i = Math.floor(rnd() * (ws.length - 1));
    const [a, b] = [ws[i], ws[i + 1]];
    const q = `${a} ${b}`;
    if (a === b || used.has('q:' + q) || df.get(a) < minDf || df.get(b) < minDf) continue;
    used.add('q:' + q);
    out.push(['two', q, Math.min(df.get(a), df.get(b))]);
    got++;
  }
  const long = vocab.filter(([w, f]) => (band.high(f) || band.mid(f)) && [...w].length >= 6);
  drawFrom(long, COUNTS.prefix, 'prefix', (w) => [...w].slice(0, 3 + Math.floor(rnd() * 2)).join(''));

  const head = [
    `# Queries for the "${name}" corpus of bench/perf/run.mjs, written by bench/perf/queries.mjs`,
    `# (generator version ${VERSION}, seed ${SEED}); do not edit by hand. ${n} documents, ${df.size} distinct words.`,
    `# Bands by document frequency df: ${small ? 'high df>=3, mid df=2, low df=1' : `high ${Math.ceil(0.02 * n)}..${Math.floor(0.3 * n)}, mid ${Math.ceil(0.001 * n)}..${Math.ceil(0.01 * n) - 1}, low 2..${Math.max(2, Math.ceil(0.0002 * n))}`}.`,
    '# category\tquery\tdf',
  ];
  return head.join('\n') + '\n' + out.map((r) => r.join('\t')).join('\n') + '\n';
}

/** [{category, query}] from a committed list. */
export function loadQueries(name) {
  const file = path.join(QUERY_DIR, `${name}.tsv`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: node bench/perf/queries.mjs --corpora ${name}`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [category, query] = l.split('\t');
      return { category, query };
    });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--corpora');
  const names = i >= 0 ? args[i + 1].split(',') : CORPORA;
  fs.mkdirSync(QUERY_DIR, { recursive: true });
  for (const name of names) {
    const text = generate(name, (m) => console.error(m));
    fs.writeFileSync(path.join(QUERY_DIR, `${name}.tsv`), text);
    console.error(`wrote bench/perf/queries/${name}.tsv`);
  }
}
