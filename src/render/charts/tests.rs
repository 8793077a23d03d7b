//! Charts' drawings checked from their SVG: labels, axes, gaps, events and distributions.

use super::distribution::*;
use super::marks::*;
use super::trend::*;
use super::*;
use crate::metrics::Measure;
use crate::project::ScoreDef;

/// Period `i` of a test trend: 10 with the interval 0–20, or, with `gap`, no point and why.
fn point(i: usize, gap: Option<&str>) -> TrendPoint {
    let value = gap.is_none();
    TrendPoint {
        label: format!("p{i}"),
        axis: format!("p{i}"),
        value: value.then_some(10.0),
        low: value.then_some(0.0),
        high: value.then_some(20.0),
        significant: false,
        gap: gap.map(String::from),
    }
}

#[test]
fn chart_labels_write_a_negative_number_with_a_true_minus() {
    // charts-rs printed "-50" on the y axis of a trend whose table says "−50".
    let svg = clean("<svg><text y=\"-2\">\n-50\n</text><text>-</text><text>0</text></svg>".into());
    assert_eq!(svg, "<svg><text y=\"-2\">\n\u{2212}50\n</text><text>-</text><text>0</text></svg>");
    let def = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    let points: Vec<TrendPoint> = [-40.0, 10.0, 30.0]
        .iter()
        .enumerate()
        .map(|(i, &v)| TrendPoint {
            label: format!("2025-0{}", i + 1),
            axis: format!("M{i}"),
            value: Some(v),
            low: Some(v - 5.0),
            high: Some(v + 5.0),
            significant: false,
            gap: None,
        })
        .collect();
    let drawn = trend(&points, Measure::Nps, &def, &[]);
    let texts: Vec<&str> = drawn.split('>').filter_map(|t| t.split('<').next()).map(str::trim).collect();
    assert!(texts.iter().any(|t| t.starts_with('\u{2212}')), "a negative tick is expected: {texts:?}");
    assert!(!texts.iter().any(|t| t.starts_with('-')), "{texts:?}");
    // NPS ticks are written as NPS values are: "+20", "0", "−20", never a bare "20".
    assert!(texts.iter().any(|t| t.starts_with('+')), "a signed positive tick is expected: {texts:?}");
    let bare =
        texts.iter().any(|t| t.starts_with(|c: char| c.is_ascii_digit()) && t.parse::<f64>().is_ok_and(|v| v > 0.0));
    assert!(!bare, "an NPS tick above 0 without its sign: {texts:?}");
}

/// Shares are whole percentages on the site (`Numbers::share`); a distribution's labels
/// said "21.3%" on both drawings while its table and every other share said "21%".
#[test]
fn a_distribution_labels_its_shares_as_whole_percentages_on_both_drawings() {
    let def = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    let counts = [1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29];
    let svg = distribution(&counts, Measure::Nps, &def);
    let labels: Vec<&str> =
        svg.split('>').filter_map(|t| t.split('<').next()).map(str::trim).filter(|t| t.ends_with('%')).collect();
    // Eleven bars on each drawing, plus the wide drawing's axis ticks.
    assert!(labels.len() >= 22, "{labels:?}");
    for l in &labels {
        assert!(l.trim_end_matches('%').chars().all(|c| c.is_ascii_digit()), "not a whole percentage: {l}");
    }
    // 29 of 130 is 22.3%: written 22% on both drawings.
    assert_eq!(labels.iter().filter(|l| **l == "22%").count(), 2, "{labels:?}");
}

#[test]
fn a_distribution_axis_never_runs_past_100_percent() {
    // Every answer at one value (a store with one answer) drew an axis to 120%.
    for top in [60.0, 76.0, 81.3, 99.0, 100.0] {
        let shares = [100.0 - top, top];
        let svg = distribution_wide(&["9".into(), "10".into()], &shares, &["#999999", "#4575b4"]);
        let ticks: Vec<f64> =
            svg.split('>').filter_map(|t| t.split('<').next()?.trim().strip_suffix('%')?.parse().ok()).collect();
        assert!(!ticks.is_empty(), "{svg}");
        assert!(ticks.iter().all(|&v| v <= 100.0), "top {top}: {ticks:?}");
        assert!(ticks.iter().any(|&v| v >= top), "top {top}: the axis must reach the bar: {ticks:?}");
    }
}

#[test]
fn x_labels_are_thinned_from_the_latest_period_back() {
    // Ten labels of 4 narrow characters (2.2 em = 26.4 px) on the phone drawing's plot,
    // 44 to 314 px: 30 px apart, 3.6 px of room, under 10. Every second one, counted back
    // from the last: 60 − 26.4 = 33.6 px of room. The last is moved in to end 3 px inside
    // the drawing (330 px): centre 330 − 13.2 − 3 = 313.8.
    let names = ["aaaa"; 10];
    let shown = x_labels(&names, NARROW);
    let at: Vec<(usize, String)> = shown.iter().map(|(i, x)| (*i, format!("{x:.1}"))).collect();
    let want = [(1, "74.0"), (3, "134.0"), (5, "194.0"), (7, "254.0"), (9, "313.8")];
    assert_eq!(at, want.map(|(i, x)| (i, x.to_string())));
    // Two labels fit side by side; the last ("Jul 2024", 4.5 em = 54 px) is moved in so
    // it ends 3 px inside the wide drawing (760 px): centre 760 − 27 − 3.
    let shown = x_labels(&["Jun 2024", "Jul 2024"], WIDE);
    assert_eq!(shown, [(0, 44.0), (1, 730.0)]);
}

/// The neutral line is one plain line at its value (NPS 0 on a −20…60 axis: 60/80 of the
/// plot's 252 px down from its top at 14 px, y = 203), under the data, with no marker,
/// arrowhead or label of its own; out of view, none.
#[test]
fn the_neutral_line_is_a_plain_line_under_the_data() {
    let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    let point = |label: &str, v: f64| TrendPoint {
        label: label.into(),
        axis: label.into(),
        value: Some(v),
        low: Some(v - 5.0),
        high: Some(v + 5.0),
        significant: false,
        gap: None,
    };
    let svg = trend_at(&[point("a", 0.0), point("b", 40.0)], Measure::Nps, &def, &[], WIDE);
    assert_eq!(zoom(&[-5.0, 0.0, 5.0, 35.0, 40.0, 45.0], Measure::Nps, &def), (-20.0, 60.0));
    let line =
        r##"<line class="neutral" x1="44.0" x2="744.0" y1="203.0" y2="203.0" stroke="#8a8a8a" stroke-width="1"/>"##;
    assert_eq!(svg.matches(line).count(), 1, "{svg}");
    assert!(svg.find(line) < svg.find("<polygon"), "the line is drawn before the band: {svg}");
    assert!(!svg.contains("#8A8A8A"), "no mark line of charts-rs: {svg}");
    let svg = trend_at(&[point("a", 30.0), point("b", 50.0)], Measure::Nps, &def, &[], WIDE);
    assert!(!svg.contains("class=\"neutral\""), "{svg}");
    // A share's neutral point (CSAT 60 %) is the colour scale's turn, no line of its own: drawn
    // on a trend, it read as a target no caption named.
    let csat = crate::project::ScoreDef::new("csat", crate::project::ScoreKind::Rating, 1, 5, 4);
    let svg = trend_at(&[point("a", 50.0), point("b", 70.0)], Measure::TopBox, &csat, &[], WIDE);
    assert!(svg.contains("<polygon") && !svg.contains("class=\"neutral\""), "{svg}");
}

/// A gap's word is written over an event's line through the same period (after it, with a
/// halo of the band's grey), and only in a band two lines of text wide: two years of
/// months on the phone's drawing (bands 16 px wide) carry the bands alone.
#[test]
fn a_gaps_word_sits_over_an_events_line_and_only_where_its_band_has_room() {
    let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    let points: Vec<TrendPoint> = (0..24).map(|i| point(i, (i == 5).then_some("withheld"))).collect();
    let events = [(5usize, "1".to_string())];
    let wide = trend_at(&points, Measure::Nps, &def, &events, WIDE);
    let (event, word) = (wide.find(r#"<g class="events">"#).unwrap(), wide.find(">withheld</text>").unwrap());
    assert!(event < word, "the word is drawn after the event's line: {wide}");
    assert!(
        wide.contains(r##"stroke="#ececec" stroke-width="4" stroke-linejoin="round" paint-order="stroke">withheld<"##),
        "{wide}"
    );
    // Its band: 700 px over 23 steps, one step wide, centred on period 5 (x = 44 + 5 × 30.43).
    assert!(wide.contains(r#"data-period="p5" x="181.0" y="14.0" width="30.4""#), "{wide}");
    let narrow = trend_at(&points, Measure::Nps, &def, &events, NARROW);
    assert!(narrow.contains(r#"<rect class="gap" data-period="p5""#), "{narrow}");
    assert!(!narrow.contains("withheld"), "{narrow}");
}

/// Two events a period apart on the phone's chart (24 months: a step of 11.5 px, a
/// badge 16 px wide): the second badge goes on a row below instead of touching the first;
/// a third, clear of the first, goes back on the top row.
#[test]
fn event_badges_of_neighbouring_periods_do_not_touch() {
    let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    let points: Vec<TrendPoint> = (0..24).map(|i| point(i, None)).collect();
    let events = [(3usize, "1".to_string()), (4, "2".to_string()), (9, "3".to_string())];
    let narrow = trend_at(&points, Measure::Nps, &def, &events, NARROW);
    let g = &narrow[narrow.find(r#"<g class="events">"#).unwrap()..];
    let badges: Vec<(f64, f64, f64)> = g
        .split("<rect ")
        .skip(1)
        .map(|r| {
            let attr = |name: &str| -> f64 {
                let at = r.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                r[at..at + r[at..].find('"').unwrap()].parse().unwrap()
            };
            (attr("x"), attr("y"), attr("width"))
        })
        .collect();
    assert_eq!(badges.len(), 3, "{g}");
    let touch = |a: (f64, f64, f64), b: (f64, f64, f64)| a.1 == b.1 && a.0 < b.0 + b.2 + 2.0 && b.0 < a.0 + a.2 + 2.0;
    assert!(!touch(badges[0], badges[1]), "{badges:?}");
    assert!(badges[1].1 > badges[0].1, "the second badge is on a row below: {badges:?}");
    assert_eq!(badges[2].1, badges[0].1, "the third is back on the top row: {badges:?}");
}

/// A point with no point beside it (gaps around it, or the chart's end) gets its interval
/// as an error bar, from its low to its high; points beside others do not (the band shows
/// theirs). A gap's word sits on a plate of the band's grey, upright in Chinese.
#[test]
fn a_lone_point_draws_its_interval_as_an_error_bar() {
    let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    // Lone, gap, pair, gap, lone: two error bars (the first and the last point).
    let points = [
        point(0, None),
        point(1, Some("暂无回答")),
        point(2, None),
        point(3, None),
        point(4, Some("withheld")),
        point(5, None),
    ];
    let wide = trend_at(&points, Measure::Nps, &def, &[], WIDE);
    let g = &wide[wide.find(r#"<g class="lone-intervals">"#).expect("error bars")..];
    let g = &g[..g.find("</g>").unwrap()];
    assert_eq!(g.matches("<path ").count(), 2, "{g}");
    let (left, right, top, bottom) = plot(WIDE);
    // The axis is zoomed to the data; whatever it is, a bar runs from 0 to 20 on it.
    let (lo, hi) = trend_axis(&points, Measure::Nps, &def).unwrap();
    let y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);
    assert!(g.contains(&format!("M {:.1} {:.1} V {:.1}", left, y(0.0), y(20.0))), "{g}");
    assert!(g.contains(&format!("M {:.1} {:.1} V {:.1}", right, y(0.0), y(20.0))), "{g}");
    let labels = &wide[wide.find(r#"<g class="gap-labels">"#).unwrap()..];
    assert!(labels.contains(r#"writing-mode="vertical-rl""#) && labels.contains("暂无回答"), "{labels}");
    assert!(labels.contains("rotate(-90") && labels.contains("withheld"), "{labels}");
    assert_eq!(labels.matches("<rect ").count(), 2, "a plate under each word: {labels}");
    // Neighbours all round: no error bar.
    let joined: Vec<TrendPoint> = (0..4).map(|i| point(i, None)).collect();
    assert!(!trend_at(&joined, Measure::Nps, &def, &[], WIDE).contains("lone-intervals"));
}

/// A thousand events over 24 months draw one line a period at most, a period's events
/// under one badge (`1–42`), and badges in at most three rows.
#[test]
fn many_events_draw_one_line_a_period_and_badges_in_three_rows() {
    let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    let points: Vec<TrendPoint> = (0..24).map(|i| point(i, None)).collect();
    let events: Vec<(usize, String)> = (0..1000).map(|k| (k * 24 / 1000, (k + 1).to_string())).collect();
    for size in [WIDE, NARROW] {
        let svg = trend_at(&points, Measure::Nps, &def, &events, size);
        let g = &svg[svg.find(r#"<g class="events">"#).unwrap()..];
        let g = &g[..g.find("</g>").unwrap()];
        assert_eq!(g.matches("<line ").count(), 24, "one line a period");
        assert!(g.contains(">1\u{2013}42<"), "the first period's 42 events under one badge");
        let (_, _, top, _) = plot(size);
        let rows: std::collections::BTreeSet<String> = g
            .split("<rect ")
            .skip(1)
            .map(|r| r[r.find("y=\"").unwrap() + 3..].split('"').next().unwrap().to_string())
            .collect();
        assert!(rows.len() <= EVENT_ROWS, "{rows:?}");
        assert!(rows.iter().all(|y| y.parse::<f64>().unwrap() < top + 19.0 * EVENT_ROWS as f64));
    }
}

#[test]
fn x_labels_never_overlap_and_always_name_the_latest_period() {
    for size in [WIDE, NARROW] {
        for n in 2..=120 {
            let names: Vec<String> = (0..n).map(|w| format!("W{} 2024", 1 + w % 52)).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let shown = x_labels(&names, size);
            assert_eq!(shown.last().map(|s| s.0), Some(n - 1), "n = {n}");
            let span = |(i, x): (usize, f64)| {
                let w = 12.0 * crate::render::format::text_width_em(names[i]);
                (x - w / 2.0, x + w / 2.0)
            };
            for s in &shown {
                let (a, b) = span(*s);
                assert!(a >= 0.0 && b <= size.width, "n = {n}: {s:?} outside");
            }
            for w in shown.windows(2) {
                assert!(span(w[1]).0 - span(w[0]).1 >= X_GAP - 1e-9, "n = {n}: {w:?} overlap");
            }
            // Evenly spaced: one stride between all shown labels.
            let strides: Vec<usize> = shown.windows(2).map(|w| w[1].0 - w[0].0).collect();
            assert!(strides.windows(2).all(|s| s[0] == s[1]), "n = {n}: {strides:?}");
        }
    }
}

#[test]
fn y_axis_labels_share_one_number_of_decimals() {
    let label = |t: &str| format!(r#"<text font-family="Roboto" x="3">{t}</text>"#);
    let svg = ["4.5", "5", "5.5", "6"].map(label).concat() + r#"<text text-anchor="end" x="1">7</text>"#;
    let want = ["4.5", "5.0", "5.5", "6.0"].map(label).concat() + r#"<text text-anchor="end" x="1">7</text>"#;
    assert_eq!(same_decimals(svg), want);
    // Whole ticks, and labels that are no numbers, are left as they are.
    let whole = ["-20", "0", "20"].map(label).concat();
    assert_eq!(same_decimals(whole.clone()), whole);
    let words = [label("0.5"), label("1"), label("Jan")].concat();
    assert_eq!(same_decimals(words.clone()), words);
    assert_eq!(
        same_decimals([label("0.25"), label("0.5"), label(" 1 ")].concat()),
        [label("0.25"), label("0.50"), label(" 1.00 ")].concat()
    );
}
