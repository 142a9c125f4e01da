// Renders the PNG app icons in public/ from public/favicon.svg with Debian's Chromium
// (playwright-core), offline. The PNGs are committed; run this again only when the logo changes:
//   node scripts/make-icons.mjs
// icon-192.png, icon-512.png: the logo as drawn (rounded square, transparent corners), purpose "any".
// icon-maskable-512.png: a full-bleed square in the logo colour with the glyph inside the central
// 80 % safe zone, purpose "maskable" (launchers crop it to their own shape).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = path.join(ROOT, 'public');
const svg = fs.readFileSync(path.join(PUBLIC, 'favicon.svg'), 'utf8');
const bg = svg.match(/<rect[^>]*fill="(#[0-9a-fA-F]{3,6})"/)?.[1] ?? '#0f4c81';
// The glyph without its rounded background, scaled to 70 % around the centre.
const glyph = svg.replace(/<svg[^>]*>/, '').replace('</svg>', '').replace(/<rect[^>]*\/>/, '');
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${bg}"/>`
  + `<g transform="translate(9.6 9.6) scale(.7)">${glyph}</g></svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, svg },
  { file: 'icon-512.png', size: 512, svg },
  { file: 'icon-maskable-512.png', size: 512, svg: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString('base64')}`;
    await page.setContent(`<html><body style="margin:0;background:transparent">`
      + `<img src="${src}" width="${icon.size}" height="${icon.size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: path.join(PUBLIC, icon.file), omitBackground: true });
    await page.close();
    console.log(`wrote public/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
