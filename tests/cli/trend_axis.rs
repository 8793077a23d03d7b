//! Trend charts name their periods in words on the x axis ("W5 2024", "2024年第5周"), never
//! by their keys (`2024-W05`, which stay in metrics.csv), and show as many names as fit
//! without overlapping, the latest always.

use std::fmt::Write as _;
use std::fs;

use scraper::{Html, Selector};

use crate::support::Project;

/// The x-axis labels of each drawing (wide, narrow) of the first trend chart of a page, with
/// their x positions.
fn axis_labels(page: &str) -> [Vec<(f64, String)>; 2] {
    let html = Html::parse_document(page);
    ["svg.v-wide", "svg.v-narrow"].map(|svg| {
        let chart = html.select(&Selector::parse(svg).unwrap()).next().expect("a trend chart");
        chart
            .select(&Selector::parse(".x-labels text").unwrap())
            .map(|t| (t.value().attr("x").unwrap().parse().unwrap(), t.text().collect::<String>()))
            .collect()
    })
}

/// Every text drawn in the page's SVGs.
fn svg_texts(page: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    html.select(&Selector::parse("svg text").unwrap()).map(|t| t.text().collect::<String>()).collect()
}

#[test]
fn weekly_trends_name_their_weeks_in_words_on_the_axis_and_in_the_table() {
    // tests/fixtures/shape_partial: weeks 2024-W05 to 2024-W09, each with answers.
    let p = Project::new("shape_partial");
    p.build().expect(0);
    let page = p.built("trends.html");
    let [wide, narrow] = axis_labels(&page);
    let names = |l: &[(f64, String)]| l.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>();
    assert_eq!(names(&wide), ["W5 2024", "W6 2024", "W7 2024", "W8 2024", "W9 2024"]);
    // The phone's drawing (330 px, plot from 44 to 314): 67.5 px a week, a name 3.95 em =
    // 47.4 px. W9 is moved in to end 3 px inside (centre 303.3) and leaves W8 (centre 246.5)
    // 9.4 px, under 10: every other week, counted back from the latest.
    assert_eq!(names(&narrow), ["W5 2024", "W7 2024", "W9 2024"]);
    for t in svg_texts(&page) {
        assert!(!t.contains("2024-W"), "a period key on a chart: {t}");
    }
    // The table under the chart names the weeks too.
    assert!(page.contains("<td>Week 5 2024</td>") || page.contains(">Week 5 2024<"), "{page}");
    assert!(!page.contains(">2024-W05<"));
    // metrics.csv keeps the keys (the contract).
    let csv = p.built("data/metrics.csv");
    assert!(csv.contains("period,2024-W05,nps,"), "{csv}");
}

/// Sixty weeks of answers, 2024-W01 to 2025-W08 (one a day), in Chinese.
fn write_long_weekly(dir: &std::path::Path) {
    fs::create_dir_all(dir.join("data")).unwrap();
    let yaml = "title: 周报\nlocale: zh-CN\nmin_n: 5\nperiod: week\njourney:\n  stages:\n    - id: s\n      name: 服务\n      touchpoints: [{ id: desk, name: 柜台 }]\ndatasets:\n  - id: a\n    path: data/a.csv\n    touchpoint: desk\n    columns: { respondent: id, date: date }\n    scores:\n      nps: { column: nps }\n";
    fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut csv = String::from("id,date,nps\n");
    for d in 0..60 * 7 {
        let _ = writeln!(csv, "R{d},{},{}", start + chrono::Duration::days(d), (d * 7 + d / 13) % 11);
    }
    fs::write(dir.join("data/a.csv"), csv).unwrap();
}

#[test]
fn sixty_weeks_are_thinned_out_without_overlap_and_named_in_chinese() {
    let p = Project::written("weeks", write_long_weekly);
    p.build().expect(0);
    let page = p.built("trends.html");
    for t in svg_texts(&page) {
        assert!(!t.contains("-W"), "a period key on a chart: {t}");
    }
    let drawings = axis_labels(&page);
    for (labels, width) in drawings.iter().zip([760.0, 330.0]) {
        // The latest week is named; fewer names than weeks; each "YYYY年第N周".
        assert_eq!(labels.last().map(|l| l.1.as_str()), Some("2025年第8周"), "{labels:?}");
        assert!(labels.len() >= 2 && labels.len() < 60, "{labels:?}");
        for (_, l) in labels {
            let (year, rest) = l.split_once('年').unwrap();
            let week = rest.strip_prefix('第').and_then(|r| r.strip_suffix('周')).unwrap();
            assert!(year.parse::<u32>().is_ok() && week.parse::<u32>().is_ok_and(|w| (1..=53).contains(&w)), "{l}");
        }
        // No two overlap, at the font's real widths: a Chinese character a full em (12 px), a
        // digit of Roboto 0.5625 em.
        let width_of = |s: &str| s.chars().map(|c| if c.is_ascii_digit() { 6.75 } else { 12.0 }).sum::<f64>();
        for w in labels.windows(2) {
            let room = (w[1].0 - width_of(&w[1].1) / 2.0) - (w[0].0 + width_of(&w[0].1) / 2.0);
            assert!(room > 0.0, "{w:?} overlap");
        }
        for (x, l) in labels {
            assert!(x - width_of(l) / 2.0 >= 0.0 && x + width_of(l) / 2.0 <= width, "{l} at {x} sticks out");
        }
    }
    assert!(drawings[1].len() < drawings[0].len(), "the phone's drawing shows fewer names");
}

/// CSAT (1–5, top box 4–5) of one touchpoint, min_n 5: January 8 of 10 in the top box,
/// February 5 of 10, March no answers at all, April 9 of 10.
fn write_gap_month(dir: &std::path::Path, locale: &str) {
    fs::create_dir_all(dir.join("data")).unwrap();
    let yaml = format!(
        "title: Gap\nlocale: {locale}\nmin_n: 5\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - {{ id: web, name: Website }}\ndatasets:\n  - id: survey\n    path: data/s.csv\n    touchpoint: web\n    columns: {{ date: date }}\n    scores:\n      csat: {{ column: sat, scale: [1, 5] }}\n"
    );
    fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
    let mut csv = String::from("date,sat\n");
    for (month, top) in [(1, 8), (2, 5), (4, 9)] {
        for day in 1..=10 {
            let sat = if day <= top { 5 } else { 2 };
            writeln!(csv, "2024-{month:02}-{day:02},{sat}").unwrap();
        }
    }
    fs::write(dir.join("data/s.csv"), csv).unwrap();
}

#[test]
fn a_month_without_answers_is_a_gap_on_the_axis_and_the_change_after_it_names_its_base() {
    // By hand: CSAT Jan 80 %, Feb 50 %, Mar none, Apr 90 %. The axis has four months, evenly
    // spaced over the wide plot (x 44 … 744: a step of 700/3 = 233.3 px), so Feb is at 277.3
    // and Apr at 744, with no point at March's 510.7: the line Jan–Feb stops there and April
    // stands alone. April's change is from February, the last month with answers: 90 − 50 =
    // +40 points, SE √(.9·.1/10 + .5·.5/10) = 18.44 points, z = 2.17 > 1.96: significant (◆);
    // the table says it is against February.
    let p = Project::written("gap", |dir| write_gap_month(dir, "en"));
    p.build().expect(0);
    let page = p.built("trends.html");
    let [wide, _] = axis_labels(&page);
    let names: Vec<&str> = wide.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(names, ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024"]);
    let html = Html::parse_document(&page);
    let wide_svg = html.select(&Selector::parse("svg.v-wide").unwrap()).next().unwrap();
    let xs: Vec<String> = wide_svg
        .select(&Selector::parse("circle").unwrap())
        .map(|c| c.value().attr("cx").unwrap().to_string())
        .collect();
    // April, alone between March's gap and the chart's end, is drawn again larger with its
    // interval as an error bar (`g.lone-intervals`): a lone point has no band.
    assert_eq!(xs, ["44", "277.3", "744", "744.0"], "one point per month with answers, March's place left empty");
    let lone = wide_svg.select(&Selector::parse("g.lone-intervals circle").unwrap()).count();
    assert_eq!(lone, 1, "April's error bar");
    let lines: Vec<String> = wide_svg
        .select(&Selector::parse("path").unwrap())
        .filter_map(|c| c.value().attr("d").map(String::from))
        .collect();
    assert!(lines.iter().all(|d| !d.contains("L 744")), "no line joins February to April: {lines:?}");
    let rows: Vec<String> = html
        .select(&Selector::parse("table.data tbody tr").unwrap())
        .map(|r| r.text().collect::<Vec<_>>().join("|").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[2].starts_with("Mar 2024|0|no answers"), "{rows:?}");
    assert!(rows[3].contains("+40 pts ◆ vs Feb 2024"), "{rows:?}");
    assert!(rows[1].ends_with("−30 pts"), "an adjacent change names nothing: {rows:?}");
    assert!(page.contains("Mar 2024 (no answers)"), "the caption lists the empty month");
    let zh = Project::written("gap", |dir| write_gap_month(dir, "zh-CN"));
    zh.build().expect(0);
    assert!(zh.built("trends.html").contains("（较2024年2月）"));
}
