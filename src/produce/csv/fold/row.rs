//! One row through the accumulator: [`Acc::fold_row`] and the steps it takes, in order.

use chrono::{Datelike, NaiveDate};
use csv::{ByteRecord, StringRecord};

use super::cells::{date_formats, example, identifier_error, is_identifier, swapped_date_error, swapped_order};
use super::tables::TextMap;
use super::value::{self, Cell};
use super::{
    pack, reader, Acc, ColRef, LoadedLookup, COMBO, COMBO_CELLS, COMBO_TABLE, COMBO_TP, COMBO_TP_TABLE, CUSTOM,
    DIMENSION_TABLES, OVERALL, SEGMENT, TOUCHPOINT, TOUCHPOINT_TABLE, TP_SEGMENT,
};
use crate::aggregate::{redact, stable_hash, Comment};
use crate::error::Result;
use crate::project::Format;

/// The problem key of a join key that finds no row of lookup `lid`.
pub(super) fn no_match(col: &str, lid: &str) -> String {
    format!("{col}: no match in {lid}")
}

/// Why a line of one cell is left out (see [`Acc::lone_note`]).
pub(super) const LONE_CELL: &str = "a line of one cell";

/// The name of column `i` in `header`, for messages.
fn col_name(header: &[String], i: usize) -> &str {
    header.get(i).map(String::as_str).unwrap_or("?")
}

/// A record whose read cells have been checked: its cells as text.
#[derive(Clone, Copy)]
struct Row<'r> {
    rec: &'r ByteRecord,
    /// The whole record as text, when it is UTF-8 and no read cell is cut inside a character;
    /// cells are then slices of it.
    whole: Option<&'r str>,
}

impl<'r> Row<'r> {
    /// Cell `i` as text; blank when missing or not UTF-8.
    #[inline]
    fn cell(self, i: usize) -> &'r str {
        match self.whole {
            Some(t) => self.rec.range(i).and_then(|r| t.get(r)).unwrap_or(""),
            None => self.rec.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or(""),
        }
    }
}

impl<'p> Acc<'p> {
    /// Whether `row` is words in its first cell alone, under a header of three or more
    /// columns whose first holds no score or comment: a report's title, total or footer
    /// (Salesforce ends its reports with `Grand Totals (200 records)`, a copyright and who
    /// generated it), named as such rather than as a response without a score. The words
    /// must hold a space: a row of a respondent's id alone (`R16`) is a response with no
    /// answer, and a row whose one cell is a score, comment, touchpoint or readable date is
    /// read as usual.
    fn lone_note(&self, row: Row<'_>) -> bool {
        let plan = self.plan;
        let first = row.cell(0).trim();
        first.contains(char::is_whitespace)
            && plan.header.len() >= 3
            && (1..plan.header.len()).all(|i| row.cell(i).trim().is_empty())
            && !plan.scores.iter().any(|(c, _)| *c == 0)
            && !plan.comments.iter().any(|(c, _)| *c == 0)
            && !plan.choices.iter().any(|q| q.joined.is_some_and(|(c, _)| c == 0) || q.columns.contains(&0))
            && plan.touchpoint != Some(0)
            // Google Forms' first column is its timestamp: a row of it alone is a response.
            && !(plan.date == Some(0) && {
                let ds = plan.ds;
                let (fmt, zone) = (ds.date_format.as_deref(), plan.date_zone);
                value::read_date_from(first, zone, self.project.timezone, fmt, ds.file.workbook).is_some()
            })
    }

    /// The label of a totals or summary row: its first filled cell is `Total`, `合计`,
    /// `Average`… (see [`reader::totals_label`]), in a column that is no comment, and its date
    /// cell, when the dataset has a date column, is blank, as the sums and averages a report
    /// or a hand-kept sheet ends with are. A store named `Total` on a dated row is a response.
    fn totals_row<'r>(&self, row: Row<'r>) -> Option<&'r str> {
        let plan = self.plan;
        let first = (0..plan.header.len()).find(|&i| !row.cell(i).trim().is_empty())?;
        let label = row.cell(first).trim();
        let undated = plan.date.is_none_or(|d| row.cell(d).trim().is_empty());
        (undated && !plan.comments.iter().any(|(c, _)| *c == first) && reader::totals_label(label)).then_some(label)
    }

    /// Folds record `rec` (at `line`): checks and reads its cells, counts its scores in its
    /// groups, and keeps its comment; a row with no usable score or comment is rejected.
    pub(super) fn fold_row(
        &mut self,
        line: u64,
        rec: &ByteRecord,
        lookups: &[LoadedLookup],
        tp_lookup: &TextMap<usize>,
    ) -> Result<()> {
        let project = self.project;
        let plan = self.plan;
        let row = self.decode_row(line, rec)?;
        self.quality.rows_read += 1;
        if self.lone_note(row) {
            let (path, width) = (plan.ds.file.display.as_str(), plan.header.len());
            let note = row.cell(0).trim();
            self.quality.reject_row(LONE_CELL, line, || {
                format!(
                    "{path}:{line}: {} — a line of one cell under a header of {width} columns: a report's title, total or footer, not a response",
                    example(note)
                )
            });
            return Ok(());
        }
        if reader::repeats_header(&plan.header_rows, |i| row.cell(i)) {
            let path = plan.ds.file.display.as_str();
            self.quality.reject_row(crate::aggregate::quality::REPEATED_HEADER, line, || {
                format!("{path}:{line}: repeats the header: files joined together? The line is left out")
            });
            return Ok(());
        }
        if let Some(label) = self.totals_row(row) {
            let path = plan.ds.file.display.as_str();
            self.quality.reject_row(crate::aggregate::quality::TOTALS_ROW, line, || {
                format!(
                    "{path}:{line}: {} — a totals or summary row (the export's own sums or averages), not a response",
                    example(label)
                )
            });
            return Ok(());
        }
        if let Some(why) = plan.screens.screen(|i| row.cell(i)) {
            let path = plan.ds.file.display.as_str();
            self.quality.reject_row(why, line, || format!("{path}:{line}: {why}, left out (see docs/exports.md)"));
            return Ok(());
        }
        let Some(row_tp) = self.read_touchpoint(line, row, tp_lookup) else { return Ok(()) };
        let (id, person) = self.read_respondent(row, row_tp).unzip();
        let date = self.read_date(line, row)?;
        let period = self.period(date);
        let joined = self.join_lookups(line, row, lookups);
        let get = |r: ColRef| -> &str {
            match r {
                ColRef::Own(i) => row.cell(i),
                ColRef::Joined(j, i) => joined.get(j).copied().flatten().and_then(|rec| rec.get(i)).unwrap_or(""),
            }
        };
        let combo = self.row_combo(line, &get)?;
        self.fill_row_groups(line, row, combo, period)?;
        let first_score = self.count_scores(line, row, row_tp, combo, period);
        let answers = std::mem::take(&mut self.answers);
        super::super::fold_drivers(project, &answers, &mut self.drivers.pairs, &mut self.gaps);
        let answered = answers.len() + self.count_choices(line, row, row_tp, combo, period);
        self.answers = answers;

        // A row with an answer is used whatever its comments; only one without is read for one.
        if answered == 0 && !(0..plan.comments.len()).any(|k| self.comment_text(row, k).is_some()) {
            let path = plan.ds.file.display.as_str();
            self.quality.reject_row("no usable score or comment", line, || {
                format!("{path}:{line}: no score could be used and there is no comment")
            });
            return Ok(());
        }
        self.quality.rows_used += 1;
        if let Some(h) = id {
            match self.quality.id_rows.first_mut() {
                Some(run) => run.push((h, line)),
                None => self.quality.id_rows.push(vec![(h, line)]),
            }
        }
        // Long data: each score's value under the respondent alone, to find a respondent-level
        // score repeated on every touchpoint row (see `DatasetQuality::score_rows`).
        if let Some(p) = person.flatten() {
            for &(score, v, _, fixed) in &self.answers {
                if fixed {
                    continue;
                }
                let packed = ((score as u64) << 32) | u64::from(v as i32 as u32);
                match self.quality.score_rows.first_mut() {
                    Some(run) => run.push((p, packed)),
                    None => self.quality.score_rows.push(vec![(p, packed)]),
                }
            }
        }
        if let Some(d) = date {
            self.dates = Some(match self.dates {
                None => (d, d),
                Some((a, b)) => (a.min(d), b.max(d)),
            });
        }
        for k in 0..plan.comments.len() {
            if let Some(text) = self.comment_text(row, k) {
                self.keep_comment(line, text, k, row_tp, date, first_score);
            }
        }
        Ok(())
    }

    /// Checks that the cells the mapping reads are text. Only those must be UTF-8: the row is
    /// checked as a whole, once; its read cells are then slices of it, unless one is cut
    /// inside a character. Undecodable read cells are noted in `bad`.
    fn decode_row<'r>(&mut self, line: u64, rec: &'r ByteRecord) -> Result<Row<'r>> {
        let plan = self.plan;
        let path = plan.ds.file.display.as_str();
        let col_name = |i: usize| col_name(&plan.header, i);
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
                let Some(enc) = self.decoded else {
                    return Err(reader::not_utf8(&plan.ds.file, line, col_name(c), rec.as_slice()));
                };
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
        Ok(Row { rec, whole })
    }

    /// Touchpoint of the row (long format): its id, else its name, case-insensitively.
    /// `None` when the row names no touchpoint of the journey and is rejected.
    fn read_touchpoint(&mut self, line: u64, row: Row<'_>, tp_lookup: &TextMap<usize>) -> Option<Option<usize>> {
        let plan = self.plan;
        let c = match (plan.ds.fixed_touchpoint, plan.touchpoint) {
            (Some(t), _) => return Some(Some(t)),
            (None, Some(c)) => c,
            (None, None) => return Some(None),
        };
        let cell = redact::cell_value(row.cell(c));
        let raw = &*cell;
        if raw.is_empty() {
            self.blank(c);
            Some(None)
        } else if let Some(t) = tp_lookup
            .get(raw.as_bytes())
            .or_else(|| tp_lookup.get(raw.to_lowercase().as_bytes()))
            .or_else(|| tp_lookup.get(redact::spaced(raw).to_lowercase().as_bytes()))
        {
            self.columns[c].valid += 1;
            Some(Some(t))
        } else {
            self.columns[c].invalid += 1;
            let path = plan.ds.file.display.as_str();
            self.quality.reject_row("touchpoint not in the journey", line, || {
                format!(
                    "{path}:{line}:{}: {} — not a touchpoint id or name of the journey",
                    col_name(&plan.header, c),
                    example(raw)
                )
            });
            None
        }
    }

    /// The hash of the row's respondent id (with its touchpoint, in long data: a respondent
    /// rates several), to find repeats, and — in long data with a touchpoint column — the
    /// hash of the id alone, to find scores repeated on every row of a respondent; `None`
    /// without a respondent column or id.
    fn read_respondent(&mut self, row: Row<'_>, row_tp: Option<usize>) -> Option<(u64, Option<u64>)> {
        use std::hash::{DefaultHasher, Hasher};
        let c = self.plan.respondent?;
        // `\u{feff}S001` is a repeat of `S001`.
        let id = redact::cell_value(row.cell(c));
        if id.is_empty() {
            self.blank(c);
            return None;
        }
        self.columns[c].valid += 1;
        // SipHash with fixed keys: the same in every thread of one run, which is all a
        // comparison within a run needs.
        let mut h = DefaultHasher::new();
        h.write(id.as_bytes());
        if self.quality.duplicate_ids.as_ref().is_some_and(|d| d.per_touchpoint) {
            let person = h.finish();
            h.write_u8(0xff);
            h.write_u64(row_tp.map_or(0, |t| t as u64 + 1));
            return Some((h.finish(), Some(person)));
        }
        Some((h.finish(), None))
    }

    /// The row's date, if it has a readable one; an unreadable one is a problem noted. A date
    /// that the dataset's `date_format` cannot read but the same format with day and month
    /// swapped can (`13/04/2024` under `MM/DD/YYYY`) fails the build: the column's other dates
    /// (`03/04/2024`) would have been read with day and month swapped, without a word.
    fn read_date(&mut self, line: u64, row: Row<'_>) -> Result<Option<NaiveDate>> {
        let plan = self.plan;
        let ds = plan.ds;
        let Some(c) = plan.date else { return Ok(None) };
        let cell = redact::cell_value(row.cell(c));
        let raw = &*cell;
        if raw.is_empty() {
            self.blank(c);
            return Ok(None);
        }
        let tz = self.project.timezone;
        match value::read_date_from(raw, plan.date_zone, tz, ds.date_format.as_deref(), ds.file.workbook) {
            Some(d) => {
                self.columns[c].valid += 1;
                Ok(Some(d))
            }
            None if swapped_order(ds.date_format.as_deref()).is_some_and(|f| {
                value::read_date_from(raw, plan.date_zone, tz, Some(&f), ds.file.workbook).is_some()
            }) =>
            {
                let (path, col) = (ds.file.display.as_str(), col_name(&plan.header, c));
                Err(swapped_date_error(path, line, ds, col, raw))
            }
            None => {
                self.columns[c].invalid += 1;
                let (path, col) = (ds.file.display.as_str(), col_name(&plan.header, c));
                let key = format!("{col}: unreadable date");
                // The hint (which `date_format` to set) is given once per column, from the
                // shapes of all its unreadable dates (see `DateHint`).
                if ds.date_format_written.is_none() {
                    self.quality.date_shape(&key, date_formats(raw), line, || example(raw));
                }
                self.quality.problem(key, line, || format!("{path}:{line}:{col}: {} — not a date", example(raw)));
                Ok(None)
            }
        }
    }

    /// The interned period of a date (0: no date), memoised.
    fn period(&mut self, date: Option<NaiveDate>) -> u64 {
        let Some(d) = date else { return 0 };
        match self.period_of.get(&d) {
            Some(p) => *p,
            None => {
                let p = 1 + u64::from(self.periods.id(&self.project.period.key(d)));
                self.period_of.insert(d, p);
                p
            }
        }
    }

    /// The lookup rows the row's join keys find (up to 8 joins).
    fn join_lookups<'l>(
        &mut self,
        line: u64,
        row: Row<'_>,
        lookups: &'l [LoadedLookup],
    ) -> [Option<&'l StringRecord>; 8] {
        let plan = self.plan;
        let path = plan.ds.file.display.as_str();
        let mut joined: [Option<&StringRecord>; 8] = [None; 8];
        for (ji, (c, li)) in plan.joins.iter().enumerate().take(8) {
            // Keys are compared as `load_lookup` stored them: `M001\u{200b}` finds `M001`,
            // `1000.0` finds `1000`.
            let key = super::super::join_key(row.cell(*c));
            let key = &*key;
            if key.is_empty() {
                self.blank(*c);
                continue;
            }
            match lookups[*li].rows.get(key) {
                Some(r) => {
                    self.columns[*c].valid += 1;
                    self.join_matches[ji] += 1;
                    joined[ji] = Some(r);
                }
                None => {
                    self.columns[*c].invalid += 1;
                    let lid = &self.project.lookups[*li].id;
                    let col = col_name(&plan.header, *c);
                    // The key as written (`1000.5`), not as compared.
                    let shown = row.cell(*c);
                    self.quality.problem(no_match(col, lid), line, || {
                        format!("{path}:{line}:{col}: {} — no row of `{lid}` has this key", example(shown))
                    });
                }
            }
        }
        joined
    }

    /// Counts, as a data-quality problem with its first row and column, each cell that a
    /// segment rule compares with a number by order (`age >= 18`) but that is no number
    /// (`18-24`, `$2,000`), or with a date (`signup < 2024-03-01`) but that is no date: the
    /// rule cannot tell, so the response is in no such segment.
    fn count_non_numbers<'r>(&mut self, line: u64, get: &impl Fn(ColRef) -> &'r str) -> bool {
        let plan = self.plan;
        let mut any = false;
        for s in &plan.segments {
            let crate::produce::csv::SegPlan::Rule { id, refs, ordered, dated, .. } = s else { continue };
            let numbers = ordered.iter().map(|i| (*i, false));
            for (i, date) in numbers.chain(dated.iter().map(|i| (*i, true))) {
                let ColRef::Own(c) = refs[i] else { continue };
                let raw = get(refs[i]);
                let v = crate::aggregate::redact::cell_value(raw);
                let read = if date {
                    crate::produce::csv::value::read_date(&v, chrono_tz::UTC, None, false).is_some()
                } else {
                    crate::text::digits::read_number(&v).is_some()
                };
                if v.is_empty() || read {
                    continue;
                }
                any = true;
                let (path, col) = (plan.ds.file.display.as_str(), col_name(&plan.header, c));
                let what = if date { "date" } else { "number" };
                self.quality.problem(format!("{col}: not a {what} for segment `{id}`"), line, || {
                    format!("{path}:{line}:{col}: {} — not a {what}, so segment `{id}` cannot tell", example(raw))
                });
            }
        }
        any
    }

    /// Segments the response belongs to (into `segs`), remembered by the values their rules
    /// read; and its combination if that is common enough to be counted as a cell.
    fn row_combo<'r>(&mut self, line: u64, get: &impl Fn(ColRef) -> &'r str) -> Result<Option<usize>> {
        self.seg_key.clear();
        for r in &self.seg_refs {
            self.seg_key.extend_from_slice(get(*r).as_bytes());
            self.seg_key.push(0xff); // never in UTF-8 text, so the key splits one way only
        }
        self.segs.clear();
        let combo = match self.seg_memo.get(&self.seg_key) {
            Some(c) => {
                // Values the memo knows a rule cannot read are noted again on this row's line.
                if c & super::UNREADABLE_RULE_VALUE != 0 {
                    self.count_non_numbers(line, get);
                }
                let c = c & !super::UNREADABLE_RULE_VALUE;
                self.segs.extend_from_slice(&self.combos[c as usize]);
                c
            }
            None => {
                let unreadable = self.count_non_numbers(line, get);
                self.evaluate_segments(line, get, unreadable)?
            }
        };
        // A common combination is counted as itself, in the period and at the touchpoint:
        // two counters instead of the overall, each segment and each touchpoint × segment
        // group, spread into those in `into_partials`. The combination tables are small, so
        // they stay in the cache.
        Ok((combo < COMBO_CELLS).then_some(combo as usize))
    }

    /// Groups every answer of the row counts in (into `row_groups`), and the row's value of
    /// each dimension (into `row_dims`).
    /// The dataset's source and the stages are not counted here: a dataset is one source,
    /// so its source's counts are the overall ones, and a stage's are the sum of its
    /// touchpoints' (both made in `into_partials`).
    fn fill_row_groups(&mut self, line: u64, row: Row<'_>, combo: Option<usize>, period: u64) -> Result<()> {
        let plan = self.plan;
        let ds = plan.ds;
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
            // Invisible characters would make look-alike groups and could turn a page around.
            let cell = redact::group_value(row.cell(c));
            let v = &*cell;
            if !v.is_empty() {
                let known = self.customs[d].values.len();
                let vid = self.customs[d].id(v);
                if self.customs[d].values.len() > known && !ds.allow_identifiers && is_identifier(v) {
                    let what = format!("dimension `{}`", self.project.dimensions[d].id);
                    let path = ds.file.display.as_str();
                    return Err(identifier_error(path, line, &ds.id, col_name(&plan.header, c), &what, v));
                }
                let g = self.dense_group(DIMENSION_TABLES + d, vid as usize, CUSTOM + d as u64, u64::from(vid), period);
                self.row_groups.push(g);
                self.row_dims[d] = Some(vid);
            }
        }
        Ok(())
    }

    /// Reads the row's scores and counts each valid one in the row's groups and its
    /// touchpoint's; the answers go to `answers`. Returns the score a comment is shown with:
    /// the loyalty score if answered, else the first answered.
    fn count_scores(
        &mut self,
        line: u64,
        row: Row<'_>,
        row_tp: Option<usize>,
        combo: Option<usize>,
        period: u64,
    ) -> Option<(usize, i64)> {
        let project = self.project;
        let plan = self.plan;
        let path = plan.ds.file.display.as_str();
        let mut tp_done: Option<usize> = None;
        self.answers.clear();
        let mut first_score = None;
        for (r, (c, sc)) in plan.scores.iter().enumerate() {
            let def = &project.scores[sc.score];
            let raw = row.cell(*c);
            let v = match value::read_score(raw, &sc.reading, def) {
                Cell::Value(v) => {
                    self.reading_counts(r, *c).valid += 1;
                    v
                }
                Cell::Blank => {
                    // Undecodable bytes read as blank are invalid (see `blank`).
                    let bad = self.bad.contains(c);
                    let counts = self.reading_counts(r, *c);
                    if bad {
                        counts.invalid += 1;
                    } else {
                        counts.blank += 1;
                    }
                    continue;
                }
                Cell::NotApplicable => {
                    self.reading_counts(r, *c).not_applicable += 1;
                    continue;
                }
                Cell::Invalid(why) => {
                    self.reading_counts(r, *c).invalid += 1;
                    let col = col_name(&plan.header, *c);
                    // A column two scores read is counted per score, under the reading's name.
                    let key = plan.reading_names[r].as_deref().unwrap_or(col);
                    let short = why.split(" (").next().unwrap_or(&why).to_string();
                    self.quality.problem(format!("{key}: {short}"), line, || {
                        format!("{path}:{line}:{col}: {} — {why}", example(raw.trim()))
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
                    self.fill_tp_groups(t, combo, period);
                }
                for i in 0..self.tp_groups.len() {
                    let g = self.tp_groups[i] as usize;
                    self.counts.bump(g, at);
                }
            }
        }
        first_score
    }

    /// Reads the row's multi-select questions and counts each answered one's options (1
    /// chosen, 0 not) in the row's groups and its touchpoint's. Joined answers that are no
    /// listed option are counted on the data-quality page (the respondent still answered).
    /// Returns the number of questions answered.
    fn count_choices(
        &mut self,
        line: u64,
        row: Row<'_>,
        row_tp: Option<usize>,
        combo: Option<usize>,
        period: u64,
    ) -> usize {
        let project = self.project;
        let plan = self.plan;
        let mut answered = 0;
        for pc in &plan.choices {
            let select = &project.multi_selects[pc.select];
            let mask = match pc.joined {
                Some((c, separator)) => match self.read_joined(line, row, c, separator, select) {
                    Some(m) => m,
                    None => continue,
                },
                None => {
                    let mut mask = 0u64;
                    for (k, &c) in pc.columns.iter().enumerate() {
                        // A cell of only a zero-width space ticks nothing.
                        let v = redact::cell_value(row.cell(c));
                        if crate::project::choices::ticked(&v) {
                            mask |= 1 << k;
                            self.columns[c].valid += 1;
                        }
                    }
                    // No option ticked: the question was not answered.
                    if mask == 0 {
                        continue;
                    }
                    mask
                }
            };
            answered += 1;
            if let Some(t) = row_tp {
                self.fill_tp_groups(t, combo, period);
            }
            for (k, &score) in select.scores.iter().enumerate() {
                let at = self.offsets[score] + ((mask >> k) & 1) as usize;
                for i in 0..self.row_groups.len() {
                    let g = self.row_groups[i] as usize;
                    self.counts.bump(g, at);
                }
                if row_tp.is_some() {
                    for i in 0..self.tp_groups.len() {
                        let g = self.tp_groups[i] as usize;
                        self.counts.bump(g, at);
                    }
                }
            }
        }
        answered
    }

    /// The options chosen in a cell of joined answers (`None`: blank), counting the pieces
    /// that are no listed option.
    fn read_joined(
        &mut self,
        line: u64,
        row: Row<'_>,
        c: usize,
        separator: &str,
        select: &crate::project::MultiSelect,
    ) -> Option<u64> {
        let cell = redact::cell_value(row.cell(c));
        let raw = &*cell;
        if raw.is_empty() {
            self.blank(c);
            return None;
        }
        let (mask, unlisted) = crate::project::choices::split_joined(raw, &select.options, separator);
        if unlisted.is_empty() {
            self.columns[c].valid += 1;
        } else {
            self.columns[c].invalid += 1;
            let path = self.plan.ds.file.display.as_str();
            let col = col_name(&self.plan.header, c);
            let id = &select.id;
            self.quality.problem(format!("{col}: not a listed option"), line, || {
                format!("{path}:{line}:{col}: {} — not an option of multi-select `{id}` (counted as answered; add it to `options:` to count it)", example(&unlisted.join(", ")))
            });
        }
        Some(mask)
    }

    /// The groups an answer at touchpoint `t` counts in besides the row's (into `tp_groups`):
    /// the touchpoint in the period, and its segments' touchpoint × segment groups.
    fn fill_tp_groups(&mut self, t: usize, combo: Option<usize>, period: u64) {
        self.tp_groups.clear();
        let g = self.dense_group(TOUCHPOINT_TABLE, t, TOUCHPOINT, t as u64, period);
        self.tp_groups.push(g);
        if let Some(c) = combo {
            let base = c * self.project.touchpoints.len() + t;
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

    /// The row's comment in the dataset's `k`-th comment column, unless blank or (Wenjuanxing
    /// exports) a skipped-question marker.
    fn comment_text<'r>(&self, row: Row<'r>, k: usize) -> Option<&'r str> {
        let ds = self.plan.ds;
        let skipped = |t: &str| {
            ds.file.export == Some(crate::project::Export::Wenjuanxing)
                && crate::project::WENJUANXING_NA.contains(&&*redact::cell_value(t))
        };
        // A cell of only invisible characters (zero-width spaces), or a non-answer (`无`, `N/A`,
        // `no comment`, `-`), says nothing.
        let blank = |t: &str| t.is_empty() || crate::text::is_non_answer(&redact::strip_invisible(t));
        self.plan.comments.get(k).map(|c| row.cell(c.0).trim()).filter(|t| !blank(t) && !skipped(t))
    }

    /// Counts a used row's comment (of the dataset's `k`-th comment column), offers it to the
    /// sample and hands it to the text hook.
    fn keep_comment(
        &mut self,
        line: u64,
        text: &str,
        k: usize,
        row_tp: Option<usize>,
        date: Option<NaiveDate>,
        first_score: Option<(usize, i64)>,
    ) {
        let ds = self.plan.ds;
        let tp = if ds.format == Format::Long { row_tp } else { None };
        let question = self.plan.comments[k].1;
        let hash = comment_hash(&ds.id, text, date, tp, &self.project.questions[question].id, first_score);
        // Only a comment that enters the sample is copied and redacted.
        let slot = tp.map_or(0, |t| t + 1);
        self.comment_counts[slot] += 1;
        if hash <= self.comment_cutoffs[slot] && !self.comment_seen[slot].offered_smaller(text, hash) {
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
                question,
            });
        }
        let at = super::text::CommentAt { question, tp, date, score: first_score, line, hash };
        self.analyze_comment(text, at);
    }
}

/// Texts a touchpoint's sample was offered and the smallest hash each came with, so that a
/// text written again (`好评` on ten thousand rows; few distinct texts never fill the sample,
/// and then every comment passes the cutoff) is turned away without being copied, redacted
/// and compared with the whole sample. Exact: once a text was offered with hash `h`, the
/// sample holds a comment of the same text with a hash of at most `h`, or its cutoff has
/// fallen below `h` (`comments::keep_smallest`), so a later offer of that text with a larger
/// hash changes nothing. Bounded: short texts only, and so many of them.
#[derive(Default)]
pub(super) struct SeenTexts {
    smallest: rustc_hash::FxHashMap<Box<str>, u64>,
}

/// Texts remembered per touchpoint, and the longest remembered (repeated texts are short and
/// few: the memory is meant for them; at most about 70 KB a touchpoint).
const SEEN_TEXTS: usize = 256;
const SEEN_TEXT_BYTES: usize = 256;

impl SeenTexts {
    /// Whether `text` was offered before with a hash below `hash` (so offering it again
    /// changes nothing); remembers the offer otherwise, room permitting.
    pub(super) fn offered_smaller(&mut self, text: &str, hash: u64) -> bool {
        if text.len() > SEEN_TEXT_BYTES {
            return false;
        }
        match self.smallest.get_mut(text) {
            Some(h) if *h < hash => true,
            Some(h) => {
                *h = hash;
                false
            }
            None => {
                if self.smallest.len() < SEEN_TEXTS {
                    self.smallest.insert(text.into(), hash);
                }
                false
            }
        }
    }
}

/// The hash that places a comment in the verbatim samples: of what the comment is (its
/// dataset, text, date, touchpoint, question and score), never of where it sits in the file,
/// so the same records in another order (an export sorted newest first) give the same sample.
/// Comments alike in all of these share a hash, and a sample keeps the one of the earliest row.
fn comment_hash(
    dataset: &str,
    text: &str,
    date: Option<NaiveDate>,
    tp: Option<usize>,
    question: &str,
    score: Option<(usize, i64)>,
) -> u64 {
    let day = date.map_or(i32::MIN, |d| d.num_days_from_ce()).to_le_bytes();
    let tp = tp.map_or(u64::MAX, |t| t as u64).to_le_bytes();
    let (kind, value) = score.map_or((u64::MAX, 0), |(k, v)| (k as u64, v));
    stable_hash(&[
        dataset.as_bytes(),
        text.as_bytes(),
        &day,
        &tp,
        question.as_bytes(),
        &kind.to_le_bytes(),
        &value.to_le_bytes(),
    ])
}

#[cfg(test)]
mod tests {
    use super::SeenTexts;
    use crate::aggregate::{keep_smallest, test_comment, Comment};
    use std::collections::BTreeMap;

    #[test]
    fn turning_away_a_text_offered_before_with_a_smaller_hash_keeps_the_same_sample() {
        // 3,000 offers of 60 texts (fewer distinct texts than some caps, more than others),
        // hashes from a seeded generator, every tenth the same text and hash as the offer
        // before on another row (a comment written alike twice), with and without the memory.
        let mut x = 0x853c_49e6_748f_ea9bu64;
        let mut offers: Vec<(String, u64, u64)> = Vec::new();
        for row in 0..3000u64 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let offer = match offers.last() {
                Some((text, hash, _)) if row % 10 == 0 => (text.clone(), *hash, row),
                _ => (format!("text {}", (x >> 20) % 60), x >> 8, row),
            };
            offers.push(offer);
        }
        let make = |text: &str, row: u64| Comment { text: text.to_string(), ..test_comment(row) };
        for cap in [12, 40, 100] {
            let (mut plain, mut memo) = (BTreeMap::new(), BTreeMap::new());
            let mut seen = SeenTexts::default();
            let mut turned_away = 0;
            for (text, hash, row) in &offers {
                keep_smallest(&mut plain, cap, *hash, || make(text, *row));
                if seen.offered_smaller(text, *hash) {
                    turned_away += 1;
                } else {
                    keep_smallest(&mut memo, cap, *hash, || make(text, *row));
                }
            }
            assert_eq!(plain, memo, "cap {cap}");
            assert!(turned_away > 1000, "cap {cap}: {turned_away}");
        }
    }
}
