//! Benchmark support, never part of the shipped app: runs the app's real pipeline (sniff →
//! preview → automatic mapping → streaming load → shipments → logistics analysis) on one
//! file with a timing per step, and computes the peer harness's result rows
//! (`../shared/bench/peers`) from the loaded shipments so our numbers can be checked
//! against DuckDB's.
//!
//! The native bench (`bench_native`) and the in-browser bench worker (`bench_worker` in
//! `crates/worker`) both call [`run_pipeline`], so they time the very same code.

pub mod harness;

use borderlens_core::ingest::load::LoadProgress;
use borderlens_core::ingest::source::ByteSource;
use borderlens_core::job::Response;
use borderlens_core::mapping::Field;
use borderlens_core::model::{Date, Shipments};
use borderlens_core::session::Workspace;
use serde::Serialize;

/// How long each step took, in milliseconds.
#[derive(Serialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct StepTimes {
    /// Format and encoding sniffing, preview, header detection and automatic mapping.
    pub open_ms: f64,
    /// Reading every record into typed columns and building the shipments table.
    pub load_ms: f64,
    /// The logistics analysis the app runs after a load (every figure of the page).
    pub analyse_ms: f64,
    /// Serialising that report as the worker does before posting it to the page.
    pub report_json_ms: f64,
    /// The bench-only harness rows computed from the loaded shipments.
    pub harness_ms: f64,
}

impl StepTimes {
    /// Bytes → typed, validated shipments (the harness's "parse").
    pub fn parse_ms(&self) -> f64 {
        self.open_ms + self.load_ms
    }

    /// Everything after the load (the harness's "analyze").
    pub fn analyze_ms(&self) -> f64 {
        self.analyse_ms + self.report_json_ms + self.harness_ms
    }
}

/// What one pipeline run produced.
pub struct Outcome {
    pub times: StepTimes,
    pub rows_read: u64,
    pub rows_used: u64,
    pub report_json_bytes: usize,
    pub harness: harness::HarnessResult,
    /// The fields the automatic mapping chose, by name, plus any the bench added.
    pub mapped: Vec<String>,
    /// Fields the bench mapped by hand because the automatic mapping left them out.
    pub mapped_by_bench: Vec<String>,
}

/// Runs the app's pipeline on one shipments file. `now` is a millisecond clock
/// (`performance.now()` in the browser, `Instant` natively); `progress` gets the same load
/// progress the worker posts to the page.
pub fn run_pipeline(
    name: &str,
    source: &mut dyn ByteSource,
    today: Option<Date>,
    now: &dyn Fn() -> f64,
    progress: &mut dyn FnMut(LoadProgress),
) -> Result<Outcome, String> {
    let mut ws = Workspace::default();
    let t0 = now();
    let proposal = ws.open(1, name, source).map_err(|e| format!("open: {e:?}"))?;
    let mut mapping = proposal.mapping;
    // The harness's detention rate needs the customs outcome; our catalogue has no customs
    // field yet, so the bench points `Status` at that column explicitly (it is read as a
    // plain category, exactly as a status column would be).
    let mut mapped_by_bench = Vec::new();
    if !mapping.has(Field::Status) {
        let headers = proposal.preview.headers();
        if let Some(col) = headers.iter().position(|h| h == harness::CUSTOMS_OUTCOME) {
            mapping.assign(Field::Status, Some(col));
            mapped_by_bench.push(format!("{}={}", Field::Status.as_str(), harness::CUSTOMS_OUTCOME));
        }
    }
    let mapped = mapping.fields.iter().filter(|f| f.column.is_some()).map(|f| f.field.as_str().to_owned()).collect();
    let t1 = now();
    let summary = ws.load(1, mapping, source, today, progress).map_err(|e| format!("load: {e:?}"))?;
    let t2 = now();
    let report = ws.analyse();
    let t3 = now();
    let json = Response::Results { report: Box::new(report) }.to_json();
    let t4 = now();
    let shipments = loaded_shipments(&ws).ok_or("no shipments loaded")?;
    let harness = harness::compute(shipments).map_err(|e| format!("harness rows: {e}"))?;
    let t5 = now();
    Ok(Outcome {
        times: StepTimes {
            open_ms: t1 - t0,
            load_ms: t2 - t1,
            analyse_ms: t3 - t2,
            report_json_ms: t4 - t3,
            harness_ms: t5 - t4,
        },
        rows_read: summary.rows_read,
        rows_used: summary.rows_used,
        report_json_bytes: json.len(),
        harness,
        mapped,
        mapped_by_bench,
    })
}

fn loaded_shipments(ws: &Workspace) -> Option<&Shipments> {
    ws.shipments().into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use borderlens_core::ingest::source::MemorySource;

    const CSV: &str = "order_id,ship_date,delivered_date,promised_days,dest_country,carrier,hs_code,customs_outcome\n\
        A1,2024-03-01,2024-03-11,12,US,4PX,090111,cleared\n\
        A2,2024-03-01,2024-03-21,12,US,4PX,090112,returned\n\
        A3,2024-03-02,,12,US,4PX,851762,confiscated\n\
        A4,2024-03-02,2024-03-05,5,BR,4PX,851762,cleared\n";

    #[test]
    fn computes_the_harness_rows_from_the_real_pipeline() {
        let clock = || 0.0;
        let out = run_pipeline("s.csv", &mut MemorySource(CSV.as_bytes()), None, &clock, &mut |_| {}).unwrap();
        assert_eq!(out.rows_used, 4);
        let mut rows = out.harness.by_dest_carrier.clone();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let us = &rows[1];
        assert_eq!((us.0.as_deref(), us.1.as_deref(), us.2, us.3), (Some("US"), Some("4PX"), 3, 2));
        assert_eq!(us.4, 1.0 / 3.0); // on time over all parcels, undelivered counted as late
        assert_eq!((us.5, us.8), (Some(15.0), Some((50.0f64).sqrt())));
        assert_eq!(us.9, 2.0 / 3.0);
        let mut chapters = out.harness.by_chapter_dest.clone();
        chapters.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let keys: Vec<_> = chapters.iter().map(|c| (c.0.as_deref().unwrap(), c.1.as_deref().unwrap(), c.2)).collect();
        assert_eq!(keys, vec![("09", "US", 2), ("85", "BR", 1), ("85", "US", 1)]);
        assert_eq!(chapters[0].3, 0.5);
    }

    #[test]
    fn the_warm_up_sample_loads_in_full() {
        let csv = harness::sample_csv(500);
        let clock = || 0.0;
        let out = run_pipeline("s.csv", &mut MemorySource(csv.as_bytes()), None, &clock, &mut |_| {}).unwrap();
        assert_eq!((out.rows_read, out.rows_used), (500, 500));
        assert!(out.mapped_by_bench.is_empty() || out.mapped_by_bench == ["status=customs_outcome"]);
        assert!(!out.harness.by_dest_carrier.is_empty());
    }
}
