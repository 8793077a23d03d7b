//! The journey map: stages as columns, touchpoints as cards coloured by score, and an
//! emotion curve across the journey with pain points marked. An SVG cxsite draws itself
//! (charts-rs has no journey map); every text is escaped and laid out without measuring
//! fonts, counting East Asian characters as full width.

use std::fmt::Write as _;

use super::catalogue::Catalogue;
use super::escape_html as esc;
use super::format::{class_colour, fit, score_class, two_lines};
use super::routes;
use crate::insights::Insights;
use crate::metrics::{Measure, Metrics};
use crate::project::Project;

const WIDTH: f64 = 1200.0;
const PAD: f64 = 16.0;
const GAP: f64 = 14.0;
const HEADER: f64 = 58.0;
const CARD_H: f64 = 72.0;
const CARD_GAP: f64 = 8.0;
const CURVE_H: f64 = 170.0;

/// What the map needs to know about the headline metric.
pub struct MapInput<'a> {
    pub project: &'a Project,
    pub metrics: &'a Metrics,
    pub insights: &'a Insights,
    pub metric: &'a str,
    pub measure: Measure,
    /// Index into `Project::scores` of the metric's score.
    pub score: usize,
    /// The page the map is on, for its links.
    pub from: &'a str,
    pub title: &'a str,
    /// The site's messages and number rules.
    pub cat: &'a Catalogue,
}

struct Point {
    x: f64,
    value: f64,
    pain: bool,
    class: &'static str,
}

/// Draws the map.
// Long on purpose: one pass lays out stages, cards and labels top to bottom, as the SVG reads.
pub fn draw(m: &MapInput) -> String {
    let p = m.project;
    let def = &p.scores[m.score];
    let stages = p.stages.len().max(1) as f64;
    let col_w = (WIDTH - 2.0 * PAD - (stages - 1.0) * GAP) / stages;
    let max_cards = p.stages.iter().map(|s| s.touchpoints.len()).max().unwrap_or(0) as f64;
    let cards_bottom = PAD + HEADER + max_cards * (CARD_H + CARD_GAP);
    let curve_top = cards_bottom + 28.0;
    let height = curve_top + CURVE_H + 30.0;
    let num = m.cat.numbers();
    let font_em = |px: f64| (col_w - 20.0) / px;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="journey-map" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="group" aria-labelledby="jm-title" xmlns="http://www.w3.org/2000/svg"><title id="jm-title">{}</title>"#,
        esc(m.title)
    );
    let mut points = Vec::new();
    for (si, stage) in p.stages.iter().enumerate() {
        let x0 = PAD + si as f64 * (col_w + GAP);
        let _ = write!(
            svg,
            r##"<rect x="{x0:.1}" y="{PAD}" width="{col_w:.1}" height="{:.1}" rx="10" fill="#f6f5f1"/>"##,
            cards_bottom - PAD + 8.0
        );
        let stage_href = routes::link(m.from, &routes::stage(&stage.id));
        let _ = write!(
            svg,
            r##"<a href="{}"><text x="{:.1}" y="{:.1}" class="jm-stage">{}</text></a>"##,
            esc(&stage_href),
            x0 + 12.0,
            PAD + 24.0,
            esc(&fit(&stage.name, font_em(15.0)))
        );
        let stage_row = m.metrics.get("stage", &stage.id, m.metric);
        let stage_text = match stage_row.and_then(|r| r.value) {
            Some(v) => format!("{} · {}", num.value(v, m.measure), m.n_equals(stage_row.map(|r| r.n).unwrap_or(0))),
            None => m.cat.format("suppressed", &[("n", &num.count(stage_row.map(|r| r.n).unwrap_or(0)))]),
        };
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" class="jm-sub">{}</text>"#,
            x0 + 12.0,
            PAD + 44.0,
            esc(&stage_text)
        );
        let k = stage.touchpoints.len().max(1) as f64;
        for (ci, ti) in stage.touchpoints.iter().enumerate() {
            let tp = &p.touchpoints[*ti];
            let y0 = PAD + HEADER + ci as f64 * (CARD_H + CARD_GAP);
            let row = m.metrics.get("touchpoint", &tp.id, m.metric);
            let n = row.map(|r| r.n).unwrap_or(0);
            let value = row.and_then(|r| r.value);
            let class = value.map(|v| score_class(v, m.measure, def)).unwrap_or("s0");
            let (fill, ink) = class_colour(class);
            let pain = m.insights.touchpoints_by_score.iter().any(|r| r.touchpoint == *ti && r.pain_point);
            let href = routes::link(m.from, &routes::touchpoint(&tp.id));
            let _ = write!(svg, r#"<a href="{}" class="jm-card">"#, esc(&href));
            let stroke = if pain { r##" stroke="#1a1a1a" stroke-width="2.5""## } else { r##" stroke="#00000022""## };
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{y0:.1}" width="{:.1}" height="{CARD_H}" rx="8" fill="{fill}"{stroke}/>"#,
                x0 + 8.0,
                col_w - 16.0
            );
            let lines = two_lines(&tp.name, font_em(13.0) - 1.0);
            for (li, line) in lines.iter().enumerate() {
                let _ = write!(
                    svg,
                    r#"<text x="{:.1}" y="{:.1}" fill="{ink}" class="jm-name">{}</text>"#,
                    x0 + 18.0,
                    y0 + 19.0 + li as f64 * 16.0,
                    esc(line)
                );
            }
            let bottom = y0 + CARD_H - 12.0;
            match value {
                Some(v) => {
                    let _ = write!(
                        svg,
                        r#"<text x="{:.1}" y="{bottom:.1}" fill="{ink}" class="jm-value">{}</text>"#,
                        x0 + 18.0,
                        esc(&num.value(v, m.measure))
                    );
                    let mut meta = m.n_equals(n);
                    if let Some(ch) = &tp.channel {
                        meta.push_str(" · ");
                        meta.push_str(ch);
                    }
                    // Leave room for the pain-point label at the right of the same line.
                    let room = col_w - 90.0 - if pain { 72.0 } else { 0.0 };
                    let _ = write!(
                        svg,
                        r#"<text x="{:.1}" y="{bottom:.1}" fill="{ink}" class="jm-meta">{}</text>"#,
                        x0 + 70.0,
                        esc(&fit(&meta, room / 11.0))
                    );
                    let px = x0 + (ci as f64 + 0.5) * col_w / k;
                    points.push(Point { x: px, value: v, pain, class });
                }
                None => {
                    let text = m.cat.format("suppressed", &[("n", &num.count(n))]);
                    let _ = write!(
                        svg,
                        r#"<text x="{:.1}" y="{bottom:.1}" fill="{ink}" class="jm-meta">{}</text>"#,
                        x0 + 18.0,
                        esc(&fit(&text, (col_w - 36.0) / 11.0))
                    );
                }
            }
            if pain {
                let _ = write!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="end" class="jm-pain" fill="{ink}">▼ {}</text>"##,
                    x0 + col_w - 16.0,
                    bottom,
                    esc(m.cat.text("pain_point"))
                );
            }
            svg.push_str("</a>");
        }
    }
    draw_curve(&mut svg, &points, m, curve_top);
    svg.push_str("</svg>");
    svg
}

/// The emotion curve: the headline score of each touchpoint in journey order.
fn draw_curve(svg: &mut String, points: &[Point], m: &MapInput, top: f64) {
    let num = m.cat.numbers();
    if points.is_empty() {
        return;
    }
    let def = &m.project.scores[m.score];
    let (axis_lo, axis_hi) = super::format::axis(m.measure, def);
    let lo = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.value).fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.15).max((axis_hi - axis_lo) * 0.03);
    let (lo, hi) = ((lo - pad).max(axis_lo), (hi + pad).min(axis_hi));
    let inner_top = top + 18.0;
    let inner_h = CURVE_H - 36.0;
    let y = |v: f64| inner_top + inner_h * (1.0 - (v - lo) / (hi - lo).max(1e-9));
    let _ = write!(svg, r#"<text x="{PAD}" y="{:.1}" class="jm-stage">{}</text>"#, top, esc(&m.title_curve()));
    let neutral = super::format::neutral(m.measure, def);
    if neutral > lo && neutral < hi {
        let ny = y(neutral);
        let _ = write!(
            svg,
            r##"<line x1="{PAD}" x2="{:.1}" y1="{ny:.1}" y2="{ny:.1}" stroke="#8a8a8a" stroke-dasharray="4 4"/>"##,
            WIDTH - PAD
        );
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="jm-axis">{}</text>"#,
            WIDTH - PAD,
            ny - 4.0,
            esc(&num.value(neutral, m.measure))
        );
    }
    let path: Vec<String> = points.iter().map(|p| format!("{:.1},{:.1}", p.x, y(p.value))).collect();
    let _ = write!(
        svg,
        r##"<polyline points="{}" fill="none" stroke="#3d3d3d" stroke-width="2.5" stroke-linejoin="round"/>"##,
        path.join(" ")
    );
    for p in points {
        let (fill, _) = class_colour(p.class);
        let py = y(p.value);
        if p.pain {
            let _ = write!(
                svg,
                r##"<path d="M{:.1},{:.1} l7,-12 h-14 z" transform="translate(0,{:.1})" fill="#d73027" stroke="#1a1a1a"/>"##,
                p.x, py, 0.0
            );
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="jm-pain-label">{}</text>"#,
                p.x,
                py + 20.0,
                esc(m.cat.text("pain_point"))
            );
        } else {
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{py:.1}" r="5.5" fill="{fill}" stroke="#1a1a1a" stroke-width="1.5"/>"##,
                p.x
            );
        }
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="jm-point">{}</text>"#,
            p.x,
            py - 10.0 - if p.pain { 12.0 } else { 0.0 },
            esc(&num.value(p.value, m.measure))
        );
    }
}

impl MapInput<'_> {
    fn title_curve(&self) -> String {
        let label = super::locale::metric_label(self.metric, &self.project.scores, self.cat);
        self.cat.format("curve_title", &[("metric", &label)])
    }

    /// "n = 1,234".
    fn n_equals(&self, n: u64) -> String {
        self.cat.format("n_equals", &[("n", &self.cat.numbers().count(n))])
    }
}
