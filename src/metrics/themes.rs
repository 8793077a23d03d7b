//! Comment themes as numbers: per theme and group, mentions, the share of comments that
//! mention it (Wilson interval), the negative share of its mentions (Wilson), and the gap
//! in the headline score between answers whose comment mentions the theme and answers whose
//! comment does not — the difference of two independent estimates with
//! SE = √(SE₁² + SE₂²), exactly as a change between periods ([`super::change`]), both sides
//! needing `min_n` answers. A group's gaps are Holm-adjusted together (one family: the
//! themes of one group).
//!
//! Emerging themes: the share of each theme among all comments of the latest period against
//! the previous period with comments, a z-test on the difference of two binomial shares,
//! Holm-adjusted across themes (one family, as the latest-period changes of a breakdown).

use serde::Serialize;

use super::change::{self, share_change, Change};
use super::{proportion, row_key, z_critical, MetricDef, MetricId, MetricRow, Metrics, ThemeStat};
use crate::aggregate::{Dim, GroupKey, Histogram, TextGroup, TextPartials};
use crate::project::Project;

/// One theme in one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeRow {
    /// As in metrics.csv (`touchpoint`, `period`, …).
    pub dimension: String,
    pub group: String,
    #[serde(skip)]
    pub key: GroupKey,
    /// The theme's id.
    pub theme: String,
    /// Index into `Project::text.themes`.
    #[serde(skip)]
    pub index: usize,
    /// Comments in the group.
    pub comments: u64,
    pub mentions: u64,
    /// Mentions by sentiment: negative, neutral, positive.
    pub sentiment: [u64; 3],
    /// The headline score of mentioning answers against the others.
    pub gap: Option<ThemeGap>,
    /// All customers over all periods: each other theme mentioned in the same comment → such
    /// comments (absent elsewhere).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub co_mentions: std::collections::BTreeMap<String, u64>,
}

impl ThemeRow {
    /// Share of the group's comments that mention the theme, percent.
    pub fn share(&self) -> f64 {
        proportion::percent(self.mentions, self.comments).unwrap_or(0.0)
    }

    /// Share of the mentions that are negative, percent.
    pub fn negative(&self) -> f64 {
        proportion::percent(self.sentiment[0], self.mentions).unwrap_or(0.0)
    }
}

/// Answers whose comment mentions a theme against the rest, on the headline metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeGap {
    /// The headline metric (`nps`, `csat`, …).
    pub metric: String,
    /// Its value among answers whose comment mentions the theme, and among the others.
    pub with: f64,
    pub without: f64,
    pub n_with: u64,
    pub n_without: u64,
    /// `with − without`, its standard error and z.
    pub change: Change,
    pub p_value: f64,
    /// Holm-adjusted across the themes of the group.
    pub p_adjusted: f64,
    pub significant: bool,
}

/// The change of a theme's share of all comments between two periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeShift {
    pub theme: String,
    #[serde(skip)]
    pub index: usize,
    pub period: String,
    pub previous: String,
    /// Share now and before, percent.
    pub share: f64,
    pub previous_share: f64,
    /// Comments now.
    pub n: u64,
    pub change: Change,
    pub p_value: f64,
    /// Holm-adjusted across themes for the latest period; equal to `p_value` for earlier steps.
    pub p_adjusted: f64,
    pub significant: bool,
    /// The step into the latest period (the one tested for emerging themes).
    pub latest: bool,
}

/// Theme metrics of a build.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ThemeMetrics {
    /// Every theme of every group with comments (all-period groups, and all customers per
    /// period), sorted by (dimension, group, theme index).
    pub rows: Vec<ThemeRow>,
    /// Every step of each theme's share over the periods of all customers.
    pub shifts: Vec<ThemeShift>,
    /// Each group's distinguishing keywords (all-period groups and all customers per period
    /// with `min_n` comments), in group order.
    pub keywords: Vec<super::keywords::KeywordRow>,
}

impl ThemeMetrics {
    /// The rows of one group over all periods, in theme order.
    pub fn group(&self, dim: Dim, group: &str) -> impl Iterator<Item = &ThemeRow> {
        let key = GroupKey::all(dim, group);
        self.rows.iter().filter(move |r| r.key == key)
    }

    /// The keyword list of `key`'s group, if it has one.
    pub fn keywords_of(&self, key: &GroupKey) -> Option<&super::keywords::KeywordRow> {
        self.keywords.binary_search_by(|r| r.key.cmp(key)).ok().map(|i| &self.keywords[i])
    }

    /// Themes whose share rose significantly into the latest period.
    pub fn emerging(&self) -> impl Iterator<Item = &ThemeShift> {
        self.shifts.iter().filter(|s| s.latest && s.significant && s.change.diff > 0.0)
    }
}

/// Adds the theme metrics to `metrics` (rows of metrics.csv, and [`Metrics::themes`]).
pub fn add(project: &Project, text: &TextPartials, metrics: &mut Metrics) {
    let headline = super::headline(project, &metrics.defs).cloned();
    let themes = theme_rows(project, text, headline.as_ref());
    let shifts = shifts(project, text);
    let mut rows = Vec::new();
    // The gap's metric id and bound are the headline's, the same for every row.
    let gap = headline.map(|d| {
        (d.id.clone(), {
            let (lo, hi) = super::measure_range(d.measure, &project.scores[d.score]);
            hi - lo
        })
    });
    for t in &themes {
        push_rows(project, t, gap.as_ref(), &mut rows);
    }
    let z = z_critical(project.confidence);
    for s in &shifts {
        rows.push(MetricRow {
            dimension: "period".into(),
            group: s.period.as_str().into(),
            metric: MetricId::Theme(s.theme.clone(), ThemeStat::ShareChange).name(&project.scores).into(),
            n: s.n,
            value: Some(s.change.diff),
            ci_low: Some(s.change.interval(z).0.max(-100.0)),
            ci_high: Some(s.change.interval(z).1.min(100.0)),
        });
    }
    if rows.is_empty() {
        return;
    }
    // The rows are sorted (look-ups are binary searches): the theme rows are sorted apart and
    // merged in, rather than the whole list sorted again.
    let order =
        |a: &MetricRow, b: &MetricRow| (&a.dimension, &a.group, &a.metric).cmp(&(&b.dimension, &b.group, &b.metric));
    debug_assert!(metrics.rows.is_sorted_by(|a, b| order(a, b).is_le()), "metrics::compute sorts its rows");
    let before = std::mem::take(&mut metrics.rows);
    // The merge is one core's work: the keyword lists (on every core) go beside it.
    let (merged, keywords) = rayon::join(
        || {
            rows.sort_by(order);
            merge_sorted(before, rows, order)
        },
        || super::keywords::rows(project, text),
    );
    metrics.rows = merged;
    metrics.themes = ThemeMetrics { rows: themes, shifts, keywords };
}

/// Two sorted lists as one, in order (of equal rows, `a`'s first, as a stable sort of `a`
/// then `b` gives).
fn merge_sorted<T>(a: Vec<T>, b: Vec<T>, order: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let take_b = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => order(y, x) == std::cmp::Ordering::Less,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        match if take_b { b.next() } else { a.next() } {
            Some(r) => out.push(r),
            None => return out,
        }
    }
}

/// The groups theme metrics are given for: every group over all periods, and all customers
/// in each period.
fn reported(key: &GroupKey) -> bool {
    key.period.is_none() || key.dim == Dim::Overall
}

fn theme_rows(project: &Project, text: &TextPartials, headline: Option<&MetricDef>) -> Vec<ThemeRow> {
    let alpha = 1.0 - project.confidence;
    let mut out = Vec::new();
    for (key, g) in text.groups.iter().filter(|(k, g)| reported(k) && g.comments > 0) {
        let (dimension, group) = row_key(project, key);
        let first = out.len();
        for (i, theme) in project.text.themes.iter().enumerate() {
            let counts = g.themes.get(&i).cloned().unwrap_or_default();
            let gap =
                if key.period.is_none() { headline.and_then(|d| gap(project, g, &counts.score, d)) } else { None };
            let co_mentions = if *key == GroupKey::overall() { co_mentions(project, g, i) } else { Default::default() };
            out.push(ThemeRow {
                co_mentions,
                dimension: dimension.clone(),
                group: group.clone(),
                key: key.clone(),
                theme: theme.id.clone(),
                index: i,
                comments: g.comments,
                mentions: counts.mentions,
                sentiment: counts.sentiment,
                gap,
            });
        }
        holm_gaps(&mut out[first..], alpha);
    }
    out
}

/// The other themes mentioned in the same comments as theme `i`, by id, with such comments.
fn co_mentions(project: &Project, g: &TextGroup, i: usize) -> std::collections::BTreeMap<String, u64> {
    g.co_mentions
        .iter()
        .filter_map(|(&(a, b), &n)| match (a == i, b == i) {
            (true, _) => Some((b, n)),
            (_, true) => Some((a, n)),
            _ => None,
        })
        .filter_map(|(other, n)| Some((project.text.themes.get(other)?.id.clone(), n)))
        .collect()
}

/// The headline metric of mentioning answers minus that of the others, when both have min_n.
fn gap(project: &Project, g: &TextGroup, with: &Histogram, def: &MetricDef) -> Option<ThemeGap> {
    let mut without = g.score.clone();
    for (a, b) in without.counts.iter_mut().zip(&with.counts) {
        *a -= b;
    }
    if with.n() < project.min_n || without.n() < project.min_n {
        return None;
    }
    let score = &project.scores[def.score];
    let (v1, _) = change::value_and_se(with, score, def.measure)?;
    let (v0, _) = change::value_and_se(&without, score, def.measure)?;
    let c = change::change(with, &without, score, def.measure, project.confidence)?;
    let p = change::p_value(c.z);
    Some(ThemeGap {
        metric: def.name.clone(),
        with: v1,
        without: v0,
        n_with: with.n(),
        n_without: without.n(),
        change: c,
        p_value: p,
        p_adjusted: p,
        significant: false,
    })
}

fn holm_gaps(rows: &mut [ThemeRow], alpha: f64) {
    let ps: Vec<f64> = rows.iter().filter_map(|r| r.gap.as_ref().map(|g| g.p_value)).collect();
    let mut adjusted = change::holm(&ps).into_iter();
    for g in rows.iter_mut().filter_map(|r| r.gap.as_mut()) {
        g.p_adjusted = adjusted.next().unwrap_or(1.0);
        g.significant = g.p_adjusted < alpha;
    }
}

/// A theme's rows of metrics.csv in one group.
fn push_rows(project: &Project, t: &ThemeRow, gap: Option<&(MetricId, f64)>, rows: &mut Vec<MetricRow>) {
    let z = z_critical(project.confidence);
    let name = |stat| MetricId::Theme(t.theme.clone(), stat).name(&project.scores);
    let shown = t.comments >= project.min_n;
    let row = |metric: String, n: u64, value: Option<f64>, ci: Option<super::Interval>| MetricRow {
        dimension: t.dimension.as_str().into(),
        group: t.group.as_str().into(),
        metric: metric.into(),
        n,
        value,
        ci_low: ci.map(|i| i.low),
        ci_high: ci.map(|i| i.high),
    };
    let share = proportion::percent(t.mentions, t.comments).filter(|_| shown);
    let share_ci = proportion::wilson(t.mentions, t.comments, z).filter(|_| shown);
    rows.push(row(name(ThemeStat::Mentions), t.comments, shown.then_some(t.mentions as f64), None));
    rows.push(row(name(ThemeStat::Share), t.comments, share, share_ci));
    let neg_shown = t.mentions >= project.min_n;
    let neg = proportion::percent(t.sentiment[0], t.mentions).filter(|_| neg_shown);
    let neg_ci = proportion::wilson(t.sentiment[0], t.mentions, z).filter(|_| neg_shown);
    rows.push(row(name(ThemeStat::Negative), t.mentions, neg, neg_ci));
    if let (Some(g), Some((metric, span))) = (&t.gap, gap) {
        let span = *span;
        let id = MetricId::Theme(t.theme.clone(), ThemeStat::Gap(Box::new(metric.clone())));
        let (lo, hi) = g.change.interval(z);
        let ci = super::Interval::new(lo, hi);
        rows.push(row(id.name(&project.scores), g.n_with, Some(g.change.diff), Some(ci.clip(-span, span))));
    }
}

/// Each theme's share of all comments, period to period; the latest step Holm-adjusted
/// across themes.
fn shifts(project: &Project, text: &TextPartials) -> Vec<ThemeShift> {
    let periods: Vec<(&str, &TextGroup)> = text
        .groups
        .iter()
        .filter(|(k, g)| k.dim == Dim::Overall && g.comments > 0)
        .filter_map(|(k, g)| k.period.as_deref().map(|p| (p, g)))
        .collect();
    let mut out = Vec::new();
    for (step, pair) in periods.windows(2).enumerate() {
        let ((p0, g0), (p1, g1)) = (pair[0], pair[1]);
        if g0.comments < project.min_n || g1.comments < project.min_n {
            continue;
        }
        let latest = step + 2 == periods.len();
        for (i, theme) in project.text.themes.iter().enumerate() {
            let hits = |g: &TextGroup| g.themes.get(&i).map_or(0, |c| c.mentions);
            let Some(c) = share_change(hits(g1), g1.comments, hits(g0), g0.comments, project.confidence) else {
                continue;
            };
            let p = change::p_value(c.z);
            out.push(ThemeShift {
                theme: theme.id.clone(),
                index: i,
                period: p1.to_string(),
                previous: p0.to_string(),
                share: 100.0 * hits(g1) as f64 / g1.comments as f64,
                previous_share: 100.0 * hits(g0) as f64 / g0.comments as f64,
                n: g1.comments,
                change: c,
                p_value: p,
                p_adjusted: p,
                significant: c.significant,
                latest,
            });
        }
    }
    let latest: Vec<usize> = (0..out.len()).filter(|i| out[*i].latest).collect();
    let ps: Vec<f64> = latest.iter().map(|i| out[*i].p_value).collect();
    for (i, adj) in latest.iter().zip(change::holm(&ps)) {
        out[*i].p_adjusted = adj;
        out[*i].significant = adj < 1.0 - project.confidence;
    }
    out
}

/// Themes of a group ranked by mentions (most first), for pages.
pub fn ranked<'a>(rows: impl Iterator<Item = &'a ThemeRow>) -> Vec<&'a ThemeRow> {
    let mut v: Vec<&ThemeRow> = rows.filter(|r| r.mentions > 0).collect();
    v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.index.cmp(&b.index)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::close;

    #[test]
    fn merging_two_sorted_lists_is_a_stable_sort_of_both() {
        let a = vec![(1, 'a'), (3, 'a'), (3, 'b'), (7, 'a')];
        let b = vec![(0, 'x'), (3, 'x'), (8, 'x')];
        let mut want = [a.clone(), b.clone()].concat();
        want.sort_by_key(|e| e.0);
        assert_eq!(merge_sorted(a, b, |x, y| x.0.cmp(&y.0)), want);
        assert_eq!(merge_sorted(Vec::new(), vec![(2, 'y')], |x: &(i32, char), y| x.0.cmp(&y.0)), [(2, 'y')]);
    }

    #[test]
    fn a_share_change_uses_two_binomial_standard_errors() {
        // 30/100 now vs 15/100 before: diff 15 %-points; SE² = .3·.7/100 + .15·.85/100
        // = .003375 → SE 5.8095 %-points; z = 2.5820 > 1.96.
        let c = share_change(30, 100, 15, 100, 0.95).unwrap();
        close(c.diff, 15.0, 1e-9);
        close(c.se, 5.8095, 1e-4);
        close(c.z, 2.5820, 1e-4);
        assert!(c.significant);
        assert!(share_change(1, 0, 1, 1, 0.95).is_none());
    }

    #[test]
    fn a_share_change_from_none_to_all_is_tested_with_agresti_caffo() {
        // 40/40 now vs 0/40 before: diff 100 %-points; both Wald SEs √(p(1 − p)/n) are 0, so
        // the change is tested on 41/42 − 1/42 = 0.95238 over √(2 · (41/42)(1/42)/42) =
        // 0.033269: z = 28.63, significant. 1/1 vs 0/1 is 2/3 − 1/3 over 0.38490: z 0.87,
        // noise. 0/40 vs 0/40 is no change (z 0).
        let c = share_change(40, 40, 0, 40, 0.95).unwrap();
        assert_eq!((c.diff, c.significant), (100.0, true));
        assert!((c.z - 28.627).abs() < 1e-3, "{}", c.z);
        assert!(change::p_value(c.z) < 1e-12);
        let c = share_change(1, 1, 0, 1, 0.95).unwrap();
        assert_eq!((c.diff, c.significant), (100.0, false));
        assert!((c.z - 0.8660).abs() < 1e-4, "{}", c.z);
        let c = share_change(0, 40, 0, 40, 0.95).unwrap();
        assert_eq!((c.diff, c.z, c.significant), (0.0, 0.0, false));
    }
}
