//! The shipments table: one row per parcel, columnar, validated.

use crate::ingest::parse::promise::PromiseDays;
use crate::ingest::quality::{RejectReason, WarningKind};
use crate::ingest::table::{Column, MoneyColumn, Table};
use crate::mapping::{Field, WeightUnit};
use crate::model::dict::{Dict, StrColumn};
use crate::model::Date;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Parcels, one per index; every column has the same length. Text columns that were not
/// mapped are empty dictionaries of missing codes, so analyses need no special cases.
#[derive(Debug, Clone, Default)]
pub struct Shipments {
    /// The source row of each parcel (for messages and exports).
    pub rows: Vec<u64>,
    pub tracking: StrColumn,
    pub order_id: StrColumn,
    pub shipped_on: Vec<Option<Date>>,
    pub delivered_on: Vec<Option<Date>>,
    /// Calendar days from handover to delivery; `None` while in transit.
    pub transit_days: Vec<Option<u32>>,
    /// When the parcel was due: the promised date, or ship date + promised days.
    pub due_on: Vec<Option<Date>>,
    /// Promised days as written, kept for files with transit days but no dates.
    pub promised_days: Vec<Option<PromiseDays>>,
    pub origin: Dict,
    pub destination: Dict,
    pub region: Dict,
    pub carrier: Dict,
    pub service: Dict,
    pub status: Dict,
    /// Kilograms; NaN where unknown.
    pub weight_kg: Vec<f64>,
    pub declared_value: MoneyColumn,
    pub shipping_cost: MoneyColumn,
    /// Digits only, leading zeros kept; empty where unknown.
    pub hs_code: StrColumn,
    /// Customs outcome as written (normalised by the customs analysis).
    pub outcome: Dict,
    /// Export or import checkpoint as written.
    pub checkpoint: Dict,
    /// Customs hold days; NaN where unknown.
    pub hold_days: Vec<f64>,
    /// Documents customs asked for, as written.
    pub documents: Dict,
    pub duties: MoneyColumn,
    /// Storage, return freight, penalties.
    pub extra_cost: MoneyColumn,
    pub category: Dict,
    /// The fields the mapping supplied.
    pub mapped: Vec<Field>,
}

/// Days beyond which a transit time is flagged as suspicious (but kept).
pub const SUSPICIOUS_TRANSIT_DAYS: u32 = 365;

impl Shipments {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn is_delivered(&self, i: usize) -> bool {
        self.transit_days[i].is_some()
    }

    pub fn has(&self, field: Field) -> bool {
        self.mapped.contains(&field)
    }

    /// Whether parcel `i` arrived by its promise: `None` when it is not delivered or no
    /// promise is known.
    pub fn is_on_time(&self, i: usize) -> Option<bool> {
        let transit = self.transit_days[i]?;
        if let (Some(due), Some(delivered)) = (self.due_on[i], self.delivered_on[i]) {
            return Some(delivered <= due);
        }
        match self.promised_days[i] {
            Some(p) if !p.working_days => Some(transit <= p.days as u32),
            _ => None,
        }
    }

    /// Days after the promise (0 when on time), for delivered parcels with a known promise.
    pub fn days_late(&self, i: usize) -> Option<u32> {
        let transit = self.transit_days[i]?;
        if let (Some(due), Some(delivered)) = (self.due_on[i], self.delivered_on[i]) {
            return Some(delivered.days_since(due).max(0) as u32);
        }
        match self.promised_days[i] {
            Some(p) if !p.working_days => Some(transit.saturating_sub(p.days as u32)),
            _ => None,
        }
    }

    /// Builds the shipments from a loaded table, rejecting rows that cannot be used:
    /// no ship date and no transit days, a delivery before the shipment, negative transit.
    /// Rows with transit over a year, dates after `today`, or repeated tracking numbers are
    /// kept and flagged.
    ///
    /// The columns and row numbers move into the shipments (a million-row table is not
    /// copied); the table comes back with its quality ledger and warnings only.
    pub fn from_table(mut table: Table, today: Option<Date>) -> (Shipments, Table) {
        let n = table.len();
        let shipped = take_dates(&mut table, Field::ShipDate).unwrap_or_else(|| vec![None; n]);
        let mut delivered_on = take_dates(&mut table, Field::DeliveredDate).unwrap_or_else(|| vec![None; n]);
        let given_transit = match table.take(Field::TransitDays) {
            Some(Column::Numbers(v)) => Some(v),
            _ => None,
        };
        let promised_date = take_dates(&mut table, Field::PromisedDate);
        let promised_days = match table.take(Field::PromisedDays) {
            Some(Column::Promises(v)) => v,
            _ => vec![None; n],
        };

        let mut transit = vec![None; n];
        for i in 0..n {
            let given = given_transit.as_ref().map(|t| t[i]).filter(|x| !x.is_nan());
            // As read: `delivered_on` may be filled in from the transit days below.
            let delivered = delivered_on[i];
            match (shipped[i], delivered, given) {
                (Some(s), Some(d), _) => {
                    if d < s {
                        table.reject(
                            i,
                            Some(Field::DeliveredDate),
                            d.to_string(),
                            RejectReason::DeliveredBeforeShipped { shipped: s, delivered: d },
                        );
                        continue;
                    }
                    transit[i] = Some(d.days_since(s) as u32);
                }
                (s, d, Some(days)) => {
                    if days < 0.0 {
                        table.reject(i, Some(Field::TransitDays), format_days(days), RejectReason::NegativeDays);
                        continue;
                    }
                    if days.fract() != 0.0 {
                        table.warn(i, WarningKind::FractionalDays, Some(Field::TransitDays), &format_days(days));
                    }
                    let whole = days.round() as u32;
                    transit[i] = Some(whole);
                    delivered_on[i] = d.or_else(|| s.map(|s| s.add_days(whole as i32)));
                }
                (None, _, None) => {
                    let field =
                        if table.header(Field::ShipDate).is_some() { Field::ShipDate } else { Field::TransitDays };
                    table.reject(i, Some(field), String::new(), RejectReason::Missing);
                    continue;
                }
                (Some(_), None, None) => {} // in transit
            }
            if let Some(t) = transit[i] {
                if t > SUSPICIOUS_TRANSIT_DAYS {
                    table.warn(i, WarningKind::TransitOver365, Some(Field::DeliveredDate), &t.to_string());
                }
            }
            if let Some(today) = today {
                for (field, date) in [(Field::ShipDate, shipped[i]), (Field::DeliveredDate, delivered)] {
                    if let Some(d) = date.filter(|d| *d > today) {
                        table.warn(i, WarningKind::FutureDate, Some(field), &d.to_string());
                    }
                }
            }
        }

        let due_on: Vec<Option<Date>> = (0..n)
            .map(|i| {
                promised_date.as_ref().and_then(|p| p[i]).or_else(|| {
                    let p = promised_days[i]?;
                    let s = shipped[i]?;
                    Some(if p.working_days { s.add_business_days(p.days as u32) } else { s.add_days(p.days as i32) })
                })
            })
            .collect();

        let mut s = Shipments {
            rows: Vec::new(),
            shipped_on: shipped,
            delivered_on,
            transit_days: transit,
            due_on,
            promised_days,
            mapped: table.headers.keys().copied().collect(),
            ..Shipments::default()
        };
        s.mapped.sort();
        let keep: Vec<bool> = (0..n).map(|i| table.is_kept(i)).collect();
        table.compact();
        if keep.contains(&false) {
            for v in [&mut s.shipped_on, &mut s.delivered_on, &mut s.due_on] {
                crate::model::dict::retain_by_mask(v, &keep);
            }
            crate::model::dict::retain_by_mask(&mut s.transit_days, &keep);
            crate::model::dict::retain_by_mask(&mut s.promised_days, &keep);
        }
        drop(keep);

        s.tracking = table.take_ids(Field::TrackingNumber);
        s.order_id = table.take_ids(Field::OrderId);
        s.hs_code = table.take_ids(Field::HsCode);
        s.origin = table.take_dict(Field::Origin);
        s.destination = table.take_dict(Field::Destination);
        s.region = table.take_dict(Field::Region);
        s.carrier = table.take_dict(Field::Carrier);
        s.service = table.take_dict(Field::Service);
        s.status = table.take_dict(Field::Status);
        s.weight_kg = table.take_numbers(Field::Weight);
        s.declared_value = table.take_money(Field::DeclaredValue);
        s.shipping_cost = table.take_money(Field::ShippingCost);
        s.duties = table.take_money(Field::DutiesPaid);
        s.extra_cost = table.take_money(Field::ExtraCost);
        // A currency column names the currency of amounts whose cell and header do not.
        if let Some(Column::Text(codes)) = table.take(Field::Currency) {
            for field in [Field::DeclaredValue, Field::ShippingCost, Field::DutiesPaid, Field::ExtraCost] {
                let labelled = table.header(field).and_then(crate::mapping::currency_from_header).is_some();
                if !labelled {
                    if let Some(money) = s.money_mut(field) {
                        money.apply_row_currencies(&codes);
                    }
                }
            }
        }
        s.outcome = table.take_dict(Field::CustomsOutcome);
        s.checkpoint = table.take_dict(Field::Checkpoint);
        s.documents = table.take_dict(Field::DocumentsRequested);
        s.category = table.take_dict(Field::ProductCategory);
        s.hold_days = table.take_numbers(Field::HoldDays);
        flag_duplicate_tracking(&s, &mut table);
        // Warnings are all given: the row numbers can move too.
        s.rows = std::mem::take(&mut table.rows);
        (s, table)
    }

    fn money_mut(&mut self, field: Field) -> Option<&mut MoneyColumn> {
        match field {
            Field::DeclaredValue => Some(&mut self.declared_value),
            Field::ShippingCost => Some(&mut self.shipping_cost),
            Field::DutiesPaid => Some(&mut self.duties),
            Field::ExtraCost => Some(&mut self.extra_cost),
            _ => None,
        }
    }

    /// Converts the weight column from the unit the file used to kilograms.
    pub fn convert_weight(&mut self, unit: WeightUnit) {
        if unit != WeightUnit::Kg {
            for w in &mut self.weight_kg {
                *w = unit.to_kg(*w);
            }
        }
    }
}

fn format_days(days: f64) -> String {
    format!("{days}")
}

fn take_dates(table: &mut Table, field: Field) -> Option<Vec<Option<Date>>> {
    match table.take(field) {
        Some(Column::Dates(v)) => Some(v),
        _ => None,
    }
}

/// Tracking numbers on more than one row are kept (a re-shipment can reuse one) but flagged.
fn flag_duplicate_tracking(s: &Shipments, table: &mut Table) {
    if !s.has(Field::TrackingNumber) {
        return;
    }
    for i in repeated_rows(&s.tracking) {
        table.warn(i, WarningKind::DuplicateTracking, Some(Field::TrackingNumber), s.tracking.get(i));
    }
}

/// The rows whose (non-empty) value was already on an earlier row, in row order.
///
/// One hash set over a million rows costs a cache miss per row (~100 ms). Instead each
/// value is hashed once, the (hash, row) pairs are bucketed by 8 bits of the hash (a
/// counting sort, so row order holds within a bucket), and each bucket gets its own small
/// set, which stays in the cache; texts are only read back to compare two with the same
/// hash. A pair keeps 32 bits of the hash, so it takes 8 bytes (8 MB at a million rows).
/// A 64-bit hash folded to 32 bits. `FxHasher` hashes in `usize`: on wasm32 its output has
/// only 32 bits, so taking the top half (as this once did) gave every row the same hash
/// there, and the repeated-value check went quadratic in the browser while native tests
/// stayed fast.
fn fold32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

fn repeated_rows(column: &StrColumn) -> Vec<usize> {
    const BUCKET_BITS: u32 = 8;
    // Bits 16-23 pick the bucket; inside one the set still sees 24 varying bits.
    let bucket = |h: u32| ((h >> 16) & ((1 << BUCKET_BITS) - 1)) as usize;
    // The set's hash: the 32 bits twice, so its slot (low bits) and tag (top 7) both vary.
    let wide = |h: u32| (u64::from(h) << 32) | u64::from(h);
    // Hashing is cheap next to memory: hash twice rather than keep the hashes.
    let hashed = || {
        column
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(i, t)| (fold32(FxBuildHasher.hash_one(t)), i as u32))
    };
    let mut starts = vec![0usize; (1 << BUCKET_BITS) + 1];
    for (h, _) in hashed() {
        starts[bucket(h) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut pairs = vec![(0u32, 0u32); starts[starts.len() - 1]];
    let mut next = starts.clone();
    for (h, i) in hashed() {
        pairs[next[bucket(h)]] = (h, i);
        next[bucket(h)] += 1;
    }
    let mut repeated = Vec::new();
    let mut seen: HashTable<(u32, u32)> = HashTable::new();
    for b in starts.windows(2) {
        seen.clear();
        for &(h, i) in &pairs[b[0]..b[1]] {
            let same = |&(hj, j): &(u32, u32)| hj == h && column.get(j as usize) == column.get(i as usize);
            if seen.find(wide(h), same).is_some() {
                repeated.push(i as usize);
            } else {
                seen.insert_unique(wide(h), (h, i), |&(hj, _)| wide(hj));
            }
        }
    }
    repeated.sort_unstable();
    repeated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_32_bit_hash_keeps_its_bits_when_folded() {
        // wasm32's FxHasher gives hashes below 2³²: folding must not drop them.
        let small: Vec<u32> = (1u64..=1000).map(|h| fold32(h * 0x9E37_79B9)).collect();
        let mut distinct = small.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), small.len());
        assert_ne!(fold32(0xDEAD_BEEF_0000_0000), 0, "and a 64-bit one keeps its top half");
    }
    use crate::ingest::table::{LoadSettings, TableLoader};
    use crate::mapping::{propose, DatasetKind};

    fn shipments(h: &[&str], rows: &[&[&str]], today: Option<Date>) -> (Shipments, Table) {
        let headers: Vec<String> = h.iter().map(|s| s.to_string()).collect();
        let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let mapping = propose(DatasetKind::Shipments, &headers, &samples);
        let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
        for (i, r) in rows.iter().enumerate() {
            loader.push(i as u64 + 2, r);
        }
        Shipments::from_table(loader.finish(), today)
    }

    #[test]
    fn computes_transit_and_keeps_undelivered_parcels_in_transit() {
        let (s, t) = shipments(
            &["Tracking No", "Ship Date", "Delivered Date", "Promised Days"],
            &[
                &["A1", "2024-03-01", "2024-03-29", "30"],
                &["A2", "2024-03-01", "", "30"],
                &["A3", "2024-03-10", "2024-03-01", "30"],
                &["A1", "2024-03-02", "2024-04-30", "15-25个工作日"],
            ],
            None,
        );
        assert_eq!(s.len(), 3);
        assert_eq!(s.transit_days, vec![Some(28), None, Some(59)]);
        assert_eq!(s.is_on_time(0), Some(true));
        assert_eq!(s.is_on_time(1), None);
        // 25 working days from Saturday 2024-03-02 is Friday 2024-04-05.
        assert_eq!(s.due_on[2].unwrap().to_string(), "2024-04-05");
        assert_eq!(s.is_on_time(2), Some(false));
        assert_eq!(s.days_late(2), Some(25));
        let q = &t.quality;
        assert_eq!((q.rows_read, q.rows_used, q.rows_rejected), (4, 3, 1));
        assert!(matches!(q.rejections[0].reason, RejectReason::DeliveredBeforeShipped { .. }));
        assert_eq!(q.rejections[0].row, 4);
        let w = t.warnings.clone().into_vec();
        assert!(w.iter().any(|w| w.kind == WarningKind::DuplicateTracking && w.examples[0].0 == 5));
    }

    #[test]
    fn uses_transit_days_when_the_export_gives_them() {
        let (s, _) = shipments(
            &["Days for shipping (real)", "Days for shipment (scheduled)", "Order Country"],
            &[&["3", "2", "México"], &["1", "2", "Francia"]],
            None,
        );
        assert_eq!(s.transit_days, vec![Some(3), Some(1)]);
        assert_eq!(s.is_on_time(0), Some(false));
        assert_eq!(s.is_on_time(1), Some(true));
        assert_eq!(s.destination.get(0), Some("MX"));
    }

    #[test]
    fn flags_future_dates_and_very_long_transit() {
        let today = Date::from_ymd(2024, 6, 1);
        let (s, t) = shipments(
            &["Ship Date", "Delivered Date"],
            &[&["2023-01-01", "2024-05-01"], &["2024-05-20", "2024-07-01"]],
            today,
        );
        assert_eq!(s.len(), 2);
        let kinds: Vec<_> = t.warnings.clone().into_vec().iter().map(|w| w.kind).collect();
        assert!(kinds.contains(&WarningKind::TransitOver365));
        assert!(kinds.contains(&WarningKind::FutureDate));
    }

    #[test]
    fn repeated_values_are_found_in_row_order_after_their_first_row() {
        let mut c = StrColumn::default();
        let values: Vec<String> = (0..5000).map(|i| format!("LP{:05}", (i * 7919) % 3000)).collect();
        for v in &values {
            c.push(v);
        }
        c.push("");
        c.push("");
        let mut first = std::collections::HashSet::new();
        let expected: Vec<usize> = (0..values.len()).filter(|&i| !first.insert(&values[i])).collect();
        assert_eq!(repeated_rows(&c), expected);
        assert_eq!(expected.len(), 2000);
    }
}
