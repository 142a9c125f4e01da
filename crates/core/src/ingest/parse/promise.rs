//! Promised delivery times as forwarders write them (`15-25天`, `10 to 15 working days`, `20 días hábiles`), read as an upper bound in days.
//!
//! A promise is checked against the transit time a parcel actually took, so a range counts
//! as its upper bound: "15–25 days" is kept if the parcel arrived within 25 days. Working
//! days are flagged so the caller can count them with [`crate::model::date::Date::add_business_days`].

use serde::{Deserialize, Serialize};

/// The most days a promise may take; anything longer is a typo or not a duration.
const MAX_DAYS: u32 = 365;

/// A promised delivery time: at most `days` calendar days, or working days if
/// `working_days`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PromiseDays {
    /// The upper bound of the promise, 0–365 (0 is same-day delivery).
    pub days: u16,
    /// Whether the days are working days (工作日, business, working, hábiles, úteis).
    pub working_days: bool,
}

/// Why a cell is not a promised delivery time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum PromiseError {
    /// The cell is empty or holds only spaces.
    #[error("the cell is empty")]
    Empty,
    /// No duration could be read: no number, a negative one, more than 365 days, or words
    /// that are not a unit of days.
    #[error("not a delivery time in days")]
    NotADuration,
}

/// Reads a promised delivery time. A range counts as its upper bound; a fractional number of
/// days is rounded up.
///
/// ```
/// use borderlens_core::ingest::parse::promise::{read_promise_days, PromiseDays};
/// assert_eq!(read_promise_days("15-25个工作日"), Ok(PromiseDays { days: 25, working_days: true }));
/// assert_eq!(read_promise_days("15 days"), Ok(PromiseDays { days: 15, working_days: false }));
/// assert_eq!(read_promise_days("0"), Ok(PromiseDays { days: 0, working_days: false }));
/// assert!(read_promise_days("-5").is_err());
/// ```
pub fn read_promise_days(s: &str) -> Result<PromiseDays, PromiseError> {
    let s = super::trim(s);
    let s = super::trim(s.strip_prefix('\'').unwrap_or(s));
    if s.is_empty() {
        return Err(PromiseError::Empty);
    }
    // Fast path: a bare number of calendar days (`20`), the usual cell.
    if let [b'1'..=b'9', rest @ ..] = s.as_bytes() {
        if rest.len() <= 2 && rest.iter().all(u8::is_ascii_digit) {
            let days = s.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
            if days <= MAX_DAYS {
                return Ok(PromiseDays { days: days as u16, working_days: false });
            }
        }
    }
    let rest = skip_lead_words(s);
    let (low, rest) = amount(rest).ok_or(PromiseError::NotADuration)?;
    let mut rest = rest.trim_start();
    let mut high = low;
    if let Some(after) = range_separator(rest) {
        let (upper, after) = amount(after.trim_start()).ok_or(PromiseError::NotADuration)?;
        high = upper;
        rest = after;
    }
    let unit = unit(rest)?;
    let days = low.max(high).saturating_mul(unit.days_per_unit);
    // Zero is a real promise, same-day delivery: DataCo's `Same Day` mode is scheduled `0`,
    // and its own delivery status calls such parcels late when they took a day or more.
    if days > MAX_DAYS {
        return Err(PromiseError::NotADuration);
    }
    Ok(PromiseDays { days: days as u16, working_days: unit.working })
}

/// A whole number of days (ASCII or full-width digits), a fraction rounding it up, and the
/// rest of the text. `None` unless the text starts with a digit.
fn amount(s: &str) -> Option<(u32, &str)> {
    let mut value = 0u32;
    let mut digits = 0;
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        let Some(d) = digit(c) else { break };
        value = value.saturating_mul(10).saturating_add(d);
        digits += 1;
        end = i + c.len_utf8();
        chars.next();
    }
    if digits == 0 {
        return None;
    }
    // A fraction only if a digit follows the point (`15.0`, `7.5`).
    if let Some(&(_, '.' | '．')) = chars.peek() {
        chars.next();
        let mut rounds_up = false;
        let mut fraction_end = None;
        while let Some(&(i, c)) = chars.peek() {
            let Some(d) = digit(c) else { break };
            rounds_up |= d != 0;
            fraction_end = Some(i + c.len_utf8());
            chars.next();
        }
        if let Some(fraction_end) = fraction_end {
            end = fraction_end;
            value = value.saturating_add(u32::from(rounds_up));
        }
    }
    Some((value, &s[end..]))
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        _ => None,
    }
}

/// The text after a range separator (`-`, `~`, `～`, `—`, `至`, `到`, `to`, `a`, `até`).
fn range_separator(s: &str) -> Option<&str> {
    for mark in ["-", "~", "～", "〜", "—", "–", "－", "至", "到"] {
        if let Some(rest) = s.strip_prefix(mark) {
            return Some(rest);
        }
    }
    for word in ["to", "a", "até"] {
        if let Some(rest) = strip_word(s, word) {
            return Some(rest);
        }
    }
    None
}

/// Strips `word` (lowercase) from the start of `s`, ignoring case, if a space or digit follows.
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s.char_indices();
    for w in word.chars() {
        let (_, c) = rest.next()?;
        if !c.to_lowercase().eq(std::iter::once(w)) {
            return None;
        }
    }
    let tail = rest.as_str();
    let next = tail.chars().next();
    next.is_some_and(|c| c.is_whitespace() || digit(c).is_some()).then_some(tail)
}

/// Skips "about", "约", "within"… before the number.
fn skip_lead_words(mut s: &str) -> &str {
    'again: loop {
        for mark in ["大约", "约", "預計", "预计"] {
            if let Some(rest) = s.strip_prefix(mark) {
                s = rest.trim_start();
                continue 'again;
            }
        }
        for word in [
            "about",
            "approx.",
            "approx",
            "approximately",
            "around",
            "within",
            "up to",
            "aprox.",
            "aprox",
            "hasta",
            "até",
        ] {
            if let Some(rest) = strip_word(s, word) {
                s = rest.trim_start();
                continue 'again;
            }
        }
        return s;
    }
}

/// What the words after the number say.
struct Unit {
    days_per_unit: u32,
    working: bool,
}

/// One word of a unit phrase.
#[derive(Clone, Copy)]
enum Word {
    Day,
    Week,
    Working,
    /// Words that change nothing: 个, calendar, natural, 左右 (about), 以内 (within).
    Filler,
}

/// Reads the unit words after the number; none means calendar days.
fn unit(mut s: &str) -> Result<Unit, PromiseError> {
    const CJK: [(&str, Word); 18] = [
        ("个工作日", Word::Working),
        ("個工作日", Word::Working),
        ("工作日", Word::Working),
        ("工作天", Word::Working),
        ("自然日", Word::Day),
        ("自然天", Word::Day),
        ("个", Word::Filler),
        ("個", Word::Filler),
        ("天", Word::Day),
        ("日", Word::Day),
        ("星期", Word::Week),
        ("周", Word::Week),
        ("週", Word::Week),
        ("左右", Word::Filler),
        ("以内", Word::Filler),
        ("之内", Word::Filler),
        ("内", Word::Filler),
        ("內", Word::Filler),
    ];
    let mut noun: Option<Word> = None;
    let mut working = false;
    'words: loop {
        s = s.trim_start();
        if s.is_empty() {
            break;
        }
        for (mark, word) in CJK {
            if let Some(rest) = s.strip_prefix(mark) {
                s = rest;
                apply(word, &mut noun, &mut working)?;
                continue 'words;
            }
        }
        // A word in a Latin script, with an optional trailing dot.
        let end = s.find(|c: char| !(c.is_alphabetic() && (c as u32) < 0x2E80)).unwrap_or(s.len());
        if end == 0 {
            return Err(PromiseError::NotADuration);
        }
        let word = latin_word(&s[..end]).ok_or(PromiseError::NotADuration)?;
        s = &s[end..];
        s = s.strip_prefix('.').unwrap_or(s);
        apply(word, &mut noun, &mut working)?;
    }
    // Working words (`工作日`, `workdays`) stand for days when no noun follows.
    let days_per_unit = match noun {
        Some(Word::Week) if working => 5,
        Some(Word::Week) => 7,
        _ => 1,
    };
    Ok(Unit { days_per_unit, working })
}

fn apply(word: Word, noun: &mut Option<Word>, working: &mut bool) -> Result<(), PromiseError> {
    match word {
        Word::Day | Word::Week if noun.is_some() => return Err(PromiseError::NotADuration),
        Word::Day | Word::Week => *noun = Some(word),
        Word::Working => *working = true,
        Word::Filler => {}
    }
    Ok(())
}

fn latin_word(word: &str) -> Option<Word> {
    const WORDS: [(&str, Word); 28] = [
        ("d", Word::Day),
        ("day", Word::Day),
        ("days", Word::Day),
        ("día", Word::Day),
        ("días", Word::Day),
        ("dia", Word::Day),
        ("dias", Word::Day),
        ("week", Word::Week),
        ("weeks", Word::Week),
        ("wk", Word::Week),
        ("wks", Word::Week),
        ("semana", Word::Week),
        ("semanas", Word::Week),
        ("business", Word::Working),
        ("working", Word::Working),
        ("work", Word::Working),
        ("workday", Word::Working),
        ("workdays", Word::Working),
        ("hábiles", Word::Working),
        ("habiles", Word::Working),
        ("úteis", Word::Working),
        ("uteis", Word::Working),
        ("laborables", Word::Working),
        ("calendar", Word::Filler),
        ("natural", Word::Filler),
        ("naturales", Word::Filler),
        ("corridos", Word::Filler),
        ("approx", Word::Filler),
    ];
    let same = |target: &str| word.chars().flat_map(char::to_lowercase).eq(target.chars());
    WORDS.iter().find(|(target, _)| same(target)).map(|&(_, w)| w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn calendar(days: u16) -> PromiseDays {
        PromiseDays { days, working_days: false }
    }

    fn working(days: u16) -> PromiseDays {
        PromiseDays { days, working_days: true }
    }

    #[rstest]
    #[case::bare_number("15", calendar(15))]
    #[case::excel_float("15.0", calendar(15))]
    #[case::fraction_rounds_up("7.5", calendar(8))]
    #[case::tian("15天", calendar(15))]
    #[case::tian_with_space("15 天", calendar(15))]
    #[case::ri("15日", calendar(15))]
    #[case::days("15 days", calendar(15))]
    #[case::day_singular("1 day", calendar(1))]
    #[case::d("15d", calendar(15))]
    #[case::upper_days("15 DAYS", calendar(15))]
    #[case::dash_range("15-25天", calendar(25))]
    #[case::tilde_range("15~25天", calendar(25))]
    #[case::full_width_tilde_range("15～25天", calendar(25))]
    #[case::zhi_range("15至25天", calendar(25))]
    #[case::dao_range("15到25天", calendar(25))]
    #[case::em_dash_range("15—25 days", calendar(25))]
    #[case::spaced_range("15 - 25 days", calendar(25))]
    #[case::working_days_chinese("15-25个工作日", working(25))]
    #[case::working_days_no_counter("10工作日", working(10))]
    #[case::business_days("10-15 business days", working(15))]
    #[case::to_working_days("10 to 15 working days", working(15))]
    #[case::spanish_working("20 días hábiles", working(20))]
    #[case::portuguese_working("20 dias úteis", working(20))]
    #[case::spanish_capitals("20 DÍAS HÁBILES", working(20))]
    #[case::spanish_range("7-12 días", calendar(12))]
    #[case::spanish_a_range("7 a 12 días", calendar(12))]
    #[case::full_width_digits("１５－２５天", calendar(25))]
    #[case::full_width_working("１０个工作日", working(10))]
    #[case::calendar_days("30 calendar days", calendar(30))]
    #[case::natural_days_chinese("30自然日", calendar(30))]
    #[case::about_chinese("约15天", calendar(15))]
    #[case::approx_suffix("15天左右", calendar(15))]
    #[case::within_suffix("15天内", calendar(15))]
    #[case::within_prefix("within 15 days", calendar(15))]
    #[case::weeks("2 weeks", calendar(14))]
    #[case::weeks_chinese("2-3周", calendar(21))]
    #[case::working_weeks("2 working weeks", working(10))]
    #[case::descending_range_takes_the_larger("25-15天", calendar(25))]
    #[case::excel_text_marker("'15", calendar(15))]
    #[case::max("365 days", calendar(365))]
    #[case::same_day("0", calendar(0))]
    #[case::same_day_chinese("0天", calendar(0))]
    #[case::workdays("12 workdays", working(12))]
    fn reads_promises(#[case] cell: &str, #[case] expected: PromiseDays) {
        assert_eq!(read_promise_days(cell), Ok(expected), "{cell:?}");
    }

    #[rstest]
    #[case::negative("-5")]
    #[case::unicode_negative("−5 days")]
    #[case::huge("400 days")]
    #[case::huge_range("0-9999天")]
    #[case::huge_digits("99999999999999999999")]
    #[case::weeks_over_a_year("60 weeks")]
    #[case::no_number("days")]
    #[case::words("Weight Captured Separately")]
    #[case::not_available("N/A")]
    #[case::dash("-")]
    #[case::number_then_words("15 kg")]
    #[case::open_range("15-")]
    #[case::two_units("15 days weeks")]
    #[case::chinese_words("待定")]
    #[case::date_like("2024-03-05")]
    fn rejects_what_is_not_a_promise(#[case] cell: &str) {
        assert_eq!(read_promise_days(cell), Err(PromiseError::NotADuration), "{cell:?}");
    }

    #[rstest]
    #[case::empty("")]
    #[case::spaces(" \t ")]
    #[case::full_width_space("\u{3000}")]
    fn reports_empty_cells(#[case] cell: &str) {
        assert_eq!(read_promise_days(cell), Err(PromiseError::Empty));
    }

    #[test]
    fn a_bare_number_reads_as_that_many_days() {
        for n in 0..1000 {
            let bare = read_promise_days(&n.to_string());
            assert_eq!(bare, read_promise_days(&format!("{n} days")), "{n}");
            assert_eq!(bare.is_ok(), (0..=365).contains(&n), "{n}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in any::<String>()) {
            let _ = read_promise_days(&s);
        }

        #[test]
        fn never_panics_on_promise_like_text(s in "[-~～至到 ]?[0-9０-９]{0,4}[.．]?[0-9]{0,2} ?[-~～—至到 ]{0,2}[0-9]{0,3} ?(天|日|个工作日|days|business days|días hábiles|d)?") {
            let _ = read_promise_days(&s);
        }

        #[test]
        fn reads_a_range_as_its_upper_bound(low in 1u16..=365, high in 1u16..=365) {
            let upper = low.max(high);
            prop_assert_eq!(read_promise_days(&format!("{low}-{high}天")), Ok(calendar(upper)));
            prop_assert_eq!(read_promise_days(&format!("{low} to {high} business days")), Ok(working(upper)));
        }
    }
}
