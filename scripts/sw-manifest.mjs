// Writes the service worker's precache list into sw.js: every file of the built site (except
// sw.js itself) with its SHA-256, and a version derived from them. Runs as trunk's post_build
// hook (Trunk.toml) on the staging directory, so the list always matches what trunk emitted;
// it can also be run by hand on a built site: node scripts/sw-manifest.mjs dist
// Idempotent: it replaces the `const BUILD = ...;` line whatever it holds.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist');
const SW = 'sw.js';
const LINE = /^const BUILD = .*; \/\/ build manifest: scripts\/sw-manifest\.mjs$/m;

function list(root, sub = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...list(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const swPath = path.join(dir, SW);
if (!fs.existsSync(swPath)) throw new Error(`sw-manifest: ${swPath} is missing (index.html copies public/sw.js)`);
const files = list(dir)
  .filter((f) => f !== SW)
  .sort()
  .map((f) => ({
    url: f.split('/').map(encodeURIComponent).join('/'),
    sha256: crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex'),
  }));
for (const required of ['index.html', 'boot.js']) {
  if (!files.some((f) => f.url === required)) throw new Error(`sw-manifest: ${required} is not in ${dir}`);
}
const version = crypto.createHash('sha256')
  .update(files.map((f) => `${f.url} ${f.sha256}\n`).join(''))
  .digest('hex')
  .slice(0, 16);

const sw = fs.readFileSync(swPath, 'utf8');
if (!LINE.test(sw)) throw new Error(`sw-manifest: ${swPath} has no "const BUILD = ...; // build manifest" line`);
const build = JSON.stringify({ version, files });
fs.writeFileSync(swPath, sw.replace(LINE, () => `const BUILD = ${build}; // build manifest: scripts/sw-manifest.mjs`));
console.log(`sw-manifest: ${files.length} files, version ${version}`);
