//! Logistics: how long routes really take, how much they swing, which carrier keeps its
//! promise, and which parcels are stuck.

pub mod accumulate;
pub mod keys;

pub use accumulate::{GroupStats, MonthStats, SMALL_SAMPLE};
pub use keys::GroupField;

use crate::analysis::stats::{DayCounts, Rate};
use crate::model::dict::{Dict, MISSING};
use crate::model::{Date, FxTable, Shipments};
use accumulate::{GroupAcc, MonthAcc};
use keys::{Interner, Key, KeyMaker};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// An inclusive range of ship dates; open ends mean "from the start" / "to the end".
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    pub fn contains(&self, d: Option<Date>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        match d {
            None => false,
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }

    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// What the user chose on the logistics page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LogisticsSettings {
    pub group_by: Vec<GroupField>,
    /// Only parcels shipped in this range count.
    pub ship_dates: DateRange,
    /// Two periods to compare side by side.
    pub compare: Option<(DateRange, DateRange)>,
    /// "As of" date for stuck parcels; default: the latest date in the data not after `today`.
    pub reference_date: Option<Date>,
    /// The user's today (the core never reads a clock).
    pub today: Option<Date>,
    pub fx: FxTable,
}

impl Default for LogisticsSettings {
    fn default() -> LogisticsSettings {
        LogisticsSettings {
            group_by: GroupField::ALL.to_vec(),
            ship_dates: DateRange::default(),
            compare: None,
            reference_date: None,
            today: None,
            fx: FxTable::built_in(),
        }
    }
}

/// One carrier's line in a destination's scorecard.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CarrierScore {
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub shipments: u64,
    pub delivered: u64,
    pub p50_days: Option<f64>,
    pub p90_days: Option<f64>,
    pub on_time: Option<Rate>,
    pub small_sample: bool,
    /// 1 = fastest P90 to this destination.
    pub rank: u32,
}

/// Carriers to one destination, ranked by P90 transit (then on-time rate).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Scorecard {
    pub destination: Option<String>,
    pub carriers: Vec<CarrierScore>,
}

/// An undelivered parcel older than its group's P95.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StuckParcel {
    pub dataset: u32,
    pub row: u64,
    pub tracking: String,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub shipped_on: Date,
    pub age_days: u32,
    pub group_p95_days: f64,
}

/// How many stuck parcels are listed individually (all are counted).
pub const MAX_STUCK_LISTED: usize = 2000;

/// One group's figures in two periods.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupComparison {
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub a: GroupStats,
    pub b: GroupStats,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Comparison {
    pub a: DateRange,
    pub b: DateRange,
    pub overall: GroupComparison,
    pub groups: Vec<GroupComparison>,
}

/// A group's monthly trend.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupTrend {
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub carrier: Option<String>,
    pub service: Option<String>,
    pub months: Vec<MonthStats>,
}

/// Everything the logistics page shows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LogisticsReport {
    pub reference_date: Option<Date>,
    pub reference_date_is_default: bool,
    pub group_by: Vec<GroupField>,
    pub ship_dates: DateRange,
    /// Parcels outside the ship-date filter.
    pub filtered_out: u64,
    pub overall: GroupStats,
    /// Sorted by shipments, largest first.
    pub groups: Vec<GroupStats>,
    /// Transit-days counts (index = days) overall and per group (same order as `groups`).
    pub histogram: Vec<u64>,
    pub group_histograms: Vec<Vec<u64>>,
    pub trend: Vec<MonthStats>,
    /// Monthly trend of the largest groups.
    pub group_trends: Vec<GroupTrend>,
    pub scorecards: Vec<Scorecard>,
    pub stuck_total: u64,
    pub stuck: Vec<StuckParcel>,
    pub comparison: Option<Comparison>,
}

/// How many of the largest groups get their own trend line.
pub const TREND_GROUPS: usize = 8;

/// Analyses the shipments of one or more datasets together.
///
/// ```
/// use borderlens_core::analysis::logistics::{analyse, LogisticsSettings};
/// let report = analyse(&[], &LogisticsSettings::default());
/// assert_eq!(report.overall.shipments, 0);
/// ```
pub fn analyse(datasets: &[&Shipments], settings: &LogisticsSettings) -> LogisticsReport {
    let group_by: Vec<GroupField> = {
        let mut g = settings.group_by.clone();
        g.sort();
        g.dedup();
        g
    };
    let reference_default = default_reference_date(datasets, settings.today);
    let reference_date = settings.reference_date.or(reference_default);

    let mut interner = Interner::default();
    let makers: Vec<KeyMaker> = datasets.iter().map(|s| KeyMaker::new(s, &group_by, &mut interner)).collect();

    // One pass over the rows: each row's group (kept for the trends) and the group totals.
    let mut index: FxHashMap<Key, u32> = FxHashMap::default();
    let mut accs: Vec<(Key, GroupAcc)> = Vec::new();
    let mut group_of: Vec<Vec<u32>> = Vec::with_capacity(datasets.len());
    let mut filtered_out = 0;
    for (d, s) in datasets.iter().enumerate() {
        let mut flat = FlatGroups::new(s, &group_by);
        let mut rows_group = Vec::with_capacity(s.len());
        for i in 0..s.len() {
            if !settings.ship_dates.contains(s.shipped_on[i]) {
                filtered_out += 1;
                rows_group.push(NO_GROUP);
                continue;
            }
            let known = flat.get(i);
            let g = known.unwrap_or_else(|| {
                let key = makers[d].key(s, i);
                let g = *index.entry(key).or_insert_with(|| {
                    accs.push((key, GroupAcc::default()));
                    (accs.len() - 1) as u32
                });
                flat.set(i, g);
                g
            });
            accs[g as usize].1.add(s, d as u32, i, &settings.fx);
            rows_group.push(g);
        }
        group_of.push(rows_group);
    }

    let mut overall_acc = GroupAcc::default();
    for (_, acc) in &accs {
        overall_acc.merge(acc);
    }
    // Largest first, then by label; each label is built once, not per comparison.
    let mut order: Vec<usize> = (0..accs.len()).collect();
    order.sort_by_cached_key(|&g| (Reverse(accs[g].1.shipments), label(&interner, &accs[g].0), accs[g].0));
    let mut rank = vec![0; accs.len()];
    for (r, &g) in order.iter().enumerate() {
        rank[g] = r;
    }
    let mut slots: Vec<Option<(Key, GroupAcc)>> = accs.into_iter().map(Some).collect();
    let ordered: Vec<(Key, GroupAcc)> = order.iter().filter_map(|&g| slots[g].take()).collect();

    let (stuck_total, stuck, stuck_per_group) = find_stuck(datasets, &ordered, &interner, reference_date);
    let mut overall = GroupStats::from_acc(&overall_acc);
    overall.stuck = stuck_total;

    let group_stats: Vec<GroupStats> = ordered
        .iter()
        .zip(&stuck_per_group)
        .map(|((key, acc), &stuck)| {
            let mut g = GroupStats::from_acc(acc);
            fill_labels(&mut g, key, &interner);
            g.stuck = stuck;
            g
        })
        .collect();
    let group_histograms = ordered.iter().map(|(_, acc)| acc.transit.counts().to_vec()).collect();

    let top: Vec<Key> = ordered.iter().take(TREND_GROUPS).map(|(k, _)| *k).collect();
    let top_of_group: Vec<Option<usize>> = rank.iter().map(|&r| (r < TREND_GROUPS).then_some(r)).collect();
    let (trend, group_trends) = monthly_trends(datasets, &group_of, &top_of_group, settings, &top, &interner);

    let comparison = settings.compare.map(|(a, b)| compare(datasets, &makers, settings, a, b, &interner));
    let scorecards = scorecards(datasets, settings, &group_by, &ordered, &interner);

    LogisticsReport {
        reference_date,
        reference_date_is_default: settings.reference_date.is_none(),
        group_by,
        ship_dates: settings.ship_dates,
        filtered_out,
        histogram: overall_acc.transit.counts().to_vec(),
        overall,
        groups: group_stats,
        group_histograms,
        trend,
        group_trends,
        scorecards,
        stuck_total,
        stuck,
        comparison,
    }
}

fn label(interner: &Interner, key: &Key) -> Vec<String> {
    key.iter().map(|&id| interner.value(id).unwrap_or("").to_owned()).collect()
}

fn fill_labels(g: &mut GroupStats, key: &Key, interner: &Interner) {
    g.origin = interner.value(key[GroupField::Origin.slot()]).map(str::to_owned);
    g.destination = interner.value(key[GroupField::Destination.slot()]).map(str::to_owned);
    g.carrier = interner.value(key[GroupField::Carrier.slot()]).map(str::to_owned);
    g.service = interner.value(key[GroupField::Service.slot()]).map(str::to_owned);
}

/// The latest ship or delivered date that is not after `today`.
pub fn default_reference_date(datasets: &[&Shipments], today: Option<Date>) -> Option<Date> {
    datasets
        .iter()
        .flat_map(|s| s.shipped_on.iter().chain(&s.delivered_on))
        .flatten()
        .filter(|d| today.is_none_or(|t| **d <= t))
        .max()
        .copied()
}

type StuckFound = (u64, Vec<StuckParcel>, Vec<u64>);

fn find_stuck(
    datasets: &[&Shipments],
    ordered: &[(Key, GroupAcc)],
    interner: &Interner,
    reference: Option<Date>,
) -> StuckFound {
    let mut total = 0;
    let mut listed = Vec::new();
    let mut per_group = vec![0; ordered.len()];
    let Some(reference) = reference else {
        return (0, listed, per_group);
    };
    for (gi, (key, acc)) in ordered.iter().enumerate() {
        let Some(p95) = acc.transit.quantile(0.95) else { continue };
        for &(d, i) in &acc.open {
            let s = datasets[d as usize];
            let i = i as usize;
            let Some(shipped) = s.shipped_on[i] else { continue };
            let age = reference.days_since(shipped);
            if age >= 0 && age as f64 > p95 {
                total += 1;
                per_group[gi] += 1;
                if listed.len() < MAX_STUCK_LISTED {
                    let mut g = GroupStats::default();
                    fill_labels(&mut g, key, interner);
                    listed.push(StuckParcel {
                        dataset: d,
                        row: s.rows[i],
                        tracking: s.tracking.get(i).to_owned(),
                        origin: g.origin,
                        destination: g.destination,
                        carrier: g.carrier,
                        service: g.service,
                        shipped_on: shipped,
                        age_days: age as u32,
                        group_p95_days: p95,
                    });
                }
            }
        }
    }
    listed.sort_by(|a, b| b.age_days.cmp(&a.age_days).then(a.row.cmp(&b.row)));
    (total, listed, per_group)
}

/// A row left out by the ship-date filter.
const NO_GROUP: u32 = u32::MAX;

/// The group of each combination of one dataset's dictionary codes, in a flat table filled
/// as combinations are met: a multiply-add per row instead of building and hashing the key.
/// Used when the combinations are few enough (they nearly always are: a few destinations ×
/// carriers × services); otherwise every lookup misses and the caller hashes the key.
struct FlatGroups<'s> {
    columns: Vec<&'s Dict>,
    table: Vec<u32>,
}

impl<'s> FlatGroups<'s> {
    const MAX_COMBINATIONS: usize = 1 << 20;

    fn new(s: &'s Shipments, group_by: &[GroupField]) -> FlatGroups<'s> {
        let columns: Vec<&Dict> = group_by.iter().map(|f| f.column(s)).collect();
        let combinations = columns.iter().try_fold(1usize, |n, d| n.checked_mul(d.values.len() + 1));
        let table = match combinations {
            Some(n) if n <= Self::MAX_COMBINATIONS => vec![NO_GROUP; n],
            _ => Vec::new(),
        };
        FlatGroups { columns, table }
    }

    fn slot(&self, row: usize) -> usize {
        self.columns.iter().fold(0, |slot, d| {
            let missing = d.values.len();
            let code = d.codes[row];
            slot * (missing + 1) + if code == MISSING { missing } else { code as usize }
        })
    }

    fn get(&self, row: usize) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        Some(self.table[self.slot(row)]).filter(|&g| g != NO_GROUP)
    }

    fn set(&mut self, row: usize, group: u32) {
        if !self.table.is_empty() {
            let slot = self.slot(row);
            self.table[slot] = group;
        }
    }
}

/// Month by month, overall and for the `top` groups; `group_of` holds each row's group
/// (or [`NO_GROUP`]) and `top_of_group` the trend slot of each group.
fn monthly_trends(
    datasets: &[&Shipments],
    group_of: &[Vec<u32>],
    top_of_group: &[Option<usize>],
    settings: &LogisticsSettings,
    top: &[Key],
    interner: &Interner,
) -> (Vec<MonthStats>, Vec<GroupTrend>) {
    let mut months = MonthSlots::new(datasets, settings);
    let mut overall: Vec<MonthAcc> = Vec::new();
    let mut per_group: Vec<Vec<MonthAcc>> = vec![Vec::new(); top.len()];
    for (s, groups) in datasets.iter().zip(group_of) {
        for (i, &g) in groups.iter().enumerate() {
            let Some(shipped) = s.shipped_on[i] else { continue };
            if !settings.ship_dates.contains(Some(shipped)) {
                continue;
            }
            let m = months.slot(shipped);
            let add = |accs: &mut Vec<MonthAcc>| {
                if m >= accs.len() {
                    accs.resize_with(m + 1, MonthAcc::default);
                }
                accs[m].shipments += 1;
                if let Some(t) = s.transit_days[i] {
                    accs[m].transit.add(t);
                }
            };
            add(&mut overall);
            if let Some(slot) = top_of_group.get(g as usize).copied().flatten() {
                add(&mut per_group[slot]);
            }
        }
    }
    let months = |accs: &Vec<MonthAcc>| months.in_order(accs);
    let trends = top
        .iter()
        .zip(&per_group)
        .map(|(key, m)| {
            let mut g = GroupStats::default();
            fill_labels(&mut g, key, interner);
            GroupTrend {
                origin: g.origin,
                destination: g.destination,
                carrier: g.carrier,
                service: g.service,
                months: months(m),
            }
        })
        .collect();
    (months(&overall), trends)
}

/// Numbers the months of ship dates, with a day → month table over the data's span (a
/// lookup per row instead of two calendar conversions and a hash). Spans of more than
/// `MAX_TABLE_DAYS` (a stray year 1900 among 2024 dates) fall back to hashing the month.
struct MonthSlots {
    first_day: Date,
    day_slot: Vec<u32>,
    starts: Vec<Date>,
    slot_of_month: FxHashMap<Date, u32>,
}

impl MonthSlots {
    const MAX_TABLE_DAYS: i32 = 40_000;

    fn new(datasets: &[&Shipments], settings: &LogisticsSettings) -> MonthSlots {
        let mut span: Option<(Date, Date)> = None;
        for s in datasets {
            for d in s.shipped_on.iter().flatten().filter(|d| settings.ship_dates.contains(Some(**d))) {
                span = Some(span.map_or((*d, *d), |(lo, hi)| (lo.min(*d), hi.max(*d))));
            }
        }
        let mut slots = MonthSlots {
            first_day: Date(0),
            day_slot: Vec::new(),
            starts: Vec::new(),
            slot_of_month: FxHashMap::default(),
        };
        if let Some((lo, hi)) = span.filter(|(lo, hi)| hi.days_since(*lo) < Self::MAX_TABLE_DAYS) {
            slots.first_day = lo;
            slots.day_slot = (0..=hi.days_since(lo)).map(|k| slots.month(lo.add_days(k))).collect();
        }
        slots
    }

    fn month(&mut self, day: Date) -> u32 {
        let start = day.month_start();
        *self.slot_of_month.entry(start).or_insert_with(|| {
            self.starts.push(start);
            (self.starts.len() - 1) as u32
        })
    }

    fn slot(&mut self, day: Date) -> usize {
        let k = day.days_since(self.first_day);
        match self.day_slot.get(k as usize).filter(|_| k >= 0) {
            Some(&slot) => slot as usize,
            None => self.month(day) as usize,
        }
    }

    /// The months that had shipments, in calendar order.
    fn in_order(&self, accs: &[MonthAcc]) -> Vec<MonthStats> {
        let mut months: Vec<(Date, &MonthAcc)> =
            accs.iter().enumerate().filter(|(_, a)| a.shipments > 0).map(|(m, a)| (self.starts[m], a)).collect();
        months.sort_by_key(|(start, _)| *start);
        months.into_iter().map(|(start, acc)| acc.stats(start)).collect()
    }
}

fn compare(
    datasets: &[&Shipments],
    makers: &[KeyMaker],
    settings: &LogisticsSettings,
    a: DateRange,
    b: DateRange,
    interner: &Interner,
) -> Comparison {
    let mut per: FxHashMap<Key, (GroupAcc, GroupAcc)> = FxHashMap::default();
    let mut all = (GroupAcc::default(), GroupAcc::default());
    for (d, s) in datasets.iter().enumerate() {
        for i in 0..s.len() {
            let shipped = s.shipped_on[i];
            let (in_a, in_b) = (a.contains(shipped) && !a.is_all(), b.contains(shipped) && !b.is_all());
            if !in_a && !in_b {
                continue;
            }
            let entry = per.entry(makers[d].key(s, i)).or_default();
            if in_a {
                entry.0.add(s, d as u32, i, &settings.fx);
                all.0.add(s, d as u32, i, &settings.fx);
            }
            if in_b {
                entry.1.add(s, d as u32, i, &settings.fx);
                all.1.add(s, d as u32, i, &settings.fx);
            }
        }
    }
    let to_cmp = |key: &Key, pa: &GroupAcc, pb: &GroupAcc| {
        let mut g = GroupStats::default();
        fill_labels(&mut g, key, interner);
        GroupComparison {
            origin: g.origin,
            destination: g.destination,
            carrier: g.carrier,
            service: g.service,
            a: GroupStats::from_acc(pa),
            b: GroupStats::from_acc(pb),
        }
    };
    let mut groups: Vec<GroupComparison> = per.iter().map(|(k, (pa, pb))| to_cmp(k, pa, pb)).collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.a.shipments + g.b.shipments));
    Comparison { a, b, overall: to_cmp(&[MISSING; 4], &all.0, &all.1), groups }
}

/// A scorecard line's totals: shipments, transit days, on time, promise known.
type CardAcc = (u64, DayCounts, u64, u64);

fn scorecards(
    datasets: &[&Shipments],
    settings: &LogisticsSettings,
    group_by: &[GroupField],
    groups: &[(Key, GroupAcc)],
    group_interner: &Interner,
) -> Vec<Scorecard> {
    let fields = [GroupField::Destination, GroupField::Carrier, GroupField::Service];
    if fields.iter().all(|f| group_by.contains(f)) {
        // Each line (destination × carrier × service) is a union of whole groups: merge them.
        let mut accs: FxHashMap<Key, CardAcc> = FxHashMap::default();
        for (key, acc) in groups {
            let mut line = *key;
            line[GroupField::Origin.slot()] = MISSING;
            let e = accs.entry(line).or_default();
            e.0 += acc.shipments;
            e.1.merge(&acc.transit);
            e.2 += acc.on_time;
            e.3 += acc.promise_known;
        }
        return build_scorecards(accs, group_interner);
    }
    let mut interner = Interner::default();
    let makers: Vec<KeyMaker> = datasets.iter().map(|s| KeyMaker::new(s, &fields, &mut interner)).collect();
    let mut accs: FxHashMap<Key, CardAcc> = FxHashMap::default();
    for (d, s) in datasets.iter().enumerate() {
        for i in 0..s.len() {
            if !settings.ship_dates.contains(s.shipped_on[i]) {
                continue;
            }
            let e = accs.entry(makers[d].key(s, i)).or_default();
            e.0 += 1;
            if let Some(t) = s.transit_days[i] {
                e.1.add(t);
            }
            if let Some(on_time) = s.is_on_time(i) {
                e.3 += 1;
                e.2 += on_time as u64;
            }
        }
    }
    build_scorecards(accs, &interner)
}

fn build_scorecards(accs: FxHashMap<Key, CardAcc>, interner: &Interner) -> Vec<Scorecard> {
    let mut by_dest: BTreeMap<Option<String>, Vec<CarrierScore>> = BTreeMap::new();
    for (key, (shipments, transit, on_time, known)) in accs {
        let mut g = GroupStats::default();
        fill_labels(&mut g, &key, interner);
        if g.carrier.is_none() && g.service.is_none() {
            continue;
        }
        by_dest.entry(g.destination).or_default().push(CarrierScore {
            carrier: g.carrier,
            service: g.service,
            shipments,
            delivered: transit.len(),
            p50_days: transit.quantile(0.5),
            p90_days: transit.quantile(0.9),
            on_time: Rate::wilson(on_time, known),
            small_sample: transit.len() < SMALL_SAMPLE,
            rank: 0,
        });
    }
    let mut cards: Vec<Scorecard> = by_dest
        .into_iter()
        .map(|(destination, mut carriers)| {
            carriers.sort_by(|a, b| {
                let p90 = |c: &CarrierScore| c.p90_days.unwrap_or(f64::INFINITY);
                let rate = |c: &CarrierScore| c.on_time.map_or(-1.0, |r| r.rate);
                p90(a).total_cmp(&p90(b)).then(rate(b).total_cmp(&rate(a))).then(a.carrier.cmp(&b.carrier))
            });
            for (i, c) in carriers.iter_mut().enumerate() {
                c.rank = i as u32 + 1;
            }
            Scorecard { destination, carriers }
        })
        .collect();
    cards.sort_by(|a, b| {
        let n = |s: &Scorecard| s.carriers.iter().map(|c| c.shipments).sum::<u64>();
        n(b).cmp(&n(a))
    });
    cards
}

#[cfg(test)]
mod tests;
