//! The statistical partials: a histogram per score and co-moments per pair of scores.
//!
//! A score's partial is its histogram — a count per value of the scale. Every statistic
//! cxsite reports (NPS, top-box share, mean, SD, intervals) is a function of the histogram,
//! histograms merge by adding counts, and a SQL engine can produce them with one `GROUP BY`.

use serde::Serialize;

use super::Merge;

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

    /// Adds another histogram of the same scale (by reference: a roll-up adds one
    /// histogram to several groups).
    pub fn add_counts(&mut self, other: &Histogram) {
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

impl Merge for Histogram {
    fn merge(&mut self, other: Histogram) {
        if self.counts.is_empty() {
            *self = other;
        } else {
            self.add_counts(&other);
        }
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
    pub fn add_moments(&mut self, o: &CoMoments) {
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

impl Merge for CoMoments {
    fn merge(&mut self, other: CoMoments) {
        self.add_moments(&other);
    }
}
