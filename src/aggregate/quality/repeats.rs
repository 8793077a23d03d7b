//! What repeats across a dataset's rows: respondent ids seen on an earlier row, and scores
//! the same on every row of a respondent. Both are found once the parts merge, from sorted
//! runs merged as they are read.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde::Serialize;

use super::{DatasetQuality, MAX_EXAMPLES};

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
}
