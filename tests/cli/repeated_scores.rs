//! A respondent-level score (likelihood to recommend) repeated on every touchpoint row of a
//! respondent in long data, as Medallia-style exports write it: cxsite counts it once per
//! row, so the respondents with more rows weigh more. It is found and reported.
//!
//! The data (worked by hand): 200 respondents, R1–R35 promoters (nps 9) who rated all 5
//! touchpoints, R36–R159 detractors (124, nps 3) and R160–R200 passives (41, nps 7) with one
//! row each. Rows: 35 × 5 + 165 = 340. Per row, NPS = (175 − 124) / 340 = 15.0; per respondent
//! it is (35 − 124) / 200 = −44.5. csat is a per-touchpoint rating: it varies over a
//! promoter's rows.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::Path;

use crate::support::{build_on_threads, read_json, Project};

const TOUCHPOINTS: [&str; 5] = ["web", "app", "shop", "phone", "mail"];

fn yaml(dir: &Path) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        r#"title: Repeated
min_n: 5
journey:
  stages:
    - id: all
      name: All
      touchpoints: [{ id: web, name: Web }, { id: app, name: App }, { id: shop, name: Shop }, { id: phone, name: Phone }, { id: mail, name: Mail }]
datasets:
  - id: survey
    path: data/survey.csv
    columns: { respondent: id, touchpoint: tp }
    scores:
      nps: { column: ltr }
      csat: { column: csat, scale: [1, 5] }
"#,
    )
    .unwrap();
}

/// `several` respondents with 5 rows each; of those, the first `constant` give one nps on all
/// their rows, the others 9 then 10; then `single` respondents with one row (nps 3).
fn project(several: usize, constant: usize, single: usize) -> Project {
    Project::written("p", |dir| {
        yaml(dir);
        let mut csv = String::from("id,tp,ltr,csat\n");
        for r in 0..several {
            for (t, tp) in TOUCHPOINTS.iter().enumerate() {
                let ltr = if r < constant || t == 0 { 9 } else { 10 };
                let _ = writeln!(csv, "R{r},{tp},{ltr},{}", 1 + (r + t) % 5);
            }
        }
        for r in 0..single {
            let _ = writeln!(csv, "S{r},web,3,{}", 1 + r % 5);
        }
        std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
    })
}

/// The brief's case: 35 promoters × 5 rows, 124 detractors and 41 passives × 1 row.
fn medallia() -> Project {
    Project::written("p", |dir| {
        yaml(dir);
        let mut csv = String::from("id,tp,ltr,csat\n");
        for r in 1..=200 {
            let (ltr, tps) = match r {
                1..=35 => (9, &TOUCHPOINTS[..]),
                36..=159 => (3, &TOUCHPOINTS[..1]),
                _ => (7, &TOUCHPOINTS[..1]),
            };
            for (t, tp) in tps.iter().enumerate() {
                let _ = writeln!(csv, "R{r},{tp},{ltr},{}", 1 + (r + t) % 5);
            }
        }
        std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
    })
}

#[test]
fn a_score_repeated_on_every_row_of_a_respondent_is_a_warning_with_its_counts() {
    let p = medallia();
    let run = p.build();
    run.expect(0).stderr_has(&[
        "data/survey.csv repeats score `nps` (column `ltr`) on every row of a respondent",
        "35 of the 35 respondents with more than one row",
        "(340 rows from 200 respondents)",
        "one row per respondent",
    ]);
    // csat differs between a respondent's touchpoints: not flagged.
    run.stderr_lacks(&["score `csat`"]);
    let metrics = crate::support::MetricsCsv::read(&p.public());
    // Still counted per row (the warning says so): n 340, (175 − 124) / 340 = 15.0.
    assert_eq!(metrics.row("overall", "all", "nps").n, "340");
    assert!((metrics.value("overall", "all", "nps") - 15.0).abs() < 1e-9);
    let json = read_json(&p.public());
    let d = &json["quality"]["datasets"][0];
    assert_eq!(
        d["repeated_scores"],
        serde_json::json!([{ "score": "nps", "column": "ltr", "rows": 340, "respondents": 200,
            "respondents_with_several_rows": 35, "constant": 35 }])
    );
    let warnings = json["quality"]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().contains("repeats score `nps`")), "{warnings:?}");
    let page = p.built("quality.html");
    assert!(page.contains("repeats score"), "the quality page lacks the warning");

    let check = p.check();
    check.expect(0);
    assert!(check.stdout.contains("repeats score `nps`"), "{}", check.stdout);
    let strict = p.run([OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--strict")]);
    strict.expect(1).stderr_has(&["--strict", "repeats score `nps`"]);
}

#[test]
fn the_quality_page_says_it_in_chinese() {
    let p = medallia();
    p.replace("cxsite.yaml", "min_n: 5", "min_n: 5\nlocale: zh-CN");
    p.build().expect(0);
    let page = p.built("quality.html");
    assert!(!page.contains("repeats score"), "English left on the zh-CN page");
    assert!(page.contains("每一行") && page.contains("ltr"), "the zh-CN quality page lacks the warning");
}

#[test]
fn the_thresholds_keep_per_touchpoint_ratings_that_happen_to_repeat_unflagged() {
    // 19 respondents with several rows, all constant: too few to tell.
    let few = project(19, 19, 100);
    few.build().expect(0).stderr_lacks(&["repeats score"]);
    // 20, all constant: flagged (20 × 5 + 100 = 200 rows from 120 respondents).
    let enough = project(20, 20, 100);
    enough.build().expect(0).stderr_has(&["20 of the 20 respondents", "(200 rows from 120 respondents)"]);
    // 40 with several rows, 38 constant = 95%: flagged; 37 (92.5%): not.
    project(40, 38, 0).build().expect(0).stderr_has(&["38 of the 40 respondents", "(200 rows from 40 respondents)"]);
    project(40, 37, 0).build().expect(0).stderr_lacks(&["repeats score"]);
}

#[test]
fn wide_data_and_data_without_respondent_ids_are_not_checked() {
    let p = medallia();
    p.replace("cxsite.yaml", "{ respondent: id, touchpoint: tp }", "{ touchpoint: tp }");
    p.build().expect(0).stderr_lacks(&["repeats score"]);
}

#[test]
fn the_report_is_the_same_whatever_the_threads() {
    let p = project(300, 290, 100_000);
    let mut reports = Vec::new();
    for threads in ["1", "2"] {
        let out = p.tmp().join(format!("out{threads}"));
        build_on_threads(p.tmp(), &p.dir, &out, threads).expect(0);
        reports.push(read_json(&out)["quality"].clone());
    }
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0]["datasets"][0]["repeated_scores"][0]["constant"], 290);
    assert_eq!(reports[0]["datasets"][0]["repeated_scores"][0]["rows"], 101_500);
}
