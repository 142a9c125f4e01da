// The harness contract (../shared/bench/peers/README.md) for our app: window.__benchReady
// starts the bench worker, which warms up on a small file of the same shape; window.__bench
// transfers the CSV bytes to it (no copy) and resolves when the worker has loaded, analysed
// and computed the harness's result rows. Times: the worker's own split of parse and
// analysis, with everything the page waited for beyond that (posting the buffer, progress
// messages, the result message) added to parse_ms, so parse_ms + analyze_ms is the page's wall time.
const t0 = performance.now();
// Main-thread long tasks (the page only posts messages; the work is in the worker).
const longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
const worker = new Worker('./bench_worker_loader.js', { type: 'module' });
let waiting = null;
let progressMessages = 0;

worker.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  if (msg.type === 'progress') { progressMessages++; return; }
  const w = waiting;
  waiting = null;
  if (!w) return;
  if (msg.type === 'failed') w.reject(new Error(msg.error));
  else w.resolve(msg);
};
worker.onerror = (e) => { if (waiting) { waiting.reject(new Error(`worker error: ${e.message}`)); waiting = null; } };

const next = () => new Promise((resolve, reject) => { waiting = { resolve, reject }; });

window.__benchReady = (async () => {
  const ready = await next();
  return {
    init_ms: performance.now() - t0,
    versions: { borderlens: '0.1.0' },
    info: { warm_up_ms: ready.warm_up_ms, warm_up_rows: ready.warm_up_rows },
  };
})();

window.__bench = async (bytes) => {
  await window.__benchReady;
  progressMessages = 0;
  longTasks.length = 0;
  const done = next();
  const start = performance.now();
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
  worker.postMessage(['bench', buffer], [buffer]);
  const r = await done;
  const wall = performance.now() - start;
  return {
    parse_ms: wall - r.analyze_ms,
    analyze_ms: r.analyze_ms,
    result: r.result,
    info: {
      ...r.info, steps: r.steps, worker_parse_ms: r.parse_ms, progress_messages: progressMessages,
      main_thread_long_tasks: longTasks.length, longest_main_thread_task_ms: Math.max(0, ...longTasks),
    },
  };
};
