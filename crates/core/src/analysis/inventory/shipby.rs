//! Ship-by planner: the latest day to ship on each route so stock is sellable by a target date
//! with a chosen probability, and how much to send for the peak.
//!
//! Lead times here are whole days from handing the goods to the forwarder to their being sellable
//! (transit + customs hold + warehouse check-in), kept as an empirical distribution — a sorted
//! list of observed or simulated days — rather than a mean and a spread: cross-border lead times
//! are skewed and long-tailed (a customs inspection adds weeks, a peak-season check-in queue adds
//! days), and the seller's question is about that tail.

use super::stock::{demand_between, z_for_service_level, LeadTimeStats, WeekDemand};
use crate::demo::Rng;
use crate::model::Date;
use serde::{Deserialize, Serialize};

/// Monte Carlo draws used to combine independent legs, unless the caller says otherwise.
pub const DEFAULT_CONVOLUTION_RUNS: usize = 10_000;

/// A fixed seed, so that the same inputs always give the same plan.
pub const DEFAULT_SEED: u64 = 0x5EED_B0D3_4C0F_FEE5;

/// One leg of a lead time, in whole days: a fixed number or observed samples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegDays {
    /// Always this many days (e.g. a 3PL's contractual check-in time).
    Fixed(u32),
    /// Observed days, e.g. transit days per parcel from the logistics data.
    Samples(Vec<u32>),
}

/// An empirical distribution of lead times in whole days: ship date to sellable date.
///
/// The samples are kept sorted and never empty, so quantiles and probabilities are one lookup.
/// Serialised as `{"samples": [..]}`; a deserialised list is sorted and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LeadTimeRepr")]
pub struct LeadTime {
    samples: Vec<u32>,
}

#[derive(Deserialize)]
struct LeadTimeRepr {
    samples: Vec<u32>,
}

impl TryFrom<LeadTimeRepr> for LeadTime {
    type Error = &'static str;

    fn try_from(repr: LeadTimeRepr) -> Result<LeadTime, &'static str> {
        LeadTime::from_samples(repr.samples).ok_or("a lead time needs at least one sample")
    }
}

impl LeadTime {
    /// Observed whole-day lead times (any order); `None` if there are none.
    pub fn from_samples(mut samples: Vec<u32>) -> Option<LeadTime> {
        if samples.is_empty() {
            return None;
        }
        samples.sort_unstable();
        Some(LeadTime { samples })
    }

    /// A lead time that is always `days` days.
    pub fn fixed(days: u32) -> LeadTime {
        LeadTime { samples: vec![days] }
    }

    /// The lead time of legs taken one after the other (typically transit, customs hold and
    /// check-in), assuming the legs independent of each other.
    ///
    /// When at most one leg has samples the result is exact: that leg's samples shifted by the
    /// fixed days. Otherwise the sum is drawn `runs` times (seeded, so the same inputs give the
    /// same distribution), each draw picking one sample of each leg uniformly: a Monte Carlo
    /// convolution. With 10,000 runs a 90 % or 95 % quantile is off by at most a day in almost every
    /// case (its standard error is √(p(1 − p)/n)/f(q), about 0.1 day for a 30-day route). Use
    /// [`LeadTime::from_samples`] instead when the legs are recorded per parcel: the sum per parcel
    /// keeps any dependence between the legs (a slow line haul that also meets a peak-season
    /// customs queue).
    ///
    /// `None` if there are no legs, a sampled leg has no samples, or draws are needed and `runs`
    /// is 0.
    pub fn combine(legs: &[LegDays], runs: usize, seed: u64) -> Option<LeadTime> {
        if legs.is_empty() {
            return None;
        }
        let fixed: u32 = legs.iter().map(|leg| if let LegDays::Fixed(d) = leg { *d } else { 0 }).sum();
        let sampled: Vec<&[u32]> = legs
            .iter()
            .filter_map(|leg| if let LegDays::Samples(s) = leg { Some(s.as_slice()) } else { None })
            .collect();
        if sampled.iter().any(|s| s.is_empty()) {
            return None;
        }
        match sampled.as_slice() {
            [] => Some(LeadTime::fixed(fixed)),
            [only] => LeadTime::from_samples(only.iter().map(|d| d + fixed).collect()),
            _ => {
                let mut rng = Rng::new(seed);
                let draws =
                    (0..runs).map(|_| fixed + sampled.iter().map(|s| s[rng.below(s.len())]).sum::<u32>()).collect();
                LeadTime::from_samples(draws)
            }
        }
    }

    /// The samples, sorted ascending.
    pub fn samples(&self) -> &[u32] {
        &self.samples
    }

    /// The smallest whole number of days k with at least a share `p` of the samples ≤ k: the
    /// inverse of the empirical distribution function (Hyndman & Fan type 1, numpy's
    /// `quantile(method="inverted_cdf")`). Unlike the interpolated percentiles on the logistics
    /// page, this is always a day that was seen, and "P(lead ≤ k) ≥ p" holds for the samples
    /// exactly. p ≤ 0 gives the shortest lead time, 1 the longest; `None` above 1 or for NaN.
    pub fn quantile_days(&self, p: f64) -> Option<u32> {
        if p.is_nan() || p > 1.0 {
            return None;
        }
        let n = self.samples.len();
        // The tolerance keeps 0.9 × 10 from becoming 9.000000000000002 and so the 10th sample.
        let needed = (p * n as f64 - 1e-9).ceil().clamp(1.0, n as f64) as usize;
        Some(self.samples[needed - 1])
    }

    /// The share of samples at most `days`: the probability that goods shipped now are sellable
    /// within `days` days.
    pub fn probability_within(&self, days: i64) -> f64 {
        if days < 0 {
            return 0.0;
        }
        let days = u32::try_from(days).unwrap_or(u32::MAX);
        self.samples.partition_point(|&d| d <= days) as f64 / self.samples.len() as f64
    }

    /// Mean and standard deviation (n − 1; 0 for a single sample), for the safety-stock formula.
    pub fn stats(&self) -> LeadTimeStats {
        let days: Vec<f64> = self.samples.iter().map(|&d| d as f64).collect();
        LeadTimeStats::from_samples(&days).unwrap_or(LeadTimeStats::fixed(days[0]))
    }

    /// One lead time drawn uniformly from the samples.
    pub fn draw(&self, rng: &mut Rng) -> u32 {
        self.samples[rng.below(self.samples.len())]
    }
}

/// The latest ship date d such that goods shipped on d are sellable by `target_in_stock` with
/// probability at least `probability`: P(d + lead ≤ target) ≥ p, i.e. the target minus the
/// p-quantile of the lead time in the sense of [`LeadTime::quantile_days`]. `None` for a
/// probability above 1 or NaN.
///
/// ```
/// use borderlens_core::analysis::inventory::shipby::{latest_ship_date, LeadTime};
/// use borderlens_core::model::Date;
/// let lead = LeadTime::from_samples(vec![28, 30, 31, 33, 45]).unwrap();
/// let black_friday_monday = Date::from_ymd(2025, 11, 24).unwrap();
/// // 80 % of the samples take at most 33 days.
/// let ship_by = latest_ship_date(black_friday_monday, &lead, 0.8).unwrap();
/// assert_eq!(ship_by.to_string(), "2025-10-22");
/// ```
pub fn latest_ship_date(target_in_stock: Date, lead: &LeadTime, probability: f64) -> Option<Date> {
    let days = lead.quantile_days(probability)?;
    Some(target_in_stock.add_days(-(days as i32)))
}

/// A way to send stock: a route, carrier and service with its lead-time distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteOption {
    /// What the seller calls it, e.g. "CN→US · Yanwen · Economy Air".
    pub route: String,
    pub lead: LeadTime,
    /// Freight per unit in the seller's currency, if known, for choosing among feasible routes.
    pub cost_per_unit: Option<f64>,
}

/// When to ship on one route for a target in-stock date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipBy {
    pub route: String,
    /// The latest ship date that is on time with the chosen probability.
    pub latest_ship_date: Date,
    /// Days from today to that date; negative once it has passed.
    pub days_left: i32,
    /// The probability of being in stock on the target if shipped today.
    pub on_time_probability_if_shipped_today: f64,
    /// Median and 90 % lead time in days ([`LeadTime::quantile_days`]).
    pub p50_lead_days: u32,
    pub p90_lead_days: u32,
    /// Whether shipping today or later still meets the target with the chosen probability.
    pub feasible: bool,
    pub cost_per_unit: Option<f64>,
}

/// The ship-by date of every route for a target in-stock date, most slack first.
///
/// Sorted by latest ship date, latest first; ties by the shorter 90 % lead time, then the lower
/// cost, then the route name, so the order never depends on the input's. The probability is
/// clamped to 0–1, and NaN counts as 1 (the safe side).
///
/// ```
/// use borderlens_core::analysis::inventory::shipby::{ship_by_plan, LeadTime, RouteOption};
/// use borderlens_core::model::Date;
/// let target = Date::from_ymd(2025, 11, 24).unwrap();
/// let today = Date::from_ymd(2025, 10, 1).unwrap();
/// let routes = [
///     RouteOption { route: "Sea".into(), lead: LeadTime::from_samples(vec![30, 35, 40, 60]).unwrap(), cost_per_unit: Some(0.8) },
///     RouteOption { route: "Air".into(), lead: LeadTime::from_samples(vec![8, 9, 10, 14]).unwrap(), cost_per_unit: Some(3.5) },
/// ];
/// let plan = ship_by_plan(target, &routes, 0.75, today);
/// assert_eq!(plan[0].route, "Air");
/// assert_eq!(plan[0].latest_ship_date.to_string(), "2025-11-14");
/// assert_eq!(plan[1].latest_ship_date.to_string(), "2025-10-15"); // 75 % within 40 days
/// assert!(plan.iter().all(|s| s.feasible));
/// ```
pub fn ship_by_plan(target: Date, options: &[RouteOption], probability: f64, today: Date) -> Vec<ShipBy> {
    let p = if probability.is_nan() { 1.0 } else { probability.clamp(0.0, 1.0) };
    let mut plan: Vec<ShipBy> = options
        .iter()
        .map(|option| {
            // Both unwraps are safe: p is within 0–1 and a LeadTime is never empty.
            let latest = latest_ship_date(target, &option.lead, p).unwrap_or(target);
            let days_left = latest.days_since(today);
            ShipBy {
                route: option.route.clone(),
                latest_ship_date: latest,
                days_left,
                on_time_probability_if_shipped_today: option.lead.probability_within(target.days_since(today) as i64),
                p50_lead_days: option.lead.quantile_days(0.5).unwrap_or(0),
                p90_lead_days: option.lead.quantile_days(0.9).unwrap_or(0),
                feasible: days_left >= 0,
                cost_per_unit: option.cost_per_unit,
            }
        })
        .collect();
    plan.sort_by(|a, b| {
        b.latest_ship_date
            .cmp(&a.latest_ship_date)
            .then(a.p90_lead_days.cmp(&b.p90_lead_days))
            .then(a.cost_per_unit.unwrap_or(f64::INFINITY).total_cmp(&b.cost_per_unit.unwrap_or(f64::INFINITY)))
            .then_with(|| a.route.cmp(&b.route))
    });
    plan
}

/// What to send for a peak: one SKU's stock, forecast and service level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeakQuantityInput {
    pub today: Date,
    /// The date the shipment must be sellable (e.g. the Monday before Black Friday).
    pub in_stock_date: Date,
    /// The last day of the peak the stock must last through (e.g. 24 December), included.
    pub peak_end: Date,
    /// Weekly forecast covering today through the peak end.
    pub weekly_forecast: Vec<WeekDemand>,
    /// The probability of not running out before the peak ends, 0–1.
    pub service_level: f64,
    /// Correlation of the weekly forecast errors, 0–1 (see [`demand_between`]).
    pub forecast_correlation: f64,
    /// Sellable units now.
    pub on_hand_units: f64,
    /// Units on their way that will be sellable before the in-stock date.
    pub inbound_before_target_units: f64,
}

/// How much to send for a peak, with the figures behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeakQuantity {
    /// Expected units sold from the in-stock date through the peak end.
    pub peak_demand_mean_units: f64,
    pub peak_demand_sd_units: f64,
    pub z: f64,
    /// Mean + z·sd: the stock the peak needs at the service level.
    pub needed_units: f64,
    /// Expected units sold from today to the day before the in-stock date.
    pub demand_before_target_units: f64,
    /// Expected stock left on the in-stock date: on hand + inbound − demand before, at least 0.
    pub available_at_target_units: f64,
    /// max(0, ⌈needed − available⌉): the quantity to send.
    pub send_units: f64,
    /// Days from today through the peak end that the forecast does not cover.
    pub uncovered_days: u32,
}

/// The quantity to send so that, with the chosen probability, the stock lasts from the in-stock
/// date to the end of the peak: the peak's demand at the service level (mean + z·sd over the
/// window, normal approximation, weeks combined as in [`demand_between`]) minus the stock expected
/// to be left when the shipment lands.
///
/// The stock left is on hand + inbound − the expected demand until then, never below zero
/// (unserved demand is lost, not owed). Using its expectation ignores that a strong pre-peak may
/// leave less; [`super::simulate`] accounts for that and for late arrivals.
///
/// ```
/// use borderlens_core::analysis::inventory::shipby::{peak_quantity, PeakQuantityInput};
/// use borderlens_core::analysis::inventory::stock::WeekDemand;
/// use borderlens_core::model::Date;
/// let monday = Date::from_ymd(2025, 11, 24).unwrap();
/// let q = peak_quantity(&PeakQuantityInput {
///     today: monday.add_days(-7),
///     in_stock_date: monday,
///     peak_end: monday.add_days(13),
///     weekly_forecast: (-1..2).map(|w| WeekDemand { week_start: monday.add_days(7 * w), mean_units: 100.0, sd_units: 30.0 }).collect(),
///     service_level: 0.5,
///     forecast_correlation: 0.0,
///     on_hand_units: 150.0,
///     inbound_before_target_units: 0.0,
/// });
/// assert_eq!(q.needed_units, 200.0);
/// assert_eq!(q.available_at_target_units, 50.0);
/// assert_eq!(q.send_units, 150.0);
/// ```
pub fn peak_quantity(input: &PeakQuantityInput) -> PeakQuantity {
    let peak = demand_between(&input.weekly_forecast, input.in_stock_date, input.peak_end, input.forecast_correlation);
    let before = demand_between(&input.weekly_forecast, input.today, input.in_stock_date.add_days(-1), 0.0);
    let z = z_for_service_level(input.service_level);
    let needed = peak.mean_units + z * peak.sd_units;
    let available = (input.on_hand_units + input.inbound_before_target_units - before.mean_units).max(0.0);
    let send = (needed - available - 1e-9).ceil().max(0.0);
    PeakQuantity {
        peak_demand_mean_units: peak.mean_units,
        peak_demand_sd_units: peak.sd_units,
        z,
        needed_units: needed,
        demand_before_target_units: before.mean_units,
        available_at_target_units: available,
        send_units: send,
        uncovered_days: peak.uncovered_days + before.uncovered_days,
    }
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

    fn lead(samples: &[u32]) -> LeadTime {
        LeadTime::from_samples(samples.to_vec()).unwrap()
    }

    #[test]
    fn quantile_is_the_inverse_empirical_cdf() {
        let l = lead(&[40, 10, 20, 30]);
        assert_eq!(l.samples(), &[10, 20, 30, 40]);
        assert_eq!(l.quantile_days(0.0), Some(10));
        assert_eq!(l.quantile_days(0.25), Some(10)); // exactly 1 of 4 ≤ 10
        assert_eq!(l.quantile_days(0.2500001), Some(20));
        assert_eq!(l.quantile_days(0.5), Some(20));
        assert_eq!(l.quantile_days(0.75), Some(30));
        assert_eq!(l.quantile_days(0.76), Some(40));
        assert_eq!(l.quantile_days(1.0), Some(40));
        assert_eq!(l.quantile_days(1.01), None);
        assert_eq!(l.quantile_days(f64::NAN), None);
        assert_eq!(l.quantile_days(-3.0), Some(10));
        // 0.9 × 10 is 9.000000000000002 in floating point: still the 9th sample.
        let ten = lead(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
        assert_eq!(ten.quantile_days(0.9), Some(9));
    }

    #[test]
    fn latest_ship_date_edges() {
        let target = date("2025-11-24");
        let l = lead(&[30, 32, 35]);
        assert_eq!(latest_ship_date(target, &l, 1.0), Some(date("2025-10-20"))); // 35 days
        assert_eq!(latest_ship_date(target, &l, 0.0), Some(date("2025-10-25"))); // 30 days
        assert_eq!(latest_ship_date(target, &l, 2.0 / 3.0), Some(date("2025-10-23"))); // 32 days
        assert_eq!(latest_ship_date(target, &l, 0.67), Some(date("2025-10-20")));
        assert_eq!(latest_ship_date(target, &l, 1.5), None);
        // The guarantee: shipped on that date, the share on time is at least p.
        for p in [0.1, 0.34, 0.5, 0.66, 0.67, 0.99, 1.0] {
            let d = latest_ship_date(target, &l, p).unwrap();
            assert!(l.probability_within(target.days_since(d) as i64) >= p);
            // ... and a day later it is not.
            assert!(l.probability_within(target.days_since(d) as i64 - 1) < p);
        }
        assert_eq!(LeadTime::fixed(7).quantile_days(0.99), Some(7));
    }

    #[test]
    fn combining_legs_is_exact_with_one_sampled_leg() {
        let l = LeadTime::combine(&[LegDays::Samples(vec![20, 25, 22]), LegDays::Fixed(2), LegDays::Fixed(3)], 10, 1)
            .unwrap();
        assert_eq!(l.samples(), &[25, 27, 30]);
        assert_eq!(LeadTime::combine(&[LegDays::Fixed(4), LegDays::Fixed(3)], 0, 1), Some(LeadTime::fixed(7)));
        assert_eq!(LeadTime::combine(&[], 10, 1), None);
        assert_eq!(LeadTime::combine(&[LegDays::Samples(vec![])], 10, 1), None);
        assert_eq!(LeadTime::combine(&[LegDays::Samples(vec![1]), LegDays::Samples(vec![2])], 0, 1), None);
    }

    #[test]
    fn monte_carlo_convolution_is_seeded_and_matches_numpy() {
        let reference: Value = serde_json::from_str(REFERENCE).unwrap();
        let case = &reference["convolution"];
        let days = |k: &str| case[k].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u32).collect();
        let legs = [
            LegDays::Samples(days("transit")),
            LegDays::Samples(days("customs_hold")),
            LegDays::Samples(days("check_in")),
        ];
        let a = LeadTime::combine(&legs, DEFAULT_CONVOLUTION_RUNS, DEFAULT_SEED).unwrap();
        assert_eq!(a, LeadTime::combine(&legs, DEFAULT_CONVOLUTION_RUNS, DEFAULT_SEED).unwrap());
        assert_eq!(a.samples().len(), DEFAULT_CONVOLUTION_RUNS);
        // numpy.convolve of the three empirical distributions gives the exact sum; its inverse-CDF
        // quantiles must agree with the Monte Carlo ones to within a day.
        for row in case["quantiles"].as_array().unwrap() {
            let p = row["p"].as_f64().unwrap();
            let exact = row["days"].as_u64().unwrap() as i64;
            let mc = a.quantile_days(p).unwrap() as i64;
            assert!((mc - exact).abs() <= 1, "p = {p}: Monte Carlo {mc} vs exact {exact}");
        }
        let mean = case["mean"].as_f64().unwrap();
        assert!((a.stats().mean_days - mean).abs() < 0.15, "{} vs {mean}", a.stats().mean_days);
    }

    #[test]
    fn ship_by_matches_numpy_inverted_cdf() {
        let reference: Value = serde_json::from_str(REFERENCE).unwrap();
        let case = &reference["ship_by"];
        let target = date(case["target"].as_str().unwrap());
        let today = date(case["today"].as_str().unwrap());
        let routes: Vec<RouteOption> = case["routes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| RouteOption {
                route: r["route"].as_str().unwrap().to_owned(),
                lead: lead(
                    &r["samples"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u32).collect::<Vec<_>>(),
                ),
                cost_per_unit: r["cost_per_unit"].as_f64(),
            })
            .collect();
        let probability = case["probability"].as_f64().unwrap();
        let plan = ship_by_plan(target, &routes, probability, today);
        let expected = case["expected"].as_array().unwrap();
        assert_eq!(plan.len(), expected.len());
        for (got, want) in plan.iter().zip(expected) {
            assert_eq!(got.route, want["route"].as_str().unwrap());
            assert_eq!(got.latest_ship_date, date(want["latest_ship_date"].as_str().unwrap()), "{want}");
            assert_eq!(got.days_left as i64, want["days_left"].as_i64().unwrap());
            assert_eq!(got.p50_lead_days as u64, want["p50"].as_u64().unwrap());
            assert_eq!(got.p90_lead_days as u64, want["p90"].as_u64().unwrap());
            assert_eq!(got.feasible, want["feasible"].as_bool().unwrap());
            let on_time = want["on_time_if_today"].as_f64().unwrap();
            assert!((got.on_time_probability_if_shipped_today - on_time).abs() < 1e-12);
        }
        let q = &case["peak_quantity"];
        let forecast = q["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| WeekDemand {
                week_start: date(w["week_start"].as_str().unwrap()),
                mean_units: w["mean"].as_f64().unwrap(),
                sd_units: w["sd"].as_f64().unwrap(),
            })
            .collect();
        let got = peak_quantity(&PeakQuantityInput {
            today,
            in_stock_date: target,
            peak_end: date(q["peak_end"].as_str().unwrap()),
            weekly_forecast: forecast,
            service_level: q["service_level"].as_f64().unwrap(),
            forecast_correlation: q["correlation"].as_f64().unwrap(),
            on_hand_units: q["on_hand"].as_f64().unwrap(),
            inbound_before_target_units: q["inbound"].as_f64().unwrap(),
        });
        let close = |a: f64, k: &str| (a - q[k].as_f64().unwrap()).abs() < 1e-9 * a.abs().max(1.0);
        assert!(close(got.peak_demand_mean_units, "peak_mean"), "{got:?}");
        assert!(close(got.peak_demand_sd_units, "peak_sd"), "{got:?}");
        assert!(close(got.demand_before_target_units, "before_mean"), "{got:?}");
        assert!(close(got.needed_units, "needed"), "{got:?}");
        assert!(close(got.send_units, "send"), "{got:?}");
        assert_eq!(got.uncovered_days, 0);
    }

    #[test]
    fn infeasible_routes_sort_last_and_say_so() {
        let today = date("2025-11-01");
        let target = date("2025-11-24");
        let routes = [
            RouteOption { route: "Sea".into(), lead: lead(&[30, 34, 38]), cost_per_unit: Some(0.5) },
            RouteOption { route: "Express".into(), lead: lead(&[5, 6, 7]), cost_per_unit: Some(6.0) },
            RouteOption { route: "Air B".into(), lead: lead(&[10, 12, 16]), cost_per_unit: None },
            RouteOption { route: "Air A".into(), lead: lead(&[10, 12, 16]), cost_per_unit: Some(2.0) },
        ];
        let plan = ship_by_plan(target, &routes, 0.9, today);
        let names: Vec<&str> = plan.iter().map(|s| s.route.as_str()).collect();
        assert_eq!(names, ["Express", "Air A", "Air B", "Sea"]);
        let sea = &plan[3];
        assert!(!sea.feasible);
        assert_eq!(sea.latest_ship_date, date("2025-10-17"));
        assert_eq!(sea.days_left, -15);
        assert_eq!(sea.on_time_probability_if_shipped_today, 0.0);
        assert_eq!(plan[0].on_time_probability_if_shipped_today, 1.0);
        assert_eq!(plan[1].days_left, 7);
        // Past the target nothing is on time.
        let late = ship_by_plan(target, &routes, 0.9, date("2025-12-01"));
        assert!(late.iter().all(|s| !s.feasible && s.on_time_probability_if_shipped_today == 0.0));
    }

    #[test]
    fn lead_time_round_trips_through_json_and_rejects_empty() {
        let l: LeadTime = serde_json::from_str(r#"{"samples": [9, 3, 5]}"#).unwrap();
        assert_eq!(l.samples(), &[3, 5, 9]);
        assert_eq!(serde_json::to_string(&l).unwrap(), r#"{"samples":[3,5,9]}"#);
        assert!(serde_json::from_str::<LeadTime>(r#"{"samples": []}"#).is_err());
        let leg: LegDays = serde_json::from_str(r#"{"fixed": 3}"#).unwrap();
        assert_eq!(leg, LegDays::Fixed(3));
        let s = l.stats();
        assert!((s.mean_days - 17.0 / 3.0).abs() < 1e-12);
        assert_eq!(LeadTime::fixed(4).stats(), LeadTimeStats::fixed(4.0));
    }

    proptest! {
        #[test]
        fn later_targets_and_lower_probabilities_never_ship_earlier(
            samples in prop::collection::vec(0u32..120, 1..60), p in 0.0f64..1.0, q in 0.0f64..1.0, shift in 0i32..30,
        ) {
            let l = LeadTime::from_samples(samples).unwrap();
            let target = Date(20_000);
            let (lo, hi) = if p < q { (p, q) } else { (q, p) };
            let at_lo = latest_ship_date(target, &l, lo).unwrap();
            let at_hi = latest_ship_date(target, &l, hi).unwrap();
            prop_assert!(at_hi <= at_lo);
            prop_assert!(latest_ship_date(target.add_days(shift), &l, hi).unwrap() >= at_hi);
            // The guarantee and its tightness.
            let k = target.days_since(at_hi) as i64;
            prop_assert!(l.probability_within(k) >= hi - 1e-12);
            prop_assert!(k == l.samples()[0] as i64 || l.probability_within(k - 1) < hi);
        }

        #[test]
        fn peak_quantity_is_monotone_in_stock(on_hand in 0.0f64..2000.0, more in 0.0f64..500.0, level in 0.5f64..0.999) {
            let monday = Date::from_ymd(2025, 11, 24).unwrap();
            let input = PeakQuantityInput {
                today: monday.add_days(-30),
                in_stock_date: monday,
                peak_end: monday.add_days(30),
                weekly_forecast: (-5..6).map(|w| WeekDemand { week_start: monday.add_days(7 * w), mean_units: 80.0, sd_units: 25.0 }).collect(),
                service_level: level,
                forecast_correlation: 0.5,
                on_hand_units: on_hand,
                inbound_before_target_units: 0.0,
            };
            let base = peak_quantity(&input);
            let richer = peak_quantity(&PeakQuantityInput { on_hand_units: on_hand + more, ..input.clone() });
            prop_assert!(base.send_units >= 0.0);
            prop_assert!(richer.send_units <= base.send_units);
            prop_assert!(base.available_at_target_units + base.send_units >= base.needed_units - 1e-6);
        }
    }
}
