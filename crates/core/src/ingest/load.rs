//! Reads a whole file into a typed [`Table`] for a confirmed mapping, streaming text files
//! in chunks and reporting progress.

use crate::error::FileProblem;
use crate::ingest::decode::TextDecoder;
use crate::ingest::delimited::{Record, RecordScanner};
use crate::ingest::preview::{workbook_kind, Preview};
use crate::ingest::source::ByteSource;
use crate::ingest::table::{LoadSettings, Table, TableLoader};
use crate::ingest::workbook::read_sheet;
use crate::mapping::Mapping;
use serde::{Deserialize, Serialize};

/// Bytes read per step; progress is reported after each.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Columns are sized for the rows the first chunk predicts, plus this share: rows vary in
/// length, and a column that runs out of room doubles.
const ROWS_ESTIMATE_SPARE: f64 = 1.05;

/// How far a load has come.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
pub struct LoadProgress {
    pub rows: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Reads every record of a previewed file through `mapping`.
pub fn load_table(
    preview: &Preview,
    mapping: &Mapping,
    source: &mut dyn ByteSource,
    workbook: Option<&[u8]>,
    progress: &mut dyn FnMut(LoadProgress),
) -> Result<Table, FileProblem> {
    let headers = preview.headers();
    let mut loader = TableLoader::new(mapping, &headers, LoadSettings::default());
    let skip = preview.records_before_data as u64;
    let seen = std::cell::Cell::new(0u64);
    let on_record = |loader: &mut TableLoader, line: u64, fields: &[&str]| {
        seen.set(seen.get() + 1);
        if seen.get() > skip {
            loader.push(line, fields);
        }
    };
    let total = source.size();
    let mut malformed = 0;
    match workbook_kind(preview.format) {
        None => {
            let encoding = preview.encoding.unwrap_or(crate::ingest::sniff::TextEncoding::Utf8);
            let delimiter = preview.delimiter.map_or(b',', |c| c as u8);
            let mut decoder = TextDecoder::new(encoding);
            let mut scanner = RecordScanner::new(delimiter);
            let mut buf = Vec::with_capacity(CHUNK_BYTES);
            let mut offset = 0u64;
            loop {
                source.read_into(offset, CHUNK_BYTES, &mut buf).map_err(|detail| FileProblem::ReadFailed { detail })?;
                offset += buf.len() as u64;
                let is_last = buf.is_empty() || offset >= total;
                let text = decoder.decode(&buf, is_last);
                let mut sink = |r: Record<'_>| on_record(&mut loader, r.line, r.fields);
                scanner.feed(text, &mut sink);
                if is_last {
                    scanner.finish(&mut sink);
                    break;
                }
                if offset == buf.len() as u64 && loader.rows_read() > 0 {
                    // The first chunk tells the bytes per row: size the columns for the rest.
                    let rows = loader.rows_read() as f64 * total as f64 / offset as f64;
                    loader.reserve_rows((rows * ROWS_ESTIMATE_SPARE) as usize);
                }
                progress(LoadProgress { rows: seen.get(), bytes_done: offset, bytes_total: total });
            }
            malformed = decoder.malformed_count();
        }
        Some(kind) => {
            let bytes = workbook.ok_or(FileProblem::ReadFailed { detail: "workbook bytes missing".into() })?;
            let sheet = preview.sheet.clone().unwrap_or_default();
            read_sheet(bytes, kind, &sheet, &mut |line, fields| on_record(&mut loader, line, fields))?;
        }
    }
    progress(LoadProgress { rows: seen.get(), bytes_done: total, bytes_total: total });
    let mut table = loader.finish();
    table.quality.malformed_bytes = malformed;
    Ok(table)
}
