//! Everything above → site files in memory. Pure: no file is read or written here.

use crate::ingest::Quality;
use crate::insights::Insights;
use crate::metrics::Metrics;
use crate::output::Site;
use crate::project::Project;

/// Escapes text for HTML text and quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML forbids never reach a page.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Renders the site's pages.
pub fn render(project: &Project, metrics: &Metrics, insights: &Insights, quality: &Quality) -> crate::error::Result<Site> {
    let mut site = Site::new();
    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>\n<table>\n<tr><th>metric</th><th>n</th><th>value</th><th>interval</th></tr>\n", escape_html(&project.title)));
    for r in metrics.rows.iter().filter(|r| r.dimension == "overall") {
        let value = r.value.map(|v| format!("{v:.1}")).unwrap_or_else(|| "not enough answers".into());
        let ci = match (r.ci_low, r.ci_high) {
            (Some(a), Some(b)) => format!("{a:.1} – {b:.1}"),
            _ => String::new(),
        };
        body.push_str(&format!("<tr><td>{}</td><td>{}</td><td>{value}</td><td>{ci}</td></tr>\n", escape_html(&r.metric), r.n));
    }
    body.push_str("</table>\n");
    if let Some(m) = &insights.headline_metric {
        body.push_str(&format!("<h2>Lowest touchpoints ({})</h2>\n<ol>\n", escape_html(m)));
        for t in insights.touchpoints_by_score.iter().take(3) {
            body.push_str(&format!("<li>{} — {:.1} (n = {})</li>\n", escape_html(&project.touchpoints[t.touchpoint].name), t.value, t.n));
        }
        body.push_str("</ol>\n");
    }
    body.push_str(&format!("<p>{} rows read, {} rejected. <a href=\"data/metrics.csv\">metrics.csv</a> · <a href=\"data/metrics.json\">metrics.json</a></p>\n", quality.rows_read(), quality.rows_rejected()));
    let robots = if project.public { "" } else { "<meta name=\"robots\" content=\"noindex\">\n" };
    let html = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{robots}<title>{}</title>\n</head>\n<body>\n{body}</body>\n</html>\n",
        project.locale.tag(),
        escape_html(&project.title)
    );
    site.insert("index.html".into(), html.into_bytes());
    Ok(site)
}
