//! Times the app's real pipeline natively on shipments CSV files, each run in a fresh
//! process so its peak memory is its own.
//!
//! ```text
//! bench_native [--runs 3] [--merge-into results/native.json] FILE...
//! ```
//!
//! Prints one line per file (medians) and, with `--merge-into`, adds a `native:borderlens`
//! record per file to the peer harness's `results/native.json`, so its driver validates our
//! result rows and prints them beside DuckDB's.

use borderlens_bench::run_pipeline;
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::model::Date;
use serde_json::{json, Value};
use std::process::Command;
use std::time::Instant;

fn status_kb(field: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time this process has run, in ms (`/proc/self/schedstat`): unlike wall time it hardly
/// moves when other jobs share the machine, so it is the figure to compare optimisations by.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns / 1e6)
}

/// One run in this process: reads the file (not timed), then times the pipeline.
fn one(path: &str) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let base_rss_mb = status_kb("VmRSS:").unwrap_or(0.0) / 1024.0;
    let _ = std::fs::write("/proc/self/clear_refs", "5"); // reset VmHWM to the current RSS
    let cpu_start = cpu_ms();
    let start = Instant::now();
    let now = || start.elapsed().as_secs_f64() * 1e3;
    let name = std::path::Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or("shipments.csv");
    let today = Date::from_ymd(2026, 1, 1);
    let out = run_pipeline(name, &mut MemorySource(&bytes), today, &now, &mut |_| {})?;
    let cpu_ms = cpu_ms() - cpu_start;
    let peak_rss_mb = status_kb("VmHWM:").unwrap_or(0.0) / 1024.0;
    let t = out.times;
    Ok(json!({
        "parse_ms": t.parse_ms(), "analyze_ms": t.analyze_ms(), "total_ms": t.parse_ms() + t.analyze_ms(),
        "cpu_ms": cpu_ms, "peak_rss_mb": peak_rss_mb, "base_rss_mb": base_rss_mb, "bytes": bytes.len(),
        "steps": t, "rows_read": out.rows_read, "rows_used": out.rows_used,
        "report_json_bytes": out.report_json_bytes, "mapped": out.mapped, "mapped_by_bench": out.mapped_by_bench,
        "result": out.harness,
    }))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

/// Guesses the row count from a harness file name (`shipments_1000000.csv`).
fn rows_of(path: &str, runs: &[Value]) -> u64 {
    let digits: String = path.rsplit('/').next().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| runs[0]["rows_read"].as_u64().unwrap_or(0))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() == 2 && args[0] == "--one" {
        println!("{}", one(&args[1])?);
        return Ok(());
    }
    let (mut runs, mut merge_into, mut files) = (3usize, None::<String>, Vec::new());
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|v| v.parse().ok()).ok_or("--runs N")?,
            "--merge-into" => merge_into = Some(it.next().ok_or("--merge-into FILE")?),
            "-h" | "--help" => {
                println!("bench_native [--runs 3] [--merge-into results/native.json] FILE...");
                return Ok(());
            }
            _ => files.push(a),
        }
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut records = Vec::new();
    for file in &files {
        let mut done = Vec::new();
        for _ in 0..runs {
            let out = Command::new(&exe).args(["--one", file]).output().map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(format!("{file}: {}", String::from_utf8_lossy(&out.stderr)));
            }
            let line = String::from_utf8_lossy(&out.stdout);
            done.push(serde_json::from_str::<Value>(line.trim()).map_err(|e| e.to_string())?);
        }
        let med = |k: &str| median(done.iter().map(|r| r[k].as_f64().unwrap_or(f64::NAN)).collect());
        let step = |k: &str| median(done.iter().map(|r| r["steps"][k].as_f64().unwrap_or(f64::NAN)).collect());
        let rows = rows_of(file, &done);
        let rec = json!({
            "peer": "native:borderlens", "rows": rows, "runs": done.len(),
            "parse_ms": med("parse_ms"), "analyze_ms": med("analyze_ms"), "total_ms": med("total_ms"), "cpu_ms": med("cpu_ms"),
            "peak_rss_mb": med("peak_rss_mb"), "base_rss_mb": done[0]["base_rss_mb"],
            "steps": {
                "open_ms": step("open_ms"), "load_ms": step("load_ms"), "analyse_ms": step("analyse_ms"),
                "report_json_ms": step("report_json_ms"), "harness_ms": step("harness_ms"),
            },
            "rows_used": done[0]["rows_used"], "mapped": done[0]["mapped"], "mapped_by_bench": done[0]["mapped_by_bench"],
            "raw": done.iter().map(|r| json!({
                "parse_ms": r["parse_ms"], "analyze_ms": r["analyze_ms"], "total_ms": r["total_ms"],
                "cpu_ms": r["cpu_ms"], "peak_rss_mb": r["peak_rss_mb"], "steps": r["steps"],
            })).collect::<Vec<_>>(),
            "versions": { "borderlens_core": env!("CARGO_PKG_VERSION") },
            "result": done[0]["result"],
        });
        eprintln!(
            "[bench_native] rows={rows:>8} parse={:8.1} ms analyze={:7.1} ms total={:8.1} ms (cpu {:8.1} ms) peakRSS={:7.1} MB (base {:.1} MB)",
            med("parse_ms"),
            med("analyze_ms"),
            med("total_ms"),
            med("cpu_ms"),
            med("peak_rss_mb"),
            done[0]["base_rss_mb"].as_f64().unwrap_or(0.0)
        );
        records.push(rec);
    }
    if let Some(path) = merge_into {
        let mut all: Vec<Value> =
            std::fs::read_to_string(&path).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
        all.retain(|r| r["peer"] != "native:borderlens");
        all.extend(records.iter().cloned());
        std::fs::write(&path, serde_json::to_string(&all).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    } else {
        for r in &records {
            let mut r = r.clone();
            r.as_object_mut().map(|o| o.remove("result"));
            println!("{r}");
        }
    }
    Ok(())
}
