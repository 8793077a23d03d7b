//! What is worked out from the group figures besides them — period-on-period changes, key
//! drivers, segment harshness, league tables, the mix / within split of a change — and each
//! one's rows of metrics.csv (the key drivers' are written by `key_drivers`).

use compact_str::CompactString;
use serde::Serialize;

use super::{
    change, dimension_name, measure_range, trend_dimension_name, Interval, LeagueColumn, MetricDef, MetricId,
    MetricRow, MixPart,
};
use crate::aggregate::{Dim, GroupKey};
use crate::project::Project;

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

/// A row per change: its difference and interval, bounded by the width of its measure's range.
pub(super) fn push_change_rows(
    project: &Project,
    defs: &[MetricDef],
    changes: &[ChangeRow],
    z: f64,
    rows: &mut Vec<MetricRow>,
) {
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
pub(super) fn push_harshness_rows(project: &Project, harshness: &[HarshnessRow], rows: &mut Vec<MetricRow>) {
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
pub(super) fn push_league_rows(project: &Project, leagues: &[League], rows: &mut Vec<MetricRow>) {
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
pub(super) fn push_mix_rows(project: &Project, mix: &[MixRow], rows: &mut Vec<MetricRow>) {
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
