//! League tables: Bayesian-shrunk scores, ranks and star ratings.
//!
//! A group's shrunk score is (n·value + m·overall)/(n + m) with m = min_n: the value a
//! group would have if m more answers at the overall level were added. It is the posterior
//! mean under a prior centred on the overall value worth m answers (the "Bayesian average"
//! used for ratings), so a store with 3 perfect answers cannot top the league.

/// The shrunk score of a group with `n` answers and `value`, towards `overall` with weight `m`.
pub fn shrink(value: f64, n: u64, overall: f64, m: u64) -> f64 {
    (n as f64 * value + m as f64 * overall) / (n + m) as f64
}

/// The `q`-quantile of sorted values, by linear interpolation between order statistics
/// (Hyndman & Fan type 7, the default of R and numpy).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Default star thresholds: the quintiles (20, 40, 60, 80 %) of the shrunk scores.
pub fn quintile_thresholds(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    [0.2, 0.4, 0.6, 0.8].iter().filter_map(|q| quantile(&v, *q)).collect()
}

/// Stars 1–5: one plus the number of thresholds the score reaches.
pub fn stars(score: f64, thresholds: &[f64]) -> u8 {
    1 + thresholds.iter().filter(|t| score >= **t).count().min(4) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::close;

    #[test]
    fn three_perfect_answers_are_pulled_most_of_the_way_to_the_overall_value() {
        // (3·100 + 30·20)/33 = 900/33 = 27.2727.
        close(shrink(100.0, 3, 20.0, 30), 27.2727, 1e-4);
        // 300 answers at 40: (12000 + 600)/330 = 38.1818 — large groups keep their value.
        close(shrink(40.0, 300, 20.0, 30), 38.1818, 1e-4);
    }

    #[test]
    fn quintiles_interpolate_like_numpy() {
        // numpy.quantile([1..10], [.2, .4, .6, .8]) = 2.8, 4.6, 6.4, 8.2
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let t = quintile_thresholds(&v);
        for (a, b) in t.iter().zip([2.8, 4.6, 6.4, 8.2]) {
            close(*a, b, 1e-12);
        }
    }

    #[test]
    fn stars_count_the_thresholds_reached() {
        let t = [2.8, 4.6, 6.4, 8.2];
        assert_eq!(stars(1.0, &t), 1);
        assert_eq!(stars(2.8, &t), 2);
        assert_eq!(stars(6.5, &t), 4);
        assert_eq!(stars(10.0, &t), 5);
    }
}
