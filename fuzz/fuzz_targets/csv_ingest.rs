//! CSV ingest: the bytes of a data file, written into a temporary project and read by
//! `cxsite::ingest::ingest` after `cxsite::project::parse`, then folded into metrics. Any
//! bytes give numbers or a located error — never a panic, a hang, or a NaN in the metrics.
//! The first byte picks how the dataset is declared (long/wide, encoding, delimiter,
//! header row, opt-in skipping of malformed rows).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("cxsite-fuzz-ingest-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).expect("temporary project");
        std::fs::write(dir.join("data/crm.csv"), "id,tier\n1,gold\n2,silver\n").expect("lookup");
        dir
    })
}

fn yaml(selector: u8) -> String {
    let mut extra = String::new();
    match selector % 4 {
        1 => extra.push_str("    encoding: gb18030\n"),
        2 => extra.push_str("    encoding: utf-16le\n"),
        3 => extra.push_str("    delimiter: \";\"\n"),
        _ => {}
    }
    if selector & 0x04 != 0 {
        extra.push_str("    skip_malformed_rows: true\n");
    }
    if selector & 0x08 != 0 {
        extra.push_str("    header_row: 2\n");
    }
    let dataset = if selector & 0x10 != 0 {
        "    format: wide
    columns: { respondent: id, date: date, comment: c }
    scores: { nps: { column: nps } }
    touchpoint_scores: { scale: [1, 5], na: [0], columns: { web: w, store: s } }
"
    } else {
        "    columns: { respondent: id, date: date, touchpoint: tp, comment: c }
    scores:
      nps: { column: nps, labels: { 推荐: 10 } }
      csat: { column: w, scale: [1, 5], na: [\"N/A\"] }
"
    };
    format!(
        "title: Fuzz
min_n: 1
timezone: Asia/Shanghai
journey:
  stages:
    - {{ id: buy, name: Buy, touchpoints: [{{ id: web, name: Website }}, {{ id: store, name: 门店 }}] }}
segments:
  - {{ from_column: s, name: Store }}
  - {{ id: young, when: \"w < 3 or tier in ['gold']\" }}
datasets:
  - id: survey
    path: data/s.csv
{extra}{dataset}    dimensions: [s]
  - {{ id: crm, path: data/crm.csv, key: id }}
joins:
  - {{ dataset: survey, column: id, to: crm }}
"
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let root = root();
    std::fs::write(root.join("data/s.csv"), bytes).expect("write the data file");
    let project = cxsite::project::parse(&yaml(selector), root).expect("the fuzz project is valid");
    match cxsite::aggregate_all(&project) {
        Ok(ingested) => {
            let metrics = cxsite::metrics::compute(&project, &ingested.partials);
            for r in &metrics.rows {
                for v in [r.value, r.ci_low, r.ci_high].into_iter().flatten() {
                    assert!(v.is_finite(), "{r:?}");
                }
            }
            let _ = cxsite::insights::derive(&project, &metrics);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
