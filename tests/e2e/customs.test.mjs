// Customs: shipments (XLSX) and tracking events (GBK CSV) together, the heatmap, an
// unclassified outcome assigned by hand, the risk calculator, exports, and bad event files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  E2E_FIXTURES, browserSuite, openApp, upload, waitForMapping, confirmAllMappings, waitForResults,
  datasetSummaries, exportJson, gotoPage, screenshotBoth, loadDemo, mappingCard, waitUntil,
} from './harness.mjs';

const env = browserSuite();

async function loadCustomsFiles(page) {
  await upload(page, [path.join(E2E_FIXTURES, 'customs_shipments.xlsx'), path.join(E2E_FIXTURES, 'customs_events_gbk.csv')]);
  await waitUntil(async () => (await page.getByTestId('mapping-confirm').count()) === 2, { what: 'two mapping screens' });
  await confirmAllMappings(page);
  await waitForResults(page);
}

test('shipments and tracking events give the customs picture', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await loadCustomsFiles(page);
  const summaries = await datasetSummaries(page);
  assert.deepEqual(summaries.map((s) => s.kind).sort(), ['shipments', 'tracking_events']);
  for (const s of summaries) assert.equal(s.rowsRejected, 0);

  await gotoPage(page, 'customs');
  await page.getByTestId('customs-heatmap').locator('canvas').first().waitFor();
  await page.waitForTimeout(600);
  await screenshotBoth(page, 'customs-01-page');

  let doc = await exportJson(page);
  const customs = doc.customs;
  assert.ok(customs, 'the JSON export has a customs section');
  assert.deepEqual(customs.unclassified_outcomes, [{ value: '待定X', count: 1 }]);
  const g = customs.groups.find((x) => x.destination === 'BR' && x.hs_chapter === '07');
  assert.ok(g, 'a Brazil × chapter 07 group with its leading zero');
  for (const key of ['destination', 'hs_chapter', 'value_band', 'carrier', 'service', 'checkpoint', 'shipments', 'cleared',
    'released_after_documents', 'released_after_payment', 'returned', 'confiscated', 'abandoned', 'pending', 'detention_rate',
    'detention_rate_smoothed', 'detention_rate_low', 'detention_rate_high', 'mean_hold_days', 'extra_cost']) {
    assert.ok(key in g, `group has ${key}`);
  }
  assert.equal(g.value_band, null, 'not grouped by value band');
  const known = g.cleared + g.released_after_documents + g.released_after_payment + g.returned + g.confiscated + g.abandoned;
  const detained = known - g.cleared;
  assert.ok(Math.abs(g.detention_rate - detained / known) < 1e-12);
  assert.ok(g.detention_rate_low <= g.detention_rate_smoothed && g.detention_rate_smoothed <= g.detention_rate_high);
  assert.ok(customs.unmatched_events.some((u) => u.text === '航班延误，改配下一航班'), 'unmatched event texts are listed');
  assert.ok(customs.legs.length > 1, 'transit legs from the events');

  // Assign the unknown outcome value: it leaves the unclassified list and counts as returned.
  await page.getByTestId('outcome-assign').selectOption('returned');
  await waitForResults(page);
  doc = await exportJson(page);
  assert.deepEqual(doc.customs.unclassified_outcomes, []);
  assert.deepEqual(problems, [], 'no console errors');
});

test('the risk calculator scores a planned shipment against the history', async () => {
  const { page } = await openApp(env.context, env.url);
  await loadDemo(page);
  await gotoPage(page, 'customs');
  const score = async (destination, hs, value, carrier) => {
    await page.getByTestId('risk-destination').fill(destination);
    await page.getByTestId('risk-hs-code').fill(hs);
    await page.getByTestId('risk-value').fill(value);
    await page.getByTestId('risk-carrier').fill(carrier);
    await page.getByTestId('risk-submit').click();
    await page.getByTestId('risk-result').waitFor();
    await waitForResults(page);
    const text = await page.getByTestId('risk-result').innerText();
    const pct = Number(text.match(/([\d.]+)%/)[1]);
    return { text, pct };
  };
  const risky = await score('Brazil', '071290', '90', 'Yanwen');
  await screenshotBoth(page, 'customs-02-risk');
  assert.match(risky.text, /95% interval/);
  assert.match(risky.text, /Yanwen|4PX|Cainiao/, 'alternatives listed');
  const safe = await score('US', '611030', '10', 'DHL eCommerce');
  assert.ok(risky.pct > 2 * safe.pct, `BR dried vegetables (${risky.pct}%) riskier than US knitwear (${safe.pct}%)`);
});

test('bad event files give clear messages', async () => {
  const { page } = await openApp(env.context, env.url);
  await upload(page, path.join(E2E_FIXTURES, 'events_no_time.csv'));
  await waitForMapping(page);
  const card = await mappingCard(page).innerText();
  assert.ok(await page.getByTestId('mapping-confirm').isDisabled(), 'cannot read an events file without times');
  assert.match(card, /Choose the tracking number, event time and event text|ship date/);
  await screenshotBoth(page, 'customs-03-events-without-time');
  await upload(page, path.join(E2E_FIXTURES, 'empty.csv'));
  await page.getByTestId('file-error').first().waitFor();
  assert.match((await page.getByTestId('file-error').first().innerText()), /empty/i);
});
