//! The distribution of a score's answers: the share at each value of the scale, coloured
//! by what the value counts as, as bars across (wide) or rows (narrow).

use serde_json::json;

use super::*;
use crate::metrics::Measure;
use crate::project::ScoreDef;
/// The colour of the bar of one value of the scale: what the value counts as (NPS:
/// detractor, passive, promoter; ratings: below or in the top box).
pub(super) fn bar_colour(v: i64, measure: Measure, def: &ScoreDef) -> &'static str {
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
pub(super) fn distribution_rows(labels: &[String], shares: &[f64], colours: &[&str]) -> String {
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

pub(super) fn distribution_wide(labels: &[String], shares: &[f64], colours: &[&str]) -> String {
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
