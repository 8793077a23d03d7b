//! Datasets → partial aggregates and a data-quality report. Streams each file once and keeps
//! no rows: memory follows the number of groups (and the bounded comment samples).

pub mod partial;
pub mod quality;
pub mod reader;
pub mod redact;
pub mod value;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Diagnostic, Error, Result};
use crate::project::{Dataset, Format, Lookup, Project, ScoreColumn, SegmentKind};
pub use partial::{Dim, GroupKey, Histogram, Partials};
pub use quality::{DatasetQuality, Quality};
use value::Cell;

/// Comments kept per touchpoint (a uniform, deterministic sample; see [`Comments`]).
pub const COMMENT_SAMPLE: usize = 40;

/// What ingest hands to the metrics step.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub partials: Partials,
    pub quality: Quality,
    pub comments: Comments,
}

/// One customer comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub text: String,
    /// Index into `Project::touchpoints`.
    pub touchpoint: Option<usize>,
    /// The loyalty score (or the first score) given in the same row, with its score index.
    pub score: Option<(usize, i64)>,
    pub date: Option<NaiveDate>,
    pub source: String,
}

/// Comment counts and bounded samples.
///
/// Each touchpoint keeps the `COMMENT_SAMPLE` comments with the smallest hash of
/// (dataset, row): a uniform sample that is the same whatever the order rows are read in,
/// and that merges (keep the smallest hashes of the union).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comments {
    /// Number of non-blank comments per touchpoint (`None`: not tied to a touchpoint).
    pub counts: BTreeMap<Option<usize>, u64>,
    pub samples: BTreeMap<Option<usize>, BTreeMap<u64, Comment>>,
}

impl Comments {
    fn add(&mut self, hash: u64, c: Comment) {
        *self.counts.entry(c.touchpoint).or_default() += 1;
        let sample = self.samples.entry(c.touchpoint).or_default();
        sample.insert(hash, c);
        if sample.len() > COMMENT_SAMPLE {
            sample.pop_last();
        }
    }

    /// The sampled comments of one touchpoint, in sample order.
    pub fn sample(&self, touchpoint: Option<usize>) -> impl Iterator<Item = &Comment> {
        self.samples.get(&touchpoint).into_iter().flat_map(|m| m.values())
    }
}

/// FNV-1a: a small, stable hash (the standard library's may change between releases).
fn stable_hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A lookup table loaded in memory: key → record.
struct LoadedLookup {
    header: Vec<String>,
    rows: HashMap<String, csv::StringRecord>,
}

/// Where a column used by a response dataset lives.
#[derive(Debug, Clone, Copy)]
enum ColRef {
    Own(usize),
    /// (index into the dataset's joins, column of the lookup).
    Joined(usize, usize),
}

/// A segment as evaluated on one dataset.
enum SegPlan<'p> {
    Rule { id: &'p str, rule: &'p crate::project::Rule, refs: Vec<ColRef> },
    FromColumn { prefix: &'p str, name: &'p str, col: ColRef },
}

/// A dataset's mapping resolved against its file's header.
struct Plan<'p> {
    ds: &'p Dataset,
    touchpoint: Option<usize>,
    date: Option<usize>,
    comment: Option<usize>,
    scores: Vec<(usize, &'p ScoreColumn)>,
    dims: Vec<(usize, usize)>,
    joins: Vec<(usize, usize)>,
    segments: Vec<SegPlan<'p>>,
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

/// Diagnostics for segments whose columns a file lacks, by segment index.
type SegmentMisses = Vec<(usize, Diagnostic)>;

/// Reads every dataset of the project.
pub fn ingest(project: &Project) -> Result<Ingested> {
    let mut out = Ingested::default();
    let mut lookups = Vec::new();
    for l in &project.lookups {
        let (loaded, q) = load_lookup(l)?;
        lookups.push(loaded);
        out.quality.datasets.push(q);
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seg_missing: Vec<(usize, Diagnostic)> = Vec::new();
    for ds in &project.datasets {
        match reader::open(&ds.file) {
            Ok(f) => {
                let (planned, mut missing) = plan(project, ds, &f.header, &lookups);
                seg_missing.append(&mut missing);
                match planned {
                    Ok(p) => files.push((p, f)),
                    Err(mut e) => errors.append(&mut e),
                }
            }
            Err(Error::Invalid(mut e)) => errors.append(&mut e),
            Err(e) => return Err(e),
        }
    }
    // A segment listing its datasets must be computable on each; one without a list applies
    // where its columns exist, and is an error only when no dataset has them (a typo).
    for (si, seg) in project.segments.iter().enumerate() {
        let misses: Vec<&Diagnostic> = seg_missing.iter().filter(|(i, _)| *i == si).map(|(_, d)| d).collect();
        if seg.explicit_datasets {
            errors.extend(misses.into_iter().cloned());
        } else if !misses.is_empty() && misses.len() == seg.datasets.len() {
            errors.push(misses[0].clone());
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut dates: Option<(NaiveDate, NaiveDate)> = None;
    for (plan, file) in files {
        let q = fold_dataset(project, &plan, file, &lookups, &mut out, &mut dates)?;
        out.quality.datasets.push(q);
    }
    // Lookups first in the report reads oddly; keep response datasets first, in project order.
    out.quality.datasets.sort_by_key(|d| d.role == "lookup");
    out.quality.warnings = identifier_like_groups(project, &out.partials);
    out.quality.first_date = dates.map(|d| d.0.to_string());
    out.quality.last_date = dates.map(|d| d.1.to_string());
    Ok(out)
}

fn load_lookup(l: &Lookup) -> Result<(LoadedLookup, DatasetQuality)> {
    let mut f = reader::open(&l.file)?;
    let key = reader::resolve(&f.header, &l.key, &l.id, &l.file.display).map_err(Error::one)?;
    let mut q = DatasetQuality {
        id: l.id.clone(),
        path: l.file.display.clone(),
        source: l.id.clone(),
        role: "lookup",
        ..Default::default()
    };
    let mut rows: HashMap<String, csv::StringRecord> = HashMap::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut dups = Vec::new();
    let mut rec = csv::StringRecord::new();
    while let Some(line) = f.next(&mut rec)? {
        q.rows_read += 1;
        let k = rec.get(key).unwrap_or("").trim().to_string();
        if k.is_empty() {
            q.reject_row("blank key", || format!("{}:{line}:{}: blank key", l.file.display, l.key.name));
            continue;
        }
        if let Some(first) = first_line.get(&k) {
            if dups.len() < 5 {
                dups.push(Diagnostic::at(
                    &l.file.display,
                    line,
                    0,
                    format!(
                        "duplicate key `{k}` in column `{}` (first on row {first}); a lookup needs one row per key",
                        l.key.name
                    ),
                ));
            }
            continue;
        }
        first_line.insert(k.clone(), line);
        q.rows_used += 1;
        rows.insert(k, rec.clone());
    }
    if !dups.is_empty() {
        return Err(Error::Invalid(dups));
    }
    Ok((LoadedLookup { header: f.header, rows }, q))
}

/// Resolves every column a dataset's mapping, joins and segments name; reports all that are
/// missing. Segments whose columns this file lacks come back apart, by segment index: whether
/// that is an error depends on the other datasets (see [`ingest`]).
fn plan<'p>(
    project: &'p Project,
    ds: &'p Dataset,
    header: &[String],
    lookups: &[LoadedLookup],
) -> (Result<Plan<'p>, Vec<Diagnostic>>, SegmentMisses) {
    let mut errors = Vec::new();
    let file = ds.file.display.as_str();
    let mut own = |c: &crate::project::ColumnName| match reader::resolve(header, c, &ds.id, file) {
        Ok(i) => Some(i),
        Err(d) => {
            errors.push(d);
            None
        }
    };
    let touchpoint = ds.touchpoint_column.as_ref().and_then(&mut own);
    let date = ds.date.as_ref().and_then(&mut own);
    let comment = ds.comment.as_ref().and_then(&mut own);
    if let Some(r) = &ds.respondent {
        own(r);
    }
    let scores: Vec<_> = ds.scores.iter().filter_map(|s| own(&s.column).map(|i| (i, s))).collect();
    let dims: Vec<_> = ds.dimensions.iter().filter_map(|(d, c)| own(c).map(|i| (*d, i))).collect();
    let joins: Vec<_> = ds.joins.iter().filter_map(|j| own(&j.column).map(|i| (i, j.lookup))).collect();

    // A rule column is looked up in the dataset, then in each joined lookup.
    let find = |name: &str| -> Option<ColRef> {
        header.iter().position(|h| h == name).map(ColRef::Own).or_else(|| {
            joins.iter().enumerate().find_map(|(ji, (_, li))| {
                lookups[*li].header.iter().position(|h| h == name).map(|c| ColRef::Joined(ji, c))
            })
        })
    };
    let all_columns = || {
        header
            .iter()
            .map(String::as_str)
            .chain(joins.iter().flat_map(|(_, li)| lookups[*li].header.iter().map(String::as_str)))
    };
    let ds_index = project.datasets.iter().position(|d| d.id == ds.id).unwrap_or(0);
    let mut segments = Vec::new();
    let mut seg_missing = Vec::new();
    for (si, seg) in project.segments.iter().enumerate().filter(|(_, s)| s.datasets.contains(&ds_index)) {
        match &seg.kind {
            SegmentKind::Rule(rule) => {
                let refs: Vec<Option<ColRef>> = rule.columns.iter().map(|c| find(c)).collect();
                if refs.iter().all(Option::is_some) {
                    segments.push(SegPlan::Rule { id: &seg.id, rule, refs: refs.into_iter().flatten().collect() });
                } else {
                    let missing = rule
                        .columns
                        .iter()
                        .zip(&refs)
                        .find(|(_, r)| r.is_none())
                        .map(|(c, _)| c.clone())
                        .unwrap_or_default();
                    let col = crate::project::ColumnName { name: missing, pos: seg.pos };
                    let mut d = reader::missing_column(all_columns(), &col, &ds.id, file);
                    d.message = format!("segment `{}`: {}", seg.id, d.message);
                    seg_missing.push((si, d));
                }
            }
            SegmentKind::FromColumn(c) => match find(&c.name) {
                Some(col) => segments.push(SegPlan::FromColumn { prefix: &seg.id, name: &seg.name, col }),
                None => {
                    let mut d = reader::missing_column(all_columns(), c, &ds.id, file);
                    d.message = format!("segment `{}`: {}", seg.id, d.message);
                    seg_missing.push((si, d));
                }
            },
        }
    }
    let plan = if errors.is_empty() {
        Ok(Plan { ds, touchpoint, date, comment, scores, dims, joins, segments })
    } else {
        Err(errors)
    };
    (plan, seg_missing)
}

/// Adds one row's answers to the driver partials: in wide data every pair of the loyalty
/// outcome and touchpoint ratings; in long data the outcome split by whether the row's
/// touchpoint was rated in its top box.
fn fold_drivers(
    project: &Project,
    answers: &[(usize, i64, Option<usize>, bool)],
    drivers: &mut partial::DriverPartials,
) {
    let Some(loyalty) = project.loyalty else { return };
    let Some(&(_, outcome, _, _)) = answers.iter().find(|a| a.0 == loyalty) else { return };
    let wide: Vec<(usize, f64)> =
        answers.iter().filter(|a| a.3 && a.0 != loyalty).filter_map(|a| a.2.map(|t| (1 + t, a.1 as f64))).collect();
    if !wide.is_empty() {
        let mut vars = vec![(0usize, outcome as f64)];
        vars.extend(wide);
        for i in 0..vars.len() {
            for j in i + 1..vars.len() {
                let (a, b) = if vars[i].0 <= vars[j].0 { (vars[i], vars[j]) } else { (vars[j], vars[i]) };
                drivers.pairs.entry((a.0, b.0)).or_default().add(a.1, b.1);
            }
        }
        return;
    }
    // Long data: the row's rating of its touchpoint is its first rating-type score.
    let rating = answers.iter().find(|a| {
        a.0 != loyalty && !a.3 && a.2.is_some() && project.scores[a.0].kind == crate::project::ScoreKind::Rating
    });
    if let Some(&(score, v, Some(t), _)) = rating {
        let out_def = &project.scores[loyalty];
        let top = v >= project.scores[score].top_box;
        let hists = drivers.gaps.entry(t).or_default();
        hists[usize::from(!top)].add((outcome - out_def.min) as usize, out_def.width());
    }
}

/// Streams one dataset into the partials.
fn fold_dataset(
    project: &Project,
    plan: &Plan,
    mut file: reader::Table,
    lookups: &[LoadedLookup],
    out: &mut Ingested,
    dates: &mut Option<(NaiveDate, NaiveDate)>,
) -> Result<DatasetQuality> {
    let ds = plan.ds;
    let path = ds.file.display.as_str();
    let mut q = DatasetQuality {
        id: ds.id.clone(),
        path: path.to_string(),
        source: ds.source.clone(),
        role: "response",
        ..Default::default()
    };
    let tp_lookup: HashMap<String, usize> = project
        .touchpoints
        .iter()
        .enumerate()
        .flat_map(|(i, t)| [(t.id.to_lowercase(), i), (t.name.trim().to_lowercase(), i)])
        .collect();
    let header = file.header.clone();
    let col_name = |i: usize| header.get(i).map(String::as_str).unwrap_or("?");
    let mut rec = csv::StringRecord::new();
    let mut row_keys: Vec<GroupKey> = Vec::new();
    let mut segs: Vec<String> = Vec::new();
    let mut tp_keys: Vec<GroupKey> = Vec::new();
    // (score, value, touchpoint, the score is a wide touchpoint rating)
    let mut answers: Vec<(usize, i64, Option<usize>, bool)> = Vec::new();
    while let Some(line) = file.next(&mut rec)? {
        q.rows_read += 1;
        let cell = |i: usize| rec.get(i).unwrap_or("");

        // Touchpoint of the row (long format).
        let row_tp = match (ds.fixed_touchpoint, plan.touchpoint) {
            (Some(t), _) => Some(t),
            (None, Some(c)) => {
                let raw = cell(c).trim();
                let cq = q.columns.entry(col_name(c).to_string()).or_default();
                if raw.is_empty() {
                    cq.blank += 1;
                    None
                } else if let Some(t) = tp_lookup.get(&raw.to_lowercase()) {
                    cq.valid += 1;
                    Some(*t)
                } else {
                    cq.invalid += 1;
                    q.reject_row("touchpoint not in the journey", || {
                        format!("{path}:{line}:{}: {raw:?} — not a touchpoint id or name of the journey", col_name(c))
                    });
                    continue;
                }
            }
            (None, None) => None,
        };

        // Date → period.
        let date = plan.date.and_then(|c| {
            let raw = cell(c).trim();
            let cq = q.columns.entry(col_name(c).to_string()).or_default();
            if raw.is_empty() {
                cq.blank += 1;
                return None;
            }
            match value::read_date(raw, project.timezone, ds.date_format.as_deref(), ds.file.workbook) {
                Some(d) => {
                    cq.valid += 1;
                    Some(d)
                }
                None => {
                    cq.invalid += 1;
                    q.problem(format!("{}: unreadable date", col_name(c)), || {
                        format!("{path}:{line}:{}: {raw:?} — not a date (expected e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30)", col_name(c))
                    });
                    None
                }
            }
        });
        let period = date.map(|d| value::period_key(d, project.period));

        // Joined lookup rows.
        let joined: Vec<Option<&csv::StringRecord>> = plan
            .joins
            .iter()
            .map(|(c, li)| {
                let key = cell(*c).trim();
                let cq = q.columns.entry(col_name(*c).to_string()).or_default();
                if key.is_empty() {
                    cq.blank += 1;
                    return None;
                }
                let found = lookups[*li].rows.get(key);
                if found.is_some() {
                    cq.valid += 1;
                } else {
                    cq.invalid += 1;
                    let lid = &project.lookups[*li].id;
                    q.problem(format!("{}: no match in {lid}", col_name(*c)), || {
                        format!("{path}:{line}:{}: {key:?} — no row of `{lid}` has this key", col_name(*c))
                    });
                }
                found
            })
            .collect();
        let get = |r: ColRef| -> &str {
            match r {
                ColRef::Own(i) => cell(i),
                ColRef::Joined(j, i) => joined[j].and_then(|rec| rec.get(i)).unwrap_or(""),
            }
        };

        // Segments the response belongs to.
        segs.clear();
        for s in &plan.segments {
            match s {
                SegPlan::Rule { id, rule, refs } => {
                    if rule.eval(&|i| get(refs[i])) == Some(true) {
                        segs.push(id.to_string());
                    }
                }
                SegPlan::FromColumn { prefix, name, col } => {
                    let v = get(*col).trim();
                    if !v.is_empty() {
                        let id = format!("{prefix}:{v}");
                        if !out.partials.segment_names.contains_key(&id) {
                            out.partials.segment_names.insert(id.clone(), format!("{name}: {v}"));
                        }
                        segs.push(id);
                    }
                }
            }
        }

        // Groups every answer of the row counts in, each also within the row's period.
        row_keys.clear();
        row_keys.push(GroupKey::all(Dim::Overall, "all"));
        row_keys.push(GroupKey::all(Dim::Source, ds.source.as_str()));
        for s in &segs {
            row_keys.push(GroupKey::all(Dim::Segment, s.as_str()));
        }
        for (d, c) in &plan.dims {
            let v = cell(*c).trim();
            if !v.is_empty() {
                row_keys.push(GroupKey::all(Dim::Custom(*d), v));
            }
        }
        if let Some(p) = &period {
            for i in 0..row_keys.len() {
                let k = row_keys[i].in_period(p);
                row_keys.push(k);
            }
        }

        // Answers.
        answers.clear();
        let mut first_score = None;
        for (c, sc) in &plan.scores {
            let def = &project.scores[sc.score];
            let raw = cell(*c);
            let cq = q.columns.entry(col_name(*c).to_string()).or_default();
            let v = match value::read_score(raw, &sc.reading, def) {
                Cell::Value(v) => {
                    cq.valid += 1;
                    v
                }
                Cell::Blank => {
                    cq.blank += 1;
                    continue;
                }
                Cell::NotApplicable => {
                    cq.not_applicable += 1;
                    continue;
                }
                Cell::Invalid(why) => {
                    cq.invalid += 1;
                    let short = why.split(" (").next().unwrap_or(&why).to_string();
                    q.problem(format!("{}: {short}", col_name(*c)), || {
                        format!("{path}:{line}:{}: {:?} — {why}", col_name(*c), raw.trim())
                    });
                    continue;
                }
            };
            if first_score.is_none() || Some(sc.score) == project.loyalty {
                first_score = Some((sc.score, v));
            }
            let tp = sc.touchpoint.or(row_tp);
            answers.push((sc.score, v, tp, sc.touchpoint.is_some()));
            let offset = (v - def.min) as usize;
            let width = def.width();
            for k in &row_keys {
                out.partials.add(k, sc.score, offset, width);
            }
            if let Some(t) = tp {
                let touchpoint = &project.touchpoints[t];
                tp_keys.clear();
                tp_keys.push(GroupKey::all(Dim::Touchpoint, touchpoint.id.as_str()));
                tp_keys.push(GroupKey::all(Dim::Stage, project.stages[touchpoint.stage].id.as_str()));
                if let Some(p) = &period {
                    tp_keys.push(tp_keys[0].in_period(p));
                    tp_keys.push(tp_keys[1].in_period(p));
                }
                for s in &segs {
                    tp_keys.push(GroupKey::all(Dim::TouchpointSegment, format!("{}|{s}", touchpoint.id)));
                }
                for k in &tp_keys {
                    out.partials.add(k, sc.score, offset, width);
                }
            }
        }
        let answered = answers.len();
        fold_drivers(project, &answers, &mut out.partials.drivers);

        let comment = plan.comment.map(|c| cell(c).trim()).filter(|t| !t.is_empty());
        if answered == 0 && comment.is_none() {
            q.reject_row("no usable score or comment", || {
                format!("{path}:{line}: no score could be used and there is no comment")
            });
            continue;
        }
        q.rows_used += 1;
        if let Some(d) = date {
            *dates = Some(match *dates {
                None => (d, d),
                Some((a, b)) => (a.min(d), b.max(d)),
            });
        }
        if let Some(text) = comment {
            let tp = if ds.format == Format::Long { row_tp } else { None };
            let hash = stable_hash(&[ds.id.as_bytes(), &line.to_le_bytes()]);
            out.comments.add(
                hash,
                Comment {
                    text: redact::redact(text),
                    touchpoint: tp,
                    score: first_score,
                    date,
                    source: ds.source.clone(),
                },
            );
        }
    }
    for line in std::mem::take(&mut file.malformed) {
        q.rows_read += 1;
        q.reject_row("wrong number of fields", || {
            format!("{path}:{line}: the row has a different number of fields than the header")
        });
    }
    Ok(q)
}
