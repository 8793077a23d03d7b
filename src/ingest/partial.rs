//! Mergeable partial aggregates: what ingest folds rows into and metrics read from.
//!
//! A score's partial is its histogram — a count per value of the scale. Every statistic
//! cxsite reports (NPS, top-box share, mean, SD, intervals) is a function of the histogram,
//! histograms merge by adding counts, and a SQL engine can produce them with one `GROUP BY`.

use std::collections::BTreeMap;

use serde::Serialize;

/// Counts per value of an integer scale `min..=max`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Histogram {
    /// `counts[i]` is the number of answers equal to `min + i`. Empty until the first answer.
    pub counts: Vec<u64>,
}

impl Histogram {
    /// Records one answer at offset `value - min` on a scale of `width` values.
    pub fn add(&mut self, offset: usize, width: usize) {
        if self.counts.len() < width {
            self.counts.resize(width, 0);
        }
        self.counts[offset] += 1;
    }

    /// Adds another histogram of the same scale.
    pub fn merge(&mut self, other: &Histogram) {
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    /// Number of answers.
    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// The kinds of group cxsite computes metrics for; the order is the order of metrics.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Dim {
    Overall,
    Stage,
    Touchpoint,
    Segment,
    Period,
    Source,
    /// A configured dimension, by index into `Project::dimensions`.
    Custom(usize),
    /// Touchpoint × segment; group `touchpoint_id|segment_id`.
    TouchpointSegment,
    /// Touchpoint × period; group `touchpoint_id|period`.
    TouchpointPeriod,
}

/// One group: a dimension and the group's key within it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub dim: Dim,
    pub group: String,
}

/// Histograms of every score in one group, indexed like `Project::scores`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupPartial {
    pub scores: Vec<Histogram>,
}

impl GroupPartial {
    fn merge(&mut self, other: &GroupPartial) {
        if self.scores.len() < other.scores.len() {
            self.scores.resize(other.scores.len(), Histogram::default());
        }
        for (a, b) in self.scores.iter_mut().zip(&other.scores) {
            a.merge(b);
        }
    }
}

/// All partial aggregates of a build.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Partials {
    /// Per-group histograms, ordered so that output never depends on hashing.
    pub groups: BTreeMap<GroupKey, GroupPartial>,
    /// Display names of segments discovered from column values (`tier:gold` → `Tier: gold`).
    pub segment_names: BTreeMap<String, String>,
}

impl Partials {
    /// Records one answer of score `score` (offset into its scale of `width`) in `key`.
    pub fn add(&mut self, key: GroupKey, score: usize, offset: usize, width: usize) {
        let g = self.groups.entry(key).or_default();
        if g.scores.len() <= score {
            g.scores.resize(score + 1, Histogram::default());
        }
        g.scores[score].add(offset, width);
    }

    /// Merges another set of partials into this one (associative and commutative).
    pub fn merge(&mut self, other: &Partials) {
        for (k, v) in &other.groups {
            self.groups.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &other.segment_names {
            self.segment_names.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    /// The histogram of `score` in a group, if it has any answer.
    pub fn histogram(&self, dim: Dim, group: &str, score: usize) -> Option<&Histogram> {
        self.groups
            .get(&GroupKey { dim, group: group.to_string() })
            .and_then(|g| g.scores.get(score))
            .filter(|h| h.n() > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(rows: &[(Dim, &str, usize, usize)]) -> Partials {
        let mut p = Partials::default();
        for (dim, g, s, v) in rows {
            p.add(GroupKey { dim: *dim, group: g.to_string() }, *s, *v, 11);
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
            let dim = if x >> 60 & 1 == 0 { Dim::Touchpoint } else { Dim::Period };
            let group = ["a", "b", "c"][(x >> 40) as usize % 3];
            rows.push((dim, group, (x >> 20) as usize % 2, (x >> 8) as usize % 11));
        }
        let whole = fold(&rows);
        for cut in [0, 1, 250, 499, 500] {
            let mut left = fold(&rows[..cut]);
            left.merge(&fold(&rows[cut..]));
            assert_eq!(left, whole, "cut at {cut}");
            let mut right = fold(&rows[cut..]);
            right.merge(&fold(&rows[..cut]));
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
