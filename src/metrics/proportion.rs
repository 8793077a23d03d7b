//! Top-box share (CSAT, positive rate 好评率) with the Wilson score interval.
//!
//! Source: E. B. Wilson, "Probable inference, the law of succession, and statistical
//! inference", JASA 22 (1927) 209–212; recommended over the Wald interval by Brown, Cai &
//! DasGupta, "Interval estimation for a binomial proportion", Statistical Science 16 (2001).

use super::Interval;

/// The share of `hits` in `n`, in percent. `None` for n = 0.
pub fn percent(hits: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| 100.0 * hits as f64 / n as f64)
}

/// Wilson score interval for `hits` of `n` at critical value `z`, in percent.
pub fn wilson(hits: u64, n: u64, z: f64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p = hits as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(Interval::new(100.0 * (centre - half), 100.0 * (centre + half)).clip(0.0, 100.0))
}

/// Standard error of a proportion in percent points (for tests of change).
pub fn standard_error(hits: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| {
        let p = hits as f64 / n as f64;
        100.0 * (p * (1.0 - p) / n as f64).sqrt()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::{close, Z95};

    #[test]
    fn sixty_five_of_a_hundred() {
        assert_eq!(percent(65, 100), Some(65.0));
        let i = wilson(65, 100, Z95).unwrap();
        close(i.low, 55.2544, 1e-4);
        close(i.high, 73.6358, 1e-4);
    }

    #[test]
    fn thirty_of_thirty_reaches_exactly_one_hundred() {
        let i = wilson(30, 30, Z95).unwrap();
        close(i.low, 88.6487, 1e-4);
        assert_eq!(i.high, 100.0);
    }

    #[test]
    fn none_of_ten_starts_at_exactly_zero() {
        // Upper bound z²/(n+z²) = 3.841459/13.841459 = 27.7533 %.
        let i = wilson(0, 10, Z95).unwrap();
        assert_eq!(i.low, 0.0);
        close(i.high, 27.7533, 1e-4);
    }

    #[test]
    fn one_answer_and_no_answers() {
        let i = wilson(1, 1, Z95).unwrap();
        close(i.low, 100.0 / (1.0 + Z95 * Z95), 1e-9);
        assert_eq!(wilson(0, 0, Z95), None);
        assert_eq!(percent(0, 0), None);
    }
}
