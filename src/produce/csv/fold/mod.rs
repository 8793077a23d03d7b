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

use std::collections::BTreeMap;

use chrono::NaiveDate;
use csv::{ByteRecord, StringRecord};
use rustc_hash::FxHashMap;

use super::reader::Malformed;
use super::value::{self, Cell};
use super::{reader, ColRef, LoadedLookup, Plan, SegPlan};
use crate::aggregate::{
    redact, stable_hash, ColumnQuality, Comment, Comments, Contribution, DatasetQuality, Dim, DriverPartials, GroupKey,
    GroupPartial, Histogram, Merge, Partials,
};
use crate::error::Result;
use crate::project::{Format, Project};

mod cells;
mod run;
mod tables;
mod text;
use cells::{date_hint, example, identifier_error, is_identifier};
pub(super) use run::fold_dataset;
use tables::{Counters, DenseIndex, Interner, TextMap, NO_GROUP};

/// Combinations of segment-column values remembered per worker.
const SEGMENT_MEMO: usize = 1 << 16;

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
    /// Comment text analysis (see [`text`]).
    text: text::TextAcc<'p>,
    quality: DatasetQuality,
    columns: Vec<ColumnQuality>,
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
}

impl<'p> Acc<'p> {
    fn new(
        project: &'p Project,
        plan: &'p Plan<'p>,
        width: usize,
        decoded: Option<&'static str>,
        analyzer: Option<&'p crate::text::Analyzer>,
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
            text: text::TextAcc::new(analyzer),
            quality: DatasetQuality {
                id: ds.id.clone(),
                path: ds.file.display.clone(),
                source: ds.source.clone(),
                role: "response",
                ..Default::default()
            },
            columns: vec![ColumnQuality::default(); width],
            decoded,
            bad: Vec::new(),
            dates: None,
            row_groups: Vec::new(),
            tp_groups: Vec::new(),
            segs: Vec::new(),
            row_dims: vec![None; project.dimensions.len()],
            answers: Vec::new(),
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
    fn evaluate_segments<'r>(&mut self, line: u64, get: &impl Fn(ColRef) -> &'r str) -> Result<u32> {
        let plan = self.plan;
        for (si, s) in plan.segments.iter().enumerate() {
            match s {
                SegPlan::Rule { id, rule, refs } => {
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
                    let v = get(*col).trim();
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
            self.seg_memo.insert(&self.seg_key, combo);
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

    /// Counts a record that is not a row, skipped because `skip_malformed_rows` is on.
    fn malformed_row(&mut self, line: u64, kind: Malformed) {
        let path = self.plan.ds.file.display.as_str();
        self.quality.rows_read += 1;
        self.quality.reject_row(kind.reason(), line, || kind.example(path, line));
    }

    fn fold_row(
        &mut self,
        line: u64,
        rec: &ByteRecord,
        lookups: &[LoadedLookup],
        tp_lookup: &TextMap<usize>,
    ) -> Result<()> {
        let project = self.project;
        let plan = self.plan;
        let ds = plan.ds;
        let path = ds.file.display.as_str();
        let header = &plan.header;
        let col_name = |i: usize| header.get(i).map(String::as_str).unwrap_or("?");
        // Only the cells the mapping reads must be UTF-8. The row is checked as a whole, once;
        // its read cells are then slices of it, unless one is cut inside a character.
        let whole = std::str::from_utf8(rec.as_slice()).ok().filter(|t| {
            plan.read_columns
                .iter()
                .all(|&c| rec.range(c).is_none_or(|r| t.is_char_boundary(r.start) && t.is_char_boundary(r.end)))
        });
        self.bad.clear();
        if whole.is_none() {
            for &c in &plan.read_columns {
                let Some(bytes) = rec.get(c).filter(|b| std::str::from_utf8(b).is_err()) else { continue };
                // Undecodable bytes in a decoded file are a bad value; in a file read as
                // UTF-8 they mean the wrong encoding.
                let Some(enc) = self.decoded else { return Err(reader::not_utf8(path, line, col_name(c))) };
                self.bad.push(c);
                self.quality.problem(format!("{}: not valid {enc}", col_name(c)), line, || {
                    let shown = String::from_utf8_lossy(bytes);
                    format!(
                        "{path}:{line}:{}: {} — bytes that are not valid {enc} (shown as �); the cell is skipped",
                        col_name(c),
                        example(shown.trim())
                    )
                });
            }
        }
        let cell = |i: usize| match whole {
            Some(t) => rec.range(i).and_then(|r| t.get(r)).unwrap_or(""),
            None => rec.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or(""),
        };
        self.quality.rows_read += 1;
        if let Some(why) = plan.screens.screen(cell) {
            self.quality.reject_row(why, line, || format!("{path}:{line}: {why}, left out (see docs/exports.md)"));
            return Ok(());
        }

        // Touchpoint of the row (long format): its id, else its name, case-insensitively.
        let row_tp = match (ds.fixed_touchpoint, plan.touchpoint) {
            (Some(t), _) => Some(t),
            (None, Some(c)) => {
                let raw = cell(c).trim();
                if raw.is_empty() {
                    self.blank(c);
                    None
                } else if let Some(t) =
                    tp_lookup.get(raw.as_bytes()).or_else(|| tp_lookup.get(raw.to_lowercase().as_bytes()))
                {
                    self.columns[c].valid += 1;
                    Some(t)
                } else {
                    self.columns[c].invalid += 1;
                    self.quality.reject_row("touchpoint not in the journey", line, || {
                        format!(
                            "{path}:{line}:{}: {} — not a touchpoint id or name of the journey",
                            col_name(c),
                            example(raw)
                        )
                    });
                    return Ok(());
                }
            }
            (None, None) => None,
        };

        // Date → period.
        let mut date = None;
        if let Some(c) = plan.date {
            let raw = cell(c).trim();
            if raw.is_empty() {
                self.blank(c);
            } else {
                match value::read_date(raw, project.timezone, ds.date_format.as_deref(), ds.file.workbook) {
                    Some(d) => {
                        self.columns[c].valid += 1;
                        date = Some(d);
                    }
                    None => {
                        self.columns[c].invalid += 1;
                        self.quality.problem(format!("{}: unreadable date", col_name(c)), line, || {
                            format!(
                                "{path}:{line}:{}: {} — not a date ({})",
                                col_name(c),
                                example(raw),
                                date_hint(ds.date_format_written.as_deref(), raw)
                            )
                        });
                    }
                }
            }
        }
        let period = match date {
            None => 0,
            Some(d) => match self.period_of.get(&d) {
                Some(p) => *p,
                None => {
                    let p = 1 + u64::from(self.periods.id(&project.period.key(d)));
                    self.period_of.insert(d, p);
                    p
                }
            },
        };

        // Joined lookup rows.
        let mut joined: [Option<&StringRecord>; 8] = [None; 8];
        for (ji, (c, li)) in plan.joins.iter().enumerate().take(8) {
            let key = cell(*c).trim();
            if key.is_empty() {
                self.blank(*c);
                continue;
            }
            match lookups[*li].rows.get(key) {
                Some(r) => {
                    self.columns[*c].valid += 1;
                    joined[ji] = Some(r);
                }
                None => {
                    self.columns[*c].invalid += 1;
                    let lid = &project.lookups[*li].id;
                    self.quality.problem(format!("{}: no match in {lid}", col_name(*c)), line, || {
                        format!("{path}:{line}:{}: {} — no row of `{lid}` has this key", col_name(*c), example(key))
                    });
                }
            }
        }
        let get = |r: ColRef| -> &str {
            match r {
                ColRef::Own(i) => cell(i),
                ColRef::Joined(j, i) => joined.get(j).copied().flatten().and_then(|rec| rec.get(i)).unwrap_or(""),
            }
        };

        // Segments the response belongs to: remembered by the values their rules read.
        self.seg_key.clear();
        for r in &self.seg_refs {
            self.seg_key.extend_from_slice(get(*r).as_bytes());
            self.seg_key.push(0xff); // never in UTF-8 text, so the key splits one way only
        }
        self.segs.clear();
        let combo = match self.seg_memo.get(&self.seg_key) {
            Some(c) => {
                self.segs.extend_from_slice(&self.combos[c as usize]);
                c
            }
            None => self.evaluate_segments(line, &get)?,
        };
        // A common combination is counted as itself, in the period and at the touchpoint:
        // two counters instead of the overall, each segment and each touchpoint × segment
        // group, spread into those in `into_partials`. The combination tables are small, so
        // they stay in the cache.
        let combo = (combo < COMBO_CELLS).then_some(combo as usize);

        // Groups every answer of the row counts in.
        // The dataset's source and the stages are not counted here: a dataset is one source,
        // so its source's counts are the overall ones, and a stage's are the sum of its
        // touchpoints' (both made in `into_partials`).
        self.row_groups.clear();
        if let Some(c) = combo {
            let g = self.dense_group(COMBO_TABLE, c, COMBO, c as u64, period);
            self.row_groups.push(g);
        } else {
            self.push_group(OVERALL, 0, period);
            for i in 0..self.segs.len() {
                let s = self.segs[i];
                self.push_group(SEGMENT, u64::from(s), period);
            }
        }
        self.row_dims.iter_mut().for_each(|v| *v = None);
        for &(d, c) in &plan.dims {
            let v = cell(c).trim();
            if !v.is_empty() {
                let known = self.customs[d].values.len();
                let vid = self.customs[d].id(v);
                if self.customs[d].values.len() > known && !ds.allow_identifiers && is_identifier(v) {
                    let what = format!("dimension `{}`", project.dimensions[d].id);
                    return Err(identifier_error(path, line, &ds.id, col_name(c), &what, v));
                }
                let g = self.dense_group(DIMENSION_TABLES + d, vid as usize, CUSTOM + d as u64, u64::from(vid), period);
                self.row_groups.push(g);
                self.row_dims[d] = Some(vid);
            }
        }

        // Answers.
        let mut tp_done: Option<usize> = None;
        self.answers.clear();
        let mut first_score = None;
        for (c, sc) in &plan.scores {
            let def = &project.scores[sc.score];
            let raw = cell(*c);
            let v = match value::read_score(raw, &sc.reading, def) {
                Cell::Value(v) => {
                    self.columns[*c].valid += 1;
                    v
                }
                Cell::Blank => {
                    self.blank(*c);
                    continue;
                }
                Cell::NotApplicable => {
                    self.columns[*c].not_applicable += 1;
                    continue;
                }
                Cell::Invalid(why) => {
                    self.columns[*c].invalid += 1;
                    let short = why.split(" (").next().unwrap_or(&why).to_string();
                    self.quality.problem(format!("{}: {short}", col_name(*c)), line, || {
                        format!("{path}:{line}:{}: {} — {why}", col_name(*c), example(raw.trim()))
                    });
                    continue;
                }
            };
            if first_score.is_none() || Some(sc.score) == project.loyalty {
                first_score = Some((sc.score, v));
            }
            let tp = sc.touchpoint.or(row_tp);
            self.answers.push((sc.score, v, tp, sc.touchpoint.is_some()));
            let at = self.offsets[sc.score] + (v - def.min) as usize;
            for i in 0..self.row_groups.len() {
                let g = self.row_groups[i] as usize;
                self.counts.bump(g, at);
            }
            if let Some(t) = tp {
                // The touchpoint's groups, once per touchpoint of the row (a long row rates one).
                if tp_done != Some(t) {
                    tp_done = Some(t);
                    self.tp_groups.clear();
                    let g = self.dense_group(TOUCHPOINT_TABLE, t, TOUCHPOINT, t as u64, period);
                    self.tp_groups.push(g);
                    if let Some(c) = combo {
                        let base = c * project.touchpoints.len() + t;
                        let g = self.dense_group(COMBO_TP_TABLE, base, COMBO_TP, ((c as u64) << 24) | t as u64, 0);
                        self.tp_groups.push(g);
                    } else {
                        for i in 0..self.segs.len() {
                            let key = pack(TP_SEGMENT, ((t as u64) << 24) | u64::from(self.segs[i]), 0);
                            let g = self.group(key);
                            self.tp_groups.push(g);
                        }
                    }
                }
                for i in 0..self.tp_groups.len() {
                    let g = self.tp_groups[i] as usize;
                    self.counts.bump(g, at);
                }
            }
        }
        let answers = std::mem::take(&mut self.answers);
        super::fold_drivers(project, &answers, &mut self.drivers.pairs, &mut self.gaps);
        let answered = answers.len();
        self.answers = answers;

        let skipped =
            |t: &str| ds.file.export == Some(crate::project::Export::Wenjuanxing) && matches!(t, "(跳过)" | "(空)");
        let comment = plan.comment.map(|c| cell(c).trim()).filter(|t| !t.is_empty() && !skipped(t));
        if answered == 0 && comment.is_none() {
            self.quality.reject_row("no usable score or comment", line, || {
                format!("{path}:{line}: no score could be used and there is no comment")
            });
            return Ok(());
        }
        self.quality.rows_used += 1;
        if let Some(d) = date {
            self.dates = Some(match self.dates {
                None => (d, d),
                Some((a, b)) => (a.min(d), b.max(d)),
            });
        }
        if let Some(text) = comment {
            let tp = if ds.format == Format::Long { row_tp } else { None };
            let hash = stable_hash(&[ds.id.as_bytes(), &line.to_le_bytes()]);
            // Only a comment that enters the sample is copied and redacted.
            let slot = tp.map_or(0, |t| t + 1);
            self.comment_counts[slot] += 1;
            if hash < self.comment_cutoffs[slot] {
                let source = &ds.source;
                self.comment_cutoffs[slot] = self.comments.keep(tp, hash, || Comment {
                    text: redact::comment(text),
                    touchpoint: tp,
                    score: first_score,
                    date,
                    source: source.clone(),
                    dataset: ds.id.clone(),
                    row: line,
                    sentiment: 1,
                    themes: 0,
                });
            }
            self.analyze_comment(text, tp, period, date, first_score, line, hash);
        }
        Ok(())
    }

    /// Turns the dense counters into keyed base partials: segment combinations are spread
    /// into the groups they stand for; nothing else is added up (the aggregate stage rolls up).
    fn into_partials(self) -> Contribution {
        let project = self.project;
        let plan = self.plan;
        // Spread keys → their counters, in one flat arena.
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
        let mut drivers = self.drivers;
        for (t, h) in self.gaps.into_iter().enumerate() {
            if !h[0].counts.is_empty() || !h[1].counts.is_empty() {
                drivers.gaps.insert(t, h);
            }
        }
        let mut comments = self.comments;
        for (slot, n) in self.comment_counts.iter().enumerate() {
            if *n > 0 {
                comments.counts.insert(slot.checked_sub(1), *n);
            }
        }
        let mut partials = Partials { segment_names: self.segment_names, drivers, ..Default::default() };
        let source = &project.datasets[plan.dataset_index].source;
        let segment_of = |v: u64| self.segments.values[v as usize].to_string();
        let mut groups = Vec::with_capacity(sums.len());
        for (key, at) in sums {
            let row = &arena[at..at + width];
            let (dim_code, value, period) = unpack(key);
            let (dim, group) = match dim_code {
                OVERALL => (Dim::Source, source.clone()),
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
            };
            let period = (period != 0).then(|| self.periods.values[period as usize - 1].to_string());
            let scores = project
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
        partials.groups = groups.into_iter().collect();
        let mut quality = DatasetQuality {
            id: plan.ds.id.clone(),
            path: plan.ds.file.display.clone(),
            source: plan.ds.source.clone(),
            role: "response",
            ..self.quality
        };
        for (i, c) in self.columns.iter().enumerate() {
            if plan.used_columns.contains(&i) {
                let name = plan.header.get(i).cloned().unwrap_or_default();
                quality.columns.insert(name, c.clone());
            }
        }
        let (text, voc) = self.text.into_partials(
            &|dim, value| match dim {
                OVERALL => Some((Dim::Source, source.clone())),
                TOUCHPOINT => Some((Dim::Touchpoint, project.touchpoints[value as usize].id.clone())),
                SEGMENT => Some((Dim::Segment, segment_of(value))),
                c if c >= CUSTOM => {
                    let d = (c - CUSTOM) as usize;
                    Some((Dim::Custom(d), self.customs[d].values[value as usize].to_string()))
                }
                _ => None,
            },
            &|p| self.periods.values[p as usize - 1].to_string(),
        );
        comments.merge(voc);
        Contribution { partials, comments, text, quality: vec![quality], dates: self.dates }
    }
}
