//! The data-quality report: every row read is accounted for as used or rejected, and
//! every value that could not be used is counted by reason with its first examples.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use serde::{Serialize, Serializer};

use super::Merge;

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

/// The reasons for leaving a row out that the project asked for, or that hold no response
/// (an empty line): counted on the data-quality page, but no failure of the data.
pub const ASKED: [&str; 3] = [EMPTY_ROW, NOT_KEPT, DROPPED];

/// How many examples of each problem are kept.
pub const MAX_EXAMPLES: usize = 5;

/// A count with the first few examples (`file:row:column: value — why`), the earliest rows
/// of the file whatever order the rows were folded in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub count: u64,
    pub examples: Vec<String>,
    /// The row of each example, to keep the earliest when parts merge.
    #[serde(skip)]
    pub lines: Vec<u64>,
    /// What to do about it, given once for the whole count (unreadable dates: the
    /// `date_format` that reads them); written as English text in metrics.json.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "hint_text")]
    pub hint: Option<DateHint>,
}

/// What an unreadable date column needs, judged from all of its unreadable dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateHint {
    /// The dataset declares a `date_format` these dates do not match.
    Declared(String),
    /// Every unreadable date of a known shape fits this `date_format`.
    Set(String),
    /// Every one fits either (day first, month first): no date tells which.
    SetEither(String, String),
    /// The unreadable dates have shapes no one `date_format` reads.
    Mixed,
    /// No `date_format` cxsite knows reads this unreadable date (shown quoted, redacted).
    NoFormat(String),
    /// None has a shape cxsite knows: the standard forms are the way.
    Standard,
    /// A date written in a standard form, in a year before 1970 or after 2100 (shown quoted,
    /// redacted): a typo or a placeholder (`1900-01-01`), which would otherwise become the
    /// site's first or latest period.
    OutOfRange(String),
    /// Every unreadable date names a day the calendar does not have (shown quoted, redacted):
    /// a typo in the export, whatever the format.
    NoSuchDay(String),
    /// A relative time (`3 weeks ago`, `3天前`, `昨天 12:02`: shown quoted, redacted), as
    /// scraped reviews and social posts write them: it names no day without the day it was
    /// scraped, so no `date_format` reads it.
    Relative(String),
}

/// Whether `v` is a relative time as review sites and social media show one (`3 weeks ago`,
/// `2 hours ago`, `3天前`, `昨天 12:02`, `刚刚`): short, ending in `ago` or `前`, or opening with
/// a day named from today.
pub fn relative_time(v: &str) -> bool {
    let v = v.trim();
    v.chars().count() <= 20
        && (v.ends_with('前')
            || v.to_ascii_lowercase().ends_with(" ago")
            || ["昨天", "今天", "前天", "刚刚", "yesterday", "today", "Yesterday", "Today"]
                .iter()
                .any(|w| v.starts_with(w)))
}

impl DateHint {
    /// The hint for a column's unreadable dates: `declared`, or from the formats that fit
    /// every one of a known shape (`None`: none had a known shape).
    /// `unfit`: a date no format reads, when there is one.
    pub fn of(declared: Option<&str>, fits: Option<&BTreeSet<String>>, unfit: Option<&str>) -> DateHint {
        if let Some(f) = declared {
            return DateHint::Declared(f.to_string());
        }
        if let Some(shown) = unfit {
            if year_out_of_range(shown) {
                return DateHint::OutOfRange(shown.to_string());
            }
            if relative_time(shown.trim_matches('"')) {
                return DateHint::Relative(shown.to_string());
            }
            return DateHint::NoFormat(shown.to_string());
        }
        let Some(fits) = fits else { return DateHint::Standard };
        let v: Vec<&String> = fits.iter().collect();
        match v.as_slice() {
            [] => DateHint::Mixed,
            [one] => DateHint::Set(one.to_string()),
            [a, b] if a.starts_with("DD") => DateHint::SetEither(a.to_string(), b.to_string()),
            [a, b] => DateHint::SetEither(b.to_string(), a.to_string()),
            _ => DateHint::Mixed,
        }
    }

    /// The hint in English (metrics.json, `cxsite check`, build warnings).
    pub fn text(&self) -> String {
        match self {
            DateHint::Declared(f) => format!("dates must match the declared date_format {f}"),
            DateHint::Set(f) => format!("set `date_format: {f}` on the dataset to read them"),
            DateHint::SetEither(f, alt) => {
                format!("set `date_format: {f}` on the dataset to read them (or `{alt}` if the month comes first)")
            }
            DateHint::Mixed => {
                "the dates have more than one shape: write them as 2024-03-05 (or 2024-03-05 14:30)".to_string()
            }
            DateHint::NoFormat(shown) => format!(
                "no date_format reads dates such as {shown}: write them as e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30"
            ),
            DateHint::Standard => "write dates as e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30".to_string(),
            DateHint::OutOfRange(shown) => format!(
                "dates such as {shown} are outside the years read (1970 to 2100): a typo, or a placeholder for no date?"
            ),
            DateHint::Relative(shown) => format!(
                "dates such as {shown} are relative to the day they were exported and name no day: export dates (most review tools can), or leave the cells blank"
            ),
            DateHint::NoSuchDay(shown) => format!(
                "dates such as {shown} name a day the calendar does not have: a typo? Correct them in the data, or leave the cells blank"
            ),
        }
    }
}

/// Whether a shown date (quoted, as examples are) starts with a year — four digits, then `-`,
/// `/`, `.` or `年` — before 1970 or after 2100, the years a date is read in.
fn year_out_of_range(shown: &str) -> bool {
    let t = shown.trim().trim_start_matches('"');
    let (year, rest) = t.split_at(t.char_indices().nth(4).map_or(t.len(), |(i, _)| i));
    let year: Option<i32> =
        (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| year.parse().ok()).flatten();
    let separated = rest.starts_with(['-', '/', '.', '年']);
    year.is_some_and(|y| separated && !(1970..=2100).contains(&y))
}

fn hint_text<S: Serializer>(hint: &Option<DateHint>, s: S) -> Result<S::Ok, S::Error> {
    match hint {
        Some(h) => s.serialize_str(&h.text()),
        None => s.serialize_none(),
    }
}

impl Tally {
    /// Counts one occurrence at `line`, keeping the example if it is among the earliest.
    pub fn add(&mut self, line: u64, example: impl FnOnce() -> String) {
        self.count += 1;
        if self.examples.len() < MAX_EXAMPLES || self.lines.last().is_some_and(|l| line < *l) {
            let at = self.lines.partition_point(|l| *l <= line);
            self.lines.insert(at, line);
            self.examples.insert(at, example());
            self.lines.truncate(MAX_EXAMPLES);
            self.examples.truncate(MAX_EXAMPLES);
        }
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn merge_from(&mut self, other: &Tally) {
        self.count += other.count;
        if self.hint.is_none() {
            self.hint.clone_from(&other.hint);
        }
        for (l, e) in other.lines.iter().zip(&other.examples) {
            if self.examples.len() < MAX_EXAMPLES || self.lines.last().is_some_and(|x| l < x) {
                let at = self.lines.partition_point(|x| x <= l);
                self.lines.insert(at, *l);
                self.examples.insert(at, e.clone());
                self.lines.truncate(MAX_EXAMPLES);
                self.examples.truncate(MAX_EXAMPLES);
            }
        }
    }
}

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

/// The next (hash, row) of a sorted run, with the run's index and the pair's position in it.
type RunHead = ((u64, u64), usize, usize);

/// Repeated respondent ids: how many rows repeat an id seen on an earlier row, and the first
/// few of those rows, each naming the row it repeats. Such rows are counted, not dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DuplicateIds {
    /// The respondent column.
    pub column: String,
    /// Long data with a touchpoint column: a respondent rates several touchpoints, so a repeat
    /// is the same id at the same touchpoint.
    pub per_touchpoint: bool,
    /// Rows whose id (at that touchpoint) an earlier row has.
    pub count: u64,
    /// `file:row:column: same id as row N`, the earliest rows first.
    pub examples: Vec<String>,
    /// (row, the row it repeats) of each example, for the page to say in its language.
    #[serde(skip)]
    pub rows: Vec<(u64, u64)>,
}

/// At least this many respondents with two or more rows must give a score…
pub const REPEATED_SCORE_MIN_RESPONDENTS: u64 = 20;
/// …and at least this share of them one value on all their rows, for it to be taken for a
/// respondent-level score repeated on each row. Two per-touchpoint ratings of one person are
/// often equal, but not for 95% of people with several rows.
pub const REPEATED_SCORE_MIN_SHARE: f64 = 0.95;

/// A score that is the same on every row of a respondent (long data): a respondent-level
/// score repeated on each touchpoint row, which cxsite counts once per row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RepeatedScore {
    /// The score's id.
    pub score: String,
    /// Its column.
    pub column: String,
    /// Rows that give the score.
    pub rows: u64,
    /// Respondents who give it.
    pub respondents: u64,
    /// Respondents who give it on two or more rows…
    pub respondents_with_several_rows: u64,
    /// …and of those, the ones whose rows all give one value.
    pub constant: u64,
}

impl RepeatedScore {
    /// The warning, in words (`path` the dataset's file).
    pub fn warning(&self, path: &str) -> String {
        format!(
            "{path} repeats score `{}` (column `{}`) on every row of a respondent: {} of the {} respondents with more than one row give it one value on all their rows ({} rows from {} respondents); it is counted once per row, so a respondent with more touchpoint rows weighs more; a respondent-level score belongs in its own dataset of one row per respondent (a wide export or the survey's response-level file)",
            self.score, self.column, self.constant, self.respondents_with_several_rows, self.rows, self.respondents
        )
    }
}

impl DatasetQuality {
    /// Finds the scores repeated on every row of a respondent (see [`RepeatedScore`]) from
    /// `score_rows`, frees them, and adds a warning for each. The runs are merged as they are
    /// read (no copy of them all); the result does not depend on how the rows were split.
    pub fn resolve_repeated_scores(&mut self) {
        let runs = std::mem::take(&mut self.score_rows);
        let names = std::mem::take(&mut self.score_columns);
        if runs.is_empty() {
            return;
        }
        // Per score index: rows, respondents, respondents with 2+ rows, constant ones.
        let mut stats: BTreeMap<u32, [u64; 4]> = BTreeMap::new();
        let mut heads: BinaryHeap<Reverse<RunHead>> =
            runs.iter().enumerate().filter_map(|(r, run)| run.first().map(|x| Reverse((*x, r, 0)))).collect();
        // The current (respondent, score): its first value, rows, and whether all are equal.
        let mut current: Option<(u64, u32, u32, u64, bool)> = None;
        let close = |stats: &mut BTreeMap<u32, [u64; 4]>, c: Option<(u64, u32, u32, u64, bool)>| {
            if let Some((_, score, _, rows, same)) = c {
                let s = stats.entry(score).or_default();
                s[0] += rows;
                s[1] += 1;
                if rows > 1 {
                    s[2] += 1;
                    s[3] += u64::from(same);
                }
            }
        };
        while let Some(Reverse(((person, packed), r, i))) = heads.pop() {
            if let Some(next) = runs[r].get(i + 1) {
                heads.push(Reverse((*next, r, i + 1)));
            }
            let (score, value) = ((packed >> 32) as u32, packed as u32);
            match &mut current {
                Some((p, s, v, rows, same)) if *p == person && *s == score => {
                    *rows += 1;
                    *same &= *v == value;
                }
                _ => {
                    close(&mut stats, current.take());
                    current = Some((person, score, value, 1, true));
                }
            }
        }
        close(&mut stats, current);
        for (score, [rows, respondents, several, constant]) in stats {
            if several < REPEATED_SCORE_MIN_RESPONDENTS || (constant as f64) < REPEATED_SCORE_MIN_SHARE * several as f64
            {
                continue;
            }
            let (id, column) = names.get(score as usize).cloned().unwrap_or_default();
            let found = RepeatedScore {
                score: id,
                column,
                rows,
                respondents,
                respondents_with_several_rows: several,
                constant,
            };
            self.warnings.push(found.warning(&self.path));
            self.repeated_scores.push(found);
        }
    }

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

    /// Notes the formats that would read an unreadable date (`fits`; `None` for text that is
    /// no date at all) under problem `key`, at `line`: a column's hint is what fits all of
    /// them; a date no format reads (an empty `fits`) is kept as the hint's example (`shown`).
    pub fn date_shape(&mut self, key: &str, fits: Option<BTreeSet<String>>, line: u64, shown: impl FnOnce() -> String) {
        if fits.as_ref().is_some_and(BTreeSet::is_empty) {
            self.note_unfit(key, line, shown);
        }
        self.meet_shape(key, fits);
    }

    /// Counts a date naming a day the calendar does not have under problem `key`, at `line`,
    /// keeping the earliest as the hint's example (`shown`).
    pub fn no_such_day(&mut self, key: &str, line: u64, shown: impl FnOnce() -> String) {
        self.meet_no_such_day(key, 1, line, shown);
    }

    fn meet_no_such_day(&mut self, key: &str, count: u64, line: u64, shown: impl FnOnce() -> String) {
        match self.date_no_such_day.get_mut(key) {
            Some(u) => {
                u.0 += count;
                if line < u.1 {
                    (u.1, u.2) = (line, shown());
                }
            }
            None => {
                self.date_no_such_day.insert(key.to_string(), (count, line, shown()));
            }
        }
    }

    /// Keeps the earliest date no format reads under `key`.
    fn note_unfit(&mut self, key: &str, line: u64, shown: impl FnOnce() -> String) {
        match self.date_unfit.get_mut(key) {
            Some(u) if u.0 <= line => {}
            Some(u) => *u = (line, shown()),
            None => {
                self.date_unfit.insert(key.to_string(), (line, shown()));
            }
        }
    }

    fn meet_shape(&mut self, key: &str, fits: Option<BTreeSet<String>>) {
        match self.date_shapes.get_mut(key) {
            Some(seen) => *seen = meet(seen.take(), fits),
            None => {
                self.date_shapes.insert(key.to_string(), fits);
            }
        }
    }

    /// Turns the id rows into `duplicate_ids` (count and examples, the earliest repeats
    /// first, whatever order the parts were folded in) and frees them. Ids are compared by
    /// a 64-bit hash: two different ids share one with a chance of about n²/2⁶⁵ (one in 37
    /// million for a million rows), so a reported repeat is a real one.
    pub fn resolve_duplicates(&mut self) {
        let runs = std::mem::take(&mut self.id_rows);
        let Some(d) = &mut self.duplicate_ids else { return };
        // (row, the row it repeats), the earliest repeats only.
        let mut earliest: Vec<(u64, u64)> = Vec::new();
        // The runs' rows in (hash, row) order, merged as they are read: no copy of them all.
        let mut heads: BinaryHeap<Reverse<RunHead>> =
            runs.iter().enumerate().filter_map(|(r, run)| run.first().map(|x| Reverse((*x, r, 0)))).collect();
        let mut current: Option<(u64, u64)> = None;
        while let Some(Reverse(((hash, line), r, i))) = heads.pop() {
            if let Some(next) = runs[r].get(i + 1) {
                heads.push(Reverse((*next, r, i + 1)));
            }
            match current {
                Some((h, first)) if h == hash => {
                    d.count += 1;
                    if earliest.len() < MAX_EXAMPLES || earliest.last().is_some_and(|l| line < l.0) {
                        let at = earliest.partition_point(|l| l.0 <= line);
                        earliest.insert(at, (line, first));
                        earliest.truncate(MAX_EXAMPLES);
                    }
                }
                _ => current = Some((hash, line)),
            }
        }
        let (path, col) = (self.path.as_str(), d.column.as_str());
        let what = if d.per_touchpoint { "same id and touchpoint as" } else { "same id as" };
        d.examples = earliest.iter().map(|(line, first)| format!("{path}:{line}:{col}: {what} row {first}")).collect();
        d.rows = earliest;
    }

    /// A join whose keys mostly find no row (more than half of those not blank) becomes a
    /// warning with a key of each side: ids written one way in the answers and another in the
    /// lookup (`CUST-1` and `1`) leave every response out of the lookup's segments, which the
    /// counts on the data-quality page alone would not make plain. Once the parts are merged.
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

    /// Adds another chunk's report of the same dataset.
    pub fn add_report(&mut self, other: &DatasetQuality) {
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

/// What fits both: the formats in both sets; a side with no known shape adds no constraint.
fn meet(a: Option<BTreeSet<String>>, b: Option<BTreeSet<String>>) -> Option<BTreeSet<String>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
        (a, None) => a,
        (None, b) => b,
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

#[cfg(test)]
mod tests {
    use super::DateHint;

    #[test]
    fn a_standard_date_outside_the_years_read_is_hinted_as_such_not_as_a_format() {
        for shown in ["\"1969-12-15\"", "\"1900/01/01 00:00\"", "\"2999.1.1\"", "\"1899年12月30日\""] {
            assert_eq!(DateHint::of(None, None, Some(shown)), DateHint::OutOfRange(shown.into()), "{shown}");
        }
        // In the years read, or no year first: a shape no format reads.
        for shown in ["\"2024-13-45\"", "\"15/12/1969\"", "\"19691215\"", "\"next week\""] {
            assert_eq!(DateHint::of(None, None, Some(shown)), DateHint::NoFormat(shown.into()), "{shown}");
        }
        assert!(DateHint::OutOfRange("\"1969-12-15\"".into()).text().contains("outside the years read (1970 to 2100)"));
    }

    /// Relative times, as scraped reviews and posts write them, are hinted as such: no
    /// `date_format` would read them.
    #[test]
    fn a_relative_time_is_hinted_as_naming_no_day() {
        for shown in ["\"3 weeks ago\"", "\"2 Hours Ago\"", "\"3天前\"", "\"昨天 12:02\"", "\"yesterday\"", "\"刚刚\""]
        {
            assert_eq!(DateHint::of(None, None, Some(shown)), DateHint::Relative(shown.into()), "{shown}");
        }
        assert!(DateHint::Relative("\"3 weeks ago\"".into()).text().contains("relative to the day they were exported"));
        // A declared format is said first, whatever the date.
        assert_eq!(
            DateHint::of(Some("%d/%m/%Y"), None, Some("\"3 weeks ago\"")),
            DateHint::Declared("%d/%m/%Y".into())
        );
    }
}
