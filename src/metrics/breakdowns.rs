//! Breakdown statistics built on the group metrics: segment harshness, league tables of the
//! configured dimensions, and the mix / within split of each period's change.

use super::*;

/// Harshness of every segment on every score, from touchpoint × segment histograms. Only
/// figures the site publishes enter (`published`: a group's figures of a score are shown): a
/// segment whose own figure is hidden has no harshness, and a touchpoint whose figure or
/// touchpoint × segment figure is hidden is left out of the index, so that no hidden value can
/// be worked back from it. Each segment left without one, with why, is in the second list:
/// the page names it under the score's table.
pub(super) fn harshness_rows(
    project: &Project,
    partials: &Partials,
    segments: &[(String, String)],
    z: f64,
    published: &dyn Fn(&GroupKey, usize) -> bool,
) -> (Vec<HarshnessRow>, Vec<HarshnessLeftOut>) {
    let mut out = Vec::new();
    let mut left_out = Vec::new();
    for (si, score) in project.scores.iter().enumerate() {
        // A multi-select option's 0/1 indicator has a share, not a harshness.
        if score.choice.is_some() {
            continue;
        }
        for (seg, _) in segments {
            let leave = |why| HarshnessLeftOut { segment: seg.clone(), score_index: si, why };
            if !published(&GroupKey::all(Dim::Segment, seg.as_str()), si) {
                let n = hist(partials, &GroupKey::all(Dim::Segment, seg.as_str()), si).map_or(0, |h| h.n());
                left_out.push(leave(match n {
                    0 => LeftOut::NoAnswers,
                    n if n < project.min_n => LeftOut::FewAnswers,
                    _ => LeftOut::Withheld,
                }));
                continue;
            }
            let gaps: Vec<harshness::TouchpointGap> = project
                .touchpoints
                .iter()
                .filter_map(|t| {
                    let (part, whole) =
                        (GroupKey::touchpoint_segment(&t.id, seg), GroupKey::all(Dim::Touchpoint, t.id.as_str()));
                    if !published(&part, si) || !published(&whole, si) {
                        return None;
                    }
                    let h = hist(partials, &part, si)?;
                    let all = hist(partials, &whole, si)?;
                    Some(harshness::TouchpointGap {
                        segment: score.moments(&h.counts),
                        all_mean: score.moments(&all.counts).mean()?,
                    })
                })
                .collect();
            let Some((value, ci, n)) = harshness::harshness(&gaps, z) else {
                left_out.push(leave(LeftOut::NoTouchpoint));
                continue;
            };
            if n < project.min_n {
                left_out.push(leave(LeftOut::FewCounted));
                continue;
            }
            let naive = || -> Option<f64> {
                let s = hist(partials, &GroupKey::all(Dim::Segment, seg.as_str()), si)?;
                let a = hist(partials, &GroupKey::overall(), si)?;
                Some(score.moments(&s.counts).mean()? - score.moments(&a.counts).mean()?)
            };
            out.push(HarshnessRow {
                segment: seg.clone(),
                score: score.id.clone(),
                score_index: si,
                value,
                ci,
                n,
                naive_gap: naive(),
            });
        }
    }
    (out, left_out)
}

/// League tables of every configured dimension on the headline metric.
pub(super) fn leagues(
    project: &Project,
    partials: &Partials,
    defs: &[MetricDef],
    withheld: &dyn Fn(&str, &str, &str) -> bool,
) -> Vec<League> {
    let Some(def) = headline(project, defs) else { return Vec::new() };
    let score = &project.scores[def.score];
    let Some(overall) = hist(partials, &GroupKey::overall(), def.score)
        .and_then(|h| estimate(h, score, def.measure, project.confidence).value)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for di in 0..project.dimensions.len() {
        let mut rows: Vec<LeagueRow> = partials
            .groups
            .iter()
            .filter(|(k, _)| k.dim == Dim::Custom(di) && k.period.is_none())
            .filter_map(|(k, g)| {
                let h = g.scores.get(def.score).filter(|h| h.n() > 0)?;
                let e = estimate(h, score, def.measure, project.confidence);
                // A group withheld to protect a smaller one is not rated: its shrunk score would
                // give its value back.
                let rated = e.n >= project.min_n && !withheld(&dimension_name(project, k.dim), &k.group, &def.name);
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
            None => league::quintile_thresholds(&shrunk, score.lower_better),
        };
        // Best first; ties by name so ranks are stable. Unrated groups last, by name.
        rows.sort_by(|a, b| match (a.shrunk, b.shrunk) {
            (Some(x), Some(y)) => {
                let (x, y) = (league::comparable(x), league::comparable(y));
                let best_first = if score.lower_better { x.total_cmp(&y) } else { y.total_cmp(&x) };
                best_first.then_with(|| a.group.cmp(&b.group))
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.group.cmp(&b.group),
        });
        // Tied scores share a rank (1, 2, 2, 4) and their stars.
        let mut previous: Option<(f64, u32)> = None;
        for (i, r) in rows.iter_mut().enumerate() {
            if let Some(s) = r.shrunk {
                let rank = match previous {
                    Some((p, rank)) if p == league::comparable(s) => rank,
                    _ => i as u32 + 1,
                };
                previous = Some((league::comparable(s), rank));
                r.rank = Some(rank);
                r.stars = Some(league::stars(s, &thresholds, score.lower_better, def.measure));
            }
        }
        out.push(League::new(
            dimension_name(project, Dim::Custom(di)),
            def.name.clone(),
            def.id.clone(),
            thresholds,
            rows,
        ));
    }
    out
}

/// Mix / within splits of each period's change of the headline metrics, by touchpoint, by
/// source and by each `from_column` segment family. Answers outside every group of a
/// partition (no touchpoint, no value) form one more group, so each partition is complete.
/// With complementary suppression on, a group whose figure is not shown in either period
/// (fewer than `min_n` answers, or `withheld`) joins that group too: the split must not add
/// equations about hidden groups to the sums a reader has (with the two periods' totals, the
/// mix and within parts would otherwise let two hidden groups be solved for).
pub(super) fn mix_rows(
    project: &Project,
    partials: &Partials,
    defs: &[MetricDef],
    periods: &[String],
    withheld: &dyn Fn(&str, &str, &str) -> bool,
) -> Vec<MixRow> {
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
            let total = |p: &str| hist(partials, &GroupKey::overall().in_period(p), def.score);
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
                    let key = |p: &str| GroupKey { dim: *dim, group: g.to_string(), period: Some(p.into()) };
                    let (h0, h1) = (hist(partials, &key(p0), def.score), hist(partials, &key(p1), def.score));
                    let hidden = |p: &str, h: Option<&Histogram>| {
                        h.is_some_and(|h| {
                            let (d, group) = super::ids::row_key(project, &key(p));
                            h.n() > 0 && (h.n() < project.min_n || withheld(&d, &group, &def.name))
                        })
                    };
                    if project.complementary_suppression && (hidden(p0, h0) || hidden(p1, h1)) {
                        // Counted in the rest, with the answers outside every group.
                        continue;
                    }
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
                    metric_id: def.id.clone(),
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
