// Installable and offline: the built site has a web app manifest and a service worker that keeps
// every file of the app, and after the first visit the app starts and analyses the demo data
// with the network off and the web server stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import {
  DIST, launch, openApp, loadDemo, datasetSummaries, foreignRequests, waitUntil,
} from './harness.mjs';

let env;
// The sub-path test's server: its own origin, whose requests are checked on their own.
let sub;
before(async () => { env = await launch(); });
after(async () => {
  const requests = sub ? env.requests.filter((u) => !u.startsWith(sub.origin + '/')) : env.requests;
  const foreign = foreignRequests(requests, env.origin);
  await env.close();
  if (sub) {
    sub.server.close();
    fs.rmSync(sub.root, { recursive: true, force: true });
  }
  assert.deepEqual(foreign, [], 'no request may leave the page origin');
});

/** The precache manifest the build wrote into dist/sw.js. */
function swBuild() {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const line = sw.match(/^const BUILD = (.*); \/\/ build manifest: scripts\/sw-manifest\.mjs$/m);
  assert.ok(line, 'sw.js has its build manifest line');
  return JSON.parse(line[1]);
}

test('the build has a web app manifest and a service worker listing every file', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.name, 'borderlens');
  assert.ok(manifest.short_name);
  assert.ok(manifest.description);
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((i) => i.sizes);
  for (const s of ['any', '192x192', '512x512']) assert.ok(sizes.includes(s), `an icon of size ${s}`);
  for (const icon of manifest.icons) assert.ok(fs.existsSync(path.join(DIST, icon.src)), `${icon.src} is in dist/`);

  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest">/);
  assert.match(html, /<meta name="theme-color" content="#[0-9a-f]{6}">/i);
  assert.doesNotMatch(html, /unsafe-inline/);

  const build = swBuild();
  assert.match(build.version, /^[0-9a-f]{16}$/);
  const listed = build.files.map((f) => f.url).sort();
  // Every file, in sub-directories too (wasm-bindgen's JS snippets land in snippets/).
  const emitted = fs.readdirSync(DIST, { recursive: true })
    .filter((f) => f !== 'sw.js' && fs.statSync(path.join(DIST, f)).isFile())
    .map((f) => f.split(path.sep).map(encodeURIComponent).join('/'))
    .sort();
  assert.deepEqual(listed, emitted, 'the service worker lists exactly the files of dist/ (but itself)');
  for (const name of ['index.html', 'boot.js', 'borderlens.js', 'borderlens_bg.wasm', 'worker_loader.js', 'worker.js',
    'worker_bg.wasm', 'echarts.min.js', 'main.css', 'manifest.webmanifest']) {
    assert.ok(listed.includes(name), `${name} is precached`);
  }
  assert.ok(listed.some((f) => /^snippets\/.+\/store\.js$/.test(f)), 'the workspace store module (a wasm-bindgen snippet) is precached');
});

test('after the first visit the app works with no network and no server', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  // The worker installs in the background, then claims the page.
  const state = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, active: registration.active.state };
  });
  assert.equal(state.scope, env.url, 'the service worker covers the directory the app is served from');
  await waitUntil(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { what: 'the service worker to control the page' });
  const { version, files } = swBuild();
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const keys = {};
    for (const name of names) keys[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
    return keys;
  });
  assert.deepEqual(Object.keys(cached), [`borderlens-app-${version}`], 'one versioned cache of the app');
  assert.deepEqual(cached[`borderlens-app-${version}`].sort(), files.map((f) => new URL(f.url, env.url).href).sort());
  const manifestLink = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const r = await fetch(href);
    return { ok: r.ok, type: r.headers.get('content-type'), name: (await r.json()).name };
  });
  assert.deepEqual(manifestLink, { ok: true, type: 'application/manifest+json', name: 'borderlens' });

  // Offline: the network is off and the web server is gone.
  env.server.closeAllConnections();
  await new Promise((resolve) => env.server.close(resolve));
  await env.context.setOffline(true);
  const servedBySw = [];
  page.on('response', (r) => { if (r.fromServiceWorker()) servedBySw.push(new URL(r.url()).pathname); });
  await page.reload();
  await page.getByTestId('nav-data').waitFor({ timeout: 30_000 });
  assert.ok(await page.getByTestId('nav-data').isVisible());
  for (const file of ['/', '/boot.js', '/borderlens_bg.wasm']) assert.ok(servedBySw.includes(file), `${file} came from the service worker`);
  await loadDemo(page);
  const summaries = await datasetSummaries(page);
  const shipments = summaries.find((s) => s.kind === 'shipments');
  assert.ok(shipments && shipments.rowsRead >= 1000, 'the demo loads in the worker while offline');
  assert.ok(summaries.every((s) => s.rowsRead === s.rowsUsed + s.rowsRejected));

  // A new tab, offline, also starts the app.
  const second = await openApp(env.context, env.url);
  await second.page.getByTestId('nav-data').waitFor();
  await second.page.close();
  await env.context.setOffline(false);
  assert.deepEqual(problems, [], 'no console errors or CSP violations');
});

test('served from a sub-path, the service worker stays within it', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'borderlens-subpath-'));
  fs.mkdirSync(path.join(root, 'tools'));
  fs.symlinkSync(DIST, path.join(root, 'tools', 'borderlens'));
  const { server, url } = await startServer(root, { port: 19100 + Math.floor(Math.random() * 800) });
  sub = { server, root, origin: new URL(url).origin };
  const appUrl = `${url}tools/borderlens/`;
  const { page, problems } = await openApp(env.context, appUrl);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, appUrl);
  await waitUntil(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { what: 'the service worker to control the page' });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await env.context.setOffline(true);
  await page.goto(`${appUrl}index.html`);
  await page.getByTestId('nav-data').waitFor({ timeout: 30_000 });
  await env.context.setOffline(false);
  assert.deepEqual(problems, [], 'no console errors or CSP violations');
  const subRequests = env.requests.filter((u) => u.startsWith(sub.origin + '/'));
  assert.ok(subRequests.every((u) => u.startsWith(`${sub.origin}/tools/borderlens/`)), 'every request stays under the sub-path');
});
