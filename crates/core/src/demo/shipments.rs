//! Demo shipments and tracking events: a realistic, generated year of a Chinese seller's
//! parcels with their customs outcomes.
//!
//! The generator is deterministic (seeded) and relative to an anchor date, so the demo always
//! looks current and tests can pin it. Transit times are lognormal per route and service with
//! a heavy tail (customs holds, peak-season congestion), the way forwarder data looks.

use super::Rng;
use crate::model::Date;

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

/// Product lines: HS code, description, typical declared value (USD), and how much more
/// often customs stops them than the route's average.
const CATEGORIES: &[(&str, &str, f64, f64)] = &[
    ("851762", "phone accessories", 9.0, 1.2),
    ("851830", "earbuds", 14.0, 1.6),
    ("850440", "chargers", 8.0, 1.4),
    ("611030", "knitwear", 16.0, 0.7),
    ("640419", "sneakers", 22.0, 1.3),
    ("392690", "plastic gadgets", 5.0, 0.6),
    ("950300", "toys", 11.0, 1.1),
    ("071290", "dried vegetables", 6.0, 2.6),
];

/// Import de-minimis (USD) the demo's detention model uses; parcels above it are checked more.
fn demo_de_minimis(destination: &str) -> f64 {
    match destination {
        "BR" | "MX" => 50.0,
        "RU" => 200.0,
        "US" => 0.0,
        "CL" => 41.0,
        "SA" => 267.0,
        _ => 160.0,
    }
}

/// A customs outcome in the demo, with the words a Chinese forwarder's export uses for it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
    Cleared,
    AfterDocuments,
    AfterPayment,
    Returned,
    Confiscated,
    Abandoned,
    Pending,
}

impl Outcome {
    /// Forwarders mix languages; the demo does too, so normalisation is visible.
    fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Outcome::Cleared, false) => "清关完成",
            (Outcome::Cleared, true) => "Cleared",
            (Outcome::AfterDocuments, false) => "补充资料后放行",
            (Outcome::AfterDocuments, true) => "Released after documents",
            (Outcome::AfterPayment, false) => "缴税后放行",
            (Outcome::AfterPayment, true) => "Released after duty payment",
            (Outcome::Returned, false) => "退运",
            (Outcome::Returned, true) => "Returned to sender",
            (Outcome::Confiscated, false) => "没收",
            (Outcome::Confiscated, true) => "Seized by customs",
            (Outcome::Abandoned, false) => "弃件",
            (Outcome::Abandoned, true) => "Abandoned",
            (Outcome::Pending, false) => "清关中",
            (Outcome::Pending, true) => "Held by customs",
        }
    }
}

/// One simulated parcel; both demo files are written from the same parcels.
struct Parcel {
    tracking: String,
    order: String,
    shipped: Date,
    /// Days of each leg: first mile, line haul, customs, last mile.
    legs: [i32; 4],
    /// None while in transit (or lost / stopped at customs).
    delivered: Option<Date>,
    promise: String,
    destination: &'static str,
    carrier: &'static str,
    service: &'static str,
    weight_kg: f64,
    value_usd: f64,
    cost_cny: f64,
    hs: &'static str,
    outcome: Outcome,
    export_side: bool,
    hold_days: i32,
    documents: &'static str,
    duties_usd: f64,
    extra_usd: f64,
    english_forwarder: bool,
}

fn documents_for(destination: &str, hs: &str, rng: &mut Rng) -> &'static str {
    let options: &[&str] = match destination {
        "BR" => &["CPF", "CPF, commercial invoice", "Commercial invoice", "ANVISA authorization"],
        "RU" => &["паспортные данные, ИНН", "Invoice", "паспортные данные"],
        "US" if hs.starts_with("07") => &["FDA registration", "Prior notice (FDA)"],
        "US" => &["Commercial invoice", "FCC certificate"],
        "MX" => &["RFC", "Commercial invoice"],
        "CL" => &["RUT", "Commercial invoice"],
        "SA" => &["SABER certificate", "Commercial invoice"],
        _ if hs.starts_with("85") => &["CE certificate", "IOSS number", "Commercial invoice"],
        _ => &["Commercial invoice", "IOSS number", "发票, 原产地证"],
    };
    options[rng.below(options.len())]
}

fn simulate(anchor: Date, rows: usize) -> Vec<Parcel> {
    let mut rng = Rng::new(0x0B0D_E71E_5EED);
    let route_weights: Vec<f64> = ROUTES.iter().map(|r| r.weight).collect();
    let service_weights = [26.0, 22.0, 14.0, 18.0, 12.0, 8.0];
    let span_days = 395;
    let mut parcels = Vec::with_capacity(rows);
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
        let (hs, _, value_base, hs_factor) = CATEGORIES[rng.below(CATEGORIES.len())];
        let value = value_base * (0.6 + rng.uniform() * 1.2) * if rng.chance(0.15) { 6.0 } else { 1.0 };
        let express = service.speed < 0.6;

        // Customs: detention depends on destination, product, value against de minimis and
        // whether an express broker clears the parcel.
        let above = value > demo_de_minimis(route.destination);
        let p_detained =
            (route.hold_rate * 2.2 * hs_factor * if above { 1.6 } else { 1.0 } * if express { 0.45 } else { 1.0 })
                .min(0.6);
        let export_side = rng.chance(0.012);
        let mut outcome = Outcome::Cleared;
        if export_side || rng.chance(p_detained) {
            outcome = match rng.weighted(&[52.0, 24.0, 11.0, 8.0, 5.0]) {
                0 => Outcome::AfterDocuments,
                1 => Outcome::AfterPayment,
                2 => Outcome::Returned,
                3 => Outcome::Confiscated,
                _ => Outcome::Abandoned,
            };
        }
        let detained = outcome != Outcome::Cleared;
        let hold_days = if detained { 3 + (rng.uniform() * 22.0 * if express { 0.5 } else { 1.0 }) as i32 } else { 0 };

        // Legs: first mile, line haul, customs, last mile; the total is lognormal per route.
        let total = (route.base_days * service.speed * peak * (sigma * rng.normal()).exp()).round().max(3.0) as i32;
        let first = 1 + rng.below(3) as i32;
        let customs = 1 + rng.below(2) as i32 + hold_days;
        let last = 1 + rng.below(if route.base_days > 20.0 { 6 } else { 3 }) as i32;
        let haul = (total - first - last - 1).max(2);
        let legs = [first, haul, customs, last];
        let arrived = shipped.add_days(legs.iter().sum());

        let lost = rng.chance(0.004);
        let mut delivered = Some(arrived).filter(|d| *d <= anchor && !lost);
        if matches!(outcome, Outcome::Returned | Outcome::Confiscated | Outcome::Abandoned) {
            delivered = None;
        }
        let released = shipped.add_days(legs[0] + legs[1] + legs[2]);
        if detained && released > anchor {
            outcome = Outcome::Pending;
        }
        let weight = 0.08 + rng.uniform() * 1.2 * if hs.starts_with("64") { 1.6 } else { 1.0 };
        let cost = service.per_parcel + service.per_kg * weight * if route.base_days > 20.0 { 1.3 } else { 1.0 };
        let duties = if outcome == Outcome::AfterPayment {
            value * if route.destination == "BR" { 0.6 } else { 0.2 }
        } else {
            0.0
        };
        let extra = match outcome {
            Outcome::Cleared | Outcome::Pending => 0.0,
            Outcome::AfterDocuments | Outcome::AfterPayment => 1.5 * hold_days as f64,
            Outcome::Returned => 1.5 * hold_days as f64 + cost / 7.13 * 1.2,
            Outcome::Confiscated => 25.0,
            Outcome::Abandoned => 1.5 * hold_days as f64,
        };
        let carrier_code = match service.carrier {
            "Yanwen" => "UG",
            "YunExpress" => "YT",
            "4PX" | "Cainiao" => "LP",
            "China Post" => "LX",
            _ => "JD",
        };
        let (promise, _) = promise_for(route, service);
        let documents =
            if outcome == Outcome::AfterDocuments { documents_for(route.destination, hs, &mut rng) } else { "" };
        parcels.push(Parcel {
            tracking: format!("{carrier_code}{:09}CN", 100_000_000 + n * 7919 % 899_999_999),
            order: format!("SO-{:06}", 200_000 + n),
            shipped,
            legs,
            delivered,
            promise,
            destination: route.destination,
            carrier: service.carrier,
            service: service.service,
            weight_kg: weight,
            value_usd: value,
            cost_cny: cost,
            hs,
            outcome,
            export_side,
            hold_days,
            documents,
            duties_usd: duties,
            extra_usd: extra,
            english_forwarder: matches!(service.carrier, "4PX" | "DHL eCommerce"),
        });
    }
    parcels
}

/// The demo shipments as a CSV file (English headers), `rows` parcels shipped over the
/// 13 months before `anchor`, with their customs outcomes.
pub fn shipments_csv(anchor: Date, rows: usize) -> String {
    let mut out = String::with_capacity(rows * 220);
    out.push_str(
        "Tracking Number,Order ID,Ship Date,Delivered Date,Promised Days,Origin,Destination,Carrier,Service,\
         Weight (kg),Declared Value (USD),Shipping Cost (CNY),HS Code,Status,Customs Outcome,Checkpoint,\
         Hold Days,Documents Requested,Duties (USD),Extra Cost (USD)\n",
    );
    for p in simulate(anchor, rows) {
        let delivered = p.delivered.map(|d| d.to_string()).unwrap_or_default();
        let status = match (p.delivered, p.outcome) {
            (Some(_), _) => "Delivered",
            (None, Outcome::Returned) => "Returned",
            (None, Outcome::Confiscated) => "Confiscated",
            (None, Outcome::Abandoned) => "Abandoned",
            (None, _) => "In transit",
        };
        // Parcels still on their way to the destination's customs have no outcome yet.
        let reached_customs = p.export_side || p.shipped.add_days(p.legs[0] + p.legs[1]) <= anchor;
        let outcome = if reached_customs { p.outcome.label(p.english_forwarder) } else { "" };
        let checkpoint = match (p.outcome, p.export_side, p.english_forwarder) {
            (Outcome::Cleared, _, _) => "",
            (_, true, false) => "出口",
            (_, true, true) => "export",
            (_, false, false) => "进口",
            (_, false, true) => "import",
        };
        let hold = if p.hold_days > 0 { p.hold_days.to_string() } else { String::new() };
        let documents = if p.documents.contains(',') { format!("\"{}\"", p.documents) } else { p.documents.to_owned() };
        let money = |x: f64| if x > 0.0 { format!("{x:.2}") } else { String::new() };
        out.push_str(&format!(
            "{},{},{},{delivered},{},CN,{},{},{},{:.3},{:.2},{:.2},{},{status},{outcome},{checkpoint},{hold},{documents},{},{}\n",
            p.tracking,
            p.order,
            p.shipped,
            p.promise,
            p.destination,
            p.carrier,
            p.service,
            p.weight_kg,
            p.value_usd,
            p.cost_cny,
            p.hs,
            money(p.duties_usd),
            money(p.extra_usd),
        ));
    }
    out
}

/// Event texts in the destination's postal language.
fn arrival_texts(destination: &str) -> [&'static str; 5] {
    // arrived, customs in, customs released, out for delivery, delivered
    match destination {
        "BR" => [
            "Objeto recebido pelos Correios do Brasil",
            "Objeto encaminhado para fiscalização aduaneira",
            "Fiscalização aduaneira finalizada",
            "Objeto saiu para entrega ao destinatário",
            "Objeto entregue ao destinatário",
        ],
        "RU" => [
            "Прибыло в место международного обмена",
            "Таможенное оформление",
            "Таможенное оформление завершено",
            "Передано почтальону",
            "Вручение адресату",
        ],
        "MX" | "CL" | "ES" => {
            ["Llegada al país de destino", "En proceso de aduana", "Liberado por aduana", "En reparto", "Entregado"]
        }
        _ => [
            "Arrived at destination country",
            "Customs clearance in progress",
            "Released by customs",
            "Out for delivery",
            "Delivered",
        ],
    }
}

fn hold_text(destination: &str, outcome: Outcome) -> &'static str {
    match (destination, outcome) {
        ("BR", Outcome::AfterPayment) => "Aguardando pagamento",
        ("BR", _) => "Aguardando documentos",
        ("RU", _) => "Задержано таможней",
        ("MX" | "CL" | "ES", _) => "Retenido en aduana",
        (_, Outcome::AfterPayment) => "Awaiting duty payment",
        _ => "Held by customs - documents requested",
    }
}

fn final_text(destination: &str, outcome: Outcome) -> &'static str {
    match (destination, outcome) {
        ("BR", Outcome::Confiscated) => "Objeto apreendido pela Receita Federal",
        ("BR", _) => "Objeto devolvido ao remetente",
        ("RU", Outcome::Confiscated) => "Конфисковано таможней",
        ("RU", _) => "Возврат отправителю",
        ("MX" | "CL" | "ES", Outcome::Confiscated) => "Decomisado por aduana",
        ("MX" | "CL" | "ES", _) => "Devuelto al remitente",
        (_, Outcome::Confiscated) => "Seized by customs",
        _ => "Returned to sender",
    }
}

/// The demo's tracking events (17TRACK-style long format), consistent with
/// [`shipments_csv`] for the same anchor and size.
pub fn events_csv(anchor: Date, rows: usize) -> String {
    let mut out = String::with_capacity(rows * 7 * 90);
    out.push_str("Tracking Number,Event Time,Event,Location\n");
    let mut rng = Rng::new(0x7EAC_C1D6);
    for p in simulate(anchor, rows) {
        let mut day = p.shipped;
        let mut push = |date: Date, time: &str, text: &str, location: &str| {
            if date <= anchor {
                out.push_str(&format!("{},{date} {time},{text},{location}\n", p.tracking));
            }
        };
        push(day, "09:12", "快件已揽收", "深圳");
        if p.export_side {
            push(day.add_days(1), "10:40", "出口海关查验", "深圳");
            day = day.add_days(p.hold_days);
            if matches!(p.outcome, Outcome::Returned) {
                push(day.add_days(1), "16:00", "退回发件人", "深圳");
                continue;
            }
            push(day.add_days(1), "18:30", "出口报关完成", "深圳");
        } else {
            push(day.add_days(p.legs[0] - 1).max(day), "22:05", "出口报关完成", "深圳");
        }
        day = day.add_days(p.legs[0]);
        push(day, "03:20", "已离开深圳国际处理中心，发往目的国", "深圳");
        if rng.chance(0.05) {
            push(day.add_days(1), "07:00", "航班延误", "香港");
        }
        day = day.add_days(p.legs[1]);
        let [arrived, customs_in, released, out_for_delivery, delivered] = arrival_texts(p.destination);
        push(day, "11:45", arrived, p.destination);
        push(day, "15:10", customs_in, p.destination);
        let detained_import = !p.export_side && p.outcome != Outcome::Cleared;
        if detained_import {
            push(day.add_days(1), "09:00", hold_text(p.destination, p.outcome), p.destination);
        }
        day = day.add_days(p.legs[2]);
        match p.outcome {
            Outcome::Pending => continue,
            Outcome::Returned | Outcome::Confiscated | Outcome::Abandoned if detained_import => {
                push(day, "14:00", final_text(p.destination, p.outcome), p.destination);
                continue;
            }
            _ => push(day, "16:30", released, p.destination),
        }
        if p.delivered.is_none() {
            continue;
        }
        day = day.add_days(p.legs[3]);
        push(day.add_days(-1).max(p.shipped), "08:15", out_for_delivery, p.destination);
        push(day, "13:40", delivered, p.destination);
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
        assert!(a.contains("没收") || a.contains("Seized by customs"));
        let e = events_csv(anchor, 500);
        assert!(e.lines().count() > 2000);
        assert!(e.contains("Objeto entregue ao destinatário"));
    }
}
