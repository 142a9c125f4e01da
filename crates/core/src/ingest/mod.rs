//! Ingest: from a file's bytes to typed columns, with every row's position kept.
//!
//! [`sniff`] tells the format and encoding, [`decode`] turns any encoding into UTF-8,
//! [`delimited`] and [`workbook`] yield records, [`header`] finds the header row,
//! [`preview`] gathers what the mapping screen needs, [`parse`] reads typed cells, and
//! [`table`] / [`load`] build typed columns with the [`quality`] ledger.

pub mod decode;
pub mod delimited;
pub mod header;
pub mod load;
pub mod original;
pub mod parse;
pub mod preview;
pub mod quality;
pub mod sniff;
pub mod source;
pub mod table;
pub mod workbook;
