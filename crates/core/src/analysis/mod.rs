//! Analyses, one module per seller problem, over the validated model.

pub mod logistics;
pub mod stats;
