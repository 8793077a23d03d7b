//! Partial aggregates → numbers with intervals. Pure: no files, no HTML.
//!
//! One file per formula family, each citing its source: [`nps`] (adjusted Wald),
//! [`proportion`] (Wilson), [`mean`] (Student t).

pub mod change;
pub mod drivers;
pub mod harshness;
pub mod league;
pub mod mean;
pub mod mix;
pub mod nps;
pub mod proportion;

use rayon::prelude::*;
use std::collections::BTreeMap;

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::aggregate::{Dim, GroupKey, GroupPartial, Histogram, Partials};
use crate::project::{Project, ScoreDef, ScoreKind};

/// Decimal places of every value and bound in metrics.csv and metrics.json.
pub const DECIMALS: i32 = 4;

/// A confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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

impl MetricDef {
    /// Whether this metric headlines its score: every metric except a rating's mean (the
    /// rating's top-box share is its headline).
    pub fn is_headline(&self) -> bool {
        !(self.measure == Measure::Mean && self.name.ends_with("_mean"))
    }
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
            // A mean cannot leave its scale, so neither may its interval.
            let m = mean::Moments::from_histogram(&h.counts, def.min);
            let ci = m.interval(confidence).map(|i| i.clip(def.min as f64, def.max as f64));
            Estimate { n: m.n, value: m.mean(), ci }
        }
    }
}

/// Every metric of the build, sorted (look-ups are binary searches).
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// Sorted by (dimension, group, metric), byte order: the rows of metrics.csv.
    pub rows: Vec<MetricRow>,
    pub defs: Vec<MetricDef>,
    /// Periods with answers, in order.
    pub periods: Vec<String>,
    /// Changes from the previous period: every period of every trend (`period`,
    /// `<dimension>_period`), and the latest period of every other group.
    pub changes: Vec<ChangeRow>,
    /// Every segment group (id, display name): rule segments in project order, then each
    /// `from_column` family's values in sorted order.
    pub segments: Vec<(String, String)>,
    /// Key drivers of the loyalty outcome.
    pub drivers: Option<Drivers>,
    /// Harshness of each segment, per score.
    pub harshness: Vec<HarshnessRow>,
    /// League tables of the configured dimensions, by dimension id.
    pub leagues: Vec<League>,
    /// Mix / within splits of each period's change.
    pub mix: Vec<MixRow>,
    /// Positions in `changes`, sorted by (dimension, group, metric), for look-ups.
    change_index: Vec<u32>,
}

/// A change from the previous period, keyed like a metric row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// `period`, `<dimension>_period`, or a dimension (latest-period change of its groups).
    pub dimension: String,
    /// The group as in metrics.csv (`2025-03`, `tp|2025-03`, `S001`).
    pub group: String,
    pub period: String,
    pub previous: String,
    pub metric: String,
    /// Answers in the current period.
    pub n: u64,
    pub change: change::Change,
    pub p_value: f64,
    /// Holm-adjusted p-value within (dimension, metric) for latest-period changes of groups;
    /// equal to `p_value` for trends, whose month-to-month flags are exploratory.
    pub p_adjusted: f64,
    pub significant: bool,
}

/// Key-driver results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drivers {
    /// The outcome metric (the loyalty score's id).
    pub outcome: String,
    /// `relative_weights` (respondent level) or `top_box_gap` (one touchpoint per respondent).
    pub method: &'static str,
    /// R² of the touchpoints together (relative-weights method).
    pub r2: Option<f64>,
    pub rows: Vec<DriverRow>,
}

/// One touchpoint's importance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverRow {
    /// Index into `Project::touchpoints`.
    pub touchpoint: usize,
    /// Respondents behind the number.
    pub n: u64,
    /// Correlation with the outcome, or the outcome gap (top box minus the rest).
    pub value: f64,
    pub ci: Option<Interval>,
    /// Johnson's relative weight (share of variance explained), when computed.
    pub weight: Option<f64>,
    /// Importance on a common 0–1 footing for ranking (weight share, or gap rank share).
    pub importance: f64,
}

/// A segment's harshness on one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HarshnessRow {
    pub segment: String,
    /// Score id; the index is in the score's own points.
    pub score: String,
    pub value: f64,
    pub ci: Interval,
    pub n: u64,
    /// The naive gap (segment mean − all-customer mean), for contrast.
    pub naive_gap: Option<f64>,
}

/// A league table of one configured dimension on the headline metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct League {
    pub dimension: String,
    pub metric: String,
    pub thresholds: Vec<f64>,
    /// Ranked rows first (best first), then unrated groups by name.
    pub rows: Vec<LeagueRow>,
}

/// A group's place in its league.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeagueRow {
    pub group: String,
    pub n: u64,
    pub shrunk: Option<f64>,
    pub rank: Option<u32>,
    pub stars: Option<u8>,
}

/// How much of a period's change came from mix and how much from within the groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixRow {
    pub period: String,
    pub previous: String,
    pub metric: String,
    /// `touchpoint`, `source` or a `from_column` segment family id.
    pub partition: String,
    /// Answers in the current period.
    pub n: u64,
    pub total: f64,
    pub mix: f64,
    pub within: f64,
}

impl Metrics {
    /// The row for a dimension, group and metric, if the group had answers.
    pub fn get(&self, dimension: &str, group: &str, metric: &str) -> Option<&MetricRow> {
        self.rows
            .binary_search_by(|r| {
                (r.dimension.as_str(), r.group.as_str(), r.metric.as_str()).cmp(&(dimension, group, metric))
            })
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The change of a metric for a row key (`period`/`2025-03`, `touchpoint_period`/`tp|2025-03`,
    /// `store`/`S001` for the latest period).
    pub fn change(&self, dimension: &str, group: &str, metric: &str) -> Option<&ChangeRow> {
        let key = (dimension, group, metric);
        let at = self.change_index.partition_point(|&i| change_key(&self.changes[i as usize]) < key);
        self.change_index.get(at).map(|&i| &self.changes[i as usize]).filter(|c| change_key(c) == key)
    }

    /// The league of a dimension.
    pub fn league(&self, dimension: &str) -> Option<&League> {
        self.leagues.iter().find(|l| l.dimension == dimension)
    }
}

/// What a change is looked up by.
fn change_key(c: &ChangeRow) -> (&str, &str, &str) {
    (&c.dimension, &c.group, &c.metric)
}

/// The `dimension` column for a group kind (without period).
pub fn dimension_name(project: &Project, dim: Dim) -> String {
    match dim {
        Dim::Overall => "overall".into(),
        Dim::Stage => "stage".into(),
        Dim::Touchpoint => "touchpoint".into(),
        Dim::Segment => "segment".into(),
        Dim::Source => "source".into(),
        Dim::Custom(i) => project.dimensions[i].id.clone(),
        Dim::TouchpointSegment => "touchpoint_segment".into(),
    }
}

/// The (dimension, group) of metrics.csv for a group key: a group within a period is
/// `period`/`2025-03` for all customers and `<dimension>_period`/`<group>|2025-03` otherwise.
pub fn row_key(project: &Project, key: &GroupKey) -> (String, String) {
    match (&key.period, key.dim) {
        (None, d) => (dimension_name(project, d), key.group.clone()),
        (Some(p), Dim::Overall) => ("period".into(), p.clone()),
        (Some(p), d) => (format!("{}_period", dimension_name(project, d)), format!("{}|{p}", key.group)),
    }
}

/// Computes every metric of every group from the merged partials.
pub fn compute(project: &Project, partials: &Partials) -> Metrics {
    let defs = metric_defs(&project.scores);
    let z = z_critical(project.confidence);
    // Groups are independent: estimated on every core.
    let groups: Vec<_> = partials.groups.iter().collect();
    let mut rows: Vec<MetricRow> = groups
        .par_iter()
        .flat_map_iter(|(key, g)| {
            let (dimension, group) = row_key(project, key);
            defs.iter()
                .filter_map(|def| {
                    let h = g.scores.get(def.score).filter(|h| h.n() > 0)?;
                    let e = estimate(h, &project.scores[def.score], def.measure, project.confidence);
                    Some(to_row(project, dimension.clone(), &group, &def.name, e))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let periods: Vec<String> = {
        let mut p: Vec<String> =
            partials.groups.keys().filter(|k| k.dim == Dim::Overall).filter_map(|k| k.period.clone()).collect();
        p.dedup();
        p
    };
    let changes = changes(project, partials, &defs, &periods);
    for c in &changes {
        // A difference cannot pass the width of its measure's range (±200 NPS points, ±100 %-points).
        let span = defs.iter().find(|d| d.name == c.metric).map(|d| {
            let (lo, hi) = measure_range(d.measure, &project.scores[d.score]);
            hi - lo
        });
        let bound = |v: f64| span.map_or(v, |s| v.clamp(-s, s));
        rows.push(MetricRow {
            dimension: c.dimension.clone(),
            group: c.group.clone(),
            metric: format!("{}_change", c.metric),
            n: c.n,
            value: Some(round(c.change.diff)),
            ci_low: Some(round(bound(c.change.diff - z * c.change.se))),
            ci_high: Some(round(bound(c.change.diff + z * c.change.se))),
        });
    }
    let segments = segment_list(project, partials);
    let drivers = drivers(project, partials, &defs, z);
    if let Some(d) = &drivers {
        push_driver_rows(project, d, &mut rows);
    }
    let harshness = harshness_rows(project, partials, &segments, z);
    for h in &harshness {
        rows.push(MetricRow {
            dimension: "segment".into(),
            group: h.segment.clone(),
            metric: format!("{}_harshness", h.score),
            n: h.n,
            value: Some(round(h.value)),
            ci_low: Some(round(h.ci.low)),
            ci_high: Some(round(h.ci.high)),
        });
    }
    let leagues = leagues(project, partials, &defs);
    for l in &leagues {
        for r in &l.rows {
            let mut push = |suffix: &str, v: Option<f64>| {
                rows.push(MetricRow {
                    dimension: l.dimension.clone(),
                    group: r.group.clone(),
                    metric: format!("{}_{suffix}", l.metric),
                    n: r.n,
                    value: v.map(round),
                    ci_low: None,
                    ci_high: None,
                })
            };
            push("shrunk", r.shrunk);
            push("rank", r.rank.map(f64::from));
            push("stars", r.stars.map(f64::from));
        }
    }
    let mix = mix_rows(project, partials, &defs, &periods);
    for m in &mix {
        for (part, v) in [("mix", m.mix), ("within", m.within)] {
            rows.push(MetricRow {
                dimension: "period".into(),
                group: m.period.clone(),
                metric: format!("{}_{part}_{}", m.metric, m.partition),
                n: m.n,
                value: Some(round(v)),
                ci_low: None,
                ci_high: None,
            });
        }
    }
    rows.par_sort_by(|a, b| (&a.dimension, &a.group, &a.metric).cmp(&(&b.dimension, &b.group, &b.metric)));
    // A stable sort: of two changes with one key, the look-up finds the first, as a scan would.
    let mut change_index: Vec<u32> = (0..changes.len() as u32).collect();
    change_index.par_sort_by(|a, b| change_key(&changes[*a as usize]).cmp(&change_key(&changes[*b as usize])));
    Metrics { rows, defs, periods, changes, segments, drivers, harshness, leagues, mix, change_index }
}

/// The histogram of a score in a group, if it has answers.
fn hist<'p>(partials: &'p Partials, key: &GroupKey, score: usize) -> Option<&'p Histogram> {
    partials.groups.get(key).and_then(|g| g.scores.get(score)).filter(|h| h.n() > 0)
}

/// Period-on-period changes. Trends: each period against the previous period with answers,
/// unadjusted (exploratory). Groups: the latest period against the one before, Holm-adjusted
/// within each (dimension, metric).
fn changes(project: &Project, partials: &Partials, defs: &[MetricDef], periods: &[String]) -> Vec<ChangeRow> {
    let alpha = 1.0 - project.confidence;
    // Every series: (dim, group) → its periods in order, with their partials. The partials
    // are ordered by (dim, group, period), so one pass collects them without any look-up.
    let mut series: BTreeMap<(Dim, &str), Vec<(&str, &GroupPartial)>> = BTreeMap::new();
    for (k, g) in &partials.groups {
        if let Some(p) = &k.period {
            series.entry((k.dim, k.group.as_str())).or_default().push((p.as_str(), g));
        }
    }
    let (latest, previous) = match periods {
        [.., a, b] => (Some(b.as_str()), Some(a.as_str())),
        _ => (None, None),
    };
    let test = |h0: &Histogram, h1: &Histogram, def: &MetricDef| -> Option<(change::Change, u64)> {
        if h0.n() < project.min_n || h1.n() < project.min_n {
            return None;
        }
        change::change(h1, h0, &project.scores[def.score], def.measure, project.confidence).map(|c| (c, h1.n()))
    };
    // Series are independent: tested on every core, kept in series order.
    let series: Vec<_> = series.into_iter().collect();
    let per_series = |((dim, group), ps): &((Dim, &str), Vec<(&str, &GroupPartial)>)| {
        let mut out = Vec::new();
        for def in defs {
            let with_data: Vec<(&str, &Histogram)> =
                ps.iter().filter_map(|(p, g)| g.scores.get(def.score).filter(|h| h.n() > 0).map(|h| (*p, h))).collect();
            for pair in with_data.windows(2) {
                let ((p0, h0), (p1, h1)) = (pair[0], pair[1]);
                if let Some((c, n)) = test(h0, h1, def) {
                    let key = GroupKey { dim: *dim, group: group.to_string(), period: Some(p1.to_string()) };
                    let (dimension, g) = row_key(project, &key);
                    let p = change::p_value(c.z);
                    out.push(ChangeRow {
                        dimension,
                        group: g,
                        period: p1.into(),
                        previous: p0.into(),
                        metric: def.name.clone(),
                        n,
                        change: c,
                        p_value: p,
                        p_adjusted: p,
                        significant: c.significant,
                    });
                }
            }
            // The latest change of the group itself (not for all customers: that is the trend).
            if *dim == Dim::Overall {
                continue;
            }
            let at = |period: Option<&str>| with_data.iter().find(|(p, _)| Some(*p) == period).map(|x| x.1);
            if let (Some(h1), Some(h0)) = (at(latest), at(previous)) {
                if let Some((c, n)) = test(h0, h1, def) {
                    let (dimension, g) = row_key(project, &GroupKey::all(*dim, *group));
                    let p = change::p_value(c.z);
                    out.push(ChangeRow {
                        dimension,
                        group: g,
                        period: latest.unwrap_or_default().into(),
                        previous: previous.unwrap_or_default().into(),
                        metric: def.name.clone(),
                        n,
                        change: c,
                        p_value: p,
                        p_adjusted: p,
                        significant: false,
                    });
                }
            }
        }
        out
    };
    let mut out: Vec<ChangeRow> = series.par_iter().flat_map_iter(per_series).collect();
    // Holm within each family of latest-period group changes.
    let mut families: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, c) in out.iter().enumerate() {
        if !c.dimension.ends_with("_period") && c.dimension != "period" {
            families.entry((c.dimension.clone(), c.metric.clone())).or_default().push(i);
        }
    }
    for members in families.values() {
        let ps: Vec<f64> = members.iter().map(|i| out[*i].p_value).collect();
        for (i, adj) in members.iter().zip(change::holm(&ps)) {
            out[*i].p_adjusted = adj;
            out[*i].significant = adj < alpha;
        }
    }
    out
}

/// Key drivers of the loyalty outcome from the driver partials.
fn drivers(project: &Project, partials: &Partials, defs: &[MetricDef], z: f64) -> Option<Drivers> {
    let loyalty = project.loyalty?;
    let outcome = defs.iter().find(|d| d.score == loyalty)?;
    let d = &partials.drivers;
    let min_n = project.min_n;
    // Respondent level (wide data): correlations and relative weights.
    let tps: Vec<usize> = (0..project.touchpoints.len())
        .filter(|t| d.pairs.get(&(0, 1 + t)).is_some_and(|c| c.n >= min_n && c.correlation().is_some()))
        .collect();
    if !tps.is_empty() {
        let r = |a: usize, b: usize| -> Option<f64> {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            if a == b {
                return Some(1.0);
            }
            d.pairs.get(&(a, b)).filter(|c| c.n >= min_n).and_then(|c| c.correlation())
        };
        let k = tps.len();
        // Relative weights need every pair of touchpoints rated together by min_n respondents;
        // otherwise only the correlations are reported.
        let complete = (0..k).all(|i| (0..k).all(|j| r(1 + tps[i], 1 + tps[j]).is_some()));
        let weights = complete
            .then(|| {
                let rxx = nalgebra::DMatrix::from_fn(k, k, |i, j| r(1 + tps[i], 1 + tps[j]).unwrap_or(0.0));
                let rxy = nalgebra::DVector::from_fn(k, |i, _| r(0, 1 + tps[i]).unwrap_or(0.0));
                drivers::relative_weights(&rxx, &rxy)
            })
            .flatten();
        let r2 = weights.as_ref().map(|w| w.1);
        let rows = tps
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let c = d.pairs[&(0, 1 + t)];
                let value = c.correlation().unwrap_or(0.0);
                let weight = weights.as_ref().map(|w| w.0[i]);
                let importance = match (weight, r2) {
                    (Some(w), Some(r2)) if r2 > 0.0 => w / r2,
                    _ => value.max(0.0),
                };
                DriverRow {
                    touchpoint: *t,
                    n: c.n,
                    value,
                    ci: drivers::correlation_interval(value, c.n, z),
                    weight,
                    importance,
                }
            })
            .collect();
        return Some(Drivers { outcome: outcome.name.clone(), method: "relative_weights", r2, rows });
    }
    // One touchpoint per respondent (long data): the outcome gap, top box vs the rest.
    let def = &project.scores[loyalty];
    let mut rows: Vec<DriverRow> = d
        .gaps
        .iter()
        .filter(|(_, [top, rest])| top.n() >= min_n && rest.n() >= min_n)
        .filter_map(|(t, [top, rest])| {
            let c = change::change(top, rest, def, outcome.measure, project.confidence)?;
            Some(DriverRow {
                touchpoint: *t,
                n: top.n() + rest.n(),
                value: c.diff,
                ci: Some(Interval::new(c.diff - z * c.se, c.diff + z * c.se).clip(-200.0, 200.0)),
                weight: None,
                importance: 0.0,
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let max_gap = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    for r in &mut rows {
        r.importance = if max_gap > 0.0 { r.value.max(0.0) / max_gap } else { 0.0 };
    }
    Some(Drivers { outcome: outcome.name.clone(), method: "top_box_gap", r2: None, rows })
}

fn push_driver_rows(project: &Project, d: &Drivers, rows: &mut Vec<MetricRow>) {
    for r in &d.rows {
        let tp = project.touchpoints[r.touchpoint].id.clone();
        let name = if d.method == "relative_weights" { "driver_r" } else { "driver_gap" };
        rows.push(MetricRow {
            dimension: "touchpoint".into(),
            group: tp.clone(),
            metric: format!("{}_{name}", d.outcome),
            n: r.n,
            value: Some(round(r.value)),
            ci_low: r.ci.map(|i| round(i.low)),
            ci_high: r.ci.map(|i| round(i.high)),
        });
        if let Some(w) = r.weight {
            rows.push(MetricRow {
                dimension: "touchpoint".into(),
                group: tp,
                metric: format!("{}_driver_weight", d.outcome),
                n: r.n,
                value: Some(round(100.0 * w)),
                ci_low: None,
                ci_high: None,
            });
        }
    }
    if let Some(r2) = d.r2 {
        rows.push(MetricRow {
            dimension: "overall".into(),
            group: "all".into(),
            metric: format!("{}_driver_r2", d.outcome),
            n: d.rows.iter().map(|r| r.n).min().unwrap_or(0),
            value: Some(round(100.0 * r2)),
            ci_low: None,
            ci_high: None,
        });
    }
}

/// Harshness of every segment on every score, from touchpoint × segment histograms.
fn harshness_rows(project: &Project, partials: &Partials, segments: &[(String, String)], z: f64) -> Vec<HarshnessRow> {
    let mut out = Vec::new();
    for (si, score) in project.scores.iter().enumerate() {
        for (seg, _) in segments {
            let gaps: Vec<harshness::TouchpointGap> = project
                .touchpoints
                .iter()
                .filter_map(|t| {
                    let h = hist(partials, &GroupKey::all(Dim::TouchpointSegment, format!("{}|{seg}", t.id)), si)?;
                    let all = hist(partials, &GroupKey::all(Dim::Touchpoint, t.id.as_str()), si)?;
                    Some(harshness::TouchpointGap {
                        segment: mean::Moments::from_histogram(&h.counts, score.min),
                        all_mean: mean::Moments::from_histogram(&all.counts, score.min).mean()?,
                    })
                })
                .collect();
            let Some((value, ci, n)) = harshness::harshness(&gaps, z) else { continue };
            if n < project.min_n {
                continue;
            }
            let naive = || -> Option<f64> {
                let s = hist(partials, &GroupKey::all(Dim::Segment, seg.as_str()), si)?;
                let a = hist(partials, &GroupKey::all(Dim::Overall, "all"), si)?;
                Some(
                    mean::Moments::from_histogram(&s.counts, score.min).mean()?
                        - mean::Moments::from_histogram(&a.counts, score.min).mean()?,
                )
            };
            out.push(HarshnessRow { segment: seg.clone(), score: score.id.clone(), value, ci, n, naive_gap: naive() });
        }
    }
    out
}

/// League tables of every configured dimension on the headline metric.
fn leagues(project: &Project, partials: &Partials, defs: &[MetricDef]) -> Vec<League> {
    let Some(def) = headline(project, defs) else { return Vec::new() };
    let score = &project.scores[def.score];
    let Some(overall) = hist(partials, &GroupKey::all(Dim::Overall, "all"), def.score)
        .and_then(|h| estimate(h, score, def.measure, project.confidence).value)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (di, dim) in project.dimensions.iter().enumerate() {
        let mut rows: Vec<LeagueRow> = partials
            .groups
            .iter()
            .filter(|(k, _)| k.dim == Dim::Custom(di) && k.period.is_none())
            .filter_map(|(k, g)| {
                let h = g.scores.get(def.score).filter(|h| h.n() > 0)?;
                let e = estimate(h, score, def.measure, project.confidence);
                let rated = e.n >= project.min_n;
                let shrunk = e.value.filter(|_| rated).map(|v| league::shrink(v, e.n, overall, project.min_n));
                Some(LeagueRow { group: k.group.clone(), n: e.n, shrunk, rank: None, stars: None })
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let shrunk: Vec<f64> = rows.iter().filter_map(|r| r.shrunk).collect();
        let thresholds = match &project.stars {
            Some(t) => t.clone(),
            None => league::quintile_thresholds(&shrunk),
        };
        // Best first; ties by name so ranks are stable. Unrated groups last, by name.
        rows.sort_by(|a, b| match (a.shrunk, b.shrunk) {
            (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.group.cmp(&b.group)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.group.cmp(&b.group),
        });
        for (i, r) in rows.iter_mut().enumerate() {
            if let Some(s) = r.shrunk {
                r.rank = Some(i as u32 + 1);
                r.stars = Some(league::stars(s, &thresholds));
            }
        }
        out.push(League { dimension: dim.id.clone(), metric: def.name.clone(), thresholds, rows });
    }
    out
}

/// The range a measure's values can take: NPS −100…100, shares 0…100, means their scale.
pub fn measure_range(measure: Measure, def: &ScoreDef) -> (f64, f64) {
    match measure {
        Measure::Nps => (-100.0, 100.0),
        Measure::TopBox => (0.0, 100.0),
        Measure::Mean => (def.min as f64, def.max as f64),
    }
}

/// The headline metric: the loyalty score's, else the first.
pub fn headline<'d>(project: &Project, defs: &'d [MetricDef]) -> Option<&'d MetricDef> {
    project.loyalty.and_then(|l| defs.iter().find(|d| d.score == l)).or_else(|| defs.first())
}

/// Mix / within splits of each period's change of the headline metrics, by touchpoint, by
/// source and by each `from_column` segment family. Answers outside every group of a
/// partition (no touchpoint, no value) form one more group, so each partition is complete.
fn mix_rows(project: &Project, partials: &Partials, defs: &[MetricDef], periods: &[String]) -> Vec<MixRow> {
    let mut partitions: Vec<(String, Dim, Option<String>)> =
        vec![("touchpoint".into(), Dim::Touchpoint, None), ("source".into(), Dim::Source, None)];
    for s in &project.segments {
        if let crate::project::SegmentKind::FromColumn(_) = s.kind {
            partitions.push((s.id.clone(), Dim::Segment, Some(format!("{}:", s.id))));
        }
    }
    // Each partition's groups, found once (not once per metric and period: that made this
    // step grow with groups × periods).
    let members: Vec<Vec<&str>> = partitions
        .iter()
        .map(|(_, dim, prefix)| {
            partials
                .groups
                .keys()
                .filter(|k| k.dim == *dim && k.period.is_none())
                .filter(|k| prefix.as_ref().is_none_or(|p| k.group.starts_with(p.as_str())))
                .map(|k| k.group.as_str())
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for def in defs.iter().filter(|d| d.is_headline()) {
        let score = &project.scores[def.score];
        let value = |h: &Histogram| estimate(h, score, def.measure, project.confidence).value;
        for pair in periods.windows(2) {
            let (p0, p1) = (&pair[0], &pair[1]);
            let total = |p: &str| {
                hist(partials, &GroupKey { dim: Dim::Overall, group: "all".into(), period: Some(p.into()) }, def.score)
            };
            let (Some(t0), Some(t1)) = (total(p0), total(p1)) else { continue };
            if t0.n() < project.min_n || t1.n() < project.min_n {
                continue;
            }
            for ((name, dim, _), members) in partitions.iter().zip(&members) {
                if members.len() < 2 {
                    continue;
                }
                let mut groups = Vec::new();
                let mut rest = [t0.clone(), t1.clone()];
                for g in members {
                    let at = |p: &str| {
                        hist(partials, &GroupKey { dim: *dim, group: g.to_string(), period: Some(p.into()) }, def.score)
                    };
                    let (h0, h1) = (at(p0), at(p1));
                    for (r, h) in rest.iter_mut().zip([h0, h1]) {
                        if let Some(h) = h {
                            for (a, b) in r.counts.iter_mut().zip(&h.counts) {
                                *a = a.saturating_sub(*b);
                            }
                        }
                    }
                    groups.push(mix::GroupPeriods {
                        before: h0.and_then(|h| value(h).map(|v| (h.n(), v))),
                        after: h1.and_then(|h| value(h).map(|v| (h.n(), v))),
                    });
                }
                let rest_value = |h: &Histogram| (h.n() > 0).then(|| value(h).map(|v| (h.n(), v))).flatten();
                groups.push(mix::GroupPeriods { before: rest_value(&rest[0]), after: rest_value(&rest[1]) });
                let Some((m, w)) = mix::split(&groups) else { continue };
                let (Some(v0), Some(v1)) = (value(t0), value(t1)) else { continue };
                out.push(MixRow {
                    period: p1.clone(),
                    previous: p0.clone(),
                    metric: def.name.clone(),
                    partition: name.clone(),
                    n: t1.n(),
                    total: v1 - v0,
                    mix: m,
                    within: w,
                });
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
