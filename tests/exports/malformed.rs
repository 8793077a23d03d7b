//! Rows of the wrong width (`exports_malformed`, min_n 3, `skip_malformed_rows: true`): a
//! helpdesk export that does not quote its comments. By file line (LF):
//!   1 ticket_id,opened,channel,csat,comment
//!   2 T-101 phone 5 Solved on first call
//!   3 T-102 phone 4 "Long wait, but polite"             (quoted: 5 fields)
//!   4 T-103 chat  2 Agent closed the chat, twice        (unquoted comma: 6 fields)
//!   5 T-104 chat  5 Quick
//!   6 T-105 phone 3                                     (trailing field dropped: 4 fields)
//!   7 T-106 chat  4 (empty comment)

use crate::support::Project;

#[test]
fn with_skip_malformed_rows_rows_of_the_wrong_width_are_skipped_and_counted_as_rejected() {
    let site = Project::new("exports_malformed").built();
    let q = site.quality("tickets");
    assert_eq!(q.rows(), [6, 4, 2]);
    assert_eq!(q.keys("rejected_rows"), ["wrong number of fields"]);
    assert_eq!(
        q.tally("rejected_rows", "wrong number of fields"),
        (
            2,
            vec![
                "data/tickets.csv:4: the row has a different number of fields than the header",
                "data/tickets.csv:6: the row has a different number of fields than the header",
            ]
        )
    );
    // The skipped rows' cells are not read at all.
    assert_eq!(q.column("csat"), [4, 0, 0, 0]);
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    // CSAT of T-101 5, T-102 4, T-104 5, T-106 4 (not T-103's 2 or T-105's 3): 4 of 4 = 100;
    // Wilson centre 75.5055, half-width 24.4945 → 51.0109 … 100.
    assert_eq!(site.cells("overall", "all", "csat"), ["4", "100.0000", "51.0109", "100.0000"]);
    // Σx 18, Σx² 82: mean 4.5, s 0.577350, SE 0.288675, t(3) 3.182446 → 3.5813 … 5.4187 → 5.
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["4", "4.5000", "3.5813", "5.0000"]);
    // phone T-101 T-102 and chat T-104 T-106: two each, below min_n.
    assert_eq!(site.cells("touchpoint", "phone", "csat"), ["2", "", "", ""]);
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
fn rows_of_only_delimiters_that_excel_leaves_below_the_data_are_not_rows() {
    // Excel writes `,,,,` for rows that were formatted but left empty. Read from a workbook
    // those rows are dropped; read from the CSV they count as read and rejected ("no usable
    // score or comment"), and `--strict` fails on them.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| [b, b",,,,\n,,,,\n".to_vec()].concat());
    let site = p.built();
    assert_eq!(site.quality("tickets").rows(), [6, 4, 2]);
    assert_eq!(site.quality("tickets").keys("rejected_rows"), ["wrong number of fields"]);
}
