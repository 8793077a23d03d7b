//! Store league on `tests/fixtures/insights_league` (min_n 5, dimension `store`, loyalty nps):
//! 61 answers, overall 34 promoters and 10 detractors → NPS 2400/61 = 39.3443.
//!
//! shrunk = (n·NPS + 5·39.3443)/(n + 5) for stores with n ≥ 5:
//!   S3 15 answers, 11 P 0 D → 73.3333 → (1100 + 196.7213)/20 = 64.8361
//!   S2  5 answers,  4 P 0 D → 80      → ( 400 + 196.7213)/10 = 59.6721
//!   S7 10 answers,  6 P 1 D → 50      → ( 500 + 196.7213)/15 = 46.4481
//!   S1  8 answers,  4 P 2 D → 25      → ( 200 + 196.7213)/13 = 30.5170
//!   S8  5 answers,  2 P 1 D → 20      → ( 100 + 196.7213)/10 = 29.6721
//!   S5  7 answers,  2 P 2 D → 0       → (   0 + 196.7213)/12 = 16.3934
//!   S4  6 answers,  1 P 3 D → −33.3333 → (−200 + 196.7213)/11 = −0.2981
//!   S6  3 answers,  3 P     → 100, unrated (n < min_n)
//! Expected figures: `python3 tests/tools/expected_insights.py league`.

use crate::support::{MetricsCsv, Project};

fn metrics() -> MetricsCsv {
    Project::new("insights_league").built_metrics()
}

/// `[rank, shrunk, stars]` of a store.
fn place<'m>(m: &'m MetricsCsv, store: &str) -> [&'m str; 3] {
    [
        &m.row("store", store, "nps_rank").value,
        &m.row("store", store, "nps_shrunk").value,
        &m.row("store", store, "nps_stars").value,
    ]
}

#[test]
fn shrinkage_pulls_a_small_store_below_a_large_one_with_a_lower_raw_score() {
    let m = metrics();
    // S2's 80 from 5 answers is above S3's 73.3333 from 15, but shrunk halfway to 39.3443 it
    // ranks second.
    assert!(m.value("store", "S2", "nps") > m.value("store", "S3", "nps"));
    assert_eq!(m.cells("store", "S3", "nps_shrunk"), ["15", "64.8361", "", ""]);
    assert_eq!(m.cells("store", "S2", "nps_shrunk"), ["5", "59.6721", "", ""]);
    assert_eq!(m.value("store", "S3", "nps_rank"), 1.0);
    assert_eq!(m.value("store", "S2", "nps_rank"), 2.0);
}

#[test]
fn default_stars_come_from_the_numpy_quintiles_of_the_shrunk_scores() {
    let m = metrics();
    // Sorted shrunk: −.2981, 16.3934, 29.6721, 30.5170, 46.4481, 59.6721, 64.8361 (7 values);
    // type-7 quantile positions 6q = 1.2, 2.4, 3.6, 4.8 →
    //   16.3934 + .2·(29.6721 − 16.3934) = 19.0492
    //   29.6721 + .4·(30.5170 − 29.6721) = 30.0101
    //   30.5170 + .6·(46.4481 − 30.5170) = 40.0757
    //   46.4481 + .8·(59.6721 − 46.4481) = 57.0273
    // (numpy.quantile gives the same). S5 at 16.3934 is below the first: 1 star (type 6 would
    // put the first threshold below it).
    assert_eq!(place(&m, "S3"), ["1.0000", "64.8361", "5.0000"]);
    assert_eq!(place(&m, "S2"), ["2.0000", "59.6721", "5.0000"]);
    assert_eq!(place(&m, "S7"), ["3.0000", "46.4481", "4.0000"]);
    assert_eq!(place(&m, "S1"), ["4.0000", "30.5170", "3.0000"]);
    // S8 (29.6721) is written +30, as the second threshold (30.0101) is: it reaches it.
    assert_eq!(place(&m, "S8"), ["5.0000", "29.6721", "3.0000"]);
    assert_eq!(place(&m, "S5"), ["6.0000", "16.3934", "1.0000"]);
    assert_eq!(place(&m, "S4"), ["7.0000", "-0.2981", "1.0000"]);
}

#[test]
fn a_store_below_min_n_is_listed_unrated_with_its_n_and_no_numbers() {
    let m = metrics();
    // S6: 3 perfect answers, NPS 100 — not shown, not shrunk, not ranked, no stars.
    for metric in ["nps", "nps_shrunk", "nps_rank", "nps_stars"] {
        assert_eq!(m.cells("store", "S6", metric), ["3", "", "", ""], "{metric}");
    }
    // The ranks of the others run 1…7 without it.
    let mut ranks: Vec<f64> =
        m.groups("store").iter().filter(|s| **s != "S6").map(|s| m.value("store", s, "nps_rank")).collect();
    ranks.sort_by(f64::total_cmp);
    assert_eq!(ranks, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
}

#[test]
fn the_league_note_says_groups_under_min_n_are_unrated() {
    let p = Project::new("insights_league");
    p.build().expect(0);
    let page = p.built("dimensions/store/index.html");
    assert!(page.contains("Groups with fewer than 5 answers are unrated."), "{page}");
    // The league's value column has colour swatches: the key of their colours is under it.
    let league = &page[page.find("id=\"league\"").unwrap()..];
    let league = &league[..league.find("</figure>").unwrap()];
    assert!(league.contains("class=\"swatch s"), "{league}");
    assert!(league.contains("<p class=\"legend scale-key\">Colour (NPS):"), "{league}");
}

#[test]
fn configured_star_thresholds_replace_the_quintiles() {
    let p = Project::new("insights_league");
    p.append("cxsite.yaml", b"stars: { thresholds: [0, 20, 40, 60] }\n");
    let m = p.built_metrics();
    // 1 + number of thresholds the shrunk score reaches, both as the league writes them
    // (NPS whole): S2's 59.6721 is written +60 and S4's −0.2981 is written 0, so each reaches
    // the threshold it is shown equal to.
    assert_eq!(place(&m, "S3"), ["1.0000", "64.8361", "5.0000"]); // +65 ≥ +60
    assert_eq!(place(&m, "S2"), ["2.0000", "59.6721", "5.0000"]); // +60
    assert_eq!(place(&m, "S7"), ["3.0000", "46.4481", "4.0000"]);
    assert_eq!(place(&m, "S1"), ["4.0000", "30.5170", "3.0000"]);
    assert_eq!(place(&m, "S8"), ["5.0000", "29.6721", "3.0000"]);
    assert_eq!(place(&m, "S5"), ["6.0000", "16.3934", "2.0000"]);
    assert_eq!(place(&m, "S4"), ["7.0000", "-0.2981", "2.0000"]); // 0
    assert_eq!(m.cells("store", "S6", "nps_stars"), ["3", "", "", ""]);
}

#[test]
fn a_store_shown_at_a_threshold_reaches_it_and_one_star_stores_are_named_from_the_bottom() {
    let p = Project::new("insights_league");
    // S1 +31 (30.5170) and S8 +30 (29.6721) against 29.9, written +30: both reach it, where
    // S8's unrounded score would not. 0.1 is written 0, so S4 (0) reaches it too; S5 (+16)
    // and S4 are then the only stores under 20: two stars each.
    p.append("cxsite.yaml", b"stars: { thresholds: [0.1, 20, 29.9, 46.5] }\n");
    let m = p.built_metrics();
    assert_eq!(m.value("store", "S1", "nps_stars"), 4.0);
    assert_eq!(m.value("store", "S8", "nps_stars"), 4.0);
    // S7 46.4481 is written +46, under 46.5 written +47 (halves away from zero).
    assert_eq!(m.value("store", "S7", "nps_stars"), 4.0);
    assert_eq!(m.value("store", "S4", "nps_stars"), 2.0);
    // With the quintiles, S5 (+16) and S4 (0) have one star: the summary names the lowest
    // first.
    let p = Project::new("insights_league");
    p.build().expect(0);
    let index = p.built("index.html");
    assert!(index.contains("One star: S4; S5."), "{index}");
}

#[test]
fn the_league_is_on_the_loyalty_score() {
    let p = Project::new("insights_league");
    p.replace("cxsite.yaml", "loyalty: nps", "loyalty: csat");
    let m = p.built_metrics();
    // CSAT top-2 box overall 41 of 61 = 67.2131 %; S3 13 of 15 = 86.6667 % →
    // (15·86.6667 + 5·67.2131)/20 = (1300 + 336.0656)/20 = 81.8033.
    assert_eq!(m.cells("store", "S3", "csat_shrunk"), ["15", "81.8033", "", ""]);
    assert!(!m.has("store", "S3", "nps_shrunk"));
}

#[test]
fn only_configured_dimensions_have_a_league() {
    let m = metrics();
    let dims: Vec<&str> = m
        .rows
        .iter()
        .filter(|r| r.metric.ends_with("_shrunk") || r.metric.ends_with("_rank") || r.metric.ends_with("_stars"))
        .map(|r| r.dimension.as_str())
        .collect();
    assert!(!dims.is_empty() && dims.iter().all(|d| *d == "store"), "{dims:?}");
}

/// Files of the store dimension's folder: the index and one page per store shown.
fn store_pages(p: &Project) -> usize {
    std::fs::read_dir(p.public().join("dimensions/store")).unwrap().count()
}

#[test]
fn every_store_of_a_small_dimension_has_a_page_rated_or_not() {
    let p = Project::new("insights_league");
    p.build().expect(0);
    // Eight stores (S6 unrated with 3 answers) and the index, which charts all eight.
    assert_eq!(store_pages(&p), 9);
    let index = p.built("dimensions/store/index.html");
    assert!(index.contains(r#"id="groups""#));
}

#[test]
fn a_dimension_of_over_a_thousand_values_shows_only_its_rated_groups() {
    let p = Project::new("insights_league");
    // 1,100 more stores with one answer each: 1,108 values, past the 1,000 where pages and
    // league rows of blanks would bury the rated stores.
    let extra: String = (0..1100).map(|i| format!("X{i},2024-06-20,X{i:04},7,3\n")).collect();
    p.append("data/survey.csv", extra.as_bytes());
    let m = p.built_metrics();
    // The seven stores with at least min_n = 5 answers keep their page; S6 and the 1,100 do not.
    assert_eq!(store_pages(&p), 8);
    let index = p.built("dimensions/store/index.html");
    assert!(index.contains(">S3<") && index.contains(">S4<"), "rated stores are in the league table");
    assert!(!index.contains(">S6<") && !index.contains(">X0001<"), "unrated stores are left out of it");
    assert!(index.contains("1,101 more groups have fewer than 5 answers"), "the table says what it left out");
    // 1,108 values get the league table only, not a chart of 1,108 dots (nor an empty one).
    assert!(!index.contains(r#"id="groups""#), "no breakdown chart for a large dimension");
    // Every store keeps its numbers in metrics.csv.
    assert_eq!(m.groups("store").len(), 1108);
    assert_eq!(m.cells("store", "X0001", "nps"), ["1", "", "", ""]);
}

/// The basic fixture's store league: only Online has a change (−150 NPS points, Jul 2024 on
/// Jun 2024, significant after Holm with p 0.0019); Airport and Downtown have no answers in
/// one of the two months.
#[test]
fn the_leagues_change_column_names_its_period_and_says_why_a_change_is_missing() {
    let p = Project::new("basic");
    p.build().expect(0);
    let page = p.built("dimensions/store_name/index.html");
    assert!(page.contains(">Change in Jul 2024<"), "{page}");
    assert!(page.contains(">−150.0\u{a0}pts ◆<"), "{page}");
    // min_n 1: a change is missing only where a month has no answers, and no sentence speaks
    // of "fewer than 1".
    let no_change = "title=\"no change: no answers in this period or the one before\"";
    assert_eq!(page.matches(no_change).count(), 2, "{page}");
    assert!(!page.contains("fewer than 1 "), "{page}");
    // The ◆ is explained because one is shown; no change is within noise, so grey is not.
    assert!(page.contains("◆ marks a change from the previous period that is significant"), "{page}");
    assert!(!page.contains("Changes in grey"), "{page}");
}
