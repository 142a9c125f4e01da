//! What a column's sample values look like: the content half of automatic mapping.

use crate::ingest::parse::date::read_date;
use crate::ingest::parse::number::{read_number, DecimalSeparator};
use crate::ingest::parse::promise::read_promise_days;
use crate::mapping::fields::ValueKind;
use crate::model::country::normalize_country;
use std::collections::HashSet;

/// Counts of how a column's sample values parse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnProfile {
    pub non_empty: usize,
    pub dates: usize,
    pub numbers: usize,
    pub promises: usize,
    pub countries: usize,
    pub hs_codes: usize,
    pub distinct: usize,
    /// Values shaped like parcel tracking numbers (letters and digits, 8–40 chars).
    pub tracking_like: usize,
    /// Yes/no values.
    pub flags: usize,
}

impl ColumnProfile {
    /// Profiles the values of one column of the sample rows.
    pub fn of<'a>(values: impl Iterator<Item = &'a str>, decimal: DecimalSeparator) -> ColumnProfile {
        let mut p = ColumnProfile::default();
        let mut distinct = HashSet::new();
        for raw in values {
            let v = raw.trim();
            if v.is_empty() {
                continue;
            }
            p.non_empty += 1;
            distinct.insert(v);
            // A plain number is not evidence of a date, even if it reads as an Excel serial.
            let is_number = read_number(v, decimal).is_ok();
            if is_number {
                p.numbers += 1;
            }
            if !is_number && read_date(v).is_ok() {
                p.dates += 1;
            }
            if read_promise_days(v).is_ok() {
                p.promises += 1;
            }
            if normalize_country(v).is_some() {
                p.countries += 1;
            }
            if is_hs_code_like(v) {
                p.hs_codes += 1;
            }
            if is_tracking_like(v) {
                p.tracking_like += 1;
            }
            if crate::ingest::parse::flag::read_flag(v).is_ok() {
                p.flags += 1;
            }
        }
        p.distinct = distinct.len();
        p
    }

    fn share(&self, count: usize) -> f32 {
        if self.non_empty == 0 {
            0.0
        } else {
            count as f32 / self.non_empty as f32
        }
    }

    /// How well the samples fit a kind of value, 0–1. An all-empty sample fits nothing
    /// for certain; callers treat it as unknown.
    pub fn fit(&self, kind: ValueKind) -> f32 {
        match kind {
            ValueKind::Date => self.share(self.dates),
            ValueKind::Number | ValueKind::Money => self.share(self.numbers),
            ValueKind::PromiseDays => self.share(self.promises),
            ValueKind::Country => self.share(self.countries),
            ValueKind::HsCode => self.share(self.hs_codes),
            ValueKind::Flag => self.share(self.flags),
            ValueKind::Identifier => {
                let unique = self.share(self.distinct);
                if self.share(self.dates) > 0.5 {
                    0.1
                } else {
                    (0.5 + unique / 2.0).min(1.0)
                }
            }
            ValueKind::Category => {
                let typed = self.share(self.dates).max(self.share(self.numbers));
                1.0 - 0.7 * typed
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.non_empty == 0
    }
}

/// 2 to 12 digits, optionally dotted (`8517.62.00`): a customs tariff code.
pub fn is_hs_code_like(v: &str) -> bool {
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    (2..=12).contains(&digits) && v.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b' ')
}

fn is_tracking_like(v: &str) -> bool {
    let len = v.len();
    (8..=40).contains(&len)
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && v.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_dates_numbers_and_countries() {
        let dates = ColumnProfile::of(["2024-03-05", "2024/3/6", ""].into_iter(), DecimalSeparator::Dot);
        assert_eq!(dates.non_empty, 2);
        assert_eq!(dates.fit(ValueKind::Date), 1.0);
        let countries = ColumnProfile::of(["巴西", "BR", "Russia", "xx-unknown"].into_iter(), DecimalSeparator::Dot);
        assert_eq!(countries.fit(ValueKind::Country), 0.75);
        let numbers = ColumnProfile::of(["1,234.5", "12", "n/a"].into_iter(), DecimalSeparator::Dot);
        assert!((numbers.fit(ValueKind::Number) - 2.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn recognises_hs_codes_and_tracking_numbers() {
        assert!(is_hs_code_like("851762"));
        assert!(is_hs_code_like("0901.21"));
        assert!(!is_hs_code_like("LP00123"));
        assert!(is_tracking_like("LP00123456789CN"));
        assert!(!is_tracking_like("DHL"));
    }
}
