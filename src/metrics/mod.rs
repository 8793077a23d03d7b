//! Partial aggregates → numbers with intervals. Pure: no files, no HTML.
//!
//! [`compute`] turns the merged partials into [`Metrics`]: each group's figures
//! ([`estimate`], by one file per formula family, each citing its source: [`nps`] (adjusted
//! Wald), [`proportion`] (Wilson), [`mean`] (Student t)) as rows of the output contract
//! ([`MetricRow`], `row.rs`), hidden where suppression asks; then what is derived from them
//! (changes, drivers, harshness, leagues, mix: `derived.rs`). Look-ups are in `lookup.rs`,
//! the metric definitions in `defs.rs`.

mod breakdowns;
pub mod change;
mod defs;
mod derived;
pub mod drivers;
mod estimate;
pub mod harshness;
pub mod ids;
mod key_drivers;
pub mod keywords;
pub mod league;
mod lookup;
pub mod mean;
pub mod mix;
pub mod nps;
mod periods;
pub mod proportion;
mod row;
pub mod suppression;
pub mod themes;
pub mod written;

use rayon::prelude::*;

use crate::aggregate::{Dim, GroupKey, Histogram, Partials};
use crate::project::Project;
pub use defs::{choice_defs, headline, measure_range, metric_defs, Measure, MetricDef};
use derived::{push_change_rows, push_harshness_rows, push_league_rows, push_mix_rows};
pub use derived::{
    ChangeRow, DriverRow, Drivers, HarshnessLeftOut, HarshnessRow, Importance, League, LeagueRow, LeftOut, MixRow,
};
pub use estimate::{estimate, z_critical, Estimate, Interval};
pub use ids::{dimension_name, row_key, trend_dimension_name, DriverStat, LeagueColumn, MetricId, MixPart, ThemeStat};
use lookup::change_index;
pub use row::{round, MetricRow, DECIMALS};
use row::{sort_rows, to_row};

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

/// The histogram of a score in a group, if it has answers.
pub(crate) fn hist<'p>(partials: &'p Partials, key: &GroupKey, score: usize) -> Option<&'p Histogram> {
    partials.groups.get(key).and_then(|g| g.scores.get(score)).filter(|h| h.n() > 0)
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

#[cfg(test)]
pub(crate) mod tests {
    /// z for 95 % as DESIGN.md gives it.
    pub const Z95: f64 = 1.959964;

    /// Asserts `a` is within `tol` of `b`.
    pub fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol, "{a} is not within {tol} of {b}");
    }
}
