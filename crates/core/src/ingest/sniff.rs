//! Sniffing: what a dropped file is (text table or which workbook) and how its text is encoded.

use encoding_rs::{DecoderResult, GB18030};
use memchr::memmem;
use serde::{Deserialize, Serialize};

use super::decode::TextDecoder;

/// How many leading bytes the sniffers look at; longer heads are cut to this length.
pub const SNIFF_LEN: usize = 64 * 1024;

/// The container a file's bytes are in, which decides the reader that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileFormat {
    /// Text in rows: CSV, TSV, semicolon- or pipe-separated, in any encoding.
    Delimited,
    /// Office Open XML workbook (a zip with `xl/` parts).
    Xlsx,
    /// Legacy Excel workbook (an OLE2 compound file).
    Xls,
    /// OpenDocument spreadsheet (a zip whose `mimetype` says so).
    Ods,
}

/// What a file that is not a table looks like, so the UI can say more than "unreadable".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinaryKind {
    /// A PDF document (e.g. an invoice exported instead of the data).
    Pdf,
    /// A picture: PNG, JPEG, GIF, WebP, TIFF, BMP, ICO, HEIC/AVIF.
    Image,
    /// A compressed archive, including a zip that is neither xlsx nor ods (e.g. docx).
    Archive,
    /// A program or library (PE, ELF, Mach-O, wasm, Java class).
    Executable,
    /// Binary data of no kind recognised here.
    Unknown,
}

/// Why a file cannot be read as a table at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SniffError {
    /// The file has no bytes, or only whitespace and a byte order mark.
    #[error("the file is empty")]
    Empty,
    /// Not a spreadsheet or text table.
    #[error("the file is not a spreadsheet or a text table (it looks like {kind:?})")]
    Binary {
        /// What the bytes look like instead.
        kind: BinaryKind,
    },
}

/// Tells which reader a file needs, from its first bytes (up to [`SNIFF_LEN`]) and its name.
///
/// A zip with `[Content_Types].xml`/`xl/` parts is [`FileFormat::Xlsx`], a zip whose `mimetype`
/// entry says `opendocument.spreadsheet` is [`FileFormat::Ods`] (the extension breaks the tie
/// when the head shows neither), the OLE2 magic `D0 CF 11 E0` is [`FileFormat::Xls`], text in
/// any supported encoding with few control characters is [`FileFormat::Delimited`], anything
/// else is [`SniffError::Binary`]. Zero bytes, or only whitespace and a BOM, is
/// [`SniffError::Empty`]. The content wins over the name: Chinese platforms often name CSV
/// exports `.xls`.
///
/// ```
/// use borderlens_core::ingest::sniff::{detect_format, BinaryKind, FileFormat, SniffError};
///
/// assert_eq!(detect_format("运单.csv", "运单号,目的国\n1,美国\n".as_bytes()), Ok(FileFormat::Delimited));
/// assert_eq!(detect_format("report.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Ok(FileFormat::Xls));
/// assert_eq!(
///     detect_format("scan.csv", b"%PDF-1.7\n%\xE2\xE3"),
///     Err(SniffError::Binary { kind: BinaryKind::Pdf })
/// );
/// assert_eq!(detect_format("empty.csv", b"\xEF\xBB\xBF \r\n"), Err(SniffError::Empty));
/// ```
pub fn detect_format(file_name: &str, head: &[u8]) -> Result<FileFormat, SniffError> {
    let head = cut(head);
    if head.is_empty() {
        return Err(SniffError::Empty);
    }
    if let Some(found) = sniff_magic(file_name, head) {
        return found;
    }
    let (chars, suspicious, blank) = text_stats(head);
    if blank {
        return Err(SniffError::Empty);
    }
    // Real exports have next to no control characters; binary data decoded as Windows-1252
    // has about one in eight.
    if suspicious * 50 > chars {
        let kind = if head.starts_with(b"MZ") {
            BinaryKind::Executable
        } else if head.starts_with(b"BM") {
            BinaryKind::Image
        } else {
            BinaryKind::Unknown
        };
        return Err(SniffError::Binary { kind });
    }
    Ok(FileFormat::Delimited)
}

/// A text encoding the decoder supports; all of them are turned into UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 starting with `EF BB BF` (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text"), with or without BOM.
    Utf16Le,
    /// UTF-16 big-endian, with or without BOM.
    Utf16Be,
    /// GB18030, the superset of GBK and GB2312 that Chinese Excel writes as "CSV".
    Gb18030,
    /// Windows-1252 (a superset of Latin-1), the fallback that never fails.
    Windows1252,
}

/// Guesses the encoding of a text file from its first bytes (up to [`SNIFF_LEN`]).
///
/// Byte order marks win; UTF-16 without BOM is recognised by its NUL bytes (every ASCII
/// character has one); valid UTF-8 is [`TextEncoding::Utf8`] even when `head` cuts a
/// multi-byte sequence at its end; otherwise [`TextEncoding::Gb18030`] if the bytes decode
/// without errors and the non-ASCII characters come in runs as Chinese words do (Latin text
/// misread as GBK gives lone characters between ASCII letters); else
/// [`TextEncoding::Windows1252`].
///
/// ```
/// use borderlens_core::ingest::sniff::{detect_encoding, TextEncoding};
///
/// assert_eq!(detect_encoding("运单号,目的国".as_bytes()), TextEncoding::Utf8);
/// assert_eq!(detect_encoding(b"\xD4\xCB\xB5\xA5\xBA\xC5,\xC4\xBF\xB5\xC4\xB9\xFA"), TextEncoding::Gb18030);
/// assert_eq!(detect_encoding(b"C\xF4te d'Ivoire"), TextEncoding::Windows1252);
/// ```
pub fn detect_encoding(head: &[u8]) -> TextEncoding {
    let head = cut(head);
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return TextEncoding::Utf8Bom;
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return TextEncoding::Utf16Le;
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return TextEncoding::Utf16Be;
    }
    if let Some(utf16) = utf16_by_nuls(head) {
        return utf16;
    }
    match std::str::from_utf8(head) {
        Ok(_) => return TextEncoding::Utf8,
        // Only an incomplete sequence at the very end: `head` was cut inside a character.
        Err(e) if e.error_len().is_none() => return TextEncoding::Utf8,
        Err(_) => {}
    }
    if looks_like_gb18030(head) {
        TextEncoding::Gb18030
    } else {
        TextEncoding::Windows1252
    }
}

fn cut(head: &[u8]) -> &[u8] {
    &head[..head.len().min(SNIFF_LEN)]
}

/// Recognises containers and binary formats by their magic numbers; `None` means "maybe text".
/// Only magics that no text table could start with are checked here; weak ones (`MZ`, `BM`)
/// only name the kind once the text check has failed.
fn sniff_magic(file_name: &str, head: &[u8]) -> Option<Result<FileFormat, SniffError>> {
    let binary = |kind| Some(Err(SniffError::Binary { kind }));
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Some(zip_format(file_name, head));
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(Ok(FileFormat::Xls));
    }
    if starts(b"%PDF-") {
        return binary(BinaryKind::Pdf);
    }
    let is_image = starts(b"\x89PNG\r\n\x1a\n")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || (starts(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || starts(&[0, 0, 1, 0])
        || matches!(head.get(4..12), Some(b"ftypheic" | b"ftypheix" | b"ftypavif" | b"ftypmif1"));
    if is_image {
        return binary(BinaryKind::Image);
    }
    let is_archive = starts(&[0x1F, 0x8B])
        || starts(b"7z\xBC\xAF\x27\x1C")
        || starts(b"Rar!\x1A\x07")
        || starts(&[0xFD, b'7', b'z', b'X', b'Z', 0])
        || starts(&[0x28, 0xB5, 0x2F, 0xFD])
        || (starts(b"BZh") && head.get(4..10) == Some(b"1AY&SY"));
    if is_archive {
        return binary(BinaryKind::Archive);
    }
    let is_executable = starts(b"\x7FELF")
        || starts(&[0xFE, 0xED, 0xFA, 0xCE])
        || starts(&[0xFE, 0xED, 0xFA, 0xCF])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(&[0xCA, 0xFE, 0xBA, 0xBE])
        || starts(b"\0asm");
    if is_executable {
        return binary(BinaryKind::Executable);
    }
    None
}

/// Tells an xlsx from an ods from any other zip. Entry names are stored uncompressed in the
/// local headers, so they show in the head; the extension decides only when they don't.
fn zip_format(file_name: &str, head: &[u8]) -> Result<FileFormat, SniffError> {
    let has = |needle: &[u8]| memmem::find(head, needle).is_some();
    let archive = Err(SniffError::Binary { kind: BinaryKind::Archive });
    if has(b"application/vnd.oasis.opendocument.spreadsheet") {
        return Ok(FileFormat::Ods);
    }
    if has(b"application/vnd.oasis.opendocument.") {
        return archive; // odt, odp, …
    }
    if has(b"xl/") {
        return Ok(FileFormat::Xlsx);
    }
    if has(b"word/") || has(b"ppt/") {
        return archive;
    }
    let extension = extension(file_name);
    if has(b"[Content_Types].xml") {
        return match extension.as_str() {
            "docx" | "docm" | "pptx" | "pptm" => archive,
            _ => Ok(FileFormat::Xlsx),
        };
    }
    match extension.as_str() {
        "xlsx" | "xlsm" | "xltx" | "xltm" => Ok(FileFormat::Xlsx),
        "ods" | "ots" => Ok(FileFormat::Ods),
        _ => archive,
    }
}

fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

/// Decodes the head with the detected encoding and counts (characters, suspicious characters,
/// whether all of it is whitespace). Suspicious: control characters other than tab, line
/// breaks and form feed, C1 controls, and replacement characters for malformed input.
fn text_stats(head: &[u8]) -> (usize, usize, bool) {
    let mut decoder = TextDecoder::new(detect_encoding(head));
    let text = decoder.decode(head, false);
    let (mut chars, mut suspicious, mut blank) = (0usize, 0usize, true);
    for c in text.chars() {
        chars += 1;
        if !(c.is_whitespace() || c == '\u{FEFF}') {
            blank = false;
        }
        let control = (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0C'))
            || ('\u{7F}'..='\u{9F}').contains(&c)
            || c == '\u{FFFD}';
        if control {
            suspicious += 1;
        }
    }
    (chars, suspicious, blank)
}

/// UTF-16 without BOM: ASCII characters (digits, delimiters, line breaks) carry a NUL byte on
/// one side of each pair, and text tables are full of them.
fn utf16_by_nuls(head: &[u8]) -> Option<TextEncoding> {
    let (mut even, mut odd, mut pairs) = (0usize, 0usize, 0usize);
    for pair in head.chunks_exact(2) {
        pairs += 1;
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if pairs == 0 {
        return None;
    }
    if odd * 4 >= pairs && even * 4 < odd {
        Some(TextEncoding::Utf16Le)
    } else if even * 4 >= pairs && odd * 4 < even {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Whether `head` reads as Chinese in GB18030: no decoding errors (a sequence cut at the end is
/// fine), and most non-ASCII characters stand in runs of two or more, as Chinese words do.
/// Latin-1 text also decodes as GBK surprisingly often (`ô` + `t` is a valid pair), but then
/// every "character" stands alone between ASCII letters.
fn looks_like_gb18030(head: &[u8]) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity =
        decoder.max_utf8_buffer_length_without_replacement(head.len()).unwrap_or(head.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, _) = decoder.decode_to_string_without_replacement(head, &mut text, false);
    if result != DecoderResult::InputEmpty {
        return false;
    }
    let (mut in_runs, mut alone, mut run) = (0usize, 0usize, 0usize);
    let mut close_run = |run: &mut usize| {
        match *run {
            0 => {}
            1 => alone += 1,
            n => in_runs += n,
        }
        *run = 0;
    };
    for c in text.chars() {
        if c.is_ascii() {
            close_run(&mut run);
        } else {
            run += 1;
        }
    }
    close_run(&mut run);
    in_runs >= 2 && in_runs >= alone
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

    #[rstest]
    #[case::utf8_bom(fixture!("utf8_bom.csv"), TextEncoding::Utf8Bom)]
    #[case::utf16le_bom(fixture!("utf16le_bom.txt"), TextEncoding::Utf16Le)]
    #[case::utf16be_bom(fixture!("utf16be_bom.txt"), TextEncoding::Utf16Be)]
    #[case::gbk(fixture!("gbk_header.csv"), TextEncoding::Gb18030)]
    #[case::windows1252_that_also_decodes_as_gbk(fixture!("windows1252.csv"), TextEncoding::Windows1252)]
    #[case::plain_utf8(fixture!("quoted.csv"), TextEncoding::Utf8)]
    #[case::utf8_chinese(fixture!("title_rows.csv"), TextEncoding::Utf8)]
    #[case::cr_only(fixture!("cr_only.csv"), TextEncoding::Utf8)]
    #[case::empty(fixture!("empty.csv"), TextEncoding::Utf8)]
    fn detects_fixture_encodings(#[case] bytes: &[u8], #[case] expected: TextEncoding) {
        assert_eq!(detect_encoding(bytes), expected);
    }

    #[rstest]
    #[case::utf16le_without_bom(b"a\0,\0b\0\n\0".as_slice(), TextEncoding::Utf16Le)]
    #[case::utf16be_without_bom(b"\0a\0,\0b\0\n".as_slice(), TextEncoding::Utf16Be)]
    #[case::chinese_utf16le_without_bom(&[0xD0, 0x8F, 0x55, 0x53, b',', 0, b'1', 0], TextEncoding::Utf16Le)]
    #[case::utf8_cut_inside_a_character(&"运单号".as_bytes()[..8], TextEncoding::Utf8)]
    #[case::gbk_cut_inside_a_character(&[0xD4, 0xCB, 0xB5, 0xA5, 0xBA], TextEncoding::Gb18030)]
    #[case::portuguese_latin1(b"Concei\xE7\xE3o;S\xE3o Paulo;Bel\xE9m".as_slice(), TextEncoding::Windows1252)]
    #[case::invalid_gbk_falls_back(b"\xFFA".as_slice(), TextEncoding::Windows1252)]
    fn detects_encoding_from_bytes(#[case] bytes: &[u8], #[case] expected: TextEncoding) {
        assert_eq!(detect_encoding(bytes), expected);
    }

    #[rstest]
    #[case::utf8_bom(fixture!("utf8_bom.csv"))]
    #[case::utf16le_bom(fixture!("utf16le_bom.txt"))]
    #[case::utf16be_bom(fixture!("utf16be_bom.txt"))]
    #[case::gbk(fixture!("gbk_header.csv"))]
    #[case::windows1252(fixture!("windows1252.csv"))]
    #[case::cr_only(fixture!("cr_only.csv"))]
    #[case::crlf(fixture!("crlf.csv"))]
    #[case::semicolon(fixture!("semicolon.csv"))]
    #[case::tab(fixture!("tab.tsv"))]
    #[case::pipe(fixture!("pipe.txt"))]
    #[case::quoted(fixture!("quoted.csv"))]
    #[case::title_rows(fixture!("title_rows.csv"))]
    #[case::one_field(fixture!("one_field.csv"))]
    fn text_fixtures_are_delimited(#[case] bytes: &[u8]) {
        assert_eq!(detect_format("export.csv", bytes), Ok(FileFormat::Delimited));
    }

    #[rstest]
    #[case::xlsx_parts("whatever.bin", fixture!("sniff_xlsx_parts.zip"), Ok(FileFormat::Xlsx))]
    #[case::ods_mimetype("whatever.bin", fixture!("sniff_ods_mimetype.zip"), Ok(FileFormat::Ods))]
    #[case::plain_zip("data.zip", fixture!("sniff_plain.zip"), Err(SniffError::Binary { kind: BinaryKind::Archive }))]
    #[case::zip_named_xlsx("book.XLSX", fixture!("sniff_plain.zip"), Ok(FileFormat::Xlsx))]
    #[case::zip_named_ods("book.ods", fixture!("sniff_plain.zip"), Ok(FileFormat::Ods))]
    #[case::docx(
        "letter.docx",
        b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml....word/document.xml".as_slice(),
        Err(SniffError::Binary { kind: BinaryKind::Archive })
    )]
    #[case::xls("book.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], Ok(FileFormat::Xls))]
    #[case::csv_named_xls("export.xls", b"a,b\r\n1,2\r\n".as_slice(), Ok(FileFormat::Delimited))]
    fn tells_workbooks_apart(
        #[case] name: &str,
        #[case] bytes: &[u8],
        #[case] expected: Result<FileFormat, SniffError>,
    ) {
        assert_eq!(detect_format(name, bytes), expected);
    }

    #[rstest]
    #[case::png(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(), BinaryKind::Image)]
    #[case::jpeg(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'], BinaryKind::Image)]
    #[case::gif(b"GIF89a\x01\0\x01\0".as_slice(), BinaryKind::Image)]
    #[case::pdf(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj".as_slice(), BinaryKind::Pdf)]
    #[case::gzip(&[0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0], BinaryKind::Archive)]
    #[case::rar(b"Rar!\x1A\x07\x01\0".as_slice(), BinaryKind::Archive)]
    #[case::elf(b"\x7FELF\x02\x01\x01\0".as_slice(), BinaryKind::Executable)]
    #[case::windows_exe(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0".as_slice(), BinaryKind::Executable)]
    #[case::bmp(b"BM\x36\x00\x0C\0\0\0\0\0\x36\0\0\0\x28\0".as_slice(), BinaryKind::Image)]
    fn names_binary_kinds(#[case] bytes: &[u8], #[case] kind: BinaryKind) {
        assert_eq!(detect_format("upload.csv", bytes), Err(SniffError::Binary { kind }));
    }

    #[test]
    fn random_bytes_are_unknown_binary() {
        // A fixed xorshift stream: stands for compressed or encrypted data.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        assert_eq!(detect_format("data.csv", &bytes), Err(SniffError::Binary { kind: BinaryKind::Unknown }));
    }

    #[rstest]
    #[case::no_bytes(b"".as_slice())]
    #[case::fixture(fixture!("empty.csv"))]
    #[case::only_bom(&[0xEF, 0xBB, 0xBF])]
    #[case::bom_and_blank_lines(b"\xEF\xBB\xBF\r\n \r\n\t\n".as_slice())]
    #[case::utf16_bom_and_spaces(b"\xFF\xFE \0\r\0\n\0".as_slice())]
    fn blank_files_are_empty(#[case] bytes: &[u8]) {
        assert_eq!(detect_format("empty.csv", bytes), Err(SniffError::Empty));
    }

    #[test]
    fn a_single_value_is_delimited_text() {
        assert_eq!(detect_format("one.csv", b"42"), Ok(FileFormat::Delimited));
    }

    #[test]
    fn looks_only_at_the_first_64_kib() {
        let mut bytes = b"a,b\n".repeat(SNIFF_LEN / 4);
        bytes.extend_from_slice(&[0u8; 1000]);
        assert_eq!(detect_format("big.csv", &bytes), Ok(FileFormat::Delimited));
    }

    proptest! {
        #[test]
        fn sniffing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512), name in ".{0,12}") {
            let _ = detect_format(&name, &bytes);
            let _ = detect_encoding(&bytes);
        }
    }
}
