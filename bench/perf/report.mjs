// Turns the performance benchmark's measurements (bench/perf/run.mjs) into
// bench/RESULTS.md: machine and command, one table per corpus, warm latency
// by query kind, and the goals of issue 4 with pass/fail.

const kB = (b) => (b == null ? '–' : b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);
const ms = (x) => (x == null ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const sec = (x) => (x == null ? '–' : `${(x / 1000).toFixed(x < 10000 ? 2 : 1)} s`);
const num = (x) => x.toLocaleString('en-US');

function goals(results) {
  // A row whose browser part failed still has its build time and sizes.
  const get = (corpus, engine) => results.find((r) => r.corpus === corpus && r.engine === engine);
  const rows = [];
  const ratio = (label, corpus, a, b, fa, limit, cmp, fmt, official = true) => {
    const A = a && fa(a);
    const B = b && fa(b);
    if (A == null || B == null) {
      rows.push([label, corpus, A == null ? '–' : fmt(A), B == null ? '–' : fmt(B), '–', limit, 'n/a']);
      return;
    }
    const r = A / B;
    rows.push([label, corpus, fmt(A), fmt(B), r.toFixed(2) + '×', limit, (cmp(r) ? 'pass' : 'FAIL') + (official ? '' : ' (info)')]);
  };
  for (const corpus of ['hadith', '300k']) {
    const off = corpus === 'hadith';
    const F = get(corpus, 'fahras');
    const P = get(corpus, 'pagefind');
    const M = get(corpus, 'minisearch');
    ratio('cold first-query transfer, library included, vs Pagefind', corpus, F, P, (r) => r.cold?.bytes, '≤ 0.5×', (x) => x <= 0.5, kB, off);
    ratio('warm p95 vs Pagefind', corpus, F, P, (r) => r.warm?.p95, '≤ 0.25×', (x) => x <= 0.25, ms, off);
    ratio('warm p95 vs MiniSearch', corpus, F, M, (r) => r.warm?.p95, '< 1×', (x) => x < 1, ms, off);
    ratio('index gzip vs Pagefind', corpus, F, P, (r) => r.index?.gzip, '≤ 0.7×', (x) => x <= 0.7, kB, off);
    ratio('build time (wall) vs Pagefind', corpus, F, P, (r) => r.buildMs, '≤ 0.5×', (x) => x <= 0.5, sec, off);
    ratio('build CPU time vs Pagefind (for reference)', corpus, F, P, (r) => r.buildCpuMs, '≤ 0.5×', (x) => x <= 0.5, sec, false);
  }
  const anyF = results.find((r) => r.engine === 'fahras' && r.library);
  const wasm = anyF?.wasmGzip9 ?? anyF?.['lib:fahras_core_bg.wasm'];
  const served = anyF?.['lib:fahras_core_bg.wasm'];
  rows.push(['Fahras wasm gzip (GNU gzip -9, as build.sh prints; zlib -9 as served: ' + kB(served) + ')', 'any', kB(wasm), '120 kB', wasm == null ? '–' : (wasm / 120000).toFixed(2) + '×', '≤ 1×', wasm == null ? 'n/a' : wasm <= 120000 ? 'pass' : 'FAIL']);
  const H = get('hadith', 'fahras');
  const K = get('300k', 'fahras');
  ratio('Fahras warm p95, 300k vs 34k', '300k/hadith', K, H, (r) => r.warm?.p95, '< 3×', (x) => x < 3, ms);
  ratio('Fahras cold transfer, 300k vs 34k', '300k/hadith', K, H, (r) => r.cold?.bytes, '< 2×', (x) => x < 2, kB);
  return rows;
}

export function writeReport({ info, cmdline, reps, quick, results }) {
  const L = [];
  const corpora = [...new Set(results.map((r) => r.corpus))];
  L.push('# Performance: Fahras, Pagefind and MiniSearch side by side');
  L.push('');
  L.push('Written by `bench/perf/run.mjs` (issue 4); do not edit by hand. How each number is measured is');
  L.push('described at the top of that script and summarised under "Method" below.');
  L.push('');
  L.push(`Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${info.commit}, ${info.minutes.toFixed(0)} minutes in all${quick ? ' (--quick)' : ''}.`);
  L.push('');
  L.push(`Machine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB.toFixed(0)} GiB RAM, ${info.os}; load average ${info.loadStart.map((x) => x.toFixed(2)).join(' ')} at the start, ${info.loadEnd.map((x) => x.toFixed(2)).join(' ')} at the end${info.nice ? `; the run had nice ${info.nice}` : ''}.`);
  L.push(`Software: Node ${info.node}, ${info.chromium} (headless, via playwright-core ${info.playwright}), Pagefind ${info.pagefind}, MiniSearch ${info.minisearch}.`);
  L.push('');
  L.push('Command:');
  L.push('');
  L.push('```sh');
  L.push(cmdline);
  L.push('```');
  L.push('');
  L.push('## Goals (issue 4)');
  L.push('');
  L.push('The goals are judged on the hadith corpus; the same ratios on the 300k corpus are shown for');
  L.push('information. "n/a": an engine failed or was not run.');
  L.push('');
  L.push('| goal | corpus | Fahras | reference | ratio | target | result |');
  L.push('|---|---|---:|---:|---:|---|---|');
  for (const g of goals(results)) L.push(`| ${g.join(' | ')} |`);
  L.push('');
  for (const corpus of corpora) {
    const rows = results.filter((r) => r.corpus === corpus);
    L.push(`## ${corpus} (${num(rows[0].docs)} documents)`);
    L.push('');
    L.push('| engine | build: wall (CPU, peak memory) | index files | index raw | index gzip | library gzip | cold: transfer (requests) | cold: share of the index fetched | cold: time to top 10 (load/init part) | warm p50 | warm p95 | warm max | peak memory (Δ) | queries without results |');
    L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      if (r.failed && !r.index) {
        L.push(`| ${r.engine} | failed: ${r.failed.replace(/\|/g, '\\|')} ||||||||||||| `);
        continue;
      }
      const cells = [
        r.engine,
        sec(r.buildMs) + (r.buildCpuMs != null ? ` (${sec(r.buildCpuMs)}, ${r.buildRssMB.toFixed(0)} MB)` : ''),
        num(r.index.files),
        kB(r.index.raw),
        kB(r.index.gzip),
        kB(r.library.gzip),
      ];
      if (r.failed) {
        cells.push(`failed: ${r.failed.replace(/\|/g, '\\|')}`, '', '', '', '', '', '', '');
      } else {
        cells.push(
          `${kB(r.cold.bytes)} (${r.cold.requests})`,
          // Bytes beyond the library, over the whole index (gzip): 100% = the whole index came at once.
          `${Math.max(0, (100 * (r.cold.bytes - r.library.gzip)) / r.index.gzip).toFixed(r.cold.bytes - r.library.gzip < 0.01 * r.index.gzip ? 2 : 0)}%`,
          `${ms(r.cold.ms)} (${ms(r.cold.init)})`,
          ms(r.warm.p50),
          ms(r.warm.p95),
          ms(r.warm.max),
          r.mem ? `${r.mem.peakMB.toFixed(0)} MB (${r.mem.deltaMB.toFixed(0)} MB)` : '–',
          `${r.warm.empty} / ${r.warm.n}`,
        );
      }
      L.push(`| ${cells.join(' | ')} |`);
    }
    L.push('');
    const ok = rows.filter((r) => r.warm);
    if (ok.length) {
      const cats = Object.keys(ok[0].warm.byCategory);
      L.push(`Warm latency by query kind, p50 / max (${corpus}):`);
      L.push('');
      L.push(`| engine | ${cats.join(' | ')} |`);
      L.push(`|---|${cats.map(() => '---:').join('|')}|`);
      for (const r of ok) L.push(`| ${r.engine} | ${cats.map((c) => `${ms(r.warm.byCategory[c]?.p50)} / ${ms(r.warm.byCategory[c]?.max)}`).join(' | ')} |`);
      L.push('');
      const again = ok.filter((r) => r.again);
      if (again.length) {
        L.push(`Requests per warm query, and the same list again with every piece already fetched (the engine's own time, no network) (${corpus}):`);
        L.push('');
        L.push('| engine | requests per warm query: median (mean) | again p50 | again p95 | again max |');
        L.push('|---|---:|---:|---:|---:|');
        for (const r of again) L.push(`| ${r.engine} | ${r.warm.requests ?? '?'} (${(r.warm.requestsMean ?? 0).toFixed(1)}) | ${ms(r.again.p50)} | ${ms(r.again.p95)} | ${ms(r.again.max)} |`);
        L.push('');
      }
      const extra = ok.filter((r) => r.warm.bytes > 0).map((r) => `${r.engine} ${kB(r.warm.bytes)}`);
      if (extra.length) {
        L.push(`Bytes fetched during the warm queries (index pieces loaded on demand): ${extra.join(', ')}.`);
        L.push('');
      }
      for (const r of ok.filter((r) => r.runFailures?.length)) {
        const n = r.runFailures.length;
        L.push(`**${r.engine}: ${n} of ${n + r.cold.runs.length} browser runs failed** (figures above are from the others): ${[...new Set(r.runFailures)].join('; ')}.`);
        L.push('');
      }
      const errs = ok.filter((r) => r.pageErrors?.length).map((r) => `${r.engine}: ${r.pageErrors.join('; ')}`);
      if (errs.length) {
        L.push(`Page errors: ${errs.join(' · ')}`);
        L.push('');
      }
    }
  }
  const whole = results.filter((r) => r.engine === 'fahras' && r.cold && r.corpus !== 'demo' && r.cold.bytes - r.library.gzip >= 0.9 * r.index.gzip);
  if (whole.length) {
    L.push('## Notes');
    L.push('');
    L.push(`- Fahras fetched ${whole.map((r) => `${(100 * (r.cold.bytes - r.library.gzip) / r.index.gzip).toFixed(0)}% of its index (${kB(r.cold.bytes - r.library.gzip)}) on ${r.corpus}`).join(' and ')}`);
    L.push('  before its first results: at this commit it downloads the whole index when it loads, so its cold');
    L.push('  transfer and time grow with the corpus, and its warm queries fetch nothing.');
    L.push('');
  }
  L.push('## Method');
  L.push('');
  L.push(`- **Corpora.** demo: \`corpus/\` (5 Arabic news articles). hadith: the six collections fetched by`);
  L.push('  `python3 bench/corpora/hadith.py` (34,178 fully diacritised documents, AGPL, cached under');
  L.push('  `~/.cache/fahras`). 300k: `bench/corpora/expand.mjs`, 300,000 documents made from the hadith');
  L.push('  text: each hadith body is cut into pieces of consecutive clauses (≥ 120 characters); a seeded');
  L.push('  PRNG (mulberry32) draws a real hadith\'s length as the target, then appends pieces from other');
  L.push('  randomly drawn hadiths until half of it is reached (two pieces at least; documents come out');
  L.push('  ~15% longer than hadiths on average), and titles each document with a drawn chapter title, the');
  L.push('  first six words and a serial number. Every word is real text; it is cached under');
  L.push('  `~/.cache/fahras/bench/` and never committed.');
  L.push('- **Same documents.** Fahras indexes the `.txt` files; Pagefind indexes the article pages that');
  L.push('  `fahras build` writes (`--root-selector article`, `lang="ar"` so its Arabic stemmer); MiniSearch');
  L.push('  indexes the same `.txt` title and text (`bench/perf/minisearch-build.mjs`), with Arabic folding');
  L.push('  (tashkeel, hamza seats, ى/ي, ة/ه), the last word as a prefix and one edit for 4+ letters');
  L.push('  (`bench/perf/page/minisearch-options.js`). Its excerpts are the stored first 200 characters, not');
  L.push('  query-dependent like the other two, and its whole index is one JSON file the page fetches and');
  L.push('  opens with `MiniSearch.loadJSON`, as a static site would ship it.');
  L.push('  On demo, a few query words come from the comment-form lines of the scraped articles, which');
  L.push('  Fahras\' corpus cleaner drops: Fahras and Pagefind (which indexes Fahras\' cleaned pages) find');
  L.push('  nothing for them, MiniSearch (raw `.txt`) does. The hadith texts have no such lines.');
  L.push('- **Build** is the wall time of each engine\'s build command (the goal uses it), with its CPU time');
  L.push('  (user + sys, all threads and child processes) and peak resident memory from GNU time: CPU time');
  L.push('  is steadier than wall time when other work shares the machine. Fahras\' build includes writing');
  L.push('  one HTML page per document (the pages Pagefind then indexes). Median of 3 on demo, one run');
  L.push('  otherwise; indexes are rebuilt on every run.');
  L.push('- **Sizes.** Index: the files a site serves for search (Fahras: the output folder without `pages/`');
  L.push('  and `highlight.js`; Pagefind: entry, meta, index, fragment and filter files, without its UI');
  L.push('  bundles, highlight script and other languages\' wasm; MiniSearch: `index.json`). Library:');
  L.push('  Fahras `fahras.js` + `fahras_core.js` + `fahras_core_bg.wasm`; Pagefind `pagefind.js` +');
  L.push('  `pagefind-worker.js` + `wasm.ar.pagefind`; MiniSearch `dist/es/index.js` (as published, not');
  L.push('  minified) + its options module. gzip = gzip -9 per file, or the raw size where that is smaller');
  L.push('  (Pagefind gzips its own index and wasm files).');
  L.push('- **Server.** `bench/perf/server.mjs` on 127.0.0.1 sends each file gzip-compressed by the same rule,');
  L.push('  compressed ahead of the measurement, and counts the response bodies it sends.');
  L.push(`- **Cold.** ${reps} fresh browser${reps > 1 ? 's' : ''} (new profile, empty cache) per engine and corpus. The bench page`);
  L.push('  (`bench/perf/page/`) loads no engine; in the page, the clock starts before the engine\'s code is');
  L.push('  imported and stops when the first query\'s top 10 (titles and excerpts) are in the DOM. Transfer');
  L.push('  = bytes of everything the page fetched in that span (library + index), no headers. Medians.');
  L.push('  "Share of the index fetched" = (transfer − library gzip) / index gzip.');
  L.push('  The cold query is the `cold` line of `bench/perf/queries/<corpus>.tsv` (a mid-frequency word).');
  L.push('- **Warm.** Right after the cold query, in the same page, each query of the list once, in order:');
  L.push('  Fahras `engine.search(q, {limit: 10})`; Pagefind `await search(q)` then');
  L.push('  `await Promise.all(results.slice(0, 10).map(r => r.data()))`; MiniSearch `search(q, options)`');
  L.push('  and the stored fields of the first 10; then the 10 results are written into the page. Any index');
  L.push('  piece a query needs first is fetched inside its time (local server, no throttling). Per query the');
  L.push('  median over the browsers, then p50 / p95 / max (nearest rank) over the queries. Requests: what');
  L.push('  the server answered during each warm query. **Again**: after the memory reading, the same list');
  L.push('  once more in the same page, so every piece an engine fetched is at hand (its own caches or the');
  L.push('  browser\'s): the engine\'s own time for search, excerpts and display, without the network.');
  L.push('- **Queries** (`node bench/perf/queries.mjs`, committed): per corpus, 10 high-, 15 mid- and 15');
  L.push('  low-document-frequency words, 15 adjacent word pairs taken from documents, 10 prefixes of 3–4');
  L.push('  letters of longer words, all without diacritics, as typed. Bands are in each file\'s header.');
  L.push('- **Memory.** Peak resident set (VmHWM from `/proc/<pid>/status`) of the renderer process that hosts');
  L.push('  the page, read after the warm queries; it counts the JS heap, wasm linear memory, the DOM and the');
  L.push('  renderer\'s own baseline. Δ subtracts that renderer\'s resident size before the engine was loaded.');
  L.push('  (Pagefind runs its search in a Web Worker, which lives in the same renderer process.)');
  L.push('- **Noise.** Two cores, shared with other work; see the load average above. Compare engines within');
  L.push('  one run; the ratios are what the goals use.');
  L.push('');
  return L.join('\n');
}
