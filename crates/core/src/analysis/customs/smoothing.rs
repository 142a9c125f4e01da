//! TEMPORARY stand-in until helper/stats lands (same API).
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupCount {
    pub k: u64,
    pub n: u64,
}
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetaPrior {
    pub alpha: f64,
    pub beta: f64,
}
impl BetaPrior {
    pub fn fit(_groups: &[GroupCount], parent_rate: f64) -> BetaPrior {
        Self::centred(parent_rate, 10.0)
    }
    pub fn centred(rate: f64, strength: f64) -> BetaPrior {
        let r = rate.clamp(1e-3, 1.0 - 1e-3);
        BetaPrior { alpha: r * strength, beta: (1.0 - r) * strength }
    }
}
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
pub struct SmoothedRate {
    pub raw: Option<f64>,
    pub smoothed: f64,
    pub low: f64,
    pub high: f64,
    pub k: u64,
    pub n: u64,
}
pub fn smooth(c: GroupCount, p: &BetaPrior) -> SmoothedRate {
    let a = p.alpha + c.k as f64;
    let b = p.beta + (c.n - c.k) as f64;
    let m = a / (a + b);
    let sd = (a * b / ((a + b).powi(2) * (a + b + 1.0))).sqrt();
    SmoothedRate {
        raw: (c.n > 0).then(|| c.k as f64 / c.n as f64),
        smoothed: m,
        low: (m - 1.96 * sd).max(0.0),
        high: (m + 1.96 * sd).min(1.0),
        k: c.k,
        n: c.n,
    }
}
pub fn smooth_mix(counts: &[u64], parent: &[f64], strength: f64) -> Vec<SmoothedRate> {
    let n: u64 = counts.iter().sum();
    counts.iter().zip(parent).map(|(&k, &m)| smooth(GroupCount { k, n }, &BetaPrior::centred(m, strength))).collect()
}
