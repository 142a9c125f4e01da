//! Customs figures on the demo data and on small hand-made tables.

use super::*;
use crate::ingest::source::MemorySource;
use crate::model::Date;
use crate::session::Workspace;
use groups::CustomsGroupField as F;
use vocab::Checkpoint;

fn workspace(files: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::default();
    for (id, (name, csv)) in (1..).zip(files) {
        let p = ws.open(id, name, &mut MemorySource(csv.as_bytes())).unwrap();
        ws.load(id, p.mapping, &mut MemorySource(csv.as_bytes()), None, &mut |_| {}).unwrap();
    }
    ws
}

fn report(ws: &Workspace, settings: &CustomsSettings) -> CustomsReport {
    analyse(&ws.shipments(), &ws.events(), &[], settings, &FxTable::built_in())
}

const SHIPMENTS: &str = "\
Tracking,Ship Date,Delivered Date,Destination,Carrier,HS Code,Declared Value (USD),Customs Outcome,Hold Days,Extra Cost (USD),Documents Requested
A1,2024-03-01,2024-03-20,BR,Yanwen,090111,20,清关完成,,,
A2,2024-03-01,2024-03-30,BR,Yanwen,090111,80,补充资料后放行,9,12,CPF
A3,2024-03-01,,BR,Yanwen,851762,30,没收,14,25,
A4,2024-03-01,2024-03-22,BR,4PX,851762,30,Released after duty payment,5,3,
A5,2024-03-01,2024-03-12,US,4PX,611030,15,Cleared,,,
A6,2024-03-01,,US,4PX,611030,15,Held by customs,,,
A7,2024-03-01,2024-03-12,US,4PX,611030,15,weird status,,,
";

#[test]
fn counts_outcomes_and_rates_per_destination_and_chapter() {
    let ws = workspace(&[("s.csv", SHIPMENTS)]);
    let r = report(&ws, &CustomsSettings::default());
    assert_eq!(r.group_by, vec![F::Destination, F::HsChapter]);
    let br09 = r
        .groups
        .iter()
        .find(|g| g.destination.as_deref() == Some("BR") && g.hs_chapter.as_deref() == Some("09"))
        .unwrap();
    assert_eq!((br09.shipments, br09.cleared, br09.released_after_documents), (2, 1, 1));
    assert_eq!(br09.detention_rate, Some(0.5));
    let smoothed = br09.detention_rate_smoothed.unwrap();
    assert!(br09.detention_rate_low.unwrap() < smoothed && smoothed < br09.detention_rate_high.unwrap());
    let br85 = r.groups.iter().find(|g| g.hs_chapter.as_deref() == Some("85")).unwrap();
    assert_eq!((br85.confiscated, br85.released_after_payment), (1, 1));
    assert_eq!(br85.extra_cost, 28.0);
    assert_eq!(br85.lost_value_usd, 30.0);
    let us = r.groups.iter().find(|g| g.destination.as_deref() == Some("US")).unwrap();
    assert_eq!((us.cleared, us.pending, us.no_outcome), (1, 1, 1));
    assert_eq!(us.detention_rate, Some(0.0), "pending is excluded from the rate");
    assert_eq!(r.unclassified_outcomes.len(), 1);
    assert_eq!(r.unclassified_outcomes[0].value, "weird status");
    assert_eq!(r.summary.detained, 3);
    assert!(r.documents.iter().any(|d| d.document == DocumentKind::TaxId && d.destination.as_deref() == Some("BR")));
}

#[test]
fn user_assignments_classify_unknown_values() {
    let ws = workspace(&[("s.csv", SHIPMENTS)]);
    let settings = CustomsSettings {
        outcome_overrides: vec![("weird status".into(), CustomsOutcome::Returned)],
        ..CustomsSettings::default()
    };
    let r = report(&ws, &settings);
    assert!(r.unclassified_outcomes.is_empty());
    let us = r.groups.iter().find(|g| g.destination.as_deref() == Some("US")).unwrap();
    assert_eq!(us.returned, 1);
}

#[test]
fn grouping_by_checkpoint_counts_each_side() {
    let csv = "Tracking,Ship Date,Destination,Customs Outcome,Checkpoint\nX1,2024-03-01,BR,退运,出口\nX2,2024-03-01,BR,清关完成,\nX3,2024-03-01,BR,补充资料后放行,进口\n";
    let ws = workspace(&[("s.csv", csv)]);
    let settings = CustomsSettings { group_by: vec![F::Checkpoint], ..CustomsSettings::default() };
    let r = report(&ws, &settings);
    let side = |c| r.groups.iter().find(|g| g.checkpoint == Some(c)).unwrap();
    let export = side(Checkpoint::Export);
    assert_eq!((export.shipments, export.returned, export.cleared), (3, 1, 2));
    let import = side(Checkpoint::Import);
    // X1 never reached import customs.
    assert_eq!((import.shipments, import.cleared, import.released_after_documents), (2, 1, 1));
}

#[test]
fn demo_customs_are_consistent_between_columns_and_events() {
    let mut ws = Workspace::default();
    ws.load_demo(1, Date::from_ymd(2025, 11, 20).unwrap()).unwrap();
    let settings = CustomsSettings::default();
    let r = report(&ws, &settings);
    assert_eq!(r.summary.parcels as usize, crate::session::DEMO_SHIPMENTS);
    assert!(r.unclassified_outcomes.is_empty(), "{:?}", r.unclassified_outcomes);
    let rate = r.summary.detention_rate.unwrap();
    assert!((0.08..0.3).contains(&rate), "demo detention rate {rate}");
    // The heatmap has a cell per destination × chapter, chapter 07 with its leading zero.
    assert!(r.heatmap.iter().any(|g| g.hs_chapter.as_deref() == Some("07")));
    // Legs split transit time; the customs leg makes Brazil's tail.
    let br = r.legs.iter().find(|l| l.destination.as_deref() == Some("BR")).unwrap();
    assert!(br.parcels > 300);
    assert_eq!(br.legs.len(), 4);
    // Unmatched event texts are listed, not ignored ("航班延误" is a flight delay).
    assert!(r.unmatched_events.iter().any(|u| u.text == "航班延误"), "{:?}", r.unmatched_events);

    // Outcomes from the events alone agree with the column for most parcels.
    let (timelines, _) = timeline::timelines(&ws.events(), &|_| (Some("CN"), None));
    let s = ws.shipments()[0];
    let outcomes = ws.shipments()[0].outcome.clone();
    let mut agree = 0;
    let mut compared = 0;
    for i in 0..s.len() {
        let (Some(column), Some(t)) =
            (outcomes.get(i).and_then(vocab::classify_outcome), timelines.get(s.tracking.get(i)))
        else {
            continue;
        };
        if let Some(from_events) = t.outcome() {
            compared += 1;
            agree += (from_events == column) as u32;
        }
    }
    assert!(compared > 3000 && agree as f64 > 0.95 * compared as f64, "{agree} of {compared}");
}

#[test]
fn risk_is_higher_for_riskier_combinations_and_says_how_little_is_known() {
    let mut ws = Workspace::default();
    ws.load_demo(1, Date::from_ymd(2025, 11, 20).unwrap()).unwrap();
    let planned = |destination: &str, hs: &str, value: f64, carrier: Option<&str>| risk::PlannedShipment {
        destination: destination.into(),
        hs_code: hs.into(),
        declared_value: Some(value),
        carrier: carrier.map(String::from),
        ..Default::default()
    };
    let list = [
        planned("Brazil", "071290", 90.0, Some("Yanwen")),
        planned("US", "611030", 10.0, Some("DHL eCommerce")),
        planned("Atlantis", "611030", 10.0, None),
    ];
    let r = assess(&ws.shipments(), &ws.events(), &list, &CustomsSettings::default(), &FxTable::built_in());
    let (br, us, unknown) = (&r[0], &r[1], &r[2]);
    assert!(
        br.detention.probability > 2.0 * us.detention.probability,
        "{} vs {}",
        br.detention.probability,
        us.detention.probability
    );
    let total: f64 = br.outcomes.iter().map(|o| o.probability).sum();
    assert!((total - 1.0).abs() < 1e-9);
    for o in &br.outcomes {
        assert!(o.low <= o.probability && o.probability <= o.high, "{o:?}");
    }
    assert!(br.expected_hold_days.unwrap() > us.expected_hold_days.unwrap());
    assert!(!br.factors.is_empty());
    assert!(br.alternatives.len() >= 3, "other carriers to Brazil");
    assert!(unknown.no_history_for_destination);
    assert!(unknown.detention.high - unknown.detention.low > br.detention.high - br.detention.low);
}
