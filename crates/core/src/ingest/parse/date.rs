//! Date cells: read each cell into a [`RawDate`], settle day/month order and century per column with a [`DateColumnProfile`], then [`resolve`].
//!
//! A cell such as `05/03/2024` cannot be read on its own: whether it is the 5th of March or
//! the 3rd of May depends on the other rows of its column (and on the user, who sees the
//! choice). Likewise `8/29/14` needs a century. So reading happens in two steps: rows stream
//! through [`read_date`], which keeps what is still undecided in a small `Copy` value, while
//! a [`DateColumnProfile`] collects the evidence; [`DateColumnProfile::conventions`] then
//! decides, and [`resolve`] turns each raw value into a [`Date`].
//!
//! Times of day and zones are checked loosely and dropped: transit times are calendar days
//! between the dates as written, so the date is never shifted by a zone.

use crate::model::date::{days_in_month, Date};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a cell is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum DateError {
    /// The cell is empty or holds only spaces and quote marks.
    #[error("the cell is empty")]
    Empty,
    /// The text is not written in any date format borderlens reads.
    #[error("not a date")]
    Unrecognised,
    /// The format is a date format but no such day exists (`2024-13-05`, `2023-02-29`).
    #[error("no such date")]
    Impossible,
}

/// The order of day and month in slashed numeric dates such as `05/03/2024`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayMonthOrder {
    /// `05/03/2024` is 5 March (Europe, Latin America, China's forwarders).
    DayFirst,
    /// `05/03/2024` is 3 May (US, Excel and Amazon's default).
    MonthFirst,
}

/// Why a column's [`DayMonthOrder`] was chosen, so the UI can say it and offer a switch.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderBasis {
    /// Some value was only possible in this order (`13/05/2024` ⇒ day first).
    Evidence,
    /// Every slashed value fitted both orders; month first was assumed.
    Default,
    /// The user chose the order.
    User,
    /// The column holds no slashed numeric dates, so the order does not matter.
    NotNeeded,
}

/// How two-digit years (`8/29/14`, `2-Jun-06`) were given a century.
///
/// A two-digit year `yy` is read as the one year in `first_year ..= first_year + 99` that
/// ends in `yy`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CenturyRule {
    /// Why the window starts where it does.
    pub basis: CenturyBasis,
    /// The first year of the hundred-year window.
    pub first_year: i32,
    /// The earliest year this column's two-digit years became.
    pub earliest_year: i32,
    /// The latest year this column's two-digit years became.
    pub latest_year: i32,
}

/// Where a [`CenturyRule`]'s window comes from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CenturyBasis {
    /// The column also holds four-digit years: two-digit years are put closest to their
    /// median (the window is centred on it).
    NearFourDigitYears { median_year: i32 },
    /// No four-digit years to compare with: the fixed window 1970–2069 (`yy < 70` ⇒ `20yy`).
    FixedWindow,
}

impl CenturyRule {
    /// The fixed 1970–2069 window, used when nothing better is known.
    pub const FIXED_WINDOW: CenturyRule =
        CenturyRule { basis: CenturyBasis::FixedWindow, first_year: 1970, earliest_year: 1970, latest_year: 2069 };

    /// The full year for a two-digit year (`year(14)` is 2014 under the fixed window).
    pub fn year(&self, year_in_century: u8) -> i32 {
        self.first_year + (i32::from(year_in_century) - self.first_year).rem_euclid(100)
    }

    /// The century prefix when all the column's two-digit years landed in one century
    /// (`Some(20)` for "two-digit years as 20xx"), `None` when they straddle two.
    pub fn century(&self) -> Option<i32> {
        let (a, b) = (self.earliest_year.div_euclid(100), self.latest_year.div_euclid(100));
        (a == b).then_some(a)
    }
}

/// What a column's dates mean, as decided by [`DateColumnProfile::conventions`].
///
/// It holds enough for a sentence such as "read as day/month/year (evidence: 13/05/2024;
/// 2 rows only fit month/day/year); two-digit years as 20xx".
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateConventions {
    /// The order of day and month in slashed numeric dates.
    pub order: DayMonthOrder,
    /// Why that order.
    pub order_basis: OrderBasis,
    /// How two-digit years are read; `None` when the column has none.
    pub two_digit_years: Option<CenturyRule>,
    /// Rows whose value fits only the chosen order.
    pub evidence_rows: u64,
    /// The first such value, to show the user.
    pub evidence_example: Option<NumericDate>,
    /// Rows whose value fits only the other order: [`resolve`] gives `None` for them.
    pub conflicting_rows: u64,
    /// The first such value, to show the user.
    pub conflicting_example: Option<NumericDate>,
}

impl Default for DateConventions {
    fn default() -> Self {
        DateConventions {
            order: DayMonthOrder::MonthFirst,
            order_basis: OrderBasis::NotNeeded,
            two_digit_years: None,
            evidence_rows: 0,
            evidence_example: None,
            conflicting_rows: 0,
            conflicting_example: None,
        }
    }
}

/// A year as written: four digits, or two digits whose century the column decides.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Year {
    /// `2024`.
    Full(u16),
    /// `14` (0–99).
    TwoDigit(u8),
}

/// A numeric date with its year last (`05/03/2024`, `8/29/14`): day and month still unsorted.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumericDate {
    /// The first number as written.
    pub first: u8,
    /// The second number as written.
    pub second: u8,
    /// The year.
    pub year: Year,
}

impl NumericDate {
    /// Whether the value is a real day when read in `order` (two-digit years are checked
    /// against a leap-compatible century, since theirs is not known yet).
    pub fn fits(self, order: DayMonthOrder) -> bool {
        let (day, month) = self.day_month(order);
        let year = match self.year {
            Year::Full(y) => i32::from(y),
            Year::TwoDigit(yy) => 2000 + i32::from(yy),
        };
        day >= 1 && day <= days_in_month(year, month)
    }

    /// The only order this value fits, or `None` if it fits both (or neither).
    pub fn evidence(self) -> Option<DayMonthOrder> {
        match (self.fits(DayMonthOrder::DayFirst), self.fits(DayMonthOrder::MonthFirst)) {
            (true, false) => Some(DayMonthOrder::DayFirst),
            (false, true) => Some(DayMonthOrder::MonthFirst),
            _ => None,
        }
    }

    fn day_month(self, order: DayMonthOrder) -> (u32, u32) {
        let (a, b) = (u32::from(self.first), u32::from(self.second));
        match order {
            DayMonthOrder::DayFirst => (a, b),
            DayMonthOrder::MonthFirst => (b, a),
        }
    }
}

/// Shown as `13/05/2024` or `08/29/14` (the separator of the cell is not kept).
impl fmt::Display for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/", self.first, self.second)?;
        match self.year {
            Year::Full(y) => write!(f, "{y:04}"),
            Year::TwoDigit(yy) => write!(f, "{yy:02}"),
        }
    }
}

/// One date cell as read, keeping what only the column can decide. Eight bytes, `Copy`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawDate {
    /// The cell alone fixes the date (ISO, year first, named month with a four-digit year,
    /// Chinese, compact `20240305`, Excel serial).
    Exact(Date),
    /// Day/month order (and maybe century) decided by the column: `05/03/2024`, `8/29/14`.
    Numeric(NumericDate),
    /// Named month with a two-digit year (`2-Jun-06`): only the century is open.
    ShortYear { day: u8, month: u8, year_in_century: u8 },
}

/// Reads one date cell. Surrounding spaces and an Excel text-marker `'` are ignored; a
/// trailing time of day and zone are checked loosely and dropped.
///
/// ```
/// use borderlens_core::ingest::parse::date::{read_date, resolve, DateColumnProfile, RawDate};
/// let raw = read_date("2024-03-05 10:20:30 +0800").unwrap();
/// assert!(matches!(raw, RawDate::Exact(_)));
///
/// let raws = ["13/05/2024", "05/03/2024"].map(|s| read_date(s).unwrap());
/// let mut profile = DateColumnProfile::default();
/// raws.iter().for_each(|r| profile.add(r));
/// let conventions = profile.conventions(None);
/// assert_eq!(resolve(raws[1], &conventions).unwrap().to_string(), "2024-03-05");
/// ```
pub fn read_date(s: &str) -> Result<RawDate, DateError> {
    let s = trim_cell(s);
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let b = s.as_bytes();
    // Fast path: `YYYY-MM-DD`, optionally with a time, straight from the bytes.
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10])) {
            if time_suffix_ok(&b[10..]) {
                return Date::from_ymd(y as i32, m, d).map(RawDate::Exact).ok_or(DateError::Impossible);
            }
        }
    }
    let mut buf = [0u8; MAX_CELL];
    let b = normalise(s, &mut buf).ok_or(DateError::Unrecognised)?;
    read_normalised(b)
}

/// Gives a raw date its calendar date under a column's conventions, or `None` when it is
/// impossible under them (`13/05/2024` in a month-first column).
///
/// ```
/// use borderlens_core::ingest::parse::date::*;
/// let c = DateConventions { order: DayMonthOrder::DayFirst, ..DateConventions::default() };
/// let d = resolve(read_date("05/03/14").unwrap(), &c).unwrap();
/// assert_eq!(d.to_string(), "2014-03-05");
/// ```
pub fn resolve(raw: RawDate, conventions: &DateConventions) -> Option<Date> {
    let rule = conventions.two_digit_years.unwrap_or(CenturyRule::FIXED_WINDOW);
    match raw {
        RawDate::Exact(d) => Some(d),
        RawDate::Numeric(n) => {
            let year = match n.year {
                Year::Full(y) => i32::from(y),
                Year::TwoDigit(yy) => rule.year(yy),
            };
            let (day, month) = n.day_month(conventions.order);
            Date::from_ymd(year, month, day)
        }
        RawDate::ShortYear { day, month, year_in_century } => {
            Date::from_ymd(rule.year(year_in_century), u32::from(month), u32::from(day))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Column profile

/// Four-digit years are counted per year in `FIRST_BUCKET_YEAR ..` (years outside are
/// clamped to the end buckets, which only matters for a median outside 1900–2155).
const FIRST_BUCKET_YEAR: i32 = 1900;
const YEAR_BUCKETS: usize = 256;

/// Evidence about a date column, gathered row by row (or chunk by chunk, then
/// [`merge`](Self::merge)d) to decide its [`DateConventions`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateColumnProfile {
    day_first_rows: u64,
    month_first_rows: u64,
    either_order_rows: u64,
    day_first_example: Option<NumericDate>,
    month_first_example: Option<NumericDate>,
    two_digit_year_rows: u64,
    /// Bit `yy` is set when some value had two-digit year `yy`.
    two_digit_years_seen: u128,
    four_digit_year_rows: u64,
    four_digit_years: [u64; YEAR_BUCKETS],
}

impl Default for DateColumnProfile {
    fn default() -> Self {
        DateColumnProfile {
            day_first_rows: 0,
            month_first_rows: 0,
            either_order_rows: 0,
            day_first_example: None,
            month_first_example: None,
            two_digit_year_rows: 0,
            two_digit_years_seen: 0,
            four_digit_year_rows: 0,
            four_digit_years: [0; YEAR_BUCKETS],
        }
    }
}

impl DateColumnProfile {
    /// Takes one row's value into account.
    pub fn add(&mut self, raw: &RawDate) {
        match *raw {
            RawDate::Exact(d) => self.add_four_digit_year(d.year()),
            RawDate::Numeric(n) => {
                match n.evidence() {
                    Some(DayMonthOrder::DayFirst) => {
                        self.day_first_rows += 1;
                        self.day_first_example.get_or_insert(n);
                    }
                    Some(DayMonthOrder::MonthFirst) => {
                        self.month_first_rows += 1;
                        self.month_first_example.get_or_insert(n);
                    }
                    None => self.either_order_rows += 1,
                }
                match n.year {
                    Year::Full(y) => self.add_four_digit_year(i32::from(y)),
                    Year::TwoDigit(yy) => self.add_two_digit_year(yy),
                }
            }
            RawDate::ShortYear { year_in_century, .. } => self.add_two_digit_year(year_in_century),
        }
    }

    /// Adds the evidence of a later chunk of the same column. Merging the profiles of
    /// consecutive chunks in order gives the profile of the whole column.
    pub fn merge(&mut self, other: &DateColumnProfile) {
        self.day_first_rows += other.day_first_rows;
        self.month_first_rows += other.month_first_rows;
        self.either_order_rows += other.either_order_rows;
        self.day_first_example = self.day_first_example.or(other.day_first_example);
        self.month_first_example = self.month_first_example.or(other.month_first_example);
        self.two_digit_year_rows += other.two_digit_year_rows;
        self.two_digit_years_seen |= other.two_digit_years_seen;
        self.four_digit_year_rows += other.four_digit_year_rows;
        for (a, b) in self.four_digit_years.iter_mut().zip(other.four_digit_years.iter()) {
            *a += b;
        }
    }

    /// Slashed numeric values that fit only day-first reading.
    pub fn day_first_rows(&self) -> u64 {
        self.day_first_rows
    }

    /// Slashed numeric values that fit only month-first reading.
    pub fn month_first_rows(&self) -> u64 {
        self.month_first_rows
    }

    /// Slashed numeric values that fit both orders.
    pub fn either_order_rows(&self) -> u64 {
        self.either_order_rows
    }

    /// Decides the column's conventions; `user_order` (the user's choice) wins over the
    /// evidence. With conflicting evidence the order with more rows wins (month first on a
    /// tie) and the other rows are counted in [`DateConventions::conflicting_rows`].
    ///
    /// ```
    /// use borderlens_core::ingest::parse::date::*;
    /// let mut p = DateColumnProfile::default();
    /// p.add(&read_date("8/29/14").unwrap());
    /// let c = p.conventions(None);
    /// assert_eq!((c.order, c.order_basis), (DayMonthOrder::MonthFirst, OrderBasis::Evidence));
    /// assert_eq!(c.two_digit_years.unwrap().century(), Some(20));
    /// ```
    pub fn conventions(&self, user_order: Option<DayMonthOrder>) -> DateConventions {
        let slashed = self.day_first_rows + self.month_first_rows + self.either_order_rows;
        let (order, order_basis) = match user_order {
            _ if slashed == 0 => (user_order.unwrap_or(DayMonthOrder::MonthFirst), OrderBasis::NotNeeded),
            Some(order) => (order, OrderBasis::User),
            None if self.day_first_rows > self.month_first_rows => (DayMonthOrder::DayFirst, OrderBasis::Evidence),
            None if self.month_first_rows > 0 => (DayMonthOrder::MonthFirst, OrderBasis::Evidence),
            None => (DayMonthOrder::MonthFirst, OrderBasis::Default),
        };
        let day_first = (self.day_first_rows, self.day_first_example);
        let month_first = (self.month_first_rows, self.month_first_example);
        let (evidence, conflicting) = match order {
            DayMonthOrder::DayFirst => (day_first, month_first),
            DayMonthOrder::MonthFirst => (month_first, day_first),
        };
        DateConventions {
            order,
            order_basis,
            two_digit_years: self.century_rule(),
            evidence_rows: evidence.0,
            evidence_example: evidence.1,
            conflicting_rows: conflicting.0,
            conflicting_example: conflicting.1,
        }
    }

    fn add_four_digit_year(&mut self, year: i32) {
        let bucket = (year - FIRST_BUCKET_YEAR).clamp(0, YEAR_BUCKETS as i32 - 1) as usize;
        self.four_digit_years[bucket] += 1;
        self.four_digit_year_rows += 1;
    }

    fn add_two_digit_year(&mut self, yy: u8) {
        self.two_digit_year_rows += 1;
        self.two_digit_years_seen |= 1u128 << (yy % 100);
    }

    /// The lower median of the four-digit years, if any.
    fn median_four_digit_year(&self) -> Option<i32> {
        if self.four_digit_year_rows == 0 {
            return None;
        }
        let target = (self.four_digit_year_rows - 1) / 2;
        let mut seen = 0u64;
        for (i, &count) in self.four_digit_years.iter().enumerate() {
            seen += count;
            if seen > target {
                return Some(FIRST_BUCKET_YEAR + i as i32);
            }
        }
        None
    }

    fn century_rule(&self) -> Option<CenturyRule> {
        if self.two_digit_year_rows == 0 {
            return None;
        }
        let mut rule = match self.median_four_digit_year() {
            // Centring the window on the median puts every two-digit year at its closest.
            Some(median_year) => CenturyRule {
                basis: CenturyBasis::NearFourDigitYears { median_year },
                first_year: median_year - 50,
                earliest_year: 0,
                latest_year: 0,
            },
            None => CenturyRule::FIXED_WINDOW,
        };
        let years = (0..100u8).filter(|yy| self.two_digit_years_seen & (1u128 << yy) != 0).map(|yy| rule.year(yy));
        let (earliest, latest) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        rule.earliest_year = earliest;
        rule.latest_year = latest;
        Some(rule)
    }
}

// ---------------------------------------------------------------------------------------
// Reading one cell

/// Longest cell (in normalised bytes) worth trying; no date format is longer.
const MAX_CELL: usize = 64;

/// Markers for 年, 月 and 日/号 in normalised text (outside ASCII letters and digits).
const YEAR_MARK: u8 = 0x01;
const MONTH_MARK: u8 = 0x02;
const DAY_MARK: u8 = 0x03;

/// Strips spaces and the Excel text marker `'` around a cell.
fn trim_cell(s: &str) -> &str {
    let s = super::trim(s);
    let s = s.strip_prefix('\'').unwrap_or(s);
    let s = s.strip_suffix('\'').unwrap_or(s);
    super::trim(s)
}

/// The value of a run made only of ASCII digits (at most 9), else `None`.
fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |v, &c| c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0')))
}

/// Copies the cell into `buf` as lowercase ASCII: full-width digits and punctuation become
/// ASCII, 年月日 become marker bytes, other non-ASCII text makes it `None`.
fn normalise<'b>(s: &str, buf: &'b mut [u8; MAX_CELL]) -> Option<&'b [u8]> {
    let mut n = 0;
    for c in s.chars() {
        let byte = match c {
            '\t' => b' ',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            '\u{FF10}'..='\u{FF19}' => b'0' + (c as u32 - 0xFF10) as u8,
            '\u{FF0F}' => b'/',
            '\u{FF0D}' | '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2013}' => b'-',
            '\u{FF0E}' => b'.',
            '\u{FF1A}' => b':',
            '\u{FF0C}' => b',',
            '\u{FF0B}' => b'+',
            '\u{3000}' | '\u{00A0}' | '\u{202F}' | '\u{2009}' => b' ',
            '年' => YEAR_MARK,
            '月' => MONTH_MARK,
            '日' | '号' | '號' => DAY_MARK,
            'ç' | 'Ç' => b'c',
            _ => return None,
        };
        *buf.get_mut(n)? = byte;
        n += 1;
    }
    Some(&buf[..n])
}

/// A position in normalised (or raw ASCII) bytes.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek().is_some_and(|p| p.eq_ignore_ascii_case(&c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Eats `word` (lowercase) if the text continues with it, in any case.
    fn eat_word(&mut self, word: &[u8]) -> bool {
        let end = self.i + word.len();
        if self.b.get(self.i..end).is_some_and(|w| w.eq_ignore_ascii_case(word)) {
            self.i = end;
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) -> usize {
        let start = self.i;
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
        self.i - start
    }

    /// A run of ASCII digits: its value (saturating) and length.
    fn number(&mut self) -> (u32, usize) {
        let start = self.i;
        let mut v = 0u32;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            v = v.saturating_mul(10).saturating_add(u32::from(c - b'0'));
            self.i += 1;
        }
        (v, self.i - start)
    }

    /// A run of 1–`max` digits, else `Unrecognised`.
    fn small(&mut self, max: usize) -> Result<u32, DateError> {
        match self.number() {
            (v, n) if (1..=max).contains(&n) => Ok(v),
            _ => Err(DateError::Unrecognised),
        }
    }

    /// A run of ASCII letters (lowercase in normalised text).
    fn letters(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        &self.b[start..self.i]
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.i..).unwrap_or(&[])
    }
}

/// The fields of a date, as parsed before they are checked.
enum Fields {
    Ymd { year: u32, month: u32, day: u32 },
    Compact { year: u32, month: u32, day: u32 },
    Numeric { first: u32, second: u32, year: Year },
    Named { day: u32, month: u8, year: Year },
    Exact(Date),
}

impl Fields {
    fn check(self) -> Result<RawDate, DateError> {
        match self {
            Fields::Exact(d) => Ok(RawDate::Exact(d)),
            Fields::Ymd { year, month, day } => {
                Date::from_ymd(year as i32, month, day).map(RawDate::Exact).ok_or(DateError::Impossible)
            }
            // Eight digits that are not a plausible date are an order number, not a bad date.
            Fields::Compact { year, month, day } => (1900..=2100)
                .contains(&year)
                .then(|| Date::from_ymd(year as i32, month, day))
                .flatten()
                .map(RawDate::Exact)
                .ok_or(DateError::Unrecognised),
            Fields::Numeric { first, second, year } => {
                let (Ok(first), Ok(second)) = (u8::try_from(first), u8::try_from(second)) else {
                    return Err(DateError::Impossible);
                };
                let n = NumericDate { first, second, year };
                if n.fits(DayMonthOrder::DayFirst) || n.fits(DayMonthOrder::MonthFirst) {
                    Ok(RawDate::Numeric(n))
                } else {
                    Err(DateError::Impossible)
                }
            }
            Fields::Named { day, month, year: Year::Full(y) } => {
                Fields::Ymd { year: u32::from(y), month: u32::from(month), day }.check()
            }
            Fields::Named { day, month, year: Year::TwoDigit(yy) } => {
                if day >= 1 && day <= days_in_month(2000 + i32::from(yy), u32::from(month)) {
                    Ok(RawDate::ShortYear { day: day as u8, month, year_in_century: yy })
                } else {
                    Err(DateError::Impossible)
                }
            }
        }
    }
}

fn read_normalised(b: &[u8]) -> Result<RawDate, DateError> {
    let mut c = Cursor { b, i: 0 };
    skip_weekday(&mut c);
    let fields = match c.peek() {
        Some(d) if d.is_ascii_digit() => digits_first(&mut c)?,
        Some(l) if l.is_ascii_alphabetic() => month_name_first(&mut c)?,
        _ => return Err(DateError::Unrecognised),
    };
    if !time_suffix_ok(c.rest()) {
        return Err(DateError::Unrecognised);
    }
    fields.check()
}

/// Skips a leading weekday name (`Tue, `, `Wednesday `), if any.
fn skip_weekday(c: &mut Cursor) {
    let start = c.i;
    let word = c.letters();
    let is_weekday = matches!(
        word,
        b"mon"
            | b"monday"
            | b"tue"
            | b"tues"
            | b"tuesday"
            | b"wed"
            | b"wednesday"
            | b"thu"
            | b"thur"
            | b"thurs"
            | b"thursday"
            | b"fri"
            | b"friday"
            | b"sat"
            | b"saturday"
            | b"sun"
            | b"sunday"
    );
    if is_weekday {
        c.eat(b'.');
        c.eat(b',');
        c.skip_spaces();
    } else {
        c.i = start;
    }
}

/// Dates that start with digits: compact, Excel serial, year first, or day/month first.
fn digits_first(c: &mut Cursor) -> Result<Fields, DateError> {
    let (v, n) = c.number();
    match n {
        8 => Ok(Fields::Compact { year: v / 10_000, month: v / 100 % 100, day: v % 100 }),
        5 => excel_serial(c, v),
        4 => year_first(c, v),
        1 | 2 => day_or_month_first(c, v),
        _ => Err(DateError::Unrecognised),
    }
}

/// `45356` or `45356.75`, alone in the cell and within 20000–80000 (1954–2119), so that
/// order numbers are not taken for dates.
fn excel_serial(c: &mut Cursor, whole: u32) -> Result<Fields, DateError> {
    if c.eat(b'.') && c.number().1 == 0 {
        return Err(DateError::Unrecognised);
    }
    if !c.at_end() || !(20_000..=80_000).contains(&whole) {
        return Err(DateError::Unrecognised);
    }
    // The fraction is the time of day, which is dropped anyway.
    Date::from_excel_serial(f64::from(whole)).map(Fields::Exact).ok_or(DateError::Unrecognised)
}

/// `2024-03-05`, `2024/3/5`, `2024.03.05`, `2024-Mar-05`, `2024年3月5日`.
fn year_first(c: &mut Cursor, year: u32) -> Result<Fields, DateError> {
    match c.peek() {
        Some(YEAR_MARK) => {
            c.i += 1;
            c.skip_spaces();
            let month = c.small(2)?;
            c.skip_spaces();
            if !c.eat(MONTH_MARK) {
                return Err(DateError::Unrecognised);
            }
            c.skip_spaces();
            let day = c.small(2)?;
            c.skip_spaces();
            c.eat(DAY_MARK);
            Ok(Fields::Ymd { year, month, day })
        }
        Some(sep @ (b'-' | b'/' | b'.')) => {
            c.i += 1;
            let month = match c.peek() {
                Some(l) if l.is_ascii_alphabetic() => u32::from(month_name(c)?),
                _ => c.small(2)?,
            };
            if !c.eat(sep) {
                return Err(DateError::Unrecognised);
            }
            let day = c.small(2)?;
            Ok(Fields::Ymd { year, month, day })
        }
        _ => Err(DateError::Unrecognised),
    }
}

/// `05/03/2024`, `5-3-2024`, `05.03.2024`, `8/29/14`, `2-Jun-06`, `2 June 2006`,
/// `5th March 2024`, `2 de junio de 2006`.
fn day_or_month_first(c: &mut Cursor, first: u32) -> Result<Fields, DateError> {
    match c.peek() {
        Some(sep @ (b'-' | b'/' | b'.')) => {
            c.i += 1;
            if c.peek().is_some_and(|d| d.is_ascii_digit()) {
                let second = c.small(2)?;
                if !c.eat(sep) {
                    return Err(DateError::Unrecognised);
                }
                Ok(Fields::Numeric { first, second, year: year(c)? })
            } else {
                let month = month_name(c)?;
                if !c.eat(sep) && c.skip_spaces() == 0 {
                    return Err(DateError::Unrecognised);
                }
                Ok(Fields::Named { day: first, month, year: year(c)? })
            }
        }
        _ => {
            skip_ordinal(c);
            if c.skip_spaces() == 0 {
                return Err(DateError::Unrecognised);
            }
            skip_de(c);
            let month = month_name(c)?;
            c.eat(b',');
            c.skip_spaces();
            skip_de(c);
            Ok(Fields::Named { day: first, month, year: year(c)? })
        }
    }
}

/// `Jun 2, 2006`, `June 2 2006`, `March 5th, 2024`, `Mar-05-2024`.
fn month_name_first(c: &mut Cursor) -> Result<Fields, DateError> {
    let month = month_name(c)?;
    if !c.eat(b'-') && !c.eat(b'/') && c.skip_spaces() == 0 {
        return Err(DateError::Unrecognised);
    }
    let day = c.small(2)?;
    skip_ordinal(c);
    let comma = c.eat(b',') || c.eat(b'-') || c.eat(b'/');
    if c.skip_spaces() == 0 && !comma {
        return Err(DateError::Unrecognised);
    }
    Ok(Fields::Named { day, month, year: year(c)? })
}

/// A two- or four-digit year.
fn year(c: &mut Cursor) -> Result<Year, DateError> {
    match c.number() {
        (v, 4) => Ok(Year::Full(v as u16)),
        (v, 2) => Ok(Year::TwoDigit(v as u8)),
        _ => Err(DateError::Unrecognised),
    }
}

fn skip_ordinal(c: &mut Cursor) {
    let _ = c.eat_word(b"st") || c.eat_word(b"nd") || c.eat_word(b"rd") || c.eat_word(b"th");
}

/// Skips the Spanish/Portuguese connector `de ` (`2 de junio de 2006`).
fn skip_de(c: &mut Cursor) {
    let start = c.i;
    if !(c.eat_word(b"de") && c.skip_spaces() > 0) {
        c.i = start;
    }
}

/// A month name or abbreviation (English, Spanish, Portuguese), with an optional `.`.
fn month_name(c: &mut Cursor) -> Result<u8, DateError> {
    let month = match c.letters() {
        b"jan" | b"january" | b"ene" | b"enero" | b"janeiro" => 1,
        b"feb" | b"february" | b"febrero" | b"fev" | b"fevereiro" => 2,
        b"mar" | b"march" | b"marzo" | b"marco" => 3,
        b"apr" | b"april" | b"abr" | b"abril" => 4,
        b"may" | b"mayo" | b"mai" | b"maio" => 5,
        b"jun" | b"june" | b"junio" | b"junho" => 6,
        b"jul" | b"july" | b"julio" | b"julho" => 7,
        b"aug" | b"august" | b"ago" | b"agosto" => 8,
        b"sep" | b"sept" | b"september" | b"set" | b"septiembre" | b"setiembre" | b"setembro" => 9,
        b"oct" | b"october" | b"out" | b"octubre" | b"outubro" => 10,
        b"nov" | b"november" | b"noviembre" | b"novembro" => 11,
        b"dec" | b"december" | b"dic" | b"diciembre" | b"dez" | b"dezembro" => 12,
        _ => return Err(DateError::Unrecognised),
    };
    c.eat(b'.');
    Ok(month)
}

/// Whether what follows a date is nothing or a plausible time of day with an optional
/// AM/PM and zone: `T10:20:30Z`, ` 21:05`, ` 20:35:27.276847`, `T10:20:30.123+08:00`,
/// ` 10:20:30 +0800`, ` 10:20 AM`. Works on raw or normalised bytes (case-insensitive).
fn time_suffix_ok(rest: &[u8]) -> bool {
    let mut c = Cursor { b: rest, i: 0 };
    if c.at_end() {
        return true;
    }
    if !c.eat(b't') {
        c.eat(b',');
        c.skip_spaces();
    }
    let (hour, n) = c.number();
    if !(1..=2).contains(&n) || hour > 24 || !c.eat(b':') {
        return false;
    }
    let (minute, n) = c.number();
    if n != 2 || minute > 59 {
        return false;
    }
    if c.eat(b':') {
        let (second, n) = c.number();
        if n != 2 || second > 60 {
            return false;
        }
        if (c.eat(b'.') || c.eat(b',')) && c.number().1 == 0 {
            return false;
        }
    }
    c.skip_spaces();
    if c.eat_word(b"a.m.") || c.eat_word(b"p.m.") || c.eat_word(b"am") || c.eat_word(b"pm") {
        if !(1..=12).contains(&hour) {
            return false;
        }
        c.skip_spaces();
    }
    if !zone_ok(&mut c) {
        return false;
    }
    c.skip_spaces();
    c.at_end()
}

/// An optional zone: `Z`, `UTC`, `GMT+8`, `+08:00`, `+0800`, `-05`, or an abbreviation like `CST`.
fn zone_ok(c: &mut Cursor) -> bool {
    if c.eat(b'z') {
        return true;
    }
    let named = c.eat_word(b"utc") || c.eat_word(b"gmt");
    if !named {
        let start = c.i;
        let word = c.letters();
        if !word.is_empty() {
            return (3..=5).contains(&word.len());
        }
        c.i = start;
    }
    c.skip_spaces();
    if !(c.eat(b'+') || c.eat(b'-')) {
        return true;
    }
    let (hours, n) = c.number();
    match n {
        4 => hours / 100 <= 14 && hours % 100 < 60,
        1 | 2 if hours <= 14 => {
            if c.eat(b':') {
                matches!(c.number(), (m, 2) if m < 60)
            } else {
                true
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    /// Reads a cell and resolves it alone, with the given order.
    fn read_as(s: &str, order: DayMonthOrder) -> Option<String> {
        let c = DateConventions { order, ..DateConventions::default() };
        read_date(s).ok().and_then(|r| resolve(r, &c)).map(|d| d.to_string())
    }

    #[rstest]
    #[case::iso("2024-03-05", "2024-03-05")]
    #[case::slashes_year_first("2024/3/5", "2024-03-05")]
    #[case::dots_year_first("2024.03.05", "2024-03-05")]
    #[case::short_dashes_year_first("2024-3-5", "2024-03-05")]
    #[case::year_first_month_name("2024-Mar-05", "2024-03-05")]
    #[case::abbreviated_month("02-Jun-2006", "2006-06-02")]
    #[case::month_day_comma_year("Jun 2, 2006", "2006-06-02")]
    #[case::day_month_name_year("2 June 2006", "2006-06-02")]
    #[case::month_name_no_comma("June 2 2006", "2006-06-02")]
    #[case::upper_case_month("2 JUNE 2006", "2006-06-02")]
    #[case::ordinal_day("March 5th, 2024", "2024-03-05")]
    #[case::ordinal_day_first("5th March 2024", "2024-03-05")]
    #[case::weekday_prefix("Tue, 05 Mar 2024 10:20:30 +0000", "2024-03-05")]
    #[case::spanish_abbreviation("5 ene 2024", "2024-01-05")]
    #[case::spanish_with_de("2 de junio de 2006", "2006-06-02")]
    #[case::spanish_dic("31-dic-2023", "2023-12-31")]
    #[case::portuguese_fev("5 fev 2024", "2024-02-05")]
    #[case::portuguese_set("5 set. 2024", "2024-09-05")]
    #[case::portuguese_dez("5 dez 2024", "2024-12-05")]
    #[case::portuguese_cedilla("5 março 2024", "2024-03-05")]
    #[case::chinese("2024年3月5日", "2024-03-05")]
    #[case::chinese_padded_with_time("2024年03月05日 10:20", "2024-03-05")]
    #[case::chinese_full_width("２０２４年３月５日", "2024-03-05")]
    #[case::chinese_hao("2024年3月5号", "2024-03-05")]
    #[case::full_width_iso("２０２４－０３－０５", "2024-03-05")]
    #[case::compact("20240305", "2024-03-05")]
    #[case::excel_serial("45356", "2024-03-05")]
    #[case::excel_serial_with_time("45356.75", "2024-03-05")]
    #[case::microseconds("2017-09-08 20:35:27.276847", "2017-09-08")]
    #[case::iso_utc("2024-03-05T10:20:30Z", "2024-03-05")]
    #[case::iso_offset_fraction("2024-03-05T10:20:30.123+08:00", "2024-03-05")]
    #[case::iso_late_offset_not_shifted("2024-03-05T23:30:00-05:00", "2024-03-05")]
    #[case::space_offset("2024-03-05 10:20:30 +0800", "2024-03-05")]
    #[case::am_pm("2024-03-05 10:20 AM", "2024-03-05")]
    #[case::lower_pm("2024-03-05 10:20pm", "2024-03-05")]
    #[case::zone_name("2024-03-05 10:20:30 CST", "2024-03-05")]
    #[case::gmt_offset("2024-03-05 10:20 GMT+8", "2024-03-05")]
    #[case::excel_text_marker("'2024-03-05", "2024-03-05")]
    #[case::quoted_both_sides("'2024-03-05'", "2024-03-05")]
    #[case::surrounding_spaces("  2024-03-05 \t", "2024-03-05")]
    #[case::leap_day("2024-02-29", "2024-02-29")]
    fn reads_dates_that_need_no_column(#[case] cell: &str, #[case] expected: &str) {
        let raw = read_date(cell).unwrap_or_else(|e| panic!("{cell:?}: {e:?}"));
        assert!(matches!(raw, RawDate::Exact(_)), "{cell:?} gave {raw:?}");
        assert_eq!(resolve(raw, &DateConventions::default()).unwrap().to_string(), expected);
    }

    #[rstest]
    #[case::slashes("05/03/2024", "2024-03-05", "2024-05-03")]
    #[case::dashes("5-3-2024", "2024-03-05", "2024-05-03")]
    #[case::dots("05.03.2024", "2024-03-05", "2024-05-03")]
    #[case::with_time("4/1/2016 21:05", "2016-01-04", "2016-04-01")]
    #[case::with_seconds_and_pm("4/1/2016 9:05:10 PM", "2016-01-04", "2016-04-01")]
    #[case::two_digit_year("5/3/14", "2014-03-05", "2014-05-03")]
    fn reads_ambiguous_numeric_dates_in_either_order(
        #[case] cell: &str,
        #[case] day_first: &str,
        #[case] month_first: &str,
    ) {
        assert!(matches!(read_date(cell), Ok(RawDate::Numeric(_))), "{cell:?}");
        assert_eq!(read_as(cell, DayMonthOrder::DayFirst).as_deref(), Some(day_first));
        assert_eq!(read_as(cell, DayMonthOrder::MonthFirst).as_deref(), Some(month_first));
    }

    #[rstest]
    #[case::day_over_twelve("13/05/2024", DayMonthOrder::DayFirst)]
    #[case::month_day_two_digit_year("8/29/14", DayMonthOrder::MonthFirst)]
    #[case::only_fits_month_first("02/28/2024", DayMonthOrder::MonthFirst)]
    #[case::only_fits_day_first("31/12/2024", DayMonthOrder::DayFirst)]
    fn reads_numeric_dates_that_carry_their_order(#[case] cell: &str, #[case] order: DayMonthOrder) {
        let Ok(RawDate::Numeric(n)) = read_date(cell) else { panic!("{cell:?}") };
        assert_eq!(n.evidence(), Some(order));
    }

    #[test]
    fn resolves_impossible_values_under_the_other_order_to_none() {
        assert_eq!(read_as("13/05/2024", DayMonthOrder::MonthFirst), None);
        assert_eq!(read_as("13/05/2024", DayMonthOrder::DayFirst).as_deref(), Some("2024-05-13"));
        assert_eq!(read_as("8/29/14", DayMonthOrder::DayFirst), None);
    }

    #[rstest]
    #[case::month_13_iso("2024-13-05")]
    #[case::feb_30_iso("2024-02-30")]
    #[case::not_leap("2023-02-29")]
    #[case::zero_date("0000-00-00")]
    #[case::day_zero_year_first("2024/3/0")]
    #[case::both_parts_over_twelve("13/13/2024")]
    #[case::day_32("32/01/2024")]
    #[case::feb_30_either_way("30/02/2024")]
    #[case::named_month_day_32("32 Jun 2006")]
    #[case::named_short_year_feb_30("30-Feb-06")]
    #[case::chinese_month_13("2024年13月5日")]
    #[case::impossible_with_time("2024-02-30 10:20")]
    fn reports_impossible_dates(#[case] cell: &str) {
        assert_eq!(read_date(cell), Err(DateError::Impossible), "{cell:?}");
    }

    #[rstest]
    #[case::word("Weight Captured Separately")]
    #[case::na("N/A")]
    #[case::dash("-")]
    #[case::plain_year("2024")]
    #[case::order_number("112-3456789-0123456")]
    #[case::small_number("123")]
    #[case::serial_too_small("12345")]
    #[case::serial_too_big("99999")]
    #[case::serial_negative("-45356")]
    #[case::eight_digits_not_a_date("12345678")]
    #[case::compact_year_out_of_range("30000101")]
    #[case::six_digits("240305")]
    #[case::mixed_separators("05/03-2024")]
    #[case::three_digit_year("05/03/202")]
    #[case::month_year_only("Jun 2006")]
    #[case::unknown_month("2 Foo 2006")]
    #[case::bad_time("2024-03-05 25:00")]
    #[case::bad_minutes("2024-03-05 10:7")]
    #[case::junk_after_date("2024-03-05 shipped")]
    #[case::pm_with_24h_hour("2024-03-05 13:20 PM")]
    #[case::serial_with_time_text("45356 10:20")]
    #[case::chinese_words("明天")]
    #[case::three_digit_day_year_first("2024-003-05")]
    fn rejects_text_that_is_not_a_date(#[case] cell: &str) {
        assert_eq!(read_date(cell), Err(DateError::Unrecognised), "{cell:?}");
    }

    #[rstest]
    #[case::empty("")]
    #[case::spaces("   ")]
    #[case::full_width_space("\u{3000}")]
    #[case::only_quote("'")]
    fn reports_empty_cells(#[case] cell: &str) {
        assert_eq!(read_date(cell), Err(DateError::Empty));
    }

    #[test]
    fn keeps_raw_dates_small() {
        assert!(std::mem::size_of::<RawDate>() <= 8, "{}", std::mem::size_of::<RawDate>());
    }

    fn profile_of(cells: &[&str]) -> DateColumnProfile {
        let mut p = DateColumnProfile::default();
        for cell in cells {
            if let Ok(raw) = read_date(cell) {
                p.add(&raw);
            }
        }
        p
    }

    #[test]
    fn takes_the_order_from_a_value_over_twelve() {
        let c = profile_of(&["05/03/2024", "13/05/2024", "01/02/2024"]).conventions(None);
        assert_eq!((c.order, c.order_basis), (DayMonthOrder::DayFirst, OrderBasis::Evidence));
        assert_eq!(c.evidence_rows, 1);
        assert_eq!(c.evidence_example.unwrap().to_string(), "13/05/2024");
        assert_eq!(c.conflicting_rows, 0);
    }

    #[test]
    fn defaults_to_month_first_when_every_value_is_ambiguous() {
        let c = profile_of(&["05/03/2024", "01/02/2024"]).conventions(None);
        assert_eq!((c.order, c.order_basis), (DayMonthOrder::MonthFirst, OrderBasis::Default));
        assert_eq!(c.evidence_example, None);
    }

    #[test]
    fn lets_the_user_choose_the_order() {
        let p = profile_of(&["05/03/2024", "13/05/2024"]);
        let c = p.conventions(Some(DayMonthOrder::MonthFirst));
        assert_eq!((c.order, c.order_basis), (DayMonthOrder::MonthFirst, OrderBasis::User));
        assert_eq!(c.conflicting_rows, 1);
        assert_eq!(c.conflicting_example.unwrap().to_string(), "13/05/2024");
    }

    #[test]
    fn needs_no_order_without_slashed_values() {
        let c = profile_of(&["2024-03-05", "Jun 2, 2006", "45356"]).conventions(None);
        assert_eq!(c.order_basis, OrderBasis::NotNeeded);
        assert_eq!(c.two_digit_years, None);
    }

    #[test]
    fn lets_the_majority_win_conflicting_evidence() {
        let cells = ["13/05/2024", "14/05/2024", "05/13/2024", "05/03/2024"];
        let p = profile_of(&cells);
        let c = p.conventions(None);
        assert_eq!((c.order, c.order_basis), (DayMonthOrder::DayFirst, OrderBasis::Evidence));
        assert_eq!((c.evidence_rows, c.conflicting_rows), (2, 1));
        let resolved: Vec<_> = cells.iter().map(|s| resolve(read_date(s).unwrap(), &c)).collect();
        assert_eq!(resolved, [Some(ymd(2024, 5, 13)), Some(ymd(2024, 5, 14)), None, Some(ymd(2024, 3, 5))]);
    }

    #[test]
    fn reads_two_digit_years_in_the_fixed_window_without_four_digit_years() {
        let p = profile_of(&["8/29/14", "1/2/69", "1/2/70", "2-Jun-06"]);
        let c = p.conventions(None);
        let rule = c.two_digit_years.unwrap();
        assert_eq!(rule.basis, CenturyBasis::FixedWindow);
        assert_eq!((rule.earliest_year, rule.latest_year), (1970, 2069));
        assert_eq!(rule.century(), None);
        assert_eq!(resolve(read_date("1/2/69").unwrap(), &c), Some(ymd(2069, 1, 2)));
        assert_eq!(resolve(read_date("1/2/70").unwrap(), &c), Some(ymd(1970, 1, 2)));
        assert_eq!(resolve(read_date("2-Jun-06").unwrap(), &c), Some(ymd(2006, 6, 2)));
    }

    #[test]
    fn puts_two_digit_years_near_the_median_four_digit_year() {
        // Median 1950: `75` is closer as 1975 than 2075, `20` as 1920 than 2020.
        let p = profile_of(&["1948-01-01", "1950-01-01", "1990-01-01", "1/2/75", "1/2/20"]);
        let rule = p.conventions(None).two_digit_years.unwrap();
        assert_eq!(rule.basis, CenturyBasis::NearFourDigitYears { median_year: 1950 });
        assert_eq!((rule.year(75), rule.year(20)), (1975, 1920));
        assert_eq!(rule.century(), Some(19));
        // And the usual case: a 2020s column puts `14` in 2014 and `99` in 1999.
        let p = profile_of(&["2024-03-05", "05/06/2023", "8/29/14"]);
        let rule = p.conventions(None).two_digit_years.unwrap();
        assert_eq!((rule.year(14), rule.year(99), rule.century()), (2014, 1999, Some(20)));
    }

    #[test]
    fn resolves_leap_days_of_two_digit_years_by_their_century() {
        let p = profile_of(&["1850-01-01", "29/02/00"]);
        let c = p.conventions(Some(DayMonthOrder::DayFirst));
        assert_eq!(c.two_digit_years.unwrap().year(0), 1900);
        assert_eq!(resolve(read_date("29/02/00").unwrap(), &c), None);
        let c = DateConventions { order: DayMonthOrder::DayFirst, ..DateConventions::default() };
        assert_eq!(resolve(read_date("29/02/00").unwrap(), &c), Some(ymd(2000, 2, 29)));
    }

    #[test]
    fn describes_evidence_for_a_ui_sentence() {
        let c = profile_of(&["13/05/2024", "8/7/24"]).conventions(None);
        let rule = c.two_digit_years.unwrap();
        let sentence = format!(
            "read as {:?} (evidence: {}); two-digit years as {}xx",
            c.order,
            c.evidence_example.unwrap(),
            rule.century().unwrap()
        );
        assert_eq!(sentence, "read as DayFirst (evidence: 13/05/2024); two-digit years as 20xx");
        let json = serde_json::to_value(c).unwrap();
        assert_eq!(json["order"], "DayFirst");
        assert_eq!(json["evidence_example"]["first"], 13);
    }

    fn arb_cell() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[0-9]{1,4}[-/. ][0-9]{1,2}[-/. ][0-9]{1,4}( [0-9]{1,2}:[0-9]{2})?",
            "[0-9]{1,2}[ -](jan|feb|jun|dic|out)[ -][0-9]{2,4}",
            "[0-9０-９年月日号/:. +TZ-]{0,30}",
        ]
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in arb_cell()) {
            if let Ok(raw) = read_date(&s) {
                for order in [DayMonthOrder::DayFirst, DayMonthOrder::MonthFirst] {
                    let _ = resolve(raw, &DateConventions { order, ..DateConventions::default() });
                }
            }
        }

        #[test]
        fn reads_back_every_date_it_writes(days in -25_000i32..60_000) {
            let d = Date(days);
            prop_assert_eq!(read_date(&d.to_string()), Ok(RawDate::Exact(d)));
            let (y, m, day) = d.ymd();
            prop_assert_eq!(read_date(&format!("{y}年{m}月{day}日")), Ok(RawDate::Exact(d)));
            let c = DateConventions { order: DayMonthOrder::DayFirst, ..DateConventions::default() };
            let raw = read_date(&format!("{day:02}/{m:02}/{y}")).unwrap();
            prop_assert_eq!(resolve(raw, &c), Some(d));
        }

        #[test]
        fn merges_chunks_into_the_whole(
            cells in proptest::collection::vec(arb_cell(), 0..60),
            cuts in proptest::collection::vec(0usize..60, 0..4),
        ) {
            let raws: Vec<RawDate> = cells.iter().filter_map(|s| read_date(s).ok()).collect();
            let whole = profile_of_raws(&raws);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(raws.len())).collect();
            cuts.sort_unstable();
            let mut merged = DateColumnProfile::default();
            let mut start = 0;
            for end in cuts.into_iter().chain([raws.len()]) {
                merged.merge(&profile_of_raws(&raws[start..end]));
                start = end;
            }
            prop_assert_eq!(&merged, &whole);
            prop_assert_eq!(merged.conventions(None), whole.conventions(None));
        }
    }

    fn profile_of_raws(raws: &[RawDate]) -> DateColumnProfile {
        let mut p = DateColumnProfile::default();
        raws.iter().for_each(|r| p.add(r));
        p
    }
}
