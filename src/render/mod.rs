//! Everything above → site files in memory. Pure: no file is read or written here.
//!
//! Pages are Tera templates (built in, each overridable by a file of the same name in the
//! project's `templates/`), fed view structs ([`views`]) whose numbers are already formatted
//! and gated by min_n. Pages render in parallel into an ordered map.

pub mod charts;
pub mod format;
pub mod journey_map;
pub mod locale;
pub mod markdown;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::error::{Diagnostic, Error, Result};
use crate::ingest::{Dim, Ingested};
use crate::insights::{Finding, Insights};
use crate::metrics::{Measure, MetricDef, MetricRow, Metrics};
use crate::output::Site;
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
];

/// Built-in assets copied to `assets/`, overridable by name like templates.
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("cxsite.css", include_str!("../../templates/cxsite.css")),
    ("cxsite.js", include_str!("../../templates/cxsite.js")),
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
    ingested: &'a Ingested,
    t: BTreeMap<&'static str, &'static str>,
    locale: Locale,
    /// The headline metric and its definition.
    headline: Option<(&'a MetricDef, &'a ScoreDef)>,
    nav: Nav,
    description: String,
}

/// Renders every page and asset of the site.
pub fn render(project: &Project, metrics: &Metrics, insights: &Insights, ingested: &Ingested) -> Result<Site> {
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
        nav: Nav { stages: Vec::new(), segments: None, dimensions: Vec::new(), pages: Vec::new() },
        description: String::new(),
    };
    ctx.nav = ctx.nav();
    ctx.description = ctx.og_description();

    let mut jobs =
        vec![ctx.summary_page(), ctx.journey_page(), ctx.trends_page(), ctx.methodology_page(), ctx.quality_page()];
    jobs.extend(ctx.stage_pages());
    jobs.extend(ctx.touchpoint_pages());
    jobs.extend(ctx.segment_pages());
    jobs.extend(ctx.dimension_pages());
    jobs.extend(ctx.markdown_pages());

    let rendered: Vec<Result<(String, String)>> = jobs
        .par_iter()
        .map(|job| {
            let mut c = Context::new();
            c.insert("site", &ctx.site_view(&job.path, &job.title));
            c.insert("t", &ctx.t);
            c.insert("page", &job.page);
            tera.render(job.template, &c).map(|html| (job.path.clone(), html)).map_err(|e| {
                Error::one(Diagnostic::file(
                    format!("templates/{}", job.template),
                    format!("cannot render {}: {e}", job.path),
                ))
            })
        })
        .collect();
    let mut site = Site::new();
    for r in rendered {
        let (path, html) = r?;
        if site.insert(path.clone(), html.into_bytes()).is_some() {
            return Err(Error::one(Diagnostic::file(&path, "two pages were rendered to the same path")));
        }
    }
    for (name, text) in BUILTIN_ASSETS {
        let body = project.files.templates.get(*name).map(String::as_str).unwrap_or(text);
        site.insert(format!("assets/{name}"), body.as_bytes().to_vec());
    }
    for (rel, bytes) in &project.files.static_files {
        site.insert(format!("static/{rel}"), bytes.clone());
    }
    site.insert("data/journey.mmd".into(), ctx.mermaid().into_bytes());
    Ok(site)
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
        Nav { stages, segments, dimensions, pages }
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
        self.metrics.defs.iter().filter(|d| !(d.measure == Measure::Mean && d.name.ends_with("_mean"))).collect()
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
                .filter(|(_, e)| crate::ingest::value::period_key(e.date, self.project.period) == *period)
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
                let key = crate::ingest::value::period_key(e.date, self.project.period);
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
                out.push(CommentView {
                    text: clean_text(&format::redact(&cm.text)),
                    meta: meta.join(" · "),
                    class: class.into(),
                });
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

    /// A finding in words, with a link to its evidence.
    fn finding(&self, f: &Finding) -> serde_json::Value {
        let zh = self.locale == Locale::ZhCn;
        let measure =
            |m: &str| self.metrics.defs.iter().find(|d| d.name == m).map(|d| d.measure).unwrap_or(Measure::Nps);
        let tp_name = |i: usize| clean_text(&self.project.touchpoints[i].name);
        let (text, href) = match f {
            Finding::Movement { metric, period, previous, value, diff, significant } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (p, q) = (period_label(period, self.locale), period_label(previous, self.locale));
                let text = match (significant, zh) {
                    (true, false) => format!(
                        "{l} {} to {} in {p} ({} vs {q}), a change larger than chance.",
                        if *diff > 0.0 { "rose" } else { "fell" },
                        value_text(*value, m),
                        change_text(*diff, m)
                    ),
                    (false, false) => format!(
                        "{l} was {} in {p}; the {} move vs {q} is within sampling noise, not a real change.",
                        value_text(*value, m),
                        change_text(*diff, m)
                    ),
                    (true, true) => format!(
                        "{p}{l}{}至 {}（较{q} {}），变化显著。",
                        if *diff > 0.0 { "上升" } else { "下降" },
                        value_text(*value, m),
                        change_text(*diff, m)
                    ),
                    (false, true) => format!(
                        "{p}{l}为 {}；较{q}的 {} 变化在抽样误差之内，并非真实变化。",
                        value_text(*value, m),
                        change_text(*diff, m)
                    ),
                };
                (text, "trends.html".to_string())
            }
            Finding::WeakestTouchpoint { touchpoint, metric, value, overall, pain_point } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let text = if zh {
                    format!(
                        "最弱的触点是「{}」：{l} {}，全体为 {}{}。",
                        tp_name(*touchpoint),
                        value_text(*value, m),
                        value_text(*overall, m),
                        if *pain_point { "，显著低于整体，是痛点" } else { "" }
                    )
                } else {
                    format!(
                        "The weakest touchpoint is {}: {l} {} against {} overall{}.",
                        tp_name(*touchpoint),
                        value_text(*value, m),
                        value_text(*overall, m),
                        if *pain_point { ", significantly below — a pain point" } else { "" }
                    )
                };
                (text, format!("touchpoints/{}.html", self.project.touchpoints[*touchpoint].id))
            }
            Finding::StrongestTouchpoint { touchpoint, metric, value, overall } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let text = if zh {
                    format!(
                        "表现最好的触点是「{}」：{l} {}（全体 {}）。",
                        tp_name(*touchpoint),
                        value_text(*value, m),
                        value_text(*overall, m)
                    )
                } else {
                    format!(
                        "The strongest touchpoint is {}: {l} {} against {} overall.",
                        tp_name(*touchpoint),
                        value_text(*value, m),
                        value_text(*overall, m)
                    )
                };
                (text, format!("touchpoints/{}.html", self.project.touchpoints[*touchpoint].id))
            }
            Finding::LowestSegment { gap, metric } | Finding::HighestSegment { gap, metric } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let low = matches!(f, Finding::LowestSegment { .. });
                let name = clean_text(&gap.name);
                let text = match (low, zh) {
                    (true, false) => format!(
                        "{name} are the least satisfied segment: {l} {}, {} vs all customers (significant).",
                        value_text(gap.value, m),
                        change_text(gap.gap, m)
                    ),
                    (false, false) => format!(
                        "{name} are the most satisfied segment: {l} {}, {} vs all customers (significant).",
                        value_text(gap.value, m),
                        change_text(gap.gap, m)
                    ),
                    (true, true) => format!(
                        "「{name}」是满意度最低的客群：{l} {}，较全体 {}（显著）。",
                        value_text(gap.value, m),
                        change_text(gap.gap, m)
                    ),
                    (false, true) => format!(
                        "「{name}」是满意度最高的客群：{l} {}，较全体 {}（显著）。",
                        value_text(gap.value, m),
                        change_text(gap.gap, m)
                    ),
                };
                (text, format!("segments/{}.html", slug(&gap.segment)))
            }
        };
        serde_json::json!({ "text": text, "href": href })
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
            let page = serde_json::json!({ "heading": self.tr("segments"), "breakdown": self.breakdown("segments", title, def, rows, true), "note": self.tr("min_n_note") });
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
                facts: vec![],
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
            let groups: Vec<&String> = self
                .ingested
                .partials
                .groups
                .keys()
                .filter(|k| k.dim == Dim::Custom(di) && k.period.is_none())
                .map(|k| &k.group)
                .collect();
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
                count(groups.len() as u64),
                self.tr("groups")
            );
            let page = serde_json::json!({ "heading": clean_text(&dim.name), "breakdown": self.breakdown("groups", title, def, rows, true), "note": self.tr("min_n_note") });
            jobs.push(self.job(format!("dimensions/{did}/index.html"), "list.html", dim.name.clone(), page));
            for g in groups {
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
                jobs.push(self.job(
                    format!("dimensions/{did}/{}.html", slug(g)),
                    "group.html",
                    g.clone(),
                    to_value(&page),
                ));
            }
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
                    .map(|(r, t, row)| serde_json::json!({ "reason": clean_text(r), "count": count(t.count), "row": row, "examples": t.examples.iter().map(|e| clean_text(e)).collect::<Vec<_>>() }))
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
        let page = serde_json::json!({ "heading": self.tr("data_quality"), "datasets": datasets, "rows_read": count(q.rows_read()), "rows_rejected": count(q.rows_rejected()), "values_skipped": count(q.values_skipped()) });
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
