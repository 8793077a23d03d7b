//! A count of one problem with its first examples, the earliest rows whatever order the
//! parts were folded in.

use serde::Serialize;

use super::dates::{hint_text, DateHint};

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

    pub(super) fn merge_from(&mut self, other: &Tally) {
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
