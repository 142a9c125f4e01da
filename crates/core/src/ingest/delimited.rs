//! Delimited text: picks the delimiter and scans RFC 4180 records from streamed UTF-8 chunks.
//!
//! Speed follows ../shared/bench/ENGINE_NOTES.md: a fast path finds delimiters, line breaks
//! and quotes 64 bytes at a time with portable SWAR bit masks (no SIMD needed in wasm) and
//! hands out fields borrowed from the chunk, simply quoted ones included; the records it
//! cannot take (doubled quotes, line breaks inside quotes, lone CRs, text after a closing
//! quote) go through a quote-aware path driven by `memchr`. Only a record cut by the end of a
//! chunk is copied, into a buffer that is reused; field lists are reused too, so a record
//! costs no allocation.

use memchr::{memchr, memchr3};

/// The delimiters [`detect_delimiter`] chooses from, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The longest a quoted field may be, in bytes between its quotes. A quote that is not closed
/// within this many bytes is taken as a literal character instead (a stray `"` in an unquoted
/// export would otherwise swallow the rest of the file into one field, and into memory).
/// Excel cells hold at most 32,767 characters, well under this.
pub const MAX_QUOTED_BYTES: usize = 1 << 20;

/// At most this many records of a sample are weighed by [`detect_delimiter`].
const SAMPLE_RECORDS: usize = 1000;

/// One record handed out by [`RecordScanner`]; borrowed, valid during the callback only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    /// The 1-based line where the record starts, as a text editor shows it: every LF, CRLF or
    /// lone CR counts as one line break, including those inside quoted fields. Error messages
    /// quote it so the user can find the row.
    pub line: u64,
    /// The fields, unquoted and unescaped, not trimmed. A blank line is one empty field.
    pub fields: &'a [&'a str],
}

/// Where a record cut by the end of a chunk stopped, so its end can be found in the next one.
/// `open` is the offset of the opening quote from the start of the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    /// At the start of a field (after a delimiter).
    FieldStart,
    /// Inside an unquoted field (or text after a closing quote).
    Unquoted,
    /// Inside a quoted field.
    Quoted { open: usize },
    /// Right after a quote inside a quoted field: closing, or the first of a doubled pair.
    QuotedQuote { open: usize },
}

/// What [`find_record_end`] found in the next chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Continuation {
    /// The line break ending the record is at this index.
    End(usize),
    /// The chunk ended inside the record again.
    Cut(Cut),
    /// A quoted field ran over [`MAX_QUOTED_BYTES`]: its quote is literal, so the record must
    /// be read again from its start.
    Overflow,
}

/// A field of the record being built: a range of the text being scanned, or of `owned`.
#[derive(Clone, Copy, Debug)]
enum Span {
    Text(usize, usize),
    Owned(usize, usize),
}

/// How a quote-aware parse of one record ended.
enum Parsed {
    /// The record ends before `next` (after its line break, if any); `breaks` line breaks lie
    /// inside its quoted fields; `cr_at_end`: it ended with a CR that was the last byte, so an
    /// LF starting the next chunk belongs to it.
    Complete { next: usize, breaks: u64, cr_at_end: bool },
    /// The text ended inside the record.
    Incomplete(Cut),
}

/// Streaming RFC 4180 scanner over UTF-8 text fed in chunks of any size.
///
/// A chunk may end anywhere (between CR and LF, inside a quoted field). Quoted fields may hold
/// delimiters, line breaks and doubled quotes; a quote inside an unquoted field is literal;
/// text after a closing quote, before the delimiter, is kept (lenient, as spreadsheet apps
/// are); a quote not closed within [`MAX_QUOTED_BYTES`] is literal. LF, CRLF and CR-only line
/// endings are all line breaks; a blank line is a record of one empty field; a final record
/// without a line break is emitted by [`finish`](Self::finish). The records and their line
/// numbers do not depend on how the text was cut into chunks.
///
/// ```
/// use borderlens_core::ingest::delimited::RecordScanner;
///
/// let mut rows = Vec::new();
/// let mut keep = |r: borderlens_core::ingest::delimited::Record<'_>| {
///     rows.push((r.line, r.fields.join("|")))
/// };
/// let mut scanner = RecordScanner::new(b',');
/// scanner.feed("运单号,备注\r\nSF1,\"two\r\nli", &mut keep);
/// scanner.feed("nes\"\r\nSF2,\"say \"\"hi\"\"\"", &mut keep);
/// scanner.finish(&mut keep);
/// assert_eq!(
///     rows,
///     [(1, "运单号|备注".to_owned()), (2, "SF1|two\r\nlines".to_owned()), (4, "SF2|say \"hi\"".to_owned())]
/// );
/// assert_eq!(scanner.lines_seen(), 4);
/// ```
#[derive(Debug)]
pub struct RecordScanner {
    delimiter: u8,
    max_quoted: usize,
    /// The 1-based line of the next record's start.
    line: u64,
    /// The last record ended with a CR that ended its chunk: an LF at the start of the next
    /// chunk completes that line break.
    skip_lf: bool,
    /// The raw text of a record cut by the end of a chunk, and where the cut left it.
    carry: String,
    carry_cut: Cut,
    /// Fields of a record parsed by the quote-aware path.
    spans: Vec<Span>,
    /// Unescaped field text (doubled quotes, text after a closing quote).
    owned: String,
    /// Allocations for the field lists handed out, kept empty between records.
    spare_fast: Vec<&'static str>,
    spare_slow: Vec<&'static str>,
}

impl RecordScanner {
    /// A scanner at the start of a text, splitting fields on `delimiter`. A delimiter that
    /// cannot work (non-ASCII, NUL, a quote or a line break) is replaced by `,`.
    pub fn new(delimiter: u8) -> Self {
        Self::with_max_quoted_bytes(delimiter, MAX_QUOTED_BYTES)
    }

    /// Like [`new`](Self::new) with another limit than [`MAX_QUOTED_BYTES`] (tests use small
    /// ones).
    pub fn with_max_quoted_bytes(delimiter: u8, max_quoted: usize) -> Self {
        // Fields are cut at delimiter positions, so it must be ASCII to keep them valid UTF-8.
        let usable = delimiter.is_ascii() && !matches!(delimiter, 0 | b'"' | b'\n' | b'\r');
        Self {
            delimiter: if usable { delimiter } else { b',' },
            max_quoted,
            line: 1,
            skip_lf: false,
            carry: String::new(),
            carry_cut: Cut::FieldStart,
            spans: Vec::new(),
            owned: String::new(),
            spare_fast: Vec::new(),
            spare_slow: Vec::new(),
        }
    }

    /// Scans the next chunk of text, calling `on_record` for every record completed in it.
    /// A record cut by the end of the chunk is kept and completed by the next call.
    pub fn feed(&mut self, text: &str, on_record: &mut dyn FnMut(Record<'_>)) {
        let bytes = text.as_bytes();
        let mut pos = 0;
        if self.skip_lf && !bytes.is_empty() {
            self.skip_lf = false;
            if bytes[0] == b'\n' {
                pos = 1;
            }
        }
        if !self.carry.is_empty() {
            match self.continue_carry(text, pos, on_record) {
                Some(next) => pos = next,
                None => return,
            }
        }
        self.scan(text, pos, on_record);
    }

    /// Ends the text: emits the last record if it had no line break (an unclosed quoted field
    /// runs to the end). The scanner can then read another text; line numbers go on.
    pub fn finish(&mut self, on_record: &mut dyn FnMut(Record<'_>)) {
        self.skip_lf = false;
        let carry = std::mem::take(&mut self.carry);
        let mut pos = 0;
        while pos < carry.len() {
            match self.emit_parsed(&carry, pos, true, on_record) {
                Some(next) => pos = next,
                None => break,
            }
        }
        self.carry = carry;
        self.carry.clear();
        self.skip_lf = false;
    }

    /// How many lines were read so far: line breaks of completed records (inside quotes too),
    /// plus the last line without a break once [`finish`](Self::finish) has emitted it. Lines
    /// of a record cut by the end of a chunk count when the record completes.
    pub fn lines_seen(&self) -> u64 {
        self.line - 1
    }

    /// The delimiter in use (after replacing an unusable one).
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Completes the carried record with the start of `text`; returns where scanning goes on,
    /// or `None` if all of `text` is used.
    fn continue_carry(&mut self, text: &str, from: usize, on_record: &mut dyn FnMut(Record<'_>)) -> Option<usize> {
        let bytes = text.as_bytes();
        let found = find_record_end(bytes, from, self.carry_cut, self.delimiter, self.max_quoted, self.carry.len());
        match found {
            Continuation::Cut(cut) => {
                self.carry.push_str(text.get(from..).unwrap_or_default());
                self.carry_cut = cut;
                None
            }
            Continuation::End(end) => {
                self.carry.push_str(text.get(from..end + 1).unwrap_or_default());
                let carry = std::mem::take(&mut self.carry);
                self.emit_parsed(&carry, 0, true, on_record);
                self.carry = carry;
                self.carry.clear();
                let mut next = end + 1;
                if bytes[end] == b'\r' {
                    match bytes.get(next) {
                        Some(b'\n') => next += 1,
                        Some(_) => {}
                        None => self.skip_lf = true,
                    }
                }
                Some(next)
            }
            Continuation::Overflow => {
                // A stray quote: read the carried record again, with all of `text`, as a chunk
                // of its own; the quote-aware path takes the quote literally this time.
                self.carry.push_str(text.get(from..).unwrap_or_default());
                let carry = std::mem::take(&mut self.carry);
                self.scan(&carry, 0, on_record);
                None
            }
        }
    }

    /// Scans whole records of `text` from `pos`; carries a record cut by the end.
    fn scan(&mut self, text: &str, mut pos: usize, on_record: &mut dyn FnMut(Record<'_>)) {
        let len = text.len();
        let mut fields: Vec<&str> = recycle(std::mem::take(&mut self.spare_fast));
        while pos < len {
            pos =
                scan_simple_records(text, pos, self.delimiter, self.max_quoted, &mut self.line, &mut fields, on_record);
            fields.clear();
            if pos >= len {
                break;
            }
            match self.emit_parsed(text, pos, false, on_record) {
                Some(next) => pos = next,
                None => break,
            }
        }
        self.spare_fast = recycle(fields);
    }

    /// Parses one record of `src` from `start` on the quote-aware path and emits it; returns
    /// where the next record starts, or `None` if `src` ended inside it (then it is carried).
    fn emit_parsed(
        &mut self,
        src: &str,
        start: usize,
        at_end: bool,
        on_record: &mut dyn FnMut(Record<'_>),
    ) -> Option<usize> {
        self.spans.clear();
        self.owned.clear();
        let parsed =
            parse_record(src, start, self.delimiter, self.max_quoted, at_end, &mut self.spans, &mut self.owned);
        match parsed {
            Parsed::Complete { next, breaks, cr_at_end } => {
                let mut fields: Vec<&str> = recycle(std::mem::take(&mut self.spare_slow));
                fields.extend(self.spans.iter().map(|span| match *span {
                    Span::Text(a, b) => src.get(a..b).unwrap_or_default(),
                    Span::Owned(a, b) => self.owned.get(a..b).unwrap_or_default(),
                }));
                on_record(Record { line: self.line, fields: &fields });
                self.spare_slow = recycle(fields);
                self.line += breaks + 1;
                if cr_at_end && !at_end {
                    self.skip_lf = true;
                }
                Some(next)
            }
            Parsed::Incomplete(cut) => {
                self.carry.clear();
                self.carry.push_str(src.get(start..).unwrap_or_default());
                self.carry_cut = cut;
                None
            }
        }
    }
}

/// Empties a field list and gives its allocation a new lifetime, so that one allocation
/// serves every record (collecting a `vec::IntoIter` of a same-sized type reuses its buffer).
fn recycle<'y>(mut fields: Vec<&str>) -> Vec<&'y str> {
    fields.clear();
    fields.into_iter().map(|_| "").collect()
}

const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `byte` in each of the 8 bytes of a word.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each byte of `word` that equals the byte `splat` repeats (exact: no carry
/// crosses bytes, unlike the classic `(v - 0x01…) & !v` trick).
#[inline(always)]
fn equal_bytes(word: u64, splat: u64) -> u64 {
    let v = word ^ splat;
    !(((v & LOW_SEVEN) + LOW_SEVEN) | v) & HIGH_BITS
}

/// Gathers the high bit of each byte of `high_bits` (a result of [`equal_bytes`]) into the low
/// 8 bits, byte 0 first: a portable `movemask` (every partial product lands on its own bit).
#[inline(always)]
fn gather_high_bits(high_bits: u64) -> u64 {
    high_bits.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// The high bit of each byte of `word` below `limit` (at most 0x80; exact, like
/// [`equal_bytes`]).
#[inline(always)]
fn bytes_below(word: u64, limit: u8) -> u64 {
    let raised = (word & LOW_SEVEN) + splat(0x80 - limit);
    !(raised | word) & HIGH_BITS
}

/// Bit masks of a block of 64 bytes: bit `k` of the first is set if byte `k` is the delimiter,
/// of the second if it is a quote or a control character up to CR (LF, CR, tab, …: one test
/// instead of two; the rare others are skipped by the caller).
#[inline(always)]
fn block_masks(block: &[u8; 64], delimiters: u64) -> (u64, u64) {
    const QUOTES: u64 = splat(b'"');
    let (mut delimiter_bits, mut special_bits) = (0u64, 0u64);
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let word = u64::from_le_bytes(word);
        let specials = bytes_below(word, b'\r' + 1) | equal_bytes(word, QUOTES);
        delimiter_bits |= gather_high_bits(equal_bytes(word, delimiters)) << (8 * k);
        special_bits |= gather_high_bits(specials) << (8 * k);
    }
    (delimiter_bits & !special_bits, special_bits)
}

/// The fast path: emits the records from `start` that end with LF or CRLF within `text`,
/// including quoted fields without line breaks or doubled quotes; returns where it stopped, at
/// the start of a record that needs the quote-aware path (doubled quote, line break inside
/// quotes, text after a closing quote, lone CR, a quoted field over `max_quoted` bytes) or is
/// cut by the end of `text` (`text.len()` if none is).
///
/// It works on 64-byte blocks: portable SWAR (as fast in wasm without SIMD) turns each block
/// into bit masks of delimiters and of special bytes, then walks the set bits; fields are
/// borrowed from `text`. Few, predictable branches per block is what makes it fast.
#[inline(never)]
fn scan_simple_records<'t>(
    text: &'t str,
    start: usize,
    delimiter: u8,
    max_quoted: usize,
    line: &mut u64,
    fields: &mut Vec<&'t str>,
    on_record: &mut dyn FnMut(Record<'_>),
) -> usize {
    /// `quoted_end` when the current field is not quoted.
    const UNQUOTED: usize = usize::MAX;
    let bytes = text.as_bytes();
    let len = bytes.len();
    let delimiters = splat(delimiter);
    let mut record_start = start;
    let mut field_start = start;
    let mut in_quotes = false;
    let mut quoted_end = UNQUOTED; // the closing quote of the current field, if quoted
    let mut block_start = start;
    while block_start < len {
        let (delimiter_bits, special_bits) = match bytes.get(block_start..block_start + 64) {
            Some(block) => {
                let mut whole = [0u8; 64];
                whole.copy_from_slice(block);
                block_masks(&whole, delimiters)
            }
            None => {
                let rest = &bytes[block_start..];
                let mut padded = [0u8; 64];
                padded[..rest.len()].copy_from_slice(rest);
                let valid = (1u64 << rest.len()) - 1; // rest.len() < 64
                let (d, s) = block_masks(&padded, delimiters);
                (d & valid, s & valid)
            }
        };
        let mut bits = delimiter_bits | special_bits;
        while bits != 0 {
            let at = block_start + bits.trailing_zeros() as usize;
            let bit = bits & bits.wrapping_neg();
            bits ^= bit;
            let is_special = special_bits & bit != 0;
            if in_quotes {
                if !is_special {
                    continue; // a delimiter inside quotes
                }
                match bytes[at] {
                    b'"' => {}
                    b'\n' | b'\r' => return record_start, // a line break inside quotes
                    _ => continue,                        // a tab or control character
                }
                match bytes.get(at + 1) {
                    Some(&next)
                        if (next == delimiter || next == b'\n' || next == b'\r')
                            && at - field_start - 1 <= max_quoted =>
                    {
                        in_quotes = false;
                        quoted_end = at;
                    }
                    // A doubled quote, text after the closing quote, the end of the text, or a
                    // quoted field too long to be one.
                    _ => return record_start,
                }
                continue;
            }
            if !is_special {
                fields.push(field_text(text, field_start, at, quoted_end));
                field_start = at + 1;
                quoted_end = UNQUOTED;
                continue;
            }
            match bytes[at] {
                b'\n' => {
                    let end =
                        if quoted_end == UNQUOTED && at > field_start && bytes[at - 1] == b'\r' { at - 1 } else { at };
                    fields.push(field_text(text, field_start, end, quoted_end));
                    on_record(Record { line: *line, fields });
                    fields.clear();
                    *line += 1;
                    record_start = at + 1;
                    field_start = record_start;
                    quoted_end = UNQUOTED;
                }
                // The CR of a CRLF: the LF ends the record.
                b'\r' if bytes.get(at + 1) == Some(&b'\n') => {}
                b'"' if at == field_start => in_quotes = true,
                // A quote inside an unquoted field is literal.
                b'"' => {}
                // A lone CR, or a CR that ends the text.
                b'\r' => return record_start,
                // A tab delimiter (tabs are control characters too).
                byte if byte == delimiter => {
                    fields.push(field_text(text, field_start, at, quoted_end));
                    field_start = at + 1;
                    quoted_end = UNQUOTED;
                }
                // Other control characters are text.
                _ => {}
            }
        }
        block_start += 64;
    }
    record_start
}

/// The text of the field that starts at `start` and ends before `end`, without its quotes if
/// it was quoted (closing quote at `quoted_end`).
#[inline(always)]
fn field_text(text: &str, start: usize, end: usize, quoted_end: usize) -> &str {
    let range = if quoted_end == usize::MAX { start..end } else { start + 1..quoted_end };
    text.get(range).unwrap_or_default()
}

/// The quote-aware path: parses the record of `src` that starts at `start` into `spans`
/// (ranges of `src`, or of `owned` for unescaped text). With `at_end`, the end of `src` ends
/// the record (an unclosed quoted field runs to it).
fn parse_record(
    src: &str,
    start: usize,
    delimiter: u8,
    max_quoted: usize,
    at_end: bool,
    spans: &mut Vec<Span>,
    owned: &mut String,
) -> Parsed {
    let bytes = src.as_bytes();
    let len = bytes.len();
    let mut breaks = 0u64;
    let mut i = start;
    let complete_at_end = |spans: &mut Vec<Span>, span: Span, breaks: u64| {
        spans.push(span);
        Parsed::Complete { next: len, breaks, cr_at_end: false }
    };
    loop {
        // At the start of a field; `i` ends up on the byte after the field.
        let quoted = match bytes.get(i) {
            None if at_end => return complete_at_end(spans, Span::Text(i, i), breaks),
            None => return Parsed::Incomplete(Cut::FieldStart),
            Some(b'"') => {
                let open = i;
                // The closing quote may be at `open + 1 + max_quoted` at the latest.
                let last_close = open.saturating_add(1).saturating_add(max_quoted);
                let window = last_close.saturating_add(1).min(len);
                let (breaks_before, owned_before) = (breaks, owned.len());
                let mut seg = open + 1; // start of the text not yet spanned or copied
                let mut copied_from: Option<usize> = None; // start in `owned` once escaping
                let mut j = seg;
                loop {
                    let found = bytes.get(j..window).and_then(|w| memchr3(b'"', b'\n', b'\r', w));
                    let Some(found) = found else {
                        if len > last_close {
                            // Not closed in time: a stray quote, read as text below.
                            breaks = breaks_before;
                            owned.truncate(owned_before);
                            break None;
                        }
                        if !at_end {
                            return Parsed::Incomplete(Cut::Quoted { open: open - start });
                        }
                        let span = finish_span(src, seg, len, copied_from, owned);
                        return complete_at_end(spans, span, breaks);
                    };
                    let q = j + found;
                    match bytes[q] {
                        b'\n' => {
                            breaks += 1;
                            j = q + 1;
                        }
                        b'\r' => {
                            breaks += 1;
                            j = q + 1;
                            if bytes.get(j) == Some(&b'\n') {
                                j += 1;
                            }
                        }
                        _ => match bytes.get(q + 1) {
                            None if at_end => {
                                let span = finish_span(src, seg, q, copied_from, owned);
                                return complete_at_end(spans, span, breaks);
                            }
                            None => return Parsed::Incomplete(Cut::QuotedQuote { open: open - start }),
                            Some(b'"') => {
                                // A doubled quote: keep one.
                                copied_from.get_or_insert(owned.len());
                                owned.push_str(src.get(seg..q + 1).unwrap_or_default());
                                seg = q + 2;
                                j = seg;
                            }
                            Some(&next) if next == delimiter || next == b'\n' || next == b'\r' => {
                                spans.push(finish_span(src, seg, q, copied_from, owned));
                                break Some(q + 1);
                            }
                            Some(_) => {
                                // Text after the closing quote: kept, up to the delimiter.
                                let from = *copied_from.get_or_insert(owned.len());
                                owned.push_str(src.get(seg..q).unwrap_or_default());
                                let rest = q + 1;
                                let end = match bytes.get(rest..).and_then(|r| memchr3(delimiter, b'\n', b'\r', r)) {
                                    Some(found) => rest + found,
                                    None if at_end => len,
                                    None => return Parsed::Incomplete(Cut::Unquoted),
                                };
                                owned.push_str(src.get(rest..end).unwrap_or_default());
                                spans.push(Span::Owned(from, owned.len()));
                                break Some(end);
                            }
                        },
                    }
                }
            }
            Some(_) => None,
        };
        i = match quoted {
            Some(after) => after,
            None => {
                // An unquoted field (or one whose quote turned out to be literal).
                let end = match bytes.get(i..).and_then(|rest| memchr3(delimiter, b'\n', b'\r', rest)) {
                    Some(found) => i + found,
                    None if at_end => return complete_at_end(spans, Span::Text(i, len), breaks),
                    None => return Parsed::Incomplete(Cut::Unquoted),
                };
                spans.push(Span::Text(i, end));
                end
            }
        };
        // `i` is on a delimiter or a line break (or the end of `src`).
        match bytes.get(i) {
            Some(&b) if b == delimiter => i += 1,
            Some(b'\r') => {
                let (next, cr_at_end) = match bytes.get(i + 1) {
                    Some(b'\n') => (i + 2, false),
                    Some(_) => (i + 1, false),
                    None => (i + 1, true),
                };
                return Parsed::Complete { next, breaks, cr_at_end };
            }
            Some(_) => return Parsed::Complete { next: i + 1, breaks, cr_at_end: false },
            None => return Parsed::Complete { next: len, breaks, cr_at_end: false },
        }
    }
}

/// The span of a quoted field's text `seg..end`, copying it to `owned` if the field already
/// had text copied there (after an escaped quote).
fn finish_span(src: &str, seg: usize, end: usize, copied_from: Option<usize>, owned: &mut String) -> Span {
    match copied_from {
        None => Span::Text(seg, end),
        Some(from) => {
            owned.push_str(src.get(seg..end).unwrap_or_default());
            Span::Owned(from, owned.len())
        }
    }
}

/// Finds the line break that ends a record cut at `cut`, scanning `bytes` from `from`, where
/// `carried` bytes of the record came before. Follows the rules of [`parse_record`] without
/// building fields.
fn find_record_end(
    bytes: &[u8],
    from: usize,
    mut cut: Cut,
    delimiter: u8,
    max_quoted: usize,
    carried: usize,
) -> Continuation {
    // Offsets from the start of the record ↔ indices in `bytes`.
    let offset = |i: usize| carried + (i - from);
    let mut i = from;
    loop {
        let rest = bytes.get(i..).unwrap_or_default();
        match cut {
            Cut::FieldStart => match rest.first() {
                None => return Continuation::Cut(cut),
                Some(b'"') => {
                    cut = Cut::Quoted { open: offset(i) };
                    i += 1;
                }
                Some(_) => cut = Cut::Unquoted,
            },
            Cut::Unquoted => match memchr3(delimiter, b'\n', b'\r', rest) {
                None => return Continuation::Cut(cut),
                Some(found) if rest[found] == delimiter => {
                    cut = Cut::FieldStart;
                    i += found + 1;
                }
                Some(found) => return Continuation::End(i + found),
            },
            Cut::Quoted { open } => {
                let last_close = open.saturating_add(1).saturating_add(max_quoted);
                // The index just past `last_close` in `bytes`.
                let window = last_close.saturating_add(1).saturating_add(from).saturating_sub(carried).min(bytes.len());
                match bytes.get(i..window).and_then(|w| memchr(b'"', w)) {
                    Some(found) => {
                        cut = Cut::QuotedQuote { open };
                        i += found + 1;
                    }
                    None if offset(bytes.len()) > last_close => return Continuation::Overflow,
                    None => return Continuation::Cut(cut),
                }
            }
            Cut::QuotedQuote { open } => match rest.first() {
                None => return Continuation::Cut(cut),
                Some(b'"') => {
                    cut = Cut::Quoted { open };
                    i += 1;
                }
                Some(&b) if b == delimiter => {
                    cut = Cut::FieldStart;
                    i += 1;
                }
                Some(b'\n' | b'\r') => return Continuation::End(i),
                Some(_) => cut = Cut::Unquoted,
            },
        }
    }
}

/// Picks the delimiter of a text table from a sample of its decoded text (e.g. the first
/// 64 KiB): the one of `,` `\t` `;` `|` that splits the most records into the same number of
/// fields (more than one), respecting quotes. Title and blank rows at the top have fewer
/// fields and simply lose the vote; a record cut by the end of the sample is not counted.
/// Ties go to more fields, then to the order above. Without any candidate, `,`.
///
/// ```
/// use borderlens_core::ingest::delimited::detect_delimiter;
///
/// assert_eq!(detect_delimiter("XX物流 运单明细 2024年3月\n\nsku;weight_kg\nA-1;1,5\nB-2;0,25\n"), b';');
/// assert_eq!(detect_delimiter("title\tqty\n\"a, b\"\t3\n"), b'\t');
/// ```
pub fn detect_delimiter(sample: &str) -> u8 {
    let mut best = (0usize, 0usize, b',');
    let mut counts: Vec<usize> = Vec::new();
    for delimiter in DELIMITERS {
        counts.clear();
        let mut scanner = RecordScanner::new(delimiter);
        let mut count = |record: Record<'_>| {
            if counts.len() < SAMPLE_RECORDS && record.fields.len() > 1 {
                counts.push(record.fields.len());
            }
        };
        scanner.feed(sample, &mut count);
        if scanner.lines_seen() == 0 {
            // A single line: the sample is all there is.
            scanner.finish(&mut count);
        }
        counts.sort_unstable();
        // The most frequent field count (the widest on a tie) and how often it occurs.
        let (mut width, mut votes) = (0, 0);
        for run in counts.chunk_by(|a, b| a == b) {
            if run.len() >= votes {
                (width, votes) = (run[0], run.len());
            }
        }
        if (votes, width) > (best.0, best.1) {
            best = (votes, width, delimiter);
        }
    }
    best.2
}

/// Reads all records of a small text into owned rows of `(line, fields)`, at most `limit` of
/// them (previews, header detection, tests).
///
/// ```
/// use borderlens_core::ingest::delimited::read_records;
///
/// let rows = read_records("a,b\r\n\"x\ny\",z", b',', 10);
/// assert_eq!(rows, [(1, vec!["a".to_owned(), "b".to_owned()]), (2, vec!["x\ny".to_owned(), "z".to_owned()])]);
/// ```
pub fn read_records(text: &str, delimiter: u8, limit: usize) -> Vec<(u64, Vec<String>)> {
    let mut rows = Vec::new();
    let mut keep = |record: Record<'_>| {
        if rows.len() < limit {
            let fields = record.fields.iter().map(|f| (*f).to_owned()).collect();
            rows.push((record.line, fields));
        }
    };
    let mut scanner = RecordScanner::new(delimiter);
    scanner.feed(text, &mut keep);
    scanner.finish(&mut keep);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::decode::decode_all;
    use crate::ingest::sniff::detect_encoding;
    use proptest::prelude::*;
    use rstest::rstest;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/text/", $name)).as_slice()
        };
    }

    type Rows = Vec<(u64, Vec<String>)>;

    fn rows(expected: &[(u64, Vec<&str>)]) -> Rows {
        expected.iter().map(|(line, fields)| (*line, fields.iter().map(|f| (*f).to_owned()).collect())).collect()
    }

    /// Scans `text` cut into pieces at `cuts` (byte offsets, moved back to char boundaries).
    fn scan_in_pieces(text: &str, delimiter: u8, cuts: &[usize]) -> (Rows, u64) {
        scan_in_pieces_with_limit(text, delimiter, MAX_QUOTED_BYTES, cuts)
    }

    fn scan_in_pieces_with_limit(text: &str, delimiter: u8, max_quoted: usize, cuts: &[usize]) -> (Rows, u64) {
        let mut out = Vec::new();
        let mut keep = |r: Record<'_>| {
            out.push((r.line, r.fields.iter().map(|f| (*f).to_owned()).collect()));
        };
        let mut scanner = RecordScanner::with_max_quoted_bytes(delimiter, max_quoted);
        let mut start = 0;
        for &cut in cuts {
            let mut cut = cut.clamp(start, text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            scanner.feed(&text[start..cut], &mut keep);
            start = cut;
        }
        scanner.feed(&text[start..], &mut keep);
        scanner.finish(&mut keep);
        let lines = scanner.lines_seen();
        (out, lines)
    }

    fn fixture_text(bytes: &[u8]) -> String {
        decode_all(bytes, detect_encoding(bytes))
    }

    /// An independent, byte-at-a-time reading of the same rules, for the properties.
    fn reference(text: &str, delimiter: u8, max_quoted: usize) -> Rows {
        #[derive(PartialEq)]
        enum State {
            Start,
            Unquoted,
            Quoted,
            QuotedQuote,
        }
        /// Whether the quote at `open` closes within `max_quoted` bytes (or the text ends first).
        fn closes_in_time(b: &[u8], open: usize, max_quoted: usize) -> bool {
            let last_close = open + 1 + max_quoted;
            let mut j = open + 1;
            loop {
                match b[j..].iter().position(|&c| c == b'"') {
                    None => return b.len() <= last_close,
                    Some(k) if j + k > last_close => return false,
                    Some(k) if b.get(j + k + 1) == Some(&b'"') => j += k + 2,
                    Some(_) => return true,
                }
            }
        }
        let b = text.as_bytes();
        let string = |f: Vec<u8>| String::from_utf8(f).expect("fields are cut at ASCII bytes");
        let (mut out, mut fields, mut field) = (Vec::new(), Vec::new(), Vec::new());
        let (mut line, mut record_line, mut in_record) = (1u64, 1u64, false);
        let mut state = State::Start;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let crlf = c == b'\r' && b.get(i + 1) == Some(&b'\n');
            match state {
                State::Quoted if c == b'"' => state = State::QuotedQuote,
                State::Quoted => {
                    field.push(c);
                    if c == b'\n' || c == b'\r' {
                        line += 1;
                    }
                    if crlf {
                        field.push(b'\n');
                        i += 1;
                    }
                }
                State::QuotedQuote if c == b'"' => {
                    field.push(b'"');
                    state = State::Quoted;
                }
                _ if c == delimiter => {
                    fields.push(string(std::mem::take(&mut field)));
                    state = State::Start;
                    in_record = true;
                }
                _ if c == b'\n' || c == b'\r' => {
                    fields.push(string(std::mem::take(&mut field)));
                    out.push((record_line, std::mem::take(&mut fields)));
                    if crlf {
                        i += 1;
                    }
                    line += 1;
                    record_line = line;
                    state = State::Start;
                    in_record = false;
                }
                State::Start if c == b'"' && closes_in_time(b, i, max_quoted) => {
                    state = State::Quoted;
                    in_record = true;
                }
                _ => {
                    field.push(c);
                    state = State::Unquoted;
                    in_record = true;
                }
            }
            i += 1;
        }
        if in_record {
            fields.push(string(field));
            out.push((record_line, fields));
        }
        out
    }

    #[rstest]
    #[case::simple("a,b\n1,2\n", &[(1, vec!["a", "b"]), (2, vec!["1", "2"])])]
    #[case::no_final_line_break("a,b\n1,2", &[(1, vec!["a", "b"]), (2, vec!["1", "2"])])]
    #[case::crlf("a,b\r\n1,2\r\n", &[(1, vec!["a", "b"]), (2, vec!["1", "2"])])]
    #[case::cr_only("a,b\r1,2\r", &[(1, vec!["a", "b"]), (2, vec!["1", "2"])])]
    #[case::empty_fields(",a,,\n", &[(1, vec!["", "a", "", ""])])]
    #[case::blank_line_is_one_empty_field("a\n\nb\n", &[(1, vec!["a"]), (2, vec![""]), (3, vec!["b"])])]
    #[case::delimiter_in_quotes("\"a,b\",c\n", &[(1, vec!["a,b", "c"])])]
    #[case::doubled_quotes("\"say \"\"hi\"\"\",x\n", &[(1, vec!["say \"hi\"", "x"])])]
    #[case::only_a_doubled_quote("\"\"\"\"\n", &[(1, vec!["\""])])]
    #[case::empty_quoted("\"\",\"\"\n", &[(1, vec!["", ""])])]
    #[case::quote_inside_unquoted_is_literal("5\" screen,a\"b\"\n", &[(1, vec!["5\" screen", "a\"b\""])])]
    #[case::text_after_closing_quote_is_kept("\"abc\"def,x\n", &[(1, vec!["abcdef", "x"])])]
    #[case::escaped_then_text_after_quote("\"a\"\"b\"c,x\n", &[(1, vec!["a\"bc", "x"])])]
    #[case::embedded_lf("1,\"x\ny\"\n2,z\n", &[(1, vec!["1", "x\ny"]), (3, vec!["2", "z"])])]
    #[case::embedded_crlf("1,\"x\r\ny\"\r\n2,z\r\n", &[(1, vec!["1", "x\r\ny"]), (3, vec!["2", "z"])])]
    #[case::embedded_cr("1,\"x\ry\"\r2,z\r", &[(1, vec!["1", "x\ry"]), (3, vec!["2", "z"])])]
    #[case::unclosed_quote_runs_to_the_end("a,\"bc\nd", &[(1, vec!["a", "bc\nd"])])]
    #[case::trailing_delimiter_at_the_end("a,", &[(1, vec!["a", ""])])]
    #[case::chinese("运单号,目的国\n中国,美国\n", &[(1, vec!["运单号", "目的国"]), (2, vec!["中国", "美国"])])]
    #[case::spaces_are_kept(" a , b \n", &[(1, vec![" a ", " b "])])]
    fn scans_records(#[case] text: &str, #[case] expected: &[(u64, Vec<&str>)]) {
        assert_eq!(read_records(text, b',', usize::MAX), rows(expected));
        assert_eq!(reference(text, b',', MAX_QUOTED_BYTES), rows(expected));
    }

    #[rstest]
    #[case::lf("h\n1,\"a\nb\"\n2,c\n")]
    #[case::crlf("h\r\n1,\"a\r\nb\"\r\n2,c\r\n")]
    #[case::cr("h\r1,\"a\rb\"\r2,c\r")]
    fn a_record_with_an_embedded_line_break_pushes_the_next_one_two_lines_on(#[case] text: &str) {
        let lines: Vec<u64> = read_records(text, b',', 10).into_iter().map(|(line, _)| line).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(scan_in_pieces(text, b',', &[]).1, 4);
    }

    #[rstest]
    #[case::comma(fixture!("crlf.csv"), b',', 5, &["1001", "Côte d'Ivoire", "Abidjan"])]
    #[case::semicolon(fixture!("semicolon.csv"), b';', 4, &["A-1", "1,5", "12,90"])]
    #[case::tab(fixture!("tab.tsv"), b'\t', 4, &["SF1001", "2024-03-01", "美国"])]
    #[case::pipe(fixture!("pipe.txt"), b'|', 3, &["A-1", "Phone case, black", "3"])]
    #[case::utf16_tab(fixture!("utf16le_bom.txt"), b'\t', 4, &["SF1001", "2024-03-01", "美国"])]
    #[case::gbk_comma(fixture!("gbk_header.csv"), b',', 4, &["SF1001", "2024-03-01", "美国"])]
    #[case::windows1252(fixture!("windows1252.csv"), b',', 5, &["1001", "Côte d'Ivoire", "Abidjan"])]
    fn detects_and_reads_each_delimiter(
        #[case] bytes: &[u8],
        #[case] delimiter: u8,
        #[case] count: usize,
        #[case] second_row: &[&str],
    ) {
        let text = fixture_text(bytes);
        assert_eq!(detect_delimiter(&text), delimiter);
        let records = read_records(&text, delimiter, usize::MAX);
        assert_eq!(records.len(), count);
        assert_eq!(records[1], (2, second_row.iter().map(|f| (*f).to_owned()).collect()));
    }

    #[test]
    fn reads_the_gbk_chinese_header() {
        let text = fixture_text(fixture!("gbk_header.csv"));
        let records = read_records(&text, detect_delimiter(&text), 1);
        assert_eq!(records, rows(&[(1, vec!["运单号", "发货日期", "目的国"])]));
    }

    #[test]
    fn reads_cr_only_line_endings_with_a_cr_inside_quotes() {
        let text = fixture_text(fixture!("cr_only.csv"));
        assert_eq!(
            read_records(&text, b',', 10),
            rows(&[(1, vec!["id", "note"]), (2, vec!["1", "first\rsecond"]), (4, vec!["2", "plain"])])
        );
    }

    #[test]
    fn reads_quoted_fields() {
        let text = fixture_text(fixture!("quoted.csv"));
        assert_eq!(
            read_records(&text, detect_delimiter(&text), 10),
            rows(&[
                (1, vec!["id", "title", "note"]),
                (2, vec!["1", "Case, black", "He said \"hi\""]),
                (3, vec!["2", "Line one\nLine two", "ok"]),
                (5, vec!["3", "5\" screen", "a\r\nb"]),
                (7, vec!["4", "", "end"]),
            ])
        );
    }

    #[test]
    fn reads_a_one_field_file() {
        let text = fixture_text(fixture!("one_field.csv"));
        assert_eq!(detect_delimiter(&text), b',');
        assert_eq!(
            read_records(&text, b',', 10),
            rows(&[(1, vec!["tracking_no"]), (2, vec!["SF1001"]), (3, vec!["SF1002"])])
        );
    }

    #[test]
    fn an_empty_file_has_no_records() {
        let text = fixture_text(fixture!("empty.csv"));
        assert_eq!(detect_delimiter(&text), b',');
        assert_eq!(scan_in_pieces(&text, b',', &[]), (Vec::new(), 0));
    }

    #[rstest]
    #[case::title_and_blank_rows(fixture!("title_rows.csv"), b',')]
    #[case::quoted(fixture!("quoted.csv"), b',')]
    #[case::cr_only(fixture!("cr_only.csv"), b',')]
    #[case::crlf(fixture!("crlf.csv"), b',')]
    #[case::utf8_bom(fixture!("utf8_bom.csv"), b',')]
    #[case::semicolon(fixture!("semicolon.csv"), b';')]
    fn chunk_boundaries_at_every_offset_change_nothing(#[case] bytes: &[u8], #[case] delimiter: u8) {
        let text = fixture_text(bytes);
        let whole = scan_in_pieces(&text, delimiter, &[]);
        assert_eq!(whole.0, reference(&text, delimiter, MAX_QUOTED_BYTES));
        for first in 0..=text.len() {
            for second in first..=text.len() {
                assert_eq!(scan_in_pieces(&text, delimiter, &[first, second]), whole, "cuts at {first} and {second}");
            }
        }
        let every_char: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        assert_eq!(scan_in_pieces(&text, delimiter, &every_char), whole);
    }

    #[test]
    fn whole_pipeline_from_bytes_in_any_chunking() {
        // Bytes cut anywhere → decoder → scanner gives the records of the whole file.
        for bytes in [fixture!("gbk_header.csv"), fixture!("utf16be_bom.txt"), fixture!("quoted.csv")] {
            let encoding = detect_encoding(bytes);
            let expected = read_records(&decode_all(bytes, encoding), b',', usize::MAX);
            for chunk_len in 1..=bytes.len() {
                let mut decoder = crate::ingest::decode::TextDecoder::new(encoding);
                let mut scanner = RecordScanner::new(b',');
                let mut got: Rows = Vec::new();
                let mut keep = |r: Record<'_>| {
                    got.push((r.line, r.fields.iter().map(|f| (*f).to_owned()).collect()));
                };
                let mut chunks = bytes.chunks(chunk_len).peekable();
                while let Some(chunk) = chunks.next() {
                    let is_last = chunks.peek().is_none();
                    scanner.feed(decoder.decode(chunk, is_last), &mut keep);
                }
                scanner.finish(&mut keep);
                assert_eq!(got, expected, "chunks of {chunk_len}");
            }
        }
    }

    #[rstest]
    #[case::title_row_without_delimiters("XX物流 运单明细 2024年3月\n\n运单号|重量\nSF1|2\nSF2|3\n", b'|')]
    #[case::title_row_with_a_comma("运单明细, 2024年3月\n运单号;重量;目的国\nSF1;2,5;美国\nSF2;3;德国\n", b';')]
    #[case::commas_inside_quotes("name\tnote\n\"a, b, c\"\t\"x, y\"\nd\te\n", b'\t')]
    #[case::decimal_commas_with_header("sku;weight;price\nA;1,5;2,3\nB;2,5;4,1\n", b';')]
    #[case::pipes_in_titles("sku,title,qty\nA,\"Case | iPhone 15\",1\nB,\"Cable | USB-C\",2\n", b',')]
    #[case::single_line("a;b;c", b';')]
    #[case::no_delimiter_at_all("one\ntwo\n", b',')]
    #[case::last_record_cut_by_the_sample("a|b\nc|d\ne,f,g,h,i,j", b'|')]
    fn detects_delimiters(#[case] sample: &str, #[case] expected: u8) {
        assert_eq!(detect_delimiter(sample) as char, expected as char);
    }

    #[test]
    fn an_unusable_delimiter_falls_back_to_comma() {
        for bad in [b'"', b'\n', b'\r', 0xE4] {
            assert_eq!(RecordScanner::new(bad).delimiter(), b',');
        }
        assert_eq!(read_records("运,单", 0xE8, 5), rows(&[(1, vec!["运", "单"])]));
    }

    #[test]
    fn read_records_stops_at_the_limit() {
        assert_eq!(read_records("a\nb\nc\n", b',', 2), rows(&[(1, vec!["a"]), (2, vec!["b"])]));
    }

    #[test]
    fn a_quoted_field_longer_than_a_chunk_is_carried_whole() {
        let long = "x\n".repeat(5000);
        let text = format!("id,note\n1,\"{long}\"\n2,end\n");
        let cuts: Vec<usize> = (1..text.len()).step_by(97).collect();
        let (records, lines) = scan_in_pieces(&text, b',', &cuts);
        assert_eq!(records[1].1[1], long);
        assert_eq!(records[2], (5003, vec!["2".to_owned(), "end".to_owned()]));
        assert_eq!(lines, 5003);
    }

    #[rstest]
    #[case::closed_in_time("\"abcd\",x\n", &["abcd", "x"])]
    #[case::too_long_to_be_quoted("\"abcdef\",x\n", &["\"abcdef\"", "x"])]
    #[case::stray_quote_ends_at_the_line_break("\"ab\ncdef\"\n", &["\"ab"])]
    #[case::doubled_quotes_count_twice("\"a\"\"\"\"b\",x\n", &["\"a\"\"\"\"b\"", "x"])]
    fn a_quote_not_closed_within_the_limit_is_literal(#[case] text: &str, #[case] first: &[&str]) {
        let (records, _) = scan_in_pieces_with_limit(text, b',', 4, &[]);
        assert_eq!(records[0].1, first);
        assert_eq!(records, reference(text, b',', 4));
        for cut in 0..=text.len() {
            assert_eq!(scan_in_pieces_with_limit(text, b',', 4, &[cut]).0, records);
        }
    }

    #[test]
    fn a_stray_quote_does_not_swallow_the_rest_of_a_big_file() {
        let head = "id,note\n1,\"stray\n";
        let mut text = String::from(head);
        while text.len() < 3 * MAX_QUOTED_BYTES {
            text.push_str("2,plain\n");
        }
        let expected_records = (text.len() - head.len()) / "2,plain\n".len() + 2;
        for chunk in [64 * 1024, 1 << 20, text.len()] {
            let mut scanner = RecordScanner::new(b',');
            let (mut count, mut second, mut last_line) = (0usize, Vec::new(), 0u64);
            let mut keep = |r: Record<'_>| {
                count += 1;
                if count == 2 {
                    second = r.fields.iter().map(|f| (*f).to_owned()).collect();
                }
                last_line = r.line;
            };
            let mut largest_carry = 0;
            for piece in text.as_bytes().chunks(chunk) {
                scanner.feed(std::str::from_utf8(piece).expect("ASCII"), &mut keep);
                largest_carry = largest_carry.max(scanner.carry.len());
            }
            scanner.finish(&mut keep);
            assert_eq!(second, ["1", "\"stray"]);
            assert_eq!(count, expected_records, "chunk {chunk}");
            assert_eq!(last_line, expected_records as u64, "chunk {chunk}");
            assert!(largest_carry <= MAX_QUOTED_BYTES + chunk.min(1 << 20), "{largest_carry}");
        }
    }

    #[test]
    fn field_lists_are_recycled_without_allocating() {
        let fields: Vec<&str> = Vec::with_capacity(16);
        let address = fields.as_ptr() as usize;
        let recycled: Vec<&str> = recycle(fields);
        assert_eq!(recycled.capacity(), 16);
        assert_eq!(recycled.as_ptr() as usize, address);
    }

    fn csvish() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a,;\"\r\n\t| é运]{0,60}").expect("valid regex")
    }

    proptest! {
        #[test]
        fn scanning_never_panics_on_any_text(
            chars in proptest::collection::vec(any::<char>(), 0..100),
            delimiter in any::<u8>(),
        ) {
            let text: String = chars.into_iter().collect();
            let _ = read_records(&text, delimiter, usize::MAX);
            let _ = detect_delimiter(&text);
        }

        #[test]
        fn chunking_does_not_change_the_records(
            text in csvish(),
            mut cuts in proptest::collection::vec(0usize..200, 0..8),
            which in 0usize..4,
            max_quoted in prop_oneof![Just(MAX_QUOTED_BYTES), 0usize..12],
        ) {
            let delimiter = DELIMITERS[which];
            cuts.sort_unstable();
            let whole = scan_in_pieces_with_limit(&text, delimiter, max_quoted, &[]);
            prop_assert_eq!(&whole.0, &reference(&text, delimiter, max_quoted));
            prop_assert_eq!(scan_in_pieces_with_limit(&text, delimiter, max_quoted, &cuts), whole);
        }
    }

    /// ~100 MB of a shipments export: 15 columns, CRLF, one escaped note in 50 rows; with
    /// `quote_all`, every field quoted (as some platforms export). Returns the text and its
    /// record count.
    fn shipments_csv(quote_all: bool) -> (String, u64) {
        let header = "tracking_no,order_id,carrier,service,origin,destination_country,\
            destination_city,shipped_on,delivered_on,weight_kg,length_cm,declared_value_usd,\
            fee_cny,status,note";
        let mut csv = String::with_capacity(101_000_000);
        let mut row: Vec<String> = Vec::with_capacity(15);
        let push_row = |csv: &mut String, row: &[String]| {
            for (k, field) in row.iter().enumerate() {
                if k > 0 {
                    csv.push(',');
                }
                if quote_all || field.contains(['"', ',']) {
                    csv.push('"');
                    csv.push_str(&field.replace('"', "\"\""));
                    csv.push('"');
                } else {
                    csv.push_str(field);
                }
            }
            csv.push_str("\r\n");
        };
        row.extend(header.split(',').map(str::to_owned));
        push_row(&mut csv, &row);
        let countries = ["United States", "Germany", "Côte d'Ivoire", "Brasil", "日本"];
        let mut n = 0u64;
        while csv.len() < 100_000_000 {
            n += 1;
            row.clear();
            row.extend([
                format!("SF{n:012}"),
                (n * 7).to_string(),
                ["SF Express", "YunExpress", "4PX"][(n % 3) as usize].to_owned(),
                "Standard".to_owned(),
                "Shenzhen".to_owned(),
                countries[(n % 5) as usize].to_owned(),
                format!("City {}", n % 97),
                format!("2024-03-{:02}", n % 28 + 1),
                format!("2024-04-{:02}", n % 28 + 1),
                format!("{}.{}", n % 30, n % 10),
                (n % 120).to_string(),
                format!("{}.99", n % 500),
                format!("{}.5", n % 90),
                "delivered".to_owned(),
                if n.is_multiple_of(50) { "fragile, \"glass\"".to_owned() } else { String::new() },
            ]);
            push_row(&mut csv, &row);
        }
        (csv, n + 1)
    }

    /// Native throughput of decode + scan over ~100 MB of shipments CSV in 1 MiB chunks, best
    /// of 5: UTF-8 (validated in place), all fields quoted, and GB18030 (converted). Not a
    /// timed assertion. Run with
    /// `cargo test --release -p borderlens_core scan_throughput -- --ignored --nocapture`.
    #[test]
    #[ignore = "prints a measurement; run by hand"]
    fn scan_throughput() {
        use crate::ingest::decode::TextDecoder;
        use crate::ingest::sniff::TextEncoding;
        for (label, quote_all, encoding) in [
            ("plain UTF-8", false, TextEncoding::Utf8),
            ("all fields quoted, UTF-8", true, TextEncoding::Utf8),
            ("plain GB18030", false, TextEncoding::Gb18030),
        ] {
            let (csv, expected) = shipments_csv(quote_all);
            let bytes = match encoding {
                TextEncoding::Gb18030 => encoding_rs::GB18030.encode(&csv).0.into_owned(),
                _ => csv.into_bytes(),
            };
            let mut best = f64::MAX;
            for _ in 0..5 {
                let started = std::time::Instant::now();
                let mut decoder = TextDecoder::new(encoding);
                let mut scanner = RecordScanner::new(b',');
                let (mut records, mut fields, mut field_bytes) = (0u64, 0u64, 0u64);
                let mut count = |r: Record<'_>| {
                    records += 1;
                    fields += r.fields.len() as u64;
                    field_bytes += r.fields.iter().map(|f| f.len() as u64).sum::<u64>();
                };
                let mut chunks = bytes.chunks(1 << 20).peekable();
                while let Some(chunk) = chunks.next() {
                    let is_last = chunks.peek().is_none();
                    scanner.feed(decoder.decode(chunk, is_last), &mut count);
                }
                scanner.finish(&mut count);
                best = best.min(started.elapsed().as_secs_f64());
                assert_eq!((records, fields), (expected, 15 * expected));
                assert!(field_bytes > 0);
                assert_eq!(decoder.malformed_count(), 0);
            }
            let mb = bytes.len() as f64 / 1e6;
            println!("{label}: {mb:.1} MB, {expected} records in {:.1} ms = {:.0} MB/s", best * 1e3, mb / best);
        }
    }
}
