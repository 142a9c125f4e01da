//! Product homogeneity and price wars: near-identical listings, crowding, differentiation.

pub mod cluster;
pub mod indexes;
pub mod minhash;
pub mod normalize;
pub mod shingle;
