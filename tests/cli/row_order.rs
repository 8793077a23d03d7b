//! The verbatims a site shows are chosen by what comments say, not by where they sit in the
//! file: the same records in another order (an export sorted newest first, or two monthly
//! files joined the other way round) give the same pages, the same metrics and the same
//! comments in comments.csv, only their row numbers differing.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::support::{html_pages, Lcg, Project};

const YAML: &str = r#"title: Row order
min_n: 10
text: {}
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints: [{ id: web, name: Web }, { id: shop, name: Shop }, { id: phone, name: Phone }]
segments:
  - { from_column: tier, name: Tier }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { date: date, touchpoint: tp, comment: comment }
    scores:
      nps: { column: nps }
    dimensions: [store]
"#;

/// 2,400 records over 3 touchpoints, 6 stores, 12 months: varied comments (far more than a
/// page shows), and the same short comments written many times on one day.
fn records() -> Vec<String> {
    let mut rng = Lcg::new(17);
    let what = ["delivery", "the staff", "the price", "the app", "the queue", "checkout", "送货", "店员", "价格"];
    let how = [
        "was slow",
        "was great",
        "was rude",
        "is too high",
        "keeps crashing",
        "was friendly",
        "太慢了",
        "很热情",
        "太贵了",
    ];
    let repeated = ["good", "好", "Great service!", "太慢"];
    (0..2400)
        .map(|i| {
            let comment = match rng.below(10) {
                0..=2 => String::new(),
                3 | 4 => repeated[rng.below(4) as usize].to_string(),
                _ => format!(
                    "{} {} ({})",
                    what[rng.below(what.len() as u64) as usize],
                    how[rng.below(how.len() as u64) as usize],
                    rng.below(500)
                ),
            };
            // Repeated comments all fall on a few days, so many share date, touchpoint and text.
            let day = if comment.len() < 16 { 1 + rng.below(2) } else { 1 + rng.below(28) };
            let mut line = String::new();
            let _ = write!(
                line,
                "2025-{:02}-{day:02},{},S{},{},{},\"{comment}\"",
                1 + i % 12,
                ["web", "shop", "phone"][rng.below(3) as usize],
                rng.below(6),
                ["gold", "silver"][rng.below(2) as usize],
                rng.below(11),
            );
            line
        })
        .collect()
}

fn project(rows: &[String]) -> Project {
    Project::written("order", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("cxsite.yaml"), YAML).unwrap();
        let csv = format!("date,tp,store,tier,nps,comment\n{}\n", rows.join("\n"));
        std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
    })
}

/// comments.csv's records without their row numbers (the second column), as a set.
fn comments_without_rows(csv: &str) -> BTreeSet<String> {
    csv.lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.splitn(3, ',').collect();
            cells.remove(1);
            cells.join(",")
        })
        .collect()
}

#[test]
fn the_same_records_in_another_order_give_the_same_site() {
    let rows = records();
    let mut shuffled = rows.clone();
    let mut rng = Lcg::new(5);
    // Fisher–Yates with the tests' own generator.
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i as u64 + 1) as usize);
    }
    assert_ne!(rows, shuffled);
    let (a, b) = (project(&rows), project(&shuffled));
    a.build().expect(0);
    b.build().expect(0);

    assert_eq!(a.built("data/metrics.csv"), b.built("data/metrics.csv"));
    let comments = a.built("data/comments.csv");
    assert!(comments.lines().count() > 50, "the site shows verbatims:\n{comments}");
    assert_eq!(comments_without_rows(&comments), comments_without_rows(&b.built("data/comments.csv")));
    let pages = html_pages(&a.public());
    assert!(pages.len() > 10);
    for page in pages {
        let rel = page.strip_prefix(a.public()).unwrap().to_str().unwrap().to_string();
        assert!(a.built(&rel) == b.built(&rel), "{rel} differs when the rows are read in another order");
    }
}
