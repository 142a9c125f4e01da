// Serves the bench page (dist-bench/) on 127.0.0.1 with the peer harness's own static server
// (CORS, no CSP header: the page's <meta> policy applies). Used by scripts/bench.sh.
//   node bench/serve_bench.mjs PORT     (prints the URL; stop it with kill PID)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './work/peers/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.argv[2] || 0);
const s = await startServer({ root: path.join(HERE, '..', 'dist-bench'), port });
console.log(`${s.origin}/index.html`);
