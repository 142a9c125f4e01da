#!/usr/bin/env node
// The real path, as a user takes it: the shipped site (dist/, strict CSP, served like
// `make serve`), a file picked in the file input, its mapping confirmed, the worker reading
// the File in slices, until "results ready" shows. Headless Chromium, a fresh browser per run.
//
//   node bench/real_path.mjs [--runs 3] [--out bench/work/real_path.json] FILE...
//
// Per run: times in the page's own clock (a capture listener on the file input's `change`,
// a MutationObserver for the mapping screen and for `results-ready`, a capture listener on
// the confirm click), main-thread long tasks (PerformanceObserver 'longtask', registered
// before the app loads), and the renderer's peak RSS over the run (the worker lives in the
// page's renderer process): /proc/PID/clear_refs resets VmHWM before the pick, as the peer
// harness does. Prints a table of medians; writes every run to --out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The harness driver's flags, so the numbers compare with the bench page's.
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-precise-memory-info',
];

function parseArgs(argv) {
  const a = { runs: 3, out: path.join(ROOT, 'bench/work/real_path.json'), files: [], timeoutS: 600 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--out') a.out = path.resolve(argv[++i]);
    else if (k === '--timeout-s') a.timeoutS = Number(argv[++i]);
    else a.files.push(path.resolve(k));
  }
  if (!a.files.length) throw new Error('usage: real_path.mjs [--runs N] [--out FILE] CSV...');
  return a;
}

// ------------------------------------------------------------- /proc (as the harness driver)
function status(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (f) => Number((s.match(new RegExp(`^${f}:\\s+(\\d+) kB`, 'm')) || [])[1] || NaN);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

function rendererPids(userDataDir) {
  const procs = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ');
      procs.push({ pid: Number(d), ppid, cmd });
    } catch { /* gone */ }
  }
  const roots = procs.filter((p) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type=')).map((p) => p.pid);
  const out = [];
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop();
    for (const c of procs.filter((p) => p.ppid === pid)) {
      if (/--type=renderer(\s|$)/.test(c.cmd)) out.push(c.pid);
      stack.push(c.pid);
    }
  }
  return out;
}

// Registered before the app's own scripts: long tasks and the moments that matter.
function instrument() {
  const marks = (window.__marks = {});
  const longTasks = (window.__longTasks = []);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', (e) => {
    if (e.target?.dataset?.testid === 'file-input') marks.picked = performance.now();
  }, true);
  document.addEventListener('click', (e) => {
    if (e.target?.closest?.('[data-testid="mapping-confirm"]')) marks.confirmed = performance.now();
  }, true);
  new MutationObserver(() => {
    if (marks.picked != null && marks.mapping == null && document.querySelector('[data-testid="mapping-confirm"]')) marks.mapping = performance.now();
    if (marks.confirmed != null && marks.results == null && document.querySelector('[data-testid="results-ready"]')) marks.results = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

async function oneRun({ url, file, timeoutS }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'borderlens-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1366, height: 900 }, locale: 'en-US',
  });
  const errors = [];
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(timeoutS * 1000);
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text().slice(0, 300)}`); });
    page.on('crash', () => errors.push('renderer crashed'));
    await page.addInitScript(instrument);
    await page.goto(url, { waitUntil: 'load' });
    await page.getByTestId('load-demo').waitFor({ timeout: 60_000 }); // the app has mounted
    await page.waitForTimeout(500); // let start-up settle (worker instantiated)
    const pids = rendererPids(userDataDir);
    const before = Object.fromEntries(pids.map((p) => [p, status(p)]));
    for (const p of pids) { try { fs.writeFileSync(`/proc/${p}/clear_refs`, '5'); } catch { /* not ours */ } }
    const longTasksBefore = await page.evaluate(() => window.__longTasks.length);

    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('mapping-confirm').first().waitFor();
    await page.getByTestId('mapping-confirm').first().click();
    await page.getByTestId('results-ready').waitFor();
    await page.getByTestId('progress').waitFor({ state: 'detached' });
    await page.waitForTimeout(1000); // charts drawn after the results may still cause long tasks
    const after = Object.fromEntries(pids.map((p) => [p, status(p)]));
    const r = await page.evaluate((skip) => ({ marks: window.__marks, longTasks: window.__longTasks.slice(skip) }), longTasksBefore);
    const [summary = {}] = await page.getByTestId('dataset-summary').evaluateAll((els) => els.map((e) => ({
      rows_read: Number(e.getAttribute('data-rows-read')), rows_used: Number(e.getAttribute('data-rows-used')),
    })));
    let main = null; // the page's renderer: the one whose peak grew most
    for (const p of pids) {
      if (after[p] && before[p] && (!main || after[p].hwm - before[p].rss > after[main].hwm - before[main].rss)) main = p;
    }
    const m = r.marks;
    const tasks = r.longTasks.filter((t) => t.start >= m.picked);
    return {
      ok: true,
      file: path.basename(file),
      bytes: fs.statSync(file).size,
      ...summary,
      pick_to_mapping_ms: m.mapping - m.picked,
      confirm_to_results_ms: m.results - m.confirmed,
      pick_to_results_ms: m.mapping - m.picked + (m.results - m.confirmed),
      long_tasks: tasks.length,
      long_tasks_over_100ms: tasks.filter((t) => t.duration > 100).length,
      longest_task_ms: tasks.reduce((x, t) => Math.max(x, t.duration), 0),
      base_rss_mb: main ? before[main].rss / 1024 : null,
      peak_rss_mb: main ? after[main].hwm / 1024 : null,
      delta_rss_mb: main ? (after[main].hwm - before[main].rss) / 1024 : null,
      errors,
    };
  } catch (e) {
    return { ok: false, file: path.basename(file), error: String(e?.message || e).slice(0, 1000), errors };
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!a.length) return null;
  const k = a.length >> 1;
  return a.length % 2 ? a[k] : (a[k - 1] + a[k]) / 2;
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: run `make build` first');
  const { server, url } = await startServer(dist, { port: 18700 + Math.floor(Math.random() * 200) });
  const records = [];
  try {
    for (const file of args.files) {
      const runs = [];
      for (let i = 0; i < args.runs; i++) {
        const r = await oneRun({ url, file, timeoutS: args.timeoutS });
        console.error(`[real path] ${path.basename(file)} run ${i + 1}/${args.runs}: ` + (r.ok
          ? `pick->mapping ${r.pick_to_mapping_ms.toFixed(0)} ms, confirm->results ${r.confirm_to_results_ms.toFixed(0)} ms, `
            + `longest task ${r.longest_task_ms.toFixed(0)} ms, peak RSS +${r.delta_rss_mb?.toFixed(0)} MB, rows ${r.rows_used}`
            + (r.errors.length ? ` (${r.errors.length} errors: ${r.errors[0]})` : '')
          : `FAILED: ${r.error}`));
        runs.push(r);
        if (!r.ok) break;
      }
      const ok = runs.filter((r) => r.ok);
      const m = (k) => median(ok.map((r) => r[k]));
      records.push({
        file: path.basename(file), bytes: ok[0]?.bytes ?? null, rows_used: ok[0]?.rows_used ?? null, runs: runs.length, runs_ok: ok.length,
        pick_to_mapping_ms: m('pick_to_mapping_ms'), confirm_to_results_ms: m('confirm_to_results_ms'), pick_to_results_ms: m('pick_to_results_ms'),
        longest_task_ms: Math.max(0, ...ok.map((r) => r.longest_task_ms)), long_tasks_over_100ms: Math.max(0, ...ok.map((r) => r.long_tasks_over_100ms)),
        base_rss_mb: m('base_rss_mb'), peak_rss_mb: m('peak_rss_mb'), delta_rss_mb: m('delta_rss_mb'),
        raw: runs,
      });
    }
  } finally {
    server.close();
  }
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify({ generated_at: new Date().toISOString(), runs_per_file: args.runs, statistic: 'median', records }, null, 1));
  const f = (x, d = 0) => (x == null ? '-' : x.toFixed(d));
  console.log(`real path (dist/, file input -> mapping -> results ready), medians of ${args.runs}; longest task = max over runs`);
  console.log('| file | rows used | pick -> mapping ms | confirm -> results ms | total ms | longest main-thread task ms | tasks > 100 ms | peak RSS MB | Δ RSS MB |');
  console.log('|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of records) {
    console.log(`| ${r.file} | ${r.rows_used ?? '-'} | ${f(r.pick_to_mapping_ms)} | ${f(r.confirm_to_results_ms)} | ${f(r.pick_to_results_ms)} | ${f(r.longest_task_ms)} | ${r.long_tasks_over_100ms} | ${f(r.peak_rss_mb)} | ${f(r.delta_rss_mb)} |`);
  }
  console.log(`\nwrote ${args.out}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
