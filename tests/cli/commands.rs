//! `init`, `--version`, `--help` and usage errors.

use std::fs;

use crate::support::{cxsite, snapshot, MetricsCsv, TempDir};

#[test]
fn init_then_build_writes_metrics_csv() {
    let tmp = TempDir::new();
    cxsite(tmp.path(), ["init", "shop"]).expect(0);
    assert!(tmp.path().join("shop").join("cxsite.yaml").is_file());
    cxsite(tmp.path(), ["build", "shop"]).expect(0);
    let m = MetricsCsv::read(&tmp.path().join("shop").join("public"));
    assert_eq!(m.header, "dimension,group,metric,n,value,ci_low,ci_high");
    // The starter maps its `recommend` column to `nps`: recompute the overall NPS from the
    // CSV that init wrote (promoters 9–10, detractors 0–6, four decimals).
    let data = fs::read_to_string(tmp.path().join("shop").join("data").join("responses.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(data.as_bytes());
    let col = reader.headers().unwrap().iter().position(|h| h == "recommend").expect("a recommend column");
    let scores: Vec<i64> = reader.records().filter_map(|r| r.unwrap()[col].trim().parse().ok()).collect();
    let promoters = scores.iter().filter(|s| **s >= 9).count() as f64;
    let detractors = scores.iter().filter(|s| **s <= 6).count() as f64;
    let nps = 100.0 * (promoters - detractors) / scores.len() as f64;
    let row = m.row("overall", "all", "nps");
    assert_eq!([row.n.clone(), row.value.clone()], [scores.len().to_string(), format!("{nps:.4}")]);
}

#[test]
fn init_refuses_a_non_empty_directory() {
    let tmp = TempDir::new();
    let dir = tmp.path().join("mine");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "keep me\n").unwrap();
    let before = snapshot(tmp.path());
    cxsite(tmp.path(), ["init", "mine"]).expect(2).stderr_has(&["not empty"]);
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn version_prints_the_package_version() {
    let tmp = TempDir::new();
    let run = cxsite(tmp.path(), ["--version"]);
    run.expect(0);
    assert_eq!(run.stdout.trim(), format!("cxsite {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_lists_the_subcommands() {
    let tmp = TempDir::new();
    let run = cxsite(tmp.path(), ["--help"]);
    run.expect(0);
    for sub in ["build", "check", "init"] {
        assert!(
            run.stdout.lines().any(|l| l.trim_start().starts_with(sub)),
            "--help does not list `{sub}`:\n{}",
            run.stdout
        );
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let tmp = TempDir::new();
    cxsite(tmp.path(), ["frobnicate"]).expect(2).stderr_has(&["frobnicate"]);
    // So is an unknown option of a known subcommand.
    cxsite(tmp.path(), ["build", "--no-such-option"]).expect(2);
}
