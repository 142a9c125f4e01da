//! LSH recall on real marketplace titles: of all pairs of listings whose exact title Jaccard
//! reaches the threshold (found by comparing every pair), the candidate search must keep at
//! least 95 %, at the default threshold and at the lowest one the slider allows.
//!
//! The files stay in `../shared/data/real/` beside the repository (their licences keep them
//! out of it). Without them each test prints a note and passes. `BORDERLENS_REAL_DATA=/dir`
//! points at another copy. The measured figures are recorded in `docs/homogeneity-recall.md`.

use borderlens_core::analysis::homogeneity::shingle::jaccard;
use borderlens_core::analysis::homogeneity::{self, HomogeneitySettings, Prepared, MIN_THRESHOLD};
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::mapping::Field;
use borderlens_core::model::listings::Listings;
use borderlens_core::session::{DatasetData, Workspace};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    std::env::var_os("BORDERLENS_REAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/real"))
}

/// Loads the first `max_lines` lines of a real file through the app's ingest; `None` (after
/// a note on the terminal) when the data is absent.
fn load(relative: &str, max_lines: usize) -> Option<(Listings, String)> {
    let path = data_dir().join(relative);
    if !path.is_file() {
        let _ = writeln!(std::io::stderr(), "note: skipped, no real data at {}", path.display());
        return None;
    }
    let bytes = std::fs::read(&path).expect("readable");
    let cut =
        bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(max_lines).map(|(k, _)| k + 1).unwrap_or(bytes.len());
    // A cut inside a quoted field would only shorten the last row; the files quote titles
    // on one line.
    let bytes = &bytes[..cut];
    let name = path.file_name().and_then(|n| n.to_str()).expect("file name").to_owned();
    let mut ws = Workspace::default();
    let proposal = ws.open(1, &name, &mut MemorySource(bytes)).expect("opens");
    let title_column = proposal.mapping.column(Field::Title).map(|i| proposal.preview.headers()[i].clone());
    ws.load(1, proposal.mapping, &mut MemorySource(bytes), None, &mut |_| {}).expect("loads");
    match ws.datasets.remove(0).data {
        DatasetData::Listings(l) => Some((*l, title_column.expect("a title column is mapped"))),
        _ => panic!("{relative} is not read as listings"),
    }
}

struct Recall {
    threshold: f64,
    exact_pairs: usize,
    found: usize,
    /// The same, leaving out pairs of identical titles (after normalisation), which are
    /// found by construction.
    distinct_pairs: usize,
    distinct_found: usize,
}

/// Exact all-pairs Jaccard against the pairs the candidate search kept.
fn recall(prepared: &Prepared, thresholds: &[f64]) -> Vec<Recall> {
    let kept: HashSet<(u32, u32)> = prepared.pairs.iter().map(|p| (p.0, p.1)).collect();
    let n = prepared.len();
    let mut out: Vec<Recall> = thresholds
        .iter()
        .map(|&t| Recall { threshold: t, exact_pairs: 0, found: 0, distinct_pairs: 0, distinct_found: 0 })
        .collect();
    for i in 0..n {
        for j in i + 1..n {
            let s = jaccard(prepared.shingles(i), prepared.shingles(j));
            if s < MIN_THRESHOLD {
                continue;
            }
            let (ri, rj) = (prepared.representative[i], prepared.representative[j]);
            let found = ri == rj || kept.contains(&(ri.min(rj), ri.max(rj)));
            for r in out.iter_mut().filter(|r| s >= r.threshold) {
                r.exact_pairs += 1;
                r.found += found as usize;
                if ri != rj {
                    r.distinct_pairs += 1;
                    r.distinct_found += found as usize;
                }
            }
        }
    }
    out
}

fn check(relative: &str, max_lines: usize) {
    let Some((listings, title_column)) = load(relative, max_lines) else { return };
    let prepared = homogeneity::prepare(&listings, &mut |_, _| {});
    let default = HomogeneitySettings::default().threshold;
    let report = homogeneity::analyse(
        &listings,
        None,
        &prepared,
        &HomogeneitySettings::default(),
        &borderlens_core::model::FxTable::built_in(),
    );
    let mut err = std::io::stderr();
    let _ = writeln!(
        err,
        "{relative}: {} listings (title column {title_column:?}), {} candidates, {} pairs ≥ 0.4 kept, {} clusters at {default}",
        listings.len(),
        prepared.candidates,
        prepared.pairs.len(),
        report.clusters_total
    );
    for p in &report.example_pairs {
        let _ = writeln!(err, "  {:.3} {:?}\n        {:?}", p.jaccard, p.title_a, p.title_b);
    }
    for r in recall(&prepared, &[MIN_THRESHOLD, 0.6, default, 0.8, 0.9]) {
        let rate = if r.exact_pairs == 0 { 1.0 } else { r.found as f64 / r.exact_pairs as f64 };
        let distinct = if r.distinct_pairs == 0 { 1.0 } else { r.distinct_found as f64 / r.distinct_pairs as f64 };
        let _ = writeln!(
            err,
            "  threshold {:.2}: {} of {} exact pairs found, recall {:.4}; not identical: {} of {}, recall {:.4}",
            r.threshold, r.found, r.exact_pairs, rate, r.distinct_found, r.distinct_pairs, distinct
        );
        assert!(rate >= 0.95, "{relative}: recall {rate} at {}", r.threshold);
        assert!(distinct >= 0.95, "{relative}: recall {distinct} on non-identical titles at {}", r.threshold);
    }
}

#[test]
fn wish_titles_recall() {
    check("wish_summer_products/summer-products-with-rating-and-performance_2020-08_a.csv", usize::MAX);
}

#[test]
fn amazon_in_electronics_recall() {
    check("amazon_in_listings/all_electronics_rows101plus_a.csv", 3000);
}
