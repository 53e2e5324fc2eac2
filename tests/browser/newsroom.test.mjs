// The demo page over a newsroom of 1,200 generated articles (four outlets,
// five years, a site-declared section): filters, facet counts, sorting and
// the URL state hold at a size where they matter, as the data says.
// Run ./build.sh first (it builds dist/ and the CLI).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, assertNoErrors } from './harness.mjs';
import { tempSites, write } from './sites.mjs';
import { waitReady, waitForView, chips } from './demo-page.mjs';

const N = 1200;
const SOURCES = ['وكالة سبوتنيك', 'بوابة الوفد', 'وكالة تسنيم للأنباء', 'RT Arabic'];
const SECTIONS = ['سياسة', 'اقتصاد', 'رياضة'];
const AR = new Intl.NumberFormat('ar-u-nu-arab');

/** Article i: its outlet, date and section; every tenth is about the SCO. */
function article(i) {
  return {
    source: SOURCES[Math.floor(i / 10) % 4],
    date: `${2020 + (Math.floor(i / 3) % 5)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    section: SECTIONS[Math.floor(i / 7) % 3],
    sco: i % 10 === 0,
  };
}

let sites, env, root;

before(async () => {
  sites = tempSites('fahras-newsroom-');
  const corpus = path.join(sites.tmp, 'news');
  for (let i = 0; i < N; i++) {
    const a = article(i);
    const text = a.sco ? 'اجتمع وزراء منظمة شنغهاي للتعاون في العاصمة' : 'ناقش المسؤولون أسعار الطاقة والتجارة في المنطقة';
    write(path.join(corpus, `n${String(i).padStart(4, '0')}.md`),
      `---\ntitle: خبر رقم ${i}\ndate: ${a.date}\nsource: ${a.source}\nfilter_section: ${a.section}\n---\n${text}. وقال المتحدث إن الاجتماع رقم ${i} كان مثمرا.\n`);
  }
  sites.scenario('news', corpus);
  env = await setup({ dir: sites.site });
  root = env.baseURL + 'news/index.html';
});

after(async () => {
  if (env) await env.close();
  sites?.remove();
});

async function openView(p, search) {
  await p.goto(root + search);
  await waitReady(p);
  await waitForView(p);
}

const chipCounts = async (p, facet) => Object.fromEntries((await chips(p, facet)).map((c) => [c.value, c.count]));

test('1,200 articles: counts, newest first, a chip narrows, Back restores, the article is highlighted', async () => {
  const p = await env.newPage();
  try {
    const sco = Array.from({ length: N }, (_, i) => article(i)).filter((a) => a.sco);
    await openView(p, '?q=' + encodeURIComponent('شنغهاي') + '&sort=newest');
    assert.match(await p.textContent('#status'), new RegExp(AR.format(sco.length)));

    // Each outlet's chip shows how many of the SCO articles it has.
    const want = Object.fromEntries(SOURCES.map((s) => [s, AR.format(sco.filter((a) => a.source === s).length)]));
    assert.deepEqual(await chipCounts(p, 'source'), want);

    // Newest first: the first result has the latest date of them all.
    const newest = sco.map((a) => a.date).sort().at(-1);
    assert.equal(await p.getAttribute('li.result time', 'datetime'), newest);
    const dates = await p.$$eval('li.result time', (ts) => ts.map((t) => t.dateTime));
    assert.deepEqual(dates, [...dates].sort().reverse());

    // One outlet: every result is from it; the URL says so.
    await p.locator('fieldset[data-facet="source"] label.chip', { hasText: 'بوابة الوفد' }).click();
    await waitForView(p);
    assert.deepEqual(new URL(p.url()).searchParams.getAll('source'), ['بوابة الوفد']);
    const sources = await p.$$eval('li.result .result-source', (s) => [...new Set(s.map((e) => e.textContent))]);
    assert.deepEqual(sources, ['بوابة الوفد']);
    assert.match(await p.textContent('#status'), new RegExp(want['بوابة الوفد']));

    await p.goBack();
    await waitForView(p);
    assert.equal(new URL(p.url()).searchParams.get('source'), null);
    assert.ok((await p.$$eval('fieldset[data-facet="source"] input', (b) => b.every((x) => !x.checked))));

    // The article a result opens has the matched word marked.
    await Promise.all([p.waitForURL(/\/pages\/n\d+\.html/), p.click('li.result a.result-title')]);
    await p.waitForFunction(() => document.documentElement.dataset.fahrasMarks !== undefined);
    assert.deepEqual(await p.$$eval('article mark', (ms) => [...new Set(ms.map((m) => m.textContent))]), ['شنغهاي']);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});
