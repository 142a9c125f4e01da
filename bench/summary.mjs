#!/usr/bin/env node
// Prints the summary of a `make bench` run against the aims in docs/benchmarks.md, from the
// files scripts/bench.sh wrote: the harness driver's results (our page beside the peers, and
// the native rows it merged), the real-path measurement and the site's gzipped size.
//
//   node bench/summary.mjs bench/work   (prints markdown; also writes bench/work/summary.md)
import fs from 'node:fs';
import path from 'node:path';

const WORK = path.resolve(process.argv[2] || 'bench/work');
const read = (f) => { try { return JSON.parse(fs.readFileSync(path.join(WORK, f), 'utf8')); } catch { return null; } };
const results = read('results.json');
const real = read('real_path.json');
const size = read('site_size.json');
if (!results) throw new Error(`no ${WORK}/results.json: run scripts/bench.sh`);

const f = (x, d = 0) => (x == null || !Number.isFinite(x) ? '-' : x.toFixed(d));
const yes = (ok) => (ok == null ? '?' : ok ? 'met' : '**not met**');
const mb = (bytes) => bytes / 2 ** 20;
const out = [];
const say = (s = '') => out.push(s);

const rowsList = [...new Set(results.browser.map((r) => r.rows))].sort((a, b) => a - b);
const browser = (peer, rows) => results.browser.find((r) => r.peer === peer && r.rows === rows);
const native = (peer, rows) => (results.native || []).find((r) => r.peer === peer && r.rows === rows);

say(`Run of ${results.generated_at}: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.mem_gb} GB;`
  + ` ${results.chromium}; ${results.runs_per_config} runs per configuration, medians.`);
say();
say('| rows | file MB | ours ms (parse + analysis) | DuckDB-WASM ms | ours / DuckDB | ours Δ RSS MB | Δ RSS / file | DuckDB Δ RSS MB | ours native ms | valid |');
say('|--:|--:|--:|--:|--:|--:|--:|--:|--:|:--|');
const aims = {};
for (const rows of rowsList) {
  const o = browser('ours', rows);
  const d = browser('duckdb', rows);
  const n = native('native:borderlens', rows);
  if (!o) continue;
  const ratio = d && o.total_ms ? o.total_ms / d.total_ms : null;
  const growth = o.delta_rss_mb != null && o.bytes ? o.delta_rss_mb / mb(o.bytes) : null;
  aims[rows] = { ratio, growth, longest: o.info?.longest_main_thread_task_ms };
  say(`| ${rows} | ${f(mb(o.bytes || 0))} | ${f(o.total_ms)} (${f(o.parse_ms)} + ${f(o.analyze_ms)}) | ${f(d?.total_ms)} | ${f(ratio, 2)}`
    + ` | ${f(o.delta_rss_mb)} | ${f(growth, 2)} | ${f(d?.delta_rss_mb)} | ${f(n?.total_ms)} | ${o.valid ? 'ok' : o.valid === false ? 'NO' : '?'} |`);
}
say();
if (real) {
  say('Real path (dist/: file input -> mapping -> results ready):');
  say();
  say('| file | total ms | pick -> mapping ms | confirm -> results ms | longest main-thread task ms | tasks > 100 ms | Δ RSS MB |');
  say('|:--|--:|--:|--:|--:|--:|--:|');
  for (const r of real.records) {
    say(`| ${r.file} | ${f(r.pick_to_results_ms)} | ${f(r.pick_to_mapping_ms)} | ${f(r.confirm_to_results_ms)} | ${f(r.longest_task_ms)} | ${r.long_tasks_over_100ms} | ${f(r.delta_rss_mb)} |`);
  }
  say();
}
if (size) say(`Site: ${size.files} files, ${f(mb(size.bytes), 2)} MB, ${f(mb(size.gzip_bytes), 2)} MB gzipped (gzip -9 per file).`);
say();
const big = Math.max(...rowsList);
const a = aims[big] || {};
const realBig = real?.records?.find((r) => r.file.includes(String(big)));
const longest = Math.max(...Object.values(aims).map((x) => x.longest ?? 0), ...(real?.records || []).map((r) => r.longest_task_ms ?? 0));
say('| aim | measured | |');
say('|:--|:--|:--|');
say(`| ≤ 0.25 × DuckDB-WASM's time (${big} rows, same run) | ${f(a.ratio, 2)} × | ${yes(a.ratio != null ? a.ratio <= 0.25 : null)} |`);
say(`| memory growth < 1.5 × file size (${big} rows, bench page) | ${f(a.growth, 2)} × | ${yes(a.growth != null ? a.growth < 1.5 : null)} |`);
if (realBig) {
  const g = realBig.delta_rss_mb / mb(realBig.bytes);
  say(`| memory growth < 1.5 × file size (${big} rows, real path, UI included) | ${f(g, 2)} × | ${yes(g < 1.5)} |`);
}
say(`| no main-thread task over 100 ms (bench page and real path) | longest ${f(longest)} ms | ${yes(longest <= 100)} |`);
if (size) say(`| whole site < 1.5 MB gzipped | ${f(mb(size.gzip_bytes), 2)} MB | ${yes(mb(size.gzip_bytes) < 1.5)} |`);
const text = out.join('\n');
console.log(text);
fs.writeFileSync(path.join(WORK, 'summary.md'), text + '\n');
