// The demo path: a first-time visitor tries the built-in data, switches language, exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openApp, waitForResults, datasetSummaries, download, screenshot, setLanguage, foreignRequests,
  DEMO_KINDS,
} from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => {
  const foreign = foreignRequests(env.requests, env.origin);
  await env.close();
  assert.deepEqual(foreign, [], 'no request may leave the page origin');
});

test('demo data shows transit figures at once, without a mapping step', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await screenshot(page, 'en-01-start');
  await page.getByTestId('load-demo').click();
  await waitForResults(page);
  assert.equal(await page.getByTestId('mapping-confirm').count(), 0, 'demo data needs no mapping');
  const summaries = await datasetSummaries(page);
  assert.deepEqual(summaries.map((s) => s.kind), DEMO_KINDS);
  for (const summary of summaries) {
    if (['shipments', 'tracking_events', 'orders'].includes(summary.kind)) {
      assert.ok(summary.rowsRead >= 1000, `demo ${summary.kind} has thousands of rows (${summary.rowsRead})`);
    }
    assert.equal(summary.rowsRead, summary.rowsUsed + summary.rowsRejected);
  }
  await page.getByTestId('group-table').waitFor();
  const rows = await page.getByTestId('group-table').locator('tbody tr').count();
  assert.ok(rows > 5, `several groups (${rows})`);
  await page.waitForTimeout(800); // let chart animations settle for the screenshot
  await screenshot(page, 'en-02-logistics');

  const json = await download(page, 'export-json');
  assert.equal(json.name, 'borderlens-results.json');
  const doc = JSON.parse(json.bytes.toString('utf8'));
  assert.deepEqual(doc.datasets.map((d) => d.kind), DEMO_KINDS);
  for (const d of doc.datasets) {
    assert.equal(d.sheet, null);
    assert.equal(d.rows_read, d.rows_used + d.rows_rejected);
  }
  assert.match(doc.logistics.reference_date, /^\d{4}-\d{2}-\d{2}$/);
  const g = doc.logistics.groups[0];
  for (const key of ['origin', 'destination', 'carrier', 'service', 'shipments', 'delivered', 'in_transit', 'p50_days', 'p75_days',
    'p90_days', 'p95_days', 'max_days', 'mean_days', 'std_days', 'cv', 'on_time_rate', 'promise_days_p90', 'promise_days_p95']) {
    assert.ok(key in g, `group has ${key}`);
  }
  assert.match(g.destination, /^[A-Z]{2}$/);
  assert.ok(g.on_time_rate >= 0 && g.on_time_rate <= 1);
  assert.ok(g.p50_days <= g.p90_days && g.p90_days <= g.p95_days);
  assert.deepEqual(problems, [], 'no console errors or CSP violations');
});

test('grouping and the reference date change the results', async () => {
  const { page } = await openApp(env.context, env.url);
  await page.getByTestId('load-demo').click();
  await waitForResults(page);
  await page.getByTestId('group-by').selectOption(['destination']);
  await waitForResults(page);
  const doc = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8'));
  assert.deepEqual(doc.logistics.group_by, ['destination']);
  assert.ok(doc.logistics.groups.every((g) => g.carrier === null && g.service === null && g.origin === null));
  await page.getByTestId('reference-date').fill('2025-01-15');
  await page.getByTestId('reference-date').dispatchEvent('change');
  await waitForResults(page);
  const doc2 = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8'));
  assert.equal(doc2.logistics.reference_date, '2025-01-15');
});

test('every screen reads in Chinese', async () => {
  const { page } = await openApp(env.context, env.url);
  await setLanguage(page, 'zh-CN');
  await screenshot(page, 'zh-01-start');
  await page.getByTestId('load-demo').click();
  await waitForResults(page);
  const text = await page.locator('body').innerText();
  assert.match(text, /运输时效|物流时效/);
  assert.match(text, /结果已就绪/);
  await page.waitForTimeout(800);
  await screenshot(page, 'zh-02-logistics');
  await page.getByTestId('nav-data').click();
  await screenshot(page, 'zh-03-data');
  const csv = await download(page, 'export-csv');
  assert.match(csv.bytes.toString('utf8'), /目的国/);
});
