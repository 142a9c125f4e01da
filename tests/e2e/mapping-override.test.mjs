// The user corrects the automatic mapping (tests/fixtures/e2e/override.csv): the service was
// taken from a "Product" column and the promise column "Agreed days" was not recognised. The
// corrected choices must be what the analysis uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  E2E_FIXTURES, browserSuite, openApp, upload, waitForMapping, mappingChoices, mappingCard, headerOf, chooseColumn,
  confirmAllMappings, waitForResults, exportJson, gotoPage, screenshotBoth,
} from './harness.mjs';

const FILE = path.join(E2E_FIXTURES, 'override.csv');
// Columns of override.csv.
const LINE = 6;
const AGREED_DAYS = 7;

const env = browserSuite();

test('changing the service and promise columns changes the results', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await upload(page, FILE);
  await waitForMapping(page);
  const proposed = await mappingChoices(page);
  assert.equal(headerOf(proposed.ship_date), 'Dispatched on');
  assert.equal(headerOf(proposed.delivered_date), 'Delivered on');
  assert.equal(headerOf(proposed.destination), 'Country');
  assert.equal(headerOf(proposed.carrier), 'Courier');
  // The premise of this test: the automatic mapping is wrong here and incomplete there.
  assert.notEqual(proposed.service.column, String(LINE), 'service not proposed from "Line"');
  assert.notEqual(proposed.promised_days.column, String(AGREED_DAYS), 'promise not proposed from "Agreed days"');
  assert.match(await mappingCard(page).innerText(), /✗ On-time rate/, 'without a promise, no on-time rate');
  await screenshotBoth(page, 'override-01-proposed');

  await chooseColumn(page, 'service', LINE);
  await chooseColumn(page, 'promised_days', AGREED_DAYS);
  const chosen = await mappingChoices(page);
  assert.equal(headerOf(chosen.service), 'Line');
  assert.equal(headerOf(chosen.promised_days), 'Agreed days');
  const card = await mappingCard(page).innerText();
  assert.match(card, /✓ On-time rate/, 'the promise makes the on-time rate available');
  assert.match(card, /your choice/, 'the changed fields are marked as the user\'s choice');
  assert.match(card, /5-8 days|10-15 days/, 'the promise column\'s sample values are shown');
  await screenshotBoth(page, 'override-02-changed');

  await confirmAllMappings(page);
  await waitForResults(page);
  const doc = await exportJson(page);
  const { groups } = doc.logistics;
  assert.deepEqual([...new Set(groups.map((g) => g.service))].sort(), ['Economy', 'Priority'], 'services from "Line"');
  for (const g of groups) {
    assert.equal(typeof g.on_time_rate, 'number', `${g.service}: an on-time rate from "Agreed days"`);
  }
  // Priority promises 5-8 days and takes 4-9; Economy promises 10-15 and takes 8-20.
  const priority = groups.find((g) => g.service === 'Priority');
  const economy = groups.find((g) => g.service === 'Economy');
  assert.ok(priority.p50_days < economy.p50_days);

  await gotoPage(page, 'data');
  const used = await page.locator('main').innerText();
  assert.match(used, /Service \/ channel\s*←\s*Line/);
  assert.match(used, /←\s*Agreed days/);
  await screenshotBoth(page, 'override-03-data');
  assert.deepEqual(problems, [], 'no console errors');
});
