//! Where a URL written in the team's files (a markdown page, a file of `static/`, a template
//! override) leads, and whether that is out of the site: an absolute path, a path above the
//! site's top folder, or the site's `data/` beyond its downloads (the project's raw data is
//! never published, so such a link points at it where the site sits in the project folder).
//! Read as a browser reads a URL: `\` is `/`, `%2e` is `.`, tabs and line breaks are dropped.

use regex::Regex;
use std::sync::LazyLock;

use crate::error::Diagnostic;

/// The files the site writes into its `data/` folder (some only when comments are analysed).
pub const DOWNLOADS: &[&str] = &["metrics.csv", "metrics.json", "journey.mmd", "comments.csv", "keywords.csv"];

/// How a URL leaves the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// `/etc/passwd`, `\x`: from `file://` or a sub-path this is outside the site.
    Absolute,
    /// `//host/x`: another host (or a network share from `file://`).
    OtherHost,
    /// `../../x` from a page one folder deep: above the site's top folder.
    Above,
    /// `../data/survey.csv`: the site's `data/` holds only its downloads.
    RawData,
}

impl Escape {
    /// Why `url` is refused, for a message.
    pub fn message(self, url: &str) -> String {
        let url: String = url.chars().take(80).collect();
        let why = match self {
            Escape::Absolute => "is an absolute path: opened from a folder (file://) or under a sub-path of a web server it leads out of the site, to the reader's own disk or another site",
            Escape::OtherHost => "starts with `//`, which leads to another host (a page may link to an outside page with its full https:// address in `<a href>`, but never load an image, script, style or font from one)",
            Escape::Above => "leads above the site's top folder, out of the site: to unpublished files of the project (its raw data) or the reader's own disk",
            Escape::RawData => "points into the site's data/ folder, which holds only the downloads (data/metrics.csv, data/metrics.json, data/journey.mmd): the project's raw data is never published",
        };
        format!("the link `{url}` {why}; link to a page of the site, or put the file under static/ and write its relative path (e.g. ../static/logo.png from a page)")
    }
}

/// The URL as a browser reads it: tabs and line breaks dropped, spaces and controls trimmed,
/// `\` as `/`, and `%2e`, `%2f`, `%5c` decoded (refusing more than a server would take).
pub(super) fn normalise(url: &str) -> String {
    let url: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let url = url.trim_matches(|c: char| c <= ' ');
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(c) = rest.chars().next() {
        let lower = rest.get(..3).map(str::to_ascii_lowercase);
        match lower.as_deref() {
            Some("%2e") => {
                out.push('.');
                rest = &rest[3..];
            }
            Some("%2f" | "%5c") => {
                out.push('/');
                rest = &rest[3..];
            }
            _ => {
                out.push(if c == '\\' { '/' } else { c });
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Whether the URL starts with a scheme (`https:`, `mailto:`, `javascript:`, `c:`): those are
/// judged elsewhere.
fn has_scheme(url: &str) -> bool {
    scheme(url).is_some()
}

/// The scheme a URL starts with (`https` of `https://…`), if any: letters first, then letters,
/// digits, `+`, `.` or `-`, before the first `:`.
pub(super) fn scheme(url: &str) -> Option<&str> {
    let i = url.find(':')?;
    let name = &url[..i];
    let valid = i > 0
        && name
            .chars()
            .enumerate()
            .all(|(k, c)| c.is_ascii_alphabetic() || (k > 0 && (c.is_ascii_digit() || matches!(c, '+' | '.' | '-'))));
    valid.then_some(name)
}

/// Where `url`, written in the site file `from` (a path from the site root with `/`), leads:
/// `Ok(None)` for a URL with a scheme or only a fragment or query, `Ok(Some(path))` for a file
/// of the site, or how it leaves the site. With `from` `None` (a template, drawn at every
/// depth) only what leaves the site from anywhere is judged.
pub fn resolve(from: Option<&str>, url: &str) -> Result<Option<String>, Escape> {
    let url = normalise(url);
    if has_scheme(&url) {
        return Ok(None);
    }
    if url.starts_with("//") {
        return Err(Escape::OtherHost);
    }
    if url.starts_with('/') {
        return Err(Escape::Absolute);
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(from) = from else { return Ok(None) };
    if path.is_empty() {
        return Ok(None);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Escape::Above);
                }
            }
            s => parts.push(s),
        }
    }
    if parts.len() >= 2 && parts[0] == "data" && !(parts.len() == 2 && DOWNLOADS.contains(&parts[1])) {
        return Err(Escape::RawData);
    }
    Ok(Some(parts.join("/")))
}

/// The refusal of `url` written in `from`, if it leaves the site.
pub fn escape(from: Option<&str>, url: &str) -> Option<Escape> {
    resolve(from, url).err()
}

/// URL-valued attributes of HTML and SVG: the attribute's name, and the value in one of three
/// quotings. Besides those that load or link, `ping` and `attributionsrc` (a click's beacon, an
/// attribution request Chrome sends when an `<img>` opens: lists of URLs) and the obsolete
/// ones a browser may still fetch.
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:^|[\s"'/])(href|src|action|formaction|poster|data|background|cite|xlink:href|srcset|imagesrcset|ping|attributionsrc|manifest|longdesc|lowsrc|dynsrc|codebase|archive)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("valid")
});

/// A URL written in a file of the team's.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundUrl {
    /// 1-based line and column of the URL.
    pub line: u64,
    pub column: u64,
    pub url: String,
    /// A link the reader may follow (`href` of `<a>` or `<area>`, a `cite`), not a resource
    /// the page loads by itself (an image, script, style sheet, font, icon, frame, any
    /// `<link href>`…).
    pub link: bool,
}

/// Whether the attribute starting at `at` in `text` is a URL the browser does not load by
/// itself: the `href` of an `<a>` or `<area>`, a `cite` (a quotation's source) or a
/// `longdesc` (a description to follow).
fn is_link_attribute(text: &str, at: usize, attribute: &str) -> bool {
    let attribute = attribute.to_ascii_lowercase();
    if attribute == "cite" || attribute == "longdesc" {
        return true;
    }
    if attribute != "href" && attribute != "xlink:href" {
        return false;
    }
    let Some(open) = text[..at].rfind('<') else { return false };
    let tag: String = text[open + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    matches!(tag.to_ascii_lowercase().as_str(), "a" | "area")
}

/// Whether a resource at `url` would be fetched from another host: a `//` address, or one
/// of a network scheme however many slashes follow it — a browser reads `https:host/x` and
/// `https:/host/x` as `https://host/x` (the URL standard's special schemes).
fn from_another_host(url: &str) -> bool {
    let url = normalise(url).to_ascii_lowercase();
    url.starts_with("//") || ["http:", "https:", "ftp:", "ws:", "wss:"].iter().any(|s| url.starts_with(s))
}

/// Why a URL found in a file is refused, if it is: a resource from another host, or a URL
/// that leaves the site (see [`escape`]). Only a link may point to another site, with its
/// full `http(s)://` address.
pub fn refusal(from: Option<&str>, found: &FoundUrl) -> Option<String> {
    if !found.link && from_another_host(&found.url) {
        let url: String = found.url.chars().take(80).collect();
        return Some(format!("`{url}` would be loaded from another host each time the page is opened: the site is to work offline and make no outside request (which can track readers); put the file under static/ and write its relative path (e.g. ../static/logo.png from a page)"));
    }
    escape(from, &found.url).map(|e| e.message(&found.url))
}

/// The URLs in an HTML fragment (a catalogue message), as [`check_file`] finds them in an
/// HTML file.
pub fn markup_urls(html: &str) -> Vec<FoundUrl> {
    urls("message.html", html)
}

/// CSS `url(…)` and `@import "…"` (read in [`css_plain`] text).
static CSS_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)|@import\s*(?:"([^"]*)"|'([^']*)')"#)
        .expect("valid")
});

/// A CSS string: where one names another host it is taken for a resource (`image-set("https:
/// //…" 1x)`, `src: local(x), "…"`), since no string of a style sheet needs to.
static CSS_STRING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""([^"]*)"|'([^']*)'"#).expect("valid"));

/// `<meta http-equiv="refresh" content="0;url=…">`: the page goes there by itself.
static REFRESH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?is)<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>"#).expect("valid"));

/// CSS as a browser tokenises it: comments read as a space (`@import/**/"…"`) and escapes as
/// the characters they stand for (`@\69mport`, `u\72l(`), with each byte's offset in `text`
/// for lines and columns.
fn css_plain(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    let mut push = |out: &mut String, c: char, i: usize| {
        out.push(c);
        at.extend(std::iter::repeat_n(i, c.len_utf8()));
    };
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if text[i..].starts_with("/*") {
            push(&mut out, ' ', i);
            i = text[i + 2..].find("*/").map_or(text.len(), |e| i + 2 + e + 2);
            continue;
        }
        if c == '\\' {
            let rest = &text[i + 1..];
            let hex = rest.bytes().take(6).take_while(u8::is_ascii_hexdigit).count();
            if hex > 0 {
                let code = u32::from_str_radix(&rest[..hex], 16).ok().and_then(char::from_u32);
                push(&mut out, code.unwrap_or('\u{FFFD}'), i);
                let after = &rest[hex..];
                // One white space after a hex escape ends it and is no part of the text.
                let space = if after.starts_with("\r\n") {
                    2
                } else {
                    usize::from(after.starts_with([' ', '\t', '\n', '\r', '\x0c']))
                };
                i += 1 + hex + space;
                continue;
            }
            if let Some(e) = rest.chars().next() {
                if e != '\n' {
                    push(&mut out, e, i);
                }
                i += 1 + e.len_utf8();
                continue;
            }
        }
        push(&mut out, c, i);
        i += c.len_utf8();
    }
    (out, at)
}

/// HTML character references that can spell a path (`&#46;&#46;&#47;`), decoded.
fn decode_entities(s: &str) -> String {
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)&(#x[0-9a-f]+|#[0-9]+|period|sol|bsol|amp|colon|tab|newline);?").expect("valid")
    });
    ENTITY
        .replace_all(s, |c: &regex::Captures| {
            let e = c[1].to_ascii_lowercase();
            let code = if let Some(h) = e.strip_prefix("#x") {
                u32::from_str_radix(h, 16).ok()
            } else if let Some(d) = e.strip_prefix('#') {
                d.parse().ok()
            } else {
                Some(match e.as_str() {
                    "period" => '.' as u32,
                    "sol" => '/' as u32,
                    "bsol" => '\\' as u32,
                    "colon" => ':' as u32,
                    "tab" => '\t' as u32,
                    "newline" => '\n' as u32,
                    _ => '&' as u32,
                })
            };
            code.and_then(char::from_u32).map(String::from).unwrap_or_default()
        })
        .into_owned()
}

/// The URLs written in a file of the team's that is published or drawn into pages (HTML,
/// SVG or CSS, by the name `file`), with their 1-based lines and columns.
fn urls(file: &str, text: &str) -> Vec<FoundUrl> {
    let lower = file.to_ascii_lowercase();
    let markup = [".html", ".htm", ".xhtml", ".svg", ".xml"].iter().any(|e| lower.ends_with(e));
    let css = lower.ends_with(".css");
    // Lines by a search of where each starts, columns counted on from the last address
    // found on the same line: each pass finds its addresses in order, so a file of 80,000
    // addresses (on one line or many) costs a walk of it per pass, not one per address.
    let starts: Vec<usize> =
        std::iter::once(0).chain(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect();
    let last = std::cell::Cell::new((0usize, 1u64));
    let line_of = |offset: usize| {
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let (at, column) = last.get();
        let column = if (start..=offset).contains(&at) {
            column + text[at..offset].chars().count() as u64
        } else {
            1 + text[start..offset].chars().count() as u64
        };
        last.set((offset, column));
        (line as u64, column)
    };
    let mut out = Vec::new();
    if markup {
        for c in ATTRIBUTE.captures_iter(text) {
            let Some(v) = c.get(2).or(c.get(3)).or(c.get(4)) else { continue };
            let name = &c[1];
            let link = is_link_attribute(text, c.get(1).map_or(0, |n| n.start()), name);
            let value = decode_entities(v.as_str());
            let (line, column) = line_of(v.start());
            let name = name.to_ascii_lowercase();
            if name == "srcset" || name == "imagesrcset" {
                for candidate in value.split(',') {
                    if let Some(u) = candidate.split_whitespace().next() {
                        out.push(FoundUrl { line, column, url: u.to_string(), link });
                    }
                }
            } else if matches!(name.as_str(), "ping" | "attributionsrc" | "archive") {
                for u in value.split_whitespace() {
                    out.push(FoundUrl { line, column, url: u.to_string(), link: false });
                }
            } else {
                out.push(FoundUrl { line, column, url: value, link });
            }
        }
    }
    if markup {
        for tag in REFRESH.find_iter(text) {
            let content = ATTRIBUTE_CONTENT.captures(tag.as_str());
            let Some(v) = content.and_then(|c| c.get(1).or(c.get(2)).or(c.get(3))) else { continue };
            let value = decode_entities(v.as_str());
            let target = value.split_once(['=']).map_or("", |(_, u)| u.trim().trim_matches(['"', '\'']));
            if !target.is_empty() {
                let (line, column) = line_of(tag.start() + v.start());
                out.push(FoundUrl { line, column, url: target.to_string(), link: false });
            }
        }
    }
    if markup || css {
        let (plain, at) = css_plain(text);
        let offset = |i: usize| at.get(i).copied().unwrap_or(text.len());
        let mut seen = std::collections::BTreeSet::new();
        for c in CSS_URL.captures_iter(&plain) {
            let Some(v) = (1..=5).find_map(|i| c.get(i)) else { continue };
            let value = if markup { decode_entities(v.as_str()) } else { v.as_str().to_string() };
            seen.insert(v.start());
            let (line, column) = line_of(offset(v.start()));
            out.push(FoundUrl { line, column, url: value, link: false });
        }
        // A style sheet's strings; in markup, those of its `<style>` blocks and `style`
        // attributes (elsewhere a quoted address is text or an attribute judged above).
        let regions: Vec<(usize, usize)> = if markup {
            STYLE_REGION
                .captures_iter(&plain)
                .filter_map(|c| (1..=3).find_map(|i| c.get(i)))
                .map(|m| (m.start(), m.end()))
                .collect()
        } else {
            vec![(0, plain.len())]
        };
        for (start, end) in regions {
            for c in CSS_STRING.captures_iter(&plain[start..end]) {
                let Some(v) = c.get(1).or(c.get(2)) else { continue };
                let value = if markup { decode_entities(v.as_str()) } else { v.as_str().to_string() };
                if !seen.contains(&(start + v.start())) && from_another_host(&value) {
                    let (line, column) = line_of(offset(start + v.start()));
                    out.push(FoundUrl { line, column, url: value, link: false });
                }
            }
        }
    }
    // In the order they are written, whichever pass found them.
    out.sort_by_key(|f| (f.line, f.column));
    out
}

/// The CSS of markup: a `<style>` block's text, or a `style` attribute's value.
static STYLE_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<style\b[^>]*>(.*?)</style\s*>|\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid")
});

/// The `content` attribute of a tag, in one of three quotings.
static ATTRIBUTE_CONTENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\scontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#).expect("valid"));

/// Errors for every URL in `text` (the file `file`, published at the site path `from`, or a
/// template when `from` is `None`) that leaves the site or loads a resource from another
/// host (see [`refusal`]). Template expressions are not URLs yet and are skipped.
pub fn check_file(file: &str, from: Option<&str>, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for found in urls(file, text) {
        if found.url.contains("{{") || found.url.contains("{%") {
            continue;
        }
        if let Some(why) = refusal(from, &found) {
            out.push(Diagnostic::at(file, found.line, found.column, why));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_inside_the_site_resolve_and_others_are_refused() {
        let from = Some("pages/notes.html");
        assert_eq!(resolve(from, "../trends.html#x"), Ok(Some("trends.html".into())));
        assert_eq!(resolve(from, "../static/logo.png"), Ok(Some("static/logo.png".into())));
        assert_eq!(resolve(from, "../data/metrics.csv"), Ok(Some("data/metrics.csv".into())));
        assert_eq!(resolve(from, "#top"), Ok(None));
        assert_eq!(resolve(from, "https://example.com/../../x"), Ok(None));
        for (url, why) in [
            ("../../secret.png", Escape::Above),
            ("..\\..\\x", Escape::Above),
            ("..\\x/../../y", Escape::Above),
            ("%2e%2e/%2E%2E/x", Escape::Above),
            ("..%2f..%5cx", Escape::Above),
            (" ../..\t/x", Escape::Above),
            ("/etc/passwd", Escape::Absolute),
            ("\\etc\\passwd", Escape::Absolute),
            ("//evil.example/x", Escape::OtherHost),
            ("\\\\share\\x", Escape::OtherHost),
            ("../data/survey.csv", Escape::RawData),
            ("../data/sub/metrics.csv", Escape::RawData),
        ] {
            assert_eq!(resolve(from, url), Err(why), "{url}");
        }
        // A template is drawn at every depth: only what leaves from anywhere is refused.
        assert_eq!(resolve(None, "../../x.html"), Ok(None));
        assert_eq!(resolve(None, "/x.html"), Err(Escape::Absolute));
    }

    #[test]
    fn lines_and_columns_are_those_counted_from_the_start_whatever_the_passes_order() {
        // Addresses of three passes (attributes, CSS url(), CSS strings in a style block),
        // several on a line, after multi-byte text; each position counted by hand below.
        let html = "<p>é<a href=\"a.html\">ü</a><img src=\"b.png\">\n<div style=\"background:url(c.png)\">日本<a href='d.html'></a>\n<style>@import \"https://x.example/e.css\";</style>";
        let naive = |needle: &str| {
            let offset = html.find(needle).unwrap();
            let before = &html[..offset];
            let line = 1 + before.matches('\n').count() as u64;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            (line, 1 + html[start..offset].chars().count() as u64)
        };
        let found = urls("a.html", html);
        let at: Vec<(String, u64, u64)> = found.iter().map(|f| (f.url.clone(), f.line, f.column)).collect();
        for (url, line, column) in &at {
            assert_eq!((*line, *column), naive(url), "{url}: {at:?}");
        }
        assert_eq!(at.len(), 5, "{at:?}");
    }

    #[test]
    fn urls_in_html_svg_and_css_are_found_with_their_lines() {
        let html = "<p>\n<a href=\"../../data/survey.csv\">x</a> <img data-src=\"ok.png\" src='&#46;&#46;/&#46;&#46;/y'>\n<img srcset=\"a.png 1x, /b.png 2x\"><div style=\"background:url(../../z.png)\">";
        let found = check_file("static/a.html", Some("static/a.html"), html);
        let lines: Vec<(u64, &str)> = found.iter().map(|d| (d.line.unwrap(), d.message.as_str())).collect();
        assert_eq!(found.len(), 4, "{lines:?}");
        assert!(lines[0].0 == 2 && lines[0].1.contains("`../../data/survey.csv`"), "{lines:?}");
        assert_eq!(lines[1].0, 2);
        assert!(lines[2].0 == 3 && lines[2].1.contains("`/b.png`"), "{lines:?}");
        assert!(lines[3].1.contains("`../../z.png`"), "{lines:?}");
        let css = "a{}\n@import \"/x.css\";\nb{background:url( '../../../q.png' )}";
        assert_eq!(check_file("static/s.css", Some("static/s.css"), css).len(), 2);
        assert!(check_file("static/a.txt", Some("static/a.txt"), "href=\"/x\"").is_empty());
        let tpl = "<a href=\"{{ site.root }}x.html\"></a><a href=\"/abs\">";
        assert_eq!(check_file("templates/base.html", None, tpl).len(), 1);
    }

    #[test]
    fn resources_from_another_host_are_refused_and_links_to_other_sites_allowed() {
        let html = "<a href=\"https://example.com/\">ok</a> <area href='http://example.com/'>\n<img src=\"https://evil.example/p.png\"><script src=HTTPS://evil.example/t.js></script>\n<link rel=stylesheet href=\"https://evil.example/s.css\"><img srcset=\"a.png 1x, https://evil.example/b.png 2x\"><video poster=\"http://evil.example/p.jpg\"></video><svg><image href=\"https://evil.example/i.svg\"/></svg><div style=\"background:url(https://evil.example/bg.png)\">";
        let found = check_file("templates/base.html", None, html);
        let urls: Vec<&str> = found.iter().map(|d| d.message.split('`').nth(1).unwrap_or("")).collect();
        assert_eq!(
            urls,
            [
                "https://evil.example/p.png",
                "HTTPS://evil.example/t.js",
                "https://evil.example/s.css",
                "https://evil.example/b.png",
                "http://evil.example/p.jpg",
                "https://evil.example/i.svg",
                "https://evil.example/bg.png"
            ],
            "{found:?}"
        );
        assert!(found[0].message.contains("loaded from another host"), "{found:?}");
        let css = "@import url(\"https://evil.example/font.css\");\nb{background:url(https://evil.example/p.png)}";
        assert_eq!(check_file("templates/cxsite.css", Some("assets/cxsite.css"), css).len(), 2);
        // `//host` is refused everywhere, and its advice no longer asks for an https:// resource.
        let e = check_file("static/a.html", Some("static/a.html"), "<img src=\"//evil.example/x.png\">");
        assert!(e[0].message.contains("loaded from another host"), "{e:?}");
        let e = check_file("static/a.html", Some("static/a.html"), "<a href=\"//evil.example/\">x</a>");
        assert!(e[0].message.contains("never load an image, script, style or font from one"), "{e:?}");
    }

    #[test]
    fn beacons_and_attribution_requests_to_another_host_are_refused_as_loads() {
        // A click's `ping` and Chrome's `attributionsrc` request other hosts though the `<a>`
        // is a link: each URL of their lists is a load; a relative one is left alone.
        let html = "<a href=\"https://example.com/\" ping=\"p.html https://evil.example/ping\">x</a>\n<img src=\"a.png\" attributionsrc=\"https://evil.example/a\"><link rel=preload as=image imagesrcset=\"https://evil.example/i.png 1x\">";
        let found = check_file("static/a.html", Some("static/a.html"), html);
        let urls: Vec<&str> = found.iter().map(|d| d.message.split('`').nth(1).unwrap_or("")).collect();
        assert_eq!(
            urls,
            ["https://evil.example/ping", "https://evil.example/a", "https://evil.example/i.png"],
            "{found:?}"
        );
        assert!(found.iter().all(|d| d.message.contains("loaded from another host")), "{found:?}");
    }

    /// What a browser reads as a load from another host though the text does not say `url(` or
    /// `https://`: comments and escapes in CSS, `image-set`, a scheme without its slashes, a
    /// page that sends its reader on by itself.
    #[test]
    fn resources_spelt_in_other_ways_are_refused_at_their_lines() {
        let css = "@import/**/\"https://a.example/x.css\";\n@\\69mport \"https://b.example/x.css\";\nb{background:image-set(\"https://c.example/x.png\" 1x)}\ni{background:u\\72l(https://d.example/x.png)}\nu{background:url(https:e.example/x.png)}\ns{font-family:\"Noto Sans\";content:\"../\"}";
        let found = check_file("static/t.css", Some("static/t.css"), css);
        let at: Vec<(u64, &str)> =
            found.iter().map(|d| (d.line.unwrap_or(0), d.message.split('`').nth(1).unwrap_or(""))).collect();
        assert_eq!(
            at,
            [
                (1, "https://a.example/x.css"),
                (2, "https://b.example/x.css"),
                (3, "https://c.example/x.png"),
                (4, "https://d.example/x.png"),
                (5, "https:e.example/x.png")
            ],
            "{found:?}"
        );
        let html = "<img src=\"https:f.example/a.png\"><script src=\"http:/g.example/x.js\"></script>\n<meta http-equiv=\"refresh\" content=\"0;url=https://h.example/\">\n<p style=\"background:image-set('https://i.example/x.png' 1x)\">\"https://j.example\" is our site</p><a href=\"https:k.example\">ok</a>";
        let found = check_file("static/t.html", Some("static/t.html"), html);
        let urls: Vec<&str> = found.iter().map(|d| d.message.split('`').nth(1).unwrap_or("")).collect();
        assert_eq!(
            urls,
            ["https:f.example/a.png", "http:/g.example/x.js", "https://h.example/", "https://i.example/x.png"],
            "{found:?}"
        );
    }
}
