//! Partial aggregates → numbers with intervals. Pure: no files, no HTML.
//!
//! One file per formula family, each citing its source: [`nps`] (adjusted Wald),
//! [`proportion`] (Wilson), [`mean`] (Student t).

pub mod change;
pub mod mean;
pub mod nps;
pub mod proportion;

use std::collections::HashMap;

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::ingest::{Dim, GroupKey, Histogram, Partials};
use crate::project::{Project, ScoreDef, ScoreKind};

/// Decimal places of every value and bound in metrics.csv and metrics.json.
pub const DECIMALS: i32 = 4;

/// A confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    /// An interval from its bounds.
    pub fn new(low: f64, high: f64) -> Self {
        Interval { low, high }
    }
    /// Clips both bounds into `lo..=hi` (an NPS cannot pass ±100, a share 0 or 100 %).
    pub fn clip(self, lo: f64, hi: f64) -> Self {
        Interval { low: self.low.clamp(lo, hi), high: self.high.clamp(lo, hi) }
    }
}

/// Two-sided normal critical value for a confidence level (0.95 → 1.959964).
pub fn z_critical(confidence: f64) -> f64 {
    let p = 1.0 - (1.0 - confidence) / 2.0;
    Normal::new(0.0, 1.0).map(|n| n.inverse_cdf(p)).unwrap_or(1.959964)
}

/// Rounds to [`DECIMALS`] places, so that 99.99999999 prints as 100 and −0 as 0.
pub fn round(v: f64) -> f64 {
    let f = 10f64.powi(DECIMALS);
    let r = (v * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// One number of the output contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRow {
    /// `overall`, `stage`, `touchpoint`, `segment`, `period`, `source`, a configured dimension's
    /// id, `touchpoint_segment` or `touchpoint_period`.
    pub dimension: String,
    pub group: String,
    /// `nps`, a rating's id (top-box %), `<rating>_mean`, or a mean score's id (`ces`).
    pub metric: String,
    pub n: u64,
    /// Blank when n < min_n.
    pub value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// A change from the previous period, keyed like a metric row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// `period` or `touchpoint_period`.
    pub dimension: String,
    /// The current period (`2025-03`), or `touchpoint|2025-03`.
    pub group: String,
    /// The period compared with.
    pub previous: String,
    pub metric: String,
    pub change: change::Change,
}

/// What a metric name measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// NPS in points.
    Nps,
    /// Share in the top box, percent.
    TopBox,
    /// Mean on the scale.
    Mean,
}

/// A metric name and how it is computed from a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricDef {
    pub name: String,
    /// Index into `Project::scores`.
    pub score: usize,
    pub measure: Measure,
}

/// The metrics a score yields, in a fixed order.
pub fn metric_defs(scores: &[ScoreDef]) -> Vec<MetricDef> {
    let mut out = Vec::new();
    for (i, s) in scores.iter().enumerate() {
        match s.kind {
            ScoreKind::Nps => out.push(MetricDef { name: s.id.clone(), score: i, measure: Measure::Nps }),
            ScoreKind::Rating => {
                out.push(MetricDef { name: s.id.clone(), score: i, measure: Measure::TopBox });
                out.push(MetricDef { name: format!("{}_mean", s.id), score: i, measure: Measure::Mean });
            }
            ScoreKind::Mean => out.push(MetricDef { name: s.id.clone(), score: i, measure: Measure::Mean }),
        }
    }
    out
}

/// An estimate before rounding and suppression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub n: u64,
    pub value: Option<f64>,
    pub ci: Option<Interval>,
}

/// Computes one measure from a histogram.
pub fn estimate(h: &Histogram, def: &ScoreDef, measure: Measure, confidence: f64) -> Estimate {
    let z = z_critical(confidence);
    match measure {
        Measure::Nps => {
            let c = nps::NpsCounts::from_histogram(&h.counts);
            Estimate { n: c.n, value: c.score(), ci: c.interval(z) }
        }
        Measure::TopBox => {
            let from = (def.top_box - def.min).max(0) as usize;
            let hits: u64 = h.counts.iter().skip(from).sum();
            let n = h.n();
            Estimate { n, value: proportion::percent(hits, n), ci: proportion::wilson(hits, n, z) }
        }
        Measure::Mean => {
            let m = mean::Moments::from_histogram(&h.counts, def.min);
            Estimate { n: m.n, value: m.mean(), ci: m.interval(confidence) }
        }
    }
}

/// Every metric of the build, sorted, with an index for look-ups by the later steps.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// Sorted by (dimension, group, metric), byte order.
    pub rows: Vec<MetricRow>,
    pub defs: Vec<MetricDef>,
    /// Period-on-period changes: for each `period` group and each `touchpoint_period` group,
    /// the change from the previous period that has answers. Both periods need min_n answers.
    pub changes: Vec<ChangeRow>,
    /// Every segment group (id, display name): rule segments in project order, then each
    /// `from_column` family's values in sorted order.
    pub segments: Vec<(String, String)>,
    index: HashMap<(String, String, String), usize>,
}

impl Metrics {
    /// The row for a dimension, group and metric, if the group had answers.
    pub fn get(&self, dimension: &str, group: &str, metric: &str) -> Option<&MetricRow> {
        self.index.get(&(dimension.to_string(), group.to_string(), metric.to_string())).map(|i| &self.rows[*i])
    }
}

/// The `dimension` column for a group kind.
pub fn dimension_name(project: &Project, dim: Dim) -> String {
    match dim {
        Dim::Overall => "overall".into(),
        Dim::Stage => "stage".into(),
        Dim::Touchpoint => "touchpoint".into(),
        Dim::Segment => "segment".into(),
        Dim::Period => "period".into(),
        Dim::Source => "source".into(),
        Dim::Custom(i) => project.dimensions[i].id.clone(),
        Dim::TouchpointSegment => "touchpoint_segment".into(),
        Dim::TouchpointPeriod => "touchpoint_period".into(),
    }
}

/// Computes every metric of every group from the merged partials.
pub fn compute(project: &Project, partials: &Partials) -> Metrics {
    let defs = metric_defs(&project.scores);
    let mut rows = Vec::new();
    for (GroupKey { dim, group }, g) in &partials.groups {
        for def in &defs {
            let Some(h) = g.scores.get(def.score).filter(|h| h.n() > 0) else { continue };
            let e = estimate(h, &project.scores[def.score], def.measure, project.confidence);
            rows.push(to_row(project, dimension_name(project, *dim), group, &def.name, e));
        }
    }
    rows.sort_by(|a, b| (&a.dimension, &a.group, &a.metric).cmp(&(&b.dimension, &b.group, &b.metric)));
    let index =
        rows.iter().enumerate().map(|(i, r)| ((r.dimension.clone(), r.group.clone(), r.metric.clone()), i)).collect();
    let changes = period_changes(project, partials, &defs);
    Metrics { rows, defs, changes, segments: segment_list(project, partials), index }
}

impl Metrics {
    /// The change of a metric into a period (`period`, `2025-03`) or touchpoint period
    /// (`touchpoint_period`, `tp|2025-03`).
    pub fn change(&self, dimension: &str, group: &str, metric: &str) -> Option<&ChangeRow> {
        self.changes.iter().find(|c| c.dimension == dimension && c.group == group && c.metric == metric)
    }
}

/// Changes between consecutive periods, overall and per touchpoint.
fn period_changes(project: &Project, partials: &Partials, defs: &[MetricDef]) -> Vec<ChangeRow> {
    let mut out = Vec::new();
    // (dimension, series key, period, histogram group)
    let mut series: std::collections::BTreeMap<(Dim, String), Vec<(String, &crate::ingest::partial::GroupPartial)>> =
        std::collections::BTreeMap::new();
    for (k, g) in &partials.groups {
        match k.dim {
            Dim::Period => series.entry((Dim::Period, String::new())).or_default().push((k.group.clone(), g)),
            Dim::TouchpointPeriod => {
                if let Some((tp, period)) = k.group.split_once('|') {
                    series.entry((Dim::TouchpointPeriod, tp.to_string())).or_default().push((period.to_string(), g));
                }
            }
            _ => {}
        }
    }
    for ((dim, prefix), periods) in &series {
        for def in defs {
            let score = &project.scores[def.score];
            let with_data: Vec<&(String, &crate::ingest::partial::GroupPartial)> =
                periods.iter().filter(|(_, g)| g.scores.get(def.score).is_some_and(|h| h.n() > 0)).collect();
            for pair in with_data.windows(2) {
                let (prev_key, prev) = pair[0];
                let (cur_key, cur) = pair[1];
                let (h0, h1) = (&prev.scores[def.score], &cur.scores[def.score]);
                if h0.n() < project.min_n || h1.n() < project.min_n {
                    continue;
                }
                if let Some(c) = change::change(h1, h0, score, def.measure, project.confidence) {
                    let group = if prefix.is_empty() { cur_key.clone() } else { format!("{prefix}|{cur_key}") };
                    out.push(ChangeRow {
                        dimension: dimension_name(project, *dim),
                        group,
                        previous: prev_key.clone(),
                        metric: def.name.clone(),
                        change: c,
                    });
                }
            }
        }
    }
    out
}

fn segment_list(project: &Project, partials: &Partials) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &project.segments {
        match &s.kind {
            crate::project::SegmentKind::Rule(_) => out.push((s.id.clone(), s.name.clone())),
            crate::project::SegmentKind::FromColumn(_) => {
                let prefix = format!("{}:", s.id);
                out.extend(
                    partials
                        .segment_names
                        .range(prefix.clone()..)
                        .take_while(|(k, _)| k.starts_with(&prefix))
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
            }
        }
    }
    out
}

/// Applies min_n suppression and rounding.
fn to_row(project: &Project, dimension: String, group: &str, metric: &str, e: Estimate) -> MetricRow {
    let shown = e.n >= project.min_n;
    let value = e.value.filter(|_| shown).map(round);
    let ci = e.ci.filter(|_| shown);
    MetricRow {
        dimension,
        group: group.to_string(),
        metric: metric.to_string(),
        n: e.n,
        value,
        ci_low: ci.map(|i| round(i.low)),
        ci_high: ci.map(|i| round(i.high)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// z for 95 % as DESIGN.md gives it.
    pub const Z95: f64 = 1.959964;

    /// Asserts `a` is within `tol` of `b`.
    pub fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol, "{a} is not within {tol} of {b}");
    }

    #[test]
    fn z_for_95_percent_is_1_959964() {
        close(super::z_critical(0.95), Z95, 1e-6);
        close(super::z_critical(0.90), 1.644854, 1e-6);
    }

    #[test]
    fn rounding_removes_float_noise_and_negative_zero() {
        assert_eq!(super::round(99.999_999_999), 100.0);
        assert_eq!(super::round(-0.000_01).to_string(), "0");
        assert_eq!(super::round(14.051_149), 14.0511);
    }
}
