//! Invalid projects and broken files fail with exit 1 and a located message. Most tests start
//! from `tests/fixtures/basic` and break one thing; line and column numbers refer to its
//! cxsite.yaml (columns are 1-based, counted in characters).

use std::ffi::OsStr;

use crate::support::{snapshot, MetricsCsv, Project};

#[test]
fn check_rejects_a_misspelt_key_with_its_location_and_a_did_you_mean() {
    let p = Project::new("basic");
    // Line 4 is `timezone: UTC`; the key starts in column 1.
    p.replace("cxsite.yaml", "timezone: UTC", "timezon: UTC");
    p.check().expect(1).stderr_has(&["cxsite.yaml:4:1", "`timezon`", "did you mean `timezone`"]);
}

#[test]
fn three_misspelt_keys_are_all_reported_in_one_run_each_at_its_place() {
    let p = Project::new("basic");
    // Line 4 `timezon:`; line 8 `      nmae: Buy` (a required key, misspelt); line 20
    // `      nps: { column: recommend, scael: [0, 10] }`: 6 + `nps: { column: recommend, ` (26).
    p.replace("cxsite.yaml", "timezone: UTC", "timezon: UTC");
    p.replace("cxsite.yaml", "      name: Buy", "      nmae: Buy");
    p.replace("cxsite.yaml", "recommend, scale:", "recommend, scael:");
    let run = p.check();
    run.expect(1).stderr_has(&[
        "cxsite.yaml:4:1: unknown key `timezon` (did you mean `timezone`?)",
        "cxsite.yaml:8:7: unknown key `nmae` (did you mean `name`?)",
        "cxsite.yaml:20:33: unknown key `scael` (did you mean `scale`?)",
    ]);
    assert_eq!(run.stderr.matches("unknown key").count(), 3, "{}", run.stderr);
    // And nothing is said about the stage's `name`, which the typo left out.
    run.stderr_lacks(&["missing"]);
}

#[test]
fn check_writes_nothing() {
    let p = Project::new("basic");
    let before = snapshot(p.tmp());
    p.check().expect(0);
    assert_eq!(snapshot(p.tmp()), before);
}

#[test]
fn mapped_column_missing_from_the_csv_names_the_column_the_dataset_and_its_columns() {
    let p = Project::new("basic");
    // Line 20: `      nps: { column: recomend, …`: 6 spaces + `nps: { column: ` (15) → column 22.
    p.replace("cxsite.yaml", "column: recommend", "column: recomend");
    p.build().expect(1).stderr_has(&[
        "cxsite.yaml:20:22",
        "`recomend`",
        "dataset `survey`",
        "data/survey.csv",
        "did you mean `recommend`",
        "resp_id, submitted_at, touchpoint, store_name, age, recommend, satisfaction",
    ]);
    assert!(!p.public().exists());
}

#[test]
fn missing_dimension_column_is_reported_at_its_line_and_column() {
    let p = Project::new("basic");
    // Line 22: `    dimensions: [store_nme]`: 4 spaces + `dimensions: [` (13) → column 18.
    p.replace("cxsite.yaml", "[store_name]", "[store_nme]");
    p.build().expect(1).stderr_has(&["cxsite.yaml:22:18", "`store_nme`", "dataset `survey`"]);
}

#[test]
fn unknown_key_in_a_dimension_entry_is_rejected_with_did_you_mean() {
    let p = Project::new("basic");
    // `nme` for `name`: today this builds, and the dimension is silently named `store_name`.
    p.replace("cxsite.yaml", "[store_name]", "[{ id: store_name, nme: Store }]");
    p.check().expect(1).stderr_has(&["cxsite.yaml:22:", "`nme`", "did you mean `name`"]);
}

#[test]
fn duplicate_touchpoint_id_is_an_error_at_its_location() {
    let p = Project::new("basic");
    // Line 11: `        - { id: store, …`: 8 spaces + `- { id: ` (8) → column 17.
    p.replace("cxsite.yaml", "{ id: store, name: Store }", "{ id: web, name: Store }");
    p.check().expect(1).stderr_has(&["cxsite.yaml:11:17", "duplicate touchpoint id `web`"]);
}

#[test]
fn duplicate_dataset_id_is_an_error_at_its_location() {
    let p = Project::new("basic");
    // The file has 22 lines; the second `- id: survey` is line 23, its value at column 9.
    p.append(
        "cxsite.yaml",
        b"  - id: survey\n    path: data/survey.csv\n    scores:\n      nps: { column: recommend }\n",
    );
    p.check().expect(1).stderr_has(&["cxsite.yaml:23:9", "duplicate dataset id `survey`"]);
}

#[test]
fn unparseable_segment_rule_is_an_error_at_its_location() {
    let p = Project::new("basic");
    // Line 13: `  - { id: young, name: Young, when: "age <" }`: the rule's quote is in column 37.
    p.replace("cxsite.yaml", "\"age < 30\"", "\"age <\"");
    p.check().expect(1).stderr_has(&["cxsite.yaml:13:37", "segment rule `age <`", "expected a value"]);
}

#[test]
fn segment_rule_on_a_missing_column_suggests_the_closest_column() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "\"age < 30\"", "\"agee < 30\"");
    p.check().expect(1).stderr_has(&["cxsite.yaml:13:37", "segment `young`", "`agee`", "did you mean `age`"]);
}

#[test]
fn csv_row_with_the_wrong_number_of_fields_fails_with_file_and_line() {
    let p = Project::new("basic");
    // B3 is on line 4 (header on line 1); give it a field past the header's. (A row short
    // of fields is padded with empty cells, as Excel leaves trailing empty fields out.)
    p.replace("data/survey.csv", "B3,2024-06-03,store,Downtown,41,6,2\n", "B3,2024-06-03,store,Downtown,41,6,2,x\n");
    p.build().expect(1).stderr_has(&["data/survey.csv:4:", "8 fields", "header has 7", "not all empty"]);
    assert!(!p.public().exists());
}

#[test]
fn invalid_utf8_in_a_row_fails_and_suggests_gb18030() {
    let p = Project::new("basic");
    // Line 8: a store name written in GBK (`上海` = C9 CF BA A3) in a file read as UTF-8.
    p.append("data/survey.csv", b"B7,2024-07-03,web,\xC9\xCF\xBA\xA3,30,9,4\n");
    p.build().expect(1).stderr_has(&["data/survey.csv:8:", "encoding: gb18030"]);
    assert!(!p.public().exists());
}

#[test]
fn gbk_file_without_an_encoding_suggests_gb18030_even_when_the_header_is_chinese() {
    let p = Project::new("gbk");
    p.replace("cxsite.yaml", "    encoding: gbk\n", "");
    p.build().expect(1).stderr_has(&["data/survey.csv", "encoding: gb18030"]);
}

#[test]
fn gbk_file_with_encoding_gbk_is_read_correctly() {
    // tests/fixtures/gbk/data/survey.csv was written by Python's `.encode('gbk')`: Chinese
    // header, touchpoint given by its name 门店收银, store names and CSAT labels in Chinese.
    let p = Project::new("gbk");
    let raw = std::fs::read(p.path("data/survey.csv")).unwrap();
    assert!(std::str::from_utf8(&raw).is_err(), "the fixture must not be UTF-8");
    let m: MetricsCsv = p.built_metrics();
    // G1 10, G2 9, G3 4: 2 promoters, 1 detractor → 100·1/3 = 33.3333, all at 门店收银 = checkout.
    assert_eq!(m.cells("touchpoint", "checkout", "nps")[..2], ["3", "33.3333"]);
    // 非常满意 = 5, 满意 = 4, 不满意 = 2: top-2 box 2 of 3 = 66.6667 %; mean 11/3 = 3.6667.
    assert_eq!(m.cells("overall", "all", "csat")[..2], ["3", "66.6667"]);
    assert_eq!(m.cells("overall", "all", "csat_mean")[..2], ["3", "3.6667"]);
    // Store names come out as UTF-8, in byte order (上 E4 B8 8A < 北 E5 8C 97).
    assert_eq!(m.groups("store"), ["上海南京路店", "北京王府井店"]);
    // 上海南京路店: G1 10, G2 9 → 100; 北京王府井店: G3 4 → −100.
    assert_eq!(m.cells("store", "上海南京路店", "nps")[..2], ["2", "100.0000"]);
    assert_eq!(m.cells("store", "北京王府井店", "nps")[..2], ["1", "-100.0000"]);
}

#[test]
fn missing_project_file_is_an_error_naming_it() {
    let p = Project::new("basic");
    std::fs::remove_file(p.path("cxsite.yaml")).unwrap();
    p.run([OsStr::new("check"), p.dir.as_os_str()]).expect(1).stderr_has(&["cxsite.yaml"]);
}

#[test]
fn a_null_where_text_is_expected_says_so_at_its_place() {
    let p = Project::new("basic");
    // Line 7 is `    - id: buy`; the value starts in column 11.
    p.replace("cxsite.yaml", "    - id: buy", "    - id: null");
    let run = p.check();
    run.expect(1).stderr_has(&["cxsite.yaml:7:11: expected a text value", "`null`"]);
    run.stderr_lacks(&["Option<String>", "deserialize"]);
}

#[test]
fn a_score_name_that_yaml_reads_as_a_number_is_text() {
    let p = Project::new("basic");
    p.replace(
        "cxsite.yaml",
        "csat: { column: satisfaction, scale: [1, 5] }",
        "csat: { column: satisfaction, scale: [1, 5], name: 7 }",
    );
    p.replace(
        "cxsite.yaml",
        "nps: { column: recommend, scale: [0, 10] }",
        "nps: { column: recommend, scale: [0, 10], name: 1.5 }",
    );
    p.check().expect(0);
    p.build().expect(0);
    let json = p.built("data/metrics.json");
    assert!(json.contains("\"7\"") && json.contains("\"1.5\""), "{json}");
}

#[test]
fn a_score_name_that_yaml_reads_as_yes_or_no_is_shown_as_written() {
    for word in ["yes", "On", "N", "false"] {
        let p = Project::new("basic");
        p.replace(
            "cxsite.yaml",
            "csat: { column: satisfaction, scale: [1, 5] }",
            &format!("csat: {{ column: satisfaction, scale: [1, 5], name: {word} }}"),
        );
        let run = p.check();
        run.expect(0);
        run.stderr_lacks(&["untagged", "ScoreName"]);
        p.build().expect(0);
        let json = p.built("data/metrics.json");
        assert!(json.contains(&format!("\"{word}\"")), "{word}: {json}");
    }
    // Written as a block value with a comment after it, and in a theme.
    let p = Project::new("basic");
    p.replace(
        "cxsite.yaml",
        "csat: { column: satisfaction, scale: [1, 5] }",
        "csat:\n        column: satisfaction\n        scale: [1, 5]\n        name: Off   # a word YAML reads as no",
    );
    p.check().expect(0);
    p.build().expect(0);
    assert!(p.built("data/metrics.json").contains("\"Off\""));
}

#[test]
fn a_dataset_path_that_is_a_folder_or_empty_is_located() {
    let p = Project::new("basic");
    // Line 16 is `    path: data/survey.csv`; the value starts in column 11.
    p.replace("cxsite.yaml", "path: data/survey.csv", "path: data");
    p.check().expect(1).stderr_has(&["cxsite.yaml:16:11", "is a folder"]);
    p.replace("cxsite.yaml", "path: data", "path: \"\"");
    p.check().expect(1).stderr_has(&["cxsite.yaml:16:11", "empty"]);
}

#[test]
fn a_built_in_locale_is_read_in_any_case() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "min_n: 1", "min_n: 1\nlocale: EN");
    p.check().expect(0);
    p.replace("cxsite.yaml", "locale: EN", "locale: ZH-cn");
    p.build().expect(0);
    assert!(p.built("index.html").contains("lang=\"zh-CN\""));
    // A tag without a catalogue is refused at its line (line 4, value in column 9).
    p.replace("cxsite.yaml", "locale: ZH-cn", "locale: fr");
    p.check().expect(1).stderr_has(&["cxsite.yaml:4:9: unknown locale `fr`", "locales/fr.yaml"]);
}

#[test]
fn min_n_below_one_says_one_or_more() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "min_n: 1", "min_n: -1");
    let run = p.check();
    run.expect(1).stderr_has(&["cxsite.yaml:3:8", "1 or more"]);
    run.stderr_lacks(&["0 or more"]);
}

#[test]
fn a_duplicate_front_matter_key_says_nothing_of_the_yaml_library() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("pages")).unwrap();
    std::fs::write(p.path("pages/dup.md"), "---\ntitle: A\ntitle: B\n---\nHi\n").unwrap();
    let run = p.check();
    run.expect(1).stderr_has(&["pages/dup.md:3:1", "duplicate"]);
    run.stderr_lacks(&["DuplicateKeyPolicy", "Options"]);
}

#[test]
fn the_project_file_may_be_given_for_its_folder() {
    let p = Project::new("basic");
    let yaml = p.path("cxsite.yaml");
    p.run([OsStr::new("check"), yaml.as_os_str()]).expect(0);
    p.run([OsStr::new("build"), yaml.as_os_str(), OsStr::new("-q")]).expect(0);
    assert!(p.public().join("index.html").is_file());
    // Another file: give the folder.
    let data = p.path("data/survey.csv");
    p.run([OsStr::new("check"), data.as_os_str()]).expect(2).stderr_has(&["is a file", "project folder"]);
}
