//! Transit legs from tracking events: first mile, line haul, customs and last mile, per
//! destination, and which leg makes the long tail.

use super::timeline::Timeline;
use crate::analysis::stats::DayCounts;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A stretch of a parcel's journey.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Leg {
    /// Handed over → left the origin.
    FirstMile,
    /// Left the origin → arrived in the destination country.
    LineHaul,
    /// Arrived → released by import customs.
    Customs,
    /// Released → delivered.
    LastMile,
}

impl Leg {
    pub const ALL: [Leg; 4] = [Leg::FirstMile, Leg::LineHaul, Leg::Customs, Leg::LastMile];
}

/// Whole days of each leg of a delivered parcel whose events show its arrival, or `None`
/// when the events are too sparse to split the journey.
pub fn leg_days(t: &Timeline) -> Option<[u32; 4]> {
    let start = t.picked_up.or(t.first_event)?;
    let delivered = t.delivered?;
    let arrived = t.arrived_destination.or(t.import_customs_in)?;
    let departed = t.departed_origin.unwrap_or(start).clamp(start, arrived);
    let released = t.import_released.or(t.out_for_delivery).unwrap_or(arrived).clamp(arrived, delivered);
    let days = |a: crate::model::Date, b: crate::model::Date| b.days_since(a).max(0) as u32;
    Some([days(start, departed), days(departed, arrived), days(arrived, released), days(released, delivered)])
}

/// One leg's figures on a route.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LegStats {
    pub leg: Leg,
    pub p50_days: Option<f64>,
    pub p90_days: Option<f64>,
    pub mean_days: Option<f64>,
    /// Among the route's slowest tenth of parcels, the mean days this leg took beyond its
    /// own median: how much of the long tail it causes.
    pub tail_excess_days: Option<f64>,
}

/// The legs of one destination.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LegRoute {
    pub destination: Option<String>,
    pub parcels: u64,
    pub total_p50_days: Option<f64>,
    pub total_p90_days: Option<f64>,
    pub legs: Vec<LegStats>,
    /// The leg that adds most to the slowest tenth of parcels.
    pub tail_leg: Option<Leg>,
}

/// Legs per destination (largest first), plus all parcels together (destination `None`)
/// first. `destination_of` gives a tracking number's destination (from the shipments).
pub fn legs_by_destination<'a>(
    timelines: &HashMap<&'a str, Timeline>,
    destination_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<LegRoute> {
    let mut by: BTreeMap<Option<String>, Vec<[u32; 4]>> = BTreeMap::new();
    let mut all = Vec::new();
    for (tracking, t) in timelines {
        if let Some(days) = leg_days(t) {
            by.entry(destination_of(tracking)).or_default().push(days);
            all.push(days);
        }
    }
    let mut routes: Vec<LegRoute> = by.into_iter().map(|(d, v)| route(d, &v)).collect();
    routes.sort_by_key(|r| std::cmp::Reverse(r.parcels));
    if !all.is_empty() {
        routes.insert(0, route(None, &all));
    }
    routes
}

fn route(destination: Option<String>, parcels: &[[u32; 4]]) -> LegRoute {
    let mut totals = DayCounts::default();
    let mut per_leg: [DayCounts; 4] = Default::default();
    for p in parcels {
        totals.add(p.iter().sum());
        for (acc, d) in per_leg.iter_mut().zip(p) {
            acc.add(*d);
        }
    }
    let p90 = totals.quantile(0.9);
    let medians: Vec<f64> = per_leg.iter().map(|d| d.quantile(0.5).unwrap_or(0.0)).collect();
    let tail: Vec<&[u32; 4]> =
        parcels.iter().filter(|p| p90.is_some_and(|q| p.iter().sum::<u32>() as f64 >= q)).collect();
    let excess: Vec<Option<f64>> = (0..4)
        .map(|leg| {
            (!tail.is_empty())
                .then(|| tail.iter().map(|p| p[leg] as f64 - medians[leg]).sum::<f64>() / tail.len() as f64)
        })
        .collect();
    let tail_leg = excess
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.map(|e| (i, e)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, e)| *e > 0.0)
        .map(|(i, _)| Leg::ALL[i]);
    LegRoute {
        destination,
        parcels: parcels.len() as u64,
        total_p50_days: totals.quantile(0.5),
        total_p90_days: p90,
        legs: Leg::ALL
            .iter()
            .zip(&per_leg)
            .zip(excess)
            .map(|((leg, d), tail_excess_days)| LegStats {
                leg: *leg,
                p50_days: d.quantile(0.5),
                p90_days: d.quantile(0.9),
                mean_days: d.mean(),
                tail_excess_days,
            })
            .collect(),
        tail_leg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn d(day: u32) -> Option<Date> {
        Date::from_ymd(2024, 3, day)
    }

    #[test]
    fn splits_a_journey_into_four_legs() {
        let t = Timeline {
            picked_up: d(1),
            departed_origin: d(3),
            arrived_destination: d(15),
            import_customs_in: d(15),
            import_released: d(22),
            delivered: d(25),
            ..Timeline::default()
        };
        assert_eq!(leg_days(&t), Some([2, 12, 7, 3]));
        let sparse = Timeline { picked_up: d(1), delivered: d(20), ..Timeline::default() };
        assert_eq!(leg_days(&sparse), None);
    }

    #[test]
    fn names_the_leg_that_makes_the_tail() {
        // 18 parcels with a quick customs leg, 2 held at customs for weeks.
        let mut parcels = vec![[2, 12, 2, 3]; 18];
        parcels.push([2, 13, 25, 3]);
        parcels.push([3, 12, 30, 4]);
        let r = route(Some("BR".into()), &parcels);
        assert_eq!(r.tail_leg, Some(Leg::Customs));
        assert_eq!(r.parcels, 20);
        assert_eq!(r.legs[2].p50_days, Some(2.0));
    }
}
