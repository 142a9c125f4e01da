//! Where a file's bytes come from: a browser `File` read in slices inside the worker, or a
//! byte buffer natively. The core reads through this trait so the whole file is never
//! copied at once.

/// Random access to a file's bytes.
pub trait ByteSource {
    /// The file's size in bytes.
    fn size(&self) -> u64;
    /// Reads up to `len` bytes at `offset` into `buf` (replacing its contents).
    fn read_into(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> Result<(), String>;

    /// Reads the whole file (workbooks need it all at once).
    fn read_all(&mut self) -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        self.read_into(0, self.size() as usize, &mut buf)?;
        Ok(buf)
    }
}

/// Bytes already in memory (tests, the demo data, native benchmarks).
pub struct MemorySource<'a>(pub &'a [u8]);

impl ByteSource for MemorySource<'_> {
    fn size(&self) -> u64 {
        self.0.len() as u64
    }

    fn read_into(&mut self, offset: u64, len: usize, buf: &mut Vec<u8>) -> Result<(), String> {
        let start = (offset as usize).min(self.0.len());
        let end = start.saturating_add(len).min(self.0.len());
        buf.clear();
        buf.extend_from_slice(&self.0[start..end]);
        Ok(())
    }
}
