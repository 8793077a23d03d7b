//! Group 2: the team's markdown pages (`pages/*.md`) are trusted but mistake-prone — pasted
//! from a wiki or an e-mail, they may carry raw HTML, script links or tracking images. Raw
//! HTML is dropped, links keep only http, https, mailto, relative and `#` targets (both
//! reported as warnings with the page and lines), an external image is an error, project
//! images and heading ids are kept, and nesting is capped so that parsing stays linear.

use crate::fixture::{rows, HEADER, YAML};
use crate::site::{assert_site_clean, page, Page};
use crate::support::{csv_bytes, Proj};

/// Builds the fixture project with one markdown page `pages/notes.md` holding `body`, and
/// returns the parsed page after checking the whole site.
#[track_caller]
fn notes(body: &str) -> Page {
    notes_with(body, &[])
}

#[track_caller]
fn notes_with(body: &str, extra: &[(&str, &[u8])]) -> Page {
    let page_text = format!("---\ntitle: Notes\norder: 1\n---\n{body}\n");
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let mut files: Vec<(&str, &[u8])> = vec![("data/survey.csv", &survey), ("pages/notes.md", page_text.as_bytes())];
    files.extend_from_slice(extra);
    let p = Proj::new(YAML, &files);
    p.build().expect(0);
    assert_site_clean(&p.public());
    page(&p.public(), "pages/notes.html")
}

/// The `href` of every link in the article.
fn hrefs(p: &Page) -> Vec<String> {
    p.attrs("article a", "href")
}

#[test]
fn raw_script_tags_in_markdown_are_dropped_with_their_content() {
    let p = notes("Before\n\n<script>alert(1)</script>\n\nInline <script>alert(2)</script> text.\n\n<SCRIPT SRC=//evil.example/x.js></SCRIPT>");
    assert!(p.select("article script").is_empty());
    let text = p.text("article");
    assert!(text.contains("Before") && text.contains("Inline") && text.contains("text."), "{text}");
    assert!(!p.raw.to_lowercase().contains("evil.example"), "{}", p.raw);
}

#[test]
fn raw_images_with_event_handlers_are_dropped() {
    let p = notes("<img src=x onerror=alert(1)>\n\nText <img src=\"a.png\" onload=\"alert(2)\"> and <b onclick=\"alert(3)\">bold</b>.");
    assert!(p.select("article img").is_empty(), "raw HTML images are dropped: {}", p.raw);
    assert!(!p.raw.contains("onerror") && !p.raw.contains("onload") && !p.raw.contains("onclick"));
    assert!(p.text("article").contains("bold"));
}

#[test]
fn raw_iframes_objects_embeds_svg_and_styles_are_dropped() {
    let p = notes(
        "<iframe src=\"https://evil.example\"></iframe>\n\n<object data=x></object><embed src=x>\n\n\
         <svg onload=alert(1)><script>alert(2)</script></svg>\n\n<style>body{background:url(//evil.example/t.gif)}</style>\n\n\
         <form action=\"https://evil.example\"><input name=p></form>\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    );
    for tag in ["iframe", "object", "embed", "svg", "style", "form", "input", "meta"] {
        assert!(p.select(&format!("article {tag}")).is_empty(), "<{tag}> in {}", p.raw);
    }
    assert!(!p.raw.contains("evil.example"), "{}", p.raw);
}

#[test]
fn javascript_and_other_dangerous_link_schemes_are_removed_however_they_are_spelt() {
    let p = notes(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](java&#x73;cript:alert(3)) [d](vbscript:msgbox(4)) \
         [e](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [f](file:///etc/passwd) [g](ftp://x.example/) \
         [h](  javascript:alert(6)) <javascript:alert(7)> [i][ref]\n\n[ref]: javascript:alert(8)",
    );
    let links = hrefs(&p);
    for h in &links {
        let l = h.to_ascii_lowercase();
        for bad in ["javascript", "vbscript", "data:", "file:", "ftp:"] {
            assert!(!l.contains(bad), "link {h:?} survived in {links:?}");
        }
    }
    // The link texts stay, as plain text.
    let text = p.text("article");
    for t in ["a", "b", "d", "e", "f", "g", "i"] {
        assert!(text.split_whitespace().any(|w| w == t), "the link text {t} is lost: {text}");
    }
}

#[test]
fn http_https_mailto_relative_and_fragment_links_are_kept() {
    let p = notes("[s](https://example.com/a?b=1) [h](http://example.com) [m](mailto:cx@example.com) [r](../trends.html) [f](#methods)\n\n## Methods");
    let links = hrefs(&p);
    for keep in
        ["https://example.com/a?b=1", "http://example.com", "mailto:cx@example.com", "../trends.html", "#methods"]
    {
        assert!(links.iter().any(|h| h == keep), "{keep} lost: {links:?}");
    }
    // External links leak no referrer and no opener.
    for a in p.select("article a[href^='http']") {
        let rel = a.value().attr("rel").unwrap_or("");
        assert!(rel.contains("noopener") && rel.contains("noreferrer"), "rel={rel:?}");
    }
}

#[test]
fn project_images_are_kept() {
    let png = b"\x89PNG\r\n\x1a\n";
    let p = notes_with(
        "![logo](../static/logo.png) ![also](../static/img/chart.png)",
        &[("static/logo.png", png), ("static/img/chart.png", png)],
    );
    let srcs = p.attrs("article img", "src");
    assert!(srcs.contains(&"../static/logo.png".to_string()), "{srcs:?}");
    assert!(srcs.contains(&"../static/img/chart.png".to_string()), "{srcs:?}");
}

#[test]
fn heading_ids_are_kept_explicit_automatic_unique_and_escaped() {
    let p = notes("# Our team {#team}\n\n## 方法 说明\n\n## Results\n\n## Results\n\n## Evil {#\"><script>alert(1)</script>}\n\n### x\" onmouseover=\"alert(1)");
    let ids: Vec<String> = p.attrs("article h1, article h2, article h3", "id");
    for id in ["team", "方法-说明", "results", "results-2"] {
        assert!(ids.contains(&id.to_string()), "id {id} lost: {ids:?}");
    }
    assert!(p.select("article script").is_empty());
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "heading ids are unique: {ids:?}");
}

#[test]
fn template_syntax_in_a_markdown_page_is_text_not_a_template() {
    let p = notes("Title: {{ site.title }} {% raw %} {{ 7*7 }}");
    let text = p.text("article");
    assert!(text.contains("{{ site.title }}") && text.contains("{{ 7*7 }}") && text.contains("{% raw %}"), "{text}");
}

#[test]
fn a_page_title_with_markup_is_escaped_in_the_navigation_and_the_title() {
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let title = "</title><script>alert(1)</script>";
    let md = format!("---\ntitle: \"{title}\"\n---\nBody\n");
    let p = Proj::new(YAML, &[("data/survey.csv", &survey), ("pages/Über uns & <x>.md", md.as_bytes())]);
    p.build().expect(0);
    assert_site_clean(&p.public());
    let names: Vec<String> =
        crate::support::files(&p.public()).into_keys().filter(|k| k.starts_with("pages/")).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let pg = page(&p.public(), &names[0]);
    assert!(pg.text("head > title").starts_with(title));
    assert!(page(&p.public(), "index.html").texts("nav a").contains(&title.to_string()));
}

/// Builds the fixture with `pages/notes.md` holding `body` (after a 4-line front matter, so
/// the body starts at line 5) and returns the run.
fn build_notes(body: &str, extra: &[(&str, &[u8])]) -> (Proj, crate::support::Run) {
    let page_text = format!("---\ntitle: Notes\norder: 1\n---\n{body}\n");
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let mut files: Vec<(&str, &[u8])> = vec![("data/survey.csv", &survey), ("pages/notes.md", page_text.as_bytes())];
    files.extend_from_slice(extra);
    let p = Proj::new(YAML, &files);
    let run = p.run([std::ffi::OsStr::new("build"), p.dir.as_os_str()]);
    (p, run)
}

#[test]
fn an_external_image_is_an_error_naming_the_page_and_line() {
    // Regression: the image was silently emptied (`<img>` without a source).
    for (line, image) in [
        (6, "![tracker](https://tracker.example/p.gif)"),
        (6, "![proto](//tracker.example/q.gif)"),
        (6, "![data](data:image/png;base64,AAAA)"),
        (6, "![ref][t]\n\n[t]: HTTPS://tracker.example/r.gif"),
    ] {
        let (p, run) = build_notes(&format!("Intro\n{image}"), &[]);
        run.expect(1).stderr_has(&[&format!("error: pages/notes.md:{line}:"), "is not part of the project", "static/"]);
        assert!(!p.public().exists(), "nothing is written");
    }
}

#[test]
fn raw_html_and_dropped_links_are_warnings_with_the_page_and_lines() {
    let (p, run) = build_notes(
        "Text\n\n<script>alert(1)</script>\n\n[a](javascript:alert(1)) and <b>bold</b>\n\n[ok](https://example.com)",
        &[],
    );
    run.expect(0).stderr_has(&[
        "warning: pages/notes.md:7:",
        "raw HTML is not allowed in pages and was dropped (lines 7, 9)",
        "warning: pages/notes.md:9:",
        "links other than http, https, mailto, relative or `#` were dropped",
    ]);
    assert_site_clean(&p.public());
    // A clean page says nothing.
    let (_, run) = build_notes(
        "Just [a link](https://example.com) and ![logo](../static/logo.png)",
        &[("static/logo.png", b"\x89PNG")],
    );
    run.expect(0).stderr_lacks(&["pages/notes.md"]);
}

#[test]
fn deeply_nested_quotes_and_lists_render_in_linear_time_with_a_warning() {
    // Regression: 100 KB of `>` took about 40 s to render. The limit is a hang detector.
    let limit = std::time::Duration::from_secs(10);
    for body in
        [">".repeat(100_000), "- ".repeat(50_000) + "x", "1. ".repeat(33_000) + "x", "> - ".repeat(25_000) + "x"]
    {
        let (p, run) = build_notes(&body, &[]);
        run.expect(0).stderr_has(&["warning: pages/notes.md:5:", "nest at most 32 deep"]);
        assert!(run.elapsed < limit, "took {:?}", run.elapsed);
        let pg = page(&p.public(), "pages/notes.html");
        assert!(pg.select("blockquote").len() + pg.select("li").len() <= 64, "nesting is capped");
    }
    // Nesting within the cap is kept as written.
    let (p, run) = build_notes("> > > three deep\n\n- a\n  - b\n    - c", &[]);
    run.expect(0).stderr_lacks(&["nest"]);
    let pg = page(&p.public(), "pages/notes.html");
    assert_eq!(pg.select("article blockquote").len(), 3);
    assert_eq!(pg.select("article li").len(), 3);
}

#[test]
fn a_link_or_image_out_of_the_site_is_an_error_naming_the_page_and_line() {
    // Regression: `../../secret.png` and `/etc/passwd` were published as written, leading from
    // the site into the project folder (its raw data) or the reader's disk.
    // As written in markdown, and as the link is read (markdown's `\\` is one backslash).
    for (target, shown) in [
        ("../../secret.png", "../../secret.png"),
        ("/etc/passwd", "/etc/passwd"),
        ("..\\\\..\\\\x", "..\\..\\x"),
        ("%2e%2e/%2E%2E/x", "%2e%2e/%2E%2E/x"),
        ("//evil.example/x", "//evil.example/x"),
        ("../data/survey.csv", "../data/survey.csv"),
    ] {
        for written in [format!("![a]({target})"), format!("[a]({target})"), format!("[a][r]\n\n[r]: <{target}>")] {
            let (p, run) = build_notes(&format!("Intro\n\n{written}"), &[]);
            run.expect(1).stderr_has(&["error: pages/notes.md:7:", &format!("`{shown}`"), "static/"]);
            assert!(!p.public().exists(), "{written}: nothing is written");
        }
    }
    // Inside the site, and out to the web, links are as before.
    let (p, run) = build_notes(
        "[up](../index.html) [csv](../data/metrics.csv) [web](https://example.com/../../x) ![l](../static/logo.png)",
        &[("static/logo.png", b"\x89PNG")],
    );
    run.expect(0).stderr_lacks(&["pages/notes.md"]);
    assert_site_clean(&p.public());
}

/// A project's own catalogue is a third way, beside pages and templates, to put HTML into the
/// site: its `_html` messages are sanitised as a page's HTML is, what was removed is a warning
/// at the message's line, and a resource from another host or a link out of the site is an
/// error there.
#[test]
fn html_in_a_project_catalogue_is_sanitised_and_its_outside_urls_are_refused_at_their_line() {
    let en = include_str!("../../locales/en.yaml");
    let line = en.lines().position(|l| l.trim_start().starts_with("methodology_html:")).unwrap() + 1;
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let with = |html: &str| {
        // The message is a block scalar: its lines (indented deeper than the key) go with it.
        let mut catalogue = String::new();
        let mut skipping = None;
        for l in en.lines() {
            let indent = l.len() - l.trim_start().len();
            if skipping.is_some_and(|key_indent| indent > key_indent || l.trim().is_empty()) {
                continue;
            }
            skipping = None;
            if l.trim_start().starts_with("methodology_html:") {
                catalogue += &format!("{}methodology_html: {}\n", &l[..indent], crate::fixture::yaml_str(html));
                skipping = Some(indent);
            } else {
                catalogue += &format!("{l}\n");
            }
        }
        Proj::new(YAML, &[("data/survey.csv", &survey), ("locales/en.yaml", catalogue.as_bytes())])
    };
    // Dropped markup: built, with a warning at the line; nothing of it reaches the page.
    let p = with("<p>Our method</p><script>alert(1)</script><a href=\"javascript:alert(2)\">x</a><b onclick=\"x()\">b</b><a href=\"https://example.com/\">ours</a>");
    p.build().expect(0).stderr_has(&[&format!("locales/en.yaml:{line}:"), "message `methodology_html` holds HTML"]);
    // The methodology page may hold the team's link to another site, as a markdown page may.
    let m = page(&p.public(), "methodology.html");
    crate::site::assert_clean_page(&p.public(), &m, true);
    assert!(m.raw.contains("<p>Our method</p>"), "the allowed markup is kept");
    assert!(!m.raw.contains("alert(") && !m.raw.contains("onclick"), "{}", m.raw);
    assert!(m.attrs("a", "href").contains(&"https://example.com/".to_string()), "a link to another site stays");
    // An image, a frame or a style from another host, and a link out of the site: errors.
    for bad in [
        "<img src=\"https://evil.example/pixel.png\">",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<p style=\"background:url(https://evil.example/t.gif)\">x</p>",
        "<a href=\"../../../../etc/passwd\">x</a>",
        "<a href=\"//evil.example/\">x</a>",
    ] {
        let p = with(bad);
        p.build().expect(1).stderr_has(&[&format!("locales/en.yaml:{line}:1: message `methodology_html`: ")]);
        assert!(!p.public().exists(), "{bad}: a site was written");
    }
}

/// Template overrides and `static/` files may link to other sites, but not load anything from
/// them: an `https://` script, image, style sheet or font is refused as `//host` is.
#[test]
fn resources_from_another_host_in_templates_and_static_files_are_errors_at_their_line() {
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            ("static/report.html", b"<a href=\"https://example.com/\">fine</a>\n<script src=\"https://evil.example/track.js\"></script>"),
            ("templates/cxsite.css", b"@import url(\"https://evil.example/font.css\");\nbody{}"),
            ("templates/page.html", b"{% extends \"base.html\" %}\n<a href=\"https://example.com/\">x</a>\n<img src=\"http://evil.example/p.png\">"),
        ],
    );
    let run = p.build();
    run.expect(1).stderr_has(&[
        "static/report.html:2:14: `https://evil.example/track.js` would be loaded from another host",
        "templates/cxsite.css:1:14:",
        "templates/page.html:3:11:",
    ]);
    run.stderr_lacks(&["`https://example.com/`"]);
    assert!(!p.public().exists(), "a site was written");
}

/// An address a template builds (`{{ cdn }}/x.js`) cannot be read in its text: every page,
/// and every HTML file of `static/`, carries the site's Content-Security-Policy whatever its
/// template or file wrote, so a browser never fetches it. The other spellings of a load from
/// another host (a scheme without its slashes, CSS comments and escapes, `image-set`) are
/// errors at their lines.
#[test]
fn every_html_file_carries_the_policy_and_other_spellings_of_a_load_are_errors() {
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let base = b"<!doctype html><html><head>{% set cdn = \"https://cdn.example.com\" %}<script src=\"{{ cdn }}/x.js\"></script><title>{{ site.title }}</title></head><body>{% block content %}{% endblock content %}</body></html>";
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            ("templates/base.html", base),
            ("static/plain.html", b"<!doctype html><p>A page of our own</p>"),
        ],
    );
    p.build().expect(0);
    let policy = "content=\"default-src 'none';";
    for page in ["index.html", "journey.html", "static/plain.html"] {
        let html = std::fs::read_to_string(p.public().join(page)).unwrap();
        assert!(html.contains(policy), "{page}: {html:.400}");
        if page == "index.html" {
            let (meta, script) = (html.find(policy).unwrap(), html.find("https://cdn.example.com/x.js").unwrap());
            assert!(meta < script, "the policy comes after the script it should stop");
        }
    }
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            ("static/t.css", b"@import/**/\"https://a.example/x.css\";\n@\\69mport \"https://b.example/x.css\";\nb{background:image-set(\"https://c.example/x.png\" 1x)}"),
            ("static/t.html", b"<img src=\"https:d.example/a.png\">\n<meta http-equiv=\"refresh\" content=\"0;url=https://e.example/\">"),
        ],
    );
    let run = p.build();
    run.expect(1).stderr_has(&[
        "static/t.css:1:13: `https://a.example/x.css`",
        "static/t.css:2:12: `https://b.example/x.css`",
        "static/t.css:3:",
        "`https://c.example/x.png`",
        "static/t.html:1:11: `https:d.example/a.png`",
        "static/t.html:2:",
        "`https://e.example/`",
    ]);
    assert!(!p.public().exists(), "a site was written");
}

/// Regression: the policy was added after the first `<head` found anywhere, or not at all when
/// its text was found anywhere, so a comment or an attribute holding `<head>` (or the policy),
/// or a script before `<html>`, ran before it and loaded from other hosts; `.shtml` got none;
/// an SVG opened on its own runs its scripts with no policy; and a page that was not UTF-8
/// was published unchecked.
#[test]
fn the_policy_precedes_every_script_and_markup_it_cannot_guard_is_refused() {
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let base = "<!-- <head> -->\n<!doctype html><html><head><title>{{ site.title }}</title></head><body>{% block content %}{% endblock content %}<img alt=\"\" src=\"{{ \"ht\" ~ \"tp://evil.example/tpl\" }}\"></body></html>";
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            ("templates/base.html", base.as_bytes()),
            ("static/b.html", b"<script>new Image().src=\"x\"</script><html><head></head></html>"),
            ("static/c.html", b"<!doctype html><!-- <head> --><html><head><script>1</script>"),
            ("static/e.html", b"<head data-x=\"<head>\"><script>1</script>"),
            ("static/m.shtml", b"<p>server-side include</p><script>1</script>"),
        ],
    );
    p.build().expect(0);
    for page in ["index.html", "static/b.html", "static/c.html", "static/e.html", "static/m.shtml"] {
        let html = std::fs::read_to_string(p.public().join(page)).unwrap();
        let meta = html.find("<meta http-equiv=\"Content-Security-Policy\"").expect(page);
        let first_script = html.find("<script").or(html.find("<img")).unwrap();
        assert!(meta < first_script, "{page}: the policy comes after what it should stop: {html:.300}");
        assert!(
            !html[..meta].contains("<!--") || html[..meta].contains("-->"),
            "{page}: the policy is inside a comment"
        );
    }
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            (
                "static/f.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>new Image().src='//e'</script></svg>",
            ),
            ("static/g.html", b"<p>caf\xe9</p><script src=\"//evil.example/x.js\"></script>"),
        ],
    );
    p.build().expect(1).stderr_has(&["static/f.svg:2:1: a script, an event handler", "static/g.html: not UTF-8 text"]);
    assert!(!p.public().exists(), "a site was written");
}

/// Regression: `pages/关于.md` and `pages/联系.md` were both written to `pages/--.html`, a
/// name of 248 characters failed the write, `pages/PRN.md` made a file Windows cannot hold,
/// `pages/team/x.md` was dropped unsaid, and `{#main}` gave a heading the skip link's target.
#[test]
fn pages_of_any_name_get_distinct_safe_files_and_a_page_in_a_folder_is_a_warning() {
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let page_text = |title: &str, body: &str| format!("---\ntitle: {title}\n---\n{body}\n");
    let long = format!("pages/{}.md", "a".repeat(248));
    let (about, contact, prn, lengthy, team) = (
        page_text("About", "# Top {#main}\n\n## Main\n\nNote[^main].\n\n[^main]: N."),
        page_text("Contact", "Hi"),
        page_text("Printer", "Hi"),
        page_text("Long", "Hi"),
        page_text("Team", "Hi"),
    );
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            ("pages/关于.md", about.as_bytes()),
            ("pages/联系.md", contact.as_bytes()),
            ("pages/PRN.md", prn.as_bytes()),
            (long.as_str(), lengthy.as_bytes()),
            ("pages/team/x.md", team.as_bytes()),
        ],
    );
    p.build().expect(0).stderr_has(&[
        "warning: pages/team/x.md: it is not published: only the `.md` files directly in pages/",
        "warning: pages/关于.md:4: the heading id `{#main}` is the page layout's own",
    ]);
    // assert_site_clean holds every file name to ASCII letters, digits, `.`, `_`, `-` and 100
    // characters, and every link of the menu to a file written.
    assert_site_clean(&p.public());
    let names: Vec<String> =
        crate::support::files(&p.public()).into_keys().filter(|k| k.starts_with("pages/")).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().all(|n| !n.to_ascii_lowercase().starts_with("pages/prn.")), "{names:?}");
    let nav = page(&p.public(), "index.html").texts("nav a");
    for title in ["About", "Contact", "Printer", "Long"] {
        assert!(nav.contains(&title.to_string()), "{title} is not in the menu: {nav:?}");
    }
    let about =
        names.iter().map(|n| page(&p.public(), n)).find(|pg| pg.text("head > title").starts_with("About")).unwrap();
    let ids = about.attrs("[id]", "id");
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique in the page: {ids:?}");
    assert_eq!(about.attrs("main", "id"), ["main"]);
}

/// Two pages whose names make one file (`About Us.md`, `about-us.md`) stop the build with an
/// error naming both, rather than one being lost or the write failing at an unnamed path.
#[test]
fn two_pages_that_would_be_one_file_are_an_error_naming_both() {
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let md = b"---\ntitle: About\n---\nHi\n";
    let p = Proj::new(YAML, &[("data/survey.csv", &survey), ("pages/About Us.md", md), ("pages/about-us.md", md)]);
    p.build().expect(1).stderr_has(&[
        "error: pages/about-us.md: it would be written to pages/about-us.html, as pages/About Us.md is",
        "rename one of the two",
    ]);
    assert!(!p.public().exists(), "nothing is written");
}

#[test]
fn a_script_scheme_hidden_by_a_tab_line_break_or_control_character_is_dropped_not_published() {
    // A browser takes tabs and line breaks out of a URL and trims control characters, so
    // these are `javascript:` links; written percent-encoded they were published as dead ones.
    let p = notes("[b](java&#x09;script:alert(1)) [c](java&#x0A;script:alert(2)) [d](&#x01;javascript:alert(3)) [ok](https://ok.example/)");
    assert_eq!(hrefs(&p), ["https://ok.example/"], "{}", p.raw);
    assert!(p.text("article").contains('b') && p.text("article").contains('d'), "the texts are kept");
}

#[test]
fn a_link_to_no_file_of_the_site_is_a_warning_at_its_line_and_column() {
    let page_text = "---\ntitle: Notes\n---\nSee [the summary](../index.html), [the data](../data/metrics.csv) and [the plan](../static/plan%202025.txt).\n\n\
                     A [typo](sumary.html), [data](data/metrics.csv) and [a folder](../segments/).\n\n[hidden](java%09script:alert(1))\n";
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let files: Vec<(&str, &[u8])> =
        vec![("data/survey.csv", &survey), ("pages/notes.md", page_text.as_bytes()), ("static/plan 2025.txt", b"plan")];
    let p = Proj::new(YAML, &files);
    let run = p.build();
    run.expect(0);
    run.stderr_has(&[
        "pages/notes.md:6:3: the link `sumary.html` leads to `pages/sumary.html`, which the built site does not have",
        "pages/notes.md:6:24: the link `data/metrics.csv` leads to `pages/data/metrics.csv`",
    ]);
    // The summary, the download, a percent-encoded file name and a folder with its index are there.
    run.stderr_lacks(&[
        "`../index.html` leads",
        "`../data/metrics.csv` leads",
        "plan%202025.txt` leads",
        "`../segments/` leads",
    ]);
    // A script link hidden by percent-encoding is dropped (and said so), not a dead link.
    run.stderr_has(&["pages/notes.md:8: links other than http"]);
    run.stderr_lacks(&["java%09script:alert(1)` leads"]);
}

/// A page of thousands of broken links: the first 50 warnings of the file are printed with
/// their snippet and the rest counted in one line (JSON output lists every one); a line of
/// thousands of links is shown as a window around each link's column, not whole each time.
#[test]
fn thousands_of_warnings_in_one_page_print_the_first_fifty_and_a_count() {
    let links: String = (0..2000).map(|i| format!("[x{i}](missing{i}.html)\n\n")).collect();
    let one_line: String = (0..2000).map(|i| format!("[x{i}](gone{i}.html) ")).collect();
    let survey = csv_bytes(&HEADER, &rows("plain"));
    let page_text = format!("---\ntitle: Links\n---\n{links}");
    let line_text = format!("---\ntitle: Line\n---\n{one_line}\n");
    let p = Proj::new(
        YAML,
        &[
            ("data/survey.csv", &survey),
            ("pages/links.md", page_text.as_bytes()),
            ("pages/line.md", line_text.as_bytes()),
        ],
    );
    let run = p.build();
    run.expect(0);
    assert_eq!(run.stderr.matches("--> pages/links.md:").count(), 50, "{}", &run.stderr[..2000]);
    assert_eq!(run.stderr.matches("--> pages/line.md:").count(), 50);
    assert!(run
        .stderr
        .contains("warning: pages/links.md: 1950 more warnings not shown (`--format json` lists every one)"));
    assert!(run.stderr.contains("warning: pages/line.md: 1950 more warnings not shown"));
    // The 50th link of the long line (column 1,021) is shown in a window around it.
    assert!(run.stderr.contains("[x50](gone50.html)") && run.stderr.len() < 60_000, "{} bytes", run.stderr.len());
    assert!(!run.stderr.contains("gone1999.html"));
    let project = p.path("");
    let json = p.run([
        std::ffi::OsStr::new("build"),
        project.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--force".as_ref(),
    ]);
    json.expect(0);
    let listed = json.stderr.lines().filter(|l| l.contains("pages/links.md") && l.contains("missing")).count();
    assert_eq!(listed, 2000, "JSON lists every warning");
}
