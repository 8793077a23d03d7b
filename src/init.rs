//! `cxsite init DIR`: a small, commented project that builds at once.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

mod choices;
mod from_csv;
mod guess;
mod yaml;
pub use from_csv::from_csv;

const YAML: &str = r#"# cxsite project. Build it with:  cxsite build .
# Reference: docs/config.md in cxsite's source (the "cxsite.yaml reference").

title: "My brand — customer experience"
locale: en            # en | zh-CN: the language of the site
min_n: 30             # groups with fewer answers show "not enough answers" instead of a number
timezone: UTC         # dates are cut into months in this zone, e.g. Asia/Shanghai

# The customer journey: stages in order, touchpoints in order inside each stage.
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints:
        - { id: website, name: Website, channel: online, owner: Digital }
        - { id: store, name: Store visit, channel: store, owner: Retail }
    - id: support
      name: Get help
      touchpoints:
        - { id: hotline, name: Hotline, channel: phone, owner: Customer service }

# Customer groups: a rule on columns, or one group per value of a column.
segments:
  - { id: members, name: Members, when: "member == 'yes'" }
  - { from_column: region, name: Region }

# The data. `long`: one row per rating, with a column naming the touchpoint.
datasets:
  - id: survey
    path: data/responses.csv
    format: long
    columns: { respondent: id, date: date, touchpoint: touchpoint, comment: comment }
    scores:
      nps:  { column: recommend, scale: [0, 10] }       # Net Promoter Score
      csat: { column: satisfaction, scale: [1, 5] }     # % answering 4 or 5, and the mean
    dimensions: [region]

events:
  - { date: 2025-02-01, name: New website }
"#;

/// Writes a starter project into `dir`, which must be missing or empty.
pub fn init(dir: &Path) -> Result<()> {
    ensure_empty(dir)?;
    let data = dir.join("data");
    fs::create_dir_all(&data).map_err(|e| Error::io("create directory", &data, e))?;
    let yaml = dir.join("cxsite.yaml");
    fs::write(&yaml, YAML).map_err(|e| Error::io("write", &yaml, e))?;
    let csv = data.join("responses.csv");
    fs::write(&csv, sample_csv()).map_err(|e| Error::io("write", &csv, e))?;
    Ok(())
}

/// Refuses a `dir` that exists and holds anything: init never overwrites.
fn ensure_empty(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "{} is not empty; `cxsite init` only writes into an empty or new directory",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// 240 made-up responses over 2025-01..2025-04, from a fixed pseudo-random sequence.
fn sample_csv() -> String {
    let mut out = String::from("id,date,touchpoint,region,member,recommend,satisfaction,comment\n");
    let mut x: u64 = 42;
    let mut next = |m: u64| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (x >> 33) % m
    };
    let tps = ["website", "store", "hotline"];
    let regions = ["North", "South"];
    let comments = ["", "", "Quick and friendly", "Too long on hold", "", "Easy checkout", ""];
    for i in 0..240 {
        let tp = tps[i % 3];
        let base = if tp == "hotline" { 5 } else { 7 };
        let recommend = (base + next(5)).min(10);
        let satisfaction = (2 + next(4)).min(5);
        let _ = writeln!(
            out,
            "R{:04},2025-{:02}-{:02},{tp},{},{},{recommend},{satisfaction},{}",
            i + 1,
            1 + i % 4,
            1 + next(28),
            regions[next(2) as usize],
            if next(3) == 0 { "yes" } else { "no" },
            comments[next(comments.len() as u64) as usize]
        );
    }
    out
}
