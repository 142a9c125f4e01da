//! Shingles: the set of small pieces two titles are compared by.
//!
//! Latin-script words give **unigrams and bigrams**. Look-alike listings reuse the same
//! keywords but reorder and pad them ("Wireless Earbuds Bluetooth 5.3 Headphones" /
//! "Bluetooth 5.3 Headphones Wireless Earbuds"): longer shingles (3+ words) break at every
//! reordering and give near-zero overlap between such titles, unigrams alone call "case for
//! iphone" and "iphone for case" identical. Unigrams carry the vocabulary and bigrams reward
//! the phrases kept intact, which measured the best recall on real marketplace titles.
//!
//! CJK runs have no spaces, so they give **character bigrams** (a one-character run gives its
//! character): `蓝牙耳机` → `蓝牙`, `牙耳`, `耳机`. Mixed titles give both kinds; a CJK run
//! breaks the chain of word bigrams.
//!
//! Shingles are hashed to `u64` with a fixed function (FNV-1a then a SplitMix finaliser),
//! so the same title gives the same hashes in every run, browser and native.

use super::normalize::is_cjk;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The SplitMix64 finaliser: spreads FNV's weak low bits over the whole word.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes byte pieces with a tag that keeps the kinds of shingle apart (word "ab" and the CJK
/// bigram "ab" cannot collide by construction).
fn hash_parts(tag: u8, parts: &[&[u8]]) -> u64 {
    let mut h = FNV_OFFSET ^ tag as u64;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            h = (h ^ 0x1f).wrapping_mul(FNV_PRIME);
        }
        for &b in *part {
            h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
        }
    }
    mix64(h)
}

/// The hash of a single word, as in a shingle set.
pub fn word_hash(word: &str) -> u64 {
    hash_parts(1, &[word.as_bytes()])
}

/// The sorted, de-duplicated shingle hashes of a normalised title (see
/// [`super::normalize::normalize_title`]).
pub fn shingles(normalized: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut previous_word: Option<&str> = None;
    for token in normalized.split(' ').filter(|t| !t.is_empty()) {
        if token.starts_with(is_cjk) {
            previous_word = None;
            let chars: Vec<(usize, char)> = token.char_indices().collect();
            if chars.len() == 1 {
                out.push(hash_parts(3, &[token.as_bytes()]));
            }
            for w in chars.windows(2) {
                let end = w[1].0 + w[1].1.len_utf8();
                out.push(hash_parts(3, &[&token.as_bytes()[w[0].0..end]]));
            }
        } else {
            out.push(word_hash(token));
            if let Some(p) = previous_word {
                out.push(hash_parts(2, &[p.as_bytes(), token.as_bytes()]));
            }
            previous_word = Some(token);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, de-duplicated sets; two empty sets are not similar
/// (an empty title says nothing about the product).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize_title;
    use super::*;

    fn set(title: &str) -> Vec<u64> {
        shingles(&normalize_title(title))
    }

    #[test]
    fn words_give_unigrams_and_bigrams() {
        assert_eq!(set("usb cable braided").len(), 5);
        assert_eq!(set("cable cable").len(), 2);
        // Same words, different order: unigrams match, bigrams differ.
        let j = jaccard(&set("case for iphone"), &set("iphone for case"));
        assert!(j > 0.2 && j < 1.0, "{j}");
    }

    #[test]
    fn cjk_runs_give_character_bigrams() {
        assert_eq!(set("蓝牙耳机").len(), 3);
        assert_eq!(set("鞋").len(), 1);
        // Mixed: 2 words + 1 word bigram + 2 CJK bigrams ("快充", "充线") + "1m".
        assert_eq!(set("USB C 快充线 1米").len(), 6);
        assert!(jaccard(&set("蓝牙耳机 无线 运动"), &set("无线蓝牙耳机运动")) > 0.5);
    }

    #[test]
    fn hashes_tell_words_apart_and_ignore_case() {
        assert_ne!(word_hash("cable"), word_hash("cables"));
        assert_eq!(set("a b"), set("A  B!"));
    }

    #[test]
    fn jaccard_counts_common_elements() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
    }
}
