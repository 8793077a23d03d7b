//! Exports as the survey tools write them, opened untouched with `export:` (docs/exports.md):
//! Qualtrics (numeric values and choice text), SurveyMonkey, Google Forms and 问卷星; a
//! repeated header in a column the project does not read; a preamble above the header.
//!
//! The NPS answers of each fixture, by file row, and the hand-worked results (adjusted-Wald,
//! n' = n + 3, p' = (promoters + ¾)/n', d' = (detractors + ¾)/n'):
//! - Qualtrics: 10 9 6 8 [preview 0] [unfinished 3] 10 7 → 6 read, promoters 3, detractors 1:
//!   100·2/6 = 33.3333; centre 100·(3.75 − 1.75)/9 = 22.2222, SE 0.249829, ±48.9656.
//!   With the preview and the unfinished row read: 3 and 3 of 8 → 0.
//! - SurveyMonkey: 10 9 7 3 9 6 → 3 and 2 of 6 → 16.6667.
//! - Google Forms: 10 9 6 8 10 3 → 3 and 2 of 6 → 16.6667.
//! - 问卷星: 10 9 6 8 10 7 → 33.3333, as Qualtrics.

use crate::support::Project;

const NPS_3_1_OF_6: [&str; 4] = ["6", "33.3333", "-26.7433", "71.1877"];
const NPS_3_2_OF_6: [&str; 4] = ["6", "16.6667", "-43.9339", "66.1562"];

#[test]
fn a_qualtrics_export_reads_its_three_header_rows_and_leaves_out_previews_and_unfinished_rows() {
    let site = Project::new("export_qualtrics").built();
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_1_OF_6);
    // Checkout (matrix Q3_1): 5 4 2 3 5 4 → 4 of 6 in the top-2 box.
    assert_eq!(site.cells("touchpoint", "checkout", "csat"), ["6", "66.6667", "29.9993", "90.3229"]);
    let q = site.quality("visits");
    assert_eq!(q.rows(), [8, 6, 2]);
    assert_eq!(q.tally("rejected_rows", "preview or test response").0, 1);
    assert_eq!(q.tally("rejected_rows", "incomplete response").0, 1);
}

#[test]
fn qualtrics_choice_text_gives_the_same_numbers_as_numeric_values() {
    let site = Project::new("export_qualtrics_text").built();
    // "0 - Not at all likely" is the preview's 0; "10 - Extremely likely" reads as 10.
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_1_OF_6);
    assert_eq!(site.cells("touchpoint", "checkout", "csat"), ["6", "66.6667", "29.9993", "90.3229"]);
    assert_eq!(site.quality("visits").rows(), [8, 6, 2]);
}

#[test]
fn qualtrics_spam_and_offline_previews_are_left_out_by_code_and_by_text_and_offline_responses_kept() {
    // Numeric values: the 7th response (NPS 10) flagged Spam (8), the 8th (NPS 7) an offline
    // response (16), which is real. Choice text: the same as "Spam" and "Offline"; the
    // preview (Status 1 / Survey Preview) becomes an Offline Survey Preview (17).
    for (fixture, spam, offline, preview, from_preview) in [
        ("export_qualtrics", ",8,", ",16,", ",17,", ",1,"),
        ("export_qualtrics_text", ",Spam,", ",Offline,", ",Offline Survey Preview,", ",Survey Preview,"),
    ] {
        let p = Project::new(fixture);
        let csv = std::fs::read_dir(p.path("data")).unwrap().next().unwrap().unwrap().path();
        let rel = format!("data/{}", csv.file_name().unwrap().to_str().unwrap());
        let real = if fixture == "export_qualtrics" { ",0," } else { ",IP Address," };
        p.replace(&rel, &format!("2024-03-22 16:48:20{real}"), &format!("2024-03-22 16:48:20{spam}"));
        p.replace(&rel, &format!("2024-03-27 13:05:58{real}"), &format!("2024-03-27 13:05:58{offline}"));
        p.replace(&rel, &format!("2024-03-12 11:00:09{from_preview}"), &format!("2024-03-12 11:00:09{preview}"));
        let site = p.built();
        let q = site.quality("visits");
        assert_eq!(q.rows(), [8, 5, 3], "{fixture}");
        assert_eq!(q.tally("rejected_rows", "preview or test response").0, 1, "{fixture}");
        let (n, examples) = q.tally("rejected_rows", "spam response");
        assert_eq!(n, 1, "{fixture}");
        assert!(examples[0].ends_with(": spam response, left out (see docs/exports.md)"), "{examples:?}");
        // NPS 10 9 6 8 [spam 10] 7: promoters 2, detractors 1 of 5.
        assert_eq!(site.cells("overall", "all", "nps")[..2], ["5", "20.0000"], "{fixture}");
    }
}

#[test]
fn a_project_can_read_the_preview_and_unfinished_responses() {
    let p = Project::new("export_qualtrics");
    p.replace(
        "cxsite.yaml",
        "    export: qualtrics\n",
        "    export: qualtrics\n    include_incomplete: true\n    include_test_responses: true\n",
    );
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["8", "0.0000"]);
    assert_eq!(site.quality("visits").rows(), [8, 8, 0]);
}

#[test]
fn a_qualtrics_export_without_export_set_fails_naming_the_setting() {
    let p = Project::new("export_qualtrics");
    p.replace("cxsite.yaml", "    export: qualtrics\n", "");
    let run = p.build();
    run.expect(1);
    assert!(
        run.stderr.contains(
            "data/Crunchy_Visit_Survey_March_2024.csv:1: this looks like a Qualtrics export with three header rows"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("set `export: qualtrics`"), "{}", run.stderr);
}

#[test]
fn a_chinese_google_forms_export_reads_its_timestamps_with_上午_下午_and_their_offset() {
    // The same responses as a form in Chinese writes them: 时间戳记, 上午 (AM) / 下午 (PM),
    // the mark before the time or apart from it.
    let p = Project::new("export_google_forms");
    let rel = "data/Crunchy Co. visit survey (Responses) - Form Responses 1.csv";
    for (from, to) in [
        ("Timestamp,", "时间戳记,"),
        ("2024/03/04 10:15:02 AM GMT+8", "2024/03/04 上午10:15:02 GMT+8"),
        ("2024/03/05 6:40:51 PM GMT+8", "2024/03/05 下午6:40:51 GMT+8"),
        ("2024/03/09 12:02:13 PM GMT+8", "2024/03/09 下午12:02:13 GMT+8"),
        ("2024/03/12 9:31:44 AM GMT+8", "2024/3/12 上午 9:31:44 GMT+08:00"),
        ("2024/03/22 4:48:20 PM GMT+8", "2024/03/22 下午 4:48:20 UTC+8"),
        // 上午12:30 is half past midnight: 1 April in Shanghai, 31 March in UTC.
        ("2024/04/01 12:30:00 AM GMT+8", "2024/04/01 上午12:30:00 GMT+8"),
    ] {
        p.replace(rel, from, to);
    }
    p.replace("cxsite.yaml", "date: Timestamp,", "date: 时间戳记,");
    let site = p.built();
    assert_eq!(site.groups("period"), ["2024-03", "2024-04"]);
    let q = site.quality("visits");
    assert_eq!(q.rows(), [6, 6, 0]);
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_2_OF_6);
    p.replace("cxsite.yaml", "timezone: Asia/Shanghai", "timezone: UTC");
    assert_eq!(p.built().groups("period"), ["2024-03"]);
}

#[test]
fn a_surveymonkey_export_names_option_columns_by_question_and_option_and_reads_month_first_dates() {
    let site = Project::new("export_surveymonkey").built();
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_2_OF_6);
    // Checkout: Very satisfied, Satisfied, Dissatisfied, Very dissatisfied, Very satisfied,
    // Satisfied → 5 4 2 1 5 4: 4 of 6.
    assert_eq!(site.cells("touchpoint", "checkout", "csat"), ["6", "66.6667", "29.9993", "90.3229"]);
    // 03/04/2024 … 03/27/2024 are all March when read month first.
    assert_eq!(site.groups("period"), ["2024-03"]);
    assert_eq!(site.quality("visits").rows(), [6, 6, 0]);
    // A column per option (`multi_select:` with `columns:`), ticked by its option text:
    // Crisps rows 1 3 5, nuts 2 3 6, Other ("Dried mango") 4 — every row answered.
    assert_eq!(site.cells("overall", "all", "bought_crisps")[..2], ["6", "50.0000"]);
    assert_eq!(site.cells("overall", "all", "bought_salted_roasted_nuts")[..2], ["6", "50.0000"]);
    assert_eq!(site.cells("overall", "all", "bought_other")[..2], ["6", "16.6667"]);
}

#[test]
fn google_forms_repeated_question_text_blocks_nothing_until_it_is_named() {
    let site = Project::new("export_google_forms").built();
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_2_OF_6);
    // Checkbox answers joined with ", " where an option holds a comma: "Crisps, Salted,
    // roasted nuts" is Crisps and the nuts. Crisps rows 1 3 4 5 6, nuts 1 2 5, mango 4.
    assert_eq!(site.cells("overall", "all", "snacks_crisps")[..2], ["6", "83.3333"]);
    assert_eq!(site.cells("overall", "all", "snacks_salted_roasted_nuts")[..2], ["6", "50.0000"]);
    assert_eq!(site.cells("overall", "all", "snacks_dried_mango")[..2], ["6", "16.6667"]);
    // `'Crisps' in snacks` reads the column `multi_select:` names by a prefix: rows 1 3 4 5 6.
    assert_eq!(site.cells("segment", "crisps", "nps")[0], "5");
    // The last response, 2024/04/01 12:30:00 AM GMT+8, is April in Shanghai (March in UTC).
    assert_eq!(site.groups("period"), ["2024-03", "2024-04"]);

    let p = Project::new("export_google_forms");
    p.replace("cxsite.yaml", "comment: $4", "comment: Anything else?");
    let run = p.build();
    run.expect(1);
    assert!(
        run.stderr.contains("2 columns are named `Anything else?`: `$4` \"Anything else?\", `$6` \"Anything else?\"; name the one to read by position (`$4`)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wenjuanxing_gbk_export_reads_option_scores_in_brackets() {
    let site = Project::new("export_wenjuanxing").built();
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_1_OF_6);
    // 总体满意度 非常满意(5) 满意(4) 不满意(2) 满意(4) 非常满意(5) 满意(4): 5 of 6 in the top two.
    assert_eq!(site.cells("overall", "all", "csat"), ["6", "83.3333", "43.6497", "96.9947"]);
    assert_eq!(site.quality("visits").rows(), [6, 6, 0]);
}

/// The same export saved again as UTF-8 (no BOM; Excel's "CSV UTF-8" adds one, which always
/// won) reads the same; and `(跳过)` in a score column is no answer without `na:`, as it is
/// in the comment column.
#[test]
fn a_wenjuanxing_export_saved_as_utf8_reads_the_same_and_skips_are_no_answer() {
    let data = "data/123456789_0_门店体验调查_6_6.csv";
    let p = Project::new("export_wenjuanxing");
    p.edit(data, |gbk| {
        let (text, _, bad) = encoding_rs::GB18030.decode(&gbk);
        assert!(!bad);
        text.into_owned().into_bytes()
    });
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_1_OF_6);
    assert_eq!(site.cells("overall", "all", "csat"), ["6", "83.3333", "43.6497", "96.9947"]);
    assert_eq!(site.quality("visits").rows(), [6, 6, 0]);
    // Respondent 1's 10 becomes (跳过): NPS of 9 6 8 10 7 — 2 promoters and 1 detractor in 5.
    p.edit(data, |utf8| {
        let text = String::from_utf8(utf8).unwrap();
        text.replacen("上海),10,", "上海),(跳过),", 1).into_bytes()
    });
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["5", "20.0000"]);
    let q = site.quality("visits");
    assert_eq!(q.rows(), [6, 6, 0]);
    assert!(q.keys("problems").is_empty(), "{:?}", q.keys("problems"));
}

/// 问卷星 writes `(跳过)` where skip logic passed a question by and `(空)` for an empty
/// answer, in score columns as in comment columns: with `export: wenjuanxing` they are not
/// applicable, not "not a number" problems that fail `--strict`.
#[test]
fn wenjuanxing_skipped_and_empty_score_cells_are_not_applicable_without_listing_them() {
    let p = Project::new("export_wenjuanxing");
    // Row 2's NPS 9 and row 4's 8 (GBK bytes of 跳过 and 空).
    p.edit("data/123456789_0_门店体验调查_6_6.csv", |b| {
        let skipped = [b"(".as_slice(), b"\xcc\xf8\xb9\xfd", b")"].concat();
        let empty = [b"(".as_slice(), b"\xbf\xd5", b")"].concat();
        let text = b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect::<Vec<_>>();
        let mut out = Vec::new();
        for (i, mut line) in text.into_iter().enumerate() {
            let (from, to): (&[u8], &[u8]) = match i {
                2 => (b"),9,", &[b")," as &[u8], &skipped, b","].concat()),
                4 => (b"),8,", &[b")," as &[u8], &empty, b","].concat()),
                _ => (b"", b""),
            };
            if !from.is_empty() {
                let at = line.windows(from.len()).position(|w| w == from).expect("the score cell");
                line.splice(at..at + from.len(), to.iter().copied());
            }
            out.extend(line);
            out.push(b'\n');
        }
        out.pop();
        out
    });
    let site = p.built();
    // NPS 10 6 … without the 9 and the 8: n 4.
    assert_eq!(site.cells("overall", "all", "nps")[0], "4");
    let q = site.quality("visits");
    assert_eq!(q.column("1、您向朋友推荐我们门店的可能性有多大？"), [4, 0, 2, 0]);
    p.build_strict().expect(0);
}

#[test]
fn a_preamble_without_header_row_fails_naming_the_line_the_header_starts_on() {
    let site = Project::new("export_preamble").built();
    // satisfaction 2 4 1 5 4: 3 of 5 in the top two.
    assert_eq!(site.cells("overall", "all", "csat")[..2], ["5", "60.0000"]);

    let p = Project::new("export_preamble");
    p.replace("cxsite.yaml", "    header_row: 4\n", "");
    let run = p.build();
    run.expect(1);
    assert!(
        run.stderr.contains("data/complaints.csv:1: line 1, read as the header, has 1 field but the rows below it have 5 fields: the lines above line 4 look like a preamble (a title, an export banner); set `header_row: 4` for this dataset"),
        "{}",
        run.stderr
    );
}

/// SurveyMonkey, Google Forms and 问卷星 write no test flag and no "finished" column: a
/// partial response that stopped before the first question holds only the tool's fixed
/// leading columns. Such a row is left out as *no usable score or comment*, and the numbers
/// are those of the untouched export.
#[test]
fn a_row_with_only_the_tools_leading_columns_is_counted_as_no_usable_answer() {
    let cases = [
        (
            "export_surveymonkey",
            "data/Sheet_1.csv",
            "114523999999,431234567,03/28/2024 09:00:00 AM,03/28/2024 09:00:40 AM,198.51.100.9,,,,,,,,,,,\r\n",
            NPS_3_2_OF_6,
        ),
        (
            "export_google_forms",
            "data/Crunchy Co. visit survey (Responses) - Form Responses 1.csv",
            "2024/03/28 9:00:40 AM GMT+8,,,,,\n",
            NPS_3_2_OF_6,
        ),
        (
            "export_wenjuanxing",
            "data/123456789_0_门店体验调查_6_6.csv",
            "7,2024/3/28 9:00:40,40,,,101.87.108.9,,,,,\r\n",
            NPS_3_1_OF_6,
        ),
    ];
    for (fixture, data, row, nps) in cases {
        let p = Project::new(fixture);
        p.edit(data, |mut bytes| {
            bytes.extend_from_slice(row.as_bytes());
            bytes
        });
        let site = p.built();
        assert_eq!(site.cells("overall", "all", "nps"), nps, "{fixture}");
        let q = site.quality("visits");
        assert_eq!(q.rows(), [7, 6, 1], "{fixture}");
        assert_eq!(q.tally("rejected_rows", "no answer").0, 1, "{fixture}");
    }
}

#[test]
fn qualtrics_dates_are_read_in_the_time_zone_their_importid_declares_and_cut_in_the_projects() {
    // The export was made with Qualtrics set to Denver: its RecordedDate is Denver time. The
    // last response, 19:00 on 31 March in Denver (UTC−6), is 09:00 on 1 April in Shanghai, the
    // project's zone: an April response. The others (4–22 March) stay in March.
    let p = Project::new("export_qualtrics");
    let rel = "data/Crunchy_Visit_Survey_March_2024.csv";
    p.replace(
        rel,
        "\"\"recordedDate\"\",\"\"timeZone\"\":\"\"Asia/Shanghai\"\"",
        "\"\"recordedDate\"\",\"\"timeZone\"\":\"\"America/Denver\"\"",
    );
    p.replace(rel, ",1,2024-03-27 13:05:58,R_8h9", ",1,2024-03-31 19:00:00,R_8h9");
    let site = p.built();
    assert_eq!(site.groups("period"), ["2024-03", "2024-04"]);
    assert_eq!(site.cells("period", "2024-04", "nps")[0], "1");
    assert_eq!(site.cells("period", "2024-03", "nps")[0], "5");
    // The first, 10:15 on 4 March in Denver (UTC−7 until DST), is 01:15 on the 5th in Shanghai.
    assert_eq!(site.data_period(), ["2024-03-05", "2024-04-01"]);
    // Declared as the project's own zone (the fixture), the same time is 31 March.
    let p = Project::new("export_qualtrics");
    p.replace(rel, ",1,2024-03-27 13:05:58,R_8h9", ",1,2024-03-31 19:00:00,R_8h9");
    assert_eq!(p.built().groups("period"), ["2024-03"]);
}

#[test]
fn a_qualtrics_time_zone_no_one_knows_fails_naming_the_file_row_column_and_value() {
    let p = Project::new("export_qualtrics");
    let rel = "data/Crunchy_Visit_Survey_March_2024.csv";
    p.replace(
        rel,
        "\"\"recordedDate\"\",\"\"timeZone\"\":\"\"Asia/Shanghai\"\"",
        "\"\"recordedDate\"\",\"\"timeZone\"\":\"\"Mars/Olympus\"\"",
    );
    p.build().expect(1).stderr_has(&[
        "data/Crunchy_Visit_Survey_March_2024.csv:3:RecordedDate: the export's ImportId row gives date column `RecordedDate` the timeZone \"Mars/Olympus\", which is no time zone cxsite knows",
    ]);
    p.assert_nothing_written();
    // `Z`, as Qualtrics writes UTC, is known; and an unknown zone over a column the project
    // does not read as its date is no error.
    let p = Project::new("export_qualtrics");
    p.replace(
        rel,
        "\"\"recordedDate\"\",\"\"timeZone\"\":\"\"Asia/Shanghai\"\"",
        "\"\"recordedDate\"\",\"\"timeZone\"\":\"\"Z\"\"",
    );
    p.replace(
        rel,
        "\"\"startDate\"\",\"\"timeZone\"\":\"\"Asia/Shanghai\"\"",
        "\"\"startDate\"\",\"\"timeZone\"\":\"\"Nowhere\"\"",
    );
    // 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai.
    p.replace(rel, ",1,2024-03-27 13:05:58,R_8h9", ",1,2024-03-31 20:00:00,R_8h9");
    assert_eq!(p.built().groups("period"), ["2024-03", "2024-04"]);
}

#[test]
fn alchemer_partial_and_disqualified_responses_are_left_out_as_incomplete_unless_asked_for() {
    // Lines 2–7: 10 9 (Partial) 0 (Disqualified) 2, then 3 8. Complete: 10 9 3 8 → 2 promoters
    // and 1 detractor of 4 = +25.
    let p = Project::new("export_alchemer");
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["4", "25.0000"]);
    let (count, examples) = site.quality("nps").tally("rejected_rows", "incomplete response");
    assert_eq!(count, 2);
    assert!(examples[0].contains("data/20240615_acme_nps.csv:4"), "{examples:?}");
    // Read as asked: all six, 2 promoters and 3 detractors (0 2 3) = −16.6667.
    p.replace("cxsite.yaml", "    touchpoint: web\n", "    touchpoint: web\n    include_incomplete: true\n");
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["6", "-16.6667"]);
}

#[test]
fn typeform_partial_submissions_are_left_out_as_incomplete() {
    // Typeform's `Response Type`: completed 9 10 6, partial 0. Completed → 2 − 1 of 3 = +33.3333.
    let p = Project::new("export_alchemer");
    p.edit("data/20240615_acme_nps.csv", |_| {
        "#,How likely are you to recommend Acme to a friend?,Why did you give that score?,Response Type,Start Date (UTC),Submit Date (UTC),Network ID\n\
         a1,9,Good,completed,2024-06-01 09:00:00,2024-06-01 09:01:00,n1\n\
         a2,10,Great,completed,2024-06-01 10:00:00,2024-06-01 10:01:00,n2\n\
         a3,0,,partial,2024-06-02 10:00:00,,n3\n\
         a4,6,Slow,completed,2024-06-03 10:00:00,2024-06-03 10:01:00,n4\n"
            .as_bytes()
            .to_vec()
    });
    p.replace(
        "cxsite.yaml",
        "respondent: Response ID, date: Date Submitted",
        "respondent: \"#\", date: Start Date (UTC)",
    );
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["3", "33.3333"]);
    assert_eq!(site.quality("nps").tally("rejected_rows", "incomplete response").0, 1);
}

#[test]
fn a_qualtrics_export_whose_question_texts_and_import_ids_were_deleted_loses_no_respondent() {
    // A common tidy-up deletes the second and third header rows: the answers then start on
    // line 2, and the first respondent (NPS 10) was read as the question texts, unsaid.
    let p = Project::new("export_qualtrics");
    let rel = "data/Crunchy_Visit_Survey_March_2024.csv";
    p.edit(rel, |b| {
        let text = String::from_utf8(b).unwrap();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        [lines[0]].into_iter().chain(lines[3..].iter().copied()).collect::<String>().into_bytes()
    });
    // Without the question texts the score is named by its id, as the error says.
    p.build().expect(1).stderr_has(&["has no column `How likely are you to recommend`", "Q1"]);
    p.replace("cxsite.yaml", "column: \"How likely are you to recommend\"", "column: Q1");
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), NPS_3_1_OF_6);
    assert_eq!(site.quality("visits").rows(), [8, 6, 2]);
}
