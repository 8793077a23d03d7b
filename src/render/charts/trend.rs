//! A trend: its line, band and significant moves drawn by charts-rs, its axes set by
//! cxsite (the y range zoomed to the data, its labels written with one number of decimals,
//! the periods' names thinned so they never overlap) and the neutral line.

use serde_json::json;

use super::marks::{with_events, with_gap_labels, with_gaps, with_lone_intervals};
use super::*;
use crate::metrics::Measure;
use crate::project::ScoreDef;
/// The y axis of a trend of `points`: zoomed to the data ([`zoom`]), or the measure's full
/// range. The caption says which.
pub fn trend_axis(points: &[TrendPoint], measure: Measure, def: &ScoreDef) -> Option<(f64, f64)> {
    let values: Vec<f64> = points.iter().flat_map(|p| [p.low, p.high, p.value]).flatten().collect();
    (!values.is_empty()).then(|| zoom(&values, measure, def))
}

/// A trend line with its interval as a band, significant moves marked, the axis zoomed to
/// the data when it can be (the caption says which, [`trend_axis`]), NPS's zero line drawn
/// when it is in view, and each period not shown marked (`with_gaps`); drawn wide and
/// narrow (the stylesheet shows one). `events` are (index of the period, ASCII label) drawn
/// as dashed vertical lines.
pub fn trend(points: &[TrendPoint], measure: Measure, def: &ScoreDef, events: &[(usize, String)]) -> String {
    let wide = trend_at(points, measure, def, events, WIDE);
    if wide.is_empty() {
        return wide;
    }
    wide + &trend_at(points, measure, def, events, NARROW)
}

pub(super) fn trend_at(
    points: &[TrendPoint],
    measure: Measure,
    def: &ScoreDef,
    events: &[(usize, String)],
    size: Size,
) -> String {
    let Some((lo, hi)) = trend_axis(points, measure, def) else { return String::new() };
    // Significant moves: a second series with a point only where the move into the period is
    // significant (isolated points draw no line), shaped as a diamond so colour is not alone.
    let marks: Vec<Option<f64>> = points
        .iter()
        .map(|p| if p.significant { p.value.map(|v| (v * 100.0).round() / 100.0) } else { None })
        .collect();
    let neutral = crate::render::format::neutral(measure, def);
    let round = |v: Option<f64>| v.map(|x| (x * 100.0).round() / 100.0);
    let options = json!({
        "width": size.width,
        "height": size.height,
        "margin": { "left": 4, "top": 14, "right": 16, "bottom": 4 },
        "legend_show": false,
        // One category per period; their names are drawn by `with_x_labels` (no font size:
        // charts-rs draws none, and keeps the axis's height).
        "x_axis_data": points.iter().map(|p| p.label.clone()).collect::<Vec<_>>(),
        "x_axis_font_size": 0,
        "x_axis_font_color": "#555555",
        "x_axis_stroke_color": "#999999",
        "x_axis_label_overflow": "thin",
        "x_boundary_gap": false,
        "grid_stroke_color": "#e6e6e6",
        "y_axis_configs": [{
            "axis_min": lo, "axis_max": hi, "axis_font_size": 12, "axis_font_color": "#555555",
            "axis_split_number": 4, "axis_width": AXIS_WIDTH,
            "axis_formatter": if measure == Measure::TopBox { "{c}%" } else { "{c}" }
        }],
        "series_colors": [INK, "#1a1a1a"],
        "series_stroke_width": 2.5,
        "series_symbol": { "type": "circle", "size": 2.5, "color": INK },
        "series_list": [{
            "name": "value",
            "data": points.iter().map(|p| round(p.value)).collect::<Vec<_>>(),
            "band": {
                "lower": points.iter().map(|p| round(p.low)).collect::<Vec<_>>(),
                "upper": points.iter().map(|p| round(p.high)).collect::<Vec<_>>(),
            },
        }, {
            "name": "significant",
            "data": marks,
            "symbol": { "type": "diamond", "size": 6, "color": "#f2a900" },
            // Points only: a dash pattern with no visible dash hides the joining line.
            "stroke_dash_array": "0 100000",
        }],
    });
    let svg = end_y_labels(same_decimals(render_line(&options)), plot(size).0 - 5.0, measure == Measure::Nps);
    // Only NPS has a zero of its own (as many promoters as detractors); a share's or mean's
    // neutral point is where the colour scale turns, which a line on a chart with no colour
    // would show as an unexplained target.
    let svg = if measure == Measure::Nps { with_neutral(svg, neutral, (lo, hi), size) } else { svg };
    let svg = with_gaps(svg, points, size);
    let svg = with_lone_intervals(svg, points, (lo, hi), size);
    let svg = with_gap_labels(with_events(svg, points.len(), events, size), points, size);
    let names: Vec<&str> = points.iter().map(|p| p.axis.as_str()).collect();
    tag(with_x_labels(svg, &names, size), size.class)
}

/// Draws the neutral value (NPS 0, the scale's middle) as a plain thin line across the plot,
/// under the data, when it is inside the axis `(lo, hi)`. (charts-rs's mark line comes with a
/// dot, an arrowhead and a label of its value, none of which says more than the y axis.)
pub(super) fn with_neutral(svg: String, neutral: f64, (lo, hi): (f64, f64), size: Size) -> String {
    if !(neutral > lo && neutral < hi) {
        return svg;
    }
    let (left, right, top, bottom) = plot(size);
    let y = bottom - (neutral - lo) / (hi - lo) * (bottom - top);
    let line = format!(
        r##"<line class="neutral" x1="{left:.1}" x2="{right:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#8a8a8a" stroke-width="1"/>"##
    );
    // Under the band and the line: right after the grid, the first group charts-rs draws.
    let at = svg.find("<g stroke=\"#E6E6E6\"").and_then(|g| svg[g..].find("</g>").map(|e| g + e + 4));
    let Some(at) = at.or_else(|| svg.rfind("</svg>")) else { return svg };
    let mut out = svg;
    out.insert_str(at, &line);
    out
}

/// The y-axis labels (charts-rs's Roboto texts with no anchor) written with one number of
/// decimals, the most any of them has: a mean's axis read "4.5, 5, 5.5, 6" under a caption of
/// "4.50 to 6.50"; now "4.5, 5.0, 5.5, 6.0".
pub(super) fn same_decimals(svg: String) -> String {
    // Each y label's text: where it starts and ends in `svg`.
    let mut labels: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(i) = svg[at..].find("<text ").map(|i| at + i) {
        let Some(close) = svg[i..].find('>').map(|c| i + c) else { break };
        let tag = &svg[i..close];
        let end = svg[close..].find('<').map_or(svg.len(), |e| close + e);
        if tag.contains("font-family=\"Roboto\"") && !tag.contains("text-anchor") {
            labels.push((close + 1, end));
        }
        at = close;
    }
    let number = |t: &str| {
        let t = t.trim();
        let digits = t.strip_prefix(['-', '\u{2212}']).unwrap_or(t);
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let ok =
            !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit());
        ok.then_some(frac.len())
    };
    let decimals: Vec<usize> = labels.iter().filter_map(|(a, b)| number(&svg[*a..*b])).collect();
    let most = decimals.iter().copied().max().unwrap_or(0);
    if decimals.len() != labels.len() || decimals.iter().all(|d| *d == most) {
        return svg;
    }
    let mut out = String::with_capacity(svg.len() + 16);
    let mut copied = 0;
    for (a, b) in labels {
        let text = &svg[a..b];
        let have = number(text).unwrap_or(most);
        out.push_str(&svg[copied..b]);
        if have < most {
            let trimmed_end = out.len() - (text.len() - text.trim_end().len());
            let tail = out.split_off(trimmed_end);
            if have == 0 {
                out.push('.');
            }
            out.push_str(&"0".repeat(most - have));
            out.push_str(&tail);
        }
        copied = b;
    }
    out.push_str(&svg[copied..]);
    out
}

/// Anchors the y-axis labels at their end, `x` (a few px left of the plot). charts-rs places
/// them by its own measure of Roboto text with a hyphen; drawn in the site's font with a true
/// minus ("−20") they grew to the right, under the band. (They are the only texts charts-rs
/// draws on a trend: its x-axis labels have no size, `with_x_labels` draws them.) With
/// `signed` (NPS), a tick above 0 gets its "+", as every NPS on the site is written ("+40").
pub(super) fn end_y_labels(svg: String, x: f64, signed: bool) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg.as_str();
    while let Some(i) = rest.find("<text ") {
        let Some(len) = rest[i..].find('>') else { break };
        let tag = &rest[i..i + len];
        out.push_str(&rest[..i]);
        match tag.find(" x=\"").and_then(|a| tag[a + 4..].find('"').map(|b| (a, a + 4 + b))) {
            Some((a, b)) if tag.contains("font-family=\"Roboto\"") && !tag.contains("text-anchor") => {
                out.push_str(&tag[..a]);
                out.push_str(&format!(r#" x="{x:.1}" text-anchor="end""#));
                out.push_str(&tag[b + 1..]);
                let body = &rest[i + len + 1..];
                let text = body.trim_start();
                let positive = text.starts_with(|c: char| c.is_ascii_digit())
                    && text.split('<').next().and_then(|t| t.trim().parse::<f64>().ok()).is_some_and(|v| v > 0.0);
                if signed && positive {
                    out.push('>');
                    out.push_str(&body[..body.len() - text.len()]);
                    out.push('+');
                    rest = text;
                    continue;
                }
            }
            _ => out.push_str(tag),
        }
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    out
}

/// Plot box of trend charts of a size, fixed by the options above: left = margin + y-axis
/// width, right = width − right margin, top = top margin, bottom = height − bottom margin −
/// x axis.
pub(super) fn plot(size: Size) -> (f64, f64, f64, f64) {
    (4.0 + AXIS_WIDTH, size.width - 16.0, 14.0, size.height - 4.0 - 30.0)
}

/// Font size of the x-axis labels, px.
pub(super) const X_FONT: f64 = 12.0;

/// Least room between two x-axis labels, px.
pub(super) const X_GAP: f64 = 10.0;

/// Least room between an x-axis label and the drawing's edge, px.
pub(super) const EDGE: f64 = 3.0;

/// Where the x-axis labels go: (index, centre x). Every `stride`-th label counted back from
/// the last, so the latest period is always named, with the smallest stride at which no two
/// labels — each kept inside the drawing — come closer than [`X_GAP`].
pub(super) fn x_labels(names: &[&str], size: Size) -> Vec<(usize, f64)> {
    let n = names.len();
    if n == 0 {
        return Vec::new();
    }
    let (left, right, _, _) = plot(size);
    let step = if n > 1 { (right - left) / (n as f64 - 1.0) } else { 0.0 };
    let half = |i: usize| crate::render::format::text_width_em(names[i]) * X_FONT / 2.0;
    // The centre of label i, moved in where it would stick out of the drawing.
    let centre = |i: usize| {
        let x = left + i as f64 * step;
        x.max(half(i) + EDGE).min(size.width - half(i) - EDGE)
    };
    (1..=n)
        .map(|stride| (0..n).rev().step_by(stride).map(|i| (i, centre(i))).collect::<Vec<_>>())
        .find(|shown| shown.windows(2).all(|w| w[0].1 - half(w[0].0) - (w[1].1 + half(w[1].0)) >= X_GAP))
        .unwrap_or_default()
        .into_iter()
        .rev()
        .collect()
}

/// Draws the periods' names under the plot (see [`x_labels`]), escaped.
pub(super) fn with_x_labels(svg: String, names: &[&str], size: Size) -> String {
    let Some(end) = svg.rfind("</svg>") else { return svg };
    let y = size.height - 17.0;
    let mut g = String::from(r#"<g class="x-labels">"#);
    for (i, x) in x_labels(names, size) {
        g.push_str(&format!(
            r##"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="{X_FONT}" fill="#555555">{}</text>"##,
            crate::render::escape_html(names[i])
        ));
    }
    g.push_str("</g>");
    let mut out = svg;
    out.insert_str(end, &g);
    out
}

/// The y range of a trend: four equal steps of a round size that hold the data with a
/// little room, inside the measure's natural axis.
pub fn zoom(values: &[f64], measure: Measure, def: &ScoreDef) -> (f64, f64) {
    let (axis_lo, axis_hi) = axis(measure, def);
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let steps: &[f64] = match measure {
        Measure::Mean => &[0.1, 0.2, 0.25, 0.5, 1.0, 2.0],
        _ => &[5.0, 10.0, 20.0, 25.0, 50.0],
    };
    for step in steps {
        let start = ((lo - step * 0.25) / step).floor() * step;
        let start = start.max(axis_lo);
        if start + 4.0 * step >= hi + step * 0.25 && start + 4.0 * step <= axis_hi {
            return (start, start + 4.0 * step);
        }
    }
    (axis_lo, axis_hi)
}
