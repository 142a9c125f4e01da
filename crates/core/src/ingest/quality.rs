//! The data-quality ledger: every row read is either used or rejected with a reason, and
//! suspicious rows that are kept are counted as warnings with examples.

use crate::mapping::Field;
use crate::model::Date;
use serde::{Deserialize, Serialize};

/// Why a row could not be used.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RejectReason {
    /// A required cell is empty.
    Missing,
    /// The cell is not a date in any format borderlens reads.
    UnreadableDate,
    /// The cell reads as a date only in the day/month order the rest of the column does not use.
    DateAgainstColumnOrder,
    /// The cell is not a number.
    UnreadableNumber,
    /// Transit days below zero.
    NegativeDays,
    /// The parcel was delivered before it was shipped.
    DeliveredBeforeShipped { shipped: Date, delivered: Date },
    /// The row has more filled cells than the header has columns (a stray delimiter).
    TooManyFields { found: usize, expected: usize },
}

/// A rejected row: where it is (the 1-based row a user sees in Excel or a text editor
/// where the record starts), which column, what it held, and why.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Rejection {
    pub row: u64,
    /// The column's header as written in the file (None for row-wide problems).
    pub column: Option<String>,
    pub field: Option<Field>,
    pub value: String,
    pub reason: RejectReason,
}

/// Something suspicious about rows that were kept.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// An optional cell could not be read; the row is used without it.
    ValueIgnored,
    /// Transit of more than 365 days.
    TransitOver365,
    /// A date after the reference "today".
    FutureDate,
    /// The same tracking number on more than one row.
    DuplicateTracking,
    /// The row has fewer cells than the header; the missing ones count as empty.
    FewerFields,
    /// A country name borderlens does not know; the user can assign it.
    UnknownCountry,
    /// Transit days with a fraction, rounded to whole days.
    FractionalDays,
}

/// One kind of warning on one column, with a count and the first examples.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    pub column: Option<String>,
    pub field: Option<Field>,
    pub count: u64,
    /// Up to [`MAX_EXAMPLES`] (row, value) pairs.
    pub examples: Vec<(u64, String)>,
}

/// How many example rows a warning keeps.
pub const MAX_EXAMPLES: usize = 20;

/// How the data was read, shown so the user can check it (and change it in the mapping).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Convention {
    DateOrder { column: String, conventions: crate::ingest::parse::date::DateConventions },
    DecimalSeparator { separator: crate::ingest::parse::number::DecimalSeparator },
    WeightUnit { column: String, unit: crate::mapping::WeightUnit },
    Currency { column: String, currency: Option<crate::ingest::parse::number::Currency> },
}

/// A value of a country column that is not a known country.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UnknownValue {
    pub field: Field,
    pub value: String,
    pub count: u64,
}

/// Counts and lists for one dataset. Invariant: `rows_read == rows_used + rows_rejected`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct QualityReport {
    /// Data records below the header (a record with embedded newlines once; blank rows not at all).
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    /// Entirely blank rows, skipped.
    pub rows_blank: u64,
    pub rejections: Vec<Rejection>,
    pub warnings: Vec<Warning>,
    pub conventions: Vec<Convention>,
    pub unknown_countries: Vec<UnknownValue>,
    /// Bytes that were not valid in the detected encoding (shown as �).
    pub malformed_bytes: u64,
}

/// Collects warnings while rows stream by.
#[derive(Debug, Default, Clone)]
pub struct WarningLog {
    warnings: Vec<Warning>,
}

impl WarningLog {
    pub fn add(&mut self, kind: WarningKind, column: Option<&str>, field: Option<Field>, row: u64, value: &str) {
        let entry = match self.warnings.iter_mut().position(|w| w.kind == kind && w.field == field) {
            Some(i) => &mut self.warnings[i],
            None => {
                self.warnings.push(Warning {
                    kind,
                    column: column.map(str::to_owned),
                    field,
                    count: 0,
                    examples: Vec::new(),
                });
                self.warnings.last_mut().expect("just pushed")
            }
        };
        entry.count += 1;
        if entry.examples.len() < MAX_EXAMPLES {
            entry.examples.push((row, value.to_owned()));
        }
    }

    pub fn into_vec(mut self) -> Vec<Warning> {
        self.warnings.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.field.cmp(&b.field)));
        self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_count_all_and_keep_a_few_examples() {
        let mut log = WarningLog::default();
        for row in 0..30 {
            log.add(WarningKind::ValueIgnored, Some("Weight"), Some(Field::Weight), row, "n/a");
        }
        log.add(WarningKind::FutureDate, Some("Ship Date"), Some(Field::ShipDate), 4, "2099-01-01");
        let warnings = log.into_vec();
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].count, 30);
        assert_eq!(warnings[0].examples.len(), MAX_EXAMPLES);
    }

    #[test]
    fn reasons_serialise_with_a_code() {
        let r = RejectReason::TooManyFields { found: 5, expected: 3 };
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"code":"too_many_fields","found":5,"expected":3}"#);
    }
}
