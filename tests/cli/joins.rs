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
