//! Product homogeneity and price wars: near-identical listings, crowding, differentiation.
//!
//! Two steps, so the threshold slider stays instant on 100 000 listings:
//!
//! 1. [`prepare`] (slow, once per dataset): normalise titles, shingle them, merge exact
//!    duplicates, MinHash + LSH for candidate pairs, exact Jaccard on each candidate, and keep
//!    every pair at or above [`PAIR_FLOOR`] (below the lowest threshold the user can pick).
//! 2. [`analyse`] (fast, on every setting change): union–find over the stored pairs at the
//!    chosen threshold, then the per-cluster and per-category figures.

pub mod cluster;
pub mod differentiate;
pub mod indexes;
pub mod minhash;
pub mod normalize;
pub mod pricewar;
pub mod shingle;

pub use differentiate::{Competitor, Opportunity, OwnListing, PriceBand, PriceBands};
pub use indexes::{CategoryStats, ClusterStats};
pub use pricewar::{PriceWarRule, Signal};

use crate::model::listings::{Listings, PriceHistory};
use crate::model::FxTable;
use minhash::{band_keys, candidate_pairs, pair_of, HashFamily, BANDS};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The lowest threshold the settings accept; LSH is tuned for it.
pub const MIN_THRESHOLD: f64 = 0.5;
/// The highest threshold the settings accept.
pub const MAX_THRESHOLD: f64 = 0.95;
/// Pairs are kept down to this similarity, a little under [`MIN_THRESHOLD`], so that the
/// examples can show a pair that just misses even the lowest threshold.
pub const PAIR_FLOOR: f64 = 0.4;
/// The seed of the MinHash family (fixed: the same data always gives the same pairs).
const SEED: u64 = 0x6f72_6465_726c_656e;

/// What the user chose on the homogeneity page. Missing fields take their defaults, so a
/// page that only sends the threshold is understood.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct HomogeneitySettings {
    /// Title similarity (Jaccard of word and character shingles, 0.5–0.95) from which two
    /// listings count as the same product. 0.7 by default: on real marketplace titles (Wish,
    /// Amazon India) pairs at 0.7 differ by a colour, a size or a few padding keywords (the
    /// same product, or the same product for another phone model), while at 0.6 one brand's
    /// title template over different products starts to join (an extended warranty for two
    /// price ranges, a cable with another connector); see `example_pairs`.
    pub threshold: f64,
    /// Distinct sellers from which a cluster is crowded (a price-war condition).
    pub min_sellers: usize,
    /// Price coefficient of variation under which prices have converged.
    pub max_price_cv: f64,
    /// Median discount against list price from which discounting is deep.
    pub deep_discount: f64,
    /// Price trend (% per 30 days) at or under which prices are falling.
    pub falling_trend_pct: f64,
    /// Share of the cluster's reviews held by its top two listings from which demand has
    /// gone to one or two winners.
    pub review_concentration: f64,
    /// How many clusters the table lists (largest first; price-war clusters always listed).
    pub max_clusters: usize,
}

impl Default for HomogeneitySettings {
    fn default() -> HomogeneitySettings {
        HomogeneitySettings {
            threshold: 0.7,
            min_sellers: 3,
            max_price_cv: 0.15,
            deep_discount: 0.3,
            falling_trend_pct: -2.0,
            review_concentration: 0.8,
            max_clusters: 200,
        }
    }
}

impl HomogeneitySettings {
    /// The threshold actually used: inside the range LSH was tuned for.
    pub fn effective_threshold(&self) -> f64 {
        if self.threshold.is_nan() {
            return HomogeneitySettings::default().threshold;
        }
        self.threshold.clamp(MIN_THRESHOLD, MAX_THRESHOLD)
    }
}

/// The expensive, threshold-independent part of the analysis of one listings table.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Normalised titles, one per listing.
    pub normalized: Vec<String>,
    /// Shingle hashes of all listings, one after the other; listing i's are
    /// `shingles[ends[i-1]..ends[i]]` (see [`Prepared::shingles`]).
    shingle_data: Vec<u64>,
    shingle_ends: Vec<u32>,
    /// Each listing's representative: the first listing with the same shingle set (itself
    /// when unique). Exact duplicates are the same product at any threshold.
    pub representative: Vec<u32>,
    /// Confirmed pairs of representatives `(i, j, jaccard)`, `i < j`, jaccard ≥
    /// [`PAIR_FLOOR`], most similar first.
    pub pairs: Vec<(u32, u32, f64)>,
    /// How many candidate pairs LSH proposed (before exact Jaccard).
    pub candidates: usize,
    /// The opportunity table, which depends on neither the threshold nor the exchange
    /// rates: computed here so a threshold change does not redo it (it is the slowest
    /// figure, a third of a second on 100 000 listings).
    pub opportunities: Vec<Opportunity>,
}

impl Prepared {
    pub fn len(&self) -> usize {
        self.normalized.len()
    }

    pub fn is_empty(&self) -> bool {
        self.normalized.is_empty()
    }

    /// The shingle set of listing `i` (sorted hashes).
    pub fn shingles(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.shingle_ends[i - 1] as usize };
        &self.shingle_data[start..self.shingle_ends[i] as usize]
    }

    /// Links that hold at every threshold: each duplicate with its representative.
    pub fn duplicate_links(&self) -> Vec<(u32, u32)> {
        (0..self.len() as u32)
            .filter(|&i| self.representative[i as usize] != i)
            .map(|i| (i, self.representative[i as usize]))
            .collect()
    }

    /// The stored similarity of listings `i` and `j` (1 for duplicates), or `None` when no
    /// pair at or above [`PAIR_FLOOR`] was found for them. Scans the pairs: for a single
    /// look-up (a tooltip), not for loops.
    pub fn similarity(&self, i: usize, j: usize) -> Option<f64> {
        let (ri, rj) = (self.representative[i], self.representative[j]);
        if ri == rj {
            return (!self.shingles(i).is_empty()).then_some(1.0);
        }
        let (a, b) = (ri.min(rj), ri.max(rj));
        self.pairs.iter().find(|p| p.0 == a && p.1 == b).map(|p| p.2)
    }
}

/// Runs the expensive part: `progress(done, total)` is called as listings are processed.
pub fn prepare(listings: &Listings, progress: &mut dyn FnMut(usize, usize)) -> Prepared {
    let n = listings.len();
    let has_titles = listings.title.len() == n;
    let family = HashFamily::new(SEED);
    let mut prepared = Prepared {
        normalized: Vec::with_capacity(n),
        shingle_ends: Vec::with_capacity(n),
        representative: Vec::with_capacity(n),
        ..Prepared::default()
    };
    let mut keys: Vec<u32> = vec![0; n * BANDS];
    let mut skip = vec![false; n];
    // Exact duplicates by shingle set: hash of the set → first listing with it.
    let mut first_with: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let step = (n / 100).max(1000);
    for i in 0..n {
        let title = if has_titles { listings.title.get(i) } else { "" };
        let normalized = normalize::normalize_title(title);
        let set = shingle::shingles(&normalized);
        let set_hash = set.iter().fold(0x51_7cc1_b727_220a_u64, |h, &x| shingle::mix64(h ^ x));
        prepared.shingle_data.extend_from_slice(&set);
        prepared.shingle_ends.push(prepared.shingle_data.len() as u32);
        prepared.normalized.push(normalized);
        let same = first_with.entry(set_hash).or_default();
        let duplicate_of = same.iter().copied().find(|&r| prepared.shingles(r as usize) == set.as_slice());
        match duplicate_of {
            Some(r) if !set.is_empty() => {
                prepared.representative.push(r);
                skip[i] = true;
            }
            _ => {
                prepared.representative.push(i as u32);
                same.push(i as u32);
                if set.is_empty() {
                    skip[i] = true;
                } else {
                    keys[i * BANDS..(i + 1) * BANDS].copy_from_slice(&band_keys(&family.signature(&set)));
                }
            }
        }
        if (i + 1) % step == 0 {
            progress(i + 1, n);
        }
    }
    drop(first_with);
    let candidates = candidate_pairs(&keys, n, &skip);
    drop(keys);
    prepared.candidates = candidates.len();
    let mut pairs: Vec<(u32, u32, f64)> = candidates
        .iter()
        .filter_map(|&key| {
            let (a, b) = pair_of(key);
            let s = shingle::jaccard(prepared.shingles(a as usize), prepared.shingles(b as usize));
            (s >= PAIR_FLOOR).then_some((a, b, s))
        })
        .collect();
    pairs.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    prepared.pairs = pairs;
    prepared.opportunities = differentiate::opportunities(listings, &prepared);
    progress(n, n);
    prepared
}

/// One listing's cluster.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ListingCluster {
    /// The listing id as written; `null` when the column is not mapped or the cell is empty.
    pub listing_id: Option<String>,
    /// The row in the user's file.
    pub row: u64,
    pub cluster_id: u32,
}

/// Two titles and their similarity, to show what "the same product" means at the threshold.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ExamplePair {
    pub row_a: u64,
    pub title_a: String,
    pub row_b: u64,
    pub title_b: String,
    pub jaccard: f64,
    /// Whether the pair counts as the same product at the threshold.
    pub same_product: bool,
}

/// Everything the homogeneity page shows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HomogeneityReport {
    /// The threshold used (the setting, kept inside 0.5–0.95).
    pub threshold: f64,
    /// Whether a seller or brand column is mapped; without it seller counts are `null` and
    /// "multi-seller" falls back to "more than one listing".
    pub sellers_known: bool,
    /// Every listing, in file order, with its cluster (singletons have their own).
    pub listings: Vec<ListingCluster>,
    /// How many clusters there are, singletons included.
    pub clusters_total: usize,
    /// Clusters of two listings or more.
    pub multi_listing_clusters: usize,
    /// The largest clusters (up to the `max_clusters` setting) and every price-war cluster.
    pub clusters: Vec<ClusterStats>,
    /// How many clusters are in a price war.
    pub price_war_clusters: usize,
    /// The rule that decides `price_war`, with its limits.
    pub price_war_rule: PriceWarRule,
    /// One row per finest category, most listings first.
    pub categories: Vec<CategoryStats>,
    /// Pairs just above and just below the threshold.
    pub example_pairs: Vec<ExamplePair>,
    /// Title terms and attributes that sell well with few sellers, per category.
    pub opportunities: Vec<Opportunity>,
    /// USD price histogram per category, with the bands that sell more than they are served.
    pub price_bands: Vec<PriceBands>,
    /// The user's own listings, their look-alikes and what sets them apart.
    pub own_listings: Vec<OwnListing>,
    /// Candidate pairs LSH proposed and pairs confirmed at or above the floor (0.4).
    pub candidate_pairs: usize,
    pub confirmed_pairs: usize,
    /// The members of the listed clusters with more than one listing (at most
    /// [`MEMBERS_SHOWN`] each), for the cluster explorer and the price–sales chart.
    pub members: Vec<ClusterMember>,
}

/// Runs the threshold-dependent part over a [`prepare`]d listings table.
pub fn analyse(
    listings: &Listings,
    history: Option<&PriceHistory>,
    prepared: &Prepared,
    settings: &HomogeneitySettings,
    fx: &FxTable,
) -> HomogeneityReport {
    let threshold = settings.effective_threshold();
    let n = listings.len().min(prepared.len());
    let clustering = cluster::cluster(n, &prepared.duplicate_links(), &prepared.pairs, threshold);
    let facts = indexes::ListingFacts::new(listings, fx, n);
    let members = clustering.members();
    let mut clusters = indexes::cluster_stats(listings, history, &facts, &members, settings);
    let price_war_clusters = clusters.iter().filter(|c| c.price_war).count();
    let categories = indexes::category_stats(&facts, &clustering, &clusters);
    let has_ids = listings.has(crate::mapping::Field::ListingId) && listings.listing_id.len() >= n;
    let listing_rows = (0..n)
        .map(|i| ListingCluster {
            listing_id: has_ids.then(|| listings.listing_id.get(i)).filter(|s| !s.is_empty()).map(str::to_owned),
            row: listings.rows[i],
            cluster_id: clustering.cluster_of[i],
        })
        .collect();
    let price_bands = differentiate::price_bands(listings, &facts);
    let own_listings = differentiate::own_listings(listings, prepared, &facts, &clustering);
    let multi_listing_clusters = clustering.sizes.iter().filter(|&&s| s >= 2).count();
    let clusters_total = clusters.len();
    let max = settings.max_clusters;
    clusters.retain(|c| (c.cluster_id as usize) < max || c.price_war);
    let cluster_members = cluster_members(listings, &facts, &members, &clusters);
    HomogeneityReport {
        threshold,
        sellers_known: facts.sellers_known,
        listings: listing_rows,
        clusters_total,
        multi_listing_clusters,
        clusters,
        price_war_clusters,
        price_war_rule: PriceWarRule::from(settings),
        categories,
        example_pairs: example_pairs(listings, prepared, threshold),
        opportunities: prepared.opportunities.clone(),
        price_bands,
        own_listings,
        candidate_pairs: prepared.candidates,
        confirmed_pairs: prepared.pairs.len(),
        members: cluster_members,
    }
}

/// Members listed per cluster in the report (the export's `listings` has every assignment).
pub const MEMBERS_SHOWN: usize = 40;

/// One listing of a cluster, side by side with the others in the explorer.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ClusterMember {
    pub cluster_id: u32,
    pub row: u64,
    pub listing_id: Option<String>,
    pub title: String,
    pub seller: Option<String>,
    pub price_usd: Option<f64>,
    pub rating: Option<f64>,
    pub reviews: Option<f64>,
    pub units_sold: Option<f64>,
    pub own: bool,
}

fn cluster_members(
    listings: &Listings,
    facts: &indexes::ListingFacts,
    members: &[Vec<u32>],
    shown: &[ClusterStats],
) -> Vec<ClusterMember> {
    let finite = |v: f64| v.is_finite().then_some(v);
    let column = |v: &Vec<f64>, i: usize| v.get(i).copied().and_then(finite);
    let mut out = Vec::new();
    for c in shown.iter().filter(|c| c.size > 1) {
        let Some(list) = members.get(c.cluster_id as usize) else { continue };
        for &i in list.iter().take(MEMBERS_SHOWN) {
            let i = i as usize;
            out.push(ClusterMember {
                cluster_id: c.cluster_id,
                row: listings.rows[i],
                listing_id: (i < listings.listing_id.len())
                    .then(|| listings.listing_id.get(i).to_owned())
                    .filter(|s| !s.is_empty()),
                title: if i < listings.title.len() { listings.title.get(i).to_owned() } else { String::new() },
                seller: listings.seller.get(i).map(str::to_owned),
                price_usd: facts.price_usd.get(i).copied().and_then(finite),
                rating: column(&listings.rating, i),
                reviews: column(&listings.reviews, i),
                units_sold: column(&listings.units_sold, i),
                own: listings.is_own.get(i).is_some_and(|&v| v == 1.0),
            });
        }
    }
    out
}

/// How many example pairs on each side of the threshold.
const EXAMPLES_EACH_SIDE: usize = 3;

/// The stored pairs nearest the threshold on each side: what just counts as the same
/// product and what just misses.
fn example_pairs(listings: &Listings, prepared: &Prepared, threshold: f64) -> Vec<ExamplePair> {
    let n = listings.len().min(prepared.len());
    let title =
        |i: u32| if listings.title.len() >= n { listings.title.get(i as usize).to_owned() } else { String::new() };
    // Pairs are sorted most similar first: those above end where the others start.
    let split = prepared.pairs.partition_point(|p| p.2 >= threshold);
    let above = prepared.pairs[..split].iter().rev().take(EXAMPLES_EACH_SIDE);
    let below = prepared.pairs[split..].iter().take(EXAMPLES_EACH_SIDE);
    above
        .chain(below)
        .filter(|p| (p.0 as usize) < n && (p.1 as usize) < n)
        .map(|&(a, b, s)| ExamplePair {
            row_a: listings.rows[a as usize],
            title_a: title(a),
            row_b: listings.rows[b as usize],
            title_b: title(b),
            jaccard: s,
            same_product: s >= threshold,
        })
        .collect()
}

#[cfg(test)]
mod tests;
