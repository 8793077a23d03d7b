//! The team's markdown pages: pulldown-cmark (tables, footnotes, heading anchors), then
//! ammonia, because pulldown-cmark passes raw HTML and `javascript:` links through.
//! Following Hugo's default, raw HTML in markdown is dropped entirely; links may only be
//! http, https, mailto, relative or `#`; images only from the project (relative URLs).
//! [`inspect`] says what was dropped, so that the build can tell the team.
//!
//! Block quotes and lists nest at most [`MAX_NESTING`] deep: deeper markers are removed
//! before parsing, because pulldown-cmark's time grows with the square of the nesting.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::error::Diagnostic;

/// The deepest block quotes and lists nest in a page; deeper markers are dropped.
pub const MAX_NESTING: usize = 32;

/// The ids of the layout around a page (`base.html`): the skip link's target and the menu's
/// fold. A heading or footnote of the page never takes one (two elements with one id, and
/// the skip link would land on the heading).
pub const LAYOUT_IDS: &[&str] = &["main", "nav-toggle"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What the box around a table says, in the site's language: the hint that it may scroll
/// sideways, and its name for screen readers.
pub struct TableBox<'w> {
    pub hint: &'w str,
    pub name: &'w str,
}

/// Markdown → sanitised HTML, with an `id` on every heading for anchors and every table in
/// a box that scrolls sideways (see [`TableBox`]).
pub fn to_html(markdown: &str, tables: &TableBox<'_>) -> String {
    let (markdown, _) = cap_nesting(markdown);
    let events: Vec<Event> = Parser::new_ext(&markdown, options()).collect();
    let events = with_table_scroll(with_ids(with_heading_words(joined_cjk_lines(events))), tables);
    let mut raw = String::new();
    html::push_html(&mut raw, events.into_iter());
    sanitise(&raw)
}

/// Words in braces that end a heading (`# Price in {EUR}`) are taken by the parser as the
/// heading's attributes, which the sanitiser drops: they are given back to the heading's text.
/// Only `{#id}` and `{.class}` are attributes a page means.
fn with_heading_words(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut words: Option<String> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                if !attrs.is_empty() {
                    let w: Vec<String> = attrs
                        .iter()
                        .map(|(k, v)| v.as_ref().map_or_else(|| k.to_string(), |v| format!("{k}={v}")))
                        .collect();
                    words = Some(format!(" {{{}}}", w.join(" ")));
                }
                out.push(Event::Start(Tag::Heading { level, id, classes, attrs: Vec::new() }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(w) = words.take() {
                    out.push(Event::Text(w.into()));
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            other => out.push(other),
        }
    }
    out
}

/// A line break inside a paragraph between two Chinese or Japanese characters joins the lines
/// without the space a browser shows for it (`客户反馈，\n帮助` is one phrase), as CSS has no
/// rule for it yet; between Latin words the space stays.
fn joined_cjk_lines(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let cjk = |c: char| matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF);
    let text_end = |e: &Event| match e {
        Event::Text(t) => t.chars().next_back(),
        _ => None,
    };
    let text_start = |e: &Event| match e {
        Event::Text(t) => t.chars().next(),
        _ => None,
    };
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        if matches!(e, Event::SoftBreak) {
            let before = out.last().and_then(text_end);
            let after = events.get(i + 1).and_then(text_start);
            if before.is_some_and(cjk) && after.is_some_and(cjk) {
                continue;
            }
        }
        out.push(e.clone());
    }
    out
}

/// The number of block-quote (`>`) and list markers (`-`, `*`, `+`, `1.`, `1)`) that open
/// `line`, and the byte offset where marker number `MAX_NESTING + 1` starts.
fn container_markers(line: &str) -> (usize, Option<usize>, usize) {
    let b = line.as_bytes();
    let (mut i, mut count, mut cut) = (0, 0, None);
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let start = i;
        let quote = i < b.len() && b[i] == b'>';
        let bullet =
            i < b.len() && matches!(b[i], b'-' | b'*' | b'+') && (i + 1 == b.len() || matches!(b[i + 1], b' ' | b'\t'));
        let after = if quote || bullet {
            i + 1
        } else {
            let mut j = i;
            while j < b.len() && j - i < 9 && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > i
                && j < b.len()
                && matches!(b[j], b'.' | b')')
                && (j + 1 == b.len() || matches!(b[j + 1], b' ' | b'\t'))
            {
                j + 1
            } else {
                return (count, cut, start);
            }
        };
        count += 1;
        if count == MAX_NESTING + 1 {
            cut = Some(start);
        }
        i = after;
    }
}

/// The page with block-quote and list markers beyond [`MAX_NESTING`] removed, and the
/// (0-based) lines where that happened. Lines keep their numbers.
fn cap_nesting(markdown: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut capped = Vec::new();
    let mut out = String::new();
    let mut copied = 0;
    let mut offset = 0;
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let (count, cut, end) = container_markers(line);
        if let (true, Some(cut)) = (count > MAX_NESTING, cut) {
            out.push_str(&markdown[copied..offset + cut]);
            copied = offset + end;
            capped.push(n);
        }
        offset += line.len();
    }
    if capped.is_empty() {
        return (Cow::Borrowed(markdown), capped);
    }
    out.push_str(&markdown[copied..]);
    (Cow::Owned(out), capped)
}

/// Whether a link is dropped: its target, as written or percent-decoded (`java%09script:`),
/// has a scheme other than http, https or mailto.
fn dropped_link(url: &str) -> bool {
    unsafe_link(url) || unsafe_link(&percent_encoding::percent_decode_str(url).decode_utf8_lossy())
}

/// Whether a link target has a scheme other than http, https or mailto.
fn unsafe_link(url: &str) -> bool {
    // As a browser reads it: tabs and line breaks taken out, control characters trimmed
    // (`java&#x09;script:` is `javascript:`).
    let url = super::links::normalise(url);
    match super::links::scheme(&url) {
        Some(scheme) => !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"),
        None => false,
    }
}

/// Whether an image would be fetched from elsewhere than the project.
fn external_image(url: &str) -> bool {
    url.contains(':') || url.trim_start().starts_with("//") || url.trim_start().starts_with("\\\\")
}

/// What rendering a page drops or refuses.
#[derive(Debug, Default)]
pub struct Inspection {
    /// External images: each fails the build.
    pub errors: Vec<Diagnostic>,
    /// Raw HTML, links with other schemes, nesting beyond [`MAX_NESTING`]: dropped, reported.
    pub warnings: Vec<Diagnostic>,
    /// Links and images to a file of the site: where each is written, as written, and the
    /// site path it leads to (see [`dead_links`]).
    pub targets: Vec<(Diagnostic, String)>,
}

/// Warnings for the links of a page (`found` by [`inspect`]) that lead to no file of the
/// site (`exists` says which are): the reader would land on a missing page.
pub fn dead_links(found: &Inspection, exists: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (at, target) in &found.targets {
        if exists(target) {
            continue;
        }
        let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        if exists(&decoded) {
            continue;
        }
        let mut d = at.clone();
        d.message = format!(
            "the link `{}` leads to `{target}`, which the built site does not have: a reader would find no page there",
            d.message
        );
        out.push(d);
    }
    out
}

/// Reports what [`to_html`] drops from `markdown`, the body of `file` that starts at line
/// `first_line` of it, and what it refuses: an image from elsewhere, and a link or image
/// that leads out of the site from the page's place `from` (a site path such as
/// `pages/notes.html`).
pub fn inspect(file: &str, from: &str, first_line: u64, markdown: &str) -> Inspection {
    let (text, capped) = cap_nesting(markdown);
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let at = |line: usize| first_line + line as u64;
    let mut report = Inspection::default();
    let (mut html_lines, mut link_lines) = (Vec::new(), Vec::new());
    let parsed: Vec<_> = Parser::new_ext(&text, options()).into_offset_iter().collect();
    let events: Vec<Event> = with_heading_words(parsed.iter().map(|(e, _)| e.clone()).collect());
    let mut heading_ids = page_ids(&events).headings.into_iter();
    for (event, range) in parsed {
        let line = line_of(range.start);
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let given = heading_ids.next().unwrap_or_default();
                if let Some(id) = id.filter(|id| LAYOUT_IDS.contains(&id.as_ref())) {
                    report.warnings.push(Diagnostic { file: file.to_string(), line: Some(at(line)), column: None, message: format!(
                        "the heading id `{{#{id}}}` is the page layout's own ({}), which must stay unique in the page; the heading was given `{given}` instead",
                        LAYOUT_IDS.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
                    )});
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => html_lines.push(line),
            Event::Start(Tag::Link { dest_url, .. }) if dropped_link(&dest_url) => link_lines.push(line),
            Event::Start(Tag::Image { dest_url, .. }) if external_image(&dest_url) => {
                let url: String = dest_url.chars().take(80).collect();
                report.errors.push(Diagnostic { file: file.to_string(), line: Some(at(line)), column: None, message: format!(
                    "the image `{url}` is not part of the project: an outside image would be fetched from another host each time the page is opened (and can track readers); put the file under static/ and write its path, e.g. ../static/logo.png"
                )});
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let column = text[line_starts[line]..range.start].chars().count() as u64 + 1;
                match super::links::resolve(Some(from), &dest_url) {
                    Err(escape) => {
                        report.errors.push(Diagnostic::at(file, at(line), column, escape.message(&dest_url)))
                    }
                    Ok(Some(target)) => {
                        let written: String = dest_url.chars().take(80).collect();
                        report.targets.push((Diagnostic::at(file, at(line), column, written), target));
                    }
                    Ok(None) => {}
                }
            }
            _ => {}
        }
    }
    let mut warn = |lines: &mut Vec<usize>, what: &str| {
        lines.dedup();
        if let Some(&first) = lines.first() {
            let mut list: Vec<String> = lines.iter().take(10).map(|l| at(*l).to_string()).collect();
            if lines.len() > 10 {
                list.push("…".into());
            }
            let message = format!("{what} (line{} {})", if lines.len() > 1 { "s" } else { "" }, list.join(", "));
            report.warnings.push(Diagnostic { file: file.to_string(), line: Some(at(first)), column: None, message });
        }
    };
    warn(&mut html_lines, "raw HTML is not allowed in pages and was dropped");
    warn(&mut link_lines, "links other than http, https, mailto, relative or `#` were dropped (their text is kept)");
    let mut capped = capped;
    warn(&mut capped, &format!("block quotes and lists nest at most {MAX_NESTING} deep; deeper markers were dropped"));
    report
}

/// The ids a page's headings and footnotes are written with: unique in the page, and none of
/// [`LAYOUT_IDS`].
struct PageIds {
    /// Each heading's, in order: its explicit `{#id}` or a slug of its text, numbered (`-2`,
    /// `-3`…) when already taken.
    headings: Vec<String>,
    /// Footnote labels that are a layout id → the id written instead (`fn-main`). Other labels
    /// are written as they are.
    footnotes: HashMap<String, String>,
}

fn page_ids(events: &[Event]) -> PageIds {
    fn take(used: &mut HashSet<String>, base: &str) -> String {
        let mut unique = base.to_string();
        let mut k = 1;
        while !used.insert(unique.clone()) {
            k += 1;
            unique = format!("{base}-{k}");
        }
        unique
    }
    let mut used: HashSet<String> = LAYOUT_IDS.iter().map(|s| s.to_string()).collect();
    let labels: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::FootnoteReference(l) | Event::Start(Tag::FootnoteDefinition(l)) => Some(l.as_ref()),
            _ => None,
        })
        .collect();
    used.extend(labels.iter().map(|l| l.to_string()));
    let mut footnotes = HashMap::new();
    for label in labels {
        if LAYOUT_IDS.contains(&label) && !footnotes.contains_key(label) {
            footnotes.insert(label.to_string(), take(&mut used, &format!("fn-{label}")));
        }
    }
    let mut headings = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            let base = match id {
                Some(id) => id.to_string(),
                None => heading_slug(
                    &events[i + 1..]
                        .iter()
                        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect::<String>(),
                ),
            };
            headings.push(take(&mut used, &base));
        }
    }
    PageIds { headings, footnotes }
}

/// Drops raw HTML and writes the ids of [`page_ids`]: every heading gets one, and a footnote
/// labelled with a layout id is renamed in its references and its definition.
fn with_ids<'e>(events: Vec<Event<'e>>) -> Vec<Event<'e>> {
    let ids = page_ids(&events);
    let mut headings = ids.headings.into_iter();
    let footnote = |label: CowStr<'e>| -> CowStr<'e> {
        match ids.footnotes.get(label.as_ref()) {
            Some(id) => id.clone().into(),
            None => label,
        }
    };
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                out.push(Event::Start(Tag::Heading { level, id: headings.next().map(Into::into), classes, attrs }))
            }
            Event::FootnoteReference(l) => out.push(Event::FootnoteReference(footnote(l))),
            Event::Start(Tag::FootnoteDefinition(l)) => out.push(Event::Start(Tag::FootnoteDefinition(footnote(l)))),
            e => out.push(e),
        }
    }
    out
}

/// Puts every table in the box that scrolls sideways, with its hint and name, as the site's
/// own tables are, so that a wide table scrolls on a phone instead of widening the page. (Raw
/// HTML from the page is already dropped: these are the only HTML events.)
fn with_table_scroll<'e>(events: Vec<Event<'e>>, tables: &TableBox<'_>) -> Vec<Event<'e>> {
    let open = format!(
        r#"<p class="scroll-hint" aria-hidden="true">{}</p><div class="table-scroll" tabindex="0" role="region" aria-label="{}">"#,
        super::escape_html(tables.hint),
        super::escape_html(tables.name)
    );
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        match e {
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(open.clone().into()));
                out.push(e);
            }
            Event::End(TagEnd::Table) => {
                out.push(e);
                out.push(Event::Html("</div>".into()));
            }
            e => out.push(e),
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
/// The HTML of a project's catalogue messages is held to the same rules.
pub(super) fn sanitise(html: &str) -> String {
    sanitiser().clean(html).to_string()
}

/// Whether the sanitiser leaves `html` as it is (but for the `rel` it adds to links): nothing
/// in it is removed or rewritten.
pub(super) fn passes_sanitiser(html: &str) -> bool {
    let mut b = sanitiser();
    b.link_rel(None);
    b.clean(html).to_string() == html
}

/// The sanitiser of [`sanitise`].
fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        // The scroll box around tables is focusable (to scroll it from the keyboard) and named;
        // its hint is not read out. Markdown's own raw HTML is dropped before this.
        .add_tag_attributes("div", ["tabindex", "role", "aria-label"])
        .add_tag_attributes("p", ["aria-hidden"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            // Images only from the project: an external image would be a request to another
            // host (no "offline", and a tracking pixel).
            if element == "img" && attribute == "src" && external_image(value) {
                return None;
            }
            // `java&#x09;script:` reaches here percent-encoded (`java%09script:`): no script a
            // browser runs, but no page either; a scheme hidden so is dropped like one written out.
            if matches!(attribute, "href" | "src") && dropped_link(value) {
                return None;
            }
            Some(value.into())
        });
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table box's words, as a page gives them.
    const BOX: TableBox<'static> = TableBox { hint: "Swipe →", name: "A table of \"Team\" <1>" };

    #[test]
    fn a_line_break_between_chinese_characters_joins_the_lines_and_one_between_words_is_a_space() {
        let html = to_html("客户反馈，\n帮助我们。\nSee the\nsummary.");
        assert!(html.contains("客户反馈，帮助我们。"), "{html}");
        assert!(html.contains("See the\nsummary."), "{html}");
        // A Chinese sentence then an English one keeps its break.
        assert!(html.contains("我们。\nSee"), "{html}");
    }

    fn to_html(markdown: &str) -> String {
        super::to_html(markdown, &BOX)
    }

    #[test]
    fn tables_footnotes_and_heading_anchors_render() {
        let h =
            to_html("# Our team\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n\n## 方法 说明\n");
        assert!(h.contains("<h1 id=\"our-team\">"), "{h}");
        assert!(
            h.contains(r#"<p class="scroll-hint" aria-hidden="true">Swipe →</p><div class="table-scroll" tabindex="0" role="region" aria-label="A table of &quot;Team&quot; &lt;1&gt;"><table>"#),
            "{h}"
        );
        assert!(h.contains("</tbody></table>\n</div>"), "{h}");
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
    fn headings_and_footnotes_never_take_an_id_of_the_layout() {
        let h = to_html("# Top {#main}\n\n## Main\n\n## Nav toggle\n\nSee[^main] and[^nav-toggle].\n\n[^main]: A.\n\n[^nav-toggle]: B.\n");
        let ids: Vec<&str> = h.split("id=\"").skip(1).map(|r| &r[..r.find('"').unwrap()]).collect();
        assert_eq!(ids, ["main-2", "main-3", "nav-toggle-2", "fn-main", "fn-nav-toggle"], "{h}");
        assert!(h.contains("href=\"#fn-main\"") && h.contains("href=\"#fn-nav-toggle\""), "{h}");
        // Other footnotes keep their labels; a heading does not take a footnote's id.
        let h = to_html("# Notes\n\nA[^notes].\n\n[^notes]: N.\n");
        assert!(h.contains("<h1 id=\"notes-2\">") && h.contains("id=\"notes\"><sup"), "{h}");
    }

    #[test]
    fn an_explicit_heading_id_of_the_layout_is_a_warning_naming_the_id_given() {
        let found = inspect("pages/a.md", "pages/a.html", 5, "text\n\n# Top {#main}\n\n# Main\n");
        let warnings: Vec<String> = found.warnings.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .starts_with("pages/a.md:7: the heading id `{#main}` is the page layout's own (`main`, `nav-toggle`)"),
            "{warnings:?}"
        );
        assert!(warnings[0].ends_with("the heading was given `main-2` instead"), "{warnings:?}");
    }

    /// Words in braces that end a heading (`# Price in {EUR}`) are shown: the parser takes them
    /// for attributes, which were dropped, and the heading read `Price in`.
    #[test]
    fn words_in_braces_ending_a_heading_are_shown() {
        let h = to_html("# Price in {EUR}\n\n## Fine {#fine}\n\n## Both {#both data-x=1}\n");
        assert!(h.contains("<h1 id=\"price-in-eur\">Price in {EUR}</h1>"), "{h}");
        // The page's inspection (its anchors) reads the same ids.
        let found = inspect("pages/t.md", "pages/t.html", 1, "# Price in {EUR}\n\n[up](#price-in-eur)\n");
        assert!(found.warnings.is_empty() && found.errors.is_empty(), "{:?} {:?}", found.warnings, found.errors);
        assert!(h.contains("<h2 id=\"fine\">Fine</h2>"), "{h}");
        assert!(h.contains("<h2 id=\"both\">Both {data-x=1}</h2>"), "{h}");
    }

    /// Every id the built-in layout of a page writes is in [`LAYOUT_IDS`].
    #[test]
    fn layout_ids_are_every_id_of_the_page_layout() {
        for template in [include_str!("../../templates/base.html"), include_str!("../../templates/page.html")] {
            for rest in template.split(" id=\"").skip(1) {
                let id = &rest[..rest.find('"').unwrap()];
                assert!(LAYOUT_IDS.contains(&id), "`{id}` is missing from LAYOUT_IDS");
            }
        }
    }

    #[test]
    fn ordinary_links_survive() {
        let h = to_html("[site](https://example.com) [mail](mailto:a@b.c) [rel](trends.html) [top](#x)");
        for needle in ["https://example.com", "mailto:a@b.c", "trends.html", "#x"] {
            assert!(h.contains(needle), "{needle} in {h}");
        }
    }
}
