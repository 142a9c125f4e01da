//! Built-in demo data: a realistic, generated year of a Chinese seller's parcels, so anyone
//! can try borderlens at once without uploading anything.
//!
//! The generator is deterministic (seeded) and relative to an anchor date, so the demo always
//! looks current and tests can pin it. Transit times are lognormal per route and service with
//! a heavy tail (customs holds, peak-season congestion), the way forwarder data looks.

use crate::model::Date;

/// A small, fast, seeded random number generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize % n.max(1)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.uniform().max(1e-12);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Picks an index with the given weights.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.uniform() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

struct Route {
    destination: &'static str,
    weight: f64,
    /// Median transit days of an economy line to this destination.
    base_days: f64,
    /// Spread (log scale).
    sigma: f64,
    /// Chance of a customs hold adding 5–40 days.
    hold_rate: f64,
}

const ROUTES: &[Route] = &[
    Route { destination: "BR", weight: 22.0, base_days: 27.0, sigma: 0.30, hold_rate: 0.12 },
    Route { destination: "RU", weight: 14.0, base_days: 24.0, sigma: 0.32, hold_rate: 0.07 },
    Route { destination: "US", weight: 20.0, base_days: 10.0, sigma: 0.25, hold_rate: 0.02 },
    Route { destination: "DE", weight: 9.0, base_days: 11.0, sigma: 0.22, hold_rate: 0.02 },
    Route { destination: "GB", weight: 7.0, base_days: 10.0, sigma: 0.22, hold_rate: 0.02 },
    Route { destination: "FR", weight: 6.0, base_days: 12.0, sigma: 0.25, hold_rate: 0.03 },
    Route { destination: "ES", weight: 5.0, base_days: 13.0, sigma: 0.26, hold_rate: 0.03 },
    Route { destination: "MX", weight: 7.0, base_days: 19.0, sigma: 0.30, hold_rate: 0.06 },
    Route { destination: "CL", weight: 4.0, base_days: 22.0, sigma: 0.30, hold_rate: 0.05 },
    Route { destination: "SA", weight: 3.0, base_days: 14.0, sigma: 0.28, hold_rate: 0.04 },
    Route { destination: "PL", weight: 3.0, base_days: 12.0, sigma: 0.24, hold_rate: 0.02 },
];

struct Service {
    carrier: &'static str,
    service: &'static str,
    /// Multiplies the route's median.
    speed: f64,
    /// Promise as forwarders write it, and its upper bound in days for the route factor.
    promise: &'static str,
    promise_days: f64,
    /// Extra spread and unreliability.
    extra_sigma: f64,
    /// CNY per kg and per parcel.
    per_kg: f64,
    per_parcel: f64,
}

const SERVICES: &[Service] = &[
    Service {
        carrier: "Yanwen",
        service: "Economy Air",
        speed: 1.05,
        promise: "15-30个工作日",
        promise_days: 30.0,
        extra_sigma: 0.08,
        per_kg: 62.0,
        per_parcel: 14.0,
    },
    Service {
        carrier: "YunExpress",
        service: "Special Line (DDP)",
        speed: 0.85,
        promise: "12-20天",
        promise_days: 20.0,
        extra_sigma: 0.0,
        per_kg: 78.0,
        per_parcel: 18.0,
    },
    Service {
        carrier: "4PX",
        service: "Singapore Post Registered",
        speed: 1.15,
        promise: "20-35 days",
        promise_days: 35.0,
        extra_sigma: 0.12,
        per_kg: 55.0,
        per_parcel: 12.0,
    },
    Service {
        carrier: "Cainiao",
        service: "Standard",
        speed: 0.95,
        promise: "25",
        promise_days: 25.0,
        extra_sigma: 0.05,
        per_kg: 66.0,
        per_parcel: 15.0,
    },
    Service {
        carrier: "China Post",
        service: "ePacket",
        speed: 1.25,
        promise: "15-30天",
        promise_days: 30.0,
        extra_sigma: 0.18,
        per_kg: 48.0,
        per_parcel: 10.0,
    },
    Service {
        carrier: "DHL eCommerce",
        service: "Express",
        speed: 0.45,
        promise: "7个工作日",
        promise_days: 7.0,
        extra_sigma: 0.0,
        per_kg: 140.0,
        per_parcel: 45.0,
    },
];

/// Per-route promise scaling: a 30-day economy promise to the US is 15 days.
fn promise_for(route: &Route, service: &Service) -> (String, f64) {
    if route.base_days >= 20.0 {
        (service.promise.to_owned(), service.promise_days)
    } else {
        let days = (service.promise_days * 0.55).round();
        (format!("{days}"), days)
    }
}

const CATEGORIES: &[(&str, &str, f64)] = &[
    ("851762", "phone accessories", 9.0),
    ("851830", "earbuds", 14.0),
    ("850440", "chargers", 8.0),
    ("611030", "knitwear", 16.0),
    ("640419", "sneakers", 22.0),
    ("392690", "plastic gadgets", 5.0),
    ("950300", "toys", 11.0),
    ("071290", "dried vegetables", 6.0),
];

/// The demo shipments as a CSV file (English headers), `rows` parcels shipped over the
/// 13 months before `anchor`.
pub fn shipments_csv(anchor: Date, rows: usize) -> String {
    let mut rng = Rng::new(0x0B0D_E71E_5EED);
    let mut out = String::with_capacity(rows * 160);
    out.push_str(
        "Tracking Number,Order ID,Ship Date,Delivered Date,Promised Days,Origin,Destination,Carrier,Service,Weight (kg),Declared Value (USD),Shipping Cost (CNY),HS Code,Status\n",
    );
    let route_weights: Vec<f64> = ROUTES.iter().map(|r| r.weight).collect();
    let service_weights = [26.0, 22.0, 14.0, 18.0, 12.0, 8.0];
    let span_days = 395;
    for n in 0..rows {
        let route = &ROUTES[rng.weighted(&route_weights)];
        let service = &SERVICES[rng.weighted(&service_weights)];
        // More orders towards the end of the year (peak season).
        let mut offset = rng.below(span_days) as i32;
        if rng.chance(0.25) {
            offset = offset.max(rng.below(span_days) as i32);
        }
        let shipped = anchor.add_days(-(span_days as i32) + offset);
        let (_, month, _) = shipped.ymd();
        let peak = if (11..=12).contains(&month) { 1.25 } else { 1.0 };
        let sigma = route.sigma + service.extra_sigma;
        let mut days = route.base_days * service.speed * peak * (sigma * rng.normal()).exp();
        if rng.chance(route.hold_rate * if service.speed < 0.6 { 0.4 } else { 1.0 }) {
            days += 5.0 + rng.uniform() * 35.0;
        }
        let days = days.round().max(2.0) as i32;
        let delivered = shipped.add_days(days);
        let lost = rng.chance(0.004);
        let delivered_text = if delivered > anchor || lost { String::new() } else { delivered.to_string() };
        let status = if delivered_text.is_empty() { "In transit" } else { "Delivered" };
        let (promise_text, _) = promise_for(route, service);
        let (hs, _, value_base) = CATEGORIES[rng.below(CATEGORIES.len())];
        let weight = (0.08 + rng.uniform() * 1.2 * if hs.starts_with("64") { 1.6 } else { 1.0 }) as f32;
        let value = value_base * (0.6 + rng.uniform() * 1.2);
        let cost = service.per_parcel + service.per_kg * weight as f64 * if route.base_days > 20.0 { 1.3 } else { 1.0 };
        let carrier_code = match service.carrier {
            "Yanwen" => "UG",
            "YunExpress" => "YT",
            "4PX" => "LP",
            "Cainiao" => "LP",
            "China Post" => "LX",
            _ => "JD",
        };
        out.push_str(&format!(
            "{carrier_code}{:09}CN,SO-{:06},{shipped},{delivered_text},{promise_text},CN,{},{},{},{weight:.3},{value:.2},{cost:.2},{hs},{status}\n",
            100_000_000 + n * 7919 % 899_999_999,
            200_000 + n,
            route.destination,
            service.carrier,
            service.service,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_and_sized() {
        let anchor = Date::from_ymd(2025, 11, 20).unwrap();
        let a = shipments_csv(anchor, 500);
        assert_eq!(a, shipments_csv(anchor, 500));
        assert_eq!(a.lines().count(), 501);
        assert!(a.contains(",BR,"));
    }

    #[test]
    fn random_numbers_look_uniform() {
        let mut rng = Rng::new(7);
        let mean = (0..10_000).map(|_| rng.uniform()).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02);
    }
}
