//! Outcome rates per group, smoothed toward each destination's rate, with what the
//! problems cost; the destination × HS chapter heatmap and the per-destination mixes.

use super::de_minimis::ValueBand;
use super::parcels::{Facts, ParcelFacts};
use super::smoothing::{smooth, BetaPrior, GroupCount, SmoothedRate};
use super::vocab::{Checkpoint, CustomsOutcome};
use crate::analysis::stats::DayCounts;
use crate::model::dict::MISSING;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A field customs groups can be keyed by.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum CustomsGroupField {
    Destination,
    HsChapter,
    HsHeading,
    ValueBand,
    Carrier,
    Service,
    Checkpoint,
}

impl CustomsGroupField {
    pub const ALL: [CustomsGroupField; 7] = [
        CustomsGroupField::Destination,
        CustomsGroupField::HsChapter,
        CustomsGroupField::HsHeading,
        CustomsGroupField::ValueBand,
        CustomsGroupField::Carrier,
        CustomsGroupField::Service,
        CustomsGroupField::Checkpoint,
    ];

    fn slot(self) -> usize {
        self as usize
    }
}

/// Counts per outcome, in [`CustomsOutcome::ALL`] order.
pub type OutcomeCounts = [u64; 7];

fn outcome_slot(o: CustomsOutcome) -> usize {
    CustomsOutcome::ALL.iter().position(|x| *x == o).unwrap_or(0)
}

/// Running totals of one group.
#[derive(Debug, Clone, Default)]
pub struct Acc {
    pub shipments: u64,
    pub outcomes: OutcomeCounts,
    pub hold: DayCounts,
    pub extra_usd: f64,
    pub duties_usd: f64,
    /// Declared value of goods confiscated or abandoned (lost) and returned.
    pub lost_value_usd: f64,
    pub returned_value_usd: f64,
}

impl Acc {
    /// Adds a parcel, as seen at a checkpoint (`outcome` may be "cleared" at one side and a
    /// detention at the other).
    pub fn add(&mut self, p: &ParcelFacts, outcome: Option<CustomsOutcome>) {
        self.shipments += 1;
        let Some(o) = outcome else { return };
        self.outcomes[outcome_slot(o)] += 1;
        if o.is_detention() {
            if let Some(h) = p.hold_days.filter(|h| h.is_finite() && *h >= 0.0) {
                self.hold.add(h.round() as u32);
            }
            self.extra_usd += p.extra_usd;
            self.duties_usd += p.duties_usd;
            let value = p.value_usd.unwrap_or(0.0);
            match o {
                CustomsOutcome::Confiscated | CustomsOutcome::Abandoned => self.lost_value_usd += value,
                CustomsOutcome::Returned => self.returned_value_usd += value,
                _ => {}
            }
        }
    }

    /// Parcels not cleared on first presentation.
    pub fn detained(&self) -> u64 {
        CustomsOutcome::ALL.iter().zip(self.outcomes).filter(|(o, _)| o.is_detention()).map(|(_, c)| c).sum()
    }

    /// Parcels with a known, final outcome (pending excluded): the rate's denominator.
    pub fn known(&self) -> u64 {
        CustomsOutcome::ALL.iter().zip(self.outcomes).filter(|(o, _)| o.is_known()).map(|(_, c)| c).sum()
    }

    pub fn count(&self) -> GroupCount {
        GroupCount { k: self.detained(), n: self.known() }
    }

    pub fn merge(&mut self, other: &Acc) {
        self.shipments += other.shipments;
        for (a, b) in self.outcomes.iter_mut().zip(other.outcomes) {
            *a += b;
        }
        self.hold.merge(&other.hold);
        self.extra_usd += other.extra_usd;
        self.duties_usd += other.duties_usd;
        self.lost_value_usd += other.lost_value_usd;
        self.returned_value_usd += other.returned_value_usd;
    }
}

/// One group's customs figures, as shown and exported.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CustomsGroup {
    pub destination: Option<String>,
    /// The first two digits of the HS code, leading zero kept.
    pub hs_chapter: Option<String>,
    pub hs_heading: Option<String>,
    pub value_band: Option<ValueBand>,
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub checkpoint: Option<Checkpoint>,
    pub shipments: u64,
    pub cleared: u64,
    pub released_after_documents: u64,
    pub released_after_payment: u64,
    pub returned: u64,
    pub confiscated: u64,
    pub abandoned: u64,
    pub pending: u64,
    /// Parcels with no outcome yet (not reached customs, or not in the data).
    pub no_outcome: u64,
    /// Not cleared on first presentation ÷ known outcome (pending excluded).
    pub detention_rate: Option<f64>,
    /// Shrunk toward the destination's rate (empirical-Bayes beta-binomial).
    pub detention_rate_smoothed: Option<f64>,
    pub detention_rate_low: Option<f64>,
    pub detention_rate_high: Option<f64>,
    pub mean_hold_days: Option<f64>,
    pub p90_hold_days: Option<f64>,
    /// Extra costs (storage, return freight, penalties) in USD.
    pub extra_cost: f64,
    pub duties_usd: f64,
    /// Declared value of goods confiscated or abandoned, USD.
    pub lost_value_usd: f64,
    pub returned_value_usd: f64,
    /// Fewer than 30 parcels with a known outcome.
    pub small_sample: bool,
}

impl CustomsGroup {
    fn from_acc(acc: &Acc, rate: Option<&SmoothedRate>) -> CustomsGroup {
        let o = acc.outcomes;
        let known = acc.known();
        let with_outcome: u64 = o.iter().sum();
        CustomsGroup {
            shipments: acc.shipments,
            cleared: o[0],
            released_after_documents: o[1],
            released_after_payment: o[2],
            returned: o[3],
            confiscated: o[4],
            abandoned: o[5],
            pending: o[6],
            no_outcome: acc.shipments - with_outcome,
            detention_rate: (known > 0).then(|| acc.detained() as f64 / known as f64),
            detention_rate_smoothed: rate.map(|r| r.smoothed),
            detention_rate_low: rate.map(|r| r.low),
            detention_rate_high: rate.map(|r| r.high),
            mean_hold_days: acc.hold.mean(),
            p90_hold_days: acc.hold.quantile(0.9),
            extra_cost: acc.extra_usd,
            duties_usd: acc.duties_usd,
            lost_value_usd: acc.lost_value_usd,
            returned_value_usd: acc.returned_value_usd,
            small_sample: known < 30,
            ..CustomsGroup::default()
        }
    }
}

/// A group key: one interned id (or band / side index) per [`CustomsGroupField`].
type Key = [u32; 7];

fn band_id(b: ValueBand) -> u32 {
    ValueBand::ALL.iter().position(|x| *x == b).unwrap_or(2) as u32
}

fn side_id(c: Checkpoint) -> u32 {
    Checkpoint::ALL.iter().position(|x| *x == c).unwrap_or(1) as u32
}

/// The parcel as seen at each checkpoint it reached, with its outcome there.
///
/// Every parcel passes export customs, then (unless stopped there) import customs; a
/// detention counts at its own side, and the other side it passed counts as cleared. So
/// grouping by checkpoint gives each side's own rate.
pub fn at_checkpoints(p: &ParcelFacts) -> Vec<(Checkpoint, Option<CustomsOutcome>)> {
    let Some(outcome) = p.outcome else {
        return vec![(Checkpoint::Export, None), (Checkpoint::Import, None)];
    };
    match (outcome, p.side) {
        (o, Some(Checkpoint::Export)) if o.is_detention() || o == CustomsOutcome::Pending => {
            let stopped =
                matches!(o, CustomsOutcome::Returned | CustomsOutcome::Confiscated | CustomsOutcome::Abandoned)
                    || o == CustomsOutcome::Pending;
            let mut v = vec![(Checkpoint::Export, Some(o))];
            if !stopped {
                v.push((Checkpoint::Import, Some(CustomsOutcome::Cleared)));
            }
            v
        }
        (o, _) if o.is_detention() || o == CustomsOutcome::Pending => {
            vec![(Checkpoint::Export, Some(CustomsOutcome::Cleared)), (Checkpoint::Import, Some(o))]
        }
        (o, _) => vec![(Checkpoint::Export, Some(o)), (Checkpoint::Import, Some(o))],
    }
}

/// Groups the parcels by `fields` and smooths each group's detention rate toward its
/// destination's (or, not grouping by destination, toward the overall rate).
pub fn group(facts: &Facts, fields: &[CustomsGroupField]) -> Vec<CustomsGroup> {
    let has = |f: CustomsGroupField| fields.contains(&f);
    let mut accs: HashMap<Key, Acc> = HashMap::new();
    for p in &facts.parcels {
        let mut key = [MISSING; 7];
        let mut set = |f: CustomsGroupField, v: u32| {
            if has(f) {
                key[f.slot()] = v;
            }
        };
        set(CustomsGroupField::Destination, p.destination);
        set(CustomsGroupField::HsChapter, p.chapter);
        set(CustomsGroupField::HsHeading, p.heading);
        set(CustomsGroupField::ValueBand, band_id(p.band));
        set(CustomsGroupField::Carrier, p.carrier);
        set(CustomsGroupField::Service, p.service);
        if has(CustomsGroupField::Checkpoint) {
            for (side, outcome) in at_checkpoints(p) {
                let mut k = key;
                k[CustomsGroupField::Checkpoint.slot()] = side_id(side);
                accs.entry(k).or_default().add(p, outcome);
            }
        } else {
            accs.entry(key).or_default().add(p, p.outcome);
        }
    }
    smooth_groups(accs, facts)
}

/// Smooths each group toward its parent (same destination, or everything).
fn smooth_groups(accs: HashMap<Key, Acc>, facts: &Facts) -> Vec<CustomsGroup> {
    let dest = CustomsGroupField::Destination.slot();
    let mut parents: HashMap<u32, Acc> = HashMap::new();
    for (k, a) in &accs {
        parents.entry(k[dest]).or_default().merge(a);
    }
    let mut priors: HashMap<u32, BetaPrior> = HashMap::new();
    for (parent, total) in &parents {
        let c = total.count();
        let rate = if c.n > 0 { c.k as f64 / c.n as f64 } else { 0.0 };
        let siblings: Vec<GroupCount> =
            accs.iter().filter(|(k, _)| k[dest] == *parent).map(|(_, a)| a.count()).collect();
        priors.insert(*parent, BetaPrior::fit(&siblings, rate));
    }
    let name = |id: u32| facts.interner.value(id).map(str::to_owned);
    let mut groups: Vec<CustomsGroup> = accs
        .iter()
        .map(|(k, a)| {
            let rate = (a.known() > 0).then(|| smooth(a.count(), &priors[&k[dest]]));
            let mut g = CustomsGroup::from_acc(a, rate.as_ref());
            g.destination = name(k[dest]);
            g.hs_chapter = name(k[CustomsGroupField::HsChapter.slot()]);
            g.hs_heading = name(k[CustomsGroupField::HsHeading.slot()]);
            g.value_band = (k[CustomsGroupField::ValueBand.slot()] != MISSING)
                .then(|| ValueBand::ALL[k[CustomsGroupField::ValueBand.slot()] as usize]);
            g.carrier = name(k[CustomsGroupField::Carrier.slot()]);
            g.service = name(k[CustomsGroupField::Service.slot()]);
            g.checkpoint = (k[CustomsGroupField::Checkpoint.slot()] != MISSING)
                .then(|| Checkpoint::ALL[k[CustomsGroupField::Checkpoint.slot()] as usize]);
            g
        })
        .collect();
    groups.sort_by(|a, b| {
        b.shipments
            .cmp(&a.shipments)
            .then_with(|| a.destination.cmp(&b.destination))
            .then_with(|| a.hs_chapter.cmp(&b.hs_chapter))
            .then_with(|| a.carrier.cmp(&b.carrier))
            .then_with(|| a.service.cmp(&b.service))
    });
    groups
}

/// Outcome counts per destination, for the outcome-mix chart.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OutcomeMix {
    pub destination: Option<String>,
    /// In [`CustomsOutcome::ALL`] order.
    pub counts: OutcomeCounts,
    pub shipments: u64,
}

pub fn outcome_mix(facts: &Facts) -> Vec<OutcomeMix> {
    let mut by: BTreeMap<Option<String>, Acc> = BTreeMap::new();
    for p in &facts.parcels {
        by.entry(facts.interner.value(p.destination).map(str::to_owned)).or_default().add(p, p.outcome);
    }
    let mut mix: Vec<OutcomeMix> = by
        .into_iter()
        .map(|(destination, a)| OutcomeMix { destination, counts: a.outcomes, shipments: a.shipments })
        .collect();
    mix.sort_by_key(|m| std::cmp::Reverse(m.shipments));
    mix
}

/// Hold-time distribution at one checkpoint.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HoldTimes {
    pub checkpoint: Checkpoint,
    pub holds: u64,
    pub p50_days: Option<f64>,
    pub p90_days: Option<f64>,
    pub max_days: Option<u32>,
    pub mean_days: Option<f64>,
    /// Counts per whole day, index = days.
    pub histogram: Vec<u64>,
}

pub fn hold_times(facts: &Facts) -> Vec<HoldTimes> {
    Checkpoint::ALL
        .into_iter()
        .map(|side| {
            let mut d = DayCounts::default();
            for p in facts.parcels.iter().filter(|p| p.side == Some(side)) {
                if let Some(h) = p.hold_days.filter(|h| h.is_finite() && *h >= 0.0) {
                    d.add(h.round() as u32);
                }
            }
            HoldTimes {
                checkpoint: side,
                holds: d.len(),
                p50_days: d.quantile(0.5),
                p90_days: d.quantile(0.9),
                max_days: d.max(),
                mean_days: d.mean(),
                histogram: d.counts().to_vec(),
            }
        })
        .collect()
}

/// What each outcome cost, over all parcels.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OutcomeCost {
    pub outcome: CustomsOutcome,
    pub parcels: u64,
    pub hold_days: f64,
    pub extra_cost_usd: f64,
    pub duties_usd: f64,
    pub value_usd: f64,
}

pub fn costs_by_outcome(facts: &Facts) -> Vec<OutcomeCost> {
    CustomsOutcome::ALL
        .into_iter()
        .filter(|o| *o != CustomsOutcome::Cleared)
        .map(|outcome| {
            let mut c = OutcomeCost {
                outcome,
                parcels: 0,
                hold_days: 0.0,
                extra_cost_usd: 0.0,
                duties_usd: 0.0,
                value_usd: 0.0,
            };
            for p in facts.parcels.iter().filter(|p| p.outcome == Some(outcome)) {
                c.parcels += 1;
                c.hold_days += p.hold_days.filter(|h| h.is_finite()).unwrap_or(0.0);
                c.extra_cost_usd += p.extra_usd;
                c.duties_usd += p.duties_usd;
                c.value_usd += p.value_usd.unwrap_or(0.0);
            }
            c
        })
        .collect()
}
