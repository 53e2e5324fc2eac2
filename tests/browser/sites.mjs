// Temporary sites for the browser tests: copies of dist/ whose index/ is
// built by target/release/fahras from a generated corpus, among them the
// hostile corpus and the damaged indexes of issue 7, shared by
// hostile.test.mjs (the demo page) and widget-hostile.test.mjs (the widget).
// Also: dialog recording and memory measurement for those tests.
// Run ./build.sh first (it builds dist/ and the CLI).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir, repoRoot } from './harness.mjs';

export const CLI = path.join(repoRoot, 'target', 'release', 'fahras');

export const XSS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  img2: '<img src=x onerror="window.__xss=1">',
  svg: '<svg onload=alert(1)>',
  js: 'javascript:alert(1)',
  entity: '&amp; &lt;b&gt; &#60;i&#62;',
};

/**
 * The XSS corpus's titles and excerpts (as the page shows them, text) hold
 * its markup as text: the proof that nothing of it became markup is the
 * callers' element checks; this is the proof that nothing was lost.
 * Returns the excerpts joined, for further checks.
 */
export function assertXssShownAsText(titleList, excerptList) {
  const titles = titleList.join('\n');
  assert.ok(titles.includes(XSS.script), titles);
  assert.ok(titles.includes('<script>alert(1)</script> الاختراق'), titles);
  const excerpts = excerptList.join('\n');
  for (const s of [XSS.img, XSS.img2, XSS.svg, XSS.js, XSS.entity]) {
    assert.ok(excerpts.includes(s), `excerpt text should contain ${s}: ${excerpts}`);
  }
  return excerpts;
}

export function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export function buildIndex(corpus, out) {
  execFileSync(CLI, ['build', corpus, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A temporary folder for sites: `scenario(name, corpus)` makes
 * <tmp>/site/<name>/, a copy of dist/ whose index/ is built from `corpus`.
 * Serve `site` (setup({ dir: sites.site })) and call remove() at the end.
 */
export function tempSites(prefix = 'fahras-sites-') {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run ./build.sh first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const site = path.join(tmp, 'site');
  const skip = path.join(distDir, 'index');
  return {
    tmp,
    site,
    scenario(name, corpus) {
      const dir = path.join(site, name);
      fs.cpSync(distDir, dir, { recursive: true, filter: (src) => src !== skip && !src.startsWith(skip + path.sep) });
      buildIndex(corpus, path.join(dir, 'index'));
      return dir;
    },
    remove() {
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export function indexFile(dir, prefix) {
  const idx = path.join(dir, 'index');
  const name = fs.readdirSync(idx).find((f) => f.startsWith(prefix));
  assert.ok(name, `no ${prefix}* file in ${idx}`);
  return path.join(idx, name);
}

/** Scenario 'xss': markup in titles and bodies, HTML-entity titles. Every document has the word الاختراق. */
export function xssSite(sites) {
  const xss = path.join(sites.tmp, 'xss');
  write(
    path.join(xss, 'xss1.txt'),
    `عنوان ${XSS.script} خبيث\n\nنص عن الاختراق ${XSS.img} و ${XSS.img2} نهاية.\n`,
  );
  write(path.join(xss, 'xss4.txt'), `رابط ${XSS.js}\n\nالاختراق ${XSS.svg} ثم ${XSS.js} و ${XSS.entity} نهاية.\n`);
  write(
    path.join(xss, 'xss2.md'),
    `# ${XSS.img} عنوان الاختراق\n\nفقرة الاختراق [رابط](javascript:alert(1)) <b onmouseover=alert(1)>عريض</b> ${XSS.script}\n`,
  );
  // Entities in an HTML source decode to markup-looking text: still text.
  write(
    path.join(xss, 'xss3.html'),
    '<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; الاختراق</title></head>' +
      '<body><p>الاختراق &lt;img src=x onerror=alert(1)&gt; &amp;amp; &quot;&#39;</p>' +
      '<script>alert(1)</script><p onclick="alert(1)">فقرة ثانية</p></body></html>',
  );
  return sites.scenario('xss', xss);
}

/**
 * Damaged and stale indexes: [scenario name, what is wrong, what the
 * detailed error says, when it shows]. The root is read on load; pieces
 * only when a search needs them, so their damage shows at the first search.
 */
export const DAMAGED = [
  ['flip', 'bit-flipped postings pieces', /postings\/[0-9a-f]+\/\d+\.bin does not match the root/, 'search'],
  ['nodocs', 'deleted docs pieces (404)', /docs\/[0-9a-f]+\/\d+\.bin: HTTP 404/, 'search'],
  ['mixed', 'an index.fhr from another build', /HTTP 404/, 'search'],
  ['truncated', 'a truncated index.fhr', /index\.fhr.*(truncated or damaged|does not match)/, 'load'],
];

/** The folder of the pieces of `kind` (words, postings, docs…) in a scenario's index. */
export function pieceFolder(dir, kind) {
  const base = path.join(dir, 'index', kind);
  const sets = fs.readdirSync(base);
  assert.equal(sets.length, 1, `one ${kind} set in ${base}`);
  return path.join(base, sets[0]);
}

/** The DAMAGED scenarios, each a demo-corpus site with one fault. */
export function damagedSites(sites) {
  const demo = path.join(repoRoot, 'corpus');
  const flip = sites.scenario('flip', demo);
  for (const f of fs.readdirSync(pieceFolder(flip, 'postings'))) {
    const piece = path.join(pieceFolder(flip, 'postings'), f);
    const bytes = fs.readFileSync(piece);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(piece, bytes);
  }

  const nodocs = sites.scenario('nodocs', demo);
  for (const f of fs.readdirSync(pieceFolder(nodocs, 'docs'))) fs.rmSync(path.join(pieceFolder(nodocs, 'docs'), f));

  // The root of another build (demo corpus minus one file) over this one.
  const mixed = sites.scenario('mixed', demo);
  const smaller = path.join(sites.tmp, 'smaller');
  fs.cpSync(demo, smaller, { recursive: true });
  fs.rmSync(path.join(smaller, fs.readdirSync(smaller).sort()[0]));
  buildIndex(smaller, path.join(sites.tmp, 'other-index'));
  fs.copyFileSync(path.join(sites.tmp, 'other-index', 'index.fhr'), path.join(mixed, 'index', 'index.fhr'));

  const truncated = sites.scenario('truncated', demo);
  const root = path.join(truncated, 'index', 'index.fhr');
  fs.writeFileSync(root, fs.readFileSync(root).subarray(0, 40));
}

/** Record dialogs (alert/confirm/prompt) in page.dialogs, and dismiss them. */
export function recordDialogs(page) {
  page.dialogs = [];
  page.on('dialog', async (d) => {
    page.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return page;
}

/** Before the page loads: keep the wasm module's memory in window.__wasmMemory, to measure it. */
export async function trackWasmMemory(page) {
  await page.addInitScript(() => {
    for (const fn of ['instantiate', 'instantiateStreaming']) {
      const orig = WebAssembly[fn];
      WebAssembly[fn] = async (...args) => {
        const r = await orig.apply(WebAssembly, args);
        const inst = r.instance ?? r;
        if (inst.exports?.memory) window.__wasmMemory = inst.exports.memory;
        return r;
      };
    }
  });
}

/** A function giving {js, wasm}: JS heap in use after a full GC, and wasm memory, in bytes. */
export async function memoryMeter(page) {
  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
    return { js: usedSize, wasm };
  };
  measure.detach = () => cdp.detach();
  return measure;
}

export const mb = (b) => (b == null ? 'n/a' : (b / 1048576).toFixed(2) + ' MB');
