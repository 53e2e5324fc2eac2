// tools/serve.mjs: MIME types, index.html for folders, 404, no traversal,
// extra headers. No browser needed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer } from '../../tools/serve.mjs';

let root;
let outside;
let server;
let port;

before(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fahras-serve-'));
  root = path.join(base, 'site');
  outside = path.join(base, 'secret.txt');
  fs.mkdirSync(path.join(root, 'index', 'pages'), { recursive: true });
  fs.mkdirSync(path.join(root, 'sub'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>top</title>');
  fs.writeFileSync(path.join(root, 'sub', 'index.html'), '<!doctype html><title>sub</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'm.mjs'), 'export {};');
  fs.writeFileSync(path.join(root, 'style.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'core_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'x.json'), '{}');
  fs.writeFileSync(path.join(root, 'index', 'terms.fst'), Buffer.from([1, 2, 3]));
  fs.writeFileSync(path.join(root, 'index', 'docs.fhr'), Buffer.from([4, 5]));
  fs.writeFileSync(path.join(root, 'index', 'pages', 'ا.html'), '<h1>عربي</h1>');
  fs.writeFileSync(outside, 'do not serve');
  server = await startServer({
    dir: root,
    port: 0,
    headers: ['X-Fahras-Test: 1', ['Access-Control-Allow-Origin', '*']],
  });
  port = server.address().port;
});

after(async () => {
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
});

/** Raw GET (no URL normalisation by the client). */
function get(rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('MIME types', async () => {
  const cases = {
    '/index.html': 'text/html',
    '/app.js': 'text/javascript',
    '/m.mjs': 'text/javascript',
    '/style.css': 'text/css',
    '/core_bg.wasm': 'application/wasm',
    '/x.json': 'application/json',
    '/index/terms.fst': 'application/octet-stream',
    '/index/docs.fhr': 'application/octet-stream',
  };
  for (const [p, type] of Object.entries(cases)) {
    const res = await get(p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers['content-type'].split(';')[0], type, p);
    assert.equal(res.headers['cache-control'], 'no-cache', p);
  }
});

test('folders serve index.html; a folder without a slash is redirected', async () => {
  assert.match((await get('/')).body, /top/);
  assert.match((await get('/sub/')).body, /sub/);
  const r = await get('/sub?q=1');
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, '/sub/?q=1');
});

test('percent-encoded Arabic file names work', async () => {
  const r = await get('/index/pages/' + encodeURIComponent('ا') + '.html');
  assert.equal(r.status, 200);
  assert.match(r.body, /عربي/);
});

test('missing files are 404', async () => {
  assert.equal((await get('/nope.js')).status, 404);
  assert.equal((await get('/index/nope/')).status, 404);
});

test('no path escapes the served folder', async () => {
  for (const p of [
    '/../secret.txt',
    '/index/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/index/%00.fst',
  ]) {
    const r = await get(p);
    assert.ok(r.status === 403 || r.status === 404, `${p} gave ${r.status}`);
    assert.doesNotMatch(r.body, /do not serve/, p);
  }
});

test('extra headers go on every response', async () => {
  for (const p of ['/', '/app.js', '/nope']) {
    const r = await get(p);
    assert.equal(r.headers['x-fahras-test'], '1', p);
    assert.equal(r.headers['access-control-allow-origin'], '*', p);
  }
});

test('--throttle: matching files come at the given rate, whole; others at full speed', async () => {
  const big = Buffer.alloc(12_000, 7);
  fs.writeFileSync(path.join(root, 'index', 'big.bin'), big);
  const slow = await startServer({ dir: root, port: 0, throttle: 20_000, throttlePaths: /^\/index\// });
  const timed = (p) => new Promise((resolve, reject) => {
    const t = Date.now();
    http.get({ host: '127.0.0.1', port: slow.address().port, path: p }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ ms: Date.now() - t, body: Buffer.concat(chunks), pieces: chunks.length }));
    }).on('error', reject);
  });
  try {
    const r = await timed('/index/big.bin');
    assert.ok(r.body.equals(big), 'the body arrives whole');
    assert.ok(r.ms >= 450, `12 kB at 20 kB/s took only ${r.ms} ms`);
    assert.ok(r.pieces >= 3, `sent in ${r.pieces} piece(s)`);
    assert.ok((await timed('/app.js')).ms < 400, 'unthrottled paths are fast');
  } finally {
    slow.closeAllConnections?.();
    await new Promise((r) => slow.close(r));
  }
});
