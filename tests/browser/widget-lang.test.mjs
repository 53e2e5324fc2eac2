// The widget's language and direction on a page that states none: they come
// from the index (index.fhr records the corpus language), read before the
// rest of the index is downloaded. The element's and the page's lang still
// win. Sites: copies of dist/ (sites.mjs) with an Arabic and an English index,
// each with plain.html, the embed page without lang/dir.
//
//   node --test tests/browser/widget-lang.test.mjs   (after ./build.sh)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, assertNoErrors, repoRoot } from './harness.mjs';
import { tempSites, write } from './sites.mjs';
import { recordWidgetEvents, waitDefined, typeInto, options, widgetState } from './widget-harness.mjs';

let sites;
let env;

before(async () => {
  sites = tempSites('fahras-widget-lang-');
  const english = path.join(sites.tmp, 'english');
  write(path.join(english, 'garden.txt'), 'Garden notes\n\nTomatoes need full sun and regular watering in the garden.\n');
  write(path.join(english, 'kitchen.md'), '# Kitchen recipes\n\nFresh herbs from the garden make a good soup.\n');
  write(path.join(english, 'travel.txt'), 'Travel diary\n\nA week in Lisbon by the sea, with a day in Sintra.\n');
  for (const [name, corpus] of [['ar', path.join(repoRoot, 'corpus')], ['en', english]]) {
    const dir = sites.scenario(name, corpus);
    const embed = fs.readFileSync(path.join(dir, 'embed.html'), 'utf8');
    const plain = embed.replace(/<html[^>]*>/, '<html>');
    assert.notEqual(plain, embed);
    write(path.join(dir, 'plain.html'), plain);
  }
  env = await setup({ dir: sites.site });
  await recordWidgetEvents(env.context);
});

after(async () => {
  if (env) await env.close();
  sites?.remove();
});

/** Open a page, recording the index files it requests in page.fetched. */
async function open(url) {
  const page = await env.newPage();
  page.fetched = [];
  page.on('request', (r) => {
    const m = /\/index\/([^/?]+)$/.exec(r.url());
    if (m) page.fetched.push(m[1]);
  });
  await page.goto(env.baseURL + url);
  await waitDefined(page);
  return page;
}

const ui = (page, sel) => page.evaluate((s) => {
  const r = document.querySelector(s).shadowRoot;
  return { lang: r.querySelector('.root').lang, dir: r.querySelector('.root').dir, button: r.querySelector('button')?.textContent ?? null };
}, sel);

test('page without lang, English index: English words, left to right, before the index loads', async () => {
  const page = await open('en/plain.html');
  await page.waitForFunction(() => document.querySelector('#inline').shadowRoot.querySelector('.root').lang === 'en', null, { timeout: 15_000 });
  const st = await widgetState(page, '#inline');
  assert.equal(st.dir, 'ltr');
  assert.equal(st.placeholder, 'Search this site…');
  assert.equal(st.state, 'idle', 'only the root was read, the index is not loaded yet');
  assert.deepEqual((await ui(page, '#quick')), { lang: 'en', dir: 'ltr', button: 'Search/' });
  assert.deepEqual(page.fetched, ['index.fhr'], 'one root download for both boxes, nothing else before use');

  await typeInto(page, '#inline', 'garden');
  const after = await widgetState(page, '#inline');
  assert.equal(after.live, '2 results');
  assert.equal(after.dir, 'ltr');
  assert.deepEqual((await options(page, '#inline')).map((o) => o.title).sort(), ['Garden notes', 'Kitchen recipes']);
  assert.equal(page.fetched.filter((f) => f === 'index.fhr').length, 1, 'load() reused the root it had read');

  // Attributes override the index.
  await page.evaluate(() => document.querySelector('#inline').setAttribute('lang', 'ar'));
  let o = await widgetState(page, '#inline');
  assert.deepEqual([o.lang, o.dir, o.placeholder], ['ar', 'rtl', 'ابحث في الموقع…']);
  await page.evaluate(() => document.querySelector('#inline').setAttribute('dir', 'ltr'));
  assert.equal((await widgetState(page, '#inline')).dir, 'ltr');
  await page.evaluate(() => {
    const el = document.querySelector('#inline');
    el.removeAttribute('lang');
    el.removeAttribute('dir');
  });
  o = await widgetState(page, '#inline');
  assert.deepEqual([o.lang, o.dir], ['en', 'ltr']);

  // load() tells the language too.
  assert.equal(await page.evaluate(async () => (await (await import('./fahras.js')).load('./index/')).lang), 'en');
  assertNoErrors(page);
  await page.close();
});

test('page without lang, Arabic index: Arabic words, right to left', async () => {
  const page = await open('ar/plain.html');
  await typeInto(page, '#inline', 'لافروف');
  assert.equal(page.fetched.filter((f) => f === 'index.fhr').length, 1);
  const st = await widgetState(page, '#inline');
  assert.deepEqual([st.lang, st.dir, st.placeholder, st.live], ['ar', 'rtl', 'ابحث في الموقع…', '٣ نتائج']);
  assert.deepEqual(await ui(page, '#quick'), { lang: 'ar', dir: 'rtl', button: 'بحث/' });
  assert.equal(await page.evaluate(async () => (await (await import('./fahras.js')).load('./index/')).lang), 'ar');
  assertNoErrors(page);
  await page.close();
});

test('the page\'s lang still wins over the index, and then the root is not read early', async () => {
  // An Arabic page over the English index.
  const page = await open('en/embed-ar.html');
  await page.waitForTimeout(300);
  assert.deepEqual(page.fetched, [], 'no early download when the page states its language');
  const st = await widgetState(page, '#inline');
  assert.deepEqual([st.lang, st.dir, st.placeholder], ['ar', 'rtl', 'ابحث في الموقع…']);
  await typeInto(page, '#inline', 'garden');
  assert.equal((await widgetState(page, '#inline')).live, 'نتيجتان');
  // Each result still takes the direction of its own title.
  assert.equal(await page.evaluate(() => document.querySelector('#inline').shadowRoot.querySelector('[role=option]').dir), 'ltr');
  assertNoErrors(page);
  await page.close();
});

test('a malformed lang attribute does not break the widget', async () => {
  const page = await open('en/embed.html');
  await page.evaluate(() => document.querySelector('#inline').setAttribute('lang', 'en_US'));
  await typeInto(page, '#inline', 'garden');
  assert.equal((await widgetState(page, '#inline')).live, '2 results');
  assertNoErrors(page);
  await page.close();
});
