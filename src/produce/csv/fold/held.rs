//! Rows a totals or summary label would leave out, held until the whole file has been read:
//! a label on many of its rows is a value, not a report's totals line. A SaaS export's plan
//! `Max`, a reviewer called `Min`, an NPS group column whose `Promoter` sits first on each row:
//! each looks like a summary line on its own row, and leaving them out moved the NPS by
//! tens of points. A report's totals, subtotals and summary lines are few; so a label on at
//! least [`reader::label_of_many_rows`] of the rows is read as the value it is, and the
//! rows it held are folded as responses after all.

use csv::ByteRecord;
use rustc_hash::{FxHashMap, FxHashSet};

use super::reader;

/// The most rows one worker holds (and their bytes). Past it the worker notes that it ran
/// over, and the whole file is read a second time once its counts are known (`fold_dataset`):
/// what a label is must depend on the whole file, never on which rows a worker was given.
const MOST_ROWS: usize = 16_384;
const MOST_BYTES: usize = 16 << 20;

/// What a totals or summary label on a row means.
pub(super) enum Verdict {
    /// A value of its column: the row is a response.
    Value,
    /// A report's own line: left out, counted as one.
    Totals,
    /// Not known until the file has been read: the row is held.
    Hold,
}

/// How a fold treats totals labels: holding the rows (the first pass over a file) or, once
/// the file's counts are known, reading the labels found on many rows as values.
pub(super) enum Totals {
    Holding(Held),
    Decided(FxHashSet<Box<str>>),
}

impl Default for Totals {
    fn default() -> Self {
        Totals::Holding(Held::default())
    }
}

impl Totals {
    /// The verdict on the row `rec` at `line`, labelled `label`, holding it when that is the
    /// verdict; every such row is counted under its label. `clean` is false for a row with
    /// undecodable bytes, whose problems were counted as it was read (they would count again
    /// if it were read a second time): it is not held, and the file is read again instead, as
    /// when a worker has more rows to hold than it may. A row whose label is a sum or a mean ([`reader::sums_or_means`]), and any row of
    /// a dataset with dates (`dated`), where a blank date already tells a report's line.
    pub(super) fn judge(&mut self, line: u64, rec: &ByteRecord, label: &str, clean: bool, dated: bool) -> Verdict {
        let key = key(label);
        match self {
            Totals::Decided(values) if values.contains(key.as_str()) => Verdict::Value,
            Totals::Decided(_) => Verdict::Totals,
            Totals::Holding(_) if dated || reader::sums_or_means(label) => Verdict::Totals,
            Totals::Holding(h) => {
                *h.counts.entry(key.into_boxed_str()).or_default() += 1;
                if !clean || h.rows.len() >= MOST_ROWS || h.bytes >= MOST_BYTES {
                    // Not held: the whole file is read again once the labels are decided.
                    h.overflowed = true;
                    Verdict::Totals
                } else {
                    h.bytes += rec.as_slice().len() + 64;
                    h.rows.push((line, rec.clone()));
                    Verdict::Hold
                }
            }
        }
    }

    /// What was held (nothing once decided).
    pub(super) fn take_held(&mut self) -> Held {
        match self {
            Totals::Holding(h) => std::mem::take(h),
            Totals::Decided(_) => Held::default(),
        }
    }
}

/// The rows held by a worker, and how many rows each label was found on.
#[derive(Default)]
pub(super) struct Held {
    rows: Vec<(u64, ByteRecord)>,
    counts: FxHashMap<Box<str>, u64>,
    bytes: usize,
    /// Whether a worker did not hold a row it should have: the file is then read again.
    overflowed: bool,
}

impl Held {
    /// Whether no row was held.
    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds another worker's holdings.
    pub(super) fn merge(&mut self, other: Held) {
        self.rows.extend(other.rows);
        for (k, n) in other.counts {
            *self.counts.entry(k).or_default() += n;
        }
        self.bytes += other.bytes;
        self.overflowed |= other.overflowed;
    }

    /// Whether some worker could not hold all its rows: the rows it judged as totals may be
    /// values, so the file must be read again with the labels decided.
    pub(super) fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// The verdict for the whole file of `rows_read` rows besides the held ones: the labels
    /// found on many rows (values), and the held rows in file order to be read again.
    pub(super) fn decide(mut self, rows_read: u64) -> (FxHashSet<Box<str>>, Vec<(u64, ByteRecord)>) {
        let all = rows_read + self.rows.len() as u64;
        let values =
            self.counts.into_iter().filter(|(_, n)| reader::label_of_many_rows(*n, all)).map(|(k, _)| k).collect();
        self.rows.sort_unstable_by_key(|(line, _)| *line);
        (values, self.rows)
    }
}

/// The form a label is counted under: as read, trimmed, in lower case (`MAX` and `Max` are one).
fn key(label: &str) -> String {
    label.trim().to_lowercase()
}
