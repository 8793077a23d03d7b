//! Period-on-period changes of every series, and Holm's adjustment of the latest-period
//! changes of each breakdown.

use std::collections::BTreeMap;

use compact_str::CompactString;
use rayon::prelude::*;

use super::*;
use crate::aggregate::GroupPartial;

/// Period-on-period changes. Trends: each period against the previous period with answers,
/// unadjusted (exploratory). Groups: the latest period against the one before, Holm-adjusted
/// within each (dimension, metric).
pub(super) fn changes(
    project: &Project,
    partials: &Partials,
    defs: &[MetricDef],
    periods: &[String],
) -> Vec<ChangeRow> {
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
                        dimension: dimension.into(),
                        group: g.into(),
                        period: p1.into(),
                        previous: p0.into(),
                        metric: def.name.as_str().into(),
                        metric_id: def.id.clone(),
                        n,
                        change: c,
                        p_value: p,
                        p_adjusted: p,
                        significant: c.significant,
                        trend: true,
                        key: GroupKey::all(*dim, *group),
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
                        dimension: dimension.into(),
                        group: g.into(),
                        period: latest.unwrap_or_default().into(),
                        previous: previous.unwrap_or_default().into(),
                        metric: def.name.as_str().into(),
                        metric_id: def.id.clone(),
                        n,
                        change: c,
                        p_value: p,
                        p_adjusted: p,
                        significant: false,
                        trend: false,
                        key: GroupKey::all(*dim, *group),
                    });
                }
            }
        }
        out.shrink_to_fit();
        out
    };
    let mut out = super::concat(series.par_iter().map(per_series).collect());
    // Holm within each family of latest-period group changes.
    let mut families: BTreeMap<(CompactString, CompactString), Vec<usize>> = BTreeMap::new();
    for (i, c) in out.iter().enumerate() {
        if !c.trend {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{GroupPartial, Merge};

    /// A project with one NPS score and a configured dimension whose id ends in `_period`.
    fn project() -> Project {
        let yaml = "title: T\njourney:\n  stages:\n    - { id: buy, name: Buy, touchpoints: [{ id: web, name: Web }] }\ndatasets:\n  - id: s\n    path: s.csv\n    columns: { touchpoint: tp, date: d }\n    scores: { nps: { column: rec } }\n    dimensions: [sales_period]\n";
        crate::project::parse(yaml, std::path::Path::new("/p")).unwrap()
    }

    /// An NPS histogram of `promoters` 10s and `detractors` 0s.
    fn nps(promoters: u64, detractors: u64) -> GroupPartial {
        let mut counts = vec![0; 11];
        counts[10] = promoters;
        counts[0] = detractors;
        GroupPartial { scores: vec![Histogram { counts }] }
    }

    #[test]
    fn a_groups_rows_and_changes_of_every_period_are_found_under_its_prefix_and_no_others() {
        // S1, S10 and S2 in three months: S10's rows sort between S1's and S2's, and "S1|"
        // must not take them.
        let p = project();
        let mut base = Partials::default();
        for g in ["S1", "S10", "S2"] {
            for (period, h) in [("2024-01", nps(50, 50)), ("2024-02", nps(80, 20)), ("2024-03", nps(20, 80))] {
                let mut one = Partials::default();
                one.groups.insert(GroupKey::all(Dim::Custom(0), g).in_period(period), h.clone());
                one.groups.insert(GroupKey::all(Dim::Source, "s").in_period(period), h);
                base.merge(one);
            }
        }
        let m = compute(&p, &crate::aggregate::roll_up(&p, base));
        let dim = "sales_period_period";
        for prefix in ["S1|", "S10|", "S2|", "S3|", ""] {
            let wanted: Vec<(&str, &str)> = (m.rows.iter())
                .filter(|r| r.dimension == dim && r.group.starts_with(prefix))
                .map(|r| (r.group.as_str(), r.metric.as_str()))
                .collect();
            let found: Vec<(&str, &str)> =
                m.rows_under(dim, prefix).iter().map(|r| (r.group.as_str(), r.metric.as_str())).collect();
            assert_eq!(found, wanted, "rows under {prefix:?}");
            let mut wanted: Vec<(&str, &str)> = (m.changes.iter())
                .filter(|c| c.dimension == dim && c.group.starts_with(prefix))
                .map(|c| (c.group.as_str(), c.metric.as_str()))
                .collect();
            wanted.sort_unstable();
            let found: Vec<(&str, &str)> =
                m.changes_under(dim, prefix).map(|c| (c.group.as_str(), c.metric.as_str())).collect();
            assert_eq!(found, wanted, "changes under {prefix:?}");
            // Three periods: each store has three figures and two changes of its NPS.
            if prefix.starts_with('S') && prefix != "S3|" {
                assert_eq!(found.len(), 2, "{found:?}");
                assert!(found.iter().all(|(g, _)| g.starts_with(prefix)));
            }
        }
    }

    #[test]
    fn latest_changes_of_a_dimension_named_like_a_trend_are_holm_adjusted() {
        // Two groups, each 50/50 in January and 80/20 in February: equal p-values p, so
        // Holm's adjusted values are min(1, 2p) for both. The dimension's id ends in
        // `_period`, which an earlier version took for a trend and left unadjusted.
        let p = project();
        let mut base = Partials::default();
        for g in ["A", "B"] {
            for (period, h) in [("2024-01", nps(50, 50)), ("2024-02", nps(80, 20))] {
                let mut one = Partials::default();
                one.groups.insert(GroupKey::all(Dim::Custom(0), g).in_period(period), h.clone());
                one.groups.insert(GroupKey::all(Dim::Source, "s").in_period(period), h);
                base.merge(one);
            }
        }
        let partials = crate::aggregate::roll_up(&p, base);
        let m = compute(&p, &partials);
        let latest: Vec<&ChangeRow> = m.changes.iter().filter(|c| c.dimension == "sales_period").collect();
        assert_eq!(latest.len(), 2, "{:?}", m.changes.iter().map(|c| &c.dimension).collect::<Vec<_>>());
        for c in latest {
            assert!(!c.trend);
            assert!(c.p_value > 0.0 && c.p_value < 0.5, "{}", c.p_value);
            assert!((c.p_adjusted - (2.0 * c.p_value).min(1.0)).abs() < 1e-12, "{} vs {}", c.p_adjusted, c.p_value);
        }
        // Its trend rows are `sales_period_period` and stay unadjusted.
        let trend: Vec<&ChangeRow> = m.changes.iter().filter(|c| c.dimension == "sales_period_period").collect();
        assert_eq!(trend.len(), 2);
        assert!(trend.iter().all(|c| c.trend && c.p_adjusted == c.p_value));
    }
}
