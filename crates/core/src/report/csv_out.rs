//! CSV exports that Excel opens correctly, Chinese text included, and that cannot carry formulas.

use crate::report::cell::{neutralise_formula, write_number, Cell};
use std::fmt::Write as _;

/// The UTF-8 byte order mark: without it Excel reads a CSV as the system code page (GBK on
/// Chinese Windows) and shows UTF-8 Chinese text as mojibake.
const UTF8_BOM: char = '\u{FEFF}';

/// RFC 4180 CSV (comma, CRLF, quotes doubled, fields quoted only when needed), UTF-8 with a BOM
/// so Excel opens Chinese text correctly.
///
/// Every text cell, header names included, goes through [`neutralise_formula`]; numbers are
/// written plainly (non-finite → empty), so a negative number is not neutralised but a text
/// `"-5"` is. Rows are written as given: a row shorter than the header has fewer fields. An
/// empty header writes no header line.
///
/// ```
/// use borderlens_core::report::{cell::Cell, csv_out::write_csv};
///
/// let rows = vec![vec![Cell::from("深圳, 宝安"), Cell::from(-2.5)], vec![Cell::from("=1+1"), Cell::Empty]];
/// let csv = write_csv(&["仓库", "差额"], &mut rows.into_iter());
/// assert_eq!(
///     String::from_utf8(csv).unwrap(),
///     "\u{FEFF}仓库,差额\r\n\"深圳, 宝安\",-2.5\r\n'=1+1,\r\n"
/// );
/// ```
pub fn write_csv(header: &[&str], rows: &mut dyn Iterator<Item = Vec<Cell>>) -> Vec<u8> {
    let mut out = String::new();
    out.push(UTF8_BOM);
    if !header.is_empty() {
        for (i, name) in header.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_text_field(&mut out, name);
        }
        out.push_str("\r\n");
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match cell {
                Cell::Text(text) => write_text_field(&mut out, text),
                Cell::Number(number) => {
                    write_number(&mut out, *number);
                }
                Cell::Integer(number) => {
                    let _ = write!(out, "{number}");
                }
                Cell::Empty => {}
            }
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// Appends one text field, neutralised, quoted only if it holds a comma, a quote or a line break.
fn write_text_field(out: &mut String, text: &str) {
    let text = neutralise_formula(text);
    if text.contains([',', '"', '\r', '\n']) {
        out.push('"');
        for (i, part) in text.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// The CSV text after the BOM, for one row holding `cell` under a one-column header.
    fn single_cell_csv(cell: Cell) -> String {
        let bytes = write_csv(&["h"], &mut std::iter::once(vec![cell]));
        let text = String::from_utf8(bytes).expect("the writer emits UTF-8");
        let body = text.strip_prefix('\u{FEFF}').expect("a BOM comes first");
        body.strip_prefix("h\r\n").expect("the header line").to_owned()
    }

    #[test]
    fn starts_with_a_utf8_bom() {
        let bytes = write_csv(&["运单号"], &mut std::iter::empty());
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        assert_eq!(&bytes[3..], "运单号\r\n".as_bytes());
    }

    #[rstest]
    #[case::plain("YT2403010001", "YT2403010001\r\n")]
    #[case::cjk("深圳市宝安区", "深圳市宝安区\r\n")]
    #[case::comma("退件,重发", "\"退件,重发\"\r\n")]
    #[case::quotes("12\" 显示器", "\"12\"\" 显示器\"\r\n")]
    #[case::only_quote("\"", "\"\"\"\"\r\n")]
    #[case::newline("第一行\n第二行", "\"第一行\n第二行\"\r\n")]
    #[case::crlf("a\r\nb", "\"a\r\nb\"\r\n")]
    #[case::spaces(" padded ", " padded \r\n")]
    #[case::empty_text("", "\r\n")]
    fn quotes_text_only_when_needed(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(single_cell_csv(Cell::from(text)), expected);
    }

    #[rstest]
    #[case::equals_cmd("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0\r\n")]
    #[case::plus("+1", "'+1\r\n")]
    #[case::minus_text("-1", "'-1\r\n")]
    #[case::at("@x", "'@x\r\n")]
    #[case::tab("\tx", "'\tx\r\n")]
    #[case::carriage_return_quoted("\rx", "\"'\rx\"\r\n")]
    #[case::formula_with_comma("=SUM(A1,B1)", "\"'=SUM(A1,B1)\"\r\n")]
    fn neutralises_formula_looking_text(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(single_cell_csv(Cell::from(text)), expected);
    }

    #[rstest]
    #[case::negative_float(Cell::Number(-1.0), "-1\r\n")]
    #[case::negative_fraction(Cell::Number(-12.75), "-12.75\r\n")]
    #[case::negative_integer(Cell::Integer(-5), "-5\r\n")]
    #[case::integral_float(Cell::Number(1234.0), "1234\r\n")]
    #[case::large_integer(Cell::Integer(123_456_789_012_345_678), "123456789012345678\r\n")]
    #[case::nan(Cell::Number(f64::NAN), "\r\n")]
    #[case::infinity(Cell::Number(f64::INFINITY), "\r\n")]
    #[case::empty(Cell::Empty, "\r\n")]
    fn writes_numbers_without_neutralising(#[case] cell: Cell, #[case] expected: &str) {
        assert_eq!(single_cell_csv(cell), expected);
    }

    #[test]
    fn writes_header_and_rows_with_crlf() {
        let rows = vec![
            vec![Cell::from("YT1"), Cell::from(1.25), Cell::Integer(3), Cell::Empty],
            vec![Cell::from("YT2"), Cell::Empty, Cell::from(None::<f64>), Cell::from("备注")],
        ];
        let bytes = write_csv(&["运单号", "重量(kg)", "件数", "备注"], &mut rows.into_iter());
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{FEFF}运单号,重量(kg),件数,备注\r\nYT1,1.25,3,\r\nYT2,,,备注\r\n"
        );
    }

    #[test]
    fn neutralises_header_names_too() {
        let bytes = write_csv(&["=HYPERLINK(\"x\")", "ok"], &mut std::iter::empty());
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{FEFF}\"'=HYPERLINK(\"\"x\"\")\",ok\r\n");
    }

    #[test]
    fn writes_only_the_bom_without_header_or_rows() {
        assert_eq!(write_csv(&[], &mut std::iter::empty()), b"\xEF\xBB\xBF");
    }
}
