//! The journey map: stages as columns, touchpoints as cards coloured by score, and an
//! emotion curve across the journey with pain points marked. An SVG cxsite draws itself
//! (charts-rs has no journey map); every text is escaped and laid out without measuring
//! fonts, counting East Asian characters as full width.

use std::fmt::Write as _;

use super::catalogue::Catalogue;
use super::escape_html as esc;
use super::format::{class_colour, fit, fit_words, score_class, text_width_em, two_lines};
use super::routes;
use crate::insights::Insights;
use crate::metrics::{Measure, Metrics};
use crate::project::Project;

/// Width of the wide map: the content column of a 1280-px screen, so its text is drawn at
/// its own size there (at 11 px and up) and never shrinks.
const WIDTH: f64 = 930.0;
/// Width of the tall map a phone shows (one stage per row): its text stays at 12 px and up
/// when it is drawn into a 330-px column.
const TALL: f64 = 330.0;
/// The tall map's emotion curve runs down a strip at its right.
const STRIP: f64 = 100.0;
const PAD: f64 = 16.0;
const GAP: f64 = 14.0;
const HEADER: f64 = 58.0;
const CARD_H: f64 = 92.0;
const CARD_GAP: f64 = 8.0;
const CURVE_H: f64 = 170.0;
/// Below the wide curve: each point's name, slanted up to the point, at most `LABEL_EM` em
/// of 11-px text (about 165 px, 117 px across and down at 45°).
const LABEL_EM: f64 = 15.0;
const LABELS_H: f64 = 132.0;
/// The wide curve's first point sits this far in, so that its slanted name stays inside.
const CURVE_LEFT: f64 = 124.0;
/// Width of the printed map: an A4 sheet's text width (180 mm at 96 px to the inch), so that
/// it prints at its drawn size and its smallest text (11 px) at 8.25 pt. The wide map, 930
/// px shrunk to that width, printed it at 6 pt.
const PRINT: f64 = 680.0;
/// The printed map's stage names and figures sit in a column at the left of each stage's
/// row of cards.
const PRINT_LABEL: f64 = 130.0;
/// The narrowest card of the printed map: its name's lines keep 9 em of 13-px text, as the
/// wide map's cards do ("门店招牌 / Store signage" whole).
const PRINT_CARD_MIN: f64 = 150.0;

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
    /// What the journey's parts are called (touchpoint, or stage where it knows only stages).
    pub noun: &'a str,
    /// The site's messages and number rules.
    pub cat: &'a Catalogue,
    /// Whether each touchpoint (by index) is a pain point (the marks of `render::pain_points`).
    pub pain: &'a [bool],
}

#[derive(Clone, Copy)]
struct Point {
    x: f64,
    y: f64,
    value: f64,
    pain: bool,
    class: &'static str,
    /// The touchpoint (index into `Project::touchpoints`) and its stage (into `stages`).
    touchpoint: usize,
    stage: usize,
}

/// Where one card goes, and the size of its smallest text (the count line, the pain mark).
#[derive(Clone, Copy)]
struct CardBox {
    x: f64,
    y: f64,
    w: f64,
    small_px: f64,
}

/// Where the wide map's parts go: the width of a stage column and the heights that follow
/// from the longest stage.
struct Layout {
    col_w: f64,
    cards_bottom: f64,
    curve_top: f64,
    height: f64,
}

impl Layout {
    fn of(p: &Project) -> Layout {
        let stages = p.stages.len().max(1) as f64;
        let col_w = (WIDTH - 2.0 * PAD - (stages - 1.0) * GAP) / stages;
        let max_cards = p.stages.iter().map(|s| s.touchpoints.len()).max().unwrap_or(0) as f64;
        let cards_bottom = PAD + HEADER + max_cards * (CARD_H + CARD_GAP);
        let curve_top = cards_bottom + 28.0;
        Layout { col_w, cards_bottom, curve_top, height: curve_top + CURVE_H + LABELS_H + 12.0 }
    }
}

/// Draws the map twice: wide (stages as columns, the emotion curve below) and tall (one
/// stage per row, the curve down the right). The stylesheet shows one by the screen's width
/// and hides the other with `display: none`, which also hides it from screen readers.
pub fn draw(m: &MapInput) -> String {
    let mut svg = draw_wide(m);
    svg.push_str(&draw_tall(m));
    svg.push_str(&draw_print(m));
    svg
}

/// The map for paper, shown only in print: a drawing per stage (its name and figures at the
/// left, its cards in rows beside them) and one of the emotion curve, each as wide as an A4
/// sheet's text, so that text prints at its drawn size; the stages are kept on one sheet when
/// they fit (else the sheet turns between stages), the curve may follow on the next. Hidden from screen readers: the
/// screen's drawings say the same.
fn draw_print(m: &MapInput) -> String {
    let area = PRINT - 2.0 * 8.0 - PRINT_LABEL - 8.0;
    let most = m.project.stages.iter().map(|s| s.touchpoints.len()).max().unwrap_or(1).max(1);
    let fit = (((area + CARD_GAP) / (PRINT_CARD_MIN + CARD_GAP)).floor() as usize).max(1);
    let per_row = most.min(fit);
    let card_w = (area - (per_row as f64 - 1.0) * CARD_GAP) / per_row as f64;
    // The stages are kept together on one sheet when they fit on one (the map read across a
    // page turn split the journey in two); a map taller than a sheet turns between stages.
    let mut out = String::from(r#"<div class="jm-print-stages">"#);
    let mut points = Vec::new();
    for (si, stage) in m.project.stages.iter().enumerate() {
        let rows = stage.touchpoints.len().div_ceil(per_row).max(1) as f64;
        let h = (rows * (CARD_H + CARD_GAP) - CARD_GAP + 16.0).max(HEADER + 8.0);
        let mut svg = String::new();
        draw_stage_header(&mut svg, m, stage, 8.0, 0.0, PRINT - 16.0, PRINT_LABEL - 8.0, h);
        for (ci, ti) in stage.touchpoints.iter().enumerate() {
            let (row, col) = ((ci / per_row) as f64, (ci % per_row) as f64);
            let card = CardBox {
                x: 8.0 + PRINT_LABEL + col * (card_w + CARD_GAP),
                y: 8.0 + row * (CARD_H + CARD_GAP),
                w: card_w,
                small_px: 11.0,
            };
            if let Some(point) = draw_card(&mut svg, m, *ti, card) {
                points.push(Point { stage: si, ..point });
            }
        }
        let _ = write!(
            out,
            r#"<svg class="journey-map jm-print" viewBox="0 0 {PRINT} {h:.0}" width="{PRINT}" height="{h:.0}" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">{svg}</svg>"#
        );
    }
    out.push_str("</div>");
    if !points.is_empty() {
        let top = 24.0;
        let h = top + CURVE_H + LABELS_H + 12.0;
        let mut svg = String::new();
        draw_curve(&mut svg, &points, m, top, PRINT);
        let _ = write!(
            out,
            r#"<svg class="journey-map jm-print jm-print-curve" viewBox="0 0 {PRINT} {h:.0}" width="{PRINT}" height="{h:.0}" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">{svg}</svg>"#
        );
    }
    out
}

/// The wide map: the stage columns with their cards, then the emotion curve.
fn draw_wide(m: &MapInput) -> String {
    let layout = Layout::of(m.project);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="journey-map jm-wide" viewBox="0 0 {WIDTH} {h:.0}" width="{WIDTH}" height="{h:.0}" role="group" aria-labelledby="jm-title" xmlns="http://www.w3.org/2000/svg"><title id="jm-title">{}</title>"#,
        esc(m.title),
        h = layout.height
    );
    let mut points = Vec::new();
    for (si, stage) in m.project.stages.iter().enumerate() {
        let x0 = PAD + si as f64 * (layout.col_w + GAP);
        let h = layout.cards_bottom - PAD + 8.0;
        draw_stage_header(&mut svg, m, stage, x0, PAD, layout.col_w, layout.col_w, h);
        let k = stage.touchpoints.len().max(1) as f64;
        for (ci, ti) in stage.touchpoints.iter().enumerate() {
            let y0 = PAD + HEADER + ci as f64 * (CARD_H + CARD_GAP);
            let card = CardBox { x: x0 + 8.0, y: y0, w: layout.col_w - 16.0, small_px: 11.0 };
            if let Some(point) = draw_card(&mut svg, m, *ti, card) {
                let x = x0 + (ci as f64 + 0.5) * layout.col_w / k;
                points.push(Point { x, stage: si, ..point });
            }
        }
    }
    draw_curve(&mut svg, &points, m, layout.curve_top, WIDTH);
    svg.push_str("</svg>");
    svg
}

/// The tall map for phones: each stage a block of stacked cards, and the emotion curve as a
/// strip at the right with one point beside each card, read from top to bottom.
fn draw_tall(m: &MapInput) -> String {
    let block_w = TALL - 2.0 * 6.0 - STRIP;
    let mut body = String::new();
    let mut points = Vec::new();
    let mut y = 6.0 + 22.0;
    for stage in &m.project.stages {
        let cards = stage.touchpoints.len() as f64;
        let h = HEADER - 8.0 + cards * (CARD_H + CARD_GAP);
        draw_stage_header(&mut body, m, stage, 6.0, y, block_w, block_w, h);
        for (ci, ti) in stage.touchpoints.iter().enumerate() {
            let y0 = y + HEADER - 8.0 + ci as f64 * (CARD_H + CARD_GAP);
            let card = CardBox { x: 12.0, y: y0, w: block_w - 12.0, small_px: 12.0 };
            if let Some(point) = draw_card(&mut body, m, *ti, card) {
                points.push(Point { y: y0 + CARD_H / 2.0, ..point });
            }
        }
        y += h + 12.0;
    }
    let height = y + 22.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="journey-map jm-tall" viewBox="0 0 {TALL} {height:.0}" width="{TALL}" height="{height:.0}" role="group" aria-labelledby="jm-title-tall" xmlns="http://www.w3.org/2000/svg"><title id="jm-title-tall">{}</title>"#,
        esc(m.title)
    );
    svg.push_str(&body);
    draw_strip(&mut svg, &mut points, m, TALL - STRIP, height);
    svg.push_str("</svg>");
    svg
}

/// The tall map's emotion curve: a strip `STRIP` wide from `x0`, its values across (the
/// scale's ends written at the bottom), one point at the height of each card.
fn draw_strip(svg: &mut String, points: &mut [Point], m: &MapInput, x0: f64, height: f64) {
    if points.is_empty() {
        return;
    }
    let num = m.cat.numbers();
    let (lo, hi) = curve_range(points, m);
    let (left, right) = (x0 + 10.0, TALL - 12.0);
    // Better to the right: where lower is better, the axis runs from high to low.
    let lower = m.project.scores[m.score].lower_better;
    let x = |v: f64| {
        let t = (v - lo) / (hi - lo).max(1e-9);
        left + (right - left) * if lower { 1.0 - t } else { t }
    };
    let label = super::locale::metric_label(m.metric, &m.project.scores, m.cat);
    let _ = write!(
        svg,
        r#"<text x="{:.1}" y="17" text-anchor="middle" class="jm-axis">{}</text>"#,
        (left + right) / 2.0,
        esc(&label)
    );
    let def = &m.project.scores[m.score];
    let neutral = super::format::neutral(m.measure, def);
    if neutral > lo && neutral < hi {
        let nx = x(neutral);
        let _ = write!(
            svg,
            r##"<line x1="{nx:.1}" x2="{nx:.1}" y1="40" y2="{:.1}" stroke="#8a8a8a" stroke-dasharray="4 4"/>"##,
            height - 20.0
        );
    }
    let (first, last) = if lower { (hi, lo) } else { (lo, hi) };
    // The scale's ends at the top and again at the bottom of the long strip, so that a
    // reader half-way down never has to scroll to learn what left and right mean.
    for (v, anchor, at) in [(first, "start", left - 6.0), (last, "end", right + 6.0)] {
        for y in [34.0, height - 5.0] {
            let _ = write!(
                svg,
                r#"<text x="{at:.1}" y="{y:.1}" text-anchor="{anchor}" class="jm-axis">{}</text>"#,
                esc(&num.value(v, m.measure))
            );
        }
    }
    for p in points.iter_mut() {
        p.x = x(p.value);
    }
    let path: Vec<String> = points.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect();
    let _ = write!(
        svg,
        r##"<polyline points="{}" fill="none" stroke="#3d3d3d" stroke-width="2" stroke-linejoin="round"/>"##,
        path.join(" ")
    );
    for p in points.iter() {
        draw_mark(svg, p);
    }
}

/// A point of the emotion curve in its class's colour: a dot, or at a pain point a triangle
/// with a bold outline, as its card has. (The triangle was the red of the lowest band, which
/// read as "below −36" on a touchpoint at +18.)
fn draw_mark(svg: &mut String, p: &Point) {
    let (fill, _) = class_colour(p.class);
    if p.pain {
        let _ = write!(
            svg,
            r##"<path d="M{:.1},{:.1} l8,-13 h-16 z" fill="{fill}" stroke="#1a1a1a" stroke-width="2.5" stroke-linejoin="round"/>"##,
            p.x,
            p.y + 6.5
        );
    } else {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5.5" fill="{fill}" stroke="#1a1a1a" stroke-width="1.5"/>"##,
            p.x, p.y
        );
    }
}

/// A stage's block background (at `x0`, `y0`, `w` by `h`), its linked name and its value
/// line, written in the block's first `text_w` (its width, or the printed map's label column).
#[allow(clippy::too_many_arguments)]
fn draw_stage_header(
    svg: &mut String,
    m: &MapInput,
    stage: &crate::project::Stage,
    x0: f64,
    y0: f64,
    w: f64,
    text_w: f64,
    h: f64,
) {
    let _ = write!(svg, r##"<rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" rx="10" fill="#f6f5f1"/>"##);
    let stage_href = routes::link(m.from, &routes::stage(&stage.id));
    // Across a block, the name on a line, cut to fit; in the printed map's narrow label
    // column, on up to two lines ("推荐 / Advocate"), the value line under them.
    let name_em = (text_w - 20.0) / 15.0;
    let name = if text_w < w { two_lines(&stage.name, name_em) } else { vec![fit_name(&stage.name, name_em)] };
    let _ = write!(svg, r#"<a href="{}">"#, esc(&stage_href));
    for (i, line) in name.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" class="jm-stage">{}</text>"#,
            x0 + 12.0,
            y0 + 24.0 + i as f64 * 18.0,
            esc(line)
        );
    }
    svg.push_str("</a>");
    let sub_y = y0 + 44.0 + (name.len().max(1) - 1) as f64 * 18.0;
    // A stage written without touchpoints has one card, which gives its value.
    if stage.touchpoints.iter().all(|t| m.project.touchpoints[*t].implicit) {
        return;
    }
    let num = m.cat.numbers();
    let stage_row = m.metrics.get("stage", &stage.id, m.metric);
    let stage_n = stage_row.map(|r| r.n).unwrap_or(0);
    let room = (text_w - 24.0) / 12.0;
    let lines = match stage_row.and_then(|r| r.value) {
        Some(v) => stage_value_lines(m.cat, &num.value(v, m.measure), stage_n, text_w < w, room),
        None => {
            vec![counted(m.cat, stage_n, room, |n| m.cat.format(hidden_counted(stage_n, m.project.min_n), &[("n", n)]))]
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let y = sub_y + i as f64 * 16.0;
        let _ = write!(svg, r#"<text x="{:.1}" y="{y:.1}" class="jm-sub">{}</text>"#, x0 + 12.0, esc(line));
    }
}

/// One touchpoint's card (a link to its page): its name on one or two lines, then its value
/// with the pain-point mark at the right, then its count and channel. Returns its point on
/// the emotion curve (x and y still to be set) when it has a value.
fn draw_card(svg: &mut String, m: &MapInput, ti: usize, b: CardBox) -> Option<Point> {
    let tp = &m.project.touchpoints[ti];
    let def = &m.project.scores[m.score];
    let row = m.metrics.get("touchpoint", &tp.id, m.metric);
    let n = row.map(|r| r.n).unwrap_or(0);
    let value = row.and_then(|r| r.value);
    let class = value.map(|v| score_class(v, m.measure, def)).unwrap_or("s0");
    let (fill, ink) = class_colour(class);
    let pain = m.pain.get(ti).copied().unwrap_or(false);
    let href = routes::link(m.from, &routes::touchpoint_of(m.project, tp));
    let _ = write!(svg, r#"<a href="{}" class="jm-card">"#, esc(&href));
    let _ = write!(svg, "<title>{}</title>", esc(&m.card_title(tp, value, n, pain)));
    let stroke = if pain { r##" stroke="#1a1a1a" stroke-width="2.5""## } else { r##" stroke="#00000022""## };
    let _ = write!(
        svg,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{CARD_H}" rx="8" fill="{fill}"{stroke}/>"#,
        b.x, b.y, b.w
    );
    let text_x = b.x + 10.0;
    // A card that stands for its stage sits under the stage's name: it is not named twice.
    let name = if tp.implicit { Vec::new() } else { two_lines(&tp.name, (b.w - 20.0) / 13.0 - 1.0) };
    for (li, line) in name.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<text x="{text_x:.1}" y="{:.1}" fill="{ink}" class="jm-name">{}</text>"#,
            b.y + 19.0 + li as f64 * 16.0,
            esc(line)
        );
    }
    let (value_y, meta_y) = (b.y + CARD_H - 30.0, b.y + CARD_H - 10.0);
    let room = (b.w - 20.0) / b.small_px;
    // The pain mark at the right of the value: "▼ pain point", or the triangle alone on a
    // card too narrow for both (the map's key says what it means; the card's outline and
    // <title> say it too).
    let pain_text = format!("▼ {}", m.cat.text("pain_point"));
    let value_px = value.map_or(0.0, |v| text_width_em(&m.cat.numbers().value(v, m.measure)) * 20.0);
    let pain_text =
        if value_px + text_width_em(&pain_text) * b.small_px + 12.0 <= b.w - 20.0 { pain_text } else { "▼".into() };
    let point = match value {
        Some(v) => {
            let _ = write!(
                svg,
                r#"<text x="{text_x:.1}" y="{value_y:.1}" fill="{ink}" class="jm-value">{}</text>"#,
                esc(&m.cat.numbers().value(v, m.measure))
            );
            let (meta, squeezed) = card_meta(m.cat, n, tp.channel.as_deref(), room);
            // A line a little too long is drawn to the card's width (glyphs and gaps a few per
            // cent narrower) rather than losing its channel.
            let fit = if squeezed {
                format!(r#" textLength="{:.1}" lengthAdjust="spacingAndGlyphs""#, room * b.small_px)
            } else {
                String::new()
            };
            let _ = write!(
                svg,
                r#"<text x="{text_x:.1}" y="{meta_y:.1}" fill="{ink}" class="jm-meta"{fit}>{}</text>"#,
                esc(&meta)
            );
            Some(Point { x: 0.0, y: 0.0, value: v, pain, class, touchpoint: ti, stage: 0 })
        }
        None => {
            let text = counted(m.cat, n, room, |k| m.cat.format(hidden_counted(n, m.project.min_n), &[("n", k)]));
            let _ = write!(
                svg,
                r#"<text x="{text_x:.1}" y="{meta_y:.1}" fill="{ink}" class="jm-meta">{}</text>"#,
                esc(&text)
            );
            None
        }
    };
    if pain {
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{value_y:.1}" text-anchor="end" class="jm-pain" fill="{ink}">{}</text>"##,
            b.x + b.w - 10.0,
            esc(&pain_text)
        );
    }
    svg.push_str("</a>");
    point
}

/// The range of an emotion curve: its values with a little room, widened to the round steps
/// of a breakdown's axis ([`super::format::zoomed_axis`]), inside the measure's axis. The phone
/// strip prints its ends, which must read as an axis (−20 … +60), not as values (−19 … +51)
/// beside a table of the values themselves.
fn curve_range(points: &[Point], m: &MapInput) -> (f64, f64) {
    let def = &m.project.scores[m.score];
    let (axis_lo, axis_hi) = super::format::axis(m.measure, def);
    let lo = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.value).fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.15).max((axis_hi - axis_lo) * 0.03);
    super::format::zoomed_axis(&[(lo - pad).max(axis_lo), (hi + pad).min(axis_hi)], m.measure, def)
}

/// The emotion curve: the headline score of each touchpoint in journey order, evenly spaced,
/// each point named under the plot (slanted, so that every name is readable whole) and its
/// stage shaded behind it with the stage's name.
fn draw_curve(svg: &mut String, points: &[Point], m: &MapInput, top: f64, width: f64) {
    let num = m.cat.numbers();
    if points.is_empty() {
        return;
    }
    let step = if points.len() > 1 { (width - PAD - 10.0 - CURVE_LEFT) / (points.len() - 1) as f64 } else { 0.0 };
    let points: Vec<Point> =
        points.iter().enumerate().map(|(i, p)| Point { x: CURVE_LEFT + i as f64 * step, ..*p }).collect();
    let points = &points[..];
    draw_curve_stages(svg, points, m, top, step);
    let def = &m.project.scores[m.score];
    let (lo, hi) = curve_range(points, m);
    // Under the title and the stages' names.
    let inner_top = top + 44.0;
    let inner_h = CURVE_H - 62.0;
    // Better is up: where lower is better, the axis runs from high (bottom) to low (top).
    let lower = def.lower_better;
    let y = |v: f64| {
        let t = (v - lo) / (hi - lo).max(1e-9);
        inner_top + inner_h * if lower { t } else { 1.0 - t }
    };
    let _ = write!(svg, r#"<text x="{PAD}" y="{:.1}" class="jm-stage">{}</text>"#, top, esc(&m.title_curve()));
    let neutral = super::format::neutral(m.measure, def);
    if neutral > lo && neutral < hi {
        let ny = y(neutral);
        let _ = write!(
            svg,
            r##"<line x1="{PAD}" x2="{:.1}" y1="{ny:.1}" y2="{ny:.1}" stroke="#8a8a8a" stroke-dasharray="4 4"/>"##,
            width - PAD
        );
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="jm-axis">{}</text>"#,
            width - PAD,
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
        let py = y(p.value);
        draw_mark(svg, &Point { y: if p.pain { py - 6.0 } else { py }, ..*p });
        if p.pain {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="jm-pain-label">{}</text>"#,
                p.x,
                py + 20.0,
                esc(m.cat.text("pain_point"))
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
    // Each point's name under the plot, slanted up towards its point, with a hairline from
    // the point down to it.
    let base = inner_top + inner_h + 30.0;
    for p in points {
        let tp = &m.project.touchpoints[p.touchpoint];
        let name = if tp.implicit { &m.project.stages[p.stage].name } else { &tp.name };
        let py = y(p.value) + if p.pain { 22.0 } else { 8.0 };
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{py:.1}" y2="{:.1}" stroke="#d0d0d0" stroke-dasharray="2 3"/><text x="{x:.1}" y="{base:.1}" text-anchor="end" transform="rotate(-45 {x:.1} {base:.1})" class="jm-label">{}</text>"##,
            base - 10.0,
            esc(&fit_name(name, LABEL_EM)),
            x = p.x + 4.0,
        );
    }
}

/// The stages behind the wide curve: every other stage's points on a shaded band, each
/// stage's name at the band's top, so that the points read in their stages as the cards do.
fn draw_curve_stages(svg: &mut String, points: &[Point], m: &MapInput, top: f64, step: f64) {
    let mut i = 0;
    let mut shade = false;
    while i < points.len() {
        let stage = points[i].stage;
        let j = points[i..].iter().position(|p| p.stage != stage).map_or(points.len(), |k| i + k);
        let half = if step > 0.0 { step / 2.0 } else { 30.0 };
        let (a, b) = (points[i].x - half, points[j - 1].x + half);
        if shade {
            let _ = write!(
                svg,
                r##"<rect x="{a:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#f6f5f1"/>"##,
                top + 10.0,
                b - a,
                CURVE_H + LABELS_H - 10.0
            );
        }
        // A stage written without touchpoints is named under its point already.
        if !points[i..j].iter().all(|p| m.project.touchpoints[p.touchpoint].implicit) {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" class="jm-axis">{}</text>"#,
                a + 4.0,
                top + 26.0,
                esc(&fit_name(&m.project.stages[stage].name, (b - a - 8.0) / 11.0))
            );
        }
        shade = !shade;
        i = j;
    }
}

impl MapInput<'_> {
    fn title_curve(&self) -> String {
        let label = super::locale::metric_label(self.metric, &self.project.scores, self.cat);
        self.cat.format("curve_title", &[("metric", &label), ("noun", self.noun)])
    }

    /// The full text of a card, for its `<title>`: the name, value, whole count and channel
    /// that the card itself may show shortened.
    fn card_title(&self, tp: &crate::project::Touchpoint, value: Option<f64>, n: u64, pain: bool) -> String {
        let num = self.cat.numbers();
        let mut parts = vec![tp.name.clone()];
        match value {
            Some(v) => parts.push(num.value(v, self.measure)),
            None => {
                let key = match super::widgets::hidden_key(n, self.project.min_n) {
                    "withheld_short" => "withheld",
                    "not_enough" => "suppressed",
                    _ => "no_answers_n",
                };
                parts.push(self.cat.format(key, &[("n", &num.count(n))]))
            }
        }
        if value.is_some() {
            parts.push(self.cat.format("n_equals", &[("n", &num.count(n))]));
        }
        parts.extend(tp.channel.iter().filter(|c| !c.trim().is_empty()).cloned());
        if pain {
            parts.push(self.cat.text("pain_point").to_string());
        }
        parts.join(" · ")
    }
}

/// A name cut by whole words to `max_em`, or by characters when not even its first word fits.
fn fit_name(name: &str, max_em: f64) -> String {
    match fit_words(name, max_em) {
        s if s.is_empty() => fit(name, max_em),
        s => s,
    }
}

/// A text around a count (`make` gets the count as written): with the count whole when that
/// fits in `room_em`, else with the count abbreviated by the locale's rule ("1.2k"). The
/// count is never cut.
/// The message of a card's line without a figure, by its count: "no answers (n = 0)", "not
/// enough answers (n = 12)" or "withheld (n = 101)" (the card's <title> says why).
fn hidden_counted(n: u64, min_n: u64) -> &'static str {
    match super::widgets::hidden_key(n, min_n) {
        "withheld_short" => "withheld_n",
        "not_enough" => "suppressed",
        _ => "no_answers_n",
    }
}

fn counted(cat: &Catalogue, n: u64, room_em: f64, make: impl Fn(&str) -> String) -> String {
    let num = cat.numbers();
    let whole = make(&num.count(n));
    if text_width_em(&whole) <= room_em {
        whole
    } else {
        make(&num.compact(n))
    }
}

/// A stage's value and count under its name. In the printed map's label column they take a
/// line each, so the count is written whole, as on the cards beside it ("+18", "n = 14,480";
/// the audit found "n = 3k" and "3.9k" there beside cards of "n = 3,049"); across a block on
/// screen, one line ("+18 · n = 14,480"), the count abbreviated by rule where it does not fit.
fn stage_value_lines(cat: &Catalogue, value: &str, n: u64, label_column: bool, room_em: f64) -> Vec<String> {
    if label_column {
        return vec![value.to_string(), cat.format("n_equals", &[("n", &cat.numbers().count(n))])];
    }
    vec![counted(cat, n, room_em, |n| format!("{value} · {}", cat.format("n_equals", &[("n", n)])))]
}

/// A card's count line, "n = 1,248 · app": the count whole or abbreviated by rule, then the
/// channel by whole words as far as they fit, left out when not even its first word does.
///
/// With the line, whether it is to be squeezed to the room: a line up to [`SQUEEZE`] too long
/// keeps its channel, drawn a few per cent narrower (the audit found two cards of a map
/// without their channel beside all the others with theirs).
fn card_meta(cat: &Catalogue, n: u64, channel: Option<&str>, room_em: f64) -> (String, bool) {
    let count = counted(cat, n, room_em, |n| cat.format("n_equals", &[("n", n)]));
    let Some(channel) = channel.map(str::trim).filter(|c| !c.is_empty()) else {
        return (count, false);
    };
    let sep = " · ";
    // A channel is a short label: half of one ("mini-…") reads as a different word, so it is
    // shown whole or left out (the card's <title> and the touchpoint page still name it).
    let line = format!("{count}{sep}{channel}");
    let width = text_width_em(&line);
    if width <= room_em {
        (line, false)
    } else if width <= room_em * SQUEEZE {
        (line, true)
    } else {
        (count, false)
    }
}

/// How much longer than its card a count line may be and still keep its channel, squeezed.
const SQUEEZE: f64 = 1.12;

#[cfg(test)]
mod tests {
    use super::*;

    /// The count written in a card line: between "n = " and the channel separator or the end.
    fn count_part(meta: &str) -> &str {
        let rest = meta.strip_prefix("n = ").unwrap_or_else(|| panic!("{meta}"));
        rest.split(" · ").next().unwrap()
    }

    /// Whether `shown` is `n` abbreviated by the rule, checked from its parts: the unit's
    /// count times the shown number is within half a shown digit of `n`.
    fn abbreviates(shown: &str, n: u64, units: &[(&str, f64)]) -> bool {
        units.iter().any(|(unit, from)| {
            let Some(num) = shown.strip_suffix(unit) else { return false };
            let digits = num.replace(',', "");
            let Ok(v) = digits.parse::<f64>() else { return false };
            let step = if digits.contains('.') || v < 10.0 { 0.1 } else { 1.0 };
            (v * from - n as f64).abs() <= step * from / 2.0 + 1e-6 && v >= 1.0
        })
    }

    #[test]
    fn card_lines_never_cut_a_number_and_write_counts_whole_or_by_the_rule() {
        let counts = [0, 7, 42, 859, 1_248, 3_995, 9_999, 12_480, 99_999, 123_456, 999_999, 1_248_000, 87_654_321];
        let channels =
            [None, Some("app"), Some("e-commerce"), Some("mini-program checkout"), Some("门店 自提"), Some("12345678")];
        for (tag, units) in [("en", vec![("k", 1e3), ("M", 1e6)]), ("zh-CN", vec![("万", 1e4), ("亿", 1e8)])] {
            let cat = Catalogue::builtin(tag).unwrap();
            let num = cat.numbers();
            for n in counts {
                for ch in channels {
                    for room in [2.0, 4.0, 5.5, 7.0, 9.0, 12.0, 20.0] {
                        let (meta, _) = card_meta(&cat, n, ch, room);
                        let shown = count_part(&meta);
                        assert!(
                            shown == num.count(n) || abbreviates(shown, n, &units),
                            "{tag} {n} {ch:?} {room}: {meta}"
                        );
                        let cut_number = meta
                            .char_indices()
                            .any(|(i, c)| c == '…' && meta[..i].chars().last().is_some_and(|d| d.is_ascii_digit()));
                        assert!(!cut_number, "{tag} {n} {ch:?} {room}: {meta}");
                        if text_width_em(&num.count(n)) + 2.2 <= room {
                            assert_eq!(shown, num.count(n), "a count that fits is written whole: {meta}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_printed_map_writes_a_stage_count_whole_on_its_own_line() {
        // The printed label column leaves 8.2 em of 12-px text: "+18 · n = 14,480" does not fit.
        for (tag, short) in [("en", "n = 14k"), ("zh-CN", "1.4万")] {
            let cat = Catalogue::builtin(tag).unwrap();
            assert_eq!(stage_value_lines(&cat, "+18", 14_480, true, 8.2), ["+18", "n = 14,480"], "{tag}");
            // On screen, across a stage's block, one line, the count short where it must be.
            let line = stage_value_lines(&cat, "+18", 14_480, false, 8.2);
            assert!(line.len() == 1 && line[0].contains(short), "{tag}: {line:?}");
        }
    }

    #[test]
    fn a_card_line_keeps_the_channel_whole_or_leaves_it_out() {
        let cat = Catalogue::builtin("en").unwrap();
        let line = |n, ch, room| card_meta(&cat, n, ch, room);
        assert_eq!(line(2_583, Some("mini-program"), 20.0), ("n = 2,583 · mini-program".into(), false));
        // A little too long: kept whole, squeezed to the card; much too long: the channel left out.
        let full = text_width_em("n = 2,583 · mini-program");
        assert_eq!(line(2_583, Some("mini-program"), full / 1.1), ("n = 2,583 · mini-program".into(), true));
        assert_eq!(line(2_583, Some("mini-program"), full / 1.2), ("n = 2,583".into(), false));
        assert_eq!(line(2_583, Some("mini-program"), 10.0), ("n = 2,583".into(), false));
        assert_eq!(line(1_248, Some("app"), 5.5), ("n = 1,248".into(), false));
        assert_eq!(line(1_248, None, 4.5), ("n = 1.2k".into(), false));
    }
}
