//! Destination de-minimis thresholds: the declared value up to which a low-value parcel enters free of duty and/or tax, as a built-in table the user can edit.
//!
//! The customs analysis puts each parcel in a value band relative to its destination's
//! threshold, because parcels above it are the ones customs stops for duty, tax and paperwork.
//! These rules change often (the US ended de minimis for every country in 2025, Brazil taxes
//! low-value parcels since 2024, the EU is removing its EUR 150 duty relief), so every entry
//! carries the date of the rule it encodes, the authority it comes from and a one-line note,
//! and the UI shows the table for users to check and correct. Nothing is fetched.
//!
//! Thresholds are those that apply to parcels shipped from mainland China, the sellers this
//! app serves; where other origins differ (trade agreements), the note says so.

use crate::ingest::parse::number::Currency;
use crate::model::{CountryCode, Date, FxTable};
use serde::{Deserialize, Serialize};

/// Which charges a threshold waives.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DutyScope {
    /// Customs duty only; VAT/GST is still due (often collected at the point of sale).
    Duty,
    /// Import VAT/GST only.
    Tax,
    /// Both duty and tax.
    DutyAndTax,
}

impl DutyScope {
    /// Every scope, in the order the UI lists them.
    pub const ALL: [DutyScope; 3] = [DutyScope::Duty, DutyScope::Tax, DutyScope::DutyAndTax];

    /// The serde name, `"duty_and_tax"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DutyScope::Duty => "duty",
            DutyScope::Tax => "tax",
            DutyScope::DutyAndTax => "duty_and_tax",
        }
    }
}

/// One destination's de-minimis rule.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DeMinimis {
    /// The destination country.
    pub country: CountryCode,
    /// The declared value up to which the waiver applies, in `currency`; `0` where low-value
    /// parcels are charged from the first unit.
    pub threshold: f64,
    /// The currency the authority states the threshold in.
    pub currency: Currency,
    /// Which charges the threshold waives.
    pub applies_to: DutyScope,
    /// The date from which the encoded rule applies.
    pub as_of: Date,
    /// The authority (and the act, where known) the rule comes from.
    pub source: String,
    /// What changed, in one line, and a reminder to check the current rules.
    pub note: String,
}

/// Where a parcel's declared value stands against its destination's threshold.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ValueBand {
    /// At or below the threshold.
    BelowDeMinimis,
    /// Above the threshold.
    AboveDeMinimis,
    /// No value, no rule for the country, or no exchange rate for the threshold's currency.
    Unknown,
}

impl ValueBand {
    /// Every band, in the order the UI lists them.
    pub const ALL: [ValueBand; 3] = [ValueBand::BelowDeMinimis, ValueBand::AboveDeMinimis, ValueBand::Unknown];

    /// The serde name, `"below_de_minimis"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueBand::BelowDeMinimis => "below_de_minimis",
            ValueBand::AboveDeMinimis => "above_de_minimis",
            ValueBand::Unknown => "unknown",
        }
    }
}

/// The thresholds of every destination the user ships to: the built-in rules, as edited.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DeMinimisTable {
    pub entries: Vec<DeMinimis>,
}

impl Default for DeMinimisTable {
    fn default() -> DeMinimisTable {
        DeMinimisTable::built_in()
    }
}

impl DeMinimisTable {
    /// The rules shipped with borderlens, as known when written: see each entry's `as_of`,
    /// `source` and `note`.
    pub fn built_in() -> DeMinimisTable {
        let entries = BUILT_IN
            .iter()
            .filter_map(|row| {
                Some(DeMinimis {
                    country: CountryCode::from_alpha2(row.country)?,
                    threshold: row.threshold,
                    currency: Currency(*row.currency),
                    applies_to: row.applies_to,
                    as_of: Date::from_ymd(row.as_of.0, row.as_of.1, row.as_of.2)?,
                    source: row.source.into(),
                    note: row.note.into(),
                })
            })
            .chain(EU_MEMBERS.iter().filter_map(|code| {
                Some(DeMinimis {
                    country: CountryCode::from_alpha2(code)?,
                    threshold: 150.0,
                    currency: Currency::EUR,
                    applies_to: DutyScope::Duty,
                    as_of: Date::from_ymd(2021, 7, 1)?,
                    source: EU_SOURCE.into(),
                    note: EU_NOTE.into(),
                })
            }))
            .collect();
        DeMinimisTable { entries }
    }

    /// The rule for a country, if the table has one.
    pub fn get(&self, country: CountryCode) -> Option<&DeMinimis> {
        self.entries.iter().find(|e| e.country == country)
    }

    /// Sets a country's rule, as the user typed it: replaces the country's entry, or adds one.
    pub fn set(&mut self, entry: DeMinimis) {
        match self.entries.iter_mut().find(|e| e.country == entry.country) {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
    }

    /// A country's threshold in US dollars, if the table has a rule and `fx` a rate for its
    /// currency.
    pub fn threshold_usd(&self, country: CountryCode, fx: &FxTable) -> Option<f64> {
        let entry = self.get(country)?;
        fx.to_usd(entry.threshold, Some(entry.currency)).filter(|t| t.is_finite())
    }

    /// Where a declared value (in US dollars) stands against the destination's threshold.
    ///
    /// A value equal to the threshold is [`ValueBand::BelowDeMinimis`]: the rules waive
    /// charges on goods "not exceeding" the threshold. The comparison allows a relative
    /// 1e-9 so that rounding in the currency conversion does not push a value that equals the
    /// threshold over it. [`ValueBand::Unknown`] when the value is missing, negative or not a
    /// number, when the table has no rule for the country, or when `fx` has no rate for the
    /// threshold's currency.
    ///
    /// ```
    /// use borderlens_core::analysis::customs::de_minimis::{DeMinimisTable, ValueBand};
    /// use borderlens_core::model::{CountryCode, FxTable};
    ///
    /// let table = DeMinimisTable::built_in();
    /// let fx = FxTable::built_in();
    /// let au = CountryCode::from_alpha2("AU").unwrap();
    /// assert_eq!(table.band(au, Some(120.0), &fx), ValueBand::BelowDeMinimis);
    /// assert_eq!(table.band(au, Some(5_000.0), &fx), ValueBand::AboveDeMinimis);
    /// assert_eq!(table.band(au, None, &fx), ValueBand::Unknown);
    /// ```
    pub fn band(&self, country: CountryCode, declared_value_usd: Option<f64>, fx: &FxTable) -> ValueBand {
        let Some(value) = declared_value_usd.filter(|v| v.is_finite() && *v >= 0.0) else {
            return ValueBand::Unknown;
        };
        let Some(threshold) = self.threshold_usd(country, fx) else {
            return ValueBand::Unknown;
        };
        if value <= threshold * (1.0 + 1e-9) {
            ValueBand::BelowDeMinimis
        } else {
            ValueBand::AboveDeMinimis
        }
    }
}

/// A built-in rule as written in the source.
struct Row {
    country: &'static str,
    threshold: f64,
    currency: &'static [u8; 3],
    applies_to: DutyScope,
    as_of: (i32, u32, u32),
    source: &'static str,
    note: &'static str,
}

/// The EU members in the table; one rule, set by the Union, stated in euros for all of them.
const EU_MEMBERS: &[&str] =
    &["DE", "FR", "ES", "IT", "NL", "PL", "SE", "BE", "AT", "IE", "PT", "CZ", "DK", "FI", "GR", "HU", "RO"];

const EU_SOURCE: &str = "EU Council (Regulation 1186/2009; VAT e-commerce package)";

const EU_NOTE: &str =
    "Duty relief up to EUR 150; VAT is due from the first euro since 1 Jul 2021 (IOSS). The EU agreed \
     in 2025 to abolish the EUR 150 relief, with a flat per-item duty planned from 2026 — check current rules.";

/// Where the date is not that of the act but when the long-standing rule was last known to
/// be in force, the note says so.
const BUILT_IN: &[Row] = &[
    Row {
        country: "US",
        threshold: 0.0,
        currency: b"USD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 8, 29),
        source: "U.S. CBP (Executive Order 14324)",
        note: "The USD 800 de minimis (Section 321) was suspended for China and Hong Kong on 2 May 2025 and for \
               all countries on 29 Aug 2025; every parcel pays duty — check CBP for current rules.",
    },
    Row {
        country: "CA",
        threshold: 20.0,
        currency: b"CAD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2020, 7, 1),
        source: "Canada Border Services Agency (CBSA)",
        note: "CAD 20 for goods from outside CUSMA such as China; courier goods from the US or Mexico have CAD 40 \
               (tax) / CAD 150 (duty) since 1 Jul 2020 — check CBSA for current rules.",
    },
    Row {
        country: "MX",
        threshold: 0.0,
        currency: b"USD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 1, 1),
        source: "SAT / Secretaría de Economía (RGCE 2025)",
        note: "Since 1 Jan 2025 courier parcels from countries without a trade agreement (China) lost the USD 50 \
               exemption and pay a flat global rate, raised again later in 2025; USMCA goods keep USD 50/117 — \
               check SAT for current rules.",
    },
    Row {
        country: "BR",
        threshold: 0.0,
        currency: b"USD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2024, 8, 1),
        source: "Receita Federal (Lei 14.902/2024, Programa Remessa Conforme)",
        note: "Since 1 Aug 2024 purchases up to USD 50 pay 20 % import tax (60 % above, less USD 20) plus state \
               ICMS; no duty-free band — check Receita Federal for current rules.",
    },
    Row {
        country: "CL",
        threshold: 41.0,
        currency: b"USD",
        applies_to: DutyScope::Duty,
        as_of: (2025, 10, 25),
        source: "Servicio Nacional de Aduanas (Ley 21.713)",
        note: "Low-value imports pay 19 % VAT from the first dollar since 25 Oct 2025; the USD 41 exemption now \
               covers duty only — check Aduanas for current rules.",
    },
    Row {
        country: "CO",
        threshold: 200.0,
        currency: b"USD",
        applies_to: DutyScope::Duty,
        as_of: (2019, 12, 27),
        source: "DIAN (Decreto 1165/2019; Ley 2010/2019)",
        note: "Courier parcels up to USD 200 are duty-free; since Ley 2010/2019 the VAT exemption up to USD 200 \
               applies only to goods from trade-agreement partners, so parcels from China pay VAT — check DIAN.",
    },
    Row {
        country: "PE",
        threshold: 200.0,
        currency: b"USD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 1, 1),
        source: "SUNAT (Régimen Aduanero Especial de Envíos de Entrega Rápida)",
        note: "Courier parcels up to USD 200 enter free of duty and taxes; long-standing rule, the date is when it \
               was last known in force — check SUNAT for current rules.",
    },
    Row {
        country: "AR",
        threshold: 400.0,
        currency: b"USD",
        applies_to: DutyScope::Duty,
        as_of: (2024, 12, 1),
        source: "ARCA (ex-AFIP), courier regime reform",
        note: "Since Dec 2024 (day approximate) courier purchases up to USD 400 are duty-free but pay 21 % VAT, \
               and the per-shipment limit is USD 3,000 — check ARCA for current rules.",
    },
    Row {
        country: "GB",
        threshold: 135.0,
        currency: b"GBP",
        applies_to: DutyScope::Duty,
        as_of: (2021, 1, 1),
        source: "HMRC",
        note: "Customs duty relief up to GBP 135; VAT is charged at the point of sale on these consignments since \
               1 Jan 2021, and the relief was under review in 2025 — check HMRC for current rules.",
    },
    Row {
        country: "CH",
        threshold: 62.0,
        currency: b"CHF",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2024, 1, 1),
        source: "BAZG (Federal Office for Customs and Border Security)",
        note: "Import VAT of CHF 5 or less is not collected (about CHF 62 at the 8.1 % rate of 2024), and \
               industrial goods carry no duty since 1 Jan 2024 — check BAZG for current rules.",
    },
    Row {
        country: "NO",
        threshold: 3000.0,
        currency: b"NOK",
        applies_to: DutyScope::Duty,
        as_of: (2020, 4, 1),
        source: "Norwegian Tax Administration (VOEC scheme)",
        note: "VAT is charged from the first krone since 1 Apr 2020, collected at sale under VOEC for goods under \
               NOK 3,000, which enter duty-free — check Norwegian Customs for current rules.",
    },
    Row {
        country: "RU",
        threshold: 200.0,
        currency: b"EUR",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2020, 1, 1),
        source: "Eurasian Economic Commission / Federal Customs Service (FTS)",
        note: "Personal imports are duty-free up to EUR 200 and 31 kg per parcel since 1 Jan 2020; lowering the \
               limit and taxing marketplace imports was under discussion in 2025 — check FTS for current rules.",
    },
    Row {
        country: "KZ",
        threshold: 200.0,
        currency: b"EUR",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2020, 1, 1),
        source: "Eurasian Economic Commission / State Revenue Committee of Kazakhstan",
        note: "EAEU rule: personal imports duty-free up to EUR 200 and 31 kg per parcel since 1 Jan 2020 — check \
               current rules.",
    },
    Row {
        country: "UA",
        threshold: 150.0,
        currency: b"EUR",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2019, 1, 1),
        source: "State Customs Service of Ukraine",
        note: "Parcels up to EUR 150 are free of duty and VAT since 2019; cutting this to EUR 45 and taxing \
               low-value parcels was being legislated in 2025 — check current rules.",
    },
    Row {
        country: "TR",
        threshold: 0.0,
        currency: b"EUR",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2024, 8, 2),
        source: "Ministry of Trade of Türkiye (Presidential Decision)",
        note: "No tax-free band: postal and courier parcels pay a flat-rate tax, and that regime is limited to \
               EUR 30 since Aug 2024 (was EUR 150) — check current rules.",
    },
    Row {
        country: "SA",
        threshold: 1000.0,
        currency: b"SAR",
        applies_to: DutyScope::Duty,
        as_of: (2020, 7, 1),
        source: "ZATCA (Zakat, Tax and Customs Authority)",
        note: "Customs duty is waived up to SAR 1,000, while 15 % VAT (since 1 Jul 2020) applies to every import \
               — check ZATCA for current rules.",
    },
    Row {
        country: "AE",
        threshold: 1000.0,
        currency: b"AED",
        applies_to: DutyScope::Duty,
        as_of: (2025, 1, 1),
        source: "UAE Federal Authority for Identity, Citizenship, Customs and Port Security",
        note: "GCC rule: customs duty waived up to AED 1,000; 5 % VAT may still apply. Long-standing rule, the date \
               is when it was last known in force — check current rules.",
    },
    Row {
        country: "IL",
        threshold: 75.0,
        currency: b"USD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 1, 1),
        source: "Israel Tax Authority (Customs)",
        note: "Personal imports free of VAT and duty up to USD 75 (duty-free up to USD 500); a rise of the VAT \
               exemption to USD 150 was announced in 2025. Date: when last known in force — check current rules.",
    },
    Row {
        country: "IN",
        threshold: 0.0,
        currency: b"INR",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 1, 1),
        source: "CBIC (Courier Imports and Exports Regulations)",
        note: "No de minimis for purchases: courier imports pay duty and IGST; only bona fide gifts up to INR \
               10,000 are exempt. Date: when last known in force — check CBIC for current rules.",
    },
    Row {
        country: "JP",
        threshold: 10000.0,
        currency: b"JPY",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 1, 1),
        source: "Japan Customs",
        note: "Customs value up to JPY 10,000 is free of duty and consumption tax (personal imports valued at 60 % \
               of price); ending this for e-commerce was planned from 2026 — check Japan Customs.",
    },
    Row {
        country: "KR",
        threshold: 150.0,
        currency: b"USD",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 1, 1),
        source: "Korea Customs Service",
        note: "Personal imports up to USD 150 are free of duty and VAT (USD 200 from the US under KORUS); \
               long-standing rule, date when last known in force — check KCS for current rules.",
    },
    Row {
        country: "AU",
        threshold: 1000.0,
        currency: b"AUD",
        applies_to: DutyScope::Duty,
        as_of: (2018, 7, 1),
        source: "Australian Border Force / Australian Taxation Office",
        note: "Goods up to AUD 1,000 enter duty-free, but 10 % GST is collected at sale by sellers and marketplaces \
               since 1 Jul 2018 — check current rules.",
    },
    Row {
        country: "NZ",
        threshold: 1000.0,
        currency: b"NZD",
        applies_to: DutyScope::Duty,
        as_of: (2019, 12, 1),
        source: "New Zealand Customs Service / Inland Revenue",
        note: "Offshore sellers charge 15 % GST at sale on goods up to NZD 1,000 since 1 Dec 2019; duty is not \
               collected on those at the border — check NZ Customs for current rules.",
    },
    Row {
        country: "SG",
        threshold: 400.0,
        currency: b"SGD",
        applies_to: DutyScope::Duty,
        as_of: (2023, 1, 1),
        source: "Singapore Customs / IRAS",
        note: "Goods up to SGD 400 (air and post) keep import relief at the border, but GST is charged at sale \
               under the overseas vendor regime since 1 Jan 2023 — check current rules.",
    },
    Row {
        country: "MY",
        threshold: 500.0,
        currency: b"MYR",
        applies_to: DutyScope::Duty,
        as_of: (2024, 1, 1),
        source: "Royal Malaysian Customs Department",
        note: "Goods up to MYR 500 are duty-free, but a 10 % low-value-goods sales tax is charged at sale since 1 Jan \
               2024 — check current rules.",
    },
    Row {
        country: "TH",
        threshold: 1500.0,
        currency: b"THB",
        applies_to: DutyScope::Duty,
        as_of: (2024, 7, 5),
        source: "Thai Customs Department / Revenue Department",
        note: "7 % VAT is charged on all imports, those up to THB 1,500 included, since 5 Jul 2024; ending the duty \
               exemption was announced for 2026 — check Thai Customs for current rules.",
    },
    Row {
        country: "PH",
        threshold: 10000.0,
        currency: b"PHP",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2016, 5, 30),
        source: "Bureau of Customs (CMTA, Republic Act 10863)",
        note: "Shipments of PHP 10,000 or less are free of duty and tax under the CMTA (in force since 2016) — check \
               BOC for current rules.",
    },
    Row {
        country: "ID",
        threshold: 3.0,
        currency: b"USD",
        applies_to: DutyScope::Duty,
        as_of: (2020, 1, 30),
        source: "DJBC, Ministry of Finance (PMK 199/2019)",
        note: "De minimis cut from USD 75 to USD 3 on 30 Jan 2020: duty applies above it and VAT to all e-commerce \
               imports — check DJBC for current rules.",
    },
    Row {
        country: "VN",
        threshold: 0.0,
        currency: b"VND",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2025, 2, 18),
        source: "Government of Viet Nam (Decision 01/2025/QĐ-TTg)",
        note: "The VND 1,000,000 exemption for express consignments (Decision 78/2010) was repealed from 18 Feb \
               2025 — check Vietnam Customs for current rules.",
    },
    Row {
        country: "ZA",
        threshold: 0.0,
        currency: b"ZAR",
        applies_to: DutyScope::DutyAndTax,
        as_of: (2024, 9, 1),
        source: "SARS (South African Revenue Service)",
        note: "No exemption: parcels up to ZAR 500 pay a flat-rate duty, and since 1 Sep 2024 also 15 % VAT — check \
               SARS for current rules.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use std::collections::HashSet;

    fn country(code: &str) -> CountryCode {
        CountryCode::from_alpha2(code).unwrap()
    }

    #[test]
    fn every_entry_has_a_source_date_note_and_sane_threshold() {
        let table = DeMinimisTable::built_in();
        assert_eq!(table.entries.len(), BUILT_IN.len() + EU_MEMBERS.len(), "a row did not build");
        let earliest = Date::from_ymd(2009, 1, 1).unwrap();
        let latest = Date::from_ymd(2026, 12, 31).unwrap();
        let fx = FxTable::built_in();
        let mut seen = HashSet::new();
        for e in &table.entries {
            assert!(seen.insert(e.country), "{} is listed twice", e.country);
            assert!(!e.source.trim().is_empty(), "{} has no source", e.country);
            assert!(e.note.contains("check"), "{}'s note does not ask to check current rules", e.country);
            assert!(e.threshold.is_finite() && e.threshold >= 0.0, "{}: {}", e.country, e.threshold);
            assert!(earliest <= e.as_of && e.as_of <= latest, "{}: {}", e.country, e.as_of);
            assert!(Currency::parse_code(e.currency.as_str()).is_some(), "{}: {}", e.country, e.currency);
            assert!(fx.usd_per_unit(e.currency).is_some(), "{}: no built-in rate for {}", e.country, e.currency);
        }
    }

    #[test]
    fn covers_the_main_destinations() {
        let table = DeMinimisTable::built_in();
        let wanted = "US CA MX BR CL CO PE AR GB DE FR ES IT NL PL SE BE AT IE PT CZ DK FI GR HU RO CH NO RU UA \
                      KZ TR SA AE IL IN JP KR AU NZ SG MY TH PH ID VN ZA";
        for code in wanted.split_whitespace() {
            assert!(table.get(country(code)).is_some(), "{code} is missing");
        }
    }

    #[rstest]
    // US: nothing is waived any more, so any value above zero is above.
    #[case("US", Some(0.0), ValueBand::BelowDeMinimis)]
    #[case("US", Some(0.01), ValueBand::AboveDeMinimis)]
    // GB: GBP 135 at 0.75 GBP per USD is USD 180; the threshold itself counts as below.
    #[case("GB", Some(100.0), ValueBand::BelowDeMinimis)]
    #[case("GB", Some(180.0), ValueBand::BelowDeMinimis)]
    #[case("GB", Some(180.01), ValueBand::AboveDeMinimis)]
    // JP: JPY 10,000 at 150 JPY per USD is about USD 66.67.
    #[case("JP", Some(66.0), ValueBand::BelowDeMinimis)]
    #[case("JP", Some(67.0), ValueBand::AboveDeMinimis)]
    // DE: EUR 150 at 0.86 EUR per USD is about USD 174.4.
    #[case("DE", Some(174.0), ValueBand::BelowDeMinimis)]
    #[case("DE", Some(175.0), ValueBand::AboveDeMinimis)]
    // No value, or a value that is not one.
    #[case("GB", None, ValueBand::Unknown)]
    #[case("GB", Some(f64::NAN), ValueBand::Unknown)]
    #[case("GB", Some(-5.0), ValueBand::Unknown)]
    // A country with no rule in the table.
    #[case("AQ", Some(10.0), ValueBand::Unknown)]
    fn bands_declared_values_against_the_threshold(
        #[case] code: &str,
        #[case] value_usd: Option<f64>,
        #[case] expected: ValueBand,
    ) {
        let table = DeMinimisTable::built_in();
        assert_eq!(table.band(country(code), value_usd, &FxTable::built_in()), expected);
    }

    #[test]
    fn a_threshold_without_an_exchange_rate_gives_unknown() {
        let table = DeMinimisTable::built_in();
        let mut fx = FxTable::built_in();
        fx.rates.retain(|r| r.currency != Currency::GBP);
        assert_eq!(table.band(country("GB"), Some(10.0), &fx), ValueBand::Unknown);
        assert_eq!(table.band(country("US"), Some(10.0), &fx), ValueBand::AboveDeMinimis);
    }

    #[test]
    fn user_edits_replace_or_add_rules() {
        let mut table = DeMinimisTable::default();
        let fx = FxTable::built_in();
        let mut us = table.get(country("US")).unwrap().clone();
        us.threshold = 800.0;
        us.note = "as before May 2025".into();
        table.set(us);
        assert_eq!(table.band(country("US"), Some(500.0), &fx), ValueBand::BelowDeMinimis);
        assert_eq!(table.entries.iter().filter(|e| e.country == country("US")).count(), 1);

        assert_eq!(table.band(country("HK"), Some(5.0), &fx), ValueBand::Unknown);
        let before = table.entries.len();
        table.set(DeMinimis {
            country: country("HK"),
            threshold: 1_000_000.0,
            currency: Currency::HKD,
            applies_to: DutyScope::DutyAndTax,
            as_of: Date::from_ymd(2025, 1, 1).unwrap(),
            source: "user".into(),
            note: "free port".into(),
        });
        assert_eq!(table.entries.len(), before + 1);
        assert_eq!(table.band(country("HK"), Some(5.0), &fx), ValueBand::BelowDeMinimis);
    }

    #[test]
    fn serialises_with_snake_case_names_and_round_trips() {
        for band in ValueBand::ALL {
            assert_eq!(serde_json::to_value(band).unwrap(), band.as_str());
        }
        for scope in DutyScope::ALL {
            assert_eq!(serde_json::to_value(scope).unwrap(), scope.as_str());
        }
        let table = DeMinimisTable::built_in();
        let json = serde_json::to_string(&table).unwrap();
        assert!(json.contains(r#""country":"BR""#) && json.contains(r#""currency":"USD""#));
        assert!(json.contains(r#""applies_to":"duty_and_tax""#));
        let back: DeMinimisTable = serde_json::from_str(&json).unwrap();
        assert_eq!(back, table);
    }
}
