//! The customs fixtures the browser tests upload, checked natively: an XLSX of shipments
//! with customs outcomes in four languages and a GBK CSV of tracking events.

use borderlens_core::ingest::sniff::TextEncoding;
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::mapping::{DatasetKind, Field};
use borderlens_core::session::Workspace;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/e2e/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn shipments_workbook_and_gbk_events_load_and_agree() {
    let mut ws = Workspace::default();
    let xlsx = fixture("customs_shipments.xlsx");
    let p = ws.open(1, "customs_shipments.xlsx", &mut MemorySource(&xlsx)).unwrap();
    assert_eq!(p.mapping.kind, DatasetKind::Shipments);
    assert_eq!(p.preview.header_row, 3, "the title row and blank row are skipped");
    for field in [Field::CustomsOutcome, Field::HoldDays, Field::ExtraCost, Field::DocumentsRequested, Field::HsCode] {
        assert!(p.mapping.has(field), "{field:?} mapped");
    }
    let s = ws.load(1, p.mapping, &mut MemorySource(&xlsx), None, &mut |_| {}).unwrap();
    assert_eq!((s.rows_read, s.rows_rejected), (160, 0));

    let csv = fixture("customs_events_gbk.csv");
    let p = ws.open(2, "customs_events_gbk.csv", &mut MemorySource(&csv)).unwrap();
    assert_eq!(p.mapping.kind, DatasetKind::TrackingEvents);
    assert_eq!(p.preview.encoding, Some(TextEncoding::Gb18030));
    let s = ws.load(2, p.mapping, &mut MemorySource(&csv), None, &mut |_| {}).unwrap();
    assert_eq!(s.rows_rejected, 0);

    let report = ws.analyse();
    let customs = report.customs.expect("customs figures");
    assert_eq!(customs.unclassified_outcomes.len(), 1);
    assert_eq!(customs.unclassified_outcomes[0].value, "待定X");
    assert!(customs.unmatched_events.iter().any(|u| u.text == "航班延误，改配下一航班"));
    assert!(customs.groups.iter().all(|g| g.hs_chapter.as_deref().is_some_and(|c| c.len() == 2)));
    assert!(customs.groups.iter().any(|g| g.hs_chapter.as_deref() == Some("07")), "leading zero kept");
    assert!(customs.legs.iter().any(|l| l.destination.as_deref() == Some("BR") && l.parcels > 20));
    assert!(customs.summary.detained > 10);
}

#[test]
fn an_events_file_without_times_cannot_be_used_as_is() {
    let mut ws = Workspace::default();
    let csv = fixture("events_no_time.csv");
    let p = ws.open(1, "events_no_time.csv", &mut MemorySource(&csv)).unwrap();
    assert!(!p.usable, "{:?}", p.mapping);
}
