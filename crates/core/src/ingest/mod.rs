//! Ingest: from a file's bytes to records of text fields, with every row's position kept.

pub mod decode;
pub mod delimited;
pub mod header;
pub mod parse;
pub mod sniff;
pub mod workbook;
