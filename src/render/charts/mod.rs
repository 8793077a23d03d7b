//! Charts drawn by charts-rs from JSON options (the surface that stayed stable across 2.x).
//!
//! charts-rs measures text with its bundled Latin font, which lays Chinese out at half its
//! width. cxsite keeps every text that may be Chinese — titles, legends, group names — out of
//! these SVGs and in the HTML around them (a `<figure>` with a caption and a table of the
//! numbers), so charts-rs measures only digits. A trend's period names ("Nov 2024",
//! "2024年11月") are drawn by cxsite itself (`x_labels`), measured with
//! [`super::format::text_width_em`], and thinned out so that they never overlap.

use serde_json::Value;

use super::format::axis;

mod distribution;
mod marks;
#[cfg(test)]
mod tests;
mod trend;

pub use distribution::distribution;
pub use trend::{trend, trend_axis, zoom};

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
