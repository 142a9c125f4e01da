//! Where the load's time and memory go, natively: each stage of the app's pipeline timed
//! alone, with the heap's current and peak size after it (a counting allocator).
//!
//! `cargo run --release -p borderlens_bench --example splits -- FILE`
use borderlens_core::ingest::decode::TextDecoder;
use borderlens_core::ingest::delimited::{Record, RecordScanner};
use borderlens_core::ingest::load::load_table;
use borderlens_core::ingest::preview::{preview_text, sniff};
use borderlens_core::ingest::sniff::TextEncoding;
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::ingest::table::{LoadSettings, TableLoader};
use borderlens_core::mapping::{detect_kind, Field};
use borderlens_core::model::Shipments;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        // Counted as the worst case: old and new blocks alive at once.
        let n = NOW.fetch_add(new, Relaxed) + new;
        PEAK.fetch_max(n, Relaxed);
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(x: usize) -> f64 {
    x as f64 / (1 << 20) as f64
}

fn stage(name: &str, t: Instant, base: usize) {
    println!(
        "{name:<28} {:8.1} ms   heap {:7.1} MB   peak {:7.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        mb(NOW.load(Relaxed) - base),
        mb(PEAK.load(Relaxed) - base)
    );
    PEAK.store(NOW.load(Relaxed), Relaxed);
}

fn feed(bytes: &[u8], sink: &mut dyn FnMut(Record<'_>)) {
    let mut decoder = TextDecoder::new(TextEncoding::Utf8);
    let mut scanner = RecordScanner::new(b',');
    let chunks = bytes.len().div_ceil(1 << 20);
    for (i, chunk) in bytes.chunks(1 << 20).enumerate() {
        scanner.feed(decoder.decode(chunk, i + 1 == chunks), sink);
    }
    scanner.finish(sink);
}

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let only = std::env::args().nth(2).is_some_and(|a| a == "--per-field");
    let bytes = std::fs::read(&path).expect("readable file");
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);

    let t = Instant::now();
    let mut src = MemorySource(&bytes);
    let format = sniff("x.csv", &mut src).expect("sniffed");
    let preview = preview_text(&mut src).expect("preview");
    let headers = preview.headers();
    let mut mapping = detect_kind(&headers, &preview.samples);
    if !mapping.has(Field::Status) {
        mapping.assign(Field::Status, headers.iter().position(|h| h == "customs_outcome"));
    }
    stage(&format!("open ({format:?})"), t, base);

    let t = Instant::now();
    let mut fields = 0u64;
    feed(&bytes, &mut |r| fields += r.fields.len() as u64);
    stage("decode + scan only", t, base);

    if only {
        for f in mapping.fields.iter().filter(|f| f.column.is_some()) {
            let mut m = mapping.clone();
            m.fields.iter_mut().filter(|g| g.field != f.field).for_each(|g| g.column = None);
            let t = Instant::now();
            let mut loader = TableLoader::new(&m, &headers, LoadSettings::default());
            let mut first = true;
            feed(&bytes, &mut |r| {
                if !std::mem::take(&mut first) {
                    loader.push(r.line, r.fields)
                }
            });
            drop(loader.finish());
            stage(&format!("  scan + only {:?}", f.field), t, base);
        }
    }

    let t = Instant::now();
    let table = load_table(&preview, &mapping, &mut MemorySource(&bytes), None, &mut |_| {}).expect("loaded");
    stage("load_table (scan+push+finish)", t, base);
    let t = Instant::now();
    let (s, table) = Shipments::from_table(table, None);
    stage("Shipments::from_table", t, base);
    drop(table);
    stage("  (table dropped)", Instant::now(), base);
    let t = Instant::now();
    let r = borderlens_core::analysis::logistics::analyse(&[&s], &Default::default());
    stage("logistics::analyse", t, base);
    let t = Instant::now();
    let json = serde_json::to_string(&r).expect("json");
    stage("report JSON", t, base);
    println!("{} rows, {} groups, report {:.1} MB", s.len(), r.groups.len(), mb(json.len()));
}
