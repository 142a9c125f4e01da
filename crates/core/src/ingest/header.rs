//! Header row: finds the row that names the columns under title and note rows, and cleans the
//! names so every column has a unique, non-empty one.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// How many leading rows [`detect_header`] looks at.
pub const HEADER_SCAN_ROWS: usize = 50;

/// How many non-blank rows below a candidate decide the table's width.
const ROWS_BELOW: usize = 30;

/// The name of one column, as shown to the user and matched by the column mapper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnName {
    /// Trimmed, inner line breaks collapsed to a space, made unique with ` (2)`, ` (3)`.
    pub text: String,
    /// The header cell was empty (or merged into its neighbour): `text` is `Column N`.
    pub is_placeholder: bool,
}

/// Which row holds the column names, and the names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderGuess {
    /// 0-based index of the header row in the rows given; data starts below it.
    pub header_index: usize,
    /// One name per column: as many as the header or the widest row below has cells.
    pub names: Vec<ColumnName>,
}

/// Finds the header row among the first records of a sheet or file (up to
/// [`HEADER_SCAN_ROWS`]), skipping title rows (one or two filled cells, e.g.
/// `XX物流 运单明细 2024年3月`), blank rows and notes above it.
///
/// The header is the first row that is wide (at least two filled cells and at least half the
/// modal width of the rows below it; a row of only two cells must also reach the table's last
/// column), mostly text rather than numbers or dates, and followed by rows of similar width.
/// If no row is mostly text, a row of labels over mostly numeric rows still counts (a pivot
/// with months as columns). With no plausible header at all (all rows numeric), row 0 is
/// taken. A file with a header and no data rows is recognised too. Empty header cells get
/// placeholder names `Column N` (1-based); duplicates get ` (2)`, ` (3)` suffixes.
///
/// ```
/// use borderlens_core::ingest::header::detect_header;
///
/// let rows: Vec<Vec<String>> = [
///     vec!["XX物流 运单明细 2024年3月", "", ""],
///     vec!["", "", ""],
///     vec!["运单号", "", "运单号"],
///     vec!["SF1001", "2024-03-01", "美国"],
///     vec!["SF1002", "2024-03-02", "德国"],
/// ]
/// .iter()
/// .map(|row| row.iter().map(|cell| cell.to_string()).collect())
/// .collect();
/// let guess = detect_header(&rows);
/// assert_eq!(guess.header_index, 2);
/// let names: Vec<&str> = guess.names.iter().map(|n| n.text.as_str()).collect();
/// assert_eq!(names, ["运单号", "Column 2", "运单号 (2)"]);
/// assert!(guess.names[1].is_placeholder);
/// ```
pub fn detect_header(rows: &[Vec<String>]) -> HeaderGuess {
    let rows = &rows[..rows.len().min(HEADER_SCAN_ROWS)];
    let shapes: Vec<Shape> = rows.iter().map(|row| Shape::of(row)).collect();
    let header_index = find_header(&shapes, |row, _| row.text * 2 >= row.filled)
        .or_else(|| {
            find_header(&shapes, |row, below| {
                let labels = row.filled - row.numbers;
                labels * 2 >= row.filled && number_share(below) >= share(row.numbers, row.filled) + 0.25
            })
        })
        .or_else(|| header_without_data(&shapes))
        .unwrap_or(0);
    HeaderGuess { header_index, names: column_names(rows, header_index) }
}

/// What a row looks like to the header search.
#[derive(Clone, Copy, Debug, Default)]
struct Shape {
    /// Non-empty cells.
    filled: usize,
    /// Up to and including the last non-empty cell (Excel pads rows with empty cells).
    width: usize,
    /// Cells that are neither numbers nor dates.
    text: usize,
    /// Cells that are numbers (amounts, counts, percentages).
    numbers: usize,
}

impl Shape {
    fn of(row: &[String]) -> Self {
        let mut shape = Shape::default();
        for (column, cell) in row.iter().enumerate() {
            match classify(cell) {
                CellKind::Empty => continue,
                CellKind::Number => shape.numbers += 1,
                CellKind::Date => {}
                CellKind::Text => shape.text += 1,
            }
            shape.filled += 1;
            shape.width = column + 1;
        }
        shape
    }
}

/// The first row accepted by `is_labels` (given the non-blank rows below it) that is also wide
/// and followed by rows of similar width.
fn find_header(shapes: &[Shape], is_labels: impl Fn(&Shape, &[Shape]) -> bool) -> Option<usize> {
    (0..shapes.len()).find(|&index| {
        let row = &shapes[index];
        if row.filled < 2 {
            return false; // blank, a title or a note
        }
        let below: Vec<Shape> =
            shapes[index + 1..].iter().filter(|shape| shape.filled > 0).take(ROWS_BELOW).copied().collect();
        let Some(table_width) = modal_width(&below) else {
            return false;
        };
        // One or two filled cells that stop short of the table's width are a title
        // ("客户:", "ABC公司"); a header with an empty cell still spans the table.
        // A narrow table's header may miss just its last name (an unnamed notes column).
        let is_wide = row.filled * 2 >= table_width
            && (row.filled >= 3 || row.width >= table_width || row.filled + 1 == table_width && row.text == row.filled);
        let is_followed_by_similar_rows = table_width * 2 >= row.filled;
        is_wide && is_followed_by_similar_rows && is_labels(row, &below)
    })
}

/// An export with no data rows (nothing shipped this month): the last non-blank row is the
/// header if it is the only row of two or more cells and mostly text.
fn header_without_data(shapes: &[Shape]) -> Option<usize> {
    let last = shapes.iter().rposition(|shape| shape.filled > 0)?;
    let first_wide = shapes.iter().position(|shape| shape.filled >= 2)?;
    let row = &shapes[last];
    (first_wide == last && row.text * 2 >= row.filled).then_some(last)
}

/// The most common width among `rows` (the wider on a tie); `None` without rows.
fn modal_width(rows: &[Shape]) -> Option<usize> {
    let mut widths: Vec<usize> = rows.iter().map(|row| row.width).collect();
    widths.sort_unstable();
    widths.chunk_by(|a, b| a == b).max_by_key(|run| (run.len(), run[0])).map(|run| run[0])
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The average share of number cells in `rows`.
fn number_share(rows: &[Shape]) -> f64 {
    let total: f64 = rows.iter().map(|row| share(row.numbers, row.filled)).sum();
    total / rows.len().max(1) as f64
}

/// One clean, unique name per column: the header's cells, widened to the widest row below.
fn column_names(rows: &[Vec<String>], header_index: usize) -> Vec<ColumnName> {
    let header: &[String] = rows.get(header_index).map_or(&[], |row| row.as_slice());
    let columns = rows.iter().skip(header_index).map(|row| Shape::of(row).width).max().unwrap_or(0);
    let mut names: Vec<ColumnName> = (0..columns)
        .map(|column| {
            let text = header.get(column).map(|cell| clean_name(cell)).unwrap_or_default();
            if text.is_empty() {
                ColumnName { text: format!("Column {}", column + 1), is_placeholder: true }
            } else {
                ColumnName { text, is_placeholder: false }
            }
        })
        .collect();
    make_unique(&mut names);
    names
}

/// Trims a header cell and joins its lines with single spaces (`"发货\n日期"` → `"发货 日期"`).
fn clean_name(cell: &str) -> String {
    let trim = |s: &str| s.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').to_owned();
    if !cell.contains(['\n', '\r']) {
        return trim(cell);
    }
    cell.split(['\n', '\r']).map(trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Renames the second and later copies of a name to `name (2)`, `name (3)`, … skipping
/// suffixed names that another column already has.
fn make_unique(names: &mut [ColumnName]) {
    let originals: HashSet<String> = names.iter().map(|name| name.text.clone()).collect();
    let mut used: HashSet<String> = HashSet::with_capacity(names.len());
    for name in names.iter_mut() {
        if used.insert(name.text.clone()) {
            continue;
        }
        let unique = (2..)
            .map(|k| format!("{} ({k})", name.text))
            .find(|candidate| !used.contains(candidate) && !originals.contains(candidate));
        if let Some(unique) = unique {
            used.insert(unique.clone());
            name.text = unique;
        }
    }
}

/// What a cell holds, as far as telling labels from data goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellKind {
    Empty,
    Number,
    Date,
    Text,
}

fn classify(cell: &str) -> CellKind {
    let cell = cell.trim();
    if cell.is_empty() {
        CellKind::Empty
    } else if looks_like_number(cell) {
        CellKind::Number
    } else if looks_like_date(cell) {
        CellKind::Date
    } else {
        CellKind::Text
    }
}

/// `12`, `-3.5`, `1,234.50`, `12,5`, `¥12.5`, `US$ 5`, `(7)`, `15%`, `1.2e3`, `30元`.
fn looks_like_number(cell: &str) -> bool {
    let mut rest = cell.strip_prefix('(').and_then(|inner| inner.strip_suffix(')')).unwrap_or(cell);
    rest = rest.trim_start_matches(['+', '-', '−']);
    for currency in ["US$", "USD", "RMB", "CNY", "EUR", "¥", "￥", "$", "€", "£"] {
        if let Some(after) = rest.strip_prefix(currency) {
            rest = after.trim_start().trim_start_matches(['+', '-']);
            break;
        }
    }
    rest = rest.strip_suffix('%').or_else(|| rest.strip_suffix('元')).unwrap_or(rest).trim_end();
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (rest, None),
    };
    let is_exponent = |e: &str| {
        let digits = e.trim_start_matches(['+', '-']);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let (mut digits, mut dots) = (0usize, 0usize);
    for c in mantissa.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' => dots += 1,
            ',' | ' ' | '_' | '\'' => {}
            _ => return false,
        }
    }
    digits > 0 && dots <= 1 && exponent.is_none_or(is_exponent)
}

/// `2024-03-01`, `2024/3/1 12:00`, `01.03.2024`, `12:30:00`, `2024年3月1日`.
fn looks_like_date(cell: &str) -> bool {
    let mut digits = 0usize;
    let mut separators = 0usize;
    for c in cell.chars() {
        match c {
            '0'..='9' => digits += 1,
            '-' | '/' | '.' | ':' | '年' | '月' => separators += 1,
            ' ' | 'T' | 'Z' | '日' | '时' | '分' | '秒' => {}
            _ => return false,
        }
    }
    cell.starts_with(|c: char| c.is_ascii_digit()) && digits >= 3 && separators >= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::decode::decode_all;
    use crate::ingest::delimited::{detect_delimiter, read_records};
    use crate::ingest::sniff::detect_encoding;
    use proptest::prelude::*;
    use rstest::rstest;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/text/", $name)).as_slice()
        };
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|cell| (*cell).to_owned()).collect()
    }

    /// Rows from a compact grid: one line per row, cells separated by `|`.
    fn grid(text: &str) -> Vec<Vec<String>> {
        if text.is_empty() {
            return Vec::new();
        }
        text.lines().map(|line| line.split('|').map(str::to_owned).collect()).collect()
    }

    fn texts(guess: &HeaderGuess) -> Vec<&str> {
        guess.names.iter().map(|name| name.text.as_str()).collect()
    }

    fn fixture_rows(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = decode_all(bytes, detect_encoding(bytes));
        read_records(&text, detect_delimiter(&text), HEADER_SCAN_ROWS).into_iter().map(|(_, fields)| fields).collect()
    }

    #[rstest]
    #[case::title_and_blank_row(fixture!("title_rows.csv"), 2)]
    #[case::gbk(fixture!("gbk_header.csv"), 0)]
    #[case::utf16(fixture!("utf16le_bom.txt"), 0)]
    #[case::utf8_bom(fixture!("utf8_bom.csv"), 0)]
    fn finds_the_chinese_header_of_fixtures(#[case] bytes: &[u8], #[case] index: usize) {
        let guess = detect_header(&fixture_rows(bytes));
        assert_eq!(guess.header_index, index);
        assert_eq!(texts(&guess), ["运单号", "发货日期", "目的国"]);
        assert!(guess.names.iter().all(|name| !name.is_placeholder));
    }

    #[rstest]
    #[case::latin(fixture!("windows1252.csv"), &["order_id", "country", "city"])]
    #[case::semicolon(fixture!("semicolon.csv"), &["sku", "weight_kg", "price_eur"])]
    #[case::one_field(fixture!("one_field.csv"), &["tracking_no"])]
    fn finds_the_header_of_other_fixtures(#[case] bytes: &[u8], #[case] names: &[&str]) {
        let guess = detect_header(&fixture_rows(bytes));
        assert_eq!(guess.header_index, 0);
        assert_eq!(texts(&guess), names);
    }

    #[rstest]
    #[case::title_blank_and_notes(
        "XX物流 运单明细 2024年3月\n\
         \n\
         备注：以下数据仅供参考\n\
         制表人:|张三||\n\
         运单号|发货日期|目的国|重量(kg)\n\
         SF1001|2024-03-01|美国|1.5\n\
         SF1002|2024-03-02|德国|0.8",
        4
    )]
    #[case::merged_group_header_above(
        "基本信息|||费用||\n\
         运单号|发货日期|目的国|运费|关税|合计\n\
         SF1001|2024-03-01|美国|30|5|35",
        1
    )]
    #[case::header_with_an_empty_cell("运单号||目的国\nSF1|2024-03-01|美国\nSF2|2024-03-02|德国", 0)]
    #[case::two_column_table("SKU|数量\nA-1|3\nB-2|5", 0)]
    #[case::blank_rows_between_header_and_data("|\nsku|qty\n|\nA|1\nB|2", 1)]
    #[case::all_numeric("1|2\n3|4\n5|6", 0)]
    #[case::dates_and_numbers_under_a_title("Report\n2024-03-01|5\n2024-03-02|7", 0)]
    #[case::pivot_with_months_under_a_title("销量汇总\nSKU|2024-01|2024-02|2024-03\nA-1|5|7|9\nB-2|1|0|4", 1)]
    #[case::excel_padding("title||||\na|b|c||\n1|2|3||", 1)]
    #[case::header_only_under_a_title("运单明细\n运单号|目的国", 1)]
    #[case::empty_input("", 0)]
    #[case::only_blank_rows("\n|", 0)]
    fn picks_the_header_row(#[case] rows: &str, #[case] index: usize) {
        assert_eq!(detect_header(&grid(rows)).header_index, index);
    }

    #[test]
    fn empty_header_cells_get_placeholder_names() {
        let guess = detect_header(&grid("运单明细\n运单号||目的国|重量| \nSF1|x|美国|1.5|y"));
        assert_eq!(guess.header_index, 1);
        assert_eq!(texts(&guess), ["运单号", "Column 2", "目的国", "重量", "Column 5"]);
        let placeholders: Vec<bool> = guess.names.iter().map(|n| n.is_placeholder).collect();
        assert_eq!(placeholders, [false, true, false, false, true]);
    }

    #[test]
    fn data_wider_than_the_header_gets_placeholder_columns() {
        let guess = detect_header(&grid("a|b|c\n1|2|3|4"));
        assert_eq!(texts(&guess), ["a", "b", "c", "Column 4"]);
    }

    #[test]
    fn excel_padding_after_the_header_adds_no_columns() {
        let guess = detect_header(&grid("title||||\na|b|c||\n1|2|3||"));
        assert_eq!(texts(&guess), ["a", "b", "c"]);
    }

    #[rstest]
    #[case::repeated(&["重量", "重量", "重量"], &["重量", "重量 (2)", "重量 (3)"])]
    #[case::suffix_already_taken(&["a", "a", "a (2)"], &["a", "a (3)", "a (2)"])]
    #[case::after_trimming(&["sku ", " sku"], &["sku", "sku (2)"])]
    #[case::placeholder_named_like_a_column(&["Column 2", "", "x"], &["Column 2", "Column 2 (2)", "x"])]
    fn duplicate_names_get_suffixes(#[case] header: &[&str], #[case] expected: &[&str]) {
        let data = vec!["1"; header.len()];
        let guess = detect_header(&[row(header), row(&data)]);
        assert_eq!(texts(&guess), expected);
    }

    #[rstest]
    #[case::lf(" 发货\n日期 ", "发货 日期")]
    #[case::crlf_and_spaces("运单\r\n  号", "运单 号")]
    #[case::blank_lines("a\n\n\nb", "a b")]
    #[case::bom("\u{FEFF}sku", "sku")]
    fn names_are_trimmed_and_single_line(#[case] cell: &str, #[case] expected: &str) {
        let guess = detect_header(&[row(&[cell, "x"]), row(&["1", "2"])]);
        assert_eq!(guess.names[0].text, expected);
    }

    #[rstest]
    #[case("12", CellKind::Number)]
    #[case("-3.5", CellKind::Number)]
    #[case("1,234.50", CellKind::Number)]
    #[case("¥12.5", CellKind::Number)]
    #[case("US$ 5", CellKind::Number)]
    #[case("(7)", CellKind::Number)]
    #[case("15%", CellKind::Number)]
    #[case("1.2e3", CellKind::Number)]
    #[case("30元", CellKind::Number)]
    #[case("2024-03-01", CellKind::Date)]
    #[case("2024/3/1 12:00", CellKind::Date)]
    #[case("2024年3月1日", CellKind::Date)]
    #[case("运单号", CellKind::Text)]
    #[case("1月", CellKind::Text)]
    #[case("SF1001", CellKind::Text)]
    #[case("01.03.2024", CellKind::Date)]
    #[case("e5", CellKind::Text)]
    #[case(" ", CellKind::Empty)]
    fn classifies_cells(#[case] cell: &str, #[case] kind: CellKind) {
        assert_eq!(classify(cell), kind);
    }

    /// Bytes → sniff → decode in chunks → delimiter → records → header, as the worker runs it.
    fn ingest(bytes: &[u8], chunk_len: usize) -> Option<HeaderGuess> {
        use crate::ingest::decode::TextDecoder;
        use crate::ingest::delimited::{Record, RecordScanner};
        use crate::ingest::sniff::{detect_format, FileFormat};
        if detect_format("upload.csv", bytes) != Ok(FileFormat::Delimited) {
            return None;
        }
        let encoding = detect_encoding(bytes);
        let delimiter = detect_delimiter(&decode_all(bytes, encoding));
        let mut decoder = TextDecoder::new(encoding);
        let mut scanner = RecordScanner::new(delimiter);
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut keep = |record: Record<'_>| {
            if rows.len() < HEADER_SCAN_ROWS {
                rows.push(record.fields.iter().map(|f| (*f).to_owned()).collect());
            }
        };
        let mut chunks = bytes.chunks(chunk_len.max(1)).peekable();
        while let Some(chunk) = chunks.next() {
            scanner.feed(decoder.decode(chunk, chunks.peek().is_none()), &mut keep);
        }
        scanner.finish(&mut keep);
        Some(detect_header(&rows))
    }

    proptest! {
        #[test]
        fn ingest_never_panics_on_any_bytes(
            bytes in proptest::collection::vec(any::<u8>(), 0..400),
            chunk_len in 1usize..64,
        ) {
            let _ = ingest(&bytes, chunk_len);
        }

        #[test]
        fn ingest_of_text_does_not_depend_on_chunking(
            text in "[a,;|\t\"\r\n 1.运单号\u{FEFF}]{0,200}",
            which in 0usize..4,
            chunk_len in 1usize..64,
        ) {
            let bytes: Vec<u8> = match which {
                0 => text.into_bytes(),
                1 => encoding_rs::GB18030.encode(&text).0.into_owned(),
                2 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                _ => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            };
            let whole = ingest(&bytes, bytes.len());
            prop_assert_eq!(ingest(&bytes, chunk_len), whole);
        }

        #[test]
        fn never_panics_and_names_are_unique(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a 1.\\-¥\n]{0,4}|运单号|", 0..6),
                0..60,
            )
        ) {
            let guess = detect_header(&rows);
            prop_assert!(guess.header_index < rows.len().max(1));
            let unique: HashSet<&str> = guess.names.iter().map(|n| n.text.as_str()).collect();
            prop_assert_eq!(unique.len(), guess.names.len());
            prop_assert!(guess.names.iter().all(|n| !n.text.is_empty()));
        }
    }
}
