//! One module per screen.

pub mod customs;
pub mod data;
pub mod inventory;
pub mod logistics;
