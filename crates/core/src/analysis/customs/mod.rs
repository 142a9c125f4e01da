//! Customs: where parcels get stuck, what it costs, and the risk of the next shipment.
//!
//! [`vocab`] reads outcomes, checkpoints, documents and tracking events in five languages;
//! [`timeline`] turns events into milestones and holds; [`parcels`] settles each parcel's
//! customs facts; [`groups`] turns them into smoothed rates (with [`smoothing`]) and costs;
//! [`legs`] splits transit time; [`risk`] assesses planned shipments.

pub mod de_minimis;
pub mod groups;
pub mod legs;
pub mod parcels;
pub mod risk;
pub mod smoothing;
pub mod timeline;
pub mod vocab;

use crate::model::{Events, FxTable, Shipments};
use de_minimis::DeMinimisTable;
use groups::{CustomsGroup, CustomsGroupField, HoldTimes, OutcomeCost, OutcomeMix};
use legs::LegRoute;
use parcels::UnclassifiedOutcome;
use risk::{PlannedShipment, RiskEstimate, RiskModel};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use timeline::Unmatched;
use vocab::{CustomsOutcome, DocumentKind};

/// What the user chose on the customs page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CustomsSettings {
    pub group_by: Vec<CustomsGroupField>,
    /// Outcome values the user assigned by hand (value as written → outcome).
    pub outcome_overrides: Vec<(String, CustomsOutcome)>,
    /// De-minimis thresholds, editable because the rules change often.
    pub de_minimis: DeMinimisTable,
}

impl Default for CustomsSettings {
    fn default() -> CustomsSettings {
        CustomsSettings {
            group_by: vec![CustomsGroupField::Destination, CustomsGroupField::HsChapter],
            outcome_overrides: Vec::new(),
            de_minimis: DeMinimisTable::built_in(),
        }
    }
}

/// How often customs asked for a document at a destination.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DocumentCount {
    pub destination: Option<String>,
    pub document: DocumentKind,
    pub count: u64,
}

/// Totals over all parcels.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CustomsSummary {
    pub parcels: u64,
    pub with_outcome: u64,
    pub detained: u64,
    pub detention_rate: Option<f64>,
    pub hold_days_total: f64,
    pub extra_cost_usd: f64,
    pub duties_usd: f64,
    pub lost_value_usd: f64,
    pub returned_value_usd: f64,
    /// Where outcomes came from: a column of the shipments, tracking events, or both.
    pub outcomes_from_column: u64,
    pub outcomes_from_events: u64,
}

/// Everything the customs page shows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CustomsReport {
    pub group_by: Vec<CustomsGroupField>,
    pub summary: CustomsSummary,
    pub groups: Vec<CustomsGroup>,
    /// Destination × HS chapter groups (whatever the grouping), for the heatmap.
    pub heatmap: Vec<CustomsGroup>,
    pub outcome_mix: Vec<OutcomeMix>,
    pub hold_times: Vec<HoldTimes>,
    pub costs_by_outcome: Vec<OutcomeCost>,
    /// Groups with the highest smoothed detention rate (at least 5 known outcomes).
    pub riskiest: Vec<CustomsGroup>,
    /// Groups whose problems cost most (extra costs, duties and goods lost).
    pub costliest: Vec<CustomsGroup>,
    pub documents: Vec<DocumentCount>,
    pub unclassified_outcomes: Vec<UnclassifiedOutcome>,
    pub unmatched_events: Vec<Unmatched>,
    pub legs: Vec<LegRoute>,
    /// Assessments of planned shipments uploaded as a list.
    pub planned: Vec<RiskEstimate>,
    pub de_minimis: DeMinimisTable,
    /// Carriers and services seen per destination, for the risk calculator's choices.
    pub carriers: Vec<(Option<String>, Option<String>, Option<String>)>,
}

/// How many rows the ranked lists keep.
pub const RANKED: usize = 25;

/// Analyses customs from the shipments' outcome columns and the tracking events.
///
/// ```
/// use borderlens_core::analysis::customs::{analyse, CustomsSettings};
/// use borderlens_core::model::FxTable;
/// let report = analyse(&[], &[], &[], &CustomsSettings::default(), &FxTable::built_in());
/// assert_eq!(report.summary.parcels, 0);
/// ```
pub fn analyse(
    shipments: &[&Shipments],
    events: &[&Events],
    planned: &[PlannedShipment],
    settings: &CustomsSettings,
    fx: &FxTable,
) -> CustomsReport {
    // Route of each tracking number, so customs events can be placed on a side.
    let mut routes: HashMap<&str, (Option<&str>, Option<&str>)> = HashMap::new();
    for s in shipments {
        for i in 0..s.len() {
            let t = s.tracking.get(i);
            if !t.is_empty() {
                routes.insert(t, (s.origin.get(i), s.destination.get(i)));
            }
        }
    }
    let route_of = |t: &str| routes.get(t).copied().unwrap_or((None, None));
    let (timelines, unmatched_events) = timeline::timelines(events, &route_of);
    let facts = parcels::gather(shipments, &timelines, &settings.outcome_overrides, &settings.de_minimis, fx);

    let mut summary = CustomsSummary { parcels: facts.parcels.len() as u64, ..CustomsSummary::default() };
    let mut total = groups::Acc::default();
    for p in &facts.parcels {
        total.add(p, p.outcome);
        if p.outcome.is_some() {
            summary.with_outcome += 1;
            summary.hold_days_total += p.hold_days.filter(|h| h.is_finite() && p.is_detained()).unwrap_or(0.0);
        }
    }
    for (s, d) in shipments.iter().zip(0u32..) {
        let from_column = facts.parcels.iter().filter(|p| p.dataset == d && s.outcome.get(p.index as usize).is_some());
        summary.outcomes_from_column += from_column.count() as u64;
    }
    summary.outcomes_from_events = summary.with_outcome - summary.outcomes_from_column.min(summary.with_outcome);
    summary.detained = total.detained();
    summary.detention_rate = (total.known() > 0).then(|| total.detained() as f64 / total.known() as f64);
    summary.extra_cost_usd = total.extra_usd;
    summary.duties_usd = total.duties_usd;
    summary.lost_value_usd = total.lost_value_usd;
    summary.returned_value_usd = total.returned_value_usd;

    let mut group_by = settings.group_by.clone();
    group_by.sort();
    group_by.dedup();
    let groups = groups::group(&facts, &group_by);
    let heatmap = groups::group(&facts, &[CustomsGroupField::Destination, CustomsGroupField::HsChapter]);
    let mut riskiest: Vec<CustomsGroup> = groups
        .iter()
        .filter(|g| g.detention_rate_smoothed.is_some() && g.shipments - g.no_outcome - g.pending >= 5)
        .cloned()
        .collect();
    riskiest
        .sort_by(|a, b| b.detention_rate_smoothed.unwrap_or(0.0).total_cmp(&a.detention_rate_smoothed.unwrap_or(0.0)));
    riskiest.truncate(RANKED);
    let cost = |g: &CustomsGroup| g.extra_cost + g.duties_usd + g.lost_value_usd;
    let mut costliest: Vec<CustomsGroup> = groups.iter().filter(|g| cost(g) > 0.0).cloned().collect();
    costliest.sort_by(|a, b| cost(b).total_cmp(&cost(a)));
    costliest.truncate(RANKED);

    let mut documents: BTreeMap<(Option<String>, DocumentKind), u64> = BTreeMap::new();
    for p in &facts.parcels {
        for d in p.documents() {
            *documents.entry((facts.interner.value(p.destination).map(str::to_owned), d)).or_default() += 1;
        }
    }
    let mut documents: Vec<DocumentCount> = documents
        .into_iter()
        .map(|((destination, document), count)| DocumentCount { destination, document, count })
        .collect();
    documents.sort_by_key(|d| std::cmp::Reverse(d.count));

    let destination_of = |t: &str| routes.get(t).and_then(|r| r.1).map(str::to_owned);
    let legs = legs::legs_by_destination(&timelines, &destination_of);

    let model = RiskModel::new(&facts, &settings.de_minimis, fx);
    let planned = planned.iter().map(|p| model.assess(p)).collect();

    let mut carriers: Vec<(Option<String>, Option<String>, Option<String>)> = facts
        .parcels
        .iter()
        .map(|p| (p.destination, p.carrier, p.service))
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .map(|(d, c, s)| {
            let name = |id| facts.interner.value(id).map(str::to_owned);
            (name(d), name(c), name(s))
        })
        .collect();
    carriers.sort();

    CustomsReport {
        group_by,
        summary,
        groups,
        heatmap,
        outcome_mix: groups::outcome_mix(&facts),
        hold_times: groups::hold_times(&facts),
        costs_by_outcome: groups::costs_by_outcome(&facts),
        riskiest,
        costliest,
        documents,
        unclassified_outcomes: facts.unclassified.clone(),
        unmatched_events,
        legs,
        planned,
        de_minimis: settings.de_minimis.clone(),
        carriers,
    }
}

/// Assesses planned shipments against the history (the risk calculator).
pub fn assess(
    shipments: &[&Shipments],
    events: &[&Events],
    planned: &[PlannedShipment],
    settings: &CustomsSettings,
    fx: &FxTable,
) -> Vec<RiskEstimate> {
    let mut routes: HashMap<&str, (Option<&str>, Option<&str>)> = HashMap::new();
    for s in shipments {
        for i in 0..s.len() {
            routes.insert(s.tracking.get(i), (s.origin.get(i), s.destination.get(i)));
        }
    }
    let route_of = |t: &str| routes.get(t).copied().unwrap_or((None, None));
    let (timelines, _) = timeline::timelines(events, &route_of);
    let facts = parcels::gather(shipments, &timelines, &settings.outcome_overrides, &settings.de_minimis, fx);
    let model = RiskModel::new(&facts, &settings.de_minimis, fx);
    planned.iter().map(|p| model.assess(p)).collect()
}

#[cfg(test)]
mod tests;
