// The performance benchmark's static server: serves several folders under
// URL prefixes, sends every file gzip-compressed (level 9, computed once and
// kept in memory, so compression time never lands in a measurement) when the
// browser accepts gzip and the compressed form is smaller (Pagefind's own
// files are gzipped already; a CDN would not gain by compressing them again),
// and counts the body bytes it sends: that count is "bytes transferred".
//
//   const srv = await startBenchServer({ mounts: [['/', pageDir], ['/pagefind/', bundleDir]] });
//   await srv.prewarm(bundleDir)   // compress a folder's files ahead of the run
//   srv.reset(); ...; srv.stats    // { requests, bytes, files: [[path, bytes]] }

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(zlib.gzip);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

/** {raw, gz, size, gzSize} for a file: gz is null when gzip does not make it smaller. */
const cache = new Map();
async function encoded(file) {
  const st = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  const raw = fs.readFileSync(file);
  const z = await gzip(raw, { level: 9 });
  const entry = { mtimeMs: st.mtimeMs, size: raw.length, raw, gz: z.length < raw.length ? z : null, gzSize: z.length };
  cache.set(file, entry);
  return entry;
}

/** Compressed size of a file as this server would send it (gzip -9, or raw when smaller). */
export async function wireSize(file) {
  const e = await encoded(file);
  return e.gz ? e.gz.length : e.size;
}

/** Forget cached bodies under a folder (after an index was rebuilt there, or to free memory). */
export function forget(dir) {
  for (const k of cache.keys()) if (k === dir || k.startsWith(dir + path.sep)) cache.delete(k);
}

export function startBenchServer({ mounts }) {
  const table = mounts.map(([prefix, dir]) => [prefix, path.resolve(dir)]).sort((a, b) => b[0].length - a[0].length);
  const stats = { requests: 0, bytes: 0, files: [] };

  function resolve(urlPath) {
    for (const [prefix, dir] of table) {
      if (!urlPath.startsWith(prefix)) continue;
      const rel = decodeURIComponent(urlPath.slice(prefix.length));
      if (rel.split('/').includes('..') || rel.includes('\0')) return null;
      const file = path.join(dir, rel || 'index.html');
      return file.startsWith(dir) ? file : null;
    }
    return null;
  }

  const server = http.createServer(async (req, res) => {
    const urlPath = new URL(req.url, 'http://x').pathname;
    const file = resolve(urlPath);
    let entry;
    try {
      if (!file || !fs.statSync(file).isFile()) throw new Error('missing');
      entry = await encoded(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found\n');
      return;
    }
    const useGz = entry.gz && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const body = useGz ? entry.gz : entry.raw;
    const h = {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'public, max-age=3600',
      Vary: 'Accept-Encoding',
    };
    if (useGz) h['Content-Encoding'] = 'gzip';
    res.writeHead(200, h);
    res.end(req.method === 'HEAD' ? undefined : body);
    stats.requests++;
    stats.bytes += body.length;
    stats.files.push([urlPath, body.length]);
  });

  return new Promise((resolveP) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolveP({
        url: `http://127.0.0.1:${port}/`,
        stats,
        reset() {
          stats.requests = 0;
          stats.bytes = 0;
          stats.files = [];
        },
        /** Compress every file under dir ahead of time (skipping paths that match skip). */
        async prewarm(dir, skip = null) {
          const files = [];
          const walk = (d) => {
            for (const e of fs.readdirSync(d, { withFileTypes: true })) {
              const p = path.join(d, e.name);
              if (skip && skip.test(p)) continue;
              if (e.isDirectory()) walk(p);
              else if (e.isFile()) files.push(p);
            }
          };
          walk(path.resolve(dir));
          let i = 0;
          const worker = async () => {
            while (i < files.length) await encoded(files[i++]);
          };
          await Promise.all([worker(), worker()]);
          return files.length;
        },
        close() {
          return new Promise((r) => {
            server.close(r);
            server.closeAllConnections?.();
          });
        },
      });
    });
  });
}
