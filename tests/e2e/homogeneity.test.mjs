// Look-alikes and price wars: the real Wish summer-products listings uploaded, the similarity
// threshold moved, a look-alike group opened, and the JSON export's homogeneity section; then
// the demo's price wars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  REAL_DATA, browserSuite, openApp, upload, waitForMapping, confirmAllMappings, waitForResults, datasetSummaries,
  exportJson, gotoPage, screenshotBoth, loadDemo, waitUntil,
} from './harness.mjs';

const env = browserSuite();
const FILE = path.join(REAL_DATA, 'wish_summer_products/summer-products-with-rating-and-performance_2020-08_a.csv');
const skip = fs.existsSync(FILE) ? false : `the real data set is absent (${FILE})`;

async function setThreshold(page, value) {
  const slider = page.getByTestId('similarity-threshold');
  await slider.fill(String(value));
  await slider.dispatchEvent('change');
  await waitForResults(page);
}

test('real listings cluster; the threshold moves the groups; a group opens; the export lists every row', { skip }, async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, FILE);
  await waitForMapping(page);
  await confirmAllMappings(page);
  await waitForResults(page, 120_000);
  const [summary] = await datasetSummaries(page);
  assert.equal(summary.kind, 'listings');

  await gotoPage(page, 'products');
  const table = page.getByTestId('cluster-table');
  await table.locator('tbody tr').first().waitFor();
  let doc = await exportJson(page);
  const h = doc.homogeneity;
  assert.ok(h, 'the JSON export has a homogeneity section');
  assert.equal(h.threshold, 0.7);
  assert.equal(h.listings.length, summary.rowsUsed, 'every used row is listed once');
  const rows = new Set(h.listings.map((l) => l.row));
  assert.equal(rows.size, h.listings.length, 'rows are unique');
  for (const l of h.listings.slice(0, 20)) assert.deepEqual(Object.keys(l).sort(), ['cluster_id', 'listing_id', 'row']);
  for (const key of ['cluster_id', 'size', 'sellers', 'median_price_usd', 'price_cv', 'price_war']) assert.ok(key in h.clusters[0], `clusters[].${key}`);
  for (const key of ['category', 'listings', 'clusters', 'share_in_multi_seller_clusters', 'hhi']) assert.ok(key in h.categories[0], `categories[].${key}`);
  // Cluster sizes agree with the assignments.
  const sizes = new Map();
  for (const l of h.listings) sizes.set(l.cluster_id, (sizes.get(l.cluster_id) ?? 0) + 1);
  for (const c of h.clusters) assert.equal(c.size, sizes.get(c.cluster_id), `size of cluster ${c.cluster_id}`);
  for (const c of h.categories) assert.ok(c.hhi > 0 && c.hhi <= 1, 'hhi on a 0–1 scale');
  const groupsAt07 = new Set(h.listings.map((l) => l.cluster_id)).size;

  // A lower threshold merges more titles: fewer groups.
  await setThreshold(page, 0.5);
  doc = await exportJson(page);
  assert.equal(doc.homogeneity.threshold, 0.5);
  const groupsAt05 = new Set(doc.homogeneity.listings.map((l) => l.cluster_id)).size;
  assert.ok(groupsAt05 < groupsAt07, `fewer groups at 0.5 (${groupsAt05}) than at 0.7 (${groupsAt07})`);
  const pairs = await page.getByTestId('example-pairs').innerText();
  assert.match(pairs, /same/);

  // Open the largest group: its members side by side.
  await page.getByTestId('cluster-open').first().click();
  const members = page.getByTestId('cluster-members').locator('.member');
  await members.first().waitFor();
  assert.ok((await members.count()) >= 2, 'a group has at least two listings');
  await page.waitForTimeout(600);
  await screenshotBoth(page, 'homogeneity-01-wish');

  // With a second listings file (the demo's), the page says which one it analyses.
  await loadDemo(page, 120_000);
  await gotoPage(page, 'products');
  const notice = await page.getByTestId('listings-several').innerText();
  assert.match(notice, /summer-products-with-rating-and-performance_2020-08_a\.csv, is the one analysed/);
  assert.deepEqual(problems, [], 'no console errors');
});

test('the demo shows crowded niches and its price wars', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await loadDemo(page, 120_000);
  await gotoPage(page, 'products');
  await page.getByTestId('cluster-table').locator('tbody tr').first().waitFor();
  const wars = await page.getByTestId('cluster-table').locator('tbody tr.war').count();
  assert.ok(wars >= 1, 'the demo has a price war');
  await page.getByTestId('price-sales-chart').locator('canvas').first().waitFor();
  const doc = await exportJson(page);
  assert.ok(doc.homogeneity.clusters.some((c) => c.price_war && c.sellers >= 3));
  await gotoPage(page, 'overview');
  await waitUntil(async () => /Price wars/.test(await page.getByTestId('headline-homogeneity').innerText()), { what: 'the price-war headline' });
  await page.waitForTimeout(600);
  await screenshotBoth(page, 'overview-01-demo');
  assert.deepEqual(problems, [], 'no console errors');
});
