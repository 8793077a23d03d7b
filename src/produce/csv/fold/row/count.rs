//! Counting a row: its segments (remembered by the values their rules read), its groups, and
//! its scores and multi-select answers in each of them.

use super::super::cells::{
    example, identifier_error, is_identifier, long_value_example, long_value_problem, too_long_group_value,
};
use super::super::value::{self, Cell};
use super::super::{
    pack, Acc, ColRef, COMBO, COMBO_CELLS, COMBO_TABLE, COMBO_TP, COMBO_TP_TABLE, CUSTOM, DIMENSION_TABLES, OVERALL,
    SEGMENT, TOUCHPOINT, TOUCHPOINT_TABLE, TP_SEGMENT,
};
use super::{col_name, Row};
use crate::aggregate::redact;
use crate::error::Result;

impl Acc<'_> {
    /// Counts, as a data-quality problem with its first row and column, each cell that a
    /// segment rule compares with a number by order (`age >= 18`) but that is no number
    /// (`18-24`, `$2,000`), or with a date (`signup < 2024-03-01`) but that is no date: the
    /// rule cannot tell, so the response is in no such segment.
    pub(super) fn count_non_numbers<'r>(&mut self, line: u64, get: &impl Fn(ColRef) -> &'r str) -> bool {
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
                let (path, col) = (plan.ds.file.display.as_str(), col_name(&plan.labels, c));
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
    pub(super) fn row_combo<'r>(&mut self, line: u64, get: &impl Fn(ColRef) -> &'r str) -> Result<Option<usize>> {
        self.seg_key.clear();
        for r in &self.seg_refs {
            self.seg_key.extend_from_slice(get(*r).as_bytes());
            self.seg_key.push(0xff); // never in UTF-8 text, so the key splits one way only
        }
        self.segs.clear();
        let combo = match self.seg_memo.get(&self.seg_key) {
            Some(c) => {
                // Values the memo knows a rule cannot read are noted again on this row's line.
                if c & super::super::UNREADABLE_RULE_VALUE != 0 {
                    self.count_non_numbers(line, get);
                }
                let c = c & !super::super::UNREADABLE_RULE_VALUE;
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
    pub(super) fn fill_row_groups(&mut self, line: u64, row: Row<'_>, combo: Option<usize>, period: u64) -> Result<()> {
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
            // A numeric id written `101.0` (pandas, beside blanks) is the store `101` another
            // file writes, as a join key is.
            let cell = crate::produce::csv::lookup::without_zero_fraction(redact::group_value(row.cell(c)));
            let v = &*cell;
            if too_long_group_value(v) {
                let (path, col) = (ds.file.display.as_str(), col_name(&plan.labels, c));
                self.quality.problem(long_value_problem(col), line, || long_value_example(path, line, col, v));
                continue;
            }
            if !v.is_empty() {
                let known = self.customs[d].values.len();
                let vid = self.customs[d].id(v);
                if self.customs[d].values.len() > known && !ds.allow_identifiers && is_identifier(v) {
                    let what = format!("dimension `{}`", self.project.dimensions[d].id);
                    let path = ds.file.display.as_str();
                    return Err(identifier_error(path, line, &ds.id, col_name(&plan.labels, c), &what, v));
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
    pub(super) fn count_scores(
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
        self.row_unreadable = false;
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
                        self.row_unreadable = true;
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
                    self.row_unreadable = true;
                    let col = col_name(&plan.labels, *c);
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
    pub(super) fn count_choices(
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
    pub(super) fn read_joined(
        &mut self,
        line: u64,
        row: Row<'_>,
        c: usize,
        separator: &str,
        select: &crate::project::MultiSelect,
    ) -> Option<u64> {
        let cell = redact::cell_value(row.cell(c));
        let raw = &*cell;
        // A skipped question (问卷星's `(跳过)`) did not answer, as a blank did not.
        if raw.is_empty() || crate::project::choices::skipped(raw) {
            self.blank(c);
            return None;
        }
        let (mask, unlisted) = crate::project::choices::split_joined(raw, &select.options, separator);
        if unlisted.is_empty() {
            self.columns[c].valid += 1;
        } else {
            self.columns[c].invalid += 1;
            let path = self.plan.ds.file.display.as_str();
            let col = col_name(&self.plan.labels, c);
            let id = &select.id;
            self.quality.problem(format!("{col}: not a listed option"), line, || {
                format!("{path}:{line}:{col}: {} — not an option of multi-select `{id}` (counted as answered; add it to `options:` to count it)", example(&unlisted.join(", ")))
            });
        }
        Some(mask)
    }

    /// The groups an answer at touchpoint `t` counts in besides the row's (into `tp_groups`):
    /// the touchpoint in the period, and its segments' touchpoint × segment groups.
    pub(super) fn fill_tp_groups(&mut self, t: usize, combo: Option<usize>, period: u64) {
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
}
