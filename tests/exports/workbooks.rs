//! An XLSX export (`exports_xlsx`, min_n 3), written by tests/tools/make_export_fixtures.py.
//! Sheets in order: 说明 (notes), 原始数据 (the answers), 数值日期 (the same answers with the
//! dates as bare serial numbers). On 原始数据, row 1 is a merged title, row 2 is blank and the
//! header is on row 3 (`header_row: 3`). By Excel row:
//!    3 序号 提交时间 门店 触点 推荐意愿 整体满意度 评论
//!    4 1 2024-04-02 10:15 (date-time cell)  徐汇店 点餐 10 非常满意(5)
//!    5 2 2024-04-15 19:40                   徐汇店 点餐  8 满意(4)
//!    6 3 2024-04-28 (date cell, yyyy"年"m"月"d"日") 静安店 取餐 6 一般(3)
//!    7 4 2024-05-06 12:30                   静安店 取餐  9 非常满意(5)
//!    8 5 2024-05-18 (date cell)             徐汇店 取餐  3 非常不满意(1)
//!    9 6 2024-05-31 21:05                   静安店 点餐  9 满意(4)
//!   10 7 45450 (General: 2024-06-07)        徐汇店 点餐  7 不满意(2)
//!   11 8 2024-06-20 08:00                   静安店 取餐 10 5 (a number among the labels)

use crate::support::Project;

#[test]
fn an_xlsx_sheet_chosen_by_name_is_read_from_the_header_row_below_its_title_and_blank_row() {
    let site = Project::new("exports_xlsx").built();
    // NPS 10 8 6 9 3 9 7 10: promoters 4, detractors 2 (6, 3), n 8 → 25; n' = 11, p' = 4.75/11,
    // d' = 2.75/11, centre 18.1818, SE 24.2854.
    assert_eq!(site.cells("overall", "all", "nps"), ["8", "25.0000", "-29.4168", "65.7804"]);
    // 整体满意度 5 4 3 5 1 4 2 5: top-2 box 5 of 8 = 62.5; Wilson centre 58.4449, half 27.8707.
    assert_eq!(site.cells("overall", "all", "csat"), ["8", "62.5000", "30.5742", "86.3156"]);
    // Σx 29, Σx² 121: mean 3.625, s 1.505941, SE 0.532430, t(7) 2.364624.
    assert_eq!(site.cells("overall", "all", "csat_mean"), ["8", "3.6250", "2.3660", "4.8840"]);
    // 点餐 (rows 4 5 9 10): NPS 10 8 9 7 → 2 promoters, 0 detractors → 50; CSAT 5 4 4 2 → 75.
    assert_eq!(site.cells("touchpoint", "order", "nps"), ["4", "50.0000", "-19.3443", "76.4871"]);
    assert_eq!(site.cells("touchpoint", "order", "csat"), ["4", "75.0000", "30.0642", "95.4413"]);
    // 取餐 (rows 6 7 8 11): NPS 6 9 3 10 → 2 and 2 → 0; CSAT 3 5 1 5 → 50, mean 3.5.
    assert_eq!(site.cells("touchpoint", "pickup", "nps"), ["4", "0.0000", "-65.6646", "65.6646"]);
    assert_eq!(site.cells("touchpoint", "pickup", "csat_mean"), ["4", "3.5000", "1.0000", "5.0000"]);
    // 徐汇店 NPS 10 8 3 7 → 0; 静安店 6 9 9 10 → 3 and 1 → 50.
    assert_eq!(site.cells("store", "徐汇店", "nps"), ["4", "0.0000", "-52.3822", "52.3822"]);
    assert_eq!(site.cells("store", "静安店", "nps"), ["4", "50.0000", "-33.5885", "90.7314"]);

    let q = site.quality("survey");
    // The title and the blank row are not answers; eight rows below the header are.
    assert_eq!(q.rows(), [8, 8, 0]);
    for column in ["提交时间", "触点", "推荐意愿", "整体满意度"] {
        assert_eq!(q.column(column), [8, 0, 0, 0], "column {column}");
    }
    assert!(q.keys("problems").is_empty() && q.keys("rejected_rows").is_empty(), "{:#}", q.0);
}

#[test]
fn excel_date_cells_and_a_bare_serial_land_in_their_months() {
    let site = Project::new("exports_xlsx").built();
    assert_eq!(site.groups("period"), ["2024-04", "2024-05", "2024-06"]);
    // April: rows 4 5 6 (a date-time, a date-time, a 年月日 date) → NPS 10 8 6 → 1 and 1 → 0.
    assert_eq!(site.cells("period", "2024-04", "nps"), ["3", "0.0000", "-61.1126", "61.1126"]);
    // May: rows 7 8 9 → NPS 9 3 9 → 2 and 1 → 33.3333; CSAT 5 1 4 → 2 of 3.
    assert_eq!(site.cells("period", "2024-05", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.cells("period", "2024-05", "csat"), ["3", "66.6667", "20.7660", "93.8508"]);
    // June: row 10 (serial 45450 = 1899-12-30 + 45450 days = 2024-06-07) and row 11: n 2 < 3.
    assert_eq!(site.cells("period", "2024-06", "nps"), ["2", "", "", ""]);
    // 2024-04-02 10:15 local time stays on 2 April in Asia/Shanghai.
    assert_eq!(site.data_period(), ["2024-04-02", "2024-06-20"]);
}

#[test]
fn the_sheet_can_be_chosen_by_its_position_instead_of_its_name() {
    let p = Project::new("exports_xlsx");
    p.replace("cxsite.yaml", "sheet: 原始数据", "sheet: 2");
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), ["8", "25.0000", "-29.4168", "65.7804"]);
}

#[test]
fn a_misspelt_sheet_name_fails_naming_the_closest_sheet_and_listing_them_all() {
    let p = Project::new("exports_xlsx");
    p.replace("cxsite.yaml", "sheet: 原始数据", "sheet: 原始数居");
    p.build().expect(1).stderr_has(&[
        "data/survey_export.xlsx",
        "no sheet named `原始数居`",
        "did you mean `原始数据`",
        "说明, 原始数据, 数值日期",
    ]);
    p.assert_nothing_written();
}

#[test]
fn without_sheet_the_first_sheet_is_read_and_its_missing_header_row_is_reported() {
    // The notes sheet 说明 has two rows: there is no row 3 to read the header from.
    let p = Project::new("exports_xlsx");
    p.replace("cxsite.yaml", "    sheet: 原始数据\n", "");
    p.build().expect(1).stderr_has(&[
        "data/survey_export.xlsx",
        "sheet `说明` has no row 3",
        "(`header_row:` at cxsite.yaml:21:17)",
    ]);
}

#[test]
fn dates_written_as_bare_excel_serials_with_a_time_of_day_are_dates() {
    // Sheet 数值日期 holds the same answers with General-format serials: 45384.427083 is
    // 2024-04-02 10:15, 45410 is 2024-04-28, … Today the five serials with a fraction (rows
    // 4 5 7 9 11) are counted as unreadable dates and left out of every period.
    let p = Project::new("exports_xlsx");
    p.replace("cxsite.yaml", "sheet: 原始数据", "sheet: 数值日期");
    let site = p.built();
    assert_eq!(site.quality("survey").column("提交时间"), [8, 0, 0, 0]);
    assert_eq!(site.cells("period", "2024-04", "nps"), ["3", "0.0000", "-61.1126", "61.1126"]);
    assert_eq!(site.cells("period", "2024-05", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.data_period(), ["2024-04-02", "2024-06-20"]);
}

#[test]
fn a_workbook_that_would_unpack_to_hundreds_of_megabytes_is_refused_before_it_is_unpacked() {
    // The fixture's sheet is 200 MB of zeros deflated to about 200 kB (1,028-fold).
    let p = Project::new("exports_zipbomb");
    let started = std::time::Instant::now();
    p.build().expect(1).stderr_has(&["data/survey.xlsx", "zip bomb", "1028-fold"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// A row of empty cells between a sheet's rows is counted as read and left out as an empty
/// row, as a blank line of a CSV is; empty (formatted) rows after the last row are the sheet's
/// range, not rows. The sheet: header on row 3, answers on rows 4, 5 and 7, row 6 empty,
/// rows 8–9 blank cells with a format only.
#[test]
fn an_empty_row_inside_a_sheet_is_counted_and_its_formatted_tail_is_not() {
    let p = Project::new("exports_xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("原始数据").unwrap();
    write_header(sheet);
    // 0-based rows 3, 4, 6 are Excel rows 4, 5, 7.
    for (row, id, nps) in [(3u32, 1.0, 10.0), (4, 2.0, 6.0), (6, 3.0, 9.0)] {
        sheet.write_number(row, 0, id).unwrap();
        sheet.write_string(row, 1, "2024-04-02 10:15").unwrap();
        sheet.write_string(row, 2, "徐汇店").unwrap();
        sheet.write_string(row, 3, "点餐").unwrap();
        sheet.write_number(row, 4, nps).unwrap();
        sheet.write_string(row, 5, "满意").unwrap();
    }
    let fill = rust_xlsxwriter::Format::new().set_background_color("#FFFF00");
    for row in [7u32, 8] {
        sheet.write_blank(row, 4, &fill).unwrap();
    }
    book.save(p.path("data/survey_export.xlsx")).unwrap();
    let site = p.built();
    // NPS 10, 6, 9: 2 promoters, 1 detractor → 33.3333.
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["3", "33.3333"]);
    let q = site.quality("survey");
    assert_eq!(q.rows(), [4, 3, 1]);
    let (n, examples) = q.tally("rejected_rows", "empty row");
    assert_eq!(n, 1);
    assert!(examples.iter().any(|e| e.contains(":6")), "{examples:?}");
}

/// A column missing from the first sheet, read because the dataset names no sheet, says which
/// sheet was read and which others the workbook has: the answers are often on another one.
#[test]
fn a_column_missing_from_the_first_sheet_names_the_sheet_read_and_the_others() {
    let p = Project::new("exports_xlsx");
    p.replace("cxsite.yaml", "    sheet: 原始数据\n", "");
    p.replace("cxsite.yaml", "    header_row: 3\n", "");
    p.build().expect(1).stderr_has(&[
        "has no column `提交时间`",
        "read from the workbook's first sheet, `说明`, as the dataset names no `sheet:`",
        "its sheets are: 说明, 原始数据, 数值日期",
    ]);
}

/// A workbook whose first sheet is hidden (its option lists) opens in Excel on the answers:
/// without `sheet:`, the first visible worksheet is read, not a sheet nobody sees. Before,
/// the hidden sheet was read and every mapped column was "missing".
#[test]
fn without_sheet_a_hidden_first_sheet_is_passed_over_for_the_first_visible_one() {
    let p = Project::new("exports_xlsx");
    p.replace("cxsite.yaml", "data/survey_export.xlsx", "data/hidden_first_sheet.xlsx");
    p.replace("cxsite.yaml", "    sheet: 原始数据\n", "");
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps"), ["8", "25.0000", "-29.4168", "65.7804"]);
    assert_eq!(site.quality("survey").rows(), [8, 8, 0]);
}

/// The fixture's header, on row 3 (0-based row 2) as `header_row: 3` reads it.
fn write_header(sheet: &mut rust_xlsxwriter::Worksheet) {
    let head = ["序号", "提交时间", "门店", "触点", "推荐意愿", "整体满意度", "评论"];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
}

/// A workbook of sheets with these names, each with the fixture's header on row 3 and one
/// answer whose NPS score is given with the sheet.
fn workbook_of(p: &Project, sheets: &[(&str, f64)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, nps) in sheets {
        let sheet = book.add_worksheet().set_name(*name).unwrap();
        write_header(sheet);
        for row in 3..6u32 {
            sheet.write_number(row, 0, f64::from(row)).unwrap();
            sheet.write_string(row, 1, "2024-04-02 10:15").unwrap();
            sheet.write_string(row, 2, "徐汇店").unwrap();
            sheet.write_string(row, 3, "点餐").unwrap();
            sheet.write_number(row, 4, *nps).unwrap();
            sheet.write_string(row, 5, "满意").unwrap();
        }
    }
    book.save(p.path("data/survey_export.xlsx")).unwrap();
}

/// Sheets named with digits (`2`, `1`; `2023`, `2024`) are found by name: an exact name wins
/// over a position. Before, `sheet: "1"` read the sheet named `2` (the first one) without a
/// word, and `sheet: "2024"` said sheet 2024 does not exist.
#[test]
fn a_sheet_named_with_digits_is_found_by_its_name_before_a_position() {
    for (sheets, wanted) in [
        (&[("2", 0.0), ("1", 10.0)][..], "\"1\""),
        (&[("2", 0.0), ("1", 10.0)][..], "1"),
        (&[("2023", 0.0), ("2024", 10.0)][..], "\"2024\""),
        (&[("2023", 0.0), ("2024", 10.0)][..], "2024"),
        // No sheet has the name: a whole number is still a position.
        (&[("说明", 0.0), ("原始数据", 10.0)][..], "2"),
    ] {
        let p = Project::new("exports_xlsx");
        workbook_of(&p, sheets);
        p.replace("cxsite.yaml", "    sheet: 原始数据\n", &format!("    sheet: {wanted}\n"));
        let site = p.built();
        assert_eq!(site.cells("overall", "all", "nps")[..2], ["3", "100.0000"], "sheet: {wanted}");
    }
}

/// A sheet that is neither a name nor a position in the workbook is an error at `sheet:` in
/// cxsite.yaml, naming the workbook and listing its sheets.
#[test]
fn a_sheet_not_in_the_workbook_is_shown_at_its_line_with_the_sheets() {
    let p = Project::new("exports_xlsx");
    workbook_of(&p, &[("2", 0.0), ("1", 10.0)]);
    p.replace("cxsite.yaml", "    sheet: 原始数据\n", "    sheet: \"3\"\n");
    p.build().expect(1).stderr_has(&[
        "cxsite.yaml:21:12: ",
        "data/survey_export.xlsx has no sheet named `3`, nor a sheet 3 by position: it has 2 sheets: 2, 1",
    ]);
    p.replace("cxsite.yaml", "    sheet: \"3\"\n", "    sheet: Answers\n");
    p.build().expect(1).stderr_has(&["cxsite.yaml:21:12: ", "has no sheet named `Answers`; its sheets are: 2, 1"]);
}

/// A workbook is read as what its content is: an .xlsx saved under an .xls or .csv name (as
/// some systems name their exports) is read as the .xlsx it is. Before, calamine chose the
/// reader by the name: `Xls error: Cfb error`, or the zip read as CSV text.
#[test]
fn an_xlsx_under_an_xls_or_csv_name_is_read_as_the_xlsx_it_is() {
    for name in ["data/survey_export.xls", "data/survey_export.csv"] {
        let p = Project::new("exports_xlsx");
        std::fs::rename(p.path("data/survey_export.xlsx"), p.path(name)).unwrap();
        p.replace("cxsite.yaml", "data/survey_export.xlsx", name);
        if name.ends_with(".csv") {
            p.replace("cxsite.yaml", "    sheet: 原始数据\n", "");
            // `sheet:` is for workbook names: without it the first sheet, the notes, is read —
            // as a sheet, not as text.
            p.build().expect(1).stderr_has(&["data/survey_export.csv: sheet `说明`"]);
            continue;
        }
        let site = p.built();
        assert_eq!(site.cells("overall", "all", "nps")[..2], ["8", "25.0000"], "{name}");
    }
}

/// A workbook written by a program that does not calculate (openpyxl) stores formulas without
/// their results: read as they stand, the cells would be blank and every row rejected for no
/// score, where Excel shows numbers. The build fails naming the sheet and the first such cell.
#[test]
fn formulas_saved_without_their_results_fail_naming_the_first_cell() {
    let p = Project::new("exports_xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("原始数据").unwrap();
    write_header(sheet);
    for row in 3u32..6 {
        sheet.write_number(row, 0, f64::from(row)).unwrap();
        sheet.write_string(row, 1, "2024-04-02 10:15").unwrap();
        sheet.write_string(row, 2, "徐汇店").unwrap();
        sheet.write_string(row, 3, "点餐").unwrap();
        sheet.write_formula(row, 4, "=A4+5").unwrap();
        sheet.write_string(row, 5, "满意").unwrap();
    }
    let saved = book.save_to_buffer().unwrap();
    // rust_xlsxwriter stores a result (0) with each formula; openpyxl stores none.
    std::fs::write(p.path("data/survey_export.xlsx"), without_formula_results(&saved)).unwrap();
    p.build().expect(1).stderr_has(&[
        "sheet `原始数据`, cell E4 holds a formula whose result was never saved",
        "open and save the file in Excel",
    ]);
    p.assert_nothing_written();
}

/// The package `xlsx` with every `<v>` after a formula's `</f>` taken out of its worksheets.
fn without_formula_results(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let re = regex::Regex::new(r"</f><v>[^<]*</v>").unwrap();
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(bytes).unwrap();
            bytes = re.replace_all(&xml, "</f>").into_owned().into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The package `xlsx` with `replace` applied to `xl/workbook.xml`.
fn with_workbook_xml(xlsx: &[u8], mut replace: impl FnMut(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/workbook.xml" {
            bytes = replace(&String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// XlsxWriter (pandas' `to_excel`) and rust_xlsxwriter store 0 as each formula's result and
/// ask Excel to recalculate on opening (`fullCalcOnLoad="1"`): read as stored, every NPS
/// answer was a 0 (NPS −100). Refused naming the first formula; once Excel has saved the
/// file (the flag gone, the results stored), the results are read.
#[test]
fn formulas_whose_saved_result_is_a_placeholder_fail_and_saved_results_are_read() {
    let p = Project::new("exports_xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("原始数据").unwrap();
    write_header(sheet);
    // NPS 9, 10, 3 as formulas over column A: 2 promoters, 1 detractor of 3 → 33.3333.
    for (row, nps) in [(3u32, 9), (4, 10), (5, 3)] {
        sheet.write_number(row, 0, f64::from(nps)).unwrap();
        sheet.write_string(row, 1, "2024-04-02 10:15").unwrap();
        sheet.write_string(row, 2, "徐汇店").unwrap();
        sheet.write_string(row, 3, "点餐").unwrap();
        let formula = rust_xlsxwriter::Formula::new(format!("=A{}", row + 1)).set_result(nps.to_string());
        sheet.write_formula(row, 4, formula).unwrap();
        sheet.write_string(row, 5, "满意").unwrap();
    }
    let saved = book.save_to_buffer().unwrap();
    let mut flagged = false;
    with_workbook_xml(&saved, |x| {
        flagged = x.contains("fullCalcOnLoad=\"1\"");
        x.to_string()
    });
    assert!(flagged, "rust_xlsxwriter asks for a recalculation on opening");
    std::fs::write(p.path("data/survey_export.xlsx"), &saved).unwrap();
    p.build().expect(1).stderr_has(&[
        "sheet `原始数据`, cell E4 holds a formula whose saved result is only a placeholder",
        "open and save the file in Excel",
    ]);
    p.assert_nothing_written();
    // As Excel saves it: the flag gone, each result stored.
    let excel = with_workbook_xml(&saved, |x| x.replace(" fullCalcOnLoad=\"1\"", ""));
    std::fs::write(p.path("data/survey_export.xlsx"), excel).unwrap();
    let site = p.built();
    assert_eq!(site.cells("overall", "all", "nps")[..2], ["3", "33.3333"]);
}

/// A sheet that lists one row twice (two `<row r="5">` elements, as a hand-rolled writer may
/// produce) fails naming the row: read as one row, the second respondent's cells overwrote
/// the first's and one answer was silently lost.
#[test]
fn a_row_listed_twice_in_a_sheet_fails_naming_it_instead_of_merging_two_respondents() {
    use std::io::{Read, Write};
    let p = Project::new("exports_xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("原始数据").unwrap();
    write_header(sheet);
    for (row, nps) in [(3u32, 9), (4, 10), (5, 3)] {
        sheet.write_number(row, 0, f64::from(row)).unwrap();
        sheet.write_string(row, 1, "2024-04-02 10:15").unwrap();
        sheet.write_string(row, 2, "徐汇店").unwrap();
        sheet.write_string(row, 3, "点餐").unwrap();
        sheet.write_number(row, 4, f64::from(nps)).unwrap();
        sheet.write_string(row, 5, "满意").unwrap();
    }
    let saved = book.save_to_buffer().unwrap();
    // Excel row 6 renumbered as a second row 5, its cells too.
    let cells = regex::Regex::new(r#"r="([A-Z]+)6""#).unwrap();
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(saved)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut twice = false;
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).unwrap().replace("<row r=\"6\"", "<row r=\"5\"");
            let xml = cells.replace_all(&xml, r#"r="${1}5""#).into_owned();
            twice = xml.matches("<row r=\"5\"").count() == 2;
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    assert!(twice, "the sheet lists row 5 twice");
    std::fs::write(p.path("data/survey_export.xlsx"), out.finish().unwrap().into_inner()).unwrap();
    p.build().expect(1).stderr_has(&["sheet `原始数据` lists row 5 twice", "cell A5 after F5"]);
    p.assert_nothing_written();
}
