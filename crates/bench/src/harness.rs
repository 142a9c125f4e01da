//! The peer harness's two result tables, computed from our loaded [`Shipments`].
//!
//! Definitions follow `../shared/bench/peers/queries.json`, which differ from the app's own
//! figures on purpose: the on-time and detention rates divide by *all* parcels of a group
//! (the app divides on-time by delivered parcels with a known promise), and the detention
//! rate counts every customs outcome other than `cleared` (an empty one is not counted, as
//! SQL's `<>` on NULL).

use borderlens_core::analysis::stats::DayCounts;
use borderlens_core::model::dict::{Dict, MISSING};
use borderlens_core::model::Shipments;
use serde::Serialize;

/// The harness file's customs column, which the bench maps to our `Status` field.
pub const CUSTOMS_OUTCOME: &str = "customs_outcome";
/// The customs outcome that is not a detention.
pub const CLEARED: &str = "cleared";

/// `[dest_country, carrier, n, delivered, on_time_rate, p50, p90, p95, stddev, detention_rate]`
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct DestCarrierRow(
    pub Option<String>,
    pub Option<String>,
    pub u64,
    pub u64,
    pub f64,
    pub Option<f64>,
    pub Option<f64>,
    pub Option<f64>,
    pub Option<f64>,
    pub f64,
);

/// `[hs_chapter, dest_country, n, detention_rate]`
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ChapterDestRow(pub Option<String>, pub Option<String>, pub u64, pub f64);

/// The `result` object of the harness's page contract.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct HarnessResult {
    pub by_dest_carrier: Vec<DestCarrierRow>,
    pub by_chapter_dest: Vec<ChapterDestRow>,
}

#[derive(Default, Clone)]
struct DestCarrier {
    n: u64,
    on_time: u64,
    detained: u64,
    transit: DayCounts,
}

/// Dense group slots for two dictionary columns: code `MISSING` gets the last slot.
struct Pairs {
    width: usize,
}

impl Pairs {
    fn slots(a: &Dict, b: &Dict) -> (Pairs, usize) {
        let width = b.values.len() + 1;
        (Pairs { width }, (a.values.len() + 1) * width)
    }

    fn slot(&self, a: u32, b: u32, a_len: usize) -> usize {
        let a = if a == MISSING { a_len } else { a as usize };
        let b = if b == MISSING { self.width - 1 } else { b as usize };
        a * self.width + b
    }

    fn codes(&self, slot: usize) -> (usize, usize) {
        (slot / self.width, slot % self.width)
    }
}

fn label(d: &Dict, code: usize) -> Option<String> {
    d.value(code as u32).map(str::to_owned)
}

/// Computes both tables in one pass over the rows. Fails if the shipments lack a field
/// the tables need.
pub fn compute(s: &Shipments) -> Result<HarnessResult, String> {
    let n = s.len();
    if s.hs_code.len() != n || s.status.len() != n {
        return Err("hs_code and customs outcome columns are required".into());
    }
    let cleared = s.status.values.iter().position(|v| v == CLEARED).map_or(MISSING - 1, |c| c as u32);
    let detained = |i: usize| {
        let c = s.status.codes[i];
        c != MISSING && c != cleared
    };

    let (dc, dc_slots) = Pairs::slots(&s.destination, &s.carrier);
    let mut dest_carrier = vec![DestCarrier::default(); dc_slots];
    // A chapter is the code's first two characters; HS codes are digits, so a chapter's
    // code is read straight from them (anything else goes through the dictionary).
    let mut chapters: Dict = Dict::default();
    let mut digit_chapters = [MISSING; 100];
    let mut chapter_of: Vec<u32> = Vec::with_capacity(n);
    for i in 0..n {
        let hs = s.hs_code.get(i);
        let chapter = hs.get(..2).unwrap_or(hs);
        chapter_of.push(match chapter.as_bytes() {
            [] => MISSING,
            &[a @ b'0'..=b'9', b @ b'0'..=b'9'] => {
                let slot = &mut digit_chapters[usize::from(a - b'0') * 10 + usize::from(b - b'0')];
                if *slot == MISSING {
                    *slot = chapters.intern(chapter);
                }
                *slot
            }
            _ => chapters.intern(chapter),
        });
    }
    let (cd, cd_slots) = Pairs::slots(&chapters, &s.destination);
    let mut chapter_dest = vec![(0u64, 0u64); cd_slots];

    let dests = s.destination.values.len();
    for i in 0..n {
        let is_detained = detained(i);
        let g = &mut dest_carrier[dc.slot(s.destination.codes[i], s.carrier.codes[i], dests)];
        g.n += 1;
        g.detained += is_detained as u64;
        if let Some(t) = s.transit_days[i] {
            g.transit.add(t);
        }
        g.on_time += (s.is_on_time(i) == Some(true)) as u64;
        let c = &mut chapter_dest[cd.slot(chapter_of[i], s.destination.codes[i], chapters.values.len())];
        c.0 += 1;
        c.1 += is_detained as u64;
    }

    let mut out = HarnessResult::default();
    for (slot, g) in dest_carrier.iter().enumerate().filter(|(_, g)| g.n > 0) {
        let (d, c) = dc.codes(slot);
        let n = g.n as f64;
        out.by_dest_carrier.push(DestCarrierRow(
            label(&s.destination, d),
            label(&s.carrier, c),
            g.n,
            g.transit.len(),
            g.on_time as f64 / n,
            g.transit.quantile(0.5),
            g.transit.quantile(0.9),
            g.transit.quantile(0.95),
            g.transit.std_dev(),
            g.detained as f64 / n,
        ));
    }
    for (slot, &(count, det)) in chapter_dest.iter().enumerate().filter(|(_, c)| c.0 > 0) {
        let (ch, d) = cd.codes(slot);
        out.by_chapter_dest.push(ChapterDestRow(
            label(&chapters, ch),
            label(&s.destination, d),
            count,
            det as f64 / count as f64,
        ));
    }
    Ok(out)
}

/// A small file in the harness's format (same 15 columns, plausible values), for warming up
/// the engine before a timed run: V8 runs wasm in its baseline tier until a function has
/// been busy for a while, and only the next call uses the optimised code.
pub fn sample_csv(rows: usize) -> String {
    const DESTS: [&str; 6] = ["US", "BR", "DE", "GB", "JP", "MX"];
    const CARRIERS: [&str; 5] = ["China Post", "Cainiao", "YunExpress", "4PX", "DHL Express"];
    const SERVICES: [&str; 4] = ["postal", "line-haul", "express", "sea"];
    const OUTCOMES: [&str; 4] = ["cleared", "cleared", "cleared", "returned"];
    const HS: [&str; 4] = ["851762", "610910", "090111", "420222"];
    let mut out = String::from(
        "order_id,sku,ship_date,delivered_date,promised_days,origin_country,dest_country,carrier,service,\
         weight_kg,declared_value_usd,hs_code,customs_outcome,customs_hold_days,shipping_cost_usd\n",
    );
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for i in 0..rows {
        let (month, day) = (1 + next(12), 1 + next(28));
        let transit = 3 + next(40);
        let delivered = if next(30) == 0 {
            String::new()
        } else {
            let d = borderlens_core::model::Date::from_ymd(2024, month as u32, day as u32)
                .map(|d| d.add_days(transit as i32).to_string());
            d.unwrap_or_default()
        };
        out.push_str(&format!(
            "CB{:010},SKU-{:08}-BK,2024-{month:02}-{day:02},{delivered},{},CN,{},{},{},{}.{:03},{}.{:02},{},{},0,{}.{:02}\n",
            i,
            next(99_999_999),
            10 + next(30),
            DESTS[next(6) as usize],
            CARRIERS[next(5) as usize],
            SERVICES[next(4) as usize],
            next(3),
            next(1000),
            next(200),
            next(100),
            HS[next(4) as usize],
            OUTCOMES[next(4) as usize],
            next(30),
            next(100),
        ));
    }
    out
}
