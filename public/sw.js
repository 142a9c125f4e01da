// borderlens service worker: keeps the app's own files (never any user data) in one versioned
// cache so the app starts with no connection after the first visit.
//
// - The build (scripts/sw-manifest.mjs, a trunk post_build hook) replaces the BUILD line below
//   with every file of the site and its SHA-256. Any change to any file therefore changes this
//   script, which is how the browser notices a new version.
// - install: fetches every file (bypassing the HTTP cache), checks each against its SHA-256, and
//   stores them in `borderlens-app-<version>`. A mismatch (a half-finished upload, a stale proxy)
//   fails the install; the browser tries again on a later visit.
// - fetch: cache-first, for same-origin GET requests of those files only, plus navigations to the
//   app's own page (served the cached index.html). Everything else is left to the browser, not
//   cached and not touched.
// - A new version installs in the background and takes over once every borderlens tab is closed
//   (no skipWaiting): a page never mixes files of two builds. Its activation deletes the older
//   `borderlens-app-*` caches and nothing else.
const BUILD = null; // build manifest: scripts/sw-manifest.mjs

const PREFIX = 'borderlens-app-';
const CACHE = BUILD ? PREFIX + BUILD.version : null;
const HERE = self.location.href;
const INDEX = new URL('index.html', HERE).href;
const ROOT = new URL('./', HERE).href;
const FILES = BUILD ? BUILD.files.map((f) => ({ url: new URL(f.url, HERE).href, sha256: f.sha256 })) : [];
const PRECACHED = new Set(FILES.map((f) => f.url));

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

self.addEventListener('install', (event) => {
  if (!CACHE) return; // an unprocessed sw.js (not built by trunk): do nothing
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(FILES.map(async (file) => {
      const response = await fetch(new Request(file.url, { cache: 'reload', credentials: 'same-origin' }));
      if (!response.ok) throw new Error(`borderlens: ${file.url}: HTTP ${response.status}`);
      const bytes = await response.arrayBuffer();
      if (hex(await crypto.subtle.digest('SHA-256', bytes)) !== file.sha256) {
        throw new Error(`borderlens: ${file.url} differs from this build`);
      }
      // A fresh response: a redirected one may not answer a navigation.
      const headers = new Headers(response.headers);
      await cache.put(file.url, new Response(bytes, { status: 200, statusText: 'OK', headers }));
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // Control the page that installed us at once, so it works offline without a reload.
    if (CACHE) await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  if (!CACHE) return;
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  let key;
  if (request.mode === 'navigate') {
    const page = url.origin + url.pathname;
    if (page !== ROOT && page !== INDEX) return;
    key = INDEX;
  } else {
    if (url.search || !PRECACHED.has(url.href)) return;
    key = url.href;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(key)) ?? fetch(request);
  })());
});
