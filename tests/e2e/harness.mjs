// Browser test harness: serves dist/ on a free local port, drives Debian's Chromium through
// playwright-core, and records every request so a test fails if anything leaves the origin.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const REAL_DATA = path.resolve(ROOT, '../shared/data/real');
export const OUTPUT = path.join(ROOT, 'tests/output');

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts the static server and a fresh browser. Call `close()` when done. */
export async function launch() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `make build` first');
  const { server, url } = await startServer(DIST, { port: 18080 + Math.floor(Math.random() * 1000) });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'borderlens-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
    locale: 'en-US',
  });
  const origin = new URL(url).origin;
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const close = async () => {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, url, origin, requests, close };
}

/** Requests that left the page's origin (data: and blob: URLs never leave the browser). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')));
}

/** Opens the app and waits until it has mounted. Collects console errors and CSP violations. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(url);
  await page.getByTestId('load-demo').waitFor({ timeout: 30_000 });
  return { page, problems };
}

/** Waits for the worker to finish everything (results-ready shows, progress is gone). */
export async function waitForResults(page, timeout = 60_000) {
  await page.getByTestId('results-ready').waitFor({ timeout });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout });
}

/** Uploads files through the file input. */
export async function upload(page, files) {
  await page.getByTestId('file-input').setInputFiles(files);
}

/** Confirms every pending mapping. */
export async function confirmAllMappings(page, timeout = 30_000) {
  await page.getByTestId('mapping-confirm').first().waitFor({ timeout });
  while ((await page.getByTestId('mapping-confirm').count()) > 0) {
    await page.getByTestId('mapping-confirm').first().click();
  }
}

/** Reads the dataset-summary elements' row counts. */
export async function datasetSummaries(page) {
  return page.getByTestId('dataset-summary').evaluateAll((els) =>
    els.map((e) => ({
      rowsRead: Number(e.getAttribute('data-rows-read')),
      rowsUsed: Number(e.getAttribute('data-rows-used')),
      rowsRejected: Number(e.getAttribute('data-rows-rejected')),
      kind: e.getAttribute('data-kind'),
      text: e.textContent,
    })),
  );
}

/** Clicks a download button and returns the downloaded file's name and bytes. */
export async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(testid).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Saves a full-page screenshot under tests/output/screenshots. */
export async function screenshot(page, name) {
  const dir = path.join(OUTPUT, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Switches the UI language. */
export async function setLanguage(page, lang) {
  await page.getByTestId('lang-switch').selectOption(lang);
}
