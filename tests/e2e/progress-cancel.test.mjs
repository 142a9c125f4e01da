// A file big enough to take a while (300,000 parcels, written to a temporary file here, not
// committed): the progress bar shows, Cancel stops the work, and the app recovers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  browserSuite, openApp, upload, loadDemo, waitForMapping, confirmAllMappings, waitForResults, datasetSummaries,
  screenshot, screenshotBoth, setLanguage,
  DEMO_KINDS,
} from './harness.mjs';

const ROWS = 300_000;
let dir;
let file;

/** Writes a plain shipments CSV of `rows` parcels. */
function writeBigCsv(target, rows) {
  const carriers = ['YunExpress', '4PX', 'Yanwen', 'Cainiao'];
  const countries = ['US', 'DE', 'FR', 'GB', 'BR', 'ES'];
  const day = 86_400_000;
  const start = Date.UTC(2024, 0, 1);
  const parts = ['tracking_number,ship_date,delivered_date,destination,carrier,service,promised_days\n'];
  for (let i = 0; i < rows; i++) {
    const shipped = start + (i % 300) * day;
    const delivered = shipped + (5 + ((i * 7919) % 23)) * day;
    parts.push(`BL${String(i).padStart(9, '0')},${new Date(shipped).toISOString().slice(0, 10)},`
      + `${new Date(delivered).toISOString().slice(0, 10)},${countries[i % 6]},${carriers[i % 4]},`
      + `${i % 3 ? 'Standard' : 'Express'},${i % 3 ? '10-20' : '5-8'}\n`);
  }
  fs.writeFileSync(target, parts.join(''));
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'borderlens-big-'));
  file = path.join(dir, 'big_shipments.csv');
  writeBigCsv(file, ROWS);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = browserSuite();

test('a big file shows progress; cancel stops it and the app recovers', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, file);
  await waitForMapping(page);
  await confirmAllMappings(page);

  const progress = page.getByTestId('progress');
  await progress.waitFor({ timeout: 10_000 });
  assert.match(await progress.innerText(), /big_shipments\.csv/, 'the progress names the file');
  await page.getByTestId('cancel').click();
  await progress.waitFor({ state: 'detached', timeout: 10_000 });

  // Nothing half-read is left behind, nothing waits, nothing is reported as broken.
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('dataset-summary').count(), 0, 'the cancelled file is not loaded');
  assert.equal(await page.getByTestId('mapping-confirm').count(), 0, 'no mapping waits');
  assert.equal(await page.getByTestId('file-error').count(), 0, 'a cancel is not an error');
  assert.equal(await page.getByTestId('results-ready').count(), 0, 'no results');
  await screenshotBoth(page, 'cancel-01-after-cancel');

  // The fresh worker works: the demo loads.
  await loadDemo(page);
  const summaries = await datasetSummaries(page);
  assert.deepEqual(summaries.map((s) => s.kind), DEMO_KINDS, 'only the demo is loaded');
  assert.ok(summaries[0].rowsUsed > 1000);
  await page.getByTestId('nav-data').click();
  await screenshotBoth(page, 'cancel-02-demo-after-cancel');

  // And the same file, read again to the end, gives all its rows (progress shown meanwhile).
  await upload(page, file);
  await waitForMapping(page);
  await confirmAllMappings(page);
  await progress.waitFor({ timeout: 10_000 });
  await screenshot(page, 'en-cancel-03-progress');
  await setLanguage(page, 'zh-CN');
  if (await progress.count()) {
    assert.match(await progress.innerText(), /正在|取消/);
    await screenshot(page, 'zh-cancel-03-progress');
  }
  await setLanguage(page, 'en');
  await waitForResults(page, 120_000);
  const loaded = await datasetSummaries(page);
  assert.equal(loaded.length, DEMO_KINDS.length + 1, 'the demo and the big file');
  const big = loaded.find((s) => s.rowsRead === ROWS);
  assert.ok(big, `a dataset with ${ROWS} rows (${JSON.stringify(loaded.map((s) => s.rowsRead))})`);
  assert.equal(big.rowsUsed, ROWS);
  assert.deepEqual(problems, [], 'no console errors');
});
