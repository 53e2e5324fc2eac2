// Shared setup for the headless-browser tests: a static server on a random
// port serving dist/, and Debian's Chromium driven by playwright-core.
//
// Environment:
//   FAHRAS_DIST      folder to serve (default: <repo>/dist)
//   CHROMIUM_PATH    browser executable (default: /usr/bin/chromium)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const distDir = path.resolve(process.env.FAHRAS_DIST || path.join(repoRoot, 'dist'));
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags for Debian's Chromium here (also used by bench/perf). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a readable error if dist/ or the browser is missing. */
export function checkPrerequisites() {
  const need = ['index.html', 'app.js', 'fahras.js', 'index'];
  const missing = need.filter((f) => !fs.existsSync(path.join(distDir, f)));
  if (missing.length) {
    throw new Error(
      `${distDir} lacks ${missing.join(', ')}: run ./build.sh first ` +
        '(or point FAHRAS_DIST at a built folder)',
    );
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`no browser at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
}

/**
 * Start the server and the browser.
 * Returns { baseURL, server, context, userDataDir, newPage, close }.
 *
 * newPage() gives a page whose console errors and uncaught exceptions are
 * collected in page.errors (an array of strings); call assertNoErrors(page)
 * at the end of a test.
 */
export async function setup({ headers = [], viewport = { width: 1280, height: 800 }, dir = distDir, throttle = 0 } = {}) {
  checkPrerequisites();
  // throttle: bytes per second for the index files, like a slow network.
  const server = await startServer({ dir, port: 0, host: '127.0.0.1', headers, throttle, throttlePaths: /\/index\// });
  const { port } = server.address();
  const baseURL = `http://127.0.0.1:${port}/`;

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-chromium-'));
  let context;
  try {
    // --user-data-dir cannot go in `args` for launch(); a persistent context
    // gives a fresh profile in our own temp folder instead.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      locale: 'ar',
      timeout: 60_000,
    });
  } catch (err) {
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  // Nothing may leave the machine: fail any request not aimed at our server.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseURL) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    return route.abort('blockedbyclient');
  });

  async function newPage({ allowConsoleErrors = [] } = {}) {
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (allowConsoleErrors.some((re) => re.test(text))) return;
      page.errors.push(`console.error: ${text}`);
    });
    page.on('requestfailed', (req) => {
      const failure = req.failure();
      // Navigating away aborts in-flight requests; that is not an error.
      if (failure && /ERR_ABORTED/.test(failure.errorText)) return;
      page.errors.push(`request failed: ${req.url()} (${failure && failure.errorText})`);
    });
    return page;
  }

  async function close() {
    await context.close().catch(() => {});
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections?.();
    await closed;
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }

  return { baseURL, server, context, userDataDir, newPage, close };
}

/** Throw if the page logged a console error or had an uncaught exception. */
export function assertNoErrors(page) {
  if (page.errors.length) {
    throw new Error('errors on the page:\n  ' + page.errors.join('\n  '));
  }
}
