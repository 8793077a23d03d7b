//! A semicolon CSV (`exports_semicolon`, min_n 3): Excel "CSV UTF-8" where the list separator
//! is `;` — BOM, CRLF — with no `delimiter:` declared. The NPS question's header is quoted and
//! holds commas; R2's comment holds a `;` and a line break inside quotes. By file line:
//!   1 Respondent;Date;Store;Channel;"How likely, on a scale of 0-10, …?";Satisfaction;Comment
//!   2 R1 2024-06-03 Lyon  app 10 5
//!   3 R2 2024-06-04 Lyon  app  9 4  "Delivery was fine; the app crashed once
//!   4                                but support called back"
//!   5 R3 2024-06-05 Paris web  3 2  "Wrong size; returned it"
//!   6 R4 2024-06-07 Paris web  8 4
//!   7 R5 2024-06-10 Paris app  6 3  "Too many steps, too many pop-ups"
//!   8 R6 2024-06-12 Lyon  web 10 excellent   (not a number, not a label)

use crate::support::{lf, Project};

const NPS: &str = "How likely, on a scale of 0-10, are you to recommend us?";
const GREAT: &str = "not a number and not a listed label (add it under `labels:` or `na:`)";

#[test]
fn a_semicolon_export_is_split_on_semicolons_without_declaring_the_delimiter() {
    let site = Project::new("exports_semicolon").built();
    // NPS 10 9 3 8 6 10: promoters 3, detractors 2, n 6 → 16.6667; n' = 9, p' = 3.75/9,
    // d' = 2.75/9, centre 11.1111, SE 28.0847.
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    // Satisfaction 5 4 2 4 3 (R6's `excellent` skipped): 3 of 5 = 60; Wilson centre 55.6552.
    assert_eq!(site.cells("overall", "all", "csat"), ["5", "60.0000", "23.0724", "88.2379"]);
    // Σx 18, Σx² 70: mean 3.6, s 1.140175, SE 0.509902, t(4) 2.776445 → 2.1843 … 5.0157, clipped to 5.
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["5", "3.6000", "2.1843", "5.0000"]);
    // app: R1 R2 R5 → NPS 10 9 6 = 2 promoters, 1 detractor → 33.3333; CSAT 5 4 3 → 2 of 3.
    assert_eq!(site.cells("touchpoint", "app", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.cells("touchpoint", "app", "csat"), ["3", "66.6667", "20.7660", "93.8508"]);
    // web: R3 R4 R6 → NPS 3 8 10 → 0; CSAT 2 4 only (n 2 < min_n 3): no number shown.
    assert_eq!(site.cells("touchpoint", "web", "nps"), ["3", "0.0000", "-61.1126", "61.1126"]);
    assert_eq!(site.cells("touchpoint", "web", "csat"), ["2", "", "", ""]);
    // `dimensions: [Store]`: Lyon R1 R2 R6 → 10 9 10 = 100 (adjusted Wald −6.5793, clipped at 100);
    // Paris R3 R4 R5 → 3 8 6 = −66.6667.
    assert_eq!(site.cells("Store", "Lyon", "nps"), ["3", "100.0000", "-6.5793", "100.0000"]);
    assert_eq!(site.cells("Store", "Paris", "nps"), ["3", "-66.6667", "-88.3185", "21.6518"]);

    let q = site.quality("feedback");
    assert_eq!(q.rows(), [6, 6, 0]);
    assert_eq!(q.column(NPS), [6, 0, 0, 0]);
    assert_eq!(q.column("Satisfaction"), [5, 0, 0, 1]);
    assert_eq!(q.keys("problems"), ["Satisfaction: not a number and not a listed label"]);
    let (n, examples) = q.tally("problems", "Satisfaction: not a number and not a listed label");
    assert_eq!(n, 1);
    let (place, rest) = examples[0].split_once(":Satisfaction: ").expect("file:line:column: value — why");
    assert!(place.starts_with("data/feedback.csv:"), "{examples:?}");
    assert_eq!(rest, format!("\"excellent\" — {GREAT}"));
}

#[test]
fn a_quoted_field_holding_a_semicolon_and_a_line_break_stays_one_comment() {
    let p = Project::new("exports_semicolon");
    let site = p.built();
    let app = site.page("touchpoints/app.html");
    assert!(app.contains("Delivery was fine; the app crashed once"), "the `;` split the comment");
    assert!(app.contains("but support called back"), "the line after the break was lost");
}

#[test]
fn a_value_after_a_line_break_inside_quotes_is_reported_on_its_own_file_line() {
    // Saved with LF line ends. R2 spans lines 3–4, so R6 — the sixth answer — is on line 8.
    let p = Project::new("exports_semicolon");
    p.edit("data/feedback.csv", lf);
    let site = p.built();
    let (_, examples) = site.quality("feedback").tally("problems", "Satisfaction: not a number and not a listed label");
    assert_eq!(examples, [format!("data/feedback.csv:8:Satisfaction: \"excellent\" — {GREAT}")]);
}

#[test]
fn a_value_in_a_crlf_export_is_reported_on_the_line_a_text_editor_shows() {
    let site = Project::new("exports_semicolon").built();
    let (_, examples) = site.quality("feedback").tally("problems", "Satisfaction: not a number and not a listed label");
    // Reported today as line 7: every record after the first is placed on the line before it.
    assert_eq!(examples, [format!("data/feedback.csv:8:Satisfaction: \"excellent\" — {GREAT}")]);
}

/// Puts `lines` above the header, after the BOM, and declares `header_row`.
fn with_title(p: &Project, lines: &str, header_row: u64) {
    p.edit("data/feedback.csv", |bytes| {
        let body = bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).expect("the export starts with a BOM");
        [b"\xef\xbb\xbf".as_slice(), lines.as_bytes(), body].concat()
    });
    p.replace(
        "cxsite.yaml",
        "    path: data/feedback.csv\n",
        &format!("    path: data/feedback.csv\n    header_row: {header_row}\n"),
    );
}

#[test]
fn a_report_title_line_above_the_header_is_skipped_with_header_row_2() {
    let p = Project::new("exports_semicolon");
    // The title holds a comma and no `;`: the delimiter is still taken from the header line.
    with_title(&p, "Click & collect, feedback export 2024-06-30\r\n", 2);
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    assert_eq!(site.quality("feedback").rows(), [6, 6, 0]);
}

#[test]
fn a_report_title_and_a_blank_line_above_the_header_are_skipped_with_header_row_3() {
    // docs/config.md: "header_row: the row that names the columns; rows above it (report
    // titles, blank lines) are skipped". The header is on line 3. Today the csv reader skips the
    // blank line, so the third record read — R1's answers — is taken as the header and the
    // build fails with "has no column `Respondent` … its columns are: R1, 2024-06-03, …".
    let p = Project::new("exports_semicolon");
    with_title(&p, "Click & collect, feedback export 2024-06-30\r\n\r\n", 3);
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    assert_eq!(site.quality("feedback").rows(), [6, 6, 0]);
}

/// Excel writes (and reads) a first line `sep=;` naming the delimiter; files made for Excel
/// carry it. It is the delimiter and not a preamble: the header is the line after it, and
/// values are reported on their own file lines. Before, the build failed asking for
/// `header_row: 2`.
#[test]
fn an_excel_sep_line_names_the_delimiter_and_the_header_follows_it() {
    let p = Project::new("exports_semicolon");
    p.edit("data/feedback.csv", |b| {
        let body = b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&b).to_vec();
        [b"\xEF\xBB\xBFsep=;\r\n".as_slice(), &body].concat()
    });
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    assert_eq!(site.quality("feedback").rows(), [6, 6, 0]);
    let (_, examples) = site.quality("feedback").tally("problems", "Satisfaction: not a number and not a listed label");
    assert!(examples[0].starts_with("data/feedback.csv:9:Satisfaction: "), "{examples:?}");
}

/// The same `sep=;` line in a UTF-16 file (Excel's "Unicode text", with its byte-order mark,
/// either byte order) names the delimiter too.
#[test]
fn an_excel_sep_line_in_utf16_names_the_delimiter_too() {
    for little in [true, false] {
        let p = Project::new("exports_semicolon");
        p.edit("data/feedback.csv", |b| {
            let body = String::from_utf8(b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&b).to_vec()).unwrap();
            let text = format!("sep=;\r\n{body}");
            let units = text.encode_utf16().flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() });
            let bom: &[u8] = if little { b"\xFF\xFE" } else { b"\xFE\xFF" };
            bom.iter().copied().chain(units).collect()
        });
        let site = p.built();
        assert_eq!(
            site.cells("overall", "all", "nps"),
            ["6", "16.6667", "-43.9339", "66.1562"],
            "little endian: {little}"
        );
        assert_eq!(site.quality("feedback").rows(), [6, 6, 0]);
    }
}

/// Two title lines padded to the table's width (`Bericht Q1 2024;;;;;;`, as Excel saves a sheet
/// with titles in A1 and A2) and a blank `;;;;;;` line above the header: the build fails
/// naming the header's line (it used to take line 1 as the header, every column but the first
/// unnamed, and reject the real header as a row of data); with `header_row: 4` it reads the
/// six responses as without the titles. A `sep=;` line in front moves the header to line 5.
#[test]
fn padded_title_lines_above_the_header_fail_naming_its_line_and_header_row_reads_it() {
    let titles = "Bericht Q1 2024;;;;;;\r\nErstellt am 02.04.2024;;;;;;\r\n;;;;;;\r\n";
    let p = Project::new("exports_semicolon");
    p.edit("data/feedback.csv", |b| {
        let body = b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&b).to_vec();
        [titles.as_bytes(), &body].concat()
    });
    let run = p.build();
    run.expect(1);
    assert!(
        run.stderr.contains("data/feedback.csv:1: line 1, read as the header, names only its first column (`Bericht Q1 2024`), as a title above a table does; line 4 looks like the header: set `header_row: 4` for this dataset"),
        "{}",
        run.stderr
    );
    p.assert_nothing_written();
    p.replace("cxsite.yaml", "    path: data/feedback.csv\n", "    path: data/feedback.csv\n    header_row: 4\n");
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    assert_eq!(site.quality("feedback").rows(), [6, 6, 0]);

    // `header_row: 2` (the second title) is refused the same way, naming line 4 again.
    p.replace("cxsite.yaml", "header_row: 4", "header_row: 2");
    let run = p.build();
    run.expect(1);
    assert!(run.stderr.contains("line 4 looks like the header: set `header_row: 4`"), "{}", run.stderr);

    let p = Project::new("exports_semicolon");
    p.edit("data/feedback.csv", |b| {
        let body = b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&b).to_vec();
        [b"sep=;\r\n".as_slice(), titles.as_bytes(), &body].concat()
    });
    let run = p.build();
    run.expect(1);
    assert!(run.stderr.contains("line 5 looks like the header: set `header_row: 5`"), "{}", run.stderr);
}
