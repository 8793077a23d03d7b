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

/// The kinds of group cxsite computes metrics for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Dim {
    Overall,
    Stage,
    Touchpoint,
    Segment,
    Source,
    /// A configured dimension, by index into `Project::dimensions`.
    Custom(usize),
    /// Touchpoint × segment; group `touchpoint_id|segment_id`.
    TouchpointSegment,
}

/// One group: a dimension, the group's key within it and, for the trend of a group, the
/// period (`overall` + period is the `period` dimension of metrics.csv; any other dimension
/// + period is `<dimension>_period` with group `<group>|<period>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub dim: Dim,
    pub group: String,
    pub period: Option<String>,
}

impl GroupKey {
    /// A group over all periods.
    pub fn all(dim: Dim, group: impl Into<String>) -> Self {
        GroupKey { dim, group: group.into(), period: None }
    }

    /// The same group in one period.
    pub fn in_period(&self, period: &str) -> Self {
        GroupKey { dim: self.dim, group: self.group.clone(), period: Some(period.to_string()) }
    }
}

/// Co-moments of two scores over the respondents who answered both (pairwise complete):
/// everything a Pearson correlation needs, mergeable by addition.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CoMoments {
    pub n: u64,
    pub sx: f64,
    pub sy: f64,
    pub sxx: f64,
    pub syy: f64,
    pub sxy: f64,
}

impl CoMoments {
    /// Adds one respondent's pair. Scores are small integers, so the sums stay exact.
    pub fn add(&mut self, x: f64, y: f64) {
        self.n += 1;
        self.sx += x;
        self.sy += y;
        self.sxx += x * x;
        self.syy += y * y;
        self.sxy += x * y;
    }

    /// Adds another partial.
    pub fn merge(&mut self, o: &CoMoments) {
        self.n += o.n;
        self.sx += o.sx;
        self.sy += o.sy;
        self.sxx += o.sxx;
        self.syy += o.syy;
        self.sxy += o.sxy;
    }

    /// Pearson's r; `None` when n < 3 or either score does not vary.
    pub fn correlation(&self) -> Option<f64> {
        if self.n < 3 {
            return None;
        }
        let n = self.n as f64;
        let vx = self.sxx - self.sx * self.sx / n;
        let vy = self.syy - self.sy * self.sy / n;
        let cxy = self.sxy - self.sx * self.sy / n;
        (vx > 0.0 && vy > 0.0).then(|| (cxy / (vx * vy).sqrt()).clamp(-1.0, 1.0))
    }
}

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

impl DriverPartials {
    fn merge(&mut self, o: &DriverPartials) {
        for (k, v) in &o.pairs {
            self.pairs.entry(*k).or_default().merge(v);
        }
        for (k, [a, b]) in &o.gaps {
            let e = self.gaps.entry(*k).or_default();
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Partials {
    /// Per-group histograms, ordered so that output never depends on hashing.
    pub groups: BTreeMap<GroupKey, GroupPartial>,
    /// Display names of segments discovered from column values (`tier:gold` → `Tier: gold`).
    pub segment_names: BTreeMap<String, String>,
    /// Respondent-level partials for driver analysis.
    pub drivers: DriverPartials,
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

    /// Merges another set of partials into this one (associative and commutative).
    pub fn merge(&mut self, other: &Partials) {
        for (k, v) in &other.groups {
            self.groups.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &other.segment_names {
            self.segment_names.entry(k.clone()).or_insert_with(|| v.clone());
        }
        self.drivers.merge(&other.drivers);
    }

    /// Merges another set of partials into this one, taking its parts instead of copying them.
    pub fn merge_owned(&mut self, other: Partials) {
        if self.groups.is_empty() && self.segment_names.is_empty() {
            let drivers = std::mem::take(&mut self.drivers);
            *self = other;
            self.drivers.merge(&drivers);
            return;
        }
        for (k, v) in other.groups {
            match self.groups.entry(k) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(v);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().merge(&v),
            }
        }
        for (k, v) in other.segment_names {
            self.segment_names.entry(k).or_insert(v);
        }
        self.drivers.merge(&other.drivers);
    }

    /// The histogram of `score` in a group, if it has any answer.
    pub fn histogram(&self, dim: Dim, group: &str, score: usize) -> Option<&Histogram> {
        self.groups.get(&GroupKey::all(dim, group)).and_then(|g| g.scores.get(score)).filter(|h| h.n() > 0)
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
