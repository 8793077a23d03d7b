//! Everything above → site files in memory. Pure: no file is read or written here.
//!
//! Pages are Tera templates (built in, each overridable by a file of the same name in the
//! project's `templates/`), fed view structs ([`views`]) whose numbers are already formatted
//! and gated by min_n. Pages render in parallel into an ordered map.

pub mod catalogue;
pub mod charts;
pub mod format;
pub mod journey_map;
mod links;
pub mod lint;
pub mod locale;
pub mod markdown;
pub mod policy;
pub mod preview;
pub mod quadrant;
pub mod views;

mod choices;
mod drivers;
mod groups;
mod journey;
mod league;
mod methodology;
mod pages;
mod quality;
pub mod routes;
mod site;
mod summary;
mod theme_page;
mod themes;
mod trends;
mod widgets;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::{Context, Tera};

use crate::aggregate::Aggregates;
use crate::error::{Diagnostic, Error, Result};
use crate::insights::Insights;
use crate::metrics::{MetricDef, Metrics};
use crate::project::{Project, ScoreDef};
use catalogue::Catalogue;
use format::Numbers;
use views::*;

/// The built-in templates and assets, compiled into the binary.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("components.html", include_str!("../../templates/components.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("journey.html", include_str!("../../templates/journey.html")),
    ("trends.html", include_str!("../../templates/trends.html")),
    ("group.html", include_str!("../../templates/group.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("methodology.html", include_str!("../../templates/methodology.html")),
    ("quality.html", include_str!("../../templates/quality.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("drivers.html", include_str!("../../templates/drivers.html")),
    ("themes.html", include_str!("../../templates/themes.html")),
];

/// Built-in assets copied to `assets/`, overridable by name like templates.
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("cxsite.css", include_str!("../../templates/cxsite.css")),
    ("cxsite.js", include_str!("../../templates/cxsite.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
];

/// Escapes text for HTML text and quoted attributes (and for SVG that cxsite draws).
/// Characters XML forbids never reach a page.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_illegal(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Control characters other than tab, LF and CR, and the non-characters U+FFFE/U+FFFF.
pub fn is_xml_illegal(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c as u32, 0xFFFE | 0xFFFF)
        || (0x7F..=0x9F).contains(&(c as u32))
}

/// Text of cxsite's own messages as HTML, escaped, each `` `name` `` in it (a key of
/// cxsite.yaml, a dataset's id, as the terminal shows them) set as `<code>name</code>` rather
/// than with its backticks showing. A lone backtick stays as it is.
pub fn code_spans_html(s: &str) -> String {
    let pieces: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 16);
    for (i, piece) in pieces.iter().enumerate() {
        let inside = i % 2 == 1;
        // An odd piece is inside a pair only when a closing backtick follows it.
        if inside && i + 1 < pieces.len() {
            out.push_str("<code>");
            out.push_str(&escape_html(piece));
            out.push_str("</code>");
        } else {
            if inside {
                out.push('`');
            }
            out.push_str(&unbroken_ranges(&escape_html(piece)));
        }
    }
    out
}

/// Escaped text with each range of numbers (`0–10`, `-2–2`, `1.5–4.5`) kept on one line: in
/// Chinese text a browser breaks after the dash (`超出量表范围 0–` / `10`).
fn unbroken_ranges(escaped: &str) -> std::borrow::Cow<'_, str> {
    static RANGE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"[−-]?\d[\d.,]*–[−-]?\d[\d.,]*").expect("valid"));
    RANGE.replace_all(escaped, "<span class=\"nowrap\">$0</span>")
}

/// Removes XML-illegal characters from text that Tera will escape.
fn clean_text(s: &str) -> String {
    s.chars().map(|c| if is_xml_illegal(c) { '\u{FFFD}' } else { c }).collect()
}

/// Compiles the templates: built-ins, then the project's overrides by name.
fn templates(project: &Project) -> Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".svg", ".xml"]);
    let mut sources: BTreeMap<&str, &str> = BUILTIN_TEMPLATES.iter().copied().collect();
    for (name, text) in &project.files.templates {
        if name.ends_with(".html") {
            sources.insert(name, text);
        }
    }
    for (name, text) in sources {
        tera.add_raw_template(name, text)
            .map_err(|e| Error::one(template_diagnostic(name, &e, "template does not compile")))?;
    }
    Ok(tera)
}

/// A template error as a diagnostic at the template, line and column tera's report points to
/// (the template that failed may be another than `name`: a parent or an included one), so
/// `--format json` and editors get the place, not only the text that shows it. The message is
/// `what` and tera's words; the snippet is drawn from the file, as for any located diagnostic.
fn template_diagnostic(name: &str, e: &tera::Error, what: &str) -> Diagnostic {
    let mut at: Option<&tera::Error> = Some(e);
    while let Some(err) = at {
        if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) = err.kind() {
            let file = if report.filename().is_empty() { name } else { report.filename() };
            let span = report.span();
            // tera's lines are 1-based and its columns 0-based.
            return Diagnostic::at(
                format!("templates/{file}"),
                span.start_line as u64,
                span.start_col as u64 + 1,
                format!("{what}: {}", report.message()),
            );
        }
        at = std::error::Error::source(err).and_then(|s| s.downcast_ref::<tera::Error>());
    }
    // Other errors (an unknown function or filter) carry their place only in their text, as
    // a drawn report: `error: Unknown function …` then ` --> page.html:2:23`.
    if let Some((file, line, column, message)) = drawn_report(&e.to_string()) {
        let file = if file.is_empty() { name } else { file.as_str() };
        return Diagnostic::at(format!("templates/{file}"), line, column, format!("{what}: {message}"));
    }
    Diagnostic::file(format!("templates/{name}"), format!("{what}: {e}"))
}

/// The file, line, column (1-based) and first line of a report tera drew as text:
/// `error: MESSAGE`, then a line ` --> FILE:LINE:COLUMN`.
fn drawn_report(text: &str) -> Option<(String, u64, u64, String)> {
    let mut lines = text.lines();
    let message = lines.next()?.trim().trim_start_matches("error:").trim().to_string();
    let place = lines.find_map(|l| l.trim_start().strip_prefix("--> "))?.trim();
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, column, message))
}

/// What [`render`] refuses before it draws a page: a template override that does not compile
/// and a locale catalogue that does not load or lacks a message. `check` and `build` run it
/// before reading any data, so `check` passes no project that `build` would refuse for these,
/// and `build` fails in milliseconds rather than after ingesting every row.
pub fn check_sources(project: &Project) -> Result<()> {
    templates(project)?;
    Catalogue::load(project.locale.tag(), &project.files.locales)?;
    Ok(())
}

/// Past this many values, a configured dimension shows only its groups with at least min_n
/// answers, in its pages and league table (all of its groups stay in metrics.csv).
pub const LARGE_DIMENSION: usize = 1000;

/// One page to render.
struct Job {
    path: String,
    template: &'static str,
    title: String,
    page: tera::Value,
}

/// Where a built page goes: rendered and written at once ([`render`]).
type Pages<'p> = dyn Fn(Job) -> Result<()> + Sync + 'p;

/// Shared state of one render.
struct Ctx<'a> {
    project: &'a Project,
    metrics: &'a Metrics,
    insights: &'a Insights,
    ingested: &'a Aggregates,
    /// The site's message catalogue, and English for the Mermaid download.
    cat: &'a Catalogue,
    en: &'a Catalogue,
    /// The catalogue's messages without arguments, as templates see them (`t.KEY`).
    t: BTreeMap<&'a str, &'a str>,
    /// The headline metric and its definition.
    headline: Option<(&'a MetricDef, &'a ScoreDef)>,
    /// The metric touchpoints are compared on ([`crate::insights::touchpoint_metric`]).
    tp: Option<(&'a MetricDef, &'a ScoreDef)>,
    nav: Nav,
    /// Page → the stage page whose menu list is open on it ([`Ctx::stage_of_page`]).
    stage_of_page: FxHashMap<String, String>,
    /// Whether each touchpoint (by index) is a pain point, marked once: asked per table row
    /// and map card, a walk of the ranking each time grew with the square of the touchpoints.
    pain_points: Vec<bool>,
    description: String,
    /// Every period's label, longest first (what `keep_periods` looks for).
    period_labels: Vec<String>,
    /// The calendar's periods in words and as a chart's axis names them, worked out once:
    /// every trend chart and table names them.
    period_names: FxHashMap<String, (String, String)>,
}

/// Whether each touchpoint of `project` (by index) is ranked a pain point.
fn pain_points(project: &Project, insights: &Insights) -> Vec<bool> {
    let mut pain = vec![false; project.touchpoints.len()];
    for r in insights.touchpoints_by_score.iter().filter(|r| r.pain_point) {
        if let Some(p) = pain.get_mut(r.touchpoint) {
            *p = true;
        }
    }
    pain
}

/// Where rendered files go: `emit(path, bytes)`, called from any thread, each path once.
pub type Emit<'e> = dyn Fn(&str, &[u8]) -> Result<()> + Sync + 'e;

/// Renders every page and asset of the site, handing each to `emit` as soon as it is made,
/// so the site is never held in memory whole.
pub fn render(
    project: &Project,
    metrics: &Metrics,
    insights: &Insights,
    ingested: &Aggregates,
    emit: &Emit,
) -> Result<()> {
    let tera = templates(project)?;
    let cat = Catalogue::load(project.locale.tag(), &project.files.locales)?;
    let en = Catalogue::builtin(catalogue::REFERENCE)?;
    let def_of = |m: &Option<String>| {
        m.as_ref().and_then(|m| metrics.defs.iter().find(|d| &d.name == m)).map(|d| (d, &project.scores[d.score]))
    };
    let headline = def_of(&insights.headline_metric);
    let tp = def_of(&insights.touchpoint_metric);
    let mut ctx = Ctx {
        project,
        metrics,
        insights,
        ingested,
        cat: &cat,
        en: &en,
        t: cat.texts(),
        headline,
        tp,
        nav: Nav {
            stages: Vec::new(),
            segments: None,
            dimensions: Vec::new(),
            pages: Vec::new(),
            drivers: false,
            trends: false,
            themes: false,
            fold: false,
            own_stage_only: false,
        },
        stage_of_page: FxHashMap::default(),
        pain_points: pain_points(project, insights),
        description: String::new(),
        period_labels: Vec::new(),
        period_names: FxHashMap::default(),
    };
    ctx.period_names = (insights.calendar.iter().chain(&insights.periods))
        .map(|p| (p.clone(), (locale::period_label(p, &cat), locale::axis_period_label(p, &cat))))
        .collect();
    ctx.period_labels = insights.periods.iter().map(|p| ctx.period(p)).filter(|l| !l.is_empty()).collect();
    ctx.period_labels.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    ctx.period_labels.dedup();
    ctx.nav = ctx.nav();
    ctx.stage_of_page = ctx.stage_of_page();
    ctx.description = ctx.og_description();

    // Each page is rendered and written as soon as its data is built, on every core: only
    // the pages in the making are in memory, not every page's data (a dimension of thousands
    // of stores would otherwise hold all their pages' tables and charts until the last).
    // The catalogue's messages, the same on every page, are made a template value once (a
    // shared one: each page takes a reference, not a copy of hundreds of messages).
    let messages = tera::Value::from_serializable(&ctx.t);
    let write_page = |job: Job| -> Result<()> {
        let mut c = Context::new();
        c.insert("site", &ctx.site_view(&job.path, &job.title));
        c.insert_value("t", messages.clone());
        c.insert_value("page", job.page);
        let html = tera
            .render(job.template, &c)
            .map_err(|e| Error::one(template_diagnostic(job.template, &e, &format!("cannot render {}", job.path))))?;
        emit(&job.path, policy::with_policy(&html).as_bytes())
    };
    let out: &Pages = &write_page;
    type Builder = fn(&Ctx, &Pages) -> Result<()>;
    let builders: [Builder; 12] = [
        |c, out| out(c.summary_page()),
        |c, out| out(c.journey_page()),
        |c, out| c.trends_page().map_or(Ok(()), out),
        |c, out| out(c.methodology_page()),
        |c, out| out(c.quality_page()),
        |c, out| c.stage_pages(out),
        |c, out| c.touchpoint_pages(out),
        |c, out| c.segment_pages(out),
        |c, out| c.dimension_pages(out),
        |c, out| c.markdown_pages(out),
        |c, out| c.drivers_page().map_or(Ok(()), out),
        |c, out| c.themes_page().map_or(Ok(()), out),
    ];
    builders.par_iter().try_for_each(|build| build(&ctx, out))?;
    for (name, text) in BUILTIN_ASSETS {
        let body = project.files.templates.get(*name).map(String::as_str).unwrap_or(text);
        emit(&format!("assets/{name}"), body.as_bytes())?;
    }
    emit("data/journey.mmd", ctx.mermaid().as_bytes())?;
    emit("robots.txt", robots_txt(project.public).as_bytes())?;
    emit("assets/preview.png", &ctx.preview_png())?;
    // A message asked for that the catalogue lacks fails the build, naming key and locale.
    cat.check_misses().and(en.check_misses())
}

/// The site's `robots.txt`: crawlers kept out of everything unless the project is `public`,
/// as the pages' `noindex` is. It only works where the site is the root of its host.
fn robots_txt(public: bool) -> &'static str {
    if public {
        "User-agent: *\nDisallow:\n"
    } else {
        "User-agent: *\nDisallow: /\n"
    }
}

fn to_value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

impl<'a> Ctx<'a> {
    /// A message without arguments.
    fn tr(&self, key: &str) -> &'a str {
        self.cat.text(key)
    }

    /// Two sentences one after the other: a space between them, none after Chinese or
    /// Japanese full-width closing punctuation (`。` `！` `？` `）`), which carries its own.
    fn sentences(first: &str, next: &str) -> String {
        if first.is_empty() {
            return next.to_string();
        }
        let full_width = first.ends_with(['。', '！', '？', '）', '」', '；']);
        if full_width {
            format!("{first}{next}")
        } else {
            format!("{first} {next}")
        }
    }

    /// A message with its named arguments.
    fn msg(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.cat.format(key, args)
    }

    /// A count with its noun by the catalogue's plural message `key` ("1 answer", "30
    /// answers"): the argument for a sentence that names a count, so that no text of the
    /// site reads "at least 1 answers" (`count_answers`, `comment_count`, …).
    fn counted(&self, key: &str, n: u64) -> String {
        self.cat.plural(key, n, &[])
    }

    /// How the site's locale writes numbers.
    fn num(&self) -> &'a Numbers {
        self.cat.numbers()
    }

    /// The display name of a metric.
    fn metric(&self, name: &str) -> String {
        locale::metric_label(name, &self.project.scores, self.cat)
    }

    /// The project's period length as a key suffix: `month`, `quarter` or `week`.
    fn period_kind(&self) -> &'static str {
        match self.project.period {
            crate::project::Period::Month => "month",
            crate::project::Period::Quarter => "quarter",
            crate::project::Period::Week => "week",
        }
    }

    /// A period key for people.
    fn period(&self, key: &str) -> String {
        match self.period_names.get(key) {
            Some((words, _)) => words.clone(),
            None => locale::period_label(key, self.cat),
        }
    }

    /// A period key as a trend chart's axis names it.
    fn axis_period(&self, key: &str) -> String {
        match self.period_names.get(key) {
            Some((_, axis)) => axis.clone(),
            None => locale::axis_period_label(key, self.cat),
        }
    }

    /// Whether the journey knows only stages: every touchpoint stands for a stage written
    /// without touchpoints.
    fn stages_only(&self) -> bool {
        self.project.touchpoints.iter().all(|t| t.implicit)
    }
}

#[cfg(test)]
mod code_span_tests {
    use super::code_spans_html;

    #[test]
    fn backtick_pairs_become_code_and_everything_is_escaped() {
        assert_eq!(code_spans_html("left out by `keep_rows`"), "left out by <code>keep_rows</code>");
        assert_eq!(
            code_spans_html("no row of `<b>` has \"x\" & `y`"),
            "no row of <code>&lt;b&gt;</code> has &quot;x&quot; &amp; <code>y</code>"
        );
        // A lone backtick is text.
        assert_eq!(code_spans_html("a `b` c `d"), "a <code>b</code> c `d");
        assert_eq!(code_spans_html("`"), "`");
        // A range stays on one line; inside code it is left as written.
        assert_eq!(code_spans_html("超出量表范围 0–10"), "超出量表范围 <span class=\"nowrap\">0–10</span>");
        assert_eq!(
            code_spans_html("scale -2–2 and `1–5`"),
            "scale <span class=\"nowrap\">-2–2</span> and <code>1–5</code>"
        );
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::Ctx;

    #[test]
    fn sentences_are_spaced_in_english_and_not_after_chinese_full_stops() {
        assert_eq!(Ctx::sentences("Withheld.", "Not drawn."), "Withheld. Not drawn.");
        assert_eq!(Ctx::sentences("范围为 10–20。", "未绘出：2025年3月。"), "范围为 10–20。未绘出：2025年3月。");
        assert_eq!(Ctx::sentences("", "x"), "x");
    }
}
