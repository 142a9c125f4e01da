//! Where to differentiate: title terms and attributes that sell well with few sellers,
//! price bands that sell more than they are served, and for each of the user's own listings
//! its closest look-alikes and the words that set it apart.

use super::cluster::Clustering;
use super::indexes::ListingFacts;
use super::normalize::is_cjk;
use super::shingle::{jaccard, word_hash};
use super::Prepared;
use crate::analysis::stats::quantile_sorted;
use crate::mapping::Field;
use crate::model::dict::MISSING;
use crate::model::listings::Listings;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// A term needs this many listings with known sales to be judged (fewer is anecdote).
pub const MIN_TERM_LISTINGS: usize = 3;
/// "Few sellers": at most this many distinct sellers use the term.
pub const FEW_SELLERS: usize = 3;
/// A term or band is an opportunity from this many times the category's sales per listing.
pub const MIN_LIFT: f64 = 1.5;
/// Opportunities listed per category, and categories given opportunities or price bands.
const PER_CATEGORY: usize = 10;
const MAX_CATEGORIES: usize = 30;
/// Price bands per category, at most.
const MAX_BANDS: usize = 12;
/// Own listings described, at most.
const MAX_OWN: usize = 500;
/// Closest competitors shown per own listing.
const COMPETITORS: usize = 3;

/// Words too common in titles to tell anything apart.
const STOPWORDS: &[&str] = &[
    "and", "for", "the", "with", "from", "new", "set", "pcs", "men", "women", "pro", "max", "mini", "plus", "of", "to",
    "in", "on", "a", "an", "by", "or", "de", "la", "le", "et", "en", "pour", "avec", "des", "les",
];

/// The words of a normalised title worth reporting: Latin words of three characters or more
/// and numbers with units (`2m`, `64gb`), not bare numbers and CJK character bigrams.
pub fn title_terms(normalized: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for token in normalized.split(' ').filter(|t| !t.is_empty()) {
        if token.starts_with(is_cjk) {
            let chars: Vec<char> = token.chars().collect();
            if chars.len() == 1 {
                terms.push(token.to_owned());
            }
            terms.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
        } else if (token.chars().count() >= 3 || token.chars().any(|c| c.is_ascii_digit()))
            && !STOPWORDS.contains(&token)
            && !token.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        {
            terms.push(token.to_owned());
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

/// A title term or attribute that sells well in a category with few sellers.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Opportunity {
    pub category: Option<String>,
    /// `word` (a title term), `colour`, `size` or `tag`.
    pub kind: String,
    pub term: String,
    /// Listings of the category with the term.
    pub listings: usize,
    /// Distinct sellers among them; `null` when no seller column is mapped.
    pub sellers: Option<usize>,
    /// Mean units sold per listing with the term (listings with known sales).
    pub sales_per_listing: f64,
    /// `sales_per_listing` over the category's.
    pub lift: f64,
}

#[derive(Default)]
struct TermAcc {
    listings: usize,
    sold: f64,
    sold_n: usize,
}

/// The opportunity table: per category (most listings first, at most 30), the terms with
/// lift ≥ 1.5, at least three listings with sales and at most three sellers, at most ten.
/// A term on more than half the category's listings is its vocabulary, not a difference.
pub fn opportunities(listings: &Listings, prepared: &Prepared) -> Vec<Opportunity> {
    let n = listings.len().min(prepared.len());
    // Categories and sellers only: no prices, so any rates will do.
    let facts = &ListingFacts::new(listings, &crate::model::FxTable::built_in(), n);
    if !listings.has(Field::UnitsSold) || listings.units_sold.len() < n {
        return Vec::new();
    }
    const KINDS: [&str; 4] = ["word", "colour", "size", "tag"];
    // Terms are interned by a 64-bit hash (a collision among a few hundred thousand terms
    // has odds of about 1 in 10⁸) so that looking one up allocates nothing.
    let mut interner: FxHashMap<u64, u32> = FxHashMap::default();
    let mut names: Vec<(u8, String)> = Vec::new();
    let mut acc: FxHashMap<(u32, u32), TermAcc> = FxHashMap::default();
    let mut sellers: FxHashSet<(u32, u32, u32)> = FxHashSet::default();
    let mut category_sold = vec![(0.0, 0usize, 0usize); facts.categories.len()];
    let mut terms: Vec<(u8, String)> = Vec::new();
    for i in 0..n {
        let cat = facts.category[i];
        let sold = listings.units_sold[i];
        let entry = &mut category_sold[cat as usize];
        entry.2 += 1;
        if sold.is_finite() {
            entry.0 += sold;
            entry.1 += 1;
        }
        terms.clear();
        terms.extend(title_terms(&prepared.normalized[i]).into_iter().map(|t| (0u8, t)));
        for (kind, dict) in [(1u8, &listings.colour), (2, &listings.size)] {
            if let Some(v) = dict.get(i).map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()) {
                terms.push((kind, v));
            }
        }
        if let Some(tags) = listings.tags.get(i) {
            terms.extend(
                tags.split([',', ';', '|', '，'])
                    .map(|t| t.trim().to_lowercase())
                    .filter(|t| !t.is_empty())
                    .map(|t| (3u8, t)),
            );
        }
        terms.sort();
        terms.dedup();
        for term in terms.drain(..) {
            let next = names.len() as u32;
            let key = word_hash(&term.1) ^ (term.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let id = *interner.entry(key).or_insert_with(|| {
                names.push(term);
                next
            });
            let a = acc.entry((cat, id)).or_default();
            a.listings += 1;
            if sold.is_finite() {
                a.sold += sold;
                a.sold_n += 1;
            }
            if facts.seller[i] != MISSING {
                sellers.insert((cat, id, facts.seller[i]));
            }
        }
    }
    let mut seller_counts: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    for (cat, id, _) in sellers {
        *seller_counts.entry((cat, id)).or_default() += 1;
    }
    let mut by_category: Vec<Vec<Opportunity>> = vec![Vec::new(); facts.categories.len()];
    for ((cat, id), a) in acc {
        let (sum, known, total) = category_sold[cat as usize];
        if a.sold_n < MIN_TERM_LISTINGS || known == 0 || sum <= 0.0 || 2 * a.listings > total {
            continue;
        }
        let seller_count = facts.sellers_known.then(|| seller_counts.get(&(cat, id)).copied().unwrap_or(0));
        if seller_count.is_some_and(|s| s > FEW_SELLERS) {
            continue;
        }
        let spl = a.sold / a.sold_n as f64;
        let lift = spl / (sum / known as f64);
        if lift < MIN_LIFT {
            continue;
        }
        let (kind, term) = &names[id as usize];
        by_category[cat as usize].push(Opportunity {
            category: facts.categories[cat as usize].clone(),
            kind: KINDS[*kind as usize].to_owned(),
            term: term.clone(),
            listings: a.listings,
            sellers: seller_count,
            sales_per_listing: spl,
            lift,
        });
    }
    let mut order: Vec<usize> = (0..facts.categories.len()).collect();
    order.sort_by(|&a, &b| {
        category_sold[b].2.cmp(&category_sold[a].2).then(facts.categories[a].cmp(&facts.categories[b]))
    });
    let mut out = Vec::new();
    for c in order.into_iter().take(MAX_CATEGORIES) {
        let rows = &mut by_category[c];
        rows.sort_by(|a, b| {
            b.lift.total_cmp(&a.lift).then(b.listings.cmp(&a.listings)).then_with(|| a.term.cmp(&b.term))
        });
        out.extend(rows.drain(..).take(PER_CATEGORY));
    }
    out
}

/// One price band of a category.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PriceBand {
    pub from_usd: f64,
    pub to_usd: f64,
    pub listings: usize,
    /// Units sold by the band's listings (where known); `null` without a sales column.
    pub units_sold: Option<f64>,
    pub sales_per_listing: Option<f64>,
    /// Sells at least 1.5 × the category's sales per listing with at most an average share
    /// of its listings: demand the offer has not caught up with.
    pub under_served: bool,
}

/// A category's price histogram.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PriceBands {
    pub category: Option<String>,
    pub listings: usize,
    pub sales_per_listing: Option<f64>,
    pub bands: Vec<PriceBand>,
}

/// A round band width near `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let r = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|&s| s >= r - 1e-9).unwrap_or(10.0);
    nice * magnitude
}

/// Price bands per category (most listings first, at most 30, with at least ten priced
/// listings): round-width bands over the 5th–95th percentile, the tails in the end bands.
pub fn price_bands(listings: &Listings, facts: &ListingFacts) -> Vec<PriceBands> {
    let n = facts.price_usd.len();
    let has_sales = listings.has(Field::UnitsSold) && listings.units_sold.len() >= n;
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); facts.categories.len()];
    for i in 0..n {
        if facts.price_usd[i].is_finite() && facts.price_usd[i] >= 0.0 {
            members[facts.category[i] as usize].push(i as u32);
        }
    }
    let mut order: Vec<usize> = (0..members.len()).filter(|&c| members[c].len() >= 10).collect();
    order.sort_by(|&a, &b| members[b].len().cmp(&members[a].len()).then(facts.categories[a].cmp(&facts.categories[b])));
    order
        .into_iter()
        .take(MAX_CATEGORIES)
        .filter_map(|c| {
            let m = &members[c];
            let mut prices: Vec<f64> = m.iter().map(|&i| facts.price_usd[i as usize]).collect();
            prices.sort_unstable_by(f64::total_cmp);
            let (lo, hi) = (quantile_sorted(&prices, 0.05)?, quantile_sorted(&prices, 0.95)?);
            if hi <= lo {
                return None;
            }
            let step = nice_step((hi - lo) / 8.0);
            let start = (lo / step).floor() * step;
            let count = (((hi - start) / step).ceil() as usize).clamp(1, MAX_BANDS);
            let mut bands: Vec<PriceBand> = (0..count)
                .map(|k| PriceBand {
                    from_usd: start + k as f64 * step,
                    to_usd: start + (k + 1) as f64 * step,
                    listings: 0,
                    units_sold: has_sales.then_some(0.0),
                    sales_per_listing: None,
                    under_served: false,
                })
                .collect();
            let mut sold_n = vec![0usize; count];
            let (mut total_sold, mut total_n) = (0.0, 0usize);
            for &i in m {
                let k = (((facts.price_usd[i as usize] - start) / step).floor().max(0.0) as usize).min(count - 1);
                bands[k].listings += 1;
                let sold = if has_sales { listings.units_sold[i as usize] } else { f64::NAN };
                if sold.is_finite() {
                    *bands[k].units_sold.get_or_insert(0.0) += sold;
                    sold_n[k] += 1;
                    total_sold += sold;
                    total_n += 1;
                }
            }
            let category_spl = (total_n > 0).then(|| total_sold / total_n as f64);
            let average_share = m.len() as f64 / count as f64;
            for (band, &k) in bands.iter_mut().zip(&sold_n) {
                band.sales_per_listing = (k > 0).then(|| band.units_sold.unwrap_or(0.0) / k as f64);
                band.under_served = match (band.sales_per_listing, category_spl) {
                    (Some(b), Some(c)) => c > 0.0 && b >= MIN_LIFT * c && band.listings as f64 <= average_share,
                    _ => false,
                };
            }
            Some(PriceBands {
                category: facts.categories[c].clone(),
                listings: m.len(),
                sales_per_listing: category_spl,
                bands,
            })
        })
        .collect()
}

/// A look-alike of one of the user's listings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Competitor {
    pub listing_id: Option<String>,
    pub row: u64,
    pub title: String,
    pub seller: Option<String>,
    pub jaccard: f64,
    pub price_usd: Option<f64>,
}

/// One of the user's own listings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OwnListing {
    pub listing_id: Option<String>,
    pub row: u64,
    pub title: String,
    pub cluster_id: u32,
    pub cluster_size: usize,
    /// The closest other sellers' listings by title similarity (at most three, Jaccard ≥
    /// 0.4 even under the threshold), most similar first.
    pub competitors: Vec<Competitor>,
    /// Terms of this title that none of those competitors use; empty when nothing sets it
    /// apart (or there are no competitors to be set apart from).
    pub distinguishing_terms: Vec<String>,
}

/// The user's own listings (`is_own` = 1), at most 500, with their look-alikes.
pub fn own_listings(
    listings: &Listings,
    prepared: &Prepared,
    facts: &ListingFacts,
    clustering: &Clustering,
) -> Vec<OwnListing> {
    let n = facts.price_usd.len();
    let is_own = |i: usize| listings.is_own.get(i).is_some_and(|&v| v == 1.0);
    let own: Vec<usize> = (0..n).filter(|&i| is_own(i)).take(MAX_OWN).collect();
    if own.is_empty() {
        return Vec::new();
    }
    // The representatives involved: the own listings' and their neighbours'.
    let wanted: FxHashSet<u32> = own.iter().map(|&i| prepared.representative[i]).collect();
    let mut neighbours: FxHashMap<u32, Vec<(u32, f64)>> = FxHashMap::default();
    for &(a, b, s) in &prepared.pairs {
        if wanted.contains(&a) {
            neighbours.entry(a).or_default().push((b, s));
        }
        if wanted.contains(&b) {
            neighbours.entry(b).or_default().push((a, s));
        }
    }
    let mut needed: FxHashSet<u32> = wanted.clone();
    needed.extend(neighbours.values().flatten().map(|&(r, _)| r));
    let mut group: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for i in 0..n {
        let r = prepared.representative[i];
        if needed.contains(&r) {
            group.entry(r).or_default().push(i as u32);
        }
    }
    let text = |col: &crate::model::dict::StrColumn, i: usize| (col.len() > i).then(|| col.get(i).to_owned());
    let id_of = |i: usize| text(&listings.listing_id, i).filter(|s| !s.is_empty() && listings.has(Field::ListingId));
    own.into_iter()
        .map(|i| {
            let rep = prepared.representative[i];
            let mut candidates: Vec<(u32, f64)> = Vec::new();
            let same = (!prepared.shingles(i).is_empty()).then_some((rep, 1.0));
            for (r, s) in same.into_iter().chain(neighbours.get(&rep).into_iter().flatten().copied()) {
                for &j in group.get(&r).map(Vec::as_slice).unwrap_or_default() {
                    let other_seller = !facts.sellers_known
                        || facts.seller[j as usize] == MISSING
                        || facts.seller[j as usize] != facts.seller[i];
                    if j as usize != i && !is_own(j as usize) && other_seller {
                        candidates.push((j, s));
                    }
                }
            }
            candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            candidates.truncate(COMPETITORS);
            let own_terms = title_terms(&prepared.normalized[i]);
            let competitor_terms: FxHashSet<String> =
                candidates.iter().flat_map(|&(j, _)| title_terms(&prepared.normalized[j as usize])).collect();
            let distinguishing_terms = if candidates.is_empty() {
                Vec::new()
            } else {
                own_terms.into_iter().filter(|t| !competitor_terms.contains(t)).collect()
            };
            let cluster_id = clustering.cluster_of[i];
            OwnListing {
                listing_id: id_of(i),
                row: listings.rows[i],
                title: text(&listings.title, i).unwrap_or_default(),
                cluster_id,
                cluster_size: clustering.sizes[cluster_id as usize] as usize,
                competitors: candidates
                    .iter()
                    .map(|&(j, s)| {
                        let j = j as usize;
                        Competitor {
                            listing_id: id_of(j),
                            row: listings.rows[j],
                            title: text(&listings.title, j).unwrap_or_default(),
                            seller: listings.seller.get(j).map(str::to_owned),
                            jaccard: debug_checked(s, prepared, i, j),
                            price_usd: Some(facts.price_usd[j]).filter(|p| p.is_finite()),
                        }
                    })
                    .collect(),
                distinguishing_terms,
            }
        })
        .collect()
}

/// The stored similarity, checked against the shingle sets in debug builds (duplicates of a
/// representative share its pairs, which holds because their sets are equal).
fn debug_checked(stored: f64, prepared: &Prepared, i: usize, j: usize) -> f64 {
    debug_assert!((jaccard(prepared.shingles(i), prepared.shingles(j)) - stored).abs() < 1e-9);
    stored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_skip_stopwords_and_bare_numbers() {
        assert_eq!(title_terms("usb c cable for iphone 2m 15"), vec!["2m", "cable", "iphone", "usb"]);
        assert_eq!(title_terms("蓝牙耳机 pro"), vec!["牙耳", "耳机", "蓝牙"]);
    }

    #[test]
    fn band_widths_are_round() {
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(0.22), 0.25);
        assert_eq!(nice_step(4.0), 5.0);
        assert_eq!(nice_step(10.0), 10.0);
    }
}
