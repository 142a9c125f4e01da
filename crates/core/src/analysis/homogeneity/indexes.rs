//! Per-cluster figures (size, sellers, prices, discounts, reviews, trend, price war) and
//! per-category crowding indexes (share of listings in multi-seller clusters, Herfindahl
//! index over clusters, effective number of distinct products).

use super::cluster::Clustering;
use super::pricewar::{self, Evidence, Signal};
use super::HomogeneitySettings;
use crate::analysis::stats::quantile_sorted;
use crate::mapping::Field;
use crate::model::dict::MISSING;
use crate::model::listings::{Listings, PriceHistory};
use crate::model::FxTable;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// What every figure needs per listing, computed once.
pub struct ListingFacts {
    /// Price in USD, NaN when unknown (or in a currency the rate table lacks).
    pub price_usd: Vec<f64>,
    /// `1 − price / list price` (0 when the list price is not above the price), NaN unknown.
    pub discount: Vec<f64>,
    /// Whether a seller (or brand) column is mapped.
    pub sellers_known: bool,
    /// Seller code per listing ([`MISSING`] when unknown).
    pub seller: Vec<u32>,
    /// Index into `categories` per listing.
    pub category: Vec<u32>,
    /// The finest category names; `None` for listings with none.
    pub categories: Vec<Option<String>>,
}

impl ListingFacts {
    pub fn new(listings: &Listings, fx: &FxTable, n: usize) -> ListingFacts {
        let money = |col: &crate::ingest::table::MoneyColumn, i: usize| -> f64 {
            match col.amounts.get(i) {
                Some(&a) if a.is_finite() => fx.to_usd(a, col.currency(i)).unwrap_or(f64::NAN),
                _ => f64::NAN,
            }
        };
        let price_usd: Vec<f64> = (0..n).map(|i| money(&listings.price, i)).collect();
        let discount = (0..n)
            .map(|i| {
                let list = money(&listings.list_price, i);
                let p = price_usd[i];
                if list > 0.0 && p >= 0.0 {
                    (1.0 - p / list).max(0.0)
                } else {
                    f64::NAN
                }
            })
            .collect();
        let sellers_known = listings.has(Field::Seller);
        let seller = (0..n).map(|i| listings.seller.codes.get(i).copied().unwrap_or(MISSING)).collect();
        let mut index: FxHashMap<Option<&str>, u32> = FxHashMap::default();
        let mut categories = Vec::new();
        let category = (0..n)
            .map(|i| {
                let name = listings.category_of(i);
                *index.entry(name).or_insert_with(|| {
                    categories.push(name.map(str::to_owned));
                    categories.len() as u32 - 1
                })
            })
            .collect();
        ListingFacts { price_usd, discount, sellers_known, seller, category, categories }
    }

    /// Distinct known sellers among `members`.
    pub fn distinct_sellers(&self, members: &[u32]) -> usize {
        let mut codes: Vec<u32> = members.iter().map(|&i| self.seller[i as usize]).filter(|&c| c != MISSING).collect();
        codes.sort_unstable();
        codes.dedup();
        codes.len()
    }
}

/// One cluster of look-alike listings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ClusterStats {
    pub cluster_id: u32,
    pub size: usize,
    /// Distinct sellers; `null` when no seller column is mapped.
    pub sellers: Option<usize>,
    pub median_price_usd: Option<f64>,
    /// Standard deviation over mean of the USD prices (sample; needs two prices).
    pub price_cv: Option<f64>,
    /// Median discount against list price, 0–1.
    pub median_discount: Option<f64>,
    /// Share of the cluster's reviews on its two most-reviewed listings.
    pub review_top2_share: Option<f64>,
    /// Price change in % per 30 days from the price history (pooled log-price slope
    /// within listings); `null` without history for the cluster's listings.
    pub price_trend_pct_per_30d: Option<f64>,
    /// Units sold by the cluster's listings (where known).
    pub units_sold: Option<f64>,
    pub price_war: bool,
    /// The signals that fired (see `price_war_rule`).
    pub signals: Vec<Signal>,
    /// The most common finest category of the members.
    pub category: Option<String>,
    /// The title of the cluster's first listing, as a label.
    pub title: String,
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_unstable_by(f64::total_cmp);
    quantile_sorted(values, 0.5)
}

/// Sample coefficient of variation; `None` under two values or a zero mean.
pub fn coefficient_of_variation(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some(var.sqrt() / mean)
}

/// Price observations per listing id.
struct HistoryIndex<'a> {
    history: &'a PriceHistory,
    by_id: FxHashMap<&'a str, Vec<u32>>,
}

impl<'a> HistoryIndex<'a> {
    fn new(history: &'a PriceHistory) -> HistoryIndex<'a> {
        let mut by_id: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
        let n = history.date.len().min(history.listing_id.len()).min(history.price.amounts.len());
        for i in 0..n {
            by_id.entry(history.listing_id.get(i)).or_default().push(i as u32);
        }
        HistoryIndex { history, by_id }
    }

    /// Pooled slope of log price against days within each listing (a fixed-effects
    /// regression: each listing's own level is removed, so a cheap and a dear listing both
    /// falling 5 % read as −5 %, not as a jump between them), as % per 30 days.
    fn trend_pct_per_30d<'b>(&self, ids: impl Iterator<Item = &'b str>) -> Option<f64> {
        let (mut sxy, mut sxx) = (0.0, 0.0);
        let mut seen: Vec<&str> = Vec::new();
        for id in ids {
            if id.is_empty() || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let Some(obs) = self.by_id.get(id) else { continue };
            let points: Vec<(f64, f64)> = obs
                .iter()
                .map(|&k| (self.history.date[k as usize].0 as f64, self.history.price.amounts[k as usize]))
                .filter(|(_, p)| *p > 0.0 && p.is_finite())
                .map(|(d, p)| (d, p.ln()))
                .collect();
            if points.len() < 2 {
                continue;
            }
            let m = points.len() as f64;
            let mx = points.iter().map(|p| p.0).sum::<f64>() / m;
            let my = points.iter().map(|p| p.1).sum::<f64>() / m;
            for (x, y) in points {
                sxy += (x - mx) * (y - my);
                sxx += (x - mx) * (x - mx);
            }
        }
        (sxx > 0.0).then(|| ((sxy / sxx * 30.0).exp() - 1.0) * 100.0)
    }
}

/// The figures of every cluster, by id.
pub fn cluster_stats(
    listings: &Listings,
    history: Option<&PriceHistory>,
    facts: &ListingFacts,
    members: &[Vec<u32>],
    settings: &HomogeneitySettings,
) -> Vec<ClusterStats> {
    let history = history.map(HistoryIndex::new);
    let has_ids = listings.listing_id.len() >= facts.price_usd.len();
    let has_titles = listings.title.len() >= facts.price_usd.len();
    members
        .iter()
        .enumerate()
        .map(|(id, m)| {
            let mut prices: Vec<f64> =
                m.iter().map(|&i| facts.price_usd[i as usize]).filter(|p| p.is_finite()).collect();
            let mut discounts: Vec<f64> =
                m.iter().map(|&i| facts.discount[i as usize]).filter(|d| d.is_finite()).collect();
            let mut reviews: Vec<f64> = m
                .iter()
                .map(|&i| listings.reviews.get(i as usize).copied().unwrap_or(f64::NAN))
                .filter(|r| r.is_finite() && *r >= 0.0)
                .collect();
            reviews.sort_unstable_by(|a, b| b.total_cmp(a));
            let total_reviews: f64 = reviews.iter().sum();
            let review_top2_share = (total_reviews > 0.0).then(|| reviews.iter().take(2).sum::<f64>() / total_reviews);
            let sold: Vec<f64> = m
                .iter()
                .map(|&i| listings.units_sold.get(i as usize).copied().unwrap_or(f64::NAN))
                .filter(|u| u.is_finite())
                .collect();
            let trend = match (&history, has_ids) {
                (Some(h), true) => h.trend_pct_per_30d(m.iter().map(|&i| listings.listing_id.get(i as usize))),
                _ => None,
            };
            let sellers = facts.sellers_known.then(|| facts.distinct_sellers(m));
            let evidence = Evidence {
                listings: m.len(),
                sellers,
                price_cv: coefficient_of_variation(&prices),
                median_discount: median(&mut discounts),
                trend_pct_per_30d: trend,
                review_top2_share,
            };
            let (signals, price_war) = pricewar::evaluate(&evidence, settings);
            ClusterStats {
                cluster_id: id as u32,
                size: m.len(),
                sellers,
                median_price_usd: median(&mut prices),
                price_cv: evidence.price_cv,
                median_discount: evidence.median_discount,
                review_top2_share,
                price_trend_pct_per_30d: trend,
                units_sold: (!sold.is_empty()).then(|| sold.iter().sum()),
                price_war,
                signals,
                category: most_common_category(facts, m),
                title: match (has_titles, m.first()) {
                    (true, Some(&i)) => listings.title.get(i as usize).to_owned(),
                    _ => String::new(),
                },
            }
        })
        .collect()
}

fn most_common_category(facts: &ListingFacts, members: &[u32]) -> Option<String> {
    let mut codes: Vec<u32> = members.iter().map(|&i| facts.category[i as usize]).collect();
    codes.sort_unstable();
    let mut best = (0usize, None);
    for run in codes.chunk_by(|a, b| a == b) {
        if run.len() > best.0 {
            best = (run.len(), Some(run[0]));
        }
    }
    best.1.and_then(|c| facts.categories[c as usize].clone())
}

/// One finest category's crowding.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CategoryStats {
    /// The finest category given (sub-category over category); `null` for listings with none.
    pub category: Option<String>,
    pub listings: usize,
    /// Distinct clusters (products) among the category's listings.
    pub clusters: usize,
    /// Share of the listings whose cluster has two sellers or more; when no seller column
    /// is mapped, whose cluster has two listings or more.
    pub share_in_multi_seller_clusters: f64,
    /// Herfindahl index of the clusters' shares of the category's listings, 0–1: 1 when all
    /// listings are one product, 1/n when all n are different.
    pub hhi: f64,
    /// 1 / HHI: how many equally sized distinct products the category amounts to.
    pub effective_products: f64,
    /// Mean distinct sellers per cluster present in the category (cluster-wide counts).
    pub sellers_per_cluster: Option<f64>,
    /// Share of the listings in price-war clusters.
    pub share_in_price_wars: f64,
}

/// The crowding figures per finest category, most listings first.
pub fn category_stats(facts: &ListingFacts, clustering: &Clustering, clusters: &[ClusterStats]) -> Vec<CategoryStats> {
    let mut by_category: Vec<Vec<u32>> = vec![Vec::new(); facts.categories.len()];
    for (i, &c) in facts.category.iter().enumerate() {
        by_category[c as usize].push(clustering.cluster_of[i]);
    }
    let multi = |c: u32| -> bool {
        let stats = &clusters[c as usize];
        match stats.sellers {
            Some(s) => s >= 2,
            None => stats.size >= 2,
        }
    };
    let mut rows: Vec<CategoryStats> = by_category
        .iter_mut()
        .enumerate()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(c, ids)| {
            let n = ids.len() as f64;
            ids.sort_unstable();
            let (mut hhi, mut distinct, mut in_multi, mut in_war, mut seller_sum) =
                (0.0, 0usize, 0usize, 0usize, 0usize);
            for run in ids.chunk_by(|a, b| a == b) {
                let share = run.len() as f64 / n;
                hhi += share * share;
                distinct += 1;
                if multi(run[0]) {
                    in_multi += run.len();
                }
                if clusters[run[0] as usize].price_war {
                    in_war += run.len();
                }
                seller_sum += clusters[run[0] as usize].sellers.unwrap_or(0);
            }
            CategoryStats {
                category: facts.categories[c].clone(),
                listings: ids.len(),
                clusters: distinct,
                share_in_multi_seller_clusters: in_multi as f64 / n,
                hhi,
                effective_products: 1.0 / hhi,
                sellers_per_cluster: facts.sellers_known.then(|| seller_sum as f64 / distinct as f64),
                share_in_price_wars: in_war as f64 / n,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.listings.cmp(&a.listings).then_with(|| a.category.cmp(&b.category)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficient_of_variation_is_sample_based() {
        assert_eq!(coefficient_of_variation(&[10.0]), None);
        let cv = coefficient_of_variation(&[9.0, 10.0, 11.0]).unwrap();
        assert!((cv - 0.1).abs() < 1e-12, "{cv}");
    }

    #[test]
    fn trend_reads_percent_per_thirty_days() {
        let mut h = PriceHistory::default();
        // Two listings at different levels, each losing 10 % every 30 days.
        for (id, base) in [("A", 20.0), ("B", 10.0)] {
            for k in 0..5 {
                h.listing_id.push(id);
                h.date.push(crate::model::Date(100 + 30 * k));
                h.price.amounts.push(base * 0.9f64.powi(k));
                h.price.currency_of.push(0);
            }
        }
        h.price.currencies.push(None);
        let index = HistoryIndex::new(&h);
        let t = index.trend_pct_per_30d(["A", "B", "A"].into_iter()).unwrap();
        assert!((t + 10.0).abs() < 1e-9, "{t}");
        assert_eq!(index.trend_pct_per_30d(["C"].into_iter()), None);
    }
}
