//! Puts the cell text as the user wrote it back into rejections decided after loading.
//!
//! Some rows are rejected only once whole columns are known (a delivery before its ship
//! date, a date against the column's day/month order); by then the cells are typed dates.
//! Users search their file for the value we show, so those rows are read again from the
//! file and their cells copied as written. Only files with such rejections pay for it.

use crate::error::FileProblem;
use crate::ingest::decode::TextDecoder;
use crate::ingest::delimited::RecordScanner;
use crate::ingest::load::CHUNK_BYTES;
use crate::ingest::preview::{workbook_kind, Preview};
use crate::ingest::quality::{RejectReason, Rejection};
use crate::ingest::source::ByteSource;
use crate::ingest::workbook::read_sheet;
use crate::mapping::Mapping;
use std::collections::HashMap;

/// Whether a rejection's value was rebuilt from a typed cell.
fn is_decided_late(r: &Rejection) -> bool {
    matches!(r.reason, RejectReason::DeliveredBeforeShipped { .. } | RejectReason::DateAgainstColumnOrder)
}

/// Replaces the value of late rejections with the cell text from the file.
pub fn restore_original_values(
    preview: &Preview,
    mapping: &Mapping,
    source: &mut dyn ByteSource,
    workbook: Option<&[u8]>,
    rejections: &mut [Rejection],
) -> Result<(), FileProblem> {
    // row → (rejection index, column index)
    let mut wanted: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for (i, r) in rejections.iter().enumerate() {
        if let Some(col) = r.field.and_then(|f| mapping.column(f)).filter(|_| is_decided_late(r)) {
            wanted.entry(r.row).or_default().push((i, col));
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let skip = preview.records_before_data;
    let mut seen = 0usize;
    let mut on_record = |line: u64, fields: &[&str]| {
        seen += 1;
        if seen <= skip {
            return;
        }
        if let Some(cells) = wanted.get(&line) {
            for &(i, col) in cells {
                if let Some(text) = fields.get(col) {
                    rejections[i].value = text.trim().to_owned();
                }
            }
        }
    };
    match workbook_kind(preview.format) {
        Some(kind) => {
            let bytes = workbook.ok_or(FileProblem::ReadFailed { detail: "workbook bytes missing".into() })?;
            read_sheet(bytes, kind, preview.sheet.as_deref().unwrap_or_default(), &mut on_record)?;
        }
        None => {
            let mut decoder = TextDecoder::new(preview.encoding.unwrap_or(crate::ingest::sniff::TextEncoding::Utf8));
            let mut scanner = RecordScanner::new(preview.delimiter.map_or(b',', |c| c as u8));
            let mut sink = |r: crate::ingest::delimited::Record<'_>| on_record(r.line, r.fields);
            let (total, mut offset, mut buf) = (source.size(), 0u64, Vec::with_capacity(CHUNK_BYTES));
            loop {
                source.read_into(offset, CHUNK_BYTES, &mut buf).map_err(|detail| FileProblem::ReadFailed { detail })?;
                offset += buf.len() as u64;
                let is_last = buf.is_empty() || offset >= total;
                scanner.feed(decoder.decode(&buf, is_last), &mut sink);
                if is_last {
                    scanner.finish(&mut sink);
                    break;
                }
            }
        }
    }
    Ok(())
}
