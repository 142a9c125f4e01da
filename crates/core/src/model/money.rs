//! Money in several currencies, converted to US dollars with a built-in, user-editable
//! exchange-rate table. Nothing is fetched: the table carries its as-of date so users know
//! how old the rates are, and may type in their own.

use crate::ingest::parse::number::Currency;
use crate::model::Date;
use serde::{Deserialize, Serialize};

/// One rate: how many US dollars one unit of `currency` buys.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct FxRate {
    pub currency: Currency,
    pub usd_per_unit: f64,
}

/// Exchange rates to USD with their as-of date and source.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FxTable {
    pub as_of: Date,
    pub source: String,
    pub rates: Vec<FxRate>,
}

/// Units of each currency per US dollar, approximate mid-market rates.
const BUILT_IN_PER_USD: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("CNY", 7.13),
    ("EUR", 0.86),
    ("GBP", 0.75),
    ("BRL", 5.35),
    ("RUB", 80.0),
    ("JPY", 150.0),
    ("INR", 88.0),
    ("MXN", 18.4),
    ("CAD", 1.39),
    ("AUD", 1.52),
    ("HKD", 7.78),
    ("KRW", 1400.0),
    ("TRY", 41.5),
    ("PLN", 3.65),
    ("SGD", 1.29),
    ("AED", 3.6725),
    ("SAR", 3.75),
    ("CLP", 950.0),
    ("COP", 3900.0),
    ("PEN", 3.45),
    ("ARS", 1450.0),
    ("THB", 32.5),
    ("MYR", 4.2),
    ("IDR", 16600.0),
    ("PHP", 58.0),
    ("VND", 26300.0),
    ("ZAR", 17.4),
    ("NGN", 1470.0),
    ("KZT", 530.0),
    ("UAH", 41.5),
    ("CHF", 0.80),
    ("SEK", 9.5),
    ("NOK", 10.1),
    ("DKK", 6.4),
    ("CZK", 20.9),
    ("HUF", 335.0),
    ("RON", 4.37),
    ("NZD", 1.74),
    ("ILS", 3.3),
    ("EGP", 47.5),
    ("MAD", 9.1),
    ("TWD", 30.5),
];

impl Default for FxTable {
    fn default() -> FxTable {
        FxTable::built_in()
    }
}

impl FxTable {
    /// The rates shipped with borderlens.
    pub fn built_in() -> FxTable {
        FxTable {
            as_of: Date::from_ymd(2025, 10, 31).expect("valid date"),
            source: "built-in approximate mid-market rates; edit them to match your bank or platform".into(),
            rates: BUILT_IN_PER_USD
                .iter()
                .filter_map(|(code, per_usd)| {
                    Some(FxRate { currency: Currency::parse_code(code)?, usd_per_unit: 1.0 / per_usd })
                })
                .collect(),
        }
    }

    /// US dollars for one unit of `currency`, if the table has it.
    pub fn usd_per_unit(&self, currency: Currency) -> Option<f64> {
        self.rates.iter().find(|r| r.currency == currency).map(|r| r.usd_per_unit)
    }

    /// `amount` in `currency` as US dollars; amounts with no known currency are taken as USD.
    pub fn to_usd(&self, amount: f64, currency: Option<Currency>) -> Option<f64> {
        match currency {
            None => Some(amount),
            Some(c) => self.usd_per_unit(c).map(|rate| amount * rate),
        }
    }

    /// Sets (or adds) a rate, as the user typed it.
    pub fn set(&mut self, currency: Currency, usd_per_unit: f64) {
        match self.rates.iter_mut().find(|r| r.currency == currency) {
            Some(r) => r.usd_per_unit = usd_per_unit,
            None => self.rates.push(FxRate { currency, usd_per_unit }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_usd_and_accepts_user_rates() {
        let mut fx = FxTable::built_in();
        let cny = Currency::parse_code("CNY").unwrap();
        assert!((fx.to_usd(71.3, Some(cny)).unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(fx.to_usd(5.0, None), Some(5.0));
        fx.set(cny, 0.14);
        assert!((fx.to_usd(100.0, Some(cny)).unwrap() - 14.0).abs() < 1e-9);
        assert_eq!(fx.to_usd(1.0, Some(Currency(*b"QQQ"))), None);
    }
}
