//! Metrics → what the site says: headline KPIs, rankings, pain points and findings. Pure.
//!
//! Findings are structured values; the render step puts them into words in the site's
//! language, so no sentence is built here.

use serde::Serialize;

use crate::metrics::{ChangeRow, Measure, MetricRow, Metrics};
use crate::project::Project;

/// A headline number: the latest period's value with its change from the previous period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kpi {
    pub metric: String,
    pub measure: Measure,
    /// Index into `Project::scores`.
    pub score: usize,
    /// The latest period with answers, and its row.
    pub period: Option<String>,
    pub latest: Option<MetricRow>,
    /// The whole data's row.
    pub overall: Option<MetricRow>,
    pub change: Option<ChangeRow>,
}

/// A touchpoint with its headline value, for rankings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedTouchpoint {
    /// Index into `Project::touchpoints`.
    pub touchpoint: usize,
    pub metric: String,
    pub n: u64,
    pub value: f64,
    pub ci_high: Option<f64>,
    /// Its upper bound is below the overall value: worse than average beyond chance.
    pub pain_point: bool,
}

/// A segment compared with all customers on the headline metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentGap {
    pub segment: String,
    pub name: String,
    pub value: f64,
    pub n: u64,
    /// Segment value minus the overall value.
    pub gap: f64,
    /// The segment's interval excludes the overall value.
    pub significant: bool,
}

/// A finding, ready to be put into words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The headline metric moved (or did not) into the latest period.
    Movement { metric: String, period: String, previous: String, value: f64, diff: f64, significant: bool },
    /// The weakest touchpoint.
    WeakestTouchpoint { touchpoint: usize, metric: String, value: f64, overall: f64, pain_point: bool },
    /// The strongest touchpoint.
    StrongestTouchpoint { touchpoint: usize, metric: String, value: f64, overall: f64 },
    /// The lowest-scoring segment relative to all customers.
    LowestSegment { gap: SegmentGap, metric: String },
    /// The highest-scoring segment relative to all customers.
    HighestSegment { gap: SegmentGap, metric: String },
}

/// What the insights step hands to rendering.
#[derive(Debug, Clone, Default)]
pub struct Insights {
    /// The headline metric touchpoints are compared on (the loyalty score, else the first).
    pub headline_metric: Option<String>,
    /// Periods with answers, in order.
    pub periods: Vec<String>,
    pub kpis: Vec<Kpi>,
    /// Touchpoints with at least min_n answers, lowest headline value first.
    pub touchpoints_by_score: Vec<RankedTouchpoint>,
    /// Segments with at least min_n answers, lowest first.
    pub segments_by_gap: Vec<SegmentGap>,
    pub findings: Vec<Finding>,
}

/// Derives the headline numbers, rankings and findings.
pub fn derive(project: &Project, metrics: &Metrics) -> Insights {
    let headline =
        project.loyalty.map(|i| project.scores[i].id.clone()).or_else(|| metrics.defs.first().map(|d| d.name.clone()));
    let mut periods: Vec<String> =
        metrics.rows.iter().filter(|r| r.dimension == "period").map(|r| r.group.clone()).collect();
    periods.dedup();
    let kpis = kpis(metrics, &periods);
    let overall = |m: &str| metrics.get("overall", "all", m).and_then(|r| r.value);
    let touchpoints_by_score = match &headline {
        Some(m) => rank_touchpoints(project, metrics, m, overall(m)),
        None => Vec::new(),
    };
    let segments_by_gap = match &headline {
        Some(m) => segment_gaps(metrics, m, overall(m)),
        None => Vec::new(),
    };
    let findings = findings(headline.as_deref(), &kpis, &touchpoints_by_score, &segments_by_gap, overall);
    Insights { headline_metric: headline, periods, kpis, touchpoints_by_score, segments_by_gap, findings }
}

/// One KPI per metric, except the means of ratings (their top-box share is the headline).
fn kpis(metrics: &Metrics, periods: &[String]) -> Vec<Kpi> {
    metrics
        .defs
        .iter()
        .filter(|d| !(d.measure == Measure::Mean && d.name.ends_with("_mean")))
        .map(|d| {
            let period = periods.iter().rev().find(|p| metrics.get("period", p, &d.name).is_some()).cloned();
            let latest = period.as_ref().and_then(|p| metrics.get("period", p, &d.name)).cloned();
            let change = period.as_ref().and_then(|p| metrics.change("period", p, &d.name)).cloned();
            Kpi {
                metric: d.name.clone(),
                measure: d.measure,
                score: d.score,
                period,
                latest,
                overall: metrics.get("overall", "all", &d.name).cloned(),
                change,
            }
        })
        .collect()
}

fn rank_touchpoints(project: &Project, metrics: &Metrics, metric: &str, overall: Option<f64>) -> Vec<RankedTouchpoint> {
    let mut ranked: Vec<RankedTouchpoint> = project
        .touchpoints
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let row = metrics.get("touchpoint", &t.id, metric)?;
            let value = row.value?;
            let pain_point = matches!((row.ci_high, overall), (Some(h), Some(o)) if h < o);
            Some(RankedTouchpoint {
                touchpoint: i,
                metric: metric.to_string(),
                n: row.n,
                value,
                ci_high: row.ci_high,
                pain_point,
            })
        })
        .collect();
    // Lowest first; ties by journey order so the ranking is stable.
    ranked.sort_by(|a, b| a.value.total_cmp(&b.value).then(a.touchpoint.cmp(&b.touchpoint)));
    ranked
}

fn segment_gaps(metrics: &Metrics, metric: &str, overall: Option<f64>) -> Vec<SegmentGap> {
    let Some(o) = overall else { return Vec::new() };
    let mut gaps: Vec<SegmentGap> = metrics
        .segments
        .iter()
        .filter_map(|(id, name)| {
            let row = metrics.get("segment", id, metric)?;
            let value = row.value?;
            let significant = matches!((row.ci_low, row.ci_high), (Some(l), Some(h)) if h < o || l > o);
            Some(SegmentGap { segment: id.clone(), name: name.clone(), value, n: row.n, gap: value - o, significant })
        })
        .collect();
    gaps.sort_by(|a, b| a.gap.total_cmp(&b.gap).then_with(|| a.segment.cmp(&b.segment)));
    gaps
}

fn findings(
    headline: Option<&str>,
    kpis: &[Kpi],
    tps: &[RankedTouchpoint],
    segs: &[SegmentGap],
    overall: impl Fn(&str) -> Option<f64>,
) -> Vec<Finding> {
    let Some(metric) = headline else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(k) = kpis.iter().find(|k| k.metric == metric) {
        if let (Some(c), Some(row)) = (&k.change, &k.latest) {
            if let Some(value) = row.value {
                out.push(Finding::Movement {
                    metric: metric.to_string(),
                    period: k.period.clone().unwrap_or_default(),
                    previous: c.previous.clone(),
                    value,
                    diff: c.change.diff,
                    significant: c.change.significant,
                });
            }
        }
    }
    if let Some(o) = overall(metric) {
        if let Some(w) = tps.first() {
            out.push(Finding::WeakestTouchpoint {
                touchpoint: w.touchpoint,
                metric: metric.to_string(),
                value: w.value,
                overall: o,
                pain_point: w.pain_point,
            });
        }
        if let Some(b) = tps.last().filter(|_| tps.len() > 1) {
            out.push(Finding::StrongestTouchpoint {
                touchpoint: b.touchpoint,
                metric: metric.to_string(),
                value: b.value,
                overall: o,
            });
        }
    }
    if let Some(low) = segs.first().filter(|s| s.significant && s.gap < 0.0) {
        out.push(Finding::LowestSegment { gap: low.clone(), metric: metric.to_string() });
    }
    if let Some(high) = segs.last().filter(|s| s.significant && s.gap > 0.0) {
        out.push(Finding::HighestSegment { gap: high.clone(), metric: metric.to_string() });
    }
    out
}
