//! Number and money cells: thousands separators, comma decimals, currencies, percentages, accounting negatives, full-width digits.
//!
//! Whether `1,234` is a thousand or one-and-a-bit depends on the column, so the decimal
//! separator is decided once per column by a [`NumberColumnProfile`] and then passed to
//! [`read_number`] / [`read_money`] for every row. Reading is strict: text is never mined
//! for digits (`abc12` and `N/A` are not numbers), and grouping only counts in threes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Which character separates the whole part from the fraction in a column.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DecimalSeparator {
    /// `1,234.5` (China, the US, the UK).
    #[default]
    Dot,
    /// `1.234,5` (Brazil, Spain, Russia, most of Europe).
    Comma,
}

/// Why a cell is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum NumberError {
    /// The cell is empty or holds only spaces.
    #[error("the cell is empty")]
    Empty,
    /// The text is not a number under the column's decimal separator.
    #[error("not a number")]
    NotANumber,
}

/// An ISO 4217 currency code, upper case (`USD`). Serialises as the three-letter string.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Currency(pub [u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const CNY: Currency = Currency(*b"CNY");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const GBP: Currency = Currency(*b"GBP");
    pub const BRL: Currency = Currency(*b"BRL");
    pub const HKD: Currency = Currency(*b"HKD");
    pub const RUB: Currency = Currency(*b"RUB");
    pub const INR: Currency = Currency(*b"INR");
    pub const JPY: Currency = Currency(*b"JPY");

    /// The code as text (`"USD"`); `"???"` if the bytes were set to something not ASCII.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The currency a code or symbol names: any ISO 4217 code in any case (`usd`, `BRL`),
    /// `RMB`, and the symbols cells use (`$`, `US$`, `R$`, `HK$`, `¥`, `￥`, `元`, `€`, `£`,
    /// `₽`, `руб`, `₹`). `None` for anything else, so that words are not taken for codes.
    ///
    /// ```
    /// use borderlens_core::ingest::parse::number::Currency;
    /// assert_eq!(Currency::parse_code(" brl ").unwrap().as_str(), "BRL");
    /// assert_eq!(Currency::parse_code("元"), Some(Currency::CNY));
    /// assert_eq!(Currency::parse_code("abc"), None);
    /// ```
    pub fn parse_code(s: &str) -> Option<Currency> {
        let mut buf = [0u8; 16];
        let b = normalise(super::trim(s), &mut buf)?;
        match currency_prefix(b) {
            Some((currency, len)) if len == b.len() => Some(currency),
            _ => None,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Currency, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse_code(&s).ok_or_else(|| serde::de::Error::custom(format!("not a currency code: {s:?}")))
    }
}

/// Reads one number cell under the column's decimal separator.
///
/// Accepts thousands grouping in threes (`,` `.` space, NBSP, `'`), currency symbols and
/// codes before or after, `%` (divided by 100), `-5`, `−5`, `(12.50)`, `+3`, full-width
/// digits and signs, and `1.2e3`.
///
/// ```
/// use borderlens_core::ingest::parse::number::{read_number, DecimalSeparator::*};
/// assert_eq!(read_number("1,234,567.5", Dot), Ok(1234567.5));
/// assert_eq!(read_number("R$ 1.234,56", Comma), Ok(1234.56));
/// assert_eq!(read_number("(12.50)", Dot), Ok(-12.5));
/// assert_eq!(read_number("12,5 %", Comma), Ok(0.125));
/// assert!(read_number("N/A", Dot).is_err());
/// ```
pub fn read_number(s: &str, decimal: DecimalSeparator) -> Result<f64, NumberError> {
    read_money(s, decimal).map(|(value, _)| value)
}

/// Reads one money cell: the amount and the currency the cell names, if any.
///
/// ```
/// use borderlens_core::ingest::parse::number::{read_money, Currency, DecimalSeparator::*};
/// assert_eq!(read_money("¥1,200", Dot), Ok((1200.0, Some(Currency::CNY))));
/// assert_eq!(read_money("12.50 usd", Dot), Ok((12.5, Some(Currency::USD))));
/// assert_eq!(read_money("12.50", Dot), Ok((12.5, None)));
/// ```
pub fn read_money(s: &str, decimal: DecimalSeparator) -> Result<(f64, Option<Currency>), NumberError> {
    let s = super::trim(s);
    if let Some(value) = plain_decimal(s.as_bytes(), decimal) {
        return Ok((value, None));
    }
    read_money_in_full(s, decimal)
}

/// Exact powers of ten as `f64` (10^0 to 10^15 are all representable).
const POWERS_OF_TEN: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The fast path for the cells most files hold, `[-]digits[<decimal>digits]` with at most
/// 15 digits, read in place. The digits make an integer below 2^53 and the divisor is an
/// exact power of ten, so the one division is correctly rounded and gives the very `f64`
/// that `str::parse` gives (Clinger's fast path). Anything else is `None` and goes the full
/// way.
#[inline]
fn plain_decimal(b: &[u8], decimal: DecimalSeparator) -> Option<f64> {
    let point = match decimal {
        DecimalSeparator::Dot => b'.',
        DecimalSeparator::Comma => b',',
    };
    let (negative, body) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    let mut mantissa = 0u64;
    let mut digits = 0;
    let mut fraction_digits = None;
    for (i, &c) in body.iter().enumerate() {
        if c.is_ascii_digit() {
            mantissa = mantissa * 10 + u64::from(c - b'0');
            digits += 1;
            if digits > 15 {
                return None;
            }
        } else if c == point && fraction_digits.is_none() && i > 0 && i + 1 < body.len() {
            fraction_digits = Some(body.len() - i - 1);
        } else {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    let value = mantissa as f64 / POWERS_OF_TEN[fraction_digits.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

/// Every other number or money cell: normalised (full-width digits, currency symbols), then
/// parsed with signs, grouping, currencies, percentages and accounting negatives.
fn read_money_in_full(s: &str, decimal: DecimalSeparator) -> Result<(f64, Option<Currency>), NumberError> {
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let mut buf = [0u8; MAX_CELL];
    let b = normalise(s, &mut buf).ok_or(NumberError::NotANumber)?;
    parse(b, decimal)
}

// ---------------------------------------------------------------------------------------
// Column profile

/// Evidence about a number column's decimal separator, gathered row by row (or chunk by
/// chunk, then [`merge`](Self::merge)d).
///
/// A value is evidence for a separator when it reads as a number under that one only:
/// `12,5`, `0,99`, `1.234,56`, `1,2345` for comma; `12.5`, `1,234.56`, `1,234,567` for dot.
/// `1,234` or `1.500` read under both and count for neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumberColumnProfile {
    dot_rows: u64,
    comma_rows: u64,
}

impl NumberColumnProfile {
    /// Takes one cell into account.
    pub fn add(&mut self, s: &str) {
        // Most cells have no separator at all: skip them without parsing.
        if !s.chars().any(|c| matches!(c, ',' | '.' | '，' | '．')) {
            return;
        }
        let dot = read_number(s, DecimalSeparator::Dot).is_ok();
        let comma = read_number(s, DecimalSeparator::Comma).is_ok();
        match (dot, comma) {
            (true, false) => self.dot_rows += 1,
            (false, true) => self.comma_rows += 1,
            _ => {}
        }
    }

    /// Adds the evidence of another chunk of the same column.
    pub fn merge(&mut self, other: &NumberColumnProfile) {
        self.dot_rows += other.dot_rows;
        self.comma_rows += other.comma_rows;
    }

    /// Cells that read only with a dot decimal.
    pub fn dot_rows(&self) -> u64 {
        self.dot_rows
    }

    /// Cells that read only with a comma decimal.
    pub fn comma_rows(&self) -> u64 {
        self.comma_rows
    }

    /// The separator with more evidence; dot when there is none or on a tie.
    ///
    /// ```
    /// use borderlens_core::ingest::parse::number::{DecimalSeparator, NumberColumnProfile};
    /// let mut p = NumberColumnProfile::default();
    /// ["1.234,56", "0,99", "1,234"].iter().for_each(|s| p.add(s));
    /// assert_eq!(p.decimal_separator(), DecimalSeparator::Comma);
    /// ```
    pub fn decimal_separator(&self) -> DecimalSeparator {
        if self.comma_rows > self.dot_rows {
            DecimalSeparator::Comma
        } else {
            DecimalSeparator::Dot
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading one cell

/// Longest cell (in normalised bytes) worth trying.
const MAX_CELL: usize = 128;

/// Currency symbols become one byte each in normalised text, at `SYMBOL_BASE + index`.
const SYMBOL_BASE: u8 = 0x80;
const SYMBOLS: [Currency; 7] =
    [Currency::EUR, Currency::GBP, Currency::CNY, Currency::RUB, Currency::INR, Currency::JPY, Currency(*b"KRW")];

fn symbol(index: usize) -> u8 {
    SYMBOL_BASE + index as u8
}

/// Copies the cell into `buf` as lowercase ASCII: full-width digits and signs become ASCII,
/// odd spaces become spaces, currency symbols become marker bytes, anything else non-ASCII
/// makes it `None`.
fn normalise<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut n = 0;
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        let byte = match c {
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            '\u{FF10}'..='\u{FF19}' => b'0' + (c as u32 - 0xFF10) as u8,
            '．' => b'.',
            '，' => b',',
            '－' | '\u{2212}' | '\u{2013}' => b'-',
            '＋' => b'+',
            '％' => b'%',
            '（' => b'(',
            '）' => b')',
            '＄' => b'$',
            '\u{2019}' | '＇' => b'\'',
            '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{3000}' => b' ',
            '€' => symbol(0),
            '£' => symbol(1),
            '¥' | '￥' | '元' => symbol(2),
            '₽' => symbol(3),
            '₹' => symbol(4),
            '円' => symbol(5),
            '₩' => symbol(6),
            'р' | 'Р' if starts_with_ignoring_case(&s[i..], "руб") => {
                // `руб` or `руб.`: skip the other two letters and the dot.
                chars.next();
                chars.next();
                if s[i..].chars().nth(3) == Some('.') {
                    chars.next();
                }
                symbol(3)
            }
            _ => return None,
        };
        *buf.get_mut(n)? = byte;
        n += 1;
    }
    Some(&buf[..n])
}

/// Whether `text` starts with `prefix` (lowercase), ignoring case, without allocating.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    let mut text = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| text.next() == Some(p))
}

fn trim(mut b: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = b {
        b = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = b {
        b = rest;
    }
    b
}

/// Dollar-sign prefixes: letters before `$` and the currency they name.
fn dollar(letters: &[u8]) -> Option<Currency> {
    Some(Currency(*match letters {
        b"" | b"us" => b"USD",
        b"r" => b"BRL",
        b"hk" => b"HKD",
        b"c" | b"ca" => b"CAD",
        b"a" | b"au" => b"AUD",
        b"s" => b"SGD",
        b"nt" => b"TWD",
        b"mx" => b"MXN",
        b"nz" => b"NZD",
        _ => return None,
    }))
}

/// A three-letter code (lowercase), including `rmb`.
fn code(letters: &[u8]) -> Option<Currency> {
    let [a, b, c] = *letters else { return None };
    if letters == b"rmb" {
        return Some(Currency::CNY);
    }
    let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase(), c.to_ascii_uppercase()];
    ISO_4217.binary_search(&upper).ok().map(|_| Currency(upper))
}

/// A currency at the start of `b`, and how many bytes it takes.
fn currency_prefix(b: &[u8]) -> Option<(Currency, usize)> {
    let first = *b.first()?;
    if first >= SYMBOL_BASE {
        return SYMBOLS.get(usize::from(first - SYMBOL_BASE)).map(|&c| (c, 1));
    }
    let letters = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    if b.get(letters) == Some(&b'$') {
        return dollar(&b[..letters]).map(|c| (c, letters + 1));
    }
    code(&b[..letters]).map(|c| (c, letters))
}

/// A currency at the end of `b`, and how many bytes it takes.
fn currency_suffix(b: &[u8]) -> Option<(Currency, usize)> {
    let last = *b.last()?;
    if last >= SYMBOL_BASE {
        return SYMBOLS.get(usize::from(last - SYMBOL_BASE)).map(|&c| (c, 1));
    }
    if last == b'$' {
        let head = &b[..b.len() - 1];
        let letters = head.iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
        return dollar(&head[head.len() - letters..]).map(|c| (c, letters + 1));
    }
    let letters = b.iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
    code(&b[b.len() - letters..]).map(|c| (c, letters))
}

fn parse(b: &[u8], decimal: DecimalSeparator) -> Result<(f64, Option<Currency>), NumberError> {
    let not = Err(NumberError::NotANumber);
    let mut b = trim(b);
    if b.is_empty() {
        return Err(NumberError::Empty);
    }
    // The Excel text marker.
    if let [b'\'', rest @ ..] = b {
        b = trim(rest);
    }
    let mut negative = false;
    let mut parens = false;
    let mut signed = false;
    let mut percent = false;
    let mut currency = None;

    if let [b'(', inner @ .., b')'] = b {
        parens = true;
        b = trim(inner);
    }
    // Suffix: `%` or a currency.
    if let [rest @ .., b'%'] = b {
        percent = true;
        b = trim(rest);
    } else if let Some((c, len)) = currency_suffix(b) {
        currency = Some(c);
        b = trim(&b[..b.len() - len]);
    }
    // Prefix: sign, currency, sign (`-$5`, `$-5`, `US$ -5`).
    let mut eat_sign = |b: &mut &[u8]| {
        if let [sign @ (b'-' | b'+'), rest @ ..] = *b {
            if signed {
                return false;
            }
            signed = true;
            negative = *sign == b'-';
            *b = trim(rest);
        }
        true
    };
    if !eat_sign(&mut b) {
        return not;
    }
    if let Some((c, len)) = currency_prefix(b) {
        if percent || currency.is_some_and(|suffix| suffix != c) {
            return not;
        }
        currency = Some(c);
        b = trim(&b[len..]);
        if !eat_sign(&mut b) {
            return not;
        }
    }
    // Accounting negatives inside the currency: `$(12.50)`, `(12.50) USD`.
    if !parens {
        if let [b'(', inner @ .., b')'] = b {
            parens = true;
            b = trim(inner);
        }
    }
    if parens && signed {
        return not;
    }
    let mut value = parse_plain(b, decimal, percent)?;
    if parens || negative {
        value = -value;
    }
    Ok((value, currency))
}

/// Digits with grouping, one decimal separator and an optional exponent; nothing else.
fn parse_plain(b: &[u8], decimal: DecimalSeparator, percent: bool) -> Result<f64, NumberError> {
    let not = Err(NumberError::NotANumber);
    let (point, groupers): (u8, &[u8]) = match decimal {
        DecimalSeparator::Dot => (b'.', b", '"),
        DecimalSeparator::Comma => (b',', b". '"),
    };
    // What `str::parse::<f64>` gets: digits, `.`, `e`, sign; never longer than the input + 3.
    let mut out = [0u8; MAX_CELL + 4];
    let mut n = 0;
    let mut push = |c: u8| {
        out[n] = c;
        n += 1;
    };
    let mut i = 0;
    let mut grouper = None;
    let mut run = 0;
    let mut whole_digits = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            push(c);
            run += 1;
            whole_digits += 1;
        } else if groupers.contains(&c) && run > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            // Groups of three after a first group of one to three, all with the same mark.
            let ok = match grouper {
                None => run <= 3,
                Some(g) => g == c && run == 3,
            };
            if !ok {
                return not;
            }
            grouper = Some(c);
            run = 0;
        } else {
            break;
        }
        i += 1;
    }
    if grouper.is_some() && run != 3 {
        return not;
    }
    let mut fraction_digits = 0;
    if b.get(i) == Some(&point) {
        push(b'.');
        i += 1;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            push(c);
            fraction_digits += 1;
            i += 1;
        }
    }
    if whole_digits + fraction_digits == 0 {
        return not;
    }
    let mut exponent = false;
    if b.get(i) == Some(&b'e') && grouper.is_none() {
        exponent = true;
        push(b'e');
        i += 1;
        if let Some(&sign @ (b'-' | b'+')) = b.get(i) {
            push(sign);
            i += 1;
        }
        let start = i;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            push(c);
            i += 1;
        }
        if i == start {
            return not;
        }
    }
    if i != b.len() {
        return not;
    }
    // Dividing by 100 through the exponent keeps `45%` exactly 0.45.
    if percent && !exponent {
        for &c in b"e-2" {
            push(c);
        }
    }
    let text = std::str::from_utf8(&out[..n]).map_err(|_| NumberError::NotANumber)?;
    let mut value: f64 = text.parse().map_err(|_| NumberError::NotANumber)?;
    if percent && exponent {
        value /= 100.0;
    }
    if value.is_finite() {
        Ok(value)
    } else {
        not
    }
}

/// Active ISO 4217 codes, sorted (binary-searched).
const ISO_4217: [[u8; 3]; 160] = [
    *b"AED", *b"AFN", *b"ALL", *b"AMD", *b"ANG", *b"AOA", *b"ARS", *b"AUD", *b"AWG", *b"AZN", *b"BAM", *b"BBD",
    *b"BDT", *b"BGN", *b"BHD", *b"BIF", *b"BMD", *b"BND", *b"BOB", *b"BRL", *b"BSD", *b"BTN", *b"BWP", *b"BYN",
    *b"BZD", *b"CAD", *b"CDF", *b"CHF", *b"CLP", *b"CNY", *b"COP", *b"CRC", *b"CUC", *b"CUP", *b"CVE", *b"CZK",
    *b"DJF", *b"DKK", *b"DOP", *b"DZD", *b"EGP", *b"ERN", *b"ETB", *b"EUR", *b"FJD", *b"FKP", *b"GBP", *b"GEL",
    *b"GHS", *b"GIP", *b"GMD", *b"GNF", *b"GTQ", *b"GYD", *b"HKD", *b"HNL", *b"HTG", *b"HUF", *b"IDR", *b"ILS",
    *b"INR", *b"IQD", *b"IRR", *b"ISK", *b"JMD", *b"JOD", *b"JPY", *b"KES", *b"KGS", *b"KHR", *b"KMF", *b"KPW",
    *b"KRW", *b"KWD", *b"KYD", *b"KZT", *b"LAK", *b"LBP", *b"LKR", *b"LRD", *b"LSL", *b"LYD", *b"MAD", *b"MDL",
    *b"MGA", *b"MKD", *b"MMK", *b"MNT", *b"MOP", *b"MRU", *b"MUR", *b"MVR", *b"MWK", *b"MXN", *b"MYR", *b"MZN",
    *b"NAD", *b"NGN", *b"NIO", *b"NOK", *b"NPR", *b"NZD", *b"OMR", *b"PAB", *b"PEN", *b"PGK", *b"PHP", *b"PKR",
    *b"PLN", *b"PYG", *b"QAR", *b"RON", *b"RSD", *b"RUB", *b"RWF", *b"SAR", *b"SBD", *b"SCR", *b"SDG", *b"SEK",
    *b"SGD", *b"SHP", *b"SLE", *b"SLL", *b"SOS", *b"SRD", *b"SSP", *b"STN", *b"SVC", *b"SYP", *b"SZL", *b"THB",
    *b"TJS", *b"TMT", *b"TND", *b"TOP", *b"TRY", *b"TTD", *b"TWD", *b"TZS", *b"UAH", *b"UGX", *b"USD", *b"UYU",
    *b"UZS", *b"VED", *b"VES", *b"VND", *b"VUV", *b"WST", *b"XAF", *b"XCD", *b"XCG", *b"XOF", *b"XPF", *b"YER",
    *b"ZAR", *b"ZMW", *b"ZWG", *b"ZWL",
];

#[cfg(test)]
mod tests {
    use super::DecimalSeparator::{Comma, Dot};
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case::integer("42", Dot, 42.0)]
    #[case::spaces_around("  42  ", Dot, 42.0)]
    #[case::decimal_dot("12.5", Dot, 12.5)]
    #[case::thousands_and_decimal("1,234,567.5", Dot, 1_234_567.5)]
    #[case::thousands_comma_decimal("1.234.567,5", Comma, 1_234_567.5)]
    #[case::comma_decimal("12,5", Comma, 12.5)]
    #[case::thousands_under_dot("1,234", Dot, 1234.0)]
    #[case::decimal_under_comma("1,234", Comma, 1.234)]
    #[case::space_grouping("1 234 567", Dot, 1_234_567.0)]
    #[case::nbsp_grouping("1\u{a0}234,5", Comma, 1234.5)]
    #[case::narrow_nbsp_grouping("1\u{202f}234\u{202f}567,25", Comma, 1_234_567.25)]
    #[case::apostrophe_grouping("1'234'567.5", Dot, 1_234_567.5)]
    #[case::real_with_grouping("R$ 1.234,56", Comma, 1234.56)]
    #[case::yen_prefix("¥1,200", Dot, 1200.0)]
    #[case::full_width_yen("￥1,200", Dot, 1200.0)]
    #[case::code_suffix("12.50 USD", Dot, 12.5)]
    #[case::yuan_suffix("100元", Dot, 100.0)]
    #[case::euro_suffix_comma("12,50 €", Comma, 12.5)]
    #[case::percent("45%", Dot, 0.45)]
    #[case::percent_comma_space("12,5 %", Comma, 0.125)]
    #[case::minus("-5", Dot, -5.0)]
    #[case::unicode_minus("−5", Dot, -5.0)]
    #[case::accounting("(12.50)", Dot, -12.5)]
    #[case::accounting_with_dollar("$(1,234.50)", Dot, -1234.5)]
    #[case::accounting_around_dollar("($12.50)", Dot, -12.5)]
    #[case::plus("+3", Dot, 3.0)]
    #[case::full_width_decimal("１２３．５", Dot, 123.5)]
    #[case::full_width_minus("－５", Dot, -5.0)]
    #[case::full_width_grouping("１，２００", Dot, 1200.0)]
    #[case::scientific("1.2e3", Dot, 1200.0)]
    #[case::scientific_upper_negative_exponent("1.5E-2", Dot, 0.015)]
    #[case::leading_point(".5", Dot, 0.5)]
    #[case::comma_leading_zero("0,99", Comma, 0.99)]
    #[case::trailing_point("12.", Dot, 12.0)]
    #[case::minus_before_currency("-$5", Dot, -5.0)]
    #[case::minus_after_currency("US$ -5.25", Dot, -5.25)]
    #[case::excel_text_marker("'123", Dot, 123.0)]
    #[case::lower_case_code("usd 7", Dot, 7.0)]
    #[case::rouble_word("1 500 руб.", Dot, 1500.0)]
    #[case::long_fraction("0.123456789012345678901234567890", Dot, 0.123_456_789_012_345_68)]
    fn reads_numbers(#[case] cell: &str, #[case] decimal: DecimalSeparator, #[case] expected: f64) {
        assert_eq!(read_number(cell, decimal), Ok(expected), "{cell:?}");
    }

    #[rstest]
    #[case::words("Weight Captured Separately")]
    #[case::not_available("N/A")]
    #[case::lone_dash("-")]
    #[case::letters_then_digits("abc12")]
    #[case::digits_then_letters("12abc")]
    #[case::groups_not_in_threes("1,23,4")]
    #[case::first_group_too_long("1234,567")]
    #[case::mixed_grouping_marks("1,234 567")]
    #[case::two_decimal_points("1.2.3")]
    #[case::dangling_grouper("1,")]
    #[case::dangling_exponent("1e")]
    #[case::grouping_with_exponent("1,234e3")]
    #[case::two_signs("--5")]
    #[case::sign_inside_parens("(-5)")]
    #[case::currencies_disagree("$5 EUR")]
    #[case::currency_and_percent("$5%")]
    #[case::infinity("inf")]
    #[case::not_a_number_word("NaN")]
    #[case::huge("1e999")]
    #[case::chinese_word("五")]
    #[case::only_currency("USD")]
    #[case::only_percent("%")]
    fn rejects_text_that_is_not_a_number(#[case] cell: &str) {
        assert_eq!(read_number(cell, Dot), Err(NumberError::NotANumber), "{cell:?}");
    }

    #[rstest]
    #[case::comma_decimal_under_dot("12,5", Dot)]
    #[case::dot_decimal_under_comma("12.5", Comma)]
    #[case::dot_thousands_with_comma_decimal_under_dot("1.234,56", Dot)]
    #[case::comma_thousands_under_comma("1,234,567", Comma)]
    fn rejects_values_written_for_the_other_separator(#[case] cell: &str, #[case] decimal: DecimalSeparator) {
        assert_eq!(read_number(cell, decimal), Err(NumberError::NotANumber), "{cell:?}");
    }

    #[rstest]
    #[case::empty("")]
    #[case::spaces("  \t ")]
    #[case::nbsp_only("\u{a0}")]
    fn reports_empty_cells(#[case] cell: &str) {
        assert_eq!(read_number(cell, Dot), Err(NumberError::Empty));
    }

    #[rstest]
    #[case::dollar("$5", "USD")]
    #[case::us_dollar("US$5", "USD")]
    #[case::real("R$ 1.234,56", "BRL")]
    #[case::hong_kong("HK$ 12", "HKD")]
    #[case::yen_sign("¥12", "CNY")]
    #[case::full_width_yen("￥12", "CNY")]
    #[case::yuan("12元", "CNY")]
    #[case::rmb("RMB 12", "CNY")]
    #[case::cny("12 CNY", "CNY")]
    #[case::euro("€12", "EUR")]
    #[case::pound("£12", "GBP")]
    #[case::rouble_sign("12 ₽", "RUB")]
    #[case::rouble_word("12 руб", "RUB")]
    #[case::rupee("₹12", "INR")]
    #[case::yen_code("JPY 1200", "JPY")]
    #[case::any_iso_code("12 chf", "CHF")]
    #[case::matching_prefix_and_suffix("$12 USD", "USD")]
    fn names_the_currency(#[case] cell: &str, #[case] code: &str) {
        let decimal = if cell.contains("R$") { Comma } else { Dot };
        let (_, currency) = read_money(cell, decimal).unwrap_or_else(|e| panic!("{cell:?}: {e:?}"));
        assert_eq!(currency.map(|c| c.to_string()).as_deref(), Some(code), "{cell:?}");
    }

    #[test]
    fn leaves_the_currency_open_when_the_cell_names_none() {
        assert_eq!(read_money("12.5", Dot), Ok((12.5, None)));
        assert_eq!(read_money("45%", Dot), Ok((0.45, None)));
    }

    #[test]
    fn parses_codes_and_serialises_them_as_text() {
        assert_eq!(Currency::parse_code("usd"), Some(Currency::USD));
        assert_eq!(Currency::parse_code("HK$"), Some(Currency::HKD));
        assert_eq!(Currency::parse_code("руб"), Some(Currency::RUB));
        assert_eq!(Currency::parse_code("abc"), None);
        assert_eq!(Currency::parse_code("USD5"), None);
        assert_eq!(Currency::parse_code(""), None);
        assert_eq!(serde_json::to_string(&Currency::BRL).unwrap(), "\"BRL\"");
        assert_eq!(serde_json::from_str::<Currency>("\"brl\"").unwrap(), Currency::BRL);
        assert_eq!(Currency(*b"\xff\xfe\xfd").as_str(), "???");
    }

    #[test]
    fn keeps_the_code_table_sorted() {
        let mut sorted = ISO_4217;
        sorted.sort_unstable();
        let mut dedup = sorted.to_vec();
        dedup.dedup();
        assert_eq!(dedup.len(), ISO_4217.len());
        // Binary search needs the table itself sorted.
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]), "ISO_4217 is not sorted");
    }

    fn profile_of(cells: &[&str]) -> NumberColumnProfile {
        let mut p = NumberColumnProfile::default();
        cells.iter().for_each(|c| p.add(c));
        p
    }

    #[rstest]
    #[case::comma_fraction(&["12,5", "3"], Comma)]
    #[case::comma_cents(&["0,99"], Comma)]
    #[case::dot_thousands_then_comma(&["1.234,56"], Comma)]
    #[case::comma_four_decimals(&["1,2345"], Comma)]
    #[case::dot_fraction(&["12.5"], Dot)]
    #[case::comma_thousands_then_dot(&["1,234.56"], Dot)]
    #[case::ambiguous_only(&["1,234", "1.500"], Dot)]
    #[case::nothing(&[], Dot)]
    #[case::majority_comma(&["12,5", "1,5", "1.5"], Comma)]
    #[case::tie_goes_to_dot(&["12,5", "1.5"], Dot)]
    fn decides_the_decimal_separator_from_evidence(#[case] cells: &[&str], #[case] expected: DecimalSeparator) {
        assert_eq!(profile_of(cells).decimal_separator(), expected);
    }

    #[test]
    fn counts_ambiguous_grouping_for_neither() {
        let p = profile_of(&["1,234", "1.234", "1 234", "abc", "12,5"]);
        assert_eq!((p.dot_rows(), p.comma_rows()), (0, 1));
    }

    proptest! {
        #[test]
        fn the_fast_path_reads_plain_decimals_as_the_full_path_does(
            s in "-?[0-9]{0,17}([.,][0-9]{0,17})?",
            comma in any::<bool>(),
        ) {
            let decimal = if comma { Comma } else { Dot };
            prop_assert_eq!(read_money(&s, decimal), read_money_in_full(&s, decimal));
            if let Some(v) = plain_decimal(s.as_bytes(), decimal) {
                prop_assert_eq!(v.to_bits(), read_money_in_full(&s, decimal).unwrap().0.to_bits());
            }
        }

        #[test]
        fn never_panics_on_any_text(s in any::<String>()) {
            let _ = read_money(&s, Dot);
            let _ = read_money(&s, Comma);
            NumberColumnProfile::default().add(&s);
        }

        #[test]
        fn never_panics_on_number_like_text(s in "[-+(]?[$€¥R]?[0-9,. '\u{a0}]{0,20}[eE]?[0-9]{0,3}[%)]? ?(USD|元)?") {
            let _ = read_money(&s, Dot);
            let _ = read_money(&s, Comma);
        }

        #[test]
        fn reads_back_what_rust_writes(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
            let plain = x.to_string();
            if plain.len() <= 100 {
                prop_assert_eq!(read_number(&plain, Dot), Ok(x));
            }
            prop_assert_eq!(read_number(&format!("{x:e}"), Dot), Ok(x));
        }

        #[test]
        fn reads_grouped_integers_in_both_conventions(n in 0u64..1_000_000_000_000) {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push('\u{a0}');
                }
                grouped.push(c);
            }
            prop_assert_eq!(read_number(&grouped, Dot), Ok(n as f64));
            prop_assert_eq!(read_number(&grouped, Comma), Ok(n as f64));
            prop_assert_eq!(read_number(&format!("{grouped},5"), Comma), Ok(n as f64 + 0.5));
        }

        #[test]
        fn merges_chunks_into_the_whole(cells in proptest::collection::vec("[0-9]{1,4}[,.][0-9]{1,4}", 0..40), cut in 0usize..40) {
            let cut = cut.min(cells.len());
            let strs: Vec<&str> = cells.iter().map(String::as_str).collect();
            let mut merged = profile_of(&strs[..cut]);
            merged.merge(&profile_of(&strs[cut..]));
            prop_assert_eq!(merged, profile_of(&strs));
        }
    }
}
