//! The price-war rule: a transparent test over a cluster's figures, reporting which signals
//! fired so the seller can judge the verdict.
//!
//! A price war is **crowding** (many sellers of the same product) **plus converged prices**
//! (low dispersion: nobody can charge more) **plus at least one sign of pressure**: deep
//! discounts against list price, prices falling over time, or demand gone to one or two
//! winners. Crowding alone is just a popular product; converged prices alone can be a fixed
//! retail price. Without a seller column, crowding is read as "at least `min_sellers`
//! listings", which overstates it when one seller lists the product several times.
//!
//! Whether the median discount is *growing* would need list prices over time, which a price
//! history does not carry; the falling-prices signal covers the same pressure.

use super::HomogeneitySettings;
use serde::{Deserialize, Serialize};

/// A signal behind the price-war verdict.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// At least `min_sellers` distinct sellers (listings, when sellers are unknown).
    ManySellers,
    /// Price coefficient of variation under `max_price_cv`.
    LowPriceDispersion,
    /// Median discount against list price at least `deep_discount`.
    DeepDiscounts,
    /// Price trend at or under `falling_trend_pct` % per 30 days.
    FallingPrices,
    /// The top two listings hold at least `review_concentration` of the reviews.
    ConcentratedReviews,
}

/// The rule's limits as applied, for the page to print next to the verdicts.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PriceWarRule {
    /// Human-readable form of the rule.
    pub rule: String,
    pub min_sellers: usize,
    pub max_price_cv: f64,
    pub deep_discount: f64,
    pub falling_trend_pct: f64,
    pub review_concentration: f64,
    /// Review concentration is judged only in clusters of at least this many listings (in
    /// a pair the top two always hold everything).
    pub min_listings_for_concentration: usize,
}

/// Clusters smaller than this do not get the concentrated-reviews signal.
pub const MIN_LISTINGS_FOR_CONCENTRATION: usize = 4;

impl From<&HomogeneitySettings> for PriceWarRule {
    fn from(s: &HomogeneitySettings) -> PriceWarRule {
        PriceWarRule {
            rule:
                "many_sellers AND low_price_dispersion AND (deep_discounts OR falling_prices OR concentrated_reviews)"
                    .into(),
            min_sellers: s.min_sellers,
            max_price_cv: s.max_price_cv,
            deep_discount: s.deep_discount,
            falling_trend_pct: s.falling_trend_pct,
            review_concentration: s.review_concentration,
            min_listings_for_concentration: MIN_LISTINGS_FOR_CONCENTRATION,
        }
    }
}

/// The figures the rule reads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Evidence {
    pub listings: usize,
    pub sellers: Option<usize>,
    pub price_cv: Option<f64>,
    pub median_discount: Option<f64>,
    pub trend_pct_per_30d: Option<f64>,
    pub review_top2_share: Option<f64>,
}

/// The signals that fired and the verdict.
pub fn evaluate(e: &Evidence, s: &HomogeneitySettings) -> (Vec<Signal>, bool) {
    let mut fired = Vec::new();
    if e.sellers.unwrap_or(e.listings) >= s.min_sellers.max(2) {
        fired.push(Signal::ManySellers);
    }
    if e.price_cv.is_some_and(|cv| cv < s.max_price_cv) {
        fired.push(Signal::LowPriceDispersion);
    }
    if e.median_discount.is_some_and(|d| d >= s.deep_discount) {
        fired.push(Signal::DeepDiscounts);
    }
    if e.trend_pct_per_30d.is_some_and(|t| t <= s.falling_trend_pct) {
        fired.push(Signal::FallingPrices);
    }
    if e.listings >= MIN_LISTINGS_FOR_CONCENTRATION && e.review_top2_share.is_some_and(|r| r >= s.review_concentration)
    {
        fired.push(Signal::ConcentratedReviews);
    }
    let has = |sig| fired.contains(&sig);
    let war = has(Signal::ManySellers)
        && has(Signal::LowPriceDispersion)
        && (has(Signal::DeepDiscounts) || has(Signal::FallingPrices) || has(Signal::ConcentratedReviews));
    (fired, war)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_crowding_convergence_and_pressure() {
        let s = HomogeneitySettings::default();
        let crowded = Evidence {
            listings: 8,
            sellers: Some(6),
            price_cv: Some(0.08),
            median_discount: Some(0.1),
            trend_pct_per_30d: Some(-5.0),
            review_top2_share: Some(0.5),
        };
        let (signals, war) = evaluate(&crowded, &s);
        assert_eq!(signals, vec![Signal::ManySellers, Signal::LowPriceDispersion, Signal::FallingPrices]);
        assert!(war);
        // No pressure: a popular product at a stable price.
        let stable = Evidence { trend_pct_per_30d: Some(0.5), ..crowded };
        assert!(!evaluate(&stable, &s).1);
        // Pressure but prices spread out.
        let spread = Evidence { price_cv: Some(0.4), ..crowded };
        assert!(!evaluate(&spread, &s).1);
        // One seller listing it eight times is not a war.
        let alone = Evidence { sellers: Some(1), ..crowded };
        assert!(!evaluate(&alone, &s).1);
        // Unknown sellers: the listings count stands in.
        let unknown = Evidence { sellers: None, ..crowded };
        assert!(evaluate(&unknown, &s).1);
        // Concentration needs enough listings to mean anything.
        let pair = Evidence {
            listings: 3,
            sellers: Some(3),
            review_top2_share: Some(1.0),
            trend_pct_per_30d: None,
            ..crowded
        };
        assert_eq!(evaluate(&pair, &s).0, vec![Signal::ManySellers, Signal::LowPriceDispersion]);
    }
}
