//! Dictionary-encoded text columns: each distinct string stored once, rows hold small codes.
//!
//! Carrier, service and country columns repeat a handful of values over a million rows;
//! storing `u32` codes keeps memory near four bytes a row and makes grouping a lookup.

use rustc_hash::FxHashMap;

/// The code of a missing (empty) value.
pub const MISSING: u32 = u32::MAX;

/// A dictionary-encoded text column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dict {
    /// One code per row; [`MISSING`] where the cell was empty.
    pub codes: Vec<u32>,
    /// The distinct values, indexed by code.
    pub values: Vec<String>,
    /// Looked up with the borrowed cell text on every row, so it hashes with FxHash: a few
    /// nanoseconds for a short text where SipHash takes several times that. The text is the
    /// user's own file, so hash flooding is no concern.
    index: FxHashMap<String, u32>,
    /// Values of at most 8 bytes (most category cells: `US`, `4PX`, `postal`), keyed by
    /// their zero-padded bytes as one integer: one multiply to hash and one compare to find,
    /// where a string key hashes byte runs and compares through `memcmp`. A hit whose length
    /// differs (a value with trailing NULs) falls back to `index`.
    short: FxHashMap<u64, u32>,
}

/// The bytes of a value of at most 8 bytes as one integer, zero-padded.
#[inline]
fn short_key(b: &[u8]) -> u64 {
    let mut key = [0u8; 8];
    key[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(key)
}

impl Dict {
    pub fn with_capacity(rows: usize) -> Dict {
        Dict { codes: Vec::with_capacity(rows), ..Dict::default() }
    }

    /// The code for `value`, adding it to the dictionary if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        let short = (value.len() <= 8).then(|| short_key(value.as_bytes()));
        if let Some(key) = short {
            if let Some(&code) = self.short.get(&key) {
                if self.values[code as usize].len() == value.len() {
                    return code;
                }
            }
        }
        if let Some(&code) = self.index.get(value) {
            return code;
        }
        let code = self.values.len() as u32;
        self.values.push(value.to_owned());
        self.index.insert(value.to_owned(), code);
        if let Some(key) = short {
            self.short.entry(key).or_insert(code);
        }
        code
    }

    /// Appends a row holding `value` (or a missing value).
    pub fn push(&mut self, value: Option<&str>) {
        let code = match value {
            Some(v) => self.intern(v),
            None => MISSING,
        };
        self.codes.push(code);
    }

    /// Makes room for `rows` more rows.
    pub fn reserve(&mut self, rows: usize) {
        self.codes.reserve_exact(rows);
    }

    pub fn push_code(&mut self, code: u32) {
        self.codes.push(code);
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The value of row `row`, if any.
    pub fn get(&self, row: usize) -> Option<&str> {
        match self.codes.get(row) {
            Some(&code) if code != MISSING => Some(&self.values[code as usize]),
            _ => None,
        }
    }

    /// The value for a code, if the code is not [`MISSING`].
    pub fn value(&self, code: u32) -> Option<&str> {
        self.values.get(code as usize).map(String::as_str)
    }

    /// Keeps only the rows whose `keep` flag is set, preserving order.
    pub fn retain_rows(&mut self, keep: &[bool]) {
        retain_by_mask(&mut self.codes, keep);
    }
}

/// A column of distinct-per-row strings (tracking numbers, order ids) in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrColumn {
    bytes: String,
    /// `ends[i]` is the end offset of row i; a row is empty when it ends where the last one did.
    ends: Vec<u32>,
}

impl StrColumn {
    pub fn with_capacity(rows: usize) -> StrColumn {
        StrColumn { bytes: String::new(), ends: Vec::with_capacity(rows) }
    }

    pub fn push(&mut self, value: &str) {
        self.bytes.push_str(value);
        self.ends.push(self.bytes.len() as u32);
    }

    /// Makes room for `rows` more rows as long as the rows so far.
    pub fn reserve(&mut self, rows: usize) {
        self.ends.reserve_exact(rows);
        if let Some(per_row) = self.bytes.len().checked_div(self.ends.len()) {
            self.bytes.reserve_exact(rows * (per_row + 1));
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, row: usize) -> &str {
        let end = self.ends[row] as usize;
        let start = if row == 0 { 0 } else { self.ends[row - 1] as usize };
        &self.bytes[start..end]
    }

    /// Keeps only the rows whose `keep` flag is set, preserving order.
    pub fn retain_rows(&mut self, keep: &[bool]) {
        let mut kept = StrColumn::with_capacity(self.len());
        for (row, &k) in keep.iter().enumerate().take(self.len()) {
            if k {
                kept.push(self.get(row));
            }
        }
        *self = kept;
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|row| self.get(row))
    }
}

/// Keeps the elements of `values` whose flag in `keep` is set.
pub fn retain_by_mask<T>(values: &mut Vec<T>, keep: &[bool]) {
    let mut row = 0;
    values.retain(|_| {
        let k = keep.get(row).copied().unwrap_or(true);
        row += 1;
        k
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_each_distinct_value_once() {
        let mut d = Dict::default();
        for v in [Some("DHL"), Some("4PX"), None, Some("DHL")] {
            d.push(v);
        }
        assert_eq!(d.values, vec!["DHL", "4PX"]);
        assert_eq!(d.codes, vec![0, 1, MISSING, 0]);
        assert_eq!(d.get(2), None);
        assert_eq!(d.get(3), Some("DHL"));
    }

    #[test]
    fn string_column_keeps_empty_rows() {
        let mut c = StrColumn::default();
        for v in ["LP001", "", "运单3"] {
            c.push(v);
        }
        assert_eq!(c.iter().collect::<Vec<_>>(), vec!["LP001", "", "运单3"]);
        c.retain_rows(&[true, false, true]);
        assert_eq!(c.iter().collect::<Vec<_>>(), vec!["LP001", "运单3"]);
    }

    #[test]
    fn retains_rows_by_mask() {
        let mut d = Dict::default();
        for v in ["a", "b", "c"] {
            d.push(Some(v));
        }
        d.retain_rows(&[false, true, true]);
        assert_eq!(d.codes, vec![1, 2]);
    }

    #[test]
    fn short_values_with_trailing_nuls_stay_apart() {
        let mut d = Dict::default();
        for v in ["ab", "ab\0", "ab", "ab\0\0\0\0\0\0", "ab\0", "abcdefgh", "abcdefghi"] {
            d.push(Some(v));
        }
        assert_eq!(d.codes, vec![0, 1, 0, 2, 1, 3, 4]);
        assert_eq!(d.values.len(), 5);
    }
}
