//! Encodings: a GBK export from Excel on Chinese Windows (`exports_gbk`, min_n 3) and Excel's
//! UTF-16LE "Unicode text" (`exports_utf16`, min_n 3).
//!
//! exports_gbk/data/survey.csv (GBK, no BOM, CRLF), by file line:
//!    1 编号,提交时间,门店,触点,推荐意愿,满意度,评论
//!    2 1001 2024/3/1   上海南京路店 门店收银 10 非常满意(5)
//!    3 1002 2024/3/2   上海南京路店 门店收银  9 满意(4)      "服务好,下次再来" (quoted comma)
//!    4 1003 2024/3/5   北京三里屯店 门店收银  6 一般(3)
//!    5 1004 2024/3/9   北京三里屯店 外卖配送  3 不满意(2)
//!    6 1005 2024/3/28  上海南京路店 外卖配送  8 满意(4)
//!    7 1006 2024/4/3   北京三里屯店 外卖配送 10 非常满意(5)  骑手喆哥很贴心 (喆: GBK, not GB2312)
//!    8 1007 2024/4/8   上海南京路店 门店收银  9 4
//!    9 1008 2024/4/9   北京三里屯店 门店收银  5 非常不满意(1)
//!   10 1009 2024/4/12  北京三里屯店 外卖配送  7 满意(4)
//!
//! exports_utf16/data/survey.txt (UTF-16LE BOM, tabs, CRLF), by file line:
//!   1 Response ID, Submitted, Hotel, Touchpoint, Likelihood to recommend (0-10), Overall satisfaction (1-5), Comments
//!   2 H-0001 2024/5/3  Hangzhou West Lake Check-in  9 5  Fast, friendly check-in
//!   3 H-0002 2024/5/4  Hangzhou West Lake Check-in  7 4  "The ""express"" check-in took 20 minutes"
//!   4 H-0003 2024/5/6  Hangzhou West Lake Room     10 5  房间很干净
//!   5 H-0004 2024/5/9  Suzhou Garden      Room      4 2
//!   6 H-0005 2024/5/11 Suzhou Garden      Check-in  8 3
//!   7 H-0006 2024/5/15 Suzhou Garden      room     10 4  (the touchpoint id, lower case)
//!   8 H-0007 2024/5/20 Suzhou Garden      Check-in  2 1

use crate::support::{lf, Project};

#[test]
fn a_gbk_export_with_a_chinese_header_is_read_when_the_dataset_declares_encoding_gbk() {
    let site = Project::new("exports_gbk").built();
    // NPS 10 9 6 3 8 10 9 5 7: promoters 4 (10 9 10 9), detractors 3 (6 3 5), n 9 →
    // 100·(4 − 3)/9 = 11.1111; n' = 12, p' = 4.75/12, d' = 3.75/12, centre 8.3333, SE 24.1762.
    assert_eq!(site.cells("overall", "all", "nps"), ["9", "11.1111", "-39.0512", "55.7179"]);
    // 满意度 as labels 5 4 3 2 4 5, the bare 4, 1, 4: top-2 box 6 of 9 = 66.6667; Wilson
    // centre 61.6809, half-width 26.2607.
    assert_eq!(site.cells("overall", "all", "csat"), ["9", "66.6667", "35.4202", "87.9416"]);
    // Σx 32, Σx² 128: mean 3.5556, s 1.333333, SE 0.444444, t(8) 2.306004.
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["9", "3.5556", "2.5307", "4.5804"]);
    // The touchpoint column holds the Chinese names of the journey's touchpoints.
    // 门店收银 (lines 2 3 4 8 9): NPS 10 9 6 9 5 → 3 promoters, 2 detractors → 20;
    // n' = 8, p' = 3.75/8, d' = 2.75/8, centre 12.5, SE 31.5610.
    assert_eq!(site.cells("touchpoint", "checkout", "nps"), ["5", "20.0000", "-49.3583", "74.3583"]);
    // CSAT 5 4 3 4 1: 3 of 5 = 60; Wilson centre 55.6552, half-width 32.5827.
    assert_eq!(site.cells("touchpoint", "checkout", "csat"), ["5", "60.0000", "23.0724", "88.2379"]);
    // 外卖配送 (lines 5 6 7 10): NPS 3 8 10 7 → 1 and 1 → 0; CSAT 2 4 5 4 → 3 of 4 = 75.
    assert_eq!(site.cells("touchpoint", "delivery", "nps"), ["4", "0.0000", "-52.3822", "52.3822"]);
    assert_eq!(site.cells("touchpoint", "delivery", "csat"), ["4", "75.0000", "30.0642", "95.4413"]);
    // Chinese dimension values: 上海南京路店 NPS 10 9 8 9 → 3 promoters, 0 detractors → 75;
    // 北京三里屯店 6 3 10 5 7 → 1 and 3 → −40.
    assert_eq!(site.groups("store"), ["上海南京路店", "北京三里屯店"]);
    assert_eq!(site.cells("store", "上海南京路店", "nps"), ["4", "75.0000", "-7.3415", "93.0558"]);
    assert_eq!(site.cells("store", "北京三里屯店", "nps"), ["5", "-40.0000", "-79.7827", "29.7827"]);
    // Dates as Excel writes them on Chinese Windows (2024/3/1 09:15): March lines 2–6, April 7–10.
    // March NPS 10 9 6 3 8 → 2 and 2 → 0; April 10 9 5 7 → 2 and 1 → 25.
    assert_eq!(site.cells("period", "2024-03", "nps"), ["5", "0.0000", "-57.4565", "57.4565"]);
    assert_eq!(site.cells("period", "2024-04", "nps"), ["4", "25.0000", "-44.1598", "72.7312"]);
}

#[test]
fn a_gbk_export_read_with_its_encoding_has_nothing_to_report() {
    let p = Project::new("exports_gbk");
    let site = p.built();
    let q = site.quality("survey");
    assert_eq!(q.rows(), [9, 9, 0]);
    // Every mapped column decoded: the Chinese column names are found, every label is known.
    for column in ["提交时间", "触点", "推荐意愿", "满意度"] {
        assert_eq!(q.column(column), [9, 0, 0, 0], "column {column}");
    }
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    assert!(q.keys("rejected_rows").is_empty(), "{:#}", q.0);
    assert_eq!(site.data_period(), ["2024-03-01", "2024-04-12"]);
    // The GBK-only character of line 7 survives into the comments shown on the site.
    assert!(site.page("touchpoints/delivery.html").contains("骑手喆哥很贴心"));
}

#[test]
fn a_gbk_export_without_encoding_fails_naming_the_file_and_line_1_and_suggesting_gb18030() {
    let p = Project::new("exports_gbk");
    p.replace("cxsite.yaml", "    encoding: gbk\n", "");
    p.build().expect(1).stderr_has(&["data/survey.csv:1:", "not valid UTF-8", "encoding: gb18030"]);
    p.assert_nothing_written();
}

/// exports_gbk reading survey_en_header.csv (header `id,submitted,store,touchpoint,recommend,
/// satisfaction,comment`) with no `encoding:`.
fn english_header_without_encoding() -> Project {
    let p = Project::new("exports_gbk");
    p.replace("cxsite.yaml", "    encoding: gbk\n", "");
    p.replace("cxsite.yaml", "path: data/survey.csv", "path: data/survey_en_header.csv");
    for (from, to) in [
        (
            "respondent: 编号, date: 提交时间, touchpoint: 触点, comment: 评论",
            "respondent: id, date: submitted, touchpoint: touchpoint, comment: comment",
        ),
        ("column: 推荐意愿", "column: recommend"),
        ("column: 满意度", "column: satisfaction"),
        ("column: 门店", "column: store"),
    ] {
        p.replace("cxsite.yaml", from, to);
    }
    p
}

#[test]
fn a_gbk_export_under_an_english_header_without_encoding_fails_naming_the_file_and_gb18030() {
    // The header of survey_en_header.csv is ASCII, so the first byte that is not UTF-8 is in
    // the first answer (line 2), in its third field (门店).
    let p = english_header_without_encoding();
    p.build().expect(1).stderr_has(&[
        "data/survey_en_header.csv:",
        "column `store` is not valid UTF-8",
        "encoding: gb18030",
    ]);
    p.assert_nothing_written();
    // Saved with LF line ends, the line is right.
    p.edit("data/survey_en_header.csv", lf);
    p.build().expect(1).stderr_has(&["data/survey_en_header.csv:2: column `store` is not valid UTF-8"]);
}

#[test]
fn a_gbk_export_under_an_english_header_names_line_2_as_excel_saved_it_with_crlf() {
    let p = english_header_without_encoding();
    p.build().expect(1).stderr_has(&["data/survey_en_header.csv:2: column `store` is not valid UTF-8"]);
}

#[test]
fn an_excel_unicode_text_file_is_read_with_no_encoding_or_delimiter_declared() {
    let site = Project::new("exports_utf16").built();
    // NPS 9 7 10 4 8 10 2: promoters 3, detractors 2, n 7 → 14.2857; n' = 10, p' = 0.375,
    // d' = 0.275, centre 10, SE 25.2982.
    assert_eq!(site.cells("overall", "all", "nps"), ["7", "14.2857", "-39.5836", "59.5836"]);
    // Satisfaction 5 4 5 2 3 4 1: top-2 box 4 of 7 = 57.1429; Wilson centre 54.6119, half 29.5661.
    assert_eq!(site.cells("overall", "all", "csat"), ["7", "57.1429", "25.0458", "84.1780"]);
    // Σx 24, Σx² 96: mean 3.4286, s 1.511858, SE 0.571429, t(6) 2.446912.
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["7", "3.4286", "2.0303", "4.8268"]);
    // Check-in (lines 2 3 6 8): NPS 9 7 8 2 → 1 and 1 → 0; CSAT 5 4 3 1 → 2 of 4 = 50.
    assert_eq!(site.cells("touchpoint", "checkin", "nps"), ["4", "0.0000", "-52.3822", "52.3822"]);
    assert_eq!(site.cells("touchpoint", "checkin", "csat"), ["4", "50.0000", "15.0039", "84.9961"]);
    // Room (lines 4 5 7, `room` matching the id): NPS 10 4 10 → 2 and 1 → 33.3333.
    assert_eq!(site.cells("touchpoint", "room", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    // The last column of each line carries no stray CR: the means of the 1–5 column are right.
    // Room CSAT 5 2 4: mean 11/3 = 3.6667, s 1.527525, SE 0.881917, t(2) 4.302653 → clipped to 1…5.
    assert_eq!(site.cells("touchpoint", "room", "csat_mean"), ["3", "3.6667", "1.0000", "5.0000"]);
    assert_eq!(site.cells("hotel", "Hangzhou West Lake", "nps"), ["3", "66.6667", "-21.6518", "88.3185"]);
    assert_eq!(site.cells("hotel", "Suzhou Garden", "nps"), ["4", "-25.0000", "-72.7312", "44.1598"]);
    assert_eq!(site.groups("period"), ["2024-05"]);

    let q = site.quality("stays");
    assert_eq!(q.rows(), [7, 7, 0]);
    // The first header cell followed the BOM; its column still resolves, like all the others.
    for column in ["Submitted", "Touchpoint", "Likelihood to recommend (0-10)", "Overall satisfaction (1-5)"] {
        assert_eq!(q.column(column), [7, 0, 0, 0], "column {column}");
    }
    assert!(q.keys("problems").is_empty() && q.keys("rejected_rows").is_empty(), "{:#}", q.0);
}

#[test]
fn comments_of_an_excel_unicode_text_file_keep_their_doubled_quotes_commas_and_chinese() {
    let p = Project::new("exports_utf16");
    let site = p.built();
    let checkin = site.page("touchpoints/checkin.html");
    assert!(checkin.contains("Fast, friendly check-in"));
    assert!(checkin.contains("The &quot;express&quot; check-in took 20 minutes"), "quotes lost");
    assert!(site.page("touchpoints/room.html").contains("房间很干净"));
}

#[test]
fn a_latin1_export_without_encoding_is_told_to_set_windows_1252_not_gb18030() {
    // Western Excel saves CSV in Windows-1252: "Grüße" is 47 72 FC DF 65, which GB18030 would
    // read as "Gr鲞e" without complaint.
    let p = Project::new("exports_gbk");
    let yaml = "title: Latin\nmin_n: 1\njourney:\n  stages:\n    - id: s\n      name: S\n      touchpoints:\n        - { id: a, name: A }\ndatasets:\n  - id: s\n    path: data/latin.csv\n    touchpoint: a\n    columns: { comment: Kommentar }\n    scores:\n      csat: { column: Zufriedenheit, scale: [1, 5] }\n";
    std::fs::write(p.path("cxsite.yaml"), yaml).unwrap();
    let csv = b"Zufriedenheit;Kommentar\n5;Tr\xe8s bien, sch\xf6n\n4;Viele Gr\xfc\xdfe\n".to_vec();
    std::fs::write(p.path("data/latin.csv"), csv).unwrap();
    let run = p.build();
    run.expect(1).stderr_has(&["data/latin.csv:2:", "not valid UTF-8", "encoding: windows-1252"]);
    run.stderr_lacks(&["gb18030"]);
    // Declared GB18030 by mistake, it decodes without an error into wrong Chinese characters:
    // the build warns, naming the encoding the bytes look like.
    p.replace("cxsite.yaml", "    path: data/latin.csv\n", "    path: data/latin.csv\n    encoding: gb18030\n");
    let run = p.build();
    run.expect(0).stderr_has(&[
        "warning: data/latin.csv is read as gb18030, but its bytes look like windows-1252",
        "set `encoding: windows-1252`",
    ]);
    // Followed, the hint reads the text as written, and there is nothing to warn of.
    p.replace("cxsite.yaml", "    encoding: gb18030\n", "    encoding: windows-1252\n");
    let run = p.build();
    run.expect(0).stderr_lacks(&["look like"]);
    let site = p.built();
    assert_eq!(site.quality("s").rows(), [2, 2, 0]);
    assert!(site.page("touchpoints/a.html").contains("Viele Grüße"));
}

#[test]
fn a_gbk_export_declared_gbk_or_windows_1252_is_warned_of_only_when_wrong() {
    let p = Project::new("exports_gbk");
    p.build().expect(0).stderr_lacks(&["look like"]);
    // Read as Windows-1252, the Chinese header is garbled: the missing column's error says why.
    p.replace("cxsite.yaml", "encoding: gbk", "encoding: windows-1252");
    p.build().expect(1).stderr_has(&[
        "has no column `触点`",
        "; the file is read as windows-1252, but its bytes look like gb18030: set `encoding: gb18030`",
    ]);
}

#[test]
fn an_excel_unicode_text_file_without_its_byte_order_mark_is_told_to_set_utf_16le() {
    let p = Project::new("exports_utf16");
    p.edit("data/survey.txt", |b| b[2..].to_vec());
    p.build().expect(1).stderr_has(&["data/survey.txt:1:", "NUL", "encoding: utf-16le"]);
    p.assert_nothing_written();
    p.replace("cxsite.yaml", "    path: data/survey.txt\n", "    path: data/survey.txt\n    encoding: utf-16le\n");
    p.built();
}

/// A UTF-8 byte-order mark before UTF-16LE text: its three bytes shift every NUL onto the
/// other parity, which had been read as big-endian and advised `encoding: utf-16be` (wrong,
/// and no encoding reads the file). Now it is told to save the file as UTF-8.
#[test]
fn a_utf8_byte_order_mark_before_utf16_text_is_told_to_save_as_utf8() {
    let p = Project::new("exports_utf16");
    p.edit("data/survey.txt", |b| [&[0xEF, 0xBB, 0xBF][..], &b[2..]].concat());
    let run = p.build();
    run.expect(1).stderr_has(&[
        "data/survey.txt:1:",
        "UTF-8 byte-order mark",
        "UTF-16",
        "save the file again as UTF-8",
    ]);
    run.stderr_lacks(&["utf-16be"]);
    p.assert_nothing_written();
}

#[test]
fn a_utf16_file_whose_byte_order_mark_names_the_other_order_is_read_as_its_text_is() {
    // The big-endian mark (FE FF) before little-endian text: read as the mark says, every
    // header was CJK nonsense and the error dumped the file's first line. Read as the text is,
    // with a warning, it gives the same figures as with its right mark.
    let p = Project::new("exports_utf16");
    p.edit("data/survey.txt", |b| [&[0xFE, 0xFF][..], &b[2..]].concat());
    let run = p.build();
    run.expect(0).stderr_has(&["data/survey.txt starts with a UTF-16BE byte-order mark, but its text is UTF-16LE"]);
    let site = crate::support::Site::read(&p.public());
    assert_eq!(site.cells("overall", "all", "nps"), ["7", "14.2857", "-39.5836", "59.5836"]);
}

/// Every data cell of `basic` written as Excel's text-forcing formula, the way Chinese
/// e-commerce back ends and survey tools export: `="10"`, and in one row quoted, `"=""10"""`.
fn as_text_formulas(csv: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(csv).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let cells: Vec<String> = match i {
            // The header too, as these exports write it.
            0 => line.split(',').map(|c| format!("=\"{c}\"")).collect(),
            3 => line.split(',').map(|c| format!("\"=\"\"{c}\"\"\"")).collect(),
            _ => line.split(',').map(|c| format!("=\"{c}\"")).collect(),
        };
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

#[test]
fn cells_written_as_excel_text_formulas_are_read_as_the_text_inside() {
    let plain_project = Project::new("basic");
    let plain = plain_project.built();
    let p = Project::new("basic");
    p.edit("data/survey.csv", as_text_formulas);
    assert!(std::fs::read_to_string(p.path("data/survey.csv")).unwrap().contains("=\"10\""));
    let wrapped = p.built();
    // NPS 10 8 6 9 3 10: promoters 3, detractors 2 of 6 → 16.6667; CSAT 5 4 2 4 1 5: 4 of 6
    // in the top-2 box → 66.6667; `young` (age < 30: B1 25, B4 22, B5 29): NPS 10 9 3 → 33.3333.
    assert_eq!(wrapped.cells("overall", "all", "nps")[..2], ["6", "16.6667"]);
    assert_eq!(wrapped.cells("overall", "all", "csat")[..2], ["6", "66.6667"]);
    assert_eq!(wrapped.cells("segment", "young", "nps")[..2], ["3", "33.3333"]);
    assert_eq!(wrapped.groups("store_name"), ["Airport", "Downtown", "Online"]);
    assert_eq!(wrapped.groups("period"), ["2024-06", "2024-07"]);
    // Nothing else differs from the same data written plainly.
    assert_eq!(
        std::fs::read(wrapped.dir.join("data/metrics.csv")).unwrap(),
        std::fs::read(plain.dir.join("data/metrics.csv")).unwrap()
    );
}
