// Helpers for tests of the demo page (www/index.html + app.js), shared by
// demo.test.mjs and newsroom.test.mjs.

/** Wait until the index has loaded (or failed, which then fails the test). */
export async function waitReady(p) {
  await p.waitForFunction(
    () => document.body.classList.contains('is-ready') || document.body.classList.contains('load-failed'),
    null,
    { timeout: 30_000 },
  );
  const failed = await p.evaluate(() => document.body.classList.contains('load-failed'));
  if (failed) {
    throw new Error('the page could not load the index: ' + (await p.textContent('#status')));
  }
}

/** Wait until the list shows the search of the page's current URL. */
export async function waitForView(p) {
  await p.waitForFunction(
    () => document.getElementById('results').dataset.view === location.search,
    null,
    { timeout: 10_000 },
  );
}

/** The chips of one facet: value, count as shown, ticked or not. */
export function chips(p, facet) {
  return p.$$eval(`fieldset[data-facet="${facet}"] label.chip`, (els) =>
    els.map((l) => ({
      value: l.querySelector('bdi').textContent,
      count: l.querySelector('.count').textContent,
      checked: l.querySelector('input').checked,
    })));
}
