// A forwarder's export in GBK with a Chinese header (tests/fixtures/e2e/forwarder_gbk.csv):
// the columns are recognised by their Chinese names, countries become ISO codes, the promise
// "15-25个工作日" gives an on-time rate, and the one impossible date is rejected with its row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  E2E_FIXTURES, browserSuite, openApp, upload, waitForMapping, mappingChoices, mappingCard, headerOf, confirmAllMappings,
  waitForResults, datasetSummaries, download, exportJson, gotoPage, screenshotBoth, parseCsv, untranslatedTexts,
  setLanguage,
} from './harness.mjs';

const FILE = path.join(E2E_FIXTURES, 'forwarder_gbk.csv');
// From make_fixtures.py: 120 parcels, three undelivered, the ship date of file row 43 is 2024/02/30.
const ROWS = 120;
const UNDELIVERED = 3;
const BAD_ROW = 43;

const ISO = { 巴西: 'BR', 俄罗斯: 'RU', 美国: 'US' };

/** The date `n` working days (Mon–Fri) after `date` (YYYY-MM-DD), counted day by day. */
function addWorkingDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n--;
  }
  return d.toISOString().slice(0, 10);
}

/** Reference on-time rates per destination/carrier/service, computed here from the file:
 * delivered (date part) no later than the ship date plus the promise's upper bound in working days. */
function referenceOnTime() {
  const [, ...rows] = parseCsv(new TextDecoder('gbk').decode(fs.readFileSync(FILE)));
  const groups = new Map();
  for (const [, shipped, delivered, country, carrier, service, promise] of rows) {
    const ship = shipped.replaceAll('/', '-');
    if (!delivered || Number.isNaN(Date.parse(`${ship}T00:00:00Z`)) || ship === '2024-02-30') continue;
    const due = addWorkingDays(ship, Number(promise.match(/-(\d+)个工作日/)[1]));
    const key = `${ISO[country]}|${carrier}|${service}`;
    const g = groups.get(key) ?? { delivered: 0, onTime: 0 };
    g.delivered++;
    if (delivered.slice(0, 10) <= due) g.onTime++;
    groups.set(key, g);
  }
  return new Map([...groups].map(([k, g]) => [k, g.onTime / g.delivered]));
}

const env = browserSuite();

test('a GBK export with Chinese headers is mapped, read and analysed', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, FILE);
  await waitForMapping(page);
  const choices = await mappingChoices(page);
  const expected = {
    tracking_number: '运单号', ship_date: '发货日期', delivered_date: '妥投时间', destination: '目的国',
    carrier: '物流商', service: '物流渠道', promised_days: '承诺时效', weight: '重量(kg)', shipping_cost: '运费(元)',
  };
  for (const [field, header] of Object.entries(expected)) {
    assert.equal(headerOf(choices[field]), header, `${field} ← ${header}`);
  }
  assert.equal(choices.promised_date.column, '', '承诺时效 is a number of days, not a date');
  assert.equal(choices.origin.column, '', 'no origin column');
  // The mapping screen says how the file was read.
  const card = await mappingCard(page).innerText();
  assert.match(card, /GBK|GB18030/);
  await screenshotBoth(page, 'gbk-01-mapping');
  assert.deepEqual(await untranslatedTexts(page), [], 'the mapping screen is all Chinese in Chinese');
  await setLanguage(page, 'en');

  await confirmAllMappings(page);
  await waitForResults(page);
  const [summary] = await datasetSummaries(page);
  assert.deepEqual(
    [summary.rowsRead, summary.rowsUsed, summary.rowsRejected],
    [ROWS, ROWS - 1, 1],
    'all rows read, the bad date rejected',
  );

  const doc = await exportJson(page);
  const { groups } = doc.logistics;
  assert.deepEqual([...new Set(groups.map((g) => g.destination))].sort(), ['BR', 'RU', 'US']);
  assert.deepEqual([...new Set(groups.map((g) => g.carrier))].sort(), ['4PX递四方', '云途物流', '燕文物流']);
  assert.equal(groups.reduce((n, g) => n + g.shipments, 0), ROWS - 1);
  assert.equal(groups.reduce((n, g) => n + g.in_transit, 0), UNDELIVERED, 'the undelivered parcels are in transit');
  const reference = referenceOnTime();
  for (const g of groups) {
    const key = `${g.destination}|${g.carrier}|${g.service}`;
    assert.ok(Math.abs(g.on_time_rate - reference.get(key)) < 1e-9, `${key}: on-time ${g.on_time_rate}, reference ${reference.get(key)}`);
    assert.ok(g.promise_days_p90 > 0 && g.promise_days_p90 <= g.promise_days_p95);
  }
  assert.ok(groups.some((g) => g.on_time_rate < 1), 'some parcels are late');
  await gotoPage(page, 'logistics');
  await page.getByTestId('group-table').waitFor();
  await page.waitForTimeout(800);
  await screenshotBoth(page, 'gbk-02-logistics');

  // The bad date: listed on the data page and in the rejected-rows CSV with its file row.
  await gotoPage(page, 'data');
  const rejectedTable = await page.getByTestId('rejected-table').innerText();
  assert.match(rejectedTable, new RegExp(`\\b${BAD_ROW}\\b`));
  assert.match(rejectedTable, /2024\/02\/30/);
  const csv = parseCsv((await download(page, 'export-rejected')).bytes.toString('utf8'));
  assert.equal(csv.length, 2);
  const [, , row, column, value] = csv[1];
  assert.deepEqual([row, column, value], [String(BAD_ROW), '发货日期', '2024/02/30']);
  await screenshotBoth(page, 'gbk-03-data');
  assert.deepEqual(await untranslatedTexts(page), [], 'the data-quality report is all Chinese in Chinese');
  assert.deepEqual(problems, [], 'no console errors');
});
