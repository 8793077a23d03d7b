//! Change between two independent samples (this period vs the previous one) and whether it
//! is larger than chance: a two-sided z-test on the difference of two estimates,
//! SE_diff = √(SE₁² + SE₂²). For NPS each SE is the adjusted-Wald one (Sauro & Lewis 2016,
//! ch. 5); for top-box shares the binomial SE; for means s/√n.

use serde::Serialize;

use super::nps::NpsCounts;
use super::{proportion, z_critical, Measure};
use crate::aggregate::Histogram;
use crate::project::ScoreDef;

/// The change of one measure between two periods.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// Current minus previous, in the measure's unit (points, %-points, scale points).
    pub diff: f64,
    /// Standard error of the difference.
    pub se: f64,
    /// diff / se; ±∞ when se is 0 and diff is not (written `null` in metrics.json).
    pub z: f64,
    /// Whether the interval (see [`Change::interval`]) excludes 0 at the project's
    /// confidence level.
    pub significant: bool,
    /// Where the interval is centred: `diff`, or the Agresti–Caffo difference where a share's
    /// change is tested that way (see [`share_change`]), so that the interval and the
    /// verdict always agree.
    #[serde(skip)]
    pub center: f64,
}

/// Value and standard error of a measure from a histogram; `None` when not defined.
pub fn value_and_se(h: &Histogram, def: &ScoreDef, measure: Measure) -> Option<(f64, f64)> {
    match measure {
        Measure::Nps => {
            let c = NpsCounts::from_histogram(&h.counts);
            let (_, se) = c.adjusted();
            Some((c.score()?, se))
        }
        Measure::TopBox => {
            let from = (def.top_box - def.min).max(0) as usize;
            let hits: u64 = h.counts.iter().skip(from).sum();
            let n = h.n();
            Some((proportion::percent(hits, n)?, proportion::standard_error(hits, n)?))
        }
        Measure::Mean => {
            let m = def.moments(&h.counts);
            Some((m.mean()?, m.standard_error()?))
        }
    }
}

/// The change from `previous` to `current`; `None` when either estimate is undefined.
pub fn change(
    current: &Histogram,
    previous: &Histogram,
    def: &ScoreDef,
    measure: Measure,
    confidence: f64,
) -> Option<Change> {
    if measure == Measure::TopBox {
        let from = (def.top_box - def.min).max(0) as usize;
        let hits = |h: &Histogram| h.counts.iter().skip(from).sum::<u64>();
        return share_change(hits(current), current.n(), hits(previous), previous.n(), confidence);
    }
    let (v1, se1) = value_and_se(current, def, measure)?;
    let (v0, se0) = value_and_se(previous, def, measure)?;
    let diff = v1 - v0;
    let se = (se1 * se1 + se0 * se0).sqrt();
    Some(Change::new(diff, se, confidence))
}

/// The change of a share `h1/n1` from `h0/n0`, in %-points, with the binomial (Wald)
/// standard errors of the two independent shares: a top-box change, or a theme's share of
/// comments. Where that standard error is 0 (every answer in on one side and none on the
/// other: 1 of 1 against 0 of 1 as much as 40 of 40 against 0 of 40), a share of all or
/// nothing says little in a small group, so the change is tested the Agresti–Caffo way
/// (Agresti & Caffo 2000: one success and one failure added to each group), whose standard
/// error is never 0. The change shown stays the observed one; z and the verdict are the
/// adjusted ones, and so is the interval's centre (1 of 1 against 0 of 1: 2/3 − 1/3 over SE
/// 0.385, z 0.87, noise; 40 of 40 against 0 of 40: 41/42 − 1/42 over SE 0.033, z 28.6,
/// significant).
pub fn share_change(h1: u64, n1: u64, h0: u64, n0: u64, confidence: f64) -> Option<Change> {
    let diff = proportion::percent(h1, n1)? - proportion::percent(h0, n0)?;
    let (se1, se0) = (proportion::standard_error(h1, n1)?, proportion::standard_error(h0, n0)?);
    let se = (se1 * se1 + se0 * se0).sqrt();
    if se > 0.0 || diff == 0.0 {
        return Some(Change::new(diff, se, confidence));
    }
    let adjusted = |h: u64, n: u64| {
        let n = n as f64 + 2.0;
        let p = (h as f64 + 1.0) / n;
        (p, p * (1.0 - p) / n)
    };
    let ((p1, v1), (p0, v0)) = (adjusted(h1, n1), adjusted(h0, n0));
    let se = 100.0 * (v1 + v0).sqrt();
    let z = 100.0 * (p1 - p0) / se;
    Some(Change { diff, se, z, significant: z.abs() > z_critical(confidence), center: 100.0 * (p1 - p0) })
}

impl Change {
    /// The interval of the change at critical value `z`: `center ± z·se`.
    pub fn interval(&self, z: f64) -> (f64, f64) {
        (self.center - z * self.se, self.center + z * self.se)
    }

    /// A difference and its standard error, tested at `confidence`. Where every answer in
    /// both groups is alike (SE 0) the difference is exact: one that is not 0 is certain
    /// (z = ±∞, p = 0, significant) and 0 is no change (z = 0, p = 1).
    pub fn new(diff: f64, se: f64, confidence: f64) -> Change {
        let z = if se > 0.0 {
            diff / se
        } else if diff != 0.0 {
            f64::INFINITY.copysign(diff)
        } else {
            0.0
        };
        Change { diff, se, z, significant: diff.abs() > z_critical(confidence) * se, center: diff }
    }
}

/// Two-sided p-value of a z statistic.
pub fn p_value(z: f64) -> f64 {
    use statrs::distribution::{ContinuousCDF, Normal};
    if z.is_infinite() {
        return 0.0;
    }
    let n = Normal::new(0.0, 1.0).expect("standard normal");
    (2.0 * (1.0 - n.cdf(z.abs()))).clamp(0.0, 1.0)
}

/// Holm's step-down adjustment (S. Holm, "A simple sequentially rejective multiple test
/// procedure", Scand. J. Statistics 6 (1979) 65–70): the i-th smallest of m p-values is
/// multiplied by m − i + 1, then made non-decreasing. Returns adjusted p-values in input order.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|a, b| p[*a].total_cmp(&p[*b]).then(a.cmp(b)));
    let mut adjusted = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[i]).min(1.0));
        adjusted[i] = running;
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::close;
    use crate::project::ScoreKind;

    fn nps_hist(promoters: u64, passives: u64, detractors: u64) -> Histogram {
        let mut counts = vec![0; 11];
        counts[10] = promoters;
        counts[7] = passives;
        counts[0] = detractors;
        Histogram { counts }
    }

    fn nps_def() -> ScoreDef {
        ScoreDef::new("nps", ScoreKind::Nps, 0, 10, 9)
    }

    #[test]
    fn nps_change_uses_the_adjusted_wald_standard_errors() {
        // Now 50/30/20 of 100: NPS 30, SE 7.6921 (DESIGN.md example).
        // Before 40/30/30 of 100: NPS 10; n' = 103, p' = 40.75/103 = .395631, d' = 30.75/103 = .298544,
        // SE = √((.694175 − .009426)/103) = .081536 → 8.1536 points.
        // diff 20, SE_diff = √(7.6921² + 8.1536²) = 11.2097, z = 1.7842 < 1.96: not significant.
        let c = change(&nps_hist(50, 30, 20), &nps_hist(40, 30, 30), &nps_def(), Measure::Nps, 0.95).unwrap();
        close(c.diff, 20.0, 1e-9);
        close(c.se, 11.2097, 1e-3);
        close(c.z, 1.7842, 1e-3);
        assert!(!c.significant);
    }

    #[test]
    fn a_large_move_on_large_samples_is_significant() {
        let c = change(&nps_hist(500, 300, 200), &nps_hist(400, 300, 300), &nps_def(), Measure::Nps, 0.95).unwrap();
        assert!(c.significant, "{c:?}");
    }

    #[test]
    fn top_box_change_uses_binomial_standard_errors() {
        // 65/100 vs 50/100: SE² = .65·.35/100 + .5·.5/100 = .004775 → SE 6.9101 %-points,
        // z = 15/6.9101 = 2.1707 > 1.96: significant.
        let def = ScoreDef::new("csat", ScoreKind::Rating, 1, 5, 4);
        let h = |top: u64| Histogram { counts: vec![100 - top, 0, 0, top, 0] };
        let c = change(&h(65), &h(50), &def, Measure::TopBox, 0.95).unwrap();
        close(c.diff, 15.0, 1e-9);
        close(c.se, 6.9101, 1e-4);
        assert!(c.significant);
    }

    #[test]
    fn holm_multiplies_the_smallest_p_by_m_and_keeps_the_order() {
        // p = .01, .04, .03, .005 (m = 4). Sorted: .005·4 = .02, .01·3 = .03, .03·2 = .06,
        // .04·1 = .04 → made non-decreasing: .02, .03, .06, .06.
        let adj = holm(&[0.01, 0.04, 0.03, 0.005]);
        for (a, b) in adj.iter().zip([0.03, 0.06, 0.06, 0.02]) {
            close(*a, b, 1e-12);
        }
    }

    #[test]
    fn p_values_of_familiar_z_scores() {
        close(p_value(1.959964), 0.05, 1e-6);
        close(p_value(-2.575829), 0.01, 1e-6);
        close(p_value(0.0), 1.0, 1e-12);
    }

    #[test]
    fn a_change_between_two_groups_each_of_one_answer_throughout_is_exact() {
        // 40 answers of 5 before, 40 of 4 now: both means have s = 0, so SE = 0; the change
        // −1 is no sampling noise but certain (z = −∞, p = 0), and significant.
        let def = ScoreDef::new("sat", ScoreKind::Mean, 1, 5, 4);
        let all = |v: usize| {
            let mut counts = vec![0; 5];
            counts[v - 1] = 40;
            Histogram { counts }
        };
        let c = change(&all(4), &all(5), &def, Measure::Mean, 0.95).unwrap();
        assert_eq!((c.diff, c.se, c.z, c.significant), (-1.0, 0.0, f64::NEG_INFINITY, true));
        assert_eq!(p_value(c.z), 0.0);
        // Top box (4–5 of 1–5): 40 of 40 before, 0 of 40 now → −100 %-points, both Wald SEs
        // √(1·0/40) = 0. Tested the Agresti–Caffo way: 1/42 − 41/42 = −0.95238, SE
        // √(2 · (41/42)(1/42)/42) = 0.033269, z = −28.63: significant.
        let rating = ScoreDef::new("csat", ScoreKind::Rating, 1, 5, 4);
        let c = change(&all(1), &all(5), &rating, Measure::TopBox, 0.95).unwrap();
        assert_eq!((c.diff, c.significant), (-100.0, true));
        close(c.se, 3.3269, 1e-4);
        close(c.z, -28.627, 1e-3);
        // One answer in the top box before, one out of it now: −100 %-points that say almost
        // nothing: 1/3 − 2/3 over √(2 · (2/3)(1/3)/3) = 0.38490, z = −0.866: noise.
        let one = |v: usize| {
            let mut counts = vec![0; 5];
            counts[v - 1] = 1;
            Histogram { counts }
        };
        let c = change(&one(1), &one(5), &rating, Measure::TopBox, 0.95).unwrap();
        assert_eq!((c.diff, c.significant), (-100.0, false));
        close(c.z, -0.8660, 1e-4);
        // Its interval agrees with the verdict: −33.33 ± 1.959964 · 38.490 (100·√(4/27)) holds 0.
        let (lo, hi) = c.interval(z_critical(0.95));
        close(lo, -33.3333 - 75.4390, 1e-3);
        assert!(lo < 0.0 && hi > 0.0, "{lo} {hi}");
        // The same answers in both groups: diff 0 and SE 0 is no change at all (z 0, p 1).
        let c = change(&all(4), &all(4), &def, Measure::Mean, 0.95).unwrap();
        assert_eq!((c.diff, c.se, c.z, c.significant), (0.0, 0.0, 0.0, false));
        assert_eq!(p_value(c.z), 1.0);
        // Holm keeps a p of 0 at 0 (0 · m), so the adjusted test agrees: .0 and .04 of m = 2
        // → 0·2 = 0 and .04·1 = .04.
        assert_eq!(holm(&[0.04, 0.0]), [0.04, 0.0]);
    }

    #[test]
    fn an_empty_period_has_no_change() {
        let def = nps_def();
        assert!(change(&Histogram::default(), &nps_hist(1, 1, 1), &def, Measure::Nps, 0.95).is_none());
    }
}
