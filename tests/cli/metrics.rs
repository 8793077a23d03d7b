//! Metrics end to end on `tests/fixtures/metrics`: 60 responses, min_n 30.
//!
//! Expected figures come from `python3 tests/tools/expected_metrics.py
//! tests/fixtures/metrics/data/survey.csv`, which reads the CSV with Python's csv module and
//! applies DESIGN.md's formulas with mpmath (z = √2·erfinv(0.95) = 1.959964; t quantiles from the
//! regularised incomplete beta). The counts each figure rests on are written next to it.
//! Shape of the fixture: web 40 answers, store 19, hotline 1; stage buy 59, help 1;
//! 2024-01 40, 2024-02 20; region North 30 (= min_n), South 29 (= min_n − 1), east 1.

use crate::support::{MetricsCsv, Project, MIN_N};

fn metrics() -> MetricsCsv {
    Project::new("metrics").built_metrics()
}

#[test]
fn metrics_csv_header_is_exactly_the_contract_header() {
    let m = metrics();
    assert_eq!(m.header, "dimension,group,metric,n,value,ci_low,ci_high");
}

#[test]
fn metrics_csv_rows_are_sorted_by_dimension_group_metric_in_byte_order() {
    let m = metrics();
    for w in m.rows.windows(2) {
        let a = (w[0].dimension.as_bytes(), w[0].group.as_bytes(), w[0].metric.as_bytes());
        let b = (w[1].dimension.as_bytes(), w[1].group.as_bytes(), w[1].metric.as_bytes());
        assert!(a < b, "rows out of order or repeated: {:?} then {:?}", w[0], w[1]);
    }
    // Byte order puts upper case first: `North` < `South` < `east` (a case-insensitive or
    // locale sort would put `east` first).
    assert_eq!(m.groups("region"), ["North", "South", "east"]);
    // `touchpoint` < `touchpoint_period` < `touchpoint_segment`, and metrics within a group.
    let dims = m.dimensions();
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
    let overall: Vec<&str> = m.rows.iter().filter(|r| r.dimension == "overall").map(|r| r.metric.as_str()).collect();
    assert_eq!(overall, ["ces", "csat", "csat_mean", "nps"]);
}

#[test]
fn overall_nps_csat_csat_mean_and_ces_match_hand_computation() {
    let m = metrics();
    // 60 answers: 30 promoters (9–10), 12 detractors (0–6): NPS = 100·(30 − 12)/60 = 30.
    // Adjusted Wald: n' = 63, p' = 30.75/63, d' = 12.75/63, centre 28.5714, SE 9.8307
    // → 28.5714 ∓ 1.959964·9.8307 = 9.3037 … 47.8392. Printed with four decimals: `30.0000`.
    assert_eq!(m.cells("overall", "all", "nps"), ["60", "30.0000", "9.3037", "47.8392"]);
    // 58 answers (2 blank): 36 in the top-2 box (4–5) → 100·36/58 = 62.0690 %;
    // Wilson centre 61.3193, half-width 12.1165 → 49.2028 … 73.4357.
    assert_eq!(m.cells("overall", "all", "csat"), ["58", "62.0690", "49.2028", "73.4357"]);
    // Σx = 213, Σx² = 891 over 58: mean 213/58 = 3.6724, s = 1.381430, SE = 0.181391,
    // t(57) = 2.002465 → 3.6724 ∓ 0.3632 = 3.3092 … 4.0356.
    assert_eq!(m.cells("overall", "all", "csat_mean"), ["58", "3.6724", "3.3092", "4.0356"]);
    // CES (1–7, 10 blank): Σx = 239, Σx² = 1247 over 50: mean 4.7800, s = 1.460919,
    // SE = 0.206605, t(49) = 2.009575 → 4.7800 ∓ 0.4152 = 4.3648 … 5.1952.
    assert_eq!(m.cells("overall", "all", "ces"), ["50", "4.7800", "4.3648", "5.1952"]);
    // One dataset, so the `source` group holds every answer, as overall does.
    assert_eq!(m.cells("source", "survey", "nps"), ["60", "30.0000", "9.3037", "47.8392"]);
}

#[test]
fn touchpoint_metrics_match_hand_computation() {
    let m = metrics();
    // web, 40 answers: 19 promoters, 10 detractors: NPS = 100·9/40 = 22.5; n' = 43,
    // p' = 19.75/43, d' = 10.75/43, centre 20.9302, SE 12.4405 → −3.4527 … 45.3132.
    assert_eq!(m.cells("touchpoint", "web", "nps"), ["40", "22.5000", "-3.4527", "45.3132"]);
    // 27 of 39 in the top-2 box = 69.2308 %; Wilson centre 67.5064, half-width 13.9277.
    assert_eq!(m.cells("touchpoint", "web", "csat"), ["39", "69.2308", "53.5787", "81.4341"]);
    // Σx = 147, Σx² = 633 over 39: mean 3.7692, s = 1.441153, SE 0.230769, t(38) = 2.024394.
    assert_eq!(m.cells("touchpoint", "web", "csat_mean"), ["39", "3.7692", "3.3021", "4.2364"]);
    // Σx = 156, Σx² = 774 over 34: mean 4.5882, s = 1.328422, SE 0.227823, t(33) = 2.034515.
    assert_eq!(m.cells("touchpoint", "web", "ces"), ["34", "4.5882", "4.1247", "5.0517"]);
    // store: 19 answers (< 30) and hotline: 1 answer: n shown, no number.
    assert_eq!(m.cells("touchpoint", "store", "nps"), ["19", "", "", ""]);
    assert_eq!(m.cells("touchpoint", "hotline", "nps"), ["1", "", "", ""]);
}

#[test]
fn stage_metrics_pool_the_touchpoints_of_the_stage() {
    let m = metrics();
    // buy = web (40) + store (19) = 59 answers: 29 promoters, 12 detractors:
    // NPS = 100·17/59 = 28.8136; n' = 62, p' = 29.75/62, d' = 12.75/62, centre 27.4194,
    // SE 9.9215 → 7.9736 … 46.8651.
    assert_eq!(m.cells("stage", "buy", "nps"), ["59", "28.8136", "7.9736", "46.8651"]);
    // 36 of 57 in the top-2 box = 63.1579 %; Wilson centre 62.3271, half-width 12.1493.
    assert_eq!(m.cells("stage", "buy", "csat"), ["57", "63.1579", "50.1778", "74.4764"]);
    // Σx = 232, Σx² = 1198 over 49: mean 4.7347, s = 1.440132, SE 0.205733, t(48) = 2.010635.
    assert_eq!(m.cells("stage", "buy", "ces"), ["49", "4.7347", "4.3210", "5.1483"]);
    // help = hotline only: 1 answer.
    assert_eq!(m.cells("stage", "help", "nps"), ["1", "", "", ""]);
    assert_eq!(m.groups("stage"), ["buy", "help"]);
}

#[test]
fn rule_segment_counts_only_rows_whose_rule_is_true() {
    let m = metrics();
    // `age < 40`: 39 rows; the row with a blank age is in no rule segment (it would be 40 if a
    // blank were read as 0). 18 promoters, 8 detractors: NPS = 100·10/39 = 25.6410; n' = 42,
    // p' = 18.75/42, d' = 8.75/42, centre 23.8095, SE 11.9331 → 0.4211 … 47.1979.
    assert_eq!(m.cells("segment", "under_40", "nps"), ["39", "25.6410", "0.4211", "47.1979"]);
    // 23 of 37 in the top-2 box = 62.1622 %; Wilson centre 61.0182, half-width 14.9178.
    assert_eq!(m.cells("segment", "under_40", "csat"), ["37", "62.1622", "46.1004", "75.9360"]);
    // Σx = 157 over 32 = 4.90625 exactly: four decimals, half away from zero → 4.9063.
    // Σx² = 833, s = 1.422387, SE 0.251445, t(31) = 2.039513 → 4.3934 … 5.4191.
    assert_eq!(m.cells("segment", "under_40", "ces"), ["32", "4.9063", "4.3934", "5.4191"]);
}

#[test]
fn from_column_segment_groups_are_named_column_colon_value() {
    let m = metrics();
    assert_eq!(m.groups("segment"), ["member_tier:gold", "member_tier:silver", "under_40"]);
    // gold: 35 answers, 20 promoters, 7 detractors: NPS = 100·13/35 = 37.1429; n' = 38,
    // p' = 20.75/38, d' = 7.75/38, centre 34.2105, SE 12.9062 → 8.9149 … 59.5062.
    assert_eq!(m.cells("segment", "member_tier:gold", "nps"), ["35", "37.1429", "8.9149", "59.5062"]);
    // 22 of 34 in the top-2 box = 64.7059 %; Wilson centre 63.2130, half-width 15.2991.
    assert_eq!(m.cells("segment", "member_tier:gold", "csat"), ["34", "64.7059", "47.9140", "78.5121"]);
    // Σx = 127, Σx² = 543 over 34: mean 3.7353, s = 1.441986, SE 0.247299, t(33) = 2.034515.
    assert_eq!(m.cells("segment", "member_tier:gold", "csat_mean"), ["34", "3.7353", "3.2322", "4.2384"]);
    // gold ces: 29 answers = min_n − 1; silver: 25 answers.
    assert_eq!(m.cells("segment", "member_tier:gold", "ces"), ["29", "", "", ""]);
    assert_eq!(m.cells("segment", "member_tier:silver", "nps"), ["25", "", "", ""]);
}

#[test]
fn period_groups_are_calendar_months() {
    let m = metrics();
    // Dates are written 2024-01-12, 2024-01-12 10:30 and 2024/1/12; all land in YYYY-MM.
    assert_eq!(m.groups("period"), ["2024-01", "2024-02"]);
    // January: 40 answers, 22 promoters, 8 detractors: NPS = 100·14/40 = 35; n' = 43,
    // p' = 22.75/43, d' = 8.75/43, centre 32.5581, SE 12.0711 → 8.8993 … 56.2170.
    assert_eq!(m.cells("period", "2024-01", "nps"), ["40", "35.0000", "8.8993", "56.2170"]);
    // Σx = 143, Σx² = 607 over 39: mean 3.6667, s = 1.474937, SE 0.236179, t(38) = 2.024394.
    assert_eq!(m.cells("period", "2024-01", "csat_mean"), ["39", "3.6667", "3.1885", "4.1448"]);
    // February: 20 answers.
    assert_eq!(m.cells("period", "2024-02", "nps"), ["20", "", "", ""]);
}

#[test]
fn configured_dimension_shows_a_group_at_exactly_min_n_and_blanks_one_below() {
    let m = metrics();
    // North: exactly 30 = min_n answers → shown. 15 promoters, 6 detractors: NPS = 100·9/30 = 30;
    // n' = 33, p' = 15.75/33, d' = 6.75/33, centre 27.2727, SE 13.5673 → 0.6813 … 53.8642.
    assert_eq!(m.cells("region", "North", "nps"), ["30", "30.0000", "0.6813", "53.8642"]);
    // South: 29 = min_n − 1 answers (also 15 promoters, 6 detractors) → n only.
    assert_eq!(m.cells("region", "South", "nps"), ["29", "", "", ""]);
    // east: 1 answer.
    assert_eq!(m.cells("region", "east", "nps"), ["1", "", "", ""]);
    // North's csat has 29 answers (one blank): blank although its nps is shown.
    assert_eq!(m.cells("region", "North", "csat"), ["29", "", "", ""]);
}

#[test]
fn touchpoint_segment_cross_uses_touchpoint_pipe_segment_ids() {
    let m = metrics();
    assert_eq!(
        m.groups("touchpoint_segment"),
        [
            "hotline|member_tier:silver",
            "store|member_tier:gold",
            "store|member_tier:silver",
            "store|under_40",
            "web|member_tier:gold",
            "web|member_tier:silver",
            "web|under_40",
        ]
    );
    // web × gold: 31 nps answers, 16 promoters, 7 detractors: NPS = 100·9/31 = 29.0323;
    // n' = 34, p' = 16.75/34, d' = 7.75/34, centre 26.4706, SE 13.8322 → −0.6400 … 53.5812.
    assert_eq!(m.cells("touchpoint_segment", "web|member_tier:gold", "nps"), ["31", "29.0323", "-0.6400", "53.5812"]);
    // Exactly 30 csat answers, 20 in the top-2 box = 66.6667 %; Wilson centre 64.7748,
    // half-width 15.9947 → 48.7801 … 80.7695.
    assert_eq!(m.cells("touchpoint_segment", "web|member_tier:gold", "csat"), ["30", "66.6667", "48.7801", "80.7695"]);
    // Σx = 113, Σx² = 489 over 30: mean 3.7667, s = 1.478194, SE 0.269880, t(29) = 2.045230.
    assert_eq!(
        m.cells("touchpoint_segment", "web|member_tier:gold", "csat_mean"),
        ["30", "3.7667", "3.2147", "4.3186"]
    );
    // web × under_40: 26 answers.
    assert_eq!(m.cells("touchpoint_segment", "web|under_40", "nps"), ["26", "", "", ""]);
}

#[test]
fn touchpoint_period_cross_uses_touchpoint_pipe_month_ids() {
    let m = metrics();
    assert_eq!(
        m.groups("touchpoint_period"),
        ["hotline|2024-02", "store|2024-01", "store|2024-02", "web|2024-01", "web|2024-02"]
    );
    // web in January: 32 answers, 17 promoters, 7 detractors: NPS = 100·10/32 = 31.25;
    // n' = 35, p' = 17.75/35, d' = 7.75/35, centre 28.5714, SE 13.5956 → 1.9246 … 55.2183.
    assert_eq!(m.cells("touchpoint_period", "web|2024-01", "nps"), ["32", "31.2500", "1.9246", "55.2183"]);
    // 20 of 31 in the top-2 box = 64.5161 %; Wilson centre 62.9156, half-width 15.9677.
    assert_eq!(m.cells("touchpoint_period", "web|2024-01", "csat"), ["31", "64.5161", "46.9480", "78.8833"]);
    // Σx = 114, Σx² = 484 over 31: mean 3.6774, s = 1.469401, SE 0.263912, t(30) = 2.042272.
    assert_eq!(m.cells("touchpoint_period", "web|2024-01", "csat_mean"), ["31", "3.6774", "3.1384", "4.2164"]);
    assert_eq!(m.cells("touchpoint_period", "store|2024-02", "nps"), ["11", "", "", ""]);
}

#[test]
fn groups_below_min_n_keep_n_and_blank_value_and_interval() {
    let m = metrics();
    let mut blank = 0;
    // The scores themselves; derived rows (changes, ranks, mix) have rules of their own.
    for r in m.rows.iter().filter(|r| ["nps", "csat", "csat_mean", "ces"].contains(&r.metric.as_str())) {
        let n: u64 = r.n.parse().unwrap_or_else(|_| panic!("n of {r:?} is not a count"));
        assert!(n > 0, "a row with no answers: {r:?}");
        if n < MIN_N {
            blank += 1;
            assert_eq!((&*r.value, &*r.ci_low, &*r.ci_high), ("", "", ""), "below min_n yet shown: {r:?}");
        } else {
            assert!(
                !r.value.is_empty() && !r.ci_low.is_empty() && !r.ci_high.is_empty(),
                "at or above min_n yet blank: {r:?}"
            );
        }
    }
    // The fixture has far more small groups than large ones (hotline, east, the crosses…).
    assert!(blank > 50, "only {blank} suppressed rows");
}

#[test]
fn every_number_is_printed_with_four_decimals() {
    let m = metrics();
    let four_decimals = |s: &str| {
        let t = s.strip_prefix('-').unwrap_or(s);
        matches!(t.split_once('.'), Some((i, f)) if !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && f.len() == 4 && f.bytes().all(|b| b.is_ascii_digit()))
    };
    for r in &m.rows {
        for cell in [&r.value, &r.ci_low, &r.ci_high] {
            assert!(cell.is_empty() || four_decimals(cell), "{cell:?} in {r:?} is not a number with four decimals");
        }
    }
    // NPS 30 prints as `30.0000`, not `30` or `30.0`.
    assert_eq!(m.row("overall", "all", "nps").value, "30.0000");
}

#[test]
fn metrics_json_holds_the_same_rows_as_metrics_csv() {
    let p = Project::new("metrics");
    let csv = p.built_metrics();
    let json = crate::support::read_json(&p.public());
    let rows = json["metrics"].as_array().expect("metrics.json has a `metrics` array");
    assert_eq!(rows.len(), csv.rows.len());
    let num = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        v => format!("{:.4}", v.as_f64().unwrap_or_else(|| panic!("{v} is not a number or null"))),
    };
    for (j, c) in rows.iter().zip(&csv.rows) {
        assert_eq!(j["dimension"], c.dimension.as_str());
        assert_eq!(j["group"], c.group.as_str());
        assert_eq!(j["metric"], c.metric.as_str());
        assert_eq!(j["n"].as_u64().map(|n| n.to_string()), Some(c.n.clone()));
        assert_eq!(
            [num(&j["value"]), num(&j["ci_low"]), num(&j["ci_high"])],
            [c.value.clone(), c.ci_low.clone(), c.ci_high.clone()]
        );
    }
    assert_eq!(json["min_n"], 30);
}

/// The contract for group keys that join parts with `|` (README, *Output contract*): a
/// touchpoint id never holds `|` (ids are letters, digits, `_` and `-`), so in
/// `touchpoint_segment` it is before the first `|`; a period key never holds one, so in every
/// `*_period` group the period is after the last. Values that hold `|` themselves (a tier
/// `a|b`, a store `x|2024-02` that even looks like a period) do not change where the parts are.
#[test]
fn group_keys_joined_with_a_bar_split_at_the_first_for_the_touchpoint_and_the_last_for_the_period() {
    let p = Project::written("bars", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: Bars\nmin_n: 1\ncomplementary_suppression: false\ntimezone: UTC\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\n        - { id: app-2, name: App }\nsegments:\n  - { from_column: tier, id: tier }\ndatasets:\n  - id: survey\n    path: data/s.csv\n    columns: { date: day, touchpoint: tp }\n    scores:\n      nps: { column: rec }\n    dimensions: [store]\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("data/s.csv"),
            "day,tp,store,tier,rec\n2024-01-05,web,x|2024-02,a|b,10\n2024-02-05,web,x|2024-02,a|b,0\n2024-01-06,app-2,plain,gold,9\n2024-02-06,app-2,plain,gold,8\n",
        )
        .unwrap();
    });
    p.build().expect(0);
    let m = MetricsCsv::read(&p.public());
    // Web's tier a|b: 10 and 0, one promoter and one detractor of 2: NPS 0.
    assert_eq!(m.cells("touchpoint_segment", "web|tier:a|b", "nps")[..2], ["2", "0.0000"]);
    // Store x|2024-02 in January: the 10 alone, +100.
    assert_eq!(m.cells("store_period", "x|2024-02|2024-01", "nps")[..2], ["1", "100.0000"]);
    let (touchpoints, segments, periods) = (m.groups("touchpoint"), m.groups("segment"), m.groups("period"));
    assert_eq!(touchpoints, ["app-2", "web"]);
    assert_eq!(periods, ["2024-01", "2024-02"]);
    let mut checked = 0;
    for r in &m.rows {
        if r.dimension == "touchpoint_segment" {
            let (tp, seg) = r.group.split_once('|').unwrap();
            assert!(touchpoints.contains(&tp) && segments.contains(&seg), "{r:?}");
            checked += 1;
        } else if let Some(base) = r.dimension.strip_suffix("_period") {
            let (group, period) = r.group.rsplit_once('|').unwrap();
            assert!(periods.contains(&period), "{r:?}");
            if base == "touchpoint_segment" {
                let (tp, seg) = group.split_once('|').unwrap();
                assert!(touchpoints.contains(&tp) && segments.contains(&seg), "{r:?}");
            } else {
                assert!(m.groups(base).contains(&group), "{r:?}");
            }
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked}");
}

/// A page rounds the value as computed, not the four-place one metrics.csv writes, and a
/// half away from zero even when the double stores it a hair below. Touchpoint `a`: 121
/// answers of 5 and 79 of 6, mean 1,079 / 200 = 5.395 exactly (stored 5.39499…); `b`: 464
/// of 5 and 303 of 6, mean 4,138 / 767 = 5.395046 (four places 5.3950, stored 5.39499…).
/// Both are 5.40 to two places; both pages wrote 5.39.
#[test]
fn a_mean_is_rounded_on_a_page_from_its_value_not_from_the_csv_s_four_places() {
    let p = Project::written("rounding", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: Rounding\njourney:\n  stages:\n    - id: s\n      name: S\n      touchpoints: [{ id: a, name: A }, { id: b, name: B }]\ndatasets:\n  - id: d\n    path: data/d.csv\n    columns: { touchpoint: tp }\n    scores:\n      ces: { column: ces, scale: [1, 7], type: mean }\n",
        )
        .unwrap();
        let mut csv = String::from("tp,ces\n");
        for (tp, fives, sixes) in [("a", 121, 79), ("b", 464, 303)] {
            csv.push_str(&format!("{tp},5\n").repeat(fives));
            csv.push_str(&format!("{tp},6\n").repeat(sixes));
        }
        std::fs::write(dir.join("data/d.csv"), csv).unwrap();
    });
    p.build().expect(0);
    let m = p.built_metrics();
    assert_eq!(m.cells("touchpoint", "a", "ces")[..2], ["200", "5.3950"]);
    assert_eq!(m.cells("touchpoint", "b", "ces")[..2], ["767", "5.3950"]);
    for tp in ["a", "b"] {
        let page = p.built(&format!("touchpoints/{tp}.html"));
        assert!(page.contains(">5.40<"), "{tp}: {page}");
        assert!(!page.contains(">5.39<"), "{tp}");
    }
}
