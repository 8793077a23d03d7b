//! The aggregate contract: what producers hand over and every later stage reads.
//!
//! A producer (the CSV/XLSX fold in [`crate::produce::csv`], or a SQL engine next to the
//! data) turns rows into a [`Contribution`]: histograms per score and group, co-moments for
//! drivers, comment counts and bounded samples, data-quality counts and the date range. All
//! of them merge associatively and commutatively ([`Merge`]), so files, chunks and engines
//! can be folded apart and added up.
//!
//! A producer counts only the **base grouping sets** (see [`roll_up`]): source, touchpoint,
//! segment, configured dimension — each within the row's period (or undated) — and
//! touchpoint × segment over all periods. Everything derivable from them (all customers,
//! stages, all-period totals) is rolled up here, once, so no producer repeats it.
//!
//! This module depends on the project's ids (touchpoint → stage) and nothing else.

mod comments;
/// A comment for tests of samples.
#[cfg(test)]
pub(crate) use comments::tests::comment as test_comment;
/// A comment saying a given text, for tests of samples.
#[cfg(test)]
pub(crate) use comments::tests::with_text as test_comment_saying;
mod group;
mod histogram;
mod partial;
pub mod quality;
pub mod redact;
pub mod text;
pub mod verbatims;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::project::{Project, Segment, SegmentKind};
pub use comments::{
    fnv1a, held_text, keep_smallest, stable_hash, text_key, Comment, Comments, SampleKey, COMMENT_SAMPLE,
    DISAGREE_SAMPLE, FNV_OFFSET, HELD_BYTES, VOC_SAMPLE,
};
pub use group::{Dim, GroupKey, ALL};
pub use histogram::{CoMoments, Histogram};
pub use partial::{DriverPartials, GroupPartial, Partials};
pub use quality::{ColumnQuality, DatasetQuality, DateHint, DuplicateIds, JoinMatches, Quality, RepeatedScore, Tally};
pub use text::{
    add_sorted, keyword_budget, keyword_hash, keyword_kind, passes, phrase_hash, KeywordPartials, KeywordTable,
    Keywords, QuestionCounts, TextGroup, TextPartials, ThemeCounts,
};

/// A partial aggregate: adding two parts gives the part of their union, whatever the
/// order (as xsv's `Commute`).
pub trait Merge: Default {
    /// Adds `other` into `self`.
    fn merge(&mut self, other: Self);

    /// Adds up any number of parts.
    fn merge_all<I: IntoIterator<Item = Self>>(parts: I) -> Self {
        let mut acc = Self::default();
        for p in parts {
            acc.merge(p);
        }
        acc
    }
}

/// What a producer hands over: base partials, comments, data quality and dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contribution {
    /// Partials of the base grouping sets only (see [`roll_up`]).
    pub partials: Partials,
    pub comments: Comments,
    /// Theme, sentiment and keyword counts of comments, per base group.
    pub text: TextPartials,
    /// One report per dataset read (a dataset read in parts adds its reports up).
    pub quality: Vec<DatasetQuality>,
    /// Earliest and latest response date.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

impl Merge for Contribution {
    fn merge(&mut self, other: Contribution) {
        // The three are independent (and the text the largest with comments analysed): side by
        // side on the cores rayon has.
        let (partials, comments, text) = (&mut self.partials, &mut self.comments, &mut self.text);
        rayon::join(
            || partials.merge(other.partials),
            || rayon::join(|| comments.merge(other.comments), || text.merge(other.text)),
        );
        for q in other.quality {
            match self.quality.iter_mut().find(|m| m.id == q.id && m.role == q.role) {
                Some(mine) => mine.merge(q),
                None => self.quality.push(q),
            }
        }
        self.dates = merge_ranges(self.dates, other.dates);
    }
}

/// The union of two date ranges.
pub fn merge_ranges(
    a: Option<(NaiveDate, NaiveDate)>,
    b: Option<(NaiveDate, NaiveDate)>,
) -> Option<(NaiveDate, NaiveDate)> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
    }
}

/// Everything the metrics, insights and render stages read: rolled-up partials, comments
/// and the data-quality report.
#[derive(Debug, Clone, Default)]
pub struct Aggregates {
    pub partials: Partials,
    pub quality: Quality,
    pub comments: Comments,
    /// Text counts, rolled up like the partials.
    pub text: TextPartials,
}

/// Rolls a merged contribution up and completes its quality report.
pub fn finish(project: &Project, c: Contribution) -> Aggregates {
    let stage_of =
        |tp: &str| project.touchpoints.iter().find(|t| t.id == tp).map(|t| project.stages[t.stage].id.clone());
    // The histograms' and the comments' roll-ups are independent: side by side.
    let (partials, text) = rayon::join(|| roll_up(project, c.partials), || c.text.roll_up(&stage_of));
    let mut datasets = c.quality;
    // Lookups first in the report reads oddly; keep response datasets first, in project order.
    datasets.sort_by_key(|d| d.role == "lookup");
    for d in &mut datasets {
        d.resolve_duplicates();
        d.resolve_repeated_scores();
        d.warn_unmatched_joins();
        if let Some(ds) = project.datasets.iter().find(|x| x.id == d.id) {
            d.warn_unmatched_filters(&ds.row_filters);
        }
        d.warn_cut_records();
        d.warn_open_quotes();
        d.warn_unread_comments();
        d.warn_repeated_header();
        let declared = project.datasets.iter().find(|x| x.id == d.id).and_then(|x| x.date_format_written.as_deref());
        let shapes = std::mem::take(&mut d.date_shapes);
        let unfit = std::mem::take(&mut d.date_unfit);
        let no_such_day = std::mem::take(&mut d.date_no_such_day);
        for (key, t) in d.problems.iter_mut().filter(|(k, _)| k.ends_with(quality::UNREADABLE_DATE)) {
            let example = unfit.get(key).map(|u| u.1.as_str());
            t.hint = Some(match no_such_day.get(key) {
                Some((n, _, shown)) if *n == t.count => DateHint::NoSuchDay(shown.clone()),
                _ => DateHint::of(declared, shapes.get(key).and_then(Option::as_ref), example),
            });
        }
    }
    let mut warnings = identifier_like_groups(project, &partials);
    warnings.extend(capped_families(project, &partials));
    warnings.extend(unmatched_orders(project, &partials));
    warnings.extend(datasets.iter().flat_map(|d| d.warnings.iter().cloned()));
    warnings.extend(sampled_keywords(text.keyword_levels));
    let quality = Quality {
        warnings,
        datasets,
        first_date: c.dates.map(|d| d.0.to_string()),
        last_date: c.dates.map(|d| d.1.to_string()),
    };
    Aggregates { partials, quality, comments: c.comments, text }
}

/// The warning that keywords were counted for a hash sample ([`text::passes`]), when the
/// comments held more distinct words or phrases than [`text::keyword_budget`].
fn sampled_keywords(levels: [u32; 2]) -> Option<String> {
    let [words, phrases] = text::keyword_budget();
    (levels != [0, 0]).then(|| {
        format!(
            "the comments hold more distinct keywords than text analysis keeps ({words} words and {phrases} two-word phrases): keywords were counted for one word in {word_share} and one phrase in {phrase_share}, chosen by a fixed hash of the keyword, so lists of keywords cover that sample only; comment, theme and sentiment counts are complete",
            word_share = 1u64 << levels[0].min(63),
            phrase_share = 1u64 << levels[1].min(63),
        )
    })
}

/// Adds the groups that follow from the base grouping sets.
///
/// | base group (period *p* or undated) | also counted in |
/// |---|---|
/// | source *s* | all customers (`overall`) |
/// | touchpoint *t* | its stage |
/// | any group within period *p* | the same group over all periods |
///
/// A base key without a period holds undated answers; after the roll-up a key without a
/// period is the all-periods total. Touchpoint × segment is counted over all periods only.
pub fn roll_up(project: &Project, base: Partials) -> Partials {
    let stage_of: FxHashMap<&str, &str> =
        project.touchpoints.iter().map(|t| (t.id.as_str(), project.stages[t.stage].id.as_str())).collect();
    let mut sums: FxHashMap<GroupKey, GroupPartial> = FxHashMap::default();
    sums.reserve(base.groups.len() * 2);
    let mut add = |key: GroupKey, g: &GroupPartial| sums.entry(key).or_default().add_counts(g);
    for (key, g) in &base.groups {
        let parent = match key.dim {
            Dim::Source => Some((Dim::Overall, ALL)),
            Dim::Touchpoint => stage_of.get(key.group.as_str()).map(|s| (Dim::Stage, *s)),
            _ => None,
        };
        add(key.clone(), g);
        if let Some((dim, group)) = parent {
            add(GroupKey { dim, group: group.to_string(), period: key.period.clone() }, g);
        }
        if key.period.is_some() {
            add(GroupKey::all(key.dim, key.group.clone()), g);
            if let Some((dim, group)) = parent {
                add(GroupKey::all(dim, group), g);
            }
        }
    }
    let groups: BTreeMap<GroupKey, GroupPartial> = sums.into_iter().collect();
    Partials { groups, segment_names: base.segment_names, drivers: base.drivers, within: base.within }
}

/// The values of a `from_column` segment family (`family` the segment's id) that get pages:
/// all, or — when there are more than its `max_pages` — the `max_pages` with the most
/// answers (the most answers to any one score; ties by id), in id order; and how many the
/// family has.
pub fn paged_family<'p>(partials: &'p Partials, family: &Segment) -> (Vec<(&'p String, &'p String)>, usize) {
    let prefix = format!("{}:", family.id);
    let mut members: Vec<(&String, &String)> =
        partials.segment_names.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).collect();
    let total = members.len();
    if total > family.max_pages {
        let mut ranked: Vec<(u64, (&String, &String))> =
            members.iter().map(|m| (partials.most_answers(Dim::Segment, m.0), *m)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1 .0.cmp(b.1 .0)));
        members = ranked.into_iter().take(family.max_pages).map(|(_, m)| m).collect();
        members.sort();
    }
    (members, total)
}

/// A `from_column` family with more values than its `max_pages`, in words: which values got
/// pages and where the others are.
fn capped_families(project: &Project, partials: &Partials) -> Vec<String> {
    let mut out = Vec::new();
    for s in project.segments.iter().filter(|s| matches!(s.kind, SegmentKind::FromColumn(_))) {
        let (shown, total) = paged_family(partials, s);
        if shown.len() < total {
            out.push(format!(
                "segment family `{}` has {total} values: pages are made for the {} with the most answers; the other {} have no page and are in data/metrics.csv only (`max_pages:` on the segment raises the cap)",
                s.id,
                shown.len(),
                total - shown.len()
            ));
        }
    }
    out
}

/// Values an `order:` lists that no row has (`platinium` for `platinum`): they order nothing,
/// so the team is told, for a `from_column` segment family and a dimension alike. Which
/// values a column has is known only from the data, so this is a warning, not a config error.
fn unmatched_orders(project: &Project, partials: &Partials) -> Vec<String> {
    let unmatched = |order: &[String], values: &[&str]| -> Option<String> {
        let missing: Vec<String> = order
            .iter()
            .filter(|o| !values.iter().any(|v| crate::project::same_value(o, v)))
            .map(|o| format!("`{o}`"))
            .collect();
        (!missing.is_empty()).then(|| missing.join(", "))
    };
    let mut out = Vec::new();
    for s in project.segments.iter().filter(|s| !s.order.is_empty()) {
        let prefix = format!("{}:", s.id);
        let values: Vec<&str> = partials
            .segment_names
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| &k[prefix.len()..])
            .collect();
        if let Some(missing) = unmatched(&s.order, &values) {
            out.push(format!("`order:` of segment family `{}` lists {missing}, which no row has; check the spelling (case and runs of spaces do not matter)", s.id));
        }
    }
    for (i, d) in project.dimensions.iter().enumerate().filter(|(_, d)| !d.order.is_empty()) {
        let values: Vec<&str> = partials
            .groups
            .keys()
            .filter(|k| k.dim == Dim::Custom(i) && k.period.is_none())
            .map(|k| k.group.as_str())
            .collect();
        if let Some(missing) = unmatched(&d.order, &values) {
            out.push(format!("`order:` of dimension `{}` lists {missing}, which no row has; check the spelling (case and runs of spaces do not matter)", d.id));
        }
    }
    out
}

/// A breakdown whose values are almost all different is an identifier (a respondent id, an
/// order number): its pages would each show one person. Such dimensions and segment families
/// are named in a warning; their groups stay below min_n, so no number is shown for them.
fn identifier_like_groups(project: &Project, partials: &Partials) -> Vec<String> {
    let mut out = Vec::new();
    let answers = |k: &GroupKey| {
        partials.groups.get(k).map(|g| g.scores.iter().map(Histogram::n).max().unwrap_or(0)).unwrap_or(0)
    };
    let mut check = |label: String, groups: Vec<&GroupKey>| {
        let n = groups.len();
        let singles = groups.iter().filter(|k| answers(k) <= 1).count();
        if n >= 50 && singles * 10 >= n * 9 {
            out.push(format!("{label} has {n} values, almost each seen once: it looks like an identifier (respondent, order or phone number). Remove it from the breakdowns: its groups can identify people."));
        }
    };
    for (i, d) in project.dimensions.iter().enumerate() {
        let groups: Vec<&GroupKey> =
            partials.groups.keys().filter(|k| k.dim == Dim::Custom(i) && k.period.is_none()).collect();
        check(format!("dimension `{}`", d.id), groups);
    }
    for s in project.segments.iter().filter(|s| matches!(s.kind, SegmentKind::FromColumn(_))) {
        let prefix = format!("{}:", s.id);
        let groups: Vec<&GroupKey> = partials
            .groups
            .keys()
            .filter(|k| k.dim == Dim::Segment && k.period.is_none() && k.group.starts_with(&prefix))
            .collect();
        check(format!("segment family `{}`", s.id), groups);
    }
    out
}
