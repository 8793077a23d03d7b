//! The fuzz targets' invariants (see fuzz/README.md), replayed in-process on fixed inputs so
//! that `cargo test` keeps them: every crash a fuzz run finds is added here as a seed (with
//! that the hostile cases above found interesting.

use std::path::Path;

use cxsite::produce::csv::value::{read_date, read_score, Cell};
use cxsite::project::{Period, Reading, ScoreDef, ScoreKind};

use crate::support::TempDir;

#[test]
fn the_project_parser_returns_an_error_for_every_seed_and_never_panics() {
    let seeds = [
        "",
        "\u{0}",
        "title:",
        "title: [",
        "title: x\ntitle: y\n",
        "a: &a [1]\nb: *a\n",
        "title: *nothing\n",
        "title: !!binary aGVsbG8=\n",
        "%YAML 1.2\n---\ntitle: x\n...\n---\ntitle: y\n",
        "title: x\njourney: { stages: [ { id: \"../x\", name: y } ] }\ndatasets: []\n",
        "title: x\njourney: { stages: [] }\ndatasets: [ { id: s, path: /etc/passwd, scores: { nps: { column: a } } } ]\n",
        "title: x\njourney: { stages: [ { id: a, name: b, touchpoints: [ { id: t, name: u } ] } ] }\ndatasets: [ { id: s, path: s.csv, touchpoint: t, scores: { nps: { column: a, scale: [9223372036854775807, -9223372036854775808] } } } ]\n",
        "title: x\nmin_n: 18446744073709551615\nconfidence: .nan\njourney: { stages: [] }\ndatasets: []\n",
        "title: x\njourney: { stages: [ { id: a, name: b, touchpoints: [ { id: t, name: u } ] } ] }\ndatasets: [ { id: s, path: s.csv, touchpoint: t, date_format: \"%Q%\", scores: { x: { column: a, scale: [0, 1000] } } } ]\n",
    ];
    for s in seeds {
        if let Err(e) = cxsite::project::parse(s, Path::new("/nonexistent/cxsite-fuzz")) {
            let _ = e.to_string();
        }
    }
}

#[test]
fn the_rule_parser_locates_every_error_inside_the_rule() {
    for rule in [
        "",
        "(",
        ")",
        "a ==",
        "a in [",
        "a in [1,",
        "`",
        "'",
        "a == 'x",
        "not",
        "a < < 1",
        "和 == 好",
        "a == 1 or",
        "\u{0}",
        "a == \u{1b}",
        "((((a == 1)))",
        "a <= 1e999",
        "a == -",
        "a in []",
    ] {
        if let Err(e) = cxsite::project::rule::parse(rule) {
            assert!(e.offset <= rule.chars().count(), "offset {} past {rule:?}", e.offset);
        }
    }
    let r = cxsite::project::rule::parse("a >= 1e308 or b in ['x', 1, -0.0] and not c != 'NaN'").unwrap();
    for cells in [["inf", "x", "NaN"], ["", "", ""], ["-0", "-0.0", "nan"]] {
        let _ = r.eval(&|i: usize| cells[i]);
    }
}

#[test]
fn score_and_date_readers_keep_values_on_the_scale_for_odd_cells() {
    let def = ScoreDef::new("csat", ScoreKind::Rating, 1, 5, 4);
    let reading = Reading { na: vec!["n/a".into()], labels: vec![("满意".into(), 4)], ..Default::default() };
    for cell in [
        "9223372036854775807",
        "-9223372036854775808",
        "1e18",
        "5\u{0}",
        "５",
        "4.0000000000000001",
        "-",
        "5分分",
        "3 - ",
        "1e-400",
        "0x5",
        "٥",
    ] {
        if let Cell::Value(v) = read_score(cell, &reading, &def) {
            assert!((1..=5).contains(&v), "{cell:?} read as {v}");
        }
    }
    let tz = chrono_tz::Asia::Shanghai;
    for (cell, format) in [
        ("9999999999999", None),
        ("99999", None),
        ("+262143-12-31", None),
        ("-262144-01-01", None),
        ("2024年13月45日", None),
        ("2024-02-30", None),
        ("31/12/2024", Some("%d/%m/%Y")),
        ("2024", Some("%Y")),
        ("x", Some("%")),
    ] {
        for workbook in [false, true] {
            if let Some(d) = read_date(cell, tz, format, workbook) {
                for p in [Period::Month, Period::Quarter, Period::Week] {
                    let _ = p.key(d);
                }
            }
        }
    }
}

#[test]
fn ingest_reads_or_refuses_every_seed_file_and_every_metric_is_finite() {
    let yaml = "title: Fuzz
min_n: 1
journey:
  stages:
    - { id: buy, name: Buy, touchpoints: [{ id: web, name: Website }, { id: store, name: 门店 }] }
segments:
  - { from_column: s, name: Store }
datasets:
  - id: survey
    path: data/s.csv
    columns: { respondent: id, date: date, touchpoint: tp, comment: c }
    scores:
      nps: { column: nps }
      csat: { column: w, scale: [1, 5] }
    dimensions: [s]
";
    let seeds: &[&[u8]] = &[
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"id,date,tp,c,nps,w,s\n",
        b"id,date,tp,c,nps,w,s\n1,2024-01-01,web,\"unclosed,9,4,a\n",
        b"id,date,tp,c,nps,w,s\r1,+99999-01-01,web,x,10,5,a\r2,-0001-01-01,store,y,0,1,b",
        b"id,date,tp,c,nps,w,s\n1,2024-01-01,web,x,10,5,\x00\n2,2024-01-01,WEB,x,0,1,\x00\n",
        b"id;date;tp;c;nps;w;s\n1;2024-01-01;web;x;10;5;a\n",
        b"id,date,tp,c,nps,w,s\n\n\n\n1,2024-01-01,web,x,10,5,a\n",
        b"id,date,tp,c,nps,w,s,s\n1,2024-01-01,web,x,10,5,a,b\n",
    ];
    let tmp = TempDir::new();
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    for bytes in seeds {
        std::fs::write(tmp.path().join("data/s.csv"), bytes).unwrap();
        let project = cxsite::project::parse(yaml, tmp.path()).expect("the seed project is valid");
        if let Ok(ingested) = cxsite::aggregate_all(&project) {
            let metrics = cxsite::metrics::compute(&project, &ingested.partials);
            for r in &metrics.rows {
                for v in [r.value, r.ci_low, r.ci_high].into_iter().flatten() {
                    assert!(v.is_finite(), "{r:?} from {bytes:?}");
                }
            }
        }
    }
}
