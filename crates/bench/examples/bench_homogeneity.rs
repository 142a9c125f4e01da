//! Times the homogeneity analysis natively on synthetic listings: generation and load (not
//! part of the analysis), `prepare` (normalise, shingle, MinHash, LSH, exact Jaccard),
//! `analyse` at the default threshold, a threshold change (only union–find and the figures
//! again), and the report's JSON size.
//!
//! ```text
//! cargo run --release -p borderlens_bench --example bench_homogeneity [-- LISTINGS]
//! cargo run --release -p borderlens_bench --example bench_homogeneity -- --write FILE [LISTINGS]
//! ```
//!
//! `--write` only writes the synthetic listings CSV, for the in-browser benchmark
//! (`scripts/bench.sh` feeds it to `bench/real_path.mjs`).

use borderlens_core::analysis::homogeneity::{self, HomogeneitySettings};
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::model::FxTable;
use borderlens_core::session::{DatasetData, Workspace};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--write") {
        let path = args.get(1).expect("--write needs a file name");
        let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100_000);
        std::fs::write(path, borderlens_core::demo::listings::synthetic_listings_csv(n, 42)).expect("writes the CSV");
        return;
    }
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let start = Instant::now();
    let csv = borderlens_core::demo::listings::synthetic_listings_csv(n, 42);
    let generated_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    let mut ws = Workspace::default();
    let proposal = ws.open(1, "synthetic.csv", &mut MemorySource(csv.as_bytes())).expect("opens");
    ws.load(1, proposal.mapping, &mut MemorySource(csv.as_bytes()), None, &mut |_| {}).expect("loads");
    let DatasetData::Listings(listings) = &ws.datasets[0].data else { panic!("not read as listings") };
    let load_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    let mut progress_calls = 0;
    let prepared = homogeneity::prepare(listings, &mut |_, _| progress_calls += 1);
    let prepare_ms = start.elapsed().as_secs_f64() * 1e3;

    let fx = FxTable::built_in();
    let settings = HomogeneitySettings::default();
    let start = Instant::now();
    let report = homogeneity::analyse(listings, None, &prepared, &settings, &fx);
    let analyse_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    let json = serde_json::to_string(&report).expect("serialises");
    let json_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    let moved =
        homogeneity::analyse(listings, None, &prepared, &HomogeneitySettings { threshold: 0.5, ..settings }, &fx);
    let threshold_ms = start.elapsed().as_secs_f64() * 1e3;

    println!("listings                {n}");
    println!("generate CSV            {generated_ms:9.1} ms ({} MB)", csv.len() / 1_000_000);
    println!("open + load             {load_ms:9.1} ms");
    println!("prepare                 {prepare_ms:9.1} ms ({progress_calls} progress calls)");
    println!("  candidate pairs       {}", prepared.candidates);
    println!("  pairs kept (>= 0.4)   {}", prepared.pairs.len());
    println!("analyse at {:.2}         {analyse_ms:9.1} ms ({} clusters)", report.threshold, report.clusters_total);
    println!("report JSON             {json_ms:9.1} ms ({} KB)", json.len() / 1000);
    println!("threshold -> 0.50       {threshold_ms:9.1} ms ({} clusters)", moved.clusters_total);
}
