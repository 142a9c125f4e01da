//! Every logistics figure on real public shipment data, checked against an independent pandas
//! computation.
//!
//! The files stay in `../shared/data/real/` beside the repository (their licences keep them
//! out of it; see each folder's SOURCE.md). `scripts/reference/logistics_reference.py`
//! computes the same figures from them with pandas and numpy and its output is committed in
//! `tests/fixtures/reference/`. These tests drive the public API as the web worker does —
//! [`Workspace::open`], [`Workspace::load`] with the proposed mapping, [`Workspace::analyse`] —
//! reading the file in slices through a [`ByteSource`], and compare:
//!
//! - the columns the automatic mapping picks with the ones the script was told to use;
//! - rows read, used, rejected and blank, and every rejected row (line, column, reason);
//! - every figure of every group and overall: integers and flags exactly, floats to 1e-9
//!   relative (1e-12 absolute for values that are exactly zero in exact arithmetic, such as
//!   a Wilson bound at 0 %), because numpy interpolates, sums and takes square roots in
//!   another order than borderlens' day-count histogram.
//!
//! Without the data directory each test prints a note and passes: a clone without
//! `../shared` cannot run them, and that is not a failure of the code.
//! `BORDERLENS_REAL_DATA=/some/dir` points them at another copy of the data.

use borderlens_core::analysis::logistics::{GroupField, GroupStats, LogisticsReport};
use borderlens_core::ingest::quality::{RejectReason, Rejection};
use borderlens_core::ingest::source::ByteSource;
use borderlens_core::mapping::Field;
use borderlens_core::model::country::normalize_country;
use borderlens_core::model::Date;
use borderlens_core::report::DatasetSummary;
use borderlens_core::session::Workspace;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The repository root (this crate is `crates/core`).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file read in slices, as the worker reads a browser `File` with `FileReaderSync`.
struct FileSource {
    file: File,
    size: u64,
}

impl FileSource {
    fn open(path: &Path) -> FileSource {
        let file = File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let size = file.metadata().expect("file metadata").len();
        FileSource { file, size }
    }
}

impl ByteSource for FileSource {
    fn size(&self) -> u64 {
        self.size
    }

    fn read_into(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> Result<(), String> {
        buf.clear();
        self.file.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
        (&mut self.file).take(len as u64).read_to_end(buf).map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// What one real file gave: the workspace, the reference figures, the load's summary, every
/// rejected row (the summary carries only the first few hundred) and the default report.
struct Run {
    workspace: Workspace,
    fixture: Value,
    headers: Vec<String>,
    summary: DatasetSummary,
    rejections: Vec<Rejection>,
    logistics: LogisticsReport,
}

/// Loads a dataset's fixture and runs borderlens on the real file, or returns `None` (after
/// saying so on the terminal) when the real data is not beside the repository.
fn run(dataset: &str) -> Option<Run> {
    let fixture_path = repo_root().join(format!("tests/fixtures/reference/{dataset}.json"));
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&fixture_path).expect("reference fixture"))
        .expect("reference fixture is JSON");
    let relative = fixture["file"].as_str().expect("fixture names its file");
    let data_dir = std::env::var_os("BORDERLENS_REAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/data/real"));
    if !data_dir.is_dir() {
        // Written to the terminal directly: libtest would swallow println! of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "note: {dataset}: skipped, no real data at {} (see tests/fixtures/reference/)",
            data_dir.display()
        );
        return None;
    }
    let path = data_dir.join(relative);
    let name = path.file_name().and_then(|n| n.to_str()).expect("file name").to_owned();

    let mut ws = Workspace::default();
    let proposal = ws.open(1, &name, &mut FileSource::open(&path)).expect("open");
    let headers = proposal.preview.headers();
    let mut progress_calls = 0;
    let summary = ws
        .load(1, proposal.mapping.clone(), &mut FileSource::open(&path), None, &mut |_| progress_calls += 1)
        .expect("load");
    assert!(progress_calls >= 1, "the load reports progress");
    assert_eq!(summary.mapping, proposal.mapping);
    let rejections = ws.datasets[0].quality.rejections.clone();
    let logistics = ws.analyse().logistics.expect("shipments give a logistics report");
    Some(Run { workspace: ws, fixture, headers, summary, rejections, logistics })
}

/// The automatic mapping picks the columns the reference computation used, and no others
/// for the fields that figures depend on.
fn assert_mapping(run: &Run) {
    let chosen = run.fixture["columns"].as_object().expect("columns");
    for (name, header) in chosen {
        let field: Field = serde_json::from_value(Value::String(name.clone())).expect("a field name");
        let picked = run.summary.mapping.column(field).map(|i| run.headers[i].as_str());
        assert_eq!(picked, header.as_str(), "{}: column for {field:?}", run.fixture["dataset"]);
    }
}

fn assert_rows(run: &Run) {
    let (s, f) = (&run.summary, &run.fixture);
    assert_eq!(s.rows_read, s.rows_used + s.rows_rejected, "every row read is used or rejected");
    assert_eq!(s.rejections.len(), run.rejections.len().min(borderlens_core::report::REJECTIONS_SHOWN));
    for (name, got) in [
        ("rows_read", s.rows_read),
        ("rows_used", s.rows_used),
        ("rows_rejected", s.rows_rejected),
        ("rows_blank", s.rows_blank),
    ] {
        assert_eq!(Some(got), f[name].as_u64(), "{name}");
    }
    assert_eq!(s.malformed_bytes, 0, "the file is valid in its encoding");

    // Every rejected row, by reason and column, at the line a text editor shows.
    let mut got: BTreeMap<(String, Option<String>), Vec<u64>> = BTreeMap::new();
    for r in &run.rejections {
        got.entry((reason_code(&r.reason), r.column.clone())).or_default().push(r.row);
    }
    let mut expected: BTreeMap<(String, Option<String>), Vec<u64>> = BTreeMap::new();
    for r in f["rejections"].as_array().expect("rejections") {
        let key = (r["reason"].as_str().expect("reason").to_owned(), r["column"].as_str().map(str::to_owned));
        let rows = r["rows"].as_array().expect("rows").iter().map(|v| v.as_u64().expect("row")).collect();
        expected.insert(key, rows);
    }
    for rows in got.values_mut() {
        rows.sort_unstable();
    }
    if got != expected {
        let mut report = Vec::new();
        for key in got.keys().chain(expected.keys()).collect::<std::collections::BTreeSet<_>>() {
            let (g, e) = (got.get(key).cloned().unwrap_or_default(), expected.get(key).cloned().unwrap_or_default());
            let only_here: Vec<_> = g.iter().filter(|r| e.binary_search(r).is_err()).take(10).collect();
            let only_there: Vec<_> = e.iter().filter(|r| g.binary_search(r).is_err()).take(10).collect();
            if !only_here.is_empty() || !only_there.is_empty() {
                report.push(format!(
                    "{key:?}: rejected only by borderlens {only_here:?}, only by the reference {only_there:?}"
                ));
            }
        }
        panic!("rejected rows differ (first 10 each):\n{}", report.join("\n"));
    }
}

/// The `code` a rejection reason is exported with (`unreadable_date`, …).
fn reason_code(reason: &RejectReason) -> String {
    serde_json::to_value(reason).expect("reasons serialise")["code"].as_str().expect("a code").to_owned()
}

/// Compares every figure of every group (and overall) with the reference, under the default
/// grouping and under each other grouping the reference computed.
fn assert_figures(run: &mut Run) {
    let f = &run.fixture;
    let report = &run.logistics;
    let reference_date = f["reference_date"].as_str().map(|d| Date::parse_iso(d).expect("ISO date"));
    assert_eq!(report.reference_date, reference_date, "reference date for stuck parcels");
    assert!(report.reference_date_is_default);
    assert_eq!(report.filtered_out, 0);
    assert_eq!(report.group_by, GroupField::ALL.to_vec());

    let mut tally = Tally::default();
    compare_group("overall", &report.overall, &f["overall"], &mut tally);
    compare_groups("", &report.groups, &f["groups"], &mut tally);
    let mut groups = report.groups.len();
    for (name, expected) in f["by"].as_object().expect("other groupings") {
        let fields: Vec<GroupField> =
            name.split(" x ").map(|n| serde_json::from_value(Value::String(n.to_owned())).expect("a field")).collect();
        run.workspace.settings.logistics.group_by = fields.clone();
        let report = run.workspace.analyse().logistics.expect("a logistics report");
        assert_eq!(report.group_by, fields);
        compare_group(&format!("by {name}: overall"), &report.overall, &f["overall"], &mut tally);
        compare_groups(&format!("by {name}: "), &report.groups, expected, &mut tally);
        groups += report.groups.len();
    }

    let problems = &tally.problems;
    assert!(problems.is_empty(), "{} figures differ from the reference:\n{}", problems.len(), problems.join("\n"));
    // Shown with `cargo test -- --nocapture`.
    println!(
        "{}: {groups} groups + overall, {} exact figures and {} floats agree; largest relative float difference {:.1e}",
        f["dataset"].as_str().unwrap_or_default(),
        tally.exact,
        tally.floats,
        tally.max_relative
    );
}

/// Matches borderlens' groups with the reference's and compares each.
fn compare_groups(context: &str, groups: &[GroupStats], reference: &Value, tally: &mut Tally) {
    // The script groups by the text as written; borderlens by ISO code for countries.
    let mut expected: HashMap<[Option<String>; 4], &Value> = HashMap::new();
    for g in reference.as_array().expect("groups") {
        let label = |name: &str, is_country: bool| {
            g[name].as_str().map(|raw| match normalize_country(raw).filter(|_| is_country) {
                Some(code) => code.as_str().to_owned(),
                None => raw.to_owned(),
            })
        };
        let key = [label("origin", true), label("destination", true), label("carrier", false), label("service", false)];
        assert!(
            expected.insert(key.clone(), g).is_none(),
            "two of the file's values are one group in borderlens: {key:?}"
        );
    }
    if groups.len() != expected.len() {
        tally.problems.push(format!("{context}{} groups, reference {}", groups.len(), expected.len()));
    }
    for g in groups {
        let key = [g.origin.clone(), g.destination.clone(), g.carrier.clone(), g.service.clone()];
        match expected.get(&key) {
            Some(reference) => compare_group(&format!("{context}{key:?}"), g, reference, tally),
            None => tally.problems.push(format!("{context}{key:?}: group not in the reference")),
        }
    }
}

/// What a comparison found.
#[derive(Default)]
struct Tally {
    problems: Vec<String>,
    exact: usize,
    floats: usize,
    max_relative: f64,
}

fn compare_group(context: &str, g: &GroupStats, f: &Value, tally: &mut Tally) {
    let mut int = |name: &str, got: Option<u64>| {
        if got != f[name].as_u64() {
            tally.problems.push(format!("{context}: {name} = {got:?}, reference {}", f[name]));
        }
        tally.exact += 1;
    };
    int("shipments", Some(g.shipments));
    int("delivered", Some(g.delivered));
    int("in_transit", Some(g.in_transit));
    int("max_days", g.max_days.map(u64::from));
    int("promise_known", Some(g.promise_known));
    int("on_time", g.on_time_rate.map(|r| (r * g.promise_known as f64).round() as u64));
    int("promise_days_p90", g.promise_days_p90.map(u64::from));
    int("promise_days_p95", g.promise_days_p95.map(u64::from));
    int("stuck", Some(g.stuck));
    if Some(g.small_sample) != f["small_sample"].as_bool() {
        tally.problems.push(format!("{context}: small_sample = {}, reference {}", g.small_sample, f["small_sample"]));
    }
    tally.exact += 1;
    for (name, got) in [
        ("p50_days", g.p50_days),
        ("p75_days", g.p75_days),
        ("p90_days", g.p90_days),
        ("p95_days", g.p95_days),
        ("mean_days", g.mean_days),
        ("std_days", g.std_days),
        ("cv", g.cv),
        ("on_time_rate", g.on_time_rate),
        ("on_time_low", g.on_time_low),
        ("on_time_high", g.on_time_high),
        ("mean_days_late", g.mean_days_late),
        // No FX applies: SCMS is in USD, Olist names no currency (taken as written).
        ("cost_per_parcel", g.cost_per_parcel_usd),
        ("cost_per_kg", g.cost_per_kg_usd),
    ] {
        let reference = f[name].as_f64();
        let agree = match (got, reference) {
            (Some(a), Some(b)) => {
                let diff = (a - b).abs();
                if diff > 0.0 {
                    tally.max_relative = tally.max_relative.max(diff / a.abs().max(b.abs()));
                }
                tally.floats += 1;
                diff <= 1e-9 * a.abs().max(b.abs()) || diff <= 1e-12
            }
            (None, None) => true,
            _ => false,
        };
        if !agree {
            tally.problems.push(format!("{context}: {name} = {got:?}, reference {}", f[name]));
        }
    }
}

fn rejection(run: &Run, row: u64) -> &Rejection {
    run.rejections.iter().find(|r| r.row == row).unwrap_or_else(|| panic!("row {row} is not rejected"))
}

#[test]
fn scms_delivery_history_matches_the_reference() {
    let Some(mut run) = run("scms_delivery_history") else { return };
    assert_mapping(&run);
    assert_rows(&run);
    assert_figures(&mut run);
    assert!(run.summary.unknown_countries.is_empty(), "{:?}", run.summary.unknown_countries);

    // Spot checks, as the file shows them (CR-only line endings: one line per record).
    // Line 2: `…,Pre-PQ Process,Date Not Captured,2-Jun-06,2-Jun-06,…`
    let r = rejection(&run, 2);
    assert_eq!(
        (r.column.as_deref(), r.value.as_str(), &r.reason),
        (Some("PO Sent to Vendor Date"), "Date Not Captured", &RejectReason::UnreadableDate)
    );
    // Line 671: a shipment from a regional distribution centre has no purchase order date.
    let r = rejection(&run, 671);
    assert_eq!(
        (r.column.as_deref(), r.value.as_str(), &r.reason),
        (Some("PO Sent to Vendor Date"), "N/A - From RDC", &RejectReason::UnreadableDate)
    );
    // Line 280: `…,11/12/07,29-Jan-08,24-Jan-07,24-Jan-08,…` — delivered ten months before
    // (shown as written in the file, so users can find it)
    // the order was sent (the delivered year is a typo for 08 in the source).
    let r = rejection(&run, 280);
    let (shipped, delivered) = (Date::from_ymd(2007, 11, 12).unwrap(), Date::from_ymd(2007, 1, 24).unwrap());
    assert_eq!(
        (r.column.as_deref(), r.value.as_str(), &r.reason),
        (Some("Delivered to Client Date"), "24-Jan-07", &RejectReason::DeliveredBeforeShipped { shipped, delivered })
    );
    // Line 12 (`…,Date Not Captured,8-Jan-07,…`) is rejected; line 14 is used.
    assert_eq!(rejection(&run, 12).value, "Date Not Captured");
    assert!(!run.rejections.iter().any(|r| r.row == 14));
}

#[test]
fn dataco_supply_chain_matches_the_reference() {
    let Some(mut run) = run("dataco_supply_chain") else { return };
    assert_mapping(&run);
    assert_rows(&run);
    assert_figures(&mut run);
    // Spanish country names are all understood.
    assert!(run.summary.unknown_countries.is_empty(), "{:?}", run.summary.unknown_countries);
    // `Same Day` is promised 0 days: every delivered parcel has a known promise.
    assert_eq!(run.logistics.overall.promise_known, run.logistics.overall.delivered);
    let same_day: Vec<&GroupStats> =
        run.logistics.groups.iter().filter(|g| g.service.as_deref() == Some("Same Day")).collect();
    assert!(!same_day.is_empty() && same_day.iter().all(|g| g.on_time_rate.is_some()));
}

#[test]
fn olist_classified_matches_the_reference() {
    let Some(mut run) = run("olist_classified") else { return };
    assert_mapping(&run);
    assert_rows(&run);
    assert_figures(&mut run);
    // Undelivered orders (shipped, canceled, processing…) stay in transit; those older than
    // P95 at the last date in the file are stuck.
    assert_eq!(run.logistics.overall.in_transit, 68);
    assert_eq!(run.logistics.stuck_total, run.logistics.overall.stuck);
}
