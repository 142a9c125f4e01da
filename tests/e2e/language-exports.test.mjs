// The app in Chinese, and the files it writes: names, the UTF-8 BOM Excel needs, Chinese
// headers, formula-looking text neutralised, and charts saved as PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  E2E_FIXTURES, browserSuite, openApp, upload, waitForMapping, confirmAllMappings, waitForResults, download,
  exportJson, gotoPage, setLanguage, screenshot, parseCsv, unzip, untranslatedTexts,
} from './harness.mjs';

const env = browserSuite();
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('with demo data, every screen is in Chinese and exports are named and encoded right', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await page.getByTestId('load-demo').click();
  await waitForResults(page);
  await gotoPage(page, 'logistics');
  await page.waitForTimeout(800);
  await screenshot(page, 'en-lang-01-logistics');

  const leftLogistics = await untranslatedTexts(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  const logisticsText = await page.locator('body').innerText();
  assert.match(logisticsText, /物流时效/);
  assert.match(logisticsText, /真实运输时效/);
  assert.match(logisticsText, /线路、物流商与渠道/);
  assert.match(logisticsText, /结果已就绪/);
  await page.waitForTimeout(500);
  await screenshot(page, 'zh-lang-01-logistics');

  await gotoPage(page, 'data');
  await setLanguage(page, 'en');
  await screenshot(page, 'en-lang-02-data');
  const leftData = await untranslatedTexts(page);
  assert.match(await page.locator('body').innerText(), /看清跨境生意的每一处损耗/);
  await screenshot(page, 'zh-lang-02-data');
  assert.deepEqual({ logistics: leftLogistics, data: leftData }, { logistics: [], data: [] }, 'English left on Chinese screens');

  // Exports, written while the interface is in Chinese.
  const csv = await download(page, 'export-csv');
  assert.equal(csv.name, 'borderlens-groups.csv');
  assert.ok(csv.bytes.subarray(0, 3).equals(BOM), 'the CSV starts with a UTF-8 BOM (for Excel)');
  const csvRows = parseCsv(csv.bytes.toString('utf8'));
  assert.ok(csvRows[0].includes('目的国') && csvRows[0].includes('准时率'), `Chinese header: ${csvRows[0]}`);
  assert.ok(csvRows.length > 2);

  const xlsx = await download(page, 'export-xlsx');
  assert.equal(xlsx.name, 'borderlens-results.xlsx');
  const parts = unzip(xlsx.bytes);
  assert.ok(parts.has('[Content_Types].xml') && parts.has('xl/workbook.xml'), 'an Office Open XML package');
  assert.match(parts.get('xl/workbook.xml').toString('utf8'), /name="[^"]*\p{Script=Han}/u, 'Chinese sheet names');

  const json = await exportJson(page);
  assert.equal(json.datasets[0].kind, 'shipments');
  assert.ok(json.logistics.groups.length > 0);

  const rejected = await download(page, 'export-rejected');
  assert.equal(rejected.name, 'borderlens-rejected-rows.csv');
  assert.ok(rejected.bytes.subarray(0, 3).equals(BOM));
  assert.deepEqual(parseCsv(rejected.bytes.toString('utf8'))[0], ['文件', '工作表', '行号', '列', '值', '原因']);

  // Every chart saves as a PNG.
  await gotoPage(page, 'logistics');
  const buttons = page.getByTestId('chart-png');
  const count = await buttons.count();
  assert.ok(count >= 3, `several charts (${count})`);
  const names = [];
  for (let i = 0; i < count; i++) {
    const [dl] = await Promise.all([page.waitForEvent('download'), buttons.nth(i).click()]);
    const bytes = fs.readFileSync(await dl.path());
    assert.ok(bytes.subarray(0, 8).equals(PNG), `${dl.suggestedFilename()} is a PNG`);
    assert.ok(bytes.length > 2000, `${dl.suggestedFilename()} has content (${bytes.length} bytes)`);
    names.push(dl.suggestedFilename());
  }
  assert.ok(names.every((n) => /^borderlens-[a-z-]+\.png$/.test(n)), names.join(', '));
  assert.equal(new Set(names).size, names.length, 'one name per chart');
  assert.deepEqual(problems, [], 'no console errors');
});

test('text that looks like a formula is exported as text', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, path.join(E2E_FIXTURES, 'formula_carrier.csv'));
  await waitForMapping(page);
  await confirmAllMappings(page);
  await waitForResults(page);
  await gotoPage(page, 'logistics');
  await page.waitForTimeout(500);
  await screenshot(page, 'en-formula-01-logistics');

  const json = await exportJson(page);
  assert.equal(json.logistics.groups[0].carrier, '=HYPERLINK("x")', 'the JSON keeps the value as it was');

  const csv = await download(page, 'export-csv');
  assert.ok(csv.bytes.subarray(0, 3).equals(BOM));
  const text = csv.bytes.toString('utf8');
  const rows = parseCsv(text);
  const carrier = rows[0].indexOf('Carrier');
  const service = rows[0].indexOf('Service');
  assert.ok(carrier >= 0 && service >= 0, `header: ${rows[0]}`);
  assert.equal(rows[1][carrier], '\'=HYPERLINK("x")');
  assert.equal(rows[1][service], '\'+SUM(1,2)');
  for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, /^[=+@\t\r]/, `no cell starts a formula: ${cell}`);

  const xlsx = unzip((await download(page, 'export-xlsx')).bytes);
  const sheets = [...xlsx.keys()].filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n)).map((n) => xlsx.get(n).toString('utf8'));
  assert.ok(sheets.length > 0);
  for (const xml of sheets) assert.doesNotMatch(xml, /<f[ >]/, 'no formula cell in the workbook');
  const all = sheets.join('').replaceAll('&quot;', '"').replaceAll('&apos;', '\'').replaceAll('&amp;', '&');
  assert.ok(all.includes('\'=HYPERLINK("x")'), 'the carrier is stored as neutralised text');
  assert.ok(!/>=HYPERLINK/.test(all), 'never as a bare formula string');

  const rejected = await download(page, 'export-rejected');
  assert.ok(rejected.bytes.subarray(0, 3).equals(BOM));
  assert.deepEqual(problems, [], 'no console errors');
});
