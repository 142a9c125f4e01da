//! Analyses, one module per seller problem, over the validated model.

pub mod beta;
pub mod customs;
pub mod homogeneity;
pub mod inventory;
pub mod logistics;
pub mod stats;
