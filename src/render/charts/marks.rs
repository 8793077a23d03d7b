//! What cxsite draws over a trend: the grey band and word of each period without a point,
//! the error bar of a point with no neighbour, and the events' dashed lines and badges.

use super::trend::{plot, X_FONT};
use super::*;
/// Marks each period that has answers but no point (`TrendPoint::gap`) with a grey band one
/// period wide across the plot, under the data (where the neutral line goes): a withheld
/// month reads as withheld, not as a break in the line. Its reason is written up the band by
/// [`with_gap_labels`].
pub(super) fn with_gaps(svg: String, points: &[TrendPoint], size: Size) -> String {
    let bands = gap_bands(points, size);
    if bands.is_empty() {
        return svg;
    }
    let (_, _, top, bottom) = plot(size);
    let mut g = String::from(r#"<g class="gaps">"#);
    for (p, a, b, _) in &bands {
        g.push_str(&format!(
            r##"<rect class="gap" data-period="{period}" x="{a:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="#ececec"/>"##,
            period = crate::render::escape_html(&p.label),
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
pub(super) fn with_lone_intervals(svg: String, points: &[TrendPoint], (lo, hi): (f64, f64), size: Size) -> String {
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
pub(super) fn gap_bands(points: &[TrendPoint], size: Size) -> Vec<(&TrendPoint, f64, f64, f64)> {
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
pub(super) fn with_gap_labels(svg: String, points: &[TrendPoint], size: Size) -> String {
    let labels: Vec<String> = gap_bands(points, size)
        .into_iter()
        .filter(|(_, a, b, _)| b - a >= 2.0 * X_FONT)
        .map(|(p, _, _, x)| {
            let (_, _, top, bottom) = plot(size);
            let mid = (top + bottom) / 2.0;
            let why = p.gap.as_deref().unwrap_or_default();
            // A plate of the band's grey under the word, so that an event's dashed line
            // through the period stops at the word instead of showing between its letters.
            let long = crate::render::format::text_width_em(why) * X_FONT + 8.0;
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
                text = crate::render::escape_html(why),
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

/// Draws each period's events as a dashed vertical line, labelled with their number (the
/// list under the chart names them): `4`, or `4–9` for several in one period, so a chart
/// draws at most one line a period however many events there are (a thousand had drawn a
/// thousand lines and badges). Badges take at most [`EVENT_ROWS`] rows; a period whose badge
/// finds no room keeps its line. charts-rs has no vertical annotation.
pub(super) fn with_events(svg: String, n: usize, events: &[(usize, String)], size: Size) -> String {
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
pub(super) const EVENT_ROWS: usize = 3;
