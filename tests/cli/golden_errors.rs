//! Full error text, snapshot style: each case breaks one thing in a fixture project, runs
//! the binary, and compares its exit code, stdout and whole stderr with
//! `tests/snapshots/<case>.txt` (the temporary directory's path written `<DIR>`). The other
//! error tests check the located fragments that matter; these catch any other change to
//! what a user reads.
//!
//! `CXSITE_BLESS=1 cargo test --test cli golden` rewrites the snapshots (and deletes those of
//! cases that no longer exist); review every snapshot diff as code.

use std::ffi::OsStr;
use std::fs;

use crate::golden::{blessing, diff, tests_dir, BLESS_HINT};
use crate::support::Project;

/// Every case, by the name of its snapshot file; a snapshot not listed here is stale.
const CASES: &[&str] = &[
    "config_unknown_key_did_you_mean",
    "config_unknown_key_in_a_dimension_entry",
    "config_bad_type_number",
    "config_bad_type_scale",
    "config_bad_scale_order",
    "config_duplicate_touchpoint_id",
    "config_duplicate_dataset_id",
    "config_missing_column_lists_the_columns",
    "config_wide_touchpoint_column_missing",
    "config_bad_segment_rule",
    "config_segment_rule_on_a_missing_column",
    "config_missing_project_file",
    "data_unclosed_quote",
    "data_wrong_number_of_fields",
    "data_mapped_column_missing_from_the_file",
    "data_bad_encoding",
    "data_gbk_file_without_an_encoding",
    "data_strict_with_rejected_values",
];

/// Runs `cxsite COMMAND PROJECT EXTRA…` from the project's temporary directory and compares
/// (or, when blessing, writes) `tests/snapshots/<case>.txt`.
#[track_caller]
fn assert_snapshot(case: &str, p: &Project, command: &str, extra: &[&str]) {
    assert!(CASES.contains(&case), "add the case `{case}` to CASES");
    let mut args = vec![OsStr::new(command), p.dir.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    let run = p.run(&args);
    assert!(!run.timed_out, "{case}: the run was killed after {:?}", run.elapsed);
    let dir = p.tmp().to_str().expect("the temporary directory's path is UTF-8");
    let shown: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let stdout = if run.stdout.is_empty() { " (empty)\n".to_string() } else { format!("\n{}", run.stdout) };
    let text =
        format!("$ cxsite {}\nexit code: {}\n--- stdout{stdout}--- stderr\n{}", shown.join(" "), run.code, run.stderr)
            .replace(dir, "<DIR>");
    let path = tests_dir("snapshots").join(format!("{case}.txt"));
    if blessing() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &text).unwrap();
        return;
    }
    let want = fs::read(&path).unwrap_or_else(|e| {
        panic!("no snapshot tests/snapshots/{case}.txt ({e}); the run gave:\n{text}\n{BLESS_HINT}")
    });
    if want != text.as_bytes() {
        panic!(
            "the output of case `{case}` differs from tests/snapshots/{case}.txt:\n--- tests/snapshots/{case}.txt\n+++ this run\n{}\nThe whole output of this run:\n{text}\n{BLESS_HINT}",
            diff(&want, text.as_bytes())
        );
    }
}

#[test]
fn golden_snapshots_are_exactly_those_of_the_cases() {
    let dir = tests_dir("snapshots");
    let names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let stale: Vec<&String> = names.iter().filter(|n| !CASES.iter().any(|c| **n == format!("{c}.txt"))).collect();
    if blessing() {
        for name in stale {
            fs::remove_file(dir.join(name)).unwrap();
        }
        return;
    }
    assert!(stale.is_empty(), "stale files in tests/snapshots/, of no case: {stale:?}\n{BLESS_HINT}");
    let missing: Vec<&&str> = CASES.iter().filter(|c| !names.contains(&format!("{c}.txt"))).collect();
    assert!(missing.is_empty(), "cases without a snapshot: {missing:?}\n{BLESS_HINT}");
}

// Config errors, on tests/fixtures/basic unless said otherwise.

#[test]
fn golden_error_config_unknown_key_did_you_mean() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "timezone: UTC", "timezon: UTC");
    assert_snapshot("config_unknown_key_did_you_mean", &p, "check", &[]);
}

#[test]
fn golden_error_config_unknown_key_in_a_dimension_entry() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "[store_name]", "[{ id: store_name, nme: Store }]");
    assert_snapshot("config_unknown_key_in_a_dimension_entry", &p, "check", &[]);
}

#[test]
fn golden_error_config_bad_type_number() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "min_n: 1", "min_n: many");
    assert_snapshot("config_bad_type_number", &p, "check", &[]);
}

#[test]
fn golden_error_config_bad_type_scale() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "scale: [1, 5]", "scale: five");
    assert_snapshot("config_bad_type_scale", &p, "check", &[]);
}

#[test]
fn golden_error_config_bad_scale_order() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "scale: [1, 5]", "scale: [5, 1]");
    assert_snapshot("config_bad_scale_order", &p, "check", &[]);
}

#[test]
fn golden_error_config_duplicate_touchpoint_id() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "{ id: store, name: Store }", "{ id: web, name: Store }");
    assert_snapshot("config_duplicate_touchpoint_id", &p, "check", &[]);
}

#[test]
fn golden_error_config_duplicate_dataset_id() {
    let p = Project::new("basic");
    p.append(
        "cxsite.yaml",
        b"  - id: survey\n    path: data/survey.csv\n    scores:\n      nps: { column: recommend }\n",
    );
    assert_snapshot("config_duplicate_dataset_id", &p, "check", &[]);
}

#[test]
fn golden_error_config_missing_column_lists_the_columns() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "column: recommend", "column: recomend");
    assert_snapshot("config_missing_column_lists_the_columns", &p, "build", &[]);
}

#[test]
fn golden_error_config_wide_touchpoint_column_missing() {
    let p = Project::new("exports_wide");
    p.replace("cxsite.yaml", "wifi: Inflight wifi service", "wifi: Inflight wfi service");
    assert_snapshot("config_wide_touchpoint_column_missing", &p, "build", &[]);
}

#[test]
fn golden_error_config_bad_segment_rule() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "\"age < 30\"", "\"age <\"");
    assert_snapshot("config_bad_segment_rule", &p, "check", &[]);
}

#[test]
fn golden_error_config_segment_rule_on_a_missing_column() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "\"age < 30\"", "\"agee < 30\"");
    assert_snapshot("config_segment_rule_on_a_missing_column", &p, "check", &[]);
}

#[test]
fn golden_error_config_missing_project_file() {
    let p = Project::new("basic");
    fs::remove_file(p.path("cxsite.yaml")).unwrap();
    assert_snapshot("config_missing_project_file", &p, "check", &[]);
}

// Data errors.

#[test]
fn golden_error_data_unclosed_quote() {
    let p = Project::new("basic");
    p.replace("data/survey.csv", "B3,2024-06-03,store,Downtown", "B3,2024-06-03,store,\"Downtown");
    assert_snapshot("data_unclosed_quote", &p, "build", &[]);
}

#[test]
fn golden_error_data_wrong_number_of_fields() {
    let p = Project::new("basic");
    p.replace(
        "data/survey.csv",
        "B3,2024-06-03,store,Downtown,41,6,2\n",
        "B3,2024-06-03,store,Downtown,41,6,2,extra\n",
    );
    assert_snapshot("data_wrong_number_of_fields", &p, "build", &[]);
}

#[test]
fn golden_error_data_mapped_column_missing_from_the_file() {
    let p = Project::new("basic");
    // The project is unchanged; the export's header lost the column it maps.
    p.replace("data/survey.csv", ",satisfaction\n", ",sat\n");
    assert_snapshot("data_mapped_column_missing_from_the_file", &p, "build", &[]);
}

#[test]
fn golden_error_data_bad_encoding() {
    let p = Project::new("basic");
    // A store name in GBK (`上海` = C9 CF BA A3) in a file read as UTF-8.
    p.append("data/survey.csv", b"B7,2024-07-03,web,\xC9\xCF\xBA\xA3,30,9,4\n");
    assert_snapshot("data_bad_encoding", &p, "build", &[]);
}

#[test]
fn golden_error_data_gbk_file_without_an_encoding() {
    let p = Project::new("gbk");
    p.replace("cxsite.yaml", "    encoding: gbk\n", "");
    assert_snapshot("data_gbk_file_without_an_encoding", &p, "build", &[]);
}

#[test]
fn golden_error_data_strict_with_rejected_values() {
    let p = Project::new("basic");
    p.replace("data/survey.csv", "Airport,57,10,5", "Airport,57,11,5");
    p.replace("data/survey.csv", "B2,2024-06-02,web,Online,34,8,4", "B2,2024-06-02,web,Online,34,8,x");
    assert_snapshot("data_strict_with_rejected_values", &p, "build", &["--strict"]);
    assert!(!p.public().exists(), "a failed strict build wrote {}", p.public().display());
}
