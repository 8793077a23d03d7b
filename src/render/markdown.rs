//! The team's markdown pages: pulldown-cmark (tables, footnotes, heading anchors), then
//! ammonia, because pulldown-cmark passes raw HTML and `javascript:` links through.
//! Following Hugo's default, raw HTML in markdown is dropped entirely; links may only be
//! http, https, mailto, relative or `#`; images only from the project (relative URLs).

use std::collections::HashSet;

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// Markdown → sanitised HTML, with an `id` on every heading for anchors.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let events = with_heading_ids(events);
    let mut raw = String::new();
    html::push_html(&mut raw, events.into_iter());
    sanitise(&raw)
}

/// Drops raw HTML and gives headings without an explicit `{#id}` a slug id.
fn with_heading_ids(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut used: HashSet<String> = HashSet::new();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let text: String = events[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                let base = id.as_ref().map(|s| s.to_string()).unwrap_or_else(|| heading_slug(&text));
                let mut unique = base.clone();
                let mut k = 1;
                while !used.insert(unique.clone()) {
                    k += 1;
                    unique = format!("{base}-{k}");
                }
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(unique.into()),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            e => out.push(e.clone()),
        }
    }
    out
}

/// A heading's anchor: lower-case letters and digits (any script) joined by `-`.
fn heading_slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        "section".into()
    } else {
        s
    }
}

/// ammonia with `id` and `class` kept, link schemes limited, and external images removed.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            // Images only from the project: an external image would be a request to another
            // host (no "offline", and a tracking pixel).
            if element == "img" && attribute == "src" && (value.contains(':') || value.starts_with("//")) {
                return None;
            }
            Some(value.into())
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_footnotes_and_heading_anchors_render() {
        let h =
            to_html("# Our team\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n\n## 方法 说明\n");
        assert!(h.contains("<h1 id=\"our-team\">"), "{h}");
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("footnote"), "{h}");
        assert!(h.contains("id=\"方法-说明\""), "{h}");
    }

    #[test]
    fn raw_html_scripts_and_javascript_links_are_removed() {
        let h = to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<b onclick=\"x\">b</b>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("onerror") && !h.contains("onclick"), "{h}");
    }

    #[test]
    fn external_images_are_dropped_and_project_images_kept() {
        let h = to_html("![a](https://tracker.example/p.gif) ![b](../static/logo.png)");
        assert!(!h.contains("tracker.example"), "{h}");
        assert!(h.contains("../static/logo.png"), "{h}");
    }

    #[test]
    fn ordinary_links_survive() {
        let h = to_html("[site](https://example.com) [mail](mailto:a@b.c) [rel](trends.html) [top](#x)");
        for needle in ["https://example.com", "mailto:a@b.c", "trends.html", "#x"] {
            assert!(h.contains(needle), "{needle} in {h}");
        }
    }
}
