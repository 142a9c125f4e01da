// Serves a built site (dist/) on 127.0.0.1, on the given port or the next free one, with the
// right MIME types (application/wasm) and the same strict Content-Security-Policy the page
// declares. Used by `make serve` and by the browser tests. No dependencies.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8',
  '.ico': 'image/x-icon',
};

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

/** Starts a server for `root`; resolves to {server, url}. */
export function startServer(root, { port = 8080, host = '127.0.0.1', quiet = true, maxTries = 50 } = {}) {
  const absRoot = path.resolve(root);
  const handler = (req, res) => {
    let urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(absRoot, path.normalize(urlPath));
    if (!file.startsWith(absRoot)) { res.writeHead(403).end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        if (!quiet) console.log(`404 ${req.url}`);
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      res.end(data);
    });
  };
  return new Promise((resolve, reject) => {
    let tries = 0;
    const attempt = (p) => {
      const server = http.createServer(handler);
      server.once('error', (e) => {
        if (e.code === 'EADDRINUSE' && tries++ < maxTries) attempt(p + 1);
        else reject(e);
      });
      server.listen(p, host, () => resolve({ server, url: `http://${host}:${p}/` }));
    };
    attempt(port);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'dist';
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await startServer(root, { port, quiet: false });
  console.log(`\n  borderlens is running at ${url}\n  (Ctrl-C to stop; everything runs in your browser, nothing is uploaded)\n`);
}
