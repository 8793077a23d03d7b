//! A group's keyword counts while the fold runs: frequent ids in a flat array of two-byte
//! counters, the rest in a log folded into sorted runs, carries exact past either width.

use rustc_hash::FxHashMap;

use super::sample::Sample;
use crate::text::NOT_COUNTED;

/// Keyword ids under this are counted in a flat array per group. Ids are given in order of
/// first use, so the frequent words of a Zipf-like vocabulary get small ids early and their
/// counts stay in the cache; rarer words and phrases are counted in a map.
pub(super) const DENSE_WORDS: usize = 1 << 13;

/// A group's keyword counts over all periods and, for segments and dimension values, its
/// verbatim samples by sentiment.
pub(super) struct Table {
    /// The group's packed key (period 0).
    pub(super) key: u64,
    /// Counts of ids under [`DENSE_WORDS`], two bytes each (so a table of frequent words
    /// takes half the cache); each wrap past `u16::MAX` carries 65,536 into `carried`.
    pub(super) dense: Vec<u16>,
    /// Ids as they come, added to the counts once there are as many as `runs` holds (or
    /// [`LOG_MIN`]): rare words and phrases, most of them used once in a group, cost a push
    /// here and eight bytes there instead of a probe into a large hash map each.
    pub(super) log: Vec<u32>,
    /// Counts of the other ids, sorted by id.
    pub(super) runs: Vec<(u32, u32)>,
    /// Counts carried out of `dense` (past `u16::MAX`) or `runs` (past `u32::MAX`), so counts
    /// stay exact.
    pub(super) carried: FxHashMap<u32, u64>,
    pub(super) samples: Option<Box<[Sample; 3]>>,
}

/// The fewest ids a keyword table's log holds before it is folded into its runs.
pub(super) const LOG_MIN: usize = 512;

impl Table {
    /// Counts one keyword: logged, and added to the counts when the log is full. A group's
    /// counters are spread over kilobytes, and a build has hundreds of groups: added as each
    /// comment comes, nearly every one was a cache miss (most of the time counting took).
    /// Logged, a comment's keywords cost a write or two to the log's end, and a full log is
    /// added with the group's counters in the cache.
    pub(super) fn count(&mut self, id: u32) {
        self.log.push(id);
        if self.log.len() >= LOG_MIN.max(self.runs.len()) {
            self.fold_log();
        }
    }

    /// Adds the logged ids to the counts: frequent ids into the array, the others sorted,
    /// counted and merged with the runs by id.
    pub(super) fn fold_log(&mut self) {
        if self.log.is_empty() {
            return;
        }
        let mut log = std::mem::take(&mut self.log);
        log.retain(|&id| {
            let i = id as usize;
            if i >= DENSE_WORDS {
                return true;
            }
            if i >= self.dense.len() {
                self.dense.resize((i + 1).next_power_of_two().clamp(64, DENSE_WORDS), 0);
            }
            let c = &mut self.dense[i];
            *c = c.wrapping_add(1);
            if *c == 0 {
                *self.carried.entry(id).or_default() += 1 << 16;
            }
            false
        });
        if !log.is_empty() {
            self.merge_rare(&mut log);
        }
        log.clear();
        self.log = log;
    }

    /// Merges the ids of `log` (none under [`DENSE_WORDS`]) into the runs.
    fn merge_rare(&mut self, log: &mut [u32]) {
        log.sort_unstable();
        let mut merged = Vec::with_capacity(self.runs.len() + log.len());
        let mut runs = self.runs.iter().copied().peekable();
        for same in log.chunk_by(|a, b| a == b) {
            let id = same[0];
            while let Some(r) = runs.next_if(|r| r.0 < id) {
                merged.push(r);
            }
            let mut n = same.len() as u64 + runs.next_if(|r| r.0 == id).map_or(0, |r| u64::from(r.1));
            if n > u64::from(u32::MAX) {
                *self.carried.entry(id).or_default() += n - u64::from(u32::MAX);
                n = u64::from(u32::MAX);
            }
            merged.push((id, n as u32));
        }
        merged.extend(runs);
        self.runs = merged;
    }

    /// Renumbers the counts by `new_id` (ascending where kept), dropping ids it maps to
    /// [`NOT_COUNTED`].
    pub(super) fn renumber(&mut self, new_id: &[u32]) {
        let counts = self.counts();
        self.dense = Vec::new();
        self.runs = Vec::new();
        self.carried = FxHashMap::default();
        for (id, n) in counts {
            let id = new_id[id as usize];
            if id == NOT_COUNTED {
                continue;
            }
            let i = id as usize;
            // As `count` keeps them: the low two bytes in the array, four in the runs, the
            // rest carried.
            let kept = if i < DENSE_WORDS {
                if i >= self.dense.len() {
                    self.dense.resize((i + 1).next_power_of_two().clamp(64, DENSE_WORDS), 0);
                }
                self.dense[i] = (n & 0xFFFF) as u16;
                n & 0xFFFF
            } else {
                let kept = n.min(u64::from(u32::MAX));
                self.runs.push((id, kept as u32));
                kept
            };
            if n > kept {
                self.carried.insert(id, n - kept);
            }
        }
    }

    /// The counts by id, in order (an id whose count was carried sits in more than one place
    /// before they are added up here).
    pub(super) fn counts(&mut self) -> Vec<(u32, u64)> {
        self.fold_log();
        let mut out: Vec<(u32, u64)> =
            self.dense.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| (i as u32, u64::from(*n))).collect();
        let runs = self.runs.iter().map(|(id, n)| (*id, u64::from(*n)));
        let mut rest: Vec<(u32, u64)> = runs.chain(self.carried.iter().map(|(id, n)| (*id, *n))).collect();
        rest.sort_unstable();
        rest.dedup_by(|later, kept| {
            later.0 == kept.0 && {
                kept.1 += later.1;
                true
            }
        });
        crate::aggregate::add_sorted(&mut out, &rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    pub(super) fn table() -> Table {
        Table {
            key: 0,
            dense: Vec::new(),
            log: Vec::new(),
            runs: Vec::new(),
            carried: FxHashMap::default(),
            samples: None,
        }
    }

    #[test]
    pub(super) fn keyword_counts_are_the_same_in_the_array_the_map_and_past_four_billion() {
        let mut t = table();
        let ids = [3u32, 3, 9000, 3, 70_000, 9000];
        for id in ids {
            t.count(id);
        }
        assert_eq!(t.counts(), [(3, 3), (9000, 2), (70_000, 1)]);
        // A count at the top of its two bytes (the array) or four (the runs) carries on in
        // the map, exactly.
        let mut t = table();
        t.count(5);
        t.count(9000);
        t.fold_log();
        t.dense[5] = u16::MAX - 1;
        t.runs = vec![(9000, u32::MAX - 1)];
        for _ in 0..3 {
            t.count(5);
            t.count(9000);
        }
        assert_eq!(t.counts(), [(5, u64::from(u16::MAX) + 2), (9000, u64::from(u32::MAX) + 2)]);
        // Many wraps of the array.
        let mut t = table();
        for _ in 0..200_000 {
            t.count(7);
        }
        assert_eq!(t.counts(), [(7, 200_000)]);
    }

    #[test]
    pub(super) fn renumbered_counts_keep_their_totals_in_the_array_the_runs_and_the_carried_map() {
        let mut t = table();
        for _ in 0..70_000 {
            t.count(2);
        }
        for id in [5u32, 9000, 9000, 20_000, 20_000, 20_000] {
            t.count(id);
        }
        t.runs.push((30_000, u32::MAX));
        // Old ids 0..=30,000; 5 and 20,000 dropped, the others moved down in order: 2 stays
        // in the array (its 65,536 carried), 9000 moves into it, 30,000 stays in the runs.
        let mut new_id = vec![NOT_COUNTED; 30_001];
        (new_id[2], new_id[9000], new_id[30_000]) = (0, 1, 9_999);
        t.renumber(&new_id);
        assert_eq!(t.counts(), [(0, 70_000), (1, 2), (9_999, u64::from(u32::MAX))]);
        // Counting goes on from there.
        t.count(1);
        t.count(9_999);
        assert_eq!(t.counts(), [(0, 70_000), (1, 3), (9_999, u64::from(u32::MAX) + 1)]);
    }

    #[test]
    pub(super) fn keyword_counts_stay_exact_across_many_folds_of_the_log() {
        // 200,000 ids, Zipf-like (a few frequent, a long tail) from a seeded xorshift, against
        // a plain count: the log is folded into the runs many times over.
        let mut t = table();
        let mut want: BTreeMap<u32, u64> = BTreeMap::new();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let id = ((x % 1_000_000) * (x % 1_000_000) / 1_000_000) as u32 * 7;
            t.count(id);
            *want.entry(id).or_default() += 1;
        }
        assert!(t.runs.len() > LOG_MIN, "folded at least once");
        assert_eq!(t.counts(), want.into_iter().collect::<Vec<_>>());
    }
}
