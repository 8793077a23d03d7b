//! The fold's shortcuts must not change a count. A row's segments are remembered by the values
//! their rules read (up to 65,536 combinations of values), and rows of the 256 commonest
//! segment combinations are counted once per combination and spread into the overall,
//! segment and touchpoint × segment groups at the end; everything past those limits is
//! counted group by group. This project passes both limits — a rule on a column with a
//! different value on every row, and a segment family of 400 cities — and every count is
//! checked against a direct count of the generated rows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::support::{build_on_threads, Lcg, MetricsCsv, TempDir};

const ROWS: u64 = 80_000;

/// NPS answers per group: (answers, promoters, detractors).
type Tally = BTreeMap<(String, String), (u64, u64, u64)>;

fn add(t: &mut Tally, dimension: &str, group: &str, nps: u64) {
    let e = t.entry((dimension.to_string(), group.to_string())).or_default();
    e.0 += 1;
    e.1 += u64::from(nps >= 9);
    e.2 += u64::from(nps <= 6);
}

#[test]
fn counts_are_exact_past_the_memo_and_combination_limits() {
    let tmp = TempDir::new();
    let dir = tmp.path().join("p");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        r#"title: Fold limits
min_n: 30
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints: [{ id: web, name: Web }, { id: shop, name: Shop }]
segments:
  - { id: big, name: Big spenders, when: "spend > 500" }
  - { from_column: city, name: City }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { respondent: id, date: date, touchpoint: tp }
    scores:
      nps: { column: nps }
"#,
    )
    .unwrap();
    let mut csv = String::from("id,date,tp,spend,city,nps\n");
    let mut t = Tally::new();
    let mut rng = Lcg::new(3);
    for i in 0..ROWS {
        // `spend` differs on every row, so no two rows share their segment columns' values.
        let spend = format!("{}.{:05}", rng.below(1000), i);
        let city = format!("C{:03}", rng.below(400));
        let tp = ["web", "shop"][rng.below(2) as usize];
        let month = 1 + rng.below(3);
        let nps = rng.below(11);
        let _ = writeln!(csv, "R{i},2025-{month:02}-15,{tp},{spend},{city},{nps}");
        let big = spend.parse::<f64>().unwrap() > 500.0;
        let mut segments = vec![format!("city:{city}")];
        if big {
            segments.push("big".into());
        }
        add(&mut t, "overall", "all", nps);
        add(&mut t, "period", &format!("2025-{month:02}"), nps);
        add(&mut t, "touchpoint", tp, nps);
        for s in &segments {
            add(&mut t, "segment", s, nps);
            add(&mut t, "segment_period", &format!("{s}|2025-{month:02}"), nps);
            add(&mut t, "touchpoint_segment", &format!("{tp}|{s}"), nps);
        }
    }
    std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
    let out = tmp.path().join("site");
    // One thread: its one worker sees all 80,000 distinct spends, past the 65,536 it remembers.
    build_on_threads(tmp.path(), &dir, &out, "1").expect(0);
    let m = MetricsCsv::read(&out);
    // 400 cities × 2 spend bands: about 800 combinations, and 80,000 distinct spends.
    assert_eq!(m.groups("segment").len(), 401);
    let mut checked = 0;
    for ((dimension, group), (n, p, d)) in &t {
        let row = m.row(dimension, group, "nps");
        assert_eq!(row.n, n.to_string(), "{dimension} {group}");
        if *n >= 30 {
            let nps = 100.0 * (*p as f64 - *d as f64) / *n as f64;
            assert!(
                (row.value.parse::<f64>().unwrap() - nps).abs() < 5e-5,
                "{dimension} {group}: {} vs {nps}",
                row.value
            );
        }
        checked += 1;
    }
    assert!(checked > 2_000, "{checked}");
}

#[test]
fn a_counter_past_sixty_five_thousand_answers_stays_exact() {
    // Counters are 16-bit with carries. Undated rows all land in one period slot, so 70,000
    // identical answers on one thread pass 65,536 in a single counter.
    let tmp = TempDir::new();
    let dir = tmp.path().join("p");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        "title: Carries\njourney:\n  stages:\n    - { id: buy, name: Buy, touchpoints: [{ id: web, name: Web }] }\ndatasets:\n  - id: survey\n    path: data/survey.csv\n    columns: { respondent: id, touchpoint: tp }\n    scores:\n      nps: { column: nps }\n",
    )
    .unwrap();
    let mut csv = String::from("id,tp,nps\n");
    for i in 0..70_000 {
        let _ = writeln!(csv, "R{i},web,{}", if i < 69_990 { 10 } else { 0 });
    }
    std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
    let out = tmp.path().join("site");
    build_on_threads(tmp.path(), &dir, &out, "1").expect(0);
    let m = MetricsCsv::read(&out);
    // 69,990 promoters and 10 detractors: NPS = 100 · 69,980 / 70,000 = 99.9714.
    for (dimension, group) in [("overall", "all"), ("touchpoint", "web"), ("stage", "buy")] {
        assert_eq!(m.row(dimension, group, "nps").n, "70000", "{dimension}");
        assert_eq!(m.row(dimension, group, "nps").value, "99.9714", "{dimension}");
    }
}
