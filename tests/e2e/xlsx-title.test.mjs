// Workbooks laid out the way forwarders send them: a merged title row above the header, more
// than one sheet. The header row must be found, the sheet picker must switch sheets, and the
// export must name the sheet the data came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  FIXTURES, E2E_FIXTURES, browserSuite, openApp, upload, waitForMapping, mappingChoices, mappingCard, headerOf,
  confirmAllMappings, waitForResults, datasetSummaries, exportJson, screenshotBoth, waitUntil,
} from './harness.mjs';

const env = browserSuite();

function assertHeaders(choices, expected) {
  for (const [field, header] of Object.entries(expected)) {
    assert.equal(headerOf(choices[field]), header, `${field} ← ${header}`);
  }
}

test('a monthly workbook: title row skipped, second sheet chosen with the sheet picker', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, path.join(E2E_FIXTURES, 'waybill_title.xlsx'));
  await waitForMapping(page);

  const picker = page.getByTestId('sheet-picker');
  await picker.waitFor();
  const sheets = await picker.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(sheets, ['3月运单', '4月运单']);
  assert.equal(await picker.inputValue(), '3月运单', 'the first sheet is proposed first');
  // "XX物流 运单明细 2024年3月" is row 1; the header is row 2.
  assert.match(await mappingCard(page).innerText(), /header on row 2/);
  const expected = {
    tracking_number: '运单号', ship_date: '发货日期', delivered_date: '签收日期', destination: '收件国家',
    carrier: '承运商', service: '渠道名称', promised_days: '参考时效', weight: '计费重量', shipping_cost: '运费',
  };
  assertHeaders(await mappingChoices(page), expected);
  await screenshotBoth(page, 'xlsx-01-mapping');

  await picker.selectOption('4月运单');
  await waitUntil(async () => (await page.getByTestId('sheet-picker').inputValue()) === '4月运单'
    && (await mappingCard(page).innerText()).includes('header on row 2'), { what: 'the April sheet\'s mapping' });
  assertHeaders(await mappingChoices(page), expected);
  await screenshotBoth(page, 'xlsx-02-mapping-april');

  await confirmAllMappings(page);
  await waitForResults(page);
  const [summary] = await datasetSummaries(page);
  assert.deepEqual([summary.rowsRead, summary.rowsUsed, summary.rowsRejected], [24, 24, 0]);
  const doc = await exportJson(page);
  assert.equal(doc.datasets.length, 1);
  assert.equal(doc.datasets[0].file, 'waybill_title.xlsx');
  assert.equal(doc.datasets[0].sheet, '4月运单');
  assert.deepEqual([...new Set(doc.logistics.groups.map((g) => g.destination))].sort(), ['ES', 'IT']);
  assert.equal(doc.logistics.groups.reduce((n, g) => n + g.in_transit, 0), 1, 'one parcel without a signed date');
  await page.waitForTimeout(800);
  await screenshotBoth(page, 'xlsx-03-logistics');
  assert.deepEqual(problems, [], 'no console errors');
});

test('the repository waybill: merged title, blank row, Chinese header on row 3', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, path.join(FIXTURES, 'workbook/waybill.xlsx'));
  await waitForMapping(page);
  assert.match(await mappingCard(page).innerText(), /header on row 3/);
  assertHeaders(await mappingChoices(page), {
    tracking_number: '运单号', ship_date: '发货日期', delivered_date: '签收时间', destination: '目的国',
    weight: '重量(kg)', shipping_cost: '运费(元)',
  });
  // The other sheet is hidden and holds one cell: the visible one is proposed.
  const picker = page.getByTestId('sheet-picker');
  if (await picker.count()) assert.equal(await picker.inputValue(), '运单明细');
  await confirmAllMappings(page);
  await waitForResults(page);
  const doc = await exportJson(page);
  assert.equal(doc.datasets[0].sheet, '运单明细');
  const d = doc.datasets[0];
  assert.equal(d.rows_read, 4);
  assert.equal(d.rows_read, d.rows_used + d.rows_rejected);
  assert.deepEqual(problems, [], 'no console errors');
});

test('a hidden sheet is not offered in the sheet picker', async () => {
  const { page } = await openApp(env.context, env.url);
  await upload(page, path.join(FIXTURES, 'workbook/waybill.xlsx'));
  await waitForMapping(page);
  const picker = page.getByTestId('sheet-picker');
  const offered = (await picker.count())
    ? await picker.locator('option').evaluateAll((os) => os.filter((o) => !o.disabled).map((o) => o.value))
    : ['运单明细'];
  assert.deepEqual(offered, ['运单明细'], 'only the visible sheet (旧数据 is hidden)');
});
