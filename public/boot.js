// Starts the borderlens app. An external module (not trunk's inline script) so the
// Content-Security-Policy can forbid inline scripts.
import init from './borderlens.js';
await init({ module_or_path: new URL('./borderlens_bg.wasm', import.meta.url) });
