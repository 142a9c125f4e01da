//! Logistics figures on small hand-checked tables.

use super::*;
use crate::ingest::table::{LoadSettings, TableLoader};
use crate::mapping::{propose, DatasetKind};

fn shipments(headers: &[&str], rows: &[&[&str]]) -> Shipments {
    let headers: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
    let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
    let mapping = propose(DatasetKind::Shipments, &headers, &samples);
    let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
    for (i, r) in rows.iter().enumerate() {
        loader.push(i as u64 + 2, r);
    }
    Shipments::from_table(loader.finish(), None).0
}

const HEADERS: &[&str] =
    &["Tracking", "Ship Date", "Delivered Date", "Promised Days", "Destination", "Carrier", "Shipping Cost", "Weight"];

fn sample() -> Shipments {
    shipments(
        HEADERS,
        &[
            &["T1", "2024-03-01", "2024-03-11", "20", "BR", "Yanwen", "10", "1"],
            &["T2", "2024-03-01", "2024-03-21", "20", "BR", "Yanwen", "12", "2"],
            &["T3", "2024-03-02", "2024-03-27", "20", "BR", "Yanwen", "", ""],
            &["T4", "2024-03-02", "2024-04-01", "20", "BR", "Yanwen", "8", "1"],
            &["T5", "2024-01-05", "", "20", "BR", "Yanwen", "", ""],
            &["T6", "2024-03-05", "2024-03-12", "10", "US", "4PX", "5", "0.5"],
            &["T7", "2024-04-01", "2024-04-09", "10", "US", "4PX", "5", "0.5"],
            &["T8", "2024-04-03", "", "10", "US", "4PX", "", ""],
        ],
    )
}

#[test]
fn groups_have_hand_checked_percentiles_and_rates() {
    let s = sample();
    let settings = LogisticsSettings {
        group_by: vec![GroupField::Destination, GroupField::Carrier],
        ..LogisticsSettings::default()
    };
    let r = analyse(&[&s], &settings);
    assert_eq!(r.groups.len(), 2);
    let br = &r.groups[0];
    assert_eq!((br.destination.as_deref(), br.carrier.as_deref()), (Some("BR"), Some("Yanwen")));
    assert_eq!((br.shipments, br.delivered, br.in_transit), (5, 4, 1));
    // transit days 10, 20, 25, 30: numpy.percentile(..., 50) = 22.5, 90 -> 28.5
    assert_eq!(br.p50_days, Some(22.5));
    assert_eq!(br.p90_days, Some(28.5));
    assert_eq!(br.max_days, Some(30));
    assert_eq!(br.mean_days, Some(21.25));
    // on time = transit <= 20: 2 of 4
    assert_eq!(br.on_time_rate, Some(0.5));
    assert_eq!(br.promise_known, 4);
    assert_eq!(br.mean_days_late, Some(7.5));
    assert_eq!(br.promise_days_p90, Some(30));
    assert!(br.small_sample);
    // cost: (10 + 12 + 8) / 3 parcels; per kg 30 / 4 kg
    assert_eq!(br.cost_per_parcel_usd, Some(10.0));
    assert_eq!(br.cost_per_kg_usd, Some(7.5));
    assert_eq!(br.origin, None, "origin not mapped and not grouped");
}

#[test]
fn reference_date_defaults_to_the_latest_date_not_in_the_future() {
    let s = sample();
    let r = analyse(&[&s], &LogisticsSettings::default());
    assert_eq!(r.reference_date.map(|d| d.to_string()).as_deref(), Some("2024-04-09"));
    let today = Date::from_ymd(2024, 4, 5);
    let r = analyse(&[&s], &LogisticsSettings { today, ..LogisticsSettings::default() });
    assert_eq!(r.reference_date.map(|d| d.to_string()).as_deref(), Some("2024-04-03"));
    assert!(r.reference_date_is_default);
}

#[test]
fn finds_stuck_parcels_older_than_the_group_p95() {
    let s = sample();
    let settings = LogisticsSettings { group_by: vec![GroupField::Destination], ..LogisticsSettings::default() };
    let r = analyse(&[&s], &settings);
    // BR P95 = 29.25 days; T5 shipped 2024-01-05 is 95 days old on 2024-04-09. US P95 = 7.95,
    // T8 shipped 2024-04-03 is 6 days old: not stuck.
    assert_eq!(r.stuck_total, 1);
    assert_eq!(r.stuck[0].tracking, "T5");
    assert_eq!(r.stuck[0].age_days, 95);
    assert_eq!(r.groups.iter().map(|g| g.stuck).sum::<u64>(), 1);
}

#[test]
fn ship_date_filter_and_period_comparison() {
    let s = sample();
    let march = DateRange { from: Date::from_ymd(2024, 3, 1), to: Date::from_ymd(2024, 3, 31) };
    let april = DateRange { from: Date::from_ymd(2024, 4, 1), to: Date::from_ymd(2024, 4, 30) };
    let settings = LogisticsSettings {
        group_by: vec![],
        ship_dates: march,
        compare: Some((march, april)),
        ..LogisticsSettings::default()
    };
    let r = analyse(&[&s], &settings);
    assert_eq!(r.overall.shipments, 5);
    assert_eq!(r.filtered_out, 3);
    let c = r.comparison.unwrap();
    assert_eq!((c.overall.a.shipments, c.overall.b.shipments), (5, 2));
    assert_eq!(c.overall.b.p50_days, Some(8.0));
}

#[test]
fn scorecard_ranks_carriers_by_p90() {
    let s = shipments(
        &["Ship Date", "Delivered Date", "Destination", "Carrier"],
        &[
            &["2024-03-01", "2024-03-30", "BR", "Slow"],
            &["2024-03-01", "2024-03-20", "BR", "Fast"],
            &["2024-03-01", "2024-03-25", "BR", "Slow"],
            &["2024-03-01", "2024-03-18", "BR", "Fast"],
        ],
    );
    let r = analyse(&[&s], &LogisticsSettings::default());
    let card = &r.scorecards[0];
    assert_eq!(card.destination.as_deref(), Some("BR"));
    assert_eq!(card.carriers[0].carrier.as_deref(), Some("Fast"));
    assert_eq!(card.carriers[0].rank, 1);
}

#[test]
fn datasets_are_combined_with_their_own_dictionaries() {
    let a = shipments(
        &["Ship Date", "Delivered Date", "Carrier"],
        &[&["2024-03-01", "2024-03-11", "DHL"], &["2024-03-01", "2024-03-12", "UPS"]],
    );
    let b = shipments(&["Ship Date", "Delivered Date", "Carrier"], &[&["2024-03-01", "2024-03-21", "UPS"]]);
    let settings = LogisticsSettings { group_by: vec![GroupField::Carrier], ..LogisticsSettings::default() };
    let r = analyse(&[&a, &b], &settings);
    let ups = r.groups.iter().find(|g| g.carrier.as_deref() == Some("UPS")).unwrap();
    assert_eq!(ups.shipments, 2);
    assert_eq!(ups.p50_days, Some(15.5));
}

#[test]
fn monthly_trend_flags_months_still_in_transit() {
    let s = sample();
    let r = analyse(&[&s], &LogisticsSettings::default());
    let months: Vec<&str> = r.trend.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, vec!["2024-01", "2024-03", "2024-04"]);
    assert!(r.trend[0].incomplete);
    assert!(!r.trend[1].incomplete);
}

#[test]
fn scorecards_do_not_depend_on_the_grouping() {
    // With destination, carrier and service grouped, the lines are merged from the groups;
    // otherwise they are counted row by row. Both must agree.
    let s = sample();
    let merged = analyse(&[&s], &LogisticsSettings::default()).scorecards;
    let settings = LogisticsSettings { group_by: vec![GroupField::Carrier], ..LogisticsSettings::default() };
    let counted = analyse(&[&s], &settings).scorecards;
    assert_eq!(merged, counted);
    assert!(!merged.is_empty());
}
