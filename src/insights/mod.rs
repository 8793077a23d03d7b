//! Metrics → what the site says: rankings and findings. Pure.

use serde::Serialize;

use crate::metrics::Metrics;
use crate::project::Project;

/// A touchpoint with its headline value, for rankings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedTouchpoint {
    /// Index into `Project::touchpoints`.
    pub touchpoint: usize,
    pub metric: String,
    pub n: u64,
    pub value: f64,
}

/// What the insights step hands to rendering.
#[derive(Debug, Clone, Default)]
pub struct Insights {
    /// The headline metric touchpoints are compared on (the loyalty score, else the first).
    pub headline_metric: Option<String>,
    /// Touchpoints with at least min_n answers, lowest headline value first.
    pub touchpoints_by_score: Vec<RankedTouchpoint>,
}

/// Derives rankings from the metrics.
pub fn derive(project: &Project, metrics: &Metrics) -> Insights {
    let headline = project
        .loyalty
        .map(|i| project.scores[i].id.clone())
        .or_else(|| metrics.defs.first().map(|d| d.name.clone()));
    let mut ranked: Vec<RankedTouchpoint> = match &headline {
        None => Vec::new(),
        Some(m) => project
            .touchpoints
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let row = metrics.get("touchpoint", &t.id, m)?;
                Some(RankedTouchpoint { touchpoint: i, metric: m.clone(), n: row.n, value: row.value? })
            })
            .collect(),
    };
    // Lowest first; ties by journey order so the ranking is stable.
    ranked.sort_by(|a, b| a.value.total_cmp(&b.value).then(a.touchpoint.cmp(&b.touchpoint)));
    Insights { headline_metric: headline, touchpoints_by_score: ranked }
}
