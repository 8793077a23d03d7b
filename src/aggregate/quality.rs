//! The data-quality report: every row read is accounted for as used or rejected, and
//! every value that could not be used is counted by reason with its first examples.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Merge;

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

    fn merge_from(&mut self, other: &Tally) {
        self.count += other.count;
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

    /// Total number of values skipped.
    pub fn problem_count(&self) -> u64 {
        self.problems.values().map(|t| t.count).sum()
    }

    /// Adds another chunk's report of the same dataset.
    pub fn add_report(&mut self, other: &DatasetQuality) {
        self.rows_read += other.rows_read;
        self.rows_used += other.rows_used;
        self.rows_rejected += other.rows_rejected;
        merge_tallies(&mut self.rejected_rows, &other.rejected_rows);
        merge_tallies(&mut self.problems, &other.problems);
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
        self.add_report(&other);
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
    /// Values skipped over all datasets.
    pub fn values_skipped(&self) -> u64 {
        self.datasets.iter().map(DatasetQuality::problem_count).sum()
    }
}
