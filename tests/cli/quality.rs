//! Bad values in a good file (`tests/fixtures/quality`, min_n 1): blanks, listed N/A values,
//! out-of-scale values, text labels, unknown text, unreadable dates and unknown touchpoints.
//! Each is counted in metrics.json's `quality` and none is counted as an answer.
//!
//! data/survey.csv, by file line (the header is line 1):
//!   2 Q1 2024-03-01 web   10  5
//!   3 Q2 2024-03-02 web   ''  4          nps blank
//!   4 Q3 2024-03-03 web   N/A 3          nps not applicable (`na: ["N/A"]`)
//!   5 Q4 2024-03-04 web   11  非常满意    nps out of 0–10; csat label → 5
//!   6 Q5 yesterday  web   9   满意        unreadable date; csat label → 4
//!   7 Q6 2024-03-06 kiosk 0   1          touchpoint not in the journey: whole row rejected
//!   8 Q7 2024-03-07 web   6   great      csat neither a number nor a label
//!   9 Q8 2024-03-08 web   -1  0          both out of scale: no usable score, row rejected
//!  10 Q9 2024-03-09 web   7   6          csat out of 1–5

use serde_json::Value;

use crate::support::{MetricsCsv, Project};

fn survey_quality(json: &Value) -> &Value {
    let d = &json["quality"]["datasets"][0];
    assert_eq!(d["id"], "survey");
    d
}

/// Splits a `file:row:column: value — why` example into its parts (value without quotes).
#[track_caller]
fn parts(example: &str) -> (String, u64, String, String, String) {
    let (left, why) = example.split_once(" — ").unwrap_or_else(|| panic!("{example:?} has no ` — why`"));
    let (loc, value) = left.split_once(": ").unwrap_or_else(|| panic!("{example:?} has no `: value`"));
    let loc: Vec<&str> = loc.splitn(3, ':').collect();
    assert_eq!(loc.len(), 3, "{example:?} does not start with file:row:column");
    let row = loc[1].parse().unwrap_or_else(|_| panic!("{example:?}: row {:?} is not a number", loc[1]));
    assert!(!why.trim().is_empty(), "{example:?} does not say why");
    (loc[0].to_string(), row, loc[2].to_string(), value.trim_matches('"').to_string(), why.to_string())
}

#[test]
fn skipped_values_are_counted_per_column_in_metrics_json() {
    let json = Project::new("quality").built_json();
    let q = survey_quality(&json);
    let col = |c: &str| {
        let x = &q["columns"][c];
        [&x["valid"], &x["blank"], &x["not_applicable"], &x["invalid"]].map(|v| v.as_u64().unwrap_or(u64::MAX))
    };
    // Rows of the rejected Q6 (kiosk) are not read further. recommend: valid Q1 Q5 Q7 Q9 = 4,
    // blank Q2 = 1, N/A Q3 = 1, invalid Q4 (11) Q8 (−1) = 2.
    assert_eq!(col("recommend"), [4, 1, 1, 2]);
    // satisfaction: valid Q1 Q2 Q3 Q4 (label) Q5 (label) = 5; invalid Q7 great, Q8 0, Q9 6 = 3.
    assert_eq!(col("satisfaction"), [5, 0, 0, 3]);
    // submitted_at: 7 readable, Q5 `yesterday` not.
    assert_eq!(col("submitted_at"), [7, 0, 0, 1]);
    // touchpoint: 8 known, Q6 `kiosk` not.
    assert_eq!(col("touchpoint"), [8, 0, 0, 1]);

    let count = |section: &str, key: &str| {
        q[section][key]["count"].as_u64().unwrap_or_else(|| panic!("no {section}.{key} in {q:#}"))
    };
    assert_eq!(count("problems", "recommend: outside the scale 0–10"), 2); // 11, −1
    assert_eq!(count("problems", "satisfaction: outside the scale 1–5"), 2); // 0, 6
    assert_eq!(count("problems", "satisfaction: not a number and not a listed label"), 1); // great
    assert_eq!(count("problems", "submitted_at: unreadable date"), 1); // yesterday
    assert_eq!(count("rejected_rows", "touchpoint not in the journey"), 1); // kiosk
    assert_eq!(count("rejected_rows", "no usable score or comment"), 1); // Q8
                                                                         // 9 rows read = 7 used + 2 rejected (Q6, Q8).
    assert_eq!([&q["rows_read"], &q["rows_used"], &q["rows_rejected"]], [9, 7, 2]);
    assert_eq!([&q["rows_failed"], &q["rows_left_out"]], [2, 0], "{q:#}");
}

#[test]
fn skipped_values_are_never_counted_as_answers() {
    let p = Project::new("quality");
    let m = p.built_metrics();
    // NPS answers: Q1 10, Q5 9, Q7 6, Q9 7 → n = 4 (not Q2 blank, Q3 N/A, Q4 11, Q6 kiosk, Q8 −1).
    // 2 promoters, 1 detractor: NPS = 100·(2 − 1)/4 = 25; adjusted Wald n' = 7, p' = 2.75/7,
    // d' = 1.75/7, centre 14.2857, SE 29.8197 → −44.1598 … 72.7312.
    assert_eq!(m.cells("overall", "all", "nps"), ["4", "25.0000", "-44.1598", "72.7312"]);
    // The −1 and 11 are not clipped to 0 and 10: with them NPS would be 100·(3 − 2)/6.
    assert_eq!(m.cells("touchpoint", "web", "nps")[0], "4");
    // The kiosk row is rejected whole: no group of it anywhere.
    assert!(m.rows.iter().all(|r| !r.group.contains("kiosk")), "{:?}", m.groups("touchpoint"));
}

#[test]
fn text_labels_are_read_as_their_scale_value() {
    let m = Project::new("quality").built_metrics();
    // CSAT answers: Q1 5, Q2 4, Q3 3, Q4 非常满意 = 5, Q5 满意 = 4 → n = 5 (great, 0, 6 skipped).
    // Top-2 box (4–5): 4 of 5 = 80 %; Wilson centre 66.9655, half-width 29.4121.
    assert_eq!(m.cells("overall", "all", "csat"), ["5", "80.0000", "37.5535", "96.3776"]);
    // Mean (5 + 4 + 3 + 5 + 4)/5 = 21/5 = 4.2; Σx² = 91, s = 0.836660, SE 0.374166,
    // t(4) = 2.776445 → 4.2 ∓ 1.0389 = 3.1611 … 5.2389, and a mean cannot pass the top of
    // its 1–5 scale, so the upper bound is clipped to 5.
    assert_eq!(m.cells("overall", "all", "csat_mean"), ["5", "4.2000", "3.1611", "5.0000"]);
}

#[test]
fn unreadable_dates_are_counted_and_keep_the_answer_out_of_every_period() {
    let m = Project::new("quality").built_metrics();
    assert_eq!(m.groups("period"), ["2024-03"]);
    // March NPS answers: Q1 10, Q7 6, Q9 7 = 3 (Q5's 9 has no date): 1 promoter, 1 detractor → 0.
    assert_eq!(m.cells("period", "2024-03", "nps")[..2], ["3", "0.0000"]);
    // …while overall still counts Q5: 4 answers.
    assert_eq!(m.cells("overall", "all", "nps")[0], "4");
}

#[test]
fn quality_examples_name_file_row_and_column_then_value_and_why() {
    let json = Project::new("quality").built_json();
    let q = survey_quality(&json);
    let examples = |section: &str, key: &str| -> Vec<(String, u64, String, String)> {
        q[section][key]["examples"]
            .as_array()
            .unwrap_or_else(|| panic!("no examples for {section}.{key}"))
            .iter()
            .map(|e| {
                let (file, row, col, value, _why) = parts(e.as_str().unwrap());
                (file, row, col, value)
            })
            .collect()
    };
    let ex =
        |row: u64, col: &str, value: &str| ("data/survey.csv".to_string(), row, col.to_string(), value.to_string());
    assert_eq!(
        examples("problems", "recommend: outside the scale 0–10"),
        [ex(5, "recommend", "11"), ex(9, "recommend", "-1")]
    );
    assert_eq!(
        examples("problems", "satisfaction: outside the scale 1–5"),
        [ex(9, "satisfaction", "0"), ex(10, "satisfaction", "6")]
    );
    assert_eq!(
        examples("problems", "satisfaction: not a number and not a listed label"),
        [ex(8, "satisfaction", "great")]
    );
    assert_eq!(examples("problems", "submitted_at: unreadable date"), [ex(6, "submitted_at", "yesterday")]);
    assert_eq!(examples("rejected_rows", "touchpoint not in the journey"), [ex(7, "touchpoint", "kiosk")]);
    // Every other example of the report has the same form too.
    for section in ["problems", "rejected_rows"] {
        for (key, t) in q[section].as_object().unwrap() {
            for e in t["examples"].as_array().unwrap() {
                let e = e.as_str().unwrap();
                assert!(e.starts_with("data/survey.csv:"), "{section}.{key}: {e:?}");
            }
        }
    }
}

#[test]
fn strict_build_fails_on_skipped_values_and_writes_nothing() {
    let p = Project::new("quality");
    p.run(["build".as_ref(), p.dir.as_os_str(), "--strict".as_ref()]).expect(1).stderr_has(&[
        "--strict",
        "recommend: outside the scale 0–10",
        "touchpoint not in the journey",
    ]);
    assert!(!p.public().exists(), "a failed strict build wrote {}", p.public().display());
    // Without --strict the same project builds.
    let m: MetricsCsv = p.built_metrics();
    assert_eq!(m.cells("overall", "all", "nps")[0], "4");
}

/// A report's footer (Salesforce: a blank line, `Grand Totals (n records)`, a copyright and
/// who generated it) is left out as lines of one cell, not as responses without a score; a
/// row of a respondent's id alone is still a response with no answer, and the footer's words
/// are not counted in any column.
#[test]
fn a_reports_footer_is_named_as_such_and_an_id_alone_is_a_response_without_answers() {
    let p = Project::new("basic");
    p.append(
        "data/survey.csv",
        b"B9\n\n\"Grand Totals (7 records)\"\n\n\"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.\",,,,,,\nGenerated By:  Jane Doe  12/1/2025 9:14 AM\n",
    );
    let json = p.built_json();
    let q = survey_quality(&json);
    // Lines 8 (B9), 9 blank, 10 totals, 11 blank, 12 copyright (written with its commas), 13.
    assert_eq!(q["rows_read"], 12, "{q:#}");
    assert_eq!(q["rows_used"], 6, "{q:#}");
    let tally = |key: &str| &q["rejected_rows"][key];
    assert_eq!(tally("a line of one cell")["count"], 3, "{q:#}");
    assert_eq!(tally("empty row")["count"], 2, "{q:#}");
    // The id alone: every score blank, no comment, so no answer (not a failure of the data).
    assert_eq!(tally("no answer")["count"], 1, "{q:#}");
    assert_eq!(
        tally("a line of one cell")["examples"][0],
        "data/survey.csv:10: \"Grand Totals (7 records)\" — a line of one cell under a header of 7 columns: a report's title, total or footer, not a response"
    );
    // The footer's words are no resp_id, date or touchpoint read or found wanting.
    assert_eq!(q["columns"]["submitted_at"]["invalid"], 0, "{q:#}");
    assert_eq!(q["columns"]["touchpoint"]["invalid"], 0, "{q:#}");
}

#[test]
fn a_score_column_of_labels_none_of_which_is_configured_warns_and_fails_under_strict() {
    // Five answers written as words, `labels:` missing: 5 values, 0 usable.
    let p = Project::written("labels", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: Labels\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\ndatasets:\n  - id: survey\n    path: data/s.csv\n    touchpoint: web\n    scores:\n      csat: { column: sat, scale: [1, 5] }\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("data/s.csv"),
            "sat\nVery satisfied\nSatisfied\nVery satisfied\nNeutral\nDissatisfied\n",
        )
        .unwrap();
    });
    p.build().expect(0).stderr_has(&[
        "none of the 5 values of column `sat` could be used (not a number and not a listed label, e.g. data/s.csv:2:sat: \"Very satisfied\"",
        "list them under the score's `labels:`",
    ]);
    p.run(["build", "--strict", "labels"])
        .expect(1)
        .stderr_has(&["--strict: 5 × sat: not a number and not a listed label"]);
    // Percents on a 1–5 scale: the reason says what reads them; no labels hint.
    std::fs::write(p.dir.join("data/s.csv"), "sat\n80%\n60%\n100%\n").unwrap();
    let run = p.build();
    run.expect(0).stderr_has(&[
        "none of the 3 values of column `sat` could be used (a percentage, read as its number only on `scale: [0, 100]`",
    ]);
    run.stderr_lacks(&["`labels:`"]);
}

#[test]
fn cells_a_numeric_segment_rule_cannot_read_are_counted_with_their_first_row_and_column() {
    // `age >= 18` over 18-24 (line 2), 30, "$2,000" (line 4), 45 and 18-24 again (line 6,
    // whose segments are remembered from line 2): three cells are no number, so the rule
    // cannot tell for them; Adult holds the other two answers.
    let p = Project::written("ages", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: Ages\nmin_n: 1\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\nsegments:\n  - { id: adult, name: Adult, when: \"age >= 18\" }\ndatasets:\n  - id: survey\n    path: data/s.csv\n    touchpoint: web\n    scores:\n      nps: { column: rec }\n",
        )
        .unwrap();
        std::fs::write(dir.join("data/s.csv"), "age,rec\n18-24,9\n30,10\n\"$2,000\",5\n45,7\n18-24,8\n").unwrap();
    });
    p.build().expect(0);
    let json = p.built_json();
    let problem = &json["quality"]["datasets"][0]["problems"]["age: not a number for segment `adult`"];
    assert_eq!(problem["count"], 3, "{problem}");
    assert_eq!(problem["examples"][0], "data/s.csv:2:age: \"18-24\" — not a number, so segment `adult` cannot tell");
    assert_eq!(p.built_metrics().row("segment", "adult", "nps").n, "2");
    assert!(p.built("quality.html").contains("not a number for segment <code>adult</code>"));
}

/// Two columns of one name (`rating`, `rating`) and a column under a blank header cell are each
/// counted and named apart, by position as cxsite.yaml names them: the data-quality table
/// showed one `rating` row holding the second column's counts, and the blank one as ``.
#[test]
fn columns_of_one_name_or_none_are_counted_apart_and_named_by_position() {
    let p = Project::written("same-names", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: Same names\njourney:\n  stages:\n    - id: s\n      name: S\n      touchpoints:\n        - { id: t, name: T }\n        - { id: u, name: U }\n        - { id: v, name: V }\ndatasets:\n  - id: s\n    path: data/s.csv\n    format: wide\n    columns:\n      date: date\n    touchpoint_scores:\n      - { metric: csat, scale: [1, 5], columns: { t: $2, u: $3, v: $4 } }\n",
        )
        .unwrap();
        // 12 rows. $2 `rating`: all 12 valid. $3 `rating`: every third row answered (4 valid,
        // 8 blank). $4 (no name): odd rows `bad` (6 invalid), even rows a score (6 valid).
        let mut csv = String::from("date,rating,rating,\n");
        for i in 0..12 {
            let third = if i % 3 == 0 { "4" } else { "" };
            let last = if i % 2 == 1 { "bad" } else { "5" };
            csv += &format!("2024-03-{:02},{},{third},{last}\n", i + 1, 1 + i % 5);
        }
        std::fs::write(dir.join("data/s.csv"), csv).unwrap();
    });
    let json = p.built_json();
    let q = &json["quality"]["datasets"][0];
    let col = |c: &str| {
        let x = &q["columns"][c];
        [&x["valid"], &x["blank"], &x["invalid"]].map(|v| v.as_u64().unwrap_or(u64::MAX))
    };
    assert_eq!(col("rating ($2)"), [12, 0, 0], "{q:#}");
    assert_eq!(col("rating ($3)"), [4, 8, 0], "{q:#}");
    assert_eq!(col("$4"), [6, 0, 6], "{q:#}");
    assert!(q["columns"].get("rating").is_none() && q["columns"].get("").is_none(), "{q:#}");
    let example = q["problems"]["$4: not a number and not a listed label"]["examples"][0].as_str().unwrap_or_default();
    assert!(example.starts_with("data/s.csv:3:$4: \"bad\""), "{example}");
}

/// A reviewer called `Max` or `Min` with a comment is a response (no sum or average has a
/// comment), and so, in a file without dates, is a row whose label names all groups
/// (`Overall,9` is as likely an aspect rated 9). Without a comment, `Mean` is still a totals row.
#[test]
fn a_reviewer_called_max_and_an_undated_overall_are_responses() {
    let p = Project::written("max-min", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: Reviews\nmin_n: 1\ncomplementary_suppression: false\njourney:\n  stages:\n    - id: s\n      name: S\n      touchpoints:\n        - { id: t, name: T }\ndatasets:\n  - id: r\n    path: data/r.csv\n    touchpoint: t\n    columns: { comment: review }\n    scores:\n      stars: { column: stars, scale: [1, 5] }\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("data/r.csv"),
            "reviewer,stars,review\nMax,5,Lovely shop and friendly staff\nMin,4,Good value\nJane,1,bad\nOverall,3,\nMean,3,\n",
        )
        .unwrap();
    });
    let m = p.built_metrics();
    // Max 5, Min 4, Jane 1, Overall 3: n 4, top-2 box 2 of 4 = 50 %, mean 13 / 4 = 3.25.
    assert_eq!(m.cells("overall", "all", "stars")[..2], ["4", "50.0000"]);
    assert_eq!(m.cells("overall", "all", "stars_mean")[..2], ["4", "3.2500"]);
    let json = p.built_json();
    let q = &json["quality"]["datasets"][0];
    assert_eq!([&q["rows_read"], &q["rows_used"], &q["rows_rejected"]], [5, 4, 1], "{q:#}");
    let rejected = q["rejected_rows"].to_string();
    assert!(rejected.contains("r.csv:6") && !rejected.contains("r.csv:2"), "{rejected}");
}
