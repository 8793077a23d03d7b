//! Partial aggregates → numbers with intervals. Pure: no files, no HTML.
//!
//! One file per formula family, each citing its source: [`nps`] (adjusted Wald),
//! [`proportion`] (Wilson), [`mean`] (Student t).

mod breakdowns;
pub mod change;
pub mod drivers;
pub mod harshness;
pub mod ids;
mod key_drivers;
pub mod keywords;
pub mod league;
pub mod mean;
pub mod mix;
pub mod nps;
mod periods;
pub mod proportion;
pub mod suppression;
pub mod themes;
pub mod written;

use compact_str::CompactString;
use rayon::prelude::*;

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::aggregate::{Dim, GroupKey, GroupPartial, Histogram, Partials};
use crate::project::{Project, ScoreDef, ScoreKind};
pub use ids::{dimension_name, row_key, trend_dimension_name, DriverStat, LeagueColumn, MetricId, MixPart, ThemeStat};

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
    pub dimension: CompactString,
    pub group: CompactString,
    /// `nps`, a rating's id (top-box %), `<rating>_mean`, or a mean score's id (`ces`).
    pub metric: CompactString,
    pub n: u64,
    /// Blank when n < min_n. The value as computed: metrics.csv and metrics.json write it
    /// rounded to [`DECIMALS`] places, and a page rounds this value to the places it shows,
    /// never the four-place one (5.395046 is "5.3950" in the CSV and "5.40" on a page; from
    /// "5.3950", stored as 5.39499…, the page wrote "5.39").
    #[serde(serialize_with = "rounded")]
    pub value: Option<f64>,
    #[serde(serialize_with = "rounded")]
    pub ci_low: Option<f64>,
    #[serde(serialize_with = "rounded")]
    pub ci_high: Option<f64>,
}

/// Serialises a metric row's number rounded to [`DECIMALS`] places (metrics.json).
fn rounded<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&round(*v)),
        None => s.serialize_none(),
    }
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
    /// What it measures; `name` is its string in metrics.csv.
    #[serde(skip)]
    pub id: MetricId,
    pub name: String,
    /// Index into `Project::scores`.
    pub score: usize,
    pub measure: Measure,
}

impl MetricDef {
    /// Whether this metric headlines its score: every metric except a rating's mean (the
    /// rating's top-box share is its headline).
    pub fn is_headline(&self) -> bool {
        self.id.is_headline()
    }
}

/// The metrics a score yields, in a fixed order. A multi-select option's share is not among
/// them (see [`choice_defs`]): it is not a score the site shows, ranks or follows over time.
pub fn metric_defs(scores: &[ScoreDef]) -> Vec<MetricDef> {
    let mut out = Vec::new();
    let def = |id: MetricId, score: usize, measure: Measure| MetricDef { name: id.name(scores), id, score, measure };
    for (i, s) in scores.iter().enumerate() {
        if s.choice.is_some() {
            continue;
        }
        match s.kind {
            ScoreKind::Nps => out.push(def(MetricId::Headline(i), i, Measure::Nps)),
            ScoreKind::Rating => {
                out.push(def(MetricId::Headline(i), i, Measure::TopBox));
                if s.has_mean() {
                    out.push(def(MetricId::RatingMean(i), i, Measure::Mean));
                }
            }
            ScoreKind::Mean => out.push(def(MetricId::Headline(i), i, Measure::Mean)),
        }
    }
    out
}

/// The share choosing each option of each multi-select question: the top-box share (Wilson
/// interval) of the option's 0/1 indicator.
pub fn choice_defs(scores: &[ScoreDef]) -> Vec<MetricDef> {
    scores
        .iter()
        .enumerate()
        .filter(|(_, s)| s.choice.is_some())
        .map(|(i, _)| MetricDef {
            name: MetricId::Choice(i).name(scores),
            id: MetricId::Choice(i),
            score: i,
            measure: Measure::TopBox,
        })
        .collect()
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
            let m = def.moments(&h.counts);
            let (lo, hi) = def.range();
            let ci = m.interval(confidence).map(|i| i.clip(lo, hi));
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
    /// `from_column` family's values in its `order:`, then largest first.
    pub segments: Vec<(String, String)>,
    /// Key drivers of the loyalty outcome.
    pub drivers: Option<Drivers>,
    /// Harshness of each segment, per score.
    pub harshness: Vec<HarshnessRow>,
    /// The segments without a harshness on a score, and why, in the order of `segments`.
    pub harshness_left_out: Vec<HarshnessLeftOut>,
    /// League tables of the configured dimensions, by dimension id.
    pub leagues: Vec<League>,
    /// Mix / within splits of each period's change.
    pub mix: Vec<MixRow>,
    /// Comment themes per group, and their shares over the periods ([`themes::add`]).
    pub themes: themes::ThemeMetrics,
    /// Positions in `changes`, sorted by (dimension, group, metric), for look-ups.
    change_index: Vec<u32>,
}

/// A change from the previous period, keyed like a metric row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// `period`, `<dimension>_period`, or a dimension (latest-period change of its groups).
    pub dimension: CompactString,
    /// The group as in metrics.csv (`2025-03`, `tp|2025-03`, `S001`).
    pub group: CompactString,
    pub period: CompactString,
    pub previous: CompactString,
    pub metric: CompactString,
    #[serde(skip)]
    pub metric_id: MetricId,
    /// Answers in the current period.
    pub n: u64,
    pub change: change::Change,
    pub p_value: f64,
    /// Holm-adjusted p-value within (dimension, metric) for latest-period changes of groups;
    /// equal to `p_value` for trends, whose month-to-month flags are exploratory.
    pub p_adjusted: f64,
    pub significant: bool,
    /// A trend step (every period of a series, unadjusted) rather than a group's
    /// latest-period change (Holm-adjusted within its dimension and metric).
    #[serde(skip)]
    pub trend: bool,
    /// The group (without period) whose change this is.
    #[serde(skip)]
    pub key: GroupKey,
}

/// Key-driver results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drivers {
    /// The outcome metric (the loyalty score's id).
    pub outcome: String,
    #[serde(skip)]
    pub outcome_id: MetricId,
    /// `relative_weights` (respondent level) or `top_box_gap` (one touchpoint per respondent).
    pub method: &'static str,
    /// R² of the touchpoints together (relative-weights method).
    pub r2: Option<f64>,
    pub rows: Vec<DriverRow>,
}

/// What a touchpoint's importance is, by how the drivers were worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importance {
    /// Its relative weight: a share of R².
    Weights,
    /// Respondent-level data without weights (too few respondents for the touchpoints, or
    /// ratings the model cannot tell apart): its correlation with the outcome.
    Correlation,
    /// One touchpoint per respondent: its outcome gap, relative to the largest.
    TopBoxGap,
}

impl Drivers {
    /// What the rows' importance is.
    pub fn importance(&self) -> Importance {
        match (self.method == "relative_weights", self.r2.is_some()) {
            (true, true) => Importance::Weights,
            (true, false) => Importance::Correlation,
            (false, _) => Importance::TopBoxGap,
        }
    }
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
    /// Importance on a common 0–1 footing for ranking (weight share, or gap rank share); 0
    /// where the touchpoint's rating moves against the outcome.
    pub importance: f64,
    /// The touchpoint's rating goes with a worse outcome (respondent level: its correlation,
    /// in the favourable directions of rating and outcome, is below 0). Its relative weight,
    /// which carries no sign, is then not counted as importance: it is no driver.
    pub against: bool,
}

/// A segment's harshness on one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HarshnessRow {
    pub segment: String,
    /// Score id; the index is in the score's own points.
    pub score: String,
    /// Index into `Project::scores`.
    #[serde(skip)]
    pub score_index: usize,
    pub value: f64,
    pub ci: Interval,
    pub n: u64,
    /// The naive gap (segment mean − all-customer mean), for contrast.
    pub naive_gap: Option<f64>,
}

/// A segment without a harshness on one score (a multi-select option's excepted: it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarshnessLeftOut {
    pub segment: String,
    /// Index into `Project::scores`.
    pub score_index: usize,
    pub why: LeftOut,
}

/// Why a segment has no harshness on a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// Not one answer on the score.
    NoAnswers,
    /// Fewer than `min_n` answers: its own figure is not shown.
    FewAnswers,
    /// Enough answers, but its figure is withheld (complementary suppression).
    Withheld,
    /// No touchpoint shows its figure (and all customers') from two answers or more.
    NoTouchpoint,
    /// Fewer than `min_n` answers at the touchpoints that show its figure (none while each of
    /// them shows `min_n` answers or more, as now; named so that no segment goes unexplained).
    FewCounted,
}

/// A league table of one configured dimension on the headline metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct League {
    pub dimension: String,
    pub metric: String,
    #[serde(skip)]
    pub metric_id: MetricId,
    pub thresholds: Vec<f64>,
    /// Ranked rows first (best first), then unrated groups by name.
    pub rows: Vec<LeagueRow>,
    /// Indices of `rows` in the order of their groups' names, to find a group's row without
    /// walking the league ([`League::row`]): every group page looks up its own.
    #[serde(skip)]
    pub by_group: Vec<u32>,
}

impl League {
    /// A league of `rows` (ranked first, best first; then unrated), indexed by group.
    pub fn new(
        dimension: String,
        metric: String,
        metric_id: MetricId,
        thresholds: Vec<f64>,
        rows: Vec<LeagueRow>,
    ) -> Self {
        let mut by_group: Vec<u32> = (0..rows.len() as u32).collect();
        by_group.sort_by(|a, b| rows[*a as usize].group.cmp(&rows[*b as usize].group));
        League { dimension, metric, metric_id, thresholds, rows, by_group }
    }

    /// The row of `group`, if it is in the league.
    pub fn row(&self, group: &str) -> Option<&LeagueRow> {
        let at = self.by_group.partition_point(|&i| self.rows[i as usize].group.as_str() < group);
        self.by_group.get(at).map(|&i| &self.rows[i as usize]).filter(|r| r.group == group)
    }

    /// How many groups are ranked (they come first).
    pub fn ranked(&self) -> usize {
        self.rows.partition_point(|r| r.rank.is_some())
    }
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
    #[serde(skip)]
    pub metric_id: MetricId,
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

    /// The rows of `dimension` whose group starts with `prefix` (`S001|`: a store's periods),
    /// every metric: one run of the sorted rows, since texts that share a prefix sort together.
    pub fn rows_under(&self, dimension: &str, prefix: &str) -> &[MetricRow] {
        let start = self.rows.partition_point(|r| (r.dimension.as_str(), r.group.as_str()) < (dimension, prefix));
        let len = self.rows[start..].partition_point(|r| r.dimension == dimension && r.group.starts_with(prefix));
        &self.rows[start..start + len]
    }

    /// The changes of `dimension` whose group starts with `prefix`, as [`Metrics::rows_under`]
    /// (by `change_index`, sorted as `change_key`).
    pub fn changes_under<'m>(&'m self, dimension: &str, prefix: &str) -> impl Iterator<Item = &'m ChangeRow> + 'm {
        let key = |i: u32| {
            let (d, g, _) = change_key(&self.changes[i as usize]);
            (d, g)
        };
        let start = self.change_index.partition_point(|&i| key(i) < (dimension, prefix));
        let len = self.change_index[start..].partition_point(|&i| {
            let (d, g) = key(i);
            d == dimension && g.starts_with(prefix)
        });
        self.change_index[start..start + len].iter().map(|&i| &self.changes[i as usize])
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

/// Computes every metric of every group from the merged partials.
pub fn compute(project: &Project, partials: &Partials) -> Metrics {
    let defs = metric_defs(&project.scores);
    let z = z_critical(project.confidence);
    let mut rows = group_rows(project, partials, &defs);
    let periods = overall_periods(partials);
    // Complementary suppression before anything is derived from the group figures: a hidden
    // figure must not come back through a change, a league or a sum.
    sort_rows(&mut rows);
    let withheld = if project.complementary_suppression {
        suppression::complement(project, &mut rows, &partials.within)
    } else {
        Vec::new()
    };
    let segments = segment_list(project, partials);
    // Harshness reads only published figures (rows are sorted here): a gap of a hidden
    // touchpoint × segment or touchpoint figure, or the naive gap of a hidden segment, would
    // let the hidden value be worked back from the index.
    let published = |key: &GroupKey, score: usize| {
        let (dimension, group) = row_key(project, key);
        is_published(&rows, &defs, &dimension, &group, score)
    };
    let (harshness, harshness_left_out) = breakdowns::harshness_rows(project, partials, &segments, z, &published);
    let changes = visible_changes(project, partials, &defs, &periods, &withheld);
    push_change_rows(project, &defs, &changes, z, &mut rows);
    let drivers = key_drivers::drivers(project, partials, &defs, z);
    if let Some(d) = &drivers {
        key_drivers::push_driver_rows(project, d, &mut rows);
    }
    push_harshness_rows(project, &harshness, &mut rows);
    let leagues = breakdowns::leagues(project, partials, &defs, &|d, g, m| is_withheld(&withheld, d, g, m));
    push_league_rows(project, &leagues, &mut rows);
    let mix = breakdowns::mix_rows(project, partials, &defs, &periods, &|d, g, m| is_withheld(&withheld, d, g, m));
    push_mix_rows(project, &mix, &mut rows);
    sort_rows(&mut rows);
    let change_index = change_index(&changes);
    Metrics {
        rows,
        defs,
        periods,
        changes,
        segments,
        drivers,
        harshness,
        harshness_left_out,
        leagues,
        mix,
        themes: Default::default(),
        change_index,
    }
}

/// Every group's rows: the scores' metrics and the multi-select shares, estimated from each
/// group's histograms. Groups are independent: estimated on every core.
fn group_rows(project: &Project, partials: &Partials, defs: &[MetricDef]) -> Vec<MetricRow> {
    let row_defs: Vec<MetricDef> = defs.iter().cloned().chain(choice_defs(&project.scores)).collect();
    let groups: Vec<_> = partials.groups.iter().collect();
    let per_group = groups.par_iter().map(|(key, g)| {
        let (dimension, group) = row_key(project, key);
        let mut rows: Vec<MetricRow> = row_defs
            .iter()
            .filter_map(|def| {
                let h = g.scores.get(def.score).filter(|h| h.n() > 0)?;
                let e = estimate(h, &project.scores[def.score], def.measure, project.confidence);
                Some(to_row(project, dimension.clone(), &group, &def.name, e))
            })
            .collect();
        rows.shrink_to_fit();
        rows
    });
    concat(per_group.collect())
}

/// The parts' items in one vector of exactly their number. Each part should be of its exact
/// size too: a flattening parallel collect would hold every item twice over (rayon's growing
/// pieces, then the whole), which was the largest part of a build's peak memory with
/// hundreds of stores.
fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        out.extend(part);
    }
    out
}

/// The periods of the overall groups, in the partials' order.
fn overall_periods(partials: &Partials) -> Vec<String> {
    let mut p: Vec<String> =
        partials.groups.keys().filter(|k| k.dim == Dim::Overall).filter_map(|k| k.period.clone()).collect();
    p.dedup();
    p
}

/// Sorts rows by dimension, group and metric (stably).
fn sort_rows(rows: &mut [MetricRow]) {
    rows.par_sort_by(|a, b| (&a.dimension, &a.group, &a.metric).cmp(&(&b.dimension, &b.group, &b.metric)));
}

/// Whether every metric of score `score` of a group is published in sorted `rows` (none blank
/// for being below `min_n` or withheld); false when the group has no row of the score.
fn is_published(rows: &[MetricRow], defs: &[MetricDef], dimension: &str, group: &str, score: usize) -> bool {
    let mut found = false;
    for def in defs.iter().filter(|d| d.score == score) {
        let key = (dimension, group, def.name.as_str());
        let at = rows.partition_point(|r| (r.dimension.as_str(), r.group.as_str(), r.metric.as_str()) < key);
        match rows.get(at).filter(|r| (r.dimension.as_str(), r.group.as_str(), r.metric.as_str()) == key) {
            Some(r) if r.value.is_none() => return false,
            Some(_) => found = true,
            None => {}
        }
    }
    found
}

/// Whether complementary suppression withheld a figure (`withheld` is sorted).
fn is_withheld(withheld: &[(String, String, String)], dimension: &str, group: &str, metric: &str) -> bool {
    withheld.binary_search_by(|w| (w.0.as_str(), w.1.as_str(), w.2.as_str()).cmp(&(dimension, group, metric))).is_ok()
}

/// The period-on-period changes, less those that would reveal a withheld figure: a change is
/// dropped when either of its periods (or, for a non-trend change, its whole group) is withheld.
fn visible_changes(
    project: &Project,
    partials: &Partials,
    defs: &[MetricDef],
    periods: &[String],
    withheld: &[(String, String, String)],
) -> Vec<ChangeRow> {
    let mut changes = periods::changes(project, partials, defs, periods);
    changes.retain(|c| {
        let at = |p: &str| row_key(project, &c.key.in_period(p));
        let (now, before) = (at(&c.period), at(&c.previous));
        let mut inputs = vec![now, before];
        if !c.trend {
            inputs.push(row_key(project, &c.key));
        }
        !inputs.into_iter().any(|(d, g)| is_withheld(withheld, &d, &g, &c.metric))
    });
    changes
}

/// A row per change: its difference and interval, bounded by the width of its measure's range.
fn push_change_rows(project: &Project, defs: &[MetricDef], changes: &[ChangeRow], z: f64, rows: &mut Vec<MetricRow>) {
    for c in changes {
        // A difference cannot pass the width of its measure's range (±200 NPS points, ±100 %-points).
        let span = defs.iter().find(|d| d.name == c.metric).map(|d| {
            let (lo, hi) = measure_range(d.measure, &project.scores[d.score]);
            hi - lo
        });
        let bound = |v: f64| span.map_or(v, |s| v.clamp(-s, s));
        rows.push(MetricRow {
            dimension: c.dimension.clone(),
            group: c.group.clone(),
            metric: MetricId::Change(Box::new(c.metric_id.clone())).name(&project.scores).into(),
            n: c.n,
            value: Some(c.change.diff),
            ci_low: Some(bound(c.change.interval(z).0)),
            ci_high: Some(bound(c.change.interval(z).1)),
        });
    }
}

/// A row per segment's harshness at a score, with its interval.
fn push_harshness_rows(project: &Project, harshness: &[HarshnessRow], rows: &mut Vec<MetricRow>) {
    for h in harshness {
        rows.push(MetricRow {
            dimension: dimension_name(project, Dim::Segment).into(),
            group: h.segment.as_str().into(),
            metric: MetricId::Harshness(h.score_index).name(&project.scores).into(),
            n: h.n,
            value: Some(h.value),
            ci_low: Some(h.ci.low),
            ci_high: Some(h.ci.high),
        });
    }
}

/// Three rows per group of a league: its shrunk value, rank and stars.
fn push_league_rows(project: &Project, leagues: &[League], rows: &mut Vec<MetricRow>) {
    for l in leagues {
        for r in &l.rows {
            let mut push = |column: LeagueColumn, v: Option<f64>| {
                rows.push(MetricRow {
                    dimension: l.dimension.as_str().into(),
                    group: r.group.as_str().into(),
                    metric: MetricId::League(Box::new(l.metric_id.clone()), column).name(&project.scores).into(),
                    n: r.n,
                    value: v,
                    ci_low: None,
                    ci_high: None,
                })
            };
            push(LeagueColumn::Shrunk, r.shrunk);
            push(LeagueColumn::Rank, r.rank.map(f64::from));
            push(LeagueColumn::Stars, r.stars.map(f64::from));
        }
    }
}

/// Two rows per mix decomposition of a change: the part due to the mix and the part within.
fn push_mix_rows(project: &Project, mix: &[MixRow], rows: &mut Vec<MetricRow>) {
    for m in mix {
        for (part, v) in [(MixPart::Mix, m.mix), (MixPart::Within, m.within)] {
            rows.push(MetricRow {
                dimension: trend_dimension_name(project, Dim::Overall).into(),
                group: m.period.as_str().into(),
                metric: MetricId::Mix(Box::new(m.metric_id.clone()), part, m.partition.clone())
                    .name(&project.scores)
                    .into(),
                n: m.n,
                value: Some(v),
                ci_low: None,
                ci_high: None,
            });
        }
    }
}

/// The order of the changes by key, for look-ups. A stable sort: of two changes with one key,
/// the look-up finds the first, as a scan would.
fn change_index(changes: &[ChangeRow]) -> Vec<u32> {
    let mut index: Vec<u32> = (0..changes.len() as u32).collect();
    index.par_sort_by(|a, b| change_key(&changes[*a as usize]).cmp(&change_key(&changes[*b as usize])));
    index
}

/// The histogram of a score in a group, if it has answers.
pub(crate) fn hist<'p>(partials: &'p Partials, key: &GroupKey, score: usize) -> Option<&'p Histogram> {
    partials.groups.get(key).and_then(|g| g.scores.get(score)).filter(|h| h.n() > 0)
}

/// The range a measure's values can take: NPS −100…100, shares 0…100, means their scale.
pub fn measure_range(measure: Measure, def: &ScoreDef) -> (f64, f64) {
    match measure {
        Measure::Nps => (-100.0, 100.0),
        Measure::TopBox => (0.0, 100.0),
        Measure::Mean => def.range(),
    }
}

/// The headline metric: the loyalty score's, else the first.
pub fn headline<'d>(project: &Project, defs: &'d [MetricDef]) -> Option<&'d MetricDef> {
    project.loyalty.and_then(|l| defs.iter().find(|d| d.score == l)).or_else(|| defs.first())
}

fn segment_list(project: &Project, partials: &Partials) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &project.segments {
        match &s.kind {
            crate::project::SegmentKind::Rule(_) => out.push((s.id.clone(), s.name.clone())),
            // A family of more values than its `max_pages`: those with the most answers (the
            // others are in metrics.csv only, and named in a data-quality warning), listed in
            // the family's `order:`, then largest first.
            crate::project::SegmentKind::FromColumn(_) => {
                let prefix = format!("{}:", s.id);
                let mut family: Vec<(String, String)> = crate::aggregate::paged_family(partials, s)
                    .0
                    .into_iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                family.sort_by_cached_key(|(k, _)| family_rank(partials, &s.order, k, &k[prefix.len()..]));
                out.extend(family);
            }
        }
    }
    out
}

/// Where a `from_column` value goes in its family's list: first the values `order:` lists, in
/// that order (compared as a rule compares text: case and runs of spaces aside); then the
/// others by their number of answers, largest first (the most answers of any score); then by
/// id, so that the order never depends on anything but the data. Alphabetical order put
/// tiers as Bronze, Gold, Platinum, Silver.
fn family_rank(
    partials: &Partials,
    order: &[String],
    id: &str,
    value: &str,
) -> (usize, std::cmp::Reverse<u64>, String) {
    let listed = crate::project::listed_at(order, value).unwrap_or(usize::MAX);
    let n = partials.most_answers(crate::aggregate::Dim::Segment, id);
    (listed, std::cmp::Reverse(n), id.to_string())
}

/// Applies min_n suppression and rounding.
fn to_row(project: &Project, dimension: String, group: &str, metric: &str, e: Estimate) -> MetricRow {
    let shown = e.n >= project.min_n;
    let value = e.value.filter(|_| shown);
    let ci = e.ci.filter(|_| shown);
    MetricRow {
        dimension: dimension.into(),
        group: group.into(),
        metric: metric.into(),
        n: e.n,
        value,
        ci_low: ci.map(|i| i.low),
        ci_high: ci.map(|i| i.high),
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
