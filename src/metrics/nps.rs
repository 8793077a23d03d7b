//! Net Promoter Score with the adjusted-Wald interval.
//!
//! Source: J. Sauro & J. R. Lewis, *Quantifying the User Experience* (2nd ed., 2016), ch. 5,
//! "Confidence interval for a Net Promoter Score": add ¾ of a promoter and ¾ of a detractor
//! (3 responses in all) before computing the variance of the difference of two proportions
//! from one multinomial sample.

use super::Interval;

/// Counts of an NPS question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NpsCounts {
    /// Answers 9–10.
    pub promoters: u64,
    /// Answers 0–6.
    pub detractors: u64,
    /// All answers 0–10.
    pub n: u64,
}

impl NpsCounts {
    /// Counts from a 0–10 histogram (`counts[v]` answers of value `v`).
    pub fn from_histogram(counts: &[u64]) -> Self {
        let at = |v: usize| counts.get(v).copied().unwrap_or(0);
        NpsCounts { promoters: at(9) + at(10), detractors: (0..=6).map(at).sum(), n: counts.iter().sum() }
    }

    /// NPS in points: % promoters − % detractors, −100…100. `None` for n = 0.
    pub fn score(&self) -> Option<f64> {
        (self.n > 0).then(|| 100.0 * (self.promoters as f64 - self.detractors as f64) / self.n as f64)
    }

    /// Adjusted-Wald centre and standard error, in points: n' = n + 3,
    /// p' = (promoters + ¾)/n', d' = (detractors + ¾)/n', SE = √((p' + d' − (p' − d')²)/n').
    /// Defined for every n, including 0.
    pub fn adjusted(&self) -> (f64, f64) {
        let n1 = self.n as f64 + 3.0;
        let p = (self.promoters as f64 + 0.75) / n1;
        let d = (self.detractors as f64 + 0.75) / n1;
        let se = ((p + d - (p - d).powi(2)) / n1).sqrt();
        (100.0 * (p - d), 100.0 * se)
    }

    /// The adjusted-Wald interval at critical value `z`, clipped to −100…100.
    pub fn interval(&self, z: f64) -> Option<Interval> {
        if self.n == 0 {
            return None;
        }
        let (centre, se) = self.adjusted();
        Some(Interval::new(centre - z * se, centre + z * se).clip(-100.0, 100.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::{close, Z95};

    fn counts(p: u64, d: u64, n: u64) -> NpsCounts {
        NpsCounts { promoters: p, detractors: d, n }
    }

    // Expected figures are DESIGN.md's worked examples, computed by hand from the formula:
    // n' = 103, p' = 50.75/103, d' = 20.75/103, SE = √((p'+d'−(p'−d')²)/n') = 0.076921…
    #[test]
    fn fifty_promoters_twenty_detractors_of_a_hundred() {
        let c = counts(50, 20, 100);
        assert_eq!(c.score(), Some(30.0));
        let i = c.interval(Z95).unwrap();
        close(i.low, 14.0511, 1e-4);
        close(i.high, 44.2013, 1e-4);
    }

    #[test]
    fn three_promoters_of_three_clip_at_one_hundred() {
        let c = counts(3, 0, 3);
        assert_eq!(c.score(), Some(100.0));
        let i = c.interval(Z95).unwrap();
        close(i.low, -6.5793, 1e-4);
        assert_eq!(i.high, 100.0);
    }

    #[test]
    fn thirty_detractors_of_thirty_clip_at_minus_one_hundred() {
        let c = counts(0, 30, 30);
        assert_eq!(c.score(), Some(-100.0));
        let i = c.interval(Z95).unwrap();
        assert_eq!(i.low, -100.0);
        close(i.high, -78.6977, 1e-4);
    }

    #[test]
    fn one_answer_has_a_score_and_a_wide_interval() {
        // One passive: n' = 4, p' = d' = 0.1875, SE = √(0.375/4) = 0.306186.
        let c = counts(0, 0, 1);
        assert_eq!(c.score(), Some(0.0));
        let i = c.interval(Z95).unwrap();
        close(i.high, 100.0 * Z95 * 0.306_186_2, 1e-3);
        close(i.low, -i.high, 1e-9);
    }

    #[test]
    fn no_answers_have_no_score_and_no_interval() {
        assert_eq!(counts(0, 0, 0).score(), None);
        assert!(counts(0, 0, 0).interval(Z95).is_none());
    }

    #[test]
    fn histogram_counts_nine_and_ten_as_promoters_and_zero_to_six_as_detractors() {
        let mut h = [0u64; 11];
        h[0] = 1;
        h[6] = 2;
        h[7] = 4;
        h[8] = 8;
        h[9] = 16;
        h[10] = 32;
        assert_eq!(NpsCounts::from_histogram(&h), counts(48, 3, 63));
    }
}
