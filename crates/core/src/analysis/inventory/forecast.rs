//! Weekly demand forecasts: exponential smoothing (SES, damped Holt, additive Holt-Winters), event uplifts and prediction intervals.
//!
//! The models are the additive-error exponential smoothing (ETS) family of Hyndman &
//! Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed. (FPP3), ch. 8:
//!
//! | [`ModelKind`] | FPP3 name | used when (weeks of history, leading zeros dropped) |
//! | --- | --- | --- |
//! | [`ModelKind::Zero`] | — | no week above zero |
//! | [`ModelKind::MeanOfLast4`] | mean method on a 4-week window | 1–3 weeks |
//! | [`ModelKind::Ses`] | ETS(A,N,N), simple exponential smoothing | 4–9 weeks; or 10–103 weeks when its AICc is lower |
//! | [`ModelKind::DampedHolt`] | ETS(A,Ad,N), damped trend | 10–103 weeks when its AICc is lower |
//! | [`ModelKind::HoltWinters`] | ETS(A,Ad,A), damped additive Holt-Winters, m = 52 | 104 weeks (two full years) or more |
//!
//! Why two years for Holt-Winters although one year and a bit would allow it: with 53–103
//! weeks each of the 52 seasonal indices rests on a single week, so the model would forecast
//! "last year's week, shifted by the current level" with all the noise of that one week.
//! statsmodels refuses its heuristic seasonal start below two full cycles for the same
//! reason. What one year can tell is still used: the backtest ([`super::backtest`]) compares
//! every forecast with seasonal naive (same week last year) as soon as a year exists, and
//! the better of the two is used.
//!
//! Why not AICc for the seasonal model: counting its 51 free seasonal states as parameters
//! (as FPP3 does) rules seasonality out for two or three years of weekly data, while retail
//! demand is seasonal a priori; the backtest against seasonal naive is the guard instead.
//! The trend is damped (φ ∈ [0.8, 0.98], FPP3 §8.2's usual range) because an undamped trend
//! extrapolated over a 13-week horizon from two years of noisy weekly sales overshoots.
//!
//! Why additive: multiplicative seasonality or errors divide by the level and seasonal index,
//! which are zero or near zero for a SKU that sells in some weeks only; FPP3 §8.6 and
//! Hyndman et al. (2008) require strictly positive data for ETS(M,·,·). Forecasts below zero
//! are floored at zero instead.
//!
//! Fitting: smoothing parameters minimise the one-step-ahead sum of squared errors (SSE) with a
//! bounded, deterministic Nelder–Mead ([`nelder_mead`]); the initial level and trend are not
//! searched but solved exactly for each candidate (the one-step forecasts are linear in them,
//! so the SSE-optimal initial states are a 2 × 2 least-squares problem); the initial seasonal
//! indices come from the classical-decomposition heuristic of Hyndman et al. (2008) §2.6.1,
//! the same as statsmodels' `initialization_method="heuristic"`.
//!
//! Events: the history is divided by each week's event factor ([`Uplifts::week_factor`])
//! before fitting, and the forecast (mean and interval) is multiplied by it after.
//!
//! Prediction intervals: FPP3 §8.7 / Hyndman et al. (2008) ch. 6 analytical variances for
//! the linear models, σ²_h = σ²(1 + Σ_{j=1}^{h−1} c_j²) with c_j = α + αβ*(φ + … + φ^j) +
//! γ·[j is a multiple of m]; σ² = SSE ÷ (n − k), k the estimated parameters and initial
//! states (as R's `forecast::ets`). Intervals are normal, mean ± z σ_h, then floored at 0.

use super::calendar::Uplifts;
use crate::model::date::Date;
use serde::{Deserialize, Serialize};

/// Weeks in the yearly season.
pub const SEASON_WEEKS: usize = 52;
/// Weeks of history from which Holt-Winters is used (two full years).
pub const MIN_WEEKS_HOLT_WINTERS: usize = 2 * SEASON_WEEKS;
/// Weeks of history from which a trend model is considered.
pub const MIN_WEEKS_TREND: usize = 10;
/// Weeks of history from which a smoothing model replaces the plain mean.
pub const MIN_WEEKS_SMOOTHING: usize = 4;
/// Weeks in the mean-of-recent-weeks baseline.
pub const MEAN_WINDOW_WEEKS: usize = 4;

/// Units per week, every week from `start` on (weeks without sales are zeros).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct WeeklySeries {
    /// The Monday of the first week.
    pub start: Date,
    /// Units of week `i`, the week starting `start + 7 i` days.
    pub units: Vec<f64>,
}

impl WeeklySeries {
    /// A series whose first week holds `start` (moved back to its Monday).
    pub fn new(start: Date, units: Vec<f64>) -> WeeklySeries {
        WeeklySeries { start: start.week_start(), units }
    }

    /// Sums daily (or per-order) units into Monday-to-Sunday weeks, from the week of the
    /// earliest date to the week of the latest, with zeros for weeks without any. Entries
    /// that are not finite numbers are skipped. An empty input gives an empty series starting
    /// on the Monday of 1970-01-01's week.
    pub fn from_daily(days: &[(Date, f64)]) -> WeeklySeries {
        let finite = || days.iter().filter(|(_, u)| u.is_finite());
        let (Some(first), Some(last)) = (finite().map(|(d, _)| *d).min(), finite().map(|(d, _)| *d).max()) else {
            return WeeklySeries::new(Date(0), Vec::new());
        };
        let weeks = (last.week_start().days_since(first.week_start()) / 7 + 1) as usize;
        WeeklySeries::from_daily_in(days, first, weeks)
    }

    /// Sums daily units into the `weeks` weeks from the one holding `start`, leaving out days
    /// outside them: series of many SKUs on one grid of weeks.
    pub fn from_daily_in(days: &[(Date, f64)], start: Date, weeks: usize) -> WeeklySeries {
        let start = start.week_start();
        let mut units = vec![0.0; weeks];
        for &(day, u) in days.iter().filter(|(_, u)| u.is_finite()) {
            let offset = day.days_since(start);
            if offset >= 0 && ((offset / 7) as usize) < weeks {
                units[(offset / 7) as usize] += u;
            }
        }
        WeeklySeries { start, units }
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The Monday of week `i`.
    pub fn week_of(&self, i: usize) -> Date {
        self.start.add_days(7 * i as i32)
    }

    /// The index of the week holding `day`, if the series covers it.
    pub fn index_of(&self, day: Date) -> Option<usize> {
        let days = day.days_since(self.start);
        (days >= 0 && ((days / 7) as usize) < self.units.len()).then_some((days / 7) as usize)
    }

    /// The weeks before the one holding `day` (all of them if `day` is after the series).
    pub fn before(&self, day: Date) -> WeeklySeries {
        let weeks = (day.week_start().days_since(self.start) / 7).clamp(0, self.units.len() as i32) as usize;
        WeeklySeries { start: self.start, units: self.units[..weeks].to_vec() }
    }

    /// Only the weeks that lie wholly inside `first_day ..= last_day`, the days the data
    /// covers: a first week that began before the data did, or a last week that ends after
    /// it, would look like a drop in demand.
    pub fn full_weeks(&self, first_day: Date, last_day: Date) -> WeeklySeries {
        let keep: Vec<usize> = (0..self.units.len())
            .filter(|&i| self.week_of(i) >= first_day && self.week_of(i).add_days(6) <= last_day)
            .collect();
        match (keep.first(), keep.last()) {
            (Some(&a), Some(&b)) => WeeklySeries { start: self.week_of(a), units: self.units[a..=b].to_vec() },
            _ => WeeklySeries { start: first_day.week_start(), units: Vec::new() },
        }
    }
}

/// Which forecasting method produced a forecast.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// No sales in the history: zero.
    Zero,
    /// The mean of the last four weeks (fewer if the history is shorter).
    MeanOfLast4,
    /// The same week one year (52 weeks) earlier.
    SeasonalNaive,
    /// Simple exponential smoothing, ETS(A,N,N).
    Ses,
    /// Holt's linear trend with damping, ETS(A,Ad,N).
    DampedHolt,
    /// Damped additive Holt-Winters with a 52-week season, ETS(A,Ad,A).
    HoltWinters,
}

impl ModelKind {
    /// Whether this is one of the two benchmark methods of the backtest.
    pub fn is_baseline(self) -> bool {
        matches!(self, ModelKind::MeanOfLast4 | ModelKind::SeasonalNaive)
    }
}

/// Smoothing parameters in FPP3's component form (§8.1–8.3), the same as statsmodels'
/// `ExponentialSmoothing` (`smoothing_level`, `smoothing_trend`, `smoothing_seasonal`,
/// `damping_trend`). Unused ones are 0 (φ is 1 without a trend).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
pub struct SmoothingParams {
    /// Level smoothing α.
    pub alpha: f64,
    /// Trend smoothing β* (FPP3's β*; the state-space β is α β*).
    pub beta: f64,
    /// Seasonal smoothing γ.
    pub gamma: f64,
    /// Trend damping φ.
    pub phi: f64,
}

/// A forecast of weekly units with its prediction interval.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Forecast {
    pub model: ModelKind,
    /// The Monday of the first forecast week (the week after the history).
    pub start: Date,
    /// Expected units per week, ≥ 0.
    pub mean: Vec<f64>,
    /// Lower and upper prediction bounds per week at `level`, ≥ 0.
    pub low: Vec<f64>,
    pub high: Vec<f64>,
    /// Coverage of the interval (0.8 or 0.95 usually).
    pub level: f64,
    pub params: SmoothingParams,
    /// Residual standard deviation σ on the event-adjusted scale (one-step errors).
    pub sigma: f64,
    /// AICc of the fitted smoothing model (none for the simple methods).
    pub aicc: Option<f64>,
    /// Weeks of history the model saw (leading weeks without sales are not counted).
    pub history_weeks: usize,
    /// The event factor applied to each forecast week (1.0 for ordinary weeks).
    pub uplift: Vec<f64>,
}

/// Forecasts `horizon_weeks` weeks after the series with the model the rules in the module
/// documentation choose, and a prediction interval of coverage `level` (clamped to
/// 0.5–0.999).
///
/// Negative and non-finite units count as zero; leading weeks without sales are dropped (a
/// SKU that had not launched had no demand history, not zero demand). The output is finite
/// and ≥ 0.
///
/// ```
/// use borderlens_core::analysis::inventory::calendar::Uplifts;
/// use borderlens_core::analysis::inventory::forecast::{forecast, ModelKind, WeeklySeries};
/// use borderlens_core::model::Date;
/// let units: Vec<f64> = (0..30).map(|w| 100.0 + (w % 3) as f64).collect();
/// let series = WeeklySeries::new(Date::from_ymd(2024, 1, 1).unwrap(), units);
/// let f = forecast(&series, 4, &Uplifts::none(), 0.95);
/// assert!(matches!(f.model, ModelKind::Ses | ModelKind::DampedHolt));
/// assert_eq!(f.start.to_string(), "2024-07-29");
/// assert!((f.mean[0] - 101.0).abs() < 2.0);
/// assert!(f.low[0] < f.mean[0] && f.mean[0] < f.high[0]);
/// ```
pub fn forecast(series: &WeeklySeries, horizon_weeks: usize, uplifts: &Uplifts, level: f64) -> Forecast {
    let prepared = Prepared::new(series, uplifts);
    let n = prepared.y.len();
    let kind = if prepared.y.iter().all(|&v| v <= 0.0) {
        ModelKind::Zero
    } else if n < MIN_WEEKS_SMOOTHING {
        ModelKind::MeanOfLast4
    } else if n >= MIN_WEEKS_HOLT_WINTERS {
        ModelKind::HoltWinters
    } else if n < MIN_WEEKS_TREND {
        ModelKind::Ses
    } else {
        let ses = fit(&prepared.y, Shape::SES);
        let damped = fit(&prepared.y, Shape::DAMPED);
        let fitted = if damped.aicc < ses.aicc { damped } else { ses };
        return prepared.finish(Method::Fitted(fitted), horizon_weeks, level);
    };
    forecast_prepared(prepared, kind, horizon_weeks, level)
}

/// Forecasts with a given method instead of the automatic choice (the backtest's baselines,
/// or a user's override). A smoothing model the history is too short for falls back to the
/// next simpler one (Holt-Winters → damped Holt → SES → mean of the last 4 weeks), and
/// seasonal naive without a year of history to the mean of the last 4 weeks; `model` in the
/// result says what was used.
pub fn forecast_with(
    series: &WeeklySeries,
    horizon_weeks: usize,
    uplifts: &Uplifts,
    level: f64,
    model: ModelKind,
) -> Forecast {
    forecast_prepared(Prepared::new(series, uplifts), model, horizon_weeks, level)
}

fn forecast_prepared(prepared: Prepared, model: ModelKind, horizon: usize, level: f64) -> Forecast {
    let n = prepared.y.len();
    let all_zero = prepared.y.iter().all(|&v| v <= 0.0);
    let method = match model {
        _ if all_zero => Method::Zero,
        ModelKind::Zero => Method::Zero,
        ModelKind::SeasonalNaive if n >= SEASON_WEEKS => Method::SeasonalNaive,
        ModelKind::HoltWinters if n >= MIN_WEEKS_HOLT_WINTERS => Method::Fitted(fit(&prepared.y, Shape::HOLT_WINTERS)),
        ModelKind::HoltWinters | ModelKind::DampedHolt if n >= MIN_WEEKS_TREND => {
            Method::Fitted(fit(&prepared.y, Shape::DAMPED))
        }
        ModelKind::HoltWinters | ModelKind::DampedHolt | ModelKind::Ses if n >= MIN_WEEKS_SMOOTHING => {
            Method::Fitted(fit(&prepared.y, Shape::SES))
        }
        _ => Method::MeanOfLast4,
    };
    prepared.finish(method, horizon, level)
}

/// The history ready for fitting: cleaned, leading zeros dropped, events divided out.
struct Prepared {
    /// Event-adjusted units.
    y: Vec<f64>,
    /// The Monday after the history.
    next_week: Date,
    uplifts: Uplifts,
}

enum Method {
    Zero,
    MeanOfLast4,
    SeasonalNaive,
    Fitted(Fit),
}

impl Prepared {
    fn new(series: &WeeklySeries, uplifts: &Uplifts) -> Prepared {
        let clean: Vec<f64> = series.units.iter().map(|&v| if v.is_finite() { v.max(0.0) } else { 0.0 }).collect();
        let first = clean.iter().position(|&v| v > 0.0).unwrap_or(clean.len());
        let factors = uplifts.factors(series.week_of(first), clean.len() - first);
        let y = (first..clean.len()).map(|i| clean[i] / event_divisor(factors[i - first])).collect();
        Prepared { y, next_week: series.week_of(series.units.len()), uplifts: uplifts.clone() }
    }

    fn finish(self, method: Method, horizon: usize, level: f64) -> Forecast {
        let z = normal_quantile(0.5 + level.clamp(0.5, 0.999) / 2.0);
        let y = &self.y;
        let n = y.len();
        let (model, mean, sd, params, sigma, aicc): (ModelKind, Vec<f64>, Vec<f64>, SmoothingParams, f64, Option<f64>) =
            match &method {
                Method::Zero => {
                    (ModelKind::Zero, vec![0.0; horizon], vec![0.0; horizon], Default::default(), 0.0, None)
                }
                Method::MeanOfLast4 => {
                    let window = &y[n.saturating_sub(MEAN_WINDOW_WEEKS)..];
                    let mean = window.iter().sum::<f64>() / window.len() as f64;
                    let sigma = mean_window_sigma(y);
                    (ModelKind::MeanOfLast4, vec![mean; horizon], vec![sigma; horizon], Default::default(), sigma, None)
                }
                Method::SeasonalNaive => {
                    let m = SEASON_WEEKS;
                    let residuals = n - m;
                    let mse = (m..n).map(|t| (y[t] - y[t - m]).powi(2)).sum::<f64>() / residuals as f64;
                    let sigma = mse.sqrt();
                    // FPP3 §5.5: σ_h = σ √(k + 1), k the whole years within the horizon.
                    let mean = (0..horizon).map(|j| y[n - m + j % m]).collect();
                    let sd = (0..horizon).map(|j| sigma * ((j / m + 1) as f64).sqrt()).collect();
                    (ModelKind::SeasonalNaive, mean, sd, Default::default(), sigma, None)
                }
                Method::Fitted(fit) => {
                    let mean = ets_forecast(&fit.shape, &fit.params, &fit.last, n, horizon);
                    let rel = relative_variance(&fit.shape, &fit.params, horizon);
                    let sd = rel.iter().map(|r| fit.sigma * r.sqrt()).collect();
                    (fit.shape.kind, mean, sd, fit.params, fit.sigma, Some(fit.aicc).filter(|a| a.is_finite()))
                }
            };
        let uplift = self.uplifts.factors(self.next_week, horizon);
        let finite = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let sd: Vec<f64> = sd.into_iter().map(finite).collect();
        Forecast {
            model,
            start: self.next_week,
            low: (0..horizon).map(|j| finite(uplift[j] * (mean[j] - z * sd[j]))).collect(),
            high: (0..horizon).map(|j| finite(uplift[j] * (finite(mean[j]) + z * sd[j]))).collect(),
            mean: (0..horizon).map(|j| finite(uplift[j] * mean[j])).collect(),
            level: level.clamp(0.5, 0.999),
            params,
            sigma: finite(sigma),
            aicc,
            history_weeks: n,
            uplift,
        }
    }
}

/// What an event week is divided by before fitting: its factor, kept away from zero so a
/// user's "no sales that week" (0) does not divide by zero.
fn event_divisor(factor: f64) -> f64 {
    factor.max(0.01)
}

/// σ of the mean-of-last-4 method: the root mean square of its one-step errors over the
/// history (each week against the mean of the up-to-4 weeks before it). With one week there
/// is no error to measure; the week's own value is used (a coefficient of variation of 1).
fn mean_window_sigma(y: &[f64]) -> f64 {
    if y.len() < 2 {
        return y.first().copied().unwrap_or(0.0);
    }
    let sse: f64 = (1..y.len())
        .map(|t| {
            let window = &y[t.saturating_sub(MEAN_WINDOW_WEEKS)..t];
            (y[t] - window.iter().sum::<f64>() / window.len() as f64).powi(2)
        })
        .sum();
    (sse / (y.len() - 1) as f64).sqrt()
}

// ---------------------------------------------------------------------------------------
// Additive ETS: the recursions, their fit and their forecast variance.

/// The components of an additive-error ETS model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Shape {
    kind: ModelKind,
    trend: bool,
    /// Season length, 0 for none.
    season: usize,
}

impl Shape {
    const SES: Shape = Shape { kind: ModelKind::Ses, trend: false, season: 0 };
    const DAMPED: Shape = Shape { kind: ModelKind::DampedHolt, trend: true, season: 0 };
    const HOLT_WINTERS: Shape = Shape { kind: ModelKind::HoltWinters, trend: true, season: SEASON_WEEKS };

    /// Estimated smoothing parameters and initial states (without σ²), FPP3's k − 1.
    fn estimated(&self) -> usize {
        match (self.trend, self.season) {
            (false, 0) => 2,            // α, ℓ0
            (true, 0) => 5,             // α, β, φ, ℓ0, b0
            (_, m) => 6 + m.max(1) - 1, // α, β, γ, φ, ℓ0, b0 and m − 1 free seasonal states
        }
    }
}

/// The states of an additive ETS model: level, trend and the last `m` seasonal indices,
/// `season[t % m]` being the one for week `t` (counted from the first week of the history).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct States {
    level: f64,
    trend: f64,
    season: Vec<f64>,
}

/// Runs the error-correction recursions of FPP3 §8.1–8.3 over `y`, one week at a time:
///
/// ŷ_t = ℓ + φb + s_{t−m};  e_t = y_t − ŷ_t;  ℓ ← ℓ + φb + α e;  b ← φb + αβ* e;
/// s_t = s_{t−m} + γ e.
///
/// `visit(t, ŷ_t)` sees every one-step forecast; the states after the last week are returned.
fn ets_filter(
    y: &[f64],
    shape: &Shape,
    p: &SmoothingParams,
    init: &States,
    mut visit: impl FnMut(usize, f64),
) -> States {
    let mut s = init.clone();
    for (t, &yt) in y.iter().enumerate() {
        let e = step(&mut s, yt, t, shape, p);
        visit(t, yt - e);
    }
    s
}

/// Forecasts weeks n + 1 … n + h from the states after `n` weeks: ℓ + (φ + … + φ^j) b + s.
fn ets_forecast(shape: &Shape, p: &SmoothingParams, last: &States, n: usize, horizon: usize) -> Vec<f64> {
    let mut damped_sum = 0.0;
    let mut phi_j = 1.0;
    (1..=horizon)
        .map(|j| {
            let mut f = last.level;
            if shape.trend {
                phi_j *= p.phi;
                damped_sum += phi_j;
                f += damped_sum * last.trend;
            }
            if shape.season > 0 {
                f += last.season[(n + j - 1) % shape.season];
            }
            f
        })
        .collect()
}

/// σ²_h ÷ σ² for h = 1 … `horizon`: 1 + Σ_{j=1}^{h−1} c_j², with c_j = α + β(φ + … + φ^j) +
/// γ·[m divides j] and β = α β* (Hyndman et al. 2008, ch. 6; FPP3 §8.7, Table 8.8 gives the
/// closed forms, which this sum reproduces).
fn relative_variance(shape: &Shape, p: &SmoothingParams, horizon: usize) -> Vec<f64> {
    let beta = p.alpha * p.beta;
    let mut out = Vec::with_capacity(horizon);
    let (mut sum, mut damped_sum, mut phi_j) = (1.0, 0.0, 1.0);
    for h in 1..=horizon {
        out.push(sum);
        let j = h; // c_j for the next horizon's sum
        let mut c = p.alpha;
        if shape.trend {
            phi_j *= p.phi;
            damped_sum += phi_j;
            c += beta * damped_sum;
        }
        if shape.season > 0 && j % shape.season == 0 {
            c += p.gamma;
        }
        sum += c * c;
    }
    out
}

/// A fitted ETS model.
#[derive(Clone, Debug)]
pub(crate) struct Fit {
    shape: Shape,
    params: SmoothingParams,
    /// States after the last week of history.
    last: States,
    sigma: f64,
    aicc: f64,
}

/// The initial states before the SSE-optimal level and trend are solved: the first week's
/// level and no trend, or for Holt-Winters the classical-decomposition start.
fn base_states(y: &[f64], shape: &Shape) -> States {
    if shape.season > 0 {
        let (level, trend, season) = heuristic_seasonal_start(y, shape.season);
        States { level, trend, season }
    } else {
        States { level: y[0], trend: 0.0, season: Vec::new() }
    }
}

/// The initial states of Hyndman et al. (2008) §2.6.1, as statsmodels computes them: a 2 × m
/// centred moving average over the first k = min(5, n ÷ m) full seasons (at least enough
/// for ten averaged points), the mean detrended value per position of the season (centred
/// to sum to zero), and a straight line through the first ten moving-average points for the
/// level and the trend. Needs n ≥ 2m.
pub(crate) fn heuristic_seasonal_start(y: &[f64], m: usize) -> (f64, f64, Vec<f64>) {
    let min_obs = 10 + 2 * (m / 2);
    let cycles = (y.len() / m).min(5).max(min_obs.div_ceil(m)).min(y.len() / m);
    let series = &y[..m * cycles];
    let len = series.len();
    // pandas: rolling(m, center=True).mean(), then for even m .shift(-1).rolling(2).mean().
    let mut centred = vec![f64::NAN; len];
    let window_mean = |end: usize| series[end + 1 - m..=end].iter().sum::<f64>() / m as f64;
    // rolling(m, center=True) labels the window ending at i + (m − 1) / 2 with i.
    for (i, slot) in centred.iter_mut().enumerate() {
        let end = i + (m - 1) / 2;
        if end + 1 >= m && end < len {
            *slot = window_mean(end);
        }
    }
    let trend: Vec<f64> = if m.is_multiple_of(2) {
        (0..len).map(|i| if i + 1 < len { (centred[i] + centred[i + 1]) / 2.0 } else { f64::NAN }).collect()
    } else {
        centred
    };
    let mut season = vec![0.0; m];
    for (j, s) in season.iter_mut().enumerate() {
        let vals: Vec<f64> =
            (0..cycles).map(|c| c * m + j).filter(|&i| trend[i].is_finite()).map(|i| series[i] - trend[i]).collect();
        *s = if vals.is_empty() { 0.0 } else { vals.iter().sum::<f64>() / vals.len() as f64 };
    }
    let mean = season.iter().sum::<f64>() / m as f64;
    season.iter_mut().for_each(|s| *s -= mean);
    let points: Vec<f64> = trend.iter().copied().filter(|v| v.is_finite()).take(10).collect();
    let (level, slope) = line_through(&points);
    (level, slope, season)
}

/// Least-squares line a + b x through (1, v₁), (2, v₂), …: (a, b).
fn line_through(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    if v.len() < 2 {
        return (v.first().copied().unwrap_or(0.0), 0.0);
    }
    let mean_x = (n + 1.0) / 2.0;
    let mean_y = v.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, &y) in v.iter().enumerate() {
        let dx = i as f64 + 1.0 - mean_x;
        sxy += dx * (y - mean_y);
        sxx += dx * dx;
    }
    let b = sxy / sxx;
    (mean_y - b * mean_x, b)
}

/// The SSE of one-step forecasts with the SSE-optimal initial level (and trend), and those
/// initial states. The one-step forecasts are linear in the initial level ℓ0 and trend b0
/// (the recursions are linear), so ŷ_t = ŷ⁰_t + a_t δℓ + c_t δb, where ŷ⁰ runs from the base
/// states and a, c are the forecasts of the same recursions run on zeros from a unit level or
/// a unit trend; the best (δℓ, δb) solves a 2 × 2 least-squares problem.
fn concentrated_sse(y: &[f64], shape: &Shape, p: &SmoothingParams, base: &States) -> (f64, States) {
    let zero = States { level: 0.0, trend: 0.0, season: vec![0.0; base.season.len()] };
    let unit_level = States { level: 1.0, ..zero.clone() };
    let unit_trend = States { trend: 1.0, ..zero.clone() };
    let (mut base_f, mut lf, mut tf) = (base.clone(), unit_level, unit_trend);
    let (mut saa, mut sac, mut scc, mut sae, mut sce, mut see) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (t, &yt) in y.iter().enumerate() {
        let e = step(&mut base_f, yt, t, shape, p);
        let a = -step(&mut lf, 0.0, t, shape, p); // −(0 − ŷ) = the forecast itself
        let c = if shape.trend { -step(&mut tf, 0.0, t, shape, p) } else { 0.0 };
        saa += a * a;
        sac += a * c;
        scc += c * c;
        sae += a * e;
        sce += c * e;
        see += e * e;
    }
    let (dl, db) = if shape.trend {
        let det = saa * scc - sac * sac;
        if det > 1e-10 * saa * scc && det.is_finite() {
            ((scc * sae - sac * sce) / det, (saa * sce - sac * sae) / det)
        } else {
            (if saa > 0.0 { sae / saa } else { 0.0 }, 0.0)
        }
    } else {
        (if saa > 0.0 { sae / saa } else { 0.0 }, 0.0)
    };
    let sse = see - 2.0 * (dl * sae + db * sce) + dl * dl * saa + 2.0 * dl * db * sac + db * db * scc;
    let init = States { level: base.level + dl, trend: base.trend + db, season: base.season.clone() };
    (sse.max(0.0), init)
}

/// One recursion step in place; returns the one-step error y − ŷ.
fn step(s: &mut States, yt: f64, t: usize, shape: &Shape, p: &SmoothingParams) -> f64 {
    let damped = if shape.trend { p.phi * s.trend } else { 0.0 };
    let slot = if shape.season > 0 { t % shape.season } else { 0 };
    let seasonal = if shape.season > 0 { s.season[slot] } else { 0.0 };
    let e = yt - (s.level + damped + seasonal);
    s.level += damped + p.alpha * e;
    if shape.trend {
        s.trend = damped + p.alpha * p.beta * e;
    }
    if shape.season > 0 {
        s.season[slot] = seasonal + p.gamma * e;
    }
    e
}

/// Bounds of the optimised parameters, as FPP3's "usual" region: 0 < α < 1, 0 < β* < 1,
/// 0 < γ < 1 − α (searched as γ = γ*(1 − α), γ* in 0–1), 0.8 ≤ φ ≤ 0.98.
const PARAM_LOW: f64 = 1e-4;
const PARAM_HIGH: f64 = 1.0 - 1e-4;
const PHI_LOW: f64 = 0.8;
const PHI_HIGH: f64 = 0.98;

/// The parameters from the optimiser's vector [α, β*, φ, γ*] (as many as the shape uses).
fn params_from(x: &[f64], shape: &Shape) -> SmoothingParams {
    let alpha = x[0];
    let (beta, phi) = if shape.trend { (x[1], x[2]) } else { (0.0, 1.0) };
    let gamma = if shape.season > 0 { x[3] * (1.0 - alpha) } else { 0.0 };
    SmoothingParams { alpha, beta, gamma, phi }
}

/// Fits a model by minimising the one-step SSE over its smoothing parameters (with the
/// initial level and trend solved for each candidate) and computes σ and AICc.
fn fit(y: &[f64], shape: Shape) -> Fit {
    let base = base_states(y, &shape);
    let dims = match (shape.trend, shape.season) {
        (false, _) => 1,
        (true, 0) => 3,
        (true, _) => 4,
    };
    let start = [0.2, 0.1, 0.9, 0.1];
    let steps = [0.15, 0.1, 0.05, 0.1];
    let low = [PARAM_LOW, PARAM_LOW, PHI_LOW, PARAM_LOW];
    let high = [PARAM_HIGH, PARAM_HIGH, PHI_HIGH, PARAM_HIGH];
    let objective = |x: &[f64]| concentrated_sse(y, &shape, &params_from(x, &shape), &base).0;
    let (best, _) = nelder_mead(objective, &start[..dims], &steps[..dims], &low[..dims], &high[..dims], 150 * dims);
    let params = params_from(&best, &shape);
    let (_, init) = concentrated_sse(y, &shape, &params, &base);
    let mut sse = 0.0;
    let last = ets_filter(y, &shape, &params, &init, |t, f| sse += (y[t] - f).powi(2));
    let n = y.len() as f64;
    let k = shape.estimated() as f64;
    let sigma = if n - k >= 1.0 { (sse / (n - k)).sqrt() } else { (sse / n).sqrt() };
    // AICc with the concentrated Gaussian likelihood, k + 1 counting σ² (FPP3 §8.6).
    let kk = k + 1.0;
    let aicc = if n - kk - 1.0 > 0.0 && sse > 0.0 {
        n * (sse / n).ln() + 2.0 * kk + 2.0 * kk * (kk + 1.0) / (n - kk - 1.0)
    } else if sse <= 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    Fit { shape, params, last, sigma, aicc }
}

/// Minimises `f` over the box `low ..= high` with the Nelder–Mead simplex (reflection 1,
/// expansion 2, contraction ½, shrink ½), every vertex clamped into the box, from `start`
/// with an initial simplex of `step` along each axis; then restarts once from the best point
/// (a collapsed simplex is the method's known failure). Deterministic. Stops after
/// `max_evals` evaluations of `f` or when the simplex's values agree to 1e-10 relative.
pub(crate) fn nelder_mead(
    mut f: impl FnMut(&[f64]) -> f64,
    start: &[f64],
    step: &[f64],
    low: &[f64],
    high: &[f64],
    max_evals: usize,
) -> (Vec<f64>, f64) {
    let dims = start.len();
    let clamp = |x: &mut Vec<f64>| x.iter_mut().enumerate().for_each(|(i, v)| *v = v.clamp(low[i], high[i]));
    let mut eval = |x: &[f64], evals: &mut usize| {
        *evals += 1;
        let v = f(x);
        if v.is_nan() {
            f64::INFINITY
        } else {
            v
        }
    };
    let mut evals = 0;
    let mut best = start.to_vec();
    clamp(&mut best);
    let mut best_value = eval(&best, &mut evals);
    for _round in 0..2 {
        let mut simplex: Vec<(Vec<f64>, f64)> = vec![(best.clone(), best_value)];
        for i in 0..dims {
            let mut x = best.clone();
            // Step inwards when the start sits at the upper bound.
            x[i] = if x[i] + step[i] <= high[i] { x[i] + step[i] } else { x[i] - step[i] };
            clamp(&mut x);
            let v = eval(&x, &mut evals);
            simplex.push((x, v));
        }
        while evals < max_evals {
            simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
            let (lo_v, hi_v) = (simplex[0].1, simplex[dims].1);
            if (hi_v - lo_v).abs() <= 1e-10 * (lo_v.abs() + 1e-30) {
                break;
            }
            let centroid: Vec<f64> =
                (0..dims).map(|i| simplex[..dims].iter().map(|(x, _)| x[i]).sum::<f64>() / dims as f64).collect();
            let along = |t: f64| -> Vec<f64> {
                let mut x: Vec<f64> = (0..dims).map(|i| centroid[i] + t * (simplex[dims].0[i] - centroid[i])).collect();
                clamp(&mut x);
                x
            };
            let reflected = along(-1.0);
            let rv = eval(&reflected, &mut evals);
            if rv < simplex[0].1 {
                let expanded = along(-2.0);
                let ev = eval(&expanded, &mut evals);
                simplex[dims] = if ev < rv { (expanded, ev) } else { (reflected, rv) };
            } else if rv < simplex[dims - 1].1 {
                simplex[dims] = (reflected, rv);
            } else {
                let (contracted, cv) = if rv < hi_v {
                    let x = along(-0.5);
                    let v = eval(&x, &mut evals);
                    (x, v)
                } else {
                    let x = along(0.5);
                    let v = eval(&x, &mut evals);
                    (x, v)
                };
                if cv < rv.min(hi_v) {
                    simplex[dims] = (contracted, cv);
                } else {
                    let first = simplex[0].0.clone();
                    for (x, v) in simplex.iter_mut().skip(1) {
                        for i in 0..dims {
                            x[i] = first[i] + 0.5 * (x[i] - first[i]);
                        }
                        *v = eval(x, &mut evals);
                    }
                }
            }
        }
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        if simplex[0].1 <= best_value {
            best = simplex[0].0.clone();
            best_value = simplex[0].1;
        }
        if evals >= max_evals {
            break;
        }
    }
    (best, best_value)
}

/// The standard normal quantile Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16), accurate to
/// about 1e-16 relative; ±∞ at 0 and 1.
#[allow(clippy::excessive_precision)] // the published coefficients, digit for digit
pub fn normal_quantile(p: f64) -> f64 {
    // Coefficients from the highest power down (Wichura 1988, Applied Statistics 37, 477–484).
    const A: [f64; 8] = [
        2_509.080_928_730_122_7,
        33_430.575_583_588_128,
        67_265.770_927_008_7,
        45_921.953_931_549_87,
        13_731.693_765_509_461,
        1_971.590_950_306_551_4,
        133.141_667_891_784_38,
        3.387_132_872_796_366_5,
    ];
    const B: [f64; 8] = [
        5_226.495_278_852_546,
        28_729.085_735_721_943,
        39_307.895_800_092_71,
        21_213.794_301_586_597,
        5_394.196_021_424_751,
        687.187_007_492_057_9,
        42.313_330_701_600_91,
        1.0,
    ];
    const C: [f64; 8] = [
        7.745_450_142_783_414e-4,
        0.022_723_844_989_269_184,
        0.241_780_725_177_450_6,
        1.270_458_252_452_368_4,
        3.647_848_324_763_204_5,
        5.769_497_221_460_691,
        4.630_337_846_156_545,
        1.423_437_110_749_683_5,
    ];
    const D: [f64; 8] = [
        1.050_750_071_644_416_8e-9,
        5.475_938_084_995_345e-4,
        0.015_198_666_563_616_457,
        0.148_103_976_427_480_08,
        0.689_767_334_985_1,
        1.676_384_830_183_803_8,
        2.053_191_626_637_759,
        1.0,
    ];
    const E: [f64; 8] = [
        2.010_334_399_292_288_1e-7,
        2.711_555_568_743_487_6e-5,
        0.001_242_660_947_388_078_4,
        0.026_532_189_526_576_124,
        0.296_560_571_828_504_9,
        1.784_826_539_917_291_3,
        5.463_784_911_164_114,
        6.657_904_643_501_103,
    ];
    const F: [f64; 8] = [
        2.044_263_103_389_939_8e-15,
        1.421_511_758_316_446e-7,
        1.846_318_317_510_054_8e-5,
        7.868_691_311_456_133e-4,
        0.014_875_361_290_850_615,
        0.136_929_880_922_735_8,
        0.599_832_206_555_887_9,
        1.0,
    ];
    let horner = |c: &[f64; 8], x: f64| c.iter().fold(0.0, |acc, &k| acc * x + k);
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&A, r) / horner(&B, r);
    }
    let r = (-(if q < 0.0 { p } else { 1.0 - p }).ln()).sqrt();
    let value =
        if r <= 5.0 { horner(&C, r - 1.6) / horner(&D, r - 1.6) } else { horner(&E, r - 5.0) / horner(&F, r - 5.0) };
    if q < 0.0 {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::inventory::calendar::RetailEvent;
    use serde_json::Value;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    fn reference() -> Value {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/reference/forecast_reference.json"
        ));
        serde_json::from_str(text).expect("forecast_reference.json is JSON")
    }

    fn numbers(v: &Value) -> Vec<f64> {
        v.as_array().expect("an array").iter().map(|x| x.as_f64().expect("a number")).collect()
    }

    fn assert_close(got: &[f64], want: &[f64], rel: f64, what: &str) {
        assert_eq!(got.len(), want.len(), "{what}: length");
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() <= rel * w.abs().max(1.0), "{what}[{i}]: {g} vs {w}");
        }
    }

    fn series(units: Vec<f64>) -> WeeklySeries {
        WeeklySeries::new(d(2022, 1, 3), units)
    }

    #[test]
    fn smoothing_recursions_match_statsmodels() {
        let r = reference();
        for case in r["smoothing"]["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let y = numbers(case.get("series").unwrap_or(&r["smoothing"]["series"]));
            let p = &case["params"];
            let params = SmoothingParams {
                alpha: p["alpha"].as_f64().unwrap(),
                beta: p["beta"].as_f64().unwrap(),
                gamma: p["gamma"].as_f64().unwrap(),
                phi: p["phi"].as_f64().unwrap(),
            };
            let season = case["season"].as_u64().unwrap() as usize;
            let trend = case["trend"].as_bool().unwrap();
            let shape = Shape { kind: ModelKind::HoltWinters, trend, season };
            let init = States {
                level: case["init"]["level"].as_f64().unwrap(),
                trend: case["init"].get("trend").and_then(Value::as_f64).unwrap_or(0.0),
                season: case["init"].get("season").map(numbers).unwrap_or_default(),
            };
            let mut fitted = Vec::new();
            let last = ets_filter(&y, &shape, &params, &init, |_, f| fitted.push(f));
            assert_close(&fitted, &numbers(&case["fitted"]), 1e-11, &format!("{name} fitted"));
            let sse: f64 = y.iter().zip(&fitted).map(|(a, f)| (a - f).powi(2)).sum();
            assert_close(&[sse], &[case["sse"].as_f64().unwrap()], 1e-11, &format!("{name} sse"));
            assert_close(&[last.level], &[case["level"].as_f64().unwrap()], 1e-11, &format!("{name} level"));
            let horizon = case["horizon"].as_u64().unwrap() as usize;
            let f = ets_forecast(&shape, &params, &last, y.len(), horizon);
            assert_close(&f, &numbers(&case["forecast"]), 1e-11, &format!("{name} forecast"));
            let rv = relative_variance(&shape, &params, horizon);
            assert_close(&rv, &numbers(&case["relative_variance"]), 1e-11, &format!("{name} variance"));
            // The concentrated SSE at the reference start equals the filter's when the
            // reference start is already optimal for its own δ = 0 … and is never above it.
            let (best, _) = concentrated_sse(&y, &shape, &params, &init);
            assert!(best <= sse * (1.0 + 1e-12), "{name}: {best} > {sse}");
        }
    }

    #[test]
    fn heuristic_start_matches_statsmodels() {
        let r = reference();
        let y = numbers(&r["smoothing"]["series"]);
        let (level, trend, season) = heuristic_seasonal_start(&y, SEASON_WEEKS);
        let want = &r["smoothing"]["heuristic_start"];
        assert_close(
            &[level, trend],
            &[want["level"].as_f64().unwrap(), want["trend"].as_f64().unwrap()],
            1e-11,
            "l0 b0",
        );
        assert_close(&season, &numbers(&want["season"]), 1e-11, "seasonal start");
    }

    #[test]
    fn concentrated_initial_states_are_least_squares_optimal() {
        let y = numbers(&reference()["smoothing"]["series"])[..40].to_vec();
        let params = SmoothingParams { alpha: 0.3, beta: 0.2, gamma: 0.0, phi: 0.9 };
        let shape = Shape::DAMPED;
        let base = States { level: 0.0, trend: 0.0, season: Vec::new() };
        let (sse, init) = concentrated_sse(&y, &shape, &params, &base);
        let filter_sse = |level: f64, trend: f64| {
            let mut sse = 0.0;
            let s = States { level, trend, season: Vec::new() };
            ets_filter(&y, &shape, &params, &s, |t, f| sse += (y[t] - f).powi(2));
            sse
        };
        assert!((sse - filter_sse(init.level, init.trend)).abs() < 1e-8 * sse);
        for (dl, db) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 0.5), (0.0, -0.5), (0.3, -0.3)] {
            assert!(filter_sse(init.level + dl, init.trend + db) > sse);
        }
    }

    #[test]
    fn relative_variance_matches_fpp3_closed_forms_by_hand() {
        // ETS(A,N,N): 1 + α²(h − 1); α = 0.5, h = 3 → 1.5.
        let p = SmoothingParams { alpha: 0.5, beta: 0.0, gamma: 0.0, phi: 1.0 };
        assert_close(&relative_variance(&Shape::SES, &p, 3), &[1.0, 1.25, 1.5], 1e-15, "ANN");
        // ETS(A,Ad,N), α = 0.5, β* = 0.4 (β = 0.2), φ = 0.9: c₁ = 0.5 + 0.2·0.9 = 0.68,
        // c₂ = 0.5 + 0.2·(0.9 + 0.81) = 0.842; h = 3: 1 + 0.4624 + 0.708964 = 2.171364.
        let p = SmoothingParams { alpha: 0.5, beta: 0.4, gamma: 0.0, phi: 0.9 };
        assert_close(&relative_variance(&Shape::DAMPED, &p, 3), &[1.0, 1.4624, 2.171_364], 1e-14, "AAdN");
        // Seasonal with m = 2 (only c_j at even j gains γ): α = 0.2, β = 0, γ = 0.3, φ = 1:
        // h = 3: 1 + 0.2² + (0.2 + 0.3)² = 1.29.
        let shape = Shape { kind: ModelKind::HoltWinters, trend: false, season: 2 };
        let p = SmoothingParams { alpha: 0.2, beta: 0.0, gamma: 0.3, phi: 1.0 };
        assert_close(&relative_variance(&shape, &p, 3), &[1.0, 1.04, 1.29], 1e-15, "ANA");
    }

    #[test]
    fn normal_quantile_matches_scipy() {
        for pair in reference()["normal_quantile"].as_array().unwrap() {
            let (p, z) = (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
            let got = normal_quantile(p);
            assert!((got - z).abs() <= 1e-14 * z.abs().max(1.0), "{p}: {got} vs {z}");
        }
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(0.5), 0.0);
    }

    #[test]
    fn weekly_sums_match_pandas() {
        let w = &reference()["weekly"];
        let day = |v: &Value| Date::parse_iso(v.as_str().unwrap()).unwrap();
        let days: Vec<(Date, f64)> =
            w["days"].as_array().unwrap().iter().map(|p| (day(&p[0]), p[1].as_f64().unwrap())).collect();
        let s = WeeklySeries::from_daily(&days);
        let want: Vec<(Date, f64)> =
            w["weeks"].as_array().unwrap().iter().map(|p| (day(&p[0]), p[1].as_f64().unwrap())).collect();
        let got: Vec<(Date, f64)> = (0..s.len()).map(|i| (s.week_of(i), s.units[i])).collect();
        assert_eq!(got, want);
        // by hand: 2024-12-23 … 29 holds 3 + 4; 2024-12-30 … 2025-01-05 holds 1.5 + 2 + 5.
        assert_eq!((s.start.to_string(), s.units[0], s.units[1], s.units[2]), ("2024-12-23".into(), 7.0, 8.5, 0.0));
        assert_eq!(WeeklySeries::from_daily(&[(d(2024, 1, 3), f64::NAN)]).len(), 0);
    }

    #[test]
    fn series_helpers_cut_by_date() {
        let s = WeeklySeries::from_daily(&[(d(2010, 12, 1), 1.0), (d(2011, 1, 19), 2.0)]);
        assert_eq!((s.start.to_string(), s.len()), ("2010-11-29".into(), 8));
        assert_eq!(s.index_of(d(2010, 12, 5)), Some(0));
        assert_eq!(s.index_of(d(2010, 11, 28)), None);
        assert_eq!(s.before(d(2010, 12, 15)).len(), 2);
        assert_eq!(s.before(d(2030, 1, 1)).len(), 8);
        let full = s.full_weeks(d(2010, 12, 1), d(2011, 1, 19));
        assert_eq!((full.start.to_string(), full.len()), ("2010-12-06".into(), 6));
        let grid = WeeklySeries::from_daily_in(&[(d(2010, 12, 1), 1.0), (d(2011, 1, 19), 2.0)], d(2010, 12, 6), 3);
        assert_eq!(grid.units, [0.0, 0.0, 0.0]);
    }

    #[test]
    fn empty_and_all_zero_history_forecast_zero() {
        for units in [vec![], vec![0.0; 20], vec![-5.0, f64::NAN, 0.0]] {
            let f = forecast(&series(units), 3, &Uplifts::none(), 0.95);
            assert_eq!(f.model, ModelKind::Zero);
            assert_eq!((f.mean, f.low, f.high), (vec![0.0; 3], vec![0.0; 3], vec![0.0; 3]));
        }
    }

    #[test]
    fn one_to_three_weeks_give_their_mean() {
        let f = forecast(&series(vec![0.0, 0.0, 6.0]), 2, &Uplifts::none(), 0.8);
        assert_eq!((f.model, f.mean.clone(), f.history_weeks), (ModelKind::MeanOfLast4, vec![6.0, 6.0], 1));
        // One week: σ is taken as the week itself (z₀.₉ = 1.2816).
        assert!((f.high[0] - 6.0 * (1.0 + 1.281_551_565_544_600_4)).abs() < 1e-12);
        assert_eq!(f.low[0], 0.0);
        let f = forecast(&series(vec![4.0, 8.0, 12.0]), 1, &Uplifts::none(), 0.8);
        assert_eq!(f.mean, [8.0]);
        // one-step errors of the growing-window mean: 8 − 4 = 4, 12 − 6 = 6 → σ = √26.
        assert!((f.sigma - 26f64.sqrt()).abs() < 1e-12);
        assert_eq!(f.start, d(2022, 1, 24));
    }

    #[test]
    fn short_histories_use_ses_then_aicc() {
        let f = forecast(&series(vec![5.0, 7.0, 6.0, 8.0, 6.0]), 1, &Uplifts::none(), 0.8);
        assert_eq!(f.model, ModelKind::Ses);
        let trend: Vec<f64> = (0..60).map(|w| 20.0 + 3.0 * w as f64 + if w % 2 == 0 { 1.0 } else { -1.0 }).collect();
        let f = forecast(&series(trend), 4, &Uplifts::none(), 0.8);
        assert_eq!(f.model, ModelKind::DampedHolt);
        assert!(f.mean[0] > 195.0 && f.mean[0] < 205.0, "{:?}", f.mean);
        assert!(f.mean.windows(2).all(|w| w[1] > w[0]), "a rising trend continues, damped");
        assert!(f.aicc.is_some());
    }

    #[test]
    fn two_years_fit_holt_winters_and_follow_the_season() {
        let r = reference();
        let y = numbers(&r["smoothing"]["series"]);
        let s = series(y.clone());
        let f = forecast(&s, 52, &Uplifts::none(), 0.95);
        assert_eq!(f.model, ModelKind::HoltWinters);
        assert!(f.params.phi >= PHI_LOW && f.params.phi <= PHI_HIGH);
        assert!(f.params.gamma <= 1.0 - f.params.alpha);
        // The synthetic series peaks at week 47 of each year (+80): so does the forecast.
        let peak_week = (0..52).max_by(|&a, &b| f.mean[a].total_cmp(&f.mean[b])).unwrap();
        assert_eq!((y.len() + peak_week) % 52, 47);
        // Fitting beats the fixed reference parameters (same model class, lower SSE ⇒ lower σ).
        let reference_sse = r["smoothing"]["cases"][0]["sse"].as_f64().unwrap();
        let fitted = fit(&y, Shape::HOLT_WINTERS);
        let mut sse = 0.0;
        let init = concentrated_sse(&y, &fitted.shape, &fitted.params, &base_states(&y, &fitted.shape)).1;
        ets_filter(&y, &fitted.shape, &fitted.params, &init, |t, fc| sse += (y[t] - fc).powi(2));
        assert!(sse < reference_sse, "{sse} vs {reference_sse}");
        // Intervals widen with the horizon and 95 % is wider than 80 %.
        let f80 = forecast(&s, 52, &Uplifts::none(), 0.8);
        for j in 0..52 {
            assert!(f.low[j] <= f80.low[j] && f80.low[j] <= f.mean[j] && f.mean[j] <= f80.high[j]);
            assert!(f80.high[j] <= f.high[j]);
        }
        assert!(f.high[51] - f.mean[51] > f.high[0] - f.mean[0]);
    }

    #[test]
    fn forced_models_fall_back_when_history_is_short() {
        let s = series(vec![3.0; 20]);
        assert_eq!(forecast_with(&s, 1, &Uplifts::none(), 0.8, ModelKind::HoltWinters).model, ModelKind::DampedHolt);
        assert_eq!(forecast_with(&s, 1, &Uplifts::none(), 0.8, ModelKind::SeasonalNaive).model, ModelKind::MeanOfLast4);
        let year: Vec<f64> = (0..60).map(|w| (w % 52) as f64 + 1.0).collect();
        let f = forecast_with(&series(year), 3, &Uplifts::none(), 0.8, ModelKind::SeasonalNaive);
        assert_eq!((f.model, f.mean), (ModelKind::SeasonalNaive, vec![9.0, 10.0, 11.0]));
        // Seasonal naive repeats exactly, so its σ is 0 here.
        assert_eq!(f.sigma, 0.0);
    }

    #[test]
    fn spikes_negatives_and_nans_stay_finite_and_non_negative() {
        let mut units: Vec<f64> = (0..120).map(|w| ((w * 37) % 11) as f64).collect();
        units[30] = 1e9;
        units[31] = -500.0;
        units[32] = f64::NAN;
        units[33] = f64::INFINITY;
        for n in [5, 12, 40, 120] {
            let f = forecast(&series(units[..n].to_vec()), 13, &Uplifts::none(), 0.95);
            for v in f.mean.iter().chain(&f.low).chain(&f.high) {
                assert!(v.is_finite() && *v >= 0.0, "{n} weeks: {f:?}");
            }
            assert!(f.sigma.is_finite());
        }
        // Falling demand would forecast below zero: floored.
        let falling: Vec<f64> = (0..30).map(|w| 300.0 - 10.0 * w as f64).collect();
        let f = forecast(&series(falling), 13, &Uplifts::none(), 0.95);
        assert!(f.mean.iter().chain(&f.low).all(|v| *v >= 0.0));
    }

    #[test]
    fn event_weeks_are_divided_out_and_multiplied_back() {
        // 100 a week for 30 weeks from 2023-08-07, Black Friday week (2023-11-20) sold 300.
        let start = d(2023, 8, 7);
        let mut units = vec![100.0; 30];
        let bf = WeeklySeries::new(start, units.clone()).index_of(d(2023, 11, 24)).unwrap();
        units[bf] = 300.0;
        let s = WeeklySeries::new(start, units);
        let mut uplifts = Uplifts::none();
        uplifts.set_by_user(RetailEvent::BlackFriday, 3.0);
        // Without the uplift the spike leaks into the level; with it the level stays at 100.
        let plain = forecast(&s, 1, &Uplifts::none(), 0.8);
        assert!(plain.mean[0] > 100.0 + 1e-6);
        // Forecast a year on: 2024-03-04 + 38 weeks covers Black Friday 2024 (week of 2024-11-25).
        let f = forecast(&s, 40, &uplifts, 0.8);
        let bf_next = (0..40).find(|&j| f.start.add_days(7 * j as i32) == d(2024, 11, 25)).unwrap();
        assert!((f.mean[0] - 100.0).abs() < 1e-6, "{:?}", f.mean);
        assert!((f.mean[bf_next] - 300.0).abs() < 1e-6);
        assert_eq!(f.uplift[bf_next], 3.0);
        assert_eq!(f.uplift.iter().filter(|&&u| u != 1.0).count(), 1);
        assert!((f.high[bf_next] - 300.0 - 3.0 * (f.high[0] - 100.0)).abs() < 1e-6);
    }

    #[test]
    fn nelder_mead_finds_a_bounded_minimum() {
        let (x, v) = nelder_mead(
            |x| (x[0] - 0.3).powi(2) + 10.0 * (x[1] - 2.0).powi(2),
            &[0.9, 0.0],
            &[0.1, 0.1],
            &[0.0, -1.0],
            &[1.0, 1.5],
            500,
        );
        // The unconstrained minimum (0.3, 2) lies outside: the best point sits on x₁ = 1.5.
        assert!((x[0] - 0.3).abs() < 1e-4 && (x[1] - 1.5).abs() < 1e-6, "{x:?}");
        assert!((v - 2.5).abs() < 1e-6);
    }
}
