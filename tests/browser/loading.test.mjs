// Loading on demand, as a visitor's browser sees it: load() reads only the
// root, and a query fetches the pieces it needs once.
// Runs against the built dist/ (./build.sh); see harness.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertNoErrors } from './harness.mjs';

let env;

before(async () => {
  env = await setup();
});

after(async () => {
  if (env) await env.close();
});

async function openPage() {
  const page = await env.newPage();
  await page.goto(env.baseURL + 'index.html');
  return page;
}

test('load() fetches the root only; a query fetches pieces once and reuses them', async () => {
  const page = await openPage();
  const fresh = await page.evaluate(async () => {
    const { load } = await import('./fahras.js');
    const engine = await load('./index/?fresh');
    const onLoad = engine.fetchedBytes;
    const a = await engine.search('لافروف');
    const afterFirst = engine.fetchedBytes;
    const b = await engine.search('لافروف');
    return { onLoad, afterFirst, afterSecond: engine.fetchedBytes, a: a.total, b: b.total };
  });
  assert.ok(fresh.onLoad < 1000, `load() read ${fresh.onLoad} bytes`);
  assert.equal(fresh.a, 3);
  assert.equal(fresh.b, 3);
  assert.ok(fresh.afterFirst > fresh.onLoad);
  assert.equal(fresh.afterSecond, fresh.afterFirst, 'the same query again fetches nothing');
  assertNoErrors(page);
  await page.close();
});
