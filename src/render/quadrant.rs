//! The importance × performance map of key drivers: an SVG cxsite draws itself, with every
//! name escaped and laid out without font measurement.

use std::fmt::Write as _;

use super::escape_html as esc;

/// A point to draw.
pub struct Point {
    pub label: String,
    pub href: String,
    /// 0–100 (%).
    pub performance: f64,
    /// 0–1.
    pub importance: f64,
    pub fix_first: bool,
}

/// Labels of the four quadrants and the axes, in the site's language.
pub struct Labels<'a> {
    pub title: &'a str,
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub fix_first: &'a str,
    pub keep: &'a str,
    pub monitor: &'a str,
    pub maintain: &'a str,
}

/// The frame of one drawing: its size, the plot's margins and its text size.
#[derive(Clone, Copy)]
struct Frame {
    w: f64,
    h: f64,
    l: f64,
    r: f64,
    t: f64,
    b: f64,
    /// Size of the smallest text (ticks, point labels); titles are one pixel larger.
    font: f64,
    /// Performance ticks every this many points.
    tick: f64,
}

/// The wide drawing (desktop): names beside the points.
const WIDE: Frame = Frame { w: 760.0, h: 470.0, l: 70.0, r: 24.0, t: 24.0, b: 56.0, font: 12.0, tick: 10.0 };
/// The narrow drawing (phones, a 330-px column): numbers beside the points, named by a key
/// under the drawing, every text at 12 px and up.
const NARROW: Frame = Frame { w: 330.0, h: 330.0, l: 60.0, r: 10.0, t: 14.0, b: 48.0, font: 12.0, tick: 20.0 };

/// The two axes: performance (%) across, importance (share) up, and where a value lands.
struct Scale {
    f: Frame,
    pmin: f64,
    pmax: f64,
    imin: f64,
    imax: f64,
    /// The importance axis's tick step.
    step: f64,
}

impl Scale {
    fn of(points: &[Point], f: Frame) -> Scale {
        let (pmin, pmax) = padded(points.iter().map(|p| p.performance), 5.0, 0.0, 100.0);
        // Importance axis from 0 to a round 4-step top (steps of 5 or 10 points).
        let top = points.iter().map(|p| p.importance).fold(0.0, f64::max).max(0.05) * 1.1;
        let step = if top <= 0.2 {
            0.05
        } else if top <= 0.4 {
            0.1
        } else {
            0.25
        };
        Scale { f, pmin, pmax, imin: 0.0, imax: (top / step).ceil() * step, step }
    }

    fn x(&self, v: f64) -> f64 {
        self.f.l + (v - self.pmin) / (self.pmax - self.pmin) * (self.f.w - self.f.l - self.f.r)
    }

    fn y(&self, v: f64) -> f64 {
        self.f.t + (1.0 - (v - self.imin) / (self.imax - self.imin)) * (self.f.h - self.f.t - self.f.b)
    }
}

/// Draws the map twice, wide with names and narrow with numbers and a key; the stylesheet
/// shows one by the screen's width. The dashed lines are the medians that decide "fix first".
pub fn draw(points: &[Point], median_perf: f64, median_imp: f64, labels: &Labels) -> String {
    let mut s = String::new();
    for (f, class, id) in [(WIDE, "quadrant q-wide", "q-title"), (NARROW, "quadrant q-narrow", "q-title-narrow")] {
        let scale = Scale::of(points, f);
        let numbered = class.ends_with("narrow");
        let h = f.h;
        let _ = write!(
            s,
            r#"<svg class="{class}" viewBox="0 0 {} {h}" width="{}" height="{h}" role="group" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg"><title id="{id}">{}</title>"#,
            f.w,
            f.w,
            esc(labels.title)
        );
        let medians = (scale.x(median_perf), scale.y(median_imp));
        draw_quadrants(&mut s, f, medians.0, medians.1, labels);
        draw_axes(&mut s, &scale, labels);
        // The quadrants' names are in the corners: no point's label is set over them.
        let placed = corner_boxes(f, labels);
        if numbered {
            draw_numbered(&mut s, &scale, points, placed, medians);
        } else {
            draw_points(&mut s, &scale, points, placed, medians);
        }
        s.push_str("</svg>");
        if numbered {
            write_key(&mut s, points);
        }
    }
    s
}

/// The narrow drawing's key, under it: each point's number and whole name as a list of links
/// in the page's text. (Drawn inside the SVG, the key scaled down with it on a phone: names
/// 9 px high, links 13 px apart, under the 24 px a finger needs, WCAG 2.5.8.)
fn write_key(s: &mut String, points: &[Point]) {
    s.push_str(r#"<ol class="q-key">"#);
    for p in points {
        let _ = write!(s, r#"<li><a href="{}">{}</a></li>"#, esc(&p.href), esc(&p.label));
    }
    s.push_str("</ol>");
}

/// The plot frame, the fix-first quadrant shaded (high importance, low performance), the
/// median lines at (`mx`, `my`) and the four quadrants' names in their corners.
fn draw_quadrants(s: &mut String, f: Frame, mx: f64, my: f64, labels: &Labels) {
    let (l, t, right, bottom) = (f.l, f.t, f.w - f.r, f.h - f.b);
    let _ = write!(s, r##"<rect x="{l}" y="{t}" width="{:.1}" height="{:.1}" fill="#fde0dc"/>"##, mx - l, my - t);
    let _ = write!(
        s,
        r##"<rect x="{l}" y="{t}" width="{:.1}" height="{:.1}" fill="none" stroke="#bbbbbb"/>"##,
        right - l,
        bottom - t
    );
    let _ = write!(
        s,
        r##"<line x1="{mx:.1}" x2="{mx:.1}" y1="{t}" y2="{bottom:.1}" stroke="#777" stroke-dasharray="4 4"/>"##
    );
    let _ = write!(
        s,
        r##"<line x1="{l}" x2="{right:.1}" y1="{my:.1}" y2="{my:.1}" stroke="#777" stroke-dasharray="4 4"/>"##
    );
    let size = f.font + 1.0;
    let corner = |s: &mut String, xx: f64, yy: f64, anchor: &str, text: &str, bold: bool| {
        let weight = if bold { r##" font-weight="700" fill="#b2182b""## } else { r##" fill="#666""## };
        let _ = write!(
            s,
            r#"<text x="{xx:.1}" y="{yy:.1}" text-anchor="{anchor}" font-size="{size}"{weight}>{}</text>"#,
            esc(text)
        );
    };
    corner(s, l + 6.0, t + size + 4.0, "start", labels.fix_first, true);
    corner(s, right - 6.0, t + size + 4.0, "end", labels.keep, false);
    corner(s, l + 6.0, bottom - 6.0, "start", labels.monitor, false);
    corner(s, right - 6.0, bottom - 6.0, "end", labels.maintain, false);
}

/// Where `draw_quadrants` writes the quadrants' names, as `place` records a label: (left,
/// right, baseline).
fn corner_boxes(f: Frame, labels: &Labels) -> Vec<(f64, f64, f64)> {
    let (l, t, right, bottom) = (f.l, f.t, f.w - f.r, f.h - f.b);
    let size = f.font + 1.0;
    let width = |text: &str| super::format::text_width_em(text) * size * 1.05;
    vec![
        (l + 6.0, l + 6.0 + width(labels.fix_first), t + size + 4.0),
        (right - 6.0 - width(labels.keep), right - 6.0, t + size + 4.0),
        (l + 6.0, l + 6.0 + width(labels.monitor), bottom - 6.0),
        (right - 6.0 - width(labels.maintain), right - 6.0, bottom - 6.0),
    ]
}

/// Performance ticks (every `Frame::tick` %), importance in % of the explained share, and
/// the axis titles.
fn draw_axes(s: &mut String, scale: &Scale, labels: &Labels) {
    let f = scale.f;
    let mut tick = (scale.pmin / f.tick).ceil() * f.tick;
    while tick <= scale.pmax + 1e-9 {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="{}" fill="#555">{tick:.0}%</text>"##,
            scale.x(tick),
            f.h - f.b + 18.0,
            f.font
        );
        tick += f.tick;
    }
    let ticks = ((scale.imax - scale.imin) / scale.step).round() as usize;
    for k in 0..=ticks {
        let v = scale.imin + scale.step * k as f64;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="{}" fill="#555">{:.0}%</text>"##,
            f.l - 6.0,
            scale.y(v) + 4.0,
            f.font,
            100.0 * v
        );
    }
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="{}" fill="#333">{}</text>"##,
        f.l + (f.w - f.l - f.r) / 2.0,
        f.h - 12.0,
        f.font + 1.0,
        esc(labels.x_axis)
    );
    let _ = write!(
        s,
        r##"<text transform="translate({:.1},{:.1}) rotate(-90)" text-anchor="middle" font-size="{}" fill="#333">{}</text>"##,
        f.font + 2.0,
        f.t + (f.h - f.t - f.b) / 2.0,
        f.font + 1.0,
        esc(labels.y_axis)
    );
}

/// A touchpoint's mark, a square when it is fix-first, else a circle.
fn draw_mark(s: &mut String, px: f64, py: f64, fix_first: bool) {
    if fix_first {
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="#d73027" stroke="#1a1a1a" stroke-width="1.5"/>"##,
            px - 6.0,
            py - 6.0
        );
    } else {
        let _ = write!(
            s,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="6.5" fill="#4575b4" stroke="#1a1a1a" stroke-width="1.5"/>"##
        );
    }
}

/// Where a label of `width` px goes beside the point (`px`, `py`): the first spot, right or
/// left of it and on its line or a line above or below, that stays inside the plot's frame
/// (else, for a name too long for it, inside the drawing) and clears the labels already
/// `placed`. Returns (x, baseline, anchor). A name across the frame's edge or over the axis's
/// ticks read as a drawing mistake on a laptop ("Store checkout" ran over the right edge).
fn place(f: Frame, placed: &mut Vec<(f64, f64, f64)>, px: f64, py: f64, width: f64) -> (f64, f64, &'static str) {
    let line = f.font + 3.0;
    let mut first = None;
    for (lo, hi) in [(f.l + 2.0, f.w - f.r - 2.0), (2.0, f.w - 2.0)] {
        let prefer_right = px + 10.0 + width <= hi - 2.0;
        let sides = if prefer_right { [true, false] } else { [false, true] };
        for dy in [0.0, -line, line, -2.0 * line, 2.0 * line, 3.0 * line, -3.0 * line] {
            for right in sides {
                let (x0, x1) = if right { (px + 10.0, px + 10.0 + width) } else { (px - 10.0 - width, px - 10.0) };
                let ly = py + 4.0 + dy;
                if x0 < lo || x1 > hi || ly < f.t + line || ly > f.h - f.b - 2.0 {
                    continue;
                }
                let spot = (x0, x1, ly, right);
                first.get_or_insert(spot);
                if !placed.iter().any(|(a, b, yy)| x0 < *b && *a < x1 && (ly - yy).abs() < line) {
                    placed.push((x0, x1, ly));
                    return if right { (x0, ly, "start") } else { (x1, ly, "end") };
                }
            }
        }
    }
    let (x0, x1, ly, right) = first.unwrap_or((px + 10.0, px + 10.0 + width, py + 4.0, true));
    placed.push((x0, x1, ly));
    if right {
        (x0, ly, "start")
    } else {
        (x1, ly, "end")
    }
}

/// A label's halo: a stroke of the ground behind it (the fix-first quadrant's pink, else the
/// chart's white) painted under its letters, so that a median's dashed line or a grid line
/// that `place` could not steer it off passes under the word instead of striking it through.
/// `x0`–`x1` and `baseline` are the label's box, `medians` where the median lines cross.
fn halo(x0: f64, x1: f64, baseline: f64, font: f64, medians: (f64, f64)) -> String {
    let (cx, cy) = ((x0 + x1) / 2.0, baseline - font / 3.0);
    let ground = if cx < medians.0 && cy < medians.1 { "#fde0dc" } else { "#ffffff" };
    format!(r##" stroke="{ground}" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##)
}

/// A thin line from a point to its label when `place` moved the label off the point's line
/// (above or below it): such a label, beside another point's mark, read as that point's.
/// Drawn before the mark, which covers its start.
fn leader(s: &mut String, (px, py): (f64, f64), (x0, x1, baseline): (f64, f64, f64), font: f64) {
    let mid = baseline - font / 3.0;
    if (mid - py).abs() < font * 0.75 {
        return;
    }
    let x = if x0 >= px { x0 - 2.0 } else { x1 + 2.0 };
    let _ =
        write!(s, r##"<line x1="{px:.1}" y1="{py:.1}" x2="{x:.1}" y2="{mid:.1}" stroke="#888" stroke-width="1"/>"##);
}

/// The left and right of a label `width` wide written at `x` with `anchor`.
fn span_of(x: f64, anchor: &str, width: f64) -> (f64, f64) {
    if anchor == "end" {
        (x - width, x)
    } else {
        (x, x + width)
    }
}

/// Each touchpoint as a linked mark with its whole name beside it.
fn draw_points(s: &mut String, scale: &Scale, points: &[Point], mut placed: Vec<(f64, f64, f64)>, medians: (f64, f64)) {
    for p in points {
        let (px, py) = (scale.x(p.performance), scale.y(p.importance));
        let _ = write!(s, r#"<a href="{}">"#, esc(&p.href));
        let width = super::format::text_width_em(&p.label) * scale.f.font * 1.05;
        let (lx, ly, anchor) = place(scale.f, &mut placed, px, py, width);
        let (x0, x1) = span_of(lx, anchor, width);
        leader(s, (px, py), (x0, x1, ly), scale.f.font);
        draw_mark(s, px, py, p.fix_first);
        let _ = write!(
            s,
            r##"<text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" font-size="{}" fill="#1a1a1a"{}>{}</text></a>"##,
            scale.f.font,
            halo(x0, x1, ly, scale.f.font, medians),
            esc(&p.label)
        );
    }
}

/// The narrow drawing's points: each mark with its number (the key under the drawing names
/// them, [`write_key`]).
fn draw_numbered(
    s: &mut String,
    scale: &Scale,
    points: &[Point],
    mut placed: Vec<(f64, f64, f64)>,
    medians: (f64, f64),
) {
    let f = scale.f;
    for (i, p) in points.iter().enumerate() {
        let (px, py) = (scale.x(p.performance), scale.y(p.importance));
        let label = (i + 1).to_string();
        let width = label.len() as f64 * f.font * 0.7;
        let (lx, ly, anchor) = place(f, &mut placed, px, py, width);
        let (x0, x1) = span_of(lx, anchor, width);
        leader(s, (px, py), (x0, x1, ly), f.font);
        draw_mark(s, px, py, p.fix_first);
        let _ = write!(
            s,
            r##"<text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" font-size="{}" font-weight="700" fill="#1a1a1a"{}>{label}</text>"##,
            f.font,
            halo(x0, x1, ly, f.font, medians)
        );
    }
}

fn padded(values: impl Iterator<Item = f64>, pad: f64, lo: f64, hi: f64) -> (f64, f64) {
    let v: Vec<f64> = values.collect();
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() {
        return (lo, hi);
    }
    (((min - pad) / 10.0).floor().max(lo / 10.0) * 10.0, ((max + pad) / 10.0).ceil().min(hi / 10.0) * 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels<'static> {
        Labels {
            title: "t",
            x_axis: "x",
            y_axis: "y",
            fix_first: "Fix first",
            keep: "Keep it up",
            monitor: "Monitor",
            maintain: "Maintain",
        }
    }

    /// A label has a halo of the ground it sits on: pink in the fix-first quadrant (left of
    /// the performance median, above the importance one), white elsewhere.
    #[test]
    fn a_label_is_haloed_in_the_colour_of_its_quadrant() {
        let medians = (300.0, 200.0);
        assert!(halo(100.0, 200.0, 120.0, 13.0, medians).contains(r##"stroke="#fde0dc""##));
        for (x0, x1, y) in [(350.0, 450.0, 120.0), (100.0, 200.0, 260.0), (350.0, 450.0, 260.0)] {
            assert!(halo(x0, x1, y, 13.0, medians).contains(r##"stroke="#ffffff""##), "{x0}–{x1}, {y}");
        }
        let p = Point {
            label: "门店收银 Store checkout".into(),
            href: "x.html".into(),
            performance: 60.0,
            importance: 0.1,
            fix_first: false,
        };
        let svg = draw(&[p], 60.0, 0.2, &labels());
        assert!(svg.contains(r##"paint-order="stroke">门店收银 Store checkout</text>"##), "{svg}");
    }

    #[test]
    fn a_label_near_the_frames_edge_stays_inside_the_frame_and_off_the_quadrants_names() {
        let f = WIDE;
        let right = f.w - f.r;
        let width = 150.0;
        // A name that fits on the point's right inside the drawing but not inside the frame
        // ("门店收银 Store checkout" at 77% ran over the frame's right edge): it goes left.
        let mut placed = corner_boxes(f, &labels());
        let (x, _, anchor) = place(f, &mut placed, right - width, 200.0, width);
        let (x0, x1) = span_of(x, anchor, width);
        assert!(x0 >= f.l && x1 <= right, "{x0}–{x1} leaves the frame {}–{right}", f.l);
        // A point in the bottom-right corner: its name on its left, on its line, would cover
        // "Maintain"; it moves to another line.
        let mut placed = corner_boxes(f, &labels());
        let corners = placed.clone();
        let (x, ly, anchor) = place(f, &mut placed, right - 20.0, f.h - f.b - 10.0, width);
        let (x0, x1) = span_of(x, anchor, width);
        assert!(x0 >= f.l && x1 <= right, "{x0}–{x1} leaves the frame {}–{right}", f.l);
        for (a, b, yy) in corners {
            assert!(!(x0 < b && a < x1 && (ly - yy).abs() < f.font + 3.0), "over a corner's name at {a}–{b}, {yy}");
        }
    }

    /// A label set off its point's line (the line taken by another label) is joined to its
    /// point by a leader; one on the point's line is not.
    #[test]
    fn a_label_moved_off_its_points_line_gets_a_leader_line() {
        let mut s = String::new();
        leader(&mut s, (500.0, 300.0), (300.0, 490.0, 304.0), 13.0);
        assert!(s.is_empty(), "{s}");
        leader(&mut s, (500.0, 300.0), (300.0, 490.0, 320.0), 13.0);
        assert_eq!(s, r##"<line x1="500.0" y1="300.0" x2="492.0" y2="315.7" stroke="#888" stroke-width="1"/>"##);
        // Two points whose names cannot both sit on their line: one of the drawn names gets a
        // leader, in the wide drawing.
        let p = |label: &str, performance: f64| Point {
            label: label.into(),
            href: "x.html".into(),
            performance,
            importance: 0.1,
            fix_first: false,
        };
        let svg = draw(&[p("App checkout", 60.0), p("Store checkout", 61.0)], 60.0, 0.2, &labels());
        let wide = &svg[..svg.find("q-narrow").unwrap_or(svg.len())];
        assert!(wide.contains(r##"stroke="#888" stroke-width="1"/>"##), "{wide}");
    }

    /// The narrow drawing's key is a list of links in the page (each name escaped), not text
    /// inside the drawing, which a phone scaled down to 9 px with links 13 px apart.
    #[test]
    fn the_narrow_drawings_key_is_a_list_of_links_after_it() {
        let p = |label: &str, href: &str| Point {
            label: label.into(),
            href: href.into(),
            performance: 60.0,
            importance: 0.1,
            fix_first: false,
        };
        let html = draw(&[p("A<b>", "a.html"), p("送货 Delivery", "d.html")], 60.0, 0.2, &labels());
        let narrow = &html[html.find("q-narrow").unwrap()..];
        let (svg, key) = narrow.split_once("</svg>").unwrap();
        assert!(!svg.contains("<a "), "no link left inside the narrow drawing: {svg}");
        assert_eq!(
            key,
            r#"<ol class="q-key"><li><a href="a.html">A&lt;b&gt;</a></li><li><a href="d.html">送货 Delivery</a></li></ol>"#
        );
    }
}
