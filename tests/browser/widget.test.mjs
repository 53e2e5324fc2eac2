// <fahras-search>, the embeddable widget, on a host page of ANOTHER origin:
// the page (www/embed.html) comes from one server, fahras.js, the wasm and
// the index from a second one that allows CORS. Also: the same under a strict
// CSP, keyboard and mouse use, events, API, states, small screens.
//
//   npm run test:browser   (after ./build.sh)

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertNoErrors, distDir } from './harness.mjs';
import {
  setupTwoOrigins, embedURL, waitDefined, typeInto, waitResults, options, widgetState, cspViolations, CSP_BASE,
} from './widget-harness.mjs';

const LAVROV = ['000_d0036755e13d4217', '001_e69d5b712425b879', '003_5598f450e5c5e9f0'];
const sorted = (a) => [...a].sort();

let env;
let page;

before(async () => {
  env = await setupTwoOrigins();
  page = await env.newPage();
  await page.goto(embedURL(env));
  await waitDefined(page);
});

after(async () => {
  if (env) await env.close();
});

afterEach(() => {
  if (page) assertNoErrors(page);
});

const lastResults = (p) => p.evaluate(() => window.__events.filter((e) => e.type === 'fahras:results').at(-1).detail);

test('one script tag from another origin defines the element, and it finds results', async () => {
  // fahras.js and the index really come from the engine's origin.
  const src = await page.evaluate(() => [...document.scripts].map((s) => s.src).find((s) => s.endsWith('/fahras.js')));
  assert.equal(src, env.engineURL + 'fahras.js');
  assert.equal(await page.getAttribute('#inline', 'index'), env.engineURL + 'index/');
  assert.notEqual(new URL(env.engineURL).origin, new URL(env.baseURL).origin);

  await typeInto(page, '#inline', 'لافروف');
  const res = await lastResults(page);
  assert.deepEqual(sorted(res.results.map((r) => r.id)), LAVROV);
  for (const r of res.results) assert.ok(r.url.startsWith(env.engineURL), `${r.url} should be on the engine's origin`);

  const opts = await options(page, '#inline');
  assert.equal(opts.length, 3);
  for (const o of opts) {
    assert.ok(o.title.startsWith('لافروف:'), o.title);
    for (const tag of o.excerptHTML.match(/<[^>]*>/g) || []) assert.match(tag, /^<\/?mark>$/);
    assert.match(o.excerptHTML, /<mark>لافروف<\/mark>/);
  }
  const st = await widgetState(page, '#inline');
  assert.equal(st.state, 'ready');
  assert.equal(st.role, 'combobox');
  assert.equal(st.listboxRole, 'listbox');
  assert.equal(st.expanded, 'true');
  assert.equal(st.lang, 'en');
  assert.equal(st.dir, 'ltr');
  assert.equal(st.live, '3 results'); // English page, English words
  // Titles and excerpts are isolated with <bdi>, options take their own direction.
  const bidi = await page.evaluate(() => {
    const o = document.querySelector('#inline').shadowRoot.querySelector('[role=option]');
    return { dir: o.dir, title: o.querySelector('.t').tagName, excerpt: o.querySelector('.x').tagName, shown: getComputedStyle(o).direction };
  });
  assert.deepEqual(bidi, { dir: 'rtl', title: 'BDI', excerpt: 'BDI', shown: 'rtl' });
});

test('ArrowDown/ArrowUp move the active option; focus stays in the box', async () => {
  const input = await typeInto(page, '#inline', 'لافروف');
  await input.press('ArrowDown');
  let st = await widgetState(page, '#inline');
  assert.equal(st.activedescendant, 'o0');
  assert.ok(st.focused);
  assert.deepEqual((await options(page, '#inline')).map((o) => o.selected), ['true', 'false', 'false']);
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  await input.press('ArrowDown'); // wraps
  assert.equal((await widgetState(page, '#inline')).activedescendant, 'o0');
  await input.press('ArrowUp'); // wraps back
  st = await widgetState(page, '#inline');
  assert.equal(st.activedescendant, 'o2');
  assert.ok(st.focused);
  // Escape closes the list, a second Escape clears the box.
  await input.press('Escape');
  st = await widgetState(page, '#inline');
  assert.equal(st.expanded, 'false');
  assert.equal(st.activedescendant, null);
  assert.equal(await input.inputValue(), 'لافروف');
  await input.press('Escape');
  assert.equal(await input.inputValue(), '');
  assert.ok((await widgetState(page, '#inline')).focused);
});

test('Enter on the active option opens its article (on the engine origin)', async () => {
  const p = await env.newPage();
  try {
    await p.goto(embedURL(env));
    await waitDefined(p);
    const input = await typeInto(p, '#inline', 'لافروف');
    await input.press('ArrowDown');
    const title = (await options(p, '#inline'))[0].title;
    await Promise.all([p.waitForURL(/\/index\/pages\/.+\.html(\?[^#]*)?(#p\d+)?$/), input.press('Enter')]);
    assert.ok(p.url().startsWith(env.engineURL));
    assert.equal((await p.locator('h1').first().textContent()).trim(), title);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('clicking a result opens it, after a cancelable fahras:select', async () => {
  const p = await env.newPage();
  try {
    await p.goto(embedURL(env));
    await waitDefined(p);
    await typeInto(p, '#inline', 'شنغهاي');
    const second = p.locator('#inline [role=option]').nth(1);
    const title = (await second.locator('.t').textContent()).trim();
    await Promise.all([p.waitForURL(/\/index\/pages\/.+\.html(\?[^#]*)?(#p\d+)?$/), second.click()]);
    assert.equal((await p.locator('h1').first().textContent()).trim(), title);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('fahras:results and fahras:select bubble out of the shadow root; preventDefault keeps the page', async () => {
  // A listener on the document (outside the shadow root) sees both events.
  await page.evaluate(() => {
    window.__seen = [];
    document.body.addEventListener('fahras:results', (e) => window.__seen.push(['results', e.bubbles, e.composed, e.detail.total]));
    document.body.addEventListener('fahras:select', (e) => {
      window.__seen.push(['select', e.bubbles, e.composed, e.detail.id]);
      e.preventDefault();
    }, { once: true });
  });
  const input = await typeInto(page, '#inline', 'لافروف');
  await input.press('ArrowDown');
  await input.press('Enter');
  await page.waitForTimeout(200);
  assert.ok(page.url().includes('embed.html'), 'a prevented select must not navigate');
  const seen = await page.evaluate(() => window.__seen);
  const results = seen.filter((s) => s[0] === 'results').at(-1);
  assert.deepEqual(results, ['results', true, true, 3]);
  const select = seen.find((s) => s[0] === 'select');
  assert.deepEqual(select.slice(0, 3), ['select', true, true]);
  assert.ok(LAVROV.includes(select[3]));
});

test('element.search(q) resolves to the results object and shows them', async () => {
  const res = await page.evaluate(async () => {
    const r = await document.querySelector('#inline').search('كازاخ');
    return { query: r.query, total: r.total, ids: r.results.map((x) => x.id), keys: Object.keys(r.results[0]).sort() };
  });
  assert.equal(res.query, 'كازاخ');
  assert.equal(res.total, 3);
  assert.deepEqual(res.keys, ['anchor', 'date', 'excerpt', 'id', 'link', 'marks', 'score', 'source', 'title', 'url']);
  assert.equal(await page.inputValue('#inline input'), 'كازاخ');
  assert.equal((await options(page, '#inline')).length, 3);
});

test('no results: a visible message with a hint, announced', async () => {
  await typeInto(page, '#inline', 'زززززز');
  const st = await widgetState(page, '#inline');
  assert.equal((await options(page, '#inline')).length, 0);
  assert.equal(st.expanded, 'false'); // no listbox on show
  assert.ok(st.messageVisible);
  assert.match(st.message, /No results for “زززززز”.*shorter/);
  assert.match(st.live, /No results/);
});

test('a word on no page is named, and the rest of the query is offered', async () => {
  await typeInto(page, '#inline', 'زززززز لافروف');
  let st = await widgetState(page, '#inline');
  assert.equal((await options(page, '#inline')).length, 0);
  assert.match(st.message, /No results for “زززززز لافروف”: no page has “زززززز”/);
  const retry = page.locator('#inline .retry');
  assert.equal(await retry.textContent(), 'Search for “لافروف” instead');
  assert.ok(await retry.isVisible());
  assert.match(st.live, /no page has “زززززز”.*Search for “لافروف” instead/);
  const seen = await page.evaluate(() => window.__events.length);
  await retry.click();
  await waitResults(page, '#inline', 'لافروف', seen);
  st = await widgetState(page, '#inline');
  assert.equal(await page.inputValue('#inline input'), 'لافروف');
  assert.deepEqual(sorted((await lastResults(page)).results.map((r) => r.id)), LAVROV);
  assert.ok(st.focused, 'focus is back in the box');
  assert.ok(!(await retry.isVisible()), 'the offer goes once there are results');
});

test('debounced input; an older query never overwrites a newer one', async () => {
  await page.evaluate(() => { window.__events.length = 0; });
  const input = page.locator('#inline input');
  await input.fill('');
  await input.pressSequentially('شنغهاي', { delay: 0 });
  await input.fill('');
  await input.pressSequentially('كازاخ', { delay: 0 });
  await waitResults(page, '#inline', 'كازاخ');
  await page.waitForTimeout(400);
  const evs = await page.evaluate(() => window.__events.filter((e) => e.type === 'fahras:results').map((e) => e.detail.query));
  assert.equal(evs.at(-1), 'كازاخ');
  assert.ok(evs.length <= 2, `debounce: typing 11 keys fast gave ${evs.length} searches`);
  const titles = (await options(page, '#inline')).map((o) => o.title);
  assert.equal(titles.length, 3);
});

test('an answer that arrives after a newer query was typed is dropped', async () => {
  const p = await env.newPage();
  try {
    // Hold the index back so that both queries wait on it, then race them.
    await p.route('**/index/index.fhr', async (route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    await p.goto(embedURL(env));
    await waitDefined(p);
    const out = await p.evaluate(async () => {
      const el = document.querySelector('#inline');
      const [a, b] = await Promise.all([el.search('لافروف'), el.search('شنغهاي')]);
      return {
        a: a.query, b: b.query, bTitles: b.results.map((r) => r.title),
        events: window.__events.filter((e) => e.type === 'fahras:results').map((e) => e.detail.query),
        shown: [...el.shadowRoot.querySelectorAll('[role=option] .t')].map((t) => t.textContent),
      };
    });
    assert.equal(out.a, 'لافروف'); // the promise still gets its own answer
    assert.equal(out.b, 'شنغهاي');
    assert.deepEqual(out.events, ['شنغهاي'], 'only the newest query is shown and announced');
    assert.deepEqual(out.shown, out.bTitles);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('modal mode: Ctrl+K and / open the dialog, Escape clears then closes, focus returns', async () => {
  const p = await env.newPage();
  try {
    await p.goto(embedURL(env));
    await waitDefined(p);
    const dialogOpen = () => p.evaluate(() => document.querySelector('#quick').shadowRoot.querySelector('dialog').open);
    await p.locator('h1').click();
    await p.keyboard.press('Control+k');
    assert.equal(await dialogOpen(), true);
    assert.ok((await widgetState(p, '#quick')).focused, 'the dialog box has focus');
    await p.keyboard.type('لافروف');
    await waitResults(p, '#quick', 'لافروف');
    assert.equal((await options(p, '#quick')).length, 3);
    await p.keyboard.press('Escape');
    assert.equal(await dialogOpen(), true, 'first Escape only clears');
    assert.equal(await p.inputValue('#quick input'), '');
    await p.keyboard.press('Escape');
    assert.equal(await dialogOpen(), false);
    const focusedButton = await p.evaluate(() => document.querySelector('#quick').shadowRoot.activeElement?.getAttribute('aria-haspopup'));
    assert.equal(focusedButton, 'dialog', 'focus goes back to the button that opens the dialog');

    await p.locator('h1').click();
    await p.keyboard.press('/');
    assert.equal(await dialogOpen(), true);
    assert.equal(await p.inputValue('#quick input'), '', '"/" must not be typed into the box');
    await p.keyboard.type('كازاخ');
    await waitResults(p, '#quick', 'كازاخ');
    await p.keyboard.press('ArrowDown');
    await Promise.all([p.waitForURL(/\/index\/pages\/.+\.html(\?[^#]*)?(#p\d+)?$/), p.keyboard.press('Enter')]);

    // "/" typed into an ordinary field of the page stays there.
    await p.goto(embedURL(env));
    await waitDefined(p);
    await p.locator('#inline input').click();
    await p.keyboard.type('a/b');
    assert.equal(await p.inputValue('#inline input'), 'a/b');
    assert.equal(await dialogOpen(), false);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('Arabic page: Arabic words, RTL, Arabic-Indic counts', async () => {
  const p = await env.newPage();
  try {
    await p.goto(embedURL(env, 'embed-ar.html'));
    await waitDefined(p);
    await typeInto(p, '#inline', 'لافروف');
    const st = await widgetState(p, '#inline');
    assert.equal(st.lang, 'ar');
    assert.equal(st.dir, 'rtl');
    assert.equal(st.live, '٣ نتائج');
    assert.equal(st.placeholder, 'ابحث في الموقع…');
    // Attributes override the defaults.
    await p.evaluate(() => {
      const el = document.querySelector('#inline');
      el.setAttribute('placeholder', 'ابحث في الأرشيف');
      el.setAttribute('lang', 'en');
    });
    const st2 = await widgetState(p, '#inline');
    assert.equal(st2.placeholder, 'ابحث في الأرشيف');
    assert.equal(st2.dir, 'ltr');
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('limit, theme and --fahras-* custom properties', async () => {
  const p = await env.newPage();
  try {
    await p.emulateMedia({ colorScheme: 'light' });
    await p.goto(embedURL(env));
    await waitDefined(p);
    await p.evaluate(() => {
      const el = document.querySelector('#inline');
      el.setAttribute('limit', '1');
      el.style.setProperty('--fahras-accent', 'rgb(200, 0, 100)');
    });
    await typeInto(p, '#inline', 'لافروف');
    assert.equal((await options(p, '#inline')).length, 1);
    assert.equal((await widgetState(p, '#inline')).message, '3 results, showing the first 1');
    const look = () => p.evaluate(() => {
      const r = document.querySelector('#inline').shadowRoot;
      return { title: getComputedStyle(r.querySelector('.t')).color, bg: getComputedStyle(r.querySelector('input')).backgroundColor };
    });
    assert.deepEqual(await look(), { title: 'rgb(200, 0, 100)', bg: 'rgb(255, 255, 255)' });
    await p.evaluate(() => document.querySelector('#inline').setAttribute('theme', 'dark'));
    assert.equal((await look()).bg, 'rgb(30, 33, 38)', 'theme="dark" forces the dark palette');
    await p.evaluate(() => document.querySelector('#inline').removeAttribute('theme'));
    await p.emulateMedia({ colorScheme: 'dark' });
    assert.equal((await look()).bg, 'rgb(30, 33, 38)', 'prefers-color-scheme: dark');
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('an index that cannot be loaded: a clear visible message, no uncaught error', async () => {
  const p = await env.newPage({ allowConsoleErrors: [/404/] });
  try {
    await p.route('**/index/**', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await p.goto(embedURL(env));
    await waitDefined(p);
    await p.locator('#inline input').click();
    await p.locator('#inline input').pressSequentially('لافروف');
    await p.waitForFunction(() => document.querySelector('#inline').state === 'error', null, { timeout: 30_000 });
    const st = await widgetState(p, '#inline');
    assert.ok(st.messageVisible);
    assert.match(st.message, /could not be loaded/);
    assert.match(st.live, /could not be loaded/);
    const rejected = await p.evaluate(() => document.querySelector('#inline').search('x').then(() => 'resolved', (e) => e.message));
    assert.match(rejected, /could not be loaded/);
    assert.deepEqual(p.errors.filter((e) => e.startsWith('pageerror')), []);
  } finally {
    await p.close();
  }
});

test('a slow index: the first query fetches only the pieces it needs, then shows results', async () => {
  // The index files come at 16 kB/s each, like a slow network.
  const slow = await setupTwoOrigins({ throttle: 16_000 });
  // Every index file but the article pages and their script.
  const indexBytes = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'pages' ? n : n + indexBytes(p);
    return e.name === 'highlight.js' ? n : n + fs.statSync(p).size;
  }, 0);
  const whole = indexBytes(path.join(distDir, 'index'));
  try {
    for (const [file, count] of [['embed.html', '3 results'], ['embed-ar.html', '٣ نتائج']]) {
      const p = await slow.newPage();
      await p.goto(embedURL(slow, file));
      await waitDefined(p);
      await p.locator('#inline input').click();
      await p.locator('#inline input').pressSequentially('لافروف');
      await waitResults(p, '#inline', 'لافروف');
      const st = await widgetState(p, '#inline');
      assert.equal(st.state, 'ready');
      assert.equal(st.live, count);
      assert.equal((await options(p, '#inline')).length, 3);
      // Through the page API: the root alone on load, part of the index for a query.
      const got = await p.evaluate(async () => {
        const index = new URL(document.querySelector('#inline').getAttribute('index'), document.baseURI);
        const { load } = await import(new URL('../fahras.js', index).href);
        const engine = await load(index.href);
        const onLoad = engine.fetchedBytes;
        const res = await engine.search('لافروف');
        return { onLoad, afterQuery: engine.fetchedBytes, n: res.results.length };
      });
      assert.ok(got.onLoad < 1000, `load() fetched ${got.onLoad} bytes`);
      assert.equal(got.n, 3);
      assert.ok(got.afterQuery < whole, `one query fetched ${got.afterQuery} of ${whole} bytes`);
      assertNoErrors(p);
      await p.close();
    }
  } finally {
    await slow.close();
  }
});

test('offline before the index loaded: says so, and recovers when back online', async () => {
  const p = await env.newPage();
  try {
    await p.goto(embedURL(env));
    await waitDefined(p);
    await env.context.setOffline(true);
    await p.locator('#inline input').click();
    await p.locator('#inline input').pressSequentially('لافروف');
    await p.waitForFunction(() => document.querySelector('#inline').state === 'offline', null, { timeout: 10_000 });
    const st = await widgetState(p, '#inline');
    assert.ok(st.messageVisible);
    assert.match(st.message, /offline/);
    await env.context.setOffline(false);
    await waitResults(p, '#inline', 'لافروف');
    assert.equal((await options(p, '#inline')).length, 3);
    assertNoErrors(p);
  } finally {
    await env.context.setOffline(false);
    await p.close();
  }
});

test('320px wide: nothing overflows, targets are at least 44px', async () => {
  const p = await env.newPage();
  try {
    await p.setViewportSize({ width: 320, height: 640 });
    await p.goto(embedURL(env));
    await waitDefined(p);
    await typeInto(p, '#inline', 'لافروف');
    const m = await p.evaluate(() => {
      const r = document.querySelector('#inline').shadowRoot;
      const h = (e) => e.getBoundingClientRect();
      const pop = h(r.querySelector('.pop'));
      return {
        scrollWidth: document.documentElement.scrollWidth,
        pop: [pop.left, pop.right],
        input: h(r.querySelector('input')).height,
        options: [...r.querySelectorAll('[role=option]')].map((o) => h(o).height),
        button: h(document.querySelector('#quick').shadowRoot.querySelector('button')).height,
      };
    });
    assert.ok(m.scrollWidth <= 320, `page is ${m.scrollWidth}px wide`);
    assert.ok(m.pop[0] >= 0 && m.pop[1] <= 320, `popup at ${m.pop}`);
    for (const h of [m.input, m.button, ...m.options]) assert.ok(h >= 44, `target ${h}px high`);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('strict CSP, engine on another origin: works with zero violations', async () => {
  const e2 = await setupTwoOrigins({
    headers: (engineURL) => {
      const o = new URL(engineURL).origin;
      return [['Content-Security-Policy', `${CSP_BASE.replace("'wasm-unsafe-eval'", `'wasm-unsafe-eval' ${o}`)}; connect-src 'self' ${o}`]];
    },
  });
  try {
    const p = await e2.newPage();
    const resp = await p.goto(embedURL(e2));
    assert.match(resp.headers()['content-security-policy'], /style-src 'self'/);
    await waitDefined(p);
    await typeInto(p, '#inline', 'لافروف');
    assert.equal((await options(p, '#inline')).length, 3);
    await p.keyboard.press('Control+k');
    await p.keyboard.type('شنغهاي');
    await waitResults(p, '#quick', 'شنغهاي');
    // Styles did apply (adoptedStyleSheets are not blocked by style-src).
    const border = await p.evaluate(() => getComputedStyle(document.querySelector('#quick').shadowRoot.querySelector('dialog')).borderRadius);
    assert.notEqual(border, '0px');
    assert.deepEqual(await cspViolations(p), []);
    assertNoErrors(p);
  } finally {
    await e2.close();
  }
});

test('strict CSP, same origin (embed page and the demo page): zero violations', async () => {
  const e2 = await setupTwoOrigins({ headers: [['Content-Security-Policy', CSP_BASE]] });
  try {
    const p = await e2.newPage();
    await p.goto(e2.baseURL + 'embed.html'); // no ?engine=: fahras.js from the page's own folder
    await waitDefined(p);
    await typeInto(p, '#inline', 'كازاخ');
    assert.equal((await options(p, '#inline')).length, 3);
    assert.deepEqual(await cspViolations(p), []);

    await p.goto(e2.baseURL + 'index.html?q=' + encodeURIComponent('لافروف'));
    await p.waitForFunction(() => document.querySelectorAll('li.result').length === 3, null, { timeout: 30_000 });
    assert.deepEqual(await cspViolations(p), []);
    assertNoErrors(p);
  } finally {
    await e2.close();
  }
});
