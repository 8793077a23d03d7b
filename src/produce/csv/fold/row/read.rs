//! Reading a row's keys: its touchpoint, respondent, date and period, and the lookup rows it joins.

use chrono::{Datelike, NaiveDate};
use csv::StringRecord;

use super::super::cells::{date_formats, example, no_such_day, swapped_date_error, swapped_order, zone_error};
use super::super::tables::TextMap;
use super::super::value::{self};
use super::super::{Acc, LoadedLookup};
use super::{col_name, Row};
use crate::aggregate::redact;
use crate::error::Result;

impl Acc<'_> {
    /// Touchpoint of the row (long format): its id, else its name, case-insensitively.
    /// `None` when the row names no touchpoint of the journey and is rejected.
    pub(super) fn read_touchpoint(
        &mut self,
        line: u64,
        row: Row<'_>,
        tp_lookup: &TextMap<usize>,
    ) -> Option<Option<usize>> {
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
                    col_name(&plan.labels, c),
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
    pub(super) fn read_respondent(&mut self, row: Row<'_>, row_tp: Option<usize>) -> Option<(u64, Option<u64>)> {
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
    pub(super) fn read_date(&mut self, line: u64, row: Row<'_>) -> Result<Option<NaiveDate>> {
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
                // A month without its day (`2024-03`, or under `date_format: "%Y-%m"`) is read as
                // the month's first day: said where the period is finer than a month, as all
                // such answers land in the week of the first.
                let quarter = d.day() == 1 && value::quarter_only(raw).is_some();
                let month = quarter
                    || (d.day() == 1
                        && (value::month_only(raw).is_some() || (plan.date_format_month && raw.len() < 10)));
                let first = &mut self.quality.date_precisions[usize::from(!month)];
                if first.as_ref().is_none_or(|(l, _)| line < *l) {
                    *first = Some((line, raw.to_string()));
                }
                if quarter && self.project.period != crate::project::Period::Quarter {
                    let col = col_name(&plan.labels, c);
                    self.warn_once(format!(
                        "{}: column `{col}` writes quarters (`2024-Q1`): each is counted on the quarter's first day, so its answers all fall in the quarter's first month or week; set `period: quarter` for a quarterly export",
                        ds.file.display
                    ));
                } else if month && self.project.period == crate::project::Period::Week {
                    let col = col_name(&plan.labels, c);
                    self.warn_once(format!(
                        "{}: column `{col}` writes months without their day (`2024-03`): each is counted on the month's first day, so with `period: week` a month's answers all fall in that day's week; set `period: month` for a monthly export",
                        ds.file.display
                    ));
                }
                Ok(Some(d))
            }
            None if swapped_order(ds.date_format.as_deref()).is_some_and(|f| {
                value::read_date_from(raw, plan.date_zone, tz, Some(&f), ds.file.workbook).is_some()
            }) =>
            {
                let (path, col) = (ds.file.display.as_str(), col_name(&plan.labels, c));
                Err(swapped_date_error(path, line, ds, col, raw))
            }
            None => {
                match plan.date_zone.is_none().then(|| value::zone_refusal(raw, ds.date_format.as_deref())).flatten() {
                    Some(why) => {
                        let (path, col) = (ds.file.display.as_str(), col_name(&plan.labels, c));
                        Err(zone_error(path, line, ds, col, raw, &why))
                    }
                    None => self.unreadable_date(line, c, raw),
                }
            }
        }
    }

    /// An unreadable date cell: counted against its column and reported once per column, with
    /// the `date_format` its shapes suggest.
    /// Adds a warning to the dataset's quality report unless it is there already (a column's
    /// note, said once however many rows it holds for).
    fn warn_once(&mut self, warning: String) {
        if !self.quality.warnings.contains(&warning) {
            self.quality.warnings.push(warning);
        }
    }

    fn unreadable_date(&mut self, line: u64, c: usize, raw: &str) -> Result<Option<NaiveDate>> {
        let ds = self.plan.ds;
        self.columns[c].invalid += 1;
        let (path, col) = (ds.file.display.as_str(), col_name(&self.plan.labels, c));
        let key = format!("{col}: unreadable date");
        // The hint (which `date_format` to set) is given once per column, from the
        // shapes of all its unreadable dates (see `DateHint`).
        // A day the calendar lacks (`31/04/2024`) is a typo whatever the format: it is kept
        // apart, so that it neither suggests a format nor hides the one the others need.
        let missing_day = no_such_day(raw);
        // A date that reads but for a zone abbreviation of several zones needs its zone
        // named (the column's hint says so too, `DateHint::AmbiguousZone`).
        let zone_note = if missing_day { None } else { value::ambiguous_zone_note(raw) };
        if missing_day {
            self.quality.no_such_day(&key, line, || example(raw));
        } else if ds.date_format_written.is_none() {
            self.quality.date_shape(&key, date_formats(raw), line, || example(raw));
        }
        let what = match (missing_day, zone_note) {
            (true, _) => "not a day of the calendar".to_string(),
            (false, Some(note)) => note,
            (false, None) => "not a date".to_string(),
        };
        self.quality.problem(key, line, || format!("{path}:{line}:{col}: {} — {what}", example(raw)));
        Ok(None)
    }

    /// The interned period of a date (0: no date), memoised.
    pub(super) fn period(&mut self, date: Option<NaiveDate>) -> u64 {
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
    pub(super) fn join_lookups<'l>(
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
            let key = super::super::super::join_key(row.cell(*c));
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
                    let col = col_name(&plan.labels, *c);
                    // The key as written (`1000.5`), not as compared.
                    let shown = row.cell(*c);
                    self.quality.problem(super::no_match(col, lid), line, || {
                        format!("{path}:{line}:{col}: {} — no row of `{lid}` has this key", example(shown))
                    });
                }
            }
        }
        joined
    }
}
