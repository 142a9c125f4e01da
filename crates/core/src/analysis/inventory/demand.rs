//! Weekly demand from order lines: what was sold, per SKU and in total, with returns,
//! cancellations and non-product lines counted apart so they never enter demand silently.

use super::forecast::WeeklySeries;
use crate::model::orders::{LineKind, Orders};
use crate::model::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Lines and units of one kind of order line, over every orders dataset.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct LineCount {
    pub kind: LineKind,
    pub lines: u64,
    /// Units as written (returns are negative).
    pub units: f64,
}

/// One SKU's (or the total's) weekly units from its first to its last sale.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SkuWeeks {
    /// `None` for the all-SKU total.
    pub sku: Option<String>,
    /// The Monday of the first week.
    pub start: Date,
    pub units: Vec<f64>,
}

/// Sales gathered per SKU, before any forecasting.
#[derive(Debug, Clone, Default)]
pub struct Demand {
    /// Every sale line's day and units, per SKU (sorted by SKU).
    pub per_sku: BTreeMap<String, Vec<(Date, f64)>>,
    /// Every sale line, SKU or not.
    pub total: Vec<(Date, f64)>,
    pub first_day: Option<Date>,
    /// The latest day of any order line: the "today" of the analysis.
    pub last_day: Option<Date>,
    pub lines: Vec<LineCount>,
    /// Sale lines without a SKU (in the total, in no SKU's series).
    pub sales_without_sku: u64,
    /// Units sold per ship-to country (as written), for choosing the route to plan with.
    pub units_by_country: BTreeMap<String, f64>,
}

impl Demand {
    /// Gathers the sale lines of every orders dataset. Units are the quantities of
    /// [`LineKind::Sale`] lines only; the date is the order's local date as written.
    pub fn gather(orders: &[&Orders]) -> Demand {
        let mut demand = Demand::default();
        let mut counts: BTreeMap<u8, LineCount> = BTreeMap::new();
        let mut spelling: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        for o in orders {
            for i in 0..o.len() {
                let kind = o.kind[i];
                let q = o.quantity[i];
                let count = counts.entry(kind as u8).or_insert(LineCount { kind, lines: 0, units: 0.0 });
                count.lines += 1;
                count.units += if q.is_finite() { q } else { 0.0 };
                let day = o.date[i];
                demand.last_day = Some(demand.last_day.map_or(day, |d| d.max(day)));
                if kind != LineKind::Sale || !q.is_finite() || q <= 0.0 {
                    continue;
                }
                demand.first_day = Some(demand.first_day.map_or(day, |d| d.min(day)));
                demand.total.push((day, q));
                if let Some(c) = o.country.get(i) {
                    *demand.units_by_country.entry(c.to_owned()).or_default() += q;
                }
                match o.sku.get(i).filter(|s| !s.is_empty()) {
                    Some(sku) => {
                        // SKUs are matched without regard to case (UCI's 85099b is 85099B),
                        // under the spelling seen first.
                        let name = spelling.entry(sku.to_uppercase()).or_insert_with(|| sku.to_owned());
                        demand.per_sku.entry(name.clone()).or_default().push((day, q))
                    }
                    None => demand.sales_without_sku += 1,
                }
            }
        }
        demand.lines = LineKind::ALL
            .iter()
            .map(|&kind| counts.get(&(kind as u8)).copied().unwrap_or(LineCount { kind, lines: 0, units: 0.0 }))
            .collect();
        demand
    }

    pub fn is_empty(&self) -> bool {
        self.total.is_empty()
    }

    /// The country most units ship to, if the orders say.
    pub fn main_country(&self) -> Option<&str> {
        self.units_by_country.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))).map(|(c, _)| c.as_str())
    }

    /// The weekly series of every SKU from its first to its last sale, then the total
    /// (`sku: None`), as the export lists them.
    pub fn weekly(&self) -> Vec<SkuWeeks> {
        let mut out: Vec<SkuWeeks> = self
            .per_sku
            .iter()
            .map(|(sku, days)| {
                let s = WeeklySeries::from_daily(days);
                SkuWeeks { sku: Some(sku.clone()), start: s.start, units: s.units }
            })
            .collect();
        if !self.total.is_empty() {
            let s = WeeklySeries::from_daily(&self.total);
            out.push(SkuWeeks { sku: None, start: s.start, units: s.units });
        }
        out
    }

    /// A SKU's (or, for `None`, the total's) weekly series on the common grid: from its first
    /// sale's week through the last whole week of the data, with zeros after its last sale.
    /// The weeks holding the data's first and last days are left out while they are partial.
    pub fn series_to_end(&self, sku: Option<&str>) -> WeeklySeries {
        let days = match sku {
            Some(s) => self.per_sku.get(s).map(Vec::as_slice).unwrap_or(&[]),
            None => &self.total,
        };
        let (Some(first), Some(last), Some(data_first)) =
            (days.iter().map(|d| d.0).min(), self.last_day, self.first_day)
        else {
            return WeeklySeries::new(self.last_day.unwrap_or(Date(0)), Vec::new());
        };
        // The data's first week counts only if whole: a file starting on a Wednesday would
        // otherwise begin with a week that looks like a drop in demand.
        let first_whole_week = if data_first.weekday() == 0 { data_first } else { data_first.week_start().add_days(7) };
        let first = first.max(first_whole_week);
        let end = last_whole_week_end(last);
        let weeks = (end.add_days(1).days_since(first.week_start()) / 7).max(0) as usize;
        WeeklySeries::from_daily_in(days, first, weeks)
    }

    /// Units sold per SKU over the last `weeks` whole weeks, for choosing which SKUs to show.
    pub fn recent_units(&self, weeks: i32) -> BTreeMap<&str, f64> {
        let Some(last) = self.last_day else { return BTreeMap::new() };
        let end = last_whole_week_end(last);
        let from = end.add_days(1 - 7 * weeks);
        self.per_sku
            .iter()
            .map(|(sku, days)| {
                (sku.as_str(), days.iter().filter(|(d, _)| *d >= from && *d <= end).map(|(_, q)| q).sum::<f64>())
            })
            .collect()
    }
}

/// The Sunday ending the last whole Monday–Sunday week up to `last` (inclusive).
pub fn last_whole_week_end(last: Date) -> Date {
    if last.weekday() == 6 {
        last
    } else {
        last.week_start().add_days(-1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    fn orders(lines: &[(&str, Date, f64, LineKind)]) -> Orders {
        let mut o = Orders::default();
        for (sku, date, q, kind) in lines {
            o.rows.push(o.rows.len() as u64 + 2);
            o.date.push(*date);
            o.sku.push((!sku.is_empty()).then_some(*sku));
            o.quantity.push(*q);
            o.kind.push(*kind);
        }
        o
    }

    #[test]
    fn only_sales_make_demand_and_the_rest_is_counted() {
        let o = orders(&[
            ("A", d(2024, 1, 1), 2.0, LineKind::Sale),
            ("A", d(2024, 1, 3), -1.0, LineKind::Return),
            ("A", d(2024, 1, 4), 5.0, LineKind::Cancellation),
            ("POST", d(2024, 1, 4), 1.0, LineKind::NonProduct),
            ("", d(2024, 1, 5), 3.0, LineKind::Sale),
            ("B", d(2024, 1, 15), 4.0, LineKind::Sale),
        ]);
        let demand = Demand::gather(&[&o]);
        assert_eq!(demand.total.iter().map(|t| t.1).sum::<f64>(), 9.0);
        assert_eq!(demand.sales_without_sku, 1);
        let lines: Vec<(LineKind, u64, f64)> = demand.lines.iter().map(|l| (l.kind, l.lines, l.units)).collect();
        assert_eq!(
            lines,
            vec![
                (LineKind::Sale, 3, 9.0),
                (LineKind::Return, 1, -1.0),
                (LineKind::Cancellation, 1, 5.0),
                (LineKind::NonProduct, 1, 1.0)
            ]
        );
        assert_eq!(demand.last_day, Some(d(2024, 1, 15)));
    }

    #[test]
    fn weekly_lists_every_week_between_first_and_last_sale_with_zeros() {
        let o = orders(&[
            ("A", d(2024, 1, 2), 2.0, LineKind::Sale),
            ("A", d(2024, 1, 3), 1.0, LineKind::Sale),
            ("A", d(2024, 1, 24), 4.0, LineKind::Sale),
            ("B", d(2024, 1, 10), 1.0, LineKind::Sale),
        ]);
        let weekly = Demand::gather(&[&o]).weekly();
        assert_eq!(weekly[0].sku.as_deref(), Some("A"));
        assert_eq!(weekly[0].start, d(2024, 1, 1));
        assert_eq!(weekly[0].units, vec![3.0, 0.0, 0.0, 4.0]);
        assert_eq!(weekly[1].units, vec![1.0]);
        let total = weekly.last().unwrap();
        assert_eq!(total.sku, None);
        assert_eq!(total.units, vec![3.0, 1.0, 0.0, 4.0]);
    }

    #[test]
    fn series_to_end_stops_before_a_partial_last_week() {
        // The data ends on Wednesday 24 January: the week of 22 January is partial.
        let o = orders(&[("A", d(2024, 1, 1), 2.0, LineKind::Sale), ("B", d(2024, 1, 24), 4.0, LineKind::Sale)]);
        let demand = Demand::gather(&[&o]);
        let a = demand.series_to_end(Some("A"));
        assert_eq!((a.start, a.units.clone()), (d(2024, 1, 1), vec![2.0, 0.0, 0.0]));
        // A file that starts on a Tuesday starts its series the next Monday.
        let o = orders(&[("A", d(2024, 1, 2), 2.0, LineKind::Sale), ("A", d(2024, 1, 9), 3.0, LineKind::Sale)]);
        let late = Demand::gather(&[&o]);
        assert_eq!(late.series_to_end(None).start, d(2024, 1, 8));
        assert_eq!(last_whole_week_end(d(2024, 1, 28)), d(2024, 1, 28));
        assert_eq!(last_whole_week_end(d(2024, 1, 24)), d(2024, 1, 21));
        assert_eq!(demand.recent_units(2).get("A"), Some(&0.0));
    }
}
