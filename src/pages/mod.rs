//! One module per screen.

pub mod customs;
pub mod data;
pub mod homogeneity;
pub mod inventory;
pub mod logistics;
pub mod overview;
pub mod report;
