// The overview and the consultant report: the demo's headlines, the report in English and
// Chinese with the seller's name, downloaded as one standalone HTML file with charts as
// images, and a print stylesheet that shows the document alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  browserSuite, openApp, loadDemo, download, gotoPage, setLanguage, screenshot, screenshotBoth,
} from './harness.mjs';

const env = browserSuite();

test('the overview says what is missing before data and headlines each problem after', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await gotoPage(page, 'overview');
  await page.getByTestId('overview').waitFor();
  assert.match(await page.getByTestId('overview').innerText(), /try the demo data/);
  await loadDemo(page, 120_000);
  await gotoPage(page, 'overview');
  for (const id of ['headline-logistics', 'headline-customs', 'headline-inventory', 'headline-homogeneity']) {
    await page.getByTestId(id).waitFor();
  }
  assert.match(await page.getByTestId('headline-inventory').innerText(), /Ship for the peak by\s*\d{4}-\d{2}-\d{2}/);
  await screenshotBoth(page, 'overview-02-headlines');
  assert.deepEqual(problems, []);
});

test('the report downloads as standalone HTML in both languages and prints alone', async () => {
  const { page, problems } = await openApp(env.context, env.url);
  await loadDemo(page, 120_000);
  await page.getByTestId('report-open').click();
  await page.getByTestId('report-seller').fill('Shenzhen Demo Trading Co.');
  await page.getByTestId('report-doc').locator('canvas').first().waitFor();
  await page.waitForTimeout(800);
  let { name, bytes } = await download(page, 'report-html');
  assert.equal(name, 'borderlens-report.html');
  let html = bytes.toString('utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<html lang="en">/);
  assert.match(html, /Cross-border operations report for Shenzhen Demo Trading Co\./);
  assert.match(html, /Methods appendix/);
  const images = html.match(/<img[^>]+src="data:image\/png;base64,/g) ?? [];
  assert.ok(images.length >= 3, `charts are images (${images.length})`);
  assert.doesNotMatch(html, /<script/i, 'no script in the standalone report');
  assert.doesNotMatch(html, /https?:\/\//, 'nothing is fetched from elsewhere');

  await setLanguage(page, 'zh-CN');
  await page.waitForTimeout(800);
  ({ bytes } = await download(page, 'report-html'));
  html = bytes.toString('utf8');
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /Shenzhen Demo Trading Co\. 跨境运营分析报告/);
  assert.match(html, /方法说明/);

  // The print stylesheet hides the app around the document.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false);
  assert.equal(await page.getByTestId('report-doc').isVisible(), true);
  await screenshot(page, 'zh-report-01-print');
  await page.emulateMedia({ media: 'screen' });
  await setLanguage(page, 'en');
  await screenshot(page, 'en-report-01-screen');
  assert.deepEqual(problems, []);
});
