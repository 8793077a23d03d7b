//! Files of many chunks. cxsite cuts a CSV file into chunks of whole records (about 1 MB) and
//! folds them on every core; these tests use a ~4 MB file with CRLF line ends and comments
//! whose quoted line breaks fall anywhere, including across chunk boundaries, and check that
//! nothing depends on where the cuts fall or how many threads fold: the bytes of the site, the
//! line of every reported value, and which malformed row is reported.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::{build_on_threads, snapshot, Lcg, Run, TempDir};

const ROWS: usize = 80_000;

/// Rows whose NPS is the unreadable `eleven`.
const BAD_VALUE_ROWS: [usize; 3] = [10, 41_000, 79_000];

/// (row, earlier row): rows that repeat an earlier row's respondent id and touchpoint, in
/// other chunks than the row they repeat.
const REPEAT_ROWS: [(usize, usize); 3] = [(30_000, 5), (50_500, 29_000), (79_500, 12)];

/// Writes the project; returns the file line of every data row (the header is line 1).
/// `eol` ends each record; `extra_field_rows` get one field too many.
fn write_project(dir: &Path, eol: &str, extra_field_rows: &[usize]) -> Vec<u64> {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        r#"title: Chunks
min_n: 30
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
    columns: { respondent: id, date: date, touchpoint: tp, comment: comment }
    scores:
      nps: { column: nps }
      csat: { column: csat, scale: [1, 5] }
    dimensions: [store]
"#,
    )
    .unwrap();
    let mut csv = format!("id,date,tp,store,tier,nps,csat,comment{eol}");
    let mut line: u64 = 2;
    let mut lines = Vec::with_capacity(ROWS);
    let mut rng = Lcg::new(7);
    let mut tps = Vec::with_capacity(ROWS);
    for i in 0..ROWS {
        lines.push(line);
        let nps = if BAD_VALUE_ROWS.contains(&i) { "eleven".to_string() } else { rng.below(11).to_string() };
        // One row in seven has a comment over two lines (its break written like the file's).
        let comment = match rng.below(7) {
            0 => format!("\"slow, then{eol}fast\""),
            1 => "很好".to_string(),
            _ => String::new(),
        };
        let extra = if extra_field_rows.contains(&i) { ",surplus" } else { "" };
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let mut tp = ["web", "shop", "phone"][rng.below(3) as usize];
        let mut id = i;
        if let Some(&(_, earlier)) = REPEAT_ROWS.iter().find(|(r, _)| *r == i) {
            (id, tp) = (earlier, tps[earlier]);
        }
        tps.push(tp);
        let _ = write!(
            csv,
            "R{id},2025-{month:02}-{day:02},{tp},S{:02},{},{nps},{},{comment}{extra}{eol}",
            rng.below(40),
            ["gold", "silver", "regular"][rng.below(3) as usize],
            1 + rng.below(5),
        );
        line += 1 + u64::from(comment.contains('\n'));
    }
    assert!(csv.len() > 3 << 20, "the file must span several 1 MB chunks: {} bytes", csv.len());
    std::fs::write(dir.join("data/survey.csv"), csv).unwrap();
    lines
}

fn build(tmp: &Path, project: &Path, out: &str, threads: &str) -> Run {
    let out = tmp.join(out);
    build_on_threads(tmp, project, &out, threads)
}

fn json(site: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(site.join("data/metrics.json")).unwrap()).unwrap()
}

#[test]
fn a_file_of_many_chunks_gives_the_same_site_on_one_thread_and_three() {
    let tmp = TempDir::new();
    let project = tmp.path().join("p");
    write_project(&project, "\r\n", &[]);
    build(tmp.path(), &project, "one", "1").expect(0);
    build(tmp.path(), &project, "three", "3").expect(0);
    let (one, three) = (snapshot(&tmp.path().join("one")), snapshot(&tmp.path().join("three")));
    assert_eq!(one.keys().collect::<Vec<_>>(), three.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(three[path] == *bytes, "{path} differs between 1 and 3 threads");
    }
    let q = &json(&tmp.path().join("one"))["quality"]["datasets"][0];
    assert_eq!(q["rows_read"], ROWS as u64);
}

#[test]
fn bad_values_deep_in_the_file_are_reported_at_their_own_line() {
    let tmp = TempDir::new();
    let project = tmp.path().join("p");
    let lines = write_project(&project, "\r\n", &[]);
    build(tmp.path(), &project, "site", "3").expect(0);
    let q = &json(&tmp.path().join("site"))["quality"]["datasets"][0];
    let problem = q["problems"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| k.starts_with("nps:"))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no nps problem in {q:#}"));
    assert_eq!(problem["count"], 3);
    let found: Vec<String> = problem["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().split(" — ").next().unwrap().to_string())
        .collect();
    let expected: Vec<String> =
        BAD_VALUE_ROWS.iter().map(|r| format!("data/survey.csv:{}:nps: \"eleven\"", lines[*r])).collect();
    assert_eq!(found, expected);
    // The comments' own line breaks moved the later rows down the file.
    assert!(lines[79_000] > 79_002 + 5_000, "{}", lines[79_000]);
}

#[test]
fn repeated_respondent_ids_in_other_chunks_are_found_and_name_the_earliest_rows_whatever_the_threads() {
    let tmp = TempDir::new();
    let project = tmp.path().join("p");
    let lines = write_project(&project, "\r\n", &[]);
    let mut reports = Vec::new();
    for threads in ["1", "3"] {
        build(tmp.path(), &project, &format!("out{threads}"), threads).expect(0);
        let q = json(&tmp.path().join(format!("out{threads}")));
        reports.push(q["quality"]["datasets"][0]["duplicate_ids"].clone());
    }
    assert_eq!(reports[0], reports[1]);
    let dup = &reports[0];
    assert_eq!(dup["count"], 3, "{dup:#}");
    let expected: Vec<String> = REPEAT_ROWS
        .iter()
        .map(|(r, e)| format!("data/survey.csv:{}:id: same id and touchpoint as row {}", lines[*r], lines[*e]))
        .collect();
    assert_eq!(dup["examples"], serde_json::json!(expected));
}

#[test]
fn crlf_and_lf_files_of_the_same_rows_give_the_same_numbers_and_lines() {
    let tmp = TempDir::new();
    let (crlf, lf) = (tmp.path().join("crlf"), tmp.path().join("lf"));
    assert_eq!(write_project(&crlf, "\r\n", &[]), write_project(&lf, "\n", &[]));
    build(tmp.path(), &crlf, "a", "2").expect(0);
    build(tmp.path(), &lf, "b", "2").expect(0);
    let read = |site: &str| std::fs::read(tmp.path().join(site).join("data/metrics.csv")).unwrap();
    assert!(read("a") == read("b"), "metrics.csv differs between CRLF and LF");
    let (a, b) = (json(&tmp.path().join("a")), json(&tmp.path().join("b")));
    assert_eq!(a["quality"], b["quality"]);
}

#[test]
fn the_earliest_malformed_row_is_the_error_whatever_the_threads() {
    let tmp = TempDir::new();
    let project = tmp.path().join("p");
    // Three rows of the wrong width, the first two in one chunk: the first is reported first,
    // with the others of its chunk after it, the same whatever the threads.
    let lines = write_project(&project, "\r\n", &[70_000, 28_000, 53_000]);
    let mut said = Vec::new();
    for threads in ["1", "3"] {
        let run = build(tmp.path(), &project, &format!("out{threads}"), threads);
        run.expect(1).stderr_has(&[&format!("data/survey.csv:{}", lines[28_000]), "9 fields but the header has 8"]);
        let first = run.stderr.lines().find(|l| l.starts_with("error:")).unwrap_or_default().to_string();
        assert!(first.contains(&format!("data/survey.csv:{}:", lines[28_000])), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("data/survey.csv:{}: this row too has 9 fields", lines[53_000])),
            "{}",
            run.stderr
        );
        said.push(run.stderr);
    }
    assert_eq!(said[0], said[1]);
}

#[test]
fn a_few_rows_of_the_wrong_width_are_named_together_and_the_rest_counted() {
    let tmp = TempDir::new();
    let project = tmp.path().join("p");
    // Eight bad rows near the start: five named by line, three counted.
    let bad: Vec<usize> = (10..18).collect();
    let lines = write_project(&project, "\n", &bad);
    let run = build(tmp.path(), &project, "out", "2");
    run.expect(1);
    for (k, r) in bad.iter().enumerate() {
        let named = run.stderr.contains(&format!("data/survey.csv:{}:", lines[*r]));
        assert_eq!(named, k < 5, "row {r}: {}", run.stderr);
    }
    assert!(run.stderr.contains("3 more rows after these have the wrong number of fields"), "{}", run.stderr);
}
