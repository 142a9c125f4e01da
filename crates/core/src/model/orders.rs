//! Sales history: order or invoice lines, each classified as a sale, a return, a
//! cancellation or a non-product line, so demand is never mixed with postage or refunds.

use crate::ingest::table::{MoneyColumn, Table};
use crate::mapping::Field;
use crate::model::dict::{Dict, StrColumn};
use crate::model::Date;
use serde::{Deserialize, Serialize};

/// What an order line is.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Units sold: demand.
    Sale,
    /// Units coming back (a negative quantity).
    Return,
    /// A cancelled order or invoice (an invoice number starting with `C`, a cancelled status).
    Cancellation,
    /// Postage, fees, discounts, manual adjustments: not a product.
    NonProduct,
}

impl LineKind {
    pub const ALL: [LineKind; 4] = [LineKind::Sale, LineKind::Return, LineKind::Cancellation, LineKind::NonProduct];
}

/// Stock codes and words that mark a line as not a product: UCI Online Retail's POST, DOT,
/// M, BANK CHARGES, C2, D, CRUK, PADS, AMAZONFEE, S, B; gift vouchers; and the usual words.
const NON_PRODUCT_CODES: &[&str] = &[
    "POST",
    "DOT",
    "M",
    "MANUAL",
    "BANK CHARGES",
    "C2",
    "D",
    "CRUK",
    "PADS",
    "AMAZONFEE",
    "S",
    "B",
    "ADJUST",
    "ADJUST2",
    "TEST001",
    "TEST002",
];
const NON_PRODUCT_WORDS: &[&str] = &[
    "postage",
    "carriage",
    "manual",
    "discount",
    "bank charges",
    "amazon fee",
    "adjust bad debt",
    "samples",
    "shipping fee",
    "shipping charge",
    "运费",
    "邮费",
    "手续费",
    "折扣",
    "调整",
];

/// Whether a stock code or description names a non-product line.
pub fn is_non_product(sku: &str, description: &str) -> bool {
    let code = sku.trim().to_uppercase();
    if NON_PRODUCT_CODES.contains(&code.as_str()) || code.starts_with("GIFT_") || code.starts_with("DCGS") {
        return true;
    }
    let d = description.trim().to_lowercase();
    !d.is_empty() && NON_PRODUCT_WORDS.iter().any(|w| d == *w || d.starts_with(w))
}

fn is_cancelled_status(status: &str) -> bool {
    let s = status.to_lowercase();
    s.contains("cancel") || s.contains("取消") || s.contains("cancelad") || s.contains("отмен")
}

/// Order lines, one per index.
#[derive(Debug, Clone, Default)]
pub struct Orders {
    pub rows: Vec<u64>,
    pub order_id: StrColumn,
    pub date: Vec<Date>,
    pub sku: Dict,
    pub quantity: Vec<f64>,
    pub unit_price: MoneyColumn,
    pub product: Dict,
    pub country: Dict,
    pub marketplace: Dict,
    pub kind: Vec<LineKind>,
    pub mapped: Vec<Field>,
}

impl Orders {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Builds the orders and classifies each line.
    pub fn from_table(mut table: Table) -> (Orders, Table) {
        table.compact();
        let mapped = table.mapped_fields();
        let rows = table.rows.clone();
        let date: Vec<Date> = table.take_dates(Field::OrderDate).into_iter().map(|d| d.unwrap_or(Date(0))).collect();
        let order_id = table.take_ids(Field::OrderId);
        let sku_ids = table.take_ids(Field::Sku);
        let mut sku = Dict::with_capacity(rows.len());
        for s in sku_ids.iter() {
            sku.push((!s.is_empty()).then_some(s));
        }
        let quantity = table.take_numbers(Field::Quantity);
        let product = table.take_dict(Field::ProductName);
        let status = table.take_dict(Field::Status);
        let cancelled_status: Vec<bool> = status.values.iter().map(|v| is_cancelled_status(v)).collect();
        let kind = (0..rows.len())
            .map(|i| {
                let id = order_id.get(i);
                let cancelled = id.starts_with('C') && id[1..].chars().next().is_some_and(|c| c.is_ascii_digit())
                    || status.codes[i] != crate::model::dict::MISSING && cancelled_status[status.codes[i] as usize];
                if is_non_product(sku.get(i).unwrap_or(""), product.get(i).unwrap_or("")) {
                    LineKind::NonProduct
                } else if cancelled {
                    LineKind::Cancellation
                } else if quantity[i] < 0.0 {
                    LineKind::Return
                } else {
                    LineKind::Sale
                }
            })
            .collect();
        let orders = Orders {
            rows,
            order_id,
            date,
            sku,
            quantity,
            unit_price: table.take_money(Field::UnitPrice),
            product,
            country: table.take_dict(Field::Destination),
            marketplace: table.take_dict(Field::Marketplace),
            kind,
            mapped,
        };
        (orders, table)
    }

    /// Lines and units per kind of line.
    pub fn line_counts(&self) -> Vec<(LineKind, u64, f64)> {
        LineKind::ALL
            .iter()
            .map(|k| {
                let (lines, units) = self
                    .kind
                    .iter()
                    .zip(&self.quantity)
                    .filter(|(kind, _)| *kind == k)
                    .fold((0u64, 0.0), |(l, u), (_, q)| (l + 1, u + if q.is_nan() { 0.0 } else { *q }));
                (*k, lines, units)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table::{LoadSettings, TableLoader};
    use crate::mapping::{detect_kind, DatasetKind};

    #[test]
    fn classifies_uci_online_retail_lines() {
        let headers: Vec<String> =
            ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
                .map(String::from)
                .to_vec();
        let rows: &[&[&str]] = &[
            &[
                "536365",
                "85123A",
                "WHITE HANGING HEART T-LIGHT HOLDER",
                "6",
                "12/1/2010 8:26",
                "2.55",
                "17850",
                "United Kingdom",
            ],
            &["C536379", "D", "Discount", "-1", "12/1/2010 9:41", "27.5", "14527", "United Kingdom"],
            &[
                "C536383",
                "35004C",
                "SET OF 3 COLOURED  FLYING DUCKS",
                "-1",
                "12/1/2010 9:49",
                "4.65",
                "15311",
                "United Kingdom",
            ],
            &["536370", "POST", "POSTAGE", "3", "12/1/2010 8:45", "18", "12583", "France"],
            &["536999", "22423", "REGENCY CAKESTAND 3 TIER", "-2", "12/3/2010 10:00", "12.75", "", "United Kingdom"],
        ];
        let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let mapping = detect_kind(&headers, &samples);
        assert_eq!(mapping.kind, DatasetKind::Orders);
        let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
        for (i, r) in rows.iter().enumerate() {
            loader.push(i as u64 + 2, r);
        }
        let (orders, table) = Orders::from_table(loader.finish());
        assert_eq!(table.quality.rows_rejected, 0);
        assert_eq!(
            orders.kind,
            vec![LineKind::Sale, LineKind::NonProduct, LineKind::Cancellation, LineKind::NonProduct, LineKind::Return]
        );
        assert_eq!(orders.date[0].to_string(), "2010-12-01");
        assert_eq!(orders.country.get(3), Some("FR"));
    }

    #[test]
    fn recognises_non_product_lines() {
        assert!(is_non_product("POST", ""));
        assert!(is_non_product("BANK CHARGES", "Bank Charges"));
        assert!(is_non_product("gift_0001_20", ""));
        assert!(is_non_product("X1", "运费"));
        assert!(!is_non_product("85123A", "WHITE HANGING HEART T-LIGHT HOLDER"));
    }
}
