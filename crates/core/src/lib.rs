//! borderlens core: turns sellers' spreadsheets into answers, in pure Rust.
//!
//! The flow is bytes → [`ingest`] (formats, encodings, records, typed values) → [`mapping`]
//! (which column is which field) → [`model`] (validated columnar tables) → [`analysis`]
//! (one module per seller problem) → [`report`] (serde structs shared by the UI and the
//! exports). Nothing here touches the web, so `cargo test -p borderlens_core` runs natively;
//! the web worker drives it through [`job`].

pub mod analysis;
pub mod error;
pub mod ingest;
pub mod mapping;
pub mod model;
pub mod report;
