//! Demo sales and stock: two years of a seller's orders with Black Friday, Christmas, 11.11
//! and Prime Day peaks, an FBA-style inventory snapshot, two warehouses (one nearly full
//! before the peak) and inbound purchase orders.

use super::Rng;
use crate::model::Date;

/// A product of the demo catalogue.
pub struct Product {
    pub sku: &'static str,
    pub name: &'static str,
    /// Mean units a day outside peaks.
    pub base_daily: f64,
    pub price_usd: f64,
    /// Cubic metres per unit.
    pub unit_m3: f64,
    /// How strongly it peaks in Q4 (gift-like products more).
    pub q4: f64,
}

pub const PRODUCTS: &[Product] = &[
    Product {
        sku: "EB-TWS-01",
        name: "Wireless earbuds, noise cancelling",
        base_daily: 9.0,
        price_usd: 24.99,
        unit_m3: 0.0009,
        q4: 2.2,
    },
    Product {
        sku: "EB-TWS-02",
        name: "Sport earbuds with ear hooks",
        base_daily: 4.0,
        price_usd: 19.99,
        unit_m3: 0.0010,
        q4: 1.9,
    },
    Product {
        sku: "PC-IP15-CLR",
        name: "Clear phone case, iPhone 15",
        base_daily: 14.0,
        price_usd: 9.99,
        unit_m3: 0.0004,
        q4: 1.3,
    },
    Product {
        sku: "PC-IP15-MAG",
        name: "Magnetic phone case, iPhone 15",
        base_daily: 7.0,
        price_usd: 14.99,
        unit_m3: 0.0004,
        q4: 1.4,
    },
    Product {
        sku: "CH-65W-GAN",
        name: "65W GaN USB-C charger",
        base_daily: 6.0,
        price_usd: 29.99,
        unit_m3: 0.0006,
        q4: 1.8,
    },
    Product {
        sku: "CB-USBC-2M",
        name: "USB-C cable 2 m, braided",
        base_daily: 11.0,
        price_usd: 7.99,
        unit_m3: 0.0003,
        q4: 1.5,
    },
    Product {
        sku: "LED-STRIP-5M",
        name: "LED strip lights 5 m, app control",
        base_daily: 5.0,
        price_usd: 17.99,
        unit_m3: 0.0015,
        q4: 2.6,
    },
    Product {
        sku: "KN-CARD-W",
        name: "Women's knit cardigan",
        base_daily: 3.5,
        price_usd: 32.99,
        unit_m3: 0.0040,
        q4: 2.4,
    },
    Product {
        sku: "SN-RUN-M",
        name: "Men's running sneakers",
        base_daily: 2.5,
        price_usd: 45.99,
        unit_m3: 0.0090,
        q4: 1.7,
    },
    Product {
        sku: "TOY-BLK-500",
        name: "Building blocks set, 500 pieces",
        base_daily: 2.0,
        price_usd: 27.99,
        unit_m3: 0.0060,
        q4: 3.8,
    },
];

const COUNTRIES: &[(&str, f64)] =
    &[("US", 55.0), ("DE", 10.0), ("GB", 9.0), ("FR", 6.0), ("CA", 6.0), ("BR", 5.0), ("MX", 5.0), ("ES", 4.0)];

/// The day after the fourth Thursday of November.
fn black_friday(year: i32) -> Date {
    let nov1 = Date::from_ymd(year, 11, 1).expect("date");
    let first_thursday = nov1.add_days((3 + 7 - nov1.weekday() as i32) % 7);
    first_thursday.add_days(21 + 1)
}

/// How much busier a day is than usual: weekly rhythm, Q4 season and shopping events.
fn day_factor(day: Date, q4: f64) -> f64 {
    let (year, month, dom) = day.ymd();
    let weekly = match day.weekday() {
        0 => 1.05,
        5 | 6 => 1.15,
        _ => 0.95,
    };
    let season = match month {
        10 => 1.0 + 0.15 * (q4 - 1.0),
        11 => 1.0 + 0.45 * (q4 - 1.0),
        12 if dom <= 20 => 1.0 + 0.6 * (q4 - 1.0),
        12 => 0.9,
        1 => 0.75,
        2 => 0.85,
        7 => 1.05,
        _ => 1.0,
    };
    let bf = black_friday(year);
    let events = if day >= bf && day <= bf.add_days(3) {
        2.2
    } else if month == 11 && dom == 11 {
        1.8
    } else if month == 7 && (9..=10).contains(&dom) {
        1.9 // Prime Day
    } else {
        1.0
    };
    weekly * season * events
}

/// Draws a Poisson count (small means: inversion; large: normal approximation).
fn poisson(rng: &mut Rng, mean: f64) -> u32 {
    if mean > 30.0 {
        return (mean + mean.sqrt() * rng.normal()).round().max(0.0) as u32;
    }
    let l = (-mean).exp();
    let (mut k, mut p) = (0u32, 1.0);
    loop {
        p *= rng.uniform();
        if p <= l {
            return k;
        }
        k += 1;
    }
}

/// Two years of order lines before `anchor` (Amazon-style headers), with returns,
/// cancellations and postage lines mixed in as real exports have them.
pub fn orders_csv(anchor: Date) -> String {
    let mut rng = Rng::new(0x5A1E_5DA7);
    let mut out = String::with_capacity(3_000_000);
    out.push_str("order-id,purchase-date,sku,product-name,quantity,item-price,currency,ship-country,sales-channel,order-status\n");
    let weights: Vec<f64> = COUNTRIES.iter().map(|c| c.1).collect();
    let start = anchor.add_days(-730);
    let mut n = 0u64;
    for offset in 0..730 {
        let day = start.add_days(offset);
        // A slow growth of the business over the two years.
        let growth = 0.8 + 0.4 * offset as f64 / 730.0;
        for p in PRODUCTS {
            let orders = poisson(&mut rng, p.base_daily * growth * day_factor(day, p.q4) / 1.3);
            for _ in 0..orders {
                n += 1;
                let qty = 1 + (rng.uniform() < 0.25) as u32 + (rng.uniform() < 0.05) as u32;
                let country = COUNTRIES[rng.weighted(&weights)].0;
                let channel = if rng.uniform() < 0.8 { "Amazon.com" } else { "AliExpress" };
                let price = p.price_usd * if day_factor(day, 1.0) > 1.7 { 0.85 } else { 1.0 };
                let (status, sign) = if rng.uniform() < 0.012 {
                    ("Cancelled", 1)
                } else if rng.uniform() < 0.02 {
                    ("Returned", -1)
                } else {
                    ("Shipped", 1)
                };
                out.push_str(&format!(
                    "113-{:07}-{:07},{day}T{:02}:{:02}:00+00:00,{},\"{}\",{},{price:.2},USD,{country},{channel},{status}\n",
                    n / 7 + 1_000_000,
                    n % 9_999_999,
                    8 + rng.below(14),
                    rng.below(60),
                    p.sku,
                    p.name,
                    sign * qty as i64,
                ));
            }
        }
        if day.weekday() == 0 {
            n += 1;
            out.push_str(&format!(
                "113-{:07}-0000000,{day}T12:00:00+00:00,POST,POSTAGE,1,4.99,USD,US,Amazon.com,Shipped\n",
                n
            ));
        }
    }
    out
}

/// An FBA-style inventory report at `anchor` for two warehouses.
pub fn inventory_csv() -> String {
    let mut rng = Rng::new(0x1A7E_0001);
    let mut out = String::from(
        "sku,product-name,warehouse,afn-fulfillable-quantity,afn-reserved-quantity,afn-inbound-shipped-quantity,per-unit-volume (m3)\n",
    );
    for p in PRODUCTS {
        for (warehouse, share) in [("FBA ONT8", 0.7), ("美西海外仓 LA", 0.3)] {
            let on_hand = (p.base_daily * 38.0 * share * (0.6 + rng.uniform() * 0.8)).round();
            let reserved = (on_hand * 0.05).round();
            let inbound = if rng.uniform() < 0.4 { (p.base_daily * 20.0 * share).round() } else { 0.0 };
            out.push_str(&format!(
                "{},\"{}\",{warehouse},{on_hand},{reserved},{inbound},{}\n",
                p.sku, p.name, p.unit_m3
            ));
        }
    }
    out
}

/// Capacity of the two demo warehouses; the FBA one is nearly full for the peak.
pub fn capacity_csv() -> String {
    "warehouse,capacity (units),capacity (m3)\nFBA ONT8,4200,6.5\n美西海外仓 LA,6000,18\n".to_owned()
}

/// Inbound purchase orders shipped towards the peak.
pub fn inbound_csv(anchor: Date) -> String {
    let mut out = String::from("PO Number,SKU,Quantity,Ship Date,ETA,Warehouse,Carrier,Service\n");
    let mut rng = Rng::new(0x1B0D);
    for (i, p) in PRODUCTS.iter().enumerate() {
        if i % 3 == 2 {
            continue;
        }
        let ship = anchor.add_days(-(10 + rng.below(20) as i32));
        let eta = ship.add_days(28 + rng.below(10) as i32);
        let qty = (p.base_daily * 35.0).round();
        let (carrier, service) =
            if i % 2 == 0 { ("Matson", "Sea freight (LCL)") } else { ("DHL eCommerce", "Air express") };
        let warehouse = if i % 2 == 0 { "FBA ONT8" } else { "美西海外仓 LA" };
        out.push_str(&format!("PO-{:04},{},{qty},{ship},{eta},{warehouse},{carrier},{service}\n", 7100 + i, p.sku));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_friday_is_the_day_after_the_fourth_thursday() {
        assert_eq!(black_friday(2024).to_string(), "2024-11-29");
        assert_eq!(black_friday(2025).to_string(), "2025-11-28");
        assert_eq!(black_friday(2026).to_string(), "2026-11-27");
    }

    #[test]
    fn orders_have_peaks_and_exceptions() {
        let anchor = Date::from_ymd(2025, 11, 20).unwrap();
        let csv = orders_csv(anchor);
        assert_eq!(csv, orders_csv(anchor));
        let lines = csv.lines().count();
        assert!((30_000..80_000).contains(&lines), "{lines}");
        assert!(csv.contains(",Cancelled\n") && csv.contains(",-1,") && csv.contains(",POST,"));
        let count_month = |m: &str| csv.lines().filter(|l| l.contains(&format!(",{m}-"))).count();
        assert!(count_month("2024-11") > count_month("2024-09"), "November busier than September");
    }
}
