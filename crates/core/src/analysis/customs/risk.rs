//! The risk of a planned shipment: the probability of each customs outcome with an
//! interval, expected hold days and costs, the factors behind them, and how the seller's
//! other carriers to that destination compare — all from the seller's own history.
//!
//! Estimates back off through levels (all parcels → destination → HS chapter → declared
//! value against de minimis → carrier and service). Each level's outcome mix is shrunk
//! toward the level above with a strength fitted from how much its siblings differ, so a
//! level with two parcels barely moves the estimate, and the final interval says how
//! little is known.

use super::de_minimis::{DeMinimisTable, ValueBand};
use super::parcels::{Facts, ParcelFacts};
use super::smoothing::{smooth_mix, BetaPrior, GroupCount};
use super::vocab::CustomsOutcome;
use crate::model::dict::MISSING;
use crate::model::FxTable;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use crate::model::planned::PlannedShipment;

/// One outcome's probability with its 95 % interval.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct OutcomeProbability {
    pub outcome: CustomsOutcome,
    pub probability: f64,
    pub low: f64,
    pub high: f64,
}

/// A level of the backing-off, and what it changed.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    AllParcels,
    Destination,
    HsChapter,
    ValueBand,
    Carrier,
}

/// How a level moved the detention estimate.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Factor {
    pub level: Level,
    /// The value at this level (`BR`, `85`, `above_de_minimis`, `Yanwen`).
    pub value: String,
    /// Parcels with a known outcome at this level.
    pub parcels: u64,
    /// Raw detention rate at this level, if it has parcels.
    pub raw_rate: Option<f64>,
    /// Estimate after this level, and before it.
    pub detention: f64,
    pub parent_detention: f64,
    /// detention ÷ parent_detention.
    pub ratio: f64,
}

/// Another carrier/service the seller used to the same destination.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Alternative {
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub parcels: u64,
    pub detention: f64,
    pub detention_low: f64,
    pub detention_high: f64,
    pub expected_hold_days: Option<f64>,
    pub expected_cost_usd: Option<f64>,
}

/// The assessment of a planned shipment.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RiskEstimate {
    pub planned: PlannedShipment,
    /// The destination as an ISO code, if recognised.
    pub destination_code: Option<String>,
    pub hs_chapter: Option<String>,
    pub value_band: ValueBand,
    pub declared_value_usd: Option<f64>,
    /// Probability of each outcome except pending (they sum to 1).
    pub outcomes: Vec<OutcomeProbability>,
    /// Not cleared on first presentation.
    pub detention: OutcomeProbability,
    /// Expected customs hold days (probability of a hold × typical hold).
    pub expected_hold_days: Option<f64>,
    /// Expected extra costs (storage, return freight, penalties) and duties, USD.
    pub expected_extra_cost_usd: Option<f64>,
    /// Expected value of goods lost (confiscated or abandoned), USD.
    pub expected_value_lost_usd: Option<f64>,
    pub factors: Vec<Factor>,
    pub alternatives: Vec<Alternative>,
    /// Parcels with a known outcome behind the most specific level used.
    pub evidence_parcels: u64,
    /// The seller has never shipped to this destination: the estimate is the overall mix.
    pub no_history_for_destination: bool,
}

/// Known outcomes (pending excluded), in [`CustomsOutcome::ALL`] order.
const KNOWN: [CustomsOutcome; 6] = [
    CustomsOutcome::Cleared,
    CustomsOutcome::ReleasedAfterDocuments,
    CustomsOutcome::ReleasedAfterPayment,
    CustomsOutcome::Returned,
    CustomsOutcome::Confiscated,
    CustomsOutcome::Abandoned,
];

/// Totals of one combination of destination, chapter, band, carrier and service.
#[derive(Debug, Clone, Default)]
struct Cell {
    counts: [u64; 6],
    hold_sum: [f64; 6],
    hold_n: [u64; 6],
    cost_sum: [f64; 6],
    value_sum: [f64; 6],
    value_n: [u64; 6],
}

impl Cell {
    fn add(&mut self, p: &ParcelFacts) {
        let Some(slot) = p.outcome.and_then(|o| KNOWN.iter().position(|k| *k == o)) else { return };
        self.counts[slot] += 1;
        if let Some(h) = p.hold_days.filter(|h| h.is_finite() && *h >= 0.0) {
            self.hold_sum[slot] += h;
            self.hold_n[slot] += 1;
        }
        self.cost_sum[slot] += p.extra_usd + p.duties_usd;
        if let Some(v) = p.value_usd {
            self.value_sum[slot] += v;
            self.value_n[slot] += 1;
        }
    }

    fn merge(&mut self, o: &Cell) {
        for i in 0..6 {
            self.counts[i] += o.counts[i];
            self.hold_sum[i] += o.hold_sum[i];
            self.hold_n[i] += o.hold_n[i];
            self.cost_sum[i] += o.cost_sum[i];
            self.value_sum[i] += o.value_sum[i];
            self.value_n[i] += o.value_n[i];
        }
    }

    fn known(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn detained(&self) -> u64 {
        self.counts[1..].iter().sum()
    }

    fn count(&self) -> GroupCount {
        GroupCount { k: self.detained(), n: self.known() }
    }
}

/// [destination, chapter, band, carrier, service]
type CellKey = [u32; 5];

/// The seller's history, aggregated for fast assessments.
pub struct RiskModel<'a> {
    cells: HashMap<CellKey, Cell>,
    facts: &'a Facts,
    de_minimis: &'a DeMinimisTable,
    fx: &'a FxTable,
}

fn band_id(b: ValueBand) -> u32 {
    ValueBand::ALL.iter().position(|x| *x == b).unwrap_or(2) as u32
}

/// Strength bounds for the shrinkage between levels, in parcels.
const MIN_STRENGTH: f64 = 2.0;
const MAX_STRENGTH: f64 = 200.0;

impl<'a> RiskModel<'a> {
    pub fn new(facts: &'a Facts, de_minimis: &'a DeMinimisTable, fx: &'a FxTable) -> RiskModel<'a> {
        let mut cells: HashMap<CellKey, Cell> = HashMap::new();
        for p in &facts.parcels {
            cells.entry([p.destination, p.chapter, band_id(p.band), p.carrier, p.service]).or_default().add(p);
        }
        RiskModel { cells, facts, de_minimis, fx }
    }

    fn id(&self, value: &str) -> u32 {
        self.facts.interner.lookup(value).unwrap_or(MISSING - 1)
    }

    /// Sums the cells matching `want` (MISSING = any) up to `depth` key slots.
    fn total(&self, want: &CellKey) -> Cell {
        let mut c = Cell::default();
        for (k, cell) in &self.cells {
            if k.iter().zip(want).all(|(have, w)| *w == MISSING || have == w) {
                c.merge(cell);
            }
        }
        c
    }

    /// Sibling groups of `want` at slot `slot` (same higher slots, any value at `slot`).
    fn siblings(&self, want: &CellKey, slot: usize) -> Vec<GroupCount> {
        let mut by: HashMap<u32, Cell> = HashMap::new();
        for (k, cell) in &self.cells {
            if k.iter().zip(want).take(slot).all(|(have, w)| *w == MISSING || have == w) {
                by.entry(k[slot]).or_default().merge(cell);
            }
        }
        by.values().map(Cell::count).collect()
    }

    /// Assesses one planned shipment.
    pub fn assess(&self, planned: &PlannedShipment) -> RiskEstimate {
        let country = crate::model::country::normalize_country(&planned.destination);
        let destination_text =
            country.map(|c| c.as_str().to_owned()).unwrap_or_else(|| planned.destination.trim().to_owned());
        let digits: String = planned.hs_code.chars().filter(char::is_ascii_digit).collect();
        let chapter = (digits.len() >= 2).then(|| digits[..2].to_owned());
        let value_usd = planned.declared_value.and_then(|v| self.fx.to_usd(v, planned.currency));
        let band = country.map_or(ValueBand::Unknown, |c| self.de_minimis.band(c, value_usd, self.fx));
        let carrier = planned.carrier.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let service = planned.service.as_deref().map(str::trim).filter(|s| !s.is_empty());

        let est = self.estimate(&destination_text, chapter.as_deref(), band, carrier, service);
        let alternatives = self.alternatives(&destination_text, chapter.as_deref(), band);
        let expected_value_lost = value_usd.map(|v| v * (est.mix[4] + est.mix[5]));
        RiskEstimate {
            planned: planned.clone(),
            destination_code: country.map(|c| c.as_str().to_owned()),
            hs_chapter: chapter,
            value_band: band,
            declared_value_usd: value_usd,
            outcomes: KNOWN
                .iter()
                .zip(&est.rates)
                .map(|(o, r)| OutcomeProbability { outcome: *o, probability: r.0, low: r.1, high: r.2 })
                .collect(),
            detention: OutcomeProbability {
                outcome: CustomsOutcome::ReleasedAfterDocuments,
                probability: 1.0 - est.rates[0].0,
                low: 1.0 - est.rates[0].2,
                high: 1.0 - est.rates[0].1,
            },
            expected_hold_days: est.expected_hold,
            expected_extra_cost_usd: est.expected_cost,
            expected_value_lost_usd: expected_value_lost,
            factors: est.factors,
            alternatives,
            evidence_parcels: est.evidence,
            no_history_for_destination: est.no_destination,
        }
    }

    fn alternatives(&self, destination: &str, chapter: Option<&str>, band: ValueBand) -> Vec<Alternative> {
        let dest = self.id(destination);
        let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
        for (k, cell) in &self.cells {
            if k[0] == dest {
                *pairs.entry((k[3], k[4])).or_default() += cell.known();
            }
        }
        let name = |id: u32| self.facts.interner.value(id).map(str::to_owned);
        let mut alts: Vec<Alternative> = pairs
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|((c, s), parcels)| {
                let (carrier, service) = (name(c), name(s));
                let e = self.estimate(destination, chapter, band, carrier.as_deref(), service.as_deref());
                Alternative {
                    carrier,
                    service,
                    parcels,
                    detention: 1.0 - e.rates[0].0,
                    detention_low: 1.0 - e.rates[0].2,
                    detention_high: 1.0 - e.rates[0].1,
                    expected_hold_days: e.expected_hold,
                    expected_cost_usd: e.expected_cost,
                }
            })
            .collect();
        alts.sort_by(|a, b| a.detention.total_cmp(&b.detention).then_with(|| a.carrier.cmp(&b.carrier)));
        alts
    }

    fn estimate(
        &self,
        destination: &str,
        chapter: Option<&str>,
        band: ValueBand,
        carrier: Option<&str>,
        service: Option<&str>,
    ) -> Estimate {
        let mut key: CellKey = [MISSING; 5];
        let all = self.total(&key);
        // The overall mix, lightly smoothed toward "mostly cleared" so an empty history works.
        let mut mix: [f64; 6] = [0.0; 6];
        let prior = [0.9, 0.04, 0.03, 0.015, 0.01, 0.005];
        for i in 0..6 {
            mix[i] = (all.counts[i] as f64 + 2.0 * prior[i]) / (all.known() as f64 + 2.0);
        }
        let mut factors = Vec::new();
        let mut last = all.clone();
        let mut last_strength = 2.0;
        let mut last_parent = prior.to_vec();
        let mut no_destination = false;
        let mut evidence = all.known();
        let levels: [(Level, Option<u32>, String); 4] = [
            (Level::Destination, Some(self.id(destination)), destination.to_owned()),
            (Level::HsChapter, chapter.map(|c| self.id(c)), chapter.unwrap_or_default().to_owned()),
            (Level::ValueBand, (band != ValueBand::Unknown).then(|| band_id(band)), band.as_str().to_owned()),
            (
                Level::Carrier,
                (carrier.is_some() || service.is_some()).then(|| carrier.map_or(MISSING, |c| self.id(c))),
                [carrier, service].into_iter().flatten().collect::<Vec<_>>().join(" · "),
            ),
        ];
        // Slots 0–3 of the key; the carrier level also sets the service (slot 4).
        for (slot, (level, id, value)) in levels.into_iter().enumerate() {
            let Some(id) = id else { continue };
            key[slot.min(3)] = id;
            if level == Level::Carrier {
                if let Some(s) = service {
                    key[4] = self.id(s);
                }
            }
            let cell = self.total(&key);
            if level == Level::Destination && cell.known() == 0 {
                no_destination = true;
            }
            let parent_detention = 1.0 - mix[0];
            let siblings = self.siblings(&key, slot);
            let fitted = BetaPrior::fit(&siblings, parent_detention);
            let strength = (fitted.alpha + fitted.beta).clamp(MIN_STRENGTH, MAX_STRENGTH);
            let n = cell.known() as f64;
            let parent_mix = mix;
            for i in 0..6 {
                mix[i] = (cell.counts[i] as f64 + strength * parent_mix[i]) / (n + strength);
            }
            factors.push(Factor {
                level,
                value,
                parcels: cell.known(),
                raw_rate: (cell.known() > 0).then(|| cell.detained() as f64 / n),
                detention: 1.0 - mix[0],
                parent_detention,
                ratio: if parent_detention > 0.0 { (1.0 - mix[0]) / parent_detention } else { 1.0 },
            });
            // The interval is the posterior at the most specific level asked about, data or
            // not: a combination never shipped keeps the level's prior width.
            if cell.known() > 0 {
                evidence = cell.known();
            }
            last = cell;
            last_strength = strength;
            last_parent = parent_mix.to_vec();
        }
        // Intervals from the most specific level with data, shrunk toward its parent.
        let rates = if factors.is_empty() {
            smooth_mix(&all.counts, &prior, 2.0)
        } else {
            smooth_mix(&last.counts, &last_parent, last_strength)
        };
        let rates: Vec<(f64, f64, f64)> =
            rates.iter().zip(mix).map(|(r, m)| (m, r.low.min(m), r.high.max(m))).collect();

        // Typical hold and cost per outcome: from the destination where it has them, else overall.
        let dest_cell = self.total(&[key[0], MISSING, MISSING, MISSING, MISSING]);
        let per_outcome = |sum: &[f64; 6], n: &[u64; 6], fallback_sum: &[f64; 6], fallback_n: &[u64; 6], i: usize| {
            if n[i] > 0 {
                Some(sum[i] / n[i] as f64)
            } else if fallback_n[i] > 0 {
                Some(fallback_sum[i] / fallback_n[i] as f64)
            } else {
                None
            }
        };
        let mut expected_hold = None;
        let mut expected_cost = None;
        // Detentions only (slot 0 is "cleared").
        for (i, p) in mix.iter().enumerate().skip(1) {
            if let Some(h) = per_outcome(&dest_cell.hold_sum, &dest_cell.hold_n, &all.hold_sum, &all.hold_n, i) {
                *expected_hold.get_or_insert(0.0) += p * h;
            }
            if let Some(c) = per_outcome(&dest_cell.cost_sum, &dest_cell.counts, &all.cost_sum, &all.counts, i) {
                *expected_cost.get_or_insert(0.0) += p * c;
            }
        }
        Estimate { mix, rates, expected_hold, expected_cost, factors, evidence, no_destination }
    }
}

struct Estimate {
    mix: [f64; 6],
    /// (point, low, high) per known outcome.
    rates: Vec<(f64, f64, f64)>,
    expected_hold: Option<f64>,
    expected_cost: Option<f64>,
    factors: Vec<Factor>,
    evidence: u64,
    no_destination: bool,
}
