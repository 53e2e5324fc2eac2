// The demo page as a person uses it: type a query, read the results.
// Runs against the built dist/ (./build.sh); see harness.mjs.
//
//   npm run test:browser

import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertNoErrors } from './harness.mjs';
import { waitReady, waitForView, chips } from './demo-page.mjs';

const LAVROV = ['000_d0036755e13d4217', '001_e69d5b712425b879', '003_5598f450e5c5e9f0'];
const ID = {
  '000': '000_d0036755e13d4217',
  '001': '001_e69d5b712425b879',
  '002': '002_a83956a0184b8b8b',
  '003': '003_5598f450e5c5e9f0',
  '004': '004_7041dd07729f8eff',
};

let env;
let page;

before(async () => {
  env = await setup();
  page = await env.newPage();
  await page.goto(env.baseURL + 'index.html');
  await waitReady(page);
});

after(async () => {
  if (env) await env.close();
});

afterEach(() => {
  if (page) assertNoErrors(page);
});

/** Clear the box, type the query key by key, and wait for its results. */
async function typeQuery(p, query) {
  const box = p.locator('#q');
  await box.click();
  await box.fill('');
  await box.pressSequentially(query, { delay: 15 });
  await waitForResultsOf(p, query);
}

async function waitForResultsOf(p, query) {
  await p.waitForFunction(
    (q) => document.getElementById('results').dataset.query === q,
    query.trim(),
    { timeout: 10_000 },
  );
}

function resultIds(p) {
  return p.$$eval('li.result', (els) => els.map((e) => e.dataset.id));
}

const sorted = (a) => [...a].sort();

test('لافروف finds exactly the three Lavrov articles, with the word marked', async () => {
  await typeQuery(page, 'لافروف');
  assert.deepEqual(sorted(await resultIds(page)), LAVROV);

  const items = await page.$$eval('li.result', (els) =>
    els.map((li) => ({
      id: li.dataset.id,
      title: li.querySelector('a.result-title')?.textContent ?? '',
      href: li.querySelector('a.result-title')?.getAttribute('href') ?? '',
      marks: [...li.querySelectorAll('p.excerpt mark')].map((m) => m.textContent),
    })),
  );
  for (const it of items) {
    assert.ok(it.title.startsWith('لافروف:'), `title of ${it.id} should start with "لافروف:", got ${JSON.stringify(it.title)}`);
    assert.ok(it.href.includes(it.id), `link of ${it.id} should point at its page, got ${it.href}`);
    assert.ok(
      it.marks.some((m) => m.includes('لافروف')),
      `excerpt of ${it.id} should mark لافروف, marks: ${JSON.stringify(it.marks)}`,
    );
  }

  const status = await page.textContent('#status');
  assert.match(status, /٣ نتائج/);
  // The query is kept in the address, so the search can be shared.
  assert.equal(new URL(page.url()).searchParams.get('q'), 'لافروف');
});

test('والصين finds the articles mentioning الصين and no other', async () => {
  await typeQuery(page, 'والصين');
  assert.deepEqual(sorted(await resultIds(page)), [ID['001'], ID['003']]);
});

test('شنغهاي finds the Shanghai articles', async () => {
  await typeQuery(page, 'شنغهاي');
  const ids = await resultIds(page);
  for (const want of [ID['000'], ID['003'], ID['004']]) {
    assert.ok(ids.includes(want), `${want} missing from ${JSON.stringify(ids)}`);
  }
});

test('an unfinished word (كازاخ) already finds the Kazakhstan articles', async () => {
  await typeQuery(page, 'كازاخ');
  assert.deepEqual(sorted(await resultIds(page)), [ID['000'], ID['002'], ID['004']]);
});

test('tashkeel, hamza and alef maqsura do not change the results', async () => {
  const pairs = [
    ['لافروف', 'لافْرُوف'],
    ['الأمن', 'الامن'],
    ['روسي', 'روسى'],
  ];
  for (const [plain, variant] of pairs) {
    await typeQuery(page, plain);
    const a = sorted(await resultIds(page));
    await typeQuery(page, variant);
    const b = sorted(await resultIds(page));
    assert.ok(a.length > 0, `${plain} should find something`);
    assert.deepEqual(b, a, `${variant} should find the same as ${plain}`);
  }
});

test('a query that matches nothing says so', async () => {
  await typeQuery(page, 'زززززز');
  assert.equal(await page.locator('li.result').count(), 0);
  const status = await page.textContent('#status');
  assert.match(status, /لا توجد نتائج/);
  assert.match(status, /زززززز/);
});

test('a word on no page is named, and the rest of the query is offered', async () => {
  // No article is about football; the one "on an equal footing" (على قدم
  // المساواة) is no answer to كرة القدم, but the page says why and offers it.
  await typeQuery(page, 'كرة القدم');
  assert.equal(await page.locator('li.result').count(), 0);
  assert.match(await page.textContent('#status'), /لا ترد «كرة» في أي مقال/);
  const retry = page.locator('#retry');
  assert.ok(await retry.isVisible());
  assert.equal(await retry.textContent(), 'ابحث عن «القدم»');
  await retry.click();
  await waitForResultsOf(page, 'القدم');
  assert.equal(await page.inputValue('#q'), 'القدم');
  assert.deepEqual(await resultIds(page), [ID['004']]);
  assert.ok(!(await retry.isVisible()));
});

test('clearing the box brings back the examples, and an example searches', async () => {
  await typeQuery(page, 'لافروف');
  await page.locator('#q').fill('');
  await page.locator('#q').press('Backspace'); // fire input like a person would
  await page.locator('#empty-state').waitFor({ state: 'visible' });
  assert.equal(await page.locator('li.result').count(), 0);
  assert.equal(new URL(page.url()).searchParams.get('q'), null);

  await page.locator('button.example', { hasText: 'الصين' }).click();
  await waitForResultsOf(page, 'الصين');
  assert.equal(await page.inputValue('#q'), 'الصين');
  assert.deepEqual(sorted(await resultIds(page)), [ID['001'], ID['003']]);
});

test('Enter searches at once', async () => {
  const box = page.locator('#q');
  await box.fill('');
  await box.pressSequentially('شنغهاي');
  await box.press('Enter');
  await waitForResultsOf(page, 'شنغهاي');
  assert.ok((await resultIds(page)).length >= 3);
  assert.ok(page.url().includes('index.html'), 'Enter must not navigate away');
});

test('excerpts hold no HTML besides <mark>', async () => {
  for (const q of ['لافروف', 'الأمن', 'شنغهاي', 'روسيا']) {
    await typeQuery(page, q);
    const htmls = await page.$$eval('p.excerpt', (els) => els.map((e) => e.innerHTML));
    assert.ok(htmls.length > 0, `${q} should have excerpts`);
    for (const html of htmls) {
      const tags = html.match(/<[^>]*>/g) || [];
      for (const tag of tags) {
        assert.match(tag, /^<\/?mark>$/, `unexpected tag ${tag} in excerpt for ${q}`);
      }
    }
    // Titles are text, never markup.
    const titleChildren = await page.$$eval('a.result-title', (els) => els.map((e) => e.children.length));
    assert.ok(titleChildren.every((n) => n === 0));
  }
});

test('?q= in the address shows the results on load', async () => {
  const p = await env.newPage();
  try {
    await p.goto(env.baseURL + 'index.html?q=' + encodeURIComponent('لافروف'));
    await waitReady(p);
    await waitForResultsOf(p, 'لافروف');
    assert.equal(await p.inputValue('#q'), 'لافروف');
    assert.deepEqual(sorted(await resultIds(p)), LAVROV);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the first result opens its article, headed by the same title', async () => {
  const p = await env.newPage();
  try {
    await p.goto(env.baseURL + '?q=' + encodeURIComponent('لافروف'));
    await waitReady(p);
    await waitForResultsOf(p, 'لافروف');
    const first = p.locator('li.result a.result-title').first();
    const title = (await first.textContent()).trim();
    await Promise.all([p.waitForURL(/\/pages\/.+\.html/), first.click()]);
    const h1 = (await p.locator('h1').first().textContent()).trim();
    assert.equal(h1, title);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a newer query wins over an older one typed just before', async () => {
  const box = page.locator('#q');
  await box.fill('');
  // Type one query, then immediately replace it: only the last may show.
  await box.pressSequentially('شنغهاي', { delay: 0 });
  await box.fill('');
  await box.pressSequentially('كازاخ', { delay: 0 });
  await waitForResultsOf(page, 'كازاخ');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.getElementById('results').dataset.query), 'كازاخ');
  assert.deepEqual(sorted(await resultIds(page)), [ID['000'], ID['002'], ID['004']]);
});

test('an index that cannot be loaded gives a clear message, not a dead page', async () => {
  const p = await env.newPage({ allowConsoleErrors: [/.*/] });
  try {
    // Every file of the index answers 404.
    await p.route('**/index/**', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await p.goto(env.baseURL + 'index.html?q=' + encodeURIComponent('لافروف'));
    await p.waitForFunction(() => document.body.classList.contains('load-failed'), null, { timeout: 30_000 });
    const status = p.locator('#status');
    assert.match(await status.getAttribute('class'), /status-error/);
    assert.match(await status.textContent(), /تعذّر تحميل/);
    assert.equal(await p.locator('li.result').count(), 0);
    const pageErrors = p.errors.filter((e) => e.startsWith('pageerror'));
    assert.deepEqual(pageErrors, [], 'a failed load must not throw uncaught errors');
  } finally {
    await p.close();
  }
});

test('facet chips narrow the results, keep their state in the URL, and Back undoes them', async () => {
  const p = await env.newPage();
  try {
    await p.goto(env.baseURL + 'index.html');
    await waitReady(p);
    await typeQuery(p, 'لافروف');
    // Lavrov: 000 (2022) and 003 (2024) are dated; counts in Arabic-Indic digits.
    assert.deepEqual(await chips(p, 'year'), [
      { value: '2022', count: '١', checked: false },
      { value: '2024', count: '١', checked: false },
    ]);
    assert.ok((await chips(p, 'source')).some((c) => c.value === 'بوابة الوفد'));

    await p.locator('fieldset[data-facet="year"] label.chip', { hasText: '2024' }).click();
    await waitForView(p);
    assert.deepEqual(await resultIds(p), [ID['003']]);
    assert.equal(new URL(p.url()).searchParams.get('year'), '2024');
    // The year's own counts ignore its selection: 2022 can still be added.
    assert.deepEqual((await chips(p, 'year')).map((c) => [c.value, c.checked]), [['2022', false], ['2024', true]]);

    // Newest first: the two dated articles, then the undated one.
    await p.goBack();
    await waitForView(p);
    assert.deepEqual(sorted(await resultIds(p)), LAVROV);
    assert.equal(new URL(p.url()).searchParams.get('year'), null);
    await p.selectOption('#sort', 'newest');
    await waitForView(p);
    assert.deepEqual(await resultIds(p), [ID['003'], ID['000'], ID['001']]);
    assert.equal(new URL(p.url()).searchParams.get('sort'), 'newest');
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a shared link opens the same filtered search; filters alone list articles', async () => {
  const p = await env.newPage();
  try {
    await p.goto(env.baseURL + 'index.html?q=' + encodeURIComponent('لافروف') + '&year=2022');
    await waitReady(p);
    await waitForView(p);
    assert.deepEqual(await resultIds(p), [ID['000']]);
    assert.equal(await p.inputValue('#q'), 'لافروف');
    assert.ok((await chips(p, 'year')).find((c) => c.value === '2022').checked);

    // No words: every article of 2021.
    await p.goto(env.baseURL + 'index.html?year=2021');
    await waitReady(p);
    await waitForView(p);
    assert.deepEqual(await resultIds(p), [ID['002']]);
    // A filter that matches nothing says so and suggests removing it.
    await p.goto(env.baseURL + 'index.html?q=' + encodeURIComponent('لافروف') + '&year=2021');
    await waitReady(p);
    await waitForView(p);
    assert.deepEqual(await resultIds(p), []);
    assert.match(await p.textContent('#status'), /التصفية/);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('opening a result highlights the matched words on the article, at the best paragraph', async () => {
  const p = await env.newPage();
  try {
    await p.goto(env.baseURL + 'index.html');
    await waitReady(p);
    await typeQuery(p, 'والصين');
    const href = await p.getAttribute('li.result a.result-title', 'href');
    const link = new URL(href, env.baseURL);
    assert.ok(link.searchParams.get('fahras-highlight').includes('صين'), href);
    assert.match(link.hash, /^#p\d+$/);
    await Promise.all([p.waitForURL(/\/index\/pages\/.+\.html/), p.click('li.result a.result-title')]);
    await p.waitForFunction(() => document.documentElement.dataset.fahrasMarks !== undefined);
    const marks = await p.$$eval('article mark', (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.length > 0 && marks.every((m) => m.includes('صين')), JSON.stringify(marks));
    // The anchored paragraph holds a marked word and is on screen.
    const seen = await p.evaluate(() => {
      const t = document.querySelector(':target');
      const r = t?.getBoundingClientRect();
      return { hasMark: !!t?.querySelector('mark'), inView: !!r && r.top < innerHeight && r.bottom > 0 };
    });
    assert.deepEqual(seen, { hasMark: true, inView: true });
    // Marks are elements made by the script, never markup from the URL.
    await p.goto(link.origin + link.pathname + '?fahras-highlight=' + encodeURIComponent('<img src=x onerror=alert(1)> الصين'));
    await p.waitForFunction(() => document.documentElement.dataset.fahrasMarks !== undefined);
    assert.equal(await p.$$eval('article img', (e) => e.length), 0);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('operators typed into the page: phrase, exclusion, OR, title:, source:', async () => {
  const cases = [
    ['"الأمن الأوراسي"', ['003']],
    ['«للأمن الأوراسي»', ['003']],
    ['لافروف -بكين', ['000', '001']],
    ['بكين OR كشمير', ['001', '003']],
    ['بكين أو باكستان', ['001', '003']],
    ['title:الصين', ['003']],
    ['لافروف source:الوفد', ['003']],
  ];
  for (const [query, want] of cases) {
    await typeQuery(page, query);
    assert.deepEqual(sorted(await resultIds(page)), want.map((k) => ID[k]), query);
  }
});

test('a slow index: the page says how much of it has arrived, then searches', async () => {
  const slow = await setup({ throttle: 16_000 });
  const p = await slow.newPage();
  try {
    await p.goto(slow.baseURL + 'index.html?q=' + encodeURIComponent('لافروف'));
    // Arabic-Indic percentages while the ~64 kB index streams in.
    await p.waitForFunction(() => /جارٍ تحميل الفهرس… [٠-٩]+٪/.test(document.getElementById('status').textContent), null, { timeout: 20_000 });
    await waitReady(p);
    await waitForResultsOf(p, 'لافروف');
    assert.deepEqual(sorted(await resultIds(p)), LAVROV);
    assertNoErrors(p);
  } finally {
    await p.close();
    await slow.close();
  }
});
