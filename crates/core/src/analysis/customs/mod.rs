//! Customs: where parcels get stuck, what it costs, and the risk of the next shipment.

pub mod de_minimis;
pub mod smoothing;
pub mod vocab;
