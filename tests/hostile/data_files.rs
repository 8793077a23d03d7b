//! Group 5: data files. A dataset path that leaves the project (absolute, `..`, a link, a
//! URL) or is not a regular file (a directory, a FIFO) is an error naming the path; a
//! structurally broken file (unclosed quote, wrong delimiter, duplicate header names, NUL
//! bytes, empty) gives either correct numbers or a precise, located message; skipping
//! malformed rows is an explicit opt-in.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::fixture;
use crate::site::{assert_site_clean, json_rows, metrics_json, page};
use crate::support::{csv_bytes, cxsite_limited, Proj, Run};

pub(crate) const YAML: &str = "title: Data files
min_n: 1
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints:
        - { id: web, name: Website }
datasets:
  - id: survey
    path: data/s.csv
    touchpoint: web
    columns: { comment: comment }
    scores:
      nps: { column: nps }
";

/// Where `path: data/s.csv` is written in [`YAML`]: line 11, column 11.
const PATH_AT: &str = "cxsite.yaml:11:11:";

const LIMIT: Duration = Duration::from_secs(20);

fn with_path(path: &str) -> String {
    YAML.replace("path: data/s.csv", &format!("path: {}", crate::fixture::yaml_str(path)))
}

fn build(p: &Proj) -> Run {
    cxsite_limited(p.tmp(), ["build", "project"], &[], LIMIT)
}

/// Builds a project whose data file holds `bytes`.
fn built(bytes: &[u8]) -> (Proj, Run) {
    let p = Proj::new(YAML, &[("data/s.csv", bytes)]);
    let run = build(&p);
    (p, run)
}

/// The NPS row of the whole site in metrics.json: (n, value).
fn overall_nps(site: &Path) -> (u64, f64) {
    let rows = json_rows(&metrics_json(site));
    let r = &rows[&("overall".to_string(), "all".to_string(), "nps".to_string())];
    (r["n"].as_u64().unwrap(), r["value"].as_f64().unwrap())
}

#[test]
fn an_absolute_dataset_path_is_an_error_naming_the_path_and_its_place() {
    let p = Proj::new(&with_path("/etc/passwd"), &[]);
    build(&p).expect(1).stderr_has(&[PATH_AT, "`/etc/passwd`", "must stay inside the project"]);
    assert!(!p.public().exists());
}

#[test]
fn a_dataset_path_with_dot_dot_is_an_error_even_when_the_file_exists() {
    for path in ["../outside.csv", "data/../../outside.csv", "data/./../../outside.csv"] {
        let p = Proj::new(&with_path(path), &[]);
        std::fs::write(p.tmp().join("outside.csv"), "nps,comment\n9,secret\n").unwrap();
        build(&p).expect(1).stderr_has(&[PATH_AT, &format!("`{path}`"), "must stay inside the project"]);
    }
}

#[test]
fn a_link_to_a_file_outside_the_project_is_an_error_naming_the_dataset_path() {
    let p = Proj::new(YAML, &[]);
    std::fs::write(p.tmp().join("outside.csv"), "nps,comment\n9,secret\n").unwrap();
    std::fs::create_dir_all(p.path("data")).unwrap();
    symlink(p.tmp().join("outside.csv"), p.path("data/s.csv")).unwrap();
    build(&p).expect(1).stderr_has(&["data/s.csv:", "link to a place outside the project"]);
    // A linked folder leads outside just the same.
    let p = Proj::new(YAML, &[]);
    std::fs::create_dir_all(p.tmp().join("elsewhere")).unwrap();
    std::fs::write(p.tmp().join("elsewhere/s.csv"), "nps,comment\n9,secret\n").unwrap();
    symlink(p.tmp().join("elsewhere"), p.path("data")).unwrap();
    build(&p).expect(1).stderr_has(&["data/s.csv:", "outside the project"]);
}

#[test]
fn a_link_that_stays_inside_the_project_is_read() {
    let p = Proj::new(YAML, &[("exports/2024.csv", b"nps,comment\n9,good\n10,great\n")]);
    std::fs::create_dir_all(p.path("data")).unwrap();
    symlink("../exports/2024.csv", p.path("data/s.csv")).unwrap();
    build(&p).expect(0);
    assert_eq!(overall_nps(&p.public()), (2, 100.0));
}

#[test]
fn a_url_as_a_dataset_path_is_an_error_and_nothing_is_fetched() {
    for url in ["https://evil.example/data.csv", "file:///etc/passwd", "ftp://x.example/a.csv"] {
        let p = Proj::new(&with_path(url), &[]);
        build(&p).expect(1).stderr_has(&[PATH_AT, url, "is a URL"]);
    }
}

#[test]
fn a_directory_as_a_dataset_path_is_an_error_naming_it() {
    let p = Proj::new(&with_path("data"), &[("data/s.csv", b"nps,comment\n9,a\n")]);
    // At its line in cxsite.yaml, as a URL or a path out of the project is.
    build(&p).expect(1).stderr_has(&[PATH_AT, "`data`", "is a folder"]);
}

#[test]
fn a_fifo_as_a_dataset_path_is_an_error_and_the_build_does_not_wait_on_it() {
    let p = Proj::new(YAML, &[]);
    std::fs::create_dir_all(p.path("data")).unwrap();
    let status = Command::new("mkfifo").arg(p.path("data/s.csv")).status().expect("mkfifo");
    assert!(status.success());
    let run = build(&p);
    run.expect(1).stderr_has(&["data/s.csv:", "not a regular file"]);
    assert!(run.elapsed < LIMIT);
    let run = cxsite_limited(p.tmp(), ["check", "project"], &[], LIMIT);
    run.expect(1).stderr_has(&["data/s.csv:", "not a regular file"]);
}

#[test]
fn a_missing_dataset_path_says_what_the_user_most_likely_meant() {
    // A Windows path, a folder in the wrong case, and a link in a loop.
    let p = Proj::new(&with_path("data\\s.csv"), &[("data/s.csv", b"nps,comment\n9,a\n")]);
    build(&p).expect(1).stderr_has(&["does not exist", "write `data/s.csv` (that file exists)"]);
    let p = Proj::new(&with_path("data/s.csv"), &[("Data/s.csv", b"nps,comment\n9,a\n")]);
    build(&p).expect(1).stderr_has(&["data/s.csv:", "did you mean `Data/s.csv`?", "upper and lower case"]);
    let p = Proj::new(&with_path("data/s.csv"), &[]);
    std::fs::create_dir_all(p.path("data")).unwrap();
    symlink("s.csv", p.path("data/s.csv")).unwrap();
    build(&p).expect(1).stderr_has(&["data/s.csv:", "a link that leads to no file"]);
}

#[test]
fn a_dataset_that_does_not_exist_is_an_error_naming_it() {
    let p = Proj::new(YAML, &[]);
    // With where cxsite.yaml says it: its `path:` line and column.
    build(&p).expect(1).stderr_has(&["data/s.csv:", "does not exist", "(`path:` at cxsite.yaml:11:11)"]);
    // A file written as a folder (`data/s.csv/`) exists: the message says what is wrong.
    let p = Proj::new(&with_path("data/s.csv/"), &[("data/s.csv", b"nps,comment\n9,a\n")]);
    build(&p).expect(1).stderr_has(&["the path ends with `/`", "write `data/s.csv`"]);
}

#[test]
fn a_column_of_which_a_twentieth_cannot_be_used_is_a_warning_not_only_a_line_on_the_quality_page() {
    // Half points on a 0–10 scale: 2 of 20 values (10 %) are no whole number.
    let mut csv = String::from("nps,comment\n");
    for i in 0..18 {
        csv += &format!("{},fine\n", i % 11);
    }
    csv += "8.5,half\n9.5,half\n";
    let (_, run) = built(csv.as_bytes());
    run.expect(0).stderr_has(&["2 of the 20 values of column `nps` (10%) could not be used (", "8.5"]);
    // One in 21 (under 5 %) is for the quality page alone.
    let mut csv = String::from("nps,comment\n");
    for i in 0..20 {
        csv += &format!("{},fine\n", i % 11);
    }
    csv += "8.5,half\n";
    let (_, run) = built(csv.as_bytes());
    run.expect(0).stderr_lacks(&["could not be used"]);
}

#[test]
fn a_header_row_past_the_end_of_the_file_names_the_line_of_cxsite_yaml_that_sets_it() {
    for n in ["40", "99999999999"] {
        let yaml = YAML.replace("path: data/s.csv\n", &format!("path: data/s.csv\n    header_row: {n}\n"));
        let p = Proj::new(&yaml, &[("data/s.csv", b"nps,comment\n9,a\n")]);
        build(&p).expect(1).stderr_has(&[
            "data/s.csv:",
            &format!("fewer than {n} lines"),
            "(`header_row:` at cxsite.yaml:12:17)",
        ]);
    }
}

#[test]
fn an_unclosed_quote_that_swallows_the_rest_of_the_file_is_a_located_error() {
    let (_, run) = built(b"nps,comment\n9,\"good\n3,bad\n5,ok\n");
    run.expect(1).stderr_has(&["data/s.csv:2", "quote"]);
}

#[test]
fn a_quote_that_closes_late_and_changes_the_field_count_is_a_located_error() {
    let (_, run) = built(b"nps,comment\n9,good\n3,\"bad\n5,ok\",extra\n10,x\n");
    run.expect(1).stderr_has(&["data/s.csv:", "fields but the header has 2", "unclosed quote"]);
}

#[test]
fn a_stray_quote_inside_a_field_gives_the_right_numbers() {
    let (p, run) = built(b"nps,comment\n9,go\"od\n3,\"ba\"d\"\n10,ok\n");
    run.expect(0);
    assert_eq!(overall_nps(&p.public()).0, 3);
}

/// Fifteen rows after an opening quote that a stray quote in a later cell closes: the csv
/// crate reads one record of the header's width (issue 13).
fn stray_quote_file() -> Vec<u8> {
    let mut bytes = b"nps,comment\n9,good\n3,\"bad\n".to_vec();
    for i in 0..15 {
        bytes.extend_from_slice(format!("{},row {i}\n", i % 11).as_bytes());
    }
    bytes.extend_from_slice(b"10,he said \"wow\n8,after\n");
    bytes
}

#[test]
fn a_stray_quote_that_swallows_rows_of_the_header_width_is_an_error_at_the_line_the_quote_opened() {
    let (p, run) = built(&stray_quote_file());
    run.expect(1).stderr_has(&["data/s.csv:3:", "closes only on line 19", "stray quote", "skip_malformed_rows"]);
    assert!(!p.public().exists());
}

#[test]
fn with_skip_malformed_rows_a_swallowing_record_is_rejected_and_counted() {
    let yaml = YAML.replace("    scores:", "    skip_malformed_rows: true\n    scores:");
    let p = Proj::new(&yaml, &[("data/s.csv", &stray_quote_file())]);
    build(&p).expect(0);
    let json = metrics_json(&p.public());
    let q = &json["quality"]["datasets"][0];
    assert_eq!(q["rows_read"].as_u64(), Some(3));
    assert_eq!(q["rows_rejected"].as_u64(), Some(1));
    let t = &q["rejected_rows"]["quoted cell swallows rows"];
    assert_eq!(t["count"].as_u64(), Some(1), "{q}");
    assert!(t["examples"][0].as_str().unwrap().starts_with("data/s.csv:3: the quote opened on this line"), "{t}");
    assert_eq!(overall_nps(&p.public()).0, 2);
}

#[test]
fn a_legitimate_multi_line_comment_is_still_one_record() {
    let comment =
        "Dear team,\n\nthe store was fine, the staff too.\n- queue\n- parking\n- 3 tills, 1 open\n\nThanks,\nA.";
    let bytes = format!("nps,comment\n9,\"{comment}\"\n3,bad\n");
    let (p, run) = built(bytes.as_bytes());
    run.expect(0);
    assert_eq!(overall_nps(&p.public()).0, 2);
    let json = metrics_json(&p.public());
    assert_eq!(json["quality"]["datasets"][0]["rows_rejected"].as_u64(), Some(0));
}

#[test]
fn a_semicolon_file_is_detected_and_read_with_the_right_numbers() {
    let (p, run) = built(b"nps;comment\n9;good, really\n3;bad\n10;ok\n");
    run.expect(0);
    let (n, v) = overall_nps(&p.public());
    assert_eq!(n, 3);
    assert!((v - 100.0 / 3.0).abs() < 1e-3, "{v}");
}

#[test]
fn a_declared_delimiter_that_is_wrong_is_an_error_listing_the_columns_it_found() {
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    delimiter: \",\"\n");
    let p = Proj::new(&yaml, &[("data/s.csv", b"nps;comment\n9;good\n")]);
    build(&p).expect(1).stderr_has(&["cxsite.yaml:16:22:", "has no column `nps`", "its columns are: nps;comment"]);
}

#[test]
fn duplicate_header_names_are_an_error_where_the_project_reads_one() {
    // Issue 16: a repeated name is an error only when the project reads it, at the YAML line
    // that names it, listing the columns by position.
    let (_, run) = built(b"nps,comment,nps\n9,a,1\n");
    run.expect(1).stderr_has(&["data/s.csv", "2 columns are named `nps`: `$1` \"nps\", `$3` \"nps\""]);
    // Names that differ only by surrounding spaces are the same name.
    let (_, run) = built(b"nps,comment, comment \n9,a,b\n");
    run.expect(1).stderr_has(&["data/s.csv", "2 columns are named `comment`"]);
    // A repeated column the project never reads does not block the file.
    let (_, run) = built(b"nps,comment,extra,extra\n9,a,b,c\n");
    run.expect(0);
}

#[test]
fn cr_only_line_endings_give_the_right_numbers() {
    let (p, run) = built(b"nps,comment\r9,good\r3,bad\r10,x\r6,y");
    run.expect(0);
    let (n, v) = overall_nps(&p.public());
    assert_eq!(n, 4);
    assert_eq!(v, 0.0);
    assert_site_clean(&p.public());
}

#[test]
fn nul_bytes_in_cells_are_skipped_or_replaced_and_located() {
    let (p, run) = built(b"nps,comment\n9,go\0od\n\x003,bad\n10,x\0\n");
    run.expect(0);
    let site = p.public();
    assert_site_clean(&site);
    assert_eq!(overall_nps(&site).0, 2, "the score \\0 3 is not a number");
    let quality = page(&site, "quality.html");
    assert!(quality.texts("code").iter().any(|c| c.starts_with("data/s.csv:3:nps:")), "{:?}", quality.texts("code"));
    let q = page(&site, "touchpoints/web.html").texts("q");
    assert!(q.contains(&"go\u{fffd}od".to_string()), "{q:?}");
}

#[test]
fn a_nul_byte_in_the_header_is_a_missing_column_not_a_crash() {
    let (_, run) = built(b"n\0ps,comment\n9,a\n");
    run.expect(1).stderr_has(&["has no column `nps`"]);
}

#[test]
fn an_empty_file_is_an_error_naming_it() {
    let (_, run) = built(b"");
    run.expect(1).stderr_has(&["data/s.csv:", "the file is empty: no header row"]);
    // A file of blank lines and a BOM is empty too.
    let (_, run) = built(b"\xef\xbb\xbf");
    run.expect(1).stderr_has(&["data/s.csv:"]);
}

#[test]
fn a_header_only_file_builds_a_site_with_no_numbers() {
    let (p, run) = built(b"nps,comment\n");
    run.expect(0);
    assert!(run.stdout.contains("from 0 rows"), "{}", run.stdout);
    assert_site_clean(&p.public());
    assert!(crate::site::metrics_csv(&p.public()).is_empty());
}

#[test]
fn malformed_rows_fail_the_build_unless_skipping_them_is_opted_into() {
    let bytes: &[u8] = b"nps,comment\n9,a\n9,a,extra\n10,b\n3,c,,more\n";
    let (_, run) = built(bytes);
    run.expect(1).stderr_has(&[
        "data/s.csv:3:",
        "this row has 3 fields but the header has 2",
        "skip_malformed_rows: true",
    ]);
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    skip_malformed_rows: true\n");
    let p = Proj::new(&yaml, &[("data/s.csv", bytes)]);
    build(&p).expect(0);
    let site = p.public();
    assert_site_clean(&site);
    assert_eq!(overall_nps(&site).0, 2);
    let examples = page(&site, "quality.html").texts("code");
    for line in ["data/s.csv:3:", "data/s.csv:5:"] {
        assert!(
            examples.iter().any(|e| e.starts_with(line) && e.contains("different number of fields")),
            "{examples:?}"
        );
    }
    // --strict turns the skipped rows back into a failure.
    cxsite_limited(p.tmp(), ["build", "--strict", "project"], &[], LIMIT)
        .expect(1)
        .stderr_has(&["wrong number of fields"]);
}

#[test]
fn a_short_row_is_padded_with_empty_cells_and_counted() {
    // Older Excel leaves out a row's trailing empty fields: line 3 lacks its comment, line 4
    // both cells after the first (a header of three). Every row is read.
    let yaml = YAML.replace("    scores:", "    dimensions: [store]\n    scores:");
    let csv: &[u8] = b"nps,comment,store\n9,great,A\n10\n3,,\n7,slow\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0).stderr_lacks(&["cut in two"]);
    assert_eq!(overall_nps(&p.public()).0, 4);
    // Line 3's one field after line 2's three add up to a record cut in two, but every cell
    // of it reads well: a short row as Excel writes it, not told of.
    assert!(!page(&p.public(), "quality.html").text("main").contains("cut in two"));
}

#[test]
fn a_record_cut_by_an_unquoted_line_break_is_told_of_on_the_quality_page_and_fails_strict() {
    // Line 3 is the end of line 2's comment; line 5 holds the score of line 4, whose comment
    // was cut in a middle cell (header: nps, comment, store).
    let yaml = YAML.replace("    scores:", "    dimensions: [store]\n    scores:");
    let csv: &[u8] = b"nps,comment,store\n9,great service,A\nbut a long queue\n3,slow\nreally slow,B\n10,fine,B\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0).stderr_has(&[
        "data/s.csv has short rows that look like the rest of the row before them, cut in two by a line break",
        "the first at line 3: 1 of the header's 3 fields, after line 2's 3; 2 in all",
    ]);
    let quality = page(&p.public(), "quality.html").text("main");
    assert!(quality.contains("cut in two by a line break in a cell that is not quoted"), "{quality}");
    cxsite_limited(p.tmp(), ["build", "--strict", "project"], &[], LIMIT).expect(1).stderr_has(&[
        "--strict: 2 × a short row that looks like the rest of the row before it",
        "data/s.csv:3: 1 of the header's 3 fields, right after line 2's 3",
    ]);
    // In Chinese the warning is the catalogue's, the numbers kept.
    let zh = Proj::new(&yaml.replace("min_n: 1\n", "min_n: 1\nlocale: zh-CN\n"), &[("data/s.csv", csv)]);
    build(&zh).expect(0);
    let quality = page(&zh.public(), "quality.html").text("main");
    assert!(quality.contains("未加引号的单元格里的换行把一条记录截成了两行（第一处在第 3 行"), "{quality}");
}

/// A quote left open at the end of a row runs on into the next row, up to that row's own
/// opening quote: the record still has the header's width, so it was read as one row without
/// a word ("from 4 rows, 0 rejected" for five). Now a warning names the line, the quality page
/// says it, and `--strict` fails. (Three or more rows taken in are an error already.)
#[test]
fn a_quote_left_open_that_takes_in_the_next_row_is_told_of_and_fails_strict() {
    let yaml = YAML.replace("    scores:", "    dimensions: [store, id, tag]\n    scores:");
    let csv: &[u8] =
        b"nps,id,store,tag,comment\n9,R1,A,x,\"fine\"\n3,R2,A,x,\"left open\n10,R3,B,x,\"great\"\n7,R4,B,x,\"ok\"\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0).stderr_has(&[
        "data/s.csv has a quoted cell at line 3 that runs on over a line break into what reads as a whole row (1 in all)",
    ]);
    // R3's 10 is inside R2's comment: three answers, not four.
    assert_eq!(overall_nps(&p.public()).0, 3);
    let quality = page(&p.public(), "quality.html").text("main");
    assert!(quality.contains("a quote left open takes in the row after it"), "{quality}");
    cxsite_limited(p.tmp(), ["build", "--strict", "project"], &[], LIMIT).expect(1).stderr_has(&[
        "--strict: 1 × a quote left open that takes in the row after it",
        "data/s.csv:3: a quoted cell runs on to line 4, which reads as a whole row",
    ]);
    // A comment of two paragraphs is no such cell.
    let csv: &[u8] = b"nps,id,store,tag,comment\n9,R1,A,x,\"fine\nreally, truly\"\n3,R2,A,x,ok\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0).stderr_lacks(&["quoted cell"]);
    let zh = Proj::new(
        &yaml.replace("min_n: 1\n", "min_n: 1\nlocale: zh-CN\n"),
        &[("data/s.csv", b"nps,id,store,tag,comment\n3,R2,A,x,\"left open\n10,R3,B,x,\"great\"\n")],
    );
    build(&zh).expect(0);
    let quality = page(&zh.public(), "quality.html").text("main");
    assert!(quality.contains("第 2 行有一个加引号的单元格越过换行"), "{quality}");
}

/// A row pasted from an export in another delimiter (`R4;9;ok;A;x` in a comma-separated file
/// of five columns) is one field to the reader: an error naming the line and the delimiter, or,
/// with `skip_malformed_rows: true`, a skipped row counted as such. Before, it was padded, told
/// of as the tail of a cell cut by a line break, and rejected as having no score.
#[test]
fn a_row_in_another_delimiter_is_an_error_naming_it() {
    let yaml = YAML.replace("    scores:", "    dimensions: [store]\n    scores:");
    let csv: &[u8] = b"nps,comment,store,id,tag\n9,great,A,R1,x\n10,fine,B,R2,x\n3;slow;A;R3;x\n7,ok,B,R4,x\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(1).stderr_has(&[
        "data/s.csv:4:",
        "this row is one field that `;` splits into 5 (the header's 5 fields are split by `,`)",
        "skip_malformed_rows: true",
    ]);
    let yaml = yaml.replace("    touchpoint: web\n", "    touchpoint: web\n    skip_malformed_rows: true\n");
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0).stderr_lacks(&["cut in two"]);
    assert_eq!(overall_nps(&p.public()).0, 3);
    let examples = page(&p.public(), "quality.html").texts("code");
    assert!(examples.iter().any(|e| e.starts_with("data/s.csv:4:")), "{examples:?}");
}

#[test]
fn empty_fields_past_the_header_are_ignored_but_filled_ones_are_an_error_naming_the_widths() {
    // Every data row ends with the delimiter (the header does not): one empty field more.
    let (p, run) = built(b"nps,comment\n9,a,\n10,b,\n3,c,\n");
    run.expect(0);
    assert_eq!(overall_nps(&p.public()).0, 3);
    // A field past the header's that holds something is not dropped silently.
    let (_, run) = built(b"nps,comment\n9,a,\n10,b,x\n3,c,\n");
    run.expect(1).stderr_has(&["data/s.csv:3:", "3 fields but the header has 2", "not all empty"]);
    // When all rows hold something past the header, the header is not taken for a preamble
    // above a header that is plainly a row of data.
    let (_, run) = built(b"nps,comment\n9,a,x\n10,b,y\n3,c,z\n");
    run.expect(1).stderr_has(&["data/s.csv:", "3 fields but the header has 2"]).stderr_lacks(&["header_row"]);
}

#[test]
fn the_delimiter_is_guessed_from_the_rows_when_question_texts_hold_commas() {
    // Four semicolons and four commas in the header; the rows split only at semicolons.
    let yaml = YAML.replace("column: nps", "column: \"How likely, 0 to 10, to recommend us?\"");
    let csv: &[u8] = "id;When, roughly?;How likely, 0 to 10, to recommend us?;Satisfaction, overall;comment\n\
        1;2024-06-01;9;4;ok\n2;2024-06-02;10;5;fine\n3;2024-06-03;3;2;slow\n"
        .as_bytes();
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0);
    assert_eq!(overall_nps(&p.public()).0, 3);
    // Declared wrongly, a column the other delimiter would give names the setting.
    let p = Proj::new(
        &YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    delimiter: \",\"\n"),
        &[("data/s.csv", b"nps;comment\n9;ok\n10;fine\n")],
    );
    build(&p).expect(1).stderr_has(&["has no column `nps`", "split at `;`", "set `delimiter: \";\"`"]);
}

#[test]
fn a_quote_or_a_line_end_as_delimiter_is_refused_at_its_line() {
    for d in ["'\"'", "\"\\n\""] {
        let yaml = YAML.replace("    touchpoint: web\n", &format!("    touchpoint: web\n    delimiter: {d}\n"));
        let p = Proj::new(&yaml, &[("data/s.csv", b"nps,comment\n9,ok\n")]);
        build(&p).expect(1).stderr_has(&["cxsite.yaml:13:16:", "cannot split a CSV file"]);
    }
}

#[test]
fn nul_padding_or_a_ctrl_z_at_the_end_of_the_file_is_no_row() {
    for end in [&b"\0\0\0\0\0\0\0\0"[..], b"\x1a", b"\r\n\x1a"] {
        let csv = [&b"nps,comment\r\n9,ok\r\n10,fine\r\n3,slow"[..], end].concat();
        let (p, run) = built(&csv);
        run.expect(0);
        assert_eq!(overall_nps(&p.public()).0, 3, "{end:?}");
    }
}

#[test]
fn a_header_row_set_on_a_row_of_data_is_named_with_the_missing_column() {
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    header_row: 2\n");
    let p = Proj::new(&yaml, &[("data/s.csv", b"nps,comment\n9,ok\n10,fine\n")]);
    build(&p)
        .expect(1)
        .stderr_has(&["has no column `nps`", "line 2, read as the header (`header_row: 2`), reads as a row of data"]);
}

#[test]
fn a_blank_line_above_the_header_names_the_header_row_to_set() {
    let (_, run) = built(b"\nnps,comment\n9,ok\n10,fine\n");
    run.expect(1).stderr_has(&["data/s.csv:1:", "line 2 looks like the header: set `header_row: 2`"]);
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    header_row: 2\n");
    let p = Proj::new(&yaml, &[("data/s.csv", b"\nnps,comment\n9,ok\n10,fine\n")]);
    build(&p).expect(0);
    assert_eq!(overall_nps(&p.public()).0, 2);
}

#[test]
fn a_surveymonkey_export_without_its_options_row_says_the_row_seems_missing() {
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    export: surveymonkey\n");
    let csv: &[u8] =
        b"Respondent ID,Collector ID,nps,comment\n114523098712,431234567,9,ok\n114523098713,431234567,3,slow\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(1).stderr_has(&["data/s.csv:1:", "line 2 reads as answers", "the row of options seems missing"]);
}

#[test]
fn utf_8_with_one_character_cut_short_is_told_to_declare_utf_8_which_skips_that_cell() {
    let mut csv = "nps,comment\n".to_string();
    for i in 0..20 {
        csv += &format!("{},服务很好，下次还来\n", i % 11);
    }
    let mut bytes = csv.into_bytes();
    // Line 22: the comment ends in the first two bytes of 来 (E6 9D A5).
    bytes.extend_from_slice(b"9,\xe6\x9d\n10,ok\n");
    let (_, run) = built(&bytes);
    run.expect(1)
        .stderr_has(&["data/s.csv:22:", "bytes E6 9D", "the rest of the file is UTF-8", "set `encoding: utf-8`"])
        .stderr_lacks(&["windows-1252"]);
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    encoding: utf-8\n");
    let p = Proj::new(&yaml, &[("data/s.csv", &bytes)]);
    build(&p).expect(0);
    assert_eq!(overall_nps(&p.public()).0, 22);
    // Declared windows-1252, the same file would be garbled: the build warns.
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    encoding: windows-1252\n");
    let p = Proj::new(&yaml, &[("data/s.csv", &bytes)]);
    build(&p).expect(0).stderr_has(&["is read as windows-1252, but its bytes look like utf-8"]);
}

#[test]
fn shift_jis_and_big5_files_are_told_their_own_encoding() {
    let text = "nps,comment\n9,とても良いサービスでした。また来ます。\n3,待ち時間が長すぎる\n10,店員さんが親切\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let (_, run) = built(&sjis);
    run.expect(1).stderr_has(&["data/s.csv:2:", "set `encoding: shift_jis`"]);
    let text = "nps,comment\n9,服務很好，下次還會再來\n3,排隊等太久了\n10,店員非常親切\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(text);
    let (_, run) = built(&big5);
    run.expect(1).stderr_has(&["data/s.csv:2:", "set `encoding: big5`"]);
    // Followed, the advice reads the text back.
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    encoding: big5\n");
    let p = Proj::new(&yaml, &[("data/s.csv", &big5)]);
    build(&p).expect(0).stderr_lacks(&["look like"]);
    assert_eq!(overall_nps(&p.public()).0, 3);
}

#[test]
fn invalid_utf_8_is_an_error_at_its_row_with_the_encoding_hint() {
    // Bytes that are no GB18030 (0xFF leads nothing): read as single-byte text they are ÿþÄ.
    let (_, run) = built(b"nps,comment\n9,ok\n9,\xff\xfe\xc4\n");
    run.expect(1).stderr_has(&["data/s.csv:3:", "not valid UTF-8", "encoding: windows-1252"]);
    // 上海 in GBK.
    let (_, run) = built(b"nps,comment\n9,ok\n9,\xc9\xcf\xba\xa3\n");
    run.expect(1).stderr_has(&["data/s.csv:3:", "not valid UTF-8", "encoding: gb18030"]);
}

#[test]
fn numbers_that_are_not_plain_whole_numbers_on_the_scale_are_skipped_and_counted_never_read_as_0() {
    let cells = [
        "NaN",
        "inf",
        "-inf",
        "1e308",
        "1e1",
        "9223372036854775808",
        "-0",
        "0x10",
        "٣",
        "１０",
        "10.5",
        "+9",
        " 7 ",
        "7分",
        "10 - Extremely likely",
    ];
    let mut bytes = b"nps,comment\n".to_vec();
    for c in cells {
        bytes.extend_from_slice(format!("\"{c}\",x\n").as_bytes());
    }
    let (p, run) = built(&bytes);
    run.expect(0);
    let site = p.public();
    assert_site_clean(&site);
    let json = metrics_json(&site);
    let q = &json["quality"]["datasets"][0];
    let read = q["rows_read"].as_u64().unwrap();
    assert_eq!(read, cells.len() as u64);
    // Whatever cxsite reads or skips, every answer it counts is on the 0–10 scale and the
    // numbers stay finite (metrics.json parsed strictly above).
    let (n, v) = overall_nps(&site);
    assert!(n <= cells.len() as u64 && (-100.0..=100.0).contains(&v), "n = {n}, NPS = {v}");
    let skipped: u64 =
        q["problems"].as_object().map(|m| m.values().map(|t| t["count"].as_u64().unwrap()).sum()).unwrap_or(0);
    // `NaN` is pandas' blank, read as one (as `NULL` is): no answer and nothing skipped.
    assert_eq!(n + skipped + 1, cells.len() as u64, "every other cell is either an answer or counted as skipped");
}

#[test]
fn a_date_far_in_the_future_is_counted_as_unreadable_and_does_not_become_the_latest_period() {
    let yaml = YAML.replace("columns: { comment: comment }", "columns: { comment: comment, date: date }");
    let mut bytes = b"nps,comment,date\n".to_vec();
    for i in 0..40 {
        bytes.extend_from_slice(format!("{},ok,2024-03-{:02}\n", i % 11, 1 + i % 28).as_bytes());
    }
    bytes.extend_from_slice(b"0,evil,+99999-01-01\n0,evil,9999999999999\n0,evil,-0001-02-03\n");
    let p = Proj::new(&yaml, &[("data/s.csv", &bytes)]);
    build(&p).expect(0);
    let periods: Vec<String> = crate::site::metrics_csv(&p.public())
        .into_iter()
        .filter(|r| r[0] == "period" && r[2] == "nps")
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(periods, ["2024-03"]);
    let index = page(&p.public(), "index.html");
    assert!(index.texts(".tile-scope").iter().all(|s| s.contains("2024")), "{:?}", index.texts(".tile-scope"));
}

#[test]
fn terminal_escape_sequences_in_a_header_never_reach_the_terminal_raw() {
    let (_, run) = built(b"nps,comment,\x1b]0;owned\x07\x1b[2J\n9,a,b\n");
    run.expect(0);
    let (_, run) = built(b"\x1b[31mnps,comment\n9,a\n");
    run.expect(1).stderr_has(&["has no column `nps`"]);
    assert!(!run.stderr.contains('\u{1b}'), "ESC on stderr: {:?}", run.stderr);
    let (_, run) = built(b"nps,\x1b[2Jx,\x1b[2Jx\n9,a,b\n");
    run.expect(1).stderr_has(&["has no column `comment`", "[2Jx"]);
    assert!(!run.stderr.contains('\u{1b}'), "ESC on stderr: {:?}", run.stderr);
}

#[test]
fn terminal_escape_sequences_in_a_cell_never_reach_the_terminal_of_cxsite_check() {
    let yaml = format!("{YAML}segments:\n  - {{ from_column: tier }}\n");
    let p = Proj::new(&yaml, &[("data/s.csv", b"nps,comment,tier\n9,a,\x1b]0;owned\x07\x1b[2J\n")]);
    let run = cxsite_limited(p.tmp(), ["check", "project"], &[], LIMIT);
    run.expect(0);
    assert!(!run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'), "ESC printed: {:?}", run.stdout);
}

#[test]
fn a_workbook_that_is_not_a_workbook_is_an_error_naming_it() {
    let yaml = YAML.replace("path: data/s.csv", "path: data/s.xlsx");
    for (bytes, why) in [
        (&b"PK\x03\x04garbage that claims to be a zip"[..], "looks like a zip archive but cannot be opened as one"),
        (b"", "the file is empty"),
    ] {
        let p = Proj::new(&yaml, &[("data/s.xlsx", bytes)]);
        build(&p).expect(1).stderr_has(&["data/s.xlsx:", why]);
    }
    // Files are read by what they hold, not by their name: a CSV saved as .xlsx is a CSV.
    let p = Proj::new(&yaml, &[("data/s.xlsx", b"nps,comment\n9,a\n")]);
    build(&p).expect(0);
}

#[test]
fn a_utf_16_file_cut_in_the_middle_of_a_character_is_read_or_refused_never_garbled_silently() {
    let mut bytes = vec![0xff, 0xfe];
    for unit in "nps,comment\n9,好\n10,ok\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes.push(b'x'); // half a UTF-16 code unit
    let (p, run) = built(&bytes);
    if run.code == 0 {
        assert_eq!(overall_nps(&p.public()).0, 2);
        assert_site_clean(&p.public());
    } else {
        run.expect(1).stderr_has(&["data/s.csv"]);
    }
}

/// [`YAML`] with the data file declared in `encoding`.
fn declared(encoding: &str) -> String {
    YAML.replace("path: data/s.csv", &format!("path: data/s.csv\n    encoding: {encoding}"))
}

#[test]
fn undecodable_bytes_in_a_declared_encoding_are_counted_per_column_with_row_and_column_not_replaced_silently() {
    // 很好 in GBK, then rows with a byte that is no GBK character (0xFF) in each column.
    let bytes = b"nps,comment\n9,\xba\xdc\xba\xc3\n1\xff,ok\n7,bad \xff byte\n10,fine\n";
    let p = Proj::new(&declared("gbk"), &[("data/s.csv", bytes)]);
    build(&p).expect(0);
    let json = metrics_json(&p.public());
    let q = &json["quality"]["datasets"][0];
    assert_eq!(q["rows_read"].as_u64(), Some(4));
    let nps = &q["problems"]["nps: not valid gb18030"];
    assert_eq!(nps["count"].as_u64(), Some(1), "{q}");
    assert!(nps["examples"][0].as_str().unwrap().starts_with("data/s.csv:3:nps: \"1�\""), "{nps}");
    let comment = &q["problems"]["comment: not valid gb18030"];
    assert_eq!(comment["count"].as_u64(), Some(1), "{q}");
    assert!(comment["examples"][0].as_str().unwrap().starts_with("data/s.csv:4:comment:"), "{comment}");
    // The score cell is skipped (invalid, not blank); the other rows count.
    assert_eq!(q["columns"]["nps"]["invalid"].as_u64(), Some(1), "{q}");
    assert_eq!(overall_nps(&p.public()).0, 3);
    // The skipped comment is shown only as the problem's example, never as a comment.
    for page in crate::site::pages(&p.public()).into_iter().filter(|p| p.path != "quality.html") {
        assert!(!page.raw.contains("bad \u{fffd} byte"), "{}", page.path);
    }
}

#[test]
fn a_utf_8_bom_in_a_file_declared_gbk_is_read_as_utf_8_with_a_warning() {
    let bytes = "\u{feff}nps,comment\n9,很好\n3,一般\n".as_bytes();
    let p = Proj::new(&declared("gbk"), &[("data/s.csv", bytes)]);
    build(&p).expect(0).stderr_has(&["data/s.csv starts with a UTF-8 byte-order mark", "encoding: gb18030"]);
    let site = p.public();
    let json = metrics_json(&site);
    let warnings = json["quality"]["warnings"].to_string();
    assert!(warnings.contains("UTF-8 byte-order mark"), "{warnings}");
    assert_eq!(json["quality"]["datasets"][0]["problems"].as_object().map(|m| m.len()), Some(0));
    assert_eq!(overall_nps(&site).0, 2);
    assert!(page(&site, "quality.html").raw.contains("byte-order mark"));
}

/// [`YAML`] with a dimension on column `contact`.
fn with_contact_dimension(extra: &str) -> String {
    YAML.replace("    scores:", &format!("{extra}    dimensions: [contact]\n    scores:"))
}

#[test]
fn a_breakdown_column_of_personal_identifiers_is_refused_naming_dataset_column_and_row_redacted() {
    let bytes = b"nps,comment,contact\n9,ok,web\n3,bad,li.lei@example.com\n";
    let p = Proj::new(&with_contact_dimension(""), &[("data/s.csv", bytes)]);
    let run = build(&p);
    run.expect(1).stderr_has(&[
        "data/s.csv:3:",
        "column `contact`",
        "dataset `survey`",
        "[email]",
        "allow_identifiers",
    ]);
    run.stderr_lacks(&["li.lei@example.com"]);
    assert!(!p.public().exists());
    // A phone number in a from_column segment column too.
    let yaml = format!("{YAML}segments:\n  - {{ from_column: contact, name: Contact }}\n");
    let p = Proj::new(&yaml, &[("data/s.csv", b"nps,comment,contact\n9,ok,138 0013 8000\n")]);
    build(&p).expect(1).stderr_has(&["data/s.csv:2:", "segment family `contact`", "[phone]"]);
}

/// A cell of ten megabytes in a store column made a site of a gigabyte (the value on every
/// metric row, page and file name): a breakdown value longer than 1,000 characters names no
/// group. Its row counts everywhere else, and the value is a value skipped, listed on the
/// data-quality page with its file, line and column; 1,000 characters of Chinese are a group.
#[test]
fn a_breakdown_value_too_long_to_name_a_group_is_skipped_and_listed() {
    let long = "x".repeat(10 << 20);
    let bytes = format!("nps,comment,contact\n9,ok,web\n3,bad,{long}\n");
    let p = Proj::new(&with_contact_dimension(""), &[("data/s.csv", bytes.as_bytes())]);
    let run = build(&p);
    run.expect(0);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("from 2 rows") && said.contains("1 values skipped"), "{said}");
    let total: u64 =
        std::fs::read_dir(p.public().join("data")).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(total < 1 << 20, "the downloads are {total} bytes");
    let rows = json_rows(&metrics_json(&p.public()));
    let contacts: Vec<&String> =
        rows.keys().filter(|(d, _, m)| d == "contact" && m == "nps").map(|(_, g, _)| g).collect();
    assert_eq!(contacts, ["web"]);
    // Both rows count in all customers' NPS.
    assert!(rows.iter().any(|((d, _, m), r)| d == "overall" && m == "nps" && r["n"] == 2), "{rows:?}");
    let quality = page(&p.public(), "quality.html").text("main");
    assert!(quality.contains("contact: longer than 1000 characters, not a group"), "{quality}");
    assert!(quality.contains("data/s.csv:3:contact:") && quality.contains("10485760 characters"), "{quality}");
    // The same in a from_column segment.
    let yaml = format!("{YAML}segments:\n  - {{ from_column: contact, name: Contact }}\n");
    let bytes = format!("nps,comment,contact\n9,ok,{}\n", "y".repeat(1_001));
    let p = Proj::new(&yaml, &[("data/s.csv", bytes.as_bytes())]);
    let run = build(&p);
    run.expect(0);
    assert!(format!("{}{}", run.stdout, run.stderr).contains("1 values skipped"), "{}", run.stderr);
    let bytes = format!("nps,comment,contact\n9,ok,{}\n", "店".repeat(1_000));
    let p = Proj::new(&with_contact_dimension(""), &[("data/s.csv", bytes.as_bytes())]);
    build(&p).expect(0);
    let rows = json_rows(&metrics_json(&p.public()));
    assert!(rows.keys().any(|(d, g, _)| d == "contact" && g.chars().count() == 1_000));
}

#[test]
fn allow_identifiers_opts_a_dataset_into_identifier_breakdowns() {
    let bytes = b"nps,comment,contact\n9,ok,web\n3,bad,li.lei@example.com\n";
    let p = Proj::new(&with_contact_dimension("    allow_identifiers: true\n"), &[("data/s.csv", bytes)]);
    build(&p).expect(0);
}

/// A minimal `.xlsx` (stored, not deflated) whose one sheet has the header `nps, comment,
/// c, d, e, f` and `rows` rows of answers.
fn big_xlsx(rows: usize) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let text = |r: usize, col: char, t: &str| format!(r#"<c r="{col}{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    sheet.push_str(&format!(
        r#"<row r="1">{}{}{}{}{}{}</row>"#,
        text(1, 'A', "nps"),
        text(1, 'B', "comment"),
        text(1, 'C', "c"),
        text(1, 'D', "d"),
        text(1, 'E', "e"),
        text(1, 'F', "f")
    ));
    for i in 0..rows {
        let r = i + 2;
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}"><v>{}</v></c>{}<c r="C{r}"><v>{i}</v></c><c r="D{r}"><v>1.5</v></c>{}<c r="F{r}"><v>{r}</v></c></row>"#,
            i % 11,
            text(r, 'B', "fine"),
            text(r, 'E', "x")
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    xlsx_of(&sheet, None)
}

/// A minimal `.xlsx` (stored, not deflated) of one sheet, `Data`, with this XML and, if
/// given, this shared-strings part.
pub(crate) fn xlsx_of(sheet: &str, shared_strings: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut files = vec![
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(sst) = shared_strings {
        files.push(("xl/sharedStrings.xml", sst));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Builds `p` under an address-space limit of `mb` MB; the exit code.
fn build_within(p: &Proj, mb: u64) -> Run {
    let script = format!("ulimit -v {}; exec \"$0\" build project", mb << 10);
    let out = Command::new("sh")
        .args(["-c", &script, crate::common::BIN])
        .current_dir(p.tmp())
        .env("RAYON_NUM_THREADS", "2")
        .env("MALLOC_ARENA_MAX", "2")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        timed_out: false,
        elapsed: Duration::ZERO,
    }
}

#[test]
fn an_xlsx_sheet_of_many_rows_is_read_as_a_stream_in_bounded_memory() {
    // 300,000 rows of six cells: read whole (as before issue 13), the sheet's cells alone
    // take some 160 MB over the binary's ~110 MB of address space at rest, and the build
    // dies at 200 MB; streamed, it stays far below.
    let rows = 300_000;
    let yaml = YAML.replace("path: data/s.csv", "path: data/s.xlsx");
    let p = Proj::new(&yaml, &[("data/s.xlsx", &big_xlsx(rows))]);
    build_within(&p, 200).expect(0);
    assert_eq!(overall_nps(&p.public()).0, rows as u64);
}

/// A sheet's XML with the header `nps, comment` in row 1 and these rows after it.
fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nps</t></is></c><c r="B1" t="inlineStr"><is><t>comment</t></is></c></row>{rows}</sheetData></worksheet>"#
    )
}

/// A cell reference past Excel's last column (`ZZZZZZ3`, column 321,272,406) made a row of
/// that many cells: 7.7 GB asked for from a 2.5 KB file, and the build aborted. Now the cell
/// is refused by file, sheet and cell, and memory never follows a number the file states.
#[test]
fn a_cell_past_excels_last_column_or_row_is_refused_by_file_sheet_and_cell() {
    let yaml = YAML.replace("path: data/s.csv", "path: data/s.xlsx");
    let far = [
        (
            r#"<row r="2"><c r="A2"><v>9</v></c></row><row r="3"><c r="ZZZZZZ3"><v>1</v></c></row>"#,
            "cell ZZZZZZ3",
            "XFD",
        ),
        (r#"<row r="1048577"><c r="A1048577"><v>9</v></c></row>"#, "cell A1048577", "1,048,576"),
    ];
    for (rows, cell, limit) in far {
        let p = Proj::new(&yaml, &[("data/s.xlsx", &xlsx_of(&sheet_xml(rows), None))]);
        build_within(&p, 400).expect(1).stderr_has(&["data/s.xlsx: sheet `Data`, ", cell, limit]);
    }
}

/// calamine reads a reference's column letters and row digits into 32-bit numbers that wrap:
/// `MWLQKWW3` was read as cell A3 and `A4294967297` as A1, the header — a made-up answer, or a
/// header overwritten, without a word. Such references are now refused as written.
#[test]
fn a_cell_reference_that_wraps_into_the_sheet_is_refused_not_read_as_another_cell() {
    let yaml = YAML.replace("path: data/s.csv", "path: data/s.xlsx");
    let wrapped = [
        (
            r#"<row r="2"><c r="A2"><v>9</v></c></row><row r="3"><c r="MWLQKWW3"><v>1</v></c></row>"#,
            "`MWLQKWW3`",
            "XFD",
        ),
        (
            r#"<row r="2"><c r="A2"><v>9</v></c></row><row r="4294967297"><c r="A4294967297"><v>1</v></c></row>"#,
            "`4294967297`",
            "1,048,576",
        ),
    ];
    for (rows, cell, limit) in wrapped {
        let p = Proj::new(&yaml, &[("data/s.xlsx", &xlsx_of(&sheet_xml(rows), None))]);
        build_within(&p, 400).expect(1).stderr_has(&[
            "data/s.xlsx: `xl/worksheets/sheet1.xml` has a cell ",
            cell,
            limit,
        ]);
        assert!(!p.public().exists());
    }
}

/// A shared-strings part that says it holds 10^15 strings had the reader make room for them
/// before reading one (an abort on a 1 KB file): the count is checked against the part.
#[test]
fn a_shared_strings_count_larger_than_its_part_is_refused_not_believed() {
    let yaml = YAML.replace("path: data/s.csv", "path: data/s.xlsx");
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000000"><si><t>fine</t></si></sst>"#;
    let rows = r#"<row r="2"><c r="A2"><v>9</v></c><c r="B2" t="s"><v>0</v></c></row>"#;
    let p = Proj::new(&yaml, &[("data/s.xlsx", &xlsx_of(&sheet_xml(rows), Some(sst)))]);
    build_within(&p, 400).expect(1).stderr_has(&["data/s.xlsx: ", "1000000000000000 shared strings"]);
}

/// Rows that each hold one cell in Excel's last column, XFD, are 16,384 cells wide: sent on
/// 4,096 rows at a time they took 1.6 GB per batch. Batches are now counted in cells, so
/// memory follows the cells the rows really are.
#[test]
fn rows_with_a_cell_in_the_last_column_are_read_in_bounded_memory() {
    let yaml = YAML.replace("path: data/s.csv", "path: data/s.xlsx");
    let rows: String = (2..20_000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{}</v></c><c r="XFD{r}"><v>1</v></c></row>"#, r % 11))
        .collect();
    let last = r#"<c r="XFD1" t="inlineStr"><is><t>last</t></is></c></row>"#;
    let sheet = sheet_xml(&rows).replacen("</row>", last, 1);
    let p = Proj::new(&yaml, &[("data/s.xlsx", &xlsx_of(&sheet, None))]);
    build_within(&p, 400).expect(0);
    assert_eq!(overall_nps(&p.public()).0, 19_998);
}

/// `static/` is published as is: a link in it to a file outside the project (`/etc/passwd`,
/// a shared drive) must not be, and a page or template the team linked in must not go
/// missing without a word. Before, such links were skipped silently, inside the project too.
#[test]
fn a_link_out_of_the_project_in_static_pages_or_templates_is_an_error_naming_it() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    for (folder, name) in
        [("static", "passwd"), ("pages", "shared.md"), ("templates", "base.html"), ("locales", "en.yaml")]
    {
        let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
        std::fs::write(p.tmp().join("outside"), "---\ntitle: Secret\n---\nsecret\n").unwrap();
        std::fs::create_dir_all(p.path(folder)).unwrap();
        symlink(p.tmp().join("outside"), p.path(&format!("{folder}/{name}"))).unwrap();
        build(&p).expect(1).stderr_has(&[&format!("{folder}/{name}: "), "link to a place outside the project"]);
        assert!(!p.public().exists(), "{folder}: a site was written");
    }
    // A linked folder, and a link to nothing.
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
    std::fs::create_dir_all(p.tmp().join("brand")).unwrap();
    symlink(p.tmp().join("brand"), p.path("static")).unwrap();
    build(&p).expect(1).stderr_has(&["static: ", "outside the project"]);
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
    std::fs::create_dir_all(p.path("static")).unwrap();
    symlink("gone.png", p.path("static/logo.png")).unwrap();
    build(&p).expect(1).stderr_has(&["static/logo.png: ", "link to nothing"]);
    // Links in a loop: to the folder itself and to the project, each named, in words.
    for (folder, target, held_by) in [("static", ".", "`static`"), ("pages", "..", "the project folder")] {
        let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
        std::fs::create_dir_all(p.path(folder)).unwrap();
        symlink(target, p.path(&format!("{folder}/again"))).unwrap();
        let run = build(&p);
        run.expect(1).stderr_has(&[&format!("{folder}/again: "), held_by, "holds the link itself", "remove the link"]);
        run.stderr_lacks(&["File system loop"]);
        assert!(!p.public().exists(), "{folder}: a site was written");
    }
}

/// Links that reach one folder many ways: two in each folder to the next (`d0/x`, `d0/y` →
/// `d1` …) copied `d16` 65,536 times (131,071 files, 1.6 GB) and at depth 22 ran past two
/// minutes. A link to a folder of static/ itself, or to a folder another link reached, is an
/// error naming it; one link to a shared folder elsewhere in the project still works.
#[test]
fn links_that_lead_to_one_folder_many_ways_are_refused_not_copied_many_times() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
    for d in 0..=20 {
        std::fs::create_dir_all(p.path(&format!("static/d{d}"))).unwrap();
        std::fs::write(p.path(&format!("static/d{d}/f.txt")), "f").unwrap();
        if d < 20 {
            symlink(format!("../d{}", d + 1), p.path(&format!("static/d{d}/x"))).unwrap();
            symlink(format!("../d{}", d + 1), p.path(&format!("static/d{d}/y"))).unwrap();
        }
    }
    let started = std::time::Instant::now();
    let run = build(&p);
    run.expect(1).stderr_has(&[
        "static/d0/x: ",
        "link to the folder `static/d1`",
        "published already",
        "remove the link",
    ]);
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "refused at once, not walked 2^20 times");
    assert!(!p.public().exists(), "a site was written");
    // Two links to one shared folder outside static/: the first is published, the second named.
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey), ("shared/logo.txt", b"logo")]);
    std::fs::create_dir_all(p.path("static")).unwrap();
    symlink("../shared", p.path("static/a")).unwrap();
    build(&p).expect(0);
    assert_eq!(std::fs::read(p.public().join("static/a/logo.txt")).unwrap(), b"logo");
    symlink("../shared", p.path("static/b")).unwrap();
    build(&p).expect(1).stderr_has(&["static/b: ", "link to the folder `shared`", "published already"]);
}

#[test]
fn links_that_stay_inside_the_project_bring_their_page_and_static_file() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    let p = Proj::new(
        fixture::YAML,
        &[
            ("data/survey.csv", &survey),
            ("shared/about.md", b"---\ntitle: About us\n---\nShared page.\n"),
            ("shared/logo.txt", b"logo"),
        ],
    );
    std::fs::create_dir_all(p.path("pages")).unwrap();
    std::fs::create_dir_all(p.path("static")).unwrap();
    symlink("../shared/about.md", p.path("pages/about.md")).unwrap();
    symlink("../shared/logo.txt", p.path("static/logo.txt")).unwrap();
    build(&p).expect(0);
    assert_eq!(std::fs::read(p.public().join("static/logo.txt")).unwrap(), b"logo");
    let about = std::fs::read_to_string(p.public().join("pages/about.html")).unwrap();
    assert!(about.contains("Shared page."), "{about}");
}

/// `static/` is published as is, so the raw data must not reach it: a link in it into data/
/// (a file or the whole folder), or to a dataset kept elsewhere in the project, is refused;
/// so is a page of static/ that links to the data, from where the site sits in the project.
#[test]
fn static_files_never_publish_or_link_to_the_raw_data() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    // A link to a file of data/, and a static/ that is a link to data/.
    for (link, target, shown) in
        [("static/survey.csv", "../data/survey.csv", "static/survey.csv: "), ("static", "data", "static/survey.csv: ")]
    {
        let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
        if link != "static" {
            std::fs::create_dir_all(p.path("static")).unwrap();
        }
        symlink(target, p.path(link)).unwrap();
        build(&p).expect(1).stderr_has(&[shown, "a file of the project's data", "never"]);
        assert!(!p.public().exists(), "{link}: a site was written");
    }
    // A dataset outside data/, linked into static/.
    let yaml = fixture::YAML.replace("data/survey.csv", "exports/survey.csv");
    let p = Proj::new(&yaml, &[("exports/survey.csv", &survey)]);
    std::fs::create_dir_all(p.path("static/raw")).unwrap();
    symlink("../../exports/survey.csv", p.path("static/raw/s.csv")).unwrap();
    build(&p).expect(1).stderr_has(&["static/raw/s.csv: ", "a dataset of cxsite.yaml"]);
    // A page of static/ that links to the data (above the site, or into the site's data/).
    let html = b"<p>Raw:\n<a href=\"../../data/survey.csv\">all answers</a>\n<img src='../data/survey.csv'></p>\n";
    let css = b"body{}\nh1{background:url(../../../data/survey.csv)}\n";
    let p =
        Proj::new(fixture::YAML, &[("data/survey.csv", &survey), ("static/raw.html", html), ("static/css/x.css", css)]);
    build(&p).expect(1).stderr_has(&[
        "static/css/x.css:2:",
        "static/raw.html:2:",
        "the link `../../data/survey.csv` leads above the site's top folder",
        "static/raw.html:3:",
        "the link `../data/survey.csv` points into the site's data/ folder",
    ]);
    assert!(!p.public().exists(), "a site was written");
    // A plain copy of the dataset under another name (not a link): the same raw data.
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey), ("static/files/answers.csv", &survey)]);
    build(&p)
        .expect(1)
        .stderr_has(&["static/files/answers.csv: ", "the same bytes as the dataset file data/survey.csv"]);
    assert!(!p.public().exists(), "a site was written");
    // A file of the same length but other bytes is published.
    let mut other = survey.clone();
    other[0] = b'#';
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey), ("static/files/other.csv", &other)]);
    build(&p).expect(0);
    assert!(p.public().join("static/files/other.csv").exists());
}

/// Regression: a plan `Max` (or `Min`) first on its rows was a totals label, and a third of
/// the answers were left out. Held until the file is read, a label on many rows is a value,
/// across every worker's part of a file of many chunks; one at the end is a summary still.
#[test]
fn a_totals_label_on_many_rows_of_a_large_file_is_a_value() {
    let yaml = "title: Plans\nmin_n: 1\njourney:\n  stages:\n    - id: use\n      name: Use\n      touchpoints:\n        - { id: app, name: App }\nsegments:\n  - { from_column: plan, id: plan, name: Plan }\ndatasets:\n  - id: s\n    path: data/s.csv\n    format: long\n    touchpoint: app\n    scores:\n      nps: { column: nps }\n";
    // 200,000 rows: plans Free, Max, Min, Pro in turn, answers 10, 9, 6, 3 in turn (the plan
    // is the row's number mod 4 and the answer its number mod 4 too, so each plan has one
    // answer): Free 10, Max 9, Min 6, Pro 3 — and one more `Max,,10`. NPS overall (100,001
    // promoters − 100,000 detractors) / 200,001 = 0.0005 %; Max +100, Min −100.
    let mut csv = String::from("plan,seats,nps\n");
    for i in 0..200_000 {
        csv += &format!("{},{},{}\n", ["Free", "Max", "Min", "Pro"][i % 4], i % 97, [10, 9, 6, 3][i % 4]);
    }
    csv += "Max,,10\nMedian,,7\n";
    let p = Proj::new(yaml, &[("data/s.csv", csv.as_bytes())]);
    build(&p).expect(0);
    let metrics = std::fs::read_to_string(p.public().join("data/metrics.csv")).unwrap();
    let row = |prefix: &str| {
        metrics.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix}")).to_string()
    };
    assert!(row("overall,all,nps,").starts_with("overall,all,nps,200001,0.0005,"), "{}", row("overall,all,nps,"));
    assert!(
        row("segment,plan:Max,nps,").starts_with("segment,plan:Max,nps,50001,100.0000"),
        "{}",
        row("segment,plan:Max,")
    );
    assert!(
        row("segment,plan:Min,nps,").starts_with("segment,plan:Min,nps,50000,-100.0000"),
        "{}",
        row("segment,plan:Min,")
    );
    // `Median` once: the export's summary, left out and said.
    let quality = std::fs::read_to_string(p.public().join("quality.html")).unwrap();
    assert!(quality.contains("Median"), "the summary line is not named");
}

/// Regression: whether a totals label was a value was decided by each worker on its share of
/// the file, so the figures changed with the number of threads; and a sheet closing each day
/// with its average (`平均`) had the averages counted as answers. The verdict now rests on the
/// whole file's count (read twice when a worker cannot hold its rows), sums and means are
/// never values, and a dataset with dates keeps its blank-dated lines out as before.
#[test]
fn a_totals_label_is_judged_on_the_whole_file_whatever_the_threads() {
    let yaml = "title: Plans\nmin_n: 1\njourney:\n  stages:\n    - id: use\n      name: Use\n      touchpoints:\n        - { id: app, name: App }\nsegments:\n  - { from_column: plan, id: plan, name: Plan }\ndatasets:\n  - id: s\n    path: data/s.csv\n    format: long\n    touchpoint: app\n    scores:\n      nps: { column: nps }\n";
    // `Max` on one row in a hundred (2,400 of 240,000: a summary line, left out) and on one in
    // ten (24,000: a plan, more than a worker holds, so the file is read twice).
    for (every, max_rows) in [(100, None), (10, Some(24_000))] {
        let mut csv = String::from("plan,nps,country\n");
        for i in 0..240_000 {
            let plan = if i % every == 0 { "Max" } else { ["Free", "Pro"][i % 2] };
            csv += &format!("{plan},{},C{}\n", i % 11, i % 7);
        }
        let p = Proj::new(yaml, &[("data/s.csv", csv.as_bytes())]);
        let metrics = |threads: &str| {
            let out = p.tmp().join(format!("site-{threads}"));
            p.build_env(&out, &[("RAYON_NUM_THREADS", threads)]).expect(0);
            std::fs::read_to_string(out.join("data/metrics.csv")).unwrap()
        };
        let one = metrics("1");
        assert_eq!(one, metrics("3"), "the figures depend on the number of threads");
        let max = one.lines().find(|l| l.starts_with("segment,plan:Max,nps,"));
        match max_rows {
            None => assert!(max.is_none(), "{max:?}"),
            Some(n) => assert!(max.is_some_and(|l| l.starts_with(&format!("segment,plan:Max,nps,{n},"))), "{max:?}"),
        }
    }
    // A dated sheet whose days each end with their average: 10 days of 8 answers.
    let mut rows = Vec::new();
    for d in 1..=10 {
        for k in 0..8 {
            rows.push(format!("R{d}-{k},2024-03-{d:02},web,S1,North,gold,30,{},{},", k + 2, 1 + k % 5));
        }
        rows.push("平均,,,,,,,,4,".to_string());
    }
    let csv = format!("{}\n{}\n", fixture::HEADER.join(","), rows.join("\n"));
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", csv.as_bytes())]);
    build(&p).expect(0);
    let metrics = std::fs::read_to_string(p.public().join("data/metrics.csv")).unwrap();
    assert!(metrics.contains("\noverall,all,csat,80,"), "{metrics:.600}");
}

/// A large file of `static/` (a video) was read whole into memory, by `check` too: 8 GiB
/// cost 8.4 GB. Now it is copied as it is, streamed, and only text up to 16 MiB is read for
/// the link check; a larger text file is refused, since its links could not be checked. A
/// dataset's copy of the same length is still found (compared block by block).
#[test]
fn a_large_static_file_is_copied_unread_and_a_large_text_file_refused() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
    std::fs::create_dir_all(p.path("static/media")).unwrap();
    // 160 MiB of a binary file (sparse: zeros, then a marker at its end), built in 200 MB of
    // address space (this build needs some 60 MB in a release build, 120–160 MB in a debug
    // one, as CI runs it): with the 168 MB file besides, it cannot be read whole. Kept this
    // small because its copy in the site is not sparse, and CI's disk is shared.
    let video = p.path("static/media/launch.mp4");
    let f = std::fs::File::create(&video).unwrap();
    f.set_len(160 << 20).unwrap();
    drop(f);
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&video).unwrap();
        f.seek(SeekFrom::End(-4)).unwrap();
        f.write_all(b"END!").unwrap();
    }
    build_within(&p, 200).expect(0);
    let copied = p.public().join("static/media/launch.mp4");
    assert_eq!(std::fs::metadata(&copied).unwrap().len(), 160 << 20);
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = std::fs::File::open(&copied).unwrap();
        f.seek(SeekFrom::End(-4)).unwrap();
        let mut end = [0u8; 4];
        f.read_exact(&mut end).unwrap();
        assert_eq!(&end, b"END!");
    }
    // Text over 16 MiB: refused, named, and no site written.
    let q = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
    let line = "<p>a line of a very long page</p>\n".repeat((17 << 20) / 34);
    q.write("static/huge.html", line.as_bytes());
    build(&q).expect(1).stderr_has(&["static/huge.html: ", "a text file of 17 MiB", "up to 16 MiB"]);
    assert!(!q.public().exists(), "a site was written");
}

/// Every folder's problems in one run: before, the first folder with a refused link stopped
/// the build, and the page's and static file's links were only found after it was fixed.
#[test]
fn link_errors_in_every_folder_are_reported_in_one_run() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    let p = Proj::new(
        fixture::YAML,
        &[
            ("data/survey.csv", &survey),
            ("pages/notes.md", b"---\ntitle: Notes\n---\n![x](../../secret.png)\n"),
            ("static/a.html", b"<a href=\"/etc/passwd\">x</a>"),
            ("templates/page.html", b"{% extends \"base.html\" %}<a href=\"//evil.example/\">x</a>"),
        ],
    );
    std::fs::write(p.tmp().join("outside"), "x").unwrap();
    symlink(p.tmp().join("outside"), p.path("pages/shared.md")).unwrap();
    symlink(p.tmp().join("outside"), p.path("templates/x.html")).unwrap();
    symlink("gone.png", p.path("static/gone.png")).unwrap();
    build(&p).expect(1).stderr_has(&[
        "pages/shared.md: ",
        "templates/x.html: ",
        "static/gone.png: ",
        "pages/notes.md:4:",
        "static/a.html:1:",
        "templates/page.html:1:",
    ]);
    assert!(!p.public().exists(), "a site was written");
}

#[test]
fn a_title_row_padded_with_delimiters_is_told_to_set_header_row() {
    // Excel saves a sheet with a title in A1 as `Survey export 2024,,`: the real header is on
    // line 3, after a blank line.
    let (_, run) = built(b"Survey export 2024,,\n,,\nnps,comment,store\n9,great,A\n7,ok,B\n");
    run.expect(1).stderr_has(&[
        "data/s.csv:1:",
        "names only its first column (`Survey export 2024`)",
        "line 3 looks like the header: set `header_row: 3`",
    ]);
    let yaml = YAML.replace("    touchpoint: web\n", "    touchpoint: web\n    header_row: 3\n");
    let p = Proj::new(&yaml, &[("data/s.csv", b"Survey export 2024,,\n,,\nnps,comment,store\n9,great,A\n7,ok,B\n")]);
    build(&p).expect(0);
    assert_eq!(overall_nps(&p.public()).0, 2);
}

#[test]
fn a_header_written_over_two_lines_is_named_as_excel_shows_it() {
    let yaml = YAML.replace("column: nps", "column: Likely to recommend");
    let p = Proj::new(&yaml, &[("data/s.csv", b"\"Likely to\nrecommend\",comment\n9,great\n10,ok\n")]);
    build(&p).expect(0);
    assert_eq!(overall_nps(&p.public()).0, 2);
}

#[test]
fn compact_iso_dates_and_postgres_hour_offsets_are_read() {
    let yaml = YAML.replace("columns: { comment: comment }", "columns: { comment: comment, date: d }");
    // 20:00 at -05 on 31 March is 01:00 UTC on 1 April: April in the project's UTC.
    let csv: &[u8] = b"d,nps,comment\n20240305,9,a\n2024-03-31 20:00:00-05,10,b\n2024-03-06 10:00:00+08,3,c\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv)]);
    build(&p).expect(0).stderr_lacks(&["unreadable date"]);
    let rows = crate::site::json_rows(&crate::site::metrics_json(&p.public()));
    let n_of = |period: &str| {
        rows.get(&("period".to_string(), period.to_string(), "nps".to_string())).and_then(|r| r["n"].as_u64())
    };
    assert_eq!((n_of("2024-03"), n_of("2024-04")), (Some(2), Some(1)));
}

#[test]
fn a_bidi_override_in_a_data_file_name_is_shown_nowhere() {
    // The file is really named with U+202E before `.csv`: left open, it would turn round the
    // row number, value and reason shown after it on the quality page and in the terminal.
    let name = "data/survey\u{202e}.csv";
    // Written as an escape: cxsite.yaml's own text loses such characters before it is read.
    let yaml = fixture::YAML.replace("path: data/survey.csv", "path: \"data/survey\\u202E.csv\"");
    let mut rows = fixture::rows("x");
    rows[4][7] = "99".into(); // NPS outside 0–10: an example naming file:row:column
    let p = Proj::new(&yaml, &[(name, &csv_bytes(&fixture::HEADER, &rows))]);
    let check = p.run([std::ffi::OsStr::new("check"), p.dir.as_os_str()]);
    check.expect(0);
    let build = p.build();
    build.expect(0);
    let quality = page(&p.public(), "quality.html").raw;
    let json = std::fs::read_to_string(p.public().join("data/metrics.json")).unwrap();
    for (what, text) in [
        ("quality.html", &quality),
        ("metrics.json", &json),
        ("check", &check.stdout),
        ("check's stderr", &check.stderr),
        ("build's stderr", &build.stderr),
    ] {
        assert!(!text.contains('\u{202e}'), "{what} shows the override:\n{text}");
    }
    // The name is shown, without it.
    assert!(quality.contains("data/survey.csv"), "{quality}");
    assert!(json.contains("data/survey.csv"), "{json}");
    // A file that cannot be read names it without the override too.
    std::fs::remove_file(p.path(name)).unwrap();
    let failed = p.build();
    assert_ne!(failed.code, 0);
    assert!(!failed.stderr.contains('\u{202e}') && failed.stderr.contains("survey.csv"), "{}", failed.stderr);
}

/// A BIFF record: type, length, data.
fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// A minimal `.xls` (BIFF8 in an OLE compound file of 512-byte sectors) of one sheet,
/// `Data`: the header `nps, comment` in row 1, these (0-based row, nps, comment) rows, and
/// these other text cells (0-based row, column, text), and the DIMENSIONS record `dims`
/// (first row, last row + 1, first column, last column + 1).
pub(crate) fn xls_of(rows: &[(u16, f64, &str)], others: &[(u16, u16, &str)], dims: (u32, u32, u16, u16)) -> Vec<u8> {
    let label = |row: u16, col: u16, s: &str| {
        let mut d = [row.to_le_bytes(), col.to_le_bytes(), 0u16.to_le_bytes()].concat();
        d.extend((s.len() as u16).to_le_bytes());
        d.push(0);
        d.extend(s.as_bytes());
        biff(0x0204, &d)
    };
    let number = |row: u16, col: u16, v: f64| {
        let mut d = [row.to_le_bytes(), col.to_le_bytes(), 0u16.to_le_bytes()].concat();
        d.extend(v.to_le_bytes());
        biff(0x0203, &d)
    };
    let bof = |dt: u16| {
        biff(
            0x0809,
            &[0x0600u16.to_le_bytes(), dt.to_le_bytes(), [0; 2], [0; 2], [0; 2], [0; 2], [0; 2], [0; 2]].concat(),
        )
    };
    let bound = |pos: u32| biff(0x0085, &[&pos.to_le_bytes()[..], &[0, 0, 4, 0], b"Data"].concat());
    let globals_len = (bof(5).len() + bound(0).len() + 4) as u32;
    let mut stream = [bof(5), bound(globals_len), biff(0x000A, &[])].concat();
    stream.extend(bof(0x10));
    let (rf, rl, cf, cl) = dims;
    stream.extend(biff(
        0x0200,
        &[&rf.to_le_bytes()[..], &rl.to_le_bytes(), &cf.to_le_bytes(), &cl.to_le_bytes(), &[0, 0]].concat(),
    ));
    stream.extend(label(0, 0, "nps"));
    stream.extend(label(0, 1, "comment"));
    for &(row, nps, comment) in rows {
        stream.extend(number(row, 0, nps));
        stream.extend(label(row, 1, comment));
    }
    for &(row, col, text) in others {
        stream.extend(label(row, col, text));
    }
    stream.extend(biff(0x000A, &[]));
    // 4,096 bytes at least: a shorter stream would live in the mini stream.
    stream.resize(stream.len().max(4096).div_ceil(512) * 512, 0);
    let stream_sectors = (stream.len() / 512) as u32;
    // Sector 0: the FAT; 1: the directory; 2…: the stream.
    let mut fat = vec![0xFFFF_FFFDu32, 0xFFFF_FFFE];
    fat.extend((3..2 + stream_sectors).chain([0xFFFF_FFFE]));
    fat.resize(128, 0xFFFF_FFFF);
    let mut header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    header.resize(24, 0);
    header.extend([0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0]);
    header.resize(44, 0);
    for word in [1u32, 1, 0, 4096, 0xFFFF_FFFE, 0, 0xFFFF_FFFE, 0, 0] {
        header.extend(word.to_le_bytes());
    }
    header.resize(512, 0xFF);
    let entry = |name: &str, typ: u8, child: u32, start: u32, size: u32| {
        let mut e: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
        let name_len = e.len() as u16;
        e.resize(64, 0);
        e.extend(name_len.to_le_bytes());
        e.extend([typ, 1]);
        for id in [0xFFFF_FFFFu32, 0xFFFF_FFFF, child] {
            e.extend(id.to_le_bytes());
        }
        e.resize(116, 0);
        e.extend(start.to_le_bytes());
        e.extend(size.to_le_bytes());
        e.resize(128, 0);
        e
    };
    let mut dir =
        [entry("Root Entry", 5, 1, 0xFFFF_FFFE, 0), entry("Workbook", 2, 0xFFFF_FFFF, 2, stream.len() as u32)].concat();
    dir.resize(512, 0);
    [header, fat.iter().flat_map(|w| w.to_le_bytes()).collect(), dir, stream].concat()
}

/// A minimal `.ods` of one sheet, `Data`, with these rows (`<table:table-row>` elements).
pub(crate) fn ods_of(rows: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string"><text:p>nps</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>comment</text:p></table:table-cell></table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An `.ods` row of a number and a text.
pub(crate) fn ods_row(nps: u32, comment: &str, repeated: u64) -> String {
    format!(
        r#"<table:table-row table:number-rows-repeated="{repeated}"><table:table-cell office:value-type="float" office:value="{nps}"><text:p>{nps}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>{comment}</text:p></table:table-cell></table:table-row>"#
    )
}

/// Small `.xls` and `.ods` files are read as before the size checks: every row, right numbers.
#[test]
fn small_xls_and_ods_sheets_are_read_whole_with_every_row() {
    let xls = with_path("data/s.xls");
    let p = Proj::new(&xls, &[("data/s.xls", &xls_of(&[(1, 9.0, "fine"), (2, 3.0, "slow")], &[], (0, 3, 0, 2)))]);
    p.build().expect(0);
    assert_eq!(overall_nps(&p.public()), (2, 0.0));
    let ods = with_path("data/s.ods");
    let rows = [ods_row(10, "fine", 3), ods_row(0, "slow", 1)].concat();
    let p = Proj::new(&ods, &[("data/s.ods", &ods_of(&rows))]);
    p.build().expect(0);
    assert_eq!(overall_nps(&p.public()), (4, 50.0));
}

/// calamine makes room for the used range an `.xls` sheet's DIMENSIONS record declares,
/// and lays out the box from its first cell to its last: 4 billion rows declared in 4 KB
/// aborted the build, two cells at A1 and IV65536 asked for 540 MB. Both are now refused
/// by file and sheet before calamine opens the file.
#[test]
fn an_xls_sheet_that_declares_or_spans_a_huge_range_is_refused_before_it_is_laid_out() {
    let yaml = with_path("data/s.xls");
    let rows = [(1, 9.0, "fine")];
    let p = Proj::new(&yaml, &[("data/s.xls", &xls_of(&rows, &[], (0, u32::MAX, 0, 256)))]);
    build_within(&p, 400).expect(1).stderr_has(&[
        "data/s.xls: sheet `Data` declares a used range of 4,294,967,295 rows × 256 columns in its DIMENSIONS record",
        "more than the 4,194,304",
        "export the sheet as CSV",
    ]);
    assert!(!p.public().exists());
    let p = Proj::new(&yaml, &[("data/s.xls", &xls_of(&rows, &[(65535, 255, "far")], (0, 3, 0, 2)))]);
    build_within(&p, 400)
        .expect(1)
        .stderr_has(&["data/s.xls: sheet `Data` has cells from A1 to IV65536: 16,777,216 cells laid out"]);
    assert!(!p.public().exists());
    // The directory's sector chain in a circle: calamine followed it for ever, memory growing.
    let mut circle = xls_of(&rows, &[], (0, 3, 0, 2));
    circle[516..520].copy_from_slice(&1u32.to_le_bytes());
    let p = Proj::new(&yaml, &[("data/s.xls", &circle)]);
    build_within(&p, 400).expect(1).stderr_has(&["data/s.xls: a sector chain of the compound file runs in a circle"]);
}

/// calamine lays out an `.ods` sheet's repeated rows and cells, up to 100 million cells
/// (3 GB): a row of one number repeated across 16,384 columns and 6,000 rows is a few
/// hundred bytes, and aborted the build. The repeats are counted first, and such a sheet is refused by file and sheet.
#[test]
fn an_ods_sheet_whose_repeats_would_lay_out_gigabytes_is_refused() {
    let yaml = with_path("data/s.ods");
    let wide = r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="float" office:value="9" table:number-columns-repeated="16384"><text:p>9</text:p></table:table-cell></table:table-row>"#;
    let tall = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="9" table:number-columns-repeated="16"/></table:table-row>"#;
    let many = r#"<table:table-row><table:table-cell office:value-type="float" office:value="9" table:number-columns-repeated="99999999"/></table:table-row>"#.repeat(400);
    for (rows, said) in [
        (wide.to_string(), "spans 6,001 rows × 16,384 columns"),
        (tall.to_string(), "spans 1,000,001 rows × 16 columns"),
        (many, "repeats its cells across columns"),
    ] {
        let p = Proj::new(&yaml, &[("data/s.ods", &ods_of(&rows))]);
        build_within(&p, 400).expect(1).stderr_has(&["data/s.ods: sheet `Data` ", said, "export the sheet as CSV"]);
        assert!(!p.public().exists());
    }
}

/// A minimal `.xlsb` of one sheet, `Data`: a header row `nps`, `comment`, then these rows of
/// (row, number, text) and lone text cells at (row, column), all 0-based. The records are
/// BIFF12's (MS-XLSB): a type and a size, each a 7-bit varint, then the body.
pub(crate) fn xlsb_of(rows: &[(u32, f64, &str)], far: &[(u32, u32, &str)]) -> Vec<u8> {
    xlsb_with(rows, far, None)
}

/// As [`xlsb_of`], with a cell of the shared-string table (`BrtCellIsst`) at (row, column,
/// index) — the file holds no such table.
fn xlsb_with(rows: &[(u32, f64, &str)], far: &[(u32, u32, &str)], shared: Option<(u32, u32, u32)>) -> Vec<u8> {
    use std::io::Write;
    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut out = if typ < 0x80 { vec![typ as u8] } else { vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8] };
        let mut n = body.len();
        loop {
            let b = (n & 0x7F) as u8;
            n >>= 7;
            out.push(b | if n > 0 { 0x80 } else { 0 });
            if n == 0 {
                break;
            }
        }
        out.extend(body);
        out
    }
    fn wide(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut out = (units.len() as u32).to_le_bytes().to_vec();
        out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        out
    }
    let row_hdr = |r: u32| rec(0x0000, &[r.to_le_bytes().to_vec(), vec![0; 13]].concat());
    let text = |c: u32, s: &str| rec(0x0006, &[c.to_le_bytes().to_vec(), vec![0; 4], wide(s)].concat());
    let number =
        |c: u32, v: f64| rec(0x0005, &[c.to_le_bytes().to_vec(), vec![0; 4], v.to_le_bytes().to_vec()].concat());
    let last = rows.iter().map(|r| r.0).max().unwrap_or(0);
    let dim: Vec<u8> = [0u32, last, 0, 1].iter().flat_map(|w| w.to_le_bytes()).collect();
    let mut sheet =
        [rec(0x0081, &[]), rec(0x0094, &dim), rec(0x0091, &[]), row_hdr(0), text(0, "nps"), text(1, "comment")]
            .concat();
    for &(r, v, s) in rows {
        sheet.extend([row_hdr(r), number(0, v), text(1, s)].concat());
    }
    for &(r, c, s) in far {
        sheet.extend([row_hdr(r), text(c, s)].concat());
    }
    if let Some((r, c, index)) = shared {
        let body: Vec<u8> = [c, 0, index].iter().flat_map(|w| w.to_le_bytes()).collect();
        sheet.extend([row_hdr(r), rec(0x0007, &body)].concat());
    }
    sheet.extend([rec(0x0092, &[]), rec(0x0082, &[])].concat());
    let bundle = [0u32.to_le_bytes().to_vec(), 1u32.to_le_bytes().to_vec(), wide("rId1"), wide("Data")].concat();
    let workbook =
        [rec(0x0083, &[]), rec(0x008F, &[]), rec(0x009C, &bundle), rec(0x0090, &[]), rec(0x0084, &[])].concat();
    let rels = |target: &str, kind: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>"#
        )
        .into_bytes()
    };
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("[Content_Types].xml", types.to_vec()),
        ("_rels/.rels", rels("xl/workbook.bin", "officeDocument")),
        ("xl/workbook.bin", workbook),
        ("xl/_rels/workbook.bin.rels", rels("worksheets/sheet1.bin", "worksheet")),
        ("xl/worksheets/sheet1.bin", sheet),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An `.xlsb` keeps its sheets under `xl/worksheets/` as an `.xlsx` does: it was taken for
/// one, and failed (`File not found '_rels/.rels'`, or no workbook.xml). It is read whole.
#[test]
fn a_small_xlsb_sheet_is_read_whole_with_every_row() {
    let yaml = with_path("data/s.xlsb");
    let rows = [(1, 10.0, "fine"), (2, 9.0, "good"), (3, 0.0, "slow"), (4, 7.0, "ok")];
    let p = Proj::new(&yaml, &[("data/s.xlsb", &xlsb_of(&rows, &[]))]);
    build(&p).expect(0);
    // 10 9 0 7: two promoters, one detractor of four → 25.
    assert_eq!(overall_nps(&p.public()), (4, 25.0));
}

/// calamine lays an `.xlsb` sheet out as the box from its first filled cell to its last: a
/// 1 KB file of a header and a cell at XFD1048576 asked for 17 billion cells. The box is
/// measured on the cells first (calamine's cell reader holds none), and refused by file and
/// sheet, as an `.xls` or `.ods` one.
#[test]
fn an_xlsb_sheet_that_spans_a_huge_range_is_refused_before_it_is_laid_out() {
    let yaml = with_path("data/s.xlsb");
    let file = xlsb_of(&[(1, 9.0, "fine")], &[(1_048_575, 16_383, "far")]);
    assert!(file.len() < 2048, "{} bytes", file.len());
    let p = Proj::new(&yaml, &[("data/s.xlsb", &file)]);
    build_within(&p, 400).expect(1).stderr_has(&[
        "data/s.xlsb: sheet `Data` spans 1,048,576 rows × 16,384 columns from its first to its last filled cell: 17,179,869,184 cells laid out, more than the 4,194,304",
        "export the sheet as CSV",
    ]);
    assert!(!p.public().exists());
}

/// calamine's `.xlsb` reader indexes the shared-string table with the number a cell gives,
/// and panicked (`index out of bounds`) on a cell pointing past it: the damaged file is an
/// error naming it, with no panic message.
#[test]
fn a_damaged_xlsb_is_an_error_naming_it_not_a_panic() {
    let yaml = with_path("data/s.xlsb");
    let file = xlsb_with(&[(1, 9.0, "fine")], &[], Some((2, 0, 5)));
    let p = Proj::new(&yaml, &[("data/s.xlsb", &file)]);
    let run = build(&p);
    run.expect(1).stderr_has(&["data/s.xlsb: cannot read the workbook: the file is damaged"]);
    run.stderr_lacks(&["panicked", "index out of bounds"]);
    assert!(!p.public().exists());
}

#[test]
fn an_unlisted_multi_select_option_counted_as_answered_is_no_unusable_value_warning() {
    // A tenth of the answers tick an option the yaml does not list ("Other"): they count as
    // answered, so the column's figures do not leave them out and no warning says so.
    let yaml = YAML.replace(
        "    scores:\n",
        "    multi_select:\n      - { id: bought, column: bought, options: [Crisps, Nuts] }\n    scores:\n",
    );
    let mut csv = String::from("nps,comment,bought\n");
    for i in 0..20 {
        let bought = if i % 10 == 0 { "Crisps, Other" } else { "Nuts" };
        csv += &format!("{},fine,\"{bought}\"\n", i % 11);
    }
    let p = Proj::new(&yaml, &[("data/s.csv", csv.as_bytes())]);
    let run = build(&p);
    run.expect(0).stderr_lacks(&["could not be used"]);
}

/// What a site published to Windows, macOS or a case-blind host could not hold: `static/`
/// names that are devices (`CON`, `aux.png`), hold a character Windows forbids (`a:b.txt`, an
/// NTFS stream there), end in a dot or space, or differ from another only in how an accent is
/// encoded (NFC against macOS's NFD); and files that are no files (a named pipe). Each is an
/// error naming it, and no site is written.
#[test]
fn static_names_no_other_system_could_hold_and_files_that_are_no_files_are_refused() {
    let survey = csv_bytes(&fixture::HEADER, &fixture::rows("plain"));
    let cases: [(&[&str], &str); 7] = [
        (&["CON"], "names a device on Windows"),
        (&["img/aux.png"], "names a device on Windows"),
        (&["NUL.css"], "names a device on Windows"),
        (&["a:b.txt"], "which Windows does not allow"),
        (&["q?.txt"], "which Windows does not allow"),
        (&["report.txt."], "ends in a dot or a space"),
        (&["caf\u{e9}.txt", "cafe\u{301}.txt"], "how an accent is encoded"),
    ];
    for (names, why) in cases {
        let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
        for name in names {
            let path = p.path(&format!("static/{name}"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        build(&p).expect(1).stderr_has(&["static/", why]);
        assert!(!p.public().exists(), "{names:?}: a site was written");
    }
    // A named pipe in static/ or pages/: named, not skipped (reading it could wait for ever).
    for (folder, name) in [("static", "pipe.css"), ("pages", "p.md")] {
        let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
        std::fs::create_dir_all(p.path(folder)).unwrap();
        let made = Command::new("mkfifo").arg(p.path(&format!("{folder}/{name}"))).status().unwrap();
        assert!(made.success());
        build(&p).expect(1).stderr_has(&[&format!("{folder}/{name}: "), "not a regular file"]);
        assert!(!p.public().exists(), "{folder}: a site was written");
    }
    // Names every system holds are published.
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", &survey)]);
    for name in ["console.css", "img/auxiliary.png", "caf\u{e9}.txt", "a b.txt"] {
        let path = p.path(&format!("static/{name}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }
    build(&p).expect(0);
    assert!(p.public().join("static/img/auxiliary.png").exists());
}

/// A JSON export pointed at as a dataset is named for what it is, not read as a CSV whose
/// header is `[{"id": "R1"`.
#[test]
fn a_json_file_as_a_dataset_is_named_json() {
    let json = br#"[{"resp_id": "R1", "date": "2024-03-01", "tp": "ad", "nps": 9}]"#;
    let p = Proj::new(fixture::YAML, &[("data/survey.csv", json)]);
    let run = build(&p);
    run.expect(1).stderr_has(&["data/survey.csv", "this is JSON", "export the data as CSV"]);
    run.stderr_lacks(&["has no column"]);
}
