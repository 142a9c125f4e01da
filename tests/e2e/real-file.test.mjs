// A real export: the USAID SCMS delivery history (6,856 shipments to ~40 countries, UTF-8 with
// a BOM and CR-only line ends). The counts must add up and every rejected row must point at the
// cell that caused it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  REAL_DATA, browserSuite, openApp, upload, waitForMapping, mappingChoices, headerOf, confirmAllMappings,
  waitForResults, datasetSummaries, download, exportJson, gotoPage, screenshotBoth, parseCsv,
} from './harness.mjs';

const FILE = path.join(REAL_DATA, 'scms_delivery_history/SCMS_Delivery_History_Dataset_a.csv');
const skip = fs.existsSync(FILE) ? false : `the real data set is absent (${FILE})`;

const env = browserSuite();
let checked; // the rejected rows the first test downloaded

test('a real delivery history loads, adds up and explains every rejected row', { skip }, async () => {
  const source = parseCsv(fs.readFileSync(FILE, 'utf8'));
  const header = source[0];
  const records = source.slice(1).filter((r) => r.some((f) => f.trim() !== ''));

  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, FILE);
  await waitForMapping(page);
  const choices = await mappingChoices(page);
  assert.equal(headerOf(choices.destination), 'Country');
  assert.equal(headerOf(choices.delivered_date), 'Delivered to Client Date');
  assert.notEqual(choices.ship_date.column, '', 'some column stands in for the ship date');
  await screenshotBoth(page, 'real-01-mapping');

  await confirmAllMappings(page);
  await waitForResults(page, 90_000);

  const [summary] = await datasetSummaries(page);
  assert.equal(summary.rowsRead, records.length, 'every record of the file is read');
  assert.equal(summary.rowsRead, summary.rowsUsed + summary.rowsRejected, 'read = used + rejected');
  assert.ok(summary.rowsUsed > 0 && summary.rowsRejected > 0, `some rows used, some rejected (${JSON.stringify(summary)})`);

  // The group table shows destination countries, and the JSON has them as ISO codes.
  await gotoPage(page, 'logistics');
  const table = page.getByTestId('group-table');
  await table.waitFor();
  const tableText = await table.innerText();
  assert.match(tableText, /South Africa|ZA/);
  assert.match(tableText, /Nigeria|NG/);
  const doc = await exportJson(page);
  const [d] = doc.datasets;
  assert.equal(d.file, path.basename(FILE));
  assert.equal(d.rows_read, d.rows_used + d.rows_rejected);
  const destinations = new Set(doc.logistics.groups.map((g) => g.destination));
  for (const iso of ['ZA', 'NG', 'CI', 'VN', 'HT']) assert.ok(destinations.has(iso), `destination ${iso} (Côte d'Ivoire is CI)`);
  await page.waitForTimeout(800); // chart animations
  await screenshotBoth(page, 'real-02-logistics');

  // The rejected-rows CSV: one line per rejected row, each naming its row, column, value and reason.
  const rejected = await download(page, 'export-rejected');
  assert.equal(rejected.name, 'borderlens-rejected-rows.csv');
  const rows = parseCsv(rejected.bytes.toString('utf8'));
  assert.deepEqual(rows[0], ['File', 'Sheet', 'Row', 'Column', 'Value', 'Reason']);
  const listed = rows.slice(1);
  assert.equal(listed.length, summary.rowsRejected, 'one line per rejected row');
  const byLine = new Map(records.map((r) => [r.line, r]));
  for (const [file, sheet, row, column, value, reason] of listed) {
    assert.equal(file, path.basename(FILE));
    assert.equal(sheet, '');
    assert.match(row, /^\d+$/);
    assert.ok(reason.length > 3, `a reason for row ${row}`);
    const record = byLine.get(Number(row));
    assert.ok(record, `row ${row} is where a record starts`);
    assert.ok(column === '' || header.includes(column), `column ${column} is a header of the file`);
    // Checked for every row in the next test; here only where the app is known to be right.
    if (column !== '' && !/before shipped/.test(reason)) {
      assert.equal(record[header.indexOf(column)], value, `row ${row}, ${column}: the value shown is the cell's`);
    }
  }
  checked = { listed, byLine, header };

  await gotoPage(page, 'data');
  await page.getByTestId('rejected-table').waitFor();
  assert.ok((await page.getByTestId('rejected-table').locator('tbody tr').count()) > 0);
  await screenshotBoth(page, 'real-03-data');
  assert.deepEqual(problems, [], 'no console errors');
});

test('each rejected row shows the cell as it is written in the file', {
  skip,
}, () => {
  assert.ok(checked, 'the first test downloaded the rejected rows');
  const { listed, byLine, header } = checked;
  const wrong = listed
    .filter(([, , , column]) => column !== '')
    .filter(([, , row, column, value]) => byLine.get(Number(row))[header.indexOf(column)] !== value)
    .map(([, , row, column, value]) => `row ${row} ${column}: shown ${value}, file has ${byLine.get(Number(row))[header.indexOf(column)]}`);
  assert.deepEqual(wrong, []);
});
