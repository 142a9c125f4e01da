//! Turns text records into typed columns for the mapped fields, one record at a time.
//!
//! Only mapped columns are parsed. Dates are kept half-read until the whole column has been
//! seen, because the day/month order and two-digit years are decided from all of it.

use crate::ingest::parse::date::{
    read_date, resolve, DateColumnProfile, DateConventions, DateError, OrderBasis, RawDate,
};
use crate::ingest::parse::number::{read_money, read_number, Currency, DecimalSeparator};
use crate::ingest::parse::promise::{read_promise_days, PromiseDays};
use crate::ingest::parse::trim;
use crate::ingest::quality::{
    Convention, QualityReport, RejectReason, Rejection, UnknownValue, WarningKind, WarningLog,
};
use crate::mapping::{catalogue, BadValue, DatasetKind, Field, Mapping, ValueKind};
use crate::model::country::{normalize_country, CountryCode};
use crate::model::dict::{retain_by_mask, Dict, StrColumn, MISSING};
use crate::model::Date;
use std::collections::HashMap;

/// Amounts with the currency each cell named (if any).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MoneyColumn {
    /// NaN where empty or unreadable.
    pub amounts: Vec<f64>,
    /// Index into `currencies`, or 0 when the cell named no currency.
    pub currency_of: Vec<u8>,
    /// Slot 0 is the column's default currency (`None` if unknown); the rest were named in cells.
    pub currencies: Vec<Option<Currency>>,
}

impl MoneyColumn {
    /// The currency of row `row`.
    pub fn currency(&self, row: usize) -> Option<Currency> {
        self.currencies.get(self.currency_of[row] as usize).copied().flatten()
    }

    /// Gives rows whose cell named no currency the currency of the same row's currency
    /// column (`USD`, `人民币`, `R$`); unreadable codes leave the row as it was.
    pub fn apply_row_currencies(&mut self, codes: &Dict) {
        let parsed: Vec<Option<Currency>> = codes.values.iter().map(|v| Currency::parse_code(v.trim())).collect();
        for (row, slot) in self.currency_of.iter_mut().enumerate() {
            if *slot != 0 {
                continue;
            }
            let Some(currency) = codes.codes.get(row).and_then(|&c| parsed.get(c as usize)).copied().flatten() else {
                continue;
            };
            let index = match self.currencies.iter().skip(1).position(|c| *c == Some(currency)) {
                Some(i) => i + 1,
                None => {
                    self.currencies.push(Some(currency));
                    self.currencies.len() - 1
                }
            };
            *slot = index.min(u8::MAX as usize) as u8;
        }
    }
}

/// A typed column of a loaded table.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Dates(Vec<Option<Date>>),
    /// NaN where empty.
    Numbers(Vec<f64>),
    Money(MoneyColumn),
    Text(Dict),
    /// Dictionary of ISO codes (`BR`) — or the text as written where no country matched.
    Countries {
        dict: Dict,
        known: Vec<bool>,
    },
    Ids(StrColumn),
    Promises(Vec<Option<PromiseDays>>),
}

impl Column {
    fn retain_rows(&mut self, keep: &[bool]) {
        match self {
            Column::Dates(v) => retain_by_mask(v, keep),
            Column::Numbers(v) => retain_by_mask(v, keep),
            Column::Money(m) => {
                retain_by_mask(&mut m.amounts, keep);
                retain_by_mask(&mut m.currency_of, keep);
            }
            Column::Text(d) | Column::Countries { dict: d, .. } => d.retain_rows(keep),
            Column::Ids(s) => s.retain_rows(keep),
            Column::Promises(v) => retain_by_mask(v, keep),
        }
    }
}

/// A dataset read into typed columns; rows are aligned across columns and with `rows`.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: DatasetKind,
    /// The source row (1-based line or sheet row) of each kept row.
    pub rows: Vec<u64>,
    pub columns: HashMap<Field, Column>,
    /// Header text of each mapped field, for messages.
    pub headers: HashMap<Field, String>,
    pub quality: QualityReport,
    pub warnings: WarningLog,
    /// Rows rejected after loading, waiting for [`Table::compact`].
    keep: Vec<bool>,
}

impl Table {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether row `i` is still kept (not rejected since loading).
    pub fn is_kept(&self, i: usize) -> bool {
        self.keep[i]
    }

    pub fn header(&self, field: Field) -> Option<&str> {
        self.headers.get(&field).map(String::as_str)
    }

    /// Rejects kept row `i` (it is removed by [`Table::compact`]).
    pub fn reject(&mut self, i: usize, field: Option<Field>, value: String, reason: RejectReason) {
        if !self.keep[i] {
            return;
        }
        self.keep[i] = false;
        self.quality.rejections.push(Rejection {
            row: self.rows[i],
            column: field.and_then(|f| self.headers.get(&f).cloned()),
            field,
            value,
            reason,
        });
    }

    pub fn warn(&mut self, i: usize, kind: WarningKind, field: Option<Field>, value: &str) {
        let column = field.and_then(|f| self.headers.get(&f)).map(String::as_str);
        self.warnings.add(kind, column, field, self.rows[i], value);
    }

    /// Removes rejected rows from every column and settles the counts.
    pub fn compact(&mut self) {
        if self.keep.iter().any(|k| !k) {
            let keep = std::mem::take(&mut self.keep);
            retain_by_mask(&mut self.rows, &keep);
            for column in self.columns.values_mut() {
                column.retain_rows(&keep);
            }
        }
        self.keep = vec![true; self.rows.len()];
        self.quality.rows_used = self.rows.len() as u64;
        self.quality.rows_rejected = self.quality.rejections.len() as u64;
        self.quality.rejections.sort_by_key(|r| r.row);
    }

    /// Takes a column out of the table (the model moves columns into its own struct).
    pub fn take(&mut self, field: Field) -> Option<Column> {
        self.columns.remove(&field)
    }

    pub fn dates(&self, field: Field) -> Option<&Vec<Option<Date>>> {
        match self.columns.get(&field) {
            Some(Column::Dates(v)) => Some(v),
            _ => None,
        }
    }

    pub fn numbers(&self, field: Field) -> Option<&Vec<f64>> {
        match self.columns.get(&field) {
            Some(Column::Numbers(v)) => Some(v),
            _ => None,
        }
    }

    pub fn promises(&self, field: Field) -> Option<&Vec<Option<PromiseDays>>> {
        match self.columns.get(&field) {
            Some(Column::Promises(v)) => Some(v),
            _ => None,
        }
    }
}

/// Per-field reading state while records stream in. A date profile is boxed: its year
/// histogram is 2 KiB, the other variants a few words.
enum Builder {
    Dates { raw: Vec<Option<RawDate>>, profile: Box<DateColumnProfile> },
    Numbers(Vec<f64>),
    Money { col: MoneyColumn, slots: HashMap<Currency, u8> },
    Text(Dict),
    Countries(Dict),
    Ids(StrColumn),
    HsCodes(StrColumn),
    Promises(Vec<Option<PromiseDays>>),
}

/// A value parsed from one cell, before the row is known to be kept.
#[derive(Clone, Copy)]
enum Parsed {
    Empty,
    Date(RawDate),
    Number(f64),
    Money(f64, Option<Currency>),
    Promise(PromiseDays),
    /// Text kinds are re-read from the record when the row is committed.
    Text,
}

struct Plan {
    field: Field,
    source: usize,
    kind: ValueKind,
    bad_value: BadValue,
    header: String,
}

/// Reads records into a [`Table`] for a mapping.
///
/// ```
/// use borderlens_core::ingest::table::TableLoader;
/// use borderlens_core::mapping::{propose, DatasetKind, Field};
/// let headers: Vec<String> = ["Ship Date", "Delivered Date", "Country"].map(String::from).to_vec();
/// let mapping = propose(DatasetKind::Shipments, &headers, &[]);
/// let mut loader = TableLoader::new(&mapping, &headers, Default::default());
/// loader.push(2, &["2024-03-01", "2024-03-20", "Brazil"]);
/// loader.push(3, &["not a date", "", "Russia"]);
/// let table = loader.finish();
/// assert_eq!((table.quality.rows_read, table.len(), table.quality.rejections.len()), (2, 1, 1));
/// ```
pub struct TableLoader {
    kind: DatasetKind,
    plans: Vec<Plan>,
    builders: Vec<Builder>,
    rows: Vec<u64>,
    header_len: usize,
    decimal: DecimalSeparator,
    mapping: Mapping,
    quality: QualityReport,
    warnings: WarningLog,
    scratch: Vec<Parsed>,
}

/// Settings for reading that come from the sniffing step rather than the mapping.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadSettings {
    /// Decimal separator inferred from the sample; the mapping's choice wins if set.
    pub decimal: Option<DecimalSeparator>,
}

impl TableLoader {
    pub fn new(mapping: &Mapping, headers: &[String], settings: LoadSettings) -> TableLoader {
        let specs = catalogue(mapping.kind);
        let plans: Vec<Plan> = mapping
            .fields
            .iter()
            .filter_map(|choice| {
                let source = choice.column?;
                let spec = specs.iter().find(|s| s.field == choice.field)?;
                Some(Plan {
                    field: spec.field,
                    source,
                    kind: spec.kind,
                    bad_value: spec.bad_value,
                    header: headers.get(source).cloned().unwrap_or_default(),
                })
            })
            .collect();
        let builders = plans
            .iter()
            .map(|p| match p.kind {
                ValueKind::Date => Builder::Dates { raw: Vec::new(), profile: Box::default() },
                ValueKind::Number | ValueKind::Flag => Builder::Numbers(Vec::new()),
                ValueKind::Money => Builder::Money {
                    col: MoneyColumn {
                        currencies: vec![column_currency(&p.header, mapping.options.currency)],
                        ..MoneyColumn::default()
                    },
                    slots: HashMap::new(),
                },
                ValueKind::Category => Builder::Text(Dict::default()),
                ValueKind::Country => Builder::Countries(Dict::default()),
                ValueKind::Identifier => Builder::Ids(StrColumn::default()),
                ValueKind::HsCode => Builder::HsCodes(StrColumn::default()),
                ValueKind::PromiseDays => Builder::Promises(Vec::new()),
            })
            .collect();
        let decimal = mapping.options.decimal.or(settings.decimal).unwrap_or(DecimalSeparator::Dot);
        TableLoader {
            kind: mapping.kind,
            scratch: Vec::with_capacity(plans.len()),
            plans,
            builders,
            rows: Vec::new(),
            header_len: headers.len(),
            decimal,
            mapping: mapping.clone(),
            quality: QualityReport::default(),
            warnings: WarningLog::default(),
        }
    }

    /// Rows read so far (blank rows excluded).
    pub fn rows_read(&self) -> u64 {
        self.quality.rows_read
    }

    /// Makes room for about `rows` rows in all, so that the columns of a large file are not
    /// grown by doubling: each doubling copies the column and, for a moment, holds it twice,
    /// and the last one can leave it nearly half empty.
    pub fn reserve_rows(&mut self, rows: usize) {
        let more = rows.saturating_sub(self.rows.len());
        self.rows.reserve_exact(more);
        for builder in &mut self.builders {
            match builder {
                Builder::Dates { raw, .. } => raw.reserve_exact(more),
                Builder::Numbers(v) => v.reserve_exact(more),
                Builder::Money { col, .. } => {
                    col.amounts.reserve_exact(more);
                    col.currency_of.reserve_exact(more);
                }
                Builder::Text(d) | Builder::Countries(d) => d.reserve(more),
                Builder::Ids(s) | Builder::HsCodes(s) => s.reserve(more),
                Builder::Promises(v) => v.reserve_exact(more),
            }
        }
    }

    /// Reads one record; `row` is where it starts in the file.
    pub fn push(&mut self, row: u64, fields: &[&str]) {
        if fields.iter().all(|f| trim(f).is_empty()) {
            self.quality.rows_blank += 1;
            return;
        }
        self.quality.rows_read += 1;

        let filled = fields.iter().rposition(|f| !trim(f).is_empty()).map_or(0, |i| i + 1);
        if filled > self.header_len {
            self.quality.rejections.push(Rejection {
                row,
                column: None,
                field: None,
                value: fields[self.header_len..filled].join(" | "),
                reason: RejectReason::TooManyFields { found: filled, expected: self.header_len },
            });
            return;
        }
        if fields.len() < self.header_len {
            let needed = self.plans.iter().map(|p| p.source + 1).max().unwrap_or(0);
            if fields.len() < needed {
                self.warnings.add(WarningKind::FewerFields, None, None, row, &fields.len().to_string());
            }
        }

        self.scratch.clear();
        for plan in &self.plans {
            let raw = fields.get(plan.source).map_or("", |f| trim(f));
            let parsed = if raw.is_empty() { Ok(Parsed::Empty) } else { parse_cell(plan.kind, raw, self.decimal) };
            match parsed {
                Ok(p) => self.scratch.push(p),
                Err(reason) => match plan.bad_value {
                    BadValue::RejectRow => {
                        self.quality.rejections.push(Rejection {
                            row,
                            column: Some(plan.header.clone()),
                            field: Some(plan.field),
                            value: raw.to_owned(),
                            reason,
                        });
                        return;
                    }
                    BadValue::KeepRow => {
                        self.warnings.add(WarningKind::ValueIgnored, Some(&plan.header), Some(plan.field), row, raw);
                        self.scratch.push(Parsed::Empty);
                    }
                },
            }
        }

        for ((plan, builder), parsed) in self.plans.iter().zip(&mut self.builders).zip(&self.scratch) {
            let text = fields.get(plan.source).map_or("", |f| trim(f));
            commit(builder, *parsed, text);
        }
        self.rows.push(row);
    }

    /// Finishes reading: settles date conventions and countries, and returns the table.
    pub fn finish(self) -> Table {
        let TableLoader { kind, plans, builders, rows, mapping, mut quality, warnings, decimal, .. } = self;
        let mut table = Table {
            kind,
            keep: vec![true; rows.len()],
            rows,
            columns: HashMap::new(),
            headers: plans.iter().map(|p| (p.field, p.header.clone())).collect(),
            quality: QualityReport::default(),
            warnings,
        };
        quality.conventions.push(Convention::DecimalSeparator { separator: decimal });
        let mut late_rejections: Vec<(usize, Field, String)> = Vec::new();
        // A file writes all its dates one way: a column whose own values cannot tell the
        // day/month order takes it from the file's other date columns.
        let mut file_dates = DateColumnProfile::default();
        for builder in &builders {
            if let Builder::Dates { profile, .. } = builder {
                file_dates.merge(profile);
            }
        }
        for (plan, builder) in plans.iter().zip(builders) {
            let column = match builder {
                Builder::Dates { raw, profile } => {
                    let mut conventions = profile.conventions(mapping.options.date_order);
                    if conventions.order_basis == OrderBasis::Default {
                        let file = file_dates.conventions(mapping.options.date_order);
                        if file.order_basis == OrderBasis::Evidence {
                            conventions.order = file.order;
                            conventions.order_basis = OrderBasis::Evidence;
                            conventions.evidence_rows = file.evidence_rows;
                            conventions.evidence_example = file.evidence_example;
                        }
                    }
                    let dates = resolve_dates(raw, &conventions, |i, r| {
                        late_rejections.push((i, plan.field, describe_raw(&Some(r))));
                    });
                    quality.conventions.push(Convention::DateOrder { column: plan.header.clone(), conventions });
                    Column::Dates(dates)
                }
                Builder::Numbers(v) => {
                    if plan.field == Field::Weight {
                        quality.conventions.push(Convention::WeightUnit {
                            column: plan.header.clone(),
                            unit: mapping.options.weight_unit,
                        });
                    }
                    Column::Numbers(v)
                }
                Builder::Money { col, .. } => {
                    quality
                        .conventions
                        .push(Convention::Currency { column: plan.header.clone(), currency: col.currencies[0] });
                    Column::Money(col)
                }
                Builder::Text(d) => Column::Text(d),
                Builder::Countries(raw) => {
                    let (dict, known, unknown) =
                        normalize_countries(raw, &mapping.options.country_overrides, plan.field);
                    quality.unknown_countries.extend(unknown);
                    Column::Countries { dict, known }
                }
                Builder::Ids(s) | Builder::HsCodes(s) => Column::Ids(s),
                Builder::Promises(v) => Column::Promises(v),
            };
            table.columns.insert(plan.field, column);
        }
        table.quality = quality;
        for (i, field, value) in late_rejections {
            table.reject(i, Some(field), value, RejectReason::DateAgainstColumnOrder);
        }
        table.compact();
        table
    }
}

/// The currency of a money column's unlabelled amounts: the one its header names
/// (`Shipping Cost (CNY)`), else the user's choice for the file.
fn column_currency(header: &str, chosen: Option<Currency>) -> Option<Currency> {
    crate::mapping::currency_from_header(header).or(chosen)
}

fn parse_cell(kind: ValueKind, raw: &str, decimal: DecimalSeparator) -> Result<Parsed, RejectReason> {
    match kind {
        ValueKind::Date => match read_date(raw) {
            Ok(d) => Ok(Parsed::Date(d)),
            Err(DateError::Empty) => Ok(Parsed::Empty),
            Err(_) => Err(RejectReason::UnreadableDate),
        },
        ValueKind::Number => read_number(raw, decimal).map(Parsed::Number).map_err(|_| RejectReason::UnreadableNumber),
        // Flags are stored as numbers: 1 for yes, 0 for no.
        ValueKind::Flag => crate::ingest::parse::flag::read_flag(raw)
            .map(|f| Parsed::Number(if f { 1.0 } else { 0.0 }))
            .map_err(|_| RejectReason::UnreadableNumber),
        ValueKind::Money => read_money(raw, decimal)
            .map(|(amount, currency)| Parsed::Money(amount, currency))
            .map_err(|_| RejectReason::UnreadableNumber),
        ValueKind::PromiseDays => {
            read_promise_days(raw).map(Parsed::Promise).map_err(|_| RejectReason::UnreadableNumber)
        }
        ValueKind::HsCode => {
            if crate::mapping::profile::is_hs_code_like(raw) {
                Ok(Parsed::Text)
            } else {
                Err(RejectReason::UnreadableNumber)
            }
        }
        ValueKind::Category | ValueKind::Identifier | ValueKind::Country => Ok(Parsed::Text),
    }
}

fn commit(builder: &mut Builder, parsed: Parsed, text: &str) {
    match builder {
        Builder::Dates { raw, profile } => {
            let value = match parsed {
                Parsed::Date(d) => {
                    profile.add(&d);
                    Some(d)
                }
                _ => None,
            };
            raw.push(value);
        }
        Builder::Numbers(v) => v.push(if let Parsed::Number(x) = parsed { x } else { f64::NAN }),
        Builder::Money { col, slots } => {
            let (amount, currency) = if let Parsed::Money(a, c) = parsed { (a, c) } else { (f64::NAN, None) };
            let slot = match currency {
                None => 0,
                Some(c) => *slots.entry(c).or_insert_with(|| {
                    col.currencies.push(Some(c));
                    (col.currencies.len() - 1).min(u8::MAX as usize) as u8
                }),
            };
            col.amounts.push(amount);
            col.currency_of.push(slot);
        }
        Builder::Text(d) | Builder::Countries(d) => {
            d.push(if matches!(parsed, Parsed::Empty) { None } else { Some(text) })
        }
        Builder::Ids(s) => s.push(if matches!(parsed, Parsed::Empty) { "" } else { text }),
        Builder::HsCodes(s) => {
            if matches!(parsed, Parsed::Empty) {
                s.push("");
            } else if text.bytes().all(|b| b.is_ascii_digit()) {
                s.push(text);
            } else {
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                s.push(&digits);
            }
        }
        Builder::Promises(v) => v.push(if let Parsed::Promise(p) = parsed { Some(p) } else { None }),
    }
}

/// Resolves a column's raw dates in place: a raw date and a date take the same 8 bytes, so
/// the collect reuses the column's allocation instead of holding both at once.
fn resolve_dates(
    raw: Vec<Option<RawDate>>,
    conventions: &DateConventions,
    mut on_impossible: impl FnMut(usize, RawDate),
) -> Vec<Option<Date>> {
    raw.into_iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r?;
            let resolved = resolve(r, conventions);
            if resolved.is_none() {
                on_impossible(i, r);
            }
            resolved
        })
        .collect()
}

/// The cell as the user wrote it, near enough, for the rejected-rows list.
fn describe_raw(raw: &Option<RawDate>) -> String {
    match raw {
        Some(RawDate::Numeric(n)) => n.to_string(),
        Some(RawDate::Exact(d)) => d.to_string(),
        Some(RawDate::ShortYear { day, month, year_in_century }) => format!("{day}/{month}/{year_in_century:02}"),
        None => String::new(),
    }
}

/// Replaces each distinct raw country text by its ISO code (user overrides first); texts
/// that match no country stay as written and are listed.
fn normalize_countries(
    raw: Dict,
    overrides: &[(String, CountryCode)],
    field: Field,
) -> (Dict, Vec<bool>, Vec<UnknownValue>) {
    let mut out = Dict::with_capacity(raw.len());
    let mut known = Vec::new();
    let mut remap = Vec::with_capacity(raw.values.len());
    let mut unknown_counts: Vec<u64> = Vec::new();
    let mut unknown_index: Vec<Option<usize>> = Vec::new();
    for value in &raw.values {
        let code = overrides
            .iter()
            .find(|(text, _)| text == value)
            .map(|(_, code)| *code)
            .or_else(|| normalize_country(value));
        let (text, is_known) = match code {
            Some(c) => (c.as_str().to_owned(), true),
            None => (value.clone(), false),
        };
        let new_code = out.intern(&text);
        if new_code as usize >= known.len() {
            known.push(is_known);
        }
        remap.push(new_code);
        unknown_index.push((!is_known).then(|| {
            unknown_counts.push(0);
            unknown_counts.len() - 1
        }));
    }
    for &code in &raw.codes {
        if code == MISSING {
            out.push_code(MISSING);
        } else {
            out.push_code(remap[code as usize]);
            if let Some(u) = unknown_index[code as usize] {
                unknown_counts[u] += 1;
            }
        }
    }
    let unknown = raw
        .values
        .iter()
        .zip(&unknown_index)
        .filter_map(|(value, u)| u.map(|u| UnknownValue { field, value: value.clone(), count: unknown_counts[u] }))
        .collect();
    (out, known, unknown)
}

/// Moving typed columns out of a table into a model; a field that was not mapped comes out
/// as a column of missing values of the right length, so models need no special cases.
impl Table {
    pub fn take_dict(&mut self, field: Field) -> Dict {
        match self.take(field) {
            Some(Column::Text(d)) | Some(Column::Countries { dict: d, .. }) => d,
            _ => {
                let mut d = Dict::with_capacity(self.len());
                (0..self.len()).for_each(|_| d.push(None));
                d
            }
        }
    }

    pub fn take_ids(&mut self, field: Field) -> StrColumn {
        match self.take(field) {
            Some(Column::Ids(s)) => s,
            _ => {
                let mut s = StrColumn::with_capacity(self.len());
                (0..self.len()).for_each(|_| s.push(""));
                s
            }
        }
    }

    /// Numbers (and yes/no flags as 1/0); NaN where missing.
    pub fn take_numbers(&mut self, field: Field) -> Vec<f64> {
        match self.take(field) {
            Some(Column::Numbers(v)) => v,
            _ => vec![f64::NAN; self.len()],
        }
    }

    pub fn take_money(&mut self, field: Field) -> MoneyColumn {
        match self.take(field) {
            Some(Column::Money(m)) => m,
            _ => MoneyColumn {
                amounts: vec![f64::NAN; self.len()],
                currency_of: vec![0; self.len()],
                currencies: vec![None],
            },
        }
    }

    pub fn take_dates(&mut self, field: Field) -> Vec<Option<Date>> {
        match self.take(field) {
            Some(Column::Dates(v)) => v,
            _ => vec![None; self.len()],
        }
    }

    /// The fields the mapping supplied, sorted.
    pub fn mapped_fields(&self) -> Vec<Field> {
        let mut f: Vec<Field> = self.headers.keys().copied().collect();
        f.sort();
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::propose;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    fn load(h: &[&str], rows: &[&[&str]]) -> Table {
        let headers = headers(h);
        let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let mapping = propose(DatasetKind::Shipments, &headers, &samples);
        let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
        for (i, r) in rows.iter().enumerate() {
            loader.push(i as u64 + 2, r);
        }
        loader.finish()
    }

    #[test]
    fn every_row_is_used_or_rejected_and_blank_rows_are_counted_apart() {
        let t = load(
            &["Ship Date", "Delivered Date", "Destination", "Weight"],
            &[
                &["2024-03-01", "2024-03-20", "Brazil", "1.5"],
                &["", "", "", ""],
                &["yesterday", "", "Russia", "2"],
                &["2024-03-02", "", "俄罗斯", "Weight Captured Separately"],
                &["2024-03-02", "2024-03-09", "Atlantis", "1", "extra"],
            ],
        );
        let q = &t.quality;
        assert_eq!(q.rows_blank, 1);
        assert_eq!(q.rows_read, 4);
        assert_eq!(q.rows_used + q.rows_rejected, q.rows_read);
        assert_eq!(q.rows_rejected, 2);
        assert_eq!(q.rejections[0].row, 4);
        assert_eq!(q.rejections[0].reason, RejectReason::UnreadableDate);
        assert_eq!(q.rejections[0].column.as_deref(), Some("Ship Date"));
        assert_eq!(q.rejections[1].reason, RejectReason::TooManyFields { found: 5, expected: 4 });
        assert_eq!(t.rows, vec![2, 5]);
        let w = t.warnings.clone().into_vec();
        assert!(w
            .iter()
            .any(|w| w.kind == WarningKind::ValueIgnored && w.examples[0] == (5, "Weight Captured Separately".into())));
    }

    #[test]
    fn countries_are_normalised_and_unknown_ones_listed() {
        let t = load(
            &["Ship Date", "Destination"],
            &[&["2024-03-01", "Brasil"], &["2024-03-01", "巴西"], &["2024-03-01", "Narnia"], &["2024-03-01", "Narnia"]],
        );
        match &t.columns[&Field::Destination] {
            Column::Countries { dict, known } => {
                assert_eq!(dict.get(0), Some("BR"));
                assert_eq!(dict.get(1), Some("BR"));
                assert_eq!(dict.get(2), Some("Narnia"));
                assert_eq!(known, &vec![true, false]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            t.quality.unknown_countries,
            vec![UnknownValue { field: Field::Destination, value: "Narnia".into(), count: 2 }]
        );
    }

    #[test]
    fn day_month_order_comes_from_the_whole_column() {
        let t = load(&["Ship Date", "Delivered Date"], &[&["01/03/2024", "05/03/2024"], &["02/03/2024", "25/03/2024"]]);
        let shipped = t.dates(Field::ShipDate).unwrap();
        assert_eq!(shipped[0].unwrap().to_string(), "2024-03-01");
        let delivered = t.dates(Field::DeliveredDate).unwrap();
        assert_eq!(delivered[1].unwrap().to_string(), "2024-03-25");
    }
}
