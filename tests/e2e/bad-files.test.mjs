// Files that cannot be used (or only in part): each gives a clear message, nothing crashes,
// and the app keeps working (the demo still loads afterwards).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  E2E_FIXTURES, browserSuite, openApp, upload, loadDemo, fileErrors, confirmAllMappings, waitForMapping, waitForResults,
  datasetSummaries, download, gotoPage, screenshotBoth, parseCsv,
} from './harness.mjs';

const env = browserSuite();
let halfBroken; // rejected rows of half_broken.csv: row → {column, value, reason}

/** Uploads a file that must be refused and returns the error's text, in English and Chinese. */
async function refused(page, name, shot) {
  await upload(page, path.join(E2E_FIXTURES, name));
  const error = page.getByTestId('file-error');
  await error.first().waitFor({ timeout: 30_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await page.getByTestId('mapping-confirm').count(), 0, `${name}: no mapping screen`);
  const en = await fileErrors(page);
  await page.getByTestId('lang-switch').selectOption('zh-CN');
  const zh = await fileErrors(page);
  await page.getByTestId('lang-switch').selectOption('en');
  await screenshotBoth(page, shot);
  assert.equal(en.length, 1, `${name}: one error (${JSON.stringify(en)})`);
  assert.ok(en[0].includes(name), `${name}: the message names the file (${en[0]})`);
  return { en: en[0], zh: zh[0] };
}

/** The app still works: the demo loads and gives results. */
async function stillWorks(page, problems) {
  await loadDemo(page);
  const summaries = await datasetSummaries(page);
  assert.ok(summaries.some((s) => s.rowsUsed > 1000), 'the demo loaded');
  assert.deepEqual(problems, [], 'no console errors, no crash');
}

test('an empty file', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  const { en, zh } = await refused(page, 'empty.csv', 'bad-01-empty');
  assert.match(en, /empty/i);
  assert.match(zh, /空/);
  await stillWorks(page, problems);
});

test('a picture renamed .csv', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  const { en, zh } = await refused(page, 'picture.csv', 'bad-02-picture');
  assert.match(en, /image, not a spreadsheet/);
  assert.match(zh, /图片/);
  await stillWorks(page, problems);
});

test('a CSV with no shipment columns (a recipe list)', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  const { en, zh } = await refused(page, 'recipes.csv', 'bad-03-recipes');
  assert.match(en, /None of the columns looks like shipment data/);
  assert.match(en, /Recipe, Ingredients, Servings, Cooking time/, 'the message lists the columns found');
  assert.match(zh, /没有找到运单数据的列/);
  await stillWorks(page, problems);
});

test('a half-broken CSV loads, with the broken rows listed as rejected', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, path.join(E2E_FIXTURES, 'half_broken.csv'));
  await waitForMapping(page);
  await confirmAllMappings(page);
  await waitForResults(page);
  assert.equal(await page.getByTestId('file-error').count(), 0, 'no file error: the file is usable');
  const [summary] = await datasetSummaries(page);
  assert.equal(summary.rowsRead, 13, 'thirteen data rows');
  assert.equal(summary.rowsRead, summary.rowsUsed + summary.rowsRejected);

  // From make_fixtures.py: row 4 has two extra fields, rows 5 and 8 garbage ship dates, row 10
  // a delivery before the shipment, row 14 an unclosed quote (it swallows the rest of its line).
  const csv = parseCsv((await download(page, 'export-rejected')).bytes.toString('utf8')).slice(1);
  halfBroken = new Map(csv.map(([, , row, column, value, reason]) => [Number(row), { column, value, reason }]));
  for (const row of [5, 8, 10, 14]) assert.ok(halfBroken.has(row), `row ${row} rejected: ${JSON.stringify(csv)}`);
  assert.equal(summary.rowsRejected, halfBroken.size);
  assert.deepEqual([halfBroken.get(5).column, halfBroken.get(5).value], ['ship_date', 'not a date']);
  assert.deepEqual([halfBroken.get(8).column, halfBroken.get(8).value], ['ship_date', '31/31/2024']);
  assert.equal(halfBroken.get(10).column, 'delivered_date');
  assert.match(halfBroken.get(10).reason, /before shipped/);
  assert.equal(halfBroken.get(14).column, 'ship_date');
  assert.match(halfBroken.get(14).value, /^2024-03-07,2024-03-15/, 'the unclosed quote ran to the end of the line');
  await gotoPage(page, 'data');
  const table = await page.getByTestId('rejected-table').innerText();
  for (const value of ['not a date', '31/31/2024']) assert.ok(table.includes(value), `rejected table shows ${value}`);
  await screenshotBoth(page, 'bad-04-half-broken');
  await stillWorks(page, problems);
});

test('a ragged row in the first rows is rejected, as it is further down', async () => {
  assert.ok(halfBroken, 'the half-broken test ran');
  const ragged = halfBroken.get(4);
  assert.ok(ragged, 'row 4 (H003 with two extra fields) is rejected');
  assert.match(ragged.reason, /8 cells in a row whose header has 6 columns/);
});

test('a ragged row below the first rows is rejected with its extra cells', async () => {
  const lines = ['tracking_number,ship_date,delivered_date,destination,carrier,service'];
  for (let i = 0; i < 300; i++) lines.push(`G${i},2024-03-01,2024-03-09,US,YunExpress,Standard`);
  lines.push('G300,2024-03-02,2024-03-10,DE,YunExpress,Standard,oops,extra');
  const { page, problems } = await openApp(env.context, env.url);
  await page.getByTestId('file-input').setInputFiles({
    name: 'ragged_late.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n'),
  });
  await waitForMapping(page);
  await confirmAllMappings(page);
  await waitForResults(page);
  const csv = parseCsv((await download(page, 'export-rejected')).bytes.toString('utf8')).slice(1);
  assert.deepEqual(csv.map(([, , row, column, value]) => [row, column, value]), [['302', '', 'oops | extra']]);
  assert.match(csv[0][5], /8 cells in a row whose header has 6 columns/);
  assert.deepEqual(problems, []);
});
