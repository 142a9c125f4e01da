//! A first look at a file: format, encoding, delimiter, sheets, header row, columns and
//! sample rows — everything the mapping screen needs, from the first few hundred KB.

use crate::error::FileProblem;
use crate::ingest::decode::decode_all;
use crate::ingest::delimited::{detect_delimiter, read_records};
use crate::ingest::header::{detect_header, ColumnName};
use crate::ingest::sniff::{detect_encoding, detect_format, FileFormat, TextEncoding};
use crate::ingest::source::ByteSource;
use crate::ingest::workbook::{list_sheets, read_sheet, SheetInfo, WorkbookKind};
use serde::{Deserialize, Serialize};

/// How many bytes of a text file the preview reads.
pub const PREVIEW_BYTES: usize = 256 * 1024;
/// How many records above the data are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 50;
/// How many data rows are kept as samples for mapping.
pub const SAMPLE_ROWS: usize = 200;

/// What the preview learned about a file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Preview {
    pub format: FileFormat,
    pub encoding: Option<TextEncoding>,
    /// The delimiter of a text file.
    pub delimiter: Option<char>,
    /// Sheets of a workbook (empty for text files).
    pub sheets: Vec<SheetInfo>,
    pub sheet: Option<String>,
    /// The 1-based row where the header is.
    pub header_row: u64,
    /// How many records come before the data (title rows, blank rows, the header).
    pub records_before_data: usize,
    pub columns: Vec<ColumnName>,
    /// The first data rows, padded to the number of columns.
    pub samples: Vec<Vec<String>>,
    /// The 1-based row of each sample.
    pub sample_rows: Vec<u64>,
}

impl Preview {
    pub fn headers(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.text.clone()).collect()
    }
}

/// Maps a sniffed format to calamine's reader, for workbooks.
pub fn workbook_kind(format: FileFormat) -> Option<WorkbookKind> {
    match format {
        FileFormat::Xlsx => Some(WorkbookKind::Xlsx),
        FileFormat::Xls => Some(WorkbookKind::Xls),
        FileFormat::Ods => Some(WorkbookKind::Ods),
        FileFormat::Delimited => None,
    }
}

/// Sniffs the format from the first bytes.
pub fn sniff(file_name: &str, source: &mut dyn ByteSource) -> Result<FileFormat, FileProblem> {
    let mut head = Vec::new();
    source.read_into(0, 64 * 1024, &mut head).map_err(|detail| FileProblem::ReadFailed { detail })?;
    Ok(detect_format(file_name, &head)?)
}

/// Previews a text file from its first [`PREVIEW_BYTES`].
pub fn preview_text(source: &mut dyn ByteSource) -> Result<Preview, FileProblem> {
    let mut head = Vec::new();
    source.read_into(0, PREVIEW_BYTES, &mut head).map_err(|detail| FileProblem::ReadFailed { detail })?;
    let is_whole_file = head.len() as u64 >= source.size();
    let encoding = detect_encoding(&head);
    let text = decode_all(&head, encoding);
    // Unless this is the whole file, the last line may be cut: drop it.
    let text =
        if is_whole_file { text.as_str() } else { text.rfind(['\n', '\r']).map_or(text.as_str(), |end| &text[..end]) };
    let delimiter = detect_delimiter(text);
    let records = read_records(text, delimiter, HEADER_SEARCH_ROWS + SAMPLE_ROWS + 1);
    let mut preview = from_records(FileFormat::Delimited, &records)?;
    preview.encoding = Some(encoding);
    preview.delimiter = Some(delimiter as char);
    Ok(preview)
}

/// Previews one sheet of a workbook (the first sheet with data when `sheet` is None).
pub fn preview_workbook(format: FileFormat, bytes: &[u8], sheet: Option<&str>) -> Result<Preview, FileProblem> {
    let kind = workbook_kind(format).ok_or(FileProblem::NoSheets)?;
    let sheets = list_sheets(bytes, kind)?;
    let chosen = match sheet {
        Some(s) => sheets.iter().find(|i| i.name == s).ok_or(FileProblem::SheetNotFound { sheet: s.to_owned() })?,
        // The first visible sheet with data; a hidden one only if nothing else has data.
        None => sheets
            .iter()
            .find(|i| !i.is_empty && !i.is_hidden)
            .or_else(|| sheets.iter().find(|i| !i.is_empty))
            .ok_or(FileProblem::NoSheets)?,
    };
    let name = chosen.name.clone();
    let mut records = Vec::new();
    read_sheet(bytes, kind, &name, &mut |line, fields| {
        if records.len() <= HEADER_SEARCH_ROWS + SAMPLE_ROWS {
            records.push((line, fields.iter().map(|f| f.to_string()).collect::<Vec<_>>()));
        }
    })?;
    let mut preview = from_records(format, &records)?;
    preview.sheets = sheets;
    preview.sheet = Some(name);
    Ok(preview)
}

/// Trailing columns with no header that only a stray row or two fills (a row with extra,
/// unquoted delimiters) are not columns of the table: dropping them lets those rows be
/// rejected as "more cells than the header" instead of widening the table.
fn drop_stray_columns<'a>(names: &mut Vec<ColumnName>, rows: impl Iterator<Item = &'a [String]>) {
    let rows: Vec<&[String]> = rows.filter(|r| r.iter().any(|c| !c.trim().is_empty())).collect();
    while names.last().is_some_and(|n| n.is_placeholder) {
        let col = names.len() - 1;
        let filled = rows.iter().filter(|r| r.get(col).is_some_and(|c| !c.trim().is_empty())).count();
        let stray = filled * 50 <= rows.len() || filled <= 2 && filled * 10 <= rows.len();
        if !stray {
            break;
        }
        names.pop();
    }
}

fn from_records(format: FileFormat, records: &[(u64, Vec<String>)]) -> Result<Preview, FileProblem> {
    let first_rows: Vec<Vec<String>> = records.iter().take(HEADER_SEARCH_ROWS).map(|(_, r)| r.clone()).collect();
    if first_rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(FileProblem::Empty);
    }
    let mut header = detect_header(&first_rows);
    drop_stray_columns(&mut header.names, records.iter().skip(header.header_index + 1).map(|(_, r)| r.as_slice()));
    let width = header.names.len();
    let data: Vec<&(u64, Vec<String>)> = records
        .iter()
        .skip(header.header_index + 1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .take(SAMPLE_ROWS)
        .collect();
    if data.is_empty() {
        return Err(FileProblem::NoRows);
    }
    let samples = data
        .iter()
        .map(|(_, r)| {
            let mut row = r.clone();
            row.resize(width.max(row.len()), String::new());
            row
        })
        .collect();
    Ok(Preview {
        format,
        encoding: None,
        delimiter: None,
        sheets: Vec::new(),
        sheet: None,
        header_row: records[header.header_index].0,
        records_before_data: header.header_index + 1,
        columns: header.names,
        samples,
        sample_rows: data.iter().map(|(line, _)| *line).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::source::MemorySource;

    #[test]
    fn a_ragged_row_near_the_top_does_not_widen_the_table() {
        let mut csv = String::from(
            "Tracking,Ship Date,Delivered Date\nA1,2024-03-01,2024-03-09\nA2,2024-03-01,2024-03-09,oops,more\n",
        );
        for i in 3..40 {
            csv.push_str(&format!("A{i},2024-03-01,2024-03-10\n"));
        }
        let preview = preview_text(&mut MemorySource(csv.as_bytes())).unwrap();
        assert_eq!(preview.columns.len(), 3);
    }

    #[test]
    fn unnamed_columns_with_data_are_kept() {
        let mut csv = String::from("Tracking,Ship Date,\n");
        for i in 0..20 {
            csv.push_str(&format!("A{i},2024-03-01,note {i}\n"));
        }
        let preview = preview_text(&mut MemorySource(csv.as_bytes())).unwrap();
        assert_eq!(preview.columns.len(), 3);
        assert!(preview.columns[2].is_placeholder, "{:?}", preview.columns);
    }
}
