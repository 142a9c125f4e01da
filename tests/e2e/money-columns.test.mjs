// Money columns whose header names their currency, as the demo's own file has them:
// "Declared Value (USD)" next to "Shipping Cost (CNY)". Each column must be read in its own
// currency; costs are reported in USD with the built-in rate (7.13 CNY per USD).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  browserSuite, openApp, waitForMapping, confirmAllMappings, waitForResults, exportJson, gotoPage, screenshotBoth,
} from './harness.mjs';

const env = browserSuite();
const CNY_PER_USD = 7.13;
const COST_CNY = 71.3; // every parcel: 10 USD

/** Uploads a CSV built from [{key, name}] columns and returns the JSON export and the data page text. */
async function load(page, name, columns) {
  const header = columns.map((c) => c.name);
  const lines = [header.join(',')];
  for (let i = 0; i < 20; i++) {
    const day = String(1 + i).padStart(2, '0');
    const cells = { tracking: `M${i}`, ship: `2024-04-${day}`, delivered: `2024-05-${day}`, country: 'US', value: '25.00', cost: COST_CNY.toFixed(2) };
    lines.push(columns.map((c) => cells[c.key]).join(','));
  }
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await waitForMapping(page);
  await confirmAllMappings(page);
  await waitForResults(page);
  const doc = await exportJson(page);
  await gotoPage(page, 'data');
  return { doc, text: await page.locator('main').innerText() };
}

const BASE = [
  { key: 'tracking', name: 'Tracking Number' }, { key: 'ship', name: 'Ship Date' },
  { key: 'delivered', name: 'Delivered Date' }, { key: 'country', name: 'Destination' },
];

test('a shipping cost in CNY is converted to USD', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  const { doc, text } = await load(page, 'cost_cny.csv', [...BASE, { key: 'cost', name: 'Shipping Cost (CNY)' }]);
  assert.match(text, /Shipping Cost \(CNY\): amounts in CNY/);
  const cost = doc.logistics.groups[0].cost_per_parcel_usd;
  assert.ok(Math.abs(cost - COST_CNY / CNY_PER_USD) < 0.05, `10 USD per parcel, got ${cost}`);
  assert.deepEqual(problems, []);
});

test('a declared value in USD beside a shipping cost in CNY: each in its own currency', async () => {
  const { page } = await openApp(env.context, env.url);
  const { doc, text } = await load(page, 'value_usd_cost_cny.csv',
    [...BASE, { key: 'value', name: 'Declared Value (USD)' }, { key: 'cost', name: 'Shipping Cost (CNY)' }]);
  await screenshotBoth(page, 'money-01-data');
  const cost = doc.logistics.groups[0].cost_per_parcel_usd;
  assert.ok(Math.abs(cost - COST_CNY / CNY_PER_USD) < 0.05, `10 USD per parcel, got ${cost}`);
  assert.match(text, /Shipping Cost \(CNY\): amounts in CNY/);
});
