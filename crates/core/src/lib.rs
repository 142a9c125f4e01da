//! borderlens core: turns sellers' spreadsheets into answers, in pure Rust.
//!
//! The flow is bytes → [`ingest`] (formats, encodings, records, typed values) → [`mapping`]
//! (which column is which field) → [`model`] (validated columnar tables) → [`analysis`]
//! (one module per seller problem) → [`report`] (serde structs shared by the UI and the
//! exports). Nothing here touches the web, so `cargo test -p borderlens_core` runs natively;
//! the web worker drives a [`session::Workspace`] through the messages in [`job`].

pub mod analysis;
pub mod demo;
pub mod error;
pub mod ingest;
pub mod job;
pub mod mapping;
pub mod model;
pub mod report;
pub mod session;
