//! XLSX exports: a minimal, valid Office Open XML workbook written with the zip crate alone.
//!
//! A full XLSX writer would add hundreds of kilobytes to the wasm bundle for features the
//! exports do not use. What a seller needs is a file that Excel, WPS and LibreOffice open
//! without a repair prompt, with text as text, numbers as numbers, a bold frozen header and
//! columns wide enough to read Chinese text — so only those parts are written.

use crate::report::cell::{neutralise_formula, write_number, Cell};
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One worksheet of an export: a header row (bold, frozen) and typed data rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The tab name; sanitised on writing (see [`write_xlsx`]).
    pub name: String,
    /// Column names for the first row; an empty header writes no header row.
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Rows on one worksheet, Excel's hard limit: a sheet holding more is refused as corrupt.
const EXCEL_MAX_ROWS: usize = 1_048_576;
/// Columns on one worksheet (A…XFD); cells past it are dropped.
const EXCEL_MAX_COLUMNS: usize = 16_384;
/// Characters in one cell; Excel truncates longer text with a repair prompt, so it is cut here.
const EXCEL_MAX_CELL_CHARS: usize = 32_767;
/// Characters in a sheet name.
const EXCEL_MAX_SHEET_NAME_CHARS: usize = 31;
/// Integers with more digits than Excel's 15 significant ones would lose their last digits
/// (an 18-digit order number turns into `1.23457E+17`), so they are written as text.
const EXCEL_MAX_EXACT_INTEGER: i64 = 999_999_999_999_999;
/// Column widths in characters of the default font's digit.
const MIN_COLUMN_WIDTH: usize = 8;
const MAX_COLUMN_WIDTH: usize = 60;
/// The sheet XML is handed to the compressor in chunks of about this many bytes, so a large
/// export is not held twice in memory.
const FLUSH_BYTES: usize = 64 * 1024;

/// Style index of the bold header in `xl/styles.xml`.
const HEADER_STYLE: u32 = 1;

/// A minimal valid XLSX (Office Open XML) written with the zip crate.
///
/// Parts: `[Content_Types].xml`, `_rels/.rels`, `docProps/app.xml` and `docProps/core.xml`
/// (no timestamps: the core never reads the clock, so equal input gives equal bytes),
/// `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/styles.xml` (a bold header style) and
/// one `xl/worksheets/sheetN.xml` per sheet with inline strings (`t="inlineStr"`), numbers
/// as numbers, the header row frozen and column widths estimated from the content (CJK
/// characters count double).
///
/// Text is XML-escaped, characters XML cannot hold are removed, and every text cell, header
/// names included, goes through [`neutralise_formula`], so a file re-saved as CSV stays safe.
/// Sheet names are sanitised: `[]:*?/\` become `_`, at most 31 characters, no leading or
/// trailing apostrophe, never empty or `History`, unique ignoring case (`订单 (2)`).
///
/// Excel's limits are respected rather than producing a file it refuses: a sheet with more
/// rows than fit continues on `name (2)`, `name (3)`… (each with the header), cells past
/// column XFD are dropped, text longer than 32,767 characters is cut, integers of more than
/// 15 digits are written as text. An empty slice gives a workbook with one empty sheet.
///
/// ```
/// use borderlens_core::report::{cell::Cell, xlsx::{write_xlsx, Sheet}};
/// use calamine::{Data, Reader, Xlsx};
///
/// let bytes = write_xlsx(&[Sheet {
///     name: "运费".into(),
///     header: vec!["运单号".into(), "运费(元)".into()],
///     rows: vec![vec![Cell::from("=SUM(A1)"), Cell::from(35.5)]],
/// }]);
/// let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
/// let range = book.worksheet_range("运费").unwrap();
/// assert_eq!(range.get_value((1, 0)), Some(&Data::String("'=SUM(A1)".into())));
/// assert_eq!(range.get_value((1, 1)), Some(&Data::Float(35.5)));
/// ```
pub fn write_xlsx(sheets: &[Sheet]) -> Vec<u8> {
    write_xlsx_with_row_limit(sheets, EXCEL_MAX_ROWS)
}

/// One worksheet as written: a sheet, or a continuation of one past the row limit.
struct Part<'a> {
    name: String,
    header: &'a [String],
    rows: &'a [Vec<Cell>],
}

fn write_xlsx_with_row_limit(sheets: &[Sheet], max_rows: usize) -> Vec<u8> {
    let parts = split_into_parts(sheets, max_rows);

    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // Level 5 compresses sheet XML as small as the default (6) in about 60% of the time.
        .compression_level(Some(5))
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let put = |zip: &mut ZipWriter<Cursor<Vec<u8>>>, path: &str, xml: &str| {
        zip.start_file(path, options).expect(IN_MEMORY);
        zip.write_all(xml.as_bytes()).expect(IN_MEMORY);
    };

    put(&mut zip, "[Content_Types].xml", &content_types_xml(parts.len()));
    put(&mut zip, "_rels/.rels", ROOT_RELS_XML);
    put(&mut zip, "docProps/app.xml", APP_XML);
    put(&mut zip, "docProps/core.xml", CORE_XML);
    put(&mut zip, "xl/workbook.xml", &workbook_xml(&parts));
    put(&mut zip, "xl/_rels/workbook.xml.rels", &workbook_rels_xml(parts.len()));
    put(&mut zip, "xl/styles.xml", STYLES_XML);
    for (index, part) in parts.iter().enumerate() {
        zip.start_file(format!("xl/worksheets/sheet{}.xml", index + 1), options).expect(IN_MEMORY);
        write_worksheet(&mut zip, part, index == 0);
    }
    zip.finish().expect(IN_MEMORY).into_inner()
}

/// Writing a zip into a `Vec` performs no I/O; the zip crate only fails on misuse (duplicate
/// names, which the fixed part names rule out) or entries past 4 GiB, which wasm's memory
/// cannot hold.
const IN_MEMORY: &str = "writing a zip into memory cannot fail";

fn split_into_parts(sheets: &[Sheet], max_rows: usize) -> Vec<Part<'_>> {
    let mut taken = Vec::new();
    let mut parts = Vec::new();
    for sheet in sheets {
        let rows_per_part = if sheet.header.is_empty() { max_rows } else { max_rows - 1 };
        let mut chunks = sheet.rows.chunks(rows_per_part.max(1));
        // A sheet without rows still gets its (header-only) worksheet.
        let first = chunks.next().unwrap_or(&[]);
        for rows in std::iter::once(first).chain(chunks) {
            parts.push(Part {
                name: sanitise_sheet_name(&sheet.name, parts.len(), &mut taken),
                header: &sheet.header,
                rows,
            });
        }
    }
    if parts.is_empty() {
        // A workbook must hold at least one sheet.
        parts.push(Part { name: sanitise_sheet_name("", 0, &mut taken), header: &[], rows: &[] });
    }
    parts
}

/// An Excel-safe, unique sheet name. `taken` holds the lower-cased names already used
/// (Excel compares names ignoring case); `index` numbers the fallback `SheetN`.
fn sanitise_sheet_name(name: &str, index: usize, taken: &mut Vec<String>) -> String {
    let cleaned: String = name
        .chars()
        .filter(|&c| is_xml_char(c) && !c.is_control())
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'');
    let base = if cleaned.trim().is_empty() {
        format!("Sheet{}", index + 1)
    } else if cleaned.eq_ignore_ascii_case("History") {
        // Reserved by Excel for change tracking.
        format!("{cleaned}_")
    } else {
        cleaned.to_owned()
    };
    let mut candidate = truncate_utf16(&base, EXCEL_MAX_SHEET_NAME_CHARS).to_owned();
    let mut n = 2;
    while taken.contains(&candidate.to_lowercase()) {
        let suffix = format!(" ({n})");
        let stem = truncate_utf16(&base, EXCEL_MAX_SHEET_NAME_CHARS - suffix.len());
        // Truncation may leave a trailing apostrophe, which Excel rejects before the suffix too.
        candidate = format!("{}{suffix}", stem.trim_end_matches('\''));
        n += 1;
    }
    taken.push(candidate.to_lowercase());
    candidate
}

/// The longest prefix of `text` of at most `max` UTF-16 code units (Excel counts those).
fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..i];
        }
    }
    text
}

/// Characters XML 1.0 can hold (Rust's `char` already excludes surrogates).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether a character is drawn about twice as wide as a Latin digit: CJK ideographs and
/// punctuation, kana, Hangul and full-width forms (Unicode's East Asian Wide and Fullwidth).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// Display width of text in digit widths: the widest line, wide characters counting double.
fn text_width(text: &str) -> usize {
    text.split('\n').map(|line| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()).max().unwrap_or(0)
}

fn cell_width(cell: &Cell, scratch: &mut String) -> usize {
    match cell {
        Cell::Text(text) => text_width(text),
        Cell::Number(number) => {
            scratch.clear();
            write_number(scratch, *number);
            scratch.len()
        }
        Cell::Integer(number) => {
            scratch.clear();
            let _ = write!(scratch, "{number}");
            scratch.len()
        }
        Cell::Empty => 0,
    }
}

/// Column widths from the header and every row, padded and clamped to a readable range.
fn column_widths(part: &Part<'_>, columns: usize) -> Vec<usize> {
    let mut widths = vec![0; columns];
    for (width, name) in widths.iter_mut().zip(part.header) {
        // Bold text runs a little wider.
        *width = text_width(name) + 1;
    }
    let mut scratch = String::new();
    for row in part.rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell_width(cell, &mut scratch));
        }
    }
    widths.into_iter().map(|w| (w + 2).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH)).collect()
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column index.
fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn write_worksheet(zip: &mut ZipWriter<Cursor<Vec<u8>>>, part: &Part<'_>, is_selected: bool) {
    let columns = part.rows.iter().map(Vec::len).chain([part.header.len()]).max().unwrap_or(0).min(EXCEL_MAX_COLUMNS);
    let letters: Vec<String> = (0..columns).map(column_letters).collect();
    let has_header = !part.header.is_empty();
    let row_count = part.rows.len() + usize::from(has_header);

    let mut xml = String::with_capacity(FLUSH_BYTES + 4096);
    xml.push_str(XML_DECLARATION);
    xml.push_str(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    );
    match (letters.last(), row_count) {
        (Some(last), 1..) => {
            let _ = write!(xml, "<dimension ref=\"A1:{last}{row_count}\"/>");
        }
        _ => xml.push_str("<dimension ref=\"A1\"/>"),
    }
    xml.push_str("<sheetViews><sheetView ");
    if is_selected {
        xml.push_str("tabSelected=\"1\" ");
    }
    xml.push_str("workbookViewId=\"0\">");
    if has_header {
        xml.push_str(
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>",
        );
    }
    xml.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if columns > 0 {
        xml.push_str("<cols>");
        for (i, width) in column_widths(part, columns).into_iter().enumerate() {
            let _ = write!(xml, "<col min=\"{n}\" max=\"{n}\" width=\"{width}\" customWidth=\"1\"/>", n = i + 1);
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");

    let mut row_number = 0;
    if has_header {
        row_number += 1;
        xml.push_str("<row r=\"1\">");
        for (name, letter) in part.header.iter().zip(&letters) {
            write_text_cell(&mut xml, letter, row_number, name, Some(HEADER_STYLE));
        }
        xml.push_str("</row>");
    }
    let mut number = String::new();
    for row in part.rows {
        row_number += 1;
        let _ = write!(xml, "<row r=\"{row_number}\">");
        for (cell, letter) in row.iter().zip(&letters) {
            match cell {
                Cell::Text(text) => write_text_cell(&mut xml, letter, row_number, text, None),
                Cell::Number(value) => {
                    number.clear();
                    if write_number(&mut number, *value) {
                        let _ = write!(xml, "<c r=\"{letter}{row_number}\"><v>{number}</v></c>");
                    }
                }
                Cell::Integer(value) if (-EXCEL_MAX_EXACT_INTEGER..=EXCEL_MAX_EXACT_INTEGER).contains(value) => {
                    let _ = write!(xml, "<c r=\"{letter}{row_number}\"><v>{value}</v></c>");
                }
                Cell::Integer(value) => {
                    // Our own digits, not user text: written as text without neutralising.
                    let _ = write!(xml, "<c r=\"{letter}{row_number}\" t=\"inlineStr\"><is><t>{value}</t></is></c>");
                }
                Cell::Empty => {}
            }
        }
        xml.push_str("</row>");
        if xml.len() >= FLUSH_BYTES {
            zip.write_all(xml.as_bytes()).expect(IN_MEMORY);
            xml.clear();
        }
    }
    xml.push_str("</sheetData></worksheet>");
    zip.write_all(xml.as_bytes()).expect(IN_MEMORY);
}

/// An inline-string cell, neutralised and escaped; nothing for text that ends up empty.
fn write_text_cell(xml: &mut String, letter: &str, row: usize, text: &str, style: Option<u32>) {
    let text = neutralise_formula(text);
    let text = truncate_utf16(&text, EXCEL_MAX_CELL_CHARS);
    if !text.chars().any(is_xml_char) {
        return;
    }
    let _ = write!(xml, "<c r=\"{letter}{row}\"");
    if let Some(style) = style {
        let _ = write!(xml, " s=\"{style}\"");
    }
    xml.push_str(" t=\"inlineStr\"><is><t");
    let needs_preserve = text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.contains(['\n', '\t', '\r']);
    if needs_preserve {
        xml.push_str(" xml:space=\"preserve\"");
    }
    xml.push('>');
    push_escaped_text(xml, text);
    xml.push_str("</t></is></c>");
}

/// XML-escapes cell text. Beyond `&<>`, OOXML reads `_xHHHH_` in cell text as an escaped
/// character, so a literal one gets its underscore escaped (`_x005F_`); a carriage return,
/// which XML parsers would fold into a line feed, is written as Excel does (`_x000D_`).
fn push_escaped_text(xml: &mut String, text: &str) {
    for (i, c) in text.char_indices() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '\r' => xml.push_str("_x000D_"),
            '_' if is_ooxml_escape(&text[i..]) => xml.push_str("_x005F_"),
            c if is_xml_char(c) => xml.push(c),
            _ => {}
        }
    }
}

/// Whether `text` starts with `_xHHHH_` (four hex digits).
fn is_ooxml_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 7 && bytes[1] == b'x' && bytes[2..6].iter().all(u8::is_ascii_hexdigit) && bytes[6] == b'_'
}

/// Escapes a sheet name for an XML attribute.
fn push_escaped_attribute(xml: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            c => xml.push(c),
        }
    }
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn content_types_xml(sheet_count: usize) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    );
    for n in 1..=sheet_count {
        let _ = write!(
            xml,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    xml.push_str("</Types>");
    xml
}

const ROOT_RELS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>borderlens</Application></Properties>";

/// Only the creator: created/modified dates would need the clock.
const CORE_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:creator>borderlens</dc:creator></cp:coreProperties>";

/// Font 1 is bold; cell format 1 (`HEADER_STYLE`) uses it. The two fills are the ones Excel
/// requires to be present.
const STYLES_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\">\
<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
</fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"2\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

fn workbook_xml(parts: &[Part<'_>]) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str(
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <bookViews><workbookView/></bookViews><sheets>",
    );
    for (i, part) in parts.iter().enumerate() {
        xml.push_str("<sheet name=\"");
        push_escaped_attribute(&mut xml, &part.name);
        let _ = write!(xml, "\" sheetId=\"{n}\" r:id=\"rId{n}\"/>", n = i + 1);
    }
    xml.push_str("</sheets></workbook>");
    xml
}

fn workbook_rels_xml(sheet_count: usize) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for n in 1..=sheet_count {
        let _ = write!(
            xml,
            "<Relationship Id=\"rId{n}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
             Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let _ = write!(
        xml,
        "<Relationship Id=\"rId{}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
         Target=\"styles.xml\"/></Relationships>",
        sheet_count + 1
    );
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use rstest::rstest;
    use std::io::Read as _;

    fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
        calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens our XLSX")
    }

    /// The text of one part of the package.
    fn part(bytes: &[u8], path: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut file = archive.by_name(path).expect(path);
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        text
    }

    fn text(value: &str) -> Data {
        Data::String(value.into())
    }

    fn waybills() -> Vec<Sheet> {
        vec![
            Sheet {
                name: "运单".into(),
                header: vec!["运单号".into(), "目的国".into(), "重量(kg)".into(), "件数".into()],
                rows: vec![
                    vec![Cell::from("YT2403010001"), Cell::from("美国"), Cell::from(1.25), Cell::Integer(3)],
                    vec![Cell::from("=SUM(A1)"), Cell::Empty, Cell::from(-0.5), Cell::from(None::<i64>)],
                    vec![Cell::from("-5"), Cell::from("深圳 & <仓>")],
                ],
            },
            Sheet {
                name: "汇总".into(),
                header: vec!["国家".into(), "票数".into()],
                rows: vec![vec![Cell::from("美国"), Cell::Integer(2)]],
            },
        ]
    }

    #[test]
    fn round_trips_through_calamine() {
        let bytes = write_xlsx(&waybills());
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), ["运单", "汇总"]);

        let range = book.worksheet_range("运单").unwrap();
        assert_eq!(range.start(), Some((0, 0)));
        assert_eq!(range.end(), Some((3, 3)));
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(
            rows,
            [
                vec![text("运单号"), text("目的国"), text("重量(kg)"), text("件数")],
                vec![text("YT2403010001"), text("美国"), Data::Float(1.25), Data::Float(3.0),],
                vec![text("'=SUM(A1)"), Data::Empty, Data::Float(-0.5), Data::Empty],
                vec![text("'-5"), text("深圳 & <仓>"), Data::Empty, Data::Empty],
            ]
        );

        let summary = book.worksheet_range("汇总").unwrap();
        assert_eq!(summary.get_value((1, 0)), Some(&text("美国")));
        assert_eq!(summary.get_value((1, 1)), Some(&Data::Float(2.0)));
        // No cell holds a formula.
        assert!(book.worksheet_formula("运单").unwrap().is_empty());
    }

    #[rstest]
    #[case::cjk("深圳市宝安区 福永街道")]
    #[case::markup("<b>a & b</b> \"q\" 'a'")]
    #[case::leading_and_trailing_space("  两端空格  ")]
    #[case::newlines("第一行\n第二行")]
    #[case::crlf("a\r\nb")]
    #[case::tab_inside("a\tb")]
    #[case::ooxml_escape_lookalike("_x0041_ and _x00e9_")]
    #[case::underscores("__init__ _x_ _x12_")]
    #[case::astral("𠮷野家 🚚")]
    #[case::cdata_end("]]>")]
    fn preserves_text_exactly(#[case] value: &str) {
        let bytes = write_xlsx(&[Sheet { name: "t".into(), header: vec![], rows: vec![vec![Cell::from(value)]] }]);
        let range = open(&bytes).worksheet_range("t").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&text(value)));
    }

    #[test]
    fn removes_characters_xml_cannot_hold() {
        let bytes = write_xlsx(&[Sheet {
            name: "t".into(),
            header: vec!["a\u{0}b".into()],
            rows: vec![vec![Cell::from("x\u{1}\u{8}y\u{B}\u{FFFF}z"), Cell::from("\u{1F}")]],
        }]);
        let range = open(&bytes).worksheet_range("t").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&text("ab")));
        assert_eq!(range.get_value((1, 0)), Some(&text("xyz")));
        assert_eq!(range.get_value((1, 1)), None);
    }

    #[rstest]
    #[case::equals("=SUM(A1)", "'=SUM(A1)")]
    #[case::plus("+86 138", "'+86 138")]
    #[case::minus("-5", "'-5")]
    #[case::at("@x", "'@x")]
    #[case::tab("\tx", "'\tx")]
    #[case::carriage_return("\rx", "'\rx")]
    fn neutralises_formula_looking_text(#[case] value: &str, #[case] expected: &str) {
        let bytes =
            write_xlsx(&[Sheet { name: "t".into(), header: vec![value.into()], rows: vec![vec![Cell::from(value)]] }]);
        let range = open(&bytes).worksheet_range("t").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&text(expected)));
        assert_eq!(range.get_value((1, 0)), Some(&text(expected)));
    }

    #[rstest]
    #[case::integral(Cell::Number(1234.0), Data::Float(1234.0))]
    #[case::negative(Cell::Number(-12.75), Data::Float(-12.75))]
    #[case::tiny(Cell::Number(1.5e-7), Data::Float(1.5e-7))]
    #[case::huge(Cell::Number(1e21), Data::Float(1e21))]
    #[case::integer(Cell::Integer(-42), Data::Float(-42.0))]
    #[case::fifteen_digits(Cell::Integer(999_999_999_999_999), Data::Float(999_999_999_999_999.0))]
    #[case::order_number(Cell::Integer(123_456_789_012_345_678), text("123456789012345678"))]
    #[case::negative_order_number(Cell::Integer(-1_000_000_000_000_000), text("-1000000000000000"))]
    #[case::nan(Cell::Number(f64::NAN), Data::Empty)]
    #[case::infinity(Cell::Number(f64::NEG_INFINITY), Data::Empty)]
    fn writes_numbers_as_numbers(#[case] cell: Cell, #[case] expected: Data) {
        let bytes = write_xlsx(&[Sheet { name: "t".into(), header: vec!["h".into()], rows: vec![vec![cell]] }]);
        let range = open(&bytes).worksheet_range("t").unwrap();
        assert_eq!(range.get_value((1, 0)).cloned().unwrap_or_default(), expected);
    }

    #[rstest]
    #[case::plain(&["运单"], &["运单"])]
    #[case::forbidden_chars(&["a[b]c:d*e?f/g\\h"], &["a_b_c_d_e_f_g_h"])]
    #[case::too_long(&["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"], &["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"])]
    #[case::astral_counts_double(&["🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚"], &["🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚"])]
    #[case::apostrophes(&["'报表'"], &["报表"])]
    #[case::empty(&["", "   "], &["Sheet1", "Sheet2"])]
    #[case::reserved(&["history"], &["history_"])]
    #[case::control_chars(&["a\tb\nc"], &["abc"])]
    #[case::duplicates(&["订单", "订单", "订单"], &["订单", "订单 (2)", "订单 (3)"])]
    #[case::duplicates_ignoring_case(&["Orders", "ORDERS"], &["Orders", "ORDERS (2)"])]
    #[case::duplicate_after_sanitising(&["a/b", "a_b"], &["a_b", "a_b (2)"])]
    #[case::duplicate_of_long_name(
        &["abcdefghijklmnopqrstuvwxyz01234567", "abcdefghijklmnopqrstuvwxyz01234567"],
        &["abcdefghijklmnopqrstuvwxyz01234", "abcdefghijklmnopqrstuvwxyz0 (2)"]
    )]
    #[case::markup(&["<a&b>\"c\""], &["<a&b>\"c\""])]
    fn sanitises_sheet_names(#[case] names: &[&str], #[case] expected: &[&str]) {
        let sheets: Vec<Sheet> =
            names.iter().map(|name| Sheet { name: (*name).into(), header: vec!["h".into()], rows: vec![] }).collect();
        let bytes = write_xlsx(&sheets);
        assert_eq!(open(&bytes).sheet_names(), expected);
    }

    #[test]
    fn writes_one_empty_sheet_for_no_sheets() {
        let bytes = write_xlsx(&[]);
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), ["Sheet1"]);
        assert!(book.worksheet_range("Sheet1").unwrap().is_empty());
        assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains("<dimension ref=\"A1\"/>"));
    }

    #[test]
    fn continues_rows_past_the_limit_on_new_sheets() {
        let sheet = Sheet {
            name: "订单".into(),
            header: vec!["序号".into()],
            rows: (0..7).map(|i| vec![Cell::Integer(i)]).collect(),
        };
        let bytes = write_xlsx_with_row_limit(&[sheet], 4);
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), ["订单", "订单 (2)", "订单 (3)"]);
        let column = |book: &mut Xlsx<_>, name: &str| -> Vec<Data> {
            let range = book.worksheet_range(name).unwrap();
            range.rows().map(|row| row[0].clone()).collect()
        };
        let n = |v: f64| Data::Float(v);
        assert_eq!(column(&mut book, "订单"), [text("序号"), n(0.0), n(1.0), n(2.0)]);
        assert_eq!(column(&mut book, "订单 (2)"), [text("序号"), n(3.0), n(4.0), n(5.0)]);
        assert_eq!(column(&mut book, "订单 (3)"), [text("序号"), n(6.0)]);
    }

    #[test]
    fn freezes_and_bolds_the_header_row() {
        let bytes = write_xlsx(&waybills());
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
        assert!(sheet.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>运单号</t></is></c>"));
        assert!(sheet.contains("<c r=\"A2\" t=\"inlineStr\"><is><t>YT2403010001</t></is></c>"));
        assert!(sheet.contains("<dimension ref=\"A1:D4\"/>"));
        assert!(part(&bytes, "xl/styles.xml").contains("<font><b/>"));

        let mut book = open(&bytes);
        let styles = book.worksheet_style("运单").unwrap();
        let is_bold = |pos| styles.get(pos).and_then(|style| style.font.as_ref()).is_some_and(|font| font.is_bold());
        assert!(is_bold((0, 0)) && is_bold((0, 3)));
        assert!(!is_bold((1, 0)));
    }

    #[test]
    fn leaves_a_sheet_without_header_unfrozen() {
        let bytes = write_xlsx(&[Sheet { name: "t".into(), header: vec![], rows: vec![vec![Cell::from("a")]] }]);
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(!sheet.contains("<pane"));
        assert!(sheet.contains("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"));
    }

    #[test]
    fn estimates_column_widths_with_cjk_counting_double() {
        let bytes = write_xlsx(&[Sheet {
            name: "t".into(),
            header: vec!["a".into(), "收件人地址".into(), "n".into(), "long".into()],
            rows: vec![vec![
                Cell::from("x"),
                Cell::from("广东省深圳市宝安区福永街道"),
                Cell::Number(123456789012.5),
                Cell::from("y".repeat(500)),
            ]],
        }]);
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        for (column, width) in [(1, 8), (2, 28), (3, 16), (4, 60)] {
            let col = format!("<col min=\"{column}\" max=\"{column}\" width=\"{width}\" customWidth=\"1\"/>");
            assert!(sheet.contains(&col), "missing {col} in {sheet}");
        }
    }

    #[rstest]
    #[case::first(0, "A")]
    #[case::last_single(25, "Z")]
    #[case::first_double(26, "AA")]
    #[case::az(51, "AZ")]
    #[case::zz(701, "ZZ")]
    #[case::aaa(702, "AAA")]
    #[case::excel_last(16_383, "XFD")]
    fn names_columns_like_excel(#[case] index: usize, #[case] expected: &str) {
        assert_eq!(column_letters(index), expected);
    }

    #[test]
    fn writes_the_same_bytes_every_time_without_timestamps() {
        let first = write_xlsx(&waybills());
        assert_eq!(first, write_xlsx(&waybills()));
        let core = part(&first, "docProps/core.xml");
        assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
    }

    #[test]
    fn writes_every_part_of_a_minimal_package() {
        let bytes = write_xlsx(&waybills());
        let archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut names: Vec<String> =
            archive.file_names().map(|name| name.map(|name| name.into_owned())).collect::<Result<_, _>>().unwrap();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "docProps/app.xml",
                "docProps/core.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml",
            ]
        );
        let types = part(&bytes, "[Content_Types].xml");
        assert!(types.contains("/xl/worksheets/sheet2.xml"));
        assert!(part(&bytes, "xl/_rels/workbook.xml.rels").contains("Id=\"rId3\""));
    }

    #[test]
    fn streams_large_sheets_through_the_compressor() {
        let rows: Vec<Vec<Cell>> =
            (0..20_000).map(|i| vec![Cell::from(format!("YT{i:010}")), Cell::Integer(i)]).collect();
        let bytes =
            write_xlsx(&[Sheet { name: "大表".into(), header: vec!["运单号".into(), "序号".into()], rows }]);
        let range = open(&bytes).worksheet_range("大表").unwrap();
        assert_eq!(range.height(), 20_001);
        assert_eq!(range.get_value((20_000, 0)), Some(&text("YT0000019999")));
        assert_eq!(range.get_value((20_000, 1)), Some(&Data::Float(19_999.0)));
    }

    /// Opens the export in LibreOffice and converts every sheet to CSV, as a check that a
    /// real spreadsheet program accepts the package. Needs `soffice`
    /// (`apt-get install libreoffice-calc-nogui`), hence ignored by default.
    #[test]
    #[ignore = "needs LibreOffice (soffice) installed"]
    fn opens_in_libreoffice() {
        let dir = std::env::temp_dir().join(format!("borderlens-xlsx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("export.xlsx");
        std::fs::write(&path, write_xlsx(&waybills())).unwrap();
        let output = std::process::Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}/profile", dir.display()))
            .args(["--headless", "--convert-to"])
            // UTF-8 (76), comma (44), quote (34), formulas as shown, every sheet (-1).
            .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
            .arg("--outdir")
            .arg(&dir)
            .arg(&path)
            .output()
            .expect("soffice runs");
        assert!(output.status.success(), "{output:?}");
        let csv = |name: &str| std::fs::read_to_string(dir.join(name)).expect(name);
        assert_eq!(
            csv("export-运单.csv"),
            "运单号,目的国,重量(kg),件数\nYT2403010001,美国,1.25,3\n'=SUM(A1),,-0.5,\n'-5,深圳 & <仓>,,\n"
        );
        assert_eq!(csv("export-汇总.csv"), "国家,票数\n美国,2\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
