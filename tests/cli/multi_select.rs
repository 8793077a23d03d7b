//! Multi-select questions on `tests/fixtures/multi_select`: the share choosing each option by
//! group, with a Wilson interval, against rows counted by hand; `'Python' in languages` in a
//! segment rule; answers that are no option counted on the data-quality page.
//!
//! The fixture's 12 rows (date, touchpoint, nps, languages, git, docker):
//! ```text
//!  1 01-05 web  9  Python, C, C++   git docker
//!  2 01-06 web  7  Python           git
//!  3 01-07 web  3  C, C++, Rust
//!  4 01-08 web 10  Rust             git
//!  5 01-09 web  8  (blank)
//!  6 02-03 app  6  Python, Rust     1   1
//!  7 02-04 app  9  Python, Go       1   0
//!  8 02-05 app 10  C, C++               1
//!  9 02-06 app  2  Python           1
//! 10 02-07 app  9  Go
//! 11 02-08 web  5  python, rust     git
//! 12 02-09 app  7  Rust, C, C++         docker
//! ```
//! languages: 11 answered (row 5 blank; rows 7 and 10 hold "Go", no option, and still count):
//! Python rows 1 2 6 7 9 11 = 6, "C, C++" rows 1 3 8 12 = 4, Rust rows 3 4 6 11 12 = 5.
//! web (rows 1–5, 11): 5 answered, Python 3, C 2, Rust 3; app (6–10, 12): 6, Python 3, C 2,
//! Rust 2; 2025-02 (6–12): 7, Python 4, C 2, Rust 3.
//! tools (a column per option; blank and 0 are not chosen, a row with none did not answer):
//! 9 answered (rows 1 2 4 6 7 8 9 11 12), Git 7 (1 2 4 6 7 9 11), Docker 4 (1 6 8 12).
//! Segment `'Python' in languages` = rows 1 2 6 7 9 11, NPS 9 7 6 9 2 5: 2 promoters,
//! 3 detractors of 6 → −16.6667. `'git' in tools` = rows 1 2 4 6 7 9 11, NPS 9 7 10 6 9 2 5:
//! 3 and 3 of 7 → 0.

use crate::support::{MetricsCsv, Project};

/// Wilson score interval in percent, written out here (z for 95 %).
fn wilson(k: f64, n: f64) -> (f64, f64) {
    let z = 1.959963984540054_f64;
    let p = k / n;
    let centre = p + z * z / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let d = 1.0 + z * z / n;
    (100.0 * (centre - spread) / d, 100.0 * (centre + spread) / d)
}

#[track_caller]
fn share(m: &MetricsCsv, dimension: &str, group: &str, metric: &str, k: u32, n: u32) {
    let r = m.row(dimension, group, metric);
    assert_eq!(r.n, n.to_string(), "{dimension}/{group}/{metric}");
    let (lo, hi) = wilson(f64::from(k), f64::from(n));
    let want = [100.0 * f64::from(k) / f64::from(n), lo, hi];
    for (got, want) in [&r.value, &r.ci_low, &r.ci_high].into_iter().zip(want) {
        let got: f64 = got.parse().unwrap_or_else(|_| panic!("{dimension}/{group}/{metric}: {got:?}"));
        assert!((got - want).abs() < 1e-4, "{dimension}/{group}/{metric}: {got} ≠ {want:.4}");
    }
}

#[test]
fn each_option_has_its_share_by_group_with_a_wilson_interval() {
    let p = Project::new("multi_select");
    // Without complementary suppression, so that a period beside a hidden one is shown.
    // (In place of a comment line: the lines below keep their numbers.)
    p.replace(
        "cxsite.yaml",
        "# tests/cli/multi_select.rs checks every share against hand-counted rows.",
        "complementary_suppression: false",
    );
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = MetricsCsv::read(&p.public());
    for (dim, group, counts) in [
        ("overall", "all", [6, 4, 5, 11]),
        ("touchpoint", "web", [3, 2, 3, 5]),
        ("touchpoint", "app", [3, 2, 2, 6]),
        ("period", "2025-02", [4, 2, 3, 7]),
        ("segment", "pythonistas", [6, 1, 2, 6]),
    ] {
        let [py, c, rust, n] = counts;
        share(&m, dim, group, "languages_python", py, n);
        share(&m, dim, group, "languages_c_c", c, n);
        share(&m, dim, group, "languages_c", 0, n);
        share(&m, dim, group, "languages_rust", rust, n);
    }
    // No one chose "C" alone: "C, C++" is one option, read before the shorter "C".
    share(&m, "overall", "all", "languages_c", 0, 11);
    share(&m, "overall", "all", "tools_git", 7, 9);
    share(&m, "overall", "all", "tools_docker", 4, 9);
    // 2025-01 has 4 answers, under min_n: counted, not shown.
    assert_eq!(m.cells("period", "2025-01", "languages_python"), ["4", "", "", ""]);
    // An option's share is no score: no change, league or harshness rows.
    assert!(!m.rows.iter().any(|r| r.metric.starts_with("languages_") && r.metric.ends_with("_change")));
    assert!(!m.rows.iter().any(|r| r.metric.contains("python_harshness")));
}

#[test]
fn a_segment_rule_names_an_option_of_a_multi_select_question() {
    let p = Project::new("multi_select");
    assert_eq!(p.build().code, 0);
    let m = MetricsCsv::read(&p.public());
    // Every Python user (6) uses git (7): published side by side, the two would give away the
    // one git user who does not use Python (7 · 0 − 6 · −16.6667 = 100, a promoter), so the
    // smaller is withheld, its n kept.
    assert_eq!(m.cells("segment", "pythonistas", "nps"), ["6", "", "", ""]);
    assert_eq!(m.cells("segment", "git_users", "nps")[..2], ["7", "0.0000"]);
    // (In place of a comment line: the lines below keep their numbers.)
    p.replace(
        "cxsite.yaml",
        "# tests/cli/multi_select.rs checks every share against hand-counted rows.",
        "complementary_suppression: false",
    );
    assert_eq!(p.build().code, 0);
    let m = MetricsCsv::read(&p.public());
    assert_eq!(m.cells("segment", "pythonistas", "nps")[..2], ["6", "-16.6667"]);
    // An option the question does not have is an error at the rule's line.
    p.replace("cxsite.yaml", "\"'Python' in languages\"", "\"'Java' in languages\"");
    let run = p.build();
    assert_eq!(run.code, 1);
    run.stderr_has(&["cxsite.yaml:15:", "`Java` is not an option of multi-select `languages`", "'C', 'C, C++'"]);
    p.replace("cxsite.yaml", "\"'Java' in languages\"", "\"'Python' in langs\"");
    p.build().stderr_has(&["cxsite.yaml:15:", "`langs` is not a multi-select question", "languages, tools"]);
}

#[test]
fn answers_that_are_no_option_are_counted_and_the_pages_show_the_shares() {
    let p = Project::new("multi_select");
    assert_eq!(p.build().code, 0);
    let quality = p.built("quality.html");
    assert!(
        quality.contains(
            "<th scope=\"row\">Which languages do you use?: not a listed option</th><td class=\"num\">2</td>"
        ),
        "{quality}"
    );
    assert!(quality.contains("data/survey.csv:8:Which languages do you use?: &quot;Go&quot;"));
    let index = p.built("index.html");
    assert!(index.contains("<figcaption>Languages used · Share choosing each option</figcaption>"));
    assert!(index.contains("<th scope=\"row\"><bdi>C, C++</bdi></th>"));
    let web = p.built("touchpoints/web.html");
    // On a group page it heads a section of its own.
    assert!(web.contains("<figcaption><h2>tools · Share choosing each option</h2></figcaption>"));
    p.replace("cxsite.yaml", "min_n: 5", "min_n: 5\nlocale: zh-CN");
    assert_eq!(p.build().code, 0);
    let index = p.built("index.html");
    assert!(index.contains("<figcaption>使用的语言 · 选择各选项的比例</figcaption>") && index.contains("多选题"));
    // The data-quality page says it in Chinese too; the question as the project names it.
    let quality = p.built("quality.html");
    assert!(quality.contains("<th scope=\"row\">Which languages do you use?：不是已列出的选项</th>"), "{quality}");
    assert!(
        quality.contains("不是多选题 languages 的选项（仍计为已回答；加到 `options:` 下即可计入该选项）"),
        "{quality}"
    );
    assert!(!quality.contains("not an option") && !quality.contains("not a listed option"), "{quality}");
}

/// A group whose every option is hidden for one reason (its respondents, the same for every
/// option, are fewer than min_n) says so in one line under the question's title, not in a table
/// of rows without a figure. With min_n 6, `web` has 5 answers to `languages` (rows 1–4, 11)
/// and 4 to `tools` (rows 1 2 4 11).
#[test]
fn a_question_whose_every_option_is_hidden_says_why_in_one_line_instead_of_an_empty_table() {
    use scraper::{Html, Selector};
    let p = Project::new("multi_select");
    p.replace("cxsite.yaml", "min_n: 5", "min_n: 6");
    assert_eq!(p.build().code, 0);
    let web = Html::parse_document(&p.built("touchpoints/web.html"));
    let sel = |css: &str| Selector::parse(css).unwrap();
    let figures: Vec<_> = web.select(&sel("figure.breakdown[id^=choice-]")).collect();
    assert_eq!(figures.len(), 2, "{}", web.html());
    for (f, n) in figures.into_iter().zip([5, 4]) {
        assert!(f.select(&sel("table")).next().is_none(), "{}", f.html());
        let line: Vec<String> = f.select(&sel("p.breakdown-hidden")).map(|p| p.text().collect()).collect();
        assert_eq!(line, [format!("not enough answers (n\u{a0}=\u{a0}{n})")], "{}", f.html());
    }
    // All customers (11 and 9 answers) still get their table of options.
    let index = Html::parse_document(&p.built("index.html"));
    assert_eq!(index.select(&sel("section.choices figure table.bars")).count(), 2);
    assert_eq!(index.select(&sel(".breakdown-hidden")).count(), 0);
}

/// An option's share is neither good nor bad: its dot and swatch take a shade of one hue by
/// value, in steps of 20 % (`q1` under 20 %, `q2` from 20 %, … `q5` from 80 %), and the key
/// names what the shade means — not a score's colour scale, nor the first option's name.
/// Shares of all customers, from the rows counted above: Python 6/11 = 54.5 %, "C, C++"
/// 4/11 = 36.4 %, C 0/11, Rust 5/11 = 45.5 %; Git 7/9 = 77.8 %, Docker 4/9 = 44.4 %.
#[test]
fn an_options_dot_is_shaded_by_its_share_and_the_key_says_so() {
    use scraper::{Html, Selector};
    let p = Project::new("multi_select");
    assert_eq!(p.build().code, 0);
    let index = Html::parse_document(&p.built("index.html"));
    let sel = |css: &str| Selector::parse(css).unwrap();
    let class_of = |e: scraper::ElementRef<'_>, css: &str| -> String {
        let el = e.select(&sel(css)).next().unwrap_or_else(|| panic!("no {css} in {}", e.html()));
        el.value().classes().filter(|c| *c != "swatch" && *c != "dot").collect::<Vec<_>>().join(" ")
    };
    let mut got = Vec::new();
    for row in index.select(&sel("section.choices figure tbody tr")) {
        let name: String = row.select(&sel("th")).next().unwrap().text().collect();
        let (swatch, dot) = (class_of(row, ".swatch"), class_of(row, ".dot"));
        assert_eq!(swatch, dot, "{name}: the swatch and the dot share their shade");
        got.push((name.trim().to_string(), swatch));
    }
    let want = [("Python", "q3"), ("C", "q1"), ("C, C++", "q2"), ("Rust", "q3"), ("Git", "q4"), ("Docker", "q3")];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    want.sort();
    assert_eq!(got_sorted, want);
    let keys: Vec<String> = index
        .select(&sel("section.choices .scale-key"))
        .map(|k| k.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    for k in keys {
        assert_eq!(k, "Colour (share choosing the option): below 20% 20% –\u{2060} 40% 40% –\u{2060} 60% 60% –\u{2060} 80% 80% and over");
    }
}

/// metrics.json's `scores` lists each option's indicator beside the real scores; `option_of`
/// says which question and option it stands for (as written in cxsite.yaml), and a real score
/// has none.
#[test]
fn metrics_json_marks_each_option_score_with_its_question_and_option() {
    let json = Project::new("multi_select").built_json();
    let scores = json["scores"].as_array().expect("metrics.json has `scores`");
    let marked: Vec<(&str, &str, &str)> = scores
        .iter()
        .filter(|s| !s["option_of"].is_null())
        .map(|s| {
            let o = &s["option_of"];
            (s["id"].as_str().unwrap(), o["question"].as_str().unwrap(), o["option"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        marked,
        [
            ("languages_python", "languages", "Python"),
            ("languages_c", "languages", "C"),
            ("languages_c_c", "languages", "C, C++"),
            ("languages_rust", "languages", "Rust"),
            ("tools_git", "tools", "Git"),
            ("tools_docker", "tools", "Docker"),
        ]
    );
    let nps = scores.iter().find(|s| s["id"] == "nps").expect("nps is a score");
    assert!(nps.get("option_of").is_none(), "{nps}");
    assert_eq!(nps["kind"], "nps");
}
