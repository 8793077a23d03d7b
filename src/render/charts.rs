//! Charts drawn by charts-rs from JSON options (the surface that stayed stable across 2.x).
//!
//! charts-rs measures text with its bundled Latin font, which lays Chinese out at half its
//! width. cxsite keeps every text that may be Chinese — titles, legends, group names — out of
//! these SVGs and in the HTML around them (a `<figure>` with a caption and a table of the
//! numbers), so charts-rs measures only digits. A trend's period names ("Nov 2024",
//! "2024年11月") are drawn by cxsite itself (`x_labels`), measured with
//! [`super::format::text_width_em`], and thinned out so that they never overlap.

use serde_json::{json, Value};

use super::format::axis;
use crate::metrics::Measure;
use crate::project::ScoreDef;

/// One point of a trend.
#[derive(Debug, Clone)]
pub struct TrendPoint {
    /// The period's key (`2025-03`).
    pub label: String,
    /// The period's name on the axis, in the site's language ("Mar 2025", "2025年3月").
    pub axis: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The change into this period is significant.
    pub significant: bool,
    /// Why a period with answers has no point ("withheld", "not enough answers"): the
    /// chart marks it with a grey band and the word, so that the gap is never silent.
    pub gap: Option<String>,
}

/// Width of the y axis of trend charts, fixed so that the plot's left edge is known.
const AXIS_WIDTH: f64 = 40.0;

/// Colour of the line and band.
const INK: &str = "#1f4e79";

fn render_line(options: &Value) -> String {
    match charts_rs::LineChart::from_json(&options.to_string()) {
        Ok(chart) => chart.svg().map(clean).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn render_bar(options: &Value) -> String {
    match charts_rs::BarChart::from_json(&options.to_string()) {
        Ok(chart) => chart.svg().map(clean).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Writes charts-rs's axis and value labels as the rest of the site writes numbers: a
/// negative one with a true minus ("−50", as both built-in locales' `minus`), not the ASCII
/// hyphen charts-rs prints. Only text content changes; attributes ("y=\"-2\"") are left.
fn clean(svg: String) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(i) = rest.find('>') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let ws = rest.len() - rest.trim_start().len();
        let text = &rest[ws..];
        let mut chars = text.chars();
        if chars.next() == Some('-') && chars.next().is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&rest[..ws]);
            out.push('\u{2212}');
            rest = &text[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The size of one drawing of a chart: wide for desktop, narrow for a phone's column (fewer
/// ticks, text at 12 px on a drawing about as wide as the column, so never under 11 px).
#[derive(Clone, Copy)]
struct Size {
    width: f64,
    height: f64,
    class: &'static str,
}

const WIDE: Size = Size { width: 760.0, height: 300.0, class: "v-wide" };
const NARROW: Size = Size { width: 330.0, height: 230.0, class: "v-narrow" };

/// Marks an SVG's root with the class that says which drawing it is.
fn tag(svg: String, class: &str) -> String {
    match svg.find("<svg") {
        Some(i) if !svg.is_empty() => {
            let mut out = svg;
            out.insert_str(i + 4, &format!(r#" class="{class}""#));
            out
        }
        _ => svg,
    }
}

/// The y axis of a trend of `points`: zoomed to the data ([`zoom`]), or the measure's full
/// range. The caption says which.
pub fn trend_axis(points: &[TrendPoint], measure: Measure, def: &ScoreDef) -> Option<(f64, f64)> {
    let values: Vec<f64> = points.iter().flat_map(|p| [p.low, p.high, p.value]).flatten().collect();
    (!values.is_empty()).then(|| zoom(&values, measure, def))
}

/// A trend line with its interval as a band, significant moves marked, the axis zoomed to
/// the data when it can be (the caption says which, [`trend_axis`]), the neutral line drawn
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

fn trend_at(points: &[TrendPoint], measure: Measure, def: &ScoreDef, events: &[(usize, String)], size: Size) -> String {
    let Some((lo, hi)) = trend_axis(points, measure, def) else { return String::new() };
    // Significant moves: a second series with a point only where the move into the period is
    // significant (isolated points draw no line), shaped as a diamond so colour is not alone.
    let marks: Vec<Option<f64>> = points
        .iter()
        .map(|p| if p.significant { p.value.map(|v| (v * 100.0).round() / 100.0) } else { None })
        .collect();
    let neutral = super::format::neutral(measure, def);
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
    let svg = with_neutral(svg, neutral, (lo, hi), size);
    let svg = with_gaps(svg, points, size);
    let svg = with_lone_intervals(svg, points, (lo, hi), size);
    let svg = with_gap_labels(with_events(svg, points.len(), events, size), points, size);
    let names: Vec<&str> = points.iter().map(|p| p.axis.as_str()).collect();
    tag(with_x_labels(svg, &names, size), size.class)
}

/// Draws the neutral value (NPS 0, the scale's middle) as a plain thin line across the plot,
/// under the data, when it is inside the axis `(lo, hi)`. (charts-rs's mark line comes with a
/// dot, an arrowhead and a label of its value, none of which says more than the y axis.)
fn with_neutral(svg: String, neutral: f64, (lo, hi): (f64, f64), size: Size) -> String {
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

/// Marks each period that has answers but no point (`TrendPoint::gap`) with a grey band one
/// period wide across the plot, under the data (where the neutral line goes): a withheld
/// month reads as withheld, not as a break in the line. Its reason is written up the band by
/// [`with_gap_labels`].
fn with_gaps(svg: String, points: &[TrendPoint], size: Size) -> String {
    let bands = gap_bands(points, size);
    if bands.is_empty() {
        return svg;
    }
    let (_, _, top, bottom) = plot(size);
    let mut g = String::from(r#"<g class="gaps">"#);
    for (p, a, b, _) in &bands {
        g.push_str(&format!(
            r##"<rect class="gap" data-period="{period}" x="{a:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="#ececec"/>"##,
            period = super::escape_html(&p.label),
            w = b - a,
            h = bottom - top,
        ));
    }
    g.push_str("</g>");
    // Under the band and the line: right after the grid (see `with_neutral`).
    let at = svg.find("<g stroke=\"#E6E6E6\"").and_then(|g| svg[g..].find("</g>").map(|e| g + e + 4));
    let Some(at) = at.or_else(|| svg.rfind("</svg>")) else { return svg };
    let mut out = svg;
    out.insert_str(at, &g);
    out
}

/// Draws the interval of each point with no point beside it (the periods around it gaps or
/// outside the chart) as an error bar with caps, and the point larger: the band joins
/// neighbouring points, so a lone point had a 2.5-pixel dot and no interval, under a caption
/// that promises one.
fn with_lone_intervals(svg: String, points: &[TrendPoint], (lo, hi): (f64, f64), size: Size) -> String {
    let n = points.len();
    if n < 2 || hi <= lo {
        return svg;
    }
    let (left, right, top, bottom) = plot(size);
    let step = (right - left) / (n as f64 - 1.0);
    let y = |v: f64| bottom - (v.clamp(lo, hi) - lo) / (hi - lo) * (bottom - top);
    let has_value = |i: Option<usize>| i.and_then(|i| points.get(i)).is_some_and(|p| p.value.is_some());
    let mut g = String::new();
    for (i, p) in points.iter().enumerate() {
        let (Some(v), Some(low), Some(high)) = (p.value, p.low, p.high) else { continue };
        if has_value(i.checked_sub(1)) || has_value(Some(i + 1)) {
            continue;
        }
        let x = left + i as f64 * step;
        let (y1, y2) = (y(low), y(high));
        g.push_str(&format!(
            r##"<path d="M {a:.1} {y1:.1} H {b:.1} M {x:.1} {y1:.1} V {y2:.1} M {a:.1} {y2:.1} H {b:.1}" stroke="{INK}" stroke-width="1.5" fill="none" opacity="0.55"/><circle cx="{x:.1}" cy="{cy:.1}" r="4" fill="{INK}"/>"##,
            a = x - 4.0,
            b = x + 4.0,
            cy = y(v),
        ));
    }
    if g.is_empty() {
        return svg;
    }
    let Some(end) = svg.rfind("</svg>") else { return svg };
    let mut out = svg;
    out.insert_str(end, &format!(r#"<g class="lone-intervals">{g}</g>"#));
    out
}

/// The grey band of each period with a gap: (point, left, right, centre), at least as wide as
/// a line of text, inside the plot.
fn gap_bands(points: &[TrendPoint], size: Size) -> Vec<(&TrendPoint, f64, f64, f64)> {
    let n = points.len();
    if n < 2 {
        return Vec::new();
    }
    let (left, right, _, _) = plot(size);
    let step = (right - left) / (n as f64 - 1.0);
    let half = (step / 2.0).max(8.0);
    points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.gap.is_some())
        .map(|(i, p)| {
            let x = left + i as f64 * step;
            (p, (x - half).max(left), (x + half).min(right), x)
        })
        .collect()
}

/// Writes each gap's reason ("withheld") up its band, over everything else: an event's dashed
/// line through the same period passes under the word's halo instead of striking it through.
/// A band narrower than two lines of text (a phone's drawing of two years of months) gets no
/// word: it would spill over the points beside it, and the note under the chart names every
/// period not drawn and why.
fn with_gap_labels(svg: String, points: &[TrendPoint], size: Size) -> String {
    let labels: Vec<String> = gap_bands(points, size)
        .into_iter()
        .filter(|(_, a, b, _)| b - a >= 2.0 * X_FONT)
        .map(|(p, _, _, x)| {
            let (_, _, top, bottom) = plot(size);
            let mid = (top + bottom) / 2.0;
            let why = p.gap.as_deref().unwrap_or_default();
            // A plate of the band's grey under the word, so that an event's dashed line
            // through the period stops at the word instead of showing between its letters.
            let long = super::format::text_width_em(why) * X_FONT + 8.0;
            let wide = X_FONT + 4.0;
            // Chinese is written top to bottom with its characters upright, as it is set in
            // vertical text; Latin text is turned to read bottom to top.
            let turn = if why.chars().any(crate::text::is_han) {
                r#"writing-mode="vertical-rl" style="text-orientation:upright""#.to_string()
            } else {
                format!(r#"transform="rotate(-90 {x:.1} {mid:.1})""#)
            };
            format!(
                r##"<rect x="{rx:.1}" y="{ry:.1}" width="{wide:.1}" height="{long:.1}" fill="#ececec"/><text x="{x:.1}" y="{mid:.1}" {turn} text-anchor="middle" dominant-baseline="central" font-size="{X_FONT}" fill="#555555" stroke="#ececec" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{text}</text>"##,
                rx = x - wide / 2.0,
                ry = mid - long / 2.0,
                text = super::escape_html(why),
            )
        })
        .collect();
    let Some(end) = svg.rfind("</svg>") else { return svg };
    if labels.is_empty() {
        return svg;
    }
    let mut out = svg;
    out.insert_str(end, &format!(r#"<g class="gap-labels">{}</g>"#, labels.concat()));
    out
}

/// The y-axis labels (charts-rs's Roboto texts with no anchor) written with one number of
/// decimals, the most any of them has: a mean's axis read "4.5, 5, 5.5, 6" under a caption of
/// "4.50 to 6.50"; now "4.5, 5.0, 5.5, 6.0".
fn same_decimals(svg: String) -> String {
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
fn end_y_labels(svg: String, x: f64, signed: bool) -> String {
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
fn plot(size: Size) -> (f64, f64, f64, f64) {
    (4.0 + AXIS_WIDTH, size.width - 16.0, 14.0, size.height - 4.0 - 30.0)
}

/// Font size of the x-axis labels, px.
const X_FONT: f64 = 12.0;

/// Least room between two x-axis labels, px.
const X_GAP: f64 = 10.0;

/// Least room between an x-axis label and the drawing's edge, px.
const EDGE: f64 = 3.0;

/// Where the x-axis labels go: (index, centre x). Every `stride`-th label counted back from
/// the last, so the latest period is always named, with the smallest stride at which no two
/// labels — each kept inside the drawing — come closer than [`X_GAP`].
fn x_labels(names: &[&str], size: Size) -> Vec<(usize, f64)> {
    let n = names.len();
    if n == 0 {
        return Vec::new();
    }
    let (left, right, _, _) = plot(size);
    let step = if n > 1 { (right - left) / (n as f64 - 1.0) } else { 0.0 };
    let half = |i: usize| super::format::text_width_em(names[i]) * X_FONT / 2.0;
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
fn with_x_labels(svg: String, names: &[&str], size: Size) -> String {
    let Some(end) = svg.rfind("</svg>") else { return svg };
    let y = size.height - 17.0;
    let mut g = String::from(r#"<g class="x-labels">"#);
    for (i, x) in x_labels(names, size) {
        g.push_str(&format!(
            r##"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="{X_FONT}" fill="#555555">{}</text>"##,
            super::escape_html(names[i])
        ));
    }
    g.push_str("</g>");
    let mut out = svg;
    out.insert_str(end, &g);
    out
}

/// Draws each period's events as a dashed vertical line, labelled with their number (the
/// list under the chart names them): `4`, or `4–9` for several in one period, so a chart
/// draws at most one line a period however many events there are (a thousand had drawn a
/// thousand lines and badges). Badges take at most [`EVENT_ROWS`] rows; a period whose badge
/// finds no room keeps its line. charts-rs has no vertical annotation.
fn with_events(svg: String, n: usize, events: &[(usize, String)], size: Size) -> String {
    let Some(end) = svg.rfind("</svg>") else { return svg };
    if events.is_empty() || n < 2 {
        return svg;
    }
    let (left, right, top, bottom) = plot(size);
    let mut marks = String::from(r#"<g class="events">"#);
    // The right end of the last badge on each row of badges.
    let mut rows: Vec<f64> = Vec::new();
    let mut by_period: std::collections::BTreeMap<usize, Vec<&str>> = std::collections::BTreeMap::new();
    for (i, label) in events {
        by_period.entry(*i).or_default().push(label);
    }
    for (i, labels) in &by_period {
        let x = left + (*i as f64) * (right - left) / (n as f64 - 1.0);
        let ascii = |l: &str| l.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>();
        let label = match labels.as_slice() {
            [one] => ascii(one),
            [first, .., last] => format!("{}\u{2013}{}", ascii(first), ascii(last)),
            [] => continue,
        };
        let w = 8.0 + 8.0 * label.chars().count() as f64;
        // The badge stays inside the plot: at the first period, centred on its line, it
        // covered the top y-axis label.
        let bx = (x - w / 2.0).max(left).min(right - w);
        // Events a period apart on a phone's narrow chart: the next badge goes on a row
        // below rather than touching the last ("1" and "2" had read as "12").
        let row = rows.iter().position(|end| bx >= end + 3.0).unwrap_or(rows.len());
        if row >= EVENT_ROWS {
            marks.push_str(&format!(
                r##"<line x1="{x:.1}" x2="{x:.1}" y1="{top:.1}" y2="{bottom:.1}" stroke="#7a5c00" stroke-width="1.2" stroke-dasharray="3 3"/>"##
            ));
            continue;
        }
        match rows.get_mut(row) {
            Some(end) => *end = bx + w,
            None => rows.push(bx + w),
        }
        let y = top + 19.0 * row as f64;
        marks.push_str(&format!(
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{bottom:.1}" stroke="#7a5c00" stroke-width="1.2" stroke-dasharray="3 3"/><rect x="{:.1}" y="{y:.1}" width="{w:.0}" height="16" rx="3" fill="#7a5c00"/><text x="{tx:.1}" y="{:.1}" text-anchor="middle" font-size="12" font-weight="700" fill="#ffffff">{label}</text>"##,
            y + 16.0,
            bx,
            y + 12.5,
            tx = bx + w / 2.0,
        ));
    }
    marks.push_str("</g>");
    let mut out = svg;
    out.insert_str(end, &marks);
    out
}

/// The most rows of event badges at the top of a trend's plot.
const EVENT_ROWS: usize = 3;

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

/// The colour of the bar of one value of the scale: what the value counts as (NPS:
/// detractor, passive, promoter; ratings: below or in the top box).
fn bar_colour(v: i64, measure: Measure, def: &ScoreDef) -> &'static str {
    match measure {
        Measure::Nps if v <= 6 => "#d73027",
        Measure::Nps if v <= 8 => "#b8b8b8",
        Measure::Nps => "#4575b4",
        _ if v >= def.top_box => "#4575b4",
        _ => "#b8b8b8",
    }
}

/// The share of answers at each value of the scale, coloured by what the value counts as;
/// drawn wide (charts-rs columns) and narrow (rows a phone reads at 12 px).
pub fn distribution(counts: &[u64], measure: Measure, def: &ScoreDef) -> String {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return String::new();
    }
    let labels: Vec<String> = (def.min..=def.max).map(|v| def.show(v)).collect();
    // Whole percentages, as the site writes every share (`Numbers::share`): the labels are
    // the data charts-rs draws, so the bars are drawn at the shares as written.
    let shares: Vec<f64> =
        (0..labels.len()).map(|i| (100.0 * counts.get(i).copied().unwrap_or(0) as f64 / n as f64).round()).collect();
    let colours: Vec<&str> = (def.min..=def.max).map(|v| bar_colour(v, measure, def)).collect();
    let wide = distribution_wide(&labels, &shares, &colours);
    wide + &distribution_rows(&labels, &shares, &colours)
}

/// The narrow distribution: one row per value of the scale, its bar and its share.
fn distribution_rows(labels: &[String], shares: &[f64], colours: &[&str]) -> String {
    const ROW: f64 = 22.0;
    let (left, right) = (34.0, NARROW.width - 56.0);
    let top = shares.iter().copied().fold(0.0, f64::max).max(0.1);
    let height = labels.len() as f64 * ROW + 6.0;
    let mut s = format!(
        r#"<svg class="v-narrow" viewBox="0 0 {w} {height}" width="{w}" height="{height}" xmlns="http://www.w3.org/2000/svg">"#,
        w = NARROW.width
    );
    for (i, ((label, share), colour)) in labels.iter().zip(shares).zip(colours).enumerate() {
        let y = 3.0 + i as f64 * ROW;
        // Written as the wide drawing's labels are (charts-rs writes 21.0 as "21"): one chart,
        // one form, whichever drawing the screen shows.
        let share_text = format!("{share:.0}");
        let w = (right - left) * share / top;
        s.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="12" fill="#555555">{label}</text><rect x="{left}" y="{:.1}" width="{w:.1}" height="{:.1}" rx="2" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#333333">{share_text}%</text>"##,
            left - 8.0,
            y + 15.0,
            y + 2.0,
            ROW - 6.0,
            left + w + 6.0,
            y + 15.0,
        ));
    }
    s.push_str("</svg>");
    s
}

fn distribution_wide(labels: &[String], shares: &[f64], colours: &[&str]) -> String {
    // A share axis ends at 100% at most: past three quarters the automatic nice step would
    // run the axis to 120%, a share no answer can have.
    let mut y_axis = json!({ "axis_min": 0, "axis_font_size": 12, "axis_font_color": "#555555", "axis_split_number": 4, "axis_formatter": "{c}%" });
    if shares.iter().copied().fold(0.0, f64::max) > 75.0 {
        y_axis["axis_max"] = json!(100);
    }
    let options = json!({
        "width": 760,
        "height": 240,
        "margin": { "left": 4, "top": 24, "right": 8, "bottom": 4 },
        "legend_show": false,
        "x_axis_data": labels,
        "x_axis_font_size": 12,
        "x_axis_font_color": "#555555",
        "x_axis_stroke_color": "#999999",
        "grid_stroke_color": "#eeeeee",
        "y_axis_configs": [y_axis],
        "radius": 2,
        "series_label_font_size": 12,
        "series_label_font_color": "#333333",
        "series_list": [{ "name": "share", "data": shares, "colors": colours, "label_show": true }],
        "series_label_formatter": "{c}%",
    });
    tag(render_bar(&options), WIDE.class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_labels_write_a_negative_number_with_a_true_minus() {
        // charts-rs printed "-50" on the y axis of a trend whose table says "−50".
        let svg = clean("<svg><text y=\"-2\">\n-50\n</text><text>-</text><text>0</text></svg>".into());
        assert_eq!(svg, "<svg><text y=\"-2\">\n\u{2212}50\n</text><text>-</text><text>0</text></svg>");
        let def = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let points: Vec<TrendPoint> = [-40.0, 10.0, 30.0]
            .iter()
            .enumerate()
            .map(|(i, &v)| TrendPoint {
                label: format!("2025-0{}", i + 1),
                axis: format!("M{i}"),
                value: Some(v),
                low: Some(v - 5.0),
                high: Some(v + 5.0),
                significant: false,
                gap: None,
            })
            .collect();
        let drawn = trend(&points, Measure::Nps, &def, &[]);
        let texts: Vec<&str> = drawn.split('>').filter_map(|t| t.split('<').next()).map(str::trim).collect();
        assert!(texts.iter().any(|t| t.starts_with('\u{2212}')), "a negative tick is expected: {texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with('-')), "{texts:?}");
        // NPS ticks are written as NPS values are: "+20", "0", "−20", never a bare "20".
        assert!(texts.iter().any(|t| t.starts_with('+')), "a signed positive tick is expected: {texts:?}");
        let bare = texts
            .iter()
            .any(|t| t.starts_with(|c: char| c.is_ascii_digit()) && t.parse::<f64>().is_ok_and(|v| v > 0.0));
        assert!(!bare, "an NPS tick above 0 without its sign: {texts:?}");
    }

    /// Shares are whole percentages on the site (`Numbers::share`); a distribution's labels
    /// said "21.3%" on both drawings while its table and every other share said "21%".
    #[test]
    fn a_distribution_labels_its_shares_as_whole_percentages_on_both_drawings() {
        let def = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let counts = [1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29];
        let svg = distribution(&counts, Measure::Nps, &def);
        let labels: Vec<&str> =
            svg.split('>').filter_map(|t| t.split('<').next()).map(str::trim).filter(|t| t.ends_with('%')).collect();
        // Eleven bars on each drawing, plus the wide drawing's axis ticks.
        assert!(labels.len() >= 22, "{labels:?}");
        for l in &labels {
            assert!(l.trim_end_matches('%').chars().all(|c| c.is_ascii_digit()), "not a whole percentage: {l}");
        }
        // 29 of 130 is 22.3%: written 22% on both drawings.
        assert_eq!(labels.iter().filter(|l| **l == "22%").count(), 2, "{labels:?}");
    }

    #[test]
    fn a_distribution_axis_never_runs_past_100_percent() {
        // Every answer at one value (a store with one answer) drew an axis to 120%.
        for top in [60.0, 76.0, 81.3, 99.0, 100.0] {
            let shares = [100.0 - top, top];
            let svg = distribution_wide(&["9".into(), "10".into()], &shares, &["#999999", "#4575b4"]);
            let ticks: Vec<f64> =
                svg.split('>').filter_map(|t| t.split('<').next()?.trim().strip_suffix('%')?.parse().ok()).collect();
            assert!(!ticks.is_empty(), "{svg}");
            assert!(ticks.iter().all(|&v| v <= 100.0), "top {top}: {ticks:?}");
            assert!(ticks.iter().any(|&v| v >= top), "top {top}: the axis must reach the bar: {ticks:?}");
        }
    }

    #[test]
    fn x_labels_are_thinned_from_the_latest_period_back() {
        // Ten labels of 4 narrow characters (2.2 em = 26.4 px) on the phone drawing's plot,
        // 44 to 314 px: 30 px apart, 3.6 px of room, under 10. Every second one, counted back
        // from the last: 60 − 26.4 = 33.6 px of room. The last is moved in to end 3 px inside
        // the drawing (330 px): centre 330 − 13.2 − 3 = 313.8.
        let names = ["aaaa"; 10];
        let shown = x_labels(&names, NARROW);
        let at: Vec<(usize, String)> = shown.iter().map(|(i, x)| (*i, format!("{x:.1}"))).collect();
        let want = [(1, "74.0"), (3, "134.0"), (5, "194.0"), (7, "254.0"), (9, "313.8")];
        assert_eq!(at, want.map(|(i, x)| (i, x.to_string())));
        // Two labels fit side by side; the last ("Jul 2024", 4.5 em = 54 px) is moved in so
        // it ends 3 px inside the wide drawing (760 px): centre 760 − 27 − 3.
        let shown = x_labels(&["Jun 2024", "Jul 2024"], WIDE);
        assert_eq!(shown, [(0, 44.0), (1, 730.0)]);
    }

    /// The neutral line is one plain line at its value (NPS 0 on a −20…60 axis: 60/80 of the
    /// plot's 252 px down from its top at 14 px, y = 203), under the data, with no marker,
    /// arrowhead or label of its own; out of view, none.
    #[test]
    fn the_neutral_line_is_a_plain_line_under_the_data() {
        let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let point = |label: &str, v: f64| TrendPoint {
            label: label.into(),
            axis: label.into(),
            value: Some(v),
            low: Some(v - 5.0),
            high: Some(v + 5.0),
            significant: false,
            gap: None,
        };
        let svg = trend_at(&[point("a", 0.0), point("b", 40.0)], Measure::Nps, &def, &[], WIDE);
        assert_eq!(zoom(&[-5.0, 0.0, 5.0, 35.0, 40.0, 45.0], Measure::Nps, &def), (-20.0, 60.0));
        let line =
            r##"<line class="neutral" x1="44.0" x2="744.0" y1="203.0" y2="203.0" stroke="#8a8a8a" stroke-width="1"/>"##;
        assert_eq!(svg.matches(line).count(), 1, "{svg}");
        assert!(svg.find(line) < svg.find("<polygon"), "the line is drawn before the band: {svg}");
        assert!(!svg.contains("#8A8A8A"), "no mark line of charts-rs: {svg}");
        let svg = trend_at(&[point("a", 30.0), point("b", 50.0)], Measure::Nps, &def, &[], WIDE);
        assert!(!svg.contains("class=\"neutral\""), "{svg}");
    }

    /// A gap's word is written over an event's line through the same period (after it, with a
    /// halo of the band's grey), and only in a band two lines of text wide: two years of
    /// months on the phone's drawing (bands 16 px wide) carry the bands alone.
    #[test]
    fn a_gaps_word_sits_over_an_events_line_and_only_where_its_band_has_room() {
        let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let points: Vec<TrendPoint> = (0..24)
            .map(|i| TrendPoint {
                label: format!("p{i}"),
                axis: format!("p{i}"),
                value: (i != 5).then_some(10.0),
                low: (i != 5).then_some(0.0),
                high: (i != 5).then_some(20.0),
                significant: false,
                gap: (i == 5).then(|| "withheld".to_string()),
            })
            .collect();
        let events = [(5usize, "1".to_string())];
        let wide = trend_at(&points, Measure::Nps, &def, &events, WIDE);
        let (event, word) = (wide.find(r#"<g class="events">"#).unwrap(), wide.find(">withheld</text>").unwrap());
        assert!(event < word, "the word is drawn after the event's line: {wide}");
        assert!(
            wide.contains(
                r##"stroke="#ececec" stroke-width="4" stroke-linejoin="round" paint-order="stroke">withheld<"##
            ),
            "{wide}"
        );
        // Its band: 700 px over 23 steps, one step wide, centred on period 5 (x = 44 + 5 × 30.43).
        assert!(wide.contains(r#"data-period="p5" x="181.0" y="14.0" width="30.4""#), "{wide}");
        let narrow = trend_at(&points, Measure::Nps, &def, &events, NARROW);
        assert!(narrow.contains(r#"<rect class="gap" data-period="p5""#), "{narrow}");
        assert!(!narrow.contains("withheld"), "{narrow}");
    }

    /// Two events a period apart on the phone's chart (24 months: a step of 11.5 px, a
    /// badge 16 px wide): the second badge goes on a row below instead of touching the first;
    /// a third, clear of the first, goes back on the top row.
    #[test]
    fn event_badges_of_neighbouring_periods_do_not_touch() {
        let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let points: Vec<TrendPoint> = (0..24)
            .map(|i| TrendPoint {
                label: format!("p{i}"),
                axis: format!("p{i}"),
                value: Some(10.0),
                low: Some(0.0),
                high: Some(20.0),
                significant: false,
                gap: None,
            })
            .collect();
        let events = [(3usize, "1".to_string()), (4, "2".to_string()), (9, "3".to_string())];
        let narrow = trend_at(&points, Measure::Nps, &def, &events, NARROW);
        let g = &narrow[narrow.find(r#"<g class="events">"#).unwrap()..];
        let badges: Vec<(f64, f64, f64)> = g
            .split("<rect ")
            .skip(1)
            .map(|r| {
                let attr = |name: &str| -> f64 {
                    let at = r.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    r[at..at + r[at..].find('"').unwrap()].parse().unwrap()
                };
                (attr("x"), attr("y"), attr("width"))
            })
            .collect();
        assert_eq!(badges.len(), 3, "{g}");
        let touch =
            |a: (f64, f64, f64), b: (f64, f64, f64)| a.1 == b.1 && a.0 < b.0 + b.2 + 2.0 && b.0 < a.0 + a.2 + 2.0;
        assert!(!touch(badges[0], badges[1]), "{badges:?}");
        assert!(badges[1].1 > badges[0].1, "the second badge is on a row below: {badges:?}");
        assert_eq!(badges[2].1, badges[0].1, "the third is back on the top row: {badges:?}");
    }

    /// A point with no point beside it (gaps around it, or the chart's end) gets its interval
    /// as an error bar, from its low to its high; points beside others do not (the band shows
    /// theirs). A gap's word sits on a plate of the band's grey, upright in Chinese.
    #[test]
    fn a_lone_point_draws_its_interval_as_an_error_bar() {
        let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let point = |i: usize, value: bool, gap: Option<&str>| TrendPoint {
            label: format!("p{i}"),
            axis: format!("p{i}"),
            value: value.then_some(10.0),
            low: value.then_some(0.0),
            high: value.then_some(20.0),
            significant: false,
            gap: gap.map(String::from),
        };
        // Lone, gap, pair, gap, lone: two error bars (the first and the last point).
        let points = [
            point(0, true, None),
            point(1, false, Some("暂无回答")),
            point(2, true, None),
            point(3, true, None),
            point(4, false, Some("withheld")),
            point(5, true, None),
        ];
        let wide = trend_at(&points, Measure::Nps, &def, &[], WIDE);
        let g = &wide[wide.find(r#"<g class="lone-intervals">"#).expect("error bars")..];
        let g = &g[..g.find("</g>").unwrap()];
        assert_eq!(g.matches("<path ").count(), 2, "{g}");
        let (left, right, top, bottom) = plot(WIDE);
        // The axis is zoomed to the data; whatever it is, a bar runs from 0 to 20 on it.
        let (lo, hi) = trend_axis(&points, Measure::Nps, &def).unwrap();
        let y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);
        assert!(g.contains(&format!("M {:.1} {:.1} V {:.1}", left, y(0.0), y(20.0))), "{g}");
        assert!(g.contains(&format!("M {:.1} {:.1} V {:.1}", right, y(0.0), y(20.0))), "{g}");
        let labels = &wide[wide.find(r#"<g class="gap-labels">"#).unwrap()..];
        assert!(labels.contains(r#"writing-mode="vertical-rl""#) && labels.contains("暂无回答"), "{labels}");
        assert!(labels.contains("rotate(-90") && labels.contains("withheld"), "{labels}");
        assert_eq!(labels.matches("<rect ").count(), 2, "a plate under each word: {labels}");
        // Neighbours all round: no error bar.
        let joined: Vec<TrendPoint> = (0..4).map(|i| point(i, true, None)).collect();
        assert!(!trend_at(&joined, Measure::Nps, &def, &[], WIDE).contains("lone-intervals"));
    }

    /// A thousand events over 24 months draw one line a period at most, a period's events
    /// under one badge (`1–42`), and badges in at most three rows.
    #[test]
    fn many_events_draw_one_line_a_period_and_badges_in_three_rows() {
        let def = crate::project::ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        let points: Vec<TrendPoint> = (0..24)
            .map(|i| TrendPoint {
                label: format!("p{i}"),
                axis: format!("p{i}"),
                value: Some(10.0),
                low: Some(0.0),
                high: Some(20.0),
                significant: false,
                gap: None,
            })
            .collect();
        let events: Vec<(usize, String)> = (0..1000).map(|k| (k * 24 / 1000, (k + 1).to_string())).collect();
        for size in [WIDE, NARROW] {
            let svg = trend_at(&points, Measure::Nps, &def, &events, size);
            let g = &svg[svg.find(r#"<g class="events">"#).unwrap()..];
            let g = &g[..g.find("</g>").unwrap()];
            assert_eq!(g.matches("<line ").count(), 24, "one line a period");
            assert!(g.contains(">1\u{2013}42<"), "the first period's 42 events under one badge");
            let (_, _, top, _) = plot(size);
            let rows: std::collections::BTreeSet<String> = g
                .split("<rect ")
                .skip(1)
                .map(|r| r[r.find("y=\"").unwrap() + 3..].split('"').next().unwrap().to_string())
                .collect();
            assert!(rows.len() <= EVENT_ROWS, "{rows:?}");
            assert!(rows.iter().all(|y| y.parse::<f64>().unwrap() < top + 19.0 * EVENT_ROWS as f64));
        }
    }

    #[test]
    fn x_labels_never_overlap_and_always_name_the_latest_period() {
        for size in [WIDE, NARROW] {
            for n in 2..=120 {
                let names: Vec<String> = (0..n).map(|w| format!("W{} 2024", 1 + w % 52)).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let shown = x_labels(&names, size);
                assert_eq!(shown.last().map(|s| s.0), Some(n - 1), "n = {n}");
                let span = |(i, x): (usize, f64)| {
                    let w = 12.0 * crate::render::format::text_width_em(names[i]);
                    (x - w / 2.0, x + w / 2.0)
                };
                for s in &shown {
                    let (a, b) = span(*s);
                    assert!(a >= 0.0 && b <= size.width, "n = {n}: {s:?} outside");
                }
                for w in shown.windows(2) {
                    assert!(span(w[1]).0 - span(w[0]).1 >= X_GAP - 1e-9, "n = {n}: {w:?} overlap");
                }
                // Evenly spaced: one stride between all shown labels.
                let strides: Vec<usize> = shown.windows(2).map(|w| w[1].0 - w[0].0).collect();
                assert!(strides.windows(2).all(|s| s[0] == s[1]), "n = {n}: {strides:?}");
            }
        }
    }

    #[test]
    fn y_axis_labels_share_one_number_of_decimals() {
        let label = |t: &str| format!(r#"<text font-family="Roboto" x="3">{t}</text>"#);
        let svg = ["4.5", "5", "5.5", "6"].map(label).concat() + r#"<text text-anchor="end" x="1">7</text>"#;
        let want = ["4.5", "5.0", "5.5", "6.0"].map(label).concat() + r#"<text text-anchor="end" x="1">7</text>"#;
        assert_eq!(same_decimals(svg), want);
        // Whole ticks, and labels that are no numbers, are left as they are.
        let whole = ["-20", "0", "20"].map(label).concat();
        assert_eq!(same_decimals(whole.clone()), whole);
        let words = [label("0.5"), label("1"), label("Jan")].concat();
        assert_eq!(same_decimals(words.clone()), words);
        assert_eq!(
            same_decimals([label("0.25"), label("0.5"), label(" 1 ")].concat()),
            [label("0.25"), label("0.50"), label(" 1.00 ")].concat()
        );
    }
}
