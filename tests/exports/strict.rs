//! `--strict`: any rejected row or skipped value fails the build (exit 1) and nothing is
//! written; exports with nothing to report still build.

use std::ffi::OsStr;

use crate::support::Project;

#[test]
fn strict_fails_on_one_unmapped_choice_text_and_writes_nothing() {
    let p = Project::new("exports_labels");
    p.build_strict().expect(1).stderr_has(&[
        "data/responses.csv: --strict: 1 × Q1 推荐意愿 How likely are you to recommend us?: not a number and not a listed label",
        "\"great\"",
    ])
    // R_004's N/A twice is no answer, no failure of the data.
    .stderr_lacks(&["no usable score or comment", "no answer"]);
    p.assert_nothing_written();
}

#[test]
fn strict_fails_on_rows_skipped_for_their_width_even_when_skipping_is_allowed() {
    let p = Project::new("exports_malformed");
    p.build_strict()
        .expect(1)
        .stderr_has(&["data/tickets.csv: --strict: 1 × wrong number of fields, e.g. data/tickets.csv:4:"]);
    p.assert_nothing_written();
}

#[test]
fn strict_fails_on_member_ids_missing_from_the_crm_and_on_its_blank_keys() {
    let p = Project::new("exports_joins");
    p.build_strict().expect(1).stderr_has(&[
        "data/survey.csv: --strict: 2 × member_id: no match in crm, e.g. data/survey.csv:5:member_id: \"M999\"",
        "data/crm.csv: --strict: 1 × blank key",
    ]);
    p.assert_nothing_written();
}

#[test]
fn strict_passes_a_wide_row_with_only_not_applicable_ratings_and_the_zeros_themselves() {
    // exports_wide: eleven zeros are N/A (not problems); line 12 is all zeros and no outcome:
    // a passenger who answered nothing, left out, no failure of the data.
    let p = Project::new("exports_wide");
    let run = p.build_strict();
    run.expect(0);
    assert!(run.stdout.contains("1 left out as cxsite.yaml asks or holding no response"), "{}", run.stdout);
    assert_eq!(run.stderr.matches("--strict").count(), 0, "{}", run.stderr);
}

#[test]
fn strict_check_fails_on_an_unknown_score_text_too() {
    let p = Project::new("exports_semicolon");
    let run = p.run([OsStr::new("check"), p.dir.as_os_str(), OsStr::new("--strict")]);
    run.expect(1).stderr_has(&["--strict: 1 × Satisfaction: not a number and not a listed label", "\"excellent\""]);
}

#[test]
fn strict_builds_exports_that_have_nothing_to_report() {
    for fixture in ["exports_gbk", "exports_utf16", "exports_xlsx", "exports_dates"] {
        let p = Project::new(fixture);
        let run = p.build_strict();
        assert_eq!(run.code, 0, "{fixture}: {}", run.stderr);
        assert!(p.public().join("data/metrics.csv").is_file(), "{fixture}");
    }
}
