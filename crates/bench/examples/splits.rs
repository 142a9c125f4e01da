//! Where the load time goes, natively: each stage of the pipeline timed alone.
//! `cargo run --release -p borderlens_bench --example splits -- FILE`
use borderlens_core::ingest::decode::TextDecoder;
use borderlens_core::ingest::delimited::RecordScanner;
use borderlens_core::ingest::preview::{preview_text, sniff};
use borderlens_core::ingest::sniff::TextEncoding;
use borderlens_core::ingest::source::MemorySource;
use borderlens_core::ingest::table::{LoadSettings, TableLoader};
use borderlens_core::mapping::{detect_kind, Field};
use borderlens_core::model::Shipments;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let bytes = std::fs::read(&path).unwrap();
    let t = Instant::now();
    let ms = |t: &Instant| t.elapsed().as_secs_f64() * 1e3;

    let mut src = MemorySource(&bytes);
    let _ = sniff("x.csv", &mut src).unwrap();
    let preview = preview_text(&mut src).unwrap();
    let headers = preview.headers();
    let mut mapping = detect_kind(&headers, &preview.samples);
    if !mapping.has(Field::Status) {
        mapping.assign(Field::Status, headers.iter().position(|h| h == "customs_outcome"));
    }
    println!("open {:.1}", ms(&t));
    for f in mapping.fields.iter().filter(|f| f.column.is_some()) {
        println!("  {:?} <- {} ({:?} {:.2})", f.field, headers[f.column.unwrap()], f.basis, f.confidence);
    }

    // decode + scan only
    let t = Instant::now();
    let mut n = 0u64;
    let mut dec = TextDecoder::new(preview.encoding.unwrap_or(TextEncoding::Utf8));
    let mut sc = RecordScanner::new(b',');
    let mut sink = |r: borderlens_core::ingest::delimited::Record<'_>| n += r.fields.len() as u64;
    for (i, chunk) in bytes.chunks(1 << 20).enumerate() {
        let last = (i + 1) * (1 << 20) >= bytes.len();
        let text = dec.decode(chunk, last);
        sc.feed(text, &mut sink);
    }
    sc.finish(&mut sink);
    println!("decode+scan {:.1} ({n} fields)", ms(&t));

    // per field kind: load with only one field mapped
    for f in mapping.fields.iter().filter(|f| f.column.is_some()) {
        let mut m = mapping.clone();
        for g in &mut m.fields {
            if g.field != f.field {
                g.column = None;
            }
        }
        let t = Instant::now();
        let mut loader = TableLoader::new(&m, &headers, LoadSettings::default());
        let mut dec = TextDecoder::new(TextEncoding::Utf8);
        let mut sc = RecordScanner::new(b',');
        let mut first = true;
        let mut sink = |r: borderlens_core::ingest::delimited::Record<'_>| {
            if first {
                first = false;
            } else {
                loader.push(r.line, r.fields)
            }
        };
        for (i, chunk) in bytes.chunks(1 << 20).enumerate() {
            let last = (i + 1) * (1 << 20) >= bytes.len();
            sc.feed(dec.decode(chunk, last), &mut sink);
        }
        sc.finish(&mut sink);
        let pushed = ms(&t);
        let table = loader.finish();
        println!("  only {:?}: push {:.1} finish {:.1}", f.field, pushed, ms(&t) - pushed);
        drop(table);
    }

    let t = Instant::now();
    let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
    let mut dec = TextDecoder::new(TextEncoding::Utf8);
    let mut sc = RecordScanner::new(b',');
    let mut first = true;
    let mut sink = |r: borderlens_core::ingest::delimited::Record<'_>| {
        if first {
            first = false;
        } else {
            loader.push(r.line, r.fields)
        }
    };
    for (i, chunk) in bytes.chunks(1 << 20).enumerate() {
        let last = (i + 1) * (1 << 20) >= bytes.len();
        sc.feed(dec.decode(chunk, last), &mut sink);
    }
    sc.finish(&mut sink);
    println!("all push {:.1}", ms(&t));
    let t = Instant::now();
    let table = loader.finish();
    println!("finish {:.1}", ms(&t));
    let t = Instant::now();
    let (s, _table) = Shipments::from_table(table, None);
    println!("from_table {:.1}", ms(&t));
    for w in _table.warnings.clone().into_vec() {
        println!("  warning {:?} x{}", w.kind, w.count);
    }
    let t = Instant::now();
    let r = borderlens_core::analysis::logistics::analyse(&[&s], &Default::default());
    println!("analyse {:.1} ({} groups)", ms(&t), r.groups.len());
}
#[allow(dead_code)]
fn unused() {}
