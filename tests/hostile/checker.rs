//! The checker itself: each rule of `site::assert_clean_page` rejects a page that breaks it,
//! so a clean result means something.

use std::panic::{catch_unwind, AssertUnwindSafe};

use scraper::Html;

use crate::site::{assert_clean_page, Page};
use crate::support::TempDir;

const HEAD: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; base-uri 'none'"><meta charset="utf-8"><title>t</title><script src="assets/cxsite.js" defer></script>"#;

/// Whether the checker accepts `body` in an otherwise clean page (with `head` as its head).
fn accepts(head: &str, body: &str) -> bool {
    let tmp = TempDir::new();
    std::fs::create_dir_all(tmp.path().join("assets")).unwrap();
    std::fs::write(tmp.path().join("assets/cxsite.js"), "").unwrap();
    std::fs::write(tmp.path().join("other.html"), "").unwrap();
    let raw = format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>");
    let page = Page { path: "index.html".into(), doc: Html::parse_document(&raw), raw };
    let site = tmp.path().to_path_buf();
    catch_unwind(AssertUnwindSafe(|| assert_clean_page(&site, &page, false))).is_ok()
}

#[test]
fn the_checker_accepts_a_clean_page_and_rejects_each_kind_of_unclean_one() {
    assert!(accepts(
        HEAD,
        r##"<a href="other.html">x</a> <a href="#main">y</a> <svg><a href="other.html"><text>z</text></a></svg>"##
    ));
    for body in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg><circle onload=alert(1) /></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<a href=\" java\tscript:alert(1)\">x</a>",
        "<a href=\"missing.html\">x</a>",
        "<a href=\"../../etc/passwd\">x</a>",
        "<a href=\"https://evil.example\">x</a>",
        "<iframe src=\"other.html\"></iframe>",
        "<object data=\"other.html\"></object>",
        "<embed src=\"other.html\">",
        "<p>\u{1}</p>",
        "<p>\u{85}</p>",
        "<p style=\"background:url(//evil.example/t.gif)\">x</p>",
    ] {
        assert!(!accepts(HEAD, body), "the checker accepted {body:?}");
    }
    // The CSP must come first in <head>.
    let late = HEAD.replacen(r#"<meta charset="utf-8">"#, "", 1).replacen(
        "<title>t</title>",
        r#"<title>t</title><meta charset="utf-8">"#,
        1,
    );
    assert!(accepts(&late, ""));
    let not_first = format!(r#"<meta charset="utf-8">{}"#, HEAD.replacen(r#"<meta charset="utf-8">"#, "", 1));
    assert!(!accepts(&not_first, ""), "the checker accepted a CSP that is not first");
    assert!(!accepts(&HEAD.replace("script-src 'self'", "script-src *"), ""));
}
