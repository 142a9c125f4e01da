//! Safety stock, reorder point and order quantity from demand and lead-time variability.
//!
//! A seller on a 25–35-day sea or air line faces two uncertainties while an order is on its way:
//! how much will sell, and how long the goods will take. Treating lead time as fixed (the textbook
//! z·σd·√L) badly under-protects such a line, so the safety stock here is the classic combined
//! form (Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.,
//! 2017, §6.10; also Chopra & Meindl, *Supply Chain Management*, §12.3):
//!
//! ```text
//! SS = z · √(L·σd² + d²·σL²)
//! ```
//!
//! with d, σd the mean and standard deviation of daily demand, L, σL those of the lead time in
//! days, and z the standard-normal quantile of the cycle service level (the probability of not
//! running out during one replenishment cycle). It assumes daily demands independent of each other
//! and of the lead time, and the lead-time demand roughly normal; where those fail (peaks,
//! lumpy sellers, a skewed lead time), [`super::simulate`] measures the same risk by Monte Carlo.

use crate::model::Date;
use serde::{Deserialize, Serialize};

/// The standard-normal quantile z with Φ(z) = `p`: the safety factor for a cycle service level.
///
/// Wichura's algorithm AS 241 (PPND16, *Applied Statistics* 37(3), 1988, 477–484): three
/// rational approximations, relative error about 1e-16, checked against scipy's `norm.ppf` in the
/// tests. `p` = 0 gives −∞ and `p` = 1 gives +∞ (a 100 % service level needs infinite stock);
/// outside 0–1, or NaN, gives NaN.
///
/// ```
/// use borderlens_core::analysis::inventory::stock::z_for_service_level;
/// assert!((z_for_service_level(0.95) - 1.644_853_626_951_472_2).abs() < 1e-12);
/// assert_eq!(z_for_service_level(0.5), 0.0);
/// ```
pub fn z_for_service_level(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * horner(&AS241_A, r) / horner(&AS241_B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let z = if r <= 5.0 {
        let r = r - 1.6;
        horner(&AS241_C, r) / horner(&AS241_D, r)
    } else {
        let r = r - 5.0;
        horner(&AS241_E, r) / horner(&AS241_F, r)
    };
    if q < 0.0 {
        -z
    } else {
        z
    }
}

/// Evaluates c₀ + c₁x + … + cₙxⁿ.
fn horner(coefficients: &[f64; 8], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

// AS 241 coefficients as published (lowest degree first); the digits are kept as printed.
#[allow(clippy::excessive_precision)]
const AS241_A: [f64; 8] = [
    3.387_132_872_796_366_608_0,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
#[allow(clippy::excessive_precision)]
const AS241_B: [f64; 8] = [
    1.0,
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083_0e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061_0e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561_0e3,
];
#[allow(clippy::excessive_precision)]
const AS241_C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_90,
    5.769_497_221_460_691_405_50,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_70e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_40e-4,
];
#[allow(clippy::excessive_precision)]
const AS241_D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_40,
    6.897_673_349_851_000_045_50e-1,
    1.481_039_764_274_800_745_90e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946_00e-4,
    1.050_750_071_644_416_843_24e-9,
];
#[allow(clippy::excessive_precision)]
const AS241_E: [f64; 8] = [
    6.657_904_643_501_103_777_20,
    5.463_784_911_164_114_369_90,
    1.784_826_539_917_291_335_80,
    2.965_605_718_285_048_912_30e-1,
    2.653_218_952_657_612_309_30e-2,
    1.242_660_947_388_078_438_60e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
#[allow(clippy::excessive_precision)]
const AS241_F: [f64; 8] = [
    1.0,
    5.998_322_065_558_879_376_90e-1,
    1.369_298_809_227_358_053_10e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591_00e-4,
    1.846_318_317_510_054_681_80e-5,
    1.421_511_758_316_445_888_70e-7,
    2.044_263_103_389_939_785_64e-15,
];

/// Mean and standard deviation of demand per day, in units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DemandStats {
    pub mean_per_day: f64,
    pub sd_per_day: f64,
}

impl DemandStats {
    /// Daily figures from weekly ones: mean / 7 and sd / √7.
    ///
    /// The √7 assumes the seven days of a week independent and alike, so that over L days the
    /// variance L·σd² equals (L/7)·σw², the weekly variance scaled by the number of weeks. This is
    /// exactly what the safety-stock formula needs when the lead time is a whole number of weeks,
    /// and a fair interpolation otherwise. (Converting the other way, σw = 7·σd, would assume the
    /// days perfectly correlated and overstate weekly spread √7-fold.)
    pub fn from_weekly(mean_per_week: f64, sd_per_week: f64) -> DemandStats {
        DemandStats { mean_per_day: mean_per_week / 7.0, sd_per_day: sd_per_week / 7f64.sqrt() }
    }

    /// Daily figures from a history of weekly unit sales: the sample mean and sample standard
    /// deviation (n − 1, as pandas' `std()`) of the weeks, converted as in [`Self::from_weekly`].
    /// `None` with fewer than two weeks, which say nothing about the spread.
    pub fn from_weekly_units(weekly_units: &[f64]) -> Option<DemandStats> {
        let (mean, sd) = mean_and_sd(weekly_units)?;
        Some(DemandStats::from_weekly(mean, sd))
    }
}

/// Mean and standard deviation of the replenishment lead time, in days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LeadTimeStats {
    pub mean_days: f64,
    pub sd_days: f64,
}

impl LeadTimeStats {
    /// A lead time known exactly (σL = 0), e.g. a contractual transit.
    pub fn fixed(days: f64) -> LeadTimeStats {
        LeadTimeStats { mean_days: days, sd_days: 0.0 }
    }

    /// Sample mean and sample standard deviation (n − 1) of observed lead times in days (ship to
    /// sellable, as the ship-by planner measures them). `None` with fewer than two samples.
    pub fn from_samples(days: &[f64]) -> Option<LeadTimeStats> {
        let (mean_days, sd_days) = mean_and_sd(days)?;
        Some(LeadTimeStats { mean_days, sd_days })
    }
}

/// Sample mean and sample standard deviation, `None` below two finite values.
fn mean_and_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.len() < 2 || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    // Two-pass variance: exact enough for any sales or day counts and never negative.
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    Some((mean, var.sqrt()))
}

/// The standard deviation of demand over a lead time, √(L·σd² + d²·σL²): the spread of lead-time
/// demand when both the daily demand and the lead time vary, independently (Silver, Pyke & Thomas
/// 2017, eq. 6.37).
pub fn lead_time_demand_sd(demand: &DemandStats, lead: &LeadTimeStats) -> f64 {
    let (d, sd_d) = (demand.mean_per_day, demand.sd_per_day);
    let (l, sd_l) = (lead.mean_days, lead.sd_days);
    (l * sd_d * sd_d + d * d * sd_l * sd_l).max(0.0).sqrt()
}

/// Safety stock in units, z·√(L·σd² + d²·σL²), for the safety factor `z` (see
/// [`z_for_service_level`]).
///
/// Service levels below 50 % give a negative z and so a negative safety stock (a reorder point
/// below expected lead-time demand), which is what the model says; callers showing it to a seller
/// may floor it at zero.
///
/// ```
/// use borderlens_core::analysis::inventory::stock::{safety_stock, DemandStats, LeadTimeStats};
/// // 10 ± 3 units a day, 30 ± 5 days: 1.645 · √(30·9 + 100·25) = 1.645 · 52.63 = 86.6 units.
/// let demand = DemandStats { mean_per_day: 10.0, sd_per_day: 3.0 };
/// let lead = LeadTimeStats { mean_days: 30.0, sd_days: 5.0 };
/// assert!((safety_stock(1.645, &demand, &lead) - 86.57).abs() < 0.01);
/// ```
pub fn safety_stock(z: f64, demand: &DemandStats, lead: &LeadTimeStats) -> f64 {
    z * lead_time_demand_sd(demand, lead)
}

/// Reorder point in units, d·L + SS: reorder when on hand plus inbound falls to this level, and
/// the chance of running out before the order lands is 1 − Φ(z).
pub fn reorder_point(z: f64, demand: &DemandStats, lead: &LeadTimeStats) -> f64 {
    demand.mean_per_day * lead.mean_days + safety_stock(z, demand, lead)
}

/// How many days the `units` last at the mean daily demand; `None` when nothing sells (the
/// cover is unlimited) or the demand is not a number.
pub fn days_of_cover(units: f64, demand: &DemandStats) -> Option<f64> {
    (demand.mean_per_day > 0.0 && units.is_finite()).then(|| units.max(0.0) / demand.mean_per_day)
}

/// What a replenishment decision for one SKU needs: its demand, its lead time, the chosen service
/// level and the stock position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReorderInput {
    pub demand: DemandStats,
    pub lead: LeadTimeStats,
    /// Cycle service level, 0–1 (e.g. 0.95).
    pub service_level: f64,
    /// Days between two ordering decisions (e.g. 7 for a weekly review, 0 for continuous review).
    pub review_days: f64,
    /// Sellable units in the warehouse now.
    pub on_hand_units: f64,
    /// Units already ordered or on their way that have not arrived.
    pub inbound_units: f64,
}

/// The replenishment figures for one SKU.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReorderPlan {
    /// z for the service level.
    pub z: f64,
    /// Safety stock over the lead time alone, for the reorder point.
    pub safety_stock_units: f64,
    /// d·L + SS: order when the stock position (on hand + inbound) is at or below this.
    pub reorder_point_units: f64,
    /// Safety stock over the protection interval, review period + lead time.
    pub protection_safety_stock_units: f64,
    /// d·(R + L) + z·√((R + L)·σd² + d²·σL²): the stock position an order should restore.
    pub order_up_to_units: f64,
    /// on hand + inbound.
    pub stock_position_units: f64,
    /// Whether the stock position is at or below the reorder point.
    pub should_order: bool,
    /// max(0, order-up-to − stock position), rounded up to whole units.
    pub order_units: f64,
    /// Days the on-hand units alone last at mean demand (`None` if nothing sells).
    pub days_of_cover_on_hand: Option<f64>,
    /// Days on hand plus inbound last at mean demand.
    pub days_of_cover_position: Option<f64>,
}

/// The periodic-review order-up-to (R, S) rule with lead-time variability (Silver, Pyke & Thomas
/// 2017, §6.7 and §6.10): an order placed now must last until the next order can land, i.e. over
/// the protection interval R + L, so
///
/// ```text
/// S = d·(R + L) + z·√((R + L)·σd² + d²·σL²)
/// order = max(0, ⌈S − on hand − inbound⌉)
/// ```
///
/// The quantity is never negative (surplus stock is not "un-ordered") and is rounded up to whole
/// units; case packs and minimum order quantities are the caller's. With `review_days` = 0 this is
/// the continuous-review rule and S is the reorder point. `should_order` compares the stock
/// position with the (lead-time-only) reorder point, for sellers who order on a trigger instead of
/// a calendar. Backorders are not netted: cross-border marketplaces lose the sale instead.
///
/// ```
/// use borderlens_core::analysis::inventory::stock::*;
/// let plan = plan_reorder(&ReorderInput {
///     demand: DemandStats { mean_per_day: 10.0, sd_per_day: 3.0 },
///     lead: LeadTimeStats { mean_days: 30.0, sd_days: 5.0 },
///     service_level: 0.95,
///     review_days: 7.0,
///     on_hand_units: 200.0,
///     inbound_units: 100.0,
/// });
/// assert!(plan.should_order);
/// assert_eq!(plan.order_units, 158.0); // ⌈370 + 87.3 − 300⌉
/// ```
pub fn plan_reorder(input: &ReorderInput) -> ReorderPlan {
    let z = z_for_service_level(input.service_level);
    let demand = &input.demand;
    let lead = &input.lead;
    let safety = safety_stock(z, demand, lead);
    let reorder = demand.mean_per_day * lead.mean_days + safety;
    let protection = LeadTimeStats { mean_days: lead.mean_days + input.review_days.max(0.0), sd_days: lead.sd_days };
    let protection_safety = safety_stock(z, demand, &protection);
    let order_up_to = demand.mean_per_day * protection.mean_days + protection_safety;
    let position = input.on_hand_units + input.inbound_units;
    // A tolerance so that a shortfall of 3.0000000000000004 units orders 3, not 4.
    let order = (order_up_to - position - 1e-9).ceil().max(0.0);
    ReorderPlan {
        z,
        safety_stock_units: safety,
        reorder_point_units: reorder,
        protection_safety_stock_units: protection_safety,
        order_up_to_units: order_up_to,
        stock_position_units: position,
        should_order: position <= reorder,
        order_units: if order.is_finite() { order } else { f64::NAN },
        days_of_cover_on_hand: days_of_cover(input.on_hand_units, demand),
        days_of_cover_position: days_of_cover(position, demand),
    }
}

/// One week of a demand forecast: the mean and standard deviation of the units that will sell in
/// the seven days from `week_start` (a Monday, as everywhere in borderlens).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WeekDemand {
    pub week_start: Date,
    pub mean_units: f64,
    pub sd_units: f64,
}

/// Demand over a window of days, aggregated from weekly forecasts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowDemand {
    pub mean_units: f64,
    pub sd_units: f64,
    /// Days of the window that no forecast week covers (counted as no demand): a gap the UI
    /// should point out.
    pub uncovered_days: u32,
}

/// Expected demand and its spread over the days `from` to `to`, both included.
///
/// A week partly inside the window counts pro rata: a fraction f of its days brings f·μ to the
/// mean and f·σ² to the variance (its days taken as independent, as in
/// [`DemandStats::from_weekly`]). Weeks are combined with a common correlation ρ of their
/// forecast errors (0–1):
///
/// ```text
/// Var = (1 − ρ)·Σ vᵢ + ρ·(Σ √vᵢ)²
/// ```
///
/// ρ = 0 takes the weeks as independent (variance adds up, the spread of a total grows like √n);
/// ρ = 1 takes a forecast that is wrong in the same direction all peak long (standard deviations
/// add up). Peak forecasts are usually nearer 1: a Black Friday that sells above plan tends to be
/// followed by a Cyber Week that does too. Weeks listed twice are counted twice.
pub fn demand_between(forecast: &[WeekDemand], from: Date, to: Date, correlation: f64) -> WindowDemand {
    let rho = if correlation.is_nan() { 0.0 } else { correlation.clamp(0.0, 1.0) };
    let (mut mean, mut var_sum, mut sd_sum) = (0.0, 0.0, 0.0);
    for week in forecast {
        let first = week.week_start.max(from);
        let last = week.week_start.add_days(6).min(to);
        let days = last.days_since(first) + 1;
        if days <= 0 {
            continue;
        }
        let share = days as f64 / 7.0;
        let var = share * week.sd_units.max(0.0).powi(2);
        mean += share * week.mean_units.max(0.0);
        var_sum += var;
        sd_sum += var.sqrt();
    }
    let uncovered = (from.0..=to.0)
        .filter(|&day| !forecast.iter().any(|w| (w.week_start.0..w.week_start.0 + 7).contains(&day)))
        .count() as u32;
    let var = (1.0 - rho) * var_sum + rho * sd_sum * sd_sum;
    WindowDemand { mean_units: mean, sd_units: var.max(0.0).sqrt(), uncovered_days: uncovered }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    const REFERENCE: &str = include_str!("../../../../../tests/fixtures/reference/stock_reference.json");

    fn reference() -> Value {
        serde_json::from_str(REFERENCE).expect("stock_reference.json parses")
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn z_matches_hand_values_and_edges() {
        assert_eq!(z_for_service_level(0.5), 0.0);
        assert!(close(z_for_service_level(0.975), 1.959_963_984_540_054, 1e-15));
        assert!(close(z_for_service_level(0.025), -1.959_963_984_540_054, 1e-15));
        assert_eq!(z_for_service_level(0.0), f64::NEG_INFINITY);
        assert_eq!(z_for_service_level(1.0), f64::INFINITY);
        assert!(z_for_service_level(1.5).is_nan());
        assert!(z_for_service_level(-0.1).is_nan());
        assert!(z_for_service_level(f64::NAN).is_nan());
    }

    #[test]
    fn z_matches_scipy_norm_ppf() {
        let reference = reference();
        let rows = reference["norm_ppf"].as_array().unwrap();
        assert!(rows.len() >= 20);
        for row in rows {
            let p = row["p"].as_f64().unwrap();
            let want = row["z"].as_f64().unwrap();
            let got = z_for_service_level(p);
            // AS 241 is good to ~1e-16 relative; allow 1e-13 for the far tails' log.
            assert!((got - want).abs() <= 1e-13 * want.abs().max(1.0), "p = {p}: {got} vs scipy {want}");
        }
    }

    #[test]
    fn safety_stock_by_hand() {
        // 10 ± 3 a day, 30 ± 5 days: √(30·9 + 100·25) = √2770 = 52.630789...
        let demand = DemandStats { mean_per_day: 10.0, sd_per_day: 3.0 };
        let lead = LeadTimeStats { mean_days: 30.0, sd_days: 5.0 };
        assert!(close(lead_time_demand_sd(&demand, &lead), 2770f64.sqrt(), 1e-15));
        assert!(close(safety_stock(2.0, &demand, &lead), 2.0 * 2770f64.sqrt(), 1e-15));
        assert!(close(reorder_point(2.0, &demand, &lead), 300.0 + 2.0 * 2770f64.sqrt(), 1e-15));
        // Fixed lead time: the textbook z·σd·√L.
        let fixed = LeadTimeStats::fixed(25.0);
        assert!(close(safety_stock(1.0, &demand, &fixed), 15.0, 1e-15));
        // Steady demand, variable lead time: z·d·σL.
        let steady = DemandStats { mean_per_day: 4.0, sd_per_day: 0.0 };
        assert!(close(safety_stock(1.5, &steady, &lead), 30.0, 1e-15));
    }

    #[test]
    fn weekly_figures_become_daily() {
        let d = DemandStats::from_weekly(70.0, 14.0);
        assert!(close(d.mean_per_day, 10.0, 1e-15));
        assert!(close(d.sd_per_day, 14.0 / 7f64.sqrt(), 1e-15));
        // Over four weeks the variance is four weekly variances.
        let four_weeks = LeadTimeStats::fixed(28.0);
        assert!(close(lead_time_demand_sd(&d, &four_weeks), (4.0 * 14.0 * 14.0f64).sqrt(), 1e-14));
        // Sample statistics: mean 70, pandas std of [60, 70, 80] = 10.
        let h = DemandStats::from_weekly_units(&[60.0, 70.0, 80.0]).unwrap();
        assert!(close(h.mean_per_day, 10.0, 1e-15));
        assert!(close(h.sd_per_day, 10.0 / 7f64.sqrt(), 1e-15));
        assert_eq!(DemandStats::from_weekly_units(&[5.0]), None);
        assert_eq!(LeadTimeStats::from_samples(&[]), None);
        assert_eq!(LeadTimeStats::from_samples(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn order_up_to_by_hand() {
        let input = ReorderInput {
            demand: DemandStats { mean_per_day: 10.0, sd_per_day: 3.0 },
            lead: LeadTimeStats { mean_days: 30.0, sd_days: 5.0 },
            service_level: 0.5, // z = 0: no safety stock, easy arithmetic
            review_days: 7.0,
            on_hand_units: 200.0,
            inbound_units: 100.0,
        };
        let plan = plan_reorder(&input);
        assert_eq!(plan.z, 0.0);
        assert_eq!(plan.reorder_point_units, 300.0);
        assert!(plan.should_order); // 300 ≤ 300
        assert_eq!(plan.order_up_to_units, 370.0);
        assert_eq!(plan.order_units, 70.0);
        assert_eq!(plan.days_of_cover_on_hand, Some(20.0));
        assert_eq!(plan.days_of_cover_position, Some(30.0));
        // Plenty in stock: never a negative order.
        let full = plan_reorder(&ReorderInput { on_hand_units: 1000.0, ..input.clone() });
        assert_eq!(full.order_units, 0.0);
        assert!(!full.should_order);
        // Nothing sells: unlimited cover.
        let idle = DemandStats { mean_per_day: 0.0, sd_per_day: 0.0 };
        assert_eq!(days_of_cover(10.0, &idle), None);
    }

    #[test]
    fn order_quantity_matches_numpy_reference() {
        let reference = reference();
        for case in reference["safety_stock"].as_array().unwrap() {
            let f = |k: &str| case[k].as_f64().unwrap();
            let plan = plan_reorder(&ReorderInput {
                demand: DemandStats::from_weekly(f("weekly_mean"), f("weekly_sd")),
                lead: LeadTimeStats { mean_days: f("lead_mean"), sd_days: f("lead_sd") },
                service_level: f("service_level"),
                review_days: f("review_days"),
                on_hand_units: f("on_hand"),
                inbound_units: f("inbound"),
            });
            assert!(close(plan.z, f("z"), 1e-13), "{case}");
            assert!(close(plan.safety_stock_units, f("safety_stock"), 1e-12), "{case}");
            assert!(close(plan.reorder_point_units, f("reorder_point"), 1e-12), "{case}");
            assert!(close(plan.order_up_to_units, f("order_up_to"), 1e-12), "{case}");
            assert_eq!(plan.order_units, f("order_units"), "{case}");
        }
    }

    #[test]
    fn serialises_plain_numbers() {
        let plan = plan_reorder(&ReorderInput {
            demand: DemandStats { mean_per_day: 1.0, sd_per_day: 0.5 },
            lead: LeadTimeStats::fixed(10.0),
            service_level: 0.9,
            review_days: 0.0,
            on_hand_units: 0.0,
            inbound_units: 0.0,
        });
        let json = serde_json::to_value(&plan).unwrap();
        // S = 10 + 1.2816·√10·0.5 = 12.03 → 13 units.
        assert_eq!(json["order_units"], 13.0);
        assert_eq!(json["days_of_cover_on_hand"], 0.0);
    }

    #[test]
    fn window_demand_pro_rates_partial_weeks() {
        let monday = Date::from_ymd(2025, 11, 24).unwrap();
        let forecast = [
            WeekDemand { week_start: monday, mean_units: 70.0, sd_units: 14.0 },
            WeekDemand { week_start: monday.add_days(7), mean_units: 140.0, sd_units: 28.0 },
        ];
        // Thursday of week 1 to Tuesday of week 2: 4/7 and 2/7 of the weeks.
        let w = demand_between(&forecast, monday.add_days(3), monday.add_days(8), 0.0);
        assert!(close(w.mean_units, 40.0 + 40.0, 1e-14));
        let var = 4.0 / 7.0 * 196.0 + 2.0 / 7.0 * 784.0;
        assert!(close(w.sd_units, f64::sqrt(var), 1e-14));
        assert_eq!(w.uncovered_days, 0);
        // Fully correlated: the standard deviations add up.
        let c = demand_between(&forecast, monday, monday.add_days(13), 1.0);
        assert!(close(c.sd_units, 42.0, 1e-14));
        let i = demand_between(&forecast, monday, monday.add_days(13), 0.0);
        assert!(close(i.sd_units, f64::sqrt(196.0 + 784.0), 1e-14));
        // Days past the forecast are uncovered and bring nothing.
        let past = demand_between(&forecast, monday.add_days(10), monday.add_days(20), 0.0);
        assert_eq!(past.uncovered_days, 7);
        assert!(close(past.mean_units, 80.0, 1e-14));
        // An empty window.
        assert_eq!(demand_between(&forecast, monday.add_days(3), monday, 0.0).mean_units, 0.0);
    }

    proptest! {
        #[test]
        fn z_is_monotone_and_antisymmetric(a in 1e-12f64..1.0, b in 1e-12f64..1.0) {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            prop_assert!(z_for_service_level(lo) <= z_for_service_level(hi));
            let z = z_for_service_level(a);
            prop_assert!((z + z_for_service_level(1.0 - a)).abs() <= 1e-9 * z.abs().max(1.0));
        }

        #[test]
        fn safety_stock_grows_with_every_uncertainty(
            d in 0.0f64..500.0, sd in 0.0f64..200.0, l in 0.0f64..60.0, sl in 0.0f64..20.0, extra in 0.0f64..10.0,
        ) {
            let z = 1.645;
            let demand = DemandStats { mean_per_day: d, sd_per_day: sd };
            let lead = LeadTimeStats { mean_days: l, sd_days: sl };
            let base = safety_stock(z, &demand, &lead);
            prop_assert!(base >= 0.0);
            let more_demand_sd = DemandStats { sd_per_day: sd + extra, ..demand };
            let more_lead_sd = LeadTimeStats { sd_days: sl + extra, ..lead };
            prop_assert!(safety_stock(z, &more_demand_sd, &lead) >= base);
            prop_assert!(safety_stock(z, &demand, &more_lead_sd) >= base);
            prop_assert!(reorder_point(z, &demand, &lead) >= d * l);
        }

        #[test]
        fn order_never_negative_and_restores_the_position(
            on_hand in 0.0f64..5000.0, inbound in 0.0f64..5000.0, review in 0.0f64..30.0, level in 0.5f64..0.999,
        ) {
            let plan = plan_reorder(&ReorderInput {
                demand: DemandStats { mean_per_day: 20.0, sd_per_day: 8.0 },
                lead: LeadTimeStats { mean_days: 32.0, sd_days: 6.0 },
                service_level: level,
                review_days: review,
                on_hand_units: on_hand,
                inbound_units: inbound,
            });
            prop_assert!(plan.order_units >= 0.0);
            prop_assert_eq!(plan.order_units, plan.order_units.round());
            prop_assert!(plan.stock_position_units + plan.order_units >= plan.order_up_to_units - 1e-6);
            prop_assert!(plan.order_up_to_units >= plan.reorder_point_units - 1e-9);
        }
    }
}
