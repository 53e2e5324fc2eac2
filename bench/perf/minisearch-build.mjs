#!/usr/bin/env node
// Builds the MiniSearch baseline's serialized index for the performance
// benchmark, the way a static site would ship it: one JSON file, made in
// Node at build time, that the page fetches and opens with MiniSearch.loadJSON.
// Stored fields: title and the first EXCERPT_CHARS characters of the text.
//
//   node bench/perf/minisearch-build.mjs <corpus-txt-dir> <out.json>
//
// Exit code 3 with a one-line reason on stderr when the index cannot be
// serialized (e.g. the JSON exceeds V8's maximum string length).

import fs from 'node:fs';
import MiniSearch from 'minisearch';
import { readDocs } from './corpora.mjs';
import { indexOptions, EXCERPT_CHARS } from './page/minisearch-options.js';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node bench/perf/minisearch-build.mjs <corpus-txt-dir> <out.json>');
  process.exit(2);
}
const ms = new MiniSearch(indexOptions);
let batch = [];
for (const d of readDocs(dir)) {
  batch.push({ id: d.id, title: d.title, text: d.text, excerpt: d.text.slice(0, EXCERPT_CHARS) });
  if (batch.length === 5000) {
    ms.addAll(batch);
    batch = [];
  }
}
ms.addAll(batch);
let json;
try {
  json = JSON.stringify(ms);
} catch (e) {
  console.error(`cannot serialize the index: ${e.message}`);
  process.exit(3);
}
fs.writeFileSync(out, json);
console.error(`${ms.documentCount} documents, ${json.length} characters of JSON`);
