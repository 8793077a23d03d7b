//! A page per stage, segment and dimension value answers "is it moving?" as the touchpoint
//! page does (DESIGN.md "The site"): the same trend chart, tiles of the latest period with
//! their change from the one before, and a store's stars and rank. Nothing hidden comes back
//! through them: a group whose figure is not shown has no trend, and a period not shown is
//! marked on the chart, never drawn.
//!
//! `tests/fixtures/insights_trend` (min_n 5, Jan–Mar 2024): stage buy 12 answers in March,
//! +41.7 from February (z 1.31, within noise); help 6 answers in all, 1–3 a month; region
//! North 4 answers in March (below min_n); segment tier:gold −57.1 in March.

use scraper::{Html, Selector};

use crate::support::Project;

fn select(page: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    html.select(&Selector::parse(css).unwrap()).map(|e| e.html()).collect()
}

fn text(page: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    html.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The text of each match, its text nodes apart ("League" and its value, a table's cells).
fn words(page: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    html.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The one page whose file name starts with `prefix` in a folder of the site.
fn page_of(p: &Project, dir: &str, prefix: &str) -> String {
    let dir = p.public().join(dir);
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix}* in {}", dir.display()));
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn stage_segment_and_dimension_pages_have_a_trend_and_tiles_of_the_latest_period_with_its_change() {
    let p = Project::new("insights_trend");
    p.build().expect(0);
    let stage = p.built("stages/buy.html");
    let segment = page_of(&p, "segments", "tier-gold");
    let region = page_of(&p, "dimensions/region", "east");
    for (name, page) in [("stage buy", &stage), ("segment gold", &segment), ("region East", &region)] {
        assert_eq!(select(page, "figure.chart#trend").len(), 1, "{name}: one trend chart");
        assert_eq!(text(page, "#trend figcaption"), ["NPS by month, Jan 2024 to Mar 2024"], "{name}");
        // Drawn wide and narrow, as every trend.
        assert_eq!(select(page, "#trend svg.v-wide").len(), 1, "{name}");
        assert_eq!(select(page, "#trend svg.v-narrow").len(), 1, "{name}");
    }
    // The tiles headline March, its change from February, and all answers beside it.
    let tiles = text(&stage, ".tile");
    assert!(tiles[0].starts_with("NPS Mar 2024"), "{tiles:?}");
    assert!(tiles[0].contains("+25 "), "buy in March: 12 answers, NPS +25: {tiles:?}");
    // February's −16.7 is written −17: the change is +25 − (−17), as the tile and the trend's
    // table write the two figures (README, "Numbers on the site").
    assert!(tiles[0].contains("+42 pts within noise vs Feb 2024"), "{tiles:?}");
    assert!(tiles[0].contains("All responses (Jan 2024 – Mar 2024): +13, n = 39"), "{tiles:?}");
    let tiles = text(&segment, ".tile");
    assert!(tiles[0].contains("−57 pts within noise vs Feb 2024"), "{tiles:?}");
}

#[test]
fn a_period_below_min_n_is_marked_on_the_chart_and_the_tile_headlines_all_answers() {
    let p = Project::new("insights_trend");
    p.build().expect(0);
    // North: 7, 10 and 4 answers (min_n 5): March is a grey band with its reason, no point.
    let north = page_of(&p, "dimensions/region", "north");
    let gaps = select(&north, "#trend svg.v-wide rect.gap");
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert!(gaps[0].contains("data-period=\"2024-03\""), "{gaps:?}");
    assert!(text(&north, "#trend svg.v-wide .gap-labels text").contains(&"not enough answers".to_string()));
    let caption = text(&north, "#trend p.legend").join(" ");
    assert!(caption.contains("Not drawn (grey bands on the chart): Mar 2024 (not enough answers)."), "{caption}");
    // The table of numbers gives n only.
    let rows = words(&north, "#trend table tbody tr");
    assert!(rows.iter().any(|r| r.starts_with("Mar 2024 4 not enough answers")), "{rows:?}");
    // Its tiles: the figure over all answers, and why March has none.
    let tiles = text(&north, ".tile");
    assert!(tiles[0].starts_with("NPS All responses"), "{tiles:?}");
    assert!(tiles[0].contains("Mar 2024: not enough answers (n = 4), so no change is shown."), "{tiles:?}");
    // Help: 6 answers in all, none of its months has 5: no trend at all, and the page says so.
    let help = p.built("stages/help.html");
    assert!(select(&help, "#trend").is_empty());
    let facts = words(&help, "dl.facts div");
    assert!(
        facts.contains(&"Trend not drawn: too few answers in each period (a figure needs 5)".to_string()),
        "{facts:?}"
    );
}

#[test]
fn a_withheld_group_has_no_trend_and_its_periods_are_not_drawn() {
    // tests/fixtures/metrics with complementary suppression: stage buy (59 answers) is
    // withheld so that help (1) cannot be worked out; every month of every group is hidden.
    let p = Project::new("metrics");
    p.replace("cxsite.yaml", "complementary_suppression: false", "");
    let m = p.built_metrics();
    assert!(m.row("stage", "buy", "nps").value.is_empty());
    for page in ["stages/buy.html", "stages/help.html", "touchpoints/web.html", "index.html"] {
        let html = p.built(page);
        assert!(select(&html, "#trend").is_empty(), "{page}: a trend of hidden periods");
        assert!(select(&html, "rect.gap").is_empty(), "{page}");
    }
    // buy's tiles say withheld; no period's figure or change of it is printed.
    let buy = p.built("stages/buy.html");
    let tiles = text(&buy, ".tile");
    assert!(tiles.iter().all(|t| !t.contains("vs ")), "{tiles:?}");
    assert!(tiles[0].contains("withheld (n = 59)"), "{tiles:?}");
}

#[test]
fn a_store_page_shows_its_stars_and_rank_in_the_league() {
    // tests/fixtures/insights_league: S3 ranks first of 7 with five stars; S6 (3 answers) is
    // unrated. One month only: no trend, and no trend fact either.
    let p = Project::new("insights_league");
    p.build().expect(0);
    let s3 = page_of(&p, "dimensions/store", "s3-");
    assert_eq!(words(&s3, "dl.facts div"), ["League ★★★★★ (5 of 5 stars) · rank 1 of 7 on Shrunk NPS"]);
    let s6 = page_of(&p, "dimensions/store", "s6-");
    assert_eq!(words(&s6, "dl.facts div"), ["League not rated: not enough answers (n = 3)"]);
    assert!(select(&s3, "#trend").is_empty());
}

/// On the sample: trend captions name the axis each chart has; the key-driver table names
/// every row's quadrant and the page says how many touchpoints it could take; the themes'
/// table over time runs oldest first, as its line does.
#[test]
fn the_sample_names_its_trend_axes_driver_quadrants_and_theme_periods_in_order() {
    // The sample's App checkout NPS runs from −67 to +39: its axis is the full −100…+100, and
    // its caption no longer says "zoomed"; the stage Act's axis is zoomed, and says to what.
    let dir = crate::common::TempDir::new();
    let project = dir.path().join("sample");
    crate::common::copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project"), &project);
    let out = dir.path().join("out");
    let os = std::ffi::OsStr::new;
    crate::common::cxsite(dir.path(), [os("build"), project.as_os_str(), os("-o"), out.as_os_str(), os("-q")])
        .expect(0);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let tp = read("touchpoints/app_checkout.html");
    let caption = text(&tp, "#trend p.legend")[0].clone();
    assert!(caption.starts_with("95% interval; full scale, −100 to +100;"), "{caption}");
    assert!(!caption.contains("zoomed"), "{caption}");
    // Its withheld month is a band on both drawings, named in the caption.
    assert_eq!(select(&tp, "#trend rect.gap[data-period=\"2025-03\"]").len(), 2);
    assert!(caption.contains("Mar 2025 (withheld)"), "{caption}");
    let act = read("stages/act.html");
    let caption = text(&act, "#trend p.legend")[0].clone();
    assert!(caption.starts_with("95% interval; axis zoomed to the data (−50 to +50);"), "{caption}");
    let ticks = text(&act, "#trend svg.v-wide text");
    // NPS ticks are signed as NPS values are (a bare "50" read as a different kind of number).
    assert!(ticks.contains(&"−50".to_string()) && ticks.contains(&"+50".to_string()), "{ticks:?}");
    assert!(!ticks.contains(&"50".to_string()), "{ticks:?}");
    // Key drivers: a quadrant in every Priority cell (four of six were blank).
    let drivers = read("drivers.html");
    let priority: Vec<String> = text(&drivers, "#drivers tbody tr td:last-child");
    assert!(priority.len() >= 4, "{priority:?}");
    for p in &priority {
        assert!(["Fix first", "Keep it up", "Monitor", "Maintain"].contains(&p.as_str()), "{priority:?}");
    }
    let intro = text(&drivers, "p.lede").join(" ");
    assert!(intro.contains(&format!("{} of 16 touchpoints could be analysed", priority.len())), "{intro}");
    assert!(intro.contains("Social ad"), "the touchpoints left out are named: {intro}");
    // Themes over time: oldest first, the latest period last.
    let themes = read("themes.html");
    let periods = text(&themes, "#theme-trends thead th.num");
    assert_eq!(periods.last().map(String::as_str), Some("Oct 2026"), "{periods:?}");
    assert!(periods.len() > 2 && periods[0] != "Oct 2026", "{periods:?}");
}

/// A `from_column` family of five cities, `max_pages` written into cxsite.yaml as `cap`:
/// answers a 10, b 8, c 8, d 8, e 1 (min_n 5).
fn write_cities(dir: &std::path::Path, cap: &str) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        format!("title: Cities\nmin_n: 5\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - {{ id: web, name: Website }}\nsegments:\n  - {{ from_column: city, name: City{cap} }}\ndatasets:\n  - id: survey\n    path: data/s.csv\n    touchpoint: web\n    scores:\n      nps: {{ column: rec }}\n"),
    )
    .unwrap();
    let mut csv = String::from("city,rec\n");
    for (city, n) in [("a", 10), ("b", 8), ("c", 8), ("d", 8), ("e", 1)] {
        for i in 0..n {
            csv += &format!("{city},{}\n", i % 11);
        }
    }
    std::fs::write(dir.join("data/s.csv"), csv).unwrap();
}

#[test]
fn a_from_column_family_past_its_max_pages_pages_the_values_with_most_answers_and_says_so() {
    // max_pages 3: a (10 answers) first, then of b, c and d (8 each) the first two by id, b
    // and c; d and e get no page. The warning: 5 values, pages for 3, the other 2.
    let p = Project::written("cities", |dir| write_cities(dir, ", max_pages: 3"));
    let run = p.build();
    run.expect(0).stderr_has(&[
        "segment family `city` has 5 values: pages are made for the 3 with the most answers; the other 2 have no page",
    ]);
    let mut pages: Vec<String> = std::fs::read_dir(p.public().join("segments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 3, "{pages:?}");
    for (page, v) in pages.iter().zip(["a", "b", "c"]) {
        assert!(page.starts_with(&format!("city-{v}-")), "{pages:?}");
    }
    let list = p.built("segments/index.html");
    assert!(!list.contains("City: d") && !list.contains("City: e"), "values without pages are not listed");
    // The list says so to its reader, with where their numbers are (both locales; one value
    // in the singular).
    let note = "… and 2 more City values with fewer answers: only the 3 with the most answers have a page of their own. The numbers of all 5 are in data/metrics.csv.";
    assert!(list.contains(note), "{list}");
    // The page sets the names a message quotes in backticks as code.
    assert!(p.built("quality.html").contains("segment family <code>city</code> has 5 values"));
    // Their figures stay in metrics.csv: d's 8 answers.
    assert_eq!(p.built_metrics().row("segment", "city:d", "nps").n, "8");
    p.replace("cxsite.yaml", "max_pages: 3", "max_pages: 4");
    p.build().expect(0);
    assert!(p.built("segments/index.html").contains("… and 1 more City value with fewer answers: only the 4 with"));
    p.replace("cxsite.yaml", "title: Cities", "title: Cities\nlocale: zh-CN");
    p.build().expect(0);
    let zh = p.built("segments/index.html");
    assert!(
        zh.contains(
            "……另有 1 个 City 取值回答较少：只有回答最多的 4 个有单独页面。全部 5 个取值的数字都在 data/metrics.csv 中。"
        ),
        "{zh}"
    );
    // The default (100) pages all five; a cap of 0 is an error at its line.
    let all = Project::written("cities", |dir| write_cities(dir, ""));
    all.build().expect(0);
    assert!(all.built("segments/index.html").contains("City: e"));
    assert!(!all.built("segments/index.html").contains("more City value"), "no note when every value has its page");
    let zero = Project::written("cities", |dir| write_cities(dir, ", max_pages: 0"));
    zero.build().expect(1).stderr_has(&["cxsite.yaml:10:", "`max_pages` must be a whole number of 1 or more, not `0`"]);
}

/// A project with a `region` dimension (`dim` the dimension's entry in cxsite.yaml) whose
/// values have answers north 6, south 5, east 4, west 3.
fn write_regions(dir: &std::path::Path, dim: &str) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        format!("title: Regions\nmin_n: 1\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - {{ id: web, name: Website }}\ndatasets:\n  - id: survey\n    path: data/s.csv\n    touchpoint: web\n    scores:\n      nps: {{ column: rec }}\n    dimensions: [{dim}]\n"),
    )
    .unwrap();
    let mut csv = String::from("region,rec\n");
    for (region, n) in [("north", 6), ("south", 5), ("east", 4), ("west", 3)] {
        for i in 0..n {
            csv += &format!("{region},{}\n", (i * 3) % 11);
        }
    }
    std::fs::write(dir.join("data/s.csv"), csv).unwrap();
}

/// Where each region's row is on its dimension's page, in page order.
fn region_order(p: &Project) -> Vec<&'static str> {
    let page = p.built("dimensions/region/index.html");
    let mut at: Vec<(usize, &str)> = ["north", "south", "east", "west"]
        .into_iter()
        .map(|r| (page.find(&format!(">{r}<")).unwrap_or_else(|| panic!("{r} missing: {page}")), r))
        .collect();
    at.sort();
    at.into_iter().map(|(_, r)| r).collect()
}

/// A configured dimension takes `order:` as a `from_column` segment family does: the values
/// it lists first, in its order (case and runs of spaces aside), the rest after them A–Z as
/// before; a listed value no row has is a warning naming it (both locales).
#[test]
fn a_dimension_is_listed_in_its_configured_order_and_a_value_no_row_has_is_named() {
    let p = Project::written("regions", |dir| write_regions(dir, "region"));
    p.build().expect(0);
    assert_eq!(region_order(&p), ["east", "north", "south", "west"], "without order: A–Z");
    let p = Project::written("regions", |dir| write_regions(dir, "{ id: region, order: [South,  NORTH] }"));
    let run = p.build();
    run.expect(0);
    assert!(!run.stderr.contains("order:"), "every listed value has rows: {}", run.stderr);
    assert_eq!(region_order(&p), ["south", "north", "east", "west"]);
    let typo = Project::written("regions", |dir| write_regions(dir, "{ id: region, order: [south, nrth, Wset] }"));
    let warning = "`order:` of dimension `region` lists `nrth`, `Wset`, which no row has; check the spelling (case and runs of spaces do not matter)";
    typo.build().expect(0).stderr_has(&[warning]);
    assert_eq!(region_order(&typo), ["south", "east", "north", "west"]);
    let html = "<code>order:</code> of dimension <code>region</code> lists <code>nrth</code>, <code>Wset</code>, which no row has";
    assert!(typo.built("quality.html").contains(html), "on the data-quality page too");
    typo.replace("cxsite.yaml", "title: Regions", "title: Regions\nlocale: zh-CN");
    typo.build().expect(0);
    let zh = typo.built("quality.html");
    assert!(zh.contains("维度 <code>region</code> 的 <code>order:</code> 列出了 <code>nrth</code>, <code>Wset</code>，但没有任何一行是这个值"), "{zh}");
    // The same for a segment family, whose values are known only from the data too.
    typo.replace(
        "cxsite.yaml",
        "datasets:",
        "segments:\n  - { from_column: region, name: Area, order: [north, sooth] }\ndatasets:",
    );
    typo.build().expect(0).stderr_has(&["`order:` of segment family `region` lists `sooth`, which no row has"]);
    // `order:` on a dimension written as a bare column is no map; an unknown key near it is
    // named with the keys a dimension has.
    let bad = Project::written("regions", |dir| write_regions(dir, "{ id: region, ordr: [south] }"));
    bad.build().expect(1).stderr_has(&["ordr", "order"]);
}

/// Print: a table of more than 12 rows may run on across sheets (`figure.long`, heading
/// repeated): kept whole, a 16-row table that did not fit under the one before moved to the
/// next sheet and left half of this one empty. Shorter ones stay whole (the browser test
/// `printed_pages_let_sections_flow_…` checks what the stylesheet does with each).
#[test]
fn a_table_of_more_than_twelve_rows_is_marked_to_run_on_in_print() {
    for (stores, long) in [(12, false), (13, true)] {
        let p = Project::written("stores", |dir| {
            write_regions(dir, "region");
            let mut csv = String::from("region,rec\n");
            for s in 0..stores {
                for i in 0..3 {
                    csv += &format!("r{s:02},{}\n", (s + i * 4) % 11);
                }
            }
            std::fs::write(dir.join("data/s.csv"), csv).unwrap();
        });
        p.build().expect(0);
        let page = p.built("dimensions/region/index.html");
        let marked = page.contains("<figure class=\"datatable long\" id=\"league\">");
        assert_eq!(marked, long, "{stores} rows: {page}");
        assert!(marked || page.contains("<figure class=\"datatable\" id=\"league\">"), "{page}");
    }
}

/// A `from_column` value met only on rows that were left out (a blank or `n/a` score and no
/// comment) has no page and is listed nowhere: it has nothing to show, and a test store's
/// name would be published for nothing. A value on one used row keeps its page.
#[test]
fn a_segment_value_met_only_on_rejected_rows_gets_no_page() {
    let p = Project::written("cities", |dir| {
        write_cities(dir, "");
        let mut csv = std::fs::read_to_string(dir.join("data/s.csv")).unwrap();
        csv += "Ghost store,\nTest store,n/a\nOne row,7\n";
        std::fs::write(dir.join("data/s.csv"), csv).unwrap();
    });
    p.build().expect(0);
    let pages: Vec<String> = std::fs::read_dir(p.public().join("segments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!pages.iter().any(|n| n.contains("ghost") || n.contains("test-store")), "{pages:?}");
    assert!(pages.iter().any(|n| n.starts_with("city-one-row-")), "{pages:?}");
    let list = p.built("segments/index.html");
    assert!(!list.contains("Ghost store") && !list.contains("Test store"), "{list}");
    assert!(!p.check().stdout.contains("Ghost store"));
}
