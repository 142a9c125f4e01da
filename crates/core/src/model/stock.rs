//! Stock on hand, warehouse capacity and inbound shipments: the inventory side of the
//! peak-season plan.

use crate::ingest::table::Table;
use crate::mapping::Field;
use crate::model::dict::Dict;
use crate::model::Date;

/// Volume units a header may name; cubic metres unless it says otherwise.
pub fn volume_to_m3(header: &str, value: f64) -> f64 {
    let h = header.to_lowercase();
    // Amazon's FBA inventory report gives `per-unit-volume` in cubic feet.
    if h.contains("ft") || h.contains("feet") || h.contains("立方英尺") || h.trim() == "per-unit-volume" {
        value * 0.028_316_846_6
    } else if h.contains("cm3") || h.contains("cm³") || h.contains("立方厘米") {
        value * 1e-6
    } else if h.contains("litre") || h.contains("liter") || h.contains("(l)") || h.contains("升") {
        value * 1e-3
    } else {
        value
    }
}

/// An inventory snapshot: units per SKU and warehouse.
#[derive(Debug, Clone, Default)]
pub struct StockSnapshot {
    pub rows: Vec<u64>,
    pub sku: Dict,
    pub warehouse: Dict,
    pub on_hand: Vec<f64>,
    pub reserved: Vec<f64>,
    /// Inbound units (shipped + receiving + working, where given).
    pub inbound: Vec<f64>,
    /// Cubic metres per unit; NaN where unknown.
    pub unit_volume_m3: Vec<f64>,
    pub product: Dict,
    pub mapped: Vec<Field>,
}

fn nan_zero(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v
    }
}

impl StockSnapshot {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn from_table(mut table: Table) -> (StockSnapshot, Table) {
        table.compact();
        let mapped = table.mapped_fields();
        let volume_header = table.header(Field::UnitVolume).unwrap_or("").to_owned();
        let skus = table.take_ids(Field::Sku);
        let mut sku = Dict::with_capacity(skus.len());
        for s in skus.iter() {
            sku.push((!s.is_empty()).then_some(s));
        }
        let inbound_parts = [
            table.take_numbers(Field::InboundQuantity),
            table.take_numbers(Field::InboundWorking),
            table.take_numbers(Field::InboundReceiving),
        ];
        let n = table.len();
        let s = StockSnapshot {
            rows: table.rows.clone(),
            sku,
            warehouse: table.take_dict(Field::Warehouse),
            on_hand: table.take_numbers(Field::OnHand).into_iter().map(nan_zero).collect(),
            reserved: table.take_numbers(Field::Reserved).into_iter().map(nan_zero).collect(),
            inbound: (0..n).map(|i| inbound_parts.iter().map(|p| nan_zero(p[i])).sum()).collect(),
            unit_volume_m3: table
                .take_numbers(Field::UnitVolume)
                .into_iter()
                .map(|v| if v.is_nan() { v } else { volume_to_m3(&volume_header, v) })
                .collect(),
            product: table.take_dict(Field::ProductName),
            mapped,
        };
        (s, table)
    }
}

/// Warehouse capacity, in units and/or cubic metres.
#[derive(Debug, Clone, Default)]
pub struct CapacityTable {
    pub rows: Vec<u64>,
    pub warehouse: Dict,
    /// NaN where not given.
    pub units: Vec<f64>,
    pub volume_m3: Vec<f64>,
    pub sku: Dict,
    pub unit_volume_m3: Vec<f64>,
}

impl CapacityTable {
    pub fn from_table(mut table: Table) -> (CapacityTable, Table) {
        table.compact();
        let volume_header = table.header(Field::CapacityVolume).unwrap_or("").to_owned();
        let unit_volume_header = table.header(Field::UnitVolume).unwrap_or("").to_owned();
        let skus = table.take_ids(Field::Sku);
        let mut sku = Dict::with_capacity(skus.len());
        for s in skus.iter() {
            sku.push((!s.is_empty()).then_some(s));
        }
        let c = CapacityTable {
            rows: table.rows.clone(),
            warehouse: table.take_dict(Field::Warehouse),
            units: table.take_numbers(Field::CapacityUnits),
            volume_m3: table
                .take_numbers(Field::CapacityVolume)
                .into_iter()
                .map(|v| if v.is_nan() { v } else { volume_to_m3(&volume_header, v) })
                .collect(),
            sku,
            unit_volume_m3: table
                .take_numbers(Field::UnitVolume)
                .into_iter()
                .map(|v| if v.is_nan() { v } else { volume_to_m3(&unit_volume_header, v) })
                .collect(),
        };
        (c, table)
    }
}

/// Inbound shipments and purchase orders.
#[derive(Debug, Clone, Default)]
pub struct InboundTable {
    pub rows: Vec<u64>,
    pub sku: Dict,
    pub quantity: Vec<f64>,
    pub ship_date: Vec<Option<Date>>,
    pub eta: Vec<Option<Date>>,
    pub warehouse: Dict,
    pub carrier: Dict,
    pub service: Dict,
}

impl InboundTable {
    pub fn from_table(mut table: Table) -> (InboundTable, Table) {
        table.compact();
        let skus = table.take_ids(Field::Sku);
        let mut sku = Dict::with_capacity(skus.len());
        for s in skus.iter() {
            sku.push((!s.is_empty()).then_some(s));
        }
        let i = InboundTable {
            rows: table.rows.clone(),
            sku,
            quantity: table.take_numbers(Field::Quantity),
            ship_date: table.take_dates(Field::ShipDate),
            eta: table.take_dates(Field::Eta),
            warehouse: table.take_dict(Field::Warehouse),
            carrier: table.take_dict(Field::Carrier),
            service: table.take_dict(Field::Service),
        };
        (i, table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table::{LoadSettings, TableLoader};
    use crate::mapping::{detect_kind, DatasetKind};

    fn load(headers: &[&str], rows: &[&[&str]]) -> (crate::mapping::Mapping, Table) {
        let headers: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let mapping = detect_kind(&headers, &samples);
        let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
        for (i, r) in rows.iter().enumerate() {
            loader.push(i as u64 + 2, r);
        }
        (mapping.clone(), loader.finish())
    }

    #[test]
    fn reads_an_fba_inventory_report() {
        let (m, t) = load(
            &[
                "sku",
                "fnsku",
                "asin",
                "product-name",
                "condition",
                "your-price",
                "mfn-listing-exists",
                "afn-warehouse-quantity",
                "afn-fulfillable-quantity",
                "afn-unsellable-quantity",
                "afn-reserved-quantity",
                "afn-total-quantity",
                "per-unit-volume",
                "afn-inbound-working-quantity",
                "afn-inbound-shipped-quantity",
                "afn-inbound-receiving-quantity",
            ],
            &[&[
                "EB-01", "X001", "B0C1", "Earbuds", "New", "19.99", "No", "130", "120", "2", "8", "140", "0.05", "10",
                "200", "30",
            ]],
        );
        assert_eq!(m.kind, DatasetKind::Inventory);
        let (s, _) = StockSnapshot::from_table(t);
        assert_eq!((s.on_hand[0], s.reserved[0], s.inbound[0]), (120.0, 8.0, 240.0));
        assert!((s.unit_volume_m3[0] - 0.05 * 0.028_316_846_6).abs() < 1e-12);
        assert_eq!(s.sku.get(0), Some("EB-01"));
    }

    #[test]
    fn reads_capacity_and_inbound_files() {
        let (m, t) = load(&["仓库", "库容", "库容体积(m3)"], &[&["美西仓", "5000", "120"], &["美东仓", "3000", ""]]);
        assert_eq!(m.kind, DatasetKind::Capacity);
        let (c, _) = CapacityTable::from_table(t);
        assert_eq!(c.warehouse.get(1), Some("美东仓"));
        assert_eq!(c.volume_m3[0], 120.0);
        let (m, t) = load(
            &["SKU", "Quantity", "Ship Date", "ETA", "Warehouse"],
            &[&["EB-01", "500", "2025-10-01", "2025-11-03", "ONT8"]],
        );
        assert_eq!(m.kind, DatasetKind::Inbound);
        let (i, _) = InboundTable::from_table(t);
        assert_eq!(i.eta[0].map(|d| d.to_string()).as_deref(), Some("2025-11-03"));
    }
}
