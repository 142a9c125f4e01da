//! Shared statistics: percentiles, rates with intervals, and day-count accumulators.
//!
//! Percentiles use linear interpolation between closest ranks (numpy's and pandas' default,
//! R type 7), so every figure can be checked with a one-line pandas call.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The `p`-quantile (0–1) of sorted values by linear interpolation; `None` if empty.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// A proportion with its Wilson score 95 % interval, which stays inside 0–1 and is honest
/// about small samples (1 of 2 is 0.09–0.91, not "50 %").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub successes: u64,
    pub trials: u64,
    pub rate: f64,
    pub low: f64,
    pub high: f64,
}

impl Rate {
    /// `None` when there are no trials.
    pub fn wilson(successes: u64, trials: u64) -> Option<Rate> {
        if trials == 0 {
            return None;
        }
        let n = trials as f64;
        let p = successes as f64 / n;
        let z2 = Z95 * Z95;
        let denom = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denom;
        let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        Some(Rate {
            successes,
            trials,
            rate: p,
            // At 0 % or 100 % the Wilson bound is exactly 0 or 1; say so despite rounding.
            low: if successes == 0 { 0.0 } else { (centre - half).max(0.0) },
            high: if successes == trials { 1.0 } else { (centre + half).min(1.0) },
        })
    }
}

/// Counts of whole-day durations (transit days, ages): exact percentiles from a small
/// array, and a commutative `merge` so chunks and datasets can be combined.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCounts {
    /// `counts[d]` = how many values equal `d` days.
    counts: Vec<u64>,
    n: u64,
    sum: f64,
    sum_sq: f64,
}

impl DayCounts {
    /// Adds one non-negative duration in whole days.
    pub fn add(&mut self, days: u32) {
        let d = days as usize;
        if d >= self.counts.len() {
            self.counts.resize(d + 1, 0);
        }
        self.counts[d] += 1;
        self.n += 1;
        let x = days as f64;
        self.sum += x;
        self.sum_sq += x * x;
    }

    pub fn merge(&mut self, other: &DayCounts) {
        if other.counts.len() > self.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    pub fn len(&self) -> u64 {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Counts per day, index = days.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The value of the `k`-th smallest observation (0-based).
    fn order_statistic(&self, k: u64) -> f64 {
        let mut seen = 0;
        for (day, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen > k {
                return day as f64;
            }
        }
        (self.counts.len().saturating_sub(1)) as f64
    }

    /// The `p`-quantile by linear interpolation, same as [`quantile_sorted`].
    pub fn quantile(&self, p: f64) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let h = (self.n - 1) as f64 * p.clamp(0.0, 1.0);
        let lo = h.floor() as u64;
        let x_lo = self.order_statistic(lo);
        let x_hi = if lo + 1 < self.n { self.order_statistic(lo + 1) } else { x_lo };
        Some(x_lo + (h - lo as f64) * (x_hi - x_lo))
    }

    pub fn max(&self) -> Option<u32> {
        if self.n == 0 {
            return None;
        }
        self.counts.iter().rposition(|&c| c > 0).map(|d| d as u32)
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// Sample standard deviation (n − 1 in the denominator, as pandas' `std()`).
    pub fn std_dev(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let mean = self.sum / n;
        let var = ((self.sum_sq - n * mean * mean) / (n - 1.0)).max(0.0);
        Some(var.sqrt())
    }

    /// The smallest whole number of days `d` with at least `share` of values ≤ `d`: the
    /// promise a seller can make and keep for that share of parcels.
    pub fn smallest_days_covering(&self, share: f64) -> Option<u32> {
        if self.n == 0 {
            return None;
        }
        let needed = (share * self.n as f64 - 1e-9).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (day, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= needed {
                return Some(day as u32);
            }
        }
        self.max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counts(values: &[u32]) -> DayCounts {
        let mut c = DayCounts::default();
        values.iter().for_each(|&v| c.add(v));
        c
    }

    #[test]
    fn quantiles_match_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], [50, 75, 90, 95]) = 3, 4, 7.6, 8.8
        let c = counts(&[4, 1, 10, 3, 2]);
        assert_eq!(c.quantile(0.5), Some(3.0));
        assert_eq!(c.quantile(0.75), Some(4.0));
        assert!((c.quantile(0.9).unwrap() - 7.6).abs() < 1e-12);
        assert!((c.quantile(0.95).unwrap() - 8.8).abs() < 1e-12);
        assert_eq!(c.max(), Some(10));
    }

    #[test]
    fn sample_std_matches_pandas() {
        // pandas.Series([2, 4, 4, 4, 5, 5, 7, 9]).std() = 2.138089935299395
        let c = counts(&[2, 4, 4, 4, 5, 5, 7, 9]);
        assert!((c.std_dev().unwrap() - 2.138_089_935_299_395).abs() < 1e-12);
        assert_eq!(c.mean(), Some(5.0));
        assert_eq!(counts(&[3]).std_dev(), None);
    }

    #[test]
    fn promise_covers_the_share() {
        let c = counts(&[10, 11, 12, 13, 14, 15, 16, 17, 18, 40]);
        assert_eq!(c.smallest_days_covering(0.9), Some(18));
        assert_eq!(c.smallest_days_covering(0.95), Some(40));
        assert_eq!(c.smallest_days_covering(0.1), Some(10));
    }

    #[test]
    fn wilson_interval_matches_reference() {
        // statsmodels proportion_confint(1, 2, method="wilson") = (0.0945, 0.9055)
        let r = Rate::wilson(1, 2).unwrap();
        assert!((r.low - 0.094_531_205).abs() < 1e-6, "{r:?}");
        assert!((r.high - 0.905_468_795).abs() < 1e-6);
        let all = Rate::wilson(30, 30).unwrap();
        assert_eq!(all.high, 1.0);
        assert!(all.low > 0.88 && all.low < 0.89);
        assert_eq!(Rate::wilson(0, 0), None);
    }

    proptest! {
        #[test]
        fn merge_of_chunks_equals_whole(values in prop::collection::vec(0u32..400, 0..300), cut in 0usize..300) {
            let cut = cut.min(values.len());
            let mut left = counts(&values[..cut]);
            left.merge(&counts(&values[cut..]));
            let whole = counts(&values);
            prop_assert_eq!(left.quantile(0.9), whole.quantile(0.9));
            prop_assert_eq!(left.len(), whole.len());
            prop_assert_eq!(left.max(), whole.max());
        }

        #[test]
        fn quantiles_are_monotone_and_agree_with_sorting(values in prop::collection::vec(0u32..400, 1..300)) {
            let c = counts(&values);
            let mut sorted: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            sorted.sort_by(f64::total_cmp);
            let mut last = f64::MIN;
            for p in [0.0, 0.1, 0.5, 0.75, 0.9, 0.95, 1.0] {
                let q = c.quantile(p).unwrap();
                prop_assert!(q >= last);
                prop_assert!((q - quantile_sorted(&sorted, p).unwrap()).abs() < 1e-9);
                last = q;
            }
        }
    }
}
