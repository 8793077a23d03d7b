//! Validation of cxsite.yaml: every error names its line and column and says what to do.

use std::path::Path;

use super::*;

const MINIMAL: &str = r#"title: T
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints:
        - { id: web, name: Website }
        - { id: shop, name: Shop }
datasets:
  - id: survey
    path: data/s.csv
    columns: { touchpoint: tp }
    scores:
      nps: { column: rec }
"#;

fn errors(yaml: &str) -> String {
    match parse(yaml, Path::new("/p")) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_value_both_not_applicable_and_labelled_is_an_error() {
    let yaml = MINIMAL.replace("nps: { column: rec }", "nps: { column: rec, na: [\" N/A\"], labels: { \"n/a\": 0 } }");
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:14:22:"), "{e}");
    assert!(
        e.contains("score `nps`: `n/a` is listed under both `na:` (not an answer) and `labels:` (read as 0)"),
        "{e}"
    );
    let fine = MINIMAL.replace("nps: { column: rec }", "nps: { column: rec, na: [\"N/A\"], labels: { \"ten\": 10 } }");
    assert!(parse(&fine, Path::new("/p")).is_ok());
}

#[test]
fn a_minimal_project_gets_the_documented_defaults() {
    let p = parse(MINIMAL, Path::new("/p")).unwrap();
    assert_eq!((p.min_n, p.confidence, p.locale, p.period), (30, 0.95, Locale::EN, Period::Month));
    assert_eq!(p.timezone, Tz::UTC);
    assert_eq!(p.touchpoints.len(), 2);
    assert_eq!(p.stages[0].touchpoints, vec![0, 1]);
    assert_eq!(p.scores[0].kind, ScoreKind::Nps);
    assert_eq!((p.scores[0].min, p.scores[0].max), (0, 10));
    assert_eq!(p.loyalty, Some(0));
    assert!(!p.public);
}

#[test]
fn a_misspelt_key_names_its_line_column_and_the_key_meant() {
    let e = errors(&MINIMAL.replace("title: T", "titel: T"));
    assert!(e.contains("cxsite.yaml:1:1"), "{e}");
    assert!(e.contains("unknown key `titel` (did you mean `title`?)"), "{e}");
    let e = errors(&MINIMAL.replace("{ column: rec }", "{ column: rec, scael: [0, 10] }"));
    assert!(e.contains("cxsite.yaml:14:27"), "{e}");
    assert!(e.contains("did you mean `scale`"), "{e}");
}

#[test]
fn a_line_indented_with_a_tab_is_named_with_how_to_fix_it() {
    // The parser stopped at line 4's `buy`, the scalar before, saying "found a tab".
    let e = errors(&MINIMAL.replace("      name: Buy", "\tname: Buy"));
    assert!(e.contains("cxsite.yaml:5:1"), "{e}");
    assert!(e.contains("line 5 is indented with a tab: YAML indents with spaces only"), "{e}");
}

#[test]
fn a_yaml_tag_on_a_text_value_says_to_remove_it_in_plain_words() {
    let e = errors(&MINIMAL.replace("title: T", "title: !!int \"5\""));
    assert!(e.contains("cxsite.yaml:1:"), "{e}");
    assert!(e.contains("the `!!int` tag before it says: remove the tag"), "{e}");
    assert!(!e.contains("deserialize"), "{e}");
}

#[test]
fn duplicate_yaml_keys_are_errors() {
    let e = errors(&MINIMAL.replace("title: T\n", "title: T\ntitle: U\n"));
    assert!(e.contains("cxsite.yaml:2:1") && e.contains("duplicate"), "{e}");
}

#[test]
fn duplicate_ids_are_errors_at_the_second_one() {
    let e = errors(&MINIMAL.replace("{ id: shop, name: Shop }", "{ id: web, name: Shop }"));
    assert!(e.contains("cxsite.yaml:8:") && e.contains("duplicate touchpoint id `web`"), "{e}");
}

#[test]
fn ids_that_differ_only_in_case_are_errors_as_they_would_name_one_file() {
    let e = errors(&MINIMAL.replace("{ id: shop, name: Shop }", "{ id: WEB, name: Shop }"));
    assert!(
        e.contains("cxsite.yaml:8:17:") && e.contains("touchpoint id `WEB` differs from `web` only in case"),
        "{e}"
    );
    let stage = MINIMAL.replace("datasets:", "    - id: Buy\n      name: Again\ndatasets:");
    assert!(errors(&stage).contains("stage id `Buy` differs from `buy` only in case"), "{}", errors(&stage));
    let dims = MINIMAL.replace(
        "columns: { touchpoint: tp }",
        "columns: { touchpoint: tp }\n    dimensions: [{ id: store, column: a }, { id: Store, column: b }]",
    );
    assert!(errors(&dims).contains("dimension id `Store` differs from `store` only in case"), "{}", errors(&dims));
}

#[test]
fn an_event_date_is_refused_for_its_form_or_for_being_no_day() {
    let with = |d: &str| errors(&format!("{MINIMAL}events:\n  - {{ date: \"{d}\", name: Launch }}\n"));
    let e = with("2024-02-30");
    assert!(e.contains("cxsite.yaml:16:") && e.contains("event date `2024-02-30` is no day of the calendar"), "{e}");
    assert!(with("30/02/2024").contains("event date `30/02/2024` must be YYYY-MM-DD"));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let yaml = MINIMAL.replace("title: T", "title: T\nlocale: fr_FR\nmin_n: 0\ntimezone: Mars/Olympus");
    let e = errors(&yaml);
    assert!(e.contains("unknown locale `fr_FR`"), "{e}");
    assert!(e.contains("min_n must be at least 1"), "{e}");
    assert!(e.contains("unknown time zone `Mars/Olympus`"), "{e}");
    assert_eq!(e.lines().filter(|l| l.starts_with("error:")).count(), 3, "{e}");
}

#[test]
fn a_bad_segment_rule_points_at_the_rule() {
    let yaml = format!("{MINIMAL}segments:\n  - {{ id: y, when: \"age <\" }}\n");
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:16:") && e.contains("expected a value"), "{e}");
}

#[test]
fn a_segment_needs_exactly_one_of_when_and_from_column() {
    let yaml = format!("{MINIMAL}segments:\n  - {{ id: y, when: \"a == 1\", from_column: b }}\n");
    assert!(errors(&yaml).contains("exactly one of `when:`"));
}

#[test]
fn an_nps_must_use_the_zero_to_ten_scale() {
    let e = errors(&MINIMAL.replace("{ column: rec }", "{ column: rec, scale: [1, 5] }"));
    assert!(e.contains("must use the 0–10 scale"), "{e}");
}

#[test]
fn a_rating_needs_a_scale_and_top_two_box_is_the_default() {
    let e = errors(&MINIMAL.replace("nps: { column: rec }", "csat: { column: sat }"));
    assert!(e.contains("needs a `scale: [min, max]`"), "{e}");
    let p = parse(&MINIMAL.replace("nps: { column: rec }", "csat: { column: sat, scale: [1, 7] }"), Path::new("/p"))
        .unwrap();
    assert_eq!(p.scores[0].top_box, 6);
    assert_eq!(p.loyalty, None);
}

#[test]
fn wide_scores_must_name_journey_touchpoints() {
    let yaml = MINIMAL.replace(
        "    columns: { touchpoint: tp }\n",
        "    format: wide\n    touchpoint_scores: { scale: [1, 5], columns: { wbe: c1 } }\n",
    );
    let e = errors(&yaml);
    assert!(e.contains("touchpoint `wbe`, which is not in the journey (did you mean `web`?)"), "{e}");
}

#[test]
fn dataset_paths_may_not_leave_the_project() {
    for bad in ["../x.csv", "/etc/passwd"] {
        let e = errors(&MINIMAL.replace("data/s.csv", bad));
        assert!(e.contains("must stay inside the project directory"), "{e}");
    }
}

#[test]
fn joins_must_point_from_a_response_dataset_to_a_lookup() {
    let yaml = format!("{MINIMAL}  - {{ id: crm, path: data/c.csv, key: id }}\njoins:\n  - {{ dataset: survey, column: cid, to: crn }}\n");
    let e = errors(&yaml);
    assert!(e.contains("join target `crn` is not a lookup") && e.contains("did you mean `crm`"), "{e}");
}

#[test]
fn the_loyalty_score_must_exist() {
    let e = errors(&MINIMAL.replace("title: T", "title: T\nloyalty: npss"));
    assert!(e.contains("loyalty score `npss`") && e.contains("did you mean `nps`"), "{e}");
}

#[test]
fn a_dimension_may_not_take_a_name_cxsite_uses() {
    let e = errors(&MINIMAL.replace("    scores:", "    dimensions: [period]\n    scores:"));
    assert!(e.contains("`period` is a dimension cxsite computes itself"), "{e}");
}

#[test]
fn gbk_is_read_as_its_superset_gb18030() {
    let p =
        parse(&MINIMAL.replace("path: data/s.csv", "path: data/s.csv\n    encoding: gbk"), Path::new("/p")).unwrap();
    assert_eq!(p.datasets[0].file.encoding, Some(encoding_rs::GB18030));
}

#[test]
fn date_formats_translate_tokens_and_refuse_unknown_letters() {
    assert_eq!(date_pattern("DD/MM/YYYY HH:mm").unwrap(), "%d/%m/%Y %H:%M");
    assert_eq!(date_pattern("D.M.YY").unwrap(), "%d.%m.%y");
    assert_eq!(date_pattern("%d/%m/%Y").unwrap(), "%d/%m/%Y");
    assert_eq!(date_pattern("MM/DD/YYYY h:mm A").unwrap(), "%m/%d/%Y %I:%M %p");
    assert!(date_pattern("DD/MM/YYYY hh:mm a").unwrap_err().contains("`a` is not a token"));
    assert!(date_pattern("DD/MM/YYYY at HH:mm").unwrap_err().contains("`a` is not a token"));
}

#[test]
fn a_twelve_hour_clock_reads_its_am_and_pm() {
    use crate::produce::csv::value::read_date;
    let f = date_pattern("MM/DD/YYYY h:mm A").unwrap();
    let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(read_date("3/14/2024 5:23 PM", chrono_tz::UTC, Some(&f), false), d(2024, 3, 14));
    assert_eq!(read_date("03/14/2024 12:05 am", chrono_tz::UTC, Some(&f), false), d(2024, 3, 14));
    // A time without an offset is the project zone's own: it stays on its day.
    assert_eq!(read_date("12/31/2024 11:30 PM", chrono_tz::Asia::Shanghai, Some(&f), false), d(2024, 12, 31));
    assert_eq!(read_date("3/14/2024 13:23 PM", chrono_tz::UTC, Some(&f), false), None);
}

#[test]
fn wide_rating_columns_can_come_in_groups_with_their_own_scales() {
    let yaml = MINIMAL.replace(
        "    columns: { touchpoint: tp }\n",
        "    format: wide\n    touchpoint_scores:\n      - { metric: csat, scale: [1, 5], na: [0], columns: { web: c1 } }\n      - { metric: ease, type: mean, scale: [1, 7], columns: { shop: c2 } }\n",
    );
    let p = parse(&yaml, Path::new("/p")).unwrap();
    let cols: Vec<(&str, &str, i64)> = p.datasets[0]
        .scores
        .iter()
        .map(|c| (c.column.name.as_str(), p.scores[c.score].id.as_str(), p.scores[c.score].max))
        .collect();
    assert_eq!(cols, [("rec", "nps", 10), ("c1", "csat", 5), ("c2", "ease", 7)]);
    assert_eq!(p.datasets[0].scores[1].reading.na, ["0"]);
    // Unknown keys inside a group are still located errors.
    let bad = yaml.replace("na: [0], columns", "nna: [0], columns");
    let e = errors(&bad);
    assert!(e.contains("cxsite.yaml:14:40") && e.contains("did you mean `na`"), "{e}");
}

#[test]
fn score_ids_whose_metric_names_would_clash_are_errors_at_their_line() {
    // A mean score `csat_mean` and the mean of rating `csat` would both be metric `csat_mean`.
    let yaml = MINIMAL.replace(
        "      nps: { column: rec }\n",
        "      csat: { column: sat, scale: [1, 5] }\n      csat_mean: { column: m, scale: [1, 7], type: mean }\n",
    );
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:15:"), "{e}");
    assert!(
        e.contains("score `csat_mean` would write metric `csat_mean`, which clashes with a metric of score `csat`"),
        "{e}"
    );
    // A score named like a derived metric of another (`nps_change`) clashes too, in either order.
    let yaml = MINIMAL.replace(
        "      nps: { column: rec }\n",
        "      nps_change: { column: c, scale: [1, 5] }\n      nps: { column: rec }\n",
    );
    assert!(errors(&yaml)
        .contains("score `nps` would write metric `nps`, which clashes with a metric of score `nps_change`"));
    // Unrelated names that merely share a prefix are fine.
    let yaml = MINIMAL.replace(
        "      nps: { column: rec }\n",
        "      nps: { column: rec }\n      npsx: { column: x, scale: [1, 5] }\n",
    );
    assert!(parse(&yaml, Path::new("/p")).is_ok());
}

#[test]
fn a_dimension_named_like_another_dimensions_trend_is_an_error() {
    let with_dims = |dims: &str| {
        MINIMAL
            .replace("      nps: { column: rec }\n", &format!("      nps: {{ column: rec }}\n    dimensions: {dims}\n"))
    };
    let e = errors(&with_dims("[store, store_period]"));
    assert!(e.contains("dimension `store_period` clashes in metrics.csv: the trend of `store` is written as dimension `store_period`"), "{e}");
    let e = errors(&with_dims("[store_period, store]"));
    assert!(e.contains("dimension `store` clashes"), "{e}");
    let e = errors(&with_dims("[stage_period]"));
    assert!(e.contains("the trend of `stage`"), "{e}");
    // A `_period` id of its own is fine (its trend is `sales_period_period`).
    assert!(parse(&with_dims("[sales_period]"), Path::new("/p")).is_ok());
}

#[test]
fn comment_columns_come_as_one_name_a_list_or_labelled_items() {
    let one =
        parse(&MINIMAL.replace("{ touchpoint: tp }", "{ touchpoint: tp, comment: why }"), Path::new("/p")).unwrap();
    assert_eq!(one.questions.len(), 1);
    assert_eq!((one.datasets[0].comments[0].column.name.as_str(), one.questions[0].label("en")), ("why", "why"));
    assert!(!one.shows_questions());
    let yaml = MINIMAL.replace(
        "{ touchpoint: tp }",
        "{ touchpoint: tp, comment: [best, { column: worst, label: { en: disliked, zh-CN: 不喜欢 }, id: least }] }",
    );
    let two = parse(&yaml, Path::new("/p")).unwrap();
    let ids: Vec<&str> = two.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["best", "least"]);
    assert_eq!(
        (two.questions[1].label("zh-CN"), two.questions[1].label("en"), two.questions[0].label("en")),
        ("不喜欢", "disliked", "best")
    );
    assert_eq!(two.datasets[0].comments[1].column.name, "worst");
    assert!(two.shows_questions());
    // Errors at their line and column: an empty list, a question named twice, an unknown key.
    let e = errors(&MINIMAL.replace("{ touchpoint: tp }", "{ touchpoint: tp, comment: [] }"));
    assert!(e.contains("cxsite.yaml:12:41") && e.contains("names no column"), "{e}");
    let e = errors(&MINIMAL.replace("{ touchpoint: tp }", "{ touchpoint: tp, comment: [a, a] }"));
    assert!(e.contains("cxsite.yaml:12:45") && e.contains("named twice"), "{e}");
    let e = errors(&MINIMAL.replace("{ touchpoint: tp }", "{ touchpoint: tp, comment: [{ column: a, lable: x }] }"));
    assert!(e.contains("unknown") && e.contains("lable"), "{e}");
}

const WITH_CHOICES: &str = r#"title: T
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints:
        - { id: web, name: Website }
segments:
  - { id: py, when: "'python' in langs and not 'Rust' in langs" }
datasets:
  - id: survey
    path: data/s.csv
    columns: { touchpoint: tp }
    scores:
      nps: { column: rec }
    multi_select:
      - { id: langs, column: Languages, options: [Python, "C, C++", Rust] }
      - { id: tools, columns: { Git: uses_git, Docker: uses_docker } }
"#;

#[test]
fn multi_selects_become_option_indicators_and_segment_rules_link_to_their_columns() {
    let p = parse(WITH_CHOICES, Path::new("/p")).unwrap();
    let ids: Vec<&str> = p.scores.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["nps", "langs_python", "langs_c_c", "langs_rust", "tools_git", "tools_docker"]);
    assert_eq!(p.scores[2].choice, Some((0, 1)));
    assert_eq!((p.scores[2].min, p.scores[2].max, p.scores[2].top_box), (0, 1, 1));
    assert_eq!(p.multi_selects[1].scores, vec![4, 5]);
    let SegmentKind::Rule(rule) = &p.segments[0].kind else { panic!() };
    // The rule reads the question's column, not a column named `langs`.
    assert_eq!(rule.columns, ["Languages"]);
    let holds = |cell: &str| rule.eval(&|_| cell);
    assert_eq!(holds("Python, C, C++"), Some(true));
    assert_eq!(holds("C, C++, python, Rust"), Some(false));
    assert_eq!(holds("C, C++"), Some(false));
    assert_eq!(holds(""), None);
    let e = errors(&WITH_CHOICES.replace("'python' in langs and", "'Go' in langs and"));
    assert!(e.contains("cxsite.yaml:9:") && e.contains("`Go` is not an option of multi-select `langs`"), "{e}");
}

#[test]
fn a_multi_select_needs_one_form_and_distinct_options() {
    let e =
        errors(&WITH_CHOICES.replace("column: Languages, options: [Python, \"C, C++\", Rust]", "column: Languages"));
    assert!(e.contains("cxsite.yaml:17:") && e.contains("list every option under `options:`"), "{e}");
    let e = errors(&WITH_CHOICES.replace("[Python, \"C, C++\", Rust]", "[Python, python]"));
    assert!(e.contains("option `python` of multi-select `langs` is blank or listed twice"), "{e}");
    let e = errors(&WITH_CHOICES.replace("{ id: tools, columns:", "{ id: tools, column: x, columns:"));
    assert!(e.contains("has both `column:`") && e.contains("cxsite.yaml:18:"), "{e}");
    let e = errors(
        &WITH_CHOICES
            .replace("nps: { column: rec }", "nps: { column: rec }\n      langs_rust: { column: r, scale: [1, 5] }"),
    );
    assert!(e.contains("option `Rust` of multi-select `langs` would write metric `langs_rust`, which clashes with score `langs_rust`"), "{e}");
}

/// A comment theme writes `<theme>_mentions`, `_share`, `_negative`, `_share_change` and
/// `_<metric>_gap` into metrics.csv: a score or a multi-select option of the same name would
/// give two rows of one key, so it is refused where it can be renamed.
#[test]
fn a_score_or_option_named_like_a_theme_metric_is_an_error_at_its_line() {
    // Themes are analysed in comments, so the survey has a comment column.
    let with_comments = MINIMAL.replace("columns: { touchpoint: tp }", "columns: { touchpoint: tp, comment: said }");
    // The built-in theme `price` is on with `text: {}`: the score is what to rename.
    let yaml = format!("{with_comments}      price_share: {{ column: p, scale: [1, 5], type: mean }}\ntext: {{}}\n");
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:15:7:"), "{e}");
    assert!(e.contains("score `price_share` would write metric `price_share`, which clashes with a metric of the built-in theme `price`"), "{e}");
    // Any statistic of the theme clashes, its gap on a score included.
    for (score, metric) in [
        ("price_negative", "price_negative"),
        ("price_share_change", "price_share_change"),
        ("delivery", "delivery_nps_gap"),
    ] {
        let (id, kind) = if score == "delivery" { ("delivery_nps_gap", "mean") } else { (score, "rating") };
        let yaml = format!("{with_comments}      {id}: {{ column: p, scale: [1, 5], type: {kind} }}\ntext: {{}}\n");
        let e = errors(&yaml);
        assert!(e.contains(&format!("would write metric `{metric}`, which clashes")), "{id}: {e}");
    }
    let yaml = format!("{with_comments}      price: {{ column: p, scale: [1, 5] }}\ntext: {{}}\n");
    assert!(parse(&yaml, Path::new("/p")).is_ok(), "a score named like the theme itself writes no theme name");
    // Without `text:` comments are not analysed (unless a dataset has nothing else): no clash.
    let yaml = format!("{with_comments}      price_share: {{ column: p, scale: [1, 5], type: mean }}\n");
    assert!(parse(&yaml, Path::new("/p")).is_ok());
    // A multi-select option's share: at the multi-select.
    let yaml = WITH_CHOICES
        .replace("columns: { touchpoint: tp }", "columns: { touchpoint: tp, comment: said }")
        .replace("[Python, \"C, C++\", Rust]", "[Python, mentions]")
        .replace("id: langs", "id: price")
        .replace("'python' in langs and not 'Rust' in langs", "'python' in price")
        + "text: {}\n";
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:17:15:") && e.contains("option `mentions` of multi-select `price` would write metric `price_mentions`, which clashes with a metric of the built-in theme `price`"), "{e}");
    // A theme of the project's own: at the theme.
    let yaml = format!("{with_comments}      price_share: {{ column: p, scale: [1, 5], type: mean }}\ntext:\n  themes:\n    price:\n      keywords: [cost]\n  default_themes: false\n");
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:18:5:"), "{e}");
    assert!(
        e.contains(
            "theme `price` would write metric `price_share`, which clashes with a metric of score `price_share`"
        ),
        "{e}"
    );
}

/// A value of the wrong kind is told in words with what was written, never in the parser's
/// terms ("invalid u64", "expected sequence start").
#[test]
fn a_value_of_the_wrong_kind_says_what_was_expected_and_what_was_written() {
    let cases = [
        (
            "title: T\n",
            "title: T\nmin_n: many # a comment\n",
            "cxsite.yaml:2:8: expected a whole number, 1 or more, not `many`",
        ),
        (
            "title: T\n",
            "title: T\nmin_n: 99999999999999999999999999\n",
            "cxsite.yaml:2:8: `99999999999999999999999999` is too large: at most 18446744073709551615",
        ),
        // A tag that makes a number text: the number is not too large, the tag is the trouble.
        (
            "title: T\n",
            "title: T\nmin_n: !!str 30\n",
            "cxsite.yaml:2:14: expected a whole number, 1 or more, not `30` (the `!!str` tag before it makes it text: remove the tag)",
        ),
        (
            "title: T\n",
            "title: T\nconfidence: !!str 0.9\n",
            "expected a number, not `0.9` (the `!!str` tag before it makes it text: remove the tag)",
        ),
        ("title: T\n", "title: T\nconfidence: high\n", "expected a number, not `high`"),
        ("title: T\n", "title: T\ncomplementary_suppression: maybe\n", "expected `true` or `false`, not `maybe`"),
        ("title: T\n", "title: [a, b]\n", "expected a text value, not a list"),
        (
            "scores:\n",
            "scores:\n      nps: { column: rec, scale: ten }\n",
            "expected a list: `[a, b]`, or one `- item` per line, not `ten`",
        ),
        (
            "journey:\n",
            "journey: 5\nx:\n",
            "expected keys with values: `key: value` lines, or `{ key: value }`, not `5`",
        ),
        (
            "journey:\n",
            "journey:\n  - stage: buy\n    touchpoints: [checkout]\nx:\n",
            "expected keys with values: `key: value` lines, or `{ key: value }`, not a list",
        ),
        ("title: T\n", "title:\n  - a\n  - b\n", "expected a text value, not a list"),
        // A list or mapping where a number goes: the parser asks for text, the key for a number.
        ("title: T\n", "title: T\nmin_n: {}\n", "expected a whole number, 1 or more, not keys with values"),
        ("title: T\n", "title: T\nconfidence: [0.9]\n", "expected a number between 0 and 1, such as 0.95, not a list"),
        (
            "scores:\n",
            "scores:\n      csat: { column: sat, scale: [1, 5], top_box: [4, 5] }\n",
            "expected a number, not a list",
        ),
    ];
    for (from, to, expected) in cases {
        let yaml = MINIMAL.replacen(from, to, 1);
        let e = errors(&yaml);
        assert!(e.contains(expected), "{to:?}: {e}");
        for jargon in ["invalid u64", "invalid boolean", "start", "scalar", "floating"] {
            assert!(!e.contains(jargon), "{to:?}: {e}");
        }
    }
}

#[test]
fn invisible_characters_pasted_into_the_project_file_are_no_part_of_its_values() {
    // A zero-width space, a byte-order mark and a left-to-right mark, as a copy from a web page
    // or a spreadsheet brings them, in a touchpoint id, a rule value, an `na:` word, a label,
    // a column name and an option.
    let yaml = WITH_CHOICES
        .replace("- { id: web,", "- { id: \"web\\u200b\",")
        .replace("segments:\n", "segments:\n  - { id: gold, when: \"tier == 'Gold\\u200b'\" }\n")
        .replace(
            "nps: { column: rec }",
            "nps: { column: \"\\ufeffrec\", na: [\"n/a\\u200e\"], labels: { \"Ten\\u200b\": 10, \"Very\\u00a0 good\": 9 } }",
        )
        .replace("Rust]", "\"Rust\\u2060\"]");
    // Written as YAML escapes above; typed as the characters themselves (a key too), and a
    // byte-order mark before the first line, as Notepad saves the file.
    let yaml = format!("\u{feff}{}", yaml.replace("      name: Buy", "      name\u{200b}: Buy\u{200f}"));
    let p = parse(&yaml, Path::new("/p")).unwrap();
    assert_eq!(p.stages[0].name, "Buy");
    assert_eq!(p.touchpoints[0].id, "web");
    let reading = &p.datasets[0].scores[0].reading;
    assert_eq!(p.datasets[0].scores[0].column.name, "rec");
    assert_eq!(reading.na, ["n/a"]);
    assert_eq!(reading.labels, [("ten".to_string(), 10), ("very good".to_string(), 9)]);
    assert_eq!(p.multi_selects[0].options, ["Python", "C, C++", "Rust"]);
    let SegmentKind::Rule(gold) = &p.segments[0].kind else { panic!() };
    // The rule holds on the cell as it looks, whatever invisible characters either side has.
    for cell in ["Gold", "gold\u{200b}", "\u{feff}Gold", " Gold\u{2066}\u{2069} "] {
        assert_eq!(gold.eval(&|_| cell), Some(true), "{cell:?}");
    }
    assert_eq!(gold.eval(&|_| "\u{200b}"), None, "a cell of only invisible characters is blank");
    assert_eq!(gold.eval(&|_| "Golden"), Some(false));
}

#[test]
fn every_unknown_key_is_reported_in_one_run_each_at_its_place_with_its_hint() {
    // A misspelt top-level key, a misspelt required key of a list item (renamed to what it is
    // a typo of, the next keys are still found), a flow key, a block key holding a block
    // below it, a quoted key, and a key nothing is close to.
    let yaml = MINIMAL
        .replace("title: T", "titel: T")
        .replace("      name: Buy", "      nmae: Buy")
        .replace("{ id: shop, name: Shop }", "{ id: shop, nane: Shop, chanel: store }")
        .replace("    path: data/s.csv\n", "    path: data/s.csv\n    colums_extra:\n      a: 1\n      b: [2, 3]\n")
        .replace("nps: { column: rec }", "nps: { column: rec, \"scael\": [0, 10], zzzzzz: 1 }");
    let e = errors(&yaml);
    let expected = [
        ("cxsite.yaml:1:1:", "unknown key `titel` (did you mean `title`?)"),
        ("cxsite.yaml:5:7:", "unknown key `nmae` (did you mean `name`?)"),
        ("cxsite.yaml:8:23:", "unknown key `nane` (did you mean `name`?)"),
        ("cxsite.yaml:8:35:", "unknown key `chanel` (did you mean `channel`?)"),
        ("cxsite.yaml:12:5:", "unknown key `colums_extra`"),
        ("cxsite.yaml:17:27:", "unknown key `scael` (did you mean `scale`?)"),
        ("cxsite.yaml:17:45:", "unknown key `zzzzzz`; expected one of:"),
    ];
    let found: Vec<&str> = e.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(found.len(), expected.len(), "{e}");
    for (l, (at, what)) in found.iter().zip(expected) {
        assert!(l.starts_with(&format!("error: {at} {what}")), "{l}\nin\n{e}");
    }
}

#[test]
fn one_unknown_key_reads_as_before() {
    let e = errors(&MINIMAL.replace("title: T", "titel: T"));
    assert_eq!(e.lines().filter(|l| l.starts_with("error: ")).count(), 1, "{e}");
    assert!(
        e.starts_with("error: cxsite.yaml:1:1: unknown key `titel` (did you mean `title`?); expected one of: "),
        "{e}"
    );
}

#[test]
fn unknown_keys_first_in_a_list_item_beside_the_key_they_misspell_or_over_a_list_are_all_found() {
    // `idd` is the item's first key, after its dash; `nmae` sits beside the `name` it
    // misspells (renaming it would repeat `name`, so it is blanked instead); `dimension`
    // holds a `- ` list at its own indentation.
    let yaml = MINIMAL
        .replace(
            "    - id: buy\n      name: Buy\n",
            "    - idd: buy\n      id: buy\n      name: Buy\n      nmae: Buy\n",
        )
        .replace("    scores:\n", "    dimension:\n    - store\n    - region\n    scores:\n")
        .replace("title: T\n", "title: T\ntimezon: UTC\n")
        .replace("{ column: rec }", "{ column: rec, scael: [0, 10] }");
    let e = errors(&yaml);
    let found: Vec<&str> = e.lines().filter(|l| l.starts_with("error: ")).collect();
    let expected = [
        "error: cxsite.yaml:2:1: unknown key `timezon` (did you mean `timezone`?)",
        "error: cxsite.yaml:5:7: unknown key `idd` (did you mean `id`?)",
        "error: cxsite.yaml:8:7: unknown key `nmae` (did you mean `name`?)",
        "error: cxsite.yaml:16:5: unknown key `dimension` (did you mean `dimensions`?)",
        "error: cxsite.yaml:20:27: unknown key `scael` (did you mean `scale`?)",
    ];
    assert_eq!(found.len(), expected.len(), "{e}");
    for (l, x) in found.iter().zip(expected) {
        assert!(l.starts_with(x), "{l}\nin\n{e}");
    }
}

#[test]
fn after_its_unknown_keys_a_file_is_not_reported_for_what_editing_them_out_causes() {
    // A misspelt required key nothing is close to: blanked, the stage lacks `name`, which is
    // not reported (it is the same mistake); the typo is.
    let e = errors(&MINIMAL.replace("      name: Buy", "      xyzzy: Buy"));
    let found: Vec<&str> = e.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(found.len(), 1, "{e}");
    assert!(found[0].starts_with("error: cxsite.yaml:5:7: unknown key `xyzzy`; expected one of: "), "{e}");
}

#[test]
fn a_calendar_of_periods_fills_the_empty_ones_between_the_first_and_the_last() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // Jan, Feb and Apr have answers; March none: it is on the calendar, between them.
    assert_eq!(
        Period::Month.calendar(&s(&["2024-01", "2024-02", "2024-04"]), 100),
        s(&["2024-01", "2024-02", "2024-03", "2024-04"])
    );
    // Across a year's end: Nov 2023 … Feb 2024 is four months.
    assert_eq!(
        Period::Month.calendar(&s(&["2023-11", "2024-02"]), 100),
        s(&["2023-11", "2023-12", "2024-01", "2024-02"])
    );
    assert_eq!(Period::Quarter.calendar(&s(&["2023-Q4", "2024-Q2"]), 100), s(&["2023-Q4", "2024-Q1", "2024-Q2"]));
    // ISO weeks: 2020 has 53, so W52 → W53 → 2021-W01.
    assert_eq!(Period::Week.calendar(&s(&["2020-W52", "2021-W01"]), 100), s(&["2020-W52", "2020-W53", "2021-W01"]));
    // More than the cap (a stray date): the periods with answers as they are.
    assert_eq!(Period::Month.calendar(&s(&["1990-01", "2024-01"]), 100), s(&["1990-01", "2024-01"]));
    assert!(Period::Month.calendar(&[], 100).is_empty());
}

#[test]
fn a_touchpoint_name_that_reads_as_another_touchpoints_id_or_name_is_an_error_at_its_line() {
    // `shop` named ` WEB `: a row that says `web` could be either touchpoint.
    let e = errors(&MINIMAL.replace("{ id: shop, name: Shop }", "{ id: shop, name: \" WEB \" }"));
    assert!(e.contains("cxsite.yaml:8:"), "{e}");
    assert!(e.contains("touchpoint `shop` is named `WEB`, the id of touchpoint `web`"), "{e}");
    // Two touchpoints named alike but for case and spaces.
    let e = errors(
        &MINIMAL
            .replace("{ id: shop, name: Shop }", "{ id: shop, name: \"web\u{a0} SITE\" }")
            .replace("name: Website }", "name: Web site }"),
    );
    assert!(e.contains("cxsite.yaml:8:"), "{e}");
    assert!(e.contains("touchpoints `web` and `shop` are both named"), "{e}");
    assert_eq!(e.lines().filter(|l| l.starts_with("error:")).count(), 1, "{e}");
    // Two stages without touchpoints are touchpoints named by the stage's name.
    let stages = "    - { id: a, name: Pay }\n    - { id: b, name: pay }\n";
    let yaml = MINIMAL.replace("    - id: buy\n", &format!("{stages}    - id: buy\n"));
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:5:") && e.contains("touchpoints `a` and `b` are both named `pay`"), "{e}");
    // A touchpoint may be named by its own id.
    assert!(parse(&MINIMAL.replace("name: Website", "name: WEB"), Path::new("/p")).is_ok());
}

#[test]
fn a_bad_score_id_and_a_score_without_a_scale_are_reported_at_the_id_not_at_its_column() {
    // The id is the key on line 14; its column is named on line 15.
    let yaml = MINIMAL.replace("nps: { column: rec }", "\"csat score!\":\n        column: sat\n        scale: [1, 5]");
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:14:7: score id `csat score!` must be letters"), "{e}");
    let yaml = MINIMAL.replace("nps: { column: rec }", "csat:\n        column: sat");
    let e = errors(&yaml);
    assert!(e.contains("cxsite.yaml:14:7: score `csat` needs a `scale: [min, max]`"), "{e}");
}

#[test]
fn a_label_past_the_scale_is_an_error_at_its_score() {
    let yaml = MINIMAL.replace("nps: { column: rec }", "csat: { column: sat, scale: [1, 5], labels: { \"5\": 9 } }");
    let e = errors(&yaml);
    assert!(e.contains("score `csat`: label `5` is 9, outside its scale [1, 5]"), "{e}");
    // NPS 0–10: a label of 10 is on it.
    parse(
        &MINIMAL.replace("nps: { column: rec }", "nps: { column: rec, labels: { Top: 10, Bottom: 0 } }"),
        Path::new("/p"),
    )
    .unwrap();
}

#[test]
fn a_confidence_out_of_range_is_quoted_briefly() {
    // Written as it was typed, not as 300 zeros.
    let e = errors(&MINIMAL.replace("title: T", "title: T\nconfidence: 1e-300"));
    assert!(e.contains("confidence must be above 0.5 and at most 0.999 (e.g. 0.95), not 1e-300"), "{e}");
    let e = errors(&MINIMAL.replace("title: T", "title: T\nconfidence: 95"));
    assert!(e.contains("(e.g. 0.95), not 95\n") || e.ends_with("not 95"), "{e}");
}

#[test]
fn a_decimal_in_a_flow_list_is_quoted_as_itself_not_as_the_keys_after_it() {
    let yaml = MINIMAL.replace("nps: { column: rec }", "csat: { column: sat, scale: [0.1, 0.2], step: 0.01 }");
    let e = errors(&yaml);
    assert!(e.contains("expected a whole number, not `0.1`"), "{e}");
}
