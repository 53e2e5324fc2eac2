#!/usr/bin/env node
// Tiny static file server for trying the demo and for the browser tests.
// Node built-ins only.
//
//   node tools/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1]
//                        [--header "Name: value"]... [--throttle BYTES_PER_SECOND]
//
// --throttle sends every file at that rate, like a slow network (try the
// widget's loading state with --throttle 20000).
//
// Also usable in-process:
//   import { startServer } from './tools/serve.mjs';
//   const server = await startServer({ dir: 'dist', port: 0 });
//   server.address().port

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function mimeType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] || 'application/octet-stream';
}

/** Parse "Name: value" into [name, value]; throws on a malformed header. */
export function parseHeader(text) {
  const i = text.indexOf(':');
  const name = i > 0 ? text.slice(0, i).trim() : '';
  if (!name || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new Error(`bad --header ${JSON.stringify(text)}: expected "Name: value"`);
  }
  return [name, text.slice(i + 1).trim()];
}

function normalizeHeaders(headers) {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    return headers.map((h) => (typeof h === 'string' ? parseHeader(h) : h));
  }
  return Object.entries(headers);
}

/**
 * Resolve a URL path to a file path inside root, or null if it escapes root
 * or is otherwise unacceptable.
 */
function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Treat backslashes as separators too, so "..\\" cannot sneak through.
  const parts = decoded.replace(/\\/g, '/').split('/');
  if (parts.includes('..')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + parts.join('/')));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/** A stream that passes chunks on at `rate` bytes per second. */
function throttled(rate) {
  return new Transform({
    transform(chunk, _enc, done) {
      setTimeout(() => done(null, chunk), (chunk.length / rate) * 1000);
    },
  });
}

/**
 * Start a static server. Resolves with the listening http.Server
 * (use server.address().port when port is 0).
 * throttle: bytes per second for each file whose URL path matches
 * throttlePaths (default: every file); 0 sends at full speed.
 */
export function startServer({
  dir = 'dist', port = 8080, host = '127.0.0.1', headers = [], quiet = true, throttle = 0, throttlePaths = /^/,
} = {}) {
  const root = fs.realpathSync(path.resolve(dir));
  const extra = normalizeHeaders(headers);

  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', more = {}) => {
      const h = { 'Content-Type': type, 'Cache-Control': 'no-cache', ...more };
      for (const [k, v] of extra) h[k] = v;
      if (typeof body === 'string') body = Buffer.from(body);
      if (body && !h['Content-Length']) h['Content-Length'] = body.length;
      res.writeHead(status, h);
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, 'Method Not Allowed\n', undefined, { Allow: 'GET, HEAD' });
    }

    let urlPath;
    try {
      urlPath = new URL(req.url, 'http://localhost').pathname;
    } catch {
      return send(400, 'Bad Request\n');
    }
    // Reject raw traversal before URL normalisation can hide it.
    if (/(^|[\/\\])\.\.([\/\\]|$)/.test(req.url.split('?')[0])) {
      return send(403, 'Forbidden\n');
    }

    let file = resolveInside(root, urlPath);
    if (!file) return send(403, 'Forbidden\n');

    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          // Redirect so relative URLs inside index.html resolve correctly.
          const q = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
          return send(301, 'Moved Permanently\n', undefined, { Location: urlPath + '/' + q });
        }
        file = path.join(file, 'index.html');
        return fs.stat(file, (err2, st2) => serveFile(err2, st2));
      }
      serveFile(err, st);
    });

    function serveFile(err, st) {
      if (err || !st.isFile()) return send(404, 'Not Found\n');
      // Follow symlinks only if the target stays inside root.
      fs.realpath(file, (err3, real) => {
        if (err3 || (real !== root && !real.startsWith(root + path.sep))) {
          return send(404, 'Not Found\n');
        }
        const h = {
          'Content-Type': mimeType(file),
          'Content-Length': st.size,
          'Cache-Control': 'no-cache',
          'Last-Modified': st.mtime.toUTCString(),
        };
        for (const [k, v] of extra) h[k] = v;
        res.writeHead(200, h);
        if (req.method === 'HEAD') return res.end();
        const slow = throttle > 0 && throttlePaths.test(urlPath);
        // Small pieces when throttled, so that the rate shows.
        const stream = fs.createReadStream(real, slow ? { highWaterMark: 4096 } : undefined);
        if (slow) return pipeline(stream, throttled(throttle), res, () => {});
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      });
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      if (!quiet) {
        const addr = server.address();
        const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
        console.log(`Serving ${dir} on http://${shownHost}:${addr.port}/`);
      }
      resolve(server);
    });
  });
}

function usage() {
  return 'usage: node tools/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--header "Name: value"]... [--throttle BYTES_PER_SECOND]';
}

function parseArgs(argv) {
  const opts = { dir: 'dist', port: 8080, host: '127.0.0.1', headers: [] };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value\n${usage()}`);
      return argv[++i];
    };
    switch (arg) {
      case '--dir': opts.dir = next(); break;
      case '--port': {
        const p = Number(next());
        if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error(`bad --port\n${usage()}`);
        opts.port = p;
        break;
      }
      case '--host': opts.host = next(); break;
      case '--header': opts.headers.push(parseHeader(next())); break;
      case '--throttle': {
        const t = Number(next());
        if (!Number.isFinite(t) || t < 0) throw new Error(`bad --throttle\n${usage()}`);
        opts.throttle = t;
        break;
      }
      case '-h':
      case '--help':
        console.log(usage());
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}\n${usage()}`);
    }
  }
  return opts;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (!fs.existsSync(opts.dir) || !fs.statSync(opts.dir).isDirectory()) {
      throw new Error(`--dir ${opts.dir}: no such directory (run ./build.sh first?)`);
    }
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  startServer({ ...opts, quiet: false }).catch((e) => {
    console.error(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
    process.exit(1);
  });
}
