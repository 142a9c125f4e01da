//! The bench worker (`make bench` only, never part of the shipped site): the same core
//! pipeline the app's worker runs, driven by `bench/bench.js` for the peer harness in
//! `../shared/bench/peers`.
//!
//! It receives the whole CSV as a transferred `ArrayBuffer` and reads it the way the app's
//! worker reads a `File`: 1 MiB slices copied into one reused buffer, through the same
//! `Workspace` (sniff → preview → automatic mapping → streaming load → shipments →
//! logistics analysis → report JSON), posting the same progress messages. Then the
//! bench-only adapter (`borderlens_bench::harness`) computes the harness's result rows.
//!
//! Messages in: `["bench", ArrayBuffer]`. Out: JSON strings with a `type` of `ready`,
//! `progress`, `done` or `failed`.

use borderlens_bench::{harness, run_pipeline, Outcome};
use borderlens_core::ingest::source::{ByteSource, MemorySource};
use borderlens_core::job::Response;
use borderlens_core::model::Date;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Rows of the warm-up file, and how many times it is loaded before the page says ready.
const WARM_UP_ROWS: usize = 20_000;
const WARM_UP_RUNS: usize = 3;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now_ms() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}

fn post(value: serde_json::Value) {
    if let Err(e) = scope().post_message(&JsValue::from_str(&value.to_string())) {
        web_sys::console::error_2(&JsValue::from_str("bench worker: could not post"), &e);
    }
}

fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
}

/// A transferred buffer, read in slices like `FileSource` reads a `File`.
struct BufferSource(js_sys::Uint8Array);

impl ByteSource for BufferSource {
    fn size(&self) -> u64 {
        self.0.length() as u64
    }

    fn read_into(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> Result<(), String> {
        let size = self.size();
        let start = offset.min(size) as u32;
        let end = offset.saturating_add(len as u64).min(size) as u32;
        buf.clear();
        buf.resize((end - start) as usize, 0);
        self.0.subarray(start, end).copy_to(buf);
        Ok(())
    }
}

fn run(name: &str, source: &mut dyn ByteSource) -> Result<Outcome, String> {
    let mut progress =
        |p| post(json!({ "type": "progress", "json": Response::Progress { dataset: Some(1), progress: p }.to_json() }));
    run_pipeline(name, source, today(), &now_ms, &mut progress)
}

fn on_message(event: MessageEvent) {
    let message: js_sys::Array = event.data().unchecked_into();
    if message.get(0).as_string().as_deref() != Some("bench") {
        post(json!({ "type": "failed", "error": "unknown request" }));
        return;
    }
    let bytes = js_sys::Uint8Array::new(&message.get(1));
    let size = bytes.length();
    match run("shipments.csv", &mut BufferSource(bytes)) {
        Ok(out) => post(json!({
            "type": "done",
            "steps": out.times,
            "parse_ms": out.times.parse_ms(),
            "analyze_ms": out.times.analyze_ms(),
            "result": out.harness,
            "info": {
                "bytes": size, "rows_read": out.rows_read, "rows_used": out.rows_used,
                "mapped": out.mapped, "mapped_by_bench": out.mapped_by_bench,
                "report_json_bytes": out.report_json_bytes,
            },
        })),
        Err(e) => post(json!({ "type": "failed", "error": e })),
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Warm up on a small file of the same shape, so the timed run gets V8's optimised code.
    let t0 = now_ms();
    let sample = harness::sample_csv(WARM_UP_ROWS);
    let mut warm_up_ms = Vec::new();
    for _ in 0..WARM_UP_RUNS {
        let t = now_ms();
        if let Err(e) = run_pipeline("warm-up.csv", &mut MemorySource(sample.as_bytes()), today(), &now_ms, &mut |_| {})
        {
            post(json!({ "type": "failed", "error": format!("warm-up: {e}") }));
            return;
        }
        warm_up_ms.push(now_ms() - t);
    }
    post(
        json!({ "type": "ready", "warm_up_ms": warm_up_ms, "warm_up_total_ms": now_ms() - t0, "warm_up_rows": WARM_UP_ROWS }),
    );
}
