//! Answers exported as their choice text (`exports_labels`, min_n 3; Excel "CSV UTF-8": BOM,
//! CRLF). Both scores list `na: ["不适用", "N/A"]`. By file line:
//!    1 Response ID, Recorded Date, Channel, Q1 推荐意愿 How likely…?, Q2 满意度, Q3 Comment
//!    2 R_001 app 10 - Extremely likely   5分    很好用
//!    3 R_002 app 9                       4分
//!    4 R_003 web 0 - Not at all likely   1分    页面打不开
//!    5 R_004 web N/A                     不适用          (nothing usable, no comment)
//!    6 R_005 app great                   4分    great app
//!    7 R_006 web 8                       3分
//!    8 R_007 app n/a                     5分            (N/A in lower case)
//!    9 R_008 web 10 - Extremely likely   4 分           (a space before 分)
//!   10 R_009 app 6                       2分

use crate::support::{lf, Project};

const Q1: &str = "Q1 推荐意愿 How likely are you to recommend us?";
const UNKNOWN: &str = "Q1 推荐意愿 How likely are you to recommend us?: not a number and not a listed label";
const WHY: &str = "not a number and not a listed label (add it under `labels:` or `na:`)";

#[test]
fn choice_texts_such_as_10_extremely_likely_and_5分_are_read_as_their_numbers() {
    let site = Project::new("exports_labels").built();
    // NPS answers 10 9 0 8 10 6 (N/A, n/a and `great` are not answers): promoters 3,
    // detractors 2 (the 0 of "0 - Not at all likely", and 6), n 6 → 16.6667; n' = 9, p' = 3.75/9,
    // d' = 2.75/9, centre 11.1111, SE 28.0847. Were `great` read as 0 it would be a detractor:
    // 100·(3 − 3)/7 = 0.
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    // 满意度 5 4 1 4 3 5 4 2 (不适用 left out): 5 of 8 in the top-2 box = 62.5; Wilson
    // centre 58.4449, half 27.8707. Σx 28, Σx² 112: mean 3.5, s 1.414214, SE 0.5, t(7) 2.364624.
    assert_eq!(site.cells("overall", "all", "csat"), ["8", "62.5000", "30.5742", "86.3156"]);
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["8", "3.5000", "2.3177", "4.6823"]);
    // app: NPS 10 9 6 → 33.3333; CSAT 5 4 4 5 2 → 4 of 5 = 80.
    assert_eq!(site.cells("touchpoint", "app", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.cells("touchpoint", "app", "csat"), ["5", "80.0000", "37.5535", "96.3776"]);
    // web: NPS 0 8 10 → 1 and 1 → 0; CSAT 1 3 4 → 1 of 3.
    assert_eq!(site.cells("touchpoint", "web", "nps"), ["3", "0.0000", "-61.1126", "61.1126"]);
    assert_eq!(site.cells("touchpoint", "web", "csat"), ["3", "33.3333", "6.1492", "79.2340"]);
}

#[test]
fn listed_na_values_are_not_applicable_and_unmapped_text_is_a_problem_never_a_zero() {
    let site = Project::new("exports_labels").built();
    let q = site.quality("responses");
    // [valid, blank, not applicable, invalid]. Q1: six numbers, N/A and n/a, and `great`.
    assert_eq!(q.column(Q1), [6, 0, 2, 1]);
    // Q2: eight numbers written with 分, one 不适用.
    assert_eq!(q.column("Q2 满意度"), [8, 0, 1, 0]);
    assert_eq!(q.keys("problems"), [UNKNOWN]);
    let (n, examples) = q.tally("problems", UNKNOWN);
    assert_eq!(n, 1);
    let (place, rest) = examples[0].split_once(&format!(":{Q1}: ")).expect("file:line:column: value — why");
    assert!(place.starts_with("data/responses.csv:"), "{examples:?}");
    assert_eq!(rest, format!("\"great\" — {WHY}"));
    // R_004 has N/A twice and no comment: no answer, left out (not a failure of the data).
    // R_005 keeps its CSAT.
    assert_eq!(q.rows(), [9, 8, 1]);
    assert_eq!(q.tally("rejected_rows", "no answer").0, 1);
}

#[test]
fn the_unmapped_text_example_names_file_line_and_column_then_value_and_why() {
    // Saved with LF line ends: R_005 is on line 6 and R_004 on line 5.
    let p = Project::new("exports_labels");
    p.edit("data/responses.csv", lf);
    let site = p.built();
    let q = site.quality("responses");
    assert_eq!(q.tally("problems", UNKNOWN).1, [format!("data/responses.csv:6:{Q1}: \"great\" — {WHY}")]);
    assert_eq!(
        q.tally("rejected_rows", "no answer").1,
        ["data/responses.csv:5: every score is blank or not applicable and there is no comment"]
    );
}

#[test]
fn the_unmapped_text_example_of_a_crlf_export_names_the_line_a_text_editor_shows() {
    let site = Project::new("exports_labels").built();
    let q = site.quality("responses");
    // Reported today as lines 5 and 4.
    assert_eq!(q.tally("problems", UNKNOWN).1, [format!("data/responses.csv:6:{Q1}: \"great\" — {WHY}")]);
    assert_eq!(
        q.tally("rejected_rows", "no answer").1,
        ["data/responses.csv:5: every score is blank or not applicable and there is no comment"]
    );
}
