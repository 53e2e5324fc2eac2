#!/usr/bin/env node
// Relevance of Fahras and its peers on the same judged query sets, scored
// by the same code (`fahras eval`, peers through `--run`), written to
// bench/RELEVANCE.md.
//
//   node bench/relevance/run.mjs [--sets demo,hadith] [--out bench/RELEVANCE.md] [--work DIR]
//
// Engines:
//   fahras    target/release/fahras build + eval (built if missing)
//   pagefind  indexes the article pages Fahras publishes (<html lang="ar">,
//             so its Arabic stemmer; `npx pagefind --site pages
//             --root-selector article`), searched in Node by loading the
//             generated pagefind.js with a fetch that reads files
//   lunr      lunr + lunr-languages Arabic (lunr.ar) over the same pages'
//             title and text, in Node; query words go through the Arabic
//             pipeline, any word may match (lunr's default OR)
// All three see the same text: the article as published, after Fahras'
// corpus cleaner dropped "read also" blocks, comment forms and footers.
// Peers' results are mapped back to document ids (page path minus .html).

import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const K = 10;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const SETS = opt("--sets", "demo,hadith").split(",").filter(Boolean);
const OUT = path.resolve(ROOT, opt("--out", "bench/RELEVANCE.md"));
const WORK = path.resolve(opt("--work", path.join(os.tmpdir(), "fahras-relevance")));
const BIN = path.join(ROOT, "target/release/fahras");
const log = (...m) => console.error("[relevance]", ...m);

function sh(cmd, argv, opts = {}) {
  return execFileSync(cmd, argv, { cwd: ROOT, maxBuffer: 1 << 28, encoding: "utf8", ...opts });
}

// ---------- corpora and judged sets ----------

function corpusDir(set) {
  if (set === "demo") return path.join(ROOT, "corpus");
  if (set === "hadith") {
    const out = sh("python3", ["bench/corpora/hadith.py"]).trim().split("\n");
    return out[out.length - 1];
  }
  throw new Error(`unknown set ${set}`);
}

function loadQueries(file) {
  const qs = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const [category, query] = line.replace(/\r$/, "").split("\t");
    if (!qs.includes(query)) qs.push(query);
  }
  return qs;
}

function evalRun(qrels, flags) {
  return JSON.parse(sh(BIN, ["eval", qrels, ...flags, "--json"]));
}

function writeRun(file, rows) {
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

// ---------- engines ----------

async function runFahras(set, dir, qrels, work) {
  const index = path.join(work, "fahras-index");
  fs.rmSync(index, { recursive: true, force: true });
  const t0 = Date.now();
  sh(BIN, ["build", dir, "--out", index], { stdio: ["ignore", "ignore", "ignore"] });
  const build = Date.now() - t0;
  const t1 = Date.now();
  const res = evalRun(qrels, ["--index", index]);
  return { res, build, search: Date.now() - t1 };
}

let pagefindDir = "";
async function runPagefind(set, pagesDir, ids, queries, qrels, work) {
  const out = path.join(work, "pagefind");
  fs.rmSync(out, { recursive: true, force: true });
  const t0 = Date.now();
  const r = spawnSync(
    "npx",
    ["--no-install", "pagefind", "--site", pagesDir, "--root-selector", "article", "--output-path", out],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`pagefind failed: ${r.stderr}\n${r.stdout}`);
  const build = Date.now() - t0;

  // The browser runtime, in Node: fetch reads the bundle's files from disk.
  pagefindDir = out + path.sep;
  globalThis.window ??= globalThis;
  globalThis.location ??= { href: "http://localhost/", origin: "http://localhost" };
  globalThis.document ??= { currentScript: null, querySelector: () => null };
  globalThis.fetch = async (u) => {
    const url = String(u);
    const p = url.startsWith("file:") ? fileURLToPath(url) : pagefindDir + url.replace(/^.*\/pagefind\//, "");
    return new Response(fs.readFileSync(p));
  };
  const pf = await import(pathToFileURL(pagefindDir + "pagefind.js").href + `?set=${set}`);
  await pf.options({ basePath: pathToFileURL(pagefindDir).href, excerptLength: 0 });
  await pf.init();
  const known = new Set(ids);
  const toId = (url) => {
    const segs = decodeURIComponent(url).replace(/\.html$/, "").split("/");
    const two = segs.slice(-2).join("/");
    return known.has(two) ? two : segs[segs.length - 1];
  };
  const t1 = Date.now();
  const rows = [];
  for (const q of queries) {
    const res = await pf.search(q);
    const top = [];
    for (const hit of res.results.slice(0, K)) top.push(toId((await hit.data()).url));
    rows.push({ query: q, ids: top, total: res.results.length });
  }
  const search = Date.now() - t1;
  const run = path.join(work, "pagefind.run.jsonl");
  writeRun(run, rows);
  return { res: evalRun(qrels, ["--run", run]), build, search };
}

const unesc = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** The published text of every page Fahras wrote: {id, title, body}. */
function loadPages(pagesDir) {
  const docs = [];
  const walkHtml = function* (dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) yield* walkHtml(p);
      else if (e.name.endsWith(".html")) yield p;
    }
  };
  for (const p of walkHtml(pagesDir)) {
    const html = fs.readFileSync(p, "utf8");
    const art = (html.match(/<article>([\s\S]*?)<\/article>/) || [, ""])[1];
    const title = unesc((art.match(/<h1>([\s\S]*?)<\/h1>/) || [, ""])[1]);
    const body = [...art.matchAll(/<p id="p\d+">([\s\S]*?)<\/p>/g)].map((m) => unesc(m[1].replace(/<[^>]+>/g, ""))).join("\n");
    docs.push({ id: path.relative(pagesDir, p).replace(/\.html$/, "").split(path.sep).join("/"), title, body });
  }
  return docs;
}

async function runLunr(set, docs, queries, qrels, work) {
  const lunr = require("lunr");
  if (!lunr.ar) {
    require("lunr-languages/lunr.stemmer.support")(lunr);
    require("lunr-languages/lunr.ar")(lunr);
  }
  const t0 = Date.now();
  const idx = lunr(function () {
    this.use(lunr.ar);
    this.ref("id");
    this.field("title", { boost: 2 });
    this.field("body");
    for (const d of docs) this.add(d);
  });
  const build = Date.now() - t0;
  const t1 = Date.now();
  const rows = [];
  for (const q of queries) {
    let res = [];
    try {
      res = idx.query((qq) => {
        for (const tok of lunr.tokenizer(q)) {
          qq.term(tok.toString(), { usePipeline: true });
        }
      });
    } catch (e) {
      res = [];
    }
    rows.push({ query: q, ids: res.slice(0, K).map((r) => r.ref), total: res.length });
  }
  const search = Date.now() - t1;
  const run = path.join(work, "lunr.run.jsonl");
  writeRun(run, rows);
  return { res: evalRun(qrels, ["--run", run]), build, search };
}

// ---------- report ----------

const f3 = (x) => (x === null || x === undefined ? "–" : x.toFixed(3));

function report(results, cmdline) {
  const engines = ["fahras", "pagefind", "lunr"].filter((e) => results.some((r) => r.engine === e));
  const cpu = os.cpus();
  const L = [];
  L.push("# Relevance: Fahras and peers");
  L.push("");
  L.push("Written by `bench/relevance/run.mjs`; do not edit by hand. Every engine is scored by the same");
  L.push("code (`fahras eval`; peers' ranked lists through `fahras eval --run`) on the judged sets in");
  L.push("`tests/relevance/` (judged by reading the documents, never by running an engine).");
  L.push("");
  L.push("- **R@10**: relevant documents in the top 10 over min(relevant, 10) (capped recall).");
  L.push("- **MRR@10**: 1 / rank of the first relevant result (0 if none in the top 10).");
  L.push("- **nDCG@10**: graded gain 2^g − 1, log2 discount.");
  L.push("- **none**: queries nothing answers; correct when the engine returns zero results (not part of R/MRR/nDCG).");
  L.push("");
  L.push(`Run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, commit ${gitRev()}.`);
  L.push(`Machine: ${cpu[0]?.model ?? "?"} × ${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`);
  L.push(`Peers: pagefind ${pkgVersion("pagefind")}, lunr ${pkgVersion("lunr")} + lunr-languages ${pkgVersion("lunr-languages")} (lunr.ar).`);
  L.push("");
  L.push("Command:");
  L.push("");
  L.push("```sh");
  L.push(cmdline);
  L.push("```");
  L.push("");
  L.push("## Overall");
  L.push("");
  L.push("| set | engine | queries | R@10 | MRR@10 | nDCG@10 | none correct | index build | all queries |");
  L.push("|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const o = r.res.overall;
    L.push(
      `| ${r.set} | ${r.engine} | ${o.queries + o.none_queries} | ${f3(o["recall@10"])} | ${f3(o["mrr@10"])} | ${f3(o["ndcg@10"])} | ` +
        `${f3(o.none_correct)} | ${(r.build / 1000).toFixed(1)} s | ${(r.search / 1000).toFixed(1)} s |`,
    );
  }
  for (const set of [...new Set(results.map((r) => r.set))]) {
    L.push("");
    L.push(`## ${set}: per category`);
    L.push("");
    L.push("R@10 / MRR@10 / nDCG@10 per engine; for `none`, the share of queries answered with nothing.");
    L.push("");
    L.push(`| category | n | ${engines.map((e) => `${e} R | ${e} MRR | ${e} nDCG`).join(" | ")} |`);
    L.push(`|---|---:|${engines.map(() => "---:|---:|---:").join("|")}|`);
    const rs = engines.map((e) => results.find((r) => r.set === set && r.engine === e));
    const cats = Object.keys(rs.find(Boolean).res.categories);
    for (const c of [...cats, "ALL"]) {
      const cells = rs.map((r) => {
        const t = c === "ALL" ? r?.res.overall : r?.res.categories[c];
        if (!t) return "– | – | –";
        if (t.queries === 0) return `${f3(t.none_correct)} | | `;
        return `${f3(t["recall@10"])} | ${f3(t["mrr@10"])} | ${f3(t["ndcg@10"])}`;
      });
      const t0 = c === "ALL" ? rs.find(Boolean).res.overall : rs.find(Boolean).res.categories[c];
      const name = c === "ALL" ? "**all**" : c;
      L.push(`| ${name} | ${t0.queries + t0.none_queries} | ${cells.join(" | ")} |`);
    }
  }
  L.push("");
  L.push("Failing queries per engine: `fahras eval tests/relevance/<set>.tsv --index DIR --verbose`");
  L.push(`(peers: \`--run\` with the run files this script leaves in ${path.relative(ROOT, WORK).startsWith("..") ? "its work folder" : WORK}).`);
  L.push("");
  return L.join("\n");
}

function gitRev() {
  try {
    const rev = sh("git", ["rev-parse", "--short", "HEAD"]).trim();
    const dirty = sh("git", ["status", "--porcelain", "--", "src"]).trim() ? " (src/ modified)" : "";
    return rev + dirty;
  } catch {
    return "?";
  }
}

function pkgVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
}

// ---------- main ----------

async function main() {
  if (!fs.existsSync(BIN)) {
    log("building the fahras CLI");
    sh("cargo", ["build", "--release", "--locked", "--bin", "fahras"], { stdio: "inherit" });
  }
  fs.mkdirSync(WORK, { recursive: true });
  const results = [];
  for (const set of SETS) {
    const qrels = path.join(ROOT, "tests/relevance", `${set}.tsv`);
    const dir = corpusDir(set);
    const queries = loadQueries(qrels);
    const work = path.join(WORK, set);
    fs.mkdirSync(work, { recursive: true });
    const pagesDir = path.join(work, "fahras-index", "pages");
    let docs = [];
    log(`${set}: ${queries.length} queries`);
    for (const [engine, fn] of [
      ["fahras", () => runFahras(set, dir, qrels, work)],
      ["pagefind", () => runPagefind(set, pagesDir, docs.map((d) => d.id), queries, qrels, work)],
      ["lunr", () => runLunr(set, docs, queries, qrels, work)],
    ]) {
      log(`${set}: ${engine}`);
      const r = await fn();
      results.push({ set, engine, ...r });
      if (engine === "fahras") {
        docs = loadPages(pagesDir);
        log(`${set}: ${docs.length} published pages`);
      }
      const o = r.res.overall;
      log(`${set}: ${engine}: R@10 ${f3(o["recall@10"])} MRR ${f3(o["mrr@10"])} nDCG ${f3(o["ndcg@10"])} none ${f3(o.none_correct)}`);
    }
  }
  const cmdline = `node bench/relevance/run.mjs${args.length ? " " + args.join(" ") : ""}`;
  fs.writeFileSync(OUT, report(results, cmdline));
  log(`wrote ${path.relative(ROOT, OUT)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
