//! Typed reading of single cells: dates, numbers, money and promised delivery times.

pub mod date;
pub mod flag;
pub mod number;
pub mod promise;

/// `str::trim` for cells: most cells start and end with a visible ASCII character, and
/// those are returned as they are after two byte checks; anything else goes through
/// `str::trim` (Unicode whitespace). Called several times per cell on the load path, where
/// the general `trim` was about 15 % of the time.
///
/// ```
/// use borderlens_core::ingest::parse::trim;
/// assert_eq!(trim("  12.5\u{3000}"), "12.5");
/// assert_eq!(trim("BR"), "BR");
/// ```
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&first), Some(&last)) if is_visible_ascii(first) && is_visible_ascii(last) => s,
        (None, _) => s,
        _ => s.trim(),
    }
}

/// A byte that is a whole ASCII character and not whitespace (`char::is_whitespace`).
#[inline]
fn is_visible_ascii(b: u8) -> bool {
    b > b' ' && b < 0x80
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn trim_is_str_trim(s in "[ \t\r\n\u{a0}\u{3000}a-z0-9é,.-]{0,12}") {
            prop_assert_eq!(super::trim(&s), s.trim());
        }
    }
}
