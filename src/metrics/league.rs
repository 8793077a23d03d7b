//! League tables: Bayesian-shrunk scores, ranks and star ratings.
//!
//! A group's shrunk score is (n·value + m·overall)/(n + m) with m = min_n: the value a
//! group would have if m more answers at the overall level were added. It is the posterior
//! mean under a prior centred on the overall value worth m answers (the "Bayesian average"
//! used for ratings), so a store with 3 perfect answers cannot top the league.

use super::written::as_written;
use super::Measure;

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

/// A shrunk score as compared for ranks and stars: at the precision metrics.csv publishes
/// (4 decimals), so that groups with the same published score are tied, never split by the
/// last bits of floating-point division.
pub fn comparable(score: f64) -> f64 {
    (score * 1e4).round() / 1e4
}

/// Default star thresholds: the quintiles (20, 40, 60, 80 %) of the shrunk scores, or, when a
/// lower score is the better one, the 80, 60, 40 and 20 % quantiles (the score needed for 2,
/// 3, 4 and 5 stars is then at most the threshold).
pub fn quintile_thresholds(values: &[f64], lower_better: bool) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let qs: [f64; 4] = if lower_better { [0.8, 0.6, 0.4, 0.2] } else { [0.2, 0.4, 0.6, 0.8] };
    qs.iter().filter_map(|q| quantile(&v, *q)).collect()
}

/// Stars 1–5: one plus the number of thresholds the score passes (above each, or below each
/// when lower is better), plus the half, rounded up, of those it equals. A score at a single
/// threshold reaches it as usual; when many groups share one score the quintiles collapse
/// ("50 % / 50 % / 50 % / 51 %") and a score at a run of k equal thresholds is given the
/// middle of the run, not all of it: tied groups sit in the middle stars, only better ones
/// above them and worse ones below. Scores and thresholds are compared as the site writes
/// them (`measure`: NPS and shares whole, means to two decimals): two stores shown as +32
/// get the same stars, and the note's "+32" threshold is the one they are held to.
pub fn stars(score: f64, thresholds: &[f64], lower_better: bool, measure: Measure) -> u8 {
    let s = as_written(score, measure);
    let ts: Vec<f64> = thresholds.iter().map(|t| as_written(*t, measure)).collect();
    let passed = ts.iter().filter(|t| if lower_better { s < **t } else { s > **t }).count();
    let equal = ts.iter().filter(|t| **t == s).count();
    1 + (passed + equal.div_ceil(2)).min(4) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::close;

    #[test]
    fn a_league_finds_each_group_by_name_and_counts_its_ranked_groups() {
        use crate::metrics::{League, LeagueRow, MetricId};
        let row = |group: &str, rank: Option<u32>| LeagueRow {
            group: group.into(),
            n: 40,
            shrunk: rank.map(|r| 50.0 - f64::from(r)),
            rank,
            stars: rank.map(|_| 3),
        };
        // Ranked first, best first (not in name order); then the unrated by name.
        let rows = vec![row("S9", Some(1)), row("S10", Some(2)), row("S2", Some(2)), row("S1", None), row("S5", None)];
        let league = League::new("store".into(), "nps".into(), MetricId::Headline(0), vec![], rows);
        for (group, rank) in [("S9", Some(1)), ("S10", Some(2)), ("S2", Some(2)), ("S1", None), ("S5", None)] {
            let found = league.row(group).unwrap_or_else(|| panic!("{group} not found"));
            assert_eq!((found.group.as_str(), found.rank), (group, rank));
        }
        for absent in ["S", "S0", "S3", "S99", ""] {
            assert!(league.row(absent).is_none(), "{absent}");
        }
        assert_eq!(league.ranked(), 3);
    }

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
        let t = quintile_thresholds(&v, false);
        for (a, b) in t.iter().zip([2.8, 4.6, 6.4, 8.2]) {
            close(*a, b, 1e-12);
        }
    }

    #[test]
    fn stars_count_the_thresholds_reached() {
        let t = [2.8, 4.6, 6.4, 8.2];
        assert_eq!(stars(1.0, &t, false, Measure::Mean), 1);
        assert_eq!(stars(2.8, &t, false, Measure::Mean), 2);
        assert_eq!(stars(6.5, &t, false, Measure::Mean), 4);
        assert_eq!(stars(10.0, &t, false, Measure::Mean), 5);
    }

    #[test]
    fn equal_scores_get_equal_stars_and_lower_better_turns_them_around() {
        // Six groups at 50 % whose shrunk scores differ only in the last bits of a division.
        let v = [0.5 * 3.0 / 3.0 * 100.0, 50.000000000001, 49.99999999999, 50.0, 50.0, 60.0];
        let t = quintile_thresholds(&v, false);
        let at_fifty: Vec<u8> = v[..5].iter().map(|s| stars(*s, &t, false, Measure::TopBox)).collect();
        assert!(at_fifty.windows(2).all(|w| w[0] == w[1]), "{at_fifty:?}");
        // Lower is better: the lowest of 10, 20, 30, 40, 50 gets five stars, the highest one.
        let v = [10.0, 20.0, 30.0, 40.0, 50.0];
        let t = quintile_thresholds(&v, true);
        assert_eq!(t, vec![42.0, 34.0, 26.0, 18.0]);
        let got: Vec<u8> = v.iter().map(|s| stars(*s, &t, true, Measure::Nps)).collect();
        assert_eq!(got, vec![5, 4, 3, 2, 1]);
        // Collapsed quintiles: 40, four at 50, 60 give thresholds 50, 50, 50, 50 (order
        // statistics 1 to 4 of six). The four at 50 sit in the middle of the run (half of four:
        // 3 stars), 60 passes all four (5), 40 none (1).
        let v = [40.0, 50.0, 50.0, 50.0, 50.0, 60.0];
        let t = quintile_thresholds(&v, false);
        assert_eq!(t, vec![50.0, 50.0, 50.0, 50.0]);
        assert_eq!(stars(50.0, &t, false, Measure::TopBox), 3);
        assert_eq!(stars(60.0, &t, false, Measure::TopBox), 5);
        assert_eq!(stars(40.0, &t, false, Measure::TopBox), 1);
        assert_eq!(stars(40.0, &t, true, Measure::TopBox), 5);
    }

    /// The league of the sample project: stores written +32 had five stars and four (32.25 and
    /// 32.16 against a threshold of 32.2, written "+32"). Compared as written, a figure shown
    /// the same gets the same stars, and a figure shown at a threshold reaches it.
    #[test]
    fn stars_are_given_on_figures_as_the_league_writes_them() {
        let t = [18.4, 23.3, 27.1, 32.2];
        for (a, b, want) in [(32.25, 32.16, 5), (27.3, 26.6, 4), (23.4, 22.9, 3), (18.2, 17.5, 2)] {
            assert_eq!((stars(a, &t, false, Measure::Nps), stars(b, &t, false, Measure::Nps)), (want, want), "{a} {b}");
        }
        assert_eq!(stars(17.49, &t, false, Measure::Nps), 1);
        assert_eq!(stars(32.5, &t, false, Measure::Nps), 5);
        // A mean is written with two decimals: 4.204 and 4.196 are both "4.20".
        let t = [3.5, 3.9, 4.2, 4.6];
        assert_eq!(stars(4.204, &t, false, Measure::Mean), stars(4.196, &t, false, Measure::Mean));
        assert_eq!(stars(4.194, &t, false, Measure::Mean), 3);
    }
}
