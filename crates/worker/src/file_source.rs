//! Reads a browser `File` in slices with `FileReaderSync` (available in workers only), so
//! a 100 MB file is streamed through one reused buffer instead of copied whole.

use borderlens_core::ingest::source::ByteSource;
use web_sys::{File, FileReaderSync};

pub struct FileSource {
    file: File,
    reader: Option<FileReaderSync>,
}

impl FileSource {
    pub fn new(file: File) -> FileSource {
        FileSource { file, reader: FileReaderSync::new().ok() }
    }
}

impl ByteSource for FileSource {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_into(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> Result<(), String> {
        let reader = self.reader.as_ref().ok_or("FileReaderSync is not available")?;
        let size = self.size();
        let start = offset.min(size);
        let end = offset.saturating_add(len as u64).min(size);
        buf.clear();
        if start == end {
            return Ok(());
        }
        let blob = self.file.slice_with_f64_and_f64(start as f64, end as f64).map_err(|e| format!("{e:?}"))?;
        let array = reader.read_as_array_buffer(&blob).map_err(|e| format!("{e:?}"))?;
        let bytes = js_sys::Uint8Array::new(&array);
        buf.resize(bytes.length() as usize, 0);
        bytes.copy_to(buf);
        Ok(())
    }
}
