//! The project every escaping case starts from: one long survey whose every free-text cell
//! can carry a hostile value — store and region (dimensions), tier (a `from_column`
//! segment), comment, and one row each with the value as its touchpoint, date and score
//! (rejected or skipped, so it is shown as an example on the data-quality page).

use crate::support::{csv_bytes, Proj};

/// `min_n: 1`, so that every group shows its number and comments; a base URL, so that pages
/// carry `og:url`. Three touchpoints in two stages; NPS (the loyalty outcome) and CSAT in the
/// same rows, so the key-driver page exists.
pub const YAML: &str = r#"title: "Hostile values"
min_n: 1
base_url: "https://cx.example.com/site"
journey:
  stages:
    - id: aware
      name: Aware
      touchpoints:
        - { id: ad, name: Social ad, channel: online }
    - id: buy
      name: Buy
      touchpoints:
        - { id: web, name: Website, channel: online }
        - { id: store, name: Store, channel: store }
segments:
  - { from_column: tier, name: Tier }
  - { id: young, name: Young, when: "age < 30" }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { respondent: resp_id, date: date, touchpoint: tp, comment: comment }
    scores:
      nps: { column: nps }
      csat: { column: csat, scale: [1, 5] }
    dimensions: [store, { id: region, column: region, name: Region }]
"#;

/// The header of the survey.
pub const HEADER: [&str; 10] = ["resp_id", "date", "tp", "store", "region", "tier", "age", "nps", "csat", "comment"];

/// The touchpoints of [`YAML`].
pub const TOUCHPOINTS: [&str; 3] = ["ad", "web", "store"];

/// The survey's rows with `value` in each free-text column of a few rows: the store of
/// rows 0, 12 and 24, the region of rows 1, 13 and 25, the tier of rows 2, 14 and 26, and the
/// comment of rows 0–2 (one per touchpoint). Comments are sparse (three per touchpoint), so
/// that every one of them is shown on its touchpoint and stage page.
pub fn rows(value: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for i in 0..36usize {
        let pick = |hostile: bool, plain: &str| if hostile { value.to_string() } else { plain.to_string() };
        rows.push(vec![
            format!("R{i:03}"),
            format!("2024-{:02}-{:02}", 1 + i % 3, 1 + i % 27),
            TOUCHPOINTS[i % 3].to_string(),
            pick(i % 12 == 0, "Shop A"),
            pick(i % 12 == 1, "North"),
            pick(i % 12 == 2, "gold"),
            (18 + i).to_string(),
            (i % 11).to_string(),
            (1 + i % 5).to_string(),
            pick(i < 3, if i % 6 == 3 { "Fine service" } else { "" }),
        ]);
    }
    // The value where a touchpoint, a date and a score belong: shown as quality examples.
    let extra = |tp: &str, date: &str, nps: &str| {
        vec![
            "X1".into(),
            date.into(),
            tp.into(),
            "Shop A".into(),
            "North".into(),
            "gold".into(),
            "40".into(),
            nps.into(),
            "3".into(),
            String::new(),
        ]
    };
    rows.push(extra(value, "2024-02-02", "5"));
    rows.push(extra("web", value, "5"));
    rows.push(extra("web", "2024-02-03", value));
    rows
}

/// The project with `value` in every free-text cell it can reach.
pub fn hostile_project(value: &str) -> Proj {
    Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows(value)))])
}

/// A YAML double-quoted scalar holding `s` exactly (JSON strings are YAML scalars).
pub fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}
