//! The site as a team customises it: template overrides by name, static files, markdown
//! pages, `public:`, and the Mermaid export.

use crate::support::Project;

#[test]
fn a_template_of_the_same_name_in_the_project_replaces_the_built_in_one() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(
        p.path("templates/trends.html"),
        "{% extends \"base.html\" %}{% block content %}<p id=\"ours\">Our own trends page: {{ page.heading }}</p>{% endblock content %}",
    )
    .unwrap();
    p.build().expect(0);
    let trends = p.built("trends.html");
    assert!(trends.contains("<p id=\"ours\">Our own trends page: Trends</p>"), "{trends}");
    // The other pages keep the built-in templates, and the shared base still applies.
    assert!(trends.contains("Content-Security-Policy"));
    assert!(p.built("index.html").contains("Executive summary"));
}

#[test]
fn a_template_that_does_not_compile_is_an_error_naming_it() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(p.path("templates/index.html"), "{% if %}").unwrap();
    p.build().expect(1).stderr_has(&["templates/index.html", "does not compile"]);
    // An unknown function or filter is named at its line and column too, as a syntax error is
    // (tera draws its place only into the text of such an error).
    std::fs::write(
        p.path("templates/index.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ nosuch(x=1) }}{% endblock content %}",
    )
    .unwrap();
    p.build()
        .expect(1)
        .stderr_has(&["templates/index.html:2:23: template does not compile: Unknown function `nosuch`"]);
    std::fs::write(p.path("templates/index.html"), "{{ 1 | nofilter }}").unwrap();
    p.build().expect(1).stderr_has(&["templates/index.html:1:"]);
}

#[test]
fn static_files_are_copied_and_markdown_pages_are_rendered_into_the_navigation() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("static/img")).unwrap();
    std::fs::write(p.path("static/img/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::create_dir_all(p.path("pages")).unwrap();
    std::fs::write(
        p.path("pages/team.md"),
        "---\ntitle: Our team\norder: 2\n---\n# Who we are\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    )
    .unwrap();
    p.build().expect(0);
    assert_eq!(
        std::fs::read(p.public().join("static/img/logo.svg")).unwrap(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    let page = p.built("pages/team.html");
    assert!(page.contains("<h1 id=\"who-we-are\">Who we are</h1>") && page.contains("<table>"), "{page}");
    assert!(p.built("index.html").contains("href=\"pages/team.html\">Our team</a>"));
}

#[test]
fn pages_carry_noindex_unless_the_project_is_public() {
    let p = Project::new("basic");
    p.build().expect(0);
    assert!(p.built("index.html").contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    p.replace("cxsite.yaml", "title:", "public: true\ntitle:");
    p.build().expect(0);
    assert!(!p.built("index.html").contains("noindex"));
}

#[test]
fn robots_txt_keeps_every_crawler_out_unless_the_project_is_public() {
    let p = Project::new("basic");
    p.build().expect(0);
    assert_eq!(p.built("robots.txt"), "User-agent: *\nDisallow: /\n");
    p.replace("cxsite.yaml", "title:", "public: true\ntitle:");
    p.build().expect(0);
    assert_eq!(p.built("robots.txt"), "User-agent: *\nDisallow:\n");
}

#[test]
fn every_page_has_its_own_description_naming_the_page_and_the_site() {
    let p = Project::new("basic");
    p.build().expect(0);
    let site = p.public();
    let pages: Vec<(String, String)> = crate::support::html_pages(&site)
        .into_iter()
        .map(|path| (path.strip_prefix(&site).unwrap().display().to_string(), std::fs::read_to_string(&path).unwrap()))
        .collect();
    assert!(pages.len() > 5, "{}", pages.len());
    let mut seen = std::collections::BTreeSet::new();
    for (rel, html) in &pages {
        let start =
            html.find("<meta name=\"description\" content=\"").unwrap_or_else(|| panic!("{rel}: no description"));
        let rest = &html[start + 34..];
        let content = &rest[..rest.find('"').unwrap()];
        assert!(!content.trim().is_empty(), "{rel}: empty description");
        assert!(!content.contains('\n'), "{rel}: one line: {content}");
        let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap();
        // The page's own title (before " · site") is in its description.
        let page = title.split(" · ").next().unwrap();
        assert!(content.contains(page), "{rel}: {content} lacks {page}");
        // Only the summary carries the headline number: under a group's title it would read
        // as that group's own (basic's headline is an NPS).
        if *rel != "index.html" {
            assert!(!content.contains("NPS"), "{rel}: a group page borrows the headline: {content}");
        }
        seen.insert(content.to_string());
    }
    assert_eq!(seen.len(), pages.len(), "each page describes itself");
}

#[test]
fn the_journey_is_exported_as_a_mermaid_block_with_its_stages_in_order() {
    let p = Project::new("basic");
    p.build().expect(0);
    let mmd = p.built("data/journey.mmd");
    assert!(mmd.starts_with("journey\n  title "), "{mmd}");
    // Every stage is a section, in journey order, and every task has a 1–5 score.
    let sections: Vec<&str> = mmd.lines().filter(|l| l.trim_start().starts_with("section ")).collect();
    assert!(!sections.is_empty(), "{mmd}");
    for task in mmd.lines().filter(|l| l.starts_with("    ")) {
        let score: i64 = task.split(':').nth(1).unwrap().trim().parse().unwrap();
        assert!((1..=5).contains(&score), "{task}");
    }
}

/// The English catalogue as a pseudo-locale `xx`: every letter of every message upper-cased
/// (placeholders kept) and wrapped in «…», so any English sentence left in Rust or a template
/// stands out.
fn pseudo_catalogue() -> String {
    let en = include_str!("../../locales/en.yaml");
    let mut doc: serde_json::Value = serde_saphyr::from_str(en).unwrap();
    fn pseudo(text: &str) -> String {
        let mut out = String::from("«");
        let mut in_name = false;
        for c in text.chars() {
            in_name = (in_name || c == '{') && c != '}';
            out.extend(if in_name { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() });
        }
        out.push('»');
        out
    }
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = pseudo(s),
            serde_json::Value::Object(m) => m.values_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut doc["messages"]);
    doc["locale"] = "xx".into();
    // JSON is YAML.
    serde_json::to_string_pretty(&doc).unwrap()
}

/// The sentences of the English catalogue: runs of words between arguments and tags.
fn english_sentences() -> Vec<String> {
    let en: serde_json::Value = serde_saphyr::from_str(include_str!("../../locales/en.yaml")).unwrap();
    let mut texts = Vec::new();
    fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Object(m) => m.values().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    collect(&en["messages"], &mut texts);
    texts
        .iter()
        .flat_map(|t| t.split(['{', '}', '<', '>', '\n']).map(str::trim).map(str::to_string).collect::<Vec<_>>())
        .filter(|s| s.matches(' ').count() >= 2 && s.len() >= 15 && !s.contains(['&', '\'', '"']))
        .collect()
}

#[test]
fn a_new_locale_is_a_catalogue_file_and_the_whole_sample_site_renders_from_it_alone() {
    let dir = crate::common::TempDir::new();
    let project = dir.path().join("sample");
    crate::common::copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project"), &project);
    let yaml = std::fs::read_to_string(project.join("cxsite.yaml")).unwrap();
    let yaml: String = yaml
        .lines()
        .map(|l| if l.starts_with("locale:") { "locale: xx\n".to_string() } else { format!("{l}\n") })
        .collect();
    std::fs::write(project.join("cxsite.yaml"), yaml).unwrap();
    std::fs::create_dir_all(project.join("locales")).unwrap();
    std::fs::write(project.join("locales/xx.yaml"), pseudo_catalogue()).unwrap();
    let out = dir.path().join("site");
    let os = std::ffi::OsStr::new;
    crate::common::cxsite(dir.path(), [os("build"), project.as_os_str(), os("-o"), out.as_os_str(), os("-q")])
        .expect(0);
    let sentences = english_sentences();
    assert!(sentences.len() > 50, "{}", sentences.len());
    let mut pages = 0;
    for (rel, bytes) in crate::common::files(&out) {
        if !rel.ends_with(".html") || rel.starts_with("pages/") {
            continue; // the team's own markdown pages are theirs, in their words
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("<html lang=\"xx\">"), "{rel}");
        // (The data-quality examples too: ingest's English phrases read in the site's language.)
        for s in &sentences {
            assert!(!html.contains(s.as_str()), "{rel} still says “{s}” in English");
        }
    }
    assert!(pages > 10, "{pages}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("«EXECUTIVE SUMMARY»"), "{index}");
}

/// A blank title is no blank masthead: the site is called "Customer experience" in its own
/// language; footer words in the language's order.
#[test]
fn a_blank_title_reads_as_customer_experience_in_the_sites_language() {
    let p = Project::new("basic");
    let yaml = std::fs::read_to_string(p.path("cxsite.yaml")).unwrap();
    let yaml: String = yaml
        .lines()
        .filter(|l| !l.starts_with("locale:"))
        .map(|l| if l.starts_with("title:") { "title: \"\"\nlocale: zh-CN\n".to_string() } else { format!("{l}\n") })
        .collect();
    std::fs::write(p.path("cxsite.yaml"), yaml).unwrap();
    p.build().expect(0);
    let index = p.built("index.html");
    assert!(index.contains("<a class=\"brand\" href=\"index.html\">客户体验</a>"), "{index}");
    assert!(index.contains("<title>客户体验</title>"), "{index}");
    assert!(index.contains(&format!("由 cxsite {} 生成", env!("CARGO_PKG_VERSION"))), "{index}");
}

/// Every table of the sample site — data-driven or in a markdown page — sits in the box that
/// scrolls sideways, so a wide table never widens a phone's page.
#[test]
fn every_table_of_the_sample_site_scrolls_in_its_own_box() {
    use scraper::{Html, Selector};
    let dir = crate::common::TempDir::new();
    let out = dir.path().join("site");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project");
    let os = std::ffi::OsStr::new;
    crate::common::cxsite(dir.path(), [os("build"), sample.as_os_str(), os("-o"), out.as_os_str(), os("-q")]).expect(0);
    let table = Selector::parse("table").unwrap();
    let (mut tables, mut pages) = (0, 0);
    for (rel, bytes) in crate::common::files(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for t in doc.select(&table) {
            tables += 1;
            let boxed = t
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| a.value().has_class("table-scroll", scraper::CaseSensitivity::CaseSensitive));
            assert!(boxed, "{rel}: a table outside .table-scroll: {}", &t.html()[..t.html().len().min(200)]);
        }
    }
    // The sample has every kind of table: voc, keywords, heat map, trends, quality, markdown.
    assert!(pages > 100 && tables > 500, "{pages} pages, {tables} tables");
}

#[test]
fn a_catalogue_in_the_project_replaces_the_built_in_one_and_a_missing_key_names_itself() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("locales")).unwrap();
    let en = include_str!("../../locales/en.yaml");
    std::fs::write(p.path("locales/en.yaml"), en.replace("Executive summary", "Where we stand")).unwrap();
    p.build().expect(0);
    assert!(p.built("index.html").contains("<h1>Where we stand</h1>"));

    std::fs::write(p.path("locales/en.yaml"), en.replace("  executive_summary: \"Executive summary\"\n", "")).unwrap();
    p.build().expect(1).stderr_has(&["locales/en.yaml", "missing message `executive_summary` (locale en)"]);
}

#[test]
fn a_locale_with_no_catalogue_is_an_error_naming_the_file_it_looked_for() {
    let p = Project::new("basic");
    let yaml = std::fs::read_to_string(p.path("cxsite.yaml")).unwrap();
    std::fs::write(
        p.path("cxsite.yaml"),
        format!("locale: fr\n{}", yaml.lines().filter(|l| !l.starts_with("locale:")).collect::<Vec<_>>().join("\n")),
    )
    .unwrap();
    p.build().expect(1).stderr_has(&["unknown locale `fr`", "locales/fr.yaml"]);
}

#[test]
fn customer_data_in_a_message_argument_is_escaped_but_catalogue_markup_is_kept() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("locales")).unwrap();
    let en = include_str!("../../locales/en.yaml");
    // A catalogue may put markup in `_html` messages only; elsewhere it is text like any other.
    let en = en.replace("  executive_summary: \"Executive summary\"", "  executive_summary: \"<em>Summary</em>\"");
    std::fs::write(p.path("locales/en.yaml"), en).unwrap();
    p.build().expect(0);
    let index = p.built("index.html");
    assert!(
        index.contains("&lt;em&gt;Summary&lt;&#x2F;em&gt;") || index.contains("&lt;em&gt;Summary&lt;/em&gt;"),
        "{index}"
    );
    let methodology = p.built("methodology.html");
    assert!(methodology.contains("<strong>"), "{methodology}");
}

#[test]
fn the_preview_image_is_the_same_png_on_every_build_and_announced_only_with_a_base_url() {
    let p = Project::new("basic");
    p.build().expect(0);
    let first = std::fs::read(p.public().join("assets/preview.png")).unwrap();
    assert!(first.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(u32::from_be_bytes(first[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(first[20..24].try_into().unwrap()), 630);
    // Open Graph takes only absolute addresses: without base_url the image is not announced.
    assert!(!p.built("index.html").contains("og:image"));
    p.replace("cxsite.yaml", "title:", "base_url: https://cx.example.com/report/\ntitle:");
    p.build().expect(0);
    let second = std::fs::read(p.public().join("assets/preview.png")).unwrap();
    assert!(first == second, "two builds drew different bytes");
    let index = p.built("index.html");
    assert!(
        index.contains("<meta property=\"og:image\" content=\"https://cx.example.com/report/assets/preview.png\">"),
        "{index}"
    );
    assert!(p.built("stages/buy.html").contains("content=\"https://cx.example.com/report/assets/preview.png\""));
}

#[test]
fn the_chinese_preview_draws_each_hanzi_and_warns_of_one_it_has_no_glyph_for() {
    let p = Project::new("shape_zh");
    p.build().expect(0).stderr_lacks(&["preview"]);
    let forward = std::fs::read(p.public().join("assets/preview.png")).unwrap();
    // The same characters backwards: a different picture only if each is drawn with its own
    // glyph (characters left out, or drawn as the same empty box, give the same picture).
    p.replace("cxsite.yaml", "title: \"脆脆客户体验\"", "title: \"验体户客脆脆\"");
    p.build().expect(0);
    let backward = std::fs::read(p.public().join("assets/preview.png")).unwrap();
    assert!(forward != backward, "the Chinese title drew the same picture forwards and backwards");
    p.replace("cxsite.yaml", "title: \"验体户客脆脆\"", "title: \"验体户客脆脆𠮷\"");
    p.build().expect(0).stderr_has(&["warning: cxsite.yaml:", "no glyph for 𠮷 of the title"]);
    let gap = std::fs::read(p.public().join("assets/preview.png")).unwrap();
    assert!(gap == backward, "a character with no glyph drew something");
}

/// The SVG elements of `class` in a page, each from `<svg` to its `</svg>`.
fn svgs<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<svg class=\"{class}\"");
    html.match_indices(&open).map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + 6]).collect()
}

/// Every `font-size="N"` (an SVG attribute) in a drawing.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"").skip(1).filter_map(|s| s.split('"').next()?.parse().ok()).collect()
}

#[test]
fn phones_get_a_tall_journey_map_and_narrow_charts_whose_text_is_12_px_or_more() {
    let p = Project::new("basic");
    p.build().expect(0);
    // The journey map twice: wide and tall, each with every stage and every card once, and
    // their own title ids (the hidden one is display: none, so one title is ever exposed).
    let journey = p.built("journey.html");
    for class in ["journey-map jm-wide", "journey-map jm-tall"] {
        let maps = svgs(&journey, class);
        assert_eq!(maps.len(), 1, "{class}");
        for link in [
            "href=\"stages/buy.html\"",
            "href=\"touchpoints/web.html\" class=\"jm-card\"",
            "href=\"touchpoints/store.html\" class=\"jm-card\"",
        ] {
            assert_eq!(maps[0].matches(link).count(), 1, "{class}: {link}");
        }
    }
    assert!(journey.contains("aria-labelledby=\"jm-title\"") && journey.contains("aria-labelledby=\"jm-title-tall\""));
    // The wide emotion curve names every point: each touchpoint under its point, in journey
    // order, and the tall map's strip writes its scale's ends at its top as at its bottom.
    let wide = svgs(&journey, "journey-map jm-wide")[0];
    let labels: Vec<&str> = wide.split("class=\"jm-label\">").skip(1).map(|t| t.split('<').next().unwrap()).collect();
    assert_eq!(labels, ["Website", "Store"], "{wide}");
    let tall = svgs(&journey, "journey-map jm-tall")[0];
    assert_eq!(tall.matches("class=\"jm-axis\"").count(), 5, "NPS and two ends twice: {tall}");
    // The ends read as an axis: round steps of 10 around the touchpoints' NPS (Website 0.0,
    // Store 33.3 in metrics.csv) padded by the larger of 15 % of their spread (5.0) and 3 % of
    // the NPS axis (6.0), so −6.0 … +39.3, widened to −10 … +40: not the padded values
    // themselves (−6 … +39 before).
    let ends: Vec<&str> = tall.split("class=\"jm-axis\">").skip(1).map(|t| t.split('<').next().unwrap()).collect();
    assert_eq!(ends, ["NPS", "−10", "−10", "+40", "+40"], "{tall}");
    assert!(svgs(&journey, "journey-map jm-tall")[0].contains("viewBox=\"0 0 330 "));
    let css = p.built("assets/cxsite.css");
    assert!(css.contains("@media (max-width: 1259px) { .journey-map.jm-wide { display: none; } .journey-map.jm-tall { display: block; } }"));
    // The quadrant's narrow drawing is keyed under it, every touchpoint by its whole name, as
    // links in the page's text (a key inside the drawing scaled down to 9 px on a phone).
    let drivers = p.built("drivers.html");
    let narrow = svgs(&drivers, "quadrant q-narrow");
    assert_eq!(narrow.len(), 1);
    let key = drivers.split(r#"<ol class="q-key">"#).nth(1).and_then(|k| k.split("</ol>").next()).expect("a key");
    assert!(key.contains(">Website</a></li>") && key.contains(">Store</a></li>"), "{key}");
    // Narrow drawings are drawn 330 wide for a column of about 330 px: text of 12 and up
    // stays at 11 px or more on a 390-px phone.
    let page = p.built("touchpoints/web.html");
    let mut drawings = svgs(&page, "v-narrow");
    drawings.extend(narrow);
    assert!(drawings.len() >= 2, "a trend and the quadrant at least");
    for svg in drawings {
        assert!(svg.contains("viewBox=\"0 0 330 "), "{}", &svg[..120]);
        let sizes = font_sizes(svg);
        assert!(!sizes.is_empty() && sizes.iter().all(|s| *s >= 12.0), "{sizes:?}");
    }
}

#[test]
fn a_page_inside_a_section_marks_the_sections_menu_link_and_bar_axes_are_named() {
    let p = Project::new("basic");
    p.build().expect(0);
    let store = p.built("dimensions/store_name/airport-5231388250.html");
    // The store list is the section the page is in: marked as such, not as the page itself.
    assert!(store.contains("href=\"../../dimensions/store_name/index.html\" aria-current=\"true\">"), "{store}");
    let list = p.built("dimensions/store_name/index.html");
    assert!(list.contains("href=\"../../dimensions/store_name/index.html\" aria-current=\"page\">"), "{list}");
    assert!(!p.built("index.html").contains("aria-current=\"true\""));
    // A bar column's heading is read as what it is, not as its two tick labels run together.
    let web = p.built("touchpoints/web.html");
    assert!(web.contains("<th scope=\"col\" class=\"bar-col\"><span class=\"sr\">Chart, from "), "{web}");
}

/// Windows high contrast paints every background in its Canvas colour: what says what it says
/// by its fill (key swatches, dots, interval bars, heat-map cells, the drawings) keeps its own
/// colours with a system-coloured edge, and the menu's current page gets an outline.
#[test]
fn forced_colours_keep_swatches_bars_heat_cells_and_drawings_visible() {
    let p = Project::new("basic");
    p.build().expect(0);
    let css = p.built("assets/cxsite.css");
    let at = css.find("@media (forced-colors: active) {").expect("a forced-colours block");
    let block = &css[at..at + css[at..].find("\n}\n").unwrap()];
    for rule in [
        ".swatch, .dot, .track .ci, .ci-key, .event-no, .tag, .heatmap td { forced-color-adjust: none; }",
        ".swatch, .dot, .track .ci, .ci-key, .event-no, .tag { border: 1px solid CanvasText; }",
        ".map, .chart-svg, .quadrant { forced-color-adjust: none; background: #fff; color: #1a1a1a; }",
        ".nav-main a[aria-current=\"page\"] { outline: 2px solid Highlight; outline-offset: 1px; }",
    ] {
        assert!(block.contains(rule), "{rule} missing from:\n{block}");
    }
}

/// The heat map on a phone scrolls under a sticky theme column that is narrow (names wrap),
/// so that several touchpoints show beside it, not two; names wrap between words, a word past
/// 11em alone breaking (tests/browser/checks.js, check 20, sees the page as drawn).
#[test]
fn the_heat_map_keeps_a_narrow_sticky_theme_column_on_a_phone() {
    let p = Project::new("basic");
    p.build().expect(0);
    let css = p.built("assets/cxsite.css");
    assert!(css.contains(".table-scroll tbody th, .table-scroll thead th:first-child { position: sticky; left: 0;"));
    assert!(css.contains("@media (max-width: 860px) {\n  .table-scroll .heatmap tbody th { white-space: normal; min-width: 7em; width: 7em;"), "{css}");
    assert!(
        css.contains(
            ".table-scroll .heatmap tbody th a { display: inline-block; max-width: 11em; overflow-wrap: break-word; }"
        ),
        "{css}"
    );
}

/// With `min_n: 1` the methodology said "fewer than 1 answers" and "at least 1 answers":
/// every sentence that names a count before its noun says it in the singular for one
/// (the methodology, its comment section, the themes page's key, league notes, drivers).
#[test]
fn with_min_n_one_no_page_speaks_of_one_answers_comments_or_mentions() {
    let plural = regex::Regex::new(r"\b1 (answers|comments|mentions|respondents|days|groups)\b").unwrap();
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    for fixture in ["themes", "insights_wide", "basic"] {
        let p = Project::new(fixture);
        let yaml = std::fs::read_to_string(p.path("cxsite.yaml")).unwrap();
        let line = yaml.lines().find(|l| l.starts_with("min_n:")).unwrap().to_string();
        p.replace("cxsite.yaml", &line, "min_n: 1");
        p.build().expect(0);
        let mut said = Vec::new();
        for page in crate::support::html_pages(&p.public()) {
            let html = std::fs::read_to_string(&page).unwrap();
            let text = tags.replace_all(&html, "");
            said.extend(plural.find_iter(&text).map(|m| format!("{}: {}", page.display(), m.as_str())));
        }
        assert!(said.is_empty(), "{fixture}: {said:#?}");
        let methodology = p.built("methodology.html");
        assert!(methodology.contains("fewer than <strong>1 answer</strong>"), "{fixture}: {methodology}");
    }
}

/// The visible text of a page: no tags, scripts or styles, entities read, spaces collapsed.
fn visible_text(html: &str) -> String {
    let blocks = regex::Regex::new(r"(?s)<(script|style|svg)\b.*?</(script|style|svg)>").unwrap();
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    let text = tags.replace_all(&blocks.replace_all(html, " "), " ").into_owned();
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a technical term first appears in `text`, whether a plain explanation follows it in
/// brackets within a few characters ("top box (the answers that count as satisfied …)"):
/// `None` when it does, else what follows it instead. A citation in brackets ("(Holm 1979)")
/// or a few words ("(4–5)") is no explanation.
fn unexplained(text: &str, term: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find(&term.to_lowercase())? + term.len();
    let after = &text[at..];
    let near: String = after.chars().take(30).collect();
    let open = near.find(['(', '（']).filter(|o| !near[..*o].contains(". ") && !near[..*o].contains('。'));
    let Some(open) = open else { return Some(format!("{term}{near}…")) };
    let inside: String = after[open..].chars().skip(1).take_while(|c| *c != ')' && *c != '）').collect();
    let year = regex::Regex::new(r"\b(19|20)\d\d\b").unwrap();
    let cjk = inside.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    let words = inside.split_whitespace().count();
    (year.is_match(&inside) || (words < 5 && cjk < 8)).then(|| format!("{term}{}({inside})", &after[..open]))
}

/// Executives read the drivers, methodology and themes pages: each technical term gets a plain
/// explanation where it first appears, in both locales, the exact term kept for the expert
/// ("top box (the answers that count as satisfied …)", "Holm’s step-down procedure (a
/// stricter bar …)"). Wide data (relative weights) and long data (top-box gaps), with and
/// without comment themes.
#[test]
fn technical_terms_are_explained_in_plain_words_where_they_first_appear() {
    let en = [
        "confidence level",
        "standard error",
        "adjusted-Wald",
        "top box",
        "Wilson score",
        "Student t",
        "z-test",
        "Holm",
        "correlat",
        "R²",
        "relative weight",
        "median",
        "quintile",
        "log-odds",
    ];
    let zh = [
        "置信水平",
        "标准误",
        "调整 Wald",
        "最高档",
        "Wilson 分数",
        "t 区间",
        "z 检验",
        "Holm",
        "相关",
        "R²",
        "相对权重",
        "中位数",
        "五分位数",
        "对数几率",
    ];
    let mut checked = std::collections::BTreeSet::new();
    for fixture in ["insights_wide", "basic", "themes"] {
        for (locale, terms) in [("en", &en), ("zh-CN", &zh)] {
            let p = Project::new(fixture);
            let yaml = std::fs::read_to_string(p.path("cxsite.yaml")).unwrap();
            let line = yaml.lines().find(|l| l.starts_with("locale:")).map(str::to_string);
            match line {
                Some(l) => p.replace("cxsite.yaml", &l, &format!("locale: {locale}")),
                None => p.replace("cxsite.yaml", "title:", &format!("locale: {locale}\ntitle:")),
            }
            p.build().expect(0);
            for page in ["drivers.html", "methodology.html", "quality.html", "themes.html"] {
                let Ok(html) = std::fs::read_to_string(p.public().join(page)) else { continue };
                let text = visible_text(&html);
                for term in terms.iter() {
                    if !text.to_lowercase().contains(&term.to_lowercase()) {
                        continue;
                    }
                    checked.insert(format!("{locale} {term}"));
                    let problem = unexplained(&text, term);
                    assert!(
                        problem.is_none(),
                        "{fixture} {locale} {page}: `{term}` first appears unexplained: {problem:?}"
                    );
                }
            }
        }
    }
    // Every term was met somewhere, so the test checks what it says it checks.
    assert_eq!(checked.len(), en.len() + zh.len(), "{checked:?}");
}

/// A sort key as `templates/cxsite.js` reads a cell: its `data-value`, else its text; a number
/// for a numeric column (`None` where there is none); lower case otherwise (`None` if blank).
fn sort_key(cell: scraper::ElementRef, numeric: bool) -> Option<Result<f64, String>> {
    let raw = match cell.value().attr("data-value") {
        Some(v) => v.to_string(),
        None => cell.text().collect::<String>().trim().to_string(),
    };
    if numeric {
        raw.parse::<f64>().ok().map(Ok)
    } else {
        (!raw.is_empty()).then(|| Err(raw.to_lowercase()))
    }
}

/// Checks every sortable table of the site in `out`: the heading that carries `aria-sort` is
/// one at most, a sortable one, and the rows are written in the order it says, rows without a
/// figure last (as the script sorts them). Returns the ids of the tables (`table.data`) with
/// such a heading, with the heading's text and order, and the ids of those without one.
fn initial_orders(out: &std::path::Path) -> (Vec<(String, String, String)>, Vec<String>) {
    use scraper::{Html, Selector};
    let (table, th, tr, cell) = (
        Selector::parse("table.sortable").unwrap(),
        Selector::parse("thead th").unwrap(),
        Selector::parse("tbody tr").unwrap(),
        Selector::parse("th, td").unwrap(),
    );
    let (mut ordered, mut unordered) = (Vec::new(), Vec::new());
    for (rel, bytes) in crate::common::files(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for t in doc.select(&table) {
            let id = t.ancestors().filter_map(scraper::ElementRef::wrap).find_map(|a| a.value().id()).unwrap_or("");
            let heads: Vec<_> = t.select(&th).collect();
            let sorted: Vec<(usize, &str)> =
                heads.iter().enumerate().filter_map(|(i, h)| h.value().attr("aria-sort").map(|o| (i, o))).collect();
            let data = t.value().has_class("data", scraper::CaseSensitivity::CaseSensitive);
            let Some(&(col, order)) = sorted.first() else {
                if data {
                    unordered.push(format!("{rel}#{id}"));
                }
                continue;
            };
            assert_eq!(sorted.len(), 1, "{rel}#{id}: aria-sort on more than one heading");
            assert!(matches!(order, "ascending" | "descending"), "{rel}#{id}: aria-sort={order}");
            let kind = heads[col].value().attr("data-sort");
            assert!(kind.is_some(), "{rel}#{id}: aria-sort on a heading that does not sort");
            let keys: Vec<_> = t
                .select(&tr)
                .map(|r| r.select(&cell).nth(col).and_then(|c| sort_key(c, kind == Some("num"))))
                .collect();
            let figures = keys.iter().take_while(|k| k.is_some()).count();
            assert!(keys[figures..].iter().all(Option::is_none), "{rel}#{id}: a row without a figure before one with");
            for w in keys[..figures].windows(2) {
                let in_order = match (&w[0], &w[1], order) {
                    (Some(Ok(a)), Some(Ok(b)), "ascending") => a <= b,
                    (Some(Ok(a)), Some(Ok(b)), _) => a >= b,
                    (Some(Err(a)), Some(Err(b)), "ascending") => a <= b,
                    (Some(Err(a)), Some(Err(b)), _) => a >= b,
                    _ => false,
                };
                assert!(in_order, "{rel}#{id}: {:?} then {:?} is not {order}", w[0], w[1]);
            }
            if data {
                let head = heads[col].text().collect::<String>().trim().to_string();
                ordered.push((format!("{rel}#{id}"), head, order.to_string()));
            }
        }
    }
    (ordered, unordered)
}

/// A table written in the order of one of its columns says so (`aria-sort` on that heading),
/// so a screen reader tells the order before any heading is activated: the league by rank,
/// the drivers by importance, the themes by mentions, harshness harshest first. (That the
/// script turns the order round on the first activation and moves `aria-sort` with every sort
/// is tests/browser.rs's `a_table_sorted_as_written_says_so_and_the_script_keeps_aria_sort_with_each_sort`.)
#[test]
fn a_table_written_in_the_order_of_a_column_says_so_on_its_heading() {
    let dir = crate::common::TempDir::new();
    let out = dir.path().join("site");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project");
    let os = std::ffi::OsStr::new;
    crate::common::cxsite(dir.path(), [os("build"), sample.as_os_str(), os("-o"), out.as_os_str(), os("-q")]).expect(0);
    let (ordered, unordered) = initial_orders(&out);
    // Every sortable table of numbers is written in some column's order.
    assert!(unordered.is_empty(), "{unordered:?}");
    let find = |id: &str| -> Vec<(&str, &str)> {
        ordered.iter().filter(|(at, _, _)| at.ends_with(id)).map(|(_, h, o)| (h.as_str(), o.as_str())).collect()
    };
    assert_eq!(find("themes.html#themes"), [("Comments", "descending")]);
    assert_eq!(find("drivers.html#drivers"), [("Importance", "descending")]);
    assert_eq!(find("segments/index.html#harshness-nps"), [("Harshness", "ascending")]);
    let leagues = ordered.iter().filter(|(at, _, _)| at.ends_with("#league")).count();
    assert!(
        leagues >= 2
            && ordered
                .iter()
                .filter(|(at, _, _)| at.ends_with("#league"))
                .all(|(_, h, o)| h == "Rank" && o == "ascending"),
        "{ordered:?}"
    );

    // Where lower is better, the harshest segment is the highest: the order is descending.
    let p = Project::new("insights_lower");
    p.build().expect(0);
    let (ordered, _) = initial_orders(&p.public());
    let harsh: Vec<_> = ordered.iter().filter(|(at, _, _)| at.contains("#harshness-")).collect();
    assert!(
        harsh.iter().any(|(at, h, o)| at.ends_with("#harshness-wait") && h == "Harshness" && o == "descending"),
        "{harsh:?}"
    );
    assert!(harsh.iter().any(|(at, _, o)| at.ends_with("#harshness-csat") && o == "ascending"), "{harsh:?}");
}
