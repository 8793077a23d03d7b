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

#[test]
fn a_header_repeated_in_the_middle_of_the_file_is_left_out_and_reported_once_with_its_line() {
    // Two exports joined with `cat`, each with its byte-order mark: line 5 is the second
    // file's header. T-107's comment is the word `comment` (one cell like the header's):
    // a response, read.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        let text = String::from_utf8(b).unwrap();
        let (head, rest) = text.split_once('\n').unwrap();
        let rest = rest.replacen("T-104", &format!("\u{feff}{head}\nT-104"), 1);
        format!("\u{feff}{head}\n{rest}T-107,2024-09-07,chat,4,comment\n").into_bytes()
    });
    let warning = "data/tickets.csv repeats its header at line 5 (1 in all): files joined together, or an export that writes the header on each page? Those lines are left out and the rows after them read as usual";
    let run = p.build();
    run.expect(0).stderr_has(&[warning]);
    assert_eq!(run.stderr.matches("repeats its header").count(), 1, "{}", run.stderr);
    let site = Site::read(&p.public());
    let q = site.quality("tickets");
    // Lines 2–9: T-101 T-102 T-103 (width) header T-104 T-105 T-106 T-107.
    assert_eq!(q.rows(), [8, 6, 2]);
    assert_eq!(
        q.tally("rejected_rows", "repeated header"),
        (1, vec!["data/tickets.csv:5: repeats the header: files joined together? The line is left out"])
    );
    // Not a value problem of each column: the line is no row at all.
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    assert_eq!(q.column("csat"), [6, 0, 0, 0]);
    let warnings = site.json["quality"]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().starts_with(warning)), "{warnings:?}");
    // CSAT 5 4 5 3 4 4: 5 of 6 in the top-2 box, as many as before plus T-107's 4.
    assert_eq!(site.cells("overall", "all", "csat")[0], "6");
    // Σx 25: mean 4.1667.
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "4.1667");
    assert!(site.page("quality.html").contains("repeats its header at line 5"));
    let check = p.check();
    check.expect(0);
    assert!(check.stdout.contains("1 × repeated header") && check.stdout.contains(warning), "{}", check.stdout);
    p.build_strict()
        .expect(1)
        .stderr_has(&["--strict: 1 × repeated header, e.g. data/tickets.csv:5: repeats the header"]);
    // In Chinese on a Chinese site.
    p.replace("cxsite.yaml", "title:", "locale: zh-CN\ntitle:");
    p.build().expect(0);
    let page = Site::read(&p.public()).page("quality.html");
    assert!(page.contains("data/tickets.csv 在第 5 行重复了表头（共 1 处）：是几个文件拼接在一起"), "{page}");
    assert!(page.contains("data/tickets.csv:5：重复了表头：是几个文件拼接在一起的吗？此行已剔除"), "{page}");
}

#[test]
fn a_second_header_row_in_other_words_is_left_out_as_such_and_a_first_row_with_one_bad_value_is_read() {
    // The columns named again in English under the file's own header (编号,日期… over
    // ID,Date…): no score or date on line 2 reads as a value. Before, it was a response of
    // comment `Comment`, channel `Channel`, counted in the rows read and used.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        let text = String::from_utf8(b).unwrap();
        let (head, rest) = text.split_once('\n').unwrap();
        format!("{head}\nTicket,Opened on,Channel,CSAT,Comment\n{rest}").into_bytes()
    });
    let site = p.built();
    let q = site.quality("tickets");
    // Lines 2–8: the second header, T-101 … T-106 (T-103 too wide, skipped).
    assert_eq!(q.rows(), [7, 5, 2]);
    assert_eq!(
        q.tally("rejected_rows", "second header row"),
        (
            1,
            vec!["data/tickets.csv:2: \"Ticket, Opened on, Channel, CSAT, Comment\" — names the columns again (a second header row, in other words), not a response"]
        )
    );
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    // CSAT 5 4 5 3 4 on five tickets, none of them `Comment`'s row.
    assert_eq!(site.cells("overall", "all", "csat")[0], "5");
    p.replace("cxsite.yaml", "title:", "locale: zh-CN\ntitle:");
    p.build().expect(0);
    let page = Site::read(&p.public()).page("quality.html");
    assert!(page.contains("第二行表头"), "{page}");
    assert!(page.contains("再次写出了各列的名称（换了说法的第二行表头），不是回答"), "{page}");

    // A first response with one unreadable value (the date) is a response, its date counted
    // as a problem: only a row of which no score and no date reads is a header.
    let p = Project::new("exports_malformed");
    p.replace("data/tickets.csv", "T-101,2024-09-02", "T-101,yesterday");
    let site = p.built();
    let q = site.quality("tickets");
    assert_eq!(q.rows(), [6, 5, 1]);
    assert_eq!(q.keys("rejected_rows"), ["wrong number of fields"]);
    assert_eq!(site.cells("overall", "all", "csat")[0], "5");
}

#[test]
fn an_export_joined_to_itself_has_each_of_its_header_rows_left_out_and_its_ids_repeated() {
    // A Qualtrics export (three header rows, eight responses on lines 4–11, a preview and
    // an unfinished one among them) joined to a copy of itself: lines 12–14 are its header
    // rows again, 15–22 its responses again.
    let p = Project::new("export_qualtrics");
    p.edit("data/Crunchy_Visit_Survey_March_2024.csv", |b| [b.clone(), b].concat());
    let site = p.built();
    let q = site.quality("visits");
    // 19 rows after the header: 3 header rows, 2 previews, 2 unfinished, 12 responses.
    assert_eq!(q.rows(), [19, 12, 7]);
    let (count, examples) = q.tally("rejected_rows", "repeated header");
    assert_eq!(count, 3);
    assert_eq!(
        examples[0],
        "data/Crunchy_Visit_Survey_March_2024.csv:12: repeats the header: files joined together? The line is left out"
    );
    assert!(examples[2].starts_with("data/Crunchy_Visit_Survey_March_2024.csv:14:"));
    // The same six responses twice: n doubles, NPS stays 33.3333 (3 − 1 of 6, 6 − 2 of 12).
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["12", "33.3333"]);
    let warnings = site.json["quality"]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w.as_str().unwrap().contains("repeats its header at line 12 (3 in all)")),
        "{warnings:?}"
    );
}

#[test]
fn the_rows_excel_descriptive_statistics_writes_under_a_column_are_summary_rows_too() {
    // Mode, Minimum, Max, Std. Deviation, Variance and 最大值 (lines 8–13), each with a value a
    // CSAT on 1–5 could read: counted, they would be six more answers.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        [b, "Mode,,,5,\nMinimum,,,3,\nMax,,,5,\nStd. Deviation,,,1,\nVariance,,,1,\n最大值,,,5,\n".as_bytes().to_vec()]
            .concat()
    });
    let site = p.built();
    let q = site.quality("tickets");
    assert_eq!(q.tally("rejected_rows", "totals row").0, 6);
    // CSAT 5 4 5 3 4: 4 of 5 in the top-2 box; mean 21 / 5.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["5", "80.0000"]);
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "4.2000");
}

#[test]
fn the_rows_excel_subtotal_writes_under_each_group_are_totals_rows_but_a_dated_max_is_a_response() {
    // Excel's Data → Subtotal by channel writes `phone Average` under the phone tickets and
    // `Grand Average` at the end, date and id blank (lines 8–9): counted, two more CSAT 4s.
    // `AirPods Max` on a dated row (line 10) is a ticket like any other.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        [b, ",,phone Average,4,\n,,Grand Average,4,\nAirPods Max,2024-09-07,chat,5,\n".as_bytes().to_vec()].concat()
    });
    let site = p.built();
    let q = site.quality("tickets");
    // Lines 2–10: T-101 … T-106 (T-103 too wide), the two subtotals, AirPods Max.
    assert_eq!(q.rows(), [9, 6, 3]);
    let (count, examples) = q.tally("rejected_rows", "totals row");
    assert_eq!(count, 2);
    assert!(examples[0].starts_with("data/tickets.csv:8: \"phone Average\""), "{examples:?}");
    // CSAT 5 4 5 3 4 and AirPods Max's 5: 5 of 6 in the top-2 box; Σx 26, mean 4.3333.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["6", "83.3333"]);
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "4.3333");
}

#[test]
fn a_totals_or_summary_row_at_the_end_is_left_out_as_such_not_read_as_a_response() {
    // A report that ends with its own sums and averages (lines 8 and 9), which a score column
    // cannot read (3.8 is no whole number) and a segment would take for a store; a hand-kept
    // sheet's `合计` written in its date column (line 10); and a dated row whose id happens to
    // be `Total` (line 11): a response.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        [b, "Total,,,3.8,\n合计：,,,21,\n,合计,,22,\nTotal,2024-09-07,chat,4,named Total\n".as_bytes().to_vec()]
            .concat()
    });
    let site = p.built();
    let q = site.quality("tickets");
    // Lines 2–11: T-101 T-102 T-103 (width) T-104 T-105 T-106, the three totals, `Total`.
    assert_eq!(q.rows(), [10, 6, 4]);
    assert_eq!(
        q.tally("rejected_rows", "totals row"),
        (
            3,
            vec![
                "data/tickets.csv:8: \"Total\" — a totals or summary row (the export's own sums or averages), not a response",
                "data/tickets.csv:9: \"合计：\" — a totals or summary row (the export's own sums or averages), not a response",
                "data/tickets.csv:10: \"合计\" — a totals or summary row (the export's own sums or averages), not a response",
            ]
        )
    );
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    // CSAT 5 4 5 3 4 and the `Total` ticket's 4: 5 of 6 in the top-2 box; Σx 25, mean 4.1667.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["6", "83.3333"]);
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "4.1667");
    // A totals row holds no response: no failure of the data under --strict.
    p.build_strict().stderr_lacks(&["totals row"]);
    p.replace("cxsite.yaml", "title:", "locale: zh-CN\ntitle:");
    p.build().expect(0);
    let page = Site::read(&p.public()).page("quality.html");
    assert!(page.contains("合计行") && page.contains("合计或汇总行（导出文件自带的合计或平均值），不是回答"), "{page}");
}

#[test]
fn a_totals_row_with_a_count_under_the_date_or_its_label_in_the_id_column_is_no_response() {
    // A report's totals: the number of responses under the date column (line 8: `120` is no
    // date), and a `Total` in the ticket-id column of a dated row (line 9) — a column of no
    // group's names, so a label, whatever its date. Each was counted as a CSAT 5. T-107
    // (line 10) is a response, and so is `Max` on a dated row (line 11): a statistic's word
    // is a label only where no date says the row is an answer (a reviewer may be Max).
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        [
            b,
            "Total,120,,5,\nTotal,2024-09-30,,5,\nT-107,2024-09-07,chat,5,\nMax,2024-09-08,chat,2,\n"
                .as_bytes()
                .to_vec(),
        ]
        .concat()
    });
    let site = p.built();
    let q = site.quality("tickets");
    let (count, examples) = q.tally("rejected_rows", "totals row");
    assert_eq!(count, 2, "{examples:?}");
    assert!(examples[0].starts_with("data/tickets.csv:8: \"Total\""), "{examples:?}");
    assert!(examples[1].starts_with("data/tickets.csv:9: \"Total\""), "{examples:?}");
    // No unreadable date: `120` was a count, not a date.
    assert!(!q.0.to_string().contains("\"120\""), "{:#}", q.0);
    // CSAT 5 4 5 3 4 of T-101…T-106 (T-103 too wide), T-107's 5 and Max's 2: 5 of 7 in the
    // top-2 box.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["7", "71.4286"]);
    p.build_strict().stderr_lacks(&["totals row", "120"]);
}

#[test]
fn a_summary_block_after_the_data_is_left_out_as_totals_rows_but_a_store_called_all_saints_is_read() {
    // A report that ends with an empty row (line 8) and a summary (lines 9–14): its heading,
    // the NPS groups, the score, all stores together and 共计, each with at most one number in
    // the CSAT column and no date. Read as answers, they were five more CSATs (4 1 3 5 5). The
    // dated `All Saints` ticket (line 15) is a response.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        let summary =
            ",,,,\nSummary,,,,\nPromoters,,,4,\nDetractors,,,1,\nNPS Score,,,3,\nAll stores,,,5,\n共计,,,5,\n";
        [b, summary.as_bytes().to_vec(), b"All Saints,2024-09-08,chat,2,named All Saints\n".to_vec()].concat()
    });
    let site = p.built();
    let q = site.quality("tickets");
    // Lines 2–15 read: T-101 … T-106 and All Saints used (T-103 too wide), the empty row and
    // six summary lines left out: 14 = 6 + 8.
    assert_eq!(q.rows(), [14, 6, 8]);
    let (count, examples) = q.tally("rejected_rows", "totals row");
    assert_eq!(count, 6);
    assert_eq!(
        examples[..3],
        [
            "data/tickets.csv:9: \"Summary\" — a totals or summary row (the export's own sums or averages), not a response",
            "data/tickets.csv:10: \"Promoters\" — a totals or summary row (the export's own sums or averages), not a response",
            "data/tickets.csv:11: \"Detractors\" — a totals or summary row (the export's own sums or averages), not a response",
        ]
    );
    // CSAT 5 4 5 3 4 and All Saints' 2: 4 of 6 in the top-2 box = 66.6667; Σx 23, mean 3.8333.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["6", "66.6667"]);
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "3.8333");
}

#[test]
fn a_file_of_records_each_quoted_whole_fails_at_line_1_saying_so() {
    // `"ticket_id,opened,channel,csat,comment"`, each line so: one column of whole lines,
    // which built a comments-only site of raw records.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        let text = String::from_utf8(b).unwrap();
        let lines: Vec<String> = text.lines().map(|l| format!("\"{}\"", l.replace('"', "\"\""))).collect();
        (lines.join("\n") + "\n").into_bytes()
    });
    let run = p.build();
    run.expect(1);
    assert!(
        run.stderr.contains("data/tickets.csv:1: each line of the file is quoted as a whole (line 1 is the one field `\"ticket_id,opened,channel,csat,comment\"`"),
        "{}",
        run.stderr
    );
    p.assert_nothing_written();
}

#[test]
fn totals_rows_in_other_languages_pivots_and_localised_subtotals_are_left_out() {
    // German, Dutch, Italian and Chinese grand totals and means, a pivot's `Count of csat`,
    // SurveyMonkey's `Answered`, and Excel's localised Data → Subtotal rows (`phone Ergebnis`,
    // `Total chat`), all undated (lines 8–16), each with a CSAT a 1–5 score could read:
    // counted, they would be nine more answers and two more channels' worth.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        let tail = "Gesamtergebnis,,,4,\nØ,,,4,\nEindtotaal,,,5,\nTotale complessivo,,,5,\n本月合计,,,5,\n\
                    Count of csat,,,5,\nAnswered,,,5,\n,,phone Ergebnis,4,\n,,Total chat,4,\n";
        [b, tail.as_bytes().to_vec()].concat()
    });
    let site = p.built();
    let q = site.quality("tickets");
    // Lines 2–16: T-101 … T-106 (T-103 too wide) and the nine totals.
    assert_eq!(q.rows(), [15, 5, 10]);
    assert_eq!(q.tally("rejected_rows", "totals row").0, 9);
    // CSAT 5 4 5 3 4 alone: 4 of 5 in the top-2 box; mean 21 / 5.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["5", "80.0000"]);
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "4.2000");
}

#[test]
fn japanese_and_korean_totals_and_whole_lines_with_a_figure_per_score_are_left_out() {
    // Japanese Excel's Data → Subtotal (`phone 最大` under phone's rows, `全体の最大` at the end),
    // Japanese and Korean grand totals and means (`総計`, `합계`, `평균`), and lines naming all
    // groups together with a figure under each score (`Overall,,,4,4`): undated, each read
    // as an answer in range before, so 8 more CSATs and CESs and a touchpoint `phone 最大`.
    let p = Project::new("exports_malformed");
    p.replace(
        "cxsite.yaml",
        "csat: { column: csat, scale: [1, 5] }",
        "csat: { column: csat, scale: [1, 5] }\n      ces: { column: ces, scale: [1, 7] }",
    );
    p.edit("data/tickets.csv", |_| {
        "ticket_id,opened,channel,csat,ces,comment\n\
         T-1,2024-09-02,phone,5,6,\nT-2,2024-09-03,phone,2,3,\n,,phone 最大,5,6,\n\
         T-3,2024-09-04,chat,4,5,\nT-4,2024-09-05,chat,3,2,\n,,chat 最大,4,5,\n,,全体の最大,5,6,\n\
         総計,,,4,4,\n합계,,,5,7,\n평균,,,4,4,\nOverall,,,4,4,\nAll stores,,,4,4,\n"
            .as_bytes()
            .to_vec()
    });
    let site = p.built();
    let q = site.quality("tickets");
    // Lines 2–13: the four tickets and eight totals.
    assert_eq!(q.rows(), [12, 4, 8]);
    let (count, examples) = q.tally("rejected_rows", "totals row");
    assert_eq!(count, 8, "{examples:?}");
    assert!(examples[0].starts_with("data/tickets.csv:4: \"phone 最大\""), "{examples:?}");
    // CSAT 5 2 4 3: 2 of 4 in the top-2 box; mean 14 / 4.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["4", "50.0000"]);
    assert_eq!(site.cells("overall", "all", "csat_mean")[1], "3.5000");
    assert_eq!(site.groups("touchpoint"), ["chat", "phone"]);
}

#[test]
fn a_header_repeated_in_another_column_order_is_an_error_at_its_line() {
    // Two exports joined after a question moved: line 8 names the columns again with csat and
    // channel swapped, so every row after it would read its channel as a score. The header
    // repeated as it is stays a left-out line (the test above); this one cannot be read.
    let p = Project::new("exports_malformed");
    p.edit("data/tickets.csv", |b| {
        [b, "ticket_id,opened,csat,channel,comment\nT-107,2024-09-07,5,chat,\n".as_bytes().to_vec()].concat()
    });
    p.build().expect(1).stderr_has(&[
        "data/tickets.csv:8:",
        "names the columns again in another order (column 3 holds `csat`, the header's column 4)",
    ]);
}
