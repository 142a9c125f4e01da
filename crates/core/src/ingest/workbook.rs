//! Workbooks (XLSX, XLS, ODS) read through calamine into text records, rows numbered as in Excel.
//!
//! Downstream, workbook rows go through the same header detection, column mapping and typed
//! parsers as CSV rows, so every cell becomes the text a CSV export of it would hold: dates as
//! `YYYY-MM-DD`, numbers without a spurious `.0`, booleans as `TRUE`/`FALSE`. The sheet's used
//! range is the bounding box of its non-empty cells (as calamine defines it), and rows keep the
//! number Excel shows so that a data-quality message can point the seller at the right row.
//!
//! Merged cells keep their value in the top-left cell only; the cells they cover read as empty,
//! as in a CSV saved from Excel.

use calamine::{
    open_workbook_from_rs, Data, DataRef, ExcelDateTime, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Sheets,
    Xls, XlsError, Xlsx, XlsxError,
};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::io::Cursor;

/// Which spreadsheet container a file is.
///
/// A stand-in until `ingest::sniff::FileFormat` lands; the caller picks it from the sniffed
/// format, so a file whose extension lies is still opened with the right reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkbookKind {
    /// Office Open XML (Excel 2007 and later), a zip of XML parts.
    Xlsx,
    /// Excel 97–2003 binary (BIFF8 in an OLE compound file).
    Xls,
    /// OpenDocument spreadsheet (LibreOffice, WPS), a zip of XML parts.
    Ods,
}

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The file is damaged or not in the format it was opened as.
    #[error("the workbook is damaged or not in the expected format")]
    Unreadable {
        #[source]
        source: calamine::Error,
    },
    /// The workbook holds no worksheets (only charts, macros, or nothing at all).
    #[error("the workbook has no worksheets")]
    NoSheets,
    /// No worksheet has this name.
    #[error("the workbook has no sheet named {sheet:?}")]
    SheetNotFound { sheet: String },
    /// The workbook is password-protected; it must be saved without a password first.
    #[error("the workbook is password-protected")]
    Encrypted,
}

/// One worksheet as the sheet picker lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetInfo {
    /// The name as written in the workbook, to pass back to [`read_sheet`].
    pub name: String,
    /// No cell holds a value (formatting alone does not count), so there is nothing to import.
    pub is_empty: bool,
    /// Hidden or "very hidden" in Excel: usually lookup tables or leftovers, not the export.
    pub is_hidden: bool,
}

/// Lists the workbook's worksheets in tab order, flagging empty and hidden ones so that the UI's
/// sheet picker can skip them. Chart sheets, dialog sheets and macro sheets are left out: they
/// hold no rows to import.
///
/// ```
/// use borderlens_core::ingest::workbook::{list_sheets, SheetInfo, WorkbookKind};
/// use borderlens_core::report::xlsx::{write_xlsx, Sheet};
///
/// let bytes = write_xlsx(&[Sheet { name: "订单".into(), header: vec!["订单号".into()], rows: vec![] }]);
/// let sheets = list_sheets(&bytes, WorkbookKind::Xlsx).unwrap();
/// assert_eq!(sheets, [SheetInfo { name: "订单".into(), is_empty: false, is_hidden: false }]);
/// ```
pub fn list_sheets(bytes: &[u8], kind: WorkbookKind) -> Result<Vec<SheetInfo>, WorkbookError> {
    guard_against_reader_panics(&mut |_, _| {}, |_| list_sheets_unguarded(bytes, kind))
}

fn list_sheets_unguarded(bytes: &[u8], kind: WorkbookKind) -> Result<Vec<SheetInfo>, WorkbookError> {
    let mut book = open(bytes, kind)?;
    let worksheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| (sheet.name.clone(), sheet.visible != SheetVisible::Visible))
        .collect();
    if worksheets.is_empty() {
        return Err(WorkbookError::NoSheets);
    }
    worksheets
        .into_iter()
        .map(|(name, is_hidden)| {
            let is_empty = is_sheet_empty(&mut book, &name)?;
            Ok(SheetInfo { name, is_empty, is_hidden })
        })
        .collect()
}

/// Streams one sheet's rows as text records.
///
/// `line` is the 1-based row number Excel shows (a sheet whose used range starts at row 5
/// yields lines from 5); blank rows inside the used range are yielded as all-empty records so
/// the numbering has no gaps. Cells become text the downstream typed parsers understand:
///
/// * dates and date-times (cells with a date format) → `YYYY-MM-DD` / `YYYY-MM-DD HH:MM:SS`
///   (fractional seconds dropped; a date-time at exactly midnight is written as the date; a
///   time of day alone as `HH:MM:SS`; an ODS time zone is dropped, keeping the wall-clock time);
/// * durations (`[h]:mm:ss` formats, ODS time values) → `HH:MM:SS` with hours past 24
///   (`36:00:00`);
/// * integral numbers without `.0` (`1234`, not `1234.0`), others in shortest round-trip form;
/// * booleans `TRUE`/`FALSE`; errors like `#N/A` as written; empty → `""`.
///
/// Rows shorter than the widest row are padded with `""` to the range width. XLSX sheets are
/// streamed from the compressed file (two passes: the first finds the used range), so a large
/// export is never held as a grid of cells; XLS and ODS sheets are parsed whole by calamine.
///
/// A file damaged part-way through a sheet fails with [`WorkbookError::Unreadable`] after the
/// rows before the damage were handed over: discard them on error. Damaged files give errors,
/// not panics (see `guard_against_reader_panics` for the one gap, in the wasm build).
///
/// ```
/// use borderlens_core::ingest::workbook::{read_sheet, WorkbookKind};
/// use borderlens_core::report::{cell::Cell, xlsx::{write_xlsx, Sheet}};
///
/// let bytes = write_xlsx(&[Sheet {
///     name: "运单".into(),
///     header: vec!["运单号".into(), "重量(kg)".into()],
///     rows: vec![vec![Cell::from("YT1"), Cell::from(1.0)], vec![Cell::from("YT2")]],
/// }]);
/// let mut records = Vec::new();
/// read_sheet(&bytes, WorkbookKind::Xlsx, "运单", &mut |line, fields| {
///     records.push((line, fields.join("|")));
/// })
/// .unwrap();
/// assert_eq!(records, [(1, "运单号|重量(kg)".to_owned()), (2, "YT1|1".into()), (3, "YT2|".into())]);
/// ```
pub fn read_sheet(
    bytes: &[u8],
    kind: WorkbookKind,
    sheet: &str,
    on_record: &mut dyn FnMut(u64, &[&str]),
) -> Result<(), WorkbookError> {
    guard_against_reader_panics(on_record, |on_record| read_sheet_unguarded(bytes, kind, sheet, on_record))
}

fn read_sheet_unguarded(
    bytes: &[u8],
    kind: WorkbookKind,
    sheet: &str,
    on_record: &mut dyn FnMut(u64, &[&str]),
) -> Result<(), WorkbookError> {
    let mut book = open(bytes, kind)?;
    if !book.sheet_names().iter().any(|name| name == sheet) {
        return Err(WorkbookError::SheetNotFound { sheet: sheet.to_owned() });
    }
    match &mut book {
        Sheets::Xlsx(xlsx) => stream_xlsx_sheet(xlsx, sheet, on_record),
        _ => {
            let range = book.worksheet_range(sheet).map_err(unreadable)?;
            emit_range(&range, on_record);
            Ok(())
        }
    }
}

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// Runs `work`, turning a panic inside calamine into [`WorkbookError::Unreadable`].
///
/// calamine 0.38 still indexes slices unchecked in places of its XLS (BIFF and compound file)
/// parser, so some damaged XLS files panic instead of returning an error. Natively (tests,
/// tools) the panic is caught here; in the wasm build, compiled with `panic = "abort"`, it
/// cannot be, which is why [`check_compound_file`] rejects the commonest damage (a file cut
/// short) before calamine sees it. Some damaged BIFF records make calamine reserve memory for
/// billions of cells, which aborts the process whatever the build; XLS files can therefore
/// still take a worker down. A panic in `on_record` is the caller's and is re-raised.
fn guard_against_reader_panics<T>(
    on_record: &mut dyn FnMut(u64, &[&str]),
    work: impl FnOnce(&mut dyn FnMut(u64, &[&str])) -> Result<T, WorkbookError>,
) -> Result<T, WorkbookError> {
    use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

    let mut callback_panic = None;
    let mut guarded_callback = |line: u64, fields: &[&str]| {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| on_record(line, fields))) {
            callback_panic = Some(payload);
            // Unwind out of calamine too; the payload is re-raised below.
            resume_unwind(Box::new("on_record panicked"));
        }
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| work(&mut guarded_callback)));
    if let Some(payload) = callback_panic {
        resume_unwind(payload);
    }
    outcome.unwrap_or_else(|_| Err(unreadable(calamine::Error::Msg("the workbook reader stopped on damaged data"))))
}

/// The magic number of OLE compound files: XLS, and also encrypted OOXML files.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn open(bytes: &[u8], kind: WorkbookKind) -> Result<Book<'_>, WorkbookError> {
    // The XLSX reader, too, parses compound files (to spot encrypted ones).
    check_compound_file(bytes).map_err(|message| unreadable(calamine::Error::Msg(message)))?;
    let cursor = Cursor::new(bytes);
    let opened = match kind {
        WorkbookKind::Xlsx => {
            open_workbook_from_rs::<Xlsx<_>, _>(cursor).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx)
        }
        WorkbookKind::Xls => open_workbook_from_rs::<Xls<_>, _>(cursor).map(Sheets::Xls).map_err(calamine::Error::Xls),
        WorkbookKind::Ods => open_workbook_from_rs::<Ods<_>, _>(cursor).map(Sheets::Ods).map_err(calamine::Error::Ods),
    };
    opened.map_err(|error| {
        if is_password_error(&error) || is_encrypted_ooxml(bytes, kind) {
            WorkbookError::Encrypted
        } else {
            unreadable(error)
        }
    })
}

fn unreadable(source: impl Into<calamine::Error>) -> WorkbookError {
    WorkbookError::Unreadable { source: source.into() }
}

fn is_password_error(error: &calamine::Error) -> bool {
    matches!(
        error,
        calamine::Error::Xlsx(XlsxError::Password)
            | calamine::Error::Xls(XlsError::Password)
            | calamine::Error::Ods(OdsError::Password)
    )
}

/// A password-protected XLSX is an OLE compound file, not a zip, so format sniffing calls it
/// XLS; the XLS reader then fails for want of a workbook stream. Asking the XLSX reader, which
/// looks for the `EncryptedPackage` stream, tells the seller the real problem.
fn is_encrypted_ooxml(bytes: &[u8], kind: WorkbookKind) -> bool {
    kind != WorkbookKind::Xlsx
        && bytes.starts_with(&CFB_MAGIC)
        && matches!(open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)), Err(XlsxError::Password))
}

/// Checks an OLE compound file's sector allocation against its length before calamine parses
/// it: calamine 0.38 panics (slice index out of range) on a compound file cut short, the
/// commonest damage (an interrupted download or upload), and in the wasm build a panic aborts
/// the worker. Every sector the allocation table marks as used must be in the file, and every
/// chain link must point at a sector in the file. Files that are not compound files, or whose
/// header calamine rejects anyway, pass through.
fn check_compound_file(bytes: &[u8]) -> Result<(), &'static str> {
    /// Sector ids above this are markers (free, end of chain, FAT, DIFAT), not sectors.
    const MAX_SECTOR_ID: u32 = 0xFFFF_FFFA;
    const FREE_SECTOR: u32 = 0xFFFF_FFFF;
    const HEADER_DIFAT_ENTRIES: usize = 109;
    const CUT_SHORT: &str = "the compound file is cut short: used sectors are missing";

    if bytes.len() < 512 || !bytes.starts_with(&CFB_MAGIC) {
        return Ok(());
    }
    let u32_at = |data: &[u8], at: usize| -> Option<u32> {
        let word: [u8; 4] = data.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(u32::from_le_bytes(word))
    };
    let sector_size: usize = match bytes[30..32] {
        [9, 0] => 512,
        [12, 0] => 4096,
        _ => return Ok(()),
    };
    // The header fills sector "-1". Writers pad the file to whole sectors; a sector cut
    // mid-way counts as missing (calamine panics on a partial allocation table sector).
    let sector_count = (bytes.len() - sector_size.min(bytes.len())) / sector_size;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
        bytes.get(start..start.checked_add(sector_size)?)
    };

    let mut fat_sectors: Vec<u32> =
        (0..HEADER_DIFAT_ENTRIES).filter_map(|i| u32_at(bytes, 76 + 4 * i)).filter(|&id| id <= MAX_SECTOR_ID).collect();
    let mut difat_sector = u32_at(bytes, 68).unwrap_or(FREE_SECTOR);
    let mut hops = 0;
    while difat_sector <= MAX_SECTOR_ID {
        hops += 1;
        let data = sector(difat_sector).filter(|_| hops <= sector_count);
        let data = data.ok_or(CUT_SHORT)?;
        let entries = data.len() / 4;
        for i in 0..entries.saturating_sub(1) {
            fat_sectors.extend(u32_at(data, 4 * i).filter(|&id| id <= MAX_SECTOR_ID));
        }
        difat_sector = u32_at(data, 4 * entries.saturating_sub(1)).unwrap_or(FREE_SECTOR);
    }

    let mut index = 0usize;
    for id in fat_sectors {
        let data = sector(id).ok_or(CUT_SHORT)?;
        for at in (0..data.len()).step_by(4) {
            let next = u32_at(data, at).unwrap_or(FREE_SECTOR);
            let is_used = next != FREE_SECTOR;
            if is_used && (index >= sector_count || (next <= MAX_SECTOR_ID && next as usize >= sector_count)) {
                return Err(CUT_SHORT);
            }
            index += 1;
        }
    }
    Ok(())
}

fn is_sheet_empty(book: &mut Book<'_>, name: &str) -> Result<bool, WorkbookError> {
    match book {
        Sheets::Xlsx(xlsx) => {
            let mut cells = match xlsx.worksheet_cells_reader(name) {
                Ok(cells) => cells,
                Err(XlsxError::NotAWorksheet(_)) => return Ok(true),
                Err(error) => return Err(unreadable(error)),
            };
            // Stop at the first value: a big sheet is not parsed just to list it.
            while let Some(cell) = cells.next_cell().map_err(unreadable)? {
                if cell.get_value() != &DataRef::Empty {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        _ => {
            let range = book.worksheet_range(name).map_err(unreadable)?;
            Ok(range.used_cells().next().is_none())
        }
    }
}

/// Row and column bounds (0-based, inclusive) of a sheet's non-empty cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct UsedRange {
    first_row: u32,
    last_row: u32,
    first_col: u32,
    last_col: u32,
}

impl UsedRange {
    fn at(row: u32, col: u32) -> UsedRange {
        UsedRange { first_row: row, last_row: row, first_col: col, last_col: col }
    }

    fn include(&mut self, row: u32, col: u32) {
        self.first_row = self.first_row.min(row);
        self.last_row = self.last_row.max(row);
        self.first_col = self.first_col.min(col);
        self.last_col = self.last_col.max(col);
    }

    fn width(&self) -> usize {
        (self.last_col - self.first_col) as usize + 1
    }
}

/// Yields the used range row by row, `fields` reused across rows so each row costs one
/// allocation for its `&str` slice.
struct RecordEmitter<'f> {
    used: UsedRange,
    fields: Vec<String>,
    on_record: &'f mut dyn FnMut(u64, &[&str]),
}

impl<'f> RecordEmitter<'f> {
    fn new(used: UsedRange, on_record: &'f mut dyn FnMut(u64, &[&str])) -> RecordEmitter<'f> {
        RecordEmitter { used, fields: vec![String::new(); used.width()], on_record }
    }

    /// The field for a cell at an absolute column, cleared, or `None` outside the used range.
    fn field(&mut self, col: u32) -> Option<&mut String> {
        let index = col.checked_sub(self.used.first_col)? as usize;
        let field = self.fields.get_mut(index)?;
        field.clear();
        Some(field)
    }

    /// Hands the current row (0-based `row`) to the callback and clears it.
    fn emit(&mut self, row: u32) {
        let refs: Vec<&str> = self.fields.iter().map(String::as_str).collect();
        (self.on_record)(u64::from(row) + 1, &refs);
        for field in &mut self.fields {
            field.clear();
        }
    }
}

fn emit_range(range: &Range<Data>, on_record: &mut dyn FnMut(u64, &[&str])) {
    let Some(start) = range.start() else {
        return;
    };
    let mut used: Option<UsedRange> = None;
    for (row, col, _) in range.used_cells() {
        // used_cells positions are relative to the range start.
        let (row, col) = (start.0 + row as u32, start.1 + col as u32);
        match &mut used {
            Some(used) => used.include(row, col),
            None => used = Some(UsedRange::at(row, col)),
        }
    }
    let Some(used) = used else {
        return;
    };
    let mut emitter = RecordEmitter::new(used, on_record);
    for row in used.first_row..=used.last_row {
        for col in used.first_col..=used.last_col {
            if let (Some(value), Some(field)) = (range.get_value((row, col)), emitter.field(col)) {
                write_data(field, value);
            }
        }
        emitter.emit(row);
    }
}

/// Streams an XLSX sheet: a first pass finds the used range and checks that cells come in
/// row-major order (Excel, WPS and every library we know write them so); the second pass emits
/// rows as they are parsed. Out-of-order sheets fall back to calamine's whole-sheet range.
fn stream_xlsx_sheet(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    on_record: &mut dyn FnMut(u64, &[&str]),
) -> Result<(), WorkbookError> {
    let mut used: Option<UsedRange> = None;
    let mut is_row_major = true;
    {
        let mut cells = match xlsx.worksheet_cells_reader(sheet) {
            Ok(cells) => cells,
            Err(XlsxError::NotAWorksheet(_)) => return Ok(()),
            Err(error) => return Err(unreadable(error)),
        };
        let mut previous: Option<(u32, u32)> = None;
        while let Some(cell) = cells.next_cell().map_err(unreadable)? {
            if cell.get_value() == &DataRef::Empty {
                continue;
            }
            let (row, col) = cell.get_position();
            is_row_major &= previous.is_none_or(|previous| previous < (row, col));
            previous = Some((row, col));
            match &mut used {
                Some(used) => used.include(row, col),
                None => used = Some(UsedRange::at(row, col)),
            }
        }
    }
    let Some(used) = used else {
        return Ok(());
    };
    if !is_row_major {
        let range = xlsx.worksheet_range(sheet).map_err(unreadable)?;
        emit_range(&range, on_record);
        return Ok(());
    }

    let mut cells = xlsx.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut emitter = RecordEmitter::new(used, on_record);
    let mut row = used.first_row;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let value = cell.get_value();
        if value == &DataRef::Empty {
            continue;
        }
        let (cell_row, col) = cell.get_position();
        while row < cell_row {
            emitter.emit(row);
            row += 1;
        }
        if let Some(field) = emitter.field(col) {
            write_data_ref(field, value);
        }
    }
    while row <= used.last_row {
        emitter.emit(row);
        row += 1;
    }
    Ok(())
}

fn write_data(out: &mut String, value: &Data) {
    match value {
        Data::Int(number) => {
            let _ = write!(out, "{number}");
        }
        Data::Float(number) => write_float(out, *number),
        Data::String(text) => out.push_str(text),
        Data::Bool(flag) => out.push_str(if *flag { "TRUE" } else { "FALSE" }),
        Data::DateTime(datetime) => write_excel_datetime(out, datetime),
        Data::DateTimeIso(iso) => write_iso_datetime(out, iso),
        Data::DurationIso(iso) => write_iso_duration(out, iso),
        Data::Error(error) => {
            let _ = write!(out, "{error}");
        }
        Data::Empty => {}
    }
}

fn write_data_ref(out: &mut String, value: &DataRef<'_>) {
    match value {
        DataRef::Int(number) => {
            let _ = write!(out, "{number}");
        }
        DataRef::Float(number) => write_float(out, *number),
        DataRef::String(text) => out.push_str(text),
        DataRef::SharedString(text) => out.push_str(text),
        DataRef::Bool(flag) => out.push_str(if *flag { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(datetime) => write_excel_datetime(out, datetime),
        DataRef::DateTimeIso(iso) => write_iso_datetime(out, iso),
        DataRef::DurationIso(iso) => write_iso_duration(out, iso),
        DataRef::Error(error) => {
            let _ = write!(out, "{error}");
        }
        DataRef::Empty => {}
    }
}

/// Integral floats without `.0`, others in shortest round-trip form; a non-finite value (which
/// only a damaged file can hold) as Excel's `#NUM!`.
fn write_float(out: &mut String, number: f64) {
    if !crate::report::cell::write_number(out, number) {
        out.push_str("#NUM!");
    }
}

/// Excel serial day numbers below this are a time of day with no date (serial 0 is the
/// fictitious 1900-01-00); from the upper bound on the date would pass 9999-12-31.
const EXCEL_SERIAL_DATES: std::ops::Range<f64> = 1.0..2_958_466.0;

fn write_excel_datetime(out: &mut String, datetime: &ExcelDateTime) {
    let serial = datetime.as_f64();
    if datetime.is_duration() {
        write_duration_millis(out, serial * 86_400_000.0);
        return;
    }
    if !(0.0..EXCEL_SERIAL_DATES.end).contains(&serial) {
        // Not a date Excel could show (it shows ####): keep the number rather than invent one.
        write_float(out, serial);
        return;
    }
    let (year, month, day, hour, minute, second, _millis) = datetime.to_ymd_hms_milli();
    if serial < EXCEL_SERIAL_DATES.start {
        let _ = write!(out, "{hour:02}:{minute:02}:{second:02}");
    } else if (hour, minute, second) == (0, 0, 0) {
        let _ = write!(out, "{year:04}-{month:02}-{day:02}");
    } else {
        let _ = write!(out, "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}");
    }
}

/// `HH:MM:SS` with as many hour digits as needed, a leading `-` for negative durations;
/// fractional seconds dropped after rounding to Excel's millisecond precision.
fn write_duration_millis(out: &mut String, millis: f64) {
    if !millis.is_finite() {
        out.push_str("#NUM!");
        return;
    }
    // `as` saturates, so even absurd values cannot overflow below.
    let millis = millis.round() as i64;
    if millis < 0 {
        out.push('-');
    }
    let seconds = millis.unsigned_abs() / 1000;
    let _ = write!(out, "{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/// ISO 8601 date-times from ODS (and XLSX `t="d"` cells): `2024-03-05T14:30:15.250+08:00`
/// becomes `2024-03-05 14:30:15`, a midnight time is dropped, and anything not shaped like a
/// date (a bare time, say) is passed through as written.
fn write_iso_datetime(out: &mut String, iso: &str) {
    let (date, time) = match iso.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (iso, None),
    };
    if !is_iso_date(date) {
        out.push_str(iso);
        return;
    }
    out.push_str(date);
    let Some(time) = time else {
        return;
    };
    let end = time.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(time.len());
    match &time[..end] {
        "00:00:00" | "00:00" => {}
        hms if hms.len() == 8 => {
            out.push(' ');
            out.push_str(hms);
        }
        hm if hm.len() == 5 => {
            out.push(' ');
            out.push_str(hm);
            out.push_str(":00");
        }
        _ => {
            out.push('T');
            out.push_str(time);
        }
    }
}

fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
}

/// ISO 8601 durations from ODS time cells (`PT36H00M00S`, `P1DT2H`, `-PT0H30M`) as
/// `HH:MM:SS`; years or months (of no fixed length) and anything unparsable pass through as
/// written.
fn write_iso_duration(out: &mut String, iso: &str) {
    match parse_iso_duration_millis(iso) {
        Some(millis) => write_duration_millis(out, millis),
        None => out.push_str(iso),
    }
}

fn parse_iso_duration_millis(iso: &str) -> Option<f64> {
    let (sign, rest) = match iso.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, iso),
    };
    let rest = rest.strip_prefix('P')?;
    let mut total_seconds = 0.0;
    let mut is_time = false;
    let mut number_start = 0;
    let mut has_component = false;
    for (i, c) in rest.char_indices() {
        let unit_seconds = match c {
            '0'..='9' | '.' | ',' => continue,
            'T' if !is_time && number_start == i => {
                is_time = true;
                number_start = i + 1;
                continue;
            }
            'W' if !is_time => 604_800.0,
            'D' if !is_time => 86_400.0,
            'H' if is_time => 3_600.0,
            'M' if is_time => 60.0,
            'S' if is_time => 1.0,
            _ => return None,
        };
        let number: f64 = rest[number_start..i].replace(',', ".").parse().ok()?;
        total_seconds += number * unit_seconds;
        number_start = i + 1;
        has_component = true;
    }
    (has_component && number_start == rest.len()).then_some(sign * total_seconds * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};
    use proptest::prelude::*;
    use rstest::rstest;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../tests/fixtures/workbook/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|error| panic!("reading {path}: {error}"))
    }

    fn records(bytes: &[u8], kind: WorkbookKind, sheet: &str) -> Result<Vec<(u64, Vec<String>)>, WorkbookError> {
        let mut out = Vec::new();
        read_sheet(bytes, kind, sheet, &mut |line, fields| {
            out.push((line, fields.iter().map(|f| f.to_string()).collect()));
        })?;
        Ok(out)
    }

    fn row(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
        (line, fields.iter().map(|f| f.to_string()).collect())
    }

    /// What every waybill fixture holds, whatever its format (see make_fixtures.py).
    fn waybill_records() -> Vec<(u64, Vec<String>)> {
        let blank = [""; 10];
        let mut title = blank;
        title[0] = "XX物流 运单明细";
        vec![
            row(1, &title),
            row(2, &blank),
            row(3, &["运单号", "发货日期", "签收时间", "目的国", "重量(kg)", "件数", "运费(元)", "时效", "备注", ""]),
            row(
                4,
                &[
                    "YT2403010001",
                    "2024-03-01",
                    "2024-03-05 14:30:15",
                    "US",
                    "1.25",
                    "1",
                    "35.5",
                    "110:30:15",
                    "加急",
                    "",
                ],
            ),
            row(
                5,
                &[
                    "YT2403010002",
                    "2024-03-02",
                    "2024-03-06 09:05:07",
                    "DE",
                    "0.5",
                    "2",
                    "1234",
                    "36:00:00",
                    "",
                    "#N/A",
                ],
            ),
            row(6, &["YT2403010003", "2024-03-02", "", "GB", "2", "3", "-12.75", "", "", "TRUE"]),
            row(7, &["123456789012", "2024-02-29", "2024-03-04", "JP", "0.1", "10", "7.1", "", "退件,重发", "FALSE"]),
        ]
    }

    #[rstest]
    #[case::xlsx("waybill.xlsx", WorkbookKind::Xlsx)]
    #[case::xls("waybill.xls", WorkbookKind::Xls)]
    #[case::ods("waybill.ods", WorkbookKind::Ods)]
    fn reads_waybill_export_as_text_records(#[case] file: &str, #[case] kind: WorkbookKind) {
        let bytes = fixture(file);
        assert_eq!(records(&bytes, kind, "运单明细").unwrap(), waybill_records());
    }

    #[rstest]
    #[case::xlsx("waybill.xlsx", WorkbookKind::Xlsx)]
    #[case::xls("waybill.xls", WorkbookKind::Xls)]
    #[case::ods("waybill.ods", WorkbookKind::Ods)]
    fn lists_waybill_sheets_with_hidden_flag(#[case] file: &str, #[case] kind: WorkbookKind) {
        let bytes = fixture(file);
        assert_eq!(
            list_sheets(&bytes, kind).unwrap(),
            [
                SheetInfo { name: "运单明细".into(), is_empty: false, is_hidden: false },
                SheetInfo { name: "旧数据".into(), is_empty: false, is_hidden: true },
            ]
        );
    }

    #[test]
    fn lists_two_sheets_flagging_the_empty_one() {
        let bytes = fixture("two_sheets.xlsx");
        assert_eq!(
            list_sheets(&bytes, WorkbookKind::Xlsx).unwrap(),
            [
                SheetInfo { name: "订单".into(), is_empty: false, is_hidden: false },
                SheetInfo { name: "空白".into(), is_empty: true, is_hidden: false },
            ]
        );
    }

    #[test]
    fn numbers_lines_from_where_the_used_range_starts() {
        let bytes = fixture("two_sheets.xlsx");
        assert_eq!(
            records(&bytes, WorkbookKind::Xlsx, "订单").unwrap(),
            [row(5, &["订单号", "金额"]), row(6, &["SO-1", "19.9"]), row(7, &["", ""]), row(8, &["SO-2", "5"]),]
        );
    }

    /// An XLSX whose only sheet has `sheet_data` as its `<sheetData>` content.
    fn xlsx_with_sheet_data(sheet_data: &str) -> Vec<u8> {
        use std::io::{Read as _, Write as _};
        let template = crate::report::xlsx::write_xlsx(&[crate::report::xlsx::Sheet {
            name: "s".into(),
            header: vec![],
            rows: vec![],
        }]);
        let mut archive = zip::ZipArchive::new(Cursor::new(&template[..])).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                content = format!(
                    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                     <sheetData>{sheet_data}</sheetData></worksheet>"
                )
                .into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&content).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_xlsx_cells_written_out_of_order() {
        let bytes = xlsx_with_sheet_data(
            "<row r=\"3\"><c r=\"C3\"><v>3</v></c><c r=\"B3\"><v>2</v></c></row>\
             <row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>b</t></is></c></row>",
        );
        assert_eq!(records(&bytes, WorkbookKind::Xlsx, "s").unwrap(), [row(2, &["b", ""]), row(3, &["2", "3"])]);
    }

    #[test]
    fn reads_xlsx_rows_and_cells_without_references() {
        // Some generators omit r="…"; calamine counts rows and cells instead.
        let bytes = xlsx_with_sheet_data(
            "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c></row>\
             <row><c/><c t=\"b\"><v>1</v></c></row>",
        );
        assert_eq!(records(&bytes, WorkbookKind::Xlsx, "s").unwrap(), [row(1, &["a", "1"]), row(2, &["", "TRUE"])]);
    }

    #[test]
    fn pads_short_rows_to_the_widest_row() {
        let bytes = xlsx_with_sheet_data(
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\
             <row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"D2\"><v>4</v></c></row>\
             <row r=\"3\"><c r=\"B3\" s=\"0\"/></row>",
        );
        assert_eq!(
            records(&bytes, WorkbookKind::Xlsx, "s").unwrap(),
            [row(1, &["1", "", "", ""]), row(2, &["1", "", "", "4"])]
        );
    }

    #[test]
    fn round_trips_an_export_written_by_write_xlsx() {
        use crate::report::cell::Cell;
        use crate::report::xlsx::{write_xlsx, Sheet};
        let bytes = write_xlsx(&[
            Sheet {
                name: "运单".into(),
                header: vec!["运单号".into(), "目的国".into(), "重量(kg)".into(), "件数".into()],
                rows: vec![
                    vec![Cell::from("YT2403010001"), Cell::from("美国"), Cell::from(1.25), Cell::Integer(3)],
                    vec![Cell::from("=SUM(A1)"), Cell::Empty, Cell::from(-0.5)],
                    vec![Cell::from("-5"), Cell::from("深圳 & <仓>")],
                ],
            },
            Sheet { name: "汇总".into(), header: vec![], rows: vec![] },
        ]);
        assert_eq!(
            list_sheets(&bytes, WorkbookKind::Xlsx).unwrap(),
            [
                SheetInfo { name: "运单".into(), is_empty: false, is_hidden: false },
                SheetInfo { name: "汇总".into(), is_empty: true, is_hidden: false },
            ]
        );
        assert_eq!(
            records(&bytes, WorkbookKind::Xlsx, "运单").unwrap(),
            [
                row(1, &["运单号", "目的国", "重量(kg)", "件数"]),
                row(2, &["YT2403010001", "美国", "1.25", "3"]),
                row(3, &["'=SUM(A1)", "", "-0.5", ""]),
                row(4, &["'-5", "深圳 & <仓>", "", ""]),
            ]
        );
    }

    #[test]
    fn reads_no_records_from_an_empty_sheet() {
        let bytes = fixture("two_sheets.xlsx");
        assert_eq!(records(&bytes, WorkbookKind::Xlsx, "空白").unwrap(), []);
    }

    #[rstest]
    #[case::xlsx("waybill.xlsx", WorkbookKind::Xlsx)]
    #[case::xls("waybill.xls", WorkbookKind::Xls)]
    #[case::ods("waybill.ods", WorkbookKind::Ods)]
    fn reports_a_missing_sheet_by_name(#[case] file: &str, #[case] kind: WorkbookKind) {
        let bytes = fixture(file);
        let error = records(&bytes, kind, "Sheet1").unwrap_err();
        assert!(matches!(&error, WorkbookError::SheetNotFound { sheet } if sheet == "Sheet1"), "{error:?}");
    }

    #[rstest]
    #[case::xlsx("encrypted.xlsx", WorkbookKind::Xlsx)]
    #[case::xlsx_sniffed_as_xls("encrypted.xlsx", WorkbookKind::Xls)]
    #[case::ods("encrypted.ods", WorkbookKind::Ods)]
    fn reports_password_protected_workbooks(#[case] file: &str, #[case] kind: WorkbookKind) {
        let bytes = fixture(file);
        let error = list_sheets(&bytes, kind).unwrap_err();
        assert!(matches!(error, WorkbookError::Encrypted), "{error:?}");
        let error = records(&bytes, kind, "订单").unwrap_err();
        assert!(matches!(error, WorkbookError::Encrypted), "{error:?}");
    }

    #[rstest]
    #[case::xlsx_as_xls("waybill.xlsx", WorkbookKind::Xls)]
    #[case::xlsx_as_ods("waybill.xlsx", WorkbookKind::Ods)]
    #[case::xls_as_xlsx("waybill.xls", WorkbookKind::Xlsx)]
    #[case::ods_as_xlsx("waybill.ods", WorkbookKind::Xlsx)]
    fn reports_a_workbook_opened_as_the_wrong_format_as_unreadable(#[case] file: &str, #[case] kind: WorkbookKind) {
        let error = list_sheets(&fixture(file), kind).unwrap_err();
        assert!(matches!(error, WorkbookError::Unreadable { .. }), "{error:?}");
        assert!(std::error::Error::source(&error).is_some());
    }

    #[rstest]
    #[case::empty(b"".as_slice())]
    #[case::csv("运单号,重量\nYT1,1.5\n".as_bytes())]
    #[case::zip_magic_only(b"PK\x03\x04".as_slice())]
    #[case::cfb_magic_only(&CFB_MAGIC)]
    fn reports_non_workbook_bytes_as_unreadable(#[case] bytes: &[u8]) {
        for kind in [WorkbookKind::Xlsx, WorkbookKind::Xls, WorkbookKind::Ods] {
            let error = list_sheets(bytes, kind).unwrap_err();
            assert!(matches!(error, WorkbookError::Unreadable { .. }), "{kind:?}: {error:?}");
        }
    }

    /// Reads every sheet the workbook lists, as the UI would, returning the first error.
    fn read_everything(bytes: &[u8], kind: WorkbookKind) -> Result<usize, WorkbookError> {
        let mut count = 0;
        for sheet in list_sheets(bytes, kind)? {
            read_sheet(bytes, kind, &sheet.name, &mut |_, _| count += 1)?;
        }
        Ok(count)
    }

    /// Like [`read_everything`] without the panic guard: what the wasm build, which cannot
    /// catch panics, would do.
    fn read_everything_unguarded(bytes: &[u8], kind: WorkbookKind) -> Result<usize, WorkbookError> {
        let mut count = 0;
        for sheet in list_sheets_unguarded(bytes, kind)? {
            read_sheet_unguarded(bytes, kind, &sheet.name, &mut |_, _| count += 1)?;
        }
        Ok(count)
    }

    #[rstest]
    #[case::xlsx("waybill.xlsx", WorkbookKind::Xlsx)]
    #[case::two_sheets("two_sheets.xlsx", WorkbookKind::Xlsx)]
    #[case::xls("waybill.xls", WorkbookKind::Xls)]
    #[case::ods("waybill.ods", WorkbookKind::Ods)]
    #[case::encrypted_xlsx("encrypted.xlsx", WorkbookKind::Xlsx)]
    fn reports_truncated_workbooks_as_unreadable_without_panicking(#[case] file: &str, #[case] kind: WorkbookKind) {
        let bytes = fixture(file);
        // Every cut loses the zip's central directory or sectors the OLE allocation table
        // uses. Checked without the panic guard: the wasm build has none.
        for len in 0..bytes.len() {
            let outcome = std::panic::catch_unwind(|| read_everything_unguarded(&bytes[..len], kind));
            let result = outcome.unwrap_or_else(|_| panic!("{file} cut at {len} panicked"));
            assert!(matches!(result, Err(WorkbookError::Unreadable { .. })), "{file} cut at {len}: {result:?}");
        }
    }

    #[test]
    fn passes_whole_compound_files_and_other_formats_to_calamine() {
        for file in ["waybill.xls", "encrypted.xlsx", "waybill.xlsx", "waybill.ods"] {
            assert_eq!(check_compound_file(&fixture(file)), Ok(()), "{file}");
        }
    }

    #[test]
    fn reports_a_panic_inside_the_reader_as_unreadable() {
        let result: Result<(), _> = guard_against_reader_panics(&mut |_, _| {}, |_| panic!("index out of range"));
        assert!(matches!(result, Err(WorkbookError::Unreadable { .. })), "{result:?}");
    }

    #[test]
    fn re_raises_a_panic_in_the_callback() {
        let bytes = fixture("waybill.xlsx");
        let outcome = std::panic::catch_unwind(|| {
            read_sheet(&bytes, WorkbookKind::Xlsx, "运单明细", &mut |line, _| {
                assert!(line < 3, "caller's bug");
            })
        });
        let payload = outcome.expect_err("the callback's panic reaches the caller");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"caller's bug"));
    }

    #[rstest]
    #[case::xlsx("waybill.xlsx", WorkbookKind::Xlsx)]
    #[case::xls("waybill.xls", WorkbookKind::Xls)]
    #[case::ods("waybill.ods", WorkbookKind::Ods)]
    fn survives_damaged_workbooks(#[case] file: &str, #[case] kind: WorkbookKind) {
        let bytes = fixture(file);
        // Overwrite a run of bytes at many offsets: damaged headers, sectors and deflate
        // streams. Any outcome but a panic is acceptable (a damaged string is still readable).
        for start in (0..bytes.len()).step_by(31) {
            let mut damaged = bytes.clone();
            for byte in damaged.iter_mut().skip(start).take(8) {
                *byte ^= 0xA5;
            }
            let _ = read_everything(&damaged, kind);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            for kind in [WorkbookKind::Xlsx, WorkbookKind::Xls, WorkbookKind::Ods] {
                let _ = read_everything(&bytes, kind);
            }
        }

        /// Checked without the panic guard, as the wasm build runs. XLS is left out: calamine
        /// 0.38 can abort the process on some damaged BIFF records (it reserves memory for
        /// the cell count a DIMENSIONS record claims), which no guard catches; the fixed
        /// damage in `survives_damaged_workbooks` covers XLS instead.
        #[test]
        fn never_panics_on_mutated_zip_workbooks(
            file in prop::sample::select(vec![
                ("waybill.xlsx", WorkbookKind::Xlsx),
                ("two_sheets.xlsx", WorkbookKind::Xlsx),
                ("waybill.ods", WorkbookKind::Ods),
            ]),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let mut bytes = fixture(file.0);
            for (index, value) in edits {
                let at = index.index(bytes.len());
                bytes[at] = value;
            }
            let outcome = std::panic::catch_unwind(|| read_everything_unguarded(&bytes, file.1));
            prop_assert!(outcome.is_ok(), "{} panicked", file.0);
        }
    }

    fn excel(serial: f64) -> ExcelDateTime {
        ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false)
    }

    fn text(value: Data) -> String {
        let mut out = String::new();
        write_data(&mut out, &value);
        out
    }

    #[rstest]
    #[case::int(Data::Int(-42), "-42")]
    #[case::integral_float(Data::Float(1234.0), "1234")]
    #[case::fraction(Data::Float(0.1), "0.1")]
    #[case::tracking_number(Data::Float(123456789012.0), "123456789012")]
    #[case::negative_zero(Data::Float(-0.0), "0")]
    #[case::nan(Data::Float(f64::NAN), "#NUM!")]
    #[case::string(Data::String(" 深圳 ".into()), " 深圳 ")]
    #[case::bool_true(Data::Bool(true), "TRUE")]
    #[case::bool_false(Data::Bool(false), "FALSE")]
    #[case::error_na(Data::Error(CellErrorType::NA), "#N/A")]
    #[case::error_div0(Data::Error(CellErrorType::Div0), "#DIV/0!")]
    #[case::empty(Data::Empty, "")]
    #[case::date(Data::DateTime(excel(45352.0)), "2024-03-01")]
    #[case::datetime(Data::DateTime(excel(45356.60434027778)), "2024-03-05 14:30:15")]
    #[case::datetime_millis_dropped(Data::DateTime(excel(45943.541)), "2025-10-13 12:59:02")]
    #[case::datetime_rounds_to_second(Data::DateTime(excel(45352.0 + 0.5 - 1e-9)), "2024-03-01 12:00:00")]
    #[case::leap_day(Data::DateTime(excel(45351.0)), "2024-02-29")]
    #[case::excel_phantom_leap_day(Data::DateTime(excel(60.0)), "1900-02-29")]
    #[case::time_of_day(Data::DateTime(excel(0.75)), "18:00:00")]
    #[case::negative_serial(Data::DateTime(excel(-1.0)), "-1")]
    #[case::past_year_9999(Data::DateTime(excel(3e6)), "3000000")]
    #[case::date_1904(Data::DateTime(ExcelDateTime::new(0.0, ExcelDateTimeType::DateTime, true)), "00:00:00")]
    #[case::date_1904_later(
        Data::DateTime(ExcelDateTime::new(43890.0, ExcelDateTimeType::DateTime, true)),
        "2024-03-01"
    )]
    #[case::duration(Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false)), "36:00:00")]
    #[case::short_duration(Data::DateTime(ExcelDateTime::new(1.0 / 48.0, ExcelDateTimeType::TimeDelta, false)), "00:30:00")]
    #[case::negative_duration(Data::DateTime(ExcelDateTime::new(-0.25, ExcelDateTimeType::TimeDelta, false)), "-06:00:00")]
    #[case::iso_date(Data::DateTimeIso("2024-03-01".into()), "2024-03-01")]
    #[case::iso_datetime(Data::DateTimeIso("2024-03-05T14:30:15".into()), "2024-03-05 14:30:15")]
    #[case::iso_fraction(Data::DateTimeIso("2024-03-06T09:05:07.250".into()), "2024-03-06 09:05:07")]
    #[case::iso_zone(Data::DateTimeIso("2024-03-06T09:05:07+08:00".into()), "2024-03-06 09:05:07")]
    #[case::iso_utc(Data::DateTimeIso("2024-03-06T09:05:07Z".into()), "2024-03-06 09:05:07")]
    #[case::iso_minutes(Data::DateTimeIso("2024-03-06T09:05".into()), "2024-03-06 09:05:00")]
    #[case::iso_midnight(Data::DateTimeIso("2024-03-04T00:00:00".into()), "2024-03-04")]
    #[case::iso_bare_time(Data::DateTimeIso("14:30:00".into()), "14:30:00")]
    #[case::iso_odd_time(Data::DateTimeIso("2024-03-04T9".into()), "2024-03-04T9")]
    #[case::iso_not_a_date(Data::DateTimeIso("三月".into()), "三月")]
    #[case::iso_duration(Data::DurationIso("PT36H00M00S".into()), "36:00:00")]
    #[case::iso_duration_days(Data::DurationIso("P1DT2H3M4S".into()), "26:03:04")]
    #[case::iso_duration_fraction(Data::DurationIso("PT10H30M15.75S".into()), "10:30:15")]
    #[case::iso_duration_negative(Data::DurationIso("-PT0H30M".into()), "-00:30:00")]
    #[case::iso_duration_weeks(Data::DurationIso("P2W".into()), "336:00:00")]
    #[case::iso_duration_months(Data::DurationIso("P1M".into()), "P1M")]
    #[case::iso_duration_empty(Data::DurationIso("PT".into()), "PT")]
    #[case::iso_duration_garbage(Data::DurationIso("PT1H2".into()), "PT1H2")]
    fn writes_cells_as_text_the_parsers_understand(#[case] value: Data, #[case] expected: &str) {
        assert_eq!(text(value), expected);
    }

    #[test]
    fn writes_data_ref_like_data() {
        let pairs = [
            (DataRef::SharedString("共享"), Data::String("共享".into())),
            (DataRef::Float(2.5), Data::Float(2.5)),
            (DataRef::DateTime(excel(45352.25)), Data::DateTime(excel(45352.25))),
            (DataRef::DurationIso("PT1H".into()), Data::DurationIso("PT1H".into())),
            (DataRef::Error(CellErrorType::Ref), Data::Error(CellErrorType::Ref)),
        ];
        for (data_ref, data) in pairs {
            let mut out = String::new();
            write_data_ref(&mut out, &data_ref);
            assert_eq!(out, text(data));
        }
    }

    #[test]
    fn serialises_sheet_info_for_the_ui() {
        let info = SheetInfo { name: "运单".into(), is_empty: true, is_hidden: false };
        assert_eq!(serde_json::to_string(&info).unwrap(), r#"{"name":"运单","is_empty":true,"is_hidden":false}"#);
    }
}
