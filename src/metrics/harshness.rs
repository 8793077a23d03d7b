//! Segment harshness: how a segment rates compared with all customers *at the same
//! touchpoints*, so a segment is not called harsh because it uses harsher touchpoints.
//!
//! H_s = Σ_t n_st (m_st − m_t) / Σ_t n_st over the touchpoints t the segment rated (with at
//! least two answers), where m_st is the segment's mean at t and m_t all customers' mean at t.
//! Its standard error treats the touchpoint means as independent and m_t as fixed:
//! SE = √(Σ_t n_st s²_st) / Σ_t n_st (each term (n_st/N)²·s²_st/n_st). This is DESIGN.md's
//! n-weighted mean gap; the interval is a normal approximation.

use super::mean::Moments;
use super::Interval;

/// One touchpoint's contribution: the segment's moments there and all customers' mean there.
pub struct TouchpointGap {
    pub segment: Moments,
    pub all_mean: f64,
}

/// The harshness index (negative: harsher than all customers) with its interval and the
/// number of answers it rests on.
pub fn harshness(gaps: &[TouchpointGap], z: f64) -> Option<(f64, Interval, u64)> {
    let mut n_total = 0u64;
    let mut weighted = 0.0;
    let mut var_sum = 0.0;
    for g in gaps {
        let (Some(m), Some(sd)) = (g.segment.mean(), g.segment.sd()) else { continue };
        let n = g.segment.n;
        n_total += n;
        weighted += n as f64 * (m - g.all_mean);
        var_sum += n as f64 * sd * sd;
    }
    if n_total == 0 {
        return None;
    }
    let n = n_total as f64;
    let h = weighted / n;
    let se = var_sum.sqrt() / n;
    Some((h, Interval::new(h - z * se, h + z * se), n_total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::{close, Z95};

    fn moments(values: &[f64]) -> Moments {
        Moments { n: values.len() as u64, sum: values.iter().sum(), sum_sq: values.iter().map(|v| v * v).sum() }
    }

    #[test]
    fn a_segment_using_a_harsh_touchpoint_is_not_called_harsh_for_it() {
        // The segment rates exactly like everyone at both touchpoints, but mostly uses the
        // harsh one (mean 2 vs 4): its naive mean (2·3+4·1)/4 = 2.5 is far below the all-customer
        // mean, yet its harshness is 0.
        let gaps = [
            TouchpointGap { segment: moments(&[1.0, 2.0, 3.0]), all_mean: 2.0 },
            TouchpointGap { segment: moments(&[3.0, 5.0]), all_mean: 4.0 },
        ];
        let (h, _, n) = harshness(&gaps, Z95).unwrap();
        close(h, 0.0, 1e-12);
        assert_eq!(n, 5);
    }

    #[test]
    fn harshness_is_the_n_weighted_mean_gap_with_its_interval() {
        // Touchpoint A: segment 2,3,4 (mean 3, s² 1) vs all 3.5 → gap −.5, n 3.
        // Touchpoint B: segment 1,3 (mean 2, s² 2) vs all 3 → gap −1, n 2.
        // H = (3·(−.5) + 2·(−1))/5 = −.7; SE = √(3·1 + 2·2)/5 = √7/5 = .529150;
        // interval −.7 ± 1.959964·.529150 = −1.737115 … .337115.
        let gaps = [
            TouchpointGap { segment: moments(&[2.0, 3.0, 4.0]), all_mean: 3.5 },
            TouchpointGap { segment: moments(&[1.0, 3.0]), all_mean: 3.0 },
        ];
        let (h, i, _) = harshness(&gaps, Z95).unwrap();
        close(h, -0.7, 1e-12);
        close(i.low, -1.737115, 1e-5);
        close(i.high, 0.337115, 1e-5);
    }

    #[test]
    fn touchpoints_with_a_single_answer_do_not_count() {
        let gaps = [TouchpointGap { segment: moments(&[5.0]), all_mean: 1.0 }];
        assert!(harshness(&gaps, Z95).is_none());
    }
}
