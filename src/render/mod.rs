//! Everything above → site files in memory. Pure: no file is read or written here.
//!
//! Pages are Tera templates (built in, each overridable by a file of the same name in the
//! project's `templates/`), fed view structs ([`views`]) whose numbers are already formatted
//! and gated by min_n. Pages render in parallel into an ordered map.

pub mod charts;
pub mod format;
pub mod journey_map;
pub mod lint;
pub mod locale;
pub mod markdown;
pub mod quadrant;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::aggregate::{Aggregates, Dim};
use crate::error::{Diagnostic, Error, Result};
use crate::insights::{Finding, Insights};
use crate::metrics::{Measure, MetricDef, MetricRow, Metrics};
use crate::project::{Locale, Project, ScoreDef};
use format::{change_text, count, interval_text, position, score_class, slug, value_text};
use locale::{metric_label, period_label};
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
        tera.add_raw_template(name, text).map_err(|e| {
            Error::one(Diagnostic::file(format!("templates/{name}"), format!("template does not compile: {e}")))
        })?;
    }
    Ok(tera)
}

/// Past this many values, a configured dimension shows only its groups with at least min_n
/// answers, in its pages and league table (all of its groups stay in metrics.csv).
pub const LARGE_DIMENSION: usize = 1000;

/// One page to render.
struct Job {
    path: String,
    template: &'static str,
    title: String,
    page: serde_json::Value,
}

/// Shared state of one render.
struct Ctx<'a> {
    project: &'a Project,
    metrics: &'a Metrics,
    insights: &'a Insights,
    ingested: &'a Aggregates,
    t: BTreeMap<&'static str, &'static str>,
    locale: Locale,
    /// The headline metric and its definition.
    headline: Option<(&'a MetricDef, &'a ScoreDef)>,
    nav: Nav,
    description: String,
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
    let headline = insights
        .headline_metric
        .as_ref()
        .and_then(|m| metrics.defs.iter().find(|d| &d.name == m))
        .map(|d| (d, &project.scores[d.score]));
    let mut ctx = Ctx {
        project,
        metrics,
        insights,
        ingested,
        t: locale::strings(project.locale),
        locale: project.locale,
        headline,
        nav: Nav { stages: Vec::new(), segments: None, dimensions: Vec::new(), pages: Vec::new(), drivers: false },
        description: String::new(),
    };
    ctx.nav = ctx.nav();
    ctx.description = ctx.og_description();

    // Pages' data (tables, charts) is built on every core too, in a fixed order.
    type Builder = fn(&Ctx) -> Vec<Job>;
    let builders: [Builder; 11] = [
        |c| vec![c.summary_page()],
        |c| vec![c.journey_page()],
        |c| vec![c.trends_page()],
        |c| vec![c.methodology_page()],
        |c| vec![c.quality_page()],
        |c| c.stage_pages(),
        |c| c.touchpoint_pages(),
        |c| c.segment_pages(),
        |c| c.dimension_pages(),
        |c| c.markdown_pages(),
        |c| c.drivers_page().into_iter().collect(),
    ];
    let jobs: Vec<Job> = builders.par_iter().flat_map_iter(|build| build(&ctx)).collect();

    jobs.par_iter().try_for_each(|job| {
        let mut c = Context::new();
        c.insert("site", &ctx.site_view(&job.path, &job.title));
        c.insert("t", &ctx.t);
        c.insert("page", &job.page);
        let html = tera.render(job.template, &c).map_err(|e| {
            Error::one(Diagnostic::file(
                format!("templates/{}", job.template),
                format!("cannot render {}: {e}", job.path),
            ))
        })?;
        emit(&job.path, html.as_bytes())
    })?;
    for (name, text) in BUILTIN_ASSETS {
        let body = project.files.templates.get(*name).map(String::as_str).unwrap_or(text);
        emit(&format!("assets/{name}"), body.as_bytes())?;
    }
    for (rel, bytes) in &project.files.static_files {
        emit(&format!("static/{rel}"), bytes)?;
    }
    emit("data/journey.mmd", ctx.mermaid().as_bytes())
}

fn to_value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

impl<'a> Ctx<'a> {
    fn tr(&self, key: &str) -> &'static str {
        self.t.get(key).copied().unwrap_or("")
    }

    fn site_view(&self, path: &str, page_title: &str) -> SiteView {
        let depth = path.matches('/').count();
        let title = clean_text(&self.project.title);
        SiteView {
            page_title: if page_title.is_empty() {
                title.clone()
            } else {
                format!("{} · {title}", clean_text(page_title))
            },
            title,
            lang: self.locale.tag().into(),
            root: "../".repeat(depth),
            noindex: !self.project.public,
            nav: self.nav.clone(),
            data_period: self.data_period(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: self.description.clone(),
            url: self.project.base_url.as_ref().map(|b| format!("{}/{path}", b.trim_end_matches('/'))),
            path: path.to_string(),
        }
    }

    fn data_period(&self) -> String {
        let q = &self.ingested.quality;
        match (&q.first_date, &q.last_date) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => String::new(),
        }
    }

    /// The Open Graph description: the headline number of the latest period.
    fn og_description(&self) -> String {
        let Some((def, _)) = self.headline else { return String::new() };
        let Some(k) = self.insights.kpis.iter().find(|k| k.metric == def.name) else { return String::new() };
        let Some(row) = &k.latest else { return String::new() };
        let Some(v) = row.value else { return String::new() };
        let label = metric_label(&def.name, self.locale);
        let period = k.period.as_deref().map(|p| period_label(p, self.locale)).unwrap_or_default();
        format!("{label} {} ({period}, n = {})", value_text(v, def.measure), count(row.n))
    }

    fn nav(&self) -> Nav {
        let p = self.project;
        let stages = p
            .stages
            .iter()
            .map(|s| NavStage {
                link: Link { text: clean_text(&s.name), href: format!("stages/{}.html", s.id) },
                touchpoints: s
                    .touchpoints
                    .iter()
                    .map(|i| Link {
                        text: clean_text(&p.touchpoints[*i].name),
                        href: format!("touchpoints/{}.html", p.touchpoints[*i].id),
                    })
                    .collect(),
            })
            .collect();
        let segments = (!self.metrics.segments.is_empty())
            .then(|| Link { text: self.tr("segments").into(), href: "segments/index.html".into() });
        let dimensions = self
            .dimension_ids()
            .into_iter()
            .map(|(i, d)| Link { text: clean_text(&p.dimensions[i].name), href: format!("dimensions/{d}/index.html") })
            .collect();
        let pages = p
            .files
            .pages
            .iter()
            .map(|pg| Link { text: clean_text(&pg.title), href: format!("pages/{}.html", pg.slug) })
            .collect();
        let drivers = self.metrics.drivers.is_some() && self.insights.performance_metric.is_some();
        Nav { stages, segments, dimensions, pages, drivers }
    }

    /// Configured dimensions that have data, with their ids.
    fn dimension_ids(&self) -> Vec<(usize, String)> {
        self.project
            .dimensions
            .iter()
            .enumerate()
            .filter(|(i, _)| self.ingested.partials.groups.keys().any(|k| k.dim == Dim::Custom(*i)))
            .map(|(i, d)| (i, d.id.clone()))
            .collect()
    }

    fn suppressed_text(&self, n: u64) -> String {
        format!("{} (n = {})", self.tr("not_enough"), count(n))
    }

    /// A tile for one metric row.
    fn tile(
        &self,
        def: &MetricDef,
        row: Option<&MetricRow>,
        scope: String,
        change: Option<&crate::metrics::ChangeRow>,
    ) -> Tile {
        let score = &self.project.scores[def.score];
        let n = row.map(|r| r.n).unwrap_or(0);
        let value = row.and_then(|r| r.value);
        let interval = match (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high)) {
            (Some(a), Some(b)) => interval_text(a, b, def.measure),
            _ => String::new(),
        };
        let change = change.map(|c| {
            let sig = c.change.significant;
            let direction = if !sig {
                "flat"
            } else if c.change.diff > 0.0 {
                "up"
            } else {
                "down"
            };
            let note = format!(
                "{} {} {}",
                if sig { self.tr("significant") } else { self.tr("not_significant") },
                self.tr("vs"),
                period_label(&c.previous, self.locale)
            );
            ChangeView {
                text: change_text(c.change.diff, def.measure),
                direction: direction.into(),
                significant: sig,
                note,
            }
        });
        Tile {
            label: metric_label(&def.name, self.locale),
            value: value.map(|v| value_text(v, def.measure)).unwrap_or_default(),
            interval,
            n: count(n),
            suppressed: value.is_none().then(|| self.suppressed_text(n)),
            class: value.map(|v| score_class(v, def.measure, score)).unwrap_or("s0").into(),
            scope,
            change,
        }
    }

    /// The headline metrics (one per score; the top-box share for ratings).
    fn tile_defs(&self) -> Vec<&'a MetricDef> {
        self.metrics.defs.iter().filter(|d| d.is_headline()).collect()
    }

    /// Tiles of every headline metric for one group, over all its answers.
    fn group_tiles(&self, dimension: &str, group: &str) -> Vec<Tile> {
        self.tile_defs()
            .into_iter()
            .filter_map(|d| {
                let row = self.metrics.get(dimension, group, &d.name)?;
                Some(self.tile(d, Some(row), self.tr("all_time").into(), None))
            })
            .collect()
    }

    /// One breakdown row.
    fn bar_row(
        &self,
        label: String,
        href: Option<String>,
        row: Option<&MetricRow>,
        def: &MetricDef,
        pain_point: bool,
    ) -> BarRow {
        let score = &self.project.scores[def.score];
        let n = row.map(|r| r.n).unwrap_or(0);
        let value = row.and_then(|r| r.value);
        let (lo, hi) = (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high));
        BarRow {
            label: clean_text(&label),
            href,
            n: count(n),
            n_sort: n,
            value: value.map(|v| value_text(v, def.measure)).unwrap_or_default(),
            value_sort: value.map(|v| format!("{v:.4}")).unwrap_or_default(),
            interval: match (lo, hi) {
                (Some(a), Some(b)) => interval_text(a, b, def.measure),
                _ => String::new(),
            },
            class: value.map(|v| score_class(v, def.measure, score)).unwrap_or("s0").into(),
            dot: value.map(|v| 100.0 * position(v, def.measure, score)).unwrap_or(0.0),
            low: lo.map(|v| 100.0 * position(v, def.measure, score)).unwrap_or(0.0),
            high: hi.map(|v| 100.0 * position(v, def.measure, score)).unwrap_or(0.0),
            suppressed: value.is_none().then(|| self.suppressed_text(n)),
            pain_point,
            note: if pain_point { self.tr("pain_point").into() } else { String::new() },
        }
    }

    fn breakdown(&self, id: &str, title: String, def: &MetricDef, rows: Vec<BarRow>, sortable: bool) -> Breakdown {
        let score = &self.project.scores[def.score];
        let (lo, hi) = format::axis(def.measure, score);
        let overall = self.metrics.get("overall", "all", &def.name).and_then(|r| r.value);
        Breakdown {
            id: id.into(),
            title,
            axis_low: value_text(lo, def.measure),
            axis_high: value_text(hi, def.measure),
            reference: overall.map(|v| 100.0 * position(v, def.measure, score)),
            reference_label: overall
                .map(|v| format!("{} {}", self.tr("overall"), value_text(v, def.measure)))
                .unwrap_or_default(),
            rows,
            sortable,
        }
    }

    fn pain(&self, tp: usize) -> bool {
        self.insights.touchpoints_by_score.iter().any(|r| r.touchpoint == tp && r.pain_point)
    }

    /// Touchpoint rows for a dimension (`touchpoint`, or `touchpoint_segment` with a suffix).
    fn touchpoint_rows(&self, def: &MetricDef, root: &str, dimension: &str, suffix: Option<&str>) -> Vec<BarRow> {
        let p = self.project;
        p.touchpoints
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let group = match suffix {
                    Some(s) => format!("{}|{s}", t.id),
                    None => t.id.clone(),
                };
                let row = self.metrics.get(dimension, &group, &def.name);
                if row.is_none() && suffix.is_some() {
                    return None;
                }
                Some(self.bar_row(
                    t.name.clone(),
                    Some(format!("{root}touchpoints/{}.html", t.id)),
                    row,
                    def,
                    suffix.is_none() && self.pain(i),
                ))
            })
            .collect()
    }

    /// A trend chart of one metric over a series of period groups.
    fn trend_chart(&self, id: &str, def: &MetricDef, dimension: &str, prefix: Option<&str>) -> Option<Chart> {
        let score = &self.project.scores[def.score];
        let mut points = Vec::new();
        let mut table = Vec::new();
        for period in &self.insights.periods {
            let group = match prefix {
                Some(p) => format!("{p}|{period}"),
                None => period.clone(),
            };
            let Some(row) = self.metrics.get(dimension, &group, &def.name) else { continue };
            let change = self.metrics.change(dimension, &group, &def.name);
            let significant = change.is_some_and(|c| c.change.significant);
            points.push(charts::TrendPoint {
                label: period.clone(),
                value: row.value,
                low: row.ci_low,
                high: row.ci_high,
                significant,
            });
            let events: Vec<String> = self
                .project
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| self.project.period.key(e.date) == *period)
                .map(|(ei, e)| format!("{} {}", ei + 1, clean_text(&e.name)))
                .collect();
            table.push(vec![
                period_label(period, self.locale),
                count(row.n),
                row.value.map(|v| value_text(v, def.measure)).unwrap_or_else(|| self.tr("not_enough").into()),
                match (row.ci_low, row.ci_high) {
                    (Some(a), Some(b)) => interval_text(a, b, def.measure),
                    _ => String::new(),
                },
                change
                    .map(|c| {
                        format!(
                            "{}{}",
                            change_text(c.change.diff, def.measure),
                            if c.change.significant { " ●" } else { "" }
                        )
                    })
                    .unwrap_or_default(),
                events.join("; "),
            ]);
        }
        if points.iter().all(|p| p.value.is_none()) {
            return None;
        }
        // Events by number (their position in cxsite.yaml's sorted list), at their period.
        let events: Vec<(usize, String)> = self
            .project
            .events
            .iter()
            .enumerate()
            .filter_map(|(ei, e)| {
                let key = self.project.period.key(e.date);
                points.iter().position(|p| p.label == key).map(|i| (i, (ei + 1).to_string()))
            })
            .collect();
        let svg = charts::trend(&points, def.measure, score, &events);
        let label = metric_label(&def.name, self.locale);
        let first = points.first().map(|p| period_label(&p.label, self.locale)).unwrap_or_default();
        let last = points.last().map(|p| period_label(&p.label, self.locale)).unwrap_or_default();
        let title = if self.locale == Locale::ZhCn {
            format!("{label}月度趋势，{first}至{last}")
        } else {
            format!(
                "{label} by {}, {first} to {last}",
                match self.project.period {
                    crate::project::Period::Month => "month",
                    crate::project::Period::Quarter => "quarter",
                    crate::project::Period::Week => "week",
                }
            )
        };
        let caption =
            format!("{}; {}; ◆ = {}.", self.tr("legend_band"), self.tr("zoomed"), self.tr("significant_move"));
        Some(Chart {
            id: id.into(),
            title,
            caption,
            svg,
            table_head: vec![
                self.tr("period").into(),
                self.tr("n").into(),
                self.tr("value").into(),
                self.tr("interval").into(),
                self.tr("change").into(),
                self.tr("events").into(),
            ],
            table,
        })
    }

    /// The distribution of the headline score in one group.
    fn distribution_chart(&self, id: &str, dim: Dim, group: &str) -> Option<Chart> {
        let (def, score) = self.headline?;
        let h = self.ingested.partials.histogram(dim, group, def.score)?;
        let n = h.n();
        if n < self.project.min_n {
            return None;
        }
        let svg = charts::distribution(&h.counts, def.measure, score);
        let label = metric_label(&def.name, self.locale);
        let title = if self.locale == Locale::ZhCn {
            format!("{label} 回答分布（n = {}）", count(n))
        } else {
            format!("{label}: distribution of answers (n = {})", count(n))
        };
        let caption = match def.measure {
            Measure::Nps if self.locale == Locale::ZhCn => {
                "红：贬损者（0–6），灰：被动者（7–8），蓝：推荐者（9–10）。".to_string()
            }
            Measure::Nps => "Red: detractors (0–6); grey: passives (7–8); blue: promoters (9–10).".to_string(),
            _ => String::new(),
        };
        let table = (score.min..=score.max)
            .zip(h.counts.iter().chain(std::iter::repeat(&0)))
            .map(|(v, c)| vec![v.to_string(), count(*c), format!("{:.1}%", 100.0 * *c as f64 / n as f64)])
            .collect();
        Some(Chart {
            id: id.into(),
            title,
            caption,
            svg,
            table_head: vec![self.tr("score").into(), self.tr("count").into(), self.tr("share").into()],
            table,
        })
    }

    /// Sampled comments, redacted, with their score and touchpoint.
    fn comments(&self, touchpoints: &[usize]) -> (Vec<CommentView>, u64) {
        let c = &self.ingested.comments;
        let mut out = Vec::new();
        let mut total = 0;
        for tp in touchpoints {
            // A group below min_n shows no number, and no comments either: they could identify people.
            let answers = self
                .headline
                .and_then(|(d, _)| self.metrics.get("touchpoint", &self.project.touchpoints[*tp].id, &d.name))
                .map(|r| r.n)
                .unwrap_or(0);
            if answers < self.project.min_n {
                continue;
            }
            total += c.counts.get(&Some(*tp)).copied().unwrap_or(0);
            for cm in c.sample(Some(*tp)).take(if touchpoints.len() > 1 { 4 } else { 12 }) {
                let mut meta = vec![clean_text(&self.project.touchpoints[*tp].name)];
                let mut class = "s0";
                if let Some((s, v)) = cm.score {
                    let def = &self.project.scores[s];
                    meta.push(format!("{} {v}", metric_label(&def.id, self.locale)));
                    let measure = match def.kind {
                        crate::project::ScoreKind::Nps => Measure::Nps,
                        _ => Measure::Mean,
                    };
                    class = if measure == Measure::Nps {
                        match v {
                            0..=6 => "s1",
                            7..=8 => "s4",
                            _ => "s7",
                        }
                    } else {
                        score_class(v as f64, Measure::Mean, def)
                    };
                }
                if let Some(d) = cm.date {
                    meta.push(d.to_string());
                }
                out.push(CommentView { text: clean_text(&cm.text), meta: meta.join(" · "), class: class.into() });
            }
        }
        (out, total)
    }

    fn job(&self, path: String, template: &'static str, title: String, page: serde_json::Value) -> Job {
        Job { path, template, title, page }
    }

    fn summary_page(&self) -> Job {
        let kpis: Vec<Tile> = self
            .insights
            .kpis
            .iter()
            .filter_map(|k| {
                let def = self.metrics.defs.iter().find(|d| d.name == k.metric)?;
                let scope = k
                    .period
                    .as_deref()
                    .map(|p| period_label(p, self.locale))
                    .unwrap_or_else(|| self.tr("all_time").into());
                Some(self.tile(def, k.latest.as_ref(), scope, k.change.as_ref()))
            })
            .collect();
        let findings: Vec<serde_json::Value> = self.insights.findings.iter().map(|f| self.finding(f)).collect();
        let (map, lowest, trend) = match self.headline {
            Some((def, _)) => {
                let lowest: Vec<BarRow> = self
                    .insights
                    .touchpoints_by_score
                    .iter()
                    .take(5)
                    .map(|r| {
                        let t = &self.project.touchpoints[r.touchpoint];
                        self.bar_row(
                            t.name.clone(),
                            Some(format!("touchpoints/{}.html", t.id)),
                            self.metrics.get("touchpoint", &t.id, &def.name),
                            def,
                            r.pain_point,
                        )
                    })
                    .collect();
                let title = if self.locale == Locale::ZhCn {
                    format!("{}：最低的触点", metric_label(&def.name, self.locale))
                } else {
                    format!("{} at the lowest-scoring touchpoints, all responses", metric_label(&def.name, self.locale))
                };
                let lowest = self.breakdown("lowest", title, def, lowest, false);
                (self.map_svg(""), Some(lowest), self.trend_chart("trend", def, "period", None))
            }
            None => (String::new(), None, None),
        };
        let page = serde_json::json!({
            "heading": self.tr("executive_summary"),
            "tiles": kpis,
            "findings": findings,
            "map": map,
            "lowest": lowest,
            "trend": trend,
        });
        self.job("index.html".into(), "index.html", String::new(), page)
    }

    /// A finding in words, with a link to its evidence. Insignificant moves are never called
    /// rises or falls.
    fn finding(&self, f: &Finding) -> serde_json::Value {
        let zh = self.locale == Locale::ZhCn;
        let measure =
            |m: &str| self.metrics.defs.iter().find(|d| d.name == m).map(|d| d.measure).unwrap_or(Measure::Nps);
        let tp_name = |i: usize| clean_text(&self.project.touchpoints[i].name);
        let tp_href = |i: usize| format!("touchpoints/{}.html", self.project.touchpoints[i].id);
        // " (95% interval a – b)" of a touchpoint's metric, so a number is never without its precision.
        let tp_ci = |i: usize, metric: &str| -> String {
            let row = self.metrics.get("touchpoint", &self.project.touchpoints[i].id, metric);
            match (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high)) {
                (Some(a), Some(b)) => {
                    let t = interval_text(a, b, measure(metric));
                    if zh {
                        format!("（95% 区间 {t}）")
                    } else {
                        format!(" (95% interval {t})")
                    }
                }
                _ => String::new(),
            }
        };
        let (text, href) = match f {
            Finding::Movement { metric, period, previous, value, diff, significant, mix } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (p, q) = (period_label(period, self.locale), period_label(previous, self.locale));
                let (v, d) = (value_text(*value, m), change_text(*diff, m));
                let mix_text = match mix {
                    Some((name, mx, within)) if *significant => {
                        let part = self.partition_label(name);
                        let (mx, within) = (change_text(*mx, m), change_text(*within, m));
                        if zh {
                            format!("其中 {mx} 来自{part}构成的变化，{within} 来自其内部体验的变化。")
                        } else {
                            format!(" Of this, {mx} comes from a different mix of {part} answering and {within} from experience changing within them.")
                        }
                    }
                    _ => String::new(),
                };
                let text = match (significant, zh) {
                    (true, false) => {
                        let verb = if *diff > 0.0 { "rose" } else { "fell" };
                        format!("{l} {verb} to {v} in {p} ({d} vs {q}), a change larger than chance.{mix_text}")
                    }
                    (false, false) => {
                        format!("{l} was {v} in {p}; the {d} move vs {q} is within sampling noise, not a real change.")
                    }
                    (true, true) => {
                        let verb = if *diff > 0.0 { "上升" } else { "下降" };
                        format!("{p}{l}{verb}至 {v}（较{q} {d}），变化显著。{mix_text}")
                    }
                    (false, true) => format!("{p}{l}为 {v}；较{q}的 {d} 变化在抽样误差之内，并非真实变化。"),
                };
                (text, "trends.html".to_string())
            }
            Finding::WeakestTouchpoint { touchpoint, metric, value, overall, pain_point } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (v, o, t) = (value_text(*value, m), value_text(*overall, m), tp_name(*touchpoint));
                let ci = tp_ci(*touchpoint, metric);
                let text = match (zh, pain_point) {
                    (true, true) => format!("最弱的触点是「{t}」：{l} {v}{ci}，全体为 {o}，显著低于整体，是痛点。"),
                    (true, false) => format!("最弱的触点是「{t}」：{l} {v}{ci}，全体为 {o}。"),
                    (false, true) => format!("The weakest touchpoint is {t}: {l} {v}{ci} against {o} overall, significantly below — a pain point."),
                    (false, false) => format!("The weakest touchpoint is {t}: {l} {v}{ci} against {o} overall."),
                };
                (text, tp_href(*touchpoint))
            }
            Finding::StrongestTouchpoint { touchpoint, metric, value, overall } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (v, o, t) = (value_text(*value, m), value_text(*overall, m), tp_name(*touchpoint));
                let ci = tp_ci(*touchpoint, metric);
                let text = if zh {
                    format!("表现最好的触点是「{t}」：{l} {v}{ci}，全体 {o}。")
                } else {
                    format!("The strongest touchpoint is {t}: {l} {v}{ci} against {o} overall.")
                };
                (text, tp_href(*touchpoint))
            }
            Finding::LowestSegment { gap, metric } | Finding::HighestSegment { gap, metric } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let low = matches!(f, Finding::LowestSegment { .. });
                let (name, v, d) = (clean_text(&gap.name), value_text(gap.value, m), change_text(gap.gap, m));
                let text = match (low, zh) {
                    (true, false) => {
                        format!("{name} are the least satisfied segment: {l} {v}, {d} vs all customers (significant).")
                    }
                    (false, false) => {
                        format!("{name} are the most satisfied segment: {l} {v}, {d} vs all customers (significant).")
                    }
                    (true, true) => format!("「{name}」是满意度最低的客群：{l} {v}，较全体 {d}（显著）。"),
                    (false, true) => format!("「{name}」是满意度最高的客群：{l} {v}，较全体 {d}（显著）。"),
                };
                (text, format!("segments/{}.html", slug(&gap.segment)))
            }
            Finding::FixFirst { touchpoint, importance, performance, performance_metric, method } => {
                let pl = metric_label(performance_metric, self.locale);
                let outcome = self.headline.map(|(d, _)| metric_label(&d.name, self.locale)).unwrap_or_default();
                let t = tp_name(*touchpoint);
                let share = 100.0 * importance;
                let ci = tp_ci(*touchpoint, performance_metric);
                let text = match (*method == "relative_weights", zh) {
                    (true, false) => format!("Fix {t} first: it carries {share:.0}% of the touchpoints' explained influence on {outcome} (relative weights), yet its {pl} is only {performance:.0}%{ci}, below most touchpoints."),
                    (false, false) => format!("Fix {t} first: customers who rate it in the top box give a much higher {outcome}, yet its {pl} is only {performance:.0}%{ci}, below most touchpoints."),
                    (true, true) => format!("优先改进「{t}」：它在各触点对{outcome}的解释力中占 {share:.0}%（相对权重），而{pl}仅 {performance:.0}%{ci}，低于多数触点。"),
                    (false, true) => format!("优先改进「{t}」：给它最高评分的客户{outcome}明显更高，而{pl}仅 {performance:.0}%{ci}，低于多数触点。"),
                };
                (text, "drivers.html".to_string())
            }
            Finding::HarshestSegment { segment, name, score, value, low, high } => {
                let name = clean_text(name);
                let s = metric_label(score, self.locale);
                let text = if zh {
                    format!("「{name}」是最严苛的客群：在相同触点上，其{s}评分比全体客户低 {:.2} 分（95% 区间 {:.2} 至 {:.2}），并非因为他们使用了更差的触点。", -value, -high, -low)
                } else {
                    format!("{name} are the harshest segment: at the same touchpoints they rate {s} {:.2} points lower than all customers (95% interval {:.2} to {:.2}) — not because they use worse touchpoints.", -value, -high, -low)
                };
                (text, format!("segments/{}.html", slug(segment)))
            }
            Finding::StarSpread { dimension, name, five, one, rated, unrated } => {
                let sep = if zh { "、" } else { "; " };
                let list = |v: &Vec<String>| v.iter().take(3).map(|s| clean_text(s)).collect::<Vec<_>>().join(sep);
                let more = |v: &Vec<String>| v.len().saturating_sub(3);
                let name = clean_text(name);
                let text = if zh {
                    format!("{name}：{rated} 个分组获评星级（另有 {unrated} 个样本不足）。五星：{} 等 {} 个；一星：{} 等 {} 个。", list(five), five.len(), list(one), one.len())
                } else {
                    let (m5, m1) = (more(five), more(one));
                    let tail = |m: usize| if m > 0 { format!(" and {m} more") } else { String::new() };
                    format!("{name}: {rated} earn stars ({unrated} have too few answers). Five stars: {}{}. One star: {}{}.", list(five), tail(m5), list(one), tail(m1))
                };
                (text, format!("dimensions/{dimension}/index.html"))
            }
        };
        serde_json::json!({ "text": text, "href": href })
    }

    /// Harshness of each segment on each score, as tables with their intervals.
    fn harshness_tables(&self) -> Vec<Table> {
        let zh = self.locale == Locale::ZhCn;
        self.project
            .scores
            .iter()
            .filter_map(|score| {
                let mut rows: Vec<&crate::metrics::HarshnessRow> =
                    self.metrics.harshness.iter().filter(|h| h.score == score.id).collect();
                if rows.is_empty() {
                    return None;
                }
                rows.sort_by(|a, b| a.value.total_cmp(&b.value).then_with(|| a.segment.cmp(&b.segment)));
                let label = metric_label(&score.id, self.locale);
                let title = if zh {
                    format!("客群严苛度：相同触点上{label}评分与全体之差（{}–{} 分制）", score.min, score.max)
                } else {
                    format!("Harshness: {label} compared with all customers at the same touchpoints ({}–{} scale)", score.min, score.max)
                };
                let body = rows
                    .iter()
                    .map(|h| {
                        let name = self.metrics.segments.iter().find(|s| s.0 == h.segment).map(|s| s.1.as_str()).unwrap_or("");
                        let sig = h.ci.high < 0.0 || h.ci.low > 0.0;
                        let verdict = match (sig, h.value < 0.0, zh) {
                            (false, _, false) => "no different",
                            (true, true, false) => "harsher",
                            (true, false, false) => "more lenient",
                            (false, _, true) => "无显著差异",
                            (true, true, true) => "更严苛",
                            (true, false, true) => "更宽容",
                        };
                        vec![
                            Cell { href: Some(format!("{}.html", slug(&h.segment))), ..Cell::text(clean_text(name)) },
                            Cell::num(format::signed(h.value, 2), Some(h.value)),
                            Cell::num(format!("{} – {}", format::signed(h.ci.low, 2), format::signed(h.ci.high, 2)), None),
                            Cell::text(verdict),
                            Cell::num(h.naive_gap.map(|g| format::signed(g, 2)).unwrap_or_default(), h.naive_gap),
                            Cell::num(count(h.n), Some(h.n as f64)),
                        ]
                    })
                    .collect();
                let head = if zh {
                    vec![Head::sorted("客群", false), Head::sorted("严苛度", true), Head::plain("95% 区间", true), Head::plain("结论", false), Head::sorted("简单差值", true), Head::sorted("样本量", true)]
                } else {
                    vec![Head::sorted("Segment", false), Head::sorted("Harshness", true), Head::plain("95% interval", true), Head::plain("Verdict", false), Head::sorted("Naive gap", true), Head::sorted("n", true)]
                };
                let note = if zh {
                    "严苛度 = 各触点上（客群均分 − 全体均分）按样本量加权的平均，因此不会因为客群多用低分触点而被判为严苛。“简单差值”未做此调整，仅供对比。".to_string()
                } else {
                    "Harshness is the n-weighted mean of (segment mean − all-customer mean) over the touchpoints the segment rated, so a segment is not called harsh for using harsher touchpoints. The naive gap ignores that, for contrast.".to_string()
                };
                Some(Table { id: format!("harshness-{}", score.id), title, note, head, rows: body, sortable: true })
            })
            .collect()
    }

    /// The values of a configured dimension that get a page and a league row. All of them,
    /// unless there are more than [`LARGE_DIMENSION`]: then only those with at least min_n
    /// answers (the others have no figure to show, and 100,000 pages or table rows of blanks
    /// would bury the ones that do; their counts stay in data/metrics.csv).
    fn shown_groups<'g>(&self, dimension: &str, groups: Vec<&'g String>) -> Vec<&'g String> {
        if groups.len() <= LARGE_DIMENSION {
            return groups;
        }
        let metric = match self.metrics.league(dimension) {
            Some(l) => l.metric.as_str(),
            None => match self.headline {
                Some((def, _)) => def.name.as_str(),
                None => return groups,
            },
        };
        groups
            .into_iter()
            .filter(|g| self.metrics.get(dimension, g, metric).is_some_and(|r| r.n >= self.project.min_n))
            .collect()
    }

    /// The league table of a dimension: rank, stars, shrunk and raw value, interval, n, change.
    fn league_table(&self, dimension: &str) -> Option<Table> {
        let league = self.metrics.league(dimension)?;
        let def = self.metrics.defs.iter().find(|d| d.name == league.metric)?;
        let zh = self.locale == Locale::ZhCn;
        let large = league.rows.len() > LARGE_DIMENSION;
        let min_n = self.project.min_n;
        let left_out = if large { league.rows.iter().filter(|r| r.n < min_n).count() } else { 0 };
        let rows = league
            .rows
            .iter()
            .filter(|r| !large || r.n >= min_n)
            .map(|r| {
                let row = self.metrics.get(dimension, &r.group, &def.name);
                let value = row.and_then(|x| x.value);
                let ci = match (row.and_then(|x| x.ci_low), row.and_then(|x| x.ci_high)) {
                    (Some(a), Some(b)) => interval_text(a, b, def.measure),
                    _ => String::new(),
                };
                let change = self.metrics.change(dimension, &r.group, &def.name);
                let stars = match r.stars {
                    Some(s) => Cell {
                        text: format!("{}{}", "★".repeat(s as usize), "☆".repeat(5 - s as usize)),
                        sort: Some(s.to_string()),
                        label: Some(if zh { format!("{s} 星") } else { format!("{s} of 5 stars") }),
                        ..Default::default()
                    },
                    None => Cell { sort: Some("0".into()), ..Cell::text(self.tr("unrated")) },
                };
                vec![
                    Cell { href: Some(format!("{}.html", slug(&r.group))), ..Cell::text(clean_text(&r.group)) },
                    Cell::num(r.rank.map(|x| x.to_string()).unwrap_or_default(), r.rank.map(f64::from)),
                    stars,
                    Cell::num(r.shrunk.map(|v| value_text(v, def.measure)).unwrap_or_default(), r.shrunk),
                    Cell {
                        class: value.map(|v| score_class(v, def.measure, &self.project.scores[def.score]).to_string()),
                        ..Cell::num(
                            value.map(|v| value_text(v, def.measure)).unwrap_or_else(|| self.tr("not_enough").into()),
                            value,
                        )
                    },
                    Cell::num(ci, None),
                    Cell::num(count(r.n), Some(r.n as f64)),
                    Cell::num(
                        change
                            .map(|c| {
                                format!(
                                    "{}{}",
                                    change_text(c.change.diff, def.measure),
                                    if c.significant { " ●" } else { "" }
                                )
                            })
                            .unwrap_or_default(),
                        change.map(|c| c.change.diff),
                    ),
                ]
            })
            .collect();
        let l = metric_label(&def.name, self.locale);
        let head = if zh {
            vec![
                Head::sorted("名称", false),
                Head::sorted("排名", true),
                Head::sorted("星级", true),
                Head::sorted(format!("收缩后{l}"), true),
                Head::sorted(l.clone(), true),
                Head::plain("95% 区间", true),
                Head::sorted("样本量", true),
                Head::sorted("较上期", true),
            ]
        } else {
            vec![
                Head::sorted("Name", false),
                Head::sorted("Rank", true),
                Head::sorted("Stars", true),
                Head::sorted(format!("Shrunk {l}"), true),
                Head::sorted(l.clone(), true),
                Head::plain("95% interval", true),
                Head::sorted("n", true),
                Head::sorted("Change", true),
            ]
        };
        let thresholds = league.thresholds.iter().map(|t| value_text(*t, def.measure)).collect::<Vec<_>>().join(" / ");
        let note = if zh {
            let stars = if thresholds.is_empty() {
                String::new()
            } else {
                format!("星级门槛（2–5 星）：{thresholds}。")
            };
            format!("按收缩后{l}排名：(n·数值 + {m}·全体值)/(n + {m})，小样本不会因偶然高分登顶。{stars}样本量低于 {m} 的分组不评级。● 表示较上期变化显著（Holm 校正）。", m = self.project.min_n)
        } else {
            let stars = if thresholds.is_empty() {
                String::new()
            } else {
                format!(" Star thresholds (2–5 stars): {thresholds}.")
            };
            format!("Ranked by shrunk {l}: (n·value + {m}·overall)/(n + {m}), so a group with a few lucky answers cannot top the table.{stars} Groups with fewer than {m} answers are unrated. ● marks a change from the previous period that is significant after Holm's correction.", m = self.project.min_n)
        };
        let note = match (left_out, zh) {
            (0, _) => note,
            (k, true) => format!("{note} 另有 {} 个分组回答少于 {min_n} 条，未列入此表，也没有单独页面；它们的数字在 data/metrics.csv 中。", count(k as u64)),
            (k, false) => format!("{note} {} more groups have fewer than {min_n} answers: they are left out of this table and have no page of their own; their numbers are in data/metrics.csv.", count(k as u64)),
        };
        let title = if zh { format!("{l}排行榜") } else { format!("{l} league table") };
        Some(Table { id: "league".into(), title, note, head, rows, sortable: true })
    }

    /// The key-driver page: the importance × performance map and the table behind it.
    fn drivers_page(&self) -> Option<Job> {
        let d = self.metrics.drivers.as_ref()?;
        let perf = self.insights.performance_metric.as_deref()?;
        let zh = self.locale == Locale::ZhCn;
        let outcome = metric_label(&d.outcome, self.locale);
        let pl = metric_label(perf, self.locale);
        let points: Vec<quadrant::Point> = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                quadrant::Point {
                    label: clean_text(&t.name),
                    href: format!("touchpoints/{}.html", t.id),
                    performance: q.performance,
                    importance: q.importance,
                    fix_first: q.fix_first,
                }
            })
            .collect();
        let (mi, mp) = self.insights.quadrant_medians.unwrap_or((0.0, 0.0));
        let relative = d.method == "relative_weights";
        let (x_axis, y_axis) = if zh {
            (
                format!("表现：{pl}"),
                if relative {
                    format!("重要性：对{outcome}解释力的占比")
                } else {
                    "重要性：相对最大差值".to_string()
                },
            )
        } else {
            (
                format!("Performance: {pl}"),
                if relative {
                    format!("Importance: share of explained {outcome}")
                } else {
                    "Importance: relative to the largest gap".to_string()
                },
            )
        };
        let map_title = if zh {
            format!("驱动因素地图：重要性 × 表现（{}）", outcome)
        } else {
            format!("Key drivers of {outcome}: importance × performance")
        };
        let labels = quadrant::Labels {
            title: &map_title,
            x_axis: &x_axis,
            y_axis: &y_axis,
            fix_first: if zh { "优先改进" } else { "Fix first" },
            keep: if zh { "继续保持" } else { "Keep it up" },
            monitor: if zh { "关注" } else { "Monitor" },
            maintain: if zh { "维持" } else { "Maintain" },
        };
        let svg = if points.is_empty() { String::new() } else { quadrant::draw(&points, mp, mi, &labels) };
        let m = self.metrics.defs.iter().find(|x| x.name == d.outcome).map(|x| x.measure).unwrap_or(Measure::Nps);
        let rows = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                let r = d.rows.iter().find(|r| r.touchpoint == q.touchpoint);
                let (value, ci) = match r {
                    Some(r) if relative => (
                        format!("{:.2}", r.value),
                        r.ci.map(|i| format!("{:.2} – {:.2}", i.low, i.high)).unwrap_or_default(),
                    ),
                    Some(r) => (
                        change_text(r.value, m),
                        r.ci.map(|i| format!("{} – {}", change_text(i.low, m), change_text(i.high, m)))
                            .unwrap_or_default(),
                    ),
                    None => (String::new(), String::new()),
                };
                vec![
                    Cell { href: Some(format!("touchpoints/{}.html", t.id)), ..Cell::text(clean_text(&t.name)) },
                    Cell::num(format!("{:.0}%", 100.0 * q.importance), Some(q.importance)),
                    Cell::num(value, r.map(|r| r.value)),
                    Cell::num(ci, None),
                    Cell::num(format!("{:.0}%", q.performance), Some(q.performance)),
                    Cell::num(r.map(|r| count(r.n)).unwrap_or_default(), r.map(|r| r.n as f64)),
                    Cell::text(if q.fix_first { self.tr("fix_first") } else { "" }),
                ]
            })
            .collect();
        let head = match (relative, zh) {
            (true, false) => vec![
                Head::sorted("Touchpoint", false),
                Head::sorted("Importance", true),
                Head::sorted(format!("Correlation with {outcome}"), true),
                Head::plain("95% interval", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("n", true),
                Head::plain("", false),
            ],
            (false, false) => vec![
                Head::sorted("Touchpoint", false),
                Head::sorted("Importance", true),
                Head::sorted(format!("{outcome} gap, top box vs rest"), true),
                Head::plain("95% interval", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("n", true),
                Head::plain("", false),
            ],
            (true, true) => vec![
                Head::sorted("触点", false),
                Head::sorted("重要性", true),
                Head::sorted(format!("与{outcome}的相关"), true),
                Head::plain("95% 区间", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("样本量", true),
                Head::plain("", false),
            ],
            (false, true) => vec![
                Head::sorted("触点", false),
                Head::sorted("重要性", true),
                Head::sorted(format!("{outcome}差值（最高档 vs 其他）"), true),
                Head::plain("95% 区间", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("样本量", true),
                Head::plain("", false),
            ],
        };
        let r2 = d.r2.map(|r| format!("{:.0}%", 100.0 * r)).unwrap_or_default();
        let intro = match (relative, zh) {
            (true, false) => format!("Which touchpoints move {outcome}? Each respondent's rating of every touchpoint is related to their {outcome}: importance is Johnson's relative weight, the share of the explained variation that each touchpoint carries (together they explain {r2} of {outcome}). Performance is the touchpoint's {pl}. Touchpoints of above-median importance and below-median performance are the ones to fix first."),
            (false, false) => format!("Which touchpoints move {outcome}? Each respondent here rated one touchpoint, so no respondent-level model is possible; instead importance is the gap in {outcome} between customers who rated the touchpoint in its top box and the rest. Performance is the touchpoint's {pl}. Touchpoints of above-median importance and below-median performance are the ones to fix first."),
            (true, true) => format!("哪些触点影响{outcome}？把每位受访者对各触点的评分与其{outcome}关联：重要性为 Johnson 相对权重，即各触点在可解释变异中所占份额（各触点合计解释{outcome}的 {r2}）。表现为该触点的{pl}。重要性高于中位数且表现低于中位数的触点应优先改进。"),
            (false, true) => format!("哪些触点影响{outcome}？此处每位受访者只评价了一个触点，无法建立受访者层面的模型；重要性改用“给该触点最高档评分的客户”与其他客户之间的{outcome}差值。表现为该触点的{pl}。重要性高于中位数且表现低于中位数的触点应优先改进。"),
        };
        let map_note = if zh {
            "虚线为中位数；红色方块为优先改进的触点。".to_string()
        } else {
            "Dashed lines are the medians; red squares are the touchpoints to fix first.".to_string()
        };
        let title = if zh { "关键驱动因素".to_string() } else { "Key drivers".to_string() };
        let table =
            Table { id: "drivers".into(), title: map_title.clone(), note: String::new(), head, rows, sortable: true };
        let page = serde_json::json!({ "heading": title, "intro": intro, "svg": svg, "map_title": map_title, "map_note": map_note, "table": table });
        Some(self.job("drivers.html".into(), "drivers.html", title, page))
    }

    /// The name of a mix partition for sentences.
    fn partition_label(&self, name: &str) -> String {
        match name {
            "touchpoint" => self.tr("touchpoints").to_lowercase(),
            "source" => self.tr("source").to_lowercase(),
            other => self
                .project
                .segments
                .iter()
                .find(|s| s.id == other)
                .map(|s| clean_text(&s.name))
                .unwrap_or_else(|| other.to_string()),
        }
    }

    fn map_svg(&self, root: &str) -> String {
        let Some((def, _)) = self.headline else { return String::new() };
        let title = if self.locale == Locale::ZhCn {
            format!("旅程地图：各触点{}", metric_label(&def.name, self.locale))
        } else {
            format!("Journey map: {} at each touchpoint, all responses", metric_label(&def.name, self.locale))
        };
        journey_map::draw(&journey_map::MapInput {
            project: self.project,
            metrics: self.metrics,
            insights: self.insights,
            metric: &def.name,
            measure: def.measure,
            score: def.score,
            root,
            title: &title,
            not_enough: self.tr("not_enough"),
            pain_label: self.tr("pain_point"),
        })
    }

    fn journey_page(&self) -> Job {
        let p = self.project;
        let tables: Vec<serde_json::Value> = self
            .tile_defs()
            .into_iter()
            .map(|def| {
                let rows = self.touchpoint_rows(def, "", "touchpoint", None);
                let title = if self.locale == Locale::ZhCn {
                    format!("各触点{}，全部回答", metric_label(&def.name, self.locale))
                } else {
                    format!("{} by touchpoint, all responses", metric_label(&def.name, self.locale))
                };
                to_value(&self.breakdown(&format!("tp-{}", def.name), title, def, rows, true))
            })
            .collect();
        let stages: Vec<serde_json::Value> = p
            .stages
            .iter()
            .map(|s| {
                serde_json::json!({
                    "name": clean_text(&s.name),
                    "href": format!("stages/{}.html", s.id),
                    "touchpoints": s.touchpoints.iter().map(|i| {
                        let t = &p.touchpoints[*i];
                        serde_json::json!({
                            "name": clean_text(&t.name), "href": format!("touchpoints/{}.html", t.id),
                            "channel": t.channel.as_deref().map(clean_text).unwrap_or_default(),
                            "owner": t.owner.as_deref().map(clean_text).unwrap_or_default(),
                        })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let page = serde_json::json!({ "heading": self.tr("journey_map"), "map": self.map_svg(""), "breakdowns": tables, "stages": stages });
        self.job("journey.html".into(), "journey.html", self.tr("journey_map").into(), page)
    }

    fn trends_page(&self) -> Job {
        let charts: Vec<Chart> = self
            .tile_defs()
            .into_iter()
            .filter_map(|d| self.trend_chart(&format!("trend-{}", d.name), d, "period", None))
            .collect();
        let events: Vec<serde_json::Value> = self
            .project
            .events
            .iter()
            .map(|e| serde_json::json!({ "date": e.date.to_string(), "name": clean_text(&e.name), "description": e.description.as_deref().map(clean_text) }))
            .collect();
        let page = serde_json::json!({ "heading": self.tr("trends"), "charts": charts, "events": events });
        self.job("trends.html".into(), "trends.html", self.tr("trends").into(), page)
    }

    fn stage_pages(&self) -> Vec<Job> {
        let p = self.project;
        p.stages
            .iter()
            .map(|s| {
                let breakdowns = self
                    .headline
                    .map(|(def, _)| {
                        let rows = s
                            .touchpoints
                            .iter()
                            .map(|i| {
                                let t = &p.touchpoints[*i];
                                self.bar_row(
                                    t.name.clone(),
                                    Some(format!("../touchpoints/{}.html", t.id)),
                                    self.metrics.get("touchpoint", &t.id, &def.name),
                                    def,
                                    self.pain(*i),
                                )
                            })
                            .collect();
                        vec![self.breakdown(
                            "by-touchpoint",
                            format!("{} · {}", metric_label(&def.name, self.locale), self.tr("by_touchpoint")),
                            def,
                            rows,
                            false,
                        )]
                    })
                    .unwrap_or_default();
                let (comments, total) = self.comments(&s.touchpoints);
                let page = GroupPage {
                    kind: self.tr("stage").into(),
                    heading: clean_text(&s.name),
                    description: s.description.as_deref().map(clean_text),
                    facts: vec![],
                    tiles: self.group_tiles("stage", &s.id),
                    charts: self.distribution_chart("dist", Dim::Stage, &s.id).into_iter().collect(),
                    breakdowns,
                    comments,
                    comment_count: count(total),
                    up: Some(Link { text: self.tr("journey_map").into(), href: "../journey.html".into() }),
                };
                self.job(format!("stages/{}.html", s.id), "group.html", s.name.clone(), to_value(&page))
            })
            .collect()
    }

    fn touchpoint_pages(&self) -> Vec<Job> {
        let p = self.project;
        p.touchpoints
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let stage = &p.stages[t.stage];
                let mut facts = vec![(self.tr("stage").to_string(), clean_text(&stage.name))];
                if let Some(c) = &t.channel {
                    facts.push((self.tr("channel").into(), clean_text(c)));
                }
                if let Some(o) = &t.owner {
                    facts.push((self.tr("owner").into(), clean_text(o)));
                }
                if let Some(q) = self.insights.quadrant.iter().find(|q| q.touchpoint == i) {
                    let text = format!(
                        "{:.0}%{}",
                        100.0 * q.importance,
                        if q.fix_first { format!(" · {}", self.tr("fix_first")) } else { String::new() }
                    );
                    facts.push((self.tr("importance").into(), text));
                }
                let mut charts: Vec<Chart> = Vec::new();
                let mut breakdowns = Vec::new();
                if let Some((def, _)) = self.headline {
                    charts.extend(self.trend_chart("trend", def, "touchpoint_period", Some(&t.id)));
                    charts.extend(self.distribution_chart("dist", Dim::Touchpoint, &t.id));
                    let rows: Vec<BarRow> = self
                        .metrics
                        .segments
                        .iter()
                        .filter_map(|(sid, name)| {
                            let row = self.metrics.get("touchpoint_segment", &format!("{}|{sid}", t.id), &def.name)?;
                            Some(self.bar_row(
                                name.clone(),
                                Some(format!("../segments/{}.html", slug(sid))),
                                Some(row),
                                def,
                                false,
                            ))
                        })
                        .collect();
                    if !rows.is_empty() {
                        breakdowns.push(self.breakdown(
                            "by-segment",
                            format!("{} · {}", metric_label(&def.name, self.locale), self.tr("by_segment")),
                            def,
                            rows,
                            true,
                        ));
                    }
                }
                let (comments, total) = self.comments(&[i]);
                let page = GroupPage {
                    kind: self.tr("touchpoint").into(),
                    heading: clean_text(&t.name),
                    description: t.description.as_deref().map(clean_text),
                    facts,
                    tiles: self.group_tiles("touchpoint", &t.id),
                    charts,
                    breakdowns,
                    comments,
                    comment_count: count(total),
                    up: Some(Link { text: clean_text(&stage.name), href: format!("../stages/{}.html", stage.id) }),
                };
                self.job(format!("touchpoints/{}.html", t.id), "group.html", t.name.clone(), to_value(&page))
            })
            .collect()
    }

    fn segment_pages(&self) -> Vec<Job> {
        if self.metrics.segments.is_empty() {
            return Vec::new();
        }
        let mut jobs = Vec::new();
        if let Some((def, _)) = self.headline {
            let rows: Vec<BarRow> = self
                .metrics
                .segments
                .iter()
                .map(|(id, name)| {
                    self.bar_row(
                        name.clone(),
                        Some(format!("{}.html", slug(id))),
                        self.metrics.get("segment", id, &def.name),
                        def,
                        false,
                    )
                })
                .collect();
            let title = format!("{} · {}", metric_label(&def.name, self.locale), self.tr("segments"));
            let page = serde_json::json!({
                "heading": self.tr("segments"),
                "breakdown": self.breakdown("segments", title, def, rows, true),
                "tables": self.harshness_tables(),
                "note": self.tr("min_n_note"),
            });
            jobs.push(self.job("segments/index.html".into(), "list.html", self.tr("segments").into(), page));
        }
        for (id, name) in &self.metrics.segments {
            let mut breakdowns = Vec::new();
            if let Some((def, _)) = self.headline {
                let rows = self.touchpoint_rows(def, "../", "touchpoint_segment", Some(id));
                if !rows.is_empty() {
                    breakdowns.push(self.breakdown(
                        "by-touchpoint",
                        format!("{} · {}", metric_label(&def.name, self.locale), self.tr("by_touchpoint")),
                        def,
                        rows,
                        true,
                    ));
                }
            }
            let page = GroupPage {
                kind: self.tr("segment").into(),
                heading: clean_text(name),
                description: None,
                facts: self
                    .metrics
                    .harshness
                    .iter()
                    .filter(|h| &h.segment == id)
                    .map(|h| {
                        let label = format!("{} · {}", self.tr("harshness"), metric_label(&h.score, self.locale));
                        (
                            label,
                            format!(
                                "{} ({} – {})",
                                format::signed(h.value, 2),
                                format::signed(h.ci.low, 2),
                                format::signed(h.ci.high, 2)
                            ),
                        )
                    })
                    .collect(),
                tiles: self.group_tiles("segment", id),
                charts: self.distribution_chart("dist", Dim::Segment, id).into_iter().collect(),
                breakdowns,
                comments: vec![],
                comment_count: String::new(),
                up: Some(Link { text: self.tr("segments").into(), href: "index.html".into() }),
            };
            jobs.push(self.job(format!("segments/{}.html", slug(id)), "group.html", name.clone(), to_value(&page)));
        }
        jobs
    }

    fn dimension_pages(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        let Some((def, _)) = self.headline else { return jobs };
        for (di, did) in self.dimension_ids() {
            let dim = &self.project.dimensions[di];
            let all: Vec<&String> = self
                .ingested
                .partials
                .groups
                .keys()
                .filter(|k| k.dim == Dim::Custom(di) && k.period.is_none())
                .map(|k| &k.group)
                .collect();
            let total = all.len();
            let groups = self.shown_groups(&did, all);
            let rows: Vec<BarRow> = groups
                .iter()
                .map(|g| {
                    self.bar_row(
                        (*g).clone(),
                        Some(format!("{}.html", slug(g))),
                        self.metrics.get(&did, g, &def.name),
                        def,
                        false,
                    )
                })
                .collect();
            let title = format!(
                "{} · {} ({} {})",
                metric_label(&def.name, self.locale),
                clean_text(&dim.name),
                count(total as u64),
                self.tr("groups")
            );
            // Thirty dots read as a chart; three hundred do not, so long dimensions get the table.
            let breakdown = (total <= 30).then(|| self.breakdown("groups", title, def, rows, true));
            let tables: Vec<Table> = self.league_table(&did).into_iter().collect();
            let page = serde_json::json!({
                "heading": clean_text(&dim.name),
                "breakdown": breakdown,
                "tables": tables,
                "note": self.tr("min_n_note"),
            });
            jobs.push(self.job(format!("dimensions/{did}/index.html"), "list.html", dim.name.clone(), page));
            let group_pages: Vec<Job> = groups
                .par_iter()
                .map(|g| {
                    let page = GroupPage {
                        kind: clean_text(&dim.name),
                        heading: clean_text(g),
                        description: None,
                        facts: vec![],
                        tiles: self.group_tiles(&did, g),
                        charts: self.distribution_chart("dist", Dim::Custom(di), g).into_iter().collect(),
                        breakdowns: vec![],
                        comments: vec![],
                        comment_count: String::new(),
                        up: Some(Link { text: clean_text(&dim.name), href: "index.html".into() }),
                    };
                    self.job(format!("dimensions/{did}/{}.html", slug(g)), "group.html", (*g).clone(), to_value(&page))
                })
                .collect();
            jobs.extend(group_pages);
        }
        jobs
    }

    fn methodology_page(&self) -> Job {
        let z = crate::metrics::z_critical(self.project.confidence);
        let scores: Vec<serde_json::Value> = self
            .project
            .scores
            .iter()
            .map(|s| serde_json::json!({ "id": s.id, "kind": format!("{:?}", s.kind).to_lowercase(), "scale": format!("{}–{}", s.min, s.max), "top_box": s.top_box }))
            .collect();
        let page = serde_json::json!({
            "heading": self.tr("methodology"),
            "min_n": self.project.min_n,
            "confidence": format!("{:.0}%", self.project.confidence * 100.0),
            "z": format!("{z:.6}"),
            "timezone": self.project.timezone.name(),
            "period": format!("{:?}", self.project.period).to_lowercase(),
            "scores": scores,
            "decimals": crate::metrics::DECIMALS,
        });
        self.job("methodology.html".into(), "methodology.html", self.tr("methodology").into(), page)
    }

    fn quality_page(&self) -> Job {
        let q = &self.ingested.quality;
        let datasets: Vec<serde_json::Value> = q
            .datasets
            .iter()
            .map(|d| {
                let reasons: Vec<serde_json::Value> = d
                    .rejected_rows
                    .iter()
                    .map(|(r, t)| (r, t, true))
                    .chain(d.problems.iter().map(|(r, t)| (r, t, false)))
                    .map(|(r, t, row)| serde_json::json!({ "reason": clean_text(&locale::reason_label(r, self.locale)), "count": count(t.count), "row": row, "examples": t.examples.iter().map(|e| clean_text(e)).collect::<Vec<_>>() }))
                    .collect();
                let columns: Vec<serde_json::Value> = d
                    .columns
                    .iter()
                    .map(|(c, s)| serde_json::json!({ "name": clean_text(c), "valid": count(s.valid), "blank": count(s.blank), "na": count(s.not_applicable), "invalid": count(s.invalid) }))
                    .collect();
                serde_json::json!({
                    "id": d.id, "path": clean_text(&d.path), "source": clean_text(&d.source), "role": d.role,
                    "rows_read": count(d.rows_read), "rows_used": count(d.rows_used), "rows_rejected": count(d.rows_rejected),
                    "values_skipped": count(d.problem_count()), "reasons": reasons, "columns": columns,
                })
            })
            .collect();
        let page = serde_json::json!({ "heading": self.tr("data_quality"), "datasets": datasets, "rows_read": count(q.rows_read()), "rows_rejected": count(q.rows_rejected()), "values_skipped": count(q.values_skipped()), "warnings": q.warnings.iter().map(|w| clean_text(w)).collect::<Vec<_>>() });
        self.job("quality.html".into(), "quality.html", self.tr("data_quality").into(), page)
    }

    fn markdown_pages(&self) -> Vec<Job> {
        self.project
            .files
            .pages
            .iter()
            .map(|pg| {
                let page = serde_json::json!({ "heading": clean_text(&pg.title), "html": markdown::to_html(&pg.body) });
                self.job(format!("pages/{}.html", pg.slug), "page.html", pg.title.clone(), page)
            })
            .collect()
    }

    /// The journey as a Mermaid `journey` block. Mermaid task scores are 1–5, so each
    /// touchpoint's headline value is mapped onto 1–5 along its natural axis.
    fn mermaid(&self) -> String {
        let mut out = String::from("journey\n");
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| if matches!(c, ':' | '\n' | '\r' | '#' | ';') { ' ' } else { c })
                .collect::<String>()
                .trim()
                .to_string()
        };
        out.push_str(&format!("  title {}\n", clean(&self.project.title)));
        for s in &self.project.stages {
            out.push_str(&format!("  section {}\n", clean(&s.name)));
            for i in &s.touchpoints {
                let t = &self.project.touchpoints[*i];
                let (label, score) = match self.headline {
                    Some((def, sd)) => match self.metrics.get("touchpoint", &t.id, &def.name).and_then(|r| r.value) {
                        Some(v) => (
                            format!(
                                "{} ({} {})",
                                clean(&t.name),
                                metric_label(&def.name, Locale::En),
                                value_text(v, def.measure)
                            ),
                            (1.0 + 4.0 * position(v, def.measure, sd)).round() as i64,
                        ),
                        None => (format!("{} (n < {})", clean(&t.name), self.project.min_n), 3),
                    },
                    None => (clean(&t.name), 3),
                };
                let actor = t.channel.as_deref().map(clean).unwrap_or_else(|| "customer".into());
                out.push_str(&format!("    {label}: {score}: {actor}\n"));
            }
        }
        out
    }
}
