//! Periods are cut in the project's time zone (`tests/fixtures/timezone`, min_n 1):
//!   T1 2024-01-31T15:59:00Z   = 2024-01-31 23:59 in Shanghai (UTC+8) → 2024-01   nps 10
//!   T2 2024-01-31T16:30:00Z   = 2024-02-01 00:30 in Shanghai         → 2024-02   nps 9
//!   T3 2024-01-31 23:30       local Shanghai time                     → 2024-01   nps 3
//!   T4 2024-02-29T16:00:00Z   = 2024-03-01 00:00 in Shanghai (leap day) → 2024-03 nps 8

use std::ffi::OsStr;

use crate::support::{cxsite_env, MetricsCsv, Project};

/// Builds with the build machine's own zone set to `machine_tz`, which must not matter.
fn build_with_machine_zone(p: &Project, machine_tz: &str) -> MetricsCsv {
    cxsite_env(p.tmp(), [OsStr::new("build"), p.dir.as_os_str()], &[("TZ", machine_tz)]).expect(0);
    MetricsCsv::read(&p.public())
}

#[test]
fn utc_timestamp_just_before_midnight_in_shanghai_lands_in_the_next_month() {
    let p = Project::new("timezone");
    let m = build_with_machine_zone(&p, "America/Los_Angeles");
    assert_eq!(m.groups("period"), ["2024-01", "2024-02", "2024-03"]);
    // January: T1 (10) and T3 (3): 1 promoter, 1 detractor → NPS 0.
    assert_eq!(m.cells("period", "2024-01", "nps")[..2], ["2", "0.0000"]);
    // February: T2 (9) alone, 16:30Z on 31 January → NPS 100.
    assert_eq!(m.cells("period", "2024-02", "nps")[..2], ["1", "100.0000"]);
    // March: T4 (8, a passive) → NPS 0.
    assert_eq!(m.cells("period", "2024-03", "nps")[..2], ["1", "0.0000"]);
    assert_eq!(m.groups("touchpoint_period"), ["web|2024-01", "web|2024-02", "web|2024-03"]);
    // The data period is reported in the project's zone too: 31 January … 1 March.
    let json = crate::support::read_json(&p.public());
    assert_eq!(json["data_period"]["first"], "2024-01-31");
    assert_eq!(json["data_period"]["last"], "2024-03-01");
}

#[test]
fn local_times_under_a_header_that_names_utc_are_utc_converted_into_the_project_zone() {
    // Typeform's `Submit Date (UTC)`: times without an offset, in UTC by the header. T3's
    // `2024-01-31 23:30` is 07:30 on 1 February in Shanghai (it was read as Shanghai's own
    // time, a January answer).
    let p = Project::new("timezone");
    p.replace("data/survey.csv", "submitted_at", "Submit Date (UTC)");
    p.replace("cxsite.yaml", "date: submitted_at", "date: \"Submit Date (UTC)\"");
    let m = build_with_machine_zone(&p, "America/Los_Angeles");
    // January: T1 (10) alone. February: T2 (9) and T3 (3): NPS 0. March: T4.
    assert_eq!(m.cells("period", "2024-01", "nps")[..2], ["1", "100.0000"]);
    assert_eq!(m.cells("period", "2024-02", "nps")[..2], ["2", "0.0000"]);
    assert_eq!(m.cells("period", "2024-03", "nps")[..2], ["1", "0.0000"]);
}

#[test]
fn the_same_timestamps_stay_in_their_utc_month_when_the_project_zone_is_utc() {
    let p = Project::new("timezone");
    p.replace("cxsite.yaml", "timezone: Asia/Shanghai", "timezone: UTC");
    // The machine's zone is Shanghai this time; the project's UTC must win.
    let m = build_with_machine_zone(&p, "Asia/Shanghai");
    // T1, T2 and T3 are all on 31 January in UTC: 10, 9, 3 → 2 promoters, 1 detractor:
    // NPS = 100·(2 − 1)/3 = 33.3333. T4 is 29 February 16:00 UTC → 2024-02.
    assert_eq!(m.groups("period"), ["2024-01", "2024-02"]);
    assert_eq!(m.cells("period", "2024-01", "nps")[..2], ["3", "33.3333"]);
    assert_eq!(m.cells("period", "2024-02", "nps")[..2], ["1", "0.0000"]);
}
