//! Scales as survey tools ask them (`export_scales`, min_n 3): an NPS asked on 1–10
//! (`scale: [1, 10]` on an `nps` score) and an agreement question written with
//! 1 = Strongly agree … 5 = Strongly disagree (`reverse: true`). By file line:
//!    1 id, date, recommend, The staff understood what I needed
//!    2 r1 10 1
//!    3 r2  9 2
//!    4 r3  7 3
//!    5 r4  1 5
//!    6 r5  9 4
//!    7 r6  0 1     (0 is not on a 1–10 scale: a skipped value, the row keeps its agreement)

use crate::support::Project;

#[test]
fn an_nps_asked_on_1_to_10_scores_9_and_10_as_promoters_and_1_to_6_as_detractors() {
    let p = Project::new("export_scales");
    let run = p.build();
    run.expect(0);
    // The build says how such an NPS is scored.
    run.stderr_has(&["score `nps` is an NPS asked on 1–10", "9–10 promoters, 1–6 detractors"]);
    let site = crate::support::Site::read(&p.public());
    // 10 9 7 1 9: promoters 3, detractors 1 (the 1), n 5 → 100·(3 − 1)/5 = 40. Adjusted Wald:
    // n' = 8, p' = 3.75/8, d' = 1.75/8, centre 25, SE √((0.6875 − 0.0625)/8) = 0.279508,
    // z·SE = 54.7827. Were the 0 read as on 0–10 it would be a detractor: 100·(3 − 2)/6.
    assert_eq!(site.cells("overall", "all", "nps"), ["5", "40.0000", "-29.7827", "79.7827"]);
    // [valid, blank, not applicable, invalid]: the 0 is outside the scale 1–10.
    assert_eq!(site.quality("visits").column("recommend"), [5, 0, 0, 1]);
    // The methodology page says so too.
    let page = site.page("methodology.html");
    assert!(page.contains("was asked on 1–10"), "no 1–10 note on the methodology page");
}

#[test]
fn an_agreement_scale_written_with_1_as_strongly_agree_is_turned_round_before_any_statistic() {
    let p = Project::new("export_scales");
    let site = p.built();
    // Raw 1 2 3 5 4 1 read as 6 − v: 5 4 3 1 2 5. Top-two box (4–5): 3 of 6 = 50; Wilson
    // (z 1.959964) centre 0.5, half 1.959964·√(0.25/6 + z²/144)/(1 + z²/6) = 0.312384.
    // Unreversed it would be 2 of 6.
    assert_eq!(site.cells("overall", "all", "agree"), ["6", "50.0000", "18.7616", "81.2384"]);
    // Mean 20/6 = 3.3333, s = √(13.3333/5) = 1.632993, SE 0.666667, t(5) 2.570582 → 1.6196 to
    // 5.0470, clipped to the scale's 5. Unreversed the mean would be 16/6 = 2.6667.
    assert_eq!(site.cells("overall", "all", "agree_mean"), ["6", "3.3333", "1.6196", "5.0000"]);
    let page = site.page("methodology.html");
    assert!(page.contains("1 = strongly agree"), "no reversed-scale note on the methodology page");
}

#[test]
fn an_nps_on_another_scale_is_still_an_error() {
    let p = Project::new("export_scales");
    p.replace("cxsite.yaml", "scale: [1, 10]", "scale: [1, 7]");
    p.build().expect(1).stderr_has(&["is an NPS and so must use the 0–10 scale (or 1–10"]);
    p.assert_nothing_written();
}
