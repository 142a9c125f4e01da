//! Column mapping: which column of a file holds which field.
//!
//! Columns are matched by their header (English and Chinese synonyms) and by what their
//! values look like; the user sees each choice with sample values and a confidence, and
//! may change any of it before the file is read in full.

pub mod fields;
pub mod profile;
pub mod requirements;

use crate::ingest::parse::date::DayMonthOrder;
use crate::ingest::parse::number::{Currency, DecimalSeparator};
use crate::model::country::CountryCode;
pub use fields::{catalogue, normalize_header, spec, BadValue, DatasetKind, Field, FieldSpec, ValueKind};
use profile::ColumnProfile;
use serde::{Deserialize, Serialize};

/// Why a column was chosen for a field.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MatchBasis {
    /// The header is a known name of the field.
    Header,
    /// The header is a weaker name (an order date standing in for a ship date).
    HeaderFallback,
    /// The header names the field among other words (`Destination Country Code`).
    HeaderPartial,
    /// Only the values suggested it (a column full of country names).
    Content,
    /// The user chose it.
    User,
}

/// The column chosen for one field.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FieldChoice {
    pub field: Field,
    /// Index of the column in the file, or `None` when no column holds this field.
    pub column: Option<usize>,
    /// 0–1; 1 is an exact header match whose values all fit.
    pub confidence: f32,
    pub basis: Option<MatchBasis>,
}

/// How a weight column is measured, read from its header.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum WeightUnit {
    #[default]
    Kg,
    G,
    Lb,
}

impl WeightUnit {
    pub fn to_kg(self, value: f64) -> f64 {
        match self {
            WeightUnit::Kg => value,
            WeightUnit::G => value / 1000.0,
            WeightUnit::Lb => value * 0.453_592_37,
        }
    }
}

/// Reading conventions the user can override; `None` means "infer from the data".
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ReadOptions {
    pub date_order: Option<DayMonthOrder>,
    pub decimal: Option<DecimalSeparator>,
    pub weight_unit: WeightUnit,
    /// The currency of amounts whose cell and column header name none (the user's choice;
    /// `None` reads them as US dollars). A currency named in a column's header, such as
    /// `Shipping Cost (CNY)`, applies to that column.
    pub currency: Option<Currency>,
    /// Country values the user assigned by hand (raw text → code).
    pub country_overrides: Vec<(String, CountryCode)>,
}

/// A dataset's full mapping: kind, one choice per field, and reading options.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Mapping {
    pub kind: DatasetKind,
    pub fields: Vec<FieldChoice>,
    pub options: ReadOptions,
}

impl Mapping {
    /// The column chosen for a field.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields.iter().find(|c| c.field == field).and_then(|c| c.column)
    }

    pub fn has(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    /// Points a field at a column (or at none), as the user chose; a column serves one
    /// field only, so any other field on that column is cleared.
    pub fn assign(&mut self, field: Field, column: Option<usize>) {
        for choice in &mut self.fields {
            if choice.field == field {
                choice.column = column;
                choice.confidence = if column.is_some() { 1.0 } else { 0.0 };
                choice.basis = column.map(|_| MatchBasis::User);
            } else if column.is_some() && choice.column == column {
                choice.column = None;
                choice.confidence = 0.0;
                choice.basis = None;
            }
        }
    }
}

/// Proposes a mapping of `headers` for `kind`, using up to a few hundred sample rows.
///
/// ```
/// use borderlens_core::mapping::{propose, DatasetKind, Field};
/// let headers = vec!["运单号".to_string(), "发货日期".into(), "目的国".into(), "妥投时间".into()];
/// let rows = vec![vec!["LP001".to_string(), "2024-03-01".into(), "巴西".into(), "2024-03-29".into()]];
/// let mapping = propose(DatasetKind::Shipments, &headers, &rows);
/// assert_eq!(mapping.column(Field::Destination), Some(2));
/// assert_eq!(mapping.column(Field::DeliveredDate), Some(3));
/// ```
pub fn propose(kind: DatasetKind, headers: &[String], samples: &[Vec<String>]) -> Mapping {
    let decimal = infer_decimal(samples);
    let profiles: Vec<ColumnProfile> = (0..headers.len())
        .map(|col| ColumnProfile::of(samples.iter().filter_map(|r| r.get(col).map(String::as_str)), decimal))
        .collect();
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();

    let mut candidates: Vec<(f32, usize, usize, MatchBasis)> = Vec::new();
    for (fi, spec) in catalogue(kind).iter().enumerate() {
        for (col, header) in normalized.iter().enumerate() {
            if let Some((score, basis)) = score(spec, header, &profiles[col]) {
                candidates.push((score, fi, col, basis));
            }
        }
    }
    // A column whose header names a field is not proposed for another field on its values
    // alone: DataCo's `Customer Country` (the buyer's country) is never where parcels left from.
    let is_named: Vec<bool> =
        (0..headers.len()).map(|col| candidates.iter().any(|c| c.2 == col && c.3 != MatchBasis::Content)).collect();
    candidates.retain(|c| c.3 != MatchBasis::Content || !is_named[c.2]);
    // Highest scores first; ties go to the earlier field, then the earlier column.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    let specs = catalogue(kind);
    let mut fields: Vec<FieldChoice> =
        specs.iter().map(|s| FieldChoice { field: s.field, column: None, confidence: 0.0, basis: None }).collect();
    let mut column_taken = vec![false; headers.len()];
    for (score, fi, col, basis) in candidates {
        if score < MIN_SCORE || column_taken[col] || fields[fi].column.is_some() {
            continue;
        }
        column_taken[col] = true;
        fields[fi] = FieldChoice { field: specs[fi].field, column: Some(col), confidence: score, basis: Some(basis) };
    }

    let mut options = ReadOptions { decimal: None, ..ReadOptions::default() };
    if let Some(col) = fields.iter().find(|c| c.field == Field::Weight).and_then(|c| c.column) {
        options.weight_unit = weight_unit_from_header(&headers[col]);
    }
    Mapping { kind, fields, options }
}

/// Below this a column is not proposed at all.
const MIN_SCORE: f32 = 0.3;

fn score(spec: &FieldSpec, header: &str, profile: &ColumnProfile) -> Option<(f32, MatchBasis)> {
    let typed = matches!(
        spec.kind,
        ValueKind::Date
            | ValueKind::Number
            | ValueKind::Money
            | ValueKind::Country
            | ValueKind::PromiseDays
            | ValueKind::HsCode
            | ValueKind::Flag
    );
    let fit = if profile.is_empty() { 0.6 } else { profile.fit(spec.kind) };
    let header_match = if header.is_empty() {
        None
    } else if spec.synonyms.contains(&header) {
        Some((1.0, MatchBasis::Header))
    } else if spec.fallbacks.contains(&header) {
        Some((0.6, MatchBasis::HeaderFallback))
    } else if spec.synonyms.iter().any(|s| is_meaningful_part(s) && header.contains(s)) {
        Some((0.75, MatchBasis::HeaderPartial))
    } else {
        None
    };
    match header_match {
        Some((h, basis)) => {
            let mut s = h * (0.4 + 0.6 * fit);
            if typed && !profile.is_empty() && fit < 0.5 {
                s *= 0.4;
            }
            Some((s, basis))
        }
        None => {
            let content_only = match spec.field {
                Field::Destination if fit >= 0.9 => 0.55 * fit,
                Field::Origin if fit >= 0.9 => 0.35 * fit,
                Field::TrackingNumber if profile.share_tracking() >= 0.9 => 0.5,
                _ => 0.0,
            };
            (content_only > 0.0).then_some((content_only, MatchBasis::Content))
        }
    }
}

impl ColumnProfile {
    fn share_tracking(&self) -> f32 {
        if self.non_empty == 0 {
            0.0
        } else {
            self.tracking_like as f32 / self.non_empty as f32
        }
    }
}

/// A synonym long enough to count when found inside a longer header: four Latin letters,
/// or two CJK characters.
fn is_meaningful_part(s: &str) -> bool {
    let chars = s.chars().count();
    if s.is_ascii() {
        chars >= 5
    } else {
        chars >= 2
    }
}

fn infer_decimal(samples: &[Vec<String>]) -> DecimalSeparator {
    let mut profile = crate::ingest::parse::number::NumberColumnProfile::default();
    for row in samples.iter().take(200) {
        for v in row {
            profile.add(v);
        }
    }
    profile.decimal_separator()
}

/// The unit a weight header names: `Weight (g)`, `重量(克)`, `Weight lbs`.
pub fn weight_unit_from_header(header: &str) -> WeightUnit {
    let h = header.to_lowercase();
    let words: Vec<&str> = h.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if h.contains('克') && !h.contains("千克") || words.iter().any(|w| matches!(*w, "g" | "gram" | "grams" | "gr")) {
        WeightUnit::G
    } else if h.contains('磅') || words.iter().any(|w| matches!(*w, "lb" | "lbs" | "pound" | "pounds")) {
        WeightUnit::Lb
    } else {
        WeightUnit::Kg
    }
}

/// The currency a money header names: `Freight Cost (USD)`, `运费(元)`, `Valor R$`.
pub fn currency_from_header(header: &str) -> Option<Currency> {
    let h = header.to_uppercase();
    if h.contains('元') || h.contains("RMB") || h.contains('¥') || h.contains('￥') || h.contains("人民币") {
        return Currency::parse_code("CNY");
    }
    if h.contains("R$") {
        return Currency::parse_code("BRL");
    }
    for (sym, code) in
        [("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₽", "RUB"), ("美元", "USD"), ("欧元", "EUR")]
    {
        if h.contains(sym) {
            return Currency::parse_code(code);
        }
    }
    h.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() == 3)
        .find_map(|w| KNOWN_CURRENCIES.contains(&w).then(|| Currency::parse_code(w)).flatten())
}

const KNOWN_CURRENCIES: &[&str] =
    &["USD", "CNY", "EUR", "GBP", "BRL", "RUB", "JPY", "INR", "MXN", "CAD", "AUD", "HKD", "KRW", "TRY", "PLN", "SGD"];

/// Proposes the best-fitting kind and its mapping.
pub fn detect_kind(headers: &[String], samples: &[Vec<String>]) -> Mapping {
    DatasetKind::ALL
        .iter()
        .map(|&kind| propose(kind, headers, samples))
        .max_by(|a, b| requirements::kind_score(a).total_cmp(&requirements::kind_score(b)))
        .expect("at least one dataset kind")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn maps_chinese_forwarder_headers() {
        let headers =
            strings(&["运单号", "发货时间", "签收日期", "收件国家", "货代", "物流渠道", "重量(g)", "运费(元)"]);
        let rows = vec![strings(&["LP00123456789CN", "2024/3/5", "2024/3/30", "巴西", "云途", "专线", "350", "45.5"])];
        let m = propose(DatasetKind::Shipments, &headers, &rows);
        for (field, col) in [
            (Field::TrackingNumber, 0),
            (Field::ShipDate, 1),
            (Field::DeliveredDate, 2),
            (Field::Destination, 3),
            (Field::Carrier, 4),
            (Field::Service, 5),
            (Field::Weight, 6),
            (Field::ShippingCost, 7),
        ] {
            assert_eq!(m.column(field), Some(col), "{field:?}");
        }
        assert_eq!(m.options.weight_unit, WeightUnit::G);
        assert_eq!(m.options.currency, None, "the header's currency applies to its own column only");
    }

    #[test]
    fn maps_english_headers_and_content() {
        let headers = strings(&["Order ID", "Ship Date", "Delivered", "Ship To", "Carrier", "Promised Days"]);
        let rows = vec![
            strings(&["A-1", "2024-03-05", "2024-03-20", "Brazil", "4PX", "15-25天"]),
            strings(&["A-2", "2024-03-06", "", "Russia", "Yanwen", "20"]),
        ];
        let m = propose(DatasetKind::Shipments, &headers, &rows);
        assert_eq!(m.column(Field::OrderId), Some(0));
        assert_eq!(m.column(Field::ShipDate), Some(1));
        assert_eq!(m.column(Field::Destination), Some(3));
        assert_eq!(m.column(Field::PromisedDays), Some(5));
    }

    #[test]
    fn promise_column_goes_to_date_or_days_by_content() {
        let headers = strings(&["发货日期", "承诺时效"]);
        let as_days = propose(DatasetKind::Shipments, &headers, &[strings(&["2024-03-05", "15-25个工作日"])]);
        assert_eq!(as_days.column(Field::PromisedDays), Some(1));
        let as_date = propose(DatasetKind::Shipments, &headers, &[strings(&["2024-03-05", "2024-04-01"])]);
        assert_eq!(as_date.column(Field::PromisedDate), Some(1));
    }

    #[test]
    fn a_named_column_is_not_taken_for_another_field_by_its_values() {
        // DataCo: the order's country is the destination; the customer's country is not an origin.
        let headers = strings(&["Customer Country", "Order Country", "Sender"]);
        let rows = vec![strings(&["EE. UU.", "Francia", "China"]), strings(&["Puerto Rico", "México", "China"])];
        let m = propose(DatasetKind::Shipments, &headers, &rows);
        assert_eq!(m.column(Field::Destination), Some(1));
        assert_eq!(m.column(Field::Origin), Some(2));
    }

    #[test]
    fn user_assignment_moves_a_column() {
        let headers = strings(&["Ship Date", "Delivered Date"]);
        let mut m = propose(DatasetKind::Shipments, &headers, &[strings(&["2024-03-05", "2024-03-09"])]);
        m.assign(Field::PromisedDate, Some(1));
        assert_eq!(m.column(Field::PromisedDate), Some(1));
        assert_eq!(m.column(Field::DeliveredDate), None);
    }

    #[test]
    fn reads_units_and_currencies_from_headers() {
        assert_eq!(weight_unit_from_header("Weight (Kilograms)"), WeightUnit::Kg);
        assert_eq!(weight_unit_from_header("重量（克）"), WeightUnit::G);
        assert_eq!(weight_unit_from_header("Weight lbs"), WeightUnit::Lb);
        assert_eq!(currency_from_header("Freight Cost (USD)"), Currency::parse_code("USD"));
        assert_eq!(currency_from_header("运费(元)"), Currency::parse_code("CNY"));
        assert_eq!(currency_from_header("Shipping Cost"), None);
    }
}
