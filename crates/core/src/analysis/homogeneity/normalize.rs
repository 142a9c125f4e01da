//! Title normalisation: the same product written by two sellers should come out as the same
//! words, whatever the width of the characters, the spelling of the units or the marketing
//! filler around it.
//!
//! Only the part of Unicode NFKC that product titles need is implemented (full-width ASCII and
//! the ideographic space, which Chinese input methods produce): pulling in a normalisation
//! crate would add its tables to the web bundle for characters titles practically never hold.

/// Chinese marketing filler, removed wherever it appears inside a CJK run. Longest first, so
/// `2024新款` goes as a whole before `新款` is looked for.
const ZH_FILLER: &[&str] = &[
    "厂家直销",
    "一件代发",
    "跨境专供",
    "跨境爆款",
    "年新款",
    "新款上市",
    "限时特价",
    "包邮",
    "新款",
    "爆款",
    "热卖",
    "热销",
    "正品",
    "现货",
    "特价",
    "清仓",
    "促销",
    "批发",
    "新品",
    "网红",
];

/// English marketing filler as word sequences, matched on whole words after lower-casing.
const EN_FILLER: &[&[&str]] = &[
    &["new", "arrival"],
    &["new", "arrivals"],
    &["hot", "sale"],
    &["hot", "selling"],
    &["free", "shipping"],
    &["best", "seller"],
    &["best", "selling"],
    &["high", "quality"],
    &["top", "quality"],
    &["brand", "new"],
    &["dropshipping"],
    &["dropship"],
    &["wholesale"],
];

/// Unit spellings and their canonical form. `in` is left out on purpose: "3 in 1" is far more
/// common in titles than "10 in" for inches. Matched on a whole word after a number, or as the
/// alphabetic tail of a word that starts with a number (`64gb`, `5m`, `20w`).
const UNITS: &[(&str, &str)] = &[
    ("gb", "gb"),
    ("gig", "gb"),
    ("tb", "tb"),
    ("mb", "mb"),
    ("mah", "mah"),
    ("w", "w"),
    ("watt", "w"),
    ("watts", "w"),
    ("v", "v"),
    ("volt", "v"),
    ("m", "m"),
    ("meter", "m"),
    ("meters", "m"),
    ("metre", "m"),
    ("metres", "m"),
    ("cm", "cm"),
    ("mm", "mm"),
    ("ft", "ft"),
    ("feet", "ft"),
    ("inch", "inch"),
    ("inches", "inch"),
    ("hz", "hz"),
    ("ml", "ml"),
    ("l", "l"),
    ("kg", "kg"),
    ("pcs", "pcs"),
    ("pc", "pcs"),
    ("pack", "pcs"),
];

/// Chinese units that may follow a number (`2米`, `65瓦`), longest first.
const ZH_UNITS: &[(&str, &str)] =
    &[("英寸", "inch"), ("毫安", "mah"), ("厘米", "cm"), ("毫米", "mm"), ("米", "m"), ("瓦", "w"), ("寸", "inch")];

/// Folds the compatibility characters titles carry to their plain form (full-width Latin
/// letters, digits and punctuation to ASCII, the ideographic space to a space).
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '″' | '”' | '“' => '"',
        _ => c,
    }
}

/// Chinese, Japanese and Korean characters: these scripts do not separate words with spaces,
/// so their runs are compared by character n-grams instead of words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Word,
    Cjk,
    Gap,
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Gap
    }
}

/// Splits folded, lower-cased text into words and CJK runs. A `.` between digits stays
/// (`1.5m`), and `"` right after a digit is the inch sign.
fn tokenize(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().map(fold_char).flat_map(char::to_lowercase).collect();
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut current_class = Class::Gap;
    for (k, &c) in chars.iter().enumerate() {
        let prev_digit = k > 0 && chars[k - 1].is_ascii_digit();
        let next_digit = chars.get(k + 1).is_some_and(|n| n.is_ascii_digit());
        let cls = class(c);
        if c == '.' && prev_digit && next_digit && current_class == Class::Word {
            current.push(c);
            continue;
        }
        if c == '"' && prev_digit && current_class == Class::Word {
            current.push_str("inch");
            continue;
        }
        if cls != current_class && !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
        current_class = cls;
        if cls != Class::Gap {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

fn is_number(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit() || b == b'.') && token.as_bytes()[0].is_ascii_digit()
}

fn unit(word: &str) -> Option<&'static str> {
    UNITS.iter().find(|(spelling, _)| *spelling == word).map(|(_, canonical)| *canonical)
}

/// `64gb`, `64g` (a power of two: storage), `5m`: a number with a unit tail, canonicalised.
fn canonical_quantity(token: &str) -> Option<String> {
    let split = token.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, tail) = token.split_at(split);
    if !is_number(number) {
        return None;
    }
    if tail == "g" {
        // "64G" is storage; "5G" is the network and "500g" a weight, so only powers of two
        // from 4 up count as gigabytes.
        let n: u64 = number.parse().ok()?;
        return (n >= 4 && n.is_power_of_two()).then(|| format!("{number}gb"));
    }
    unit(tail).map(|u| format!("{number}{u}"))
}

/// The length of the English filler phrase `tokens` start with, if any.
fn filler_at(tokens: &[String]) -> Option<usize> {
    EN_FILLER
        .iter()
        .find(|phrase| tokens.len() >= phrase.len() && phrase.iter().zip(tokens).all(|(a, b)| a == b))
        .map(|phrase| phrase.len())
}

fn is_year(token: &str) -> bool {
    token.len() == 4 && token.parse::<u32>().is_ok_and(|y| (2010..=2039).contains(&y))
}

/// Removes Chinese filler from a CJK run; says whether anything was removed at its start (so
/// a year just before it, as in `2024新款`, goes too).
fn strip_zh_filler(run: &str) -> (String, bool) {
    let mut out = run.to_owned();
    let mut at_start = false;
    for filler in ZH_FILLER {
        while let Some(pos) = out.find(filler) {
            at_start |= pos == 0;
            out.replace_range(pos..pos + filler.len(), " ");
        }
    }
    (out, at_start)
}

/// The normalised title: lower-case words and CJK runs separated by single spaces, units
/// canonical, marketing filler removed.
pub fn normalize_title(title: &str) -> String {
    let tokens = tokenize(title);
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let token = &tokens[k];
        // English filler, including a year before it ("2024 new arrival").
        if let Some(len) = filler_at(&tokens[k..]) {
            k += len;
            continue;
        }
        if is_year(token) && filler_at(&tokens[k + 1..]).is_some() {
            k += 1;
            continue;
        }
        if is_year(token) && tokens.get(k + 1).is_some_and(|n| n == "new" || n == "newest" || n == "latest") {
            k += 2;
            continue;
        }
        if token.starts_with(is_cjk) {
            let mut run = token.clone();
            // A number followed by a Chinese unit: `2米` → `2m`.
            if let Some(last) = out.last_mut().filter(|l| is_number(l)) {
                if let Some((spelling, canonical)) = ZH_UNITS.iter().find(|(s, _)| run.starts_with(s)) {
                    last.push_str(canonical);
                    run = run[spelling.len()..].to_owned();
                }
            }
            let (stripped, at_start) = strip_zh_filler(&run);
            if at_start && out.last().is_some_and(|l| is_year(l)) {
                out.pop();
            }
            out.extend(stripped.split_whitespace().map(str::to_owned));
            k += 1;
            continue;
        }
        if is_number(token) {
            if let Some(u) = tokens.get(k + 1).and_then(|n| unit(n)) {
                out.push(format!("{token}{u}"));
                k += 2;
                continue;
            }
            if tokens.get(k + 1).is_some_and(|n| n == "g") {
                if let Some(q) = canonical_quantity(&format!("{token}g")) {
                    out.push(q);
                    k += 2;
                    continue;
                }
            }
        }
        out.push(canonical_quantity(token).unwrap_or_else(|| token.clone()));
        k += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_punctuation() {
        assert_eq!(normalize_title("ＵＳＢ－Ｃ　Ｃａｂｌｅ，Braided!"), "usb c cable braided");
        assert_eq!(normalize_title("【Phone Case】for iPhone15 (Clear)"), "phone case for iphone15 clear");
    }

    #[test]
    fn canonicalises_units() {
        for t in ["Flash Drive 64 GB", "Flash Drive 64G", "flash drive 64gb", "FLASH DRIVE ６４ＧＢ"] {
            assert_eq!(normalize_title(t), "flash drive 64gb", "{t}");
        }
        assert_eq!(normalize_title("LED strip 5 m"), normalize_title("LED Strip 5M"));
        assert_eq!(normalize_title("Power bank 10000 mAh 20 Watt"), "power bank 10000mah 20w");
        assert_eq!(normalize_title("Tablet 10.1\" screen"), "tablet 10.1inch screen");
        assert_eq!(normalize_title("Tablet 10.1 inch screen"), "tablet 10.1inch screen");
        // 5G is a network, not storage.
        assert_eq!(normalize_title("5G phone"), "5g phone");
        assert_eq!(normalize_title("数据线2米"), "数据线 2m");
        assert_eq!(normalize_title("3 in 1 Cable"), "3 in 1 cable");
    }

    #[test]
    fn removes_marketing_filler() {
        assert_eq!(
            normalize_title("2024 New Arrival Wireless Earbuds HOT SALE Free Shipping"),
            normalize_title("Wireless Earbuds")
        );
        assert_eq!(normalize_title("2024 new Wireless Earbuds high quality"), "wireless earbuds");
        assert_eq!(normalize_title("2024新款 蓝牙耳机 包邮 正品"), "蓝牙耳机");
        assert_eq!(normalize_title("爆款蓝牙耳机厂家直销"), "蓝牙耳机");
        // Filler words alone are ordinary words ("hot water bottle").
        assert_eq!(normalize_title("Hot water bottle, new design"), "hot water bottle new design");
    }

    #[test]
    fn mixed_titles_keep_both_scripts() {
        assert_eq!(normalize_title("Type-C快充数据线 1米 USB"), "type c 快充数据线 1m usb");
        assert_eq!(normalize_title("ワイヤレスイヤホン Bluetooth5.3"), "ワイヤレスイヤホン bluetooth5.3");
    }
}
