//! MinHash signatures and LSH banding: which pairs of titles are worth comparing exactly.
//!
//! Comparing all pairs of 100 000 titles is 5·10⁹ comparisons; MinHash with banding finds
//! the pairs likely to be similar in linear time. Two sets agree on one MinHash value with
//! probability equal to their Jaccard similarity `s`, so they share at least one band of `r`
//! rows out of `b` with probability `1 − (1 − s^r)^b`.
//!
//! The bands are tuned for the **lowest** threshold the user can pick (0.5), so moving the
//! slider never needs a new search: [`BANDS`] = 32 bands of [`ROWS`] = 3 rows (96 hashes)
//! find a pair at s = 0.5 with probability 98.6 % (s = 0.6: 99.9 %, s = 0.4: 88 %). Four
//! rows would need 47 bands (188 hashes) for the same recall at 0.5. The price is more
//! candidates at low similarity (s = 0.3: 58 %), all of them checked by exact Jaccard.

use super::shingle::mix64;

/// Rows per band.
pub const ROWS: usize = 3;
/// Bands.
pub const BANDS: usize = 32;
/// Hash functions in a signature.
pub const HASHES: usize = ROWS * BANDS;

/// Buckets larger than this are not expanded to all their pairs (see [`candidate_pairs`]).
pub const BUCKET_ALL_PAIRS: usize = 64;
/// In a larger bucket, each member is compared with this many neighbours.
pub const BUCKET_WINDOW: usize = 24;

/// The hash family: `h_k(x)` = the high 32 bits of `(x ⊕ a_k) · m_k` with fixed, seeded `a_k`
/// and odd `m_k`. The shingle hashes are already well mixed, so one multiply per hash is
/// enough (the estimate test checks the accuracy); the seed makes signatures the same in
/// every run.
pub struct HashFamily {
    xor: [u64; HASHES],
    mul: [u64; HASHES],
}

impl HashFamily {
    pub fn new(seed: u64) -> HashFamily {
        let mut xor = [0u64; HASHES];
        let mut mul = [0u64; HASHES];
        let mut state = seed;
        for k in 0..HASHES {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            xor[k] = mix64(state);
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mul[k] = mix64(state) | 1;
        }
        HashFamily { xor, mul }
    }

    /// The MinHash signature of a set of (already well-mixed) shingle hashes. An empty set
    /// gives all `u32::MAX`, which [`band_keys`] treats as "no bands".
    pub fn signature(&self, set: &[u64]) -> [u32; HASHES] {
        let mut sig = [u32::MAX; HASHES];
        for &x in set {
            for ((slot, &a), &m) in sig.iter_mut().zip(&self.xor).zip(&self.mul) {
                let v = ((x ^ a).wrapping_mul(m) >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        }
        sig
    }
}

/// The MinHash estimate of the Jaccard similarity of two sets.
pub fn estimate(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// One key per band: a hash of the band's rows (band index included, so equal rows in
/// different bands do not meet).
pub fn band_keys(sig: &[u32; HASHES]) -> [u32; BANDS] {
    let mut keys = [0u32; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let mut h = band as u64;
        for &v in &sig[band * ROWS..(band + 1) * ROWS] {
            h = mix64(h ^ v as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
        }
        *key = (h >> 32) as u32;
    }
    keys
}

/// Candidate pairs `(i, j)` with `i < j`, sorted and de-duplicated, from the band keys of
/// items `0..n` (`keys[i * BANDS + band]`; items in `skip` take no part, e.g. empty titles).
///
/// A bucket of at most [`BUCKET_ALL_PAIRS`] members gives all its pairs. A larger one (a
/// band shared by hundreds of titles built from the same few words) would give a quadratic
/// number of pairs mostly confirmed already through other bands; its members are ordered by
/// their keys in the other bands, so near-identical ones sit together, and each is paired with
/// the next [`BUCKET_WINDOW`] only. Exact duplicates never reach this point (the caller
/// merges them first), so this cap only trims pairs among distinct titles; the real-data
/// recall test measures its effect.
pub fn candidate_pairs(keys: &[u32], n: usize, skip: &[bool]) -> Vec<u64> {
    let mut pairs: Vec<u64> = Vec::new();
    let mut bucket: Vec<(u32, u32)> = Vec::with_capacity(n);
    for band in 0..BANDS {
        bucket.clear();
        bucket.extend((0..n).filter(|&i| !skip[i]).map(|i| (keys[i * BANDS + band], i as u32)));
        bucket.sort_unstable();
        let mut start = 0;
        while start < bucket.len() {
            let key = bucket[start].0;
            let mut end = start + 1;
            while end < bucket.len() && bucket[end].0 == key {
                end += 1;
            }
            let members = &mut bucket[start..end];
            if members.len() <= BUCKET_ALL_PAIRS {
                for a in 0..members.len() {
                    for b in a + 1..members.len() {
                        pairs.push(pair_key(members[a].1, members[b].1));
                    }
                }
            } else {
                let order_key = |i: u32| -> [u32; BANDS] {
                    let mut k = [0u32; BANDS];
                    k.copy_from_slice(&keys[i as usize * BANDS..(i as usize + 1) * BANDS]);
                    k.rotate_left(band + 1);
                    k
                };
                members.sort_unstable_by_key(|m| order_key(m.1));
                for a in 0..members.len() {
                    for b in a + 1..(a + 1 + BUCKET_WINDOW).min(members.len()) {
                        pairs.push(pair_key(members[a].1, members[b].1));
                    }
                }
            }
            start = end;
        }
        // Keep the candidate list from growing with duplicates band after band.
        if pairs.len() > 4 * n + (1 << 20) {
            pairs.sort_unstable();
            pairs.dedup();
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// `(i, j)` as one sortable integer, smaller index first.
#[inline]
pub fn pair_key(a: u32, b: u32) -> u64 {
    let (i, j) = if a < b { (a, b) } else { (b, a) };
    ((i as u64) << 32) | j as u64
}

/// The two indices of a [`pair_key`].
#[inline]
pub fn pair_of(key: u64) -> (u32, u32) {
    ((key >> 32) as u32, key as u32)
}

#[cfg(test)]
mod tests {
    use super::super::shingle::jaccard;
    use super::*;
    use crate::demo::Rng;

    /// Two random sets with a chosen overlap: `common` shared elements and `own` each.
    fn pair(rng: &mut Rng, common: usize, own: usize) -> (Vec<u64>, Vec<u64>) {
        let shared: Vec<u64> = (0..common).map(|_| mix64(rng.next_u64())).collect();
        let mut a = shared.clone();
        let mut b = shared;
        a.extend((0..own).map(|_| mix64(rng.next_u64())));
        b.extend((0..own).map(|_| mix64(rng.next_u64())));
        a.sort_unstable();
        b.sort_unstable();
        (a, b)
    }

    #[test]
    fn signatures_estimate_jaccard() {
        let family = HashFamily::new(1);
        let mut rng = Rng::new(3);
        let mut worst: f64 = 0.0;
        let mut total_error = 0.0;
        for (common, own) in [(30, 0), (20, 5), (15, 10), (10, 10), (5, 20), (0, 20)] {
            for _ in 0..20 {
                let (a, b) = pair(&mut rng, common, own);
                let exact = jaccard(&a, &b);
                let error = (estimate(&family.signature(&a), &family.signature(&b)) - exact).abs();
                worst = worst.max(error);
                total_error += error;
            }
        }
        // Standard error of a 96-hash estimate is at most 0.051.
        assert!(worst < 0.2, "worst error {worst}");
        assert!(total_error / 120.0 < 0.06, "mean error {}", total_error / 120.0);
    }

    #[test]
    fn banding_finds_similar_pairs_and_few_others() {
        let family = HashFamily::new(1);
        let mut rng = Rng::new(5);
        let mut sets = Vec::new();
        // 200 pairs at Jaccard 0.5 (12 shared of 24), then 400 unrelated sets.
        for _ in 0..200 {
            let (a, b) = pair(&mut rng, 12, 6);
            sets.push(a);
            sets.push(b);
        }
        for _ in 0..400 {
            sets.push(pair(&mut rng, 0, 15).0);
        }
        let mut keys = Vec::new();
        for s in &sets {
            keys.extend_from_slice(&band_keys(&family.signature(s)));
        }
        let candidates = candidate_pairs(&keys, sets.len(), &vec![false; sets.len()]);
        let found = (0..200u32).filter(|&p| candidates.binary_search(&pair_key(2 * p, 2 * p + 1)).is_ok()).count();
        // Expected 98.6 % at exactly 0.5.
        assert!(found >= 190, "found {found} of 200");
        // Unrelated sets share a band only by chance.
        assert!(candidates.len() < 260, "{} candidates", candidates.len());
    }

    #[test]
    fn giant_buckets_are_windowed() {
        let n = 500;
        // Every item in the same bucket of every band.
        let keys = vec![7u32; n * BANDS];
        let candidates = candidate_pairs(&keys, n, &vec![false; n]);
        assert!(candidates.len() <= n * BUCKET_WINDOW);
        assert!(candidates.len() >= n);
        let skip: Vec<bool> = (0..n).map(|i| i % 2 == 0).collect();
        let some = candidate_pairs(&keys[..10 * BANDS], 10, &skip[..10]);
        assert!(some.iter().all(|&k| pair_of(k).0 % 2 == 1 && pair_of(k).1 % 2 == 1));
        assert_eq!(some.len(), 10);
    }
}
