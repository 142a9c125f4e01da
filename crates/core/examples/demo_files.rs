//! Writes the built-in demo files to a folder, to look at them or load them by hand:
//! `cargo run -p borderlens_core --example demo_files -- /tmp/demo 2025-11-20`.

use borderlens_core::demo::{events_csv, shipments_csv};
use borderlens_core::model::Date;
use borderlens_core::session::DEMO_SHIPMENTS;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "demo".into());
    let anchor = args.next().and_then(|d| Date::parse_iso(&d)).unwrap_or(Date::from_ymd(2025, 11, 20).expect("date"));
    std::fs::create_dir_all(&dir).expect("create the folder");
    std::fs::write(format!("{dir}/demo-shipments.csv"), shipments_csv(anchor, DEMO_SHIPMENTS)).expect("write");
    std::fs::write(format!("{dir}/demo-tracking-events.csv"), events_csv(anchor, DEMO_SHIPMENTS)).expect("write");
    println!("wrote {dir}/demo-shipments.csv and {dir}/demo-tracking-events.csv");
}
