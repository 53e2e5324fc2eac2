// Accessibility: axe-core finds no violations on the demo page and on the
// embed pages with results open (light and dark), and the widget works with
// the keyboard alone.
//
//   npm run test:browser   (after ./build.sh)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { assertNoErrors } from './harness.mjs';
import { setupTwoOrigins, embedURL, waitDefined, typeInto, waitResults } from './widget-harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let env;

before(async () => {
  env = await setupTwoOrigins();
});

after(async () => {
  if (env) await env.close();
});

/** Run axe on the whole page (it looks into open shadow roots); return readable violations. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.map((n) => n.target.join(' > ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join('\n      ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`demo page with results open has no axe violations (${scheme})`, async () => {
    const p = await env.newPage();
    try {
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto(env.baseURL + 'index.html?q=' + encodeURIComponent('لافروف'));
      await p.waitForFunction(() => document.querySelectorAll('li.result').length === 3, null, { timeout: 30_000 });
      assert.deepEqual(await axe(p), []);
      // The empty state (examples) too.
      await p.goto(env.baseURL + 'index.html');
      await p.locator('#empty-state').waitFor({ state: 'visible', timeout: 30_000 });
      assert.deepEqual(await axe(p), []);
      assertNoErrors(p);
    } finally {
      await p.close();
    }
  });

  test(`embed page (English, cross-origin widget) with results open has no axe violations (${scheme})`, async () => {
    const p = await env.newPage();
    try {
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto(embedURL(env));
      await waitDefined(p);
      const input = await typeInto(p, '#inline', 'لافروف');
      await input.press('ArrowDown'); // an active option, as a keyboard user sees it
      assert.deepEqual(await axe(p), []);
      await typeInto(p, '#inline', 'زززززز'); // the no-results state
      assert.deepEqual(await axe(p), []);
      assertNoErrors(p);
    } finally {
      await p.close();
    }
  });

  test(`embed page (Arabic) with the search dialog open has no axe violations (${scheme})`, async () => {
    const p = await env.newPage();
    try {
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto(embedURL(env, 'embed-ar.html'));
      await waitDefined(p);
      await p.locator('#quick button.open').click();
      await p.keyboard.type('شنغهاي');
      await waitResults(p, '#quick', 'شنغهاي');
      await p.keyboard.press('ArrowDown');
      assert.deepEqual(await axe(p), []);
      assertNoErrors(p);
    } finally {
      await p.close();
    }
  });
}

test('keyboard only: Tab into the box, type, ArrowDown, Enter opens the article', async () => {
  const p = await env.newPage();
  try {
    await p.goto(embedURL(env));
    await waitDefined(p);
    // Where focus is, looking into shadow roots.
    const focused = () => p.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      const host = a?.getRootNode()?.host;
      return { tag: a?.tagName, role: a?.getAttribute('role'), host: host?.id ?? null, outline: a ? getComputedStyle(a).outlineStyle : '' };
    });
    let f;
    for (let i = 0; i < 10; i++) {
      await p.keyboard.press('Tab');
      f = await focused();
      assert.notEqual(f.outline, 'none', `focused ${f.tag} (${f.host}) must show where focus is`);
      if (f.host === 'inline' && f.role === 'combobox') break;
    }
    assert.equal(f.host, 'inline', 'Tab reaches the search box');
    await p.keyboard.type('لافروف', { delay: 10 });
    await waitResults(p, '#inline', 'لافروف');
    await p.keyboard.press('ArrowDown');
    const title = await p.evaluate(() => document.querySelector('#inline').shadowRoot.querySelector('[aria-selected=true] .t').textContent);
    assert.equal((await focused()).role, 'combobox', 'focus stays in the box while moving through results');
    await Promise.all([p.waitForURL(/\/index\/pages\/.+\.html(\?[^#]*)?(#p\d+)?$/), p.keyboard.press('Enter')]);
    assert.equal((await p.locator('h1').first().textContent()).trim(), title);
    assertNoErrors(p);
  } finally {
    await p.close();
  }
});
