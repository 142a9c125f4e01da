//! Per-group accumulators: everything a group's figures need, in one pass over the rows.

use crate::analysis::stats::{DayCounts, Rate};
use crate::model::{Date, FxTable, Shipments};
use serde::{Deserialize, Serialize};

/// Running totals for one group of parcels.
#[derive(Debug, Clone, Default)]
pub struct GroupAcc {
    pub shipments: u64,
    pub transit: DayCounts,
    pub promise_known: u64,
    pub on_time: u64,
    pub late: u64,
    pub late_days: u64,
    pub cost_usd: f64,
    pub cost_n: u64,
    pub cost_with_weight_usd: f64,
    pub weight_kg: f64,
    /// In-transit parcels with a ship date: (dataset, row), checked against P95 later.
    pub open: Vec<(u32, u32)>,
}

impl GroupAcc {
    pub fn add(&mut self, s: &Shipments, dataset: u32, i: usize, fx: &FxTable) {
        self.shipments += 1;
        match s.transit_days[i] {
            Some(t) => {
                self.transit.add(t);
                if let Some(on_time) = s.is_on_time(i) {
                    self.promise_known += 1;
                    if on_time {
                        self.on_time += 1;
                    } else {
                        self.late += 1;
                        self.late_days += s.days_late(i).unwrap_or(0) as u64;
                    }
                }
            }
            None => {
                if s.shipped_on[i].is_some() {
                    self.open.push((dataset, i as u32));
                }
            }
        }
        let cost = s.shipping_cost.amounts[i];
        if !cost.is_nan() {
            if let Some(usd) = fx.to_usd(cost, s.shipping_cost.currency(i)) {
                self.cost_usd += usd;
                self.cost_n += 1;
                let w = s.weight_kg[i];
                if !w.is_nan() && w > 0.0 {
                    self.cost_with_weight_usd += usd;
                    self.weight_kg += w;
                }
            }
        }
    }

    pub fn merge(&mut self, other: &GroupAcc) {
        self.shipments += other.shipments;
        self.transit.merge(&other.transit);
        self.promise_known += other.promise_known;
        self.on_time += other.on_time;
        self.late += other.late;
        self.late_days += other.late_days;
        self.cost_usd += other.cost_usd;
        self.cost_n += other.cost_n;
        self.cost_with_weight_usd += other.cost_with_weight_usd;
        self.weight_kg += other.weight_kg;
        self.open.extend_from_slice(&other.open);
    }

    pub fn delivered(&self) -> u64 {
        self.transit.len()
    }
}

/// Below this many delivered parcels a group's figures carry a small-sample warning.
pub const SMALL_SAMPLE: u64 = 30;

/// The figures of one group, as shown and exported.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct GroupStats {
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub shipments: u64,
    pub delivered: u64,
    pub in_transit: u64,
    pub p50_days: Option<f64>,
    pub p75_days: Option<f64>,
    pub p90_days: Option<f64>,
    pub p95_days: Option<f64>,
    pub max_days: Option<u32>,
    pub mean_days: Option<f64>,
    /// Sample standard deviation.
    pub std_days: Option<f64>,
    /// Coefficient of variation: std ÷ mean.
    pub cv: Option<f64>,
    /// On time ÷ delivered with a known promise.
    pub on_time_rate: Option<f64>,
    pub on_time_low: Option<f64>,
    pub on_time_high: Option<f64>,
    /// Delivered parcels whose promise is known (the on-time rate's denominator).
    pub promise_known: u64,
    /// Mean days after the promise, among late parcels.
    pub mean_days_late: Option<f64>,
    /// Smallest whole number of days within which 90 % of delivered parcels arrived.
    pub promise_days_p90: Option<u32>,
    pub promise_days_p95: Option<u32>,
    pub cost_per_parcel_usd: Option<f64>,
    pub cost_per_kg_usd: Option<f64>,
    /// Fewer than 30 delivered parcels: figures are shaky.
    pub small_sample: bool,
    /// Undelivered parcels older than the group's P95 at the reference date.
    pub stuck: u64,
}

impl GroupStats {
    pub fn from_acc(acc: &GroupAcc) -> GroupStats {
        let t = &acc.transit;
        let mean = t.mean();
        let std = t.std_dev();
        let on_time = Rate::wilson(acc.on_time, acc.promise_known);
        GroupStats {
            shipments: acc.shipments,
            delivered: t.len(),
            in_transit: acc.shipments - t.len(),
            p50_days: t.quantile(0.5),
            p75_days: t.quantile(0.75),
            p90_days: t.quantile(0.9),
            p95_days: t.quantile(0.95),
            max_days: t.max(),
            mean_days: mean,
            std_days: std,
            cv: match (std, mean) {
                (Some(s), Some(m)) if m > 0.0 => Some(s / m),
                _ => None,
            },
            on_time_rate: on_time.map(|r| r.rate),
            on_time_low: on_time.map(|r| r.low),
            on_time_high: on_time.map(|r| r.high),
            promise_known: acc.promise_known,
            mean_days_late: (acc.late > 0).then(|| acc.late_days as f64 / acc.late as f64),
            promise_days_p90: t.smallest_days_covering(0.9),
            promise_days_p95: t.smallest_days_covering(0.95),
            cost_per_parcel_usd: (acc.cost_n > 0).then(|| acc.cost_usd / acc.cost_n as f64),
            cost_per_kg_usd: (acc.weight_kg > 0.0).then(|| acc.cost_with_weight_usd / acc.weight_kg),
            small_sample: t.len() < SMALL_SAMPLE,
            ..GroupStats::default()
        }
    }
}

/// A month of ship dates: how fast its delivered parcels went.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MonthStats {
    /// `YYYY-MM`.
    pub month: String,
    pub shipments: u64,
    pub delivered: u64,
    pub p50_days: Option<f64>,
    pub p90_days: Option<f64>,
    /// More than 5 % of the month's parcels are still in transit, so its figures are
    /// biased fast (slow parcels have not arrived yet).
    pub incomplete: bool,
}

/// Running totals per ship month.
#[derive(Debug, Default, Clone)]
pub struct MonthAcc {
    pub shipments: u64,
    pub transit: DayCounts,
}

impl MonthAcc {
    pub fn stats(&self, month_start: Date) -> MonthStats {
        let delivered = self.transit.len();
        MonthStats {
            month: month_start.year_month(),
            shipments: self.shipments,
            delivered,
            p50_days: self.transit.quantile(0.5),
            p90_days: self.transit.quantile(0.9),
            incomplete: (self.shipments - delivered) as f64 > 0.05 * self.shipments as f64,
        }
    }
}
