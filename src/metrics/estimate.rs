//! One measure of one group: its value and interval from the group's histogram, by the
//! formula families ([`super::nps`], [`super::proportion`], [`super::mean`]), and the critical
//! value of the project's confidence level.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use super::{nps, proportion, Measure};
use crate::aggregate::Histogram;
use crate::project::ScoreDef;

/// A confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    /// An interval from its bounds.
    pub fn new(low: f64, high: f64) -> Self {
        Interval { low, high }
    }
    /// Clips both bounds into `lo..=hi` (an NPS cannot pass ±100, a share 0 or 100 %).
    pub fn clip(self, lo: f64, hi: f64) -> Self {
        Interval { low: self.low.clamp(lo, hi), high: self.high.clamp(lo, hi) }
    }
}

/// Two-sided normal critical value for a confidence level (0.95 → 1.959964).
pub fn z_critical(confidence: f64) -> f64 {
    let p = 1.0 - (1.0 - confidence) / 2.0;
    Normal::new(0.0, 1.0).map(|n| n.inverse_cdf(p)).unwrap_or(1.959964)
}

/// An estimate before rounding and suppression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub n: u64,
    pub value: Option<f64>,
    pub ci: Option<Interval>,
}

/// Computes one measure from a histogram.
pub fn estimate(h: &Histogram, def: &ScoreDef, measure: Measure, confidence: f64) -> Estimate {
    let z = z_critical(confidence);
    match measure {
        Measure::Nps => {
            let c = nps::NpsCounts::from_histogram(&h.counts);
            Estimate { n: c.n, value: c.score(), ci: c.interval(z) }
        }
        Measure::TopBox => {
            let from = (def.top_box - def.min).max(0) as usize;
            let hits: u64 = h.counts.iter().skip(from).sum();
            let n = h.n();
            Estimate { n, value: proportion::percent(hits, n), ci: proportion::wilson(hits, n, z) }
        }
        Measure::Mean => {
            // A mean cannot leave its scale, so neither may its interval.
            let m = def.moments(&h.counts);
            let (lo, hi) = def.range();
            let ci = m.interval(confidence).map(|i| i.clip(lo, hi));
            Estimate { n: m.n, value: m.mean(), ci }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::metrics::tests::{close, Z95};

    #[test]
    fn z_for_95_percent_is_1_959964() {
        close(super::z_critical(0.95), Z95, 1e-6);
        close(super::z_critical(0.90), 1.644854, 1e-6);
    }
}
