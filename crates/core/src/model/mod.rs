//! The model: validated, columnar tables built once from ingested records.

pub mod country;
pub mod date;
pub mod dict;
pub mod events;
pub mod listings;
pub mod money;
pub mod orders;
pub mod planned;
pub mod shipments;
pub mod stock;

pub use country::CountryCode;
pub use date::Date;
pub use events::Events;
pub use money::FxTable;
pub use shipments::Shipments;
