// Helpers for the <fahras-search> tests (widget, a11y): a second static
// server for the "engine" origin, and ways to drive the widget.

import { startServer } from '../../tools/serve.mjs';
import { setup, distDir } from './harness.mjs';

export const CSP_BASE = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/**
 * Two origins serving dist/: the host page from env.baseURL (the harness's
 * server, with `headers`) and the engine (fahras.js, wasm, index) from
 * env.engineURL, which sends Access-Control-Allow-Origin: *.
 * `headers` may be a function of the engine URL (to name it in a CSP).
 * `throttle` (bytes per second) slows down the engine's index files.
 */
export async function setupTwoOrigins({ headers = [], viewport, throttle = 0 } = {}) {
  const engine = await startServer({
    dir: distDir, port: 0, host: '127.0.0.1', headers: ['Access-Control-Allow-Origin: *'], throttle, throttlePaths: /\/index\//,
  });
  const engineURL = `http://127.0.0.1:${engine.address().port}/`;
  let env;
  try {
    env = await setup({ headers: typeof headers === 'function' ? headers(engineURL) : headers, viewport });
  } catch (err) {
    engine.close();
    throw err;
  }
  // The harness blocks every other origin; let the engine's through.
  await env.context.route(engineURL + '**', (route) => route.continue());
  await recordWidgetEvents(env.context);
  const close = env.close;
  env.engineURL = engineURL;
  env.close = async () => {
    await close();
    engine.closeAllConnections?.();
    await new Promise((r) => engine.close(r));
  };
  return env;
}

/**
 * In every page of `context`, from the first script on: widget events in
 * window.__events ({type, detail, target: element id}), CSP violations in
 * window.__csp.
 */
export async function recordWidgetEvents(context) {
  await context.addInitScript(() => {
    window.__events = [];
    window.__csp = [];
    for (const type of ['fahras:results', 'fahras:select']) {
      document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail, target: e.target.id }));
    }
    document.addEventListener('securitypolicyviolation',
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
}

/** URL of a host page (embed.html, embed-ar.html) that takes its engine from env.engineURL. */
export function embedURL(env, page = 'embed.html', extra = '') {
  return `${env.baseURL}${page}?engine=${encodeURIComponent(env.engineURL)}${extra}`;
}

/** Wait until the custom element is defined. */
export async function waitDefined(page) {
  await page.waitForFunction(() => !!customElements.get('fahras-search'), null, { timeout: 30_000 });
}

/** Type q into the widget `sel` key by key and wait for its results event. */
export async function typeInto(page, sel, q) {
  const input = page.locator(`${sel} input`);
  await input.click();
  await input.fill('');
  const seen = await page.evaluate(() => window.__events.length);
  await input.pressSequentially(q, { delay: 10 });
  await waitResults(page, sel, q, seen);
  return input;
}

/** Wait for a fahras:results event for q from widget `sel` (after the first `since` events). */
export async function waitResults(page, sel, q, since = 0) {
  await page.waitForFunction(
    ([s, want, n]) => {
      const last = window.__events.slice(n).filter((e) => e.type === 'fahras:results' && e.target === s.slice(1)).at(-1);
      return last && last.detail.query === want;
    },
    [sel, q, since],
    { timeout: 30_000 },
  );
}

/** The options on show in widget `sel`: [{id, title, selected, marks}]. */
export function options(page, sel) {
  return page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('[role=option]')].map((o) => ({
    id: o.id,
    title: o.querySelector('.t').textContent,
    selected: o.getAttribute('aria-selected'),
    excerptHTML: o.querySelector('.x')?.innerHTML ?? '',
  })), sel);
}

/** Attributes of the combobox input and the text of the message/live region. */
export function widgetState(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    const r = el.shadowRoot;
    const input = r.querySelector('input');
    const a = (n) => input.getAttribute(n);
    return {
      state: el.state,
      role: a('role'),
      expanded: a('aria-expanded'),
      controls: a('aria-controls'),
      activedescendant: a('aria-activedescendant'),
      listboxRole: r.getElementById(a('aria-controls'))?.getAttribute('role'),
      live: r.querySelector('[role=status]').textContent,
      message: r.querySelector('.msg').textContent,
      messageVisible: !!r.querySelector('.msg').offsetParent,
      dir: r.querySelector('.root').dir,
      lang: r.querySelector('.root').lang,
      placeholder: input.placeholder,
      focused: r.activeElement === input,
    };
  }, sel);
}

export function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}
