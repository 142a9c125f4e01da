//! Typed cells for the CSV and XLSX exports, and the guard against spreadsheet formula injection.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A typed cell for exports.
///
/// Numbers stay numbers so that a spreadsheet can sum them; text is written as text and is
/// always passed through [`neutralise_formula`] by the writers, so a value taken from a
/// user's file can never run as a formula on a colleague's machine.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Integer(i64),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(number: f64) -> Cell {
        Cell::Number(number)
    }
}

impl From<i64> for Cell {
    fn from(number: i64) -> Cell {
        Cell::Integer(number)
    }
}

/// `None` is an empty cell, so optional columns (a parcel not yet delivered) export as blanks.
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// Spreadsheet formula injection guard: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe (`'`), as OWASP recommends for CSV injection;
/// everything else is returned unchanged (borrowed).
///
/// Spreadsheet programs evaluate such cells as formulas when a CSV is opened, so a
/// seller-supplied product title like `=HYPERLINK(...)` could otherwise run in the export.
///
/// ```
/// use borderlens_core::report::cell::neutralise_formula;
///
/// assert_eq!(neutralise_formula("=SUM(A1)"), "'=SUM(A1)");
/// assert_eq!(neutralise_formula("-5"), "'-5");
/// assert_eq!(neutralise_formula("深圳仓"), "深圳仓");
/// ```
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => {
            let mut guarded = String::with_capacity(text.len() + 1);
            guarded.push('\'');
            guarded.push_str(text);
            Cow::Owned(guarded)
        }
        _ => Cow::Borrowed(text),
    }
}

/// Appends a finite number in its shortest round-trip form, integral values without a
/// fraction (`1234`, not `1234.0`) and negative zero as `0`. Returns `false`, writing nothing,
/// for NaN and infinities, which neither CSV readers nor spreadsheets understand.
pub(crate) fn write_number(out: &mut String, number: f64) -> bool {
    if !number.is_finite() {
        return false;
    }
    if number == 0.0 {
        out.push('0');
    } else {
        // `Display` for f64 is the shortest string that parses back to the same value and
        // never uses an exponent, which every number parser downstream accepts.
        let _ = write!(out, "{number}");
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::equals("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    #[case::plus("+1", "'+1")]
    #[case::minus("-1", "'-1")]
    #[case::at("@SUM(A1)", "'@SUM(A1)")]
    #[case::tab("\tx", "'\tx")]
    #[case::carriage_return("\rx", "'\rx")]
    fn neutralises_formula_triggers(#[case] text: &str, #[case] expected: &str) {
        let guarded = neutralise_formula(text);
        assert!(matches!(guarded, Cow::Owned(_)));
        assert_eq!(guarded, expected);
    }

    #[rstest]
    #[case::empty("")]
    #[case::plain("YT2403010001")]
    #[case::cjk("深圳市 宝安区")]
    #[case::inner_equals("a=b")]
    #[case::leading_space(" =1")]
    #[case::already_quoted("'=1")]
    #[case::newline("\nx")]
    fn leaves_other_text_borrowed(#[case] text: &str) {
        assert!(matches!(neutralise_formula(text), Cow::Borrowed(t) if t == text));
    }

    #[rstest]
    #[case::integral(1234.0, "1234")]
    #[case::fraction(0.1, "0.1")]
    #[case::negative(-12.75, "-12.75")]
    #[case::negative_zero(-0.0, "0")]
    #[case::large(1e21, "1000000000000000000000")]
    #[case::small(1.5e-7, "0.00000015")]
    #[case::rounding_noise(0.1 + 0.2, "0.30000000000000004")]
    fn writes_numbers_plainly(#[case] number: f64, #[case] expected: &str) {
        let mut out = String::new();
        assert!(write_number(&mut out, number));
        assert_eq!(out, expected);
    }

    #[rstest]
    #[case::nan(f64::NAN)]
    #[case::infinity(f64::INFINITY)]
    #[case::negative_infinity(f64::NEG_INFINITY)]
    fn skips_non_finite_numbers(#[case] number: f64) {
        let mut out = String::new();
        assert!(!write_number(&mut out, number));
        assert_eq!(out, "");
    }

    #[test]
    fn converts_values_into_cells() {
        assert_eq!(Cell::from("a"), Cell::Text("a".into()));
        assert_eq!(Cell::from(String::from("b")), Cell::Text("b".into()));
        assert_eq!(Cell::from(1.5), Cell::Number(1.5));
        assert_eq!(Cell::from(7_i64), Cell::Integer(7));
        assert_eq!(Cell::from(Some(2.0)), Cell::Number(2.0));
        assert_eq!(Cell::from(None::<&str>), Cell::Empty);
        assert_eq!(Cell::from(Some("x")), Cell::Text("x".into()));
    }
}
