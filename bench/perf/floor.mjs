#!/usr/bin/env node
// The network floor of a lazily loaded index on this machine: how long the
// bench page takes just to fetch pieces, with no engine at all. Same server,
// browser and flags as bench/perf/run.mjs; each wave's files are fetched in
// parallel, the waves one after another, every file fetched once.
//
//   node bench/perf/floor.mjs [INDEX_DIR]
//
// INDEX_DIR: a Fahras index (default: the hadith one bench/perf/run.mjs
// built). A first query for a new word takes three waves (dictionary,
// postings, one document piece per result shown): "2,3,10" is its shape.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startBenchServer } from './server.mjs';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

const idx = path.resolve(process.argv[2] || path.join(os.homedir(), '.cache/fahras/bench/work/hadith/fahras/index'));
const pieces = [];
for (const kind of ['docs', 'postings', 'words', 'stems']) {
  for (const set of fs.readdirSync(path.join(idx, kind))) {
    for (const f of fs.readdirSync(path.join(idx, kind, set))) pieces.push(`${kind}/${set}/${f}`);
  }
}
const here = path.dirname(new URL(import.meta.url).pathname);
const server = await startBenchServer({ mounts: [['/', path.join(here, 'page')], ['/i/', idx]] });
await server.prewarm(idx, /[\\/]pages[\\/]/);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-floor-'));
const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const page = ctx.pages()[0] || (await ctx.newPage());
await page.goto(`${server.url}index.html?engine=none`);
const REPS = 21;
let next = 0;
console.log(`network floor, ${REPS} runs each, distinct files every run (${path.relative(process.cwd(), idx) || idx})`);
for (const shape of [[1], [6], [10], [2, 3], [2, 3, 10], [2, 3, 6]]) {
  const ms = [];
  for (let r = 0; r < REPS; r++) {
    const waves = shape.map((n) => pieces.slice(next, (next += n)).map((p) => '/i/' + p));
    ms.push(
      await page.evaluate(async (waves) => {
        const t0 = performance.now();
        for (const w of waves) await Promise.all(w.map((u) => fetch(u).then((res) => res.arrayBuffer())));
        return performance.now() - t0;
      }, waves),
    );
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.ceil((q / 100) * ms.length) - 1)];
  console.log(`  waves ${shape.join(',').padEnd(8)} p50 ${at(50).toFixed(1).padStart(6)} ms   p95 ${at(95).toFixed(1).padStart(6)} ms`);
}
await ctx.close();
fs.rmSync(profile, { recursive: true, force: true });
process.exit(0);
