// Where the performance benchmark's corpora live, and how their documents
// are read (title = first line of a .txt file, text = the rest), for the
// query generator and the MiniSearch index builder.
//
//   demo    corpus/ in the repo (5 Arabic news articles)
//   hadith  ~34k hadiths, fetched by bench/corpora/hadith.py into ~/.cache/fahras
//   300k    bench/corpora/expand.mjs: 300,000 documents recombined from the hadiths

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expand, walkTxt } from '../corpora/expand.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPORA = ['demo', 'hadith', '300k'];

/** The folder of .txt documents for a corpus name. */
export function corpusDir(name, log = () => {}) {
  if (name === 'demo') return path.join(ROOT, 'corpus');
  if (name === 'hadith') {
    const out = execFileSync('python3', [path.join(ROOT, 'bench/corpora/hadith.py')], { encoding: 'utf8' }).trim().split('\n');
    return out[out.length - 1];
  }
  if (name === '300k') return expand({ docs: 300000, log });
  throw new Error(`unknown corpus ${JSON.stringify(name)} (known: ${CORPORA.join(', ')})`);
}

/** {id, title, text} for each document: id = path without .txt, like Fahras'. */
export function* readDocs(dir) {
  for (const p of walkTxt(dir)) {
    const raw = fs.readFileSync(p, 'utf8');
    const nl = raw.indexOf('\n');
    const title = (nl < 0 ? raw : raw.slice(0, nl)).trim();
    const text = nl < 0 ? '' : raw.slice(nl + 1).trim();
    yield { id: path.relative(dir, p).replace(/\.txt$/, '').split(path.sep).join('/'), title, text };
  }
}
