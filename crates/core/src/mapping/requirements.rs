//! Which fields each figure needs, so the user is told plainly what is missing.

use super::{DatasetKind, Field, Mapping};
use serde::{Deserialize, Serialize};

/// A figure borderlens can show for a dataset.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    TransitTime,
    OnTimeRate,
    RouteBreakdown,
    CarrierScorecard,
    CostPerParcel,
    CostPerKg,
    MonthlyTrend,
    StuckParcels,
    DuplicateCheck,
    CustomsOutcomes,
    CustomsHoldTimes,
    CustomsCosts,
    DocumentsRequested,
    ValueBands,
    TransitLegs,
    CustomsFromEvents,
    PlannedRisk,
    DemandHistory,
    SkuForecast,
    Revenue,
    StockPosition,
    WarehouseVolume,
    WarehouseCapacity,
    InboundArrivals,
    NearDuplicates,
    PriceWar,
    SalesOpportunity,
    PriceTrend,
}

/// Alternatives of field sets, any one of which makes a figure possible.
fn needs(figure: Figure) -> &'static [&'static [Field]] {
    use Field::*;
    match figure {
        Figure::TransitTime => &[&[ShipDate, DeliveredDate], &[TransitDays]],
        Figure::OnTimeRate => &[
            &[ShipDate, DeliveredDate, PromisedDate],
            &[ShipDate, DeliveredDate, PromisedDays],
            &[TransitDays, PromisedDays],
            &[ShipDate, TransitDays, PromisedDate],
        ],
        Figure::RouteBreakdown => &[&[Destination]],
        Figure::CarrierScorecard => &[&[Destination, Carrier], &[Destination, Service]],
        Figure::CostPerParcel => &[&[ShippingCost]],
        Figure::CostPerKg => &[&[ShippingCost, Weight]],
        Figure::MonthlyTrend => &[&[ShipDate, DeliveredDate], &[ShipDate, TransitDays]],
        Figure::StuckParcels => &[&[ShipDate]],
        Figure::DuplicateCheck => &[&[TrackingNumber]],
        Figure::CustomsOutcomes => &[&[Destination, CustomsOutcome]],
        Figure::CustomsHoldTimes => &[&[HoldDays]],
        Figure::CustomsCosts => &[&[CustomsOutcome, ExtraCost], &[CustomsOutcome, DutiesPaid]],
        Figure::DocumentsRequested => &[&[DocumentsRequested]],
        Figure::ValueBands => &[&[Destination, DeclaredValue, CustomsOutcome]],
        Figure::TransitLegs | Figure::CustomsFromEvents => &[&[TrackingNumber, EventTime, EventText]],
        Figure::PlannedRisk => &[&[Destination, HsCode]],
        Figure::DemandHistory => &[&[OrderDate, Quantity]],
        Figure::SkuForecast => &[&[OrderDate, Quantity, Sku]],
        Figure::Revenue => &[&[OrderDate, Quantity, UnitPrice]],
        Figure::StockPosition => &[&[Sku, OnHand]],
        Figure::WarehouseVolume => &[&[Sku, OnHand, UnitVolume]],
        Figure::WarehouseCapacity => &[&[Warehouse, CapacityUnits], &[Warehouse, CapacityVolume]],
        Figure::InboundArrivals => &[&[Sku, Quantity, Eta], &[Sku, Quantity, ShipDate]],
        Figure::NearDuplicates => &[&[Title]],
        Figure::PriceWar => &[&[Title, Price, Seller]],
        Figure::SalesOpportunity => &[&[Title, Price, UnitsSold]],
        Figure::PriceTrend => &[&[ListingId, PriceDate, Price]],
    }
}

/// The figures of a kind.
pub fn figures(kind: DatasetKind) -> &'static [Figure] {
    match kind {
        DatasetKind::Shipments => &[
            Figure::TransitTime,
            Figure::OnTimeRate,
            Figure::RouteBreakdown,
            Figure::CarrierScorecard,
            Figure::CostPerParcel,
            Figure::CostPerKg,
            Figure::MonthlyTrend,
            Figure::StuckParcels,
            Figure::DuplicateCheck,
            Figure::CustomsOutcomes,
            Figure::CustomsHoldTimes,
            Figure::CustomsCosts,
            Figure::DocumentsRequested,
            Figure::ValueBands,
        ],
        DatasetKind::TrackingEvents => &[Figure::TransitLegs, Figure::CustomsFromEvents],
        DatasetKind::PlannedShipments => &[Figure::PlannedRisk],
        DatasetKind::Orders => &[Figure::DemandHistory, Figure::SkuForecast, Figure::Revenue],
        DatasetKind::Inventory => &[Figure::StockPosition, Figure::WarehouseVolume],
        DatasetKind::Capacity => &[Figure::WarehouseCapacity],
        DatasetKind::Inbound => &[Figure::InboundArrivals],
        DatasetKind::Listings => &[Figure::NearDuplicates, Figure::PriceWar, Figure::SalesOpportunity],
        DatasetKind::PriceHistory => &[Figure::PriceTrend],
    }
}

/// Whether a figure can be computed, and if not, the fields of the closest alternative
/// that are missing.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FigureStatus {
    pub figure: Figure,
    /// The fields missing from the closest way to the figure (empty when available).
    pub missing: Vec<Field>,
    /// Every equally close way, when there are several ("a promised date" or "promised days").
    pub alternatives: Vec<Vec<Field>>,
}

impl FigureStatus {
    pub fn is_available(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The status of every figure of the mapping's kind.
pub fn figure_status(mapping: &Mapping) -> Vec<FigureStatus> {
    figures(mapping.kind)
        .iter()
        .map(|&figure| {
            let gaps: Vec<Vec<Field>> =
                needs(figure).iter().map(|alt| alt.iter().copied().filter(|f| !mapping.has(*f)).collect()).collect();
            let closest = gaps.iter().map(Vec::len).min().unwrap_or(0);
            let mut alternatives: Vec<Vec<Field>> = gaps.into_iter().filter(|g| g.len() == closest).collect();
            alternatives.dedup();
            let missing = alternatives.first().cloned().unwrap_or_default();
            FigureStatus { figure, missing, alternatives: if closest == 0 { Vec::new() } else { alternatives } }
        })
        .collect()
}

/// Whether the mapping can be used at all: the kind's central figure must be possible.
pub fn is_usable(mapping: &Mapping) -> bool {
    match mapping.kind {
        DatasetKind::Shipments => mapping.has(Field::ShipDate) || mapping.has(Field::TransitDays),
        DatasetKind::TrackingEvents => {
            mapping.has(Field::TrackingNumber) && mapping.has(Field::EventTime) && mapping.has(Field::EventText)
        }
        DatasetKind::PlannedShipments => mapping.has(Field::Destination) && mapping.has(Field::HsCode),
        DatasetKind::Orders => mapping.has(Field::OrderDate) && mapping.has(Field::Quantity),
        DatasetKind::Inventory => mapping.has(Field::Sku) && mapping.has(Field::OnHand),
        DatasetKind::Capacity => {
            mapping.has(Field::Warehouse) && (mapping.has(Field::CapacityUnits) || mapping.has(Field::CapacityVolume))
        }
        DatasetKind::Inbound => {
            mapping.has(Field::Sku)
                && mapping.has(Field::Quantity)
                && (mapping.has(Field::Eta) || mapping.has(Field::ShipDate))
        }
        DatasetKind::Listings => mapping.has(Field::Title),
        DatasetKind::PriceHistory => {
            mapping.has(Field::ListingId) && mapping.has(Field::PriceDate) && mapping.has(Field::Price)
        }
    }
}

/// How well a mapping fits its kind, to pick the kind of an unknown file.
pub fn kind_score(mapping: &Mapping) -> f32 {
    let available = figure_status(mapping).iter().filter(|s| s.is_available()).count() as f32;
    let confidence: f32 = mapping.fields.iter().map(|c| c.confidence).sum();
    available + confidence + if is_usable(mapping) { 10.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::propose;

    #[test]
    fn says_what_is_missing_for_on_time() {
        let headers = vec!["Ship Date".to_string(), "Delivered Date".to_string()];
        let m = propose(DatasetKind::Shipments, &headers, &[]);
        let status = figure_status(&m);
        let on_time = status.iter().find(|s| s.figure == Figure::OnTimeRate).unwrap();
        assert_eq!(on_time.missing, vec![Field::PromisedDate]);
        assert_eq!(on_time.alternatives, vec![vec![Field::PromisedDate], vec![Field::PromisedDays]]);
        assert!(status.iter().find(|s| s.figure == Figure::TransitTime).unwrap().is_available());
        assert!(is_usable(&m));
    }

    #[test]
    fn a_file_without_dates_is_not_usable() {
        let headers = vec!["Name".to_string(), "Colour".to_string()];
        assert!(!is_usable(&propose(DatasetKind::Shipments, &headers, &[])));
    }
}
