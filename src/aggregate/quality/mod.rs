//! The data-quality report: every row read is accounted for as used or rejected, and
//! every value that could not be used is counted by reason with its first examples.

mod dates;
mod repeats;
mod tally;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Merge;
pub use dates::{relative_time, DateHint};
pub use repeats::{DuplicateIds, RepeatedScore, REPEATED_SCORE_MIN_RESPONDENTS, REPEATED_SCORE_MIN_SHARE};
pub use tally::{Tally, MAX_EXAMPLES};

/// The reason of an unreadable date, after its column's name (`date: unreadable date`).
pub const UNREADABLE_DATE: &str = ": unreadable date";

/// The reason a blank line or a line of empty cells is left out: no response, but a line of
/// the file, so counted (and not a failure under `--strict`).
pub const EMPTY_ROW: &str = "empty row";

/// The reason a line that repeats the file's header is left out (files joined with `cat`, a
/// header per page); also a warning (see [`DatasetQuality::warn_repeated_header`]).
pub const REPEATED_HEADER: &str = "repeated header";

/// The reason a totals or summary row (`Total`, `合计`, `Average` in its first filled cell) is
/// left out.
pub const TOTALS_ROW: &str = "totals row";

/// The reason a row is left out because `keep_rows:` does not list its value: asked for, so
/// not a failure under `--strict`.
pub const NOT_KEPT: &str = "left out by `keep_rows`";

/// The reason a row is left out because `drop_rows:` lists its value (not a failure under
/// `--strict`).
pub const DROPPED: &str = "left out by `drop_rows`";

/// The reason a row whose every score is blank or not applicable, with no comment, is left
/// out: a ticket or order never surveyed, a respondent who skipped every question. (A row
/// whose scores could not be read is rejected as "no usable score or comment".)
pub const NO_ANSWER: &str = "no answer";

/// Why a line of one cell under a wider header (a report's title or footer) is left out.
pub const LONE_CELL: &str = "a line of one cell";

/// Why the row under the header is left out when it names the columns again in other words.
pub const SECOND_HEADER: &str = "second header row";

/// Why a response its survey tool marks as spam is left out (`export:` settings; see
/// `produce::csv::screens`).
pub const SPAM: &str = "spam response";

/// Why a survey tool's preview or test response is left out.
pub const PREVIEW: &str = "preview or test response";

/// Why a response its survey tool marks unfinished is left out.
pub const INCOMPLETE: &str = "incomplete response";

/// The reasons for leaving a row out that the project asked for (its filters, the survey
/// tool's test, spam and unfinished responses its export settings leave out), or that hold no
/// response (an empty line, a row without an answer, a report's title, footer, totals row or
/// second header row): counted on the data-quality page, but no failure of the data, so
/// never a failure under `--strict`.
pub const ASKED: [&str; 10] =
    [EMPTY_ROW, NOT_KEPT, DROPPED, NO_ANSWER, TOTALS_ROW, LONE_CELL, SECOND_HEADER, SPAM, PREVIEW, INCOMPLETE];

/// A short record that looks like the rest of the record before it, cut in two by a line
/// break in a cell that is not quoted: `1,2024-01-03,shop,9,good service` then `but slow`
/// (five fields and one, where the header has five), or a break in a middle cell (three
/// fields and three, where the header has five). Excel also writes short rows (it leaves out
/// a row's trailing empty cells), so this is a warning, not an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CutRecord {
    /// The short record's line, and its number of fields.
    pub line: u64,
    pub fields: usize,
    /// The line the record before it starts on, and its number of fields.
    pub previous_line: u64,
    pub previous_fields: usize,
    /// The header's number of fields.
    pub width: usize,
}

/// Per-column counts of what was found in a used column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ColumnQuality {
    /// Cells with a usable value.
    pub valid: u64,
    /// Empty cells.
    pub blank: u64,
    /// Cells holding a listed not-applicable value.
    pub not_applicable: u64,
    /// Cells that could not be used (see the dataset's `problems`).
    pub invalid: u64,
}

/// The quality report of one dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DatasetQuality {
    pub id: String,
    pub path: String,
    pub source: String,
    /// `response` or `lookup`.
    pub role: &'static str,
    pub rows_read: u64,
    /// Rows that contributed at least one answer (responses) or a key (lookups).
    pub rows_used: u64,
    pub rows_rejected: u64,
    /// Why whole rows were rejected.
    pub rejected_rows: BTreeMap<String, Tally>,
    /// Values skipped inside otherwise used rows, by `column: reason`.
    pub problems: BTreeMap<String, Tally>,
    /// Counts per mapped column.
    pub columns: BTreeMap<String, ColumnQuality>,
    /// Not errors but worth a look (a byte-order mark that overrode `encoding:`); also
    /// listed in [`Quality::warnings`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Short records that look like the rest of the record before them, cut in two by a
    /// line break in a cell that is not quoted (the rows are read all the same).
    #[serde(skip_serializing_if = "Tally::is_empty")]
    pub cut_records: Tally,
    /// Cells whose quote was left open and that took in the row after them (each read as one
    /// row with the next inside a cell): a warning, and a failure under `--strict`.
    #[serde(skip_serializing_if = "Tally::is_empty")]
    pub open_quotes: Tally,
    /// The earliest of them, for the warning.
    #[serde(skip)]
    pub first_cut: Option<CutRecord>,
    /// Comments in a language the text analysis does not read ([`crate::text::unread_language`]),
    /// by language: counted and shown, with no sentiment, theme or keyword worked out.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub unread_comments: BTreeMap<String, Tally>,
    /// Rows that repeat an earlier row's respondent id, when the dataset names its
    /// `columns.respondent`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_ids: Option<DuplicateIds>,
    /// (hash of the respondent id — and, in long data, the touchpoint —, row) of every used
    /// row with an id, in sorted runs, one per part folded (parts merge by moving their runs,
    /// never by copying); [`DatasetQuality::resolve_duplicates`] turns them into
    /// `duplicate_ids` and frees them. The one cost per row (16 bytes) cxsite has, paid only
    /// where `columns.respondent` is set.
    #[serde(skip)]
    pub id_rows: Vec<Vec<(u64, u64)>>,
    /// Scores that carry one value on every row of (nearly) every respondent with several
    /// rows, in long data with a touchpoint column: a respondent-level score (likelihood to
    /// recommend) repeated on each touchpoint row, so counted once per row.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repeated_scores: Vec<RepeatedScore>,
    /// (hash of the respondent id alone, score index << 32 | value) of each score answered on
    /// a used row with an id, in long data with a touchpoint column; sorted runs, one per part,
    /// as `id_rows`. [`DatasetQuality::resolve_repeated_scores`] reads and frees them: 16
    /// bytes per score per row, paid only where `columns.respondent` and a touchpoint column
    /// are both set.
    #[serde(skip)]
    pub score_rows: Vec<Vec<(u64, u64)>>,
    /// (score id, column) by score index, for the datasets that fill `score_rows`.
    #[serde(skip)]
    pub score_columns: Vec<(String, String)>,
    /// The earliest (line, cell) of a date read as a month without its day, and of one read
    /// with its day: a column with both mixes two precisions, refused once the parts are merged.
    #[serde(skip)]
    pub date_precisions: [Option<(u64, String)>; 2],
    /// Per unreadable-date problem key, the `date_format`s that fit every unreadable date of a
    /// known shape so far (`None`: none of a known shape yet); made a [`DateHint`] at the end.
    #[serde(skip)]
    pub date_shapes: BTreeMap<String, Option<BTreeSet<String>>>,
    /// Per unreadable-date problem key, the earliest (row, shown value) of a date no format
    /// reads: the hint then says so, with the value, and names no format.
    #[serde(skip)]
    pub date_unfit: BTreeMap<String, (u64, String)>,
    /// Per unreadable-date problem key, how many of its dates name a day the calendar does not
    /// have (`31/04/2024`) and the earliest (row, shown value) of them: when they are all the
    /// column's unreadable dates, the hint says so.
    #[serde(skip)]
    pub date_no_such_day: BTreeMap<String, (u64, u64, String)>,
    /// Per join (by its problem key, `column: no match in lookup`), the keys that found a
    /// row: beside that problem's count, it tells a join that mostly fails (see
    /// [`DatasetQuality::warn_unmatched_joins`]).
    #[serde(skip)]
    pub join_matches: BTreeMap<String, JoinMatches>,
    /// (row filter, listed value) of each value of `keep_rows:` / `drop_rows:` some row holds,
    /// by index; [`DatasetQuality::warn_unmatched_filters`] warns of the others.
    #[serde(skip)]
    pub filter_seen: BTreeSet<(usize, usize)>,
}

/// The keys of one join that found their lookup row, and what a warning shows when most did
/// not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JoinMatches {
    pub matched: u64,
    /// The response dataset's join column.
    pub column: String,
    /// The lookup's id.
    pub lookup: String,
    /// The lookup's first key, quoted and redacted as examples are.
    pub lookup_key: Option<String>,
}

impl DatasetQuality {
    /// Rejects a whole row (at `line`) for `reason`.
    pub fn reject_row(&mut self, reason: &str, line: u64, example: impl FnOnce() -> String) {
        self.rows_rejected += 1;
        match self.rejected_rows.get_mut(reason) {
            Some(t) => t.add(line, example),
            None => self.rejected_rows.entry(reason.to_string()).or_default().add(line, example),
        }
    }

    /// Records a value (at `line`) that was skipped.
    pub fn problem(&mut self, key: String, line: u64, example: impl FnOnce() -> String) {
        self.problems.entry(key).or_default().add(line, example);
    }

    /// Rows left out as the project asked (`keep_rows:`, `drop_rows:`) or holding nothing:
    /// of [`DatasetQuality::rows_rejected`], those that are no failure of the data.
    pub fn rows_left_out_as_asked(&self) -> u64 {
        self.rejected_rows.iter().filter(|(r, _)| ASKED.contains(&r.as_str())).map(|(_, t)| t.count).sum()
    }

    /// Rows rejected for a failure of the data (a bad or missing value): the rest of
    /// [`DatasetQuality::rows_rejected`].
    pub fn rows_failed(&self) -> u64 {
        self.rows_rejected - self.rows_left_out_as_asked()
    }

    /// Total number of values skipped.
    pub fn problem_count(&self) -> u64 {
        self.problems.values().map(|t| t.count).sum()
    }

    /// Notes that a row holds value `value` of row filter `filter`.
    pub fn note_filter_value(&mut self, filter: usize, value: usize) {
        self.filter_seen.insert((filter, value));
    }

    /// Warns of each value a row filter lists that no row holds: a misspelt `keep_rows:` value
    /// leaves out every row that holds the value meant.
    pub fn warn_unmatched_filters(&mut self, filters: &[crate::project::RowFilter]) {
        for (fi, f) in filters.iter().enumerate() {
            let missing: Vec<String> = (0..f.values.len())
                .filter(|vi| !self.filter_seen.contains(&(fi, *vi)))
                .map(|vi| format!("`{}`", f.values[vi]))
                .collect();
            if missing.is_empty() {
                continue;
            }
            self.warnings.push(format!(
                "{}: row filter `{}` lists {} in column `{}`, which no row has; check the spelling (case and runs of spaces do not matter)",
                self.path,
                f.key(),
                missing.join(", "),
                f.column.name
            ));
        }
        self.filter_seen.clear();
    }

    /// A join whose keys mostly find no row (more than half of those not blank) becomes a
    /// warning with a key of each side: ids written one way in the answers and another in the
    /// lookup (`CUST-1` and `1`) leave every response out of the lookup's segments, which the
    /// counts on the data-quality page alone would not make plain. Once the parts are merged.
    pub fn warn_unmatched_joins(&mut self) {
        for (key, j) in std::mem::take(&mut self.join_matches) {
            let Some(missed) = self.problems.get(&key) else { continue };
            if missed.count <= j.matched {
                continue;
            }
            let total = missed.count + j.matched;
            let lid = &j.lookup;
            let theirs = match &j.lookup_key {
                Some(k) => format!("`{lid}` has keys like {k}"),
                None => format!("`{lid}` has no keys"),
            };
            let example = missed.examples.first().map(|e| format!("; e.g. {e}")).unwrap_or_default();
            self.warnings.push(format!(
                "{} has {} of {total} keys in column `{}` that find no row of `{lid}` ({theirs}){example}; are the ids written the same way in both files?",
                self.path, missed.count, j.column
            ));
        }
    }

    /// Counts a cut record ([`CutRecord`]), keeping the earliest for the warning.
    pub fn cut_record(&mut self, cut: CutRecord, example: impl FnOnce() -> String) {
        self.cut_records.add(cut.line, example);
        self.keep_first_cut(cut);
    }

    fn keep_first_cut(&mut self, cut: CutRecord) {
        if self.first_cut.is_none_or(|f| cut.line < f.line) {
            self.first_cut = Some(cut);
        }
    }

    /// Cut records become a warning, once the parts are merged: the rows were read as they
    /// stand (Excel writes short rows too), but a comment cut in two loses its end, and the
    /// rest of it lands in other columns.
    pub fn warn_cut_records(&mut self) {
        let Some(c) = self.first_cut else { return };
        self.warnings.push(format!(
            "{} has short rows that look like the rest of the row before them, cut in two by a line break in a cell that is not quoted (the first at line {}: {} of the header's {} fields, after line {}'s {}; {} in all); quote cells that hold line breaks, as spreadsheet programs do when they save CSV",
            self.path, c.line, c.fields, c.width, c.previous_line, c.previous_fields, self.cut_records.count
        ));
    }

    /// Cells that took in the row after them become a warning, once the parts are merged.
    pub fn warn_open_quotes(&mut self) {
        let Some(first) = self.open_quotes.lines.iter().min() else { return };
        self.warnings.push(format!(
            "{} has a quoted cell at line {first} that runs on over a line break into what reads as a whole row ({} in all): a quote left open takes in the row after it, which is then no row of its own; close the quote, or write a quote inside a cell as \"\"",
            self.path, self.open_quotes.count
        ));
    }

    /// Lines that repeat the header become a warning too, once the parts are merged: left out
    /// as rows, but a file made of two exports may hold the same responses twice, or two
    /// surveys' answers, which the counts alone would not make plain.
    pub fn warn_repeated_header(&mut self) {
        let Some(t) = self.rejected_rows.get(REPEATED_HEADER) else { return };
        let Some(line) = t.lines.iter().min() else { return };
        self.warnings.push(format!(
            "{} repeats its header at line {line} ({} in all): files joined together, or an export that writes the header on each page? Those lines are left out and the rows after them read as usual; check that no response is in the file twice",
            self.path, t.count
        ));
    }

    /// Comments in languages the analysis does not read become a warning, once the parts are
    /// merged: their sentiment is neutral in every count and in comments.csv, which the counts
    /// alone would not make plain.
    pub fn warn_unread_comments(&mut self) {
        if self.unread_comments.is_empty() {
            return;
        }
        let each: Vec<String> = self
            .unread_comments
            .iter()
            .map(|(lang, t)| {
                let first = t.lines.iter().min().map(|l| format!(", the first at line {l}")).unwrap_or_default();
                format!("{} in {lang}{first}", t.count)
            })
            .collect();
        self.warnings.push(format!(
            "{} has comments the text analysis does not read ({}): it reads Chinese and English. They count as comments and are shown as written, but have no theme or keyword and count as neutral",
            self.path,
            each.join("; ")
        ));
    }

    /// Adds another chunk's report of the same dataset.
    pub fn add_report(&mut self, other: &DatasetQuality) {
        for (lang, t) in &other.unread_comments {
            self.unread_comments.entry(lang.clone()).or_default().merge_from(t);
        }
        self.cut_records.merge_from(&other.cut_records);
        self.open_quotes.merge_from(&other.open_quotes);
        if let Some(c) = other.first_cut {
            self.keep_first_cut(c);
        }
        self.rows_read += other.rows_read;
        self.rows_used += other.rows_used;
        self.rows_rejected += other.rows_rejected;
        merge_tallies(&mut self.rejected_rows, &other.rejected_rows);
        merge_tallies(&mut self.problems, &other.problems);
        for (mine, theirs) in self.date_precisions.iter_mut().zip(&other.date_precisions) {
            if let Some(t) = theirs {
                if mine.as_ref().is_none_or(|m| t.0 < m.0) {
                    *mine = Some(t.clone());
                }
            }
        }
        for w in &other.warnings {
            if !self.warnings.contains(w) {
                self.warnings.push(w.clone());
            }
        }
        for (k, c) in &other.columns {
            let m = self.columns.entry(k.clone()).or_default();
            m.valid += c.valid;
            m.blank += c.blank;
            m.not_applicable += c.not_applicable;
            m.invalid += c.invalid;
        }
        match (&mut self.duplicate_ids, &other.duplicate_ids) {
            (Some(mine), Some(theirs)) => mine.count += theirs.count,
            (None, Some(theirs)) => self.duplicate_ids = Some(theirs.clone()),
            _ => {}
        }
        self.id_rows.extend(other.id_rows.iter().filter(|r| !r.is_empty()).cloned());
        self.score_rows.extend(other.score_rows.iter().filter(|r| !r.is_empty()).cloned());
        if self.score_columns.is_empty() {
            self.score_columns.clone_from(&other.score_columns);
        }
        for (k, fits) in &other.date_shapes {
            self.meet_shape(k, fits.clone());
        }
        for (k, (line, shown)) in &other.date_unfit {
            self.note_unfit(k, *line, || shown.clone());
        }
        for (k, (count, line, shown)) in &other.date_no_such_day {
            self.meet_no_such_day(k, *count, *line, || shown.clone());
        }
        self.filter_seen.extend(other.filter_seen.iter().copied());
        for (k, j) in &other.join_matches {
            self.join_matches.entry(k.clone()).or_insert_with(|| JoinMatches { matched: 0, ..j.clone() }).matched +=
                j.matched;
        }
    }
}

impl Merge for DatasetQuality {
    fn merge(&mut self, other: DatasetQuality) {
        if self.id.is_empty() && self.rows_read == 0 {
            // An empty report (the start of `merge_all`) takes the other's identity.
            self.id.clone_from(&other.id);
            self.path.clone_from(&other.path);
            self.source.clone_from(&other.source);
            self.role = other.role;
        }
        // The id runs move; `add_report` would copy them.
        let mut other = other;
        let runs = std::mem::take(&mut other.id_rows);
        let score_runs = std::mem::take(&mut other.score_rows);
        self.add_report(&other);
        self.id_rows.extend(runs.into_iter().filter(|r| !r.is_empty()));
        self.score_rows.extend(score_runs.into_iter().filter(|r| !r.is_empty()));
    }
}

fn merge_tallies(into: &mut BTreeMap<String, Tally>, from: &BTreeMap<String, Tally>) {
    for (k, t) in from {
        into.entry(k.clone()).or_default().merge_from(t);
    }
}

/// The quality report of the whole build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Quality {
    pub datasets: Vec<DatasetQuality>,
    /// Things that are not errors but deserve a look (identifier-like breakdown columns).
    pub warnings: Vec<String>,
    /// Earliest and latest response date seen (`YYYY-MM-DD`).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

impl Quality {
    /// Rows read over all datasets.
    pub fn rows_read(&self) -> u64 {
        self.datasets.iter().map(|d| d.rows_read).sum()
    }
    /// Rows rejected over all datasets.
    pub fn rows_rejected(&self) -> u64 {
        self.datasets.iter().map(|d| d.rows_rejected).sum()
    }
    /// Rows left out as the project asked (`keep_rows:`, `drop_rows:`) or holding nothing (an
    /// empty line), over all datasets: of [`Quality::rows_rejected`], those no failure.
    pub fn rows_left_out_as_asked(&self) -> u64 {
        self.datasets.iter().map(DatasetQuality::rows_left_out_as_asked).sum()
    }
    /// Rows rejected for a failure of the data, over all datasets.
    pub fn rows_failed(&self) -> u64 {
        self.datasets.iter().map(DatasetQuality::rows_failed).sum()
    }
    /// Values skipped over all datasets.
    pub fn values_skipped(&self) -> u64 {
        self.datasets.iter().map(DatasetQuality::problem_count).sum()
    }
}
