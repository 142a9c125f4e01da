//! Demo competing listings: a marketplace search export over 3C electronics, accessories and
//! clothing, English and Chinese titles, with crowds of look-alikes from many sellers (a price
//! war on wireless earbuds and on Chinese-titled Type-C cables), products with spread-out
//! prices, differentiated listings, and the demo seller's own listings (brand "Lumio").
//! Also the weekly price history of some of them, and a synthetic generator for benchmarks.

use super::Rng;
use crate::model::Date;
use std::fmt::Write;

/// A group of look-alike listings: the same product sold under many brands.
struct Niche {
    category: &'static str,
    subcategory: &'static str,
    /// Phrases every title of the niche carries, in a shuffled order.
    core: &'static [&'static str],
    /// Phrases a title may add (zero to two of them).
    extras: &'static [&'static str],
    /// Whether titles are Chinese (joined without commas).
    chinese: bool,
    listings: usize,
    /// Distinct sellers the listings are spread over.
    sellers: usize,
    price: f64,
    /// Relative spread of prices (coefficient of variation).
    spread: f64,
    /// List price over price (1 = no discount).
    markup: f64,
    /// Mean monthly sales per listing.
    sales: f64,
    /// Whether the top two listings take most reviews and sales.
    winners: bool,
    /// Weekly price change in the history (0 = stable, no history when `None`).
    weekly_change: Option<f64>,
}

const EN_FILLER: &[&str] = &["2024 New", "Hot Sale", "Free Shipping", "Best Seller", "High Quality", "New Arrival"];
const ZH_FILLER: &[&str] = &["2024新款", "包邮", "爆款", "热卖", "正品", "现货", "厂家直销"];
const COLOURS: &[&str] = &["Black", "White", "Blue", "Pink", "Grey", "Green"];

const NICHES: &[Niche] = &[
    Niche {
        category: "3C Electronics",
        subcategory: "Wireless Earbuds",
        core: &["Wireless Earbuds", "Bluetooth 5.3", "Noise Cancelling Headphones", "40H Playtime", "IPX7 Waterproof"],
        extras: &["with Charging Case", "LED Display", "for iPhone Android", "Deep Bass"],
        chinese: false,
        listings: 42,
        sellers: 18,
        price: 16.99,
        spread: 0.05,
        markup: 2.4,
        sales: 420.0,
        winners: true,
        weekly_change: Some(-0.025),
    },
    Niche {
        category: "3C Electronics",
        subcategory: "Wireless Earbuds",
        core: &["Open Ear Earbuds", "Bone Conduction", "Bluetooth 5.3", "Sports Headphones with Ear Hooks"],
        extras: &["Sweatproof", "for Running Cycling"],
        chinese: false,
        listings: 5,
        sellers: 2,
        price: 39.99,
        spread: 0.08,
        markup: 1.15,
        sales: 1500.0,
        winners: false,
        weekly_change: Some(0.0),
    },
    Niche {
        category: "3C Electronics",
        subcategory: "Cables",
        core: &["Type-C数据线", "快充", "2米", "编织线", "适用华为小米"],
        extras: &["100W", "超级快充", "车载"],
        chinese: true,
        listings: 34,
        sellers: 15,
        price: 3.49,
        spread: 0.06,
        markup: 2.0,
        sales: 900.0,
        winners: true,
        weekly_change: Some(-0.02),
    },
    Niche {
        category: "3C Electronics",
        subcategory: "Cables",
        core: &["USB C to USB C Cable", "6.6ft 2 Pack", "60W Fast Charging", "Nylon Braided"],
        extras: &["for MacBook iPad", "Samsung Galaxy"],
        chinese: false,
        listings: 28,
        sellers: 14,
        price: 9.99,
        spread: 0.3,
        markup: 1.2,
        sales: 300.0,
        winners: false,
        weekly_change: Some(0.0),
    },
    Niche {
        category: "3C Electronics",
        subcategory: "Chargers",
        core: &["65W USB C Charger", "GaN Fast Charger", "3 Port", "Foldable Wall Plug"],
        extras: &["for MacBook Pro", "iPhone 15", "PD 3.0"],
        chinese: false,
        listings: 30,
        sellers: 12,
        price: 29.99,
        spread: 0.28,
        markup: 1.25,
        sales: 260.0,
        winners: false,
        weekly_change: Some(0.0),
    },
    Niche {
        category: "3C Electronics",
        subcategory: "Power Banks",
        core: &["充电宝", "20000毫安", "超薄便携", "双向快充", "移动电源"],
        extras: &["自带线", "数显"],
        chinese: true,
        listings: 26,
        sellers: 11,
        price: 18.99,
        spread: 0.22,
        markup: 1.3,
        sales: 310.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "Accessories",
        subcategory: "Phone Cases",
        core: &["Clear Case for iPhone 15", "Shockproof", "Slim Phone Cover", "Anti-Yellowing"],
        extras: &["Raised Camera Protection", "6.1 Inch", "Soft TPU"],
        chinese: false,
        listings: 46,
        sellers: 20,
        price: 8.99,
        spread: 0.35,
        markup: 1.3,
        sales: 350.0,
        winners: true,
        weekly_change: None,
    },
    Niche {
        category: "Accessories",
        subcategory: "Phone Cases",
        core: &[
            "Magnetic Case for iPhone 15",
            "with Kickstand",
            "MagSafe Compatible",
            "Military Grade Drop Protection",
        ],
        extras: &["Ring Holder"],
        chinese: false,
        listings: 6,
        sellers: 3,
        price: 19.99,
        spread: 0.1,
        markup: 1.2,
        sales: 800.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "Accessories",
        subcategory: "LED Strips",
        core: &["LED Strip Lights 5m", "RGB Color Changing", "App Control", "Music Sync"],
        extras: &["Bluetooth", "for Bedroom", "with Remote"],
        chinese: false,
        listings: 32,
        sellers: 13,
        price: 14.99,
        spread: 0.3,
        markup: 1.4,
        sales: 220.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "Clothing",
        subcategory: "Cardigans",
        core: &["女士针织开衫", "宽松", "V领", "长袖毛衣外套"],
        extras: &["秋冬", "百搭", "韩版"],
        chinese: true,
        listings: 30,
        sellers: 14,
        price: 21.99,
        spread: 0.25,
        markup: 1.5,
        sales: 180.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "Clothing",
        subcategory: "T-Shirts",
        core: &["Men's Cotton T-Shirt", "Crew Neck", "Short Sleeve", "Casual Basic Tee"],
        extras: &["Regular Fit", "Summer Tops", "3 Pack"],
        chinese: false,
        listings: 34,
        sellers: 16,
        price: 12.99,
        spread: 0.32,
        markup: 1.3,
        sales: 240.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "3C Electronics",
        subcategory: "Smart Watches",
        core: &["Smart Watch", "1.85 Inch HD Screen", "Heart Rate Sleep Monitor", "Fitness Tracker", "IP68"],
        extras: &["Answer Make Calls", "for Android iOS", "100 Sports Modes"],
        chinese: false,
        listings: 30,
        sellers: 13,
        price: 32.99,
        spread: 0.3,
        markup: 1.25,
        sales: 200.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "Clothing",
        subcategory: "Dresses",
        core: &["女士连衣裙", "夏季", "碎花雪纺", "中长款", "收腰显瘦"],
        extras: &["法式", "短袖", "度假风"],
        chinese: true,
        listings: 30,
        sellers: 15,
        price: 24.99,
        spread: 0.3,
        markup: 1.4,
        sales: 210.0,
        winners: false,
        weekly_change: None,
    },
    Niche {
        category: "Accessories",
        subcategory: "Phone Holders",
        core: &["Car Phone Mount", "Magnetic", "Dashboard Air Vent Holder", "360 Rotation"],
        extras: &["for All Phones", "Strong Magnet", "Metal Plate Included"],
        chinese: false,
        listings: 28,
        sellers: 12,
        price: 11.99,
        spread: 0.27,
        markup: 1.3,
        sales: 260.0,
        winners: false,
        weekly_change: None,
    },
];

/// One-off listings: differentiated products with their own titles.
const SINGLES: &[(&str, &str, &str, f64, f64)] = &[
    (
        "3C Electronics",
        "Wireless Earbuds",
        "Kids Headphones Over Ear with 85dB Volume Limit, Cartoon Cat Ears",
        19.99,
        150.0,
    ),
    ("3C Electronics", "Wireless Earbuds", "Sleep Earbuds for Side Sleepers, Ultra Small Noise Masking", 59.99, 420.0),
    ("3C Electronics", "Wireless Earbuds", "骨传导耳机 游泳专用 32G内存 IP68防水", 45.0, 260.0),
    ("3C Electronics", "Cables", "Magnetic Charging Cable 3 in 1 with LED, 1m", 11.99, 190.0),
    ("3C Electronics", "Cables", "Retractable USB C Cable for Car, 60W, Coiled", 12.99, 310.0),
    ("3C Electronics", "Cables", "Right Angle Lightning Cable for Gaming, 90 Degree, 3ft", 8.99, 160.0),
    ("3C Electronics", "Chargers", "Travel Adapter Worldwide with 65W USB C, UK EU US AU Plugs", 34.99, 520.0),
    ("3C Electronics", "Chargers", "Wooden Wireless Charging Station for Desk, Walnut", 49.99, 90.0),
    ("3C Electronics", "Chargers", "Solar Charger 28W Foldable Panel for Camping", 59.99, 140.0),
    ("3C Electronics", "Power Banks", "Power Bank with Built-in Hand Warmer, 10000mAh", 24.99, 380.0),
    ("3C Electronics", "Power Banks", "磁吸无线充电宝 10000毫安 支架款", 29.99, 450.0),
    ("3C Electronics", "Smart Watches", "Kids Smart Watch with GPS Tracker and SOS Call", 49.99, 330.0),
    ("3C Electronics", "Smart Watches", "Titanium Rugged Smart Watch, 30 Day Battery, Military Grade", 129.99, 210.0),
    ("Accessories", "Phone Cases", "Leather Wallet Case for iPhone 15 with Card Holder, Handmade", 34.99, 240.0),
    ("Accessories", "Phone Cases", "Waterproof Pouch for Phones, Floating, for Snorkeling", 13.99, 280.0),
    ("Accessories", "Phone Cases", "Crossbody Phone Case with Lanyard for iPhone 15, Adjustable Strap", 22.99, 610.0),
    ("Accessories", "LED Strips", "Smart Neon Rope Light 3m, Matter Compatible", 39.99, 160.0),
    ("Accessories", "LED Strips", "Under Cabinet Lights, Motion Sensor, Rechargeable, 3 Pack", 25.99, 410.0),
    ("Accessories", "LED Strips", "户外防水灯带 10米 太阳能", 19.99, 120.0),
    ("Clothing", "Cardigans", "Cashmere Blend Cardigan, Oversized, Made in Italy", 89.0, 60.0),
    ("Clothing", "Cardigans", "Cropped Cable Knit Cardigan with Pearl Buttons", 34.99, 380.0),
    ("Clothing", "Cardigans", "男士加厚羊毛开衫 商务休闲", 45.0, 90.0),
    ("Clothing", "T-Shirts", "Merino Wool T-Shirt, Odor Resistant Travel Tee", 49.0, 290.0),
    ("Clothing", "T-Shirts", "Tall Men's T-Shirts, Extra Long Length, 2 Pack", 26.99, 330.0),
    ("Clothing", "T-Shirts", "UPF 50+ Sun Protection Shirt for Fishing, Quick Dry", 19.99, 450.0),
];

const BRANDS: &[&str] = &[
    "Aoka",
    "Bexo",
    "Cuvi",
    "Dorn",
    "Elfo",
    "Fyne",
    "Gadu",
    "Hovo",
    "Izzo",
    "Jaro",
    "Kuma",
    "Lexi",
    "Mavo",
    "Nuro",
    "Oxen",
    "Pibo",
    "Quzo",
    "Ravo",
    "Soli",
    "Tavo",
    "Ubik",
    "Vexa",
    "Wuzi",
    "Xeno",
    "Yaro",
    "Zumo",
    "绿联",
    "倍思",
    "品胜",
    "南极人",
    "恒源祥",
    "小米生态",
];

/// The demo seller's brand.
pub const OWN_BRAND: &str = "Lumio";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn asin(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut s = String::from("B0");
    for _ in 0..8 {
        s.push(ALPHABET[rng.below(ALPHABET.len())] as char);
    }
    s
}

/// A look-alike title: the niche's phrases shuffled, with a couple of extras, a colour
/// and maybe marketing filler.
fn title(rng: &mut Rng, niche: &Niche, colour: &str) -> String {
    let mut parts: Vec<&str> = niche.core.to_vec();
    // Sellers copy the best seller's title and move a phrase or two around.
    if rng.chance(0.5) {
        let (a, b) = (1 + rng.below(parts.len() - 1), 1 + rng.below(parts.len() - 1));
        parts.swap(a, b);
    }
    if rng.chance(0.2) {
        parts.swap(0, 1);
    }
    for extra in niche.extras {
        if rng.chance(0.3) {
            parts.push(extra);
        }
    }
    let filler = if niche.chinese { ZH_FILLER } else { EN_FILLER };
    let mut out = String::new();
    if rng.chance(0.35) {
        out.push_str(filler[rng.below(filler.len())]);
        out.push(' ');
    }
    let sep = if niche.chinese {
        " "
    } else if rng.chance(0.5) {
        ", "
    } else {
        " "
    };
    out.push_str(&parts.join(sep));
    if !niche.chinese && rng.chance(0.4) {
        out.push_str(&format!(" ({colour})"));
    }
    if rng.chance(0.2) {
        out.push(' ');
        out.push_str(filler[rng.below(filler.len())]);
    }
    out
}

/// The listings of the demo, with the niche index of each (`None` for one-offs).
fn rows() -> Vec<(Option<usize>, String)> {
    let mut rng = Rng::new(202_411);
    let mut out = Vec::new();
    for (n, niche) in NICHES.iter().enumerate() {
        let brands: Vec<&str> = (0..niche.sellers).map(|k| BRANDS[(k * 7 + n * 3) % BRANDS.len()]).collect();
        for k in 0..niche.listings {
            let colour = COLOURS[rng.below(COLOURS.len())];
            // The own brand sells in the crowded earbuds and the plain phone cases.
            let own = (n == 0 || n == 6) && k == 5;
            let brand = if own { OWN_BRAND } else { brands[k % brands.len()] };
            let price = (niche.price * (1.0 + niche.spread * rng.normal()).clamp(0.4, 2.0) * 100.0).round() / 100.0;
            let list = (niche.price * niche.markup * 100.0).round() / 100.0;
            let list = if list > price { format!("{list:.2}") } else { format!("{price:.2}") };
            let winner = niche.winners && k < 2;
            let sales = if winner { niche.sales * 8.0 } else { niche.sales * (0.3 + rng.uniform()) };
            let reviews = if winner { sales * 40.0 } else { sales * (1.0 + 3.0 * rng.uniform()) };
            let rating = 3.8 + 1.1 * rng.uniform();
            let mut t = title(&mut rng, niche, colour);
            if own && n == 6 {
                t = "Clear Case for iPhone 15, Shockproof Slim Phone Cover, Anti-Yellowing, with Lanyard Hole".into();
            }
            let line = format!(
                "{},{},{price:.2},{list},{rating:.1},{:.0},{:.0},{brand},{},{},{colour},{}",
                asin(&mut rng),
                csv_field(&t),
                reviews,
                sales,
                niche.category,
                niche.subcategory,
                own as u8
            );
            out.push((Some(n), line));
        }
    }
    for (k, &(category, subcategory, t, price, sales)) in SINGLES.iter().enumerate() {
        let brand = BRANDS[(k * 5 + 1) % BRANDS.len()];
        let own = k == 13;
        let brand = if own { OWN_BRAND } else { brand };
        let line = format!(
            "{},{},{price:.2},{price:.2},{:.1},{:.0},{sales:.0},{brand},{category},{subcategory},{},{}",
            asin(&mut rng),
            csv_field(t),
            4.0 + 0.9 * rng.uniform(),
            sales * 2.5,
            COLOURS[k % COLOURS.len()],
            own as u8
        );
        out.push((None, line));
    }
    out
}

const HEADER: &str = "ASIN,Title,Price,List Price,Rating,Reviews,Monthly Sales,Brand,Category,Subcategory,Colour,Own";

/// The demo listings as CSV (prices in USD).
pub fn listings_csv() -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for (_, line) in rows() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Twelve weekly prices up to `anchor` for the listings of the niches with a history:
/// falling in the two price wars, flat elsewhere.
pub fn price_history_csv(anchor: Date) -> String {
    let mut rng = Rng::new(77);
    let mut out = String::from("ASIN,Date,Price\n");
    for (niche, line) in rows() {
        let Some(change) = niche.and_then(|n| NICHES[n].weekly_change) else { continue };
        let mut fields = line.splitn(2, ',');
        let id = fields.next().unwrap_or_default();
        // The price is the first number after the (possibly quoted) title.
        let rest = fields.next().unwrap_or_default();
        let after_title = if let Some(stripped) = rest.strip_prefix('"') {
            stripped.split_once("\",").map(|(_, r)| r).unwrap_or_default()
        } else {
            rest.split_once(',').map(|(_, r)| r).unwrap_or_default()
        };
        let price: f64 = after_title.split(',').next().and_then(|p| p.parse().ok()).unwrap_or(0.0);
        for week in 0..12 {
            let weeks_before = 11 - week;
            let p = price / (1.0 + change).powi(weeks_before) * (1.0 + 0.01 * rng.normal());
            let _ = writeln!(out, "{id},{},{p:.2}", anchor.add_days(-7 * weeks_before));
        }
    }
    out
}

/// Synthetic listings for benchmarks: `n` listings in niches of about 25 look-alikes each,
/// titles drawn from a made-up vocabulary, 40 categories and `n / 50` sellers.
pub fn synthetic_listings_csv(n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    const SYLLABLES: &[&str] =
        &["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qua", "dri", "fen", "gal", "hix", "jun"];
    let word =
        |rng: &mut Rng| -> String { (0..2 + rng.below(2)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect() };
    let vocabulary: Vec<String> = (0..4000).map(|_| word(&mut rng)).collect();
    let niches = (n / 25).max(1);
    let sellers = (n / 50).max(3);
    let mut out = String::with_capacity(n * 120);
    out.push_str(HEADER);
    out.push('\n');
    let mut niche_words: Vec<Vec<usize>> = Vec::with_capacity(niches);
    let mut niche_price = Vec::with_capacity(niches);
    for _ in 0..niches {
        niche_words.push((0..6 + rng.below(6)).map(|_| rng.below(vocabulary.len())).collect());
        niche_price.push(3.0 + 60.0 * rng.uniform() * rng.uniform());
    }
    for i in 0..n {
        let niche = rng.below(niches);
        let mut words: Vec<&str> =
            niche_words[niche].iter().filter(|_| rng.chance(0.9)).map(|&w| vocabulary[w].as_str()).collect();
        for _ in 0..rng.below(4) {
            words.push(&vocabulary[rng.below(vocabulary.len())]);
        }
        if rng.chance(0.3) && words.len() > 2 {
            let (a, b) = (rng.below(words.len()), rng.below(words.len()));
            words.swap(a, b);
        }
        let price = niche_price[niche] * (1.0 + 0.2 * rng.normal()).clamp(0.3, 3.0);
        let sales = 50.0 + 500.0 * rng.uniform() * rng.uniform();
        let _ = writeln!(
            out,
            "S{i:08},{},{price:.2},{:.2},{:.1},{:.0},{sales:.0},seller{},Category {},,{},0",
            words.join(" "),
            price * (1.0 + 0.5 * rng.uniform()),
            3.5 + 1.5 * rng.uniform(),
            sales * 3.0 * rng.uniform(),
            rng.below(sellers),
            niche % 40,
            COLOURS[rng.below(COLOURS.len())],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::homogeneity::{self, HomogeneitySettings, Signal};
    use crate::ingest::source::MemorySource;
    use crate::mapping::DatasetKind;
    use crate::model::listings::{Listings, PriceHistory};
    use crate::model::FxTable;
    use crate::session::{DatasetData, Workspace};

    fn anchor() -> Date {
        Date::from_ymd(2025, 11, 20).unwrap()
    }

    /// Opens and loads CSV text as the app does, checking the kind and that no row is lost.
    fn load(name: &str, csv: &str, kind: DatasetKind) -> DatasetData {
        let mut ws = Workspace::default();
        let proposal = ws.open(1, name, &mut MemorySource(csv.as_bytes())).unwrap();
        assert_eq!(proposal.mapping.kind, kind, "{name}");
        let summary =
            ws.load(1, proposal.mapping, &mut MemorySource(csv.as_bytes()), Some(anchor()), &mut |_| {}).unwrap();
        assert_eq!(summary.rows_rejected, 0, "{name}: {:?}", summary.rejections.first());
        assert_eq!(summary.rows_read as usize, csv.lines().count() - 1, "{name}");
        ws.datasets.remove(0).data
    }

    fn demo() -> (Listings, PriceHistory) {
        let listings = match load("demo-listings.csv", &listings_csv(), DatasetKind::Listings) {
            DatasetData::Listings(l) => *l,
            _ => unreachable!(),
        };
        let history = match load("demo-price-history.csv", &price_history_csv(anchor()), DatasetKind::PriceHistory) {
            DatasetData::PriceHistory(h) => *h,
            _ => unreachable!(),
        };
        (listings, history)
    }

    #[test]
    fn demo_files_load_with_every_field() {
        let (l, h) = demo();
        assert!((400..=800).contains(&l.len()), "{}", l.len());
        use crate::mapping::Field;
        for f in [
            Field::ListingId,
            Field::Title,
            Field::Price,
            Field::ListPrice,
            Field::Rating,
            Field::ReviewCount,
            Field::UnitsSold,
            Field::Seller,
            Field::ProductCategory,
            Field::Subcategory,
            Field::Colour,
            Field::IsOwn,
        ] {
            assert!(l.has(f), "{f:?} not mapped");
        }
        assert!(l.title.iter().any(|t| t.contains(',')), "quoted titles with commas survive");
        assert!(h.date.len() > 100);
    }

    #[test]
    fn demo_shows_two_price_wars_and_the_own_listings() {
        let (l, h) = demo();
        let prepared = homogeneity::prepare(&l, &mut |_, _| {});
        let report =
            homogeneity::analyse(&l, Some(&h), &prepared, &HomogeneitySettings::default(), &FxTable::built_in());
        let wars: Vec<_> = report.clusters.iter().filter(|c| c.price_war).collect();
        let war_categories: Vec<_> = wars.iter().filter_map(|c| c.category.as_deref()).collect();
        assert!(war_categories.contains(&"Wireless Earbuds"), "{war_categories:?}");
        assert!(war_categories.contains(&"Cables"), "{war_categories:?}");
        assert!(wars.len() <= 3, "{war_categories:?}");
        let earbuds = wars.iter().find(|c| c.category.as_deref() == Some("Wireless Earbuds")).unwrap();
        assert!(earbuds.size >= 30, "the look-alikes cluster: {}", earbuds.size);
        assert!(earbuds.signals.contains(&Signal::FallingPrices));
        assert!(earbuds.price_trend_pct_per_30d.unwrap() < -5.0);
        // The spread-out phone cases are crowded but not at war.
        let cases = report.clusters.iter().find(|c| c.category.as_deref() == Some("Phone Cases")).unwrap();
        assert!(cases.size >= 30 && !cases.price_war, "{cases:?}");
        // The own earbuds listing sits in the war; the own one-off has no look-alikes.
        assert_eq!(report.own_listings.len(), 3);
        let own_earbuds = report.own_listings.iter().find(|o| o.cluster_id == earbuds.cluster_id).unwrap();
        assert_eq!(own_earbuds.competitors.len(), 3);
        assert!(report.own_listings.iter().any(|o| o.competitors.is_empty() && o.distinguishing_terms.is_empty()));
        // The differentiated sub-niches show up as opportunities.
        let terms: Vec<&str> = report.opportunities.iter().map(|o| o.term.as_str()).collect();
        assert!(terms.contains(&"kickstand") || terms.contains(&"bone"), "{terms:?}");
        assert!(!report.price_bands.is_empty());
        assert!(report.example_pairs.iter().any(|p| p.same_product));
    }

    #[test]
    fn synthetic_listings_load_and_cluster() {
        let csv = synthetic_listings_csv(2000, 9);
        let l = match load("synthetic.csv", &csv, DatasetKind::Listings) {
            DatasetData::Listings(l) => *l,
            _ => unreachable!(),
        };
        assert_eq!(l.len(), 2000);
        let prepared = homogeneity::prepare(&l, &mut |_, _| {});
        let report = homogeneity::analyse(&l, None, &prepared, &HomogeneitySettings::default(), &FxTable::built_in());
        // About 80 niches of 25: far fewer clusters than listings, far more than niches.
        assert!(report.clusters_total < 1500 && report.clusters_total > 80, "{}", report.clusters_total);
    }
}
