//! A row's comments: read (a non-answer is none), counted, offered to the touchpoint's sample
//! and handed to the text hook.

use chrono::{Datelike, NaiveDate};

use super::super::text::Held;
use super::super::Acc;
use super::Row;
use crate::aggregate::{held_text, redact, stable_hash, text_key, Comment, HELD_BYTES};
use crate::project::Format;

/// What a row's comments share: where the row is, and whether a comment is its first.
#[derive(Clone, Copy)]
pub(super) struct RowOfComment {
    pub(super) line: u64,
    /// The row's touchpoint (a long dataset's; a wide one's comments have none).
    pub(super) tp: Option<usize>,
    pub(super) date: Option<NaiveDate>,
    /// The row's first score answered, as its comments are tagged with it.
    pub(super) first_score: Option<(usize, i64)>,
    /// No earlier comment of the row was kept.
    pub(super) first_of_row: bool,
}

impl Acc<'_> {
    /// The row's comment in the dataset's `k`-th comment column, unless blank or (Wenjuanxing
    /// exports) a skipped-question marker.
    pub(super) fn comment_text<'r>(&self, row: Row<'r>, k: usize) -> Option<std::borrow::Cow<'r, str>> {
        let ds = self.plan.ds;
        let skipped = |t: &str| {
            ds.file.export == Some(crate::project::Export::Wenjuanxing)
                && crate::project::choices::skipped(&redact::cell_value(t))
        };
        // A cell of only invisible characters (zero-width spaces), or a non-answer (`无`, `N/A`,
        // `no comment`, `-`), says nothing.
        let blank = |t: &str| t.is_empty() || crate::text::is_non_answer(&redact::strip_invisible(t));
        // Character references of a scraped page (`&nbsp;`, `&amp;`) are read as what they stand for.
        let text = crate::produce::csv::value::decode_entities(row.cell(self.plan.comments.get(k)?.0));
        let text = match text {
            std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(t.trim()),
            std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(t.trim().to_string()),
        };
        Some(text).filter(|t| !blank(t) && !skipped(t))
    }

    /// Counts a used row's comment (of the dataset's `k`-th comment column), offers it to the
    /// sample and hands it to the text hook.
    pub(super) fn keep_comment(&mut self, text: &str, k: usize, row: &RowOfComment) {
        let RowOfComment { line, tp: row_tp, date, first_score, first_of_row } = *row;
        let ds = self.plan.ds;
        let tp = if ds.format == Format::Long { row_tp } else { None };
        let question = self.plan.comments[k].1;
        let hash = comment_hash(&ds.id, text, date, tp, &self.project.questions[question].id, first_score);
        // Only a comment that enters the sample is copied (and, once the dataset's parts are
        // merged, redacted: `Comments::redact`). What the sample holds of it goes on to the
        // text samples, so that a long comment, redacted at once, is redacted only here.
        let slot = tp.map_or(0, |t| t + 1);
        self.comment_counts[slot] += 1;
        let mut held: Held = None;
        if hash <= self.comment_cutoffs[slot] && !self.comment_seen[slot].offered_smaller(text, hash) {
            let source = &ds.source;
            self.comment_cutoffs[slot] = self.comments.keep(tp, hash, || {
                let (text, key) = held.get_or_insert_with(|| (held_text(text), text_key(text))).clone();
                Comment {
                    text,
                    touchpoint: tp,
                    score: first_score,
                    date,
                    source: source.clone(),
                    dataset: ds.id.clone(),
                    row: line,
                    sentiment: 1,
                    themes: 0,
                    question,
                    key,
                }
            });
        }
        let at = super::super::text::CommentAt { question, tp, date, score: first_score, line, hash, first_of_row };
        // Only a long one's: a short comment is held as written, which costs nothing to work
        // out again, and a comment set aside until the analyser is ready should not be held twice.
        self.analyze_comment(text, at, held.filter(|_| text.len() > HELD_BYTES));
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
pub(in crate::produce::csv::fold) struct SeenTexts {
    smallest: rustc_hash::FxHashMap<Box<str>, u64>,
}

/// Texts remembered per touchpoint, and the longest remembered (repeated texts are short and
/// few: the memory is meant for them; at most about 70 KB a touchpoint).
const SEEN_TEXTS: usize = 256;
const SEEN_TEXT_BYTES: usize = 256;

impl SeenTexts {
    /// Whether `text` was offered before with a hash below `hash` (so offering it again
    /// changes nothing); remembers the offer otherwise, room permitting.
    pub(in crate::produce::csv::fold) fn offered_smaller(&mut self, text: &str, hash: u64) -> bool {
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
    use crate::aggregate::{keep_smallest, test_comment_saying};
    use std::collections::BTreeMap;

    #[test]
    pub(super) fn turning_away_a_text_offered_before_with_a_smaller_hash_keeps_the_same_sample() {
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
        let make = |text: &str, row: u64| test_comment_saying(row, text);
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
