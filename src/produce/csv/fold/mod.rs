//! The hot loop: rows → per-group histograms, in parallel.
//!
//! Chunks of whole records are cut from the file in order (under a lock, by whichever worker
//! asks next), then split into rows and folded on every core into per-worker accumulators.
//! An accumulator keeps its groups in dense arrays: each group is a small integer key
//! (dimension, interned value, interned period) mapped to a cache line of counters, so no
//! string is built or compared per answer, and it counts only the base grouping sets of the
//! aggregate contract (see [`crate::aggregate::roll_up`]) and, for segments, less (see
//! [`Acc::into_partials`]). At the end accumulators become [`Contribution`]s and merge by
//! addition, which makes the result the same whatever the number of threads or the order
//! chunks were folded in. docs/PERFORMANCE.md says what each measure bought.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::reader::{CutRecord, Malformed};
use super::value;
use super::{reader, ColRef, LoadedLookup, Plan, SegPlan};
use crate::aggregate::{
    ColumnQuality, Comments, Contribution, DatasetQuality, Dim, DriverPartials, DuplicateIds, GroupKey, GroupPartial,
    Histogram, JoinMatches, Merge, Partials,
};
use crate::error::Result;
use crate::project::Project;

mod cells;
mod held;
mod row;
mod run;
mod tables;
mod text;
use cells::{identifier_error, is_identifier, long_value_example, long_value_problem, too_long_group_value};
pub(super) use run::fold_dataset;
use tables::{Counters, DenseIndex, Interner, TextMap, NO_GROUP};

/// Combinations of segment-column values remembered per worker.
const SEGMENT_MEMO: usize = 1 << 16;
/// Set in a memoised combination whose values hold one a segment rule cannot read (no
/// number, no date), so a row with those values notes it as the first did.
const UNREADABLE_RULE_VALUE: u32 = 1 << 31;

/// Segment combinations counted as cells; rows of rarer ones count in each group directly,
/// so cells stay few (combinations × touchpoints × periods) whatever the data.
const COMBO_CELLS: u32 = 256;

/// The distinct columns the plan's segments read.
fn segment_columns(plan: &Plan) -> Vec<ColRef> {
    let mut cols: Vec<ColRef> = Vec::new();
    for s in &plan.segments {
        let read: &[ColRef] = match s {
            SegPlan::Rule { refs, .. } => refs,
            SegPlan::FromColumn { col, .. } => std::slice::from_ref(col),
        };
        for c in read {
            if !cols.contains(c) {
                cols.push(*c);
            }
        }
    }
    cols
}

/// Dimension codes in a packed group key. `OVERALL` is every answer of this dataset: the
/// contract's base group of its source.
const OVERALL: u64 = 0;
const TOUCHPOINT: u64 = 2;
const SEGMENT: u64 = 3;
const TP_SEGMENT: u64 = 5;
/// A segment combination in a period: stands for the overall group and each of its
/// segments' groups in that period.
const COMBO: u64 = 6;
/// A segment combination at a touchpoint (all periods): stands for each of its segments'
/// touchpoint × segment groups.
const COMBO_TP: u64 = 7;
const CUSTOM: u64 = 8;

/// Packs (dimension, value, period) into one key: 8 bits, 40 bits, 16 bits. Period 0 is "no
/// date" (for touchpoint × segment, "all periods").
fn pack(dim: u64, value: u64, period: u64) -> u64 {
    (dim << 56) | (value << 16) | period
}

/// The parts of a packed key.
fn unpack(key: u64) -> (u64, u64, u64) {
    (key >> 56, (key >> 16) & ((1 << 40) - 1), key & 0xffff)
}

/// The dense group tables of an accumulator, by position: combinations in a period,
/// touchpoints in a period, combinations at a touchpoint, then one per configured dimension.
const COMBO_TABLE: usize = 0;
const TOUCHPOINT_TABLE: usize = 1;
const COMBO_TP_TABLE: usize = 2;
const DIMENSION_TABLES: usize = 3;

/// What one worker has folded.
struct Acc<'p> {
    project: &'p Project,
    plan: &'p Plan<'p>,
    /// Every group's histogram counters: counter `offset[score] + value - min` of the group.
    counts: Counters,
    offsets: Vec<usize>,
    groups: FxHashMap<u64, u32>,
    /// Dense group tables, placed as [`COMBO_TABLE`] and the others say.
    dense: Vec<DenseIndex>,
    packed: Vec<u64>,
    /// Interned ids of the rule segments, by their place in the plan.
    rule_ids: Vec<Option<u32>>,
    segments: Interner,
    /// Segments (by their id in `segments`) of at least one row that was used: a value met
    /// only on rejected rows (a blank score, no comment) gets no name, so no page.
    used_segments: Vec<bool>,
    /// `from_column` values already seen, per family: value → segment id, so a known value
    /// costs one look-up and no formatting.
    family_ids: Vec<TextMap<u32>>,
    customs: Vec<Interner>,
    periods: Interner,
    /// Period of a date, memoised: dates repeat far more than they differ.
    period_of: FxHashMap<NaiveDate, u64>,
    segment_names: BTreeMap<String, String>,
    /// The columns segments read, and the segments of each combination of their values seen
    /// so far (as a range of `memo_ids`): rows repeat a few combinations, so most rows skip
    /// evaluating the rules.
    seg_refs: Vec<ColRef>,
    seg_memo: TextMap<u32>,
    /// Distinct sets of segments ("combinations"), by id.
    combos: Vec<Box<[u32]>>,
    combo_ids: FxHashMap<Box<[u32]>, u32>,
    seg_key: Vec<u8>,
    drivers: DriverPartials,
    /// Long data's driver histograms by touchpoint (into `drivers.gaps` at the end).
    gaps: Vec<[Histogram; 2]>,
    comments: Comments,
    /// Comments per touchpoint + 1 (0: none), and the hash a comment must be under to enter
    /// that touchpoint's full sample (into `comments` at the end).
    comment_counts: Vec<u64>,
    comment_cutoffs: Vec<u64>,
    /// Per touchpoint + 1, texts offered to its sample and the smallest hash they came with
    /// ([`row::SeenTexts`]).
    comment_seen: Vec<row::SeenTexts>,
    /// Comment text analysis (see [`text`]).
    text: text::TextAcc<'p>,
    quality: DatasetQuality,
    columns: Vec<ColumnQuality>,
    /// Keys that found their lookup row, by join (into `DatasetQuality::join_matches`).
    join_matches: [u64; 8],
    /// Counts of score readings whose column another reading shares, by reading (see
    /// `Plan::reading_names`).
    readings: Vec<ColumnQuality>,
    /// The encoding the file was decoded from (see [`reader::Table::encoding`]).
    decoded: Option<&'static str>,
    /// The row's read cells holding undecodable bytes (read as blank, counted as invalid).
    bad: Vec<usize>,
    dates: Option<(NaiveDate, NaiveDate)>,
    // Buffers reused from row to row.
    row_groups: Vec<u32>,
    tp_groups: Vec<u32>,
    segs: Vec<u32>,
    /// The row's interned value of each dimension.
    row_dims: Vec<Option<u32>>,
    answers: Vec<(usize, i64, Option<usize>, bool)>,
    /// Whether the row being folded had a score cell that could not be read (set by
    /// `count_scores`): a row with no usable score is then rejected, not merely unanswered.
    row_unreadable: bool,
    /// A short record the reader told of as maybe cut ([`CutRecord`]), until its row is read.
    cut: Option<CutRecord>,
    /// Rows a totals label would leave out, held until the file is read ([`held`]).
    totals: held::Totals,
}

impl<'p> Acc<'p> {
    fn new(
        project: &'p Project,
        plan: &'p Plan<'p>,
        width: usize,
        decoded: Option<&'static str>,
        analyzer: Option<&'p crate::text::SharedAnalyzer<'p>>,
    ) -> Self {
        let mut offsets = Vec::new();
        let mut stride = 0;
        for s in &project.scores {
            offsets.push(stride);
            stride += s.width();
        }
        let ds = plan.ds;
        Acc {
            project,
            plan,
            counts: Counters::new(stride),
            offsets,
            groups: FxHashMap::default(),
            dense: (0..DIMENSION_TABLES + project.dimensions.len()).map(|_| DenseIndex::default()).collect(),
            packed: Vec::new(),
            rule_ids: vec![None; plan.segments.len()],
            segments: Interner::default(),
            used_segments: Vec::new(),
            family_ids: plan.segments.iter().map(|_| TextMap::default()).collect(),
            customs: project.dimensions.iter().map(|_| Interner::default()).collect(),
            periods: Interner::default(),
            period_of: FxHashMap::default(),
            segment_names: BTreeMap::new(),
            seg_refs: segment_columns(plan),
            seg_memo: TextMap::default(),
            combos: Vec::new(),
            combo_ids: FxHashMap::default(),
            seg_key: Vec::new(),
            drivers: DriverPartials::default(),
            gaps: vec![Default::default(); project.touchpoints.len()],
            comments: Comments::default(),
            comment_counts: vec![0; project.touchpoints.len() + 1],
            comment_cutoffs: vec![u64::MAX; project.touchpoints.len() + 1],
            comment_seen: (0..=project.touchpoints.len()).map(|_| Default::default()).collect(),
            text: text::TextAcc::new(analyzer),
            quality: DatasetQuality {
                id: ds.id.clone(),
                path: ds.file.display.clone(),
                source: ds.source.clone(),
                role: "response",
                duplicate_ids: plan.respondent.map(|c| DuplicateIds {
                    column: plan.labels.get(c).cloned().unwrap_or_default(),
                    per_touchpoint: ds.fixed_touchpoint.is_none() && plan.touchpoint.is_some(),
                    ..Default::default()
                }),
                score_columns: if ds.fixed_touchpoint.is_none()
                    && plan.touchpoint.is_some()
                    && plan.respondent.is_some()
                {
                    project
                        .scores
                        .iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let col = plan.scores.iter().find(|(_, sc)| sc.score == i).map(|(c, _)| *c);
                            (s.id.clone(), col.and_then(|c| plan.labels.get(c).cloned()).unwrap_or_default())
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                ..Default::default()
            },
            columns: vec![ColumnQuality::default(); width],
            join_matches: [0; 8],
            readings: vec![ColumnQuality::default(); plan.scores.len()],
            decoded,
            bad: Vec::new(),
            dates: None,
            row_groups: Vec::new(),
            tp_groups: Vec::new(),
            segs: Vec::new(),
            row_dims: vec![None; project.dimensions.len()],
            answers: Vec::new(),
            row_unreadable: false,
            cut: None,
            totals: held::Totals::default(),
        }
    }

    /// The dense index of a packed key, created on first use.
    fn group(&mut self, key: u64) -> u32 {
        if let Some(g) = self.groups.get(&key) {
            return *g;
        }
        let g = self.packed.len() as u32;
        self.packed.push(key);
        self.groups.insert(key, g);
        self.counts.add_group();
        g
    }

    /// The group of (`dim`, `value`, `period`), found through dense table `table` at `base`.
    fn dense_group(&mut self, table: usize, base: usize, dim: u64, value: u64, period: u64) -> u32 {
        match self.dense[table].slot(base, period as usize).map(|s| *s) {
            Some(NO_GROUP) => {
                let g = self.group(pack(dim, value, period));
                if let Some(slot) = self.dense[table].slot(base, period as usize) {
                    *slot = g;
                }
                g
            }
            Some(g) => g,
            None => self.group(pack(dim, value, period)),
        }
    }

    /// Adds the group of `value` in the row's period (or in "no date") to the row's list.
    /// Only that one is counted: the all-periods total is the sum of the periods, made once
    /// at the end, which halves the counting in the hot loop.
    fn push_group(&mut self, dim: u64, value: u64, period: u64) {
        let g = self.group(pack(dim, value, period));
        self.row_groups.push(g);
    }

    /// Evaluates every segment on a row whose combination of values is new, and remembers
    /// the result (up to [`SEGMENT_MEMO`] combinations: a rule on a free-text or numeric
    /// column could make every row new).
    /// (`unreadable`: a value of the row a rule cannot read, so the memo has later rows with
    /// the same values note it too.)
    fn evaluate_segments<'r>(&mut self, line: u64, get: &impl Fn(ColRef) -> &'r str, unreadable: bool) -> Result<u32> {
        let plan = self.plan;
        for (si, s) in plan.segments.iter().enumerate() {
            match s {
                SegPlan::Rule { id, rule, refs, .. } => {
                    if rule.eval(&|i| get(refs[i])) == Some(true) {
                        let sid = match self.rule_ids[si] {
                            Some(s) => s,
                            None => {
                                let s = self.segments.id(id);
                                self.rule_ids[si] = Some(s);
                                s
                            }
                        };
                        self.segs.push(sid);
                    }
                }
                SegPlan::FromColumn { prefix, name, sep, col, column } => {
                    // Invisible characters would make look-alike segments (see fill_row_groups).
                    let cell = crate::aggregate::redact::group_value(get(*col));
                    let v = &*cell;
                    if too_long_group_value(v) {
                        let path = plan.ds.file.display.as_str();
                        self.quality
                            .problem(long_value_problem(column), line, || long_value_example(path, line, column, v));
                        continue;
                    }
                    if !v.is_empty() {
                        let sid = match self.family_ids[si].get(v.as_bytes()) {
                            Some(id) => id,
                            None => {
                                let ds = plan.ds;
                                if !ds.allow_identifiers && is_identifier(v) {
                                    let what = format!("segment family `{prefix}`");
                                    let path = &ds.file.display;
                                    return Err(identifier_error(path, line, &ds.id, column, &what, v));
                                }
                                let id = format!("{prefix}:{v}");
                                self.segment_names.entry(id.clone()).or_insert_with(|| format!("{name}{sep}{v}"));
                                let sid = self.segments.id(&id);
                                self.family_ids[si].insert(v.as_bytes(), sid);
                                sid
                            }
                        };
                        self.segs.push(sid);
                    }
                }
            }
        }
        let combo = match self.combo_ids.get(self.segs.as_slice()) {
            Some(c) => *c,
            None => {
                let c = self.combos.len() as u32;
                self.combos.push(self.segs.as_slice().into());
                self.combo_ids.insert(self.segs.as_slice().into(), c);
                c
            }
        };
        if self.seg_memo.len() < SEGMENT_MEMO {
            self.seg_memo.insert(&self.seg_key, combo | if unreadable { UNREADABLE_RULE_VALUE } else { 0 });
        }
        Ok(combo)
    }

    /// Counts an empty cell of a used column (a cell of undecodable bytes read as empty is
    /// invalid).
    fn blank(&mut self, c: usize) {
        if self.bad.contains(&c) {
            self.columns[c].invalid += 1;
        } else {
            self.columns[c].blank += 1;
        }
    }

    /// Where score reading `r` (of column `c`) is counted: its column, or its own counts when
    /// another reading shares the column.
    fn reading_counts(&mut self, r: usize, c: usize) -> &mut ColumnQuality {
        if self.plan.reading_names[r].is_some() {
            &mut self.readings[r]
        } else {
            &mut self.columns[c]
        }
    }

    /// Counts an empty row (a blank line or one of empty cells) as read and left out.
    fn empty_row(&mut self, line: u64) {
        let path = self.plan.ds.file.display.as_str();
        self.quality.rows_read += 1;
        self.quality.reject_row(crate::aggregate::quality::EMPTY_ROW, line, || format!("{path}:{line}: empty row"));
    }

    /// Folds a CSV data row (see [`Acc::fold_row`]). A short row the reader told of as maybe
    /// the rest of the record before it ([`CutRecord`]) is counted as such when reading it went
    /// wrong — it was rejected, or a value of it could not be used — as when free text lands
    /// in a date or score column. A short row whose cells all read well is what Excel writes
    /// when it leaves out trailing empty cells, and is not told of.
    fn fold_csv_row(
        &mut self,
        line: u64,
        rec: &csv::ByteRecord,
        lookups: &[LoadedLookup],
        tp_lookup: &TextMap<usize>,
    ) -> Result<()> {
        let Some(cut) = self.cut.take().filter(|c| c.line == line) else {
            return self.fold_row(line, rec, lookups, tp_lookup);
        };
        let before = (self.quality.rows_rejected, self.quality.problem_count());
        self.fold_row(line, rec, lookups, tp_lookup)?;
        if (self.quality.rows_rejected, self.quality.problem_count()) != before {
            let path = self.plan.ds.file.display.as_str();
            self.quality.cut_record(cut, || {
                format!(
                    "{path}:{}: {} of the header's {} fields, right after line {}'s {}",
                    cut.line, cut.fields, cut.width, cut.previous_line, cut.previous_fields
                )
            });
        }
        Ok(())
    }

    /// Counts a cell whose quote was left open and took in the row after it: the record is
    /// read as it stands (one row, not two), so the data-quality page and a warning say so.
    pub(super) fn open_quote(&mut self, q: crate::produce::csv::reader::quotes::Swallowed) {
        let path = self.plan.ds.file.display.as_str();
        self.quality.open_quotes.add(q.quote_line, || {
            format!(
                "{path}:{}: a quoted cell runs on to line {}, which reads as a whole row",
                q.quote_line, q.close_line
            )
        });
    }

    /// Counts a record that is not a row, skipped because `skip_malformed_rows` is on.
    fn malformed_row(&mut self, line: u64, kind: Malformed) {
        let path = self.plan.ds.file.display.as_str();
        self.quality.rows_read += 1;
        self.quality.reject_row(kind.reason(), line, || kind.example(path, line));
    }

    /// Turns the dense counters into keyed base partials: segment combinations are spread
    /// into the groups they stand for; nothing else is added up (the aggregate stage rolls up).
    fn into_partials(mut self) -> Contribution {
        self.finish_pending();
        let project = self.project;
        let plan = self.plan;
        let within = self.segments_within();
        let (sums, arena) = self.spread_combos();
        let groups = self.keyed_groups(sums, &arena);
        let drivers = drivers_with_gaps(self.drivers, self.gaps);
        let mut comments = comments_with_counts(self.comments, &self.comment_counts);
        let mut segment_names = self.segment_names;
        let (segments, used) = (&self.segments, &self.used_segments);
        segment_names.retain(|id, _| segments.get(id).is_some_and(|s| used.get(s as usize).copied().unwrap_or(false)));
        let partials = Partials { segment_names, drivers, groups, within };
        let mut quality = dataset_quality(plan, self.quality, &self.columns, &self.readings);
        for ((c, li), matched) in plan.joins.iter().zip(self.join_matches) {
            let column = plan.labels.get(*c).map_or("?", String::as_str).to_string();
            let lookup = project.lookups[*li].id.clone();
            let key = row::no_match(&column, &lookup);
            // The lookup's key to show is added once the parts are merged (`fold_dataset`).
            quality.join_matches.insert(key, JoinMatches { matched, column, lookup, lookup_key: None });
        }
        let source = &project.datasets[plan.dataset_index].source;
        let segment_of = |v: u64| self.segments.values[v as usize].to_string();
        let (text, voc) = self.text.into_partials(
            &|dim, value| match dim {
                OVERALL => vec![(Dim::Source, source.clone())],
                TOUCHPOINT => vec![(Dim::Touchpoint, project.touchpoints[value as usize].id.clone())],
                SEGMENT => vec![(Dim::Segment, segment_of(value))],
                // A combination stands for all customers and each of its segments.
                COMBO => std::iter::once((Dim::Source, source.clone()))
                    .chain(self.combos[value as usize].iter().map(|s| (Dim::Segment, segment_of(u64::from(*s)))))
                    .collect(),
                c if c >= CUSTOM => {
                    let d = (c - CUSTOM) as usize;
                    vec![(Dim::Custom(d), self.customs[d].values[value as usize].to_string())]
                }
                _ => Vec::new(),
            },
            &|p| self.periods.values[p as usize - 1].to_string(),
        );
        comments.merge(voc);
        Contribution { partials, comments, text, quality: vec![quality], dates: self.dates }
    }

    /// Per segment group with answers, the segment groups in every combination it was
    /// answered in: those that hold all its answers (see [`Partials::within`]).
    fn segments_within(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut within: BTreeMap<u64, BTreeSet<u64>> = BTreeMap::new();
        let mut row = vec![0; self.counts.width];
        for (g, &key) in self.packed.iter().enumerate() {
            let (dim, value, _) = unpack(key);
            if dim != COMBO {
                continue;
            }
            self.counts.read(g, &mut row);
            if row.iter().all(|c| *c == 0) {
                continue;
            }
            let combo: BTreeSet<u64> = self.combos[value as usize].iter().map(|s| u64::from(*s)).collect();
            for &b in &combo {
                let others = || combo.iter().copied().filter(|a| *a != b).collect();
                within.entry(b).and_modify(|held| held.retain(|a| combo.contains(a))).or_insert_with(others);
            }
        }
        let name = |v: u64| self.segments.values[v as usize].to_string();
        within.into_iter().map(|(b, held)| (name(b), held.into_iter().map(name).collect())).collect()
    }

    /// Adds each dense group's counters under the keys it stands for (a segment combination
    /// under each of its segments), in one flat arena: returns key → offset, and the arena.
    fn spread_combos(&self) -> (FxHashMap<u64, usize>, Vec<u64>) {
        let width = self.counts.width;
        let mut sums: FxHashMap<u64, usize> = FxHashMap::default();
        let mut arena: Vec<u64> = Vec::new();
        let mut add = |key: u64, row: &[u64]| {
            let at = *sums.entry(key).or_insert_with(|| {
                arena.resize(arena.len() + width, 0);
                arena.len() - width
            });
            for (s, c) in arena[at..at + width].iter_mut().zip(row) {
                *s += c;
            }
        };
        let mut row = vec![0; width];
        for (g, &key) in self.packed.iter().enumerate() {
            self.counts.read(g, &mut row);
            let (dim, value, period) = unpack(key);
            match dim {
                COMBO => {
                    add(pack(OVERALL, 0, period), &row);
                    for s in &self.combos[value as usize] {
                        add(pack(SEGMENT, u64::from(*s), period), &row);
                    }
                }
                COMBO_TP => {
                    let (t, segs) = (value & 0xff_ffff, &self.combos[(value >> 24) as usize]);
                    for s in segs {
                        add(pack(TP_SEGMENT, (t << 24) | u64::from(*s), 0), &row);
                    }
                }
                _ => add(key, &row),
            }
        }
        (sums, arena)
    }

    /// Names each spread key's group and period and cuts its counters into one histogram per
    /// score (an all-zero score is an empty histogram).
    fn keyed_groups(&self, sums: FxHashMap<u64, usize>, arena: &[u64]) -> BTreeMap<GroupKey, GroupPartial> {
        let width = self.counts.width;
        let mut groups = Vec::with_capacity(sums.len());
        for (key, at) in sums {
            let row = &arena[at..at + width];
            let (dim_code, value, period) = unpack(key);
            let (dim, group) = self.group_name(dim_code, value);
            let period = (period != 0).then(|| self.periods.values[period as usize - 1].to_string());
            let scores = self
                .project
                .scores
                .iter()
                .enumerate()
                .map(|(s, def)| {
                    let counts = &row[self.offsets[s]..self.offsets[s] + def.width()];
                    if counts.iter().all(|c| *c == 0) {
                        Histogram::default()
                    } else {
                        Histogram { counts: counts.to_vec() }
                    }
                })
                .collect();
            groups.push((GroupKey { dim, group, period }, GroupPartial { scores }));
        }
        groups.into_iter().collect()
    }

    /// The dimension and group name a spread key's dimension code and value stand for.
    fn group_name(&self, dim_code: u64, value: u64) -> (Dim, String) {
        let project = self.project;
        let segment_of = |v: u64| self.segments.values[v as usize].to_string();
        match dim_code {
            OVERALL => (Dim::Source, project.datasets[self.plan.dataset_index].source.clone()),
            TOUCHPOINT => (Dim::Touchpoint, project.touchpoints[value as usize].id.clone()),
            SEGMENT => (Dim::Segment, segment_of(value)),
            TP_SEGMENT => {
                let tp = (value >> 24) as usize;
                let key = GroupKey::touchpoint_segment(&project.touchpoints[tp].id, &segment_of(value & 0xff_ffff));
                (key.dim, key.group)
            }
            c => {
                let d = (c - CUSTOM) as usize;
                (Dim::Custom(d), self.customs[d].values[value as usize].to_string())
            }
        }
    }
}

/// The driver partials with each touchpoint's gap histograms that saw any answer.
fn drivers_with_gaps(mut drivers: DriverPartials, gaps: Vec<[Histogram; 2]>) -> DriverPartials {
    for (t, h) in gaps.into_iter().enumerate() {
        if !h[0].counts.is_empty() || !h[1].counts.is_empty() {
            drivers.gaps.insert(t, h);
        }
    }
    drivers
}

/// The comments with each slot's non-zero comment count (slot 0 is the dataset's own).
fn comments_with_counts(mut comments: Comments, counts: &[u64]) -> Comments {
    for (slot, n) in counts.iter().enumerate() {
        if *n > 0 {
            comments.counts.insert(slot.checked_sub(1), *n);
        }
    }
    comments
}

/// The dataset's quality report: the columns the plan used (a column only shared score
/// readings read is reported by reading, not as itself), each reading, and its ids sorted.
fn dataset_quality(
    plan: &Plan<'_>,
    quality: DatasetQuality,
    columns: &[ColumnQuality],
    readings: &[ColumnQuality],
) -> DatasetQuality {
    let mut quality = DatasetQuality {
        id: plan.ds.id.clone(),
        path: plan.ds.file.display.clone(),
        source: plan.ds.source.clone(),
        role: "response",
        ..quality
    };
    // Columns read by a named reading, marked once (a walk of the readings per column grew
    // with the square of a wide file's columns).
    let mut by_reading = vec![false; columns.len()];
    for ((col, _), _) in plan.scores.iter().zip(&plan.reading_names).filter(|(_, n)| n.is_some()) {
        if let Some(b) = by_reading.get_mut(*col) {
            *b = true;
        }
    }
    for (i, c) in columns.iter().enumerate() {
        if plan.used_columns.binary_search(&i).is_ok() && !(by_reading[i] && *c == ColumnQuality::default()) {
            let name = plan.labels.get(i).cloned().unwrap_or_default();
            quality.columns.insert(name, c.clone());
        }
    }
    for (name, c) in plan.reading_names.iter().zip(readings) {
        if let Some(name) = name {
            quality.columns.insert(name.clone(), c.clone());
        }
    }
    // This part's ids as one sorted run (see `DatasetQuality::id_rows`).
    for run in &mut quality.id_rows {
        run.sort_unstable();
    }
    for run in &mut quality.score_rows {
        run.sort_unstable();
    }
    quality
}
