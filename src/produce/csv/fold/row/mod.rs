//! One row through the accumulator: [`Acc::fold_row`] and the steps it takes, in order.

mod comments;
mod count;
mod read;

use csv::ByteRecord;

use super::cells::example;
use super::tables::TextMap;
use super::value::{self};
use super::{reader, Acc, ColRef, LoadedLookup};
use crate::error::Result;

/// The problem key of a join key that finds no row of lookup `lid`.
pub(super) fn no_match(col: &str, lid: &str) -> String {
    format!("{col}: no match in {lid}")
}

// Why a line of one cell ([`Acc::lone_note`]) or a second header row
// ([`Acc::header_in_other_words`]) is left out.
use crate::aggregate::quality::{LONE_CELL, SECOND_HEADER};

/// The name of column `i` in `header`, for messages.
fn col_name(header: &[String], i: usize) -> &str {
    header.get(i).map(String::as_str).unwrap_or("?")
}

/// The first cells of `row` joined by commas, for an example: `ID, Date, NPS, CSAT, …`.
fn header_cells(row: Row<'_>, width: usize) -> String {
    let cells: Vec<&str> = (0..width).map(|i| row.cell(i).trim()).filter(|c| !c.is_empty()).collect();
    let mut out = cells.iter().take(6).copied().collect::<Vec<_>>().join(", ");
    if cells.len() > 6 {
        out.push_str(", …");
    }
    out
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
    /// Cell `i` as text; blank when missing, not UTF-8 or a database's `NULL`
    /// ([`reader::null_marker`]).
    #[inline]
    fn cell(self, i: usize) -> &'r str {
        let text = match self.whole {
            Some(t) => self.rec.range(i).and_then(|r| t.get(r)).unwrap_or(""),
            None => self.rec.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or(""),
        };
        if reader::null_marker(text) {
            ""
        } else {
            text
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

    /// Whether `row`, the first under the header, names the columns again in other words: a
    /// second header row in another language (`编号,日期,推荐意愿` over `ID,Date,NPS`), or a
    /// tool's question texts. Every score cell and the date cell are filled and none reads as
    /// a value, at least two of them: a response's first row with one bad value is read as
    /// usual, its bad values counted.
    fn header_in_other_words(&self, line: u64, row: Row<'_>) -> bool {
        let plan = self.plan;
        if line != plan.first_data_line {
            return false;
        }
        let mut names = 0;
        for (c, sc) in &plan.scores {
            let def = &self.project.scores[sc.score];
            if !matches!(value::read_score(row.cell(*c), &sc.reading, def), value::Cell::Invalid(_)) {
                return false;
            }
            names += 1;
        }
        if let Some(d) = plan.date {
            let cell = row.cell(d).trim();
            let ds = plan.ds;
            let (fmt, zone) = (ds.date_format.as_deref(), plan.date_zone);
            if cell.is_empty()
                || value::read_date_from(cell, zone, self.project.timezone, fmt, ds.file.workbook).is_some()
            {
                return false;
            }
            names += 1;
        }
        names >= 2
    }

    /// The label of a totals or summary row: its first filled cell is `Total`, `合计`,
    /// `Average`… (see [`reader::totals_label`]), in a column that is no comment, and its date
    /// cell, when the dataset has a date column, is blank or the label itself, as the sums and
    /// averages a report or a hand-kept sheet ends with are. A store named `Total` on a dated
    /// row is a response. So are the rows Excel's Data → Subtotal writes (`Central Average`,
    /// `Grand Total`: [`reader::subtotal_group`]) when the dataset has a date column and the
    /// row's is blank — without that, `AirPods Max` would be one. And so are the lines of a
    /// summary after the data ([`reader::summary_label`] and [`reader::summary_shape`]);
    /// in a file without dates not one that names all groups together (`Overall,9` is as
    /// likely an aspect rated 9). A row with a comment is a response: no sum or average has
    /// one, and a reviewer may be called `Max`.
    fn totals_row<'r>(&self, row: Row<'r>) -> Option<&'r str> {
        let plan = self.plan;
        let first = (0..plan.header.len()).find(|&i| !row.cell(i).trim().is_empty())?;
        let label = row.cell(first).trim();
        if plan.comments.iter().any(|(c, _)| *c == first || !row.cell(*c).trim().is_empty()) {
            return None;
        }
        // `合计` in the date column itself (a hand-kept sheet's first column is its dates) is
        // the label, not a date.
        // A date cell that holds no date (`Total,120,9`: the count under the date column, as
        // a report's totals row writes it) is no date either.
        let undated = || plan.date.is_none_or(|d| d == first || !self.holds_date(row.cell(d)));
        let dated_file_blank_date = plan.date.is_some_and(|d| d != first && row.cell(d).trim().is_empty());
        // A summary after the data (`Promoters,6`, `NPS Score,-55`, `All stores,2`): its
        // label, and besides it at most one number; a store `Overall` with answers is a response.
        // A line naming all groups together with a blank date (`Overall,,8.4,4.1`) is one too,
        // whatever figures it carries: a response has its date.
        let summary = || {
            let others = (0..plan.header.len()).filter(|&i| i != first).map(|i| row.cell(i));
            reader::summary_label(label)
                && (reader::summary_shape(others) || (dated_file_blank_date && reader::names_a_whole(label)))
                && (plan.date.is_some() || !reader::names_a_whole(label))
        };
        // On a dated row, a totals label in a column of group names (`Total` the store) is
        // a group's name; in any other column (the response id, a column nothing reads) a
        // total (`Total`, `合计`; not `Max` or `Mode`, which a reviewer may be called) is a
        // label.
        // A dated row's first cell is nearly always an id (`R123`, `T-101`): an ASCII cell with
        // a digit and no `=` or bracket is no label (none holds a digit but `N = 30` and
        // `Total (30 responses)`), so most rows skip the label lists.
        let blank_date = plan.date.is_none_or(|d| d == first || row.cell(d).trim().is_empty());
        let maybe_label = blank_date
            || !(label.is_ascii()
                && label.bytes().any(|b| b.is_ascii_digit())
                && !label.bytes().any(|b| matches!(b, b'=' | b'(')));
        let totals = (maybe_label
            && (reader::totals_label(label) || summary())
            && (undated() || (!plan.names_groups(first) && total_named(label))))
            || (dated_file_blank_date && reader::subtotal_group(label).is_some());
        totals.then_some(label)
    }

    /// The label of a totals or summary row ([`Self::totals_row`]) with what it is taken for:
    /// `None` for a response, including a row whose label the file has on many rows.
    /// A row held is kept by [`super::held::Totals`] until the file has been read.
    fn totals_verdict<'r>(&mut self, line: u64, row: Row<'r>) -> Option<(&'r str, super::held::Verdict)> {
        let label = self.totals_row(row)?;
        match self.totals.judge(line, row.rec, label, self.bad.is_empty(), self.plan.date.is_some()) {
            super::held::Verdict::Value => None,
            verdict => Some((label, verdict)),
        }
    }

    /// Whether a date cell holds a date the dataset reads (blank: no).
    fn holds_date(&self, cell: &str) -> bool {
        let cell = crate::aggregate::redact::cell_value(cell);
        let (plan, ds) = (self.plan, self.plan.ds);
        !cell.is_empty()
            && value::read_date_from(
                &cell,
                plan.date_zone,
                self.project.timezone,
                ds.date_format.as_deref(),
                ds.file.workbook,
            )
            .is_some()
    }

    /// Whether the row's `keep_rows:` or `drop_rows:` leave it out (then counted, with the
    /// value that did); notes each listed value a row holds, for the warning about values no
    /// row has.
    fn filtered_out(&mut self, line: u64, row: Row<'_>) -> bool {
        let plan = self.plan;
        let mut out = None;
        // Every filter notes its value, whichever leaves the row out.
        for (fi, &(c, f)) in plan.filters.iter().enumerate() {
            let listed = f.listed(row.cell(c));
            if let Some(vi) = listed {
                self.quality.note_filter_value(fi, vi);
            }
            if out.is_none() && listed.is_some() != f.keep {
                out = Some((c, f));
            }
        }
        let Some((c, f)) = out else { return false };
        let path = plan.ds.file.display.as_str();
        let (key, column, cell) = (f.key(), f.column.name.as_str(), row.cell(c));
        let (reason, how) = if f.keep {
            (crate::aggregate::quality::NOT_KEPT, "not listed under")
        } else {
            (crate::aggregate::quality::DROPPED, "listed under")
        };
        self.quality.reject_row(reason, line, || format!("{path}:{line}:{column}: {} — {how} `{key}`", example(cell)));
        true
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
        self.refuse_reordered_header(line, row)?;
        if self.left_out(line, row) {
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
            if self.row_unreadable {
                self.quality.reject_row("no usable score or comment", line, || {
                    format!("{path}:{line}: no score could be used and there is no comment")
                });
            } else {
                // Every score blank or not applicable, no comment: a ticket or an order never
                // surveyed, a respondent who answered nothing. No response, and no failure.
                self.quality.reject_row(crate::aggregate::quality::NO_ANSWER, line, || {
                    format!("{path}:{line}: every score is blank or not applicable and there is no comment")
                });
            }
            return Ok(());
        }
        self.note_used_row(line, id, person.flatten(), date);
        let mut at = comments::RowOfComment { line, tp: row_tp, date, first_score, first_of_row: true };
        for k in 0..plan.comments.len() {
            if let Some(text) = self.comment_text(row, k) {
                self.keep_comment(&text, k, &at);
                at.first_of_row = false;
            }
        }
        Ok(())
    }

    /// Whether the row is no response and so left out, counted under its reason: a report's
    /// lone note, the header repeated or in other words, a totals or summary row, a row a
    /// screen (test, incomplete) or a `keep_rows:`/`drop_rows:` filter leaves out.
    fn left_out(&mut self, line: u64, row: Row<'_>) -> bool {
        let plan = self.plan;
        let path = plan.ds.file.display.as_str();
        if self.lone_note(row) {
            let (width, note) = (plan.header.len(), row.cell(0).trim());
            self.quality.reject_row(LONE_CELL, line, || {
                format!(
                    "{path}:{line}: {} — a line of one cell under a header of {width} columns: a report's title, total or footer, not a response",
                    example(note)
                )
            });
        } else if reader::repeats_header(&plan.header_rows, |i| row.cell(i)) {
            self.quality.reject_row(crate::aggregate::quality::REPEATED_HEADER, line, || {
                format!("{path}:{line}: repeats the header: files joined together? The line is left out")
            });
        } else if self.header_in_other_words(line, row) {
            self.quality.reject_row(SECOND_HEADER, line, || {
                format!(
                    "{path}:{line}: {} — names the columns again (a second header row, in other words), not a response",
                    example(&header_cells(row, plan.header.len()))
                )
            });
        } else if let Some((label, verdict)) = self.totals_verdict(line, row) {
            if let super::held::Verdict::Hold = verdict {
                // Read again once the file's counts say what the label is.
                self.quality.rows_read -= 1;
            } else {
                self.quality.reject_row(crate::aggregate::quality::TOTALS_ROW, line, || {
                    format!(
                        "{path}:{line}: {} — a totals or summary row (the export's own sums or averages), not a response",
                        example(label)
                    )
                });
            }
        } else if let Some(why) = plan.screens.screen(|i| row.cell(i)) {
            self.quality.reject_row(why, line, || format!("{path}:{line}: {why}, left out (see docs/exports.md)"));
        } else {
            return self.filtered_out(line, row);
        }
        true
    }

    /// Notes a used row: counted, its segments marked as having a row (so they get pages),
    /// its respondent id kept for the repeated-id check, its scores under the respondent (long
    /// data: a respondent-level score repeated on every touchpoint row, see
    /// `DatasetQuality::score_rows`), and its date in the dataset's range.
    fn note_used_row(&mut self, line: u64, id: Option<u64>, person: Option<u64>, date: Option<chrono::NaiveDate>) {
        self.quality.rows_used += 1;
        for &s in &self.segs {
            let s = s as usize;
            if s >= self.used_segments.len() {
                self.used_segments.resize(s + 1, false);
            }
            self.used_segments[s] = true;
        }
        if let Some(h) = id {
            match self.quality.id_rows.first_mut() {
                Some(run) => run.push((h, line)),
                None => self.quality.id_rows.push(vec![(h, line)]),
            }
        }
        if let Some(p) = person {
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
    }

    /// Checks that the cells the mapping reads are text. Only those must be UTF-8: the row is
    /// checked as a whole, once; its read cells are then slices of it, unless one is cut
    /// inside a character. Undecodable read cells are noted in `bad`.
    /// A row that names the header's columns in another order is an error at its line: the
    /// rows after it (files joined after a question was moved) would be read under the wrong
    /// columns, NPS as satisfaction. Only a row whose first read score cell is a column's
    /// name is compared (a hash look-up per row, and only for cells that are not numbers).
    fn refuse_reordered_header(&self, line: u64, row: Row<'_>) -> Result<()> {
        let plan = self.plan;
        let Some(&(c, _)) = plan.scores.first() else { return Ok(()) };
        let cell = row.cell(c).trim();
        if cell.is_empty() || cell.as_bytes()[0].is_ascii_digit() || !plan.header_names.contains(cell) {
            return Ok(());
        }
        let Some(names) = plan.header_rows.first() else { return Ok(()) };
        let Some((at, from)) = reader::reorders_header(names, plan.header.len(), |i| row.cell(i)) else {
            return Ok(());
        };
        let message = format!(
            "this row names the columns again in another order (column {} holds `{}`, the header's column {}): files joined after a question was moved? The rows after it would be read under the wrong columns; put the files' columns in one order, or make them two datasets",
            at + 1,
            row.cell(at).trim(),
            from + 1
        );
        let mut d = crate::error::Diagnostic::file(plan.ds.file.display.as_str(), message);
        d.line = Some(line);
        Err(crate::error::Error::one(d))
    }

    fn decode_row<'r>(&mut self, line: u64, rec: &'r ByteRecord) -> Result<Row<'r>> {
        let plan = self.plan;
        let path = plan.ds.file.display.as_str();
        let col_name = |i: usize| col_name(&plan.labels, i);
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
}

pub(super) use comments::SeenTexts;

/// Whether a label names a total (`Total`, `Grand total`, `Subtotal`, `合计`, `总计`), not a
/// statistic (`Max`, `Mode`, `Average`) or a summary word, which a person or a group may be
/// called.
fn total_named(label: &str) -> bool {
    let low = label.trim().to_lowercase();
    ["total", "grand total", "subtotal", "sub-total", "合计", "合計", "总计", "總計", "小计", "汇总"]
        .iter()
        .any(|w| low.starts_with(w))
}
