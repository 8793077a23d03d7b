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
/// everything a Pearson correlation needs, mergeable by addition. Scores are integers, so the
/// sums are kept as integers: exact, and the same in any order of adding. (As `f64` they were
/// exact only below 2⁵³: a scale near its ±1,000,000 end passes that in some ten thousand
/// rows, and the sums then rounded by the order the rows were added in, so by thread count.)
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CoMoments {
    pub n: u64,
    pub sx: i128,
    pub sy: i128,
    pub sxx: i128,
    pub syy: i128,
    pub sxy: i128,
}

impl CoMoments {
    /// Adds one respondent's pair.
    pub fn add(&mut self, x: i64, y: i64) {
        let (x, y) = (i128::from(x), i128::from(y));
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

    /// Pearson's r; `None` when n < 3 or either score does not vary. The sums of squares about
    /// the means, times n, are worked out exactly in integers (n·Σx² − (Σx)²), so a scale far
    /// from 0 loses nothing to cancellation.
    pub fn correlation(&self) -> Option<f64> {
        if self.n < 3 {
            return None;
        }
        let n = i128::from(self.n);
        let about_mean = |sab: i128, sa: i128, sb: i128| n.checked_mul(sab)?.checked_sub(sa.checked_mul(sb)?);
        let vx = about_mean(self.sxx, self.sx, self.sx)?;
        let vy = about_mean(self.syy, self.sy, self.sy)?;
        let cxy = about_mean(self.sxy, self.sx, self.sy)?;
        (vx > 0 && vy > 0).then(|| (cxy as f64 / ((vx as f64).sqrt() * (vy as f64).sqrt())).clamp(-1.0, 1.0))
    }
}

impl Merge for CoMoments {
    fn merge(&mut self, other: CoMoments) {
        self.add_moments(&other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 30,000 pairs near the top of a scale of ±1,000,000 (past 2⁵³ in their squares' sums).
    fn pairs() -> Vec<(i64, i64)> {
        (0..30_000i64).map(|i| (999_000 + (i * 7) % 1000, 999_000 + (i * 7) % 1000 / 2 + (i * 13) % 300)).collect()
    }

    #[test]
    fn co_moments_add_up_exactly_in_any_order_and_split() {
        let all = pairs();
        let mut forward = CoMoments::default();
        for &(x, y) in &all {
            forward.add(x, y);
        }
        // Three parts of unequal size, each added backwards, merged last part first.
        let mut parts = [CoMoments::default(); 3];
        for (i, &(x, y)) in all.iter().enumerate().rev() {
            parts[[0, 0, 1, 2, 2][i % 5]].add(x, y);
        }
        let mut merged = parts[2];
        merged.merge(parts[0]);
        merged.merge(parts[1]);
        assert_eq!(merged, forward);
        assert!(forward.sxx > 1 << 53, "the sums pass 2^53: {}", forward.sxx);
    }

    #[test]
    fn correlation_near_a_scales_far_end_matches_the_two_pass_formula() {
        let all = pairs();
        let mut m = CoMoments::default();
        for &(x, y) in &all {
            m.add(x, y);
        }
        // Two passes on the values less 999,000 (exact in f64): the textbook r.
        let d: Vec<(f64, f64)> = all.iter().map(|&(x, y)| ((x - 999_000) as f64, (y - 999_000) as f64)).collect();
        let n = d.len() as f64;
        let (mx, my) = (d.iter().map(|p| p.0).sum::<f64>() / n, d.iter().map(|p| p.1).sum::<f64>() / n);
        let cxy: f64 = d.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let vx: f64 = d.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let vy: f64 = d.iter().map(|p| (p.1 - my).powi(2)).sum();
        let want = cxy / (vx * vy).sqrt();
        let r = m.correlation().unwrap();
        assert!((r - want).abs() < 1e-12, "{r} against {want}");
        assert!(want > 0.5 && want < 0.99, "a correlation worth testing: {want}");
        // Fewer than three pairs, or a score that does not vary: none.
        let mut few = CoMoments::default();
        few.add(1, 2);
        few.add(2, 3);
        assert_eq!(few.correlation(), None);
        let mut flat = CoMoments::default();
        for y in [1, 5, 9, 2] {
            flat.add(1_000_000, y);
        }
        assert_eq!(flat.correlation(), None);
    }
}
