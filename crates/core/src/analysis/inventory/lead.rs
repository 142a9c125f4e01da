//! Replenishment lead times: the transit days the seller's own parcels took per route,
//! plus the days around the trip (production, check-in), or the user's own range when no
//! shipments were loaded.

use super::shipby::{LeadTime, LegDays, RouteOption, DEFAULT_CONVOLUTION_RUNS, DEFAULT_SEED};
use crate::model::Shipments;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A route's destination and its parcels' transit days.
type RouteDays = (Option<String>, Vec<u32>);

/// A route needs this many delivered parcels before its distribution is trusted for planning.
pub const MIN_ROUTE_PARCELS: usize = 20;

/// Routes offered in the ship-by plan, busiest first.
pub const MAX_ROUTES: usize = 8;

/// Where the lead times come from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LeadSource {
    /// Delivered parcels of the loaded shipments.
    Shipments,
    /// The user's range (no shipments with transit times were loaded).
    UserRange,
}

/// A planning route with the figures behind its distribution.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PlanningRoute {
    pub option: RouteOption,
    /// Delivered parcels the transit days come from (0 for the user's range).
    pub parcels: usize,
    /// The destination as the shipments write it.
    pub destination: Option<String>,
}

/// The routes of the loaded shipments with enough delivered parcels, busiest first (at most
/// [`MAX_ROUTES`]); each lead time is transit days plus `fixed_days` (production, check-in).
/// Transit days are measured handover to delivery, so the destination's customs hold is
/// already inside them.
pub fn routes_from_shipments(shipments: &[&Shipments], fixed_days: u32) -> Vec<PlanningRoute> {
    let mut by_route: BTreeMap<String, RouteDays> = BTreeMap::new();
    for s in shipments {
        for i in 0..s.len() {
            let Some(days) = s.transit_days[i] else { continue };
            let entry = by_route
                .entry(route_name(s, i))
                .or_insert_with(|| (s.destination.get(i).map(str::to_owned), Vec::new()));
            entry.1.push(days);
        }
    }
    let mut routes: Vec<(String, RouteDays)> =
        by_route.into_iter().filter(|(_, (_, days))| days.len() >= MIN_ROUTE_PARCELS).collect();
    routes.sort_by(|a, b| b.1 .1.len().cmp(&a.1 .1.len()).then_with(|| a.0.cmp(&b.0)));
    routes.truncate(MAX_ROUTES);
    routes
        .into_iter()
        .filter_map(|(route, (destination, days))| {
            let parcels = days.len();
            let lead = LeadTime::combine(
                &[LegDays::Samples(days), LegDays::Fixed(fixed_days)],
                DEFAULT_CONVOLUTION_RUNS,
                DEFAULT_SEED,
            )?;
            Some(PlanningRoute { option: RouteOption { route, lead, cost_per_unit: None }, parcels, destination })
        })
        .collect()
}

/// The user's lead time when there are no shipments: every whole day from `min_days` to
/// `max_days` equally likely (e.g. the 25–35 days a forwarder quotes), plus `fixed_days`.
pub fn user_route(min_days: u32, max_days: u32, fixed_days: u32) -> PlanningRoute {
    let (lo, hi) = (min_days.min(max_days), min_days.max(max_days));
    let lead = LeadTime::from_samples((lo..=hi).map(|d| d + fixed_days).collect()).unwrap_or(LeadTime::fixed(lo));
    PlanningRoute {
        option: RouteOption { route: format!("{lo}–{hi} d"), lead, cost_per_unit: None },
        parcels: 0,
        destination: None,
    }
}

/// "CN→US · Yanwen · Economy": the parts the file gives.
fn route_name(s: &Shipments, i: usize) -> String {
    let lane = match (s.origin.get(i), s.destination.get(i)) {
        (Some(o), Some(d)) => format!("{o}→{d}"),
        (None, Some(d)) => format!("→{d}"),
        (Some(o), None) => format!("{o}→"),
        (None, None) => String::new(),
    };
    let parts: Vec<&str> = [Some(lane.as_str()).filter(|l| !l.is_empty()), s.carrier.get(i), s.service.get(i)]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipments(rows: &[(&str, &str, Option<u32>)]) -> Shipments {
        let mut s = Shipments::default();
        for (dest, carrier, days) in rows {
            s.rows.push(s.rows.len() as u64);
            s.transit_days.push(*days);
            s.origin.push(Some("CN"));
            s.destination.push(Some(dest));
            s.carrier.push(Some(carrier));
            s.service.push(None);
        }
        s
    }

    #[test]
    fn routes_need_enough_delivered_parcels_and_add_the_fixed_days() {
        let mut rows: Vec<(&str, &str, Option<u32>)> = (0..30).map(|i| ("US", "Yanwen", Some(10 + i % 5))).collect();
        rows.extend((0..5).map(|_| ("BR", "Cainiao", Some(30))));
        rows.extend((0..40).map(|_| ("US", "4PX", None)));
        let routes = routes_from_shipments(&[&shipments(&rows)], 3);
        assert_eq!(routes.len(), 1);
        assert_eq!(routes[0].option.route, "CN→US · Yanwen");
        assert_eq!(routes[0].parcels, 30);
        assert_eq!(routes[0].option.lead.samples().first(), Some(&13));
        assert_eq!(routes[0].option.lead.samples().last(), Some(&17));
    }

    #[test]
    fn the_user_range_is_uniform() {
        let r = user_route(35, 25, 2);
        assert_eq!(r.option.lead.samples().len(), 11);
        assert_eq!(r.option.lead.quantile_days(0.5), Some(32));
        assert_eq!(r.option.route, "25–35 d");
    }
}
