//! The parallel fold must not change a byte: one thread and several threads, on a data set
//! large enough to be split into many batches, give identical sites.

use std::fmt::Write as _;

use crate::support::{build_on_threads, snapshot, Lcg, TempDir};

/// 30,000 rows over 4 touchpoints, 50 stores, 12 months, with comments, blanks and bad
/// values, from a fixed pseudo-random sequence.
fn write_project(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        r#"title: Threads
min_n: 30
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints: [{ id: web, name: Web }, { id: shop, name: Shop }]
    - id: help
      name: Help
      touchpoints: [{ id: phone, name: Phone }, { id: chat, name: Chat }]
segments:
  - { id: young, name: Young, when: "age < 30" }
  - { from_column: tier, name: Tier }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { respondent: id, date: date, touchpoint: tp, comment: comment }
    scores:
      nps: { column: nps }
      csat: { column: csat, scale: [1, 5] }
    dimensions: [store]
"#,
    )
    .unwrap();
    let mut csv = String::from("id,date,tp,store,age,tier,nps,csat,comment\n");
    let mut rng = Lcg::new(99);
    let tps = ["web", "shop", "phone", "chat", "kiosk"];
    let comments = ["", "", "", "slow delivery", "很好", "call 13812345678", "\"quoted, text\""];
    for i in 0..30_000 {
        let nps = match rng.below(50) {
            0 => "11".to_string(),
            1 => String::new(),
            _ => rng.below(11).to_string(),
        };
        let _ = writeln!(
            csv,
            "R{i},2025-{:02}-{:02},{},S{:02},{},{},{nps},{},{}",
            1 + rng.below(12),
            1 + rng.below(28),
            tps[if rng.below(1000) == 0 { 4 } else { rng.below(4) as usize }],
            rng.below(50),
            18 + rng.below(60),
            ["gold", "silver", "regular"][rng.below(3) as usize],
            1 + rng.below(5),
            comments[rng.below(comments.len() as u64) as usize]
        );
    }
    std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
}

#[test]
fn one_thread_and_four_threads_build_byte_identical_sites() {
    let tmp = TempDir::new();
    let project = tmp.path().join("p");
    write_project(&project);
    let mut sites = Vec::new();
    for threads in ["1", "4"] {
        let out = tmp.path().join(format!("out{threads}"));
        build_on_threads(tmp.path(), &project, &out, threads).expect(0);
        sites.push(snapshot(&out));
    }
    assert!(sites[0].len() > 20, "too few files: {}", sites[0].len());
    assert_eq!(sites[0].keys().collect::<Vec<_>>(), sites[1].keys().collect::<Vec<_>>());
    for (path, bytes) in &sites[0] {
        assert!(sites[1][path] == *bytes, "{path} differs between 1 and 4 threads");
    }
    // The run really had something to merge: rejected rows with examples from many batches.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("out1/data/metrics.json")).unwrap()).unwrap();
    let rejected = json["quality"]["datasets"][0]["rows_rejected"].as_u64().unwrap();
    assert!(rejected > 10, "{rejected}");
}
