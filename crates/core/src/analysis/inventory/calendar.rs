//! Retail events (Black Friday, Cyber Monday, Christmas, 11.11, Prime Day): their dates, the weeks they fall in, and the demand uplift each brings.
//!
//! Forecasts work on weeks that start on Monday. An event moves between weeks from year to
//! year (Black Friday is the 23rd–29th of November), so a yearly seasonal model alone would
//! put last year's peak in the wrong week. The forecast therefore divides each event week by
//! the event's uplift before fitting and multiplies it back on the forecast week that holds the
//! event this year (see [`super::forecast`]).
//!
//! An uplift is the ratio of the event week's units to a robust local level (the median of
//! the four ordinary weeks on either side), estimated from the seller's own history where it
//! covers the event, otherwise 1.0 until the user sets one.

use super::forecast::WeeklySeries;
use crate::analysis::stats::quantile_sorted;
use crate::model::date::Date;
use serde::{Deserialize, Serialize};

/// A shopping event that moves demand for cross-border sellers.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RetailEvent {
    /// The Friday after the fourth Thursday of November (US Thanksgiving).
    BlackFriday,
    /// The Monday after Black Friday.
    CyberMonday,
    /// 25 December.
    Christmas,
    /// 11 November, Singles' Day (双十一), held by Alibaba since 2009.
    SinglesDay,
    /// Amazon's summer sale, held since 2015 (first day; see [`RetailEvent::date_in`]).
    PrimeDay,
}

/// The first day of each Prime Day, 2015–2025, as Amazon announced it (US). 2020 was moved
/// to October and 2021 to June; every other year was in July.
const PRIME_DAYS: [(i32, u32, u32); 11] = [
    (2015, 7, 15),
    (2016, 7, 12),
    (2017, 7, 11),
    (2018, 7, 16),
    (2019, 7, 15),
    (2020, 10, 13),
    (2021, 6, 21),
    (2022, 7, 12),
    (2023, 7, 11),
    (2024, 7, 16),
    (2025, 7, 8),
];

/// An uplift estimated from history is kept within these bounds: one odd week (a bulk order,
/// a stock-out) should not make next year's forecast ten times or a tenth of the usual level
/// without the user saying so.
pub const MIN_ESTIMATED_UPLIFT: f64 = 0.1;
pub const MAX_ESTIMATED_UPLIFT: f64 = 10.0;

/// Ordinary weeks taken on each side of an event week for its local level.
const BASELINE_WEEKS_EACH_SIDE: usize = 4;
/// At least this many of the (up to eight) ordinary neighbouring weeks must be in the history
/// for an occurrence to count.
const MIN_BASELINE_WEEKS: usize = 4;

impl RetailEvent {
    /// Every event, in a fixed order (the order of [`Uplifts::events`]).
    pub const ALL: [RetailEvent; 5] = [
        RetailEvent::BlackFriday,
        RetailEvent::CyberMonday,
        RetailEvent::Christmas,
        RetailEvent::SinglesDay,
        RetailEvent::PrimeDay,
    ];

    /// The event's (first) day in `year`, or `None` for years before it existed (Cyber
    /// Monday before 2005, Singles' Day before 2009, Prime Day before 2015).
    ///
    /// Prime Day has no rule: 2015–2025 come from a table of the announced dates; later
    /// years use the second Tuesday of July, which is what Amazon chose in 2016, 2022 and
    /// 2023 and within a week of every July date since 2017. A user who knows the date
    /// should set it as an uplift on that week instead.
    ///
    /// ```
    /// use borderlens_core::analysis::inventory::calendar::RetailEvent;
    /// assert_eq!(RetailEvent::BlackFriday.date_in(2024).unwrap().to_string(), "2024-11-29");
    /// assert_eq!(RetailEvent::CyberMonday.date_in(2024).unwrap().to_string(), "2024-12-02");
    /// assert_eq!(RetailEvent::PrimeDay.date_in(2014), None);
    /// ```
    pub fn date_in(self, year: i32) -> Option<Date> {
        let ymd = |m, d| Date::from_ymd(year, m, d);
        match self {
            RetailEvent::BlackFriday => Some(black_friday(year)),
            RetailEvent::CyberMonday => (year >= 2005).then(|| black_friday(year).add_days(3)),
            RetailEvent::Christmas => ymd(12, 25),
            RetailEvent::SinglesDay => (year >= 2009).then(|| ymd(11, 11)).flatten(),
            RetailEvent::PrimeDay => match PRIME_DAYS.iter().find(|(y, _, _)| *y == year) {
                Some(&(_, m, d)) => ymd(m, d),
                None if year > 2025 => Some(nth_weekday(year, 7, 1, 2)),
                None => None,
            },
        }
    }
}

/// Chinese New Year's day (the first day of the lunar year), 2020–2035.
const CHINESE_NEW_YEAR: [(i32, u32, u32); 16] = [
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// Days factories and forwarders are typically closed before and after Chinese New Year's day.
pub const CNY_CLOSED_BEFORE: i32 = 7;
pub const CNY_CLOSED_AFTER: i32 = 14;

/// The Chinese New Year closure (first and last closed day) that holds `day`, if any: goods
/// cannot be produced or handed to a forwarder then.
pub fn cny_closure_holding(day: Date) -> Option<(Date, Date)> {
    CHINESE_NEW_YEAR.iter().find_map(|&(y, m, d)| {
        let cny = Date::from_ymd(y, m, d)?;
        let (from, to) = (cny.add_days(-CNY_CLOSED_BEFORE), cny.add_days(CNY_CLOSED_AFTER));
        (from..=to).contains(&day).then_some((from, to))
    })
}

/// The `n`-th (1-based) `weekday` (0 = Monday) of a month.
fn nth_weekday(year: i32, month: u32, weekday: u32, n: u32) -> Date {
    let first = Date::from_ymd(year, month, 1).expect("the first of a month exists");
    let offset = (weekday as i32 - first.weekday() as i32).rem_euclid(7);
    first.add_days(offset + 7 * (n as i32 - 1))
}

/// The day after the fourth Thursday of November.
fn black_friday(year: i32) -> Date {
    nth_weekday(year, 11, 3, 4).add_days(1)
}

/// Every event whose day lies in `from ..= to`, with the Monday of its week, in date order.
///
/// ```
/// use borderlens_core::analysis::inventory::calendar::{event_weeks, RetailEvent};
/// use borderlens_core::model::Date;
/// let d = |y, m, day| Date::from_ymd(y, m, day).unwrap();
/// let weeks = event_weeks(d(2024, 11, 1), d(2024, 12, 31));
/// let names: Vec<_> = weeks.iter().map(|(e, monday)| (*e, monday.to_string())).collect();
/// assert_eq!(names, [
///     (RetailEvent::SinglesDay, "2024-11-11".to_owned()),
///     (RetailEvent::BlackFriday, "2024-11-25".to_owned()),
///     (RetailEvent::CyberMonday, "2024-12-02".to_owned()),
///     (RetailEvent::Christmas, "2024-12-23".to_owned()),
/// ]);
/// ```
pub fn event_weeks(from: Date, to: Date) -> Vec<(RetailEvent, Date)> {
    let mut found: Vec<(Date, RetailEvent)> = Vec::new();
    if from > to {
        return Vec::new();
    }
    for year in from.year()..=to.year() {
        for event in RetailEvent::ALL {
            if let Some(day) = event.date_in(year).filter(|d| (from..=to).contains(d)) {
                found.push((day, event));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(day, event)| (event, day.week_start())).collect()
}

/// Where an uplift's multiplier comes from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UpliftSource {
    /// The history does not cover the event: 1.0 (no effect) until the user sets one.
    Default,
    /// Estimated from the seller's own history.
    Estimated,
    /// Set by the user; never overwritten by an estimate.
    User,
}

/// The demand multiplier of one event's week.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Uplift {
    pub event: RetailEvent,
    /// Units in the event's week ÷ units in an ordinary week around it.
    pub multiplier: f64,
    pub source: UpliftSource,
    /// Past occurrences the estimate rests on (0 unless estimated).
    pub occurrences: u32,
}

/// One [`Uplift`] per [`RetailEvent`], in [`RetailEvent::ALL`] order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Uplifts {
    pub events: Vec<Uplift>,
}

impl Default for Uplifts {
    fn default() -> Self {
        Uplifts::none()
    }
}

impl Uplifts {
    /// No event has any effect (every multiplier 1.0, [`UpliftSource::Default`]).
    pub fn none() -> Uplifts {
        let events = RetailEvent::ALL
            .iter()
            .map(|&event| Uplift { event, multiplier: 1.0, source: UpliftSource::Default, occurrences: 0 })
            .collect();
        Uplifts { events }
    }

    /// The uplift of one event.
    pub fn get(&self, event: RetailEvent) -> Uplift {
        self.events.iter().find(|u| u.event == event).copied().unwrap_or(Uplift {
            event,
            multiplier: 1.0,
            source: UpliftSource::Default,
            occurrences: 0,
        })
    }

    /// Sets an event's multiplier as the user's choice (negative or non-finite values count as 1.0).
    pub fn set_by_user(&mut self, event: RetailEvent, multiplier: f64) {
        let multiplier = if multiplier.is_finite() && multiplier >= 0.0 { multiplier } else { 1.0 };
        let uplift = Uplift { event, multiplier, source: UpliftSource::User, occurrences: 0 };
        match self.events.iter_mut().find(|u| u.event == event) {
            Some(slot) => *slot = uplift,
            None => self.events.push(uplift),
        }
    }

    /// The factor for the week starting `monday`: the product of the multipliers of the
    /// events whose day falls in it (no two of the five share a week in practice), 1.0 for
    /// an ordinary week.
    pub fn week_factor(&self, monday: Date) -> f64 {
        let monday = monday.week_start();
        let sunday = monday.add_days(6);
        let mut factor = 1.0;
        for year in monday.year()..=sunday.year() {
            for uplift in &self.events {
                if uplift.multiplier != 1.0
                    && uplift.event.date_in(year).is_some_and(|d| (monday..=sunday).contains(&d))
                {
                    factor *= uplift.multiplier;
                }
            }
        }
        factor
    }

    /// [`Uplifts::week_factor`] for `weeks` consecutive weeks from the one holding `start`,
    /// computed from the event dates once rather than week by week.
    pub fn factors(&self, start: Date, weeks: usize) -> Vec<f64> {
        let mut out = vec![1.0; weeks];
        if weeks == 0 || self.events.iter().all(|u| u.multiplier == 1.0) {
            return out;
        }
        let start = start.week_start();
        for (event, monday) in event_weeks(start, start.add_days(7 * weeks as i32 - 1)) {
            out[(monday.days_since(start) / 7) as usize] *= self.get(event).multiplier;
        }
        out
    }
}

/// Estimates each event's uplift from a weekly series; user-set values are not touched
/// because this starts from [`Uplifts::none`] (merge with [`Uplifts::set_by_user`] after).
///
/// For every occurrence of the event inside the series, its week is compared with the median
/// of the ordinary weeks among the four before and the four after it (other events' weeks are
/// left out, so Black Friday's baseline does not contain Cyber Monday). An occurrence counts
/// when at least four such weeks are in the series and their median is above zero. Over all
/// counted occurrences, the uplift is Σ event-week units ÷ Σ local medians — a ratio of sums,
/// so a year with an empty event week does not zero the estimate the way a product of ratios
/// would — clamped to [[`MIN_ESTIMATED_UPLIFT`], [`MAX_ESTIMATED_UPLIFT`]]. Events with no
/// counted occurrence keep 1.0 and [`UpliftSource::Default`].
///
/// ```
/// use borderlens_core::analysis::inventory::calendar::{estimate_uplifts, RetailEvent, UpliftSource};
/// use borderlens_core::analysis::inventory::forecast::WeeklySeries;
/// use borderlens_core::model::Date;
/// // Ten ordinary weeks of 100 units around Christmas 2023, whose week sold 250.
/// let start = Date::from_ymd(2023, 11, 27).unwrap();
/// let mut units = vec![100.0; 10];
/// units[4] = 250.0; // the week of 2023-12-25
/// let uplifts = estimate_uplifts(&WeeklySeries::new(start, units));
/// let christmas = uplifts.get(RetailEvent::Christmas);
/// assert_eq!((christmas.multiplier, christmas.source, christmas.occurrences), (2.5, UpliftSource::Estimated, 1));
/// assert_eq!(uplifts.get(RetailEvent::BlackFriday).source, UpliftSource::Default);
/// ```
pub fn estimate_uplifts(series: &WeeklySeries) -> Uplifts {
    let mut uplifts = Uplifts::none();
    if series.units.is_empty() {
        return uplifts;
    }
    let first = series.start;
    let last = series.week_of(series.units.len() - 1).add_days(6);
    let weeks = event_weeks(first, last);
    let is_event_week = |i: usize| weeks.iter().any(|(_, monday)| series.index_of(*monday) == Some(i));
    let clean = |i: usize| {
        let v = series.units[i];
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    };
    for uplift in &mut uplifts.events {
        let (mut event_units, mut baseline_units, mut occurrences) = (0.0, 0.0, 0u32);
        for (_, monday) in weeks.iter().filter(|(e, _)| *e == uplift.event) {
            let Some(i) = series.index_of(*monday) else { continue };
            let lo = i.saturating_sub(BASELINE_WEEKS_EACH_SIDE);
            let hi = (i + BASELINE_WEEKS_EACH_SIDE).min(series.units.len() - 1);
            let mut around: Vec<f64> = (lo..=hi).filter(|&j| j != i && !is_event_week(j)).map(clean).collect();
            if around.len() < MIN_BASELINE_WEEKS {
                continue;
            }
            around.sort_by(f64::total_cmp);
            let median = quantile_sorted(&around, 0.5).unwrap_or(0.0);
            if median <= 0.0 {
                continue;
            }
            event_units += clean(i);
            baseline_units += median;
            occurrences += 1;
        }
        if occurrences > 0 {
            uplift.multiplier = (event_units / baseline_units).clamp(MIN_ESTIMATED_UPLIFT, MAX_ESTIMATED_UPLIFT);
            uplift.source = UpliftSource::Estimated;
            uplift.occurrences = occurrences;
        }
    }
    uplifts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chinese_new_year_closure_spans_the_holiday() {
        let d = |y, m, day| Date::from_ymd(y, m, day).unwrap();
        assert_eq!(cny_closure_holding(d(2027, 2, 6)), Some((d(2027, 1, 30), d(2027, 2, 20))));
        assert_eq!(cny_closure_holding(d(2027, 1, 29)), None);
        assert_eq!(cny_closure_holding(d(2027, 2, 21)), None);
        assert_eq!(cny_closure_holding(d(2026, 7, 1)), None);
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn black_friday_is_the_day_after_the_fourth_thursday() {
        // Thanksgiving falls on the 22nd–28th; Black Friday on the 23rd–29th.
        for (year, day) in [(2010, 26), (2011, 25), (2018, 23), (2019, 29), (2023, 24), (2024, 29), (2025, 28)] {
            let bf = RetailEvent::BlackFriday.date_in(year).unwrap();
            assert_eq!(bf, d(year, 11, day), "{year}");
            assert_eq!(bf.weekday(), 4);
            let cm = RetailEvent::CyberMonday.date_in(year).unwrap();
            assert_eq!((cm.weekday(), cm.days_since(bf)), (0, 3));
        }
    }

    #[test]
    fn prime_day_uses_the_table_then_the_second_tuesday_of_july() {
        assert_eq!(RetailEvent::PrimeDay.date_in(2020), Some(d(2020, 10, 13)));
        assert_eq!(RetailEvent::PrimeDay.date_in(2021), Some(d(2021, 6, 21)));
        assert_eq!(RetailEvent::PrimeDay.date_in(2025), Some(d(2025, 7, 8)));
        // 2026: 1 July is a Wednesday, so the second Tuesday is the 14th.
        assert_eq!(RetailEvent::PrimeDay.date_in(2026), Some(d(2026, 7, 14)));
        assert_eq!(RetailEvent::PrimeDay.date_in(2010), None);
        // The rule agrees with the years Amazon chose the second Tuesday.
        for year in [2016, 2022, 2023] {
            assert_eq!(Some(nth_weekday(year, 7, 1, 2)), RetailEvent::PrimeDay.date_in(year));
        }
    }

    #[test]
    fn fixed_date_events_and_first_years() {
        assert_eq!(RetailEvent::Christmas.date_in(2011), Some(d(2011, 12, 25)));
        assert_eq!(RetailEvent::SinglesDay.date_in(2011), Some(d(2011, 11, 11)));
        assert_eq!(RetailEvent::SinglesDay.date_in(2008), None);
        assert_eq!(RetailEvent::CyberMonday.date_in(2004), None);
    }

    #[test]
    fn event_weeks_span_years_and_give_mondays() {
        let weeks = event_weeks(d(2010, 12, 1), d(2011, 12, 9));
        let got: Vec<(RetailEvent, String)> = weeks.iter().map(|(e, m)| (*e, m.to_string())).collect();
        assert_eq!(
            got,
            [
                (RetailEvent::Christmas, "2010-12-20".to_owned()),
                (RetailEvent::SinglesDay, "2011-11-07".to_owned()),
                (RetailEvent::BlackFriday, "2011-11-21".to_owned()),
                (RetailEvent::CyberMonday, "2011-11-28".to_owned()),
            ]
        );
        assert!(weeks.iter().all(|(_, m)| m.weekday() == 0));
        assert!(event_weeks(d(2011, 1, 2), d(2011, 1, 1)).is_empty());
    }

    #[test]
    fn week_factor_multiplies_only_event_weeks() {
        let mut u = Uplifts::none();
        u.set_by_user(RetailEvent::BlackFriday, 3.0);
        u.set_by_user(RetailEvent::Christmas, 0.5);
        assert_eq!(u.week_factor(d(2024, 11, 25)), 3.0);
        assert_eq!(u.week_factor(d(2024, 11, 27)), 3.0); // any day of the week
        assert_eq!(u.week_factor(d(2024, 12, 2)), 1.0); // Cyber Monday, not set
        assert_eq!(u.week_factor(d(2024, 12, 23)), 0.5);
        assert_eq!(u.week_factor(d(2024, 12, 30)), 1.0);
        assert_eq!(u.get(RetailEvent::BlackFriday).source, UpliftSource::User);
        let weekly = u.factors(d(2024, 11, 20), 7);
        let one_by_one: Vec<f64> = (0..7).map(|i| u.week_factor(d(2024, 11, 18).add_days(7 * i))).collect();
        assert_eq!(weekly, one_by_one);
        assert_eq!(weekly, [1.0, 3.0, 1.0, 1.0, 1.0, 0.5, 1.0]);
        u.set_by_user(RetailEvent::PrimeDay, f64::NAN);
        assert_eq!(u.get(RetailEvent::PrimeDay).multiplier, 1.0);
    }

    #[test]
    fn estimates_uplift_as_ratio_of_sums_over_occurrences() {
        // Two Black Fridays (2022-11-25, 2023-11-24): weeks 2022-11-21 and 2023-11-20.
        let start = d(2022, 10, 3);
        let mut units = vec![100.0; 70];
        let s = WeeklySeries::new(start, units.clone());
        let bf22 = s.index_of(d(2022, 11, 21)).unwrap();
        let bf23 = s.index_of(d(2023, 11, 20)).unwrap();
        units[bf22] = 300.0; // ×3 on a level of 100
        units[bf23] = 200.0;
        // The second year's neighbours sit at 200 (so that week is ×1), except Cyber
        // Monday's week, which is left out of the baseline.
        for (j, u) in units.iter_mut().enumerate().take(bf23 + 5).skip(bf23 - 4) {
            if j != bf23 {
                *u = 200.0;
            }
        }
        units[bf23 + 1] = 5_000.0;
        let u = estimate_uplifts(&WeeklySeries::new(start, units)).get(RetailEvent::BlackFriday);
        // (300 + 200) / (100 + 200)
        assert!((u.multiplier - 500.0 / 300.0).abs() < 1e-12, "{u:?}");
        assert_eq!((u.source, u.occurrences), (UpliftSource::Estimated, 2));
    }

    #[test]
    fn uplift_needs_enough_neighbours_and_is_clamped() {
        // The event week is the second week: only one week before it and a few after.
        let start = d(2023, 12, 18);
        let s = WeeklySeries::new(start, vec![10.0, 10.0, 10.0]);
        assert_eq!(estimate_uplifts(&s).get(RetailEvent::Christmas).source, UpliftSource::Default);
        let s = WeeklySeries::new(start, vec![10.0, 10_000.0, 10.0, 10.0, 10.0, 10.0]);
        let u = estimate_uplifts(&s).get(RetailEvent::Christmas);
        assert_eq!((u.multiplier, u.occurrences), (MAX_ESTIMATED_UPLIFT, 1));
        // A zero local level says nothing about the ratio.
        let s = WeeklySeries::new(start, vec![0.0, 5.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(estimate_uplifts(&s).get(RetailEvent::Christmas).source, UpliftSource::Default);
        assert_eq!(estimate_uplifts(&WeeklySeries::new(start, vec![])), Uplifts::none());
    }
}
