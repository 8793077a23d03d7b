//! Key drivers of the loyalty outcome: relative weights on respondent-level co-moments (wide
//! data) or the outcome gap between a touchpoint's top box and the rest (long data).

use super::*;

/// Key drivers of the loyalty outcome from the driver partials.
pub(super) fn drivers(project: &Project, partials: &Partials, defs: &[MetricDef], z: f64) -> Option<Drivers> {
    let loyalty = project.loyalty?;
    let outcome = defs.iter().find(|d| d.score == loyalty)?;
    let d = &partials.drivers;
    let min_n = project.min_n;
    // The favourable direction of the outcome: up, or down where lower is better (a waiting
    // time). A correlation or gap counts as importance only in that direction.
    let favourable = project.scores[loyalty].favourable(1.0);
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
        // And three respondents per touchpoint: R² of k ratings unrelated to the outcome is
        // k / (n − 1) on average, so with about as many touchpoints as respondents it is fitted
        // to chance — 250 unrelated ratings of 300 respondents gave R² = 0.87 — and the weights
        // that share it out mean nothing. (Ten per predictor is the usual rule of thumb for a
        // regression; three keeps chance's share of R² under a third.)
        let enough = (0..k).all(|i| d.pairs.get(&(0, 1 + tps[i])).is_some_and(|c| c.n >= 3 * k as u64));
        let complete = complete && enough;
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
                // The correlation in the favourable direction of both the outcome and the
                // touchpoint's rating (an effort score rated `better: lower` moves loyalty the
                // right way when r is below 0). A relative weight is a share of R² and has no
                // sign: it counts as importance only where the rating moves the right way.
                let toward = favourable * rating_direction(project, *t, loyalty) * value;
                let importance = match (weight, r2) {
                    (Some(w), Some(r2)) => drivers::importance(w, r2, toward),
                    _ => toward.max(0.0),
                };
                DriverRow {
                    touchpoint: *t,
                    n: c.n,
                    value,
                    ci: drivers::correlation_interval(value, c.n, z),
                    weight,
                    importance,
                    against: toward < 0.0,
                }
            })
            .collect();
        return Some(Drivers {
            outcome: outcome.name.clone(),
            outcome_id: outcome.id.clone(),
            method: "relative_weights",
            r2,
            rows,
        });
    }
    // One touchpoint per respondent (long data): the outcome gap between the raters on the
    // rating's favourable side (its top box, or below it where lower is better: the fold
    // puts them first) and the rest.
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
                ci: Some(Interval::new(c.interval(z).0, c.interval(z).1).clip(-200.0, 200.0)),
                weight: None,
                importance: 0.0,
                against: false,
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let max_gap = rows.iter().map(|r| favourable * r.value).fold(0.0, f64::max);
    for r in &mut rows {
        r.importance = if max_gap > 0.0 { (favourable * r.value).max(0.0) / max_gap } else { 0.0 };
    }
    Some(Drivers {
        outcome: outcome.name.clone(),
        outcome_id: outcome.id.clone(),
        method: "top_box_gap",
        r2: None,
        rows,
    })
}

/// −1 when the wide rating of touchpoint `t` (a score other than the outcome) is `better:
/// lower`, else 1.
fn rating_direction(project: &Project, t: usize, loyalty: usize) -> f64 {
    let lower = project
        .datasets
        .iter()
        .flat_map(|d| &d.scores)
        .any(|c| c.touchpoint == Some(t) && c.score != loyalty && project.scores[c.score].lower_better);
    if lower {
        -1.0
    } else {
        1.0
    }
}

pub(super) fn push_driver_rows(project: &Project, d: &Drivers, rows: &mut Vec<MetricRow>) {
    for r in &d.rows {
        let tp = project.touchpoints[r.touchpoint].id.clone();
        let stat = if d.method == "relative_weights" { DriverStat::R } else { DriverStat::Gap };
        let name = |stat| MetricId::Driver(Box::new(d.outcome_id.clone()), stat).name(&project.scores);
        rows.push(MetricRow {
            dimension: dimension_name(project, Dim::Touchpoint).into(),
            group: tp.as_str().into(),
            metric: name(stat).into(),
            n: r.n,
            value: Some(r.value),
            ci_low: r.ci.map(|i| i.low),
            ci_high: r.ci.map(|i| i.high),
        });
        if let Some(w) = r.weight {
            rows.push(MetricRow {
                dimension: dimension_name(project, Dim::Touchpoint).into(),
                group: tp.into(),
                metric: name(DriverStat::Weight).into(),
                n: r.n,
                value: Some(100.0 * w),
                ci_low: None,
                ci_high: None,
            });
        }
    }
    if let Some(r2) = d.r2 {
        rows.push(MetricRow {
            dimension: dimension_name(project, Dim::Overall).into(),
            group: crate::aggregate::ALL.into(),
            metric: MetricId::Driver(Box::new(d.outcome_id.clone()), DriverStat::R2).name(&project.scores).into(),
            n: d.rows.iter().map(|r| r.n).min().unwrap_or(0),
            value: Some(100.0 * r2),
            ci_low: None,
            ci_high: None,
        });
    }
}
