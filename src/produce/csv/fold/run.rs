//! Driving the fold: the table's chunks, in file order, folded on every core and merged.

use csv::ByteRecord;
use rayon::prelude::*;

use super::super::reader::{self, Chunk, Row};
use super::super::LoadedLookup;
use super::held::Held;
use super::tables::TextMap;
use super::{Acc, Plan};
use crate::aggregate::{Contribution, Merge};
use crate::error::{Error, Result};
use crate::project::Project;
use rustc_hash::FxHashSet;

/// Reads `table` in batches and folds them on all cores.
pub(in crate::produce::csv) fn fold_dataset<'p>(
    project: &'p Project,
    plan: &Plan,
    table: reader::Table,
    lookups: &[LoadedLookup],
    analyzer: Option<&'p crate::text::SharedAnalyzer<'p>>,
) -> Result<Contribution> {
    let tp_lookup = touchpoint_lookup(project);
    let width = table.header.len();
    let decoded = table.encoding;
    let pass = |table: reader::Table, decided: Option<&FxHashSet<Box<str>>>| {
        fold_pass(project, plan, table, lookups, &tp_lookup, analyzer, decided)
    };
    let (mut out, held) = pass(table, None)?;
    // The rows a totals label held, read again now that the file says which labels are
    // values (see `held`); or, when a worker could not hold them all, the whole file.
    let overflowed = held.overflowed();
    if overflowed || !held.is_empty() {
        let (values, rows) = held.decide(out.quality.first().map_or(0, |q| q.rows_read));
        if overflowed {
            (out, _) = pass(reader::open(&plan.ds.file)?, Some(&values))?;
        } else {
            let mut acc = Acc::new(project, plan, width, decoded, analyzer);
            acc.totals = super::held::Totals::Decided(values);
            for (line, rec) in &rows {
                acc.fold_row(*line, rec, lookups, &tp_lookup)?;
            }
            out.merge(acc.into_partials());
        }
    }
    if let Some(e) = out.quality.first().and_then(|q| mixed_date_precisions(plan, q)) {
        return Err(e);
    }
    // Personal data leaves the producer redacted: each kept comment once, after the merge.
    out.comments.redact();
    if let Some(q) = out.quality.first_mut() {
        join_examples(project, plan, lookups, q);
    }
    // A file of a header alone: nothing of it reaches the site, which must not pass unsaid.
    if let Some(q) = out.quality.first_mut().filter(|q| q.rows_read == 0) {
        q.warnings.push(format!("{} has a header and no rows; nothing of it is on the site", plan.ds.file.display));
    }
    Ok(out)
}

/// One pass over `table` on all cores: the workers' parts merged, and the rows they held for
/// their totals labels; with `decided`, the labels found on many rows are values, and no row
/// is held.
fn fold_pass<'p>(
    project: &'p Project,
    plan: &Plan,
    table: reader::Table,
    lookups: &[LoadedLookup],
    tp_lookup: &TextMap<usize>,
    analyzer: Option<&'p crate::text::SharedAnalyzer<'p>>,
    decided: Option<&FxHashSet<Box<str>>>,
) -> Result<(Contribution, Held)> {
    let width = table.header.len();
    let shape = table.shape().cloned();
    let decoded = table.encoding;
    let warnings = table.warnings.clone();
    let new_acc = || {
        let mut acc = Acc::new(project, plan, width, decoded, analyzer);
        if let Some(values) = decided {
            acc.totals = super::held::Totals::Decided(values.clone());
        }
        acc
    };
    // Spent chunks' buffers come back here to be filled again, so they are allocated once.
    let pool: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());
    let chunks = Chunks { table, failed: false, pool: &pool };
    let folded = chunks
        .par_bridge()
        .try_fold(
            || (new_acc(), ByteRecord::new()),
            |(mut acc, mut rec), chunk: Result<Chunk>| {
                let rows = Rows { shape: shape.as_ref(), lookups, tp_lookup, pool: &pool };
                rows.fold_chunk(&mut acc, &mut rec, chunk?)?;
                Ok::<_, Error>((acc, rec))
            },
        )
        .map(|acc| {
            acc.map(|(mut a, _)| {
                let held = a.totals.take_held();
                (a.into_partials(), held)
            })
        })
        .collect::<Vec<_>>();
    // A file with no rows still reports itself.
    let mut out = new_acc().into_partials();
    if let Some(q) = out.quality.first_mut() {
        q.warnings = warnings;
    }
    let held = merge_parts(&mut out, folded)?;
    Ok((out, held))
}

/// Touchpoint cell → touchpoint, as a cell is read (`Acc::read_touchpoint`); spaces evened
/// out (`Mobile\u{a0}app` names `Mobile App`). Names first, then ids, so that an id always
/// wins over a name (loading refuses a name that reads as another touchpoint's id or name).
fn touchpoint_lookup(project: &Project) -> TextMap<usize> {
    let mut tp_lookup: TextMap<usize> = TextMap::default();
    for (i, t) in project.touchpoints.iter().enumerate() {
        tp_lookup.insert(crate::aggregate::redact::name_key(&t.name).as_bytes(), i);
    }
    for (i, t) in project.touchpoints.iter().enumerate() {
        tp_lookup.insert(t.id.to_lowercase().as_bytes(), i);
    }
    for (i, t) in project.touchpoints.iter().enumerate() {
        tp_lookup.insert(t.id.as_bytes(), i);
    }
    tp_lookup
}

/// What a worker folds a chunk's rows with, the same for every chunk.
struct Rows<'a> {
    shape: Option<&'a reader::CsvShape>,
    lookups: &'a [LoadedLookup],
    tp_lookup: &'a TextMap<usize>,
    /// Where a text chunk's buffer goes back once its rows are folded.
    pool: &'a std::sync::Mutex<Vec<Vec<u8>>>,
}

impl Rows<'_> {
    /// Folds one chunk: a text file's bytes split into rows here (`rec` reused), or a
    /// workbook's rows as read.
    fn fold_chunk(&self, acc: &mut Acc, rec: &mut ByteRecord, chunk: Chunk) -> Result<()> {
        match chunk {
            Chunk::Text(text) => {
                if let Some(shape) = self.shape {
                    shape.for_each_row(&text, rec, |row| match row {
                        Row::Data(line, r) => acc.fold_csv_row(line, r, self.lookups, self.tp_lookup),
                        Row::Malformed(line, kind) => {
                            acc.malformed_row(line, kind);
                            Ok(())
                        }
                        Row::Empty(line) => {
                            acc.empty_row(line);
                            Ok(())
                        }
                        Row::Cut(cut) => {
                            acc.cut = Some(cut);
                            Ok(())
                        }
                        Row::OpenQuote(q) => {
                            acc.open_quote(q);
                            Ok(())
                        }
                    })?;
                }
                if let Ok(mut p) = self.pool.lock() {
                    p.push(text.bytes);
                }
            }
            Chunk::Rows(rows) => {
                for (line, r) in &rows {
                    // A sheet's row of empty cells comes with no cells at all.
                    if r.is_empty() {
                        acc.empty_row(*line);
                    } else {
                        acc.fold_row(*line, r, self.lookups, self.tp_lookup)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Merges the workers' parts into `out` in any order (every part adds up, and examples keep
/// the earliest rows), and returns the rows they held ([`Held`]); a part that failed fails the whole with the earliest row's error, as
/// read errors come from the reader in file order.
fn merge_parts(out: &mut Contribution, parts: Vec<Result<(Contribution, Held)>>) -> Result<Held> {
    let mut first_error: Option<Error> = None;
    let mut all_held = Held::default();
    for part in parts {
        match part {
            Ok((c, held)) => {
                out.merge(c);
                all_held.merge(held);
            }
            Err(e) => {
                let keep = match (&first_error, &e) {
                    (None, _) => true,
                    (Some(Error::Invalid(a)), Error::Invalid(b)) => {
                        b.first().and_then(|d| d.line) < a.first().and_then(|d| d.line)
                    }
                    _ => false,
                };
                if keep {
                    first_error = Some(e);
                }
            }
        }
    }
    first_error.map_or(Ok(all_held), Err)
}

/// A column of months without their day and dates with one: read as the 1st, the months'
/// answers would sit beside answers dated to the day, more finely than they were given. The
/// error names the first month alone and the first date with its day.
fn mixed_date_precisions(plan: &Plan, q: &crate::aggregate::DatasetQuality) -> Option<Error> {
    let [Some((month_line, month)), Some((day_line, day))] = &q.date_precisions else { return None };
    let col = plan.date.and_then(|c| plan.labels.get(c)).map_or("?", String::as_str);
    let mut d = crate::error::Diagnostic::file(
        &plan.ds.file.display,
        format!(
            "{} is a month without its day, but line {day_line} writes a date with one ({}); a month alone is read as its first day only in a column of months. Write the column in one form, or set `date_format` to the form of its dates with a day (`YYYY-MM-DD`), under which a month alone is an unreadable date, counted",
            super::cells::example(month),
            super::cells::example(day)
        ),
    );
    d.line = Some(*month_line);
    d.column = Some(col.to_string());
    Some(Error::one(d))
}

/// Gives each join's counts the lookup's first key, for the warning a join that mostly
/// finds no row gets (`DatasetQuality::warn_unmatched_joins`).
fn join_examples(project: &Project, plan: &Plan, lookups: &[LoadedLookup], q: &mut crate::aggregate::DatasetQuality) {
    for (c, li) in &plan.joins {
        let col = plan.labels.get(*c).map_or("?", String::as_str);
        let key = super::row::no_match(col, &project.lookups[*li].id);
        if let Some(j) = q.join_matches.get_mut(&key) {
            j.lookup_key = lookups[*li].first_key.as_deref().map(super::cells::example);
        }
    }
}

/// The table's chunks in file order; after a read error, nothing more.
struct Chunks<'a> {
    table: reader::Table,
    failed: bool,
    pool: &'a std::sync::Mutex<Vec<Vec<u8>>>,
}

impl Iterator for Chunks<'_> {
    type Item = Result<Chunk>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let reuse = self.pool.lock().ok().and_then(|mut p| p.pop()).unwrap_or_default();
        match self.table.next_chunk(reuse) {
            Ok(chunk) => chunk.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
