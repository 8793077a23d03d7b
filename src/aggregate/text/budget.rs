//! The keyword budget: past a number of distinct words or phrases held, keywords are counted
//! for a sample fixed by a hash of each keyword, at a level the data alone decides (see
//! [`super::KeywordPartials::settle`] and docs/PERFORMANCE.md), so memory stays bounded
//! whatever the text and the site is the same on any number of threads.

/// Distinct keywords a worker, or a merge, holds at most: single words, and two-word phrases.
/// Natural comments stay far below (the 1M-row benchmark's 300,000 comments hold about 7,300
/// words and 23,000 phrases per worker); text no customer wrote (every word new) would
/// otherwise hold each word and phrase it has, with a count per group, until the roll-up (a
/// 64 MB file of random words: 3.3 GB). Past a budget, only keywords passing a hash level are
/// counted ([`passes`]); at these budgets that file peaks at about 460 MB, and so would a
/// larger one.
pub const KEYWORD_BUDGET: [usize; 2] = [1 << 18, 1 << 19];

/// The keyword budget: [`KEYWORD_BUDGET`], or `CXSITE_KEYWORD_BUDGET=words,phrases` (so tests
/// reach it with little data). Read once.
pub fn keyword_budget() -> [usize; 2] {
    static BUDGET: std::sync::OnceLock<[usize; 2]> = std::sync::OnceLock::new();
    *BUDGET.get_or_init(|| {
        std::env::var("CXSITE_KEYWORD_BUDGET")
            .ok()
            .and_then(|v| {
                let (w, p) = v.split_once(',')?;
                Some([w.trim().parse().ok()?, p.trim().parse().ok()?])
            })
            .filter(|b: &[usize; 2]| b[0] > 0 && b[1] > 0)
            .unwrap_or(KEYWORD_BUDGET)
    })
}

/// A keyword's kind: 0 a single word, 1 a two-word phrase (words hold no space; a phrase is
/// its two words joined by one).
pub fn keyword_kind(keyword: &str) -> usize {
    usize::from(keyword.as_bytes().contains(&b' '))
}

/// A fixed 64-bit hash of a keyword's text, the same on every machine and in every version
/// that keeps it: FNV-1a over the bytes, then MurmurHash3's 64-bit finaliser so that its low
/// bits, which [`passes`] reads, depend on every byte. Fed in pieces, so a phrase hashes as
/// its text without being written out.
#[derive(Clone, Copy)]
pub struct KeywordHasher(u64);

impl Default for KeywordHasher {
    fn default() -> Self {
        KeywordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl KeywordHasher {
    /// Feeds `text`'s bytes.
    pub fn feed(mut self, text: &str) -> Self {
        for b in text.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// The hash of everything fed.
    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// The [`KeywordHasher`] hash of `keyword`.
pub fn keyword_hash(keyword: &str) -> u64 {
    KeywordHasher::default().feed(keyword).finish()
}

/// The hash of the phrase of words `a` and `b` (`"a b"`), without writing it out.
pub fn phrase_hash(a: &str, b: &str) -> u64 {
    KeywordHasher::default().feed(a).feed(" ").feed(b).finish()
}

/// Whether a keyword of hash `hash` is counted at level `level`: its `level` lowest bits are
/// zero, so one keyword in 2^level is, the same ones wherever they are met, and a keyword
/// counted at a level is counted at every lower one.
pub fn passes(hash: u64, level: u32) -> bool {
    level == 0 || hash.trailing_zeros() >= level
}

/// Each kind's level (of keywords of kinds `kinds` and hashes `hashes`) raised from `levels`
/// to the lowest at which that kind's keywords that pass fit `budget`.
pub fn fitting_levels(kinds: &[usize], hashes: &[u64], levels: [u32; 2], budget: [usize; 2]) -> [u32; 2] {
    [0, 1].map(|kind| {
        let of_kind = hashes.iter().zip(kinds).filter(|(_, k)| **k == kind).map(|(h, _)| *h);
        fitting_level(of_kind, levels[kind], budget[kind])
    })
}

/// The lowest level from `from` up at which at most `budget` of the keywords of hashes
/// `hashes` pass.
pub fn fitting_level(hashes: impl Iterator<Item = u64>, from: u32, budget: usize) -> u32 {
    // Keywords by the number of low zero bits of their hash: those passing level L are the
    // ones with L or more.
    let mut by_zeros = [0usize; 65];
    for h in hashes {
        by_zeros[h.trailing_zeros() as usize] += 1;
    }
    let mut passing: usize = by_zeros[from as usize..].iter().sum();
    let mut level = from;
    while passing > budget && level < 64 {
        passing -= by_zeros[level as usize];
        level += 1;
    }
    level
}

/// The keywords of `words` (of kinds `kinds` and hashes `hashes`) that pass `levels`, in
/// their order, and each old id's new id (`u32::MAX` for a keyword dropped): how a producer
/// and a merge both drop what a raised level no longer counts.
pub fn kept_at(words: Vec<Box<str>>, kinds: &[usize], hashes: &[u64], levels: [u32; 2]) -> (Vec<Box<str>>, Vec<u32>) {
    let mut new_id = vec![u32::MAX; words.len()];
    let mut kept = Vec::new();
    for (i, w) in words.into_iter().enumerate() {
        if passes(hashes[i], levels[kinds[i]]) {
            new_id[i] = kept.len() as u32;
            kept.push(w);
        }
    }
    (kept, new_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyword_hash_is_fnv_1a_with_a_finaliser_and_a_phrase_hashes_as_its_text() {
        // Worked out apart (Python: FNV-1a 64 over the UTF-8 bytes, then MurmurHash3's fmix64).
        assert_eq!(keyword_hash("delivery"), 0x7e42_3f27_0aa3_aad6);
        assert_eq!(keyword_hash("送货"), 0x3281_b8eb_6028_987a);
        assert_eq!(keyword_hash("slow delivery"), 0x2d58_0915_78eb_9310);
        assert_eq!(keyword_hash(""), 0xefd0_1f60_ba99_2926);
        assert_eq!(phrase_hash("slow", "delivery"), keyword_hash("slow delivery"));
        assert_eq!((keyword_kind("slow"), keyword_kind("slow delivery")), (0, 1));
    }

    #[test]
    fn a_level_passes_the_hashes_with_as_many_low_zero_bits_and_fits_the_budget_lowest() {
        assert!(passes(0b1011, 0) && !passes(0b1011, 1));
        assert!(passes(0b1000, 3) && !passes(0b1000, 4) && passes(0, 64));
        // Low zero bits 0, 0, 1, 2, 3, 5: at level 1 four pass, at 2 three, at 3 two.
        let hashes = [1u64, 3, 2, 4, 8, 32];
        assert_eq!(fitting_level(hashes.into_iter(), 0, 6), 0);
        assert_eq!(fitting_level(hashes.into_iter(), 0, 4), 1);
        assert_eq!(fitting_level(hashes.into_iter(), 0, 2), 3);
        assert_eq!(fitting_level(hashes.into_iter(), 0, 0), 6);
        // Never below where it starts.
        assert_eq!(fitting_level(hashes.into_iter(), 2, 6), 2);
    }
}
