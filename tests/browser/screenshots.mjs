#!/usr/bin/env node
// Screenshots of <fahras-search> for docs/screenshots/ (not a test: run it by
// hand after ./build.sh, then look at every picture):
//
//   node tests/browser/screenshots.mjs [outdir]
//
// Desktop 1280×800 and phone 360×740, Arabic and English host pages, light
// and dark; plus the modal mode. The widget comes from a second origin.
// With pngquant installed (apt-get install pngquant) the PNGs are ~3x smaller.

import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './harness.mjs';
import { setupTwoOrigins, embedURL, waitDefined, typeInto, waitResults } from './widget-harness.mjs';

const out = path.resolve(process.argv[2] || path.join(repoRoot, 'docs', 'screenshots'));
fs.mkdirSync(out, { recursive: true });

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };
const PAGES = { en: ['embed.html', 'لافروف'], ar: ['embed-ar.html', 'شنغهاي'] };

const env = await setupTwoOrigins();
try {
  const shots = [];
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const [lang, [file, q]] of Object.entries(PAGES)) {
      for (const scheme of ['light', 'dark']) shots.push({ size, viewport, lang, file, q, scheme, mode: 'inline' });
    }
  }
  shots.push({ size: 'desktop', viewport: SIZES.desktop, lang: 'ar', file: 'embed-ar.html', q: 'لافروف', scheme: 'light', mode: 'modal' });
  shots.push({ size: 'phone', viewport: SIZES.phone, lang: 'en', file: 'embed.html', q: 'كازاخ', scheme: 'dark', mode: 'modal' });

  for (const s of shots) {
    const page = await env.newPage();
    await page.setViewportSize(s.viewport);
    await page.emulateMedia({ colorScheme: s.scheme });
    await page.goto(embedURL(env, s.file));
    await waitDefined(page);
    if (s.mode === 'modal') {
      await page.locator('#quick button.open').click();
      await page.keyboard.type(s.q);
      await waitResults(page, '#quick', s.q);
    } else {
      // Put the box near the top so the open list fits on screen.
      await page.evaluate(() => {
        const top = document.querySelector('#inline').getBoundingClientRect().top + scrollY;
        scrollTo(0, top - (innerWidth < 500 ? 70 : 150));
      });
      const input = await typeInto(page, '#inline', s.q);
      await page.evaluate(() => document.activeElement.blur?.()); // no text caret in the picture
      await input.focus();
      await input.press('ArrowDown');
    }
    await page.waitForTimeout(150);
    const name = `widget-${s.size}-${s.lang}-${s.scheme}${s.mode === 'modal' ? '-modal' : ''}.png`;
    const file = path.join(out, name);
    await page.screenshot({ path: file, caret: 'hide' });
    // Keep the pictures small: 256-colour palettes, if pngquant is installed.
    spawnSync('pngquant', ['--quality=70-95', '--speed', '1', '--force', '--skip-if-larger', '--output', file, file]);
    console.log(`${name}  ${fs.statSync(file).size} bytes`);
    await page.close();
  }
} finally {
  await env.close();
}
