// A small static file server for dist/, used by `cargo xtask serve` and by
// the browser tests. It sends the project's Content-Security-Policy
// (xtask/csp.txt) with every response, and can serve the app under a
// sub-path (`--prefix /help/troubleshooter/`) to test such deployments.
//
//   node xtask/static-server.mjs --dir dist [--port 8080] [--prefix /] [--gzip] [--no-csp]
//
// `gzip: true` (`--gzip`) compresses every response with gzip -9 when the
// browser accepts it, as a real host would (the web benchmark uses it);
// `csp: ''` (`--no-csp`) serves without the CSP (the benchmark's floor app
// keeps Trunk's inline start-up script).
//
// Prints `listening http://127.0.0.1:PORT/PREFIX` once it accepts requests.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CSP = fs.readFileSync(path.join(here, 'csp.txt'), 'utf8').trim();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Serves `dir` at `prefix` on 127.0.0.1:`port` (0 picks a free port).
// `extraHeaders` is added to every response (tests use it for portals).
// Resolves to { url, port, close() }.
export function startStaticServer({ dir, port = 0, prefix = '/', extraHeaders = {}, csp = CSP, gzip = false }) {
  const root = path.resolve(dir);
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    // The app's files are public. Allowing any origin to read them lets the
    // app run inside a sandboxed iframe (an opaque origin), where module
    // scripts and the wasm are fetched as cross-origin requests.
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*', ...extraHeaders };
    if (csp) headers['Content-Security-Policy'] = csp;
    if (pathname + '/' === prefix) {
      res.writeHead(301, { ...headers, Location: prefix }).end();
      return;
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    let rel = pathname.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      headers['Content-Type'] = TYPES[path.extname(file)] || 'application/octet-stream';
      // Hashed files could be cached forever; the rest (index.html, sw.js,
      // loader.js) must be revalidated so a new deploy is seen.
      headers['Cache-Control'] = /-[0-9a-f]{12,16}(_bg)?\./.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache';
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = zlib.gzipSync(body, { level: 9 });
        headers['Content-Encoding'] = 'gzip';
        headers['Vary'] = 'Accept-Encoding';
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}${prefix}`,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = arg('--dir', 'dist');
  const port = Number(arg('--port', '8080'));
  const prefix = arg('--prefix', '/');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`static-server: ${dir}/index.html not found; build first (cargo xtask build).`);
    process.exit(2);
  }
  const gzip = process.argv.includes('--gzip');
  const csp = process.argv.includes('--no-csp') ? '' : CSP;
  startStaticServer({ dir, port, prefix, gzip, csp }).then(
    ({ url }) => console.log(`listening ${url}`),
    (err) => {
      console.error(`static-server: cannot listen on 127.0.0.1:${port}: ${err.message}`);
      process.exit(2);
    }
  );
}
