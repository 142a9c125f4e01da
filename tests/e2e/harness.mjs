// Browser test harness: serves dist/ on a free local port, drives Debian's Chromium through
// playwright-core, and records every request so a test fails if anything leaves the origin.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
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

/** Starts the static server and a fresh browser. Call `close()` when done. `server` is the
 * static server (a test may stop it early to check that the app works offline). */
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
    if (server.listening) server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, server, url, origin, requests, close };
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

// ---- Page objects and helpers shared by the test files ---------------------------------------

export const E2E_FIXTURES = path.join(FIXTURES, 'e2e');

/** The kinds of the demo's datasets, in the order they load. */
export const DEMO_KINDS = ['shipments', 'tracking_events', 'orders', 'inventory', 'capacity', 'inbound', 'listings', 'price_history'];

/**
 * Registers `before`/`after` hooks that start one server and browser for the test file, and
 * fail the file if any request left the page's origin. Returns the environment, filled in once
 * `before` has run: {context, url, origin, requests}.
 */
export function browserSuite() {
  const env = {};
  before(async () => { Object.assign(env, await launch()); });
  after(async () => {
    const foreign = foreignRequests(env.requests, env.origin);
    await env.close();
    assert.deepEqual(foreign, [], 'no request may leave the page origin');
  });
  return env;
}

/** Waits for a file's mapping screen (one `mapping-confirm` button). */
export async function waitForMapping(page, timeout = 30_000) {
  await page.getByTestId('mapping-confirm').first().waitFor({ timeout });
}

/** The mapping screen of the (first) file waiting for mapping: the card around its confirm button. */
export function mappingCard(page) {
  return page.getByTestId('mapping-confirm').first().locator('xpath=ancestor::section[1]');
}

/**
 * The mapping screen's choices: {field: {column, label}}, `column` the select's value (a column
 * index as a string, '' when the field is not in the file) and `label` the chosen option's text
 * (`B · 发货日期`). Assumes one file waits for mapping.
 */
export async function mappingChoices(page) {
  return page.getByTestId('mapping-field').evaluateAll((selects) =>
    Object.fromEntries(selects.map((s) => [
      s.getAttribute('data-field'),
      { column: s.value, label: s.selectedOptions[0]?.textContent?.trim() ?? '' },
    ])),
  );
}

/** The header text of the column a mapping choice names (`B · 发货日期` → `发货日期`). */
export function headerOf(choice) {
  return choice.label.replace(/^[A-Z]+ · /, '');
}

/** Chooses a column (by index; '' = not in the file) for one field on the mapping screen. */
export async function chooseColumn(page, field, column) {
  await page.locator(`[data-testid="mapping-field"][data-field="${field}"]`).selectOption(String(column));
}

/** Polls `check` (an async function) until it returns a truthy value; returns that value. */
export async function waitUntil(check, { timeout = 30_000, interval = 100, what = 'a condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Loads the demo data and waits for its results, even when other results were ready before. */
export async function loadDemo(page, timeout = 60_000) {
  const before = await page.getByTestId('dataset-summary').count();
  await page.getByTestId('load-demo').click();
  await waitUntil(async () => (await page.getByTestId('dataset-summary').count()) > before, { timeout, what: 'the demo dataset' });
  await waitForResults(page, timeout);
}

/** The texts of the visible file errors. */
export async function fileErrors(page) {
  return page.getByTestId('file-error').allInnerTexts();
}

/** Downloads the JSON export and parses it. */
export async function exportJson(page) {
  const { name, bytes } = await download(page, 'export-json');
  assert.equal(name, 'borderlens-results.json');
  return JSON.parse(bytes.toString('utf8'));
}

/** Opens a page: 'data', 'logistics' (transit times), 'customs' or 'inventory'. */
export async function gotoPage(page, which) {
  await page.getByTestId(which === 'data' ? 'nav-data' : `nav-${which}`).click();
}

/**
 * Screenshots the current screen in both languages (`en-<name>`, `zh-<name>`) and leaves the
 * page in the language it was in.
 */
export async function screenshotBoth(page, name) {
  const was = await page.getByTestId('lang-switch').inputValue();
  for (const lang of ['en', 'zh-CN']) {
    await setLanguage(page, lang);
    await screenshot(page, `${lang === 'en' ? 'en' : 'zh'}-${name}`);
  }
  await setLanguage(page, was);
}

/** Parses CSV text (RFC 4180; CR, LF or CRLF line ends; a leading BOM is dropped). Returns the
 * records, each an array of fields with a `line` property: the 1-based line it starts on. */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    record.push(field);
    Object.defineProperty(record, 'line', { value: start }); // not enumerable: deepEqual ignores it
    records.push(record);
    record = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** The entries of a zip file (an XLSX): Map of name → Buffer. Stored and deflated entries only. */
export function unzip(buffer) {
  const entries = new Map();
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file has an end-of-central-directory record');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    assert.equal(buffer.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = buffer.readUInt16LE(p + 10);
    const size = buffer.readUInt32LE(p + 20);
    const nameLen = buffer.readUInt16LE(p + 28);
    const extraLen = buffer.readUInt16LE(p + 30);
    const commentLen = buffer.readUInt16LE(p + 32);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(dataStart, dataStart + size);
    entries.set(name, method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}


/** The page's interface texts (text nodes outside data tables, file names and the language
 * menu), each trimmed, for comparing the two languages. */
export async function interfaceTexts(page) {
  return page.evaluate(() => {
    const skip = 'tbody, .chip-name, .file-name, [data-testid="lang-switch"], .brand-name, script, style';
    const texts = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent.trim();
      // A column header of the user's file, shown after the field it feeds ("运单号 ← Tracking Number").
      const isHeader = n.previousSibling?.textContent?.trim() === '←';
      if (t && !isHeader && !n.parentElement.closest(skip) && n.parentElement.checkVisibility()) texts.add(t);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (el.closest(skip)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) texts.add(el.getAttribute(a).trim());
    }
    return [...texts];
  });
}

/** English texts still shown after switching to Chinese: words of three letters or more that
 * are not units, formats or names the product keeps in every language. Leaves the page in
 * Chinese. */
export async function untranslatedTexts(page) {
  await setLanguage(page, 'en');
  const en = await interfaceTexts(page);
  await setLanguage(page, 'zh-CN');
  const zh = new Set(await interfaceTexts(page));
  const keep = /^(borderlens|JSON|CSV|XLSX|XLS|ODS|TSV|TXT|PNG|USD|CNY|EUR|GBP|BRL|RUB|JPY|INR|MXN|CAD|AUD|HKD|kg|lb|P\d\d|CV|Wilson|ISO|SKU|ASIN|FBA|HHI|WAPE|ETA|MSKU|FNSKU)$/;
  const bilingual = /\p{Script=Han}/u; // e.g. "Language / 语言"
  const fileName = /^[\w.-]+\.(csv|tsv|txt|xlsx|xls|ods)$/i;
  return en.filter((t) => zh.has(t) && !bilingual.test(t) && !fileName.test(t)
    && (t.match(/[A-Za-z]{3,}/g) ?? []).some((w) => !keep.test(w)));
}
