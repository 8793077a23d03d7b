//! The importance × performance map of key drivers: an SVG cxsite draws itself, with every
//! name escaped and laid out without font measurement.

use std::fmt::Write as _;

use super::escape_html as esc;
use super::format::fit;

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

const W: f64 = 760.0;
const H: f64 = 470.0;
const L: f64 = 70.0;
const R: f64 = 24.0;
const T: f64 = 24.0;
const B: f64 = 56.0;

/// The two axes: performance (%) across, importance (share) up, and where a value lands.
struct Scale {
    pmin: f64,
    pmax: f64,
    imin: f64,
    imax: f64,
    /// The importance axis's tick step.
    step: f64,
}

impl Scale {
    fn of(points: &[Point]) -> Scale {
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
        Scale { pmin, pmax, imin: 0.0, imax: (top / step).ceil() * step, step }
    }

    fn x(&self, v: f64) -> f64 {
        L + (v - self.pmin) / (self.pmax - self.pmin) * (W - L - R)
    }

    fn y(&self, v: f64) -> f64 {
        T + (1.0 - (v - self.imin) / (self.imax - self.imin)) * (H - T - B)
    }
}

/// Draws the map; the dashed lines are the medians that decide "fix first".
pub fn draw(points: &[Point], median_perf: f64, median_imp: f64, labels: &Labels) -> String {
    let scale = Scale::of(points);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="quadrant" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="group" aria-labelledby="q-title" xmlns="http://www.w3.org/2000/svg"><title id="q-title">{}</title>"#,
        esc(labels.title)
    );
    draw_quadrants(&mut s, scale.x(median_perf), scale.y(median_imp), labels);
    draw_axes(&mut s, &scale, labels);
    draw_points(&mut s, &scale, points);
    s.push_str("</svg>");
    s
}

/// The plot frame, the fix-first quadrant shaded (high importance, low performance), the
/// median lines at (`mx`, `my`) and the four quadrants' names in their corners.
fn draw_quadrants(s: &mut String, mx: f64, my: f64, labels: &Labels) {
    let _ = write!(s, r##"<rect x="{L}" y="{T}" width="{:.1}" height="{:.1}" fill="#fde0dc"/>"##, mx - L, my - T);
    let _ = write!(
        s,
        r##"<rect x="{L}" y="{T}" width="{:.1}" height="{:.1}" fill="none" stroke="#bbbbbb"/>"##,
        W - L - R,
        H - T - B
    );
    let _ = write!(
        s,
        r##"<line x1="{mx:.1}" x2="{mx:.1}" y1="{T}" y2="{:.1}" stroke="#777" stroke-dasharray="4 4"/>"##,
        H - B
    );
    let _ = write!(
        s,
        r##"<line x1="{L}" x2="{:.1}" y1="{my:.1}" y2="{my:.1}" stroke="#777" stroke-dasharray="4 4"/>"##,
        W - R
    );
    let corner = |s: &mut String, xx: f64, yy: f64, anchor: &str, text: &str, bold: bool| {
        let weight = if bold { r##" font-weight="700" fill="#b2182b""## } else { r##" fill="#666""## };
        let _ = write!(
            s,
            r#"<text x="{xx:.1}" y="{yy:.1}" text-anchor="{anchor}" font-size="13"{weight}>{}</text>"#,
            esc(text)
        );
    };
    corner(s, L + 8.0, T + 18.0, "start", labels.fix_first, true);
    corner(s, W - R - 8.0, T + 18.0, "end", labels.keep, false);
    corner(s, L + 8.0, H - B - 8.0, "start", labels.monitor, false);
    corner(s, W - R - 8.0, H - B - 8.0, "end", labels.maintain, false);
}

/// Ticks every 10 % of performance, importance in % of the explained share, and the axis titles.
fn draw_axes(s: &mut String, scale: &Scale, labels: &Labels) {
    let mut tick = (scale.pmin / 10.0).ceil() * 10.0;
    while tick <= scale.pmax + 1e-9 {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#555">{tick:.0}%</text>"##,
            scale.x(tick),
            H - B + 18.0
        );
        tick += 10.0;
    }
    let ticks = ((scale.imax - scale.imin) / scale.step).round() as usize;
    for k in 0..=ticks {
        let v = scale.imin + scale.step * k as f64;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="12" fill="#555">{:.0}%</text>"##,
            L - 8.0,
            scale.y(v) + 4.0,
            100.0 * v
        );
    }
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="13" fill="#333">{}</text>"##,
        L + (W - L - R) / 2.0,
        H - 12.0,
        esc(labels.x_axis)
    );
    let _ = write!(
        s,
        r##"<text transform="translate(16,{:.1}) rotate(-90)" text-anchor="middle" font-size="13" fill="#333">{}</text>"##,
        T + (H - T - B) / 2.0,
        esc(labels.y_axis)
    );
}

/// Each touchpoint as a linked mark (a square when it is fix-first) with its label; labels
/// are nudged down, one line at a time, until they clear the labels already placed.
fn draw_points(s: &mut String, scale: &Scale, points: &[Point]) {
    let mut placed: Vec<(f64, f64, f64)> = Vec::new();
    for p in points {
        let (px, py) = (scale.x(p.performance), scale.y(p.importance));
        let (fill, stroke) = if p.fix_first { ("#d73027", "#1a1a1a") } else { ("#4575b4", "#1a1a1a") };
        let _ = write!(s, r#"<a href="{}">"#, esc(&p.href));
        if p.fix_first {
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
                px - 6.0,
                py - 6.0
            );
        } else {
            let _ = write!(
                s,
                r#"<circle cx="{px:.1}" cy="{py:.1}" r="6.5" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#
            );
        }
        // Labels go right of the point, or left when near the right edge.
        let right = px < W - R - 170.0;
        let (lx, anchor) = if right { (px + 10.0, "start") } else { (px - 10.0, "end") };
        let label = fit(&p.label, 14.0);
        let width = super::format::text_width_em(&label) * 12.0;
        let (x0, x1) = if right { (lx, lx + width) } else { (lx - width, lx) };
        let mut ly = py + 4.0;
        while placed.iter().any(|(a, b, yy)| x0 < *b && *a < x1 && (ly - yy).abs() < 14.0) {
            ly += 14.0;
        }
        placed.push((x0, x1, ly));
        let _ = write!(
            s,
            r##"<text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" font-size="12" fill="#1a1a1a">{}</text></a>"##,
            esc(&label)
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
