//! The inventory analysis on the real UCI Online Retail sample (Dec 2010 – 9 Dec 2011), against
//! the pandas reference in `tests/fixtures/reference/forecast_reference.json`
//! (`scripts/reference/forecast_reference.py`), through the same public API as the web worker.
//!
//! The data has no November before 2011, so the backtest forecasts each week of November 2011
//! one week ahead from the weeks before it, and the baseline is the mean of the last four
//! weeks. The weekly demand (sales only: no cancellations, returns or non-product lines) and
//! the baseline's errors must equal pandas' exactly; the model's errors are recorded in
//! `tests/fixtures/reference/online_retail_backtest.json` and in docs/inventory-backtest.md.
//! Set `BORDERLENS_RECORD=1` to rewrite that record after a deliberate change of the model.
//!
//! Without `../shared/data/real` the test prints a note and passes.

use borderlens_core::analysis::inventory::backtest::{backtest, backtest_total, BacktestPlan};
use borderlens_core::analysis::inventory::calendar::{estimate_uplifts, Uplifts};
use borderlens_core::analysis::inventory::demand::Demand;
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::model::Date;
use borderlens_core::session::Workspace;
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn online_retail_november_backtest() {
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("tests/fixtures/reference/forecast_reference.json")).unwrap(),
    )
    .unwrap();
    let r = &reference["online_retail"];
    let data_dir = std::env::var_os("BORDERLENS_REAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/data/real"));
    let path = data_dir.join(r["file"].as_str().unwrap());
    if !path.is_file() {
        let _ = writeln!(std::io::stderr(), "note: online retail backtest skipped, no {}", path.display());
        return;
    }
    let bytes = std::fs::read(&path).unwrap();
    let mut ws = Workspace::default();
    let proposal = ws.open(1, "online_retail_invoices_a.csv", &mut MemorySource(&bytes)).unwrap();
    assert_eq!(format!("{:?}", proposal.mapping.kind), "Orders");
    let summary = ws.load(1, proposal.mapping, &mut MemorySource(&bytes), None, &mut |_| {}).unwrap();
    assert_eq!(summary.rows_read, r["rows"].as_u64().unwrap());

    let inputs = ws.inventory_inputs();
    let demand = Demand::gather(&inputs.orders);
    let total = demand.series_to_end(None);
    assert_eq!(total.start.to_string(), r["first_week"].as_str().unwrap());
    let expected_weeks: Vec<f64> =
        r["total_weekly_units"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(total.units, expected_weeks, "weekly sales units");
    // SKUs with sales inside the whole weeks (pandas' grid leaves out the partial first and last weeks).
    let selling = demand.per_sku.keys().filter(|s| demand.series_to_end(Some(s)).units.iter().any(|&u| u > 0.0));
    assert_eq!(selling.count() as u64, r["skus"].as_u64().unwrap());

    let origins: Vec<&str> = r["origins"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let plan =
        BacktestPlan { first_origin: Date::parse_iso(origins[0]).unwrap(), origins: origins.len(), horizon_weeks: 1 };
    let uplifts = estimate_uplifts(&total.before(plan.first_origin));
    let total_result = backtest(&total, &plan, &uplifts);
    let base = &r["baseline_total_one_step"];
    assert!(close(total_result.baseline.abs_error, base["abs_error"].as_f64().unwrap()));
    assert!(close(total_result.baseline.error, base["error"].as_f64().unwrap()));
    assert!(close(total_result.baseline.actual, base["actual"].as_f64().unwrap()));

    let per_sku: Vec<_> =
        demand.per_sku.keys().map(|sku| backtest(&demand.series_to_end(Some(sku)), &plan, &uplifts)).collect();
    let pooled = backtest_total(&per_sku);
    let base = &r["baseline_per_sku_one_step"];
    assert!(close(pooled.baseline.abs_error, base["abs_error"].as_f64().unwrap()), "{:?}", pooled.baseline);
    assert!(close(pooled.baseline.actual, base["actual"].as_f64().unwrap()));

    // The model's figures: recorded, and compared with the record.
    let record = json!({
        "origins": origins,
        "total": {
            "model": total_result.points.last().map(|p| p.model_kind),
            "wape": total_result.model.wape, "bias": total_result.model.bias,
            "wape_baseline": total_result.baseline.wape, "bias_baseline": total_result.baseline.bias,
            "model_beats_baseline": total_result.model_beats_baseline,
        },
        "per_sku_pooled": {
            "skus": pooled.series, "model_better": pooled.model_better,
            "wape": pooled.model.wape, "bias": pooled.model.bias,
            "wape_baseline": pooled.baseline.wape, "bias_baseline": pooled.baseline.bias,
        },
    });
    let record_path = repo_root().join("tests/fixtures/reference/online_retail_backtest.json");
    if std::env::var_os("BORDERLENS_RECORD").is_some() {
        std::fs::write(&record_path, serde_json::to_string_pretty(&record).unwrap() + "\n").unwrap();
    }
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&record_path).unwrap()).unwrap();
    for (section, key) in [("total", "wape"), ("total", "bias"), ("per_sku_pooled", "wape"), ("per_sku_pooled", "bias")]
    {
        let (got, want) = (record[section][key].as_f64().unwrap(), recorded[section][key].as_f64().unwrap());
        assert!(close(got, want), "{section}.{key}: {got} vs recorded {want}");
    }
    assert_eq!(record["total"]["model_beats_baseline"], recorded["total"]["model_beats_baseline"]);
    let _ = Uplifts::none();
}
