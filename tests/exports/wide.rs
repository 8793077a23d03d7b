//! A wide export (`exports_wide`, min_n 5): one row per passenger, in the shape of the public
//! "Airline Passenger Satisfaction" data, with pandas' unnamed index column first. Five
//! services rated 1–5 with 0 = not applicable (`na: [0]`); the outcome `satisfaction` written
//! as text and read with `labels: { satisfied: 1, "neutral or dissatisfied": 0 }`, `scale: [0, 1]`
//! (score id `satisfied`, the loyalty measure). By file line (index, Class, Type of Travel):
//!
//!   line idx class    travel    wifi boarding seat ent baggage satisfaction
//!    2    0  Eco Plus personal   3     3       5    5    4     neutral or dissatisfied
//!    3    1  Business business   3     3       1    1    3     neutral or dissatisfied
//!    4    2  Business business   0     5       5    5    4     satisfied
//!    5    3  Business business   2     2       2    2    3     neutral or dissatisfied
//!    6    4  Business business   3     5       5    3    4     satisfied
//!    7    5  Eco      personal   3     2       1    0    4     neutral or dissatisfied
//!    8    6  Eco      personal   2     2       2    2    3     neutral or dissatisfied
//!    9    7  Business business   0     5       5    5    5     Satisfied (capital S)
//!   10    8  Business business   1     3       3    1    1     neutral or dissatisfied
//!   11    9  Eco      business   3     3       3    2    0     neutral or dissatisfied
//!   12   10  Eco      business   0     0       0    0    0     (blank)
//!   13   11  Eco      personal   0     4       4    5    5     satisfied

use crate::support::Project;

#[test]
fn each_touchpoint_column_of_a_wide_file_gets_its_csat_and_zeros_are_not_answers() {
    let site = Project::new("exports_wide").built();
    // Inflight wifi: 3 3 2 3 3 2 1 3 (four 0s left out), n 8: none in the top-2 box → 0 %;
    // Wilson 0 … z²/(n + z²) = 3.841459/11.841459 = 32.4408 %.
    assert_eq!(site.cells("touchpoint", "wifi", "csat"), ["8", "0.0000", "0.0000", "32.4408"]);
    // Σx 20, Σx² 54: mean 2.5, s 0.755929, SE 0.267261, t(7) 2.364624.
    assert_eq!(site.cells("touchpoint", "wifi", "csat_mean"), ["8", "2.5000", "1.8680", "3.1320"]);
    // Online boarding: 3 3 5 2 5 2 2 5 3 3 4 (line 12's 0 left out), n 11: 4 of 11 = 36.3636;
    // Wilson centre 39.8932, half-width 24.7267. Σx 37, Σx² 139: mean 3.3636, SE 0.363636, t(10) 2.228139.
    assert_eq!(site.cells("touchpoint", "boarding", "csat"), ["11", "36.3636", "15.1665", "64.6199"]);
    assert_eq!(site.cells("touchpoint", "boarding", "csat_mean"), ["11", "3.3636", "2.5534", "4.1739"]);
    // Seat comfort: 5 1 5 2 5 1 2 5 3 3 4, n 11: 5 of 11 = 45.4545; Wilson centre 46.6311, half 25.3598.
    assert_eq!(site.cells("touchpoint", "seat", "csat"), ["11", "45.4545", "21.2713", "71.9908"]);
    // Inflight entertainment: 5 1 5 2 3 2 5 1 2 5 (lines 7 and 12 are 0), n 10: 4 of 10 = 40.
    assert_eq!(site.cells("touchpoint", "entertainment", "csat"), ["10", "40.0000", "16.8180", "68.7326"]);
    // Baggage handling: 4 3 4 3 4 4 3 5 1 5 (lines 11 and 12 are 0), n 10: 6 of 10 = 60;
    // Σx 36, Σx² 142: mean 3.6, s 1.173788, SE 0.371184, t(9) 2.262157.
    assert_eq!(site.cells("touchpoint", "baggage", "csat"), ["10", "60.0000", "31.2674", "83.1820"]);
    assert_eq!(site.cells("touchpoint", "baggage", "csat_mean"), ["10", "3.6000", "2.7603", "4.4397"]);
    // Stages pool their touchpoints' ratings: ground = boarding + baggage = 11 + 10 = 21
    // ratings, 4 + 6 = 10 in the top box; in flight = 8 + 11 + 10 = 29 ratings, 0 + 5 + 4 = 9.
    assert_eq!(site.cells("stage", "ground", "csat"), ["21", "47.6190", "28.3440", "67.6305"]);
    assert_eq!(site.cells("stage", "inflight", "csat"), ["29", "31.0345", "17.2756", "49.2301"]);
    // Overall CSAT is every rating: 50 ratings, 19 in the top box = 38 %; Σx 160 → mean 3.2.
    assert_eq!(site.cells("overall", "all", "csat"), ["50", "38.0000", "25.8628", "51.8496"]);
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["50", "3.2000", "2.8148", "3.5852"]);
}

#[test]
fn not_applicable_zeros_are_counted_per_column_of_a_wide_file() {
    let site = Project::new("exports_wide").built();
    let q = site.quality("passengers");
    // [valid, blank, not applicable, invalid], counting all 12 rows (line 12 is rejected whole
    // afterwards, but its cells were read). Zeros: wifi on lines 4 9 12 13, boarding and seat
    // on line 12, entertainment on 7 and 12, baggage on 11 and 12; the outcome is blank on 12.
    assert_eq!(q.column("Inflight wifi service"), [8, 0, 4, 0]);
    assert_eq!(q.column("Online boarding"), [11, 0, 1, 0]);
    assert_eq!(q.column("Seat comfort"), [11, 0, 1, 0]);
    assert_eq!(q.column("Inflight entertainment"), [10, 0, 2, 0]);
    assert_eq!(q.column("Baggage handling"), [10, 0, 2, 0]);
    assert_eq!(q.column("satisfaction"), [11, 1, 0, 0]);
    // A 0 is not applicable, not a problem: nothing was skipped as invalid.
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    // Line 12 has only not-applicable ratings and no outcome: no answer, left out.
    assert_eq!(q.rows(), [12, 11, 1]);
    assert_eq!(
        q.tally("rejected_rows", "no answer"),
        (1, vec!["data/passengers.csv:12: every score is blank or not applicable and there is no comment"])
    );
}

#[test]
fn the_outcome_written_as_text_labels_is_the_share_of_satisfied_passengers() {
    let site = Project::new("exports_wide").built();
    // satisfaction: satisfied on lines 4 6 9 (`Satisfied`: labels ignore case) 13 → 4 of 11
    // answers (line 12 blank) = 36.3636 %; Wilson centre 39.8932, half-width 24.7267.
    assert_eq!(site.cells("overall", "all", "satisfied"), ["11", "36.3636", "15.1665", "64.6199"]);
    // On the 0–1 scale the mean would be the same share over again: no `satisfied_mean` row
    // (issue 12: no meaningless derived rows).
    assert!(!site.rows.iter().any(|r| r.metric == "satisfied_mean"));
    // Business class: lines 3 4 5 6 9 10 → 3 of 6 satisfied = 50 %; Wilson centre 50, half 31.2384.
    assert_eq!(site.cells("segment", "class:Business", "satisfied"), ["6", "50.0000", "18.7616", "81.2384"]);
    // Business travel (rule on a column name with spaces): lines 3–6 9–11 (12 has no
    // outcome) → 3 of 7 = 42.8571; Wilson centre 45.3881, half-width 29.5661.
    assert_eq!(site.cells("segment", "business_travel", "satisfied"), ["7", "42.8571", "15.8220", "74.9542"]);
    // Eco: lines 7 8 11 13 → 1 of 4, below min_n 5: no number.
    assert_eq!(site.cells("segment", "class:Eco", "satisfied"), ["4", "", "", ""]);
    // …while its 17 touchpoint ratings are enough: 5 of 17 in the top box = 29.4118.
    assert_eq!(site.cells("segment", "class:Eco", "csat"), ["17", "29.4118", "13.2800", "53.1331"]);
}

#[test]
fn a_from_column_segment_names_its_column_by_position_or_in_any_case_as_scores_do() {
    // `Class` is the file's 7th column. `init --from-csv` writes `$N` for a column under a
    // blank or repeated header cell, and a hand-written `class` should find `Class`.
    for named in ["\"$7\"", "class"] {
        let p = Project::new("exports_wide");
        p.replace("cxsite.yaml", "from_column: Class,", &format!("id: class, from_column: {named},"));
        let site = p.built();
        // As above: Business 3 of 6 satisfied; Eco 17 touchpoint ratings, 5 in the top box.
        assert_eq!(site.cells("segment", "class:Business", "satisfied"), ["6", "50.0000", "18.7616", "81.2384"]);
        assert_eq!(site.cells("segment", "class:Eco", "csat"), ["17", "29.4118", "13.2800", "53.1331"]);
    }
}

#[test]
fn a_pandas_export_writing_ratings_as_3_0_and_0_0_gives_the_same_numbers() {
    // pandas writes a column holding any missing value as floats: 3.0, 0.0. docs/config.md
    // reads `7.0` as 7, so `na: [0]` should match `0.0` too. Today every 0.0 becomes
    // "outside the scale 1–5" (an invalid value, and `--strict` fails) instead of N/A.
    let p = Project::new("exports_wide");
    p.edit("data/passengers.csv", |bytes| {
        let text = String::from_utf8(bytes).unwrap();
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            let cells: Vec<String> = line
                .split(',')
                .enumerate()
                .map(|(c, v)| if i > 0 && (8..=12).contains(&c) { format!("{v}.0") } else { v.to_string() })
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out.into_bytes()
    });
    let site = p.built();
    let q = site.quality("passengers");
    assert_eq!(q.column("Inflight wifi service"), [8, 0, 4, 0]);
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    assert_eq!(site.cells("touchpoint", "wifi", "csat"), ["8", "0.0000", "0.0000", "32.4408"]);
    assert_eq!(site.cells("overall", "all", "csat"), ["50", "38.0000", "25.8628", "51.8496"]);
}
