//! A CRM lookup joined onto survey responses (`tests/fixtures/joins`, min_n 1).
//!
//! members.csv: C1 gold, C2 silver, C3 gold, C4 silver. survey.csv by file line:
//!   2 S1 C1 (gold) 10    3 S2 C2 (silver) 3    4 S3 C3 (gold) 9    5 S4 C9 (no match) 8
//!   6 S5 C1 (gold) 6     7 S6 blank key 7      8 S7 C8 (no match) 10
//! The segment columns (`tier`) exist only in members.csv.

use crate::support::Project;

#[test]
fn segment_rule_on_a_column_only_in_the_lookup_selects_the_joined_responses() {
    let m = Project::new("joins").built_metrics();
    // `tier == 'gold'`: S1 10, S3 9, S5 6 → 2 promoters, 1 detractor: NPS = 100·1/3 = 33.3333;
    // n' = 6, p' = 2.75/6, d' = 1.75/6, centre 16.6667, SE 34.6944 → −51.3332 … 84.6665.
    assert_eq!(m.cells("segment", "gold", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    // from_column on the joined column: the same three, and S2 (3) alone as silver → −100.
    assert_eq!(m.cells("segment", "tier:gold", "nps")[..2], ["3", "33.3333"]);
    assert_eq!(m.cells("segment", "tier:silver", "nps")[..2], ["1", "-100.0000"]);
    // Unmatched (S4, S7) and blank (S6) keys are in no segment.
    assert_eq!(m.groups("segment"), ["gold", "tier:gold", "tier:silver"]);
    assert_eq!(m.groups("touchpoint_segment"), ["web|gold", "web|tier:gold", "web|tier:silver"]);
}

#[test]
fn unmatched_join_keys_are_counted_and_their_answers_still_count_overall() {
    let p = Project::new("joins");
    let m = p.built_metrics();
    // All 7 answers: promoters S1 10, S3 9, S7 10; detractors S2 3, S5 6 → 100·(3 − 2)/7 = 14.2857.
    assert_eq!(m.cells("overall", "all", "nps")[..2], ["7", "14.2857"]);
    let json = crate::support::read_json(&p.public());
    let survey = &json["quality"]["datasets"][0];
    assert_eq!(survey["id"], "survey");
    let c = &survey["columns"]["customer_id"];
    // S1 S2 S3 S5 matched, S6 blank, S4 (C9) and S7 (C8) unmatched.
    assert_eq!([&c["valid"], &c["blank"], &c["invalid"]], [4, 1, 2]);
    let t = &survey["problems"]["customer_id: no match in members"];
    assert_eq!(t["count"], 2);
    let ex: Vec<&str> = t["examples"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    assert_eq!(ex.len(), 2);
    assert!(ex[0].starts_with("data/survey.csv:5:customer_id: \"C9\" — "), "{ex:?}");
    assert!(ex[1].starts_with("data/survey.csv:8:customer_id: \"C8\" — "), "{ex:?}");
    // The lookup itself: 4 rows read, 4 keys used.
    let members = &json["quality"]["datasets"][1];
    assert_eq!([&members["id"], &members["role"]], ["members", "lookup"]);
    assert_eq!([&members["rows_read"], &members["rows_used"]], [4, 4]);
}

#[test]
fn duplicate_lookup_key_fails_the_build_naming_the_key_and_the_row() {
    let p = Project::new("joins");
    // members.csv: header line 1, C1 … C4 on lines 2–5; a second C3 on line 6.
    p.append("data/members.csv", b"C3,silver,33\n");
    p.build().expect(1).stderr_has(&["data/members.csv:6:", "`C3`", "row 4"]);
    assert!(!p.public().exists(), "a failed build wrote {}", p.public().display());
}

#[test]
fn null_marks_in_a_lookups_key_column_are_blank_keys_not_a_key_twice() {
    // A database dump writes a missing key as `NULL` or `\N`: two of them had been the key
    // `NULL` twice, and failed the build. They are blank keys, left out and counted.
    let p = Project::new("joins");
    p.append("data/members.csv", b"NULL,gold,40\nNULL,silver,41\n\\N,gold,42\n");
    p.build().expect(0);
    let json = crate::support::read_json(&p.public());
    let members = &json["quality"]["datasets"][1];
    assert_eq!([&members["rows_read"], &members["rows_used"], &members["rows_rejected"]], [7, 4, 3], "{members:#}");
    assert_eq!(members["rejected_rows"]["blank key"]["count"], 3, "{members:#}");
    // The segments are as before: no answer joined a `NULL` row.
    assert_eq!(p.built_metrics().cells("segment", "tier:gold", "nps")[..2], ["3", "33.3333"]);
}

#[test]
fn whole_number_keys_written_with_a_zero_fraction_find_their_row_and_leading_zeros_stay_text() {
    // Excel and pandas write a numeric id as `1000.0`; the CRM as `1000` (or the other way).
    // `007` is a text id: `7.0` is another one and must not find it.
    let p = Project::new("joins");
    std::fs::write(
        p.path("data/members.csv"),
        "customer_id,tier,age\n1000,gold,30\n1001.0,silver,41\n007,gold,25\n1003,silver,50\n",
    )
    .unwrap();
    std::fs::write(
        p.path("data/survey.csv"),
        "resp_id,customer_id,submitted_at,touchpoint,recommend\n\
         S1,1000.0,2024-05-01,web,10\n\
         S2,1001,2024-05-02,web,3\n\
         S3,7.0,2024-05-03,web,9\n\
         S4,007,2024-05-04,web,8\n\
         S5,1003.00,2024-05-05,web,6\n\
         S6,1000.5,2024-05-06,web,7\n",
    )
    .unwrap();
    let run = p.build();
    run.expect(0).stderr_lacks(&["find no row"]);
    let m = crate::support::MetricsCsv::read(&p.public());
    // gold: S1 (1000.0 → 1000) and S4 (007); silver: S2 (1001 → 1001.0) and S5 (1003.00 → 1003).
    assert_eq!(m.cells("segment", "gold", "nps")[..2], ["2", "50.0000"]);
    assert_eq!(m.cells("segment", "tier:silver", "nps")[..2], ["2", "-100.0000"]);
    let json = crate::support::read_json(&p.public());
    let survey = &json["quality"]["datasets"][0];
    let c = &survey["columns"]["customer_id"];
    assert_eq!([&c["valid"], &c["blank"], &c["invalid"]], [4, 0, 2]);
    let t = &survey["problems"]["customer_id: no match in members"];
    // The keys that find nothing are shown as written.
    assert_eq!(t["examples"][0], "data/survey.csv:4:customer_id: \"7.0\" — no row of `members` has this key");
    assert_eq!(t["examples"][1], "data/survey.csv:7:customer_id: \"1000.5\" — no row of `members` has this key");
}

#[test]
fn the_same_whole_number_twice_in_a_lookup_is_a_duplicate_key() {
    let p = Project::new("joins");
    p.append("data/members.csv", b"1000,gold,1\n1000.0,silver,2\n");
    p.build().expect(1).stderr_has(&["data/members.csv:7:", "duplicate key `1000`", "first on row 6"]);
}

#[test]
fn a_join_whose_keys_mostly_find_no_row_is_a_warning_with_an_example_of_each_side() {
    // The fixture: 2 of 6 keys unmatched, no warning (the data-quality page counts them).
    let p = Project::new("joins");
    p.build().expect(0).stderr_lacks(&["find no row"]);
    // Ids written another way in the answers: none of the 6 finds a row.
    std::fs::write(
        p.path("data/survey.csv"),
        std::fs::read_to_string(p.path("data/survey.csv")).unwrap().replace(",C", ",CUST-"),
    )
    .unwrap();
    p.build().expect(0).stderr_has(&[
        "warning: data/survey.csv has 6 of 6 keys in column `customer_id` that find no row of `members` \
         (`members` has keys like \"C1\"); e.g. data/survey.csv:2:customer_id: \"CUST-1\" — no row of \
         `members` has this key; are the ids written the same way in both files?",
    ]);
}

/// The same warning on a Chinese site's data-quality page reads in Chinese, the ids and
/// file names kept.
#[test]
fn the_unmatched_join_warning_reads_in_chinese_on_a_chinese_site() {
    let p = Project::new("joins");
    p.replace("cxsite.yaml", "min_n: 1", "min_n: 1\nlocale: zh-CN");
    std::fs::write(
        p.path("data/survey.csv"),
        std::fs::read_to_string(p.path("data/survey.csv")).unwrap().replace(",C", ",CUST-"),
    )
    .unwrap();
    p.build().expect(0);
    let q = p.built("quality.html");
    assert!(q.contains("data/survey.csv 的 customer_id 列中，6 个键有 6 个在 members 中找不到对应的行"), "{q}");
    assert!(q.contains("两个文件中的编号写法是否一致？"), "{q}");
    assert!(!q.contains("find no row") && !q.contains("are the ids written"), "{q}");
}

/// Where each of `names` first appears in `html` (panics when one is missing).
fn first_places(html: &str, names: &[&str]) -> Vec<usize> {
    names.iter().map(|n| html.find(n).unwrap_or_else(|| panic!("{n} missing"))).collect()
}

/// A `from_column` family is listed in its `order:` (tiers are ordered, not alphabetical:
/// Bronze, Gold, Platinum, Silver read as nonsense), values it does not list after them,
/// largest first; without `order:`, largest first, ties by id.
#[test]
fn a_from_column_family_is_listed_in_its_configured_order_then_by_size() {
    let p = Project::new("joins");
    // Answers per tier: bronze 3, silver 2, gold 1, platinum 1.
    std::fs::write(
        p.path("data/members.csv"),
        "customer_id,tier,age\nC1,gold,30\nC2,silver,41\nC3,bronze,25\nC4,silver,50\nC5,bronze,33\nC6,bronze,35\nC7,platinum,60\n",
    )
    .unwrap();
    std::fs::write(
        p.path("data/survey.csv"),
        "resp_id,customer_id,submitted_at,touchpoint,recommend\n\
         S1,C1,2024-05-01,web,10\nS2,C2,2024-05-02,web,3\nS3,C3,2024-05-03,web,9\nS4,C4,2024-05-04,web,8\n\
         S5,C5,2024-05-05,web,6\nS6,C6,2024-05-06,web,7\nS7,C7,2024-05-07,web,9\n",
    )
    .unwrap();
    let names = ["Tier: bronze", "Tier: silver", "Tier: gold", "Tier: platinum"];
    p.build().expect(0);
    let page = p.built("segments/index.html");
    let at = first_places(&page, &names);
    assert!(at[0] < at[1] && at[1] < at[2] && at[2] < at[3], "largest first, ties by id: {at:?}");
    // Written in another case and listing only three: those first, as listed, then the rest.
    p.replace(
        "cxsite.yaml",
        "{ from_column: tier, name: Tier }",
        "{ from_column: tier, name: Tier, order: [Gold, silver, BRONZE] }",
    );
    p.build().expect(0);
    let page = p.built("segments/index.html");
    let at = first_places(&page, &["Tier: gold", "Tier: silver", "Tier: bronze", "Tier: platinum"]);
    assert!(at[0] < at[1] && at[1] < at[2] && at[2] < at[3], "the configured order, then the rest: {at:?}");
    // `order:` belongs to a family of values; on a rule it is an error at its line.
    p.replace(
        "cxsite.yaml",
        "{ id: gold, name: Gold members, when: \"tier == 'gold'\" }",
        "{ id: gold, name: Gold members, when: \"tier == 'gold'\", order: [a] }",
    );
    let run = p.build();
    run.expect(1);
    assert!(run.stderr.contains("`order:` lists the values of a `from_column:` segment"), "{}", run.stderr);
}
