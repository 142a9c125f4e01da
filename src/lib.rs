//! The borderlens browser app: a thin Leptos layer over `borderlens_core`, whose analyses
//! run in a web worker (see `crates/worker`). Nothing here computes figures; it shows them.

pub mod app;
pub mod charts;
pub mod components;
pub mod download;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod worker_client;
pub mod workspace;
