// Issue 7 through <fahras-search> (hostile.test.mjs proves the same on the
// demo page): the hostile corpus searched in the widget shows only text,
// damaged or stale indexes give a clear message in the widget and no
// uncaught error, and 1,000 rapid queries typed into it keep the JS heap and
// the wasm memory bounded. The sites are those of hostile.test.mjs
// (sites.mjs); each page is the site's embed.html, engine on the same origin.
//
//   node --test tests/browser/widget-hostile.test.mjs   (after ./build.sh)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, assertNoErrors, repoRoot } from './harness.mjs';
import {
  XSS, DAMAGED, assertXssShownAsText, tempSites, xssSite, damagedSites, recordDialogs, trackWasmMemory, memoryMeter, mb,
} from './sites.mjs';
import { recordWidgetEvents, waitDefined, typeInto, waitResults, widgetState } from './widget-harness.mjs';

let sites;
let env;

before(async () => {
  sites = tempSites('fahras-widget-hostile-');
  xssSite(sites);
  damagedSites(sites);
  sites.scenario('demo', path.join(repoRoot, 'corpus'));
  env = await setup({ dir: sites.site });
  await recordWidgetEvents(env.context);
});

after(async () => {
  if (env) await env.close();
  sites?.remove();
});

async function openEmbed(name, opts = {}) {
  const page = recordDialogs(await env.newPage(opts));
  page.warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
  await trackWasmMemory(page);
  await page.goto(`${env.baseURL}${name}/embed.html`);
  await waitDefined(page);
  return page;
}

// Every element the widget itself creates; results add li, bdi, time and mark.
const WIDGET_TAGS = new Set(['div', 'svg', 'circle', 'path', 'input', 'ul', 'p', 'li', 'bdi', 'time', 'mark', 'button', 'span', 'kbd', 'dialog']);

/** What a widget shows: its elements, attributes and texts. */
const shown = (page, sel) => page.evaluate((s) => {
  const r = document.querySelector(s).shadowRoot;
  const all = [...r.querySelectorAll('*')];
  const tags = (els) => [...new Set(els.map((e) => e.tagName.toLowerCase()))];
  return {
    tags: tags(all),
    listTags: tags([...r.querySelectorAll('[role=listbox] *')]),
    excerptTags: tags([...r.querySelectorAll('.x *')]),
    onAttrs: all.flatMap((e) => e.getAttributeNames()).filter((a) => a.startsWith('on')),
    titles: [...r.querySelectorAll('[role=option] .t')].map((t) => t.textContent),
    excerpts: [...r.querySelectorAll('[role=option] .x')].map((t) => t.textContent),
  };
}, sel);

/** Elements that could run or load something, in the page itself. */
const activeInPage = (page) => page.evaluate(() => document.querySelectorAll('script, img, svg, iframe, object, embed, style').length);

test('(a) through the widget: markup in the corpus is shown as text, never run', async () => {
  const page = await openEmbed('xss');
  const active = await activeInPage(page);
  await typeInto(page, '#inline', 'الاختراق');
  const r = await shown(page, '#inline');
  assert.equal(r.titles.length, 4, JSON.stringify(r));
  assert.deepEqual(r.tags.filter((t) => !WIDGET_TAGS.has(t)), [], 'only the widget\'s own elements');
  assert.deepEqual(r.listTags.filter((t) => !['li', 'bdi', 'time', 'mark'].includes(t)), [], 'results: li, bdi, time, mark');
  assert.deepEqual(r.excerptTags.filter((t) => t !== 'mark'), [], 'only <mark> inside excerpts');
  assert.deepEqual(r.onAttrs, [], 'no event-handler attributes');
  assertXssShownAsText(r.titles, r.excerpts);
  // Every result URL handed to the page is a web link.
  const urls = await page.evaluate(() => window.__events.flatMap((e) => e.detail.results?.map((x) => x.url) ?? []));
  assert.ok(urls.length >= 4);
  for (const u of urls) assert.match(u, /^http:\/\/127\.0\.0\.1:\d+\//);

  // Typing the markup itself, in the inline box and in the dialog.
  for (const q of [XSS.script, XSS.img2, '<mark>الاختراق</mark>', '"><img src=x onerror=alert(1)>']) {
    await typeInto(page, '#inline', q);
  }
  await page.keyboard.press('Escape');
  await page.locator('h1').click();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('الاختراق');
  await waitResults(page, '#quick', 'الاختراق');
  const m = await shown(page, '#quick');
  assert.equal(m.titles.length, 4);
  assert.deepEqual(m.tags.filter((t) => !WIDGET_TAGS.has(t)), []);
  assert.deepEqual(m.onAttrs, []);

  await page.waitForTimeout(300); // give an onerror handler time to fire, if any
  assert.equal(await activeInPage(page), active, 'no element was added to the page');
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  assert.deepEqual(page.dialogs, [], 'a dialog was opened');
  assertNoErrors(page);
  await page.close();
});

// The 404s of the missing files are logged by the browser itself.
const LOAD_ERRORS = [/Failed to load resource/];

for (const [name, what, reason, when] of DAMAGED) {
  test(`(b) through the widget, ${what}: a clear visible message, no uncaught error`, async () => {
    const page = await openEmbed(name, { allowConsoleErrors: LOAD_ERRORS });
    await page.locator('#inline input').click();
    await page.locator('#inline input').pressSequentially('روسيا');
    // A keystroke after the first failure retries the load (the widget stays
    // usable); wait until the failure is what the widget shows, not just its
    // state for a moment.
    await page.waitForFunction(() => {
      const el = document.querySelector('#inline');
      return el.state === 'error' && el.shadowRoot.querySelector('.msg').textContent.startsWith('The search index could not');
    }, null, { timeout: 30_000 });
    const st = await widgetState(page, '#inline');
    assert.ok(st.messageVisible, 'the message is on screen');
    assert.equal(st.message, 'The search index could not be loaded. Reload the page or try again later.');
    assert.equal(st.live, st.message, 'and announced');
    assert.ok(page.warnings.some((w) => reason.test(w)), `the console says why (${reason}): ${page.warnings.join(' | ')}`);
    // The widget and the page stay usable: another query, the dialog, the API.
    await page.locator('#inline input').fill('الصين');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('h1').click();
    await page.keyboard.press('Control+k');
    if (when === 'load') {
      await page.waitForFunction(() => document.querySelector('#quick').state === 'error', null, { timeout: 30_000 });
      assert.ok((await widgetState(page, '#quick')).messageVisible);
    } else {
      // The root loads; the damaged piece fails the quick box's first search too.
      await page.keyboard.type('روسيا');
      await page.waitForFunction(() => document.querySelector('#quick').state === 'error', null, { timeout: 30_000 });
      assert.ok((await widgetState(page, '#quick')).messageVisible);
      await page.keyboard.press('Escape');
    }
    const retry = when === 'load' ? 'x' : 'روسيا';
    await page.waitForTimeout(2100); // past the widget's retry pause
    const rejected = await page.evaluate((q) => document.querySelector('#inline').search(q).then(() => 'resolved', (e) => e.message), retry);
    assert.match(rejected, /could not be loaded/);
    assert.equal(await page.locator('h1').textContent(), 'Notes on regional security talks');
    assert.deepEqual(page.dialogs, []);
    assertNoErrors(page);
    await page.close();
  });
}

test('(c) 1,000 rapid queries typed into the widget: JS heap and wasm memory stay bounded', async () => {
  const page = await openEmbed('demo');
  await typeInto(page, '#inline', 'روسيا'); // the index is loaded
  const heap = await memoryMeter(page);
  const words = ['روسيا', 'الصين', 'لافروف', 'التعاون', 'آسيا الوسطى', 'وال', 'العسك', 'موسكو', 'x', 'ب'];
  const query = (i) => `${words[i % words.length]} ${words[(i * 7) % words.length].slice(0, 1 + (i % 4))}`;
  const forget = () => page.evaluate(() => { window.__events.length = 0; }); // the test's own record of results
  const before = await heap();

  // 1,000 changes of the box, as fast as the driver types (debounced by the widget).
  const input = page.locator('#inline input');
  for (let i = 0; i < 1000; i++) await input.fill(query(i));
  await forget();
  await input.fill('روسيا الصين');
  await waitResults(page, '#inline', 'روسيا الصين');
  await forget();
  const afterTyping = await heap();

  // 1,000 searches through the element, each one shown and announced (no debounce).
  const shownCount = await page.evaluate(async (qs) => {
    const box = document.querySelector('#inline');
    let n = 0;
    for (const q of qs) n += (await box.search(q)).results.length;
    return n;
  }, Array.from({ length: 1000 }, (_, i) => query(i * 3)));
  assert.ok(shownCount > 0);
  await forget();
  const afterSearch = await heap();

  console.log(
    `# widget, JS heap: before ${mb(before.js)}, after 1,000 typed queries ${mb(afterTyping.js)}, ` +
      `after 1,000 box.search() ${mb(afterSearch.js)}; wasm memory: ${mb(before.wasm)} → ` +
      `${mb(afterTyping.wasm)} → ${mb(afterSearch.wasm)}`,
  );
  for (const [when, m] of [['typed queries', afterTyping], ['box.search() calls', afterSearch]]) {
    assert.ok(m.js <= 2 * before.js, `JS heap grew from ${mb(before.js)} to ${mb(m.js)} after 1,000 ${when}`);
    assert.ok(before.wasm != null && m.wasm <= 2 * before.wasm, `wasm memory grew from ${mb(before.wasm)} to ${mb(m.wasm)} after 1,000 ${when}`);
  }
  await heap.detach();
  assertNoErrors(page);
  await page.close();
});
