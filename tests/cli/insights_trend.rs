//! Period crosses, changes from the previous period and the mix / within split of a change, on
//! `tests/fixtures/insights_trend` (min_n 5): a long survey (web, store and rows with no
//! touchpoint; regions North, South, East; `from_column: tier` with some blanks) and hotline
//! tickets (source `hotline`, NPS only, no tier), over 2024-01, 2024-02 and 2024-03.
//!
//! Expected figures come from `python3 tests/tools/expected_insights.py trend`, which reads the
//! CSVs with Python's csv module and applies the definitions with mpmath (z = 1.959964):
//! change = current − previous, SE_diff = √(SE₁² + SE₀²), interval diff ∓ z·SE_diff; NPS SE
//! adjusted-Wald (n' = n + 3, p' = (P + ¾)/n', d' = (D + ¾)/n', SE = √((p' + d' − (p' − d')²)/n')),
//! top-box SE √(p(1 − p)/n) in %-points, mean SE s/√n. The counts behind each figure are written
//! next to it.
//!
//! Shape of the fixture, answers per month (NPS):
//!   overall 18 / 17 / 13; web 11 / 5 / 10; store 4 / 7 / 2; no touchpoint 1 / 2 / 0;
//!   hotline 2 / 3 / 1; East 5 / 0 / 5.

use crate::support::{MetricsCsv, Project};

fn metrics() -> MetricsCsv {
    Project::new("insights_trend").built_metrics()
}

#[test]
fn every_group_is_also_counted_per_month_as_group_pipe_month() {
    let m = metrics();
    let dims = m.dimensions();
    // Every breakdown has its `_period` twin, except touchpoint × segment.
    assert_eq!(
        dims,
        [
            "overall",
            "period",
            "region",
            "region_period",
            "segment",
            "segment_period",
            "source",
            "source_period",
            "stage",
            "stage_period",
            "touchpoint",
            "touchpoint_period",
            "touchpoint_segment"
        ]
    );
    assert_eq!(m.groups("period"), ["2024-01", "2024-02", "2024-03"]);
    // East answered in January and March only.
    assert_eq!(
        m.groups("region_period"),
        [
            "East|2024-01",
            "East|2024-03",
            "North|2024-01",
            "North|2024-02",
            "North|2024-03",
            "South|2024-01",
            "South|2024-02",
            "South|2024-03"
        ]
    );
    assert_eq!(
        m.groups("source_period"),
        ["hotline|2024-01", "hotline|2024-02", "hotline|2024-03", "survey|2024-01", "survey|2024-02", "survey|2024-03"]
    );
    assert_eq!(
        m.groups("stage_period"),
        ["buy|2024-01", "buy|2024-02", "buy|2024-03", "help|2024-01", "help|2024-02", "help|2024-03"]
    );
    // Every answer of the fixture is dated, so each group's months add up to the group.
    for dim in ["region", "segment", "source", "stage", "touchpoint"] {
        for group in m.groups(dim) {
            for metric in ["nps", "csat", "csat_mean", "ces"] {
                if !m.has(dim, group, metric) {
                    continue;
                }
                let whole: u64 = m.row(dim, group, metric).n.parse().unwrap();
                let months: u64 = m
                    .rows
                    .iter()
                    .filter(|r| r.dimension == format!("{dim}_period") && r.metric == metric)
                    .filter(|r| r.group.rsplit_once('|').map(|(g, _)| g) == Some(group))
                    .map(|r| r.n.parse::<u64>().unwrap())
                    .sum();
                assert_eq!(months, whole, "{dim},{group},{metric}: months add up to {months}, the group has {whole}");
            }
        }
    }
    // East in January: 10, 9, 7, 6, 9 → 3 promoters, 1 detractor: NPS = 100·2/5 = 40; n' = 8,
    // p' = 3.75/8, d' = 1.75/8, centre 25, SE = √((.6875 − .0625)/8) = 27.9508 → ∓ 54.7827
    // → −29.7827 … 79.7827.
    assert_eq!(m.cells("region_period", "East|2024-01", "nps"), ["5", "40.0000", "-29.7827", "79.7827"]);
}

#[test]
fn the_nps_change_of_a_month_is_the_difference_from_the_month_before_with_adjusted_wald_errors() {
    let m = metrics();
    // February: 17 answers, 6 promoters, 9 detractors → NPS −17.6471; n' = 20, p' = .3375,
    // d' = .4875, SE = √((.825 − .0225)/20) = 20.0312 points.
    // January: 18 answers, 8 promoters, 5 detractors → NPS 16.6667; n' = 21, p' = 8.75/21,
    // d' = 5.75/21, SE = √((.690476 − .020408)/21) = 17.8628 points.
    // diff = −17.6471 − 16.6667 = −34.3137; SE_diff = √(20.0312² + 17.8628²) = 26.8390;
    // ∓ 1.959964·26.8390 = ∓ 52.6035 → −86.9171 … 18.2897. n is February's.
    assert_eq!(m.cells("period", "2024-02", "nps_change"), ["17", "-34.3137", "-86.9171", "18.2897"]);
    // March: 13 answers, 8 promoters, 4 detractors → 30.7692, SE 22.0971; vs February:
    // diff 48.4163, SE_diff 29.8250 → −10.0397 … 106.8722.
    assert_eq!(m.cells("period", "2024-03", "nps_change"), ["13", "48.4163", "-10.0397", "106.8722"]);
    // The first month has nothing to compare with.
    assert!(!m.has("period", "2024-01", "nps_change"));
}

#[test]
fn top_box_and_mean_changes_use_binomial_and_s_over_root_n_standard_errors() {
    let m = metrics();
    // CSAT February 5 of 14 in the top-2 box = 35.7143 %, SE = 100·√(.357143·.642857/14) = 12.8060;
    // January 11 of 16 = 68.75 %, SE = 100·√(.6875·.3125/16) = 11.5878. diff −33.0357,
    // SE_diff 17.2705, ∓ 33.8496 → −66.8853 … 0.8139.
    assert_eq!(m.cells("period", "2024-02", "csat_change"), ["14", "-33.0357", "-66.8853", "0.8139"]);
    // CSAT mean February Σx = 43 over 14 = 3.0714, s² = 1.917582, SE .370095; January Σx = 62
    // over 16 = 3.875, s² = 1.05, SE .256174. diff −.8036, SE_diff .4501 → −1.6858 … .0786.
    assert_eq!(m.cells("period", "2024-02", "csat_mean_change"), ["14", "-0.8036", "-1.6858", "0.0786"]);
    // CES March Σx = 34 over 12 = 2.8333, s² = 2.515152, SE .457817; February Σx = 56 over 13 =
    // 4.3077, s² = 4.064103, SE .559127. diff −1.4744, SE_diff .7226 → −2.8907 … −.0580: the
    // interval excludes 0.
    assert_eq!(m.cells("period", "2024-03", "ces_change"), ["12", "-1.4744", "-2.8907", "-0.0580"]);
}

#[test]
fn a_trend_compares_a_month_with_the_last_earlier_month_that_had_answers() {
    let m = metrics();
    // East answered in January and March, not February: March is compared with January.
    // March 10, 9, 10, 4, 5 → 3 promoters, 2 detractors: NPS 20, n' = 8, SE 31.5610; January
    // NPS 40, SE 27.9508. diff −20, SE_diff = √(31.5610² + 27.9508²) = 42.1586 → ∓ 82.6292.
    assert_eq!(m.cells("region_period", "East|2024-03", "nps_change"), ["5", "-20.0000", "-102.6292", "62.6292"]);
    // CSAT: 3 of 5 (60 %, SE 21.9089) vs 4 of 5 (80 %, SE 17.8885): diff −20, SE_diff 28.2843.
    assert_eq!(m.cells("region_period", "East|2024-03", "csat_change"), ["5", "-20.0000", "-75.4362", "35.4362"]);
}

#[test]
fn a_change_needs_min_n_answers_in_both_months() {
    let m = metrics();
    // web: January 11 answers, February 5 = min_n → compared. February: 10, 6, 9, 4, 10 → NPS 20,
    // n' = 8, SE 31.5610; January 6 promoters, 2 detractors of 11 → 36.3636, n' = 14, SE 20.6491.
    // diff −16.3636, SE_diff 37.7158 → −90.2852 … 57.5579.
    assert_eq!(m.cells("touchpoint_period", "web|2024-02", "nps_change"), ["5", "-16.3636", "-90.2852", "57.5579"]);
    // store: 4, 7, 2 answers: January and March are below min_n, so no month of the store
    // has a change, nor has the store itself (March vs February).
    let store_changes: Vec<_> = m
        .rows
        .iter()
        .filter(|r| r.metric.ends_with("_change") && (r.group == "store" || r.group.starts_with("store|")))
        .collect();
    assert!(store_changes.is_empty(), "{store_changes:?}");
    // hotline: 2, 3, 1 tickets.
    assert!(!m.has("touchpoint_period", "hotline|2024-02", "nps_change"));
    assert!(!m.has("source_period", "hotline|2024-02", "nps_change"));
}

#[test]
fn each_group_gets_its_change_from_the_month_before_the_latest_to_the_latest() {
    let m = metrics();
    // touchpoint web, March (10 answers: 6 promoters, 3 detractors → 30, SE 24.0902) vs February
    // (5 answers → 20, SE 31.5610): diff 10, SE_diff 39.7043 → −67.8190 … 87.8190, the same
    // numbers as the web trend's March row.
    assert_eq!(m.cells("touchpoint", "web", "nps_change")[1..], ["10.0000", "-67.8190", "87.8190"]);
    assert_eq!(m.cells("touchpoint_period", "web|2024-03", "nps_change")[1..], ["10.0000", "-67.8190", "87.8190"]);
    // stage buy: March 12 answers, 7 promoters, 4 detractors → 25 (SE 22.9976) vs February 12,
    // 4 promoters, 6 detractors → −16.6667 (SE 22.3441): diff 41.6667, SE_diff 32.0647.
    assert_eq!(m.cells("stage", "buy", "nps_change")[1..], ["41.6667", "-21.1791", "104.5124"]);
    // tier:silver CES: March 2.0 (Σx 10 over 5, s² .5) vs February 6.0 (Σx 30 over 5, s² 1.5):
    // diff −4, SE_diff = √(.1 + .3) = .632456 → −5.2396 … −2.7604.
    assert_eq!(m.cells("segment", "tier:silver", "ces_change")[1..], ["-4.0000", "-5.2396", "-2.7604"]);
    // East did not answer in February, so it has no latest change although its trend has one.
    assert!(!m.has("region", "East", "nps_change"));
    // All customers' change is the `period` trend, not an `overall` row.
    assert!(!m.rows.iter().any(|r| r.dimension == "overall" && r.metric.ends_with("_change")));
}

#[test]
fn the_latest_month_change_of_a_group_counts_the_answers_of_the_latest_month() {
    let m = metrics();
    // web has 26 answers in all, 10 of them in March: the change describes March, as the
    // `period` and `_period` change rows do (their n is the current month's).
    assert_eq!(m.row("touchpoint", "web", "nps_change").n, "10");
    assert_eq!(m.row("stage", "buy", "nps_change").n, "12");
    assert_eq!(m.row("source", "survey", "nps_change").n, "12");
    assert_eq!(m.row("segment", "tier:silver", "ces_change").n, "5");
}

#[test]
fn mix_and_within_add_up_to_the_change_for_every_partition_and_month() {
    let m = metrics();
    let mut checked = 0;
    for r in m.rows.iter().filter(|r| r.dimension == "period" && r.metric.contains("_mix_")) {
        let (metric, partition) = r.metric.split_once("_mix_").unwrap();
        let within = m.value("period", &r.group, &format!("{metric}_within_{partition}"));
        let change = m.value("period", &r.group, &format!("{metric}_change"));
        let mix: f64 = r.value.parse().unwrap();
        // Each printed number is rounded to 4 decimals.
        assert!((mix + within - change).abs() <= 0.00015, "{r:?}: {mix} + {within} ≠ {change}");
        checked += 1;
    }
    // 2 months × {nps, csat, ces} × {touchpoint, source, tier}.
    assert_eq!(checked, 18);
}

#[test]
fn nps_change_by_touchpoint_splits_into_mix_and_within_as_computed_by_hand() {
    let m = metrics();
    // January (18) → February (17): share and NPS of each touchpoint,
    //   no touchpoint 1/18 at 0 → 2/17 at 0;  hotline 2/18 at −50 → 3/17 at −33.3333;
    //   store 4/18 at 0 → 7/17 at −42.8571;   web 11/18 at 36.3636 → 5/17 at 20.
    // mix = Σ (w₁ − w₀)·v₀ = (3/17 − 2/18)(−50) + (5/17 − 11/18)(36.3636) = −3.2680 − 11.5270
    //     = −14.7950;
    // within = Σ w₁(v₁ − v₀) = 3/17·16.6667 + 7/17·(−42.8571) + 5/17·(−16.3636) = 2.9412 − 17.6471
    //     − 4.8128 = −19.5187; together −34.3137, the change.
    assert_eq!(m.cells("period", "2024-02", "nps_mix_touchpoint")[1..], ["-14.7950", "", ""]);
    assert_eq!(m.cells("period", "2024-02", "nps_within_touchpoint")[1..], ["-19.5187", "", ""]);
    assert_eq!(m.value("period", "2024-02", "nps_change"), -34.3137);
    // By source: hotline 2/18 at −50 → 3/17 at −33.3333, survey 16/18 at 25 → 14/17 at −14.2857:
    // mix = (3/17 − 2/18)(−50) + (14/17 − 16/18)(25) = −3.2680 − 1.6340 = −4.9020;
    // within = 3/17·16.6667 + 14/17·(−39.2857) = 2.9412 − 32.3529 = −29.4118.
    assert_eq!(m.value("period", "2024-02", "nps_mix_source"), -4.9020);
    assert_eq!(m.value("period", "2024-02", "nps_within_source"), -29.4118);
}

#[test]
fn a_group_without_answers_in_the_current_month_counts_entirely_as_mix() {
    let m = metrics();
    // CSAT, February (14) → March (12): store 7/14 at 14.2857 % → 2/12 at 50 %; web 5/14 at 60 %
    // → 10/12 at 70 %; the rows with no touchpoint 2/14 at 50 % → none in March (−w₀v₀).
    // mix = (2/12 − 7/14)·14.2857 + (10/12 − 5/14)·60 − 2/14·50 = −4.7619 + 28.5714 − 7.1429
    //     = 16.6667; within = 2/12·35.7143 + 10/12·10 = 5.9524 + 8.3333 = 14.2857;
    // together 30.9524, the CSAT change (66.6667 − 35.7143).
    assert_eq!(m.value("period", "2024-03", "csat_mix_touchpoint"), 16.6667);
    assert_eq!(m.value("period", "2024-03", "csat_within_touchpoint"), 14.2857);
    assert_eq!(m.value("period", "2024-03", "csat_change"), 30.9524);
}

#[test]
fn answers_in_no_group_of_a_partition_form_one_more_group() {
    let m = metrics();
    // NPS by tier, January → February. The tickets and the survey rows with a blank tier are in
    // no tier: together they are one group, (none).
    //   (none) 4/18 at −25 → 4/17 at −50; gold 7/18 at 28.5714 → 7/17 at 57.1429;
    //   silver 7/18 at 28.5714 → 6/17 at −83.3333.
    // mix = (4/17 − 4/18)(−25) + (7/17 − 7/18)(28.5714) + (6/17 − 7/18)(28.5714)
    //     = −.3268 + .6536 − 1.0271 = −.7003;
    // within = 4/17·(−25) + 7/17·28.5714 + 6/17·(−111.9048) = −5.8824 + 11.7647 − 39.4958 = −33.6134.
    assert_eq!(m.value("period", "2024-02", "nps_mix_tier"), -0.7003);
    assert_eq!(m.value("period", "2024-02", "nps_within_tier"), -33.6134);
    // Only the survey has CSAT: all of a CSAT change is within the survey source.
    assert_eq!(m.value("period", "2024-02", "csat_mix_source"), 0.0);
    assert_eq!(m.value("period", "2024-02", "csat_within_source"), -33.0357);
}

#[test]
fn mix_rows_count_the_answers_of_the_month_they_explain() {
    let m = metrics();
    // February has 17 NPS answers and 14 CSAT answers; the split explains February's change.
    assert_eq!(m.row("period", "2024-02", "nps_mix_touchpoint").n, "17");
    assert_eq!(m.row("period", "2024-02", "nps_within_touchpoint").n, "17");
    assert_eq!(m.row("period", "2024-02", "csat_mix_tier").n, "14");
}

/// With complementary suppression on, groups whose figure is not shown (under min_n 5 here)
/// join the answers in no group, so the mix and within parts say nothing about them alone:
/// with the two months' totals they would otherwise let the hidden groups be solved for.
#[test]
fn with_complementary_suppression_hidden_groups_are_pooled_in_the_mix_split() {
    let p = Project::new("insights_trend");
    p.replace("cxsite.yaml", "complementary_suppression: false", "complementary_suppression: true");
    let m = p.built_metrics();
    // NPS by touchpoint, January (18) → February (17). Hidden: hotline (2, then 3 answers) and
    // store in January (4). Pooled with the answers of no touchpoint:
    //   January 1 at 0 + 2 at −50 + 4 at 0 = 7 at −14.2857;
    //   February 2 at 0 + 3 at −33.3333 + 7 at −42.8571 = 12 at −33.3333;
    //   web 11/18 at 36.3636 → 5/17 at 20.
    // mix = (12/17 − 7/18)(−14.2857) + (5/17 − 11/18)(36.3636) = 0.316993 × (−50.6494)
    //     = −16.0555; within = 12/17 × (−19.0476) + 5/17 × (−16.3636) = −13.4454 − 4.8128
    //     = −18.2582; together −34.3137, the change, as without pooling.
    assert_eq!(m.value("period", "2024-02", "nps_mix_touchpoint"), -16.0555);
    assert_eq!(m.value("period", "2024-02", "nps_within_touchpoint"), -18.2582);
    assert_eq!(m.value("period", "2024-02", "nps_change"), -34.3137);
}
