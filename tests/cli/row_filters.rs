//! `keep_rows:` and `drop_rows:`: rows a project's own filter leaves out are counted on the
//! data-quality page by reason (not a failure under `--strict`), never in a metric; a listed
//! value no row holds is a warning; a filter's column is named as any column is.
//!
//! data/reviews.csv, by file line (the header is line 1):
//!   2 APPROVED     CN   5
//!   3 approved     CN   4
//!   4 REJECTED     CN   1    not kept
//!   5 PENDING      US   2    not kept
//!   6 " Approved " US   3
//!   7 APPROVED     Test 5    dropped (`drop_rows: { Country: test }`)
//!   8 (blank)      CN   4    not kept

use crate::support::Project;

const YAML: &str = "title: Reviews\nmin_n: 1\ntimezone: UTC\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\ndatasets:\n  - id: reviews\n    path: data/reviews.csv\n    touchpoint: web\n    keep_rows: { Moderation Status: [APPROVED, LIVE] }\n    drop_rows: { country: test }\n    scores:\n      csat: { column: Rating, scale: [1, 5] }\n";

const CSV: &str = "Review ID,Moderation Status,Country,Rating\nr1,APPROVED,CN,5\nr2,approved,CN,4\nr3,REJECTED,CN,1\nr4,PENDING,US,2\nr5, Approved ,US,3\nr6,APPROVED,Test,5\nr7,,CN,4\n";

fn reviews(yaml: &str) -> Project {
    Project::written("reviews", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
        std::fs::write(dir.join("data/reviews.csv"), CSV).unwrap();
    })
}

#[test]
fn rows_a_filter_leaves_out_are_counted_by_reason_and_in_no_metric() {
    let p = reviews(YAML);
    // Kept: lines 2 (5), 3 (4), 6 (3): top two boxes 2 of 3 = 66.6667 %. Unfiltered it would
    // be 5 of 7.
    let m = p.built_metrics();
    assert_eq!(m.row("overall", "all", "csat").n, "3");
    assert_eq!(m.row("overall", "all", "csat").value, "66.6667");
    let json = crate::support::read_json(&p.public());
    let q = &json["quality"]["datasets"][0];
    assert_eq!([&q["rows_read"], &q["rows_used"], &q["rows_rejected"]], [7, 3, 4]);
    // All four left out as asked (three not kept, one dropped), none failed: as the command
    // line and the data-quality page count them.
    assert_eq!([&q["rows_failed"], &q["rows_left_out"]], [0, 4], "{q:#}");
    let kept_out = &q["rejected_rows"]["left out by `keep_rows`"];
    assert_eq!(kept_out["count"], 3, "{q:#}");
    assert_eq!(
        kept_out["examples"][0],
        "data/reviews.csv:4:Moderation Status: \"REJECTED\" — not listed under `keep_rows`"
    );
    assert_eq!(kept_out["examples"][2], "data/reviews.csv:8:Moderation Status: \"\" — not listed under `keep_rows`");
    assert_eq!(q["rejected_rows"]["left out by `drop_rows`"]["count"], 1);
    // LIVE is on no row: a warning, in the build's output and on the page. Asked-for
    // filtering does not fail `--strict`.
    let strict = p.run(["build", p.path("").to_str().unwrap(), "--strict"]);
    strict
        .expect(0)
        .stderr_has(&["row filter `keep_rows` lists `LIVE` in column `Moderation Status`, which no row has"]);
    let page = p.built("quality.html");
    assert!(page.contains("left out by <code>keep_rows</code>") && page.contains("<code>LIVE</code>"), "{page}");
    // The page counts the four rows the filters leave out apart from rejected rows (none):
    // in the headline and in the dataset's facts. So does `cxsite check`.
    assert!(
        page.contains(
            "Rows rejected: <strong>0</strong> · Rows left out (as cxsite.yaml asks, or holding no response): <strong>4</strong>"
        ),
        "{page}"
    );
    assert!(page.contains("<dt>Rows rejected</dt><dd>0</dd>") && page.contains("<dd>4</dd>"), "{page}");
    let check = p.check();
    check.expect(0);
    assert!(
        check.stdout.contains("7 rows read, 3 used, 0 rejected, 4 left out as cxsite.yaml asks or holding no response"),
        "{}",
        check.stdout
    );
    // In Chinese the reasons and the warning are translated.
    p.replace("cxsite.yaml", "title: Reviews", "title: Reviews\nlocale: zh-CN");
    p.build().expect(0);
    let zh = p.built("quality.html");
    assert!(zh.contains("按 <code>keep_rows</code> 剔除") && zh.contains("不在 `keep_rows` 所列值中"), "{zh}");
    assert!(
        zh.contains("行筛选 <code>keep_rows</code> 在列 <code>Moderation Status</code> 中列出了 <code>LIVE</code>"),
        "{zh}"
    );
}

#[test]
fn a_filter_on_a_missing_column_or_with_no_value_is_an_error_at_its_line() {
    let p = reviews(&YAML.replace("country: test", "Region: test"));
    p.build().expect(1).stderr_has(&["Region"]);
    let p = reviews(&YAML.replace("[APPROVED, LIVE]", "[]"));
    p.build().expect(1).stderr_has(&["cxsite.yaml:14", "`keep_rows:` lists no value for column `Moderation Status`"]);
}

/// YAML reads an unquoted `yes`, `007` or `1.10` as a boolean or a number (true, 7, 1.1),
/// which no cell holds: listed values are read as written, and a lone yes/no asks for quotes.
#[test]
fn listed_values_are_read_as_written_not_as_yaml_numbers_or_booleans() {
    let csv = "Review ID,Moderation Status,Country,Rating\nr1,yes,007,5\nr2,yes,1.10,4\nr3,no,CN,1\nr4,yes,CN,2\n";
    let yaml = YAML
        .replace("keep_rows: { Moderation Status: [APPROVED, LIVE] }", "keep_rows: { Moderation Status: [yes] }")
        .replace("drop_rows: { country: test }", "drop_rows: { country: [007, 1.10] }");
    let p = Project::written("reviews", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("cxsite.yaml"), &yaml).unwrap();
        std::fs::write(dir.join("data/reviews.csv"), csv).unwrap();
    });
    // Kept `yes`: r1, r2, r4; of those, 007 and 1.10 dropped: r4 alone, rating 2 → 0 %.
    let m = p.built_metrics();
    assert_eq!(m.row("overall", "all", "csat").n, "1");
    assert_eq!(m.row("overall", "all", "csat").value, "0.0000");
    // A lone yes is a boolean to YAML: an error at its place, asking for quotes.
    p.replace("cxsite.yaml", "Moderation Status: [yes]", "Moderation Status: yes");
    p.build().expect(1).stderr_has(&["cxsite.yaml:14:", "write the value in quotes as the cells hold it"]);
    p.replace("cxsite.yaml", "Moderation Status: yes", "Moderation Status: \"yes\"");
    assert_eq!(p.built_metrics().row("overall", "all", "csat").n, "1");
}
