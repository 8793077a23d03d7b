//! Issue 12, "right on any real export": a fixture project of each shape of data
//! (`tests/fixtures/shape_*`), built by the real binary, and its rendered pages read back with
//! `scraper`. Expected numbers are worked out by hand or by a few lines of Python over the
//! fixture's CSV (written next to each test), never copied from cxsite's output.

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use crate::support::*;

/// A rendered page, parsed.
struct Page(Html);

impl Page {
    fn open(site: &Path, rel: &str) -> Page {
        let text = fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
        Page(Html::parse_document(&text))
    }

    /// The whitespace-normalised text of every element matching `css`.
    fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.0
            .select(&sel)
            .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// The text of each element matching a CSS selector, as a reader sees it when inline
    /// markup (a period's `nowrap` span) is part of a line: text nodes joined as they are.
    fn line_texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.0
            .select(&sel)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// The text of the whole body.
    fn text(&self) -> String {
        self.texts("body").join(" ")
    }

    /// The `href`s of the site navigation.
    fn nav_links(&self) -> Vec<String> {
        let sel = Selector::parse("nav a").unwrap();
        self.0.select(&sel).filter_map(|a| a.value().attr("href").map(str::to_string)).collect()
    }
}

/// Builds a fixture and returns the project (its site is in `public()`).
fn built(fixture: &str) -> Project {
    let p = Project::new(fixture);
    p.build().expect(0);
    p
}

#[test]
fn undated_data_headlines_all_answers_with_no_trends_page_link_or_period_line() {
    let p = built("shape_undated");
    let site = p.public();
    let index = Page::open(&site, "index.html");
    // python3: 120 reviews; 41 promoters, 54 detractors → NPS −10.8; 73 of 120 rate 4–5 → 60.8 %.
    let tiles = index.texts(".tile");
    assert_eq!(tiles.len(), 2, "{tiles:?}");
    assert!(
        tiles[0].starts_with("NPS All responses from −100 to +100 · higher is better −11")
            && tiles[0].contains("n = 120"),
        "{tiles:?}"
    );
    assert!(
        tiles[1].starts_with("CSAT All responses share answering 4–5 on a 1–5 scale · higher is better 61%")
            && tiles[1].contains("n = 120"),
        "{tiles:?}"
    );
    assert!(!index.text().contains("not enough answers"), "{}", index.text());
    // No trends page, no link to one, no change column, no data-period line.
    assert!(!site.join("trends.html").exists());
    for page in ["index.html", "journey.html", "methodology.html", "touchpoints/web.html"] {
        let pg = Page::open(&site, page);
        assert!(!pg.nav_links().iter().any(|h| h.ends_with("trends.html")), "{page}: {:?}", pg.nav_links());
        assert!(!pg.text().contains("Data period"), "{page}");
    }
    assert!(index.texts(".tile-change").is_empty());
    // Hotline is weakest (−32.5 by hand), store strongest (+12.5).
    let findings = index.texts(".findings li");
    assert!(findings.iter().any(|f| f.starts_with("The weakest touchpoint is Hotline")), "{findings:?}");
}

#[test]
fn a_wide_survey_compares_touchpoints_on_their_ratings_and_the_outcome_drives_the_drivers_page() {
    let p = built("shape_wide_outcome");
    let site = p.public();
    let index = Page::open(&site, "index.html");
    // python3 over passengers.csv (0 = not applicable left out): seat comfort 73 of 178 rate
    // 4–5 (41.0 %), the lowest of the thirteen; online boarding 107 of 179 (59.8 %), the highest.
    let lowest = index.texts("#lowest tbody tr");
    assert_eq!(lowest.len(), 5, "{lowest:?}");
    assert!(
        lowest[0].starts_with("Seat comfort") && lowest[0].contains("41%") && lowest[0].ends_with("178"),
        "{lowest:?}"
    );
    assert!(index.texts("#lowest figcaption")[0].starts_with("CSAT"), "compared on the ratings, not the outcome");
    let findings = index.texts(".findings li").join("\n");
    assert!(findings.contains("The weakest touchpoint is Seat comfort: CSAT 41%"), "{findings}");
    assert!(findings.contains("The strongest touchpoint is Online boarding: CSAT 60%"), "{findings}");
    assert!(findings.contains("Fix "), "a fix-first finding: {findings}");
    // The journey map shows thirteen touchpoint values, none "n < 10".
    let journey = Page::open(&site, "journey.html");
    let rows = journey.texts("#tp-csat tbody tr");
    assert_eq!(rows.len(), 13, "{rows:?}");
    // The drivers page: performance is each touchpoint's CSAT, with its n, never the outcome's 0.
    let drivers = Page::open(&site, "drivers.html");
    let rows = drivers.texts("table tbody tr");
    assert_eq!(rows.len(), 13, "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("Seat comfort") && r.contains("41%") && r.contains("178")), "{rows:?}");
    // The outcome is a labelled 0/1: no `satisfied_mean` row, and it is named, not shouted.
    let metrics = p.built_metrics();
    assert!(!metrics.has("overall", "all", "satisfied_mean"));
    assert!(!index.text().contains("SATISFIED"));
    // `check` counts each touchpoint's ratings.
    let check = p.check();
    check.expect(0);
    assert!(check.stdout.contains("answers per touchpoint (csat;"), "{}", check.stdout);
    assert!(check.stdout.contains("seat                             178"), "{}", check.stdout);
}

#[test]
fn a_lower_is_better_score_turns_colours_pain_points_rankings_and_stars_around() {
    let p = built("shape_lower");
    let site = p.public();
    let index = Page::open(&site, "index.html");
    // By hand: delivery 31/40 = 77.5 % negative, support 14/40 = 35 %, app 8/40 = 20 %; all 53/120.
    let lowest = index.texts("#lowest tbody tr");
    assert!(lowest[0].starts_with("Delivery ▼ pain point 78%"), "worst (highest) first: {lowest:?}");
    assert!(lowest[2].starts_with("App"), "{lowest:?}");
    let findings = index.texts(".findings li").join("\n");
    assert!(findings.contains("The weakest touchpoint is Delivery"), "{findings}");
    assert!(findings.contains("The strongest touchpoint is App"), "{findings}");
    // Colour: 77.5 % negative is the bad end of the scale (s1), 20 % the good end.
    let class_of = |label: &str| {
        let sel = Selector::parse("#lowest tbody tr").unwrap();
        let row = index.0.select(&sel).find(|r| r.text().collect::<String>().contains(label)).unwrap();
        let sw = Selector::parse(".swatch, .dot, [class*=s]").unwrap();
        row.select(&sw).filter_map(|e| e.value().attr("class")).map(str::to_string).collect::<Vec<_>>().join(" ")
    };
    assert!(class_of("Delivery").split(' ').any(|c| c == "s1"), "{}", class_of("Delivery"));
    assert!(class_of("App").split(' ').any(|c| c == "s6" || c == "s7"), "{}", class_of("App"));
    // Stars: East has 8 of 20 negative (40 %), every other store 9 of 20 (45 %): East, the
    // lowest, is the best and the only five-star store; the five tied stores share stars.
    let league = p.built_json()["leagues"][0]["rows"].clone();
    let stars =
        |g: &str| league.as_array().unwrap().iter().find(|r| r["group"] == g).unwrap()["stars"].as_u64().unwrap();
    assert_eq!(stars("East"), 5);
    for g in ["Airport", "Harbour", "North", "South", "West"] {
        assert_eq!(stars(g), 3, "{g}: tied at the collapsed thresholds, the middle of the run");
    }
    // No store has one star, and the finding says so rather than "One star: .".
    let findings = index.texts(".findings li").join("\n");
    assert!(findings.contains("Five stars: East. None has one star."), "{findings}");
}

#[test]
fn scores_that_are_not_nps_or_csat_have_names_unicode_ids_and_no_trademark_line() {
    let p = built("shape_named");
    let site = p.public();
    let index = Page::open(&site, "index.html");
    let labels = index.texts(".tile-label");
    assert!(labels[0].starts_with("Positive rate"), "{labels:?}");
    assert!(labels[1].starts_with("Recommended"), "{labels:?}");
    // (One month of data: no trends page.)
    for page in ["index.html", "journey.html", "methodology.html", "touchpoints/shop.html"] {
        let pg = Page::open(&site, page);
        assert!(!pg.text().contains("RECOMMENDED"), "{page}");
        assert!(pg.texts("footer .tm").is_empty(), "{page}: no NPS, no NPS trademark line");
    }
    // A site with an NPS keeps the line.
    let undated = built("shape_undated");
    assert_eq!(Page::open(&undated.public(), "index.html").texts(".tm").len(), 1);
    let metrics = p.built_metrics();
    // A 0/1 label has no mean; the 1–5 好评率 keeps its mean. By hand: shop stars 5,5,4,4,3,5,2,4,5,1
    // ×3 → 21 of 30 at 4–5 = 70 %.
    assert!(!metrics.has("overall", "all", "recommended_mean"));
    assert!(metrics.has("overall", "all", "好评率_mean"));
    assert!((metrics.value("touchpoint", "shop", "好评率") - 70.0).abs() < 1e-9);
    // In zh-CN the same score reads 好评率.
    p.replace("cxsite.yaml", "locale: en", "locale: zh-CN");
    p.build().expect(0);
    let zh = Page::open(&p.public(), "index.html");
    assert!(zh.texts(".tile-label")[0].starts_with("好评率"), "{:?}", zh.texts(".tile-label"));
}

#[test]
fn a_refused_score_id_is_one_error_not_followed_by_a_false_no_scores_error() {
    let p = Project::new("shape_named");
    p.replace("cxsite.yaml", "recommended: {", "recommended-yes: {");
    let run = p.build();
    run.expect(1);
    assert!(run.stderr.contains("score id `recommended-yes` must be letters"), "{}", run.stderr);
    assert!(!run.stderr.contains("has no `scores:`"), "{}", run.stderr);
}

#[test]
fn a_partial_last_period_is_named_but_never_the_headline_and_the_whole_figure_is_beside_it() {
    let p = built("shape_partial");
    let index = Page::open(&p.public(), "index.html");
    // python3 over answers.csv: W08 35 answers, NPS +48.6; W09 (26–27 Feb) 20 answers, +20;
    // all 160 answers, +25.6.
    let tile = &index.texts(".tile")[0];
    assert!(tile.starts_with("NPS Week 8 2024 from −100 to +100 · higher is better +49"), "{tile}");
    let whole = index.line_texts(".tile-whole");
    assert_eq!(whole, ["All responses (Week 5 2024 – Week 9 2024): +26, n = 160"]);
    let thin = index.line_texts(".tile-thin");
    assert_eq!(thin.len(), 1);
    assert!(thin[0].starts_with("Week 9 2024 so far: 2 days, n = 20"), "{thin:?}");
    // The findings speak of the same week as the tiles.
    let findings = index.texts(".findings li");
    assert!(findings[0].starts_with("NPS was +49 in Week 8 2024"), "{findings:?}");
    // One touchpoint has answers: no "weakest … against itself", no map, no one-row ranking.
    assert!(!findings.iter().any(|f| f.contains("weakest") || f.contains("strongest")), "{findings:?}");
    assert!(index.texts("#lowest").is_empty());
    assert!(index.texts(".map").is_empty());
    // Cut the data on the last day of W09 (7 of 7 days, 20 answers against 35: still more than
    // half) and W09 is the headline.
    p.append("data/answers.csv", b"Z1,2024-03-03,10\n");
    p.build().expect(0);
    let index = Page::open(&p.public(), "index.html");
    assert!(index.texts(".tile")[0].starts_with("NPS Week 9 2024"), "{:?}", index.texts(".tile"));
    assert!(index.texts(".tile-thin").is_empty());
}

#[test]
fn stages_without_touchpoints_are_not_doubled_and_findings_call_them_stages() {
    let p = built("shape_stages");
    let site = p.public();
    let index = Page::open(&site, "index.html");
    // No "Order / Order": the navigation lists the three stages and no touchpoint under them.
    assert!(index.texts(".nav-tps li").is_empty(), "{:?}", index.texts(".nav-tps li"));
    assert_eq!(index.texts(".nav-stages > li > a"), ["Order", "Delivery", "Support"]);
    // By hand: deliver −20, order +40, all +10.
    let findings = index.texts(".findings li");
    assert!(findings.iter().any(|f| f.starts_with("The weakest stage is Delivery: NPS −20")), "{findings:?}");
    assert!(findings.iter().any(|f| f.starts_with("The strongest stage is Order: NPS +40")), "{findings:?}");
    assert!(index.texts("#lowest figcaption")[0].contains("lowest-scoring stages"));
    let journey = Page::open(&site, "journey.html");
    // Each drawing of the map (wide, and tall for phones) names the stage once among its
    // blocks and cards (the links); the wide curve names it again under its point.
    for drawing in [".jm-wide a text", ".jm-tall a text"] {
        let map = journey.texts(drawing).join(" ");
        assert_eq!(map.matches("Order").count(), 1, "{drawing}: {map}");
    }
    assert!(journey.texts(".jm-wide .jm-label").contains(&"Order".to_string()));
}

#[test]
fn one_significance_mark_with_one_meaning_and_a_key_where_it_is_used() {
    // ◆ means a significant change everywhere; the tiles' "within noise" is no mark at all.
    let p = built("shape_partial");
    let site = p.public();
    for page in ["index.html", "trends.html", "journey.html", "touchpoints/desk.html"] {
        let pg = Page::open(&site, page);
        assert!(!pg.text().contains('●'), "{page}");
        if pg.text().contains('◆') {
            assert!(pg.text().contains("◆ = significant change"), "{page} uses ◆ without its key");
        }
    }
}

/// Words a zh-CN site may show in Latin letters: the kept glossary of metric names, the
/// authors and names of methods the methodology cites, formula symbols, file names of the
/// downloads and the trademark's proper names.
const ZH_GLOSSARY: &[&str] = &[
    "NPS",
    "CSAT",
    "CES",
    "SE",
    "st",
    "Holm",
    "Wald",
    "Wilson",
    "Johnson",
    "Sauro",
    "Lewis",
    "Brown",
    "Cai",
    "DasGupta",
    "Pearson",
    "Fisher",
    "Luhn",
    "Agresti",
    "Caffo",
    "Monroe",
    "Colaresi",
    "Quinn",
    "OWASP",
    "CSV",
    "FFFD",
    "cxsite",
    "metrics",
    "csv",
    "json",
    // data/keywords.csv and data/comments.csv, and the name of the Chinese segmenter.
    "keywords",
    "comments",
    "jieba",
    "journey",
    "mmd",
    "Net",
    "Promoter",
    "Score",
    "Bain",
    "Company",
    "Inc",
    "Satmetrix",
    "Systems",
    "Fred",
    "Reichheld",
];

/// Every word of two or more Latin letters a reader sees on a page — its text outside
/// `<code>` and `<cite>` (configuration keys, file paths and book titles are quoted as such),
/// and its `aria-label`, `title` and `alt` attributes — that is neither in the glossary nor
/// one of `data` (the project's own ids, paths and values).
fn english_words(page: &Html, data: &[&str]) -> Vec<String> {
    let mut text = String::new();
    for node in page.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| matches!(e.name(), "code" | "cite" | "script" | "style"))
            });
            if !hidden {
                text.push_str(t);
                text.push(' ');
            }
        }
        if let Some(e) = node.value().as_element() {
            for attr in ["aria-label", "title", "alt"] {
                if let Some(v) = e.attr(attr) {
                    text.push_str(v);
                    text.push(' ');
                }
            }
        }
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !ZH_GLOSSARY.contains(w) && !data.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_zh_cn_site_has_no_english_outside_data_values_and_the_glossary() {
    let p = built("shape_zh");
    let site = p.public();
    // The project's own words: dataset ids and paths, score ids, the time zone.
    let data = ["survey", "members", "data", "nps", "csat", "UTC"];
    let pages = html_pages(&site);
    assert!(pages.len() >= 15, "{pages:?}");
    let mut found = Vec::new();
    for path in &pages {
        let html = Html::parse_document(&fs::read_to_string(path).unwrap());
        let words = english_words(&html, &data);
        if !words.is_empty() {
            found.push(format!("{}: {words:?}", path.strip_prefix(&site).unwrap().display()));
        }
        // Chinese sentences end and pause with Chinese punctuation: no `,` `;` `:` or `.`
        // straight after a Chinese character.
        let text: String = html.root_element().text().collect();
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            if ('\u{4e00}'..='\u{9fff}').contains(&w[0]) && matches!(w[1], ',' | ';' | ':' | '.') {
                found.push(format!(
                    "{}: ASCII {:?} after {:?}",
                    path.strip_prefix(&site).unwrap().display(),
                    w[1],
                    w[0]
                ));
            }
        }
    }
    assert!(found.is_empty(), "English on a zh-CN site:\n{}", found.join("\n"));
}

/// Every relative link of every page of a site, and the pages they miss.
fn broken_links(site: &Path) -> Vec<String> {
    let pages = html_pages(site);
    let sel = Selector::parse("a[href]").unwrap();
    let mut broken = Vec::new();
    for page in pages {
        let html = Html::parse_document(&fs::read_to_string(&page).unwrap());
        for a in html.select(&sel) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with('#') || href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let target = page.parent().unwrap().join(href.split('#').next().unwrap());
            if !target.exists() {
                broken.push(format!("{} → {href}", page.strip_prefix(site).unwrap().display()));
            }
        }
    }
    broken
}

#[test]
fn every_shape_builds_a_site_whose_links_all_lead_somewhere() {
    for fixture in [
        "shape_undated",
        "shape_partial",
        "shape_wide_outcome",
        "shape_stages",
        "shape_lower",
        "shape_named",
        "shape_zh",
        "shape_counts",
    ] {
        let p = built(fixture);
        let broken = broken_links(&p.public());
        assert!(broken.is_empty(), "{fixture}: {broken:#?}");
    }
}

#[test]
fn a_stage_without_touchpoints_has_its_stage_page_only_and_every_link_goes_there() {
    let p = built("shape_stages");
    let site = p.public();
    // No page of the touchpoint that stands for each stage.
    assert!(!site.join("touchpoints").exists(), "{:?}", fs::read_dir(site.join("touchpoints")).ok().map(|d| d.count()));
    let index = Page::open(&site, "index.html");
    let sel = Selector::parse("a[href]").unwrap();
    let hrefs: Vec<&str> = index.0.select(&sel).filter_map(|a| a.value().attr("href")).collect();
    assert!(hrefs.contains(&"stages/deliver.html"), "{hrefs:?}");
    assert!(!hrefs.iter().any(|h| h.contains("touchpoints/")), "{hrefs:?}");
    // The stage's page shows what its touchpoint's would have: no one-row "by touchpoint"
    // table of itself; and its title, the journey page's table and the map speak of stages.
    let stage = Page::open(&site, "stages/deliver.html");
    assert!(stage.texts("#by-touchpoint").is_empty(), "{:?}", stage.texts("#by-touchpoint"));
    let journey = Page::open(&site, "journey.html");
    assert_eq!(journey.texts(".map-title"), ["Journey map: NPS at each stage, all responses (May 2024)"]);
    assert_eq!(journey.texts("#tp-nps figcaption"), ["NPS by stage, all responses (May 2024)"]);
    // No table of stages and their (absent) touchpoints.
    assert!(journey.texts("table.data").is_empty(), "{:?}", journey.texts("table.data"));
    assert!(journey.text().contains("Emotion curve · NPS at each stage"), "{}", journey.text());
    // The map names each stage once among its blocks and cards (the links): its card under
    // the name gives the value; the wide curve names it once more, under its point only.
    for drawing in [".jm-wide a text", ".jm-tall a text"] {
        let map: String = journey.texts(drawing).join("|");
        assert_eq!(map.matches("Delivery").count(), 1, "{drawing}: {map}");
    }
    assert_eq!(journey.texts(".jm-wide .jm-label"), ["Order", "Delivery", "Support"]);
    let map: String = journey.texts(".jm-wide text").join("|");
    assert_eq!(map.matches("Delivery").count(), 2, "{map}");
    // `check` counts the stages, not touchpoints of the same names.
    let check = p.check();
    assert!(check.stdout.contains("answers per stage (nps; min_n = 10):"), "{}", check.stdout);
    assert!(!check.stdout.contains("  Delivery\n"), "{}", check.stdout);
}

#[test]
fn the_journey_map_and_the_weakest_touchpoints_name_the_time_frame_the_tiles_use() {
    let p = built("shape_lower");
    let site = p.public();
    let index = Page::open(&site, "index.html");
    // The tile: February, and beside it all responses, January to February.
    assert!(index.line_texts(".tile-whole")[0].starts_with("All responses (Jan 2024 – Feb 2024)"));
    let scope = "all responses (Jan 2024 – Feb 2024)";
    assert_eq!(index.texts(".map-title"), [format!("Journey map: Negative share at each touchpoint, {scope}")]);
    assert!(index.texts("#lowest figcaption")[0].ends_with(scope), "{:?}", index.texts("#lowest figcaption"));
    let journey = Page::open(&site, "journey.html");
    assert_eq!(journey.texts(".map-title"), [format!("Journey map: Negative share at each touchpoint, {scope}")]);
    assert!(journey.texts("svg.journey-map > title")[0].ends_with(scope));
    assert!(journey.texts("#tp-negative figcaption")[0].ends_with(scope), "{:?}", journey.texts("figcaption"));
    // Undated data: all responses, no span.
    let undated = built("shape_undated");
    let index = Page::open(&undated.public(), "index.html");
    assert_eq!(index.texts(".map-title"), ["Journey map: NPS at each touchpoint, all responses"]);
    // In Chinese, the same words as the tile's.
    let zh = built("shape_zh");
    let index = Page::open(&zh.public(), "index.html");
    assert!(index.line_texts(".tile-whole")[0].starts_with("全部回答（2024年1月至2024年3月）"));
    assert_eq!(index.texts(".map-title"), ["旅程地图：各触点 NPS，全部回答（2024年1月至2024年3月）"]);
}

#[test]
fn the_summary_ranking_is_the_weakest_touchpoints_not_a_second_fix_first() {
    // The key-driver finding says which touchpoint to fix first; the ranking below it is of
    // the lowest scores, and says so.
    let p = built("shape_wide_outcome");
    let index = Page::open(&p.public(), "index.html");
    let findings = index.texts(".findings li").join("\n");
    assert!(findings.contains("Fix Cleanliness first"), "{findings}");
    let headings = index.texts("h2");
    assert!(headings.contains(&"Weakest touchpoints".to_string()), "{headings:?}");
    assert!(!headings.contains(&"Fix first".to_string()), "{headings:?}");
}

#[test]
fn no_fix_first_finding_for_a_touchpoint_that_moves_nothing_or_scores_with_the_best() {
    // shape_undated's reviews, by hand: at every touchpoint top-box raters give a *lower* NPS
    // than the rest (gaps −4.7, −20.4 and −12.0 points, each interval across 0), and Website's
    // CSAT (72.5 %) ties for the highest. "Customers who rate it in the top box give a much
    // higher NPS, yet its CSAT is below most touchpoints" would be false twice.
    let p = built("shape_undated");
    let index = Page::open(&p.public(), "index.html");
    let findings = index.texts(".findings li").join("\n");
    assert!(!findings.contains("Fix "), "{findings}");
    let drivers = Page::open(&p.public(), "drivers.html");
    let rows = drivers.texts("table tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| !r.ends_with("Fix first")), "no touchpoint is flagged: {rows:?}");
    assert!(drivers.text().contains("so none is marked to fix first"), "{}", drivers.text());
}

#[test]
fn the_methodology_explains_only_the_scores_the_project_has() {
    // Shares and means, no NPS.
    let named = built("shape_named");
    let m = Page::open(&named.public(), "methodology.html");
    let ids = |pg: &Page| {
        let sel = Selector::parse("h2[id]").unwrap();
        pg.0.select(&sel).map(|h| h.value().attr("id").unwrap().to_string()).collect::<Vec<_>>()
    };
    let h = ids(&m);
    assert!(
        !h.contains(&"nps".to_string()) && h.contains(&"csat".to_string()) && h.contains(&"mean".to_string()),
        "{h:?}"
    );
    assert!(!m.text().contains("Net Promoter Score (NPS)"), "{}", m.text());
    // NPS alone.
    let stages = built("shape_stages");
    let h = ids(&Page::open(&stages.public(), "methodology.html"));
    assert!(
        h.contains(&"nps".to_string()) && !h.contains(&"csat".to_string()) && !h.contains(&"mean".to_string()),
        "{h:?}"
    );
}

#[test]
fn a_down_triangle_means_a_pain_point_and_nothing_else() {
    for fixture in ["shape_lower", "shape_wide_outcome", "shape_partial"] {
        let p = built(fixture);
        let site = p.public();
        for page in ["index.html", "journey.html", "trends.html", "methodology.html"] {
            let Ok(text) = fs::read_to_string(site.join(page)) else { continue };
            let pg = Page(Html::parse_document(&text));
            let body = pg.text();
            assert!(!body.contains('▲'), "{fixture} {page}: ▲");
            // Every ▼ is keyed by the words beside it: "▼ pain point", or the methodology's
            // "a pain point (▼)".
            for (at, _) in body.match_indices('▼') {
                let near: String = body[..at].chars().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
                let after: String = body[at..].chars().take(20).collect();
                assert!(
                    after.contains("pain point") || near.ends_with("a pain point ("),
                    "{fixture} {page}: ▼ without its key: …{near}{after}…"
                );
            }
        }
        // A tile's change is its signed number and words, no arrow.
        let index = Page::open(&site, "index.html");
        for change in index.texts(".tile-change") {
            assert!(!change.contains('▼') && !change.contains('–'), "{fixture}: {change}");
        }
    }
}

#[test]
fn a_league_of_tied_groups_explains_its_coinciding_thresholds() {
    let p = built("shape_lower");
    let league = Page::open(&p.public(), "dimensions/store/index.html");
    let note = league.texts("#league .legend").join(" ");
    // By hand: five stores at 45 % negative and East at 40 %: the quintiles all land on 45 %.
    assert!(note.contains("Star thresholds (2–5 stars): 45% / 45% / 45% / 45%."), "{note}");
    assert!(note.contains("Some coincide because groups have the same or nearly the same score"), "{note}");
    // A league whose thresholds differ says nothing of the kind.
    let spread = built("insights_league");
    let dims: Vec<_> = fs::read_dir(spread.public().join("dimensions")).unwrap().map(|e| e.unwrap().path()).collect();
    for d in dims {
        let pg = Page(Html::parse_document(&fs::read_to_string(d.join("index.html")).unwrap()));
        let note = pg.texts("#league .legend").join(" ");
        assert!(note.contains("Star thresholds") && !note.contains("coincide"), "{note}");
    }
    // No "(0 have too few answers)" in the star finding.
    let index = Page::open(&p.public(), "index.html");
    let findings = index.texts(".findings li").join("\n");
    assert!(findings.contains("Stores: 6 earn stars. Five stars: East."), "{findings}");
}

#[test]
fn data_of_one_period_has_no_trends_page_link_or_chart() {
    let p = built("shape_named");
    let site = p.public();
    assert!(!site.join("trends.html").exists());
    for page in ["index.html", "journey.html", "touchpoints/shop.html"] {
        let pg = Page::open(&site, page);
        assert!(!pg.nav_links().iter().any(|h| h.ends_with("trends.html")), "{page}");
        assert!(
            pg.texts("figure.chart figcaption").iter().all(|c| !c.contains(" by month")),
            "{page}: {:?}",
            pg.texts("figcaption")
        );
    }
    // The tile names its one month, which is all the data.
    assert!(Page::open(&site, "index.html").texts(".tile-label")[0].contains("Mar 2024"));
}

#[test]
fn an_unreadable_date_column_gets_one_hint_not_one_per_example() {
    let p = Project::new("exports_dates");
    p.replace("cxsite.yaml", "    date_format: DD/MM/YYYY\n", "");
    p.build().expect(0);
    let quality = Page::open(&p.public(), "quality.html");
    let rows = quality.texts("table.data tbody tr");
    let dates: Vec<&String> = rows.iter().filter(|r| r.contains("unreadable date")).collect();
    assert_eq!(dates.len(), 1, "{rows:?}");
    // Five examples, one hint.
    assert_eq!(quality.texts("ul.examples li").iter().filter(|e| e.contains("not a date")).count(), 5);
    assert!(quality.texts("ul.examples li").iter().all(|e| !e.contains("date_format")));
    assert_eq!(quality.texts("p.hint"), ["Set date_format: DD/MM/YYYY on the dataset to read them."]);
    // In Chinese too, the format in code.
    p.replace("cxsite.yaml", "title: \"UK web survey\"\n", "title: \"UK web survey\"\nlocale: zh-CN\n");
    p.build().expect(0);
    let zh = Page::open(&p.public(), "quality.html");
    assert_eq!(zh.texts("p.hint"), ["在数据集上设置 date_format: DD/MM/YYYY 即可读取。"]);
    assert_eq!(zh.texts("p.hint code"), ["date_format: DD/MM/YYYY"]);
}

/// `[valid, blank, not applicable, invalid]` of a column in a dataset's quality report.
fn column_counts(q: &serde_json::Value, column: &str) -> [u64; 4] {
    let c = &q["columns"][column];
    assert!(c.is_object(), "no column {column:?} in {:#}", q["columns"]);
    ["valid", "blank", "not_applicable", "invalid"].map(|k| c[k].as_u64().unwrap())
}

#[test]
fn counts_add_up_one_column_two_scores_repeated_ids_and_blanks_alike_in_check_page_and_json() {
    let p = built("shape_counts");
    let json = p.built_json();
    let survey = &json["quality"]["datasets"][0];
    assert_eq!(survey["id"], "survey");
    // By hand (the fixture's table): recommend is read by nps and promoter. Each reading
    // counts its 12 rows once: valid 2 3 5 6 7 9 10 12 13, blank 4 and 11, invalid 8 (11).
    assert_eq!(column_counts(survey, "recommend → nps"), [9, 2, 0, 1]);
    assert_eq!(column_counts(survey, "recommend → promoter"), [9, 2, 0, 1]);
    assert!(survey["columns"]["recommend"].is_null(), "the shared column is counted by reading, not twice as itself");
    // Never more answers than rows, in any column.
    let rows = survey["rows_read"].as_u64().unwrap();
    assert_eq!(rows, 12);
    for (name, c) in survey["columns"].as_object().unwrap() {
        let total: u64 = ["valid", "blank", "not_applicable", "invalid"].iter().map(|k| c[k].as_u64().unwrap()).sum();
        assert!(total <= rows, "{name}: {total} cells of {rows} rows");
    }
    // Blank scores: satisfaction blank on rows 5, 9 and 11.
    assert_eq!(column_counts(survey, "satisfaction"), [9, 3, 0, 0]);
    // The 11 is skipped once by each score reading it.
    assert_eq!(survey["problems"]["recommend → nps: outside the scale 0–10"]["count"], 1);
    assert_eq!(survey["problems"]["recommend → promoter: outside the scale 0–10"]["count"], 1);
    // metrics: nps has 9 survey answers and 4 panel ones; promoter 9, of which 4 are 9–10.
    let metrics = p.built_metrics();
    assert_eq!(metrics.row("overall", "all", "nps").n, "13");
    assert_eq!(metrics.cells("overall", "all", "promoter")[..2], ["9", "44.4444"]);

    // Repeated ids: R2 at web on rows 3, 7, 13 and R1 at web on rows 2, 10 — R1 at shop (row 5)
    // is another touchpoint, row 11 is rejected, row 12 has no id.
    assert_eq!(column_counts(survey, "resp_id"), [11, 1, 0, 0]);
    let dup = &survey["duplicate_ids"];
    assert_eq!(dup["column"], "resp_id");
    assert_eq!(dup["per_touchpoint"], true);
    assert_eq!(dup["count"], 3);
    assert_eq!(
        dup["examples"],
        serde_json::json!([
            "data/survey.csv:7:resp_id: same id and touchpoint as row 3",
            "data/survey.csv:10:resp_id: same id and touchpoint as row 2",
            "data/survey.csv:13:resp_id: same id and touchpoint as row 3"
        ])
    );
    // Wide data: one row per respondent, so the id alone repeats.
    let panel = &json["quality"]["datasets"][1];
    assert_eq!(panel["duplicate_ids"]["count"], 1);
    assert_eq!(panel["duplicate_ids"]["examples"][0], "data/panel.csv:4:id: same id as row 2");
    // Repeats are counted, not dropped: 11 rows used of 12.
    assert_eq!(survey["rows_used"], 11);

    // The page says the same.
    let quality = Page::open(&p.public(), "quality.html");
    let tables = quality.texts("table.data tbody tr");
    for row in ["recommend → nps 9 2 0 1", "recommend → promoter 9 2 0 1", "satisfaction 9 3 0 0", "resp_id 11 1 0 0"]
    {
        assert!(tables.iter().any(|r| r == row), "{row:?} not in {tables:#?}");
    }
    assert!(
        tables.iter().any(|r| r.starts_with("resp_id: respondent id repeated at the same touchpoint — counted, not dropped 3 data/survey.csv:7:resp_id: same id and touchpoint as row 3")),
        "{tables:#?}"
    );
    assert!(
        quality.texts(".facts div").contains(&"Repeated respondent ids 3".to_string()),
        "{:?}",
        quality.texts(".facts div")
    );

    // And so does `check`, blanks included.
    let check = p.check();
    check.expect(0);
    let lines: Vec<Vec<&str>> = check.stdout.lines().map(|l| l.split_whitespace().collect()).collect();
    for row in [
        vec!["recommend", "→", "nps", "9", "2", "0", "1"],
        vec!["recommend", "→", "promoter", "9", "2", "0", "1"],
        vec!["satisfaction", "9", "3", "0", "0"],
        vec!["resp_id", "11", "1", "0", "0"],
    ] {
        assert!(lines.contains(&row), "{row:?} not in\n{}", check.stdout);
    }
    assert!(
        check.stdout.contains("3 rows repeat the respondent id and touchpoint of an earlier row (column resp_id)"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("      data/survey.csv:13:resp_id: same id and touchpoint as row 3"),
        "{}",
        check.stdout
    );
    assert!(
        check.stderr.contains("warning: data/panel.csv: 1 row repeats the respondent id (column `id`)"),
        "{}",
        check.stderr
    );
    // `--strict` fails on them.
    let strict = p.run([std::ffi::OsStr::new("check"), p.dir.as_os_str(), std::ffi::OsStr::new("--strict")]);
    strict.expect(1);
    assert!(strict.stderr.contains("--strict: 3 rows repeat the respondent id and touchpoint"), "{}", strict.stderr);
}

#[test]
fn check_counts_a_touchpoint_rated_on_another_score_on_that_score_named() {
    // Checkout is rated on CSAT 1–5, finding on an ease score 1–7: `check` listed finding as
    // 0 answers below min_n, though the site has its 40.
    let tmp = crate::common::TempDir::new();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        "title: Two scales\nmin_n: 30\njourney:\n  stages:\n    - id: visit\n      name: Visit\n      touchpoints:\n        - { id: checkout, name: Checkout }\n        - { id: finding, name: Finding }\ndatasets:\n  - id: d\n    path: data/d.csv\n    format: wide\n    columns: { respondent: id, date: date }\n    touchpoint_scores:\n      - { metric: csat, scale: [1, 5], columns: { checkout: checkout } }\n      - { metric: ease, scale: [1, 7], columns: { finding: finding } }\n",
    )
    .unwrap();
    let mut csv = String::from("id,date,checkout,finding\n");
    for i in 0..40 {
        csv += &format!("R{i},2025-03-{:02},{},{}\n", 1 + i % 28, 1 + i % 5, 1 + i % 7);
    }
    std::fs::write(dir.join("data/d.csv"), csv).unwrap();
    let check = crate::common::cxsite(dir, ["check", "."]);
    check.expect(0);
    assert!(check.stdout.contains("checkout                          40\n"), "{}", check.stdout);
    assert!(check.stdout.contains("finding                           40 (ease)\n"), "{}", check.stdout);
    assert!(!check.stdout.contains("below min_n"), "{}", check.stdout);
}
