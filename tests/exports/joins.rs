//! Survey answers joined onto a CRM export (`exports_joins`, min_n 3).
//!
//! data/crm.csv (Excel "CSV UTF-8": BOM, CRLF; the key 会员编号 is the first column, right
//! after the BOM), by file line:
//!   1 会员编号,会员等级,累计消费次数,城市
//!   2 M001 金卡 12   3 M002 银卡 6   4 M003 金卡 7   5 M004 普通 1   6 M005 金卡 5
//!   7 (no id) 普通 0                                  a guest row: blank key
//!
//! data/survey.csv (LF), by file line: member_id and NPS
//!   2 S01 M001 10   3 S02 M002 9   4 S03 M003 4   5 S04 M999 8 (not in the CRM)
//!   6 S05 M004 6    7 S06 (blank) 9 8 S07 M888 7 (not in the CRM)
//!   9 S08 M005 10  10 S09 " M002 " 3 (spaces around the id)
//!
//! Segments: gold = `会员等级 == '金卡'`, repeat_buyers = `累计消费次数 >= 5`, and
//! `{ id: tier, from_column: 会员等级 }`.

use crate::support::{lf, Project};

#[test]
fn columns_of_a_joined_crm_export_define_segments_of_the_answers() {
    let site = Project::new("exports_joins").built();
    // All nine answers count overall, matched or not: 10 9 4 8 6 9 7 10 3 → promoters 4,
    // detractors 3 → 11.1111; n' = 12, p' = 4.75/12, d' = 3.75/12, centre 8.3333, SE 24.1762.
    assert_eq!(site.cells("overall", "all", "nps"), ["9", "11.1111", "-39.0512", "55.7179"]);
    // gold: M001 (S01 10), M003 (S03 4), M005 (S08 10) → 2 and 1 → 33.3333.
    assert_eq!(site.cells("segment", "gold", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    // 5 purchases or more: M001 12, M002 6, M003 7, M005 5 → S01 10, S02 9, S03 4, S08 10, and
    // S09 3 (" M002 " matches once trimmed) → 3 and 2 → 20; n' = 8, centre 12.5, SE 31.5610.
    assert_eq!(site.cells("segment", "repeat_buyers", "nps"), ["5", "20.0000", "-49.3583", "74.3583"]);
    // One segment per tier: 金卡 as gold; 银卡 S02 S09 (n 2) and 普通 S05 (n 1) show no number.
    assert_eq!(site.cells("segment", "tier:金卡", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.cells("segment", "tier:银卡", "nps"), ["2", "", "", ""]);
    assert_eq!(site.cells("segment", "tier:普通", "nps"), ["1", "", "", ""]);
}

#[test]
fn member_ids_missing_from_the_crm_are_counted_as_no_match_in_crm_and_still_count_overall() {
    let site = Project::new("exports_joins").built();
    let q = site.quality("survey");
    assert_eq!(q.rows(), [9, 9, 0]);
    // member_id: S01 S02 S03 S05 S08 S09 match; S06 is blank; S04 M999 and S07 M888 do not.
    assert_eq!(q.column("member_id"), [6, 1, 0, 2]);
    assert_eq!(q.keys("problems"), ["member_id: no match in crm"]);
    assert_eq!(
        q.tally("problems", "member_id: no match in crm"),
        (
            2,
            vec![
                "data/survey.csv:5:member_id: \"M999\" — no row of `crm` has this key",
                "data/survey.csv:8:member_id: \"M888\" — no row of `crm` has this key",
            ]
        )
    );
    // The lookup: 6 rows read, 5 keys, the guest row rejected for its blank key.
    let crm = site.quality("crm");
    assert_eq!(crm.0["role"], "lookup");
    assert_eq!(crm.rows(), [6, 5, 1]);
    assert_eq!(crm.tally("rejected_rows", "blank key").0, 1);
}

#[test]
fn a_duplicate_member_id_in_the_crm_export_fails_naming_the_id_and_both_rows() {
    // Saved with LF line ends; a second M003 on line 8 (the first is on line 4).
    let p = Project::new("exports_joins");
    p.edit("data/crm.csv", |b| [lf(b), "M003,银卡,2,广州\n".as_bytes().to_vec()].concat());
    p.build().expect(1).stderr_has(&["data/crm.csv:8:", "duplicate key `M003`", "column `会员编号`", "first on row 4"]);
    p.assert_nothing_written();
}

#[test]
fn a_duplicate_member_id_in_a_crlf_crm_export_names_the_lines_a_text_editor_shows() {
    // As Excel saved it (CRLF), a second M003 on line 8. Today: "data/crm.csv:7: … (first on row 3)".
    let p = Project::new("exports_joins");
    p.edit("data/crm.csv", |b| [b, "M003,银卡,2,广州\r\n".as_bytes().to_vec()].concat());
    p.build().expect(1).stderr_has(&["data/crm.csv:8:", "duplicate key `M003`", "first on row 4"]);
    // And the guest row's blank key is on line 7.
    let p = Project::new("exports_joins");
    let site = p.built();
    assert_eq!(site.quality("crm").tally("rejected_rows", "blank key").1, ["data/crm.csv:7:会员编号: blank key"]);
}

#[test]
fn rows_of_the_wrong_width_in_a_lookup_skipped_on_request_are_counted_not_dropped() {
    let p = Project::new("exports_joins");
    p.edit("data/crm.csv", |b| {
        [b, "M006,金卡,3,上海,extra\r\nM007,银卡,2,北京,,more\r\n".as_bytes().to_vec()].concat()
    });
    p.replace("cxsite.yaml", "    key: 会员编号\n", "    key: 会员编号\n    skip_malformed_rows: true\n");
    let site = p.built();
    let crm = site.quality("crm");
    // 8 rows read: 5 keys, the guest's blank key and the two rows of the wrong width rejected.
    assert_eq!(crm.rows(), [8, 5, 3]);
    assert_eq!(
        crm.tally("rejected_rows", "wrong number of fields"),
        (
            2,
            vec![
                "data/crm.csv:8: the row has a different number of fields than the header",
                "data/crm.csv:9: the row has a different number of fields than the header",
            ]
        )
    );
}

#[test]
fn invisible_characters_around_keys_values_and_rule_values_change_no_count() {
    // The same two files with what copies from web pages, Excel and CRMs bring along: a
    // byte-order mark before a member id, zero-width spaces after a key, a score, a number and
    // a tier, a left-to-right mark after a CRM key, isolates around another key, a zero-width
    // space in a header name; and in cxsite.yaml a zero-width space in the rule's `'金卡'` and a
    // byte-order mark after its `5`.
    let p = Project::new("exports_joins");
    p.replace("data/survey.csv", "member_id", "member_id\u{200b}");
    p.replace("data/survey.csv", "S01,M001,", "S01,\u{feff}M001,");
    p.replace("data/survey.csv", "S03,M003,2024-08-02,store,4", "S03,M003\u{200b},2024-08-02,store,4\u{200b}");
    p.replace("data/survey.csv", "S08,M005,", "S08,\u{2066}M005\u{2069},");
    // And a respondent id that repeats S02 (same touchpoint, app) behind a byte-order mark.
    p.replace("data/survey.csv", "S09, M002 ,", "\u{feff}S02, M002 ,");
    p.replace("data/crm.csv", "M002,", "M002\u{200e},");
    p.replace("data/crm.csv", "M001,金卡,", "M001,金卡\u{200b},");
    p.replace("data/crm.csv", "M003,金卡,7,", "M003,金卡,7\u{200b},");
    p.replace("cxsite.yaml", "'金卡'", "'金卡\u{200b}'");
    p.replace("cxsite.yaml", ">= 5", ">= 5\u{feff}");
    // A touchpoint named by its name, with a no-break space where the project has a space.
    p.replace("cxsite.yaml", "{ id: app, name: App }", "{ id: app, name: Mobile App }");
    p.replace("data/survey.csv", "2024-08-01,app,10", "2024-08-01,Mobile\u{a0}APP,10");
    let site = p.built();
    // Every number as in the clean files (see the first test): S01, S03 and S08 are still gold,
    // M002 still finds S02 and S09, M003's 7 purchases still count as 5 or more, S03's 4 is
    // still a detractor.
    assert_eq!(site.cells("overall", "all", "nps"), ["9", "11.1111", "-39.0512", "55.7179"]);
    assert_eq!(site.cells("segment", "gold", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.cells("segment", "repeat_buyers", "nps"), ["5", "20.0000", "-49.3583", "74.3583"]);
    assert_eq!(site.cells("segment", "tier:金卡", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    assert_eq!(site.cells("segment", "tier:银卡", "nps"), ["2", "", "", ""]);
    let q = site.quality("survey");
    assert_eq!(q.rows(), [9, 9, 0]);
    assert_eq!(q.column("member_id"), [6, 1, 0, 2]);
    assert_eq!(q.column("nps"), [9, 0, 0, 0]);
    assert_eq!(q.column("touchpoint"), [9, 0, 0, 0]);
    assert_eq!(site.quality("crm").rows(), [6, 5, 1]);
    let dup = &q.0["duplicate_ids"];
    assert_eq!(dup["count"], 1);
    assert_eq!(dup["examples"][0], "data/survey.csv:10:resp_id: same id and touchpoint as row 3");
    // And no look-alike group: the whole of metrics.csv is the clean build's.
    let clean = Project::new("exports_joins").built();
    assert_eq!(site.rows, clean.rows);
}

#[test]
fn store_names_written_with_other_spaces_are_the_one_store_they_look_like() {
    // The two Downtown answers (6 and 9) written "Down Town", "Down\u{a0}Town" (a no-break
    // space, as Excel and web pages paste it) and the Airport answer "Air\u{3000}\u{3000}port"
    // (ideographic spaces): one "Down Town" store of n = 2, NPS (1 − 1)/2 = 0, and "Air port".
    let p = Project::new("basic");
    p.replace("data/survey.csv", "B3,2024-06-03,store,Downtown", "B3,2024-06-03,store,Down Town");
    p.replace("data/survey.csv", "B4,2024-06-04,store,Downtown", "B4,2024-06-04,store,Down\u{a0}Town");
    p.replace("data/survey.csv", "B6,2024-07-02,store,Airport", "B6,2024-07-02,store,Air\u{3000}\u{3000}port");
    let site = p.built();
    assert_eq!(site.groups("store_name"), ["Air port", "Down Town", "Online"]);
    assert_eq!(site.cells("store_name", "Down Town", "nps")[0], "2");
    assert_eq!(site.cells("store_name", "Air port", "nps")[0], "1");
}

/// A store id written `101.0` in one file or row (pandas writes a whole-number column with
/// blanks so) is the store `101`: one group, not two with half the answers each.
#[test]
fn a_numeric_dimension_value_with_a_zero_fraction_is_the_same_group_as_its_digits() {
    let p = Project::new("basic");
    // The three Online rows (B1 NPS 10, B2 8, B5 3) under one store id written three ways.
    p.replace("data/survey.csv", "B1,2024-06-01,web,Online", "B1,2024-06-01,web,101");
    p.replace("data/survey.csv", "B2,2024-06-02,web,Online", "B2,2024-06-02,web,101.0");
    p.replace("data/survey.csv", "B5,2024-07-01,web,Online", "B5,2024-07-01,web,101.00");
    let site = p.built();
    assert_eq!(site.groups("store_name"), ["101", "Airport", "Downtown"]);
    // 10, 8, 3: one promoter, one detractor of 3 → 0.
    assert_eq!(site.cells("store_name", "101", "nps")[..2], ["3", "0.0000"]);
}

/// A survey's own `会员等级` (self-reported) beside the CRM's of the same name: a segment
/// naming it is an error saying how to name each, and `crm.会员等级` / `survey.会员等级` read
/// the one named. Before, the survey's was read without a word.
#[test]
fn a_column_both_the_dataset_and_a_joined_lookup_have_must_be_named_with_its_source() {
    let p = Project::new("exports_joins");
    // Self-reported gold: S02 (NPS 9), S05 (6), S09 (3). The CRM's gold: M001, M003, M005,
    // answered by S01 (10), S03 (4), S08 (10).
    p.edit("data/survey.csv", |csv| {
        let text = String::from_utf8(csv).unwrap();
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            let tier = match i {
                0 => "会员等级",
                2 | 5 | 9 => "金卡",
                _ => "普通",
            };
            out.push_str(&format!("{line},{tier}\n"));
        }
        out.into_bytes()
    });
    p.build().expect(1).stderr_has(&[
        "segment `gold`: `会员等级` is a column of dataset `survey` (data/survey.csv) and of a lookup joined to it: write `survey.会员等级` or `crm.会员等级`",
        "segment `tier`: `会员等级` is a column",
    ]);
    p.assert_nothing_written();
    p.replace("cxsite.yaml", "when: \"会员等级 == '金卡'\"", "when: \"crm.会员等级 == '金卡'\"");
    p.replace("cxsite.yaml", "from_column: 会员等级", "from_column: crm.会员等级");
    // 10, 4, 10: two promoters, one detractor of 3 → 33.3333.
    assert_eq!(p.built().cells("segment", "gold", "nps")[..2], ["3", "33.3333"]);
    p.replace("cxsite.yaml", "when: \"crm.会员等级 == '金卡'\"", "when: \"survey.会员等级 == '金卡'\"");
    // 9, 6, 3: one promoter, two detractors of 3 → −33.3333.
    assert_eq!(p.built().cells("segment", "gold", "nps")[..2], ["3", "-33.3333"]);
}
