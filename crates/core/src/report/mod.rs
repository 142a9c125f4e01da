//! Reports and exports: the serde structs the UI shows and the files users download.

pub mod cell;
pub mod csv_out;
pub mod xlsx;
