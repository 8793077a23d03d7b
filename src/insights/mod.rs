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
    /// The latest period when it is too thin to headline (see [`thin_period`]): it is then
    /// named beside the tile, and `period` is the last period before it.
    pub thin: Option<ThinPeriod>,
}

/// A latest period with much less coverage than the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThinPeriod {
    pub period: String,
    pub n: u64,
    /// Days from the period's start to the data's last date, when that date lies inside it.
    pub days: Option<u32>,
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
    /// Its interval lies wholly on the better side of the overall value: better than average
    /// beyond chance.
    pub standout: bool,
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

/// A touchpoint on the importance × performance map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuadrantPoint {
    /// Index into `Project::touchpoints`.
    pub touchpoint: usize,
    /// Importance on 0–1 (share of R² explained, or gap relative to the largest gap).
    pub importance: f64,
    /// The touchpoint's performance: its top-box share (CSAT) in percent.
    pub performance: f64,
    /// Importance at or above the median and performance at or below it.
    pub fix_first: bool,
}

/// A finding, ready to be put into words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The headline metric moved (or did not) into the latest period.
    Movement {
        metric: String,
        period: String,
        previous: String,
        value: f64,
        diff: f64,
        significant: bool,
        /// The partition whose mix explains most of the change: (partition, mix, within).
        mix: Option<(String, f64, f64)>,
    },
    /// The weakest touchpoint.
    WeakestTouchpoint { touchpoint: usize, metric: String, value: f64, overall: f64, pain_point: bool },
    /// The strongest touchpoint.
    /// `standout`: its interval lies wholly on the better side of overall; else the finding
    /// says it is within the margin of error.
    StrongestTouchpoint { touchpoint: usize, metric: String, value: f64, overall: f64, standout: bool },
    /// The least satisfied segment relative to all customers (the lowest-scoring, or the
    /// highest-scoring where lower is better).
    LowestSegment { gap: SegmentGap, metric: String },
    /// The most satisfied segment relative to all customers (the highest-scoring, or the
    /// lowest-scoring where lower is better).
    HighestSegment { gap: SegmentGap, metric: String },
    /// The most important driver that performs below par: fix it first.
    FixFirst { touchpoint: usize, importance: f64, performance: f64, performance_metric: String, method: &'static str },
    /// The segment that rates worst at the same touchpoints, beyond chance (lowest, or highest
    /// where lower is better).
    HarshestSegment { segment: String, name: String, score: String, value: f64, low: f64, high: f64 },
    /// The comment theme whose answers score furthest below the others, beyond chance
    /// (Holm-adjusted across the themes of all customers).
    ThemeGap { theme: usize, metric: String, with: f64, without: f64, diff: f64 },
    /// The theme whose share of comments rose most into the latest period, beyond chance.
    EmergingTheme { theme: usize, period: String, previous: String, share: f64, previous_share: f64 },
    /// How a dimension's groups spread over the stars.
    StarSpread { dimension: String, name: String, five: Vec<String>, one: Vec<String>, rated: usize, unrated: usize },
}

/// What the insights step hands to rendering.
#[derive(Debug, Clone, Default)]
pub struct Insights {
    /// The headline metric (the loyalty score, else the first).
    pub headline_metric: Option<String>,
    /// The metric touchpoints are compared on: see [`touchpoint_metric`].
    pub touchpoint_metric: Option<String>,
    /// Periods with answers, in order.
    pub periods: Vec<String>,
    /// Every period from the first with answers to the last, the empty ones between included
    /// (see [`crate::project::Period::calendar`]): the x axis of trend charts.
    pub calendar: Vec<String>,
    pub kpis: Vec<Kpi>,
    /// Touchpoints with at least min_n answers, lowest headline value first.
    pub touchpoints_by_score: Vec<RankedTouchpoint>,
    /// Segments with at least min_n answers, worst first (lowest, or highest where lower is better).
    pub segments_by_gap: Vec<SegmentGap>,
    /// Touchpoints on the importance × performance map (when drivers were computed).
    pub quadrant: Vec<QuadrantPoint>,
    /// The medians (importance, performance) that divide the map.
    pub quadrant_medians: Option<(f64, f64)>,
    /// The performance metric of the map (the first top-box rating, e.g. `csat`).
    pub performance_metric: Option<String>,
    pub findings: Vec<Finding>,
}

/// Derives the headline numbers, rankings and findings.
///
/// `last_date` is the data's last date (`YYYY-MM-DD`), which tells a period cut short.
pub fn derive(project: &Project, metrics: &Metrics, last_date: Option<&str>) -> Insights {
    let headline =
        project.loyalty.map(|i| project.scores[i].id.clone()).or_else(|| metrics.defs.first().map(|d| d.name.clone()));
    let mut periods: Vec<String> =
        metrics.rows.iter().filter(|r| r.dimension == "period").map(|r| r.group.to_string()).collect();
    periods.dedup();
    let kpis = kpis(metrics, &periods, last_date);
    let overall = |m: &str| metrics.get("overall", "all", m).and_then(|r| r.value);
    let tp_metric = touchpoint_metric(project, metrics);
    let touchpoints_by_score = match &tp_metric {
        Some(m) => rank_touchpoints(project, metrics, m, overall(m)),
        None => Vec::new(),
    };
    let segments_by_gap = match &headline {
        Some(m) => segment_gaps(metrics, m, overall(m), lower_better(project, metrics, m)),
        None => Vec::new(),
    };
    // Performance is a touchpoint's own top-box share: never the outcome it is related to
    // (a wide survey's 0/1 outcome is a top-box rating too, but not one per touchpoint).
    let answered = |m: &str| metrics.rows.iter().any(|r| r.dimension == "touchpoint" && r.metric == m && r.n > 0);
    let performance_metric = metrics
        .defs
        .iter()
        .filter(|d| d.measure == Measure::TopBox && headline.as_deref() != Some(d.name.as_str()))
        .find(|d| answered(&d.name))
        .or_else(|| metrics.defs.iter().find(|d| d.measure == Measure::TopBox))
        .map(|d| d.name.clone());
    let (quadrant, quadrant_medians) = quadrant(project, metrics, performance_metric.as_deref());
    let lower = headline.as_deref().is_some_and(|m| lower_better(project, metrics, m));
    let mut findings = findings(headline.as_deref(), &kpis, &segments_by_gap, lower);
    if let Some(m) = &tp_metric {
        findings.extend(touchpoint_findings(m, &touchpoints_by_score, overall(m)));
    }
    findings.extend(driver_and_segment_findings(
        project,
        metrics,
        &quadrant,
        quadrant_medians,
        performance_metric.as_deref(),
    ));
    findings.extend(theme_findings(project, metrics));
    for f in &mut findings {
        if let Finding::Movement { metric, period, mix, .. } = f {
            *mix = metrics
                .mix
                .iter()
                .filter(|m| &m.metric == metric && &m.period == period)
                .max_by(|a, b| a.mix.abs().total_cmp(&b.mix.abs()).then_with(|| b.partition.cmp(&a.partition)))
                .map(|m| (m.partition.clone(), m.mix, m.within));
        }
    }
    let findings = rank_findings(findings);
    Insights {
        headline_metric: headline,
        touchpoint_metric: tp_metric,
        calendar: project.period.calendar(&periods, CALENDAR_CAP),
        periods,
        kpis,
        touchpoints_by_score,
        segments_by_gap,
        quadrant,
        quadrant_medians,
        performance_metric,
        findings,
    }
}

/// The most periods a trend's axis spans with the empty ones filled in (ten years of weeks);
/// beyond, only the periods with answers are drawn.
pub const CALENDAR_CAP: usize = 530;

/// The metric touchpoints are compared on (journey map, rankings, weakest and strongest):
/// the headline metric when any touchpoint has answers to it, else the first headline metric
/// that touchpoints do have answers to. A wide survey's outcome is one answer per respondent,
/// not per touchpoint, so its touchpoints are compared on their own ratings.
pub fn touchpoint_metric(project: &Project, metrics: &Metrics) -> Option<String> {
    let headline =
        project.loyalty.map(|i| project.scores[i].id.clone()).or_else(|| metrics.defs.first().map(|d| d.name.clone()));
    let answered = |m: &str| metrics.rows.iter().any(|r| r.dimension == "touchpoint" && r.metric == m && r.n > 0);
    headline
        .clone()
        .filter(|m| answered(m))
        .or_else(|| metrics.defs.iter().filter(|d| d.is_headline()).find(|d| answered(&d.name)).map(|d| d.name.clone()))
        .or(headline)
}

/// Whether a touchpoint's ratings go with the outcome beyond chance, the favourable way. A
/// top-box gap's interval lies above 0 (below, where lower is better); a correlation (behind
/// a relative weight) is not against the outcome and its interval excludes 0. Ratings that
/// explain 0.2% of the outcome, every interval spanning 0, name no touchpoint to fix first,
/// however the weights happen to split.
fn moves(project: &Project, metrics: &Metrics, touchpoint: usize) -> bool {
    let Some(d) = &metrics.drivers else { return false };
    let down = lower_better(project, metrics, &d.outcome);
    let favourable = |c: &crate::metrics::Interval| if down { c.high < 0.0 } else { c.low > 0.0 };
    let clear = |c: &crate::metrics::Interval| c.low > 0.0 || c.high < 0.0;
    d.rows.iter().any(|r| {
        r.touchpoint == touchpoint
            && if d.method == "top_box_gap" {
                r.ci.is_some_and(|c| favourable(&c))
            } else {
                !r.against && r.ci.is_some_and(|c| clear(&c))
            }
    })
}

/// The importance × performance map. "Fix first": importance at or above the median and
/// performance at or below the median of the touchpoints on the map — and some importance
/// at all: a touchpoint whose top-box raters are no more loyal than the rest (a gap at or
/// below 0, importance 0) moves nothing, however low it scores; and a driver told from chance
/// ([`moves`]). Where lower performance is the better one, "fix first" is at or above the
/// median performance.
fn quadrant(
    project: &Project,
    metrics: &Metrics,
    performance: Option<&str>,
) -> (Vec<QuadrantPoint>, Option<(f64, f64)>) {
    let (Some(d), Some(perf)) = (&metrics.drivers, performance) else { return (Vec::new(), None) };
    let mut points: Vec<QuadrantPoint> = d
        .rows
        .iter()
        .filter_map(|r| {
            let p = metrics.get("touchpoint", &project.touchpoints[r.touchpoint].id, perf)?.value?;
            Some(QuadrantPoint { touchpoint: r.touchpoint, importance: r.importance, performance: p, fix_first: false })
        })
        .collect();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        crate::metrics::league::quantile(&v, 0.5)
    };
    let mi = median(points.iter().map(|p| p.importance).collect());
    let mp = median(points.iter().map(|p| p.performance).collect());
    let medians = mi.zip(mp);
    if let Some((mi, mp)) = medians {
        let lower = lower_better(project, metrics, perf);
        for p in &mut points {
            let worse_half = if lower { p.performance >= mp } else { p.performance <= mp };
            p.fix_first =
                p.importance > 0.0 && p.importance >= mi && worse_half && moves(project, metrics, p.touchpoint);
        }
    }
    points.sort_by(|a, b| b.importance.total_cmp(&a.importance).then(a.touchpoint.cmp(&b.touchpoint)));
    (points, medians)
}

fn driver_and_segment_findings(
    project: &Project,
    metrics: &Metrics,
    quadrant: &[QuadrantPoint],
    medians: Option<(f64, f64)>,
    performance: Option<&str>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // The finding says more than the map: that the touchpoint's raters are much more loyal
    // (for the top-box gap, an interval above 0) and that it scores below most touchpoints
    // (strictly worse than the median, not tied with it).
    let lower = performance.is_some_and(|m| lower_better(project, metrics, m));
    let below_most = |p: &QuadrantPoint| match medians {
        Some((_, mp)) if lower => p.performance > mp,
        Some((_, mp)) => p.performance < mp,
        None => false,
    };
    let fix = quadrant.iter().find(|p| p.fix_first && below_most(p)).filter(|_| quadrant.len() > 1);
    if let (Some(p), Some(d), Some(perf)) = (fix, &metrics.drivers, performance) {
        out.push(Finding::FixFirst {
            touchpoint: p.touchpoint,
            importance: p.importance,
            performance: p.performance,
            performance_metric: perf.to_string(),
            method: d.method,
        });
    }
    // Harshness on the first rating score (its points read naturally), else the loyalty score.
    let score = project
        .scores
        .iter()
        .find(|s| s.kind == crate::project::ScoreKind::Rating)
        .or_else(|| project.loyalty.map(|l| &project.scores[l]));
    if let Some(score) = score {
        // Harsher is the worse side: below all customers, or above them where lower is better.
        let fav = |v: f64| score.favourable(v);
        let harshest = metrics
            .harshness
            .iter()
            .filter(|h| h.score == score.id && fav(h.ci.high).max(fav(h.ci.low)) < 0.0)
            .min_by(|a, b| fav(a.value).total_cmp(&fav(b.value)).then_with(|| a.segment.cmp(&b.segment)));
        if let Some(h) = harshest {
            let name = metrics.segments.iter().find(|s| s.0 == h.segment).map(|s| s.1.clone()).unwrap_or_default();
            out.push(Finding::HarshestSegment {
                segment: h.segment.clone(),
                name,
                score: h.score.clone(),
                value: h.value,
                low: h.ci.low,
                high: h.ci.high,
            });
        }
    }
    if let Some(l) = metrics.leagues.first() {
        let rated = l.rows.iter().filter(|r| r.stars.is_some()).count();
        let with = |s: u8| l.rows.iter().filter(|r| r.stars == Some(s)).map(|r| r.group.clone()).collect::<Vec<_>>();
        let name = project.dimensions.iter().find(|d| d.id == l.dimension).map(|d| d.name.clone()).unwrap_or_default();
        // Stars rank groups against each other: with fewer than two rated there is no spread.
        if rated >= 2 {
            out.push(Finding::StarSpread {
                dimension: l.dimension.clone(),
                name,
                five: with(5),
                // Worst first: the summary names the first few, and the stores to look at are
                // the lowest, not those just under the two-star line.
                one: with(1).into_iter().rev().collect(),
                rated,
                unrated: l.rows.len() - rated,
            });
        }
    }
    out
}

/// What comments add: the theme that drags the headline score down most among all customers
/// (a significant negative gap; where lower is better, a positive one), and the theme that
/// rose most into the latest period.
fn theme_findings(project: &Project, metrics: &Metrics) -> Vec<Finding> {
    let mut out = Vec::new();
    let worse = |d: f64, lower: bool| if lower { d } else { -d };
    let gap = metrics
        .themes
        .group(crate::aggregate::Dim::Overall, crate::aggregate::ALL)
        .filter_map(|r| r.gap.as_ref().map(|g| (r, g)))
        .filter(|(_, g)| g.significant && worse(g.change.diff, lower_better(project, metrics, &g.metric)) > 0.0)
        .max_by(|a, b| {
            let l = lower_better(project, metrics, &a.1.metric);
            worse(a.1.change.diff, l).total_cmp(&worse(b.1.change.diff, l)).then(b.0.index.cmp(&a.0.index))
        });
    if let Some((r, g)) = gap {
        out.push(Finding::ThemeGap {
            theme: r.index,
            metric: g.metric.clone(),
            with: g.with,
            without: g.without,
            diff: g.change.diff,
        });
    }
    let rise =
        metrics.themes.emerging().max_by(|a, b| a.change.diff.total_cmp(&b.change.diff).then(b.index.cmp(&a.index)));
    if let Some(s) = rise {
        out.push(Finding::EmergingTheme {
            theme: s.index,
            period: s.period.clone(),
            previous: s.previous.clone(),
            share: s.share,
            previous_share: s.previous_share,
        });
    }
    out
}

/// The documented ranking rule: the headline's movement first (the question every reader
/// asks), then what to fix (fix-first driver, else the weakest touchpoint when it is a pain
/// point), then who is harshest, then the league's spread, then segment gaps and the strongest
/// touchpoint; a weakest or strongest touchpoint within the margin of error of overall comes
/// after every finding that is beyond it. At most five, and a weakest-touchpoint finding is
/// dropped when a fix-first finding names the same touchpoint.
fn rank_findings(mut all: Vec<Finding>) -> Vec<Finding> {
    let rank = |f: &Finding| match f {
        Finding::Movement { .. } => 0,
        Finding::FixFirst { .. } => 1,
        Finding::WeakestTouchpoint { pain_point: true, .. } => 2,
        Finding::ThemeGap { .. } => 3,
        Finding::EmergingTheme { .. } => 4,
        Finding::HarshestSegment { .. } => 5,
        Finding::StarSpread { .. } => 6,
        Finding::LowestSegment { .. } => 7,
        Finding::StrongestTouchpoint { standout: true, .. } => 8,
        Finding::HighestSegment { .. } => 9,
        Finding::WeakestTouchpoint { .. } => 10,
        Finding::StrongestTouchpoint { .. } => 11,
    };
    let fix = all.iter().find_map(|f| match f {
        Finding::FixFirst { touchpoint, .. } => Some(*touchpoint),
        _ => None,
    });
    all.retain(|f| !matches!(f, Finding::WeakestTouchpoint { touchpoint, .. } if Some(*touchpoint) == fix));
    if all.iter().any(|f| matches!(f, Finding::HarshestSegment { .. })) {
        all.retain(|f| !matches!(f, Finding::LowestSegment { .. }));
    }
    all.sort_by_key(rank);
    all.truncate(5);
    all
}

/// One KPI per metric, except the means of ratings (their top-box share is the headline).
/// Its period is the latest with answers, unless that one is thin ([`thin_period`]): then
/// the one before it, so that a week of two days is never the headline.
fn kpis(metrics: &Metrics, periods: &[String], last_date: Option<&str>) -> Vec<Kpi> {
    metrics
        .defs
        .iter()
        .filter(|d| d.is_headline())
        .map(|d| {
            let with: Vec<&MetricRow> = periods.iter().filter_map(|p| metrics.get("period", p, &d.name)).collect();
            let thin = thin_period(&with, last_date);
            let skip = usize::from(thin.is_some());
            let period = with.iter().rev().nth(skip).map(|r| r.group.to_string());
            let overall = metrics.get("overall", "all", &d.name).cloned();
            // Undated data has no periods: its headline is all answers.
            let latest = match &period {
                Some(p) => metrics.get("period", p, &d.name).cloned(),
                None if periods.is_empty() => overall.clone(),
                None => None,
            };
            let change = period.as_ref().and_then(|p| metrics.change("period", p, &d.name)).cloned();
            Kpi { metric: d.name.clone(), measure: d.measure, score: d.score, period, latest, overall, change, thin }
        })
        .collect()
}

/// Whether a lower value of a metric is the better one (`better: lower` on its score).
pub fn lower_better(project: &Project, metrics: &Metrics, metric: &str) -> bool {
    metrics.defs.iter().find(|d| d.name == metric).is_some_and(|d| project.scores[d.score].lower_better)
}

/// Touchpoints worst first: lowest first, or highest first when lower is better. A pain
/// point's interval lies wholly on the worse side of the overall value.
fn rank_touchpoints(project: &Project, metrics: &Metrics, metric: &str, overall: Option<f64>) -> Vec<RankedTouchpoint> {
    let lower = lower_better(project, metrics, metric);
    let mut ranked: Vec<RankedTouchpoint> = project
        .touchpoints
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let row = metrics.get("touchpoint", &t.id, metric)?;
            let value = row.value?;
            let pain_point = match (lower, row.ci_low, row.ci_high, overall) {
                (false, _, Some(h), Some(o)) => h < o,
                (true, Some(l), _, Some(o)) => l > o,
                _ => false,
            };
            let standout = match (lower, row.ci_low, row.ci_high, overall) {
                (false, Some(l), _, Some(o)) => l > o,
                (true, _, Some(h), Some(o)) => h < o,
                _ => false,
            };
            Some(RankedTouchpoint {
                touchpoint: i,
                metric: metric.to_string(),
                n: row.n,
                value,
                ci_high: row.ci_high,
                pain_point,
                standout,
            })
        })
        .collect();
    // Worst first; ties by journey order so the ranking is stable.
    ranked.sort_by(|a, b| {
        let worst_first = if lower { b.value.total_cmp(&a.value) } else { a.value.total_cmp(&b.value) };
        worst_first.then(a.touchpoint.cmp(&b.touchpoint))
    });
    ranked
}

/// Segments against all customers, worst first: lowest first, or highest first when lower
/// is better.
fn segment_gaps(metrics: &Metrics, metric: &str, overall: Option<f64>, lower: bool) -> Vec<SegmentGap> {
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
    let fav = |v: f64| crate::project::favourable(lower, v);
    gaps.sort_by(|a, b| fav(a.gap).total_cmp(&fav(b.gap)).then_with(|| a.segment.cmp(&b.segment)));
    gaps
}

/// The headline's movement and the least and most satisfied segments (`segs` worst first;
/// `lower`: a lower value of the headline is the better one).
fn findings(headline: Option<&str>, kpis: &[Kpi], segs: &[SegmentGap], lower: bool) -> Vec<Finding> {
    let Some(metric) = headline else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(k) = kpis.iter().find(|k| k.metric == metric) {
        if let (Some(c), Some(row)) = (&k.change, &k.latest) {
            if let Some(value) = row.value {
                out.push(Finding::Movement {
                    metric: metric.to_string(),
                    period: k.period.clone().unwrap_or_default(),
                    previous: c.previous.to_string(),
                    value,
                    diff: c.change.diff,
                    significant: c.change.significant,
                    mix: None,
                });
            }
        }
    }
    // A gap on the worse side: below all customers, or above them where lower is better.
    let fav = |gap: f64| crate::project::favourable(lower, gap);
    if let Some(low) = segs.first().filter(|s| s.significant && fav(s.gap) < 0.0) {
        out.push(Finding::LowestSegment { gap: low.clone(), metric: metric.to_string() });
    }
    if let Some(high) = segs.last().filter(|s| s.significant && fav(s.gap) > 0.0) {
        out.push(Finding::HighestSegment { gap: high.clone(), metric: metric.to_string() });
    }
    out
}

/// The weakest and strongest touchpoints on the touchpoint metric: only among two or more,
/// as one touchpoint against "overall" is itself.
fn touchpoint_findings(metric: &str, tps: &[RankedTouchpoint], overall: Option<f64>) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(o) = overall.filter(|_| tps.len() > 1) else { return out };
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
            standout: b.standout,
        });
    }
    out
}

/// The headline rule for a partial last period. The latest period is *thin* when it has
/// fewer than half the answers of the median earlier period, or when the data ends inside it
/// before half of its days have passed (a week of 2 days, a month cut on the 10th). A thin
/// period is never the headline: the tiles headline the period before it and name the thin
/// one with its days and answers. Needs an earlier period to fall back on.
pub fn thin_period(rows: &[&MetricRow], last_date: Option<&str>) -> Option<ThinPeriod> {
    let (latest, earlier) = rows.split_last()?;
    if earlier.is_empty() {
        return None;
    }
    let mut ns: Vec<u64> = earlier.iter().map(|r| r.n).collect();
    ns.sort_unstable();
    let median = if ns.len() % 2 == 1 {
        ns[ns.len() / 2] as f64
    } else {
        (ns[ns.len() / 2 - 1] + ns[ns.len() / 2]) as f64 / 2.0
    };
    let days = last_date.and_then(|d| days_into(&latest.group, d));
    let short = days.is_some_and(|(done, all)| 2 * done < all);
    let few = (latest.n as f64) < median / 2.0;
    (short || few).then(|| ThinPeriod { period: latest.group.to_string(), n: latest.n, days: days.map(|d| d.0) })
}

/// (days from the start of `period` through `date`, days in the period) when `date` lies
/// inside the period; periods are `YYYY-MM`, `YYYY-Qn` or `YYYY-Www`.
fn days_into(period: &str, date: &str) -> Option<(u32, u32)> {
    use chrono::{Months, NaiveDate, Weekday};
    let date = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let (y, rest) = period.split_once('-')?;
    let y: i32 = y.parse().ok()?;
    let (start, end) = if let Some(q) = rest.strip_prefix('Q') {
        let s = NaiveDate::from_ymd_opt(y, 3 * q.parse::<u32>().ok()?.checked_sub(1)? + 1, 1)?;
        (s, s.checked_add_months(Months::new(3))?)
    } else if let Some(w) = rest.strip_prefix('W') {
        let s = NaiveDate::from_isoywd_opt(y, w.parse().ok()?, Weekday::Mon)?;
        (s, s + chrono::Duration::days(7))
    } else {
        let s = NaiveDate::from_ymd_opt(y, rest.parse().ok()?, 1)?;
        (s, s.checked_add_months(Months::new(1))?)
    };
    (start <= date && date < end).then(|| ((date - start).num_days() as u32 + 1, (end - start).num_days() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, n: u64) -> MetricRow {
        MetricRow {
            dimension: "period".into(),
            group: period.into(),
            metric: "nps".into(),
            n,
            value: Some(10.0),
            ci_low: None,
            ci_high: None,
        }
    }

    /// A weakest or strongest touchpoint within the margin of error ranks after a segment gap
    /// beyond it; a pain point and a standout keep their places before it.
    #[test]
    fn touchpoints_within_the_margin_of_error_come_after_findings_beyond_it() {
        let weakest = |pain_point| Finding::WeakestTouchpoint {
            touchpoint: 0,
            metric: "nps".into(),
            value: 0.0,
            overall: 10.0,
            pain_point,
        };
        let strongest = |standout| Finding::StrongestTouchpoint {
            touchpoint: 1,
            metric: "nps".into(),
            value: 20.0,
            overall: 10.0,
            standout,
        };
        let gap =
            SegmentGap { segment: "s".into(), name: "S".into(), value: -5.0, n: 50, gap: -15.0, significant: true };
        let lowest = Finding::LowestSegment { gap, metric: "nps".into() };
        let ranked = rank_findings(vec![strongest(false), weakest(false), lowest.clone()]);
        assert_eq!(ranked, [lowest.clone(), weakest(false), strongest(false)]);
        let ranked = rank_findings(vec![strongest(true), lowest.clone(), weakest(true)]);
        assert_eq!(ranked, [weakest(true), lowest, strongest(true)]);
    }

    #[test]
    fn a_period_cut_short_or_with_few_answers_is_thin() {
        let (a, b, c) = (row("2026-08", 100), row("2026-09", 120), row("2026-10", 90));
        // The data ends on 31 October: October is whole, not thin.
        assert_eq!(thin_period(&[&a, &b, &c], Some("2026-10-31")), None);
        // It ends on 10 October: 10 of 31 days, thin.
        let t = thin_period(&[&a, &b, &c], Some("2026-10-10")).unwrap();
        assert_eq!((t.period.as_str(), t.n, t.days), ("2026-10", 90, Some(10)));
        // On 16 October (16 of 31 days, more than half), 90 answers against a median of 110: kept.
        assert_eq!(thin_period(&[&a, &b, &c], Some("2026-10-16")), None);
        // 54 answers, under half of the median 110: thin whatever the date.
        assert!(thin_period(&[&a, &b, &row("2026-10", 54)], Some("2026-10-31")).is_some());
        // A week of two days (ISO 2026-W09 starts on Monday 23 February).
        let w = [row("2026-W08", 50), row("2026-W09", 40)];
        assert_eq!(thin_period(&[&w[0], &w[1]], Some("2026-02-24")).unwrap().days, Some(2));
        // Q4 2026 has 92 days; 14 November is day 45, before the half (15 November is day 46: not thin).
        let q = [row("2026-Q3", 50), row("2026-Q4", 50)];
        assert_eq!(thin_period(&[&q[0], &q[1]], Some("2026-11-14")).unwrap().days, Some(45));
        assert_eq!(thin_period(&[&q[0], &q[1]], Some("2026-11-15")), None);
        // One period alone has nothing to fall back on.
        assert_eq!(thin_period(&[&c], Some("2026-10-02")), None);
    }
}
