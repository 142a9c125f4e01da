//! Warehouse projection: weekly on-hand units and volume against capacity, stockouts, storage
//! fees with peak-season rates, and inbound staggering to avoid an overflowing warehouse.
//!
//! The projection is deterministic (forecast means), week by week, one warehouse at a time:
//!
//! - inbound that arrives in a week is checked in at the start of that week and sells during it;
//! - demand that the stock cannot serve is lost, not owed: stock never goes negative, and the
//!   lost units mark the week as a stockout for that SKU (marketplace shoppers buy elsewhere;
//!   they do not wait for a restock);
//! - the capacity check uses the week's high point, after its arrivals and before its sales,
//!   because that is when the warehouse has to hold everything (and when a 3PL refuses inbound).

use crate::model::date::days_in_month;
use crate::model::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One SKU's stock and forecast in the warehouse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkuStock {
    pub sku: String,
    /// Sellable units at the start of the first week.
    pub on_hand_units: f64,
    /// Volume of one unit as stored (carton share included), in m³, if known.
    pub unit_volume_m3: Option<f64>,
    /// Forecast mean units sold per week; index 0 is the first week. Missing weeks sell nothing.
    pub weekly_demand_units: Vec<f64>,
}

/// A shipment of one SKU that will be checked in during `arrival_week`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbound {
    pub sku: String,
    pub units: f64,
    /// Any day of the arrival week (it is taken to its Monday).
    pub arrival_week: Date,
}

/// Storage capacity of a warehouse: in units, in m³, or both (`None` = no limit of that kind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    pub units: Option<f64>,
    pub m3: Option<f64>,
}

/// Everything the projection of one warehouse needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarehouseInput {
    /// Any day of the first week (it is taken to its Monday).
    pub first_week: Date,
    /// How many weeks to project.
    pub weeks: usize,
    pub skus: Vec<SkuStock>,
    /// Arrivals before the first week count in the first week; arrivals after the last week are
    /// left out. A SKU that is only inbound joins with no stock, no demand and unknown volume.
    pub inbound: Vec<Inbound>,
    pub capacity: Capacity,
}

/// One week of a warehouse's projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekProjection {
    pub week_start: Date,
    pub arriving_units: f64,
    /// Units held after the week's arrivals and before its sales: the week's high point.
    pub peak_units: f64,
    /// The high point's volume, counting only SKUs with a known unit volume.
    pub peak_volume_m3: f64,
    /// Of `peak_units`, those whose volume is unknown (so `peak_volume_m3` is short by them).
    pub peak_units_without_volume: f64,
    /// Projected on-hand units at the end of the week.
    pub projected_units: f64,
    pub projected_volume_m3: f64,
    pub capacity_units: Option<f64>,
    pub capacity_m3: Option<f64>,
    /// The high point exceeds a capacity ("warehouse explosion").
    pub over_capacity: bool,
    /// How far over each capacity the high point is (0 when within or unlimited).
    pub excess_units: f64,
    pub excess_m3: f64,
    /// Forecast demand the stock could not serve.
    pub lost_units: f64,
    /// SKUs that run out this week (some of their demand is lost), sorted.
    pub stockout_skus: Vec<String>,
}

/// Units below this are rounding noise, not stock or a stockout.
const EPS: f64 = 1e-9;

/// The per-SKU state behind a projection, kept for staggering.
struct Grid {
    weeks: Vec<WeekProjection>,
    /// `closing[s][t]`: units of SKU s at the end of week t.
    closing: Vec<Vec<f64>>,
}

/// An inbound line as the projection sees it: SKU index, units, week index.
#[derive(Debug, Clone)]
struct Line {
    sku: usize,
    units: f64,
    original_week: usize,
    week: usize,
}

/// The SKU table (input SKUs, then inbound-only ones) and the inbound lines inside the horizon.
fn prepare(input: &WarehouseInput) -> (Vec<SkuStock>, Vec<Line>) {
    let mut skus = input.skus.clone();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, s) in skus.iter().enumerate() {
        index.entry(s.sku.clone()).or_insert(i);
    }
    let first = input.first_week.week_start();
    let mut lines = Vec::new();
    for inbound in &input.inbound {
        let week = inbound.arrival_week.week_start().days_since(first).max(0) as usize / 7;
        if week >= input.weeks || inbound.units.is_nan() || inbound.units <= 0.0 {
            continue;
        }
        let sku = *index.entry(inbound.sku.clone()).or_insert_with(|| {
            skus.push(SkuStock {
                sku: inbound.sku.clone(),
                on_hand_units: 0.0,
                unit_volume_m3: None,
                weekly_demand_units: Vec::new(),
            });
            skus.len() - 1
        });
        lines.push(Line { sku, units: inbound.units, original_week: week, week });
    }
    (skus, lines)
}

fn project_lines(input: &WarehouseInput, skus: &[SkuStock], lines: &[Line]) -> Grid {
    let first = input.first_week.week_start();
    let mut arrivals = vec![vec![0.0; input.weeks]; skus.len()];
    for line in lines {
        arrivals[line.sku][line.week] += line.units;
    }
    let mut stock: Vec<f64> = skus.iter().map(|s| s.on_hand_units.max(0.0)).collect();
    let mut closing = vec![vec![0.0; input.weeks]; skus.len()];
    let mut weeks = Vec::with_capacity(input.weeks);
    for t in 0..input.weeks {
        let mut week = WeekProjection {
            week_start: first.add_days(7 * t as i32),
            arriving_units: 0.0,
            peak_units: 0.0,
            peak_volume_m3: 0.0,
            peak_units_without_volume: 0.0,
            projected_units: 0.0,
            projected_volume_m3: 0.0,
            capacity_units: input.capacity.units,
            capacity_m3: input.capacity.m3,
            over_capacity: false,
            excess_units: 0.0,
            excess_m3: 0.0,
            lost_units: 0.0,
            stockout_skus: Vec::new(),
        };
        for (s, sku) in skus.iter().enumerate() {
            let arriving = arrivals[s][t];
            let opening = stock[s] + arriving;
            let demand = sku.weekly_demand_units.get(t).copied().unwrap_or(0.0).max(0.0);
            let served = demand.min(opening);
            let lost = demand - served;
            stock[s] = opening - served;
            closing[s][t] = stock[s];
            week.arriving_units += arriving;
            week.peak_units += opening;
            week.projected_units += stock[s];
            match sku.unit_volume_m3 {
                Some(v) => {
                    week.peak_volume_m3 += opening * v;
                    week.projected_volume_m3 += stock[s] * v;
                }
                None => week.peak_units_without_volume += opening,
            }
            if lost > EPS {
                week.lost_units += lost;
                week.stockout_skus.push(sku.sku.clone());
            }
        }
        week.stockout_skus.sort();
        week.excess_units = input.capacity.units.map_or(0.0, |c| (week.peak_units - c).max(0.0));
        week.excess_m3 = input.capacity.m3.map_or(0.0, |c| (week.peak_volume_m3 - c).max(0.0));
        week.over_capacity = week.excess_units > EPS || week.excess_m3 > EPS;
        weeks.push(week);
    }
    Grid { weeks, closing }
}

/// Projects a warehouse week by week from its stock, forecast, inbound and capacity (see the
/// module notes for the conventions: check-in at the start of the arrival week, lost sales,
/// capacity judged at the week's high point).
///
/// ```
/// use borderlens_core::analysis::inventory::warehouse::*;
/// use borderlens_core::model::Date;
/// let monday = Date::from_ymd(2025, 11, 3).unwrap();
/// let weeks = project_warehouse(&WarehouseInput {
///     first_week: monday,
///     weeks: 3,
///     skus: vec![SkuStock { sku: "MUG-01".into(), on_hand_units: 100.0, unit_volume_m3: Some(0.002), weekly_demand_units: vec![60.0, 60.0, 60.0] }],
///     inbound: vec![Inbound { sku: "MUG-01".into(), units: 50.0, arrival_week: monday.add_days(16) }],
///     capacity: Capacity { units: Some(120.0), m3: None },
/// });
/// assert_eq!(weeks[0].projected_units, 40.0);
/// assert_eq!(weeks[1].stockout_skus, ["MUG-01"]); // 40 on hand, 60 wanted: 20 lost
/// assert_eq!(weeks[2].peak_units, 50.0);
/// assert!(!weeks.iter().any(|w| w.over_capacity));
/// ```
pub fn project_warehouse(input: &WarehouseInput) -> Vec<WeekProjection> {
    let (skus, lines) = prepare(input);
    project_lines(input, &skus, &lines).weeks
}

/// Monthly storage rates per m³, with a peak-season rate (Amazon's FBA fees, for one, rise from
/// October to December).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StorageRates {
    /// Per m³ per month outside the peak months.
    pub per_m3_month: f64,
    /// Per m³ per month in the peak months.
    pub peak_per_m3_month: f64,
    /// Which months (January first) charge the peak rate.
    pub peak_months: [bool; 12],
}

impl StorageRates {
    /// Rates with October, November and December as the peak months.
    pub fn october_to_december(per_m3_month: f64, peak_per_m3_month: f64) -> StorageRates {
        let mut peak_months = [false; 12];
        peak_months[9..12].fill(true);
        StorageRates { per_m3_month, peak_per_m3_month, peak_months }
    }

    /// The rate for one day: the month's rate divided by the days in that month.
    pub fn per_m3_day(&self, day: Date) -> f64 {
        let (year, month, _) = day.ymd();
        let rate = if self.peak_months[month as usize - 1] { self.peak_per_m3_month } else { self.per_m3_month };
        rate / days_in_month(year, month) as f64
    }
}

/// The storage fee of one projected week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WeekFee {
    pub week_start: Date,
    /// The week's average stored volume: halfway between its high point and its end.
    pub average_volume_m3: f64,
    pub fee: f64,
}

/// Storage fees per week and in total, in the rates' currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorageFees {
    pub weeks: Vec<WeekFee>,
    pub total: f64,
}

/// Storage fees of a projection: each day of a week is charged its month's rate pro rata
/// (rate ÷ days in that month), on the week's average volume — the mean of its high point and its
/// end, as sales run evenly through the week. A week across the end of September pays the normal
/// rate for its September days and the peak rate for its October days; a 30-day month charges
/// 1/30 of its rate per day. Volumes of SKUs without a unit volume are not charged (see
/// [`WeekProjection::peak_units_without_volume`]).
///
/// ```
/// use borderlens_core::analysis::inventory::warehouse::*;
/// use borderlens_core::model::Date;
/// let monday = Date::from_ymd(2025, 11, 3).unwrap();
/// let weeks = project_warehouse(&WarehouseInput {
///     first_week: monday,
///     weeks: 1,
///     skus: vec![SkuStock { sku: "A".into(), on_hand_units: 1000.0, unit_volume_m3: Some(0.01), weekly_demand_units: vec![0.0] }],
///     inbound: vec![],
///     capacity: Capacity::default(),
/// });
/// // 10 m³ for 7 November days at 60 a month: 10 × 60 / 30 × 7 = 140.
/// let fees = storage_fees(&weeks, &StorageRates::october_to_december(20.0, 60.0));
/// assert!((fees.total - 140.0).abs() < 1e-9);
/// ```
pub fn storage_fees(projection: &[WeekProjection], rates: &StorageRates) -> StorageFees {
    let weeks: Vec<WeekFee> = projection
        .iter()
        .map(|w| {
            let average = (w.peak_volume_m3 + w.projected_volume_m3) / 2.0;
            let fee = (0..7).map(|d| average * rates.per_m3_day(w.week_start.add_days(d))).sum();
            WeekFee { week_start: w.week_start, average_volume_m3: average, fee }
        })
        .collect();
    let total = weeks.iter().map(|w| w.fee).sum();
    StorageFees { weeks, total }
}

/// A suggested change to an inbound shipment: check `units` of `sku` in during `to_week` instead
/// of `from_week`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaggerSuggestion {
    pub sku: String,
    pub units: f64,
    pub from_week: Date,
    pub to_week: Date,
}

/// The suggested moves and the projection once they are made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaggerPlan {
    pub moves: Vec<StaggerSuggestion>,
    pub projection: Vec<WeekProjection>,
    /// Weeks still over capacity: moving inbound cannot fix them without a stockout (more
    /// capacity, another warehouse or a smaller order can).
    pub unresolved_weeks: Vec<Date>,
}

/// Suggests delaying parts of inbound shipments so no week is over capacity, without creating or
/// worsening any stockout. The greedy rule, week by week from the first:
///
/// 1. While week w is over capacity, take the inbound lines checked in during w or before it,
///    latest arrival first (the shortest delay), then the largest line, then by SKU;
/// 2. move as many of its units as are needed to clear the excess (in units, or in m³ at the SKU's
///    unit volume) to week w + 1, but no more than the SKU's lowest projected end-of-week stock
///    from the line's week through w, so every forecast sale in those weeks is still served;
/// 3. re-project and repeat; a line delayed to w + 1 may be delayed again if w + 1 is over too.
///
/// Why later and never earlier: units that land earlier are still on the shelf in every week up to
/// their planned arrival, so pulling a shipment forward cannot lower any week's stock — it only
/// fills the weeks in between. Delaying x units lowers the stock of the weeks they skip by x and
/// leaves every later week unchanged (the same units are there by then), so a delay never pushes
/// another week over. Moves are whole units, except a whole fractional line. A week whose excess
/// comes from stock already on hand, or whose inbound is all needed for sales before w + 1, is
/// reported in `unresolved_weeks`; the last week cannot be helped, as nothing is projected after.
/// Moves of the same units are reported once, from their original week to their final one.
///
/// ```
/// use borderlens_core::analysis::inventory::warehouse::*;
/// use borderlens_core::model::Date;
/// let monday = Date::from_ymd(2025, 11, 3).unwrap();
/// let plan = stagger(&WarehouseInput {
///     first_week: monday,
///     weeks: 4,
///     skus: vec![SkuStock { sku: "LAMP".into(), on_hand_units: 50.0, unit_volume_m3: None, weekly_demand_units: vec![50.0; 4] }],
///     inbound: vec![Inbound { sku: "LAMP".into(), units: 150.0, arrival_week: monday }],
///     capacity: Capacity { units: Some(150.0), m3: None },
/// });
/// // 200 units in week 1 against 150: 50 can wait a week (150 are left at its end anyway), and
/// // week 2 then holds 100 + 50.
/// assert_eq!(plan.moves, [StaggerSuggestion { sku: "LAMP".into(), units: 50.0, from_week: monday, to_week: monday.add_days(7) }]);
/// assert!(plan.unresolved_weeks.is_empty());
/// ```
pub fn stagger(input: &WarehouseInput) -> StaggerPlan {
    let (skus, mut lines) = prepare(input);
    let mut grid = project_lines(input, &skus, &lines);
    let mut unresolved = Vec::new();
    for w in 0..input.weeks {
        // Each pass moves at least one unit or stops, so this bound is never reached in practice.
        for _ in 0..10_000 {
            let week = &grid.weeks[w];
            if !week.over_capacity {
                break;
            }
            if w + 1 >= input.weeks {
                unresolved.push(week.week_start);
                break;
            }
            let Some((line, units)) = next_delay(&skus, &lines, &grid, week, w) else {
                unresolved.push(week.week_start);
                break;
            };
            lines[line].units -= units;
            let moved = Line { units, week: w + 1, ..lines[line].clone() };
            lines.push(moved);
            grid = project_lines(input, &skus, &lines);
        }
    }
    let first = input.first_week.week_start();
    let mut merged: BTreeMap<(usize, usize, usize), f64> = BTreeMap::new();
    for line in lines.iter().filter(|l| l.week != l.original_week && l.units > 0.0) {
        *merged.entry((line.original_week, line.sku, line.week)).or_default() += line.units;
    }
    let moves = merged
        .into_iter()
        .map(|((from, sku, to), units)| StaggerSuggestion {
            sku: skus[sku].sku.clone(),
            units,
            from_week: first.add_days(7 * from as i32),
            to_week: first.add_days(7 * to as i32),
        })
        .collect();
    StaggerPlan { moves, projection: grid.weeks, unresolved_weeks: unresolved }
}

/// The inbound line to delay from week `w` to `w + 1` next, and how many units.
fn next_delay(skus: &[SkuStock], lines: &[Line], grid: &Grid, week: &WeekProjection, w: usize) -> Option<(usize, f64)> {
    let mut order: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].week <= w && lines[i].units > 0.0).collect();
    order.sort_by(|&a, &b| {
        let (la, lb) = (&lines[a], &lines[b]);
        lb.week.cmp(&la.week).then(lb.units.total_cmp(&la.units)).then_with(|| skus[la.sku].sku.cmp(&skus[lb.sku].sku))
    });
    for i in order {
        let line = &lines[i];
        let volume = skus[line.sku].unit_volume_m3.filter(|v| *v > 0.0);
        // Units to move to clear whichever capacity is exceeded; a SKU without a volume cannot
        // help with cubic metres.
        let for_units = week.excess_units;
        let for_volume = match volume {
            Some(v) => week.excess_m3 / v,
            None if week.excess_m3 > EPS && week.excess_units <= EPS => continue,
            None => 0.0,
        };
        let needed = for_units.max(for_volume);
        let spare = (line.week..=w).map(|t| grid.closing[line.sku][t]).fold(f64::INFINITY, f64::min);
        let mut units = line.units.min(spare).min((needed - EPS).ceil());
        if units < line.units {
            units = (units + EPS).floor();
        }
        if units > 0.0 {
            return Some((i, units));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    const REFERENCE: &str = include_str!("../../../../../tests/fixtures/reference/stock_reference.json");

    fn date(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn sku(name: &str, on_hand: f64, volume: Option<f64>, demand: &[f64]) -> SkuStock {
        SkuStock {
            sku: name.into(),
            on_hand_units: on_hand,
            unit_volume_m3: volume,
            weekly_demand_units: demand.to_vec(),
        }
    }

    #[test]
    fn projects_by_hand_with_lost_sales() {
        let monday = date("2025-11-03");
        let input = WarehouseInput {
            first_week: monday.add_days(2), // a Wednesday: the week is taken to its Monday
            weeks: 4,
            skus: vec![sku("A", 30.0, Some(0.01), &[10.0, 20.0, 30.0]), sku("B", 5.0, None, &[2.0; 4])],
            inbound: vec![
                Inbound { sku: "A".into(), units: 25.0, arrival_week: monday.add_days(20) }, // week 3
                Inbound { sku: "C".into(), units: 8.0, arrival_week: monday.add_days(-30) }, // early: week 1
                Inbound { sku: "A".into(), units: 99.0, arrival_week: monday.add_days(28) }, // past the horizon
            ],
            capacity: Capacity { units: Some(45.0), m3: Some(0.3) },
        };
        let weeks = project_warehouse(&input);
        assert_eq!(weeks.len(), 4);
        assert_eq!(weeks[0].week_start, monday);
        // Week 1: A 30 → 20, B 5 → 3, C 8 (no demand). High point 43 units, 0.3 m³ of A.
        assert_eq!(weeks[0].peak_units, 43.0);
        assert!((weeks[0].peak_volume_m3 - 0.3).abs() < 1e-12);
        assert_eq!(weeks[0].peak_units_without_volume, 13.0);
        assert_eq!(weeks[0].projected_units, 31.0);
        assert!(!weeks[0].over_capacity);
        // Week 2: A 20 → 0 exactly (not a stockout), B 3 → 1.
        assert_eq!(weeks[1].projected_units, 9.0);
        assert!(weeks[1].stockout_skus.is_empty());
        // Week 3: A gets 25, sells 25 of 30 wanted: 5 lost. B sells its last unit of 2 wanted.
        assert_eq!(weeks[2].arriving_units, 25.0);
        assert_eq!(weeks[2].lost_units, 6.0);
        assert_eq!(weeks[2].stockout_skus, ["A", "B"]);
        // Week 4: B has nothing for 2 wanted; A has no forecast: no demand.
        assert_eq!(weeks[3].stockout_skus, ["B"]);
        assert_eq!(weeks[3].lost_units, 2.0);
        assert_eq!(weeks[3].projected_units, 8.0);
    }

    #[test]
    fn flags_overflow_in_units_and_volume() {
        let monday = date("2025-10-27");
        let input = WarehouseInput {
            first_week: monday,
            weeks: 2,
            skus: vec![sku("A", 100.0, Some(0.05), &[10.0, 10.0])],
            inbound: vec![Inbound { sku: "A".into(), units: 50.0, arrival_week: monday.add_days(7) }],
            capacity: Capacity { units: Some(120.0), m3: Some(6.0) },
        };
        let weeks = project_warehouse(&input);
        assert!(!weeks[0].over_capacity); // 100 units, 5 m³
        assert!(weeks[1].over_capacity); // 140 units, 7 m³
        assert_eq!(weeks[1].excess_units, 20.0);
        assert!((weeks[1].excess_m3 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn storage_fees_pro_rate_across_months_and_peak() {
        // The week of Monday 29 September 2025: 2 September days, 5 October days.
        let week = WeekProjection {
            week_start: date("2025-09-29"),
            arriving_units: 0.0,
            peak_units: 0.0,
            peak_volume_m3: 12.0,
            peak_units_without_volume: 0.0,
            projected_units: 0.0,
            projected_volume_m3: 8.0,
            capacity_units: None,
            capacity_m3: None,
            over_capacity: false,
            excess_units: 0.0,
            excess_m3: 0.0,
            lost_units: 0.0,
            stockout_skus: vec![],
        };
        let rates = StorageRates::october_to_december(30.0, 93.0);
        let fees = storage_fees(&[week], &rates);
        // 10 m³ × (2 × 30/30 + 5 × 93/31) = 10 × (2 + 15) = 170.
        assert!((fees.total - 170.0).abs() < 1e-9, "{fees:?}");
        assert_eq!(fees.weeks[0].average_volume_m3, 10.0);
        // February of a leap year: 29 days.
        assert!((rates.per_m3_day(date("2028-02-10")) - 30.0 / 29.0).abs() < 1e-15);
        assert!(!rates.peak_months[8] && rates.peak_months[9] && rates.peak_months[11]);
    }

    #[test]
    fn projection_and_fees_match_the_python_reference() {
        let reference: Value = serde_json::from_str(REFERENCE).unwrap();
        let case = &reference["projection"];
        let input: WarehouseInput = serde_json::from_value(case["input"].clone()).unwrap();
        let weeks = project_warehouse(&input);
        let expected = case["weeks"].as_array().unwrap();
        assert_eq!(weeks.len(), expected.len());
        let close = |a: f64, b: &Value| (a - b.as_f64().unwrap()).abs() < 1e-9;
        for (got, want) in weeks.iter().zip(expected) {
            assert_eq!(got.week_start, date(want["week_start"].as_str().unwrap()));
            assert!(close(got.peak_units, &want["peak_units"]), "{got:?} vs {want}");
            assert!(close(got.projected_units, &want["projected_units"]), "{got:?} vs {want}");
            assert!(close(got.peak_volume_m3, &want["peak_volume_m3"]), "{got:?} vs {want}");
            assert!(close(got.projected_volume_m3, &want["projected_volume_m3"]), "{got:?} vs {want}");
            assert!(close(got.lost_units, &want["lost_units"]), "{got:?} vs {want}");
            assert_eq!(got.over_capacity, want["over_capacity"].as_bool().unwrap(), "{want}");
            let stockouts: Vec<&str> =
                want["stockout_skus"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            assert_eq!(got.stockout_skus, stockouts);
        }
        let rates: StorageRates = serde_json::from_value(case["rates"].clone()).unwrap();
        let fees = storage_fees(&weeks, &rates);
        for (got, want) in fees.weeks.iter().zip(case["fees"].as_array().unwrap()) {
            assert!(close(got.fee, want), "{got:?} vs {want}");
        }
        assert!(close(fees.total, &case["fee_total"]));
    }

    #[test]
    fn staggers_by_delaying_what_is_not_needed_yet() {
        let monday = date("2025-10-20");
        let input = WarehouseInput {
            first_week: monday,
            weeks: 5,
            skus: vec![
                sku("A", 40.0, Some(0.01), &[20.0, 20.0, 40.0, 40.0, 40.0]),
                sku("B", 10.0, Some(0.02), &[10.0, 10.0, 10.0, 10.0, 10.0]),
            ],
            inbound: vec![
                Inbound { sku: "A".into(), units: 100.0, arrival_week: monday.add_days(7) },
                Inbound { sku: "B".into(), units: 40.0, arrival_week: monday.add_days(7) },
            ],
            capacity: Capacity { units: Some(100.0), m3: None },
        };
        let before = project_warehouse(&input);
        // Week 2: A 20 + 100, B 0 + 40: 160 units against 100.
        assert_eq!(before[1].peak_units, 160.0);
        assert!(before[1].over_capacity);
        let plan = stagger(&input);
        assert!(plan.unresolved_weeks.is_empty(), "{plan:?}");
        assert!(plan.projection.iter().all(|w| !w.over_capacity));
        // Largest line first (same week): A's 100, of which 100 are still there at the end of week
        // 2, so the 60 excess units wait a week. Week 3 then holds A 40 + 60 and B 30: 130, so 30
        // of the delayed units (60 − 40 sold) wait one more week.
        let (w2, w3, w4) = (monday.add_days(7), monday.add_days(14), monday.add_days(21));
        assert_eq!(
            plan.moves,
            [
                StaggerSuggestion { sku: "A".into(), units: 30.0, from_week: w2, to_week: w3 },
                StaggerSuggestion { sku: "A".into(), units: 30.0, from_week: w2, to_week: w4 },
            ]
        );
        assert_eq!(plan.projection[1].peak_units, 100.0);
        assert_eq!(plan.projection[2].peak_units, 100.0);
        // No stockout was created: lost units are unchanged week by week.
        for (a, b) in before.iter().zip(&plan.projection) {
            assert_eq!(a.lost_units, b.lost_units);
        }
    }

    #[test]
    fn reports_what_cannot_be_staggered() {
        let monday = date("2025-11-17");
        // Every inbound unit sells in its week: delaying any would lose sales.
        let input = WarehouseInput {
            first_week: monday,
            weeks: 3,
            skus: vec![sku("A", 90.0, None, &[110.0, 10.0, 10.0])],
            inbound: vec![Inbound { sku: "A".into(), units: 20.0, arrival_week: monday }],
            capacity: Capacity { units: Some(100.0), m3: None },
        };
        let plan = stagger(&input);
        assert!(plan.moves.is_empty());
        assert_eq!(plan.unresolved_weeks, [monday]);
        // Over capacity in the last week: nothing to delay to.
        let last = WarehouseInput {
            weeks: 1,
            skus: vec![sku("A", 0.0, None, &[0.0])],
            inbound: vec![Inbound { sku: "A".into(), units: 200.0, arrival_week: monday }],
            ..input
        };
        assert_eq!(stagger(&last).unresolved_weeks, [monday]);
    }

    #[test]
    fn chained_delays_are_reported_once() {
        let monday = date("2025-11-03");
        let input = WarehouseInput {
            first_week: monday,
            weeks: 4,
            skus: vec![sku("A", 0.0, Some(0.1), &[0.0, 0.0, 0.0, 0.0])],
            inbound: vec![
                Inbound { sku: "A".into(), units: 30.0, arrival_week: monday },
                Inbound { sku: "A".into(), units: 10.0, arrival_week: monday.add_days(7) },
            ],
            capacity: Capacity { units: None, m3: Some(2.5) },
        };
        // 3 m³ in week 1 against 2.5: 5 units wait; week 2 then holds 25 + 5 + 10 = 40 units = 4 m³
        // → 15 more wait, the latest arrival (10) first then 5 of the rest; and so on to week 4.
        let plan = stagger(&input);
        assert_eq!(plan.unresolved_weeks, [monday.add_days(21)]);
        let total_moved: f64 = plan.moves.iter().map(|m| m.units).sum();
        assert!(total_moved > 0.0);
        let mut seen = std::collections::BTreeSet::new();
        for m in &plan.moves {
            assert!(m.to_week > m.from_week);
            assert!(seen.insert((m.sku.clone(), m.from_week, m.to_week)), "{m:?} reported twice");
        }
        for w in &plan.projection[..3] {
            assert!(!w.over_capacity, "{w:?}");
        }
    }

    fn arb_input() -> impl Strategy<Value = WarehouseInput> {
        let skus = prop::collection::vec(
            (0.0f64..200.0, prop::option::of(0.001f64..0.1), prop::collection::vec(0.0f64..80.0, 0..8)),
            1..5,
        );
        let inbound = prop::collection::vec((0usize..5, 1.0f64..300.0, -1i32..9), 0..8);
        (skus, inbound, prop::option::of(50.0f64..600.0), prop::option::of(0.5f64..20.0)).prop_map(
            |(skus, inbound, units, m3)| WarehouseInput {
                first_week: Date::from_ymd(2025, 10, 6).unwrap(),
                weeks: 8,
                skus: skus
                    .into_iter()
                    .enumerate()
                    .map(|(i, (on_hand, volume, demand))| SkuStock {
                        sku: format!("S{i}"),
                        on_hand_units: on_hand.round(),
                        unit_volume_m3: volume,
                        weekly_demand_units: demand,
                    })
                    .collect(),
                inbound: inbound
                    .into_iter()
                    .map(|(s, units, week)| Inbound {
                        sku: format!("S{s}"),
                        units: units.round(),
                        arrival_week: Date::from_ymd(2025, 10, 6).unwrap().add_days(7 * week),
                    })
                    .collect(),
                capacity: Capacity { units, m3 },
            },
        )
    }

    proptest! {
        #[test]
        fn stock_is_conserved_and_never_negative(input in arb_input()) {
            let weeks = project_warehouse(&input);
            let mut expected = input.skus.iter().map(|s| s.on_hand_units).sum::<f64>();
            for w in &weeks {
                prop_assert!(w.projected_units >= -EPS && w.peak_units >= w.projected_units - EPS);
                let demand: f64 = input.skus.iter().map(|s| s.weekly_demand_units.get(weeks.iter().position(|x| x.week_start == w.week_start).unwrap()).copied().unwrap_or(0.0)).sum();
                let served = w.peak_units - w.projected_units;
                prop_assert!((served + w.lost_units - demand).abs() < 1e-6);
                expected += w.arriving_units - served;
                prop_assert!((w.projected_units - expected).abs() < 1e-6);
            }
        }

        #[test]
        fn staggering_never_adds_stockouts_or_overflow(input in arb_input()) {
            let before = project_warehouse(&input);
            let plan = stagger(&input);
            let mut moved_from = std::collections::BTreeMap::new();
            for m in &plan.moves {
                prop_assert!(m.units > 0.0 && m.to_week > m.from_week);
                *moved_from.entry((m.sku.clone(), m.from_week)).or_insert(0.0) += m.units;
            }
            for ((sku, week), units) in moved_from {
                let planned: f64 = input.inbound.iter().filter(|i| i.sku == sku && i.arrival_week.week_start().max(input.first_week) == week).map(|i| i.units).sum();
                prop_assert!(units <= planned + 1e-6);
            }
            for (a, b) in before.iter().zip(&plan.projection) {
                prop_assert!((a.lost_units - b.lost_units).abs() < 1e-6, "lost {} → {}", a.lost_units, b.lost_units);
                prop_assert!(b.peak_units <= a.peak_units + 1e-6);
                prop_assert!(b.peak_volume_m3 <= a.peak_volume_m3 + 1e-6);
                prop_assert!(!b.over_capacity || plan.unresolved_weeks.contains(&b.week_start));
            }
        }
    }
}
