// Starts the borderlens app. An external module (not trunk's inline script) so the
// Content-Security-Policy can forbid inline scripts.
import init from './borderlens.js';

// The service worker (sw.js, beside this file) keeps the app's own files for offline use. Its
// URL and scope are relative to this file, so it works from any sub-path. Skipped where there
// is none: file: pages, plain-HTTP hosts other than localhost, older browsers.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:' || !window.isSecureContext) return;
  const register = () => navigator.serviceWorker
    .register(new URL('./sw.js', import.meta.url), { scope: new URL('./', import.meta.url).pathname, updateViaCache: 'none' })
    .catch((e) => console.warn('borderlens: offline use is not available:', e));
  // After the page has loaded, so the app's own downloads go first.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

registerServiceWorker();
await init({ module_or_path: new URL('./borderlens_bg.wasm', import.meta.url) });
