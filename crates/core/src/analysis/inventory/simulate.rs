//! Monte Carlo over demand and lead time for one SKU across a peak: the probability of running
//! out, the sales lost, and the stock left over when the peak ends.
//!
//! The safety-stock formula answers "how much" under normal, independent demand and a symmetric
//! lead time. A peak breaks all three: demand is skewed and bunched into a few weeks, the shipment
//! that matters may land before the peak or halfway through it, and what is left after Christmas
//! is a cost too. Simulating thousands of seasons answers the seller's questions directly.
//!
//! Conventions:
//! - **Time** runs in days from `start` to `peak_to`. Each week's demand is one draw for the whole
//!   Monday-to-Sunday week, sold evenly over its days, so a partial week (the first one, or one cut
//!   by an arrival or by the start of the peak) sells its share of the draw.
//! - **Arrivals** are sellable from their arrival day on (that day's sales included). A fixed date
//!   before `start` counts as arrived at the start; anything landing after `peak_to` is "arriving
//!   after the peak" and not leftover stock.
//! - **Lost sales**: demand the stock cannot serve is lost, never backordered.
//! - **Demand** per week is gamma-distributed by default, with the forecast's mean and standard
//!   deviation (shape μ²/σ², scale σ²/μ): never negative, right-skewed like real sales, and exact
//!   in mean and spread at any coefficient of variation. The normal alternative is clipped at 0,
//!   which raises its mean by σ·φ(μ/σ) − μ·Φ(−μ/σ) — negligible below a coefficient of variation of
//!   about 0.4, 8 % of the mean at 1.
//! - **Weeks** are independent unless `forecast_correlation` > 0 (see [`SimInput`]).

use super::shipby::LeadTime;
use super::stock::WeekDemand;
use crate::demo::Rng;
use crate::model::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Runs per SKU unless the caller says otherwise.
pub const DEFAULT_RUNS: usize = 5_000;

/// A fixed seed, so that the same inputs always give the same result.
pub const DEFAULT_SEED: u64 = 0xB0D3_5EA5_0A11_CE55;

fn default_runs() -> usize {
    DEFAULT_RUNS
}

fn default_seed() -> u64 {
    DEFAULT_SEED
}

/// How weekly demand is drawn from its mean and standard deviation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandModel {
    /// Gamma with the forecast's mean and sd (the default).
    #[default]
    Gamma,
    /// Normal with the forecast's mean and sd, negative draws counted as 0.
    Normal,
}

/// When an inbound shipment becomes sellable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// On a known date (a booked check-in appointment, stock already at the port).
    On(Date),
    /// Shipped (or to be shipped) on `shipped_on`, sellable after a lead time drawn from `lead`.
    Shipped { shipped_on: Date, lead: LeadTime },
}

/// Units on their way, or an order being considered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimInbound {
    pub units: f64,
    pub arrival: Arrival,
}

/// One SKU's peak season to simulate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimInput {
    /// The first simulated day (usually today).
    pub start: Date,
    /// Sellable units at the start.
    pub on_hand_units: f64,
    /// Inbound shipments, including the order being evaluated (an `Arrival::Shipped` on the day it
    /// would leave); each draws its own lead time, independently.
    pub inbound: Vec<SimInbound>,
    /// Weekly demand from the Monday of `start`'s week through `peak_to`; weeks are matched by the
    /// Monday of their `week_start`. A missing week sells nothing (see `uncovered_days`).
    pub weekly_demand: Vec<WeekDemand>,
    #[serde(default)]
    pub demand_model: DemandModel,
    /// Correlation of the weeks' demand, 0–1: a shared season-level factor M (mean 1, variance
    /// ρ·c², c the lowest coefficient of variation among the weeks) multiplies every week, and
    /// each week's own draw is narrowed so its variance stays σ². Weeks with equal coefficients of
    /// variation are then correlated exactly ρ; others a little less. 0 = independent weeks.
    #[serde(default)]
    pub forecast_correlation: f64,
    /// The peak window, both days included.
    pub peak_from: Date,
    pub peak_to: Date,
    #[serde(default = "default_runs")]
    pub runs: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
}

/// What the simulated seasons say about the peak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimResult {
    pub runs: usize,
    /// The share of runs in which some demand during the peak window is lost.
    pub stockout_probability: f64,
    /// Mean units of peak-window demand lost.
    pub expected_lost_units: f64,
    /// Mean units lost from the start to the day before the peak.
    pub expected_lost_units_before_peak: f64,
    /// Mean units demanded during the peak window.
    pub expected_peak_demand_units: f64,
    /// 1 − expected lost ÷ expected demand, over the peak window (1 when nothing is demanded).
    pub fill_rate: f64,
    /// Mean units on hand at the end of `peak_to`.
    pub expected_leftover_units: f64,
    /// Percentiles of the leftover units (linear interpolation, as numpy's default).
    pub leftover_p10_units: f64,
    pub leftover_p50_units: f64,
    pub leftover_p90_units: f64,
    /// Mean units of inbound that land after `peak_to`.
    pub expected_units_arriving_after_peak: f64,
    /// For each inbound (in input order), the probability it is not sellable on `peak_from`.
    pub inbound_late_probability: Vec<f64>,
    /// Days from `start` through `peak_to` that no forecast week covers.
    pub uncovered_days: u32,
}

/// Draws for one week's demand, precomputed once per SKU.
#[derive(Debug, Clone, Copy)]
enum WeekDraw {
    Constant(f64),
    Normal {
        mean: f64,
        sd: f64,
    },
    /// Marsaglia–Tsang constants for shape k (boosted by one when k < 1) and the scale.
    Gamma {
        d: f64,
        c: f64,
        scale: f64,
        inverse_shape: Option<f64>,
    },
}

impl WeekDraw {
    fn new(model: DemandModel, mean: f64, variance: f64) -> WeekDraw {
        if mean.is_nan() || mean <= 0.0 {
            return WeekDraw::Constant(0.0);
        }
        if variance.is_nan() || variance <= 0.0 {
            return WeekDraw::Constant(mean);
        }
        match model {
            DemandModel::Normal => WeekDraw::Normal { mean, sd: variance.sqrt() },
            DemandModel::Gamma => {
                let shape = mean * mean / variance;
                let boosted = if shape < 1.0 { shape + 1.0 } else { shape };
                let d = boosted - 1.0 / 3.0;
                WeekDraw::Gamma {
                    d,
                    c: 1.0 / (9.0 * d).sqrt(),
                    scale: variance / mean,
                    inverse_shape: (shape < 1.0).then(|| 1.0 / shape),
                }
            }
        }
    }

    #[inline]
    fn draw(&self, rng: &mut Random) -> f64 {
        match *self {
            WeekDraw::Constant(x) => x,
            WeekDraw::Normal { mean, sd } => (mean + sd * rng.normal()).max(0.0),
            WeekDraw::Gamma { d, c, scale, inverse_shape } => {
                let mut x = d * marsaglia_tsang(d, c, rng) * scale;
                if let Some(inverse) = inverse_shape {
                    // Gamma(k) = Gamma(k + 1) · U^(1/k) for k < 1 (Marsaglia & Tsang 2000, §7).
                    x *= rng.uniform().powf(inverse);
                }
                x
            }
        }
    }
}

/// A Gamma(d + 1/3) draw divided by d (Marsaglia & Tsang, "A simple method for generating gamma
/// variables", ACM TOMS 26(3), 2000): one normal and one uniform per try, the squeeze accepting
/// about 98 % without a logarithm.
#[inline]
fn marsaglia_tsang(d: f64, c: f64, rng: &mut Random) -> f64 {
    loop {
        let x = rng.normal();
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.uniform();
        let x2 = x * x;
        if u < 1.0 - 0.0331 * x2 * x2 || u.ln() < 0.5 * x2 + d * (1.0 - v + v.ln()) {
            return v;
        }
    }
}

/// The seeded generator (demo's SplitMix64) with a ziggurat for normals.
struct Random {
    rng: Rng,
}

/// Layers of the ziggurat and its base strip's edge and area (Marsaglia & Tsang, "The ziggurat
/// method for generating random variables", J. Stat. Software 5(8), 2000, for 128 layers).
const ZIG_LAYERS: usize = 128;
const ZIG_R: f64 = 3.442_619_855_899;
const ZIG_V: f64 = 9.912_563_035_262_17e-3;

/// Layer edges x[i] and the ratios x[i + 1] / x[i] (Doornik, "An improved ziggurat method to
/// generate normal random samples", 2005: the floating-point form, whose layer index and uniform
/// come from separate bits of one draw).
struct Ziggurat {
    x: [f64; ZIG_LAYERS + 1],
    ratio: [f64; ZIG_LAYERS],
}

fn ziggurat() -> &'static Ziggurat {
    static TABLES: std::sync::OnceLock<Ziggurat> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; ZIG_LAYERS + 1];
        let mut f = (-0.5 * ZIG_R * ZIG_R).exp();
        x[0] = ZIG_V / f;
        x[1] = ZIG_R;
        for i in 2..ZIG_LAYERS {
            x[i] = (-2.0 * (ZIG_V / x[i - 1] + f).ln()).sqrt();
            f = (-0.5 * x[i] * x[i]).exp();
        }
        x[ZIG_LAYERS] = 0.0;
        let mut ratio = [0.0; ZIG_LAYERS];
        for i in 0..ZIG_LAYERS {
            ratio[i] = x[i + 1] / x[i];
        }
        Ziggurat { x, ratio }
    })
}

impl Random {
    fn new(seed: u64) -> Random {
        Random { rng: Rng::new(seed) }
    }

    #[inline]
    fn uniform(&mut self) -> f64 {
        self.rng.uniform()
    }

    /// A standard normal. About 99 % of draws cost one 64-bit number, a multiply and a compare:
    /// the top 53 bits make a uniform on (−1, 1), the low 7 bits pick the layer.
    #[inline(always)]
    fn normal(&mut self) -> f64 {
        let zig = ziggurat();
        loop {
            let bits = self.rng.next_u64();
            let u = 2.0 * ((bits >> 11) as f64 / (1u64 << 53) as f64) - 1.0;
            let i = (bits & 0x7F) as usize;
            if u.abs() < zig.ratio[i] {
                return u * zig.x[i];
            }
            if i == 0 {
                // The base strip's tail beyond R (Marsaglia 1964).
                loop {
                    let x = (1.0 - self.uniform()).ln() / ZIG_R;
                    let y = (1.0 - self.uniform()).ln();
                    if -2.0 * y >= x * x {
                        return if u < 0.0 { x - ZIG_R } else { ZIG_R - x };
                    }
                }
            }
            let x = u * zig.x[i];
            let f0 = (-0.5 * (zig.x[i] * zig.x[i] - x * x)).exp();
            let f1 = (-0.5 * (zig.x[i + 1] * zig.x[i + 1] - x * x)).exp();
            if f1 + self.uniform() * (f0 - f1) < 1.0 {
                return x;
            }
        }
    }
}

/// A week of the simulation: its day range (clipped to the horizon) and its demand.
/// A stretch of days within one week and on one side of the peak's start, precomputed so the
/// per-run loop checks neither.
struct Span {
    first_day: i32,
    end_day: i32,
    days: f64,
    in_peak: bool,
    /// The span starts a week: draw that week's demand (per day) here.
    draw: Option<WeekDraw>,
}

/// Simulates `runs` peak seasons of one SKU and summarises them (see the module notes for the
/// conventions). Deterministic for a given input, seed included. An empty window (`peak_to`
/// before `start` or before `peak_from`) gives no stockout, no demand and the stock as leftover.
///
/// ```
/// use borderlens_core::analysis::inventory::simulate::*;
/// use borderlens_core::analysis::inventory::shipby::LeadTime;
/// use borderlens_core::analysis::inventory::stock::WeekDemand;
/// use borderlens_core::model::Date;
/// let today = Date::from_ymd(2025, 9, 29).unwrap();
/// let peak_from = Date::from_ymd(2025, 11, 24).unwrap();
/// let input = SimInput {
///     start: today,
///     on_hand_units: 300.0,
///     inbound: vec![SimInbound {
///         units: 800.0,
///         arrival: Arrival::Shipped { shipped_on: today, lead: LeadTime::from_samples(vec![30, 33, 35, 41, 58]).unwrap() },
///     }],
///     weekly_demand: (0..13).map(|w| WeekDemand {
///         week_start: today.add_days(7 * w),
///         mean_units: if w >= 8 { 150.0 } else { 40.0 },
///         sd_units: if w >= 8 { 60.0 } else { 12.0 },
///     }).collect(),
///     demand_model: DemandModel::Gamma,
///     forecast_correlation: 0.0,
///     peak_from,
///     peak_to: peak_from.add_days(27),
///     runs: 2_000,
///     seed: 1,
/// };
/// let result = simulate_peak(&input);
/// assert!(result.stockout_probability > 0.0 && result.stockout_probability < 1.0);
/// assert_eq!(result, simulate_peak(&input)); // seeded
/// ```
pub fn simulate_peak(input: &SimInput) -> SimResult {
    let start = input.start;
    let horizon = input.peak_to.days_since(start) + 1;
    let peak_day = input.peak_from.days_since(start).max(0);
    let runs = input.runs;
    let (weeks, uncovered_days) = sim_weeks(input, horizon.max(0));
    // The season factor: mean 1, variance ρ·c²min (see SimInput::forecast_correlation).
    let rho = if input.forecast_correlation.is_nan() { 0.0 } else { input.forecast_correlation.clamp(0.0, 1.0) };
    let min_cv2 = input
        .weekly_demand
        .iter()
        .filter(|w| w.mean_units > 0.0)
        .map(|w| (w.sd_units.max(0.0) / w.mean_units).powi(2))
        .fold(f64::INFINITY, f64::min);
    let season_var = if rho > 0.0 && min_cv2.is_finite() { rho * min_cv2 } else { 0.0 };
    let season = WeekDraw::new(input.demand_model, 1.0, season_var);
    let mut spans: Vec<Span> = Vec::with_capacity(weeks.len() + 1);
    for (first_day, end_day, mean, sd) in weeks {
        // Var(M·G) = (1 + v)·Var G + v·μ²  ⇒  Var G = (σ² − v·μ²) / (1 + v). Drawn per day (÷ 7),
        // which for the gamma only divides its scale.
        let var = ((sd * sd - season_var * mean * mean) / (1.0 + season_var)).max(0.0);
        let draw = Some(WeekDraw::new(input.demand_model, mean / 7.0, var / 49.0));
        let cuts = if first_day < peak_day && peak_day < end_day {
            vec![first_day, peak_day, end_day]
        } else {
            vec![first_day, end_day]
        };
        for (k, pair) in cuts.windows(2).enumerate() {
            spans.push(Span {
                first_day: pair[0],
                end_day: pair[1],
                days: (pair[1] - pair[0]) as f64,
                in_peak: pair[0] >= peak_day,
                draw: if k == 0 { draw } else { None },
            });
        }
    }

    let mut rng = Random::new(input.seed);
    let mut arrivals: Vec<(i32, f64)> = Vec::with_capacity(input.inbound.len());
    let mut late = vec![0usize; input.inbound.len()];
    let mut leftovers = Vec::with_capacity(runs);
    let (mut stockouts, mut lost_sum, mut lost_before_sum, mut demand_sum, mut after_sum) =
        (0usize, 0.0, 0.0, 0.0, 0.0);
    for _ in 0..runs {
        arrivals.clear();
        for (i, inbound) in input.inbound.iter().enumerate() {
            let day = match &inbound.arrival {
                Arrival::On(date) => date.days_since(start),
                Arrival::Shipped { shipped_on, lead } => shipped_on.days_since(start) + lead.draw(&mut rng.rng) as i32,
            }
            .max(0);
            if day > peak_day {
                late[i] += 1;
            }
            arrivals.push((day, inbound.units.max(0.0)));
        }
        // A handful of entries: insertion sort, stable, no allocation.
        for i in 1..arrivals.len() {
            let mut j = i;
            while j > 0 && arrivals[j - 1].0 > arrivals[j].0 {
                arrivals.swap(j - 1, j);
                j -= 1;
            }
        }
        let factor = season.draw(&mut rng);
        let mut stock = input.on_hand_units.max(0.0);
        let (mut next_arrival, mut lost, mut lost_before, mut demand_in_peak) = (0, 0.0, 0.0, 0.0);
        let mut next_day = arrivals.first().map_or(i32::MAX, |a| a.0);
        let mut per_day = 0.0;
        for span in &spans {
            if let Some(draw) = &span.draw {
                per_day = factor * draw.draw(&mut rng);
            }
            let (demand, short) = if next_day >= span.end_day {
                // No arrival inside the span: one step.
                let demand = per_day * span.days;
                let short = (demand - stock).max(0.0);
                stock = (stock - demand).max(0.0);
                (demand, short)
            } else {
                let (mut demand, mut short, mut day) = (0.0, 0.0, span.first_day);
                while day < span.end_day {
                    while next_day <= day {
                        stock += arrivals[next_arrival].1;
                        next_arrival += 1;
                        next_day = arrivals.get(next_arrival).map_or(i32::MAX, |a| a.0);
                    }
                    let until = span.end_day.min(next_day);
                    let part = per_day * (until - day) as f64;
                    short += (part - stock).max(0.0);
                    stock = (stock - part).max(0.0);
                    demand += part;
                    day = until;
                }
                (demand, short)
            };
            if span.in_peak {
                demand_in_peak += demand;
                lost += short;
            } else {
                lost_before += short;
            }
        }
        // Whatever lands on or before the last day but after the last demand is still stock.
        while next_arrival < arrivals.len() && arrivals[next_arrival].0 < horizon {
            stock += arrivals[next_arrival].1;
            next_arrival += 1;
        }
        after_sum += arrivals[next_arrival..].iter().map(|a| a.1).sum::<f64>();
        if lost > 1e-9 {
            stockouts += 1;
        }
        lost_sum += lost;
        lost_before_sum += lost_before;
        demand_sum += demand_in_peak;
        leftovers.push(stock);
    }

    let n = runs.max(1) as f64;
    let expected_lost = lost_sum / n;
    let expected_demand = demand_sum / n;
    let [p10, p50, p90] = quantiles(&mut leftovers, [0.1, 0.5, 0.9]);
    SimResult {
        runs,
        stockout_probability: stockouts as f64 / n,
        expected_lost_units: expected_lost,
        expected_lost_units_before_peak: lost_before_sum / n,
        expected_peak_demand_units: expected_demand,
        fill_rate: if expected_demand > 0.0 { 1.0 - expected_lost / expected_demand } else { 1.0 },
        expected_leftover_units: leftovers.iter().sum::<f64>() / n,
        leftover_p10_units: p10,
        leftover_p50_units: p50,
        leftover_p90_units: p90,
        expected_units_arriving_after_peak: after_sum / n,
        inbound_late_probability: late.iter().map(|&c| c as f64 / n).collect(),
        uncovered_days,
    }
}

/// The simulated weeks as (first day, end day, mean, sd), days counted from `start` and clipped to
/// 0..horizon, and the number of uncovered days.
fn sim_weeks(input: &SimInput, horizon: i32) -> (Vec<(i32, i32, f64, f64)>, u32) {
    let mut forecast: BTreeMap<Date, (f64, f64)> = BTreeMap::new();
    for w in &input.weekly_demand {
        let entry = forecast.entry(w.week_start.week_start()).or_insert((0.0, 0.0));
        // A week listed twice adds up, as in `demand_between`.
        entry.0 += w.mean_units.max(0.0);
        entry.1 = (entry.1 * entry.1 + w.sd_units.max(0.0).powi(2)).sqrt();
    }
    let first_monday = input.start.week_start();
    let mut weeks = Vec::new();
    let mut uncovered = 0;
    let mut monday = first_monday;
    while monday.days_since(input.start) < horizon {
        let first_day = monday.days_since(input.start).max(0);
        let end_day = (monday.days_since(input.start) + 7).min(horizon);
        match forecast.get(&monday) {
            Some(&(mean, sd)) => weeks.push((first_day, end_day, mean, sd)),
            None => uncovered += (end_day - first_day) as u32,
        }
        monday = monday.add_days(7);
    }
    (weeks, uncovered)
}

/// R-7 quantiles (numpy's linear default) by selection, without sorting the whole sample; 0 for
/// an empty one.
fn quantiles<const N: usize>(values: &mut [f64], ps: [f64; N]) -> [f64; N] {
    let mut out = [0.0; N];
    if values.is_empty() {
        return out;
    }
    let last = values.len() - 1;
    for (slot, p) in out.iter_mut().zip(ps) {
        let h = last as f64 * p;
        let lo = h.floor() as usize;
        let (_, &mut x_lo, right) = values.select_nth_unstable_by(lo, f64::total_cmp);
        let x_hi = right.iter().copied().fold(f64::INFINITY, f64::min);
        *slot = if lo < last { x_lo + (h - lo as f64) * (x_hi - x_lo) } else { x_lo };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stats::quantile_sorted;
    use proptest::prelude::*;
    use serde_json::Value;

    const REFERENCE: &str = include_str!("../../../../../tests/fixtures/reference/stock_reference.json");

    fn monday() -> Date {
        Date::from_ymd(2025, 11, 3).unwrap()
    }

    fn flat_weeks(from: Date, weeks: i32, mean: f64, sd: f64) -> Vec<WeekDemand> {
        (0..weeks).map(|w| WeekDemand { week_start: from.add_days(7 * w), mean_units: mean, sd_units: sd }).collect()
    }

    fn base(on_hand: f64, weeks: Vec<WeekDemand>, peak_from: Date, peak_to: Date) -> SimInput {
        SimInput {
            start: monday(),
            on_hand_units: on_hand,
            inbound: vec![],
            weekly_demand: weeks,
            demand_model: DemandModel::Gamma,
            forecast_correlation: 0.0,
            peak_from,
            peak_to,
            runs: DEFAULT_RUNS,
            seed: DEFAULT_SEED,
        }
    }

    #[test]
    fn deterministic_demand_by_hand() {
        // 70 a week = 10 a day, no spread; 200 units shipped on day 0 landing on day 5 or 12.
        let start = monday();
        let mut input = base(0.0, flat_weeks(start, 4, 70.0, 0.0), start.add_days(7), start.add_days(27));
        input.inbound = vec![SimInbound {
            units: 200.0,
            arrival: Arrival::Shipped { shipped_on: start, lead: LeadTime::from_samples(vec![5, 12]).unwrap() },
        }];
        let r = simulate_peak(&input);
        // Day 5: 50 lost before the peak, 180 left on day 7, 210 wanted: 30 lost, nothing left.
        // Day 12: 70 lost before, 50 lost in the peak, 200 − 160 = 40 left.
        let share_late = r.inbound_late_probability[0];
        assert!((share_late - 0.5).abs() < 0.03, "{r:?}");
        assert_eq!(r.stockout_probability, 1.0);
        let lost = 30.0 * (1.0 - share_late) + 50.0 * share_late;
        assert!((r.expected_lost_units - lost).abs() < 1e-9, "{r:?}");
        assert!((r.expected_lost_units_before_peak - (50.0 * (1.0 - share_late) + 70.0 * share_late)).abs() < 1e-9);
        assert!((r.expected_leftover_units - 40.0 * share_late).abs() < 1e-9);
        assert!((r.expected_peak_demand_units - 210.0).abs() < 1e-9);
        assert_eq!(r.leftover_p10_units, 0.0);
        assert_eq!(r.leftover_p90_units, 40.0);
        assert_eq!(r.expected_units_arriving_after_peak, 0.0);
        assert_eq!(r.uncovered_days, 0);
    }

    #[test]
    fn fixed_arrivals_and_the_horizon_edges() {
        let start = monday();
        let mut input = base(10.0, flat_weeks(start, 2, 70.0, 0.0), start.add_days(7), start.add_days(13));
        input.inbound = vec![
            SimInbound { units: 5.0, arrival: Arrival::On(start.add_days(-3)) }, // already there
            SimInbound { units: 70.0, arrival: Arrival::On(start.add_days(7)) }, // first peak day: on time
            SimInbound { units: 9.0, arrival: Arrival::On(start.add_days(14)) }, // after the peak
        ];
        input.runs = 10;
        let r = simulate_peak(&input);
        // Week 1: 15 units for 70: 55 lost before the peak. Week 2: 70 for 70: nothing lost or left.
        assert_eq!(r.expected_lost_units_before_peak, 55.0);
        assert_eq!(r.expected_lost_units, 0.0);
        assert_eq!(r.stockout_probability, 0.0);
        assert_eq!(r.expected_leftover_units, 0.0);
        assert_eq!(r.expected_units_arriving_after_peak, 9.0);
        assert_eq!(r.inbound_late_probability, [0.0, 0.0, 1.0]);
        // The last day's arrival is stock, not "after the peak".
        input.inbound[2].arrival = Arrival::On(start.add_days(13));
        let r = simulate_peak(&input);
        // Days 7–12 sell 60 of the 70, day 13 gets 9 more and sells 10: 9 left, none after.
        assert_eq!(r.expected_leftover_units, 9.0);
        assert_eq!(r.expected_units_arriving_after_peak, 0.0);
        // A window that ended before the start: nothing simulated, the stock is left over.
        let empty = simulate_peak(&base(42.0, vec![], start.add_days(-10), start.add_days(-1)));
        assert_eq!(empty.expected_leftover_units, 42.0);
        assert_eq!(empty.stockout_probability, 0.0);
        assert_eq!(empty.fill_rate, 1.0);
    }

    #[test]
    fn missing_weeks_are_reported() {
        let start = monday().add_days(3); // a Thursday: 4 days of the first week
        let weeks = vec![WeekDemand { week_start: monday().add_days(7), mean_units: 7.0, sd_units: 0.0 }];
        let mut input = base(100.0, weeks, start, monday().add_days(20));
        input.start = start;
        input.runs = 3;
        let r = simulate_peak(&input);
        assert_eq!(r.uncovered_days, 4 + 7);
        assert_eq!(r.expected_peak_demand_units, 7.0);
        assert_eq!(r.expected_leftover_units, 93.0);
    }

    /// Four weeks with the same gamma scale, no arrivals: total demand is gamma with the summed
    /// shape, so the stockout probability, lost and leftover units are known exactly (scipy).
    #[test]
    fn gamma_demand_matches_the_exact_scipy_figures() {
        let reference: Value = serde_json::from_str(REFERENCE).unwrap();
        for case in reference["simulation"].as_array().unwrap() {
            let f = |k: &str| case[k].as_f64().unwrap();
            let weeks = case["weeks"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(i, w)| WeekDemand {
                    week_start: monday().add_days(7 * i as i32),
                    mean_units: w["mean"].as_f64().unwrap(),
                    sd_units: w["sd"].as_f64().unwrap(),
                })
                .collect::<Vec<_>>();
            let n_weeks = weeks.len() as i32;
            let mut input = base(f("on_hand"), weeks, monday(), monday().add_days(7 * n_weeks - 1));
            input.runs = 20_000;
            let r = simulate_peak(&input);
            let runs = input.runs as f64;
            let p = f("stockout_probability");
            let within = |got: f64, want: f64, sd: f64, what: &str| {
                let se = sd / runs.sqrt();
                assert!((got - want).abs() <= 4.0 * se + 1e-9, "{what}: {got} vs exact {want} (se {se}) in {case}");
            };
            within(r.stockout_probability, p, (p * (1.0 - p)).sqrt(), "stockout probability");
            within(r.expected_lost_units, f("expected_lost"), f("sd_lost"), "lost");
            within(r.expected_leftover_units, f("expected_leftover"), f("sd_leftover"), "leftover");
            within(r.expected_peak_demand_units, f("mean_demand"), f("sd_demand"), "demand");
            // Quantiles: within the sampling spread of a quantile, taken generously as 4 % of the
            // demand's standard deviation at 20,000 runs.
            for (got, key) in [
                (r.leftover_p10_units, "leftover_p10"),
                (r.leftover_p50_units, "leftover_p50"),
                (r.leftover_p90_units, "leftover_p90"),
            ] {
                assert!((got - f(key)).abs() <= 0.04 * f("sd_demand") + 1e-9, "{key}: {got} vs {}", f(key));
            }
        }
    }

    #[test]
    fn normal_model_clips_at_zero_and_keeps_the_mean_when_narrow() {
        let start = monday();
        let mut input = base(1e6, flat_weeks(start, 4, 100.0, 20.0), start, start.add_days(27));
        input.demand_model = DemandModel::Normal;
        input.runs = 20_000;
        let r = simulate_peak(&input);
        // CV 0.2: clipping is negligible; mean 400, sd 40 → se 0.28.
        assert!((r.expected_peak_demand_units - 400.0).abs() < 1.2, "{r:?}");
        // CV 1: the clipped normal's mean is μ + σ·φ(1) − μ·Φ(−1) = 100 × 1.0833.
        let mut wide = base(1e6, flat_weeks(start, 1, 100.0, 100.0), start, start.add_days(6));
        wide.demand_model = DemandModel::Normal;
        wide.runs = 20_000;
        let w = simulate_peak(&wide);
        assert!((w.expected_peak_demand_units - 108.332_9).abs() < 2.0, "{w:?}");
    }

    #[test]
    fn season_factor_correlates_weeks_and_keeps_each_weeks_spread() {
        let start = monday();
        let weeks = flat_weeks(start, 4, 100.0, 30.0);
        let mut independent = base(1e6, weeks.clone(), start, start.add_days(27));
        independent.runs = 20_000;
        let mut correlated = independent.clone();
        correlated.forecast_correlation = 1.0;
        let spread = |input: &SimInput| {
            let r = simulate_peak(input);
            // Leftover = 1e6 − demand: its quantiles are the demand's mirrored.
            (r.expected_peak_demand_units, r.leftover_p90_units - r.leftover_p10_units)
        };
        let (mean_i, spread_i) = spread(&independent);
        let (mean_c, spread_c) = spread(&correlated);
        assert!((mean_i - 400.0).abs() < 2.0 && (mean_c - 400.0).abs() < 3.0, "{mean_i} {mean_c}");
        // Independent: sd 60; fully correlated: sd 120. The 10–90 % range scales with the sd
        // (about 2.56 sd for a near-normal total).
        assert!((spread_i / (2.563 * 60.0) - 1.0).abs() < 0.06, "{spread_i}");
        assert!((spread_c / (2.563 * 120.0) - 1.0).abs() < 0.12, "{spread_c}");
    }

    #[test]
    fn ziggurat_normals_have_normal_quantiles() {
        use crate::analysis::inventory::stock::z_for_service_level;
        let mut rng = Random::new(42);
        let n = 400_000;
        let mut draws: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        assert!(mean.abs() < 0.006 && (var - 1.0).abs() < 0.008, "{mean} {var}");
        draws.sort_by(f64::total_cmp);
        for p in [0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999] {
            let got = quantile_sorted(&draws, p).unwrap();
            // A sample quantile's standard error is √(p(1 − p)/n)/φ(z): 0.002 at the median,
            // 0.015 at 0.1 % and 99.9 %.
            let z = z_for_service_level(p);
            let density = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
            let se = (p * (1.0 - p) / n as f64).sqrt() / density;
            assert!((got - z).abs() < 4.0 * se, "p = {p}: {got} vs {z} (se {se})");
        }
        // The tail beyond R = 3.44 is drawn separately: its share must be 2·(1 − Φ(R)) = 5.76e-4.
        let tail = draws.iter().filter(|x| x.abs() > ZIG_R).count() as f64 / n as f64;
        assert!((tail - 5.76e-4).abs() < 1.5e-4, "{tail}");
    }

    #[test]
    fn quantiles_by_selection_match_sorting() {
        let mut values: Vec<f64> = (0..101).map(|i| ((i * 37) % 101) as f64).collect();
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let got = quantiles(&mut values, [0.1, 0.5, 0.9, 0.0, 1.0, 0.333]);
        for (g, p) in got.iter().zip([0.1, 0.5, 0.9, 0.0, 1.0, 0.333]) {
            assert!((g - quantile_sorted(&sorted, p).unwrap()).abs() < 1e-12);
        }
        assert_eq!(quantiles(&mut [], [0.5]), [0.0]);
    }

    #[test]
    fn round_trips_through_json_with_defaults() {
        let json = r#"{
            "start": "2025-11-03", "on_hand_units": 5,
            "inbound": [{"units": 10, "arrival": {"on": "2025-11-05"}},
                        {"units": 3, "arrival": {"shipped": {"shipped_on": "2025-11-01", "lead": {"samples": [4, 6]}}}}],
            "weekly_demand": [{"week_start": "2025-11-03", "mean_units": 7, "sd_units": 2}],
            "peak_from": "2025-11-03", "peak_to": "2025-11-09"
        }"#;
        let input: SimInput = serde_json::from_str(json).unwrap();
        assert_eq!(input.runs, DEFAULT_RUNS);
        assert_eq!(input.demand_model, DemandModel::Gamma);
        let r = simulate_peak(&input);
        assert_eq!(serde_json::from_value::<SimResult>(serde_json::to_value(&r).unwrap()).unwrap(), r);
    }

    /// Speed: 500 SKUs × 5,000 runs × 10 weeks, with two inbound shipments each (one with a
    /// 10,000-sample lead time). Run with `cargo test -p borderlens_core --release -- --ignored
    /// simulate::tests::speed --nocapture`.
    #[test]
    #[ignore]
    fn speed_500_skus() {
        let start = monday();
        let lead = LeadTime::from_samples((0..10_000u32).map(|i| 25 + (i * 7919) % 12).collect()).unwrap();
        let inputs: Vec<SimInput> = (0..500)
            .map(|s| {
                let mut input = base(
                    50.0 + s as f64,
                    flat_weeks(start, 10, 30.0 + (s % 40) as f64, 12.0),
                    start.add_days(28),
                    start.add_days(69),
                );
                input.inbound = vec![
                    SimInbound { units: 200.0, arrival: Arrival::Shipped { shipped_on: start, lead: lead.clone() } },
                    SimInbound { units: 100.0, arrival: Arrival::On(start.add_days(20)) },
                ];
                input.seed = s as u64;
                input
            })
            .collect();
        let t = std::time::Instant::now();
        let total: f64 = inputs.iter().map(|i| simulate_peak(i).expected_lost_units).sum();
        let elapsed = t.elapsed();
        println!("500 SKUs × {DEFAULT_RUNS} runs × 10 weeks: {elapsed:?} (checksum {total:.3})");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn more_stock_never_hurts(on_hand in 0.0f64..400.0, more in 0.0f64..200.0, mean in 1.0f64..100.0, cv in 0.0f64..1.5, seed in 0u64..1000) {
            let start = monday();
            let mut input = base(on_hand, flat_weeks(start, 6, mean, mean * cv), start.add_days(14), start.add_days(41));
            input.runs = 300;
            input.seed = seed;
            input.inbound = vec![SimInbound { units: 50.0, arrival: Arrival::Shipped { shipped_on: start, lead: LeadTime::from_samples(vec![3, 9, 20, 30]).unwrap() } }];
            let a = simulate_peak(&input);
            let b = simulate_peak(&SimInput { on_hand_units: on_hand + more, ..input.clone() });
            // Same seed, same draws: more stock loses no more and leaves no less, run by run.
            prop_assert!(b.expected_lost_units <= a.expected_lost_units + 1e-9);
            prop_assert!(b.stockout_probability <= a.stockout_probability);
            prop_assert!(b.expected_leftover_units >= a.expected_leftover_units - 1e-9);
            prop_assert!(a.leftover_p10_units <= a.leftover_p50_units && a.leftover_p50_units <= a.leftover_p90_units);
            prop_assert!((0.0..=1.0).contains(&a.fill_rate));
            // Units are conserved on average: start + arrivals = sold + leftover + after the peak.
            let sold = a.expected_peak_demand_units - a.expected_lost_units;
            prop_assert!(a.expected_lost_units_before_peak >= 0.0 && sold >= -1e-9);
        }
    }
}
