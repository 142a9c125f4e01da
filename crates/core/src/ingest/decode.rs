//! Decoding: turns a file's bytes, chunk by chunk, into UTF-8 text whatever the encoding.

use std::fmt;

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::sniff::TextEncoding;

/// Streaming decoder from a [`TextEncoding`] to UTF-8, fed chunks of any size.
///
/// A character split between two chunks comes out whole with the second chunk; a leading byte
/// order mark is dropped; malformed input becomes U+FFFD and is counted (see
/// [`malformed_count`](Self::malformed_count)) so the UI can warn about a wrong encoding
/// instead of failing. For UTF-8 the valid input is returned as is, without copying: the
/// common case costs one validation pass. Other encodings go through `encoding_rs` into a
/// buffer that is reused from chunk to chunk.
pub struct TextDecoder {
    encoding: TextEncoding,
    /// `None` for UTF-8, which is validated here rather than converted.
    legacy: Option<Decoder>,
    /// Output for chunks that cannot be returned in place; reused.
    out: String,
    /// A UTF-8 sequence cut by the end of the previous chunk (a valid prefix, 1–3 bytes).
    pending: [u8; 4],
    pending_len: usize,
    malformed: u64,
    /// Nothing decoded yet: a leading U+FEFF is still to be dropped.
    at_start: bool,
}

impl fmt::Debug for TextDecoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextDecoder")
            .field("encoding", &self.encoding)
            .field("pending_len", &self.pending_len)
            .field("malformed", &self.malformed)
            .field("at_start", &self.at_start)
            .finish_non_exhaustive()
    }
}

impl TextDecoder {
    /// A decoder at the start of a file in `encoding`.
    pub fn new(encoding: TextEncoding) -> Self {
        Self {
            encoding,
            legacy: legacy_decoder(encoding),
            out: String::new(),
            pending: [0; 4],
            pending_len: 0,
            malformed: 0,
            at_start: true,
        }
    }

    /// Decodes the next `chunk`; `is_last` marks the end of the file, so that a sequence cut
    /// at the very end becomes U+FFFD instead of waiting for more bytes. The text returned is
    /// valid until the next call. After a call with `is_last`, the decoder starts over as new
    /// (the malformed count is kept).
    ///
    /// ```
    /// use borderlens_core::ingest::decode::TextDecoder;
    /// use borderlens_core::ingest::sniff::TextEncoding;
    ///
    /// let bytes = "\u{FEFF}运单号,目的国".as_bytes();
    /// let mut decoder = TextDecoder::new(TextEncoding::Utf8Bom);
    /// let mut text = String::new();
    /// for chunk in bytes.chunks(4) {
    ///     text.push_str(decoder.decode(chunk, false));
    /// }
    /// text.push_str(decoder.decode(&[], true));
    /// assert_eq!(text, "运单号,目的国");
    /// assert_eq!(decoder.malformed_count(), 0);
    /// ```
    pub fn decode<'a>(&'a mut self, chunk: &'a [u8], is_last: bool) -> &'a str {
        self.out.clear();
        let in_place = match self.legacy.as_mut() {
            Some(decoder) => {
                decode_legacy(decoder, chunk, is_last, &mut self.out, &mut self.malformed);
                None
            }
            None => self.decode_utf8(chunk, is_last),
        };
        if is_last {
            self.legacy = legacy_decoder(self.encoding);
        }
        let text: &'a str = match in_place {
            Some(text) => text,
            None => &self.out,
        };
        let text = if self.at_start && !text.is_empty() {
            self.at_start = false;
            text.strip_prefix('\u{FEFF}').unwrap_or(text)
        } else {
            text
        };
        if is_last {
            self.at_start = true; // a new file may follow
        }
        text
    }

    /// How many malformed sequences were replaced by U+FFFD so far: more than a handful means
    /// the encoding guess was wrong.
    pub fn malformed_count(&self) -> u64 {
        self.malformed
    }

    /// The encoding this decoder reads.
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// UTF-8: returns the valid part of `chunk` in place when nothing was pending, else builds
    /// the text in `self.out` and returns `None`.
    fn decode_utf8<'c>(&mut self, chunk: &'c [u8], is_last: bool) -> Option<&'c str> {
        let mut rest = chunk;
        if self.pending_len > 0 {
            rest = chunk.get(self.complete_pending(chunk, is_last)..).unwrap_or_default();
            if self.pending_len > 0 {
                return None; // the chunk was too short to finish the character
            }
        }
        let split = if is_last { rest.len() } else { incomplete_tail_start(rest) };
        let (body, tail) = rest.split_at(split);
        match std::str::from_utf8(body) {
            Ok(text) => {
                self.stash(tail);
                if self.out.is_empty() {
                    return Some(text);
                }
                self.out.push_str(text);
                None
            }
            Err(_) => {
                self.decode_utf8_lossy(rest, is_last);
                None
            }
        }
    }

    /// Finishes the character cut at the end of the previous chunk with the first bytes of
    /// `chunk`, writing it (or U+FFFD) to `self.out`; returns how many bytes of `chunk` it took.
    fn complete_pending(&mut self, chunk: &[u8], is_last: bool) -> usize {
        let have = self.pending_len;
        let take = chunk.len().min(4 - have);
        let mut joined = self.pending;
        joined[have..have + take].copy_from_slice(&chunk[..take]);
        let joined = &joined[..have + take];
        let width = utf8_width(joined[0]);
        self.pending_len = 0;
        match std::str::from_utf8(joined) {
            Ok(text) => {
                // `joined` may hold more than the one character: keep only that one.
                let first = text.chars().next().map_or(0, char::len_utf8);
                self.out.push_str(&text[..first]);
                first.saturating_sub(have)
            }
            Err(e) if e.valid_up_to() >= width => {
                self.out.push_str(std::str::from_utf8(&joined[..width]).unwrap_or("\u{FFFD}"));
                width - have
            }
            Err(e) => match e.error_len() {
                // Still incomplete: `chunk` was shorter than the rest of the character.
                None if !is_last => {
                    self.stash(joined);
                    take
                }
                None => {
                    self.replace();
                    take
                }
                // The pending bytes are a valid prefix, so the bad sequence is at least them.
                Some(bad) => {
                    self.replace();
                    bad.saturating_sub(have)
                }
            },
        }
    }

    /// The slow path for UTF-8 with malformed bytes: copies the valid runs and replaces each
    /// maximal invalid sequence with one U+FFFD, as `String::from_utf8_lossy` does.
    fn decode_utf8_lossy(&mut self, mut rest: &[u8], is_last: bool) {
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.out.push_str(text);
                    return;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match e.error_len() {
                        Some(bad) => {
                            self.replace();
                            rest = after.get(bad..).unwrap_or_default();
                        }
                        None if !is_last => {
                            self.stash(after);
                            return;
                        }
                        None => {
                            self.replace();
                            return;
                        }
                    }
                }
            }
        }
    }

    fn stash(&mut self, tail: &[u8]) {
        let len = tail.len().min(4);
        self.pending[..len].copy_from_slice(&tail[..len]);
        self.pending_len = len;
    }

    fn replace(&mut self) {
        self.out.push('\u{FFFD}');
        self.malformed += 1;
    }
}

/// Decodes a whole small input at once (previews, tests); large files go through
/// [`TextDecoder`] chunk by chunk.
///
/// ```
/// use borderlens_core::ingest::decode::decode_all;
/// use borderlens_core::ingest::sniff::TextEncoding;
///
/// assert_eq!(decode_all(b"C\xF4te d'Ivoire", TextEncoding::Windows1252), "Côte d'Ivoire");
/// assert_eq!(decode_all(b"\xC4\xBF\xB5\xC4\xB9\xFA", TextEncoding::Gb18030), "目的国");
/// ```
pub fn decode_all(bytes: &[u8], encoding: TextEncoding) -> String {
    TextDecoder::new(encoding).decode(bytes, true).to_owned()
}

fn legacy_decoder(encoding: TextEncoding) -> Option<Decoder> {
    let encoding: &'static Encoding = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => return None,
        TextEncoding::Utf16Le => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Gb18030 => GB18030,
        TextEncoding::Windows1252 => WINDOWS_1252,
    };
    // The BOM is dropped uniformly from the decoded text, for every encoding.
    Some(encoding.new_decoder_without_bom_handling())
}

fn decode_legacy(decoder: &mut Decoder, mut src: &[u8], is_last: bool, out: &mut String, malformed: &mut u64) {
    loop {
        let room = decoder
            .max_utf8_buffer_length_without_replacement(src.len())
            .unwrap_or_else(|| src.len().saturating_mul(3));
        out.reserve(room.max(16));
        let (result, read) = decoder.decode_to_string_without_replacement(src, out, is_last);
        src = src.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                out.push('\u{FFFD}');
                *malformed += 1;
            }
        }
    }
}

/// Where a UTF-8 sequence that is cut by the end of `bytes` starts (`bytes.len()` if none is):
/// such a tail waits for the next chunk. Only a valid prefix is held back, so that invalid
/// bytes are replaced the same way whatever the chunking.
fn incomplete_tail_start(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for start in (len.saturating_sub(3)..len).rev() {
        let byte = bytes[start];
        if byte & 0xC0 == 0x80 {
            continue; // continuation byte: the lead is further back
        }
        if start + utf8_width(byte) <= len {
            return len;
        }
        return match std::str::from_utf8(&bytes[start..]) {
            Err(e) if e.valid_up_to() == 0 && e.error_len().is_none() => start,
            _ => len,
        };
    }
    len
}

/// The length of the UTF-8 sequence a lead byte announces (1 for ASCII and stray bytes).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/text/", $name)).as_slice()
        };
    }

    const ZH_TABLE: &str = "运单号,发货日期,目的国\r\n\
        SF1001,2024-03-01,美国\r\n\
        SF1002,2024-03-02,科特迪瓦\r\n\
        SF1003,2024-03-05,德国\r\n";

    const LATIN_TABLE: &str = "order_id,country,city\r\n\
        1001,Côte d'Ivoire,Abidjan\r\n\
        1002,España,Málaga\r\n\
        1003,Brasil,São Paulo\r\n\
        1004,Deutschland,München\r\n";

    /// Decodes `bytes` cut into pieces at `cuts` (sorted byte offsets).
    fn decode_in_pieces(bytes: &[u8], encoding: TextEncoding, cuts: &[usize]) -> (String, u64) {
        let mut decoder = TextDecoder::new(encoding);
        let mut text = String::new();
        let mut start = 0;
        for &cut in cuts {
            let cut = cut.clamp(start, bytes.len());
            text.push_str(decoder.decode(&bytes[start..cut], false));
            start = cut;
        }
        text.push_str(decoder.decode(&bytes[start..], true));
        (text, decoder.malformed_count())
    }

    #[rstest]
    #[case::utf8_bom(fixture!("utf8_bom.csv"), TextEncoding::Utf8Bom, ZH_TABLE.to_owned())]
    #[case::utf16le_bom(fixture!("utf16le_bom.txt"), TextEncoding::Utf16Le, ZH_TABLE.replace(',', "\t"))]
    #[case::utf16be_bom(fixture!("utf16be_bom.txt"), TextEncoding::Utf16Be, ZH_TABLE.replace(',', "\t"))]
    #[case::gbk(fixture!("gbk_header.csv"), TextEncoding::Gb18030, ZH_TABLE.to_owned())]
    #[case::windows1252(fixture!("windows1252.csv"), TextEncoding::Windows1252, LATIN_TABLE.to_owned())]
    #[case::utf8(fixture!("crlf.csv"), TextEncoding::Utf8, LATIN_TABLE.to_owned())]
    fn decodes_fixtures(#[case] bytes: &[u8], #[case] encoding: TextEncoding, #[case] expected: String) {
        assert_eq!(decode_all(bytes, encoding), expected);
    }

    #[rstest]
    #[case::utf8_bom(fixture!("utf8_bom.csv"))]
    #[case::utf16le_bom(fixture!("utf16le_bom.txt"))]
    #[case::utf16be_bom(fixture!("utf16be_bom.txt"))]
    #[case::gbk(fixture!("gbk_header.csv"))]
    #[case::windows1252(fixture!("windows1252.csv"))]
    #[case::utf8_chinese(fixture!("title_rows.csv"))]
    fn chunk_boundaries_at_every_offset_change_nothing(#[case] bytes: &[u8]) {
        let encoding = crate::ingest::sniff::detect_encoding(bytes);
        let whole = decode_in_pieces(bytes, encoding, &[]);
        assert_eq!(whole.1, 0);
        for first in 0..=bytes.len() {
            assert_eq!(decode_in_pieces(bytes, encoding, &[first]), whole, "cut at {first}");
            for second in first..=bytes.len().min(first + 5) {
                assert_eq!(decode_in_pieces(bytes, encoding, &[first, second]), whole, "cuts at {first} and {second}");
            }
        }
        let one_byte_at_a_time: Vec<usize> = (0..bytes.len()).collect();
        assert_eq!(decode_in_pieces(bytes, encoding, &one_byte_at_a_time), whole);
    }

    #[test]
    fn valid_utf8_is_returned_without_copying() {
        let bytes = "运单号,目的国\n".as_bytes();
        let mut decoder = TextDecoder::new(TextEncoding::Utf8);
        let text = decoder.decode(bytes, false);
        assert_eq!(text, "运单号,目的国\n");
        assert!(std::ptr::eq(text.as_ptr(), bytes.as_ptr()));
    }

    #[test]
    fn a_character_cut_at_the_end_waits_for_the_next_chunk_without_copying_the_rest() {
        let bytes = "a,运".as_bytes();
        let mut decoder = TextDecoder::new(TextEncoding::Utf8);
        let first = decoder.decode(&bytes[..3], false);
        assert_eq!(first, "a,");
        assert!(std::ptr::eq(first.as_ptr(), bytes.as_ptr()));
        assert_eq!(decoder.decode(&bytes[3..], true), "运");
    }

    #[test]
    fn bom_split_across_chunks_is_dropped() {
        let mut decoder = TextDecoder::new(TextEncoding::Utf8Bom);
        assert_eq!(decoder.decode(&[0xEF], false), "");
        assert_eq!(decoder.decode(&[0xBB], false), "");
        assert_eq!(decoder.decode(&[0xBF, b'a'], false), "a");
        assert_eq!(decoder.decode("\u{FEFF}b".as_bytes(), true), "\u{FEFF}b");
    }

    #[rstest]
    #[case::stray_continuation(b"a\x80b".as_slice(), "a\u{FFFD}b", 1)]
    #[case::gbk_bytes_in_utf8(b"\xD4\xCB\xB5\xA5,x".as_slice(), "\u{FFFD}\u{2F5}\u{FFFD},x", 2)]
    #[case::cut_at_the_end_of_the_file(b"ab\xE8\xBF".as_slice(), "ab\u{FFFD}", 1)]
    #[case::truncated_then_ascii(b"\xF0\x9FA".as_slice(), "\u{FFFD}A", 1)]
    #[case::overlong(b"\xC0\xAF".as_slice(), "\u{FFFD}\u{FFFD}", 2)]
    fn malformed_utf8_becomes_replacement_characters(#[case] bytes: &[u8], #[case] expected: &str, #[case] count: u64) {
        for cut in 0..=bytes.len() {
            assert_eq!(
                decode_in_pieces(bytes, TextEncoding::Utf8, &[cut]),
                (expected.to_owned(), count),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn malformed_legacy_input_is_counted() {
        // A lone surrogate in UTF-16, and an odd byte left at the end.
        let bytes = [b'a', 0, 0x00, 0xD8, b'b', 0, b'c'];
        assert_eq!(decode_in_pieces(&bytes, TextEncoding::Utf16Le, &[]), ("a\u{FFFD}b\u{FFFD}".to_owned(), 2));
    }

    #[test]
    fn the_decoder_can_be_used_again_after_the_last_chunk() {
        let mut decoder = TextDecoder::new(TextEncoding::Gb18030);
        assert_eq!(decoder.decode(b"\xC4\xBF", true), "目");
        assert_eq!(decoder.decode(b"\xB5\xC4", true), "的");
    }

    proptest! {
        #[test]
        fn decoding_never_panics_and_chunking_changes_nothing(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
            mut cuts in proptest::collection::vec(0usize..300, 0..6),
            which in 0usize..6,
        ) {
            let encoding = [
                TextEncoding::Utf8,
                TextEncoding::Utf8Bom,
                TextEncoding::Utf16Le,
                TextEncoding::Utf16Be,
                TextEncoding::Gb18030,
                TextEncoding::Windows1252,
            ][which];
            cuts.sort_unstable();
            let whole = decode_in_pieces(&bytes, encoding, &[]);
            prop_assert_eq!(decode_in_pieces(&bytes, encoding, &cuts), whole);
        }

        #[test]
        fn valid_utf8_round_trips_in_any_chunking(
            text in "\\PC{0,80}",
            mut cuts in proptest::collection::vec(0usize..320, 0..6),
        ) {
            cuts.sort_unstable();
            let (decoded, malformed) = decode_in_pieces(text.as_bytes(), TextEncoding::Utf8, &cuts);
            prop_assert_eq!(decoded, text.strip_prefix('\u{FEFF}').unwrap_or(&text));
            prop_assert_eq!(malformed, 0);
        }
    }
}
