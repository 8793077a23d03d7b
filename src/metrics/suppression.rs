//! Complementary (secondary) suppression: a group hidden because it has fewer than `min_n`
//! answers must not be recoverable by subtracting published figures.
//!
//! Many published figures add up: all customers are the sum of the touchpoints, of the
//! stages, of the sources, of each configured dimension's groups, of each `from_column`
//! segment family and of the periods; a stage is the sum of its touchpoints; a group over all
//! periods is the sum of its periods; a period is the sum of each breakdown's groups in it;
//! a segment is the sum of its touchpoint × segment cells. Each such sum is a *partition*:
//! a parent figure and its children. (Counts and means or shares both add up: n·value does.)
//!
//! As statistical offices do (e.g. the ONS and Eurostat rules for tables), every partition
//! must hide either none of its children or at least two, so a hidden child cannot be worked
//! out as the parent minus the others. A sum's children need not cover all of its parent:
//! answers with no touchpoint, no readable date or a blank value are counted in all customers
//! (or in a group over all periods, or in a period) but in no child of that sum. That
//! *remainder* is an unpublished part like a hidden child. Two rules run to a fixed point:
//!
//! 1. a published parent with exactly one hidden child and no remainder: hide also the
//!    published child with the fewest answers (of a group's periods, the fewest among those
//!    older than its latest two published periods, which the summary headlines and
//!    compares). With a remainder, the hidden parts together (what the parent minus the
//!    published children gives: the hidden children and the remainder) must hold at least
//!    `min_n` answers, and a remainder alone (no child hidden) at least 10
//!    ([`remainder_floor`]): until they do, hide the published child with the fewest answers;
//! 2. a parent hidden by rule 1 with every child published: hide its smallest child too (the
//!    children would add up to it);
//! 3. a published figure identical to a hidden one of the same period (same metric, `n` of at
//!    least 10, value and interval) in another dimension — mostly the same answers under two
//!    names, a channel served by one touchpoint — is hidden too.
//!
//! This is the standard "at least two per partition" rule, not a full audit of every linear
//! combination across partitions. Suppression is per metric; the count `n` stays published
//! (it is not the hidden number). The methodology page states the rule.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::ids::{dimension_name, trend_dimension_name};
use super::MetricRow;
use crate::aggregate::{Dim, ALL};
use crate::project::{Project, SegmentKind};

/// One sum: the parent row and the rows that add up to it (indices into the rows).
struct Partition {
    parent: usize,
    children: Vec<usize>,
    /// Answers counted in the parent but in none of the children (no touchpoint, no date, a
    /// blank value): parent n − the children's n.
    remainder: u64,
    /// A segment group inside another (its one child), not a sum of parts.
    nested: bool,
}

/// Hides, in sorted `rows`, every published value that would reveal a suppressed one, and
/// returns the (dimension, group, metric) of each row it hid.
pub fn complement(
    project: &Project,
    rows: &mut [MetricRow],
    within: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<(String, String, String)> {
    let sums = Sums::new(project);
    let mut partitions = partitions(&sums, rows);
    partitions.extend(nested(project, &sums, rows, within));
    partitions.extend(rule_segments_inside_their_totals(project, &sums, rows));
    let twins = twins(&sums, rows);
    // A row hidden by these rules (not for its own size): rule 2 applies to it as a parent.
    let mut secondary = vec![false; rows.len()];
    let mut hid = Vec::new();
    loop {
        let mut changed = false;
        // Rule 3: a figure published under another name is no more hidden than the original.
        for twin in &twins {
            for &t in twin {
                let gives_away =
                    |&h: &usize| rows[h].value.is_none() && twins_can_be_one_set(&sums, &rows[h], &rows[t]);
                if rows[t].value.is_some() && twin.iter().any(gives_away) {
                    hide(&mut rows[t], &mut hid);
                    secondary[t] = true;
                    changed = true;
                }
            }
        }
        for p in &partitions {
            let (hidden, hidden_n) = p
                .children
                .iter()
                .filter(|&&c| rows[c].value.is_none())
                .fold((0, 0), |(k, n), &c| (k + 1, n + rows[c].n));
            let parent_hidden = rows[p.parent].value.is_none();
            // The remainder is a part nobody sees: what the parent minus the published
            // children gives (the hidden children and the remainder together) must hold
            // min_n answers. With no child hidden it gives the remainder alone, a group no
            // page names (the blank tier of a month, its undated answers): protected when
            // it is small enough to point at anyone.
            let too_few = if p.remainder == 0 {
                hidden == 1
            } else if hidden == 0 {
                p.remainder < remainder_floor(project.min_n)
            } else {
                hidden_n + p.remainder < project.min_n
            };
            // Rule 2 holds where the children add up to the parent: for a group inside
            // another that holds more answers, the parent is not the child's figure.
            let adds_up = !p.nested || p.remainder == 0;
            let needs_more = (!parent_hidden && too_few) || (secondary[p.parent] && hidden == 0 && adds_up);
            if !needs_more {
                continue;
            }
            if let Some(c) = complement_child(&sums, rows, p) {
                hide(&mut rows[c], &mut hid);
                secondary[c] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    hid.sort();
    hid
}

/// The published child a partition withholds next: the one with the fewest answers — but of
/// a group's periods, an older one than its latest two published periods (the headline and
/// the period its change is measured against), while there is one. A stray answer in a new
/// month otherwise withheld the last whole month, the one the summary headlines.
fn complement_child(sums: &Sums, rows: &[MetricRow], p: &Partition) -> Option<usize> {
    let mut candidates: Vec<usize> = p.children.iter().copied().filter(|&c| rows[c].value.is_some()).collect();
    let over_periods = sums.period_of(&rows[p.parent].dimension, &rows[p.parent].group).is_none();
    let mut periods: Vec<(&str, usize)> =
        candidates.iter().filter_map(|&c| sums.period_of(&rows[c].dimension, &rows[c].group).map(|q| (q, c))).collect();
    if over_periods && periods.len() == candidates.len() && periods.len() > 2 {
        // Period keys sort in time order (`2024-03`, `2024-Q1`, `2024-W09`).
        periods.sort_unstable();
        candidates = periods[..periods.len() - 2].iter().map(|&(_, c)| c).collect();
    }
    candidates.into_iter().min_by_key(|&c| (rows[c].n, c))
}

/// The fewest answers a sum's unnamed remainder (its answers with a blank value, no
/// touchpoint or no date) may hold with every part of the sum published: 10, or `min_n` if
/// that is lower. The remainder is no group anyone reads — not a page, not a row — so
/// `TWIN_MIN_N`, the least a figure is taken to stand for its answers, guards it rather
/// than `min_n`, which keeps small groups' noisy figures off the pages. Guarding it with
/// `min_n` withheld one breakdown group in every month where a few answers had a blank value
/// (2% of a sample's answers not found in its CRM hid half of a tier's months).
pub fn remainder_floor(min_n: u64) -> u64 {
    TWIN_MIN_N.min(min_n)
}

/// Withholds a row's value and interval (its `n` stays) and records it.
fn hide(r: &mut MetricRow, hid: &mut Vec<(String, String, String)>) {
    r.value = None;
    r.ci_low = None;
    r.ci_high = None;
    hid.push((r.dimension.to_string(), r.group.to_string(), r.metric.to_string()));
}

/// The fewest answers for which the same figure is taken as the same answers. Three answers
/// have only ten possible NPS histograms, so small groups share figures by chance all the
/// time; from ten on (the `min_n` below which a build warns) a shared figure, interval
/// included, is rarely chance.
const TWIN_MIN_N: u64 = 10;

/// Sets of rows of different groups that publish the same figure of the same period: the
/// same metric, `n`, value and interval (for NPS these fix the promoters and detractors). In
/// real data they are mostly one set of answers under two names — a channel served by one
/// touchpoint, a segment that matches the same customers as another — and withholding one
/// while its twin stays published would hide nothing. Rows already without a value (too few
/// answers) are left out: their twins are as small. So are rows under [`TWIN_MIN_N`].
fn twins(sums: &Sums, rows: &[MetricRow]) -> Vec<Vec<usize>> {
    type Figure<'a> = (&'a str, Option<&'a str>, u64, [u64; 3]);
    let mut by_figure: HashMap<Figure<'_>, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.n >= TWIN_MIN_N) {
        let (Some(v), Some(lo), Some(hi)) = (r.value, r.ci_low, r.ci_high) else { continue };
        let figure = (r.metric.as_str(), sums.period_of(&r.dimension, &r.group), r.n, [v, lo, hi].map(f64::to_bits));
        by_figure.entry(figure).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_figure.into_values().filter(|rows| rows.len() > 1).collect();
    // A fixed order, so which rows are hidden never depends on hashing.
    out.sort();
    out
}

/// Whether two rows with the same figure may count the same answers: rows of different
/// dimensions may; two groups of one dimension only when its groups overlap — segments, or
/// two segments of one touchpoint — as the groups of a touchpoint, store or period never
/// share an answer.
fn twins_can_be_one_set(sums: &Sums, a: &MetricRow, b: &MetricRow) -> bool {
    if a.dimension != b.dimension {
        return true;
    }
    if a.dimension == sums.touchpoint_segment {
        let touchpoint = |g: &str| g.split_once('|').map(|(t, _)| t.to_owned());
        return touchpoint(&a.group) == touchpoint(&b.group);
    }
    sums.overlapping(&a.dimension)
}

/// The index of the row of (dimension, group, metric) in sorted `rows`.
fn find_row(rows: &[MetricRow], dimension: &str, group: &str, metric: &str) -> Option<usize> {
    rows.binary_search_by(|r| {
        (r.dimension.as_str(), r.group.as_str(), r.metric.as_str()).cmp(&(dimension, group, metric))
    })
    .ok()
}

/// Every partition of the rows, per metric.
fn partitions(sums: &Sums, rows: &[MetricRow]) -> Vec<Partition> {
    let find = |dimension: &str, group: &str, metric: &str| find_row(rows, dimension, group, metric);
    // (parent dimension, parent group, which partition, metric) → children. Keys borrow from
    // the rows and from `sums`: no string is built per row (a large league has 500,000 rows).
    let mut members: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
    let mut parents = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        parents.clear();
        sums.parents(&r.dimension, &r.group, &mut parents);
        for (pd, pg, label) in parents.drain(..) {
            members.entry((pd, pg, label, r.metric.as_str())).or_default().push(i);
        }
    }
    let mut out: Vec<Partition> = members
        .into_iter()
        .filter_map(|((pd, pg, _, metric), children)| {
            find(pd, &pg, metric).map(|parent| {
                let counted: u64 = children.iter().map(|&c| rows[c].n).sum();
                Partition { parent, remainder: rows[parent].n.saturating_sub(counted), children, nested: false }
            })
        })
        .collect();
    // A fixed order, so which group is withheld never depends on hashing.
    out.sort_by_key(|p| (p.parent, p.children.first().copied()));
    out
}

/// Segment groups inside another as partitions of it: the outer group, the inner groups of
/// one `from_column` family (disjoint, so they add up) or one inner rule segment alone, and
/// the outer's other answers as the remainder. Segments defined by rules overlap, and one can
/// hold others (`premium` holds `tier:gold` and `tier:platinum`): published, the outer less
/// the published inner groups gives away the hidden one, or the answers between them. Per
/// segment, per touchpoint × segment and per segment and period, by the same metric;
/// `within` says which groups hold all of a group's answers (counted by the producers).
fn nested(
    project: &Project,
    sums: &Sums,
    rows: &[MetricRow],
    within: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Partition> {
    let segment_trend = trend_dimension_name(project, Dim::Segment);
    let find = |dimension: &str, group: &str, metric: &str| find_row(rows, dimension, group, metric);
    // (outer row, the inner groups' family, or the inner row alone) → inner rows.
    let mut parts: BTreeMap<(usize, Result<&str, usize>), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        // The row's segment, and what comes before and after a segment in its group's name
        // (`web|` of a touchpoint's, `|2024-03` of a period's): the outer segment's row.
        let (segment, before, after) = if r.dimension == sums.segment {
            (r.group.as_str(), "", "")
        } else if r.dimension == segment_trend {
            let Some((s, _)) = r.group.rsplit_once('|') else { continue };
            (s, "", &r.group[s.len()..])
        } else if r.dimension == sums.touchpoint_segment {
            let Some((t, s)) = r.group.split_once('|') else { continue };
            (s, &r.group[..=t.len()], "")
        } else {
            continue;
        };
        for a in within.get(segment).into_iter().flatten() {
            if let Some(parent) = find(&r.dimension, &format!("{before}{a}{after}"), &r.metric) {
                parts.entry((parent, sums.family(segment).ok_or(i))).or_default().push(i);
            }
        }
    }
    parts
        .into_iter()
        .map(|((parent, _), children)| {
            let counted: u64 = children.iter().map(|&c| rows[c].n).sum();
            Partition { parent, remainder: rows[parent].n.saturating_sub(counted), children, nested: true }
        })
        .collect()
}

/// Each rule segment as a part of the figure that holds all of its answers: all customers
/// for the segment, the touchpoint for its touchpoint × segment cell, the period for its
/// period; the answers outside the segment are the remainder. A rule segment is no member of
/// any sum the producers count (it may hold anyone), so without this, all customers less a
/// segment of all but five of them gave those five away (a probe: NPS 200 answers, the
/// segment 195, the five outside it all detractors).
fn rule_segments_inside_their_totals(project: &Project, sums: &Sums, rows: &[MetricRow]) -> Vec<Partition> {
    let rules: BTreeSet<&str> =
        project.segments.iter().filter(|s| matches!(s.kind, SegmentKind::Rule(_))).map(|s| s.id.as_str()).collect();
    let segment_trend = trend_dimension_name(project, Dim::Segment);
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let (segment, parent_dimension, parent_group) = if r.dimension == sums.segment {
            (r.group.as_str(), sums.overall.as_str(), ALL)
        } else if r.dimension == sums.touchpoint_segment {
            let Some((t, s)) = r.group.split_once('|') else { continue };
            (s, sums.touchpoint.as_str(), t)
        } else if r.dimension == segment_trend {
            let Some((s, p)) = r.group.rsplit_once('|') else { continue };
            (s, sums.period.as_str(), p)
        } else {
            continue;
        };
        if !rules.contains(segment) {
            continue;
        }
        if let Some(parent) = find_row(rows, parent_dimension, parent_group, &r.metric) {
            let remainder = rows[parent].n.saturating_sub(r.n);
            out.push(Partition { parent, children: vec![i], remainder, nested: true });
        }
    }
    out
}

/// A partition's key: parent dimension, parent group, which sum, metric.
type Key<'a> = (&'a str, Cow<'a, str>, &'a str, &'a str);

/// Which sums a row's group takes part in, by the names of metrics.csv.
struct Sums {
    overall: String,
    touchpoint: String,
    stage: String,
    segment: String,
    touchpoint_segment: String,
    period: String,
    stage_trend: String,
    /// Dimensions whose groups partition all customers (touchpoint, stage, source, configured).
    partitioning: Vec<String>,
    /// Trend dimension name → its dimension's name.
    trends: BTreeMap<String, String>,
    /// Touchpoint id → its stage id.
    stage_of: BTreeMap<String, String>,
    /// `from_column` segment families: (id prefix `tier:`, partition label).
    families: Vec<(String, String)>,
}

impl Sums {
    fn new(project: &Project) -> Sums {
        let name = |d: Dim| dimension_name(project, d);
        let mut partitioning = vec![name(Dim::Touchpoint), name(Dim::Stage), name(Dim::Source)];
        partitioning.extend((0..project.dimensions.len()).map(|i| name(Dim::Custom(i))));
        let mut trend_dims = vec![Dim::Touchpoint, Dim::Stage, Dim::Source, Dim::Segment];
        trend_dims.extend((0..project.dimensions.len()).map(Dim::Custom));
        Sums {
            overall: name(Dim::Overall),
            touchpoint: name(Dim::Touchpoint),
            stage: name(Dim::Stage),
            segment: name(Dim::Segment),
            touchpoint_segment: name(Dim::TouchpointSegment),
            period: trend_dimension_name(project, Dim::Overall),
            stage_trend: trend_dimension_name(project, Dim::Stage),
            partitioning,
            trends: trend_dims.into_iter().map(|d| (trend_dimension_name(project, d), name(d))).collect(),
            stage_of: project.touchpoints.iter().map(|t| (t.id.clone(), project.stages[t.stage].id.clone())).collect(),
            families: project
                .segments
                .iter()
                .filter(|s| matches!(s.kind, SegmentKind::FromColumn(_)))
                .map(|s| (format!("{}:", s.id), format!("family/{}", s.id)))
                .collect(),
        }
    }

    /// The period a row's group is counted in: a period row's own, a trend row's (after its
    /// last `|`), or `None` for all periods.
    fn period_of<'r>(&self, dimension: &str, group: &'r str) -> Option<&'r str> {
        if dimension == self.period {
            Some(group)
        } else if self.trends.contains_key(dimension) {
            group.rsplit_once('|').map(|(_, p)| p)
        } else {
            None
        }
    }

    /// Whether a dimension's groups may share answers: segments (rules overlap), and the
    /// segment breakdowns of touchpoints and periods.
    fn overlapping(&self, dimension: &str) -> bool {
        dimension == self.segment
            || dimension == self.touchpoint_segment
            || self.trends.get(dimension).is_some_and(|base| *base == self.segment)
    }

    /// The `from_column` family a segment group belongs to, as its partition label.
    fn family(&self, segment: &str) -> Option<&str> {
        self.families.iter().find(|(prefix, _)| segment.starts_with(prefix.as_str())).map(|(_, label)| label.as_str())
    }

    /// The partition label if the groups of a dimension (or this segment's family) add up
    /// to all customers.
    fn partitions_total<'s>(&'s self, dimension: &'s str, group: &str) -> Option<&'s str> {
        if let Some(d) = self.partitioning.iter().find(|d| *d == dimension) {
            Some(d.as_str())
        } else if dimension == self.segment {
            self.family(group)
        } else {
            None
        }
    }

    /// (parent dimension, parent group, partition label) of every sum a row is a child of.
    fn parents<'s>(&'s self, dimension: &'s str, group: &'s str, out: &mut Vec<(&'s str, Cow<'s, str>, &'s str)>) {
        if dimension == self.period {
            out.push((&self.overall, Cow::Borrowed(ALL), &self.period));
        } else if let Some(label) = self.partitions_total(dimension, group) {
            out.push((&self.overall, Cow::Borrowed(ALL), label));
            if dimension == self.touchpoint {
                if let Some(s) = self.stage_of.get(group) {
                    out.push((&self.stage, Cow::Borrowed(s.as_str()), &self.touchpoint));
                }
            }
        } else if let Some((trend, base)) = self.trends.get_key_value(dimension) {
            let Some((g, p)) = group.rsplit_once('|') else { return };
            out.push((base, Cow::Borrowed(g), trend));
            if let Some(label) = self.partitions_total(base, g) {
                out.push((&self.period, Cow::Borrowed(p), label));
            }
            if *base == self.touchpoint {
                if let Some(s) = self.stage_of.get(g) {
                    out.push((&self.stage_trend, Cow::Owned(format!("{s}|{p}")), &self.touchpoint));
                }
            }
        } else if dimension == self.touchpoint_segment {
            let Some((t, s)) = group.split_once('|') else { return };
            out.push((&self.segment, Cow::Borrowed(s), &self.touchpoint_segment));
            if let Some(label) = self.family(s) {
                out.push((&self.touchpoint, Cow::Borrowed(t), label));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let yaml = "title: T\njourney:\n  stages:\n    - { id: buy, name: Buy, touchpoints: [{ id: a, name: A }, { id: b, name: B }, { id: c, name: C }] }\ndatasets:\n  - id: s\n    path: s.csv\n    columns: { touchpoint: tp }\n    scores: { nps: { column: rec } }\n    dimensions: [store]\n";
        crate::project::parse(yaml, std::path::Path::new("/p")).unwrap()
    }

    fn row(dimension: &str, group: &str, n: u64, shown: bool) -> MetricRow {
        let v = shown.then_some(10.0);
        MetricRow {
            dimension: dimension.into(),
            group: group.into(),
            metric: "nps".into(),
            n,
            value: v,
            ci_low: v,
            ci_high: v,
        }
    }

    fn sorted(mut rows: Vec<MetricRow>) -> Vec<MetricRow> {
        rows.sort_by(|a, b| (&a.dimension, &a.group, &a.metric).cmp(&(&b.dimension, &b.group, &b.metric)));
        rows
    }

    fn shown(rows: &[MetricRow], dimension: &str, group: &str) -> bool {
        rows.iter().find(|r| r.dimension == dimension && r.group == group).unwrap().value.is_some()
    }

    #[test]
    fn one_small_store_hides_the_next_smallest_too() {
        // min_n 30: store S3 (n 5) is hidden; overall − S1 − S2 would reveal it, so S2 (the
        // smaller published store) is hidden too; S1 and the touchpoints stay.
        let mut rows = sorted(vec![
            row("overall", "all", 125, true),
            row("store", "S1", 80, true),
            row("store", "S2", 40, true),
            row("store", "S3", 5, false),
            row("touchpoint", "a", 60, true),
            row("touchpoint", "b", 35, true),
            row("touchpoint", "c", 30, true),
            row("stage", "buy", 125, true),
        ]);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert_eq!(hid, vec![("store".into(), "S2".into(), "nps".into())]);
        assert!(!shown(&rows, "store", "S2") && shown(&rows, "store", "S1"));
        assert!(shown(&rows, "touchpoint", "c") && shown(&rows, "overall", "all"));
        let s2 = rows.iter().find(|r| r.group == "S2").unwrap();
        assert_eq!((s2.n, s2.ci_low, s2.ci_high), (40, None, None), "n stays; the interval goes");
    }

    #[test]
    fn a_segment_inside_another_does_not_give_away_the_answers_between_them() {
        let yaml = "title: T\njourney:\n  stages:\n    - { id: buy, name: Buy, touchpoints: [{ id: a, name: A }] }\nsegments:\n  - { from_column: tier, name: Tier }\n  - { id: premium, name: Premium, when: \"tier in ['gold', 'platinum']\" }\n  - { id: members, name: Members, when: \"tier != 'none'\" }\n  - { id: members_north, name: Northern members, when: \"tier != 'none' and region == 'north'\" }\ndatasets:\n  - id: s\n    path: s.csv\n    touchpoint: a\n    scores: { nps: { column: rec } }\n";
        let project = crate::project::parse(yaml, std::path::Path::new("/p")).unwrap();
        let held = |groups: &[&str]| groups.iter().map(|g| g.to_string()).collect::<BTreeSet<String>>();
        let within: BTreeMap<String, BTreeSet<String>> = [
            ("tier:gold", held(&["premium", "members"])),
            ("tier:platinum", held(&["premium", "members"])),
            ("tier:silver", held(&["members"])),
            ("premium", held(&["members"])),
            ("members_north", held(&["members"])),
            ("members", held(&[])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        // min_n 30. Platinum (n 12) is hidden. The tier family alone would hide silver, its
        // smallest published part, but premium − gold would still give platinum away: gold is
        // hidden too. Members (n 300) less its northern members (n 295) gives away the 5
        // others: the northern members' figure is withheld. Members less premium (n 150
        // between them) gives nothing away that is hidden, so premium stays.
        let mut rows = sorted(vec![
            row("overall", "all", 400, true),
            row("segment", "tier:gold", 101, true),
            row("segment", "tier:platinum", 12, false),
            row("segment", "tier:silver", 187, true),
            row("segment", "tier:none", 100, true),
            row("segment", "premium", 113, true),
            row("segment", "members", 300, true),
            row("segment", "members_north", 295, true),
        ]);
        let hid = complement(&project, &mut rows, &within);
        assert!(!shown(&rows, "segment", "tier:gold"), "{hid:?}");
        assert!(!shown(&rows, "segment", "members_north"), "{hid:?}");
        assert!(shown(&rows, "segment", "premium") && shown(&rows, "segment", "members"), "{hid:?}");
        // Without knowing which groups hold which, only the family's sum is guarded.
        let mut rows = sorted(vec![
            row("overall", "all", 400, true),
            row("segment", "tier:gold", 101, true),
            row("segment", "tier:platinum", 12, false),
            row("segment", "tier:silver", 187, true),
            row("segment", "tier:none", 100, true),
            row("segment", "premium", 113, true),
        ]);
        complement(&project, &mut rows, &BTreeMap::new());
        assert!(shown(&rows, "segment", "tier:gold"));
    }

    #[test]
    fn a_rule_segment_of_all_but_a_few_is_withheld_so_the_few_cannot_be_worked_out() {
        // min_n 30. All customers n 200; the rule segment `big` n 195: 200 − 195 = 5 answers
        // outside it, which all customers less the segment would give away. Its touchpoint
        // cell (a|big, 95 of touchpoint a's 100) and its March (48 of the period's 50) the
        // same. `wide` leaves 60 outside it and stays; so does its cell (40 of b's 100).
        let yaml = "title: T\njourney:\n  stages:\n    - { id: buy, name: Buy, touchpoints: [{ id: a, name: A }, { id: b, name: B }] }\nsegments:\n  - { id: big, name: Big, when: \"x == 1\" }\n  - { id: wide, name: Wide, when: \"y == 1\" }\ndatasets:\n  - id: s\n    path: s.csv\n    columns: { touchpoint: tp }\n    scores: { nps: { column: rec } }\n";
        let project = crate::project::parse(yaml, std::path::Path::new("/p")).unwrap();
        let segment_period = trend_dimension_name(&project, Dim::Segment);
        let period = trend_dimension_name(&project, Dim::Overall);
        let mut rows = sorted(vec![
            row("overall", "all", 200, true),
            row("touchpoint", "a", 100, true),
            row("touchpoint", "b", 100, true),
            row("stage", "buy", 200, true),
            row("segment", "big", 195, true),
            row("segment", "wide", 140, true),
            row("touchpoint_segment", "a|big", 95, true),
            row("touchpoint_segment", "b|wide", 40, true),
            row(&period, "2024-03", 50, true),
            row(&segment_period, "big|2024-03", 48, true),
        ]);
        let hid = complement(&project, &mut rows, &BTreeMap::new());
        assert!(!shown(&rows, "segment", "big"), "{hid:?}");
        assert!(!shown(&rows, "touchpoint_segment", "a|big"), "{hid:?}");
        assert!(!shown(&rows, &segment_period, "big|2024-03"), "{hid:?}");
        assert!(shown(&rows, "segment", "wide") && shown(&rows, "touchpoint_segment", "b|wide"), "{hid:?}");
        // The totals stay: the segment is what goes.
        assert!(shown(&rows, "overall", "all") && shown(&rows, "touchpoint", "a") && shown(&rows, &period, "2024-03"));
    }

    #[test]
    fn a_figure_withheld_under_one_name_is_withheld_under_every_name_that_publishes_it() {
        // Touchpoint c (n 5) is hidden, so a (n 40, the smallest other) is hidden with it. Store
        // X publishes the same figure as touchpoint a (one set of answers under two names: a
        // store that is all of touchpoint a): X goes too, and then Y, its partition's only
        // other part. Store Z is alone with its figure and stays; so does b, whose n differs.
        let mut rows = sorted(vec![
            row("overall", "all", 100, true),
            row("touchpoint", "a", 40, true),
            row("touchpoint", "b", 55, true),
            row("touchpoint", "c", 5, false),
            row("stage", "buy", 100, true),
            row("store", "X", 40, true),
            row("store", "Y", 45, true),
            row("store", "Z", 15, true),
        ]);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert!(!shown(&rows, "touchpoint", "a") && !shown(&rows, "store", "X"), "{hid:?}");
        assert!(!shown(&rows, "store", "Z"), "X hidden leaves Z as the smallest part to hide with it");
        assert!(shown(&rows, "store", "Y") && shown(&rows, "touchpoint", "b"));
        // The same n with another value is a different figure: nothing more is hidden.
        let mut rows = sorted(vec![
            row("overall", "all", 100, true),
            row("touchpoint", "a", 40, true),
            row("touchpoint", "b", 55, true),
            row("touchpoint", "c", 5, false),
            row("stage", "buy", 100, true),
            row("store", "X", 40, true),
            row("store", "Y", 60, true),
        ]);
        rows.iter_mut().filter(|r| r.group == "X").for_each(|r| r.value = Some(12.0));
        complement(&project(), &mut rows, &BTreeMap::new());
        assert!(shown(&rows, "store", "X") && shown(&rows, "store", "Y"));
    }

    #[test]
    fn a_twin_in_another_period_is_not_the_same_figure() {
        let mut rows = sorted(vec![
            row("overall", "all", 200, true),
            row("store", "S1", 100, true),
            row("store", "S2", 100, true),
            row("store_period", "S1|2024-01", 50, true),
            row("store_period", "S1|2024-02", 42, true),
            row("store_period", "S1|2024-03", 8, false),
            row("store_period", "S2|2024-01", 42, true),
            row("store_period", "S2|2024-02", 58, true),
        ]);
        complement(&project(), &mut rows, &BTreeMap::new());
        assert!(!shown(&rows, "store_period", "S1|2024-02"));
        assert!(shown(&rows, "store_period", "S2|2024-01"), "same n and value, another month: not a twin");
    }

    #[test]
    fn a_hidden_period_hides_another_period_of_the_group_and_a_group_hidden_in_turn_hides_a_period() {
        // Store S1 over all periods = its three months. Its March (n 8) is hidden, so its
        // smallest other month (February) is hidden too. Store S2 is hidden as the complement
        // of S3 in the store breakdown (every answer has a store); its months would add up to
        // it, so one goes as well.
        let mut rows = sorted(vec![
            row("overall", "all", 170, true),
            row("store", "S1", 100, true),
            row("store", "S2", 60, true),
            row("store", "S3", 10, false),
            row("store_period", "S1|2024-01", 50, true),
            row("store_period", "S1|2024-02", 42, true),
            row("store_period", "S1|2024-03", 8, false),
            row("store_period", "S2|2024-01", 30, true),
            row("store_period", "S2|2024-02", 30, true),
        ]);
        complement(&project(), &mut rows, &BTreeMap::new());
        assert!(!shown(&rows, "store_period", "S1|2024-02"));
        assert!(shown(&rows, "store_period", "S1|2024-01"));
        assert!(!shown(&rows, "store", "S2"));
        let s2_months = ["S2|2024-01", "S2|2024-02"].iter().filter(|g| !shown(&rows, "store_period", g)).count();
        assert!(s2_months >= 1, "S2's months would add up to the hidden S2");
    }

    /// A stray answer in a new month (April, n 2) withholds an older month, not March or
    /// February, which the summary headlines and compares: of January (90) and February (60)
    /// before them, January goes though it has more answers than February.
    #[test]
    fn a_thin_last_month_withholds_an_older_month_not_the_headline() {
        let mut rows = sorted(vec![
            row("overall", "all", 242, true),
            row("period", "2024-01", 90, true),
            row("period", "2024-02", 60, true),
            row("period", "2024-03", 90, true),
            row("period", "2024-04", 2, false),
        ]);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert!(!shown(&rows, "period", "2024-01"), "{hid:?}");
        for month in ["2024-02", "2024-03"] {
            assert!(shown(&rows, "period", month), "{month}: {hid:?}");
        }
        // With only two published months, the one with fewer answers goes, as before.
        let mut rows = sorted(vec![
            row("overall", "all", 152, true),
            row("period", "2024-02", 60, true),
            row("period", "2024-03", 90, true),
            row("period", "2024-04", 2, false),
        ]);
        complement(&project(), &mut rows, &BTreeMap::new());
        assert!(!shown(&rows, "period", "2024-02") && shown(&rows, "period", "2024-03"));
    }

    #[test]
    fn answers_in_no_group_of_a_sum_are_a_hidden_part_when_fewer_than_min_n() {
        // min_n 30. All customers 81 = touchpoints a 40 + b 40 + 1 answer with no touchpoint;
        // = stage buy 80 + that answer. No group is small, yet overall − a − b and
        // overall − buy would both give the one answer's score away (its n, 81 − 80, is
        // public). Touchpoints: a (the smaller published one, first on a tie) is hidden.
        // Stages: buy is the only one, so it goes; as a parent hidden by this rule it needs
        // a hidden touchpoint, and a is one already, so b stays.
        let mut rows = sorted(vec![
            row("overall", "all", 81, true),
            row("touchpoint", "a", 40, true),
            row("touchpoint", "b", 40, true),
            row("stage", "buy", 80, true),
        ]);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert_eq!(
            hid,
            vec![("stage".into(), "buy".into(), "nps".into()), ("touchpoint".into(), "a".into(), "nps".into())]
        );
        assert!(shown(&rows, "overall", "all") && shown(&rows, "touchpoint", "b"));
        // What a reader can still subtract: overall − b = a + the blank answer, 41 answers.
    }

    #[test]
    fn a_remainder_of_min_n_or_more_or_of_none_hides_nothing() {
        // Stores: 125 = 60 + 35 + 30 blank-store answers (not fewer than min_n 30): nothing
        // below min_n can be derived. Touchpoints add up exactly.
        let mut rows = sorted(vec![
            row("overall", "all", 125, true),
            row("store", "S1", 60, true),
            row("store", "S2", 35, true),
            row("touchpoint", "a", 60, true),
            row("touchpoint", "b", 35, true),
            row("touchpoint", "c", 30, true),
            row("stage", "buy", 125, true),
        ]);
        assert!(complement(&project(), &mut rows, &BTreeMap::new()).is_empty());
    }

    #[test]
    fn undated_answers_of_a_group_hide_one_of_its_periods() {
        // Store S1 = its two months (40 + 35) + 2 undated answers; S1's March would leave
        // the 2 undated ones. The smaller month (February) goes; overall = S1 + S2 exactly.
        let mut rows = sorted(vec![
            row("overall", "all", 157, true),
            row("store", "S1", 77, true),
            row("store", "S2", 80, true),
            row("store_period", "S1|2024-01", 40, true),
            row("store_period", "S1|2024-02", 35, true),
        ]);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert_eq!(hid, vec![("store_period".into(), "S1|2024-02".into(), "nps".into())]);
        assert!(shown(&rows, "store", "S1") && shown(&rows, "store_period", "S1|2024-01"));
    }

    #[test]
    fn a_small_remainder_and_a_small_hidden_group_together_must_hold_min_n_answers() {
        // Stores: 126 = 80 + 40 + S3 5 (hidden) + 1 blank. overall − S1 − S2 would give the
        // 6 answers of S3 and the blank one together: S2 goes, as it would without the blank
        // answer. S1: 80 = January 50 + February 25 (hidden) + 5 undated; the hidden parts
        // hold 30 answers together and neither can be worked out alone: January stays.
        let mut rows = sorted(vec![
            row("overall", "all", 126, true),
            row("store", "S1", 80, true),
            row("store", "S2", 40, true),
            row("store", "S3", 5, false),
            row("store_period", "S1|2024-01", 50, true),
            row("store_period", "S1|2024-02", 25, false),
        ]);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert_eq!(hid, vec![("store".into(), "S2".into(), "nps".into())]);
    }

    #[test]
    fn one_small_group_beside_a_large_blank_remainder_hides_nothing_more() {
        // A Typeform export: 500 = Hooli 74 + Initech 31 + TEST 3 (hidden) + 392 answers with
        // no company. overall − Hooli − Initech gives the 395 of TEST and the blanks
        // together, never TEST's 3: Hooli stays published.
        let mut rows = sorted(vec![
            row("overall", "all", 500, true),
            row("store", "Hooli", 74, true),
            row("store", "Initech", 31, true),
            row("store", "TEST", 3, false),
        ]);
        assert!(complement(&project(), &mut rows, &BTreeMap::new()).is_empty());
        assert!(shown(&rows, "store", "Hooli") && shown(&rows, "store", "Initech"));
    }

    #[test]
    fn a_blank_remainder_of_ten_answers_or_more_is_no_reason_to_withhold_a_published_group() {
        // A month's tiers: 1,376 = 618 + 359 + 256 + 115 + 28 answers not found in the CRM.
        // The 28 together are no group a page shows, and too many to point at anyone.
        let tiers = |blank: u64| {
            sorted(vec![
                row("overall", "all", 1348 + blank, true),
                row("store", "regular", 618, true),
                row("store", "silver", 359, true),
                row("store", "gold", 256, true),
                row("store", "platinum", 115, true),
            ])
        };
        assert!(complement(&project(), &mut tiers(28), &BTreeMap::new()).is_empty());
        assert!(complement(&project(), &mut tiers(10), &BTreeMap::new()).is_empty());
        // Nine could: the smallest tier goes, and the hidden parts then hold 124 answers.
        let mut rows = tiers(9);
        let hid = complement(&project(), &mut rows, &BTreeMap::new());
        assert_eq!(hid, vec![("store".into(), "platinum".into(), "nps".into())]);
    }

    #[test]
    fn nothing_is_hidden_when_no_group_is_small_or_two_are() {
        let mut rows = sorted(vec![
            row("overall", "all", 100, true),
            row("store", "S1", 90, true),
            row("store", "S2", 5, false),
            row("store", "S3", 5, false),
        ]);
        assert!(complement(&project(), &mut rows, &BTreeMap::new()).is_empty());
        assert!(shown(&rows, "store", "S1"));
    }
}
