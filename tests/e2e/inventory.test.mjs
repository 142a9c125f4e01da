// Inventory and peak season: a Chinese ERP orders export, an inventory snapshot and warehouse
// capacity, uploaded together; the forecast, the replenishment table and the capacity warning;
// the service level and the peak date changed; the JSON export's inventory section.
// The files are written here (deterministic), not committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  browserSuite, openApp, upload, waitUntil, confirmAllMappings, waitForResults, datasetSummaries, exportJson,
  gotoPage, screenshotBoth,
} from './harness.mjs';

const env = browserSuite();

const day = 86_400_000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** 80 weeks of orders for three SKUs ending on Sunday 2025-09-21, with a November peak, a
 * cancelled line and a postage line every week. */
function writeFiles(dir) {
  const end = Date.UTC(2025, 8, 21);
  const start = end - 80 * 7 * day + day;
  const skus = [['CASE-01', 12], ['CABLE-02', 6], ['LAMP-03', 2]];
  let orders = '订单号,下单时间,SKU,商品名称,数量,单价,国家,订单状态\n';
  let n = 0;
  for (let t = start; t <= end; t += day) {
    const d = new Date(t);
    const peak = d.getUTCMonth() === 10 ? 2.2 : d.getUTCMonth() === 11 ? 1.6 : 1;
    for (const [sku, perDay] of skus) {
      const q = Math.round(perDay * peak * (1 + 0.3 * Math.sin(n++ * 1.7)));
      if (q > 0) orders += `SO${n},${iso(t)} 10:00,${sku},商品 ${sku},${q},9.90,US,已发货\n`;
    }
    if (d.getUTCDay() === 1) {
      orders += `SO${n}X,${iso(t)} 11:00,CASE-01,商品 CASE-01,3,9.90,US,已取消\n`;
      orders += `SO${n}P,${iso(t)} 12:00,POST,运费,1,4.00,US,已发货\n`;
    }
  }
  const inventory = 'SKU,仓库,可售库存,单件体积(m3)\nCASE-01,美东仓,300,0.002\nCABLE-02,美东仓,150,0.001\nLAMP-03,美东仓,60,0.01\n';
  const capacity = '仓库,库容\n美东仓,700\n';
  const files = { 'erp-orders.csv': orders, 'inventory.csv': inventory, 'capacity.csv': capacity };
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}

/** The replenishment table's cells by column heading, one object per SKU. */
async function replenishment(page) {
  const table = page.getByTestId('replenishment-table');
  await table.locator('tbody tr').first().waitFor();
  return table.evaluate((t) => {
    const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim().replace(/[▲▼↕]/g, '').trim());
    return [...t.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [heads[i], td.textContent.trim()])));
  });
}

const num = (s) => Number(String(s).replace(/[^0-9.-]/g, ''));

test('orders, stock and capacity give the forecast, replenishment and capacity warnings', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'borderlens-inventory-'));
  await upload(page, writeFiles(dir));
  await waitUntil(async () => (await page.getByTestId('mapping-confirm').count()) === 3, { what: 'three mapping screens' });
  await confirmAllMappings(page);
  await waitForResults(page);
  const kinds = (await datasetSummaries(page)).map((s) => s.kind).sort();
  assert.deepEqual(kinds, ['capacity', 'inventory', 'orders']);

  await gotoPage(page, 'inventory');
  await page.getByTestId('forecast-chart').locator('canvas').first().waitFor();
  await page.getByTestId('capacity-chart').locator('canvas').first().waitFor();
  let rows = await replenishment(page);
  assert.deepEqual(rows.map((r) => r.SKU).sort(), ['CABLE-02', 'CASE-01', 'LAMP-03']);
  const notes = await page.getByTestId('inventory-notes').innerText();
  assert.match(notes, /lead times use your range/, 'no shipments: the user range is said');
  // The peak shipments overfill the 700-unit warehouse.
  assert.match(await page.locator('.kpis').innerText(), /Warehouses over capacity\s*1/);
  await page.waitForTimeout(600);
  await screenshotBoth(page, 'inventory-01-page');

  // A higher service level asks for more safety stock.
  const before = Object.fromEntries(rows.map((r) => [r.SKU, num(r['Safety stock'])]));
  await page.getByTestId('service-level').selectOption('0.99');
  await waitForResults(page);
  await waitUntil(async () => {
    rows = await replenishment(page);
    return rows.every((r) => num(r['Safety stock']) > before[r.SKU]);
  }, { what: 'safety stock to grow with the service level' });

  // A later peak date moves the ship-by date.
  const shipBy = await page.getByTestId('first-ship-by').innerText();
  await page.getByTestId('peak-date').fill('2025-12-15');
  await page.getByTestId('peak-date').dispatchEvent('change');
  await waitForResults(page);
  await waitUntil(async () => (await page.getByTestId('first-ship-by').innerText()) !== shipBy, { what: 'a new ship-by date' });

  const doc = await exportJson(page);
  const inv = doc.inventory;
  assert.ok(inv, 'the JSON export has an inventory section');
  assert.equal(inv.peak_date, '2025-12-15');
  assert.equal(inv.service_level, 0.99);
  // Weekly demand: Monday weeks, every week between first and last sale, the total with sku null.
  for (const w of inv.demand_weekly.slice(0, 50)) {
    assert.deepEqual(Object.keys(w).sort(), ['sku', 'units', 'week_start']);
    assert.equal(new Date(`${w.week_start}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
  }
  const total = inv.demand_weekly.filter((w) => w.sku === null);
  assert.equal(total.length, 80, 'every week of the total');
  const case1 = inv.demand_weekly.filter((w) => w.sku === 'CASE-01');
  assert.equal(case1.length, 80);
  assert.ok(!inv.demand_weekly.some((w) => w.sku === 'POST'), 'postage is not demand');
  for (const key of ['model', 'baseline', 'wape', 'wape_baseline', 'bias']) assert.ok(key in inv.backtest, `backtest.${key}`);
  for (const s of inv.skus) {
    for (const key of ['sku', 'on_hand', 'forecast_28d', 'safety_stock', 'reorder_point', 'order_quantity', 'ship_by',
      'ship_by_route', 'stockout_probability']) assert.ok(key in s, `skus[].${key}`);
    assert.ok(s.forecast_28d > 0);
    assert.match(s.ship_by, /^\d{4}-\d{2}-\d{2}$/);
  }
  const w = inv.warehouses.filter((x) => x.warehouse === '美东仓');
  assert.ok(w.length > 8);
  for (const key of ['warehouse', 'week_start', 'projected_units', 'projected_volume', 'capacity', 'over_capacity']) {
    assert.ok(key in w[0], `warehouses[].${key}`);
  }
  assert.equal(w[0].capacity, 700);
  for (const x of w) assert.equal(x.over_capacity, x.peak_units > x.capacity + 1e-9, `over capacity in ${x.week_start}`);
  const lines = Object.fromEntries(inv.lines.map((l) => [l.kind, l.lines]));
  assert.ok(lines.cancellation >= 80 && lines.non_product >= 80, 'cancelled and postage lines are reported apart');
  assert.deepEqual(problems, [], 'no console errors');
  fs.rmSync(dir, { recursive: true, force: true });
});
