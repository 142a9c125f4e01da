//! The whole analysis on small listing files read through the real ingest.

use super::*;
use crate::ingest::source::MemorySource;
use crate::session::{DatasetData, Workspace};

/// Loads CSV text as the app does (automatic mapping) and returns the dataset.
pub(crate) fn load(csv: &str) -> DatasetData {
    let mut ws = Workspace::default();
    let proposal = ws.open(1, "listings.csv", &mut MemorySource(csv.as_bytes())).expect("opens");
    let summary = ws.load(1, proposal.mapping, &mut MemorySource(csv.as_bytes()), None, &mut |_| {}).expect("loads");
    assert_eq!(summary.rows_rejected, 0, "{:?}", summary.rejections.first());
    ws.datasets.remove(0).data
}

fn listings(csv: &str) -> Listings {
    match load(csv) {
        DatasetData::Listings(l) => *l,
        other => panic!("not listings: {other:?}"),
    }
}

const SMALL: &str = "\
ASIN,Title,Price,List Price,Reviews,Monthly Sales,Brand,Category,Own
B001,\"Wireless Earbuds Bluetooth 5.3, Noise Cancelling Headphones\",19.99,39.99,1200,900,Aoka,Earbuds,0
B002,Wireless Earbuds Bluetooth 5.3 Noise Cancelling Headphones 2024 New,19.49,39.99,300,200,Bexo,Earbuds,0
B003,Bluetooth 5.3 Wireless Earbuds Noise Cancelling Headphones Hot Sale,18.99,35.99,150,120,Cuvi,Earbuds,0
B004,Wireless Earbuds Bluetooth 5.3 Noise Cancelling Headphones,19.99,36.99,20,30,Dorn,Earbuds,0
B005,Wireless Earbuds Bluetooth 5.3 Noise Cancelling Headphones with Wireless Charging Case,24.99,29.99,40,60,Mine,Earbuds,1
B006,Kids Headphones Over Ear Volume Limited Cartoon,15.99,15.99,80,50,Elfo,Earbuds,0
B007,USB C Cable 2m Braided Fast Charging,7.99,9.99,500,400,Aoka,Cables,0
B007,USB C Cable 2 M Braided Fast Charging,7.49,9.99,10,20,Bexo,Cables,0
";

#[test]
fn clusters_look_alikes_and_reports_every_row() {
    let l = listings(SMALL);
    let mut calls = 0;
    let prepared = prepare(&l, &mut |done, total| {
        calls += 1;
        assert!(done <= total);
    });
    assert!(calls >= 1);
    let report = analyse(&l, None, &prepared, &HomogeneitySettings::default(), &FxTable::built_in());
    assert_eq!(report.listings.len(), 8);
    let ids: Vec<u32> = report.listings.iter().map(|r| r.cluster_id).collect();
    // The four copies are one product; the kids' headphones are another; the two cables
    // (same id, written "2m" and "2 M") are a third.
    assert_eq!(ids[0], 0);
    assert!(ids[1..4].iter().all(|&c| c == 0), "{ids:?}");
    assert_ne!(ids[5], 0);
    assert_eq!(ids[6], ids[7]);
    assert_eq!(report.listings[6].listing_id.as_deref(), Some("B007"));
    assert_eq!(report.listings[7].listing_id.as_deref(), Some("B007"));
    assert_eq!(report.listings[0].row, l.rows[0]);
    let top = &report.clusters[0];
    assert_eq!(top.cluster_id, 0);
    assert!(top.size >= 4);
    assert_eq!(top.sellers, Some(top.size));
    assert!(top.price_cv.unwrap() < 0.15);
    let earbuds = report.categories.iter().find(|c| c.category.as_deref() == Some("Earbuds")).unwrap();
    assert_eq!(earbuds.listings, 6);
    let biggest = top.size.min(6) as f64 / 6.0;
    assert!(earbuds.hhi >= biggest * biggest && earbuds.hhi <= 1.0);
    assert!((earbuds.effective_products - 1.0 / earbuds.hhi).abs() < 1e-12);
    // The own listing's competitors are the copies, and it stands out by its charging case.
    let own = &report.own_listings[0];
    assert_eq!(own.listing_id.as_deref(), Some("B005"));
    assert_eq!(own.competitors.len(), 3);
    assert!(own.distinguishing_terms.contains(&"charging".to_owned()), "{:?}", own.distinguishing_terms);
    // Serialises to the interface the page reads.
    let json = serde_json::to_value(&report).unwrap();
    for key in ["threshold", "listings", "clusters", "categories", "example_pairs", "clusters_total"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert!(json["listings"][0].get("cluster_id").is_some());
    assert!(json["clusters"][0].get("median_price_usd").is_some());
    assert!(json["categories"][0].get("share_in_multi_seller_clusters").is_some());
}

#[test]
fn threshold_moves_only_the_cut() {
    let l = listings(SMALL);
    let prepared = prepare(&l, &mut |_, _| {});
    let fx = FxTable::built_in();
    let loose = analyse(&l, None, &prepared, &HomogeneitySettings { threshold: 0.5, ..Default::default() }, &fx);
    let strict = analyse(&l, None, &prepared, &HomogeneitySettings { threshold: 0.95, ..Default::default() }, &fx);
    assert!(loose.clusters_total <= strict.clusters_total);
    assert!(loose.clusters_total < 8);
    // Out-of-range thresholds are brought into the range LSH was tuned for.
    let silly = analyse(&l, None, &prepared, &HomogeneitySettings { threshold: 0.1, ..Default::default() }, &fx);
    assert_eq!(silly.threshold, MIN_THRESHOLD);
    // Example pairs straddle the threshold.
    for p in &strict.example_pairs {
        assert_eq!(p.same_product, p.jaccard >= 0.95);
    }
}

#[test]
fn without_sellers_counts_are_null_and_multi_listing_stands_in() {
    let csv = "ASIN,Title,Price\nA1,Phone case clear iphone 15,9.99\nA2,Phone case clear iphone 15,9.49\nA3,Desk lamp LED,20\n";
    let l = listings(csv);
    let prepared = prepare(&l, &mut |_, _| {});
    let report = analyse(&l, None, &prepared, &HomogeneitySettings::default(), &FxTable::built_in());
    assert!(!report.sellers_known);
    assert_eq!(report.clusters[0].sellers, None);
    assert_eq!(report.clusters[0].size, 2);
    let cat = &report.categories[0];
    assert_eq!(cat.category, None);
    assert!((cat.share_in_multi_seller_clusters - 2.0 / 3.0).abs() < 1e-12);
    assert!((cat.hhi - 5.0 / 9.0).abs() < 1e-12);
    assert_eq!(serde_json::to_value(&report).unwrap()["clusters"][0]["sellers"], serde_json::Value::Null);
}

#[test]
fn settings_round_trip_and_fill_in_defaults() {
    let s: HomogeneitySettings = serde_json::from_str(r#"{"threshold": 0.8}"#).unwrap();
    assert_eq!(s, HomogeneitySettings { threshold: 0.8, ..HomogeneitySettings::default() });
    let back: HomogeneitySettings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
    assert_eq!(HomogeneitySettings { threshold: f64::NAN, ..s }.effective_threshold(), 0.7);
}

#[test]
fn prepared_similarity_covers_duplicates_and_pairs() {
    let l = listings(SMALL);
    let prepared = prepare(&l, &mut |_, _| {});
    // Rows 2 and 4 (0-based 1 and 3) normalise to the same words in the same order.
    assert_eq!(prepared.similarity(1, 3), Some(1.0));
    let s = prepared.similarity(0, 2).unwrap();
    assert!((s - shingle::jaccard(prepared.shingles(0), prepared.shingles(2))).abs() < 1e-12);
    assert_eq!(prepared.similarity(0, 6), None);
}
