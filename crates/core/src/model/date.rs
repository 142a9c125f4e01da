//! Calendar dates as day numbers: compact, fast to compare and subtract, no time zone.
//!
//! Transit times in borderlens are whole calendar days between the dates as written, so a
//! date is all the analyses need; the time of day and the zone are dropped while parsing.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(pub i32);

impl Date {
    /// The date for a year, month (1–12) and day (1–31), or `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, days: i32) -> Date {
        Date(self.0 + days)
    }

    /// Days from `earlier` to `self` (negative if `self` is before it).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.0 - earlier.0
    }

    /// The date `n` working days (Monday–Friday) after this one. A parcel handed over on a
    /// Saturday with a 1-working-day promise is due on Monday.
    pub fn add_business_days(self, n: u32) -> Date {
        if n == 0 {
            return self;
        }
        // Counting from a weekend day is counting from the Friday before it.
        let mut base = self;
        if base.weekday() >= 5 {
            base = base.add_days(-(base.weekday() as i32 - 4));
        }
        let weekday = base.weekday() as i32;
        let rest = (n % 5) as i32;
        let mut days = (n / 5) as i32 * 7 + rest;
        if weekday + rest > 4 {
            days += 2;
        }
        base.add_days(days)
    }

    /// The first day of this date's month.
    pub fn month_start(self) -> Date {
        let (y, m, _) = self.ymd();
        Date(days_from_civil(y, m, 1))
    }

    /// The Monday on or before this date (weeks in borderlens start on Monday).
    pub fn week_start(self) -> Date {
        self.add_days(-(self.weekday() as i32))
    }

    /// `YYYY-MM` for month labels.
    pub fn year_month(self) -> String {
        let (y, m, _) = self.ymd();
        format!("{y:04}-{m:02}")
    }

    /// A date from an Excel serial day number (1900 date system, with Excel's phantom
    /// 1900-02-29 accounted for). The fraction (time of day) is ignored.
    pub fn from_excel_serial(serial: f64) -> Option<Date> {
        if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let whole = serial.floor() as i32;
        // Serial 25569 is 1970-01-01; serials below 61 sit before Excel's fictitious leap day.
        let days = if whole < 61 { whole - 25568 } else { whole - 25569 };
        Some(Date(days))
    }

    /// Today's date in a civil-days count, for callers that know the current time in
    /// milliseconds since the Unix epoch (the core never reads a clock itself).
    pub fn from_unix_millis(ms: f64) -> Date {
        Date((ms / 86_400_000.0).floor() as i32)
    }

    /// Parses exactly `YYYY-MM-DD` (the format borderlens writes).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as u32;
            }
            Some(v)
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s:?}")))
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days, exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_over_four_centuries() {
        let start = Date::from_ymd(1900, 1, 1).unwrap().0;
        for n in start..start + 146_097 {
            let (y, m, d) = Date(n).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(n)));
        }
    }

    #[test]
    fn knows_the_epoch_and_weekdays() {
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
        assert_eq!(Date(0).weekday(), 3); // Thursday
        assert_eq!(Date::from_ymd(2024, 11, 25).unwrap().weekday(), 0); // a Monday
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        assert_eq!(Date::from_ymd(2024, 13, 1), None);
        assert_eq!(Date::from_ymd(2024, 4, 31), None);
    }

    #[test]
    fn reads_excel_serials_like_excel() {
        assert_eq!(Date::from_excel_serial(45356.0).unwrap().to_string(), "2024-03-05");
        assert_eq!(Date::from_excel_serial(1.0).unwrap().to_string(), "1900-01-01");
        assert_eq!(Date::from_excel_serial(61.0).unwrap().to_string(), "1900-03-01");
        assert_eq!(Date::from_excel_serial(45356.75).unwrap().to_string(), "2024-03-05");
    }

    #[test]
    fn adds_business_days_skipping_weekends() {
        let fri = Date::from_ymd(2024, 3, 8).unwrap();
        assert_eq!(fri.add_business_days(1).to_string(), "2024-03-11");
        assert_eq!(fri.add_business_days(5).to_string(), "2024-03-15");
        let sat = Date::from_ymd(2024, 3, 9).unwrap();
        assert_eq!(sat.add_business_days(1).to_string(), "2024-03-11");
        assert_eq!(sat.add_business_days(5).to_string(), "2024-03-15");
        let mon = Date::from_ymd(2024, 3, 4).unwrap();
        assert_eq!(mon.add_business_days(25).to_string(), "2024-04-08");
        assert_eq!(mon.add_business_days(0), mon);
    }

    #[test]
    fn serialises_as_iso_text() {
        let d = Date::from_ymd(2024, 3, 5).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-03-05\"");
        assert_eq!(serde_json::from_str::<Date>("\"2024-03-05\"").unwrap(), d);
        assert_eq!(d.week_start().to_string(), "2024-03-04");
        assert_eq!(d.month_start().to_string(), "2024-03-01");
    }
}
