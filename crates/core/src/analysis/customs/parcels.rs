//! Per-parcel customs facts: outcome, side, hold days, costs, value band and the grouping
//! keys, from the shipments' own columns first and the tracking events second.

use super::de_minimis::{DeMinimisTable, ValueBand};
use super::timeline::Timeline;
use super::vocab::{
    classify_checkpoint, classify_documents, classify_outcome, Checkpoint, CustomsOutcome, DocumentKind,
};
use crate::analysis::logistics::keys::Interner;
use crate::model::dict::{Dict, MISSING};
use crate::model::{CountryCode, FxTable, Shipments};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What customs did with one parcel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParcelFacts {
    pub dataset: u32,
    pub index: u32,
    pub outcome: Option<CustomsOutcome>,
    /// Where it was held (`None` when cleared or unknown).
    pub side: Option<Checkpoint>,
    pub hold_days: Option<f64>,
    pub extra_usd: f64,
    pub duties_usd: f64,
    pub value_usd: Option<f64>,
    pub band: ValueBand,
    /// Interned keys ([`MISSING`] when unknown): destination, HS chapter, HS heading,
    /// carrier, service.
    pub destination: u32,
    pub chapter: u32,
    pub heading: u32,
    pub carrier: u32,
    pub service: u32,
    /// Documents asked for, one bit per [`DocumentKind::ALL`] index.
    pub documents: u16,
}

impl ParcelFacts {
    pub fn is_detained(&self) -> bool {
        self.outcome.is_some_and(CustomsOutcome::is_detention)
    }

    pub fn documents(&self) -> impl Iterator<Item = DocumentKind> + '_ {
        DocumentKind::ALL.into_iter().enumerate().filter(|(i, _)| self.documents & (1 << i) != 0).map(|(_, d)| d)
    }
}

/// An outcome value no rule understood, for the user to assign.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct UnclassifiedOutcome {
    pub value: String,
    pub count: u64,
}

/// Reads an outcome cell: the user's assignment first, then the vocabulary.
fn classify_with(value: &str, overrides: &[(String, CustomsOutcome)]) -> Option<CustomsOutcome> {
    overrides.iter().find(|(v, _)| v.trim() == value.trim()).map(|(_, o)| *o).or_else(|| classify_outcome(value))
}

/// Classifies each distinct value of a dictionary column once.
fn per_value<T>(dict: &Dict, f: impl Fn(&str) -> T) -> Vec<T> {
    dict.values.iter().map(|v| f(v)).collect()
}

fn code_of<T: Copy>(dict: &Dict, table: &[T], row: usize) -> Option<T> {
    match dict.codes.get(row) {
        Some(&c) if c != MISSING => table.get(c as usize).copied(),
        _ => None,
    }
}

fn document_bits(text: &str) -> u16 {
    classify_documents(text)
        .into_iter()
        .filter_map(|d| DocumentKind::ALL.iter().position(|k| *k == d))
        .fold(0u16, |bits, i| bits | (1 << i))
}

/// Facts for every parcel of every shipments dataset.
pub struct Facts {
    pub parcels: Vec<ParcelFacts>,
    pub interner: Interner,
    pub unclassified: Vec<UnclassifiedOutcome>,
}

/// Gathers the facts. `timelines` (by tracking number) fill in what the columns lack.
pub fn gather(
    datasets: &[&Shipments],
    timelines: &HashMap<&str, Timeline>,
    overrides: &[(String, CustomsOutcome)],
    de_minimis: &DeMinimisTable,
    fx: &FxTable,
) -> Facts {
    let mut interner = Interner::default();
    let mut parcels = Vec::new();
    let mut unclassified: HashMap<String, u64> = HashMap::new();
    for (d, s) in datasets.iter().enumerate() {
        let outcomes = per_value(&s.outcome, |v| classify_with(v, overrides));
        let sides = per_value(&s.checkpoint, classify_checkpoint);
        let documents = per_value(&s.documents, document_bits);
        let remap =
            |dict: &Dict, interner: &mut Interner| -> Vec<u32> { dict.values.iter().map(|v| interner.id(v)).collect() };
        let destinations = remap(&s.destination, &mut interner);
        let carriers = remap(&s.carrier, &mut interner);
        let services = remap(&s.service, &mut interner);
        let countries: Vec<Option<CountryCode>> = per_value(&s.destination, CountryCode::from_alpha2);
        let mut chapter_ids: HashMap<String, u32> = HashMap::new();
        let mut value_counts = vec![0u64; s.outcome.values.len()];
        for &c in &s.outcome.codes {
            if c != MISSING {
                value_counts[c as usize] += 1;
            }
        }
        for ((outcome, value), count) in outcomes.iter().zip(&s.outcome.values).zip(value_counts) {
            if outcome.is_none() {
                *unclassified.entry(value.clone()).or_default() += count;
            }
        }
        for i in 0..s.len() {
            let timeline = (!s.tracking.get(i).is_empty()).then(|| timelines.get(s.tracking.get(i))).flatten();
            let outcome = code_of(&s.outcome, &outcomes, i).flatten().or_else(|| timeline.and_then(Timeline::outcome));
            let detained =
                outcome.is_some_and(CustomsOutcome::is_detention) || outcome == Some(CustomsOutcome::Pending);
            let side = if detained {
                code_of(&s.checkpoint, &sides, i)
                    .flatten()
                    .or_else(|| timeline.and_then(|t| t.hold.map(|h| h.side)))
                    // Detentions that say nothing of their side are at the destination,
                    // where nearly all of them happen.
                    .or(Some(Checkpoint::Import))
            } else {
                None
            };
            let hold = s.hold_days[i];
            let hold_days = if hold.is_nan() {
                timeline.and_then(|t| t.hold.and_then(|h| h.days())).map(f64::from)
            } else {
                Some(hold)
            };
            let usd = |money: &crate::ingest::table::MoneyColumn| -> Option<f64> {
                let amount = money.amounts[i];
                (!amount.is_nan()).then(|| fx.to_usd(amount, money.currency(i))).flatten()
            };
            let value_usd = usd(&s.declared_value);
            let band = match code_of(&s.destination, &countries, i).flatten() {
                Some(country) => de_minimis.band(country, value_usd, fx),
                None => ValueBand::Unknown,
            };
            let hs = s.hs_code.get(i);
            let mut chapter_of = |len: usize, interner: &mut Interner| -> u32 {
                if hs.len() < len {
                    return MISSING;
                }
                let key = &hs[..len];
                if let Some(&id) = chapter_ids.get(key) {
                    return id;
                }
                let id = interner.id(key);
                chapter_ids.insert(key.to_owned(), id);
                id
            };
            let chapter = chapter_of(2, &mut interner);
            let heading = chapter_of(4, &mut interner);
            parcels.push(ParcelFacts {
                dataset: d as u32,
                index: i as u32,
                outcome,
                side,
                hold_days,
                extra_usd: usd(&s.extra_cost).unwrap_or(0.0),
                duties_usd: usd(&s.duties).unwrap_or(0.0),
                value_usd,
                band,
                destination: code_of(&s.destination, &destinations, i).unwrap_or(MISSING),
                chapter,
                heading,
                carrier: code_of(&s.carrier, &carriers, i).unwrap_or(MISSING),
                service: code_of(&s.service, &services, i).unwrap_or(MISSING),
                documents: code_of(&s.documents, &documents, i).unwrap_or(0),
            });
        }
    }
    let mut unclassified: Vec<UnclassifiedOutcome> =
        unclassified.into_iter().map(|(value, count)| UnclassifiedOutcome { value, count }).collect();
    unclassified.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    Facts { parcels, interner, unclassified }
}
