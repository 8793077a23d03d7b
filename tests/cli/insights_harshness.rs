//! Segment harshness on `tests/fixtures/insights_harshness` (min_n 5): 24 answers at web, store
//! and the harsh hotline. `young` (age < 30) gave 6 of their 9 answers at the hotline, `older`
//! 3 of 14; one row has no age. `tier:vip` has 3 answers.
//!
//! H = Σ_t n_st(m_st − m_t)/Σ_t n_st over the touchpoints where the segment has ≥ 2 answers
//! (m_t: all customers' mean at t), SE = √(Σ_t n_st s²_st)/Σ_t n_st, interval H ∓ 1.959964·SE.
//! Expected figures: `python3 tests/tools/expected_insights.py harshness`.
//!
//! All customers' means by touchpoint: CSAT hotline 20/9, web 44/10, store 19/5;
//! NPS hotline 38/9, web 88/10, store 39/5.

use crate::support::{MetricsCsv, Project};

fn metrics() -> MetricsCsv {
    Project::new("insights_harshness").built_metrics()
}

#[test]
fn harshness_compares_a_segment_with_everyone_at_the_same_touchpoints() {
    let m = metrics();
    // young, CSAT: hotline 2, 1, 2, 3, 2, 2 (mean 2, s² .4) vs 20/9 = 2.2222;
    // web 5, 4 (mean 4.5, s² .5) vs 4.4; store: one answer, left out.
    // H = (6·(2 − 2.2222) + 2·(4.5 − 4.4))/8 = (−1.3333 + .2)/8 = −.141667;
    // SE = √(6·.4 + 2·.5)/8 = √3.4/8 = .230489 → ∓ .451749 → −.5934 … .3101. n = 8, not 9.
    assert_eq!(m.cells("segment", "young", "csat_harshness"), ["8", "-0.1417", "-0.5934", "0.3101"]);
    // The naive gap, young's mean 26/9 = 2.8889 minus everyone's 83/24 = 3.4583, is −.5694:
    // four times the harshness, because the young mostly rate the hotline.
    let naive = m.value("segment", "young", "csat_mean") - m.value("overall", "all", "csat_mean");
    assert!((naive - -0.5694).abs() < 1e-9, "naive gap {naive}");
    assert!(naive < 3.0 * m.value("segment", "young", "csat_harshness"));
}

#[test]
fn nps_harshness_is_the_gap_in_mean_likelihood_to_recommend_on_the_0_to_10_scale() {
    let m = metrics();
    // young, NPS answers as a 0–10 mean: hotline 3, 1, 4, 6, 2, 5 (mean 3.5, s² 3.5) vs 38/9 =
    // 4.2222; web 9, 8 (mean 8.5, s² .5) vs 8.8. H = (6·(−.7222) + 2·(−.3))/8 = −.616667;
    // SE = √(6·3.5 + 2·.5)/8 = √22/8 = .586302 → ∓ 1.149130 → −1.7658 … .5325.
    assert_eq!(m.cells("segment", "young", "nps_harshness"), ["8", "-0.6167", "-1.7658", "0.5325"]);
    // older: hotline 6, 4, 7 (17/3, s² 2.3333) vs 38/9; store 7, 8, 6, 8 (29/4, s² .9167) vs 39/5;
    // web 9, 10, 8, 9, 10, 7, 9 (62/7, s² 1.1429) vs 8.8. H = (3·1.4444 + 4·(−.55) + 7·.0571)/14
    // = .180952; SE = √(7 + 3.6667 + 8)/14 = .308607.
    assert_eq!(m.cells("segment", "older", "nps_harshness"), ["14", "0.1810", "-0.4239", "0.7858"]);
}

#[test]
fn older_customers_at_the_same_touchpoints_rate_as_everyone_does() {
    let m = metrics();
    // older, CSAT: hotline 3, 2, 3 (8/3, s² .3333) vs 20/9; store 3, 4, 4, 3 (3.5, s² .3333) vs 3.8;
    // web 4, 5, 5, 4, 5, 4, 4 (31/7, s² .2857) vs 4.4.
    // H = (3·.4444 + 4·(−.3) + 7·.0286)/14 = .023810; SE = √(1 + 1.3333 + 2)/14 = .148690.
    assert_eq!(m.cells("segment", "older", "csat_harshness"), ["14", "0.0238", "-0.2676", "0.3152"]);
    // Their naive gap 53/14 − 83/24 = +.3274 would call them the happiest.
    let naive = m.value("segment", "older", "csat_mean") - m.value("overall", "all", "csat_mean");
    assert!((naive - 0.3274).abs() < 1e-9, "naive gap {naive}");
}

#[test]
fn a_segment_with_fewer_than_min_n_counted_answers_has_no_harshness() {
    let m = metrics();
    // tier:vip: 2 answers at the hotline and 1 at web (left out): 2 < min_n.
    assert!(!m.has("segment", "tier:vip", "csat_harshness"));
    assert!(!m.has("segment", "tier:vip", "nps_harshness"));
    // Harshness is per score (nps, csat), on segments only.
    let harsh: Vec<(&str, &str)> = m
        .rows
        .iter()
        .filter(|r| r.metric.ends_with("_harshness"))
        .map(|r| (r.dimension.as_str(), r.metric.as_str()))
        .collect();
    assert_eq!(
        harsh,
        [
            ("segment", "csat_harshness"),
            ("segment", "nps_harshness"),
            ("segment", "csat_harshness"),
            ("segment", "nps_harshness")
        ]
    );
}
