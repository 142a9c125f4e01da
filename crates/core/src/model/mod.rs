//! The model: validated, columnar tables built once from ingested records.

pub mod country;
pub mod date;

pub use country::CountryCode;
pub use date::Date;
