// The workspace (issue #7): nothing is kept by default; the user may turn on keeping their
// data and settings in this browser (IndexedDB), which brings them back after a reload and
// remembers the column mappings they corrected per file layout; "erase everything" removes all
// user data and settings but not the app's own cached files (so it still works offline).
// The three tests share one browser profile and run in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  E2E_FIXTURES, browserSuite, openApp, loadDemo, upload, waitForMapping, mappingChoices, headerOf, chooseColumn,
  confirmAllMappings, waitForResults, datasetSummaries, exportJson, setLanguage, screenshotBoth, waitUntil,
} from './harness.mjs';

// override.csv: the automatic mapping takes the service from "Product" and misses "Agreed days".
const FILE = path.join(E2E_FIXTURES, 'override.csv');
const LINE = 6;
const AGREED_DAYS = 7;
const DB = 'borderlens-workspace';

const env = browserSuite();

/** What this origin keeps in the browser: IndexedDB databases (and the workspace's contents),
 * Web Storage, Cache Storage. */
async function storage(page) {
  return page.evaluate(async (DB) => {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    let workspace = null;
    if (dbs.includes(DB)) {
      workspace = await new Promise((resolve, reject) => {
        const r = indexedDB.open(DB);
        r.onerror = () => reject(r.error);
        r.onsuccess = async () => {
          const db = r.result;
          const all = (store) => new Promise((res, rej) => {
            if (!db.objectStoreNames.contains(store)) { res({ keys: [], values: [] }); return; }
            const tx = db.transaction(store);
            const keys = tx.objectStore(store).getAllKeys();
            const values = tx.objectStore(store).getAll();
            tx.oncomplete = () => res({ keys: keys.result, values: values.result });
            tx.onerror = () => rej(tx.error);
          });
          const meta = await all('meta');
          const files = await all('files');
          const layouts = await all('layouts');
          db.close();
          const state = meta.values[meta.keys.indexOf('state')];
          resolve({
            enabled: meta.values[meta.keys.indexOf('enabled')] ?? null,
            state: typeof state === 'string' ? JSON.parse(state) : null,
            files: files.values.map((f) => ({ id: f.id, name: f.name, size: f.file.size })),
            layouts: layouts.keys.length,
          });
        };
      });
    }
    return {
      dbs,
      workspace,
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      caches: await caches.keys(),
    };
  }, DB);
}

const toggle = (page) => page.getByTestId('workspace-toggle');

/** Reloads and waits until the app has mounted and had time to restore a kept workspace. */
async function reload(page) {
  await page.reload();
  await page.getByTestId('load-demo').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
}

test('by default nothing is kept: a reload starts empty and the browser holds no user data', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  assert.ok(await toggle(page).isVisible(), 'the workspace switch is in the header');
  assert.ok(await page.getByTestId('erase-all').isVisible(), 'the erase button is in the header');
  assert.equal(await toggle(page).isChecked(), false, 'keeping is off by default');
  await loadDemo(page);
  assert.ok((await datasetSummaries(page)).length > 0);
  for (const nav of ['nav-logistics', 'nav-customs', 'nav-inventory', 'nav-data']) {
    await page.getByTestId(nav).click();
    assert.ok(await toggle(page).isVisible() && await page.getByTestId('erase-all').isVisible(), `controls on ${nav}`);
  }
  await screenshotBoth(page, 'workspace-01-off');

  await reload(page);
  assert.equal(await page.getByTestId('dataset-summary').count(), 0, 'the demo is gone after a reload');
  assert.equal(await page.getByTestId('results-ready').count(), 0);
  assert.equal(await toggle(page).isChecked(), false);
  const kept = await storage(page);
  assert.ok(!kept.dbs.includes(DB), `no workspace database (databases: ${kept.dbs})`);
  assert.deepEqual(kept.dbs, [], 'no IndexedDB database at all');
  assert.equal(kept.localStorage, 0, 'localStorage is empty');
  assert.equal(kept.sessionStorage, 0, 'sessionStorage is empty');
  assert.deepEqual(problems, [], 'no console errors');
  await page.close();
});

test('turned on, the workspace survives a reload and remembers a corrected mapping per layout', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await toggle(page).check();
  await page.getByTestId('workspace-status').filter({ hasText: 'kept in this browser' }).waitFor();
  const on = await storage(page);
  assert.ok(on.dbs.includes(DB), 'turning it on creates the workspace database');
  assert.equal(on.workspace.enabled, true);

  await upload(page, FILE);
  await waitForMapping(page);
  const proposed = await mappingChoices(page);
  assert.notEqual(proposed.service.column, String(LINE), 'premise: the service is not proposed from "Line"');
  assert.equal(await page.getByTestId('mapping-remembered').count(), 0, 'nothing remembered yet');
  await chooseColumn(page, 'service', LINE);
  await chooseColumn(page, 'promised_days', AGREED_DAYS);
  await confirmAllMappings(page);
  await waitForResults(page);
  const [before] = await datasetSummaries(page);
  assert.ok(before.rowsUsed > 0);
  await setLanguage(page, 'zh-CN');
  // Saving is asynchronous: wait until the language and the confirmed mapping are kept.
  const saved = await waitUntil(async () => {
    const s = (await storage(page)).workspace;
    return s?.state?.lang === 'zh-CN' && s.files.length === 1 && s.state.files[0]?.mapping && s.layouts === 1 && s;
  }, { what: 'the workspace to be saved' });
  assert.equal(saved.files[0].name, 'override.csv');
  assert.equal(saved.files[0].size, fs.statSync(FILE).size, 'the file itself is kept');
  await screenshotBoth(page, 'workspace-02-on');

  await reload(page);
  await waitUntil(async () => (await page.getByTestId('dataset-summary').count()) === 1, { what: 'the kept dataset' });
  await waitForResults(page);
  assert.equal(await page.getByTestId('lang-switch').inputValue(), 'zh-CN', 'the language is kept');
  assert.equal(await toggle(page).isChecked(), true, 'keeping stays on');
  assert.match(await page.getByTestId('workspace-status').innerText(), /已恢复工作区：1 个文件/);
  const [after] = await datasetSummaries(page);
  assert.deepEqual(
    { read: after.rowsRead, used: after.rowsUsed, rejected: after.rowsRejected },
    { read: before.rowsRead, used: before.rowsUsed, rejected: before.rowsRejected },
    'the same rows are used after the reload',
  );
  const doc = await exportJson(page);
  assert.deepEqual([...new Set(doc.logistics.groups.map((g) => g.service))].sort(), ['Economy', 'Priority'],
    'the corrected mapping (services from "Line") is kept');
  assert.ok(doc.logistics.groups.every((g) => typeof g.on_time_rate === 'number'), 'promises from "Agreed days"');

  // The same layout under another name: its mapping screen starts from the user's choice.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'borderlens-ws-'));
  const again = path.join(dir, 'june-parcels.csv');
  fs.copyFileSync(FILE, again);
  await upload(page, again);
  await waitForMapping(page);
  const choices = await mappingChoices(page);
  assert.equal(headerOf(choices.service), 'Line', 'the remembered service column');
  assert.equal(headerOf(choices.promised_days), 'Agreed days', 'the remembered promise column');
  assert.ok(await page.getByTestId('mapping-remembered').isVisible(), 'a note says the mapping was chosen before');
  await setLanguage(page, 'en');
  assert.match(await page.getByTestId('mapping-remembered').innerText(), /column mapping you chose before/);
  await screenshotBoth(page, 'workspace-03-remembered');
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(problems, [], 'no console errors');
  await page.close();
});

test('erase everything leaves no user data in the browser, and the app still works offline-ready', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await waitUntil(async () => (await page.getByTestId('dataset-summary').count()) === 1, { what: 'the kept dataset' });
  // The app's own files are cached by the service worker; other data of this origin may exist too.
  await waitUntil(() => page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith('borderlens-app-'))),
    { timeout: 60_000, what: 'the service worker to cache the app' });
  await page.evaluate(async () => {
    localStorage.setItem('note', 'user data');
    sessionStorage.setItem('draft', 'user data');
    await (await caches.open('user-downloads')).put('/x', new Response('user data'));
  });
  const appCaches = (await storage(page)).caches.filter((k) => k.startsWith('borderlens-app-'));

  await page.getByTestId('erase-all').click();
  await screenshotBoth(page, 'workspace-04-confirm-erase');
  await page.getByTestId('erase-confirm').click();
  await page.getByTestId('workspace-status').filter({ hasText: /Everything was erased|已全部清除/ }).waitFor();
  assert.equal(await page.getByTestId('dataset-summary').count(), 0, 'no datasets');
  assert.equal(await page.getByTestId('mapping-confirm').count(), 0, 'no file waits for mapping');
  assert.equal(await toggle(page).isChecked(), false, 'keeping is off');
  assert.equal(await page.getByTestId('lang-switch').inputValue(), 'en', 'the language is back to the browser\'s');
  const erased = await storage(page);
  assert.ok(!erased.dbs.includes(DB), 'the workspace database is deleted');
  assert.deepEqual(erased.dbs, [], 'no IndexedDB database at all');
  assert.equal(erased.localStorage, 0, 'localStorage is empty');
  assert.equal(erased.sessionStorage, 0, 'sessionStorage is empty');
  assert.ok(erased.caches.every((k) => k.startsWith('borderlens-app-')), `only the app's caches remain: ${erased.caches}`);
  assert.deepEqual(erased.caches, appCaches, 'the app\'s own cache is kept');
  await screenshotBoth(page, 'workspace-05-erased');

  await reload(page);
  assert.equal(await page.getByTestId('dataset-summary').count(), 0, 'still nothing after a reload');
  assert.equal(await toggle(page).isChecked(), false);
  assert.deepEqual((await storage(page)).dbs, []);
  await loadDemo(page);
  assert.ok((await datasetSummaries(page)).length > 0, 'the app still works');
  assert.deepEqual(problems, [], 'no console errors');
  await page.close();
});
