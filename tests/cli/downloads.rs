//! CSV injection: text cells a spreadsheet would run get a leading `'` in metrics.csv; numbers
//! never do; metrics.json keeps the raw text (`tests/fixtures/injection`, min_n 1).
//!
//! store values and NPS answers: `=HYPERLINK("http://x")` 10, `-1` 9, `@SUM(A1)` 3, `+44` 8,
//! `Plain` 7, a store whose name already starts with the quote, `'-1`, 0, and `(b)` 5, which
//! sorts after `+44` as read but before `'+44` as written.

use crate::support::Project;

#[test]
fn formula_like_dimension_values_get_a_quote_in_metrics_csv_and_stay_raw_in_metrics_json() {
    let p = Project::new("injection");
    let m = p.built_metrics();
    // Each store has one answer: 10 and 9 are promoters (100), 3 a detractor (−100), 8 and 7
    // passives (0).
    assert_eq!(m.cells("store", "'=HYPERLINK(\"http://x\")", "nps")[..2], ["1", "100.0000"]);
    assert_eq!(m.cells("store", "'-1", "nps")[..2], ["1", "100.0000"]);
    assert_eq!(m.cells("store", "'@SUM(A1)", "nps")[..2], ["1", "-100.0000"]);
    assert_eq!(m.cells("store", "'+44", "nps")[..2], ["1", "0.0000"]);
    assert_eq!(m.cells("store", "Plain", "nps")[..2], ["1", "0.0000"]);
    // A name that starts with the quote gets one more, so `-1` and `'-1` stay two groups
    // (both had been written `'-1`), and the rows are in byte order as written.
    assert_eq!(m.cells("store", "''-1", "nps")[..2], ["1", "-100.0000"]);
    assert_eq!(m.rows.iter().filter(|r| r.dimension == "store" && r.group == "'-1" && r.metric == "nps").count(), 1);
    let keys: Vec<(&str, &str, &str)> =
        m.rows.iter().map(|r| (r.dimension.as_str(), r.group.as_str(), r.metric.as_str())).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted as written, each row once");
    // Numbers are never prefixed: the −100 and the negative interval bounds stay numbers.
    let r = m.row("store", "'@SUM(A1)", "nps");
    assert!(r.value.starts_with('-') && r.ci_low.starts_with('-'), "{r:?}");
    // No cell of the file starts with a character a spreadsheet would run.
    for r in &m.rows {
        for text in [&r.dimension, &r.group, &r.metric] {
            assert!(!text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']), "unsafe text cell {text:?}");
        }
    }

    let json = crate::support::read_json(&p.public());
    let mut groups: Vec<&str> = json["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["dimension"] == "store")
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    groups.sort_unstable();
    groups.dedup();
    assert_eq!(groups, ["'-1", "(b)", "+44", "-1", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "Plain"]);
}
