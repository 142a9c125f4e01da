//! Reads a browser `File` in slices with `FileReaderSync` (available in workers only), so
//! a 100 MB file is streamed through one reused buffer instead of copied whole.

use borderlens_core::ingest::source::ByteSource;
use web_sys::{File, FileReaderSync};

/// Bytes fetched from the file per `FileReaderSync` call. Each call costs about as much as
/// reading a megabyte (Chromium 156, a 112 MB file: 1 MiB calls ~750 ms in all, 8 MiB calls
/// ~250-330 ms), so the core's 1 MiB requests are served from one larger block.
const BLOCK_BYTES: u64 = 8 << 20;

pub struct FileSource {
    file: File,
    reader: Option<FileReaderSync>,
    /// The last block read: where it starts in the file, and its bytes.
    block: Option<(u64, js_sys::Uint8Array)>,
}

impl FileSource {
    pub fn new(file: File) -> FileSource {
        FileSource { file, reader: FileReaderSync::new().ok(), block: None }
    }

    fn read_block(&self, start: u64, end: u64) -> Result<js_sys::Uint8Array, String> {
        let reader = self.reader.as_ref().ok_or("FileReaderSync is not available")?;
        let blob = self.file.slice_with_f64_and_f64(start as f64, end as f64).map_err(|e| format!("{e:?}"))?;
        let array = reader.read_as_array_buffer(&blob).map_err(|e| format!("{e:?}"))?;
        Ok(js_sys::Uint8Array::new(&array))
    }
}

impl ByteSource for FileSource {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_into(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> Result<(), String> {
        let size = self.size();
        let start = offset.min(size);
        let end = offset.saturating_add(len as u64).min(size);
        buf.clear();
        if start == end {
            return Ok(());
        }
        let covered = |b: &(u64, js_sys::Uint8Array)| b.0 <= start && end <= b.0 + b.1.length() as u64;
        if !self.block.as_ref().is_some_and(covered) {
            let block_end = end.max(start.saturating_add(BLOCK_BYTES).min(size));
            self.block = Some((start, self.read_block(start, block_end)?));
        }
        let (block_start, bytes) = self.block.as_ref().ok_or("no block")?;
        let piece = bytes.subarray((start - block_start) as u32, (end - block_start) as u32);
        buf.resize(piece.length() as usize, 0);
        piece.copy_to(buf);
        Ok(())
    }
}
