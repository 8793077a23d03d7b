//! What a built site must be whatever the data held: every page parsed by an HTML5 parser
//! (as a browser would read it) with no script but the site's own, no event handler, no
//! `javascript:` URL, no frame, the CSP first in `<head>`, no XML-illegal character, every
//! internal link resolving to a file of the site, ASCII-safe file names, strict JSON and
//! spreadsheet-safe CSV downloads.

use std::collections::BTreeMap;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::support::files;

/// Characters that XML 1.0 forbids (and HTML calls control-character parse errors), and the
/// C1 controls and non-characters that cxsite replaces as well.
pub fn xml_illegal(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&(c as u32))
        || matches!(c as u32, 0xFFFE | 0xFFFF)
}

/// The model of what cxsite does to data text before it reaches a page: XML-illegal
/// characters become U+FFFD.
pub fn clean(s: &str) -> String {
    s.chars().map(|c| if xml_illegal(c) { '\u{FFFD}' } else { c }).collect()
}

/// The model of what an HTML parser gives back for text: line breaks are normalised to LF.
pub fn as_dom_text(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A page of a built site, parsed.
pub struct Page {
    /// Path from the site root, with `/`.
    pub path: String,
    pub raw: String,
    pub doc: Html,
}

impl Page {
    /// The elements matching a CSS selector.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.doc.select(&sel).collect()
    }

    /// The text of every element matching a CSS selector.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).iter().map(|e| e.text().collect::<String>()).collect()
    }

    /// The text of the one element matching a CSS selector.
    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        let t = self.texts(css);
        assert_eq!(t.len(), 1, "{}: expected one `{css}`, found {}", self.path, t.len());
        t.into_iter().next().unwrap()
    }

    /// The value of attribute `attr` of every element matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css).iter().filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
    }
}

/// Every HTML page of a site, parsed.
pub fn pages(site: &Path) -> Vec<Page> {
    files(site)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| {
            let raw = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"));
            let doc = Html::parse_document(&raw);
            Page { path, raw, doc }
        })
        .collect()
}

/// One page of a site, parsed.
#[track_caller]
pub fn page(site: &Path, rel: &str) -> Page {
    let raw = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
    let doc = Html::parse_document(&raw);
    Page { path: rel.to_string(), raw, doc }
}

/// Attributes that hold a URL a browser may load or navigate to.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "data", "poster", "srcset", "background", "lowsrc", "ping", "cite"];

/// Elements that never belong on a cxsite page.
const FORBIDDEN_ELEMENTS: &[&str] =
    &["iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal", "style"];

/// A URL as a browser would read its scheme: ASCII whitespace and controls removed, lower case.
fn scheme_of(url: &str) -> Option<String> {
    let squeezed: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = squeezed.to_ascii_lowercase();
    let colon = lower.find(':')?;
    let before = &lower[..colon];
    if before.is_empty() || before.contains(['/', '?', '#']) {
        return None;
    }
    Some(before.to_string())
}

/// Asserts everything a page must be, whatever the data. `external` allows http(s)/mailto
/// links (the team's markdown pages); data-driven pages must link only inside the site.
#[track_caller]
pub fn assert_clean_page(site: &Path, page: &Page, external: bool) {
    let path = &page.path;
    // Characters XML forbids never reach a page (HTML or the SVG inside it).
    if let Some((i, c)) = page.raw.char_indices().find(|(_, c)| xml_illegal(*c)) {
        let from = page.raw[..i].char_indices().rev().nth(40).map(|(j, _)| j).unwrap_or(0);
        panic!("{path}: XML-illegal character U+{:04X} at byte {i}, after {:?}", c as u32, &page.raw[from..i]);
    }
    // The CSP is the first element of <head>, so nothing before it runs unrestricted.
    let head = page.select("head");
    assert_eq!(head.len(), 1, "{path}: expected one <head>");
    let first = head[0].children().filter_map(ElementRef::wrap).next().expect("an element in <head>");
    assert_eq!(first.value().name(), "meta", "{path}: the first element of <head> is <{}>", first.value().name());
    assert_eq!(
        first.value().attr("http-equiv").map(str::to_ascii_lowercase).as_deref(),
        Some("content-security-policy"),
        "{path}: the first element of <head> is not the CSP meta"
    );
    let csp = first.value().attr("content").unwrap_or("");
    for directive in ["default-src 'none'", "script-src 'self'", "base-uri 'none'"] {
        assert!(csp.contains(directive), "{path}: the CSP lacks {directive}: {csp}");
    }
    let depth = path.matches('/').count();
    let own_script = format!("{}assets/cxsite.js", "../".repeat(depth));
    let mut scripts = 0;
    for node in page.doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else { continue };
        let e = el.value();
        let name = e.name().to_ascii_lowercase();
        assert!(!FORBIDDEN_ELEMENTS.contains(&name.as_str()), "{path}: a <{name}> element: {}", el.html());
        if name == "script" {
            scripts += 1;
            assert_eq!(e.attr("src"), Some(own_script.as_str()), "{path}: a script that is not the site's own");
            assert!(el.text().all(|t| t.trim().is_empty()), "{path}: an inline script: {}", el.html());
        }
        if name == "meta" {
            if let Some(h) = e.attr("http-equiv") {
                assert!(h.eq_ignore_ascii_case("content-security-policy"), "{path}: <meta http-equiv={h:?}>");
            }
        }
        for (attr, value) in e.attrs() {
            let attr_l = attr.to_ascii_lowercase();
            assert!(!attr_l.starts_with("on"), "{path}: event handler attribute {attr}={value:?} on <{name}>");
            if attr_l == "style" {
                let v = value.to_ascii_lowercase();
                assert!(
                    !v.contains("url(") && !v.contains("expression(") && !v.contains('\\'),
                    "{path}: style {value:?}"
                );
            }
            if URL_ATTRIBUTES.contains(&attr_l.as_str()) {
                assert_safe_url(site, path, &name, &attr_l, value, external);
            }
        }
    }
    assert_eq!(scripts, 1, "{path}: expected exactly the site's own script");
    assert_eq!(page.select("head > title").len(), 1, "{path}: expected one <title> in <head>");
}

#[track_caller]
fn assert_safe_url(site: &Path, path: &str, element: &str, attr: &str, url: &str, external: bool) {
    match scheme_of(url).as_deref() {
        None => {}
        Some("http" | "https" | "mailto") if external && element == "a" => return,
        Some(s) => panic!("{path}: <{element} {attr}={url:?}> has the scheme `{s}:`"),
    }
    if url.starts_with('#') {
        return;
    }
    assert!(!url.starts_with("//"), "{path}: protocol-relative URL {url:?}");
    assert!(!url.starts_with('/'), "{path}: absolute path {url:?} (links must be relative)");
    // The link resolves, inside the site, to a file the build wrote.
    let target = url.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                assert!(parts.pop().is_some(), "{path}: {url:?} leaves the site");
            }
            s => parts.push(s),
        }
    }
    let resolved = parts.join("/");
    assert!(
        site.join(&resolved).is_file(),
        "{path}: <{element} {attr}={url:?}> points at {resolved}, which was not written"
    );
}

/// A file name a web server, a zip and every operating system take as it is.
fn ascii_safe(name: &str) -> bool {
    name == ".cxsite-output"
        || (!name.is_empty()
            && !name.starts_with('.')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
}

/// Asserts every file name of a site is ASCII-safe and short.
#[track_caller]
pub fn assert_file_names_safe(site: &Path) {
    for path in files(site).keys() {
        for part in path.split('/') {
            assert!(ascii_safe(part), "file name {part:?} of {path} is not ASCII-safe");
            assert!(part.len() <= 100, "file name {part:?} is too long");
        }
    }
}

/// The spreadsheet rule for text cells: `=`, `+`, `-`, `@`, tab, CR, LF or `'` first → `'` first.
pub fn spreadsheet_safe(text: &str) -> String {
    // A text already starting with the quote gets one more, so no two texts are written alike.
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\'']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The control-character rule of the CSV download: U+0000–U+001F but tab, LF and CR, and
/// U+007F–U+009F, are written as U+FFFD.
pub fn csv_text(text: &str) -> String {
    spreadsheet_safe(
        &text
            .chars()
            .map(|c| if c.is_control() && !matches!(c, '\t' | '\n' | '\r') { '\u{FFFD}' } else { c })
            .collect::<String>(),
    )
}

/// metrics.csv, parsed: rows of 7 cells after the contract header.
#[track_caller]
pub fn metrics_csv(site: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.join("data/metrics.csv")).expect("metrics.csv");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
    let mut rows: Vec<Vec<String>> =
        r.records().map(|x| x.expect("well-formed CSV").iter().map(str::to_string).collect()).collect();
    assert_eq!(rows.remove(0), ["dimension", "group", "metric", "n", "value", "ci_low", "ci_high"]);
    for row in &rows {
        assert_eq!(row.len(), 7, "{row:?}");
    }
    rows
}

/// metrics.json, parsed strictly (serde_json refuses NaN and Infinity).
#[track_caller]
pub fn metrics_json(site: &Path) -> serde_json::Value {
    let bytes = std::fs::read(site.join("data/metrics.json")).expect("metrics.json");
    let text = String::from_utf8(bytes).expect("metrics.json is UTF-8");
    serde_json::from_str(&text).expect("metrics.json is strict JSON")
}

/// The metric rows of metrics.json, keyed like metrics.csv: (dimension, group, metric).
pub fn json_rows(json: &serde_json::Value) -> BTreeMap<(String, String, String), serde_json::Value> {
    json["metrics"]
        .as_array()
        .expect("metrics.json has `metrics`")
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            ((s("dimension"), s("group"), s("metric")), r.clone())
        })
        .collect()
}

/// Asserts the downloads keep their contract: metrics.csv's text cells are spreadsheet-safe,
/// hold no control character but tab, LF and CR, and are metrics.json's raw groups under
/// the `'` and U+FFFD rules; metrics.json is strict.
#[track_caller]
pub fn assert_downloads_sound(site: &Path) {
    let csv = metrics_csv(site);
    let json = metrics_json(site);
    let raw: Vec<(String, String, String)> = json_rows(&json).into_keys().collect();
    let mut from_json: Vec<(String, String, String)> =
        raw.iter().map(|(d, g, m)| (csv_text(d), csv_text(g), csv_text(m))).collect();
    let mut from_csv: Vec<(String, String, String)> =
        csv.iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone())).collect();
    from_json.sort();
    from_csv.sort();
    assert_eq!(from_csv, from_json, "metrics.csv's text cells are metrics.json's under the `'` rule");
    for r in &csv {
        for cell in &r[..3] {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']), "unsafe CSV cell {cell:?}");
            assert!(
                !cell.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
                "raw control character in CSV cell {cell:?}"
            );
        }
        for cell in &r[3..] {
            assert!(cell.is_empty() || cell.parse::<f64>().is_ok_and(f64::is_finite), "not a number: {cell:?}");
        }
    }
}

/// Everything above, on every page and file of a built site.
#[track_caller]
pub fn assert_site_clean(site: &Path) {
    assert!(site.join(".cxsite-output").is_file(), "the site carries cxsite's marker");
    assert_file_names_safe(site);
    let all = pages(site);
    assert!(all.iter().any(|p| p.path == "index.html"), "the site has a summary page");
    for p in &all {
        assert_clean_page(site, p, p.path.starts_with("pages/"));
    }
    for (path, bytes) in files(site) {
        if path.ends_with(".svg") || path.ends_with(".mmd") {
            let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
            assert!(!text.chars().any(xml_illegal), "{path} holds an XML-illegal character");
        }
    }
    assert_downloads_sound(site);
}

/// Asserts no URL-bearing attribute nor `og:url` of any page contains `raw`.
#[track_caller]
pub fn assert_not_in_urls(site: &Path, raw: &str) {
    for p in pages(site) {
        for node in p.doc.tree.nodes() {
            let Some(el) = ElementRef::wrap(node) else { continue };
            for (attr, value) in el.value().attrs() {
                let url_like = URL_ATTRIBUTES.contains(&attr)
                    || (attr == "content" && el.value().attr("property") == Some("og:url"));
                assert!(
                    !(url_like && value.contains(raw)),
                    "{}: {attr}={value:?} carries the raw value {raw:?}",
                    p.path
                );
            }
        }
    }
}
