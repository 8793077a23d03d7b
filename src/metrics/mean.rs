//! Mean score with the Student t interval (sample standard deviation, n − 1 degrees of freedom).
//!
//! Source: any statistics text, e.g. Sauro & Lewis (2016), ch. 3, "Confidence interval for
//! a mean". Computed from the histogram: Σx and Σx² are exact in f64 for integer scores.

use statrs::distribution::{ContinuousCDF, StudentsT};

use super::Interval;

/// Summary of a score histogram on the scale `min..`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Moments {
    /// From counts per value `min + i`.
    pub fn from_histogram(counts: &[u64], min: i64) -> Self {
        let mut m = Moments { n: 0, sum: 0.0, sum_sq: 0.0 };
        for (i, c) in counts.iter().enumerate() {
            let v = (min + i as i64) as f64;
            m.n += *c;
            let c = *c as f64;
            m.sum += c * v;
            m.sum_sq += c * v * v;
        }
        m
    }

    /// The moments of values counted in steps of `1 / per_point`, turned into points (a
    /// half-point scale counts 4.5 as 9): Σx / k and Σx² / k², exact for k = 2.
    pub fn in_points(self, per_point: i64) -> Self {
        if per_point == 1 {
            return self;
        }
        let k = per_point as f64;
        Moments { n: self.n, sum: self.sum / k, sum_sq: self.sum_sq / (k * k) }
    }

    /// Arithmetic mean; `None` for n = 0.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// Sample standard deviation (n − 1); `None` for n < 2.
    pub fn sd(&self) -> Option<f64> {
        (self.n >= 2).then(|| {
            let n = self.n as f64;
            ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0).sqrt()
        })
    }

    /// Standard error of the mean; `None` for n < 2.
    pub fn standard_error(&self) -> Option<f64> {
        self.sd().map(|sd| sd / (self.n as f64).sqrt())
    }

    /// t interval at `confidence` (e.g. 0.95); `None` for n < 2, where it is not defined.
    pub fn interval(&self, confidence: f64) -> Option<Interval> {
        let mean = self.mean()?;
        let se = self.standard_error()?;
        let t = t_critical(self.n - 1, confidence);
        Some(Interval::new(mean - t * se, mean + t * se))
    }
}

/// Two-sided critical value of Student's t with `df` degrees of freedom.
pub fn t_critical(df: u64, confidence: f64) -> f64 {
    // The inverse t CDF is an iterative search; a build asks for the same few (df, level)
    // pairs tens of thousands of times, so answers are remembered.
    static MEMO: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<(u64, u64), f64>>> =
        std::sync::LazyLock::new(Default::default);
    let key = (df, confidence.to_bits());
    if let Some(t) = MEMO.lock().ok().and_then(|m| m.get(&key).copied()) {
        return t;
    }
    let p = 1.0 - (1.0 - confidence) / 2.0;
    let t = match StudentsT::new(0.0, 1.0, df as f64) {
        Ok(t) => t.inverse_cdf(p),
        Err(_) => f64::NAN,
    };
    if let Ok(mut m) = MEMO.lock() {
        m.insert(key, t);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::close;

    fn hist(values: &[i64], min: i64, max: i64) -> Vec<u64> {
        let mut h = vec![0; (max - min + 1) as usize];
        for v in values {
            h[(v - min) as usize] += 1;
        }
        h
    }

    #[test]
    fn mean_of_the_worked_example() {
        // 1,2,3,4,5,5,4,3: Σ = 27, mean 3.375, Σx² = 105, s² = (105 − 27²/8)/7 = 1.982143,
        // SE = 0.497763, t(7, .975) = 2.364624 → 3.375 ± 1.177017.
        let m = Moments::from_histogram(&hist(&[1, 2, 3, 4, 5, 5, 4, 3], 1, 5), 1);
        assert_eq!(m.mean(), Some(3.375));
        let i = m.interval(0.95).unwrap();
        close(i.low, 2.1980, 1e-4);
        close(i.high, 4.5520, 1e-4);
    }

    #[test]
    fn t_critical_values_match_tables() {
        close(t_critical(7, 0.95), 2.364624, 1e-6);
        close(t_critical(1, 0.95), 12.706205, 1e-5);
        close(t_critical(29, 0.95), 2.045230, 1e-6);
        close(t_critical(29, 0.90), 1.699127, 1e-6);
    }

    #[test]
    fn one_answer_has_a_mean_but_no_interval() {
        let m = Moments::from_histogram(&hist(&[7], 1, 7), 1);
        assert_eq!(m.mean(), Some(7.0));
        assert_eq!(m.interval(0.95), None);
    }

    #[test]
    fn identical_answers_have_a_zero_width_interval() {
        let m = Moments::from_histogram(&hist(&[5, 5, 5], 1, 5), 1);
        let i = m.interval(0.95).unwrap();
        assert_eq!((i.low, i.high), (5.0, 5.0));
    }

    #[test]
    fn scales_not_starting_at_one_use_their_own_values() {
        let m = Moments::from_histogram(&hist(&[0, 10], 0, 10), 0);
        assert_eq!(m.mean(), Some(5.0));
        close(m.sd().unwrap(), 50f64.sqrt(), 1e-12);
    }
}
