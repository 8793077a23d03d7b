//! Group 1: hostile text in every free-text cell of a dataset (and in the team's own names)
//! reaches every page kind only as text: never as markup, a script, a link target, a
//! template, a file name or a path; and the downloads keep it raw (JSON) or
//! spreadsheet-safe (CSV).

use std::path::Path;

use cxsite::aggregate::redact::{comment as shown_comment, strip_invisible, MAX_COMMENT_CHARS};

use crate::fixture::{hostile_project, yaml_str, TOUCHPOINTS, YAML};
use crate::site::{
    as_dom_text, assert_not_in_urls, assert_site_clean, clean, json_rows, metrics_csv, metrics_json, page, pages, Page,
};
use crate::support::{csv_bytes, paths, snapshot_except, Proj};

/// The text a page shows for a data value: invisible format characters (bidi controls,
/// zero-width spaces) dropped, trimmed, XML-illegal characters replaced, and line breaks as an
/// HTML parser normalises them.
fn shown(value: &str) -> String {
    // A group's name also drops variation selectors (`✔\u{fe0e}` is the group `✔`).
    let plain: String = strip_invisible(value).chars().filter(|c| !('\u{fe00}'..='\u{fe0f}').contains(c)).collect();
    as_dom_text(&clean(plain.trim()))
}

/// The group page that the index page `index` links to under the text `text`.
#[track_caller]
fn group_page_linked_as(site: &Path, index: &str, text: &str) -> Page {
    let idx = page(site, index);
    let links: Vec<_> = idx
        .select("main a")
        .into_iter()
        .filter(|a| a.text().collect::<String>() == text)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(!links.is_empty(), "{index} has no link with the text {text:?}");
    for href in &links {
        assert!(
            href.len() <= 48
                && href.ends_with(".html")
                && href.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.')),
            "{index}: the link to {text:?} is not a generated slug: {href}"
        );
    }
    let dir = Path::new(index).parent().unwrap().to_string_lossy().into_owned();
    page(site, &format!("{dir}/{}", links[0]))
}

/// Builds the hostile project for `value` and checks that the value is text, and only text,
/// on every page it reaches, that no file lands outside the output directory, and that the
/// downloads carry it raw (JSON) and spreadsheet-safe (CSV).
#[track_caller]
fn assert_value_is_text_everywhere(value: &str) {
    let p = hostile_project(value);
    let outside = snapshot_except(p.tmp(), &[&p.public()]);
    p.build().expect(0);
    let site = p.public();
    assert_eq!(snapshot_except(p.tmp(), &[&p.public()]), outside, "the build wrote outside its output directory");
    assert_site_clean(&site);
    let text = shown(value);

    // Dimension values: a group page under a generated slug, its value as heading and titles.
    for (dim, name) in [("store", "Stores"), ("region", "Region")] {
        let g = group_page_linked_as(&site, &format!("dimensions/{dim}/index.html"), &text);
        assert_eq!(g.text("h1"), text, "{}: heading", g.path);
        assert_eq!(g.text("p.kicker"), name);
        assert!(g.text("head > title").starts_with(&format!("{text} · ")), "{}: <title>", g.path);
        let og = g.attrs("meta[property='og:title']", "content");
        assert!(og.len() == 1 && og[0].starts_with(&text), "{}: og:title {og:?}", g.path);
        let url = g.attrs("meta[property='og:url']", "content");
        assert_eq!(url, [format!("https://cx.example.com/site/{}", g.path)], "og:url is the base URL and the slug");
    }
    // The summary names the store (three detractors: one star) in its league finding.
    let findings = page(&site, "index.html").texts("section.findings li");
    assert!(findings.iter().any(|f| f.contains(&text)), "the summary's findings: {findings:?}");
    // A from_column segment: its page under a slug of the id, the value in its name.
    let seg = group_page_linked_as(&site, "segments/index.html", &format!("Tier: {text}"));
    assert_eq!(seg.text("h1"), format!("Tier: {text}"));
    // Comments: redacted (and cut) at ingest, shown on the touchpoint and stage pages.
    let comment = as_dom_text(&clean(&shown_comment(value.trim())));
    for tp in TOUCHPOINTS {
        let q = page(&site, &format!("touchpoints/{tp}.html")).texts("q");
        assert!(q.contains(&comment), "touchpoints/{tp}.html does not show the comment as text; it shows {q:?}");
    }
    for stage in ["aware", "buy"] {
        assert!(page(&site, &format!("stages/{stage}.html")).texts("q").contains(&comment), "stages/{stage}.html");
    }
    // The value as a touchpoint, a date and a score: examples on the data-quality page.
    let quality = page(&site, "quality.html");
    let examples = quality.texts("code");
    // Quoted as Rust does, but a NUL as `\u{0}` (its `\0` before digits reads as octal).
    let quoted = as_dom_text(&clean(&format!("{:?}", strip_invisible(value).trim()).replace("\\0", "\\u{0}")));
    for why in ["not a touchpoint id or name", "not a date", ":nps: "] {
        assert!(
            examples.iter().any(|e| e.contains(&quoted) && e.contains(why)),
            "quality.html lacks the example {why:?} with {quoted:?}: {examples:?}"
        );
    }
    // No link, image or og:url carries the raw value.
    if value.trim().chars().count() >= 3 {
        assert_not_in_urls(&site, value.trim());
    }
    // metrics.json holds the raw value (without invisible characters); metrics.csv the
    // spreadsheet-safe one.
    let json = json_rows(&metrics_json(&site));
    let csv = metrics_csv(&site);
    let raw: String = strip_invisible(value).chars().filter(|c| !('\u{fe00}'..='\u{fe0f}').contains(c)).collect();
    let raw = raw.trim().to_string();
    for dim in ["store", "region"] {
        let key = (dim.to_string(), raw.clone(), "nps".to_string());
        assert!(json.contains_key(&key), "metrics.json lacks the raw group of {dim}");
        assert!(
            csv.iter().any(|r| r[0] == dim && r[1] == crate::site::csv_text(&raw) && r[2] == "nps"),
            "metrics.csv lacks the group of {dim}"
        );
    }
    assert!(json.contains_key(&("segment".into(), format!("tier:{raw}"), "nps".into())));
}

#[test]
fn a_value_that_closes_svg_text_and_opens_a_script_is_only_text_on_every_page() {
    assert_value_is_text_everywhere("</text><script>alert(1)</script>");
}

#[test]
fn a_value_that_breaks_out_of_an_attribute_into_an_image_with_onerror_is_only_text() {
    assert_value_is_text_everywhere("\"><img src=x onerror=alert(1)>");
}

#[test]
fn a_javascript_url_as_a_value_never_becomes_a_link_target() {
    assert_value_is_text_everywhere("javascript:alert(1)");
}

#[test]
fn a_path_traversal_value_never_becomes_a_path_or_a_file_outside_the_site() {
    assert_value_is_text_everywhere("../../x");
    assert_value_is_text_everywhere("..\\..\\x/../../etc/passwd");
}

#[test]
fn template_syntax_in_data_is_shown_literally_and_never_evaluated() {
    // `49` would mean the value became template source.
    assert_value_is_text_everywhere("{{ 7*7 }}");
    assert_value_is_text_everywhere("{{ site.title }}{{ __tera_context }}");
}

#[test]
fn template_block_tags_in_data_are_shown_literally() {
    assert_value_is_text_everywhere("{% raw %}");
    assert_value_is_text_everywhere("{% endblock content %}{% include \"base.html\" %}{# x");
}

#[test]
fn a_markdown_link_in_data_stays_literal_text_and_never_becomes_a_link() {
    let v = "[x](javascript:alert(1)) **bold** <https://evil.example/>";
    assert_value_is_text_everywhere(v);
}

#[test]
fn line_and_paragraph_separators_stay_in_the_text_and_metrics_json_stays_strict() {
    assert_value_is_text_everywhere("one\u{2028}two\u{2029}three");
}

#[test]
fn nul_and_other_control_characters_become_replacement_characters_on_every_page() {
    // NUL, C0 controls, DEL, C1 controls (NEL among them) and the two non-characters, kept
    // away from the ends of the cell so that trimming does not remove them.
    let v = "a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1b}[31mg\u{7f}h\u{85}i\u{9f}j\u{fffe}k\u{ffff}l";
    assert_value_is_text_everywhere(v);
}

#[test]
fn line_breaks_and_tabs_inside_a_cell_are_text() {
    assert_value_is_text_everywhere("first line\nsecond\n\tindented");
}

#[test]
fn carriage_returns_and_blank_lines_inside_a_quoted_cell_reach_metrics_json_unchanged() {
    for v in ["first line\r\nsecond\rthird", "para one\n\npara two"] {
        let p = hostile_project(v);
        p.build().expect(0);
        let json = json_rows(&metrics_json(&p.public()));
        let stores: Vec<&String> =
            json.keys().filter(|(d, _, m)| d == "store" && m == "nps").map(|(_, g, _)| g).collect();
        assert!(stores.contains(&&v.to_string()), "{v:?} not among {stores:?}");
    }
}

#[test]
fn a_100_kb_cell_is_cut_as_a_comment_and_skipped_as_a_group_and_a_long_name_gets_a_short_file_name() {
    let unit = "<b>&amp; 长评论 😀 \"quoted\" ";
    let v = unit.repeat(100_000 / unit.len() + 1).trim().to_string();
    assert!(v.len() >= 100_000);
    // Once as a comment and once as a store: enough to show it whole, small enough to parse.
    let mut rows = crate::fixture::rows("plain");
    rows[0][9] = v.clone();
    rows[0][3] = v.clone();
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    let site = p.public();
    assert_site_clean(&site);
    // A comment is cut to MAX_COMMENT_CHARS characters and "…", once its character
    // references are read (`&amp;` is the `&` of a scraped page).
    let shown = v.replace("&amp;", "&");
    let cut: String = shown.chars().take(MAX_COMMENT_CHARS).collect::<String>().trim_end().to_string() + "…";
    assert!(page(&site, "touchpoints/ad.html").texts("q").contains(&cut), "the comment is shown cut");
    // As a store it names no group (a value of 100 KB would be on every metric row, page
    // title and file name of its store): it is a value skipped, on the data-quality page.
    let json = json_rows(&metrics_json(&site));
    assert!(!json.keys().any(|(d, g, _)| d == "store" && g.len() > 1_000), "a 100 KB store");
    assert!(json.keys().any(|(d, g, _)| d == "store" && g == "Shop A"));
    let quality = page(&site, "quality.html").text("main");
    assert!(quality.contains("store: longer than 1000 characters, not a group"), "{quality}");
    // A long name within the limit (1,000 characters of it) is a group, shown whole, with
    // a short file name.
    let name: String = v.chars().take(1_000).collect::<String>().trim().to_string();
    let mut rows = crate::fixture::rows("plain");
    rows[0][3] = name.clone();
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    let g = group_page_linked_as(&p.public(), "dimensions/store/index.html", &name);
    assert_eq!(g.text("h1"), name);
    assert!(g.path.len() < 80, "{}", g.path);
}

#[test]
fn three_10_mb_comments_make_pages_of_normal_size() {
    // Regression: three 10 MB comments made a 49 MB page.
    let mut rows = crate::fixture::rows("plain");
    for (i, row) in rows.iter_mut().take(3).enumerate() {
        row[9] = format!("{i} ") + &"长评论 long comment ".repeat(10_000_000 / 24);
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    for (path, bytes) in crate::support::files(&p.public()) {
        assert!(bytes.len() < 1_000_000, "{path} is {} bytes", bytes.len());
    }
    let shown = page(&p.public(), "touchpoints/ad.html").texts("q");
    assert!(shown.iter().any(|q| q.starts_with("0 长评论") && q.ends_with('…')), "{shown:?}");
}

#[test]
fn control_characters_in_a_group_name_are_replaced_in_metrics_csv_and_counted() {
    // Regression: control characters reached metrics.csv raw (a terminal escape in a store
    // name recolours the screen of whoever `cat`s the file).
    let v = "Shop\u{1b}[31m red\u{7}\u{0}\u{7f}";
    let p = hostile_project(v);
    let run = p.build();
    run.expect(0);
    let csv = metrics_csv(&p.public());
    let stores: Vec<&String> = csv.iter().filter(|r| r[0] == "store").map(|r| &r[1]).collect();
    assert!(stores.iter().any(|g| g.as_str() == "Shop\u{FFFD}[31m red\u{FFFD}\u{FFFD}\u{FFFD}"), "{stores:?}");
    let bytes = std::fs::read(p.public().join("data/metrics.csv")).unwrap();
    assert!(!bytes.iter().any(|b| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0x7f));
    // The store and the region carry it (4 each), in every row of theirs.
    let rows = csv.iter().filter(|r| r[1].contains('\u{FFFD}')).count();
    run.stderr_has(&["warning: data/metrics.csv:", &format!("{} control character(s)", rows * 4)]);
    // metrics.json keeps the raw string (escaped by JSON).
    let json = json_rows(&metrics_json(&p.public()));
    assert!(json.contains_key(&("store".to_string(), v.to_string(), "nps".to_string())));
}

/// An override left open in a comment or a store name would turn round the text after it on
/// the page (the score and date beside a comment: "NPS 10" read as "01 SPN"): bidi controls
/// are dropped from data values, which are shown and counted without them.
#[test]
fn right_to_left_overrides_and_isolates_are_dropped_so_they_cannot_turn_the_page_around() {
    let value = "\u{202e}lmth.exe\u{202c} \u{2066}x\u{2069} \u{200f}rtl \u{202b}y";
    assert_value_is_text_everywhere(value);
    let p = hostile_project(value);
    p.build().expect(0);
    for c in ['\u{202a}', '\u{202b}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200f}'] {
        let hit: Vec<String> = crate::support::files(&p.public())
            .into_iter()
            .filter(|(_, b)| crate::support::contains(b, c.to_string().as_bytes()))
            .map(|(k, _)| k)
            .collect();
        assert!(hit.is_empty(), "U+{:04X} is in {hit:?}", c as u32);
    }
}

/// The team's own names can write such characters too, as YAML escapes in double quotes (a
/// title copied from a JSON file): an override, a zero-width space, a NUL or a bell in the
/// site's title and a touchpoint's name reach no file of the site, and the names read as typed.
#[test]
fn escaped_overrides_and_control_characters_in_the_project_file_reach_no_page() {
    let yaml = YAML
        .replace(r#"title: "Hostile values""#, r#"title: "Acme\u202Eevil\u202C \0\x07\u200bCX\U00002066""#)
        .replace("name: Website,", r#"name: "Web\u202esite\e","#);
    let p = Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &crate::fixture::rows("x")))]);
    p.build().expect(0);
    for c in ['\u{202e}', '\u{202c}', '\u{2066}', '\u{200b}', '\0', '\u{7}', '\u{1b}'] {
        let hit: Vec<String> = crate::support::files(&p.public())
            .into_iter()
            .filter(|(k, b)| !k.ends_with(".png") && crate::support::contains(b, c.to_string().as_bytes()))
            .map(|(k, _)| k)
            .collect();
        assert!(hit.is_empty(), "U+{:04X} is in {hit:?}", c as u32);
    }
    let index = page(&p.public(), "index.html");
    assert_eq!(index.text("head > title"), "Acmeevil CX");
    // `!!binary` would decode base64 past that cleaning (`Report`, U+202E, `evil`): it is read
    // as the text it is written as.
    let binary = YAML.replace(r#"title: "Hostile values""#, "title: !!binary UmVwb3J0IOKArmV2aWw=");
    let b = Proj::new(&binary, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &crate::fixture::rows("x")))]);
    b.build().expect(0);
    assert_eq!(page(&b.public(), "index.html").text("head > title"), "UmVwb3J0IOKArmV2aWw=");
    let json = std::fs::read_to_string(p.public().join("data/metrics.json")).unwrap();
    assert!(json.contains("\"Website\""), "{json}");
}

/// A store written once with a zero-width space (or a bidi mark) is the same store, not a
/// second group that looks the same on every page and in metrics.csv; so is a tier.
#[test]
fn a_value_with_an_invisible_character_is_the_same_group_as_the_value_without_it() {
    let mut rows = crate::fixture::rows("plain");
    rows[0][3] = "Shop A\u{200B}".into();
    rows[12][3] = "\u{FEFF}Shop A".into();
    rows[24][3] = "Shop A".into();
    rows[2][5] = "gold\u{200E}".into();
    rows[14][5] = "gold".into();
    rows[26][5] = "gold".into();
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    let groups = |dim: &str| -> Vec<String> {
        let mut g: Vec<String> = metrics_csv(&p.public())
            .into_iter()
            .filter(|r| r[0] == dim && r[2] == "nps")
            .map(|r| r[1].clone())
            .collect();
        g.dedup();
        g
    };
    assert_eq!(groups("store"), ["Shop A"]);
    assert_eq!(groups("segment"), ["tier:gold", "young"]);
}

/// `Café` typed composed (NFC, U+00E9) and decomposed (NFD, `e` + U+0301, as macOS writes
/// it), and Korean typed as whole syllables or as jamo, are one value each: one store group,
/// one touchpoint, and a segment rule written in either form matches both.
#[test]
fn composed_and_decomposed_spellings_of_a_value_are_one_group() {
    let (nfc, nfd) = ("Caf\u{e9}", "Cafe\u{301}");
    // 한국: two syllables (U+D55C U+AD6D), or their jamo (ㅎ ㅏ ㄴ, ㄱ ㅜ ㄱ).
    let (ko_nfc, ko_nfd) = ("\u{d55c}\u{ad6d}", "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}");
    let yaml = format!(
        r#"title: Forms
min_n: 1
journey:
  stages:
    - {{ id: buy, name: Buy, touchpoints: [{{ id: web, name: "{nfc}" }}] }}
segments:
  - {{ id: cafe, name: Cafe, when: "store == '{nfd}'" }}
  - {{ id: korea, name: Korea, when: "store == '{ko_nfc}'" }}
datasets:
  - id: survey
    path: data/survey.csv
    columns: {{ touchpoint: tp }}
    scores: {{ nps: {{ column: nps }} }}
    dimensions: [store]
"#
    );
    // Café: 10, 9, 10, 5, 8, 10 — 4 promoters, 1 detractor of 6: NPS (4 − 1) / 6 = +50.
    // 한국: 10, 0, 0, 7 — 1 promoter, 2 detractors of 4: NPS (1 − 2) / 4 = −25.
    let data = [
        (nfc, "10"),
        (nfd, "9"),
        (nfc, "10"),
        (nfd, "5"),
        (nfd, "8"),
        (nfc, "10"),
        (ko_nfc, "10"),
        (ko_nfd, "0"),
        (ko_nfd, "0"),
        (ko_nfc, "7"),
    ];
    // The touchpoint column names the touchpoint by its name, in the other form half the time.
    let rows: Vec<Vec<String>> = data
        .iter()
        .enumerate()
        .map(|(i, (store, nps))| {
            vec![if i % 2 == 0 { nfd } else { nfc }.to_string(), store.to_string(), nps.to_string()]
        })
        .collect();
    let p = Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&["tp", "store", "nps"], &rows))]);
    p.build().expect(0);
    let nps: Vec<(String, String, String, f64)> = metrics_csv(&p.public())
        .into_iter()
        .filter(|r| r[2] == "nps" && ["store", "segment", "touchpoint"].contains(&r[0].as_str()))
        .map(|r| (r[0].clone(), r[1].clone(), r[3].clone(), r[4].parse().unwrap()))
        .collect();
    let want = [
        ("segment", "cafe", "6", 50.0),
        ("segment", "korea", "4", -25.0),
        ("store", nfc, "6", 50.0),
        ("store", ko_nfc, "4", -25.0),
        // All ten rows at `web`: 5 promoters (10, 9, 10, 10, 10), 3 detractors (5, 0, 0): +20.
        ("touchpoint", "web", "10", 20.0),
    ];
    let want: Vec<(String, String, String, f64)> =
        want.iter().map(|(d, g, n, v)| (d.to_string(), g.to_string(), n.to_string(), *v)).collect();
    assert_eq!(nps, want);
}

#[test]
fn emoji_with_joiners_flags_and_astral_characters_are_kept_as_text() {
    assert_value_is_text_everywhere("😀 👩‍👩‍👧‍👦 🇨🇳 ✔\u{fe0e} 𝕏 \u{200d}");
}

#[test]
fn chinese_text_with_full_width_punctuation_is_kept_as_text() {
    assert_value_is_text_everywhere("上海徐汇店（旗舰）＜script＞「好」");
}

#[test]
fn a_value_in_a_joined_lookup_reaches_segment_pages_only_as_text() {
    let v = "</title><script>alert(1)</script>";
    let yaml = r#"title: Lookup
min_n: 1
journey:
  stages:
    - { id: buy, name: Buy, touchpoints: [{ id: web, name: Website }] }
segments:
  - { from_column: tier, name: Tier }
datasets:
  - id: survey
    path: data/survey.csv
    touchpoint: web
    columns: { respondent: id }
    scores: { nps: { column: nps } }
  - { id: crm, path: data/crm.csv, key: customer }
joins:
  - { dataset: survey, column: id, to: crm }
"#;
    let survey: Vec<Vec<String>> = (0..8).map(|i| vec![format!("C{i}"), (i % 11).to_string()]).collect();
    let crm: Vec<Vec<String>> =
        (0..8).map(|i| vec![format!("C{i}"), if i % 2 == 0 { v.to_string() } else { "gold".into() }]).collect();
    let p = Proj::new(
        yaml,
        &[
            ("data/survey.csv", &csv_bytes(&["id", "nps"], &survey)),
            ("data/crm.csv", &csv_bytes(&["customer", "tier"], &crm)),
        ],
    );
    p.build().expect(0);
    assert_site_clean(&p.public());
    let seg = group_page_linked_as(&p.public(), "segments/index.html", &format!("Tier: {v}"));
    assert_eq!(seg.text("h1"), format!("Tier: {v}"));
    assert!(seg.text("head > title").starts_with(&format!("Tier: {v} · ")));
    assert_not_in_urls(&p.public(), v);
}

#[test]
fn hostile_names_written_by_the_team_are_escaped_in_navigation_the_journey_map_svg_and_the_driver_map() {
    let bad = "</text><script>alert(1)</script>\"'><img src=x onerror=alert(2)>{{ 7*7 }}";
    let q = yaml_str(bad);
    let yaml = YAML
        .replace("title: \"Hostile values\"", &format!("title: {q}"))
        .replace("name: Aware", &format!("name: {q}\n      description: {q}"))
        .replace(
            "{ id: ad, name: Social ad, channel: online }",
            &format!("{{ id: ad, name: {q}, channel: {q}, owner: {q}, description: {q} }}"),
        )
        .replace("name: Tier }", &format!("name: {q} }}"))
        .replace("name: Region }", &format!("name: {q} }}"))
        + &format!("events:\n  - {{ date: 2024-02-10, name: {q}, description: {q} }}\n");
    let rows = crate::fixture::rows("plain");
    let p = Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    let site = p.public();
    assert_site_clean(&site);
    let bad_text = as_dom_text(bad);
    // The journey map is an inline SVG: the stage name is a <text> of it (cut to fit).
    let journey = page(&site, "journey.html");
    let svg_texts = journey.texts("svg.journey-map text");
    assert!(
        svg_texts.iter().any(|t| t.starts_with("</text><script>")),
        "the map shows the name as text: {svg_texts:?}"
    );
    assert!(journey.select("svg script, svg foreignObject, svg image").is_empty());
    // The touchpoint page: heading, facts, description, title.
    let tp = page(&site, "touchpoints/ad.html");
    assert_eq!(tp.text("h1"), bad_text);
    assert_eq!(tp.text("p.lede"), bad_text);
    assert!(tp.texts("dd").iter().filter(|d| **d == bad_text).count() >= 3, "channel, owner, stage");
    assert!(tp.text("head > title").starts_with(&format!("{bad_text} · {bad_text}")));
    // The driver map (an SVG cxsite draws) labels the touchpoint, cut to fit.
    let drivers = page(&site, "drivers.html");
    let labels = drivers.texts("svg.quadrant a text");
    assert!(labels.iter().any(|t| t.starts_with("</text>")), "{labels:?}");
    // Navigation on every page shows the names as text.
    for pg in pages(&site) {
        assert!(pg.texts("nav a").contains(&bad_text), "{}: navigation", pg.path);
        assert_eq!(pg.text("a.brand"), bad_text, "{}: brand", pg.path);
    }
    // The trends page lists the event; the chart's own event label is its number only.
    let trends = page(&site, "trends.html");
    assert!(trends.texts("ul.events li").iter().any(|t| t.contains(&bad_text)));
    assert!(!trends.raw.contains("<script>alert"), "trends.html");
}

/// A score's `name:` is part of every touchpoint line of `data/journey.mmd` (`Website (NAME
/// +12): 4: online`): line breaks (any kind), `:`, `;` and `#` in it would write lines or fields
/// of their own (a fake section, a fake touchpoint scored 5), and `%%` a Mermaid comment or an
/// `%%{init}%%` directive that turns a renderer's security level down.
#[test]
fn a_score_name_cannot_add_lines_fields_or_directives_to_the_mermaid_download() {
    let name = "NPS): 1: x\n  section Injected\r\n    Fake (NPS +100): 5: attacker\u{2028}%%{init: {\"securityLevel\": \"loose\"}}%%; #y\u{85}%%%z";
    let yaml = YAML.replace("nps: { column: nps }", &format!("nps: {{ column: nps, name: {} }}", yaml_str(name)));
    let p = Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &crate::fixture::rows("x")))]);
    p.build().expect(0);
    let mmd = std::fs::read_to_string(p.public().join("data/journey.mmd")).unwrap();
    let lines: Vec<&str> = mmd.lines().collect();
    // journey, title, two sections, three touchpoints: nothing more.
    assert_eq!(lines.len(), 7, "{mmd}");
    assert_eq!(lines.iter().filter(|l| l.trim_start().starts_with("section ")).count(), 2, "{mmd}");
    assert!(!mmd.contains("%%") && !mmd.contains('\u{2028}') && !mmd.contains('\u{85}'), "{mmd}");
    for task in lines.iter().filter(|l| l.starts_with("    ")) {
        let fields: Vec<&str> = task.split(':').collect();
        assert_eq!(fields.len(), 3, "task: score: actor — {task}");
        assert!(
            fields[0].contains("securityLevel") && fields[0].contains("Injected"),
            "the name is kept as text: {task}"
        );
        let score: i64 = fields[1].trim().parse().unwrap_or_else(|e| panic!("{task}: {e}"));
        assert!((1..=5).contains(&score), "{task}");
    }
}

#[test]
fn group_names_that_spreadsheets_would_run_get_a_quote_in_metrics_csv_and_stay_raw_in_metrics_json() {
    let values = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "=1+1"];
    let yaml = YAML.replace("title: \"Hostile values\"", "title: Formulas");
    let mut rows = crate::fixture::rows("plain");
    for (i, r) in rows.iter_mut().enumerate() {
        r[3] = values[i % values.len()].to_string();
    }
    let p = Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    assert_site_clean(&p.public());
    let csv = metrics_csv(&p.public());
    let json = json_rows(&metrics_json(&p.public()));
    for v in values {
        assert!(csv.iter().any(|r| r[0] == "store" && r[1] == format!("'{v}")), "metrics.csv has '{v}");
        assert!(!csv.iter().any(|r| r[1] == v), "metrics.csv has {v} unquoted");
        assert!(json.contains_key(&("store".into(), v.into(), "nps".into())), "metrics.json has {v} raw");
        // The period breakdown of the group starts with the value too.
        assert!(csv.iter().any(|r| r[0] == "store_period" && r[1].starts_with(&format!("'{v}|"))));
    }
    // A cell that starts with a tab, CR or LF is trimmed before it becomes a group, so no
    // group can start with one; the CSV check above holds for every cell of the file.
    assert!(csv.iter().all(|r| !r[1].starts_with(['\t', '\r', '\n'])));
}

#[test]
fn a_cell_starting_with_a_tab_or_line_break_is_trimmed_before_it_becomes_a_group() {
    let mut rows = crate::fixture::rows("plain");
    for (i, r) in rows.iter_mut().enumerate() {
        r[3] = ["\t=tab", "\r\n=crlf", "\n@lf"][i % 3].to_string();
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    assert_site_clean(&p.public());
    let csv = metrics_csv(&p.public());
    let groups: std::collections::BTreeSet<&str> =
        csv.iter().filter(|r| r[0] == "store").map(|r| r[1].as_str()).collect();
    assert_eq!(groups.into_iter().collect::<Vec<_>>(), ["'=crlf", "'=tab", "'@lf"]);
}

#[test]
fn every_generated_file_name_is_ascii_safe_whatever_the_group_values() {
    let mut rows = crate::fixture::rows("plain");
    let names = ["上海徐汇店", "../..", ".hidden", "CON", "a/b\\c", "😀", "-rf", " ", "a:b*c?d\"e<f>g|h", "\u{0}"];
    for (i, r) in rows.iter_mut().enumerate() {
        r[3] = names[i % names.len()].to_string();
        r[5] = names[(i + 3) % names.len()].to_string();
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &rows))]);
    p.build().expect(0);
    let site = p.public();
    assert_site_clean(&site);
    let dims: Vec<_> =
        crate::support::files(&site).into_keys().filter(|k| k.starts_with("dimensions/store/")).collect();
    // One page per distinct non-blank value (the blank one is no group) and the index.
    assert_eq!(dims.len(), names.len() - 1 + 1, "{dims:?}");
    let all = crate::support::snapshot(&site);
    assert!(paths(&all).iter().all(|p| !p.contains("..")), "{:?}", paths(&all));
}
