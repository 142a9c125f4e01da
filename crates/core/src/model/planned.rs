//! Planned shipments: what a seller intends to send, to assess customs risk before shipping.

use crate::ingest::parse::number::Currency;
use crate::ingest::quality::RejectReason;
use crate::ingest::table::{Column, Table};
use crate::mapping::Field;
use serde::{Deserialize, Serialize};

/// A shipment the seller plans to send.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct PlannedShipment {
    /// The user's own reference (an order id, a row of an uploaded list).
    pub reference: Option<String>,
    /// ISO code or name of the destination country.
    pub destination: String,
    pub hs_code: String,
    pub declared_value: Option<f64>,
    /// Currency of the declared value (USD when not given).
    pub currency: Option<Currency>,
    pub carrier: Option<String>,
    pub service: Option<String>,
}

/// Planned shipments read from a file, with their source rows.
#[derive(Debug, Clone, Default)]
pub struct PlannedList {
    pub rows: Vec<u64>,
    pub shipments: Vec<PlannedShipment>,
}

impl PlannedList {
    /// Builds the list, rejecting rows without a destination or HS code.
    pub fn from_table(mut table: Table) -> (PlannedList, Table) {
        let n = table.len();
        let text = |t: &Table, f: Field, i: usize| -> Option<String> {
            match t.columns.get(&f) {
                Some(Column::Text(d)) | Some(Column::Countries { dict: d, .. }) => d.get(i).map(str::to_owned),
                Some(Column::Ids(s)) => Some(s.get(i).to_owned()).filter(|s| !s.is_empty()),
                _ => None,
            }
        };
        let mut list = PlannedList::default();
        let mut built = Vec::with_capacity(n);
        for i in 0..n {
            let destination = text(&table, Field::Destination, i);
            let hs_code = text(&table, Field::HsCode, i);
            let (Some(destination), Some(hs_code)) = (destination, hs_code) else {
                let field =
                    if text(&table, Field::Destination, i).is_none() { Field::Destination } else { Field::HsCode };
                table.reject(i, Some(field), String::new(), RejectReason::Missing);
                continue;
            };
            let (declared_value, currency) = match table.columns.get(&Field::DeclaredValue) {
                Some(Column::Money(m)) => (Some(m.amounts[i]).filter(|v| !v.is_nan()), m.currency(i)),
                _ => (None, None),
            };
            let currency =
                currency.or_else(|| text(&table, Field::Currency, i).and_then(|c| Currency::parse_code(c.trim())));
            built.push(PlannedShipment {
                reference: text(&table, Field::OrderId, i),
                destination,
                hs_code,
                declared_value,
                currency,
                carrier: text(&table, Field::Carrier, i),
                service: text(&table, Field::Service, i),
            });
        }
        table.compact();
        list.rows = table.rows.clone();
        list.shipments = built;
        (list, table)
    }
}
