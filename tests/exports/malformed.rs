//! Rows of the wrong width (`exports_malformed`, min_n 3, `skip_malformed_rows: true`): a
//! helpdesk export that does not quote its comments. By file line (LF):
//!   1 ticket_id,opened,channel,csat,comment
//!   2 T-101 phone 5 Solved on first call
//!   3 T-102 phone 4 "Long wait, but polite"             (quoted: 5 fields)
//!   4 T-103 chat  2 Agent closed the chat, twice        (unquoted comma: 6 fields)
//!   5 T-104 chat  5 Quick
//!   6 T-105 phone 3                                     (trailing field left out: 4 fields,
//!                                                        padded with an empty comment)
//!   7 T-106 chat  4 (empty comment)

use crate::support::{Project, Site};

#[test]
fn with_skip_malformed_rows_rows_of_the_wrong_width_are_skipped_and_counted_as_rejected() {
    let site = Project::new("exports_malformed").built();
    let q = site.quality("tickets");
    // T-105's short row is read (a trailing empty field left out is an empty cell); only
    // T-103, with something past the header's fields, is rejected.
    assert_eq!(q.rows(), [6, 5, 1]);
    assert_eq!(q.keys("rejected_rows"), ["wrong number of fields"]);
    assert_eq!(
        q.tally("rejected_rows", "wrong number of fields"),
        (1, vec!["data/tickets.csv:4: the row has a different number of fields than the header"])
    );
    // The skipped row's cells are not read at all.
    assert_eq!(q.column("csat"), [5, 0, 0, 0]);
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    // CSAT of T-101 5, T-102 4, T-104 5, T-105 3, T-106 4 (not T-103's 2): 4 of 5 = 80;
    // Wilson centre 66.9655, half-width 29.4121 → 37.5535 … 96.3776.
    assert_eq!(site.cells("overall", "all", "csat"), ["5", "80.0000", "37.5535", "96.3776"]);
    // Σx 21, Σx² 91: mean 4.2, s 0.836660, SE 0.374166, t(4) 2.776445 → 3.1611 … 5.2389 → 5.
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["5", "4.2000", "3.1611", "5.0000"]);
    // phone T-101 T-102 T-105: three, at min_n, but hidden with chat (T-104 T-106, two, below
    // min_n), which the whole minus phone would give away (complementary suppression).
    assert_eq!(site.cells("touchpoint", "phone", "csat"), ["3", "", "", ""]);
    assert_eq!(site.cells("touchpoint", "chat", "csat"), ["2", "", "", ""]);
}

#[test]
fn without_skip_malformed_rows_a_row_of_the_wrong_width_fails_the_build_naming_file_and_line() {
    let p = Project::new("exports_malformed");
    p.replace("cxsite.yaml", "    skip_malformed_rows: true\n", "");
    p.build()
        .expect(1)
        .stderr_has(&["data/tickets.csv:4: this row has 6 fields but the header has 5", "skip_malformed_rows: true"]);
    p.assert_nothing_written();
}

#[test]
fn rows_of_only_delimiters_and_blank_lines_are_counted_as_read_and_left_out_as_empty_rows() {
    // Excel writes `,,,,` for rows that were formatted but left empty; a hand-edited file
    // has blank lines. Each is a line of the file: read, and left out as an empty row with
    // its line, so the rows read add up to the file's lines. Not a failure under `--strict`.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| [b, b",,,,\n\n , ,,,\n".to_vec()].concat());
    let site = p.built();
    let q = site.quality("tickets");
    assert_eq!(q.rows(), [9, 5, 4]);
    assert_eq!(q.keys("rejected_rows"), ["empty row", "wrong number of fields"]);
    assert_eq!(
        q.tally("rejected_rows", "empty row"),
        (3, vec!["data/tickets.csv:8: empty row", "data/tickets.csv:9: empty row", "data/tickets.csv:10: empty row"])
    );
    // A blank line between rows too, and a row of empty cells of another width.
    let p = Project::new("exports_malformed");
    p.replace("data/tickets.csv", "T-104", "\n,,\nT-104");
    let site = p.built();
    assert_eq!(site.quality("tickets").rows(), [8, 5, 3]);
    assert_eq!(site.quality("tickets").tally("rejected_rows", "empty row").0, 2);
    p.replace("cxsite.yaml", "    skip_malformed_rows: true\n", "");
    p.replace("data/tickets.csv", "Agent closed the chat, twice", "Agent closed the chat twice");
    p.replace("data/tickets.csv", "T-105,2024-09-05,phone,3\n", "T-105,2024-09-05,phone,3,\n");
    p.build_strict().expect(0);
}

#[test]
fn a_file_with_a_header_and_no_rows_builds_with_a_warning_naming_it() {
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        let end = b.iter().position(|c| *c == b'\n').unwrap();
        b[..=end].to_vec()
    });
    let run = p.build();
    run.expect(0).stderr_has(&["data/tickets.csv has a header and no rows"]);
    assert_eq!(Site::read(&p.public()).quality("tickets").rows(), [0, 0, 0]);
}
