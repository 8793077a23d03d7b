//! A rating in half stars (大众点评's 4.5星): `step: 0.5` reads every half point, so none is
//! dropped, and the figures are those of the values as written. Expected numbers by hand.

use crate::support::*;

/// Eight readable answers in the forms exports write half points, one between two steps and
/// one off the scale.
fn write_stars(dir: &std::path::Path, step: &str) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        format!("title: Stars\nmin_n: 5\njourney:\n  stages:\n    - id: eat\n      name: Eat\n      touchpoints:\n        - {{ id: visit, name: Visit }}\ndatasets:\n  - id: reviews\n    path: data/r.csv\n    touchpoint: visit\n    scores:\n      stars: {{ column: 星级, scale: [1, 5]{step} }}\n"),
    )
    .unwrap();
    let cells = ["5", "4.5", "\"4,5\"", "4", "3.5分", "2", "1.5星", "1", "4.3", "5.5"];
    let csv: String =
        std::iter::once("星级".to_string()).chain(cells.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("\n");
    std::fs::write(dir.join("data/r.csv"), csv + "\n").unwrap();
}

#[test]
fn half_stars_are_read_in_steps_of_a_half_and_shown_in_points() {
    let p = Project::written("stars", |dir| write_stars(dir, ", step: 0.5"));
    p.build().expect(0);
    let m = MetricsCsv::read(&p.public());
    // 5, 4.5, 4.5, 4, 3.5, 2, 1.5, 1: n 8, mean 26 / 8 = 3.25. Squared deviations sum to 16.5,
    // SD² = 16.5 / 7, SE = √(16.5 / 56) = 0.542810; t(7, 0.975) = 2.364624: 3.25 ± 1.283542.
    assert_eq!(m.cells("overall", "all", "stars_mean"), ["8", "3.2500", "1.9665", "4.5335"]);
    // Top box: the top two points, 4 and up (5, 4.5, 4.5, 4): 4 of 8 = 50 %; Wilson at
    // z = 1.959964: 21.5216 – 78.4784.
    assert_eq!(m.cells("overall", "all", "stars"), ["8", "50.0000", "21.5216", "78.4784"]);
    // metrics.json gives the scale in points and its step.
    let json = p.built_json();
    let score = &json["scores"][0];
    assert_eq!(
        (&score["min"], &score["max"], &score["top_box"], &score["step"]),
        (&1.into(), &5.into(), &4.into(), &0.5.into())
    );
    // The distribution names each value in points: 1, 1.5, …, 5 (nine bars, not 2…10).
    let page = p.built("touchpoints/visit.html");
    for v in ["1.5", "4.5", "5"] {
        assert!(page.contains(&format!("<th scope=\"row\">{v}</th>")), "no {v} in the distribution table");
    }
    assert!(!page.contains("<th scope=\"row\">10</th>"), "a value shown in steps, not points");
    assert!(
        p.built("methodology.html").contains("<td data-label=\"scale\">1–5 in steps of 0.5</td>"),
        "no step on the methodology page"
    );
    // The two unusable values say why, by line.
    let quality = p.built("quality.html");
    assert!(quality.contains("not on the scale&#39;s steps of 0.5"), "{quality}");
    assert!(quality.contains("outside the scale 1–5"), "no off-scale reason");
}

#[test]
fn without_a_step_half_stars_are_left_out_with_a_warning_that_names_the_setting() {
    let p = Project::written("stars", |dir| write_stars(dir, ""));
    let run = p.build();
    // 5, 4, 2, 1 are whole; 4.5, 4,5, 3.5分, 1.5星 and 4.3 are not; 5.5 is not either.
    run.expect(0)
        .stderr_has(&["6 of the 10 values of column `星级` (60%) could not be used", "add `step: 0.5` to the score"]);
    assert_eq!(MetricsCsv::read(&p.public()).cells("overall", "all", "stars_mean")[0], "4");
}

#[test]
fn a_step_that_does_not_divide_a_point_or_an_nps_in_steps_is_refused_at_its_line() {
    let p = Project::written("stars", |dir| write_stars(dir, ", step: 0.3"));
    p.check().expect(1).stderr_has(&["cxsite.yaml:14:", "`step: 0.3` of `stars` must divide a point evenly"]);
    let p = Project::written("stars", |dir| write_stars(dir, ", step: 0.5, type: nps"));
    p.replace("cxsite.yaml", "scale: [1, 5]", "scale: [0, 10]");
    p.check().expect(1).stderr_has(&["score `stars` is an NPS, which is asked in whole points 0–10"]);
    let p = Project::written("stars", |dir| write_stars(dir, ", step: 0.01"));
    p.replace("cxsite.yaml", "scale: [1, 5]", "scale: [0, 100]");
    p.check().expect(1).stderr_has(&["in steps of 0.01 has 10001 values, more than the 1000 cxsite counts"]);
}

#[test]
fn a_top_box_and_labels_in_half_points_are_read_on_a_half_point_scale() {
    let p = Project::written("stars", |dir| write_stars(dir, ", step: 0.5, top_box: 4.5, labels: { 四星半: 4.5 }"));
    p.append("data/r.csv", "四星半\n".as_bytes());
    p.build().expect(0);
    // 5, 4.5, 4.5, 4, 3.5, 2, 1.5, 1 and 四星半 (4.5): 9 answers, 4 of them 4.5 or more
    // (44.4444 %); mean (26 + 4.5) / 9 = 3.3889.
    let m = MetricsCsv::read(&p.public());
    assert_eq!(m.cells("overall", "all", "stars")[..2], ["9", "44.4444"]);
    assert_eq!(m.cells("overall", "all", "stars_mean")[..2], ["9", "3.3889"]);
    // Between steps, or a half on a scale of whole points: refused at the line, saying why.
    let p = Project::written("stars", |dir| write_stars(dir, ", step: 0.5, top_box: 4.3"));
    p.check().expect(1).stderr_has(&["cxsite.yaml:14:", "top_box 4.3 is not on the scale's steps of 0.5"]);
    let p = Project::written("stars", |dir| write_stars(dir, ", labels: { 四星半: 4.5 }"));
    p.check()
        .expect(1)
        .stderr_has(&["label `四星半` is 4.5, which is not a whole point of the scale; add `step: 0.5`"]);
}

#[test]
fn a_few_half_stars_among_whole_ones_still_get_the_warning_that_names_the_setting() {
    let p = Project::written("stars", |dir| write_stars(dir, ""));
    // 60 whole stars and the one half: under a twentieth, still worth saying.
    let whole: String = (0..60).map(|i| format!("{}\n", 1 + i % 5)).collect();
    std::fs::write(p.path("data/r.csv"), format!("星级\n{whole}4.5\n")).unwrap();
    p.build()
        .expect(0)
        .stderr_has(&["1 of the 61 values of column `星级` (2%) could not be used", "add `step: 0.5` to the score"]);
}

/// A score column blank on every row (an export of the wrong survey, formulas never
/// calculated): the build says that no row could be used, with the commonest reason, rather
/// than publishing an empty site in silence.
#[test]
fn a_dataset_of_which_no_row_could_be_used_is_warned_of_with_the_commonest_reason() {
    let p = Project::written("stars", |dir| write_stars(dir, ""));
    std::fs::write(p.path("data/r.csv"), "星级,备注\n,a\n,b\n,c\n").unwrap();
    p.build().expect(0).stderr_has(&[
        "data/r.csv: none of the 3 rows read could be used (no answer: 3 rows, e.g. data/r.csv:2",
        "nothing of this dataset is on the site",
    ]);
}
