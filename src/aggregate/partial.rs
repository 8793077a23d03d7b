//! Per-group partial aggregates: what producers fold rows into and metrics read from.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use super::{CoMoments, Dim, GroupKey, Histogram, Merge};

/// Respondent-level partials for key-driver analysis.
///
/// Variable 0 is the loyalty outcome; variable `1 + t` is the rating of touchpoint `t`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DriverPartials {
    /// Wide data: co-moments of every pair of variables a respondent answered.
    pub pairs: BTreeMap<(usize, usize), CoMoments>,
    /// Long data, where a respondent rates one touchpoint: per touchpoint, the outcome
    /// histogram of those who rated it in its top box (`[0]`) and of the rest (`[1]`).
    pub gaps: BTreeMap<usize, [Histogram; 2]>,
}

impl Merge for DriverPartials {
    fn merge(&mut self, o: DriverPartials) {
        for (k, v) in o.pairs {
            self.pairs.entry(k).or_default().merge(v);
        }
        for (k, [a, b]) in o.gaps {
            let e = self.gaps.entry(k).or_default();
            e[0].merge(a);
            e[1].merge(b);
        }
    }
}

/// Histograms of every score in one group, indexed like `Project::scores`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupPartial {
    pub scores: Vec<Histogram>,
}

impl GroupPartial {
    /// Adds another group's counts (by reference: a roll-up adds one group to several).
    pub fn add_counts(&mut self, other: &GroupPartial) {
        if self.scores.len() < other.scores.len() {
            self.scores.resize(other.scores.len(), Histogram::default());
        }
        for (a, b) in self.scores.iter_mut().zip(&other.scores) {
            a.add_counts(b);
        }
    }
}

impl Merge for GroupPartial {
    fn merge(&mut self, other: GroupPartial) {
        if self.scores.is_empty() {
            *self = other;
        } else {
            self.add_counts(&other);
        }
    }
}

/// All partial aggregates of a build.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Partials {
    /// Per-group histograms, ordered so that output never depends on hashing.
    pub groups: BTreeMap<GroupKey, GroupPartial>,
    /// Display names of segments discovered from column values (`tier:gold` → `Tier: gold`).
    pub segment_names: BTreeMap<String, String>,
    /// Respondent-level partials for driver analysis.
    pub drivers: DriverPartials,
    /// Per segment group that has answers, the segment groups holding every one of its
    /// answers (`tier:gold` → `premium`, a rule that takes gold and platinum): a published
    /// figure less one inside it gives away the answers between them, which complementary
    /// suppression guards (`metrics::suppression`). A group with none holding it has an empty
    /// set (kept: merged, the sets intersect).
    pub within: BTreeMap<String, BTreeSet<String>>,
}

impl Partials {
    /// Records one answer of score `score` (offset into its scale of `width`) in `key`.
    pub fn add(&mut self, key: &GroupKey, score: usize, offset: usize, width: usize) {
        let g = match self.groups.get_mut(key) {
            Some(g) => g,
            None => self.groups.entry(key.clone()).or_default(),
        };
        if g.scores.len() <= score {
            g.scores.resize(score + 1, Histogram::default());
        }
        g.scores[score].add(offset, width);
    }

    /// The histogram of `score` in a group, if it has any answer.
    pub fn histogram(&self, dim: Dim, group: &str, score: usize) -> Option<&Histogram> {
        self.groups.get(&GroupKey::all(dim, group)).and_then(|g| g.scores.get(score)).filter(|h| h.n() > 0)
    }

    /// A group's size for ranking it among others: its most answers to any one score, over
    /// all periods (0 when it has none).
    pub fn most_answers(&self, dim: Dim, group: &str) -> u64 {
        self.groups.get(&GroupKey::all(dim, group)).map_or(0, |g| g.scores.iter().map(Histogram::n).max().unwrap_or(0))
    }
}

impl Merge for Partials {
    /// Merges another set of partials into this one, taking its parts instead of copying
    /// them (associative and commutative).
    fn merge(&mut self, other: Partials) {
        if self.groups.is_empty() && self.segment_names.is_empty() && self.within.is_empty() {
            let drivers = std::mem::take(&mut self.drivers);
            *self = other;
            self.drivers.merge(drivers);
            return;
        }
        for (k, v) in other.groups {
            match self.groups.entry(k) {
                Entry::Vacant(e) => {
                    e.insert(v);
                }
                Entry::Occupied(mut e) => e.get_mut().merge(v),
            }
        }
        for (k, v) in other.segment_names {
            self.segment_names.entry(k).or_insert(v);
        }
        merge_within(&mut self.within, other.within);
        self.drivers.merge(other.drivers);
    }
}

/// Merges what holds each segment group's answers: a group met in both parts is held only
/// by the groups holding it in both (associative and commutative).
pub fn merge_within(mine: &mut BTreeMap<String, BTreeSet<String>>, theirs: BTreeMap<String, BTreeSet<String>>) {
    for (group, holders) in theirs {
        match mine.entry(group) {
            Entry::Vacant(e) => {
                e.insert(holders);
            }
            Entry::Occupied(mut e) => e.get_mut().retain(|h| holders.contains(h)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(rows: &[(Dim, &str, usize, usize)]) -> Partials {
        let mut p = Partials::default();
        for (dim, g, s, v) in rows {
            p.add(&GroupKey::all(*dim, *g), *s, *v, 11);
        }
        p
    }

    #[test]
    fn merging_partials_of_two_halves_equals_folding_the_whole() {
        // A small deterministic pseudo-random stream of answers over groups and scores.
        let mut rows = Vec::new();
        let mut x: u64 = 12345;
        for _ in 0..500 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let dim = if x >> 60 & 1 == 0 { Dim::Touchpoint } else { Dim::Segment };
            let group = ["a", "b", "c"][(x >> 40) as usize % 3];
            rows.push((dim, group, (x >> 20) as usize % 2, (x >> 8) as usize % 11));
        }
        let whole = fold(&rows);
        for cut in [0, 1, 250, 499, 500] {
            let mut left = fold(&rows[..cut]);
            left.merge(fold(&rows[cut..]));
            assert_eq!(left, whole, "cut at {cut}");
            let mut right = fold(&rows[cut..]);
            right.merge(fold(&rows[..cut]));
            assert_eq!(right, whole, "merge must commute (cut at {cut})");
        }
    }

    #[test]
    fn histogram_counts_each_value_at_its_offset() {
        let mut h = Histogram::default();
        for v in [0, 10, 10, 3] {
            h.add(v, 11);
        }
        assert_eq!(h.n(), 4);
        assert_eq!(h.counts[10], 2);
        assert_eq!(h.counts[3], 1);
        assert_eq!(h.counts.len(), 11);
    }
}
